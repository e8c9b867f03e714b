/* test-cfgdiff.c - the cfgdiff API as the TUI uses it: the config being edited against a file (TAP). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/cfgdiff.h>

#include "../lib/tap.h"

/*
 * The tree and configs of tests/diff/fixtures.sh, whose header explains every
 * expected value. Here a.config is read into the tree as the TUI reads its
 * .config, and the diff takes it as the current column: the same values, so
 * the same 14 differences, but the current column is not a file, so nothing
 * in it is "new" and no unknown symbol comes from it.
 */

static const struct kc_diff_row *
row_of(struct kc_tree *tree, const struct kc_cfgdiff *d, const char *name)
{
	return kc_cfgdiff_find(d, kc_sym_find(tree, name));
}

static bool
streq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static void
check_rows(struct kc_tree *tree, const struct kc_cfgdiff *d)
{
	const struct kc_diff_row *r;
	const struct kc_diff_cell *c;
	char *path;

	ok(kc_cfgdiff_ndiffs(d) == 14, "14 differences (got %zu)", kc_cfgdiff_ndiffs(d));
	r = row_of(tree, d, "NET");
	ok(r && r->kind == KC_DIFF_ROOT && r->nexplains == 3, "NET: a choice explaining 3");
	r = row_of(tree, d, "HINT");
	ok(r && r->kind == KC_DIFF_DERIVED && r->nroots == 1 && streq(kc_sym_name(r->roots[0]), "WANTS_HINT"),
	   "HINT follows from WANTS_HINT");
	c = kc_cfgdiff_cell(d, r, 1);
	ok(c && streq(c->value, "y") && c->how == KC_HOW_IMPLY && c->is_new, "HINT in b.config: y, implied, new");
	r = row_of(tree, d, "FAST_PATH");
	ok(r && r->kind == KC_DIFF_SAME && r->all_written && r->all_explicit, "FAST_PATH: the same, explicit in both");
	r = row_of(tree, d, "NEWOPT");
	c = kc_cfgdiff_cell(d, r, 0);
	ok(c && streq(c->value, "y") && c->how == KC_HOW_DEFAULT && !c->is_new && !c->file_value,
	   "NEWOPT in the current config: a default, not new (not a file)");
	r = row_of(tree, d, "SCHED_RT");
	path = r ? kc_cfgdiff_menu_path(r->group, "/") : NULL;
	ok(streq(path, "Tuning/Scheduler"), "menu path of a choice member: %s", path ? path : "(null)");
	free(path);
}

static void
check_columns(const struct kc_cfgdiff *d)
{
	const struct kc_diff_col *cur = kc_cfgdiff_col(d, 0), *b = kc_cfgdiff_col(d, 1);
	const struct kc_diff_unknown *u = kc_cfgdiff_unknown(d, 0);

	ok(kc_cfgdiff_ncols(d) == 2 && streq(cur->path, "current") && !cur->full && !cur->version,
	   "the current column: its label, not a full config, no version line");
	ok(cur->nset == 15 && cur->nnew == 0, "current: 15 user values, nothing new (%zu, %zu)", cur->nset,
	   cur->nnew);
	ok(streq(b->name, "b.config") && streq(b->version, "Linux/x86 6.11.0") && b->full && b->nnew == 1,
	   "b.config: name, version, full, 1 new");
	ok(kc_cfgdiff_nunknown(d) == 1 && streq(u->name, "LEGACY_THING") && !u->values[0] &&
	   streq(u->values[1], "n") && u->lines[1] == 30, "one unknown symbol, from b.config line 30");
}

/* After compute the tree holds the edited config again. */
static void
check_restored(struct kc_tree *tree)
{
	struct kc_symbol *net = kc_sym_find(tree, "NET"), *host = kc_sym_find(tree, "HOSTNAME");
	struct kc_symbol *rt = kc_sym_find(tree, "SCHED_RT");

	ok(streq(kc_sym_string(net), "y") && kc_sym_has_user_value(net), "NET=y again, a user value");
	ok(streq(kc_sym_string(host), "alpha") && streq(kc_sym_string(rt), "n"),
	   "HOSTNAME=\"alpha\", SCHED_RT=n again");
}

int
main(void)
{
	const char *src = getenv("KX_SRCDIR");
	char path[4096];
	struct kc_load_opts o = { 0 };
	struct kc_tree *tree = NULL;
	struct kc_cfgdiff *d;

	printf("1..14\n");
	snprintf(path, sizeof(path), "%s/tests/diff/tree", src ? src : ".");
	o.srctree = path;
	o.arch = "x86_64";
	o.no_cache = true;
	if (kc_tree_load(&o, &tree) != KC_OK) {
		printf("Bail out! cannot load %s\n", path);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/tests/diff/a.config", src ? src : ".");
	ok(kc_config_read(tree, path) == KC_OK, "a.config read as the config being edited");
	d = kc_cfgdiff_new(tree);
	kc_cfgdiff_add_current(d, "current");
	snprintf(path, sizeof(path), "%s/tests/diff/b.config", src ? src : ".");
	if (kc_cfgdiff_add_file(d, path) != KC_OK) {
		printf("Bail out! cannot read %s\n", path);
		return 1;
	}
	kc_cfgdiff_compute(d);
	check_rows(tree, d);
	check_columns(d);
	check_restored(tree);
	kc_cfgdiff_free(d);
	kc_tree_free(tree);
	return tap_failed != 0;
}
