/* cfgfile.c - the config-file service: bounded reading of plain, gzip, xz and
 * zstd files, and the atomic save with .old and KCONFIG_OVERWRITECONFIG. */
#include "config.h"

#include "kexplore/cfgfile.h"

#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "core.h"

/* ---- reading the raw bytes ------------------------------------------------ */

static enum kc_status
fail(struct kc_cfgfile *f, enum kc_status st, int err, const char *fmt, ...) KC_PRINTF(4, 5);

static enum kc_status
fail(struct kc_cfgfile *f, enum kc_status st, int err, const char *fmt, ...)
{
	struct kc_buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	kc_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(f->error);
	f->error = kc_buf_steal(&b);
	f->err = err;
	return st;
}

static const char *
file_kind(mode_t m)
{
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* --config /dev/null is the usual empty config; other devices (/dev/zero, a tty) are not. */
static bool
is_dev_null(const struct stat *sb)
{
	struct stat null;

	return S_ISCHR(sb->st_mode) && !stat("/dev/null", &null) && S_ISCHR(null.st_mode) &&
	       sb->st_rdev == null.st_rdev;
}

/*
 * open_input - a descriptor to read @path from. O_NONBLOCK keeps open() from
 * hanging on a FIFO nobody writes to; a pipe (--config <(zcat ...)) is then
 * read blocking, anything else that is not a regular file (or /dev/null) is refused.
 */
static int
open_input(const char *path, struct kc_cfgfile *f, enum kc_status *st)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat sb;

	if (fd < 0) {
		*st = fail(f, errno == ENOENT ? KC_ENOENT : KC_EIO, errno, "%s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == 0 && (S_ISREG(sb.st_mode) || S_ISFIFO(sb.st_mode) ||
				    is_dev_null(&sb))) {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		return fd;
	}
	if (S_ISDIR(sb.st_mode))
		*st = fail(f, KC_EIO, EISDIR, "%s", strerror(EISDIR));
	else
		*st = fail(f, KC_EIO, EINVAL, "%s, not a config file", file_kind(sb.st_mode));
	close(fd);
	return -1;
}

/* read_raw - the bytes of @fd, at most KC_CFGFILE_MAX (one more is an error). */
static enum kc_status
read_raw(int fd, struct kc_buf *b, struct kc_cfgfile *f)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail(f, KC_EIO, errno, "%s", strerror(errno));
		kc_buf_add(b, chunk, (size_t)n);
		if (b->len > KC_CFGFILE_MAX)
			return fail(f, KC_EINVAL, EFBIG, "larger than the %zu MiB limit",
				    KC_CFGFILE_MAX >> 20);
	}
	return KC_OK;
}

/* ---- decompressing ---------------------------------------------------------- */

/* out_add - append decompressed bytes; false past the limit (a bomb, /dev/zero.gz). */
static bool
out_add(struct kc_buf *out, const void *p, size_t n, struct kc_cfgfile *f)
{
	kc_buf_add(out, p, n);
	if (out->len <= KC_CFGFILE_MAX)
		return true;
	fail(f, KC_EINVAL, EFBIG, "%s data decompresses to more than the %zu MiB limit",
	     kc_cfg_format_name(f->format), KC_CFGFILE_MAX >> 20);
	return false;
}

static bool
all_zero(const unsigned char *p, size_t n)
{
	while (n && !*p) {
		p++;
		n--;
	}
	return !n;
}

/* One gzip member after another, as gzip -d reads them; zero padding after the last. */
static enum kc_status
gunzip(const struct kc_buf *in, struct kc_buf *out, struct kc_cfgfile *f)
{
	z_stream z = { 0 };
	unsigned char chunk[65536];
	int rc = Z_OK;

	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return fail(f, KC_EIO, ENOMEM, "cannot start the gzip decoder");
	z.next_in = (Bytef *)in->s;
	z.avail_in = (uInt)in->len;
	while (z.avail_in || rc != Z_STREAM_END) {
		if (rc == Z_STREAM_END && (z.avail_in < 2 || z.next_in[0] != 0x1f ||
					   z.next_in[1] != 0x8b))
			break;
		if (rc == Z_STREAM_END)
			inflateReset(&z);
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = inflate(&z, Z_NO_FLUSH);
		if ((rc != Z_OK && rc != Z_STREAM_END) ||
		    !out_add(out, chunk, sizeof(chunk) - z.avail_out, f))
			break;
	}
	inflateEnd(&z);
	if (f->error)
		return KC_EINVAL;
	if (rc == Z_STREAM_END && all_zero(z.next_in, z.avail_in))
		return KC_OK;
	if (rc == Z_STREAM_END)
		return fail(f, KC_EINVAL, EILSEQ, "trailing garbage after the gzip data");
	return fail(f, KC_EINVAL, EILSEQ, "%s gzip data",
		    rc == Z_BUF_ERROR || rc == Z_OK ? "truncated" : "corrupt");
}

/* Concatenated .xz streams and stream padding, as xz -d reads them. */
static enum kc_status
unxz(const struct kc_buf *in, struct kc_buf *out, struct kc_cfgfile *f)
{
	lzma_stream z = LZMA_STREAM_INIT;
	uint8_t chunk[65536];
	lzma_ret rc;

	/* xz -9 needs 65 MiB to decode; more is not a config */
	if (lzma_stream_decoder(&z, 128u << 20, LZMA_CONCATENATED) != LZMA_OK)
		return fail(f, KC_EIO, ENOMEM, "cannot start the xz decoder");
	z.next_in = (const uint8_t *)in->s;
	z.avail_in = in->len;
	do {
		z.next_out = chunk;
		z.avail_out = sizeof(chunk);
		rc = lzma_code(&z, LZMA_FINISH);
	} while (out_add(out, chunk, sizeof(chunk) - z.avail_out, f) && rc == LZMA_OK);
	lzma_end(&z);
	if (f->error)
		return KC_EINVAL;
	if (rc == LZMA_STREAM_END)
		return KC_OK;
	return fail(f, KC_EINVAL, EILSEQ, "%s xz data",
		    rc == LZMA_BUF_ERROR ? "truncated" : "corrupt");
}

/* Concatenated (and skippable) zstd frames, as zstd -d reads them. */
static enum kc_status
unzstd(const struct kc_buf *in, struct kc_buf *out, struct kc_cfgfile *f)
{
	ZSTD_DCtx *z = ZSTD_createDCtx();
	unsigned char chunk[65536];
	ZSTD_inBuffer ib = { in->s, in->len, 0 };
	ZSTD_outBuffer ob;
	size_t rc;

	if (!z)
		return fail(f, KC_EIO, ENOMEM, "cannot start the zstd decoder");
	for (;;) {
		ob = (ZSTD_outBuffer){ chunk, sizeof(chunk), 0 };
		rc = ZSTD_decompressStream(z, &ob, &ib);
		if (ZSTD_isError(rc) || !out_add(out, chunk, ob.pos, f))
			break;
		/* a frame ended with the input: done (calling again would start a new
		 * frame, which then looks cut short); all input used and everything it
		 * gave flushed, with no frame end: cut short */
		if (ib.pos == ib.size && (!rc || ob.pos < ob.size))
			break;
	}
	ZSTD_freeDCtx(z);
	if (f->error)
		return KC_EINVAL;
	if (ZSTD_isError(rc))
		return fail(f, KC_EINVAL, EILSEQ, "corrupt zstd data (%s)", ZSTD_getErrorName(rc));
	if (rc)
		return fail(f, KC_EINVAL, EILSEQ, "truncated zstd data");
	return KC_OK;
}

/* ---- the text check -------------------------------------------------------- */

/* A config is text: NUL and other control bytes (but tab, CR, FF, VT) mean binary. */
static enum kc_status
check_text(struct kc_cfgfile *f)
{
	size_t i, line = 1;

	for (i = 0; i < f->len; i++) {
		unsigned char c = (unsigned char)f->data[i];

		if (c == '\n')
			line++;
		else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f)
			return fail(f, KC_EINVAL, EILSEQ,
				    "binary data (byte 0x%02x on line %zu), not a config file", c,
				    line);
	}
	return KC_OK;
}

/* ---- the reader ------------------------------------------------------------ */

const char *
kc_cfg_format_name(enum kc_cfg_format fmt)
{
	static const char *const names[] = { "plain", "gzip", "xz", "zstd" };

	return (size_t)fmt < sizeof(names) / sizeof(names[0]) ? names[fmt] : "?";
}

enum kc_cfg_format
kc_cfg_format_of(const void *head, size_t len)
{
	const unsigned char *p = head;

	if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return KC_FMT_GZIP;
	if (len >= 6 && !memcmp(p, "\xfd" "7zXZ\0", 6))
		return KC_FMT_XZ;
	if (len >= 4 && !memcmp(p, "\x28\xb5\x2f\xfd", 4))
		return KC_FMT_ZSTD;
	return KC_FMT_PLAIN;
}

static enum kc_status
decompress(struct kc_buf *raw, struct kc_cfgfile *f)
{
	struct kc_buf out = { 0 };
	enum kc_status st;

	kc_buf_puts(&out, "");
	if (f->format == KC_FMT_GZIP)
		st = gunzip(raw, &out, f);
	else if (f->format == KC_FMT_XZ)
		st = unxz(raw, &out, f);
	else
		st = unzstd(raw, &out, f);
	kc_buf_free(raw);
	*raw = out;
	return st;
}

/* decode - @raw (taken over) decompressed when it is compressed, then checked. */
static enum kc_status
decode(struct kc_buf *raw, unsigned flags, struct kc_cfgfile *f)
{
	enum kc_status st = KC_OK;

	if (raw->len > KC_CFGFILE_MAX)
		st = fail(f, KC_EINVAL, EFBIG, "larger than the %zu MiB limit",
			  KC_CFGFILE_MAX >> 20);
	f->format = kc_cfg_format_of(raw->s, raw->len);
	if (st == KC_OK && f->format != KC_FMT_PLAIN)
		st = decompress(raw, f);
	if (st != KC_OK) {
		kc_buf_free(raw);
		return st;
	}
	f->len = raw->len;
	f->data = kc_buf_steal(raw);
	if (!f->data)
		f->data = kc_xstrdup("");
	if ((flags & KC_CFG_TEXT) && (st = check_text(f)) != KC_OK) {
		free(f->data);	/* a refusal gives no data, only the reason */
		f->data = NULL;
		f->len = 0;
	}
	return st;
}

enum kc_status
kc_cfgfile_decode(const void *data, size_t len, unsigned flags, struct kc_cfgfile *f)
{
	struct kc_buf b = { 0 };

	memset(f, 0, sizeof(*f));
	kc_buf_puts(&b, "");
	kc_buf_add(&b, data, len);
	return decode(&b, flags, f);
}

enum kc_status
kc_cfgfile_read(const char *path, unsigned flags, struct kc_cfgfile *f)
{
	struct kc_buf b = { 0 };
	enum kc_status st = KC_OK;
	int fd;

	memset(f, 0, sizeof(*f));
	fd = open_input(path, f, &st);
	if (fd < 0)
		return st;
	kc_buf_puts(&b, "");
	st = read_raw(fd, &b, f);
	close(fd);
	if (st != KC_OK) {
		kc_buf_free(&b);
		return st;
	}
	return decode(&b, flags, f);
}

void
kc_cfgfile_done(struct kc_cfgfile *f)
{
	free(f->data);
	free(f->error);
	f->data = f->error = NULL;
	f->len = 0;
}

bool
kc_cfgfile_compressed(const char *path, enum kc_cfg_format *fmt)
{
	unsigned char head[8];
	ssize_t n;
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	enum kc_cfg_format got = KC_FMT_PLAIN;

	if (fd < 0)
		return false;
	if (!fstat(fd, &sb) && S_ISREG(sb.st_mode)) {
		n = read(fd, head, sizeof(head));
		got = kc_cfg_format_of(head, n > 0 ? (size_t)n : 0);
	}
	close(fd);
	if (fmt)
		*fmt = got;
	return got != KC_FMT_PLAIN;
}

/* ---- writing ------------------------------------------------------------------ */

static mode_t
new_file_mode(const char *path)
{
	struct stat st;
	mode_t um;

	if (!stat(path, &st))
		return st.st_mode & 07777;
	um = umask(022);
	umask(um);
	return 0666 & ~um;
}

static bool
same_content(const char *path, const char *data, size_t len)
{
	size_t olen = 0;
	char *old = kc_read_whole_file(path, &olen, NULL);
	bool same = old && olen == len && !memcmp(old, data, len);

	free(old);
	return same;
}

static bool
write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return false;
		}
		off += (size_t)n;
	}
	return true;
}

/* Create @path (which must not exist) holding @data. */
static bool
write_new(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0)
		return false;
	if (!write_all(fd, data, len)) {
		close(fd);
		unlink(path);
		return false;
	}
	return !close(fd);
}

/*
 * write_in_place - open @path with @oflags and write: for an existing file that
 * is not a regular one (/dev/null, a FIFO, a tty), and for KCONFIG_OVERWRITECONFIG.
 */
static enum kc_status
write_in_place(const char *path, int oflags, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY | oflags, 0666), saved;
	struct stat st;

	if (fd < 0)
		return KC_EIO;
	if (!write_all(fd, data, len) || (!fstat(fd, &st) && S_ISREG(st.st_mode) && fsync(fd))) {
		saved = errno;
		close(fd);
		errno = saved;
		return KC_EIO;
	}
	return close(fd) ? KC_EIO : KC_OK;
}

/* A copy of @path at @to: a hard link, or the bytes where links are not supported. */
static bool
copy_aside(const char *path, const char *to)
{
	size_t len = 0;
	char *data;
	bool ok;

	unlink(to);
	if (!link(path, to))
		return true;
	data = kc_read_whole_file(path, &len, NULL);
	ok = data && write_new(to, data, len);
	free(data);
	return ok;
}

/* write_temp - @data in a new temp file beside @path, synced; its name or NULL. */
static char *
write_temp(const char *path, const char *data, size_t len)
{
	char *tmp = kc_xasprintf("%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp), saved;

	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	if (write_all(fd, data, len) && !fchmod(fd, new_file_mode(path)) && !fsync(fd) &&
	    !close(fd))
		return tmp;
	saved = errno;
	close(fd);
	unlink(tmp);
	free(tmp);
	errno = saved ? saved : EIO;
	return NULL;
}

/* rotate_in - @tmp becomes @path and the previous @path (moved to @aside) its .old. */
static bool
rotate_in(const char *path, const char *tmp, const char *aside)
{
	char *old;

	if (rename(tmp, path))
		return false;
	if (aside) {
		old = kc_xasprintf("%s.old", path);
		if (rename(aside, old))
			unlink(aside);	/* saved all the same; only .old is stale */
		free(old);
	}
	return true;
}

enum kc_status
kc_write_file_atomic(const char *path, const char *data, size_t len, bool keep_old)
{
	char *tmp, *aside = NULL;
	struct stat st;
	int saved;

	/* renaming over /dev/null as root would replace the device with a file */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return write_in_place(path, 0, data, len);
	if (keep_old && same_content(path, data, len))
		return KC_OK;	/* conf: "No change to .config", the .old stays */
	tmp = write_temp(path, data, len);
	if (!tmp)
		return KC_EIO;
	/* The previous file goes aside first and becomes .old only once the new
	 * one is in place: a failure leaves both @path and @path.old as they were. */
	if (keep_old && access(path, F_OK) == 0) {
		aside = kc_xasprintf("%s.old", tmp);
		if (!copy_aside(path, aside))
			goto fail;
	}
	if (!rotate_in(path, tmp, aside))
		goto fail;
	free(aside);
	free(tmp);
	return KC_OK;
fail:
	saved = errno;
	unlink(tmp);
	if (aside)
		unlink(aside);
	free(aside);
	free(tmp);
	errno = saved ? saved : EIO;
	return KC_EIO;
}

static enum kc_status
refuse(char **error, int err, const char *fmt, const char *arg)
{
	if (error)
		*error = kc_xasprintf(fmt, arg);
	errno = err;
	return KC_EINVAL;
}

enum kc_status
kc_cfgfile_save(const char *path, const char *data, size_t len, unsigned flags, char **error)
{
	const char *over = getenv("KCONFIG_OVERWRITECONFIG");
	enum kc_cfg_format fmt;
	enum kc_status st;
	struct stat sb;

	if (error)
		*error = NULL;
	if ((flags & KC_SAVE_CONFIG) && !stat(path, &sb) && S_ISDIR(sb.st_mode))
		return refuse(error, EISDIR, "%s", strerror(EISDIR));
	if ((flags & KC_SAVE_CONFIG) && kc_cfgfile_compressed(path, &fmt))
		return refuse(error, EEXIST, "a %s-compressed file: kexplore does not write over "
			      "a compressed config", kc_cfg_format_name(fmt));
	if ((flags & KC_SAVE_CONFIG) && over && *over)
		st = write_in_place(path, O_CREAT | O_TRUNC, data, len);
	else
		st = kc_write_file_atomic(path, data, len, flags & KC_SAVE_KEEP_OLD);
	if (st != KC_OK && error)
		*error = kc_xstrdup(strerror(errno));
	return st;
}
