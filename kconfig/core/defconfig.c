/* defconfig.c - what `make NAME` reads for a defconfig: a file, or an arch
 * Makefile target that merges a base defconfig with fragments (scripts/Makefile.defconf),
 * or a MIPS generic target; part of the config-file service (kexplore/cfgfile.h). */
#include "config.h"

#include "kexplore/cfgfile.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

#define MAX_ALIAS_DEPTH 4	/* pseries_defconfig: ppc64le_guest_defconfig: ... */

static bool
readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* ---- merge_into_defconfig targets ------------------------------------------- */

/*
 * rule_of - in the Makefile text @mk, the rule "TARGET:": its first prerequisite
 * (to @prereq) and its first recipe line, continuation lines joined (returned;
 * caller frees both). NULL when there is no such rule.
 */
static char *
rule_of(const char *mk, const char *target, char **prereq)
{
	size_t n = strlen(target);
	const char *p, *e;
	struct kc_buf r = { 0 };

	for (p = mk; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, target, n) || p[n] != ':' || p[n + 1] == '=')
			continue;
		p += n + 1;
		p += strspn(p, " \t");
		*prereq = kc_xstrndup(p, strcspn(p, " \t\n#;"));
		for (p = strchr(p, '\n'); p && *p && p[1] == '\t'; p = e) {
			p += 2;
			e = strchr(p, '\n');
			if (!e)
				e = p + strlen(p);
			kc_buf_add(&r, p, (size_t)(e - p));
			if (r.len == 0 || r.s[r.len - 1] != '\\')
				break;
			r.s[r.len - 1] = ' ';	/* make joins a continued line with a space */
		}
		kc_buf_puts(&r, "");
		return kc_buf_steal(&r);
	}
	return NULL;
}

/* merge_args - "BASE" and "F1 F2..." of "$(call merge_into_defconfig[_override],BASE,F1 F2)". */
static bool
merge_args(char *recipe, char **base, char **frags)
{
	char *p = strstr(recipe, "merge_into_defconfig"), *end;

	if (!p || !(p = strchr(p, ',')))
		return false;
	*base = p + 1;
	p = strchr(*base, ',');
	end = strrchr(*base, ')');
	if (!p || !end || end < p)
		return false;
	*p = '\0';
	*end = '\0';
	*frags = p + 1;
	*base += strspn(*base, " \t");
	(*base)[strcspn(*base, " \t")] = '\0';
	return **base != '\0';
}

/* read_merged - the base, then each fragment on top: merge_config.sh keeps the last
 * assignment of a symbol and olddefconfig then reads the result, as reading them in
 * order does (also inside a choice). */
static enum kc_status
read_merged(struct kc_tree *t, const char *base, char *frags)
{
	char *path = kc_xasprintf("%s/arch/%s/configs/%s", t->srctree, t->srcarch, base);
	char *tok, *save = NULL;
	enum kc_status st = kc_config_read(t, path);

	free(path);
	for (tok = strtok_r(frags, " \t", &save); tok && st == KC_OK;
	     tok = strtok_r(NULL, " \t", &save)) {
		path = kc_xasprintf("%s/arch/%s/configs/%s.config", t->srctree, t->srcarch, tok);
		st = kc_config_merge(t, path);
		free(path);
	}
	return st;
}

/* read_target - @name as a target of arch/$SRCARCH/Makefile; KC_ENOENT when it is none. */
static enum kc_status
read_target(struct kc_tree *t, const char *name, int depth)
{
	char *mkpath = kc_xasprintf("%s/arch/%s/Makefile", t->srctree, t->srcarch);
	char *recipe = NULL, *prereq = NULL, *base, *frags;
	enum kc_status st = KC_ENOENT;
	struct kc_cfgfile mk;

	if (kc_cfgfile_read(mkpath, KC_CFG_TEXT, &mk) == KC_OK)
		recipe = rule_of(mk.data, name, &prereq);
	if (recipe && merge_args(recipe, &base, &frags))
		st = read_merged(t, base, frags);
	else if (recipe && !*recipe && depth < MAX_ALIAS_DEPTH && strstr(prereq, "_defconfig"))
		st = read_target(t, prereq, depth + 1);	/* "NAME: OTHER_defconfig", no recipe */
	kc_cfgfile_done(&mk);
	free(recipe);
	free(prereq);
	free(mkpath);
	return st;
}

/* ---- MIPS generic targets ------------------------------------------------------------ */

/* has_line - @line is a whole line of @text. */
static bool
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	for (; (p = strstr(p, line)); p += n)
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return true;
	return false;
}

/* board_applies - each "# require CONFIG_X=y|n" of the board fragment holds in @ref. */
static bool
board_applies(const char *path, const char *ref)
{
	struct kc_cfgfile f;
	char *line, *save = NULL;
	bool ok = kc_cfgfile_read(path, KC_CFG_TEXT, &f) == KC_OK;
	size_t n;

	for (line = ok ? strtok_r(f.data, "\n", &save) : NULL; ok && line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "# require ", 10))
			continue;
		line += 10;
		n = strlen(line);
		if (n > 2 && !strcmp(line + n - 2, "=y")) {
			ok = has_line(ref, line);
		} else if (n > 2 && !strcmp(line + n - 2, "=n")) {
			line[n - 1] = 'y';
			ok = !has_line(ref, line);
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

/* merge_boards - every board-*.config of @dir (sorted, as make's $(wildcard)) whose
 * requirements hold in the config read so far. */
static enum kc_status
merge_boards(struct kc_tree *t, const char *dir)
{
	char *ref = kc_config_str(t), *path;
	struct kc_vec names = { 0 };
	enum kc_status st = KC_OK;
	struct dirent *de;
	DIR *d = opendir(dir);
	size_t i;

	while (d && (de = readdir(d)))
		if (!strncmp(de->d_name, "board-", 6) && strstr(de->d_name, ".config"))
			kc_vec_push(&names, kc_xstrdup(de->d_name));
	if (d)
		closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	for (i = 0; i < names.n; i++) {
		path = kc_xasprintf("%s/%s", dir, (char *)names.v[i]);
		if (st == KC_OK && board_applies(path, ref))
			st = kc_config_merge(t, path);
		free(path);
		free(names.v[i]);
	}
	kc_vec_free(&names);
	free(ref);
	return st;
}

/*
 * read_mips_generic - 32r2el_defconfig and the like (the MIPS default): generic_defconfig,
 * the ISA and endianness fragments, then the boards that apply. KC_ENOENT when @name is
 * no such target.
 */
static enum kc_status
read_mips_generic(struct kc_tree *t, const char *name)
{
	size_t len = strlen(name);
	bool el = len > 12 && !strncmp(name + len - 12, "el_defconfig", 12);
	char *isa, *dir, *path;
	enum kc_status st = KC_ENOENT;

	if (strcmp(t->srcarch, "mips") || len <= 10 || strcmp(name + len - 10, "_defconfig"))
		return KC_ENOENT;
	isa = kc_xstrndup(name, len - 10 - (el ? 2 : 0));
	dir = kc_xasprintf("%s/arch/mips/configs/generic", t->srctree);
	path = kc_xasprintf("%s/%s.config", dir, isa);
	if (readable(path)) {
		char *gen = kc_xasprintf("%s/arch/mips/configs/generic_defconfig", t->srctree);
		char *end = kc_xasprintf("%s/%s.config", dir, el ? "el" : "eb");

		st = kc_config_read(t, gen);
		st = st == KC_OK ? kc_config_merge(t, path) : st;
		st = st == KC_OK ? kc_config_merge(t, end) : st;
		st = st == KC_OK ? merge_boards(t, dir) : st;
		free(gen);
		free(end);
	}
	free(path);
	free(dir);
	free(isa);
	return st;
}

/* ---- the entry point -------------------------------------------------------------------- */

/* tree_relative - @name as conf opens it: as given, else relative to the tree. */
static char *
tree_relative(struct kc_tree *t, const char *name)
{
	if (readable(name) || name[0] == '/')
		return kc_xstrdup(name);
	return kc_xasprintf("%s/%s", t->srctree, name);
}

/* defconfig_file - where `make` looks for the file @name (which may not exist). */
static char *
defconfig_file(struct kc_tree *t, const char *name)
{
	char *file, *top, *path;

	if (strchr(name, '/'))
		return tree_relative(t, name);
	/* a bare name found neither here nor at the top of the tree means
	 * arch/$SRCARCH/configs/NAME, as `make NAME` does */
	top = tree_relative(t, name);
	file = readable(top) ? kc_xstrdup(name)
			     : kc_xasprintf("arch/%s/configs/%s", t->srcarch, name);
	path = tree_relative(t, file);
	free(top);
	free(file);
	return path;
}

enum kc_status
kc_defconfig_read(struct kc_tree *t, const char *name, char **file)
{
	char *def = name ? NULL : kc_tree_default_defconfig(t);
	const char *want = name ? name : def, *base;
	char *path = defconfig_file(t, want);
	enum kc_status st = KC_ENOENT;

	*file = NULL;
	base = strrchr(want, '/') ? strrchr(want, '/') + 1 : want;
	/* a target only where make would look for one: a bare name, or the default */
	if (!readable(path) && (!name || !strchr(name, '/'))) {
		st = read_target(t, base, 0);
		if (st == KC_ENOENT)
			st = read_mips_generic(t, base);
	}
	if (st == KC_ENOENT) {
		st = kc_config_read(t, path);
		*file = path;
		path = NULL;
	}
	free(path);
	free(def);
	return st;
}
