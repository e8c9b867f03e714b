/*
 * failwrite.c - LD_PRELOAD shim for the save-path tests: makes saving fail the
 * way a full disk or a dying device does, for files whose path contains
 * $KX_FAIL_MATCH only (the terminal and everything else work).
 *   KX_FAIL=write   write() fails with ENOSPC
 *   KX_FAIL=fsync   fsync() fails with EIO
 *   KX_FAIL=rename  rename() onto a matching path fails with EIO
 * Built by the tests in tests/hardening/ with the host compiler: cc -shared -fPIC.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool
failing(const char *what)
{
	const char *f = getenv("KX_FAIL");

	return f && !strcmp(f, what);
}

static bool
path_matches(const char *path)
{
	const char *m = getenv("KX_FAIL_MATCH");

	return m && *m && path && strstr(path, m);
}

static bool
fd_matches(int fd)
{
	char link[64], target[4096];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return false;
	target[n] = '\0';
	return path_matches(target);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (failing("write") && fd_matches(fd)) {
		errno = ENOSPC;
		return -1;
	}
	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return real(fd, buf, n);
}

int
fsync(int fd)
{
	static int (*real)(int);

	if (failing("fsync") && fd_matches(fd)) {
		errno = EIO;
		return -1;
	}
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);

	if (failing("rename") && path_matches(to)) {
		errno = EIO;
		return -1;
	}
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	return real(from, to);
}
