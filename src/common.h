/* common.h - shared CLI plumbing for src/: global options, tree loading, messages. */
#ifndef KEXPLORE_COMMON_H
#define KEXPLORE_COMMON_H

#include <stdbool.h>

#include "kexplore/kconfig.h"

struct kx_opts {
	const char *tree;	/* -C */
	const char *arch;	/* --arch */
	const char *config;	/* --config, else $KCONFIG_CONFIG, else TREE/.config */
	bool no_shell;
	bool no_cache;
	bool allow_outside;
	int verbose;
	bool quiet;
	bool fold_unknown;	/* a config's "unknown symbol" warnings as one line (not with -v) */
	const char *progname;
	const char *profile_dirs[16];	/* -P, before or after the command */
	size_t nprofile_dirs;
};

extern struct kx_opts kx;

/* Exit codes. */
enum { KX_EXIT_OK = 0, KX_EXIT_FAIL = 1, KX_EXIT_USAGE = 2 };

/* kx_die - print "kexplore: msg" to stderr and exit(1) (after the exit hooks). */
void kx_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void kx_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* kx_usage_error - message plus a hint at `kexplore help CMD`; exit 2. */
void kx_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* kx_print_diags - print (and forget) the tree's diagnostics (warnings not with -q). */
void kx_print_diags(struct kc_tree *tree);

/* kx_load_tree - load the tree named by the global options, or exit with a message. */
struct kc_tree *kx_load_tree(void);

/* kx_config_path - the input config path (caller frees). */
char *kx_config_path(void);

/* kx_read_config - read the input config, or exit with a message when it cannot
 * be read. A config named by --config or KCONFIG_CONFIG must exist; only the
 * default TREE/.config, when absent, falls back (with @fallback) to the kernel's
 * KCONFIG_DEFCONFIG_LIST. Returns false when nothing was read. */
bool kx_read_config(struct kc_tree *tree, bool fallback);
/* kx_config_fallback - the file kx_read_config read instead of a missing
 * config (borrowed), NULL when it read the config itself or nothing. */
const char *kx_config_fallback(void);

/* kx_config_fallback - the defconfig kx_read_config started from because there
 * was no TREE/.config, or NULL (borrowed; for the explorer's status line). */
const char *kx_config_fallback(void);

/* kx_write_output - write data to path ("-" = stdout) with kc_cfgfile_save:
 * atomically keeping .old, KCONFIG_OVERWRITECONFIG honoured, never over a
 * compressed file (exit with a message asking for -o). */
void kx_write_output(const char *path, const char *data);

/* kx_bare_name - @name without CONFIG_ (any case), in upper case with @upper (caller frees). */
char *kx_bare_name(const char *name, bool upper);

struct kc_explainer;
/* kx_other_arches - the arches defining @name, as typed or else in upper case
 * (why kvm_amd on arm64: x86); returns the name form found (caller frees). */
char *kx_other_arches(struct kc_explainer *ex, const char *name, const char **arches);

/* kx_sym_arg - look up a symbol named on the command line, or exit with close matches. */
struct kc_symbol *kx_sym_arg(struct kc_tree *tree, const char *name);

struct kc_profile_set;

/* kx_profile_datadir - the shipped profiles: the source tree's profiles/ when
 * this binary runs from its build tree, else the installed folder. */
const char *kx_profile_datadir(void);

/* kx_add_profile_dir - remember a -P folder (exit 2 past 16). */
void kx_add_profile_dir(const char *dir);

/* kx_profile_search - fill set from the search path: $KEXPLORE_PROFILE_PATH, or
 * the shipped folder and ~/.config/kexplore/profiles; then each -P folder. */
void kx_profile_search(struct kc_profile_set *set);

#endif
