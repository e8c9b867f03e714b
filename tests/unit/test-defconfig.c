/* test-defconfig.c - kc_defconfig_read (cfgfile.h): defconfig make targets resolved as kbuild does,
 * on a tiny tree with a powerpc-style merge rule and a MIPS-style generic board set. The
 * expected values are reasoned from the kernel's rules: arch/powerpc/Makefile's
 * merge_into_defconfig runs scripts/kconfig/merge_config.sh (base, then each fragment, the
 * last assignment winning); arch/mips/Makefile's generic targets merge generic_defconfig,
 * the ISA and endianness fragments, then each board-*.config whose "# require" lines hold
 * (arch/mips/tools/generic-board-config.sh). */
#include <sys/stat.h>

#include <kexplore/cfgfile.h>

#include "unit.h"

static const char kconfig[] =
	"config BASE_A\n\tbool \"a\"\n"
	"config LE\n\tbool \"little endian\"\n"
	"config CPU_32R2\n\tbool \"32r2\"\n"
	"config GUEST\n\tbool \"guest\"\n"
	"config BOARD_A\n\tbool \"board a\"\n"
	"config BOARD_B\n\tbool \"board b\"\n";

static void
dirs(void)
{
	static const char *const d[] = { "arch", "arch/powerpc", "arch/powerpc/configs", "arch/mips",
					 "arch/mips/configs", "arch/mips/configs/generic" };
	char path[256];
	size_t i;

	for (i = 0; i < sizeof(d) / sizeof(*d); i++) {
		snprintf(path, sizeof(path), "%s/%s", unit_srctree(), d[i]);
		mkdir(path, 0755);
	}
}

static void
files(void)
{
	dirs();
	unit_write("arch/powerpc/Makefile", "ppc64le_defconfig:\n"
		   "\t$(call merge_into_defconfig,ppc64_defconfig,le guest)\n");
	unit_write("arch/powerpc/configs/ppc64_defconfig", "CONFIG_BASE_A=y\n# CONFIG_LE is not set\n");
	unit_write("arch/powerpc/configs/le.config", "CONFIG_LE=y\n");
	unit_write("arch/powerpc/configs/guest.config", "CONFIG_GUEST=y\n");
	unit_write("arch/powerpc/configs/plain_defconfig", "CONFIG_GUEST=y\n");
	unit_write("arch/mips/Makefile", "KBUILD_DEFCONFIG := 32r2el_defconfig\n");
	unit_write("arch/mips/configs/generic_defconfig", "CONFIG_BASE_A=y\n");
	unit_write("arch/mips/configs/generic/32r2.config", "CONFIG_CPU_32R2=y\n");
	unit_write("arch/mips/configs/generic/el.config", "CONFIG_LE=y\n");
	unit_write("arch/mips/configs/generic/eb.config", "# CONFIG_LE is not set\n");
	unit_write("arch/mips/configs/generic/board-a.config",
		   "# require CONFIG_CPU_32R2=y\nCONFIG_BOARD_A=y\n");
	unit_write("arch/mips/configs/generic/board-b.config",
		   "# require CONFIG_LE=n\nCONFIG_BOARD_B=y\n");
}

static struct kc_tree *
load(const char *arch)
{
	struct kc_load_opts o = { 0 };
	struct kc_tree *t = NULL;

	o.srctree = unit_srctree();
	o.arch = arch;
	o.no_shell = 1;
	o.no_cache = 1;
	o.kconfig_text = kconfig;
	o.kconfig_len = strlen(kconfig);
	if (kc_tree_load(&o, &t) != KC_OK)
		abort();
	return t;
}

/* The y symbols, in Kconfig order, space separated. */
static void
ys(struct kc_tree *t, char *out, size_t n)
{
	static const char *const names[] = { "BASE_A", "LE", "CPU_32R2", "GUEST", "BOARD_A", "BOARD_B" };
	size_t i;

	out[0] = 0;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (!strcmp(unit_val(t, names[i]), "y"))
			snprintf(out + strlen(out), n - strlen(out), "%s%s", *out ? " " : "", names[i]);
}

/* Whether @path ends with @tail (the engine names files by their path under srctree). */
static int
ends_with(const char *path, const char *tail)
{
	size_t n = strlen(path), k = strlen(tail);

	return n >= k && !strcmp(path + n - k, tail);
}

/* WANT_FILE: the file read (its tail), or NULL for a make target. */
static void
target(const char *arch, const char *name, enum kc_status want_st, const char *want_ys,
       const char *want_file, const char *why)
{
	struct kc_tree *t = load(arch);
	char got[256], *file = NULL;
	enum kc_status st = kc_defconfig_read(t, name, &file);
	int file_ok = want_file ? file && ends_with(file, want_file) : !file;

	ys(t, got, sizeof(got));
	ok(st == want_st && !strcmp(got, want_ys) && file_ok, "%s %s: %s", arch,
	   name ? name : "(default)", why);
	if (st != want_st || strcmp(got, want_ys) || !file_ok)
		diag("got %s, y: '%s', file %s; want %s, y: '%s', file %s", kc_status_str(st), got,
		     file ? file : "(target)", kc_status_str(want_st), want_ys,
		     want_file ? want_file : "(target)");
	free(file);
	kc_tree_free(t);
}

int
main(void)
{
	files();
	target("powerpc", "ppc64le_defconfig", KC_OK, "BASE_A LE GUEST", NULL,
	       "a make target: base + le + guest, le.config's LE=y over the base's 'not set'");
	target("powerpc", "plain_defconfig", KC_OK, "GUEST", "arch/powerpc/configs/plain_defconfig",
	       "a file under configs/ is read as it is");
	target("powerpc", "nosuch_defconfig", KC_ENOENT, "", "arch/powerpc/configs/nosuch_defconfig",
	       "neither a file nor a rule: ENOENT, naming the file looked for");
	target("mips", NULL, KC_OK, "BASE_A LE CPU_32R2 BOARD_A", NULL,
	       "KBUILD_DEFCONFIG 32r2el: generic + 32r2 + el; board-a (needs 32R2) yes, board-b (needs LE=n) no");
	target("mips", "32r2_defconfig", KC_OK, "BASE_A CPU_32R2 BOARD_A BOARD_B", NULL,
	       "32r2 big endian: eb keeps LE off, so board-b applies too");
	target("mips", "64r6_defconfig", KC_ENOENT, "", "arch/mips/configs/64r6_defconfig",
	       "no generic/64r6.config: not a generic target");
	unit_cleanup();
	return tap_done();
}
