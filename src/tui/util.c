/* util.c - allocation wrappers, growable strings, UTF-8 helpers and wrapping
 * text to a width. */
#include "config.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void
oom(void)
{
	fputs("kexplore: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

char *
xasprintf(const char *fmt, ...)
{
	struct sbuf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(&b, fmt, ap);
	va_end(ap);
	return sbuf_steal(&b);
}

static void
sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	while (b->len + extra + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->s = xrealloc(b->s, b->cap);
}

void
sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

void
sbuf_putc(struct sbuf *b, char c)
{
	sbuf_add(b, &c, 1);
}

void
sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	sbuf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sbuf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

char *
sbuf_steal(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
sbuf_done(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

size_t
utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned c;

	if (n == 0 || !*u)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2;
		c = u[0] & 0x1f;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3;
		c = u[0] & 0x0f;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4;
		c = u[0] & 0x07;
	} else {
		*cp = u[0];
		return 1;
	}
	if (len > n)
		goto invalid;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto invalid;
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return len;
invalid:
	*cp = u[0];
	return 1;
}

int
utf8_width(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;
	int w = 0, cw;

	while (i < n && (k = utf8_decode(s + i, n - i, &cp))) {
		cw = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
		w += cw < 0 ? 1 : cw;
		i += k;
	}
	return w;
}

size_t
utf8_encode(unsigned cp, char *out)
{
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	out[n] = '\0';
	return n;
}

size_t
utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xc0) == 0x80)
		pos--;
	return pos;
}

/* ---- wrapping ---- */

/* fit_bytes - the longest prefix of @s (whole characters) within @width columns. */
static size_t
fit_bytes(const char *s, int width)
{
	size_t i = 0, k, len = strlen(s);
	unsigned cp;
	int w = 0;

	while ((k = utf8_decode(s + i, len - i, &cp))) {
		w += utf8_width(s + i, k);
		if (w > width)
			break;
		i += k;
	}
	return i;
}

/* is_operator_at - " && ", " || ", and " > " (a comparison, or between the
 * menus of a location: "Device Drivers > Network device support"). */
static bool
is_operator_at(const char *s)
{
	return !strncmp(s, " && ", 4) || !strncmp(s, " || ", 4) || !strncmp(s, " > ", 3);
}

/*
 * wrap_cut - where to end the piece of @s that fits in @fit bytes: before an
 * expression operator if one is not too early (the next piece starts with
 * it, as people write long depends-on lines), else after a comma, else at a
 * space, else in the middle of a word; @prose: at the last space. Returns the
 * piece's length.
 */
static size_t
wrap_cut(const char *s, size_t fit, bool prose)
{
	size_t i, op = 0, comma = 0, space = 0;

	/* not in the indent: that would lose it */
	for (i = strspn(s, " ") + 1; i <= fit && s[i]; i++) {
		if (s[i] != ' ')
			continue;
		if (is_operator_at(s + i))
			op = i;
		else if (s[i - 1] == ',')
			comma = i;
		space = i;
	}
	/* prose fills its rows: any space will do */
	if (op && op >= fit / 3 && !prose)
		return op;
	if (comma && comma >= fit / 3 && !prose)
		return comma;
	if (space)
		return space;
	return fit ? fit : 1;
}

/* wrap_hang - the hanging indent of continuation pieces: under the text of
 * the first piece and a bit further, while that leaves room to read. */
static int
wrap_hang(const char *s, int width, int hang)
{
	int lead = (int)strspn(s, " ");

	if (hang == WRAP_HANG_SAME)
		hang = lead;
	else if (hang < 0)
		hang = lead + 4;
	if (hang > 0 && width - hang < 24)
		hang = width > 28 ? width - 24 : width / 6;
	return hang;
}

void
wrap_split(const char *s, int width, int hang, wrap_emit_fn *emit, void *ctx)
{
	struct sbuf piece = { 0 };
	size_t fit, cut;
	int avail = width;
	bool cont = false, prose = hang == WRAP_HANG_SAME;

	if (width < 2 || !*s) {
		emit(ctx, s, false);
		return;
	}
	hang = wrap_hang(s, width, hang);
	for (;;) {
		fit = fit_bytes(s, avail);
		cut = s[fit] ? wrap_cut(s, fit, prose) : fit;
		sbuf_reset(&piece);
		if (cont)
			sbuf_printf(&piece, "%*s", hang, "");
		while (cut > 0 && s[cut - 1] == ' ' && s[cut])
			cut--;
		sbuf_add(&piece, s, cut ? cut : 1);
		emit(ctx, sbuf_str(&piece), cont);
		s += cut ? cut : 1;
		s += strspn(s, " ");
		if (!*s)
			break;
		cont = true;
		avail = width - hang;
	}
	sbuf_done(&piece);
}

void
rowlist_add(void *arg, const char *text, bool cont)
{
	struct rowlist *r = arg;

	(void)cont;
	if (r->n == r->cap)
		r->row = xrealloc(r->row, (r->cap = r->cap ? r->cap * 2 : 16) * sizeof(*r->row));
	r->row[r->n++] = xstrdup(text);
}

void
rowlist_cut(struct rowlist *r, size_t n)
{
	char *last;

	if (r->n <= n)
		return;
	while (r->n > n)
		free(r->row[--r->n]);
	if (!n)
		return;
	last = r->row[n - 1];
	r->row[n - 1] = xasprintf("%.*s...", (int)(strlen(last) > 3 ? strlen(last) - 3 : 0), last);
	free(last);
}

void
rowlist_done(struct rowlist *r)
{
	while (r->n)
		free(r->row[--r->n]);
	free(r->row);
	r->row = NULL;
	r->cap = 0;
}
