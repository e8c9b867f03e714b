/* input.c - reading what a person types: symbol names in any case, quoted values, ARCH names. */
#include "config.h"

#include "kexplore/input.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core.h"

/* env.c: make's ARCH aliases (x86_64 -> x86, ...). */
bool kc_arch_alias(size_t i, const char **arch, const char **srcarch);

struct kc_symbol *
kc_sym_typed(const struct kc_tree *t, const char *name)
{
	struct kc_symbol *s, *hit = NULL;
	size_t i, n = kc_tree_nsyms(t);

	if (!name)
		return NULL;
	if (!strncasecmp(name, "CONFIG_", 7) && name[7])
		name += 7;
	s = kc_sym_find(t, name);
	if (s && kc_sym_defined(s))
		return s;
	for (i = 0; i < n; i++) {
		struct kc_symbol *c = kc_tree_sym(t, i);

		if (c == s || strcasecmp(kc_sym_name(c), name))
			continue;
		/* names differing in case only: a defined one wins, two defined ones are ambiguous */
		if (hit && kc_sym_defined(hit) == kc_sym_defined(c))
			return s;
		if (!hit || kc_sym_defined(c))
			hit = c;
	}
	return hit ? hit : s;
}

/* A quoted string as conf reads it from .config; NULL with *err when it is not closed. */
static char *
unquote(const char *text, char **err)
{
	const char *p = text + 1;
	char *out = kc_xmalloc(strlen(text) + 1), *q = out;

	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		*q++ = *p;
	}
	*q = 0;
	if (*p != '"')
		*err = kc_xasprintf("%s: the string has no closing quote", text);
	else if (p[1])
		*err = kc_xasprintf("%s: text after the closing quote (write \\\" for a quote "
				    "inside the string)", text);
	if (*err) {
		free(out);
		return NULL;
	}
	return out;
}

char *
kc_value_from_user(const struct kc_symbol *sym, const char *text, char **err)
{
	enum kc_type type = kc_sym_type(sym);

	*err = NULL;
	if (text[0] != '"')
		return kc_xstrdup(text);
	if (type == KC_STRING)
		return unquote(text, err);
	*err = kc_xasprintf("%s is %s %s: its value takes no quotes (%s=%.*s)", kc_sym_name(sym),
			    type == KC_INT ? "an" : "a", kc_type_name(type), kc_sym_name(sym),
			    (int)(strlen(text) > 1 && text[strlen(text) - 1] == '"' ?
				  strlen(text) - 2 : strlen(text) - 1), text + 1);
	return NULL;
}

static bool
arch_dir_ok(const char *srctree, const char *srcarch)
{
	char *p = kc_xasprintf("%s/arch/%s/Kconfig", srctree, srcarch);
	bool ok = !strchr(srcarch, '/') && *srcarch && srcarch[0] != '.' && access(p, R_OK) == 0;

	free(p);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every accepted ARCH, sorted, joined by ", ". */
static char *
known_arches(const char *srctree)
{
	char *dir = kc_xasprintf("%s/arch", srctree), *names[256];
	const char *alias, *src;
	struct kc_buf b = { 0 };
	size_t n = 0, i;
	struct dirent *de;
	DIR *d = opendir(dir);

	while (d && (de = readdir(d)) && n < 240)
		if (arch_dir_ok(srctree, de->d_name))
			names[n++] = kc_xstrdup(de->d_name);
	if (d)
		closedir(d);
	for (i = 0; kc_arch_alias(i, &alias, &src) && n < 256; i++)
		if (arch_dir_ok(srctree, src))
			names[n++] = kc_xstrdup(alias);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		kc_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
		free(names[i]);
	}
	free(dir);
	dir = kc_xstrdup(kc_buf_str(&b));	/* "" when arch/ cannot be read */
	kc_buf_free(&b);
	return dir;
}

bool
kc_arch_check(const char *srctree, const char *arch, char **known)
{
	const char *alias, *src, *dir = arch;
	size_t i;

	*known = NULL;
	for (i = 0; kc_arch_alias(i, &alias, &src); i++)
		if (!strcmp(arch, alias))
			dir = src;
	if (arch_dir_ok(srctree, dir))
		return true;
	*known = known_arches(srctree);
	if (**known)
		return false;
	/* no arch/NAME/Kconfig at all (a test fixture): nothing to check against */
	free(*known);
	*known = NULL;
	return true;
}
