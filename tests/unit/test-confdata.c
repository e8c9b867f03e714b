/* test-confdata.c - reading and writing .config text (confdata.c), each expected value from the
 * kernel's scripts/kconfig/confdata.c and symbol.c behaviour in Linux 6.12, as the comments say,
 * checked against its conf (olddefconfig) on the same Kconfig and config. */
#include "config.h"

#include "unit.h"

static const char tree_text[] =
	"config MODULES\n\tbool \"modules\"\n\tdefault y\n\tmodules\n"
	"config B\n\tbool \"b\"\n\tdefault y\n"
	"config T\n\ttristate \"t\"\n"
	"config M\n\ttristate \"m\"\n\tdefault m\n"
	"config D\n\ttristate \"d\"\n\tdepends on M\n"
	"config NP\n\tbool\n"
	"config N\n\tint \"n\"\n\tdefault 4\n"
	"config H\n\thex \"h\"\n\tdefault 0x10\n"
	"config S\n\tstring \"s\"\n\tdefault \"x\"\n"
	"config R\n\tbool \"r\"\n";

static const char config_text[] =
	"# CONFIG_B is not set\n"		/* 1: n for a bool */
	"CONFIG_T=m\n"				/* 2 */
	"CONFIG_D=y\n"				/* 3: limited by 'depends on M' (m) */
	"CONFIG_NP=y\n"				/* 4: no prompt: a user value does not count */
	"CONFIG_N=abc\n"			/* 5: invalid for an int: warned, default kept */
	"CONFIG_H=0x20\n"			/* 6 */
	"CONFIG_S=\"a\\\"b\\\\c\"\n"		/* 7: \" and \\ are escapes in a string */
	"CONFIG_R=y\n"				/* 8 */
	"CONFIG_R=n\n"				/* 9: a later assignment wins */
	"CONFIG_NO_SUCH_SYMBOL=y\n";		/* 10: unknown: ignored */

static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p = text;

	while ((p = strstr(p, line))) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return 1;
		p += n;
	}
	return 0;
}

TEST(reading)
{
	struct kc_tree *t = unit_load(tree_text);
	size_t i;
	int warned_n = 0;

	ASSERT_INT(kc_config_read_buf(t, "test.config", config_text, strlen(config_text)), KC_OK);
	ASSERT_STR(unit_val(t, "B"), "n");
	ASSERT_STR(unit_val(t, "T"), "m");
	ASSERT_STR(unit_val(t, "D"), "m");
	ASSERT_STR(unit_val(t, "NP"), "n");
	ASSERT_STR(unit_val(t, "N"), "4");
	ASSERT_STR(unit_val(t, "H"), "0x20");
	ASSERT_STR(unit_val(t, "S"), "a\"b\\c");
	ASSERT_STR(unit_val(t, "R"), "n");
	ASSERT_STR(unit_val(t, "M"), "m");	/* not in the file: its default */
	/* confdata.c: "symbol value 'abc' invalid for N", a warning at the file's line 5 */
	for (i = 0; i < kc_tree_ndiags(t); i++) {
		const struct kc_diag *d = kc_tree_diag(t, i);

		warned_n |= d->line == 5 && d->file && !strcmp(d->file, "test.config") &&
			    strstr(d->message, "abc") != NULL;
	}
	ok(warned_n, "the invalid int value is reported at test.config:5");
	kc_tree_free(t);
}

/* confdata.c's writer: "CONFIG_X=v" for y/m/int/hex, "# CONFIG_X is not set" for a bool or
 * tristate n that is written, strings quoted with " and \ escaped, nothing for a symbol that is
 * not written (no prompt, value n). */
TEST(writing)
{
	struct kc_tree *t = unit_load(tree_text);
	char *out;

	kc_config_read_buf(t, "test.config", config_text, strlen(config_text));
	out = kc_config_str(t);
	ASSERT(has_line(out, "CONFIG_MODULES=y"));
	ASSERT(has_line(out, "# CONFIG_B is not set"));
	ASSERT(has_line(out, "CONFIG_T=m"));
	ASSERT(has_line(out, "CONFIG_D=m"));
	ASSERT(!strstr(out, "CONFIG_NP"));
	ASSERT(has_line(out, "CONFIG_N=4"));
	ASSERT(has_line(out, "CONFIG_H=0x20"));
	ASSERT(has_line(out, "CONFIG_S=\"a\\\"b\\\\c\""));
	ASSERT(has_line(out, "# CONFIG_R is not set"));
	ASSERT(!strstr(out, "NO_SUCH_SYMBOL"));
	free(out);
	kc_tree_free(t);
}

/* Reading what was written gives the same text again (conf's olddefconfig is idempotent). */
TEST(round_trip)
{
	struct kc_tree *t = unit_load(tree_text);
	char *first, *second;

	kc_config_read_buf(t, "test.config", config_text, strlen(config_text));
	first = kc_config_str(t);
	kc_tree_reset_user(t);
	kc_config_read_buf(t, "first.config", first, strlen(first));
	second = kc_config_str(t);
	ASSERT_STR(second, first);
	free(first);
	free(second);
	kc_tree_free(t);
}

int
main(void)
{
	RUN(reading);
	RUN(writing);
	RUN(round_trip);
	unit_cleanup();
	return tap_done();
}
