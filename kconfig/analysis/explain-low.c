/* explain-low.c - why a symbol is below a value: its dependencies level by level, hidden
 * prompts, defaults, selects and implies, its choice, module support. */
#include "config.h"

#include "kexplore/explain.h"

#include <string.h>

#include "explain-private.h"

/* The operands of the chain of @op operators @x (@x itself when it is no @op; none for NULL). */
void
kc_why_op_terms(struct kc_expr *x, enum kc_expr_type op, struct kc_vec *out)
{
	if (!x)
		return;
	if (kc_expr_type(x) == op) {
		kc_why_op_terms(kc_expr_left(x), op, out);
		kc_why_op_terms(kc_expr_right(x), op, out);
		return;
	}
	kc_vec_push(out, x);
}

static bool
expr_equal(const struct kc_expr *a, const struct kc_expr *b)
{
	if (a == b)
		return true;
	if (!a || !b || kc_expr_type(a) != kc_expr_type(b))
		return false;
	switch (kc_expr_type(a)) {
	case KC_E_SYMBOL:
		return kc_expr_sym(a) == kc_expr_sym(b);
	case KC_E_NOT:
		return expr_equal(kc_expr_left(a), kc_expr_left(b));
	case KC_E_AND:
	case KC_E_OR:
		return expr_equal(kc_expr_left(a), kc_expr_left(b)) &&
		       expr_equal(kc_expr_right(a), kc_expr_right(b));
	default:
		return kc_expr_sym(a) == kc_expr_sym(b) && kc_expr_sym2(a) == kc_expr_sym2(b);
	}
}

/* One level of an entry's dependencies: its own 'depends on', or an
 * enclosing if/menu/choice, explained when it is below t. */
static void
level_low(struct kc_explain *e, struct node *parent, const struct kc_menu *lvl,
	  const struct kc_menu *entry, struct kc_expr *own, enum kc_tristate t)
{
	enum kc_tristate v = kc_why_eval(e, own);
	struct node *n;

	if (v >= t)
		return;
	if (lvl == entry) {
		n = kc_why_node(e, KC_CAUSE_DEPENDS, kc_menu_sym(entry));
		n->c.text = kc_why_fmt(e, "depends on %s", kc_why_expr_text(e, own));
	} else if (kc_menu_kind(lvl) == KC_M_IF) {
		n = kc_why_node(e, KC_CAUSE_IF_BLOCK, NULL);
		n->c.text = kc_why_fmt(e, "inside \"if %s\"", kc_why_expr_text(e, own));
	} else if (kc_menu_kind(lvl) == KC_M_CHOICE) {
		n = kc_why_node(e, KC_CAUSE_MENU_DEP, NULL);
		n->c.text = kc_why_fmt(e, "inside choice \"%s\", which depends on %s",
				       kc_why_prompt(lvl), kc_why_expr_text(e, own));
	} else {
		n = kc_why_node(e, KC_CAUSE_MENU_DEP, kc_menu_sym(lvl));
		n->c.text = kc_why_fmt(e, "inside %s \"%s\", which depends on %s",
				       kc_menu_kind(lvl) == KC_M_MENU ? "menu" : "entry",
				       kc_menu_prompt(lvl) ? kc_menu_prompt(lvl)
							   : kc_why_name(kc_menu_sym(lvl)),
				       kc_why_expr_text(e, own));
	}
	n->c.value = kc_why_tri(v);
	n->c.want = kc_why_want_low(t);
	kc_why_at(n, kc_menu_file(lvl), kc_menu_line(lvl));
	kc_why_add(parent, n);
	kc_why_expr_low(e, n, own, t, lvl);
}

/* Walk an entry's dependency from itself out to the top, splitting it into the
 * part each level added: finalisation builds dep = parent->dep && own. */
static void
entry_deps_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	       enum kc_tristate t)
{
	struct kc_expr *d = kc_menu_dep(m);
	const struct kc_menu *cur = m, *owner;

	while (d) {
		struct kc_expr *own = d, *up = NULL;

		owner = kc_explainer_dep_owner(e->ex, d);
		if (owner && owner != cur) {
			cur = owner;
			continue;
		}
		if (kc_expr_type(d) == KC_E_AND) {
			owner = kc_explainer_dep_owner(e->ex, kc_expr_left(d));
			if (owner && owner != cur) {
				own = kc_expr_right(d);
				up = kc_expr_left(d);
			}
		}
		level_low(e, parent, cur, m, own, t);
		d = up;
	}
}

static bool
in_visibility(const struct kc_menu *m, struct kc_expr *term)
{
	const struct kc_menu *a;
	struct kc_vec terms = { 0 };
	bool found = false;
	size_t i;

	for (a = kc_menu_parent(m); a && !found; a = kc_menu_parent(a)) {
		terms.n = 0;
		kc_why_op_terms(kc_menu_visible_if(a), KC_E_AND, &terms);
		for (i = 0; i < terms.n && !found; i++)
			found = expr_equal(terms.v[i], term);
	}
	kc_vec_free(&terms);
	return found;
}

static void
visible_if_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	       enum kc_tristate t)
{
	const struct kc_menu *a;
	struct node *n;

	for (a = kc_menu_parent(m); a; a = kc_menu_parent(a)) {
		struct kc_expr *vis = kc_menu_visible_if(a);
		enum kc_tristate v;

		if (!vis || (v = kc_why_eval(e, vis)) >= t)
			continue;
		n = kc_why_node(e, KC_CAUSE_VISIBLE_IF, NULL);
		n->c.text = kc_why_fmt(e, "inside menu \"%s\", which is 'visible if %s'",
				       kc_why_prompt(a), kc_why_expr_text(e, vis));
		n->c.value = kc_why_tri(v);
		n->c.want = kc_why_want_low(t);
		kc_why_at(n, kc_menu_file(a), kc_menu_line(a));
		kc_why_add(parent, n);
		kc_why_expr_low(e, n, vis, t, a);
	}
}

/* The prompt's own "if" part: prompt cond = dep && (if && visible-ifs). */
static void
prompt_if_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	      enum kc_tristate t)
{
	struct kc_prop *prompt = kc_menu_prompt_prop(m);
	struct kc_expr *pc = kc_prop_cond(prompt), *dep = kc_menu_dep(m), *part = NULL;
	struct kc_vec terms = { 0 };
	struct node *n = NULL;
	size_t i;

	if (pc == dep)
		return;
	if (!dep)
		part = pc;
	else if (pc && kc_expr_type(pc) == KC_E_AND && kc_expr_left(pc) == dep)
		part = kc_expr_right(pc);
	kc_why_op_terms(part, KC_E_AND, &terms);
	for (i = 0; i < terms.n; i++) {
		struct kc_expr *term = terms.v[i];

		if (kc_why_eval(e, term) >= t || in_visibility(m, term))
			continue;
		if (!n) {
			n = kc_why_node(e, KC_CAUSE_PROMPT_IF, kc_menu_sym(m));
			n->c.text = kc_why_fmt(e, "prompt \"%s\" if %s", kc_prop_text(prompt),
					       kc_why_expr_text(e, part));
			n->c.value = kc_why_tri(kc_why_eval(e, part));
			n->c.want = kc_why_want_low(t);
			kc_why_at(n, kc_prop_file(prompt), kc_prop_line(prompt));
			kc_why_add(parent, n);
		}
		kc_why_expr_low(e, n, term, t, m);
	}
	kc_vec_free(&terms);
}

/* Why the prompt of entry m is below t. */
static void
entry_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	  enum kc_tristate t)
{
	struct kc_expr *cond = kc_prop_cond(kc_menu_prompt_prop(m));
	size_t before = parent->c.nchildren;
	struct node *n;

	entry_deps_low(e, parent, m, t);
	visible_if_low(e, parent, m, t);
	prompt_if_low(e, parent, m, t);
	if (parent->c.nchildren > before)
		return;
	/* could not split it: show the whole condition */
	n = kc_why_node(e, KC_CAUSE_DEPENDS, kc_menu_sym(m));
	n->c.text = kc_why_fmt(e, "prompt condition %s", kc_why_expr_text(e, cond));
	kc_why_at(n, kc_menu_file(m), kc_menu_line(m));
	kc_why_add(parent, n);
	kc_why_expr_low(e, n, cond, t, m);
}

void
kc_why_visibility_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
		      enum kc_tristate t)
{
	struct kc_vec hidden = { 0 };
	struct node *any, *g;
	size_t i;

	for (i = 0; i < kc_sym_nmenus(s); i++) {
		struct kc_menu *m = kc_sym_menu(s, i);

		if (kc_menu_prompt(m) &&
		    kc_why_eval(e, kc_prop_cond(kc_menu_prompt_prop(m))) < t)
			kc_vec_push(&hidden, m);
	}
	if (hidden.n == 1)
		entry_low(e, parent, hidden.v[0], t);
	if (hidden.n > 1) {
		any = kc_why_leaf(e, parent, KC_CAUSE_ANY_OF, s, false,
				  kc_why_fmt(e, "%s has %zu prompts, all hidden (opening one would "
					     "do)", kc_sym_name(s), hidden.n));
		any->leaf = -1;
		any->any = true;
		for (i = 0; i < hidden.n; i++) {
			struct kc_menu *m = hidden.v[i];

			g = kc_why_leaf(e, any, KC_CAUSE_NOTE, s, false,
					kc_why_fmt(e, "prompt \"%s\"", kc_menu_prompt(m)));
			g->leaf = -1;
			kc_why_at(g, kc_menu_file(m), kc_menu_line(m));
			entry_low(e, g, m, t);
		}
	}
	kc_vec_free(&hidden);
}

static void
default_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	    struct kc_prop *p, bool shadowed, enum kc_tristate t)
{
	struct kc_expr *val = kc_prop_expr(p), *cond = kc_prop_cond(p);
	enum kc_tristate dv = kc_why_eval(e, val), cv = kc_why_eval(e, cond);
	const char *later = shadowed ? " (an earlier default applies first)" : "";
	struct node *n = kc_why_node(e, KC_CAUSE_DEFAULT, s);

	n->c.text = cond ? kc_why_fmt(e, "default %s if %s%s", kc_why_expr_text(e, val),
				      kc_why_expr_text(e, cond), later)
			 : kc_why_fmt(e, "default %s%s", kc_why_expr_text(e, val), later);
	n->c.value = kc_why_tri(kc_why_tri_and(dv, cv));
	kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
	kc_why_add(parent, n);
	if (cv < t)
		kc_why_expr_low(e, n, cond, t, NULL);
	if (dv < t && !kc_why_toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		kc_why_expr_low(e, n, val, t, NULL);
}

static void
selector_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	     struct kc_prop *p, bool expand, enum kc_tristate t)
{
	struct kc_symbol *o = kc_prop_owner(p);
	struct kc_expr *cond = kc_prop_cond(p);
	bool sel = kc_prop_type(p) == KC_P_SELECT;
	const char *how = sel ? "selected" : "implied";
	struct node *n = kc_why_node(e, sel ? KC_CAUSE_SELECT : KC_CAUSE_IMPLY, o);

	n->c.text = cond ? kc_why_fmt(e, "%s by %s [=%s] if %s", how, kc_sym_name(o),
				      kc_sym_string(o), kc_why_expr_text(e, cond))
			 : kc_why_fmt(e, "%s by %s [=%s]", how, kc_sym_name(o), kc_sym_string(o));
	kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
	kc_why_add(parent, n);
	if (!expand) {
		n->leaf = 1;
		return;
	}
	if (kc_sym_tristate(o) < t)
		kc_why_add(n, kc_why_sym_low(e, o, t));
	if (kc_why_eval(e, cond) < t)
		kc_why_expr_low(e, n, cond, t, NULL);
	if (!sel && kc_sym_dir_dep_value(s) < t)
		kc_why_expr_low(e, n, kc_sym_dir_dep(s), t, NULL);
}

/* A symbol without a prompt: only its defaults, selects and implies set it. */
static void
no_prompt_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	      enum kc_tristate t)
{
	struct node *n = kc_why_node(e, KC_CAUSE_NO_PROMPT, s);
	struct kc_prop *p, *active = kc_why_active_default(e, s);
	size_t i, nsel = kc_sym_nselectors(s);

	n->c.text = kc_why_fmt(e, "%s has no prompt: only a default, select or imply can set it",
			       kc_sym_name(s));
	n->any = true;
	kc_why_add(parent, n);
	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if (kc_prop_type(p) == KC_P_DEFAULT)
			default_low(e, n, s, p, active && active != p &&
				    kc_why_eval(e, kc_prop_cond(p)) != KC_N, t);
	for (i = 0; i < nsel; i++)
		selector_low(e, n, s, kc_sym_selector(s, i), i < KC_WHY_MAX_SELECTORS, t);
	if (!n->c.nchildren)
		kc_why_leaf(e, n, KC_CAUSE_NOTE, NULL, false,
			    "nothing sets it: no default, no select, no imply");
}

const char *
kc_why_how_chosen(struct kc_explain *e, struct kc_symbol *h)
{
	const char *file;
	int line;

	if (!kc_sym_has_user_value(h) || strcmp(kc_sym_user_string(h), "y"))
		return "by default";
	file = kc_sym_user_file(h, &line);
	return file ? kc_why_fmt(e, "set in %s:%d", file, line) : "set by the user";
}

static void
choice_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	   const struct kc_menu *choice)
{
	struct kc_symbol *h;
	struct node *n;

	if (kc_sym_visibility(s) == KC_N) {
		if (kc_sym_has_prompt(s))
			kc_why_visibility_low(e, parent, s, KC_M);
		else
			no_prompt_low(e, parent, s, KC_Y);
		return;
	}
	h = kc_choice_holder(choice);
	n = kc_why_leaf(e, parent, KC_CAUSE_CHOICE, h, true,
			h ? kc_why_fmt(e, "member of choice \"%s\", where %s is selected (%s)",
				       kc_why_prompt(choice), kc_sym_name(h),
				       kc_why_how_chosen(e, h))
			  : kc_why_fmt(e, "member of choice \"%s\"", kc_why_prompt(choice)));
	n->c.fixable = true;
	n->c.value = h ? kc_sym_name(h) : NULL;
	kc_why_at(n, kc_menu_file(choice), kc_menu_line(choice));
}

void
kc_why_modules_low(struct kc_explain *e, struct node *parent)
{
	struct kc_symbol *mod = kc_tree_modules_sym(e->tree);
	struct node *n;

	n = kc_why_leaf(e, parent, KC_CAUSE_MODULES, mod, false,
			mod ? kc_why_fmt(e, "m needs module support: %s is %s", kc_sym_name(mod),
					 kc_sym_string(mod))
			    : "m needs module support, and this tree has no 'modules' symbol");
	if (!mod)
		return;
	n->leaf = -1;
	kc_why_add(n, kc_why_sym_low(e, mod, KC_Y));
}

/* The threshold a prompt or dependency condition must reach for @s to reach @t:
 * for a bool, m counts as y. */
static enum kc_tristate
cond_threshold(struct kc_symbol *s, enum kc_tristate t)
{
	return kc_why_is_bool(s) && t == KC_Y ? KC_M : t;
}

void
kc_why_reasons_low(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t)
{
	struct kc_menu *choice = kc_sym_choice(s);
	enum kc_tristate vis = kc_sym_visibility(s);
	unsigned ok = kc_sym_assignable(s) & ~((1u << t) - 1);

	if (choice) {
		choice_low(e, n, s, choice);
		return;
	}
	if (ok) {
		kc_why_user_leaf(e, n, s);
		return;
	}
	if (vis >= t && t == KC_M && kc_sym_type(s) == KC_TRISTATE &&
	    kc_sym_shown_type(s) == KC_BOOL) {
		kc_why_modules_low(e, n);
		return;
	}
	if (kc_sym_has_prompt(s))
		kc_why_visibility_low(e, n, s, cond_threshold(s, t));
	else
		no_prompt_low(e, n, s, t);
}
