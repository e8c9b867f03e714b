/* modmap-private.h - the module map's structures, shared by its two halves only:
 * modmap.c (the map, its indexes and queries) and modmap-kbuild.c (the Kbuild/Makefile
 * reader that fills it). */
#ifndef KCONFIG_MODMAP_PRIVATE_H
#define KCONFIG_MODMAP_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kexplore/modmap.h"
#include "util.h"

/* A directory kbuild descends into. */
struct mm_dir {
	const char *path;	/* relative to srctree, "" for the top */
	int parent;		/* index of the directory that named it, -1 for the top */
	bool always;		/* named by an unconditional line */
	bool reached;
	size_t nguard;		/* any of these symbols */
	const char **guard;
	size_t nconds;		/* and all of these (enclosing ifdef blocks) */
	const char **conds;
	size_t ncached;		/* the chain, computed once */
	struct kc_modmap_link *chain;
};

/* A list of entry indices. */
struct mm_list {
	int *v;
	size_t n, cap;
};

struct kc_modmap {
	struct kc_arena arena;
	char *srctree;
	char *srcarch;
	struct kc_strmap strings;	/* interned strings (value unused) */
	struct mm_dir *dirs;
	size_t ndirs, capdirs;
	struct kc_strmap dir_index;
	struct kc_modmap_entry *entries;
	size_t nentries, capentries;
	struct kc_strmap name_index;	/* normalized name -> list index */
	struct kc_strmap sym_index;	/* symbol -> list index */
	struct mm_list *lists;
	size_t nlists, caplists;
	struct kc_diag *diags;
	size_t ndiags, capdiags;
	struct kc_modmap_stats stats;
	struct mm_list files;	/* indices into strings of files read (for the cache key) */
	char **file_names;
	size_t nfile_names, capfile_names;
};

/* Helpers of modmap.c the reader uses. */
void mm_grow(void *arr, size_t *cap, size_t n, size_t sz);
void mm_buf_reset(struct kc_buf *b);
/* mm_intern - @s stored once in the map's arena (NULL for NULL). */
const char *mm_intern(struct kc_modmap *map, const char *s);
const char *mm_intern_n(struct kc_modmap *map, const char *s, size_t n);
void mm_add_diag(struct kc_modmap *map, enum kc_level level, const char *file, int line,
		 const char *fmt, ...) KC_PRINTF(5, 6);
const char **mm_arena_strv(struct kc_modmap *map, const char *const *v, size_t n);
void mm_strv_add_unique(const char ***v, size_t *n, size_t *cap, const char *s);
char *mm_norm_name(const char *name);

/*
 * mm_read_tree - read the tree's Kbuild files into @map's directories and entries
 * (modmap-kbuild.c); the indexes are modmap.c's to build after.
 * Return: KC_OK, or KC_ENOENT when the tree has no top Kbuild or Makefile.
 */
enum kc_status mm_read_tree(struct kc_modmap *map, bool walk_all);

#endif /* KCONFIG_MODMAP_PRIVATE_H */
