/* modmap.h - kernel module name <-> Kconfig symbol map read from a tree's Makefiles; for src/ and tests. */
#ifndef KEXPLORE_MODMAP_H
#define KEXPLORE_MODMAP_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * The map is built from the Kbuild/Makefile files reachable from the top of
 * a kernel tree (the top Kbuild, plus core-/drivers-/libs- directories of the
 * top and arch Makefiles). It holds symbol *names* (without CONFIG_); resolve
 * them with kc_sym_find(). Everything returned is borrowed from the map and
 * lives until kc_modmap_free(). Module names compare with '-' and '_' equal.
 * Reading the 6.12 tree takes about 60 ms with a warm page cache, so the map
 * is not cached on disk.
 */

struct kc_modmap;

/* How an object is built, from the obj- line that names it. */
enum kc_mod_kind {
	KC_MOD_CONFIG,	/* obj-$(CONFIG_X) += foo.o: module when X=m, built in when X=y */
	KC_MOD_MODULE,	/* obj-m += foo.o: always a module when its directory is built */
	KC_MOD_BUILTIN,	/* obj-y += foo.o: always built in, never a module */
};

/*
 * One condition on the way to a module: the directory @dir (relative to
 * srctree, "" for the top) is only built when one of @syms is enabled. A
 * link with several symbols comes from several obj-$(CONFIG_..) += dir/
 * lines or from an 'ifdef CONFIG_X' block around the line.
 */
struct kc_modmap_link {
	const char *dir;
	size_t nsyms;
	const char *const *syms;
};

struct kc_modmap_entry {
	const char *name;	/* as written in the Makefile (may contain '-') */
	const char *dir;	/* source directory relative to srctree */
	const char *file;	/* Makefile/Kbuild that names it, relative to srctree */
	int line;		/* first line naming it there */
	enum kc_mod_kind kind;
	size_t nsyms;		/* symbols that build it (any of them); 0 for obj-m / obj-y */
	const char *const *syms;
	size_t nchain;		/* enclosing conditions, innermost first */
	const struct kc_modmap_link *chain;
	size_t nparts;		/* symbols adding objects to it: foo-$(CONFIG_Z) += z.o */
	const char *const *parts;
	bool reached;		/* false: only found by the walk (opts.walk), not from the top */
};

struct kc_modmap_opts {
	const char *srctree;	/* kernel tree, default "." */
	const char *srcarch;	/* SRCARCH: arch/<srcarch> is read; NULL: the host's */
	bool walk;		/* also read Makefiles nothing names (entries marked unreached) */
};

struct kc_modmap_stats {
	size_t files;		/* Makefile/Kbuild files read */
	size_t dirs;		/* directories reached from the top */
	size_t walked;		/* directories only found by the walk (opts.walk) */
	size_t entries;		/* all entries, built-in objects included */
	size_t modules;		/* distinct names that can be modules (CONFIG or MODULE kind) */
	double seconds;		/* wall time of kc_modmap_load */
};

/*
 * kc_modmap_load - build (or read from the cache) the module map of a tree.
 * @opts: what to read; @out: receives the map, also on failure so that
 * diagnostics can be read (NULL only when out of memory).
 * Return: KC_OK, or KC_ENOENT when the tree has neither Kbuild nor Makefile
 * at its top. Unreadable sub-Makefiles are diagnostics, not failures.
 */
enum kc_status kc_modmap_load(const struct kc_modmap_opts *opts, struct kc_modmap **out);

/* kc_modmap_free - release the map and everything borrowed from it. NULL is fine. */
void kc_modmap_free(struct kc_modmap *map);

/* kc_modmap_stats - counts and timing of the load. */
void kc_modmap_stats(const struct kc_modmap *map, struct kc_modmap_stats *st);

/* Diagnostics of the load (missing sub-Makefiles, cache problems). */
size_t kc_modmap_ndiags(const struct kc_modmap *map);
const struct kc_diag *kc_modmap_diag(const struct kc_modmap *map, size_t i);

/* kc_modmap_nentries / kc_modmap_entry - every entry, in reading order. */
size_t kc_modmap_nentries(const struct kc_modmap *map);
const struct kc_modmap_entry *kc_modmap_entry(const struct kc_modmap *map, size_t i);

/*
 * kc_modmap_lookup - entries for a module name ('-' and '_' equal, a trailing
 * ".ko" or ".o" ignored). Modular entries (CONFIG, MODULE) come before
 * built-in objects of the same name. @i: 0 for the best entry, then 1, 2...
 * Return: the entry, or NULL past the last one (at 0: unknown name).
 */
const struct kc_modmap_entry *kc_modmap_lookup(const struct kc_modmap *map,
					       const char *name, size_t i);

/*
 * kc_modmap_for_symbol - the i-th entry built by symbol @sym (with or without
 * CONFIG_), in reading order; NULL past the last one.
 */
const struct kc_modmap_entry *kc_modmap_for_symbol(const struct kc_modmap *map,
						   const char *sym, size_t i);

/*
 * kc_modmap_closest - up to @n module names closest to @name (edit distance,
 * substrings first), best first, written to @out (borrowed strings).
 * Only modular entries are proposed. Return: how many were written.
 */
size_t kc_modmap_closest(const struct kc_modmap *map, const char *name,
			 const char **out, size_t n);

/* kc_modmap_name_eq - module names equal with '-' and '_' the same. */
bool kc_modmap_name_eq(const char *a, const char *b);

#endif /* KEXPLORE_MODMAP_H */
