/* prompt.c - popups over the current screen: an edit line (values, file
 * names) that can refuse input with a reason, and a question with keys. */
#include "config.h"

#include "tui-private.h"

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>


struct popup {
	int y, x, h, w;
};

static struct popup
popup_place(int lines)
{
	struct popup p;

	p.w = display_cols() - 4;
	if (p.w > 72)
		p.w = 72;
	if (p.w < 10)
		p.w = display_cols();
	p.h = lines + 2;
	if (p.h > display_lines())
		p.h = display_lines();
	p.y = (display_lines() - p.h) / 2;
	p.x = (display_cols() - p.w) / 2;
	return p;
}

/* draw_field - the edit text with the cursor shown as a reversed cell. */
static void
draw_field(int y, int x, int width, const char *text, size_t cursor)
{
	size_t start = 0, len = strlen(text), k;
	unsigned cp;
	int cw;

	/* Scroll so that the cursor stays inside the field. */
	while (utf8_width(text + start, cursor - start) >= width - 1 && start < cursor) {
		k = utf8_decode(text + start, len - start, &cp);
		start += k ? k : 1;
	}
	cw = draw_ntext(y, x, width, text + start, cursor - start, role_attr(ROLE_NORMAL));
	if (cursor < len) {
		k = utf8_decode(text + cursor, len - cursor, &cp);
		cw += draw_ntext(y, x + cw, width - cw, text + cursor, k, A_REVERSE);
		draw_text(y, x + cw, width - cw, text + cursor + k, role_attr(ROLE_NORMAL));
	} else {
		draw_text(y, x + cw, width - cw, " ", A_REVERSE);
	}
}

/* rows_wrap - each line of @text (up to @end) wrapped to @width columns. */
static void
rows_wrap(struct rowlist *r, const char *text, const char *end, int width)
{
	const char *e;
	char *line;

	for (; text < end; text = e + 1) {
		e = memchr(text, '\n', (size_t)(end - text));
		if (!e)
			e = end;
		line = xasprintf("%.*s", (int)(e - text), text);
		wrap_split(line, width, WRAP_HANG_SAME, rowlist_add, r);
		free(line);
		if (e == end)
			break;
	}
}

/* draw_input - the hint and the error wrapped above and below the edit line. */
static void
draw_input(const char *title, const char *hint, const char *text, size_t cursor,
	   const char *error)
{
	struct rowlist h = { 0 }, e = { 0 };
	struct popup p = popup_place(0);
	int y, i;

	wrap_split(hint, p.w - 4, WRAP_HANG_SAME, rowlist_add, &h);
	if (error)
		wrap_split(error, p.w - 4, WRAP_HANG_SAME, rowlist_add, &e);
	p = popup_place((int)(h.n + (e.n ? e.n : 1)) + 2);
	draw_box(p.y, p.x, p.h, p.w, title);
	/* on a short screen the edit line and the keys come first */
	y = p.y + p.h - 2;
	draw_text(y--, p.x + 2, p.w - 4, "<Enter> accept  <Esc> cancel", role_attr(ROLE_DIM));
	for (i = (int)e.n - 1; i >= 0 && y > p.y; i--)
		draw_text(y--, p.x + 2, p.w - 4, e.row[i], role_attr(ROLE_ERROR));
	if (!e.n)
		y--;
	if (y > p.y) {
		draw_text(y, p.x + 2, 2, "> ", role_attr(ROLE_HEADING));
		draw_field(y--, p.x + 4, p.w - 6, text, cursor);
	}
	for (i = (int)h.n - 1; i >= 0 && y > p.y; i--)
		draw_text(y--, p.x + 2, p.w - 4, h.row[i], role_attr(ROLE_NORMAL));
	rowlist_done(&h);
	rowlist_done(&e);
}

/* edit_key - apply an editing key to @t; false when it is not one. */
static bool
edit_key(struct sbuf *t, size_t *cur, int key)
{
	char mb[8];
	size_t n, next;
	unsigned cp;

	if (key >= 0x20 && key < 0x110000 && key != 0x7f) {
		n = utf8_encode((unsigned)key, mb);
		sbuf_add(t, mb, n);	/* grow, then move the tail right */
		memmove(t->s + *cur + n, t->s + *cur, t->len - n - *cur);
		memcpy(t->s + *cur, mb, n);
		*cur += n;
		return true;
	}
	switch (key) {
	case KEY_FN(KEY_BACKSPACE):
		if (!*cur)
			return true;
		n = utf8_prev(t->s, *cur);
		memmove(t->s + n, t->s + *cur, t->len - *cur + 1);
		t->len -= *cur - n;
		*cur = n;
		return true;
	case KEY_FN(KEY_DC):
		if (*cur >= t->len)
			return true;
		next = *cur + utf8_decode(t->s + *cur, t->len - *cur, &cp);
		memmove(t->s + *cur, t->s + next, t->len - next + 1);
		t->len -= next - *cur;
		return true;
	case KEY_FN(KEY_LEFT):
		*cur = utf8_prev(sbuf_str(t), *cur);
		return true;
	case KEY_FN(KEY_RIGHT):
		if (*cur < t->len)
			*cur += utf8_decode(t->s + *cur, t->len - *cur, &cp);
		return true;
	case KEY_FN(KEY_HOME):
	case 1: /* C-a */
		*cur = 0;
		return true;
	case KEY_FN(KEY_END):
	case 5: /* C-e */
		*cur = t->len;
		return true;
	case 21: /* C-u */
		sbuf_reset(t);
		*cur = 0;
		return true;
	default:
		return false;
	}
}

char *
prompt_input(struct tui *tui, const char *title, const char *hint, const char *initial,
	     const char *(*check)(void *ctx, const char *text), void *ctx)
{
	struct sbuf t = { 0 };
	size_t cur;
	const char *error = NULL;
	int key;

	sbuf_puts(&t, initial ? initial : "");
	cur = t.len;
	for (;;) {
		tui_draw(tui);
		draw_input(title, hint, sbuf_str(&t), cur, error);
		key = display_read_key(tui);
		if (key == KEY_FN(KEY_RESIZE))
			tui_layout(tui);
		if (key == KEY_QUIT_NOW || key == KEY_ESC)
			break;
		if (key == '\n') {
			error = check ? check(ctx, sbuf_str(&t)) : NULL;
			if (!error)
				return sbuf_steal(&t);
			continue;
		}
		if (edit_key(&t, &cur, key))
			error = NULL;
	}
	sbuf_done(&t);
	return NULL;
}

/* ---- questions ---- */

/* The popup of a question: the text scrolls, the keys (its last paragraph) stay. */
struct question {
	struct rowlist body, keys;
	size_t top;		/* first body row shown */
	int width;		/* wrapped for this popup width */
};

static void
question_wrap(struct question *q, const char *text, int width)
{
	const char *keys = NULL, *p;

	for (p = text; (p = strstr(p, "\n\n")); p++)
		keys = p;
	rowlist_done(&q->body);
	rowlist_done(&q->keys);
	if (keys) {
		rows_wrap(&q->body, text, keys, width);
		rows_wrap(&q->keys, keys + 1, keys + strlen(keys), width);
	} else {
		rows_wrap(&q->body, text, text + strlen(text), width);
	}
	q->width = width;
}

/* question_height - body rows shown in a popup of @inner rows inside its box. */
static size_t
question_height(struct question *q, int inner)
{
	size_t keys = q->keys.n, h;

	if (q->body.n + keys <= (size_t)inner)
		return q->body.n;
	/* scrolling: one row says how much more there is */
	h = inner > (int)keys + 1 ? (size_t)inner - keys - 1 : 1;
	return h;
}

static void
question_draw(struct question *q, const char *title)
{
	struct popup p = popup_place((int)(q->body.n + q->keys.n));
	size_t h, i, y;
	bool scroll;
	char more[80];

	if (q->width != p.w - 4)
		return;
	h = question_height(q, p.h - 2);
	scroll = h < q->body.n;
	if (q->top + h > q->body.n)
		q->top = q->body.n > h ? q->body.n - h : 0;
	draw_box(p.y, p.x, p.h, p.w, title);
	for (i = 0; i < h && q->top + i < q->body.n; i++)
		draw_text(p.y + 1 + (int)i, p.x + 2, p.w - 4, q->body.row[q->top + i],
			  role_attr(ROLE_NORMAL));
	y = (size_t)p.y + 1 + h;
	if (scroll) {
		if (q->top + h < q->body.n)
			snprintf(more, sizeof(more), "(%zu more: <Down> <PgDn>)",
				 q->body.n - q->top - h);
		else
			snprintf(more, sizeof(more), "(end: <Up> <PgUp> back)");
		draw_text((int)y++, p.x + 2, p.w - 4, more, role_attr(ROLE_DIM));
	}
	for (i = 0; i < q->keys.n && (int)y < p.y + p.h - 1; i++)
		draw_text((int)y++, p.x + 2, p.w - 4, q->keys.row[i], role_attr(ROLE_NORMAL));
}

/* question_scroll - a scrolling key moves the text; false for other keys. */
static bool
question_scroll(struct question *q, int key)
{
	struct popup p = popup_place((int)(q->body.n + q->keys.n));
	size_t h = question_height(q, p.h - 2);

	switch (key) {
	case KEY_FN(KEY_UP):
		q->top -= q->top > 0;
		return true;
	case KEY_FN(KEY_DOWN):
		q->top += q->top + h < q->body.n;
		return true;
	case KEY_FN(KEY_PPAGE):
		q->top = q->top > h ? q->top - h : 0;
		return true;
	case KEY_FN(KEY_NPAGE):
		q->top += h;
		return true;
	case KEY_FN(KEY_HOME):
		q->top = 0;
		return true;
	case KEY_FN(KEY_END):
		q->top = q->body.n;
		return true;
	default:
		return false;
	}
}

int
prompt_choose(struct tui *tui, const char *title, const char *question, const char *keys)
{
	struct question q = { 0 };
	int key = 0;

	for (;;) {
		tui_draw(tui);
		if (q.width != popup_place(0).w - 4)
			question_wrap(&q, question, popup_place(0).w - 4);
		question_draw(&q, title);
		key = display_read_key(tui);
		if (key == KEY_FN(KEY_RESIZE))
			tui_layout(tui);
		if (key == KEY_QUIT_NOW || key == KEY_ESC) {
			key = 0;
			break;
		}
		if (key > 0 && key < 0x80 && strchr(keys, key))
			break;
		question_scroll(&q, key);
	}
	rowlist_done(&q.body);
	rowlist_done(&q.keys);
	return key;
}

/* ---- editing a symbol value ---- */

struct edit_ctx {
	struct kc_symbol *sym;
	struct sbuf msg;
	bool changed;
};

static void
range_text(struct kc_symbol *sym, long long lo, long long hi, struct sbuf *out)
{
	if (kc_sym_type(sym) == KC_HEX)
		sbuf_printf(out, "0x%llx..0x%llx", lo, hi);
	else
		sbuf_printf(out, "%lld..%lld", lo, hi);
}

static const char *
check_value(void *arg, const char *text)
{
	struct edit_ctx *c = arg;
	struct kc_symbol *sym = c->sym;
	enum kc_type type = kc_sym_type(sym);
	long long lo, hi, val;
	enum kc_status st;
	char *end;

	sbuf_reset(&c->msg);
	if (!kc_sym_string_valid(sym, text)) {
		sbuf_printf(&c->msg, "'%s' is not a valid %s value%s", text, kc_type_name(type),
			    type == KC_HEX ? " (hex digits, 0x optional)" : "");
		return sbuf_str(&c->msg);
	}
	if (type == KC_INT || type == KC_HEX) {
		errno = 0;
		val = strtoll(text, &end, type == KC_HEX ? 16 : 10);
		if (!*text || *end || errno) {
			sbuf_printf(&c->msg, "'%s' is not a valid %s value", text,
				    kc_type_name(type));
			return sbuf_str(&c->msg);
		}
	}
	if ((type == KC_INT || type == KC_HEX) && kc_sym_range(sym, &lo, &hi)) {
		if (val < lo || val > hi) {
			sbuf_printf(&c->msg, "%s is out of range ", text);
			range_text(sym, lo, hi, &c->msg);
			return sbuf_str(&c->msg);
		}
	}
	if (kc_sym_has_user_value(sym) && !strcmp(kc_sym_string(sym), text))
		return NULL;
	st = kc_sym_set_string(sym, text);
	if (st != KC_OK) {
		sbuf_printf(&c->msg, "%s refused: %s", text, kc_status_str(st));
		return sbuf_str(&c->msg);
	}
	c->changed = true;
	return NULL;
}

bool
prompt_edit_symbol(struct tui *tui, struct kc_symbol *sym, struct kc_menu *m)
{
	struct edit_ctx c = { sym, { 0 }, false };
	struct sbuf hint = { 0 };
	long long lo, hi;
	char *r;

	if (!kc_sym_changeable(sym)) {
		char *why = menu_hidden_reason(tui->tree, m);

		tui_error(tui, "%s cannot be changed: %s", kc_sym_name(sym), why);
		free(why);
		return false;
	}
	switch (kc_sym_type(sym)) {
	case KC_INT:
		sbuf_puts(&hint, "A decimal value");
		break;
	case KC_HEX:
		sbuf_puts(&hint, "A hexadecimal value");
		break;
	default:
		sbuf_puts(&hint, "A string (no quotes needed)");
		break;
	}
	if (kc_sym_range(sym, &lo, &hi)) {
		sbuf_puts(&hint, " in ");
		range_text(sym, lo, hi, &hint);
	}
	sbuf_printf(&hint, " for %s", kc_sym_name(sym));
	r = prompt_input(tui, kc_menu_prompt(m) ? kc_menu_prompt(m) : kc_sym_name(sym),
			 sbuf_str(&hint), kc_sym_string(sym), check_value, &c);
	free(r);
	sbuf_done(&hint);
	sbuf_done(&c.msg);
	return c.changed;
}
