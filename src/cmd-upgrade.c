/* cmd-upgrade.c - kexplore upgrade: what a config written for one tree becomes on another. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/upgrade.h"
#include "tui/tui.h"

struct upgrade_opts {
	const char *to;		/* --to NEWTREE */
	bool json;
	bool tui;
};

static void
parse_opts(int argc, char **argv, struct upgrade_opts *o)
{
	enum { OPT_TO = 256, OPT_JSON, OPT_TUI, OPT_CONFIG };
	static const struct option longopts[] = {
		{ "to", required_argument, NULL, OPT_TO },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "tui", no_argument, NULL, OPT_TUI },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_TO: o->to = optarg; break;
		case OPT_CONFIG: kx.config = optarg; break;
		case OPT_JSON: o->json = true; break;
		case OPT_TUI: o->tui = true; break;
		case 'h':
			cmd_help_for("upgrade");
			exit(KX_EXIT_OK);
		default:
			kx_usage_error("upgrade", "bad option");
		}
	}
	if (optind != argc)
		kx_usage_error("upgrade", "unexpected argument '%s'", argv[optind]);
	if (!o->to)
		kx_usage_error("upgrade", "--to NEWTREE is required");
	if (o->json && o->tui)
		kx_usage_error("upgrade", "--json and --tui exclude each other");
}

/* An assignment as .config writes it; NULL (no line) for a bool reads as n. */
static void
put_assign(FILE *f, const char *name, const struct kc_symbol *s, const char *v)
{
	if (!v)
		fprintf(f, "CONFIG_%s (no line)", name);
	else if (s && kc_sym_type(s) == KC_STRING)
		fprintf(f, "CONFIG_%s=\"%s\"", name, v);
	else if (!strcmp(v, "n"))
		fprintf(f, "# CONFIG_%s is not set", name);
	else
		fprintf(f, "CONFIG_%s=%s", name, v);
}

static void
put_why(FILE *f, const struct kc_upgrade_item *it)
{
	if (!it->why || !*it->why)
		return;
	fprintf(f, "      %s", it->why);
	if (it->why_file)
		fprintf(f, "  (%s:%d)", it->why_file, it->why_line);
	fputc('\n', f);
}

static void
put_plan(FILE *f, const struct kc_upgrade_item *it)
{
	const char *p = it->plan, *nl;

	if (!it->plan_possible) {
		fprintf(f, "      no plan gets it back: %s\n", it->plan_note);
		return;
	}
	fprintf(f, "      to get it back (%s):\n", it->plan_note);
	for (; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p) - 1;
		fprintf(f, "        %.*s\n", (int)(nl - p + (*nl != '\n')), p);
	}
}

static void
put_item(FILE *f, const struct kc_upgrade_item *it)
{
	fputs("  ", f);
	switch (it->kind) {
	case KC_UP_GONE:
		put_assign(f, it->name, it->old_sym, it->old_value);
		if (it->line)
			fprintf(f, "  (config line %d)", it->line);
		fputc('\n', f);
		return;
	case KC_UP_RENAMED:
		put_assign(f, it->name, it->old_sym, it->old_value);
		fprintf(f, "  ->  ");
		put_assign(f, kc_sym_name(it->new_sym), it->new_sym, it->new_value);
		fprintf(f, "  (%s)\n", it->how);
		return;
	case KC_UP_NEW:
		put_assign(f, it->name, it->new_sym, it->new_value);
		fputc('\n', f);
		put_why(f, it);
		return;
	case KC_UP_CHANGED:
	case KC_UP_LOST:
		fprintf(f, "CONFIG_%s: %s -> %s", it->name, it->old_value ? it->old_value : "(no line)",
			it->new_value ? it->new_value : "(no line)");
		if (it->kind == KC_UP_LOST)
			fprintf(f, "  (config line %d asks for %s)", it->line, it->file_value);
		fputc('\n', f);
		put_why(f, it);
		if (it->kind == KC_UP_LOST)
			put_plan(f, it);
	}
}

static const char *const headings[] = {
	"Gone: set by the config, not defined in the new tree",
	"Renamed: gone under the old name, found under a new one",
	"New: asked for by the new tree (make listnewconfig), with the value each gets and why",
	"Changed: values that follow differently on the new tree",
	"Lost: the config's own values that no longer take, and the plan to get them back",
};

static const char *
version_of(const struct kc_tree *t)
{
	const char *v = kc_tree_kernelversion(t);

	return v && *v ? v : "version unknown";
}

static void
print_text(FILE *f, const struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *new_tree)
{
	size_t i, k;

	fprintf(f, "Upgrade from %s (Linux %s) to %s (Linux %s), ARCH=%s\n",
		kc_tree_srctree(old_tree), version_of(old_tree), kc_tree_srctree(new_tree),
		version_of(new_tree), kc_tree_arch(new_tree));
	for (k = 0; k <= KC_UP_LOST; k++)
		fprintf(f, "%s%zu %s", k ? ", " : "", kc_upgrade_count(u, k), kc_upgrade_kind_name(k));
	fputc('\n', f);
	for (k = 0; k <= KC_UP_LOST; k++) {
		if (!kc_upgrade_count(u, k))
			continue;
		fprintf(f, "\n%s:\n", headings[k]);
		for (i = 0; i < kc_upgrade_nitems(u); i++)
			if (kc_upgrade_item(u, i)->kind == k)
				put_item(f, kc_upgrade_item(u, i));
	}
}

/* The new tree is loaded with the same global options, only -C differs. */
static struct kc_tree *
load_new_tree(const char *to)
{
	const char *saved = kx.tree;
	struct kc_tree *t;

	kx.tree = to;
	t = kx_load_tree();
	kx.tree = saved;
	return t;
}

/* upgrade_text - the report as text, for the TUI view (caller frees). */
static char *
upgrade_text(const struct kc_upgrade *u, struct kc_tree *old_tree, struct kc_tree *new_tree)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		kx_die("out of memory");
	print_text(f, u, old_tree, new_tree);
	fclose(f);
	return buf;
}

static int
run_tui(struct kc_tree *new_tree, const char *text)
{
	struct tui_opts to = { 0 };
	char *path = kx_config_path();
	int rc;

	to.script = getenv("KEXPLORE_SCRIPT");
	to.config_path = path;
	to.report_title = "Upgrade";
	to.report_text = text;
	rc = tui_main(new_tree, &to);
	free(path);
	return rc;
}

int
cmd_upgrade(int argc, char **argv)
{
	struct upgrade_opts o = { 0 };
	struct kc_tree *old_tree, *new_tree;
	struct kc_upgrade *u;
	char *path, *text;
	int rc = KX_EXIT_OK;

	parse_opts(argc, argv, &o);
	path = kx_config_path();
	old_tree = kx_load_tree();
	if (!kx_read_config(old_tree, false))
		kx_die("%s: no such config (give the old config with --config FILE)", path);
	new_tree = load_new_tree(o.to);
	if (kc_config_read(new_tree, path) != KC_OK)
		kx_die("%s: cannot read", path);
	kc_tree_clear_diags(new_tree);	/* symbols unknown there are reported as gone */
	u = kc_upgrade_compute(old_tree, new_tree);
	if (o.json) {
		text = kc_upgrade_json(u);
		fputs(text, stdout);
	} else {
		text = upgrade_text(u, old_tree, new_tree);
		if (o.tui)
			rc = run_tui(new_tree, text);
		else
			fputs(text, stdout);
	}
	free(text);
	kc_upgrade_free(u);
	kc_tree_free(new_tree);
	kc_tree_free(old_tree);
	free(path);
	return rc;
}
