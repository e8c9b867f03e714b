/* cfgfile.h - the config-file service of libkconfig: every config, fragment, base and
 * journal is read through kc_cfgfile_read and every config is saved through
 * kc_cfgfile_save. For src/, tests and the engine itself. */
#ifndef KEXPLORE_CFGFILE_H
#define KEXPLORE_CFGFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "kexplore/kconfig.h"

/* The most a config may hold, decompressed (Debian's are 0.3 MB). */
#define KC_CFGFILE_MAX ((size_t)64 << 20)

/* How a file is stored, told by its first bytes (never by its name). */
enum kc_cfg_format { KC_FMT_PLAIN, KC_FMT_GZIP, KC_FMT_XZ, KC_FMT_ZSTD };

struct kc_cfgfile {
	char *data;			/* the decompressed contents, NUL-terminated */
	size_t len;			/* bytes in @data, not counting the terminator */
	enum kc_cfg_format format;	/* how the file was stored */
	int err;			/* on failure: an errno value for the cause */
	char *error;			/* on failure: what went wrong, without the path */
};

/* Flags of kc_cfgfile_read. */
#define KC_CFG_TEXT 1u	/* refuse binary data: a NUL or control byte is not a config */

/*
 * kc_cfgfile_read - read @path whole: plain, gzip, xz or zstd (concatenated
 * streams/members/frames as gzip(1), xz(1) and zstd(1) read them). Regular files,
 * pipes and /dev/null are read; a folder, another device or a socket is refused,
 * so are a truncated or corrupt stream (never a shorter config) and more than
 * KC_CFGFILE_MAX bytes before or after decompression. @f is filled in either
 * way (on failure: @error and @err set, @data NULL); release it with
 * kc_cfgfile_done.
 * Return: KC_OK; KC_ENOENT (no such file); KC_EIO (cannot be read, not a file);
 * KC_EINVAL (corrupt, truncated, too large, or binary with KC_CFG_TEXT).
 */
enum kc_status kc_cfgfile_read(const char *path, unsigned flags, struct kc_cfgfile *f);

/*
 * kc_cfgfile_decode - the same for @len bytes at @data already in memory (a
 * fuzzer's input, a file read another way): decompressed, bounded and checked
 * as kc_cfgfile_read does. Return KC_OK or KC_EINVAL.
 */
enum kc_status kc_cfgfile_decode(const void *data, size_t len, unsigned flags,
				 struct kc_cfgfile *f);

/* kc_cfgfile_done - free what kc_cfgfile_read or kc_cfgfile_decode put in @f. */
void kc_cfgfile_done(struct kc_cfgfile *f);

/* kc_cfg_format_name - "plain", "gzip", "xz" or "zstd" (static string). */
const char *kc_cfg_format_name(enum kc_cfg_format fmt);

/* kc_cfg_format_of - the format of data starting with @head (@len bytes of it). */
enum kc_cfg_format kc_cfg_format_of(const void *head, size_t len);

/*
 * kc_cfgfile_compressed - whether @path exists and holds compressed data;
 * its format goes to @fmt (may be NULL). False when it cannot be read.
 */
bool kc_cfgfile_compressed(const char *path, enum kc_cfg_format *fmt);

/* Flags of kc_cfgfile_save. */
#define KC_SAVE_KEEP_OLD 1u	/* keep the previous file as PATH.old */
#define KC_SAVE_CONFIG 2u	/* a config: KCONFIG_OVERWRITECONFIG, no compressed target */

/*
 * kc_cfgfile_save - write @data to @path. By default through a temp file in
 * the same folder, fsync and rename (kc_write_file_atomic): a failure leaves
 * @path and @path.old as they were, and unchanged contents are not rewritten.
 * With KC_SAVE_CONFIG, as the kernel's conf writes a .config: when
 * KCONFIG_OVERWRITECONFIG is set and not empty, @path is written in place
 * (through a symlink, no .old); and a compressed file at @path (a packaged
 * config.xz, /proc/config.gz) or a folder is refused before anything is written.
 * Return: KC_OK; KC_EINVAL (refused target) or KC_EIO (errno set), with a
 * message without the path in *@error (caller frees) when @error is not NULL.
 */
enum kc_status kc_cfgfile_save(const char *path, const char *data, size_t len, unsigned flags,
			       char **error);

/*
 * kc_defconfig_read - read the defconfig @name as `make NAME` does (NULL: the
 * arch's default, kc_tree_default_defconfig): a file as given or relative to the
 * tree, a bare name also in arch/$SRCARCH/configs/; else, for a bare name, a
 * target of arch/$SRCARCH/Makefile that merges a base defconfig with fragments
 * (merge_into_defconfig[_override], continued lines, and aliases such as
 * powerpc's "pseries_defconfig: ppc64le_guest_defconfig"), or a MIPS generic
 * target (generic_defconfig, ISA and endianness fragments, the boards whose
 * "# require" lines hold). User values are replaced. *@file receives the file
 * read (caller frees), NULL when it was a make target.
 * Return: KC_OK, KC_ENOENT (neither a file nor a target), or a read error
 * (diagnostics on the tree name the file).
 */
enum kc_status kc_defconfig_read(struct kc_tree *tree, const char *name, char **file);

#endif /* KEXPLORE_CFGFILE_H */
