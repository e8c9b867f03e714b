/*
 * agree-why-plan.c - do `why SYM VALUE` and `enable SYM=VALUE` agree on int, hex and string
 * values? For every such symbol with a menu entry, a few values (a string "kx-test"; for a
 * number its value+1, 2*value+2 and value/2), ask the explanation whether the value can be had
 * and the planner (with allow-off) whether it finds a plan, and count where they differ.
 * A measurement, not a test: run by tests/bench/agree-why-plan.sh.
 *
 * usage: agree-why-plan TREE ARCH CONFIG    prints each disagreement and a summary line
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/explain.h"
#include "kexplore/kconfig.h"
#include "kexplore/plan.h"

/* The values asked about for @s; returns how many were written to @v. */
static int
values_for(struct kc_symbol *s, char v[3][64])
{
	enum kc_type ty = kc_sym_type(s);
	long long c = strtoll(kc_sym_string(s), NULL, ty == KC_HEX ? 16 : 10);

	if (ty == KC_STRING) {
		strcpy(v[0], "kx-test");
		return 1;
	}
	if (ty == KC_HEX) {
		snprintf(v[0], 64, "0x%llx", c + 1);
		snprintf(v[1], 64, "0x%llx", c * 2 + 2);
		return 2;
	}
	if (ty != KC_INT)
		return 0;
	snprintf(v[0], 64, "%lld", c + 1);
	snprintf(v[1], 64, "%lld", c * 2 + 2);
	snprintf(v[2], 64, "%lld", c > 1 ? c / 2 : 0);
	return 3;
}

/* 1 when they disagree (printed), 0 when they agree. */
static int
ask(struct kc_tree *t, struct kc_explainer *ex, struct kc_symbol *s, const char *val,
    size_t *why_only)
{
	struct kc_plan_opts po = { .allow_off = true };
	struct kc_explain *e = kc_explain(ex, s, val);
	struct kc_plan *p = kc_plan_new(t);
	bool why_ok = kc_explain_possible(e), plan_ok;

	kc_plan_add(p, s, val, KC_WANT_EXACT, 0);
	plan_ok = kc_plan_solve(p, &po) != KC_PLAN_IMPOSSIBLE;
	if (why_ok != plan_ok) {
		printf("differ: %s=%s why=%s enable=%s%s%s\n", kc_sym_name(s), val,
		       why_ok ? "possible" : "impossible", plan_ok ? "plan" : "none",
		       kc_plan_nfailures(p) ? ": " : "",
		       kc_plan_nfailures(p) ? kc_plan_failure(p, 0)->reason : "");
		*why_only += why_ok;
	}
	kc_plan_free(p);
	kc_explain_free(e);
	return why_ok != plan_ok;
}

int
main(int argc, char **argv)
{
	struct kc_load_opts o = { 0 };
	size_t i, asked = 0, differ = 0, why_only = 0;
	struct kc_explainer *ex;
	struct kc_tree *t = NULL;

	if (argc != 4) {
		fprintf(stderr, "usage: agree-why-plan TREE ARCH CONFIG\n");
		return 2;
	}
	o.srctree = argv[1];
	o.arch = argv[2];
	if (kc_tree_load(&o, &t) != KC_OK || kc_config_read(t, argv[3]) != KC_OK) {
		fprintf(stderr, "agree-why-plan: cannot load %s with %s\n", argv[1], argv[3]);
		return 1;
	}
	kc_tree_clear_diags(t);
	ex = kc_explainer_new(t);
	for (i = 0; i < kc_tree_nsyms(t); i++) {
		struct kc_symbol *s = kc_tree_sym(t, i);
		char v[3][64];
		int k, n;

		if (!kc_sym_defined(s) || !kc_sym_nmenus(s))
			continue;
		for (n = values_for(s, v), k = 0; k < n; k++, asked++)
			differ += ask(t, ex, s, v[k], &why_only);
	}
	printf("asked %zu, agree %zu, differ %zu (why possible, no plan: %zu; plan, why impossible: %zu)\n",
	       asked, asked - differ, differ, why_only, differ - why_only);
	kc_explainer_free(ex);
	kc_tree_free(t);
	return 0;
}
