/* profile-private.h - structures shared by the profile-*.c files of libkconfig; nothing else includes it. */
#ifndef KCONFIG_PROFILE_PRIVATE_H
#define KCONFIG_PROFILE_PRIVATE_H

#include <kexplore/profile.h>

#include "util.h"

struct kc_profile_set {
	struct kc_arena arena;		/* profiles, items and their strings */
	struct kc_vec profiles;		/* struct kc_profile *, sorted by name */
	struct kc_vec diags;		/* struct kc_diag * (heap; strings in the arena) */
};

struct kc_profile {
	const char *name;
	const char *description;
	const char *path;
	const char **sources;
	size_t nsources;
	const char **requires;
	size_t nrequires;
	int requires_line;		/* first '# requires:' line, for diagnostics */
	struct kc_profile_item *items;
	size_t nitems;
};

struct kc_profile_sel {
	struct kc_arena arena;
	struct kc_vec profiles;		/* const struct kc_profile * */
	struct kc_vec reqs;		/* struct kc_profile_req * (arena) */
	struct kc_vec skipped;		/* const struct kc_profile_item * */
	struct kc_prof_check *checks;	/* nreqs, after kc_profile_check */
	char **reasons;			/* heap strings of the last check */
	char **actuals;
	size_t nchecks;
	unsigned char *asked;		/* enum kc_prof_asked per req, after kc_profile_plan */
	struct kc_explainer *own_ex;	/* made by kc_profile_check when given none */
	struct kc_tree *own_ex_tree;
};

/* kc_prof_diag - record a diagnostic in the set (message formatted). */
void kc_prof_diag(struct kc_profile_set *set, enum kc_level lvl, const char *file, int line,
		  const char *fmt, ...) KC_PRINTF(5, 6);

/* kc_prof_parse - parse one profile text into the set's arena (never NULL). */
struct kc_profile *kc_prof_parse(struct kc_profile_set *set, const char *path,
				 const char *buf, size_t len);

/* kc_prof_checks_free - forget the results of the last check (profile-check.c). */
void kc_prof_checks_free(struct kc_profile_sel *sel);

#endif /* KCONFIG_PROFILE_PRIVATE_H */
