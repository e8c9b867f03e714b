/* test-expr.c - Kconfig expressions (expr.c, parser.c), each expected value from the
 * "Menu dependencies" rules of Documentation/kbuild/kconfig-language.rst (Linux 6.12):
 *   (1) a bool/tristate symbol is its value, any other type is 'n'
 *   (2) '=' gives y when both values are equal, (3) '!=' the opposite
 *   (4) '<' '>' '<=' '>=' compare the values
 *   (5) parentheses, (6) '!' is 2-value, (7) '&&' is min, (8) '||' is max
 *   "An expression can have a value of 'n', 'm' or 'y' (or 0, 1, 2 respectively)";
 *   precedence in decreasing order: comparisons, '!', '&&', '||'.
 * Each expression is the default of a tristate; M, Y, N are tristates with those defaults and
 * MODULES is the modules symbol, so 'm' is kept as 'm'. */
#include "config.h"

#include "unit.h"

static const char base[] =
	"config MODULES\n\tbool\n\tdefault y\n\tmodules\n"
	"config Y\n\ttristate\n\tdefault y\n"
	"config M\n\ttristate\n\tdefault m\n"
	"config N\n\ttristate\n\tdefault n\n"
	"config NUM\n\tint\n\tdefault 10\n"
	"config HEXV\n\thex\n\tdefault 0x10\n"
	"config STR\n\tstring\n\tdefault \"abc\"\n";

struct expect {
	const char *expr, *want, *why;
};

static const struct expect cases[] = {
	{ "M && Y", "m", "(7) min(1, 2)" },
	{ "M && N", "n", "(7) min(1, 0)" },
	{ "M || N", "m", "(8) max(1, 0)" },
	{ "M || Y", "y", "(8) max(1, 2)" },
	{ "!M", "m", "(6) 2 - 1" },
	{ "!Y", "n", "(6) 2 - 2" },
	{ "!N", "y", "(6) 2 - 0" },
	{ "Y && !(M || N)", "m", "(5) (6) (7) (8): min(2, 2 - max(1, 0))" },
	{ "N || M && Y", "m", "'&&' binds tighter than '||': max(0, min(1, 2))" },
	{ "!Y || Y", "y", "'!' binds tighter than '||': max(0, 2)" },
	{ "M = m", "y", "(2) equal values" },
	{ "M = y", "n", "(2) different values" },
	{ "M != y", "y", "(3)" },
	{ "STR = \"abc\"", "y", "(2) on strings" },
	{ "STR != \"abc\"", "n", "(3) on strings" },
	{ "NUM > 9", "y", "(4) 10 > 9" },
	{ "NUM < 9", "n", "(4) 10 < 9" },
	{ "NUM >= 10", "y", "(4) 10 >= 10" },
	{ "NUM <= 9", "n", "(4) 10 <= 9" },
	{ "NUM > 0x9", "y", "(4) hex and int values compare as numbers: 10 > 9" },
	{ "HEXV = 0x10", "y", "(2) hex" },
	{ "HEXV < 17", "y", "(4) 0x10 = 16 < 17" },
	{ "NUM", "n", "(1) an int symbol alone is 'n'" },
	{ "STR", "n", "(1) a string symbol alone is 'n'" },
	{ "\"y\"", "y", "a constant symbol: its value" },
	{ "'m'", "m", "single quotes make a constant too" },
};

int
main(void)
{
	size_t i, n = sizeof(cases) / sizeof(cases[0]);
	char *text, *p;
	size_t len = sizeof(base) + n * 64;
	struct kc_tree *t;

	for (i = 0; i < n; i++)
		len += strlen(cases[i].expr);
	text = malloc(len);
	if (!text)
		abort();
	p = text + sprintf(text, "%s", base);
	for (i = 0; i < n; i++)
		p += sprintf(p, "config E%zu\n\ttristate\n\tdefault %s\n", i, cases[i].expr);
	t = unit_load(text);
	for (i = 0; i < n; i++) {
		char name[16];
		const char *got;

		snprintf(name, sizeof(name), "E%zu", i);
		got = unit_val(t, name);
		ok(got && !strcmp(got, cases[i].want), "%s is %s: %s", cases[i].expr, cases[i].want,
		   cases[i].why);
		if (!got || strcmp(got, cases[i].want))
			diag("got %s", got ? got : "(null)");
	}
	kc_tree_free(t);
	free(text);
	unit_cleanup();
	return tap_done();
}
