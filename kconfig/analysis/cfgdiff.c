/* cfgdiff.c - several configs on one tree: per-symbol values, what they mean, and why they differ. */
#include "config.h"

#include "kexplore/cfgdiff.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/cfgfile.h"

#include "util.h"

struct column {
	struct kc_diff_col pub;
	struct kc_diff_cell *cells;	/* per symbol index (kc_tree_sym order) */
	struct kc_user_state *state;	/* its user values, to evaluate it again */
};

struct unk_rec {
	const char *name, *value;
	size_t col;
	int line;
};

struct kc_cfgdiff {
	struct kc_tree *tree;
	struct kc_arena arena;		/* strings and the rows' arrays */
	struct kc_user_state *orig;	/* the tree's user values at _new */
	struct kc_eval_state *fresh;	/* its evaluation state at _new */
	size_t nsyms;			/* symbols known at _new; later ones are ignored */
	struct kc_symbol **index;	/* open-addressing table: symbol -> index */
	size_t *index_pos, index_mask;
	struct column *cols;
	size_t ncols;
	struct unk_rec *unk;
	size_t nunk, unk_cap;
	struct kc_diff_row *rows;
	size_t nrows, ndiffs;
	size_t *row_of;			/* per symbol index: row + 1, 0 when none */
	struct kc_diff_unknown *unknowns;
	size_t nunknowns;
	bool computed;
};

static const char *const how_names[] = { "explicit", "default", "select", "imply" };
static const char *const kind_names[] = { "same", "choice", "derived" };

const char *
kc_how_name(enum kc_how how)
{
	return how <= KC_HOW_IMPLY ? how_names[how] : "?";
}

const char *
kc_diff_kind_name(enum kc_diff_kind kind)
{
	return kind <= KC_DIFF_DERIVED ? kind_names[kind] : "?";
}

/* ---- symbol index ------------------------------------------------------- */

static size_t
ptr_hash(const void *p)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9E3779B97F4A7C15ull;
	return (size_t)(v ^ (v >> 29));
}

static void
index_build(struct kc_cfgdiff *d)
{
	size_t cap = 16, i, h;

	while (cap < d->nsyms * 2)
		cap *= 2;
	d->index = kc_xcalloc(cap, sizeof(*d->index));
	d->index_pos = kc_xcalloc(cap, sizeof(*d->index_pos));
	d->index_mask = cap - 1;
	for (i = 0; i < d->nsyms; i++) {
		struct kc_symbol *s = kc_tree_sym(d->tree, i);

		for (h = ptr_hash(s) & d->index_mask; d->index[h]; h = (h + 1) & d->index_mask)
			;
		d->index[h] = s;
		d->index_pos[h] = i;
	}
}

/* The symbol's index, or (size_t)-1 for constants and unknown pointers. */
static size_t
sym_index(const struct kc_cfgdiff *d, const struct kc_symbol *s)
{
	size_t h;

	if (!s)
		return (size_t)-1;
	for (h = ptr_hash(s) & d->index_mask; d->index[h]; h = (h + 1) & d->index_mask)
		if (d->index[h] == s)
			return d->index_pos[h];
	return (size_t)-1;
}

/* ---- evaluation state --------------------------------------------------- */

/*
 * The kernel's choice evaluation reads the 'visible' of members it has not
 * recomputed (those after the first member set to y), so a value can depend
 * on what was evaluated before. conf starts from a fresh process for each
 * config; so does each column here: the cached results of evaluation are
 * put back as they were at kc_cfgdiff_new (kc_eval_state_seed), and the
 * config is then evaluated in menu order as conf writes it (kc_config_str).
 */

/*
 * Evaluate the tree's user values as conf would in a fresh process. The
 * computed values are written over without marking them stale, so the whole
 * tree is invalidated first: kc_user_state_restore no longer does that
 * (it re-evaluates only what changed).
 */
static void
evaluate_fresh(struct kc_cfgdiff *d)
{
	kc_tree_invalidate(d->tree);
	kc_eval_state_seed(d->tree, d->fresh);
	free(kc_config_str(d->tree));
}

/* ---- lifecycle ---------------------------------------------------------- */

struct kc_cfgdiff *
kc_cfgdiff_new(struct kc_tree *tree)
{
	struct kc_cfgdiff *d = kc_xcalloc(1, sizeof(*d));

	d->tree = tree;
	d->nsyms = kc_tree_nsyms(tree);
	d->orig = kc_user_state_save(tree);
	d->fresh = kc_eval_state_save(tree);
	index_build(d);
	return d;
}

void
kc_cfgdiff_free(struct kc_cfgdiff *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->ncols; i++) {
		free(d->cols[i].cells);
		kc_user_state_free(d->cols[i].state);
	}
	for (i = 0; i < d->nrows; i++) {
		free(d->rows[i].causes);
		free(d->rows[i].roots);
	}
	kc_user_state_free(d->orig);
	kc_eval_state_free(d->fresh);
	free(d->cols);
	free(d->unk);
	free(d->rows);
	free(d->row_of);
	free(d->unknowns);
	free(d->index);
	free(d->index_pos);
	kc_arena_free(&d->arena);
	free(d);
}

/* ---- one column --------------------------------------------------------- */

static bool
is_tri(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* Tristate strings are static in symbol.c; the others may die with the
 * next config read. */
static const char *
keep(struct kc_cfgdiff *d, const struct kc_symbol *s, const char *v)
{
	return is_tri(s) || !v ? v : kc_arena_strdup(&d->arena, v);
}

/* The file's value differs from the one in effect (not written counts as n). */
static bool
differs_from_file(const struct kc_symbol *s, const struct kc_diff_cell *c)
{
	if (!c->value)
		return !is_tri(s) || strcmp(c->file_value, "n");
	return strcmp(c->value, c->file_value) != 0;
}

static enum kc_how
classify(struct kc_symbol *s, const struct kc_diff_cell *c)
{
	enum kc_origin o = kc_sym_origin(s);

	if (!c->value)
		return KC_HOW_DEFAULT;
	if (is_tri(s)) {
		enum kc_tristate v = kc_sym_tristate(s);

		if (o == KC_FROM_SELECT || (v != KC_N && kc_sym_rev_dep_value(s) >= v))
			return KC_HOW_SELECT;
		if (o == KC_FROM_IMPLY)
			return KC_HOW_IMPLY;
	}
	if (c->file_value && !c->overridden && (o == KC_FROM_USER || o == KC_FROM_CHOICE) &&
	    kc_sym_visibility(s) != KC_N)
		return KC_HOW_EXPLICIT;
	return KC_HOW_DEFAULT;
}

static void
fill_cell(struct kc_cfgdiff *d, struct kc_symbol *s, struct kc_diff_cell *c, bool full)
{
	if (kc_sym_written(s))
		c->value = keep(d, s, kc_sym_string(s));
	if (kc_sym_has_user_value(s)) {
		c->file_value = keep(d, s, kc_sym_user_string(s));
		kc_sym_user_file(s, &c->line);
		c->overridden = differs_from_file(s, c);
	}
	c->is_new = full && c->value && !c->file_value;
	c->how = classify(s, c);
}

static struct column *
new_column(struct kc_cfgdiff *d, const char *path)
{
	struct column *col;
	const char *slash = strrchr(path, '/');

	d->cols = kc_xrealloc(d->cols, (d->ncols + 1) * sizeof(*d->cols));
	col = &d->cols[d->ncols++];
	memset(col, 0, sizeof(*col));
	col->pub.path = kc_arena_strdup(&d->arena, path);
	col->pub.name = slash && slash[1] ? col->pub.path + (slash + 1 - path) : col->pub.path;
	col->cells = kc_xcalloc(d->nsyms ? d->nsyms : 1, sizeof(*col->cells));
	return col;
}

static void
snapshot(struct kc_cfgdiff *d, struct column *col)
{
	size_t i;

	for (i = 0; i < d->nsyms; i++) {
		struct kc_symbol *s = kc_tree_sym(d->tree, i);

		if (!kc_sym_defined(s) || kc_sym_type(s) == KC_UNKNOWN)
			continue;
		fill_cell(d, s, &col->cells[i], col->pub.full);
		if (col->cells[i].is_new)
			col->pub.nnew++;
	}
	col->state = kc_user_state_save(d->tree);
}

static void
add_unknown(struct kc_cfgdiff *d, const char *name, size_t nlen, const char *value, size_t vlen,
	    int line)
{
	struct unk_rec *r;

	if (d->nunk == d->unk_cap) {
		d->unk_cap = d->unk_cap ? d->unk_cap * 2 : 64;
		d->unk = kc_xrealloc(d->unk, d->unk_cap * sizeof(*d->unk));
	}
	r = &d->unk[d->nunk++];
	r->name = kc_arena_strndup(&d->arena, name, nlen);
	r->value = kc_arena_strndup(&d->arena, value, vlen);
	r->col = d->ncols - 1;
	r->line = line;
}

/* One line as conf reads it: "CONFIG_X=v" or "# CONFIG_X is not set". */
static void
scan_line(struct kc_cfgdiff *d, struct column *col, const char *p, size_t len, int lineno)
{
	const char *name, *value, *end = p + len;
	size_t nlen, vlen;
	char *tmp;
	struct kc_symbol *s;

	while (len && (p[len - 1] == '\r'))
		end = p + --len;
	if (len > 9 && !strncmp(p, "# CONFIG_", 9) && len > 20 &&
	    !strncmp(end - 11, " is not set", 11)) {
		name = p + 9;
		nlen = (size_t)(end - 11 - name);
		value = "n";
		vlen = 1;
	} else if (len > 7 && !strncmp(p, "CONFIG_", 7) && memchr(p, '=', len)) {
		name = p + 7;
		nlen = (size_t)((const char *)memchr(p, '=', len) - name);
		value = name + nlen + 1;
		vlen = (size_t)(end - value);
	} else {
		if (!col->pub.version && len > 24 && !strncmp(p, "# Linux/", 8) &&
		    !strncmp(end - 21, " Kernel Configuration", 21))
			col->pub.version = kc_arena_strndup(&d->arena, p + 2, len - 23);
		if (len == 44 && !strncmp(p, "# Automatically generated file; DO NOT EDIT.", 44))
			col->pub.full = true;
		return;
	}
	if (!nlen || memchr(name, ' ', nlen))
		return;
	tmp = kc_xstrndup(name, nlen);
	s = kc_sym_find(d->tree, tmp);
	free(tmp);
	if (s && kc_sym_defined(s) && kc_sym_type(s) != KC_UNKNOWN) {
		col->pub.nset++;
		return;
	}
	col->pub.nunknown++;
	add_unknown(d, name, nlen, value, vlen, lineno);
}

static void
scan_file(struct kc_cfgdiff *d, struct column *col, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;
	int lineno = 0;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		scan_line(d, col, p, (size_t)(nl - p), ++lineno);
		p = nl + 1;
	}
}

enum kc_status
kc_cfgdiff_add_buf(struct kc_cfgdiff *d, const char *name, const char *buf, size_t len)
{
	struct column *col = new_column(d, name);
	enum kc_status st;

	/* the original choice priorities, so that no earlier column leaks in */
	kc_user_state_restore(d->tree, d->orig);
	kc_eval_state_seed(d->tree, d->fresh);
	scan_file(d, col, buf, len);
	st = kc_config_read_buf(d->tree, name, buf, len);
	free(kc_config_str(d->tree));
	snapshot(d, col);
	return st;
}

enum kc_status
kc_cfgdiff_add_file(struct kc_cfgdiff *d, const char *path)
{
	struct kc_cfgfile f;
	enum kc_status st = kc_cfgfile_read(path, KC_CFG_TEXT, &f);

	if (st != KC_OK) {
		kc_diag_add(d->tree, KC_ERROR, path, 0, 0, "cannot read: %s", f.error);
		errno = f.err;
		kc_cfgfile_done(&f);
		return st;
	}
	st = kc_cfgdiff_add_buf(d, path, f.data, f.len);
	kc_cfgfile_done(&f);
	return st;
}

void
kc_cfgdiff_add_current(struct kc_cfgdiff *d, const char *label)
{
	struct column *col = new_column(d, label);
	size_t i;

	kc_user_state_restore(d->tree, d->orig);
	evaluate_fresh(d);
	snapshot(d, col);
	for (i = 0; i < d->nsyms; i++)
		col->pub.nset += col->cells[i].file_value != NULL;
}

/* ---- menu order and groups ---------------------------------------------- */

static bool
is_group(const struct kc_menu *m)
{
	enum kc_menu_kind k = kc_menu_kind(m);

	return k == KC_M_ROOT || k == KC_M_MENU || k == KC_M_CHOICE ||
	       (k == KC_M_CONFIG && kc_menu_is_menuconfig(m));
}

static struct kc_menu *
group_of(struct kc_tree *t, struct kc_menu *m)
{
	for (m = kc_menu_parent(m); m; m = kc_menu_parent(m))
		if (is_group(m))
			return m;
	return kc_tree_root(t);
}

/* The entry a symbol is listed at: its first with a prompt, else its first. */
static struct kc_menu *
primary_menu(const struct kc_symbol *s)
{
	size_t i, n = kc_sym_nmenus(s);

	for (i = 0; i < n; i++)
		if (kc_menu_prompt_prop(kc_sym_menu(s, i)))
			return kc_sym_menu(s, i);
	return n ? kc_sym_menu(s, 0) : NULL;
}

/* Depth-first position of every menu entry, by id; the root is 0. */
static size_t *
walk_positions(struct kc_tree *t)
{
	size_t nmenus = kc_tree_nmenus(t), k = 0;
	size_t *pos = kc_xcalloc(nmenus + 1, sizeof(*pos));
	struct kc_menu *m, *root = kc_tree_root(t);

	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root))
		if (kc_menu_id(m) < nmenus)
			pos[kc_menu_id(m)] = ++k;
	return pos;
}

static size_t
menu_pos(const struct kc_tree *t, const size_t *pos, const struct kc_menu *m)
{
	return m == kc_tree_root(t) || kc_menu_id(m) >= kc_tree_nmenus(t) ? 0 : pos[kc_menu_id(m)];
}

struct sort_key {
	size_t group, entry, sym;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* ---- rows --------------------------------------------------------------- */

static const struct kc_diff_cell *
cell_at(const struct kc_cfgdiff *d, size_t col, size_t symi)
{
	return &d->cols[col].cells[symi];
}

static bool
same_value(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* What a cell amounts to: a bool/tristate not written is n. */
static const char *
effective(const struct kc_symbol *s, const char *v)
{
	return !v && is_tri(s) ? "n" : v;
}

static void
classify_same(const struct kc_cfgdiff *d, struct kc_diff_row *r, size_t symi)
{
	size_t c;

	r->all_written = r->all_explicit = true;
	for (c = 0; c < d->ncols; c++) {
		const struct kc_diff_cell *cell = cell_at(d, c, symi);

		if (!cell->value)
			r->all_written = r->all_explicit = false;
		if (cell->how != KC_HOW_EXPLICIT)
			r->all_explicit = false;
	}
}

static bool
written_anywhere(const struct kc_cfgdiff *d, size_t symi, bool *differs)
{
	size_t c;
	bool any = false;

	*differs = false;
	for (c = 0; c < d->ncols; c++) {
		const char *v = cell_at(d, c, symi)->value;

		any |= v != NULL;
		if (c && !same_value(v, cell_at(d, 0, symi)->value))
			*differs = true;
	}
	return any;
}

static void
build_rows(struct kc_cfgdiff *d)
{
	struct kc_tree *t = d->tree;
	size_t *pos = walk_positions(t), i, n = 0;
	struct sort_key *keys = kc_xcalloc(d->nsyms ? d->nsyms : 1, sizeof(*keys));
	bool *differs = kc_xcalloc(d->nsyms ? d->nsyms : 1, sizeof(*differs));

	for (i = 0; i < d->nsyms; i++) {
		struct kc_symbol *s = kc_tree_sym(t, i);
		struct kc_menu *m;

		if (!kc_sym_defined(s) || kc_sym_type(s) == KC_UNKNOWN)
			continue;
		m = primary_menu(s);
		if (!m || !written_anywhere(d, i, &differs[i]))
			continue;
		keys[n].group = menu_pos(t, pos, group_of(t, m));
		keys[n].entry = menu_pos(t, pos, m);
		keys[n++].sym = i;
	}
	qsort(keys, n, sizeof(*keys), cmp_key);
	d->rows = kc_xcalloc(n ? n : 1, sizeof(*d->rows));
	d->row_of = kc_xcalloc(d->nsyms ? d->nsyms : 1, sizeof(*d->row_of));
	for (i = 0; i < n; i++) {
		struct kc_diff_row *r = &d->rows[i];

		r->index = i;
		r->sym = kc_tree_sym(t, keys[i].sym);
		r->menu = primary_menu(r->sym);
		r->group = group_of(t, r->menu);
		r->kind = differs[keys[i].sym] ? KC_DIFF_ROOT : KC_DIFF_SAME;
		if (r->kind == KC_DIFF_SAME)
			classify_same(d, r, keys[i].sym);
		else
			d->ndiffs++;
		d->row_of[keys[i].sym] = i + 1;
	}
	d->nrows = n;
	free(keys);
	free(differs);
	free(pos);
}

static struct kc_diff_row *
diff_row_of(const struct kc_cfgdiff *d, const struct kc_symbol *s)
{
	size_t i = sym_index(d, s);
	struct kc_diff_row *r;

	if (i == (size_t)-1 || !d->row_of[i])
		return NULL;
	r = &d->rows[d->row_of[i] - 1];
	return r->kind == KC_DIFF_SAME ? NULL : r;
}

/* ---- why a derived difference differs ------------------------------------ */

struct cause_ctx {
	struct kc_cfgdiff *d;
	size_t col;
	const struct kc_diff_row *row;	/* the row being explained */
	struct kc_vec *set;		/* its causes so far (struct kc_symbol *) */
	size_t found;			/* causes seen for the current cell */
};

static void
add_sym(struct cause_ctx *x, struct kc_symbol *s)
{
	struct kc_diff_row *r = diff_row_of(x->d, s);
	size_t i;

	if (!r || r == x->row)
		return;
	x->found++;
	for (i = 0; i < x->set->n; i++)
		if (x->set->v[i] == s)
			return;
	kc_vec_push(x->set, s);
}

static void
add_expr(struct cause_ctx *x, struct kc_expr *e)
{
	if (!e)
		return;
	switch (kc_expr_type(e)) {
	case KC_E_NOT:
		add_expr(x, kc_expr_left(e));
		break;
	case KC_E_AND:
	case KC_E_OR:
		add_expr(x, kc_expr_left(e));
		add_expr(x, kc_expr_right(e));
		break;
	case KC_E_SYMBOL:
		add_sym(x, kc_expr_sym(e));
		break;
	default:
		add_sym(x, kc_expr_sym(e));
		add_sym(x, kc_expr_sym2(e));
	}
}

/* Prompt conditions: what makes the symbol visible (they include the deps). */
static void
add_prompts(struct cause_ctx *x, const struct kc_symbol *s)
{
	struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if ((kc_prop_type(p) == KC_P_PROMPT || kc_prop_type(p) == KC_P_MENU) &&
		    kc_prop_text(p))
			add_expr(x, kc_prop_cond(p));
}

/* The defaults up to the first whose condition holds: it gives the value,
 * the ones before it lose by their conditions. */
static void
add_defaults(struct cause_ctx *x, const struct kc_symbol *s, bool values)
{
	struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != KC_P_DEFAULT)
			continue;
		add_expr(x, kc_prop_cond(p));
		if (values)
			add_expr(x, kc_prop_expr(p));
		if (kc_expr_eval(x->d->tree, kc_prop_cond(p)) != KC_N)
			return;
	}
}

static void
add_props(struct cause_ctx *x, const struct kc_symbol *s, enum kc_prop_type type)
{
	struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != type)
			continue;
		add_expr(x, kc_prop_expr(p));
		add_expr(x, kc_prop_cond(p));
	}
}

/* The selects (or implies) pointing at @s that are active now: the owner and the
 * condition both above n. */
static void
add_active_selectors(struct cause_ctx *x, struct kc_symbol *s, enum kc_prop_type type)
{
	size_t i, n = kc_sym_nselectors(s);

	for (i = 0; i < n; i++) {
		struct kc_prop *p = kc_sym_selector(s, i);
		enum kc_tristate owner, cond;

		if (kc_prop_type(p) != type)
			continue;
		/* both computed, as before: evaluation order can matter in a cycle */
		owner = kc_sym_tristate(kc_prop_owner(p));
		cond = kc_expr_eval(x->d->tree, kc_prop_cond(p));
		if (owner == KC_N || cond == KC_N)
			continue;
		add_sym(x, kc_prop_owner(p));
		add_expr(x, kc_prop_cond(p));
	}
}

/* A choice member follows from the choice's visibility and defaults, and
 * from another member the config chose explicitly. */
static void
choice_causes(struct cause_ctx *x, struct kc_symbol *s, struct kc_menu *choice)
{
	struct kc_symbol *cs = kc_menu_sym(choice);
	struct kc_menu *m;

	add_prompts(x, cs);
	add_expr(x, kc_sym_dir_dep(cs));
	add_defaults(x, cs, false);
	add_prompts(x, s);
	for (m = kc_menu_walk(choice, choice); m; m = kc_menu_walk(m, choice)) {
		struct kc_symbol *ms = kc_menu_sym(m);
		size_t i = sym_index(x->d, ms);
		const struct kc_diff_cell *c;

		if (!ms || ms == s || i == (size_t)-1 || kc_sym_choice(ms) != choice)
			continue;
		c = cell_at(x->d, x->col, i);
		if (c->how == KC_HOW_EXPLICIT && c->value && !strcmp(c->value, "y"))
			add_sym(x, ms);
	}
}

static void
cell_causes(struct cause_ctx *x, struct kc_symbol *s, const struct kc_diff_cell *c)
{
	struct kc_menu *choice = kc_sym_choice(s);

	if (choice) {
		choice_causes(x, s, choice);
	} else if (c->how == KC_HOW_SELECT) {
		add_active_selectors(x, s, KC_P_SELECT);
	} else if (c->how == KC_HOW_IMPLY) {
		add_active_selectors(x, s, KC_P_IMPLY);
		add_expr(x, kc_sym_dir_dep(s));
	} else {
		if (kc_sym_visibility(s) != KC_Y || kc_sym_dir_dep_value(s) != KC_Y) {
			add_prompts(x, s);
			add_expr(x, kc_sym_dir_dep(s));
		}
		add_defaults(x, s, true);
		add_expr(x, kc_sym_implied(s));
		add_expr(x, kc_sym_rev_dep(s));
		add_props(x, s, KC_P_RANGE);
	}
	if (kc_sym_type(s) == KC_TRISTATE)
		add_sym(x, kc_tree_modules_sym(x->d->tree));
}

/* For every differing row: its causes, and whether each cell is unexplained
 * (explicit, or with no differing symbol behind it). */
static void
find_causes(struct kc_cfgdiff *d, struct kc_vec *sets, bool *unexplained)
{
	struct cause_ctx x = { .d = d };
	size_t c, i;

	for (c = 0; c < d->ncols; c++) {
		kc_user_state_restore(d->tree, d->cols[c].state);
		evaluate_fresh(d);
		x.col = c;
		for (i = 0; i < d->nrows; i++) {
			struct kc_diff_row *r = &d->rows[i];
			const struct kc_diff_cell *cell;

			if (r->kind == KC_DIFF_SAME)
				continue;
			cell = cell_at(d, c, sym_index(d, r->sym));
			x.row = r;
			x.set = &sets[i];
			x.found = 0;
			if (cell->how != KC_HOW_EXPLICIT)
				cell_causes(&x, r->sym, cell);
			unexplained[i * d->ncols + c] = x.found == 0;
		}
	}
}

/* A row is a root choice when two configs disagree where neither value is
 * explained by another difference. */
static void
decide_roots(struct kc_cfgdiff *d, const bool *unexplained)
{
	size_t i, c;

	for (i = 0; i < d->nrows; i++) {
		struct kc_diff_row *r = &d->rows[i];
		size_t symi = sym_index(d, r->sym);
		const char *first = NULL;
		bool have = false, root = false;

		if (r->kind == KC_DIFF_SAME)
			continue;
		for (c = 0; c < d->ncols; c++) {
			const char *v = effective(r->sym, cell_at(d, c, symi)->value);

			if (!unexplained[i * d->ncols + c])
				continue;
			if (have && !same_value(v, first))
				root = true;
			first = have ? first : v;
			have = true;
		}
		r->kind = root ? KC_DIFF_ROOT : KC_DIFF_DERIVED;
	}
}

/* ---- root choices behind derived rows ------------------------------------ */

struct closure {
	size_t nroot, nder, words;
	size_t *id;		/* per row: root id or derived id */
	size_t *root_row;	/* per root id: its row */
	uint64_t *bits;		/* per derived id: set of root ids */
};

static void
closure_init(struct kc_cfgdiff *d, struct closure *cl)
{
	size_t i;

	memset(cl, 0, sizeof(*cl));
	cl->id = kc_xcalloc(d->nrows ? d->nrows : 1, sizeof(*cl->id));
	cl->root_row = kc_xcalloc(d->nrows ? d->nrows : 1, sizeof(*cl->root_row));
	for (i = 0; i < d->nrows; i++) {
		if (d->rows[i].kind == KC_DIFF_ROOT) {
			cl->root_row[cl->nroot] = i;
			cl->id[i] = cl->nroot++;
		} else if (d->rows[i].kind == KC_DIFF_DERIVED) {
			cl->id[i] = cl->nder++;
		}
	}
	cl->words = (cl->nroot + 63) / 64;
	cl->bits = kc_xcalloc(cl->nder * cl->words + 1, sizeof(*cl->bits));
}

static void
closure_done(struct closure *cl)
{
	free(cl->id);
	free(cl->root_row);
	free(cl->bits);
}

/* One pass: a derived row's roots are its root causes plus the roots of its
 * derived causes. Return whether anything was added. */
static bool
closure_pass(struct kc_cfgdiff *d, struct closure *cl, const struct kc_vec *sets)
{
	bool changed = false;
	size_t i, j, w;

	for (i = 0; i < d->nrows; i++) {
		uint64_t *mine = cl->bits + cl->id[i] * cl->words;

		if (d->rows[i].kind != KC_DIFF_DERIVED)
			continue;
		for (j = 0; j < sets[i].n; j++) {
			const struct kc_diff_row *c = diff_row_of(d, sets[i].v[j]);
			size_t cid = cl->id[c->index];
			const uint64_t *theirs;

			if (c->kind == KC_DIFF_ROOT) {
				changed |= !(mine[cid / 64] & (1ull << (cid % 64)));
				mine[cid / 64] |= 1ull << (cid % 64);
				continue;
			}
			theirs = cl->bits + cid * cl->words;
			for (w = 0; w < cl->words; w++) {
				changed |= (theirs[w] & ~mine[w]) != 0;
				mine[w] |= theirs[w];
			}
		}
	}
	return changed;
}

/* Derived rows that lead to no root (cycles among themselves) become roots. */
static bool
promote_orphans(struct kc_cfgdiff *d, const struct closure *cl)
{
	bool any = false;
	size_t i, w;

	for (i = 0; i < d->nrows; i++) {
		const uint64_t *mine = cl->bits + cl->id[i] * cl->words;
		uint64_t acc = 0;

		if (d->rows[i].kind != KC_DIFF_DERIVED)
			continue;
		for (w = 0; w < cl->words; w++)
			acc |= mine[w];
		if (!acc) {
			d->rows[i].kind = KC_DIFF_ROOT;
			any = true;
		}
	}
	return any;
}

static void
store_roots(struct kc_cfgdiff *d, const struct closure *cl)
{
	size_t i, k;

	for (i = 0; i < d->nrows; i++) {
		struct kc_diff_row *r = &d->rows[i];
		const uint64_t *mine = cl->bits + cl->id[i] * cl->words;

		if (r->kind != KC_DIFF_DERIVED)
			continue;
		for (k = 0; k < cl->words; k++)
			r->nroots += (size_t)__builtin_popcountll(mine[k]);
		r->roots = kc_xcalloc(r->nroots + 1, sizeof(*r->roots));
		r->nroots = 0;
		for (k = 0; k < cl->nroot; k++) {
			struct kc_diff_row *root = &d->rows[cl->root_row[k]];

			if (!(mine[k / 64] & (1ull << (k % 64))))
				continue;
			r->roots[r->nroots++] = root->sym;
			root->nexplains++;
		}
	}
}

static void
explain_derived(struct kc_cfgdiff *d, const struct kc_vec *sets)
{
	struct closure cl;

	for (;;) {
		closure_init(d, &cl);
		while (closure_pass(d, &cl, sets))
			;
		if (!promote_orphans(d, &cl))
			break;
		closure_done(&cl);
	}
	store_roots(d, &cl);
	closure_done(&cl);
}

/* ---- unknown symbols ---------------------------------------------------- */

static int
cmp_unk(const void *a, const void *b)
{
	const struct unk_rec *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void
merge_unknowns(struct kc_cfgdiff *d)
{
	size_t i;
	struct kc_diff_unknown *u = NULL;

	if (d->nunk)	/* qsort(NULL, 0) is undefined (UBSan) */
		qsort(d->unk, d->nunk, sizeof(*d->unk), cmp_unk);
	d->unknowns = kc_xcalloc(d->nunk ? d->nunk : 1, sizeof(*d->unknowns));
	for (i = 0; i < d->nunk; i++) {
		const struct unk_rec *r = &d->unk[i];

		if (!u || strcmp(u->name, r->name)) {
			u = &d->unknowns[d->nunknowns++];
			u->name = r->name;
			u->values = kc_arena_alloc(&d->arena, d->ncols * sizeof(*u->values));
			u->lines = kc_arena_alloc(&d->arena, d->ncols * sizeof(*u->lines));
		}
		/* later lines win, as when conf reads the file */
		u->values[r->col] = r->value;
		u->lines[r->col] = r->line;
	}
}

/* ---- compute and accessors ---------------------------------------------- */

void
kc_cfgdiff_compute(struct kc_cfgdiff *d)
{
	struct kc_vec *sets;
	bool *unexplained;
	size_t i;

	if (d->computed)
		return;
	d->computed = true;
	build_rows(d);
	sets = kc_xcalloc(d->nrows ? d->nrows : 1, sizeof(*sets));
	unexplained = kc_xcalloc(d->nrows * d->ncols + 1, sizeof(*unexplained));
	find_causes(d, sets, unexplained);
	decide_roots(d, unexplained);
	explain_derived(d, sets);
	for (i = 0; i < d->nrows; i++) {
		struct kc_diff_row *r = &d->rows[i];

		if (r->kind == KC_DIFF_DERIVED) {
			r->ncauses = sets[i].n;
			r->causes = kc_xmalloc((sets[i].n + 1) * sizeof(*r->causes));
			memcpy(r->causes, sets[i].v, sets[i].n * sizeof(*r->causes));
		}
		kc_vec_free(&sets[i]);
	}
	free(sets);
	free(unexplained);
	merge_unknowns(d);
	kc_user_state_restore(d->tree, d->orig);
	evaluate_fresh(d);
}

size_t
kc_cfgdiff_ncols(const struct kc_cfgdiff *d)
{
	return d->ncols;
}

const struct kc_diff_col *
kc_cfgdiff_col(const struct kc_cfgdiff *d, size_t col)
{
	return col < d->ncols ? &d->cols[col].pub : NULL;
}

size_t
kc_cfgdiff_nrows(const struct kc_cfgdiff *d)
{
	return d->nrows;
}

const struct kc_diff_row *
kc_cfgdiff_row(const struct kc_cfgdiff *d, size_t i)
{
	return i < d->nrows ? &d->rows[i] : NULL;
}

const struct kc_diff_row *
kc_cfgdiff_find(const struct kc_cfgdiff *d, const struct kc_symbol *sym)
{
	size_t i = sym_index(d, sym);

	if (i == (size_t)-1 || !d->row_of || !d->row_of[i])
		return NULL;
	return &d->rows[d->row_of[i] - 1];
}

const struct kc_diff_cell *
kc_cfgdiff_cell(const struct kc_cfgdiff *d, const struct kc_diff_row *row, size_t col)
{
	if (!row || col >= d->ncols)
		return NULL;
	return cell_at(d, col, sym_index(d, row->sym));
}

size_t
kc_cfgdiff_ndiffs(const struct kc_cfgdiff *d)
{
	return d->ndiffs;
}

size_t
kc_cfgdiff_nunknown(const struct kc_cfgdiff *d)
{
	return d->nunknowns;
}

const struct kc_diff_unknown *
kc_cfgdiff_unknown(const struct kc_cfgdiff *d, size_t i)
{
	return i < d->nunknowns ? &d->unknowns[i] : NULL;
}
