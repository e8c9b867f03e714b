/*
 * replay.c - runs one fuzz target (linked in) over its regression and seed
 * corpora without libFuzzer, so that `make check` replays every input a
 * fuzzer ever crashed on with any compiler (and under --enable-asan).
 *
 * usage: replay-TARGET [FILE|DIR...]
 * Without arguments it reads $KX_SRCDIR/tests/fuzz/{regress,corpus}/TARGET/.
 * Each input runs in a child process with a time limit, so that a crash or a
 * hang is one "not ok" line naming the file. TAP on standard output.
 */
#include "config.h"

#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef FUZZ_TARGET
#error "build with -DFUZZ_TARGET='\"name\"'"
#endif

#define TIME_LIMIT	60	/* seconds per input, generous for valgrind and ASan */

struct files {
	char **v;
	size_t n, cap;
};

static void
add(struct files *f, char *path)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->v = realloc(f->v, f->cap * sizeof(*f->v));
		if (!f->v)
			abort();
	}
	f->v[f->n++] = path;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	if (!s)
		abort();
	snprintf(s, n, "%s/%s", a, b);
	return s;
}

/* Add @path, or the regular files directly in it when it is a folder. */
static void
collect(struct files *f, const char *path, bool may_miss)
{
	struct stat st;
	struct dirent *e;
	size_t first = f->n;
	DIR *d;

	if (stat(path, &st)) {
		if (!may_miss)
			add(f, strdup(path));	/* reported as unreadable */
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		add(f, strdup(path));
		return;
	}
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d))) {
		char *p;

		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README"))
			continue;
		p = join(path, e->d_name);
		if (!stat(p, &st) && S_ISREG(st.st_mode))
			add(f, p);
		else
			free(p);
	}
	closedir(d);
	qsort(f->v + first, f->n - first, sizeof(*f->v), cmp);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!fp)
		return NULL;
	do {
		if (n == cap) {
			cap = cap ? 2 * cap : 4096;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		r = fread(buf + n, 1, cap - n, fp);
		n += r;
	} while (r > 0);
	fclose(fp);
	*len = n;
	return buf;
}

/* Run one input in a child; returns NULL when it passed, else what went wrong. */
static const char *
run_one(const char *path, char *why, size_t whylen)
{
	size_t len = 0;
	char *data = slurp(path, &len);
	int status;
	pid_t pid;

	if (!data)
		return strerror(errno);
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		free(data);
		return strerror(errno);
	}
	if (pid == 0) {
		alarm(TIME_LIMIT);
		/* stdout carries TAP: the target's own output goes to stderr */
		dup2(2, 1);
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		exit(0);	/* exit(), not _exit(): LeakSanitizer checks at exit */
	}
	free(data);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return strerror(errno);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return NULL;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		snprintf(why, whylen, "timeout after %d s", TIME_LIMIT);
	else if (WIFSIGNALED(status))
		snprintf(why, whylen, "killed by signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(why, whylen, "exit status %d (a sanitizer report is above)",
			 WEXITSTATUS(status));
	return why;
}

int
main(int argc, char **argv)
{
	struct files f = { 0 };
	const char *src = getenv("KX_SRCDIR");
	size_t i, failed = 0;
	char why[128];
	int a;

	if (argc > 1) {
		for (a = 1; a < argc; a++)
			collect(&f, argv[a], false);
	} else {
		char *d;

		if (!src || !*src)
			src = ".";
		d = join(src, "tests/fuzz/regress/" FUZZ_TARGET);
		collect(&f, d, true);
		free(d);
		d = join(src, "tests/fuzz/corpus/" FUZZ_TARGET);
		collect(&f, d, true);
		free(d);
	}
	if (!f.n) {
		printf("1..0 # SKIP no inputs for %s\n", FUZZ_TARGET);
		return 0;
	}
	printf("1..%zu\n", f.n);
	for (i = 0; i < f.n; i++) {
		const char *bad = run_one(f.v[i], why, sizeof(why));
		const char *name = src && !strncmp(f.v[i], src, strlen(src)) ?
				   f.v[i] + strlen(src) + 1 : f.v[i];

		if (bad) {
			printf("not ok %zu - %s: %s\n", i + 1, name, bad);
			failed++;
		} else {
			printf("ok %zu - %s\n", i + 1, name);
		}
		free(f.v[i]);
	}
	free(f.v);
	fflush(stdout);
	return failed ? 1 : 0;
}
