/* test-lexer.c - the Kconfig tokenizer (lexer.c, private API lexer.h), token by token. The
 * expected streams follow Documentation/kbuild/kconfig-language.rst of Linux 6.12 ("doc:") and
 * the kernel's scripts/kconfig/lexer.l where the document is silent (as the comments say). */
#include "config.h"

#include "unit.h"

#include "lexer.h"

/* The tokens of FILE's text, as "name" or "name(text)" joined by spaces. */
static char *
tokens(struct kc_tree *t, const char *text)
{
	static int n;
	struct kc_lexer lx;
	char name[32], *out;
	size_t cap = 4096, len = 0;
	int tok, guard = 0;

	snprintf(name, sizeof(name), "lex%d.Kconfig", n++);
	unit_write(name, text);
	out = calloc(1, cap);
	if (!out)
		abort();
	kc_lex_init(&lx, t);
	if (!kc_lex_open_top(&lx, name)) {
		kc_lex_done(&lx);
		strcpy(out, "(cannot open)");
		return out;
	}
	do {
		tok = kc_lex_next(&lx);
		if (tok == T_HELP) {
			/* the parser asks for the help text after "help" and the end of line */
			len += (size_t)snprintf(out + len, cap - len, "help ");
			tok = kc_lex_next(&lx);
			len += (size_t)snprintf(out + len, cap - len, "%s ", kc_token_name(tok));
			tok = kc_lex_help(&lx);
		}
		if (tok == T_WORD || tok == T_WORD_QUOTE || tok == T_ASSIGN_VAL || tok == T_HELPTEXT)
			len += (size_t)snprintf(out + len, cap - len, "%s(%s) ", kc_token_name(tok),
						lx.text ? lx.text : "");
		else
			len += (size_t)snprintf(out + len, cap - len, "%s ", kc_token_name(tok));
		if (len >= cap - 1)
			break;
	} while (tok != T_EOF && ++guard < 200);
	kc_lex_done(&lx);
	if (len)
		out[len - 1] = 0;
	return out;
}

static void
expect(struct kc_tree *t, const char *text, const char *want, const char *why)
{
	char *got = tokens(t, text);

	ok(!strcmp(got, want), "%s", why);
	if (strcmp(got, want)) {
		diag("want %s", want);
		diag("got  %s", got);
	}
	free(got);
}

int
main(void)
{
	struct kc_tree *t = unit_load("");

	expect(t, "config FOO\n\tbool \"a prompt\"\n",
	       "config word(FOO) end of line bool string(a prompt) end of line end of file",
	       "an entry: keyword, name, type and quoted prompt, one end of line each");
	expect(t, "\tdepends on A && (B || !C)\n",
	       "depends on word(A) '&&' '(' word(B) '||' '!' word(C) ')' end of line end of file",
	       "doc: the expression operators && || ! ( )");
	expect(t, "\tdefault y if A = B && C != D && E < 1 && F <= 2 && G > 3 && H >= 4\n",
	       "default word(y) if word(A) '=' word(B) '&&' word(C) '!=' word(D) '&&' word(E) "
	       "'<' word(1) '&&' word(F) '<=' word(2) '&&' word(G) '>' word(3) '&&' word(H) "
	       "'>=' word(4) end of line end of file",
	       "doc: the comparisons = != < <= > >=");
	expect(t, "\tprompt \"say \\\"hi\\\" it's\"\n\tdefault 'single \"q\"'\n",
	       "prompt string(say \"hi\" it's) end of line default string(single \"q\") end of line "
	       "end of file",
	       "doc: constants in single or double quotes, quotes escaped with '\\'");
	/* lexer.l: an end of line right after another (or at the start) is not passed on, so the
	 * comment line gives no token at all */
	expect(t, "# a comment line\nconfig A # trailing comment\n",
	       "config word(A) end of line end of file",
	       "lexer.l: '#' starts a comment to the end of the line");
	expect(t, "\tdepends on A && \\\n\t\tB\n",
	       "depends on word(A) '&&' word(B) end of line end of file",
	       "lexer.l: a backslash before the newline continues the line");
	expect(t, "X := a  b\nY += c\nZ = $(X)\n",
	       "word(X) ':=' value(a  b) end of line word(Y) '+=' value(c) end of line "
	       "word(Z) '=' value($(X)) end of line end of file",
	       "doc (macro language): := += = assignments; the value is the rest of the line, "
	       "unexpanded");
	expect(t, "config A\n\thelp\n\t  first line\n\t    indented more\n\n\t  after a blank line\nconfig B\n",
	       "config word(A) end of line help end of line "
	       "help text(first line\n  indented more\n\nafter a blank line) "
	       "config word(B) end of line end of file",
	       "doc: help text ends at the first line indented less than its first line; that "
	       "line's indentation is removed from every line, blank lines are kept; lexer.l: "
	       "the newline before the end is not part of it");
	kc_tree_free(t);
	unit_cleanup();
	return tap_done();
}
