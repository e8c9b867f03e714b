/*
 * fuzz-profile.c - libFuzzer target: baseline profiles read from memory. The
 * text before the first marker line is fuzz.profile; a line "#@ NAME" starts
 * NAME.profile, so that '# requires:' between profiles (and their cycles)
 * can be reached. Every profile loaded is then selected, merged and checked
 * against a small fixed tree (fuzz_small_tree()).
 */
#include "config.h"

#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/profile.h>

#define MAX_PROFILES	16

static void
add_profile(struct kc_profile_set *set, const char *name, size_t nl, const char *text,
	    size_t len)
{
	char path[96];

	if (nl > 64)
		nl = 64;
	memcpy(path, name, nl);
	strcpy(path + nl, ".profile");
	(void)kc_profile_set_add_buf(set, path, text, len, NULL);
}

static void
load(struct kc_profile_set *set, const char *s, size_t n)
{
	const char *end = s + n, *p = s, *start = s, *name = "fuzz";
	size_t nl = 4;
	int count = 0;

	for (;;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *next = eol ? eol + 1 : end;
		bool marker = end - p >= 3 && !memcmp(p, "#@ ", 3);

		if (marker || p == end) {
			if (count++ < MAX_PROFILES)
				add_profile(set, name, nl, start, (size_t)(p - start));
			if (!marker)
				break;
			name = p + 3;
			nl = (size_t)((eol ? eol : end) - name);
			start = next;
		}
		p = next;
	}
}

static void
check(struct kc_profile_set *set, const char *kver, const char *arch)
{
	size_t i, n = kc_profile_count(set);
	const char **names = calloc(n + 1, sizeof(*names));
	struct kc_profile_sel *sel = NULL;
	struct kc_profile_tally tally;

	if (!names)
		abort();
	for (i = 0; i < n; i++)
		names[i] = kc_profile_name(kc_profile_at(set, i));
	(void)kc_profile_select(set, names, n, kver, arch, &sel);
	if (sel) {
		(void)kc_profile_check(sel, fuzz_small_tree(), NULL);
		for (i = 0; i < kc_profile_sel_nreqs(sel); i++)
			(void)kc_profile_sel_check(sel, i);
		kc_profile_tally(sel, NULL, &tally);
		if (n)
			kc_profile_tally(sel, kc_profile_at(set, 0), &tally);
	}
	kc_profile_sel_free(sel);
	free(names);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kc_profile_set *set = kc_profile_set_new();
	size_t i;

	load(set, (const char *)data, size);
	check(set, "6.12.0", "x86");
	check(set, NULL, NULL);
	for (i = 0; i < kc_profile_set_ndiags(set); i++)
		free(kc_diag_format(kc_profile_set_diag(set, i)));
	kc_profile_set_free(set);
	return 0;
}
