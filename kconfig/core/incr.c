/* incr.c - incremental evaluation: which symbols read which, re-evaluating only that cone, checkpoints. */
#include "config.h"

#include "kexplore/incr.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

/*
 * Evaluation is lazy: a symbol is computed when asked for and kept while
 * sym->valid == tree->epoch. Changing a user value used to bump the epoch,
 * so the next question recomputed the whole tree. Here a change marks
 * invalid only the symbols whose evaluation can read the changed one,
 * directly or through others (its cone); the next question recomputes
 * those, in the order the kernel's sym_calc_value would reach them, and the
 * rest keep their values. For a tree without dependency loops (conf refuses
 * loops) the result is the same fixed point a full evaluation reaches:
 * kc_incr_verify() checks it, and the debug mode does after each change.
 *
 * Who reads whom is a static index from the expressions (depends on,
 * prompt conditions, defaults and their conditions, ranges, the select and
 * imply expressions gathered in rev_dep and implied) plus choice groups (a
 * member's value is decided with its whole choice). A change that reaches
 * MODULES changes the type of every tristate: the whole tree is invalidated.
 *
 * Trees before 6.11 (legacy.c): a choice is a symbol with a value; its
 * members read it (their prompts depend on it, a member at y reads its
 * selection), it reads its members' visibility and user values, its
 * defaults and its user selection: the same group, one component. Computing
 * such a choice can take its user value away (conf does, when a visible
 * member has none); the value computed then stands, and the next full
 * evaluation goes without it. Here the choice keeps a mark
 * (KC_SYM_LOST_USER) and is recomputed at the next change, as the next full
 * evaluation would; kc_incr_verify compares with a full evaluation of the
 * user values those choices were computed with.
 *
 * Checkpoints: while one is open every change first logs what it will
 * overwrite (user values, choice orders, the computed state of each symbol
 * of the cone); rolling back writes the log back in reverse. A symbol
 * computed after the checkpoint but outside every logged cone does not
 * depend on what changed, so its value holds for the restored state too.
 */

struct comp_state {
	struct kc_value curr;
	unsigned valid, flags;
	enum kc_tristate visible, dir, rev, impl;
	enum kc_origin origin;
	struct kc_symbol *sel;
	size_t conds;			/* offset in kc_incr.conds */
	enum kc_tristate modules_val;	/* the tree's, restored with MODULES */
};

struct user_state {
	struct kc_value user;
	unsigned flags;
	const char *file;
	int line;
	struct kc_symbol *sel;
};

enum undo_kind { U_COMP, U_USER, U_ORDER, U_FULL };

struct undo {
	enum undo_kind kind;
	struct kc_symbol *sym;
	struct kc_menu *menu;
	union {
		struct comp_state c;
		struct user_state u;
		struct kc_symbol **order;
		struct kc_vec lost;	/* U_FULL: the legacy choices marked lost then */
	} s;
};

/*
 * Updates already made, to make again by copying. A planner tries the same
 * change from the same state many times (each alternative, each step left
 * out while minimising, the replay), and rolling back brings the state back
 * exactly: so each state has an id (a change gives a new one, a rollback
 * gives back the checkpoint's), and an update from state `from` after the
 * user value of `sym` became `user` always ends in the same state `to`. What
 * it recorded: each recomputed symbol whose computed state or property
 * conditions came out different (or that was not computed before). The
 * others keep what they have: computed, they hold the same value; not
 * computed, they are computed lazily from the same user values.
 */
struct memo_entry {
	unsigned from, to;
	struct kc_symbol *sym;
	struct kc_value user;
	unsigned has_user;
	size_t rec, nrec;		/* memo.recs[rec .. rec + nrec) */
};

struct memo_rec {
	uint32_t id;			/* symbol index */
	struct comp_state c;		/* its state after (c.conds: offset in memo.conds) */
};

struct memo {
	unsigned sid, nsid;		/* the state's id; ids given so far */
	unsigned from;			/* the id before the pending user change */
	unsigned npending;		/* user changes since the last update */
	struct kc_symbol *pending;
	unsigned *cp_sid;		/* the id at each open checkpoint */
	size_t cap_cp;
	struct memo_entry *ents;
	size_t nents, capents;
	struct memo_rec *recs;
	size_t nrecs, caprecs;
	enum kc_tristate *conds;
	size_t nconds, capconds;
	bool recording;			/* the update under way is recorded */
	bool spoiled;			/* it set a user value: not recorded after all */
	enum kc_tristate *oldconds;	/* scratch: a component's conditions before */
	size_t capold;
};

/* KC_SYM_UNMET is not state: it says a warning was given, which a rollback does not take back */
#define COMP_FLAGS (KC_SYM_WRITE | KC_SYM_LOST_USER)

struct kc_incr {
	size_t n;			/* symbols indexed (all_syms.n when built) */
	struct kc_vec trans;		/* the transitional symbols (6.18+): see kc_incr_changed */
	uint32_t *off, *deps;		/* readers of symbol i: deps[off[i] .. off[i + 1]) */
	/* components (a choice group, or one symbol), numbered inputs first */
	uint32_t *comp;			/* component of symbol i */
	uint32_t *comp_off, *comp_mem;	/* symbols of component c: comp_mem[comp_off[c] .. [c + 1]) */
	struct kc_vec choices;		/* legacy choice symbols (before 6.11) */
	struct kc_vec seeds;		/* scratch: what an update starts from */
	uint32_t ncomp;
	uint32_t *heap;			/* components to recompute, lowest first */
	size_t nheap;
	unsigned *queued, qstamp;	/* queued[c] == qstamp: in the heap or done in this update */
	struct comp_state *old;		/* scratch: a component's states before */
	bool *was_valid;
	size_t cap_old;
	bool (*probe)(struct kc_symbol *, void *);
	void *probe_arg;
	bool rejected;			/* the probe said no: the tree waits for a rollback */
	bool full_undone;		/* a rollback went past a whole-tree invalidation */
	uint32_t *stack;
	unsigned *mark, stamp;
	unsigned *logged, serial;	/* logged[i] == serial: already in the open checkpoint's log */
	size_t depth;			/* open checkpoints */
	struct undo *log;
	size_t nlog, caplog;
	enum kc_tristate *conds;	/* prop conditions of the U_COMP records */
	size_t nconds, capconds;
	struct memo memo;		/* updates seen before, by state (see memo_find) */
	bool check;			/* debug: verify after each change */
	bool checking;
	struct undo *carried;		/* user values a check's evaluation set (see check_carried) */
	size_t ncarried, capcarried;
	size_t nfull;			/* full invalidations since the index was built */
	size_t ncone;			/* symbols invalidated, summed */
};

/* Append v to the growing array *a of *n (room for *cap). */
static void
tri_push(enum kc_tristate **a, size_t *n, size_t *cap, enum kc_tristate v)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 4096;
		*a = kc_xrealloc(*a, *cap * sizeof(**a));
	}
	(*a)[(*n)++] = v;
}

/* ---- the memo of updates (struct memo) ------------------------------------------ */

static void comp_save(struct comp_state *c, const struct kc_symbol *s);

/*
 * Past this many records (about 3 MB) the memo starts again. Entries stay
 * when the last checkpoint closes: the planner rolls back to its outermost
 * one and opens it again, and the ids still name the same states.
 */
#define MEMO_MAX_RECS 32768
#define MEMO_MAX_ENTS 2048	/* memo_find reads them one by one */

/* Drop every entry: they may name states that can come back no more. */
static void
memo_forget(struct memo *m)
{
	m->nents = m->nrecs = m->nconds = 0;
	m->sid = ++m->nsid;
	m->npending = 0;
}

static void
memo_free(struct memo *m)
{
	free(m->cp_sid);
	free(m->ents);
	free(m->recs);
	free(m->conds);
	free(m->oldconds);
	memset(m, 0, sizeof(*m));
}

/* The state changed in a way no entry describes (a whole-tree change, many at once). */
static void
memo_fresh(struct memo *m)
{
	m->sid = ++m->nsid;
	m->npending = 0;
}

static void
memo_cond(struct memo *m, enum kc_tristate v)
{
	tri_push(&m->conds, &m->nconds, &m->capconds, v);
}

/* Before a component is recomputed: its conditions, to see which change. */
static void
memo_before(struct memo *m, struct kc_tree *t, const uint32_t *mem, uint32_t n)
{
	size_t k = 0;
	uint32_t i;
	struct kc_prop *p;

	for (i = 0; i < n; i++)
		for (p = ((struct kc_symbol *)t->all_syms.v[mem[i]])->props; p; p = p->next)
			k++;
	if (k > m->capold) {
		m->capold = 2 * k;
		m->oldconds = kc_xrealloc(m->oldconds, m->capold * sizeof(*m->oldconds));
	}
	k = 0;
	for (i = 0; i < n; i++)
		for (p = ((struct kc_symbol *)t->all_syms.v[mem[i]])->props; p; p = p->next)
			m->oldconds[k++] = p->cond_tri;
}

/* After: record x unless it came out as it was (*oc: its conditions before). */
static void
memo_note(struct memo *m, struct kc_symbol *x, bool same, const enum kc_tristate **oc)
{
	const enum kc_tristate *o = *oc;
	struct memo_rec *r;
	struct kc_prop *p;
	size_t k = 0;

	for (p = x->props; p; p = p->next, k++)
		same = same && o[k] == p->cond_tri;
	*oc = o + k;
	if (same)
		return;
	if (m->nrecs == m->caprecs) {
		m->caprecs = m->caprecs ? 2 * m->caprecs : 1024;
		m->recs = kc_xrealloc(m->recs, m->caprecs * sizeof(*m->recs));
	}
	r = &m->recs[m->nrecs++];
	r->id = x->id - 1;
	comp_save(&r->c, x);
	r->c.conds = m->nconds;
	for (p = x->props; p; p = p->next)
		memo_cond(m, p->cond_tri);
}

static bool
same_user(const struct memo_entry *e, const struct kc_symbol *s)
{
	if (e->has_user != (s->flags & KC_SYM_DEF_USER))
		return false;
	if (!e->has_user)
		return true;
	if (s->type == KC_BOOL || s->type == KC_TRISTATE)
		return e->user.tri == s->user.tri;
	return e->user.val && s->user.val && !strcmp(e->user.val, s->user.val);
}

/* The entry for "s's user value changed alone, from state m->from", if any. */
static struct memo_entry *
memo_find(struct memo *m, const struct kc_symbol *s)
{
	size_t i;

	for (i = m->nents; i-- > 0;)
		if (m->ents[i].from == m->from && m->ents[i].sym == s && same_user(&m->ents[i], s))
			return &m->ents[i];
	return NULL;
}

static void
memo_add(struct memo *m, struct kc_symbol *s, size_t rec0)
{
	struct memo_entry *e;

	if (m->nents == m->capents) {
		m->capents = m->capents ? 2 * m->capents : 64;
		m->ents = kc_xrealloc(m->ents, m->capents * sizeof(*m->ents));
	}
	e = &m->ents[m->nents++];
	e->from = m->from;
	e->to = m->sid = ++m->nsid;
	e->sym = s;
	e->user = s->user;
	e->has_user = s->flags & KC_SYM_DEF_USER;
	e->rec = rec0;
	e->nrec = m->nrecs - rec0;
}

/* ---- the index --------------------------------------------------------------- */

struct edges {
	uint32_t *from, *to;
	size_t n, cap;
	uint32_t *seen, reader;		/* seen[i] == reader: i already read by it (edges_sym) */
};

static void
edge_add(struct edges *e, const struct kc_symbol *from, const struct kc_symbol *to)
{
	if (!from->id || !to->id || from == to)
		return;
	if (e->seen) {
		if (e->seen[from->id - 1] == e->reader)
			return;
		e->seen[from->id - 1] = e->reader;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 4096;
		e->from = kc_xrealloc(e->from, e->cap * sizeof(*e->from));
		e->to = kc_xrealloc(e->to, e->cap * sizeof(*e->to));
	}
	e->from[e->n] = from->id - 1;
	e->to[e->n++] = to->id - 1;
}

/* reader reads every symbol of x */
static void
edges_expr(struct edges *e, struct kc_symbol *reader, const struct kc_expr *x)
{
	if (!x)
		return;
	switch (x->type) {
	case KC_E_SYMBOL:
		edge_add(e, x->left.sym, reader);
		return;
	case KC_E_NOT:
		edges_expr(e, reader, x->left.expr);
		return;
	case KC_E_AND:
	case KC_E_OR:
		edges_expr(e, reader, x->left.expr);
		edges_expr(e, reader, x->right.expr);
		return;
	default:	/* comparisons and ranges: two symbols */
		edge_add(e, x->left.sym, reader);
		edge_add(e, x->right.sym, reader);
		return;
	}
}

static void
edges_sym(struct edges *e, struct kc_symbol *s)
{
	struct kc_prop *p;

	e->reader = s->id;	/* the same symbol read twice by s: one edge (dedup_readers) */
	for (p = s->props; p; p = p->next) {
		if (p->type == KC_P_SELECT || p->type == KC_P_IMPLY)
			continue;	/* read by the target, through its rev_dep/implied */
		edges_expr(e, s, p->cond);
		if (p->type == KC_P_DEFAULT || p->type == KC_P_RANGE)
			edges_expr(e, s, p->expr);
	}
	edges_expr(e, s, s->dir_dep);
	edges_expr(e, s, s->rev_dep);
	edges_expr(e, s, s->implied);
}

/* A choice is decided as a whole: each of its symbols reads all the others. */
static void
edges_choice(struct edges *e, struct kc_menu *choice)
{
	struct kc_vec g = { 0 };
	struct kc_menu *m;
	size_t i, j;

	kc_vec_push(&g, choice->sym);
	for (i = 0; i < choice->nmembers; i++)
		kc_vec_push(&g, choice->members[i]);
	for (m = kc_menu_walk(choice, choice); m; m = kc_menu_walk(m, choice))
		if (m->sym)
			kc_vec_push(&g, m->sym);
	for (i = 0; i < g.n; i++)
		for (j = 0; j < g.n; j++)
			edge_add(e, g.v[i], g.v[j]);
	kc_vec_free(&g);
}

#define UNSEEN UINT32_MAX

struct tarjan {
	uint32_t *idx, *low, *stk, *call, *edge;
	bool *on;
	uint32_t counter, nstk, ncall;
};

static void
tarjan_enter(struct kc_incr *in, struct tarjan *tj, uint32_t v)
{
	tj->idx[v] = tj->low[v] = tj->counter++;
	tj->stk[tj->nstk++] = v;
	tj->on[v] = true;
	tj->call[tj->ncall] = v;
	tj->edge[tj->ncall++] = in->off[v];
}

/* v's component is complete: number it (Tarjan finds readers' components first). */
static void
tarjan_leave(struct kc_incr *in, struct tarjan *tj, uint32_t v)
{
	uint32_t x;

	if (tj->low[v] != tj->idx[v])
		return;
	do {
		x = tj->stk[--tj->nstk];
		tj->on[x] = false;
		in->comp[x] = in->ncomp;
	} while (x != v);
	in->ncomp++;
}

static void
tarjan_from(struct kc_incr *in, struct tarjan *tj, uint32_t root)
{
	tarjan_enter(in, tj, root);
	while (tj->ncall) {
		uint32_t u = tj->call[tj->ncall - 1], w;

		if (tj->edge[tj->ncall - 1] < in->off[u + 1]) {
			w = in->deps[tj->edge[tj->ncall - 1]++];
			if (tj->idx[w] == UNSEEN)
				tarjan_enter(in, tj, w);
			else if (tj->on[w] && tj->idx[w] < tj->low[u])
				tj->low[u] = tj->idx[w];
			continue;
		}
		tj->ncall--;
		tarjan_leave(in, tj, u);
		if (tj->ncall && tj->low[u] < tj->low[tj->call[tj->ncall - 1]])
			tj->low[tj->call[tj->ncall - 1]] = tj->low[u];
	}
}

/*
 * Components of the reader graph: a choice group is one, every other
 * symbol its own (conf refuses dependency loops; should a tree have one,
 * its symbols form one component, recomputed together). Numbered so that
 * a component's inputs have lower numbers: recomputing in that order
 * gives each symbol its inputs' final values.
 */
static void
index_components(struct kc_incr *in)
{
	struct tarjan tj = { 0 };
	size_t n = in->n, i;

	tj.idx = kc_xmalloc((n + 1) * sizeof(*tj.idx));
	tj.low = kc_xmalloc((n + 1) * sizeof(*tj.low));
	tj.stk = kc_xmalloc((n + 1) * sizeof(*tj.stk));
	tj.call = kc_xmalloc((n + 1) * sizeof(*tj.call));
	tj.edge = kc_xmalloc((n + 1) * sizeof(*tj.edge));
	tj.on = kc_xcalloc(n + 1, sizeof(*tj.on));
	in->comp = kc_xmalloc((n + 1) * sizeof(*in->comp));
	in->ncomp = 0;
	for (i = 0; i < n; i++)
		tj.idx[i] = UNSEEN;
	for (i = 0; i < n; i++)
		if (tj.idx[i] == UNSEEN)
			tarjan_from(in, &tj, (uint32_t)i);
	in->comp_off = kc_xcalloc(in->ncomp + 2, sizeof(*in->comp_off));
	in->comp_mem = kc_xmalloc((n + 1) * sizeof(*in->comp_mem));
	for (i = 0; i < n; i++) {
		in->comp[i] = in->ncomp - 1 - in->comp[i];
		in->comp_off[in->comp[i] + 2]++;
	}
	for (i = 2; i < in->ncomp + 2; i++)
		in->comp_off[i] += in->comp_off[i - 1];
	for (i = 0; i < n; i++)
		in->comp_mem[in->comp_off[in->comp[i] + 1]++] = (uint32_t)i;
	in->heap = kc_xmalloc((in->ncomp + 1) * sizeof(*in->heap));
	in->queued = kc_xcalloc(in->ncomp + 1, sizeof(*in->queued));
	free(tj.idx);
	free(tj.low);
	free(tj.stk);
	free(tj.call);
	free(tj.edge);
	free(tj.on);
}

/*
 * A reader that reads a symbol through several expressions (a select's
 * condition repeated in every selector's term, say) is one edge: x86_64
 * 6.12 has 210,438 edges and 91,803 readers, memory and work of every update.
 */
static void
dedup_readers(struct kc_incr *in)
{
	uint32_t *seen = kc_xcalloc(in->n + 1, sizeof(*seen));
	uint32_t a = 0, b, j, k = 0;
	size_t r;

	for (r = 0; r < in->n; r++) {
		b = in->off[r + 1];
		in->off[r] = k;
		for (j = a; j < b; j++)
			if (seen[in->deps[j]] != r + 1) {
				seen[in->deps[j]] = (uint32_t)r + 1;
				in->deps[k++] = in->deps[j];
			}
		a = b;
	}
	in->off[in->n] = k;
	in->deps = kc_xrealloc(in->deps, ((size_t)k + 1) * sizeof(*in->deps));
	free(seen);
}

static void
index_build(struct kc_tree *t, struct kc_incr *in)
{
	struct edges e = { 0 };
	size_t i;

	e.seen = kc_xcalloc(t->all_syms.n + 1, sizeof(*e.seen));
	for (i = 0; i < t->all_syms.n; i++)
		edges_sym(&e, t->all_syms.v[i]);
	free(e.seen);
	e.seen = NULL;
	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];

		if (m->is_choice && m->sym)
			edges_choice(&e, m);
	}
	in->n = t->all_syms.n;
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if (s->flags & KC_SYM_TRANS)
			kc_vec_push(&in->trans, s);
		if (t->lang->choice && !s->name && s->id)
			kc_vec_push(&in->choices, s);
	}
	in->off = kc_xcalloc(in->n + 2, sizeof(*in->off));
	in->deps = kc_xmalloc((e.n + 1) * sizeof(*in->deps));
	for (i = 0; i < e.n; i++)
		in->off[e.from[i] + 2]++;
	for (i = 2; i < in->n + 2; i++)
		in->off[i] += in->off[i - 1];
	for (i = 0; i < e.n; i++)
		in->deps[in->off[e.from[i] + 1]++] = e.to[i];
	free(e.from);
	free(e.to);
	dedup_readers(in);
	in->stack = kc_xmalloc((in->n + 1) * sizeof(*in->stack));
	in->mark = kc_xcalloc(in->n + 1, sizeof(*in->mark));
	in->logged = kc_xcalloc(in->n + 1, sizeof(*in->logged));
	index_components(in);
}

static void
index_free(struct kc_incr *in)
{
	kc_vec_free(&in->trans);
	kc_vec_free(&in->choices);
	kc_vec_free(&in->seeds);
	free(in->comp);
	free(in->comp_off);
	free(in->comp_mem);
	free(in->heap);
	free(in->queued);
	free(in->old);
	free(in->was_valid);
	in->comp = in->comp_off = in->comp_mem = in->heap = NULL;
	in->queued = NULL;
	in->old = NULL;
	in->was_valid = NULL;
	in->cap_old = 0;
	free(in->off);
	free(in->deps);
	free(in->stack);
	free(in->mark);
	free(in->logged);
	in->off = in->deps = in->stack = NULL;
	in->mark = in->logged = NULL;
	memo_forget(&in->memo);
}

/* The tree's index, built on first use (and again if symbols were added). */
static struct kc_incr *
incr_get(struct kc_tree *t)
{
	struct kc_incr *in = t->incr;

	if (!in) {
		const char *env = getenv("KEXPLORE_INCR_CHECK");

		in = t->incr = kc_xcalloc(1, sizeof(*in));
		in->check = env && *env && strcmp(env, "0");
		in->serial = 1;
	}
	if (in->n != t->all_syms.n || !in->off) {
		index_free(in);
		index_build(t, in);
		in->serial++;
	}
	return in;
}

/* ---- the undo log --------------------------------------------------------------- */

static struct undo *
log_push(struct kc_incr *in, enum undo_kind kind)
{
	struct undo *u;

	if (in->nlog == in->caplog) {
		in->caplog = in->caplog ? 2 * in->caplog : 1024;
		in->log = kc_xrealloc(in->log, in->caplog * sizeof(*in->log));
	}
	u = &in->log[in->nlog++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	return u;
}

static void
conds_push(struct kc_incr *in, enum kc_tristate v)
{
	tri_push(&in->conds, &in->nconds, &in->capconds, v);
}

static void
comp_save(struct comp_state *c, const struct kc_symbol *s)
{
	c->curr = s->curr;
	c->valid = s->valid;
	c->flags = s->flags & COMP_FLAGS;
	c->visible = s->visible;
	c->dir = s->dir_dep_tri;
	c->rev = s->rev_dep_tri;
	c->impl = s->implied_tri;
	c->origin = s->origin;
	c->sel = s->sel;
}

static void
comp_load(struct kc_symbol *s, const struct comp_state *c, const enum kc_tristate *conds)
{
	struct kc_prop *p;

	s->curr = c->curr;
	s->valid = c->valid;
	s->flags = (s->flags & ~COMP_FLAGS) | c->flags;
	s->visible = c->visible;
	s->dir_dep_tri = c->dir;
	s->rev_dep_tri = c->rev;
	s->implied_tri = c->impl;
	s->origin = c->origin;
	s->sel = c->sel;
	for (p = s->props; p; p = p->next)
		p->cond_tri = *conds++;
}

static void
log_comp(struct kc_incr *in, struct kc_symbol *s)
{
	struct undo *u;
	struct kc_prop *p;

	if (!in->depth || in->logged[s->id - 1] == in->serial)
		return;
	in->logged[s->id - 1] = in->serial;
	u = log_push(in, U_COMP);
	u->sym = s;
	comp_save(&u->s.c, s);
	u->s.c.modules_val = s->tree->modules_val;
	u->s.c.conds = in->nconds;
	for (p = s->props; p; p = p->next)
		conds_push(in, p->cond_tri);
}

static void
undo_one(struct kc_tree *t, struct kc_incr *in, struct undo *u)
{
	struct kc_symbol *s = u->sym;

	switch (u->kind) {
	case U_COMP:
		comp_load(s, &u->s.c, in->conds + u->s.c.conds);
		if (s == t->modules_sym)
			t->modules_val = u->s.c.modules_val;
		break;
	case U_USER:
		s->user = u->s.u.user;
		s->flags = (s->flags & ~KC_SYM_DEF_USER) | u->s.u.flags;
		s->user_file = u->s.u.file;
		s->user_line = u->s.u.line;
		s->user_sel = u->s.u.sel;
		break;
	case U_ORDER:
		memcpy(u->menu->members, u->s.order, u->menu->nmembers * sizeof(*u->s.order));
		free(u->s.order);
		break;
	case U_FULL:
		in->full_undone = true;	/* see kc_rollback */
		kc_vec_free(&u->s.lost);
		break;
	}
}

static void
drop_one(struct undo *u)
{
	if (u->kind == U_ORDER)
		free(u->s.order);
	else if (u->kind == U_FULL)
		kc_vec_free(&u->s.lost);
}

/* ---- changes ------------------------------------------------------------------- */

/* u records s's user state (value, set or not, where from, a legacy choice's selection). */
static void
user_save(struct undo *u, struct kc_symbol *s)
{
	u->sym = s;
	u->s.u.user = s->user;
	u->s.u.flags = s->flags & KC_SYM_DEF_USER;
	u->s.u.file = s->user_file;
	u->s.u.line = s->user_line;
	u->s.u.sel = s->user_sel;
}

/*
 * A user value set by the evaluation of a check (a transitional carry the
 * incremental state has not made): a difference, and taken back afterwards.
 */
static void
check_carried(struct kc_incr *in, struct kc_symbol *s)
{
	struct undo *u;

	if (in->ncarried == in->capcarried) {
		in->capcarried = in->capcarried ? 2 * in->capcarried : 16;
		in->carried = kc_xrealloc(in->carried, in->capcarried * sizeof(*in->carried));
	}
	u = &in->carried[in->ncarried++];
	memset(u, 0, sizeof(*u));
	u->kind = U_USER;
	user_save(u, s);
}

void
kc_incr_user_will_change(struct kc_symbol *s)
{
	struct kc_incr *in = s->tree->incr;

	if (in) {
		/* a check's evaluation: kc_incr_verify puts a legacy choice's user
		 * value back itself (choice_flags), and notes any other */
		if (in->checking) {
			if (!s->name)
				return;
			check_carried(in, s);
			return;
		}
		/* a user value set while computing (a transitional carry): the
		 * update is more than its recomputed symbols, not one to copy */
		if (in->memo.recording)
			in->memo.spoiled = true;
		if (!in->memo.npending++) {
			in->memo.from = in->memo.sid;
			in->memo.pending = s;
		}
		in->memo.sid = ++in->memo.nsid;
	}
	if (!in || !in->depth || !s->id)
		return;
	user_save(log_push(in, U_USER), s);
}

void
kc_incr_order_will_change(struct kc_menu *choice)
{
	struct kc_incr *in = choice->sym ? choice->sym->tree->incr : NULL;
	struct undo *u;

	if (in) {
		in->memo.npending += 2;	/* not one user value alone: no entry */
		in->memo.sid = ++in->memo.nsid;
	}
	if (!in || !in->depth || !choice->nmembers)
		return;
	u = log_push(in, U_ORDER);
	u->menu = choice;
	u->s.order = kc_xmalloc(choice->nmembers * sizeof(*choice->members));
	memcpy(u->s.order, choice->members, choice->nmembers * sizeof(*choice->members));
}

/*
 * Before the tree is invalidated as a whole: only a mark. Rolling back over
 * it invalidates the whole tree again once the user values are back, and
 * the values come out as they were (a full evaluation of the same user
 * values); a copy of every computed value would cost a megabyte each time
 * (trees before 6.11 take this path on every change).
 */
void
kc_incr_before_full(struct kc_tree *t)
{
	struct kc_incr *in = t->incr;
	struct undo *u;
	size_t i;

	if (!in || in->checking)
		return;
	memo_fresh(&in->memo);
	u = in->depth ? log_push(in, U_FULL) : NULL;
	/* the whole tree is computed again: no choice waits for the next change */
	for (i = 0; i < in->choices.n; i++) {
		struct kc_symbol *cs = in->choices.v[i];

		if (u && cs->flags & KC_SYM_LOST_USER)
			kc_vec_push(&u->s.lost, cs);
		cs->flags &= ~KC_SYM_LOST_USER;
	}
	in->nfull += u != NULL;
}

static void
stamp_next(struct kc_incr *in)
{
	if (++in->stamp == 0) {
		memset(in->mark, 0, in->n * sizeof(*in->mark));
		in->stamp = 1;
	}
}

/* ---- the update ------------------------------------------------------------------- */

static bool same_comp(const struct comp_state *a, const struct comp_state *b);

static bool
same_value(const struct comp_state *a, const struct comp_state *b)
{
	return a->curr.tri == b->curr.tri && !strcmp(a->curr.val, b->curr.val);
}

static void
heap_push(struct kc_incr *in, uint32_t c)
{
	size_t i = in->nheap++;

	if (in->queued[c] == in->qstamp)
		return (void)in->nheap--;
	in->queued[c] = in->qstamp;
	while (i && in->heap[(i - 1) / 2] > c) {
		in->heap[i] = in->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	in->heap[i] = c;
}

static uint32_t
heap_pop(struct kc_incr *in)
{
	uint32_t top = in->heap[0], last = in->heap[--in->nheap];
	size_t i = 0, k;

	while ((k = 2 * i + 1) < in->nheap) {
		if (k + 1 < in->nheap && in->heap[k + 1] < in->heap[k])
			k++;
		if (in->heap[k] >= last)
			break;
		in->heap[i] = in->heap[k];
		i = k;
	}
	in->heap[i] = last;
	return top;
}

static void
old_reserve(struct kc_incr *in, size_t n)
{
	if (n <= in->cap_old)
		return;
	in->cap_old = n;
	in->old = kc_xrealloc(in->old, n * sizeof(*in->old));
	in->was_valid = kc_xrealloc(in->was_valid, n * sizeof(*in->was_valid));
}

enum step { STEP_OK, STEP_FULL, STEP_REJECTED };

/* Recompute component c; queue the readers of what changed. */
static enum step
update_comp(struct kc_tree *t, struct kc_incr *in, uint32_t c)
{
	uint32_t a = in->comp_off[c], b = in->comp_off[c + 1], k;
	const enum kc_tristate *oc;

	old_reserve(in, b - a);
	if (in->memo.recording)
		memo_before(&in->memo, t, in->comp_mem + a, b - a);
	oc = in->memo.oldconds;
	for (k = a; k < b; k++) {
		struct kc_symbol *x = t->all_syms.v[in->comp_mem[k]];

		comp_save(&in->old[k - a], x);
		in->was_valid[k - a] = x->valid == t->epoch;
		log_comp(in, x);
		x->valid = 0;	/* the epoch starts at 1 and only grows */
	}
	for (k = a; k < b; k++)
		kc_sym_calc(t->all_syms.v[in->comp_mem[k]]);
	in->ncone += b - a;
	for (k = a; k < b; k++) {
		uint32_t i = in->comp_mem[k], e;
		struct kc_symbol *x = t->all_syms.v[i];
		struct comp_state now;
		bool same;

		comp_save(&now, x);
		same = in->was_valid[k - a] && same_comp(&in->old[k - a], &now);
		if (in->memo.recording)
			memo_note(&in->memo, x, same, &oc);
		if (same)
			continue;
		if (in->probe && !in->probe(x, in->probe_arg))
			return STEP_REJECTED;
		/*
		 * Other components read a symbol's value only (its visibility is
		 * read within its choice, which is one component): when only its
		 * visibility, origin or write flag changed, its readers see what
		 * they saw. kc_incr_verify compares all of them.
		 */
		if (in->was_valid[k - a] && same_value(&in->old[k - a], &now))
			continue;
		if (x == t->modules_sym)
			return STEP_FULL;	/* every tristate's type */
		for (e = in->off[i]; e < in->off[i + 1]; e++)
			if (in->comp[in->deps[e]] != c)
				heap_push(in, in->comp[in->deps[e]]);
	}
	return STEP_OK;
}

/*
 * Recompute from s on, inputs before readers, and only past symbols whose
 * values changed. A probe that rejects a changed symbol stops the update
 * half-way: the caller rolls back to its checkpoint.
 */
static enum step
update_from(struct kc_tree *t, struct kc_incr *in, struct kc_symbol **syms, size_t n)
{
	enum step st = STEP_OK;
	size_t i;

	if (++in->qstamp == 0) {
		memset(in->queued, 0, in->ncomp * sizeof(*in->queued));
		in->qstamp = 1;
	}
	in->nheap = 0;
	for (i = 0; i < n; i++)
		heap_push(in, in->comp[syms[i]->id - 1]);
	while (in->nheap && st == STEP_OK)
		st = update_comp(t, in, heap_pop(in));
	in->nheap = 0;
	if (st == STEP_FULL) {
		kc_tree_invalidate(t);
		kc_tree_carry_transitional(t);
		if (in->probe)
			in->rejected = !in->probe(NULL, in->probe_arg);
	} else if (st == STEP_REJECTED) {
		in->rejected = true;
	}
	return st;
}

static void
after_change(struct kc_tree *t, struct kc_incr *in)
{
	const char *bad;

	if (!in->check || in->checking || in->rejected)
		return;
	bad = kc_incr_verify(t);
	if (bad)
		kc_diag_add(t, KC_ERROR, NULL, 0, 0,
			    "incremental evaluation differs from a full one at %s", bad);
}

/* Copy the state an entry recorded, logging what it overwrites. */
static void
memo_replay(struct kc_tree *t, struct kc_incr *in, const struct memo_entry *e)
{
	size_t i;

	for (i = 0; i < e->nrec; i++) {
		const struct memo_rec *r = &in->memo.recs[e->rec + i];
		struct kc_symbol *x = t->all_syms.v[r->id];

		log_comp(in, x);
		comp_load(x, &r->c, in->memo.conds + r->c.conds);
		x->valid = t->epoch;
	}
	in->ncone += e->nrec;
	in->memo.sid = e->to;
}

/*
 * What an update starts from: the changed symbols and the legacy choices
 * that took their own user value away when last computed (see the top).
 */
static struct kc_symbol **
seeds(struct kc_incr *in, struct kc_symbol **syms, size_t n, size_t *nseeds)
{
	size_t i;

	in->seeds.n = 0;
	for (i = 0; i < n; i++)
		kc_vec_push(&in->seeds, syms[i]);
	for (i = 0; i < in->choices.n; i++)
		if (((struct kc_symbol *)in->choices.v[i])->flags & KC_SYM_LOST_USER)
			kc_vec_push(&in->seeds, in->choices.v[i]);
	*nseeds = in->seeds.n;
	return (struct kc_symbol **)in->seeds.v;
}

/*
 * The update after s's user value changed: copied when the same change was
 * made from the same state before, else computed (and recorded, when it is
 * one user value alone, inside a checkpoint, with no probe to stop it).
 */
static void
update_memo(struct kc_tree *t, struct kc_incr *in, struct kc_symbol *s)
{
	struct memo *m = &in->memo;
	const struct memo_entry *e;
	bool one = in->depth && m->npending == 1 && m->pending == s && !in->probe;
	struct kc_symbol **from;
	size_t rec0, cond0, nfrom;
	enum step st;

	m->npending = 0;
	if (one && (e = memo_find(m, s))) {
		memo_replay(t, in, e);
		return;
	}
	if (one && (m->nrecs > MEMO_MAX_RECS || m->nents >= MEMO_MAX_ENTS)) {
		memo_forget(m);
		one = false;
	}
	rec0 = m->nrecs;
	cond0 = m->nconds;
	m->recording = one;
	m->spoiled = false;
	from = seeds(in, &s, 1, &nfrom);
	st = update_from(t, in, from, nfrom);
	m->recording = false;
	if (one && st == STEP_OK && !m->spoiled) {
		memo_add(m, s, rec0);
		return;
	}
	m->nrecs = rec0;
	m->nconds = cond0;
	memo_fresh(m);
}

/*
 * 6.18's transitional symbols: computing a symbol whose active default is an
 * old name with a user value makes that value its own user value (symbol.c,
 * carry_transitional), a side effect that sticks. When it happens depends on
 * when the symbol is computed, so the tree keeps one rule, conf's after it
 * reads a config: every symbol is computed (kc_tree_carry_transitional) after
 * a read and after any change that invalidates the whole tree, so whatever
 * can carry has carried; an update then carries exactly the symbols it
 * recomputes, as a whole evaluation of the same state would. Only a change
 * of an old name's own user value is not followed by the index (its value
 * may stay the same while its successors start to carry): the whole tree.
 */
void
kc_incr_changed(struct kc_symbol *s)
{
	struct kc_tree *t = s->tree;
	struct kc_incr *in;

	if (!s->id) {
		kc_tree_invalidate(t);
		return;
	}
	if (s->flags & KC_SYM_TRANS) {
		kc_tree_invalidate(t);
		kc_tree_carry_transitional(t);
		return;
	}
	in = incr_get(t);
	t->changed = true;
	t->conf_changed = true;
	if (in->rejected) {
		memo_fresh(&in->memo);
		return;	/* the tree waits for its rollback */
	}
	update_memo(t, in, s);
	after_change(t, in);
}

void
kc_incr_changed_many(struct kc_tree *t, struct kc_symbol **syms, size_t n)
{
	struct kc_incr *in;
	size_t i;

	if (!n)
		return;
	/* past a few hundred, recomputing lazily from nothing costs less */
	if (n > 256) {
		kc_tree_invalidate(t);
		kc_tree_carry_transitional(t);
		return;
	}
	in = incr_get(t);
	for (i = 0; i < n; i++)
		if (!syms[i]->id || syms[i]->flags & KC_SYM_TRANS) {
			kc_tree_invalidate(t);
			kc_tree_carry_transitional(t);
			return;
		}
	t->changed = true;
	t->conf_changed = true;
	memo_fresh(&in->memo);
	if (in->rejected)
		return;
	syms = seeds(in, syms, n, &n);
	update_from(t, in, syms, n);
	memo_fresh(&in->memo);
	after_change(t, in);
}

void
kc_incr_set_probe(struct kc_tree *t, bool (*probe)(struct kc_symbol *, void *), void *arg)
{
	struct kc_incr *in = incr_get(t);

	in->probe = probe;
	in->probe_arg = arg;
}

bool
kc_incr_rejected(const struct kc_tree *t)
{
	return t->incr && t->incr->rejected;
}

/* ---- checkpoints ---------------------------------------------------------------- */

size_t
kc_checkpoint(struct kc_tree *t)
{
	struct kc_incr *in = incr_get(t);
	struct memo *m = &in->memo;

	if (in->depth == m->cap_cp) {
		m->cap_cp = m->cap_cp ? 2 * m->cap_cp : 16;
		m->cp_sid = kc_xrealloc(m->cp_sid, m->cap_cp * sizeof(*m->cp_sid));
	}
	m->cp_sid[in->depth] = m->sid;
	in->depth++;
	in->serial++;
	return in->nlog;
}

static void
close_one(struct kc_incr *in, size_t cp)
{
	if (in->depth)
		in->depth--;
	in->serial++;
	if (!in->depth) {
		while (in->nlog > cp)
			drop_one(&in->log[--in->nlog]);
		in->nlog = 0;
		in->nconds = 0;
	}
}

/*
 * The legacy choices marked lost (KC_SYM_LOST_USER) at checkpoint cp: what
 * the first comp record of a choice saved, before the first whole-tree
 * invalidation, else what that invalidation saw.
 */
static void
lost_at(struct kc_incr *in, size_t cp, struct kc_vec *out)
{
	size_t k, f, i;

	if (!in->choices.n)
		return;
	for (f = cp; f < in->nlog && in->log[f].kind != U_FULL; f++)
		;
	stamp_next(in);
	for (k = cp; k < f; k++) {
		struct undo *u = &in->log[k];

		/* the first record of a symbol holds its state at the checkpoint */
		if (u->kind != U_COMP || u->sym->name || in->mark[u->sym->id - 1] == in->stamp)
			continue;
		in->mark[u->sym->id - 1] = in->stamp;
		if (u->s.c.flags & KC_SYM_LOST_USER)
			kc_vec_push(out, u->sym);
	}
	for (i = 0; f < in->nlog && i < in->log[f].s.lost.n; i++) {
		struct kc_symbol *cs = in->log[f].s.lost.v[i];

		if (in->mark[cs->id - 1] != in->stamp)
			kc_vec_push(out, cs);
	}
}

/*
 * A choice marked lost was computed with the user value it then took away.
 * Where it is to be computed again (the tree was invalidated, or the state
 * put back is of an older evaluation), it gets that value back for it, comes
 * out as it was and takes it away again. Not logged: that is the
 * checkpoint's state.
 */
static void
recompute_lost(struct kc_tree *t, struct kc_incr *in, struct kc_vec *lost)
{
	size_t i;

	in->checking = true;
	for (i = 0; i < lost->n; i++) {
		struct kc_symbol *cs = lost->v[i];

		if (cs->valid == t->epoch)
			continue;
		cs->flags |= KC_SYM_DEF_USER;
		kc_sym_calc(cs);
	}
	in->checking = false;
	kc_vec_free(lost);
}

void
kc_rollback(struct kc_tree *t, size_t cp)
{
	struct kc_incr *in = t->incr;
	struct kc_vec lost = { 0 };

	if (!in)
		return;
	in->full_undone = false;
	lost_at(in, cp, &lost);
	while (in->nlog > cp)
		undo_one(t, in, &in->log[--in->nlog]);
	in->rejected = false;
	if (in->depth) {
		in->memo.sid = in->memo.cp_sid[in->depth - 1];
		in->memo.npending = 0;
	}
	if (in->full_undone) {
		t->epoch++;	/* not kc_tree_invalidate: nothing to log */
		if (t->modules_sym)
			kc_sym_calc(t->modules_sym);
		kc_tree_carry_transitional(t);
	}
	recompute_lost(t, in, &lost);
	close_one(in, cp);
	after_change(t, in);
}

void
kc_checkpoint_release(struct kc_tree *t, size_t cp)
{
	struct kc_incr *in = t->incr;

	if (in)
		close_one(in, cp);
}

/* ---- the self-check --------------------------------------------------------------- */

static bool
same_comp(const struct comp_state *a, const struct comp_state *b)
{
	return a->curr.tri == b->curr.tri && !strcmp(a->curr.val, b->curr.val) &&
	       a->visible == b->visible && (a->flags & KC_SYM_WRITE) == (b->flags & KC_SYM_WRITE) &&
	       a->dir == b->dir && a->rev == b->rev && a->impl == b->impl &&
	       a->origin == b->origin;
}

static void
calc_all(struct kc_tree *t)
{
	size_t i;

	for (i = 0; i < t->all_syms.n; i++)
		kc_sym_calc(t->all_syms.v[i]);
}

/*
 * Legacy choices, for the self-check: as_computed, each gets its user value
 * back if it took it away when computed (the full evaluation takes it away
 * again); else their user flags go back to keep (saved before the check).
 */
static void
choice_flags(struct kc_incr *in, unsigned *keep, bool as_computed)
{
	size_t i;

	for (i = 0; i < in->choices.n; i++) {
		struct kc_symbol *cs = in->choices.v[i];

		if (!as_computed)
			cs->flags = (cs->flags & ~KC_SYM_DEF_USER) | keep[i];
		else if (cs->flags & KC_SYM_LOST_USER)
			cs->flags |= KC_SYM_DEF_USER;
	}
}

const char *
kc_incr_verify(struct kc_tree *t)
{
	struct kc_incr *in = incr_get(t);
	struct comp_state *mine;
	const char *bad = NULL;
	unsigned *keep;
	size_t i, n = t->all_syms.n;

	/* put back afterwards: a check must not hide what a later step would see */
	struct kc_eval_state *before = kc_eval_state_save(t);

	keep = kc_xcalloc(in->choices.n + 1, sizeof(*keep));
	for (i = 0; i < in->choices.n; i++)
		keep[i] = ((struct kc_symbol *)in->choices.v[i])->flags & KC_SYM_DEF_USER;
	in->checking = true;
	in->ncarried = 0;
	calc_all(t);
	mine = kc_xcalloc(n + 1, sizeof(*mine));
	for (i = 0; i < n; i++)
		comp_save(&mine[i], t->all_syms.v[i]);
	choice_flags(in, keep, true);
	/* the full evaluation: every symbol again from nothing */
	t->epoch++;
	if (t->modules_sym)
		kc_sym_calc(t->modules_sym);
	calc_all(t);
	for (i = 0; i < n && !bad; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		struct comp_state full;

		comp_save(&full, s);
		if (!same_comp(&mine[i], &full))
			bad = s->name ? s->name : "<choice>";
	}
	free(mine);
	while (in->ncarried) {
		struct undo *u = &in->carried[--in->ncarried];

		bad = u->sym->name;
		undo_one(t, in, u);
	}
	kc_eval_state_restore(t, before);
	kc_eval_state_free(before);
	choice_flags(in, keep, false);
	free(keep);
	in->checking = false;
	return bad;
}

void
kc_incr_set_check(struct kc_tree *t, bool on)
{
	incr_get(t)->check = on;
}

void
kc_incr_stats(struct kc_tree *t, size_t *nedges, size_t *ncone, size_t *nfull)
{
	struct kc_incr *in = incr_get(t);

	*nedges = in->off[in->n];
	*ncone = in->ncone;
	*nfull = in->nfull;
}

size_t
kc_incr_bytes(struct kc_tree *t)
{
	struct kc_incr *in = incr_get(t);
	size_t n = in->n + 1;

	/* off, stack, mark, logged, comp, comp_mem: one word per symbol each; per
	 * component: comp_off, heap, queued; one word per edge */
	return sizeof(*in) + 6 * n * sizeof(uint32_t) + 3 * ((size_t)in->ncomp + 2) * sizeof(uint32_t) +
	       ((size_t)in->off[in->n] + 1) * sizeof(*in->deps) + in->trans.n * sizeof(void *);
}

size_t
kc_incr_cone_size(struct kc_tree *t, struct kc_symbol *s)
{
	struct kc_incr *in = incr_get(t);
	size_t sp = 0, n = 0;

	if (!s->id)
		return 0;
	stamp_next(in);
	in->mark[s->id - 1] = in->stamp;
	in->stack[sp++] = s->id - 1;
	while (sp) {
		uint32_t i = in->stack[--sp], k;

		n++;
		for (k = in->off[i]; k < in->off[i + 1]; k++)
			if (in->mark[in->deps[k]] != in->stamp) {
				in->mark[in->deps[k]] = in->stamp;
				in->stack[sp++] = in->deps[k];
			}
	}
	return n;
}

void
kc_incr_free(struct kc_tree *t)
{
	struct kc_incr *in = t->incr;

	if (!in)
		return;
	while (in->nlog)
		drop_one(&in->log[--in->nlog]);
	free(in->log);
	free(in->conds);
	free(in->carried);
	index_free(in);
	memo_free(&in->memo);
	free(in);
	t->incr = NULL;
}
