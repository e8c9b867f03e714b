/* test-cfgfile.c - the config-file service (kconfig/core/cfgfile.c) on data compressed here with
 * zlib, liblzma and libzstd: every format reads back its text, concatenated streams read
 * whole, EVERY cut of a stream is an error (never a shorter config), the 64 MiB limit is
 * exact, binary data and non-files are refused, and the writer keeps .old, refuses a
 * compressed target and honours KCONFIG_OVERWRITECONFIG as conf does. TAP output. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <kexplore/cfgfile.h>

static int ntests, nfailed;
static char dir[] = "/tmp/test-cfgfile.XXXXXX";

static void
ok(int cond, const char *fmt, const char *arg)
{
	ntests++;
	if (!cond)
		nfailed++;
	printf("%sok %d - ", cond ? "" : "not ", ntests);
	printf(fmt, arg);
	putchar('\n');
}

static char *
at(const char *name)
{
	static char p[4096];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void
put(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(at(name), "wb");

	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		abort();
}

/* ---- compressing here, with the libraries' own encoders ---- */

struct blob {
	unsigned char *p;
	size_t n;
};

static struct blob
gz(const char *s, size_t len)
{
	struct blob b = { malloc(len + len / 100 + 1024), 0 };
	z_stream z = { 0 };

	if (!b.p || deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	z.next_in = (Bytef *)s;
	z.avail_in = (uInt)len;
	z.next_out = b.p;
	z.avail_out = (uInt)(len + len / 100 + 1024);
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	b.n = z.total_out;
	deflateEnd(&z);
	return b;
}

static struct blob
xz(const char *s, size_t len)
{
	size_t cap = lzma_stream_buffer_bound(len);
	struct blob b = { malloc(cap), 0 };

	if (!b.p || lzma_easy_buffer_encode(0, LZMA_CHECK_CRC64, NULL, (const uint8_t *)s, len,
					    b.p, &b.n, cap) != LZMA_OK)
		abort();
	return b;
}

static struct blob
zst(const char *s, size_t len)
{
	size_t cap = ZSTD_compressBound(len);
	struct blob b = { malloc(cap), 0 };

	if (!b.p)
		abort();
	b.n = ZSTD_compress(b.p, cap, s, len, 1);
	if (ZSTD_isError(b.n))
		abort();
	return b;
}

static const struct codec {
	const char *name;
	struct blob (*pack)(const char *, size_t);
	enum kc_cfg_format fmt;
	size_t magic;
} codecs[] = {
	{ "gzip", gz, KC_FMT_GZIP, 2 },
	{ "xz", xz, KC_FMT_XZ, 6 },
	{ "zstd", zst, KC_FMT_ZSTD, 4 },
};

static const char text[] =
	"#\n# Automatically generated file; DO NOT EDIT.\n#\nCONFIG_MODULES=y\n"
	"# CONFIG_SWAP is not set\nCONFIG_NR_CPUS=64\nCONFIG_LOCALVERSION=\"-\xc3\xa9t\xc3\xa9\"\n"
	"CONFIG_CMDLINE=\"console=ttyS0\tquiet\"\r\n";

/* reads_as NAME TEXT - the file reads back exactly @want, in format @fmt. */
static int
reads_as(const char *name, const char *want, size_t len, enum kc_cfg_format fmt)
{
	struct kc_cfgfile f;
	int good = kc_cfgfile_read(at(name), KC_CFG_TEXT, &f) == KC_OK && f.len == len &&
		   !memcmp(f.data, want, len) && !f.data[len] && f.format == fmt;

	kc_cfgfile_done(&f);
	return good;
}

/* ---- reading ---- */

static void
test_formats(const struct codec *c)
{
	size_t len = strlen(text), half = len / 2;
	struct blob a = c->pack(text, len), b1 = c->pack(text, half),
		    b2 = c->pack(text + half, len - half);
	unsigned char *cat = malloc(b1.n + b2.n);
	size_t cut, bad = 0;
	struct kc_cfgfile f;

	put("one", a.p, a.n);
	ok(reads_as("one", text, len, c->fmt), "%s: one stream reads back its text", c->name);
	memcpy(cat, b1.p, b1.n);
	memcpy(cat + b1.n, b2.p, b2.n);
	put("two", cat, b1.n + b2.n);
	ok(reads_as("two", text, len, c->fmt), "%s: two concatenated streams read as one text",
	   c->name);
	/* every cut after the magic bytes: an error, never a shorter config */
	for (cut = c->magic; cut < a.n; cut++) {
		put("cut", a.p, cut);
		if (kc_cfgfile_read(at("cut"), KC_CFG_TEXT, &f) == KC_OK || f.data)
			bad++;
		kc_cfgfile_done(&f);
	}
	ok(!bad, "%s: each cut of the stream is an error", c->name);
	free(cat);
	free(a.p);
	free(b1.p);
	free(b2.p);
}

static void
test_gzip_trailer(void)
{
	size_t len = strlen(text);
	struct blob a = gz(text, len);
	unsigned char *p = calloc(1, a.n + 16);

	memcpy(p, a.p, a.n);
	put("pad", p, a.n + 16);
	ok(reads_as("pad", text, len, KC_FMT_GZIP), "%s: zero padding after the last member is read",
	   "gzip");
	memcpy(p + a.n, "CONFIG_X=y\n", 11);
	put("junk", p, a.n + 16);
	ok(!reads_as("junk", text, len, KC_FMT_GZIP), "%s: other bytes after it are an error",
	   "gzip");
	free(p);
	free(a.p);
}

/* At most KC_CFGFILE_MAX bytes decompressed: the limit itself reads, one more does not. */
static void
test_limit(const struct codec *c)
{
	size_t n = KC_CFGFILE_MAX + 1;
	char *big = malloc(n);
	struct blob b;
	struct kc_cfgfile f;
	enum kc_status st;

	if (!big)
		abort();
	memset(big, '#', n);
	big[n - 2] = big[n - 1] = '\n';
	b = c->pack(big, n - 1);
	put("max", b.p, b.n);
	free(b.p);
	ok(reads_as("max", big, n - 1, c->fmt), "%s: exactly 64 MiB decompressed reads", c->name);
	b = c->pack(big, n);
	put("over", b.p, b.n);
	free(b.p);
	st = kc_cfgfile_read(at("over"), KC_CFG_TEXT, &f);
	ok(st == KC_EINVAL && f.err == EFBIG && !f.data && strstr(f.error, "64 MiB limit"),
	   "%s: one byte more is refused, naming the limit", c->name);
	kc_cfgfile_done(&f);
	free(big);
}

static void
test_refused(void)
{
	struct kc_cfgfile f;
	enum kc_status st;

	put("nul", "CONFIG_A=y\nCONFIG_B=\0y\n", 23);
	st = kc_cfgfile_read(at("nul"), KC_CFG_TEXT, &f);
	ok(st == KC_EINVAL && !strcmp(f.error, "binary data (byte 0x00 on line 2), not a config file"),
	   "%s", "a NUL byte is binary data, with its line");
	kc_cfgfile_done(&f);
	st = kc_cfgfile_read(at("nul"), 0, &f);
	ok(st == KC_OK && f.len == 23, "%s", "...which a reader without KC_CFG_TEXT gets whole");
	kc_cfgfile_done(&f);
	put("esc", "CONFIG_A=\"\033[2J\"\n", 16);
	ok(kc_cfgfile_read(at("esc"), KC_CFG_TEXT, &f) == KC_EINVAL, "%s",
	   "a terminal escape is binary data");
	kc_cfgfile_done(&f);
	ok(kc_cfgfile_read(at("nothing"), KC_CFG_TEXT, &f) == KC_ENOENT && f.err == ENOENT, "%s",
	   "a missing file is KC_ENOENT");
	kc_cfgfile_done(&f);
	ok(kc_cfgfile_read(dir, KC_CFG_TEXT, &f) == KC_EIO && f.err == EISDIR, "%s",
	   "a folder is KC_EIO (EISDIR)");
	kc_cfgfile_done(&f);
	ok(kc_cfgfile_read("/dev/zero", KC_CFG_TEXT, &f) == KC_EIO &&
	   !strcmp(f.error, "a character device, not a config file"), "%s",
	   "/dev/zero is refused without being read");
	kc_cfgfile_done(&f);
	ok(kc_cfgfile_read("/dev/null", KC_CFG_TEXT, &f) == KC_OK && f.len == 0 && f.data &&
	   !*f.data, "%s", "/dev/null reads as an empty config");
	kc_cfgfile_done(&f);
}

/* ---- writing ---- */

static char *
slurp(const char *path)
{
	struct kc_cfgfile f;
	char *s;

	if (kc_cfgfile_read(path, 0, &f) != KC_OK) {
		kc_cfgfile_done(&f);
		return NULL;
	}
	s = f.data;
	f.data = NULL;
	kc_cfgfile_done(&f);
	return s;
}

static int
holds(const char *name, const char *want)
{
	char *s = slurp(at(name));
	int good = s && !strcmp(s, want);

	free(s);
	return good;
}

static void
test_save(void)
{
	struct blob b = xz(text, strlen(text));
	char *err = NULL, target[4096];
	struct stat st;

	unsetenv("KCONFIG_OVERWRITECONFIG");
	put("w.config", "OLD\n", 4);
	ok(kc_cfgfile_save(at("w.config"), "NEW\n", 4, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, NULL) ==
	   KC_OK && holds("w.config", "NEW\n") && holds("w.config.old", "OLD\n"), "%s",
	   "a save keeps the previous file as .old");
	put("w.config.old", "OLDER\n", 6);
	ok(kc_cfgfile_save(at("w.config"), "NEW\n", 4, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, NULL) ==
	   KC_OK && holds("w.config.old", "OLDER\n"), "%s",
	   "unchanged contents are not rewritten: .old stays (conf: \"No change\")");
	put("p.xz", b.p, b.n);
	ok(kc_cfgfile_save(at("p.xz"), "NEW\n", 4, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, &err) ==
	   KC_EINVAL && err && strstr(err, "xz-compressed") &&
	   reads_as("p.xz", text, strlen(text), KC_FMT_XZ) && access(at("p.xz.old"), F_OK),
	   "%s", "a compressed file is not written over, and gets no .old");
	free(err);
	/* conf: with KCONFIG_OVERWRITECONFIG set, fopen(name, "w"), through a symlink, no .old */
	put("behind", "OLD\n", 4);
	unlink(at("link"));
	unlink(at("link.old"));
	snprintf(target, sizeof(target), "%s", at("behind"));
	if (symlink(target, at("link")))
		abort();
	setenv("KCONFIG_OVERWRITECONFIG", "1", 1);
	ok(kc_cfgfile_save(at("link"), "NEW\n", 4, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, NULL) ==
	   KC_OK && !lstat(at("link"), &st) && S_ISLNK(st.st_mode) && holds("behind", "NEW\n") &&
	   access(at("link.old"), F_OK), "%s",
	   "KCONFIG_OVERWRITECONFIG=1: written through the symlink, no .old");
	/* conf tests getenv() && *env: set but empty is unset */
	setenv("KCONFIG_OVERWRITECONFIG", "", 1);
	ok(kc_cfgfile_save(at("link"), "NEWER\n", 6, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, NULL) ==
	   KC_OK && !lstat(at("link"), &st) && S_ISREG(st.st_mode) && holds("behind", "NEW\n") &&
	   !lstat(at("link.old"), &st) && S_ISLNK(st.st_mode), "%s",
	   "KCONFIG_OVERWRITECONFIG= (empty): the link is replaced and kept as .old");
	unsetenv("KCONFIG_OVERWRITECONFIG");
	ok(kc_cfgfile_save(dir, "NEW\n", 4, KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, NULL) == KC_EINVAL &&
	   errno == EISDIR, "%s", "a folder as the target is refused");
	free(b.p);
}

int
main(void)
{
	size_t i;

	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	printf("1..%d\n", 3 * 3 + 2 + 3 * 2 + 7 + 6);
	for (i = 0; i < 3; i++)
		test_formats(&codecs[i]);
	test_gzip_trailer();
	for (i = 0; i < 3; i++)
		test_limit(&codecs[i]);
	test_refused();
	test_save();
	{
		char cmd[sizeof(dir) + 16];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) == -1)
			return 1;
	}
	return nfailed ? 1 : 0;
}
