/* cmd-modules.c - `kexplore modules`: which Kconfig options build the modules you name, load or have hardware for. */
#include "config.h"

#include "cmd-modules.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/kconfig.h>
#include <kexplore/modmap.h>

#include "common.h"
#include "kmod.h"

#define NCLOSEST 5
#define TEXT_ANYOF_MAX 3
#define PLANNER_NOTE "planner not available yet"

static const char usage[] =
	"usage: kexplore [-C TREE] [--arch A] [--config F] modules [options] [NAME...]\n"
	"  NAME...            module names (snd_hda_intel, snd-hda-intel, iwlwifi.ko)\n"
	"  --loaded           the modules loaded now\n"
	"  --hardware         the modules this machine's devices ask for (sysfs modalias)\n"
	"  --sysfs DIR        devices folder for --hardware (default /sys/devices)\n"
	"  --lsmod FILE       module names from saved `lsmod` output\n"
	"  --lspci FILE       drivers and modules from saved `lspci -k` output\n"
	"  --root DIR         use the module indexes of the system mounted at DIR\n"
	"  --modules-dir DIR  use the module indexes in DIR (modules.alias.bin, ...)\n"
	"  --json             machine-readable output\n"
	"  --enable           change the config so that they are built (needs the planner)\n";

/* One module name to report, with where it came from. */
struct request {
	char *name;
	struct sysmod_names sources;
};

struct modules_cmd {
	struct kc_tree *tree;
	struct kc_modmap *map;
	bool json;
	struct request *reqs;
	size_t nreqs, capreqs;
	struct sysmod_devices devices;		/* from --hardware and --lspci */
	struct sysmod_names unresolved;		/* "driver X (device): why" notes */
	int status;
};

static void
warn(const char *fmt, ...)
{
	va_list ap;

	fputs("kexplore: modules: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
add_request(struct modules_cmd *c, const char *name, const char *source)
{
	struct request *r;
	size_t i;

	for (i = 0; i < c->nreqs; i++)
		if (kc_modmap_name_eq(c->reqs[i].name, name)) {
			sysmod_names_add(&c->reqs[i].sources, source);
			return;
		}
	if (c->nreqs == c->capreqs) {
		c->capreqs = c->capreqs ? c->capreqs * 2 : 16;
		c->reqs = realloc(c->reqs, c->capreqs * sizeof(*c->reqs));
		if (!c->reqs)
			abort();
	}
	r = &c->reqs[c->nreqs++];
	memset(r, 0, sizeof(*r));
	r->name = strdup(name);
	if (!r->name)
		abort();
	sysmod_names_add(&r->sources, source);
}

/* ---- gathering names --------------------------------------------------- */

static int
gather_lsmod(struct modules_cmd *c, const char *path)
{
	struct sysmod_names names = { 0 };
	char *err = NULL, *text = sysmod_read_file(path, &err);
	size_t i;

	if (!text || sysmod_parse_lsmod(text, &names, &err) < 0) {
		warn("%s%s%s", text ? path : "", text ? ": " : "", err);
		free(err);
		free(text);
		return -1;
	}
	for (i = 0; i < names.n; i++)
		add_request(c, names.v[i], "lsmod");
	sysmod_names_free(&names);
	free(text);
	return 0;
}

/* A driver name that is no module name: noted, with what the device lists instead. */
static void
note_driver(struct modules_cmd *c, const struct sysmod_device *d)
{
	char *note = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&note, &n);

	fprintf(f, "driver %s (%s): no module of that name in the tree", d->driver, d->id);
	if (d->modules.n)
		fprintf(f, "; the device lists %s%s", d->modules.v[0],
			d->modules.n > 1 ? " and others" : "");
	else
		fprintf(f, "; built into that kernel, or out of tree");
	fclose(f);
	sysmod_names_add(&c->unresolved, note);
	free(note);
}

static int
gather_lspci(struct modules_cmd *c, const char *path)
{
	char *err = NULL, *text = sysmod_read_file(path, &err);
	size_t first = c->devices.n, i, j;

	if (!text || sysmod_parse_lspci(text, &c->devices, &err) < 0) {
		warn("%s%s%s", text ? path : "", text ? ": " : "", err);
		free(err);
		free(text);
		return -1;
	}
	free(text);
	for (i = first; i < c->devices.n; i++) {
		const struct sysmod_device *d = &c->devices.v[i];

		if (d->driver && kc_modmap_lookup(c->map, d->driver, 0))
			add_request(c, d->driver, "lspci driver in use");
		else if (d->driver)
			note_driver(c, d);
		for (j = 0; j < d->modules.n; j++)
			add_request(c, d->modules.v[j], "lspci");
	}
	return 0;
}

static int
gather_hardware(struct modules_cmd *c, struct sysmod_ctx *ctx, const char *sysfs)
{
	char *err = NULL;
	size_t first = c->devices.n, i, j;

	if (sysmod_load_indexes(ctx, &err) < 0 ||
	    sysmod_hardware(ctx, sysfs, &c->devices, &err) < 0) {
		warn("%s", err);
		free(err);
		return -1;
	}
	for (i = first; i < c->devices.n; i++) {
		const struct sysmod_device *d = &c->devices.v[i];

		if (d->driver_module)
			add_request(c, d->driver_module, "hardware driver in use");
		else if (d->driver && kc_modmap_lookup(c->map, d->driver, 0))
			add_request(c, d->driver, "hardware driver in use");
		for (j = 0; j < d->modules.n; j++)
			add_request(c, d->modules.v[j], "hardware");
	}
	return 0;
}

static int
gather_loaded(struct modules_cmd *c, struct sysmod_ctx *ctx)
{
	struct sysmod_names names = { 0 };
	char *err = NULL;
	size_t i;

	if (sysmod_loaded(ctx, &names, &err) < 0) {
		warn("%s", err);
		free(err);
		return -1;
	}
	for (i = 0; i < names.n; i++)
		add_request(c, names.v[i], "loaded");
	sysmod_names_free(&names);
	return 0;
}

/* ---- describing a symbol ----------------------------------------------- */

/* Why (not) a module: a static phrase, or an allocated one in *buf. */
static const char *
module_ability(struct kc_tree *tree, struct kc_symbol *s, bool *can, char **buf)
{
	struct kc_symbol *modules = kc_tree_modules_sym(tree);

	*can = false;
	*buf = NULL;
	if (!s || !kc_sym_defined(s))
		return "not in this architecture's Kconfig";
	if (kc_sym_type(s) != KC_TRISTATE)
		return kc_sym_type(s) == KC_BOOL ? "bool: built in only" : "not a bool or tristate";
	if (kc_sym_assignable(s) & (1u << KC_M)) {
		*can = true;
		return "can be a module";
	}
	if (modules && kc_sym_tristate(modules) == KC_N)
		return "tristate, but MODULES is off";
	if (kc_sym_dir_dep_value(s) == KC_N) {
		char *e = kc_expr_str(tree, kc_sym_dir_dep(s), true);
		size_t n = strlen(e) + 64;

		*buf = malloc(n);
		if (!*buf)
			abort();
		snprintf(*buf, n, "tristate; its dependencies are off: %s", e);
		free(e);
		return *buf;
	}
	if (kc_sym_rev_dep_value(s) == KC_Y)
		return "tristate, but selected =y by another option";
	*can = true;	/* a tristate whose dependencies allow m */
	if (kc_sym_visibility(s) == KC_N)
		return "tristate without a visible prompt: its default or a select sets it";
	return "tristate, m not selectable as things stand";
}

static const char *
sym_value(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name);

	if (!s || !kc_sym_defined(s))
		return NULL;
	return kc_sym_string(s);
}

static const char *
kind_name(enum kc_mod_kind k)
{
	return k == KC_MOD_CONFIG ? "config" : k == KC_MOD_MODULE ? "module" : "builtin";
}

/* ---- text output ------------------------------------------------------- */

static void
text_syms(struct kc_tree *tree, const char *const *syms, size_t n, const char *sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *v = sym_value(tree, syms[i]);

		if (v)
			printf("%sCONFIG_%s=%s", i ? sep : "", syms[i], v);
		else
			printf("%sCONFIG_%s (not in Kconfig)", i ? sep : "", syms[i]);
	}
}

/*
 * An any-of link: short ones in full; long ones (drivers/usb/host has 14
 * symbols) by the members that are on, else the first few, and a count.
 */
static void
text_anyof(struct kc_tree *tree, const struct kc_modmap_link *l)
{
	const char *show[TEXT_ANYOF_MAX];
	size_t n = 0, i;

	if (l->nsyms == 1 || l->nsyms <= TEXT_ANYOF_MAX) {
		fputs(l->nsyms > 1 ? "(" : "", stdout);
		text_syms(tree, l->syms, l->nsyms, " | ");
		fputs(l->nsyms > 1 ? ")" : "", stdout);
		return;
	}
	for (i = 0; i < l->nsyms && n < TEXT_ANYOF_MAX; i++) {
		const char *v = sym_value(tree, l->syms[i]);

		if (v && (!strcmp(v, "y") || !strcmp(v, "m")))
			show[n++] = l->syms[i];
	}
	for (i = 0; !n && i < TEXT_ANYOF_MAX; i++)
		show[i] = l->syms[i];
	if (!n)
		n = TEXT_ANYOF_MAX;
	printf("(");
	text_syms(tree, show, n, " | ");
	printf(" | %zu more)", l->nsyms - n);
}

static void
text_entry(struct modules_cmd *c, const struct request *r, const struct kc_modmap_entry *e)
{
	size_t i;

	printf("%s", e->name);
	if (r->sources.n && strcmp(r->sources.v[0], "argument")) {
		printf(" (from ");
		for (i = 0; i < r->sources.n; i++)
			printf("%s%s", i ? ", " : "", r->sources.v[i]);
		printf(")");
	}
	printf("\n");
	for (i = 0; i < e->nsyms; i++) {
		struct kc_symbol *s = kc_sym_find(c->tree, e->syms[i]);
		bool can;
		char *buf;
		const char *why = module_ability(c->tree, s, &can, &buf);

		printf("  %-8s ", i ? "or:" : "symbol:");
		text_syms(c->tree, &e->syms[i], 1, "");
		printf("  %s\n", why);
		free(buf);
	}
	if (!e->nsyms)
		printf("  symbol:  none: %s\n", e->kind == KC_MOD_MODULE ?
		       "obj-m, a module whenever its directory is built" :
		       "obj-y, built in whenever its directory is built");
	printf("  source:  %s (%s:%d)\n", *e->dir ? e->dir : ".", e->file, e->line);
	if (e->nchain) {
		printf("  needs:   ");
		for (i = 0; i < e->nchain; i++) {
			printf("%s", i ? "  " : "");
			text_anyof(c->tree, &e->chain[i]);
		}
		printf("\n");
	}
	if (e->nparts) {
		printf("  adds:    ");
		text_syms(c->tree, e->parts, e->nparts, "  ");
		printf("\n");
	}
	printf("  enable:  (%s)\n", PLANNER_NOTE);
}

static void
text_unknown(struct modules_cmd *c, const struct request *r)
{
	const char *close[NCLOSEST];
	size_t n = kc_modmap_closest(c->map, r->name, close, NCLOSEST), i;

	printf("%s: no such module in the tree", r->name);
	if (n) {
		printf("; did you mean ");
		for (i = 0; i < n; i++)
			printf("%s%s", i ? (i + 1 == n ? " or " : ", ") : "", close[i]);
		printf("?");
	}
	printf("\n");
}

static void
text_devices(struct modules_cmd *c)
{
	size_t i, j, shown = 0;

	for (i = 0; i < c->devices.n; i++) {
		const struct sysmod_device *d = &c->devices.v[i];

		if (d->driver)
			continue;
		if (!shown++)
			printf("\ndevices without a driver:\n");
		printf("  %s", d->id);
		if (d->modalias)
			printf("  %s", d->modalias);
		if (d->description)
			printf("  %s", d->description);
		printf("\n    ");
		for (j = 0; j < d->modules.n; j++)
			printf("%s%s", j ? ", " : "modules: ", d->modules.v[j]);
		printf("%s\n", d->modules.n ? "" : "no module matches");
	}
	for (i = 0; i < c->unresolved.n; i++)
		printf("%s%s\n", i ? "" : "\n", c->unresolved.v[i]);
}

/* ---- JSON output ------------------------------------------------------- */

static void
json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch == '\n')
			fputs("\\n", stdout);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static void
json_names(const char *const *v, size_t n)
{
	size_t i;

	putchar('[');
	for (i = 0; i < n; i++) {
		if (i)
			putchar(',');
		json_str(v[i]);
	}
	putchar(']');
}

static void
json_syms(struct kc_tree *tree, const char *const *syms, size_t n, bool ability)
{
	size_t i;

	putchar('[');
	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_sym_find(tree, syms[i]);

		printf("%s{\"name\":", i ? "," : "");
		json_str(syms[i]);
		printf(",\"value\":");
		json_str(sym_value(tree, syms[i]));
		if (ability) {
			bool can;
			char *buf;
			const char *why = module_ability(tree, s, &can, &buf);

			printf(",\"type\":");
			json_str(s && kc_sym_defined(s) ? kc_type_name(kc_sym_type(s)) : NULL);
			printf(",\"can_be_module\":%s,\"why\":", can ? "true" : "false");
			json_str(why);
			free(buf);
		}
		putchar('}');
	}
	putchar(']');
}

static void
json_entry(struct modules_cmd *c, const struct kc_modmap_entry *e)
{
	size_t i;

	printf(",\"found\":true,\"module\":");
	json_str(e->name);
	printf(",\"kind\":\"%s\",\"symbols\":", kind_name(e->kind));
	json_syms(c->tree, e->syms, e->nsyms, true);
	printf(",\"dir\":");
	json_str(e->dir);
	printf(",\"file\":");
	json_str(e->file);
	printf(",\"line\":%d,\"chain\":[", e->line);
	for (i = 0; i < e->nchain; i++) {
		printf("%s{\"dir\":", i ? "," : "");
		json_str(e->chain[i].dir);
		printf(",\"any_of\":");
		json_syms(c->tree, e->chain[i].syms, e->chain[i].nsyms, false);
		putchar('}');
	}
	printf("],\"adds\":");
	json_syms(c->tree, e->parts, e->nparts, false);
	printf(",\"enable\":null,\"enable_note\":\"%s\"", PLANNER_NOTE);
}

static void
json_request(struct modules_cmd *c, const struct request *r, const struct kc_modmap_entry *e)
{
	printf("{\"name\":");
	json_str(r->name);
	printf(",\"sources\":");
	json_names((const char *const *)r->sources.v, r->sources.n);
	if (e) {
		json_entry(c, e);
	} else {
		const char *close[NCLOSEST];
		size_t n = kc_modmap_closest(c->map, r->name, close, NCLOSEST);

		printf(",\"found\":false,\"closest\":");
		json_names(close, n);
	}
	putchar('}');
}

static void
json_devices(struct modules_cmd *c)
{
	size_t i;

	printf("],\"devices\":[");
	for (i = 0; i < c->devices.n; i++) {
		const struct sysmod_device *d = &c->devices.v[i];

		printf("%s{\"id\":", i ? ",\n" : "");
		json_str(d->id);
		printf(",\"description\":");
		json_str(d->description);
		printf(",\"modalias\":");
		json_str(d->modalias);
		printf(",\"driver\":");
		json_str(d->driver);
		printf(",\"driver_module\":");
		json_str(d->driver_module);
		printf(",\"modules\":");
		json_names((const char *const *)d->modules.v, d->modules.n);
		putchar('}');
	}
	printf("],\"notes\":");
	json_names((const char *const *)c->unresolved.v, c->unresolved.n);
}

/* ---- the command ------------------------------------------------------- */

static void
report(struct modules_cmd *c)
{
	size_t i;

	if (c->json)
		printf("{\"modules\":[");
	for (i = 0; i < c->nreqs; i++) {
		const struct request *r = &c->reqs[i];
		const struct kc_modmap_entry *e = kc_modmap_lookup(c->map, r->name, 0);

		if (!e)
			c->status = 1;
		if (c->json) {
			printf("%s", i ? ",\n" : "\n");
			json_request(c, r, e);
		} else if (e) {
			text_entry(c, r, e);
		} else {
			text_unknown(c, r);
		}
	}
	if (c->json) {
		json_devices(c);
		printf("}\n");
	} else {
		text_devices(c);
	}
}

static int
load_map(struct modules_cmd *c)
{
	struct kc_modmap_opts opts = { 0 };
	size_t i;

	opts.srctree = kc_tree_srctree(c->tree);
	opts.srcarch = kc_tree_srcarch(c->tree);
	if (kc_modmap_load(&opts, &c->map) != KC_OK) {
		for (i = 0; c->map && i < kc_modmap_ndiags(c->map); i++) {
			char *s = kc_diag_format(kc_modmap_diag(c->map, i));

			warn("%s", s);
			free(s);
		}
		return -1;
	}
	return 0;
}

struct modules_args {
	bool loaded, hardware, enable;
	const char *sysfs, *lsmod, *lspci;
	struct sysmod_opts kmod;
};

static int
parse_args(struct modules_cmd *c, struct modules_args *a, int argc, char **argv)
{
	enum { O_SYSFS = 256, O_LSMOD, O_LSPCI, O_ROOT, O_MODDIR };
	static const struct option longopts[] = {
		{ "loaded", no_argument, NULL, 'l' },
		{ "hardware", no_argument, NULL, 'H' },
		{ "json", no_argument, NULL, 'j' },
		{ "enable", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "sysfs", required_argument, NULL, O_SYSFS },
		{ "lsmod", required_argument, NULL, O_LSMOD },
		{ "lspci", required_argument, NULL, O_LSPCI },
		{ "root", required_argument, NULL, O_ROOT },
		{ "modules-dir", required_argument, NULL, O_MODDIR },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': a->loaded = true; break;
		case 'H': a->hardware = true; break;
		case 'j': c->json = true; break;
		case 'e': a->enable = true; break;
		case O_SYSFS: a->sysfs = optarg; break;
		case O_LSMOD: a->lsmod = optarg; break;
		case O_LSPCI: a->lspci = optarg; break;
		case O_ROOT: a->kmod.root = optarg; break;
		case O_MODDIR: a->kmod.modules_dir = optarg; break;
		case 'h':
			fputs(usage, stdout);
			return 1;
		default:
			fputs(usage, stderr);
			return -1;
		}
	}
	if (optind == argc && !a->loaded && !a->hardware && !a->lsmod && !a->lspci) {
		fputs(usage, stderr);
		return -1;
	}
	return 0;
}

/* Collect every requested name; returns -1 if a source failed. */
static int
gather(struct modules_cmd *c, struct modules_args *a, int argc, char **argv)
{
	struct sysmod_ctx *ctx = NULL;
	int r = 0, i;

	for (i = optind; i < argc; i++)
		add_request(c, argv[i], "argument");
	if (a->lsmod && gather_lsmod(c, a->lsmod) < 0)
		r = -1;
	if (a->lspci && gather_lspci(c, a->lspci) < 0)
		r = -1;
	if (a->loaded || a->hardware) {
		char *err = NULL;

		if (sysmod_open(&a->kmod, &ctx, &err) < 0) {
			warn("%s", err);
			free(err);
			return -1;
		}
		if (a->loaded && gather_loaded(c, ctx) < 0)
			r = -1;
		if (a->hardware && gather_hardware(c, ctx, a->sysfs) < 0)
			r = -1;
		sysmod_close(ctx);
	}
	return r;
}

static void
cmd_done(struct modules_cmd *c)
{
	size_t i;

	for (i = 0; i < c->nreqs; i++) {
		free(c->reqs[i].name);
		sysmod_names_free(&c->reqs[i].sources);
	}
	free(c->reqs);
	sysmod_devices_free(&c->devices);
	sysmod_names_free(&c->unresolved);
	kc_modmap_free(c->map);
}

int
modules_run(struct kc_tree *tree, int argc, char **argv)
{
	struct modules_cmd c = { .tree = tree };
	struct modules_args a = { 0 };
	int r = parse_args(&c, &a, argc, argv);

	if (r)
		return r < 0 ? KX_EXIT_USAGE : KX_EXIT_OK;
	if (a.enable) {
		warn("--enable: %s (the plan for these modules cannot be computed)", PLANNER_NOTE);
		return KX_EXIT_USAGE;
	}
	if (load_map(&c) < 0) {
		cmd_done(&c);
		return KX_EXIT_FAIL;
	}
	if (gather(&c, &a, argc, argv) < 0)
		c.status = KX_EXIT_FAIL;
	report(&c);
	cmd_done(&c);
	return c.status;
}

int
cmd_modules(int argc, char **argv)
{
	struct kc_tree *tree;
	int r;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return KX_EXIT_OK;
	}
	tree = kx_load_tree();
	kx_read_config(tree, true);
	kx_print_diags(tree);
	r = modules_run(tree, argc, argv);
	kc_tree_free(tree);
	return r;
}
