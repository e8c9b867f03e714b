/* wrap.c - unit tests of the explorer's line wrapping (src/tui/util.c,
 * wrap_split): where long lines are cut and how the further rows are
 * indented. Each expected value is worked out in the comment above it. TAP. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "../../src/tui/util.h"

static int n, failed;

static void
ok(int cond, const char *what)
{
	n++;
	if (!cond)
		failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", n, what);
}

/* rows - the rows of @s wrapped at @width with @hang, joined by '|'. */
static const char *
rows(const char *s, int width, int hang)
{
	static char out[1024];
	struct rowlist r = { 0 };
	size_t i;

	out[0] = '\0';
	wrap_split(s, width, hang, rowlist_add, &r);
	for (i = 0; i < r.n; i++) {
		if (i)
			strcat(out, "|");
		strcat(out, r.row[i]);
	}
	rowlist_done(&r);
	return out;
}

static void
check(const char *s, int width, int hang, const char *want, const char *what)
{
	const char *got = rows(s, width, hang);

	ok(!strcmp(got, want), what);
	if (strcmp(got, want))
		printf("#   got:  '%s'\n#   want: '%s'\n", got, want);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	printf("1..10\n");
	/* fits: one row, as it is (trailing spaces too) */
	check("A && B", 40, WRAP_HANG_MORE, "A && B", "a line that fits is one row");
	/* empty: one empty row */
	check("", 40, WRAP_HANG_MORE, "", "an empty line is one empty row");
	/* "  x: A [=y] && B [=n] && C [=y]" is 31 columns; the second " && "
	 * is at 21, so "  x: A [=y] && B [=n]" (21 columns) is the first row at
	 * 24. The further rows would be indented 2 + 4, but that would leave
	 * 18 < 24 columns: narrow rows indent width / 6 = 4 instead. */
	check("  x: A [=y] && B [=n] && C [=y]", 24, WRAP_HANG_MORE,
	      "  x: A [=y] && B [=n]|    && C [=y]", "cut before the last && that fits");
	/* an operator too early (before a third of the row) loses to a space:
	 * "a && bbbbbbbbbb cccccccccc" at 24: the && is at 1 < 24/3, the last
	 * space within 24 is at 15 */
	check("a && bbbbbbbbbb cccccccccc", 24, WRAP_HANG_MORE,
	      "a && bbbbbbbbbb|    cccccccccc", "an operator too early loses to a space");
	/* no operator: after the last comma in the row ("one, two," ends at 9;
	 * the space at 15 is after it but a comma wins), then at spaces; 16
	 * columns indent the further rows 16 / 6 = 2 */
	check("one, two, three four five six", 16, WRAP_HANG_MORE,
	      "one, two,|  three four|  five six", "after a comma, else at a space");
	/* prose fills its rows and keeps its indent: at the last space */
	check("  one, two, three four", 16, WRAP_HANG_SAME, "  one, two,|  three four",
	      "prose wraps at the last space with its own indent");
	/* a word longer than the row is cut in it (no space to cut at) */
	check("abcdefghijkl", 5, 0, "abcde|fghij|kl", "a long word is cut");
	/* the indent is not a place to cut: "    abcdefgh" at 8 keeps its 4
	 * spaces and cuts the word at 8 columns */
	check("    abcdefgh", 8, 0, "    abcd|efgh", "the indent is kept, not cut");
	/* UTF-8: "ééé ééé" is 7 columns (14 bytes); at 4 the cut is at the
	 * space, never inside a character */
	check("\xc3\xa9\xc3\xa9\xc3\xa9 \xc3\xa9\xc3\xa9\xc3\xa9", 4, 0,
	      "\xc3\xa9\xc3\xa9\xc3\xa9|\xc3\xa9\xc3\xa9\xc3\xa9", "characters are whole");
	/* a menu path breaks between menus: " > " is an operator */
	check("In: Main > Device Drivers > Network", 28, 4,
	      "In: Main > Device Drivers|    > Network", "a path breaks before >");
	return failed ? 1 : 0;
}
