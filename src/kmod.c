/* kmod.c - libkmod glue: loaded modules, sysfs modaliases, saved lsmod and lspci -k outputs. */
#include "config.h"

#include "kmod.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libkmod.h>

#define SYSFS_MAX_DEPTH 64

struct sysmod_ctx {
	struct kmod_ctx *kmod;
	char *dir;
};

/* ---- small helpers ----------------------------------------------------- */

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

static char *
xstrdup(const char *s)
{
	char *r = strdup(s);

	if (!r)
		abort();
	return r;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *r = strndup(s, n);

	if (!r)
		abort();
	return r;
}

static char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *
xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

static char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static int
fail(char **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	*err = xvasprintf(fmt, ap);
	va_end(ap);
	return -1;
}

static bool
name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))
			return false;
	return *a == *b;
}

void
sysmod_names_add(struct sysmod_names *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (name_eq(l->v[i], name))
			return;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = xstrdup(name);
}

void
sysmod_names_free(struct sysmod_names *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct sysmod_device *
device_new(struct sysmod_devices *l, const char *id)
{
	struct sysmod_device *d;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->id = xstrdup(id);
	return d;
}

void
sysmod_devices_free(struct sysmod_devices *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		struct sysmod_device *d = &l->v[i];

		free(d->id);
		free(d->description);
		free(d->modalias);
		free(d->driver);
		free(d->driver_module);
		sysmod_names_free(&d->modules);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

char *
sysmod_read_file(const char *path, char **err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, chunk[65536];
	size_t len = 0, n;

	if (!f) {
		fail(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xrealloc(NULL, 1);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf = xrealloc(buf, len + n + 1);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	buf[len] = '\0';
	if (ferror(f)) {
		fail(err, "%s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- opening the indexes ----------------------------------------------- */

/* ROOT/lib/modules/<release> (or usr/lib/modules): uname -r if there, else the last by name. */
static char *
root_modules_dir(const char *root, const char *release)
{
	static const char *const bases[] = { "lib/modules", "usr/lib/modules" };
	struct utsname u;
	size_t b;

	for (b = 0; b < 2; b++) {
		char *base = xasprintf("%s/%s", root, bases[b]), *best = NULL;
		struct dirent *de;
		DIR *d;

		const char *want = release;

		if (!want && uname(&u) == 0)
			want = u.release;
		if (want) {
			char *p = xasprintf("%s/%s", base, want);

			if (is_dir(p)) {
				free(base);
				return p;
			}
			free(p);
		}
		d = opendir(base);
		while (d && !release && (de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			if (!best || strcmp(de->d_name, best) > 0) {
				free(best);
				best = xstrdup(de->d_name);
			}
		}
		if (d)
			closedir(d);
		if (best) {
			char *p = xasprintf("%s/%s", base, best);

			free(best);
			free(base);
			return p;
		}
		free(base);
	}
	return NULL;
}

int
sysmod_open(const struct sysmod_opts *opts, struct sysmod_ctx **out, char **err)
{
	struct sysmod_ctx *ctx = calloc(1, sizeof(*ctx));

	*out = NULL;
	if (!ctx)
		abort();
	if (opts && opts->modules_dir)
		ctx->dir = xstrdup(opts->modules_dir);
	else if (opts && opts->root) {
		ctx->dir = root_modules_dir(opts->root, opts->release);
		if (!ctx->dir) {
			free(ctx);
			return fail(err, "%s: no lib/modules/<release> folder", opts->root);
		}
	}
	ctx->kmod = kmod_new(ctx->dir, NULL);
	if (!ctx->kmod) {
		free(ctx->dir);
		free(ctx);
		return fail(err, "cannot create a libkmod context");
	}
	kmod_set_log_priority(ctx->kmod, 0);	/* errors come back as statuses */
	if (!ctx->dir)
		ctx->dir = xstrdup(kmod_get_dirname(ctx->kmod));
	*out = ctx;
	return 0;
}

int
sysmod_load_indexes(struct sysmod_ctx *ctx, char **err)
{
	int r = kmod_load_resources(ctx->kmod);

	if (r < 0)
		return fail(err, "%s: cannot load the module indexes (%s); run depmod?", ctx->dir,
			    strerror(-r));
	return 0;
}

void
sysmod_close(struct sysmod_ctx *ctx)
{
	if (!ctx)
		return;
	kmod_unref(ctx->kmod);
	free(ctx->dir);
	free(ctx);
}

const char *
sysmod_dir(const struct sysmod_ctx *ctx)
{
	return ctx->dir;
}

/* ---- modules ----------------------------------------------------------- */

static void
add_list_names(struct kmod_list *list, struct sysmod_names *out)
{
	struct kmod_list *it;

	kmod_list_foreach(it, list) {
		struct kmod_module *mod = kmod_module_get_module(it);

		sysmod_names_add(out, kmod_module_get_name(mod));
		kmod_module_unref(mod);
	}
}

int
sysmod_loaded(struct sysmod_ctx *ctx, struct sysmod_names *out, char **err)
{
	struct kmod_list *list = NULL;
	int r = kmod_module_new_from_loaded(ctx->kmod, &list);

	if (r < 0)
		return fail(err, "cannot list the loaded modules (/proc/modules): %s", strerror(-r));
	add_list_names(list, out);
	kmod_module_unref_list(list);
	return 0;
}

int
sysmod_resolve(struct sysmod_ctx *ctx, const char *modalias, struct sysmod_names *out,
	       char **err)
{
	struct kmod_list *list = NULL;
	int r = kmod_module_new_from_lookup(ctx->kmod, modalias, &list);

	if (r < 0)
		return fail(err, "%s: lookup failed: %s", modalias, strerror(-r));
	add_list_names(list, out);
	kmod_module_unref_list(list);
	return 0;
}

/* ---- sysfs ------------------------------------------------------------- */

/* Last path component of a symbolic link's target, or NULL. */
static char *
link_base(const char *path)
{
	char buf[4096];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	return xstrdup(slash ? slash + 1 : buf);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Real subdirectories (not links), sorted. */
static char **
subdirs(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		bool dir = de->d_type == DT_DIR;

		if (de->d_name[0] == '.')
			continue;
		if (de->d_type == DT_UNKNOWN) {
			char *p = xasprintf("%s/%s", path, de->d_name);
			struct stat st;

			dir = lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
			free(p);
		}
		if (!dir)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void
sysfs_device(struct sysmod_ctx *ctx, const char *path, const char *rel,
	     struct sysmod_devices *out)
{
	char *file = xasprintf("%s/modalias", path), *text, *err = NULL;
	struct sysmod_device *d;

	text = sysmod_read_file(file, &err);
	free(file);
	free(err);
	if (!text)
		return;
	text[strcspn(text, "\n")] = '\0';
	if (!*text) {
		free(text);
		return;
	}
	d = device_new(out, rel);
	d->modalias = text;
	file = xasprintf("%s/driver", path);
	d->driver = link_base(file);
	free(file);
	file = xasprintf("%s/driver/module", path);
	d->driver_module = link_base(file);
	free(file);
	err = NULL;
	if (sysmod_resolve(ctx, d->modalias, &d->modules, &err) < 0)
		free(err);	/* an alias libkmod cannot parse matches nothing */
}

static void
sysfs_walk(struct sysmod_ctx *ctx, const char *path, const char *rel, int depth,
	   struct sysmod_devices *out)
{
	size_t n, i;
	char **subs;

	sysfs_device(ctx, path, rel, out);
	if (depth >= SYSFS_MAX_DEPTH)
		return;
	subs = subdirs(path, &n);
	for (i = 0; i < n; i++) {
		char *p = xasprintf("%s/%s", path, subs[i]);
		char *r = xasprintf("%s%s%s", rel, *rel ? "/" : "", subs[i]);

		sysfs_walk(ctx, p, r, depth + 1, out);
		free(p);
		free(r);
		free(subs[i]);
	}
	free(subs);
}

int
sysmod_hardware(struct sysmod_ctx *ctx, const char *sysfs, struct sysmod_devices *out,
		char **err)
{
	if (!sysfs)
		sysfs = "/sys/devices";
	if (!is_dir(sysfs))
		return fail(err, "%s: not a folder", sysfs);
	sysfs_walk(ctx, sysfs, "", 0, out);
	return 0;
}

/* ---- saved outputs ----------------------------------------------------- */

static bool
module_name_ok(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return n > 0;
}

int
sysmod_parse_lsmod(const char *text, struct sysmod_names *out, char **err)
{
	const char *p = text;
	int lineno = 0;

	while (*p) {
		size_t len = strcspn(p, "\n"), w;
		const char *s = p;

		lineno++;
		p += len + (p[len] == '\n');
		while (len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		w = strcspn(s, " \t\n");
		if (!len || (lineno == 1 && w == 6 && !strncmp(s, "Module", 6)))
			continue;
		if (w > len || !module_name_ok(s, w))
			return fail(err, "line %d: '%.*s' is not a module name", lineno,
				    (int)(w > len ? len : w), s);
		{
			char *name = xstrndup(s, w);

			sysmod_names_add(out, name);
			free(name);
		}
	}
	return 0;
}

/* "a, b c" -> names. */
static void
add_csv_names(const char *s, size_t n, struct sysmod_names *out)
{
	char *copy = xstrndup(s, n), *save, *tok;

	for (tok = strtok_r(copy, ", \t\r", &save); tok; tok = strtok_r(NULL, ", \t\r", &save))
		sysmod_names_add(out, tok);
	free(copy);
}

/* Value after "Key:" on an indented lspci -k line, or NULL. */
static const char *
lspci_value(const char *line, size_t len, const char *key, size_t *vlen)
{
	size_t kl = strlen(key);

	if (len < kl || strncmp(line, key, kl))
		return NULL;
	line += kl;
	len -= kl;
	while (len && isspace((unsigned char)*line)) {
		line++;
		len--;
	}
	while (len && isspace((unsigned char)line[len - 1]))
		len--;
	*vlen = len;
	return line;
}

int
sysmod_parse_lspci(const char *text, struct sysmod_devices *out, char **err)
{
	const char *p = text;
	struct sysmod_device *d = NULL;
	int lineno = 0;

	while (*p) {
		size_t len = strcspn(p, "\n"), vl;
		const char *s = p, *v;

		lineno++;
		p += len + (p[len] == '\n');
		if (!len || strspn(s, " \t\r") == len)
			continue;
		if (!isspace((unsigned char)*s)) {
			size_t w = strcspn(s, " \t");
			char *id = xstrndup(s, w < len ? w : len);

			d = device_new(out, id);
			free(id);
			if (w < len)
				d->description = xstrndup(s + w + 1, len - w - 1);
			continue;
		}
		while (len && isspace((unsigned char)*s)) {
			s++;
			len--;
		}
		if (!d)
			return fail(err, "line %d: indented line before any device", lineno);
		if ((v = lspci_value(s, len, "Kernel driver in use:", &vl))) {
			free(d->driver);
			d->driver = xstrndup(v, vl);
		} else if ((v = lspci_value(s, len, "Kernel modules:", &vl))) {
			add_csv_names(v, vl, &d->modules);
		}
	}
	if (!out->n && *text)
		return fail(err, "no device lines: not `lspci -k` output?");
	return 0;
}
