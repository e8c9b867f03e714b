/* test-modmap.c - the module map on the fixture tree tests/modmap/tree, expectations by hand (TAP). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/modmap.h>

#include "../lib/tap.h"

/* "A B|C D": the chain as text, links separated by spaces, any-of symbols by '|'. */
static char *
chain_str(const struct kc_modmap_entry *e)
{
	static char buf[1024];
	size_t i, j;

	buf[0] = '\0';
	for (i = 0; i < e->nchain; i++) {
		if (i)
			strcat(buf, " ");
		for (j = 0; j < e->chain[i].nsyms; j++) {
			if (j)
				strcat(buf, "|");
			strcat(buf, e->chain[i].syms[j]);
		}
	}
	return buf;
}

static char *
syms_str(const char *const *v, size_t n)
{
	static char buf[1024];
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(buf, " ");
		strcat(buf, v[i]);
	}
	return buf;
}

struct expect {
	const char *query;	/* as a user would type it */
	enum kc_mod_kind kind;
	const char *syms;	/* the symbols building it, space-separated */
	const char *chain;	/* chain_str() of it */
	const char *dir;
	const char *parts;	/* symbols adding objects to it */
	const char *why;	/* the construct under test */
};

/*
 * Worked out from the fixture Makefiles by hand: a directory's guard counts
 * unless it is the module's own symbol (or an any-of containing it); the
 * top Kbuild, drivers/ and arch/x86/ are unconditional.
 */
static const struct expect expects[] = {
	{ "iwlwifi", KC_MOD_CONFIG, "IWLWIFI", "WLAN_VENDOR_INTEL WLAN NET",
	  "drivers/net/wireless/intel/iwlwifi", "IWLMVM", "obj-$(CONFIG_X), -objs, guarded dirs" },
	{ "iwlmvm", KC_MOD_CONFIG, "IWLMVM", "IWLWIFI WLAN_VENDOR_INTEL WLAN NET",
	  "drivers/net/wireless/intel/iwlwifi/mvm", "IWLWIFI_LEDS", "-y and -$(CONFIG) parts" },
	{ "dummy_eth", KC_MOD_CONFIG, "ETHERNET", "NET", "drivers/net", "",
	  "line continuation, '_' finds '-'" },
	{ "e1000", KC_MOD_CONFIG, "E1000", "ETHERNET NET", "drivers/net/ethernet", "",
	  "directory named on a continued line" },
	{ "kvm-intel", KC_MOD_CONFIG, "KVM_INTEL", "KVM", "arch/x86/kvm", "X86_SGX_KVM KVM_HYPERV",
	  "arch/$(SRCARCH)/ from the top Kbuild" },
	{ "fakepci", KC_MOD_CONFIG, "PCI_FAKE", "PCI", "arch/x86/pci", "",
	  "drivers-$(CONFIG_PCI) in the arch Makefile" },
	{ "crc_foo", KC_MOD_CONFIG, "CRC_FOO", "", "lib", "", "libs-y := lib/ in the top Makefile" },
	{ "misc-a", KC_MOD_CONFIG, "MISC_AB", "", "drivers/misc", "", "simple variable, :=" },
	{ "misc-b", KC_MOD_CONFIG, "MISC_AB", "", "drivers/misc", "", "simple variable, +=" },
	{ "always-mod", KC_MOD_MODULE, "", "", "drivers/misc", "", "obj-m" },
	{ "builtin-thing", KC_MOD_BUILTIN, "", "", "drivers/misc", "", "obj-y" },
	{ "sub-drv", KC_MOD_CONFIG, "MISC_SUB_DRV", "MISC_SUB", "drivers/misc/sub", "",
	  "obj-$(subst m,y,$(CONFIG_X)) += dir/" },
	{ "deep-mod", KC_MOD_CONFIG, "MISC_DEEP", "", "drivers/misc/deep", "",
	  "object in a subdirectory without Makefile" },
	{ "misc-capped", KC_MOD_CONFIG, "MISC_CAPPED", "MISC_CAP", "drivers/misc", "",
	  "obj-$(subst y,$(CONFIG_CAP),$(CONFIG_X)): X builds it, CAP caps it" },
	{ "misc-extra", KC_MOD_CONFIG, "MISC_EXTRA", "MISC_FEATURE", "drivers/misc", "",
	  "ifdef CONFIG_X block" },
	{ "misc-opt", KC_MOD_MODULE, "", "MISC_OPT", "drivers/misc", "",
	  "ifeq ($(CONFIG_X),y) block" },
	{ "misc-noopt", KC_MOD_MODULE, "", "", "drivers/misc", "", "else branch: no guard" },
	{ "shared", KC_MOD_CONFIG, "SHARED_A SHARED_B", "", "drivers/misc", "",
	  "one module, two symbols" },
	{ "misc_helper", KC_MOD_CONFIG, "MISC_HELPER", "MISC_CORE", "drivers/misc", "",
	  "helper-$(CONFIG_X) := used as $(helper-y)" },
	{ "included", KC_MOD_CONFIG, "MISC_INCLUDED", "", "drivers/misc", "",
	  "include $(src)/extra.mk" },
	{ "xhci-hcd", KC_MOD_CONFIG, "USB_XHCI_HCD", "USB_SUPPORT|USB", "drivers/usb/host",
	  "USB_XHCI_DBGCAP", "any-of directory guards, own symbol dropped" },
	{ "xhci_pci.ko", KC_MOD_CONFIG, "USB_XHCI_PCI", "USB_XHCI_HCD|USB_EHCI_HCD USB_SUPPORT|USB",
	  "drivers/usb/host", "", "any-of directory guards" },
	{ "snd_hda_intel", KC_MOD_CONFIG, "SND_HDA_INTEL", "SND_PCI SND SOUND", "sound/pci/hda", "",
	  "sound chain" },
};

/* Names that must not be in the map, and why. */
static const char *const absent[][2] = {
	{ "armonly", "another arch" },
	{ "not-read-in-arch-makefile", "obj- lines of the arch Makefile" },
	{ "recipe-in-top", "recipe line" },
	{ "notamodule", "lib-y" },
	{ "bogus-from-recipe", "recipe line after a rule" },
	{ "bogus-from-define", "define ... endef" },
	{ "ignored-makefile", "Makefile next to a Kbuild" },
	{ "orphan", "directory nothing names (no walk)" },
	{ "ccflags", "ccflags-y noise" },
};

static void
check_expect(const struct kc_modmap *map, const struct expect *x)
{
	const struct kc_modmap_entry *e = kc_modmap_lookup(map, x->query, 0);

	ok(e != NULL, "%s found (%s)", x->query, x->why);
	if (!e) {
		tap_n += 4;
		tap_failed += 4;
		return;
	}
	ok(e->kind == x->kind, "%s kind %d (got %d)", x->query, x->kind, e->kind);
	ok(!strcmp(syms_str(e->syms, e->nsyms), x->syms), "%s symbols '%s' (got '%s')", x->query,
	   x->syms, syms_str(e->syms, e->nsyms));
	ok(!strcmp(chain_str(e), x->chain), "%s chain '%s' (got '%s')", x->query, x->chain,
	   chain_str(e));
	ok(!strcmp(e->dir, x->dir) && !strcmp(syms_str(e->parts, e->nparts), x->parts),
	   "%s dir %s, parts '%s' (got %s, '%s')", x->query, x->dir, x->parts, e->dir,
	   syms_str(e->parts, e->nparts));
}

static void
check_misc(const struct kc_modmap *map)
{
	const struct kc_modmap_entry *e;
	struct kc_modmap_stats st;
	const char *close[4];
	size_t n;

	e = kc_modmap_lookup(map, "dummy_eth", 0);
	ok(e && !strcmp(e->file, "drivers/net/Makefile") && e->line == 2,
	   "dummy-eth named at drivers/net/Makefile:2 (got %s:%d)", e ? e->file : "-", e ? e->line : 0);
	e = kc_modmap_lookup(map, "included", 0);
	ok(e && !strcmp(e->file, "drivers/misc/extra.mk") && e->line == 1,
	   "included named at drivers/misc/extra.mk:1");
	ok(kc_modmap_lookup(map, "iwlwifi", 1) == NULL, "iwlwifi has one entry");
	e = kc_modmap_for_symbol(map, "CONFIG_SHARED_B", 0);
	ok(e && !strcmp(e->name, "shared") && !kc_modmap_for_symbol(map, "SHARED_B", 1),
	   "SHARED_B builds shared only");
	e = kc_modmap_for_symbol(map, "IWLMVM", 0);
	ok(e && !strcmp(e->name, "iwlmvm") && !kc_modmap_for_symbol(map, "IWLMVM", 1),
	   "IWLMVM builds iwlmvm; adding parts to iwlwifi is not building it");
	ok(kc_modmap_for_symbol(map, "NOPE", 0) == NULL, "unknown symbol builds nothing");
	n = kc_modmap_closest(map, "iwlwfi", close, 4);
	ok(n >= 1 && !strcmp(close[0], "iwlwifi"), "closest to iwlwfi is iwlwifi (got %s)",
	   n ? close[0] : "-");
	n = kc_modmap_closest(map, "xhci", close, 4);
	ok(n == 2 && !strcmp(close[0], "xhci-hcd") && !strcmp(close[1], "xhci-pci"),
	   "closest to xhci: xhci-hcd, xhci-pci (got %zu)", n);
	ok(kc_modmap_closest(map, "zzzzzzzzzz", close, 4) == 0, "nothing close to zzzzzzzzzz");
	ok(kc_modmap_name_eq("snd-hda_intel", "snd_hda-intel") && !kc_modmap_name_eq("a-b", "a-bc"),
	   "name_eq treats - and _ alike");
	kc_modmap_stats(map, &st);
	/* 23 modular names and 2 built-in objects (init/main.o, builtin-thing.o). */
	ok(st.modules == 23 && st.entries == 25, "23 modules, 25 entries (got %zu, %zu)", st.modules,
	   st.entries);
	ok(kc_modmap_ndiags(map) == 1 && strstr(kc_modmap_diag(map, 0)->file, "drivers/gone"),
	   "one diagnostic: drivers/gone/ has no Makefile (got %zu)", kc_modmap_ndiags(map));
}

static void
check_walk(const char *tree)
{
	struct kc_modmap_opts opts = { .srctree = tree, .srcarch = "x86", .walk = true };
	struct kc_modmap *map;
	const struct kc_modmap_entry *e;

	ok(kc_modmap_load(&opts, &map) == KC_OK, "load with walk");
	e = kc_modmap_lookup(map, "orphan", 0);
	ok(e && !e->reached && e->nsyms == 1 && !strcmp(e->syms[0], "ORPHAN"),
	   "walk finds drivers/orphan, marked unreached");
	ok(kc_modmap_lookup(map, "armonly", 0) == NULL, "walk skips other arches");
	kc_modmap_free(map);
}

int
main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char tree[4096];
	struct kc_modmap_opts opts = { .srcarch = "x86" };
	struct kc_modmap *map;
	size_t i;

	if (argc > 1)
		snprintf(tree, sizeof(tree), "%s", argv[1]);
	else
		snprintf(tree, sizeof(tree), "%s/tests/modmap/tree", srcdir ? srcdir : ".");
	opts.srctree = tree;
	printf("1..%zu\n", sizeof(expects) / sizeof(*expects) * 5 +
	       sizeof(absent) / sizeof(*absent) + 1 + 12 + 3 + 1);
	ok(kc_modmap_load(&opts, &map) == KC_OK, "load %s", tree);
	for (i = 0; i < sizeof(expects) / sizeof(*expects); i++)
		check_expect(map, &expects[i]);
	for (i = 0; i < sizeof(absent) / sizeof(*absent); i++)
		ok(kc_modmap_lookup(map, absent[i][0], 0) == NULL, "%s absent (%s)", absent[i][0],
		   absent[i][1]);
	check_misc(map);
	kc_modmap_free(map);
	check_walk(tree);
	opts.srctree = "/nonexistent/tree";
	ok(kc_modmap_load(&opts, &map) == KC_ENOENT && kc_modmap_ndiags(map) == 1,
	   "missing tree: KC_ENOENT and a diagnostic");
	kc_modmap_free(map);
	return tap_failed ? 1 : 0;
}
