/* cmd-modules.c - `kexplore modules`: which Kconfig options build the modules you name, load or have hardware for. */
#include "config.h"

#include "cmd-modules.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <kexplore/kconfig.h>
#include <kexplore/modmap.h>
#include <kexplore/plan.h>

#include "common.h"
#include "kmod.h"

#define NCLOSEST 5
#define TEXT_ANYOF_MAX 3

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
	"  --enable           change the config so that all of them are built (one plan)\n"
	"  --localmodconfig   keep (and enable) these modules, switch every other module off\n"
	"  --localyesconfig   as --localmodconfig, and build the kept modules in (m -> y)\n"
	"  -o FILE            with --enable/--localmodconfig: write the config there (default: --config)\n"
	"  --allow-off        let the plan turn symbols off (y->m, y->n, m->n) to reach them\n"
	"  --fragment FILE    with --enable/--localmodconfig: also write the changes as a fragment\n";

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
	bool allow_off;
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

/* ---- planning ---------------------------------------------------------- */

static bool
is_boolish(struct kc_symbol *s)
{
	return s && kc_sym_defined(s) &&
	       (kc_sym_type(s) == KC_BOOL || kc_sym_type(s) == KC_TRISTATE);
}

static bool
sym_on(struct kc_tree *tree, const char *name)
{
	struct kc_symbol *s = kc_sym_find(tree, name);

	return is_boolish(s) && kc_sym_tristate(s) != KC_N;
}

/* The value to ask for: bools (and objects only ever built in) need y; "m" means m or y. */
static const char *
want_value(struct kc_symbol *s, const struct kc_modmap_entry *e)
{
	return kc_sym_type(s) == KC_BOOL || e->kind == KC_MOD_BUILTIN ? "y" : "m";
}

/* Of several symbols (any of them will do): one that is on, else the first this arch defines. */
static struct kc_symbol *
pick_sym(struct kc_tree *tree, const char *const *syms, size_t n)
{
	struct kc_symbol *first = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		struct kc_symbol *s = kc_sym_find(tree, syms[i]);

		if (!is_boolish(s))
			continue;
		if (kc_sym_tristate(s) != KC_N)
			return s;
		if (!first)
			first = s;
	}
	return first;
}

/* Whether the module is built as the config stands: its symbol and every directory link are on. */
static bool
entry_built(struct kc_tree *tree, const struct kc_modmap_entry *e)
{
	size_t i, j;
	bool on;

	if (e->nsyms) {
		struct kc_symbol *s = pick_sym(tree, e->syms, e->nsyms);

		if (!s || kc_sym_tristate(s) == KC_N ||
		    (e->kind == KC_MOD_BUILTIN && kc_sym_tristate(s) != KC_Y))
			return false;
	}
	for (i = 0; i < e->nchain; i++) {
		for (on = false, j = 0; j < e->chain[i].nsyms && !on; j++)
			on = sym_on(tree, e->chain[i].syms[j]);
		if (!on)
			return false;
	}
	return true;
}

/*
 * add_entry_requests - ask @plan for what builds @e: its symbol and, for each
 * directory link none of whose symbols is on, the first one defined here.
 * Return 0, or -1 with *why when this architecture has no symbol for it.
 */
static int
add_entry_requests(struct kc_plan *plan, struct kc_tree *tree, const struct kc_modmap_entry *e,
		   unsigned flags, const char **why)
{
	struct kc_symbol *s;
	size_t i;

	if (e->nsyms) {
		s = pick_sym(tree, e->syms, e->nsyms);
		if (!s) {
			*why = "its symbol is not in this architecture's Kconfig";
			return -1;
		}
		kc_plan_add(plan, s, want_value(s, e), KC_WANT_AT_LEAST, flags);
	}
	for (i = 0; i < e->nchain; i++) {
		s = pick_sym(tree, e->chain[i].syms, e->chain[i].nsyms);
		if (!s) {
			*why = "its directory's symbol is not in this architecture's Kconfig";
			return -1;
		}
		if (kc_sym_tristate(s) == KC_N)
			kc_plan_add(plan, s, kc_sym_type(s) == KC_BOOL ? "y" : "m",
				    KC_WANT_AT_LEAST, flags);
	}
	return 0;
}

/* The plan for one module, solved (NULL with *why when it cannot even be asked). */
static struct kc_plan *
entry_plan(struct modules_cmd *c, const struct kc_modmap_entry *e, enum kc_plan_status *st,
	   const char **why)
{
	struct kc_plan_opts po = { .allow_off = c->allow_off };
	struct kc_plan *p = kc_plan_new(c->tree);

	if (add_entry_requests(p, c->tree, e, 0, why) < 0) {
		kc_plan_free(p);
		return NULL;
	}
	*st = kc_plan_solve(p, &po);
	return p;
}

static void
text_enable(struct modules_cmd *c, const struct kc_modmap_entry *e)
{
	enum kc_plan_status st;
	const char *why = NULL;
	struct kc_plan *p;
	size_t i, n;

	printf("  enable:  ");
	if (entry_built(c->tree, e)) {
		printf("already built\n");
		return;
	}
	p = entry_plan(c, e, &st, &why);
	if (!p) {
		printf("no plan: %s\n", why);
		return;
	}
	if (st == KC_PLAN_IMPOSSIBLE) {
		const struct kc_plan_failure *f = kc_plan_nfailures(p) ? kc_plan_failure(p, 0) : NULL;

		printf("impossible: %s\n", f && f->reason ? f->reason : "no plan reaches it");
		kc_plan_free(p);
		return;
	}
	n = kc_plan_nsteps(p);
	for (i = 0; i < n; i++) {
		const struct kc_plan_step *s = kc_plan_step(p, i);

		printf("%sCONFIG_%s=%s", i ? ", " : "", kc_sym_name(s->sym), s->value);
	}
	if (!n)
		printf("nothing to set");
	if (kc_plan_nchanges(p) > n)
		printf(" (%zu value%s change in all)", kc_plan_nchanges(p),
		       kc_plan_nchanges(p) == 1 ? "" : "s");
	if (st == KC_PLAN_NEEDS_OFF)
		printf("; turns %zu value%s off: needs --allow-off", kc_plan_noff(p),
		       kc_plan_noff(p) == 1 ? "" : "s");
	printf("\n");
	kc_plan_free(p);
}

/*
 * best_entry - the entry for a module name: the first one that can be a
 * module (a tristate symbol, or obj-m), else the first one. A loaded module
 * named msr is arch/x86/kernel's (X86_MSR), not the built-in
 * arch/x86/events/msr.o that a bool also builds.
 */
static const struct kc_modmap_entry *
best_entry(struct modules_cmd *c, const char *name)
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
	text_enable(c, e);
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
json_enable(struct modules_cmd *c, const struct kc_modmap_entry *e)
{
	enum kc_plan_status st;
	const char *why = NULL;
	struct kc_plan *p;
	size_t i;

	printf(",\"enable\":{\"status\":");
	if (entry_built(c->tree, e)) {
		printf("\"built\",\"steps\":[]}");
		return;
	}
	p = entry_plan(c, e, &st, &why);
	if (!p) {
		printf("\"impossible\",\"steps\":[],\"failures\":[");
		json_str(why);
		printf("]}");
		return;
	}
	json_str(kc_plan_status_str(st));
	printf(",\"steps\":[");
	for (i = 0; i < kc_plan_nsteps(p); i++) {
		const struct kc_plan_step *s = kc_plan_step(p, i);

		printf("%s{\"name\":", i ? "," : "");
		json_str(kc_sym_name(s->sym));
		printf(",\"value\":");
		json_str(s->value);
		printf(",\"old\":");
		json_str(s->old);
		printf(",\"reason\":");
		json_str(s->reason);
		putchar('}');
	}
	printf("],\"changes\":%zu,\"off\":%zu,\"failures\":[", kc_plan_nchanges(p), kc_plan_noff(p));
	for (i = 0; i < kc_plan_nfailures(p); i++) {
		printf("%s", i ? "," : "");
		json_str(kc_plan_failure(p, i)->reason);
	}
	printf("]}");
	kc_plan_free(p);
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
	json_enable(c, e);
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
		const struct kc_modmap_entry *e = best_entry(c, r->name);

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

/* ---- --enable and --localmodconfig ------------------------------------- */

struct modules_args {
	bool loaded, hardware, enable, localmod, localyes;
	const char *sysfs, *lsmod, *lspci, *out, *fragment;
	struct sysmod_opts kmod;
};

/* Where the plan text goes: stderr when the config or the fragment goes to stdout. */
static FILE *
text_stream(const struct modules_args *a)
{
	return (a->out && !strcmp(a->out, "-")) || (a->fragment && !strcmp(a->fragment, "-"))
		       ? stderr : stdout;
}

static void
write_config(struct modules_cmd *c, const struct modules_args *a, const char *fragment)
{
	char *path = a->out ? strdup(a->out) : kx_config_path(), *data;
	bool had_old = strcmp(path, "-") && access(path, F_OK) == 0;

	if (a->fragment && fragment) {
		kx_write_output(a->fragment, fragment);
		if (!kx.quiet && strcmp(a->fragment, "-"))
			fprintf(stderr, "kexplore: changes written as a fragment to %s\n", a->fragment);
	}
	data = kc_config_str(c->tree);
	kx_print_diags(c->tree);
	kx_write_output(path, data);
	if (!kx.quiet && strcmp(path, "-"))
		fprintf(stderr, "kexplore: configuration written to %s%s%s%s\n", path,
			had_old ? " (the previous one is " : "", had_old ? path : "",
			had_old ? ".old)" : "");
	free(data);
	free(path);
}

/* Every named module into @plan; unknown or impossible ones are reported. */
static void
plan_all(struct modules_cmd *c, struct kc_plan *plan, unsigned flags,
	 const struct kc_modmap_entry **found)
{
	size_t i;

	for (i = 0; i < c->nreqs; i++) {
		const struct kc_modmap_entry *e = best_entry(c, c->reqs[i].name);
		const char *why = NULL;

		found[i] = NULL;
		if (!e) {
			/* named ones must exist; loaded/listed ones may be out of tree */
			bool named = !strcmp(c->reqs[i].sources.v[0], "argument");

			warn("%s: no such module in the tree%s", c->reqs[i].name,
			     named ? "" : " (out of tree? ignored)");
			if (named)
				c->status = KX_EXIT_FAIL;
		} else if (add_entry_requests(plan, c->tree, e, flags, &why) < 0) {
			warn("%s: %s", c->reqs[i].name, why);
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
	plan_all(c, plan, 0, found);
	st = kc_plan_solve(plan, &po);
	text = c->json ? kc_plan_json(plan) : kc_plan_text(plan);
	fputs(text, text_stream(a));
	free(text);
	if (c->status != KX_EXIT_OK) {
		fprintf(stderr, "kexplore: not applied: a named module is unknown or cannot be built "
			"on this architecture\n");
		st = KC_PLAN_IMPOSSIBLE;
	} else if (st == KC_PLAN_OK) {
		char *frag = kc_plan_fragment(plan);

		if (kc_plan_apply(plan) != KC_OK)
			kx_die("the plan could not be applied (the tree refused a step)");
		if (kc_plan_nsteps(plan) || a->out)	/* as enable --apply: nothing to write */
			write_config(c, a, frag);
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

/* A sorted set of symbols. */
struct symset {
	struct kc_symbol **v;
	size_t n, cap;
	bool sorted;
};

static void
symset_add(struct symset *s, struct kc_symbol *sym)
{
	if (!sym)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = sym;
	s->sorted = false;
}

static int
ptr_cmp(const void *a, const void *b)
{
	const struct kc_symbol *x = *(struct kc_symbol *const *)a, *y = *(struct kc_symbol *const *)b;

	return x < y ? -1 : x > y;
}

static bool
symset_has(struct symset *s, struct kc_symbol *sym)
{
	if (!s->sorted) {
		qsort(s->v, s->n, sizeof(*s->v), ptr_cmp);
		s->sorted = true;
	}
	return s->n && bsearch(&sym, s->v, s->n, sizeof(*s->v), ptr_cmp);
}

static void
symset_add_names(struct symset *s, struct kc_tree *tree, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		symset_add(s, kc_sym_find(tree, names[i]));
}

static void
symset_add_steps(struct symset *s, const struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < kc_plan_nsteps(p); i++)
		symset_add(s, kc_plan_step(p, i)->sym);
	for (i = 0; i < kc_plan_nchanges(p); i++)
		if (!kc_plan_change(p, i)->off)
			symset_add(s, kc_plan_change(p, i)->sym);
}

/* The kept entries no longer built, as optional requests of a new plan (NULL: none). */
static struct kc_plan *
repair_plan(struct modules_cmd *c, const struct kc_modmap_entry **found)
{
	struct kc_plan *p = NULL;
	const char *why;
	size_t i;

	for (i = 0; i < c->nreqs; i++) {
		if (!found[i] || entry_built(c->tree, found[i]))
			continue;
		if (!p)
			p = kc_plan_new(c->tree);
		add_entry_requests(p, c->tree, found[i], KC_REQ_OPTIONAL, &why);
	}
	return p;
}

/*
 * localyesconfig: what is still m after localmodconfig (the kept modules,
 * and what they need) becomes y, as streamline_config.pl turns each kept
 * "=m" line into "=y" before olddefconfig. A symbol whose m is forced (an
 * m-only dependency) stays m; the fragment gets the new y lines.
 */
static void
nm_to_y(struct modules_cmd *c, struct symset *cand, FILE *out)
{
	size_t i, n = 0, stuck = 0;
	struct symset mods = { 0 };

	for (i = 0; i < kc_tree_nsyms(c->tree); i++) {
		struct kc_symbol *s = kc_tree_sym(c->tree, i);

		if (kc_sym_defined(s) && kc_sym_type(s) == KC_TRISTATE && kc_sym_tristate(s) == KC_M)
			symset_add(&mods, s);
	}
	for (i = 0; i < mods.n; i++)
		kc_sym_set_user_raw(mods.v[i], "y");
	for (i = 0; i < mods.n; i++) {
		if (kc_sym_tristate(mods.v[i]) == KC_Y) {
			n++;
			if (!symset_has(cand, mods.v[i]))
				symset_add(cand, mods.v[i]);
		} else {
			stuck++;
		}
	}
	fprintf(out, "localyesconfig: %zu module symbol%s built in", n, n == 1 ? "" : "s");
	if (stuck)
		fprintf(out, ", %zu stay m (their dependencies allow no more)", stuck);
	fputc('\n', out);
	free(mods.v);
}

/*
 * run_localmod - keep what the sources name (enabled through the planner,
 * dependencies included) and switch every other =m symbol off: each one
 * not protected (a kept module's symbols, its directory links, the symbols
 * adding objects to it, whatever the plan set) gets the user value n; the
 * config is re-evaluated, and a kept module that lost its symbol (it needs
 * one of them) is enabled again by a new plan, until every kept one is built.
 */
static int
run_localmod(struct modules_cmd *c, const struct modules_args *a)
{
	const struct kc_modmap_entry **found = calloc(c->nreqs + 1, sizeof(*found));
	struct kc_plan_opts po = { .allow_off = c->allow_off };
	struct kc_plan *plan = kc_plan_new(c->tree);
	struct symset keep = { 0 }, cand = { 0 };
	size_t i, j, nkept = 0, nfailed, noff = 0, nstill = 0, nrepaired = 0, nlost = 0, round;
	size_t nm = 0;
	enum kc_plan_status st;
	FILE *out = text_stream(a);
	char *frag = NULL, *plan_frag = NULL, *text;

	if (!found)
		abort();
	plan_all(c, plan, KC_REQ_OPTIONAL, found);
	st = kc_plan_solve(plan, &po);
	nfailed = kc_plan_nfailures(plan);
	if (st != KC_PLAN_OK || nfailed) {
		text = kc_plan_text(plan);
		fputs(text, out);
		free(text);
	}
	if (st != KC_PLAN_OK) {
		fprintf(stderr, "kexplore: not applied: %s\n", st == KC_PLAN_NEEDS_OFF ?
			"keeping these modules turns values off; rerun with --allow-off" :
			"no plan keeps these modules");
		kc_plan_free(plan);
		free(found);
		return KX_EXIT_FAIL;
	}
	if (kc_plan_nsteps(plan))
		fprintf(out, "enabled for the kept modules: %zu step%s\n", kc_plan_nsteps(plan),
			kc_plan_nsteps(plan) == 1 ? "" : "s");
	if (kc_plan_apply(plan) != KC_OK)
		kx_die("the plan could not be applied (the tree refused a step)");
	symset_add_steps(&keep, plan);
	plan_frag = kc_plan_fragment(plan);
	kc_plan_free(plan);
	for (i = 0; i < c->nreqs; i++) {
		const struct kc_modmap_entry *e = found[i];

		if (!e)
			continue;
		symset_add(&keep, pick_sym(c->tree, e->syms, e->nsyms));
		for (j = 0; j < e->nchain; j++)	/* the link's symbol in use, not its alternatives */
			symset_add(&keep, pick_sym(c->tree, e->chain[j].syms, e->chain[j].nsyms));
		symset_add_names(&keep, c->tree, e->parts, e->nparts);
	}
	for (i = 0; i < kc_tree_nsyms(c->tree); i++) {
		struct kc_symbol *s = kc_tree_sym(c->tree, i);

		if (!kc_sym_defined(s) || kc_sym_type(s) != KC_TRISTATE ||
		    kc_sym_tristate(s) != KC_M)
			continue;
		nm++;
		if (!symset_has(&keep, s))
			symset_add(&cand, s);
	}
	for (i = 0; i < cand.n; i++)
		kc_sym_set_user_raw(cand.v[i], "n");
	for (round = 0; round < 16 && (plan = repair_plan(c, found)); round++) {
		struct kc_plan_opts rpo = { .allow_off = false };

		kc_plan_solve(plan, &rpo);
		if (!kc_plan_nsteps(plan) || kc_plan_apply(plan) != KC_OK) {
			kc_plan_free(plan);
			break;
		}
		for (i = 0; i < kc_plan_nsteps(plan); i++)
			nrepaired += symset_has(&cand, kc_plan_step(plan, i)->sym);
		kc_plan_free(plan);
	}
	for (i = 0; i < cand.n; i++) {
		if (kc_sym_tristate(cand.v[i]) == KC_N)
			noff++;
		else
			nstill++;
	}
	for (i = 0; i < c->nreqs; i++) {
		if (!found[i])
			continue;
		if (entry_built(c->tree, found[i])) {
			nkept++;
		} else {
			nlost++;
			warn("%s: could not be kept", c->reqs[i].name);
		}
	}
	if (a->localyes)
		nm_to_y(c, &cand, out);
	fprintf(out, "%s: %zu module%s kept", a->localyes ? "localyesconfig" : "localmodconfig",
		nkept, nkept == 1 ? "" : "s");
	if (nfailed || nlost)
		fprintf(out, ", %zu cannot be built", nfailed + nlost);
	fprintf(out, "; %zu other module symbol%s switched off (of %zu =m), %zu still on "
		"(selected by what is kept, without a prompt, or needed: %zu brought back)\n",
		noff, noff == 1 ? "" : "s", nm, nstill, nrepaired);
	if (!nlost) {
		if (a->fragment) {
			size_t n = 0;
			FILE *f = open_memstream(&frag, &n);

			fputs(plan_frag, f);	/* what keeps the modules, then what goes off */
			for (i = 0; i < cand.n; i++)
				if (kc_sym_tristate(cand.v[i]) == KC_N)
					fprintf(f, "# CONFIG_%s is not set\n", kc_sym_name(cand.v[i]));
				else if (a->localyes && kc_sym_tristate(cand.v[i]) == KC_Y)
					fprintf(f, "CONFIG_%s=y\n", kc_sym_name(cand.v[i]));
			fclose(f);
		}
		write_config(c, a, frag);
	}
	free(frag);
	free(plan_frag);
	free(keep.v);
	free(cand.v);
	free(found);
	return nlost ? KX_EXIT_FAIL : c->status;
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
	if (load_map(&c) < 0) {
		cmd_done(&c);
		return KX_EXIT_FAIL;
	}
	if (gather(&c, &a, argc, argv) < 0)
		c.status = KX_EXIT_FAIL;
	if (a.enable)
		c.status = run_enable(&c, &a);
	else if (a.localmod)
		c.status = run_localmod(&c, &a);
	else
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
