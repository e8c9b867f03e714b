/* confmodes.c - conf's remaining modes: listnewconfig, the tristate rewrites
 * (yes2mod, mod2yes, mod2no) and randconfig, with conf's random sequence. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/confmodes.h"
#include "core.h"

/* ---- listnewconfig / the symbols oldconfig asks about ------------------- */

/* conf's sym_is_changeable: visible above what selects force. A choice
 * counts only before 6.11, where it has a value of its own. */
static bool
changeable(struct kc_symbol *s)
{
	if (!s->name && !s->tree->lang->choice)
		return false;
	kc_sym_calc(s);
	return s->visible > s->rev_dep_tri;
}

/* conf's "new" symbol: no value in the config, and the user could change it. */
static bool
is_new(struct kc_symbol *s)
{
	return s && !(s->flags & KC_SYM_DEF_USER) && changeable(s);
}

/* conf_read evaluates every symbol before anything looks at them. */
static void
calc_all(struct kc_tree *t)
{
	size_t i;

	for (i = 0; i < t->all_syms.n; i++)
		kc_sym_calc(t->all_syms.v[i]);
}

/*
 * Before 6.11 a choice is a symbol with a value: right after reading the
 * config conf counts a visible choice without one as new when it is
 * changeable, i.e. above its implicit "<visibility> && m" select (never n
 * when not optional).
 */
static bool
legacy_choice_new(struct kc_symbol *s)
{
	enum kc_tristate floor;

	if (!s || s->name || !s->tree->lang->choice || s->flags & KC_SYM_DEF_USER)
		return false;
	kc_sym_calc(s);
	floor = s->optional ? KC_N : KC_M;
	return s->visible > floor;
}

/*
 * conf's check_conf walks the menu tree depth first and does not enter an
 * invisible entry; a choice symbol (no name) counts as an entry but is never
 * listed by listnewconfig.
 */
static void
collect_new(struct kc_menu *m, struct kc_vec *out)
{
	struct kc_menu *c;

	if (!kc_menu_is_visible(m))
		return;
	if (is_new(m->sym) || legacy_choice_new(m->sym))
		kc_vec_push(out, m);
	for (c = m->list; c; c = c->next)
		collect_new(c, out);
}

size_t
kc_new_menus(struct kc_tree *t, struct kc_menu ***out)
{
	struct kc_vec v = { 0 };
	struct kc_menu *c;

	calc_all(t);
	for (c = t->root.list; c; c = c->next)
		collect_new(c, &v);
	*out = (struct kc_menu **)v.v;
	return v.n;
}

/* One line as conf prints it for listnewconfig: n too as "=n". */
static void
put_symbol_line(struct kc_buf *b, struct kc_symbol *s)
{
	const char *val = kc_sym_string(s), *p;

	kc_buf_printf(b, "CONFIG_%s=", s->name);
	if (s->type != KC_STRING) {
		kc_buf_printf(b, "%s\n", val);
		return;
	}
	kc_buf_putc(b, '"');
	for (p = val; *p; p++) {
		if (*p == '"' || *p == '\\')
			kc_buf_putc(b, '\\');
		kc_buf_putc(b, *p);
	}
	kc_buf_puts(b, "\"\n");
}

char *
kc_newconfig_str(struct kc_tree *t)
{
	struct kc_buf b = { 0 };
	struct kc_menu **ms;
	size_t i, n = kc_new_menus(t, &ms);

	kc_buf_puts(&b, "");
	for (i = 0; i < n; i++)
		if (ms[i]->sym->name)
			put_symbol_line(&b, ms[i]->sym);
	free(ms);
	return kc_buf_steal(&b);
}

/* ---- yes2modconfig, mod2yesconfig, mod2noconfig ------------------------- */

/* The modes some supported trees' conf lacks (5.10's has every other one). */
static const struct {
	const char *name;
	unsigned feature;	/* KC_LANG_* the tree's language has when conf has it */
	const char *since;
} late_modes[] = {
	{ "mod2noconfig", KC_LANG_MOD2NOCONFIG, "5.17" },
};

const char *
kc_conf_mode_since(const struct kc_tree *t, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(late_modes) / sizeof(late_modes[0]); i++)
		if (!strcmp(late_modes[i].name, name) && !kc_lang_has(t, late_modes[i].feature))
			return late_modes[i].since;
	return NULL;
}

/*
 * conf evaluated every symbol when it read the config, and the rewrite only
 * marks values stale. Computing a choice then refreshes the visibility of the
 * member being computed and of the members ranked up to the chosen one; the
 * others keep the visibility of the first evaluation, and one that was
 * visible then is written ("is not set") even if its prompt is gone now
 * (mod2noconfig on Debian's config: DEFAULT_CODEL once NET_SCH_CODEL is n).
 * Linux 6.11 and later; conf computes the first member in menu order first.
 */
static void
stale_choice_members(struct kc_tree *t, const enum kc_tristate *before)
{
	size_t i, j;

	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *cs = t->all_syms.v[i];
		struct kc_menu *cm, *first;

		if (cs->name || !cs->menus.n || t->lang->choice)
			continue;
		cm = cs->menus.v[0];
		for (first = cm->list; first && !first->sym; first = first->next)
			;
		for (j = 0; j < cm->nmembers; j++) {
			struct kc_symbol *s = cm->members[j];

			if (s->curr.tri == KC_Y && s->flags & KC_SYM_DEF_USER && s->user.tri == KC_Y)
				break;
		}
		for (j++; j < cm->nmembers; j++) {
			struct kc_symbol *s = cm->members[j];
			size_t k;

			for (k = 0; t->all_syms.v[k] != s; k++)
				;
			if ((!first || s != first->sym) && before[k] != KC_N && s->curr.tri == KC_N)
				s->flags |= KC_SYM_WRITE;
		}
	}
}

void
kc_rewrite_tristates(struct kc_tree *t, enum kc_tristate from, enum kc_tristate to)
{
	enum kc_tristate *before = kc_xcalloc(t->all_syms.n + 1, sizeof(*before));
	size_t i;

	/* conf asks for the type in effect, which depends on the values */
	calc_all(t);
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];

		before[i] = s->visible;
		/* conf looks at the stored user value whether or not it is in use */
		if (kc_sym_get_type(s) == KC_TRISTATE && s->user.tri == from)
			s->user.tri = to;
	}
	kc_tree_invalidate(t);
	calc_all(t);
	stale_choice_members(t, before);
	free(before);
}

/* ---- randconfig ---------------------------------------------------------- */

/*
 * The generator behind glibc's rand() (random() with its default 128-byte
 * state): an additive lagged Fibonacci generator r[i] = r[i-3] + r[i-31],
 * seeded by a Park-Miller sequence, the first 310 outputs dropped, each
 * output shifted right by one. Our own copy keeps the library free of global
 * state and gives conf's sequence for a given KCONFIG_SEED.
 */
struct kc_rand {
	uint32_t r[34];
	unsigned i;
};

static int32_t
park_miller(int32_t x)
{
	/* 16807 * x mod (2^31 - 1) without overflow (Schrage's method) */
	int32_t hi = x / 127773, lo = x % 127773;
	int32_t v = 16807 * lo - 2836 * hi;

	return v < 0 ? v + 2147483647 : v;
}

static uint32_t
rand_step(struct kc_rand *g)
{
	unsigned k = g->i % 34;
	uint32_t v = g->r[(k + 34 - 31) % 34] + g->r[(k + 34 - 3) % 34];

	g->r[k] = v;
	g->i++;
	return v;
}

static void
rand_seed(struct kc_rand *g, unsigned seed)
{
	unsigned i;

	g->r[0] = seed ? seed : 1;
	for (i = 1; i < 31; i++)
		g->r[i] = (uint32_t)park_miller((int32_t)g->r[i - 1]);
	for (i = 31; i < 34; i++)
		g->r[i] = g->r[i - 31];
	g->i = 34;
	for (i = 0; i < 310; i++)
		rand_step(g);
}

static int
rand_next(struct kc_rand *g)
{
	return (int)(rand_step(g) >> 1);
}

/* KCONFIG_PROBABILITY: "Y", "Y:M" (tristates) or "B:Y:M", each 0..100. */
static enum kc_status
parse_probability(const char *env, int *pby, int *pty, int *ptm)
{
	int p[3], n = 0;

	while (env && *env && n < 3) {
		char *end;
		long v = strtol(env, &end, 10);

		if (v < 0 || v > 100)
			return KC_ERANGE;
		p[n++] = (int)v;
		env = *end == ':' ? end + 1 : end;
	}
	if (n == 1) {
		*pby = p[0];
		*ptm = p[0] / 2;
		*pty = p[0] - *ptm;
	} else if (n == 2) {
		*pty = p[0];
		*ptm = p[1];
		*pby = p[0] + p[1];
	} else if (n == 3) {
		*pby = p[0];
		*pty = p[1];
		*ptm = p[2];
	}
	return *pty + *ptm > 100 ? KC_ERANGE : KC_OK;
}

/* Move a choice member to the end of the priority list: a random pick ranks
 * below the members KCONFIG_ALLCONFIG set. */
static void
choice_move_back(struct kc_menu *choice, struct kc_symbol *sym)
{
	size_t i;

	for (i = 0; i < choice->nmembers && choice->members[i] != sym; i++)
		;
	if (i == choice->nmembers)
		return;
	memmove(choice->members + i, choice->members + i + 1,
		(choice->nmembers - i - 1) * sizeof(*choice->members));
	choice->members[choice->nmembers - 1] = sym;
}

/* Members without a value, in menu order, become y one by one in random
 * order; each pick goes to the back, so the first pick ranks highest. */
static void
random_choice(struct kc_rand *g, struct kc_menu *choice)
{
	struct kc_menu *m;
	int cnt = 0, x;

	for (m = kc_menu_walk(choice, choice); m; m = kc_menu_walk(m, choice))
		if (m->sym && !(m->sym->flags & KC_SYM_DEF_USER))
			cnt++;
	for (; cnt > 0; cnt--) {
		x = rand_next(g) % cnt;
		for (m = kc_menu_walk(choice, choice); m; m = kc_menu_walk(m, choice)) {
			if (m->sym && !(m->sym->flags & KC_SYM_DEF_USER))
				x--;
			if (x < 0) {
				m->sym->user.tri = KC_Y;
				m->sym->flags |= KC_SYM_DEF_USER;
				choice_move_back(choice, m->sym);
				break;
			}
		}
	}
}

static enum kc_tristate
random_value(struct kc_rand *g, enum kc_type type, const int prob[3])
{
	int cnt = rand_next(g) % 100;

	if (type == KC_TRISTATE)
		return cnt < prob[1] ? KC_Y : cnt < prob[1] + prob[2] ? KC_M : KC_N;
	return cnt < prob[0] ? KC_Y : KC_N;
}

/* Linux 6.11 and later: one walk of the menu tree, choices in place. */
static void
random_walk(struct kc_tree *t, struct kc_rand *g, const int prob[3])
{
	struct kc_menu *m;

	for (m = kc_menu_walk(&t->root, &t->root); m; m = kc_menu_walk(m, &t->root)) {
		struct kc_symbol *s = m->sym;

		if (!s || !m->prompt || s->flags & KC_SYM_DEF_USER ||
		    (s->type != KC_BOOL && s->type != KC_TRISTATE) || kc_sym_is_choice_value(s))
			continue;
		if (!s->name) {
			random_choice(g, m);
			continue;
		}
		s->user.tri = random_value(g, s->type, prob);
		s->flags |= KC_SYM_DEF_USER;
	}
}

/*
 * Before 6.11 conf walks its symbol hash table: every bool or tristate
 * without a value draws a number (a choice too, which keeps no value, and
 * promptless symbols), then each choice that is y draws its member among all
 * of them (visible or not, in definition order). conf skips the symbols it
 * has evaluated already, none on this path as far as we read conf.c.
 * Reading KCONFIG_ALLCONFIG gives every choice a value in conf (evaluation
 * takes it away later, when a visible member has none): then no choice draws.
 */
static void
random_legacy(struct kc_tree *t, struct kc_rand *g, const int prob[3])
{
	size_t i, j, n;
	struct kc_symbol **order = kc_conf_symbol_order(t, &n);
	bool read = false;

	for (i = 0; i < n && !read; i++)
		read = order[i]->name && order[i]->flags & KC_SYM_DEF_USER;
	for (i = 0; i < n && read; i++)
		if (!order[i]->name)
			order[i]->flags |= KC_SYM_DEF_USER;

	for (i = 0; i < n; i++) {
		struct kc_symbol *s = order[i];
		enum kc_tristate v;

		if (s->flags & KC_SYM_DEF_USER || (s->type != KC_BOOL && s->type != KC_TRISTATE))
			continue;
		v = random_value(g, s->type, prob);
		if (!s->name)
			continue;
		s->user.tri = v;
		s->flags |= KC_SYM_DEF_USER;
	}
	kc_tree_invalidate(t);
	for (i = 0; i < n; i++) {
		struct kc_symbol *cs = order[i];
		struct kc_menu *cm;
		int pick;

		if (cs->name || cs->flags & KC_SYM_DEF_USER || !cs->menus.n)
			continue;
		kc_sym_calc(cs);
		cm = cs->menus.v[0];
		if (!cm->nmembers || cs->curr.tri != KC_Y)
			continue;
		pick = rand_next(g) % (int)cm->nmembers;
		for (j = 0; j < cm->nmembers; j++) {
			struct kc_symbol *s = cm->def_members ? cm->def_members[j] : cm->members[j];

			s->user.tri = (int)j == pick ? KC_Y : KC_N;
			s->flags |= KC_SYM_DEF_USER;
			if ((int)j == pick)
				cs->user_sel = s;
		}
		cs->user.tri = KC_Y;
		cs->flags |= KC_SYM_DEF_USER;
		kc_tree_invalidate(t);
	}
	free(order);
}

enum kc_status
kc_set_all_random(struct kc_tree *t, unsigned seed, const char *probability)
{
	int prob[3] = { 50, 33, 33 };	/* bool y, tristate y, tristate m */
	struct kc_rand g;

	if (parse_probability(probability, &prob[0], &prob[1], &prob[2]) != KC_OK)
		return KC_ERANGE;
	rand_seed(&g, seed);
	if (t->lang->choice)
		random_legacy(t, &g, prob);
	else
		random_walk(t, &g, prob);
	kc_tree_invalidate(t);
	return KC_OK;
}

/* ---- what oldconfig needs to know ------------------------------------------ */

bool
kc_sym_is_new(struct kc_symbol *s)
{
	return is_new(s);
}

bool
kc_sym_is_changeable(struct kc_symbol *s)
{
	return changeable(s);
}

unsigned
kc_choice_assignable(struct kc_symbol *cs)
{
	enum kc_type type;
	unsigned mask = 0;
	int v;

	kc_sym_calc(cs);
	type = kc_sym_get_type(cs);
	if (cs->visible <= cs->rev_dep_tri)
		return 0;
	for (v = KC_N; v <= KC_Y; v++)
		if (!(v == KC_M && type == KC_BOOL) && v >= (int)cs->rev_dep_tri &&
		    v <= (int)cs->visible)
			mask |= 1u << v;
	return mask;
}

bool
kc_tree_legacy_choices(const struct kc_tree *t)
{
	return t->lang->choice != NULL;
}

/* conf_read's verdict: a value in the file differs from the one in effect,
 * or a symbol written now has no value in the file. */
bool
kc_tree_config_changed(struct kc_tree *t)
{
	size_t i;

	calc_all(t);
	for (i = 0; i < t->all_syms.n; i++) {
		struct kc_symbol *s = t->all_syms.v[i];
		bool has = s->flags & KC_SYM_DEF_USER, wr = s->flags & KC_SYM_WRITE;

		if (!s->name || s->type == KC_UNKNOWN)
			continue;
		if (has && wr) {
			if ((s->type == KC_BOOL || s->type == KC_TRISTATE)
				    ? s->user.tri != s->curr.tri
				    : strcmp(s->curr.val, s->user.val))
				return true;
		} else if (has != wr) {
			return true;
		}
	}
	return false;
}
