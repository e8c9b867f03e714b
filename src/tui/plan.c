/* plan.c - the planner's answer (kexplore/plan.h) as a view: the fewest
 * settings in order with their reasons, every value that changes, what is
 * turned off, and applying it on request. Symbol names are links. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/plan.h>

struct plan_view {
	struct text text;
	struct kc_plan *plan;
	enum kc_plan_status st;
	struct kc_symbol *sym;	/* a plan for one symbol: y/m/n plan again */
	char *title;
	char *what;		/* names the plan in messages */
};

struct plan_args {
	struct kc_plan *plan;
	enum kc_plan_status st;
	struct kc_symbol *sym;
	const char *title, *what;
};

static struct plan_view *
pv_of(struct view *v)
{
	return v->priv;
}

static bool
is_tri(struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* shown - a value as the plan view prints it: "" for an empty string. */
static const char *
shown(const char *v)
{
	return v && *v ? v : "\"\"";
}

/* assignment - "PCI=y", "NAME=\"text\"" for a string. */
static void
assignment(struct kc_symbol *s, const char *v, struct sbuf *out)
{
	if (kc_sym_type(s) == KC_STRING)
		sbuf_printf(out, "%s=\"%s\"", kc_sym_name(s), v);
	else
		sbuf_printf(out, "%s=%s", kc_sym_name(s), v);
}

/* name_column - columns for names in a list: the longest (at least @min),
 * while that leaves two fifths of the view for the rest. */
static int
name_column(struct view *v, int longest, int min)
{
	int max = v->width * 3 / 5;

	if (longest > max)
		longest = max;
	if (min > max)
		min = max;
	return longest > min ? longest : min;
}

static int
steps_column(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	size_t i, n = kc_plan_nsteps(pv->plan);
	struct sbuf a = { 0 };
	int w = 0;

	for (i = 0; i < n; i++) {
		sbuf_reset(&a);
		assignment(kc_plan_step(pv->plan, i)->sym, kc_plan_step(pv->plan, i)->value, &a);
		if ((int)utf8_width(sbuf_str(&a), a.len) > w)
			w = utf8_width(sbuf_str(&a), a.len);
	}
	sbuf_done(&a);
	return name_column(v, w, 22);
}

static void
add_steps(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	struct kc_tree *tree = v->tui->tree;
	size_t i, n = kc_plan_nsteps(pv->plan);
	struct sbuf a = { 0 }, line = { 0 };
	int w = steps_column(v);

	if (!n) {
		if (!kc_plan_nfailures(pv->plan))
			text_add(&pv->text, NULL, ROLE_HEADING,
				 "Nothing to do: every request holds already.");
		return;
	}
	text_addf(&pv->text, NULL, ROLE_HEADING, "%zu setting%s to make, in this order:", n,
		  n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const struct kc_plan_step *st = kc_plan_step(pv->plan, i);
		struct text_line *l;

		sbuf_reset(&a);
		sbuf_reset(&line);
		assignment(st->sym, st->value, &a);
		sbuf_printf(&line, "%3zu. %-*s (was %s) %s", i + 1, w, sbuf_str(&a),
			    shown(st->old), st->reason);
		/* a longer name pushes its own line only; wrapped rows start under the names */
		l = text_add_hang(&pv->text, tree, ROLE_NORMAL, sbuf_str(&line), 5);
		l->sym = st->sym;
	}
	sbuf_done(&a);
	sbuf_done(&line);
}

static void
add_changes(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	size_t i, n = kc_plan_nchanges(pv->plan), off = kc_plan_noff(pv->plan);

	int w = 0;

	if (!n)
		return;
	for (i = 0; i < n; i++)
		if ((int)strlen(kc_sym_name(kc_plan_change(pv->plan, i)->sym)) > w)
			w = (int)strlen(kc_sym_name(kc_plan_change(pv->plan, i)->sym));
	w = name_column(v, w, 27);
	text_addf(&pv->text, NULL, ROLE_HEADING, "Values that change (%zu):", n);
	for (i = 0; i < n; i++) {
		const struct kc_plan_change *c = kc_plan_change(pv->plan, i);
		struct text_line *l;

		l = text_addf(&pv->text, v->tui->tree, c->off ? ROLE_ERROR : ROLE_NORMAL,
			      "     %-*s %s -> %s%s", w, kc_sym_name(c->sym), shown(c->old),
			      shown(c->new), c->off ? "   OFF" : c->step ? "   (set)" : "");
		l->sym = c->sym;
	}
	if (off)
		text_addf(&pv->text, NULL, ROLE_ERROR,
			  "%zu value%s turned off or lowered (OFF): applying asks first.", off,
			  off == 1 ? " is" : "s are");
	else
		text_add(&pv->text, NULL, ROLE_NORMAL, "Nothing that is on gets turned off.");
}

static void
add_explanation(struct view *v, const struct kc_explain *why)
{
	char *t = kc_explain_text(why), *line, *save = NULL;

	for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		text_addf(&pv_of(v)->text, v->tui->tree, ROLE_NORMAL, "    %s", line);
	free(t);
}

static void
add_failures(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	size_t i, n = kc_plan_nfailures(pv->plan);

	for (i = 0; i < n; i++) {
		const struct kc_plan_failure *f = kc_plan_failure(pv->plan, i);
		struct text_line *l;

		l = text_addf(&pv->text, v->tui->tree, f->optional ? ROLE_DIM : ROLE_ERROR,
			      "%s %s=%s: %s", f->optional ? "Left out (optional)" : "Cannot do",
			      f->sym ? kc_sym_name(f->sym) : "?", f->value, f->reason);
		l->sym = f->sym;
		if (f->why)
			add_explanation(v, f->why);
	}
}

static void
plan_reload(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	size_t pos = v->pos;

	text_clear(&pv->text);
	pv->text.width = v->width - 2;
	if (pv->st == KC_PLAN_IMPOSSIBLE)
		text_add(&pv->text, NULL, ROLE_ERROR, "No plan gives every request its value:");
	add_steps(v);
	add_changes(v);
	add_failures(v);
	v->lines = pv->text.n;
	view_set_pos(v, pos);
}

static void
plan_open(struct view *v, void *arg)
{
	struct plan_args *a = arg;
	struct plan_view *pv = pv_of(v);

	pv->plan = a->plan;
	pv->st = a->st;
	pv->sym = a->sym;
	pv->title = xstrdup(a->title);
	pv->what = xstrdup(a->what);
	plan_reload(v);
}

static void
plan_done(struct view *v)
{
	struct plan_view *pv = pv_of(v);

	text_done(&pv->text);
	kc_plan_free(pv->plan);
	free(pv->title);
	free(pv->what);
}

static void
plan_title(struct view *v, struct sbuf *out)
{
	sbuf_puts(out, pv_of(v)->title);
}

static bool
plan_footer(struct view *v, struct sbuf *out)
{
	struct plan_view *pv = pv_of(v);

	if (pv->st == KC_PLAN_IMPOSSIBLE || !kc_plan_nsteps(pv->plan))
		sbuf_puts(out, "<Esc>: back");
	else
		sbuf_puts(out, "a: apply these changes   <Esc>: cancel");
	if (pv->sym && is_tri(pv->sym))
		sbuf_puts(out, "   y/m/n: plan for that value");
	return true;
}

static void
plan_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&pv_of(v)->text, lineno, y, x, width, selected);
}

/* off_ok - a plan that turns values off is applied only when the user says
 * so; every such value is listed (the question scrolls when they are many). */
static bool
off_ok(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	struct sbuf q = { 0 }, names = { 0 };
	size_t i, n = kc_plan_nchanges(pv->plan), noff = 0;
	int key;

	for (i = 0; i < n; i++) {
		const struct kc_plan_change *c = kc_plan_change(pv->plan, i);

		if (!c->off)
			continue;
		noff++;
		sbuf_printf(&names, "\n  %s (%s -> %s)", kc_sym_name(c->sym), shown(c->old),
			    shown(c->new));
	}
	sbuf_printf(&q, "This plan turns off or lowers %zu value%s that %s on:%s\n\n"
		    "  y: apply it anyway   n: do not apply", noff, noff == 1 ? "" : "s",
		    noff == 1 ? "is" : "are", sbuf_str(&names));
	key = prompt_choose(v->tui, "Turn values off?", sbuf_str(&q), "yn");
	sbuf_done(&q);
	sbuf_done(&names);
	return key == 'y';
}

/* apply - set the plan's steps, mark what changed, go back to where the
 * question was asked (the cursor stays on its entry: rebuilt by menu id). */
static unsigned
apply(struct view *v)
{
	struct plan_view *pv = pv_of(v);
	struct tui *tui = v->tui;
	size_t i, nchanges = kc_plan_nchanges(pv->plan);
	char *what;

	if (pv->st == KC_PLAN_IMPOSSIBLE) {
		tui_error(tui, "There is no plan to apply (the reasons are listed)");
		return 0;
	}
	if (!kc_plan_nsteps(pv->plan)) {
		tui_message(tui, "Nothing to apply: every request holds already");
		return 0;
	}
	if (pv->st == KC_PLAN_NEEDS_OFF && !off_ok(v)) {
		tui_message(tui, "Not applied");
		return 0;
	}
	if (kc_plan_apply(pv->plan) != KC_OK) {
		tui_error(tui, "The plan could not be applied (the tree refused a step)");
		return 0;
	}
	for (i = 0; i < nchanges; i++)
		marks_symbol(tui, kc_plan_change(pv->plan, i)->sym);
	what = xstrdup(pv->what);
	while (tui->depth > 1 && (tui_top(tui)->ops == &plan_view_ops ||
				  tui_top(tui)->ops == &why_view_ops))
		tui_pop(tui);	/* frees v */
	/* what matters first: the status line cuts long messages at the end */
	tui_message(tui, "Applied: %zu value%s changed (%s), %s", nchanges,
		    nchanges == 1 ? "" : "s", display_utf8() ? "\xe2\x80\xa2" : "*", what);
	free(what);
	return R_CHANGED;
}

static unsigned
plan_request(struct view *v, enum request req, int key)
{
	struct plan_view *pv = pv_of(v);
	static const char *const val[] = { "n", "m", "y" };

	(void)key;
	switch (req) {
	case REQ_APPLY:
		return apply(v);
	case REQ_ENTER:
		text_jump(v->tui, text_symbol(v, &pv->text));
		return 0;
	case REQ_WANT_Y:
	case REQ_WANT_M:
	case REQ_WANT_N:
		if (!pv->sym || !is_tri(pv->sym))
			return 0;
		/* replaces this view */
		plan_offer(v->tui, pv->sym, val[req == REQ_WANT_Y ? 2 : req == REQ_WANT_M ? 1 : 0]);
		return 0;
	default:
		return text_request(v, &pv->text, req);
	}
}

static struct kc_symbol *
plan_symbol(struct view *v)
{
	return text_symbol(v, &pv_of(v)->text);
}

const struct view_ops plan_view_ops = {
	.name = "plan",
	.scope = SCOPE_PLAN,
	.private_size = sizeof(struct plan_view),
	.open = plan_open,
	.done = plan_done,
	.reload = plan_reload,
	.title = plan_title,
	.draw_line = plan_draw_line,
	.request = plan_request,
	.footer = plan_footer,
	.symbol = plan_symbol,
};

static void
push_plan(struct tui *tui, struct plan_args *a)
{
	/* a new plan for the same question replaces the one shown */
	if (tui_top(tui)->ops == &plan_view_ops)
		tui_pop(tui);
	if (!tui_push(tui, &plan_view_ops, a))
		kc_plan_free(a->plan);
}

void
plan_offer_plan(struct tui *tui, struct kc_plan *plan, const char *title, const char *what)
{
	struct kc_plan_opts opts = { 0 };
	struct plan_args a = { plan, KC_PLAN_OK, NULL, title, what };

	a.st = kc_plan_solve(plan, &opts);
	push_plan(tui, &a);
}

/* ask_value - the value to plan an int, hex or string symbol for (caller frees). */
static char *
ask_value(struct tui *tui, struct kc_symbol *sym)
{
	char *hint = xasprintf("Plan the changes that give %s this %s value", kc_sym_name(sym),
			       kc_type_name(kc_sym_type(sym)));
	char *v = prompt_input(tui, "Plan a value", hint, kc_sym_string(sym), NULL, NULL);

	free(hint);
	return v;
}

void
plan_offer(struct tui *tui, struct kc_symbol *sym, const char *value)
{
	struct kc_plan_opts opts = { 0 };
	struct plan_args a = { NULL, KC_PLAN_OK, sym, NULL, NULL };
	char *asked = NULL, *spec, *err = NULL, *title, *what;
	bool off;

	if (!sym || !kc_sym_name(sym)) {
		tui_message(tui, sym ? "A choice is planned through one of its entries"
				     : "No symbol here to plan for");
		return;
	}
	if (!value && !is_tri(sym) && !(value = asked = ask_value(tui, sym)))
		return;
	/* as `kexplore enable NAME[=VALUE]`, or `disable NAME` for a symbol that is on */
	off = !value && kc_sym_tristate(sym) != KC_N;
	spec = value ? xasprintf("%s=%s", kc_sym_name(sym), value) : xstrdup(kc_sym_name(sym));
	a.plan = kc_plan_new(tui->tree);
	if (kc_plan_add_spec(a.plan, spec, off, 0, &err) != KC_OK) {
		tui_error(tui, "%s", err ? err : spec);
		kc_plan_free(a.plan);
		free(err);
		free(spec);
		free(asked);
		return;
	}
	a.st = kc_plan_solve(a.plan, &opts);
	if (value)
		title = xasprintf("Plan: %s=%s", kc_sym_name(sym), value);
	else
		title = xasprintf("Plan: turn %s %s%s", kc_sym_name(sym), off ? "off" : "on",
				  !off && kc_sym_type(sym) == KC_TRISTATE ? " (m or y)" : "");
	what = xstrdup(spec);
	a.title = title;
	a.what = what;
	push_plan(tui, &a);
	free(what);
	free(title);
	free(spec);
	free(asked);
}
