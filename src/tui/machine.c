/* machine.c - module names in the explorer: the tree's module map
 * (kexplore/modmap.h, for the search), and the "this machine" view: the
 * modules this machine's devices ask for (src/kmod.h: sysfs modaliases
 * resolved through libkmod), each with the symbols that build it. */
#include "config.h"

#include "tui-private.h"

#include <stdlib.h>
#include <string.h>

#include <kexplore/modmap.h>
#include <kexplore/modplan.h>
#include <kexplore/plan.h>

#include "../kmod.h"

/* One module the hardware asks for. */
struct hw_module {
	char *name;
	size_t ndevices;
	bool bound;		/* a device's driver in use comes from it */
};

struct machine_view {
	struct text text;
	struct hw_module *mods;
	size_t nmods;
	size_t ndevices, nbare;	/* devices seen; of those, with no module at all */
	char *dir;		/* the module folder read */
	char *error;
};

static struct machine_view *
mc_of(struct view *v)
{
	return v->priv;
}

struct kc_modmap *
tui_modmap(struct tui *tui)
{
	struct kc_modmap_opts o = { 0 };

	if (tui->modmap_tried)
		return tui->modmap;
	tui->modmap_tried = true;
	o.srctree = kc_tree_srctree(tui->tree);
	o.srcarch = kc_tree_srcarch(tui->tree);
	if (kc_modmap_load(&o, &tui->modmap) != KC_OK) {
		kc_modmap_free(tui->modmap);
		tui->modmap = NULL;
	}
	return tui->modmap;
}

/* ---- gathering ---- */

static void
add_module(struct machine_view *mc, const char *name, bool bound)
{
	size_t i;

	for (i = 0; i < mc->nmods; i++) {
		if (kc_modmap_name_eq(mc->mods[i].name, name)) {
			mc->mods[i].ndevices++;
			mc->mods[i].bound |= bound;
			return;
		}
	}
	if ((mc->nmods & (mc->nmods - 1)) == 0)
		mc->mods = xrealloc(mc->mods, (mc->nmods ? mc->nmods * 2 : 1) * sizeof(*mc->mods));
	mc->mods[mc->nmods].name = xstrdup(name);
	mc->mods[mc->nmods].ndevices = 1;
	mc->mods[mc->nmods].bound = bound;
	mc->nmods++;
}

static int
cmp_mod(const void *a, const void *b)
{
	return strcmp(((const struct hw_module *)a)->name, ((const struct hw_module *)b)->name);
}

/* gather - the devices under $KEXPLORE_SYSFS (default /sys/devices), their
 * modaliases matched in $KEXPLORE_MODULES_DIR or $KEXPLORE_ROOT's indexes
 * (default: the running kernel's), as `kexplore modules --hardware` does. */
static void
gather(struct view *v)
{
	struct machine_view *mc = mc_of(v);
	struct sysmod_opts o = { 0 };
	struct sysmod_devices devs = { 0 };
	struct sysmod_ctx *ctx = NULL;
	struct kc_modmap *map = tui_modmap(v->tui);
	char *err = NULL;
	size_t i, j;

	o.root = getenv("KEXPLORE_ROOT");
	o.modules_dir = getenv("KEXPLORE_MODULES_DIR");
	if (sysmod_open(&o, &ctx, &err) < 0 || sysmod_load_indexes(ctx, &err) < 0 ||
	    sysmod_hardware(ctx, getenv("KEXPLORE_SYSFS"), &devs, &err) < 0) {
		mc->error = err;
		sysmod_close(ctx);
		sysmod_devices_free(&devs);
		return;
	}
	mc->dir = xstrdup(sysmod_dir(ctx));
	for (i = 0; i < devs.n; i++) {
		const struct sysmod_device *d = &devs.v[i];

		if (d->driver_module)
			add_module(mc, d->driver_module, true);
		else if (d->driver && map && kc_modmap_lookup(map, d->driver, 0))
			add_module(mc, d->driver, true);
		for (j = 0; j < d->modules.n; j++)
			if (!d->driver_module || !kc_modmap_name_eq(d->modules.v[j], d->driver_module))
				add_module(mc, d->modules.v[j], false);
		mc->nbare += !d->driver && !d->modules.n;
	}
	mc->ndevices = devs.n;
	qsort(mc->mods, mc->nmods, sizeof(*mc->mods), cmp_mod);
	sysmod_close(ctx);
	sysmod_devices_free(&devs);
}

/* ---- the lines ---- */

static const char *
entry_prompt(struct kc_symbol *sym)
{
	size_t i;

	for (i = 0; i < kc_sym_nmenus(sym); i++)
		if (kc_menu_prompt(kc_sym_menu(sym, i)))
			return kc_menu_prompt(kc_sym_menu(sym, i));
	return "(no prompt)";
}

static void
module_lines(struct view *v, const struct hw_module *hm)
{
	struct machine_view *mc = mc_of(v);
	struct kc_tree *tree = v->tui->tree;
	const struct kc_modmap_entry *e = tui_modmap(v->tui) ?
		kc_modmap_lookup(tui_modmap(v->tui), hm->name, 0) : NULL;
	char *name = xasprintf("%s%s", hm->name, hm->bound ? "*" : "");
	struct kc_symbol *s;
	struct text_line *l;
	size_t i;

	if (!e) {
		text_addf(&mc->text, NULL, ROLE_DIM, "%-20s (not built by this tree's Makefiles)",
			  name);
	} else if (!e->nsyms) {
		text_addf(&mc->text, NULL, ROLE_DIM, "%-20s (obj-%c in %s: built with its folder)",
			  name, e->kind == KC_MOD_MODULE ? 'm' : 'y', e->dir);
	}
	for (i = 0; e && i < e->nsyms; i++) {
		s = kc_sym_find(tree, e->syms[i]);
		if (!s || !kc_sym_defined(s)) {
			text_addf(&mc->text, NULL, ROLE_DIM, "%-20s %-24s (not in this arch's Kconfig)",
				  i ? "" : name, e->syms[i]);
			continue;
		}
		l = text_addf(&mc->text, tree, ROLE_NORMAL, "%-20s %-24s %-3s %s", i ? "" : name,
			      e->syms[i], kc_sym_string(s), entry_prompt(s));
		l->sym = s;
		l->data = (void *)e;	/* p plans the module, not the symbol alone */
	}
	free(name);
}

static void
machine_reload(struct view *v)
{
	struct machine_view *mc = mc_of(v);
	size_t i, pos = v->pos;

	text_clear(&mc->text);
	mc->text.width = v->width - 2;
	if (mc->error) {
		text_add(&mc->text, NULL, ROLE_ERROR, "Cannot list this machine's hardware:");
		text_addf(&mc->text, NULL, ROLE_ERROR, "  %s", mc->error);
		text_add(&mc->text, NULL, ROLE_NORMAL, "");
		text_add(&mc->text, NULL, ROLE_NORMAL, "Another system's module indexes: "
			 "KEXPLORE_MODULES_DIR=DIR or KEXPLORE_ROOT=DIR;");
		text_add(&mc->text, NULL, ROLE_NORMAL, "its devices: KEXPLORE_SYSFS=DIR "
			 "(default /sys/devices).");
	} else {
		text_addf(&mc->text, NULL, ROLE_HEADING, "%-20s %-24s %-3s %s", "Module", "Symbol",
			  "Val", "Prompt");
		for (i = 0; i < mc->nmods; i++)
			module_lines(v, &mc->mods[i]);
		text_addf(&mc->text, NULL, ROLE_DIM, "*: the driver in use of a device; %zu device%s "
			  "ask%s for no module", mc->nbare, mc->nbare == 1 ? "" : "s",
			  mc->nbare == 1 ? "s" : "");
		text_addf(&mc->text, NULL, ROLE_DIM, "Module indexes: %s", mc->dir);
	}
	v->lines = mc->text.n;
	view_set_pos(v, pos);
}

static void
machine_open(struct view *v, void *arg)
{
	(void)arg;
	gather(v);
	machine_reload(v);
	view_set_pos(v, 1);
}

static void
machine_done(struct view *v)
{
	struct machine_view *mc = mc_of(v);
	size_t i;

	text_done(&mc->text);
	for (i = 0; i < mc->nmods; i++)
		free(mc->mods[i].name);
	free(mc->mods);
	free(mc->dir);
	free(mc->error);
}

static void
machine_title(struct view *v, struct sbuf *out)
{
	if (mc_of(v)->error)
		sbuf_puts(out, "This machine");
	else
		sbuf_printf(out, "This machine: %zu device%s ask%s for %zu module%s",
			    mc_of(v)->ndevices, mc_of(v)->ndevices == 1 ? "" : "s",
			    mc_of(v)->ndevices == 1 ? "s" : "", mc_of(v)->nmods,
			    mc_of(v)->nmods == 1 ? "" : "s");
}

static bool
machine_footer(struct view *v, struct sbuf *out)
{
	(void)v;
	sbuf_puts(out, "<Enter>: go to the entry   w: why   p: plan to turn it on   <Esc>: back");
	return true;
}

static void
machine_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&mc_of(v)->text, lineno, y, x, width, selected);
}

/*
 * plan_module - p on a module's line: the plan the CLI's `modules --enable`
 * makes (kexplore/modplan.h), so that what the module needs to drive the
 * devices comes with it (iwlwifi with IWLMVM, not IWLWIFI alone); the other
 * modules this machine asks for tell which sub-drivers its hardware needs.
 */
static void
plan_module(struct view *v, const struct kc_modmap_entry *e)
{
	struct machine_view *mc = mc_of(v);
	const char **names = xcalloc(mc->nmods + 1, sizeof(*names));
	struct kc_plan *plan = kc_plan_new(v->tui->tree);
	const char *why = NULL;
	char *title, *what;
	size_t i;

	for (i = 0; i < mc->nmods; i++)
		names[i] = mc->mods[i].name;
	if (kc_modplan_request(plan, v->tui->tree, tui_modmap(v->tui), e, names, mc->nmods, 0,
			       &why)) {
		tui_error(v->tui, "%s: %s", e->name, why ? why : "no symbol builds it here");
		kc_plan_free(plan);
		free(names);
		return;
	}
	title = xasprintf("Build module %s: the plan", e->name);
	what = xasprintf("module %s", e->name);
	plan_offer_plan(v->tui, plan, title, what);
	free(title);
	free(what);
	free(names);
}

static unsigned
machine_request(struct view *v, enum request req, int key)
{
	struct machine_view *mc = mc_of(v);

	(void)key;
	if (req == REQ_PLAN && text_data(v, &mc->text)) {
		plan_module(v, text_data(v, &mc->text));
		return 0;
	}
	if (req == REQ_ENTER) {
		text_jump(v->tui, text_symbol(v, &mc->text));
		return 0;
	}
	return text_request(v, &mc->text, req);
}

static struct kc_symbol *
machine_symbol(struct view *v)
{
	return text_symbol(v, &mc_of(v)->text);
}

const struct view_ops machine_view_ops = {
	.name = "machine",
	.scope = SCOPE_MACHINE,
	.private_size = sizeof(struct machine_view),
	.open = machine_open,
	.done = machine_done,
	.reload = machine_reload,
	.title = machine_title,
	.draw_line = machine_draw_line,
	.request = machine_request,
	.footer = machine_footer,
	.symbol = machine_symbol,
};
