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

#include "core.h"	/* kc_expr_calc_short, the epoch */

static const char base[] =
	"config MODULES\n\tbool\n\tdefault y\n\tmodules\n"
	"config Y\n\ttristate\n\tdefault y\n"
	"config M\n\ttristate\n\tdefault m\n"
	"config N\n\ttristate\n\tdefault n\n"
	"config NUM\n\tint\n\tdefault 10\n"
	"config HEXV\n\thex\n\tdefault 0x10\n"
	"config STR\n\tstring\n\tdefault \"abc\"\n"
	"config LAZY_A\n\ttristate\n\tdefault y\n"
	"config LAZY_B\n\ttristate\n\tdefault y\n"
	"config SC_AND\n\ttristate\n\tdefault N && LAZY_A\n"
	"config SC_OR\n\ttristate\n\tdefault Y || LAZY_B\n";

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

static struct kc_expr *
default_of(struct kc_tree *t, const char *name)
{
	struct kc_symbol *s = kc_sym_find(t, name);
	struct kc_prop *p;

	for (p = s ? s->props : NULL; p; p = p->next)
		if (p->type == KC_P_DEFAULT)
			return p->expr;
	return NULL;
}

/*
 * kc_expr_calc_short (the incremental update's evaluator) gives every expected
 * value above, from nothing computed; and it does not compute the right
 * operand of an '&&' whose left is n (min(0, x) = 0) or of an '||' whose left
 * is y (max(2, x) = 2), where kc_expr_calc computes both as conf does.
 */
static void
short_circuit(struct kc_tree *t, size_t n)
{
	static const char *const tri[] = { "n", "m", "y" };
	struct kc_symbol *a = kc_sym_find(t, "LAZY_A"), *b = kc_sym_find(t, "LAZY_B");
	size_t i;

	for (i = 0; i < n; i++) {
		char name[16];
		struct kc_expr *e;

		snprintf(name, sizeof(name), "E%zu", i);
		e = default_of(t, name);
		t->epoch++;
		kc_sym_calc(t->modules_sym);
		ok(e && !strcmp(tri[kc_expr_calc_short(e)], cases[i].want),
		   "short-circuit evaluation of %s: %s", cases[i].expr, cases[i].want);
	}
	t->epoch++;
	kc_sym_calc(t->modules_sym);
	ok(kc_expr_calc_short(default_of(t, "SC_AND")) == KC_N && a->valid != t->epoch,
	   "N && LAZY_A: n, and LAZY_A is not computed");
	ok(kc_expr_calc_short(default_of(t, "SC_OR")) == KC_Y && b->valid != t->epoch,
	   "Y || LAZY_B: y, and LAZY_B is not computed");
	ok(kc_expr_calc(default_of(t, "SC_AND")) == KC_N && a->valid == t->epoch,
	   "kc_expr_calc computes both operands of N && LAZY_A, as conf does");
}

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
	short_circuit(t, n);
	kc_tree_free(t);
	free(text);
	unit_cleanup();
	return tap_done();
}
