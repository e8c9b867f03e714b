/* why.c - why a symbol has its value and not another: the explanation tree
 * of kexplore/explain.h as a view whose symbol names are links, and its
 * first chain of causes in a few lines for the information view. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/explain.h>

/* Cause lines shown in the short answer before the middle ones are elided. */
#define SHORT_MAX 4

struct why_view {
	struct text text;
	struct kc_symbol *sym;
	char *want;		/* as asked; NULL: the natural question */
	char *value, *root_want;	/* of the last explanation, for the title */
	bool possible;
};

static struct why_view *
wv_of(struct view *v)
{
	return v->priv;
}

struct kc_explainer *
why_explainer(struct tui *tui)
{
	if (!tui->explainer)
		tui->explainer = kc_explainer_new(tui->tree);
	return tui->explainer;
}

void
why_done(struct tui *tui)
{
	kc_explainer_free(tui->explainer);
	tui->explainer = NULL;
}

/* cause_text - a cause's text with where it is written, as `kexplore why` prints it. */
static void
cause_text(const struct kc_cause *c, struct sbuf *out)
{
	sbuf_puts(out, c->text ? c->text : "");
	if (c->file && c->line)
		sbuf_printf(out, " (%s:%d)", c->file, c->line);
	else if (c->file)
		sbuf_printf(out, " (%s)", c->file);
}

/* ---- the short answer ---- */

/* first_chain - the causes met going down the first child each time, less
 * the restatements ("X is n, needs y", "NR_CPUS is 8 (set in the config)");
 * returns how many (at most @max). */
static size_t
first_chain(const struct kc_cause *root, const struct kc_cause **out, size_t max)
{
	const struct kc_cause *c = root;
	size_t n = 0, depth = 0;

	while (c->nchildren && n < max && depth++ < 64) {
		c = c->children[0];
		if (c->kind != KC_CAUSE_SYMBOL && (c->kind != KC_CAUSE_VALUE || c->sym != root->sym))
			out[n++] = c;
	}
	return n;
}

/* short_line - one cause, where it is written only for a config file line:
 * the Kconfig locations are in the whole explanation (w). */
static void
short_line(struct sbuf *out, const char *lead, const struct kc_cause *c)
{
	sbuf_puts(out, lead);
	if (c->kind == KC_CAUSE_USER)
		cause_text(c, out);
	else
		sbuf_puts(out, c->text ? c->text : "");
	sbuf_putc(out, '\n');
}

void
why_short(struct tui *tui, struct kc_symbol *sym, struct sbuf *out)
{
	const struct kc_cause *chain[64], *root;
	struct kc_explain *e;
	struct sbuf head = { 0 }, pad = { 0 };
	size_t n, i;

	if (!sym || !kc_sym_name(sym) || kc_sym_is_choice(sym) || !kc_sym_defined(sym))
		return;
	e = kc_explain(why_explainer(tui), sym, NULL);
	root = kc_explain_root(e);
	n = first_chain(root, chain, ARRAY_SIZE(chain));
	if (root->want)
		sbuf_printf(&head, "Why %s, not %s: ", root->value, root->want);
	else
		sbuf_printf(&head, "Why %s: ", root->value ? root->value : kc_sym_string(sym));
	sbuf_printf(&pad, "%*s<- ", (int)head.len - 3, "");
	for (i = 0; i < n; i++) {
		if (n > SHORT_MAX && i == 2) {
			sbuf_printf(out, "%*s... %zu more\n", (int)head.len, "", n - 3);
			i = n - 1;
		}
		short_line(out, i ? sbuf_str(&pad) : sbuf_str(&head), chain[i]);
	}
	if (n && root->nchildren > 1)
		sbuf_printf(out, "%*s(and %zu other causes: w shows them)\n", (int)head.len, "",
			    root->nchildren - 1);
	if (n && !kc_explain_possible(e))
		sbuf_printf(out, "%*s=> not possible by changing the config\n", (int)head.len, "");
	sbuf_done(&head);
	sbuf_done(&pad);
	kc_explain_free(e);
}

/* ---- the view ---- */

static void
add_node(struct view *v, const struct kc_cause *c, int depth, unsigned char *seen)
{
	struct why_view *wv = wv_of(v);
	struct sbuf b = { 0 };
	struct text_line *l;
	size_t i;

	sbuf_printf(&b, "%*s", 2 * depth, "");
	if (seen[c->id]) {
		sbuf_printf(&b, "(see #%u: %s)", c->id, c->text ? c->text : "");
		l = text_add(&wv->text, v->tui->tree, ROLE_DIM, sbuf_str(&b));
		l->sym = c->sym;
		sbuf_done(&b);
		return;
	}
	seen[c->id] = 1;
	cause_text(c, &b);
	if (c->nparents > 1)
		sbuf_printf(&b, "  [#%u]", c->id);
	if (c->fixable)
		sbuf_puts(&b, "  <- you can change this");
	l = text_add(&wv->text, v->tui->tree, depth ? ROLE_NORMAL : ROLE_HEADING, sbuf_str(&b));
	l->sym = c->sym;
	sbuf_done(&b);
	for (i = 0; i < c->nchildren; i++)
		add_node(v, c->children[i], depth + 1, seen);
}

static void
add_verdict(struct view *v, const struct kc_explain *e)
{
	const struct kc_cause *root = kc_explain_root(e);
	struct text *t = &wv_of(v)->text;

	text_add(t, NULL, ROLE_NORMAL, "");
	if (!root->want)
		return;
	if (root->value && !strcmp(root->value, root->want))
		text_addf(t, NULL, ROLE_HEADING, "=> %s is already %s.", kc_sym_name(root->sym),
			  root->want);
	else if (kc_explain_possible(e))
		text_addf(t, NULL, ROLE_HEADING,
			  "=> possible: change what is marked '<-', or p plans it for you");
	else
		text_addf(t, NULL, ROLE_ERROR, "=> not possible by changing the config: %s stays %s here.",
			  kc_sym_name(root->sym), root->value);
}

static void
why_reload(struct view *v)
{
	struct why_view *wv = wv_of(v);
	struct kc_explain *e = kc_explain(why_explainer(v->tui), wv->sym, wv->want);
	const struct kc_cause *root = kc_explain_root(e);
	unsigned char *seen = xcalloc(kc_explain_ncauses(e), 1);
	size_t pos = v->pos;

	text_clear(&wv->text);
	wv->text.width = v->width - 2;
	add_node(v, root, 0, seen);
	add_verdict(v, e);
	free(seen);
	free(wv->value);
	free(wv->root_want);
	wv->value = xstrdup(root->value ? root->value : kc_sym_string(wv->sym));
	wv->root_want = root->want ? xstrdup(root->want) : NULL;
	wv->possible = kc_explain_possible(e);
	kc_explain_free(e);
	v->lines = wv->text.n;
	view_set_pos(v, pos);
}

static void
why_open_view(struct view *v, void *arg)
{
	struct why_args *a = arg;
	struct why_view *wv = wv_of(v);

	wv->sym = a->sym;
	wv->want = a->want ? xstrdup(a->want) : NULL;
	why_reload(v);
}

static void
why_done_view(struct view *v)
{
	struct why_view *wv = wv_of(v);

	text_done(&wv->text);
	free(wv->want);
	free(wv->value);
	free(wv->root_want);
}

static void
why_title(struct view *v, struct sbuf *out)
{
	struct why_view *wv = wv_of(v);
	const char *val = *wv->value ? wv->value : "\"\"";

	if (wv->root_want)
		sbuf_printf(out, "Why is %s %s, not %s?", kc_sym_name(wv->sym), val,
			    *wv->root_want ? wv->root_want : "\"\"");
	else
		sbuf_printf(out, "Why is %s %s?", kc_sym_name(wv->sym), val);
}

static void
why_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&wv_of(v)->text, lineno, y, x, width, selected);
}

/* ask - the same symbol, another value: "why not m?" */
static void
ask(struct view *v, const char *want)
{
	struct why_view *wv = wv_of(v);
	enum kc_type t = kc_sym_type(wv->sym);

	if (t != KC_BOOL && t != KC_TRISTATE) {
		tui_message(v->tui, "%s is a %s: y, m and n do not apply", kc_sym_name(wv->sym),
			    kc_type_name(t));
		return;
	}
	free(wv->want);
	wv->want = xstrdup(want);
	v->pos = v->offset = 0;
	why_reload(v);
}

static unsigned
why_request(struct view *v, enum request req, int key)
{
	struct why_view *wv = wv_of(v);

	(void)key;
	switch (req) {
	case REQ_ENTER:
		text_jump(v->tui, text_symbol(v, &wv->text));
		return 0;
	case REQ_WANT_Y:
		ask(v, "y");
		return 0;
	case REQ_WANT_M:
		ask(v, "m");
		return 0;
	case REQ_WANT_N:
		ask(v, "n");
		return 0;
	case REQ_PLAN:
		/* the plan for the question asked, as `kexplore enable SYM=WANT` */
		if (!wv->root_want || !strcmp(wv->root_want, wv->value))
			tui_message(v->tui, "%s is already %s: nothing to plan", kc_sym_name(wv->sym),
				    wv->value);
		else
			plan_offer(v->tui, wv->sym, wv->root_want);
		return 0;
	default:
		return text_request(v, &wv->text, req);
	}
}

static struct kc_symbol *
why_symbol(struct view *v)
{
	return text_symbol(v, &wv_of(v)->text);
}

const struct view_ops why_view_ops = {
	.name = "why",
	.scope = SCOPE_WHY,
	.private_size = sizeof(struct why_view),
	.open = why_open_view,
	.done = why_done_view,
	.reload = why_reload,
	.title = why_title,
	.draw_line = why_draw_line,
	.request = why_request,
	.symbol = why_symbol,
};

void
why_open(struct tui *tui, struct kc_symbol *sym, const char *want)
{
	struct why_args a = { sym, want };

	if (!sym || !kc_sym_name(sym)) {
		tui_message(tui, sym ? "A choice has no value of its own: ask about one of its entries"
				     : "No symbol here to explain");
		return;
	}
	tui_push(tui, &why_view_ops, &a);
}
