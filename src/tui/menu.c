/* menu.c - the menu tree view: the entries of one menu as menuconfig lists
 * them (or the whole tree with expandable menus), and changing values. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

enum row_kind { ROW_SYM, ROW_MENU, ROW_COMMENT, ROW_CHOICE, ROW_HEADER, ROW_OTHER };

struct row {
	struct kc_menu *menu;
	unsigned id;
	int indent;		/* menuconfig's indent: 2 per dependency level */
	enum row_kind kind;
	bool hidden;		/* listed only because of show-all */
};

struct page {
	unsigned menu_id;
	unsigned cursor_id;
};

struct menu_view {
	struct row *rows;
	size_t nrows, cap;
	struct kc_menu *page;	/* menu shown (submenu mode) */
	struct page *stack;	/* pages left to get here */
	size_t depth, stack_cap;
	unsigned *open;		/* tree mode: ids of expanded menus */
	size_t nopen, open_cap;
};

static struct menu_view *
mv_of(struct view *v)
{
	return v->priv;
}

/* ---- which entries are open (tree mode) ---- */

static bool
is_open(struct menu_view *mv, unsigned id)
{
	size_t i;

	for (i = 0; i < mv->nopen; i++)
		if (mv->open[i] == id)
			return true;
	return false;
}

static void
set_open(struct menu_view *mv, unsigned id, bool open)
{
	size_t i;

	for (i = 0; i < mv->nopen; i++) {
		if (mv->open[i] == id) {
			if (!open)
				mv->open[i] = mv->open[--mv->nopen];
			return;
		}
	}
	if (!open)
		return;
	if (mv->nopen == mv->open_cap) {
		mv->open_cap = mv->open_cap ? mv->open_cap * 2 : 16;
		mv->open = xrealloc(mv->open, mv->open_cap * sizeof(*mv->open));
	}
	mv->open[mv->nopen++] = id;
}

/* ---- building the rows, as mconf's build_conf() ---- */

struct build {
	struct tui *tui;
	struct menu_view *mv;
	struct kc_menu *current;
};

static void
add_row(struct build *b, struct kc_menu *m, int indent, enum row_kind kind, bool hidden)
{
	struct menu_view *mv = b->mv;
	struct row *r;

	if (mv->nrows == mv->cap) {
		mv->cap = mv->cap ? mv->cap * 2 : 64;
		mv->rows = xrealloc(mv->rows, mv->cap * sizeof(*mv->rows));
	}
	r = &mv->rows[mv->nrows++];
	r->menu = m;
	r->id = kc_menu_id(m);
	r->indent = indent;
	r->kind = kind;
	r->hidden = hidden;
}

static bool
is_string_type(struct kc_symbol *sym)
{
	enum kc_type t = kc_sym_type(sym);

	return t == KC_INT || t == KC_HEX || t == KC_STRING;
}

static void build_entry(struct build *b, struct kc_menu *m, int indent);

static void
build_children(struct build *b, struct kc_menu *m, int indent)
{
	struct kc_menu *c;

	for (c = kc_menu_child(m); c; c = kc_menu_next(c))
		build_entry(b, c, indent);
}

/* build_plain - an entry without a symbol: menu, comment, if block, root. */
static void
build_plain(struct build *b, struct kc_menu *m, int indent, bool hidden)
{
	struct tui *tui = b->tui;
	int doint = 2;

	if (m == b->current) {
		doint = 0;
	} else if (kc_menu_kind(m) == KC_M_MENU) {
		add_row(b, m, indent, ROW_MENU, hidden);
		if (!tui->tree_mode || !is_open(b->mv, kc_menu_id(m)))
			return;
	} else if (kc_menu_kind(m) == KC_M_COMMENT) {
		add_row(b, m, indent, ROW_COMMENT, hidden);
	} else if (kc_menu_prompt(m)) {
		add_row(b, m, indent, ROW_OTHER, hidden);
	} else {
		doint = 0;
	}
	build_children(b, m, indent + doint);
}

static void
build_entry(struct build *b, struct kc_menu *m, int indent)
{
	struct kc_symbol *sym = kc_menu_sym(m);
	bool visible = true;

	if (kc_menu_kind(m) == KC_M_IF) {
		/* A plain 'if' block has no row of its own. */
		build_children(b, m, indent);
		return;
	}
	if (m != b->current) {
		if (!kc_menu_prompt(m))
			return;
		visible = kc_menu_visible(b->tui->tree, m);
		if (!visible && !b->tui->show_all)
			return;
		if (diff_hides(b->tui, m))
			return;
	}
	if (!sym || kc_menu_kind(m) == KC_M_MENU || kc_menu_kind(m) == KC_M_COMMENT) {
		build_plain(b, m, indent, !visible);
		return;
	}
	if (kc_sym_is_choice(sym)) {
		add_row(b, m, indent, ROW_CHOICE, !visible);
		return;
	}
	if (m == b->current) {
		add_row(b, m, indent, ROW_HEADER, false);
	} else {
		add_row(b, m, indent, ROW_SYM, !visible);
		if (!is_string_type(sym) && kc_menu_is_menuconfig(m) &&
		    !(b->tui->tree_mode && is_open(b->mv, kc_menu_id(m))))
			return;
	}
	build_children(b, m, indent + 2);
}

static size_t
find_row(struct menu_view *mv, unsigned id)
{
	size_t i;

	for (i = 0; i < mv->nrows; i++)
		if (mv->rows[i].id == id)
			return i;
	return (size_t)-1;
}

/*
 * rebuild - recompute the rows and put the cursor back on the same entry;
 * when that entry went away, on the nearest earlier one still there, keeping
 * its screen line so that nothing jumps.
 */
static void
rebuild(struct view *v)
{
	struct menu_view *mv = mv_of(v);
	struct build b = { v->tui, mv, NULL };
	unsigned *old_ids = NULL;
	size_t old_n = mv->nrows, old_pos = v->pos, i, k, found = (size_t)-1;
	size_t screen_line = v->pos >= v->offset ? v->pos - v->offset : 0;

	if (old_n) {
		old_ids = xmalloc(old_n * sizeof(*old_ids));
		for (i = 0; i < old_n; i++)
			old_ids[i] = mv->rows[i].id;
	}
	mv->nrows = 0;
	b.current = v->tui->tree_mode ? kc_tree_root(v->tui->tree) : mv->page;
	build_entry(&b, b.current, 0);
	v->lines = mv->nrows;
	for (k = old_pos < old_n ? old_pos + 1 : 0; k-- > 0 && found == (size_t)-1;)
		found = find_row(mv, old_ids[k]);
	free(old_ids);
	if (found == (size_t)-1)
		found = 0;
	v->offset = found > screen_line ? found - screen_line : 0;
	view_set_pos(v, found);
}

/* ---- drawing ---- */

/* shown_type - the type as menuconfig draws it: without module support a
 * tristate is a bool (sym_get_type()). */
static enum kc_type
shown_type(struct kc_tree *tree, struct kc_symbol *sym)
{
	struct kc_symbol *mod = kc_tree_modules_sym(tree);
	enum kc_type t = kc_sym_type(sym);

	if (t == KC_TRISTATE && (!mod || kc_sym_tristate(mod) == KC_N))
		return KC_BOOL;
	return t;
}

void
menu_entry_box(struct kc_tree *tree, struct kc_symbol *sym, struct sbuf *out)
{
	enum kc_tristate val = kc_sym_tristate(sym);
	bool changeable = kc_sym_changeable(sym);
	char ch = val == KC_Y ? '*' : val == KC_M ? 'M' : ' ';

	switch (shown_type(tree, sym)) {
	case KC_BOOL:
		sbuf_printf(out, changeable ? "[%c]" : "-%c-", val == KC_N ? ' ' : '*');
		break;
	case KC_TRISTATE:
		if (!changeable)
			sbuf_printf(out, "-%c-", ch);
		else if (kc_sym_rev_dep_value(sym) == KC_M)
			sbuf_printf(out, "{%c}", ch);
		else
			sbuf_printf(out, "<%c>", ch);
		break;
	default:
		sbuf_printf(out, "(%s)", kc_sym_string(sym));
		break;
	}
}

static bool
menu_is_empty(struct kc_tree *tree, struct kc_menu *m)
{
	struct kc_menu *c;

	for (c = kc_menu_child(m); c; c = kc_menu_next(c)) {
		if (kc_menu_kind(c) == KC_M_IF ? !menu_is_empty(tree, c) :
		    kc_menu_visible(tree, c))
			return false;
	}
	return true;
}

static const char *
prompt_of(struct kc_menu *m)
{
	const char *p = kc_menu_prompt(m);

	return p ? p : "";
}

static struct kc_menu *
choice_selected(struct kc_tree *tree, struct kc_menu *choice)
{
	struct kc_menu *c;
	struct kc_symbol *s;

	for (c = kc_menu_child(choice); c; c = kc_menu_next(c)) {
		s = kc_menu_sym(c);
		if (s && kc_menu_visible(tree, c) && kc_sym_tristate(s) == KC_Y)
			return c;
	}
	return NULL;
}

static void
sym_row_text(struct tui *tui, struct menu_view *mv, const struct row *r, struct sbuf *out)
{
	struct kc_symbol *sym = kc_menu_sym(r->menu);
	bool new = !kc_sym_has_user_value(sym) && kc_sym_changeable(sym);
	size_t start = out->len;
	int pad;

	menu_entry_box(tui->tree, sym, out);
	if (is_string_type(sym)) {
		/* mconf: "%*c" with width indent - strlen("(value)") + 4, at least one space */
		pad = r->indent - (int)(out->len - start) + 4;
		sbuf_printf(out, "%*c%s%s", pad > 0 ? pad : 0, ' ', prompt_of(r->menu),
			    new ? " (NEW)" : "");
		return;
	}
	sbuf_printf(out, "%*c%s%s", r->indent + 1, ' ', prompt_of(r->menu), new ? " (NEW)" : "");
	if (!kc_menu_is_menuconfig(r->menu))
		return;
	if (menu_is_empty(tui->tree, r->menu))
		sbuf_puts(out, "  ----");
	else if (tui->tree_mode)
		sbuf_puts(out, is_open(mv, r->id) ? "  -->" : "  ++>");
	else
		sbuf_puts(out, "  --->");
}

static void
row_text(struct tui *tui, struct menu_view *mv, const struct row *r, struct sbuf *out)
{
	struct kc_menu *sel;

	switch (r->kind) {
	case ROW_SYM:
		sym_row_text(tui, mv, r, out);
		break;
	case ROW_MENU:
		if (tui->tree_mode)
			sbuf_printf(out, "%s%*c%s", is_open(mv, r->id) ? "-->" : "++>",
				    r->indent + 1, ' ', prompt_of(r->menu));
		else
			sbuf_printf(out, "   %*c%s  %s", r->indent + 1, ' ', prompt_of(r->menu),
				    menu_is_empty(tui->tree, r->menu) ? "----" : "--->");
		break;
	case ROW_COMMENT:
		sbuf_printf(out, "   %*c*** %s ***", r->indent + 1, ' ', prompt_of(r->menu));
		break;
	case ROW_CHOICE:
		sbuf_printf(out, "   %*c%s", r->indent + 1, ' ', prompt_of(r->menu));
		sel = choice_selected(tui->tree, r->menu);
		if (sel)
			sbuf_printf(out, " (%s)  --->", prompt_of(sel));
		break;
	case ROW_HEADER:
	case ROW_OTHER:
		sbuf_printf(out, "---%*c%s", r->indent + 1, ' ', prompt_of(r->menu));
		break;
	}
}

/* expr_blame - the first operand of an && chain that is n, else the whole. */
static struct kc_expr *
expr_blame(struct kc_tree *tree, struct kc_expr *e)
{
	while (e && kc_expr_type(e) == KC_E_AND) {
		if (kc_expr_eval(tree, kc_expr_left(e)) == KC_N)
			e = kc_expr_left(e);
		else if (kc_expr_eval(tree, kc_expr_right(e)) == KC_N)
			e = kc_expr_right(e);
		else
			break;
	}
	return e;
}

char *
menu_hidden_reason(struct kc_tree *tree, struct kc_menu *m)
{
	struct kc_expr *e = kc_menu_visible_if(m);
	struct kc_prop *p;
	struct kc_menu *up;
	char *s, *r;

	if (e && kc_expr_eval(tree, e) == KC_N) {
		s = kc_expr_str(tree, expr_blame(tree, e), true);
		r = xasprintf("visible if %s", s);
		free(s);
		return r;
	}
	p = kc_menu_prompt_prop(m);
	e = p ? kc_prop_cond(p) : kc_menu_dep(m);
	if (!e || kc_expr_eval(tree, e) != KC_N)
		e = kc_menu_dep(m);
	if (e && kc_expr_eval(tree, e) == KC_N) {
		s = kc_expr_str(tree, expr_blame(tree, e), true);
		r = xasprintf("depends on %s", s);
		free(s);
		return r;
	}
	for (up = kc_menu_parent(m); up; up = kc_menu_parent(up))
		if (kc_menu_kind(up) != KC_M_IF && kc_menu_kind(up) != KC_M_ROOT &&
		    !kc_menu_visible(tree, up))
			return xasprintf("in hidden %s", prompt_of(up));
	return xstrdup("not visible");
}

static void
menu_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	struct menu_view *mv = mv_of(v);
	const struct row *r = &mv->rows[lineno];
	struct sbuf t = { 0 };
	int attr = role_attr(selected ? ROLE_CURSOR : r->hidden ? ROLE_DIM : ROLE_NORMAL);
	int used, tw, dw = diff_width(v->tui, width);
	const char *mark = marks_char(v->tui, r->menu);
	char *why;

	row_text(v->tui, mv, r, &t);
	if (selected)
		draw_fill(y, x, width, attr);
	if (mark)
		draw_text(y, x, 1, mark, role_attr(selected ? ROLE_CURSOR : ROLE_MATCH));
	if (dw) {
		/* the other configs' values take the right end of the row */
		diff_draw_cells(v->tui, r->menu, y, x, width, selected);
		width -= dw;
	}
	if (!r->hidden) {
		draw_text(y, x + 1, width - 1, sbuf_str(&t), attr);
		sbuf_done(&t);
		return;
	}
	/* Keep room for the reason: it matters more than the end of a long prompt. */
	why = menu_hidden_reason(v->tui->tree, r->menu);
	tw = utf8_width(why, strlen(why)) + 4;
	tw = width - 1 - tw < (width - 1) / 2 ? (width - 1) / 2 : width - 1 - tw;
	used = draw_text(y, x + 1, tw, sbuf_str(&t), attr);
	sbuf_reset(&t);
	sbuf_printf(&t, "  [%s]", why);
	draw_text(y, x + 1 + used, width - 1 - used, sbuf_str(&t), attr);
	free(why);
	sbuf_done(&t);
}

void
menu_path(struct kc_tree *tree, struct kc_menu *m, const char *sep, struct sbuf *out)
{
	char *path = kc_menu_path(m, sep, 0);

	(void)tree;
	sbuf_puts(out, path);
	free(path);
}

static void
menu_title(struct view *v, struct sbuf *out)
{
	struct menu_view *mv = mv_of(v);
	const char *main = kc_tree_mainmenu(v->tui->tree);

	if (v->tui->tree_mode || kc_menu_kind(mv->page) == KC_M_ROOT) {
		sbuf_puts(out, main && *main ? main : "Main menu");
		if (v->tui->tree_mode)
			sbuf_puts(out, " (tree)");
	} else {
		menu_path(v->tui->tree, mv->page, " > ", out);
	}
	if (v->tui->show_all)
		sbuf_puts(out, " [all]");
}

/* ---- navigation ---- */

static void
push_page(struct menu_view *mv, struct kc_menu *page, unsigned cursor_id)
{
	if (mv->depth == mv->stack_cap) {
		mv->stack_cap = mv->stack_cap ? mv->stack_cap * 2 : 8;
		mv->stack = xrealloc(mv->stack, mv->stack_cap * sizeof(*mv->stack));
	}
	mv->stack[mv->depth].menu_id = kc_menu_id(page);
	mv->stack[mv->depth].cursor_id = cursor_id;
	mv->depth++;
}

static void
set_cursor_id(struct view *v, unsigned id)
{
	size_t i = find_row(mv_of(v), id);

	view_set_pos(v, i == (size_t)-1 ? 0 : i);
}

static void
enter_page(struct view *v, struct kc_menu *m)
{
	struct menu_view *mv = mv_of(v);

	push_page(mv, mv->page, kc_menu_id(m));
	mv->page = m;
	mv->nrows = 0;
	v->pos = v->offset = 0;
	rebuild(v);
}

static bool
leave_page(struct view *v)
{
	struct menu_view *mv = mv_of(v);
	struct page p;

	if (mv->depth == 0)
		return false;
	p = mv->stack[--mv->depth];
	mv->page = kc_tree_menu_by_id(v->tui->tree, p.menu_id);
	if (!mv->page)
		mv->page = kc_tree_root(v->tui->tree);
	mv->nrows = 0;
	v->pos = v->offset = 0;
	rebuild(v);
	set_cursor_id(v, p.cursor_id);
	return true;
}

/* tree_parent_row - the row of the nearest open menu above row @i. */
static size_t
tree_parent_row(struct menu_view *mv, size_t i)
{
	struct kc_menu *p;
	size_t k;

	for (p = kc_menu_parent(mv->rows[i].menu); p; p = kc_menu_parent(p))
		if ((k = find_row(mv, kc_menu_id(p))) != (size_t)-1)
			return k;
	return (size_t)-1;
}

static unsigned
tree_back(struct view *v)
{
	struct menu_view *mv = mv_of(v);
	struct row *r;
	size_t k;

	if (!v->lines)
		return 0;
	r = &mv->rows[v->pos];
	if (is_open(mv, r->id)) {
		set_open(mv, r->id, false);
		rebuild(v);
		return 0;
	}
	k = tree_parent_row(mv, v->pos);
	if (k != (size_t)-1)
		view_set_pos(v, k);
	return 0;
}

struct kc_menu *
menu_view_current(struct view *v)
{
	struct menu_view *mv = mv_of(v);

	return v->lines ? mv->rows[v->pos].menu : NULL;
}

static bool
is_page(struct kc_menu *m)
{
	enum kc_menu_kind k = kc_menu_kind(m);

	return k == KC_M_ROOT || k == KC_M_MENU ||
	       (k == KC_M_CONFIG && kc_menu_is_menuconfig(m) &&
		!is_string_type(kc_menu_sym(m)));
}

/* jump_target - the row that shows @m: a choice member is shown by its choice. */
static struct kc_menu *
jump_target(struct kc_menu *m)
{
	struct kc_menu *p;

	for (p = kc_menu_parent(m); p && kc_menu_kind(p) == KC_M_IF; p = kc_menu_parent(p))
		;
	return p && kc_menu_kind(p) == KC_M_CHOICE ? p : m;
}

static void
open_path(struct view *v, struct kc_menu *target)
{
	struct menu_view *mv = mv_of(v);
	struct kc_menu *chain[64], *p, *prev;
	size_t n = 0, i;

	for (p = kc_menu_parent(target); p && n < ARRAY_SIZE(chain); p = kc_menu_parent(p))
		if (is_page(p))
			chain[n++] = p;
	if (v->tui->tree_mode) {
		for (i = 0; i < n; i++)
			set_open(mv, kc_menu_id(chain[i]), true);
		return;
	}
	/* chain[n-1] is the root: rebuild the stack of pages down to chain[0]. */
	mv->depth = 0;
	for (i = n; i-- > 1;) {
		prev = chain[i - 1];
		push_page(mv, chain[i], kc_menu_id(prev));
	}
	mv->page = n ? chain[0] : kc_tree_root(v->tui->tree);
}

void
menu_view_jump(struct view *v, struct kc_menu *m)
{
	struct menu_view *mv = mv_of(v);
	struct kc_menu *target = jump_target(m);
	size_t i;

	open_path(v, target);
	mv->nrows = 0;
	v->pos = v->offset = 0;
	rebuild(v);
	i = find_row(mv, kc_menu_id(target));
	if (i == (size_t)-1 && !v->tui->show_all) {
		v->tui->show_all = true;
		tui_message(v->tui, "Showing all entries: %s is not visible",
			    kc_menu_sym(target) && kc_sym_name(kc_menu_sym(target)) ?
			    kc_sym_name(kc_menu_sym(target)) : prompt_of(target));
		tui_reload_all(v->tui);
		i = find_row(mv, kc_menu_id(target));
	}
	if (i != (size_t)-1) {
		v->offset = i > (size_t)v->height / 2 ? i - (size_t)v->height / 2 : 0;
		view_set_pos(v, i);
	}
}

/* ---- changing values ---- */

static const char *
tri_name(enum kc_tristate t)
{
	return t == KC_Y ? "y" : t == KC_M ? "m" : "n";
}

static void
say_not_assignable(struct tui *tui, struct kc_symbol *sym, enum kc_tristate want)
{
	unsigned mask = kc_sym_assignable(sym);
	struct kc_symbol *mod = kc_tree_modules_sym(tui->tree);
	char *s = NULL;
	struct sbuf ok = { 0 };
	int t;

	for (t = KC_Y; t >= KC_N; t--)
		if (mask & (1u << t))
			sbuf_printf(&ok, "%s%s", ok.len ? "/" : "", tri_name((enum kc_tristate)t));
	if (!kc_sym_changeable(sym) && kc_sym_visibility(sym) == KC_N) {
		s = menu_hidden_reason(tui->tree, kc_sym_menu(sym, 0));
		tui_error(tui, "%s cannot be changed: %s", kc_sym_name(sym), s);
	} else if (want == KC_M && kc_sym_type(sym) == KC_BOOL) {
		tui_error(tui, "%s is a bool: it cannot be a module", kc_sym_name(sym));
	} else if (want == KC_M && mod && kc_sym_tristate(mod) == KC_N) {
		tui_error(tui, "%s=m needs module support (%s [=n])", kc_sym_name(sym),
			  kc_sym_name(mod));
	} else if (want < kc_sym_rev_dep_value(sym)) {
		s = kc_expr_str(tui->tree, kc_sym_rev_dep(sym), true);
		tui_error(tui, "%s=%s: selected by %s", kc_sym_name(sym), tri_name(want), s);
	} else {
		s = kc_expr_str(tui->tree, kc_sym_dir_dep(sym), true);
		tui_error(tui, "%s=%s is not possible (only %s): depends on %s",
			  kc_sym_name(sym), tri_name(want), ok.len ? sbuf_str(&ok) : "none", s);
	}
	free(s);
	sbuf_done(&ok);
}

static unsigned
set_value(struct view *v, struct kc_symbol *sym, enum kc_tristate want)
{
	struct tui *tui = v->tui;
	unsigned mask = kc_sym_assignable(sym);
	enum kc_status st;

	if (!(mask & (1u << want))) {
		/* As mconf does for 'y': settle for m when only m is possible. */
		if (want == KC_Y && (mask & (1u << KC_M)) && kc_sym_tristate(sym) != KC_M) {
			want = KC_M;
			tui_message(tui, "%s depends on a module: set to m", kc_sym_name(sym));
		} else {
			say_not_assignable(tui, sym, want);
			return 0;
		}
	}
	if (kc_sym_tristate(sym) == want && kc_sym_has_user_value(sym))
		return 0;
	st = kc_sym_set_tristate(sym, want);
	if (st != KC_OK) {
		tui_error(tui, "%s=%s refused: %s", kc_sym_name(sym), tri_name(want),
			  kc_status_str(st));
		return 0;
	}
	return R_CHANGED;
}

static unsigned
toggle_value(struct view *v, struct kc_symbol *sym)
{
	unsigned mask = kc_sym_assignable(sym);
	enum kc_tristate cur = kc_sym_tristate(sym), next = cur;
	int i;

	/* sym_toggle_tristate_value(): n -> m -> y -> n, skipping what is refused */
	for (i = 0; i < 3; i++) {
		next = next == KC_N ? KC_M : next == KC_M ? KC_Y : KC_N;
		if (next != cur && (mask & (1u << next)))
			return set_value(v, sym, next);
	}
	say_not_assignable(v->tui, sym, cur == KC_N ? KC_Y : KC_N);
	return 0;
}

static struct row *
current_row(struct view *v)
{
	return v->lines ? &mv_of(v)->rows[v->pos] : NULL;
}

static unsigned
change_request(struct view *v, enum request req)
{
	struct row *r = current_row(v);
	struct kc_symbol *sym = r ? kc_menu_sym(r->menu) : NULL;

	if (!r || r->kind != ROW_SYM || !sym)
		return 0;
	if (is_string_type(sym)) {
		if (req == REQ_SET_Y || req == REQ_SET_M || req == REQ_SET_N)
			return 0;
		return prompt_edit_symbol(v->tui, sym, r->menu) ? R_CHANGED : 0;
	}
	switch (req) {
	case REQ_SET_Y:
		return set_value(v, sym, KC_Y);
	case REQ_SET_M:
		return set_value(v, sym, KC_M);
	case REQ_SET_N:
		return set_value(v, sym, KC_N);
	case REQ_TOGGLE:
		return toggle_value(v, sym);
	default:
		return 0;
	}
}

static unsigned
open_entry(struct view *v, struct row *r)
{
	struct menu_view *mv = mv_of(v);

	if (v->tui->tree_mode) {
		set_open(mv, r->id, !is_open(mv, r->id));
		rebuild(v);
	} else {
		enter_page(v, r->menu);
	}
	return 0;
}

static unsigned
enter_request(struct view *v)
{
	struct row *r = current_row(v);
	struct kc_symbol *sym;

	if (!r)
		return 0;
	sym = kc_menu_sym(r->menu);
	switch (r->kind) {
	case ROW_MENU:
		return open_entry(v, r);
	case ROW_CHOICE:
		tui_push(v->tui, &choice_view_ops, r->menu);
		return 0;
	case ROW_SYM:
		if (is_string_type(sym))
			return change_request(v, REQ_EDIT);
		if (kc_menu_is_menuconfig(r->menu))
			return open_entry(v, r);
		tui_message(v->tui, "y, m, n or <Space> change %s", kc_sym_name(sym));
		return 0;
	default:
		return 0;
	}
}

static unsigned
back_request(struct view *v, int key)
{
	if (v->tui->back_to_search && v->tui->last_search) {
		struct view *s = v->tui->last_search;

		v->tui->last_search = NULL;
		v->tui->back_to_search = false;
		v->tui->stack[v->tui->depth++] = s;
		tui_layout(v->tui);
		return 0;
	}
	if (v->tui->tree_mode)
		return tree_back(v);
	if (leave_page(v))
		return 0;
	return key == KEY_ESC ? R_UNHANDLED : 0;
}

/* toggle_tree - switch navigation styles, staying on the current entry. */
static void
toggle_tree(struct view *v)
{
	struct row *r = current_row(v);
	struct kc_menu *m = r ? r->menu : NULL;

	v->tui->tree_mode = !v->tui->tree_mode;
	if (r && r->kind == ROW_HEADER && !v->tui->tree_mode)
		m = NULL;
	if (m) {
		menu_view_jump(v, m);
	} else {
		mv_of(v)->nrows = 0;
		rebuild(v);
	}
	tui_message(v->tui, v->tui->tree_mode ? "Tree: <Enter> opens and closes menus" :
		    "Submenus: <Enter> opens, <Left> or <Esc> goes back");
}

/* diff_jump - to the next (previous) entry that differs from a compared config. */
static unsigned
diff_jump(struct view *v, bool forward)
{
	struct row *r = current_row(v);
	struct kc_menu *m;

	if (!v->tui->diff) {
		tui_message(v->tui, "No config to compare with: A adds one (or kexplore --diff FILE)");
		return 0;
	}
	m = diff_next(v->tui, r ? r->menu : NULL, forward);
	if (!m) {
		tui_message(v->tui, "No entry differs from the compared configs");
		return 0;
	}
	menu_view_jump(v, m);
	return 0;
}

static unsigned
menu_request(struct view *v, enum request req, int key)
{
	switch (req) {
	case REQ_ENTER:
		v->tui->back_to_search = false;
		return enter_request(v);
	case REQ_BACK:
		if (key == KEY_ESC && !v->tui->back_to_search && !mv_of(v)->depth &&
		    !v->tui->tree_mode)
			return R_UNHANDLED;
		return back_request(v, key);
	case REQ_SET_Y:
	case REQ_SET_M:
	case REQ_SET_N:
	case REQ_TOGGLE:
	case REQ_EDIT:
		return change_request(v, req);
	case REQ_TREE_MODE:
		toggle_tree(v);
		return 0;
	case REQ_DIFF_ADD:
		diff_add_prompt(v->tui);
		return 0;
	case REQ_DIFF_NEXT:
	case REQ_DIFF_PREV:
		return diff_jump(v, req == REQ_DIFF_NEXT);
	case REQ_DIFF_ONLY:
		diff_toggle_only(v->tui);
		return 0;
	default:
		return R_UNHANDLED;
	}
}

static bool
menu_footer(struct view *v, struct sbuf *out)
{
	return diff_footer(v->tui, v->width, out);
}

static struct kc_symbol *
menu_symbol(struct view *v)
{
	struct row *r = current_row(v);

	return r ? kc_menu_sym(r->menu) : NULL;
}

/* ---- life cycle ---- */

static void
menu_open(struct view *v, void *arg)
{
	struct menu_view *mv = mv_of(v);

	(void)arg;
	mv->page = kc_tree_root(v->tui->tree);
	rebuild(v);
}

static void
menu_done(struct view *v)
{
	struct menu_view *mv = mv_of(v);

	free(mv->rows);
	free(mv->stack);
	free(mv->open);
}

static void
menu_reload(struct view *v)
{
	rebuild(v);
}

const struct view_ops menu_view_ops = {
	.name = "menu",
	.scope = SCOPE_MENU,
	.private_size = sizeof(struct menu_view),
	.open = menu_open,
	.done = menu_done,
	.reload = menu_reload,
	.title = menu_title,
	.draw_line = menu_draw_line,
	.request = menu_request,
	.footer = menu_footer,
	.symbol = menu_symbol,
};
