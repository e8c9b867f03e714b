/*
 * fuzz-modmap.c - libFuzzer target: the module-map reader on a tree of
 * Makefiles written from the input. The text before the first marker line
 * is the top Kbuild; a line "#@ PATH" starts the file PATH (letters, digits,
 * '_', '-', '.', '/'; no '..'; at most 8 levels), for example
 *
 *	obj-y += drivers/
 *	#@ drivers/Makefile
 *	obj-$(CONFIG_FOO) += foo.o
 *
 * The map is read from a fresh folder for every input (the reader has no
 * from-memory entry point; it walks directories), then queried.
 */
#include "config.h"

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/modmap.h>

#define MAX_FILES	32

static bool
path_ok(const char *p, size_t n)
{
	size_t i, levels = 0;

	if (!n || n > 96 || p[0] == '/' || p[n - 1] == '/')
		return false;
	for (i = 0; i < n; i++) {
		char c = p[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '-' || c == '.' || c == '/'))
			return false;
		if (c == '/' && ++levels > 8)
			return false;
		/* no "." or ".." component, no empty component */
		if ((i == 0 || p[i - 1] == '/') &&
		    (c == '/' || (c == '.' && (i + 1 == n || p[i + 1] == '/' ||
					       (p[i + 1] == '.' && (i + 2 == n || p[i + 2] == '/'))))))
			return false;
	}
	return true;
}

/* Split the input into files below dir; returns how many were written. */
static int
write_tree(const char *dir, const char *s, size_t n)
{
	const char *end = s + n, *p = s, *start = s;
	char name[128] = "Kbuild";
	int files = 0;

	for (;;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		bool marker = end - p >= 3 && !memcmp(p, "#@ ", 3);
		size_t nl;

		if (marker || p == end) {
			if (files < MAX_FILES)
				files += fuzz_write(dir, name, start, (size_t)(p - start));
			if (!marker)
				break;
			nl = (size_t)((eol ? eol : end) - (p + 3));
			if (path_ok(p + 3, nl)) {
				memcpy(name, p + 3, nl);
				name[nl] = '\0';
			} else {
				strcpy(name, "ignored.mk");
			}
			start = next;
		}
		p = next;
	}
	return files;
}

static void
query(struct kc_modmap *map)
{
	struct kc_modmap_stats st;
	const char *close[4];
	size_t i, j;

	kc_modmap_stats(map, &st);
	for (i = 0; i < kc_modmap_ndiags(map); i++)
		free(kc_diag_format(kc_modmap_diag(map, i)));
	for (i = 0; i < kc_modmap_nentries(map) && i < 64; i++) {
		const struct kc_modmap_entry *e = kc_modmap_entry(map, i);

		for (j = 0; kc_modmap_lookup(map, e->name, j); j++)
			;
		for (j = 0; j < e->nsyms; j++)
			(void)kc_modmap_for_symbol(map, e->syms[j], 0);
	}
	(void)kc_modmap_closest(map, "foo", close, 4);
	(void)kc_modmap_lookup(map, "foo.ko", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_workdir();
	struct kc_modmap_opts o = { 0 };
	struct kc_modmap *map = NULL;

	fuzz_clear(dir);
	write_tree(dir, (const char *)data, size);
	o.srctree = dir;
	o.srcarch = "x86";
	o.walk = true;
	kc_modmap_load(&o, &map);
	if (map)
		query(map);
	kc_modmap_free(map);
	return 0;
}
