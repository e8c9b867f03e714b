/* core.h - the language core's private structures (symbols, expressions, menus, the tree);
 * included by kconfig/core/ and, until they move to the public API, the analyses. */
#ifndef KCONFIG_CORE_H
#define KCONFIG_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "kexplore/kconfig.h"

#include "util.h"

/* ---- core structures -------------------------------------------------- */

struct kc_value {
	const char *val;	/* string form (arena or static) */
	enum kc_tristate tri;
};

#define KC_SYM_CONST	0x0001
#define KC_SYM_WRITE	0x0002	/* would be written to .config */
#define KC_SYM_WRITTEN	0x0004	/* scratch: already written in this pass */
#define KC_SYM_DEF_USER	0x0008	/* user value present */
#define KC_SYM_CHECK	0x0010	/* scratch: recursion check */
#define KC_SYM_WARNED	0x0020
#define KC_SYM_DEFINED	0x0040	/* has a config/menuconfig entry */
#define KC_SYM_CHOICEVAL	0x0080	/* member of a choice */
#define KC_SYM_UNMET	0x0100	/* unmet-dependency warning given */
#define KC_SYM_TRANS	0x0200	/* `transitional`: read from a config, never written (6.18) */
#define KC_SYM_NO_WRITE	0x0400	/* `option defconfig_list`: never written (<5.13) */
#define KC_SYM_ALLNO_Y	0x0800	/* `option allnoconfig_y`: y in allnoconfig (<5.13) */
#define KC_SYM_LOST_USER	0x1000	/* computed state: a legacy choice computed with a user
				   value it took away while computing (<6.11, incr.c) */

struct kc_symbol {
	const char *name;		/* NULL for a choice */
	enum kc_type type;
	unsigned flags;
	struct kc_value curr;
	struct kc_value user;
	enum kc_tristate visible;
	unsigned valid;			/* == tree->epoch when curr is computed */
	enum kc_origin origin;
	struct kc_prop *props, **props_tail;
	struct kc_vec menus;		/* struct kc_menu * */
	struct kc_vec selectors;	/* struct kc_prop * (select/imply pointing here) */
	struct kc_expr *dir_dep, *rev_dep, *implied;
	enum kc_tristate dir_dep_tri, rev_dep_tri, implied_tri;
	struct kc_symbol *hash_next;
	struct kc_tree *tree;
	unsigned id;			/* 1 + index in tree->all_syms; 0 for constants */
	struct kc_menu *choice_menu;	/* kc_sym_choice_menu(), once the tree is loaded */
	const char *user_file;
	int user_line;
	/* Kconfig before 6.11 (legacy choices): a choice has a value and a selection */
	struct kc_symbol *choice_sym;	/* member: its choice symbol */
	struct kc_symbol *sel;		/* choice: the member chosen now */
	struct kc_symbol *user_sel;	/* choice: the member the config chose */
	bool optional;			/* choice: 'optional' */
};

struct kc_expr {
	enum kc_expr_type type;
	union {
		struct kc_expr *expr;
		struct kc_symbol *sym;
	} left, right;
};

struct kc_prop {
	struct kc_prop *next;		/* in the symbol's list */
	enum kc_prop_type type;
	const char *text;		/* prompts */
	struct kc_expr *expr;
	struct kc_expr *cond;		/* visible.expr in the kernel */
	struct kc_expr *own_cond;	/* the 'if' as written, before inheritance */
	enum kc_tristate cond_tri;
	struct kc_menu *menu;
	struct kc_symbol *owner;
	const char *file;
	int line;
};

struct kc_menu {
	struct kc_menu *next, *parent, *list;
	struct kc_symbol *sym;
	struct kc_prop *prompt;
	struct kc_expr *visibility;
	struct kc_expr *dep;
	const char *help;
	const char *file;
	int line;
	unsigned id;
	enum kc_menu_kind kind;
	bool is_choice;
	/* choice menus: members in priority order (first = highest) */
	struct kc_symbol **members;
	size_t nmembers, members_cap;
	struct kc_symbol **def_members;	/* definition order, restored on each read */
};

/* Shell cache entry / record of a $(shell,...) call. */
struct kc_shell_rec {
	const char *cmd;
	const char *out;
	char how;
};

struct kc_pp;	/* preprocessor state (preprocess.c) */

#define KC_SYM_HASH 16384

struct kc_tree {
	struct kc_arena arena;
	struct kc_symbol *hash[KC_SYM_HASH];
	struct kc_vec all_syms;		/* every non-const symbol incl. choices, creation order */
	struct kc_vec named;		/* named non-const symbols */
	struct kc_symbol sym_y, sym_m, sym_n;
	struct kc_symbol *modules_sym;
	struct kc_symbol *defconfig_list;	/* `option defconfig_list` (before 5.13) */
	enum kc_tristate modules_val;
	struct kc_menu root;
	struct kc_vec menus_by_id;
	unsigned epoch;
	bool changed;

	struct kc_vec diags;		/* struct kc_diag * (heap) */
	struct kc_vec files;		/* const char * (arena) */
	struct kc_vec env_deps;		/* name, value, ... (arena): environment the Kconfig read */

	/* environment */
	const char *srctree;
	const char *arch, *srcarch, *kernelversion;
	struct kc_vec env;		/* char * "NAME=VALUE" (heap), overrides getenv */
	bool no_shell, no_cache, allow_outside;
	char *cache_dir;
	char *shell_cwd;		/* scratch dir where commands run */
	struct kc_vec shell_recs;	/* struct kc_shell_rec * (heap) */
	struct kc_shell_stats shell_stats;
	struct kc_shell_cache *shell_cache;
	struct kc_pp *pp;
	const struct kc_lang *lang;	/* the tree's Kconfig language (lang.c) */
	bool conf_changed;		/* conf's conf_get_changed(): pre-6.11 writes re-evaluate when false */
	size_t read_diag_mark;		/* diagnostics count when a config read began */
	struct kc_incr *incr;		/* incremental evaluation (incr.c), built on first use */
	bool choices_cached;		/* every symbol's choice_menu is set */
	const char *top_text;		/* kc_load_opts.kconfig_text, during the parse */
	size_t top_len;
};


/* symbols (symbol.c) */
struct kc_symbol *kc_sym_lookup(struct kc_tree *t, const char *name, bool is_const);
struct kc_symbol *kc_sym_new_choice(struct kc_tree *t);
void kc_sym_calc(struct kc_symbol *sym);
/* kc_tree_carry_transitional - 6.18+: compute every symbol while an old name has a user value. */
void kc_tree_carry_transitional(struct kc_tree *t);
enum kc_type kc_sym_get_type(const struct kc_symbol *sym);
bool kc_sym_is_choice_value(const struct kc_symbol *sym);
struct kc_menu *kc_sym_choice_menu(const struct kc_symbol *sym);
void kc_tree_cache_choices(struct kc_tree *t);
void kc_sym_calc_visibility(struct kc_symbol *sym);
struct kc_symbol *kc_choice_default(struct kc_menu *choice);
void kc_choice_move_front(struct kc_menu *choice, struct kc_symbol *sym);
bool kc_sym_str_valid(enum kc_type type, const char *str);

/* expressions (expr.c) */
struct kc_expr *kc_expr_alloc_sym(struct kc_tree *t, struct kc_symbol *s);
struct kc_expr *kc_expr_alloc_one(struct kc_tree *t, enum kc_expr_type type, struct kc_expr *e);
struct kc_expr *kc_expr_alloc_two(struct kc_tree *t, enum kc_expr_type type,
				  struct kc_expr *a, struct kc_expr *b);
struct kc_expr *kc_expr_alloc_comp(struct kc_tree *t, enum kc_expr_type type,
				   struct kc_symbol *a, struct kc_symbol *b);
struct kc_expr *kc_expr_and(struct kc_tree *t, struct kc_expr *a, struct kc_expr *b);
struct kc_expr *kc_expr_or(struct kc_tree *t, struct kc_expr *a, struct kc_expr *b);
enum kc_tristate kc_expr_calc(struct kc_expr *e);
/* kc_expr_calc_short - the same value, '&&' and '||' stopping at a decided left operand. */
enum kc_tristate kc_expr_calc_short(struct kc_expr *e);
bool kc_expr_depends_sym(const struct kc_expr *e, const struct kc_symbol *s);
struct kc_expr *kc_expr_rewrite_m(struct kc_tree *t, struct kc_expr *e);
void kc_expr_buf(struct kc_buf *b, const struct kc_expr *e, bool with_values, int prev);
/* kc_expr_arena_str - kc_expr_str with " [=v]" values, kept in @a (explanations, plans). */
const char *kc_expr_arena_str(struct kc_arena *a, const struct kc_expr *e);
/* kc_expr_and_terms - the operands of the '&&' chain @e (itself when no '&&') into @out. */
void kc_expr_and_terms(struct kc_expr *e, struct kc_vec *out);
void kc_expr_free_dups_placeholder(void);

static inline enum kc_tristate kc_tri_and(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}
static inline enum kc_tristate kc_tri_or(enum kc_tristate a, enum kc_tristate b)
{
	return a > b ? a : b;
}
static inline enum kc_tristate kc_tri_not(enum kc_tristate a)
{
	return (enum kc_tristate)(2 - a);
}

/* preprocessor (preprocess.c) */
struct kc_pp *kc_pp_new(struct kc_tree *t);
void kc_pp_free(struct kc_pp *pp);
/* Where expansions happen, for filename/lineno and diagnostics. */
void kc_pp_set_pos(struct kc_pp *pp, const char *file, int line);
/* Expand a whole string; NULL on a fatal error (diagnostic recorded). */
char *kc_pp_expand(struct kc_pp *pp, const char *in);
/* Expand "$..." starting after the '$' at *str; advances *str. */
char *kc_pp_expand_dollar(struct kc_pp *pp, const char **str);
/* Expand a token: stops at a char not in [A-Za-z0-9_-] outside $(...). */
char *kc_pp_expand_token(struct kc_pp *pp, const char **str);
enum kc_pp_flavor { KC_VAR_RECURSIVE, KC_VAR_SIMPLE, KC_VAR_APPEND };
void kc_pp_assign(struct kc_pp *pp, const char *name, const char *value, enum kc_pp_flavor f);
bool kc_pp_failed(const struct kc_pp *pp);

/* environment and shell (env.c) */
const char *kc_env_get(struct kc_tree *t, const char *name);
void kc_env_setup(struct kc_tree *t, const struct kc_load_opts *o);
char *kc_shell_run(struct kc_tree *t, const char *cmd);
void kc_shell_finish(struct kc_tree *t);

/* parser (parser.c) */
enum kc_status kc_parse_tree(struct kc_tree *t, const char *topfile);
/* menu finalisation (menu.c) */
void kc_menu_finalize(struct kc_tree *t);
bool kc_menu_is_visible(struct kc_menu *m);
void kc_check_deps(struct kc_tree *t);

/*
 * Language versions (lang.c). Each kernel generation's rules are one struct kc_lang,
 * picked once per tree from its Makefile version; the engine asks it instead of
 * comparing versions. Features are syntax or output rules; the choice operations are
 * the pre-6.11 choice model (legacy.c), NULL for 6.11 and later.
 */
#define KC_LANG_OPTION		0x0001	/* `option modules|defconfig_list|allnoconfig_y` (<5.13) */
#define KC_LANG_OPTIONAL	0x0002	/* `optional` choices (<6.11) */
#define KC_LANG_CHOICE_NAME	0x0004	/* `choice NAME` accepted (<6.11) */
#define KC_LANG_CHOICE_TYPE	0x0008	/* typed choices: `bool`/`tristate` without prompt (<6.11) */
#define KC_LANG_INT_EMPTY	0x0010	/* int/hex without a default are "" rather than 0 (<6.11) */
#define KC_LANG_END_OF_PARENT	0x0020	/* `# end of` only when leaving a menu with entries (<5.19) */
#define KC_LANG_TRANSITIONAL	0x0040	/* `transitional` symbols (6.18) */
#define KC_LANG_DEPENDS_IF	0x0080	/* `depends on X if Y` (7.0) */
#define KC_LANG_SUBMENU_NEG	0x0100	/* no implicit submenu for `depends on !SYM` entries (7.0) */
#define KC_LANG_STRICT		0x0200	/* errors, not warnings: a second or blank help, menuconfig
					 * without prompt; a file sourced twice; choices take only
					 * prompt/default/depends/help (by 7.3; exact version unknown) */
#define KC_LANG_LOCATION_PARENTS 0x0400	/* help's "Location:" lists the parents only, and is left
					 * out at the top level (5.10; gone by 6.1, see lang.c) */
#define KC_LANG_AUTOCONF_QUOTED	0x0800	/* auto.conf strings quoted and escaped as in .config (<5.17) */
#define KC_LANG_MOD2NOCONFIG	0x1000	/* conf has mod2noconfig (5.17) */
#define KC_LANG_LAZY_YN		0x2000	/* help's "Depends on:" keeps a `&& y` unless another
					 * operand was simplified away (<6.11, see lang.c) */
#define KC_LANG_STAMP_H		0x4000	/* stamps are include/config/foo/bar.h for FOO_BAR (<5.13) */
#define KC_LANG_OLD_HEADINGS	0x8000	/* autoconf.h's heading has blank " *" lines, auto.conf.cmd
					 * ends its file list without "\\" and puts the target
					 * on a line of its own (<5.17) */
#define KC_LANG_RUSTC_CFG	0x10000	/* syncconfig writes include/generated/rustc_cfg (6.1) */

struct kc_choice_ops {
	void (*finalize_choice)(struct kc_tree *t, struct kc_menu *parent);
	void (*register_member)(struct kc_tree *t, struct kc_menu *choice, struct kc_menu *m);
	void (*calc_tristate)(struct kc_symbol *sym, struct kc_value *nv);
	void (*after_calc)(struct kc_symbol *sym);
	void (*read_begin)(struct kc_tree *t);
	void (*read_assign)(struct kc_symbol *s);
	void (*read_end)(struct kc_tree *t);
	void (*set_all_new)(struct kc_tree *t, enum kc_allmode mode);
};

struct kc_lang {
	int major, minor;		/* first kernel with these rules */
	const char *name;
	unsigned features;		/* KC_LANG_* */
	const struct kc_choice_ops *choice;	/* NULL: choices without a value (6.11+) */
};

const struct kc_lang *kc_lang_for_version(const char *kernelversion);
extern const struct kc_choice_ops kc_choice_value_ops;	/* legacy.c: before 6.11 */
bool kc_lang_has(const struct kc_tree *t, unsigned feature);

/* incremental evaluation (incr.c): call _will_change before changing a user
 * value or a choice's order, kc_incr_changed after (instead of invalidating
 * the whole tree) */
void kc_incr_user_will_change(struct kc_symbol *s);
void kc_incr_order_will_change(struct kc_menu *choice);
void kc_incr_changed(struct kc_symbol *s);
void kc_incr_changed_many(struct kc_tree *t, struct kc_symbol **syms, size_t n);
void kc_incr_before_full(struct kc_tree *t);
void kc_incr_free(struct kc_tree *t);

/* confdata.c */

/* conf's outputs (confmodes.c, confhelp.c, autoconf.c) */
/* kc_conf_symbol_order - every symbol in conf's hash table order, choices included (autoconf.c);
 * a heap array of *@n symbols, the caller frees it. */
struct kc_symbol **kc_conf_symbol_order(struct kc_tree *t, size_t *n);

#endif /* KCONFIG_CORE_H */
