/* test-strings.c - the string helpers that several parts of kexplore share instead of each
 * keeping its own copy: kc_edit_distance (symbol and module suggestions), kc_buf_put_quoted
 * kc_arena_printf, and kc_put_assignment (a line as conf writes it to .config: confdata, plans, minimal
 * diffs, settings checks). Expected values are worked out by hand in the comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/upgrade.h>

#include "core.h"

#include "unit.h"

static void
test_edit_distance(void)
{
	/* kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g): the textbook 3 */
	ok(kc_edit_distance("kitten", "sitting") == 3, "kitten ~ sitting is 3");
	ok(kc_edit_distance("sitting", "kitten") == 3, "the distance is symmetric");
	ok(kc_edit_distance("", "") == 0 && kc_edit_distance("PCI", "PCI") == 0,
	   "equal strings are 0 apart");
	ok(kc_edit_distance("", "USB") == 3 && kc_edit_distance("USB", "") == 3,
	   "from or to the empty string: its length");
	/* one deletion (the second S) */
	ok(kc_edit_distance("USSB", "USB") == 1, "one deletion is 1");
	/* transposition is two substitutions in plain Levenshtein */
	ok(kc_edit_distance("PCI", "PIC") == 2, "a swap of two letters is 2");
}

static void
test_quoted(void)
{
	struct kc_buf b = { 0 };

	/* conf's .config string: the value between double quotes, a backslash before each
	 * '"' and '\\' (scripts/kconfig/confdata.c writes CONFIG_S="a \"b\" c\\d") */
	kc_buf_put_quoted(&b, "a \"b\" c\\d");
	ok(!strcmp(kc_buf_str(&b), "\"a \\\"b\\\" c\\\\d\""), "quotes and backslashes escaped: %s",
	   kc_buf_str(&b));
	kc_buf_free(&b);
	kc_buf_put_quoted(&b, "");
	ok(!strcmp(kc_buf_str(&b), "\"\""), "the empty string is \"\"");
	kc_buf_free(&b);
}

static void
test_arena_printf(void)
{
	struct kc_arena a = { 0 };
	const char *s = kc_arena_printf(&a, "%s=%d%s", "CONFIG_X", 42, "");

	ok(!strcmp(s, "CONFIG_X=42"), "kc_arena_printf formats into the arena (got %s)", s);
	kc_arena_free(&a);
}

static void
test_assignment(void)
{
	static const char text[] =
		"config B\n\tbool \"b\"\nconfig T\n\ttristate \"t\"\n"
		"config S\n\tstring \"s\"\nconfig I\n\tint \"i\"\n";
	struct kc_tree *t = unit_load(text);
	struct kc_buf b = { 0 };
	static const struct {
		const char *sym, *val, *line;
	} rows[] = {
		{ "B", "n", "# CONFIG_B is not set" },	/* a bool at n is a comment */
		{ "T", "n", "# CONFIG_T is not set" },
		{ "T", "m", "CONFIG_T=m" },
		{ "B", "y", "CONFIG_B=y" },
		{ "S", "n", "CONFIG_S=\"n\"" },	/* "n" is only special for bool/tristate */
		{ "S", "a\"b", "CONFIG_S=\"a\\\"b\"" },
		{ "I", "42", "CONFIG_I=42" },	/* numbers bare */
	};
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		kc_put_assignment(&b, kc_sym_find(t, rows[i].sym), rows[i].val);
		ok(!strcmp(kc_buf_str(&b), rows[i].line), "%s=%s is written %s (got %s)", rows[i].sym,
		   rows[i].val, rows[i].line, kc_buf_str(&b));
		kc_buf_free(&b);
	}
	kc_tree_free(t);
}

int
main(void)
{
	test_edit_distance();
	test_quoted();
	test_arena_printf();
	test_assignment();
	unit_cleanup();
	return tap_done();
}
