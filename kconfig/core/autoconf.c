/* autoconf.c - what conf --syncconfig writes for the build: auto.conf,
 * autoconf.h, rustc_cfg, auto.conf.cmd and the include/config/ stamps. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/confmodes.h"
#include "core.h"

/*
 * conf writes these files in the order of its symbol hash table: bucket by
 * bucket, the latest created symbol first in a bucket. The hash is 32-bit
 * FNV-1 of the name; the table has 9973 buckets up to the generic hashtable
 * (1 << 14 buckets) of later kernels. Checked: 5.10 and 6.1 have 9973, 6.12
 * and 7.3 have 16384; the change is placed at 6.8, from the kernel's history
 * as we remember it, not checked on a tree.
 */
static unsigned
version_code(const struct kc_tree *t)
{
	unsigned major = 0, minor = 0;

	if (t->kernelversion)
		sscanf(t->kernelversion, "%u.%u", &major, &minor);
	return major * 1000 + minor;
}

static unsigned
conf_hash(const char *s)
{
	unsigned h = 2166136261U;

	for (; *s; s++)
		h = (h ^ (unsigned)(signed char)*s) * 0x01000193U;
	return h;
}

struct hashed {
	struct kc_symbol *sym;
	unsigned bucket;
	size_t order;
};

static int
cmp_hashed(const void *a, const void *b)
{
	const struct hashed *x = a, *y = b;

	if (x->bucket != y->bucket)
		return x->bucket < y->bucket ? -1 : 1;
	return x->order > y->order ? -1 : x->order < y->order;
}

/* Symbols in conf's for_all_symbols order (choices, without a name, are in
 * bucket 0 when @choices); caller frees. */
static struct hashed *
hash_order_all(struct kc_tree *t, size_t *n, bool choices)
{
	unsigned v = version_code(t);
	unsigned size = !v || v >= 6008 ? 16384 : 9973;	/* no version: today's conf */
	struct hashed *h = kc_xcalloc(t->all_syms.n + 1, sizeof(*h));
	size_t i;

	*n = 0;
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if (!s->name && !choices)
			continue;
		h[*n].sym = s;
		h[*n].bucket = s->name ? conf_hash(s->name) % size : 0;
		h[*n].order = i;
		(*n)++;
	}
	qsort(h, *n, sizeof(*h), cmp_hashed);
	return h;
}

static struct hashed *
hash_order(struct kc_tree *t, size_t *n)
{
	return hash_order_all(t, n, false);
}

struct kc_symbol **
kc_conf_symbol_order(struct kc_tree *t, size_t *n)
{
	struct hashed *h = hash_order_all(t, n, true);
	struct kc_symbol **v = kc_xcalloc(*n + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < *n; i++)
		v[i] = h[i].sym;
	free(h);
	return v;
}

static void
put_quoted(struct kc_buf *b, const char *prefix, const char *val)
{
	kc_buf_puts(b, "\"");
	kc_buf_puts(b, prefix);
	for (; *val; val++) {
		if (*val == '"' || *val == '\\')
			kc_buf_putc(b, '\\');
		kc_buf_putc(b, *val);
	}
	kc_buf_puts(b, "\"");
}

static const char *
hex_prefix(const char *val)
{
	return val[0] == '0' && (val[1] == 'x' || val[1] == 'X') ? "" : "0x";
}

/* Strings stand unquoted since 5.17, so that Makefiles can use them as they are. */
static void
put_auto_conf(struct kc_buf *b, struct kc_symbol *s, const char *val)
{
	if ((s->type == KC_BOOL || s->type == KC_TRISTATE) && *val == 'n')
		return;
	if (s->type == KC_STRING && kc_lang_has(s->tree, KC_LANG_AUTOCONF_QUOTED)) {
		kc_buf_printf(b, "CONFIG_%s=", s->name);
		put_quoted(b, "", val);
		kc_buf_putc(b, '\n');
		return;
	}
	kc_buf_printf(b, "CONFIG_%s=%s\n", s->name, val);
}

static void
put_header(struct kc_buf *b, struct kc_symbol *s, const char *val)
{
	switch (s->type) {
	case KC_BOOL:
	case KC_TRISTATE:
		if (*val != 'n')
			kc_buf_printf(b, "#define CONFIG_%s%s 1\n", s->name,
				      *val == 'm' ? "_MODULE" : "");
		return;
	case KC_HEX:
		kc_buf_printf(b, "#define CONFIG_%s %s%s\n", s->name, hex_prefix(val), val);
		return;
	case KC_STRING:
		kc_buf_printf(b, "#define CONFIG_%s ", s->name);
		put_quoted(b, "", val);
		kc_buf_putc(b, '\n');
		return;
	default:
		kc_buf_printf(b, "#define CONFIG_%s %s\n", s->name, val);
	}
}

/* rustc's --cfg takes strings only; a set bool/tristate also gets a bare
 * --cfg, the equivalent of IS_ENABLED(). */
static void
put_rustc(struct kc_buf *b, struct kc_symbol *s, const char *val)
{
	if (s->type == KC_BOOL || s->type == KC_TRISTATE) {
		if (*val == 'n')
			return;
		kc_buf_printf(b, "--cfg=CONFIG_%s\n", s->name);
	}
	kc_buf_printf(b, "--cfg=CONFIG_%s=", s->name);
	put_quoted(b, s->type == KC_HEX ? hex_prefix(val) : "", val);
	kc_buf_putc(b, '\n');
}

char *
kc_autoconf_str(struct kc_tree *t, enum kc_autoconf_kind kind)
{
	struct kc_buf b = { 0 };
	size_t i, n;
	struct hashed *h;

	kc_buf_puts(&b, "");
	if (kind == KC_AUTOCONF_CONF)
		kc_buf_printf(&b, "#\n# Automatically generated file; DO NOT EDIT.\n# %s\n#\n",
			      kc_tree_mainmenu(t));
	else if (kind == KC_AUTOCONF_HEADER && kc_lang_has(t, KC_LANG_OLD_HEADINGS))
		kc_buf_printf(&b, "/*\n *\n * Automatically generated file; DO NOT EDIT.\n"
			      " * %s\n *\n */\n", kc_tree_mainmenu(t));
	else if (kind == KC_AUTOCONF_HEADER)
		kc_buf_printf(&b, "/*\n * Automatically generated file; DO NOT EDIT.\n * %s\n */\n",
			      kc_tree_mainmenu(t));
	else if (!kc_lang_has(t, KC_LANG_RUSTC_CFG)) {
		kc_buf_free(&b);	/* this kernel's conf writes no rustc_cfg */
		return NULL;
	}
	h = hash_order(t, &n);
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = h[i].sym;
		const char *val;

		kc_sym_calc(s);
		if (!(s->flags & KC_SYM_WRITE) || s->type == KC_UNKNOWN)
			continue;
		val = kc_sym_string(s);
		if (kind == KC_AUTOCONF_CONF)
			put_auto_conf(&b, s, val);
		else if (kind == KC_AUTOCONF_HEADER)
			put_header(&b, s, val);
		else
			put_rustc(&b, s, val);
	}
	free(h);
	return kc_buf_steal(&b);
}

/* The environment variables the Kconfig files read, with their values: make
 * reruns syncconfig when one changes. */
static void
put_env_deps(struct kc_buf *b, struct kc_tree *t, const char *target, bool old_style)
{
	size_t i;

	for (i = 0; i < t->env_deps.n; i += 2) {
		const char *name = t->env_deps.v[i], *val = t->env_deps.v[i + 1];

		if (old_style)
			kc_buf_printf(b, "ifneq \"$(%s)\" \"%s\"\n%s: FORCE\nendif\n", name, val,
				      target);
		else
			kc_buf_printf(b, "\nifneq \"$(%s)\" \"%s\"\n$(autoconfig): FORCE\nendif\n",
				      name, val);
	}
}

/*
 * Two layouts: up to 6.1 (checked on 5.10 and 6.1) the file list comes
 * newest first and the target is named; later (6.12, 7.3) files in reading
 * order and $(autoconfig). The switch is placed at 6.2, not checked on a tree.
 */
char *
kc_autoconf_cmd_str(struct kc_tree *t, const char *autoconf_name)
{
	struct kc_buf b = { 0 };
	unsigned v = version_code(t);
	bool old_style = v && v < 6002;
	size_t i;

	if (old_style && kc_lang_has(t, KC_LANG_OLD_HEADINGS)) {
		kc_buf_puts(&b, "deps_config := \\\n");
		for (i = t->files.n; i-- > 0;)
			kc_buf_printf(&b, "\t%s%s\n", (const char *)t->files.v[i], i ? " \\" : "");
		kc_buf_printf(&b, "\n%s: \\\n\t$(deps_config)\n\n", autoconf_name);
		put_env_deps(&b, t, autoconf_name, true);
		kc_buf_puts(&b, "\n$(deps_config): ;\n");
		return kc_buf_steal(&b);
	}
	if (old_style) {
		kc_buf_puts(&b, "deps_config := \\\n");
		for (i = t->files.n; i-- > 0;)
			kc_buf_printf(&b, "\t%s \\\n", (const char *)t->files.v[i]);
		kc_buf_printf(&b, "\n%s: $(deps_config)\n\n", autoconf_name);
		put_env_deps(&b, t, autoconf_name, true);
		kc_buf_puts(&b, "\n$(deps_config): ;\n");
		return kc_buf_steal(&b);
	}
	kc_buf_printf(&b, "autoconfig := %s\n\ndeps_config := \\\n", autoconf_name);
	for (i = 0; i < t->files.n; i++)
		kc_buf_printf(&b, "\t%s \\\n", (const char *)t->files.v[i]);
	kc_buf_puts(&b, "\n$(autoconfig): $(deps_config)\n$(deps_config): ;\n");
	put_env_deps(&b, t, autoconf_name, false);
	return kc_buf_steal(&b);
}

/* ---- include/config/ stamps ----------------------------------------------- */

/* The value a symbol has in the previous auto.conf text, or NULL. */
static const char *
old_value(const char *old, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = old;

	while (p && *p) {
		if (!strncmp(p, "CONFIG_", 7) && !strncmp(p + 7, name, n) && p[7 + n] == '=') {
			const char *v = p + 8 + n;

			*len = strcspn(v, "\n");
			return v;
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	return NULL;
}

/* Is auto.conf's text @prev (@len bytes) @val? Before 5.17 a string stands
 * there quoted and escaped, as put_quoted writes it. */
static bool
same_old_value(struct kc_symbol *s, const char *prev, size_t len, const char *val)
{
	struct kc_buf b = { 0 };
	bool same;

	if (s->type != KC_STRING || !kc_lang_has(s->tree, KC_LANG_AUTOCONF_QUOTED))
		return strlen(val) == len && !strncmp(prev, val, len);
	kc_buf_puts(&b, "");
	put_quoted(&b, "", val);
	same = strlen(kc_buf_str(&b)) == len && !strncmp(prev, kc_buf_str(&b), len);
	kc_buf_free(&b);
	return same;
}

/* The stamp's path under auto.conf's folder: NAME, or before 5.13 the name
 * in lower case with each '_' a '/', and ".h" (FOO_BAR: foo/bar.h). */
static char *
stamp_name(struct kc_tree *t, const char *name)
{
	char *p, *path;

	if (!kc_lang_has(t, KC_LANG_STAMP_H))
		return kc_xstrdup(name);
	path = kc_xasprintf("%s.h", name);
	for (p = path; *p != '.'; p++)
		*p = *p == '_' ? '/' : (char)tolower((unsigned char)*p);
	return path;
}

/* Does the new value differ from the one auto.conf had? */
static bool
stamp_needed(struct kc_symbol *s, const char *old)
{
	const char *prev, *val;
	size_t len = 0;

	kc_sym_calc(s);
	prev = old ? old_value(old, s->name, &len) : NULL;
	if (!(s->flags & KC_SYM_WRITE))
		return prev != NULL;
	val = kc_sym_string(s);
	if (!prev)
		return !((s->type == KC_BOOL || s->type == KC_TRISTATE) && *val == 'n');
	return !same_old_value(s, prev, len, val);
}

size_t
kc_autoconf_stamps(struct kc_tree *t, const char *old_auto_conf, char ***names)
{
	struct kc_vec v = { 0 };
	const char *p = old_auto_conf;
	size_t i;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if (s->name && s->type != KC_UNKNOWN && stamp_needed(s, old_auto_conf))
			kc_vec_push(&v, stamp_name(t, s->name));
	}
	/* a symbol gone from the Kconfig files since: its stamp changes too */
	while (p && *p) {
		size_t n = strcspn(p, "=\n");

		if (!strncmp(p, "CONFIG_", 7) && p[n] == '=') {
			char *name = kc_xstrndup(p + 7, n - 7);
			struct kc_symbol *s = kc_sym_find(t, name);

			if (!s || s->type == KC_UNKNOWN)
				kc_vec_push(&v, stamp_name(t, name));
			free(name);
		}
		p = strchr(p, '\n');
		p = p ? p + 1 : NULL;
	}
	*names = (char **)v.v;
	return v.n;
}
