/* mindiff.h - the minimal assignments that turn a base config into a target config, and the forms distros consume; for src/ and tests. */
#ifndef KEXPLORE_MINDIFF_H
#define KEXPLORE_MINDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * A minimal diff is the smallest list of assignments that, appended to the
 * base config file and read the way conf reads it (last assignment wins,
 * also between the members of one choice) followed by olddefconfig, gives
 * the target's .config byte for byte (kc_config_str). It is minimal in the
 * savedefconfig sense, and proven so: removing any single line breaks the
 * reproduction (each line is re-checked by a full evaluation).
 *
 * The target is the tree's current state (its user values), e.g. after
 * reading a config or after edits in the explorer. Computing a diff
 * evaluates the tree many times; the tree's user values and choice
 * priorities are restored before returning. Everything returned is owned by
 * the diff (kc_mindiff_free); symbol pointers are borrowed from the tree.
 */

struct kc_mindiff;

struct kc_mindiff_entry {
	struct kc_symbol *sym;
	const char *value;	/* target value as conf writes it, strings unquoted: "y", "n", "1000", "bbr" */
	const char *old;	/* value with the base alone (after olddefconfig); NULL: not in the base's .config */
};

struct kc_mindiff_stats {
	size_t candidates;	/* symbols with a prompt written in the target */
	size_t differing;	/* symbols whose .config line differs between base and target */
	unsigned rounds;	/* rounds of "assign every differing symbol" before the target was reached */
	unsigned evals;		/* full evaluations (read base + lines, write .config, compare) */
	unsigned trials;	/* incremental tries of one line (checkpoint, cone, rollback) */
	bool fallback;		/* the rounds did not converge; every user value was written first */
	bool proven;		/* every line was checked necessary */
};

/*
 * kc_mindiff_compute - the minimal diff from a base config to the tree's current state.
 * @base_name: shown in diagnostics and headers; @base/@len: the base config text
 * (a full .config or a defconfig; "" for none).
 * On success *out receives the diff. Return KC_OK; KC_EINVAL when the target
 * cannot be reproduced by any assignments (it is not a stable config: reading
 * its own .config does not give it back); KC_ERANGE when it is stable but no
 * lines appended to this base give it (before 6.11: an optional choice the base
 * sets stays set whatever follows). *out is then NULL.
 * Warnings from reading the base (unknown symbols, bad values) are added to the
 * tree's diagnostics once.
 */
enum kc_status kc_mindiff_compute(struct kc_tree *tree, const char *base_name, const char *base,
				  size_t len, struct kc_mindiff **out);
/* kc_mindiff_compute_file - the same with the base read from a file by
 * kc_cfgfile_read (plain, gzip, xz or zstd); KC_ENOENT or KC_EIO when it cannot be
 * read (the reason is a diagnostic on the tree). */
enum kc_status kc_mindiff_compute_file(struct kc_tree *tree, const char *base_path,
				       struct kc_mindiff **out);
void kc_mindiff_free(struct kc_mindiff *d);

/* The lines, in .config (menu) order. */
size_t kc_mindiff_count(const struct kc_mindiff *d);
const struct kc_mindiff_entry *kc_mindiff_entry(const struct kc_mindiff *d, size_t i);
const struct kc_mindiff_stats *kc_mindiff_stats(const struct kc_mindiff *d);
/* kc_mindiff_base_name - the base's name as given. */
const char *kc_mindiff_base_name(const struct kc_mindiff *d);
/* kc_mindiff_target - the target .config text the diff reproduces. */
const char *kc_mindiff_target(const struct kc_mindiff *d);
/* kc_mindiff_nconsequences - symbols whose .config line changes without a line of their own. */
size_t kc_mindiff_nconsequences(const struct kc_mindiff *d);

/*
 * kc_mindiff_incremental - whether kc_mindiff_compute tries lines incrementally
 * on this tree: true for every Kconfig generation kexplore knows (trees
 * before 6.11, with legacy choices, too); a distro config in about a second.
 */
bool kc_mindiff_incremental(const struct kc_tree *tree);

/*
 * kc_mindiff_check - apply the base plus the lines whose bit in @keep is set
 * (NULL: all lines) the way conf does and compare with the target .config.
 * The tree's user values are restored. Return true when identical.
 */
bool kc_mindiff_check(struct kc_tree *tree, const struct kc_mindiff *d, const bool *keep);

/*
 * Output formats; each returns a caller-owned string. @title, when not NULL,
 * goes in a leading comment (e.g. "from debian.config to .config").
 *
 * kc_mindiff_kconfig - a config fragment: "CONFIG_X=y", "CONFIG_S=\"str\"",
 *   "# CONFIG_X is not set"; ready for merge_config.sh, KCONFIG_ALLCONFIG or
 *   appending to the base.
 * kc_mindiff_nix - a Nix function { lib, ... }: with lib.kernel; { X = yes;
 *   Y = module; Z = no; N = freeform "1000"; } for NixOS' structuredExtraConfig
 *   (names without CONFIG_, quoted when not Nix identifiers).
 * kc_mindiff_guix - a quasiquoted alist for make-linux-libre's #:extra-options:
 *   ("CONFIG_X" . #t), ("CONFIG_Y" . m), ("CONFIG_Z" . #f), ("CONFIG_S" . "str").
 *   Guix writes a string as CONFIG_S="str", which conf refuses for int/hex
 *   symbols: those get a comment saying so.
 * kc_mindiff_changelog - plain text for people: lines grouped by menu path,
 *   each with its prompt and old -> new value, and how many other symbols
 *   change as a consequence.
 */
char *kc_mindiff_kconfig(const struct kc_mindiff *d, const char *title);
char *kc_mindiff_nix(const struct kc_mindiff *d, const char *title);
char *kc_mindiff_guix(const struct kc_mindiff *d, const char *title);
char *kc_mindiff_changelog(const struct kc_mindiff *d, const char *title);

enum kc_mindiff_format { KC_MD_KCONFIG, KC_MD_NIX, KC_MD_GUIX, KC_MD_CHANGELOG };
/* kc_mindiff_format_parse - "kconfig", "nix", "guix", "changelog"; false when unknown. */
bool kc_mindiff_format_parse(const char *name, enum kc_mindiff_format *f);
/* kc_mindiff_render - one of the formats above. Caller frees. */
char *kc_mindiff_render(const struct kc_mindiff *d, enum kc_mindiff_format f, const char *title);

#endif /* KEXPLORE_MINDIFF_H */
