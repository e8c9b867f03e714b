/* test-evalstate.c - the public accessors the analyses (mindiff, diff) use instead of the core's
 * structures: choice priorities, putting a user value back in one update, computed-state
 * snapshots, symbol ids, trimming diagnostics. Expected values from the kernel's 6.12
 * scripts/kconfig ("kernel:") or from the accessor's documented meaning, reasoned below. */
#include "config.h"

#include <kexplore/incr.h>

#include "unit.h"

/* Three members without a default: sym_choice_default() takes the first visible member. */
#define CHOICE_ABC \
	"choice\n\tprompt \"pick\"\nconfig A\n\tbool \"a\"\nconfig B\n\tbool \"b\"\n" \
	"config C\n\tbool \"c\"\nendchoice\n"

static void
read_text(struct kc_tree *t, const char *text)
{
	ASSERT_INT(kc_config_read_buf(t, "test.config", text, strlen(text)), KC_OK);
}

/* The names of a choice's members in priority order, "C B A". */
static void
order_names(struct kc_menu *choice, char *out, size_t len)
{
	size_t n, i;
	struct kc_symbol *const *v = kc_choice_order(choice, &n);

	out[0] = 0;
	for (i = 0; i < n; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? " " : "",
			 kc_sym_name(v[i]));
}

/* kernel: confdata.c moves each choice member a config assigns to the front of its choice's
 * priorities ("the last one wins"); before any read they are in definition order. */
TEST(choice_order)
{
	struct kc_tree *t = unit_load(CHOICE_ABC "config PLAIN\n\tbool \"p\"\n");
	struct kc_menu *choice = kc_sym_choice(kc_sym_find(t, "A"));
	char names[64];
	size_t n = 7;

	ASSERT(choice != NULL);
	order_names(choice, names, sizeof(names));
	ASSERT_STR(names, "A B C");
	read_text(t, "CONFIG_B=y\nCONFIG_C=y\n");
	order_names(choice, names, sizeof(names));
	ASSERT_STR(names, "C B A");
	/* kernel: sym_calc_choice takes the first member by priority whose user value is y */
	ASSERT_STR(unit_val(t, "C"), "y");
	/* not a choice: no members */
	ASSERT(kc_choice_order(kc_sym_menu(kc_sym_find(t, "PLAIN"), 0), &n) == NULL);
	ASSERT_INT(n, 0);
	kc_tree_free(t);
}

/*
 * kc_sym_put_user: C's line dropped from "B=y, C=y" gives C no user value and the choice the
 * order reading "CONFIG_B=y" alone gives (B A C); then B is the first y by priority. A rollback
 * of the checkpoint brings back C's value and the order C B A.
 */
TEST(put_user)
{
	struct kc_tree *t = unit_load(CHOICE_ABC "config OPT\n\tbool \"o\"\n\tdefault y\n");
	struct kc_symbol *a = kc_sym_find(t, "A"), *b = kc_sym_find(t, "B");
	struct kc_symbol *c = kc_sym_find(t, "C"), *opt = kc_sym_find(t, "OPT");
	struct kc_symbol *order[3] = { b, a, c };
	char names[64];
	size_t cp;

	read_text(t, "CONFIG_B=y\nCONFIG_C=y\n");
	cp = kc_checkpoint(t);
	kc_sym_put_user(c, NULL, order);
	ASSERT(!kc_sym_has_user_value(c));
	order_names(kc_sym_choice(c), names, sizeof(names));
	ASSERT_STR(names, "B A C");
	ASSERT_STR(kc_sym_string(b), "y");
	ASSERT_STR(kc_sym_string(c), "n");
	kc_rollback(t, cp);
	ASSERT_STR(kc_sym_user_string(c), "y");
	order_names(kc_sym_choice(c), names, sizeof(names));
	ASSERT_STR(names, "C B A");
	ASSERT_STR(kc_sym_string(c), "y");
	/* a plain symbol: the value given back is its user value, no order */
	kc_sym_put_user(opt, "n", NULL);
	ASSERT_STR(kc_sym_user_string(opt), "n");
	ASSERT_STR(kc_sym_string(opt), "n");
	kc_tree_free(t);
}

/*
 * kc_eval_state_restore puts the computed state back as it was, computed values included: a
 * value computed at the save (OPT y, its default) reads the same after a user value changed
 * it, until something invalidates the tree. kc_eval_state_seed after kc_tree_invalidate marks
 * nothing computed: the value follows the user value again.
 */
TEST(eval_state)
{
	struct kc_tree *t = unit_load("config OPT\n\tbool \"o\"\n\tdefault y\n"
				      "config DEP\n\tbool\n\tdefault y\n\tdepends on OPT\n");
	struct kc_symbol *opt = kc_sym_find(t, "OPT");
	struct kc_eval_state *st;

	ASSERT_STR(unit_val(t, "DEP"), "y");
	st = kc_eval_state_save(t);
	ASSERT_INT(kc_sym_set_tristate(opt, KC_N), KC_OK);
	ASSERT_STR(unit_val(t, "DEP"), "n");
	kc_eval_state_restore(t, st);
	ASSERT_STR(unit_val(t, "DEP"), "y");
	ASSERT_STR(unit_val(t, "OPT"), "y");
	kc_tree_invalidate(t);
	kc_eval_state_seed(t, st);
	ASSERT_STR(unit_val(t, "OPT"), "n");
	ASSERT_STR(unit_val(t, "DEP"), "n");
	/* as loaded: nothing computed, and evaluating again gives the user value's result */
	kc_tree_eval_reset(t);
	ASSERT_STR(unit_val(t, "DEP"), "n");
	kc_eval_state_free(st);
	kc_tree_free(t);
}

/* Ids: distinct, from 1 to kc_tree_nsyms_all(), which counts the choice too (4 > 3 named). */
TEST(ids)
{
	struct kc_tree *t = unit_load(CHOICE_ABC);
	size_t i, n = kc_tree_nsyms_all(t);
	bool seen[8] = { false };

	ASSERT_INT(kc_tree_nsyms(t), 3);
	ASSERT_INT(n, 4);
	for (i = 0; i < kc_tree_nsyms(t); i++) {
		unsigned id = kc_sym_id(kc_tree_sym(t, i));

		ASSERT(id >= 1 && id <= n && !seen[id]);
		if (id < 8)
			seen[id] = true;
	}
	kc_tree_free(t);
}

/* Two unknown names in a config: two warnings (kernel: conf_read_simple warns for each);
 * trimming to 1 keeps the first, to 0 keeps none. */
TEST(trim_diags)
{
	struct kc_tree *t = unit_load("config OPT\n\tbool \"o\"\n");
	size_t base = kc_tree_ndiags(t);

	read_text(t, "CONFIG_NOPE1=y\nCONFIG_NOPE2=y\n");
	ASSERT_INT(kc_tree_ndiags(t), base + 2);
	kc_tree_trim_diags(t, base + 1);
	ASSERT_INT(kc_tree_ndiags(t), base + 1);
	ASSERT(strstr(kc_tree_diag(t, base)->message, "NOPE1") != NULL);
	kc_diag_add(t, KC_NOTE, NULL, 0, 0, "note %d", 42);
	ASSERT_STR(kc_tree_diag(t, base + 1)->message, "note 42");
	kc_tree_trim_diags(t, 0);
	ASSERT_INT(kc_tree_ndiags(t), 0);
	kc_tree_free(t);
}

int
main(void)
{
	RUN(choice_order);
	RUN(put_user);
	RUN(eval_state);
	RUN(ids);
	RUN(trim_diags);
	unit_cleanup();
	return tap_done();
}
