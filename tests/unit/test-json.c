/* test-json.c - the one JSON writer (kconfig/util/json.c). Every expected string is written
 * from RFC 8259: section 7 (strings: '"', '\' and U+0000..U+001F must be escaped; \b \f
 * \n \r \t have two-character forms, any other control character is \u followed by four
 * hex digits), section 6 (numbers), section 3 (the literals true, false, null), sections 4
 * and 5 (objects: members "name":value separated by ','; arrays: values separated by ',').
 * Insignificant whitespace is allowed around structural characters (section 2); the
 * indented layout is the one python's json.dumps(indent=2) writes. */
#include <stdlib.h>
#include <string.h>

#include <kexplore/json.h>

#include "../lib/tap.h"

/* same GOT WANT WHAT - one check; frees GOT (the writer's output). */
static void
same(char *got, const char *want, const char *what)
{
	ok(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		diag("got <%s>, want <%s>", got, want);
	free(got);
}

static void
check_quote(const char *in, const char *want, const char *what)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "quote: %s", what);
	same(kc_json_quote(in), want, buf);
}

static void
test_strings(void)
{
	check_quote("abc", "\"abc\"", "plain text in quotation marks");
	check_quote("", "\"\"", "the empty string");
	check_quote("say \"hi\"", "\"say \\\"hi\\\"\"", "quotation mark escaped");
	check_quote("a\\b", "\"a\\\\b\"", "reverse solidus escaped");
	check_quote("a/b", "\"a/b\"", "solidus may stay as it is");
	check_quote("\t", "\"\\t\"", "tab as \\t (the private escapers differed here)");
	check_quote("\n\r\b\f", "\"\\n\\r\\b\\f\"", "the other two-character escapes");
	check_quote("\x01\x1f", "\"\\u0001\\u001f\"", "other control characters as \\u00XX");
	check_quote("\x7f", "\"\x7f\"", "DEL is not a control character in JSON's sense");
	check_quote("\xc3\xa9", "\"\xc3\xa9\"", "UTF-8 passes through");
	check_quote(NULL, "null", "NULL is null");
}

static void
check_text(struct kc_json *j, const char *want, const char *what)
{
	same(kc_json_steal(j), want, what);
}

static void
test_compact(void)
{
	struct kc_json *j = kc_json_new(0);

	kc_json_obj(j);
	kc_json_kstr(j, "name", "A\tB");
	kc_json_kint(j, "n", -12);
	kc_json_kuint(j, "u", 18446744073709551615ull);
	kc_json_kbool(j, "yes", true);
	kc_json_kbool(j, "no", false);
	kc_json_key(j, "none");
	kc_json_null(j);
	kc_json_kstr(j, "absent", NULL);
	kc_json_karr(j, "list");
	kc_json_int(j, 1);
	kc_json_str(j, "x");
	kc_json_obj(j);
	kc_json_end(j);
	kc_json_arr(j);
	kc_json_end(j);
	kc_json_end(j);
	kc_json_key(j, "raw");
	kc_json_raw(j, "{\"a\":1}\n\n");
	kc_json_end(j);
	check_text(j, "{\"name\":\"A\\tB\",\"n\":-12,\"u\":18446744073709551615,\"yes\":true,"
		   "\"no\":false,\"none\":null,\"absent\":null,\"list\":[1,\"x\",{},[]],"
		   "\"raw\":{\"a\":1}}\n", "compact: no whitespace, commas only between values");
}

static void
test_pretty(void)
{
	struct kc_json *j = kc_json_new(2);

	kc_json_obj(j);
	kc_json_karr(j, "a");
	kc_json_int(j, 1);
	kc_json_obj(j);
	kc_json_kstr(j, "b", "c");
	kc_json_end(j);
	kc_json_end(j);
	kc_json_karr(j, "e");
	kc_json_end(j);
	kc_json_end(j);
	check_text(j, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"c\"\n    }\n  ],\n  \"e\": []\n}\n",
		   "indent 2: one value a line, ': ' after keys, empty containers closed in place");
}

static void
test_top_level(void)
{
	struct kc_json *j = kc_json_new(0);

	kc_json_str(j, "top");
	check_text(j, "\"top\"\n", "a scalar alone is a JSON text (section 2)");
}

int
main(void)
{
	test_strings();
	test_compact();
	test_pretty();
	test_top_level();
	return tap_done();
}
