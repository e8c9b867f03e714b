/* explain.c - the question: why a symbol has its value and not another one (bool and
 * tristate, or an int/hex/string value and its ranges), and whether it can be had. */
#include "config.h"

#include "kexplore/explain.h"

#include <stdlib.h>
#include <string.h>

#include "explain-private.h"

static bool
parse_tri(const char *s, enum kc_tristate *t)
{
	if (!s || !s[0] || s[1])
		return false;
	switch (s[0]) {
	case 'y': case 'Y':
		*t = KC_Y;
		return true;
	case 'm': case 'M':
		*t = KC_M;
		return true;
	case 'n': case 'N':
		*t = KC_N;
		return true;
	}
	return false;
}

/* The natural question: n -> y (m when the dependencies allow only m), on -> n. */
static enum kc_tristate
natural_want(struct kc_symbol *s)
{
	enum kc_tristate v = kc_sym_tristate(s);

	if (v != KC_N)
		return v == KC_M && kc_sym_visibility(s) == KC_Y ? KC_Y : KC_N;
	if (kc_sym_shown_type(s) == KC_TRISTATE &&
	    (kc_sym_dir_dep_value(s) == KC_M || kc_sym_visibility(s) == KC_M))
		return KC_M;
	return KC_Y;
}

static void
origin_note(struct kc_explain *e, struct node *root, struct kc_symbol *s)
{
	enum kc_origin o = kc_sym_origin(s);

	if (o == KC_FROM_USER || (o != KC_FROM_SELECT && kc_sym_visibility(s) != KC_N)) {
		kc_why_user_leaf(e, root, s);
		return;
	}
	kc_why_leaf(e, root, KC_CAUSE_NOTE, s, true,
		    kc_why_fmt(e, "%s is already %s (%s)", kc_sym_name(s), kc_sym_string(s),
			       kc_why_origin_text(o)));
}

static void
explain_tristate(struct kc_explain *e, struct node *root, struct kc_symbol *s,
		 const char *want)
{
	enum kc_tristate v = kc_sym_tristate(s), t;

	if (want && !parse_tri(want, &t)) {
		kc_why_leaf(e, root, KC_CAUSE_TYPE, s, false,
			    kc_why_fmt(e, "\"%s\" is not a value for the %s %s", want,
				       kc_type_name(kc_sym_type(s)), kc_sym_name(s)));
		return;
	}
	if (!want)
		t = natural_want(s);
	root->c.want = kc_why_tri(t);
	if (t == KC_M && kc_sym_type(s) == KC_BOOL) {
		kc_why_leaf(e, root, KC_CAUSE_TYPE, s, false,
			    kc_why_fmt(e, "%s is a bool: it can be y or n, never m",
				       kc_sym_name(s)));
	} else if (t == KC_M && kc_sym_shown_type(s) == KC_BOOL) {
		kc_why_modules_low(e, root);
	} else if (v == t) {
		origin_note(e, root, s);
	} else if (v < t) {
		kc_why_reasons_low(e, root, s, t);
	} else {
		kc_why_reasons_high(e, root, s, t);
	}
}

/* A literal default of a range bound (NR_CPUS_RANGE_END: default 8192 if ...), or NULL. */
static struct kc_symbol *
literal_default(const struct kc_prop *q)
{
	struct kc_expr *x = kc_prop_expr(q);
	struct kc_symbol *d = kc_prop_type(q) == KC_P_DEFAULT && kc_expr_type(x) == KC_E_SYMBOL
				      ? kc_expr_sym(x) : NULL;

	/* numbers are symbols nobody defines ("8192"), as in conf */
	return d && (kc_sym_is_const(d) || !kc_sym_defined(d)) ? d : NULL;
}

/*
 * A range bound that is a promptless symbol moves with its defaults: each
 * literal default that lets v in is a way, when its condition holds and the
 * earlier defaults' do not (as the planner's move_bounds tries them).
 */
static void
bound_explain(struct kc_explain *e, struct node *parent, struct kc_symbol *bound,
	      long long v, bool upper, int base)
{
	struct kc_prop *q, *o;

	if (!bound || kc_sym_is_const(bound) || !kc_sym_defined(bound) || kc_sym_has_prompt(bound))
		return;
	for (q = kc_sym_props(bound); q; q = kc_prop_next(q)) {
		struct kc_symbol *d = literal_default(q);
		struct kc_expr *cond = kc_prop_cond(q);
		long long x = d ? strtoll(kc_sym_name(d), NULL, base) : 0;
		struct node *k;

		if (!d || (upper ? v > x : v < x))
			continue;
		k = kc_why_leaf(e, parent, KC_CAUSE_RANGE, bound, false,
				kc_why_fmt(e, "%s would be %s if %s", kc_sym_name(bound),
					   kc_sym_name(d),
					   cond ? kc_why_expr_text(e, cond)
						: "no earlier default applied"));
		k->leaf = -1;
		kc_why_at(k, kc_prop_file(q), kc_prop_line(q));
		kc_why_expr_low(e, k, cond, KC_M, NULL);
		for (o = kc_sym_props(bound); o != q; o = kc_prop_next(o))
			if (kc_prop_type(o) == KC_P_DEFAULT)
				kc_why_expr_high(e, k, kc_prop_cond(o), KC_N, NULL);
	}
}

/* The lowest and highest value a range bound can take; false when unbounded. */
static bool
bound_span(struct kc_symbol *b, int base, long long *lo, long long *hi, int depth)
{
	struct kc_prop *q;
	struct kc_expr *x;

	*lo = *hi = strtoll(kc_sym_string(b), NULL, base);
	if (kc_sym_is_const(b) || !kc_sym_defined(b))
		return true;
	if (kc_sym_has_prompt(b) || depth > 4)
		return false;
	for (q = kc_sym_props(b); q; q = kc_prop_next(q)) {
		long long l, h;

		if (kc_prop_type(q) != KC_P_DEFAULT)
			continue;
		/* default NR_CPUS_RANGE_END if MAXSMP: that symbol's span */
		x = kc_prop_expr(q);
		if (kc_expr_type(x) != KC_E_SYMBOL ||
		    !bound_span(kc_expr_sym(x), base, &l, &h, depth + 1))
			return false;
		*lo = l < *lo ? l : *lo;
		*hi = h > *hi ? h : *hi;
	}
	return true;
}

/* Whether no range of s can ever hold v, whatever the config (as far as literal bounds tell). */
static bool
range_never(struct kc_symbol *s, long long v)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	long long lo, hi, l2, h2;
	struct kc_prop *p;
	bool any = false;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != KC_P_RANGE)
			continue;
		any = true;
		if (!bound_span(kc_expr_sym(kc_prop_expr(p)), base, &lo, &l2, 0) ||
		    !bound_span(kc_expr_sym2(kc_prop_expr(p)), base, &h2, &hi, 0) ||
		    (v >= lo && v <= hi))
			return false;
	}
	return any;
}

static void
range_explain(struct kc_explain *e, struct node *root, struct kc_symbol *s, long long v)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	struct kc_prop *p, *active = NULL;
	struct node *n = NULL;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		struct kc_symbol *from, *to;
		const char *lo_s, *hi_s;
		long long lo, hi;
		struct node *k;

		if (kc_prop_type(p) != KC_P_RANGE)
			continue;
		from = kc_expr_sym(kc_prop_expr(p));
		to = kc_expr_sym2(kc_prop_expr(p));
		lo_s = kc_sym_string(from);
		hi_s = kc_sym_string(to);
		lo = strtoll(lo_s, NULL, base);
		hi = strtoll(hi_s, NULL, base);
		if (!active && kc_why_eval(e, kc_prop_cond(p)) != KC_N) {
			active = p;
			n = kc_why_leaf(e, root, KC_CAUSE_RANGE, s, false,
					kc_why_fmt(e, "out of the range %s..%s", lo_s, hi_s));
			n->leaf = -1;
			n->any = true;
			kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
			bound_explain(e, n, v > hi ? to : from, v, v > hi, base);
			continue;
		}
		if (!active || v < lo || v > hi)
			continue;
		k = kc_why_leaf(e, n, KC_CAUSE_RANGE, s, false,
				kc_why_fmt(e, "range %s..%s would allow it if %s", lo_s, hi_s,
					   kc_why_expr_text(e, kc_prop_cond(p))));
		k->leaf = -1;
		kc_why_at(k, kc_prop_file(p), kc_prop_line(p));
		kc_why_expr_low(e, k, kc_prop_cond(p), KC_M, NULL);
	}
	if (n && !n->c.nchildren)
		n->leaf = 0;
}

void
kc_why_explain_value(struct kc_explain *e, struct node *root, struct kc_symbol *s,
		     const char *want)
{
	enum kc_type type = kc_sym_type(s);
	bool number = type == KC_INT || type == KC_HEX;
	long long lo, hi, v;

	root->c.want = want;
	if (!want || !strcmp(want, kc_sym_string(s))) {
		kc_why_add(root, kc_why_value_node(e, s));
		return;
	}
	if (!kc_sym_string_valid(s, want)) {
		kc_why_leaf(e, root, KC_CAUSE_TYPE, s, false,
			    kc_why_fmt(e, "\"%s\" is not a valid %s value", want,
				       kc_type_name(type)));
		return;
	}
	v = strtoll(want, NULL, type == KC_HEX ? 16 : 10);
	if (number && range_never(s, v)) {
		kc_why_leaf(e, root, KC_CAUSE_RANGE, s, false,
			    kc_why_fmt(e, "%s is outside every range %s can have", want,
				       kc_sym_name(s)));
		return;
	}
	if (kc_sym_visibility(s) == KC_N) {
		if (!kc_sym_has_prompt(s)) {
			kc_why_leaf(e, root, KC_CAUSE_NO_PROMPT, s, false,
				    kc_why_fmt(e, "%s has no prompt: its value comes from its defaults",
					       kc_sym_name(s)));
			return;
		}
		kc_why_visibility_low(e, root, s, KC_M);
		/* shown is not enough when the range, as things stand, keeps the value out */
		if (number && kc_sym_range(s, &lo, &hi) && (v < lo || v > hi))
			range_explain(e, root, s, v);
		return;
	}
	if (kc_sym_range(s, &lo, &hi) && (v < lo || v > hi)) {
		range_explain(e, root, s, v);
		return;
	}
	kc_why_user_leaf(e, root, s);
}

static bool
possible(struct node *n)
{
	size_t i;
	bool r;

	if (n->state == 2)
		return n->poss;
	if (n->state == 1)
		return true;	/* a cycle: do not let it decide */
	n->state = 1;
	if (n->leaf >= 0)
		r = n->leaf;
	else if (n->c.fixable || !n->c.nchildren)
		r = true;
	else {
		r = !n->any;
		for (i = 0; i < n->c.nchildren; i++) {
			bool k = possible((struct node *)n->c.children[i]);

			r = n->any ? r || k : r && k;
		}
	}
	n->state = 2;
	n->poss = r;
	return r;
}

/* 6.18 renamed options: say which name is old and that its value carries over. */
static void
renamed_note(struct kc_explain *e, struct node *root, struct kc_symbol *sym)
{
	struct kc_symbol *other;

	if (kc_sym_is_transitional(sym)) {
		other = kc_sym_renamed_to(sym);
		kc_why_leaf(e, root, KC_CAUSE_NOTE, other, true,
			    other ? kc_why_fmt(e, "%s is an old name: renamed to %s in 6.18; your value "
					       "carries over (read from the config, never written)",
					       kc_why_name(sym), kc_why_name(other))
				  : kc_why_fmt(e, "%s is an old name (transitional since 6.18): read "
					       "from the config, never written", kc_why_name(sym)));
	} else if ((other = kc_why_carried_from(sym))) {
		kc_why_leaf(e, root, KC_CAUSE_NOTE, other, true,
			    kc_why_fmt(e, "%s was renamed from %s in 6.18; the config's value of %s "
				       "carries over", kc_why_name(sym), kc_why_name(other),
				       kc_why_name(other)));
	}
}

struct kc_explain *
kc_explain(struct kc_explainer *ex, struct kc_symbol *sym, const char *want)
{
	struct kc_explain *e = kc_xcalloc(1, sizeof(*e));
	struct node *root;

	e->ex = ex;
	e->tree = kc_explainer_tree(ex);
	root = kc_why_node(e, KC_CAUSE_ROOT, sym);
	root->c.value = kc_why_value(e, sym);
	if (!kc_sym_defined(sym)) {
		kc_why_add(root, kc_why_undefined(e, sym));
		root->c.value = "n";
		root->c.want = want ? want : "y";
	} else if (kc_sym_type(sym) == KC_BOOL || kc_sym_type(sym) == KC_TRISTATE) {
		explain_tristate(e, root, sym, want);
	} else {
		kc_why_explain_value(e, root, sym, want);
	}
	root->c.text = kc_why_fmt(e, "%s is %s%s%s", kc_why_name(sym), root->c.value,
				  root->c.want ? ", wanted " : "", root->c.want ? root->c.want : "");
	renamed_note(e, root, sym);
	if (e->truncated)
		kc_why_leaf(e, root, KC_CAUSE_NOTE, NULL, true,
			    "(the explanation was cut short: it is very large)");
	/* a value it already has is had: as enable's "nothing to do", not "impossible" */
	e->possible = possible(root) ||
		      (root->c.want && root->c.value && !strcmp(root->c.want, root->c.value));
	return e;
}
