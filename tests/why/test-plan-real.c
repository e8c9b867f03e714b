/*
 * test-plan-real.c - `enable` on the real x86_64 6.12 tree (KX_WHY_VERSION: another cached
 * tree, e.g. 6.1), checked by the kernel's own conf.
 *
 * From the x86_64 defconfig (made by the kernel's conf through ref.sh), take a
 * fixed, evenly spread sample of symbols that are n and have a prompt
 * (KX_WHY_SAMPLE; default 200, 50 with KX_CONF_JOBS=quick). For each, plan "enable SYMBOL" (bool: y,
 * tristate: at least m). A plan is applied the way a user would: its steps,
 * as a fragment, replace the same symbols' lines of the defconfig config (as
 * merge_config.sh does), and the kernel's conf (olddefconfig, batched by
 * conf-batch.sh) makes the final config. Then:
 *   - the symbol has the requested value there,
 *   - every value that differs from the defconfig config is in the plan's
 *     list of changes (nothing changes that the plan did not announce);
 * and a request without a plan must come with a reason and an explanation.
 * The numbers (plans, verified, no plan, sizes, time per plan) are printed as
 * TAP diagnostics. Expected values come from conf, never from kexplore.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kexplore/explain.h"
#include "kexplore/kconfig.h"
#include "kexplore/plan.h"

#include "../lib/tap.h"

struct item {
	struct kc_symbol *sym;
	const char *want;		/* "y" or "m" (at least) */
	int status;			/* enum kc_plan_status */
	size_t nsteps, nchanges, noff;
	double ms, why_ms;
	double cpu_ms;	/* the process's CPU time: the wall time counts other load on the machine */
	size_t why_nodes;
	char **changed;			/* names the plan lists as changing */
	char *reason;			/* failure reason */
	bool explained;
};

struct cfgmap {
	char **names, **vals;
	size_t n, cap;
};

static char *
run_line(const char *cmd)
{
	char buf[4096];
	FILE *f = popen(cmd, "r");
	char *r = NULL;

	if (!f)
		return NULL;
	if (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = 0;
		r = strdup(buf);
	}
	if (pclose(f) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = 0;
	fclose(f);
	return buf;
}

/* ---- reading conf's output --------------------------------------------------- */

static void
map_put(struct cfgmap *m, const char *name, size_t nlen, const char *val, size_t vlen)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 1024;
		m->names = realloc(m->names, m->cap * sizeof(*m->names));
		m->vals = realloc(m->vals, m->cap * sizeof(*m->vals));
	}
	m->names[m->n] = strndup(name, nlen);
	m->vals[m->n++] = strndup(val, vlen);
}

static bool
map_read(struct cfgmap *m, const char *path)
{
	char *text = slurp(path), *line, *save = NULL;

	if (!text)
		return false;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq;

		if (!strncmp(line, "# CONFIG_", 9) && strstr(line, " is not set")) {
			map_put(m, line + 9, strcspn(line + 9, " "), "n", 1);
		} else if (!strncmp(line, "CONFIG_", 7) && (eq = strchr(line, '='))) {
			map_put(m, line + 7, (size_t)(eq - line - 7), eq + 1, strlen(eq + 1));
		}
	}
	free(text);
	return true;
}

static const char *
map_get(const struct cfgmap *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->names[i], name))
			return m->vals[i];
	return NULL;
}

static void
map_free(struct cfgmap *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->names[i]);
		free(m->vals[i]);
	}
	free(m->names);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- planning ------------------------------------------------------------------- */

static bool
has_prompt(const struct kc_symbol *s)
{
	const struct kc_prop *p;

	for (p = kc_sym_props(s); p; p = kc_prop_next(p))
		if ((kc_prop_type(p) == KC_P_PROMPT || kc_prop_type(p) == KC_P_MENU) && kc_prop_text(p))
			return true;
	return false;
}

static size_t
pick_sample(struct kc_tree *tree, struct item **out, size_t want)
{
	size_t i, n = kc_tree_nsyms(tree), ncand = 0, k;
	struct kc_symbol **cand = calloc(n, sizeof(*cand));
	struct item *items;

	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_tree_sym(tree, i);
		enum kc_type t = kc_sym_type(s);

		if (kc_sym_defined(s) && (t == KC_BOOL || t == KC_TRISTATE) && has_prompt(s) &&
		    kc_sym_tristate(s) == KC_N && !kc_sym_choice(s))
			cand[ncand++] = s;
	}
	if (want > ncand)
		want = ncand;
	items = calloc(want ? want : 1, sizeof(*items));
	for (k = 0; k < want; k++) {
		items[k].sym = cand[k * ncand / want];
		items[k].want = kc_sym_type(items[k].sym) == KC_TRISTATE ? "m" : "y";
	}
	printf("# %zu candidates (n, with a prompt, not a choice member); sample of %zu\n",
	       ncand, want);
	free(cand);
	*out = items;
	return want;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The defconfig config with the plan's steps in place of the same symbols'
 * lines, as merge_config.sh would make it. */
static void
write_merged(const char *base, struct kc_plan *plan, const char *path)
{
	char *text = strdup(base), *line, *save = NULL, *frag = kc_plan_fragment(plan);
	FILE *f = fopen(path, "w");
	size_t i;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		bool replaced = false;

		for (i = 0; i < kc_plan_nsteps(plan) && !replaced; i++) {
			const char *nm = kc_sym_name(kc_plan_step(plan, i)->sym);
			size_t l = strlen(nm);
			const char *p = !strncmp(line, "# CONFIG_", 9) ? line + 9
					: !strncmp(line, "CONFIG_", 7) ? line + 7 : NULL;

			replaced = p && !strncmp(p, nm, l) && (p[l] == '=' || p[l] == ' ');
		}
		if (!replaced)
			fprintf(f, "%s\n", line);
	}
	fputs(frag, f);
	fclose(f);
	free(frag);
	free(text);
}

/* The time of `why SYMBOL` (the natural question) without loading the tree. */
static void
why_one(struct kc_explainer *ex, struct item *it)
{
	double t0 = now_ms();
	struct kc_explain *e = kc_explain(ex, it->sym, NULL);

	it->why_ms = now_ms() - t0;
	it->why_nodes = kc_explain_ncauses(e);
	kc_explain_free(e);
}

static void
plan_one(struct kc_tree *tree, struct item *it, const char *base, const char *dir, size_t k,
	 FILE *list)
{
	struct kc_plan *plan = kc_plan_new(tree);
	struct kc_plan_opts o = { .allow_off = false };	/* as the CLI: offs are reported, and avoided when possible */
	double t0, c0;
	size_t i;

	kc_plan_add(plan, it->sym, it->want, KC_WANT_AT_LEAST, 0);
	t0 = now_ms();
	c0 = cpu_ms();
	it->status = kc_plan_solve(plan, &o);
	it->ms = now_ms() - t0;
	it->cpu_ms = cpu_ms() - c0;
	it->nsteps = kc_plan_nsteps(plan);
	it->nchanges = kc_plan_nchanges(plan);
	it->noff = kc_plan_noff(plan);
	if (it->status == KC_PLAN_IMPOSSIBLE) {
		const struct kc_plan_failure *f = kc_plan_failure(plan, 0);

		it->reason = f && f->reason ? strdup(f->reason) : NULL;
		it->explained = f && f->why && kc_explain_root(f->why)->nchildren > 0;
	} else {
		char in[4096], out[4096];

		it->changed = calloc(it->nchanges + 1, sizeof(char *));
		for (i = 0; i < it->nchanges; i++)
			it->changed[i] = strdup(kc_sym_name(kc_plan_change(plan, i)->sym));
		snprintf(in, sizeof(in), "%s/%03zu.in", dir, k);
		snprintf(out, sizeof(out), "%s/%03zu.out", dir, k);
		write_merged(base, plan, in);
		fprintf(list, "%s %s\n", in, out);
	}
	kc_plan_free(plan);
}

/* ---- checking ----------------------------------------------------------------------- */

static bool
listed(const struct item *it, const char *name)
{
	size_t i;

	for (i = 0; i < it->nchanges; i++)
		if (!strcmp(it->changed[i], name))
			return true;
	return false;
}

static const char *
value_or_absent(struct kc_tree *tree, const struct cfgmap *m, const char *name)
{
	const char *v = map_get(m, name);
	struct kc_symbol *s;

	if (v)
		return v;
	s = kc_sym_find(tree, name);
	if (s && (kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE))
		return "n";
	return "(absent)";
}

/* Names whose value conf gives differently from the defconfig config, not in the plan. */
static size_t
unlisted_changes(struct kc_tree *tree, const struct item *it, const struct cfgmap *base,
		 const struct cfgmap *after, char *first, size_t firstlen)
{
	const struct cfgmap *maps[2] = { base, after };
	size_t i, j, bad = 0;

	for (j = 0; j < 2; j++)
		for (i = 0; i < maps[j]->n; i++) {
			const char *nm = maps[j]->names[i];
			const char *a = value_or_absent(tree, base, nm);
			const char *b = value_or_absent(tree, after, nm);

			if (!strcmp(a, b) || listed(it, nm))
				continue;
			/* an int/string that only starts or stops being written, same value */
			if (!strcmp(a, "(absent)") || !strcmp(b, "(absent)"))
				continue;
			if (!bad++)
				snprintf(first, firstlen, "%s: %s -> %s", nm, a, b);
		}
	return bad;
}

static bool
value_ok(const char *v, const char *want)
{
	if (!v)
		return false;
	return !strcmp(want, "m") ? !strcmp(v, "m") || !strcmp(v, "y") : !strcmp(v, want);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

static void
summary(const struct item *items, size_t n, size_t verified)
{
	double *ms = calloc(n, sizeof(*ms));
	size_t *sz = calloc(n, sizeof(*sz)), i, np = 0, nimp = 0, noff = 0, reasoned = 0;

	for (i = 0; i < n; i++) {
		ms[i] = items[i].ms;
		if (items[i].status == KC_PLAN_IMPOSSIBLE) {
			nimp++;
			reasoned += items[i].reason && items[i].explained;
			continue;
		}
		noff += items[i].noff > 0;
		sz[np++] = items[i].nsteps;
	}
	qsort(ms, n, sizeof(*ms), cmp_double);
	qsort(sz, np, sizeof(*sz), cmp_size);
	printf("# symbols: %zu; plans found: %zu (%zu turn something off: need --allow-off), ", n, np,
	       noff);
	if (verified == (size_t)-1)
		printf("not run through conf (timing only);");
	else
		printf("verified by conf: %zu;", verified);
	printf(" no plan: %zu (with reason and explanation: %zu)\n", nimp, reasoned);
	if (np)
		printf("# plan size (steps): min %zu, median %zu, max %zu\n", sz[0], sz[np / 2],
		       sz[np - 1]);
	if (n)
		printf("# time per plan: median %.1f ms, worst %.1f ms\n", ms[n / 2], ms[n - 1]);
	for (i = 0; i < n; i++)
		ms[i] = items[i].cpu_ms;
	qsort(ms, n, sizeof(*ms), cmp_double);
	if (n)
		printf("# CPU time per plan: median %.1f ms, worst %.1f ms\n", ms[n / 2], ms[n - 1]);
	/* the slowest three, to know where the worst case comes from */
	for (i = 0; n && i < 3 && i < n; i++) {
		size_t k, at = 0;

		for (k = 0; k < n; k++)
			if (items[k].cpu_ms == ms[n - 1 - i])
				at = k;
		printf("# slow plan: %s (%s, %zu steps, %zu changes): %.1f ms CPU\n",
		       kc_sym_name(items[at].sym), items[at].status == KC_PLAN_IMPOSSIBLE ? "no plan"
		       : "plan", items[at].nsteps, items[at].nchanges, items[at].cpu_ms);
	}
	for (i = 0; i < n; i++)
		ms[i] = items[i].why_ms;
	qsort(ms, n, sizeof(*ms), cmp_double);
	if (n)
		printf("# time per why: median %.2f ms, worst %.2f ms\n", ms[n / 2], ms[n - 1]);
	for (i = np = 0; i < n; i++)
		if (items[i].why_nodes > 3)
			ms[np++] = items[i].why_ms;
	qsort(ms, np, sizeof(*ms), cmp_double);
	if (np)
		printf("# time per why with more than 3 causes (%zu of them): median %.2f ms, worst %.2f ms\n",
		       np, ms[np / 2], ms[np - 1]);
	free(ms);
	free(sz);
}

static void
check_all(struct kc_tree *tree, struct item *items, size_t n, const char *dir,
	  const struct cfgmap *base)
{
	size_t k, verified = 0;

	for (k = 0; k < n; k++) {
		struct item *it = &items[k];
		const char *name = kc_sym_name(it->sym);

		if (it->status == KC_PLAN_IMPOSSIBLE) {
			ok(it->reason && it->explained, "%s: no plan, with a reason: %s", name,
			   it->reason ? it->reason : "(none)");
			continue;
		}
		{
			char out[4096], first[512] = "";
			struct cfgmap after = { 0 };
			size_t bad;
			bool good;

			snprintf(out, sizeof(out), "%s/%03zu.out", dir, k);
			if (!map_read(&after, out)) {
				ok(false, "%s: conf made no %s", name, out);
				continue;
			}
			good = value_ok(map_get(&after, name), it->want);
			bad = unlisted_changes(tree, it, base, &after, first, sizeof(first));
			if (!good)
				printf("# %s is %s after conf, wanted %s\n", name,
				       map_get(&after, name) ? map_get(&after, name) : "absent",
				       it->want);
			if (bad)
				printf("# %s: %zu change(s) not in the plan, first %s\n", name, bad, first);
			verified += good && !bad;
			ok(good && !bad, "%s: plan verified by conf (%s)", name,
			   it->nsteps == 1 ? "1 step" : "steps");
			map_free(&after);
		}
	}
	summary(items, n, verified);
}

int
main(void)
{
	const char *srcdir = getenv("KX_SRCDIR") ? getenv("KX_SRCDIR") : ".";
	const char *env = getenv("KX_WHY_SAMPLE");
	const char *jobs = getenv("KX_CONF_JOBS");
	size_t want = env ? strtoul(env, NULL, 10) : jobs && !strcmp(jobs, "quick") ? 50 : 200;
	size_t n, k, nitems;
	char cmd[8192], dir[] = "/tmp/kx-why-real.XXXXXX", path[4096], list[4096];
	struct kc_load_opts o = { 0 };
	struct cfgmap base = { 0 };
	struct kc_tree *tree = NULL;
	struct item *items;
	char *treedir, *basetext;
	FILE *lf;

	/* KX_WHY_VERSION: another cached tree (bench-why.sh on 6.1); the test is 6.12's */
	const char *ver = getenv("KX_WHY_VERSION") ? getenv("KX_WHY_VERSION") : "6.12";

	snprintf(cmd, sizeof(cmd), "%s/tests/lib/trees.sh ensure %s", srcdir, ver);
	treedir = run_line(cmd);
	if (!treedir || !mkdtemp(dir)) {
		printf("Bail out! the %s tree is not available (tests/lib/trees.sh ensure %s)\n", ver,
		       ver);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/def.config", dir);
	snprintf(cmd, sizeof(cmd), "%s/tests/conformance/ref.sh %s x86_64 defconfig %s && echo ok",
		 srcdir, ver, path);
	free(run_line(cmd));
	basetext = slurp(path);
	o.srctree = treedir;
	o.arch = "x86_64";
	if (!basetext || !map_read(&base, path) || kc_tree_load(&o, &tree) != KC_OK ||
	    kc_config_read(tree, path) != KC_OK) {
		printf("Bail out! cannot make or read the x86_64 defconfig with the kernel's conf\n");
		return 1;
	}
	n = nitems = pick_sample(tree, &items, want);
	printf("1..%zu\n", n);
	snprintf(list, sizeof(list), "%s/list", dir);
	lf = fopen(list, "w");
	/* first the defconfig config itself: conf must give it back unchanged */
	fprintf(lf, "%s %s/self.out\n", path, dir);
	{
		struct kc_explainer *ex = kc_explainer_new(tree);
		double t0 = now_ms();

		kc_explain_arches(ex, "X86");
		printf("# arch/*/Kconfig* index (once per explainer): %.1f ms\n", now_ms() - t0);
		for (k = 0; k < n; k++)
			why_one(ex, &items[k]);
		kc_explainer_free(ex);
	}
	for (k = 0; k < n; k++)
		plan_one(tree, &items[k], basetext, dir, k, lf);
	fclose(lf);
	if (getenv("KX_WHY_BENCH")) {
		/* timing only (tests/bench/bench-why.sh): no conf run, no checks */
		for (k = 0; k < n; k++) {
			printf("ok %zu - %s # SKIP timing only\n", k + 1, kc_sym_name(items[k].sym));
			printf("# sample %s\n", kc_sym_name(items[k].sym));
		}
		summary(items, n, (size_t)-1);
		n = 0;
		goto out;
	}
	snprintf(cmd, sizeof(cmd), "%s/tests/why/conf-batch.sh %s x86_64 %s >&2", srcdir, treedir,
		 list);
	if (system(cmd) != 0) {
		printf("Bail out! the kernel's conf failed on the planned configs\n");
		return 1;
	}
	{
		char self[4096];
		char *again;

		snprintf(self, sizeof(self), "%s/self.out", dir);
		again = slurp(self);
		if (!again || strcmp(again, basetext)) {
			printf("Bail out! the kernel's conf does not give the defconfig config back"
			       " unchanged (toolchain probes changed since it was made?)\n");
			return 1;
		}
		free(again);
	}
	check_all(tree, items, n, dir, &base);
out:
	if (!getenv("KX_WHY_KEEP")) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", dir);
	} else {
		printf("# files kept in %s\n", dir);
	}
	for (k = 0; k < nitems; k++) {
		for (size_t i = 0; items[k].changed && i < items[k].nchanges; i++)
			free(items[k].changed[i]);
		free(items[k].changed);
		free(items[k].reason);
	}
	free(items);
	map_free(&base);
	free(basetext);
	free(treedir);
	kc_tree_free(tree);
	return 0;
}
