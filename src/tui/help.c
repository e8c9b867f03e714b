/* help.c - the key help screen, generated from the binding table, and a
 * legend of menuconfig's markers. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

struct help_view {
	char **lines;		/* as written, one a key */
	size_t n, cap;
	struct rowlist rows;	/* wrapped to the view's width */
	unsigned char *heading;	/* per row */
};

static const char *const legend[] = {
	"",
	"Legend (as in menuconfig):",
	"  [*] [ ]    bool: built in / off        <M> < >  tristate: module / off",
	"  {M} {*}    raised by a select; it cannot go lower",
	"  -*- -M-    forced by a select or fixed: cannot be changed",
	"  (value)    int, hex or string; <Enter> edits it",
	"  --->       a submenu (---- when empty); (NEW): not in the loaded config",
	"  [reason]   (show-all mode) why a dimmed entry is hidden",
	"",
	"Key bindings can be changed in ~/.config/kexplore/keys with lines like",
	"  bind menu <C-x> toggle",
	"(scopes: generic, menu, info, search, choice, help, why, plan, profiles,",
	"machine, messages; requests as listed).",
};

/* The legend line after which kexplore's own marks are listed. */
#define LEGEND_MARKS 7

static void add(struct help_view *hv, char *line);

/* add_marks - the marks kexplore adds to menuconfig's, in this terminal's characters. */
static void
add_marks(struct help_view *hv)
{
	bool u = display_utf8();

	add(hv, xstrdup("  Why ...:   the information starts with why the value is what it is"));
	add(hv, xasprintf("  %s          (left margin) changed by an applied plan or profile, or a",
			  u ? "\xe2\x80\xa2" : "*"));
	add(hv, xstrdup("             menu holding such an entry; until the next save"));
	add(hv, xasprintf("  %s          (before the columns of compared configs, --diff or A) the",
			  u ? "\xe2\x89\xa0" : "!"));
	add(hv, xstrdup("             value differs; a column's '-' is a value not written"));
}

static void
add(struct help_view *hv, char *line)
{
	if (hv->n == hv->cap) {
		hv->cap = hv->cap ? hv->cap * 2 : 64;
		hv->lines = xrealloc(hv->lines, hv->cap * sizeof(*hv->lines));
	}
	hv->lines[hv->n++] = line;
}

static void
add_scope(struct help_view *hv, enum keyscope scope)
{
	char keys[256];
	bool first = true;
	int r;

	for (r = 1; r < REQ_COUNT; r++) {
		if (!keymap_keys(scope, (enum request)r, keys, sizeof(keys)))
			continue;
		if (first && hv->n)
			add(hv, xstrdup(""));
		if (first)
			add(hv, xasprintf("Keys %s:",
					  scope == SCOPE_GENERIC ? "everywhere" :
					  scope == SCOPE_MENU ? "in the menu" :
					  scope == SCOPE_INFO ? "in the symbol information" :
					  scope == SCOPE_SEARCH ? "in the search" :
					  scope == SCOPE_CHOICE ? "in a choice list" :
					  scope == SCOPE_WHY ? "in an explanation" :
					  scope == SCOPE_PLAN ? "in a plan" :
					  scope == SCOPE_PROFILES ? "in the profiles" :
					  scope == SCOPE_MACHINE ? "in this machine's modules" :
					  scope == SCOPE_MESSAGES ? "in the messages" :
					  "in this help"));
		first = false;
		/* Long key lists get a line of their own. */
		if (strlen(keys) > 18) {
			add(hv, xasprintf("  %s", keys));
			keys[0] = '\0';
		}
		add(hv, xasprintf("  %-18s %-14s %s", keys, req_name((enum request)r),
				  req_help((enum request)r)));
	}
}

/* help_reload - the lines wrapped to the width: a key's description under
 * the descriptions (column 36), prose under itself. */
static void
help_reload(struct view *v)
{
	struct help_view *hv = v->priv;
	size_t i, first;
	bool key;

	rowlist_done(&hv->rows);
	free(hv->heading);
	hv->heading = NULL;
	for (i = 0; i < hv->n; i++) {
		first = hv->rows.n;
		key = strlen(hv->lines[i]) > 36 && hv->lines[i][0] == ' ' &&
		      hv->lines[i][35] == ' ' && hv->lines[i][36] != ' ';
		wrap_split(hv->lines[i], v->width - 1, key ? 36 : WRAP_HANG_SAME, rowlist_add,
			   &hv->rows);
		hv->heading = xrealloc(hv->heading, hv->rows.n);
		memset(hv->heading + first, 0, hv->rows.n - first);
		hv->heading[first] = hv->lines[i][0] && hv->lines[i][0] != ' ';
	}
	v->lines = hv->rows.n;
	view_set_pos(v, v->pos);
}

static void
help_open(struct view *v, void *arg)
{
	struct help_view *hv = v->priv;
	size_t i;
	int s;

	(void)arg;
	for (s = 0; s < SCOPE_COUNT; s++)
		add_scope(hv, (enum keyscope)s);
	add(hv, xstrdup("In the search, typed characters edit the pattern (a PCRE2 regex); it"));
	add(hv, xstrdup("also matches the kernel modules a symbol builds (iwlwifi, snd-hda-intel)."));
	for (i = 0; i < ARRAY_SIZE(legend); i++) {
		add(hv, xstrdup(legend[i]));
		if (i == LEGEND_MARKS)
			add_marks(hv);
	}
	help_reload(v);
}

static void
help_done(struct view *v)
{
	struct help_view *hv = v->priv;
	size_t i;

	for (i = 0; i < hv->n; i++)
		free(hv->lines[i]);
	free(hv->lines);
	rowlist_done(&hv->rows);
	free(hv->heading);
}

static void
help_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	struct help_view *hv = v->priv;
	const char *l = hv->rows.row[lineno];
	enum role r = hv->heading[lineno] ? ROLE_HEADING : ROLE_NORMAL;

	if (selected)
		draw_fill(y, x, width, role_attr(ROLE_CURSOR));
	draw_text(y, x + 1, width - 1, l, role_attr(selected ? ROLE_CURSOR : r));
}

static void
help_title(struct view *v, struct sbuf *out)
{
	(void)v;
	sbuf_puts(out, "Help: keys");
}

static unsigned
help_request(struct view *v, enum request req, int key)
{
	(void)v;
	(void)key;
	if (req == REQ_HELP || req == REQ_ENTER) {
		tui_pop(v->tui);
		return 0;
	}
	return R_UNHANDLED;
}

const struct view_ops help_view_ops = {
	.name = "help",
	.scope = SCOPE_HELP,
	.private_size = sizeof(struct help_view),
	.open = help_open,
	.done = help_done,
	.reload = help_reload,
	.title = help_title,
	.draw_line = help_draw_line,
	.request = help_request,
};
