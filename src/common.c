/* common.c - shared CLI plumbing: messages, loading the tree and the config. */
#include "config.h"

#include "common.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

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

void
kx_print_diags(struct kc_tree *tree)
{
	size_t i, n = kc_tree_ndiags(tree);

	for (i = 0; i < n; i++) {
		const struct kc_diag *d = kc_tree_diag(tree, i);
		char *s;

		if (d->level == KC_WARNING && kx.quiet)
			continue;
		s = kc_diag_format(d);
		fprintf(stderr, "%s\n", s);
		free(s);
	}
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
	p = malloc(strlen(kx.tree ? kx.tree : ".") + 16);
	if (!p)
		abort();
	sprintf(p, "%s/.config", kx.tree ? kx.tree : ".");
	return p;
}

static bool
read_fallback(struct kc_tree *tree, const char *path)
{
	if (!kx.quiet)
		fprintf(stderr, "#\n# using defaults found in %s\n#\n", path);
	kc_config_read(tree, path);
	kx_print_diags(tree);
	return true;
}

bool
kx_read_config(struct kc_tree *tree, bool fallback)
{
	char *path = kx_config_path();
	char *def, *cand[5], **list;
	struct utsname u;
	size_t i, n = 0;
	bool ok = false;

	if (access(path, F_OK) == 0) {
		enum kc_status st = kc_config_read(tree, path);

		kx_print_diags(tree);
		if (st != KC_OK)
			kx_die("%s: %s", path, kc_status_str(st));
		free(path);
		return true;
	}
	free(path);
	if (!fallback)
		return false;
	/* before 5.13 the tree's `option defconfig_list` symbol names the list */
	if ((list = kc_tree_defconfig_list(tree))) {
		for (i = 0; list[i]; i++) {
			if (!ok && access(list[i], R_OK) == 0)
				ok = read_fallback(tree, list[i]);
			free(list[i]);
		}
		free(list);
		return ok;
	}
	/* the kernel's KCONFIG_DEFCONFIG_LIST, for a native build */
	if (!uname(&u)) {
		cand[n] = malloc(strlen(u.release) + 64);
		sprintf(cand[n++], "/lib/modules/%s/.config", u.release);
		cand[n++] = strdup("/etc/kernel-config");
		cand[n] = malloc(strlen(u.release) + 64);
		sprintf(cand[n++], "/boot/config-%s", u.release);
	}
	def = kc_tree_default_defconfig(tree);
	cand[n] = malloc(strlen(def) + strlen(kc_tree_srctree(tree)) + 2);
	sprintf(cand[n++], "%s/%s", kc_tree_srctree(tree), def);
	free(def);
	for (i = 0; i < n; i++) {
		if (!ok && access(cand[i], R_OK) == 0)
			ok = read_fallback(tree, cand[i]);
		free(cand[i]);
	}
	return ok;
}

/* KCONFIG_OVERWRITECONFIG: write in place (through a symlink), no .old, as conf does. */
static void
write_in_place(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");
	int e;

	if (!f)
		kx_die("%s: cannot write: %s", path, strerror(errno));
	if (fputs(data, f) == EOF || fflush(f) || fsync(fileno(f))) {
		e = errno;
		fclose(f);
		kx_die("%s: cannot write: %s (KCONFIG_OVERWRITECONFIG: the file may be incomplete)",
		       path, strerror(e));
	}
	if (fclose(f))
		kx_die("%s: cannot write: %s", path, strerror(errno));
}

void
kx_write_output(const char *path, const char *data)
{
	const char *over = getenv("KCONFIG_OVERWRITECONFIG");

	if (!strcmp(path, "-")) {
		if (fputs(data, stdout) == EOF || fflush(stdout))
			kx_die("writing to standard output: %s", strerror(errno));
		return;
	}
	if (over && *over) {
		write_in_place(path, data);
		return;
	}
	if (kc_write_file_atomic(path, data, strlen(data), true) != KC_OK)
		kx_die("%s: cannot write: %s (nothing was changed)", path, strerror(errno));
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	row = calloc(lb + 1, sizeof(*row));
	if (!row)
		abort();
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

struct kc_symbol *
kx_sym_arg(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name), *best[5] = { 0 };
	size_t bestd[5], i, j, n = kc_tree_nsyms(tree);
	const char *bare = !strncmp(name, "CONFIG_", 7) ? name + 7 : name;

	if (s && kc_sym_defined(s))
		return s;
	if (s)
		kx_die("CONFIG_%s is not defined for ARCH=%s (it is only referenced)", bare,
		       kc_tree_arch(tree));
	for (i = 0; i < 5; i++)
		bestd[i] = (size_t)-1;
	for (i = 0; i < n; i++) {
		struct kc_symbol *c = kc_tree_sym(tree, i);
		size_t d;

		if (!kc_sym_defined(c))
			continue;
		d = edit_distance(bare, kc_sym_name(c));
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
