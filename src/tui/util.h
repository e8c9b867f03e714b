/* util.h - small helpers of the curses front end (allocation, growable strings,
 * UTF-8 widths); for src/tui only. */
#ifndef KEXPLORE_TUI_UTIL_H
#define KEXPLORE_TUI_UTIL_H

#include <stdarg.h>
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

#endif /* KEXPLORE_TUI_UTIL_H */
