/* parser.c - recursive-descent Kconfig parser building menus, symbols and properties. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

struct parser {
	struct kc_tree *t;
	struct kc_lexer lx;
	int tok;			/* current token */
	struct kc_menu *current_menu, *current_entry, *current_choice;
	struct kc_menu **last_entry_ptr;
	int nerrors;
};

static void
next(struct parser *p)
{
	p->tok = kc_lex_next(&p->lx);
}

static void
perror_at(struct parser *p, const char *fmt, const char *arg)
{
	kc_diag_add(p->t, KC_ERROR, p->lx.cur_file, p->lx.cur_line, 0, fmt, arg);
	p->nerrors++;
}

static void
pwarn(struct parser *p, const char *file, int line, const char *fmt, const char *arg)
{
	kc_diag_add(p->t, KC_WARNING, file, line, 0, fmt, arg);
}

static void
menuconfig_no_prompt(struct parser *p, struct kc_menu *e)
{
	if (kc_lang_has(p->t, KC_LANG_STRICT)) {
		kc_diag_add(p->t, KC_ERROR, e->file, e->line, 0, "menuconfig statement without prompt");
		p->nerrors++;
	} else {
		pwarn(p, e->file, e->line, "menuconfig statement without prompt%s", "");
	}
}

/* Skip to the end of the statement (bison's "error T_EOL"). */
static void
skip_line(struct parser *p)
{
	while (p->tok != T_EOL && p->tok != T_EOF)
		next(p);
	if (p->tok == T_EOL)
		next(p);
}

static void
syntax_error(struct parser *p, const char *what)
{
	char *msg = kc_xasprintf("syntax error: unexpected %s%s%s", kc_token_name(p->tok),
				 what ? ", expected " : "", what ? what : "");
	int line = p->tok == T_EOF ? kc_lex_lineno(&p->lx) : p->lx.tok_line;

	/* point at the offending token, like a compiler */
	kc_diag_add(p->t, KC_ERROR, kc_lex_filename(&p->lx) ? kc_lex_filename(&p->lx)
							    : p->lx.cur_file,
		    line ? line : p->lx.cur_line, line ? p->lx.tok_col : 0, "%s", msg);
	p->nerrors++;
	free(msg);
	skip_line(p);
}

static bool
expect_eol(struct parser *p)
{
	if (p->tok == T_EOL) {
		next(p);
		return true;
	}
	syntax_error(p, "end of line");
	return false;
}

/* ---- menu building ---------------------------------------------------------- */

static struct kc_menu *
menu_add_entry(struct parser *p, struct kc_symbol *sym)
{
	struct kc_tree *t = p->t;
	struct kc_menu *m = kc_arena_alloc(&t->arena, sizeof(*m));

	m->sym = sym;
	m->parent = p->current_menu;
	m->file = p->lx.cur_file;
	m->line = p->lx.cur_line;
	m->id = (unsigned)t->menus_by_id.n;
	kc_vec_push(&t->menus_by_id, m);
	*p->last_entry_ptr = m;
	p->last_entry_ptr = &m->next;
	p->current_entry = m;
	if (sym)
		kc_vec_push(&sym->menus, m);
	return m;
}

static struct kc_menu *
menu_add_menu(struct parser *p)
{
	p->last_entry_ptr = &p->current_entry->list;
	p->current_menu = p->current_entry;
	return p->current_menu;
}

static void
menu_end_menu(struct parser *p)
{
	p->last_entry_ptr = &p->current_menu->next;
	p->current_menu = p->current_menu->parent;
}

static void
menu_set_type(struct parser *p, enum kc_type type)
{
	struct kc_symbol *s = p->current_entry->sym;
	char *msg;

	if (s->type == type)
		return;
	if (s->type == KC_UNKNOWN) {
		s->type = type;
		return;
	}
	msg = kc_xasprintf("ignoring type redefinition of '%s' from '%s' to '%s'",
			   s->name ? s->name : "<choice>", kc_type_name(s->type), kc_type_name(type));
	pwarn(p, p->current_entry->file, p->current_entry->line, "%s", msg);
	free(msg);
}

static struct kc_prop *
menu_add_prop(struct parser *p, enum kc_prop_type type, struct kc_expr *expr,
	      struct kc_expr *cond)
{
	struct kc_prop *pr = kc_arena_alloc(&p->t->arena, sizeof(*pr));
	struct kc_symbol *s = p->current_entry->sym;

	pr->type = type;
	pr->file = p->lx.cur_file;
	pr->line = p->lx.cur_line;
	pr->menu = p->current_entry;
	pr->expr = expr;
	pr->cond = cond;
	pr->own_cond = cond;
	if (s) {
		pr->owner = s;
		*s->props_tail = pr;
		s->props_tail = &pr->next;
	}
	return pr;
}

static void
menu_add_prompt(struct parser *p, enum kc_prop_type type, const char *text,
		struct kc_expr *cond)
{
	struct kc_prop *pr = menu_add_prop(p, type, NULL, cond);
	struct kc_menu *m;

	if (isspace((unsigned char)*text)) {
		pwarn(p, pr->file, pr->line, "leading whitespace ignored%s", "");
		while (isspace((unsigned char)*text))
			text++;
	}
	if (p->current_entry->prompt)
		pwarn(p, pr->file, pr->line, "prompt redefined%s", "");
	if (type == KC_P_PROMPT) {
		for (m = p->current_entry->parent; m; m = m->parent)
			if (m->visibility)
				pr->cond = kc_expr_and(p->t, pr->cond, m->visibility);
	}
	p->current_entry->prompt = pr;
	pr->text = kc_arena_strdup(&p->t->arena, text);
}

/* ---- expressions ------------------------------------------------------------- */

static struct kc_expr *parse_expr(struct parser *p);

static struct kc_symbol *
parse_symbol(struct parser *p, bool allow_const)
{
	struct kc_symbol *s;

	if (p->tok == T_WORD) {
		s = kc_sym_lookup(p->t, p->lx.text, false);
	} else if (p->tok == T_WORD_QUOTE && allow_const) {
		s = kc_sym_lookup(p->t, p->lx.text, true);
	} else {
		return NULL;
	}
	next(p);
	return s;
}

static bool
is_comparison(int tok, enum kc_expr_type *type)
{
	switch (tok) {
	case T_EQUAL: *type = KC_E_EQUAL; return true;
	case T_UNEQUAL: *type = KC_E_UNEQUAL; return true;
	case T_LESS: *type = KC_E_LTH; return true;
	case T_LESS_EQUAL: *type = KC_E_LEQ; return true;
	case T_GREATER: *type = KC_E_GTH; return true;
	case T_GREATER_EQUAL: *type = KC_E_GEQ; return true;
	default: return false;
	}
}

static struct kc_expr *
parse_unary(struct parser *p)
{
	struct kc_symbol *a, *b;
	struct kc_expr *e;
	enum kc_expr_type type;

	if (p->tok == T_NOT) {
		next(p);
		e = parse_unary(p);
		return e ? kc_expr_alloc_one(p->t, KC_E_NOT, e) : NULL;
	}
	if (p->tok == T_OPEN_PAREN) {
		next(p);
		e = parse_expr(p);
		if (!e)
			return NULL;
		if (p->tok != T_CLOSE_PAREN)
			return NULL;
		next(p);
		return e;
	}
	a = parse_symbol(p, true);
	if (!a)
		return NULL;
	if (is_comparison(p->tok, &type)) {
		next(p);
		b = parse_symbol(p, true);
		if (!b)
			return NULL;
		return kc_expr_alloc_comp(p->t, type, a, b);
	}
	return kc_expr_alloc_sym(p->t, a);
}

static struct kc_expr *
parse_and(struct parser *p)
{
	struct kc_expr *a = parse_unary(p), *b;

	while (a && p->tok == T_AND) {
		next(p);
		b = parse_unary(p);
		if (!b)
			return NULL;
		a = kc_expr_alloc_two(p->t, KC_E_AND, a, b);
	}
	return a;
}

static struct kc_expr *
parse_expr(struct parser *p)
{
	struct kc_expr *a = parse_and(p), *b;

	while (a && p->tok == T_OR) {
		next(p);
		b = parse_and(p);
		if (!b)
			return NULL;
		a = kc_expr_alloc_two(p->t, KC_E_OR, a, b);
	}
	return a;
}

/* Parses "expr" or fails the statement. */
static bool
need_expr(struct parser *p, struct kc_expr **out)
{
	*out = parse_expr(p);
	if (*out)
		return true;
	syntax_error(p, "an expression");
	return false;
}

/* Optional "if expr"; false on a syntax error (statement skipped). */
static bool
opt_if(struct parser *p, struct kc_expr **out)
{
	*out = NULL;
	if (p->tok != T_IF)
		return true;
	next(p);
	return need_expr(p, out);
}

/* ---- statements ---------------------------------------------------------------- */

static void parse_stmt_list(struct parser *p, bool in_choice, int end_tok);

static void
parse_help(struct parser *p)
{
	struct kc_menu *e = p->current_entry;
	const char *name = e->sym && e->sym->name ? e->sym->name : "<choice>";
	char *text;

	next(p);	/* help */
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	kc_lex_help(&p->lx);
	text = p->lx.text;
	if (kc_lang_has(p->t, KC_LANG_STRICT)) {
		if (e->help)
			perror_at(p, "'%s' defined with more than one help text", name);
		if (text[strspn(text, " \f\n\r\t\v")] == 0)
			perror_at(p, "'%s' defined with blank help text", name);
	} else {
		if (e->help)
			pwarn(p, p->lx.cur_file, p->lx.cur_line,
			      "'%s' defined with more than one help text -- only the last one will be used",
			      name);
		if (text[strspn(text, " \f\n\r\t\v")] == 0)
			pwarn(p, p->lx.cur_file, p->lx.cur_line, "'%s' defined with blank help text",
			      name);
	}
	e->help = kc_arena_strdup(&p->t->arena, text);
	next(p);
}

/* An expression that is y when E is n and n otherwise (never m). */
static struct kc_expr *
expr_is_n(struct kc_tree *t, struct kc_expr *e)
{
	switch (e->type) {
	case KC_E_SYMBOL:
		return kc_expr_alloc_comp(t, KC_E_EQUAL, e->left.sym, &t->sym_n);
	case KC_E_AND:	/* one side n is enough */
		return kc_expr_alloc_two(t, KC_E_OR, expr_is_n(t, e->left.expr),
					 expr_is_n(t, e->right.expr));
	case KC_E_OR:
		return kc_expr_alloc_two(t, KC_E_AND, expr_is_n(t, e->left.expr),
					 expr_is_n(t, e->right.expr));
	default:
		/* as conf does, !X counts as n when X is not n (also for X = m);
		 * a comparison is n exactly when its negation is y */
		if (e->type == KC_E_NOT && e->left.expr->type == KC_E_SYMBOL)
			return kc_expr_alloc_comp(t, KC_E_UNEQUAL, e->left.expr->left.sym, &t->sym_n);
		if (e->type == KC_E_NOT)
			return kc_expr_alloc_one(t, KC_E_NOT, expr_is_n(t, e->left.expr));
		return kc_expr_alloc_one(t, KC_E_NOT, e);
	}
}

static void
parse_depends(struct parser *p)
{
	struct kc_expr *e;

	next(p);
	if (p->tok != T_ON) {
		syntax_error(p, "'on'");
		return;
	}
	next(p);
	if (!need_expr(p, &e))
		return;
	if (p->tok == T_IF && kc_lang_has(p->t, KC_LANG_DEPENDS_IF)) {
		struct kc_expr *cond;

		if (!opt_if(p, &cond))
			return;
		/* 7.0 `depends on X if Y`: X applies only while Y is not n */
		e = kc_expr_or(p->t, e, expr_is_n(p->t, cond));
	}
	if (expect_eol(p))
		p->current_entry->dep = kc_expr_and(p->t, p->current_entry->dep, e);
}

static bool
type_of(int tok, enum kc_type *type)
{
	switch (tok) {
	case T_BOOL: *type = KC_BOOL; return true;
	case T_TRISTATE: *type = KC_TRISTATE; return true;
	case T_INT: *type = KC_INT; return true;
	case T_HEX: *type = KC_HEX; return true;
	case T_STRING: *type = KC_STRING; return true;
	default: return false;
	}
}

/* Optional prompt after a type; false when a syntax error skipped the line. */
static bool
parse_prompt_opt(struct parser *p)
{
	struct kc_expr *cond;
	char *text;
	bool ok;

	if (p->tok != T_WORD_QUOTE)
		return true;
	text = kc_xstrdup(p->lx.text);
	next(p);
	ok = opt_if(p, &cond);
	if (ok && p->tok == T_EOL)
		menu_add_prompt(p, KC_P_PROMPT, text, cond);
	free(text);
	return ok;
}

/* 'select', 'imply' and a choice's 'default': one symbol, then an optional 'if EXPR'. */
static void
parse_sym_prop(struct parser *p, enum kc_prop_type type)
{
	struct kc_symbol *s;
	struct kc_expr *cond;

	next(p);
	s = parse_symbol(p, false);
	if (!s) {
		syntax_error(p, "a symbol");
		return;
	}
	if (!opt_if(p, &cond))
		return;
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	menu_add_prop(p, type, kc_expr_alloc_sym(p->t, s), cond);
	next(p);
}

static void
parse_default(struct parser *p)
{
	enum kc_type type = p->tok == T_DEF_BOOL ? KC_BOOL
			    : p->tok == T_DEF_TRISTATE ? KC_TRISTATE : KC_UNKNOWN;
	struct kc_expr *e, *cond;

	next(p);
	if (!need_expr(p, &e) || !opt_if(p, &cond))
		return;
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	menu_add_prop(p, KC_P_DEFAULT, e, cond);
	if (type != KC_UNKNOWN)
		menu_set_type(p, type);
	next(p);
}

static void
parse_range(struct parser *p)
{
	struct kc_symbol *a, *b;
	struct kc_expr *cond;

	next(p);
	a = parse_symbol(p, true);
	b = a ? parse_symbol(p, true) : NULL;
	if (!b) {
		syntax_error(p, "two symbols");
		return;
	}
	if (!opt_if(p, &cond))
		return;
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	menu_add_prop(p, KC_P_RANGE, kc_expr_alloc_comp(p->t, KC_E_RANGE, a, b), cond);
	next(p);
}

static void
set_modules(struct parser *p)
{
	struct kc_symbol *s = p->current_entry->sym;

	if (p->t->modules_sym && p->t->modules_sym != s) {
		char *msg = kc_xasprintf("symbol '%s' redefines option 'modules' already defined by symbol '%s'",
					 s->name, p->t->modules_sym->name);

		perror_at(p, "%s", msg);
		free(msg);
		return;
	}
	p->t->modules_sym = s;
}

/* Before 5.13: "option modules", "option defconfig_list", "option allnoconfig_y". */
static void
parse_option(struct parser *p)
{
	struct kc_symbol *s = p->current_entry->sym;

	next(p);
	if (p->tok == T_MODULES) {
		set_modules(p);
	} else if (p->tok == T_WORD && !strcmp(p->lx.text, "defconfig_list")) {
		if (p->t->defconfig_list && p->t->defconfig_list != s)
			perror_at(p, "trying to redefine defconfig symbol%s", "");
		else
			p->t->defconfig_list = s;
		s->flags |= KC_SYM_NO_WRITE;
	} else if (p->tok == T_WORD && !strcmp(p->lx.text, "allnoconfig_y")) {
		s->flags |= KC_SYM_ALLNO_Y;
	} else {
		syntax_error(p, "modules, defconfig_list or allnoconfig_y");
		return;
	}
	next(p);
	expect_eol(p);
}

/* Options of config/menuconfig entries; returns when the next token is not one. */
static void
parse_config_options(struct parser *p)
{
	enum kc_type type;

	for (;;) {
		if (type_of(p->tok, &type)) {
			next(p);
			menu_set_type(p, type);
			if (parse_prompt_opt(p))
				expect_eol(p);
			continue;
		}
		switch (p->tok) {
		case T_PROMPT: {
			char *text;
			struct kc_expr *cond;

			next(p);
			if (p->tok != T_WORD_QUOTE) {
				syntax_error(p, "a prompt string");
				break;
			}
			text = kc_xstrdup(p->lx.text);
			next(p);
			if (opt_if(p, &cond) && p->tok == T_EOL) {
				menu_add_prompt(p, KC_P_PROMPT, text, cond);
				next(p);
			} else if (p->tok != T_EOL) {
				syntax_error(p, "end of line");
			}
			free(text);
			break;
		}
		case T_DEFAULT:
		case T_DEF_BOOL:
		case T_DEF_TRISTATE:
			parse_default(p);
			break;
		case T_SELECT:
			parse_sym_prop(p, KC_P_SELECT);
			break;
		case T_IMPLY:
			parse_sym_prop(p, KC_P_IMPLY);
			break;
		case T_RANGE:
			parse_range(p);
			break;
		case T_MODULES:
			next(p);
			if (p->tok == T_EOL)
				set_modules(p);
			expect_eol(p);
			break;
		case T_OPTION:
			parse_option(p);
			break;
		case T_TRANSITIONAL:
			p->current_entry->sym->flags |= KC_SYM_TRANS;
			next(p);
			expect_eol(p);
			break;
		case T_DEPENDS:
			parse_depends(p);
			break;
		case T_HELP:
			parse_help(p);
			break;
		default:
			return;
		}
	}
}

static void
parse_config(struct parser *p, bool menuconfig)
{
	struct kc_symbol *s;
	struct kc_menu *e;

	next(p);
	if (p->tok != T_WORD) {
		syntax_error(p, "a symbol name");
		return;
	}
	s = kc_sym_lookup(p->t, p->lx.text, false);
	next(p);
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	e = menu_add_entry(p, s);
	e->kind = KC_M_CONFIG;
	s->flags |= KC_SYM_DEFINED;
	next(p);
	parse_config_options(p);
	if (menuconfig) {
		if (e->prompt)
			e->prompt->type = KC_P_MENU;
		else
			menuconfig_no_prompt(p, e);
	}
	if (p->current_choice && !menuconfig && !p->t->lang->choice) {
		struct kc_menu *c = p->current_choice;

		if (!e->prompt) {
			kc_diag_add(p->t, KC_ERROR, e->file, e->line, 0,
				    "choice member must have a prompt");
			p->nerrors++;
		}
		if (s->type != KC_BOOL) {
			kc_diag_add(p->t, KC_ERROR, e->file, e->line, 0, "choice member must be bool");
			p->nerrors++;
		}
		if (!(s->flags & KC_SYM_CHOICEVAL)) {
			s->flags |= KC_SYM_CHOICEVAL;
			if (c->nmembers == c->members_cap) {
				c->members_cap = c->members_cap ? c->members_cap * 2 : 8;
				c->members = kc_xrealloc(c->members,
							 c->members_cap * sizeof(*c->members));
			}
			c->members[c->nmembers++] = s;
		}
	}
}

static const char *
end_name(int tok)
{
	return tok == T_ENDMENU ? "menu" : tok == T_ENDCHOICE ? "choice" : "if";
}

/* An end token closing the block opened at `block`. */
static void
parse_end(struct parser *p, struct kc_menu *block, int want)
{
	int got = p->tok;
	const char *file = p->lx.cur_file;
	int line = p->lx.cur_line;

	next(p);
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
	} else {
		next(p);
	}
	if (got != want) {
		char *msg = kc_xasprintf("unexpected '%s' within %s block", end_name(got),
					 end_name(want));

		kc_diag_add(p->t, KC_ERROR, file, line, 0, "%s", msg);
		p->nerrors++;
		free(msg);
		return;
	}
	if (block->file != file && strcmp(block->file, file)) {
		char *msg = kc_xasprintf("'%s' in different file than '%s'", end_name(got),
					 end_name(want));

		kc_diag_add(p->t, KC_ERROR, file, line, 0, "%s", msg);
		p->nerrors++;
		kc_diag_add(p->t, KC_NOTE, block->file, block->line, 0, "location of the '%s'",
			    end_name(want));
		free(msg);
		return;
	}
	menu_end_menu(p);
}

/* Parse a block body up to its end token; reports a missing end at EOF. */
static void
parse_block(struct parser *p, struct kc_menu *block, bool in_choice, int end_tok)
{
	parse_stmt_list(p, in_choice, end_tok);
	if (p->tok == end_tok || p->tok == T_ENDMENU || p->tok == T_ENDIF ||
	    p->tok == T_ENDCHOICE) {
		parse_end(p, block, end_tok);
		return;
	}
	kc_diag_add(p->t, KC_ERROR, block->file, block->line, 0,
		    "missing end statement for this entry ('end%s')", end_name(end_tok));
	p->nerrors++;
	if (p->current_menu == block)
		menu_end_menu(p);
}

static void
parse_choice(struct parser *p)
{
	struct kc_symbol *s;
	struct kc_menu *e;

	next(p);
	if (p->tok == T_WORD && kc_lang_has(p->t, KC_LANG_CHOICE_NAME))
		next(p);	/* 6.1 allowed a name */
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	s = kc_sym_new_choice(p->t);
	e = menu_add_entry(p, s);
	e->kind = KC_M_CHOICE;
	e->is_choice = true;
	if (!kc_lang_has(p->t, KC_LANG_CHOICE_TYPE))
		s->type = KC_BOOL;	/* 6.11+: choices are bool; before, they take a type */
	next(p);
	for (;;) {
		struct kc_expr *cond;

		if (p->tok == T_PROMPT || ((p->tok == T_BOOL || p->tok == T_TRISTATE) &&
					   !kc_lang_has(p->t, KC_LANG_STRICT))) {
			int kw = p->tok;
			char *text;

			next(p);
			if (kw != T_PROMPT && kc_lang_has(p->t, KC_LANG_CHOICE_TYPE))
				menu_set_type(p, kw == T_BOOL ? KC_BOOL : KC_TRISTATE);
			if (p->tok != T_WORD_QUOTE) {
				if (kw == T_PROMPT || !kc_lang_has(p->t, KC_LANG_CHOICE_TYPE)) {
					syntax_error(p, "a prompt string");
					continue;
				}
				expect_eol(p);
				continue;
			}
			text = kc_xstrdup(p->lx.text);
			next(p);
			if (opt_if(p, &cond) && p->tok == T_EOL) {
				menu_add_prompt(p, KC_P_PROMPT, text, cond);
				next(p);
			} else if (p->tok != T_EOL) {
				syntax_error(p, "end of line");
			}
			free(text);
		} else if (p->tok == T_DEFAULT) {
			parse_sym_prop(p, KC_P_DEFAULT);
		} else if (p->tok == T_DEPENDS) {
			parse_depends(p);
		} else if (p->tok == T_HELP) {
			parse_help(p);
		} else if (p->tok == T_OPTIONAL) {	/* a keyword only before 6.11 */
			s->optional = true;
			next(p);
			expect_eol(p);
		} else {
			break;
		}
	}
	if (!e->prompt && !p->t->lang->choice) {
		kc_diag_add(p->t, KC_ERROR, e->file, e->line, 0, "choice must have a prompt");
		p->nerrors++;
	}
	menu_add_menu(p);
	p->current_choice = e;
	parse_stmt_list(p, true, T_ENDCHOICE);
	p->current_choice = NULL;
	if (p->tok == T_ENDCHOICE || p->tok == T_ENDMENU || p->tok == T_ENDIF) {
		parse_end(p, e, T_ENDCHOICE);
		return;
	}
	kc_diag_add(p->t, KC_ERROR, e->file, e->line, 0,
		    "missing end statement for this entry ('endchoice')");
	p->nerrors++;
	if (p->current_menu == e)
		menu_end_menu(p);
}

static void
parse_if(struct parser *p, bool in_choice)
{
	struct kc_expr *e;
	struct kc_menu *m;

	next(p);
	if (!need_expr(p, &e))
		return;
	if (p->tok != T_EOL) {
		syntax_error(p, "end of line");
		return;
	}
	m = menu_add_entry(p, NULL);
	m->kind = KC_M_IF;
	m->dep = e;
	menu_add_menu(p);
	next(p);
	parse_block(p, m, in_choice, T_ENDIF);
}

static void
parse_menu(struct parser *p)
{
	struct kc_menu *m;
	struct kc_expr *e;

	next(p);
	if (p->tok != T_WORD_QUOTE) {
		syntax_error(p, "a menu title");
		return;
	}
	m = menu_add_entry(p, NULL);
	m->kind = KC_M_MENU;
	menu_add_prompt(p, KC_P_MENU, p->lx.text, NULL);
	next(p);
	if (!expect_eol(p)) {
		/* keep the block so that its endmenu still matches */
	}
	for (;;) {
		if (p->tok == T_VISIBLE) {
			next(p);
			if (!opt_if(p, &e))
				continue;
			if (expect_eol(p))
				m->visibility = kc_expr_and(p->t, m->visibility, e);
		} else if (p->tok == T_DEPENDS) {
			parse_depends(p);
		} else {
			break;
		}
	}
	menu_add_menu(p);
	parse_block(p, m, false, T_ENDMENU);
}

static void
parse_comment(struct parser *p)
{
	struct kc_menu *m;

	next(p);
	if (p->tok != T_WORD_QUOTE) {
		syntax_error(p, "a comment text");
		return;
	}
	m = menu_add_entry(p, NULL);
	m->kind = KC_M_COMMENT;
	menu_add_prompt(p, KC_P_COMMENT, p->lx.text, NULL);
	next(p);
	expect_eol(p);
	while (p->tok == T_DEPENDS)
		parse_depends(p);
}

static void
parse_source(struct parser *p)
{
	char *name;

	next(p);
	if (p->tok != T_WORD_QUOTE) {
		syntax_error(p, "a file name");
		return;
	}
	name = kc_xstrdup(p->lx.text);
	/* the new file's tokens start after this line's end */
	next(p);
	if (p->tok != T_EOL) {
		free(name);
		syntax_error(p, "end of line");
		return;
	}
	if (!kc_lex_push(&p->lx, name, false))
		p->nerrors++;
	free(name);
	next(p);
}

static void
parse_assignment(struct parser *p, const char *name)
{
	enum kc_pp_flavor f = p->tok == T_EQUAL ? KC_VAR_RECURSIVE
			      : p->tok == T_COLON_EQUAL ? KC_VAR_SIMPLE : KC_VAR_APPEND;

	next(p);
	kc_pp_set_pos(p->t->pp, p->lx.cur_file, kc_lex_lineno(&p->lx));
	if (p->tok == T_ASSIGN_VAL) {
		kc_pp_assign(p->t->pp, name, p->lx.text, f);
		next(p);
	} else {
		kc_pp_assign(p->t->pp, name, "", f);
	}
	expect_eol(p);
}

static void
parse_stmt_list(struct parser *p, bool in_choice, int end_tok)
{
	(void)end_tok;
	for (;;) {
		if (kc_pp_failed(p->t->pp))
			return;
		switch (p->tok) {
		case T_EOF:
		case T_ENDMENU:
		case T_ENDIF:
		case T_ENDCHOICE:
			return;
		case T_EOL:
			next(p);
			break;
		case T_CONFIG:
			parse_config(p, false);
			break;
		case T_COMMENT:
			parse_comment(p);
			break;
		case T_IF:
			parse_if(p, in_choice);
			break;
		case T_MENUCONFIG:
			if (in_choice)
				goto invalid;
			parse_config(p, true);
			break;
		case T_CHOICE:
			if (in_choice)
				goto invalid;
			parse_choice(p);
			break;
		case T_MENU:
			if (in_choice)
				goto invalid;
			parse_menu(p);
			break;
		case T_SOURCE:
			if (in_choice)
				goto invalid;
			parse_source(p);
			break;
		case T_WORD:
			if (!in_choice) {
				char *w = kc_xstrdup(p->lx.text);
				int wl = p->lx.tok_line, wc = p->lx.tok_col;

				next(p);
				if (p->tok == T_EQUAL || p->tok == T_COLON_EQUAL ||
				    p->tok == T_PLUS_EQUAL) {
					parse_assignment(p, w);
					free(w);
					break;
				}
				kc_diag_add(p->t, KC_ERROR, p->lx.cur_file, wl, wc,
					    "unknown statement \"%s\"", w);
				p->nerrors++;
				free(w);
				skip_line(p);
				break;
			}
			/* fallthrough */
		default:
		invalid:
			perror_at(p, "invalid statement%s", "");
			skip_line(p);
			break;
		}
	}
}

/* ---- driver -------------------------------------------------------------------- */

enum kc_status
kc_parse_tree(struct kc_tree *t, const char *topfile)
{
	struct parser p;

	memset(&p, 0, sizeof(p));
	p.t = t;
	kc_lex_init(&p.lx, t);
	p.lx.lang = t->lang->features;
	p.current_menu = p.current_entry = &t->root;
	p.last_entry_ptr = &t->root.list;
	if (!kc_lex_open_top(&p.lx, topfile)) {
		kc_lex_done(&p.lx);
		return KC_ENOENT;
	}
	next(&p);
	if (p.tok == T_MAINMENU) {
		next(&p);
		if (p.tok == T_WORD_QUOTE) {
			menu_add_prompt(&p, KC_P_MENU, p.lx.text, NULL);
			next(&p);
			expect_eol(&p);
		} else {
			syntax_error(&p, "a title");
		}
	}
	parse_stmt_list(&p, false, T_EOF);
	while (p.tok != T_EOF && !kc_pp_failed(t->pp)) {
		char *msg = kc_xasprintf("unexpected '%s'", kc_token_name(p.tok));

		perror_at(&p, "%s", msg);
		free(msg);
		skip_line(&p);
		parse_stmt_list(&p, false, T_EOF);
	}
	p.nerrors += p.lx.nerrors;
	kc_lex_done(&p.lx);
	if (kc_pp_failed(t->pp))
		p.nerrors++;
	return p.nerrors ? KC_EPARSE : KC_OK;
}
