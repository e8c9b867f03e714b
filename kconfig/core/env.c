/* env.c - the environment the kernel's Makefile gives Kconfig, and $(shell,...) with its cache. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core.h"

extern char **environ;

#define SHELL_OUT_MAX	4096	/* conf reads at most 4095 bytes */
#define SHELL_TIMEOUT_MS	120000

/* ---- environment ---------------------------------------------------------- */

static const char *
env_lookup_vec(const struct kc_vec *env, const char *name)
{
	size_t n = strlen(name), i;

	/* later entries override earlier ones */
	for (i = env->n; i-- > 0;) {
		const char *e = env->v[i];

		if (!strncmp(e, name, n) && e[n] == '=')
			return e + n + 1;
	}
	return NULL;
}

const char *
kc_env_get(struct kc_tree *t, const char *name)
{
	const char *v = env_lookup_vec(&t->env, name);

	return v ? v : getenv(name);
}

static void
env_set(struct kc_tree *t, const char *name, const char *value)
{
	kc_vec_push(&t->env, kc_xasprintf("%s=%s", name, value));
}

/* Set only when neither the caller nor the process environment has it (make's ?=/=
 * are overridden by command-line and, for most, environment values). */
static void
env_default(struct kc_tree *t, const char *name, const char *value)
{
	if (!kc_env_get(t, name))
		env_set(t, name, value);
}

/* KBUILD_DEFCONFIG as the top Makefile exports it (the file name only);
 * 5.10's DEFCONFIG_LIST reads it, so it is one of auto.conf.cmd's values. */
static void
default_defconfig_env(struct kc_tree *t)
{
	char *path = kc_tree_default_defconfig(t);
	const char *slash = strrchr(path, '/');

	env_default(t, "KBUILD_DEFCONFIG", slash ? slash + 1 : path);
	free(path);
}

/* SUBARCH as scripts/subarch.include derives it from uname -m. */
static char *
host_subarch(void)
{
	struct utsname u;
	const char *m;

	if (uname(&u))
		return kc_xstrdup("x86");
	m = u.machine;
	if ((m[0] == 'i' && !strcmp(m + 2, "86")) || !strcmp(m, "x86_64"))
		return kc_xstrdup("x86");
	if (!strcmp(m, "sun4u"))
		return kc_xstrdup("sparc64");
	if (!strcmp(m, "arm64") || !strncmp(m, "aarch64", 7))
		return kc_xstrdup("arm64");
	if (!strncmp(m, "arm", 3) || !strcmp(m, "sa110"))
		return kc_xstrdup("arm");
	if (!strcmp(m, "s390x"))
		return kc_xstrdup("s390");
	if (!strncmp(m, "ppc", 3))
		return kc_xstrdup("powerpc");
	if (!strncmp(m, "mips", 4))
		return kc_xstrdup("mips");
	if (!strncmp(m, "sh", 2) && m[2] >= '2' && m[2] <= '4')
		return kc_xstrdup("sh");
	if (!strncmp(m, "riscv", 5))
		return kc_xstrdup("riscv");
	if (!strncmp(m, "loongarch", 9))
		return kc_xstrdup("loongarch");
	return kc_xstrdup(m);
}

static const char *
srcarch_of(const char *arch)
{
	static const char *const map[][2] = {
		{ "i386", "x86" }, { "x86_64", "x86" }, { "sparc32", "sparc" },
		{ "sparc64", "sparc" }, { "parisc64", "parisc" }, { "sh64", "sh" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(arch, map[i][0]))
			return map[i][1];
	return arch;
}

/* Value of "NAME = value" in the top Makefile (first assignment). */
static char *
makefile_var(const char *mk, const char *name)
{
	size_t n = strlen(name);
	const char *p = mk;

	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);

		if (!strncmp(p, name, n) && (p[n] == ' ' || p[n] == '\t' || p[n] == '=')) {
			const char *q = p + n, *end = p + len;

			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q < end && *q == '=') {
				q++;
				while (q < end && (*q == ' ' || *q == '\t'))
					q++;
				while (end > q && (end[-1] == ' ' || end[-1] == '\t'))
					end--;
				return kc_xstrndup(q, (size_t)(end - q));
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	return NULL;
}

static char *
kernel_version(const char *srctree)
{
	char *path = kc_xasprintf("%s/Makefile", srctree);
	char *mk = kc_read_whole_file(path, NULL, NULL);
	char *v, *p, *s, *e, *res;

	free(path);
	if (!mk)
		return kc_xstrdup("");
	v = makefile_var(mk, "VERSION");
	p = makefile_var(mk, "PATCHLEVEL");
	s = makefile_var(mk, "SUBLEVEL");
	e = makefile_var(mk, "EXTRAVERSION");
	if (v && p && *p && s && *s)
		res = kc_xasprintf("%s.%s.%s%s", v, p, s, e ? e : "");
	else if (v && p && *p)
		res = kc_xasprintf("%s.%s%s", v, p, e ? e : "");
	else
		res = kc_xasprintf("%s%s", v ? v : "", e ? e : "");
	free(v);
	free(p);
	free(s);
	free(e);
	free(mk);
	return res;
}

/* Some arch Makefiles look for a cross compiler when building for another
 * arch (cc-cross-prefix): the first prefix whose gcc is in PATH. */
static bool
in_path(struct kc_tree *t, const char *prog)
{
	const char *path = kc_env_get(t, "PATH");
	char *dirs, *dir, *save = NULL;
	bool found = false;

	if (!path)
		return false;
	dirs = kc_xstrdup(path);
	for (dir = strtok_r(dirs, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *f = kc_xasprintf("%s/%s", *dir ? dir : ".", prog);

		found = access(f, X_OK) == 0;
		free(f);
	}
	free(dirs);
	return found;
}

static void
cross_prefix(struct kc_tree *t, const char *subarch)
{
	static const struct {
		const char *srcarch;
		const char *prefixes;
	} table[] = {
		{ "mips", "mips-linux- mips-linux-gnu- mips-unknown-linux-gnu- mips64-linux- mips64-linux-gnu- mips64el-linux-gnuabi64- mipsel-linux-gnu-" },
		{ "powerpc", "powerpc64le-linux- powerpc64le-linux-gnu- powerpc64-linux- powerpc64-linux-gnu- powerpc-linux- powerpc-linux-gnu-" },
		{ "loongarch", "loongarch64-linux- loongarch64-linux-gnu- loongarch64-unknown-linux-gnu-" },
		{ "sh", "sh-linux- sh-linux-gnu- sh-unknown-linux-gnu-" },
		{ "parisc", "hppa-linux- hppa-linux-gnu- hppa-unknown-linux-gnu-" },
		{ "arc", "arc-linux- arceb-linux- arc-linux-gnu-" },
		{ "m68k", "m68k-linux- m68k-linux-gnu- m68k-unknown-linux-gnu-" },
	};
	size_t i;

	if (kc_env_get(t, "CROSS_COMPILE") || !strcmp(t->srcarch, subarch))
		return;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *list, *pre, *save = NULL;

		if (strcmp(table[i].srcarch, t->srcarch))
			continue;
		list = kc_xstrdup(table[i].prefixes);
		for (pre = strtok_r(list, " ", &save); pre; pre = strtok_r(NULL, " ", &save)) {
			char *gcc = kc_xasprintf("%sgcc", pre);
			bool ok = in_path(t, gcc);

			free(gcc);
			if (ok) {
				env_set(t, "CROSS_COMPILE", pre);
				break;
			}
		}
		free(list);
	}
}

/* Strip '#' as the Makefile's $(subst $(pound),,...) does. */
static char *
strip_pound(char *s)
{
	char *r = s, *w = s;

	for (; *r; r++)
		if (*r != '#')
			*w++ = *r;
	*w = 0;
	return s;
}

/* Whether the tree's top Makefile names WORD (variables it exports to Kconfig). */
static bool
makefile_mentions(const char *srctree, const char *word)
{
	char *path = kc_xasprintf("%s/Makefile", srctree);
	char *mk = kc_read_whole_file(path, NULL, NULL);
	bool found = mk && strstr(mk, word);

	free(path);
	free(mk);
	return found;
}

void
kc_env_setup(struct kc_tree *t, const struct kc_load_opts *o)
{
	const char *cross, *arch;
	char *subarch = host_subarch(), *v;
	size_t i;

	for (i = 0; o->env && o->env[i]; i++)
		kc_vec_push(&t->env, kc_xstrdup(o->env[i]));

	arch = o->arch ? o->arch : kc_env_get(t, "ARCH");
	if (!arch || !*arch)
		arch = subarch;
	t->arch = kc_arena_strdup(&t->arena, arch);
	t->srcarch = kc_arena_strdup(&t->arena, srcarch_of(arch));
	v = kernel_version(t->srctree);
	t->kernelversion = kc_arena_strdup(&t->arena, v);
	free(v);

	env_set(t, "srctree", t->srctree);
	env_set(t, "ARCH", t->arch);
	env_set(t, "SRCARCH", t->srcarch);
	env_set(t, "SUBARCH", subarch);
	env_set(t, "KERNELVERSION", t->kernelversion);
	default_defconfig_env(t);
	if (!strcmp(t->srcarch, "um")) {
		env_set(t, "HEADER_ARCH", !strcmp(subarch, "i386") || !strcmp(subarch, "x86_64") ? "x86" : subarch);
	}
	cross_prefix(t, subarch);
	cross = kc_env_get(t, "CROSS_COMPILE");
	if (!cross)
		cross = "";
	if (kc_env_get(t, "LLVM") && *kc_env_get(t, "LLVM")) {
		env_default(t, "CC", "clang");
		env_default(t, "LD", "ld.lld");
		env_default(t, "NM", "llvm-nm");
		env_default(t, "OBJCOPY", "llvm-objcopy");
		env_default(t, "AR", "llvm-ar");
	} else {
		char *s;

		s = kc_xasprintf("%sgcc", cross);
		env_default(t, "CC", s);
		free(s);
		s = kc_xasprintf("%sld", cross);
		env_default(t, "LD", s);
		free(s);
		s = kc_xasprintf("%snm", cross);
		env_default(t, "NM", s);
		free(s);
		s = kc_xasprintf("%sobjcopy", cross);
		env_default(t, "OBJCOPY", s);
		free(s);
		s = kc_xasprintf("%sar", cross);	/* arch/Kconfig asks $(AR) --help */
		env_default(t, "AR", s);
		free(s);
	}
	env_default(t, "RUSTC", "rustc");
	env_default(t, "BINDGEN", "bindgen");
	env_default(t, "PAHOLE", "pahole");
	env_default(t, "PYTHON3", "python3");
	env_default(t, "HOSTCC", "gcc");
	/* no CLANG_FLAGS: make defines it only for clang, and conf records every
	 * variable it finds in auto.conf.cmd */
	if (!kc_env_get(t, "CC_VERSION_TEXT")) {
		char *cmd = kc_xasprintf("LC_ALL=C %s --version 2>/dev/null | head -n 1",
					 kc_env_get(t, "CC"));
		char *out = kc_shell_run(t, cmd);

		env_set(t, "CC_VERSION_TEXT", strip_pound(out));
		free(out);
		free(cmd);
	}
	if (!kc_env_get(t, "RUSTC_VERSION_TEXT")) {
		char *cmd = kc_xasprintf("%s --version 2>/dev/null", kc_env_get(t, "RUSTC"));
		char *out = kc_shell_run(t, cmd);

		env_set(t, "RUSTC_VERSION_TEXT", strip_pound(out));
		free(out);
		free(cmd);
	}
	if (!kc_env_get(t, "PAHOLE_VERSION") && makefile_mentions(t->srctree, "PAHOLE_VERSION")) {
		/* 7.x: the top Makefile computes and exports it for init/Kconfig */
		char *cmd = kc_xasprintf("%s/scripts/pahole-version.sh %s", t->srctree,
					 kc_env_get(t, "PAHOLE"));
		char *out = kc_shell_run(t, cmd);

		env_set(t, "PAHOLE_VERSION", out);
		free(out);
		free(cmd);
	}
	free(subarch);
}

/* ---- $(shell,...) cache ------------------------------------------------------
 *
 * One file per environment fingerprint under the cache dir. The fingerprint
 * covers what a probe's answer can depend on beyond its command string: every
 * NAME=VALUE kexplore passes, HOME, PATH and the variables toolchains read
 * (RUSTUP_*, CARGO_*, LLVM*, LC_*, ...), the identity (path, size, mtime,
 * inode) of the tools commands name: CC, LD, RUSTC, ... and, when a tool is a
 * rustup proxy, the rustup state that picks the toolchain. Each command's key
 * adds the identity of the files it names by path and the values of the
 * $VARIABLES it reads. A probe that could not start (spawn failure, exit
 * status 126 or 127, killed) is never cached: its answer says nothing about
 * the toolchain. (v1 caches lacked HOME and served a failed rustup proxy's
 * RUSTC_VERSION=0 to later runs with the real HOME.)
 * File format: "KXSH2\n" then records "<keylen> <outlen>\n<key><out>\n".
 */

struct kc_shell_cache {
	char *path;
	struct kc_vec cmds, outs;	/* heap strings */
	bool dirty;
};

static void
fp_add_prog(struct kc_buf *fp, struct kc_tree *t, const char *var, const char *val);

static void
fp_add_tool(struct kc_buf *fp, struct kc_tree *t, const char *var)
{
	fp_add_prog(fp, t, var, kc_env_get(t, var));
}

/* " size mtime inode" of path, or " -" when it does not exist. */
static void
fp_add_stat(struct kc_buf *fp, const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		kc_buf_puts(fp, " -");
		return;
	}
	kc_buf_printf(fp, " %lld %lld.%09ld %llu", (long long)st.st_size,
		      (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
		      (unsigned long long)st.st_ino);
}

/* A rustup proxy (~/.cargo/bin/rustc -> rustup) answers from the toolchain that
 * rustup's settings pick under RUSTUP_HOME (default ~/.rustup): key on the
 * settings file and on every installed toolchain's rustc. */
static void
fp_add_rustup(struct kc_buf *fp, struct kc_tree *t)
{
	const char *rh = kc_env_get(t, "RUSTUP_HOME"), *home = kc_env_get(t, "HOME");
	char *dir, *f;
	DIR *d;
	struct dirent *de;

	if (rh && *rh)
		dir = kc_xstrdup(rh);
	else
		dir = kc_xasprintf("%s/.rustup", home ? home : "");
	kc_buf_printf(fp, "rustup %s", dir);
	f = kc_xasprintf("%s/settings.toml", dir);
	fp_add_stat(fp, f);
	free(f);
	f = kc_xasprintf("%s/toolchains", dir);
	fp_add_stat(fp, f);
	d = opendir(f);
	while (d && (de = readdir(d))) {
		char *rustc;

		if (de->d_name[0] == '.')
			continue;
		rustc = kc_xasprintf("%s/%s/bin/rustc", f, de->d_name);
		kc_buf_printf(fp, " %s", de->d_name);
		fp_add_stat(fp, rustc);
		free(rustc);
	}
	if (d)
		closedir(d);
	kc_buf_putc(fp, '\n');
	free(f);
	free(dir);
}

/* First PATH entry holding prog, as a heap string, or NULL. */
static char *
path_lookup(struct kc_tree *t, const char *prog)
{
	const char *path = kc_env_get(t, "PATH");
	char *dirs, *dir, *save = NULL, *found = NULL;

	if (!path)
		return NULL;
	dirs = kc_xstrdup(path);
	for (dir = strtok_r(dirs, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
		char *f = kc_xasprintf("%s/%s", dir, prog);

		if (!access(f, X_OK))
			found = f;
		else
			free(f);
	}
	free(dirs);
	return found;
}

/* rustup may install its proxies as hard links: rustc is then the same file as
 * the rustup beside it. */
static bool
is_hardlinked_rustup(const char *real)
{
	struct stat a, b;
	char *rustup = kc_xasprintf("%.*s/rustup", (int)(strrchr(real, '/') - real), real);
	bool same = !stat(real, &a) && !stat(rustup, &b) && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino;

	free(rustup);
	return same;
}

/* Identity of a program named by val (first word): resolved path (symlinks
 * followed: alternatives, rustup proxies), size, mtime, inode. */
static void
fp_add_prog(struct kc_buf *fp, struct kc_tree *t, const char *var, const char *val)
{
	char *prog, *sp, *file, *real;
	const char *base;

	if (!val)
		return;
	prog = kc_xstrdup(val);
	sp = strchr(prog, ' ');
	if (sp)
		*sp = 0;
	kc_buf_printf(fp, "tool %s=%s", var, prog);
	file = strchr(prog, '/') ? kc_xstrdup(prog) : path_lookup(t, prog);
	real = file ? realpath(file, NULL) : NULL;
	kc_buf_printf(fp, " %s", real ? real : "-");
	if (real)
		fp_add_stat(fp, real);
	kc_buf_putc(fp, '\n');
	base = real ? strrchr(real, '/') + 1 : "";
	if (!strcmp(base, "rustup") || (real && is_hardlinked_rustup(real)))
		fp_add_rustup(fp, t);
	free(real);
	free(file);
	free(prog);
}

/* Does the environment variable NAME change what a toolchain probe answers? */
static bool
fp_env_relevant(const char *name, size_t len)
{
	static const char *const names[] = {
		"HOME", "PATH", "LANG", "LANGUAGE", "COMPILER_PATH", "LIBRARY_PATH",
		"CPATH", "C_INCLUDE_PATH", "GCC_EXEC_PREFIX", "LD_LIBRARY_PATH", "LD_PRELOAD",
		"SOURCE_DATE_EPOCH", "XDG_CONFIG_HOME",
	};
	static const char *const prefixes[] = {
		"RUSTUP_", "CARGO_", "RUST", "LLVM", "CLANG", "LIBCLANG", "BINDGEN", "GCC_",
		"CCACHE_", "DISTCC_", "PYTHON", "KBUILD_", "KCONFIG_", "LC_", "CROSS_COMPILE",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && !strncmp(name, names[i], len))
			return true;
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])) && len >= strlen(prefixes[i]))
			return true;
	return false;
}

static char *
cache_fingerprint(struct kc_tree *t)
{
	static const char *const tools[] = {
		"CC", "LD", "RUSTC", "BINDGEN", "PAHOLE", "OBJCOPY", "NM", "PYTHON3", "HOSTCC",
		"HOSTRUSTC", "CARGO", "RUSTDOC",
	};
	struct kc_buf fp = { 0 };
	size_t i;
	char *res;

	kc_buf_puts(&fp, "kexplore shell cache v2\n");
	for (i = 0; i < t->env.n; i++)
		kc_buf_printf(&fp, "env %s\n", (const char *)t->env.v[i]);
	for (i = 0; environ && environ[i]; i++) {
		const char *eq = strchr(environ[i], '=');

		if (eq && fp_env_relevant(environ[i], (size_t)(eq - environ[i])))
			kc_buf_printf(&fp, "environ %s\n", environ[i]);
	}
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fp_add_tool(&fp, t, tools[i]);
	{
		/* gcc's probes also run the assembler, which no variable names */
		const char *cross = kc_env_get(t, "CROSS_COMPILE");
		char *as = kc_xasprintf("%sas", cross ? cross : "");

		fp_add_prog(&fp, t, "as", as);
		free(as);
	}
	res = kc_xasprintf("%08x%08x", kc_hash_str(kc_buf_str(&fp)),
			   kc_hash_str(kc_buf_str(&fp) + fp.len / 2));
	kc_buf_free(&fp);
	return res;
}

/* The cache key of one command: the command, then the identity of each word
 * that names an existing file by path (the kernel's version scripts) and the
 * value of each $VAR the shell will expand. */
static char *
cache_key(struct kc_tree *t, const char *cmd)
{
	struct kc_buf k = { 0 };
	const char *p = cmd;

	kc_buf_puts(&k, cmd);
	while (*p) {
		size_t n = strcspn(p, " \t\n;|&()<>'\"`=$");

		if (n && memchr(p, '/', n)) {
			char *w = kc_xstrndup(p, n);

			kc_buf_printf(&k, "\nfile %s", w);
			fp_add_stat(&k, w);
			free(w);
		}
		p += n ? n : 1;
	}
	for (p = strchr(cmd, '$'); p; p = strchr(p + 1, '$')) {
		const char *v = p + 1 + (p[1] == '{');
		size_t vl = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
		char *name;
		const char *val;

		if (!vl)
			continue;
		name = kc_xstrndup(v, vl);
		val = kc_env_get(t, name);
		kc_buf_printf(&k, "\nvar %s=%s", name, val ? val : "(unset)");
		free(name);
	}
	return kc_buf_steal(&k);
}

static void
cache_load(struct kc_shell_cache *c)
{
	size_t len = 0, pos;
	char *data = kc_read_whole_file(c->path, &len, NULL);

	if (!data)
		return;
	if (len < 6 || memcmp(data, "KXSH2\n", 6)) {
		free(data);
		return;
	}
	pos = 6;
	while (pos < len) {
		unsigned long long cl, ol;
		char *end;

		cl = strtoull(data + pos, &end, 10);
		if (*end != ' ')
			break;
		ol = strtoull(end + 1, &end, 10);
		if (*end != '\n')
			break;
		pos = (size_t)(end + 1 - data);
		if (cl > len - pos || ol > len - pos - cl || pos + cl + ol >= len)
			break;
		kc_vec_push(&c->cmds, kc_xstrndup(data + pos, cl));
		kc_vec_push(&c->outs, kc_xstrndup(data + pos + cl, ol));
		pos += cl + ol + 1;
	}
	free(data);
}

static void
cache_open(struct kc_tree *t)
{
	struct kc_shell_cache *c;
	char *fp;

	if (t->shell_cache || t->no_cache || t->no_shell || !t->cache_dir)
		return;
	c = kc_xcalloc(1, sizeof(*c));
	fp = cache_fingerprint(t);
	c->path = kc_xasprintf("%s/%s.cache", t->cache_dir, fp);
	free(fp);
	cache_load(c);
	t->shell_cache = c;
}

static const char *
cache_get(struct kc_shell_cache *c, const char *cmd)
{
	size_t i;

	for (i = 0; i < c->cmds.n; i++)
		if (!strcmp(c->cmds.v[i], cmd))
			return c->outs.v[i];
	return NULL;
}

static int
mkdir_p(const char *dir)
{
	char *p = kc_xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static void
cache_save(struct kc_tree *t, struct kc_shell_cache *c)
{
	struct kc_buf b = { 0 };
	size_t i;

	if (!c->dirty || mkdir_p(t->cache_dir))
		return;
	kc_buf_puts(&b, "KXSH2\n");
	for (i = 0; i < c->cmds.n; i++) {
		const char *cmd = c->cmds.v[i], *out = c->outs.v[i];

		kc_buf_printf(&b, "%zu %zu\n", strlen(cmd), strlen(out));
		kc_buf_puts(&b, cmd);
		kc_buf_puts(&b, out);
		kc_buf_putc(&b, '\n');
	}
	/* a cache that cannot be written is only a missed speed-up */
	(void)kc_write_file_atomic(c->path, kc_buf_str(&b), b.len, false);
	kc_buf_free(&b);
}

static void
cache_free(struct kc_shell_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->cmds.n; i++) {
		free(c->cmds.v[i]);
		free(c->outs.v[i]);
	}
	kc_vec_free(&c->cmds);
	kc_vec_free(&c->outs);
	free(c->path);
	free(c);
}

/* ---- running commands ------------------------------------------------------ */

static char **
build_envp(struct kc_tree *t)
{
	struct kc_vec v = { 0 };
	size_t i, j;

	for (i = 0; environ && environ[i]; i++) {
		const char *eq = strchr(environ[i], '=');
		bool overridden = false;

		for (j = 0; eq && j < t->env.n; j++) {
			const char *e = t->env.v[j];

			if (!strncmp(e, environ[i], (size_t)(eq - environ[i]) + 1))
				overridden = true;
		}
		if (!overridden)
			kc_vec_push(&v, environ[i]);
	}
	for (j = 0; j < t->env.n; j++)
		kc_vec_push(&v, t->env.v[j]);
	kc_vec_push(&v, NULL);
	return (char **)v.v;
}

static double
now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *
shell_cwd(struct kc_tree *t)
{
	if (!t->shell_cwd) {
		const char *tmp = getenv("TMPDIR");
		char *tmpl = kc_xasprintf("%s/kexplore-sh.XXXXXX", tmp && *tmp ? tmp : "/tmp");

		if (mkdtemp(tmpl))
			t->shell_cwd = tmpl;
		else
			free(tmpl);
	}
	return t->shell_cwd ? t->shell_cwd : "/";
}

/* Run cmd with /bin/sh, collect up to 4095 bytes of stdout like conf.
 * *started is false when the command did not run to an answer: the shell could
 * not be spawned, sh could not find or execute it (126, 127), or it was killed. */
static char *
exec_cmd(struct kc_tree *t, const char *cmd, bool *started)
{
	char buf[SHELL_OUT_MAX];
	size_t nread = 0, i;
	int fds[2], status = -1;
	char **envp;
	pid_t pid;
	double deadline;

	const char *cwd = shell_cwd(t);

	*started = false;
	if (pipe(fds))
		return kc_xstrdup("");
	envp = build_envp(t);
	/* posix_spawn (vfork-like in glibc) does not copy the page tables of a
	 * parent holding a whole parsed tree: ~0.4 ms less per command */
	{
		char *argv[] = { "sh", "-c", (char *)cmd, NULL };
		posix_spawn_file_actions_t fa;

		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addchdir_np(&fa, cwd);
		posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
		posix_spawn_file_actions_addclose(&fa, fds[0]);
		posix_spawn_file_actions_addclose(&fa, fds[1]);
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		if (posix_spawn(&pid, "/bin/sh", &fa, NULL, argv, envp))
			pid = -1;
		posix_spawn_file_actions_destroy(&fa);
	}
	free(envp);
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return kc_xstrdup("");
	}
	deadline = now_sec() + SHELL_TIMEOUT_MS / 1000.0;
	for (;;) {
		struct pollfd pfd = { fds[0], POLLIN, 0 };
		char sink[4096];
		ssize_t r;
		int left = (int)((deadline - now_sec()) * 1000);

		if (left <= 0) {
			kill(pid, SIGKILL);
			kc_diag_add(t, KC_WARNING, NULL, 0, 0,
				    "$(shell,%s) timed out and was killed", cmd);
			break;
		}
		if (poll(&pfd, 1, left) <= 0)
			continue;
		if (nread < sizeof(buf))
			r = read(fds[0], buf + nread, sizeof(buf) - nread);
		else
			r = read(fds[0], sink, sizeof(sink));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (nread < sizeof(buf))
			nread += (size_t)r;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*started = WIFEXITED(status) && WEXITSTATUS(status) != 126 && WEXITSTATUS(status) != 127;
	if (nread == sizeof(buf))
		nread--;
	while (nread > 0 && buf[nread - 1] == '\n')
		nread--;
	for (i = 0; i < nread; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	return kc_xstrndup(buf, nread);
}

static void
record(struct kc_tree *t, const char *cmd, const char *out, char how)
{
	struct kc_shell_rec *r = kc_xcalloc(1, sizeof(*r));

	r->cmd = kc_arena_strdup(&t->arena, cmd);
	r->out = kc_arena_strdup(&t->arena, out);
	r->how = how;
	kc_vec_push(&t->shell_recs, r);
}

char *
kc_shell_run(struct kc_tree *t, const char *cmd)
{
	const char *hit;
	char *out, *key = NULL;
	double t0;
	bool started;

	if (t->no_shell) {
		t->shell_stats.skipped++;
		record(t, cmd, "", 's');
		return kc_xstrdup("");
	}
	cache_open(t);
	if (t->shell_cache)
		key = cache_key(t, cmd);
	if (key && (hit = cache_get(t->shell_cache, key))) {
		t->shell_stats.cached++;
		record(t, cmd, hit, 'c');
		free(key);
		return kc_xstrdup(hit);
	}
	t0 = now_sec();
	out = exec_cmd(t, cmd, &started);
	t->shell_stats.seconds += now_sec() - t0;
	t->shell_stats.run++;
	record(t, cmd, out, 'r');
	if (key && started) {
		kc_vec_push(&t->shell_cache->cmds, key);
		kc_vec_push(&t->shell_cache->outs, kc_xstrdup(out));
		t->shell_cache->dirty = true;
	} else {
		free(key);
	}
	return out;
}

void
kc_shell_finish(struct kc_tree *t)
{
	if (t->shell_cache) {
		cache_save(t, t->shell_cache);
		cache_free(t->shell_cache);
		t->shell_cache = NULL;
	}
	if (t->shell_cwd) {
		rmdir(t->shell_cwd);
		free(t->shell_cwd);
		t->shell_cwd = NULL;
	}
}

void
kc_tree_shell_stats(const struct kc_tree *t, struct kc_shell_stats *st)
{
	*st = t->shell_stats;
}

bool
kc_tree_shell_cmd(const struct kc_tree *t, size_t i, const char **cmd, const char **output,
		  char *how)
{
	const struct kc_shell_rec *r;

	if (i >= t->shell_recs.n)
		return false;
	r = t->shell_recs.v[i];
	*cmd = r->cmd;
	*output = r->out;
	*how = r->how;
	return true;
}

/* kc_arch_alias - the i-th ARCH name make accepts besides arch/'s folder names. */
bool
kc_arch_alias(size_t i, const char **arch, const char **srcarch)
{
	static const char *const names[] = { "i386", "x86_64", "sparc32", "sparc64", "parisc64",
					     "sh64" };

	if (i >= sizeof(names) / sizeof(names[0]))
		return false;
	*arch = names[i];
	*srcarch = srcarch_of(names[i]);
	return true;
}
