/* diff.c - other configs in columns beside the menu tree (kexplore/cfgdiff.h):
 * each file is read with olddefconfig semantics once; the entries whose
 * value differs from the one being edited are found again after every
 * change, for the marker, the "next difference" jump and the filter. */
#include "config.h"

#include "tui-private.h"

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
			df->n--;
			build(tui);
			return;
		}
	}
	kc_cfgdiff_compute(df->d);
	kc_tree_clear_diags(tui->tree);
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
	for (i = 0; i < df->n; i++)
		free(df->paths[i]);
	idset_done(&df->differs);
	idset_done(&df->above);
	free(df);
	tui->diff = NULL;
}

/* ---- drawing ---- */

static int
col_width(int width)
{
	return width >= 120 ? 12 : 8;
}

int
diff_width(struct tui *tui, int width)
{
	if (!tui->diff || !tui->diff->n)
		return 0;
	return 1 + (int)tui->diff->n * (col_width(width) + 1);
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
	int w = col_width(width), dw = diff_width(tui, width), col, attr;
	const char *v, *cur;
	size_t c;

	if (!dw)
		return;
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

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* common_prefix - what the compared files' names all start with, when the
 * names are too long for their columns (config.amd64_none_amd64 and
 * config.amd64_none_cloud-amd64 are then "amd64" and "cloud-am"). */
static size_t
common_prefix(struct tui_diff *df, int w)
{
	const char *first = base_name(df->paths[0]), *name;
	size_t n = strlen(first), i, k;
	bool long_name = false;

	for (i = 0; i < df->n; i++) {
		name = base_name(df->paths[i]);
		long_name |= strlen(name) > (size_t)w;
		for (k = 0; k < n && name[k] == first[k]; k++)
			;
		n = k;
	}
	if (df->n < 2 || !long_name)
		return 0;
	/* keep whole words: back to a separator, and never the whole of a name */
	while (n > 0 && first[n - 1] != '.' && first[n - 1] != '_' && first[n - 1] != '-')
		n--;
	for (i = 0; i < df->n; i++)
		if (n >= strlen(base_name(df->paths[i])))
			return 0;
	return n;
}

/* label - a column's file name, at most @w bytes, cut at a character boundary. */
static void
label(const char *name, int w, struct sbuf *out)
{
	size_t n = strlen(name);

	while (n > (size_t)w)
		n = utf8_prev(name, n);
	sbuf_add(out, name, n);
	sbuf_printf(out, "%*s", w - utf8_width(name, n), "");
}

bool
diff_footer(struct tui *tui, int width, struct sbuf *out)
{
	struct tui_diff *df = tui->diff;
	int dw = diff_width(tui, width), w = col_width(width), pad;
	size_t c, skip;

	if (!dw)
		return false;
	skip = common_prefix(df, w);
	sbuf_printf(out, "%zu differ: ] next, [ previous, D %s", df->ndiffs,
		    df->only ? "shows all" : "only these");
	/* the column heads, under their columns (the footer starts at the view's edge) */
	pad = width - dw - utf8_width(sbuf_str(out), out->len);
	if (pad < 1)
		pad = 1;
	sbuf_printf(out, "%*s ", pad, "");
	for (c = 0; c < df->n; c++) {
		sbuf_putc(out, ' ');
		label(base_name(df->paths[c]) + skip, w, out);
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
		sbuf_printf(out, "In %s: ", base_name(df->paths[i]));
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
