/*
 * fuzz-cfgfile.c - libFuzzer target: the input is a config file's bytes as they are on
 * disk (plain, gzip, xz, zstd, cut or corrupt), decoded by the config-file service
 * (kc_cfgfile_decode) and, when that accepts it, read into the small fixed tree.
 * A decoded config is never over the 64 MiB limit and is NUL-terminated text.
 */
#include "config.h"

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/cfgfile.h>
#include <kexplore/kconfig.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_cfgfile f;
	struct kc_tree *tree;

	if (kc_cfgfile_decode(data, size, KC_CFG_TEXT, &f) == KC_OK) {
		if (f.len > KC_CFGFILE_MAX || f.data[f.len] || memchr(f.data, 0, f.len) || f.error)
			abort();
		tree = fuzz_small_tree();
		(void)kc_config_read_buf(tree, "fuzz.config", f.data, f.len);
		free(kc_config_str(tree));
		kc_tree_clear_diags(tree);
	} else if (!f.error || f.data) {
		abort();	/* a refusal always says why and gives no data */
	}
	kc_cfgfile_done(&f);
	return 0;
}
