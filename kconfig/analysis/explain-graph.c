/* explain-graph.c - the cause graph of an explanation: nodes, their texts, the memo that
 * shares them, and what the caller reads of the result. */
#include "config.h"

#include "kexplore/explain.h"

#include <stdarg.h>
#include <stdlib.h>

#include "explain-private.h"

struct node *
kc_why_node(struct kc_explain *e, enum kc_cause_kind kind, struct kc_symbol *sym)
{
	struct node *n = kc_arena_alloc(&e->arena, sizeof(*n));

	n->c.kind = kind;
	n->c.sym = sym;
	n->c.id = (unsigned)e->nodes.n;
	n->leaf = -1;
	kc_vec_push(&e->nodes, n);
	return n;
}

void
kc_why_add(struct node *parent, struct node *kid)
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

struct node *
kc_why_leaf(struct kc_explain *e, struct node *parent, enum kc_cause_kind kind,
	    struct kc_symbol *sym, bool possible, const char *text)
{
	struct node *n = kc_why_node(e, kind, sym);

	n->c.text = text;
	n->leaf = possible;
	kc_why_add(parent, n);
	return n;
}

const char * KC_PRINTF(2, 3)
kc_why_fmt(struct kc_explain *e, const char *fmt, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, fmt);
	s = kc_arena_vprintf(&e->arena, fmt, ap);
	va_end(ap);
	return s;
}

/* Expression text with " [=v]" after each symbol, as menuconfig prints it. */
const char *
kc_why_expr_text(struct kc_explain *e, const struct kc_expr *x)
{
	char *text = kc_expr_str(e->tree, x, true);
	const char *s = kc_arena_strdup(&e->arena, text);

	free(text);
	return s;
}

/* A symbol's value, copied: the tree's string may be freed by later changes. */
const char *
kc_why_value(struct kc_explain *e, struct kc_symbol *s)
{
	return kc_arena_strdup(&e->arena, kc_sym_string(s));
}

const char *
kc_why_origin_text(enum kc_origin o)
{
	static const char *const text[] = {
		"no value source", "set in the config", "from its default", "selected",
		"implied", "chosen in its choice", "clamped into its range",
	};

	return o <= KC_FROM_RANGE ? text[o] : "?";
}

static size_t
memo_slot(const struct kc_explain *e, const void *key, int dir, int t)
{
	size_t h = ((size_t)key >> 4) * 31 + (size_t)dir * 7 + (size_t)t;

	return (h * 2654435761u) & (e->memo_cap - 1);
}

struct node *
kc_why_memo_get(struct kc_explain *e, const void *key, int dir, int t)
{
	size_t i;

	if (!e->memo_cap)
		return NULL;
	for (i = memo_slot(e, key, dir, t); e->memo[i].key; i = (i + 1) & (e->memo_cap - 1))
		if (e->memo[i].key == key && e->memo[i].dir == dir && e->memo[i].t == t)
			return e->memo[i].n;
	return NULL;
}

void
kc_why_memo_put(struct kc_explain *e, const void *key, int dir, int t, struct node *n)
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
				kc_why_memo_put(e, old[i].key, old[i].dir, old[i].t, old[i].n);
		free(old);
	}
	for (i = memo_slot(e, key, dir, t); e->memo[i].key; i = (i + 1) & (e->memo_cap - 1))
		;
	e->memo[i] = (struct memo_ent){ key, dir, t, n };
	e->memo_n++;
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
