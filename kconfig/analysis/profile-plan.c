/* profile-plan.c - turn a checked profile selection into one request list for the planner. */
#include "config.h"

#include <kexplore/profile.h>

#include <stdlib.h>
#include <string.h>

#include <kexplore/plan.h>

#include "profile-private.h"

/*
 * How a requirement is asked of the planner: [y/m] with the value y asks for
 * y, with the value m for at least m (a bool: y, since m is no value for it);
 * everything else exactly.
 */
static enum kc_plan_want
plan_want(const struct kc_profile_req *r, struct kc_symbol *sym, const char **value)
{
	*value = r->value;
	if (r->accept != (1u << KC_Y | 1u << KC_M) || !strcmp(r->value, "y"))
		return KC_WANT_EXACT;
	if (sym && kc_sym_type(sym) == KC_BOOL) {
		*value = "y";
		return KC_WANT_EXACT;
	}
	return KC_WANT_AT_LEAST;
}

struct kc_plan *
kc_profile_plan(struct kc_profile_sel *sel, struct kc_tree *tree, bool required_only)
{
	struct kc_plan *plan = kc_plan_new(tree);
	size_t i;

	free(sel->asked);
	sel->asked = kc_xcalloc(sel->reqs.n + 1, sizeof(*sel->asked));
	for (i = 0; i < sel->reqs.n && i < sel->nchecks; i++) {
		const struct kc_profile_req *r = sel->reqs.v[i];
		struct kc_symbol *sym = kc_sym_find(tree, r->sym);
		const char *value;
		enum kc_plan_want w = plan_want(r, sym, &value);
		enum kc_status st;

		/* met needs nothing; impossible and conflicting ones check has explained */
		if (sel->checks[i].state != KC_PROF_MISSING || (r->recommended && required_only))
			continue;
		st = kc_plan_add(plan, sym, value, w, r->recommended ? KC_REQ_OPTIONAL : 0);
		sel->asked[i] = st == KC_OK || st == KC_ENOSYM ? KC_PROF_ASKED : KC_PROF_REFUSED;
	}
	return plan;
}

enum kc_prof_asked
kc_profile_sel_asked(const struct kc_profile_sel *sel, size_t i)
{
	return sel->asked && i < sel->reqs.n ? (enum kc_prof_asked)sel->asked[i] : KC_PROF_NOT_ASKED;
}
