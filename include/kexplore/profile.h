/* profile.h - baseline profiles (Kconfig fragments with a header): load, merge, check; for src/ and tests. */
#ifndef KEXPLORE_PROFILE_H
#define KEXPLORE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/explain.h>
#include <kexplore/kconfig.h>

/*
 * A profile is a Kconfig fragment with a header:
 *
 *   # name: containers
 *   # description: what docker/podman and LXC need
 *   # requires: namespaces cgroups-v2
 *   # source: docker 20.10.24 contrib/check-config.sh
 *
 *   CONFIG_VETH=m              # [y/m] a veth pair links a container to the host
 *   # CONFIG_LEGACY_PTYS is not set
 *   CONFIG_ZRAM_DEF_COMP="zstd"  # [recommended] [linux>=6.12]
 *
 * Markers are [bracketed] words at the start of an item's comment, or of a
 * comment line above a group of items (the group ends at a blank line):
 *   [y/m]             y or m both satisfy the item (value says which apply asks for)
 *   [recommended]     reported, but does not make check fail
 *   [linux>=A.B[.C]]  only for kernels at least A.B; [linux<A.B] only below A.B
 *   [arch=x86,arm64]  only for these SRCARCHes; [arch!=s390] all but these
 * The comment text (group comment, then the line's own) says why the item is there.
 *
 * Ownership: everything returned is borrowed from the set (profiles, items,
 * strings) or from the selection (requirements, check results) and lives
 * until the matching _free. No printing, no exit(), no global state.
 */

struct kc_profile_set;		/* loaded profiles and the diagnostics of loading them */
struct kc_profile;
struct kc_profile_sel;		/* merged requirements of chosen profiles */

/* Kernel versions as one comparable number: KC_KVER(6, 12, 0). */
#define KC_KVER(a, b, c) ((a) * 1000000L + (b) * 1000L + (c))

/* One line of a profile. */
struct kc_profile_item {
	const char *sym;		/* name without CONFIG_ */
	const char *value;		/* "y", "m", "n", or the int/hex/string value (unquoted) */
	unsigned accept;		/* y/m/n values: mask of accepted values (1 << KC_N, ...); else 0 */
	bool recommended;		/* [recommended] */
	long linux_min;			/* [linux>=...]: lowest version it applies to; 0: none */
	long linux_below;		/* [linux<...]: first version it no longer applies to; 0: none */
	const char *arches;		/* [arch=...] comma list, NULL: every arch */
	bool arches_negated;		/* [arch!=...] */
	const char *why;		/* the comment, "" when none */
	const char *file;
	int line;
	const struct kc_profile *profile;
};

/* ---- loading ----------------------------------------------------------- */

/* kc_profile_set_new / _free - an empty set; free releases every profile and string. */
struct kc_profile_set *kc_profile_set_new(void);
void kc_profile_set_free(struct kc_profile_set *set);

/*
 * kc_profile_set_add_dir - load every *.profile file in @dir. A profile whose
 * name is already loaded replaces the earlier one (so add the data dir first,
 * then the user's). Return KC_ENOENT (no diagnostic) when @dir does not exist,
 * KC_EPARSE when a file had errors (diagnostics say where), else KC_OK.
 */
enum kc_status kc_profile_set_add_dir(struct kc_profile_set *set, const char *dir);

/*
 * kc_profile_set_add_search_path - the usual folders, in order: every folder
 * of $KEXPLORE_PROFILE_PATH (':'-separated) when it is set; else @datadir
 * (the installed profiles, NULL: none), then $XDG_CONFIG_HOME/kexplore/profiles
 * or ~/.config/kexplore/profiles. Missing folders are skipped silently.
 */
void kc_profile_set_add_search_path(struct kc_profile_set *set, const char *datadir);

/*
 * kc_profile_set_add_file - load one profile file (replacing a same-named
 * one); @out, if not NULL, receives it (NULL when the file could not be read).
 * Return KC_ENOENT/KC_EIO when unreadable, KC_EPARSE on errors, else KC_OK.
 */
enum kc_status kc_profile_set_add_file(struct kc_profile_set *set, const char *path,
				       struct kc_profile **out);

/* kc_profile_set_add_buf - same from memory; @path names it in diagnostics and
 * gives the default name (its base name without .profile). */
enum kc_status kc_profile_set_add_buf(struct kc_profile_set *set, const char *path,
				      const char *buf, size_t len, struct kc_profile **out);

/* Diagnostics of loading and selecting ("file:line: error: ..."). */
size_t kc_profile_set_ndiags(const struct kc_profile_set *set);
const struct kc_diag *kc_profile_set_diag(const struct kc_profile_set *set, size_t i);
void kc_profile_set_clear_diags(struct kc_profile_set *set);

/* kc_profile_count / kc_profile_at - the loaded profiles, sorted by name. */
size_t kc_profile_count(const struct kc_profile_set *set);
struct kc_profile *kc_profile_at(const struct kc_profile_set *set, size_t i);
/* kc_profile_find - a loaded profile by name, or NULL. */
struct kc_profile *kc_profile_find(const struct kc_profile_set *set, const char *name);

const char *kc_profile_name(const struct kc_profile *p);
const char *kc_profile_description(const struct kc_profile *p);	/* "" when none */
const char *kc_profile_path(const struct kc_profile *p);
/* '# source:' lines: which version of which document the list follows. */
size_t kc_profile_nsources(const struct kc_profile *p);
const char *kc_profile_source(const struct kc_profile *p, size_t i);
/* '# requires:' names, as written. */
size_t kc_profile_nrequires(const struct kc_profile *p);
const char *kc_profile_require(const struct kc_profile *p, size_t i);
/* The profile's own items, in file order (not those of the profiles it requires). */
size_t kc_profile_nitems(const struct kc_profile *p);
const struct kc_profile_item *kc_profile_item(const struct kc_profile *p, size_t i);

/* kc_profile_item_applies - whether the item's [linux...] and [arch...]
 * markers admit @kernelversion ("6.12.117") and @srcarch ("x86"). NULL
 * arguments admit everything. */
bool kc_profile_item_applies(const struct kc_profile_item *it, const char *kernelversion,
			     const char *srcarch);

/* kc_kver_parse - "6.12.117-rc1" -> KC_KVER(6, 12, 117); 0 when not a version. */
long kc_kver_parse(const char *s);

/* ---- selecting and merging --------------------------------------------- */

/* One symbol asked for by the selected profiles, their items merged. */
struct kc_profile_req {
	const char *sym;		/* name without CONFIG_ */
	const char *value;		/* the value apply asks for */
	unsigned accept;		/* y/m/n: intersection of the items' masks; else 0 */
	bool recommended;		/* every item asking for it is [recommended] */
	const struct kc_profile_item *item;	/* the item that decided value (why, file:line) */
	size_t nitems;			/* every item on this symbol, in selection order */
	const struct kc_profile_item *const *items;
	const char *conflict;		/* why the items cannot all be met; NULL when they agree */
	const char *note;		/* a [recommended] item overruled by a required one, or NULL */
};

/*
 * kc_profile_select - merge the items of the profiles named in @names (and of
 * everything they require, depth first, each once) into one requirement per
 * symbol. Items outside @kernelversion / @srcarch (see kc_profile_item_applies;
 * NULL: keep all) are left out and counted in kc_profile_sel_nskipped. Items on
 * one symbol merge: ->accept is what all of them accept. A required item wins
 * over a [recommended] one that disagrees (->note says so); two required (or
 * two recommended) items that disagree set ->conflict.
 * Unknown names and requirement cycles are error diagnostics in @set.
 * Return KC_OK, or KC_ENOENT when a profile is unknown (*out is still set).
 */
enum kc_status kc_profile_select(struct kc_profile_set *set, const char *const *names,
				 size_t n, const char *kernelversion, const char *srcarch,
				 struct kc_profile_sel **out);
void kc_profile_sel_free(struct kc_profile_sel *sel);

/* The profiles taken in, required ones before those requiring them. */
size_t kc_profile_sel_nprofiles(const struct kc_profile_sel *sel);
const struct kc_profile *kc_profile_sel_profile(const struct kc_profile_sel *sel, size_t i);
/* The requirements, in the order their symbols first appear. */
size_t kc_profile_sel_nreqs(const struct kc_profile_sel *sel);
const struct kc_profile_req *kc_profile_sel_req(const struct kc_profile_sel *sel, size_t i);
/* Items left out by version or arch, and each of them. */
size_t kc_profile_sel_nskipped(const struct kc_profile_sel *sel);
const struct kc_profile_item *kc_profile_sel_skipped(const struct kc_profile_sel *sel, size_t i);

/* ---- checking ---------------------------------------------------------- */

#define KC_PROF_STATE_LIST(_) \
	_(MET, "met") \
	_(MODULE, "met as module") \
	_(MISSING, "missing") \
	_(IMPOSSIBLE, "impossible here") \
	_(CONFLICT, "conflict")

enum kc_prof_state {
#define KC_PROF_STATE_ENUM(name, text) KC_PROF_##name,
	KC_PROF_STATE_LIST(KC_PROF_STATE_ENUM)
#undef KC_PROF_STATE_ENUM
};
/* kc_prof_state_str - "met", "met as module", ... (static string). */
const char *kc_prof_state_str(enum kc_prof_state st);

struct kc_prof_check {
	enum kc_prof_state state;
	const char *actual;		/* current value: "y", "m", "n" or the string; "n" when undefined */
	const char *reason;		/* one line: why it is not met; NULL when met */
	const struct kc_explain *why;	/* the whole explanation when not met (else NULL) */
};

/*
 * kc_profile_check - compare every requirement with the tree's current values.
 * A req is met when its value is accepted (a y/m/n item on a symbol this
 * tree does not define counts as n; an absent string option as ""). For the
 * others, the explanation engine (kc_explain) says why, and whether any
 * config of this tree could meet it: missing when it could, impossible here
 * when not. @ex is the tree's explainer (kept alive until the selection is
 * freed or checked again); NULL: the selection makes and keeps its own.
 * Results replace those of an earlier check (kc_profile_sel_check()).
 * Return true when every required (not [recommended]) req is met.
 */
bool kc_profile_check(struct kc_profile_sel *sel, struct kc_tree *tree, struct kc_explainer *ex);
const struct kc_prof_check *kc_profile_sel_check(const struct kc_profile_sel *sel, size_t i);

/* Counts of the last check, over required and over recommended reqs. */
struct kc_profile_tally {
	size_t state[KC_PROF_CONFLICT + 1];	/* required reqs by state */
	size_t rec_state[KC_PROF_CONFLICT + 1];	/* recommended reqs by state */
	size_t required, recommended;
};
/* kc_profile_tally - count the last check's results; @p limits it to the reqs
 * with an item of @p itself (not of what it requires); NULL counts everything. */
void kc_profile_tally(const struct kc_profile_sel *sel, const struct kc_profile *p,
		      struct kc_profile_tally *t);

/* ---- applying ----------------------------------------------------------- */

struct kc_plan;

/*
 * kc_profile_plan - one planner request list (kexplore/plan.h) for every req
 * the last kc_profile_check() found missing: required ones as required,
 * [recommended] ones as optional (KC_REQ_OPTIONAL), or left out with
 * @required_only. Met, impossible and conflicting reqs are not asked (check
 * has explained them). A [y/m] item whose value is m asks for at least m (a
 * bool: y); everything else for exactly its value. The plan is not solved:
 * call kc_plan_solve(), show it, kc_plan_apply(), then kc_profile_check()
 * again to see what holds. Free it with kc_plan_free() before the tree.
 */
struct kc_plan *kc_profile_plan(struct kc_profile_sel *sel, struct kc_tree *tree,
				bool required_only);

enum kc_prof_asked {
	KC_PROF_NOT_ASKED,	/* met, impossible, in conflict, or left out */
	KC_PROF_ASKED,		/* a request of the plan */
	KC_PROF_REFUSED,	/* the planner refused the request (kc_plan_add failed) */
};
/* kc_profile_sel_asked - what kc_profile_plan did with req @i. */
enum kc_prof_asked kc_profile_sel_asked(const struct kc_profile_sel *sel, size_t i);

#endif /* KEXPLORE_PROFILE_H */
