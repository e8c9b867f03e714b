/*
 * fuzz-config.c - libFuzzer target: the input is a .config, read into a small
 * fixed tree (fuzz_small_tree(), loaded once) and written back out in full
 * and minimal form.
 */
#include "config.h"

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/kconfig.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_tree *tree;
	size_t i;

	tree = fuzz_small_tree();
	(void)kc_config_read_buf(tree, "fuzz.config", (const char *)data, size);
	free(kc_config_str(tree));
	free(kc_defconfig_str(tree));
	for (i = 0; i < kc_tree_nsyms(tree); i++)
		(void)kc_sym_user_string(kc_tree_sym(tree, i));
	for (i = 0; i < kc_tree_ndiags(tree); i++)
		free(kc_diag_format(kc_tree_diag(tree, i)));
	kc_tree_clear_diags(tree);
	return 0;
}
