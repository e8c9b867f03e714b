/* explain-render.c - an explanation as indented text, JSON and Graphviz. */
#include "config.h"

#include "kexplore/explain.h"

#include "kexplore/json.h"

#include <stdlib.h>
#include <string.h>

#include "explain-private.h"

static void
text_node(struct kc_buf *b, const struct kc_cause *c, int depth, unsigned char *seen)
{
	size_t i;

	kc_buf_printf(b, "%*s", 2 * depth, "");
	if (seen[c->id]) {
		kc_buf_printf(b, "(see #%u: %s)\n", c->id, c->text);
		return;
	}
	seen[c->id] = 1;
	kc_buf_puts(b, c->text ? c->text : "");
	if (c->file && c->line)
		kc_buf_printf(b, "  (%s:%d)", c->file, c->line);
	else if (c->file)
		kc_buf_printf(b, "  (%s)", c->file);
	if (c->nparents > 1)
		kc_buf_printf(b, "  [#%u]", c->id);
	if (c->fixable)
		kc_buf_puts(b, "  <- you can change this");
	kc_buf_putc(b, '\n');
	for (i = 0; i < c->nchildren; i++)
		text_node(b, c->children[i], depth + 1, seen);
}

/* One shell word: single quotes unless every character is safe bare. */
static void
put_shell_word(struct kc_buf *b, const char *w)
{
	const char *p;

	if (*w && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_=+-.,:/")
		      == strlen(w)) {
		kc_buf_puts(b, w);
		return;
	}
	kc_buf_putc(b, '\'');
	for (p = w; *p; p++)
		kc_buf_puts(b, *p == '\'' ? "'\\''" : (char[]){ *p, 0 });
	kc_buf_putc(b, '\'');
}

/* The command that asks for the value: a string value in .config quoting, so
 * that enable reads back exactly this string (CMDLINE="a b" is the string a b). */
static void
put_enable_cmd(struct kc_buf *b, const struct kc_symbol *sym, const char *want)
{
	struct kc_buf arg = { 0 };

	kc_buf_printf(&arg, "%s=", kc_sym_name(sym));
	if (kc_sym_type(sym) == KC_STRING)
		kc_buf_put_quoted(&arg, want);
	else
		kc_buf_puts(&arg, want);
	kc_buf_puts(b, "kexplore enable ");
	put_shell_word(b, kc_buf_str(&arg));
	kc_buf_free(&arg);
}

char *
kc_explain_text_ex(const struct kc_explain *e, bool suggest)
{
	const struct kc_cause *root = kc_explain_root(e);
	unsigned char *seen = kc_xcalloc(e->nodes.n, 1);
	struct kc_buf b = { 0 };

	text_node(&b, root, 0, seen);
	free(seen);
	if (!root->want)
		return kc_buf_steal(&b);
	if (root->value && !strcmp(root->value, root->want))
		kc_buf_printf(&b, "=> %s is already %s.\n", kc_sym_name(root->sym), root->want);
	else if (e->possible && e->needs_value)
		kc_buf_printf(&b, "=> possible: change what is marked '<-' (%s needs a value only you "
			      "can choose: set it, then ask again)\n", e->needs_value);
	else if (e->possible && suggest) {
		kc_buf_puts(&b, "=> possible: change what is marked '<-' (or run: ");
		put_enable_cmd(&b, root->sym, root->want);
		kc_buf_puts(&b, ")\n");
	} else if (e->possible)
		kc_buf_puts(&b, "=> possible by hand: change what is marked '<-'\n");
	else
		kc_buf_printf(&b, "=> not possible by changing the config: %s stays %s here.\n",
			      kc_sym_name(root->sym), root->value);
	return kc_buf_steal(&b);
}

char *
kc_explain_text(const struct kc_explain *e)
{
	return kc_explain_text_ex(e, true);
}

static void
json_cause(struct kc_json *j, const struct kc_cause *c)
{
	size_t i;

	kc_json_obj(j);
	kc_json_kuint(j, "id", c->id);
	kc_json_kstr(j, "kind", kc_cause_kind_name(c->kind));
	kc_json_kstr(j, "symbol", c->sym ? kc_sym_name(c->sym) : NULL);
	kc_json_kstr(j, "value", c->value);
	kc_json_kstr(j, "want", c->want);
	kc_json_kstr(j, "text", c->text);
	kc_json_kstr(j, "file", c->file);
	kc_json_kint(j, "line", c->line);
	kc_json_kbool(j, "fixable", c->fixable);
	kc_json_karr(j, "children");
	for (i = 0; i < c->nchildren; i++)
		kc_json_uint(j, c->children[i]->id);
	kc_json_end(j);
	kc_json_end(j);
}

char *
kc_explain_json(const struct kc_explain *e)
{
	const struct kc_cause *root = kc_explain_root(e);
	struct kc_json *j = kc_json_new(0);
	size_t i;

	kc_json_obj(j);
	kc_json_kstr(j, "symbol", kc_sym_name(root->sym));
	kc_json_kstr(j, "value", root->value);
	kc_json_kstr(j, "want", root->want);
	kc_json_kbool(j, "possible", e->possible);
	kc_json_karr(j, "causes");
	for (i = 0; i < e->nodes.n; i++)
		json_cause(j, e->nodes.v[i]);
	kc_json_end(j);
	kc_json_end(j);
	return kc_json_steal(j);
}

static void
dot_str(struct kc_buf *b, const char *s)
{
	kc_buf_putc(b, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			kc_buf_putc(b, '\\');
		if (*s == '\n') {
			kc_buf_puts(b, "\\n");
			continue;
		}
		kc_buf_putc(b, *s);
	}
	kc_buf_putc(b, '"');
}

char *
kc_explain_dot(const struct kc_explain *e)
{
	struct kc_buf b = { 0 };
	size_t i, j;

	kc_buf_puts(&b, "digraph why {\n\trankdir=LR;\n\tnode [shape=box, fontname=\"monospace\"];\n");
	for (i = 0; i < e->nodes.n; i++) {
		const struct node *n = e->nodes.v[i];
		const struct kc_cause *c = &n->c;
		struct kc_buf label = { 0 };

		kc_buf_puts(&label, c->text ? c->text : "");
		if (c->file)
			kc_buf_printf(&label, "\n%s:%d", c->file, c->line);
		kc_buf_printf(&b, "\tc%u [label=", c->id);
		dot_str(&b, kc_buf_str(&label));
		if (c->kind == KC_CAUSE_ROOT)
			kc_buf_puts(&b, ", penwidth=2");
		if (c->fixable)
			kc_buf_puts(&b, ", style=filled, fillcolor=palegreen");
		else if (n->leaf == 0)
			kc_buf_puts(&b, ", style=filled, fillcolor=mistyrose");
		kc_buf_puts(&b, "];\n");
		kc_buf_free(&label);
	}
	for (i = 0; i < e->nodes.n; i++) {
		const struct kc_cause *c = e->nodes.v[i];

		for (j = 0; j < c->nchildren; j++)
			kc_buf_printf(&b, "\tc%u -> c%u;\n", c->id, c->children[j]->id);
	}
	kc_buf_puts(&b, "}\n");
	return kc_buf_steal(&b);
}
