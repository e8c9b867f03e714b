/* test-strmap.c - the engine's shared string table (kconfig/util/strmap.c, internal.h), which
 * the module map's four indexes use: every key put is found with its value, a second put
 * keeps the first value, growth keeps everything, the walk visits each key once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#include "../lib/tap.h"

#define NKEYS 1000

int
main(void)
{
	struct kc_strmap m = { 0 };
	struct kc_strmap_slot *slot;
	static char keys[NKEYS][16];
	size_t i, found = 0, walked = 0, sum = 0;

	ok(kc_strmap_find(&m, "x") == NULL, "an empty table finds nothing");
	for (i = 0; i < NKEYS; i++) {
		snprintf(keys[i], sizeof(keys[i]), "key%zu", i);
		kc_strmap_put(&m, keys[i], (int)i);
	}
	for (i = 0; i < NKEYS; i++)
		found += (slot = kc_strmap_find(&m, keys[i])) && slot->val == (int)i &&
			 slot->key == keys[i];
	ok(found == NKEYS, "all %d keys found with their values after growing", NKEYS);
	ok(m.count == NKEYS && m.cap >= 2 * NKEYS, "count %zu; capacity %zu keeps the load at most 1/2",
	   m.count, m.cap);
	slot = kc_strmap_put(&m, "key7", 99);
	ok(slot->val == 7 && m.count == NKEYS, "a second put of a key keeps its first value");
	ok(kc_strmap_find(&m, "key1000") == NULL && kc_strmap_find(&m, "") == NULL,
	   "keys never put are not found");
	kc_strmap_for_each(slot, &m) {
		walked++;
		sum += (size_t)slot->val;
	}
	ok(walked == NKEYS && sum == (size_t)NKEYS * (NKEYS - 1) / 2,
	   "the walk visits each key once (values sum to 0+1+...+%d)", NKEYS - 1);
	kc_strmap_free(&m);
	ok(m.slots == NULL && m.cap == 0 && kc_strmap_find(&m, "key1") == NULL,
	   "after free the table is empty");
	return tap_done();
}
