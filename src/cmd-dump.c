/* cmd-dump.c - `dump --json` (the symbol graph for scripts) and `info` (a tree summary). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/json.h>

#include "cmds.h"
#include "common.h"

static void
json_expr(struct kc_json *j, struct kc_tree *tree, struct kc_expr *e)
{
	char *s = e ? kc_expr_str(tree, e, false) : NULL;

	kc_json_str(j, s);
	free(s);
}

/* "Menu > Submenu" path of an entry, from the root's children down. */
static void
json_menu_path(struct kc_json *j, struct kc_menu *m)
{
	size_t n, i;
	const char **parts = kc_menu_path_parts(kc_menu_parent(m), 0, &n);

	kc_json_arr(j);
	for (i = 0; i < n; i++)
		kc_json_str(j, parts[i]);
	kc_json_end(j);
	free(parts);
}

static void
json_props(struct kc_json *j, struct kc_tree *tree, struct kc_symbol *s, enum kc_prop_type type,
	   const char *key)
{
	struct kc_prop *p;

	kc_json_karr(j, key);
	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != type &&
		    !(type == KC_P_PROMPT && kc_prop_type(p) == KC_P_MENU))
			continue;
		kc_json_obj(j);
		if (type == KC_P_PROMPT) {
			kc_json_kstr(j, "text", kc_prop_text(p));
		} else {
			kc_json_key(j, "value");
			json_expr(j, tree, kc_prop_expr(p));
		}
		kc_json_key(j, "if");
		json_expr(j, tree, kc_prop_cond(p));
		kc_json_kstr(j, "file", kc_prop_file(p));
		kc_json_kint(j, "line", kc_prop_line(p));
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
json_definitions(struct kc_json *j, struct kc_symbol *s)
{
	size_t i;

	kc_json_karr(j, "definitions");
	for (i = 0; i < kc_sym_nmenus(s); i++) {
		struct kc_menu *m = kc_sym_menu(s, i);

		kc_json_obj(j);
		kc_json_kstr(j, "file", kc_menu_file(m));
		kc_json_kint(j, "line", kc_menu_line(m));
		kc_json_key(j, "menu");
		json_menu_path(j, m);
		kc_json_kstr(j, "help", kc_menu_help(m));
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
dump_symbol(struct kc_json *j, struct kc_tree *tree, struct kc_symbol *s)
{
	char vis[2] = { "nmy"[kc_sym_visibility(s)], 0 };

	kc_json_obj(j);
	kc_json_kstr(j, "name", kc_sym_name(s));
	kc_json_kstr(j, "type", kc_type_name(kc_sym_type(s)));
	kc_json_kstr(j, "value", kc_sym_string(s));
	kc_json_kstr(j, "origin", kc_origin_name(kc_sym_origin(s)));
	kc_json_kstr(j, "visible", vis);
	kc_json_kbool(j, "written", kc_sym_written(s));
	kc_json_kstr(j, "user_value", kc_sym_user_string(s));
	kc_json_key(j, "depends");
	json_expr(j, tree, kc_sym_dir_dep(s));
	kc_json_key(j, "selected_by");
	json_expr(j, tree, kc_sym_rev_dep(s));
	kc_json_key(j, "implied_by");
	json_expr(j, tree, kc_sym_implied(s));
	json_props(j, tree, s, KC_P_PROMPT, "prompts");
	json_props(j, tree, s, KC_P_DEFAULT, "defaults");
	json_props(j, tree, s, KC_P_SELECT, "selects");
	json_props(j, tree, s, KC_P_IMPLY, "implies");
	json_props(j, tree, s, KC_P_RANGE, "ranges");
	json_definitions(j, s);
	kc_json_end(j);
}

/* The symbols are streamed out one at a time: a whole tree's dump is tens of MB. */
static void
dump_json(struct kc_tree *tree, bool all)
{
	struct kc_json *j = kc_json_new(0);
	size_t i, n = kc_tree_nsyms(tree);

	kc_json_obj(j);
	kc_json_kstr(j, "arch", kc_tree_arch(tree));
	kc_json_kstr(j, "srcarch", kc_tree_srcarch(tree));
	kc_json_kstr(j, "kernelversion", kc_tree_kernelversion(tree));
	kc_json_karr(j, "symbols");
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_tree_sym(tree, i);

		if (!all && !kc_sym_defined(s))
			continue;
		dump_symbol(j, tree, s);
		fputs(kc_json_text(j), stdout);
		kc_json_clear(j);
	}
	kc_json_end(j);
	kc_json_end(j);
	fputs(kc_json_text(j), stdout);
	putchar('\n');
	kc_json_free(j);
}

int
cmd_dump(int argc, char **argv)
{
	struct kc_tree *tree;
	bool json = false, all = false;
	int k;

	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--json"))
			json = true;
		else if (!strcmp(argv[k], "--all"))
			all = true;
		else if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
			cmd_help_for("dump");
			return KX_EXIT_OK;
		} else
			kx_usage_error("dump", "unknown argument '%s'", argv[k]);
	}
	if (!json)
		kx_usage_error("dump", "only --json output exists");
	tree = kx_load_tree();
	kx_read_config(tree, false);
	dump_json(tree, all);
	kx_print_diags(tree);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_info(int argc, char **argv)
{
	struct kc_tree *tree;
	struct kc_shell_stats ss;
	size_t i, n, defined = 0, counts[6] = { 0 }, written = 0, vals[3] = { 0 };
	char *path;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		cmd_help_for("info");
		return KX_EXIT_OK;
	}
	if (argc > 1)
		kx_usage_error("info", "unexpected argument '%s'", argv[1]);
	tree = kx_load_tree();
	path = kx_config_path();
	kx_read_config(tree, true);
	n = kc_tree_nsyms(tree);
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_tree_sym(tree, i);

		if (!kc_sym_defined(s))
			continue;
		defined++;
		counts[kc_sym_type(s)]++;
		if (kc_sym_written(s)) {
			written++;
			if (kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE)
				vals[kc_sym_tristate(s)]++;
		}
	}
	kc_tree_shell_stats(tree, &ss);
	printf("%s\n", kc_tree_mainmenu(tree));
	printf("  tree:        %s (Linux %s)\n", kc_tree_srctree(tree), kc_tree_kernelversion(tree));
	printf("  arch:        ARCH=%s SRCARCH=%s\n", kc_tree_arch(tree), kc_tree_srcarch(tree));
	printf("  language:    Kconfig rules of Linux %s\n", kc_tree_language(tree));
	printf("  config:      %s\n", path);
	printf("  Kconfig:     %zu files, %zu symbols (%zu bool, %zu tristate, %zu int, %zu hex, %zu string)\n",
	       kc_tree_nfiles(tree), defined, counts[KC_BOOL], counts[KC_TRISTATE],
	       counts[KC_INT], counts[KC_HEX], counts[KC_STRING]);
	printf("  evaluated:   %zu written to .config: %zu =y, %zu =m, %zu not set\n", written,
	       vals[KC_Y], vals[KC_M], vals[KC_N]);
	printf("  toolchain:   %u $(shell) commands run, %u from cache, %u skipped\n", ss.run,
	       ss.cached, ss.skipped);
	free(path);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}
