/* preprocess.c - the Kconfig macro language: variables, functions, $(shell,...). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define MAX_ARGS	16
#define MAX_DEPTH	1000
#define MAX_EXPANSION	(16u << 20)	/* runaway expansion guard */
#define MAX_STEPS	1000000ul	/* $(...) expansions per tree; Linux 6.12 x86 needs ~1000 */

struct pp_var {
	struct pp_var *next;
	char *name;
	char *value;
	enum kc_pp_flavor flavor;
	int exp_count;
};

struct pp_env {
	struct pp_env *next;
	char *name;
	char *value;
};

struct kc_pp {
	struct kc_tree *tree;
	struct pp_var *vars, **vars_tail;
	struct pp_env *env;
	const char *file;
	int line;
	int depth;
	unsigned long steps;
	bool failed;
};

struct kc_pp *
kc_pp_new(struct kc_tree *t)
{
	struct kc_pp *pp = kc_xcalloc(1, sizeof(*pp));

	pp->tree = t;
	pp->vars_tail = &pp->vars;
	return pp;
}

void
kc_pp_free(struct kc_pp *pp)
{
	struct pp_var *v, *vn;
	struct pp_env *e, *en;

	if (!pp)
		return;
	for (v = pp->vars; v; v = vn) {
		vn = v->next;
		free(v->name);
		free(v->value);
		free(v);
	}
	for (e = pp->env; e; e = en) {
		en = e->next;
		free(e->name);
		free(e->value);
		free(e);
	}
	free(pp);
}

void
kc_pp_set_pos(struct kc_pp *pp, const char *file, int line)
{
	pp->file = file;
	pp->line = line;
}

bool
kc_pp_failed(const struct kc_pp *pp)
{
	return pp->failed;
}

static void
pp_error(struct kc_pp *pp, const char *msg, const char *arg)
{
	if (!pp->failed)
		kc_diag_add(pp->tree, KC_ERROR, pp->file, pp->line, 0, msg, arg);
	pp->failed = true;
}

static char *
env_expand(struct kc_pp *pp, const char *name)
{
	struct pp_env *e;
	const char *value;

	if (!*name)
		return NULL;
	for (e = pp->env; e; e = e->next)
		if (!strcmp(name, e->name))
			return kc_xstrdup(e->value);
	value = kc_env_get(pp->tree, name);
	if (!value)
		return NULL;
	e = kc_xcalloc(1, sizeof(*e));
	e->name = kc_xstrdup(name);
	e->value = kc_xstrdup(value);
	e->next = pp->env;
	pp->env = e;
	/* kept for syncconfig's auto.conf.cmd, in the order of first use */
	kc_vec_push(&pp->tree->env_deps, kc_arena_strdup(&pp->tree->arena, name));
	kc_vec_push(&pp->tree->env_deps, kc_arena_strdup(&pp->tree->arena, value));
	return kc_xstrdup(value);
}

static char *expand_with_args(struct kc_pp *pp, const char *in, int argc, char **argv);

static char *
call_builtin(struct kc_pp *pp, const char *name, int argc, char **argv, bool *found)
{
	static const struct {
		const char *name;
		int min, max;
	} table[] = {
		{ "error-if", 2, 2 }, { "filename", 0, 0 }, { "info", 1, 1 },
		{ "lineno", 0, 0 }, { "shell", 1, 1 }, { "warning-if", 2, 2 },
	};
	size_t i;

	*found = false;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (strcmp(table[i].name, name))
			continue;
		*found = true;
		if (argc < table[i].min) {
			pp_error(pp, "too few function arguments passed to '%s'", name);
			return kc_xstrdup("");
		}
		if (argc > table[i].max) {
			pp_error(pp, "too many function arguments passed to '%s'", name);
			return kc_xstrdup("");
		}
		break;
	}
	if (!*found)
		return NULL;
	if (!strcmp(name, "error-if")) {
		if (!strcmp(argv[0], "y"))
			pp_error(pp, "%s", argv[1]);
	} else if (!strcmp(name, "filename")) {
		return kc_xstrdup(pp->file ? pp->file : "");
	} else if (!strcmp(name, "info")) {
		kc_diag_add(pp->tree, KC_NOTE, pp->file, pp->line, 0, "%s", argv[0]);
	} else if (!strcmp(name, "lineno")) {
		return kc_xasprintf("%d", pp->line);
	} else if (!strcmp(name, "shell")) {
		return kc_shell_run(pp->tree, argv[0]);
	} else if (!strcmp(name, "warning-if")) {
		if (!strcmp(argv[0], "y"))
			kc_diag_add(pp->tree, KC_WARNING, pp->file, pp->line, 0, "%s", argv[1]);
	}
	return kc_xstrdup("");
}

static struct pp_var *
var_lookup(struct kc_pp *pp, const char *name)
{
	struct pp_var *v;

	for (v = pp->vars; v; v = v->next)
		if (!strcmp(v->name, name))
			return v;
	return NULL;
}

static char *
var_expand(struct kc_pp *pp, const char *name, int argc, char **argv)
{
	struct pp_var *v = var_lookup(pp, name);
	char *res;

	/* no value yet: "x := $(x)" as x's first assignment (the environment's x, as in make) */
	if (!v || !v->value)
		return NULL;
	if (argc == 0 && v->exp_count) {
		pp_error(pp, "Recursive variable '%s' references itself (eventually)", name);
		return kc_xstrdup("");
	}
	if (v->exp_count > MAX_DEPTH) {
		pp_error(pp, "Too deep recursive expansion%s", "");
		return kc_xstrdup("");
	}
	v->exp_count++;
	if (v->flavor == KC_VAR_RECURSIVE)
		res = expand_with_args(pp, v->value, argc, argv);
	else
		res = kc_xstrdup(v->value);
	v->exp_count--;
	return res;
}

void
kc_pp_assign(struct kc_pp *pp, const char *name, const char *value, enum kc_pp_flavor f)
{
	struct pp_var *v = var_lookup(pp, name);
	bool append = false;
	char *nv;

	if (v) {
		if (f == KC_VAR_APPEND) {
			f = v->flavor;
			append = true;
		}
	} else {
		if (f == KC_VAR_APPEND)
			f = KC_VAR_RECURSIVE;
		v = kc_xcalloc(1, sizeof(*v));
		v->name = kc_xstrdup(name);
		*pp->vars_tail = v;
		pp->vars_tail = &v->next;
	}
	v->flavor = f;
	nv = f == KC_VAR_SIMPLE ? kc_pp_expand(pp, value) : kc_xstrdup(value);
	if (!nv)
		nv = kc_xstrdup("");
	if (append) {
		char *joined = kc_xasprintf("%s %s", v->value, nv);

		free(v->value);
		free(nv);
		v->value = joined;
	} else {
		free(v->value);
		v->value = nv;
	}
}

/* Evaluate the text between "$(" and its ")" (len bytes at str). */
static char *
eval_clause(struct kc_pp *pp, const char *str, size_t len, int argc, char **argv)
{
	char *tmp = kc_xstrndup(str, len), *end, *p, *prev, *name, *res;
	char *nargv[MAX_ARGS];
	int nargc = 0, nest = 0, i;
	unsigned long n;
	bool found;

	n = strtoul(tmp, &end, 10);
	if (!*end && n > 0 && n <= (unsigned long)argc) {
		res = kc_xstrdup(argv[n - 1]);
		free(tmp);
		return res;
	}
	prev = p = tmp;
	for (; *p; p++) {
		if (nest == 0 && *p == ',') {
			*p = 0;
			if (nargc >= MAX_ARGS) {
				pp_error(pp, "too many function arguments%s", "");
				free(tmp);
				return kc_xstrdup("");
			}
			nargv[nargc++] = prev;
			prev = p + 1;
		} else if (*p == '(') {
			nest++;
		} else if (*p == ')') {
			nest--;
		}
	}
	if (nargc >= MAX_ARGS) {
		pp_error(pp, "too many function arguments%s", "");
		free(tmp);
		return kc_xstrdup("");
	}
	nargv[nargc++] = prev;

	name = expand_with_args(pp, nargv[0], argc, argv);
	nargc--;
	for (i = 0; i < nargc; i++)
		nargv[i] = expand_with_args(pp, nargv[i + 1], argc, argv);

	res = var_expand(pp, name, nargc, nargv);
	if (!res)
		res = call_builtin(pp, name, nargc, nargv, &found);
	if (!res && nargc == 0)
		res = env_expand(pp, name);
	if (!res)
		res = kc_xstrdup("");
	for (i = 0; i < nargc; i++)
		free(nargv[i]);
	free(name);
	free(tmp);
	return res;
}

static char *
expand_dollar_args(struct kc_pp *pp, const char **str, int argc, char **argv)
{
	const char *p = *str, *q;
	int nest = 0;
	char *res;

	if (*p != '(') {
		*str = p;
		return kc_xstrdup("$");
	}
	p++;
	for (q = p; *q; q++) {
		if (*q == '(')
			nest++;
		else if (*q == ')' && nest-- == 0)
			break;
	}
	if (!*q) {
		pp_error(pp, "unterminated reference to '%s': missing ')'", p);
		*str = q;
		return kc_xstrdup("");
	}
	*str = q + 1;
	/* after an error nothing more is parsed: stop (also ends runaway expansions) */
	if (pp->failed)
		return kc_xstrdup("");
	if (++pp->steps > MAX_STEPS) {
		pp_error(pp, "more than %s macro expansions: runaway recursion?", "a million");
		return kc_xstrdup("");
	}
	if (++pp->depth > MAX_DEPTH) {
		pp_error(pp, "Too deep recursive expansion%s", "");
		pp->depth--;
		return kc_xstrdup("");
	}
	res = eval_clause(pp, p, (size_t)(q - p), argc, argv);
	pp->depth--;
	return res;
}

static bool
is_token_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static char *
expand_until(struct kc_pp *pp, const char **str, bool token, int argc, char **argv)
{
	struct kc_buf out = { 0 };
	const char *p = *str, *in = p;
	char *exp;

	kc_buf_puts(&out, "");
	for (;;) {
		if (*p == '$') {
			kc_buf_add(&out, in, (size_t)(p - in));
			p++;
			exp = expand_dollar_args(pp, &p, argc, argv);
			kc_buf_puts(&out, exp);
			free(exp);
			in = p;
			if (out.len > MAX_EXPANSION) {
				pp_error(pp, "macro expansion larger than %s", "16 MiB");
				break;
			}
			continue;
		}
		if (token ? !is_token_char(*p) : !*p)
			break;
		p++;
	}
	kc_buf_add(&out, in, (size_t)(p - in));
	*str = p;
	return kc_buf_steal(&out);
}

static char *
expand_with_args(struct kc_pp *pp, const char *in, int argc, char **argv)
{
	return expand_until(pp, &in, false, argc, argv);
}

char *
kc_pp_expand(struct kc_pp *pp, const char *in)
{
	return expand_with_args(pp, in, 0, NULL);
}

char *
kc_pp_expand_dollar(struct kc_pp *pp, const char **str)
{
	return expand_dollar_args(pp, str, 0, NULL);
}

char *
kc_pp_expand_token(struct kc_pp *pp, const char **str)
{
	return expand_until(pp, str, true, 0, NULL);
}
