/* explain-sym.c - a symbol's node in the cause graph and the roots below it: the user's
 * setting, toolchain tests, symbols this arch does not define, where a value comes from. */
#include "config.h"

#include "kexplore/explain.h"

#include <string.h>

#include "explain-private.h"

#define MAX_NODES	1200	/* keeps a query in the millisecond range */
#define MAX_DEPTH	40

bool
kc_why_is_bool(struct kc_symbol *s)
{
	return kc_sym_shown_type(s) == KC_BOOL;
}

/* The first 'default' whose condition holds, as evaluation picks it. */
struct kc_prop *
kc_why_active_default(struct kc_explain *e, struct kc_symbol *s)
{
	struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if (kc_prop_type(p) == KC_P_DEFAULT && kc_why_eval(e, kc_prop_cond(p)) != KC_N)
			return p;
	return NULL;
}

bool
kc_why_over_budget(struct kc_explain *e)
{
	if (e->nodes.n < MAX_NODES && e->depth < MAX_DEPTH)
		return false;
	e->truncated = true;
	return true;
}

struct node *
kc_why_undefined(struct kc_explain *e, struct kc_symbol *s)
{
	const char *name = kc_sym_name(s), *arch = kc_tree_arch(e->tree);
	const char *where = kc_explain_arches(e->ex, name);
	struct node *n = kc_why_node(e, KC_CAUSE_UNDEFINED, s);

	n->c.value = "n";
	n->leaf = 0;
	if (*where)
		n->c.text = kc_why_fmt(e, "%s is not defined for ARCH=%s (always n); it exists "
				       "on: %s", name, arch, where);
	else
		n->c.text = kc_why_fmt(e, "%s is not defined anywhere in this tree for ARCH=%s "
				       "(always n)", name, arch);
	return n;
}

/* The node "S is below T" (@low) or "S is above T", with its causes below it. */
struct node *
kc_why_sym_side(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t, bool low)
{
	int dir = low ? KC_WHY_LOW : KC_WHY_HIGH;
	struct node *n;

	if (kc_why_is_bool(s) && t == KC_M)
		t = low ? KC_Y : KC_N;
	n = kc_why_memo_get(e, s, dir, t);
	if (n)
		return n;
	n = low && !kc_sym_defined(s) ? kc_why_undefined(e, s) : kc_why_node(e, KC_CAUSE_SYMBOL, s);
	kc_why_memo_put(e, s, dir, t, n);
	if (n->c.kind == KC_CAUSE_UNDEFINED)
		return n;
	n->c.value = kc_why_value(e, s);
	n->c.want = low ? kc_why_want_low(t) : kc_why_want_high(t);
	n->c.text = kc_why_fmt(e, "%s is %s, needs %s", kc_sym_name(s), n->c.value, n->c.want);
	if (kc_why_over_budget(e)) {
		n->leaf = 1;
		n->c.text = kc_why_fmt(e, "%s (not expanded further)", n->c.text);
		return n;
	}
	e->depth++;
	if (low)
		kc_why_reasons_low(e, n, s, t);
	else
		kc_why_reasons_high(e, n, s, t);
	e->depth--;
	return n;
}

struct node *
kc_why_sym_low(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t)
{
	return kc_why_sym_side(e, s, t, true);
}

struct node *
kc_why_sym_high(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t)
{
	return kc_why_sym_side(e, s, t, false);
}

/* The old name S's value came from when the config set only that (6.18 transitional). */
struct kc_symbol *
kc_why_carried_from(struct kc_symbol *s)
{
	struct kc_symbol *old = kc_sym_renamed_from(s);
	const char *f1, *f2;
	int l1 = 0, l2 = 0;

	if (!old || !kc_sym_has_user_value(old) || !kc_sym_has_user_value(s))
		return NULL;
	f1 = kc_sym_user_file(s, &l1);
	f2 = kc_sym_user_file(old, &l2);
	return f1 && f2 && !strcmp(f1, f2) && l1 == l2 ? old : NULL;
}

void
kc_why_user_leaf(struct kc_explain *e, struct node *parent, struct kc_symbol *s)
{
	struct kc_symbol *old = kc_why_carried_from(s);
	struct node *n;
	const char *file;
	int line;

	if (old) {
		file = kc_sym_user_file(s, &line);
		n = kc_why_leaf(e, parent, KC_CAUSE_USER, s, true,
				kc_why_fmt(e, "%s takes %s=%s from the config (its old name)",
					   kc_why_name(s), kc_why_name(old),
					   kc_sym_user_string(old)));
		kc_why_at(n, file, line);
	} else if (kc_sym_has_user_value(s)) {
		file = kc_sym_user_file(s, &line);
		n = kc_why_leaf(e, parent, KC_CAUSE_USER, s, true,
				kc_why_fmt(e, "%s is set to %s%s", kc_why_name(s),
					   kc_sym_user_string(s),
					   file ? " in the config" : " (not saved yet)"));
		kc_why_at(n, file, line);
	} else {
		struct kc_prop *p = kc_why_active_default(e, s);

		n = kc_why_leaf(e, parent, KC_CAUSE_USER, s, true,
				kc_why_fmt(e, "%s is not set in the config: it takes its "
					   "default (%s)", kc_why_name(s), kc_sym_string(s)));
		if (p)
			kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
	}
	n->c.value = kc_why_value(e, s);
	n->c.fixable = true;
}

/* A toolchain node when the Kconfig text at file:line holds a $(...) call. */
bool
kc_why_toolchain_at(struct kc_explain *e, struct node *parent, const char *file, int line)
{
	const char *src = kc_explainer_line(e->ex, file, line);
	struct node *n;

	if (!src || !strstr(src, "$("))
		return false;
	n = kc_why_leaf(e, parent, KC_CAUSE_TOOLCHAIN, NULL, false, NULL);
	kc_why_at(n, file, line);
	kc_explainer_shell_notes(e, n, src);
	n->c.text = kc_why_fmt(e, "%s: %s", n->c.nchildren || strstr(src, "$(shell") ||
			       strstr(src, "$(success") || strstr(src, "$(failure") ||
			       strstr(src, "-option") ? "toolchain test"
			       : "fixed by the build environment when Kconfig is read", src);
	return true;
}

/* Where an operand's value comes from (int/hex/string operands of comparisons). */
struct node *
kc_why_value_node(struct kc_explain *e, struct kc_symbol *s)
{
	struct node *n = kc_why_memo_get(e, s, KC_WHY_VALUE, 0);
	struct kc_prop *p;

	if (n)
		return n;
	if (!kc_sym_defined(s))
		return kc_why_undefined(e, s);
	n = kc_why_node(e, KC_CAUSE_VALUE, s);
	kc_why_memo_put(e, s, KC_WHY_VALUE, 0, n);
	n->c.value = kc_why_value(e, s);
	n->c.text = kc_why_fmt(e, "%s is %s (%s)", kc_sym_name(s), n->c.value,
			       kc_why_origin_text(kc_sym_origin(s)));
	if (kc_sym_visibility(s) != KC_N) {
		kc_why_user_leaf(e, n, s);
		return n;
	}
	p = kc_why_active_default(e, s);
	if (p && !kc_why_toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		kc_why_at(n, kc_prop_file(p), kc_prop_line(p));
	if (!n->c.nchildren)
		n->leaf = 0;
	return n;
}
