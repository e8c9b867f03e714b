/* modmap.c - module name <-> Kconfig symbol map: the map, its indexes and queries (the
 * Kbuild reader that fills it is modmap-kbuild.c). */
#include "config.h"

#include <kexplore/modmap.h>
#include <kexplore/upgrade.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "modmap-private.h"

/* ---- small helpers ----------------------------------------------------- */

/* Grow *arr (of *cap elements of size sz) so that it holds at least n. */
void
mm_grow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void **p = arr;

	if (n <= *cap)
		return;
	*cap = *cap ? *cap * 2 : 8;
	if (*cap < n)
		*cap = n;
	*p = kc_xrealloc(*p, *cap * sz);
}

void
mm_buf_reset(struct kc_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

/* ---- the map ----------------------------------------------------------- */

const char *
mm_intern(struct kc_modmap *map, const char *s)
{
	struct kc_strmap_slot *slot;
	char *copy;
	size_t n;

	if (!s)
		return NULL;
	slot = kc_strmap_find(&map->strings, s);
	if (slot)
		return slot->key;
	n = strlen(s) + 1;
	copy = memcpy(kc_arena_alloc(&map->arena, n), s, n);
	kc_strmap_put(&map->strings, copy, 0);
	return copy;
}

const char *
mm_intern_n(struct kc_modmap *map, const char *s, size_t n)
{
	char *tmp = kc_xmalloc(n + 1);
	const char *r;

	memcpy(tmp, s, n);
	tmp[n] = '\0';
	r = mm_intern(map, tmp);
	free(tmp);
	return r;
}

void
mm_add_diag(struct kc_modmap *map, enum kc_level level, const char *file, int line,
	    const char *fmt, ...)
{
	struct kc_diag *d;
	va_list ap;
	char *msg;

	struct kc_buf b = { 0 };

	va_start(ap, fmt);
	kc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	msg = kc_buf_steal(&b);
	mm_grow(&map->diags, &map->capdiags, map->ndiags + 1, sizeof(*map->diags));
	d = &map->diags[map->ndiags++];
	d->level = level;
	d->file = mm_intern(map, file);
	d->line = line;
	d->column = 0;
	d->message = mm_intern(map, msg);
	free(msg);
}

const char **
mm_arena_strv(struct kc_modmap *map, const char *const *v, size_t n)
{
	const char **r = kc_arena_alloc(&map->arena, (n ? n : 1) * sizeof(*r));

	if (n)
		memcpy(r, v, n * sizeof(*r));
	return r;
}

/* Add @s to the string vector (*v, *n) unless already there (interned pointers). */
void
mm_strv_add_unique(const char ***v, size_t *n, size_t *cap, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == s)
			return;
	mm_grow(v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* Normalized module name: '-' becomes '_', a ".ko"/".o" suffix goes. Caller frees. */
char *
mm_norm_name(const char *name)
{
	char *r = kc_xstrdup(name), *p;
	size_t n = strlen(r);

	if (n > 3 && !strcmp(r + n - 3, ".ko"))
		r[n - 3] = '\0';
	else if (n > 2 && !strcmp(r + n - 2, ".o"))
		r[n - 2] = '\0';
	for (p = r; *p; p++)
		if (*p == '-')
			*p = '_';
	return r;
}

bool
kc_modmap_name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
	}
	return *a == *b;
}

/* ---- indexes ----------------------------------------------------------- */

static int
list_new(struct kc_modmap *map)
{
	mm_grow(&map->lists, &map->caplists, map->nlists + 1, sizeof(*map->lists));
	memset(&map->lists[map->nlists], 0, sizeof(*map->lists));
	return (int)map->nlists++;
}

static void
list_add(struct mm_list *l, int v)
{
	mm_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = v;
}

/* Entry rank in a name list: reached modular entries first. */
static int
entry_rank(const struct kc_modmap_entry *e)
{
	return (e->reached ? 0 : 4) + (int)e->kind;
}

static void
index_add(struct kc_modmap *map, struct kc_strmap *h, const char *key, int entry)
{
	struct kc_strmap_slot *slot = kc_strmap_find(h, key);

	if (!slot)
		slot = kc_strmap_put(h, mm_intern(map, key), list_new(map));
	list_add(&map->lists[slot->val], entry);
}

/* Stable insertion sort by rank (lists are short). */
static void
sort_list(struct kc_modmap *map, struct mm_list *l)
{
	size_t i, j;

	for (i = 1; i < l->n; i++) {
		int v = l->v[i];

		for (j = i; j > 0 && entry_rank(&map->entries[l->v[j - 1]]) >
				     entry_rank(&map->entries[v]); j--)
			l->v[j] = l->v[j - 1];
		l->v[j] = v;
	}
}

static void
build_indexes(struct kc_modmap *map)
{
	const struct kc_strmap_slot *s;
	size_t i, j;

	for (i = 0; i < map->nentries; i++) {
		const struct kc_modmap_entry *e = &map->entries[i];
		char *n = mm_norm_name(e->name);

		index_add(map, &map->name_index, n, (int)i);
		free(n);
		for (j = 0; j < e->nsyms; j++)
			index_add(map, &map->sym_index, e->syms[j], (int)i);
	}
	kc_strmap_for_each(s, &map->name_index) {
		sort_list(map, &map->lists[s->val]);
		if (map->entries[map->lists[s->val].v[0]].kind != KC_MOD_BUILTIN)
			map->stats.modules++;
	}
	map->stats.entries = map->nentries;
}

/* ---- public API -------------------------------------------------------- */

static char *
host_srcarch(void)
{
	struct utsname u;

	if (uname(&u) != 0)
		return kc_xstrdup("x86");
	if (!strcmp(u.machine, "x86_64") || (u.machine[0] == 'i' && !strcmp(u.machine + 2, "86")))
		return kc_xstrdup("x86");
	if (!strcmp(u.machine, "aarch64"))
		return kc_xstrdup("arm64");
	if (!strncmp(u.machine, "arm", 3))
		return kc_xstrdup("arm");
	if (!strncmp(u.machine, "ppc", 3))
		return kc_xstrdup("powerpc");
	if (!strncmp(u.machine, "riscv", 5))
		return kc_xstrdup("riscv");
	if (!strncmp(u.machine, "s390", 4))
		return kc_xstrdup("s390");
	return kc_xstrdup(u.machine);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum kc_status
kc_modmap_load(const struct kc_modmap_opts *opts, struct kc_modmap **out)
{
	struct kc_modmap *map = calloc(1, sizeof(*map));
	enum kc_status st;
	double t0 = now();

	*out = map;
	if (!map)
		return KC_EIO;
	map->srctree = kc_xstrdup(opts && opts->srctree ? opts->srctree : ".");
	map->srcarch = opts && opts->srcarch ? kc_xstrdup(opts->srcarch) : host_srcarch();
	st = mm_read_tree(map, opts && opts->walk);
	if (st == KC_OK)
		build_indexes(map);
	map->stats.seconds = now() - t0;
	return st;
}

void
kc_modmap_free(struct kc_modmap *map)
{
	size_t i;

	if (!map)
		return;
	for (i = 0; i < map->ndirs; i++) {
		free(map->dirs[i].guard);
		free(map->dirs[i].conds);
	}
	for (i = 0; i < map->nlists; i++)
		free(map->lists[i].v);
	free(map->lists);
	free(map->dirs);
	free(map->entries);
	free(map->diags);
	free(map->file_names);
	kc_strmap_free(&map->strings);
	kc_strmap_free(&map->dir_index);
	kc_strmap_free(&map->name_index);
	kc_strmap_free(&map->sym_index);
	kc_arena_free(&map->arena);
	free(map->srctree);
	free(map->srcarch);
	free(map);
}

void
kc_modmap_stats(const struct kc_modmap *map, struct kc_modmap_stats *st)
{
	*st = map->stats;
}

size_t
kc_modmap_ndiags(const struct kc_modmap *map)
{
	return map->ndiags;
}

const struct kc_diag *
kc_modmap_diag(const struct kc_modmap *map, size_t i)
{
	return i < map->ndiags ? &map->diags[i] : NULL;
}

size_t
kc_modmap_nentries(const struct kc_modmap *map)
{
	return map->nentries;
}

const struct kc_modmap_entry *
kc_modmap_entry(const struct kc_modmap *map, size_t i)
{
	return i < map->nentries ? &map->entries[i] : NULL;
}

static const struct kc_modmap_entry *
list_at(const struct kc_modmap *map, const struct kc_strmap *h, const char *key, size_t i)
{
	const struct kc_strmap_slot *slot = kc_strmap_find(h, key);

	if (!slot || i >= map->lists[slot->val].n)
		return NULL;
	return &map->entries[map->lists[slot->val].v[i]];
}

const struct kc_modmap_entry *
kc_modmap_lookup(const struct kc_modmap *map, const char *name, size_t i)
{
	char *n = mm_norm_name(name);
	const struct kc_modmap_entry *e = list_at(map, &map->name_index, n, i);

	free(n);
	return e;
}

const struct kc_modmap_entry *
kc_modmap_for_symbol(const struct kc_modmap *map, const char *sym, size_t i)
{
	if (!strncmp(sym, "CONFIG_", 7))
		sym += 7;
	return list_at(map, &map->sym_index, sym, i);
}

struct mm_cand {
	unsigned score;
	const char *key;	/* normalized */
	const char *name;
};

size_t
kc_modmap_closest(const struct kc_modmap *map, const char *name, const char **out, size_t n)
{
	struct mm_cand *best;
	const struct kc_strmap_slot *s;
	size_t nbest = 0, i, k;
	char *q;

	if (!n)
		return 0;
	best = kc_xmalloc(n * sizeof(*best));
	q = mm_norm_name(name);
	kc_strmap_for_each(s, &map->name_index) {
		const struct kc_modmap_entry *e;
		struct mm_cand c;

		e = &map->entries[map->lists[s->val].v[0]];
		if (e->kind == KC_MOD_BUILTIN)
			continue;
		c.key = s->key;
		c.name = e->name;
		c.score = (unsigned)kc_edit_distance(q, s->key) + 1000;
		if (strstr(s->key, q) || strstr(q, s->key))
			c.score = (unsigned)labs((long)strlen(s->key) - (long)strlen(q));
		if (c.score >= 1000 && c.score - 1000 > strlen(q) / 2 + 2)
			continue;	/* too far to be a typo */
		for (k = nbest; k > 0 && (best[k - 1].score > c.score ||
			    (best[k - 1].score == c.score && strcmp(best[k - 1].key, c.key) > 0)); k--)
			if (k < n)
				best[k] = best[k - 1];
		if (k < n) {
			best[k] = c;
			if (nbest < n)
				nbest++;
		}
	}
	for (i = 0; i < nbest; i++)
		out[i] = best[i].name;
	free(best);
	free(q);
	return nbest;
}
