/* lexer.h - Kconfig tokenizer, private to kconfig/lexer.c and kconfig/parser.c. */
#ifndef KCONFIG_LEXER_H
#define KCONFIG_LEXER_H

#include "core.h"

enum kc_token {
	T_EOF, T_EOL, T_WORD, T_WORD_QUOTE, T_ASSIGN_VAL, T_HELPTEXT,
	T_BOOL, T_CHOICE, T_COMMENT, T_CONFIG, T_DEF_BOOL, T_DEF_TRISTATE, T_DEFAULT,
	T_DEPENDS, T_ENDCHOICE, T_ENDIF, T_ENDMENU, T_HELP, T_HEX, T_IF, T_IMPLY, T_INT,
	T_MAINMENU, T_MENU, T_MENUCONFIG, T_MODULES, T_ON, T_PROMPT, T_RANGE, T_SELECT,
	T_SOURCE, T_STRING, T_TRISTATE, T_VISIBLE, T_OPTIONAL, T_OPTION, T_TRANSITIONAL,
	T_OR, T_AND, T_EQUAL, T_UNEQUAL, T_LESS, T_LESS_EQUAL, T_GREATER, T_GREATER_EQUAL,
	T_NOT, T_OPEN_PAREN, T_CLOSE_PAREN, T_COLON_EQUAL, T_PLUS_EQUAL,
};

struct kc_lexfile;
struct file_ent;

struct kc_lexer {
	struct kc_tree *tree;
	struct kc_lexfile *cur;
	int prev_token, prev_prev_token;
	bool assign_val;	/* next token is the raw value of an assignment */
	const char *cur_file;	/* file of the current statement */
	int cur_line;		/* line of the current statement's first token */
	int tok_line, tok_col;	/* where the last token starts */
	char *text;		/* value of the last WORD/WORD_QUOTE/ASSIGN_VAL/HELPTEXT (heap) */
	int nerrors;
	int depth;
	unsigned lang;		/* KC_LANG_* of the tree: version-dependent keywords */
	int tree_fd;		/* srctree, for openat2 */
	struct file_ent **files;	/* file-name hash */
};

void kc_lex_init(struct kc_lexer *lx, struct kc_tree *t);
void kc_lex_done(struct kc_lexer *lx);
/* Open the top file; false (with a diagnostic) when it cannot be read. */
bool kc_lex_open_top(struct kc_lexer *lx, const char *name);
/* Push a sourced file; false (with a diagnostic) on failure or recursion. */
bool kc_lex_push(struct kc_lexer *lx, const char *name, bool optional);
/* The next token; its string value, if any, is in lx->text. */
int kc_lex_next(struct kc_lexer *lx);
/* Read help text (after "help" EOL); returns T_HELPTEXT with lx->text set. */
int kc_lex_help(struct kc_lexer *lx);
/* Current physical line (yylineno) and file of the lexer. */
int kc_lex_lineno(const struct kc_lexer *lx);
const char *kc_lex_filename(const struct kc_lexer *lx);
const char *kc_token_name(int tok);

#endif
