/* explain.h - why a symbol has its value and cannot have another: the cause graph; for src/ and tests. */
#ifndef KEXPLORE_EXPLAIN_H
#define KEXPLORE_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * An explanation is a graph of causes rooted at the question "why is SYM at
 * its value and not at WANT?". Each cause names what blocks the wanted value
 * (a 'depends on' operand that is n, an 'if' block, a menu's 'visible if',
 * a missing prompt, a choice, a range, a symbol not defined on this arch, a
 * toolchain test, a select chain, the user's own setting) and, below it, why
 * that one is as it is, down to the roots: user settings, constants, the
 * toolchain. A cause reached from several places is one node with several
 * parents; the text/JSON/dot renderers print it once and refer to it.
 *
 * Values in an explanation are snapshots taken when it was built (strings it
 * owns); symbol pointers are borrowed from the tree. Everything returned is
 * freed by kc_explain_free().
 */

struct kc_explainer;
struct kc_explain;

enum kc_cause_kind {
	KC_CAUSE_ROOT,		/* the question: sym is VALUE, wanted WANT */
	KC_CAUSE_SYMBOL,	/* an operand symbol whose value blocks (children: why) */
	KC_CAUSE_DEPENDS,	/* the entry's own 'depends on' */
	KC_CAUSE_IF_BLOCK,	/* an enclosing 'if EXPR ... endif' */
	KC_CAUSE_MENU_DEP,	/* an enclosing menu's 'depends on' */
	KC_CAUSE_VISIBLE_IF,	/* an enclosing menu's 'visible if' */
	KC_CAUSE_PROMPT_IF,	/* the prompt's own 'if' condition */
	KC_CAUSE_NO_PROMPT,	/* no prompt: only select/imply/default can set it */
	KC_CAUSE_SELECT,	/* 'select' from another symbol (child: why that one is on) */
	KC_CAUSE_IMPLY,		/* 'imply' from another symbol */
	KC_CAUSE_DEFAULT,	/* a 'default' (its value or condition) */
	KC_CAUSE_CHOICE,	/* member of a choice: which member holds it */
	KC_CAUSE_RANGE,		/* int/hex value outside the active 'range' */
	KC_CAUSE_UNDEFINED,	/* not defined on this arch (constant n); text names where it is */
	KC_CAUSE_TOOLCHAIN,	/* value comes from a $(shell,...)/cc-option style test */
	KC_CAUSE_USER,		/* the user's own setting (config file:line) or its absence */
	KC_CAUSE_MODULES,	/* m needs MODULES, which is off */
	KC_CAUSE_TYPE,		/* the type forbids the value (bool cannot be m, bad number) */
	KC_CAUSE_COMPARE,	/* a comparison operand (A=B, A<B, ...) with both values */
	KC_CAUSE_ANY_OF,	/* several ways out ('A || B' both n, 'A && B' both on): fixing one child suffices */
	KC_CAUSE_VALUE,		/* where an int/hex/string (or operand) value comes from */
	KC_CAUSE_NOTE,		/* free text: limits reached, already at the value, ... */
};

/* kc_cause_kind_name - short stable name of a kind ("depends", "select", ...), for JSON. */
const char *kc_cause_kind_name(enum kc_cause_kind k);

struct kc_cause {
	enum kc_cause_kind kind;
	unsigned id;			/* index in kc_explain_cause(); the root is 0 */
	struct kc_symbol *sym;		/* symbol it is about (a jump target), or NULL */
	const char *value;		/* current value of sym / of the condition, or NULL */
	const char *want;		/* value it would need: "y", ">=m", "<=n", "4096", or NULL */
	const char *text;		/* one line, e.g. "depends on PCI [=n]" */
	const char *file;		/* where it is written (Kconfig or config file), or NULL */
	int line;
	bool fixable;			/* the user can change this directly (a plan step) */
	size_t nparents;		/* > 1: shared, rendered once and referenced */
	size_t nchildren;
	const struct kc_cause *const *children;
};

/*
 * kc_explainer_new - per-tree explanation context: caches the scan of
 * arch/{*}/Kconfig* (where undefined symbols are defined) and source lines
 * (to spot toolchain tests). Keep one per tree; free it before the tree.
 */
struct kc_explainer *kc_explainer_new(struct kc_tree *tree);
void kc_explainer_free(struct kc_explainer *ex);

/*
 * kc_explain - explain why @sym has its current value and not @want.
 * @want: "y", "m", "n" (bool/tristate), a value for int/hex/string, or NULL
 * for the natural question: y (m when only m can be had) when the symbol is
 * n or m, "n" when it is y or m but cannot be lowered ("stuck on").
 * Return the explanation (never NULL); kc_explain_free() it. The tree's
 * values are read, never changed.
 */
struct kc_explain *kc_explain(struct kc_explainer *ex, struct kc_symbol *sym, const char *want);
void kc_explain_free(struct kc_explain *e);

/* kc_explain_root - the question node (kind KC_CAUSE_ROOT). */
const struct kc_cause *kc_explain_root(const struct kc_explain *e);
/* kc_explain_ncauses / kc_explain_cause - every node, by id (0 = root). */
size_t kc_explain_ncauses(const struct kc_explain *e);
const struct kc_cause *kc_explain_cause(const struct kc_explain *e, size_t id);
/* kc_explain_possible - false when no user setting can reach the wanted value
 * (constant, other arch, toolchain, bool asked for m, conflicting choice...). */
bool kc_explain_possible(const struct kc_explain *e);

/*
 * Renderers; the caller frees the string.
 * kc_explain_text - indented tree, two spaces a level; a shared cause is
 *   printed once with a "[#N]" label and later as "(see #N)".
 * kc_explain_json - {"symbol","value","want","possible","causes":[{"id","kind",
 *   "symbol","value","want","text","file","line","fixable","children":[ids]}]}.
 * kc_explain_dot - Graphviz digraph, one node per cause, edges parent -> child.
 */
char *kc_explain_text(const struct kc_explain *e);
char *kc_explain_json(const struct kc_explain *e);
char *kc_explain_dot(const struct kc_explain *e);
/* kc_explain_text_ex - kc_explain_text; @suggest false leaves out the "or run: kexplore
 * enable ..." hint (a plan that failed prints its explanation and must not suggest itself). */
char *kc_explain_text_ex(const struct kc_explain *e, bool suggest);

/* kc_explain_arches - the arch/ directories whose Kconfig files define
 * @name (e.g. "arm arm64"), "" when none; borrowed from the explainer. */
const char *kc_explain_arches(struct kc_explainer *ex, const char *name);

#endif /* KEXPLORE_EXPLAIN_H */
