/* util.h - libkconfig's utilities: allocation that aborts on failure, growable buffers,
 * an arena, pointer vectors, string hashing, a string map and whole-file reading. Any
 * kconfig/ source may include it; it knows nothing of Kconfig. */
#ifndef KCONFIG_UTIL_H
#define KCONFIG_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define KC_PRINTF(a, b) __attribute__((format(printf, a, b)))

/* ---- memory ----------------------------------------------------------- */

void *kc_xmalloc(size_t n);
void *kc_xcalloc(size_t n, size_t m);
void *kc_xrealloc(void *p, size_t n);
char *kc_xstrdup(const char *s);
char *kc_xstrndup(const char *s, size_t n);
char *kc_xasprintf(const char *fmt, ...) KC_PRINTF(1, 2);

/* Growable string; s is always NUL-terminated once anything was added. */
struct kc_buf {
	char *s;
	size_t len, cap;
};
void kc_buf_grow(struct kc_buf *b, size_t extra);
void kc_buf_add(struct kc_buf *b, const char *s, size_t n);
void kc_buf_puts(struct kc_buf *b, const char *s);
void kc_buf_putc(struct kc_buf *b, char c);
void kc_buf_printf(struct kc_buf *b, const char *fmt, ...) KC_PRINTF(2, 3);
void kc_buf_vprintf(struct kc_buf *b, const char *fmt, va_list ap);
/* kc_buf_put_quoted - @s in double quotes, '"' and '\\' escaped with a backslash: a string
 * value as conf writes it in .config (and as Guix and Nix spell a string). */
void kc_buf_put_quoted(struct kc_buf *b, const char *s);
/* kc_buf_put_json - @s as one JSON string, escaped as kc_json_str does (json.c); null
 * for NULL. For JSON written by hand around the writer. */
void kc_buf_put_json(struct kc_buf *b, const char *s);
const char *kc_buf_str(struct kc_buf *b);	/* "" when empty */
char *kc_buf_steal(struct kc_buf *b);		/* caller frees; buffer reset */
void kc_buf_free(struct kc_buf *b);

/* Bump allocator: everything a tree owns, freed at once. */
struct kc_arena {
	struct kc_arena_block *head;
};
void *kc_arena_alloc(struct kc_arena *a, size_t n);	/* zeroed */
char *kc_arena_strdup(struct kc_arena *a, const char *s);
char *kc_arena_strndup(struct kc_arena *a, const char *s, size_t n);
/* kc_arena_printf - formatted text kept in the arena: for messages that live as long as the
 * result they belong to. */
char *kc_arena_printf(struct kc_arena *a, const char *fmt, ...) KC_PRINTF(2, 3);
char *kc_arena_vprintf(struct kc_arena *a, const char *fmt, va_list ap);
void kc_arena_free(struct kc_arena *a);

/* Pointer vector (heap; freed by the owner). */
struct kc_vec {
	void **v;
	size_t n, cap;
};
void kc_vec_push(struct kc_vec *vec, void *p);
void kc_vec_free(struct kc_vec *vec);

unsigned kc_hash_str(const char *s);

/* kc_read_whole_file - the bytes of @path, NUL-terminated (caller frees), their count in
 * *@len; NULL with errno in *@err when it cannot be opened or read. No size limit and no
 * decompression: for the engine's own files (Kconfig, Makefiles, caches); configs go
 * through kc_cfgfile_read. */
char *kc_read_whole_file(const char *path, size_t *len, int *err);

/* String-keyed table (string -> int), open addressing; keys are borrowed and must
 * outlive the table. Walk it with kc_strmap_for_each (order unspecified). */
struct kc_strmap_slot {
	const char *key;	/* NULL: an empty slot */
	int val;
};
struct kc_strmap {
	struct kc_strmap_slot *slots;
	size_t cap, count;
};
struct kc_strmap_slot *kc_strmap_find(const struct kc_strmap *m, const char *key);
struct kc_strmap_slot *kc_strmap_put(struct kc_strmap *m, const char *key, int val); /* unless present */
void kc_strmap_free(struct kc_strmap *m);
#define kc_strmap_for_each(slot, m) \
	for ((slot) = (m)->slots; (slot) && (slot) < (m)->slots + (m)->cap; (slot)++) \
		if ((slot)->key)

#endif
