/* tap.h - the one TAP helper of kexplore's C tests (header only; include it once per program).
 *
 *   ok(cond, fmt, ...)        one TAP line, "ok N - ..." or "not ok N - ..."
 *   ASSERT(cond)              ok() named by the expression and its line
 *   ASSERT_STR(got, want)     strings equal (NULL allowed); on failure both as diagnostics
 *   ASSERT_INT(got, want)     integers equal; on failure both as diagnostics
 *   diag(fmt, ...)            a "# " comment line
 *   skip(reason, fmt, ...)    "ok N - ... # SKIP reason": a check that could not run
 *   TEST(name)                defines static void name(void); RUN(name) runs it as a group
 *   tap_done()                prints the plan "1..N" (at the end) and returns the exit status:
 *                             0 (the TAP lines carry the failures; a non-zero exit counts twice)
 * tap_n counts the checks, tap_failed the failures.
 */
#ifndef KEXPLORE_TESTS_TAP_H
#define KEXPLORE_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void __attribute__((format(printf, 2, 3), unused))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void __attribute__((format(printf, 1, 2), unused))
diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void __attribute__((format(printf, 2, 3), unused))
skip(const char *reason, const char *fmt, ...)
{
	va_list ap;

	printf("ok %d - ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" # SKIP %s\n", reason);
}

/* s in C syntax on one line, so that a diagnostic stays one TAP comment line */
static void __attribute__((unused))
tap_put_escaped(const char *s)
{
	if (!s) {
		fputs("(null)", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else
			putchar(*s);
	}
	putchar('"');
}

static int __attribute__((unused))
tap_str_eq(const char *got, const char *want, const char *what, int line)
{
	int same = got && want ? !strcmp(got, want) : got == want;

	ok(same, "%s (line %d)", what, line);
	if (!same) {
		fputs("# got ", stdout);
		tap_put_escaped(got);
		fputs(", want ", stdout);
		tap_put_escaped(want);
		putchar('\n');
	}
	return same;
}

static int __attribute__((unused))
tap_int_eq(long long got, long long want, const char *what, int line)
{
	ok(got == want, "%s (line %d)", what, line);
	if (got != want)
		diag("got %lld, want %lld", got, want);
	return got == want;
}

static int __attribute__((unused))
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return 0;
}

#define ASSERT(cond) ok(!!(cond), "%s (line %d)", #cond, __LINE__)
#define ASSERT_STR(got, want) tap_str_eq((got), (want), #got " == " #want, __LINE__)
#define ASSERT_INT(got, want) tap_int_eq((long long)(got), (long long)(want), #got " == " #want, __LINE__)
#define TEST(name) static void name(void)
#define RUN(name) (diag("%s", #name), name())

#endif /* KEXPLORE_TESTS_TAP_H */
