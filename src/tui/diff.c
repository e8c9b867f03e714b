/* diff.c - other configs in columns beside the menu tree (kexplore/cfgdiff.h):
 * each file is read with olddefconfig semantics once; the entries whose
 * value differs from the one being edited are found again after every
 * change, for the marker, the "next difference" jump and the filter. */
#include "config.h"

#include "tui-private.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/cfgdiff.h>

#define DIFF_MAX_COLS 4

struct tui_diff {
	struct kc_cfgdiff *d;
	char *paths[DIFF_MAX_COLS];	/* the files compared (owned) */
	size_t n;
	struct idset differs;	/* entries whose symbol differs */
	struct idset above;	/* menus holding such entries */
	size_t ndiffs;		/* symbols that differ, with an entry in the menus */
	bool only;		/* show only what differs */
	/* what tells the files apart: the last path components that differ
	 * ("6.1/config.amd64_none_amd64"), and that less what they all share
	 * ("6.1"), for the column heads */
	char *names[DIFF_MAX_COLS];
	char *labels[DIFF_MAX_COLS];
};

static struct kc_menu *row_of(struct kc_menu *m);

static bool
same_value(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* current - the value as .config has it now, NULL when not written (as cfgdiff's cells). */
static const char *
current(struct kc_symbol *sym)
{
	return kc_sym_written(sym) ? kc_sym_string(sym) : NULL;
}

static const char *
cell_value(struct tui_diff *df, const struct kc_diff_row *row, size_t col)
{
	return row ? kc_cfgdiff_cell(df->d, row, col)->value : NULL;
}

static bool
sym_differs(struct tui_diff *df, struct kc_symbol *sym)
{
	const struct kc_diff_row *row = kc_cfgdiff_find(df->d, sym);
	const char *cur = current(sym);
	size_t c;

	for (c = 0; c < df->n; c++)
		if (!same_value(cur, cell_value(df, row, c)))
			return true;
	return false;
}

void
diff_update(struct tui *tui)
{
	struct tui_diff *df = tui->diff;
	struct kc_symbol *sym;
	struct kc_menu *m, *p;
	size_t i, k, n;
	bool counted;

	if (!df)
		return;
	idset_clear(&df->differs);
	idset_clear(&df->above);
	df->ndiffs = 0;
	n = kc_tree_nsyms(tui->tree);
	for (i = 0; i < n; i++) {
		sym = kc_tree_sym(tui->tree, i);
		if (!kc_sym_defined(sym) || !sym_differs(df, sym))
			continue;
		counted = false;
		for (k = 0; k < kc_sym_nmenus(sym); k++) {
			m = kc_sym_menu(sym, k);
			if (!kc_menu_prompt(m))
				continue;
			df->ndiffs += !counted;
			counted = true;
			idset_add(&df->differs, kc_menu_id(m));
			/* a choice's row differs when one of its entries does */
			idset_add(&df->differs, kc_menu_id(row_of(m)));
			for (p = kc_menu_parent(m); p && kc_menu_kind(p) != KC_M_ROOT;
			     p = kc_menu_parent(p))
				idset_add(&df->above, kc_menu_id(p));
		}
	}
}

/* ---- telling the files apart ---- */

/* tail - the last @k components of @path ("a/b/c", 2: "b/c"). */
static const char *
tail(const char *path, size_t k)
{
	const char *p = path + strlen(path);

	while (p > path && p[-1] == '/')
		p--;	/* "dir/" names dir */
	for (; p > path; p--)
		if (p[-1] == '/' && --k == 0)
			break;
	return p;
}

static size_t
tail_len(const char *path, size_t k)
{
	const char *t = tail(path, k);
	size_t n = strlen(t);

	while (n > 1 && t[n - 1] == '/')
		n--;
	return n;
}

/* tails_unique - whether the last @k components of every path differ. */
static bool
tails_unique(struct tui_diff *df, size_t k)
{
	size_t i, j, n;

	for (i = 0; i < df->n; i++)
		for (j = i + 1; j < df->n; j++) {
			n = tail_len(df->paths[i], k);
			if (n == tail_len(df->paths[j], k) &&
			    !memcmp(tail(df->paths[i], k), tail(df->paths[j], k), n))
				return false;
		}
	return true;
}

/* is_sep - where a label may be cut: path and word separators, and a dot
 * unless it is inside a number (6.12 stays whole). */
static bool
is_sep(const char *s, size_t i, size_t n)
{
	if (s[i] == '/' || s[i] == '_' || s[i] == '-')
		return true;
	return s[i] == '.' && !(i > 0 && i + 1 < n && isdigit((unsigned char)s[i - 1]) &&
				isdigit((unsigned char)s[i + 1]));
}

/* shared_prefix - bytes all names start with, ending just after a separator. */
static size_t
shared_prefix(char **names, size_t count)
{
	size_t n = strlen(names[0]), i, k;

	for (i = 1; i < count; i++) {
		for (k = 0; k < n && names[i][k] == names[0][k]; k++)
			;
		n = k;
	}
	while (n > 0 && !is_sep(names[0], n - 1, strlen(names[0])))
		n--;
	for (i = 0; i < count; i++)
		if (n >= strlen(names[i]))
			return 0;	/* never all of a name */
	return n;
}

/* shared_suffix - bytes all names end with, starting at a separator. */
static size_t
shared_suffix(char **names, size_t count, size_t skip)
{
	size_t l0 = strlen(names[0]), n = l0 - skip, i, k, li;

	for (i = 1; i < count; i++) {
		li = strlen(names[i]);
		for (k = 0; k < n && k < li - skip && names[i][li - 1 - k] == names[0][l0 - 1 - k]; k++)
			;
		n = k;
	}
	while (n > 0 && !is_sep(names[0], l0 - n, l0))
		n--;
	for (i = 0; i < count; i++)
		if (skip + n >= strlen(names[i]))
			return 0;
	return n;
}

/* make_labels - names that tell the files apart, and their short forms for
 * the column heads (two Debian files named config.amd64_none_amd64 in 6.1/
 * and 6.12/ are "6.1" and "6.12"; config.amd64_none_amd64 and
 * config.amd64_none_cloud-amd64 in one folder are "amd64" and "cloud-amd64"). */
static void
make_labels(struct tui_diff *df)
{
	size_t i, k = 1, pre, suf;

	while (k < 32 && !tails_unique(df, k))
		k++;
	for (i = 0; i < df->n; i++) {
		free(df->names[i]);
		free(df->labels[i]);
		df->names[i] = xasprintf("%.*s", (int)tail_len(df->paths[i], k),
					 tail(df->paths[i], k));
	}
	if (df->n < 2) {
		for (i = 0; i < df->n; i++)
			df->labels[i] = xstrdup(df->names[i]);
		return;
	}
	pre = shared_prefix(df->names, df->n);
	suf = shared_suffix(df->names, df->n, pre);
	for (i = 0; i < df->n; i++)
		df->labels[i] = xasprintf("%.*s", (int)(strlen(df->names[i]) - pre - suf),
					  df->names[i] + pre);
}

/* build - read every file again into a new diff; files that cannot be read are dropped. */
static void
build(struct tui *tui)
{
	struct tui_diff *df = tui->diff;
	enum kc_status st;
	size_t i;

	kc_cfgdiff_free(df->d);
	df->d = kc_cfgdiff_new(tui->tree);
	for (i = 0; i < df->n; i++) {
		st = kc_cfgdiff_add_file(df->d, df->paths[i]);
		if (st != KC_OK) {
			size_t nd = kc_tree_ndiags(tui->tree);

			/* the reader's reason (truncated xz data, over 64 MiB...) is the last diagnostic */
			tui_error(tui, "Cannot compare with %s: %s", df->paths[i],
				  nd ? kc_tree_diag(tui->tree, nd - 1)->message : kc_status_str(st));
			free(df->paths[i]);
			/* a column was added for nothing: start over without it */
			memmove(df->paths + i, df->paths + i + 1, (df->n - i - 1) * sizeof(*df->paths));
			df->paths[--df->n] = NULL;	/* moved down (or freed): diff_done frees it once */
			build(tui);
			return;
		}
	}
	make_labels(df);
	kc_cfgdiff_compute(df->d);
	messages_take_diags(tui);	/* what reading the files said: E lists it */
	diff_update(tui);
}

static bool
add_path(struct tui *tui, const char *path)
{
	if (!tui->diff)
		tui->diff = xcalloc(1, sizeof(*tui->diff));
	if (tui->diff->n == DIFF_MAX_COLS) {
		tui_error(tui, "At most %d configs are compared at once", DIFF_MAX_COLS);
		return false;
	}
	tui->diff->paths[tui->diff->n++] = xstrdup(path);
	return true;
}

void
diff_start(struct tui *tui, const char *const *paths, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!add_path(tui, paths[i]))
			break;
	build(tui);
}

void
diff_add_prompt(struct tui *tui)
{
	char *path = prompt_input(tui, "Compare with a config",
				  "File shown in a column beside the tree (plain, gzip or xz)",
				  "", NULL, NULL);
	size_t n0 = tui->diff ? tui->diff->n : 0;

	if (path && *path && add_path(tui, path)) {
		build(tui);
		if (tui->diff->n > n0)
			tui_message(tui, "Added %s: %zu entr%s differ now", path, tui->diff->ndiffs,
				    tui->diff->ndiffs == 1 ? "y" : "ies");
		tui_reload_all(tui);
	}
	free(path);
}

void
diff_done(struct tui *tui)
{
	struct tui_diff *df = tui->diff;
	size_t i;

	if (!df)
		return;
	kc_cfgdiff_free(df->d);
	for (i = 0; i < DIFF_MAX_COLS; i++) {
		free(df->paths[i]);
		free(df->names[i]);
		free(df->labels[i]);
	}
	idset_done(&df->differs);
	idset_done(&df->above);
	free(df);
	tui->diff = NULL;
}

/* ---- drawing ---- */

/* col_width - wide enough for the longest head, while the tree keeps about
 * half of the row (at least 8 columns, 12 from 120). */
static int
longest(char **names, size_t n)
{
	int w = 0, lw;
	size_t i;

	for (i = 0; i < n; i++) {
		lw = utf8_width(names[i], strlen(names[i]));
		w = lw > w ? lw : w;
	}
	return w;
}

/* heads - the whole names when they fit the narrowest columns, else the short forms. */
static char **
heads(struct tui_diff *df, int width)
{
	return longest(df->names, df->n) <= (width >= 120 ? 12 : 8) ? df->names : df->labels;
}

static int
col_width(struct tui_diff *df, int width)
{
	int w = width >= 120 ? 12 : 8, room, want = longest(heads(df, width), df->n);

	room = (width / 2 - 1) / (int)df->n - 1;
	if (want > room)
		want = room;
	return want > w ? want : w;
}

int
diff_width(struct tui *tui, int width)
{
	if (!tui->diff || !tui->diff->n)
		return 0;
	return 1 + (int)tui->diff->n * (col_width(tui->diff, width) + 1);
}

/* choice_cell - the entry a config picks in a choice: its prompt. */
static const char *
choice_cell(struct tui_diff *df, struct kc_menu *choice, size_t col)
{
	struct kc_menu *c;
	struct kc_symbol *s;
	const char *v;

	for (c = kc_menu_child(choice); c; c = kc_menu_next(c)) {
		s = kc_menu_sym(c);
		if (!s || !kc_sym_name(s))
			continue;
		v = cell_value(df, kc_cfgdiff_find(df->d, s), col);
		if (v && !strcmp(v, "y"))
			return kc_menu_prompt(c) ? kc_menu_prompt(c) : kc_sym_name(s);
	}
	return "-";
}

void
diff_draw_cells(struct tui *tui, struct kc_menu *m, int y, int x, int width, bool selected)
{
	struct tui_diff *df = tui->diff;
	struct kc_symbol *sym = kc_menu_sym(m);
	int w, dw = diff_width(tui, width), col, attr;
	const char *v, *cur;
	size_t c;

	if (!dw)
		return;
	w = col_width(df, width);
	col = x + width - dw;
	if (idset_has(&df->differs, kc_menu_id(m)))
		draw_text(y, col, 1, display_utf8() ? "\xe2\x89\xa0" : "!",
			  role_attr(selected ? ROLE_CURSOR : ROLE_MATCH));
	if (!sym)
		return;
	cur = kc_sym_name(sym) ? current(sym) : NULL;
	for (c = 0; c < df->n; c++) {
		if (kc_sym_is_choice(sym)) {
			v = choice_cell(df, m, c);
			attr = ROLE_NORMAL;
		} else {
			v = cell_value(df, kc_cfgdiff_find(df->d, sym), c);
			attr = same_value(v, cur) ? ROLE_NORMAL : ROLE_MATCH;
			v = !v ? "-" : *v ? v : "\"\"";
		}
		draw_text(y, col + 2 + (int)c * (w + 1), w, v,
			  role_attr(selected ? ROLE_CURSOR : (enum role)attr));
	}
}

/* label - a column's head in @w columns; one too long ends with "~". */
static void
label(const char *name, int w, struct sbuf *out)
{
	size_t n = strlen(name);
	bool cut = utf8_width(name, n) > w;

	while (utf8_width(name, n) > (cut ? w - 1 : w))
		n = utf8_prev(name, n);
	sbuf_add(out, name, n);
	if (cut)
		sbuf_putc(out, '~');
	sbuf_printf(out, "%*s", w - utf8_width(name, n) - cut, "");
}

bool
diff_footer(struct tui *tui, int width, struct sbuf *out)
{
	struct tui_diff *df = tui->diff;
	int dw = diff_width(tui, width), w, pad;
	size_t c;

	if (!dw)
		return false;
	w = col_width(df, width);
	sbuf_printf(out, "%zu differ: ] next, [ previous, D %s", df->ndiffs,
		    df->only ? "shows all" : "only these");
	/* the column heads, under their columns (the footer starts at the view's edge) */
	pad = width - dw - utf8_width(sbuf_str(out), out->len);
	if (pad < 1)
		pad = 1;
	sbuf_printf(out, "%*s ", pad, "");
	for (c = 0; c < df->n; c++) {
		sbuf_putc(out, ' ');
		label(heads(df, width)[c], w, out);
	}
	return true;
}

/* ---- the information view ---- */

static const char *
how_text(enum kc_how how)
{
	switch (how) {
	case KC_HOW_EXPLICIT:
		return "set in the file";
	case KC_HOW_SELECT:
		return "forced by a select";
	case KC_HOW_IMPLY:
		return "raised by an imply";
	case KC_HOW_DEFAULT:
	default:
		return "from a default";
	}
}

void
diff_describe(struct tui *tui, struct kc_symbol *sym, struct sbuf *out)
{
	struct tui_diff *df = tui->diff;
	const struct kc_diff_row *row;
	const struct kc_diff_cell *c;
	size_t i;

	if (!df || !df->n || !kc_sym_name(sym))
		return;
	row = kc_cfgdiff_find(df->d, sym);
	for (i = 0; i < df->n; i++) {
		c = row ? kc_cfgdiff_cell(df->d, row, i) : NULL;
		sbuf_printf(out, "In %s: ", df->names[i]);
		if (!c || !c->value)
			sbuf_puts(out, "not written");
		else
			sbuf_printf(out, "%s, %s", *c->value ? c->value : "\"\"", how_text(c->how));
		if (c && c->file_value && c->how == KC_HOW_EXPLICIT && !c->overridden)
			sbuf_printf(out, " (line %d)", c->line);
		else if (c && c->file_value)
			sbuf_printf(out, "; the file says %s (line %d)",
				    *c->file_value ? c->file_value : "\"\"", c->line);
		if (c && c->is_new)
			sbuf_puts(out, " (new: the file has no line for it)");
		sbuf_putc(out, '\n');
	}
}

/* ---- the filter and jumps ---- */

bool
diff_hides(struct tui *tui, struct kc_menu *m)
{
	struct tui_diff *df = tui->diff;
	unsigned id = kc_menu_id(m);

	return df && df->only && !idset_has(&df->differs, id) && !idset_has(&df->above, id);
}

void
diff_toggle_only(struct tui *tui)
{
	if (!tui->diff) {
		tui_message(tui, "No config to compare with: A adds one (or kexplore --diff FILE)");
		return;
	}
	tui->diff->only = !tui->diff->only;
	tui_message(tui, tui->diff->only ? "Showing only the entries that differ" :
		    "Showing every entry");
	tui_reload_all(tui);
}

/* row_of - the entry that shows @m in the tree: a choice shows its members. */
static struct kc_menu *
row_of(struct kc_menu *m)
{
	struct kc_menu *p;

	for (p = kc_menu_parent(m); p && kc_menu_kind(p) == KC_M_IF; p = kc_menu_parent(p))
		;
	return p && kc_menu_kind(p) == KC_M_CHOICE ? p : m;
}

struct kc_menu *
diff_next(struct tui *tui, struct kc_menu *from, bool forward)
{
	struct tui_diff *df = tui->diff;
	struct kc_menu *root = kc_tree_root(tui->tree), *m, *first = NULL, *last = NULL;
	struct kc_menu *before = NULL, *after = NULL;
	bool past = false;

	if (!df || !df->ndiffs)
		return NULL;
	from = from ? row_of(from) : NULL;
	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root)) {
		if (m == from || row_of(m) == from) {
			past = true;
			continue;
		}
		if (!kc_menu_prompt(m) || !idset_has(&df->differs, kc_menu_id(m)))
			continue;
		if (!first)
			first = m;
		last = m;
		if (!past)
			before = m;
		else if (!after)
			after = m;
	}
	if (forward)
		return after ? after : first;
	return before ? before : last;
}
