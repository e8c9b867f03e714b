/* modules-out.c - the report of `kexplore modules`: per module its symbols, chain, parts and
 * plan, and the devices seen, as text or as JSON (through the one JSON writer). */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kexplore/json.h>
#include <kexplore/modplan.h>

#include "modules.h"

static void
text_enable(struct modules_cmd *c, const struct kc_modmap_entry *e)
{
	enum kc_plan_status st;
	const char *why = NULL;
	struct kc_plan *p;
	size_t i, n;

	printf("  enable:  ");
	if (kc_modplan_built(c->tree, e)) {
		printf("already built\n");
		return;
	}
	p = modules_entry_plan(c, e, &st, &why);
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

/* ---- text output ------------------------------------------------------- */

static void
text_syms(struct kc_tree *tree, const char *const *syms, size_t n, const char *sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *v = modules_sym_value(tree, syms[i]);

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
		const char *v = modules_sym_value(tree, l->syms[i]);

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
json_names(struct kc_json *j, const char *key, const char *const *v, size_t n)
{
	size_t i;

	kc_json_karr(j, key);
	for (i = 0; i < n; i++)
		kc_json_str(j, v[i]);
	kc_json_end(j);
}

static void
json_ability(struct kc_json *j, struct kc_tree *tree, struct kc_symbol *s)
{
	bool can;
	char *buf;
	const char *why = module_ability(tree, s, &can, &buf);

	kc_json_kstr(j, "type", s && kc_sym_defined(s) ? kc_type_name(kc_sym_type(s)) : NULL);
	kc_json_kbool(j, "can_be_module", can);
	kc_json_kstr(j, "why", why);
	free(buf);
}

static void
json_syms(struct kc_json *j, const char *key, struct kc_tree *tree, const char *const *syms,
	  size_t n, bool ability)
{
	size_t i;

	kc_json_karr(j, key);
	for (i = 0; i < n; i++) {
		kc_json_obj(j);
		kc_json_kstr(j, "name", syms[i]);
		kc_json_kstr(j, "value", modules_sym_value(tree, syms[i]));
		if (ability)
			json_ability(j, tree, kc_sym_find(tree, syms[i]));
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
json_plan(struct kc_json *j, struct kc_plan *p, enum kc_plan_status st)
{
	size_t i;

	kc_json_kstr(j, "status", kc_plan_status_str(st));
	kc_json_karr(j, "steps");
	for (i = 0; i < kc_plan_nsteps(p); i++) {
		const struct kc_plan_step *s = kc_plan_step(p, i);

		kc_json_obj(j);
		kc_json_kstr(j, "name", kc_sym_name(s->sym));
		kc_json_kstr(j, "value", s->value);
		kc_json_kstr(j, "old", s->old);
		kc_json_kstr(j, "reason", s->reason);
		kc_json_end(j);
	}
	kc_json_end(j);
	kc_json_kuint(j, "changes", kc_plan_nchanges(p));
	kc_json_kuint(j, "off", kc_plan_noff(p));
	kc_json_karr(j, "failures");
	for (i = 0; i < kc_plan_nfailures(p); i++)
		kc_json_str(j, kc_plan_failure(p, i)->reason);
	kc_json_end(j);
}

static void
json_enable(struct modules_cmd *c, struct kc_json *j, const struct kc_modmap_entry *e)
{
	enum kc_plan_status st;
	const char *why = NULL;
	struct kc_plan *p = NULL;

	kc_json_kobj(j, "enable");
	if (kc_modplan_built(c->tree, e)) {
		kc_json_kstr(j, "status", "built");
		kc_json_karr(j, "steps");
		kc_json_end(j);
	} else if (!(p = modules_entry_plan(c, e, &st, &why))) {
		kc_json_kstr(j, "status", "impossible");
		kc_json_karr(j, "steps");
		kc_json_end(j);
		json_names(j, "failures", &why, 1);
	} else {
		json_plan(j, p, st);
		kc_plan_free(p);
	}
	kc_json_end(j);
}

static void
json_entry(struct modules_cmd *c, struct kc_json *j, const struct kc_modmap_entry *e)
{
	size_t i;

	kc_json_kbool(j, "found", true);
	kc_json_kstr(j, "module", e->name);
	kc_json_kstr(j, "kind", modules_kind_name(e->kind));
	json_syms(j, "symbols", c->tree, e->syms, e->nsyms, true);
	kc_json_kstr(j, "dir", e->dir);
	kc_json_kstr(j, "file", e->file);
	kc_json_kint(j, "line", e->line);
	kc_json_karr(j, "chain");
	for (i = 0; i < e->nchain; i++) {
		kc_json_obj(j);
		kc_json_kstr(j, "dir", e->chain[i].dir);
		json_syms(j, "any_of", c->tree, e->chain[i].syms, e->chain[i].nsyms, false);
		kc_json_end(j);
	}
	kc_json_end(j);
	json_syms(j, "adds", c->tree, e->parts, e->nparts, false);
	json_enable(c, j, e);
}

static void
json_request(struct modules_cmd *c, struct kc_json *j, const struct request *r,
	     const struct kc_modmap_entry *e)
{
	kc_json_obj(j);
	kc_json_kstr(j, "name", r->name);
	json_names(j, "sources", (const char *const *)r->sources.v, r->sources.n);
	if (e) {
		json_entry(c, j, e);
	} else {
		const char *close[NCLOSEST];
		size_t n = kc_modmap_closest(c->map, r->name, close, NCLOSEST);

		kc_json_kbool(j, "found", false);
		json_names(j, "closest", close, n);
	}
	kc_json_end(j);
}

static void
json_devices(struct modules_cmd *c, struct kc_json *j)
{
	size_t i;

	kc_json_karr(j, "devices");
	for (i = 0; i < c->devices.n; i++) {
		const struct sysmod_device *d = &c->devices.v[i];

		kc_json_obj(j);
		kc_json_kstr(j, "id", d->id);
		kc_json_kstr(j, "description", d->description);
		kc_json_kstr(j, "modalias", d->modalias);
		kc_json_kstr(j, "driver", d->driver);
		kc_json_kstr(j, "driver_module", d->driver_module);
		json_names(j, "modules", (const char *const *)d->modules.v, d->modules.n);
		kc_json_end(j);
	}
	kc_json_end(j);
	json_names(j, "notes", (const char *const *)c->unresolved.v, c->unresolved.n);
}

/* Written out a request at a time (each may take a plan). */
static void
json_flush(struct kc_json *j)
{
	fputs(kc_json_text(j), stdout);
	kc_json_clear(j);
}

/* ---- the report -------------------------------------------------------- */

void
modules_report(struct modules_cmd *c)
{
	struct kc_json *j = c->json ? kc_json_new(0) : NULL;
	size_t i;

	if (j) {
		kc_json_obj(j);
		kc_json_karr(j, "modules");
	}
	for (i = 0; i < c->nreqs; i++) {
		const struct request *r = &c->reqs[i];
		const struct kc_modmap_entry *e = modules_best_entry(c, r->name);

		if (!e)
			c->status = 1;
		if (j) {
			json_request(c, j, r, e);
			json_flush(j);
		} else if (e) {
			text_entry(c, r, e);
		} else {
			text_unknown(c, r);
		}
	}
	if (j) {
		kc_json_end(j);
		json_devices(c, j);
		kc_json_end(j);
		json_flush(j);
		putchar('\n');
		kc_json_free(j);
	} else {
		text_devices(c);
	}
}
