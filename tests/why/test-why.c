/*
 * test-why.c - explanations and plans on the fixture tree tests/why/tree (ARCH=foo).
 *
 * Every expectation is reasoned from the fixture's Kconfig and config (read
 * them side by side): which cause kind must show up, which symbol the user
 * has to change and where the config sets it, and which steps the fewest
 * changes are. Nothing here is pasted from kexplore's output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/explain.h"
#include "kexplore/kconfig.h"
#include "kexplore/plan.h"

#include "../lib/tap.h"

static struct kc_tree *tree;
static struct kc_explainer *ex;

/* ---- explanations ------------------------------------------------------------ */

static const struct kc_cause *
find(const struct kc_explain *e, enum kc_cause_kind kind, const char *sym)
{
	size_t i;

	for (i = 0; i < kc_explain_ncauses(e); i++) {
		const struct kc_cause *c = kc_explain_cause(e, i);

		if (c->kind == kind && (!sym || (c->sym && !strcmp(kc_sym_name(c->sym), sym))))
			return c;
	}
	return NULL;
}

static bool
text_has(const struct kc_explain *e, const char *needle)
{
	char *t = kc_explain_text(e);
	bool r = strstr(t, needle) != NULL;

	if (!r)
		printf("# no \"%s\" in:\n# %s\n", needle, t);
	free(t);
	return r;
}

static struct kc_explain *
why(const char *name, const char *want)
{
	return kc_explain(ex, kc_sym_find(tree, name), want);
}

/* The user's own setting of @sym, at line @line of the fixture's config. */
static bool
user_at(const struct kc_explain *e, const char *sym, int line)
{
	const struct kc_cause *c = find(e, KC_CAUSE_USER, sym);

	return c && c->fixable && c->file && strstr(c->file, "tests/why/tree/config") &&
	       c->line == line;
}

static void
test_structure(void)
{
	struct kc_explain *e;

	/* DEP_A depends on DEP_B; config line 2 says DEP_B is not set */
	e = why("DEP_A", NULL);
	ok(find(e, KC_CAUSE_DEPENDS, "DEP_A") && user_at(e, "DEP_B", 2) && kc_explain_possible(e),
	   "why DEP_A: its 'depends on DEP_B', and DEP_B set to n at config:2");
	kc_explain_free(e);
	/* IN_IF sits in "if IFCOND"; IFCOND is n at config line 3 */
	e = why("IN_IF", NULL);
	ok(find(e, KC_CAUSE_IF_BLOCK, NULL) && user_at(e, "IFCOND", 3),
	   "why IN_IF: the enclosing 'if IFCOND', IFCOND at config:3");
	kc_explain_free(e);
	/* IN_MENU sits in a menu that depends on MENUCOND (config line 4) */
	e = why("IN_MENU", NULL);
	ok(find(e, KC_CAUSE_MENU_DEP, NULL) && user_at(e, "MENUCOND", 4),
	   "why IN_MENU: the menu's 'depends on MENUCOND', MENUCOND at config:4");
	kc_explain_free(e);
	/* IN_VIS sits in a menu that is 'visible if VISCOND' (config line 5) */
	e = why("IN_VIS", NULL);
	ok(find(e, KC_CAUSE_VISIBLE_IF, NULL) && user_at(e, "VISCOND", 5) &&
	   !find(e, KC_CAUSE_MENU_DEP, NULL),
	   "why IN_VIS: the menu's 'visible if VISCOND', VISCOND at config:5");
	kc_explain_free(e);
	/* PIF's prompt is "if PIFCOND" (config line 6) */
	e = why("PIF", NULL);
	ok(find(e, KC_CAUSE_PROMPT_IF, "PIF") && user_at(e, "PIFCOND", 6),
	   "why PIF: the prompt's own 'if PIFCOND', PIFCOND at config:6");
	kc_explain_free(e);
}

static void
test_routes(void)
{
	struct kc_explain *e;

	/* HIDDEN has no prompt; only SEL_OWNER selects it, n at config line 7 */
	e = why("HIDDEN", NULL);
	ok(find(e, KC_CAUSE_NO_PROMPT, "HIDDEN") && find(e, KC_CAUSE_SELECT, "SEL_OWNER") &&
	   user_at(e, "SEL_OWNER", 7), "why HIDDEN: no prompt, selected only by SEL_OWNER");
	kc_explain_free(e);
	/* CH_B is in a choice where the config (line 8) chose CH_A */
	e = why("CH_B", NULL);
	ok(find(e, KC_CAUSE_CHOICE, "CH_A") != NULL && kc_explain_possible(e),
	   "why CH_B: the choice, held by CH_A");
	kc_explain_free(e);
	/* 50 is outside "range 1 10 if !BIGRANGE"; "range 1 100 if BIGRANGE" would take it */
	e = why("NUM", "50");
	ok(find(e, KC_CAUSE_RANGE, "NUM") && user_at(e, "BIGRANGE", 9) && kc_explain_possible(e),
	   "why NUM 50: the active range 1..10; BIGRANGE (config:9) opens 1..100");
	kc_explain_free(e);
	/* TRI_T=y needs TRI_DEP=y; the config (line 15) has TRI_DEP=m */
	e = why("TRI_T", "y");
	{
		const struct kc_cause *c = find(e, KC_CAUSE_SYMBOL, "TRI_DEP");

		ok(c && c->want && !strcmp(c->want, "y") && c->value && !strcmp(c->value, "m") &&
		   user_at(e, "TRI_DEP", 15), "why TRI_T y: TRI_DEP is m and needs y");
	}
	kc_explain_free(e);
	/* OR_T depends on OR_X || OR_Y: both n, either would do */
	e = why("OR_T", NULL);
	ok(find(e, KC_CAUSE_ANY_OF, NULL) && user_at(e, "OR_Y", 14) && user_at(e, "FARDEP", 13),
	   "why OR_T: none of OR_X || OR_Y holds, both ways shown");
	kc_explain_free(e);
}

static void
test_roots(void)
{
	struct kc_explain *e;

	/* BAR_THING is only defined in arch/bar/Kconfig */
	e = why("NEEDS_BAR", NULL);
	ok(find(e, KC_CAUSE_UNDEFINED, "BAR_THING") && !kc_explain_possible(e) &&
	   text_has(e, "exists on: bar"), "why NEEDS_BAR: BAR_THING exists on bar only");
	kc_explain_free(e);
	ok(!strcmp(kc_explain_arches(ex, "BAR_THING"), "bar") &&
	   !strcmp(kc_explain_arches(ex, "FOO_ARCH"), "foo"), "the arch index of arch/*/Kconfig");
	/* CC_HAS_FOO is def_bool $(success,false): a toolchain test that fails */
	e = why("USES_FOO", NULL);
	ok(find(e, KC_CAUSE_TOOLCHAIN, NULL) && !kc_explain_possible(e) && text_has(e, "false"),
	   "why USES_FOO: the toolchain test behind CC_HAS_FOO, with its command");
	kc_explain_free(e);
	/* PLAIN is simply set to n at config line 11 */
	e = why("PLAIN", NULL);
	ok(user_at(e, "PLAIN", 11) && kc_explain_root(e)->nchildren == 1,
	   "why PLAIN: only the user's own setting at config:11");
	kc_explain_free(e);
	/* ALWAYS is def_bool y without prompt: NEVER (depends on !ALWAYS) cannot be y */
	e = why("NEVER", NULL);
	ok(!kc_explain_possible(e) && find(e, KC_CAUSE_DEFAULT, "ALWAYS"),
	   "why NEVER: !ALWAYS, and ALWAYS is an unconditional default");
	kc_explain_free(e);
}

static void
test_stuck_and_shared(void)
{
	struct kc_explain *e;
	const struct kc_cause *c;

	/* LIB is selected by MID, which TOP selects; TOP=y at config line 12 */
	e = why("LIB", NULL);
	ok(!strcmp(kc_explain_root(e)->want, "n") && find(e, KC_CAUSE_SELECT, "MID") &&
	   find(e, KC_CAUSE_SELECT, "TOP") && user_at(e, "TOP", 12),
	   "why LIB (stuck on): select chain MID <- TOP, down to TOP=y at config:12");
	kc_explain_free(e);
	/* SH_A and SH_B both need SH_C: one node, two parents, printed once */
	e = why("SH_T", NULL);
	c = find(e, KC_CAUSE_SYMBOL, "SH_C");
	ok(c && c->nparents == 2 && text_has(e, "(see #"), "why SH_T: SH_C is one shared cause");
	kc_explain_free(e);
}

static void
test_render(void)
{
	struct kc_explain *e = why("DEP_A", NULL);
	char *j = kc_explain_json(e), *d = kc_explain_dot(e);

	ok(!strncmp(j, "{\"symbol\":\"DEP_A\",\"value\":\"n\",\"want\":\"y\",\"possible\":true,", 56) &&
	   strstr(j, "\"kind\":\"depends\"") && strstr(j, "\"kind\":\"user\""),
	   "JSON: the question and the causes");
	ok(!strncmp(d, "digraph why {", 13) && strstr(d, "c0 -> c1;"), "dot: a digraph with edges");
	free(j);
	free(d);
	kc_explain_free(e);
}

static void
test_modules(void)
{
	struct kc_symbol *mod = kc_sym_find(tree, "MODULES");
	struct kc_explain *e;
	struct kc_plan *p;

	/* without modules, m is impossible until MODULES is y again */
	kc_sym_set_tristate(mod, KC_N);
	e = why("TRI_T", "m");
	ok(find(e, KC_CAUSE_MODULES, "MODULES") && kc_explain_possible(e),
	   "why TRI_T m without modules: MODULES is n");
	kc_explain_free(e);
	p = kc_plan_new(tree);
	kc_plan_add(p, kc_sym_find(tree, "TRI_T"), "m", KC_WANT_EXACT, 0);
	/* TRI_DEP=m in the config reads as y without modules: MODULES=y lowers it to m */
	ok(kc_plan_solve(p, NULL) == KC_PLAN_NEEDS_OFF && kc_plan_nsteps(p) == 2 &&
	   !strcmp(kc_sym_name(kc_plan_step(p, 0)->sym), "MODULES") && kc_plan_noff(p) == 1,
	   "plan TRI_T=m without modules: MODULES=y first, which lowers TRI_DEP to m");
	kc_plan_free(p);
	kc_sym_set_tristate(mod, KC_Y);
}

/* ---- plans ---------------------------------------------------------------------- */

/* Solve the requests (NAME=VALUE specs) and compare the steps with @steps
 * ("A=y B=m", in order); returns the status. */
static enum kc_plan_status
plan(const char *specs, const char *steps, bool allow_off, struct kc_plan **out)
{
	struct kc_plan *p = kc_plan_new(tree);
	struct kc_plan_opts o = { .allow_off = allow_off };
	char *copy = strdup(specs), *tok, *save = NULL, got[1024] = "";
	enum kc_plan_status st;
	size_t i;

	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *err = NULL;

		if (kc_plan_add_spec(p, tok, false, 0, &err) != KC_OK)
			printf("# %s: %s\n", tok, err);
		free(err);
	}
	free(copy);
	st = kc_plan_solve(p, &o);
	for (i = 0; i < kc_plan_nsteps(p); i++) {
		const struct kc_plan_step *s = kc_plan_step(p, i);

		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s=%s", i ? " " : "",
			 kc_sym_name(s->sym), s->value);
	}
	if (steps && strcmp(got, steps)) {
		printf("# plan %s: steps \"%s\", expected \"%s\"\n", specs, got, steps);
		st = (enum kc_plan_status)-1;
	}
	if (out)
		*out = p;
	else
		kc_plan_free(p);
	return st;
}

static void
test_plans(void)
{
	ok(plan("DEP_A", "DEP_B=y DEP_A=y", false, NULL) == KC_PLAN_OK,
	   "plan DEP_A: DEP_B then DEP_A");
	ok(plan("HIDDEN", "SEL_OWNER=y", false, NULL) == KC_PLAN_OK,
	   "plan HIDDEN: its only selector");
	/* CH_A going n is what choosing CH_B means: not an 'off' */
	ok(plan("CH_B", "CH_B=y", false, NULL) == KC_PLAN_OK, "plan CH_B: choose it");
	ok(plan("NUM=50", "BIGRANGE=y NUM=50", false, NULL) == KC_PLAN_OK,
	   "plan NUM=50: open the range 1..100 first");
	/* OR_Y is one step, the OR_X way needs FARDEP too */
	ok(plan("OR_T", "OR_Y=y OR_T=y", false, NULL) == KC_PLAN_OK,
	   "plan OR_T: the cheaper side of the ||");
	ok(plan("TRI_T=y", "TRI_DEP=y TRI_T=y", false, NULL) == KC_PLAN_OK,
	   "plan TRI_T=y: TRI_DEP from m to y first");
	ok(plan("TRI_T", "TRI_T=m", false, NULL) == KC_PLAN_OK,
	   "plan TRI_T (tristate: at least m): m is enough");
	ok(plan("STR=xyz ADDR=2000", "STR=xyz ADDR=0x2000", false, NULL) == KC_PLAN_OK,
	   "plan a string and a hex value");
	ok(plan("SH_T", "SH_C=y SH_A=y SH_B=y SH_T=y", false, NULL) == KC_PLAN_OK,
	   "plan SH_T: the shared SH_C once, in dependency order");
	ok(plan("PLAIN=n", "", false, NULL) == KC_PLAN_OK, "plan PLAIN=n: nothing to do");
}

static void
test_no_plan(void)
{
	struct kc_plan *p;
	const struct kc_plan_failure *f;

	ok(plan("NEEDS_BAR", "", false, &p) == KC_PLAN_IMPOSSIBLE &&
	   (f = kc_plan_failure(p, 0)) && strstr(f->reason, "exists on: bar") && f->why,
	   "no plan for NEEDS_BAR: BAR_THING exists on bar only");
	kc_plan_free(p);
	ok(plan("USES_FOO", "", false, &p) == KC_PLAN_IMPOSSIBLE && kc_plan_nfailures(p) == 1 &&
	   !kc_explain_possible(kc_plan_failure(p, 0)->why), "no plan for USES_FOO: toolchain");
	kc_plan_free(p);
	ok(plan("NEVER", "", false, &p) == KC_PLAN_IMPOSSIBLE, "no plan for NEVER: !ALWAYS");
	kc_plan_free(p);
	ok(plan("CH_A CH_B", NULL, false, &p) == KC_PLAN_IMPOSSIBLE &&
	   (f = kc_plan_failure(p, 0)) && strstr(f->reason, "same choice"),
	   "no plan for CH_A and CH_B together: same choice");
	kc_plan_free(p);
}

static void
test_off_and_apply(void)
{
	struct kc_plan *p;
	char *before = kc_config_str(tree), *after, *frag;

	/* LIB=n: TOP must go, and MID with it; both were y */
	ok(plan("LIB=n", "TOP=n", false, &p) == KC_PLAN_NEEDS_OFF && kc_plan_noff(p) == 2,
	   "plan LIB=n: TOP=n, which turns TOP and MID off: needs allow-off");
	kc_plan_free(p);
	ok(plan("LIB=n", "TOP=n", true, NULL) == KC_PLAN_OK, "plan LIB=n with allow-off");
	after = kc_config_str(tree);
	ok(!strcmp(before, after), "solving leaves the tree as it was");
	free(after);
	plan("DEP_A", NULL, false, &p);
	frag = kc_plan_fragment(p);
	ok(strstr(frag, "CONFIG_DEP_B=y\nCONFIG_DEP_A=y\n") != NULL, "the plan as a fragment");
	free(frag);
	ok(kc_plan_nchanges(p) == 2 && kc_plan_apply(p) == KC_OK &&
	   kc_sym_tristate(kc_sym_find(tree, "DEP_A")) == KC_Y, "applying the plan sets DEP_A");
	kc_plan_free(p);
	p = kc_plan_new(tree);
	kc_plan_add(p, kc_sym_find(tree, "NEEDS_BAR"), "y", KC_WANT_EXACT, KC_REQ_OPTIONAL);
	kc_plan_add(p, kc_sym_find(tree, "PLAIN"), "y", KC_WANT_EXACT, 0);
	ok(kc_plan_solve(p, NULL) == KC_PLAN_OK && kc_plan_nfailures(p) == 1 &&
	   kc_plan_failure(p, 0)->optional && kc_plan_nsteps(p) == 1,
	   "an optional request that fails is left out, the rest is planned");
	kc_plan_free(p);
	free(before);
}

int
main(void)
{
	const char *src = getenv("KX_SRCDIR") ? getenv("KX_SRCDIR") : ".";
	struct kc_load_opts o = { 0 };
	char top[4096], cfg[4096];

	snprintf(top, sizeof(top), "%s/tests/why/tree", src);
	snprintf(cfg, sizeof(cfg), "%s/tests/why/tree/config", src);
	o.srctree = top;
	o.arch = "foo";
	o.no_cache = true;
	if (kc_tree_load(&o, &tree) != KC_OK || kc_config_read(tree, cfg) != KC_OK) {
		printf("Bail out! cannot load %s with %s\n", top, cfg);
		return 1;
	}
	ex = kc_explainer_new(tree);
	printf("1..41\n");
	test_structure();
	test_routes();
	test_roots();
	test_stuck_and_shared();
	test_render();
	test_modules();
	test_plans();
	test_no_plan();
	test_off_and_apply();
	kc_explainer_free(ex);
	kc_tree_free(tree);
	return tap_failed != 0;
}
