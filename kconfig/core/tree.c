/* tree.c - loading a kernel tree, diagnostics, and freeing everything. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

const char *
kc_status_str(enum kc_status st)
{
	static const char *const msgs[] = {
#define KC_STATUS_MSG(name, msg) msg,
		KC_STATUS_LIST(KC_STATUS_MSG)
#undef KC_STATUS_MSG
	};

	return (size_t)st < sizeof(msgs) / sizeof(msgs[0]) ? msgs[st] : "unknown status";
}

void
kc_diag_add(struct kc_tree *t, enum kc_level lvl, const char *file, int line, int col,
	    const char *fmt, ...)
{
	struct kc_diag *d = kc_xcalloc(1, sizeof(*d));
	va_list ap;
	struct kc_buf b = { 0 };

	va_start(ap, fmt);
	kc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->level = lvl;
	d->file = file ? kc_arena_strdup(&t->arena, file) : NULL;
	d->line = line;
	d->column = col;
	d->message = kc_buf_steal(&b);
	kc_vec_push(&t->diags, d);
}

size_t
kc_tree_ndiags(const struct kc_tree *t)
{
	return t->diags.n;
}

const struct kc_diag *
kc_tree_diag(const struct kc_tree *t, size_t i)
{
	return i < t->diags.n ? t->diags.v[i] : NULL;
}

char *
kc_diag_format(const struct kc_diag *d)
{
	static const char *const lv[] = { "note", "warning", "error" };
	struct kc_buf b = { 0 };

	if (d->file) {
		kc_buf_puts(&b, d->file);
		if (d->line)
			kc_buf_printf(&b, ":%d", d->line);
		if (d->line && d->column)
			kc_buf_printf(&b, ":%d", d->column);
		kc_buf_puts(&b, ": ");
	}
	kc_buf_printf(&b, "%s: %s", lv[d->level], d->message);
	return kc_buf_steal(&b);
}

void
kc_tree_clear_diags(struct kc_tree *t)
{
	kc_tree_trim_diags(t, 0);
}

void
kc_tree_trim_diags(struct kc_tree *t, size_t n)
{
	while (t->diags.n > n) {
		struct kc_diag *d = t->diags.v[--t->diags.n];

		free((char *)d->message);
		free(d);
	}
}

static void
init_const(struct kc_tree *t, struct kc_symbol *s, const char *name, enum kc_tristate v)
{
	s->name = name;
	s->type = KC_TRISTATE;
	s->curr.val = name;
	s->curr.tri = v;
	s->flags = KC_SYM_CONST;
	s->tree = t;
	s->props_tail = &s->props;
}

static char *
default_cache_dir(void)
{
	const char *e = getenv("KEXPLORE_CACHE"), *home;

	if (e && *e)
		return kc_xasprintf("%s/shell", e);
	e = getenv("XDG_CACHE_HOME");
	if (e && *e)
		return kc_xasprintf("%s/kexplore/shell", e);
	home = getenv("HOME");
	if (home && *home)
		return kc_xasprintf("%s/.cache/kexplore/shell", home);
	return NULL;
}

enum kc_status
kc_tree_load(const struct kc_load_opts *o, struct kc_tree **out)
{
	struct kc_tree *t = kc_xcalloc(1, sizeof(*t));
	const char *top = o->kconfig ? o->kconfig : "Kconfig";
	enum kc_status st;
	size_t i;

	*out = t;
	init_const(t, &t->sym_y, "y", KC_Y);
	init_const(t, &t->sym_m, "m", KC_M);
	init_const(t, &t->sym_n, "n", KC_N);
	t->root.id = (unsigned)-1;
	t->root.kind = KC_M_ROOT;
	t->epoch = 1;
	t->srctree = kc_arena_strdup(&t->arena, o->srctree && *o->srctree ? o->srctree : ".");
	t->no_shell = o->no_shell;
	t->no_cache = o->no_cache;
	t->allow_outside = o->allow_outside_tree;
	t->cache_dir = o->cache_dir ? kc_xstrdup(o->cache_dir) : default_cache_dir();
	t->pp = kc_pp_new(t);
	kc_env_setup(t, o);
	t->lang = kc_lang_for_version(t->kernelversion);
	t->top_text = o->kconfig_text;
	t->top_len = o->kconfig_len;

	st = kc_parse_tree(t, top);
	t->top_text = NULL;
	kc_shell_finish(t);
	kc_pp_free(t->pp);
	t->pp = NULL;
	if (st != KC_OK)
		return st;
	if (!t->root.prompt) {
		struct kc_prop *p = kc_arena_alloc(&t->arena, sizeof(*p));

		p->type = KC_P_MENU;
		p->text = "Main menu";
		p->menu = &t->root;
		t->root.prompt = p;
	}
	kc_menu_finalize(t);
	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];

		if (!m->is_choice || !m->nmembers)
			continue;
		m->def_members = kc_xmalloc(m->nmembers * sizeof(*m->members));
		memcpy(m->def_members, m->members, m->nmembers * sizeof(*m->members));
	}
	{
		size_t before = t->diags.n;
		bool err = false;

		kc_check_deps(t);
		for (i = before; i < t->diags.n; i++)
			if (((struct kc_diag *)t->diags.v[i])->level == KC_ERROR)
				err = true;
		if (err)
			return KC_EPARSE;
	}
	kc_tree_cache_choices(t);
	kc_tree_invalidate(t);
	return KC_OK;
}

void
kc_tree_free(struct kc_tree *t)
{
	size_t i;

	if (!t)
		return;
	kc_tree_clear_diags(t);
	kc_vec_free(&t->diags);
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		kc_vec_free(&s->menus);
		kc_vec_free(&s->selectors);
	}
	/* y, m and n live in the tree itself, not in all_syms ('select n' gives n a selector) */
	for (i = 0; i < 3; i++) {
		struct kc_symbol *c = i == 0 ? &t->sym_y : i == 1 ? &t->sym_m : &t->sym_n;

		kc_vec_free(&c->selectors);
		kc_vec_free(&c->menus);
	}
	for (i = 0; i < t->menus_by_id.n; i++) {
		free(((struct kc_menu *)t->menus_by_id.v[i])->members);
		free(((struct kc_menu *)t->menus_by_id.v[i])->def_members);
	}
	kc_vec_free(&t->all_syms);
	kc_vec_free(&t->named);
	kc_vec_free(&t->menus_by_id);
	kc_vec_free(&t->files);
	kc_vec_free(&t->env_deps);
	for (i = 0; i < t->env.n; i++)
		free(t->env.v[i]);
	kc_vec_free(&t->env);
	for (i = 0; i < t->shell_recs.n; i++)
		free(t->shell_recs.v[i]);
	kc_vec_free(&t->shell_recs);
	kc_shell_finish(t);
	kc_pp_free(t->pp);
	free(t->cache_dir);
	kc_incr_free(t);
	kc_arena_free(&t->arena);
	free(t);
}

const char *
kc_tree_srctree(const struct kc_tree *t)
{
	return t->srctree;
}

const char *
kc_tree_arch(const struct kc_tree *t)
{
	return t->arch;
}

const char *
kc_tree_srcarch(const struct kc_tree *t)
{
	return t->srcarch;
}

const char *
kc_tree_kernelversion(const struct kc_tree *t)
{
	return t->kernelversion;
}

const char *
kc_tree_mainmenu(const struct kc_tree *t)
{
	return t->root.prompt ? t->root.prompt->text : "Main menu";
}

size_t
kc_tree_nfiles(const struct kc_tree *t)
{
	return t->files.n;
}

const char *
kc_tree_file(const struct kc_tree *t, size_t i)
{
	return i < t->files.n ? t->files.v[i] : NULL;
}
