/* cmd-profile.c - `kexplore profile`: list, show, check and apply baseline profiles. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <kexplore/kconfig.h>
#include <kexplore/plan.h>
#include <kexplore/profile.h>

#include "cmds.h"
#include "common.h"

#ifndef KX_PROFILE_DIR
#define KX_PROFILE_DIR "/usr/local/share/kexplore/profiles"
#endif

struct profile_cmd {
	const char *sub;
	struct kc_profile_set *set;
	char **names;
	size_t nnames;
	bool json, brief, all, fragment, running, dry_run, allow_off, required_only;
	const char *out, *frag_out;
	struct kc_tree *tree;
	struct kc_explainer *ex;
	struct kc_profile_sel *sel;
	bool why;
};

/* ---- output helpers ----------------------------------------------------- */

static void
json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* What a requirement or item asks for: "y", "y/m", "n", "zstd", "64", "\"\"" for empty. */
static void
want_str(char *buf, size_t n, unsigned accept, const char *value)
{
	if (accept == (1u << KC_Y | 1u << KC_M))
		snprintf(buf, n, "y/m");
	else if (accept || *value)
		snprintf(buf, n, "%s", value);
	else
		snprintf(buf, n, "\"\"");
}

static void
print_profile_diags(struct kc_profile_set *set)
{
	size_t i;

	for (i = 0; i < kc_profile_set_ndiags(set); i++) {
		const struct kc_diag *d = kc_profile_set_diag(set, i);
		char *s;

		if (d->level == KC_WARNING && kx.quiet)
			continue;
		s = kc_diag_format(d);
		fprintf(stderr, "%s\n", s);
		free(s);
	}
	kc_profile_set_clear_diags(set);
}

/* ---- loading -------------------------------------------------------------- */

/* The search path (kc_profile_set_add_search_path), then -P dirs (later wins). */
static void
load_profiles(struct profile_cmd *c)
{
	c->set = kc_profile_set_new();
	kx_profile_search(c->set);
	print_profile_diags(c->set);
}

/* NAME or a path: a path is loaded now and replaced by the name it declares. */
/* A profile name typed in another case (Containers): the one profile of that name, else as typed. */
static const char *
name_any_case(struct kc_profile_set *set, const char *name)
{
	const char *hit = NULL;
	size_t i;

	if (kc_profile_find(set, name))
		return name;
	for (i = 0; i < kc_profile_count(set); i++) {
		const char *p = kc_profile_name(kc_profile_at(set, i));

		if (!strcasecmp(p, name)) {
			if (hit)
				return name;	/* two differ only in case: leave it to "no profile named" */
			hit = p;
		}
	}
	return hit ? hit : name;
}

static void
resolve_names(struct profile_cmd *c)
{
	size_t i;

	for (i = 0; i < c->nnames; i++) {
		struct kc_profile *p;
		size_t n = strlen(c->names[i]);

		if (!strchr(c->names[i], '/') && (n < 8 || strcmp(c->names[i] + n - 8, ".profile"))) {
			c->names[i] = (char *)name_any_case(c->set, c->names[i]);
			continue;
		}
		if (kc_profile_set_add_file(c->set, c->names[i], &p) != KC_OK || !p) {
			print_profile_diags(c->set);
			kx_die("%s: cannot use this profile", c->names[i]);
		}
		c->names[i] = (char *)kc_profile_name(p);
	}
	print_profile_diags(c->set);
}

static struct kc_profile *
find_or_die(struct profile_cmd *c, const char *name)
{
	struct kc_profile *p = kc_profile_find(c->set, name);
	size_t i;

	if (p)
		return p;
	fprintf(stderr, "kexplore: profile: no profile named '%s'; known:", name);
	for (i = 0; i < kc_profile_count(c->set); i++)
		fprintf(stderr, " %s", kc_profile_name(kc_profile_at(c->set, i)));
	fprintf(stderr, "%s\n", kc_profile_count(c->set) ? "" : " none (see 'kexplore profile --help')");
	exit(KX_EXIT_FAIL);
}

/* Merge the named profiles for this tree's version and arch (NULL tree: all items). */
static void
select_profiles(struct profile_cmd *c, struct kc_tree *tree)
{
	size_t i;

	for (i = 0; i < c->nnames; i++)
		find_or_die(c, c->names[i]);
	kc_profile_select(c->set, (const char *const *)c->names, c->nnames,
			  tree ? kc_tree_kernelversion(tree) : NULL, tree ? kc_tree_srcarch(tree) : NULL,
			  &c->sel);
	print_profile_diags(c->set);
}

/* ---- list and show -------------------------------------------------------- */

static int
do_list(struct profile_cmd *c)
{
	size_t i, j;

	for (i = 0; i < kc_profile_count(c->set); i++) {
		const struct kc_profile *p = kc_profile_at(c->set, i);

		printf("%-14s %3zu item%s  %s", kc_profile_name(p), kc_profile_nitems(p),
		       kc_profile_nitems(p) == 1 ? " " : "s",
		       kc_profile_description(p));
		for (j = 0; j < kc_profile_nrequires(p); j++)
			printf("%s%s", j ? ", " : " (requires ", kc_profile_require(p, j));
		printf("%s\n", kc_profile_nrequires(p) ? ")" : "");
	}
	if (!kc_profile_count(c->set))
		fprintf(stderr, "kexplore: profile: no profiles found (see 'kexplore profile --help')\n");
	return KX_EXIT_OK;
}

/* Markers of an item, as written in a profile. */
static void
print_marks(const struct kc_profile_item *it)
{
	if (it->accept == (1u << KC_Y | 1u << KC_M))
		printf(" [y/m]");
	if (it->recommended)
		printf(" [recommended]");
	if (it->linux_min)
		printf(" [linux>=%ld.%ld]", it->linux_min / 1000000, it->linux_min / 1000 % 1000);
	if (it->linux_below)
		printf(" [linux<%ld.%ld]", it->linux_below / 1000000, it->linux_below / 1000 % 1000);
	if (it->arches)
		printf(" [arch%s=%s]", it->arches_negated ? "!" : "", it->arches);
}

static void
print_item_line(const struct kc_profile_item *it)
{
	if (it->accept == 1u << KC_N)
		printf("# CONFIG_%s is not set", it->sym);
	else if (it->accept)
		printf("CONFIG_%s=%s", it->sym, it->value);
	else
		printf("CONFIG_%s=\"%s\"", it->sym, it->value);
	if (it->accept != (1u << KC_Y | 1u << KC_M) && !it->recommended && !it->linux_min &&
	    !it->linux_below && !it->arches && !*it->why) {
		putchar('\n');
		return;
	}
	printf("\t#");
	print_marks(it);
	printf(" %s\n", it->why);
}

static void
show_header(const struct kc_profile *p)
{
	size_t i;

	printf("# name: %s\n", kc_profile_name(p));
	if (*kc_profile_description(p))
		printf("# description: %s\n", kc_profile_description(p));
	for (i = 0; i < kc_profile_nrequires(p); i++)
		printf("%s%s", i ? " " : "# requires: ", kc_profile_require(p, i));
	if (kc_profile_nrequires(p))
		putchar('\n');
	for (i = 0; i < kc_profile_nsources(p); i++)
		printf("# source: %s\n", kc_profile_source(p, i));
	printf("# file: %s\n\n", kc_profile_path(p));
}

/* The merged requirements as a plain fragment (for merge_config.sh and friends). */
static void
show_fragment(struct profile_cmd *c)
{
	size_t i;

	printf("# kexplore profile fragment:");
	for (i = 0; i < kc_profile_sel_nprofiles(c->sel); i++)
		printf(" %s", kc_profile_name(kc_profile_sel_profile(c->sel, i)));
	printf("\n");
	for (i = 0; i < kc_profile_sel_nreqs(c->sel); i++) {
		const struct kc_profile_req *r = kc_profile_sel_req(c->sel, i);

		if (r->conflict)
			printf("# conflict: CONFIG_%s: %s\n", r->sym, r->conflict);
		else if (r->accept == 1u << KC_N)
			printf("# CONFIG_%s is not set\n", r->sym);
		else if (r->accept)
			printf("CONFIG_%s=%s\n", r->sym, r->value);
		else
			printf("CONFIG_%s=\"%s\"\n", r->sym, r->value);
	}
}

static int
do_show(struct profile_cmd *c)
{
	const struct kc_profile *p;
	size_t i;

	if (c->nnames != 1)
		kx_usage_error("profile", "show takes one profile NAME");
	p = find_or_die(c, c->names[0]);
	if (c->all || c->fragment) {
		select_profiles(c, NULL);
		if (c->fragment) {
			show_fragment(c);
			return KX_EXIT_OK;
		}
		for (i = 0; i < kc_profile_sel_nprofiles(c->sel); i++) {
			p = kc_profile_sel_profile(c->sel, i);
			show_header(p);
			for (size_t j = 0; j < kc_profile_nitems(p); j++)
				print_item_line(kc_profile_item(p, j));
			putchar('\n');
		}
		return KX_EXIT_OK;
	}
	show_header(p);
	for (i = 0; i < kc_profile_nitems(p); i++)
		print_item_line(kc_profile_item(p, i));
	return KX_EXIT_OK;
}

/* ---- check ---------------------------------------------------------------- */

static const char *
state_word(const struct kc_profile_req *r, enum kc_prof_state st)
{
	static const char *const req[] = { "met", "module", "MISSING", "IMPOSSIBLE", "CONFLICT" };
	static const char *const rec[] = { "met", "module", "missing", "impossible", "conflict" };

	return (r->recommended ? rec : req)[st];
}

static const char *
skip_reason(const struct kc_profile_item *it, char *buf, size_t n)
{
	if (it->linux_min && it->linux_below)
		snprintf(buf, n, "for Linux %ld.%ld to %ld.%ld", it->linux_min / 1000000,
			 it->linux_min / 1000 % 1000, it->linux_below / 1000000,
			 it->linux_below / 1000 % 1000);
	else if (it->linux_min)
		snprintf(buf, n, "for Linux %ld.%ld and later", it->linux_min / 1000000,
			 it->linux_min / 1000 % 1000);
	else if (it->linux_below)
		snprintf(buf, n, "for Linux before %ld.%ld", it->linux_below / 1000000,
			 it->linux_below / 1000 % 1000);
	else
		snprintf(buf, n, "for ARCH %s%s", it->arches_negated ? "other than " : "",
			 it->arches);
	return buf;
}

/* The whole explanation, indented under its item. */
static void
print_why(const struct kc_prof_check *k)
{
	char *text = kc_explain_text(k->why), *line, *p;

	for (p = text; (line = strsep(&p, "\n"));)
		if (*line)
			printf("             %s\n", line);
	free(text);
}

static void
print_check_line(const struct profile_cmd *c, const struct kc_profile_req *r,
		 const struct kc_prof_check *k)
{
	char want[64], sym[64];

	want_str(want, sizeof(want), r->accept, r->value);
	snprintf(sym, sizeof(sym), "CONFIG_%s", r->sym);
	printf("  %-10s %-36s %-5s (wants %s%s)", state_word(r, k->state), sym,
	       *k->actual ? k->actual : "\"\"", want, r->recommended ? ", recommended" : "");
	if (k->reason)
		printf(": %s", k->reason);
	putchar('\n');
	if (r->note && !kx.quiet)
		printf("             note: %s\n", r->note);
	if (c->why && k->why)
		print_why(k);
}

/* Which selected profile a req is listed under: the first that asks for it. */
static const struct kc_profile *
req_home(const struct kc_profile_req *r)
{
	return r->items[0]->profile;
}

static void
print_tally_line(const char *label, const struct kc_profile_tally *t)
{
	printf("%s: %zu of %zu required met", label,
	       t->state[KC_PROF_MET] + t->state[KC_PROF_MODULE], t->required);
	if (t->state[KC_PROF_MODULE])
		printf(" (%zu as modules)", t->state[KC_PROF_MODULE]);
	if (t->state[KC_PROF_MISSING])
		printf(", %zu missing", t->state[KC_PROF_MISSING]);
	if (t->state[KC_PROF_IMPOSSIBLE])
		printf(", %zu impossible here", t->state[KC_PROF_IMPOSSIBLE]);
	if (t->state[KC_PROF_CONFLICT])
		printf(", %zu in conflict", t->state[KC_PROF_CONFLICT]);
	if (t->recommended)
		printf("; recommended: %zu of %zu met", t->rec_state[KC_PROF_MET] +
		       t->rec_state[KC_PROF_MODULE], t->recommended);
	putchar('\n');
}

static void
print_skipped(struct profile_cmd *c, const struct kc_profile *p)
{
	char buf[96];
	size_t i, n = 0;

	for (i = 0; i < kc_profile_sel_nskipped(c->sel); i++) {
		const struct kc_profile_item *it = kc_profile_sel_skipped(c->sel, i);

		if (it->profile != p)
			continue;
		printf("%s CONFIG_%s (%s)", n++ ? "," : "  n/a here:", it->sym,
		       skip_reason(it, buf, sizeof(buf)));
	}
	if (n)
		putchar('\n');
}

static void
print_check_text(struct profile_cmd *c)
{
	struct kc_profile_tally t;
	size_t i, j;

	for (i = 0; i < kc_profile_sel_nprofiles(c->sel); i++) {
		const struct kc_profile *p = kc_profile_sel_profile(c->sel, i);

		printf("profile %s: %s\n", kc_profile_name(p), kc_profile_description(p));
		for (j = 0; j < kc_profile_sel_nreqs(c->sel); j++) {
			const struct kc_profile_req *r = kc_profile_sel_req(c->sel, j);
			const struct kc_prof_check *k = kc_profile_sel_check(c->sel, j);

			if (req_home(r) != p)
				continue;
			if (c->brief && (k->state == KC_PROF_MET || k->state == KC_PROF_MODULE))
				continue;
			print_check_line(c, r, k);
		}
		if (!c->brief)
			print_skipped(c, p);
	}
	kc_profile_tally(c->sel, NULL, &t);
	print_tally_line("total", &t);
}

static void
json_item(const struct kc_profile_req *r, const struct kc_prof_check *k)
{
	char want[64];

	want_str(want, sizeof(want), r->accept, r->value);
	printf("{\"symbol\":");
	json_str(r->sym);
	printf(",\"want\":");
	json_str(want);
	printf(",\"actual\":");
	json_str(k->actual);
	printf(",\"state\":");
	json_str(kc_prof_state_str(k->state));
	printf(",\"required\":%s,\"reason\":", r->recommended ? "false" : "true");
	json_str(k->reason);
	printf(",\"profile\":");
	json_str(kc_profile_name(req_home(r)));
	printf(",\"file\":");
	json_str(r->item->file);
	printf(",\"line\":%d,\"why\":", r->item->line);
	json_str(r->item->why);
	printf("}");
}

static void
print_check_json(struct profile_cmd *c, bool ok)
{
	size_t i;

	printf("{\"ok\":%s,\"kernelversion\":", ok ? "true" : "false");
	json_str(kc_tree_kernelversion(c->tree));
	printf(",\"arch\":");
	json_str(kc_tree_arch(c->tree));
	printf(",\"items\":[");
	for (i = 0; i < kc_profile_sel_nreqs(c->sel); i++) {
		printf(i ? ",\n" : "\n");
		json_item(kc_profile_sel_req(c->sel, i), kc_profile_sel_check(c->sel, i));
	}
	printf("],\"skipped\":[");
	for (i = 0; i < kc_profile_sel_nskipped(c->sel); i++) {
		printf(i ? "," : "");
		json_str(kc_profile_sel_skipped(c->sel, i)->sym);
	}
	printf("]}\n");
}

/* A warning when the running kernel is not the tree's version. */
static void
running_note(struct kc_tree *tree)
{
	const char *tv = kc_tree_kernelversion(tree);
	struct utsname u;

	if (uname(&u) || kx.quiet)
		return;
	if (kc_kver_parse(u.release) / 1000 != kc_kver_parse(tv) / 1000)
		fprintf(stderr, "kexplore: profile: note: the running kernel is %s and the tree "
			"is %s; the config is evaluated with the tree's Kconfig\n", u.release, tv);
}

static void
load_tree_and_config(struct profile_cmd *c, bool fallback)
{
	char *path;

	if (c->running)
		kx.config = "/proc/config.gz";
	c->tree = kx_load_tree();
	c->ex = kc_explainer_new(c->tree);
	if (c->running)
		running_note(c->tree);	/* first: it explains the unknown symbols that follow */
	/* a config from another kernel names many symbols the tree lacks: one line, -v lists them */
	kx.fold_unknown = true;
	if (kx_read_config(c->tree, fallback))
		return;
	path = kx_config_path();
	kx_die("%s: no such config (give one with --config FILE, or --running)", path);
}

/* One line per profile, each checked on its own. */
static int
check_all(struct profile_cmd *c)
{
	struct kc_profile_tally t;
	bool ok = true;
	size_t i;

	for (i = 0; i < kc_profile_count(c->set); i++) {
		const char *name = kc_profile_name(kc_profile_at(c->set, i));
		struct kc_profile_sel *sel;

		kc_profile_select(c->set, &name, 1, kc_tree_kernelversion(c->tree),
				  kc_tree_srcarch(c->tree), &sel);
		ok &= kc_profile_check(sel, c->tree, c->ex);
		kc_profile_tally(sel, NULL, &t);
		print_tally_line(name, &t);
		kc_profile_sel_free(sel);
	}
	print_profile_diags(c->set);
	return ok ? KX_EXIT_OK : KX_EXIT_FAIL;
}

static int
do_check(struct profile_cmd *c)
{
	bool ok;

	load_tree_and_config(c, false);
	if (!c->nnames)
		return check_all(c);
	select_profiles(c, c->tree);
	ok = kc_profile_check(c->sel, c->tree, c->ex);
	if (c->json)
		print_check_json(c, ok);
	else
		print_check_text(c);
	return ok ? KX_EXIT_OK : KX_EXIT_FAIL;
}

/* ---- apply ---------------------------------------------------------------- */

/* The planner call: every missing item in one request list (kc_profile_plan), solved. */
static struct kc_plan *
plan_profiles(struct profile_cmd *c, enum kc_plan_status *st)
{
	struct kc_plan_opts o = { .allow_off = c->allow_off };
	struct kc_plan *plan = kc_profile_plan(c->sel, c->tree, c->required_only);
	size_t i;

	for (i = 0; i < kc_profile_sel_nreqs(c->sel); i++)
		if (kc_profile_sel_asked(c->sel, i) == KC_PROF_REFUSED)
			fprintf(stderr, "kexplore: profile: the planner refuses CONFIG_%s=%s\n",
				kc_profile_sel_req(c->sel, i)->sym, kc_profile_sel_req(c->sel, i)->value);
	*st = kc_plan_solve(plan, &o);
	return plan;
}

/* Snapshot of the states before apply, to tell "reported impossible" from "did not take". */
static enum kc_prof_state *
save_states(struct kc_profile_sel *sel)
{
	size_t i, n = kc_profile_sel_nreqs(sel);
	enum kc_prof_state *st = calloc(n + 1, sizeof(*st));

	if (!st)
		abort();
	for (i = 0; i < n; i++)
		st[i] = kc_profile_sel_check(sel, i)->state;
	return st;
}

static bool
failed_in_plan(struct kc_plan *plan, const char *sym)
{
	size_t i;

	for (i = 0; i < kc_plan_nfailures(plan); i++) {
		const struct kc_plan_failure *f = kc_plan_failure(plan, i);

		if (f->sym && !strcmp(kc_sym_name(f->sym), sym))
			return true;
	}
	return false;
}

/*
 * After writing: read the written text back (as conf would) and compare.
 * Prints requested vs actual for every item not met; returns how many of
 * those were not reported impossible before (must be 0).
 */
/* Why an item that is not met after apply was expected not to be; NULL: it was not. */
static const char *
expected_gap(struct profile_cmd *c, struct kc_plan *plan, size_t i, enum kc_prof_state before)
{
	const struct kc_profile_req *r = kc_profile_sel_req(c->sel, i);

	if (before == KC_PROF_IMPOSSIBLE)
		return "impossible here:";
	if (before == KC_PROF_CONFLICT)
		return "in conflict:";
	if (r->recommended && c->required_only)
		return "left out:";
	if (kc_profile_sel_asked(c->sel, i) == KC_PROF_REFUSED || failed_in_plan(plan, r->sym))
		return "not planned:";
	return NULL;
}

/*
 * After writing: read the written text back (as conf would) and compare.
 * Prints requested vs actual for every item not met; returns how many of
 * those were not reported before (must be 0).
 */
static size_t
recheck(struct profile_cmd *c, struct kc_plan *plan, const enum kc_prof_state *before,
	const char *written, size_t *unmet_required)
{
	size_t i, surprises = 0;

	kc_tree_reset_user(c->tree);
	kc_config_read_buf(c->tree, "(written config)", written, strlen(written));
	kc_tree_clear_diags(c->tree);
	kc_profile_check(c->sel, c->tree, c->ex);
	*unmet_required = 0;
	for (i = 0; i < kc_profile_sel_nreqs(c->sel); i++) {
		const struct kc_profile_req *r = kc_profile_sel_req(c->sel, i);
		const struct kc_prof_check *k = kc_profile_sel_check(c->sel, i);
		const char *label = expected_gap(c, plan, i, before[i]);
		char want[64];

		if (k->state == KC_PROF_MET || k->state == KC_PROF_MODULE)
			continue;
		*unmet_required += !r->recommended;
		surprises += !label;
		if (c->json)
			continue;
		want_str(want, sizeof(want), r->accept, r->value);
		printf("%s CONFIG_%s: requested %s, actual %s%s%s\n", label ? label : "DID NOT TAKE:",
		       r->sym, want, *k->actual ? k->actual : "\"\"", k->reason ? ": " : "",
		       k->reason ? k->reason : "");
	}
	return surprises;
}

/* The re-check's totals, as check prints them. */
static void
print_after(struct profile_cmd *c)
{
	struct kc_profile_tally t;

	kc_profile_tally(c->sel, NULL, &t);
	print_tally_line("after apply", &t);
}

static void
write_text(const char *path, const char *data, const char *what)
{
	kx_write_output(path, data);
	if (!kx.quiet && strcmp(path, "-"))
		fprintf(stderr, "kexplore: profile: %s written to %s\n", what, path);
}

/* Plan, show, write, re-check. */
/* apply --json: the plan, where it was written, and the re-check (or none). */
static void
print_apply_json(struct profile_cmd *c, struct kc_plan *plan, const char *written,
		 size_t surprises, bool ok)
{
	char *pj = kc_plan_json(plan);

	printf("{\"plan\":%s,\"written\":", pj);
	json_str(written);
	printf(",\"did_not_take\":%zu,\"after\":", surprises);
	if (written)
		print_check_json(c, ok);
	else
		printf("null");
	printf("}\n");
	free(pj);
}

/* Show the plan; stop here when it may not be applied (needs --allow-off, --dry-run). */
static bool
show_plan(struct profile_cmd *c, struct kc_plan *plan, enum kc_plan_status st)
{
	bool stop = c->dry_run || (st == KC_PLAN_NEEDS_OFF && !c->allow_off);
	char *text;

	if (c->json && stop)
		print_apply_json(c, plan, NULL, 0, false);
	if (!c->json) {
		text = kc_plan_text(plan);
		fputs(text, c->out && !strcmp(c->out, "-") ? stderr : stdout);
		free(text);
	}
	fflush(stdout);
	if (st == KC_PLAN_NEEDS_OFF && !c->allow_off)
		kx_die("the plan turns off options that are on (listed above); "
		       "run again with --allow-off to accept that");
	return !stop;
}

/* Plan, show, write, re-check. */
static int
apply_plan(struct profile_cmd *c, struct kc_plan *plan, enum kc_plan_status st)
{
	enum kc_prof_state *before;
	size_t surprises, unmet;
	char *cfg, *out;

	if (!show_plan(c, plan, st))
		return KX_EXIT_OK;
	before = save_states(c->sel);
	if (kc_plan_apply(plan) != KC_OK)
		kx_die("the planner found no plan to apply");
	if (c->frag_out) {
		char *frag = kc_plan_fragment(plan);

		write_text(c->frag_out, frag, "plan fragment");
		free(frag);
	}
	cfg = kc_config_str(c->tree);
	out = c->out ? strdup(c->out) : kx_config_path();
	if (kc_plan_nsteps(plan) || c->out)
		write_text(out, cfg, "configuration");
	else if (!kx.quiet)
		fprintf(stderr, "kexplore: profile: nothing to change; %s left as it was\n", out);
	surprises = recheck(c, plan, before, cfg, &unmet);
	if (c->json)
		print_apply_json(c, plan, out, surprises, !unmet);
	else
		print_after(c);
	free(cfg);
	free(out);
	free(before);
	fflush(stdout);
	if (surprises)
		kx_warn("profile: %zu requested values did not take (a planner bug; please report)",
			surprises);
	return surprises || unmet ? KX_EXIT_FAIL : KX_EXIT_OK;
}

static bool
report_conflicts(struct profile_cmd *c)
{
	bool fatal = false;
	size_t i;

	for (i = 0; i < kc_profile_sel_nreqs(c->sel); i++) {
		const struct kc_profile_req *r = kc_profile_sel_req(c->sel, i);

		if (!r->conflict)
			continue;
		fprintf(stderr, "kexplore: profile: %s: CONFIG_%s: %s\n",
			r->recommended ? "left out" : "conflict", r->sym, r->conflict);
		fatal |= !r->recommended;
	}
	return fatal;
}

static int
do_apply(struct profile_cmd *c)
{
	enum kc_plan_status st;
	struct kc_plan *plan;
	int rc;

	if (!c->nnames)
		kx_usage_error("profile", "apply needs at least one profile NAME");
	load_tree_and_config(c, true);
	select_profiles(c, c->tree);
	kc_profile_check(c->sel, c->tree, c->ex);
	fflush(stdout);
	if (report_conflicts(c))
		kx_die("the profiles ask for incompatible values (above); nothing was changed");
	plan = plan_profiles(c, &st);
	if (st == KC_PLAN_IMPOSSIBLE) {
		char *text = c->json ? kc_plan_json(plan) : kc_plan_text(plan);

		fputs(text, stdout);
		fflush(stdout);
		free(text);
		kc_plan_free(plan);
		kx_die("no plan meets the required items (reasons above); nothing was changed");
	}
	rc = apply_plan(c, plan, st);
	kc_plan_free(plan);
	return rc;
}

/* ---- options -------------------------------------------------------------- */

static void
parse_args(struct profile_cmd *c, int argc, char **argv)
{
	enum { O_JSON = 256, O_BRIEF, O_ALL, O_FRAG, O_RUN, O_DRY, O_OFF, O_REQ, O_CONFIG, O_WHY };
	static struct option longopts[] = {
		{ "json", no_argument, NULL, O_JSON }, { "brief", no_argument, NULL, O_BRIEF },
		{ "all", no_argument, NULL, O_ALL }, { "fragment", no_argument, NULL, O_FRAG },
		{ "running", no_argument, NULL, O_RUN }, { "dry-run", no_argument, NULL, O_DRY },
		{ "allow-off", no_argument, NULL, O_OFF }, { "required-only", no_argument, NULL, O_REQ },
		{ "config", required_argument, NULL, O_CONFIG }, { "output", required_argument, NULL, 'o' },
		{ "profile-dir", required_argument, NULL, 'P' }, { "help", no_argument, NULL, 'h' },
		{ "why", no_argument, NULL, O_WHY },
		{ NULL, 0, NULL, 0 },
	};
	int o;

	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		cmd_help_print(argc < 2 ? stderr : stdout, "profile");
		exit(argc < 2 ? KX_EXIT_USAGE : KX_EXIT_OK);
	}
	c->sub = argv[1];
	/* apply --fragment FILE writes the plan; show --fragment is a switch */
	longopts[3].has_arg = !strcmp(c->sub, "apply") ? required_argument : no_argument;
	optind = 0;
	while ((o = getopt_long(argc - 1, argv + 1, "o:P:nh", longopts, NULL)) != -1) {
		switch (o) {
		case O_JSON: c->json = true; break;
		case O_WHY: c->why = true; break;
		case O_BRIEF: c->brief = true; break;
		case O_ALL: c->all = true; break;
		case O_FRAG: c->fragment = true; c->frag_out = optarg; break;
		case O_RUN: c->running = true; break;
		case 'n': /* fall through */
		case O_DRY: c->dry_run = true; break;
		case O_OFF: c->allow_off = true; break;
		case O_REQ: c->required_only = true; break;
		case O_CONFIG: kx.config = optarg; break;
		case 'o': c->out = optarg; break;
		case 'P': kx_add_profile_dir(optarg); break;
		case 'h': cmd_help_for("profile"); exit(KX_EXIT_OK);
		default: kx_usage_error("profile", "bad option (see 'kexplore profile --help')");
		}
	}
	c->names = argv + 1 + optind;
	c->nnames = argc - 1 - optind;
}

int
cmd_profile(int argc, char **argv)
{
	struct profile_cmd c = { 0 };
	int rc;

	parse_args(&c, argc, argv);
	load_profiles(&c);
	resolve_names(&c);
	if (!strcmp(c.sub, "list"))
		rc = do_list(&c);
	else if (!strcmp(c.sub, "show"))
		rc = do_show(&c);
	else if (!strcmp(c.sub, "check"))
		rc = do_check(&c);
	else if (!strcmp(c.sub, "apply"))
		rc = do_apply(&c);
	else
		kx_usage_error("profile", "unknown subcommand '%s' (list, show, check, apply)", c.sub);
	kc_profile_sel_free(c.sel);
	kc_profile_set_free(c.set);
	kc_explainer_free(c.ex);
	kc_tree_free(c.tree);
	return rc;
}
