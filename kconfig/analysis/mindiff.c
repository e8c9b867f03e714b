/* mindiff.c - the minimal assignments that turn a base config into a target config, proven by applying them. */
#include "config.h"

#include <kexplore/mindiff.h>

#include <kexplore/incr.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/cfgfile.h>
#include <kexplore/confmodes.h>

#include "util.h"

/*
 * How it works. The target is the tree's current .config text T. Every
 * evaluation does what conf does in a fresh process: choice priorities back
 * to definition order, read "base + lines" as one file, write the .config,
 * compare with T.
 *
 * 1. Rounds: start with no lines; while the result differs from T, add a
 *    line for every symbol that has a prompt, is written in T and whose
 *    .config line differs now. Changing one symbol moves others (selects,
 *    defaults, visibility), so this repeats until T comes out or no symbol
 *    is left to add. Only symbols with a prompt can take a user value; a
 *    symbol T does not write cannot be brought back by assigning it.
 * 2. Fallback (rarely needed): also add every candidate whose user value
 *    after the base is not its target value. All user values of T's
 *    visible symbols are then T's, which reproduces T whenever T is a
 *    stable config; otherwise KC_EINVAL.
 * 3. Greedy removal: drop each line whose absence still gives T, trying the
 *    "# CONFIG_X is not set" lines of choice members first (so that the
 *    chosen member's "=y" is what stays) and then from the end of the menu
 *    tree upwards (so that a symbol a later line selects or implies goes).
 *    Only lines that look removable are tried (selected, hidden, at their
 *    default...): with a distro config against defconfig most lines are
 *    needed and trying them here would double the work of step 4.
 * 4. Proof: every remaining line is removed alone once more; a line whose
 *    absence still gives T goes, and passes repeat until one drops none.
 *    At the end no single line can be dropped.
 *
 * Steps 3 and 4 try thousands of lines. Each try used to be a full
 * evaluation (read, write, compare: about 50 ms on x86_64 6.12); now, on
 * trees from 6.11 on, it is incremental (incr.c): from the state "base + the
 * lines in", the symbol's user value goes back to the base's (and its
 * choice's order to what the file would give), the symbols that read it are
 * recomputed as far as values change, each changed one is compared with T
 * and the first difference ends the try; a checkpoint takes it back. The result is checked once more by a full
 * evaluation at the end; should that ever fail, the search runs again the
 * old way. KEXPLORE_INCR_CHECK=1 compares every try with a full evaluation.
 *
 * Lines are written in menu order and a choice gets at most one "=y" line,
 * so the order of lines never decides a choice.
 */

struct md_slot {
	struct kc_symbol *sym;
	char *tval;		/* target value, NULL: not written in the target */
	char *bval;		/* value with the base alone, NULL: not written then */
	char *buser;		/* the base's user value, NULL: none */
	bool cand;		/* has a prompt and is written in the target */
	bool in;		/* currently one of the lines */
};

struct kc_mindiff {
	struct kc_tree *tree;
	char *base_name;
	char *target;
	size_t n;
	struct kc_mindiff_entry *e;
	size_t nconseq;
	struct kc_mindiff_stats st;
	char *base;		/* a copy, for kc_mindiff_check */
	size_t blen;
};

/* The choices whose priorities the lines decide (see order_init). */
struct md_order {
	size_t n;
	struct kc_menu **menus;
};

struct md_work {
	struct kc_tree *t;
	bool incremental;	/* tries through checkpoints (see above) */
	bool check;		/* KEXPLORE_INCR_CHECK: every try also the full way */
	struct md_slot **by_id;	/* slot of each symbol (index: id - 1) */
	struct kc_symbol ***base_order;	/* per order.menus: members after the base alone */
	const char *base_name;
	const char *base;
	size_t blen;
	const char *target;
	struct md_slot *slots;
	size_t nslots;
	size_t ndiags;		/* diagnostics to keep: later ones come from re-reading */
	struct md_order order;
	struct kc_choice_user *cusers;	/* before 6.11: each choice's user state after the base */
	bool legacy;			/* the tree is before 6.11 (kc_tree_legacy_choices) */
	size_t ncusers;
	struct kc_mindiff_stats st;
};

/* ---- engine helpers ------------------------------------------------------ */

/* Collect, in definition order, the members of one choice. */
static size_t
choice_members_in_order(struct kc_menu *choice, struct kc_symbol **out, size_t max)
{
	struct kc_menu *m;
	size_t n = 0, i;

	for (m = kc_menu_walk(choice, choice); m; m = kc_menu_walk(m, choice)) {
		struct kc_symbol *s = kc_menu_sym(m);

		if (!s || kc_sym_choice(s) != choice)
			continue;
		for (i = 0; i < n && out[i] != s; i++)
			;
		if (i < n)
			continue;
		if (n == max)
			return max + 1;
		out[n++] = s;
	}
	return n;
}

/*
 * The choices of two members or more whose members the menus list in full:
 * reading "base + lines" moves a member to the front of its choice's
 * priorities, so a try that drops a member's line gives the choice the order
 * the file would. Worked out once (walking the menus is not cheap). A fresh
 * conf process starts in definition order: kc_tree_reset_user() puts that back.
 */
static void
order_init(struct md_order *o, struct kc_tree *t)
{
	size_t i, nmenus = kc_tree_nmenus(t);

	o->n = 0;
	o->menus = kc_xcalloc(nmenus + 1, sizeof(*o->menus));
	for (i = 0; i < nmenus; i++) {
		struct kc_menu *m = kc_tree_menu_by_id(t, (unsigned)i);
		struct kc_symbol **order;
		size_t n;

		kc_choice_order(m, &n);
		if (n < 2)
			continue;
		order = kc_xmalloc(n * sizeof(*order));
		if (choice_members_in_order(m, order, n) == n)
			o->menus[o->n++] = m;
		free(order);
	}
}

static void
order_done(struct md_order *o)
{
	free(o->menus);
}

/*
 * Evaluation state. conf computes a symbol's 'visible' before its value and
 * its choice code reads the 'visible' of members it has not recomputed, so
 * a value can depend on what was computed before: in a dependency cycle
 * the previous result is seen. conf starts each run in a fresh process; to
 * give the same result every evaluation here starts from the computed
 * state of a freshly loaded tree (kc_tree_eval_reset), and the caller's
 * computed state is put back at the end exactly as it was
 * (kc_eval_state_restore), so a TUI sees no change.
 */

/*
 * A fresh conf process: no computed values, choices in definition order,
 * no user values (loading computes MODULES once without them).
 */
static void
fresh_process(struct kc_tree *t)
{
	kc_tree_eval_reset(t);
	kc_tree_reset_user(t);
}

static bool
has_prompt(const struct kc_symbol *s)
{
	struct kc_prop *p;

	/* 'config' prompts are KC_P_PROMPT, 'menuconfig' ones KC_P_MENU */
	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if (kc_prop_text(p))
			return true;
	return false;
}

/* The .config line of a symbol: NULL when not written, else its value. */
static char *
written_value(struct kc_symbol *s)
{
	return kc_sym_written(s) ? kc_xstrdup(kc_sym_string(s)) : NULL;
}

static bool
same_value(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* ---- lines as text --------------------------------------------------------- */

static bool
is_tristate_type(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* One assignment as conf writes it. */
static void
put_line(struct kc_buf *b, struct kc_symbol *s, const char *v)
{
	kc_put_assignment(b, s, v);
	kc_buf_putc(b, '\n');
}

/* ---- evaluation -------------------------------------------------------------- */

/* Does the tree as read now write T? */
static bool
md_compare(struct md_work *w)
{
	char *out = kc_config_str(w->t);
	bool same = !strcmp(out, w->target);

	free(out);
	kc_tree_trim_diags(w->t, w->ndiags);
	w->st.evals++;
	return same;
}

/* Read "base + the lines in" as conf would, and tell whether T comes out. */
static bool
md_eval(struct md_work *w)
{
	struct kc_buf b = { 0 };
	size_t i;

	kc_buf_add(&b, w->base, w->blen);
	if (w->blen && w->base[w->blen - 1] != '\n')
		kc_buf_putc(&b, '\n');
	for (i = 0; i < w->nslots; i++)
		if (w->slots[i].in)
			put_line(&b, w->slots[i].sym, w->slots[i].tval);
	/* a fresh process without first resetting the user values: the read
	 * resets them and the choices' orders */
	kc_tree_eval_reset(w->t);
	kc_config_read_buf(w->t, w->base_name, kc_buf_str(&b), b.len);
	kc_buf_free(&b);
	return md_compare(w);
}

/* ---- incremental tries ------------------------------------------------------------ */

/*
 * The choice's order as reading "base + lines" gives it: each assignment
 * moves to the front. NULL when the lines do not decide it. The caller frees.
 */
static int
slot_cmp(const void *a, const void *b)
{
	const struct md_slot *x = *(const struct md_slot *const *)a, *y = *(const struct md_slot *const *)b;

	return (x > y) - (x < y);
}

static struct kc_symbol **
incr_choice_order(struct md_work *w, struct kc_menu *choice)
{
	struct kc_symbol **order;
	struct md_slot **ins;
	size_t k, i, n, nin = 0;

	for (k = 0; k < w->order.n && w->order.menus[k] != choice; k++)
		;
	if (k == w->order.n)
		return NULL;	/* fewer than two members: no order to keep */
	kc_choice_order(choice, &n);
	order = kc_xmalloc(n * sizeof(*order));
	memcpy(order, w->base_order[k], n * sizeof(*order));
	/* the members' lines in, in line order (not a walk over every line: a try
	 * of a choice's line did that, thousands of lines each time) */
	ins = kc_xmalloc((n + 1) * sizeof(*ins));
	for (i = 0; i < n; i++) {
		unsigned id = kc_sym_id(order[i]);

		if (id && w->by_id[id - 1] && w->by_id[id - 1]->in)
			ins[nin++] = w->by_id[id - 1];
	}
	qsort(ins, nin, sizeof(*ins), slot_cmp);
	for (i = 0; i < nin; i++) {
		size_t j;

		for (j = 0; j < n && order[j] != ins[i]->sym; j++)
			;
		memmove(order + 1, order, j * sizeof(*order));
		order[0] = ins[i]->sym;
	}
	free(ins);
	return order;
}

static bool
same_written(struct kc_symbol *s, const char *want)
{
	return same_value(kc_sym_written(s) ? kc_sym_string(s) : NULL, want);
}

/*
 * The probe of an update: is a symbol whose value changed still T's line?
 * Before a try every symbol gives T's line, so the changed ones are all
 * there is to look at, and the first that differs ends the try. NULL: the
 * whole tree was recomputed (MODULES changed).
 */
static bool
probe_target(struct kc_symbol *s, void *arg)
{
	struct md_work *w = arg;
	struct md_slot *sl;
	size_t i;

	if (!s) {
		for (i = 0; i < w->nslots; i++)
			if (!same_written(w->slots[i].sym, w->slots[i].tval))
				return false;
		return true;
	}
	sl = w->by_id[kc_sym_id(s) - 1];
	return !sl || same_written(s, sl->tval);	/* without a slot: never written */
}

static enum kc_tristate
tri_value(const char *v)
{
	return v[0] == 'y' ? KC_Y : v[0] == 'm' ? KC_M : KC_N;
}

/*
 * Before 6.11: the user state of every choice as reading "base + lines in"
 * gives it, before evaluation. The choice of the line taken out: the base's
 * state, then each member line still in, in the order the lines are
 * written (what the legacy read does). The other choices: a choice that
 * took its user value away while computed had it as read (the try then
 * recomputes it as one evaluation of the read would).
 */
static void
legacy_choice_users(struct md_work *w, struct kc_symbol *changed)
{
	struct kc_symbol *cs = kc_sym_choice_sym(changed);
	size_t i;

	for (i = 0; i < w->ncusers; i++) {
		struct kc_choice_user c = w->cusers[i];
		size_t k;

		if (c.cs != cs) {
			if (kc_choice_user_lost(c.cs)) {
				struct kc_choice_user now;

				kc_choice_user_get(c.cs, &now);
				kc_choice_user_put(&now);
			}
			continue;
		}
		for (k = 0; k < w->nslots; k++) {
			struct md_slot *sl = &w->slots[k];
			enum kc_tristate v;

			if (!sl->in || kc_sym_choice_sym(sl->sym) != cs)
				continue;
			v = tri_value(sl->tval);
			if (v == KC_M && c.tri == KC_Y)
				c.set = false;
			else if (v == KC_Y)
				c.sel = sl->sym;
			c.tri = c.tri > v ? c.tri : v;
		}
		kc_choice_user_put(&c);
	}
}

/* Line i out, from the state "base + lines in", through a checkpoint. */
static bool
incr_try_drop(struct md_work *w, size_t i)
{
	struct md_slot *sl = &w->slots[i];
	struct kc_menu *choice = kc_sym_choice(sl->sym);
	size_t cp = kc_checkpoint(w->t);
	struct kc_symbol **order;
	bool same;

	kc_incr_set_probe(w->t, probe_target, w);
	sl->in = false;
	if (w->legacy)
		legacy_choice_users(w, sl->sym);
	order = choice && !w->legacy ? incr_choice_order(w, choice) : NULL;
	/* the base's user value (or none) and the choice's order, in one update:
	 * a member and its choice are recomputed together */
	kc_sym_put_user(sl->sym, sl->buser, order);
	free(order);
	same = !kc_incr_rejected(w->t);
	kc_incr_set_probe(w->t, NULL, NULL);
	if (same) {
		kc_checkpoint_release(w->t, cp);
	} else {
		kc_rollback(w->t, cp);
		sl->in = true;
	}
	kc_tree_trim_diags(w->t, w->ndiags);
	w->st.trials++;
	return same;
}

/* Debug: the try the full way too; a difference is an error diagnostic. */
static void
incr_cross_check(struct md_work *w, size_t i, bool same)
{
	bool kept = w->slots[i].in, full;

	w->slots[i].in = false;
	full = md_eval(w);
	w->slots[i].in = kept;
	if (kept)
		md_eval(w);	/* back to the state of the lines in */
	if (full == same)
		return;
	kc_diag_add(w->t, KC_ERROR, NULL, 0, 0,
		    "mindiff: the incremental try without %s differs from a full evaluation",
		    kc_sym_name(w->slots[i].sym));
	w->ndiags++;	/* keep it */
}

/* Without line i: does T still come out? Puts it back when not. */
static bool
md_try_drop(struct md_work *w, size_t i)
{
	bool same;

	if (w->incremental) {
		same = incr_try_drop(w, i);
		if (w->check)
			incr_cross_check(w, i, same);
		return same;
	}
	w->slots[i].in = false;
	if (md_eval(w))
		return true;
	w->slots[i].in = true;
	return false;
}


/* ---- the slots: named symbols in menu order, with their values ---------------------- */

struct ptrset {
	const void **v;
	size_t mask;
};

static bool
ptrset_add(struct ptrset *ps, const void *p)
{
	size_t h = ((uintptr_t)p >> 4) * 2654435761u;

	for (h &= ps->mask; ps->v[h]; h = (h + 1) & ps->mask)
		if (ps->v[h] == p)
			return false;
	ps->v[h] = p;
	return true;
}

static void
collect_slots(struct md_work *w)
{
	struct kc_tree *t = w->t;
	size_t cap = 64, n = kc_tree_nsyms(t);
	struct ptrset ps;
	struct kc_menu *m, *root = kc_tree_root(t);

	while (cap < 2 * n + 2)
		cap *= 2;
	ps.v = kc_xcalloc(cap, sizeof(*ps.v));
	ps.mask = cap - 1;
	w->slots = kc_xcalloc(n + 1, sizeof(*w->slots));
	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root)) {
		struct kc_symbol *s = kc_menu_sym(m);

		if (!s || !kc_sym_name(s) || kc_sym_type(s) == KC_UNKNOWN || w->nslots == n)
			continue;
		if (ptrset_add(&ps, s))
			w->slots[w->nslots++].sym = s;
	}
	free(ps.v);
}

/* Target values, from the tree as it is now. */
static void
record_target(struct md_work *w)
{
	size_t i;

	for (i = 0; i < w->nslots; i++) {
		struct md_slot *sl = &w->slots[i];

		sl->tval = written_value(sl->sym);
		sl->cand = sl->tval && has_prompt(sl->sym);
		w->st.candidates += sl->cand;
	}
}

/* Values with the base alone (the tree has just read it). */
static void
record_base(struct md_work *w)
{
	size_t i;

	for (i = 0; i < w->nslots; i++) {
		struct md_slot *sl = &w->slots[i];

		sl->bval = written_value(sl->sym);
		sl->buser = kc_sym_has_user_value(sl->sym) ? kc_xstrdup(kc_sym_user_string(sl->sym))
							     : NULL;
		w->st.differing += !same_value(sl->bval, sl->tval);
	}
}

/* ---- the search ------------------------------------------------------------------------ */

/* One round: add every candidate whose line differs now. Returns how many. */
static size_t
add_differing(struct md_work *w)
{
	size_t i, added = 0;

	for (i = 0; i < w->nslots; i++) {
		struct md_slot *sl = &w->slots[i];
		char *now;

		if (!sl->cand || sl->in)
			continue;
		now = written_value(sl->sym);
		if (!same_value(now, sl->tval)) {
			sl->in = true;
			added++;
		}
		free(now);
	}
	return added;
}

/* Fallback: every candidate whose user value after the base is not the target's. */
static void
add_user_differing(struct md_work *w)
{
	size_t i;

	for (i = 0; i < w->nslots; i++)
		w->slots[i].in = false;
	md_eval(w);	/* the base alone: its user values */
	for (i = 0; i < w->nslots; i++) {
		struct md_slot *sl = &w->slots[i];

		if (sl->cand && !same_value(kc_sym_user_string(sl->sym), sl->tval))
			sl->in = true;
	}
	w->st.fallback = true;
}

/* From the state base_warnings left: the base alone, read as in a fresh process. */
static bool
reach_target(struct md_work *w)
{
	if (md_compare(w)) {
		record_base(w);
		return true;
	}
	record_base(w);
	while (add_differing(w)) {
		w->st.rounds++;
		if (md_eval(w))
			return true;
	}
	add_user_differing(w);
	return md_eval(w);
}

static bool
is_choice_n(const struct md_slot *sl)
{
	return kc_sym_choice(sl->sym) && !strcmp(sl->tval, "n");
}

/*
 * A guess, in the state where every line is in: would the symbol keep its
 * target value without its line (user value back to the base's)? Only a
 * guess: the lines guessed necessary are not tried here, the proof tries
 * every line anyway, so a wrong guess costs time, never minimality.
 */
static bool
likely_removable(const struct md_slot *sl)
{
	struct kc_symbol *s = sl->sym;
	enum kc_tristate v;

	if (kc_sym_choice(s) || kc_sym_visibility(s) == KC_N)
		return true;
	if (!sl->buser)
		return same_value(kc_sym_string_default(s), sl->tval);
	if (!is_tristate_type(s))
		return !strcmp(sl->buser, sl->tval);
	v = tri_value(sl->buser);
	if (v < kc_sym_rev_dep_value(s))
		v = kc_sym_rev_dep_value(s);
	if (v > kc_sym_visibility(s) && v > kc_sym_rev_dep_value(s))
		v = kc_sym_visibility(s);
	return v == tri_value(sl->tval);
}

/*
 * Drop what can go, from the end of the menu tree up: a symbol that a later
 * line selects or implies goes before that line is tried. The "is not set"
 * lines of choice members go first, so that the chosen member's "=y" stays.
 */
static void
greedy_remove(struct md_work *w)
{
	bool *guess = kc_xcalloc(w->nslots + 1, sizeof(*guess));
	size_t i;

	/* the state with every line, for the guesses: reach_target's last evaluation */
	for (i = 0; i < w->nslots; i++)
		guess[i] = w->slots[i].in && likely_removable(&w->slots[i]);
	for (i = w->nslots; i-- > 0;)
		if (guess[i] && is_choice_n(&w->slots[i])) {
			md_try_drop(w, i);
			guess[i] = false;
		}
	for (i = w->nslots; i-- > 0;)
		if (guess[i])
			md_try_drop(w, i);
	free(guess);
}

/* Every line once more, until a whole pass drops none: then each is necessary. */
static void
prove_minimal(struct md_work *w)
{
	size_t i;
	bool dropped;

	do {
		dropped = false;
		for (i = 0; i < w->nslots; i++)
			if (w->slots[i].in && md_try_drop(w, i))
				dropped = true;
	} while (dropped);
	w->st.proven = true;
}

/* ---- result ------------------------------------------------------------------------------ */

static struct kc_mindiff *
make_result(struct md_work *w)
{
	struct kc_mindiff *d = kc_xcalloc(1, sizeof(*d));
	size_t i, n = 0;

	d->tree = w->t;
	d->base_name = kc_xstrdup(w->base_name);
	d->target = kc_xstrdup(w->target);
	d->base = kc_xstrndup(w->base, w->blen);
	d->blen = w->blen;
	d->st = w->st;
	for (i = 0; i < w->nslots; i++)
		n += w->slots[i].in;
	d->e = kc_xcalloc(n + 1, sizeof(*d->e));
	for (i = 0; i < w->nslots; i++) {
		struct md_slot *sl = &w->slots[i];

		if (!sl->in) {
			d->nconseq += !same_value(sl->bval, sl->tval);
			continue;
		}
		d->e[d->n].sym = sl->sym;
		d->e[d->n].value = kc_xstrdup(sl->tval);
		d->e[d->n].old = sl->bval ? kc_xstrdup(sl->bval) : NULL;
		d->n++;
	}
	return d;
}

static void
work_free(struct md_work *w)
{
	size_t i;

	for (i = 0; i < w->nslots; i++) {
		free(w->slots[i].tval);
		free(w->slots[i].bval);
		free(w->slots[i].buser);
	}
	free(w->slots);
	free(w->by_id);
	free(w->cusers);
	for (i = 0; w->base_order && i < w->order.n; i++)
		free(w->base_order[i]);
	free(w->base_order);
	order_done(&w->order);
}

/* Read the base once, keeping its warnings and the choice orders it gives. */
static void
base_warnings(struct md_work *w)
{
	size_t i;

	fresh_process(w->t);
	kc_config_read_buf(w->t, w->base_name, w->base, w->blen);
	w->ndiags = kc_tree_ndiags(w->t);
	if (w->legacy)
		w->cusers = kc_choice_users(w->t, false, &w->ncusers);
	w->base_order = kc_xcalloc(w->order.n + 1, sizeof(*w->base_order));
	for (i = 0; i < w->order.n; i++) {
		size_t n;
		struct kc_symbol *const *now = kc_choice_order(w->order.menus[i], &n);

		w->base_order[i] = kc_xmalloc(n * sizeof(*now));
		memcpy(w->base_order[i], now, n * sizeof(*now));
	}
}

static void
index_slots(struct md_work *w)
{
	size_t i;

	w->by_id = kc_xcalloc(kc_tree_nsyms_all(w->t) + 1, sizeof(*w->by_id));
	for (i = 0; i < w->nslots; i++)
		w->by_id[kc_sym_id(w->slots[i].sym) - 1] = &w->slots[i];
}

/*
 * Steps 3 and 4, incremental where the tree allows, then one full
 * evaluation of the result. Should it not give T (a fault of the
 * incremental engine), the steps run again from the same lines, the full way.
 */
static void
search(struct md_work *w)
{
	const char *env = getenv("KEXPLORE_INCR_CHECK");
	bool *in = kc_xcalloc(w->nslots + 1, sizeof(*in));
	size_t i;

	for (i = 0; i < w->nslots; i++)
		in[i] = w->slots[i].in;
	w->incremental = true;
	w->check = env && *env && strcmp(env, "0");
	greedy_remove(w);
	prove_minimal(w);
	w->incremental = false;
	if (w->st.trials && !md_eval(w)) {
		kc_diag_add(w->t, KC_WARNING, NULL, 0, 0,
			    "mindiff: the incremental search did not reproduce the target; "
			    "searching again with full evaluations");
		w->ndiags++;
		for (i = 0; i < w->nslots; i++)
			w->slots[i].in = in[i];
		greedy_remove(w);
		prove_minimal(w);
	}
	free(in);
}

/*
 * Before 6.11: the choices that took their user value away when last
 * computed (reading the target took it away while evaluating it once, and
 * conf writes that evaluation) get it back, with the value they had then
 * (taking it away leaves value and selection in place), for the target.
 */
static void
as_read(struct kc_tree *t, struct kc_choice_user *lost, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		kc_choice_user_put(&lost[i]);
	if (n)
		kc_choice_users_changed(t, lost, n);
	free(lost);
}

/*
 * When the target is not reached: whether it is a stable config at all
 * (reading its own .config gives it back). A stable target that lines
 * appended to the base cannot give is one the base keeps from: before 6.11
 * an optional choice the base sets stays set whatever is appended.
 */
static bool
target_stable(struct md_work *w)
{
	size_t nd = kc_tree_ndiags(w->t);
	char *again;
	bool same;

	kc_tree_eval_reset(w->t);
	kc_config_read_buf(w->t, "target", w->target, strlen(w->target));
	again = kc_config_str(w->t);
	same = !strcmp(again, w->target);
	free(again);
	kc_tree_trim_diags(w->t, nd);
	return same;
}

enum kc_status
kc_mindiff_compute(struct kc_tree *t, const char *base_name, const char *base, size_t len,
		   struct kc_mindiff **out)
{
	struct kc_user_state *orig = kc_user_state_save(t);
	struct kc_eval_state *vals = kc_eval_state_save(t);
	struct md_work w = { 0 };
	struct kc_choice_user *lost;
	enum kc_status st = KC_OK;
	size_t nlost;
	char *target;
	bool ok;

	w.t = t;
	w.legacy = kc_tree_legacy_choices(t);
	order_init(&w.order, t);
	collect_slots(&w);
	index_slots(&w);
	/* the target: what conf would write for these user values, in a fresh process */
	lost = kc_choice_users(t, true, &nlost);
	fresh_process(t);
	kc_user_state_restore(t, orig);
	as_read(t, lost, nlost);
	target = kc_config_str(t);
	record_target(&w);
	w.base_name = base_name;
	w.base = base;
	w.blen = len;
	w.target = target;
	base_warnings(&w);
	ok = reach_target(&w);
	if (ok)
		search(&w);
	else
		st = target_stable(&w) ? KC_ERANGE : KC_EINVAL;
	*out = ok ? make_result(&w) : NULL;
	work_free(&w);
	free(target);
	kc_user_state_restore(t, orig);
	kc_user_state_free(orig);
	kc_eval_state_restore(t, vals);
	kc_eval_state_free(vals);
	return ok ? KC_OK : st;
}

enum kc_status
kc_mindiff_compute_file(struct kc_tree *t, const char *path, struct kc_mindiff **out)
{
	struct kc_cfgfile f;
	enum kc_status st = kc_cfgfile_read(path, KC_CFG_TEXT, &f);

	*out = NULL;
	if (st != KC_OK) {
		kc_diag_add(t, KC_ERROR, path, 0, 0, "cannot read the base config: %s", f.error);
		kc_cfgfile_done(&f);
		return st == KC_ENOENT ? KC_ENOENT : KC_EIO;
	}
	st = kc_mindiff_compute(t, path, f.data, f.len, out);
	kc_cfgfile_done(&f);
	return st;
}

void
kc_mindiff_free(struct kc_mindiff *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		free((char *)d->e[i].value);
		free((char *)d->e[i].old);
	}
	free(d->e);
	free(d->base_name);
	free(d->target);
	free(d->base);
	free(d);
}

bool
kc_mindiff_incremental(const struct kc_tree *t)
{
	(void)t;	/* every generation: legacy choices are incremental too */
	return true;
}

size_t
kc_mindiff_count(const struct kc_mindiff *d)
{
	return d->n;
}

const struct kc_mindiff_entry *
kc_mindiff_entry(const struct kc_mindiff *d, size_t i)
{
	return i < d->n ? &d->e[i] : NULL;
}

const struct kc_mindiff_stats *
kc_mindiff_stats(const struct kc_mindiff *d)
{
	return &d->st;
}

const char *
kc_mindiff_base_name(const struct kc_mindiff *d)
{
	return d->base_name;
}

const char *
kc_mindiff_target(const struct kc_mindiff *d)
{
	return d->target;
}

size_t
kc_mindiff_nconsequences(const struct kc_mindiff *d)
{
	return d->nconseq;
}

bool
kc_mindiff_check(struct kc_tree *t, const struct kc_mindiff *d, const bool *keep)
{
	struct kc_user_state *orig = kc_user_state_save(t);
	struct kc_eval_state *vals = kc_eval_state_save(t);
	struct md_work w = { 0 };
	size_t i;
	bool same;

	w.t = t;
	w.legacy = kc_tree_legacy_choices(t);
	order_init(&w.order, t);
	w.base_name = d->base_name;
	w.base = d->base;
	w.blen = d->blen;
	w.target = d->target;
	w.ndiags = kc_tree_ndiags(t);
	w.slots = kc_xcalloc(d->n + 1, sizeof(*w.slots));
	w.nslots = d->n;
	for (i = 0; i < d->n; i++) {
		w.slots[i].sym = d->e[i].sym;
		w.slots[i].tval = (char *)d->e[i].value;
		w.slots[i].in = !keep || keep[i];
	}
	same = md_eval(&w);
	free(w.slots);
	order_done(&w.order);
	kc_user_state_restore(t, orig);
	kc_user_state_free(orig);
	kc_eval_state_restore(t, vals);
	kc_eval_state_free(vals);
	return same;
}

/* ---- output formats ---------------------------------------------------------------------- */

static void
put_title(struct kc_buf *b, const char *comment, const char *title, const struct kc_mindiff *d)
{
	kc_buf_puts(b, "");
	if (title)
		kc_buf_printf(b, "%s %s\n", comment, title);
	kc_buf_printf(b, "%s %zu option%s; minimal diff from %s, made by kexplore\n", comment, d->n,
		      d->n == 1 ? "" : "s", d->base_name);
}

char *
kc_mindiff_kconfig(const struct kc_mindiff *d, const char *title)
{
	struct kc_buf b = { 0 };
	size_t i;

	put_title(&b, "#", title, d);
	for (i = 0; i < d->n; i++)
		put_line(&b, d->e[i].sym, d->e[i].value);
	return kc_buf_steal(&b);
}

/* A Nix double-quoted string: \ " and ${ escaped. */
static void
put_nix_string(struct kc_buf *b, const char *v)
{
	kc_buf_putc(b, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\' || (*v == '$' && v[1] == '{'))
			kc_buf_putc(b, '\\');
		kc_buf_putc(b, *v);
	}
	kc_buf_putc(b, '"');
}

/* Nix identifiers start with a letter or _; 9P_FS must be quoted. */
static void
put_nix_name(struct kc_buf *b, const char *name)
{
	if ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z') ||
	    name[0] == '_')
		kc_buf_puts(b, name);
	else
		put_nix_string(b, name);
}

static void
put_nix_value(struct kc_buf *b, const struct kc_mindiff_entry *e)
{
	if (is_tristate_type(e->sym)) {
		kc_buf_puts(b, e->value[0] == 'y' ? "yes" : e->value[0] == 'm' ? "module" : "no");
		return;
	}
	/* generate-config.pl answers conf's prompt with the bare text and
	 * compares it with the .config value without its quotes */
	kc_buf_puts(b, "freeform ");
	put_nix_string(b, e->value);
}

char *
kc_mindiff_nix(const struct kc_mindiff *d, const char *title)
{
	struct kc_buf b = { 0 };
	size_t i;

	put_title(&b, "#", title, d);
	kc_buf_puts(&b, "# NixOS: boot.kernelPatches = [ { name = \"kexplore\"; patch = null;\n"
			"#   structuredExtraConfig = import ./THIS-FILE { inherit lib; }; } ];\n"
			"{ lib, ... }:\nwith lib.kernel;\n{\n");
	for (i = 0; i < d->n; i++) {
		kc_buf_puts(&b, "  ");
		put_nix_name(&b, kc_sym_name(d->e[i].sym));
		kc_buf_puts(&b, " = ");
		put_nix_value(&b, &d->e[i]);
		kc_buf_puts(&b, ";\n");
	}
	kc_buf_puts(&b, "}\n");
	return kc_buf_steal(&b);
}

static void
put_guix_entry(struct kc_buf *b, const struct kc_mindiff_entry *e, bool last)
{
	kc_buf_printf(b, "(\"CONFIG_%s\" . ", kc_sym_name(e->sym));
	if (is_tristate_type(e->sym))
		kc_buf_puts(b, e->value[0] == 'y' ? "#t" : e->value[0] == 'm' ? "m" : "#f");
	else	/* a Scheme string escapes \ and " as .config does */
		kc_buf_put_quoted(b, e->value);
	kc_buf_puts(b, last ? "))" : ")");
	if (kc_sym_type(e->sym) == KC_INT || kc_sym_type(e->sym) == KC_HEX)
		kc_buf_printf(b, " ; %s: Guix writes CONFIG_%s=\"%s\", which conf ignores",
			      kc_type_name(kc_sym_type(e->sym)), kc_sym_name(e->sym), e->value);
	kc_buf_putc(b, '\n');
}

char *
kc_mindiff_guix(const struct kc_mindiff *d, const char *title)
{
	struct kc_buf b = { 0 };
	size_t i;

	put_title(&b, ";;", title, d);
	kc_buf_puts(&b, ";; Guix: (make-linux-libre* ... #:extra-options (append THIS-LIST\n"
			";;   %default-extra-linux-options))\n");
	if (!d->n) {
		kc_buf_puts(&b, "'()\n");
		return kc_buf_steal(&b);
	}
	kc_buf_puts(&b, "`(");
	for (i = 0; i < d->n; i++) {
		if (i)
			kc_buf_puts(&b, "  ");
		put_guix_entry(&b, &d->e[i], i + 1 == d->n);
	}
	return kc_buf_steal(&b);
}

/* ---- changelog ----------------------------------------------------------------------------- */

/* The symbol's entry to show: the first one with a prompt. */
static struct kc_menu *
shown_menu(const struct kc_symbol *s)
{
	size_t i, n = kc_sym_nmenus(s);

	for (i = 0; i < n; i++)
		if (kc_menu_prompt(kc_sym_menu(s, i)))
			return kc_sym_menu(s, i);
	return n ? kc_sym_menu(s, 0) : NULL;
}

/*
 * "General setup > Preemption Model": the prompts of the enclosing menus,
 * choices and menuconfigs, the screens menuconfig shows; entries that are
 * only indented below a config they depend on are not screens.
 */
static char *
menu_path(struct kc_tree *t, const struct kc_symbol *s)
{
	struct kc_menu *m = shown_menu(s);
	char *path = kc_menu_path(m ? kc_menu_parent(m) : NULL, " > ", KC_PATH_SCREENS);

	if (*path)
		return path;
	free(path);
	return kc_xstrdup(kc_tree_mainmenu(t));
}

static void
put_human_value(struct kc_buf *b, const struct kc_symbol *s, const char *v)
{
	if (!v)
		kc_buf_puts(b, "(absent)");
	else if (kc_sym_type(s) == KC_STRING)
		kc_buf_put_quoted(b, v);
	else
		kc_buf_puts(b, v);
}

static void
put_change(struct kc_buf *b, const struct kc_mindiff_entry *e)
{
	struct kc_menu *m = shown_menu(e->sym);
	const char *prompt = m ? kc_menu_prompt(m) : NULL;

	kc_buf_printf(b, "  %s", kc_sym_name(e->sym));
	if (prompt)
		kc_buf_printf(b, " \"%s\"", prompt);
	kc_buf_puts(b, ": ");
	put_human_value(b, e->sym, e->old);
	kc_buf_puts(b, " -> ");
	put_human_value(b, e->sym, e->value);
	kc_buf_putc(b, '\n');
}

char *
kc_mindiff_changelog(const struct kc_mindiff *d, const char *title)
{
	struct kc_buf b = { 0 };
	char **paths = kc_xcalloc(d->n + 1, sizeof(*paths));
	bool *done = kc_xcalloc(d->n + 1, sizeof(*done));
	size_t i, j;

	kc_buf_printf(&b, "%s\n", title ? title : "Kernel configuration changes");
	kc_buf_printf(&b, "Base: %s\n%zu option%s set; %zu other option%s change as a consequence.\n",
		      d->base_name, d->n, d->n == 1 ? "" : "s", d->nconseq,
		      d->nconseq == 1 ? "" : "s");
	for (i = 0; i < d->n; i++)
		paths[i] = menu_path(d->tree, d->e[i].sym);
	/* groups in the order they first appear, lines in menu order within */
	for (i = 0; i < d->n; i++) {
		if (done[i])
			continue;
		kc_buf_printf(&b, "\n%s\n", paths[i]);
		for (j = i; j < d->n; j++) {
			if (done[j] || strcmp(paths[i], paths[j]))
				continue;
			put_change(&b, &d->e[j]);
			done[j] = true;
		}
	}
	for (i = 0; i < d->n; i++)
		free(paths[i]);
	free(paths);
	free(done);
	return kc_buf_steal(&b);
}

bool
kc_mindiff_format_parse(const char *name, enum kc_mindiff_format *f)
{
	static const char *const names[] = { "kconfig", "nix", "guix", "changelog" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*f = (enum kc_mindiff_format)i;
			return true;
		}
	return false;
}

char *
kc_mindiff_render(const struct kc_mindiff *d, enum kc_mindiff_format f, const char *title)
{
	switch (f) {
	case KC_MD_NIX:
		return kc_mindiff_nix(d, title);
	case KC_MD_GUIX:
		return kc_mindiff_guix(d, title);
	case KC_MD_CHANGELOG:
		return kc_mindiff_changelog(d, title);
	case KC_MD_KCONFIG:
	default:
		return kc_mindiff_kconfig(d, title);
	}
}
