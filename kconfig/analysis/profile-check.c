/* profile-check.c - compare a profile selection with a tree's values: met, met as module, missing, impossible. */
#include "config.h"

#include <kexplore/profile.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profile-private.h"

#define MASK(v) (1u << (v))

static const char *const state_names[] = {
#define KC_PROF_STATE_TEXT(name, text) text,
	KC_PROF_STATE_LIST(KC_PROF_STATE_TEXT)
#undef KC_PROF_STATE_TEXT
};

const char *
kc_prof_state_str(enum kc_prof_state st)
{
	return (unsigned)st <= KC_PROF_CONFLICT ? state_names[st] : "?";
}

/* ---- one requirement ---------------------------------------------------- */

struct result {
	enum kc_prof_state state;
	struct kc_buf reason;
	char *actual;
	struct kc_explain *why;
};

struct checker {
	struct kc_tree *tree;
	struct kc_explainer *ex;
};

/* The value to ask the explanation engine about, for a req that is not met. */
static const char *
explain_want(struct kc_tree *t, struct kc_symbol *s, const struct kc_profile_req *r)
{
	struct kc_symbol *mod = kc_tree_modules_sym(t);

	if (!r->accept)
		return r->value;
	if (r->accept != (MASK(KC_Y) | MASK(KC_M)))
		return r->value;
	if (kc_sym_type(s) == KC_TRISTATE && mod && kc_sym_tristate(mod) == KC_Y)
		return "m";
	return "y";
}

/* One line out of an explanation: its first-level causes, with where a user setting is. */
static void
summarize(struct kc_buf *b, const struct kc_explain *e)
{
	const struct kc_cause *root = kc_explain_root(e);
	size_t i;

	for (i = 0; i < root->nchildren; i++) {
		const struct kc_cause *c = root->children[i];

		if (i)
			kc_buf_puts(b, "; ");
		kc_buf_puts(b, c->text);
		if (c->kind == KC_CAUSE_USER && c->file)
			kc_buf_printf(b, " (%s:%d)", c->file, c->line);
	}
	if (!root->nchildren)
		kc_buf_puts(b, root->text);
}

/* Not met: missing or impossible, and why, from the explanation engine. */
static void
explain_gap(struct checker *ck, struct kc_symbol *s, const struct kc_profile_req *r,
	    struct result *res)
{
	res->why = kc_explain(ck->ex, s, explain_want(ck->tree, s, r));
	res->state = kc_explain_possible(res->why) ? KC_PROF_MISSING : KC_PROF_IMPOSSIBLE;
	summarize(&res->reason, res->why);
}

static void
check_tristate(struct checker *ck, struct kc_symbol *s, const struct kc_profile_req *r,
	       struct result *res)
{
	enum kc_tristate cur = kc_sym_tristate(s);

	if (r->accept & MASK(cur))
		res->state = cur == KC_M ? KC_PROF_MODULE : KC_PROF_MET;
	else
		explain_gap(ck, s, r, res);
}

/* int/hex compare by value, strings exactly. */
static bool
same_value(enum kc_type type, const char *a, const char *b)
{
	char *ea, *eb;

	if (type == KC_INT || type == KC_HEX) {
		long long x = strtoll(a, &ea, type == KC_HEX ? 16 : 10);
		long long y = strtoll(b, &eb, type == KC_HEX ? 16 : 10);

		return !*ea && !*eb && *a && *b && x == y;
	}
	return !strcmp(a, b);
}

static void
check_string(struct checker *ck, struct kc_symbol *s, const struct kc_profile_req *r,
	     struct result *res)
{
	enum kc_type type = kc_sym_type(s);

	res->actual = kc_xstrdup(kc_sym_written(s) ? kc_sym_string(s) : "");
	if (kc_sym_written(s) && same_value(type, kc_sym_string(s), r->value))
		res->state = KC_PROF_MET;
	else if (!kc_sym_written(s) && type == KC_STRING && !*r->value)
		res->state = KC_PROF_MET;	/* an absent string option is as good as "" */
	else
		explain_gap(ck, s, r, res);
}

static void
check_req(struct checker *ck, const struct kc_profile_req *r, struct result *res)
{
	struct kc_symbol *s = kc_sym_find(ck->tree, r->sym);
	enum kc_type type = s ? kc_sym_type(s) : KC_UNKNOWN;

	if (r->conflict) {
		res->state = KC_PROF_CONFLICT;
		kc_buf_puts(&res->reason, r->conflict);
	} else if ((!s || !kc_sym_defined(s)) && r->accept & MASK(KC_N)) {
		res->state = KC_PROF_MET;	/* not in this kernel, so off */
	} else if (!s) {
		res->state = KC_PROF_IMPOSSIBLE;
		kc_buf_printf(&res->reason, "CONFIG_%s is not a symbol of this tree", r->sym);
	} else if (r->accept && (type == KC_BOOL || type == KC_TRISTATE || !kc_sym_defined(s))) {
		check_tristate(ck, s, r, res);
	} else {
		check_string(ck, s, r, res);
	}
	if (!res->actual)
		res->actual = kc_xstrdup(s ? kc_sym_string(s) : "n");
}

/* ---- the whole selection ------------------------------------------------- */

void
kc_prof_checks_free(struct kc_profile_sel *sel)
{
	size_t i;

	for (i = 0; i < sel->nchecks; i++) {
		free(sel->reasons[i]);
		free(sel->actuals[i]);
		kc_explain_free((struct kc_explain *)sel->checks[i].why);
	}
	free(sel->reasons);
	free(sel->actuals);
	free(sel->checks);
	sel->reasons = sel->actuals = NULL;
	sel->checks = NULL;
	sel->nchecks = 0;
}

/* The explainer to use: the caller's, else one the selection keeps for @tree. */
static struct kc_explainer *
sel_explainer(struct kc_profile_sel *sel, struct kc_tree *tree, struct kc_explainer *ex)
{
	if (ex)
		return ex;
	if (sel->own_ex && sel->own_ex_tree != tree) {
		kc_explainer_free(sel->own_ex);
		sel->own_ex = NULL;
	}
	if (!sel->own_ex) {
		sel->own_ex = kc_explainer_new(tree);
		sel->own_ex_tree = tree;
	}
	return sel->own_ex;
}

bool
kc_profile_check(struct kc_profile_sel *sel, struct kc_tree *tree, struct kc_explainer *ex)
{
	struct checker ck = { tree, NULL };
	size_t i, n = sel->reqs.n;
	bool ok = true;

	kc_prof_checks_free(sel);
	ck.ex = sel_explainer(sel, tree, ex);
	sel->checks = kc_xcalloc(n + 1, sizeof(*sel->checks));
	sel->reasons = kc_xcalloc(n + 1, sizeof(char *));
	sel->actuals = kc_xcalloc(n + 1, sizeof(char *));
	sel->nchecks = n;
	for (i = 0; i < n; i++) {
		const struct kc_profile_req *r = sel->reqs.v[i];
		struct result res = { 0 };

		check_req(&ck, r, &res);
		sel->reasons[i] = res.reason.len ? kc_buf_steal(&res.reason) : NULL;
		kc_buf_free(&res.reason);
		sel->actuals[i] = res.actual;
		sel->checks[i].state = res.state;
		sel->checks[i].reason = sel->reasons[i];
		sel->checks[i].actual = sel->actuals[i];
		sel->checks[i].why = res.why;
		if (!r->recommended && res.state != KC_PROF_MET && res.state != KC_PROF_MODULE)
			ok = false;
	}
	return ok;
}

const struct kc_prof_check *
kc_profile_sel_check(const struct kc_profile_sel *sel, size_t i)
{
	return i < sel->nchecks ? &sel->checks[i] : NULL;
}

static bool
req_of(const struct kc_profile_req *r, const struct kc_profile *p)
{
	size_t i;

	for (i = 0; i < r->nitems; i++)
		if (r->items[i]->profile == p)
			return true;
	return false;
}

void
kc_profile_tally(const struct kc_profile_sel *sel, const struct kc_profile *p,
		 struct kc_profile_tally *t)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < sel->nchecks; i++) {
		const struct kc_profile_req *r = sel->reqs.v[i];

		if (p && !req_of(r, p))
			continue;
		if (r->recommended) {
			t->recommended++;
			t->rec_state[sel->checks[i].state]++;
		} else {
			t->required++;
			t->state[sel->checks[i].state]++;
		}
	}
}
