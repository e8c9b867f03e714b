/* test-strings.c - the string helpers that several parts of kexplore share instead of each
 * keeping its own copy: kc_edit_distance (symbol and module suggestions). Expected values
 * are worked out by hand in the comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/upgrade.h>

#include "core.h"

#include "../lib/tap.h"

static void
test_edit_distance(void)
{
	/* kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g): the textbook 3 */
	ok(kc_edit_distance("kitten", "sitting") == 3, "kitten ~ sitting is 3");
	ok(kc_edit_distance("sitting", "kitten") == 3, "the distance is symmetric");
	ok(kc_edit_distance("", "") == 0 && kc_edit_distance("PCI", "PCI") == 0,
	   "equal strings are 0 apart");
	ok(kc_edit_distance("", "USB") == 3 && kc_edit_distance("USB", "") == 3,
	   "from or to the empty string: its length");
	/* one deletion (the second S) */
	ok(kc_edit_distance("USSB", "USB") == 1, "one deletion is 1");
	/* transposition is two substitutions in plain Levenshtein */
	ok(kc_edit_distance("PCI", "PIC") == 2, "a swap of two letters is 2");
}

int
main(void)
{
	test_edit_distance();
	return tap_done();
}
