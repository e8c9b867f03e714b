/* confhelp.c - conf's help text (menuconfig's help screen, helpnewconfig):
 * dependencies printed in the form conf keeps them after its rewrites. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/confmodes.h"
#include "core.h"

/* ---- helpnewconfig: conf's help screen text -------------------------------- */

/* conf prints y, m and n with their value too ("X=y [=y]"): they are
 * tristate constants, where other constants have no type. */
static void
add_const_values(struct kc_buf *b, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++) {
		char c = s[i], prev = i ? s[i - 1] : ' ', next = s[i + 1];

		kc_buf_putc(b, c);
		if ((c == 'y' || c == 'm' || c == 'n') && strchr(" =(!", prev) &&
		    (!next || next == ' ' || next == ')'))
			kc_buf_printf(b, " [=%c]", c);
	}
}

static void
put_expr(struct kc_buf *b, const struct kc_expr *e)
{
	struct kc_buf raw = { 0 };

	kc_expr_buf(&raw, e, true, 0);
	add_const_values(b, kc_buf_str(&raw));
	kc_buf_free(&raw);
}

/*
 * conf rewrites dependencies before it keeps them (expr_transform): a bool
 * compared with n, m or y becomes the symbol, its negation or a constant, and
 * negations move inwards (De Morgan, !(A=B) as A!=B, !(A<B) as A>=B). The
 * help text shows that form, so we print the same rewrite (allocated in the
 * tree's arena: a few bytes per help text).
 */
static struct kc_expr *transform(struct kc_tree *t, struct kc_expr *e);

static struct kc_expr *
transform_bool_comp(struct kc_tree *t, struct kc_expr *e)
{
	struct kc_symbol *a = e->left.sym, *b = e->right.sym;
	bool eq = e->type == KC_E_EQUAL;

	if (a->type != KC_BOOL)
		return e;
	if (b == &t->sym_n)	/* A=n: !A, A!=n: A */
		return eq ? kc_expr_alloc_one(t, KC_E_NOT, kc_expr_alloc_sym(t, a))
			  : kc_expr_alloc_sym(t, a);
	if (b == &t->sym_m)	/* a bool is never m */
		return kc_expr_alloc_sym(t, eq ? &t->sym_n : &t->sym_y);
	if (b == &t->sym_y)
		return eq ? kc_expr_alloc_sym(t, a)
			  : kc_expr_alloc_one(t, KC_E_NOT, kc_expr_alloc_sym(t, a));
	return e;
}

static struct kc_expr *
transform_not(struct kc_tree *t, struct kc_expr *e)
{
	struct kc_expr *x = e->left.expr;
	static const enum kc_expr_type flip[] = {
		[KC_E_EQUAL] = KC_E_UNEQUAL, [KC_E_UNEQUAL] = KC_E_EQUAL, [KC_E_LEQ] = KC_E_GTH,
		[KC_E_GEQ] = KC_E_LTH, [KC_E_LTH] = KC_E_GEQ, [KC_E_GTH] = KC_E_LEQ,
	};

	switch (x->type) {
	case KC_E_NOT:
		return x->left.expr;
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
	case KC_E_LEQ:
	case KC_E_GEQ:
	case KC_E_LTH:
	case KC_E_GTH:
		return kc_expr_alloc_comp(t, flip[x->type], x->left.sym, x->right.sym);
	case KC_E_OR:
	case KC_E_AND:
		return transform(t, kc_expr_alloc_two(t, x->type == KC_E_OR ? KC_E_AND : KC_E_OR,
			kc_expr_alloc_one(t, KC_E_NOT, x->left.expr),
			kc_expr_alloc_one(t, KC_E_NOT, x->right.expr)));
	case KC_E_SYMBOL:
		if (x->left.sym == &t->sym_y)
			return kc_expr_alloc_sym(t, &t->sym_n);
		if (x->left.sym == &t->sym_m)
			return kc_expr_alloc_sym(t, &t->sym_m);
		if (x->left.sym == &t->sym_n)
			return kc_expr_alloc_sym(t, &t->sym_y);
		return e;
	default:
		return e;
	}
}

/* conf joins "A=y || A=n" into A!=m (expr_eliminate_dups). */
static struct kc_expr *
join_or(struct kc_tree *t, struct kc_expr *e)
{
	struct kc_expr *a = e->left.expr, *b = e->right.expr;

	if (a->type != KC_E_EQUAL || b->type != KC_E_EQUAL || a->left.sym != b->left.sym)
		return e;
	if ((a->right.sym == &t->sym_y && b->right.sym == &t->sym_n) ||
	    (a->right.sym == &t->sym_n && b->right.sym == &t->sym_y))
		return kc_expr_alloc_comp(t, KC_E_UNEQUAL, a->left.sym, &t->sym_m);
	return e;
}

static struct kc_expr *
transform(struct kc_tree *t, struct kc_expr *e)
{
	if (!e)
		return NULL;
	switch (e->type) {
	case KC_E_AND:
	case KC_E_OR:
		e = kc_expr_alloc_two(t, e->type, transform(t, e->left.expr),
				      transform(t, e->right.expr));
		return e->type == KC_E_OR ? join_or(t, e) : e;
	case KC_E_NOT:
		e = kc_expr_alloc_one(t, KC_E_NOT, transform(t, e->left.expr));
		return transform_not(t, e);
	case KC_E_EQUAL:
	case KC_E_UNEQUAL:
		return transform_bool_comp(t, e);
	default:
		return e;
	}
}

/* conf folds "A || !A" to y for a bool A (!A from A=n); a tristate may be m. */
static bool
always_true_or(const struct kc_expr *e)
{
	const struct kc_expr *a, *b;

	if (!e || e->type != KC_E_OR)
		return false;
	a = e->left.expr;
	b = e->right.expr;
	if (a->type != KC_E_SYMBOL) {
		const struct kc_expr *x = a;

		a = b;
		b = x;
	}
	return a->type == KC_E_SYMBOL && a->left.sym->type == KC_BOOL && b->type == KC_E_NOT &&
	       b->left.expr->type == KC_E_SYMBOL && b->left.expr->left.sym == a->left.sym;
}

/* conf folds "A && A=y" to A=y and "A!=n && A" to A: is @e the term that
 * goes (A next to A=y, or A!=n next to A)? */
static bool
implied_by_eq_y(struct kc_tree *t, const struct kc_expr *e, const struct kc_vec *terms)
{
	size_t i;

	for (i = 0; i < terms->n; i++) {
		const struct kc_expr *o = terms->v[i];

		if (e->type == KC_E_SYMBOL && o->type == KC_E_EQUAL &&
		    o->left.sym == e->left.sym && o->right.sym == &t->sym_y)
			return true;
		if (e->type == KC_E_UNEQUAL && e->right.sym == &t->sym_n &&
		    o->type == KC_E_SYMBOL && o->left.sym == e->left.sym)
			return true;
	}
	return false;
}

/* The operands of an && chain, left to right. */
static void
and_terms(const struct kc_expr *e, struct kc_vec *out)
{
	if (e && e->type == KC_E_AND) {
		and_terms(e->left.expr, out);
		and_terms(e->right.expr, out);
		return;
	}
	kc_vec_push(out, (void *)e);
}

/*
 * conf drops a repeated operand from an entry's dependencies (an inherited
 * one that the entry names again), keeping the later one; it also rewrites
 * negations (!(A=y && B=m) as A!=y || B!=m), which we do not: such lines
 * differ (see README).
 */
static void
put_dep_expr(struct kc_tree *t, struct kc_buf *b, const struct kc_expr *e, bool nested)
{
	struct kc_vec terms = { 0 };
	size_t i, j, n = 0, nkeep = 0, ndropped = 0;
	bool *keep, lazy_y;
	char **text;

	and_terms(transform(t, (struct kc_expr *)e), &terms);
	text = kc_xcalloc(terms.n + 1, sizeof(*text));
	for (i = 0; i < terms.n; i++) {
		struct kc_buf t = { 0 };

		kc_expr_buf(&t, terms.v[i], true, KC_E_AND);
		text[i] = kc_buf_steal(&t);
	}
	keep = kc_xcalloc(terms.n + 1, sizeof(*keep));
	for (i = 0; i < terms.n; i++) {
		for (j = i + 1; j < terms.n && strcmp(text[i], text[j]); j++)
			;
		keep[i] = !(j < terms.n || (terms.n > 1 && (always_true_or(terms.v[i]) ||
							   implied_by_eq_y(t, terms.v[i], &terms))));
		ndropped += !keep[i];
	}
	/* A "y" operand goes too; before 6.11 only once something else went, as
	 * conf then removed y and n only after a pass that simplified. */
	lazy_y = kc_lang_has(t, KC_LANG_LAZY_YN) && !ndropped;
	for (i = 0; i < terms.n; i++) {
		if (keep[i] && terms.n > 1 && !strcmp(text[i], "y") && !lazy_y)
			keep[i] = false;
		nkeep += keep[i];
	}
	for (i = 0; i < terms.n; i++) {
		if (!keep[i])
			continue;
		if (n++)
			kc_buf_puts(b, " && ");
		if (nkeep == 1 && !nested) {	/* alone: no parentheses */
			struct kc_buf one = { 0 };

			kc_expr_buf(&one, terms.v[i], true, 0);
			add_const_values(b, kc_buf_str(&one));
			kc_buf_free(&one);
		} else {
			add_const_values(b, text[i]);
		}
	}
	free(keep);
	for (i = 0; i < terms.n; i++)
		free(text[i]);
	free(text);
	kc_vec_free(&terms);
}

static void
put_dep(struct kc_tree *t, struct kc_buf *b, const struct kc_expr *e, const char *prefix)
{
	if (!e || (e->type == KC_E_SYMBOL && !strcmp(kc_sym_string(e->left.sym), "y") &&
		   kc_sym_is_const(e->left.sym)))
		return;
	kc_buf_puts(b, prefix);
	put_dep_expr(t, b, e, false);
	kc_buf_putc(b, '\n');
}

static bool
same_expr(const struct kc_expr *a, const struct kc_expr *b)
{
	struct kc_buf x = { 0 }, y = { 0 };
	bool same;

	kc_expr_buf(&x, a, false, 0);
	kc_expr_buf(&y, b, false, 0);
	same = !strcmp(kc_buf_str(&x), kc_buf_str(&y));
	kc_buf_free(&x);
	kc_buf_free(&y);
	return same;
}

/*
 * "Location:" from the top menu down to the entry itself (8 levels at most).
 * 5.10's conf starts from the parent instead, and an entry of the top menu
 * then has no Location at all.
 */
static void
put_location(struct kc_buf *b, struct kc_tree *t, struct kc_menu *m)
{
	struct kc_menu *chain[8];
	int i = 0, j;

	if (kc_lang_has(t, KC_LANG_LOCATION_PARENTS))
		m = m->parent;
	for (; m && m != &t->root && i < 8; m = m->parent)
		chain[i++] = m;
	if (!i)
		return;
	kc_buf_puts(b, "  Location:\n");
	for (j = 0; --i >= 0; j++) {
		struct kc_menu *c = chain[i];

		kc_buf_printf(b, "%*c-> %s", 2 * j + 4, ' ', c->prompt ? c->prompt->text : "(null)");
		if (c->sym)
			kc_buf_printf(b, " (%s [=%s])", c->sym->name ? c->sym->name : "<choice>",
				      kc_sym_string(c->sym));
		kc_buf_putc(b, '\n');
	}
}

/* "Selected by [y]:" etc.: the terms of an OR whose value is @v. */
static void
put_revdep(struct kc_tree *t, struct kc_buf *b, struct kc_expr *e, enum kc_tristate v,
	   const char **title)
{
	if (e->type == KC_E_OR) {
		put_revdep(t, b, e->left.expr, v, title);
		put_revdep(t, b, e->right.expr, v, title);
		return;
	}
	if (kc_expr_calc(e) != v)
		return;
	if (*title) {
		kc_buf_puts(b, *title);
		*title = NULL;
	}
	kc_buf_puts(b, "  - ");
	/* conf puts the selector in front of its condition after simplifying
	 * the condition: the two are not merged */
	if (e->type == KC_E_AND && e->left.expr->type == KC_E_SYMBOL) {
		add_const_values(b, e->left.expr->left.sym->name ? e->left.expr->left.sym->name : "");
		kc_buf_printf(b, " [=%s] && ", kc_sym_string(e->left.expr->left.sym));
		put_dep_expr(t, b, e->right.expr, true);
	} else {
		put_dep_expr(t, b, e, false);
	}
	kc_buf_putc(b, '\n');
}

static void
put_revdeps(struct kc_tree *t, struct kc_buf *b, struct kc_expr *e, const char *word)
{
	static const char *const names = "nmy";
	int v;

	for (v = KC_Y; e && v >= KC_N; v--) {
		char title[32];
		const char *tt = title;

		snprintf(title, sizeof(title), "%s by [%c]:\n", word, names[v]);
		put_revdep(t, b, e, (enum kc_tristate)v, &tt);
	}
}

static void
put_props(struct kc_buf *b, struct kc_symbol *s, enum kc_prop_type type, const char *prefix)
{
	struct kc_prop *p;
	bool hit = false;

	for (p = s->props; p; p = p->next) {
		if (p->type != type)
			continue;
		kc_buf_puts(b, hit ? " && " : prefix);
		hit = true;
		put_expr(b, p->expr);
	}
	if (hit)
		kc_buf_putc(b, '\n');
}

/* Before 6.11 a choice that is not optional carries an implicit select,
 * "<its visibility> && m", so that it cannot be n; conf shows it. */
static void
put_choice_floor(struct kc_buf *b, struct kc_symbol *cs)
{
	struct kc_menu *m = cs->menus.v[0];
	struct kc_expr *vis = m->prompt ? m->prompt->cond : NULL;
	static const char names[] = "nmy";
	enum kc_tristate v = kc_tri_and(kc_expr_calc(vis), KC_M);

	kc_buf_printf(b, "Selected by [%c]:\n  - ", names[v]);
	if (vis && !(vis->type == KC_E_SYMBOL && vis->left.sym == &cs->tree->sym_y)) {
		put_dep_expr(cs->tree, b, vis, true);
		kc_buf_puts(b, " && ");
	}
	kc_buf_puts(b, "m [=m]\n");
}

/* A range bound: a number as written, a symbol with its value. */
static void
put_range_end(struct kc_buf *b, struct kc_symbol *s)
{
	kc_buf_puts(b, s->name ? s->name : "");
	if (!kc_sym_is_const(s) && s->type != KC_UNKNOWN)
		kc_buf_printf(b, " [=%s]", kc_sym_string(s));
}

static void
put_symbol_info(struct kc_buf *b, struct kc_symbol *s)
{
	long long lo, hi;
	size_t i;

	if (s->name) {
		kc_buf_printf(b, "Symbol: %s [=%s]\nType  : %s\n", s->name, kc_sym_string(s),
			      s->type == KC_INT ? "integer" : kc_type_name(s->type));
		if ((s->type == KC_INT || s->type == KC_HEX) && kc_sym_range(s, &lo, &hi)) {
			struct kc_prop *p;

			for (p = s->props; p; p = p->next)
				if (p->type == KC_P_RANGE && kc_expr_calc(p->cond) != KC_N)
					break;
			if (p && p->expr && p->expr->type == KC_E_RANGE) {
				kc_buf_puts(b, "Range : [");
				put_range_end(b, p->expr->left.sym);
				kc_buf_putc(b, ' ');
				put_range_end(b, p->expr->right.sym);
				kc_buf_puts(b, "]\n");
			}
		}
	}
	for (i = 0; i < s->menus.n; i++) {
		struct kc_menu *m = s->menus.v[i];

		if (!m->prompt)
			continue;
		kc_buf_printf(b, "Defined at %s:%d\n  Prompt: %s\n", m->file, m->line, m->prompt->text);
		put_dep(s->tree, b, m->dep, "  Depends on: ");
		if (!same_expr(m->dep, m->prompt->cond))
			put_dep(s->tree, b, m->prompt->cond, "  Visible if: ");
		put_location(b, s->tree, m);
	}
	for (i = 0; i < s->menus.n; i++) {
		struct kc_menu *m = s->menus.v[i];

		if (m->prompt)
			continue;
		kc_buf_printf(b, "Defined at %s:%d\n", m->file, m->line);
		put_dep(s->tree, b, m->dep, "  Depends on: ");
	}
	put_props(b, s, KC_P_SELECT, "Selects: ");
	if (!s->name && s->tree->lang->choice && !s->optional && s->menus.n)
		put_choice_floor(b, s);
	else
		put_revdeps(s->tree, b, s->rev_dep, "Selected");
	put_props(b, s, KC_P_IMPLY, "Implies: ");
	put_revdeps(s->tree, b, s->implied, "Implied");
	kc_buf_puts(b, "\n\n");
}

char *
kc_ext_help_str(struct kc_tree *t, struct kc_menu *m)
{
	struct kc_buf b = { 0 };

	(void)t;
	kc_buf_puts(&b, "");
	if (m->help && m->sym && m->sym->name)
		kc_buf_printf(&b, "CONFIG_%s:\n\n", m->sym->name);
	kc_buf_printf(&b, "%s\n", m->help ? m->help : "There is no help available for this option.");
	if (m->sym)
		put_symbol_info(&b, m->sym);
	return kc_buf_steal(&b);
}

char *
kc_helpnewconfig_str(struct kc_tree *t)
{
	struct kc_buf b = { 0 };
	struct kc_menu **ms;
	size_t i, n = kc_new_menus(t, &ms);

	kc_buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		char *h = kc_ext_help_str(t, ms[i]);

		kc_buf_printf(&b, "-----\n\n%s\n-----\n", h);
		free(h);
	}
	free(ms);
	return kc_buf_steal(&b);
}
