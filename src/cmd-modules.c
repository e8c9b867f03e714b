/* cmd-modules.c - `kexplore modules`: which Kconfig options build the modules you name, load or have hardware for. */
#include "config.h"

#include "cmd-modules.h"

#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <kexplore/kconfig.h>
#include <kexplore/modmap.h>
#include <kexplore/modplan.h>
#include <kexplore/plan.h>

#include "cmds.h"
#include "common.h"
#include "kmod.h"
#include "modules.h"

void
modules_warn(const char *fmt, ...)
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
		modules_warn("%s%s%s", text ? path : "", text ? ": " : "", err);
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
		modules_warn("%s%s%s", text ? path : "", text ? ": " : "", err);
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
		modules_warn("%s", err);
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
		modules_warn("%s", err);
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
const char *
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

const char *
modules_sym_value(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name);

	if (!s || !kc_sym_defined(s))
		return NULL;
	return kc_sym_string(s);
}

const char *
modules_kind_name(enum kc_mod_kind k)
{
	return k == KC_MOD_CONFIG ? "config" : k == KC_MOD_MODULE ? "module" : "builtin";
}

/* ---- planning ---------------------------------------------------------- */

/* The plan for one module, solved (NULL with *why when it cannot even be asked). */
struct kc_plan *
modules_entry_plan(struct modules_cmd *c, const struct kc_modmap_entry *e,
		   enum kc_plan_status *st, const char **why)
{
	struct kc_plan_opts po = { .allow_off = c->allow_off };
	struct kc_plan *p = kc_plan_new(c->tree);

	if (kc_modplan_request(p, c->tree, c->map, e, c->names, c->nreqs, 0, why) < 0) {
		kc_plan_free(p);
		return NULL;
	}
	*st = kc_plan_solve(p, &po);
	return p;
}

/*
 * best_entry - the entry for a module name: the first one that can be a
 * module (a tristate symbol, or obj-m), else the first one. A loaded module
 * named msr is arch/x86/kernel's (X86_MSR), not the built-in
 * arch/x86/events/msr.o that a bool also builds.
 */
const struct kc_modmap_entry *
modules_best_entry(struct modules_cmd *c, const char *name)
{
	const struct kc_modmap_entry *e, *first = kc_modmap_lookup(c->map, name, 0);
	size_t i, j;

	for (i = 0; (e = kc_modmap_lookup(c->map, name, i)); i++) {
		if (e->kind == KC_MOD_MODULE)
			return e;
		for (j = 0; e->kind == KC_MOD_CONFIG && j < e->nsyms; j++) {
			struct kc_symbol *s = kc_sym_find(c->tree, e->syms[j]);

			if (s && kc_sym_defined(s) && kc_sym_type(s) == KC_TRISTATE)
				return e;
		}
	}
	return first;
}

/* ---- the command ------------------------------------------------------- */

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

			modules_warn("%s", s);
			free(s);
		}
		return -1;
	}
	return 0;
}

/* ---- --enable (--localmodconfig is modules-local.c) -------------------- */

/* Where the plan text goes: stderr when the config or the fragment goes to stdout. */
FILE *
modules_text_stream(const struct modules_args *a)
{
	return (a->out && !strcmp(a->out, "-")) || (a->fragment && !strcmp(a->fragment, "-"))
		       ? stderr : stdout;
}

void
modules_write_config(struct modules_cmd *c, const struct modules_args *a, const char *fragment)
{
	if (a->fragment && fragment) {
		kx_write_output(a->fragment, fragment);
		if (!kx.quiet && strcmp(a->fragment, "-"))
			fprintf(stderr, "kexplore: changes written as a fragment to %s\n", a->fragment);
	}
	kx_write_config(c->tree, a->out);
}

/* A module named on the command line that the tree does not have, with the closest names. */
static void
warn_unknown(struct modules_cmd *c, const char *name)
{
	const char *close[NCLOSEST];
	size_t n = kc_modmap_closest(c->map, name, close, NCLOSEST), i;

	fprintf(stderr, "kexplore: modules: %s: unknown module: no such module in the tree", name);
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s%s", i ? (i + 1 == n ? " or " : ", ") : "; did you mean ",
			close[i]);
	fputs(n ? "?\n" : "\n", stderr);
}

/* Every named module into @plan; unknown or impossible ones are reported. */
void
modules_plan_all(struct modules_cmd *c, struct kc_plan *plan, unsigned flags,
	 const struct kc_modmap_entry **found)
{
	size_t i;

	for (i = 0; i < c->nreqs; i++) {
		const struct kc_modmap_entry *e = modules_best_entry(c, c->reqs[i].name);
		const char *why = NULL;

		found[i] = NULL;
		if (!e) {
			/* named ones must exist; loaded/listed ones may be out of tree */
			bool named = !strcmp(c->reqs[i].sources.v[0], "argument");

			if (named)
				warn_unknown(c, c->reqs[i].name);
			else
				modules_warn("%s: no such module in the tree (out of tree? ignored)",
				     c->reqs[i].name);
			if (named)
				c->status = KX_EXIT_FAIL;
			c->bad_name |= named;
		} else if (kc_modplan_request(plan, c->tree, c->map, e, c->names, c->nreqs, flags, &why) < 0) {
			modules_warn("%s: %s", c->reqs[i].name, why);
			c->status = KX_EXIT_FAIL;
		} else {
			found[i] = e;
		}
	}
}

static int
run_enable(struct modules_cmd *c, const struct modules_args *a)
{
	const struct kc_modmap_entry **found = calloc(c->nreqs + 1, sizeof(*found));
	struct kc_plan_opts po = { .allow_off = c->allow_off };
	struct kc_plan *plan = kc_plan_new(c->tree);
	enum kc_plan_status st;
	char *text;

	if (!found)
		abort();
	modules_plan_all(c, plan, 0, found);
	if (c->status != KX_EXIT_OK) {
		/* no plan text: "Nothing to do" for a misspelt name reads like success */
		fprintf(stderr, "kexplore: nothing written: a named module is unknown or cannot be "
			"built on this architecture\n");
		kc_plan_free(plan);
		free(found);
		return KX_EXIT_FAIL;
	}
	st = kc_plan_solve(plan, &po);
	text = c->json ? kc_plan_json(plan) : kc_plan_text(plan);
	fputs(text, modules_text_stream(a));
	free(text);
	if (st == KC_PLAN_OK) {
		char *frag = kc_plan_fragment(plan);

		if (kc_plan_apply(plan) != KC_OK)
			kx_die("the plan could not be applied (the tree refused a step)");
		if (kc_plan_nsteps(plan) || a->out)	/* as enable --apply: nothing to write */
			modules_write_config(c, a, frag);
		free(frag);
	} else if (st == KC_PLAN_NEEDS_OFF) {
		fprintf(stderr, "kexplore: not applied: the plan turns %zu value%s off; "
			"rerun with --allow-off to accept that\n", kc_plan_noff(plan),
			kc_plan_noff(plan) == 1 ? "" : "s");
	} else {
		fprintf(stderr, "kexplore: not applied: no plan builds every module\n");
	}
	kc_plan_free(plan);
	free(found);
	return st == KC_PLAN_OK ? c->status : KX_EXIT_FAIL;
}

static int
parse_args(struct modules_cmd *c, struct modules_args *a, int argc, char **argv)
{
	enum { O_SYSFS = 256, O_LSMOD, O_LSPCI, O_ROOT, O_MODDIR, O_LOCALMOD, O_ALLOW_OFF,
	       O_FRAGMENT, O_LOCALYES };
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
		{ "localmodconfig", no_argument, NULL, O_LOCALMOD },
		{ "localyesconfig", no_argument, NULL, O_LOCALYES },
		{ "allow-off", no_argument, NULL, O_ALLOW_OFF },
		{ "output", required_argument, NULL, 'o' },
		{ "fragment", required_argument, NULL, O_FRAGMENT },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	optind = 0;	/* re-initialise: options may follow the names */
	while ((ch = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
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
		case O_LOCALMOD: a->localmod = true; break;
		case O_LOCALYES: a->localmod = a->localyes = true; break;
		case O_ALLOW_OFF: c->allow_off = true; break;
		case 'o': a->out = optarg; break;
		case O_FRAGMENT: a->fragment = optarg; break;
		case 'h':
			cmd_help_for("modules");
			return 1;
		default:
			fputs("See 'kexplore help modules'.\n", stderr);
			return -1;
		}
	}
	if (optind == argc && !a->loaded && !a->hardware && !a->lsmod && !a->lspci) {
		cmd_help_print(stderr, "modules");
		return -1;
	}
	if (a->enable && a->localmod) {
		fputs("kexplore: modules: --enable and --localmodconfig exclude each other\n", stderr);
		return -1;
	}
	if ((a->out || a->fragment) && !a->enable && !a->localmod) {
		fputs("kexplore: modules: -o and --fragment go with --enable or --localmodconfig\n",
		      stderr);
		return -1;
	}
	return 0;
}

/* A module name typed in capitals (IWLWIFI, Snd-Hda-Intel): the tree's name in lower case, when
 * the name as typed is unknown (a few modules have capitals: BusLogic). Borrowed from argv or the map. */
static const char *
typed_name(struct modules_cmd *c, char *name)
{
	const struct kc_modmap_entry *e;
	char *low = strdup(name), *p;

	if (!low)
		abort();
	for (p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	e = kc_modmap_lookup(c->map, name, 0) ? NULL : kc_modmap_lookup(c->map, low, 0);
	free(low);
	return e ? e->name : name;
}

/* Collect every requested name; returns -1 if a source failed. */
static int
gather(struct modules_cmd *c, struct modules_args *a, int argc, char **argv)
{
	struct sysmod_ctx *ctx = NULL;
	int r = 0, i;

	for (i = optind; i < argc; i++)
		add_request(c, typed_name(c, argv[i]), "argument");
	if (a->lsmod && gather_lsmod(c, a->lsmod) < 0)
		r = -1;
	if (a->lspci && gather_lspci(c, a->lspci) < 0)
		r = -1;
	if (a->loaded || a->hardware) {
		char *err = NULL;

		if (sysmod_open(&a->kmod, &ctx, &err) < 0) {
			modules_warn("%s", err);
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
	free(c->names);
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
	if (load_map(&c) < 0) {
		cmd_done(&c);
		return KX_EXIT_FAIL;
	}
	r = gather(&c, &a, argc, argv);
	c.names = calloc(c.nreqs + 1, sizeof(*c.names));
	if (!c.names)
		abort();
	for (size_t i = 0; i < c.nreqs; i++)
		c.names[i] = c.reqs[i].name;
	if (r < 0) {
		c.status = KX_EXIT_FAIL;
		if (a.enable || a.localmod) {
			/* a typo in --lsmod would otherwise switch every module off */
			fputs("kexplore: modules: nothing written: an input could not be read\n",
			      stderr);
			cmd_done(&c);
			return KX_EXIT_FAIL;
		}
	}
	if (a.enable)
		c.status = run_enable(&c, &a);
	else if (a.localmod)
		c.status = modules_localmod(&c, &a);
	else
		modules_report(&c);
	cmd_done(&c);
	return c.status;
}

int
cmd_modules(int argc, char **argv)
{
	struct kc_tree *tree;
	int r;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		cmd_help_for("modules");
		return KX_EXIT_OK;
	}
	tree = kx_load_tree();
	kx_read_config(tree, true);
	kx_print_diags(tree);
	r = modules_run(tree, argc, argv);
	kc_tree_free(tree);
	return r;
}
