/* upgrade.c - one config on two trees: gone, renamed, new, changed and lost values, with reasons and plans. */
#include "config.h"

#include "kexplore/upgrade.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "kexplore/explain.h"
#include "kexplore/plan.h"

struct kc_upgrade {
	struct kc_upgrade_item *v;
	size_t n, cap;
};

const char *
kc_upgrade_kind_name(enum kc_upgrade_kind k)
{
	static const char *const names[] = { "gone", "renamed", "new", "changed", "lost" };

	return k <= KC_UP_LOST ? names[k] : "?";
}

static char *
dup_or_null(const char *s)
{
	return s ? kc_xstrdup(s) : NULL;
}

static struct kc_upgrade_item *
add_item(struct kc_upgrade *u, enum kc_upgrade_kind kind, const char *name)
{
	struct kc_upgrade_item *it;

	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->v = kc_xrealloc(u->v, u->cap * sizeof(*u->v));
	}
	it = &u->v[u->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->name = kc_xstrdup(name);
	return it;
}

static bool
is_tri(const struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

/* The value as .config has it; NULL when the symbol gets no line. */
static const char *
written_value(struct kc_symbol *s)
{
	return s && kc_sym_written(s) ? kc_sym_string(s) : NULL;
}

/* Same meaning in a .config: a bool/tristate without a line is n. */
static bool
same_value(const struct kc_symbol *s, const char *a, const char *b)
{
	if (is_tri(s))
		return !strcmp(a ? a : "n", b ? b : "n");
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

/* The config's own line for @s on the old tree, if the file had one. */
static const char *
file_line(struct kc_symbol *s, int *line)
{
	*line = 0;
	if (!s || !kc_sym_user_file(s, line))
		return NULL;
	return kc_sym_user_string(s);
}

static bool
defined_in(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name);

	return s && kc_sym_defined(s);
}

/*
 * Text specific enough to identify a symbol: a one-word prompt such as
 * "deflate" names a choice member in several menus, so it proves nothing.
 */
static bool
distinctive(const char *text, size_t min_len)
{
	return text && strlen(text) >= min_len && strchr(text, ' ');
}

/* A new symbol of @new_tree of the same type with the same prompt, else the same help, as @old. */
static struct kc_symbol *
find_by_text(struct kc_tree *old_tree, struct kc_tree *new_tree, struct kc_symbol *old,
	     const char **how)
{
	const char *prompt = kc_sym_prompt_text(old), *help = kc_sym_help_text(old);
	struct kc_symbol *by_help = NULL;
	size_t i, n = kc_tree_nsyms(new_tree);

	if (!distinctive(prompt, 12))
		prompt = NULL;
	if (!distinctive(help, 40))
		help = NULL;
	for (i = 0; i < n && (prompt || help); i++) {
		struct kc_symbol *c = kc_tree_sym(new_tree, i);
		const char *t;

		if (!kc_sym_defined(c) || !kc_sym_name(c) || kc_sym_type(c) != kc_sym_type(old) ||
		    defined_in(old_tree, kc_sym_name(c)))
			continue;
		t = kc_sym_prompt_text(c);
		if (prompt && t && !strcmp(prompt, t)) {
			*how = "same prompt";
			return c;
		}
		t = kc_sym_help_text(c);
		if (!by_help && help && *help && t && !strcmp(help, t))
			by_help = c;
	}
	*how = "same help text";
	return by_help;
}

static void
add_gone(struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *new_tree,
	 struct kc_symbol *os)
{
	struct kc_symbol *ns = kc_sym_find(new_tree, kc_sym_name(os)), *succ = NULL;
	struct kc_upgrade_item *it;
	const char *how = NULL;

	if (ns && kc_sym_defined(ns)) {
		/* an old name kept for reading was a setting of its own before */
		succ = kc_sym_prompt_text(os) ? kc_sym_successor(new_tree, ns) : NULL;
		if (!succ)
			return;
		how = "transitional";
	} else {
		succ = find_by_text(old_tree, new_tree, os, &how);
	}
	it = add_item(u, succ ? KC_UP_RENAMED : KC_UP_GONE, kc_sym_name(os));
	it->old_sym = os;
	it->new_sym = succ;
	it->old_value = dup_or_null(written_value(os));
	it->file_value = dup_or_null(file_line(os, &it->line));
	if (succ) {
		it->how = kc_xstrdup(how);
		it->new_value = dup_or_null(written_value(succ));
	}
}

static void
find_gone(struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *new_tree)
{
	size_t i, n = kc_tree_nsyms(old_tree);
	int line;

	for (i = 0; i < n; i++) {
		struct kc_symbol *os = kc_tree_sym(old_tree, i);

		if (!kc_sym_defined(os) || !kc_sym_name(os) || kc_sym_is_const(os))
			continue;
		if (kc_sym_written(os) || file_line(os, &line))
			add_gone(u, old_tree, new_tree, os);
	}
}

/* conf --listnewconfig: visible entries whose symbol has no value from the config. */
static void
walk_new(struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *tree,
	 struct kc_menu *m)
{
	struct kc_menu *c;
	struct kc_symbol *s;

	for (; m; m = kc_menu_next(m)) {
		if (!kc_menu_visible(tree, m))
			continue;
		s = kc_menu_sym(m);
		if (s && kc_sym_name(s) && !kc_sym_has_user_value(s) && kc_sym_changeable(s)) {
			struct kc_upgrade_item *it = add_item(u, KC_UP_NEW, kc_sym_name(s));
			char *why = kc_sym_value_source(tree, s);

			it->seq = u->n;

			it->new_sym = s;
			it->old_sym = kc_sym_find(old_tree, kc_sym_name(s));
			if (it->old_sym && !kc_sym_defined(it->old_sym))
				it->old_sym = NULL;
			it->old_value = dup_or_null(written_value(it->old_sym));
			it->new_value = kc_xstrdup(kc_sym_string(s));
			it->why = why;
		}
		c = kc_menu_child(m);
		if (c)
			walk_new(u, old_tree, tree, c);
	}
}

/* The first cause of the explanation: what keeps the symbol from @want. */
static void
set_block_reason(struct kc_upgrade_item *it, struct kc_explainer *ex, struct kc_symbol *s,
		 const char *want)
{
	struct kc_explain *e = kc_explain(ex, s, want);
	const struct kc_cause *root = kc_explain_root(e), *c = root;

	if (root->nchildren)
		c = root->children[0];
	it->why = kc_xstrdup(c->text ? c->text : "");
	it->why_file = dup_or_null(c->file);
	it->why_line = c->line;
	kc_explain_free(e);
}

/* Ask the planner for the config's value back; the tree is left as it was. */
static void
set_plan(struct kc_upgrade_item *it, struct kc_tree *tree, struct kc_symbol *s, const char *want)
{
	struct kc_plan *p = kc_plan_new(tree);
	struct kc_plan_opts po = { 0 };
	enum kc_plan_status st;
	char *frag, *body;

	if (kc_plan_add(p, s, want, KC_WANT_EXACT, 0) != KC_OK) {
		it->plan = kc_xstrdup("");
		it->plan_note = kc_xstrdup("the planner cannot ask for this value");
		kc_plan_free(p);
		return;
	}
	st = kc_plan_solve(p, &po);
	it->plan_possible = st != KC_PLAN_IMPOSSIBLE;
	if (st == KC_PLAN_IMPOSSIBLE && kc_plan_nfailures(p))
		it->plan_note = kc_xstrdup(kc_plan_failure(p, 0)->reason);
	else
		it->plan_note = kc_xstrdup(kc_plan_status_str(st));
	frag = kc_plan_fragment(p);
	body = strchr(frag, '\n');	/* drop the fragment's header comment */
	it->plan = kc_xstrdup(body && st != KC_PLAN_IMPOSSIBLE ? body + 1 : "");
	free(frag);
	kc_plan_free(p);
}

static void
add_changed(struct kc_upgrade *u, struct kc_explainer *ex, struct kc_tree *new_tree,
	    struct kc_symbol *os, struct kc_symbol *ns)
{
	const char *ov = written_value(os), *nv = written_value(ns), *fv;
	struct kc_upgrade_item *it;
	int line;

	if (same_value(ns, ov, nv) || kc_sym_successor(new_tree, ns))
		return;	/* an old name kept for its successor is reported as renamed */
	fv = file_line(os, &line);
	if (fv && same_value(os, fv, ov) && kc_sym_visibility(os) != KC_N &&
	    !same_value(ns, fv, nv)) {
		it = add_item(u, KC_UP_LOST, kc_sym_name(ns));
		set_block_reason(it, ex, ns, fv);
		set_plan(it, new_tree, ns, fv);
	} else {
		it = add_item(u, KC_UP_CHANGED, kc_sym_name(ns));
		it->why = kc_sym_value_source(new_tree, ns);
	}
	it->old_sym = os;
	it->new_sym = ns;
	it->old_value = dup_or_null(ov);
	it->new_value = dup_or_null(nv);
	it->file_value = dup_or_null(fv);
	it->line = line;
}

static void
find_changed(struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *new_tree)
{
	struct kc_explainer *ex = kc_explainer_new(new_tree);
	size_t i, n = kc_tree_nsyms(new_tree);

	for (i = 0; i < n; i++) {
		struct kc_symbol *ns = kc_tree_sym(new_tree, i), *os;

		if (!kc_sym_defined(ns) || !kc_sym_name(ns) || kc_sym_is_const(ns) ||
		    kc_sym_type(ns) == KC_UNKNOWN)
			continue;
		os = kc_sym_find(old_tree, kc_sym_name(ns));
		if (!os || !kc_sym_defined(os) || kc_sym_type(os) != kc_sym_type(ns))
			continue;
		/* listed as new: conf asks about it, its old value is not a decision */
		if (!kc_sym_has_user_value(ns) && kc_sym_changeable(ns) && !file_line(os, &(int){ 0 }))
			continue;
		add_changed(u, ex, new_tree, os, ns);
	}
	kc_explainer_free(ex);
}

static int
cmp_items(const void *a, const void *b)
{
	const struct kc_upgrade_item *x = a, *y = b;

	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->kind == KC_UP_NEW)
		return x->seq < y->seq ? -1 : x->seq > y->seq;
	return strcmp(x->name, y->name);
}

static bool
listed_before(const struct kc_upgrade *u, size_t j, const char *name)
{
	size_t i;

	for (i = j; i-- > 0 && u->v[i].kind == KC_UP_NEW;)
		if (!strcmp(u->v[i].name, name))
			return true;
	return false;
}

/* A symbol defined twice is one new symbol (conf would print it per visible entry). */
static void
dedup_new(struct kc_upgrade *u)
{
	size_t i, j = 0;

	for (i = 0; i < u->n; i++) {
		if (u->v[i].kind == KC_UP_NEW && listed_before(u, j, u->v[i].name)) {
			free((char *)u->v[i].name);
			free((char *)u->v[i].new_value);
			free((char *)u->v[i].old_value);
			free((char *)u->v[i].why);
			continue;
		}
		u->v[j++] = u->v[i];
	}
	u->n = j;
}

struct kc_upgrade *
kc_upgrade_compute(struct kc_tree *old_tree, struct kc_tree *new_tree)
{
	struct kc_upgrade *u = kc_xcalloc(1, sizeof(*u));

	find_gone(u, old_tree, new_tree);
	walk_new(u, old_tree, new_tree, kc_menu_child(kc_tree_root(new_tree)));
	find_changed(u, old_tree, new_tree);
	if (u->n)
		qsort(u->v, u->n, sizeof(*u->v), cmp_items);
	dedup_new(u);
	return u;
}

void
kc_upgrade_free(struct kc_upgrade *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < u->n; i++) {
		struct kc_upgrade_item *it = &u->v[i];

		free((char *)it->name);
		free((char *)it->old_value);
		free((char *)it->new_value);
		free((char *)it->file_value);
		free((char *)it->how);
		free((char *)it->why);
		free((char *)it->why_file);
		free((char *)it->plan);
		free((char *)it->plan_note);
	}
	free(u->v);
	free(u);
}

size_t
kc_upgrade_nitems(const struct kc_upgrade *u)
{
	return u->n;
}

const struct kc_upgrade_item *
kc_upgrade_item(const struct kc_upgrade *u, size_t i)
{
	return i < u->n ? &u->v[i] : NULL;
}

size_t
kc_upgrade_count(const struct kc_upgrade *u, enum kc_upgrade_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < u->n; i++)
		n += u->v[i].kind == k;
	return n;
}

static void
json_field(struct kc_buf *b, const char *key, const char *val)
{
	kc_buf_printf(b, ", \"%s\": ", key);
	kc_buf_put_json(b, val);
}

static void
json_item(struct kc_buf *b, const struct kc_upgrade_item *it)
{
	kc_buf_puts(b, "{\"kind\": ");
	kc_buf_put_json(b, kc_upgrade_kind_name(it->kind));
	json_field(b, "name", it->name);
	json_field(b, "new_name", it->new_sym ? kc_sym_name(it->new_sym) : NULL);
	json_field(b, "type", kc_type_name(kc_sym_type(it->new_sym ? it->new_sym : it->old_sym)));
	json_field(b, "old_value", it->old_value);
	json_field(b, "new_value", it->new_value);
	json_field(b, "file_value", it->file_value);
	kc_buf_printf(b, ", \"line\": %d", it->line);
	json_field(b, "how", it->how);
	json_field(b, "why", it->why);
	json_field(b, "why_file", it->why_file);
	kc_buf_printf(b, ", \"why_line\": %d", it->why_line);
	if (it->kind == KC_UP_LOST) {
		kc_buf_printf(b, ", \"plan_possible\": %s", it->plan_possible ? "true" : "false");
		json_field(b, "plan", it->plan);
		json_field(b, "plan_note", it->plan_note);
	}
	kc_buf_putc(b, '}');
}

char *
kc_upgrade_json(const struct kc_upgrade *u)
{
	struct kc_buf b = { 0 };
	size_t i;

	kc_buf_puts(&b, "{\"counts\": {");
	for (i = 0; i <= KC_UP_LOST; i++)
		kc_buf_printf(&b, "%s\"%s\": %zu", i ? ", " : "", kc_upgrade_kind_name(i),
			      kc_upgrade_count(u, i));
	kc_buf_puts(&b, "},\n \"items\": [");
	for (i = 0; i < u->n; i++) {
		kc_buf_puts(&b, i ? ",\n  " : "\n  ");
		json_item(&b, &u->v[i]);
	}
	kc_buf_puts(&b, "\n]}\n");
	return kc_buf_steal(&b);
}
