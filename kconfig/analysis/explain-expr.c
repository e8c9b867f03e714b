/* explain-expr.c - why an expression is below or above a value: && and || as wholes or
 * alternatives, negation, comparisons, constants. */
#include "config.h"

#include "kexplore/explain.h"

#include <ctype.h>
#include <string.h>

#include "explain-private.h"

/* A constant operand: say where it comes from when the entry's text computes
 * it with $(...), else that it is a constant. */
static void
constant_leaf(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	      const struct kc_menu *where)
{
	int line = where ? kc_explainer_find_dollar(e->ex, where) : 0;
	const char *q = kc_sym_is_const(s) ? "\"" : "";

	if (line > 0 && kc_why_toolchain_at(e, parent, kc_menu_file(where), line))
		return;
	kc_why_leaf(e, parent, KC_CAUSE_NOTE, NULL, false,
		    kc_why_fmt(e, "the constant %s%s%s", q, kc_sym_string(s), q));
}

/* The constants y, m and n: the parser makes every "y" one symbol, whether quoted or not. */
static bool
is_tri_const(const struct kc_symbol *s)
{
	const char *name = s ? kc_sym_name(s) : NULL;

	return name && kc_sym_is_const(s) && name[0] && !name[1] && strchr("ymn", name[0]);
}

static bool
is_tri_sym(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* A constant, or a number written in an expression (an untyped symbol named 116). */
static bool
is_literal(const struct kc_symbol *s)
{
	const char *name = kc_sym_name(s), *p = name;

	if (kc_sym_is_const(s))
		return true;
	if (kc_sym_defined(s) || !p)
		return false;
	if (*p == '-')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	return *p && strspn(p, "0123456789abcdefABCDEF") == strlen(p) &&
	       (isdigit((unsigned char)name[0]) || name[0] == '-');
}

/* Need A == c (want_eq) or A != c, for a bool/tristate A and a constant c. */
static void
tri_compare(struct kc_explain *e, struct node *parent, struct kc_symbol *a,
	    enum kc_tristate c, bool want_eq)
{
	enum kc_tristate v = kc_sym_tristate(a);
	struct node *any;

	if (want_eq) {
		kc_why_add(parent, v < c ? kc_why_sym_low(e, a, c) : kc_why_sym_high(e, a, c));
		return;
	}
	if (c == KC_N) {
		kc_why_add(parent, kc_why_sym_low(e, a, KC_M));
	} else if (c == KC_Y) {
		kc_why_add(parent, kc_why_sym_high(e, a, KC_M));
	} else {
		any = kc_why_leaf(e, parent, KC_CAUSE_ANY_OF, a, false,
				  kc_why_fmt(e, "%s must not be m", kc_sym_name(a)));
		any->leaf = -1;
		any->any = true;
		kc_why_add(any, kc_why_sym_low(e, a, KC_Y));
		kc_why_add(any, kc_why_sym_high(e, a, KC_N));
	}
}

/* Need int/hex/string A = "lit": A's own question, as `why A lit` asks it (PANEL_LCD="1"). */
static void
value_compare(struct kc_explain *e, struct node *parent, const struct kc_expr *x)
{
	struct kc_symbol *a = kc_expr_sym(x), *b = kc_expr_sym2(x);
	struct node *n = kc_why_memo_get(e, x, KC_WHY_SET, 0);

	if (!n) {
		n = kc_why_node(e, KC_CAUSE_SYMBOL, a);
		kc_why_memo_put(e, x, KC_WHY_SET, 0, n);
		n->c.value = kc_why_value(e, a);
		n->c.text = kc_why_fmt(e, "%s is %s, needs %s", kc_sym_name(a), n->c.value,
				       kc_sym_name(b));
		e->depth++;
		kc_why_explain_value(e, n, a, kc_sym_name(b));
		e->depth--;
	}
	kc_why_add(parent, n);
}

static void
compare_explain(struct kc_explain *e, struct node *parent, struct kc_expr *x, bool want_true)
{
	struct kc_symbol *a = kc_expr_sym(x), *b = kc_expr_sym2(x);
	enum kc_expr_type op = kc_expr_type(x);
	struct node *n;

	if ((op == KC_E_EQUAL || op == KC_E_UNEQUAL) && is_tri_const(b) && is_tri_sym(a) &&
	    kc_sym_defined(a)) {
		tri_compare(e, parent, a, kc_sym_tristate(b), want_true == (op == KC_E_EQUAL));
		return;
	}
	if (op == KC_E_EQUAL && want_true && b && is_literal(b) && !is_tri_sym(a) &&
	    kc_sym_defined(a) && kc_sym_has_prompt(a) && !kc_why_over_budget(e)) {
		value_compare(e, parent, x);
		return;
	}
	if ((op == KC_E_UNEQUAL) == want_true && b && is_literal(b) && !is_tri_sym(a) &&
	    kc_sym_defined(a) && kc_sym_has_prompt(a) && !kc_why_over_budget(e)) {
		/* PANEL_LCD_PROTO!="0": any other value the user gives it */
		const char *q = kc_sym_type(a) == KC_STRING ? "\"" : "";

		n = kc_why_leaf(e, parent, KC_CAUSE_SYMBOL, a, false,
				kc_why_fmt(e, "%s is %s%s%s, needs another value than %s%s%s",
					   kc_sym_name(a), q, kc_why_value(e, a), q, q,
					   kc_sym_name(b), q));
		n->leaf = -1;
		if (kc_sym_type(a) == KC_STRING)
			e->needs_value = kc_sym_name(a);
		if (kc_sym_visibility(a) == KC_N)
			kc_why_visibility_low(e, n, a, KC_M);
		else
			kc_why_user_leaf(e, n, a);
		return;
	}
	n = kc_why_node(e, KC_CAUSE_COMPARE, NULL);
	n->c.text = kc_why_fmt(e, "%s is %s", kc_why_expr_text(e, x), want_true ? "false" : "true");
	n->c.value = want_true ? "n" : "y";
	n->c.want = want_true ? "y" : "n";
	n->any = true;
	kc_why_add(parent, n);
	if (!is_literal(a))
		kc_why_add(n, kc_why_value_node(e, a));
	if (b && !is_literal(b))
		kc_why_add(n, kc_why_value_node(e, b));
	if (!n->c.nchildren)
		n->leaf = 0;
}

/*
 * Why an expression is below a value (low) and why it is above one (high) are mirror
 * images: && and || trade places. Under the operator that must hold (or fail) as a whole
 * every operand is explained; under the other, each alternative goes below an any-of
 * node, and one that is itself a whole goes below a node of its own (HAVE_CLK && ATH79 ||
 * MIPS && COMPILE_TEST on x86: COMPILE_TEST alone does not open it, MIPS is not defined
 * there).
 */
struct side {
	enum kc_expr_type whole;	/* every operand explained */
	enum kc_expr_type alts;		/* alternatives under an any-of node */
	const char *alts_text, *whole_alt_text;
};
static const struct side side_low = {
	KC_E_AND, KC_E_OR, "none of the alternatives holds: ", "this alternative needs all of: ",
};
static const struct side side_high = {
	KC_E_OR, KC_E_AND, "all of these hold (lowering one would do): ",
	"lowering this needs all of its alternatives lowered: ",
};

/* beyond - @x is already where the question wants it (at or above @t for low). */
static bool
beyond(struct kc_explain *e, struct kc_expr *x, enum kc_tristate t, bool low)
{
	return low ? kc_why_eval(e, x) >= t : kc_why_eval(e, x) <= t;
}

static void expr_side(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		      enum kc_tristate t, const struct kc_menu *where, bool low);

/* One alternative: a whole one needs each of its operands, below a node of its own. */
static void
alt_side(struct kc_explain *e, struct node *any, struct kc_expr *x, enum kc_tristate t,
	 const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;
	struct node *all;

	if (kc_expr_type(x) != sd->whole || beyond(e, x, t, low)) {
		expr_side(e, any, x, t, where, low);
		return;
	}
	all = kc_why_leaf(e, any, KC_CAUSE_NOTE, NULL, false,
			  kc_why_fmt(e, "%s%s", sd->whole_alt_text, kc_why_expr_text(e, x)));
	all->leaf = -1;
	expr_side(e, all, x, t, where, low);
}

static void
alts_side(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	  const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;
	struct kc_vec terms = { 0 };
	struct node *any;
	size_t i;

	kc_why_op_terms(x, sd->alts, &terms);
	any = kc_why_leaf(e, parent, KC_CAUSE_ANY_OF, NULL, false,
			  kc_why_fmt(e, "%s%s", sd->alts_text, kc_why_expr_text(e, x)));
	any->leaf = -1;
	any->any = true;
	for (i = 0; i < terms.n; i++)
		alt_side(e, any, terms.v[i], t, where, low);
	kc_vec_free(&terms);
}

static void
expr_side(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	  const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;
	enum kc_expr_type op;

	if (!x || beyond(e, x, t, low))
		return;
	op = kc_expr_type(x);
	if (op == KC_E_SYMBOL && kc_sym_is_const(kc_expr_sym(x))) {
		constant_leaf(e, parent, kc_expr_sym(x), where);
	} else if (op == KC_E_SYMBOL) {
		kc_why_add(parent, kc_why_sym_side(e, kc_expr_sym(x), t, low));
	} else if (op == sd->whole) {
		expr_side(e, parent, kc_expr_left(x), t, where, low);
		expr_side(e, parent, kc_expr_right(x), t, where, low);
	} else if (op == sd->alts) {
		alts_side(e, parent, x, t, where, low);
	} else if (op == KC_E_NOT) {
		expr_side(e, parent, kc_expr_left(x), (enum kc_tristate)(KC_Y - t), where, !low);
	} else {
		compare_explain(e, parent, x, low);
	}
}

void
kc_why_expr_low(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
		const struct kc_menu *where)
{
	expr_side(e, parent, x, t, where, true);
}

void
kc_why_expr_high(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
		 const struct kc_menu *where)
{
	expr_side(e, parent, x, t, where, false);
}
