/* modules.h - what the three files of `kexplore modules` share: cmd-modules.c (options,
 * gathering names, --enable), modules-out.c (text and JSON reports), modules-local.c
 * (--localmodconfig). The policy (which symbols a module's plan asks for) is the library's,
 * kconfig/analysis/modplan.c. Only these three include it. */
#ifndef KEXPLORE_MODULES_H
#define KEXPLORE_MODULES_H

#include <stdbool.h>
#include <stdio.h>

#include <kexplore/kconfig.h>
#include <kexplore/modmap.h>
#include <kexplore/plan.h>

#include "kmod.h"

#define NCLOSEST 5
#define TEXT_ANYOF_MAX 3

/* One module name to report, with where it came from. */
struct request {
	char *name;
	struct sysmod_names sources;
};

struct modules_cmd {
	struct kc_tree *tree;
	struct kc_modmap *map;
	bool json;
	struct request *reqs;
	size_t nreqs, capreqs;
	struct sysmod_devices devices;		/* from --hardware and --lspci */
	struct sysmod_names unresolved;		/* "driver X (device): why" notes */
	bool allow_off;
	bool bad_name;		/* a module named on the command line is unknown */
	const char **names;	/* every requested name, for kc_modplan_request() */
	int status;
};

/* Options of the actions that write a config. */
struct modules_args {
	bool loaded, hardware, enable, localmod, localyes;
	const char *sysfs, *lsmod, *lspci, *out, *fragment;
	struct sysmod_opts kmod;
};

/* cmd-modules.c */
void modules_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* module_ability - whether @s can be m, and why not (in *buf when made up; caller frees). */
const char *module_ability(struct kc_tree *tree, struct kc_symbol *s, bool *can, char **buf);
const char *modules_sym_value(struct kc_tree *tree, const char *name);
const char *modules_kind_name(enum kc_mod_kind k);
struct kc_plan *modules_entry_plan(struct modules_cmd *c, const struct kc_modmap_entry *e,
				   enum kc_plan_status *st, const char **why);
const struct kc_modmap_entry *modules_best_entry(struct modules_cmd *c, const char *name);
FILE *modules_text_stream(const struct modules_args *a);
void modules_write_config(struct modules_cmd *c, const struct modules_args *a, const char *fragment);
void modules_plan_all(struct modules_cmd *c, struct kc_plan *plan, unsigned flags,
		      const struct kc_modmap_entry **found);

/* modules-out.c: the report of every request (and the devices), text or JSON. */
void modules_report(struct modules_cmd *c);

/* modules-local.c: --localmodconfig, a better `make localmodconfig`. */
int modules_localmod(struct modules_cmd *c, const struct modules_args *a);

#endif /* KEXPLORE_MODULES_H */
