/* expr.c - dependency expressions: building, evaluating, printing. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

struct kc_expr *
kc_expr_alloc_sym(struct kc_tree *t, struct kc_symbol *s)
{
	struct kc_expr *e = kc_arena_alloc(&t->arena, sizeof(*e));

	e->type = KC_E_SYMBOL;
	e->left.sym = s;
	return e;
}

struct kc_expr *
kc_expr_alloc_one(struct kc_tree *t, enum kc_expr_type type, struct kc_expr *sub)
{
	struct kc_expr *e = kc_arena_alloc(&t->arena, sizeof(*e));

	e->type = type;
	e->left.expr = sub;
	return e;
}

struct kc_expr *
kc_expr_alloc_two(struct kc_tree *t, enum kc_expr_type type, struct kc_expr *a,
		  struct kc_expr *b)
{
	struct kc_expr *e = kc_arena_alloc(&t->arena, sizeof(*e));

	e->type = type;
	e->left.expr = a;
	e->right.expr = b;
	return e;
}

struct kc_expr *
kc_expr_alloc_comp(struct kc_tree *t, enum kc_expr_type type, struct kc_symbol *a,
		   struct kc_symbol *b)
{
	struct kc_expr *e = kc_arena_alloc(&t->arena, sizeof(*e));

	e->type = type;
	e->left.sym = a;
	e->right.sym = b;
	return e;
}

struct kc_expr *
kc_expr_and(struct kc_tree *t, struct kc_expr *a, struct kc_expr *b)
{
	if (!a)
		return b;
	return b ? kc_expr_alloc_two(t, KC_E_AND, a, b) : a;
}

struct kc_expr *
kc_expr_or(struct kc_tree *t, struct kc_expr *a, struct kc_expr *b)
{
	if (!a)
		return b;
	return b ? kc_expr_alloc_two(t, KC_E_OR, a, b) : a;
}

enum str_kind { K_STRING, K_SIGNED, K_UNSIGNED };

/* How a comparison reads a value: as a number when it fully parses as one. */
static enum str_kind
parse_value(const char *str, enum kc_type type, long long *s, unsigned long long *u)
{
	char *tail;
	enum str_kind kind;

	errno = 0;
	switch (type) {
	case KC_BOOL:
	case KC_TRISTATE:
		*s = !strcmp(str, "n") ? 0 : !strcmp(str, "m") ? 1 : !strcmp(str, "y") ? 2 : -1;
		return K_SIGNED;
	case KC_INT:
		*s = strtoll(str, &tail, 10);
		kind = K_SIGNED;
		break;
	case KC_HEX:
		*u = strtoull(str, &tail, 16);
		kind = K_UNSIGNED;
		break;
	default:
		*s = strtoll(str, &tail, 0);
		kind = K_SIGNED;
		break;
	}
	return !errno && !*tail && tail > str && isxdigit((unsigned char)tail[-1]) ? kind
										  : K_STRING;
}

static enum kc_tristate
calc_compare(struct kc_expr *e)
{
	struct kc_symbol *a = e->left.sym, *b = e->right.sym;
	enum str_kind k1 = K_STRING, k2 = K_STRING;
	long long s1 = 0, s2 = 0;
	unsigned long long u1 = 0, u2 = 0;
	const char *str1, *str2;
	int res;

	kc_sym_calc(a);
	kc_sym_calc(b);
	str1 = kc_sym_string(a);
	str2 = kc_sym_string(b);
	if (a->type != KC_STRING || b->type != KC_STRING) {
		k1 = parse_value(str1, a->type, &s1, &u1);
		k2 = parse_value(str2, b->type, &s2, &u2);
	}
	if (k1 == K_STRING || k2 == K_STRING) {
		res = strcmp(str1, str2);
	} else if (k1 == K_UNSIGNED || k2 == K_UNSIGNED) {
		/* the kernel reads both through one union: a signed value as unsigned */
		if (k1 == K_SIGNED)
			u1 = (unsigned long long)s1;
		if (k2 == K_SIGNED)
			u2 = (unsigned long long)s2;
		res = (u1 > u2) - (u1 < u2);
	} else {
		res = (s1 > s2) - (s1 < s2);
	}
	switch (e->type) {
	case KC_E_EQUAL:
		return res ? KC_N : KC_Y;
	case KC_E_GEQ:
		return res >= 0 ? KC_Y : KC_N;
	case KC_E_GTH:
		return res > 0 ? KC_Y : KC_N;
	case KC_E_LEQ:
		return res <= 0 ? KC_Y : KC_N;
	case KC_E_LTH:
		return res < 0 ? KC_Y : KC_N;
	case KC_E_UNEQUAL:
		return res ? KC_Y : KC_N;
	default:
		return KC_N;
	}
}

/* A symbol's value, without a call when it is computed already (most are). */
static inline enum kc_tristate
sym_tri(struct kc_symbol *s)
{
	if (s->valid != s->tree->epoch)
		kc_sym_calc(s);
	return s->curr.tri;
}

enum kc_tristate
kc_expr_calc(struct kc_expr *e)
{
	if (!e)
		return KC_Y;
	switch (e->type) {
	case KC_E_SYMBOL:
		return sym_tri(e->left.sym);
	case KC_E_AND:
		return kc_tri_and(kc_expr_calc(e->left.expr), kc_expr_calc(e->right.expr));
	case KC_E_OR:
		return kc_tri_or(kc_expr_calc(e->left.expr), kc_expr_calc(e->right.expr));
	case KC_E_NOT:
		return kc_tri_not(kc_expr_calc(e->left.expr));
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
	case KC_E_LTH:
	case KC_E_LEQ:
	case KC_E_GTH:
	case KC_E_GEQ:
		return calc_compare(e);
	default:
		return KC_N;
	}
}

/*
 * The same value as kc_expr_calc, but '&&' stops at an n and '||' at a y on
 * the left: the right operand's symbols are not computed now. A reverse
 * dependency is an '||' of hundreds of "selector && its dependencies" terms,
 * mostly n; recomputing it for every change of one selector dominated plans,
 * and it is a good part of every full evaluation.
 * Only where the order symbols are computed in cannot change any value
 * (symbol.c, expr_val).
 */
enum kc_tristate
kc_expr_calc_short(struct kc_expr *e)
{
	enum kc_tristate l;

	if (!e)
		return KC_Y;
	switch (e->type) {
	case KC_E_SYMBOL:
		return sym_tri(e->left.sym);
	case KC_E_AND:
		l = kc_expr_calc_short(e->left.expr);
		return l == KC_N ? KC_N : kc_tri_and(l, kc_expr_calc_short(e->right.expr));
	case KC_E_OR:
		l = kc_expr_calc_short(e->left.expr);
		return l == KC_Y ? KC_Y : kc_tri_or(l, kc_expr_calc_short(e->right.expr));
	case KC_E_NOT:
		return kc_tri_not(kc_expr_calc_short(e->left.expr));
	default:
		return kc_expr_calc(e);
	}
}

bool
kc_expr_contains_sym(const struct kc_expr *e, const struct kc_symbol *s)
{
	if (!e)
		return false;
	switch (e->type) {
	case KC_E_AND:
	case KC_E_OR:
		return kc_expr_contains_sym(e->left.expr, s) ||
		       kc_expr_contains_sym(e->right.expr, s);
	case KC_E_SYMBOL:
		return e->left.sym == s;
	case KC_E_EQUAL:
	case KC_E_GEQ:
	case KC_E_GTH:
	case KC_E_LEQ:
	case KC_E_LTH:
	case KC_E_UNEQUAL:
		return e->left.sym == s || e->right.sym == s;
	case KC_E_NOT:
		return kc_expr_contains_sym(e->left.expr, s);
	default:
		return false;
	}
}

/* True when dep can only be true if s is (an "absolute" dependency). */
bool
kc_expr_depends_sym(const struct kc_expr *dep, const struct kc_symbol *s)
{
	struct kc_tree *t;

	if (!dep)
		return false;
	switch (dep->type) {
	case KC_E_AND:
		return kc_expr_depends_sym(dep->left.expr, s) ||
		       kc_expr_depends_sym(dep->right.expr, s);
	case KC_E_SYMBOL:
		return dep->left.sym == s;
	case KC_E_EQUAL:
		t = s->tree;
		return dep->left.sym == s &&
		       (dep->right.sym == &t->sym_y || dep->right.sym == &t->sym_m);
	case KC_E_UNEQUAL:
		t = s->tree;
		return dep->left.sym == s && dep->right.sym == &t->sym_n;
	default:
		return false;
	}
}

/* 'm' in a dependency means "m, if modules are enabled". */
struct kc_expr *
kc_expr_rewrite_m(struct kc_tree *t, struct kc_expr *e)
{
	if (!e)
		return e;
	switch (e->type) {
	case KC_E_NOT:
		return kc_expr_alloc_one(t, KC_E_NOT, kc_expr_rewrite_m(t, e->left.expr));
	case KC_E_OR:
	case KC_E_AND:
		return kc_expr_alloc_two(t, e->type, kc_expr_rewrite_m(t, e->left.expr),
					 kc_expr_rewrite_m(t, e->right.expr));
	case KC_E_SYMBOL:
		if (e->left.sym == &t->sym_m)
			return kc_expr_alloc_two(t, KC_E_AND, e,
						 kc_expr_alloc_sym(t, t->modules_sym ? t->modules_sym
										    : &t->sym_n));
		return e;
	default:
		return e;
	}
}

/* Whether an operand of type t2 printed inside t1 needs parentheses. */
static int
prec_needs_paren(int t1, int t2)
{
	if (t1 == t2)
		return 0;
	switch (t1) {
	case KC_E_LEQ:
	case KC_E_LTH:
	case KC_E_GEQ:
	case KC_E_GTH:
		if (t2 == KC_E_EQUAL || t2 == KC_E_UNEQUAL)
			return 1;
		/* fallthrough */
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
		if (t2 == KC_E_NOT)
			return 1;
		/* fallthrough */
	case KC_E_NOT:
		if (t2 == KC_E_AND)
			return 1;
		/* fallthrough */
	case KC_E_AND:
		if (t2 == KC_E_OR)
			return 1;
		/* fallthrough */
	default:
		break;
	}
	return 0;
}

static void
put_sym(struct kc_buf *b, struct kc_symbol *s, bool with_values)
{
	if (!s->name) {
		kc_buf_puts(b, "<choice>");
		return;
	}
	if (s->flags & KC_SYM_CONST && s != &s->tree->sym_y && s != &s->tree->sym_m &&
	    s != &s->tree->sym_n) {
		kc_buf_printf(b, "\"%s\"", s->name);
		return;
	}
	kc_buf_puts(b, s->name);
	if (with_values && s->type != KC_UNKNOWN && !(s->flags & KC_SYM_CONST))
		kc_buf_printf(b, " [=%s]", kc_sym_string(s));
}

#define PREC_NONE (-1)

void
kc_expr_buf(struct kc_buf *b, const struct kc_expr *e, bool with_values, int prev)
{
	static const char *const ops[] = {
		[KC_E_EQUAL] = "=", [KC_E_UNEQUAL] = "!=", [KC_E_LTH] = "<",
		[KC_E_LEQ] = "<=", [KC_E_GTH] = ">", [KC_E_GEQ] = ">=",
	};
	int paren;

	if (!e) {
		kc_buf_puts(b, "y");
		return;
	}
	paren = prev != PREC_NONE && prec_needs_paren(prev, e->type);
	if (paren)
		kc_buf_putc(b, '(');
	switch (e->type) {
	case KC_E_SYMBOL:
		put_sym(b, e->left.sym, with_values);
		break;
	case KC_E_NOT:
		kc_buf_putc(b, '!');
		kc_expr_buf(b, e->left.expr, with_values, KC_E_NOT);
		break;
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
	case KC_E_LTH:
	case KC_E_LEQ:
	case KC_E_GTH:
	case KC_E_GEQ:
		put_sym(b, e->left.sym, with_values);
		kc_buf_puts(b, ops[e->type]);
		put_sym(b, e->right.sym, with_values);
		break;
	case KC_E_OR:
	case KC_E_AND:
		kc_expr_buf(b, e->left.expr, with_values, e->type);
		kc_buf_puts(b, e->type == KC_E_OR ? " || " : " && ");
		kc_expr_buf(b, e->right.expr, with_values, e->type);
		break;
	case KC_E_RANGE:
		kc_buf_putc(b, '[');
		put_sym(b, e->left.sym, false);
		kc_buf_putc(b, ' ');
		put_sym(b, e->right.sym, false);
		kc_buf_putc(b, ']');
		break;
	}
	if (paren)
		kc_buf_putc(b, ')');
}

/* ---- public accessors ---------------------------------------------------- */

enum kc_expr_type
kc_expr_type(const struct kc_expr *e)
{
	return e->type;
}

struct kc_expr *
kc_expr_left(const struct kc_expr *e)
{
	return (e->type == KC_E_NOT || e->type == KC_E_AND || e->type == KC_E_OR) ? e->left.expr
										     : NULL;
}

struct kc_expr *
kc_expr_right(const struct kc_expr *e)
{
	return (e->type == KC_E_AND || e->type == KC_E_OR) ? e->right.expr : NULL;
}

struct kc_symbol *
kc_expr_sym(const struct kc_expr *e)
{
	if (e->type == KC_E_NOT || e->type == KC_E_AND || e->type == KC_E_OR)
		return NULL;
	return e->left.sym;
}

struct kc_symbol *
kc_expr_sym2(const struct kc_expr *e)
{
	if (e->type == KC_E_NOT || e->type == KC_E_AND || e->type == KC_E_OR ||
	    e->type == KC_E_SYMBOL)
		return NULL;
	return e->right.sym;
}

enum kc_tristate
kc_expr_eval(struct kc_tree *tree, struct kc_expr *e)
{
	(void)tree;
	return kc_expr_calc(e);
}

char *
kc_expr_str(struct kc_tree *tree, const struct kc_expr *e, bool with_values)
{
	struct kc_buf b = { 0 };

	(void)tree;
	kc_expr_buf(&b, e, with_values, PREC_NONE);
	return kc_buf_steal(&b);
}

const char *
kc_expr_arena_str(struct kc_arena *a, const struct kc_expr *e)
{
	struct kc_buf b = { 0 };
	const char *s;

	kc_expr_buf(&b, e, true, PREC_NONE);
	s = kc_arena_strdup(a, kc_buf_str(&b));
	kc_buf_free(&b);
	return s;
}

void
kc_expr_and_terms(struct kc_expr *e, struct kc_vec *out)
{
	if (!e)
		return;
	if (e->type == KC_E_AND) {
		kc_expr_and_terms(e->left.expr, out);
		kc_expr_and_terms(e->right.expr, out);
		return;
	}
	kc_vec_push(out, e);
}
