/* marks.c - sets of menu ids, and the marks of entries an applied plan or
 * profile changed: drawn in the left margin of the tree until the next save,
 * on the entries and on the menus that hold them (to find them in submenus). */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

/* The root menu's id is (unsigned)-1: it is in no set (it has no row). */
void
idset_add(struct idset *s, unsigned id)
{
	size_t byte = id / 8, cap;

	if (id == (unsigned)-1)
		return;
	if (byte >= s->cap) {
		cap = s->cap ? s->cap : 64;
		while (cap <= byte)
			cap *= 2;
		s->bits = xrealloc(s->bits, cap);
		memset(s->bits + s->cap, 0, cap - s->cap);
		s->cap = cap;
	}
	if (!(s->bits[byte] & (1u << (id % 8))))
		s->count++;
	s->bits[byte] |= (unsigned char)(1u << (id % 8));
}

bool
idset_has(const struct idset *s, unsigned id)
{
	return id / 8 < s->cap && (s->bits[id / 8] & (1u << (id % 8)));
}

void
idset_clear(struct idset *s)
{
	if (s->bits)
		memset(s->bits, 0, s->cap);
	s->count = 0;
}

void
idset_done(struct idset *s)
{
	free(s->bits);
	memset(s, 0, sizeof(*s));
}

void
marks_symbol(struct tui *tui, struct kc_symbol *sym)
{
	struct kc_menu *m, *p;
	size_t i;

	for (i = 0; i < kc_sym_nmenus(sym); i++) {
		m = kc_sym_menu(sym, i);
		if (!kc_menu_prompt(m))
			continue;	/* no row of its own to mark */
		idset_add(&tui->marks, kc_menu_id(m));
		for (p = kc_menu_parent(m); p && kc_menu_kind(p) != KC_M_ROOT; p = kc_menu_parent(p))
			idset_add(&tui->marks_above, kc_menu_id(p));
	}
}

void
marks_clear(struct tui *tui)
{
	idset_clear(&tui->marks);
	idset_clear(&tui->marks_above);
}

const char *
marks_char(struct tui *tui, struct kc_menu *m)
{
	unsigned id = kc_menu_id(m);

	if (!idset_has(&tui->marks, id) && !idset_has(&tui->marks_above, id))
		return NULL;
	return display_utf8() ? "\xe2\x80\xa2" : "*";
}
