/* info.c - the symbol information view: what menuconfig's help screen says
 * and more (origin of the value, every operand's value, who selects it),
 * with symbol names as links. Full screen, or a pane under the menu. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

struct place {
	struct kc_symbol *sym;
	struct kc_menu *menu;
};

struct info_view {
	struct kc_symbol *sym;	/* NULL for a plain menu or comment */
	struct kc_menu *menu;
	struct text text;	/* the lines, with symbol names as links */
	struct place *history;	/* earlier symbols, for BACK */
	size_t nhistory, history_cap;
};

static struct info_view *
iv_of(struct view *v)
{
	return v->priv;
}

/* ---- building the text ---- */

/* add_line - a line wrapped to the view's width (Depends on: lines run long). */
static void
add_line(struct view *v, enum role role, const char *text)
{
	struct info_view *iv = iv_of(v);

	iv->text.width = v->width - 2;
	iv->text.self = iv->sym;
	text_add(&iv->text, v->tui->tree, role, text);
}

static void TUI_PRINTF(3, 4)
addf(struct view *v, enum role role, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	add_line(v, role, sbuf_str(&b));
	sbuf_done(&b);
}

static const char *
tri_name(enum kc_tristate t)
{
	return t == KC_Y ? "y" : t == KC_M ? "m" : "n";
}

/* expr_text - an expression with values, "y" for NULL (caller frees). */
static char *
expr_text(struct view *v, struct kc_expr *e)
{
	return e ? kc_expr_str(v->tui->tree, e, true) : xstrdup("y");
}

/* add_location - as menuconfig: the entry and the menus above it, root excluded. */
static void
add_location(struct view *v, struct kc_menu *m)
{
	struct kc_menu *chain[64];
	struct kc_symbol *s;
	size_t n = 0, i;
	const char *p;

	for (; m && kc_menu_kind(m) != KC_M_ROOT && n < ARRAY_SIZE(chain); m = kc_menu_parent(m))
		if (kc_menu_kind(m) != KC_M_IF && kc_menu_prompt(m))
			chain[n++] = m;
	addf(v, ROLE_NORMAL, "  Location:");
	for (i = n; i-- > 0;) {
		p = kc_menu_prompt(chain[i]);
		s = kc_menu_sym(chain[i]);
		if (s)
			addf(v, ROLE_NORMAL, "%*s-> %s (%s [=%s])", (int)(n - 1 - i) * 2 + 4, "", p,
			     kc_sym_name(s) ? kc_sym_name(s) : "<choice>", kc_sym_string(s));
		else
			addf(v, ROLE_NORMAL, "%*s-> %s", (int)(n - 1 - i) * 2 + 4, "", p);
	}
}

/* add_definition - one menu entry as menuconfig's help shows it: file:line,
 * prompt, dependencies with values, location. */
static void
add_definition(struct view *v, struct kc_menu *m)
{
	struct kc_prop *pp = kc_menu_prompt_prop(m);
	char *dep = kc_menu_dep(m) ? expr_text(v, kc_menu_dep(m)) : NULL, *vis;

	addf(v, ROLE_NORMAL, "Defined at %s:%d", kc_menu_file(m), kc_menu_line(m));
	if (kc_menu_prompt(m))
		addf(v, ROLE_NORMAL, "  Prompt: %s", kc_menu_prompt(m));
	if (dep)
		addf(v, ROLE_NORMAL, "  Depends on: %s", dep);
	/* Only when it says more than the dependencies, as menuconfig does. */
	if (pp && kc_menu_prompt(m) && kc_prop_cond(pp)) {
		vis = expr_text(v, kc_prop_cond(pp));
		if (!dep || strcmp(dep, vis))
			addf(v, ROLE_NORMAL, "  Visible if: %s", vis);
		free(vis);
	}
	if (kc_menu_visible_if(m)) {
		vis = expr_text(v, kc_menu_visible_if(m));
		addf(v, ROLE_NORMAL, "  Menu visible if: %s", vis);
		free(vis);
	}
	free(dep);
	if (kc_menu_prompt(m))
		add_location(v, m);
}

static const char *
origin_text(struct kc_symbol *sym)
{
	switch (kc_sym_origin(sym)) {
	case KC_FROM_USER:
		return "set by the user";
	case KC_FROM_DEFAULT:
		return "from a default";
	case KC_FROM_SELECT:
		return "forced by a select";
	case KC_FROM_IMPLY:
		return "raised by an imply";
	case KC_FROM_CHOICE:
		return "from its choice";
	case KC_FROM_RANGE:
		return "clamped into its range";
	case KC_FROM_NONE:
	default:
		return "no value source";
	}
}

/* add_renamed - for 6.18 renamed options: which name is old and that the value carries over. */
static void
add_renamed(struct view *v, struct kc_symbol *sym)
{
	struct kc_symbol *other;

	if (kc_sym_is_transitional(sym)) {
		other = kc_sym_renamed_to(sym);
		if (other)
			addf(v, ROLE_NORMAL, "Renamed: to %s in 6.18; your value carries over",
			     kc_sym_name(other));
		else
			addf(v, ROLE_NORMAL, "Renamed: an old name (transitional since 6.18), "
			     "read from a config, never written");
	} else if ((other = kc_sym_renamed_from(sym))) {
		addf(v, ROLE_NORMAL, "Renamed: from %s in 6.18; its value in a config carries over",
		     kc_sym_name(other));
	}
}

static void
add_value(struct view *v, struct kc_symbol *sym)
{
	struct sbuf b = { 0 };
	const char *file;
	int line = 0;

	sbuf_printf(&b, "Value : %s, %s", kc_sym_string(sym), origin_text(sym));
	file = kc_sym_user_file(sym, &line);
	if (kc_sym_has_user_value(sym) && file)
		sbuf_printf(&b, " (%s:%d)", file, line);
	if (kc_sym_has_user_value(sym) && kc_sym_user_string(sym) &&
	    strcmp(kc_sym_user_string(sym), kc_sym_string(sym)))
		sbuf_printf(&b, "; the config asked for %s", kc_sym_user_string(sym));
	if (!kc_sym_written(sym))
		sbuf_puts(&b, "; not written to .config");
	add_line(v, ROLE_NORMAL, sbuf_str(&b));
	sbuf_done(&b);
	add_renamed(v, sym);
}

/* add_compared - the symbol's value in each config compared with (--diff, A). */
static void
add_compared(struct view *v, struct kc_symbol *sym)
{
	struct sbuf b = { 0 };
	const char *s, *e;

	diff_describe(v->tui, sym, &b);
	for (s = sbuf_str(&b); (e = strchr(s, '\n')); s = e + 1)
		addf(v, ROLE_NORMAL, "%.*s", (int)(e - s), s);
	sbuf_done(&b);
}

/* cond_suffix - " if COND" unless @cond just repeats the symbol's dependencies. */
static void
cond_suffix(struct view *v, struct kc_symbol *sym, struct kc_expr *cond, struct sbuf *out)
{
	char *c, *d;

	if (!cond)
		return;
	c = expr_text(v, cond);
	d = expr_text(v, kc_sym_dir_dep(sym));
	if (strcmp(c, d))
		sbuf_printf(out, " if %s", c);
	free(c);
	free(d);
}

static void
add_props(struct view *v, struct kc_symbol *sym, enum kc_prop_type type, const char *title)
{
	struct kc_tree *tree = v->tui->tree;
	struct kc_prop *p;
	struct sbuf b = { 0 };
	bool first = true, used = false;
	char *s;

	for (p = kc_sym_props(sym); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != type)
			continue;
		if (first)
			addf(v, ROLE_HEADING, "%s:", title);
		first = false;
		s = expr_text(v, kc_prop_expr(p));
		sbuf_reset(&b);
		sbuf_printf(&b, "  %s", s);
		free(s);
		cond_suffix(v, sym, kc_prop_cond(p), &b);
		if (type == KC_P_DEFAULT && !used && kc_expr_eval(tree, kc_prop_cond(p)) != KC_N) {
			used = true;
			if (kc_sym_origin(sym) == KC_FROM_DEFAULT)
				sbuf_puts(&b, "   <- in use");
		}
		add_line(v, ROLE_NORMAL, sbuf_str(&b));
	}
	sbuf_done(&b);
}

/* add_reverse - "Selected by [y]:" etc., grouped by the value each one gives. */
static void
add_reverse(struct view *v, struct kc_symbol *sym, enum kc_prop_type type, const char *title)
{
	struct kc_tree *tree = v->tui->tree;
	struct kc_prop *p;
	struct kc_symbol *owner;
	enum kc_tristate val, c;
	size_t i, n = kc_sym_nselectors(sym);
	int want;
	bool first;
	char *s;

	for (want = KC_Y; want >= KC_N; want--) {
		first = true;
		for (i = 0; i < n; i++) {
			p = kc_sym_selector(sym, i);
			if (kc_prop_type(p) != type || !(owner = kc_prop_owner(p)))
				continue;
			val = kc_sym_tristate(owner);
			c = kc_expr_eval(tree, kc_prop_cond(p));
			if ((int)(c < val ? c : val) != want)
				continue;
			if (first)
				addf(v, ROLE_HEADING, "%s [%s]:", title, tri_name((enum kc_tristate)want));
			first = false;
			if (kc_prop_cond(p)) {
				s = expr_text(v, kc_prop_cond(p));
				addf(v, ROLE_NORMAL, "  - %s [=%s] && %s", kc_sym_name(owner),
				     kc_sym_string(owner), s);
				free(s);
			} else {
				addf(v, ROLE_NORMAL, "  - %s [=%s]", kc_sym_name(owner),
				     kc_sym_string(owner));
			}
		}
	}
}

/* add_help - the help text first, as menuconfig's help screen starts. */
static void
add_help(struct view *v, struct kc_symbol *sym, struct kc_menu *m)
{
	const char *h = m ? kc_menu_help(m) : NULL, *e;
	struct text *t = &iv_of(v)->text;
	size_t i;

	for (i = 0; !h && sym && i < kc_sym_nmenus(sym); i++)
		h = kc_menu_help(kc_sym_menu(sym, i));
	if (!h || !*h) {
		addf(v, ROLE_DIM, "There is no help available for this option.");
		return;
	}
	if (sym && kc_sym_name(sym))
		addf(v, ROLE_HEADING, "CONFIG_%s:", kc_sym_name(sym));
	addf(v, ROLE_NORMAL, "%s", "");
	while (*h) {
		e = strchr(h, '\n');
		if (!e)
			e = h + strlen(h);
		addf(v, ROLE_NORMAL, "%.*s", (int)(e - h), h);
		h = *e ? e + 1 : e;
	}
	while (t->n && !t->lines[t->n - 1].text[0])
		free(t->lines[--t->n].text);	/* an empty line has no links */
	addf(v, ROLE_NORMAL, "%s", "");
}

static void
add_choice(struct view *v, struct kc_menu *m)
{
	struct kc_menu *c;
	struct kc_symbol *s;

	add_help(v, NULL, m);
	addf(v, ROLE_HEADING, "Choice: %s", kc_menu_prompt(m) ? kc_menu_prompt(m) : "");
	add_definition(v, m);
	addf(v, ROLE_HEADING, "Entries:");
	for (c = kc_menu_child(m); c; c = kc_menu_next(c)) {
		s = kc_menu_sym(c);
		if (!s || !kc_sym_name(s))
			continue;
		addf(v, ROLE_NORMAL, "  (%c) %s  %s%s", kc_sym_tristate(s) == KC_Y ? 'X' : ' ',
		     kc_sym_name(s), kc_menu_prompt(c) ? kc_menu_prompt(c) : "",
		     kc_menu_visible(v->tui->tree, c) ? "" : "  [not visible]");
	}
}

/* add_props_line - "Selects: A [=y] && B [=n]" as menuconfig joins them. */
static void
add_props_line(struct view *v, struct kc_symbol *sym, enum kc_prop_type type,
	       const char *title)
{
	struct kc_prop *p;
	struct sbuf b = { 0 };
	char *s;

	for (p = kc_sym_props(sym); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != type)
			continue;
		s = expr_text(v, kc_prop_expr(p));
		sbuf_printf(&b, "%s%s", b.len ? " && " : title, s);
		free(s);
	}
	if (b.len)
		add_line(v, ROLE_NORMAL, sbuf_str(&b));
	sbuf_done(&b);
}

static void
add_symbol(struct view *v, struct kc_symbol *sym, struct kc_menu *m)
{
	struct kc_prop *p;
	long long lo, hi;
	size_t i;
	char *s;

	add_help(v, sym, m);
	addf(v, ROLE_HEADING, "Symbol: %s [=%s]", kc_sym_name(sym), kc_sym_string(sym));
	addf(v, ROLE_NORMAL, "Type  : %s", kc_type_name(kc_sym_type(sym)));
	for (p = kc_sym_props(sym); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != KC_P_RANGE || kc_expr_eval(v->tui->tree, kc_prop_cond(p)) == KC_N)
			continue;
		s = kc_expr_str(v->tui->tree, kc_prop_expr(p), false);
		addf(v, ROLE_NORMAL, "Range : %s", s);
		free(s);
		break;
	}
	add_value(v, sym);
	add_compared(v, sym);
	if (!kc_sym_defined(sym))
		addf(v, ROLE_ERROR, "Not defined for this architecture; only referenced.");
	for (i = 0; i < kc_sym_nmenus(sym); i++)
		if (kc_menu_prompt(kc_sym_menu(sym, i)))
			add_definition(v, kc_sym_menu(sym, i));
	for (i = 0; i < kc_sym_nmenus(sym); i++)
		if (!kc_menu_prompt(kc_sym_menu(sym, i)))
			add_definition(v, kc_sym_menu(sym, i));
	add_props(v, sym, KC_P_DEFAULT, "Defaults");
	if (kc_sym_range(sym, &lo, &hi) && kc_sym_type(sym) == KC_HEX)
		addf(v, ROLE_NORMAL, "Active range: 0x%llx..0x%llx", lo, hi);
	else if (kc_sym_range(sym, &lo, &hi))
		addf(v, ROLE_NORMAL, "Active range: %lld..%lld", lo, hi);
	add_props_line(v, sym, KC_P_SELECT, "Selects: ");
	add_reverse(v, sym, KC_P_SELECT, "Selected by");
	add_props_line(v, sym, KC_P_IMPLY, "Implies: ");
	add_reverse(v, sym, KC_P_IMPLY, "Implied by");
}

/* add_why - the short answer to "why this value?" first, so that the pane
 * under the menu shows it while the cursor rests on the entry (w: all of it). */
static void
add_why(struct view *v, struct kc_symbol *sym)
{
	struct sbuf b = { 0 };
	const char *s, *e;

	why_short(v->tui, sym, &b);
	for (s = sbuf_str(&b); *s; s = e + 1) {
		e = strchr(s, '\n');
		if (!e)
			break;
		addf(v, ROLE_HEADING, "%.*s", (int)(e - s), s);
	}
	if (b.len)
		addf(v, ROLE_NORMAL, "%s", "");
	sbuf_done(&b);
}

static void
info_reload(struct view *v)
{
	struct info_view *iv = iv_of(v);
	struct kc_menu *m = iv->menu;
	size_t pos = v->pos, off = v->offset;

	text_clear(&iv->text);
	if (iv->sym && kc_sym_is_choice(iv->sym) && m) {
		add_choice(v, m);
	} else if (iv->sym) {
		add_why(v, iv->sym);
		add_symbol(v, iv->sym, m);
	} else if (m) {
		add_help(v, NULL, m);
		addf(v, ROLE_HEADING, "%s: %s",
		     kc_menu_kind(m) == KC_M_COMMENT ? "Comment" : "Menu",
		     kc_menu_prompt(m) ? kc_menu_prompt(m) : "");
		add_definition(v, m);
	} else {
		addf(v, ROLE_NORMAL, "Nothing selected.");
	}
	v->lines = iv->text.n;
	v->offset = off;
	view_set_pos(v, pos);
}

/* ---- public ---- */

void
info_view_set(struct view *v, struct kc_symbol *sym, struct kc_menu *m)
{
	struct info_view *iv = iv_of(v);

	if (!m && sym && kc_sym_nmenus(sym))
		m = kc_sym_menu(sym, 0);
	if (iv->sym == sym && iv->menu == m && iv->text.n)
		return;
	iv->sym = sym;
	iv->menu = m;
	v->pos = v->offset = 0;
	info_reload(v);
}

/* ---- drawing ---- */

static void
info_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	struct text *t = &iv_of(v)->text;
	struct text_line *l = &t->lines[lineno];
	size_t at = 0, i;
	int col = x + 1, w = width - 1;
	enum role r;

	if (selected && !t->link_selected)
		draw_fill(y, x, width, role_attr(ROLE_CURSOR));
	for (i = 0; i <= l->nlinks && w > 0; i++) {
		size_t end = i < l->nlinks ? l->links[i].start : strlen(l->text);
		int used = draw_ntext(y, col, w, l->text + at, end - at,
				      role_attr(selected && !t->link_selected ? ROLE_CURSOR : l->role));

		col += used;
		w -= used;
		if (i == l->nlinks)
			break;
		r = t->link_selected && t->link_line == lineno && t->link_idx == i ?
		    ROLE_LINK_SELECTED : ROLE_LINK;
		used = draw_ntext(y, col, w, l->text + end, l->links[i].len, role_attr(r));
		col += used;
		w -= used;
		at = end + l->links[i].len;
	}
}

static void
info_title(struct view *v, struct sbuf *out)
{
	struct info_view *iv = iv_of(v);

	if (iv->sym && kc_sym_name(iv->sym))
		sbuf_printf(out, "Symbol %s", kc_sym_name(iv->sym));
	else if (iv->menu && kc_menu_prompt(iv->menu))
		sbuf_printf(out, "%s", kc_menu_prompt(iv->menu));
	else
		sbuf_puts(out, "Information");
	if (iv->nhistory)
		sbuf_printf(out, " (%zu back)", iv->nhistory);
}

/* ---- links and history ---- */

static struct kc_symbol *
selected_link(struct view *v)
{
	struct text *t = &iv_of(v)->text;
	struct text_line *l;

	if (!t->n)
		return NULL;
	if (t->link_selected && t->link_line == v->pos)
		return t->lines[t->link_line].links[t->link_idx].sym;
	l = &t->lines[v->pos];
	return l->nlinks ? l->links[0].sym : NULL;
}

static void
follow(struct view *v, struct kc_symbol *sym)
{
	struct info_view *iv = iv_of(v);

	if (iv->nhistory == iv->history_cap) {
		iv->history_cap = iv->history_cap ? iv->history_cap * 2 : 8;
		iv->history = xrealloc(iv->history, iv->history_cap * sizeof(*iv->history));
	}
	iv->history[iv->nhistory].sym = iv->sym;
	iv->history[iv->nhistory].menu = iv->menu;
	iv->nhistory++;
	iv->sym = NULL;
	info_view_set(v, sym, NULL);
}

static unsigned
info_request(struct view *v, enum request req, int key)
{
	struct info_view *iv = iv_of(v);
	struct kc_symbol *sym;
	struct place p;

	(void)key;
	switch (req) {
	case REQ_NEXT_LINK:
	case REQ_PREV_LINK:
		if (!text_select_link(v, &iv->text, req == REQ_NEXT_LINK))
			tui_message(v->tui, "No symbol links here");
		return 0;
	case REQ_ENTER:
		sym = selected_link(v);
		if (sym)
			follow(v, sym);
		else
			tui_message(v->tui, "No symbol link on this line (<Tab> selects one)");
		return 0;
	case REQ_BACK:
		if (!iv->nhistory)
			return R_UNHANDLED;
		p = iv->history[--iv->nhistory];
		iv->sym = NULL;
		info_view_set(v, p.sym, p.menu);
		return 0;
	case REQ_JUMP:
		if (iv->menu && (!iv->sym || kc_menu_prompt(iv->menu))) {
			struct kc_menu *m = iv->menu;
			struct tui *tui = v->tui;

			tui_pop(tui);	/* frees v */
			tui_jump(tui, m);
		} else {
			tui_message(v->tui, "This symbol has no entry in the menus");
		}
		return 0;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
		iv->text.link_selected = false;
		return R_UNHANDLED;
	default:
		return R_UNHANDLED;
	}
}

static void
info_open(struct view *v, void *arg)
{
	(void)arg;
	info_reload(v);
}

static void
info_done(struct view *v)
{
	struct info_view *iv = iv_of(v);

	text_done(&iv->text);
	free(iv->history);
}

static struct kc_symbol *
info_symbol(struct view *v)
{
	return iv_of(v)->sym;
}

const struct view_ops info_view_ops = {
	.name = "info",
	.scope = SCOPE_INFO,
	.private_size = sizeof(struct info_view),
	.open = info_open,
	.done = info_done,
	.reload = info_reload,
	.title = info_title,
	.draw_line = info_draw_line,
	.request = info_request,
	.symbol = info_symbol,
};
