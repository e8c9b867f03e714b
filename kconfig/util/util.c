/* util.c - allocation wrappers, growable buffers, arena, vectors, hashing and whole-file reading. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* Out of memory is the one condition the library cannot report usefully. */
static void
oom(void)
{
	abort();
}

void *
kc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
kc_xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	if (!p)
		oom();
	return p;
}

void *
kc_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *
kc_xstrdup(const char *s)
{
	return kc_xstrndup(s, strlen(s));
}

char *
kc_xstrndup(const char *s, size_t n)
{
	char *p = kc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *
kc_xasprintf(const char *fmt, ...)
{
	struct kc_buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return kc_buf_steal(&b);
}

void
kc_buf_grow(struct kc_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	while (b->cap < need)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->s = kc_xrealloc(b->s, b->cap);
}

void
kc_buf_add(struct kc_buf *b, const char *s, size_t n)
{
	kc_buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void
kc_buf_puts(struct kc_buf *b, const char *s)
{
	kc_buf_add(b, s, strlen(s));
}

void
kc_buf_putc(struct kc_buf *b, char c)
{
	kc_buf_add(b, &c, 1);
}

void
kc_buf_put_quoted(struct kc_buf *b, const char *s)
{
	kc_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			kc_buf_putc(b, '\\');
		kc_buf_putc(b, *s);
	}
	kc_buf_putc(b, '"');
}

void
kc_buf_vprintf(struct kc_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	/* into the room there is first: most texts fit, and formatting twice costs */
	va_copy(ap2, ap);
	n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		if (b->s)
			b->s[b->len] = 0;
		return;
	}
	if (!b->s || (size_t)n >= b->cap - b->len) {
		kc_buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void
kc_buf_printf(struct kc_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
kc_buf_str(struct kc_buf *b)
{
	return b->s ? b->s : "";
}

char *
kc_buf_steal(struct kc_buf *b)
{
	char *s = b->s ? b->s : kc_xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
kc_buf_free(struct kc_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

struct kc_arena_block {
	struct kc_arena_block *next;
	size_t used, size;
	max_align_t data[];
};

#define ARENA_BLOCK (256 * 1024)

void *
kc_arena_alloc(struct kc_arena *a, size_t n)
{
	struct kc_arena_block *b = a->head;
	/* 8 bytes is all the engine's structures need; max_align_t (16) would
	 * waste a third of the memory on 24-byte expressions and short strings */
	const size_t align = 8;
	void *p;

	n = (n + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;

		b = kc_xmalloc(sizeof(*b) + size);
		b->used = 0;
		b->size = size;
		/* big private blocks go behind the current one to keep using it */
		if (a->head && size != ARENA_BLOCK) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
kc_arena_strndup(struct kc_arena *a, const char *s, size_t n)
{
	char *p = kc_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *
kc_arena_strdup(struct kc_arena *a, const char *s)
{
	return kc_arena_strndup(a, s, strlen(s));
}

char *
kc_arena_vprintf(struct kc_arena *a, const char *fmt, va_list ap)
{
	struct kc_buf b = { 0 };
	char *s;

	kc_buf_vprintf(&b, fmt, ap);
	s = kc_arena_strdup(a, kc_buf_str(&b));
	kc_buf_free(&b);
	return s;
}

char *
kc_arena_printf(struct kc_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = kc_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

void
kc_arena_free(struct kc_arena *a)
{
	struct kc_arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

void
kc_vec_push(struct kc_vec *vec, void *p)
{
	if (vec->n == vec->cap) {
		vec->cap = vec->cap ? vec->cap * 2 : 8;
		vec->v = kc_xrealloc(vec->v, vec->cap * sizeof(*vec->v));
	}
	vec->v[vec->n++] = p;
}

void
kc_vec_free(struct kc_vec *vec)
{
	free(vec->v);
	vec->v = NULL;
	vec->n = vec->cap = 0;
}

unsigned
kc_hash_str(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

char *
kc_read_whole_file(const char *path, size_t *lenp, int *err)
{
	struct kc_buf b = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		if (err)
			*err = errno;
		return NULL;
	}
	kc_buf_puts(&b, "");
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (err)
				*err = errno;
			close(fd);
			kc_buf_free(&b);
			return NULL;
		}
		kc_buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	if (lenp)
		*lenp = b.len;
	return kc_buf_steal(&b);
}
