/* profile.c - baseline profiles: parse the files, keep a set of them, merge a selection into requirements. */
#include "config.h"

#include <kexplore/profile.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/cfgfile.h>

#include "profile-private.h"

/* ---- the set ------------------------------------------------------------ */

struct kc_profile_set *
kc_profile_set_new(void)
{
	return kc_xcalloc(1, sizeof(struct kc_profile_set));
}

void
kc_profile_set_free(struct kc_profile_set *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->diags.n; i++)
		free(set->diags.v[i]);
	kc_vec_free(&set->diags);
	kc_vec_free(&set->profiles);
	kc_arena_free(&set->arena);
	free(set);
}

void
kc_prof_diag(struct kc_profile_set *set, enum kc_level lvl, const char *file, int line,
	     const char *fmt, ...)
{
	struct kc_diag *d = kc_xcalloc(1, sizeof(*d));
	va_list ap;

	va_start(ap, fmt);
	d->message = kc_arena_vprintf(&set->arena, fmt, ap);
	va_end(ap);
	d->level = lvl;
	d->file = file ? kc_arena_strdup(&set->arena, file) : NULL;
	d->line = line;
	kc_vec_push(&set->diags, d);
}

size_t
kc_profile_set_ndiags(const struct kc_profile_set *set)
{
	return set->diags.n;
}

const struct kc_diag *
kc_profile_set_diag(const struct kc_profile_set *set, size_t i)
{
	return i < set->diags.n ? set->diags.v[i] : NULL;
}

void
kc_profile_set_clear_diags(struct kc_profile_set *set)
{
	size_t i;

	for (i = 0; i < set->diags.n; i++)
		free(set->diags.v[i]);
	set->diags.n = 0;
}

size_t
kc_profile_count(const struct kc_profile_set *set)
{
	return set->profiles.n;
}

struct kc_profile *
kc_profile_at(const struct kc_profile_set *set, size_t i)
{
	return i < set->profiles.n ? set->profiles.v[i] : NULL;
}

struct kc_profile *
kc_profile_find(const struct kc_profile_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->profiles.n; i++) {
		struct kc_profile *p = set->profiles.v[i];

		if (!strcmp(p->name, name))
			return p;
	}
	return NULL;
}

/* Insert @p sorted by name; a same-named profile is replaced (it stays in the arena). */
static void
set_insert(struct kc_profile_set *set, struct kc_profile *p)
{
	size_t i;

	for (i = 0; i < set->profiles.n; i++) {
		struct kc_profile *q = set->profiles.v[i];
		int c = strcmp(q->name, p->name);

		if (c == 0) {
			set->profiles.v[i] = p;
			return;
		}
		if (c > 0)
			break;
	}
	kc_vec_push(&set->profiles, NULL);
	memmove(&set->profiles.v[i + 1], &set->profiles.v[i],
		(set->profiles.n - 1 - i) * sizeof(void *));
	set->profiles.v[i] = p;
}

/* ---- accessors ---------------------------------------------------------- */

const char *
kc_profile_name(const struct kc_profile *p)
{
	return p->name;
}

const char *
kc_profile_description(const struct kc_profile *p)
{
	return p->description ? p->description : "";
}

const char *
kc_profile_path(const struct kc_profile *p)
{
	return p->path;
}

size_t
kc_profile_nsources(const struct kc_profile *p)
{
	return p->nsources;
}

const char *
kc_profile_source(const struct kc_profile *p, size_t i)
{
	return i < p->nsources ? p->sources[i] : NULL;
}

size_t
kc_profile_nrequires(const struct kc_profile *p)
{
	return p->nrequires;
}

const char *
kc_profile_require(const struct kc_profile *p, size_t i)
{
	return i < p->nrequires ? p->requires[i] : NULL;
}

size_t
kc_profile_nitems(const struct kc_profile *p)
{
	return p->nitems;
}

const struct kc_profile_item *
kc_profile_item(const struct kc_profile *p, size_t i)
{
	return i < p->nitems ? &p->items[i] : NULL;
}

/* ---- versions and applicability ---------------------------------------- */

long
kc_kver_parse(const char *s)
{
	long part[3] = { 0, 0, 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*s))
			return i >= 2 ? KC_KVER(part[0], part[1], part[2]) : 0;
		part[i] = strtol(s, (char **)&s, 10);
		if (part[i] > 999)
			return 0;
		if (*s != '.')
			return i >= 1 ? KC_KVER(part[0], part[1], part[2]) : 0;
		s++;
	}
	return KC_KVER(part[0], part[1], part[2]);
}

/* Whether @word is one of the comma-separated names in @list. */
static bool
in_list(const char *list, const char *word)
{
	size_t n = strlen(word);

	while (*list) {
		size_t len = strcspn(list, ",");

		if (len == n && !strncmp(list, word, n))
			return true;
		list += len;
		if (*list)
			list++;
	}
	return false;
}

bool
kc_profile_item_applies(const struct kc_profile_item *it, const char *kernelversion,
			const char *srcarch)
{
	long v = kernelversion ? kc_kver_parse(kernelversion) : 0;

	if (v && it->linux_min && v < it->linux_min)
		return false;
	if (v && it->linux_below && v >= it->linux_below)
		return false;
	if (srcarch && it->arches && in_list(it->arches, srcarch) == it->arches_negated)
		return false;
	return true;
}

/* ---- loading files ------------------------------------------------------ */

enum kc_status
kc_profile_set_add_buf(struct kc_profile_set *set, const char *path, const char *buf,
		       size_t len, struct kc_profile **out)
{
	struct kc_profile *p;
	size_t nerr = 0, i;

	for (i = 0; i < set->diags.n; i++)
		nerr += ((struct kc_diag *)set->diags.v[i])->level == KC_ERROR;
	p = kc_prof_parse(set, path, buf, len);
	set_insert(set, p);
	if (out)
		*out = p;
	for (i = 0; i < set->diags.n; i++)
		nerr -= ((struct kc_diag *)set->diags.v[i])->level == KC_ERROR;
	return nerr ? KC_EPARSE : KC_OK;
}

enum kc_status
kc_profile_set_add_file(struct kc_profile_set *set, const char *path, struct kc_profile **out)
{
	struct kc_cfgfile f;
	enum kc_status st;

	if (out)
		*out = NULL;
	/* the config-file service: bounded, a pipe or a compressed file read, binary refused */
	st = kc_cfgfile_read(path, KC_CFG_TEXT, &f);
	if (st != KC_OK)
		kc_prof_diag(set, KC_ERROR, path, 0, "cannot read: %s", f.error);
	else
		st = kc_profile_set_add_buf(set, path, f.data, f.len, out);
	kc_cfgfile_done(&f);
	return st;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum kc_status
kc_profile_set_add_dir(struct kc_profile_set *set, const char *dir)
{
	enum kc_status st = KC_OK;
	struct kc_vec names = { 0 };
	struct dirent *de;
	size_t i;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return KC_ENOENT;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n > 8 && de->d_name[0] != '.' && !strcmp(de->d_name + n - 8, ".profile"))
			kc_vec_push(&names, kc_xasprintf("%s/%s", dir, de->d_name));
	}
	closedir(d);
	/* readdir order is arbitrary; sorted, the diagnostics come out the same every time */
	if (names.n)
		qsort(names.v, names.n, sizeof(void *), cmp_str);
	for (i = 0; i < names.n; i++) {
		if (kc_profile_set_add_file(set, names.v[i], NULL) != KC_OK)
			st = KC_EPARSE;
		free(names.v[i]);
	}
	kc_vec_free(&names);
	return st;
}

/* Each folder of a ':'-separated list. */
static void
add_path_list(struct kc_profile_set *set, const char *list)
{
	while (*list) {
		size_t n = strcspn(list, ":");

		if (n) {
			char *dir = kc_xstrndup(list, n);

			kc_profile_set_add_dir(set, dir);
			free(dir);
		}
		list += n + (list[n] == ':');
	}
}

void
kc_profile_set_add_search_path(struct kc_profile_set *set, const char *datadir)
{
	const char *env = getenv("KEXPLORE_PROFILE_PATH");
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *user = NULL;

	if (env) {
		add_path_list(set, env);
		return;
	}
	if (datadir)
		kc_profile_set_add_dir(set, datadir);
	if (xdg && *xdg)
		user = kc_xasprintf("%s/kexplore/profiles", xdg);
	else if (home && *home)
		user = kc_xasprintf("%s/.config/kexplore/profiles", home);
	if (user)
		kc_profile_set_add_dir(set, user);
	free(user);
}

/* ---- selecting: requires expanded, items merged --------------------------- */

struct selector {
	struct kc_profile_set *set;
	struct kc_profile_sel *sel;
	const char *version, *srcarch;
	unsigned char *state;		/* per set index: 0 new, 1 in progress, 2 done */
	bool missing;
};

static size_t
profile_index(const struct kc_profile_set *set, const struct kc_profile *p)
{
	size_t i;

	for (i = 0; i < set->profiles.n; i++)
		if (set->profiles.v[i] == p)
			return i;
	return set->profiles.n;
}

static struct kc_profile_req *
find_req(struct kc_profile_sel *sel, const char *sym)
{
	size_t i;

	for (i = 0; i < sel->reqs.n; i++) {
		struct kc_profile_req *r = sel->reqs.v[i];

		if (!strcmp(r->sym, sym))
			return r;
	}
	return NULL;
}

static void
req_push_item(struct kc_profile_sel *sel, struct kc_profile_req *r,
	      const struct kc_profile_item *it)
{
	const struct kc_profile_item **items;

	items = kc_arena_alloc(&sel->arena, (r->nitems + 1) * sizeof(*items));
	if (r->nitems)
		memcpy(items, r->items, r->nitems * sizeof(*items));
	items[r->nitems++] = it;
	r->items = items;
}

/* What an item asks for, as people read it: "y", "y/m", "\"zstd\"". */
static char *
item_want(const struct kc_profile_item *it)
{
	if (it->accept == (1u << KC_Y | 1u << KC_M))
		return kc_xstrdup("y/m");
	if (it->accept)
		return kc_xstrdup(it->value);
	return kc_xasprintf("\"%s\"", it->value);
}

static const char *
disagree(struct kc_profile_sel *sel, const struct kc_profile_item *a,
	 const struct kc_profile_item *b, const char *tail)
{
	char *wa = item_want(a), *wb = item_want(b);
	char *s = kc_xasprintf("%s:%d (%s) wants %s, %s:%d (%s) wants %s%s", a->file, a->line,
			       a->profile->name, wa, b->file, b->line, b->profile->name, wb, tail);
	const char *r = kc_arena_strdup(&sel->arena, s);

	free(s);
	free(wa);
	free(wb);
	return r;
}

static bool
compatible(const struct kc_profile_req *r, const struct kc_profile_item *it)
{
	if (r->accept && it->accept)
		return (r->accept & it->accept) != 0;
	return !r->accept && !it->accept && !strcmp(r->value, it->value);
}

/* Narrow @r to what @it also accepts (the two are compatible). */
static void
req_narrow(struct kc_profile_req *r, const struct kc_profile_item *it)
{
	unsigned both = r->accept & it->accept;

	if (r->accept && both != r->accept) {
		r->accept = both;
		r->value = it->value;
		r->item = it;
	}
}

static void
merge_item(struct kc_profile_sel *sel, struct kc_profile_req *r, const struct kc_profile_item *it)
{
	bool ok = compatible(r, it);

	req_push_item(sel, r, it);
	if (r->conflict)
		return;
	if (it->recommended && !r->recommended) {
		/* a recommendation does not narrow or break what is required */
		if (!ok)
			r->note = disagree(sel, r->item, it, "; the required item wins");
		return;
	}
	if (!it->recommended && r->recommended) {
		if (!ok)
			r->note = disagree(sel, r->item, it, "; the required item wins");
		r->value = it->value;
		r->accept = it->accept;
		r->item = it;
		r->recommended = false;
		return;
	}
	if (ok) {
		req_narrow(r, it);
		return;
	}
	r->conflict = disagree(sel, r->item, it, "");
}

static void
add_items(struct selector *s, const struct kc_profile *p)
{
	size_t i;

	for (i = 0; i < p->nitems; i++) {
		const struct kc_profile_item *it = &p->items[i];
		struct kc_profile_req *r;

		if (!kc_profile_item_applies(it, s->version, s->srcarch)) {
			kc_vec_push(&s->sel->skipped, (void *)it);
			continue;
		}
		r = find_req(s->sel, it->sym);
		if (r) {
			merge_item(s->sel, r, it);
			continue;
		}
		r = kc_arena_alloc(&s->sel->arena, sizeof(*r));
		r->sym = it->sym;
		r->value = it->value;
		r->accept = it->accept;
		r->recommended = it->recommended;
		r->item = it;
		req_push_item(s->sel, r, it);
		kc_vec_push(&s->sel->reqs, r);
	}
}

static void take_profile(struct selector *s, const struct kc_profile *p);

static void
take_requires(struct selector *s, const struct kc_profile *p)
{
	size_t i;

	for (i = 0; i < p->nrequires; i++) {
		const struct kc_profile *q = kc_profile_find(s->set, p->requires[i]);

		if (!q) {
			kc_prof_diag(s->set, KC_ERROR, p->path, p->requires_line,
				     "profile '%s' requires '%s', which is not found", p->name,
				     p->requires[i]);
			s->missing = true;
			continue;
		}
		take_profile(s, q);
	}
}

/* Depth first: what @p requires goes in before @p itself. */
static void
take_profile(struct selector *s, const struct kc_profile *p)
{
	size_t idx = profile_index(s->set, p);

	if (s->state[idx] == 2)
		return;
	if (s->state[idx] == 1) {
		kc_prof_diag(s->set, KC_ERROR, p->path, p->requires_line,
			     "profile '%s' requires itself (through '# requires:')", p->name);
		return;
	}
	s->state[idx] = 1;
	take_requires(s, p);
	s->state[idx] = 2;
	kc_vec_push(&s->sel->profiles, (void *)p);
	add_items(s, p);
}

enum kc_status
kc_profile_select(struct kc_profile_set *set, const char *const *names, size_t n,
		  const char *kernelversion, const char *srcarch, struct kc_profile_sel **out)
{
	struct selector s = { 0 };
	size_t i;

	s.set = set;
	s.sel = kc_xcalloc(1, sizeof(*s.sel));
	s.version = kernelversion;
	s.srcarch = srcarch;
	s.state = kc_xcalloc(set->profiles.n + 1, 1);
	for (i = 0; i < n; i++) {
		const struct kc_profile *p = kc_profile_find(set, names[i]);

		if (!p) {
			kc_prof_diag(set, KC_ERROR, NULL, 0, "no profile named '%s'", names[i]);
			s.missing = true;
			continue;
		}
		take_profile(&s, p);
	}
	free(s.state);
	*out = s.sel;
	return s.missing ? KC_ENOENT : KC_OK;
}

void
kc_profile_sel_free(struct kc_profile_sel *sel)
{
	if (!sel)
		return;
	kc_prof_checks_free(sel);
	kc_explainer_free(sel->own_ex);
	free(sel->asked);
	kc_vec_free(&sel->profiles);
	kc_vec_free(&sel->reqs);
	kc_vec_free(&sel->skipped);
	kc_arena_free(&sel->arena);
	free(sel);
}

size_t
kc_profile_sel_nprofiles(const struct kc_profile_sel *sel)
{
	return sel->profiles.n;
}

const struct kc_profile *
kc_profile_sel_profile(const struct kc_profile_sel *sel, size_t i)
{
	return i < sel->profiles.n ? sel->profiles.v[i] : NULL;
}

size_t
kc_profile_sel_nreqs(const struct kc_profile_sel *sel)
{
	return sel->reqs.n;
}

const struct kc_profile_req *
kc_profile_sel_req(const struct kc_profile_sel *sel, size_t i)
{
	return i < sel->reqs.n ? sel->reqs.v[i] : NULL;
}

size_t
kc_profile_sel_nskipped(const struct kc_profile_sel *sel)
{
	return sel->skipped.n;
}

const struct kc_profile_item *
kc_profile_sel_skipped(const struct kc_profile_sel *sel, size_t i)
{
	return i < sel->skipped.n ? sel->skipped.v[i] : NULL;
}
