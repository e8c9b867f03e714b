/* plan-out.c - a plan as text for people, as JSON, and as a config fragment. */
#include "config.h"

#include "kexplore/plan.h"

#include "kexplore/json.h"

#include <stdlib.h>
#include <string.h>

#include "plan-private.h"

char *
kc_plan_fragment(const struct kc_plan *p)
{
	struct kc_buf b = { 0 };
	size_t i;

	kc_buf_puts(&b, "# kexplore plan\n");
	for (i = 0; i < p->steps.n; i++) {
		const struct kc_plan_step *st = p->steps.v[i];

		kc_put_assignment(&b, st->sym, st->value);
		kc_buf_putc(&b, '\n');
	}
	return kc_buf_steal(&b);
}

static void
text_steps(struct kc_buf *b, const struct kc_plan *p)
{
	size_t i;

	if (!p->steps.n) {
		kc_buf_puts(b, p->failures.n ? "" : "Nothing to do: every request already holds.\n");
		return;
	}
	kc_buf_printf(b, "Plan: %zu change%s to make, in this order:\n", p->steps.n,
		      p->steps.n == 1 ? "" : "s");
	for (i = 0; i < p->steps.n; i++) {
		const struct kc_plan_step *st = p->steps.v[i];
		struct kc_buf a = { 0 };

		kc_put_assignment(&a, st->sym, st->value);
		kc_buf_printf(b, "  %2zu. %-40s (was %s) %s\n", i + 1, kc_buf_str(&a), st->old,
			      st->reason);
		kc_buf_free(&a);
	}
}

static void
text_changes(struct kc_buf *b, const struct kc_plan *p)
{
	size_t i;

	if (!p->changes.n)
		return;
	kc_buf_printf(b, "Values that change (%zu):\n", p->changes.n);
	for (i = 0; i < p->changes.n; i++) {
		const struct kc_plan_change *c = p->changes.v[i];

		kc_buf_printf(b, "  %-40s %s -> %s%s\n", kc_sym_name(c->sym), c->old, c->new,
			      c->off ? "   OFF" : c->step ? "   (set)" : "");
	}
	if (p->noff)
		kc_buf_printf(b, "%zu value%s turned off or lowered (marked OFF)%s.\n", p->noff,
			      p->noff == 1 ? " is" : "s are",
			      p->opts.allow_off ? "" : ": this needs allow-off (--allow-off)");
}

static void
text_failures(struct kc_buf *b, const struct kc_plan *p)
{
	size_t i;

	for (i = 0; i < p->failures.n; i++) {
		const struct kc_plan_failure *f = p->failures.v[i];
		const struct plan_req *r = p->reqs.v[f->request];

		kc_buf_printf(b, "%s %s=%s: %s\n", f->optional ? "Left out (optional)" : "Cannot do",
			      r->name, f->value, f->reason);
		if (f->why) {
			char *t = kc_explain_text_ex(f->why, false);
			char *line, *save = NULL;

			for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
				kc_buf_printf(b, "    %s\n", line);
			free(t);
		}
	}
}

char *
kc_plan_text(const struct kc_plan *p)
{
	struct kc_buf b = { 0 };

	if (!p->solved)
		return kc_xstrdup("(not solved)\n");
	text_steps(&b, p);
	text_changes(&b, p);
	text_failures(&b, p);
	return kc_buf_steal(&b);
}

static void
json_steps(struct kc_json *j, const struct kc_plan *p)
{
	size_t i;

	kc_json_karr(j, "steps");
	for (i = 0; i < p->steps.n; i++) {
		const struct kc_plan_step *st = p->steps.v[i];

		kc_json_obj(j);
		kc_json_kstr(j, "symbol", kc_sym_name(st->sym));
		kc_json_kstr(j, "value", st->value);
		kc_json_kstr(j, "old", st->old);
		kc_json_kstr(j, "reason", st->reason);
		kc_json_kstr(j, "for", st->for_sym ? kc_sym_name(st->for_sym) : NULL);
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
json_changes(struct kc_json *j, const struct kc_plan *p)
{
	size_t i;

	kc_json_karr(j, "changes");
	for (i = 0; i < p->changes.n; i++) {
		const struct kc_plan_change *c = p->changes.v[i];

		kc_json_obj(j);
		kc_json_kstr(j, "symbol", kc_sym_name(c->sym));
		kc_json_kstr(j, "old", c->old);
		kc_json_kstr(j, "new", c->new);
		kc_json_kbool(j, "off", c->off);
		kc_json_kbool(j, "step", c->step);
		kc_json_kbool(j, "requested", c->requested);
		kc_json_end(j);
	}
	kc_json_end(j);
}

static void
json_failures(struct kc_json *j, const struct kc_plan *p)
{
	size_t i;

	kc_json_karr(j, "failures");
	for (i = 0; i < p->failures.n; i++) {
		const struct kc_plan_failure *f = p->failures.v[i];
		const struct plan_req *r = p->reqs.v[f->request];

		kc_json_obj(j);
		kc_json_kstr(j, "symbol", r->name);
		kc_json_kstr(j, "value", f->value);
		kc_json_kstr(j, "reason", f->reason);
		kc_json_kbool(j, "optional", f->optional);
		kc_json_key(j, "explanation");
		if (f->why) {
			char *why = kc_explain_json(f->why);

			kc_json_raw(j, why);
			free(why);
		} else {
			kc_json_null(j);
		}
		kc_json_end(j);
	}
	kc_json_end(j);
}

char *
kc_plan_json(const struct kc_plan *p)
{
	struct kc_json *j = kc_json_new(0);

	kc_json_obj(j);
	kc_json_kstr(j, "status", p->solved ? kc_plan_status_str(p->status) : NULL);
	kc_json_kuint(j, "off", p->noff);
	json_steps(j, p);
	json_changes(j, p);
	json_failures(j, p);
	kc_json_end(j);
	return kc_json_steal(j);
}
