/* profile-parse.c - read one profile file: header, items, markers and comments, with file:line diagnostics. */
#include "config.h"

#include <kexplore/profile.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "profile-private.h"

/* What the [bracketed] markers of a comment say. */
struct marks {
	bool ym;		/* [y/m] */
	bool rec;		/* [recommended] */
	long min, below;	/* [linux>=..], [linux<..] */
	const char *arches;	/* [arch=..] (arena) */
	bool negated;		/* [arch!=..] */
};

struct parser {
	struct kc_profile_set *set;
	struct kc_profile *p;
	int line;
	bool seen_item;
	struct kc_profile_item *items;	/* heap while parsing */
	size_t nitems, capitems;
	struct kc_vec sources, requires;	/* arena strings */
	struct kc_buf group;		/* comment text of the current group */
	struct marks gmarks;		/* markers of the current group */
};

static void
perr(struct parser *ps, enum kc_level lvl, const char *fmt, const char *arg)
{
	kc_prof_diag(ps->set, lvl, ps->p->path, ps->line, fmt, arg);
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static const char *
adup(struct parser *ps, const char *s, size_t n)
{
	return kc_arena_strndup(&ps->set->arena, s, n);
}

/* ---- markers ------------------------------------------------------------ */

/* One marker's text (without brackets) into @m; false when unknown. */
static bool
parse_marker(struct parser *ps, const char *w, size_t n, struct marks *m)
{
	char *t = kc_xstrndup(w, n);
	bool ok = true;
	long v;

	if (!strcasecmp(t, "y/m") || !strcasecmp(t, "m/y")) {
		m->ym = true;
	} else if (!strcasecmp(t, "recommended") || !strcasecmp(t, "optional")) {
		m->rec = true;
	} else if (!strncasecmp(t, "linux>=", 7) && (v = kc_kver_parse(t + 7))) {
		m->min = v;
	} else if (!strncasecmp(t, "linux<", 6) && t[6] != '=' && (v = kc_kver_parse(t + 6))) {
		m->below = v;
	} else if (!strncasecmp(t, "arch=", 5) && t[5]) {
		m->arches = adup(ps, t + 5, strlen(t + 5));
		m->negated = false;
	} else if (!strncasecmp(t, "arch!=", 6) && t[6]) {
		m->arches = adup(ps, t + 6, strlen(t + 6));
		m->negated = true;
	} else {
		ok = false;
	}
	free(t);
	return ok;
}

/* Leading [markers] of a comment into @m; returns the text after them. */
static const char *
parse_marks(struct parser *ps, const char *s, struct marks *m)
{
	s = skip_ws(s);
	while (*s == '[') {
		const char *end = strchr(s, ']');
		char *w;

		if (!end)
			break;
		if (!parse_marker(ps, s + 1, end - s - 1, m)) {
			w = kc_xstrndup(s, end - s + 1);
			perr(ps, KC_WARNING, "unknown marker '%s' (known: [y/m], [recommended], "
			     "[linux>=A.B], [linux<A.B], [arch=LIST], [arch!=LIST])", w);
			free(w);
		}
		s = skip_ws(end + 1);
	}
	return s;
}

/* ---- groups of items under one comment --------------------------------- */

static void
group_reset(struct parser *ps)
{
	ps->group.len = 0;
	if (ps->group.s)
		ps->group.s[0] = '\0';
	memset(&ps->gmarks, 0, sizeof(ps->gmarks));
}

static void
group_comment(struct parser *ps, const char *text)
{
	text = parse_marks(ps, text, &ps->gmarks);
	if (!*text)
		return;
	if (ps->group.len)
		kc_buf_putc(&ps->group, ' ');
	kc_buf_puts(&ps->group, text);
}

/* ---- header -------------------------------------------------------------- */

static void
add_requires(struct parser *ps, const char *v)
{
	if (!ps->requires.n)
		ps->p->requires_line = ps->line;
	while (*v) {
		size_t n;

		v += strspn(v, " \t,");
		n = strcspn(v, " \t,");
		if (n)
			kc_vec_push(&ps->requires, (void *)adup(ps, v, n));
		v += n;
	}
}

/* '# key: value' before the first item; false when the line is not one. */
static bool
parse_header(struct parser *ps, const char *s)
{
	static const char *const keys[] = { "name", "description", "requires", "source" };
	size_t k, n;

	s = skip_ws(s + 1);
	for (k = 0; k < 4; k++) {
		n = strlen(keys[k]);
		if (!strncasecmp(s, keys[k], n) && *skip_ws(s + n) == ':')
			break;
	}
	if (k == 4)
		return false;
	s = skip_ws(skip_ws(s + n) + 1);
	n = strlen(s);
	if (k == 0)
		ps->p->name = adup(ps, s, n);
	else if (k == 1)
		ps->p->description = adup(ps, s, n);
	else if (k == 2)
		add_requires(ps, s);
	else
		kc_vec_push(&ps->sources, (void *)adup(ps, s, n));
	return true;
}

/* ---- items --------------------------------------------------------------- */

static size_t
sym_len(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	return n;
}

/* A "quoted" value with \" and \\ escapes, as conf writes it; NULL when unterminated. */
static const char *
parse_quoted(struct parser *ps, const char **sp)
{
	struct kc_buf b = { 0 };
	const char *s = *sp + 1, *r;

	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1])
			s++;
		kc_buf_putc(&b, *s);
	}
	if (*s != '"') {
		kc_buf_free(&b);
		return NULL;
	}
	*sp = s + 1;
	r = adup(ps, kc_buf_str(&b), b.len);
	kc_buf_free(&b);
	return r;
}

static unsigned
tri_mask(const char *v)
{
	if (!strcmp(v, "y"))
		return 1u << KC_Y;
	if (!strcmp(v, "m"))
		return 1u << KC_M;
	if (!strcmp(v, "n"))
		return 1u << KC_N;
	return 0;
}

/* Fill markers and the why text of a new item from the group and the line's comment. */
static void
item_finish(struct parser *ps, struct kc_profile_item *it, const char *comment)
{
	struct marks m = ps->gmarks;
	struct kc_buf why = { 0 };

	kc_buf_puts(&why, kc_buf_str(&ps->group));
	if (comment) {
		comment = parse_marks(ps, comment, &m);
		if (*comment && why.len)
			kc_buf_puts(&why, "; ");
		kc_buf_puts(&why, comment);
	}
	it->why = adup(ps, kc_buf_str(&why), why.len);
	kc_buf_free(&why);
	it->recommended = m.rec;
	it->linux_min = m.min;
	it->linux_below = m.below;
	it->arches = m.arches;
	it->arches_negated = m.negated;
	if (m.ym && it->accept == 1u << KC_N)
		perr(ps, KC_ERROR, "[y/m] on CONFIG_%s, which asks for n", it->sym);
	else if (m.ym && it->accept)
		it->accept |= 1u << KC_Y | 1u << KC_M;
	else if (m.ym)
		perr(ps, KC_ERROR, "[y/m] on CONFIG_%s, whose value is not y or m", it->sym);
	if (m.min && m.below && m.min >= m.below)
		perr(ps, KC_WARNING, "CONFIG_%s: the [linux...] range is empty", it->sym);
}

static void
add_item(struct parser *ps, const char *sym, size_t n, const char *value, unsigned accept,
	 const char *comment)
{
	struct kc_profile_item *it;
	size_t i;

	for (i = 0; i < ps->nitems; i++) {
		if (strlen(ps->items[i].sym) == n && !strncmp(ps->items[i].sym, sym, n)) {
			char *what = kc_xasprintf("CONFIG_%.*s is listed again (first at line %d)",
						  (int)n, sym, ps->items[i].line);

			perr(ps, KC_WARNING, "%s", what);
			free(what);
			break;
		}
	}
	if (ps->nitems == ps->capitems) {
		ps->capitems = ps->capitems ? 2 * ps->capitems : 32;
		ps->items = kc_xrealloc(ps->items, ps->capitems * sizeof(*ps->items));
	}
	it = &ps->items[ps->nitems++];
	memset(it, 0, sizeof(*it));
	it->sym = adup(ps, sym, n);
	it->value = value;
	it->accept = accept;
	it->file = ps->p->path;
	it->line = ps->line;
	it->profile = ps->p;
	item_finish(ps, it, comment);
	ps->seen_item = true;
}

/* The rest of an item line: nothing, or a '#' comment (returned). */
static const char *
trailing_comment(struct parser *ps, const char *s, bool *bad)
{
	s = skip_ws(s);
	*bad = false;
	if (!*s)
		return NULL;
	if (*s == '#')
		return s + 1;
	perr(ps, KC_ERROR, "unexpected text '%s' after the value (comments start with '#')", s);
	*bad = true;
	return NULL;
}

/* 'CONFIG_NAME=VALUE [# comment]' */
static void
parse_assign(struct parser *ps, const char *line)
{
	const char *name = line + 7, *s, *value, *comment;
	size_t n = sym_len(name);
	unsigned accept = 0;
	bool bad;

	s = name + n;
	if (!n || *s != '=') {
		perr(ps, KC_ERROR, "expected CONFIG_NAME=VALUE, got '%s'", line);
		return;
	}
	s++;
	if (*s == '"') {
		value = parse_quoted(ps, &s);
		if (!value) {
			perr(ps, KC_ERROR, "unterminated string in '%s'", line);
			return;
		}
	} else {
		size_t vn = strcspn(s, " \t#");

		if (!vn) {
			perr(ps, KC_ERROR, "no value in '%s' (write \"\" for an empty string)", line);
			return;
		}
		value = adup(ps, s, vn);
		accept = tri_mask(value);
		s += vn;
	}
	comment = trailing_comment(ps, s, &bad);
	if (!bad)
		add_item(ps, name, n, value, accept, comment);
}

/* '# CONFIG_NAME is not set [# comment]'; false when the line is not one. */
static bool
parse_not_set(struct parser *ps, const char *line)
{
	const char *s = skip_ws(line + 1), *name, *comment;
	size_t n;
	bool bad;

	if (strncmp(s, "CONFIG_", 7))
		return false;
	name = s + 7;
	n = sym_len(name);
	if (!n || strncmp(name + n, " is not set", 11))
		return false;
	s = name + n + 11;
	if (*s && *s != ' ' && *s != '\t')
		return false;
	comment = trailing_comment(ps, s, &bad);
	if (!bad)
		add_item(ps, name, n, "n", 1u << KC_N, comment);
	return true;
}

static void
parse_line(struct parser *ps, char *s)
{
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	s = (char *)skip_ws(s);
	if (!*s) {
		group_reset(ps);
	} else if (*s == '#') {
		if (parse_not_set(ps, s))
			return;
		if (!ps->seen_item && parse_header(ps, s))
			return;
		group_comment(ps, s + 1);
	} else if (!strncmp(s, "CONFIG_", 7)) {
		parse_assign(ps, s);
	} else {
		perr(ps, KC_ERROR, "expected CONFIG_NAME=VALUE, '# CONFIG_NAME is not set' or a "
		     "'#' comment, got '%s'", s);
	}
}

/* ---- the whole file ------------------------------------------------------ */

static bool
valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-+", *s))
			return false;
	return true;
}

/* The file's base name without ".profile". */
static const char *
default_name(struct parser *ps, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 8 && !strcmp(base + n - 8, ".profile"))
		n -= 8;
	return adup(ps, base, n);
}

static void
check_name(struct parser *ps)
{
	const char *def = default_name(ps, ps->p->path);

	ps->line = 0;
	if (!ps->p->name) {
		ps->p->name = def;
	} else if (!valid_name(ps->p->name)) {
		perr(ps, KC_ERROR, "'%s' is not a valid profile name (letters, digits, . _ - +)",
		     ps->p->name);
		ps->p->name = def;
	} else if (strcmp(ps->p->name, def) && strchr(ps->p->path, '/')) {
		kc_prof_diag(ps->set, KC_WARNING, ps->p->path, 0,
			     "profile name '%s' differs from the file name", ps->p->name);
	}
}

/* Move a heap vector of arena strings into an arena array. */
static const char **
vec_to_arena(struct parser *ps, struct kc_vec *v, size_t *n)
{
	const char **a = kc_arena_alloc(&ps->set->arena, (v->n + 1) * sizeof(*a));

	if (v->n)
		memcpy(a, v->v, v->n * sizeof(*a));
	*n = v->n;
	kc_vec_free(v);
	return a;
}

static void
parser_finish(struct parser *ps)
{
	struct kc_profile *p = ps->p;

	check_name(ps);
	p->sources = vec_to_arena(ps, &ps->sources, &p->nsources);
	p->requires = vec_to_arena(ps, &ps->requires, &p->nrequires);
	p->nitems = ps->nitems;
	p->items = kc_arena_alloc(&ps->set->arena, (ps->nitems + 1) * sizeof(*p->items));
	if (ps->nitems)
		memcpy(p->items, ps->items, ps->nitems * sizeof(*p->items));
	free(ps->items);
	kc_buf_free(&ps->group);
}

struct kc_profile *
kc_prof_parse(struct kc_profile_set *set, const char *path, const char *buf, size_t len)
{
	struct parser ps = { 0 };
	const char *end = buf + len;

	ps.set = set;
	ps.p = kc_arena_alloc(&set->arena, sizeof(*ps.p));
	ps.p->path = kc_arena_strdup(&set->arena, path);
	while (buf < end) {
		const char *nl = memchr(buf, '\n', end - buf);
		size_t n = nl ? (size_t)(nl - buf) : (size_t)(end - buf);
		char *line = kc_xstrndup(buf, n);

		ps.line++;
		if (memchr(buf, '\0', n))
			perr(&ps, KC_ERROR, "%s", "NUL byte in the line");
		else
			parse_line(&ps, line);
		free(line);
		buf += n + (nl != NULL);
	}
	parser_finish(&ps);
	return ps.p;
}
