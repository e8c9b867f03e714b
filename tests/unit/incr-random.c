/* incr-random.c - differential test of incremental evaluation: random sequences of assignments,
 * unsets, user-state restores and checkpoints on one tree; after every step the incremental
 * values must equal a full evaluation's (kc_incr_verify), and a rollback must give back exactly
 * the values seen when its checkpoint was opened.
 *
 * usage: incr-random SRCTREE ARCH SEED NSEQ NSTEPS [CONFIG]
 *   SRCTREE holds a Kconfig; CONFIG ("-" for none) is read before every sequence.
 * Prints one TAP line per sequence; a failing one names the seed, sequence, step and symbol, so
 * `incr-random ... SEED` reproduces it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/incr.h"
#include "kexplore/kconfig.h"

/* xorshift64*: the same numbers on every machine for a seed */
static unsigned long long rng_state;
static bool trace;	/* KX_INCR_TRACE=1: print each step */

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return n ? (unsigned)((rng_state * 2685821657736338717ull) >> 33) % n : 0;
}

struct snap {
	size_t n;
	const char **val;
};

/* Every symbol's value now (strings live as long as the tree). */
static struct snap *
snap_take(struct kc_tree *t)
{
	struct snap *s = calloc(1, sizeof(*s));
	size_t i;

	s->n = kc_tree_nsyms(t);
	s->val = calloc(s->n + 1, sizeof(*s->val));
	for (i = 0; i < s->n; i++)
		s->val[i] = kc_sym_string(kc_tree_sym(t, i));
	return s;
}

/* The first symbol whose value differs from the snapshot's; *was: its value then. */
static struct kc_symbol *
snap_diff(struct kc_tree *t, const struct snap *s, const char **was)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->val[i], kc_sym_string(kc_tree_sym(t, i)))) {
			*was = s->val[i];
			return kc_tree_sym(t, i);
		}
	return NULL;
}

static void
snap_free(struct snap *s)
{
	free(s->val);
	free(s);
}

static const char *const numbers[] = { "0", "1", "2", "7", "16", "64", "100", "1000", "0x10",
				       "0x1000", "-1" };

/* One change of a user value, kept to be made again after a rollback. */
struct act {
	struct kc_symbol *sym;
	bool unset;
	char val[64];
};

static void
act_do(const struct act *a)
{
	enum kc_status st;

	if (a->unset) {
		kc_sym_unset(a->sym);
		st = KC_OK;
	} else {
		st = kc_sym_set_string(a->sym, a->val);
	}
	if (trace)
		printf("# %s %s=%s: %d\n", a->unset ? "unset" : "set", kc_sym_name(a->sym), a->val, st);
}

/* A random value for a->sym, often one it accepts. */
static void
set_random(struct act *a)
{
	struct kc_symbol *s = a->sym;
	enum kc_type ty = kc_sym_type(s);

	a->unset = false;
	a->val[0] = 0;
	if (ty == KC_BOOL || ty == KC_TRISTATE) {
		unsigned mask = kc_sym_assignable(s), v = rnd(3);

		if (mask && rnd(4))
			while (!(mask & (1u << v)))
				v = rnd(3);
		snprintf(a->val, sizeof(a->val), "%c", "nmy"[v]);
	} else if (ty == KC_STRING) {
		snprintf(a->val, sizeof(a->val), "%s", rnd(2) ? "" : "kx-random");
	} else if (ty == KC_INT || ty == KC_HEX) {
		long long lo, hi;

		if (kc_sym_range(s, &lo, &hi) && rnd(2)) {
			long long v = lo + (long long)rnd((unsigned)(hi - lo < 1000 ? hi - lo + 1 : 1000));

			snprintf(a->val, sizeof(a->val), ty == KC_HEX ? "0x%llx" : "%lld", v);
		} else {
			snprintf(a->val, sizeof(a->val), "%s",
				 numbers[rnd(sizeof(numbers) / sizeof(numbers[0]))]);
		}
	} else {
		return;
	}
	act_do(a);
}

/* The choice members of the tree: a quarter of the picks, choices being where the generations
 * differ most (before 6.11 a choice is a symbol with a value of its own). */
static struct kc_symbol **members;
static size_t nmembers;

static void
members_find(struct kc_tree *t)
{
	size_t i, n = kc_tree_nsyms(t);

	members = calloc(n + 1, sizeof(*members));
	for (i = 0; i < n; i++)
		if (kc_sym_choice(kc_tree_sym(t, i)))
			members[nmembers++] = kc_tree_sym(t, i);
}

/* Prefer symbols the user can change: most random picks would otherwise do nothing. */
static struct kc_symbol *
pick(struct kc_tree *t)
{
	size_t n = kc_tree_nsyms(t), tries;

	if (nmembers && !rnd(4))
		return members[rnd((unsigned)nmembers)];
	for (tries = 0; tries < 20; tries++) {
		struct kc_symbol *s = kc_tree_sym(t, rnd((unsigned)n));

		if (kc_sym_changeable(s) || (kc_sym_type(s) >= KC_INT && kc_sym_visibility(s)))
			return s;
	}
	return kc_tree_sym(t, rnd((unsigned)n));
}

#define MAXCP 4
#define MAXACT 64

struct seq {
	struct kc_tree *t;
	size_t cp[MAXCP];
	struct snap *at[MAXCP];
	size_t ncp;
	/* the changes made since each open checkpoint, in order */
	struct act acts[MAXCP][MAXACT];
	size_t nacts[MAXCP];
	struct kc_user_state *saved;
	char why[256];
};

/* Note a change as made at the innermost open checkpoint. */
static void
act_note(struct seq *q, size_t level, const struct act *a)
{
	if (level < MAXCP && q->nacts[level] < MAXACT)
		q->acts[level][q->nacts[level]++] = *a;
}

/* Checkpoint `level` closes keeping its changes: they are its parent's now. */
static void
acts_to_parent(struct seq *q, size_t level)
{
	size_t i;

	for (i = 0; level && i < q->nacts[level]; i++)
		act_note(q, level - 1, &q->acts[level][i]);
	q->nacts[level] = 0;
}

/*
 * After a rollback, half of the time make the same changes again in the same
 * order: the same change from the same state, as a planner does when it
 * tries an alternative again (the evaluator may reuse what it computed the
 * first time; the result must still be a full evaluation's).
 */
static void
maybe_redo(struct seq *q, size_t level)
{
	size_t i;

	if (rnd(2)) {
		if (trace)
			printf("# redo %zu changes\n", q->nacts[level]);
		for (i = 0; i < q->nacts[level]; i++)
			act_do(&q->acts[level][i]);
		acts_to_parent(q, level);
	}
	q->nacts[level] = 0;
}

static bool
step_checkpoint(struct seq *q)
{
	unsigned op = rnd(4);

	if (trace)
		printf("# checkpoint op %u at depth %zu\n", op, q->ncp);
	/* open one half of the time (nesting), close the other: release or roll back */
	if (q->ncp < MAXCP && (op < 2 || !q->ncp)) {
		q->at[q->ncp] = snap_take(q->t);
		q->nacts[q->ncp] = 0;
		q->cp[q->ncp++] = kc_checkpoint(q->t);
		return true;
	}
	q->ncp--;
	if (op == 2) {
		kc_checkpoint_release(q->t, q->cp[q->ncp]);
		acts_to_parent(q, q->ncp);
	} else {
		struct kc_symbol *bad;
		const char *was = NULL;

		kc_rollback(q->t, q->cp[q->ncp]);
		bad = snap_diff(q->t, q->at[q->ncp], &was);
		if (bad) {
			snprintf(q->why, sizeof(q->why),
				 "rollback: %s is %s, was %s at the checkpoint", kc_sym_name(bad),
				 kc_sym_string(bad), was);
			snap_free(q->at[q->ncp]);
			return false;
		}
		maybe_redo(q, q->ncp);
	}
	snap_free(q->at[q->ncp]);
	return true;
}

static bool
step(struct seq *q)
{
	unsigned op = rnd(20);
	size_t i;

	if (op < 14) {
		struct act a = { .sym = pick(q->t) };

		if (op < 12) {
			set_random(&a);
		} else {
			a.unset = true;
			act_do(&a);
		}
		if (q->ncp)
			act_note(q, q->ncp - 1, &a);
	} else if (op < 16) {
		for (i = 0; i < 8; i++)	/* compute a few: the lazy state varies */
			(void)kc_sym_string(kc_tree_sym(q->t, rnd((unsigned)kc_tree_nsyms(q->t))));
	} else if (op < 17) {
		kc_user_state_free(q->saved);
		q->saved = kc_user_state_save(q->t);
	} else if (op < 18) {
		if (trace)
			printf("# restore\n");
		if (q->saved)
			kc_user_state_restore(q->t, q->saved);
	} else {
		return step_checkpoint(q);
	}
	return true;
}

static bool
run_seq(struct kc_tree *t, const char *config, unsigned nsteps, unsigned *at, char *why,
	size_t whylen)
{
	struct seq q = { .t = t };
	const char *bad = NULL;
	unsigned k;
	bool ok = true;

	if (config)
		kc_config_read(t, config);
	else
		kc_tree_reset_user(t);
	for (k = 0; k < nsteps && ok; k++) {
		*at = k;
		if (!step(&q)) {
			snprintf(why, whylen, "%s", q.why);
			ok = false;
		} else if ((bad = kc_incr_verify(t))) {
			snprintf(why, whylen, "%s differs from a full evaluation", bad);
			ok = false;
		}
	}
	while (q.ncp) {
		q.ncp--;
		kc_rollback(t, q.cp[q.ncp]);
		snap_free(q.at[q.ncp]);
	}
	kc_user_state_free(q.saved);
	return ok;
}

int
main(int argc, char **argv)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;
	unsigned long long seed;
	unsigned nseq, nsteps, i, at = 0;
	const char *config;
	int failed = 0;
	char why[512];

	if (argc < 6) {
		fprintf(stderr, "usage: incr-random SRCTREE ARCH SEED NSEQ NSTEPS [CONFIG]\n");
		return 2;
	}
	o.srctree = argv[1];
	o.arch = argv[2];
	seed = strtoull(argv[3], NULL, 0);
	nseq = (unsigned)atoi(argv[4]);
	nsteps = (unsigned)atoi(argv[5]);
	trace = getenv("KX_INCR_TRACE") != NULL;
	config = argc > 6 && strcmp(argv[6], "-") ? argv[6] : NULL;
	if (kc_tree_load(&o, &t) != KC_OK) {
		printf("Bail out! cannot load %s\n", argv[1]);
		kc_tree_free(t);
		return 1;
	}
	members_find(t);
	printf("1..%u\n# seed %llu, %u sequences of %u steps on %s\n", nseq, seed, nseq, nsteps,
	       argv[1]);
	{
		size_t edges, cone, full;

		kc_incr_stats(t, &edges, &cone, &full);
		printf("# index: %zu symbols, %zu edges, %zu bytes\n", kc_tree_nsyms(t), edges,
		       kc_incr_bytes(t));
	}
	for (i = 0; i < nseq; i++) {
		rng_state = seed * 1000003ull + i + 1;
		if (run_seq(t, config, nsteps, &at, why, sizeof(why))) {
			printf("ok %u - sequence %u\n", i + 1, i);
			continue;
		}
		printf("not ok %u - sequence %u (seed %llu), step %u: %s\n", i + 1, i, seed, at,
		       why);
		failed++;
	}
	kc_tree_free(t);
	free(members);
	return failed ? 1 : 0;
}
