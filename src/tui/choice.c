/* choice.c - the list of a choice group's entries, picked as in menuconfig's
 * radio list: "(X)" marks the selected one. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>

struct choice_view {
	struct kc_menu *choice;
	struct kc_menu **items;
	size_t n, cap;
};

static struct choice_view *
cv_of(struct view *v)
{
	return v->priv;
}

static void
collect(struct view *v, struct kc_menu *m)
{
	struct choice_view *cv = cv_of(v);
	struct kc_menu *c;

	for (c = kc_menu_child(m); c; c = kc_menu_next(c)) {
		if (kc_menu_kind(c) == KC_M_IF) {
			collect(v, c);
			continue;
		}
		if (!kc_menu_prompt(c))
			continue;
		if (!kc_menu_visible(v->tui->tree, c) && !v->tui->show_all)
			continue;
		if (cv->n == cv->cap) {
			cv->cap = cv->cap ? cv->cap * 2 : 8;
			cv->items = xrealloc(cv->items, cv->cap * sizeof(*cv->items));
		}
		cv->items[cv->n++] = c;
	}
}

static void
choice_reload(struct view *v)
{
	struct choice_view *cv = cv_of(v);
	size_t i;

	cv->n = 0;
	collect(v, cv->choice);
	v->lines = cv->n;
	for (i = 0; i < cv->n; i++) {
		struct kc_symbol *s = kc_menu_sym(cv->items[i]);

		if (s && kc_sym_tristate(s) == KC_Y && v->pos == 0)
			v->pos = i;
	}
	view_set_pos(v, v->pos);
}

static void
choice_open(struct view *v, void *arg)
{
	cv_of(v)->choice = arg;
	choice_reload(v);
}

static void
choice_done(struct view *v)
{
	free(cv_of(v)->items);
}

static void
choice_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	struct kc_menu *m = cv_of(v)->items[lineno];
	struct kc_symbol *s = kc_menu_sym(m);
	bool visible = kc_menu_visible(v->tui->tree, m);
	int attr = role_attr(selected ? ROLE_CURSOR : visible ? ROLE_NORMAL : ROLE_DIM);
	struct sbuf t = { 0 };
	char *why;

	if (s)
		sbuf_printf(&t, "(%c) %s", kc_sym_tristate(s) == KC_Y ? 'X' : ' ',
			    kc_menu_prompt(m));
	else
		sbuf_printf(&t, "*** %s ***", kc_menu_prompt(m));
	if (!visible) {
		why = menu_hidden_reason(v->tui->tree, m);
		sbuf_printf(&t, "  [%s]", why);
		free(why);
	}
	if (selected)
		draw_fill(y, x, width, attr);
	draw_text(y, x + 1, width - 1, sbuf_str(&t), attr);
	sbuf_done(&t);
}

static void
choice_title(struct view *v, struct sbuf *out)
{
	const char *p = kc_menu_prompt(cv_of(v)->choice);

	sbuf_printf(out, "%s (choose one)", p ? p : "Choice");
}

static unsigned
choice_request(struct view *v, enum request req, int key)
{
	struct choice_view *cv = cv_of(v);
	struct kc_menu *m;
	struct kc_symbol *s;
	enum kc_status st;
	struct tui *tui = v->tui;

	(void)key;
	if (req == REQ_INFO && cv->n) {
		m = cv->items[v->pos];
		tui_show_info(tui, kc_menu_sym(m), m);
		return 0;
	}
	if (req != REQ_ENTER || !cv->n)
		return R_UNHANDLED;
	m = cv->items[v->pos];
	s = kc_menu_sym(m);
	if (!s)
		return 0;
	if (kc_sym_tristate(s) == KC_Y) {
		tui_pop(tui);
		return 0;
	}
	st = kc_sym_set_tristate(s, KC_Y);
	if (st != KC_OK) {
		tui_error(tui, "%s cannot be chosen: %s", kc_sym_name(s), kc_status_str(st));
		return 0;
	}
	tui_pop(tui);
	return R_CHANGED;
}

static struct kc_symbol *
choice_symbol(struct view *v)
{
	struct choice_view *cv = cv_of(v);

	return cv->n ? kc_menu_sym(cv->items[v->pos]) : NULL;
}

const struct view_ops choice_view_ops = {
	.name = "choice",
	.scope = SCOPE_CHOICE,
	.private_size = sizeof(struct choice_view),
	.open = choice_open,
	.done = choice_done,
	.reload = choice_reload,
	.title = choice_title,
	.draw_line = choice_draw_line,
	.request = choice_request,
	.symbol = choice_symbol,
};
