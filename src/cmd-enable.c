/* cmd-enable.c - `enable` and `disable`: plan the fewest changes, show them, apply them. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/input.h"
#include "kexplore/plan.h"

struct enable_opts {
	bool allow_off;
	bool apply;
	bool json;
	const char *out;
	const char *fragment;
};

static void
parse_enable_opts(const char *cmd, int argc, char **argv, struct enable_opts *o)
{
	enum { OPT_ALLOW_OFF = 256, OPT_APPLY, OPT_FRAGMENT, OPT_JSON };
	static const struct option longopts[] = {
		{ "allow-off", no_argument, NULL, OPT_ALLOW_OFF },
		{ "apply", no_argument, NULL, OPT_APPLY },
		{ "output", required_argument, NULL, 'o' },
		{ "fragment", required_argument, NULL, OPT_FRAGMENT },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ALLOW_OFF:
			o->allow_off = true;
			break;
		case OPT_APPLY:
			o->apply = true;
			break;
		case 'o':
			o->out = optarg;
			o->apply = true;
			break;
		case OPT_FRAGMENT:
			o->fragment = optarg;
			break;
		case OPT_JSON:
			o->json = true;
			break;
		case 'h':
			cmd_help_for(cmd);
			exit(KX_EXIT_OK);
		default:
			kx_usage_error(cmd, "bad option");
		}
	}
	if (optind >= argc)
		kx_usage_error(cmd, "expected at least one SYMBOL");
}

/* A name this arch never mentions: say where it exists, or suggest close
 * names. Everything is freed before exiting (ASan's leak check runs then). */
static void
not_here(struct kc_tree *tree, struct kc_plan *plan, char *name)
{
	struct kc_explainer *ex = kc_explainer_new(tree);
	const char *arches;
	char *bare = kx_other_arches(ex, name, &arches), copy[256];
	bool elsewhere = *arches != '\0';

	if (elsewhere)
		printf("Cannot do %s: %s is not defined for ARCH=%s; it exists on: %s\n", bare, bare,
		       kc_tree_arch(tree), arches);
	free(bare);
	kc_explainer_free(ex);
	kc_plan_free(plan);
	snprintf(copy, sizeof(copy), "%s", name);
	free(name);
	if (!elsewhere)
		kx_sym_arg(tree, copy);	/* exits with close matches */
	exit(KX_EXIT_FAIL);
}

static void
add_requests(struct kc_plan *plan, struct kc_tree *tree, int argc, char **argv, bool disable)
{
	int i;

	for (i = optind; i < argc; i++) {
		char *err = NULL;
		const char *eq = strchr(argv[i], '=');
		char *name = eq ? strndup(argv[i], (size_t)(eq - argv[i])) : strdup(argv[i]);

		if (!name)
			abort();
		if (!kc_sym_typed(tree, name))
			not_here(tree, plan, name);
		free(name);
		if (kc_plan_add_spec(plan, argv[i], disable, 0, &err) != KC_OK)
			kx_die("%s", err ? err : argv[i]);
		free(err);
	}
}

static void
write_results(struct kc_tree *tree, struct kc_plan *plan, const struct enable_opts *o)
{
	if (o->fragment) {
		char *data = kc_plan_fragment(plan);

		kx_write_output(o->fragment, data);
		free(data);
		if (!kx.quiet && strcmp(o->fragment, "-"))
			fprintf(stderr, "kexplore: plan written as a fragment to %s\n", o->fragment);
	}
	if (!o->apply || (!kc_plan_nsteps(plan) && !o->out))
		return;
	if (kc_plan_apply(plan) != KC_OK)
		kx_die("the plan could not be applied (the tree refused a step)");
	kx_write_config(tree, o->out);
}

/* Which values the plan turns off, by name: "needs MAXSMP off" says what --allow-off accepts. */
static void
say_needs_off(const struct kc_plan *plan)
{
	size_t i, shown = 0, n = kc_plan_noff(plan);

	fprintf(stderr, "kexplore: not applied: the plan turns %zu value%s off (", n,
		n == 1 ? "" : "s");
	for (i = 0; i < kc_plan_nchanges(plan); i++) {
		const struct kc_plan_change *c = kc_plan_change(plan, i);

		if (!c->off || c->requested)
			continue;
		if (shown++ < 5)
			fprintf(stderr, "%s%s", shown > 1 ? ", " : "", kc_sym_name(c->sym));
	}
	fprintf(stderr, "%s); rerun with --allow-off to accept that\n", shown > 5 ? ", ..." : "");
}

static int
run_plan(const char *cmd, int argc, char **argv, bool disable)
{
	struct enable_opts o = { 0 };
	struct kc_plan_opts po = { 0 };
	enum kc_plan_status st;
	struct kc_tree *tree;
	struct kc_plan *plan;
	char *text;

	parse_enable_opts(cmd, argc, argv, &o);
	tree = kx_load_tree();
	kx_read_config(tree, true);
	plan = kc_plan_new(tree);
	add_requests(plan, tree, argc, argv, disable);
	po.allow_off = o.allow_off;
	st = kc_plan_solve(plan, &po);
	text = o.json ? kc_plan_json(plan) : kc_plan_text(plan);
	/* the plan goes to stderr when the config or fragment goes to stdout */
	fputs(text, (o.out && !strcmp(o.out, "-")) || (o.fragment && !strcmp(o.fragment, "-"))
			    ? stderr : stdout);
	free(text);
	if (st == KC_PLAN_OK)
		write_results(tree, plan, &o);
	else if (st == KC_PLAN_NEEDS_OFF && !kx.quiet)
		say_needs_off(plan);
	else if (st == KC_PLAN_IMPOSSIBLE && (o.apply || o.fragment) && !kx.quiet)
		fprintf(stderr, "kexplore: not applied: no plan gives every request its value\n");
	kc_plan_free(plan);
	kx_print_diags(tree);
	kc_tree_free(tree);
	return st == KC_PLAN_OK ? KX_EXIT_OK : KX_EXIT_FAIL;
}

int
cmd_enable(int argc, char **argv)
{
	return run_plan("enable", argc, argv, false);
}

int
cmd_disable(int argc, char **argv)
{
	return run_plan("disable", argc, argv, true);
}
