/* settings.c - a list of settings from distro files: applied to a tree as the distro applies them, each given its verdict by the distro's rule. */
#include "config.h"

#include "kexplore/settings.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kexplore/kconfig.h"
#include "util.h"
#include "settings-private.h"

const char *
kc_form_name(enum kc_form f)
{
	static const char *const names[] = { "auto", "kconfig", "nix", "guix" };

	return f <= KC_FORM_GUIX ? names[f] : "?";
}

enum kc_form
kc_form_parse(const char *name)
{
	enum kc_form f;

	for (f = KC_FORM_KCONFIG; f <= KC_FORM_GUIX; f++)
		if (!strcmp(name, kc_form_name(f)))
			return f;
	return KC_FORM_AUTO;
}

const char *
kc_verdict_name(enum kc_verdict v)
{
	static const char *const names[] = { "taken", "not taken", "unknown symbol",
					      "not evaluated", "skipped" };

	return v <= KC_V_SKIPPED ? names[v] : "?";
}

struct kc_settings *
kc_settings_new(const char *kernel_version)
{
	struct kc_settings *s = kc_xcalloc(1, sizeof(*s));

	s->version = kc_xstrdup(kernel_version ? kernel_version : "");
	return s;
}

void
kc_settings_free(struct kc_settings *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nowned; i++)
		free(s->owned[i]);
	free(s->owned);
	free(s->v);
	free(s->version);
	free(s->error);
	free(s);
}

const char *
kc_settings_own(struct kc_settings *s, char *str)
{
	if (s->nowned == s->capowned) {
		s->capowned = s->capowned ? s->capowned * 2 : 64;
		s->owned = kc_xrealloc(s->owned, s->capowned * sizeof(*s->owned));
	}
	s->owned[s->nowned++] = str;
	return str;
}

struct kc_setting *
kc_settings_add(struct kc_settings *s, const char *name, enum kc_form form, const char *file,
		int line)
{
	struct kc_setting *st;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = kc_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	st = &s->v[s->n++];
	memset(st, 0, sizeof(*st));
	if (!strncmp(name, "CONFIG_", 7))
		name += 7;
	st->name = kc_settings_own(s, kc_xstrdup(name));
	st->form = form;
	st->file = kc_settings_own(s, kc_xstrdup(file));
	st->line = line;
	return st;
}

void
kc_settings_set_error(struct kc_settings *s, const char *file, int line, const char *msg)
{
	free(s->error);
	s->error = kc_xasprintf("%s:%d: %s", file, line, msg);
}

const char *
kc_settings_error(const struct kc_settings *s)
{
	return s->error;
}

size_t
kc_settings_n(const struct kc_settings *s)
{
	return s->n;
}

struct kc_setting *
kc_settings_get(const struct kc_settings *s, size_t i)
{
	return i < s->n ? &s->v[i] : NULL;
}

static bool
looks_like(const char *text, size_t len, const char *what)
{
	size_t i = 0;

	while (i < len) {
		while (i < len && isspace((unsigned char)text[i]))
			i++;
		if (i < len && (text[i] == '#' || text[i] == ';')) {
			if (!strcmp(what, "guix") && text[i] == '#' && i + 1 < len && text[i + 1] == '|')
				return true;
			while (i < len && text[i] != '\n')
				i++;
			continue;
		}
		break;
	}
	if (i >= len)
		return false;
	if (!strcmp(what, "guix"))
		return text[i] == '(' || text[i] == '`' || text[i] == '\'';
	return text[i] == '{' || !strncmp(text + i, "with ", 5) || !strncmp(text + i, "let", 3);
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

enum kc_status
kc_settings_parse(struct kc_settings *s, const char *path, const char *text, size_t len,
		  enum kc_form form)
{
	if (form == KC_FORM_AUTO) {
		if (ends_with(path, ".nix") || looks_like(text, len, "nix"))
			form = KC_FORM_NIX;
		else if (ends_with(path, ".scm") || looks_like(text, len, "guix"))
			form = KC_FORM_GUIX;
		else
			form = KC_FORM_KCONFIG;
	}
	switch (form) {
	case KC_FORM_NIX:
		return kc_settings_parse_nix(s, path, text, len);
	case KC_FORM_GUIX:
		return kc_settings_parse_guix(s, path, text, len);
	default:
		return kc_settings_parse_kconfig(s, path, text, len);
	}
}

/* ---- applying ------------------------------------------------------------ */

static bool
is_tri(const struct kc_symbol *sym)
{
	return kc_sym_type(sym) == KC_BOOL || kc_sym_type(sym) == KC_TRISTATE;
}

/*
 * The line the distro hands to conf. Guix's config->string quotes every
 * string, also for int/hex symbols (conf then refuses it); nixpkgs answers
 * conf's prompt with the bare text, which for a string symbol is the value.
 */
static char *
want_line(const struct kc_setting *st, const struct kc_symbol *sym)
{
	struct kc_buf b = { 0 };
	bool str = sym && kc_sym_type(sym) == KC_STRING;

	if (!st->freeform && !strcmp(st->value, "n") && st->form != KC_FORM_GUIX)
		kc_buf_printf(&b, "# CONFIG_%s is not set", st->name);
	else {
		kc_buf_printf(&b, "CONFIG_%s=", st->name);
		if (st->freeform && (str || st->form == KC_FORM_GUIX))
			kc_buf_put_quoted(&b, st->value);
		else
			kc_buf_puts(&b, st->value);
	}
	return kc_buf_steal(&b);
}

static char *
got_line(struct kc_symbol *sym)
{
	struct kc_buf b = { 0 };

	kc_put_assignment(&b, sym, kc_sym_string(sym));
	return kc_buf_steal(&b);
}

/* The value side of a line, as Guix's verify-config compares it. */
static const char *
line_value(const char *line)
{
	const char *eq = line ? strchr(line, '=') : NULL;

	return line && line[0] == '#' ? NULL : eq ? eq + 1 : NULL;
}

static enum kc_verdict
judge(const struct kc_setting *st)
{
	bool no_line_is_n = st->sym && is_tri(st->sym);

	switch (st->form) {
	case KC_FORM_NIX:
		if (!st->got)
			return KC_V_NOT_TAKEN;
		return !strcmp(st->got, st->value) ? KC_V_TAKEN : KC_V_NOT_TAKEN;
	case KC_FORM_GUIX: {
		const char *w = line_value(st->want_line), *g = line_value(st->got_line);

		if (!w || !strcmp(w, "n"))	/* #f: met by "is not set" and by no line */
			return !g ? KC_V_TAKEN : KC_V_NOT_TAKEN;
		return g && !strcmp(w, g) ? KC_V_TAKEN : KC_V_NOT_TAKEN;
	}
	default:
		if (!st->got)
			return no_line_is_n && !strcmp(st->value, "n") ? KC_V_TAKEN : KC_V_NOT_TAKEN;
		return !strcmp(st->got, st->value) ? KC_V_TAKEN : KC_V_NOT_TAKEN;
	}
}

/*
 * One file's lines, each on its own line number in the buffer, so that the
 * engine's "set in the config (FILE:LINE)" points into the user's file.
 * Return the index of the first setting of the next file.
 */
static size_t
merge_file(struct kc_settings *s, struct kc_tree *tree, size_t i)
{
	const char *file = s->v[i].file;
	struct kc_buf frag = { 0 };
	int line = 1;

	for (; i < s->n && !strcmp(s->v[i].file, file); i++) {
		struct kc_setting *st = &s->v[i];
		struct kc_symbol *sym = kc_sym_find(tree, st->name);

		st->sym = sym && kc_sym_defined(sym) ? sym : NULL;
		if (!st->value)
			continue;
		st->want_line = kc_settings_own(s, want_line(st, st->sym));
		for (; line < st->line; line++)
			kc_buf_putc(&frag, '\n');
		kc_buf_printf(&frag, "%s\n", st->want_line);
		line++;
	}
	kc_buf_puts(&frag, "");
	kc_config_merge_buf(tree, file, frag.s, frag.len);
	kc_buf_free(&frag);
	return i;
}

void
kc_settings_apply(struct kc_settings *s, struct kc_tree *tree)
{
	size_t i;

	for (i = 0; i < s->n;)
		i = merge_file(s, tree, i);
	kc_tree_clear_diags(tree);
	for (i = 0; i < s->n; i++) {
		struct kc_setting *st = &s->v[i];

		if (!st->value) {
			st->verdict = st->note && !strncmp(st->note, "skipped", 7) ? KC_V_SKIPPED
										 : KC_V_UNEVALUATED;
			continue;
		}
		if (st->sym && kc_sym_written(st->sym)) {
			st->got = kc_settings_own(s, kc_xstrdup(kc_sym_string(st->sym)));
			st->got_line = kc_settings_own(s, got_line(st->sym));
		}
		st->verdict = st->sym ? judge(st) : KC_V_UNKNOWN;
	}
}

static void
json_setting(struct kc_buf *b, const struct kc_setting *st)
{
	kc_buf_puts(b, "{\"name\": ");
	kc_buf_put_json(b, st->name);
	kc_buf_puts(b, ", \"form\": ");
	kc_buf_put_json(b, kc_form_name(st->form));
	kc_buf_puts(b, ", \"file\": ");
	kc_buf_put_json(b, st->file);
	kc_buf_printf(b, ", \"line\": %d, \"value\": ", st->line);
	kc_buf_put_json(b, st->value);
	kc_buf_printf(b, ", \"optional\": %s, \"verdict\": ", st->optional ? "true" : "false");
	kc_buf_put_json(b, kc_verdict_name(st->verdict));
	kc_buf_puts(b, ", \"got\": ");
	kc_buf_put_json(b, st->got);
	kc_buf_puts(b, ", \"note\": ");
	kc_buf_put_json(b, st->note);
	kc_buf_putc(b, '}');
}

char *
kc_settings_json(const struct kc_settings *s)
{
	struct kc_buf b = { 0 };
	size_t i;

	kc_buf_puts(&b, "[");
	for (i = 0; i < s->n; i++) {
		kc_buf_puts(&b, i ? ",\n " : "\n ");
		json_setting(&b, &s->v[i]);
	}
	kc_buf_puts(&b, "\n]\n");
	return kc_buf_steal(&b);
}

/* ---- versions, as Nix compares them ---------------------------------------- */

/* The next component: a run of digits or of other characters, '.' and '-' separate. */
static const char *
next_part(const char *p, char *out, size_t max)
{
	size_t n = 0;
	bool digits;

	while (*p == '.' || *p == '-')
		p++;
	digits = isdigit((unsigned char)*p);
	while (*p && *p != '.' && *p != '-' && (isdigit((unsigned char)*p) != 0) == digits) {
		if (n + 1 < max)
			out[n++] = *p;
		p++;
	}
	out[n] = 0;
	return p;
}

static int
cmp_part(const char *a, const char *b)
{
	bool da = isdigit((unsigned char)a[0]), db = isdigit((unsigned char)b[0]);

	if (da && db) {
		long long x = atoll(a), y = atoll(b);

		return x < y ? -1 : x > y;
	}
	if (!*a || !*b)	/* a missing part is older than any */
		return *a ? 1 : *b ? -1 : 0;
	if (!strcmp(a, "pre"))
		return -1;
	if (!strcmp(b, "pre"))
		return 1;
	if (da != db)
		return da ? 1 : -1;
	return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
}

int
kc_compare_versions(const char *a, const char *b)
{
	char pa[64], pb[64];
	int c;

	while (*a || *b) {
		a = next_part(a, pa, sizeof(pa));
		b = next_part(b, pb, sizeof(pb));
		if (!*pa && !*pb)
			break;
		c = cmp_part(pa, pb);
		if (c)
			return c;
	}
	return 0;
}
