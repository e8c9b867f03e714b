/* plan-private.h - structures shared by plan.c, plan-search.c and plan-out.c; kconfig/ only. */
#ifndef KCONFIG_PLAN_PRIVATE_H
#define KCONFIG_PLAN_PRIVATE_H

#include "kexplore/explain.h"
#include "kexplore/plan.h"

#include "util.h"

struct plan_req {
	struct kc_symbol *sym;		/* NULL: unknown name */
	const char *name;		/* as requested */
	const char *value;
	enum kc_plan_want want;
	unsigned flags;
	bool is_tri;
	enum kc_tristate tri;
};

/* Why a step is taken: its relation to the symbol that needs it. */
enum plan_rel {
	REL_REQUESTED,		/* the request itself */
	REL_DEPENDS,		/* for_sym depends on it (or its prompt/menu does) */
	REL_NEEDS_OFF,		/* for_sym's dependency needs it lower */
	REL_SELECTS,		/* it selects for_sym */
	REL_IMPLIES,		/* it implies for_sym */
	REL_DEFAULT,		/* for_sym's default needs it */
	REL_UNSELECT,		/* it selects for_sym, which must go lower */
	REL_CHOICE,		/* another member of for_sym's choice */
	REL_MODULES,		/* for_sym needs m */
	REL_RANGE,		/* picks the range that allows for_sym's value */
};

struct plan_why {
	enum plan_rel rel;
	struct kc_symbol *for_sym;
};

struct plan_frame {
	const struct kc_symbol *sym;
	int dir;
};

struct kc_plan {
	struct kc_tree *tree;
	struct kc_arena arena;
	struct kc_vec reqs;		/* struct plan_req * */
	struct kc_vec steps;		/* struct kc_plan_step * (arena) */
	struct kc_vec changes;		/* struct kc_plan_change * (arena) */
	struct kc_vec failures;		/* struct kc_plan_failure * (arena) */
	struct kc_vec explains;		/* struct kc_explain * to free */
	struct kc_explainer *ex;	/* lazily */
	size_t noff;
	bool solved;
	enum kc_plan_status status;

	/* search state */
	struct kc_plan_opts opts;
	unsigned work, budget;
	struct kc_vec active;		/* struct plan_req * that must keep holding */
	struct plan_frame stack[96];
	int depth;
	const char *fail;		/* first dead end of the current request */
	size_t nlowered;		/* values the steps explicitly lowered (incl. choice holders) */
	struct kc_vec avoid;		/* symbols not to set: they turned something off */
	const char **orig;		/* value of kc_tree_sym(i) before the plan (arena) */
	size_t cp_orig;			/* checkpoint at the state before the plan (kc_plan_solve) */
	size_t norig;
};

/* plan-search.c */
bool kc_plan_req_holds(const struct plan_req *r);
bool kc_plan_achieve(struct kc_plan *p, const struct plan_req *r);
/* Count of value changes and of "off" changes against p->orig, now (evaluates every symbol). */
void kc_plan_measure(struct kc_plan *p, size_t *nchanged, size_t *noff);
bool kc_plan_is_requested_lower(const struct kc_plan *p, const struct kc_symbol *s);

/* plan.c */
const char *kc_plan_strf(struct kc_plan *p, const char *fmt, ...) KC_PRINTF(2, 3);
struct kc_explainer *kc_plan_explainer(struct kc_plan *p);

#endif /* KCONFIG_PLAN_PRIVATE_H */
