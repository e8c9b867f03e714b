/* cmd-diff.c - `kexplore diff`: configs side by side, by menu, with what each value means. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <getopt.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/cfgdiff.h"
#include "kexplore/json.h"

enum diff_format { FMT_TEXT, FMT_JSON, FMT_MARKDOWN, FMT_CSV };

struct diff_opts {
	bool choices_only, common, stats;
	enum diff_format fmt;
	pcre2_code *menu_re, *grep_re;
	pcre2_match_data *md;
};

/* What is printed: the rows that pass the options, with their menu paths. */
struct shown {
	struct kc_tree *tree;
	struct kc_cfgdiff *d;
	const struct diff_opts *o;
	size_t n;
	const struct kc_diff_row **rows;
	const char **paths;	/* per shown row: its menu path, " > " between menus */
	char **owned;		/* the path strings */
	size_t nowned, ncols;
	struct kc_json *json;	/* --stats --json: the output being written */
};

#define TEXT_VALUE_MAX 28	/* longer values are cut in the aligned text output */
#define TEXT_ROOTS_MAX 3	/* roots named after a derived row in text output */

/* ---- options ------------------------------------------------------------ */

static pcre2_code *
compile_re(const char *what, const char *pat)
{
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS,
				       &err, &off, NULL);

	if (!re) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		kx_usage_error("diff", "%s '%s': %s at offset %zu", what, pat, (char *)msg,
			       (size_t)off);
	}
	return re;
}

static bool
re_match(const struct diff_opts *o, pcre2_code *re, const char *s)
{
	return s && pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0, o->md, NULL) >= 0;
}

static void
set_format(struct diff_opts *o, enum diff_format f)
{
	if (o->fmt != FMT_TEXT && o->fmt != f)
		kx_usage_error("diff", "--json, --markdown and --csv exclude each other");
	o->fmt = f;
}

/* Parse the options; the config files are left in argv[*first..argc). */
static void
parse_opts(int argc, char **argv, struct diff_opts *o, int *first)
{
	enum { O_CHOICES = 256, O_MENU, O_GREP, O_COMMON, O_STATS, O_JSON, O_MD, O_CSV };
	static const struct option longopts[] = {
		{ "choices-only", no_argument, NULL, O_CHOICES },
		{ "menu", required_argument, NULL, O_MENU },
		{ "grep", required_argument, NULL, O_GREP },
		{ "common", no_argument, NULL, O_COMMON },
		{ "stats", no_argument, NULL, O_STATS },
		{ "json", no_argument, NULL, O_JSON },
		{ "markdown", no_argument, NULL, O_MD },
		{ "csv", no_argument, NULL, O_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;	/* full reset: main() parsed with "+" */
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case O_CHOICES: o->choices_only = true; break;
		case O_MENU: o->menu_re = compile_re("--menu", optarg); break;
		case O_GREP: o->grep_re = compile_re("--grep", optarg); break;
		case O_COMMON: o->common = true; break;
		case O_STATS: o->stats = true; break;
		case O_JSON: set_format(o, FMT_JSON); break;
		case O_MD: set_format(o, FMT_MARKDOWN); break;
		case O_CSV: set_format(o, FMT_CSV); break;
		case 'h':
			cmd_help_for("diff");
			exit(KX_EXIT_OK);
		default:
			kx_usage_error("diff", "bad option");
		}
	}
	o->md = pcre2_match_data_create(4, NULL);
	*first = optind;
}

/* ---- loading ------------------------------------------------------------ */

/* The engine's diagnostics, less "unknown symbol" warnings (those are listed);
 * the ones tied to no file are about the config just read: @name. */
static void
print_diags(struct kc_tree *tree, const char *name)
{
	size_t i, n = kc_tree_ndiags(tree);

	for (i = 0; i < n; i++) {
		const struct kc_diag *d = kc_tree_diag(tree, i);
		char *s;

		if ((d->level == KC_NOTE && !kx.verbose) || (d->level == KC_WARNING && kx.quiet))
			continue;
		if (!strncmp(d->message, "unknown symbol: ", 16) && !kx.verbose)
			continue;
		s = kc_diag_format(d);
		fprintf(stderr, "%s%s%s\n", d->file || !name ? "" : name, d->file || !name ? "" : ": ", s);
		free(s);
	}
	kc_tree_clear_diags(tree);
}

static void
add_config(struct kc_cfgdiff *d, struct kc_tree *tree, const char *path)
{
	enum kc_status st = kc_cfgdiff_add_file(d, path);

	print_diags(tree, path);
	if (st != KC_OK)
		kx_die("%s: cannot read this config", path);
}

/* ---- which rows --------------------------------------------------------- */

static bool
grep_row(const struct diff_opts *o, const struct kc_diff_row *r)
{
	struct kc_prop *p;

	if (re_match(o, o->grep_re, kc_sym_name(r->sym)))
		return true;
	for (p = kc_sym_props(r->sym); p; p = kc_prop_next(p))
		if ((kc_prop_type(p) == KC_P_PROMPT || kc_prop_type(p) == KC_P_MENU) &&
		    re_match(o, o->grep_re, kc_prop_text(p)))
			return true;
	return false;
}

static bool
row_kind_shown(const struct diff_opts *o, const struct kc_diff_row *r)
{
	if (o->common)
		return r->kind == KC_DIFF_SAME && r->all_written && (!o->choices_only || r->all_explicit);
	if (r->kind == KC_DIFF_SAME)
		return false;
	return !o->choices_only || r->kind == KC_DIFF_ROOT;
}

static bool
row_filtered(const struct diff_opts *o, const struct kc_diff_row *r, const char *path)
{
	if (o->menu_re && !re_match(o, o->menu_re, path))
		return false;
	return !o->grep_re || grep_row(o, r);
}

/* Rows passing --menu/--grep; with @by_kind, also --common/--choices-only. */
static void
select_rows(struct shown *v, bool by_kind)
{
	size_t i, n = kc_cfgdiff_nrows(v->d), np = 0;
	const struct kc_menu *group = NULL;
	char *path = NULL;

	v->rows = calloc(n + 1, sizeof(*v->rows));
	v->paths = calloc(n + 1, sizeof(*v->paths));
	v->owned = calloc(n + 1, sizeof(*v->owned));
	if (!v->rows || !v->paths || !v->owned)
		abort();
	for (i = 0; i < n; i++) {
		const struct kc_diff_row *r = kc_cfgdiff_row(v->d, i);

		if (by_kind && !row_kind_shown(v->o, r))
			continue;
		if (r->group != group || !path) {
			group = r->group;
			path = v->owned[np++] = kc_menu_path(group, " > ", KC_PATH_SCREENS);
		}
		if (!row_filtered(v->o, r, path))
			continue;
		v->paths[v->n] = path;
		v->rows[v->n++] = r;
	}
	v->nowned = np;
}

static void
free_shown(struct shown *v)
{
	size_t i;

	for (i = 0; i < v->nowned; i++)
		free(v->owned[i]);
	free(v->owned);
	free(v->paths);
	free(v->rows);
}

/* ---- values as text ----------------------------------------------------- */

/* A value as .config has it: strings quoted and escaped. Caller frees. */
static char *
conf_value(const struct kc_symbol *s, const char *v)
{
	char *out, *p;

	if (!v)
		return NULL;
	if (kc_sym_type(s) != KC_STRING)
		return strdup(v);
	out = p = malloc(2 * strlen(v) + 3);
	if (!out)
		abort();
	*p++ = '"';
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			*p++ = '\\';
		*p++ = *v;
	}
	*p++ = '"';
	*p = 0;
	return out;
}

static const char *
how_mark(enum kc_how how)
{
	static const char *const marks[] = { "", "~", "^", "+" };

	return how <= KC_HOW_IMPLY ? marks[how] : "?";
}

/* "y~*", "\"foo\"", "-": value and marks, cut to @max chars (0: no limit). Caller frees. */
static char *
cell_text(const struct kc_symbol *s, const struct kc_diff_cell *c, size_t max)
{
	char *v = conf_value(s, c->value), *out;
	size_t len;

	if (!v)
		v = strdup("-");
	len = strlen(v);
	if (max && len > max) {
		strcpy(v + max - 3, "...");
		len = max;
	}
	out = malloc(len + 4);
	if (!out)
		abort();
	sprintf(out, "%s%s%s%s", v, c->value ? how_mark(c->how) : "", c->is_new ? "*" : "",
		c->overridden ? "!" : "");
	free(v);
	return out;
}

/* "explicit", "default+new", "select+overridden": the how of a cell in words. */
static void
how_words(char *buf, size_t n, const struct kc_diff_cell *c)
{
	snprintf(buf, n, "%s%s%s", c->value ? kc_how_name(c->how) : "absent",
		 c->is_new ? "+new" : "", c->overridden ? "+overridden" : "");
}

static const char *
top_menu_of(const char *path, size_t *len)
{
	const char *gt = strstr(path, " > ");

	if (!*path) {
		*len = 11;
		return "(top level)";
	}
	*len = gt ? (size_t)(gt - path) : strlen(path);
	return path;
}

/* ---- aligned text ------------------------------------------------------- */

/* A column's file name, or its path when another column has the same name. */
static const char *
col_label(const struct shown *v, size_t c)
{
	const struct kc_diff_col *col = kc_cfgdiff_col(v->d, c);
	size_t k;

	for (k = 0; k < v->ncols; k++)
		if (k != c && !strcmp(kc_cfgdiff_col(v->d, k)->name, col->name))
			return col->path;
	return col->name;
}

static void
text_configs(const struct shown *v)
{
	size_t c;

	for (c = 0; c < v->ncols; c++) {
		const struct kc_diff_col *col = kc_cfgdiff_col(v->d, c);

		printf("[%zu] %s%s%s  (%s; %zu set, %zu unknown, %zu new)\n", c + 1, col_label(v, c),
		       col->version ? "  " : "", col->version ? col->version : "",
		       col->full ? "full config" : "partial config", col->nset, col->nunknown,
		       col->nnew);
	}
}

static void
text_summary(const struct shown *v)
{
	size_t i, n = kc_cfgdiff_nrows(v->d), roots = 0, derived = 0;

	for (i = 0; i < n; i++) {
		enum kc_diff_kind k = kc_cfgdiff_row(v->d, i)->kind;

		roots += k == KC_DIFF_ROOT;
		derived += k == KC_DIFF_DERIVED;
	}
	printf("%zu symbols differ: %zu choices, %zu derived from them; %zu unknown to this tree "
	       "(Linux %s, ARCH=%s)\n",
	       roots + derived, roots, derived, kc_cfgdiff_nunknown(v->d),
	       kc_tree_kernelversion(v->tree), kc_tree_arch(v->tree));
	printf("marks: none = set in the file, ~ default, ^ selected, + implied, * new (no line in "
	       "the config), ! the file's value was overridden, - not in the config\n");
}

/* Widths: the symbol names, then each column. */
static void
text_widths(const struct shown *v, size_t *w)
{
	size_t i, c, len;

	w[0] = 6;
	for (c = 0; c < v->ncols; c++)
		w[c + 1] = 3 + (c + 1 >= 10);
	for (i = 0; i < v->n; i++) {
		len = strlen(kc_sym_name(v->rows[i]->sym));
		w[0] = len > w[0] ? len : w[0];
		for (c = 0; c < v->ncols; c++) {
			char *t = cell_text(v->rows[i]->sym, kc_cfgdiff_cell(v->d, v->rows[i], c),
					    TEXT_VALUE_MAX);

			len = strlen(t);
			w[c + 1] = len > w[c + 1] ? len : w[c + 1];
			free(t);
		}
	}
}

/* The trailing note: the roots of a derived row, or how many a root explains. */
static void
text_note(FILE *f, const struct shown *v, const struct kc_diff_row *r)
{
	size_t k;

	if (r->kind == KC_DIFF_DERIVED) {
		fputs("  <-", f);
		for (k = 0; k < r->nroots && k < TEXT_ROOTS_MAX; k++)
			fprintf(f, "%s %s", k ? "," : "", kc_sym_name(r->roots[k]));
		if (r->nroots > TEXT_ROOTS_MAX)
			fprintf(f, " (+%zu)", r->nroots - TEXT_ROOTS_MAX);
	} else if (r->kind == KC_DIFF_ROOT && v->o->choices_only && r->nexplains) {
		fprintf(f, "  (+%zu derived)", r->nexplains);
	}
}

/* Print a line built in memory without its trailing blanks. */
static void
put_trimmed(char *buf, size_t len)
{
	while (len && buf[len - 1] == ' ')
		len--;
	fwrite(buf, 1, len, stdout);
	putchar('\n');
}

static void
text_row(const struct shown *v, const struct kc_diff_row *r, const size_t *w)
{
	char *buf = NULL;
	size_t len = 0, c;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	fprintf(f, "  %-*s", (int)w[0], kc_sym_name(r->sym));
	for (c = 0; c < v->ncols; c++) {
		char *t = cell_text(r->sym, kc_cfgdiff_cell(v->d, r, c), TEXT_VALUE_MAX);

		fprintf(f, "  %-*s", (int)w[c + 1], t);
		free(t);
	}
	text_note(f, v, r);
	fclose(f);
	put_trimmed(buf, len);
	free(buf);
}

static void
text_column_heads(const struct shown *v, const size_t *w)
{
	char *buf = NULL, head[32];
	size_t len = 0, c;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		abort();
	fprintf(f, "  %-*s", (int)w[0], "SYMBOL");
	for (c = 0; c < v->ncols; c++) {
		snprintf(head, sizeof(head), "[%zu]", c + 1);
		fprintf(f, "  %-*s", (int)w[c + 1], head);
	}
	fclose(f);
	put_trimmed(buf, len);
	free(buf);
}

static void
text_unknown(const struct shown *v, const size_t *w)
{
	size_t i, c, n = kc_cfgdiff_nunknown(v->d);
	bool any = false;

	for (i = 0; i < n; i++) {
		const struct kc_diff_unknown *u = kc_cfgdiff_unknown(v->d, i);

		if (v->o->grep_re && !re_match(v->o, v->o->grep_re, u->name))
			continue;
		if (!any)
			printf("\nUnknown to this tree (set in a config, not defined here)\n");
		any = true;
		printf("  %-*s", (int)w[0], u->name);
		for (c = 0; c < v->ncols; c++)
			printf("  %-*s", c + 1 < v->ncols ? (int)w[c + 1] : 0,
			       u->values[c] ? u->values[c] : "-");
		putchar('\n');
	}
}

static void
print_text(const struct shown *v)
{
	size_t *w = calloc(v->ncols + 1, sizeof(*w)), i;

	if (!w)
		abort();
	text_configs(v);
	text_summary(v);
	text_widths(v, w);
	if (v->o->common)
		printf("%zu symbols have the same value in every config%s\n", v->n,
		       v->o->choices_only ? ", set explicitly in each" : "");
	if (v->n) {
		putchar('\n');
		text_column_heads(v, w);
	}
	for (i = 0; i < v->n; i++) {
		if (!i || v->paths[i] != v->paths[i - 1])
			printf("%s%s\n", i ? "\n" : "", *v->paths[i] ? v->paths[i] : "(top level)");
		text_row(v, v->rows[i], w);
	}
	if (!v->o->common && !v->o->menu_re)
		text_unknown(v, w);
	free(w);
}

/* ---- JSON --------------------------------------------------------------- */

static void
json_sym_list(struct kc_json *j, const char *key, struct kc_symbol *const *syms, size_t n)
{
	size_t k;

	kc_json_karr(j, key);
	for (k = 0; k < n; k++)
		kc_json_str(j, kc_sym_name(syms[k]));
	kc_json_end(j);
}

/* The menu path as an array, from the library (a prompt may itself hold " > "). */
static void
json_path(struct kc_json *j, const struct kc_menu *group)
{
	size_t n, k;
	const char **parts = kc_menu_path_parts(group, KC_PATH_SCREENS, &n);

	kc_json_arr(j);
	for (k = 0; k < n; k++)
		kc_json_str(j, parts[k]);
	kc_json_end(j);
	free(parts);
}

static void
json_cell(struct kc_json *j, const struct kc_diff_cell *c)
{
	kc_json_obj(j);
	kc_json_kstr(j, "value", c->value);
	kc_json_kstr(j, "how", c->value ? kc_how_name(c->how) : "absent");
	kc_json_kbool(j, "new", c->is_new);
	kc_json_kbool(j, "overridden", c->overridden);
	kc_json_kstr(j, "file_value", c->file_value);
	kc_json_kint(j, "line", c->line);
	kc_json_end(j);
}

static void
json_row(struct kc_json *j, const struct shown *v, size_t i)
{
	const struct kc_diff_row *r = v->rows[i];
	size_t c;

	kc_json_obj(j);
	kc_json_kstr(j, "symbol", kc_sym_name(r->sym));
	kc_json_kstr(j, "type", kc_type_name(kc_sym_type(r->sym)));
	kc_json_kstr(j, "kind", kc_diff_kind_name(r->kind));
	kc_json_key(j, "menu");
	json_path(j, r->group);
	kc_json_karr(j, "values");
	for (c = 0; c < v->ncols; c++)
		json_cell(j, kc_cfgdiff_cell(v->d, r, c));
	kc_json_end(j);
	if (r->kind == KC_DIFF_DERIVED) {
		json_sym_list(j, "follows_from", r->roots, r->nroots);
		json_sym_list(j, "causes", r->causes, r->ncauses);
	} else if (r->kind == KC_DIFF_ROOT) {
		kc_json_kuint(j, "explains", r->nexplains);
	}
	kc_json_end(j);
}

/* Opens the output's object: the tree and the configs compared. */
static void
json_configs(struct kc_json *j, const struct shown *v)
{
	size_t c;

	kc_json_obj(j);
	kc_json_kobj(j, "tree");
	kc_json_kstr(j, "srctree", kc_tree_srctree(v->tree));
	kc_json_kstr(j, "arch", kc_tree_arch(v->tree));
	kc_json_kstr(j, "version", kc_tree_kernelversion(v->tree));
	kc_json_end(j);
	kc_json_karr(j, "configs");
	for (c = 0; c < v->ncols; c++) {
		const struct kc_diff_col *col = kc_cfgdiff_col(v->d, c);

		kc_json_obj(j);
		kc_json_kstr(j, "file", col->path);
		kc_json_kstr(j, "version", col->version);
		kc_json_kbool(j, "full", col->full);
		kc_json_kuint(j, "set", col->nset);
		kc_json_kuint(j, "unknown", col->nunknown);
		kc_json_kuint(j, "new", col->nnew);
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
json_unknown(struct kc_json *j, const struct shown *v)
{
	size_t i, c, n = kc_cfgdiff_nunknown(v->d);

	kc_json_karr(j, "unknown");
	for (i = 0; i < n; i++) {
		const struct kc_diff_unknown *u = kc_cfgdiff_unknown(v->d, i);

		if (v->o->grep_re && !re_match(v->o, v->o->grep_re, u->name))
			continue;
		kc_json_obj(j);
		kc_json_kstr(j, "symbol", u->name);
		kc_json_karr(j, "values");
		for (c = 0; c < v->ncols; c++)
			kc_json_str(j, u->values[c]);
		kc_json_end(j);
		kc_json_end(j);
	}
	kc_json_end(j);
}

/* Writes and frees @j's text: the whole object, closed. */
static void
json_print(struct kc_json *j)
{
	char *text;

	kc_json_end(j);
	text = kc_json_steal(j);
	fputs(text, stdout);
	free(text);
}

static void
print_json(const struct shown *v)
{
	struct kc_json *j = kc_json_new(2);
	size_t i;

	json_configs(j, v);
	kc_json_karr(j, v->o->common ? "common" : "differences");
	for (i = 0; i < v->n; i++)
		json_row(j, v, i);
	kc_json_end(j);
	if (!v->o->common && !v->o->menu_re)
		json_unknown(j, v);
	json_print(j);
}

/* ---- markdown ----------------------------------------------------------- */

static void
md_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '`')
			putchar('\\');
		putchar(*s == '\n' ? ' ' : *s);
	}
}

static void
md_cell(const struct kc_symbol *s, const struct kc_diff_cell *c)
{
	char *v = conf_value(s, c->value);

	fputs(" ", stdout);
	if (!v) {
		fputs("-", stdout);
	} else {
		md_escaped(v);
		if (c->how != KC_HOW_EXPLICIT)
			printf(" *%s*", kc_how_name(c->how));
	}
	if (c->is_new)
		fputs(" (new)", stdout);
	if (c->overridden) {
		fputs(" (file: ", stdout);
		md_escaped(c->file_value);
		putchar(')');
	}
	fputs(" |", stdout);
	free(v);
}

static void
md_table_head(const struct shown *v)
{
	size_t c;

	fputs("| Symbol |", stdout);
	for (c = 0; c < v->ncols; c++)
		printf(" [%zu] |", c + 1);
	fputs(v->o->common ? "\n|---|" : " Follows from |\n|---|", stdout);
	for (c = 0; c < v->ncols; c++)
		fputs("---|", stdout);
	puts(v->o->common ? "" : "---|");
}

static void
md_row(const struct shown *v, const struct kc_diff_row *r)
{
	size_t c, k;

	printf("| `%s` |", kc_sym_name(r->sym));
	for (c = 0; c < v->ncols; c++)
		md_cell(r->sym, kc_cfgdiff_cell(v->d, r, c));
	if (v->o->common) {
		putchar('\n');
		return;
	}
	for (k = 0; r->kind == KC_DIFF_DERIVED && k < r->nroots; k++)
		printf("%s`%s`", k ? ", " : " ", kc_sym_name(r->roots[k]));
	if (r->kind == KC_DIFF_ROOT && r->nexplains)
		printf(" choice (explains %zu)", r->nexplains);
	else if (r->kind == KC_DIFF_ROOT)
		fputs(" choice", stdout);
	puts(" |");
}

static void
print_markdown(const struct shown *v)
{
	size_t i, c;

	printf("# Config %s: Linux %s, ARCH=%s\n\n", v->o->common ? "agreement" : "differences",
	       kc_tree_kernelversion(v->tree), kc_tree_arch(v->tree));
	puts("| # | Config | Version | Set | Unknown | New |\n|---|---|---|---|---|---|");
	for (c = 0; c < v->ncols; c++) {
		const struct kc_diff_col *col = kc_cfgdiff_col(v->d, c);

		printf("| %zu | `%s` | %s | %zu | %zu | %zu |\n", c + 1, col_label(v, c),
		       col->version ? col->version : "", col->nset, col->nunknown, col->nnew);
	}
	puts("\nA value alone was set in the file; otherwise it is a *default*, *select*ed or "
	     "*imply*'d; (new): the config has no line for it; - : not in the config.");
	for (i = 0; i < v->n; i++) {
		if (!i || v->paths[i] != v->paths[i - 1]) {
			printf("\n## %s\n\n", *v->paths[i] ? v->paths[i] : "(top level)");
			md_table_head(v);
		}
		md_row(v, v->rows[i]);
	}
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv_field(const char *s, bool last)
{
	if (s && strpbrk(s, ",\"\n\r")) {
		putchar('"');
		for (; *s; s++) {
			if (*s == '"')
				putchar('"');
			putchar(*s);
		}
		putchar('"');
	} else if (s) {
		fputs(s, stdout);
	}
	putchar(last ? '\n' : ',');
}

static void
csv_roots(const struct kc_diff_row *r)
{
	size_t k, len = 1;
	char *buf;

	for (k = 0; k < r->nroots; k++)
		len += strlen(kc_sym_name(r->roots[k])) + 1;
	buf = calloc(1, len);
	if (!buf)
		abort();
	for (k = 0; k < r->nroots; k++) {
		strcat(buf, k ? " " : "");
		strcat(buf, kc_sym_name(r->roots[k]));
	}
	csv_field(buf, true);
	free(buf);
}

static void
print_csv(const struct shown *v)
{
	size_t i, c;
	char how[64];

	fputs("menu,symbol,type,kind", stdout);
	for (c = 0; c < v->ncols; c++)
		printf(",value%zu,how%zu", c + 1, c + 1);
	puts(",follows_from");
	for (i = 0; i < v->n; i++) {
		const struct kc_diff_row *r = v->rows[i];

		csv_field(v->paths[i], false);
		csv_field(kc_sym_name(r->sym), false);
		csv_field(kc_type_name(kc_sym_type(r->sym)), false);
		csv_field(kc_diff_kind_name(r->kind), false);
		for (c = 0; c < v->ncols; c++) {
			const struct kc_diff_cell *cell = kc_cfgdiff_cell(v->d, r, c);
			char *val = conf_value(r->sym, cell->value);

			csv_field(val, false);
			how_words(how, sizeof(how), cell);
			csv_field(how, false);
			free(val);
		}
		csv_roots(r);
	}
}

/* ---- --stats ------------------------------------------------------------ */

struct stat_line {
	const char *menu;	/* into a path; not NUL-terminated at len */
	size_t len, differ, roots, derived, common;
};

static struct stat_line *
stat_find(struct stat_line *lines, size_t *n, const char *path)
{
	size_t len, i;
	const char *top = top_menu_of(path, &len);

	for (i = 0; i < *n; i++)
		if (lines[i].len == len && !strncmp(lines[i].menu, top, len))
			return &lines[i];
	lines[*n].menu = top;
	lines[*n].len = len;
	return &lines[(*n)++];
}

static void
stat_add(struct stat_line *l, const struct kc_diff_row *r)
{
	l->differ += r->kind != KC_DIFF_SAME;
	l->roots += r->kind == KC_DIFF_ROOT;
	l->derived += r->kind == KC_DIFF_DERIVED;
	l->common += r->kind == KC_DIFF_SAME && r->all_written;
}

static void
stat_print(const struct shown *v, const struct stat_line *l, bool last)
{
	const struct diff_opts *o = v->o;
	char name[256];

	snprintf(name, sizeof(name), "%.*s", (int)l->len, l->menu);
	switch (o->fmt) {
	case FMT_TEXT:
		printf("%-44s %7zu %8zu %8zu %7zu\n", name, l->differ, l->roots, l->derived, l->common);
		break;
	case FMT_MARKDOWN:
		printf("| %s | %zu | %zu | %zu | %zu |\n", name, l->differ, l->roots, l->derived,
		       l->common);
		break;
	case FMT_CSV:
		csv_field(name, false);
		printf("%zu,%zu,%zu,%zu\n", l->differ, l->roots, l->derived, l->common);
		break;
	case FMT_JSON:
		kc_json_obj(v->json);
		kc_json_kstr(v->json, "menu", last ? NULL : name);
		kc_json_kuint(v->json, "differ", l->differ);
		kc_json_kuint(v->json, "choices", l->roots);
		kc_json_kuint(v->json, "derived", l->derived);
		kc_json_kuint(v->json, "common", l->common);
		kc_json_end(v->json);
		break;
	}
}

static void
stats_head(struct shown *v)
{
	switch (v->o->fmt) {
	case FMT_TEXT:
		text_configs(v);
		printf("\n%-44s %7s %8s %8s %7s\n", "TOP MENU", "DIFFER", "CHOICES", "DERIVED",
		       "COMMON");
		break;
	case FMT_MARKDOWN:
		puts("| Top menu | Differ | Choices | Derived | Common |\n|---|---|---|---|---|");
		break;
	case FMT_CSV:
		puts("menu,differ,choices,derived,common");
		break;
	case FMT_JSON:
		v->json = kc_json_new(2);
		json_configs(v->json, v);
		kc_json_karr(v->json, "stats");
		break;
	}
}

static void
print_stats(struct shown *v)
{
	struct stat_line *lines = calloc(v->n + 1, sizeof(*lines)), total = { "total", 5, 0, 0, 0, 0 };
	size_t i, n = 0;

	if (!lines)
		abort();
	for (i = 0; i < v->n; i++) {
		stat_add(stat_find(lines, &n, v->paths[i]), v->rows[i]);
		stat_add(&total, v->rows[i]);
	}
	stats_head(v);
	for (i = 0; i < n; i++)
		stat_print(v, &lines[i], false);
	stat_print(v, &total, true);
	if (v->o->fmt == FMT_JSON) {
		kc_json_end(v->json);
		json_print(v->json);
	}
	free(lines);
}

/* ---- the command -------------------------------------------------------- */

int
cmd_diff(int argc, char **argv)
{
	struct diff_opts o = { 0 };
	struct shown v = { 0 };
	struct kc_cfgdiff *d;
	int first, i;

	parse_opts(argc, argv, &o, &first);
	if (first >= argc)
		kx_usage_error("diff", "name the configs to compare (one: compared with the current config)");
	v.o = &o;
	v.tree = kx_load_tree();
	d = v.d = kc_cfgdiff_new(v.tree);
	if (argc - first == 1) {
		char *cur = kx_config_path();

		add_config(d, v.tree, cur);
		free(cur);
	}
	for (i = first; i < argc; i++)
		add_config(d, v.tree, argv[i]);
	kc_cfgdiff_compute(d);
	print_diags(v.tree, NULL);
	v.ncols = kc_cfgdiff_ncols(d);
	select_rows(&v, !o.stats);
	if (o.stats)
		print_stats(&v);
	else if (o.fmt == FMT_JSON)
		print_json(&v);
	else if (o.fmt == FMT_MARKDOWN)
		print_markdown(&v);
	else if (o.fmt == FMT_CSV)
		print_csv(&v);
	else
		print_text(&v);
	if (fflush(stdout))
		kx_die("writing to standard output failed");
	free_shown(&v);
	kc_cfgdiff_free(d);
	kc_tree_free(v.tree);
	pcre2_code_free(o.menu_re);
	pcre2_code_free(o.grep_re);
	pcre2_match_data_free(o.md);
	return KX_EXIT_OK;
}
