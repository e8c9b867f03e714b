/* upgrade.h - what a config written for one kernel tree becomes on another, and how renamed or misspelt symbols are found; for src/ and tests. */
#ifndef KEXPLORE_UPGRADE_H
#define KEXPLORE_UPGRADE_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * Usage: load the old and the new tree, read the same config into both
 * (kc_config_read: olddefconfig semantics), then
 *	struct kc_upgrade *u = kc_upgrade_compute(old, new);
 *	for (i = 0; i < kc_upgrade_nitems(u); i++) ... kc_upgrade_item(u, i)
 *	kc_upgrade_free(u);
 * Both trees are borrowed and must outlive the result; their user values are
 * left as they were (plans are computed and undone). Strings in items belong
 * to the result.
 */

enum kc_upgrade_kind {
	KC_UP_GONE,	/* set by the config, not defined in the new tree */
	KC_UP_RENAMED,	/* gone under its old name; new_sym is its successor */
	KC_UP_NEW,	/* asked for by the new tree (what listnewconfig lists) */
	KC_UP_CHANGED,	/* in both trees, a different value follows on the new one */
	KC_UP_LOST,	/* the config's own line took on the old tree and no longer does */
};
/* kc_upgrade_kind_name - "gone", "renamed", "new", "changed", "lost". */
const char *kc_upgrade_kind_name(enum kc_upgrade_kind k);

struct kc_upgrade_item {
	enum kc_upgrade_kind kind;
	const char *name;		/* without CONFIG_; the old name for GONE/RENAMED */
	struct kc_symbol *old_sym;	/* in the old tree, NULL for a NEW symbol it lacks */
	struct kc_symbol *new_sym;	/* in the new tree; RENAMED: the successor; NULL for GONE */
	const char *old_value;		/* value on the old tree as .config has it; NULL: not written */
	const char *new_value;		/* value on the new tree; NULL: not written */
	const char *file_value;		/* the config's line for it, NULL when none */
	int line;			/* that line, 0 when none */
	const char *how;		/* RENAMED: "transitional", "same prompt" or "same help text" */
	const char *why;		/* one line: where the new value comes from / what blocks the old */
	const char *why_file;		/* Kconfig file:line of that reason, or NULL */
	int why_line;
	/* LOST: the planner's answer for getting the config's value back */
	bool plan_possible;
	const char *plan;		/* the steps as fragment lines, "" when none */
	const char *plan_note;		/* "ok", "needs allow-off", or the reason it is impossible */
	size_t seq;			/* NEW: position in menu order (as listnewconfig prints them) */
};

struct kc_upgrade;

/* kc_upgrade_compute - compare; never NULL. Items are sorted by kind, then
 * name; NEW ones in menu order, as conf --listnewconfig prints them. */
struct kc_upgrade *kc_upgrade_compute(struct kc_tree *old_tree, struct kc_tree *new_tree);
void kc_upgrade_free(struct kc_upgrade *u);
size_t kc_upgrade_nitems(const struct kc_upgrade *u);
const struct kc_upgrade_item *kc_upgrade_item(const struct kc_upgrade *u, size_t i);
/* kc_upgrade_count - how many items of one kind. */
size_t kc_upgrade_count(const struct kc_upgrade *u, enum kc_upgrade_kind k);
/* kc_upgrade_json - the whole result as JSON (caller frees). */
char *kc_upgrade_json(const struct kc_upgrade *u);

/*
 * kc_sym_successor - the symbol that takes over @sym's value when @sym is
 * kept only as an old name: a symbol with no prompt that is never written
 * and that is, as a whole, the 'default' of a symbol with a prompt
 * ('default OLD'; what Linux 6.18's
 * 'transitional' keyword declares; found here through the graph, so that it
 * works whichever way the parser records the keyword). NULL when none.
 */
struct kc_symbol *kc_sym_successor(struct kc_tree *tree, struct kc_symbol *sym);

/*
 * kc_sym_closest - up to @max defined symbols of @tree whose names are
 * closest to @name (edit distance, at most a third of the name's length),
 * best first, into @out. Return how many.
 */
size_t kc_sym_closest(struct kc_tree *tree, const char *name, struct kc_symbol **out, size_t max);

/*
 * kc_edit_distance - Levenshtein distance between @a and @b: how many single-character
 * insertions, deletions and substitutions turn one into the other.
 */
size_t kc_edit_distance(const char *a, const char *b);

/* kc_sym_prompt_text / kc_sym_help_text - the first prompt / help of a symbol, or NULL. */
const char *kc_sym_prompt_text(const struct kc_symbol *sym);
const char *kc_sym_help_text(const struct kc_symbol *sym);

/*
 * kc_sym_value_source - one line saying where @sym's current value comes
 * from ("default y if PCI (drivers/Kconfig:12)", "selected by FOO [=y]",
 * "no prompt is visible: depends on BAR [=n]", ...). Caller frees.
 */
char *kc_sym_value_source(struct kc_tree *tree, struct kc_symbol *sym);

#endif /* KEXPLORE_UPGRADE_H */
