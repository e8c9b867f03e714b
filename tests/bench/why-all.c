/*
 * why-all.c - explain every symbol of a tree for every value it could be asked about: bool
 * and tristate symbols for the natural question, y, m and n; others for the natural
 * question, 0, 1, 4096 and "abc" (valid or not, in range or not). A measurement, not a
 * test: run by tests/bench/why-all.sh.
 *
 * usage: why-all TREE ARCH CONFIG out        text, JSON and dot of each explanation, to
 *                                            compare two builds (a refactoring must not
 *                                            change a byte)
 *        why-all TREE ARCH CONFIG time [N]   CPU time of kc_explain() alone, N passes
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kexplore/explain.h"
#include "kexplore/kconfig.h"

static const char *const wants[] = { NULL, "y", "m", "n", "0", "1", "4096", "abc" };
#define NWANTS (sizeof(wants) / sizeof(*wants))
#define NTRI 4	/* wants[0..3] are the questions of a bool or tristate */

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
print_one(struct kc_explain *e, struct kc_symbol *s, const char *want)
{
	char *text = kc_explain_text(e), *json = kc_explain_json(e), *dot = kc_explain_dot(e);

	printf("== %s %s\n%s%s\n%s", kc_sym_name(s), want ? want : "-", text, json, dot);
	free(text);
	free(json);
	free(dot);
}

/* Every question about every symbol once; returns how many were asked. */
static size_t
pass(struct kc_tree *tree, struct kc_explainer *ex, bool out)
{
	size_t i, k, n = 0;

	for (i = 0; i < kc_tree_nsyms(tree); i++) {
		struct kc_symbol *s = kc_tree_sym(tree, i);
		bool tri = kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;

		for (k = 0; k < NWANTS; k++) {
			struct kc_explain *e;

			if (k && tri != (k < NTRI))
				continue;
			e = kc_explain(ex, s, wants[k]);
			if (out)
				print_one(e, s, wants[k]);
			kc_explain_free(e);
			n++;
		}
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct kc_load_opts o = { 0 };
	struct kc_explainer *ex;
	struct kc_tree *tree;
	size_t r, reps, n = 0;
	bool out;
	double t0;

	if (argc < 5 || (strcmp(argv[4], "out") && strcmp(argv[4], "time"))) {
		fprintf(stderr, "usage: why-all TREE ARCH CONFIG out|time [N]\n");
		return 2;
	}
	out = !strcmp(argv[4], "out");
	reps = argc > 5 ? strtoul(argv[5], NULL, 10) : 1;
	o.srctree = argv[1];
	o.arch = argv[2];
	o.cache_dir = getenv("KX_WHY_ALL_CACHE");
	if (kc_tree_load(&o, &tree) != KC_OK || kc_config_read(tree, argv[3]) != KC_OK) {
		fprintf(stderr, "why-all: cannot load %s with %s\n", argv[1], argv[3]);
		return 1;
	}
	ex = kc_explainer_new(tree);
	kc_explain_arches(ex, "X86");	/* the arch/ index once, outside the timing */
	t0 = cpu_ms();
	for (r = 0; r < reps; r++)
		n += pass(tree, ex, out);
	if (!out)
		printf("%zu explanations, CPU %.1f ms, %.2f us each\n", n, cpu_ms() - t0,
		       n ? (cpu_ms() - t0) * 1e3 / (double)n : 0.0);
	kc_explainer_free(ex);
	kc_tree_free(tree);
	return 0;
}
