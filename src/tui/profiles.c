/* profiles.c - the baseline profiles (kexplore/profile.h): how much of each
 * one the config meets, the items of one with their state and reason, and
 * applying one through the planner after a preview of every change. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/plan.h>
#include <kexplore/profile.h>

#ifndef KX_PROFILE_DIR
#define KX_PROFILE_DIR "/usr/local/share/kexplore/profiles"
#endif

struct profiles_view {
	struct text text;
	struct kc_profile_set *set;
	struct kc_profile *detail;	/* the profile whose items are shown; NULL: the list */
	size_t list_pos;		/* the list's cursor, to come back to */
	size_t nerrors;			/* profiles that could not be read */
};

static struct profiles_view *
pf_of(struct view *v)
{
	return v->priv;
}

/* select_one - @name and what it requires, checked against the current values. */
static struct kc_profile_sel *
select_one(struct view *v, const char *name)
{
	struct kc_tree *tree = v->tui->tree;
	struct kc_profile_sel *sel = NULL;

	kc_profile_select(pf_of(v)->set, &name, 1, kc_tree_kernelversion(tree),
			  kc_tree_srcarch(tree), &sel);
	kc_profile_set_clear_diags(pf_of(v)->set);
	kc_profile_check(sel, tree, why_explainer(v->tui));
	return sel;
}

/* want - what an item asks for: "y", "y/m", "n", a value, "\"\"" when empty. */
static void
want(const struct kc_profile_req *r, struct sbuf *out)
{
	if (r->accept == (1u << KC_Y | 1u << KC_M))
		sbuf_puts(out, "y/m");
	else if (r->accept || *r->value)
		sbuf_puts(out, r->value);
	else
		sbuf_puts(out, "\"\"");
}

static void
list_lines(struct view *v)
{
	struct profiles_view *pf = pf_of(v);
	struct kc_profile_tally t;
	struct kc_profile_sel *sel;
	struct kc_profile *p;
	struct text_line *l;
	size_t i, n = kc_profile_count(pf->set);

	text_addf(&pf->text, NULL, ROLE_HEADING, "%-18s %-11s %s", "Profile", "Met/needed",
		  "Description");
	for (i = 0; i < n; i++) {
		p = kc_profile_at(pf->set, i);
		sel = select_one(v, kc_profile_name(p));
		kc_profile_tally(sel, NULL, &t);
		l = text_addf(&pf->text, NULL, ROLE_NORMAL, "%-18s %4zu/%-4zu   %s", kc_profile_name(p),
			      t.state[KC_PROF_MET] + t.state[KC_PROF_MODULE], t.required,
			      kc_profile_description(p));
		l->data = p;
		kc_profile_sel_free(sel);
	}
	if (!n)
		text_addf(&pf->text, NULL, ROLE_DIM, "No profiles found: they are read from "
			  "$KEXPLORE_PROFILE_PATH, else %s and ~/.config/kexplore/profiles, "
			  "then -P folders.", v->tui->opts->profile_datadir ?
			  v->tui->opts->profile_datadir : KX_PROFILE_DIR);
	if (pf->nerrors)
		text_addf(&pf->text, NULL, ROLE_ERROR, "%zu profile file%s had errors "
			  "(kexplore profile list says which)", pf->nerrors, pf->nerrors == 1 ? "" : "s");
}

static void
item_lines(struct view *v, struct kc_profile_sel *sel, size_t i)
{
	const struct kc_profile_req *r = kc_profile_sel_req(sel, i);
	const struct kc_prof_check *k = kc_profile_sel_check(sel, i);
	struct text *t = &pf_of(v)->text;
	struct sbuf w = { 0 };
	struct text_line *l;
	bool met = k->state == KC_PROF_MET || k->state == KC_PROF_MODULE;

	want(r, &w);
	l = text_addf(t, v->tui->tree, met ? ROLE_NORMAL : r->recommended ? ROLE_DIM : ROLE_ERROR,
		      "  %-14s %-26s %-5s wants %s%s", kc_prof_state_str(k->state), r->sym,
		      *k->actual ? k->actual : "\"\"", sbuf_str(&w),
		      r->recommended ? " (recommended)" : "");
	l->sym = kc_sym_find(v->tui->tree, r->sym);
	if (k->reason) {
		l = text_addf(t, v->tui->tree, ROLE_DIM, "%17s%s", "", k->reason);
		l->sym = kc_sym_find(v->tui->tree, r->sym);
	}
	sbuf_done(&w);
}

static void
detail_lines(struct view *v)
{
	struct profiles_view *pf = pf_of(v);
	struct kc_profile_sel *sel = select_one(v, kc_profile_name(pf->detail));
	const struct kc_profile *p;
	struct kc_profile_tally t;
	size_t i, j;

	for (i = 0; i < kc_profile_sel_nprofiles(sel); i++) {
		p = kc_profile_sel_profile(sel, i);
		text_addf(&pf->text, NULL, ROLE_HEADING, "profile %s: %s", kc_profile_name(p),
			  kc_profile_description(p));
		for (j = 0; j < kc_profile_sel_nreqs(sel); j++)
			if (kc_profile_sel_req(sel, j)->items[0]->profile == p)
				item_lines(v, sel, j);
	}
	kc_profile_tally(sel, NULL, &t);
	text_addf(&pf->text, NULL, ROLE_HEADING, "%zu of %zu required items met%s",
		  t.state[KC_PROF_MET] + t.state[KC_PROF_MODULE], t.required,
		  t.state[KC_PROF_IMPOSSIBLE] ? "; some are impossible here" : "");
	kc_profile_sel_free(sel);
}

static void
profiles_reload(struct view *v)
{
	struct profiles_view *pf = pf_of(v);
	size_t pos = v->pos;

	text_clear(&pf->text);
	pf->text.width = v->width - 2;
	if (pf->detail)
		detail_lines(v);
	else
		list_lines(v);
	v->lines = pf->text.n;
	view_set_pos(v, pos);
}

static void
profiles_open(struct view *v, void *arg)
{
	struct profiles_view *pf = pf_of(v);
	size_t i;

	(void)arg;
	pf->set = kc_profile_set_new();
	kc_profile_set_add_search_path(pf->set, v->tui->opts->profile_datadir ?
				       v->tui->opts->profile_datadir : KX_PROFILE_DIR);
	for (i = 0; i < v->tui->opts->nprofile_dirs; i++)
		kc_profile_set_add_dir(pf->set, v->tui->opts->profile_dirs[i]);
	for (i = 0; i < kc_profile_set_ndiags(pf->set); i++)
		pf->nerrors += kc_profile_set_diag(pf->set, i)->level == KC_ERROR;
	kc_profile_set_clear_diags(pf->set);
	profiles_reload(v);
	view_set_pos(v, 1);
}

static void
profiles_done(struct view *v)
{
	struct profiles_view *pf = pf_of(v);

	text_done(&pf->text);
	kc_profile_set_free(pf->set);
}

static void
profiles_title(struct view *v, struct sbuf *out)
{
	struct profiles_view *pf = pf_of(v);

	if (pf->detail)
		sbuf_printf(out, "Profile %s", kc_profile_name(pf->detail));
	else
		sbuf_printf(out, "Profiles: how much of each the config meets");
}

static bool
profiles_footer(struct view *v, struct sbuf *out)
{
	if (pf_of(v)->detail)
		sbuf_puts(out, "a: apply it (the plan first)   <Enter>: go to the entry   <Esc>: back");
	else
		sbuf_puts(out, "<Enter>: its items   a: apply it (the plan first)   <Esc>: back");
	return true;
}

static void
profiles_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&pf_of(v)->text, lineno, y, x, width, selected);
}

/* first_conflict - a required item the profiles disagree on, or NULL. */
static const struct kc_profile_req *
first_conflict(struct kc_profile_sel *sel)
{
	size_t i;

	for (i = 0; i < kc_profile_sel_nreqs(sel); i++)
		if (kc_profile_sel_req(sel, i)->conflict && !kc_profile_sel_req(sel, i)->recommended)
			return kc_profile_sel_req(sel, i);
	return NULL;
}

/* apply - every unmet item of the profile in one plan, shown before it is applied. */
static void
apply(struct view *v, struct kc_profile *p)
{
	struct kc_profile_sel *sel;
	const struct kc_profile_req *c;
	struct kc_plan *plan;
	char *title, *what;

	if (!p) {
		tui_message(v->tui, "No profile on this line");
		return;
	}
	sel = select_one(v, kc_profile_name(p));
	if ((c = first_conflict(sel))) {
		tui_error(v->tui, "%s cannot be applied: CONFIG_%s: %s", kc_profile_name(p), c->sym,
			  c->conflict);
		kc_profile_sel_free(sel);
		return;
	}
	plan = kc_profile_plan(sel, v->tui->tree, false);
	kc_profile_sel_free(sel);
	title = xasprintf("Apply profile %s: the plan", kc_profile_name(p));
	what = xasprintf("profile %s", kc_profile_name(p));
	plan_offer_plan(v->tui, plan, title, what);
	free(title);
	free(what);
}

static unsigned
profiles_request(struct view *v, enum request req, int key)
{
	struct profiles_view *pf = pf_of(v);
	struct kc_profile *p = pf->detail ? pf->detail : text_data(v, &pf->text);

	(void)key;
	switch (req) {
	case REQ_APPLY:
		apply(v, p);
		return 0;
	case REQ_ENTER:
		if (pf->detail) {
			text_jump(v->tui, text_symbol(v, &pf->text));
			return 0;
		}
		if (!p)
			return 0;
		pf->detail = p;
		pf->list_pos = v->pos;
		v->pos = v->offset = 0;
		profiles_reload(v);
		return 0;
	case REQ_BACK:
		if (!pf->detail)
			return R_UNHANDLED;
		pf->detail = NULL;
		v->pos = v->offset = 0;
		profiles_reload(v);
		view_set_pos(v, pf->list_pos);
		return 0;
	default:
		return text_request(v, &pf->text, req);
	}
}

static struct kc_symbol *
profiles_symbol(struct view *v)
{
	return pf_of(v)->detail ? text_symbol(v, &pf_of(v)->text) : NULL;
}

const struct view_ops profiles_view_ops = {
	.name = "profiles",
	.scope = SCOPE_PROFILES,
	.private_size = sizeof(struct profiles_view),
	.open = profiles_open,
	.done = profiles_done,
	.reload = profiles_reload,
	.title = profiles_title,
	.draw_line = profiles_draw_line,
	.request = profiles_request,
	.footer = profiles_footer,
	.symbol = profiles_symbol,
};
