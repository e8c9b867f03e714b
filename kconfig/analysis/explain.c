/* explain.c - the cause graph: why a symbol has its value and not another one. */
#include "config.h"

#include "kexplore/explain.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "explain-private.h"

/*
 * The graph is built by two mutually recursive questions, each asked of a
 * symbol or of an expression: "why is it below T" (low) and "why is it above
 * T" (high), T a tristate threshold. A symbol node is memoised by (symbol,
 * direction, threshold), which both shares sub-causes and stops cycles.
 */

#define MAX_NODES	1200	/* keeps a query in the millisecond range */
#define MAX_DEPTH	40
#define MAX_SELECTORS	8	/* selectors expanded below one symbol */

enum { DIR_LOW, DIR_HIGH, DIR_VALUE, DIR_SET };

static const char *const tri_name[] = { "n", "m", "y" };

static void reasons_low(struct kc_explain *e, struct node *n, struct kc_symbol *s,
			enum kc_tristate t);
static void reasons_high(struct kc_explain *e, struct node *n, struct kc_symbol *s,
			 enum kc_tristate t);
static void expr_low(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		     enum kc_tristate t, const struct kc_menu *where);
static void expr_high(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		      enum kc_tristate t, const struct kc_menu *where);

/* ---- nodes ------------------------------------------------------------------ */

static struct node *
node_new(struct kc_explain *e, enum kc_cause_kind kind, struct kc_symbol *sym)
{
	struct node *n = kc_arena_alloc(&e->arena, sizeof(*n));

	n->c.kind = kind;
	n->c.sym = sym;
	n->c.id = (unsigned)e->nodes.n;
	n->leaf = -1;
	kc_vec_push(&e->nodes, n);
	return n;
}

static void
node_add(struct node *parent, struct node *kid)
{
	if (!parent || !kid)
		return;
	if (parent->c.nchildren == parent->cap) {
		parent->cap = parent->cap ? 2 * parent->cap : 4;
		parent->kids = kc_xrealloc(parent->kids, parent->cap * sizeof(*parent->kids));
	}
	parent->kids[parent->c.nchildren++] = &kid->c;
	parent->c.children = parent->kids;
	kid->c.nparents++;
}

static const char * KC_PRINTF(2, 3)
efmt(struct kc_explain *e, const char *fmt, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = kc_arena_vprintf(&e->arena, fmt, ap);
	va_end(ap);
	return s;
}

/* Expression text with " [=v]" after each symbol, as menuconfig prints it. */
static const char *
etext(struct kc_explain *e, const struct kc_expr *x)
{
	char *text = kc_expr_str(e->tree, x, true);
	const char *s = kc_arena_strdup(&e->arena, text);

	free(text);
	return s;
}

/* A symbol's value, copied: the tree's string may be freed by later changes. */
static const char *
sval(struct kc_explain *e, struct kc_symbol *s)
{
	return kc_arena_strdup(&e->arena, kc_sym_string(s));
}

static const char *
sname(const struct kc_symbol *s)
{
	return kc_sym_name(s) ? kc_sym_name(s) : "<choice>";
}

static void
node_at(struct node *n, const char *file, int line)
{
	n->c.file = file;
	n->c.line = line;
}

static struct node *
leaf_new(struct kc_explain *e, struct node *parent, enum kc_cause_kind kind,
	 struct kc_symbol *sym, bool possible, const char *text)
{
	struct node *n = node_new(e, kind, sym);

	n->c.text = text;
	n->leaf = possible;
	node_add(parent, n);
	return n;
}

static enum kc_tristate
tri_and(enum kc_tristate a, enum kc_tristate b)
{
	return a < b ? a : b;
}

static const char *
want_low(enum kc_tristate t)
{
	return t == KC_Y ? "y" : t == KC_M ? ">=m" : "n";
}

static const char *
want_high(enum kc_tristate t)
{
	return t == KC_N ? "n" : t == KC_M ? "<=m" : "y";
}

static const char *
origin_text(enum kc_origin o)
{
	static const char *const text[] = {
		"no value source", "set in the config", "from its default", "selected",
		"implied", "chosen in its choice", "clamped into its range",
	};

	return o <= KC_FROM_RANGE ? text[o] : "?";
}

/* ---- memo ------------------------------------------------------------------- */

static size_t
memo_slot(const struct kc_explain *e, const void *key, int dir, int t)
{
	size_t h = ((size_t)key >> 4) * 31 + (size_t)dir * 7 + (size_t)t;

	return (h * 2654435761u) & (e->memo_cap - 1);
}

static struct node *
memo_get(struct kc_explain *e, const void *key, int dir, int t)
{
	size_t i;

	if (!e->memo_cap)
		return NULL;
	for (i = memo_slot(e, key, dir, t); e->memo[i].key; i = (i + 1) & (e->memo_cap - 1))
		if (e->memo[i].key == key && e->memo[i].dir == dir && e->memo[i].t == t)
			return e->memo[i].n;
	return NULL;
}

static void
memo_put(struct kc_explain *e, const void *key, int dir, int t, struct node *n)
{
	size_t i;

	if (2 * (e->memo_n + 1) > e->memo_cap) {
		struct memo_ent *old = e->memo;
		size_t oldcap = e->memo_cap;

		e->memo_cap = oldcap ? 2 * oldcap : 256;
		e->memo = kc_xcalloc(e->memo_cap, sizeof(*e->memo));
		e->memo_n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].key)
				memo_put(e, old[i].key, old[i].dir, old[i].t, old[i].n);
		free(old);
	}
	for (i = memo_slot(e, key, dir, t); e->memo[i].key; i = (i + 1) & (e->memo_cap - 1))
		;
	e->memo[i] = (struct memo_ent){ key, dir, t, n };
	e->memo_n++;
}

/* ---- small helpers on symbols ------------------------------------------------- */

static bool
is_bool(struct kc_symbol *s)
{
	return kc_sym_shown_type(s) == KC_BOOL;
}

/* The first 'default' whose condition holds, as evaluation picks it. */
static struct kc_prop *
active_default(struct kc_tree *tree, struct kc_symbol *s)
{
	struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if (kc_prop_type(p) == KC_P_DEFAULT && kc_expr_eval(tree, kc_prop_cond(p)) != KC_N)
			return p;
	return NULL;
}

/* The threshold a prompt or dependency condition must reach for @s to reach @t:
 * for a bool, m counts as y. */
static enum kc_tristate
cond_threshold(struct kc_symbol *s, enum kc_tristate t)
{
	return is_bool(s) && t == KC_Y ? KC_M : t;
}

/* ---- leaves: the user's setting, toolchain tests ------------------------------ */

/* The old name S's value came from when the config set only that (6.18 transitional). */
static struct kc_symbol *
carried_from(struct kc_symbol *s)
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

static void
user_leaf(struct kc_explain *e, struct node *parent, struct kc_symbol *s)
{
	struct kc_symbol *old = carried_from(s);
	struct node *n;
	const char *file;
	int line;

	if (old) {
		file = kc_sym_user_file(s, &line);
		n = leaf_new(e, parent, KC_CAUSE_USER, s, true,
			     efmt(e, "%s takes %s=%s from the config (its old name)", sname(s),
				  sname(old), kc_sym_user_string(old)));
		node_at(n, file, line);
	} else if (kc_sym_has_user_value(s)) {
		file = kc_sym_user_file(s, &line);
		n = leaf_new(e, parent, KC_CAUSE_USER, s, true,
			     efmt(e, "%s is set to %s%s", sname(s), kc_sym_user_string(s),
				  file ? " in the config" : " (not saved yet)"));
		node_at(n, file, line);
	} else {
		struct kc_prop *p = active_default(e->tree, s);

		n = leaf_new(e, parent, KC_CAUSE_USER, s, true,
			     efmt(e, "%s is not set in the config: it takes its default (%s)",
				  sname(s), kc_sym_string(s)));
		if (p)
			node_at(n, kc_prop_file(p), kc_prop_line(p));
	}
	n->c.value = sval(e, s);
	n->c.fixable = true;
}

/* A toolchain node when the Kconfig text at file:line holds a $(...) call. */
static bool
toolchain_at(struct kc_explain *e, struct node *parent, const char *file, int line)
{
	const char *src = kc_explainer_line(e->ex, file, line);
	struct node *n;

	if (!src || !strstr(src, "$("))
		return false;
	n = leaf_new(e, parent, KC_CAUSE_TOOLCHAIN, NULL, false, NULL);
	node_at(n, file, line);
	kc_explainer_shell_notes(e, n, src);
	n->c.text = efmt(e, "%s: %s", n->c.nchildren || strstr(src, "$(shell") ||
			 strstr(src, "$(success") || strstr(src, "$(failure") ||
			 strstr(src, "-option") ? "toolchain test"
			 : "fixed by the build environment when Kconfig is read", src);
	return true;
}

/* A constant operand: say where it comes from when the entry's text computes
 * it with $(...), else that it is a constant. */
static void
constant_leaf(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	      const struct kc_menu *where)
{
	int line = where ? kc_explainer_find_dollar(e->ex, where) : 0;

	if (line > 0 && toolchain_at(e, parent, kc_menu_file(where), line))
		return;
	leaf_new(e, parent, KC_CAUSE_NOTE, NULL, false,
		 efmt(e, "the constant %s%s%s", kc_sym_is_const(s) ? "\"" : "", kc_sym_string(s),
		      kc_sym_is_const(s) ? "\"" : ""));
}

/* ---- symbols ------------------------------------------------------------------- */

static bool
over_budget(struct kc_explain *e)
{
	if (e->nodes.n < MAX_NODES && e->depth < MAX_DEPTH)
		return false;
	e->truncated = true;
	return true;
}

static struct node *
undefined_node(struct kc_explain *e, struct kc_symbol *s)
{
	const char *where = kc_explain_arches(e->ex, kc_sym_name(s));
	struct node *n = node_new(e, KC_CAUSE_UNDEFINED, s);

	n->c.value = "n";
	n->leaf = 0;
	if (*where)
		n->c.text = efmt(e, "%s is not defined for ARCH=%s (always n); it exists on: %s",
				 kc_sym_name(s), kc_tree_arch(e->tree), where);
	else
		n->c.text = efmt(e, "%s is not defined anywhere in this tree for ARCH=%s (always n)",
				 kc_sym_name(s), kc_tree_arch(e->tree));
	return n;
}

/* The node "S is below T" (@low) or "S is above T", with its causes below it. */
static struct node *
sym_side(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t, bool low)
{
	int dir = low ? DIR_LOW : DIR_HIGH;
	struct node *n;

	if (is_bool(s) && t == KC_M)
		t = low ? KC_Y : KC_N;
	n = memo_get(e, s, dir, t);
	if (n)
		return n;
	n = low && !kc_sym_defined(s) ? undefined_node(e, s) : node_new(e, KC_CAUSE_SYMBOL, s);
	memo_put(e, s, dir, t, n);
	if (n->c.kind == KC_CAUSE_UNDEFINED)
		return n;
	n->c.value = sval(e, s);
	n->c.want = low ? want_low(t) : want_high(t);
	n->c.text = efmt(e, "%s is %s, needs %s", kc_sym_name(s), n->c.value, n->c.want);
	if (over_budget(e)) {
		n->leaf = 1;
		n->c.text = efmt(e, "%s (not expanded further)", n->c.text);
		return n;
	}
	e->depth++;
	if (low)
		reasons_low(e, n, s, t);
	else
		reasons_high(e, n, s, t);
	e->depth--;
	return n;
}

static struct node *
sym_low(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t)
{
	return sym_side(e, s, t, true);
}

static struct node *
sym_high(struct kc_explain *e, struct kc_symbol *s, enum kc_tristate t)
{
	return sym_side(e, s, t, false);
}

/* Where an operand's value comes from (int/hex/string operands of comparisons). */
static struct node *
value_node(struct kc_explain *e, struct kc_symbol *s)
{
	struct node *n = memo_get(e, s, DIR_VALUE, 0);
	struct kc_prop *p;

	if (n)
		return n;
	if (!kc_sym_defined(s))
		return undefined_node(e, s);
	n = node_new(e, KC_CAUSE_VALUE, s);
	memo_put(e, s, DIR_VALUE, 0, n);
	n->c.value = sval(e, s);
	n->c.text = efmt(e, "%s is %s (%s)", kc_sym_name(s), n->c.value, origin_text(kc_sym_origin(s)));
	if (kc_sym_visibility(s) != KC_N) {
		user_leaf(e, n, s);
		return n;
	}
	p = active_default(e->tree, s);
	if (p && !toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		node_at(n, kc_prop_file(p), kc_prop_line(p));
	if (!n->c.nchildren)
		n->leaf = 0;
	return n;
}

/* ---- why too low ---------------------------------------------------------------- */

/* The operands of the chain of @op operators @x (@x itself when it is no @op; none for NULL). */
static void
op_terms(struct kc_expr *x, enum kc_expr_type op, struct kc_vec *out)
{
	if (!x)
		return;
	if (kc_expr_type(x) == op) {
		op_terms(kc_expr_left(x), op, out);
		op_terms(kc_expr_right(x), op, out);
		return;
	}
	kc_vec_push(out, x);
}

static bool
expr_equal(const struct kc_expr *a, const struct kc_expr *b)
{
	if (a == b)
		return true;
	if (!a || !b || kc_expr_type(a) != kc_expr_type(b))
		return false;
	switch (kc_expr_type(a)) {
	case KC_E_SYMBOL:
		return kc_expr_sym(a) == kc_expr_sym(b);
	case KC_E_NOT:
		return expr_equal(kc_expr_left(a), kc_expr_left(b));
	case KC_E_AND:
	case KC_E_OR:
		return expr_equal(kc_expr_left(a), kc_expr_left(b)) &&
		       expr_equal(kc_expr_right(a), kc_expr_right(b));
	default:
		return kc_expr_sym(a) == kc_expr_sym(b) && kc_expr_sym2(a) == kc_expr_sym2(b);
	}
}

/* One level of an entry's dependencies: its own 'depends on', or an
 * enclosing if/menu/choice, explained when it is below t. */
static void
level_low(struct kc_explain *e, struct node *parent, const struct kc_menu *lvl,
	  const struct kc_menu *entry, struct kc_expr *own, enum kc_tristate t)
{
	enum kc_tristate v = kc_expr_eval(e->tree, own);
	struct node *n;

	if (v >= t)
		return;
	if (lvl == entry) {
		n = node_new(e, KC_CAUSE_DEPENDS, kc_menu_sym(entry));
		n->c.text = efmt(e, "depends on %s", etext(e, own));
	} else if (kc_menu_kind(lvl) == KC_M_IF) {
		n = node_new(e, KC_CAUSE_IF_BLOCK, NULL);
		n->c.text = efmt(e, "inside \"if %s\"", etext(e, own));
	} else if (kc_menu_kind(lvl) == KC_M_CHOICE) {
		n = node_new(e, KC_CAUSE_MENU_DEP, NULL);
		n->c.text = efmt(e, "inside choice \"%s\", which depends on %s",
				 kc_menu_prompt(lvl) ? kc_menu_prompt(lvl) : "",
				 etext(e, own));
	} else {
		n = node_new(e, KC_CAUSE_MENU_DEP, kc_menu_sym(lvl));
		n->c.text = efmt(e, "inside %s \"%s\", which depends on %s",
				 kc_menu_kind(lvl) == KC_M_MENU ? "menu" : "entry",
				 kc_menu_prompt(lvl) ? kc_menu_prompt(lvl) : sname(kc_menu_sym(lvl)),
				 etext(e, own));
	}
	n->c.value = tri_name[v];
	n->c.want = want_low(t);
	node_at(n, kc_menu_file(lvl), kc_menu_line(lvl));
	node_add(parent, n);
	expr_low(e, n, own, t, lvl);
}

/* Walk an entry's dependency from itself out to the top, splitting it into the
 * part each level added: finalisation builds dep = parent->dep && own. */
static void
entry_deps_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	       enum kc_tristate t)
{
	struct kc_expr *d = kc_menu_dep(m);
	const struct kc_menu *cur = m, *owner;

	while (d) {
		struct kc_expr *own = d, *up = NULL;

		owner = kc_explainer_dep_owner(e->ex, d);
		if (owner && owner != cur) {
			cur = owner;
			continue;
		}
		if (kc_expr_type(d) == KC_E_AND) {
			owner = kc_explainer_dep_owner(e->ex, kc_expr_left(d));
			if (owner && owner != cur) {
				own = kc_expr_right(d);
				up = kc_expr_left(d);
			}
		}
		level_low(e, parent, cur, m, own, t);
		d = up;
	}
}

static bool
in_visibility(const struct kc_menu *m, struct kc_expr *term)
{
	const struct kc_menu *a;
	struct kc_vec terms = { 0 };
	bool found = false;
	size_t i;

	for (a = kc_menu_parent(m); a && !found; a = kc_menu_parent(a)) {
		terms.n = 0;
		op_terms(kc_menu_visible_if(a), KC_E_AND, &terms);
		for (i = 0; i < terms.n && !found; i++)
			found = expr_equal(terms.v[i], term);
	}
	kc_vec_free(&terms);
	return found;
}

static void
visible_if_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	       enum kc_tristate t)
{
	const struct kc_menu *a;
	struct node *n;

	for (a = kc_menu_parent(m); a; a = kc_menu_parent(a)) {
		enum kc_tristate v;

		if (!kc_menu_visible_if(a) || (v = kc_expr_eval(e->tree, kc_menu_visible_if(a))) >= t)
			continue;
		n = node_new(e, KC_CAUSE_VISIBLE_IF, NULL);
		n->c.text = efmt(e, "inside menu \"%s\", which is 'visible if %s'",
				 kc_menu_prompt(a) ? kc_menu_prompt(a) : "",
				 etext(e, kc_menu_visible_if(a)));
		n->c.value = tri_name[v];
		n->c.want = want_low(t);
		node_at(n, kc_menu_file(a), kc_menu_line(a));
		node_add(parent, n);
		expr_low(e, n, kc_menu_visible_if(a), t, a);
	}
}

/* The prompt's own "if" part: prompt cond = dep && (if && visible-ifs). */
static void
prompt_if_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	      enum kc_tristate t)
{
	struct kc_expr *pc = kc_prop_cond(kc_menu_prompt_prop(m)), *part = NULL;
	struct kc_vec terms = { 0 };
	struct node *n = NULL;
	size_t i;

	if (pc == kc_menu_dep(m))
		return;
	if (!kc_menu_dep(m))
		part = pc;
	else if (pc && kc_expr_type(pc) == KC_E_AND && kc_expr_left(pc) == kc_menu_dep(m))
		part = kc_expr_right(pc);
	op_terms(part, KC_E_AND, &terms);
	for (i = 0; i < terms.n; i++) {
		struct kc_expr *term = terms.v[i];

		if (kc_expr_eval(e->tree, term) >= t || in_visibility(m, term))
			continue;
		if (!n) {
			n = node_new(e, KC_CAUSE_PROMPT_IF, kc_menu_sym(m));
			n->c.text = efmt(e, "prompt \"%s\" if %s", kc_menu_prompt(m), etext(e, part));
			n->c.value = tri_name[kc_expr_eval(e->tree, part)];
			n->c.want = want_low(t);
			node_at(n, kc_prop_file(kc_menu_prompt_prop(m)), kc_prop_line(kc_menu_prompt_prop(m)));
			node_add(parent, n);
		}
		expr_low(e, n, term, t, m);
	}
	kc_vec_free(&terms);
}

/* Why the prompt of entry m is below t. */
static void
entry_low(struct kc_explain *e, struct node *parent, const struct kc_menu *m,
	  enum kc_tristate t)
{
	size_t before = parent->c.nchildren;
	struct node *n;

	entry_deps_low(e, parent, m, t);
	visible_if_low(e, parent, m, t);
	prompt_if_low(e, parent, m, t);
	if (parent->c.nchildren > before)
		return;
	/* could not split it: show the whole condition */
	n = node_new(e, KC_CAUSE_DEPENDS, kc_menu_sym(m));
	n->c.text = efmt(e, "prompt condition %s", etext(e, kc_prop_cond(kc_menu_prompt_prop(m))));
	node_at(n, kc_menu_file(m), kc_menu_line(m));
	node_add(parent, n);
	expr_low(e, n, kc_prop_cond(kc_menu_prompt_prop(m)), t, m);
}

static void
visibility_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	       enum kc_tristate t)
{
	struct kc_vec hidden = { 0 };
	struct node *any, *g;
	size_t i;

	for (i = 0; i < kc_sym_nmenus(s); i++) {
		struct kc_menu *m = kc_sym_menu(s, i);

		if (kc_menu_prompt(m) &&
		    kc_expr_eval(e->tree, kc_prop_cond(kc_menu_prompt_prop(m))) < t)
			kc_vec_push(&hidden, m);
	}
	if (hidden.n == 1)
		entry_low(e, parent, hidden.v[0], t);
	if (hidden.n > 1) {
		any = leaf_new(e, parent, KC_CAUSE_ANY_OF, s, false,
			       efmt(e, "%s has %zu prompts, all hidden (opening one would do)",
				    kc_sym_name(s), hidden.n));
		any->leaf = -1;
		any->any = true;
		for (i = 0; i < hidden.n; i++) {
			struct kc_menu *m = hidden.v[i];

			g = leaf_new(e, any, KC_CAUSE_NOTE, s, false,
				     efmt(e, "prompt \"%s\"", kc_menu_prompt(m)));
			g->leaf = -1;
			node_at(g, kc_menu_file(m), kc_menu_line(m));
			entry_low(e, g, m, t);
		}
	}
	kc_vec_free(&hidden);
}

static void
default_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	    struct kc_prop *p, bool shadowed, enum kc_tristate t)
{
	enum kc_tristate dv = kc_expr_eval(e->tree, kc_prop_expr(p)), cv = kc_expr_eval(e->tree, kc_prop_cond(p));
	struct node *n = node_new(e, KC_CAUSE_DEFAULT, s);

	n->c.text = kc_prop_cond(p) ? efmt(e, "default %s if %s%s", etext(e, kc_prop_expr(p)), etext(e, kc_prop_cond(p)),
				   shadowed ? " (an earlier default applies first)" : "")
			    : efmt(e, "default %s%s", etext(e, kc_prop_expr(p)),
				   shadowed ? " (an earlier default applies first)" : "");
	n->c.value = tri_name[tri_and(dv, cv)];
	node_at(n, kc_prop_file(p), kc_prop_line(p));
	node_add(parent, n);
	if (cv < t)
		expr_low(e, n, kc_prop_cond(p), t, NULL);
	if (dv < t && !toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		expr_low(e, n, kc_prop_expr(p), t, NULL);
}

static void
selector_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	     struct kc_prop *p, bool expand, enum kc_tristate t)
{
	struct kc_symbol *o = kc_prop_owner(p);
	bool sel = kc_prop_type(p) == KC_P_SELECT;
	struct node *n = node_new(e, sel ? KC_CAUSE_SELECT : KC_CAUSE_IMPLY, o);

	n->c.text = kc_prop_cond(p) ? efmt(e, "%s by %s [=%s] if %s", sel ? "selected" : "implied",
				   kc_sym_name(o), kc_sym_string(o), etext(e, kc_prop_cond(p)))
			    : efmt(e, "%s by %s [=%s]", sel ? "selected" : "implied", kc_sym_name(o),
				   kc_sym_string(o));
	node_at(n, kc_prop_file(p), kc_prop_line(p));
	node_add(parent, n);
	if (!expand) {
		n->leaf = 1;
		return;
	}
	if (kc_sym_tristate(o) < t)
		node_add(n, sym_low(e, o, t));
	if (kc_expr_eval(e->tree, kc_prop_cond(p)) < t)
		expr_low(e, n, kc_prop_cond(p), t, NULL);
	if (!sel && kc_sym_dir_dep_value(s) < t)
		expr_low(e, n, kc_sym_dir_dep(s), t, NULL);
}

/* A symbol without a prompt: only its defaults, selects and implies set it. */
static void
no_prompt_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	      enum kc_tristate t)
{
	struct node *n = node_new(e, KC_CAUSE_NO_PROMPT, s);
	struct kc_prop *p, *active = active_default(e->tree, s);
	size_t i, nsel = kc_sym_nselectors(s);

	n->c.text = efmt(e, "%s has no prompt: only a default, select or imply can set it",
			 kc_sym_name(s));
	n->any = true;
	node_add(parent, n);
	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if (kc_prop_type(p) == KC_P_DEFAULT)
			default_low(e, n, s, p, active && active != p &&
				    kc_expr_eval(e->tree, kc_prop_cond(p)) != KC_N, t);
	for (i = 0; i < nsel; i++)
		selector_low(e, n, s, kc_sym_selector(s, i), i < MAX_SELECTORS, t);
	if (!n->c.nchildren)
		leaf_new(e, n, KC_CAUSE_NOTE, NULL, false,
			 "nothing sets it: no default, no select, no imply");
}

static const char *
how_chosen(struct kc_explain *e, struct kc_symbol *h)
{
	const char *file;
	int line;

	if (!kc_sym_has_user_value(h) || strcmp(kc_sym_user_string(h), "y"))
		return "by default";
	file = kc_sym_user_file(h, &line);
	return file ? efmt(e, "set in %s:%d", file, line) : "set by the user";
}

static void
choice_low(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	   const struct kc_menu *choice)
{
	struct kc_symbol *h;
	struct node *n;

	if (kc_sym_visibility(s) == KC_N) {
		if (kc_sym_has_prompt(s))
			visibility_low(e, parent, s, KC_M);
		else
			no_prompt_low(e, parent, s, KC_Y);
		return;
	}
	h = kc_choice_holder(choice);
	n = leaf_new(e, parent, KC_CAUSE_CHOICE, h, true,
		     h ? efmt(e, "member of choice \"%s\", where %s is selected (%s)",
			      kc_menu_prompt(choice) ? kc_menu_prompt(choice) : "", kc_sym_name(h),
			      how_chosen(e, h))
		       : efmt(e, "member of choice \"%s\"",
			      kc_menu_prompt(choice) ? kc_menu_prompt(choice) : ""));
	n->c.fixable = true;
	n->c.value = h ? kc_sym_name(h) : NULL;
	node_at(n, kc_menu_file(choice), kc_menu_line(choice));
}

static void
modules_low(struct kc_explain *e, struct node *parent)
{
	struct kc_symbol *mod = kc_tree_modules_sym(e->tree);
	struct node *n;

	n = leaf_new(e, parent, KC_CAUSE_MODULES, mod, false,
		     mod ? efmt(e, "m needs module support: %s is %s", kc_sym_name(mod), kc_sym_string(mod))
			 : "m needs module support, and this tree has no 'modules' symbol");
	if (!mod)
		return;
	n->leaf = -1;
	node_add(n, sym_low(e, mod, KC_Y));
}

static void
reasons_low(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t)
{
	struct kc_menu *choice = kc_sym_choice(s);
	enum kc_tristate vis = kc_sym_visibility(s);
	unsigned ok = kc_sym_assignable(s) & ~((1u << t) - 1);

	if (choice) {
		choice_low(e, n, s, choice);
		return;
	}
	if (ok) {
		user_leaf(e, n, s);
		return;
	}
	if (vis >= t && t == KC_M && kc_sym_type(s) == KC_TRISTATE &&
	    kc_sym_shown_type(s) == KC_BOOL) {
		modules_low(e, n);
		return;
	}
	if (kc_sym_has_prompt(s))
		visibility_low(e, n, s, cond_threshold(s, t));
	else
		no_prompt_low(e, n, s, t);
}

/* ---- why too high (stuck on) ---------------------------------------------------- */

static void
selects_high(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t,
	     enum kc_prop_type type)
{
	size_t i, shown = 0;

	for (i = 0; i < kc_sym_nselectors(s); i++) {
		struct kc_prop *p = kc_sym_selector(s, i);
		struct kc_symbol *o = kc_prop_owner(p);
		enum kc_tristate v;
		struct node *k;

		if (kc_prop_type(p) != type)
			continue;
		v = tri_and(kc_sym_tristate(o), kc_expr_eval(e->tree, kc_prop_cond(p)));
		if (is_bool(s) && v == KC_M)
			v = KC_Y;
		if (v <= t)
			continue;
		if (shown++ == MAX_SELECTORS) {
			leaf_new(e, n, KC_CAUSE_NOTE, NULL, true, "... and more (not expanded)");
			break;
		}
		k = node_new(e, type == KC_P_SELECT ? KC_CAUSE_SELECT : KC_CAUSE_IMPLY, o);
		k->c.text = efmt(e, "%s by %s [=%s]%s%s",
				 type == KC_P_SELECT ? "selected" : "implied", kc_sym_name(o),
				 kc_sym_string(o), kc_prop_cond(p) ? " if " : "",
				 kc_prop_cond(p) ? etext(e, kc_prop_cond(p)) : "");
		k->c.value = tri_name[v];
		node_at(k, kc_prop_file(p), kc_prop_line(p));
		node_add(n, k);
		node_add(k, sym_high(e, o, t));
	}
}

static void
choice_high(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	    const struct kc_menu *choice)
{
	size_t i, others = 0;
	struct node *n;

	for (i = 0; i < kc_choice_nmembers(choice); i++)
		if (kc_choice_member(choice, i) != s &&
		    kc_sym_visibility(kc_choice_member(choice, i)) != KC_N)
			others++;
	n = leaf_new(e, parent, KC_CAUSE_CHOICE, s, others > 0,
		     others ? efmt(e, "the selected member of choice \"%s\" (%s): select another one",
				   kc_menu_prompt(choice) ? kc_menu_prompt(choice) : "",
				   how_chosen(e, s))
			    : efmt(e, "the only visible member of choice \"%s\": a choice always has one",
				   kc_menu_prompt(choice) ? kc_menu_prompt(choice) : ""));
	n->c.fixable = others > 0;
	node_at(n, kc_menu_file(choice), kc_menu_line(choice));
}

static void
default_high(struct kc_explain *e, struct node *parent, struct kc_symbol *s,
	     struct kc_prop *p, enum kc_tristate t)
{
	enum kc_tristate dv = kc_expr_eval(e->tree, kc_prop_expr(p)), cv = kc_expr_eval(e->tree, kc_prop_cond(p));
	struct node *n = node_new(e, KC_CAUSE_DEFAULT, s);

	n->c.text = kc_prop_cond(p) ? efmt(e, "default %s if %s", etext(e, kc_prop_expr(p)), etext(e, kc_prop_cond(p)))
			    : efmt(e, "default %s", etext(e, kc_prop_expr(p)));
	n->c.value = tri_name[tri_and(dv, cv)];
	n->any = true;
	node_at(n, kc_prop_file(p), kc_prop_line(p));
	node_add(parent, n);
	if (toolchain_at(e, n, kc_prop_file(p), kc_prop_line(p)))
		return;
	/* a literal "default y" is only lowered through its condition; a compound value
	 * (A || B) has no symbol of its own to test */
	if (dv > t && (kc_expr_type(kc_prop_expr(p)) != KC_E_SYMBOL || !kc_sym_is_const(kc_expr_sym(kc_prop_expr(p)))))
		expr_high(e, n, kc_prop_expr(p), t, NULL);
	if (cv > t)
		expr_high(e, n, kc_prop_cond(p), t, NULL);
	if (!n->c.nchildren) {
		n->leaf = 0;
		n->c.text = efmt(e, "%s (%s)", n->c.text, kc_sym_has_prompt(s) ? "fixed while hidden"
								 : "no prompt: always applies");
	}
}

static void
reasons_high(struct kc_explain *e, struct node *n, struct kc_symbol *s, enum kc_tristate t)
{
	struct kc_menu *choice = kc_sym_choice(s);
	unsigned ok = kc_sym_assignable(s) & ((2u << t) - 1);
	struct kc_prop *p;
	struct node *any;

	if (choice && kc_sym_tristate(s) == KC_Y) {
		choice_high(e, n, s, choice);
		return;
	}
	if (kc_sym_rev_dep_value(s) > t) {
		selects_high(e, n, s, t, KC_P_SELECT);
		return;
	}
	if (ok) {
		user_leaf(e, n, s);
		return;
	}
	any = n;
	if (kc_sym_has_prompt(s) && kc_sym_visibility(s) == KC_N) {
		any = leaf_new(e, n, KC_CAUSE_ANY_OF, s, false,
			       efmt(e, "%s is hidden, so its setting is not used (either way out works)",
				    kc_sym_name(s)));
		any->leaf = -1;
		any->any = true;
		visibility_low(e, any, s, KC_M);
	}
	if (kc_sym_origin(s) == KC_FROM_IMPLY)
		selects_high(e, any, s, t, KC_P_IMPLY);
	else if ((p = active_default(e->tree, s)))
		default_high(e, any, s, p, t);
	if (!n->c.nchildren)
		leaf_new(e, n, KC_CAUSE_NOTE, NULL, false,
			 efmt(e, "%s cannot be lowered (origin: %s)", kc_sym_name(s),
			      kc_origin_name(kc_sym_origin(s))));
}

/* ---- expressions ------------------------------------------------------------------ */

/* The constants y, m and n: the parser makes every "y" one symbol, whether quoted or not. */
static bool
is_tri_const(const struct kc_symbol *s)
{
	const char *name = s ? kc_sym_name(s) : NULL;

	return name && kc_sym_is_const(s) && name[0] && !name[1] && strchr("ymn", name[0]);
}

static bool
is_tri_sym(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* A constant, or a number written in an expression (an untyped symbol named 116). */
static bool
is_literal(const struct kc_symbol *s)
{
	const char *p = kc_sym_name(s);

	if (kc_sym_is_const(s))
		return true;
	if (kc_sym_defined(s) || !p)
		return false;
	if (*p == '-')
		p++;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	return *p && strspn(p, "0123456789abcdefABCDEF") == strlen(p) &&
	       (isdigit((unsigned char)kc_sym_name(s)[0]) || kc_sym_name(s)[0] == '-');
}

/* Need A == c (want_eq) or A != c, for a bool/tristate A and a constant c. */
static void
tri_compare(struct kc_explain *e, struct node *parent, struct kc_symbol *a,
	    enum kc_tristate c, bool want_eq)
{
	enum kc_tristate v = kc_sym_tristate(a);
	struct node *any;

	if (want_eq) {
		node_add(parent, v < c ? sym_low(e, a, c) : sym_high(e, a, c));
		return;
	}
	if (c == KC_N) {
		node_add(parent, sym_low(e, a, KC_M));
	} else if (c == KC_Y) {
		node_add(parent, sym_high(e, a, KC_M));
	} else {
		any = leaf_new(e, parent, KC_CAUSE_ANY_OF, a, false,
			       efmt(e, "%s must not be m", kc_sym_name(a)));
		any->leaf = -1;
		any->any = true;
		node_add(any, sym_low(e, a, KC_Y));
		node_add(any, sym_high(e, a, KC_N));
	}
}

static void explain_value(struct kc_explain *e, struct node *root, struct kc_symbol *s,
			  const char *want);

/* Need int/hex/string A = "lit": A's own question, as `why A lit` asks it (PANEL_LCD="1"). */
static void
value_compare(struct kc_explain *e, struct node *parent, const struct kc_expr *x)
{
	struct kc_symbol *a = kc_expr_sym(x), *b = kc_expr_sym2(x);
	struct node *n = memo_get(e, x, DIR_SET, 0);

	if (!n) {
		n = node_new(e, KC_CAUSE_SYMBOL, a);
		memo_put(e, x, DIR_SET, 0, n);
		n->c.value = sval(e, a);
		n->c.text = efmt(e, "%s is %s, needs %s", kc_sym_name(a), n->c.value, kc_sym_name(b));
		e->depth++;
		explain_value(e, n, a, kc_sym_name(b));
		e->depth--;
	}
	node_add(parent, n);
}

static void
compare_explain(struct kc_explain *e, struct node *parent, struct kc_expr *x, bool want_true)
{
	struct kc_symbol *a = kc_expr_sym(x), *b = kc_expr_sym2(x);
	enum kc_expr_type op = kc_expr_type(x);
	struct node *n;

	if ((op == KC_E_EQUAL || op == KC_E_UNEQUAL) && is_tri_const(b) && is_tri_sym(a) &&
	    kc_sym_defined(a)) {
		tri_compare(e, parent, a, kc_sym_tristate(b), want_true == (op == KC_E_EQUAL));
		return;
	}
	if (kc_expr_type(x) == KC_E_EQUAL && want_true && b && is_literal(b) && !is_tri_sym(a) &&
	    kc_sym_defined(a) && kc_sym_has_prompt(a) && !over_budget(e)) {
		value_compare(e, parent, x);
		return;
	}
	if ((kc_expr_type(x) == KC_E_UNEQUAL) == want_true && b && is_literal(b) && !is_tri_sym(a) &&
	    kc_sym_defined(a) && kc_sym_has_prompt(a) && !over_budget(e)) {
		/* PANEL_LCD_PROTO!="0": any other value the user gives it */
		const char *q = kc_sym_type(a) == KC_STRING ? "\"" : "";

		n = leaf_new(e, parent, KC_CAUSE_SYMBOL, a, false,
			     efmt(e, "%s is %s%s%s, needs another value than %s%s%s", kc_sym_name(a), q,
				  sval(e, a), q, q, kc_sym_name(b), q));
		n->leaf = -1;
		if (kc_sym_type(a) == KC_STRING)
			e->needs_value = kc_sym_name(a);
		if (kc_sym_visibility(a) == KC_N)
			visibility_low(e, n, a, KC_M);
		else
			user_leaf(e, n, a);
		return;
	}
	n = node_new(e, KC_CAUSE_COMPARE, NULL);
	n->c.text = efmt(e, "%s is %s", etext(e, x), want_true ? "false" : "true");
	n->c.value = want_true ? "n" : "y";
	n->c.want = want_true ? "y" : "n";
	n->any = true;
	node_add(parent, n);
	if (!is_literal(a))
		node_add(n, value_node(e, a));
	if (b && !is_literal(b))
		node_add(n, value_node(e, b));
	if (!n->c.nchildren)
		n->leaf = 0;
}

/*
 * Why an expression is below a value (low) and why it is above one (high) are mirror
 * images: && and || trade places. Under the operator that must hold (or fail) as a whole
 * every operand is explained; under the other, each alternative goes below an any-of
 * node, and one that is itself a whole goes below a node of its own (HAVE_CLK && ATH79 ||
 * MIPS && COMPILE_TEST on x86: COMPILE_TEST alone does not open it, MIPS is not defined
 * there).
 */
struct side {
	enum kc_expr_type whole;	/* every operand explained */
	enum kc_expr_type alts;		/* alternatives under an any-of node */
	const char *alts_text, *whole_alt_text;
};
static const struct side side_low = {
	KC_E_AND, KC_E_OR, "none of the alternatives holds: ", "this alternative needs all of: ",
};
static const struct side side_high = {
	KC_E_OR, KC_E_AND, "all of these hold (lowering one would do): ",
	"lowering this needs all of its alternatives lowered: ",
};

/* beyond - @x is already where the question wants it (at or above @t for low). */
static bool
beyond(struct kc_explain *e, struct kc_expr *x, enum kc_tristate t, bool low)
{
	return low ? kc_expr_eval(e->tree, x) >= t : kc_expr_eval(e->tree, x) <= t;
}

static void expr_side(struct kc_explain *e, struct node *parent, struct kc_expr *x,
		      enum kc_tristate t, const struct kc_menu *where, bool low);

/* One alternative: a whole one needs each of its operands, below a node of its own. */
static void
alt_side(struct kc_explain *e, struct node *any, struct kc_expr *x, enum kc_tristate t,
	 const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;
	struct node *all;

	if (kc_expr_type(x) != sd->whole || beyond(e, x, t, low)) {
		expr_side(e, any, x, t, where, low);
		return;
	}
	all = leaf_new(e, any, KC_CAUSE_NOTE, NULL, false,
		       efmt(e, "%s%s", sd->whole_alt_text, etext(e, x)));
	all->leaf = -1;
	expr_side(e, all, x, t, where, low);
}

static void
alts_side(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	  const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;
	struct kc_vec terms = { 0 };
	struct node *any;
	size_t i;

	op_terms(x, sd->alts, &terms);
	any = leaf_new(e, parent, KC_CAUSE_ANY_OF, NULL, false,
		       efmt(e, "%s%s", sd->alts_text, etext(e, x)));
	any->leaf = -1;
	any->any = true;
	for (i = 0; i < terms.n; i++)
		alt_side(e, any, terms.v[i], t, where, low);
	kc_vec_free(&terms);
}

static void
expr_side(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	  const struct kc_menu *where, bool low)
{
	const struct side *sd = low ? &side_low : &side_high;

	if (!x || beyond(e, x, t, low))
		return;
	if (kc_expr_type(x) == KC_E_SYMBOL && kc_sym_is_const(kc_expr_sym(x))) {
		constant_leaf(e, parent, kc_expr_sym(x), where);
	} else if (kc_expr_type(x) == KC_E_SYMBOL) {
		node_add(parent, sym_side(e, kc_expr_sym(x), t, low));
	} else if (kc_expr_type(x) == sd->whole) {
		expr_side(e, parent, kc_expr_left(x), t, where, low);
		expr_side(e, parent, kc_expr_right(x), t, where, low);
	} else if (kc_expr_type(x) == sd->alts) {
		alts_side(e, parent, x, t, where, low);
	} else if (kc_expr_type(x) == KC_E_NOT) {
		expr_side(e, parent, kc_expr_left(x), (enum kc_tristate)(KC_Y - t), where, !low);
	} else {
		compare_explain(e, parent, x, low);
	}
}

static void
expr_low(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	 const struct kc_menu *where)
{
	expr_side(e, parent, x, t, where, true);
}

static void
expr_high(struct kc_explain *e, struct node *parent, struct kc_expr *x, enum kc_tristate t,
	  const struct kc_menu *where)
{
	expr_side(e, parent, x, t, where, false);
}

/* ---- the question ------------------------------------------------------------------ */

static bool
parse_tri(const char *s, enum kc_tristate *t)
{
	if (!s || !s[0] || s[1])
		return false;
	switch (s[0]) {
	case 'y': case 'Y':
		*t = KC_Y;
		return true;
	case 'm': case 'M':
		*t = KC_M;
		return true;
	case 'n': case 'N':
		*t = KC_N;
		return true;
	}
	return false;
}

/* The natural question: n -> y (m when the dependencies allow only m), on -> n. */
static enum kc_tristate
natural_want(struct kc_symbol *s)
{
	enum kc_tristate v = kc_sym_tristate(s);

	if (v != KC_N)
		return v == KC_M && kc_sym_visibility(s) == KC_Y ? KC_Y : KC_N;
	if (kc_sym_shown_type(s) == KC_TRISTATE &&
	    (kc_sym_dir_dep_value(s) == KC_M || kc_sym_visibility(s) == KC_M))
		return KC_M;
	return KC_Y;
}

static void
origin_note(struct kc_explain *e, struct node *root, struct kc_symbol *s)
{
	enum kc_origin o = kc_sym_origin(s);

	if (o == KC_FROM_USER || (o != KC_FROM_SELECT && kc_sym_visibility(s) != KC_N)) {
		user_leaf(e, root, s);
		return;
	}
	leaf_new(e, root, KC_CAUSE_NOTE, s, true,
		 efmt(e, "%s is already %s (%s)", kc_sym_name(s), kc_sym_string(s), origin_text(o)));
}

static void
explain_tristate(struct kc_explain *e, struct node *root, struct kc_symbol *s,
		 const char *want)
{
	enum kc_tristate v = kc_sym_tristate(s), t;

	if (want && !parse_tri(want, &t)) {
		leaf_new(e, root, KC_CAUSE_TYPE, s, false,
			 efmt(e, "\"%s\" is not a value for the %s %s", want,
			      kc_type_name(kc_sym_type(s)), kc_sym_name(s)));
		return;
	}
	if (!want)
		t = natural_want(s);
	root->c.want = tri_name[t];
	if (t == KC_M && kc_sym_type(s) == KC_BOOL) {
		leaf_new(e, root, KC_CAUSE_TYPE, s, false,
			 efmt(e, "%s is a bool: it can be y or n, never m", kc_sym_name(s)));
	} else if (t == KC_M && kc_sym_shown_type(s) == KC_BOOL) {
		modules_low(e, root);
	} else if (v == t) {
		origin_note(e, root, s);
	} else if (v < t) {
		reasons_low(e, root, s, t);
	} else {
		reasons_high(e, root, s, t);
	}
}

/* A literal default of a range bound (NR_CPUS_RANGE_END: default 8192 if ...), or NULL. */
static struct kc_symbol *
literal_default(const struct kc_prop *q)
{
	struct kc_symbol *d = kc_prop_type(q) == KC_P_DEFAULT && kc_expr_type(kc_prop_expr(q)) == KC_E_SYMBOL
				      ? kc_expr_sym(kc_prop_expr(q)) : NULL;

	/* numbers are symbols nobody defines ("8192"), as in conf */
	return d && (kc_sym_is_const(d) || !kc_sym_defined(d)) ? d : NULL;
}

/*
 * A range bound that is a promptless symbol moves with its defaults: each
 * literal default that lets v in is a way, when its condition holds and the
 * earlier defaults' do not (as the planner's move_bounds tries them).
 */
static void
bound_explain(struct kc_explain *e, struct node *parent, struct kc_symbol *bound,
	      long long v, bool upper, int base)
{
	struct kc_prop *q, *o;

	if (!bound || kc_sym_is_const(bound) || !kc_sym_defined(bound) || kc_sym_has_prompt(bound))
		return;
	for (q = kc_sym_props(bound); q; q = kc_prop_next(q)) {
		struct kc_symbol *d = literal_default(q);
		long long x = d ? strtoll(kc_sym_name(d), NULL, base) : 0;
		struct node *k;

		if (!d || (upper ? v > x : v < x))
			continue;
		k = leaf_new(e, parent, KC_CAUSE_RANGE, bound, false,
			     efmt(e, "%s would be %s if %s", kc_sym_name(bound), kc_sym_name(d),
				  kc_prop_cond(q) ? etext(e, kc_prop_cond(q)) : "no earlier default applied"));
		k->leaf = -1;
		node_at(k, kc_prop_file(q), kc_prop_line(q));
		expr_low(e, k, kc_prop_cond(q), KC_M, NULL);
		for (o = kc_sym_props(bound); o != q; o = kc_prop_next(o))
			if (kc_prop_type(o) == KC_P_DEFAULT)
				expr_high(e, k, kc_prop_cond(o), KC_N, NULL);
	}
}

/* The lowest and highest value a range bound can take; false when unbounded. */
static bool
bound_span(struct kc_symbol *b, int base, long long *lo, long long *hi, int depth)
{
	struct kc_prop *q;

	*lo = *hi = strtoll(kc_sym_string(b), NULL, base);
	if (kc_sym_is_const(b) || !kc_sym_defined(b))
		return true;
	if (kc_sym_has_prompt(b) || depth > 4)
		return false;
	for (q = kc_sym_props(b); q; q = kc_prop_next(q)) {
		long long l, h;

		if (kc_prop_type(q) != KC_P_DEFAULT)
			continue;
		/* default NR_CPUS_RANGE_END if MAXSMP: that symbol's span */
		if (kc_expr_type(kc_prop_expr(q)) != KC_E_SYMBOL ||
		    !bound_span(kc_expr_sym(kc_prop_expr(q)), base, &l, &h, depth + 1))
			return false;
		*lo = l < *lo ? l : *lo;
		*hi = h > *hi ? h : *hi;
	}
	return true;
}

/* Whether no range of s can ever hold v, whatever the config (as far as literal bounds tell). */
static bool
range_never(struct kc_symbol *s, long long v)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	long long lo, hi, l2, h2;
	struct kc_prop *p;
	bool any = false;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != KC_P_RANGE)
			continue;
		any = true;
		if (!bound_span(kc_expr_sym(kc_prop_expr(p)), base, &lo, &l2, 0) ||
		    !bound_span(kc_expr_sym2(kc_prop_expr(p)), base, &h2, &hi, 0) || (v >= lo && v <= hi))
			return false;
	}
	return any;
}

static void
range_explain(struct kc_explain *e, struct node *root, struct kc_symbol *s, long long v)
{
	int base = kc_sym_type(s) == KC_HEX ? 16 : 10;
	struct kc_prop *p, *active = NULL;
	struct node *n = NULL;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		long long lo, hi;
		struct node *k;

		if (kc_prop_type(p) != KC_P_RANGE)
			continue;
		lo = strtoll(kc_sym_string(kc_expr_sym(kc_prop_expr(p))), NULL, base);
		hi = strtoll(kc_sym_string(kc_expr_sym2(kc_prop_expr(p))), NULL, base);
		if (!active && kc_expr_eval(e->tree, kc_prop_cond(p)) != KC_N) {
			active = p;
			n = leaf_new(e, root, KC_CAUSE_RANGE, s, false,
				     efmt(e, "out of the range %s..%s", kc_sym_string(kc_expr_sym(kc_prop_expr(p))),
					  kc_sym_string(kc_expr_sym2(kc_prop_expr(p)))));
			n->leaf = -1;
			n->any = true;
			node_at(n, kc_prop_file(p), kc_prop_line(p));
			bound_explain(e, n, v > hi ? kc_expr_sym2(kc_prop_expr(p)) : kc_expr_sym(kc_prop_expr(p)), v,
				      v > hi, base);
			continue;
		}
		if (!active || v < lo || v > hi)
			continue;
		k = leaf_new(e, n, KC_CAUSE_RANGE, s, false,
			     efmt(e, "range %s..%s would allow it if %s", kc_sym_string(kc_expr_sym(kc_prop_expr(p))),
				  kc_sym_string(kc_expr_sym2(kc_prop_expr(p))), etext(e, kc_prop_cond(p))));
		k->leaf = -1;
		node_at(k, kc_prop_file(p), kc_prop_line(p));
		expr_low(e, k, kc_prop_cond(p), KC_M, NULL);
	}
	if (n && !n->c.nchildren)
		n->leaf = 0;
}

static void
explain_value(struct kc_explain *e, struct node *root, struct kc_symbol *s, const char *want)
{
	long long lo, hi, v;

	root->c.want = want;
	if (!want || !strcmp(want, kc_sym_string(s))) {
		node_add(root, value_node(e, s));
		return;
	}
	if (!kc_sym_string_valid(s, want)) {
		leaf_new(e, root, KC_CAUSE_TYPE, s, false,
			 efmt(e, "\"%s\" is not a valid %s value", want, kc_type_name(kc_sym_type(s))));
		return;
	}
	v = strtoll(want, NULL, kc_sym_type(s) == KC_HEX ? 16 : 10);
	if ((kc_sym_type(s) == KC_INT || kc_sym_type(s) == KC_HEX) && range_never(s, v)) {
		leaf_new(e, root, KC_CAUSE_RANGE, s, false,
			 efmt(e, "%s is outside every range %s can have", want, kc_sym_name(s)));
		return;
	}
	if (kc_sym_visibility(s) == KC_N) {
		if (!kc_sym_has_prompt(s)) {
			leaf_new(e, root, KC_CAUSE_NO_PROMPT, s, false,
				 efmt(e, "%s has no prompt: its value comes from its defaults",
				      kc_sym_name(s)));
			return;
		}
		visibility_low(e, root, s, KC_M);
		/* shown is not enough when the range, as things stand, keeps the value out */
		if ((kc_sym_type(s) == KC_INT || kc_sym_type(s) == KC_HEX) && kc_sym_range(s, &lo, &hi) &&
		    (v < lo || v > hi))
			range_explain(e, root, s, v);
		return;
	}
	if (kc_sym_range(s, &lo, &hi) && (v < lo || v > hi)) {
		range_explain(e, root, s, v);
		return;
	}
	user_leaf(e, root, s);
}

static bool
possible(struct node *n)
{
	size_t i;
	bool r;

	if (n->state == 2)
		return n->poss;
	if (n->state == 1)
		return true;	/* a cycle: do not let it decide */
	n->state = 1;
	if (n->leaf >= 0)
		r = n->leaf;
	else if (n->c.fixable || !n->c.nchildren)
		r = true;
	else {
		r = !n->any;
		for (i = 0; i < n->c.nchildren; i++) {
			bool k = possible((struct node *)n->c.children[i]);

			r = n->any ? r || k : r && k;
		}
	}
	n->state = 2;
	n->poss = r;
	return r;
}

/* 6.18 renamed options: say which name is old and that its value carries over. */
static void
renamed_note(struct kc_explain *e, struct node *root, struct kc_symbol *sym)
{
	struct kc_symbol *other;

	if (kc_sym_is_transitional(sym)) {
		other = kc_sym_renamed_to(sym);
		leaf_new(e, root, KC_CAUSE_NOTE, other, true,
			 other ? efmt(e, "%s is an old name: renamed to %s in 6.18; your value "
				      "carries over (read from the config, never written)",
				      sname(sym), sname(other))
			       : efmt(e, "%s is an old name (transitional since 6.18): read from "
				      "the config, never written", sname(sym)));
	} else if ((other = carried_from(sym))) {
		leaf_new(e, root, KC_CAUSE_NOTE, other, true,
			 efmt(e, "%s was renamed from %s in 6.18; the config's value of %s "
			      "carries over", sname(sym), sname(other), sname(other)));
	}
}

struct kc_explain *
kc_explain(struct kc_explainer *ex, struct kc_symbol *sym, const char *want)
{
	struct kc_explain *e = kc_xcalloc(1, sizeof(*e));
	struct node *root;

	e->ex = ex;
	e->tree = kc_explainer_tree(ex);
	root = node_new(e, KC_CAUSE_ROOT, sym);
	root->c.value = sval(e, sym);
	if (!kc_sym_defined(sym)) {
		node_add(root, undefined_node(e, sym));
		root->c.value = "n";
		root->c.want = want ? want : "y";
	} else if (kc_sym_type(sym) == KC_BOOL || kc_sym_type(sym) == KC_TRISTATE) {
		explain_tristate(e, root, sym, want);
	} else {
		explain_value(e, root, sym, want);
	}
	root->c.text = efmt(e, "%s is %s%s%s", sname(sym), root->c.value,
			    root->c.want ? ", wanted " : "", root->c.want ? root->c.want : "");
	renamed_note(e, root, sym);
	if (e->truncated)
		leaf_new(e, root, KC_CAUSE_NOTE, NULL, true,
			 "(the explanation was cut short: it is very large)");
	/* a value it already has is had: as enable's "nothing to do", not "impossible" */
	e->possible = possible(root) ||
		      (root->c.want && root->c.value && !strcmp(root->c.want, root->c.value));
	return e;
}

void
kc_explain_free(struct kc_explain *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->nodes.n; i++)
		free(((struct node *)e->nodes.v[i])->kids);
	kc_vec_free(&e->nodes);
	free(e->memo);
	kc_arena_free(&e->arena);
	free(e);
}

const struct kc_cause *
kc_explain_root(const struct kc_explain *e)
{
	return e->nodes.v[0];
}

size_t
kc_explain_ncauses(const struct kc_explain *e)
{
	return e->nodes.n;
}

const struct kc_cause *
kc_explain_cause(const struct kc_explain *e, size_t id)
{
	return id < e->nodes.n ? e->nodes.v[id] : NULL;
}

bool
kc_explain_possible(const struct kc_explain *e)
{
	return e->possible;
}

const char *
kc_cause_kind_name(enum kc_cause_kind k)
{
	static const char *const names[] = {
		"root", "symbol", "depends", "if", "menu", "visible-if", "prompt-if",
		"no-prompt", "select", "imply", "default", "choice", "range", "undefined",
		"toolchain", "user", "modules", "type", "compare", "any-of", "value", "note",
	};

	return k <= KC_CAUSE_NOTE ? names[k] : "?";
}
