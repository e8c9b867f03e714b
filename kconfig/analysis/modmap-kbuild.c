/* modmap-kbuild.c - the module map's reader: kbuild's descent through Kbuild and Makefile
 * files, their variables and conditionals, into the map's directories and entries. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "modmap-private.h"

/*
 * How it works: directories are visited breadth first from the top, the way
 * kbuild descends: the top Kbuild, the core-/drivers-/libs- entries of the
 * top and arch Makefiles, then every 'obj-... += dir/' found on the way. Each
 * directory remembers the symbols guarding it and the directory that named
 * it, which gives a module its chain of conditions. Variables are expanded
 * lazily at the end of each file (make's deferred semantics for obj-y);
 * conditionals are not evaluated, both branches count, but a positive
 * 'ifdef CONFIG_X' / 'ifeq ($(CONFIG_X),y)' / 'ifneq ($(CONFIG_X),)' becomes
 * one more condition of what it encloses. Makefiles that kbuild would not
 * reach from the top (a fallback walk) are read last and marked unreached.
 */

#define MM_MAX_EXPAND_DEPTH 16
#define MM_MAX_INCLUDE_DEPTH 8
/* Per directory: hostile Makefiles must not make reading exponential. */
#define MM_MAX_INCLUDES 64
#define MM_MAX_EXPAND_STEPS 100000ul	/* Linux 6.12 needs at most ~120 */
#define MM_MAX_EXPAND_SIZE (1u << 20)
#define MM_MAX_FILE (16u << 20)		/* the largest Makefile in 6.12 has 0.1 MB */

/* ---- paths ------------------------------------------------------------- */

/* Join dir and rel ("a/b" + "../c/" -> "a/c"), dropping '.', '..' and a final '/'. Caller frees. */
static char *
path_join(const char *dir, const char *rel)
{
	struct kc_buf b = { 0 };
	char *tmp, *tok, *save;
	char **parts = NULL;
	size_t n = 0, cap = 0, i;

	kc_buf_puts(&b, dir);
	kc_buf_puts(&b, "/");
	kc_buf_puts(&b, rel);
	tmp = b.s;
	for (tok = strtok_r(tmp, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..")) {
			if (n)
				n--;
			continue;
		}
		mm_grow(&parts, &cap, n + 1, sizeof(*parts));
		parts[n++] = tok;
	}
	b = (struct kc_buf){ 0 };
	kc_buf_puts(&b, dir[0] == '/' ? "/" : "");
	for (i = 0; i < n; i++) {
		if (i)
			kc_buf_puts(&b, "/");
		kc_buf_puts(&b, parts[i]);
	}
	free(parts);
	free(tmp);
	return b.s;
}

/* read_file - a regular file of at most MM_MAX_FILE bytes; NULL with errno set,
 * *special when it is something else (a FIFO would block, a device never end). */
static char *
read_file(const char *path, size_t *len, bool *special)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct kc_buf b = { 0 };
	char chunk[65536];
	struct stat st;
	size_t n;
	FILE *f;

	*special = false;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !(f = fdopen(fd, "rb"))) {
		*special = true;
		close(fd);
		return NULL;
	}
	kc_buf_puts(&b, "");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len <= MM_MAX_FILE)
		kc_buf_add(&b, chunk, n);
	if (b.len > MM_MAX_FILE) {
		fclose(f);
		free(b.s);
		errno = EFBIG;
		return NULL;
	}
	if (ferror(f)) {
		fclose(f);
		free(b.s);
		return NULL;
	}
	fclose(f);
	if (len)
		*len = b.len;
	return b.s;
}

/* ---- per-file parsing state ------------------------------------------ */

struct mm_var {
	char *name;
	struct kc_buf value;
};

enum line_kind { LK_OBJ, LK_SUBDIR, LK_ARCHDIR };

/* An obj-/subdir- line, expanded when the file is done. */
struct mm_objline {
	enum line_kind kind;
	enum kc_mod_kind mkind;
	const char *sym;	/* guard from the key, NULL for -y / -m */
	const char **conds;	/* enclosing ifdef symbols */
	size_t nconds;
	char *value;
	const char *file;
	int line;
};

/* foo-$(CONFIG_Z) += ...: symbol Z adds objects to composite foo. */
struct mm_part {
	char *base;
	const char *sym;
	char *value;
};

struct mm_parse {
	struct kc_modmap *map;
	int dir;		/* index of the directory being read */
	bool arch_mode;		/* top/arch Makefile: only core-/drivers-/libs- */
	bool reached;
	struct mm_var *vars;
	size_t nvars, capvars;
	struct mm_objline *lines;
	size_t nlines, caplines;
	struct mm_part *parts;
	size_t nparts, capparts;
	const char **cond;	/* per nesting level, NULL when not a positive CONFIG test */
	size_t ncond, capcond;
	int include_depth;
	int includes;		/* include lines followed (MM_MAX_INCLUDES) */
	unsigned long steps;	/* expansions (MM_MAX_EXPAND_STEPS) */
	bool runaway;		/* an expansion hit a limit: stop expanding */
};

static struct mm_var *
var_find(struct mm_parse *ps, const char *name, size_t n)
{
	size_t i;

	for (i = ps->nvars; i-- > 0;)
		if (strlen(ps->vars[i].name) == n && !memcmp(ps->vars[i].name, name, n))
			return &ps->vars[i];
	return NULL;
}

static struct mm_var *
var_get(struct mm_parse *ps, const char *name)
{
	struct mm_var *v = var_find(ps, name, strlen(name));

	if (v)
		return v;
	mm_grow(&ps->vars, &ps->capvars, ps->nvars + 1, sizeof(*ps->vars));
	v = &ps->vars[ps->nvars++];
	v->name = kc_xstrdup(name);
	v->value = (struct kc_buf){ 0 };
	kc_buf_puts(&v->value, "");
	return v;
}

static void
parse_done(struct mm_parse *ps)
{
	size_t i;

	for (i = 0; i < ps->nvars; i++) {
		free(ps->vars[i].name);
		free(ps->vars[i].value.s);
	}
	for (i = 0; i < ps->nlines; i++) {
		free(ps->lines[i].value);
		free(ps->lines[i].conds);
	}
	for (i = 0; i < ps->nparts; i++) {
		free(ps->parts[i].base);
		free(ps->parts[i].value);
	}
	free(ps->vars);
	free(ps->lines);
	free(ps->parts);
	free(ps->cond);
}

/* ---- expansion --------------------------------------------------------- */

static void expand(struct mm_parse *ps, const char *s, size_t n, struct kc_buf *out, int depth);

/* End of a $( ... ) or ${ ... } reference starting at s[0] == '(' or '{'. */
static size_t
ref_end(const char *s, size_t n)
{
	char open = s[0], close = open == '(' ? ')' : '}';
	int level = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == open)
			level++;
		else if (s[i] == close && --level == 0)
			return i;
	}
	return n;
}

/* Split function arguments at top-level commas into expanded strings. */
static size_t
split_args(struct mm_parse *ps, const char *s, size_t n, struct kc_buf *args, size_t max, int depth)
{
	size_t nargs = 0, start = 0, i;
	int level = 0;

	for (i = 0; i <= n && nargs < max; i++) {
		if (i < n && (s[i] == '(' || s[i] == '{'))
			level++;
		else if (i < n && (s[i] == ')' || s[i] == '}'))
			level--;
		else if (i == n || (s[i] == ',' && level == 0 && nargs + 1 < max)) {
			mm_buf_reset(&args[nargs]);
			kc_buf_puts(&args[nargs], "");
			expand(ps, s + start, i - start, &args[nargs], depth + 1);
			nargs++;
			start = i + 1;
		}
	}
	return nargs;
}

/* Apply prefix/suffix to each word of list. */
static void
fn_affix(const char *pre, const char *suf, const char *list, struct kc_buf *out)
{
	const char *p = list;
	bool first = true;

	while (*p) {
		size_t w;

		while (isspace((unsigned char)*p))
			p++;
		w = strcspn(p, " \t\n");
		if (!w)
			break;
		if (!first)
			kc_buf_puts(out, " ");
		kc_buf_puts(out, pre);
		kc_buf_add(out, p, w);
		kc_buf_puts(out, suf);
		first = false;
		p += w;
	}
}

static void
fn_subst(const char *from, const char *to, const char *text, struct kc_buf *out)
{
	size_t fl = strlen(from);
	const char *p = text, *q;

	if (!fl) {
		kc_buf_puts(out, text);
		return;
	}
	while ((q = strstr(p, from))) {
		kc_buf_add(out, p, (size_t)(q - p));
		kc_buf_puts(out, to);
		p = q + fl;
	}
	kc_buf_puts(out, p);
}

/* A function call: the few that matter in obj- lines; others expand to nothing. */
static void
expand_call(struct mm_parse *ps, const char *fn, size_t fl, const char *args, size_t an,
	    struct kc_buf *out, int depth)
{
	struct kc_buf a[3] = { { 0 }, { 0 }, { 0 } };
	size_t n = split_args(ps, args, an, a, 3, depth), i;

#define FN_IS(name) (fl == strlen(name) && !memcmp(fn, name, fl))
	if (FN_IS("addprefix") && n == 2)
		fn_affix(a[0].s, "", a[1].s, out);
	else if (FN_IS("addsuffix") && n == 2)
		fn_affix("", a[0].s, a[1].s, out);
	else if (FN_IS("subst") && n == 3)
		fn_subst(a[0].s, a[1].s, a[2].s, out);
	else if ((FN_IS("strip") || FN_IS("sort")) && n == 1)
		kc_buf_puts(out, a[0].s);
#undef FN_IS
	for (i = 0; i < 3; i++)
		free(a[i].s);
}

/*
 * $(foo-y) also collects the guarded values of foo-$(CONFIG_X) := bar.o; each
 * word comes out as "\1X\1bar.o" so that the line using it knows bar.o also
 * needs X (drivers/infiniband/core: infiniband-$(CONFIG_..) := rdma_cm.o).
 */
static void
expand_guarded(struct mm_parse *ps, const char *base, size_t n, struct kc_buf *out, int depth)
{
	struct kc_buf b = { 0 };
	size_t i;

	for (i = 0; i < ps->nparts; i++) {
		char *save, *w;

		if (strlen(ps->parts[i].base) != n || memcmp(ps->parts[i].base, base, n))
			continue;
		kc_buf_puts(&b, "");
		b.len = 0;
		b.s[0] = '\0';
		expand(ps, ps->parts[i].value, strlen(ps->parts[i].value), &b, depth + 1);
		for (w = strtok_r(b.s, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
			kc_buf_printf(out, " \1%s\1%s", ps->parts[i].sym, w);
	}
	kc_buf_free(&b);
}

/* The value of a variable reference; CONFIG_ symbols are unknown, so empty. */
static void
expand_var(struct mm_parse *ps, const char *name, size_t n, struct kc_buf *out, int depth)
{
	struct kc_modmap *map = ps->map;
	struct mm_var *v;
	const char *colon = memchr(name, ':', n);

	if (colon)	/* $(VAR:a=b): the plain value is close enough */
		n = (size_t)(colon - name);
#define NAME_IS(s) (n == strlen(s) && !memcmp(name, s, n))
	if (NAME_IS("src") || NAME_IS("obj"))
		kc_buf_puts(out, map->dirs[ps->dir].path);
	else if (NAME_IS("srctree") || NAME_IS("objtree"))
		kc_buf_puts(out, ".");
	else if (NAME_IS("SRCARCH") || NAME_IS("ARCH") || NAME_IS("SUBARCH"))
		kc_buf_puts(out, map->srcarch);
	else if ((v = var_find(ps, name, n)))
		expand(ps, v->value.s, v->value.len, out, depth + 1);
	if (n > 2 && name[n - 2] == '-' && (name[n - 1] == 'y' || name[n - 1] == 'm'))
		expand_guarded(ps, name, n - 2, out, depth);
#undef NAME_IS
}

/* expand - make-style expansion of s[0..n) appended to out. */
static void
expand(struct mm_parse *ps, const char *s, size_t n, struct kc_buf *out, int depth)
{
	size_t i = 0;

	if (depth > MM_MAX_EXPAND_DEPTH)
		return;
	while (i < n) {
		const char *d = memchr(s + i, '$', n - i);
		size_t end, sp;

		if (ps->runaway || ++ps->steps > MM_MAX_EXPAND_STEPS || out->len > MM_MAX_EXPAND_SIZE) {
			ps->runaway = true;
			return;
		}

		if (!d) {
			kc_buf_add(out, s + i, n - i);
			return;
		}
		kc_buf_add(out, s + i, (size_t)(d - s - i));
		i = (size_t)(d - s) + 1;
		if (i >= n)
			return;
		if (s[i] == '$') {
			kc_buf_puts(out, "$");
			i++;
			continue;
		}
		if (s[i] != '(' && s[i] != '{') {
			expand_var(ps, s + i, 1, out, depth);
			i++;
			continue;
		}
		end = i + ref_end(s + i, n - i);
		sp = strcspn(s + i + 1, " \t");
		if (i + 1 + sp < end)
			expand_call(ps, s + i + 1, sp, s + i + 2 + sp, end - i - 2 - sp, out, depth);
		else
			expand_var(ps, s + i + 1, end - i - 1, out, depth);
		i = end + 1;
	}
}

/* ---- reading lines ----------------------------------------------------- */

/* First CONFIG_ name in s[0..n), interned without the prefix, or NULL. */
static const char *
find_config(struct kc_modmap *map, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 7 < n; i++) {
		if (memcmp(s + i, "CONFIG_", 7) == 0 && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
			size_t j = i + 7;

			while (j < n && (isalnum((unsigned char)s[j]) || s[j] == '_'))
				j++;
			if (j > i + 7)
				return mm_intern_n(map, s + i + 7, j - i - 7);
		}
	}
	return NULL;
}

/* The symbol a conditional directive tests positively, or NULL. */
static const char *
cond_symbol(struct kc_modmap *map, const char *dir, const char *arg)
{
	const char *sym = find_config(map, arg, strlen(arg));
	char *tmp, *p;
	const char *r = NULL;

	if (!sym)
		return NULL;
	if (!strcmp(dir, "ifdef"))
		return strncmp(arg, "CONFIG_", 7) == 0 ? sym : NULL;
	if (strcmp(dir, "ifeq") && strcmp(dir, "ifneq"))
		return NULL;
	/* Compare the second operand once quotes, parens and blanks are gone. */
	tmp = kc_xstrdup(arg);
	for (p = tmp; *p; p++)
		if (strchr("()\"' \t", *p))
			*p = ' ';
	p = strchr(tmp, ',');
	if (p) {
		char *second = p + 1;
		size_t k = strspn(second, " ");
		size_t len = strlen(second + k);

		while (len && second[k + len - 1] == ' ')
			len--;
		second[k + len] = '\0';
		second += k;
		if (!strcmp(dir, "ifeq") && (!strcmp(second, "y") || !strcmp(second, "m")))
			r = sym;
		else if (!strcmp(dir, "ifneq") && (!*second || !strcmp(second, "n")))
			r = sym;
	}
	free(tmp);
	return r;
}

static void
cond_push(struct mm_parse *ps, const char *sym)
{
	mm_grow(&ps->cond, &ps->capcond, ps->ncond + 1, sizeof(*ps->cond));
	ps->cond[ps->ncond++] = sym;
}

/* Handle ifdef/ifeq/else/endif; return true when the line was one. */
static bool
directive_cond(struct mm_parse *ps, char *line)
{
	char *word = line, *arg;
	size_t wl = strcspn(line, " \t(");

	arg = line + wl;
	arg += strspn(arg, " \t");
	if (!strncmp(word, "endif", wl) && wl == 5) {
		if (ps->ncond)
			ps->ncond--;
		return true;
	}
	if (wl == 4 && !strncmp(word, "else", 4)) {
		const char *sym = NULL;

		if (*arg) {	/* else ifeq (...) */
			size_t w2 = strcspn(arg, " \t(");
			char d[8] = { 0 };

			memcpy(d, arg, w2 < 7 ? w2 : 7);
			sym = cond_symbol(ps->map, d, arg + w2);
		}
		if (ps->ncond)
			ps->cond[ps->ncond - 1] = sym;
		return true;
	}
	if ((wl == 5 && (!strncmp(word, "ifdef", 5))) || (wl == 6 && !strncmp(word, "ifndef", 6)) ||
	    (wl == 4 && !strncmp(word, "ifeq", 4)) || (wl == 5 && !strncmp(word, "ifneq", 5))) {
		char d[8] = { 0 };

		memcpy(d, word, wl);
		cond_push(ps, cond_symbol(ps->map, d, arg));
		return true;
	}
	return false;
}

/* The enclosing positive conditions, as an owned array. */
static const char **
cond_copy(struct mm_parse *ps, size_t *n)
{
	const char **v = NULL;
	size_t cap = 0, i;

	*n = 0;
	for (i = 0; i < ps->ncond; i++)
		if (ps->cond[i])
			mm_strv_add_unique(&v, n, &cap, ps->cond[i]);
	return v;
}

static void
add_line(struct mm_parse *ps, enum line_kind kind, enum kc_mod_kind mkind, const char *sym,
	 const char *value, const char *file, int line)
{
	struct mm_objline *l;

	mm_grow(&ps->lines, &ps->caplines, ps->nlines + 1, sizeof(*ps->lines));
	l = &ps->lines[ps->nlines++];
	l->kind = kind;
	l->mkind = mkind;
	l->sym = sym;
	l->conds = cond_copy(ps, &l->nconds);
	l->value = kc_xstrdup(value);
	l->file = file;
	l->line = line;
}

/*
 * The guard of an obj-/subdir- style key suffix ("y", "m", "$(CONFIG_X)",
 * "$(subst m,y,$(CONFIG_X))"): sets *sym and *mkind; false if not such a key.
 */
static bool
key_guard(struct mm_parse *ps, const char *suffix, const char **sym, enum kc_mod_kind *mkind)
{
	*sym = NULL;
	if (!strcmp(suffix, "y")) {
		*mkind = KC_MOD_BUILTIN;
		return true;
	}
	if (!strcmp(suffix, "m")) {
		*mkind = KC_MOD_MODULE;
		return true;
	}
	if (suffix[0] != '$')
		return false;
	*mkind = KC_MOD_CONFIG;
	/*
	 * $(subst y,$(CONFIG_L2TP),$(CONFIG_L2TP_ETH)): the last symbol is the
	 * module's own, the others cap it and become conditions of the line.
	 */
	for (;;) {
		const char *next = find_config(ps->map, suffix, strlen(suffix));

		if (!next)
			break;
		if (*sym)
			cond_push(ps, *sym);
		*sym = next;
		suffix = strstr(suffix, "CONFIG_") + 7;
	}
	return *sym != NULL;
}

/* Remember foo-y / foo-objs / foo-$(CONFIG_Z) for the composite modules. */
static void
note_part(struct mm_parse *ps, const char *key, const char *value)
{
	const char *dollar = strstr(key, "-$(");
	struct mm_part *p;
	const char *sym;

	if (!dollar || dollar == key || strchr(key, '$') < dollar)
		return;
	sym = find_config(ps->map, dollar, strlen(dollar));
	if (!sym)
		return;
	mm_grow(&ps->parts, &ps->capparts, ps->nparts + 1, sizeof(*ps->parts));
	p = &ps->parts[ps->nparts++];
	p->base = kc_xstrdup(key);
	p->base[dollar - key] = '\0';
	p->sym = sym;
	p->value = kc_xstrdup(value);
}

static bool parse_file(struct mm_parse *ps, const char *relpath, bool may_miss);

static void
do_include(struct mm_parse *ps, const char *arg, const char *file, int lineno, bool quiet)
{
	struct kc_modmap *map = ps->map;
	struct kc_buf b = { 0 };
	char *path;

	kc_buf_puts(&b, "");
	expand(ps, arg, strlen(arg), &b, 0);
	path = path_join("", b.s);
	if (ps->include_depth >= MM_MAX_INCLUDE_DEPTH)
		mm_add_diag(map, KC_WARNING, file, lineno, "includes nested too deeply");
	else if (++ps->includes > MM_MAX_INCLUDES)
		mm_add_diag(map, KC_WARNING, file, lineno, "more than %d includes in one folder",
			 MM_MAX_INCLUDES);
	else if (*b.s && !strchr(b.s, ' ')) {
		char *full = path_join(map->srctree, path);
		struct stat st;

		if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
			ps->include_depth++;
			parse_file(ps, path, false);
			ps->include_depth--;
		} else if (!quiet) {
			mm_add_diag(map, KC_NOTE, file, lineno, "cannot include '%s'", b.s);
		}
		free(full);
	}
	free(path);
	free(b.s);
}

/* Split an assignment: returns the operator position or NULL (also for rules). */
static char *
find_assign(char *line, char *op)
{
	int level = 0;
	char *p;

	for (p = line; *p; p++) {
		if (*p == '(' || *p == '{')
			level++;
		else if (*p == ')' || *p == '}')
			level--;
		else if (level == 0 && *p == '=') {
			*op = p > line && strchr("+:?!", p[-1]) ? p[-1] : '=';
			return p;
		} else if (level == 0 && *p == ':' && p[1] != '=' && !(p[1] == ':' && p[2] == '=')) {
			return NULL;	/* a rule */
		}
	}
	return NULL;
}

static void
trim(char **s, char *end)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
	while (end > *s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	*end = '\0';
}

/* One logical line (continuations joined, comment stripped). Returns false for a rule. */
static bool
parse_line(struct mm_parse *ps, char *line, const char *file, int lineno)
{
	char op, *eq, *key, *val, *keyend;
	const char *sym;
	enum kc_mod_kind mkind;
	size_t ncond;

	line += strspn(line, " \t");
	if (!*line)
		return true;
	if (directive_cond(ps, line))
		return true;
	if (!strncmp(line, "include ", 8) || !strncmp(line, "-include ", 9) ||
	    !strncmp(line, "sinclude ", 9)) {
		if (!ps->arch_mode)
			do_include(ps, line + strcspn(line, " ") + 1, file, lineno,
				   line[0] != 'i' || !ps->reached);
		return true;
	}
	if (!strncmp(line, "export ", 7))
		line += 7;
	else if (!strncmp(line, "override ", 9))
		line += 9;
	eq = find_assign(line, &op);
	if (!eq)
		return strncmp(line, "define ", 7) != 0 && strchr(line, ':') == NULL;
	keyend = op == '=' ? eq : eq - 1;
	if (op == ':' && keyend > line && keyend[-1] == ':')
		keyend--;
	key = line;
	val = eq + 1;
	*keyend = '\0';
	trim(&key, keyend);
	trim(&val, val + strlen(val));
	if (!*key)
		return true;

	ncond = ps->ncond;
	if (!ps->arch_mode && !strncmp(key, "obj-", 4) && key_guard(ps, key + 4, &sym, &mkind))
		add_line(ps, LK_OBJ, mkind, sym, val, file, lineno);
	else if (!ps->arch_mode && !strncmp(key, "subdir-", 7) && key_guard(ps, key + 7, &sym, &mkind))
		add_line(ps, LK_SUBDIR, mkind, sym, val, file, lineno);
	else if (ps->arch_mode && (!strncmp(key, "core-", 5) || !strncmp(key, "drivers-", 8) ||
				   !strncmp(key, "libs-", 5)) &&
		 key_guard(ps, strchr(key, '-') + 1, &sym, &mkind))
		add_line(ps, LK_ARCHDIR, mkind, sym, val, file, lineno);
	else if (strchr(key, '-'))
		note_part(ps, key, val);
	ps->ncond = ncond;	/* drop what key_guard pushed */

	if (!strchr(key, '$')) {
		struct mm_var *v = var_get(ps, key);

		if (op != '+')
			mm_buf_reset(&v->value);
		else if (v->value.len)
			kc_buf_puts(&v->value, " ");
		kc_buf_puts(&v->value, val);
	}
	return true;
}

/* Walk the logical lines of a buffer. */
static void
parse_buffer(struct mm_parse *ps, char *text, const char *file)
{
	char *p = text;
	int lineno = 1;
	bool in_recipe = false, in_define = false;
	struct kc_buf line = { 0 };

	while (*p) {
		int start = lineno;
		bool tab = *p == '\t';

		mm_buf_reset(&line);
		kc_buf_puts(&line, "");
		for (;;) {
			size_t n = strcspn(p, "\n");
			bool cont = n > 0 && p[n - 1] == '\\';

			kc_buf_add(&line, p, cont ? n - 1 : n);
			p += n;
			if (*p == '\n') {
				p++;
				lineno++;
			}
			if (!cont || !*p)
				break;
			kc_buf_puts(&line, " ");
		}
		{
			char *hash = line.s, *s = line.s + strspn(line.s, " \t");

			while ((hash = strchr(hash, '#')) && hash > line.s && hash[-1] == '\\')
				hash++;
			if (hash)
				*hash = '\0';
			if (in_define) {
				if (!strncmp(s, "endef", 5))
					in_define = false;
				continue;
			}
			if (!strncmp(s, "define ", 7) || !strcmp(s, "define")) {
				in_define = true;
				continue;
			}
			if (tab && in_recipe)
				continue;
			if (*s)
				in_recipe = !parse_line(ps, line.s, file, start);
		}
	}
	free(line.s);
}

static void
record_file(struct kc_modmap *map, const char *relpath)
{
	mm_grow(&map->file_names, &map->capfile_names, map->nfile_names + 1,
		sizeof(*map->file_names));
	map->file_names[map->nfile_names++] = (char *)mm_intern(map, relpath);
	map->stats.files++;
}

/* parse_file - read one file into @ps; a missing file is an error unless @may_miss. */
static bool
parse_file(struct mm_parse *ps, const char *relpath, bool may_miss)
{
	struct kc_modmap *map = ps->map;
	char *full = path_join(map->srctree, relpath);
	bool special;
	char *text = read_file(full, NULL, &special);

	free(full);
	if (!text) {
		if (special)
			mm_add_diag(map, KC_WARNING, relpath, 0, "not a regular file; not read");
		else if (!may_miss || errno != ENOENT)
			mm_add_diag(map, KC_WARNING, relpath, 0, "cannot read: %s", strerror(errno));
		return false;
	}
	record_file(map, relpath);
	parse_buffer(ps, text, mm_intern(map, relpath));
	free(text);
	if (ps->runaway && ps->include_depth == 0)
		mm_add_diag(map, KC_WARNING, relpath, 0, "variable expansion beyond %u steps or %u MiB, cut short",
			 (unsigned)MM_MAX_EXPAND_STEPS, MM_MAX_EXPAND_SIZE >> 20);
	return true;
}

/* ---- directories and entries ------------------------------------------ */

static int
find_dir(struct kc_modmap *map, const char *path)
{
	struct kc_strmap_slot *v = kc_strmap_find(&map->dir_index, path);

	return v ? v->val : -1;
}

/*
 * add_dir - a directory named by @parent's Makefile with guard @sym (NULL:
 * unconditional) inside the ifdef symbols @conds. Returns its index when it
 * is new (to be read), else -1.
 */
static int
add_dir(struct kc_modmap *map, const char *path, int parent, const char *sym,
	const char **conds, size_t nconds, bool reached)
{
	int idx = find_dir(map, path);
	struct mm_dir *d;
	size_t cap;

	if (idx >= 0) {
		d = &map->dirs[idx];
		if (d->parent == parent && !sym)
			d->always = true;
		else if (d->parent == parent) {
			cap = d->nguard;
			mm_strv_add_unique(&d->guard, &d->nguard, &cap, sym);
		}
		return -1;
	}
	mm_grow(&map->dirs, &map->capdirs, map->ndirs + 1, sizeof(*map->dirs));
	d = &map->dirs[map->ndirs];
	memset(d, 0, sizeof(*d));
	d->path = mm_intern(map, path);
	d->parent = parent;
	d->always = !sym;
	d->reached = reached;
	if (sym) {
		d->guard = kc_xmalloc(sizeof(*d->guard));
		d->guard[0] = sym;
		d->nguard = 1;
	}
	if (nconds) {
		d->conds = kc_xmalloc(nconds * sizeof(*d->conds));
		memcpy(d->conds, conds, nconds * sizeof(*conds));
		d->nconds = nconds;
	}
	kc_strmap_put(&map->dir_index, d->path, (int)map->ndirs);
	return (int)map->ndirs++;
}

struct mm_links {
	struct kc_modmap_link *v;
	size_t n, cap;
};

static bool
link_known(const struct mm_links *l, const char *const *skip, size_t nskip, const char *sym)
{
	size_t i;

	for (i = 0; i < nskip; i++)
		if (skip[i] == sym)
			return true;
	for (i = 0; i < l->n; i++)
		if (l->v[i].nsyms == 1 && l->v[i].syms[0] == sym)
			return true;
	return false;
}

/* Append a link unless it is a single symbol already present (or in skip). */
static void
links_add(struct kc_modmap *map, struct mm_links *l, const char *dir, const char *const *syms,
	  size_t nsyms, const char *const *skip, size_t nskip)
{
	size_t i;

	if (!nsyms)
		return;
	for (i = 0; i < nsyms; i++)	/* any-of: satisfied once one of them is needed anyway */
		if (link_known(l, skip, nskip, syms[i]))
			return;
	mm_grow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].dir = dir;
	l->v[l->n].nsyms = nsyms;
	l->v[l->n].syms = mm_arena_strv(map, syms, nsyms);
	l->n++;
}

/* The conditions of directory @idx and all its parents, innermost first. */
static void
dir_links(struct kc_modmap *map, int idx, struct mm_links *l, const char *const *skip,
	  size_t nskip)
{
	for (; idx >= 0; idx = map->dirs[idx].parent) {
		struct mm_dir *d = &map->dirs[idx];
		size_t i;

		if (!d->always)
			links_add(map, l, d->path, d->guard, d->nguard, skip, nskip);
		for (i = 0; i < d->nconds; i++)
			links_add(map, l, d->path, &d->conds[i], 1, skip, nskip);
	}
}

/* An object named in the file being read, before it becomes an entry. */
struct mm_obj {
	const char *name;
	char *norm;
	const char *dir;
	const char *file;
	int line;
	enum kc_mod_kind kind;
	const char **syms;
	size_t nsyms, capsyms;
	const char **conds;
	size_t nconds;
};

struct mm_objs {
	struct mm_obj *v;
	size_t n, cap;
};

/* What one word of an obj- line is guarded by, markers of expand_guarded() included. */
struct mm_word {
	enum kc_mod_kind kind;
	const char *sym;
	const char **conds;	/* owned */
	size_t nconds, capconds;
};

static void
obj_add(struct kc_modmap *map, struct mm_objs *objs, const struct mm_objline *l,
	struct mm_word *wd, const char *dirpath, const char *word)
{
	char *path = path_join(dirpath, word), *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	char *norm = mm_norm_name(name);
	struct mm_obj *o = NULL;
	size_t i;

	if (slash)
		*slash = '\0';
	for (i = 0; i < objs->n; i++)
		if (!strcmp(objs->v[i].norm, norm) && !strcmp(objs->v[i].dir, slash ? path : ""))
			o = &objs->v[i];
	if (o) {
		free(norm);
	} else {
		mm_grow(&objs->v, &objs->cap, objs->n + 1, sizeof(*objs->v));
		o = &objs->v[objs->n++];
		memset(o, 0, sizeof(*o));
		o->norm = norm;
		o->name = mm_intern_n(map, name, strlen(name) - 2);
		o->dir = mm_intern(map, slash ? path : "");
		o->file = l->file;
		o->line = l->line;
		o->kind = wd->kind;
		o->conds = wd->conds;	/* ownership moves to the object */
		o->nconds = wd->nconds;
		wd->conds = NULL;
	}
	if (wd->kind < o->kind)
		o->kind = wd->kind;
	if (wd->sym)
		mm_strv_add_unique(&o->syms, &o->nsyms, &o->capsyms, wd->sym);
	free(path);
}

/*
 * word_guard - strip the "\1X\1" markers off *w and work out its guard: the
 * innermost marker becomes the symbol of an obj-$(CONFIG_..) line (whose own
 * symbol then joins the conditions); other markers are conditions too.
 */
static void
word_guard(struct kc_modmap *map, const struct mm_objline *l, char **w, struct mm_word *wd)
{
	const char *inner = NULL;
	size_t i;

	memset(wd, 0, sizeof(*wd));
	wd->kind = l->mkind;
	wd->sym = l->sym;
	for (i = 0; i < l->nconds; i++)
		mm_strv_add_unique(&wd->conds, &wd->nconds, &wd->capconds, l->conds[i]);
	while (**w == '\1') {
		char *end = strchr(*w + 1, '\1');

		if (!end)
			break;
		if (inner)
			mm_strv_add_unique(&wd->conds, &wd->nconds, &wd->capconds, inner);
		inner = mm_intern_n(map, *w + 1, (size_t)(end - *w - 1));
		*w = end + 1;
	}
	if (!inner)
		return;
	if (l->mkind == KC_MOD_CONFIG || (l->kind != LK_OBJ && !l->sym)) {
		if (l->sym)
			mm_strv_add_unique(&wd->conds, &wd->nconds, &wd->capconds, l->sym);
		wd->sym = inner;
		wd->kind = KC_MOD_CONFIG;
	} else {
		mm_strv_add_unique(&wd->conds, &wd->nconds, &wd->capconds, inner);
	}
}

/* Turn a finished object into a map entry. */
static void
obj_finish(struct mm_parse *ps, struct mm_obj *o)
{
	struct kc_modmap *map = ps->map;
	struct kc_modmap_entry *e;
	struct mm_links links = { 0 };
	const char **parts = NULL;
	size_t nparts = 0, cap = 0, i;

	for (i = 0; i < ps->nparts; i++) {
		char *n = mm_norm_name(ps->parts[i].base);

		if (!strcmp(n, o->norm))
			mm_strv_add_unique(&parts, &nparts, &cap, ps->parts[i].sym);
		free(n);
	}
	for (i = 0; i < o->nconds; i++)
		links_add(map, &links, o->dir, &o->conds[i], 1, o->syms, o->nsyms);
	dir_links(map, ps->dir, &links, o->syms, o->nsyms);

	mm_grow(&map->entries, &map->capentries, map->nentries + 1, sizeof(*map->entries));
	e = &map->entries[map->nentries++];
	e->name = o->name;
	e->dir = o->dir;
	e->file = o->file;
	e->line = o->line;
	e->kind = o->kind;
	e->nsyms = o->nsyms;
	e->syms = mm_arena_strv(map, o->syms, o->nsyms);
	e->nchain = links.n;
	e->chain = links.v;
	if (links.n) {
		struct kc_modmap_link *c = kc_arena_alloc(&map->arena, links.n * sizeof(*c));

		memcpy(c, links.v, links.n * sizeof(*c));
		e->chain = c;
	}
	free(links.v);
	e->nparts = nparts;
	e->parts = mm_arena_strv(map, parts, nparts);
	e->reached = ps->reached;
	free(parts);
}

/* Expand a finished line's value and act on each word. */
static void
line_finish(struct mm_parse *ps, const struct mm_objline *l, struct mm_objs *objs)
{
	struct kc_modmap *map = ps->map;
	const char *dirpath = map->dirs[ps->dir].path;
	struct kc_buf b = { 0 };
	char *save, *w;

	kc_buf_puts(&b, "");
	expand(ps, l->value, strlen(l->value), &b, 0);
	for (w = strtok_r(b.s, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		struct mm_word wd;
		size_t n;

		word_guard(map, l, &w, &wd);
		if (*dirpath && !strncmp(w, dirpath, strlen(dirpath)) && w[strlen(dirpath)] == '/')
			w += strlen(dirpath) + 1;	/* $(obj)/foo.o */
		n = strlen(w);
		if (n > 1 && w[n - 1] == '/') {
			char *path = path_join(l->kind == LK_ARCHDIR ? "" : dirpath, w);

			if (strcmp(path, dirpath))
				add_dir(map, path, ps->dir, wd.sym, wd.conds, wd.nconds, ps->reached);
			free(path);
		} else if (l->kind == LK_OBJ && n > 2 && !strcmp(w + n - 2, ".o") &&
			   !strchr(w, '$')) {
			obj_add(map, objs, l, &wd, dirpath, w);
		}
		free(wd.conds);
	}
	free(b.s);
}

static void
parse_finish(struct mm_parse *ps)
{
	struct mm_objs objs = { 0 };
	size_t i;

	for (i = 0; i < ps->nlines; i++)
		line_finish(ps, &ps->lines[i], &objs);
	for (i = 0; i < objs.n; i++) {
		obj_finish(ps, &objs.v[i]);
		free(objs.v[i].norm);
		free(objs.v[i].syms);
		free(objs.v[i].conds);
	}
	free(objs.v);
}

static bool
file_exists(struct kc_modmap *map, const char *rel)
{
	char *full = path_join(map->srctree, rel);
	struct stat st;
	bool r = stat(full, &st) == 0 && S_ISREG(st.st_mode);

	free(full);
	return r;
}

/* Read directory @idx's Kbuild (or Makefile); @arch_files: also the top/arch Makefiles. */
static void
read_dir(struct kc_modmap *map, int idx, bool arch_files)
{
	struct mm_parse ps = { 0 };
	const char *path = map->dirs[idx].path;
	char *kbuild = path_join(path, "Kbuild"), *makefile = path_join(path, "Makefile");

	ps.map = map;
	ps.dir = idx;
	ps.reached = map->dirs[idx].reached;
	if (arch_files) {
		char *archmk = kc_xmalloc(strlen(map->srcarch) + 16);

		sprintf(archmk, "arch/%s/Makefile", map->srcarch);
		ps.arch_mode = true;
		parse_file(&ps, "Makefile", true);
		parse_file(&ps, archmk, true);
		parse_finish(&ps);
		parse_done(&ps);
		memset(&ps, 0, sizeof(ps));
		ps.map = map;
		ps.dir = idx;
		ps.reached = true;
		free(archmk);
	}
	if (!parse_file(&ps, kbuild, true) && !parse_file(&ps, makefile, true) && idx)
		mm_add_diag(map, KC_NOTE, path, 0, "directory named by %s has no Kbuild or Makefile",
			 map->dirs[idx].parent >= 0 ? map->dirs[map->dirs[idx].parent].path : "?");
	parse_finish(&ps);
	parse_done(&ps);
	free(kbuild);
	free(makefile);
}

static void
read_queue(struct kc_modmap *map, size_t *next)
{
	for (; *next < map->ndirs; (*next)++) {
		read_dir(map, (int)*next, false);
		if (map->dirs[*next].reached)
			map->stats.dirs++;
		else
			map->stats.walked++;
	}
}

/* ---- fallback walk ----------------------------------------------------- */

static bool
walk_skip(struct kc_modmap *map, const char *rel, const char *name)
{
	static const char *const top_skip[] = {
		"Documentation", "LICENSES", "scripts", "tools", "usr", "debian", NULL
	};
	size_t i;

	if (name[0] == '.')
		return true;
	if (!*rel)
		for (i = 0; top_skip[i]; i++)
			if (!strcmp(name, top_skip[i]))
				return true;
	return !strcmp(rel, "arch") && strcmp(name, map->srcarch);
}

static int
nearest_dir(struct kc_modmap *map, const char *rel)
{
	char *p = kc_xstrdup(rel), *slash;
	int idx;

	while ((idx = find_dir(map, p)) < 0 && (slash = strrchr(p, '/')))
		*slash = '\0';
	if (idx < 0)
		idx = 0;
	free(p);
	return idx;
}

/* Depth-first walk; directories with a Makefile that nothing named are read unreached. */
static void
walk(struct kc_modmap *map, const char *rel, size_t *next, int depth)
{
	char *full = path_join(map->srctree, rel);
	DIR *dir = opendir(full);
	struct dirent *de;
	char **subs = NULL;
	size_t nsubs = 0, cap = 0, i;
	bool has_mk = false;

	free(full);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		bool isdir = de->d_type == DT_DIR;

		if (de->d_type == DT_UNKNOWN) {
			char *sub = path_join(rel, de->d_name), *f = path_join(map->srctree, sub);
			struct stat st;

			isdir = lstat(f, &st) == 0 && S_ISDIR(st.st_mode);
			free(sub);
			free(f);
		}
		if (!strcmp(de->d_name, "Makefile") || !strcmp(de->d_name, "Kbuild"))
			has_mk = true;
		else if (isdir && !walk_skip(map, rel, de->d_name)) {
			mm_grow(&subs, &cap, nsubs + 1, sizeof(*subs));
			subs[nsubs++] = path_join(rel, de->d_name);
		}
	}
	closedir(dir);
	if (has_mk && find_dir(map, rel) < 0) {
		add_dir(map, rel, nearest_dir(map, rel), NULL, NULL, 0, false);
		read_queue(map, next);
	}
	for (i = 0; i < nsubs; i++) {
		if (depth < 32)
			walk(map, subs[i], next, depth + 1);
		free(subs[i]);
	}
	free(subs);
}

enum kc_status
mm_read_tree(struct kc_modmap *map, bool walk_all)
{
	size_t next = 1;

	if (!file_exists(map, "Kbuild") && !file_exists(map, "Makefile")) {
		mm_add_diag(map, KC_ERROR, map->srctree, 0, "no Kbuild or Makefile at the top of the tree");
		return KC_ENOENT;
	}
	add_dir(map, "", -1, NULL, NULL, 0, true);
	read_dir(map, 0, true);
	map->stats.dirs++;
	read_queue(map, &next);
	if (walk_all)
		walk(map, "", &next, 0);
	return KC_OK;
}
