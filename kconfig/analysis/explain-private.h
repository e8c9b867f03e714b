/* explain-private.h - structures shared by explain*.c and plan-out.c; kconfig/analysis only.
 * Built on the public API and util.h: no core.h. */
#ifndef KCONFIG_EXPLAIN_PRIVATE_H
#define KCONFIG_EXPLAIN_PRIVATE_H

#include "kexplore/explain.h"

#include "util.h"

struct node {
	struct kc_cause c;		/* first: a cause pointer is a node pointer */
	const struct kc_cause **kids;	/* heap */
	size_t cap;
	bool any;			/* fixing one child suffices (else every child) */
	signed char leaf;		/* 1 possible, 0 impossible, -1 decided by children */
	signed char state;		/* possibility walk: 0 new, 1 busy, 2 done */
	bool poss;
};

struct memo_ent {
	const void *key;
	int dir, t;
	struct node *n;
};

struct kc_explain {
	struct kc_explainer *ex;
	struct kc_tree *tree;
	struct kc_arena arena;
	struct kc_vec nodes;		/* struct node *, by id */
	struct memo_ent *memo;
	size_t memo_cap, memo_n;
	int depth;
	bool truncated;
	bool possible;
	/* a string the user must choose (EXTRA_FIRMWARE!=""): the planner cannot,
	 * so no "kexplore enable" is suggested */
	const char *needs_value;
};

/*
 * Building the graph (explain*.c). Two mutually recursive questions, each asked of a
 * symbol or of an expression: "why is it below T" (low) and "why is it above T" (high),
 * T a tristate threshold. A symbol node is memoised by (symbol, question, threshold),
 * which both shares sub-causes and stops cycles.
 */
enum { KC_WHY_LOW, KC_WHY_HIGH, KC_WHY_VALUE, KC_WHY_SET };	/* memo questions */
#define KC_WHY_MAX_SELECTORS 8	/* selectors expanded below one symbol */

static inline enum kc_tristate
kc_why_eval(struct kc_explain *e, struct kc_expr *x)
{
	return kc_expr_eval(e->tree, x);
}

static inline enum kc_tristate
kc_why_tri_and(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}

static inline const char *
kc_why_tri(enum kc_tristate t)
{
	return t == KC_Y ? "y" : t == KC_M ? "m" : "n";
}

/* The value a node needs: at least @t (low) or at most @t (high). */
static inline const char *
kc_why_want_low(enum kc_tristate t)
{
	return t == KC_Y ? "y" : t == KC_M ? ">=m" : "n";
}

static inline const char *
kc_why_want_high(enum kc_tristate t)
{
	return t == KC_N ? "n" : t == KC_M ? "<=m" : "y";
}

static inline const char *
kc_why_name(const struct kc_symbol *s)
{
	return kc_sym_name(s) ? kc_sym_name(s) : "<choice>";
}

/* A menu entry's prompt, "" when it has none. */
static inline const char *
kc_why_prompt(const struct kc_menu *m)
{
	return kc_menu_prompt(m) ? kc_menu_prompt(m) : "";
}

static inline void
kc_why_at(struct node *n, const char *file, int line)
{
	n->c.file = file;
	n->c.line = line;
}

/* explain-graph.c: nodes (in e's arena), their texts, the memo */
struct node *kc_why_node(struct kc_explain *e, enum kc_cause_kind kind, struct kc_symbol *sym);
void kc_why_add(struct node *parent, struct node *kid);
/* A new node with its text below @parent; @possible: a root that can (or cannot) be changed. */
struct node *kc_why_leaf(struct kc_explain *e, struct node *parent, enum kc_cause_kind kind,
			 struct kc_symbol *sym, bool possible, const char *text);
const char *kc_why_fmt(struct kc_explain *e, const char *fmt, ...) KC_PRINTF(2, 3);
/* Expression text with " [=v]" after each symbol, as menuconfig prints it. */
const char *kc_why_expr_text(struct kc_explain *e, const struct kc_expr *x);
/* A symbol's value, copied: the tree's string may be freed by later changes. */
const char *kc_why_value(struct kc_explain *e, struct kc_symbol *s);
const char *kc_why_origin_text(enum kc_origin o);
struct node *kc_why_memo_get(struct kc_explain *e, const void *key, int dir, int t);
void kc_why_memo_put(struct kc_explain *e, const void *key, int dir, int t, struct node *n);

/* explain-sym.c: symbol nodes and the roots below them */
bool kc_why_is_bool(struct kc_symbol *s);
struct kc_prop *kc_why_active_default(struct kc_explain *e, struct kc_symbol *s);
/* Whether the graph is as large or deep as it may get (then marked truncated). */
bool kc_why_over_budget(struct kc_explain *e);
struct node *kc_why_undefined(struct kc_explain *e, struct kc_symbol *s);
struct node *kc_why_sym_side(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t,
			     bool low);
struct node *kc_why_sym_low(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t);
struct node *kc_why_sym_high(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t);
struct kc_symbol *kc_why_carried_from(struct kc_symbol *s);
void kc_why_user_leaf(struct kc_explain *e, struct node *parent, struct kc_symbol *s);
bool kc_why_toolchain_at(struct kc_explain *e, struct node *parent, const char *file, int line);
struct node *kc_why_value_node(struct kc_explain *e, struct kc_symbol *s);

/* explain-low.c, explain-high.c: why a symbol is below / above t */
void kc_why_reasons_low(struct kc_explain *e, struct node *n, struct kc_symbol *s,
			enum kc_tristate t);
void kc_why_reasons_high(struct kc_explain *e, struct node *n, struct kc_symbol *s,
			 enum kc_tristate t);
void kc_why_visibility_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
			   enum kc_tristate t);
void kc_why_modules_low(struct kc_explain *e, struct node *parent);
const char *kc_why_how_chosen(struct kc_explain *e, struct kc_symbol *h);
void kc_why_op_terms(struct kc_expr *x, enum kc_expr_type op, struct kc_vec *out);

/* explain-expr.c: why an expression is below / above t; @where: the menu entry whose
 * text it is in (to find a $(...) that computed a constant), or NULL */
void kc_why_expr_low(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		     enum kc_tristate t, const struct kc_menu *where);
void kc_why_expr_high(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		      enum kc_tristate t, const struct kc_menu *where);

/* explain.c: the value question, also asked of a comparison's operand */
void kc_why_explain_value(struct kc_explain *e, struct node *root, struct kc_symbol *s,
			  const char *want);

/* explain-render.c: kc_explain_text; @suggest false leaves out the
 * "or run: kexplore enable ..." hint (a plan that failed must not suggest itself). */
char *kc_explain_text_ex(const struct kc_explain *e, bool suggest);

/* explainer.c: the per-tree context */
struct kc_tree *kc_explainer_tree(const struct kc_explainer *ex);
/* Line @line of @file (relative to srctree) with its '\' continuations joined,
 * leading blanks stripped; NULL when unreadable. Borrowed from the explainer. */
const char *kc_explainer_line(struct kc_explainer *ex, const char *file, int line);
/* First line of a menu entry's text block (from its keyword to the next entry)
 * that is a 'depends on' or 'if' holding "$(", or 0. */
int kc_explainer_find_dollar(struct kc_explainer *ex, const struct kc_menu *m);
/* The outermost menu entry whose dependency expression is exactly @dep (the
 * same pointer), or NULL. */
const struct kc_menu *kc_explainer_dep_owner(struct kc_explainer *ex, const struct kc_expr *dep);
/* Children of a toolchain node @n: the $(shell,...) commands the text @src ran. */
void kc_explainer_shell_notes(struct kc_explain *e, struct node *n, const char *src);

#endif /* KCONFIG_EXPLAIN_PRIVATE_H */
