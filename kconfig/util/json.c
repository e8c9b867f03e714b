/* json.c - the one JSON writer: RFC 8259 strings, numbers, literals, objects and arrays,
 * compact or indented. */
#include "config.h"

#include "kexplore/json.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct kc_json {
	struct kc_buf b;
	int indent;
	bool after_key;		/* a key was written: the value follows on the same line */
	size_t depth;		/* open containers */
	size_t cap;
	struct kc_json_level {
		char close;	/* '}' or ']' */
		bool used;	/* has it a member or element yet */
	} *open;
};

struct kc_json *
kc_json_new(int indent)
{
	struct kc_json *j = kc_xcalloc(1, sizeof(*j));

	j->indent = indent > 0 ? indent : 0;
	kc_buf_grow(&j->b, 0);
	j->b.s[0] = 0;
	return j;
}

void
kc_json_free(struct kc_json *j)
{
	if (!j)
		return;
	kc_buf_free(&j->b);
	free(j->open);
	free(j);
}

const char *
kc_json_text(struct kc_json *j)
{
	return kc_buf_str(&j->b);
}

void
kc_json_clear(struct kc_json *j)
{
	j->b.len = 0;
	j->b.s[0] = 0;
}

char *
kc_json_steal(struct kc_json *j)
{
	char *s;

	kc_buf_putc(&j->b, '\n');
	s = kc_buf_steal(&j->b);
	kc_json_free(j);
	return s;
}

/* RFC 8259 section 7: '"', '\\' and U+0000..U+001F must be escaped; the five with a short
 * form use it, the rest are \u00XX. */
static void
quote(struct kc_buf *b, const char *s)
{
	static const char shortform[] = "\bb\ff\nn\rr\tt";
	const char *p;

	kc_buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			kc_buf_putc(b, '\\');
			kc_buf_putc(b, (char)c);
		} else if (c < 0x20 && c && (p = memchr(shortform, c, sizeof(shortform) - 1))) {
			kc_buf_putc(b, '\\');
			kc_buf_putc(b, p[1]);
		} else if (c < 0x20) {
			kc_buf_printf(b, "\\u%04x", c);
		} else {
			kc_buf_putc(b, (char)c);
		}
	}
	kc_buf_putc(b, '"');
}

static void
newline(struct kc_json *j)
{
	size_t i;

	if (!j->indent)
		return;
	kc_buf_putc(&j->b, '\n');
	for (i = 0; i < j->depth * (size_t)j->indent; i++)
		kc_buf_putc(&j->b, ' ');
}

/* Before any value or key: the comma and line break it needs, unless a key precedes it. */
static void
separate(struct kc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->depth)
		return;
	if (j->open[j->depth - 1].used)
		kc_buf_putc(&j->b, ',');
	j->open[j->depth - 1].used = true;
	newline(j);
}

static void
open_container(struct kc_json *j, char c, char close)
{
	separate(j);
	kc_buf_putc(&j->b, c);
	if (j->depth == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 8;
		j->open = kc_xrealloc(j->open, j->cap * sizeof(*j->open));
	}
	j->open[j->depth].close = close;
	j->open[j->depth++].used = false;
}

void
kc_json_obj(struct kc_json *j)
{
	open_container(j, '{', '}');
}

void
kc_json_arr(struct kc_json *j)
{
	open_container(j, '[', ']');
}

void
kc_json_end(struct kc_json *j)
{
	struct kc_json_level *l;

	if (!j->depth)
		return;
	l = &j->open[--j->depth];
	if (l->used)
		newline(j);
	kc_buf_putc(&j->b, l->close);
}

void
kc_json_key(struct kc_json *j, const char *key)
{
	separate(j);
	quote(&j->b, key);
	kc_buf_puts(&j->b, j->indent ? ": " : ":");
	j->after_key = true;
}

void
kc_json_str(struct kc_json *j, const char *s)
{
	separate(j);
	if (s)
		quote(&j->b, s);
	else
		kc_buf_puts(&j->b, "null");
}

void
kc_json_int(struct kc_json *j, long long v)
{
	separate(j);
	kc_buf_printf(&j->b, "%lld", v);
}

void
kc_json_uint(struct kc_json *j, unsigned long long v)
{
	separate(j);
	kc_buf_printf(&j->b, "%llu", v);
}

void
kc_json_bool(struct kc_json *j, bool v)
{
	separate(j);
	kc_buf_puts(&j->b, v ? "true" : "false");
}

void
kc_json_null(struct kc_json *j)
{
	separate(j);
	kc_buf_puts(&j->b, "null");
}

void
kc_json_raw(struct kc_json *j, const char *json)
{
	size_t n = strlen(json);

	while (n && (json[n - 1] == '\n' || json[n - 1] == ' '))
		n--;
	separate(j);
	kc_buf_add(&j->b, json, n);
}

void
kc_json_kstr(struct kc_json *j, const char *key, const char *s)
{
	kc_json_key(j, key);
	kc_json_str(j, s);
}

void
kc_json_kint(struct kc_json *j, const char *key, long long v)
{
	kc_json_key(j, key);
	kc_json_int(j, v);
}

void
kc_json_kuint(struct kc_json *j, const char *key, unsigned long long v)
{
	kc_json_key(j, key);
	kc_json_uint(j, v);
}

void
kc_json_kbool(struct kc_json *j, const char *key, bool v)
{
	kc_json_key(j, key);
	kc_json_bool(j, v);
}

void
kc_json_kobj(struct kc_json *j, const char *key)
{
	kc_json_key(j, key);
	kc_json_obj(j);
}

void
kc_json_karr(struct kc_json *j, const char *key)
{
	kc_json_key(j, key);
	kc_json_arr(j);
}

void
kc_buf_put_json(struct kc_buf *b, const char *s)
{
	if (s)
		quote(b, s);
	else
		kc_buf_puts(b, "null");
}

char *
kc_json_quote(const char *s)
{
	struct kc_buf b = { 0 };

	if (!s)
		return kc_xstrdup("null");
	quote(&b, s);
	return kc_buf_steal(&b);
}
