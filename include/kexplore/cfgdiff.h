/* cfgdiff.h - comparing several .config files on one tree, with what each value means; for src/ and tests. */
#ifndef KEXPLORE_CFGDIFF_H
#define KEXPLORE_CFGDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * A diff loads N configs into one tree, one after the other, with
 * olddefconfig semantics (the values are those `make olddefconfig` would
 * write), and keeps for every symbol and config a cell: the value, and how
 * it came about. Symbols whose values differ are then sorted into root
 * choices and derived differences: a derived difference is one that is
 * forced, defaulted or hidden in some config because of another differing
 * symbol (a dependency, a select, an imply, a default's condition, a choice),
 * and it names the root choices it follows from.
 *
 * Lifecycle: kc_cfgdiff_new, kc_cfgdiff_add_* for each column,
 * kc_cfgdiff_compute once, then the accessors, kc_cfgdiff_free. Reading a
 * config adds the engine's diagnostics to the tree ("unknown symbol: X" with
 * file:line among them). kc_cfgdiff_compute puts the tree's user values back
 * as they were at kc_cfgdiff_new, so a front end can diff against the config
 * it is editing. Everything returned is borrowed from the diff (strings,
 * rows, cells) or the tree (symbols, menus) and lives until kc_cfgdiff_free.
 */

struct kc_cfgdiff;

/* How a value came about in one config. */
enum kc_how {
	KC_HOW_EXPLICIT,	/* the file's own value, honoured, and it could have been another */
	KC_HOW_DEFAULT,		/* a default, a choice's default member, or n for want of any source */
	KC_HOW_SELECT,		/* forced by a select (the file cannot lower it) */
	KC_HOW_IMPLY,		/* raised by an imply */
};
/* kc_how_name - "explicit", "default", "select" or "imply". */
const char *kc_how_name(enum kc_how how);

struct kc_diff_cell {
	const char *value;	/* as .config would have it, strings unquoted; NULL: not written */
	const char *file_value;	/* the file's value for it; NULL when the file has no line */
	int line;		/* that line, 0 when none */
	enum kc_how how;
	bool is_new;		/* a full config with no line for a symbol it would write:
				 * the symbol is newer than the config */
	bool overridden;	/* the file's value is not the one in effect */
};

enum kc_diff_kind {
	KC_DIFF_SAME,		/* the same in every config */
	KC_DIFF_ROOT,		/* differs, and two configs disagree on their own */
	KC_DIFF_DERIVED,	/* differs only because other differences force it */
};
/* kc_diff_kind_name - "same", "choice" or "derived". */
const char *kc_diff_kind_name(enum kc_diff_kind kind);

struct kc_diff_row {
	size_t index;		/* position in kc_cfgdiff_row() order */
	struct kc_symbol *sym;
	struct kc_menu *menu;	/* the symbol's entry (its first with a prompt) */
	struct kc_menu *group;	/* the menu it is listed under: menu, menuconfig, choice, or root */
	enum kc_diff_kind kind;
	bool all_written;	/* SAME and written by every config: what they all agree on */
	bool all_explicit;	/* SAME, and every config sets it explicitly */
	/* DERIVED: the differing symbols that directly decide it in the configs
	 * where it is not chosen, and the root choices those lead back to. */
	size_t ncauses, nroots;
	struct kc_symbol **causes, **roots;
	size_t nexplains;	/* ROOT: how many derived rows name it among their roots */
};

/* One config (a column). */
struct kc_diff_col {
	const char *path;	/* file as given, or the label of kc_cfgdiff_add_current */
	const char *name;	/* its last path component */
	const char *version;	/* "Linux/x86 6.12.117" from the header comment, or NULL */
	bool full;		/* written by conf ("Automatically generated file"): a symbol
				 * without a line in it is new, not defaulted */
	size_t nset;		/* assignments to known symbols in the file */
	size_t nunknown;	/* assignments to symbols the tree does not define */
	size_t nnew;		/* symbols written with no line in a full config */
};

/* A symbol a config assigns but the tree does not define (another kernel
 * version or arch). */
struct kc_diff_unknown {
	const char *name;
	const char **values;	/* per column: the file's value, NULL when absent */
	int *lines;		/* per column: its line, 0 when absent */
};

/*
 * kc_cfgdiff_new - start a diff on @tree (borrowed; it must outlive the diff).
 * Return the diff (never NULL); kc_cfgdiff_free() it.
 */
struct kc_cfgdiff *kc_cfgdiff_new(struct kc_tree *tree);
void kc_cfgdiff_free(struct kc_cfgdiff *d);

/*
 * kc_cfgdiff_add_file - read @path through kc_cfgfile_read (plain, gzip, xz or
 * zstd, at most 64 MiB, text) as one more column. Return KC_OK, KC_ENOENT /
 * KC_EIO (cannot read; errno set), or KC_EINVAL (corrupt, truncated, too large
 * or binary data); a diagnostic is recorded on the tree either way.
 */
enum kc_status kc_cfgdiff_add_file(struct kc_cfgdiff *d, const char *path);
/* kc_cfgdiff_add_buf - the same from memory (already decompressed); @name
 * labels the column and the diagnostics. */
enum kc_status kc_cfgdiff_add_buf(struct kc_cfgdiff *d, const char *name, const char *buf,
				  size_t len);
/* kc_cfgdiff_add_current - the tree's user values as they were at
 * kc_cfgdiff_new (e.g. the config being edited) as a column named @label;
 * a user value counts as explicit wherever it came from. */
void kc_cfgdiff_add_current(struct kc_cfgdiff *d, const char *label);

/*
 * kc_cfgdiff_compute - find the differences, sort them into root choices and
 * derived ones, and restore the tree's user values. Call it once, after the
 * last add and before the accessors below.
 */
void kc_cfgdiff_compute(struct kc_cfgdiff *d);

size_t kc_cfgdiff_ncols(const struct kc_cfgdiff *d);
const struct kc_diff_col *kc_cfgdiff_col(const struct kc_cfgdiff *d, size_t col);

/* Rows: every symbol some config writes, in menu order, grouped by menu
 * (all rows of a group together, a group before its submenus). */
size_t kc_cfgdiff_nrows(const struct kc_cfgdiff *d);
const struct kc_diff_row *kc_cfgdiff_row(const struct kc_cfgdiff *d, size_t i);
/* kc_cfgdiff_find - the row of @sym, NULL when no config writes it. */
const struct kc_diff_row *kc_cfgdiff_find(const struct kc_cfgdiff *d, const struct kc_symbol *sym);
/* kc_cfgdiff_cell - the cell of @row in column @col. */
const struct kc_diff_cell *kc_cfgdiff_cell(const struct kc_cfgdiff *d, const struct kc_diff_row *row,
					   size_t col);
/* kc_cfgdiff_ndiffs - rows that differ (ROOT or DERIVED). */
size_t kc_cfgdiff_ndiffs(const struct kc_cfgdiff *d);

/* Unknown symbols of all columns, sorted by name. */
size_t kc_cfgdiff_nunknown(const struct kc_cfgdiff *d);
const struct kc_diff_unknown *kc_cfgdiff_unknown(const struct kc_cfgdiff *d, size_t i);

/*
 * kc_cfgdiff_menu_path - the prompts of the menus, menuconfigs and choices above and
 * including @group, outermost first, joined by @sep ("" for the root).
 * Caller frees.
 */
char *kc_cfgdiff_menu_path(const struct kc_menu *group, const char *sep);

#endif /* KEXPLORE_CFGDIFF_H */
