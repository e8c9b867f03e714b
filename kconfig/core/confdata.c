/* confdata.c - reading and writing .config files the way conf does. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kexplore/cfgfile.h"
#include "core.h"

struct kc_symbol *kc_sym_find_exact(struct kc_tree *t, const char *name);

/* Forget user values; choices get back their definition-order priorities,
 * as in a fresh conf, so that reading a second config starts clean. */
static void
reset_user(struct kc_tree *t)
{
	size_t i, k;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		/* a choice's menus through its symbol: not a walk over every menu
		 * (mindiff reads a config several times; each walk misses the cache) */
		for (k = 0; !s->name && k < s->menus.n; k++) {
			struct kc_menu *m = s->menus.v[k];

			if (m->def_members)
				memcpy(m->members, m->def_members, m->nmembers * sizeof(*m->members));
		}
		s->flags &= ~KC_SYM_DEF_USER;
		s->user.tri = KC_N;
		s->user.val = NULL;
		s->user_file = NULL;
		s->user_line = 0;
		s->user_sel = NULL;
	}
}

void
kc_tree_reset_user(struct kc_tree *t)
{
	reset_user(t);
	kc_tree_invalidate(t);
}

/* conf_set_sym_val: returns false when the value was rejected. */
static bool
set_sym_val(struct kc_tree *t, struct kc_symbol *s, char *p, const char *file, int line)
{
	char *p2;

	switch (s->type) {
	case KC_TRISTATE:
		if (p[0] == 'm') {
			s->user.tri = KC_M;
			break;
		}
		/* fallthrough */
	case KC_BOOL:
		if (p[0] == 'y') {
			s->user.tri = KC_Y;
			break;
		}
		if (p[0] == 'n') {
			s->user.tri = KC_N;
			break;
		}
		kc_diag_add(t, KC_WARNING, file, line, 0, "symbol value '%s' invalid for %s", p,
			    s->name);
		return false;
	case KC_STRING:
		if (*p++ != '"')
			return true;	/* conf silently ignores an unquoted string */
		for (p2 = p; (p2 = strpbrk(p2, "\"\\")); p2++) {
			if (*p2 == '"') {
				*p2 = 0;
				break;
			}
			memmove(p2, p2 + 1, strlen(p2));
		}
		if (!p2) {
			kc_diag_add(t, KC_WARNING, file, line, 0, "invalid string found");
			return false;
		}
		/* fallthrough */
	case KC_INT:
	case KC_HEX:
		if (!kc_sym_str_valid(s->type, p)) {
			kc_diag_add(t, KC_WARNING, file, line, 0, "symbol value '%s' invalid for %s",
				    p, s->name);
			return false;
		}
		s->user.val = kc_arena_strdup(&t->arena, p);
		break;
	default:
		return true;
	}
	s->flags |= KC_SYM_DEF_USER;
	s->user_file = file;
	s->user_line = line;
	return true;
}

static void
read_line(struct kc_tree *t, char *line, const char *file, int lineno)
{
	char *name, *val, *p;
	struct kc_symbol *s;
	struct kc_menu *choice;

	if (!line[0])
		return;
	if (line[0] == '#') {
		if (line[1] != ' ' || strncmp(line + 2, "CONFIG_", 7))
			return;
		name = line + 9;
		p = strchr(name, ' ');
		if (!p)
			return;
		*p++ = 0;
		if (strcmp(p, "is not set"))
			return;
		val = "n";
	} else {
		if (strncmp(line, "CONFIG_", 7)) {
			kc_diag_add(t, KC_WARNING, file, lineno, 0, "unexpected data: %s", line);
			return;
		}
		name = line + 7;
		p = strchr(name, '=');
		if (!p) {
			kc_diag_add(t, KC_WARNING, file, lineno, 0, "unexpected data: %s", line);
			return;
		}
		*p = 0;
		val = p + 1;
	}
	s = kc_sym_find_exact(t, name);
	if (!s) {
		kc_diag_add(t, KC_WARNING, file, lineno, 0, "unknown symbol: %s", name);
		return;
	}
	if (s->flags & KC_SYM_DEF_USER && s->user_file == file)
		kc_diag_add(t, KC_WARNING, file, lineno, 0, "override: reassigning to symbol %s",
			    s->name);
	if (!set_sym_val(t, s, val, file, lineno))
		return;
	if (t->lang->choice) {
		t->lang->choice->read_assign(s);
		return;
	}
	choice = kc_sym_choice_menu(s);
	if (choice)
		kc_choice_move_front(choice, s);
}

static enum kc_status
read_buf(struct kc_tree *t, const char *name, const char *buf, size_t len, bool reset)
{
	const char *file = kc_arena_strdup(&t->arena, name);
	char *copy = kc_xstrndup(buf, len), *line = copy, *nl;
	int lineno = 0;

	if (reset)
		reset_user(t);
	if (reset && t->lang->choice)
		t->lang->choice->read_begin(t);
	while (line && (size_t)(line - copy) < len) {
		/* memchr: a NUL ends the line's text (as in conf), not the file */
		nl = memchr(line, '\n', len - (size_t)(line - copy));
		if (nl) {
			*nl = 0;
			if (nl > line && nl[-1] == '\r')
				nl[-1] = 0;
		}
		lineno++;
		read_line(t, line, file, lineno);
		line = nl ? nl + 1 : NULL;
	}
	free(copy);
	if (t->lang->choice) {
		t->lang->choice->read_end(t);
	} else {
		kc_tree_invalidate(t);
		kc_tree_carry_transitional(t);	/* conf_read computes every symbol */
	}
	return KC_OK;
}

enum kc_status
kc_config_read_buf(struct kc_tree *t, const char *name, const char *buf, size_t len)
{
	return read_buf(t, name, buf, len, true);
}

static enum kc_status
read_path(struct kc_tree *t, const char *path, bool reset)
{
	struct kc_cfgfile f;
	enum kc_status st = kc_cfgfile_read(path, KC_CFG_TEXT, &f);

	if (st != KC_OK) {
		kc_diag_add(t, KC_ERROR, path, 0, 0, "cannot read: %s", f.error);
		kc_cfgfile_done(&f);
		return st;
	}
	st = read_buf(t, path, f.data, f.len, reset);
	kc_cfgfile_done(&f);
	return st;
}

enum kc_status
kc_config_read(struct kc_tree *t, const char *path)
{
	return read_path(t, path, true);
}

enum kc_status
kc_config_merge(struct kc_tree *t, const char *path)
{
	return read_path(t, path, false);
}

enum kc_status
kc_config_merge_buf(struct kc_tree *t, const char *name, const char *buf, size_t len)
{
	return read_buf(t, name, buf, len, false);
}

/* ---- writing ------------------------------------------------------------ */

void
kc_put_assignment(struct kc_buf *b, const struct kc_symbol *s, const char *v)
{
	/* no printf: a whole config is written for every full evaluation mindiff compares */
	if ((s->type == KC_BOOL || s->type == KC_TRISTATE) && !strcmp(v, "n")) {
		kc_buf_puts(b, "# CONFIG_");
		kc_buf_puts(b, s->name);
		kc_buf_puts(b, " is not set");
		return;
	}
	kc_buf_puts(b, "CONFIG_");
	kc_buf_puts(b, s->name);
	kc_buf_putc(b, '=');
	if (s->type == KC_STRING)
		kc_buf_put_quoted(b, v);
	else
		kc_buf_puts(b, v);
}

static void
print_symbol(struct kc_buf *b, struct kc_symbol *s)
{
	if (s->type == KC_UNKNOWN)
		return;
	kc_put_assignment(b, s, kc_sym_string(s));
	kc_buf_putc(b, '\n');
}

static void
clear_written(struct kc_tree *t)
{
	size_t i;

	for (i = 0; i < t->all_syms.n; i++)
		((struct kc_symbol *)t->all_syms.v[i])->flags &= ~KC_SYM_WRITTEN;
}

char *
kc_config_str(struct kc_tree *t)
{
	struct kc_buf b = { 0 };
	struct kc_menu *m;
	bool need_newline = false, leaf;

	kc_buf_printf(&b, "#\n# Automatically generated file; DO NOT EDIT.\n# %s\n#\n",
		      kc_tree_mainmenu(t));
	/* values are always current; conf re-evaluates here only when the read
	 * changed nothing, which shows in 6.1 trees (see legacy.c) */
	if (t->lang->choice && !t->conf_changed)
		kc_tree_invalidate(t);
	m = t->root.list;
	while (m) {
		struct kc_symbol *s = m->sym;

		if (!s) {
			if (kc_menu_is_visible(m)) {
				kc_buf_printf(&b, "\n#\n# %s\n#\n", m->prompt->text);
				need_newline = false;
			}
		} else if (s->name && !(s->flags & KC_SYM_WRITTEN)) {
			kc_sym_calc(s);
			if (s->flags & KC_SYM_WRITE) {
				if (need_newline) {
					kc_buf_putc(&b, '\n');
					need_newline = false;
				}
				s->flags |= KC_SYM_WRITTEN;
				print_symbol(&b, s);
			}
		}
		if (m->list) {
			m = m->list;
			continue;
		}
		/* before 5.19 only a menu being left after its entries gets an end comment */
		for (leaf = kc_lang_has(t, KC_LANG_END_OF_PARENT);; leaf = false) {
			if (!leaf && !m->sym && m != &t->root && m->prompt &&
			    m->prompt->type == KC_P_MENU && kc_menu_is_visible(m)) {
				kc_buf_printf(&b, "# end of %s\n", m->prompt->text);
				need_newline = true;
			}
			if (m->next) {
				m = m->next;
				break;
			}
			m = m->parent;
			if (!m || m == &t->root) {
				m = NULL;
				break;
			}
		}
	}
	clear_written(t);
	return kc_buf_steal(&b);
}

char *
kc_defconfig_str(struct kc_tree *t)
{
	struct kc_buf b = { 0 };
	struct kc_menu *m;

	kc_buf_puts(&b, "");
	kc_tree_invalidate(t);
	for (m = kc_menu_walk(&t->root, &t->root); m; m = kc_menu_walk(m, &t->root)) {
		struct kc_symbol *s = m->sym;
		struct kc_menu *choice;

		if (!s || !s->name)
			continue;
		kc_sym_calc(s);
		if (!(s->flags & KC_SYM_WRITE) || s->flags & KC_SYM_WRITTEN)
			continue;
		s->flags |= KC_SYM_WRITTEN;
		if (!(s->visible > s->rev_dep_tri))
			continue;
		if (!strcmp(kc_sym_string(s), kc_sym_string_default(s)))
			continue;
		choice = kc_sym_choice_menu(s);
		if (choice && kc_choice_default(choice) == s && s->curr.tri == KC_Y &&
		    (!t->lang->choice || (!choice->sym->optional && s->type == KC_BOOL)))
			continue;
		print_symbol(&b, s);
	}
	clear_written(t);
	kc_tree_invalidate(t);
	return kc_buf_steal(&b);
}

void
kc_set_all_new(struct kc_tree *t, enum kc_allmode mode)
{
	struct kc_menu *m;

	if (t->lang->choice) {
		t->lang->choice->set_all_new(t, mode);
		return;
	}
	if (mode == KC_ALLDEF)
		return;
	for (m = kc_menu_walk(&t->root, &t->root); m; m = kc_menu_walk(m, &t->root)) {
		struct kc_symbol *s = m->sym;

		if (!s || !m->prompt || s->flags & KC_SYM_DEF_USER ||
		    (s->type != KC_BOOL && s->type != KC_TRISTATE) || kc_sym_is_choice_value(s) ||
		    !s->name)
			continue;
		s->user.tri = mode == KC_ALLYES ? KC_Y : mode == KC_ALLMOD ? KC_M : KC_N;
		s->flags |= KC_SYM_DEF_USER;
	}
	kc_tree_invalidate(t);
}

static bool
host_is(const char *prefix)
{
	struct utsname u;

	return !uname(&u) && !strncmp(u.machine, prefix, strlen(prefix));
}

char **
kc_tree_defconfig_list(struct kc_tree *t)
{
	struct kc_symbol *s = t->defconfig_list;
	struct kc_prop *p;
	struct kc_vec v = { 0 };

	if (!s)
		return NULL;
	for (p = s->props; p; p = p->next) {
		struct kc_symbol *d;

		if (p->type != KC_P_DEFAULT || p->expr->type != KC_E_SYMBOL ||
		    kc_expr_calc(p->cond) == KC_N)
			continue;
		d = p->expr->left.sym;
		kc_sym_calc(d);
		kc_vec_push(&v, d->curr.val[0] == '/' ? kc_xstrdup(d->curr.val)
						       : kc_xasprintf("%s/%s", t->srctree, d->curr.val));
	}
	kc_vec_push(&v, NULL);
	return (char **)v.v;
}

char *
kc_tree_default_defconfig(const struct kc_tree *t)
{
	const char *arch = t->arch, *sa = t->srcarch;
	char *mk, *path, *name = NULL, *p;

	if (!strcmp(sa, "x86")) {
		if (!strcmp(arch, "x86"))
			name = kc_xstrdup(host_is("i") && !host_is("ia64") ? "i386_defconfig"
									  : "x86_64_defconfig");
		else
			name = kc_xasprintf("%s_defconfig", arch);
	} else if (!strcmp(sa, "um")) {
		name = kc_xstrdup(host_is("x86_64") ? "x86_64_defconfig" : "i386_defconfig");
	} else if (!strcmp(sa, "powerpc")) {
		struct utsname u;

		if (!uname(&u) && !strncmp(u.machine, "ppc", 3))
			name = kc_xasprintf("%s_defconfig", u.machine);
		else
			name = kc_xstrdup("ppc64le_defconfig");
	} else if (!strcmp(sa, "sparc")) {
		name = kc_xstrdup(!strcmp(arch, "sparc64") ? "sparc64_defconfig" : "sparc32_defconfig");
	} else if (!strcmp(sa, "parisc")) {
		name = kc_xstrdup(!strcmp(arch, "parisc64") ? "generic-64bit_defconfig"
							    : "generic-32bit_defconfig");
	} else {
		path = kc_xasprintf("%s/arch/%s/Makefile", t->srctree, sa);
		mk = kc_read_whole_file(path, NULL, NULL);
		free(path);
		for (p = mk; p && *p && !name; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
			const char *q = p;

			if (strncmp(q, "KBUILD_DEFCONFIG", 16))
				continue;
			q += 16;
			q += strspn(q, " \t");
			if (*q == ':')
				q++;
			if (*q != '=')
				continue;
			q++;
			q += strspn(q, " \t");
			name = kc_xstrndup(q, strcspn(q, " \t\n#"));
		}
		free(mk);
		if (!name)
			name = kc_xstrdup("defconfig");
	}
	path = kc_xasprintf("arch/%s/configs/%s", sa, name);
	free(name);
	return path;
}

struct kc_user_state {
	size_t n;
	struct user_rec {
		struct kc_symbol *sym;
		bool has;
		enum kc_tristate tri;
		char *val;
		const char *file;
		int line;
		struct kc_symbol *sel;
	} *recs;
	size_t nchoice;
	struct choice_rec {
		struct kc_menu *menu;
		struct kc_symbol **members;
	} *choices;
};

struct kc_user_state *
kc_user_state_save(struct kc_tree *t)
{
	struct kc_user_state *st = kc_xcalloc(1, sizeof(*st));
	size_t i;

	st->recs = kc_xcalloc(t->all_syms.n, sizeof(*st->recs));
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		struct user_rec *r = &st->recs[st->n];

		if (!(s->flags & KC_SYM_DEF_USER))
			continue;
		r->sym = s;
		r->has = true;
		r->tri = s->user.tri;
		r->val = s->user.val ? kc_xstrdup(s->user.val) : NULL;
		r->file = s->user_file;
		r->line = s->user_line;
		r->sel = s->user_sel;
		st->n++;
	}
	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];

		if (m->is_choice && m->nmembers)
			st->nchoice++;
	}
	st->choices = kc_xcalloc(st->nchoice ? st->nchoice : 1, sizeof(*st->choices));
	st->nchoice = 0;
	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];
		struct choice_rec *c;

		if (!m->is_choice || !m->nmembers)
			continue;
		c = &st->choices[st->nchoice++];
		c->menu = m;
		c->members = kc_xmalloc(m->nmembers * sizeof(*m->members));
		memcpy(c->members, m->members, m->nmembers * sizeof(*m->members));
	}
	return st;
}

/* Whether s's user value is r's (NULL: none), for evaluation. */
static bool
user_same(const struct kc_symbol *s, const struct user_rec *r)
{
	if (!(s->flags & KC_SYM_DEF_USER) || !r)
		return !(s->flags & KC_SYM_DEF_USER) && !r;
	if (s->user.tri != r->tri || s->user_sel != r->sel)
		return false;
	if (!s->user.val || !r->val)
		return s->user.val == r->val;
	return !strcmp(s->user.val, r->val);
}

static void
user_set(struct kc_tree *t, struct kc_symbol *s, const struct user_rec *r)
{
	s->flags &= ~KC_SYM_DEF_USER;
	s->user.tri = r ? r->tri : KC_N;
	s->user.val = r && r->val ? kc_arena_strdup(&t->arena, r->val) : NULL;
	s->user_file = r ? r->file : NULL;
	s->user_line = r ? r->line : 0;
	s->user_sel = r ? r->sel : NULL;
	if (r)
		s->flags |= KC_SYM_DEF_USER;
}

/*
 * Only what differs is set, and only its cone re-evaluated (incr.c): the
 * planner and the diff go back and forth between states that differ in a
 * few values.
 */
static void
restore_changed(struct kc_tree *t, const struct kc_user_state *st)
{
	const struct user_rec **want = kc_xcalloc(t->all_syms.n + 1, sizeof(*want));
	struct kc_vec changed = { 0 };
	size_t i;

	for (i = 0; i < st->n; i++)
		want[st->recs[i].sym->id - 1] = &st->recs[i];
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		const struct user_rec *r = want[i];
		bool same = user_same(s, r);

		if (same && (!r || (s->user_file == r->file && s->user_line == r->line)))
			continue;
		kc_incr_user_will_change(s);
		user_set(t, s, r);
		if (!same)	/* else only where it was read from */
			kc_vec_push(&changed, s);
	}
	for (i = 0; i < st->nchoice; i++) {
		struct kc_menu *m = st->choices[i].menu;
		size_t sz = m->nmembers * sizeof(*m->members);

		if (!memcmp(m->members, st->choices[i].members, sz))
			continue;
		kc_incr_order_will_change(m);
		memcpy(m->members, st->choices[i].members, sz);
		kc_vec_push(&changed, m->sym);
	}
	/* one update for all: each symbol recomputed once */
	kc_incr_changed_many(t, (struct kc_symbol **)changed.v, changed.n);
	kc_vec_free(&changed);
	free(want);
	t->changed = true;
	t->conf_changed = true;
}

void
kc_user_state_restore(struct kc_tree *t, const struct kc_user_state *st)
{
	size_t i;

	if (!t->lang->choice) {
		restore_changed(t, st);
		return;
	}
	/* an open checkpoint must be able to take this back (incr.c) */
	for (i = 0; i < t->all_syms.n; i++)
		kc_incr_user_will_change(t->all_syms.v[i]);
	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];

		if (m->is_choice && m->nmembers)
			kc_incr_order_will_change(m);
	}
	reset_user(t);
	for (i = 0; i < st->n; i++) {
		const struct user_rec *r = &st->recs[i];
		struct kc_symbol *s = r->sym;

		s->flags |= KC_SYM_DEF_USER;
		s->user.tri = r->tri;
		if (r->val) {
			s->user.val = kc_arena_strdup(&t->arena, r->val);
		}
		s->user_file = r->file;
		s->user_line = r->line;
		s->user_sel = r->sel;
	}
	for (i = 0; i < st->nchoice; i++)
		memcpy(st->choices[i].menu->members, st->choices[i].members,
		       st->choices[i].menu->nmembers * sizeof(struct kc_symbol *));
	kc_tree_invalidate(t);
}

void
kc_user_state_free(struct kc_user_state *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < st->n; i++)
		free(st->recs[i].val);
	for (i = 0; i < st->nchoice; i++)
		free(st->choices[i].members);
	free(st->recs);
	free(st->choices);
	free(st);
}
