/* common.c - shared CLI plumbing: messages, loading the tree and the config. */
#include "config.h"

#include "common.h"

#include <kexplore/cfgfile.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kexplore/explain.h"
#include "kexplore/input.h"
#include "kexplore/upgrade.h"

struct kx_opts kx;

void
kx_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kexplore: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(KX_EXIT_FAIL);
}

void
kx_warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kexplore: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
kx_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kexplore: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nSee 'kexplore help%s%s'.\n", cmd ? " " : "", cmd ? cmd : "");
	exit(KX_EXIT_USAGE);
}

/* A config reader's warning about a symbol the tree lacks (a newer or older kernel's line). */
static bool
is_unknown_symbol(const struct kc_diag *d)
{
	return d->level == KC_WARNING && d->file && !strncmp(d->message, "unknown symbol: ", 16);
}

void
kx_print_diags(struct kc_tree *tree)
{
	size_t i, n = kc_tree_ndiags(tree), nunknown = 0;
	const char *file = NULL;

	for (i = 0; i < n; i++) {
		const struct kc_diag *d = kc_tree_diag(tree, i);
		char *s;

		if (d->level == KC_WARNING && kx.quiet)
			continue;
		if (kx.fold_unknown && !kx.verbose && is_unknown_symbol(d)) {
			nunknown++;
			file = file ? file : d->file;
			continue;
		}
		s = kc_diag_format(d);
		fprintf(stderr, "%s\n", s);
		free(s);
	}
	if (nunknown)
		fprintf(stderr, "kexplore: %s: %zu line%s name%s symbols this tree does not have "
			"(a config of another kernel version?); -v lists them\n", file, nunknown,
			nunknown == 1 ? "" : "s", nunknown == 1 ? "s" : "");
	kc_tree_clear_diags(tree);
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* -v: what this process itself used, apart from the commands it ran. */
static void
print_own_usage(void)
{
	struct rusage ru, ch;

	if (getrusage(RUSAGE_SELF, &ru) || getrusage(RUSAGE_CHILDREN, &ch))
		return;
	fprintf(stderr, "kexplore: own CPU %.3f s (user %.3f, sys %.3f), peak RSS %ld KB; "
		"commands run: %.3f s CPU\n",
		ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
			ru.ru_stime.tv_usec / 1e6,
		ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
		ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6, ru.ru_maxrss,
		ch.ru_utime.tv_sec + ch.ru_utime.tv_usec / 1e6 + ch.ru_stime.tv_sec +
			ch.ru_stime.tv_usec / 1e6);
}

/* An ARCH the tree has no arch/ folder for is named as such, not as a missing Kconfig file. */
static void
check_arch(const char *srctree, const char *arch)
{
	char *known;

	if (!arch || !*arch || kc_arch_check(srctree, arch, &known))
		return;
	kx_die("unknown architecture '%s'; known: %s", arch, known);
}

struct kc_tree *
kx_load_tree(void)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *tree = NULL;
	enum kc_status st;
	char *top;

	o.srctree = kx.tree ? kx.tree : ".";
	o.arch = kx.arch;
	o.no_shell = kx.no_shell;
	o.no_cache = kx.no_cache;
	o.allow_outside_tree = kx.allow_outside;
	if (!is_dir(o.srctree))
		kx_die("%s: not a directory (give a kernel tree with -C TREE)", o.srctree);
	top = malloc(strlen(o.srctree) + 16);
	if (!top)
		abort();
	sprintf(top, "%s/Kconfig", o.srctree);
	if (access(top, R_OK))
		kx_die("%s: no Kconfig file here; is this a kernel source tree? (-C TREE)", o.srctree);
	free(top);
	check_arch(o.srctree, o.arch ? o.arch : getenv("ARCH"));
	st = kc_tree_load(&o, &tree);
	if (!tree)
		kx_die("out of memory");
	if (kx.verbose) {
		struct kc_shell_stats ss;
		size_t i;

		atexit(print_own_usage);
		const char *cmd, *out;
		char how;

		for (i = 0; kc_tree_shell_cmd(tree, i, &cmd, &out, &how); i++)
			fprintf(stderr, "shell[%s]: %s => %s\n",
				how == 'r' ? "run" : how == 'c' ? "cache" : "skipped", cmd, out);
		kc_tree_shell_stats(tree, &ss);
		fprintf(stderr, "kexplore: %zu Kconfig files, %u shell commands run (%.3f s), %u from cache, %u skipped\n",
			kc_tree_nfiles(tree), ss.run, ss.seconds, ss.cached, ss.skipped);
	}
	if (kx.no_shell) {
		struct kc_shell_stats ss;

		kc_tree_shell_stats(tree, &ss);
		if (ss.skipped)
			kx_warn("--no-shell: %u $(shell,...) calls yielded empty output (-v lists them)",
				ss.skipped);
	}
	kx_print_diags(tree);
	if (st != KC_OK) {
		kc_tree_free(tree);
		kx_die("%s: %s", o.srctree, kc_status_str(st));
	}
	return tree;
}

char *
kx_config_path(void)
{
	const char *c = kx.config ? kx.config : getenv("KCONFIG_CONFIG");
	char *p;

	if (c && *c)
		return strdup(c);
	if (!kx.tree)	/* the tree is the current folder: say ".config", as conf does */
		return strdup(".config");
	p = malloc(strlen(kx.tree ? kx.tree : ".") + 16);
	if (!p)
		abort();
	sprintf(p, "%s/.config", kx.tree ? kx.tree : ".");
	return p;
}

/* The defconfig kx_read_config started from, when there was no config (owned). */
static char *fallback_used;

const char *
kx_config_fallback(void)
{
	return fallback_used;
}

/* named_config - the config the user named (--config, else KCONFIG_CONFIG), or NULL. */
static const char *
named_config(void)
{
	const char *c = kx.config ? kx.config : getenv("KCONFIG_CONFIG");

	return c && *c ? c : NULL;
}

static void
read_or_die(struct kc_tree *tree, const char *path, const char *what)
{
	enum kc_status st = kc_config_read(tree, path);

	kx_print_diags(tree);
	if (st != KC_OK)
		kx_die("%s: cannot read the config%s; nothing was written", path, what);
}

static char *
path_printf(const char *fmt, const char *a, const char *b)
{
	char *p = malloc(strlen(fmt) + strlen(a) + strlen(b) + 1);

	if (!p)
		abort();
	sprintf(p, fmt, a, b);
	return p;
}

/* the kernel's KCONFIG_DEFCONFIG_LIST, for a native build: the first readable one */
static char *
find_fallback(struct kc_tree *tree)
{
	char *def, *cand[4], *found = NULL, **list;
	struct utsname u;
	size_t i, n = 0;

	/* before 5.13 the tree's `option defconfig_list` symbol names the list */
	if ((list = kc_tree_defconfig_list(tree))) {
		for (i = 0; list[i]; i++) {
			if (!found && access(list[i], R_OK) == 0)
				found = list[i];
			else
				free(list[i]);
		}
		free(list);
		return found;
	}
	if (!uname(&u)) {
		cand[n++] = path_printf("/lib/modules/%s%s/.config", u.release, "");
		cand[n++] = strdup("/etc/kernel-config");
		cand[n++] = path_printf("/boot/config-%s%s", u.release, "");
	}
	def = kc_tree_default_defconfig(tree);
	cand[n++] = path_printf("%s/%s", kc_tree_srctree(tree), def);
	free(def);
	for (i = 0; i < n; i++) {
		if (!found && access(cand[i], R_OK) == 0)
			found = cand[i];
		else
			free(cand[i]);
	}
	return found;
}

bool
kx_read_config(struct kc_tree *tree, bool fallback)
{
	const char *named = named_config();
	char *path = kx_config_path();

	/* a config the user named must be there: never a silent defconfig instead */
	if (named || access(path, F_OK) == 0) {
		read_or_die(tree, path, !named ? "" : kx.config ? " named by --config" :
			    " named by KCONFIG_CONFIG");
		free(path);
		return true;
	}
	if (!fallback || !(fallback_used = find_fallback(tree))) {
		free(path);
		return false;
	}
	if (kx.verbose)
		kx_warn("no config at %s: starting from %s", path, fallback_used);
	if (!kx.quiet)
		fprintf(stderr, "#\n# using defaults found in %s\n#\n", fallback_used);
	read_or_die(tree, fallback_used, "");
	free(path);
	return true;
}

void
kx_write_output(const char *path, const char *data)
{
	const char *over = getenv("KCONFIG_OVERWRITECONFIG");
	char *error = NULL, *input;
	enum kc_status st;
	bool same;

	if (!strcmp(path, "-")) {
		if (fputs(data, stdout) == EOF || fflush(stdout))
			kx_die("writing to standard output: %s", strerror(errno));
		return;
	}
	st = kc_cfgfile_save(path, data, strlen(data), KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, &error);
	if (st == KC_OK)
		return;
	input = kx_config_path();
	same = !strcmp(input, path);
	free(input);	/* kx_die exits: nothing may be left unreachable (ASan's leak check) */
	if (st == KC_EINVAL && same)
		kx_die("%s: cannot write: %s; the input config is only read: give the output "
		       "file with -o FILE", path, error);
	if (st == KC_EINVAL)
		kx_die("%s: cannot write: %s; nothing was written", path, error);
	if (over && *over)
		kx_die("%s: cannot write: %s (KCONFIG_OVERWRITECONFIG: the file may be incomplete)",
		       path, error);
	kx_die("%s: cannot write: %s (nothing was changed)", path, error);
}

void
kx_write_config(struct kc_tree *tree, const char *out)
{
	char *path = out ? strdup(out) : kx_config_path(), *data;
	bool had_old = strcmp(path, "-") && access(path, F_OK) == 0;

	if (!path)
		abort();
	data = kc_config_str(tree);
	kx_print_diags(tree);
	kx_write_output(path, data);
	if (!kx.quiet && strcmp(path, "-"))
		fprintf(stderr, "kexplore: configuration written to %s%s%s%s\n", path,
			had_old ? " (the previous one is " : "", had_old ? path : "",
			had_old ? ".old)" : "");
	free(data);
	free(path);
}

char *
kx_bare_name(const char *name, bool upper)
{
	char *bare = strdup(strncasecmp(name, "CONFIG_", 7) || !name[7] ? name : name + 7), *p;

	if (!bare)
		abort();
	for (p = bare; upper && *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return bare;
}

char *
kx_other_arches(struct kc_explainer *ex, const char *name, const char **arches)
{
	char *bare = kx_bare_name(name, false);

	*arches = kc_explain_arches(ex, bare);
	if (**arches)
		return bare;	/* as typed: powerpc's 44x has lower case */
	free(bare);
	bare = kx_bare_name(name, true);
	*arches = kc_explain_arches(ex, bare);
	return bare;
}

struct kc_symbol *
kx_sym_arg(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_typed(tree, name), *best[5] = { 0 };
	size_t bestd[5], i, j, n = kc_tree_nsyms(tree);
	char *bare = kx_bare_name(name, true);

	if (s && kc_sym_defined(s)) {
		free(bare);
		return s;
	}
	if (s)
		kx_die("CONFIG_%s is not defined for ARCH=%s (it is only referenced)", kc_sym_name(s),
		       kc_tree_arch(tree));
	for (i = 0; i < 5; i++)
		bestd[i] = (size_t)-1;
	for (i = 0; i < n; i++) {
		struct kc_symbol *c = kc_tree_sym(tree, i);
		size_t d;

		if (!kc_sym_defined(c))
			continue;
		d = kc_edit_distance(bare, kc_sym_name(c));
		for (j = 0; j < 5; j++) {
			if (d < bestd[j]) {
				memmove(best + j + 1, best + j, (4 - j) * sizeof(*best));
				memmove(bestd + j + 1, bestd + j, (4 - j) * sizeof(*bestd));
				best[j] = c;
				bestd[j] = d;
				break;
			}
		}
	}
	fprintf(stderr, "kexplore: unknown symbol CONFIG_%s", bare);
	for (j = 0; j < 5 && best[j]; j++)
		fprintf(stderr, "%s CONFIG_%s", j ? "," : "; did you mean", kc_sym_name(best[j]));
	fputc('\n', stderr);
	exit(KX_EXIT_FAIL);
}
