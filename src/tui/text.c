/* text.c - lines of text in which symbol names are links: what the why,
 * plan, profile and machine views show. The cursor moves by line; <Tab>
 * selects the next link, and the views act on the symbol under the cursor. */
#include "config.h"

#include "tui-private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool
is_name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

static void
add_link(struct text_line *l, size_t start, size_t len, struct kc_symbol *sym)
{
	if ((l->nlinks & (l->nlinks - 1)) == 0)
		l->links = xrealloc(l->links, (l->nlinks ? l->nlinks * 2 : 1) * sizeof(*l->links));
	l->links[l->nlinks].start = start;
	l->links[l->nlinks].len = len;
	l->links[l->nlinks].sym = sym;
	l->nlinks++;
}

/* find_links - every all-capitals word that names a symbol defined here, but @self. */
static void
find_links(struct kc_tree *tree, const struct kc_symbol *self, struct text_line *l)
{
	const char *s = l->text;
	size_t i = 0, j;
	bool upper, lower;
	struct kc_symbol *sym;
	char *word;

	while (s[i]) {
		if (!is_name_char(s[i]) || (i > 0 && is_name_char(s[i - 1]))) {
			i++;
			continue;
		}
		upper = lower = false;
		for (j = i; is_name_char(s[j]); j++) {
			upper |= isupper((unsigned char)s[j]) != 0;
			lower |= islower((unsigned char)s[j]) != 0;
		}
		if (upper && !lower && j - i > 1) {
			word = xmalloc(j - i + 1);
			memcpy(word, s + i, j - i);
			word[j - i] = '\0';
			sym = kc_sym_find(tree, word);
			free(word);
			if (sym && sym != self && kc_sym_defined(sym) && !kc_sym_is_const(sym))
				add_link(l, i, j - i, sym);
		}
		i = j;
	}
}

/* ---- lines ---- */

struct add_ctx {
	struct text *t;
	struct kc_tree *tree;
	enum role role;
};

static void
add_piece(void *arg, const char *s, bool cont)
{
	struct add_ctx *c = arg;
	struct text *t = c->t;
	struct text_line *l;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->lines = xrealloc(t->lines, t->cap * sizeof(*t->lines));
	}
	l = &t->lines[t->n++];
	memset(l, 0, sizeof(*l));
	l->text = xstrdup(s);
	l->role = c->role;
	l->cont = cont;
	if (c->tree)
		find_links(c->tree, t->self, l);
}

struct text_line *
text_add_hang(struct text *t, struct kc_tree *tree, enum role role, const char *s, int hang)
{
	struct add_ctx c = { t, tree, role };
	size_t first = t->n;

	if (t->width > 0)
		wrap_split(s, t->width, hang, add_piece, &c);
	else
		add_piece(&c, s, false);
	return &t->lines[first];
}

struct text_line *
text_add(struct text *t, struct kc_tree *tree, enum role role, const char *s)
{
	return text_add_hang(t, tree, role, s, WRAP_HANG_MORE);
}

struct text_line *
text_addf(struct text *t, struct kc_tree *tree, enum role role, const char *fmt, ...)
{
	struct sbuf b = { 0 };
	struct text_line *l;
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	l = text_add(t, tree, role, sbuf_str(&b));
	sbuf_done(&b);
	return l;
}

void
text_clear(struct text *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->lines[i].text);
		free(t->lines[i].links);
	}
	t->n = 0;
	t->link_selected = false;
}

void
text_done(struct text *t)
{
	text_clear(t);
	free(t->lines);
	t->lines = NULL;
	t->cap = 0;
}

void
text_draw_line(struct text *t, size_t lineno, int y, int x, int width, bool selected)
{
	struct text_line *l = &t->lines[lineno];
	bool whole = selected && !t->link_selected;
	size_t at = 0, i, end;
	int col = x + 1, w = width - 1, used;
	enum role r;

	if (whole)
		draw_fill(y, x, width, role_attr(ROLE_CURSOR));
	for (i = 0; i <= l->nlinks && w > 0; i++) {
		end = i < l->nlinks ? l->links[i].start : strlen(l->text);
		used = draw_ntext(y, col, w, l->text + at, end - at,
				  role_attr(whole ? ROLE_CURSOR : l->role));
		col += used;
		w -= used;
		if (i == l->nlinks)
			break;
		r = t->link_selected && t->link_line == lineno && t->link_idx == i ?
		    ROLE_LINK_SELECTED : whole ? ROLE_CURSOR : ROLE_LINK;
		used = draw_ntext(y, col, w, l->text + end, l->links[i].len, role_attr(r));
		col += used;
		w -= used;
		at = end + l->links[i].len;
	}
}

/* text_select_link - the next (previous) link after the selected one or the
 * cursor line, wrapping around; false when there is none. */
bool
text_select_link(struct view *v, struct text *t, bool forward)
{
	size_t line = t->link_selected ? t->link_line : v->pos, idx, steps;
	struct text_line *l;

	if (!t->n)
		return false;
	idx = t->link_selected ? t->link_idx : forward ? (size_t)-1 : t->lines[line].nlinks;
	for (steps = 0; steps <= t->n; steps++) {
		l = &t->lines[line];
		if (forward && idx + 1 < l->nlinks) {
			idx++;
			goto found;
		}
		if (!forward && idx > 0 && l->nlinks) {
			idx = idx > l->nlinks ? l->nlinks - 1 : idx - 1;
			goto found;
		}
		line = forward ? (line + 1) % t->n : (line + t->n - 1) % t->n;
		idx = forward ? (size_t)-1 : t->lines[line].nlinks;
	}
	return false;
found:
	t->link_selected = true;
	t->link_line = line;
	t->link_idx = idx;
	view_set_pos(v, line);
	return true;
}

/* head_of - the first row of the wrapped line that row @pos belongs to. */
static struct text_line *
head_of(struct text *t, size_t pos)
{
	while (pos > 0 && t->lines[pos].cont)
		pos--;
	return &t->lines[pos];
}

struct kc_symbol *
text_symbol(struct view *v, struct text *t)
{
	struct text_line *l, *h;

	if (!t->n || v->pos >= t->n)
		return NULL;
	l = &t->lines[v->pos];
	if (t->link_selected && t->link_line == v->pos)
		return l->links[t->link_idx].sym;
	h = head_of(t, v->pos);
	if (h->sym)
		return h->sym;
	if (h->nlinks)
		return h->links[0].sym;
	return l->nlinks ? l->links[0].sym : NULL;
}

void *
text_data(struct view *v, struct text *t)
{
	return t->n && v->pos < t->n ? head_of(t, v->pos)->data : NULL;
}

/* entry_of - the menu entry of @sym to show: its first with a prompt. */
static struct kc_menu *
entry_of(struct kc_symbol *sym)
{
	size_t i, n = kc_sym_nmenus(sym);

	for (i = 0; i < n; i++)
		if (kc_menu_prompt(kc_sym_menu(sym, i)))
			return kc_sym_menu(sym, i);
	return NULL;
}

void
text_jump(struct tui *tui, struct kc_symbol *sym)
{
	struct kc_menu *m = sym ? entry_of(sym) : NULL;

	if (!sym) {
		tui_message(tui, "No symbol on this line (<Tab> selects one)");
		return;
	}
	if (!m) {
		tui_show_info(tui, sym, NULL);
		tui_message(tui, "%s has no prompt: it is not in the menus", kc_sym_name(sym));
		return;
	}
	tui_jump(tui, m);
}

/* text_step - on a line that is an item (it carries a symbol or the view's
 * data), one step goes to the next or previous item, over the rows its
 * wrapped text takes: Down then Enter acts on the item below, as before the
 * text wrapped. False (the generic one-row step) elsewhere. */
static bool
text_step(struct view *v, struct text *t, bool down)
{
	size_t pos = v->pos;
	struct text_line *h;

	if (pos >= t->n)
		return false;
	h = head_of(t, pos);
	if (!h->sym && !h->data)
		return false;
	if (down) {
		while (pos + 1 < t->n && t->lines[pos + 1].cont)
			pos++;
		if (pos + 1 >= t->n)
			return false;
		pos++;
	} else {
		while (pos > 0 && t->lines[pos].cont)
			pos--;
		if (pos == 0)
			return false;
		pos--;
		while (pos > 0 && t->lines[pos].cont)
			pos--;
	}
	view_set_pos(v, pos);
	return true;
}

unsigned
text_request(struct view *v, struct text *t, enum request req)
{
	switch (req) {
	case REQ_NEXT_LINK:
	case REQ_PREV_LINK:
		if (!text_select_link(v, t, req == REQ_NEXT_LINK))
			tui_message(v->tui, "No symbol links here");
		return 0;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
		t->link_selected = false;
		return text_step(v, t, req == REQ_MOVE_DOWN) ? 0 : R_UNHANDLED;
	case REQ_MOVE_PAGE_UP:
	case REQ_MOVE_PAGE_DOWN:
	case REQ_MOVE_FIRST:
	case REQ_MOVE_LAST:
		t->link_selected = false;
		return R_UNHANDLED;
	default:
		return R_UNHANDLED;
	}
}
