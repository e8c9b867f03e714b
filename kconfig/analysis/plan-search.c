/* plan-search.c - the planner's search: raise or lower symbols and expressions through the tree. */
#include "config.h"

#include "kexplore/plan.h"

#include "kexplore/incr.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "plan-private.h"

/*
 * Goal-directed search over the real evaluator. To raise a symbol we set it
 * when the user may, else make its prompt visible (raising the operands of
 * the prompt's condition), else go through a default, a select or an imply.
 * To lower one we set it, pick another choice member, stop its selectors or
 * hide its default. Every step is applied to the tree at once (kc_sym_set_*),
 * so later decisions see its consequences; where there are alternatives (an
 * '||', several selectors or prompts) each one is tried from a snapshot and
 * the cheapest kept: fewest steps, then fewest values turned off, then fewest
 * values changed. Requests already met are protected: a step that undoes one
 * is a dead end. kc_plan_solve() minimises and verifies the result.
 */

enum { DIR_UP, DIR_DOWN, DIR_SET };

#define MAX_ALTS	8	/* alternatives tried at one point */
#define COST_STEP	1000
#define COST_OFF_ALLOWED 40
#define COST_OFF	100000

static bool raise_sym(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t,
		      const struct plan_why *w);
static bool lower_sym(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t,
		      const struct plan_why *w);
static bool raise_expr(struct kc_plan *p, struct kc_expr *e, enum kc_tristate t,
		       const struct plan_why *w);
static bool lower_expr(struct kc_plan *p, struct kc_expr *e, enum kc_tristate t,
		       const struct plan_why *w);
static bool set_value(struct kc_plan *p, struct kc_symbol *s, const char *v,
		      const struct plan_why *w);

static const char *const tri_name[] = { "n", "m", "y" };

static bool KC_PRINTF(2, 3)
dead_end(struct kc_plan *p, const char *fmt, ...)
{
	va_list ap;

	if (p->fail)
		return false;
	va_start(ap, fmt);
	p->fail = kc_arena_vprintf(&p->arena, fmt, ap);
	va_end(ap);
	return false;
}

/* An expression with the values of its symbols, for a dead end's message (arena). */
static const char *
etext(struct kc_plan *p, const struct kc_expr *e)
{
	char *t = kc_expr_str(p->tree, e, true);
	const char *s = kc_arena_strdup(&p->arena, t);

	free(t);
	return s;
}

/* A tristate acts as a bool while MODULES is n. */
static bool
is_bool(struct kc_symbol *s)
{
	return kc_sym_shown_type(s) == KC_BOOL;
}

static bool
is_tri_type(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

static enum kc_tristate
tri_min(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}

static enum kc_tristate
tri_not(enum kc_tristate a)
{
	return (enum kc_tristate)(KC_Y - a);
}

/* The value of @e now; NULL is y. */
static enum kc_tristate
eval(const struct kc_plan *p, struct kc_expr *e)
{
	return kc_expr_eval(p->tree, e);
}

/* ---- requests ---------------------------------------------------------------- */

static bool
same_number(const struct kc_symbol *s, const char *a, const char *b)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	char *ea, *eb;
	long long x, y;
	int overflow;

	errno = 0;
	x = strtoll(a, &ea, base);
	y = strtoll(b, &eb, base);
	overflow = errno == ERANGE;
	/* "" (an int that is off) is no number, and two hex values past LLONG_MAX
	 * (0xdead000000000000) are not equal because strtoll clamps both */
	return *a && *b && !*ea && !*eb && !overflow && x == y;
}

bool
kc_plan_req_holds(const struct plan_req *r)
{
	const char *v;
	enum kc_tristate t;

	if (!r->sym || !kc_sym_defined(r->sym))
		return false;
	if (!r->is_tri) {
		v = kc_sym_string(r->sym);
		return !strcmp(v, r->value) ||
		       (kc_sym_type(r->sym) != KC_STRING && same_number(r->sym, v, r->value));
	}
	t = kc_sym_tristate(r->sym);
	switch (r->want) {
	case KC_WANT_AT_LEAST:
		return t >= r->tri;
	case KC_WANT_AT_MOST:
		return t <= r->tri;
	default:
		return t == r->tri;
	}
}

static const struct plan_req *
broken_request(struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < p->active.n; i++)
		if (!kc_plan_req_holds(p->active.v[i]))
			return p->active.v[i];
	return NULL;
}

/* Whether lowering s is what a request asks for: s is requested, or s is
 * another member of the choice of a member requested to be y. */
bool
kc_plan_is_requested_lower(const struct kc_plan *p, const struct kc_symbol *s)
{
	struct kc_menu *choice = kc_sym_choice(s);
	size_t i;

	for (i = 0; i < p->reqs.n; i++) {
		const struct plan_req *r = p->reqs.v[i];

		if (r->sym == s)
			return true;
		if (choice && r->sym && r->is_tri && r->tri == KC_Y && kc_sym_choice(r->sym) == choice)
			return true;
	}
	return false;
}

/* ---- measuring ----------------------------------------------------------------- */

static int
tri_of(const char *v)
{
	return !strcmp(v, "y") ? 2 : !strcmp(v, "m") ? 1 : !strcmp(v, "n") ? 0 : -1;
}

void
kc_plan_measure(struct kc_plan *p, size_t *nchanged, size_t *noff)
{
	size_t i;

	*nchanged = *noff = 0;
	for (i = 0; i < p->norig; i++) {
		struct kc_symbol *s = kc_tree_sym(p->tree, i);
		const char *v;

		if (!p->orig[i])
			continue;
		v = kc_sym_string(s);
		if (!strcmp(v, p->orig[i]))
			continue;
		(*nchanged)++;
		if (is_tri_type(s) && tri_of(v) < tri_of(p->orig[i]) &&
		    !kc_plan_is_requested_lower(p, s))
			(*noff)++;
	}
}

/*
 * Cost of what was added since nsteps0: steps first, then what they turn off.
 * Evaluating the whole tree costs tens of milliseconds, so while searching
 * only the lowering the steps do themselves is counted (a value set lower, a
 * choice taken from its holder); kc_plan_solve() then measures the final plan
 * exactly.
 */
static long
cost_since(struct kc_plan *p, size_t nsteps0, size_t nlowered0)
{
	return (long)(p->steps.n - nsteps0) * COST_STEP +
	       (long)(p->nlowered - nlowered0) * (p->opts.allow_off ? COST_OFF_ALLOWED : COST_OFF);
}

/* ---- steps --------------------------------------------------------------------- */

static const char *
reason_text(struct kc_plan *p, const struct plan_why *w)
{
	const char *f = w->for_sym && kc_sym_name(w->for_sym) ? kc_sym_name(w->for_sym) : "?";

	switch (w->rel) {
	case REL_REQUESTED:
		return "requested";
	case REL_DEPENDS:
		return kc_plan_strf(p, "%s depends on it", f);
	case REL_NEEDS_OFF:
		return kc_plan_strf(p, "%s needs it off (depends on !it or on a value it must not have)", f);
	case REL_SELECTS:
		return kc_plan_strf(p, "it selects %s", f);
	case REL_IMPLIES:
		return kc_plan_strf(p, "it implies %s", f);
	case REL_DEFAULT:
		return kc_plan_strf(p, "%s's default needs it", f);
	case REL_UNSELECT:
		return kc_plan_strf(p, "it selects %s, which must be lower", f);
	case REL_CHOICE:
		return kc_plan_strf(p, "takes its choice over from %s", f);
	case REL_MODULES:
		return kc_plan_strf(p, "%s can only be m with module support", f);
	case REL_RANGE:
		return kc_plan_strf(p, "selects the range that allows %s's value", f);
	}
	return "";
}

/* Set a user value and record it as a step; a dead end when the tree refuses
 * it or when it undoes a request that was met. */
static bool
do_set(struct kc_plan *p, struct kc_symbol *s, const char *v, const struct plan_why *w)
{
	const char *old = kc_sym_string(s);
	struct kc_plan_step *st;
	const struct plan_req *broken;
	struct kc_symbol *holder;
	enum kc_status rc;

	for (size_t i = 0; w->rel != REL_REQUESTED && i < p->avoid.n; i++)
		if (p->avoid.v[i] == s)
			return dead_end(p, "setting %s would turn something off", kc_sym_name(s));
	old = kc_arena_strdup(&p->arena, old);
	holder = kc_sym_choice(s) ? kc_choice_holder(kc_sym_choice(s)) : NULL;
	rc = kc_sym_set_string(s, v);
	if (rc != KC_OK)
		return dead_end(p, "%s cannot be set to %s: %s", kc_sym_name(s), v, kc_status_str(rc));
	st = kc_arena_alloc(&p->arena, sizeof(*st));
	st->sym = s;
	st->value = kc_arena_strdup(&p->arena, kc_sym_user_string(s) ? kc_sym_user_string(s) : v);
	st->old = old;
	st->reason = reason_text(p, w);
	st->for_sym = w->rel == REL_REQUESTED ? NULL : w->for_sym;
	kc_vec_push(&p->steps, st);
	if ((is_tri_type(s) && tri_of(st->value) < tri_of(old) && !kc_plan_is_requested_lower(p, s)) ||
	    (holder && holder != s && kc_sym_tristate(holder) != KC_Y &&
	     !kc_plan_is_requested_lower(p, holder)))
		p->nlowered++;
	broken = broken_request(p);
	if (broken && kc_sym_choice(s) && kc_sym_choice(s) == kc_sym_choice(broken->sym))
		return dead_end(p, "%s and %s are in the same choice \"%s\": only one can be y",
				broken->name, kc_sym_name(s), kc_menu_prompt(kc_sym_choice(s)) ?
				kc_menu_prompt(kc_sym_choice(s)) : "");
	if (broken)
		return dead_end(p, "setting %s=%s would undo the request %s=%s", kc_sym_name(s), v,
				broken->name, broken->value);
	return true;
}

/* ---- alternatives ---------------------------------------------------------------- */

typedef bool (*alt_fn)(struct kc_plan *p, void *arg, size_t i);

/*
 * Back to the checkpoint cp, which stays open: the tree through kc_rollback
 * (only what changed since is undone, see incr.c), the plan by its counts.
 */
static size_t
rewind_to(struct kc_plan *p, size_t cp, size_t nsteps, size_t nlowered)
{
	kc_rollback(p->tree, cp);
	p->steps.n = nsteps;
	p->nlowered = nlowered;
	return kc_checkpoint(p->tree);
}

/*
 * The state of an alternative tried earlier: the starting state plus its
 * steps, applied again in their order (every change the search makes is a
 * step, so this is the state it had).
 */
static void
redo_steps(struct kc_plan *p, const struct kc_vec *steps)
{
	size_t i;

	for (i = 0; i < steps->n; i++) {
		const struct kc_plan_step *st = steps->v[i];

		kc_sym_set_string(st->sym, st->value);
		kc_vec_push(&p->steps, (void *)st);
	}
}

/* Try alternatives 0..n-1 from the same state; keep the cheapest that works. */
static bool
best_of(struct kc_plan *p, size_t n, alt_fn fn, void *arg)
{
	size_t nsteps0 = p->steps.n, i, tried = 0, cp = kc_checkpoint(p->tree);
	size_t nlow0 = p->nlowered, best_low = 0;
	struct kc_vec best_steps = { 0 };
	long best_cost = 0, cost;
	bool best = false, best_now = false;	/* best_now: the tree is in the best's state */

	for (i = 0; i < n && tried < MAX_ALTS; i++) {
		if (i)
			cp = rewind_to(p, cp, nsteps0, nlow0);
		best_now = false;
		if (!fn(p, arg, i))
			continue;
		tried++;
		if (n == 1) {
			/* nothing to compare: no need to measure */
			kc_checkpoint_release(p->tree, cp);
			return true;
		}
		cost = cost_since(p, nsteps0, nlow0);
		if (best && cost >= best_cost)
			continue;
		best = best_now = true;
		best_cost = cost;
		best_low = p->nlowered;
		best_steps.n = 0;
		for (size_t k = nsteps0; k < p->steps.n; k++)
			kc_vec_push(&best_steps, p->steps.v[k]);
		if (cost <= COST_STEP || p->work > p->budget / 2)
			break;	/* one step and nothing off: cannot do better */
	}
	if (best && best_now) {
		kc_checkpoint_release(p->tree, cp);
	} else if (best) {
		kc_checkpoint_release(p->tree, rewind_to(p, cp, nsteps0, nlow0));
		redo_steps(p, &best_steps);
	} else {
		kc_rollback(p->tree, cp);
		p->steps.n = nsteps0;
		p->nlowered = nlow0;
	}
	if (best) {
		p->nlowered = best_low;
		p->fail = NULL;
	}
	kc_vec_free(&best_steps);
	return best;
}

/* ---- recursion guard --------------------------------------------------------------- */

static bool
enter(struct kc_plan *p, const struct kc_symbol *s, int dir)
{
	int i;

	if (++p->work > p->budget)
		return dead_end(p, "search budget exhausted");
	if (p->depth >= (int)(sizeof(p->stack) / sizeof(p->stack[0])))
		return dead_end(p, "dependency chain too deep at %s", kc_sym_name(s));
	for (i = 0; i < p->depth; i++)
		if (p->stack[i].sym == s && p->stack[i].dir == dir)
			return dead_end(p, "%s would need itself", kc_sym_name(s));
	p->stack[p->depth++] = (struct plan_frame){ s, dir };
	return true;
}

static void
leave(struct kc_plan *p)
{
	p->depth--;
}

/* ---- raising --------------------------------------------------------------------- */

struct sym_alt {
	struct kc_symbol *s;
	enum kc_tristate t;
	const struct plan_why *w;
	struct kc_vec alts;	/* what each alternative is: menus or props */
	bool by_prompt;
};

static enum kc_tristate
cond_threshold(struct kc_symbol *s, enum kc_tristate t)
{
	return is_bool(s) && t == KC_Y ? KC_M : t;
}

/* Lowest value >= t the user may give s, or -1. */
static int
pick_up(struct kc_symbol *s, enum kc_tristate t)
{
	unsigned mask = kc_sym_assignable(s);
	int v;

	for (v = t; v <= KC_Y; v++)
		if (mask & (1u << v))
			return v;
	return -1;
}

static bool
set_up(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	int v;

	if (kc_sym_tristate(s) >= t)
		return true;
	v = pick_up(s, t);
	if (v < 0 && !is_tri_type(s))	/* never "NR_CPUS cannot be set to m" */
		return dead_end(p, "%s (%s) has no y/m/n value to raise", kc_sym_name(s),
				kc_type_name(kc_sym_type(s)));
	if (v < 0)
		return dead_end(p, "%s cannot be set to %s here", kc_sym_name(s), tri_name[t]);
	return do_set(p, s, tri_name[v], w);
}

static bool
try_up(struct kc_plan *p, void *arg, size_t i)
{
	struct sym_alt *a = arg;
	struct plan_why dep = { REL_DEPENDS, a->s };
	struct kc_symbol *s = a->s;

	if (a->by_prompt) {
		struct kc_menu *m = a->alts.v[i];

		if (!raise_expr(p, kc_prop_cond(kc_menu_prompt_prop(m)), cond_threshold(s, a->t), &dep))
			return false;
		/* an int/hex/string only needs its prompt shown: set_value sets it */
		if (!is_tri_type(s))
			return kc_sym_visibility(s) != KC_N ||
			       dead_end(p, "%s's prompt stays hidden", kc_sym_name(s));
		return set_up(p, s, a->t, a->w);
	}
	{
		struct kc_prop *q = a->alts.v[i];
		enum kc_prop_type type = kc_prop_type(q);
		struct plan_why why = { type == KC_P_SELECT ? REL_SELECTS :
					type == KC_P_IMPLY ? REL_IMPLIES : REL_DEFAULT, s };

		if (type == KC_P_DEFAULT) {
			if (!raise_expr(p, kc_prop_cond(q), a->t, &why) ||
			    !raise_expr(p, kc_prop_expr(q), a->t, &why))
				return false;
		} else {
			/* no unmet dependencies: its own 'depends on' first */
			if (!raise_expr(p, kc_sym_dir_dep(s), cond_threshold(s, a->t), &dep) ||
			    !raise_sym(p, kc_prop_owner(q), a->t, &why) ||
			    !raise_expr(p, kc_prop_cond(q), a->t, &why))
				return false;
		}
	}
	if (kc_sym_tristate(s) < a->t)
		return dead_end(p, "%s stays %s", kc_sym_name(s), kc_sym_string(s));
	return true;
}

/* 'default y', 'default m', 'default "x"': a constant (left.sym of an
 * expression that is not a plain symbol is no symbol at all). */
static bool
const_default(const struct kc_prop *q)
{
	const struct kc_expr *e = kc_prop_expr(q);

	return kc_expr_type(e) == KC_E_SYMBOL && kc_sym_is_const(kc_expr_sym(e));
}

/* Promptless (or hidden) routes: defaults, then selectors and implies. Selectors
 * whose owner the user can already set are tried first. */
static void
collect_routes(struct kc_symbol *s, struct kc_vec *out)
{
	struct kc_prop *q;
	size_t i, pass, nsel = kc_sym_nselectors(s);

	for (q = kc_sym_props(s); q; q = kc_prop_next(q))
		if (kc_prop_type(q) == KC_P_DEFAULT && !const_default(q))
			kc_vec_push(out, q);
	/* a constant's value is fixed: y, m, n, and n for any other word */
	for (q = kc_sym_props(s); q; q = kc_prop_next(q))
		if (kc_prop_type(q) == KC_P_DEFAULT && const_default(q) &&
		    kc_sym_tristate(kc_expr_sym(kc_prop_expr(q))) != KC_N)
			kc_vec_push(out, q);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nsel; i++) {
			struct kc_prop *sel = kc_sym_selector(s, i);
			bool easy = kc_sym_assignable(kc_prop_owner(sel)) != 0;

			if ((pass == 0) == easy)
				kc_vec_push(out, sel);
		}
}

static bool
raise_routes(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t,
	     const struct plan_why *w, bool by_prompt)
{
	struct sym_alt a = { s, t, w, { 0 }, by_prompt };
	size_t i;
	bool ok;

	if (by_prompt) {
		for (i = 0; i < kc_sym_nmenus(s); i++) {
			struct kc_menu *m = kc_sym_menu(s, i);

			if (kc_menu_prompt(m))
				kc_vec_push(&a.alts, m);
		}
	} else {
		collect_routes(s, &a.alts);
	}
	ok = a.alts.n && best_of(p, a.alts.n, try_up, &a);
	if (!a.alts.n)
		dead_end(p, "%s has no prompt, and no default, select or imply that could set it",
			 kc_sym_name(s));
	kc_vec_free(&a.alts);
	return ok;
}

static bool
raise_choice(struct kc_plan *p, struct kc_symbol *s, const struct plan_why *w)
{
	if (kc_sym_visibility(s) == KC_N && !raise_routes(p, s, KC_M, w, true))
		return false;
	if (kc_sym_tristate(s) == KC_Y)
		return true;
	return do_set(p, s, "y", w);
}

static bool
raise_inner(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	if (kc_sym_choice(s))
		return raise_choice(p, s, w);
	if (pick_up(s, t) >= 0)
		return set_up(p, s, t, w);
	if (kc_sym_has_prompt(s) && raise_routes(p, s, t, w, true))
		return true;
	if (kc_sym_tristate(s) >= t)
		return true;
	return raise_routes(p, s, t, w, false);
}

static bool
raise_sym(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	bool ok;

	if (kc_sym_tristate(s) >= t)
		return true;
	if (kc_sym_is_const(s))
		return dead_end(p, "needs the constant %s to be %s", kc_sym_name(s), tri_name[t]);
	if (!kc_sym_defined(s))
		return dead_end(p, "%s is not defined for ARCH=%s (it exists on: %s)", kc_sym_name(s),
				kc_tree_arch(p->tree),
				*kc_explain_arches(kc_plan_explainer(p), kc_sym_name(s))
					? kc_explain_arches(kc_plan_explainer(p), kc_sym_name(s)) : "no arch");
	if (is_bool(s) && t == KC_M)
		t = KC_Y;
	if (!enter(p, s, DIR_UP))
		return false;
	ok = raise_inner(p, s, t, w);
	leave(p);
	if (ok && kc_sym_tristate(s) < t)
		return dead_end(p, "%s stays %s", kc_sym_name(s), kc_sym_string(s));
	return ok;
}

/* ---- lowering ---------------------------------------------------------------------- */

struct low_alt {
	struct kc_symbol *s;
	enum kc_tristate t;
	struct kc_vec alts;
	int kind;		/* 0 choice members, 1 selector props, 2 default/prompt routes */
	unsigned char how[16];	/* kind 2: 0 show the prompt, 1 the imply's owner,
				 * 2 the default's condition, 3 the default's value */
};

static bool
try_down(struct kc_plan *p, void *arg, size_t i)
{
	struct low_alt *a = arg;
	struct plan_why why = { REL_CHOICE, a->s };

	if (a->kind == 0)
		return raise_sym(p, a->alts.v[i], KC_Y, &why);
	if (a->kind == 1) {
		struct kc_prop *q = a->alts.v[0];
		struct plan_why uw = { REL_UNSELECT, a->s };

		return i == 0 ? lower_sym(p, kc_prop_owner(q), a->t, &uw)
			      : lower_expr(p, kc_prop_cond(q), a->t, &uw);
	}
	{
		struct kc_prop *q = a->alts.v[i];
		struct plan_why dw = { REL_NEEDS_OFF, a->s }, vw = { REL_DEPENDS, a->s };

		switch (a->how[i]) {
		case 0:
			return raise_expr(p, kc_prop_cond(q), KC_M, &vw);	/* the caller sets it */
		case 1:
			return lower_sym(p, kc_prop_owner(q), a->t, &dw);
		case 2:
			return lower_expr(p, kc_prop_cond(q), KC_N, &dw);
		default:
			return lower_expr(p, kc_prop_expr(q), a->t, &dw);
		}
	}
}

static void
low_route(struct low_alt *a, void *what, unsigned char how)
{
	if (a->alts.n >= sizeof(a->how))
		return;
	a->how[a->alts.n] = how;
	kc_vec_push(&a->alts, what);
}

static bool
lower_choice(struct kc_plan *p, struct kc_symbol *s, struct kc_menu *choice)
{
	struct low_alt a = { s, KC_N, { 0 }, 0, { 0 } };
	size_t i;
	bool ok;

	for (i = 0; i < kc_choice_nmembers(choice); i++) {
		struct kc_symbol *m = kc_choice_member(choice, i);

		if (m != s && kc_sym_visibility(m) != KC_N)
			kc_vec_push(&a.alts, m);
	}
	ok = a.alts.n && best_of(p, a.alts.n, try_down, &a);
	if (!a.alts.n)
		dead_end(p, "%s is the only visible member of its choice", kc_sym_name(s));
	kc_vec_free(&a.alts);
	return ok;
}

/* Every select of s stronger than t must stop: lower its owner or its condition. */
static bool
unselect(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t)
{
	size_t i, n = kc_sym_nselectors(s);

	for (i = 0; i < n; i++) {
		struct kc_prop *q = kc_sym_selector(s, i);
		struct low_alt a = { s, t, { 0 }, 1, { 0 } };
		bool ok;

		if (kc_prop_type(q) != KC_P_SELECT ||
		    tri_min(kc_sym_tristate(kc_prop_owner(q)), eval(p, kc_prop_cond(q))) <= t)
			continue;
		kc_vec_push(&a.alts, q);
		ok = best_of(p, kc_prop_cond(q) ? 2 : 1, try_down, &a);
		kc_vec_free(&a.alts);
		if (!ok)
			return false;
	}
	return true;
}

static int
pick_down(struct kc_symbol *s, enum kc_tristate t)
{
	unsigned mask = kc_sym_assignable(s);
	int v;

	for (v = t; v >= KC_N; v--)
		if (mask & (1u << v))
			return v;
	return -1;
}

static bool
set_down(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	int v;

	if (kc_sym_tristate(s) <= t)
		return true;
	v = pick_down(s, t);
	if (v < 0)
		return dead_end(p, "%s cannot be set to %s here", kc_sym_name(s), tri_name[t]);
	return do_set(p, s, tri_name[v], w);
}

/* A hidden symbol on by default or imply: show its prompt (then set it), or
 * take away what its default or imply needs. */
static bool
lower_hidden(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	struct low_alt a = { s, t, { 0 }, 2, { 0 } };
	struct kc_prop *q;
	size_t i;
	bool ok;

	for (i = 0; i < kc_sym_nmenus(s); i++) {
		struct kc_menu *m = kc_sym_menu(s, i);

		if (kc_menu_prompt(m))
			low_route(&a, kc_menu_prompt_prop(m), 0);
	}
	if (kc_sym_origin(s) == KC_FROM_IMPLY) {
		for (i = 0; i < kc_sym_nselectors(s); i++) {
			q = kc_sym_selector(s, i);
			if (kc_prop_type(q) == KC_P_IMPLY && kc_sym_tristate(kc_prop_owner(q)) > t)
				low_route(&a, q, 1);
		}
	} else {
		for (q = kc_sym_props(s); q; q = kc_prop_next(q))
			if (kc_prop_type(q) == KC_P_DEFAULT && eval(p, kc_prop_cond(q)) != KC_N) {
				if (kc_prop_cond(q))
					low_route(&a, q, 2);
				if (!const_default(q))
					low_route(&a, q, 3);
				break;
			}
	}
	ok = a.alts.n && best_of(p, a.alts.n, try_down, &a);
	kc_vec_free(&a.alts);
	if (!ok)
		return dead_end(p, "%s is on by %s and cannot be turned off", kc_sym_name(s),
				kc_origin_name(kc_sym_origin(s)));
	return kc_sym_tristate(s) <= t || set_down(p, s, t, w);
}

static bool
lower_inner(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	struct kc_menu *choice = kc_sym_choice(s);

	if (choice && kc_sym_tristate(s) == KC_Y)
		return lower_choice(p, s, choice);
	if (kc_sym_rev_dep_value(s) > t && !unselect(p, s, t))
		return false;
	if (kc_sym_tristate(s) <= t)
		return true;
	if (pick_down(s, t) >= 0)
		return set_down(p, s, t, w);
	return lower_hidden(p, s, t, w);
}

static bool
lower_sym(struct kc_plan *p, struct kc_symbol *s, enum kc_tristate t, const struct plan_why *w)
{
	bool ok;

	if (kc_sym_tristate(s) <= t)
		return true;
	if (kc_sym_is_const(s))
		return dead_end(p, "needs the constant %s to be %s", kc_sym_name(s), tri_name[t]);
	if (is_bool(s) && t == KC_M)
		t = KC_N;
	if (!enter(p, s, DIR_DOWN))
		return false;
	ok = lower_inner(p, s, t, w);
	leave(p);
	if (ok && kc_sym_tristate(s) > t)
		return dead_end(p, "%s stays %s", kc_sym_name(s), kc_sym_string(s));
	return ok;
}

/* ---- expressions -------------------------------------------------------------------- */

struct expr_alt {
	struct kc_vec terms;
	enum kc_tristate t;
	const struct plan_why *w;
	bool up;
};

static void
flatten(struct kc_expr *e, enum kc_expr_type type, struct kc_vec *out)
{
	if (kc_expr_type(e) == type) {
		flatten(kc_expr_left(e), type, out);
		flatten(kc_expr_right(e), type, out);
		return;
	}
	kc_vec_push(out, e);
}

static bool
try_term(struct kc_plan *p, void *arg, size_t i)
{
	struct expr_alt *a = arg;

	return a->up ? raise_expr(p, a->terms.v[i], a->t, a->w)
		     : lower_expr(p, a->terms.v[i], a->t, a->w);
}

/* One of the terms of an '||' (raising) or '&&' (lowering) is enough. */
static bool
any_term(struct kc_plan *p, struct kc_expr *e, enum kc_tristate t, const struct plan_why *w,
	 bool up)
{
	struct expr_alt a = { { 0 }, t, w, up };
	bool ok;

	flatten(e, kc_expr_type(e), &a.terms);
	ok = best_of(p, a.terms.n, try_term, &a);
	kc_vec_free(&a.terms);
	return ok;
}

/* The constants y, m and n: the only constants with a type (tristate); "0x10" or "foo" have none. */
static bool
is_tri_const(const struct kc_symbol *s)
{
	return kc_sym_is_const(s) && kc_sym_type(s) == KC_TRISTATE;
}

/* A bool/tristate symbol made equal (eq) or unequal to a constant value. */
static bool
tri_compare(struct kc_plan *p, struct kc_symbol *a, enum kc_tristate c, bool eq,
	    const struct plan_why *w)
{
	struct plan_why off = { REL_NEEDS_OFF, w->for_sym };
	enum kc_tristate v = kc_sym_tristate(a);

	if (eq)
		return v < c ? raise_sym(p, a, c, w) : lower_sym(p, a, c, &off);
	if (c == KC_N)
		return raise_sym(p, a, KC_M, w);
	if (c == KC_Y)
		return lower_sym(p, a, KC_M, &off);
	{
		size_t cp = kc_checkpoint(p->tree), n0 = p->steps.n, l0 = p->nlowered;
		bool ok = raise_sym(p, a, KC_Y, w);

		if (!ok) {
			cp = rewind_to(p, cp, n0, l0);
			ok = lower_sym(p, a, KC_N, &off);
		}
		kc_checkpoint_release(p->tree, cp);
		return ok;
	}
}

/* A comparison with an int/hex symbol on one side and a number on the other. */
static bool
num_compare(struct kc_plan *p, struct kc_expr *e, bool want_true, const struct plan_why *w)
{
	struct kc_symbol *a = kc_expr_sym(e), *b = kc_expr_sym2(e);
	enum kc_type ta = kc_sym_type(a);
	enum kc_expr_type type = kc_expr_type(e);
	long long n, v;
	char buf[64];

	if (kc_sym_is_const(a) && kc_sym_is_const(b))
		return dead_end(p, "%s compares constants: it is always %s", etext(p, e),
				want_true ? "false" : "true");
	if (!(ta == KC_INT || ta == KC_HEX) || kc_sym_defined(b) || kc_sym_type(b) != KC_UNKNOWN)
		return dead_end(p, "cannot make the comparison %s %s", etext(p, e),
				want_true ? "true" : "false");
	n = strtoll(kc_sym_name(b), NULL, ta == KC_HEX ? 16 : 10);
	if (!want_true)
		type = type == KC_E_EQUAL ? KC_E_UNEQUAL : type == KC_E_UNEQUAL ? KC_E_EQUAL :
		       type == KC_E_LTH ? KC_E_GEQ : type == KC_E_LEQ ? KC_E_GTH :
		       type == KC_E_GTH ? KC_E_LEQ : KC_E_LTH;
	v = type == KC_E_GTH || type == KC_E_UNEQUAL ? n + 1 : type == KC_E_LTH ? n - 1 : n;
	snprintf(buf, sizeof(buf), ta == KC_HEX ? "0x%llx" : "%lld", v);
	return set_value(p, a, buf, w);
}

static bool
compare(struct kc_plan *p, struct kc_expr *e, bool want_true, const struct plan_why *w)
{
	struct kc_symbol *a = kc_expr_sym(e), *b = kc_expr_sym2(e);
	enum kc_expr_type type = kc_expr_type(e);

	if ((type == KC_E_EQUAL || type == KC_E_UNEQUAL) && is_tri_const(b) && is_tri_type(a))
		return tri_compare(p, a, kc_sym_tristate(b), want_true == (type == KC_E_EQUAL), w);
	if ((type == KC_E_EQUAL || type == KC_E_UNEQUAL) && is_tri_const(a) && is_tri_type(b))
		return tri_compare(p, b, kc_sym_tristate(a), want_true == (type == KC_E_EQUAL), w);
	return num_compare(p, e, want_true, w);
}

static bool
raise_expr(struct kc_plan *p, struct kc_expr *e, enum kc_tristate t, const struct plan_why *w)
{
	if (eval(p, e) >= t)
		return true;
	switch (kc_expr_type(e)) {
	case KC_E_SYMBOL:
		return raise_sym(p, kc_expr_sym(e), t, w);
	case KC_E_AND:
		if (!raise_expr(p, kc_expr_left(e), t, w) || !raise_expr(p, kc_expr_right(e), t, w))
			return false;
		break;
	case KC_E_OR:
		if (!any_term(p, e, t, w, true))
			return false;
		break;
	case KC_E_NOT: {
		struct plan_why off = { REL_NEEDS_OFF, w->for_sym };

		if (!lower_expr(p, kc_expr_left(e), tri_not(t), &off))
			return false;
		break;
	}
	default:
		if (!compare(p, e, true, w))
			return false;
		break;
	}
	return eval(p, e) >= t ||
	       dead_end(p, "%s stays below %s", etext(p, e), tri_name[t]);
}

static bool
lower_expr(struct kc_plan *p, struct kc_expr *e, enum kc_tristate t, const struct plan_why *w)
{
	if (eval(p, e) <= t)
		return true;
	switch (kc_expr_type(e)) {
	case KC_E_SYMBOL:
		return lower_sym(p, kc_expr_sym(e), t, w);
	case KC_E_OR:
		if (!lower_expr(p, kc_expr_left(e), t, w) || !lower_expr(p, kc_expr_right(e), t, w))
			return false;
		break;
	case KC_E_AND:
		if (!any_term(p, e, t, w, false))
			return false;
		break;
	case KC_E_NOT: {
		struct plan_why up = { REL_DEPENDS, w->for_sym };

		if (!raise_expr(p, kc_expr_left(e), tri_not(t), &up))
			return false;
		break;
	}
	default:
		if (!compare(p, e, false, w))
			return false;
		break;
	}
	return eval(p, e) <= t ||
	       dead_end(p, "%s stays above %s", etext(p, e), tri_name[t]);
}

/* ---- int/hex/string values ------------------------------------------------------------ */

struct range_alt {
	struct kc_symbol *s;
	struct kc_vec props;	/* range props that would allow the value */
};

static bool
try_range(struct kc_plan *p, void *arg, size_t i)
{
	struct range_alt *a = arg;
	struct kc_prop *want = a->props.v[i], *q;
	struct plan_why rw = { REL_RANGE, a->s };

	/* the first range whose condition holds applies: open ours, close earlier ones */
	for (q = kc_sym_props(a->s); q && q != want; q = kc_prop_next(q))
		if (kc_prop_type(q) == KC_P_RANGE && !lower_expr(p, kc_prop_cond(q), KC_N, &rw))
			return false;
	return raise_expr(p, kc_prop_cond(want), KC_M, &rw);
}

/* Range bounds are often promptless int symbols with conditional defaults
 * (NR_CPUS_RANGE_END: 8192 if CPUMASK_OFFSTACK, else 512): give the bound a
 * default that lets x in, by opening its condition and closing the earlier ones. */
struct bound_alt {
	struct kc_symbol *s, *bound;
	struct kc_vec props;
};

static bool
try_bound(struct kc_plan *p, void *arg, size_t i)
{
	struct bound_alt *a = arg;
	struct kc_prop *want = a->props.v[i], *q;
	struct plan_why rw = { REL_RANGE, a->s };

	for (q = kc_sym_props(a->bound); q && q != want; q = kc_prop_next(q))
		if (kc_prop_type(q) == KC_P_DEFAULT && !lower_expr(p, kc_prop_cond(q), KC_N, &rw))
			return false;
	return raise_expr(p, kc_prop_cond(want), KC_M, &rw);
}

static bool
bound_fits(const struct kc_prop *q, long long x, bool upper, int base)
{
	const struct kc_expr *e = kc_prop_expr(q);
	struct kc_symbol *d = kc_expr_type(e) == KC_E_SYMBOL ? kc_expr_sym(e) : NULL;
	long long v;

	if (!d || kc_sym_defined(d))
		return false;	/* only literal defaults */
	v = strtoll(kc_sym_name(d), NULL, base);
	return upper ? x <= v : x >= v;
}

static bool
move_bounds(struct kc_plan *p, struct kc_symbol *s, long long x)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	struct kc_prop *r, *q;
	bool ok = false;

	for (r = kc_sym_props(s); r && !ok; r = kc_prop_next(r)) {
		long long lo, hi;
		struct bound_alt a = { s, NULL, { 0 } };
		struct kc_symbol *rlo, *rhi;

		if (kc_prop_type(r) != KC_P_RANGE || eval(p, kc_prop_cond(r)) == KC_N)
			continue;
		rlo = kc_expr_sym(kc_prop_expr(r));
		rhi = kc_expr_sym2(kc_prop_expr(r));
		lo = strtoll(kc_sym_string(rlo), NULL, base);
		hi = strtoll(kc_sym_string(rhi), NULL, base);
		a.bound = x > hi ? rhi : x < lo ? rlo : NULL;
		if (!a.bound || !kc_sym_defined(a.bound) || kc_sym_has_prompt(a.bound))
			break;
		for (q = kc_sym_props(a.bound); q; q = kc_prop_next(q))
			if (kc_prop_type(q) == KC_P_DEFAULT && bound_fits(q, x, x > hi, base))
				kc_vec_push(&a.props, q);
		ok = a.props.n && best_of(p, a.props.n, try_bound, &a);
		kc_vec_free(&a.props);
		break;	/* only the active range counts */
	}
	if (ok) {
		long long lo, hi;

		ok = !kc_sym_range(s, &lo, &hi) || (x >= lo && x <= hi);
	}
	return ok;
}

static bool
fit_range(struct kc_plan *p, struct kc_symbol *s, const char *v)
{
	enum kc_type type = kc_sym_type(s);
	int base = type == KC_HEX ? 16 : 10;
	long long x = strtoll(v, NULL, base), lo, hi;
	struct range_alt a = { s, { 0 } };
	struct kc_prop *q;
	bool ok;

	if ((type != KC_INT && type != KC_HEX) || !kc_sym_range(s, &lo, &hi) ||
	    (x >= lo && x <= hi))
		return true;
	for (q = kc_sym_props(s); q; q = kc_prop_next(q)) {
		if (kc_prop_type(q) != KC_P_RANGE)
			continue;
		lo = strtoll(kc_sym_string(kc_expr_sym(kc_prop_expr(q))), NULL, base);
		hi = strtoll(kc_sym_string(kc_expr_sym2(kc_prop_expr(q))), NULL, base);
		if (x >= lo && x <= hi)
			kc_vec_push(&a.props, q);
	}
	ok = a.props.n && best_of(p, a.props.n, try_range, &a);
	kc_vec_free(&a.props);
	if (!ok && !p->fail)
		ok = move_bounds(p, s, x);
	if (!ok)
		dead_end(p, "%s=%s is outside every range %s can have", kc_sym_name(s), v, kc_sym_name(s));
	return ok;
}

static bool
set_value_inner(struct kc_plan *p, struct kc_symbol *s, const char *v, const struct plan_why *w)
{
	if (!kc_sym_string_valid(s, v))
		return dead_end(p, "\"%s\" is not a valid %s value", v, kc_type_name(kc_sym_type(s)));
	if (kc_sym_visibility(s) == KC_N) {
		if (!kc_sym_has_prompt(s))
			return dead_end(p, "%s has no prompt: only its defaults give it a value",
					kc_sym_name(s));
		if (!raise_routes(p, s, KC_M, w, true))
			return false;
	}
	if (!fit_range(p, s, v))
		return false;
	return do_set(p, s, v, w);
}

static bool
set_value(struct kc_plan *p, struct kc_symbol *s, const char *v, const struct plan_why *w)
{
	struct plan_req probe = { s, kc_sym_name(s), v, KC_WANT_EXACT, 0, false, KC_N };
	bool ok;

	if (kc_plan_req_holds(&probe))
		return true;
	if (!kc_sym_defined(s))
		return dead_end(p, "%s is not defined for ARCH=%s", kc_sym_name(s), kc_tree_arch(p->tree));
	if (!enter(p, s, DIR_SET))
		return false;
	ok = set_value_inner(p, s, v, w);
	leave(p);
	return ok && (kc_plan_req_holds(&probe) ||
		      dead_end(p, "%s stays %s", kc_sym_name(s), kc_sym_string(s)));
}

/* ---- one request ------------------------------------------------------------------------ */

bool
kc_plan_achieve(struct kc_plan *p, const struct plan_req *r)
{
	struct plan_why w = { REL_REQUESTED, r->sym };
	struct kc_symbol *s = r->sym;

	p->depth = 0;
	if (!r->is_tri)
		return set_value(p, s, r->value, &w);
	if (r->tri == KC_M && r->want != KC_WANT_AT_LEAST && kc_sym_type(s) == KC_TRISTATE &&
	    is_bool(s) && kc_tree_modules_sym(p->tree)) {
		/* exactly m: only with module support */
		struct plan_why mw = { REL_MODULES, s };

		if (!raise_sym(p, kc_tree_modules_sym(p->tree), KC_Y, &mw))
			return false;
	}
	switch (r->want) {
	case KC_WANT_AT_LEAST:
		return raise_sym(p, s, r->tri, &w);
	case KC_WANT_AT_MOST:
		return lower_sym(p, s, r->tri, &w);
	default:
		break;
	}
	if (kc_sym_tristate(s) < r->tri && !raise_sym(p, s, r->tri, &w))
		return false;
	if (kc_sym_tristate(s) > r->tri && !lower_sym(p, s, r->tri, &w))
		return false;
	return kc_plan_req_holds(r) ||
	       dead_end(p, "%s ends up %s", kc_sym_name(s), kc_sym_string(s));
}
