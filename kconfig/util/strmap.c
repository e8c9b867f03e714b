/* strmap.c - the engine's string-keyed table (string -> int), linear probing. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct kc_strmap_slot *
kc_strmap_find(const struct kc_strmap *m, const char *key)
{
	size_t i, mask = m->cap - 1;

	if (!m->cap)
		return NULL;
	for (i = kc_hash_str(key) & mask; m->slots[i].key; i = (i + 1) & mask)
		if (!strcmp(m->slots[i].key, key))
			return &m->slots[i];
	return NULL;
}

/* Doubles the table: the load stays at most one half, so probes stay short. */
static void
grow(struct kc_strmap *m)
{
	struct kc_strmap n = { NULL, m->cap ? m->cap * 2 : 64, 0 };
	size_t i;

	n.slots = kc_xcalloc(n.cap, sizeof(*n.slots));
	for (i = 0; i < m->cap; i++)
		if (m->slots[i].key)
			kc_strmap_put(&n, m->slots[i].key, m->slots[i].val);
	free(m->slots);
	*m = n;
}

struct kc_strmap_slot *
kc_strmap_put(struct kc_strmap *m, const char *key, int val)
{
	struct kc_strmap_slot *slot = kc_strmap_find(m, key);
	size_t i;

	if (slot)
		return slot;
	if ((m->count + 1) * 2 > m->cap)
		grow(m);
	for (i = kc_hash_str(key) & (m->cap - 1); m->slots[i].key; i = (i + 1) & (m->cap - 1))
		;
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->count++;
	return &m->slots[i];
}

void
kc_strmap_free(struct kc_strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
