/* evalstate.c - snapshots of a tree's computed state (values, visibility, dependency values,
 * conditions), for analyses that evaluate other configs as conf does in a fresh process. */
#include "config.h"

#include <stdlib.h>

#include "core.h"

/* the computed flags: written, and a legacy choice's mark that it took its user value away */
#define EVAL_FLAGS (KC_SYM_WRITE | KC_SYM_LOST_USER)

struct kc_eval_state {
	unsigned epoch;
	bool changed;
	enum kc_tristate modules_val;
	size_t nsyms, nprops;
	struct sym_state {
		struct kc_value curr;
		enum kc_tristate visible, dir_dep, rev_dep, implied;
		enum kc_origin origin;
		unsigned valid, write;
		struct kc_symbol *sel;
	} *syms;
	enum kc_tristate *conds;	/* cond_tri of every symbol property, in order */
};

static struct kc_symbol *
sym_at(struct kc_tree *t, size_t i)
{
	return t->all_syms.v[i];
}

static size_t
count_props(struct kc_tree *t)
{
	struct kc_prop *p;
	size_t i, n = 0;

	for (i = 0; i < t->all_syms.n; i++)
		for (p = sym_at(t, i)->props; p; p = p->next)
			n++;
	return n;
}

struct kc_eval_state *
kc_eval_state_save(struct kc_tree *t)
{
	struct kc_eval_state *st = kc_xcalloc(1, sizeof(*st));
	struct kc_prop *p;
	size_t i, k = 0;

	st->epoch = t->epoch;
	st->changed = t->changed;
	st->modules_val = t->modules_val;
	st->nsyms = t->all_syms.n;
	st->nprops = count_props(t);
	st->syms = kc_xcalloc(st->nsyms + 1, sizeof(*st->syms));
	st->conds = kc_xcalloc(st->nprops + 1, sizeof(*st->conds));
	for (i = 0; i < st->nsyms; i++) {
		struct kc_symbol *s = sym_at(t, i);
		struct sym_state *v = &st->syms[i];

		v->curr = s->curr;
		v->visible = s->visible;
		v->dir_dep = s->dir_dep_tri;
		v->rev_dep = s->rev_dep_tri;
		v->implied = s->implied_tri;
		v->origin = s->origin;
		v->valid = s->valid;
		v->write = s->flags & EVAL_FLAGS;
		v->sel = s->sel;
		for (p = s->props; p; p = p->next)
			st->conds[k++] = p->cond_tri;
	}
	return st;
}

/* The results an evaluation reads back: value, visibility, dependencies, origin, conditions. */
static void
put_results(struct kc_symbol *s, const struct sym_state *v, const enum kc_tristate **cond)
{
	struct kc_prop *p;

	s->visible = v->visible;
	s->dir_dep_tri = v->dir_dep;
	s->rev_dep_tri = v->rev_dep;
	s->implied_tri = v->implied;
	s->origin = v->origin;
	s->flags = (s->flags & ~EVAL_FLAGS) | v->write;
	for (p = s->props; p; p = p->next)
		p->cond_tri = *(*cond)++;
}

void
kc_eval_state_restore(struct kc_tree *t, const struct kc_eval_state *st)
{
	const enum kc_tristate *cond = st->conds;
	size_t i;

	for (i = 0; i < st->nsyms; i++) {
		struct kc_symbol *s = sym_at(t, i);

		s->curr = st->syms[i].curr;
		put_results(s, &st->syms[i], &cond);
		s->valid = st->syms[i].valid;
		s->sel = st->syms[i].sel;
	}
	t->modules_val = st->modules_val;
	t->changed = st->changed;
	t->epoch = st->epoch;
}

void
kc_eval_state_seed(struct kc_tree *t, const struct kc_eval_state *st)
{
	const enum kc_tristate *cond = st->conds;
	size_t i;

	t->modules_val = st->modules_val;
	for (i = 0; i < st->nsyms; i++) {
		struct kc_symbol *s = sym_at(t, i);

		/* the string form is left: a stale symbol is recomputed before it is read */
		s->curr.tri = st->syms[i].curr.tri;
		put_results(s, &st->syms[i], &cond);
	}
}

void
kc_eval_state_free(struct kc_eval_state *st)
{
	if (!st)
		return;
	free(st->syms);
	free(st->conds);
	free(st);
}

void
kc_tree_eval_reset(struct kc_tree *t)
{
	struct kc_prop *p;
	size_t i;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = sym_at(t, i);

		s->curr.tri = KC_N;
		s->curr.val = s->name ? s->name : "n";
		s->visible = s->dir_dep_tri = s->rev_dep_tri = s->implied_tri = KC_N;
		s->origin = KC_FROM_NONE;
		s->valid = 0;
		s->flags &= ~EVAL_FLAGS;
		s->sel = NULL;
		for (p = s->props; p; p = p->next)
			p->cond_tri = KC_N;
	}
	t->modules_val = KC_N;
}
