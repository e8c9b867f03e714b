/* test-preprocess.c - the Kconfig macro language (preprocess.c, env.c), each expected value from
 * Documentation/kbuild/kconfig-macro-language.rst of Linux 6.12 (quoted as "doc:"), seen through
 * string symbols whose defaults use the macros. */
#include "config.h"

#include "unit.h"

/* doc: "A recursively expanded variable ... is expanded every time it is referenced";
 * "A simply expanded variable ... expanded immediately upon reading the line";
 * "+= ... appends" with a space, keeping the flavour of the variable. */
TEST(flavours)
{
	struct kc_tree *t = unit_load(
		"X := 1\n"
		"REC = $(X)\n"
		"SIMPLE := $(X)\n"
		"X := 2\n"
		"APP := a\n"
		"APP += b\n"
		"config REC_S\n\tstring\n\tdefault \"$(REC)\"\n"
		"config SIMPLE_S\n\tstring\n\tdefault \"$(SIMPLE)\"\n"
		"config APP_S\n\tstring\n\tdefault \"$(APP)\"\n"
		"config UNDEF_S\n\tstring\n\tdefault \"<$(NO_SUCH_VARIABLE_KX)>\"\n");

	ASSERT_STR(unit_val(t, "REC_S"), "2");		/* expanded where used: X is 2 by then */
	ASSERT_STR(unit_val(t, "SIMPLE_S"), "1");	/* expanded at its own line */
	ASSERT_STR(unit_val(t, "APP_S"), "a b");
	/* doc: an undefined variable (and no such environment variable) expands to nothing */
	ASSERT_STR(unit_val(t, "UNDEF_S"), "<>");
	kc_tree_free(t);
}

/* doc: "The parameters are referenced within the body definition with $(1), $(2), etc." and
 * user functions are called like built-ins, without 'call'; commas are always delimiters and
 * all whitespace is kept: " arg1" keeps its space; `comma := ,` passes a comma. */
TEST(functions)
{
	struct kc_tree *t = unit_load(
		"swap = $(2)-$(1)\n"
		"comma := ,\n"
		"config CALL_S\n\tstring\n\tdefault \"$(swap,a,b)\"\n"
		"config SPACE_S\n\tstring\n\tdefault \"$(swap, a, b)\"\n"
		"config COMMA_S\n\tstring\n\tdefault \"$(swap,x$(comma)y,z)\"\n");

	ASSERT_STR(unit_val(t, "CALL_S"), "b-a");
	ASSERT_STR(unit_val(t, "SPACE_S"), " b- a");
	ASSERT_STR(unit_val(t, "COMMA_S"), "z-x,y");
	kc_tree_free(t);
}

/* doc: $(filename) is "the file name being parsed", $(lineno) "the line number being parsed";
 * $(info,text) "evaluates to an empty string"; $(warning-if,n,...) does nothing. */
TEST(builtins)
{
	struct kc_tree *t = unit_load(
		"config LINE_S\n\tstring\n\tdefault \"$(lineno)\"\n"
		"config INFO_S\n\tstring\n\tdefault \"[$(info,kx-unit-info)]\"\n"
		"config WARN_S\n\tstring\n\tdefault \"[$(warning-if,n,never)]\"\n");

	ASSERT_STR(unit_val(t, "LINE_S"), "3");
	ASSERT_STR(unit_val(t, "INFO_S"), "[]");
	ASSERT_STR(unit_val(t, "WARN_S"), "[]");
	kc_tree_free(t);
}

/* doc: $(shell,command): "Every newline in the output is replaced with a space. Any trailing
 * newlines are deleted. The standard error is not returned, nor is any program exit status." */
TEST(shell)
{
	enum kc_status st;
	struct kc_tree *t = unit_load_opts(
		"config SH_S\n\tstring\n\tdefault \"$(shell,printf 'a\\nb\\n\\n'; echo err >&2; exit 3)\"\n",
		1, &st);

	ASSERT_INT(st, KC_OK);
	if (t)
		ASSERT_STR(unit_val(t, "SH_S"), "a b");
	kc_tree_free(t);
}

/* doc: "$(error-if,condition,text) ... terminates the parsing immediately if the condition part
 * is 'y'": the load fails, with the text in a diagnostic. */
TEST(error_if)
{
	enum kc_status st;
	struct kc_tree *t = unit_load_opts("$(error-if,y,kx unit stop)\nconfig A\n\tbool\n", 0, &st);
	int found = 0;
	size_t i;

	ASSERT(st != KC_OK);
	for (i = 0; t && i < kc_tree_ndiags(t); i++)
		found |= strstr(kc_tree_diag(t, i)->message, "kx unit stop") != NULL;
	ok(found, "error-if: the text is in a diagnostic");
	kc_tree_free(t);
}

int
main(void)
{
	RUN(flavours);
	RUN(functions);
	RUN(builtins);
	RUN(shell);
	RUN(error_if);
	unit_cleanup();
	return tap_done();
}
