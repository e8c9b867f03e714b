/* cmd-save.c - save (the .config plus its minimal diff), mindiff (the diff in distro formats) and diff-apply (a fragment applied, with what did not take). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/cfgfile.h"
#include "kexplore/explain.h"
#include "kexplore/mindiff.h"
#include "kexplore/plan.h"

/* Where diff-apply reports: standard output, or standard error when the config goes there. */
static FILE *rep;

/* ---- shared -------------------------------------------------------------- */

struct save_opts {
	const char *base;	/* --base FILE|defconfig */
	const char *out;	/* -o */
	const char *fragment;	/* save: --fragment */
	const char *format;	/* mindiff: --format */
	const char *config;	/* diff-apply: --config */
};

static void
parse_opts(const char *cmd, int argc, char **argv, struct save_opts *o, int *first_arg)
{
	static const struct option longopts[] = {
		{ "base", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "fragment", required_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;	/* 0: glibc re-reads the option string (permuting; main used "+") */
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'b': o->base = optarg; break;
		case 'o': o->out = optarg; break;
		case 'f': o->fragment = optarg; break;
		case 'F': o->format = optarg; break;
		case 'c': o->config = optarg; break;
		case 'h':
			cmd_help_for(cmd);
			exit(KX_EXIT_OK);
		default:
			kx_usage_error(cmd, "bad option");
		}
	}
	*first_arg = optind;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		abort();
	return p;
}

static char *
concat3(const char *a, const char *b, const char *c)
{
	char *p = malloc(strlen(a) + strlen(b) + strlen(c) + 1);

	if (!p)
		abort();
	return strcat(strcat(strcpy(p, a), b), c);
}

/* The base config: a file, or "defconfig" for the arch's default defconfig. */
static char *
base_path(struct kc_tree *tree, const char *base)
{
	char *def, *p;

	if (strcmp(base, "defconfig"))
		return xstrdup(base);
	def = kc_tree_default_defconfig(tree);
	p = concat3(kc_tree_srctree(tree), "/", def);
	free(def);
	return p;
}

static void
print_stats(const struct kc_mindiff *d, const char *base)
{
	const struct kc_mindiff_stats *st = kc_mindiff_stats(d);

	if (!kx.verbose)
		return;
	fprintf(stderr,
		"kexplore: minimal diff from %s: %zu lines (%zu symbols differ, %zu with a prompt in "
		"the target); %u rounds%s, %u full evaluations, %u incremental tries, %s\n",
		base, kc_mindiff_count(d), st->differing, st->candidates, st->rounds,
		st->fallback ? " + fallback" : "", st->evals, st->trials,
		st->proven ? "each line proven necessary" : "not proven");
}

/* The minimal diff from base (a file) to the tree's current state, or exit. */
static struct kc_mindiff *
compute(struct kc_tree *tree, const char *name, const char *data, size_t len)
{
	struct kc_mindiff *d = NULL;
	enum kc_status st;

	st = data ? kc_mindiff_compute(tree, name, data, len, &d)
		  : kc_mindiff_compute_file(tree, name, &d);
	kx_print_diags(tree);
	if (st == KC_ENOENT || st == KC_EIO)
		kx_die("%s: cannot read the base config; nothing was written", name);
	if (st == KC_ERANGE)
		kx_die("the target config cannot be reproduced from %s: no lines appended to it "
		       "give the target (something it sets, such as an optional choice before 6.11, "
		       "cannot be undone by a later line); use a base that sets less", name);
	if (st != KC_OK)
		kx_die("the target config cannot be reproduced from %s: reading its own .config "
		       "does not give it back (run olddefconfig on it first)", name);
	print_stats(d, name);
	return d;
}

/* read_whole - a config or fragment through the engine's reader (bounded,
 * decompressed, text only), or exit saying why it cannot be read. */
static char *
read_whole(const char *path, size_t *len, const char *what)
{
	struct kc_cfgfile f;
	char *data;

	if (kc_cfgfile_read(path, KC_CFG_TEXT, &f) != KC_OK)
		kx_die("%s: cannot read %s: %s; nothing was written", path, what, f.error);
	data = f.data;
	*len = f.len;
	f.data = NULL;
	kc_cfgfile_done(&f);
	return data;
}

/* ---- mindiff ------------------------------------------------------------------- */

int
cmd_mindiff(int argc, char **argv)
{
	struct save_opts o = { 0 };
	enum kc_mindiff_format fmt = KC_MD_KCONFIG;
	struct kc_tree *tree;
	struct kc_mindiff *d;
	char *base, *cfg, *title, *text;
	int i;

	parse_opts("mindiff", argc, argv, &o, &i);
	if (i != argc)
		kx_usage_error("mindiff", "unexpected argument '%s'", argv[i]);
	if (!o.base)
		kx_usage_error("mindiff", "--base BASE|defconfig is required");
	if (o.format && !kc_mindiff_format_parse(o.format, &fmt))
		kx_usage_error("mindiff", "unknown format '%s' (kconfig, nix, guix, changelog)",
			       o.format);
	tree = kx_load_tree();
	if (!kx_read_config(tree, false))
		kx_die("no target config to diff (--config NEW)");
	base = base_path(tree, o.base);
	d = compute(tree, base, NULL, 0);
	cfg = kx_config_path();
	title = concat3("Changes from the base to ", cfg, "");
	text = kc_mindiff_render(d, fmt, title);
	kx_write_output(o.out ? o.out : "-", text);
	free(text);
	free(title);
	free(cfg);
	free(base);
	kc_mindiff_free(d);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

/* ---- save ------------------------------------------------------------------------ */

/*
 * Without --base, the base is the config being replaced (FILE as it is before
 * saving), unless FILE is the input config itself: then the arch's defconfig.
 */
static char *
default_base(struct kc_tree *tree, const char *file, const char *input)
{
	char *rf = realpath(file, NULL), *ri = realpath(input, NULL), *b;
	bool same = rf && ri && !strcmp(rf, ri);

	b = rf && !same ? xstrdup(file) : base_path(tree, "defconfig");
	free(rf);
	free(ri);
	return b;
}

int
cmd_save(int argc, char **argv)
{
	struct save_opts o = { 0 };
	struct kc_tree *tree;
	struct kc_mindiff *d;
	char *input, *file, *frag, *base, *data, *text, *title;
	size_t len = 0;
	int i;

	parse_opts("save", argc, argv, &o, &i);
	if (i != argc)
		kx_usage_error("save", "unexpected argument '%s'", argv[i]);
	if ((o.out && !strcmp(o.out, "-")) || (o.fragment && !strcmp(o.fragment, "-")))
		kx_usage_error("save", "save writes files; use 'mindiff' for standard output");
	tree = kx_load_tree();
	if (!kx_read_config(tree, false))
		kx_die("no config to save (--config NEW)");
	input = kx_config_path();
	file = xstrdup(o.out ? o.out : input);
	frag = o.fragment ? xstrdup(o.fragment) : concat3(file, ".fragment", "");
	base = o.base ? base_path(tree, o.base) : default_base(tree, file, input);
	/* read now: the base may be the file about to be replaced */
	data = read_whole(base, &len, "the base config");
	d = compute(tree, base, data, len);
	/* the exact text the diff reproduces */
	kx_write_output(file, kc_mindiff_target(d));
	title = concat3("Minimal diff of ", file, "; append it to the base and run make olddefconfig");
	text = kc_mindiff_kconfig(d, title);
	kx_write_output(frag, text);
	if (!kx.quiet)
		fprintf(stderr, "#\n# configuration written to %s\n# minimal diff from %s (%zu lines) "
			"written to %s\n#\n", file, base, kc_mindiff_count(d), frag);
	free(text);
	free(title);
	free(data);
	free(base);
	free(frag);
	free(file);
	free(input);
	kc_mindiff_free(d);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

/* ---- diff-apply --------------------------------------------------------------------- */

struct request {
	char *name;	/* without CONFIG_ */
	char *value;	/* as conf would store it: y/m/n, the unquoted string */
	int line;
};

struct requests {
	struct request *v;
	size_t n, cap;
};

/* A string value in conf's quoting; false when not quoted (conf ignores it). */
static bool
unquote(char *p)
{
	char *q = p, *s = p;

	if (*s++ != '"')
		return false;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1])
			s++;
		*q++ = *s;
	}
	*q = 0;
	return true;
}

static void
add_request(struct requests *rq, const char *name, const char *value, int line)
{
	size_t i;

	for (i = 0; i < rq->n; i++)
		if (!strcmp(rq->v[i].name, name))
			break;
	if (i == rq->n) {
		if (rq->n == rq->cap) {
			rq->cap = rq->cap ? rq->cap * 2 : 32;
			rq->v = realloc(rq->v, rq->cap * sizeof(*rq->v));
			if (!rq->v)
				abort();
		}
		rq->v[rq->n].name = xstrdup(name);
		rq->v[rq->n].value = NULL;
		rq->n++;
	}
	free(rq->v[i].value);
	rq->v[i].value = xstrdup(value);
	rq->v[i].line = line;
}

/* One fragment line, the way conf reads it: last assignment wins. */
static void
parse_request(struct requests *rq, char *line, int lineno)
{
	char *name, *val;

	if (!strncmp(line, "# CONFIG_", 9)) {
		name = line + 9;
		val = strchr(name, ' ');
		if (!val || strcmp(val, " is not set"))
			return;
		*val = 0;
		add_request(rq, name, "n", lineno);
		return;
	}
	if (strncmp(line, "CONFIG_", 7) || !(val = strchr(line, '=')))
		return;
	*val++ = 0;
	name = line + 7;
	if (*val == '"' && !unquote(val))
		return;
	add_request(rq, name, val, lineno);
}

static void
read_requests(const char *path, struct requests *rq)
{
	size_t len;
	char *data = read_whole(path, &len, "the fragment"), *line, *nl;
	int lineno = 0;

	for (line = data; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = 0;
		if (*line && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = 0;
		parse_request(rq, line, ++lineno);
	}
	free(data);
}

static void
free_requests(struct requests *rq)
{
	size_t i;

	for (i = 0; i < rq->n; i++) {
		free(rq->v[i].name);
		free(rq->v[i].value);
	}
	free(rq->v);
}

static bool
is_tri(struct kc_symbol *s)
{
	return kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE;
}

static enum kc_tristate
tri_of(const char *v)
{
	return v[0] == 'y' ? KC_Y : v[0] == 'm' ? KC_M : KC_N;
}

/* Did the requested value take? n is met by a symbol that is absent (n). */
static bool
request_met(struct kc_symbol *s, const char *want)
{
	if (is_tri(s))
		return kc_sym_tristate(s) == tri_of(want);
	return kc_sym_written(s) && !strcmp(kc_sym_string(s), want);
}

/* Print text with every line indented by four spaces. */
static void
put_indented(const char *text)
{
	const char *p = text, *nl;

	for (; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		fprintf(rep, "    %.*s\n", (int)(nl ? nl - p : (ptrdiff_t)strlen(p)), p);
		if (!nl)
			break;
	}
}

/* Why the value did not take (the explanation engine) and how to get it (the planner). */
static void
explain_failure(struct kc_tree *tree, struct kc_explainer *ex, struct kc_symbol *s,
		const char *want)
{
	struct kc_explain *e = kc_explain(ex, s, want);
	struct kc_plan_opts po = { 0 };
	struct kc_plan *p;
	char *txt = kc_explain_text(e);

	put_indented(txt);
	free(txt);
	if (!kc_explain_possible(e)) {
		kc_explain_free(e);
		return;
	}
	kc_explain_free(e);
	p = kc_plan_new(tree);
	if (kc_plan_add(p, s, want, KC_WANT_EXACT, 0) == KC_OK) {
		kc_plan_solve(p, &po);
		txt = kc_plan_text(p);
		put_indented(txt);
		free(txt);
	}
	kc_plan_free(p);
}

static void
show_value(const char *v, struct kc_symbol *s)
{
	if (s && kc_sym_type(s) == KC_STRING)
		fprintf(rep, "\"%s\"", v);
	else
		fprintf(rep, "%s", v);
}

/* Report one request that did not take. */
static void
report_failure(struct kc_tree *tree, struct kc_explainer *ex, const char *frag,
	       const struct request *r, struct kc_symbol *s)
{
	fprintf(rep, "%s:%d: CONFIG_%s=", frag, r->line, r->name);
	show_value(r->value, s);
	if (!s || !kc_sym_defined(s)) {
		fprintf(rep, " did not take: CONFIG_%s is %s\n", r->name,
		       s ? "not defined for this architecture" : "unknown in this tree");
		return;
	}
	fprintf(rep, " did not take: it is ");
	show_value(kc_sym_written(s) || is_tri(s) ? kc_sym_string(s) : "(absent)", s);
	fprintf(rep, "\n");
	explain_failure(tree, ex, s, r->value);
}

static size_t
report_requests(struct kc_tree *tree, const char *frag, const struct requests *rq)
{
	struct kc_explainer *ex = kc_explainer_new(tree);
	size_t i, nfail = 0;

	for (i = 0; i < rq->n; i++) {
		struct kc_symbol *s = kc_sym_find(tree, rq->v[i].name);

		if (s && kc_sym_defined(s) && request_met(s, rq->v[i].value))
			continue;
		report_failure(tree, ex, frag, &rq->v[i], s);
		nfail++;
	}
	kc_explainer_free(ex);
	return nfail;
}

int
cmd_diff_apply(int argc, char **argv)
{
	struct save_opts o = { 0 };
	struct requests rq = { 0 };
	struct kc_tree *tree;
	char *out, *data;
	size_t nfail;
	int i;

	parse_opts("diff-apply", argc, argv, &o, &i);
	if (i + 1 != argc)
		kx_usage_error("diff-apply", i == argc ? "a FRAGMENT file is required"
						       : "only one FRAGMENT file");
	if (o.config)
		kx.config = o.config;
	read_requests(argv[i], &rq);
	tree = kx_load_tree();
	kx_read_config(tree, true);
	if (kc_config_merge(tree, argv[i]) != KC_OK) {
		kx_print_diags(tree);
		kx_die("%s: cannot read", argv[i]);
	}
	kx_print_diags(tree);
	out = o.out ? xstrdup(o.out) : kx_config_path();
	rep = strcmp(out, "-") ? stdout : stderr;
	data = kc_config_str(tree);
	kx_write_output(out, data);
	nfail = report_requests(tree, argv[i], &rq);
	if (!kx.quiet && strcmp(out, "-"))
		fprintf(stderr, "#\n# configuration written to %s: %zu of %zu requested values "
			"took\n#\n", out, rq.n - nfail, rq.n);
	free(data);
	free(out);
	free_requests(&rq);
	kc_tree_free(tree);
	return nfail ? KX_EXIT_FAIL : KX_EXIT_OK;
}
