/* fuzz-util.c - temp folders for the fuzz targets (fixture trees, one tree per input). */
#include "config.h"

#include "fuzz.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kexplore/kconfig.h>

static char *workdir;
static pid_t workdir_pid;

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

void
fuzz_clear(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
remove_workdir(void)
{
	/* a forked child (replay.c) must not remove its parent's folder */
	if (!workdir || getpid() != workdir_pid)
		return;
	fuzz_clear(workdir);
	rmdir(workdir);
	free(workdir);
	workdir = NULL;
}

const char *
fuzz_workdir(void)
{
	const char *tmp;
	size_t n;

	if (workdir)
		return workdir;
	tmp = getenv("TMPDIR");
	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	n = strlen(tmp) + 32;
	workdir = malloc(n);
	if (!workdir)
		abort();
	snprintf(workdir, n, "%s/kx-fuzz.XXXXXX", tmp);
	if (!mkdtemp(workdir)) {
		perror(workdir);
		abort();
	}
	workdir_pid = getpid();
	atexit(remove_workdir);
	return workdir;
}

static bool
make_parents(char *path)
{
	char *s;

	for (s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(path, 0755) && access(path, F_OK)) {
			*s = '/';
			return false;
		}
		*s = '/';
	}
	return true;
}

bool
fuzz_write(const char *dir, const char *rel, const void *data, size_t len)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *path = malloc(n);
	const char *p = data;
	bool ok = false;
	int fd;

	if (!path)
		abort();
	snprintf(path, n, "%s/%s", dir, rel);
	if (!make_parents(path))
		goto out;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto out;
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w <= 0)
			break;
		p += w;
		len -= (size_t)w;
	}
	ok = len == 0;
	close(fd);
out:
	free(path);
	return ok;
}

/* ---- the small tree of fuzz-config and fuzz-profile ---- */

/* Symbols with real names, so that chunks of Debian's configs and real
 * profiles hit them; every type, a choice, menus, select and imply. */
static const char kconfig[] =
	"mainmenu \"Fuzz $(ARCH) tree\"\n"
	"config 64BIT\n\tdef_bool y\n"
	"config MODULES\n\tbool \"Enable loadable module support\"\n\tmodules\n\tdefault y\n"
	"config LOCALVERSION\n\tstring \"Local version\"\n"
	"config LOCALVERSION_AUTO\n\tbool \"Automatically append version information\"\n\tdefault y\n"
	"config LOG_BUF_SHIFT\n\tint \"Kernel log buffer size\"\n\trange 12 25\n\tdefault 17\n"
	"config PHYSICAL_START\n\thex \"Physical address\"\n\trange 0x0 0xffffffff\n\tdefault 0x1000000\n"
	"config HZ_CHOICE_DUMMY\n\tbool\n"
	"choice\n\tprompt \"Timer frequency\"\n\tdefault HZ_250\n"
	"config HZ_100\n\tbool \"100 HZ\"\nconfig HZ_250\n\tbool \"250 HZ\"\n"
	"config HZ_1000\n\tbool \"1000 HZ\"\nendchoice\n"
	"config HZ\n\tint\n\tdefault 100 if HZ_100\n\tdefault 250 if HZ_250\n\tdefault 1000\n"
	"menuconfig NET\n\tbool \"Networking support\"\n\tdefault y\n"
	"if NET\n"
	"config INET\n\tbool \"TCP/IP networking\"\n\tdefault y\n"
	"config IPV6\n\ttristate \"The IPv6 protocol\"\n\tdepends on INET\n\tdefault y\n"
	"config NETFILTER\n\tbool \"Network packet filtering framework\"\n\timply NF_TABLES\n"
	"config NF_TABLES\n\ttristate \"Netfilter nf_tables support\"\n\tdepends on NETFILTER\n"
	"endif\n"
	"config BLOCK\n\tbool \"Enable the block layer\" if EXPERT\n\tdefault y\n"
	"config EXPERT\n\tbool \"Configure standard kernel features (expert users)\"\n"
	"config EXT4_FS\n\ttristate \"The Extended 4 (ext4) filesystem\"\n\tdepends on BLOCK\n\tselect CRC16\n"
	"config CRC16\n\ttristate\n"
	"config CMDLINE\n\tstring \"Built-in kernel command string\"\n\tdefault \"\"\n"
	"config NR_CPUS\n\tint \"Maximum number of CPUs\"\n\trange 2 8192\n\tdefault 64\n"
	"config DEBUG_KERNEL\n\tbool \"Kernel debugging\"\n"
	"config DEBUG_INFO\n\tbool\n\tdepends on DEBUG_KERNEL\n"
	"choice\n\tprompt \"Debug information\"\n\tdepends on DEBUG_KERNEL\n"
	"config DEBUG_INFO_NONE\n\tbool \"Disable debug information\"\n"
	"config DEBUG_INFO_DWARF5\n\tbool \"Generate DWARF Version 5 debuginfo\"\n\tselect DEBUG_INFO\n"
	"endchoice\n";

static struct kc_tree *tree;

static void
free_tree(void)
{
	kc_tree_free(tree);
	tree = NULL;
}

/*
 * Reloaded every 4096 uses: user strings and diagnostics' file names live in
 * the tree's arena until it is freed (a documented trade-off, a few bytes per
 * value read), so a tree reading millions of configs would reach libFuzzer's
 * RSS limit.
 */
struct kc_tree *
fuzz_small_tree(void)
{
	static unsigned uses;
	static bool registered;
	struct kc_load_opts o = { 0 };

	if (tree && ++uses % 4096 == 0)
		free_tree();
	if (tree)
		return tree;
	o.srctree = fuzz_workdir();
	o.arch = "x86_64";
	o.no_shell = true;
	o.no_cache = true;
	o.kconfig_text = kconfig;
	o.kconfig_len = sizeof(kconfig) - 1;
	if (kc_tree_load(&o, &tree) != KC_OK)
		abort();
	if (!registered)
		atexit(free_tree);
	registered = true;
	return tree;
}
