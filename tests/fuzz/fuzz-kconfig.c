/*
 * fuzz-kconfig.c - libFuzzer target: the input is a top Kconfig file, run
 * through the lexer, the macro preprocessor and the parser with $(shell,...)
 * disabled (a fuzz input never runs a command); a tree that loads is then
 * evaluated as conf would: an empty config read, the full and the minimal
 * config written, every menu entry walked, all{yes,mod}config answers.
 * 'source' finds a small fixed tree of files in a temp folder.
 */
#include "config.h"

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/kconfig.h>

static const char *const fixture[][2] = {
	{ "Makefile", "VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n" },
	{ "Kconfig.sub",
	  "config SUB_A\n\tbool \"sub a\"\n\tdefault y\n\tselect SUB_C\n" },
	{ "sub/Kconfig",
	  "menu \"sub\"\n\tdepends on SUB_A\n"
	  "config SUB_B\n\ttristate \"b\"\n\timply SUB_D\n\thelp\n\t  Help text.\n"
	  "source \"sub/Kconfig.more\"\nendmenu\n" },
	{ "sub/Kconfig.more",
	  "config SUB_C\n\tbool\nconfig SUB_D\n\ttristate \"d\"\n"
	  "config SUB_N\n\tint \"n\"\n\trange 1 $(N_MAX)\n\tdefault 3\n" },
	{ "arch/x86/Kconfig", "config X86\n\tdef_bool y\nconfig 64BIT\n\tdef_bool ARCH = \"x86_64\"\n" },
	{ "init/Kconfig", "config MODULES\n\tbool \"modules\"\n\tmodules\n\tdefault y\n" },
};

static const char *
fixture_tree(void)
{
	static const char *dir;
	size_t i;

	if (dir)
		return dir;
	dir = fuzz_workdir();
	for (i = 0; i < sizeof(fixture) / sizeof(fixture[0]); i++)
		fuzz_write(dir, fixture[i][0], fixture[i][1], strlen(fixture[i][1]));
	return dir;
}

static void
walk_menus(struct kc_tree *tree)
{
	struct kc_menu *root = kc_tree_root(tree), *m;

	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root)) {
		struct kc_symbol *s = kc_menu_sym(m);
		char *dep = kc_expr_str(tree, kc_menu_dep(m), true);
		long long lo, hi;

		free(dep);
		(void)kc_menu_visible(tree, m);
		(void)kc_menu_prompt(m);
		(void)kc_menu_help(m);
		if (kc_tree_menu_by_id(tree, kc_menu_id(m)) != m)
			abort();
		if (!s)
			continue;
		(void)kc_sym_string(s);
		(void)kc_sym_assignable(s);
		(void)kc_sym_origin(s);
		(void)kc_sym_range(s, &lo, &hi);
		dep = kc_expr_str(tree, kc_sym_rev_dep(s), true);
		free(dep);
	}
}

static void
write_configs(struct kc_tree *tree)
{
	free(kc_config_str(tree));
	free(kc_defconfig_str(tree));
}

static void
format_diags(struct kc_tree *tree)
{
	size_t i;

	for (i = 0; i < kc_tree_ndiags(tree); i++)
		free(kc_diag_format(kc_tree_diag(tree, i)));
	kc_tree_clear_diags(tree);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const env[] = { "N_MAX=9", NULL };
	struct kc_load_opts o = { 0 };
	struct kc_tree *tree = NULL;

	o.srctree = fixture_tree();
	o.arch = "x86_64";
	o.no_shell = true;
	o.no_cache = true;
	o.env = env;
	o.kconfig_text = (const char *)data;
	o.kconfig_len = size;
	if (kc_tree_load(&o, &tree) == KC_OK) {
		if (kc_config_read_buf(tree, "empty.config", "", 0) != KC_OK)
			abort();
		write_configs(tree);
		walk_menus(tree);
		kc_set_all_new(tree, KC_ALLYES);
		write_configs(tree);
		kc_tree_reset_user(tree);
		kc_set_all_new(tree, KC_ALLMOD);
		write_configs(tree);
	}
	if (tree)
		format_diags(tree);
	kc_tree_free(tree);
	return 0;
}
