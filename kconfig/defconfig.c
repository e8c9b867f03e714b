/* defconfig.c - defconfig make targets as kbuild resolves them (arch/$SRCARCH/configs
 * files, the arch Makefile's merge_into_defconfig rules, the MIPS generic boards). */
#include "config.h"

#include "kexplore/defconfig.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kexplore/cfgfile.h"
#include "internal.h"

static char *
configs_path(const struct kc_tree *t, const char *file)
{
	return kc_xasprintf("%s/arch/%s/configs/%s", t->srctree, t->srcarch, file);
}

/* Reads BASE then each fragment of "BASE,F1 F2...)" (the text after the first ','). */
static enum kc_status
read_merge_call(struct kc_tree *t, char *args)
{
	char *frags = strchr(args, ','), *end = strrchr(args, ')'), *tok, *save = NULL, *p;
	enum kc_status st;

	if (!frags || !end || end < frags)
		return KC_ENOENT;
	*frags++ = 0;
	*end = 0;
	p = configs_path(t, args);
	st = kc_config_read(t, p);
	free(p);
	for (tok = strtok_r(frags, " \t", &save); st == KC_OK && tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		char *frag = kc_xasprintf("%s.config", tok);

		p = configs_path(t, frag);
		kc_config_merge(t, p);
		free(p);
		free(frag);
	}
	return st;
}

/* "NAME:" in the arch Makefile, its next line a merge_into_defconfig call. */
static enum kc_status
read_merged(struct kc_tree *t, const char *name)
{
	char *mk_path = kc_xasprintf("%s/arch/%s/Makefile", t->srctree, t->srcarch);
	char *mk = kc_read_whole_file(mk_path, NULL, NULL), *line, *save = NULL, *p;
	size_t n = strlen(name);
	bool next_is_recipe = false;
	enum kc_status st = KC_ENOENT;

	free(mk_path);
	for (line = mk ? strtok_r(mk, "\n", &save) : NULL; line && st == KC_ENOENT;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!next_is_recipe) {
			next_is_recipe = !strncmp(line, name, n) && line[n] == ':';
			continue;
		}
		next_is_recipe = false;
		p = strstr(line, "merge_into_defconfig");
		if (p && (p = strchr(p, ',')))
			st = read_merge_call(t, p + 1);
	}
	free(mk);
	return st;
}

/* Whether @line is a whole line of @cfg. */
static bool
config_has_line(const char *cfg, const char *line)
{
	size_t n = strlen(line);
	const char *p = cfg;

	while ((p = strstr(p, line))) {
		if ((p == cfg || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* A board fragment applies when each "# require CONFIG_X=y|n" holds in @ref. */
static bool
board_applies(const char *path, const char *ref)
{
	struct kc_cfgfile f;
	char *line, *save = NULL;
	bool ok = kc_cfgfile_read(path, KC_CFG_TEXT, &f) == KC_OK;

	for (line = ok ? strtok_r(f.data, "\n", &save) : NULL; ok && line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *req;
		size_t n;

		if (strncmp(line, "# require ", 10))
			continue;
		req = line + 10;
		n = strlen(req);
		if (n > 2 && !strcmp(req + n - 2, "=y")) {
			ok = config_has_line(ref, req);
		} else if (n > 2 && !strcmp(req + n - 2, "=n")) {
			req[n - 1] = 'y';
			ok = !config_has_line(ref, req);
		}
	}
	kc_cfgfile_done(&f);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* generic/board-*.config, sorted as make's $(wildcard) is. */
static void
list_boards(const char *dir, struct kc_vec *boards)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, "board-", 6) && strstr(de->d_name, ".config"))
			kc_vec_push(boards, kc_xasprintf("%s/%s", dir, de->d_name));
	if (d)
		closedir(d);
	if (boards->n)
		qsort(boards->v, boards->n, sizeof(*boards->v), cmp_str);
}

static void
merge_boards(struct kc_tree *t)
{
	char *dir = kc_xasprintf("%s/arch/mips/configs/generic", t->srctree);
	char *ref = kc_config_str(t);
	struct kc_vec boards = { 0 };
	size_t i;

	list_boards(dir, &boards);
	for (i = 0; i < boards.n; i++) {
		if (board_applies(boards.v[i], ref))
			kc_config_merge(t, boards.v[i]);
		free(boards.v[i]);
	}
	kc_vec_free(&boards);
	free(ref);
	free(dir);
}

/* The generic fragment FILE.config, when it exists. */
static char *
generic_fragment(const struct kc_tree *t, const char *file)
{
	char *p = kc_xasprintf("%s/arch/mips/configs/generic/%s.config", t->srctree, file);

	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

/* MIPS generic: NAME is ISA[el]_defconfig with generic/ISA.config present. */
static enum kc_status
read_mips_generic(struct kc_tree *t, const char *name)
{
	size_t len = strlen(name);
	char *isa, *frag, *base;
	bool el;
	enum kc_status st;

	if (strcmp(t->srcarch, "mips") || len < 11 || strcmp(name + len - 10, "_defconfig"))
		return KC_ENOENT;
	isa = kc_xstrndup(name, len - 10);
	el = strlen(isa) > 2 && !strcmp(isa + strlen(isa) - 2, "el");
	if (el)
		isa[strlen(isa) - 2] = 0;
	frag = generic_fragment(t, isa);
	if (!frag) {
		free(isa);
		return KC_ENOENT;
	}
	base = configs_path(t, "generic_defconfig");
	st = kc_config_read(t, base);
	if (st == KC_OK) {
		char *endian = generic_fragment(t, el ? "el" : "eb");

		kc_config_merge(t, frag);
		if (endian)
			kc_config_merge(t, endian);
		free(endian);
		merge_boards(t);
	}
	free(base);
	free(frag);
	free(isa);
	return st;
}

/* Drops the diagnostics added since @from: a fragment's overrides are expected. */
static void
drop_diags(struct kc_tree *t, size_t from)
{
	size_t i;

	for (i = from; i < t->diags.n; i++) {
		struct kc_diag *d = t->diags.v[i];

		free((char *)d->message);
		free(d);
	}
	t->diags.n = from;
}

static enum kc_status
read_target(struct kc_tree *t, const char *name)
{
	size_t ndiags = t->diags.n;
	enum kc_status st = read_merged(t, name);

	if (st == KC_ENOENT)
		st = read_mips_generic(t, name);
	if (st == KC_OK)
		drop_diags(t, ndiags);
	return st;
}

enum kc_status
kc_defconfig_target(struct kc_tree *t, const char *name, char **what)
{
	char *def = NULL, *file, *path;
	enum kc_status st;

	if (!name || !strcmp(name, "defconfig")) {
		def = kc_tree_default_defconfig(t);
		name = strrchr(def, '/') ? strrchr(def, '/') + 1 : def;
	}
	file = kc_xasprintf("arch/%s/configs/%s", t->srcarch, name);
	path = kc_xasprintf("%s/%s", t->srctree, file);
	if (access(path, F_OK) == 0 || (st = read_target(t, name)) == KC_ENOENT)
		st = kc_config_read(t, path);
	free(path);
	if (what)
		*what = file;
	else
		free(file);
	free(def);
	return st;
}
