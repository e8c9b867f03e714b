/* test-menupath.c - kc_menu_path and kc_menu_path_parts, the one menu path of the library
 * (and kc_sym_has_prompt, which the analyses share)
 * (the explorer's title and search results, diff's and save's groups, dump's "menu").
 * The expected paths are the screens menuconfig walks through to reach an entry, reasoned
 * from the Kconfig text below and Documentation/kbuild/kconfig-language.rst ("Menu
 * structure": an entry that depends on the config just before it is shown indented below
 * that config, not on a screen of its own; 'if' blocks add dependencies, not menus). */
#include "unit.h"

static const char kconfig[] =
	"mainmenu \"Top\"\n"
	"menu \"General setup\"\n"
	"config A\n\tbool \"a\"\n"
	"config B\n\tbool \"b\"\n\tdepends on A\n"
	"choice\n\tprompt \"Preemption Model\"\n"
	"config P1\n\tbool \"p1\"\n"
	"endchoice\n"
	"if A\nconfig C\n\tbool \"c\"\nendif\n"
	"menuconfig MC\n\tbool \"mc\"\n"
	"if MC\nconfig D\n\tbool \"d\"\nendif\n"
	"config HIDDEN\n\tbool\n\tdefault y\n"
	"config CONDP\n\tbool \"condp\" if n\n"
	"endmenu\n";

/* The path to NAME's first entry (its parent's path), with FLAGS and " > ". */
static char *
path_to(struct kc_tree *t, const char *name, unsigned flags)
{
	struct kc_symbol *s = kc_sym_find(t, name);

	return kc_menu_path(kc_menu_parent(kc_sym_menu(s, 0)), " > ", flags);
}

static void
check(struct kc_tree *t, const char *name, unsigned flags, const char *want, const char *why)
{
	char *got = path_to(t, name, flags);

	ok(!strcmp(got, want), "%s%s: %s", name, flags ? " (screens)" : "", why);
	if (strcmp(got, want))
		diag("got '%s', want '%s'", got, want);
	free(got);
}

int
main(void)
{
	struct kc_tree *t = unit_load(kconfig);
	const char **parts;
	char *s;
	size_t n;

	check(t, "A", 0, "General setup", "a menu is a step");
	check(t, "P1", 0, "General setup > Preemption Model", "a choice is a step");
	check(t, "P1", KC_PATH_SCREENS, "General setup > Preemption Model", "a choice is a screen");
	check(t, "B", 0, "General setup > a", "B depends on A just before it: indented below a");
	check(t, "B", KC_PATH_SCREENS, "General setup", "...but a plain config is no screen");
	check(t, "C", 0, "General setup", "an 'if' block is never named");
	check(t, "D", KC_PATH_SCREENS, "General setup > mc", "a menuconfig is a screen");
	s = kc_menu_path(kc_tree_root(t), "/", 0);
	ok(!strcmp(s, ""), "the root alone: an empty path (mainmenu is not a step)");
	free(s);
	s = kc_menu_path(kc_sym_menu(kc_sym_find(t, "D"), 0), "/", 0);
	ok(!strcmp(s, "General setup/mc/d"), "the entry itself is named, with the caller's separator");
	free(s);
	parts = kc_menu_path_parts(kc_sym_menu(kc_sym_find(t, "D"), 0), KC_PATH_SCREENS, &n);
	ok(n == 2 && !strcmp(parts[0], "General setup") && !strcmp(parts[1], "mc"),
	   "parts: outermost first, borrowed prompts");
	free(parts);
	ok(kc_menu_path_parts(NULL, 0, &n) == NULL && n == 0, "parts of nothing: NULL, 0");
	ok(kc_sym_has_prompt(kc_sym_find(t, "A")) && kc_sym_has_prompt(kc_sym_find(t, "MC")) &&
	   !kc_sym_has_prompt(kc_sym_find(t, "HIDDEN")),
	   "has_prompt: a config's and a menuconfig's prompt count, 'bool' alone has none");
	ok(kc_sym_has_prompt(kc_sym_find(t, "CONDP")),
	   "has_prompt: a prompt under 'if n' is still a prompt (it is invisible, not absent)");
	kc_tree_free(t);
	unit_cleanup();
	return tap_done();
}
