/* menu.c - menu tree finalisation (dependency propagation, implicit submenus) and walks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core.h"

/* ---- implicit submenus ----------------------------------------------------- */

static bool
expr_equal(const struct kc_expr *a, const struct kc_expr *b)
{
	if (a == b)
		return true;
	if (!a || !b || a->type != b->type)
		return false;
	switch (a->type) {
	case KC_E_SYMBOL:
		return a->left.sym == b->left.sym;
	case KC_E_NOT:
		return expr_equal(a->left.expr, b->left.expr);
	case KC_E_AND:
	case KC_E_OR:
		return (expr_equal(a->left.expr, b->left.expr) &&
			expr_equal(a->right.expr, b->right.expr)) ||
		       (expr_equal(a->left.expr, b->right.expr) &&
			expr_equal(a->right.expr, b->left.expr));
	default:
		return a->left.sym == b->left.sym && a->right.sym == b->right.sym;
	}
}

/* Whether dep includes every condition of base (dep is a "superset" of base).
 * The kernel decides this after normalising both to "!= n" form; comparing the
 * &&-terms structurally gives the same answer on the kernel's trees. */
static bool
dep_covers(struct kc_expr *dep, struct kc_expr *base)
{
	struct kc_vec dt = { 0 }, bt = { 0 };
	bool ok = true;
	size_t i, j;

	kc_expr_and_terms(dep, &dt);
	kc_expr_and_terms(base, &bt);
	for (i = 0; i < bt.n && ok; i++) {
		bool found = false;

		for (j = 0; j < dt.n && !found; j++)
			found = expr_equal(bt.v[i], dt.v[j]);
		ok = found;
	}
	kc_vec_free(&dt);
	kc_vec_free(&bt);
	return ok;
}

/* 7.0: whether DEP holds only when SYM is off (!SYM, SYM=n, SYM!=y, SYM!=m), anywhere in
 * its and/or structure: such an entry does not belong in SYM's submenu. */
static bool
negates(const struct kc_expr *dep, const struct kc_symbol *sym)
{
	if (!dep)
		return false;
	switch (dep->type) {
	case KC_E_AND:
	case KC_E_OR:
		return negates(dep->left.expr, sym) || negates(dep->right.expr, sym);
	case KC_E_NOT:
		return dep->left.expr->type == KC_E_SYMBOL && dep->left.expr->left.sym == sym;
	case KC_E_EQUAL:
		return dep->left.sym == sym && dep->right.sym == &sym->tree->sym_n;
	case KC_E_UNEQUAL:
		return dep->left.sym == sym && (dep->right.sym == &sym->tree->sym_y ||
						dep->right.sym == &sym->tree->sym_m);
	default:
		return false;
	}
}

static void
add_selector(struct kc_symbol *target, struct kc_prop *p)
{
	kc_vec_push(&target->selectors, p);
}


/* An && chain with the constant n in it: conf's simplification makes the
 * whole dependency n (e.g. "depends on $(success,...)" that failed), and an
 * entry depending on n is not nested under the symbol before it. */
static bool
and_has_n(struct kc_tree *t, const struct kc_expr *e)
{
	if (!e)
		return false;
	if (e->type == KC_E_AND)
		return and_has_n(t, e->left.expr) || and_has_n(t, e->right.expr);
	return e->type == KC_E_SYMBOL && e->left.sym == &t->sym_n;
}

static void
finalize(struct kc_tree *t, struct kc_menu *parent, bool inside_choice)
{
	struct kc_menu *m, *last;
	struct kc_symbol *sym = parent->sym;
	struct kc_prop *p;
	struct kc_expr *basedep, *dep;

	if (parent->list) {
		struct kc_expr *parentdep = parent->dep;

		if (t->lang->choice && sym && !sym->name) {
			/* before 6.11 a choice's entries depend on the choice itself */
			t->lang->choice->finalize_choice(t, parent);
			parentdep = kc_expr_alloc_sym(t, sym);
		}
		for (m = parent->list; m; m = m->next) {
			basedep = kc_expr_rewrite_m(t, m->dep);
			basedep = kc_expr_and(t, parentdep, basedep);
			m->dep = basedep;
			p = m->sym ? m->sym->props : m->prompt;
			for (; p; p = m->sym ? p->next : NULL) {
				if (p->menu != m)
					continue;
				dep = kc_expr_rewrite_m(t, p->cond);
				p->cond = kc_expr_and(t, basedep, dep);
				if (p->type == KC_P_SELECT || p->type == KC_P_IMPLY) {
					struct kc_symbol *es = p->expr->left.sym;
					struct kc_expr *term = kc_expr_and(
						t, kc_expr_alloc_sym(t, m->sym), p->cond);

					if (p->type == KC_P_SELECT)
						es->rev_dep = kc_expr_or(t, es->rev_dep, term);
					else
						es->implied = kc_expr_or(t, es->implied, term);
					add_selector(es, p);
				}
			}
		}
		for (m = parent->list; m; m = m->next)
			finalize(t, m, !t->lang->choice && sym && !sym->name);
	} else if (!inside_choice && sym) {
		basedep = parent->prompt ? parent->prompt->cond : NULL;
		last = NULL;
		for (m = parent->next; m; m = m->next) {
			dep = m->prompt ? m->prompt->cond : m->dep;
			if (!kc_expr_contains_sym(dep, sym))
				break;
			if (!kc_expr_depends_sym(dep, sym) &&
			    ((kc_lang_has(t, KC_LANG_SUBMENU_NEG) && negates(dep, sym)) ||
			     !dep_covers(dep, basedep)))
				break;
			if (and_has_n(t, dep))	/* conf reduces "X && n" to n first */
				break;
			finalize(t, m, false);
			m->parent = parent;
			last = m;
		}
		if (last) {
			parent->list = parent->next;
			parent->next = last->next;
			last->next = NULL;
		}
		sym->dir_dep = kc_expr_or(t, sym->dir_dep, parent->dep);
	}
	/* flatten 'if' blocks and undo submenus under promptless symbols */
	for (m = parent->list; m; m = m->next) {
		if (t->lang->choice && sym && !sym->name && m->sym && !kc_sym_is_choice_value(m->sym))
			t->lang->choice->register_member(t, parent, m);
		if (m->list && (!m->prompt || !m->prompt->text)) {
			for (last = m->list;; last = last->next) {
				last->parent = parent;
				if (!last->next)
					break;
			}
			last->next = m->next;
			m->next = m->list;
			m->list = NULL;
		}
	}
	if (t->lang->choice && sym && !sym->name && !sym->optional && parent->prompt)
		sym->rev_dep = kc_expr_or(t, sym->rev_dep,
					  kc_expr_and(t, parent->prompt->cond,
						      kc_expr_alloc_sym(t, &t->sym_m)));
	if (sym && sym->name && sym->type == KC_UNKNOWN && !(sym->flags & KC_SYM_WARNED)) {
		sym->flags |= KC_SYM_WARNED;
		kc_diag_add(t, KC_WARNING, parent->file, parent->line, 0,
			    "config symbol defined without type");
	}
}

void
kc_menu_finalize(struct kc_tree *t)
{
	finalize(t, &t->root, false);
}

bool
kc_menu_is_visible(struct kc_menu *m)
{
	struct kc_menu *c;
	enum kc_tristate vis;

	if (!m->prompt)
		return false;
	if (m->visibility && kc_expr_calc(m->visibility) == KC_N)
		return false;
	if (m->sym) {
		kc_sym_calc(m->sym);
		vis = m->prompt->cond_tri;
	} else {
		vis = m->prompt->cond_tri = kc_expr_calc(m->prompt->cond);
	}
	if (vis != KC_N)
		return true;
	if (!m->sym || m->sym->curr.tri == KC_N)
		return false;
	for (c = m->list; c; c = c->next)
		if (kc_menu_is_visible(c))
			return true;
	return false;
}

/* ---- recursive dependency check ------------------------------------------ */

#define CHECK_DONE 0x40000000u

enum dep_rel { REL_DEPENDS, REL_SELECTED, REL_IMPLIED, REL_VALUE, REL_VISIBLE, REL_CHOICE };

struct dep_frame {
	struct kc_symbol *sym;
	enum dep_rel rel;	/* how sym reaches the next frame */
	struct kc_prop *prop;
};

struct dep_check {
	struct kc_tree *t;
	struct dep_frame *stack;
	size_t n, cap;
	bool found;
	struct kc_symbol *self;	/* choice whose members are checked: may be referenced */
};

static struct dep_frame *
top(struct dep_check *c)
{
	return &c->stack[c->n - 1];
}

static bool check_sym(struct dep_check *c, struct kc_symbol *s);

static bool
check_expr(struct dep_check *c, struct kc_expr *e)
{
	if (!e)
		return false;
	switch (e->type) {
	case KC_E_AND:
	case KC_E_OR:
		return check_expr(c, e->left.expr) || check_expr(c, e->right.expr);
	case KC_E_NOT:
		return check_expr(c, e->left.expr);
	case KC_E_SYMBOL:
		return check_sym(c, e->left.sym);
	case KC_E_RANGE:
		return false;
	default:
		return check_sym(c, e->left.sym) || check_sym(c, e->right.sym);
	}
}

static const char *
nm(const struct kc_symbol *s)
{
	return s->name ? s->name : "<choice>";
}

/* Where a frame is reported: its property, else the symbol's first entry. */
static void
frame_pos(const struct dep_frame *f, const char **file, int *line)
{
	struct kc_menu *m = f->sym->menus.n ? f->sym->menus.v[0] : NULL;

	*file = f->prop ? f->prop->file : m ? m->file : NULL;
	*line = f->prop ? f->prop->line : m ? m->line : 0;
}

/* Reported like the kernel: one line per step of the loop, then the hint. */
static void
report_cycle(struct dep_check *c, struct kc_symbol *s)
{
	static const char *const rel[] = {
		[REL_DEPENDS] = "depends on", [REL_SELECTED] = "is selected by",
		[REL_IMPLIED] = "is implied by", [REL_VALUE] = "value contains",
		[REL_VISIBLE] = "is visible depending on", [REL_CHOICE] = "is part of choice",
	};
	size_t i = c->n, first;
	const char *file;
	int line;

	while (i > 0 && c->stack[i - 1].sym != s)
		i--;
	first = i ? i - 1 : 0;
	frame_pos(&c->stack[first], &file, &line);
	kc_diag_add(c->t, KC_ERROR, file, line, 0, "recursive dependency detected!");
	for (i = first; i < c->n; i++) {
		const struct dep_frame *f = &c->stack[i];
		struct kc_symbol *next = i + 1 < c->n ? c->stack[i + 1].sym : s;

		frame_pos(f, &file, &line);
		if (!f->sym->name)
			kc_diag_add(c->t, KC_NOTE, file, line, 0, "choice %s contains symbol %s",
				    nm(f->sym), nm(next));
		else if (f->rel == REL_VALUE && f->prop)
			kc_diag_add(c->t, KC_NOTE, file, line, 0, "symbol %s %s value contains %s",
				    nm(f->sym), kc_prop_type_name(f->prop->type), nm(next));
		else
			kc_diag_add(c->t, KC_NOTE, file, line, 0, "symbol %s %s %s", nm(f->sym),
				    rel[f->rel], nm(next));
	}
	kc_diag_add(c->t, KC_NOTE, NULL, 0, 0,
		    "for a resolution refer to Documentation/kbuild/kconfig-language.rst, "
		    "subsection \"Kconfig recursive dependency limitations\"");
	c->found = true;
}

static bool
check_rel(struct dep_check *c, struct kc_expr *e, enum dep_rel rel, struct kc_prop *p)
{
	top(c)->rel = rel;
	top(c)->prop = p;
	return check_expr(c, e);
}

static bool
check_props(struct dep_check *c, struct kc_symbol *s)
{
	struct kc_prop *p;

	if (check_rel(c, s->dir_dep, REL_DEPENDS, NULL) ||
	    check_rel(c, s->rev_dep, REL_SELECTED, NULL))
		return true;
	for (p = s->props; p; p = p->next) {
		if (p->type == KC_P_SELECT || p->type == KC_P_IMPLY)
			continue;
		if (check_rel(c, p->cond, REL_VISIBLE, p))
			return true;
		if (p->type == KC_P_DEFAULT && s->name && check_rel(c, p->expr, REL_VALUE, p))
			return true;
	}
	return false;
}

static void
push(struct dep_check *c, struct kc_symbol *s)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->stack = kc_xrealloc(c->stack, c->cap * sizeof(*c->stack));
	}
	c->stack[c->n].sym = s;
	c->stack[c->n].rel = REL_DEPENDS;
	c->stack[c->n].prop = NULL;
	c->n++;
}

static bool
check_sym(struct dep_check *c, struct kc_symbol *s)
{
	struct kc_menu *choice;
	bool found;
	size_t i;

	if (s->flags & KC_SYM_CONST || s->type == KC_UNKNOWN || s->flags & CHECK_DONE ||
	    s == c->self)
		return false;
	choice = kc_sym_is_choice_value(s) ? kc_sym_choice_menu(s) : NULL;
	if (choice)
		s = choice->sym;
	if (s->flags & CHECK_DONE)
		return false;
	if (s->flags & KC_SYM_CHECK) {
		report_cycle(c, s);
		return true;
	}
	s->flags |= KC_SYM_CHECK;
	push(c, s);
	found = check_props(c, s);
	if (!found && !s->name) {
		struct kc_menu *cm = NULL;

		for (i = 0; i < s->menus.n && !cm; i++)
			cm = s->menus.v[i];
		for (i = 0; cm && !found && i < cm->nmembers; i++) {
			struct kc_symbol *mem = cm->members[i], *outer = c->self;

			mem->flags |= KC_SYM_CHECK;
			c->self = s;	/* members of old-style choices depend on it */
			found = check_props(c, mem);
			c->self = outer;
			mem->flags &= ~KC_SYM_CHECK;
			mem->flags |= CHECK_DONE;
		}
	}
	c->n--;
	s->flags &= ~KC_SYM_CHECK;
	s->flags |= CHECK_DONE;
	return found;
}

/* 6.18: a transitional symbol only names an old option; anything but help is an error. */
static void
check_transitional(struct kc_tree *t, struct kc_menu *m)
{
	static const char msg[] = "transitional symbols can only have help sections";
	struct kc_prop *p;

	if (m->dep || m->visibility) {
		kc_diag_add(t, KC_ERROR, m->file, m->line, 0, "%s", msg);
		return;
	}
	for (p = m->sym->props; p; p = p->next)
		if (p->menu == m) {
			kc_diag_add(t, KC_ERROR, p->file, p->line, 0, "%s", msg);
			return;
		}
}

void
kc_check_deps(struct kc_tree *t)
{
	struct dep_check c = { t, NULL, 0, 0, false, NULL };
	size_t i;

	for (i = 0; i < t->menus_by_id.n; i++) {
		struct kc_menu *m = t->menus_by_id.v[i];

		if (m->sym && m->sym->flags & KC_SYM_TRANS)
			check_transitional(t, m);
	}

	for (i = 0; i < t->all_syms.n && !c.found; i++)
		check_sym(&c, t->all_syms.v[i]);
	for (i = 0; i < t->all_syms.n; i++)
		((struct kc_symbol *)t->all_syms.v[i])->flags &= ~(CHECK_DONE | KC_SYM_CHECK);
	free(c.stack);
}

/* ---- public menu API ------------------------------------------------------ */

struct kc_menu *
kc_tree_root(const struct kc_tree *t)
{
	return (struct kc_menu *)&t->root;
}

struct kc_menu *
kc_menu_child(const struct kc_menu *m)
{
	return m->list;
}

struct kc_menu *
kc_menu_next(const struct kc_menu *m)
{
	return m->next;
}

struct kc_menu *
kc_menu_parent(const struct kc_menu *m)
{
	return m->parent;
}

struct kc_menu *
kc_menu_walk(const struct kc_menu *m, const struct kc_menu *root)
{
	if (m->list)
		return m->list;
	while (m != root && !m->next)
		m = m->parent;
	if (m == root)
		return NULL;
	return m->next;
}

enum kc_menu_kind
kc_menu_kind(const struct kc_menu *m)
{
	return m->kind;
}

struct kc_symbol *
kc_menu_sym(const struct kc_menu *m)
{
	return m->sym;
}

const char *
kc_menu_prompt(const struct kc_menu *m)
{
	return m->prompt ? m->prompt->text : NULL;
}

struct kc_prop *
kc_menu_prompt_prop(const struct kc_menu *m)
{
	return m->prompt;
}

bool
kc_menu_is_menuconfig(const struct kc_menu *m)
{
	return m->prompt && m->prompt->type == KC_P_MENU;
}

const char *
kc_menu_help(const struct kc_menu *m)
{
	return m->help;
}

const char *
kc_menu_file(const struct kc_menu *m)
{
	return m->file;
}

int
kc_menu_line(const struct kc_menu *m)
{
	return m->line;
}

unsigned
kc_menu_id(const struct kc_menu *m)
{
	return m->id;
}

struct kc_menu *
kc_tree_menu_by_id(const struct kc_tree *t, unsigned id)
{
	if (id == (unsigned)-1)
		return (struct kc_menu *)&t->root;
	return id < t->menus_by_id.n ? t->menus_by_id.v[id] : NULL;
}

struct kc_expr *
kc_menu_dep(const struct kc_menu *m)
{
	return m->dep;
}

struct kc_expr *
kc_menu_visible_if(const struct kc_menu *m)
{
	return m->visibility;
}

bool
kc_menu_visible(struct kc_tree *t, struct kc_menu *m)
{
	(void)t;
	return kc_menu_is_visible(m);
}

/* ---- properties --------------------------------------------------------- */

struct kc_prop *
kc_prop_next(const struct kc_prop *p)
{
	return p->next;
}

enum kc_prop_type
kc_prop_type(const struct kc_prop *p)
{
	return p->type;
}

const char *
kc_prop_type_name(enum kc_prop_type t)
{
	static const char *const names[] = { "prompt", "comment", "menu", "default",
					      "select", "imply", "range" };

	return t <= KC_P_RANGE ? names[t] : "?";
}

const char *
kc_prop_text(const struct kc_prop *p)
{
	return p->text;
}

struct kc_expr *
kc_prop_expr(const struct kc_prop *p)
{
	return p->expr;
}

struct kc_expr *
kc_prop_cond(const struct kc_prop *p)
{
	return p->cond;
}

const char *
kc_prop_file(const struct kc_prop *p)
{
	return p->file;
}

int
kc_prop_line(const struct kc_prop *p)
{
	return p->line;
}

struct kc_menu *
kc_prop_menu(const struct kc_prop *p)
{
	return p->menu;
}

struct kc_symbol *
kc_prop_owner(const struct kc_prop *p)
{
	return p->owner;
}

struct kc_expr *
kc_prop_own_cond(const struct kc_prop *p)
{
	return p->own_cond;
}

bool
kc_menu_is_empty(struct kc_tree *t, struct kc_menu *m)
{
	struct kc_menu *c;

	(void)t;
	for (c = m->list; c; c = c->next)
		if (kc_menu_is_visible(c))
			return false;
	return true;
}

size_t
kc_tree_nmenus(const struct kc_tree *t)
{
	return t->menus_by_id.n;
}

static bool
names_a_step(const struct kc_menu *m, unsigned flags)
{
	if (m->kind == KC_M_ROOT || m->kind == KC_M_IF || !m->prompt)
		return false;
	return !(flags & KC_PATH_SCREENS) || m->kind == KC_M_CHOICE || kc_menu_is_menuconfig(m);
}

const char **
kc_menu_path_parts(const struct kc_menu *m, unsigned flags, size_t *n)
{
	const struct kc_menu *p;
	const char **v;
	size_t k = 0;

	*n = 0;
	for (p = m; p; p = p->parent)
		*n += names_a_step(p, flags);
	if (!*n)
		return NULL;
	v = kc_xcalloc(*n, sizeof(*v));
	for (p = m; p; p = p->parent)
		if (names_a_step(p, flags))
			v[*n - ++k] = p->prompt->text;
	return v;
}

char *
kc_menu_path(const struct kc_menu *m, const char *sep, unsigned flags)
{
	struct kc_buf b = { 0 };
	size_t i, n;
	const char **v = kc_menu_path_parts(m, flags, &n);

	kc_buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		if (i)
			kc_buf_puts(&b, sep);
		kc_buf_puts(&b, v[i]);
	}
	free(v);
	return kc_buf_steal(&b);
}

bool
kc_sym_has_prompt(const struct kc_symbol *s)
{
	const struct kc_prop *p;

	for (p = s->props; p; p = p->next)
		if ((p->type == KC_P_PROMPT || p->type == KC_P_MENU) && p->text)
			return true;
	return false;
}
