/* lexer.c - Kconfig tokenizer with macro expansion, help text and source stack. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lexer.h"

#define MAX_SOURCE_DEPTH 64
#define KC_MAX_KCONFIG_FILE (64 << 20)	/* the largest in 6.12 is 0.2 MiB */

struct kc_lexfile {
	struct kc_lexfile *parent;
	char *buf;		/* NUL-terminated contents */
	size_t pos, len;
	const char *name;	/* as given to source (arena) */
	int lineno;		/* yylineno */
	size_t line_start;	/* offset of the current line, for columns */
	int source_line;	/* statement line of the source in the parent */
	/* pushed-back text (expansion leftovers) are handled by rewinding pos */
};

static const struct {
	const char *word;
	int tok;
	unsigned char len;
} keywords[] = {
#define KW(w, t) { w, t, sizeof(w) - 1 }
	KW("bool", T_BOOL), KW("choice", T_CHOICE), KW("comment", T_COMMENT),
	KW("config", T_CONFIG), KW("def_bool", T_DEF_BOOL),
	KW("def_tristate", T_DEF_TRISTATE), KW("default", T_DEFAULT),
	KW("depends", T_DEPENDS), KW("endchoice", T_ENDCHOICE), KW("endif", T_ENDIF),
	KW("endmenu", T_ENDMENU), KW("help", T_HELP), KW("hex", T_HEX), KW("if", T_IF),
	KW("imply", T_IMPLY), KW("int", T_INT), KW("mainmenu", T_MAINMENU),
	KW("menu", T_MENU), KW("menuconfig", T_MENUCONFIG), KW("modules", T_MODULES),
	KW("on", T_ON), KW("prompt", T_PROMPT), KW("range", T_RANGE),
	KW("select", T_SELECT), KW("source", T_SOURCE), KW("string", T_STRING),
	KW("tristate", T_TRISTATE), KW("visible", T_VISIBLE),
#undef KW
};

/* Binary search: the table above is sorted by word. */
static int
keyword(const char *w, size_t n)
{
	size_t lo = 0, hi = sizeof(keywords) / sizeof(keywords[0]);

	while (lo < hi) {
		size_t mid = (lo + hi) / 2, kl = keywords[mid].len;
		int c = memcmp(w, keywords[mid].word, n < kl ? n : kl);

		if (!c)
			c = n < kl ? -1 : n > kl;
		if (!c)
			return keywords[mid].tok;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* Keywords only some kernel generations know; elsewhere they are plain words. */
static int
versioned_keyword(const struct kc_lexer *lx, const char *w, size_t n)
{
	static const struct {
		const char *word;
		int tok;
		unsigned lang;
	} vk[] = {
		{ "optional", T_OPTIONAL, KC_LANG_OPTIONAL },
		{ "option", T_OPTION, KC_LANG_OPTION },
		{ "transitional", T_TRANSITIONAL, KC_LANG_TRANSITIONAL },
	};
	size_t i;

	for (i = 0; i < sizeof(vk) / sizeof(vk[0]); i++)
		if (lx->lang & vk[i].lang && strlen(vk[i].word) == n && !memcmp(w, vk[i].word, n))
			return vk[i].tok;
	return -1;
}

const char *
kc_token_name(int tok)
{
	size_t i;

	switch (tok) {
	case T_EOF: return "end of file";
	case T_EOL: return "end of line";
	case T_WORD: return "word";
	case T_WORD_QUOTE: return "string";
	case T_ASSIGN_VAL: return "value";
	case T_HELPTEXT: return "help text";
	case T_OPTIONAL: return "optional";
	case T_OPTION: return "option";
	case T_TRANSITIONAL: return "transitional";
	case T_OR: return "'||'";
	case T_AND: return "'&&'";
	case T_EQUAL: return "'='";
	case T_UNEQUAL: return "'!='";
	case T_LESS: return "'<'";
	case T_LESS_EQUAL: return "'<='";
	case T_GREATER: return "'>'";
	case T_GREATER_EQUAL: return "'>='";
	case T_NOT: return "'!'";
	case T_OPEN_PAREN: return "'('";
	case T_CLOSE_PAREN: return "')'";
	case T_COLON_EQUAL: return "':='";
	case T_PLUS_EQUAL: return "'+='";
	}
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (keywords[i].tok == tok)
			return keywords[i].word;
	return "token";
}

void
kc_lex_init(struct kc_lexer *lx, struct kc_tree *t)
{
	memset(lx, 0, sizeof(*lx));
	lx->tree = t;
	lx->tree_fd = -1;
	lx->prev_token = lx->prev_prev_token = T_EOL;
}

static void
pop_file(struct kc_lexer *lx)
{
	struct kc_lexfile *f = lx->cur;

	lx->cur = f->parent;
	free(f->buf);
	free(f);
	lx->depth--;
}

void
kc_lex_done(struct kc_lexer *lx)
{
	while (lx->cur)
		pop_file(lx);
	free(lx->text);
	lx->text = NULL;
	free(lx->files);
	lx->files = NULL;
	if (lx->tree_fd >= 0)
		close(lx->tree_fd);
	lx->tree_fd = -1;
}

#define FILE_HASH 4096

struct file_ent {
	struct file_ent *next;
	const char *name;
	const char *parent;	/* where it was first sourced (NULL: the top file) */
	int parent_line;
};

static struct file_ent *
file_find(const struct kc_lexer *lx, const char *name)
{
	struct file_ent *e;

	if (!lx->files)
		return NULL;
	for (e = lx->files[kc_hash_str(name) % FILE_HASH]; e; e = e->next)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

/* One copy of each file name (diagnostics keep pointers to it). */
static const char *
file_intern(struct kc_lexer *lx, const char *name)
{
	struct kc_tree *t = lx->tree;
	unsigned h = kc_hash_str(name) % FILE_HASH;
	struct file_ent *e;

	if (!lx->files)
		lx->files = kc_xcalloc(FILE_HASH, sizeof(*lx->files));
	for (e = lx->files[h]; e; e = e->next)
		if (!strcmp(e->name, name))
			return e->name;
	e = kc_arena_alloc(&t->arena, sizeof(*e));
	e->name = kc_arena_strdup(&t->arena, name);
	e->next = lx->files[h];
	lx->files[h] = e;
	kc_vec_push(&t->files, (void *)e->name);
	return e->name;
}

static const char outside_msg[] =
	"is outside the kernel tree (use --allow-outside-tree to accept it)";

/* realpath-based check, for absolute names and kernels without openat2. */
static bool
escapes_tree(struct kc_tree *t, const char *full)
{
	char *real = realpath(full, NULL), *realtree;
	bool out = false;

	if (!real)
		return false;	/* the open reports it */
	realtree = realpath(t->srctree, NULL);
	if (realtree) {
		size_t n = strlen(realtree);

		out = strncmp(real, realtree, n) || (real[n] != '/' && real[n] != 0);
	}
	free(real);
	free(realtree);
	return out;
}

static int
read_fd(int fd, char **out, size_t *lenp)
{
	struct kc_buf b = { 0 };
	char chunk[65536];
	ssize_t n;

	kc_buf_puts(&b, "");
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			kc_buf_free(&b);
			return e;
		}
		kc_buf_add(&b, chunk, (size_t)n);
		if (b.len > KC_MAX_KCONFIG_FILE)
			break;
	}
	*lenp = b.len;
	*out = kc_buf_steal(&b);
	return 0;
}

/*
 * Read a Kconfig file named relative to srctree. Unless allow_outside, a
 * name that leaves the tree (.., absolute, or through a symlink) is refused:
 * openat2(RESOLVE_BENEATH) checks that in the kernel in one system call.
 */
static char *
read_tree_file(struct kc_lexer *lx, const char *name, size_t *len, int *err, const char **why)
{
	struct kc_tree *t = lx->tree;
	char *full, *buf = NULL;
	struct stat st;
	int fd = -1;

	*why = NULL;
	if (!t->allow_outside && name[0] != '/') {
		struct open_how how = { .flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK,
					.resolve = RESOLVE_BENEATH };

		if (lx->tree_fd < 0)
			lx->tree_fd = open(t->srctree, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (lx->tree_fd >= 0) {
			fd = (int)syscall(SYS_openat2, lx->tree_fd, name, &how, sizeof(how));
			if (fd < 0 && errno == EXDEV) {
				*why = outside_msg;
				return NULL;
			}
			if (fd < 0 && errno != ENOSYS && errno != EPERM && errno != EINVAL) {
				*err = errno;
				return NULL;
			}
		}
	}
	full = name[0] == '/' ? kc_xstrdup(name) : kc_xasprintf("%s/%s", t->srctree, name);
	if (fd < 0) {
		if (!t->allow_outside && escapes_tree(t, full)) {
			*why = outside_msg;
			free(full);
			return NULL;
		}
		fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	}
	free(full);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	/* a FIFO or a device in a hostile tree would block or never end */
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		*why = "is not a regular file";
		close(fd);
		return NULL;
	}
	*err = read_fd(fd, &buf, len);
	close(fd);
	return buf;
}

/* 7.x: sourcing a file a second time is an error, with where it came in first. */
static bool
repeated(struct kc_lexer *lx, const char *name, const char *pfile, int source_line)
{
	struct file_ent *e = file_find(lx, name);

	if (!e)
		return false;
	kc_diag_add(lx->tree, KC_ERROR, pfile, source_line, 0, "repeated inclusion of %s", name);
	if (e->parent)
		kc_diag_add(lx->tree, KC_NOTE, e->parent, e->parent_line, 0,
			    "location of first inclusion of %s", name);
	lx->nerrors++;
	return true;
}

static bool
open_file(struct kc_lexer *lx, const char *name, int source_line, bool optional)
{
	struct kc_tree *t = lx->tree;
	struct kc_lexfile *f;
	const char *why, *pfile = lx->cur ? lx->cur->name : NULL;
	char *buf;
	size_t len = 0;
	int err = 0;

	if (!lx->cur && t->top_text) {
		why = NULL;
		buf = kc_xstrndup(t->top_text, t->top_len);
		len = t->top_len;
		goto have_buf;
	}
	buf = read_tree_file(lx, name, &len, &err, &why);
	if (why) {
		kc_diag_add(t, KC_ERROR, pfile, source_line, 0, "'%s' %s", name, why);
		lx->nerrors++;
		return false;
	}
	if (buf && len > KC_MAX_KCONFIG_FILE) {
		kc_diag_add(t, KC_ERROR, name, 0, 0, "file larger than %d MiB",
			    KC_MAX_KCONFIG_FILE >> 20);
		free(buf);
		lx->nerrors++;
		return false;
	}
have_buf:
	if (!buf) {
		if (optional)
			return true;
		if (pfile)
			kc_diag_add(t, KC_ERROR, pfile, source_line, 0,
				    "can't open file \"%s\": %s", name, strerror(err));
		else
			kc_diag_add(t, KC_ERROR, NULL, 0, 0, "can't find file %s: %s", name,
				    strerror(err));
		lx->nerrors++;
		return false;
	}
	if (memchr(buf, 0, len)) {
		kc_diag_add(t, KC_ERROR, name, 0, 0, "binary file (contains a NUL byte)");
		free(buf);
		lx->nerrors++;
		return false;
	}
	if (kc_lang_has(t, KC_LANG_STRICT) && lx->cur && repeated(lx, name, pfile, source_line)) {
		free(buf);
		return false;
	}
	for (f = lx->cur; f; f = f->parent) {
		if (strcmp(f->name, name))
			continue;
		kc_diag_add(t, KC_ERROR, pfile, source_line, 0,
			    "recursive inclusion of \"%s\"", name);
		free(buf);
		lx->nerrors++;
		return false;
	}
	if (lx->depth >= MAX_SOURCE_DEPTH) {
		kc_diag_add(t, KC_ERROR, pfile, source_line, 0,
			    "source nesting deeper than %d", MAX_SOURCE_DEPTH);
		free(buf);
		lx->nerrors++;
		return false;
	}
	f = kc_xcalloc(1, sizeof(*f));
	f->buf = buf;
	f->len = len;
	f->name = file_intern(lx, name);
	if (!file_find(lx, name)->parent_line) {
		file_find(lx, name)->parent = pfile;
		file_find(lx, name)->parent_line = source_line;
	}
	f->lineno = 1;
	f->source_line = source_line;
	f->parent = lx->cur;
	lx->cur = f;
	lx->depth++;
	return true;
}

bool
kc_lex_open_top(struct kc_lexer *lx, const char *name)
{
	return open_file(lx, name, 0, false);
}

bool
kc_lex_push(struct kc_lexer *lx, const char *name, bool optional)
{
	return open_file(lx, name, lx->cur_line, optional);
}

int
kc_lex_lineno(const struct kc_lexer *lx)
{
	return lx->cur ? lx->cur->lineno : 0;
}

const char *
kc_lex_filename(const struct kc_lexer *lx)
{
	return lx->cur ? lx->cur->name : NULL;
}

static void
set_text(struct kc_lexer *lx, char *s)
{
	free(lx->text);
	lx->text = s;
}

/* [A-Za-z0-9_-], the characters of a word, without the locale's tables. */
static bool
is_n(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* Copy of the rest of the current line from pos (without the newline). */
static char *
rest_of_line(struct kc_lexfile *f, size_t pos)
{
	const char *s = f->buf + pos, *nl = strchr(s, '\n');

	return kc_xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
}

static void
warn(struct kc_lexer *lx, int line, const char *fmt, const char *arg)
{
	kc_diag_add(lx->tree, KC_WARNING, lx->cur ? lx->cur->name : NULL, line, 0, fmt, arg);
}

/* A token containing '$': expand it; the unexpanded rest stays in the input. */
static int
lex_dollar_word(struct kc_lexer *lx, size_t start)
{
	struct kc_lexfile *f = lx->cur;
	char *line = rest_of_line(f, start), *out;
	const char *p = line;

	kc_pp_set_pos(lx->tree->pp, f->name, f->lineno);
	out = kc_pp_expand_token(lx->tree->pp, &p);
	f->pos = start + (size_t)(p - line);
	free(line);
	if (out[0]) {
		set_text(lx, out);
		return T_WORD;
	}
	free(out);
	return -1;
}

static int
lex_string(struct kc_lexer *lx, char quote)
{
	struct kc_lexfile *f = lx->cur;
	struct kc_buf b = { 0 };
	char c;

	kc_buf_puts(&b, "");
	for (;;) {
		c = f->buf[f->pos];
		if (c == 0) {
			break;
		} else if (c == '$') {
			char *line = rest_of_line(f, f->pos + 1), *res;
			const char *p = line;

			kc_pp_set_pos(lx->tree->pp, f->name, f->lineno);
			res = kc_pp_expand_dollar(lx->tree->pp, &p);
			f->pos += 1 + (size_t)(p - line);
			kc_buf_puts(&b, res);
			free(res);
			free(line);
		} else if (c == '\\') {
			f->pos++;
			if (f->buf[f->pos] && f->buf[f->pos] != '\n')
				kc_buf_putc(&b, f->buf[f->pos++]);
		} else if (c == '"' || c == '\'') {
			f->pos++;
			if (c == quote)
				break;
			kc_buf_putc(&b, c);
		} else if (c == '\n') {
			warn(lx, lx->cur_line, "multi-line strings not supported%s", "");
			break;
		} else {
			/* a run of plain characters at once */
			size_t run = strcspn(f->buf + f->pos, "$\\\"'\n");

			kc_buf_add(&b, f->buf + f->pos, run);
			f->pos += run;
		}
	}
	set_text(lx, kc_buf_steal(&b));
	return T_WORD_QUOTE;
}

static int
lex_assign_val(struct kc_lexer *lx)
{
	struct kc_lexfile *f = lx->cur;

	for (;;) {
		char c = f->buf[f->pos];

		if (c == 0)
			return T_EOF;
		if (c == '\n') {
			f->pos++;
			f->lineno++;
			f->line_start = f->pos;
			lx->assign_val = false;
			return T_EOL;
		}
		if (c == ' ' || c == '\t') {
			f->pos++;
			continue;
		}
		set_text(lx, rest_of_line(f, f->pos));
		f->pos += strlen(lx->text);
		return T_ASSIGN_VAL;
	}
}

/* First stage: one raw token, T_EOF at the end of the current file. */
static int
lex1(struct kc_lexer *lx)
{
	struct kc_lexfile *f;
	size_t start;
	char c;

again:
	f = lx->cur;
	if (!f)
		return T_EOF;
	if (lx->assign_val)
		return lex_assign_val(lx);
	c = f->buf[f->pos];
	lx->tok_line = f->lineno;
	lx->tok_col = (int)(f->pos - f->line_start) + 1;
	switch (c) {
	case 0:
		return T_EOF;
	case '#': {
		const char *nl = strchr(f->buf + f->pos, '\n');

		f->pos = nl ? (size_t)(nl - f->buf) : f->len;
		goto again;
	}
	case ' ':
	case '\t':
		f->pos++;
		goto again;
	case '\\':
		if (f->buf[f->pos + 1] == '\n') {
			f->pos += 2;
			f->lineno++;
			f->line_start = f->pos;
			goto again;
		}
		break;
	case '\n':
		lx->tok_line = f->lineno;
		lx->tok_col = (int)(f->pos - f->line_start) + 1;
		f->pos++;
		f->lineno++;
		f->line_start = f->pos;
		return T_EOL;
	case '"':
	case '\'':
		f->pos++;
		return lex_string(lx, c);
	}
	start = f->pos;
#define TWO(a, b, tok) if (c == (a) && f->buf[f->pos + 1] == (b)) { f->pos += 2; return tok; }
	TWO('|', '|', T_OR)
	TWO('&', '&', T_AND)
	TWO('!', '=', T_UNEQUAL)
	TWO('<', '=', T_LESS_EQUAL)
	TWO('>', '=', T_GREATER_EQUAL)
	TWO(':', '=', T_COLON_EQUAL)
	TWO('+', '=', T_PLUS_EQUAL)
#undef TWO
	switch (c) {
	case '=': f->pos++; return T_EQUAL;
	case '<': f->pos++; return T_LESS;
	case '>': f->pos++; return T_GREATER;
	case '!': f->pos++; return T_NOT;
	case '(': f->pos++; return T_OPEN_PAREN;
	case ')': f->pos++; return T_CLOSE_PAREN;
	}
	if (is_n(c) || c == '$') {
		bool dollar = false;
		size_t end = start;
		int tok;

		while (is_n(f->buf[end]) || f->buf[end] == '$') {
			if (f->buf[end] == '$')
				dollar = true;
			end++;
		}
		if (dollar) {
			tok = lex_dollar_word(lx, start);
			if (tok < 0)
				goto again;
			return tok;
		}
		f->pos = end;
		/* keywords are lower case, symbol names mostly upper case */
		if (c >= 'a' && c <= 'z' && (tok = keyword(f->buf + start, end - start)) >= 0)
			return tok;
		if ((tok = versioned_keyword(lx, f->buf + start, end - start)) >= 0)
			return tok;
		set_text(lx, kc_xstrndup(f->buf + start, end - start));
		return T_WORD;
	}
	f->pos++;
	if (isprint((unsigned char)c)) {
		char s[2] = { c, 0 };

		warn(lx, f->lineno, "ignoring unsupported character '%s'", s);
	} else {
		char s[8];

		snprintf(s, sizeof(s), "\\x%02x", (unsigned char)c);
		warn(lx, f->lineno, "ignoring unsupported character '%s'", s);
	}
	goto again;
}

int
kc_lex_next(struct kc_lexer *lx)
{
	int tok;

repeat:
	tok = lex1(lx);
	if (tok == T_EOF) {
		lx->assign_val = false;
		if (!lx->cur)
			return T_EOF;
		if (lx->prev_token != T_EOL && lx->prev_token != T_HELPTEXT)
			warn(lx, lx->cur->lineno, "no new line at end of file%s", "");
		if (lx->cur->parent) {
			pop_file(lx);
			tok = T_EOL;
		} else {
			return T_EOF;
		}
	}
	if (lx->prev_token == T_EOL || lx->prev_token == T_HELPTEXT) {
		if (tok == T_EOL)
			goto repeat;
		lx->cur_line = lx->cur->lineno;
		lx->cur_file = lx->cur->name;
	}
	if (lx->prev_prev_token == T_EOL && lx->prev_token == T_WORD &&
	    (tok == T_EQUAL || tok == T_COLON_EQUAL || tok == T_PLUS_EQUAL))
		lx->assign_val = true;
	lx->prev_prev_token = lx->prev_token;
	lx->prev_token = tok;
	return tok;
}

static void
append_spaces(struct kc_buf *b, int n)
{
	while (n-- > 0)
		kc_buf_putc(b, ' ');
}

/* Help text: lines indented at least as much as the first, tabs at 8. */
int
kc_lex_help(struct kc_lexer *lx)
{
	struct kc_lexfile *f = lx->cur;
	struct kc_buf b = { 0 };
	int first_ts = 0, last_ts = 0;

	kc_buf_puts(&b, "");
	while (f && f->buf[f->pos]) {
		const char *s = f->buf + f->pos;
		size_t ws = strspn(s, " \t");

		if (s[ws] == '\n') {
			/* blank line: ends the help if the next line is not indented */
			char next = s[ws + 1];

			f->pos += ws + 1;
			f->lineno++;
			f->line_start = f->pos;
			if (next && next != ' ' && next != '\t' && next != '\n')
				break;
			kc_buf_putc(&b, '\n');
			continue;
		}
		if (ws) {
			int ts = 0;
			size_t i;

			for (i = 0; i < ws; i++)
				ts = s[i] == '\t' ? (ts & ~7) + 8 : ts + 1;
			last_ts = ts;
			f->pos += ws;
			if (first_ts) {
				if (ts < first_ts)
					break;
				append_spaces(&b, ts - first_ts);
			}
		}
		if (!f->buf[f->pos])
			break;
		{
			const char *t = f->buf + f->pos, *nl = strchr(t, '\n');
			size_t n = nl ? (size_t)(nl - t) : strlen(t), adv = n;

			while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
				n--;
			kc_buf_add(&b, t, n);
			f->pos += adv;
			if (!first_ts)
				first_ts = last_ts;
		}
	}
	set_text(lx, kc_buf_steal(&b));
	lx->prev_prev_token = lx->prev_token;
	lx->prev_token = T_HELPTEXT;
	return T_HELPTEXT;
}
