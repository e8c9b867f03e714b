/* modules-local.c - `kexplore modules --localmodconfig`: keep the modules in use (planned
 * through the library's module policy) and switch every other module off. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/modplan.h>

#include "common.h"
#include "modules.h"

/* A sorted set of symbols. */
struct symset {
	struct kc_symbol **v;
	size_t n, cap;
	bool sorted;
};

static void
symset_add(struct symset *s, struct kc_symbol *sym)
{
	if (!sym)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = sym;
	s->sorted = false;
}

static int
ptr_cmp(const void *a, const void *b)
{
	const struct kc_symbol *x = *(struct kc_symbol *const *)a, *y = *(struct kc_symbol *const *)b;

	return x < y ? -1 : x > y;
}

static bool
symset_has(struct symset *s, struct kc_symbol *sym)
{
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof(*s->v), ptr_cmp);
		s->sorted = true;
	}
	return s->n && bsearch(&sym, s->v, s->n, sizeof(*s->v), ptr_cmp);
}

static void
symset_add_names(struct symset *s, struct kc_tree *tree, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		symset_add(s, kc_sym_find(tree, names[i]));
}

static void
symset_add_steps(struct symset *s, const struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < kc_plan_nsteps(p); i++)
		symset_add(s, kc_plan_step(p, i)->sym);
	for (i = 0; i < kc_plan_nchanges(p); i++)
		if (!kc_plan_change(p, i)->off)
			symset_add(s, kc_plan_change(p, i)->sym);
}

/* The kept entries no longer built, as optional requests of a new plan (NULL: none). */
static struct kc_plan *
repair_plan(struct modules_cmd *c, const struct kc_modmap_entry **found)
{
	struct kc_plan *p = NULL;
	const char *why;
	size_t i;

	for (i = 0; i < c->nreqs; i++) {
		if (!found[i] || kc_modplan_built(c->tree, found[i]))
			continue;
		if (!p)
			p = kc_plan_new(c->tree);
		kc_modplan_request(p, c->tree, c->map, found[i], c->names, c->nreqs,
				   KC_REQ_OPTIONAL, &why);
	}
	return p;
}

/* Whether @s is what builds @e or enters one of its directories (not one of its sub-drivers). */
static bool
asks_for(struct kc_tree *tree, const struct kc_modmap_entry *e, const struct kc_symbol *s)
{
	size_t i;

	if (s == kc_modplan_symbol(tree, e->syms, e->nsyms))
		return true;
	for (i = 0; i < e->nchain; i++)
		if (s == kc_modplan_symbol(tree, e->chain[i].syms, e->chain[i].nsyms))
			return true;
	return false;
}

/* Failed requests of the modules themselves: a sub-driver left out (optional) is no lost module. */
static size_t
module_failures(struct modules_cmd *c, const struct kc_plan *plan,
		const struct kc_modmap_entry **found)
{
	size_t i, j, n = 0;

	for (i = 0; i < kc_plan_nfailures(plan); i++) {
		const struct kc_symbol *s = kc_plan_failure(plan, i)->sym;

		for (j = 0; j < c->nreqs; j++)
			if (found[j] && asks_for(c->tree, found[j], s))
				break;
		n += j < c->nreqs || !s;
	}
	return n;
}

/*
 * localyesconfig: what is still m after localmodconfig (the kept modules,
 * and what they need) becomes y, as streamline_config.pl turns each kept
 * "=m" line into "=y" before olddefconfig. A symbol whose m is forced (an
 * m-only dependency) stays m; the fragment gets the new y lines.
 */
static void
nm_to_y(struct modules_cmd *c, struct symset *cand, FILE *out)
{
	size_t i, n = 0, stuck = 0;
	struct symset mods = { 0 };

	for (i = 0; i < kc_tree_nsyms(c->tree); i++) {
		struct kc_symbol *s = kc_tree_sym(c->tree, i);

		if (kc_sym_defined(s) && kc_sym_type(s) == KC_TRISTATE && kc_sym_tristate(s) == KC_M)
			symset_add(&mods, s);
	}
	for (i = 0; i < mods.n; i++)
		kc_sym_set_user_raw(mods.v[i], "y");
	for (i = 0; i < mods.n; i++) {
		if (kc_sym_tristate(mods.v[i]) == KC_Y) {
			n++;
			if (!symset_has(cand, mods.v[i]))
				symset_add(cand, mods.v[i]);
		} else {
			stuck++;
		}
	}
	fprintf(out, "localyesconfig: %zu module symbol%s built in", n, n == 1 ? "" : "s");
	if (stuck)
		fprintf(out, ", %zu stay m (their dependencies allow no more)", stuck);
	fputc('\n', out);
	free(mods.v);
}

/*
 * run_localmod - keep what the sources name (enabled through the planner,
 * dependencies included) and switch every other =m symbol off: each one
 * not protected (a kept module's symbols, its directory links, the symbols
 * adding objects to it, whatever the plan set) gets the user value n; the
 * config is re-evaluated, and a kept module that lost its symbol (it needs
 * one of them) is enabled again by a new plan, until every kept one is built.
 */
int
modules_localmod(struct modules_cmd *c, const struct modules_args *a)
{
	const struct kc_modmap_entry **found = calloc(c->nreqs + 1, sizeof(*found));
	struct kc_plan_opts po = { .allow_off = c->allow_off };
	struct kc_plan *plan = kc_plan_new(c->tree);
	struct symset keep = { 0 }, cand = { 0 };
	size_t i, j, nkept = 0, nfailed, noff = 0, nstill = 0, nrepaired = 0, nlost = 0, round;
	size_t nm = 0;
	enum kc_plan_status st;
	FILE *out = modules_text_stream(a);
	char *frag = NULL, *plan_frag = NULL, *text;

	if (!found)
		abort();
	modules_plan_all(c, plan, KC_REQ_OPTIONAL, found);
	if (c->bad_name) {
		fprintf(stderr, "kexplore: nothing written: a named module is unknown\n");
		kc_plan_free(plan);
		free(found);
		return KX_EXIT_FAIL;
	}
	st = kc_plan_solve(plan, &po);
	nfailed = module_failures(c, plan, found);
	if (st != KC_PLAN_OK || nfailed) {
		text = kc_plan_text(plan);
		fputs(text, out);
		free(text);
	}
	if (st != KC_PLAN_OK) {
		fprintf(stderr, "kexplore: not applied: %s\n", st == KC_PLAN_NEEDS_OFF ?
			"keeping these modules turns values off; rerun with --allow-off" :
			"no plan keeps these modules");
		kc_plan_free(plan);
		free(found);
		return KX_EXIT_FAIL;
	}
	if (kc_plan_nsteps(plan))
		fprintf(out, "enabled for the kept modules: %zu step%s\n", kc_plan_nsteps(plan),
			kc_plan_nsteps(plan) == 1 ? "" : "s");
	if (kc_plan_apply(plan) != KC_OK)
		kx_die("the plan could not be applied (the tree refused a step)");
	symset_add_steps(&keep, plan);
	plan_frag = kc_plan_fragment(plan);
	kc_plan_free(plan);
	for (i = 0; i < c->nreqs; i++) {
		const struct kc_modmap_entry *e = found[i];

		if (!e)
			continue;
		symset_add(&keep, kc_modplan_symbol(c->tree, e->syms, e->nsyms));
		for (j = 0; j < e->nchain; j++)	/* the link's symbol in use, not its alternatives */
			symset_add(&keep, kc_modplan_symbol(c->tree, e->chain[j].syms, e->chain[j].nsyms));
		symset_add_names(&keep, c->tree, e->parts, e->nparts);
	}
	for (i = 0; i < kc_tree_nsyms(c->tree); i++) {
		struct kc_symbol *s = kc_tree_sym(c->tree, i);

		if (!kc_sym_defined(s) || kc_sym_type(s) != KC_TRISTATE ||
		    kc_sym_tristate(s) != KC_M)
			continue;
		nm++;
		if (!symset_has(&keep, s))
			symset_add(&cand, s);
	}
	for (i = 0; i < cand.n; i++)
		kc_sym_set_user_raw(cand.v[i], "n");
	for (round = 0; round < 16 && (plan = repair_plan(c, found)); round++) {
		struct kc_plan_opts rpo = { .allow_off = false };

		kc_plan_solve(plan, &rpo);
		if (!kc_plan_nsteps(plan) || kc_plan_apply(plan) != KC_OK) {
			kc_plan_free(plan);
			break;
		}
		for (i = 0; i < kc_plan_nsteps(plan); i++)
			nrepaired += symset_has(&cand, kc_plan_step(plan, i)->sym);
		kc_plan_free(plan);
	}
	for (i = 0; i < cand.n; i++) {
		if (kc_sym_tristate(cand.v[i]) == KC_N)
			noff++;
		else
			nstill++;
	}
	for (i = 0; i < c->nreqs; i++) {
		if (!found[i])
			continue;
		if (kc_modplan_built(c->tree, found[i])) {
			nkept++;
		} else {
			nlost++;
			modules_warn("%s: could not be kept", c->reqs[i].name);
		}
	}
	if (a->localyes)
		nm_to_y(c, &cand, out);
	fprintf(out, "%s: %zu module%s kept", a->localyes ? "localyesconfig" : "localmodconfig",
		nkept, nkept == 1 ? "" : "s");
	if (nfailed || nlost)
		fprintf(out, ", %zu cannot be built", nfailed + nlost);
	fprintf(out, "; %zu other module symbol%s switched off (of %zu =m), %zu still on "
		"(selected by what is kept, without a prompt, or needed: %zu brought back)\n",
		noff, noff == 1 ? "" : "s", nm, nstill, nrepaired);
	if (!nlost) {
		if (a->fragment) {
			size_t n = 0;
			FILE *f = open_memstream(&frag, &n);

			fputs(plan_frag, f);	/* what keeps the modules, then what goes off */
			for (i = 0; i < cand.n; i++)
				if (kc_sym_tristate(cand.v[i]) == KC_N)
					fprintf(f, "# CONFIG_%s is not set\n", kc_sym_name(cand.v[i]));
				else if (a->localyes && kc_sym_tristate(cand.v[i]) == KC_Y)
					fprintf(f, "CONFIG_%s=y\n", kc_sym_name(cand.v[i]));
			fclose(f);
		}
		modules_write_config(c, a, frag);
	}
	free(frag);
	free(plan_frag);
	free(keep.v);
	free(cand.v);
	free(found);
	return nlost ? KX_EXIT_FAIL : c->status;
}
