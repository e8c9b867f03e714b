/* search.c - incremental search: a PCRE2 pattern (caseless, UTF) over symbol
 * names, prompts, help texts and the names of the kernel modules symbols
 * build (kexplore/modmap.h), results ranked and the match highlighted. */
#include "config.h"

#include "tui-private.h"

#include <curses.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <kexplore/modmap.h>

enum rank { RANK_EXACT, RANK_PREFIX, RANK_NAME, RANK_MODULE, RANK_PROMPT, RANK_HELP };
enum scope { SCOPE_ALL, SCOPE_NAMES, SCOPE_PROMPTS, SCOPE_HELPS, SCOPE_N };

static const char *const scope_label[SCOPE_N] = { "all", "names", "prompts", "help" };

struct result {
	struct kc_symbol *sym;	/* NULL for a menu */
	struct kc_menu *menu;	/* the entry to jump to (may lack a prompt) */
	enum rank rank;
	size_t mstart, mlen;	/* match in the name, module name or prompt */
	const char *module;	/* RANK_MODULE: the module it builds that matched */
};

struct search_view {
	struct sbuf pattern;
	enum scope scope;
	pcre2_code *re;
	pcre2_match_data *md;
	char *error;		/* pattern error, shown in the footer */
	struct result *res;
	size_t n, cap;
};

static struct search_view *
sv_of(struct view *v)
{
	return v->priv;
}

static bool
match(struct search_view *sv, const char *s, size_t *start, size_t *len)
{
	PCRE2_SIZE *ov;
	int rc;

	if (!s)
		return false;
	rc = pcre2_match(sv->re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, sv->md, NULL);
	if (rc < 0)
		return false;
	ov = pcre2_get_ovector_pointer(sv->md);
	*start = ov[0];
	*len = ov[1] > ov[0] ? ov[1] - ov[0] : 0;
	return true;
}

static void
add_result(struct search_view *sv, struct kc_symbol *sym, struct kc_menu *m, enum rank rank,
	   size_t start, size_t len)
{
	struct result *r;

	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 256;
		sv->res = xrealloc(sv->res, sv->cap * sizeof(*sv->res));
	}
	r = &sv->res[sv->n++];
	r->sym = sym;
	r->menu = m;
	r->rank = rank;
	r->mstart = start;
	r->mlen = len;
	r->module = NULL;
}

/* entry_menu - the menu entry of @sym to show: the first with a prompt. */
static struct kc_menu *
entry_menu(struct kc_symbol *sym)
{
	size_t i, n = kc_sym_nmenus(sym);

	for (i = 0; i < n; i++)
		if (kc_menu_prompt(kc_sym_menu(sym, i)))
			return kc_sym_menu(sym, i);
	return n ? kc_sym_menu(sym, 0) : NULL;
}

static void
search_symbol(struct search_view *sv, struct kc_symbol *sym)
{
	const char *name = kc_sym_name(sym);
	size_t i, n = kc_sym_nmenus(sym), s, l;
	struct kc_menu *m;

	if (sv->scope == SCOPE_ALL || sv->scope == SCOPE_NAMES) {
		if (match(sv, name, &s, &l)) {
			add_result(sv, sym, entry_menu(sym),
				   s == 0 && l == strlen(name) ? RANK_EXACT :
				   s == 0 ? RANK_PREFIX : RANK_NAME, s, l);
			return;
		}
	}
	if (sv->scope == SCOPE_ALL || sv->scope == SCOPE_PROMPTS) {
		for (i = 0; i < n; i++) {
			m = kc_sym_menu(sym, i);
			if (match(sv, kc_menu_prompt(m), &s, &l)) {
				add_result(sv, sym, m, RANK_PROMPT, s, l);
				return;
			}
		}
	}
	if (sv->scope == SCOPE_ALL || sv->scope == SCOPE_HELPS) {
		for (i = 0; i < n; i++) {
			m = kc_sym_menu(sym, i);
			if (match(sv, kc_menu_help(m), &s, &l)) {
				add_result(sv, sym, entry_menu(sym), RANK_HELP, 0, 0);
				return;
			}
		}
	}
}

static void
search_menus(struct view *v)
{
	struct search_view *sv = sv_of(v);
	struct kc_menu *root = kc_tree_root(v->tui->tree), *m;
	size_t s, l;

	if (sv->scope != SCOPE_ALL && sv->scope != SCOPE_PROMPTS)
		return;
	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root))
		if (kc_menu_kind(m) == KC_M_MENU && match(sv, kc_menu_prompt(m), &s, &l))
			add_result(sv, NULL, m, RANK_PROMPT, s, l);
}

/* match_module - a module name, '-' and '_' taken as one: tried with every
 * '-' as '_' and with every '_' as '-' (same length, same offsets). */
static bool
match_module(struct search_view *sv, const char *name, size_t *start, size_t *len)
{
	char a[128], b[128];
	size_t i, n = strlen(name);

	if (n >= sizeof(a))
		return match(sv, name, start, len);
	for (i = 0; i <= n; i++) {
		a[i] = name[i] == '-' ? '_' : name[i];
		b[i] = name[i] == '_' ? '-' : name[i];
	}
	return match(sv, a, start, len) || match(sv, b, start, len);
}

/* search_modules - symbols that build a module whose name matches (iwlwifi
 * finds IWLWIFI, uvcvideo finds USB_VIDEO_CLASS); '-' and '_' are one. */
static void
search_modules(struct view *v)
{
	struct search_view *sv = sv_of(v);
	struct kc_modmap *map;
	const struct kc_modmap_entry *e;
	struct kc_symbol *sym;
	size_t i, k, s, l;

	if (sv->scope != SCOPE_ALL && sv->scope != SCOPE_NAMES)
		return;
	map = tui_modmap(v->tui);
	for (i = 0; map && i < kc_modmap_nentries(map); i++) {
		e = kc_modmap_entry(map, i);
		if (e->kind == KC_MOD_BUILTIN || !match_module(sv, e->name, &s, &l))
			continue;
		for (k = 0; k < e->nsyms; k++) {
			sym = kc_sym_find(v->tui->tree, e->syms[k]);
			if (!sym || !kc_sym_defined(sym))
				continue;
			add_result(sv, sym, entry_menu(sym), RANK_MODULE, s, l);
			sv->res[sv->n - 1].module = e->name;
		}
	}
}

/* by_symbol - results of one symbol together, the best rank first. */
static int
by_symbol(const void *a, const void *b)
{
	const struct result *x = a, *y = b;
	uintptr_t p = (uintptr_t)x->sym, q = (uintptr_t)y->sym;

	if (p != q)
		return p < q ? -1 : 1;
	return (int)x->rank - (int)y->rank;
}

/* dedupe - a symbol found by its name and by a module it builds is listed once. */
static void
dedupe(struct search_view *sv)
{
	size_t i, n = 0;

	qsort(sv->res, sv->n, sizeof(*sv->res), by_symbol);
	for (i = 0; i < sv->n; i++)
		if (!n || !sv->res[i].sym || sv->res[i].sym != sv->res[n - 1].sym)
			sv->res[n++] = sv->res[i];
	sv->n = n;
}

static const char *
result_key(const struct result *r)
{
	if (r->sym)
		return kc_sym_name(r->sym);
	return kc_menu_prompt(r->menu) ? kc_menu_prompt(r->menu) : "";
}

static int
cmp_result(const void *a, const void *b)
{
	const struct result *x = a, *y = b;

	if (x->rank != y->rank)
		return (int)x->rank - (int)y->rank;
	return strcasecmp(result_key(x), result_key(y));
}

/* compile - the pattern as typed; a leading CONFIG_ is ignored. */
static bool
compile(struct search_view *sv)
{
	const char *p = sbuf_str(&sv->pattern);
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;
	pcre2_code *re;

	if (!strncasecmp(p, "CONFIG_", 7))
		p += 7;
	re = pcre2_compile((PCRE2_SPTR)p, PCRE2_ZERO_TERMINATED,
			   PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF,
			   &err, &off, NULL);
	free(sv->error);
	sv->error = NULL;
	if (!re) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		sv->error = xasprintf("%s at offset %zu", (char *)msg, (size_t)off);
		return false;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	if (sv->re)
		pcre2_code_free(sv->re);
	sv->re = re;
	if (!sv->md)
		sv->md = pcre2_match_data_create(4, NULL);
	return true;
}

static void
search_run(struct view *v)
{
	struct search_view *sv = sv_of(v);
	struct kc_tree *tree = v->tui->tree;
	struct kc_symbol *sym;
	size_t i, n = kc_tree_nsyms(tree);

	if (!sv->pattern.len) {
		sv->n = 0;
		free(sv->error);
		sv->error = NULL;
	} else if (compile(sv)) {
		sv->n = 0;
		for (i = 0; i < n; i++) {
			sym = kc_tree_sym(tree, i);
			if (kc_sym_name(sym) && kc_sym_defined(sym))
				search_symbol(sv, sym);
		}
		search_menus(v);
		search_modules(v);
		dedupe(sv);
		qsort(sv->res, sv->n, sizeof(*sv->res), cmp_result);
	}
	v->lines = sv->n;
	v->pos = v->offset = 0;
	view_set_pos(v, 0);
}

/* ---- drawing ---- */

static void
search_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	struct result *r = &sv_of(v)->res[lineno];
	const char *name = r->sym ? kc_sym_name(r->sym) : "menu:";
	const char *prompt = r->menu && kc_menu_prompt(r->menu) ? kc_menu_prompt(r->menu) : "";
	bool hidden = r->menu && !kc_menu_visible(v->tui->tree, r->menu);
	int base = role_attr(selected ? ROLE_CURSOR : hidden ? ROLE_DIM : ROLE_NORMAL);
	int hl = role_attr(ROLE_MATCH) | (selected ? role_attr(ROLE_CURSOR) : 0);
	int col = x + 1, w = width - 1, used;
	struct sbuf t = { 0 };
	const char *field;
	size_t s = 0, l = 0;

	if (selected)
		draw_fill(y, x, width, base);
	/* name, then value and prompt; highlight the match in the field it is in */
	field = r->rank <= RANK_NAME ? name : NULL;
	if (field) {
		s = r->mstart;
		l = r->mlen;
	}
	used = draw_ntext(y, col, w, name, field ? s : strlen(name), base);
	col += used, w -= used;
	if (field) {
		used = draw_ntext(y, col, w, name + s, l, hl);
		col += used, w -= used;
		used = draw_text(y, col, w, name + s + l, base);
		col += used, w -= used;
	}
	if (r->sym)
		sbuf_printf(&t, " [=%s]", kc_sym_string(r->sym));
	if (hidden)
		sbuf_puts(&t, " (hidden)");
	if (r->rank == RANK_HELP)
		sbuf_puts(&t, " (in help)");
	sbuf_puts(&t, r->module ? " (module " : " ");
	used = draw_text(y, col, w, sbuf_str(&t), base);
	col += used, w -= used;
	if (r->module) {
		used = draw_ntext(y, col, w, r->module, r->mstart, base);
		col += used, w -= used;
		used = draw_ntext(y, col, w, r->module + r->mstart, r->mlen, hl);
		col += used, w -= used;
		used = draw_text(y, col, w, r->module + r->mstart + r->mlen, base);
		col += used, w -= used;
		used = draw_text(y, col, w, ") ", base);
		col += used, w -= used;
	}
	if (r->rank == RANK_PROMPT) {
		used = draw_ntext(y, col, w, prompt, r->mstart, base);
		col += used, w -= used;
		used = draw_ntext(y, col, w, prompt + r->mstart, r->mlen, hl);
		col += used, w -= used;
		draw_text(y, col, w, prompt + r->mstart + r->mlen, base);
	} else {
		draw_text(y, col, w, prompt, base);
	}
	sbuf_done(&t);
}

static void
search_title(struct view *v, struct sbuf *out)
{
	struct search_view *sv = sv_of(v);

	sbuf_printf(out, "Search %s: %s_", scope_label[sv->scope], sbuf_str(&sv->pattern));
}

static bool
search_footer(struct view *v, struct sbuf *out)
{
	struct search_view *sv = sv_of(v);
	struct result *r;

	if (sv->error) {
		sbuf_printf(out, "Pattern: %s", sv->error);
	} else if (!sv->pattern.len) {
		sbuf_puts(out, "Type a regex; <Tab> changes where to look; <Enter> jumps");
	} else if (!sv->n) {
		sbuf_puts(out, "No match");
	} else {
		struct sbuf path = { 0 };

		r = &sv->res[v->pos];
		if (r->menu && kc_menu_prompt(r->menu)) {
			menu_path(v->tui->tree, kc_menu_parent(r->menu), " > ", &path);
			sbuf_printf(out, "In: Main menu%s%s", path.len ? " > " : "", sbuf_str(&path));
		} else {
			sbuf_puts(out, "Not in the menus (no prompt)");
		}
		sbuf_done(&path);
	}
	return true;
}

/* ---- input ---- */

static bool
is_text_key(int key)
{
	return key >= 0x20 && key < 0x110000 && key != 0x7f;
}

static unsigned
jump(struct view *v)
{
	struct search_view *sv = sv_of(v);
	struct tui *tui = v->tui;
	struct result *r;

	if (!sv->n)
		return 0;
	r = &sv->res[v->pos];
	if (!r->menu || !kc_menu_prompt(r->menu)) {
		tui_show_info(tui, r->sym, r->menu);
		tui_message(tui, "%s has no prompt: it is not in the menus", kc_sym_name(r->sym));
		return 0;
	}
	/* Keep this view to come back to: BACK in the menu returns here. */
	tui->depth--;
	view_free(tui->last_search);
	tui->last_search = v;
	tui->back_to_search = true;
	tui_jump(tui, r->menu);
	return 0;
}

static unsigned
search_request(struct view *v, enum request req, int key)
{
	struct search_view *sv = sv_of(v);
	char mb[8];

	if (is_text_key(key)) {
		utf8_encode((unsigned)key, mb);
		sbuf_puts(&sv->pattern, mb);
		search_run(v);
		return 0;
	}
	if (key == KEY_FN(KEY_BACKSPACE)) {
		if (sv->pattern.len) {
			sv->pattern.len = utf8_prev(sv->pattern.s, sv->pattern.len);
			sv->pattern.s[sv->pattern.len] = '\0';
			search_run(v);
		}
		return 0;
	}
	if (key == 21 /* C-u */) {
		sbuf_reset(&sv->pattern);
		search_run(v);
		return 0;
	}
	switch (req) {
	case REQ_SEARCH_SCOPE:
		sv->scope = (sv->scope + 1) % SCOPE_N;
		search_run(v);
		return 0;
	case REQ_ENTER:
		return jump(v);
	case REQ_INFO:
	case REQ_INFO_SPLIT:
		if (sv->n)
			tui_show_info(v->tui, sv->res[v->pos].sym, sv->res[v->pos].menu);
		return 0;
	case REQ_MOVE_UP:
	case REQ_MOVE_DOWN:
	case REQ_MOVE_PAGE_UP:
	case REQ_MOVE_PAGE_DOWN:
	case REQ_MOVE_FIRST:
	case REQ_MOVE_LAST:
	case REQ_BACK:
	case REQ_QUIT:
	case REQ_REDRAW:
	case REQ_HELP:
		return R_UNHANDLED;
	default:
		return 0;
	}
}

/* The values shown may have changed: keep the results, not their order. */
static void
search_reload(struct view *v)
{
	v->lines = sv_of(v)->n;
	view_set_pos(v, v->pos);
}

static void
search_open(struct view *v, void *arg)
{
	(void)arg;
	/* read the Makefiles now (60 ms on 6.12), not at the first key typed */
	tui_modmap(v->tui);
	search_run(v);
}

static void
search_done(struct view *v)
{
	struct search_view *sv = sv_of(v);

	sbuf_done(&sv->pattern);
	if (sv->re)
		pcre2_code_free(sv->re);
	if (sv->md)
		pcre2_match_data_free(sv->md);
	free(sv->error);
	free(sv->res);
}

const struct view_ops search_view_ops = {
	.name = "search",
	.scope = SCOPE_SEARCH,
	.private_size = sizeof(struct search_view),
	.open = search_open,
	.done = search_done,
	.reload = search_reload,
	.title = search_title,
	.draw_line = search_draw_line,
	.request = search_request,
	.footer = search_footer,
};
