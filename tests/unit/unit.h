/* unit.h - what the C unit tests of tests/unit/ share: a tree loaded from Kconfig text in
 * memory, in a private temporary srctree (for files it sources), with no shell cache. */
#ifndef KEXPLORE_TESTS_UNIT_H
#define KEXPLORE_TESTS_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kexplore/kconfig.h>

#include "../lib/tap.h"

static char unit_dir[64];

/* The private srctree (made once, removed by unit_cleanup). */
static __attribute__((unused)) const char *
unit_srctree(void)
{
	if (!unit_dir[0]) {
		const char *tmp = getenv("TMPDIR");

		snprintf(unit_dir, sizeof(unit_dir), "%s/kx-unit.XXXXXX", tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		if (!mkdtemp(unit_dir))
			abort();
	}
	return unit_dir;
}

/* unit_write NAME TEXT - a file of the private srctree. */
static void __attribute__((unused))
unit_write(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", unit_srctree(), name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void __attribute__((unused))
unit_cleanup(void)
{
	char cmd[128];

	if (unit_dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", unit_dir);
		if (system(cmd))
			diag("could not remove %s", unit_dir);
	}
}

/* KX_UNIT_DUMP=DIR writes every tree's Kconfig there as N.Kconfig, to run the kernel's conf
 * on the same text and compare (how the expected values were double-checked). */
static void __attribute__((unused))
unit_dump(const char *text)
{
	static int n;
	const char *dir = getenv("KX_UNIT_DUMP");
	char path[512];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%d.Kconfig", dir, n++);
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* unit_load_opts TEXT SHELL - load TEXT as the top Kconfig; print the diagnostics as TAP
 * comments; the tree also when it has errors (NULL only when out of memory). */
static __attribute__((unused)) struct kc_tree *
unit_load_opts(const char *text, int shell, enum kc_status *st)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;
	size_t i;

	o.srctree = unit_srctree();
	o.arch = "x86_64";
	o.no_shell = !shell;
	o.no_cache = 1;
	o.kconfig_text = text;
	o.kconfig_len = strlen(text);
	unit_dump(text);
	*st = kc_tree_load(&o, &t);
	for (i = 0; t && i < kc_tree_ndiags(t); i++) {
		char *d = kc_diag_format(kc_tree_diag(t, i));

		diag("%s", d);
		free(d);
	}
	return t;
}

/* unit_load TEXT - a tree that must load; a failed load is a failed check and exits. */
static __attribute__((unused)) struct kc_tree *
unit_load(const char *text)
{
	enum kc_status st;
	struct kc_tree *t = unit_load_opts(text, 0, &st);

	if (st != KC_OK || !t) {
		ok(0, "load: %s", kc_status_str(st));
		tap_done();
		unit_cleanup();
		exit(0);
	}
	return t;
}

/* unit_val TREE NAME - the symbol's value as text ("y", "m", "n", "42", ...), or NULL. */
static __attribute__((unused)) const char *
unit_val(struct kc_tree *t, const char *name)
{
	struct kc_symbol *s = kc_sym_find(t, name);

	return s ? kc_sym_string(s) : NULL;
}

#endif /* KEXPLORE_TESTS_UNIT_H */
