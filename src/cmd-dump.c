/* cmd-dump.c - `dump --json` (the symbol graph for scripts) and `info` (a tree summary). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "common.h"

static void
json_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

static void
json_expr(FILE *f, struct kc_tree *tree, struct kc_expr *e)
{
	char *s;

	if (!e) {
		fputs("null", f);
		return;
	}
	s = kc_expr_str(tree, e, false);
	json_str(f, s);
	free(s);
}

/* "Menu > Submenu" path of an entry, from the root's children down. */
static void
json_menu_path(FILE *f, struct kc_menu *m)
{
	const char *parts[64];
	int n = 0, i;

	for (m = kc_menu_parent(m); m && kc_menu_parent(m) && n < 64; m = kc_menu_parent(m))
		if (kc_menu_prompt(m) && kc_menu_kind(m) != KC_M_IF)
			parts[n++] = kc_menu_prompt(m);
	fputc('[', f);
	for (i = n - 1; i >= 0; i--) {
		json_str(f, parts[i]);
		if (i)
			fputc(',', f);
	}
	fputc(']', f);
}

static void
json_props(FILE *f, struct kc_tree *tree, struct kc_symbol *s, enum kc_prop_type type,
	   const char *key)
{
	struct kc_prop *p;
	bool first = true;

	fprintf(f, ",\"%s\":[", key);
	for (p = kc_sym_props(s); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != type &&
		    !(type == KC_P_PROMPT && kc_prop_type(p) == KC_P_MENU))
			continue;
		fputs(first ? "{" : ",{", f);
		first = false;
		if (type == KC_P_PROMPT) {
			fputs("\"text\":", f);
			json_str(f, kc_prop_text(p));
		} else {
			fputs("\"value\":", f);
			json_expr(f, tree, kc_prop_expr(p));
		}
		fputs(",\"if\":", f);
		json_expr(f, tree, kc_prop_cond(p));
		fprintf(f, ",\"file\":");
		json_str(f, kc_prop_file(p));
		fprintf(f, ",\"line\":%d}", kc_prop_line(p));
	}
	fputc(']', f);
}

static void
dump_symbol(FILE *f, struct kc_tree *tree, struct kc_symbol *s)
{
	size_t i;

	fputs("{\"name\":", f);
	json_str(f, kc_sym_name(s));
	fprintf(f, ",\"type\":\"%s\",\"value\":", kc_type_name(kc_sym_type(s)));
	json_str(f, kc_sym_string(s));
	fprintf(f, ",\"origin\":\"%s\",\"visible\":\"%c\",\"written\":%s,\"user_value\":",
		kc_origin_name(kc_sym_origin(s)), "nmy"[kc_sym_visibility(s)],
		kc_sym_written(s) ? "true" : "false");
	json_str(f, kc_sym_user_string(s));
	fputs(",\"depends\":", f);
	json_expr(f, tree, kc_sym_dir_dep(s));
	fputs(",\"selected_by\":", f);
	json_expr(f, tree, kc_sym_rev_dep(s));
	fputs(",\"implied_by\":", f);
	json_expr(f, tree, kc_sym_implied(s));
	json_props(f, tree, s, KC_P_PROMPT, "prompts");
	json_props(f, tree, s, KC_P_DEFAULT, "defaults");
	json_props(f, tree, s, KC_P_SELECT, "selects");
	json_props(f, tree, s, KC_P_IMPLY, "implies");
	json_props(f, tree, s, KC_P_RANGE, "ranges");
	fputs(",\"definitions\":[", f);
	for (i = 0; i < kc_sym_nmenus(s); i++) {
		struct kc_menu *m = kc_sym_menu(s, i);

		fputs(i ? ",{\"file\":" : "{\"file\":", f);
		json_str(f, kc_menu_file(m));
		fprintf(f, ",\"line\":%d,\"menu\":", kc_menu_line(m));
		json_menu_path(f, m);
		fputs(",\"help\":", f);
		json_str(f, kc_menu_help(m));
		fputc('}', f);
	}
	fputs("]}", f);
}

int
cmd_dump(int argc, char **argv)
{
	struct kc_tree *tree;
	bool json = false, all = false;
	size_t i, n;
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
	printf("{\"arch\":");
	json_str(stdout, kc_tree_arch(tree));
	printf(",\"srcarch\":");
	json_str(stdout, kc_tree_srcarch(tree));
	printf(",\"kernelversion\":");
	json_str(stdout, kc_tree_kernelversion(tree));
	printf(",\"symbols\":[\n");
	n = kc_tree_nsyms(tree);
	for (i = 0, k = 0; i < n; i++) {
		struct kc_symbol *s = kc_tree_sym(tree, i);

		if (!all && !kc_sym_defined(s))
			continue;
		if (k++)
			printf(",\n");
		dump_symbol(stdout, tree, s);
	}
	printf("\n]}\n");
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

	(void)argv;
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
