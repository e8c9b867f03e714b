/* cmd-check.c - kexplore check: do the settings a user keeps (Kconfig fragment, NixOS, Guix) take on a tree, said the way the distro's own check says it. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/explain.h"
#include "kexplore/plan.h"
#include "kexplore/settings.h"
#include "kexplore/upgrade.h"

struct check_opts {
	enum kc_form form;
	bool verbose;
	bool list;		/* --list: print what was read, check nothing */
	bool json;		/* --json: the verdicts as JSON */
};

struct check_counts {
	size_t n[KC_V_SKIPPED + 1];
	size_t errors;		/* required settings that do not take */
};

static void
parse_opts(int argc, char **argv, struct check_opts *o, int *first)
{
	enum { OPT_FORM = 256, OPT_CONFIG, OPT_LIST, OPT_JSON };
	static const struct option longopts[] = {
		{ "form", required_argument, NULL, OPT_FORM },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "list", no_argument, NULL, OPT_LIST },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORM:
			o->form = kc_form_parse(optarg);
			if (o->form == KC_FORM_AUTO && strcmp(optarg, "auto"))
				kx_usage_error("check", "--form is kconfig, nix, guix or auto, not '%s'", optarg);
			break;
		case OPT_CONFIG: kx.config = optarg; break;
		case OPT_LIST: o->list = true; break;
		case OPT_JSON: o->json = true; break;
		case 'v': o->verbose = true; break;
		case 'h':
			cmd_help_for("check");
			exit(KX_EXIT_OK);
		default:
			kx_usage_error("check", "bad option");
		}
	}
	if (optind >= argc)
		kx_usage_error("check", "give at least one FRAGMENT file");
	*first = optind;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (!f)
		kx_die("%s: cannot read: %s", path, strerror(errno));
	do {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			if (cap > (64u << 20))
				kx_die("%s: larger than 64 MiB", path);
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got);
	if (ferror(f))
		kx_die("%s: cannot read: %s", path, strerror(errno));
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static void
put_indented(const char *text, const char *prefix)
{
	const char *p = text, *nl;

	for (; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			printf("%s%s\n", prefix, p);
			return;
		}
		printf("%s%.*s\n", prefix, (int)(nl - p), p);
	}
}

/* Scheme's written form of a value as verify-config holds it: "y", or #f for no value. */
static void
put_scheme(const char *line)
{
	const char *v = line && line[0] != '#' ? strchr(line, '=') : NULL;

	if (!v) {
		fputs("#f", stdout);
		return;
	}
	putchar('"');
	for (v++; *v; v++) {
		if (*v == '"' || *v == '\\')
			putchar('\\');
		putchar(*v);
	}
	putchar('"');
}

/* The distro's own words for a setting that did not take. */
static void
put_verdict(const struct kc_setting *st, bool *guix_header_done)
{
	const char *level = st->optional ? "warning" : "error";

	printf("%s:%d: ", st->file, st->line);
	switch (st->form) {
	case KC_FORM_NIX:
		if (!st->got)
			printf("%s: unused option: %s\n", level, st->name);
		else
			printf("%s: option not set correctly: %s (wanted '%s', got '%s')\n", level,
			       st->name, st->value, st->got);
		return;
	case KC_FORM_GUIX:
		if (!*guix_header_done)
			printf("Mismatching configurations in .config and %s\n%s:%d: ", st->file,
			       st->file, st->line);
		*guix_header_done = true;
		printf("(\"CONFIG_%s\" (", st->name);
		put_scheme(st->got_line);
		putchar(' ');
		put_scheme(st->want_line);
		printf("))\n");
		return;
	default:
		printf("Value requested for CONFIG_%s not in final .config\n", st->name);
		printf("Requested value:  %s\n", st->want_line);
		printf("Actual value:     %s\n", st->got_line ? st->got_line : "");
	}
}

static void
explain_unknown(struct kc_tree *tree, struct kc_explainer *ex, const struct kc_setting *st)
{
	const char *arches = kc_explain_arches(ex, st->name);
	struct kc_symbol *close[4];
	size_t i, n;

	if (arches && *arches) {
		printf("    CONFIG_%s is not defined for ARCH=%s; it is defined for: %s\n", st->name,
		       kc_tree_arch(tree), arches);
		return;
	}
	printf("    unknown symbol: this tree has no CONFIG_%s", st->name);
	n = kc_sym_closest(tree, st->name, close, 4);
	for (i = 0; i < n; i++)
		printf("%s CONFIG_%s", i ? "," : "; closest names:", kc_sym_name(close[i]));
	putchar('\n');
}

/* Why the value is not there (the explainer) and how to get it (the planner). */
static void
explain_miss(struct kc_tree *tree, struct kc_explainer *ex, const struct kc_setting *st)
{
	struct kc_symbol *succ = kc_sym_successor(tree, st->sym);
	struct kc_plan_opts po = { 0 };
	struct kc_explain *e;
	struct kc_plan *p;
	char *txt;

	if (succ) {
		printf("    CONFIG_%s was renamed: set CONFIG_%s instead (it reads the old name only "
		       "as its default)\n", st->name, kc_sym_name(succ));
		return;
	}
	if (!st->got && kc_sym_tristate(st->sym) == KC_N && !strcmp(st->value, "n")) {
		txt = kc_sym_value_source(tree, st->sym);
		printf("    it is n, but the .config gets no line for it (%s); nixpkgs counts that "
		       "as unused: mark it 'option no' or drop it\n", txt);
		free(txt);
		return;
	}
	if (st->form == KC_FORM_GUIX && st->freeform && (kc_sym_type(st->sym) == KC_INT ||
							 kc_sym_type(st->sym) == KC_HEX))
		printf("    Guix's config->string writes %s, quoted, and conf refuses quotes for %s "
		       "symbols: the value is ignored (set it in the configuration file instead)\n",
		       st->want_line, kc_type_name(kc_sym_type(st->sym)));
	e = kc_explain(ex, st->sym, st->value);
	txt = kc_explain_text(e);
	put_indented(txt, "    ");
	free(txt);
	if (kc_explain_possible(e)) {
		p = kc_plan_new(tree);
		if (kc_plan_add(p, st->sym, st->value, KC_WANT_EXACT, 0) == KC_OK) {
			kc_plan_solve(p, &po);
			txt = kc_plan_text(p);
			put_indented(txt, "    ");
			free(txt);
		}
		kc_plan_free(p);
	}
	kc_explain_free(e);
}

static void
report_one(struct kc_tree *tree, struct kc_explainer *ex, const struct kc_setting *st,
	   const struct check_opts *o, bool *guix_header_done)
{
	switch (st->verdict) {
	case KC_V_TAKEN:
		printf("%s:%d: CONFIG_%s=%s: taken\n", st->file, st->line, st->name, st->value);
		return;
	case KC_V_SKIPPED:
		if (o->verbose)
			printf("%s:%d: %s: %s\n", st->file, st->line, st->name, st->note);
		return;
	case KC_V_UNEVALUATED:
		printf("%s:%d: warning: %s: not evaluated: %s\n", st->file, st->line, st->name, st->note);
		return;
	case KC_V_UNKNOWN:
		put_verdict(st, guix_header_done);
		explain_unknown(tree, ex, st);
		return;
	case KC_V_NOT_TAKEN:
		put_verdict(st, guix_header_done);
		explain_miss(tree, ex, st);
	}
}

static void
count(struct check_counts *c, const struct kc_setting *st)
{
	c->n[st->verdict]++;
	if ((st->verdict == KC_V_NOT_TAKEN || st->verdict == KC_V_UNKNOWN) && !st->optional)
		c->errors++;
}

static void
report(struct kc_tree *tree, struct kc_settings *s, const struct check_opts *o,
       struct check_counts *c)
{
	struct kc_explainer *ex = kc_explainer_new(tree);
	const char *last_file = NULL;
	bool guix_header_done = false;
	size_t i;

	for (i = 0; i < kc_settings_n(s); i++) {
		const struct kc_setting *st = kc_settings_get(s, i);

		if (!last_file || strcmp(last_file, st->file))
			guix_header_done = false;
		last_file = st->file;
		report_one(tree, ex, st, o, &guix_header_done);
		count(c, st);
	}
	kc_explainer_free(ex);
}

static void
print_json(const struct kc_settings *s, struct check_counts *c)
{
	char *j = kc_settings_json(s);
	size_t i;

	fputs(j, stdout);
	free(j);
	for (i = 0; i < kc_settings_n(s); i++)
		count(c, kc_settings_get(s, i));
}

/* --list: the settings as read, one a line, for checking the readers against nix and guile. */
static void
list_settings(const struct kc_settings *s)
{
	size_t i;

	for (i = 0; i < kc_settings_n(s); i++) {
		const struct kc_setting *st = kc_settings_get(s, i);

		if (st->value)
			printf("%s:%d: %s=%s%s%s%s\n", st->file, st->line, st->name, st->value,
			       st->freeform ? " freeform" : "", st->optional ? " optional" : "",
			       st->forced ? " forced" : "");
		else
			printf("%s:%d: %s: %s\n", st->file, st->line, st->name, st->note);
	}
}

int
cmd_check(int argc, char **argv)
{
	struct check_opts o = { 0 };
	struct check_counts c = { 0 };
	struct kc_settings *s;
	struct kc_tree *tree;
	int i, first;

	parse_opts(argc, argv, &o, &first);
	tree = kx_load_tree();
	s = kc_settings_new(kc_tree_kernelversion(tree));
	for (i = first; i < argc; i++) {
		size_t len;
		char *text = slurp(argv[i], &len);

		if (kc_settings_parse(s, argv[i], text, len, o.form) != KC_OK)
			kx_die("%s", kc_settings_error(s));
		free(text);
	}
	if (o.list) {
		list_settings(s);
		kc_settings_free(s);
		kc_tree_free(tree);
		return KX_EXIT_OK;
	}
	kx_read_config(tree, true);
	kc_settings_apply(s, tree);
	if (o.json) {
		print_json(s, &c);
	} else {
		report(tree, s, &o, &c);
		printf("%zu settings: %zu taken, %zu not taken, %zu unknown, %zu not evaluated, "
		       "%zu skipped\n", kc_settings_n(s), c.n[KC_V_TAKEN], c.n[KC_V_NOT_TAKEN],
		       c.n[KC_V_UNKNOWN], c.n[KC_V_UNEVALUATED], c.n[KC_V_SKIPPED]);
	}
	kc_settings_free(s);
	kc_tree_free(tree);
	return c.errors ? KX_EXIT_FAIL : KX_EXIT_OK;
}
