/* test-mindiff.c - the mindiff library on the fixture tree: what a front end (the TUI's save) relies on. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/kconfig.h>
#include <kexplore/mindiff.h>

#include "../lib/tap.h"

static char *
path(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);

	if (!p)
		abort();
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static struct kc_tree *
load(const char *dir)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;
	char *src = path(dir, "tree");

	o.srctree = src;
	o.arch = "x86_64";
	o.no_cache = true;
	if (kc_tree_load(&o, &t) != KC_OK) {
		printf("Bail out! cannot load %s\n", src);
		exit(1);
	}
	free(src);
	return t;
}

/* Each single line left out breaks the reproduction; all lines give it. */
static void
check_proof(struct kc_tree *t, const struct kc_mindiff *d)
{
	size_t i, n = kc_mindiff_count(d), breaks = 0;
	bool *keep = calloc(n + 1, sizeof(*keep));

	ok(kc_mindiff_check(t, d, NULL), "base + all lines reproduce the target");
	for (i = 0; i < n; i++) {
		memset(keep, 1, n * sizeof(*keep));
		keep[i] = false;
		breaks += !kc_mindiff_check(t, d, keep);
	}
	ok(breaks == n, "leaving out any one line breaks it");
	free(keep);
}

/* The caller's state is left exactly as it was (a TUI keeps showing the same values). */
static void
check_untouched(const char *dir)
{
	struct kc_tree *t = load(dir);
	char *newc = path(dir, "new.config"), *base = path(dir, "base.config");
	struct kc_mindiff *d = NULL;
	char *before, *after;
	struct kc_symbol *nr = kc_sym_find(t, "NR_CPUS");

	kc_config_read(t, newc);
	kc_sym_set_string(nr, "100");	/* an edit after reading, as in the explorer */
	before = kc_config_str(t);
	ok(kc_mindiff_compute_file(t, base, &d) == KC_OK && d, "compute after an edit");
	after = kc_config_str(t);
	ok(!strcmp(before, after), "the tree's values are as before");
	ok(!strcmp(kc_sym_user_string(nr), "100"), "... and so are its user values");
	ok(!strcmp(kc_mindiff_target(d), before), "the target is the edited state");
	ok(kc_mindiff_stats(d)->proven, "the diff is proven minimal");
	check_proof(t, d);
	kc_mindiff_free(d);
	free(before);
	free(after);
	free(newc);
	free(base);
	kc_tree_free(t);
}

static void
check_lines(const char *dir)
{
	static const char *const want[][2] = {
		{ "ZRAM", "m" }, { "ZRAM_DEF_COMP_ZSTD", "y" }, { "LRU_GEN", "y" },
		{ "PREEMPT_NONE", "y" }, { "NR_CPUS", "128" }, { "PHYSICAL_START", "0x1000000" },
		{ "CMDLINE", "console=ttyS0 \"quoted\" ${x}" }, { "DEBUG_STUFF", "n" }, { "9P_FS", "m" },
	};
	struct kc_tree *t = load(dir);
	char *newc = path(dir, "new.config"), *base = path(dir, "base.config");
	struct kc_mindiff *d = NULL;
	size_t i, n = sizeof(want) / sizeof(want[0]);
	bool same = true;

	kc_config_read(t, newc);
	kc_mindiff_compute_file(t, base, &d);
	ok(d && kc_mindiff_count(d) == n, "9 lines (the reasoning is in fixture.sh)");
	for (i = 0; d && i < n && i < kc_mindiff_count(d); i++) {
		const struct kc_mindiff_entry *e = kc_mindiff_entry(d, i);

		same = same && !strcmp(kc_sym_name(e->sym), want[i][0]) &&
		       !strcmp(e->value, want[i][1]);
	}
	ok(same, "... the expected symbols and values, in menu order");
	ok(d && kc_mindiff_nconsequences(d) == 7, "7 symbols change as a consequence");
	ok(d && !strcmp(kc_mindiff_entry(d, 5)->old, "0x2000000"), "old values are the base's");
	ok(d && kc_mindiff_entry(d, 1)->old == NULL, "a symbol the base does not write has no old value");
	kc_mindiff_free(d);
	/* the base from itself: nothing */
	kc_config_read(t, base);
	kc_mindiff_compute_file(t, base, &d);
	ok(d && kc_mindiff_count(d) == 0, "a config from itself: no lines");
	kc_mindiff_free(d);
	ok(kc_mindiff_compute_file(t, "/nonexistent/base", &d) == KC_ENOENT && !d,
	   "a missing base: KC_ENOENT");
	free(newc);
	free(base);
	kc_tree_free(t);
}

int
main(void)
{
	const char *src = getenv("KX_SRCDIR");
	char *dir = path(src ? src : ".", "tests/save");

	check_untouched(dir);
	check_lines(dir);
	printf("1..%d\n", tap_n);
	free(dir);
	return tap_failed ? 1 : 0;
}
