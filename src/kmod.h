/* kmod.h - module names from this (or another) system: libkmod, sysfs modaliases, saved lsmod/lspci -k; for src/. */
#ifndef KEXPLORE_SRC_KMOD_H
#define KEXPLORE_SRC_KMOD_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Functions here return 0 on success and -1 with a message in *err (the
 * caller frees it) on failure; they never print. Strings in the lists below
 * belong to the list and go with its _free function.
 */

struct sysmod_ctx;

/* Where the module indexes (modules.alias.bin, ...) are. */
struct sysmod_opts {
	const char *root;		/* another system's root: ROOT/lib/modules/<release> */
	const char *modules_dir;	/* the folder holding modules.dep etc., wins over root */
	const char *release;		/* NULL: `uname -r` if present, else the newest under root */
};

/* A list of module names, in order of appearance, without duplicates. */
struct sysmod_names {
	char **v;
	size_t n, cap;
};

/* A device that wants a driver: from sysfs (--hardware) or from lspci -k. */
struct sysmod_device {
	char *id;		/* sysfs path below the root, or the lspci slot */
	char *description;	/* lspci's device line after the slot; NULL for sysfs */
	char *modalias;		/* NULL for lspci */
	char *driver;		/* bound driver ("Kernel driver in use"), NULL if none */
	char *driver_module;	/* sysfs: module owning the bound driver, NULL when built in */
	struct sysmod_names modules;	/* modules matching it ("Kernel modules" for lspci) */
};

struct sysmod_devices {
	struct sysmod_device *v;
	size_t n, cap;
};

/* sysmod_names_add - append a copy of @name unless it is already there ('-' == '_'). */
void sysmod_names_add(struct sysmod_names *l, const char *name);
void sysmod_names_free(struct sysmod_names *l);
void sysmod_devices_free(struct sysmod_devices *l);

/* sysmod_open - a libkmod context on the chosen module folder (not read yet). */
int sysmod_open(const struct sysmod_opts *opts, struct sysmod_ctx **out, char **err);
/* sysmod_load_indexes - read the folder's indexes now: an error when they are missing. */
int sysmod_load_indexes(struct sysmod_ctx *ctx, char **err);
void sysmod_close(struct sysmod_ctx *ctx);
/* sysmod_dir - the module folder in use. */
const char *sysmod_dir(const struct sysmod_ctx *ctx);

/* sysmod_loaded - the modules loaded now (/proc/modules through libkmod). */
int sysmod_loaded(struct sysmod_ctx *ctx, struct sysmod_names *out, char **err);

/* sysmod_resolve - the modules a modalias matches (built-in ones included), added to @out. */
int sysmod_resolve(struct sysmod_ctx *ctx, const char *modalias, struct sysmod_names *out,
		   char **err);

/*
 * sysmod_hardware - every device under @sysfs (NULL: /sys/devices) with a
 * modalias file, its bound driver and the modules its modalias resolves to,
 * sorted by path. Symbolic links are not followed.
 */
int sysmod_hardware(struct sysmod_ctx *ctx, const char *sysfs, struct sysmod_devices *out,
		    char **err);

/* sysmod_parse_lsmod - module names of saved `lsmod` (or /proc/modules) text. */
int sysmod_parse_lsmod(const char *text, struct sysmod_names *out, char **err);

/* sysmod_parse_lspci - devices of saved `lspci -k` text with their driver and modules lines. */
int sysmod_parse_lspci(const char *text, struct sysmod_devices *out, char **err);

/* sysmod_read_file - a whole file as a string (caller frees), NULL with *err set. */
char *sysmod_read_file(const char *path, char **err);

#endif /* KEXPLORE_SRC_KMOD_H */
