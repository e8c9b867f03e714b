/* settings-parse.c - readers for the forms users keep kernel settings in: a Kconfig fragment, a NixOS structuredExtraConfig attrset, a Guix extra-options alist. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "settings-private.h"

/* ---- Kconfig fragment -------------------------------------------------------- */

/* A quoted .config value without its quotes and escapes (caller frees). */
static char *
unquote(const char *p)
{
	struct kc_buf b = { 0 };

	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		kc_buf_putc(&b, *p);
	}
	kc_buf_puts(&b, "");
	return kc_buf_steal(&b);
}

/* One line as conf reads it: CONFIG_X=v, CONFIG_X="s", # CONFIG_X is not set. */
static void
kconfig_line(struct kc_settings *s, const char *file, int lineno, const char *line)
{
	const char *p = line, *eq, *end;
	struct kc_setting *st;
	char *name;

	if (!strncmp(p, "# CONFIG_", 9) && (end = strstr(p, " is not set")) && !end[11]) {
		name = kc_xstrndup(p + 2, (size_t)(end - p - 2));
		st = kc_settings_add(s, name, KC_FORM_KCONFIG, file, lineno);
		st->value = "n";
		free(name);
		return;
	}
	if (strncmp(p, "CONFIG_", 7) || !(eq = strchr(p, '=')))
		return;
	name = kc_xstrndup(p, (size_t)(eq - p));
	st = kc_settings_add(s, name, KC_FORM_KCONFIG, file, lineno);
	free(name);
	p = eq + 1;
	if (*p == '"') {
		st->value = kc_settings_own(s, unquote(p));
		st->freeform = true;
		return;
	}
	st->value = kc_settings_own(s, kc_xstrdup(p));
	st->freeform = strcmp(p, "y") && strcmp(p, "m") && strcmp(p, "n");
}

enum kc_status
kc_settings_parse_kconfig(struct kc_settings *s, const char *file, const char *text, size_t len)
{
	char *copy = kc_xstrndup(text, len), *line = copy, *nl;
	int lineno = 0;

	for (; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = 0;
		if (*line && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = 0;
		kconfig_line(s, file, ++lineno, line);
	}
	free(copy);
	return KC_OK;
}

/* ---- tokens (Nix and Scheme) ----------------------------------------------------- */

enum tok_kind { T_END, T_ID, T_STR, T_NUM, T_PUNCT };

struct tok {
	enum tok_kind kind;
	char *text;		/* identifier, string contents, number, punctuation */
	int line;
	bool interpolated;	/* a Nix string with ${...} */
};

struct toks {
	struct tok *v;
	size_t n, cap;
};

static void
tok_add(struct toks *t, enum tok_kind kind, char *text, int line)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = kc_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].kind = kind;
	t->v[t->n].text = text;
	t->v[t->n].line = line;
	t->v[t->n].interpolated = false;
	t->n++;
}

static void
toks_free(struct toks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
}

/* A "..." string with backslash escapes; *p is at the opening quote. */
static const char *
lex_string(const char *p, const char *end, int *line, struct kc_buf *b, bool *interp)
{
	for (p++; p < end && *p != '"'; p++) {
		if (*p == '\\' && p + 1 < end) {
			p++;
			kc_buf_putc(b, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
			continue;
		}
		if (*p == '$' && p + 1 < end && p[1] == '{')
			*interp = true;
		if (*p == '\n')
			(*line)++;
		kc_buf_putc(b, *p);
	}
	kc_buf_puts(b, "");
	return p < end ? p + 1 : p;
}

static bool
nix_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '\'';
}

/*
 * skip_space - past white space and comments: from @line_comment to the end of the line,
 * and from the two characters @open to the two characters @close (Nix: # and slash-star,
 * Scheme: ; and #| |#), counting newlines into @line.
 */
static const char *
skip_space(const char *p, const char *end, int *line, char line_comment, const char *open,
	   const char *close)
{
	while (p < end) {
		if (*p == '\n')
			(*line)++;
		if (isspace((unsigned char)*p)) {
			p++;
		} else if (*p == line_comment) {
			while (p < end && *p != '\n')
				p++;
		} else if (*p == open[0] && p + 1 < end && p[1] == open[1]) {
			for (p += 2; p + 1 < end && !(p[0] == close[0] && p[1] == close[1]); p++)
				if (*p == '\n')
					(*line)++;
			p += 2;
		} else {
			break;
		}
	}
	return p;
}

static const char *
nix_skip_space(const char *p, const char *end, int *line)
{
	return skip_space(p, end, line, '#', "/*", "*/");
}

static void
nix_lex(const char *p, const char *end, struct toks *t)
{
	int line = 1;

	while ((p = nix_skip_space(p, end, &line)) < end) {
		const char *q = p;

		if (*p == '"') {
			struct kc_buf b = { 0 };
			bool interp = false;
			int l0 = line;

			p = lex_string(p, end, &line, &b, &interp);
			tok_add(t, T_STR, kc_buf_steal(&b), l0);
			t->v[t->n - 1].interpolated = interp;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			while (p < end && nix_id_char(*p))
				p++;
			tok_add(t, T_ID, kc_xstrndup(q, (size_t)(p - q)), line);
		} else if (isdigit((unsigned char)*p)) {
			while (p < end && (isalnum((unsigned char)*p) || *p == '.'))
				p++;
			tok_add(t, T_NUM, kc_xstrndup(q, (size_t)(p - q)), line);
		} else {
			p += (p + 1 < end && ((p[0] == '/' && p[1] == '/') || (p[0] == '+' && p[1] == '+') ||
					       (p[0] == '&' && p[1] == '&') || (p[0] == '|' && p[1] == '|'))) ? 2 : 1;
			tok_add(t, T_PUNCT, kc_xstrndup(q, (size_t)(p - q)), line);
		}
	}
	tok_add(t, T_END, kc_xstrdup(""), line);
}

static bool
is_punct(const struct tok *k, const char *p)
{
	return k->kind == T_PUNCT && !strcmp(k->text, p);
}

static bool
is_id(const struct tok *k, const char *id)
{
	return k->kind == T_ID && !strcmp(k->text, id);
}

static bool
opens(const struct tok *k)
{
	return is_punct(k, "(") || is_punct(k, "[") || is_punct(k, "{");
}

static bool
closes(const struct tok *k)
{
	return is_punct(k, ")") || is_punct(k, "]") || is_punct(k, "}");
}

/* The index after the group or single token at @i. */
static size_t
skip_atom(const struct toks *t, size_t i)
{
	int depth = 0;

	do {
		if (t->v[i].kind == T_END)
			return i;
		if (opens(&t->v[i]))
			depth++;
		else if (closes(&t->v[i]))
			depth--;
		i++;
	} while (depth > 0);
	return i;
}

/* The index of the ';' ending the binding that starts at @i (or of the closing '}'). */
static size_t
binding_end(const struct toks *t, size_t i)
{
	while (t->v[i].kind != T_END && !is_punct(&t->v[i], ";") && !closes(&t->v[i]))
		i = skip_atom(t, i);
	return i;
}

/* ---- Nix values -------------------------------------------------------------------- */

enum nval_kind { NV_VALUE, NV_ABSENT, NV_UNSET, NV_UNEVAL };

struct nval {
	enum nval_kind kind;
	const char *value;	/* NV_VALUE: "y"/"m"/"n" or the freeform text (borrowed from tokens) */
	bool freeform, optional, forced;
	char *why;		/* NV_UNEVAL / NV_ABSENT: the reason (owned) */
};

struct nix {
	struct kc_settings *s;
	const struct toks *t;
	const char *file;
	int depth;		/* nesting of nix_eval, bounded against hostile input */
};

static void nix_eval(struct nix *nx, size_t i, size_t end, struct nval *out);

static char *
tokens_text(const struct toks *t, size_t i, size_t end)
{
	struct kc_buf b = { 0 };

	for (; i < end && t->v[i].kind != T_END; i++) {
		if (b.len && !is_punct(&t->v[i], ".") && !is_punct(&t->v[i - 1], "."))
			kc_buf_putc(&b, ' ');
		if (t->v[i].kind == T_STR)
			kc_buf_printf(&b, "\"%s\"", t->v[i].text);
		else
			kc_buf_puts(&b, t->v[i].text);
		if (b.len > 60) {
			kc_buf_puts(&b, " ...");
			break;
		}
	}
	kc_buf_puts(&b, "");
	return kc_buf_steal(&b);
}

static void
uneval(struct nval *out, const char *fmt, const char *arg)
{
	out->kind = NV_UNEVAL;
	free(out->why);
	out->why = kc_xasprintf(fmt, arg);
}

/* The last component of a dotted name: lib.kernel.yes -> yes; the index after it. */
static size_t
dotted_name(const struct toks *t, size_t i, const char **name)
{
	*name = t->v[i].text;
	while (is_punct(&t->v[i + 1], ".") && t->v[i + 2].kind == T_ID) {
		i += 2;
		*name = t->v[i].text;
	}
	return i + 1;
}

/* Split the arguments of an application into [start, end) ranges; return how many. */
static size_t
nix_args(const struct toks *t, size_t i, size_t end, size_t *starts, size_t *ends, size_t max)
{
	size_t n = 0;

	while (i < end && n < max) {
		starts[n] = i;
		if (t->v[i].kind == T_ID) {
			const char *dummy;

			i = dotted_name(t, i, &dummy);
		} else {
			i = skip_atom(t, i);
		}
		ends[n++] = i;
	}
	return i < end ? max + 1 : n;
}

static bool
version_arg(struct nix *nx, size_t i, const char **v)
{
	if (nx->t->v[i].kind == T_STR && !nx->t->v[i].interpolated) {
		*v = nx->t->v[i].text;
		return true;
	}
	return false;
}

/* whenAtLeast V X, whenOlder V X, whenBetween A B X: X when the tree's version fits. */
static void
nix_when(struct nix *nx, const char *fn, size_t *a, size_t *b, size_t nargs, struct nval *out)
{
	const char *lo = NULL, *hi = NULL, *ver = nx->s->version;
	size_t want = !strcmp(fn, "whenBetween") ? 3 : 2;
	bool fits;

	if (nargs != want || !version_arg(nx, a[0], &lo) || (want == 3 && !version_arg(nx, a[1], &hi))) {
		uneval(out, "%s with arguments kexplore cannot read", fn);
		return;
	}
	if (!*ver) {
		uneval(out, "%s: the tree's kernel version is unknown", fn);
		return;
	}
	if (!strcmp(fn, "whenAtLeast"))
		fits = kc_compare_versions(ver, lo) >= 0;
	else if (!strcmp(fn, "whenOlder"))
		fits = kc_compare_versions(ver, lo) < 0;
	else
		fits = kc_compare_versions(ver, lo) >= 0 && kc_compare_versions(ver, hi) < 0;
	if (fits) {
		nix_eval(nx, a[want - 1], b[want - 1], out);
		return;
	}
	out->kind = NV_ABSENT;
	free(out->why);
	out->why = want == 3 ? kc_xasprintf("skipped: %s \"%s\" \"%s\" on Linux %s", fn, lo, hi, ver)
			     : kc_xasprintf("skipped: %s \"%s\" on Linux %s", fn, lo, ver);
}

static bool
same_nval(const struct nval *a, const struct nval *b)
{
	return a->kind == b->kind && a->optional == b->optional &&
	       (a->kind != NV_VALUE || !strcmp(a->value, b->value));
}

/* mkMerge [ A B ... ]: the parts that apply must agree (else the module system fails). */
static void
nix_merge(struct nix *nx, size_t i, size_t end, struct nval *out)
{
	struct nval part;
	bool any = false;
	size_t j;

	if (!is_punct(&nx->t->v[i], "[") || skip_atom(nx->t, i) != end) {
		uneval(out, "%s", "mkMerge of something else than a list");
		return;
	}
	for (j = i + 1; j < end - 1;) {
		const char *dummy;
		size_t k = nx->t->v[j].kind == T_ID ? dotted_name(nx->t, j, &dummy)
						     : skip_atom(nx->t, j);

		memset(&part, 0, sizeof(part));
		nix_eval(nx, j, k, &part);
		j = k;
		if (part.kind == NV_ABSENT) {
			free(part.why);
			continue;
		}
		if (part.kind == NV_UNEVAL || (any && !same_nval(&part, out))) {
			free(out->why);
			*out = part;
			if (part.kind != NV_UNEVAL)
				uneval(out, "%s", "mkMerge of different values");
			return;
		}
		free(out->why);
		*out = part;
		any = true;
	}
	if (!any) {
		out->kind = NV_ABSENT;
		out->why = kc_xstrdup("skipped: no part of mkMerge applies");
	}
}

static bool
nix_constant(const char *fn, struct nval *out)
{
	static const char *const names[][2] = { { "yes", "y" }, { "no", "n" }, { "module", "m" } };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (!strcmp(fn, names[i][0])) {
			out->kind = NV_VALUE;
			out->value = names[i][1];
			return true;
		}
	}
	if (!strcmp(fn, "unset")) {
		out->kind = NV_UNSET;
		return true;
	}
	return false;
}

/* A function of lib.kernel or of the module system, applied to its arguments. */
static void
nix_apply(struct nix *nx, const char *fn, size_t *a, size_t *b, size_t n, size_t i, size_t end,
	  struct nval *out)
{
	if (!n && nix_constant(fn, out))
		return;
	if (!strcmp(fn, "freeform") && n == 1 && nx->t->v[a[0]].kind == T_STR &&
	    !nx->t->v[a[0]].interpolated) {
		out->kind = NV_VALUE;
		out->value = nx->t->v[a[0]].text;
		out->freeform = true;
	} else if (!strcmp(fn, "option") && n == 1) {
		nix_eval(nx, a[0], b[0], out);
		out->optional = true;
	} else if ((!strcmp(fn, "mkForce") || !strcmp(fn, "mkDefault") ||
		    !strcmp(fn, "mkOptionDefault")) && n == 1) {
		nix_eval(nx, a[0], b[0], out);
		out->forced |= !strcmp(fn, "mkForce");
	} else if (!strcmp(fn, "mkOverride") && n == 2) {
		nix_eval(nx, a[1], b[1], out);
		out->forced = true;
	} else if (!strncmp(fn, "when", 4)) {
		nix_when(nx, fn, a, b, n, out);
	} else if (!strcmp(fn, "mkIf") && n == 2 &&
		   (is_id(&nx->t->v[a[0]], "true") || is_id(&nx->t->v[a[0]], "false"))) {
		if (is_id(&nx->t->v[a[0]], "true")) {
			nix_eval(nx, a[1], b[1], out);
			return;
		}
		out->kind = NV_ABSENT;
		out->why = kc_xstrdup("skipped: mkIf false");
	} else if (!strcmp(fn, "mkMerge") && n == 1) {
		nix_merge(nx, a[0], b[0], out);
	} else {
		char *txt = tokens_text(nx->t, i, end);

		uneval(out, "cannot evaluate '%s'", txt);
		free(txt);
	}
}

static void nix_eval_value(struct nix *nx, size_t i, size_t end, struct nval *out);

static void
nix_eval(struct nix *nx, size_t i, size_t end, struct nval *out)
{
	if (nx->depth >= 64) {
		uneval(out, "%s", "nested too deeply");
		return;
	}
	nx->depth++;
	nix_eval_value(nx, i, end, out);
	nx->depth--;
}

static void
nix_eval_value(struct nix *nx, size_t i, size_t end, struct nval *out)
{
	const struct toks *t = nx->t;
	size_t a[4], b[4], n;
	const char *fn;

	if (i >= end) {
		uneval(out, "%s", "empty value");
		return;
	}
	if (is_punct(&t->v[i], "(") && skip_atom(t, i) == end) {
		nix_eval(nx, i + 1, end - 1, out);
		return;
	}
	if (t->v[i].kind == T_STR && i + 1 == end && !t->v[i].interpolated) {
		/* old lib.kernel: yes = "y"; a bare string is the answer itself */
		out->kind = NV_VALUE;
		out->value = t->v[i].text;
		out->freeform = strcmp(out->value, "y") && strcmp(out->value, "m") &&
				strcmp(out->value, "n");
		return;
	}
	if (t->v[i].kind != T_ID) {
		char *txt = tokens_text(t, i, end);

		uneval(out, "cannot evaluate '%s'", txt);
		free(txt);
		return;
	}
	n = nix_args(t, dotted_name(t, i, &fn), end, a, b, 4);
	nix_apply(nx, fn, a, b, n > 4 ? 5 : n, i, end, out);
}

/* One NAME = VALUE; binding of a config attrset. */
static void
nix_binding(struct nix *nx, size_t i, size_t eq, size_t end)
{
	const struct tok *k = &nx->t->v[i];
	struct nval v = { 0 };
	struct kc_setting *st;

	if (eq != i + 1 || (k->kind != T_ID && k->kind != T_STR) || k->interpolated) {
		char *txt = tokens_text(nx->t, i, eq);

		st = kc_settings_add(nx->s, txt, KC_FORM_NIX, nx->file, k->line);
		st->note = kc_settings_own(nx->s, kc_xasprintf("cannot read the name '%s'", txt));
		free(txt);
		return;
	}
	nix_eval(nx, eq + 1, end, &v);
	st = kc_settings_add(nx->s, k->text, KC_FORM_NIX, nx->file, k->line);
	st->optional = v.optional;
	st->forced = v.forced;
	if (v.kind == NV_VALUE) {
		st->value = kc_settings_own(nx->s, kc_xstrdup(v.value));
		st->freeform = v.freeform;
	} else if (v.kind == NV_UNSET) {
		st->note = "skipped: unset (lib.kernel writes no line and checks nothing)";
	} else {
		st->note = kc_settings_own(nx->s, v.why ? v.why : kc_xstrdup("cannot evaluate"));
		v.why = NULL;
	}
	free(v.why);
}

/* The bindings of a config attrset; @i is at '{'. Return the index after '}'. */
static size_t
nix_config_set(struct nix *nx, size_t i)
{
	const struct toks *t = nx->t;
	size_t close = skip_atom(t, i) - 1, j = i + 1, eq, end;

	while (j < close) {
		end = binding_end(t, j);
		for (eq = j; eq < end && !is_punct(&t->v[eq], "="); eq++)
			;
		if (is_id(&t->v[j], "inherit")) {
			struct kc_setting *st = kc_settings_add(nx->s, "inherit", KC_FORM_NIX, nx->file,
								t->v[j].line);

			st->note = "cannot evaluate 'inherit'";
		} else if (eq < end) {
			nix_binding(nx, j, eq, end);
		}
		j = end + 1;
	}
	return close + 1;
}

/* A value meant to be a config attrset: with X; prefixes, then { }, then // { } merges. */
static void
nix_config_value(struct nix *nx, size_t i, size_t end)
{
	const struct toks *t = nx->t;

	while (is_id(&t->v[i], "with")) {
		while (i < end && !is_punct(&t->v[i], ";"))
			i = skip_atom(t, i);
		i++;
	}
	while (i < end) {
		if (is_punct(&t->v[i], "{")) {
			i = nix_config_set(nx, i);
		} else if (is_punct(&t->v[i], "//")) {
			i++;
		} else {
			char *txt = tokens_text(t, i, end);
			struct kc_setting *st = kc_settings_add(nx->s, txt, KC_FORM_NIX, nx->file,
								t->v[i].line);

			st->note = kc_settings_own(nx->s, kc_xasprintf("cannot evaluate '%s' "
				"(settings from elsewhere)", txt));
			free(txt);
			i = t->v[i].kind == T_ID ? dotted_name(t, i, &(const char *){ NULL }) : skip_atom(t, i);
		}
	}
}

static bool
is_config_key(const char *k)
{
	return !strcmp(k, "structuredExtraConfig") || !strcmp(k, "extraStructuredConfig");
}

/* Every NAME = VALUE whose last name is structuredExtraConfig / extraStructuredConfig. */
static size_t
nix_find_keyed(struct nix *nx)
{
	const struct toks *t = nx->t;
	size_t i, found = 0;

	for (i = 0; t->v[i].kind != T_END; i++) {
		if (t->v[i].kind != T_ID || !is_config_key(t->v[i].text) || !is_punct(&t->v[i + 1], "="))
			continue;
		nix_config_value(nx, i + 2, binding_end(t, i + 2));
		found++;
	}
	return found;
}

/* The file's own expression: { lib, ... }: or x: headers and with/let prefixes skipped. */
static size_t
nix_body(const struct toks *t)
{
	size_t i = 0, j;

	if (is_punct(&t->v[0], "{")) {
		j = skip_atom(t, 0);
		if (is_punct(&t->v[j], ":") || is_punct(&t->v[j], "@"))
			i = j + 1;
	} else if (t->v[0].kind == T_ID && is_punct(&t->v[1], ":")) {
		i = 2;
	}
	if (t->v[i].kind == T_ID && is_punct(&t->v[i + 1], "@"))
		i = skip_atom(t, i + 2) + 1;
	return i;
}

enum kc_status
kc_settings_parse_nix(struct kc_settings *s, const char *file, const char *text, size_t len)
{
	struct toks t = { 0 };
	struct nix nx = { s, &t, file, 0 };
	size_t i, depth = 0;

	nix_lex(text, text + len, &t);
	for (i = 0; i < t.n; i++) {
		depth += opens(&t.v[i]);
		if (closes(&t.v[i]) && depth-- == 0)
			break;
	}
	if (depth || i < t.n) {
		kc_settings_set_error(s, file, i < t.n ? t.v[i].line : t.v[t.n - 1].line,
				      "unbalanced brackets: not a Nix expression");
		toks_free(&t);
		return KC_EPARSE;
	}
	if (!nix_find_keyed(&nx)) {
		i = nix_body(&t);
		if (!is_punct(&t.v[i], "{") && !is_id(&t.v[i], "with")) {
			kc_settings_set_error(s, file, t.v[i].line,
					      "expected an attribute set of kernel options "
					      "({ NAME = yes; ... }) or structuredExtraConfig = { ... }");
			toks_free(&t);
			return KC_EPARSE;
		}
		nix_config_value(&nx, i, t.n - 1);
	}
	toks_free(&t);
	return KC_OK;
}

/* ---- Guix ---------------------------------------------------------------------------- */

static const char *
scm_skip_space(const char *p, const char *end, int *line)
{
	return skip_space(p, end, line, ';', "#|", "|#");
}

static bool
scm_delim(char c)
{
	return isspace((unsigned char)c) || c == '(' || c == ')' || c == '[' || c == ']' ||
	       c == '"' || c == ';';
}

static void
scm_lex(const char *p, const char *end, struct toks *t)
{
	int line = 1;

	while ((p = scm_skip_space(p, end, &line)) < end) {
		const char *q = p;

		if (*p == '"') {
			struct kc_buf b = { 0 };
			bool interp = false;
			int l0 = line;

			p = lex_string(p, end, &line, &b, &interp);
			tok_add(t, T_STR, kc_buf_steal(&b), l0);
		} else if (strchr("()[]'`", *p)) {
			tok_add(t, T_PUNCT, kc_xstrndup(p, 1), line);
			p++;
		} else if (*p == ',') {
			p += p + 1 < end && p[1] == '@' ? 2 : 1;
			tok_add(t, T_PUNCT, kc_xstrndup(q, (size_t)(p - q)), line);
		} else {
			while (p < end && !scm_delim(*p))
				p++;
			tok_add(t, isdigit((unsigned char)*q) ? T_NUM : T_ID,
				kc_xstrndup(q, (size_t)(p - q)), line);
		}
	}
	tok_add(t, T_END, kc_xstrdup(""), line);
}

/* ( "CONFIG_X" . VALUE ) at @i: one extra-options entry. */
static bool
guix_pair(struct kc_settings *s, const char *file, const struct toks *t, size_t i)
{
	const struct tok *k = &t->v[i + 1], *v = &t->v[i + 3];
	struct kc_setting *st;

	if (!(is_punct(&t->v[i], "(") || is_punct(&t->v[i], "[")) || k->kind != T_STR ||
	    strncmp(k->text, "CONFIG_", 7) || !is_id(&t->v[i + 2], "."))
		return false;
	st = kc_settings_add(s, k->text, KC_FORM_GUIX, file, k->line);
	if (is_id(v, "#t") || is_id(v, "#true")) {
		st->value = "y";
	} else if (is_id(v, "#f") || is_id(v, "#false")) {
		st->value = "n";
	} else if (is_id(v, "m")) {
		st->value = "m";
	} else if (v->kind == T_STR) {
		st->value = kc_settings_own(s, kc_xstrdup(v->text));
		st->freeform = true;
	} else if (is_punct(v, ",") || is_punct(v, "(")) {
		st->note = "cannot evaluate a computed value (unquote or expression)";
	} else {
		st->note = kc_settings_own(s, kc_xasprintf("cannot evaluate '%s': Guix's config->string "
							  "takes #t, #f, m or a string", v->text));
	}
	return true;
}

enum kc_status
kc_settings_parse_guix(struct kc_settings *s, const char *file, const char *text, size_t len)
{
	struct toks t = { 0 };
	size_t i, depth = 0;

	scm_lex(text, text + len, &t);
	for (i = 0; t.v[i].kind != T_END; i++) {
		depth += opens(&t.v[i]);
		if (closes(&t.v[i]) && depth-- == 0) {
			kc_settings_set_error(s, file, t.v[i].line, "unbalanced parentheses: not Scheme");
			toks_free(&t);
			return KC_EPARSE;
		}
		if (is_punct(&t.v[i], ",@") && t.v[i + 1].kind == T_ID) {
			struct kc_setting *st = kc_settings_add(s, t.v[i + 1].text, KC_FORM_GUIX, file,
								t.v[i].line);

			st->note = kc_settings_own(s, kc_xasprintf("cannot evaluate ',@%s': options spliced "
								  "in from elsewhere", t.v[i + 1].text));
			continue;
		}
		if (i + 4 < t.n && guix_pair(s, file, &t, i))
			i += 3;
	}
	if (depth)
		kc_settings_set_error(s, file, t.v[i].line, "unbalanced parentheses: not Scheme");
	toks_free(&t);
	return depth ? KC_EPARSE : KC_OK;
}
