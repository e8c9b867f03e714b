/* report.c - a report from the command line (kexplore upgrade --tui) shown
 * over the menu tree: its symbol names are links, Enter goes to the entry,
 * where it can be changed and saved. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

struct report_view {
	struct text text;
};

static struct report_view *
rv_of(struct view *v)
{
	return v->priv;
}

/* Headings are the lines that start in the first column. */
static void
report_reload(struct view *v)
{
	const char *p = v->tui->opts->report_text, *nl;
	struct report_view *rv = rv_of(v);
	size_t pos = v->pos, len;
	char *line;

	text_clear(&rv->text);
	for (; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		line = xmalloc(len + 1);
		memcpy(line, p, len);
		line[len] = '\0';
		text_add(&rv->text, v->tui->tree, *line && *line != ' ' ? ROLE_HEADING : ROLE_NORMAL,
			 line);
		free(line);
		if (!nl)
			break;
	}
	v->lines = rv->text.n;
	view_set_pos(v, pos);
}

static void
report_open(struct view *v, void *arg)
{
	(void)arg;
	report_reload(v);
}

static void
report_done(struct view *v)
{
	text_done(&rv_of(v)->text);
}

static void
report_title(struct view *v, struct sbuf *out)
{
	sbuf_printf(out, "%s (Enter: go to the entry, q: the menu tree)",
		    v->tui->opts->report_title ? v->tui->opts->report_title : "Report");
}

static void
report_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&rv_of(v)->text, lineno, y, x, width, selected);
}

static unsigned
report_request(struct view *v, enum request req, int key)
{
	(void)key;
	if (req == REQ_ENTER) {
		text_jump(v->tui, text_symbol(v, &rv_of(v)->text));
		return 0;
	}
	return text_request(v, &rv_of(v)->text, req);
}

static struct kc_symbol *
report_symbol(struct view *v)
{
	return text_symbol(v, &rv_of(v)->text);
}

const struct view_ops report_view_ops = {
	.name = "report",
	.scope = SCOPE_WHY,
	.private_size = sizeof(struct report_view),
	.open = report_open,
	.done = report_done,
	.reload = report_reload,
	.title = report_title,
	.draw_line = report_draw_line,
	.request = report_request,
	.symbol = report_symbol,
};
