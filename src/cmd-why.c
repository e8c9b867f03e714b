/* cmd-why.c - `why SYMBOL [VALUE]`: the causes of a symbol's value, down to the roots. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/explain.h"
#include "kexplore/input.h"

enum why_format { WHY_TEXT, WHY_JSON, WHY_DOT };

static enum why_format
parse_why_opts(int argc, char **argv)
{
	enum { OPT_JSON = 256, OPT_DOT };
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "dot", no_argument, NULL, OPT_DOT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum why_format fmt = WHY_TEXT;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_JSON:
			fmt = WHY_JSON;
			break;
		case OPT_DOT:
			fmt = WHY_DOT;
			break;
		case 'h':
			cmd_help_for("why");
			exit(KX_EXIT_OK);
		default:
			kx_usage_error("why", "bad option");
		}
	}
	return fmt;
}

/* A name this arch never mentions: say where it exists, or suggest close names. */
static void
not_here(struct kc_tree *tree, struct kc_explainer *ex, const char *name)
{
	const char *arches;
	char *bare = kx_other_arches(ex, name, &arches);

	if (!*arches)
		kx_sym_arg(tree, name);	/* exits with close matches */
	printf("%s is not defined for ARCH=%s (always n); it exists on: %s\n", bare,
	       kc_tree_arch(tree), arches);
	printf("=> not possible by changing the config: %s stays n here.\n", bare);
	free(bare);
	/* freed so that LeakSanitizer (--enable-asan) does not _exit before stdout is flushed */
	kc_explainer_free(ex);
	kc_tree_free(tree);
	exit(KX_EXIT_FAIL);
}

int
cmd_why(int argc, char **argv)
{
	enum why_format fmt = parse_why_opts(argc, argv);
	struct kc_explainer *ex;
	struct kc_explain *e;
	struct kc_symbol *sym;
	struct kc_tree *tree;
	char *out, *want = NULL, *err = NULL;
	bool possible;

	if (argc - optind < 1 || argc - optind > 2)
		kx_usage_error("why", "expected SYMBOL [VALUE]");
	tree = kx_load_tree();
	kx_read_config(tree, true);
	ex = kc_explainer_new(tree);
	sym = kc_sym_typed(tree, argv[optind]);
	if (!sym)
		not_here(tree, ex, argv[optind]);
	/* why CMDLINE '"a b"' asks about the string a b, as enable CMDLINE="a b" sets it */
	if (argc - optind == 2 && !(want = kc_value_from_user(sym, argv[optind + 1], &err)))
		kx_die("%s", err);
	e = kc_explain(ex, sym, want);	/* borrows want */
	out = fmt == WHY_JSON ? kc_explain_json(e) : fmt == WHY_DOT ? kc_explain_dot(e)
								 : kc_explain_text(e);
	fputs(out, stdout);
	free(out);
	possible = kc_explain_possible(e);
	kc_explain_free(e);
	free(want);
	kc_explainer_free(ex);
	kx_print_diags(tree);
	kc_tree_free(tree);
	return possible ? KX_EXIT_OK : KX_EXIT_FAIL;
}
