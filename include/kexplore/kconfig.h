/* kconfig.h - public API of libkconfig, kexplore's Kconfig engine; for src/ and tests. */
#ifndef KEXPLORE_KCONFIG_H
#define KEXPLORE_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Ownership: a returned `const char *` or object pointer is borrowed and
 * lives as long as the tree; a returned `char *` belongs to the caller
 * (free()). No function here prints, exits or keeps global state: several
 * trees can be loaded in one process.
 */

#define KC_STATUS_LIST(_) \
	_(OK, "success") \
	_(ENOENT, "file not found") \
	_(EIO, "input/output error") \
	_(EPARSE, "Kconfig parse error") \
	_(EINVAL, "invalid value") \
	_(ERANGE, "value out of range") \
	_(ENOSYM, "unknown symbol") \
	_(ENOTVISIBLE, "symbol cannot be changed") \
	_(ECHANGED, "file changed on disk since it was read")

enum kc_status {
#define KC_STATUS_ENUM(name, msg) KC_##name,
	KC_STATUS_LIST(KC_STATUS_ENUM)
#undef KC_STATUS_ENUM
};

/* kc_status_str - human-readable text of a status code (static string). */
const char *kc_status_str(enum kc_status st);

enum kc_tristate { KC_N = 0, KC_M = 1, KC_Y = 2 };

enum kc_type { KC_UNKNOWN, KC_BOOL, KC_TRISTATE, KC_INT, KC_HEX, KC_STRING };

enum kc_level { KC_NOTE, KC_WARNING, KC_ERROR };

struct kc_diag {
	enum kc_level level;
	const char *file;	/* NULL when not tied to a file */
	int line;		/* 0 when unknown */
	int column;		/* 0 when unknown */
	const char *message;
};

struct kc_tree;
struct kc_symbol;
struct kc_menu;
struct kc_expr;
struct kc_prop;

/* ---- loading ---------------------------------------------------------- */

struct kc_load_opts {
	const char *srctree;	/* kernel tree, default "." */
	const char *arch;	/* ARCH as given to make (x86_64, arm64, ...); NULL: $ARCH or host */
	const char *kconfig;	/* top Kconfig file relative to srctree, default "Kconfig" */
	bool no_shell;		/* $(shell,...) yields "" and is recorded */
	bool no_cache;		/* do not read or write the $(shell,...) cache */
	const char *cache_dir;	/* shell cache folder; NULL: $KEXPLORE_CACHE/shell or ~/.cache/kexplore/shell */
	const char *const *env;	/* extra NAME=VALUE overrides, NULL-terminated, may be NULL */
	bool allow_outside_tree;	/* allow source of files outside srctree */
	/* The top Kconfig's text from memory instead of srctree/kconfig (fuzzing,
	 * tests); files it sources are still read from srctree. */
	const char *kconfig_text;
	size_t kconfig_len;
};

/*
 * kc_tree_load - parse a whole kernel tree into a symbol graph.
 * @opts: what to load; @out: receives the tree (also on a parse error, so
 * that its diagnostics can be read; NULL only when out of memory).
 * Return: KC_OK, KC_ENOENT (no top Kconfig) or KC_EPARSE. Values are the
 * defaults (as with no .config) until a config is read.
 */
enum kc_status kc_tree_load(const struct kc_load_opts *opts, struct kc_tree **out);

/* kc_tree_free - release a tree and everything borrowed from it. NULL is fine. */
void kc_tree_free(struct kc_tree *tree);

/* Diagnostics collected so far (parse, config read, evaluation warnings). */
size_t kc_tree_ndiags(const struct kc_tree *tree);
const struct kc_diag *kc_tree_diag(const struct kc_tree *tree, size_t i);
/* kc_diag_format - "file:line:col: level: message" (caller frees). */
char *kc_diag_format(const struct kc_diag *d);
/* kc_tree_clear_diags - forget collected diagnostics. */
void kc_tree_clear_diags(struct kc_tree *tree);
/* kc_tree_trim_diags - forget the diagnostics after the first @n (those of repeated reads). */
void kc_tree_trim_diags(struct kc_tree *tree, size_t n);
/* kc_diag_add - record a diagnostic on the tree (the engine and its analyses never print):
 * @file NULL and @line/@col 0 when unknown; the message is formatted and copied. */
void kc_diag_add(struct kc_tree *tree, enum kc_level level, const char *file, int line, int col,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));

const char *kc_tree_srctree(const struct kc_tree *tree);
const char *kc_tree_arch(const struct kc_tree *tree);	/* ARCH */
const char *kc_tree_srcarch(const struct kc_tree *tree);	/* SRCARCH */
const char *kc_tree_kernelversion(const struct kc_tree *tree);
/* kc_tree_language - the kernel versions whose Kconfig rules the tree is read with
 * ("5.19 to 6.10", "7.0 and later", ...; see doc/LANGUAGES.md). */
const char *kc_tree_language(const struct kc_tree *tree);
const char *kc_tree_mainmenu(const struct kc_tree *tree);	/* the mainmenu prompt */
size_t kc_tree_nfiles(const struct kc_tree *tree);	/* Kconfig files parsed */
const char *kc_tree_file(const struct kc_tree *tree, size_t i);

struct kc_shell_stats {
	unsigned run;		/* commands actually executed */
	unsigned cached;	/* answered from the cache */
	unsigned skipped;	/* suppressed by no_shell */
	double seconds;		/* wall time spent waiting for commands */
};
void kc_tree_shell_stats(const struct kc_tree *tree, struct kc_shell_stats *st);
/* The i-th distinct $(shell,...) command and its output, with how it was answered
 * ('r' run, 'c' cache, 's' skipped). Return false past the end. */
bool kc_tree_shell_cmd(const struct kc_tree *tree, size_t i, const char **cmd,
		       const char **output, char *how);

/* ---- symbols ---------------------------------------------------------- */

size_t kc_tree_nsyms(const struct kc_tree *tree);	/* named, non-constant symbols */
struct kc_symbol *kc_tree_sym(const struct kc_tree *tree, size_t i);	/* in definition order */
/* kc_sym_find - look up by name, with or without the CONFIG_ prefix; NULL if unknown. */
struct kc_symbol *kc_sym_find(const struct kc_tree *tree, const char *name);
/* kc_tree_modules_sym - the symbol carrying the 'modules' attribute, or NULL. */
struct kc_symbol *kc_tree_modules_sym(const struct kc_tree *tree);

const char *kc_sym_name(const struct kc_symbol *sym);	/* NULL for a choice */
enum kc_type kc_sym_type(const struct kc_symbol *sym);	/* declared type */
/* kc_sym_shown_type - the type in effect: a tristate acts as bool while MODULES is n. */
enum kc_type kc_sym_shown_type(struct kc_symbol *sym);
const char *kc_type_name(enum kc_type t);		/* "bool", "tristate", ... */
bool kc_sym_is_choice(const struct kc_symbol *sym);
bool kc_sym_is_const(const struct kc_symbol *sym);
/* kc_sym_defined - false for names only referenced, never defined (e.g. other arches). */
bool kc_sym_defined(const struct kc_symbol *sym);

/* Current values (computed lazily, always up to date). */
enum kc_tristate kc_sym_tristate(struct kc_symbol *sym);
const char *kc_sym_string(struct kc_symbol *sym);	/* "y"/"m"/"n" or the int/hex/string value */
enum kc_tristate kc_sym_visibility(struct kc_symbol *sym);	/* max of the prompts' conditions */
/* kc_sym_has_prompt - any definition has a prompt ('config' or 'menuconfig'), whatever its 'if'. */
bool kc_sym_has_prompt(const struct kc_symbol *sym);
enum kc_tristate kc_sym_dir_dep_value(struct kc_symbol *sym);	/* 'depends on' incl. menus/ifs */
enum kc_tristate kc_sym_rev_dep_value(struct kc_symbol *sym);	/* strongest select */
enum kc_tristate kc_sym_implied_value(struct kc_symbol *sym);	/* strongest imply */
/* kc_sym_written - whether a .config written now would contain this symbol. */
bool kc_sym_written(struct kc_symbol *sym);
/* kc_sym_string_default - the value the symbol would have with no user value of its own,
 * as savedefconfig compares it ("y"/"m"/"n" or the int/hex/string default). Borrowed. */
const char *kc_sym_string_default(struct kc_symbol *sym);
/* kc_sym_id - 1 + the symbol's index among all the tree's non-constant symbols (choices
 * included), for arrays indexed by symbol: at most kc_tree_nsyms_all(); 0 for a constant. */
unsigned kc_sym_id(const struct kc_symbol *sym);
size_t kc_tree_nsyms_all(const struct kc_tree *tree);

/* kc_sym_assignable - bit mask (1 << KC_N | 1 << KC_M | 1 << KC_Y) of values a user may set. */
unsigned kc_sym_assignable(struct kc_symbol *sym);
bool kc_sym_changeable(struct kc_symbol *sym);	/* visible and not fully forced */

enum kc_origin {
	KC_FROM_NONE,		/* not written, no value source */
	KC_FROM_USER,		/* the loaded config or a kc_sym_set_* call */
	KC_FROM_DEFAULT,	/* a 'default' property */
	KC_FROM_SELECT,		/* raised by a select */
	KC_FROM_IMPLY,		/* raised by an imply */
	KC_FROM_CHOICE,		/* chosen (or not) in a choice group */
	KC_FROM_RANGE,		/* clamped into a 'range' */
};
/* kc_sym_origin - where the current value came from. */
enum kc_origin kc_sym_origin(struct kc_symbol *sym);
const char *kc_origin_name(enum kc_origin o);

/* User value (as read from a config / set by the user), if any. */
bool kc_sym_has_user_value(const struct kc_symbol *sym);
const char *kc_sym_user_string(const struct kc_symbol *sym);	/* NULL when none */
/* Where the loaded config set it: file and line, or NULL/0. */
const char *kc_sym_user_file(const struct kc_symbol *sym, int *line);

/*
 * Renamed options (Linux 6.18 `transitional`): the old name stays as a symbol that is read
 * from a config and never written; the new option names it as its default, so the value
 * carries over. kc_sym_renamed_to - for an old name, the option that replaced it (NULL when
 * SYM is not transitional or nothing names it). kc_sym_renamed_from - for a new option
 * whose active default is an old name, that old name (NULL otherwise).
 */
bool kc_sym_is_transitional(const struct kc_symbol *sym);
struct kc_symbol *kc_sym_renamed_to(struct kc_symbol *sym);
struct kc_symbol *kc_sym_renamed_from(struct kc_symbol *sym);

/*
 * kc_sym_set_tristate / kc_sym_set_string - set a user value, as menuconfig
 * does: refused (KC_ENOTVISIBLE / KC_ERANGE / KC_EINVAL) unless assignable.
 * For a choice member, KC_Y selects it in its group.
 */
enum kc_status kc_sym_set_tristate(struct kc_symbol *sym, enum kc_tristate v);
enum kc_status kc_sym_set_string(struct kc_symbol *sym, const char *value);
/* kc_sym_set_user_raw - record a user value without the visibility check, as
 * reading a config does (the value may then be ignored by evaluation). */
enum kc_status kc_sym_set_user_raw(struct kc_symbol *sym, const char *value);
/* kc_sym_unset - forget the user value. */
void kc_sym_unset(struct kc_symbol *sym);

/* kc_sym_string_valid - syntax check for the symbol's type. */
bool kc_sym_string_valid(const struct kc_symbol *sym, const char *value);
/* kc_sym_range - active range for int/hex; false when none. */
bool kc_sym_range(struct kc_symbol *sym, long long *lo, long long *hi);

/* Dependency expressions (NULL means "y"). */
struct kc_expr *kc_sym_dir_dep(const struct kc_symbol *sym);
struct kc_expr *kc_sym_rev_dep(const struct kc_symbol *sym);
struct kc_expr *kc_sym_implied(const struct kc_symbol *sym);

/* Menu entries defining this symbol (several for multiply-defined symbols). */
size_t kc_sym_nmenus(const struct kc_symbol *sym);
struct kc_menu *kc_sym_menu(const struct kc_symbol *sym, size_t i);
/* kc_sym_choice - the choice menu of a choice member, else NULL. */
struct kc_menu *kc_sym_choice(const struct kc_symbol *sym);
/* Members of a choice menu (from kc_sym_choice, or a KC_M_CHOICE entry): kc_choice_nmembers
 * of them, in priority order (a member the user sets moves to the front; not definition
 * order); kc_choice_member - the i-th, NULL past the end. kc_choice_holder - the member
 * that is y now, or NULL (none visible, or an optional choice left n before 6.11). */
size_t kc_choice_nmembers(const struct kc_menu *choice);
struct kc_symbol *kc_choice_member(const struct kc_menu *choice, size_t i);
struct kc_symbol *kc_choice_holder(const struct kc_menu *choice);
/* kc_choice_order - the members of @choice in their priority order now (first = highest: the
 * member a config assigned last comes first), *@n of them; borrowed, and changed in place
 * by the next read or change. NULL (*@n 0) when @choice is not a choice with members. */
struct kc_symbol *const *kc_choice_order(const struct kc_menu *choice, size_t *n);

/* ---- properties ------------------------------------------------------- */

enum kc_prop_type {
	KC_P_PROMPT, KC_P_COMMENT, KC_P_MENU, KC_P_DEFAULT,
	KC_P_SELECT, KC_P_IMPLY, KC_P_RANGE,
};
/* Properties of a symbol, in definition order. */
struct kc_prop *kc_sym_props(const struct kc_symbol *sym);
struct kc_prop *kc_prop_next(const struct kc_prop *p);
enum kc_prop_type kc_prop_type(const struct kc_prop *p);
const char *kc_prop_type_name(enum kc_prop_type t);
const char *kc_prop_text(const struct kc_prop *p);	/* prompt text, else NULL */
struct kc_expr *kc_prop_expr(const struct kc_prop *p);	/* default value / select target / range */
struct kc_expr *kc_prop_cond(const struct kc_prop *p);	/* 'if' + inherited deps; NULL = y */
struct kc_expr *kc_prop_own_cond(const struct kc_prop *p);	/* only its own 'if'; NULL = none */
const char *kc_prop_file(const struct kc_prop *p);
int kc_prop_line(const struct kc_prop *p);
struct kc_menu *kc_prop_menu(const struct kc_prop *p);
/* Symbols whose select/imply target this one: properties pointing here. */
size_t kc_sym_nselectors(const struct kc_symbol *sym);
struct kc_prop *kc_sym_selector(const struct kc_symbol *sym, size_t i);	/* SELECT or IMPLY prop */
struct kc_symbol *kc_prop_owner(const struct kc_prop *p);

/* ---- expressions ------------------------------------------------------ */

enum kc_expr_type {
	KC_E_SYMBOL, KC_E_NOT, KC_E_AND, KC_E_OR,
	KC_E_EQUAL, KC_E_UNEQUAL, KC_E_LTH, KC_E_LEQ, KC_E_GTH, KC_E_GEQ,
	KC_E_RANGE,
};
enum kc_expr_type kc_expr_type(const struct kc_expr *e);
struct kc_expr *kc_expr_left(const struct kc_expr *e);	/* NOT/AND/OR operands */
struct kc_expr *kc_expr_right(const struct kc_expr *e);
struct kc_symbol *kc_expr_sym(const struct kc_expr *e);	/* SYMBOL, comparisons, RANGE: left symbol */
struct kc_symbol *kc_expr_sym2(const struct kc_expr *e);	/* comparisons, RANGE: right symbol */
/* kc_expr_contains_sym - whether @sym is an operand of @e (a symbol, or a side of a
 * comparison; a 'range' is not looked into); false for NULL. */
bool kc_expr_contains_sym(const struct kc_expr *e, const struct kc_symbol *sym);
/* kc_expr_eval - tristate value of an expression; NULL is y. */
enum kc_tristate kc_expr_eval(struct kc_tree *tree, struct kc_expr *e);
/* kc_expr_str - Kconfig text of an expression; with_values adds " [=v]" after
 * each symbol as menuconfig does. Caller frees. */
char *kc_expr_str(struct kc_tree *tree, const struct kc_expr *e, bool with_values);

/* ---- menu tree -------------------------------------------------------- */

enum kc_menu_kind { KC_M_ROOT, KC_M_MENU, KC_M_COMMENT, KC_M_CONFIG, KC_M_CHOICE, KC_M_IF };

struct kc_menu *kc_tree_root(const struct kc_tree *tree);
struct kc_menu *kc_menu_child(const struct kc_menu *m);	/* first child */
struct kc_menu *kc_menu_next(const struct kc_menu *m);	/* next sibling */
struct kc_menu *kc_menu_parent(const struct kc_menu *m);
/* kc_menu_walk - next entry in depth-first order below root, NULL at the end. */
struct kc_menu *kc_menu_walk(const struct kc_menu *m, const struct kc_menu *root);
enum kc_menu_kind kc_menu_kind(const struct kc_menu *m);
struct kc_symbol *kc_menu_sym(const struct kc_menu *m);	/* config, menuconfig, choice */
const char *kc_menu_prompt(const struct kc_menu *m);	/* NULL when none */
struct kc_prop *kc_menu_prompt_prop(const struct kc_menu *m);
bool kc_menu_is_menuconfig(const struct kc_menu *m);	/* 'menuconfig' or 'menu' (has a P_MENU prompt) */
const char *kc_menu_help(const struct kc_menu *m);	/* NULL when none */
const char *kc_menu_file(const struct kc_menu *m);
int kc_menu_line(const struct kc_menu *m);
/* kc_menu_id - stable id of the entry: same tree, same id (survives re-evaluation).
 * Entries are numbered 0..kc_tree_nmenus()-1 in definition order; the root is (unsigned)-1. */
unsigned kc_menu_id(const struct kc_menu *m);
struct kc_menu *kc_tree_menu_by_id(const struct kc_tree *tree, unsigned id);
size_t kc_tree_nmenus(const struct kc_tree *tree);
struct kc_expr *kc_menu_dep(const struct kc_menu *m);	/* all inherited deps */
struct kc_expr *kc_menu_visible_if(const struct kc_menu *m);	/* 'visible if' of a menu */
/* kc_menu_visible - shown in menuconfig now. */
bool kc_menu_visible(struct kc_tree *tree, struct kc_menu *m);
/* kc_menu_is_empty - no visible child (menuconfig draws such a menu with ----). */
bool kc_menu_is_empty(struct kc_tree *tree, struct kc_menu *m);

/* Flags of kc_menu_path: which entries name a step of the path. */
#define KC_PATH_SCREENS 1u	/* only the screens menuconfig opens: menus, menuconfigs, choices */
/*
 * kc_menu_path - "General setup > Preemption Model": the prompts of @m and of the entries
 * above it, outermost first, joined by @sep. The root, 'if' blocks and entries without a
 * prompt are never named; with KC_PATH_SCREENS neither are plain configs and comments
 * (entries only indented below a config). Pass kc_menu_parent(m) for the path to @m.
 * Return: a new string, "" when nothing is named (@m NULL or the root); the caller frees it.
 */
char *kc_menu_path(const struct kc_menu *m, const char *sep, unsigned flags);
/*
 * kc_menu_path_parts - the same steps as an array of *@n prompts, outermost first (the
 * prompts are borrowed from the tree; the caller frees the array only). NULL when *@n is 0.
 */
const char **kc_menu_path_parts(const struct kc_menu *m, unsigned flags, size_t *n);

/* ---- configs ---------------------------------------------------------- */

/*
 * kc_config_read - read a .config (plain or gzip-compressed) as conf does:
 * user values are replaced. Unknown symbols and invalid values are reported
 * as warnings with file:line. Later assignments win, also inside a choice.
 * Return KC_ENOENT / KC_EIO on failure to open or read.
 */
enum kc_status kc_config_read(struct kc_tree *tree, const char *path);
/* kc_config_read_buf - same, from memory; @name is used in diagnostics. */
enum kc_status kc_config_read_buf(struct kc_tree *tree, const char *name,
				  const char *buf, size_t len);
/* kc_config_merge - like read, but keep existing user values (a fragment on top). */
enum kc_status kc_config_merge(struct kc_tree *tree, const char *path);
/* kc_config_merge_buf - the same from memory; @name is used in diagnostics. */
enum kc_status kc_config_merge_buf(struct kc_tree *tree, const char *name, const char *buf,
				   size_t len);

/*
 * kc_put_assignment - append to @b (util.h's struct kc_buf: for the engine's analyses) the line
 * conf writes for @sym with value @value, without the newline: "# CONFIG_X is not set" for a
 * bool or tristate at "n", a string value quoted and escaped, anything else as given.
 */
struct kc_buf;
void kc_put_assignment(struct kc_buf *b, const struct kc_symbol *sym, const char *value);
/* kc_config_str - the full .config text conf would write now. Caller frees. */
char *kc_config_str(struct kc_tree *tree);
/* kc_defconfig_str - the minimal config savedefconfig would write. Caller frees. */
char *kc_defconfig_str(struct kc_tree *tree);
/*
 * kc_write_file_atomic - write @data to @path through a temp file in the same
 * folder, fsync and rename; the previous file is kept as @path.old when
 * keep_old. A failure leaves @path untouched. An existing @path that is not a
 * regular file (/dev/null, a FIFO) is written in place, never replaced.
 * Returns KC_OK or KC_EIO (errno set).
 */
enum kc_status kc_write_file_atomic(const char *path, const char *data, size_t len,
				    bool keep_old);

enum kc_allmode { KC_ALLNO, KC_ALLYES, KC_ALLMOD, KC_ALLDEF };
/* kc_set_all_new - the all*config answer for every bool/tristate with a prompt
 * and no user value, as conf --allnoconfig etc. do. */
void kc_set_all_new(struct kc_tree *tree, enum kc_allmode mode);
/* kc_tree_reset_user - forget all user values. */
void kc_tree_reset_user(struct kc_tree *tree);

/*
 * User-value snapshots, for what-if evaluation (planner, previews): save the
 * user values (and choice priorities), change things, restore. A snapshot
 * belongs to the caller (kc_user_state_free) and only fits the tree it came from.
 */
struct kc_user_state;
struct kc_user_state *kc_user_state_save(struct kc_tree *tree);
void kc_user_state_restore(struct kc_tree *tree, const struct kc_user_state *st);
void kc_user_state_free(struct kc_user_state *st);

/*
 * Computed-state snapshots: every symbol's computed value, visibility, dependency values,
 * origin and property conditions. conf evaluates in a fresh process, and in a dependency
 * cycle a value can depend on what was computed before; an analysis that evaluates other
 * configs (mindiff, diff) starts each from the same computed state and puts the caller's
 * back. A snapshot belongs to the caller (kc_eval_state_free) and fits only its tree.
 * kc_eval_state_restore puts everything back as it was, computed or stale (lazy parts and the
 * evaluation epoch included): a viewer sees no change. kc_eval_state_seed puts the values
 * back only as the previous results (value, visibility, dependency values, origin, written,
 * conditions; not marked computed): call it after kc_tree_invalidate to have each symbol
 * recomputed on its next read from them.
 */
struct kc_eval_state;
struct kc_eval_state *kc_eval_state_save(struct kc_tree *tree);
void kc_eval_state_restore(struct kc_tree *tree, const struct kc_eval_state *st);
void kc_eval_state_seed(struct kc_tree *tree, const struct kc_eval_state *st);
void kc_eval_state_free(struct kc_eval_state *st);
/* kc_tree_eval_reset - the computed state of a tree just loaded: nothing computed yet, every
 * value n (user values untouched). */
void kc_tree_eval_reset(struct kc_tree *tree);
/* kc_tree_invalidate - mark every computed value stale (conf's sym_clear_all_valid): each
 * symbol is recomputed when next read. */
void kc_tree_invalidate(struct kc_tree *tree);

/* kc_tree_default_defconfig - the arch's default defconfig file (KBUILD_DEFCONFIG
 * from arch/$SRCARCH/Makefile, else arch/$SRCARCH/configs/defconfig), relative
 * to srctree. Caller frees. */
char *kc_tree_default_defconfig(const struct kc_tree *tree);
/* kc_tree_defconfig_list - before 5.13, the configs conf reads when .config is missing are the
 * defaults of the tree's `option defconfig_list` symbol whose condition holds, in order
 * (relative names under srctree). A NULL-terminated array the caller frees (each string and
 * the array), or NULL when the tree has no such symbol (then the list is the Makefile's). */
char **kc_tree_defconfig_list(struct kc_tree *tree);

#endif /* KEXPLORE_KCONFIG_H */
