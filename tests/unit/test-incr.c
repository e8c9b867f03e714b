/* test-incr.c - checkpoints and updates on a small tree (tests/unit/incr-tree), with the
 * expected values reasoned from its Kconfig; the random differential test is incr-random.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/incr.h"
#include "kexplore/kconfig.h"

static int n, nfailed;

static void
ok(int cond, const char *what)
{
	n++;
	if (!cond)
		nfailed++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", n, what);
}

static const char *
val(struct kc_tree *t, const char *name)
{
	return kc_sym_string(kc_sym_find(t, name));
}

static size_t
count_unmet(struct kc_tree *t)
{
	size_t i, k = 0;

	for (i = 0; i < kc_tree_ndiags(t); i++)
		k += strstr(kc_tree_diag(t, i)->message, "unmet direct dependencies") != NULL;
	return k;
}

int
main(void)
{
	const char *src = getenv("KX_SRCDIR");
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;
	char path[4096];
	size_t cp, cp2;

	printf("1..9\n");
	snprintf(path, sizeof(path), "%s/tests/unit/incr-tree", src ? src : ".");
	o.srctree = path;
	o.arch = "x86";
	o.no_cache = true;
	if (kc_tree_load(&o, &t) != KC_OK) {
		printf("Bail out! cannot load %s\n", path);
		return 1;
	}
	/* U defaults to m, V depends on U with default y: a tristate capped by U, so m */
	ok(!strcmp(val(t, "U"), "m") && !strcmp(val(t, "V"), "m"), "U=m, V=m (capped by U)");
	cp = kc_checkpoint(t);
	kc_sym_set_tristate(kc_sym_find(t, "U"), KC_Y);
	ok(!strcmp(val(t, "V"), "y"), "U=y: V follows to its default y");
	cp2 = kc_checkpoint(t);
	kc_sym_set_tristate(kc_sym_find(t, "U"), KC_N);
	ok(!strcmp(val(t, "V"), "n"), "U=n: V is n");
	kc_rollback(t, cp2);
	ok(!strcmp(val(t, "V"), "y"), "inner rollback: back to U=y, V=y");
	kc_rollback(t, cp);
	ok(!strcmp(val(t, "U"), "m") && !strcmp(val(t, "V"), "m") &&
	   !kc_sym_has_user_value(kc_sym_find(t, "U")), "outer rollback: U=m, V=m, no user value");
	/* S selects T, whose dependency A is n: conf warns once about the unmet dependency */
	cp = kc_checkpoint(t);
	kc_sym_set_tristate(kc_sym_find(t, "S"), KC_Y);
	ok(!strcmp(val(t, "T"), "y") && count_unmet(t) == 1, "S=y selects T against A=n: one warning");
	kc_rollback(t, cp);
	cp = kc_checkpoint(t);
	kc_sym_set_tristate(kc_sym_find(t, "S"), KC_Y);
	(void)val(t, "T");
	ok(count_unmet(t) == 1, "the same try again after a rollback: still one warning");
	kc_checkpoint_release(t, cp);
	/* a choice: P1 is the default (first visible); choosing P2 and rolling back gives P1 again */
	cp = kc_checkpoint(t);
	kc_sym_set_tristate(kc_sym_find(t, "P2"), KC_Y);
	ok(!strcmp(val(t, "P2"), "y") && !strcmp(val(t, "P1"), "n"), "P2 chosen");
	kc_rollback(t, cp);
	ok(!strcmp(val(t, "P1"), "y") && !strcmp(val(t, "P2"), "n") && !kc_incr_verify(t),
	   "rollback: P1 again, equal to a full evaluation");
	kc_tree_free(t);
	return nfailed != 0;
}
