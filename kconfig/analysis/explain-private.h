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

/* explainer.c: the per-tree context */
struct kc_tree *kc_explainer_tree(const struct kc_explainer *ex);
/* Line @line of @file (relative to srctree) with its '\' continuations joined,
 * leading blanks stripped; NULL when unreadable. Borrowed from the explainer. */
/* kc_explain_text_ex - kc_explain_text; @suggest false leaves out the
 * "or run: kexplore enable ..." hint (a plan that failed must not suggest itself). */
char *kc_explain_text_ex(const struct kc_explain *e, bool suggest);

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
