/* test-profile.c - profile parsing, merging and checking on fixtures; expectations by hand (TAP). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/kconfig.h>
#include <kexplore/profile.h>

#include "../lib/tap.h"

/* Whether some diagnostic of @set is at @line with @level and contains @text. */
static bool
has_diag(struct kc_profile_set *set, enum kc_level level, int line, const char *text)
{
	size_t i;

	for (i = 0; i < kc_profile_set_ndiags(set); i++) {
		const struct kc_diag *d = kc_profile_set_diag(set, i);

		if (d->level == level && d->line == line && strstr(d->message, text))
			return true;
	}
	return false;
}

static void
dump_diags(struct kc_profile_set *set)
{
	size_t i;

	for (i = 0; i < kc_profile_set_ndiags(set); i++) {
		char *s = kc_diag_format(kc_profile_set_diag(set, i));

		printf("# %s\n", s);
		free(s);
	}
}

/* ---- parsing ------------------------------------------------------------- */

static const char good[] =
	"# name: demo\n"
	"# description: a demo\n"
	"# requires: a, b\n"
	"# requires: c\n"
	"# source: doc one\n"
	"# source: doc two\n"
	"\n"
	"CONFIG_A=y\t\t# plain\n"
	"CONFIG_B=m  # [y/m] [recommended] either\n"
	"# CONFIG_C is not set   # off\n"
	"CONFIG_S=\"a \\\"q\\\" b\"   # quoted\n"
	"\n"
	"# [linux>=5.6] [arch=x86,arm64] group text\n"
	"# more group text\n"
	"CONFIG_D=y\n"
	"CONFIG_E=m # [linux<6.1] own\n"
	"\n"
	"CONFIG_F=y\n";

static void
test_parse_good(void)
{
	struct kc_profile_set *set = kc_profile_set_new();
	const struct kc_profile_item *it;
	struct kc_profile *p;
	enum kc_status st;

	st = kc_profile_set_add_buf(set, "dir/demo.profile", good, strlen(good), &p);
	ok(st == KC_OK && kc_profile_set_ndiags(set) == 0, "a good profile parses without diagnostics");
	dump_diags(set);
	ok(!strcmp(kc_profile_name(p), "demo") && !strcmp(kc_profile_description(p), "a demo"),
	   "header: name and description");
	ok(kc_profile_nrequires(p) == 3 && !strcmp(kc_profile_require(p, 1), "b") &&
	   !strcmp(kc_profile_require(p, 2), "c"), "requires: comma/space lists, repeated lines add");
	ok(kc_profile_nsources(p) == 2 && !strcmp(kc_profile_source(p, 1), "doc two"),
	   "sources are kept in order");
	ok(kc_profile_nitems(p) == 7, "7 items");
	it = kc_profile_item(p, 0);
	ok(!strcmp(it->sym, "A") && !strcmp(it->value, "y") && it->accept == 1u << KC_Y &&
	   !it->recommended && !strcmp(it->why, "plain") && it->line == 8,
	   "CONFIG_A=y: exactly y, why text, line 8");
	it = kc_profile_item(p, 1);
	ok(it->accept == (1u << KC_Y | 1u << KC_M) && it->recommended && !strcmp(it->why, "either"),
	   "[y/m] [recommended] markers, stripped from the why text");
	it = kc_profile_item(p, 2);
	ok(!strcmp(it->value, "n") && it->accept == 1u << KC_N && !strcmp(it->why, "off"),
	   "'is not set' with a comment: n");
	it = kc_profile_item(p, 3);
	ok(!strcmp(it->value, "a \"q\" b") && it->accept == 0, "quoted string with escapes");
	it = kc_profile_item(p, 4);
	ok(it->linux_min == KC_KVER(5, 6, 0) && it->arches && !strcmp(it->arches, "x86,arm64") &&
	   !strcmp(it->why, "group text more group text"),
	   "group comment: markers and text apply to the item below");
	it = kc_profile_item(p, 5);
	ok(it->linux_min == KC_KVER(5, 6, 0) && it->linux_below == KC_KVER(6, 1, 0) &&
	   !strcmp(it->why, "group text more group text; own"),
	   "group markers combine with the line's own");
	it = kc_profile_item(p, 6);
	ok(!it->linux_min && !it->arches && !*it->why, "a blank line ends the group");
	kc_profile_set_free(set);
}

static const char bad[] =
	"# name: bad name!\n"
	"CONFIG_X=y [bogus]\n"
	"CONFIG_Y\n"
	"CONFIG_Z=\"unterminated\n"
	"CONFIG_W=y  # [wat] hmm\n"
	"# CONFIG_N is not set # [y/m]\n"
	"hello\n"
	"CONFIG_W=n\n"
	"CONFIG_R=y # [linux>=6.0] [linux<5.0]\n"
	"CONFIG_T=\"x\" # [y/m]\n";

static void
test_parse_bad(void)
{
	struct kc_profile_set *set = kc_profile_set_new();
	struct kc_profile *p;
	enum kc_status st;

	st = kc_profile_set_add_buf(set, "bad.profile", bad, strlen(bad), &p);
	ok(st == KC_EPARSE, "errors make KC_EPARSE");
	ok(has_diag(set, KC_ERROR, 2, "unexpected text '[bogus]'"), "line 2: text after the value");
	ok(has_diag(set, KC_ERROR, 3, "expected CONFIG_NAME=VALUE"), "line 3: no '='");
	ok(has_diag(set, KC_ERROR, 4, "unterminated string"), "line 4: unterminated string");
	ok(has_diag(set, KC_WARNING, 5, "unknown marker '[wat]'"), "line 5: unknown marker warned");
	ok(has_diag(set, KC_ERROR, 6, "[y/m] on CONFIG_N"), "line 6: [y/m] on an n item");
	ok(has_diag(set, KC_ERROR, 7, "got 'hello'"), "line 7: not an item");
	ok(has_diag(set, KC_WARNING, 8, "CONFIG_W is listed again (first at line 5)"),
	   "line 8: duplicate symbol warned");
	ok(has_diag(set, KC_WARNING, 9, "range is empty"), "line 9: empty version range");
	ok(has_diag(set, KC_ERROR, 10, "not y or m"), "line 10: [y/m] on a string");
	ok(has_diag(set, KC_ERROR, 0, "not a valid profile name"), "bad name reported");
	ok(!strcmp(kc_profile_name(p), "bad"), "bad name replaced by the file's base name");
	dump_diags(set);
	kc_profile_set_free(set);
}

static void
test_versions(void)
{
	struct kc_profile_item it = { 0 };

	ok(kc_kver_parse("6.12.117") == KC_KVER(6, 12, 117) &&
	   kc_kver_parse("6.1") == KC_KVER(6, 1, 0) &&
	   kc_kver_parse("6.18.44-fc-v669") == KC_KVER(6, 18, 44) && kc_kver_parse("x") == 0 &&
	   kc_kver_parse("6") == 0, "kernel version parsing");
	it.linux_min = KC_KVER(6, 1, 0);
	it.linux_below = KC_KVER(6, 12, 0);
	ok(kc_profile_item_applies(&it, "6.1.0", NULL) && kc_profile_item_applies(&it, "6.11.9", NULL) &&
	   !kc_profile_item_applies(&it, "6.0.19", NULL) &&
	   !kc_profile_item_applies(&it, "6.12.0", NULL), "[linux>=6.1] [linux<6.12] bounds");
	it.linux_min = it.linux_below = 0;
	it.arches = "x86,arm64";
	ok(kc_profile_item_applies(&it, NULL, "arm64") && !kc_profile_item_applies(&it, NULL, "arm"),
	   "[arch=x86,arm64] matches whole names");
	it.arches_negated = true;
	ok(!kc_profile_item_applies(&it, NULL, "x86") && kc_profile_item_applies(&it, NULL, "s390"),
	   "[arch!=...] negates");
}

/* ---- sets, selecting, merging ------------------------------------------- */

static const struct kc_profile_req *
req_of(const struct kc_profile_sel *sel, const char *sym, size_t *idx)
{
	size_t i;

	for (i = 0; i < kc_profile_sel_nreqs(sel); i++)
		if (!strcmp(kc_profile_sel_req(sel, i)->sym, sym)) {
			if (idx)
				*idx = i;
			return kc_profile_sel_req(sel, i);
		}
	return NULL;
}

static struct kc_profile_set *
fixture_set(const char *srcdir)
{
	struct kc_profile_set *set = kc_profile_set_new();
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/profile/fixtures", srcdir);
	ok(kc_profile_set_add_dir(set, path) == KC_OK && kc_profile_set_ndiags(set) == 0,
	   "the fixture profiles load without diagnostics");
	dump_diags(set);
	return set;
}

static void
test_set(struct kc_profile_set *set)
{
	static const char override[] = "# name: base\n# description: replaced\nCONFIG_NET=y\n";
	struct kc_profile_set *s2 = kc_profile_set_new();
	const char *names[] = { "base", "conflict", "cycle-a", "cycle-b", "extra" };
	bool sorted = kc_profile_count(set) == 5;
	size_t i;

	for (i = 0; sorted && i < 5; i++)
		sorted = !strcmp(kc_profile_name(kc_profile_at(set, i)), names[i]);
	ok(sorted, "profiles are listed sorted by name");
	ok(kc_profile_set_add_dir(s2, "/nonexistent/kexplore") == KC_ENOENT &&
	   kc_profile_set_ndiags(s2) == 0, "a missing folder is KC_ENOENT, silently");
	ok(kc_profile_set_add_file(s2, "/nonexistent/x.profile", NULL) == KC_ENOENT &&
	   kc_profile_set_ndiags(s2) == 1, "a missing file is KC_ENOENT with a diagnostic");
	kc_profile_set_free(s2);
	kc_profile_set_add_buf(set, "user/base.profile", override, strlen(override), NULL);
	ok(kc_profile_count(set) == 5 &&
	   !strcmp(kc_profile_description(kc_profile_find(set, "base")), "replaced"),
	   "a later profile of the same name replaces the earlier one");
}

static void
test_search_path(const char *srcdir)
{
	struct kc_profile_set *set = kc_profile_set_new();
	char path[4200];

	snprintf(path, sizeof(path), "/nonexistent::%s/tests/profile/fixtures", srcdir);
	setenv("KEXPLORE_PROFILE_PATH", path, 1);
	kc_profile_set_add_search_path(set, "/nonexistent/datadir");
	ok(kc_profile_count(set) == 5 && kc_profile_set_ndiags(set) == 0,
	   "$KEXPLORE_PROFILE_PATH replaces the data dir; empty and missing folders are skipped");
	kc_profile_set_free(set);
	set = kc_profile_set_new();
	unsetenv("KEXPLORE_PROFILE_PATH");
	snprintf(path, sizeof(path), "%s/tests/profile/fixtures", srcdir);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	kc_profile_set_add_search_path(set, path);
	ok(kc_profile_count(set) == 5, "without it: the data dir, then a user folder that may be missing");
	kc_profile_set_free(set);
}

static void
test_select(struct kc_profile_set *set)
{
	const char *names[] = { "extra" }, *cyc[] = { "cycle-a" }, *bad[] = { "nope" };
	const char *both[] = { "extra", "conflict" };
	const struct kc_profile_req *r;
	struct kc_profile_sel *sel;
	enum kc_status st;

	st = kc_profile_select(set, names, 1, "6.12.0", "x86", &sel);
	ok(st == KC_OK && kc_profile_sel_nprofiles(sel) == 2 &&
	   !strcmp(kc_profile_name(kc_profile_sel_profile(sel, 0)), "base"),
	   "extra requires base: base comes first");
	r = req_of(sel, "VETH", NULL);
	ok(r && r->accept == 1u << KC_Y && !strcmp(r->value, "y") && r->nitems == 2 && !r->conflict,
	   "VETH: base [y/m] and extra y merge to exactly y");
	ok(kc_profile_sel_nskipped(sel) == 2 && !req_of(sel, "TOOLD", NULL) &&
	   !req_of(sel, "ARMONLY", NULL), "[linux<4.0] and [arch=arm64] items left out on 6.12/x86");
	ok(kc_profile_sel_nreqs(sel) == 10, "10 requirements");
	kc_profile_sel_free(sel);

	st = kc_profile_select(set, names, 1, "6.12.0", "arm64", &sel);
	ok(req_of(sel, "ARMONLY", NULL) && kc_profile_sel_nskipped(sel) == 1, "ARMONLY kept on arm64");
	kc_profile_sel_free(sel);

	st = kc_profile_select(set, both, 2, NULL, NULL, &sel);
	r = req_of(sel, "NET", NULL);
	ok(r && r->conflict && strstr(r->conflict, "wants y") && strstr(r->conflict, "wants n"),
	   "NET: base y against conflict n is a conflict");
	r = req_of(sel, "VETH", NULL);
	ok(r && !r->conflict && r->note && r->accept == 1u << KC_Y && !r->recommended,
	   "VETH: a disagreeing [recommended] item leaves a note, the required value stays");
	kc_profile_sel_free(sel);

	st = kc_profile_select(set, cyc, 1, NULL, NULL, &sel);
	ok(has_diag(set, KC_ERROR, 2, "requires itself"), "a requires cycle is an error");
	kc_profile_sel_free(sel);
	kc_profile_set_clear_diags(set);
	st = kc_profile_select(set, bad, 1, NULL, NULL, &sel);
	ok(st == KC_ENOENT && has_diag(set, KC_ERROR, 0, "no profile named 'nope'"),
	   "an unknown profile is KC_ENOENT");
	kc_profile_sel_free(sel);
	kc_profile_set_clear_diags(set);
}

/* ---- checking on the fixture tree ----------------------------------------- */

static void
expect(struct kc_profile_sel *sel, const char *sym, enum kc_prof_state st, const char *actual,
       const char *reason_part, const char *why)
{
	const struct kc_prof_check *k;
	size_t i;

	if (!req_of(sel, sym, &i)) {
		ok(0, "%s: %s", sym, why);
		return;
	}
	k = kc_profile_sel_check(sel, i);
	ok(k->state == st && !strcmp(k->actual, actual) &&
	   (!reason_part || (k->reason && strstr(k->reason, reason_part))) &&
	   (st == KC_PROF_MET || st == KC_PROF_MODULE || st == KC_PROF_CONFLICT || k->why),
	   "%s: %s", sym, why);
	if (k->state != st || strcmp(k->actual, actual))
		printf("# got %s, actual %s, reason %s\n", kc_prof_state_str(k->state), k->actual,
		       k->reason ? k->reason : "(none)");
}

static void
test_check(struct kc_profile_set *set, const char *srcdir)
{
	struct kc_load_opts o = { 0 };
	const char *names[] = { "extra" };
	struct kc_profile_tally t;
	struct kc_profile_sel *sel;
	struct kc_tree *tree;
	char dir[4096], cfg[4200];
	bool all;

	snprintf(dir, sizeof(dir), "%s/tests/profile/tree", srcdir);
	snprintf(cfg, sizeof(cfg), "%s/config", dir);
	o.srctree = dir;
	o.arch = "x86_64";
	o.no_cache = true;
	if (kc_tree_load(&o, &tree) != KC_OK || kc_config_read(tree, cfg) != KC_OK) {
		ok(0, "the fixture tree and its config load");
		kc_tree_free(tree);
		return;
	}
	kc_profile_select(set, names, 1, "6.12.0", "x86", &sel);
	all = kc_profile_check(sel, tree, NULL);
	ok(!all, "check fails: required items are missing");
	expect(sel, "NET", KC_PROF_MET, "y", NULL, "set to y: met");
	expect(sel, "VETH", KC_PROF_MISSING, "m", "set to m",
	       "m, but extra wants y: missing, the config sets m");
	expect(sel, "BRIDGE", KC_PROF_MISSING, "n", "INET", "depends on INET, which is off: missing");
	expect(sel, "HELPER", KC_PROF_MISSING, "y", "DRIVER",
	       "DRIVER=m selects the bool HELPER to y: missing, because of DRIVER");
	expect(sel, "HELPER_PATH", KC_PROF_MISSING, "/sbin/hotplug", NULL,
	       "string default /sbin/hotplug, \"\" wanted: missing");
	expect(sel, "COUNT", KC_PROF_MISSING, "10", NULL, "int default 10, 64 wanted: missing");
	expect(sel, "LIMITED", KC_PROF_MISSING, "m", NULL,
	       "depends on VETH=m so at most m: missing, but possible");
	expect(sel, "NOPROMPT", KC_PROF_IMPOSSIBLE, "n", NULL,
	       "no prompt, constant default n: impossible");
	expect(sel, "FOO_ARCH", KC_PROF_IMPOSSIBLE, "n", "OTHER_ARCH",
	       "depends on an undefined symbol: impossible");
	expect(sel, "MODE_B", KC_PROF_MISSING, "n", NULL, "the choice holds MODE_A: missing");
	kc_profile_tally(sel, NULL, &t);
	ok(t.required == 8 && t.state[KC_PROF_MET] == 1 && t.state[KC_PROF_MISSING] == 6 &&
	   t.state[KC_PROF_IMPOSSIBLE] == 1 && t.recommended == 2 &&
	   t.rec_state[KC_PROF_IMPOSSIBLE] == 1 && t.rec_state[KC_PROF_MISSING] == 1,
	   "tally: 8 required (1 met, 6 missing, 1 impossible), 2 recommended");
	kc_profile_tally(sel, kc_profile_find(set, "base"), &t);
	ok(t.required == 6 && t.recommended == 0, "tally limited to base: its 6 items");

	kc_sym_set_tristate(kc_sym_find(tree, "VETH"), KC_Y);
	kc_profile_check(sel, tree, NULL);
	expect(sel, "VETH", KC_PROF_MET, "y", NULL, "after setting VETH=y: met");
	expect(sel, "LIMITED", KC_PROF_MISSING, "m", "set to m",
	       "VETH=y now: LIMITED stays m only because the config sets it so");
	kc_profile_sel_free(sel);
	kc_tree_free(tree);
}

int
main(void)
{
	const char *srcdir = getenv("KX_SRCDIR");
	struct kc_profile_set *set;

	if (!srcdir)
		srcdir = ".";
	test_parse_good();
	test_parse_bad();
	test_versions();
	set = fixture_set(srcdir);
	test_set(set);
	kc_profile_set_free(set);
	test_search_path(srcdir);
	set = fixture_set(srcdir);
	test_select(set);
	test_check(set, srcdir);
	kc_profile_set_free(set);
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}
