/* explain-high.c - why a symbol is stuck above a value: what selects or implies it, its
 * choice, the default that keeps it on while it is hidden. */
#include "config.h"

#include "kexplore/explain.h"

#include "explain-private.h"

static void
selects_high(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t,
	     enum kc_prop_type type)
{
	size_t i, shown = 0;

	for (i = 0; i < kc_sym_nselectors(s); i++) {
		struct kc_prop *p = kc_sym_selector(s, i);
		struct kc_symbol *o = kc_prop_owner(p);
		struct kc_expr *cond = kc_prop_cond(p);
		enum kc_tristate v;
		struct node *k;

		if (kc_prop_type(p) != type)
			continue;
		v = kc_why_tri_and(kc_sym_tristate(o), kc_why_eval(e, cond));
		if (kc_why_is_bool(s) && v == KC_M)
			v = KC_Y;
		if (v <= t)
			continue;
		if (shown++ == KC_WHY_MAX_SELECTORS) {
			kc_why_leaf(e, n, KC_CAUSE_NOTE, NULL, true, "... and more (not expanded)");
			break;
		}
		k = kc_why_node(e, type == KC_P_SELECT ? KC_CAUSE_SELECT : KC_CAUSE_IMPLY, o);
		k->c.text = kc_why_fmt(e, "%s by %s [=%s]%s%s",
				       type == KC_P_SELECT ? "selected" : "implied", kc_sym_name(o),
				       kc_sym_string(o), cond ? " if " : "",
				       cond ? kc_why_expr_text(e, cond) : "");
		k->c.value = kc_why_tri(v);
		kc_why_at(k, kc_prop_file(p), kc_prop_line(p));
		kc_why_add(n, k);
		kc_why_add(k, kc_why_sym_high(e, o, t));
	}
}

static void
choice_high(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	    const struct kc_menu *choice)
{
	const char *prompt = kc_why_prompt(choice);
	size_t i, others = 0;
	struct node *n;

	for (i = 0; i < kc_choice_nmembers(choice); i++)
		if (kc_choice_member(choice, i) != s &&
		    kc_sym_visibility(kc_choice_member(choice, i)) != KC_N)
			others++;
	n = kc_why_leaf(e, parent, KC_CAUSE_CHOICE, s, others > 0,
			others ? kc_why_fmt(e, "the selected member of choice \"%s\" (%s): select "
					    "another one", prompt, kc_why_how_chosen(e, s))
			       : kc_why_fmt(e, "the only visible member of choice \"%s\": a choice "
					    "always has one", prompt));
	n->c.fixable = others > 0;
	kc_why_at(n, kc_menu_file(choice), kc_menu_line(choice));
}

static void
default_high(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	     struct kc_prop *p, enum kc_tristate t)
{
	struct kc_expr *val = kc_prop_expr(p), *cond = kc_prop_cond(p);
	enum kc_tristate dv = kc_why_eval(e, val), cv = kc_why_eval(e, cond);
	struct node *n = kc_why_node(e, KC_CAUSE_DEFAULT, s);

	n->c.text = cond ? kc_why_fmt(e, "default %s if %s", kc_why_expr_text(e, val),
				      kc_why_expr_text(e, cond))
			 : kc_why_fmt(e, "default %s", kc_why_expr_text(e, val));
	n->c.value = kc_why_tri(kc_why_tri_and(dv, cv));
	n->any = true;
	kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
	kc_why_add(parent, n);
	if (kc_why_toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		return;
	/* a literal "default y" is only lowered through its condition; a compound value
	 * (A || B) has no symbol of its own to test */
	if (dv > t && (kc_expr_type(val) != KC_E_SYMBOL || !kc_sym_is_const(kc_expr_sym(val))))
		kc_why_expr_high(e, n, val, t, NULL);
	if (cv > t)
		kc_why_expr_high(e, n, cond, t, NULL);
	if (!n->c.nchildren) {
		n->leaf = 0;
		n->c.text = kc_why_fmt(e, "%s (%s)", n->c.text,
				       kc_sym_has_prompt(s) ? "fixed while hidden"
							    : "no prompt: always applies");
	}
}

void
kc_why_reasons_high(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t)
{
	struct kc_menu *choice = kc_sym_choice(s);
	unsigned ok = kc_sym_assignable(s) & ((2u << t) - 1);
	struct kc_prop *p;
	struct node *any;

	if (choice && kc_sym_tristate(s) == KC_Y) {
		choice_high(e, n, s, choice);
		return;
	}
	if (kc_sym_rev_dep_value(s) > t) {
		selects_high(e, n, s, t, KC_P_SELECT);
		return;
	}
	if (ok) {
		kc_why_user_leaf(e, n, s);
		return;
	}
	any = n;
	if (kc_sym_has_prompt(s) && kc_sym_visibility(s) == KC_N) {
		any = kc_why_leaf(e, n, KC_CAUSE_ANY_OF, s, false,
				  kc_why_fmt(e, "%s is hidden, so its setting is not used (either "
					     "way out works)", kc_sym_name(s)));
		any->leaf = -1;
		any->any = true;
		kc_why_visibility_low(e, any, s, KC_M);
	}
	if (kc_sym_origin(s) == KC_FROM_IMPLY)
		selects_high(e, any, s, t, KC_P_IMPLY);
	else if ((p = kc_why_active_default(e, s)))
		default_high(e, any, s, p, t);
	if (!n->c.nchildren)
		kc_why_leaf(e, n, KC_CAUSE_NOTE, NULL, false,
			    kc_why_fmt(e, "%s cannot be lowered (origin: %s)", kc_sym_name(s),
				       kc_origin_name(kc_sym_origin(s))));
}
