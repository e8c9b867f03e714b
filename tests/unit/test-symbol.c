/* test-symbol.c - symbol values (symbol.c), each expected value from
 * Documentation/kbuild/kconfig-language.rst of Linux 6.12 ("doc:") or, where it says, from the
 * kernel's scripts/kconfig/symbol.c behaviour. No config is read: every value is a default. */
#include "config.h"

#include "unit.h"

#define MODULES_ON "config MODULES\n\tbool\n\tdefault y\n\tmodules\n"

/* doc: "If multiple default values are visible, only the first defined one is active";
 * a default whose 'if' is n is not visible. */
TEST(defaults)
{
	struct kc_tree *t = unit_load(
		MODULES_ON
		"config OFF\n\tbool\n"
		"config FIRST\n\ttristate\n\tdefault m\n\tdefault y\n"
		"config SKIP\n\ttristate\n\tdefault y if OFF\n\tdefault m\n"
		"config NONE\n\ttristate\n"
		"config DB\n\tdef_bool y\n"
		"config DT\n\tdef_tristate m\n");

	ASSERT_STR(unit_val(t, "FIRST"), "m");
	ASSERT_STR(unit_val(t, "SKIP"), "m");
	ASSERT_STR(unit_val(t, "NONE"), "n");	/* doc: no default means n */
	ASSERT_STR(unit_val(t, "DB"), "y");	/* doc: def_bool is type plus default */
	ASSERT_STR(unit_val(t, "DT"), "m");
	kc_tree_free(t);
}

/* doc: "depends on" limits the value: a tristate that depends on an m symbol is at most m;
 * on an n symbol it is n whatever its default. A bool is never m (symbol.c: m becomes y for a
 * bool); without the modules symbol on, tristates are bools too (symbol.c). */
TEST(depends)
{
	struct kc_tree *t = unit_load(
		MODULES_ON
		"config M\n\ttristate\n\tdefault m\n"
		"config N\n\ttristate\n"
		"config UNDER_M\n\ttristate\n\tdefault y\n\tdepends on M\n"
		"config UNDER_N\n\ttristate\n\tdefault y\n\tdepends on N\n"
		"config BOOL_M\n\tbool\n\tdefault m\n"
		"if M\nconfig IN_IF\n\ttristate\n\tdefault y\nendif\n"
		"menu \"m\"\n\tdepends on N\nconfig IN_MENU\n\ttristate\n\tdefault y\nendmenu\n");

	ASSERT_STR(unit_val(t, "UNDER_M"), "m");
	ASSERT_STR(unit_val(t, "UNDER_N"), "n");
	ASSERT_STR(unit_val(t, "BOOL_M"), "y");
	/* doc: an if block "adds a dependency to all enclosed menu entries", as does a menu's
	 * 'depends on' "to all its entries" */
	ASSERT_STR(unit_val(t, "IN_IF"), "m");
	ASSERT_STR(unit_val(t, "IN_MENU"), "n");
	kc_tree_free(t);

	t = unit_load("config MODULES\n\tbool\n\tmodules\n"
		      "config TRI_M\n\ttristate\n\tdefault m\n");
	ASSERT_STR(unit_val(t, "MODULES"), "n");
	ASSERT_STR(unit_val(t, "TRI_M"), "y");
	kc_tree_free(t);
}

/* doc: select "forces a symbol to a value", "the value of the selected symbol will be at least
 * the value of the selecting symbol", "without visiting the dependencies"; 'select ... if' only
 * while the condition holds. */
TEST(selects)
{
	struct kc_tree *t = unit_load(
		MODULES_ON
		"config OFF\n\tbool\n"
		"config SEL_M\n\ttristate\n\tdefault m\n\tselect T1\n"
		"config SEL_Y\n\tbool\n\tdefault y\n\tselect T2\n\tselect T3 if OFF\n"
		"config T1\n\ttristate\n"
		"config T2\n\ttristate\n\tdepends on OFF\n"
		"config T3\n\ttristate\n");

	ASSERT_STR(unit_val(t, "T1"), "m");
	ASSERT_STR(unit_val(t, "T2"), "y");	/* its dependency is n, select does not care */
	ASSERT_STR(unit_val(t, "T3"), "n");
	kc_tree_free(t);
}

/* doc, the imply table (FOO imply BAZ, BAZ depends on BAR): BAZ's default is FOO's value,
 * limited by BAR: FOO=y BAR=m -> m; FOO=m BAR=y -> m; FOO=y BAR=n -> n; and unlike select,
 * a visible implied symbol can still be set lower (not tested here: no user values). */
TEST(imply)
{
	struct kc_tree *t = unit_load(
		MODULES_ON
		"config YES\n\ttristate\n\tdefault y\n"
		"config MOD\n\ttristate\n\tdefault m\n"
		"config NO\n\ttristate\n"
		"config FOO_Y\n\ttristate\n\tdefault y\n\timply BAZ1\n\timply BAZ3\n"
		"config FOO_M\n\ttristate\n\tdefault m\n\timply BAZ2\n"
		"config BAZ1\n\ttristate \"baz1\"\n\tdepends on MOD\n"
		"config BAZ2\n\ttristate \"baz2\"\n\tdepends on YES\n"
		"config BAZ3\n\ttristate \"baz3\"\n\tdepends on NO\n");

	ASSERT_STR(unit_val(t, "BAZ1"), "m");
	ASSERT_STR(unit_val(t, "BAZ2"), "m");
	ASSERT_STR(unit_val(t, "BAZ3"), "n");
	kc_tree_free(t);
}

/* doc: "range" limits int/hex values; a default outside the range is clamped to it
 * (symbol.c, sym_validate_range); the first visible range applies. */
TEST(range)
{
	struct kc_tree *t = unit_load(
		"config OFF\n\tbool\n"
		"config HIGH\n\tint \"high\"\n\trange 5 10\n\tdefault 20\n"
		"config LOW\n\tint \"low\"\n\trange 5 10\n\tdefault 1\n"
		"config IN\n\tint \"in\"\n\trange 5 10\n\tdefault 7\n"
		"config HEXR\n\thex \"hex\"\n\trange 0x10 0x20\n\tdefault 0x40\n"
		"config SECOND\n\tint \"second\"\n\trange 100 200 if OFF\n\trange 1 3\n\tdefault 50\n");

	ASSERT_STR(unit_val(t, "HIGH"), "10");
	ASSERT_STR(unit_val(t, "LOW"), "5");
	ASSERT_STR(unit_val(t, "IN"), "7");
	ASSERT_STR(unit_val(t, "HEXR"), "0x20");
	ASSERT_STR(unit_val(t, "SECOND"), "3");
	kc_tree_free(t);
}

/* doc: a choice's default is its 'default' entry when visible, else "the first visible entry";
 * exactly one member of a bool choice is y. */
TEST(choice)
{
	struct kc_tree *t = unit_load(
		"config OFF\n\tbool\n"
		"choice\n\tprompt \"c1\"\n\tdefault B1\n"
		"config A1\n\tbool \"a1\"\nconfig B1\n\tbool \"b1\"\nendchoice\n"
		"choice\n\tprompt \"c2\"\n"
		"config A2\n\tbool \"a2\"\n\tdepends on OFF\nconfig B2\n\tbool \"b2\"\n"
		"config C2\n\tbool \"c2\"\nendchoice\n"
		"choice\n\tprompt \"c3\"\n\tdefault B3 if OFF\n"
		"config A3\n\tbool \"a3\"\nconfig B3\n\tbool \"b3\"\nendchoice\n");

	ASSERT_STR(unit_val(t, "A1"), "n");
	ASSERT_STR(unit_val(t, "B1"), "y");
	ASSERT_STR(unit_val(t, "A2"), "n");	/* not visible */
	ASSERT_STR(unit_val(t, "B2"), "y");	/* the first visible one */
	ASSERT_STR(unit_val(t, "C2"), "n");
	ASSERT_STR(unit_val(t, "A3"), "y");	/* its default is not visible: the first entry */
	ASSERT_STR(unit_val(t, "B3"), "n");
	kc_tree_free(t);
}

/* doc: a prompt's 'if' makes it visible only then; "visible" in the API is that condition. */
TEST(visibility)
{
	struct kc_tree *t = unit_load(
		MODULES_ON
		"config OFF\n\tbool\n"
		"config M\n\ttristate\n\tdefault m\n"
		"config P_OFF\n\tbool \"p\" if OFF\n"
		"config P_M\n\ttristate \"p\" if M\n"
		"config P_ALL\n\tbool \"p\"\n");

	ASSERT_INT(kc_sym_visibility(kc_sym_find(t, "P_OFF")), KC_N);
	ASSERT_INT(kc_sym_visibility(kc_sym_find(t, "P_M")), KC_M);
	ASSERT_INT(kc_sym_visibility(kc_sym_find(t, "P_ALL")), KC_Y);
	kc_tree_free(t);
}

int
main(void)
{
	RUN(defaults);
	RUN(depends);
	RUN(selects);
	RUN(imply);
	RUN(range);
	RUN(choice);
	RUN(visibility);
	unit_cleanup();
	return tap_done();
}
