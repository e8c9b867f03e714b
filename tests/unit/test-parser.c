/* test-parser.c - the menu tree the parser builds (parser.c, menu.c) and its diagnostics, each
 * expected value from Documentation/kbuild/kconfig-language.rst of Linux 6.12 ("doc:") or the
 * kernel's scripts/kconfig/parser.y behaviour, as the comments say. */
#include "config.h"

#include "unit.h"

static struct kc_menu *
menu_of(struct kc_tree *t, const char *name)
{
	struct kc_symbol *s = kc_sym_find(t, name);

	return s && kc_sym_nmenus(s) ? kc_sym_menu(s, 0) : NULL;
}

static const char *
parent_prompt(struct kc_tree *t, const char *name)
{
	struct kc_menu *m = menu_of(t, name);

	return m && kc_menu_parent(m) ? kc_menu_prompt(kc_menu_parent(m)) : NULL;
}

/* doc, "Menu structure": entries between menu and endmenu are a submenu; "If a menu entry
 * somehow depends on the previous entry, it can be made a submenu of it" (menuconfig); a
 * comment is an entry of its own; mainmenu sets the title. */
TEST(structure)
{
	struct kc_tree *t = unit_load(
		"mainmenu \"Unit title\"\n"
		"menu \"Networking\"\n"
		"config NET_A\n\tbool \"a\"\n"
		"comment \"a comment\"\n"
		"endmenu\n"
		"menuconfig DRIVERS\n\tbool \"drivers\"\n"
		"config DRV_X\n\tbool \"x\"\n\tdepends on DRIVERS\n"
		"config OTHER\n\tbool \"other\"\n");
	struct kc_menu *net = kc_menu_parent(menu_of(t, "NET_A")), *c;

	ASSERT_STR(kc_tree_mainmenu(t), "Unit title");
	ASSERT_STR(parent_prompt(t, "NET_A"), "Networking");
	ASSERT_INT(kc_menu_kind(net), KC_M_MENU);
	c = kc_menu_next(menu_of(t, "NET_A"));
	ASSERT(c && kc_menu_kind(c) == KC_M_COMMENT);
	ASSERT_STR(c ? kc_menu_prompt(c) : NULL, "a comment");
	/* DRV_X depends on DRIVERS, right after it: its child */
	ASSERT_STR(parent_prompt(t, "DRV_X"), "drivers");
	/* OTHER does not depend on DRIVERS: a sibling at the top */
	ASSERT(kc_menu_parent(menu_of(t, "OTHER")) == kc_tree_root(t));
	kc_tree_free(t);
}

/* doc: "source" reads the file (relative to srctree) as if it were in place; every entry
 * keeps the file and line where it was defined. */
TEST(source)
{
	struct kc_tree *t;
	struct kc_menu *m;

	unit_write("sub.Kconfig", "# sub\n\nconfig FROM_SUB\n\tbool \"s\"\n");
	t = unit_load("config TOP\n\tbool \"t\"\nsource \"sub.Kconfig\"\n");
	m = menu_of(t, "FROM_SUB");
	ASSERT(m != NULL);
	ASSERT_STR(m ? kc_menu_file(m) : NULL, "sub.Kconfig");
	ASSERT_INT(m ? kc_menu_line(m) : 0, 3);
	ASSERT_INT(kc_menu_line(menu_of(t, "TOP")), 1);
	kc_tree_free(t);
}

/* doc: a help text belongs to its entry; a symbol defined twice has two menu entries
 * ("A config option can be defined multiple times") whose properties add up. */
TEST(help_and_redefinition)
{
	struct kc_tree *t = unit_load(
		"config H\n\tbool \"h\"\n\thelp\n\t  Some help.\n\t  Second line.\n"
		"config H\n\tdefault y\n");
	struct kc_symbol *h = kc_sym_find(t, "H");

	/* lexer.l: the first line's indentation is removed; the newline before the next
	 * statement ends the text and is not part of it */
	ASSERT_STR(kc_menu_help(menu_of(t, "H")), "Some help.\nSecond line.");
	ASSERT_INT(kc_sym_nmenus(h), 2);
	ASSERT_STR(unit_val(t, "H"), "y");	/* the default of the second definition */
	kc_tree_free(t);
}

/* parser.y: a bad statement is an error at its line, and the load fails; so is an 'endmenu'
 * with no 'menu' and a menu left open at the end of the file. */
static void
expect_error(const char *text, int line, const char *why)
{
	enum kc_status st;
	struct kc_tree *t = unit_load_opts(text, 0, &st);
	int at_line = 0;
	size_t i;

	for (i = 0; t && i < kc_tree_ndiags(t); i++) {
		const struct kc_diag *d = kc_tree_diag(t, i);

		at_line |= d->level == KC_ERROR && d->line == line;
	}
	ok(st == KC_EPARSE && at_line, "%s: error at line %d", why, line);
	kc_tree_free(t);
}

TEST(errors)
{
	expect_error("config A\n\tbool \"a\"\n\tdependson B\n", 3, "unknown keyword");
	expect_error("config A\n\tbool \"a\"\nendmenu\n", 3, "endmenu without menu");
	expect_error("menu \"m\"\nconfig A\n\tbool \"a\"\n", 1, "menu never closed");
	expect_error("config\n\tbool \"a\"\n", 1, "config without a name");
}

int
main(void)
{
	RUN(structure);
	RUN(source);
	RUN(help_and_redefinition);
	RUN(errors);
	unit_cleanup();
	return tap_done();
}
