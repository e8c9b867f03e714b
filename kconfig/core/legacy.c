/* legacy.c - Kconfig semantics of kernels before 6.11, where a choice is a symbol with a value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "kexplore/incr.h"

/*
 * Linux 6.11 reworked choices: before it, a choice was a bool/tristate symbol
 * whose value says whether a member is chosen, the chosen member was the
 * choice's "value" (def[S_DEF_USER].val in conf), choices could be optional
 * or tristate, and reading a config gave every choice a user value. 6.1 also
 * gives int/hex symbols without a default the empty string, and drops user
 * values of int/hex outside their range instead of clamping them. This file
 * holds those rules as the choice operations of the pre-6.11 languages (lang.c).
 */

/* A choice without a type takes its first typed member's; untyped members take the choice's. */
static void
legacy_finalize_choice(struct kc_tree *t, struct kc_menu *parent)
{
	struct kc_symbol *cs = parent->sym;
	struct kc_menu *m;

	(void)t;
	if (cs->type == KC_UNKNOWN) {
		for (m = parent->list; m; m = m->next)
			if (m->sym && m->sym->type != KC_UNKNOWN) {
				cs->type = m->sym->type;
				break;
			}
	}
	for (m = parent->list; m; m = m->next)
		if (m->sym && m->sym->type == KC_UNKNOWN)
			m->sym->type = cs->type;
}

static void
legacy_register_member(struct kc_tree *t, struct kc_menu *choice, struct kc_menu *m)
{
	struct kc_symbol *cs = choice->sym, *s = m->sym;
	struct kc_prop *p;

	s->flags |= KC_SYM_CHOICEVAL;
	s->choice_sym = cs;
	if (choice->nmembers == choice->members_cap) {
		choice->members_cap = choice->members_cap ? choice->members_cap * 2 : 8;
		choice->members = kc_xrealloc(choice->members,
					      choice->members_cap * sizeof(*choice->members));
	}
	choice->members[choice->nmembers++] = s;
	if (!m->prompt)
		kc_diag_add(t, KC_WARNING, m->file, m->line, 0, "choice value must have a prompt");
	if (cs->type == KC_TRISTATE && s->type != KC_TRISTATE) {
		/* a bool member of a tristate choice needs the choice at y */
		struct kc_expr *base = kc_expr_alloc_comp(t, KC_E_EQUAL, cs, &t->sym_y);

		m->dep = kc_expr_and(t, base, m->dep);
		for (p = s->props; p; p = p->next)
			if (p->menu == m)
				p->cond = kc_expr_and(t, base, p->cond);
	}
}

static struct kc_menu *
choice_menu_of(const struct kc_symbol *cs)
{
	return cs->menus.n ? cs->menus.v[0] : NULL;
}

/* sym_calc_choice of 6.1: the user's choice if visible, else the default. */
static struct kc_symbol *
legacy_calc_choice(struct kc_symbol *cs)
{
	struct kc_menu *cm = choice_menu_of(cs);
	unsigned flags = cs->flags;
	struct kc_symbol *d;
	size_t i;

	for (i = 0; cm && i < cm->nmembers; i++) {
		struct kc_symbol *m = cm->members[i];

		kc_sym_calc_visibility(m);
		if (m->visible != KC_N)
			flags &= m->flags;
	}
	if (cs->flags & KC_SYM_DEF_USER && !(flags & KC_SYM_DEF_USER)) {
		/*
		 * conf takes the choice's user value away here, while computing it:
		 * this evaluation keeps the value it found, the next one (conf's
		 * next pass, the next change here) goes without. A user change
		 * made by evaluation: logged for rollbacks, and the mark tells
		 * incr.c that this choice is to be recomputed at the next change.
		 */
		kc_incr_user_will_change(cs);
		cs->flags &= ~KC_SYM_DEF_USER;
		cs->flags |= KC_SYM_LOST_USER;
	}
	d = cs->user_sel;
	if (d && d->visible != KC_N)
		return d;
	d = cm ? kc_choice_default(cm) : NULL;	/* knows the legacy member list */
	if (!d)
		cs->curr.tri = KC_N;
	return d;
}

static void
legacy_calc_tristate(struct kc_symbol *sym, struct kc_value *nv)
{
	struct kc_prop *p;

	if (kc_sym_is_choice_value(sym) && sym->visible == KC_Y) {
		kc_sym_calc(sym->choice_sym);
		nv->tri = sym->choice_sym->sel == sym ? KC_Y : KC_N;
		sym->origin = KC_FROM_CHOICE;
		goto out;
	}
	sym->origin = KC_FROM_NONE;
	if (sym->visible != KC_N && sym->flags & KC_SYM_DEF_USER) {
		nv->tri = kc_tri_and(sym->user.tri, sym->visible);
		sym->origin = KC_FROM_USER;
		goto calc_newval;
	}
	if (sym->rev_dep_tri != KC_N)
		sym->flags |= KC_SYM_WRITE;
	if (sym->name) {
		for (p = sym->props; p; p = p->next) {
			if (p->type != KC_P_DEFAULT)
				continue;
			p->cond_tri = kc_expr_calc(p->cond);
			if (p->cond_tri == KC_N)
				continue;
			nv->tri = kc_tri_and(kc_expr_calc(p->expr), p->cond_tri);
			if (nv->tri != KC_N) {
				sym->flags |= KC_SYM_WRITE;
				sym->origin = KC_FROM_DEFAULT;
			}
			break;
		}
		if (sym->implied_tri != KC_N) {
			enum kc_tristate before = nv->tri;

			sym->flags |= KC_SYM_WRITE;
			nv->tri = kc_tri_and(kc_tri_or(nv->tri, sym->implied_tri), sym->dir_dep_tri);
			if (nv->tri > before)
				sym->origin = KC_FROM_IMPLY;
		}
	}
calc_newval:
	if (sym->rev_dep_tri > nv->tri)
		sym->origin = KC_FROM_SELECT;
	nv->tri = kc_tri_or(nv->tri, sym->rev_dep_tri);
out:
	if (nv->tri == KC_M && kc_sym_get_type(sym) == KC_BOOL)
		nv->tri = KC_Y;
}

/*
 * After a symbol's value is set: a choice picks its member and never is written.
 * A written choice marks its visible members written. conf reads here the
 * members' visibility as it last computed it: when the choice is not y that
 * can be from before the last change, and the outcome would depend on the
 * order symbols are computed in. Computing it afresh gives what conf gives in
 * a fresh process (a member computed later sets its own mark by the same
 * visibility) and makes the result a function of the user values, which the
 * incremental evaluation needs.
 */
static void
legacy_after_calc(struct kc_symbol *sym)
{
	struct kc_menu *cm;
	size_t i;

	if (sym->name)
		return;
	sym->sel = NULL;
	sym->flags &= ~KC_SYM_LOST_USER;
	if (sym->curr.tri == KC_Y)
		sym->sel = legacy_calc_choice(sym);
	cm = choice_menu_of(sym);
	for (i = 0; cm && i < cm->nmembers && sym->flags & KC_SYM_WRITE; i++) {
		struct kc_symbol *m = cm->members[i];

		if (sym->curr.tri != KC_Y)
			kc_sym_calc_visibility(m);
		if (m->visible != KC_N)
			m->flags |= KC_SYM_WRITE;
	}
	sym->flags &= ~KC_SYM_WRITE;
}

static void
legacy_read_begin(struct kc_tree *t)
{
	size_t i;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if (s->name)
			continue;
		s->flags |= KC_SYM_DEF_USER;
		s->user.tri = KC_N;
		s->user_sel = NULL;
	}
	t->read_diag_mark = t->diags.n;
}

static void
legacy_read_assign(struct kc_symbol *s)
{
	struct kc_symbol *cs = s->choice_sym;

	if (!kc_sym_is_choice_value(s) || !cs)
		return;
	switch (s->user.tri) {
	case KC_N:
		break;
	case KC_M:
		if (cs->user.tri == KC_Y)
			cs->flags &= ~KC_SYM_DEF_USER;
		break;
	case KC_Y:
		cs->user_sel = s;
		break;
	}
	cs->user.tri = kc_tri_or(cs->user.tri, s->user.tri);
}

static bool
within_range(struct kc_symbol *s, const char *v)
{
	long long lo, hi, x;

	if (!kc_sym_str_valid(s->type, v))
		return false;
	if (s->type == KC_STRING || !kc_sym_range(s, &lo, &hi))
		return true;
	x = strtoll(v, NULL, s->type == KC_HEX ? 16 : 10);
	return x >= lo && x <= hi;
}

/*
 * The second half of 6.1's conf_read: evaluate everything once, then drop
 * values it considers stale. Evaluating once matters: computing a choice
 * takes away its user value when a visible member has none, and conf writes
 * the values of this first evaluation (it re-evaluates only when nothing
 * changed), so the tree is not invalidated again here.
 */
static void
legacy_read_end(struct kc_tree *t)
{
	size_t i, unsaved = 0, warnings = 0;

	kc_tree_invalidate(t);
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		bool has = s->flags & KC_SYM_DEF_USER;

		kc_sym_calc(s);
		if (!s->name || s->type == KC_UNKNOWN)
			continue;
		if (has && s->flags & KC_SYM_WRITE) {
			if ((s->type == KC_BOOL || s->type == KC_TRISTATE)
				    ? s->user.tri == s->curr.tri
				    : !strcmp(s->curr.val, s->user.val))
				continue;
		} else if (!has && !(s->flags & KC_SYM_WRITE)) {
			continue;
		}
		unsaved++;
	}
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if (!(s->flags & KC_SYM_DEF_USER) || kc_sym_is_choice_value(s))
			continue;
		if (s->visible == KC_N && !unsaved)
			s->flags &= ~KC_SYM_DEF_USER;
		if ((s->type == KC_INT || s->type == KC_HEX || s->type == KC_STRING) &&
		    s->flags & KC_SYM_DEF_USER && !within_range(s, s->user.val)) {
			s->flags &= ~KC_SYM_DEF_USER;
			s->valid = 0;	/* conf clears this one's SYMBOL_VALID only */
			unsaved++;
		}
	}
	for (i = t->read_diag_mark; i < t->diags.n; i++)
		if (((struct kc_diag *)t->diags.v[i])->level == KC_WARNING)
			warnings++;
	t->conf_changed = unsaved || warnings;
}

/* conf_set_all_new_symbols of 6.1: every bool/tristate without a value, then choices. */
static void
legacy_set_all_new(struct kc_tree *t, enum kc_allmode mode)
{
	size_t i;

	for (i = 0; i < t->all_syms.n && mode != KC_ALLDEF; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		enum kc_type type = kc_sym_get_type(s);

		if (s->flags & KC_SYM_DEF_USER || (type != KC_BOOL && type != KC_TRISTATE))
			continue;
		s->user.tri = mode == KC_ALLYES ? KC_Y : mode == KC_ALLMOD ? KC_M : KC_N;
		if (mode == KC_ALLNO && s->flags & KC_SYM_ALLNO_Y)
			s->user.tri = KC_Y;	/* 5.10's `option allnoconfig_y` */
		s->flags |= KC_SYM_DEF_USER;
	}
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *cs = t->all_syms.v[i];
		struct kc_menu *cm;
		size_t j;

		if (cs->name || cs->flags & KC_SYM_DEF_USER)
			continue;
		cm = choice_menu_of(cs);
		for (j = 0; cm && j < cm->nmembers; j++)
			if (!(cm->members[j]->flags & KC_SYM_DEF_USER))
				cm->members[j]->user.tri = KC_N;
		cs->flags |= KC_SYM_DEF_USER;
	}
	kc_tree_invalidate(t);
}

const struct kc_choice_ops kc_choice_value_ops = {
	.finalize_choice = legacy_finalize_choice,
	.register_member = legacy_register_member,
	.calc_tristate = legacy_calc_tristate,
	.after_calc = legacy_after_calc,
	.read_begin = legacy_read_begin,
	.read_assign = legacy_read_assign,
	.read_end = legacy_read_end,
	.set_all_new = legacy_set_all_new,
};

/* ---- a choice's user state, for tries that rebuild what a read gives (incr.h) ---- */

bool
kc_choice_user_lost(const struct kc_symbol *cs)
{
	return (cs->flags & (KC_SYM_LOST_USER | KC_SYM_DEF_USER)) == KC_SYM_LOST_USER;
}

void
kc_choice_user_get(struct kc_symbol *cs, struct kc_choice_user *out)
{
	out->cs = cs;
	out->set = cs->flags & (KC_SYM_DEF_USER | KC_SYM_LOST_USER);
	out->tri = cs->user.tri;
	out->sel = cs->user_sel;
}

struct kc_choice_user *
kc_choice_users(struct kc_tree *t, bool lost_only, size_t *n)
{
	struct kc_choice_user *v = NULL;
	size_t i;

	*n = 0;
	if (!t->lang->choice)
		return NULL;
	v = kc_xcalloc(t->all_syms.n + 1, sizeof(*v));
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *cs = t->all_syms.v[i];

		if (cs->name || !cs->menus.n || (lost_only && !kc_choice_user_lost(cs)))
			continue;
		kc_choice_user_get(cs, &v[(*n)++]);
	}
	return v;
}

void
kc_choice_user_put(const struct kc_choice_user *c)
{
	struct kc_symbol *cs = c->cs;
	bool set = cs->flags & KC_SYM_DEF_USER;

	if (set == c->set && cs->user.tri == c->tri && cs->user_sel == c->sel)
		return;
	kc_incr_user_will_change(cs);
	cs->flags = (cs->flags & ~KC_SYM_DEF_USER) | (c->set ? KC_SYM_DEF_USER : 0);
	cs->user.tri = c->tri;
	cs->user_sel = c->sel;
}

void
kc_choice_users_changed(struct kc_tree *t, const struct kc_choice_user *c, size_t n)
{
	struct kc_symbol **syms = kc_xcalloc(n + 1, sizeof(*syms));
	size_t i;

	for (i = 0; i < n; i++)
		syms[i] = c[i].cs;
	kc_incr_changed_many(t, syms, n);
	free(syms);
}

struct kc_symbol *
kc_sym_choice_sym(const struct kc_symbol *sym)
{
	return kc_sym_is_choice_value(sym) ? sym->choice_sym : NULL;
}
