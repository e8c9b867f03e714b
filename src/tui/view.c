/* view.c - what all views share: the cursor, scrolling, the title bar and
 * drawing the visible lines. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

struct view *
view_new(struct tui *tui, const struct view_ops *ops, void *arg)
{
	struct view *v = xcalloc(1, sizeof(*v));

	v->ops = ops;
	v->tui = tui;
	if (ops->private_size)
		v->priv = xcalloc(1, ops->private_size);
	/* the whole screen until laid out: views wrap their lines to the width */
	v->height = display_lines() > 3 ? display_lines() - 2 : 1;
	v->width = display_cols() > 1 ? display_cols() : 1;
	if (ops->open)
		ops->open(v, arg);
	return v;
}

void
view_free(struct view *v)
{
	if (!v)
		return;
	if (v->ops->done)
		v->ops->done(v);
	free(v->priv);
	free(v);
}

void
view_set_area(struct view *v, int y, int x, int height, int width)
{
	int old = v->width;

	v->y = y;
	v->x = x;
	v->height = height > 1 ? height : 1;
	v->width = width > 1 ? width : 1;
	/* lines wrapped at the old width are wrapped again */
	if (v->width != old && v->ops->reload)
		v->ops->reload(v);
	view_set_pos(v, v->pos);
}

/* footer_rows - the footer wrapped to the view's width (a search result's
 * menu path runs long), at most a third of the view; 0 rows without one. */
static size_t
footer_rows(struct view *v, struct rowlist *rows)
{
	struct sbuf b = { 0 };
	size_t max = (size_t)(v->height / 3 > 1 ? v->height / 3 : 1);

	rows->n = 0;
	if (v->ops->footer && v->ops->footer(v, &b))
		wrap_split(sbuf_str(&b), v->width, WRAP_HANG_MORE, rowlist_add, rows);
	sbuf_done(&b);
	rowlist_cut(rows, max);
	return rows->n;
}

/* body_height - lines available for the list, less the footer's. */
static int
body_height(struct view *v)
{
	struct rowlist rows = { 0 };
	int n = (int)footer_rows(v, &rows);

	rowlist_done(&rows);
	return n && v->height > n + 1 ? v->height - n : v->height;
}

void
view_set_pos(struct view *v, size_t pos)
{
	size_t h = (size_t)body_height(v);

	if (v->lines == 0) {
		v->pos = v->offset = 0;
		return;
	}
	if (pos >= v->lines)
		pos = v->lines - 1;
	v->pos = pos;
	if (v->pos < v->offset)
		v->offset = v->pos;
	else if (v->pos >= v->offset + h)
		v->offset = v->pos - h + 1;
	/* Do not leave empty lines at the bottom when the list fits. */
	if (v->offset + h > v->lines)
		v->offset = v->lines > h ? v->lines - h : 0;
}

bool
view_move(struct view *v, enum request req)
{
	size_t h = (size_t)body_height(v);

	switch (req) {
	case REQ_MOVE_UP:
		if (v->pos > 0)
			view_set_pos(v, v->pos - 1);
		return true;
	case REQ_MOVE_DOWN:
		if (v->pos + 1 < v->lines)
			view_set_pos(v, v->pos + 1);
		return true;
	case REQ_MOVE_PAGE_UP:
		if (v->offset > h)
			v->offset -= h;
		else
			v->offset = 0;
		view_set_pos(v, v->pos > h ? v->pos - h : 0);
		return true;
	case REQ_MOVE_PAGE_DOWN:
		if (v->offset + 2 * h <= v->lines)
			v->offset += h;
		view_set_pos(v, v->pos + h);
		return true;
	case REQ_MOVE_FIRST:
		view_set_pos(v, 0);
		return true;
	case REQ_MOVE_LAST:
		view_set_pos(v, v->lines ? v->lines - 1 : 0);
		return true;
	default:
		return false;
	}
}

static void
draw_title(struct view *v, bool focused)
{
	struct sbuf t = { 0 };
	char pos[48];
	int attr = role_attr(focused ? ROLE_TITLE : ROLE_TITLE), pw;

	v->ops->title(v, &t);
	if (v->lines)
		snprintf(pos, sizeof(pos), " %zu/%zu ", v->pos + 1, v->lines);
	else
		snprintf(pos, sizeof(pos), " 0/0 ");
	pw = (int)strlen(pos);
	draw_fill(v->y - 1, v->x, v->width, attr);
	if (v->width > pw + 4) {
		draw_text(v->y - 1, v->x + v->width - pw, pw, pos, attr);
		draw_text(v->y - 1, v->x, v->width - pw - 1, sbuf_str(&t), attr);
	} else {
		draw_text(v->y - 1, v->x, v->width, sbuf_str(&t), attr);
	}
	sbuf_done(&t);
}

void
view_draw(struct view *v, bool focused)
{
	struct rowlist f = { 0 };
	int h = body_height(v), i;
	size_t line;

	view_set_pos(v, v->pos);
	if (v->y > 0)
		draw_title(v, focused);
	for (i = 0; i < v->height; i++)
		draw_fill(v->y + i, v->x, v->width, role_attr(ROLE_NORMAL));
	for (i = 0; i < h; i++) {
		line = v->offset + (size_t)i;
		if (line >= v->lines)
			break;
		v->ops->draw_line(v, line, v->y + i, v->x, v->width,
				  focused && line == v->pos);
	}
	if (h < v->height && footer_rows(v, &f))
		for (i = 0; i < (int)f.n && h + i < v->height; i++)
			draw_text(v->y + h + i, v->x, v->width, f.row[i], role_attr(ROLE_HEADING));
	rowlist_done(&f);
}
