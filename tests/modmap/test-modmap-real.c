/* test-modmap-real.c - the module map on the real Debian 6.12 tree (TAP); bails out without it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kexplore/modmap.h>

#include "../lib/tap.h"

static bool
has_sym(const char *const *v, size_t n, const char *sym)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], sym))
			return true;
	return false;
}

static bool
chain_has(const struct kc_modmap_entry *e, const char *sym)
{
	size_t i;

	for (i = 0; i < e->nchain; i++)
		if (has_sym(e->chain[i].syms, e->chain[i].nsyms, sym))
			return true;
	return false;
}

/* The examples, from the 6.12 Kconfig/Makefiles (checked by reading them). */
static const struct {
	const char *name, *sym, *dir, *chain[3];
} expects[] = {
	{ "iwlwifi", "IWLWIFI", "drivers/net/wireless/intel/iwlwifi",
	  { "WLAN_VENDOR_INTEL", "WLAN", NULL } },
	{ "nvme", "BLK_DEV_NVME", "drivers/nvme/host", { NULL } },
	{ "snd_hda_intel", "SND_HDA_INTEL", "sound/pci/hda", { "SND", NULL } },
	{ "amdgpu", "DRM_AMDGPU", "drivers/gpu/drm/amd/amdgpu", { NULL } },
	{ "xhci_pci", "USB_XHCI_PCI", "drivers/usb/host", { NULL } },
	{ "rdma_cm", "INFINIBAND_ADDR_TRANS", "drivers/infiniband/core", { "INFINIBAND", NULL } },
	{ "g450_pll", "FB_MATROX_G", "drivers/video/fbdev/matrox", { "FB_MATROX", NULL } },
};

static void
check_module(const struct kc_modmap *map, size_t k)
{
	const struct kc_modmap_entry *e = kc_modmap_lookup(map, expects[k].name, 0);
	size_t i;
	bool chain = e != NULL;

	ok(e && e->kind == KC_MOD_CONFIG && has_sym(e->syms, e->nsyms, expects[k].sym) &&
	   !strcmp(e->dir, expects[k].dir), "%s -> %s in %s", expects[k].name, expects[k].sym,
	   expects[k].dir);
	for (i = 0; e && expects[k].chain[i]; i++)
		chain = chain && chain_has(e, expects[k].chain[i]);
	ok(chain, "%s chain holds the expected directory symbols", expects[k].name);
}

/* Symbols set to m in a .config, counted against the map. */
static void
check_config(const struct kc_modmap *map, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	size_t nm = 0, built = 0;

	if (!f) {
		printf("ok %d - # SKIP no Debian config at %s\n", ++tap_n, path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *eq = strstr(line, "=m\n");

		if (strncmp(line, "CONFIG_", 7) || !eq)
			continue;
		*eq = '\0';
		nm++;
		if (kc_modmap_for_symbol(map, line, 0))
			built++;
	}
	fclose(f);
	printf("# Debian amd64 config: %zu symbols =m, %zu of them build a module in the map\n", nm,
	       built);
	/* The rest only add objects to other modules or select helpers. */
	ok(nm > 3000 && built * 100 >= nm * 90, "at least 90%% of Debian's =m symbols build a module");
}

int
main(int argc, char **argv)
{
	const char *cache = getenv("KX_TEST_CACHE"), *home = getenv("HOME");
	const char *xdg = getenv("XDG_CACHE_HOME");
	char base[2048], tree[4096], config[4096];
	struct kc_modmap_opts opts = { .srcarch = "x86" };
	struct kc_modmap *map;
	struct kc_modmap_stats st;
	struct stat sb;
	size_t k;

	/* tests/lib/trees.sh's $KX_CACHE */
	if (!cache)
		cache = getenv("KEXPLORE_CACHE");
	if (cache)
		snprintf(base, sizeof(base), "%s", cache);
	else if (xdg)
		snprintf(base, sizeof(base), "%s/kexplore", xdg);
	else
		snprintf(base, sizeof(base), "%s/.cache/kexplore", home ? home : "");
	if (argc > 1)
		snprintf(tree, sizeof(tree), "%s", argv[1]);
	else
		snprintf(tree, sizeof(tree), "%s/trees/linux-source-6.12", base);
	snprintf(config, sizeof(config), "%s/configs/6.12/config.amd64_none_amd64", base);
	if (stat(tree, &sb) != 0) {
		printf("Bail out! no 6.12 tree at %s (run tests/lib/trees.sh ensure 6.12)\n", tree);
		return 1;
	}
	printf("1..%zu\n", 2 + sizeof(expects) / sizeof(*expects) * 2 + 1);
	opts.srctree = tree;
	ok(kc_modmap_load(&opts, &map) == KC_OK && kc_modmap_ndiags(map) == 0,
	   "load %s without diagnostics", tree);
	kc_modmap_stats(map, &st);
	printf("# %zu Makefiles in %zu directories read in %.0f ms: %zu modules, %zu entries\n",
	       st.files, st.dirs, st.seconds * 1000, st.modules, st.entries);
	ok(st.modules > 10000, "more than 10000 module names (got %zu)", st.modules);
	for (k = 0; k < sizeof(expects) / sizeof(*expects); k++)
		check_module(map, k);
	check_config(map, config);
	kc_modmap_free(map);
	return tap_failed ? 1 : 0;
}
