/* symbol.c - symbols and their evaluation with the kernel's semantics. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/incr.h"

#include "core.h"

static const char *const tri_str[] = { "n", "m", "y" };

static bool
is_yesmodno(const struct kc_symbol *s)
{
	struct kc_tree *t = s->tree;

	return s == &t->sym_y || s == &t->sym_m || s == &t->sym_n;
}

/*
 * An expression read while computing sym. From 6.11 on no value depends on
 * the order symbols are computed in (choices are decided as a whole, and a
 * transitional carry happens in a pass over every symbol, see
 * kc_tree_carry_transitional), so '&&' and '||' may stop at a decided
 * operand: the same values, the skipped symbols computed when asked (an
 * unmet-dependency warning may come later). Before, a choice's value
 * depends on which member is asked first: every operand, in conf's order.
 */
static enum kc_tristate
expr_val(const struct kc_symbol *sym, struct kc_expr *e)
{
	return sym->tree->lang->choice ? kc_expr_calc(e) : kc_expr_calc_short(e);
}

struct kc_symbol *
kc_sym_lookup(struct kc_tree *t, const char *name, bool is_const)
{
	struct kc_symbol *s;
	unsigned h;

	if (name[0] && !name[1]) {
		switch (name[0]) {
		case 'y':
			return &t->sym_y;
		case 'm':
			return &t->sym_m;
		case 'n':
			return &t->sym_n;
		}
	}
	h = kc_hash_str(name) % KC_SYM_HASH;
	for (s = t->hash[h]; s; s = s->hash_next)
		if (!strcmp(s->name, name) && !!(s->flags & KC_SYM_CONST) == is_const)
			return s;
	s = kc_arena_alloc(&t->arena, sizeof(*s));
	s->name = kc_arena_strdup(&t->arena, name);
	s->type = KC_UNKNOWN;
	s->flags = is_const ? KC_SYM_CONST : 0;
	s->tree = t;
	s->props_tail = &s->props;
	s->curr.val = s->name;
	s->hash_next = t->hash[h];
	t->hash[h] = s;
	if (!is_const) {
		s->id = (unsigned)t->all_syms.n + 1;
		kc_vec_push(&t->all_syms, s);
		kc_vec_push(&t->named, s);
	}
	return s;
}

struct kc_symbol *
kc_sym_new_choice(struct kc_tree *t)
{
	struct kc_symbol *s = kc_arena_alloc(&t->arena, sizeof(*s));

	s->type = KC_UNKNOWN;
	s->tree = t;
	s->props_tail = &s->props;
	s->curr.val = "n";
	s->id = (unsigned)t->all_syms.n + 1;
	kc_vec_push(&t->all_syms, s);
	return s;
}

struct kc_symbol *
kc_sym_find(const struct kc_tree *t, const char *name)
{
	struct kc_symbol *s;
	unsigned h;

	if (!name)
		return NULL;
	if (!strncmp(name, "CONFIG_", 7) && name[7])
		name += 7;
	if (name[0] && !name[1] && (name[0] == 'y' || name[0] == 'm' || name[0] == 'n'))
		return NULL;
	h = kc_hash_str(name) % KC_SYM_HASH;
	for (s = t->hash[h]; s; s = s->hash_next)
		if (!strcmp(s->name, name) && !(s->flags & KC_SYM_CONST))
			return s;
	return NULL;
}

/* Exact lookup as conf's sym_find (no CONFIG_ stripping). */
static struct kc_symbol *
sym_find_exact(struct kc_tree *t, const char *name)
{
	struct kc_symbol *s;
	unsigned h;

	if (name[0] && !name[1]) {
		switch (name[0]) {
		case 'y':
			return &t->sym_y;
		case 'm':
			return &t->sym_m;
		case 'n':
			return &t->sym_n;
		}
	}
	h = kc_hash_str(name) % KC_SYM_HASH;
	for (s = t->hash[h]; s; s = s->hash_next)
		if (!strcmp(s->name, name) && !(s->flags & KC_SYM_CONST))
			return s;
	return NULL;
}

enum kc_type
kc_sym_get_type(const struct kc_symbol *sym)
{
	if (sym->type == KC_TRISTATE && sym->tree->modules_val == KC_N)
		return KC_BOOL;
	return sym->type;
}

bool
kc_sym_is_choice_value(const struct kc_symbol *sym)
{
	return sym->flags & KC_SYM_CHOICEVAL;
}

/* The choice a member belongs to: its first prompted entry's nearest symbol parent. */
static struct kc_menu *
choice_menu_walk(const struct kc_symbol *sym)
{
	struct kc_menu *m = NULL;
	size_t i;

	if (sym->tree->lang->choice)
		return sym->choice_sym && sym->choice_sym->menus.n ? sym->choice_sym->menus.v[0]
								   : NULL;
	for (i = 0; i < sym->menus.n; i++) {
		struct kc_menu *mm = sym->menus.v[i];

		if (mm->prompt) {
			m = mm;
			break;
		}
	}
	if (!m)
		return NULL;
	do {
		m = m->parent;
	} while (m && !m->sym);
	if (m && m->sym && !m->sym->name)
		return m;
	return NULL;
}

/* Every evaluation of a tristate asks; the menus are fixed once a tree is loaded. */
struct kc_menu *
kc_sym_choice_menu(const struct kc_symbol *sym)
{
	if (sym->tree->choices_cached)
		return sym->choice_menu;
	return choice_menu_walk(sym);
}

size_t
kc_choice_nmembers(const struct kc_menu *choice)
{
	return choice->nmembers;
}

struct kc_symbol *
kc_choice_member(const struct kc_menu *choice, size_t i)
{
	return i < choice->nmembers ? choice->members[i] : NULL;
}

struct kc_symbol *
kc_choice_holder(const struct kc_menu *choice)
{
	size_t i;

	for (i = 0; i < choice->nmembers; i++)
		if (kc_sym_tristate(choice->members[i]) == KC_Y)
			return choice->members[i];
	return NULL;
}

void
kc_tree_cache_choices(struct kc_tree *t)
{
	size_t i;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		s->choice_menu = choice_menu_walk(s);
	}
	t->choices_cached = true;
}

/* The first property of a type whose condition holds (the one in effect). */
static struct kc_prop *
active_prop(struct kc_symbol *sym, enum kc_prop_type type)
{
	struct kc_prop *p;

	for (p = sym->props; p; p = p->next) {
		if (p->type != type)
			continue;
		p->cond_tri = expr_val(sym, p->cond);
		if (p->cond_tri != KC_N)
			return p;
	}
	return NULL;
}

static struct kc_prop *
default_prop(struct kc_symbol *sym)
{
	return active_prop(sym, KC_P_DEFAULT);
}

static struct kc_prop *
range_prop(struct kc_symbol *sym)
{
	return active_prop(sym, KC_P_RANGE);
}

static long long
range_val(struct kc_symbol *s, int base)
{
	kc_sym_calc(s);
	if (s->type == KC_INT)
		base = 10;
	else if (s->type == KC_HEX)
		base = 16;
	return strtoll(s->curr.val, NULL, base);
}

/* Returns true when the value was clamped. */
static bool
validate_range(struct kc_symbol *sym)
{
	struct kc_prop *p;
	struct kc_symbol *bound;
	long long v, v2;
	int base;

	if (sym->type == KC_INT)
		base = 10;
	else if (sym->type == KC_HEX)
		base = 16;
	else
		return false;
	p = range_prop(sym);
	if (!p)
		return false;
	v = strtoll(sym->curr.val, NULL, base);
	bound = p->expr->left.sym;
	v2 = range_val(bound, base);
	if (v >= v2) {
		bound = p->expr->right.sym;
		v2 = range_val(bound, base);
		if (v <= v2)
			return false;
	}
	sym->curr.val = bound->curr.val;
	return true;
}

void
kc_sym_calc_visibility(struct kc_symbol *sym)
{
	struct kc_tree *t = sym->tree;
	struct kc_prop *p;
	enum kc_tristate tri = KC_N;

	if (sym->flags & KC_SYM_TRANS) {
		/* 6.18: always "visible", so a value read from a config is kept */
		sym->visible = KC_Y;
		sym->dir_dep_tri = sym->rev_dep_tri = sym->implied_tri = KC_N;
		return;
	}
	for (p = sym->props; p; p = p->next) {
		if (!p->text)	/* prompts of config and menuconfig entries */
			continue;
		p->cond_tri = expr_val(sym, p->cond);
		/* before 6.11: a tristate member at m is hidden when its choice is y */
		if (t->lang->choice && sym->choice_sym && sym->type == KC_TRISTATE &&
		    p->cond_tri == KC_M && sym->choice_sym->curr.tri == KC_Y)
			p->cond_tri = KC_N;
		tri = kc_tri_or(tri, p->cond_tri);
	}
	if (tri == KC_M && (sym->type != KC_TRISTATE || t->modules_val == KC_N))
		tri = KC_Y;
	sym->visible = tri;
	if (kc_sym_is_choice_value(sym))
		return;
	tri = sym->dir_dep ? expr_val(sym, sym->dir_dep) : KC_Y;
	if (tri == KC_M && kc_sym_get_type(sym) == KC_BOOL)
		tri = KC_Y;
	sym->dir_dep_tri = tri;
	tri = sym->rev_dep ? expr_val(sym, sym->rev_dep) : KC_N;
	if (tri == KC_M && kc_sym_get_type(sym) == KC_BOOL)
		tri = KC_Y;
	sym->rev_dep_tri = tri;
	tri = sym->implied ? expr_val(sym, sym->implied) : KC_N;
	if (tri == KC_M && kc_sym_get_type(sym) == KC_BOOL)
		tri = KC_Y;
	sym->implied_tri = tri;
}

#define for_each_sub_entry(m, root) \
	for ((m) = kc_menu_walk((root), (root)); (m); (m) = kc_menu_walk((m), (root)))

struct kc_symbol *
kc_choice_default(struct kc_menu *choice)
{
	struct kc_prop *p;
	struct kc_menu *m;

	if (choice->sym->tree->lang->choice) {
		size_t i;

		for (p = choice->sym->props; p; p = p->next) {
			if (p->type != KC_P_DEFAULT)
				continue;
			p->cond_tri = kc_expr_calc(p->cond);
			if (p->cond_tri != KC_N && p->expr->left.sym->visible != KC_N)
				return p->expr->left.sym;
		}
		for (i = 0; i < choice->nmembers; i++)
			if (choice->members[i]->visible != KC_N)
				return choice->members[i];
		return NULL;
	}
	for (p = choice->sym->props; p; p = p->next) {
		struct kc_symbol *d;

		if (p->type != KC_P_DEFAULT)
			continue;
		p->cond_tri = expr_val(choice->sym, p->cond);
		if (p->cond_tri == KC_N)
			continue;
		d = p->expr->left.sym;
		if (d->visible != KC_N)
			return d;
	}
	for_each_sub_entry(m, choice)
		if (m->sym && m->sym->visible != KC_N)
			return m->sym;
	return NULL;
}

static bool
has_user(const struct kc_symbol *s)
{
	return s->flags & KC_SYM_DEF_USER;
}

/* Decide the chosen member: user 'y' by priority, the default unless the user
 * said n to it, the first member the user did not set, else the weakest n. */
static struct kc_symbol *
calc_choice(struct kc_menu *choice)
{
	struct kc_tree *t = choice->sym->tree;
	struct kc_symbol *res = NULL, *s;
	struct kc_menu *m;
	size_t i;

	/*
	 * conf stops at the first member the user set to y, leaving the later
	 * ones with the visibility of an earlier evaluation; in a fresh conf that
	 * is "not visible yet" and they are settled later. Computing all of them
	 * gives conf's result and stays right when a tree is evaluated again
	 * (another config, what-if planning).
	 */
	for (i = 0; i < choice->nmembers; i++) {
		s = choice->members[i];
		kc_sym_calc_visibility(s);
		if (!res && s->visible != KC_N && has_user(s) && s->user.tri == KC_Y)
			res = s;
	}
	if (!res) {
		res = kc_choice_default(choice);
		if (res && has_user(res) && res->user.tri == KC_N)
			res = NULL;
	}
	if (!res) {
		for_each_sub_entry(m, choice) {
			s = m->sym;
			if (!s || s->visible == KC_N || has_user(s))
				continue;
			res = s;
			break;
		}
	}
	for (i = choice->nmembers; !res && i-- > 0;) {
		s = choice->members[i];
		if (s->visible != KC_N)
			res = s;
	}
	for_each_sub_entry(m, choice) {
		s = m->sym;
		if (!s || s->visible == KC_N)
			continue;
		s->curr.tri = s == res ? KC_Y : KC_N;
		s->curr.val = tri_str[s->curr.tri];
		s->origin = KC_FROM_CHOICE;
		s->valid = t->epoch;
		s->flags |= KC_SYM_WRITE;
	}
	return res;
}

static void
calc_tristate(struct kc_symbol *sym, struct kc_value *nv)
{
	struct kc_menu *choice = kc_sym_choice_menu(sym);
	struct kc_prop *p;

	if (choice) {
		calc_choice(choice);
		nv->tri = sym->curr.tri;
		sym->origin = KC_FROM_CHOICE;
		goto out;
	}
	sym->origin = KC_FROM_NONE;
	if (sym->visible != KC_N && has_user(sym)) {
		nv->tri = kc_tri_and(sym->user.tri, sym->visible);
		sym->origin = KC_FROM_USER;
		goto calc_newval;
	}
	if (sym->rev_dep_tri != KC_N)
		sym->flags |= KC_SYM_WRITE;
	if (sym->name) {
		p = default_prop(sym);
		if (p) {
			nv->tri = kc_tri_and(expr_val(sym, p->expr), p->cond_tri);
			if (nv->tri != KC_N) {
				sym->flags |= KC_SYM_WRITE;
				sym->origin = KC_FROM_DEFAULT;
			}
		}
		if (sym->implied_tri != KC_N) {
			enum kc_tristate before = nv->tri;

			sym->flags |= KC_SYM_WRITE;
			nv->tri = kc_tri_or(nv->tri, sym->implied_tri);
			nv->tri = kc_tri_and(nv->tri, sym->dir_dep_tri);
			if (nv->tri > before)
				sym->origin = KC_FROM_IMPLY;
		}
	}
calc_newval:
	if (sym->dir_dep_tri < sym->rev_dep_tri && !(sym->flags & KC_SYM_UNMET)) {
		sym->flags |= KC_SYM_UNMET;
		kc_diag_add(sym->tree, KC_WARNING, NULL, 0, 0,
			    "unmet direct dependencies detected for %s", sym->name);
	}
	if (sym->rev_dep_tri > nv->tri)
		sym->origin = KC_FROM_SELECT;
	nv->tri = kc_tri_or(nv->tri, sym->rev_dep_tri);
out:
	if (nv->tri == KC_M && kc_sym_get_type(sym) == KC_BOOL)
		nv->tri = KC_Y;
	nv->val = tri_str[nv->tri];
}

static void
calc_string(struct kc_symbol *sym, struct kc_value *nv)
{
	struct kc_prop *p;

	sym->origin = KC_FROM_NONE;
	if (sym->visible != KC_N && has_user(sym)) {
		nv->val = sym->user.val;
		sym->origin = KC_FROM_USER;
		return;
	}
	p = default_prop(sym);
	if (p && p->expr->type == KC_E_SYMBOL) {
		struct kc_symbol *ds = p->expr->left.sym;

		sym->flags |= KC_SYM_WRITE;
		kc_sym_calc(ds);
		nv->val = ds->curr.val;
		sym->origin = KC_FROM_DEFAULT;
	}
}

/*
 * 6.18: a symbol without a user value whose default is just a transitional
 * symbol that has one takes its value as a user value, so the renamed option
 * is not asked for again and keeps the old name's setting from now on.
 */
static void
carry_transitional(struct kc_symbol *sym, const struct kc_value *nv)
{
	struct kc_prop *p;
	struct kc_symbol *ds;

	if (has_user(sym) || !sym->name || kc_sym_choice_menu(sym))
		return;
	p = default_prop(sym);
	if (!p || p->expr->type != KC_E_SYMBOL)
		return;
	ds = p->expr->left.sym;
	if (!(ds->flags & KC_SYM_TRANS) || !has_user(ds))
		return;
	/* a user value set while computing: a checkpoint must be able to take it back */
	kc_incr_user_will_change(sym);
	sym->user = *nv;
	if (sym->visible != KC_N)
		sym->origin = KC_FROM_USER;	/* what computing it again says from now on */
	sym->flags |= KC_SYM_DEF_USER;
	sym->user_file = ds->user_file;
	sym->user_line = ds->user_line;
}

void
kc_sym_calc(struct kc_symbol *sym)
{
	struct kc_tree *t;
	struct kc_value nv, old;

	if (!sym || is_yesmodno(sym))
		return;
	t = sym->tree;
	if (sym->valid == t->epoch)
		return;
	sym->valid = t->epoch;
	old = sym->curr;
	nv.tri = KC_N;
	switch (sym->type) {
	case KC_INT:
		nv.val = kc_lang_has(t, KC_LANG_INT_EMPTY) ? "" : "0";
		break;
	case KC_HEX:
		nv.val = kc_lang_has(t, KC_LANG_INT_EMPTY) ? "" : "0x0";
		break;
	case KC_STRING:
		nv.val = "";
		break;
	case KC_BOOL:
	case KC_TRISTATE:
		nv.val = "n";
		break;
	default:
		sym->curr.val = sym->name ? sym->name : "";
		sym->curr.tri = KC_N;
		return;
	}
	sym->flags &= ~KC_SYM_WRITE;
	kc_sym_calc_visibility(sym);
	if (sym->visible != KC_N)
		sym->flags |= KC_SYM_WRITE;
	/* the value seen if this symbol is reached again while computing itself */
	sym->curr = nv;
	switch (kc_sym_get_type(sym)) {
	case KC_BOOL:
	case KC_TRISTATE:
		if (t->lang->choice)
			t->lang->choice->calc_tristate(sym, &nv);
		else
			calc_tristate(sym, &nv);
		nv.val = tri_str[nv.tri];
		break;
	default:
		calc_string(sym, &nv);
		break;
	}
	if (kc_lang_has(t, KC_LANG_TRANSITIONAL))
		carry_transitional(sym, &nv);
	sym->curr = nv;
	if (validate_range(sym))
		sym->origin = KC_FROM_RANGE;
	if (sym == t->modules_sym && old.tri != sym->curr.tri)
		t->modules_val = sym->curr.tri;
	if (t->lang->choice)
		t->lang->choice->after_calc(sym);
	else if (!sym->name)
		sym->flags &= ~KC_SYM_WRITE;
	if (sym->flags & (KC_SYM_TRANS | KC_SYM_NO_WRITE))
		sym->flags &= ~KC_SYM_WRITE;
}

/*
 * 6.18+: while an old (transitional) name has a user value, compute every
 * symbol now, as conf does right after reading a config, so each symbol that
 * takes its value over (carry_transitional) does it in this state and not
 * whenever it happens to be asked later (incr.c relies on it too).
 */
void
kc_tree_carry_transitional(struct kc_tree *t)
{
	size_t i;

	if (!kc_lang_has(t, KC_LANG_TRANSITIONAL))
		return;
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		if ((s->flags & KC_SYM_TRANS) && has_user(s))
			break;
	}
	if (i == t->all_syms.n)
		return;
	for (i = 0; i < t->all_syms.n; i++)
		kc_sym_calc(t->all_syms.v[i]);
}

void
kc_tree_invalidate(struct kc_tree *t)
{
	kc_incr_before_full(t);
	t->epoch++;
	t->changed = true;
	t->conf_changed = true;
	if (t->modules_sym)
		kc_sym_calc(t->modules_sym);
}

bool
kc_sym_str_valid(enum kc_type type, const char *str)
{
	const char *s = str;
	signed char ch;

	switch (type) {
	case KC_STRING:
		return true;
	case KC_INT:
		ch = *s++;
		if (ch == '-')
			ch = *s++;
		if (!isdigit((unsigned char)ch))
			return false;
		if (ch == '0' && *s != 0)
			return false;
		while ((ch = *s++))
			if (!isdigit((unsigned char)ch))
				return false;
		return true;
	case KC_HEX:
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
			s += 2;
		ch = *s++;
		do {
			if (!isxdigit((unsigned char)ch))
				return false;
		} while ((ch = *s++));
		return true;
	case KC_BOOL:
	case KC_TRISTATE:
		switch (str[0]) {
		case 'y': case 'Y': case 'm': case 'M': case 'n': case 'N':
			return true;
		}
		return false;
	default:
		return false;
	}
}

/* The value savedefconfig compares against: what the symbol would be with no user value. */
const char *
kc_sym_string_default(struct kc_symbol *sym)
{
	struct kc_tree *t = sym->tree;
	struct kc_prop *p;
	const char *str = "";
	enum kc_tristate val;

	kc_sym_calc_visibility(sym);
	if (t->modules_sym)
		kc_sym_calc(t->modules_sym);
	val = KC_N;
	p = default_prop(sym);
	if (p) {
		if (sym->type == KC_BOOL || sym->type == KC_TRISTATE) {
			val = kc_tri_and(kc_expr_calc(p->expr), p->cond_tri);
		} else if (p->expr->type == KC_E_SYMBOL) {
			kc_sym_calc(p->expr->left.sym);
			str = p->expr->left.sym->curr.val;
		}
	}
	val = kc_tri_or(val, sym->rev_dep_tri);
	if (val == KC_M && !kc_sym_is_choice_value(sym) &&
	    (!t->modules_sym || t->modules_sym->curr.tri == KC_N))
		val = KC_Y;
	if (sym->type == KC_BOOL && val == KC_M)
		val = KC_Y;
	if (val < sym->implied_tri)
		val = sym->implied_tri;
	switch (sym->type) {
	case KC_BOOL:
	case KC_TRISTATE:
		return tri_str[val];
	case KC_INT:
		return str[0] || kc_lang_has(t, KC_LANG_INT_EMPTY) ? str : "0";
	case KC_HEX:
		return str[0] || kc_lang_has(t, KC_LANG_INT_EMPTY) ? str : "0x0";
	default:
		return str;
	}
}

void
kc_choice_move_front(struct kc_menu *choice, struct kc_symbol *sym)
{
	size_t i;

	for (i = 0; i < choice->nmembers; i++)
		if (choice->members[i] == sym)
			break;
	if (i == choice->nmembers)
		return;
	memmove(choice->members + 1, choice->members, i * sizeof(*choice->members));
	choice->members[0] = sym;
}

/* ---- public API ----------------------------------------------------------- */

size_t
kc_tree_nsyms(const struct kc_tree *t)
{
	return t->named.n;
}

struct kc_symbol *
kc_tree_sym(const struct kc_tree *t, size_t i)
{
	return i < t->named.n ? t->named.v[i] : NULL;
}

struct kc_symbol *
kc_tree_modules_sym(const struct kc_tree *t)
{
	return t->modules_sym;
}

const char *
kc_sym_name(const struct kc_symbol *s)
{
	return s->name;
}

enum kc_type
kc_sym_type(const struct kc_symbol *s)
{
	return s->type;
}

const char *
kc_type_name(enum kc_type t)
{
	static const char *const names[] = { "unknown", "bool", "tristate", "int", "hex",
					      "string" };

	return t <= KC_STRING ? names[t] : "???";
}

bool
kc_sym_is_choice(const struct kc_symbol *s)
{
	return s->name == NULL;
}

bool
kc_sym_is_const(const struct kc_symbol *s)
{
	return s->flags & KC_SYM_CONST || is_yesmodno(s);
}

bool
kc_sym_defined(const struct kc_symbol *s)
{
	return s->flags & KC_SYM_DEFINED;
}

enum kc_tristate
kc_sym_tristate(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->curr.tri;
}

const char *
kc_sym_string(struct kc_symbol *s)
{
	kc_sym_calc(s);
	if (s->type == KC_BOOL || s->type == KC_TRISTATE)
		return tri_str[s->curr.tri];
	return s->curr.val;
}

enum kc_tristate
kc_sym_visibility(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->visible;
}

enum kc_tristate
kc_sym_dir_dep_value(struct kc_symbol *s)
{
	kc_sym_calc(s);
	if (kc_sym_is_choice_value(s))
		return kc_expr_calc(s->dir_dep);
	return s->dir_dep_tri;
}

enum kc_tristate
kc_sym_rev_dep_value(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->rev_dep_tri;
}

enum kc_tristate
kc_sym_implied_value(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->implied_tri;
}

bool
kc_sym_written(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->name && s->type != KC_UNKNOWN && (s->flags & KC_SYM_WRITE);
}

unsigned
kc_sym_assignable(struct kc_symbol *s)
{
	enum kc_type type;
	unsigned mask = 0;
	int v;

	kc_sym_calc(s);
	type = kc_sym_get_type(s);
	if (s->visible == KC_N || (type != KC_BOOL && type != KC_TRISTATE) || !s->name)
		return 0;
	if (kc_sym_is_choice_value(s))
		return 1u << KC_Y;
	if (s->visible <= s->rev_dep_tri)
		return 0;
	for (v = KC_N; v <= KC_Y; v++) {
		if (type == KC_BOOL && v == KC_M)
			continue;
		if (v >= (int)s->rev_dep_tri && v <= (int)s->visible)
			mask |= 1u << v;
	}
	return mask;
}

bool
kc_sym_changeable(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->name && s->visible > s->rev_dep_tri;
}

enum kc_origin
kc_sym_origin(struct kc_symbol *s)
{
	kc_sym_calc(s);
	return s->origin;
}

const char *
kc_origin_name(enum kc_origin o)
{
	static const char *const names[] = { "none", "user", "default", "select", "imply",
					      "choice", "range" };

	return o <= KC_FROM_RANGE ? names[o] : "?";
}

bool
kc_sym_has_user_value(const struct kc_symbol *s)
{
	return has_user(s);
}

bool
kc_sym_is_transitional(const struct kc_symbol *s)
{
	return s->flags & KC_SYM_TRANS;
}

/* The successor is the symbol with a default that is just the old name. */
struct kc_symbol *
kc_sym_renamed_to(struct kc_symbol *s)
{
	struct kc_tree *t = s->tree;
	size_t i;

	if (!kc_sym_is_transitional(s))
		return NULL;
	for (i = 0; i < t->named.n; i++) {
		struct kc_symbol *n = t->named.v[i];
		struct kc_prop *p;

		for (p = n->props; p; p = p->next)
			if (p->type == KC_P_DEFAULT && p->expr->type == KC_E_SYMBOL &&
			    p->expr->left.sym == s)
				return n;
	}
	return NULL;
}

struct kc_symbol *
kc_sym_renamed_from(struct kc_symbol *s)
{
	struct kc_prop *p;

	if (!s->name || kc_sym_choice_menu(s))
		return NULL;
	kc_sym_calc(s);
	p = default_prop(s);
	if (!p || p->expr->type != KC_E_SYMBOL || !kc_sym_is_transitional(p->expr->left.sym))
		return NULL;
	return p->expr->left.sym;
}

const char *
kc_sym_user_string(const struct kc_symbol *s)
{
	if (!has_user(s))
		return NULL;
	if (s->type == KC_BOOL || s->type == KC_TRISTATE)
		return tri_str[s->user.tri];
	return s->user.val;
}

const char *
kc_sym_user_file(const struct kc_symbol *s, int *line)
{
	if (line)
		*line = s->user_line;
	return s->user_file;
}

/*
 * User strings live in the tree's arena, never freed before the tree: a
 * computed value may point at one (curr.val), and callers keep computed
 * states across reads (what-if evaluation), so a freed string would dangle.
 * Editing a string many times costs a few bytes each time.
 */
static void
set_user_string(struct kc_symbol *s, const char *v)
{
	s->user.val = kc_arena_strdup(&s->tree->arena, v);
}

enum kc_status
kc_sym_set_user_raw(struct kc_symbol *s, const char *value)
{
	kc_incr_user_will_change(s);
	switch (s->type) {
	case KC_TRISTATE:
		if (value[0] == 'm') {
			s->user.tri = KC_M;
			break;
		}
		/* fallthrough */
	case KC_BOOL:
		if (value[0] == 'y')
			s->user.tri = KC_Y;
		else if (value[0] == 'n')
			s->user.tri = KC_N;
		else
			return KC_EINVAL;
		break;
	case KC_INT:
	case KC_HEX:
	case KC_STRING:
		if (!kc_sym_str_valid(s->type, value))
			return KC_EINVAL;
		set_user_string(s, value);
		break;
	default:
		return KC_ENOSYM;
	}
	s->flags |= KC_SYM_DEF_USER;
	s->user_file = NULL;
	s->user_line = 0;
	kc_incr_changed(s);
	return KC_OK;
}

void
kc_sym_put_user(struct kc_symbol *s, const char *value, struct kc_symbol *const *order)
{
	struct kc_menu *choice = order ? kc_sym_choice_menu(s) : NULL;

	kc_incr_user_will_change(s);
	s->user_file = NULL;
	s->flags &= ~KC_SYM_DEF_USER;
	if (value && (s->type == KC_BOOL || s->type == KC_TRISTATE))
		s->user.tri = value[0] == 'y' ? KC_Y : value[0] == 'm' ? KC_M : KC_N;
	else if (value)
		set_user_string(s, value);
	if (value)
		s->flags |= KC_SYM_DEF_USER;
	if (choice && memcmp(order, choice->members, choice->nmembers * sizeof(*order))) {
		kc_incr_order_will_change(choice);
		memcpy(choice->members, order, choice->nmembers * sizeof(*order));
	}
	/* one update: the member's cone holds its choice */
	kc_incr_changed(s);
}

void
kc_sym_unset(struct kc_symbol *s)
{
	kc_incr_user_will_change(s);
	s->flags &= ~KC_SYM_DEF_USER;
	s->user_file = NULL;
	kc_incr_changed(s);
}

/* Choose a member, as menuconfig does: it becomes y, the others n, all with
 * top priority (the last one moved to the front is the chosen one). */
static void
choice_set(struct kc_menu *choice, struct kc_symbol *sym)
{
	struct kc_menu *m;

	if (sym->tree->lang->choice) {
		struct kc_symbol *cs = choice->sym;
		size_t i;

		kc_incr_user_will_change(cs);
		cs->user_sel = sym;
		cs->user.tri = KC_Y;
		cs->flags |= KC_SYM_DEF_USER;
		for (i = 0; i < choice->nmembers; i++) {
			struct kc_symbol *s = choice->members[i];

			if (s->visible == KC_N)
				continue;
			kc_incr_user_will_change(s);
			s->user.tri = s == sym ? KC_Y : KC_N;
			s->flags |= KC_SYM_DEF_USER;
			s->user_file = NULL;
		}
		/* the choice and its members are one group of the index */
		kc_incr_changed(cs);
		return;
	}

	kc_incr_order_will_change(choice);
	for_each_sub_entry(m, choice) {
		struct kc_symbol *s = m->sym;

		if (!s || s->visible == KC_N)
			continue;
		kc_incr_user_will_change(s);
		s->user.tri = s == sym ? KC_Y : KC_N;
		s->flags |= KC_SYM_DEF_USER;
		s->user_file = NULL;
		kc_choice_move_front(choice, s);
	}
	/* the chosen one must end up first */
	kc_choice_move_front(choice, sym);
	/* a choice is one group in the index: its symbol's cone holds every member */
	kc_incr_changed(choice->sym);
}

enum kc_status
kc_sym_set_tristate(struct kc_symbol *s, enum kc_tristate v)
{
	struct kc_menu *choice;

	if (!s->name || (s->type != KC_BOOL && s->type != KC_TRISTATE))
		return KC_EINVAL;
	kc_sym_calc(s);
	choice = kc_sym_choice_menu(s);
	if (choice) {
		if (v != KC_Y || s->visible == KC_N)
			return s->visible == KC_N ? KC_ENOTVISIBLE : KC_EINVAL;
		choice_set(choice, s);
		return KC_OK;
	}
	if (!(kc_sym_assignable(s) & (1u << v)))
		return s->visible == KC_N || s->visible <= s->rev_dep_tri ? KC_ENOTVISIBLE
									 : KC_ERANGE;
	kc_incr_user_will_change(s);
	s->user.tri = v;
	s->flags |= KC_SYM_DEF_USER;
	s->user_file = NULL;
	kc_incr_changed(s);
	return KC_OK;
}

bool
kc_sym_range(struct kc_symbol *s, long long *lo, long long *hi)
{
	struct kc_prop *p;
	int base = s->type == KC_HEX ? 16 : 10;

	if (s->type != KC_INT && s->type != KC_HEX)
		return false;
	kc_sym_calc(s);
	p = range_prop(s);
	if (!p)
		return false;
	*lo = range_val(p->expr->left.sym, base);
	*hi = range_val(p->expr->right.sym, base);
	return true;
}

enum kc_status
kc_sym_set_string(struct kc_symbol *s, const char *value)
{
	long long lo, hi, v;

	if (s->type == KC_BOOL || s->type == KC_TRISTATE) {
		switch (value[0]) {
		case 'y': case 'Y':
			return kc_sym_set_tristate(s, KC_Y);
		case 'm': case 'M':
			return kc_sym_set_tristate(s, KC_M);
		case 'n': case 'N':
			return kc_sym_set_tristate(s, KC_N);
		}
		return KC_EINVAL;
	}
	if (s->type != KC_INT && s->type != KC_HEX && s->type != KC_STRING)
		return KC_EINVAL;
	kc_sym_calc(s);
	if (s->visible == KC_N)
		return KC_ENOTVISIBLE;
	if (!kc_sym_str_valid(s->type, value))
		return KC_EINVAL;
	if (kc_sym_range(s, &lo, &hi)) {
		v = strtoll(value, NULL, s->type == KC_HEX ? 16 : 10);
		if (v < lo || v > hi)
			return KC_ERANGE;
	}
	kc_incr_user_will_change(s);
	if (s->type == KC_HEX && !(value[0] == '0' && (value[1] == 'x' || value[1] == 'X'))) {
		char *p = kc_xasprintf("0x%s", value);

		set_user_string(s, p);
		free(p);
	} else {
		set_user_string(s, value);
	}
	s->flags |= KC_SYM_DEF_USER;
	s->user_file = NULL;
	kc_incr_changed(s);
	return KC_OK;
}

struct kc_expr *
kc_sym_dir_dep(const struct kc_symbol *s)
{
	return s->dir_dep;
}

struct kc_expr *
kc_sym_rev_dep(const struct kc_symbol *s)
{
	return s->rev_dep;
}

struct kc_expr *
kc_sym_implied(const struct kc_symbol *s)
{
	return s->implied;
}

size_t
kc_sym_nmenus(const struct kc_symbol *s)
{
	return s->menus.n;
}

struct kc_menu *
kc_sym_menu(const struct kc_symbol *s, size_t i)
{
	return i < s->menus.n ? s->menus.v[i] : NULL;
}

struct kc_menu *
kc_sym_choice(const struct kc_symbol *s)
{
	return kc_sym_choice_menu(s);
}

struct kc_symbol *const *
kc_choice_order(const struct kc_menu *choice, size_t *n)
{
	*n = choice->is_choice ? choice->nmembers : 0;
	return *n ? choice->members : NULL;
}

unsigned
kc_sym_id(const struct kc_symbol *s)
{
	return s->id;
}

size_t
kc_tree_nsyms_all(const struct kc_tree *t)
{
	return t->all_syms.n;
}

struct kc_prop *
kc_sym_props(const struct kc_symbol *s)
{
	return s->props;
}

size_t
kc_sym_nselectors(const struct kc_symbol *s)
{
	return s->selectors.n;
}

struct kc_prop *
kc_sym_selector(const struct kc_symbol *s, size_t i)
{
	return i < s->selectors.n ? s->selectors.v[i] : NULL;
}

/* conf's sym_find, for the .config reader. */
struct kc_symbol *kc_sym_find_exact(struct kc_tree *t, const char *name);
struct kc_symbol *
kc_sym_find_exact(struct kc_tree *t, const char *name)
{
	return sym_find_exact(t, name);
}

bool
kc_sym_string_valid(const struct kc_symbol *s, const char *value)
{
	return kc_sym_str_valid(s->type, value);
}

enum kc_type
kc_sym_shown_type(struct kc_symbol *s)
{
	if (s->tree->modules_sym)
		kc_sym_calc(s->tree->modules_sym);
	return kc_sym_get_type(s);
}
