/* util.h - small helpers of the curses front end (allocation, growable strings,
 * UTF-8 widths, wrapping); for src/tui and its unit tests. */
#ifndef KEXPLORE_TUI_UTIL_H
#define KEXPLORE_TUI_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#if defined(__GNUC__)
#define TUI_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TUI_PRINTF(a, b)
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) TUI_PRINTF(1, 2);

/* A growable NUL-terminated string; zero-initialise, then sbuf_done. */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_putc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) TUI_PRINTF(2, 3);
void sbuf_vprintf(struct sbuf *b, const char *fmt, va_list ap);
const char *sbuf_str(const struct sbuf *b);	/* "" when empty */
char *sbuf_steal(struct sbuf *b);		/* caller frees; buffer reset */
void sbuf_reset(struct sbuf *b);
void sbuf_done(struct sbuf *b);

/* utf8_decode - decode one character of @s (at most @n bytes); invalid bytes
 * decode as themselves. Returns the byte length (>= 1), 0 at the end. */
size_t utf8_decode(const char *s, size_t n, unsigned *cp);
/* utf8_width - display columns of the first @n bytes of @s. */
int utf8_width(const char *s, size_t n);
/* utf8_encode - write @cp to @out (>= 5 bytes), NUL-terminated; returns bytes. */
size_t utf8_encode(unsigned cp, char *out);
/* utf8_prev - offset of the character before @pos in @s. */
size_t utf8_prev(const char *s, size_t pos);

/* wrap_split - cut @s into rows of at most @width columns: before && and ||
 * first, after commas next, at spaces last; rows after the first start with
 * @hang spaces (WRAP_HANG_MORE: the line's own indent plus 4, for
 * expressions; WRAP_HANG_SAME: its own, for prose). @emit gets each row. */
#define WRAP_HANG_MORE (-1)
#define WRAP_HANG_SAME (-2)
typedef void wrap_emit_fn(void *ctx, const char *row, bool cont);
void wrap_split(const char *s, int width, int hang, wrap_emit_fn *emit, void *ctx);
/* A list of wrapped rows (owned), for wrap_split's rowlist_add. */
struct rowlist {
	char **row;
	size_t n, cap;
};
void rowlist_add(void *rowlist, const char *row, bool cont);
/* rowlist_cut - keep @n rows, the last one ending in "..." when some were dropped. */
void rowlist_cut(struct rowlist *r, size_t n);
void rowlist_done(struct rowlist *r);
#endif /* KEXPLORE_TUI_UTIL_H */
