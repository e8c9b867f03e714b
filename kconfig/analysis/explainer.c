/* explainer.c - per-tree context of explanations: arch index, Kconfig source lines, dependency owners. */
#include "config.h"

#include "kexplore/explain.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "explain-private.h"

struct src_file {
	char *path;		/* as given (relative to srctree) */
	char *text;		/* whole file, lines split at '\n' */
	char **lines;		/* lines[0] is line 1 */
	char **joined;		/* continuation-joined copies, lazily */
	size_t nlines;
	struct src_file *next;
};

struct arch_ent {
	char *name;
	struct kc_buf arches;
	struct arch_ent *next;
};

struct dep_ent {
	const struct kc_expr *dep;
	const struct kc_menu *menu;
};

#define ARCH_HASH 8192
#define FILE_HASH 256

struct kc_explainer {
	struct kc_tree *tree;
	struct src_file *files[FILE_HASH];
	bool arch_done;
	struct arch_ent *arch[ARCH_HASH];
	struct dep_ent *deps;
	size_t deps_cap;
};

struct kc_explainer *
kc_explainer_new(struct kc_tree *tree)
{
	struct kc_explainer *ex = kc_xcalloc(1, sizeof(*ex));

	ex->tree = tree;
	return ex;
}

static void
free_file(struct src_file *f)
{
	size_t i;

	for (i = 0; f->joined && i < f->nlines; i++)
		free(f->joined[i]);
	free(f->joined);
	free(f->lines);
	free(f->text);
	free(f->path);
	free(f);
}

void
kc_explainer_free(struct kc_explainer *ex)
{
	size_t i;

	if (!ex)
		return;
	for (i = 0; i < FILE_HASH; i++)
		while (ex->files[i]) {
			struct src_file *f = ex->files[i];

			ex->files[i] = f->next;
			free_file(f);
		}
	for (i = 0; i < ARCH_HASH; i++)
		while (ex->arch[i]) {
			struct arch_ent *a = ex->arch[i];

			ex->arch[i] = a->next;
			kc_buf_free(&a->arches);
			free(a->name);
			free(a);
		}
	free(ex->deps);
	free(ex);
}

struct kc_tree *
kc_explainer_tree(const struct kc_explainer *ex)
{
	return ex->tree;
}

/* ---- where undefined symbols are defined: arch/{*}/Kconfig* -------------------- */

static void
arch_add(struct kc_explainer *ex, const char *name, size_t len, const char *arch)
{
	char *key = kc_xstrndup(name, len);
	unsigned h = kc_hash_str(key) % ARCH_HASH;
	struct arch_ent *a;
	size_t al = strlen(arch);

	for (a = ex->arch[h]; a; a = a->next)
		if (!strcmp(a->name, key))
			break;
	if (!a) {
		a = kc_xcalloc(1, sizeof(*a));
		a->name = key;
		a->next = ex->arch[h];
		ex->arch[h] = a;
	} else {
		free(key);
		if (a->arches.len >= al && !strcmp(a->arches.s + a->arches.len - al, arch) &&
		    (a->arches.len == al || a->arches.s[a->arches.len - al - 1] == ' '))
			return;
	}
	if (a->arches.len)
		kc_buf_putc(&a->arches, ' ');
	kc_buf_puts(&a->arches, arch);
}

static void
scan_kconfig(struct kc_explainer *ex, const char *path, const char *arch)
{
	size_t len;
	int err;
	char *text = kc_read_whole_file(path, &len, &err), *p;

	if (!text)
		return;
	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *s = p, *name;
		size_t kw;

		while (*s == ' ' || *s == '\t')
			s++;
		kw = !strncmp(s, "config", 6) ? 6 : !strncmp(s, "menuconfig", 10) ? 10 : 0;
		if (!kw || (s[kw] != ' ' && s[kw] != '\t'))
			continue;
		for (s += kw; *s == ' ' || *s == '\t'; s++)
			;
		for (name = s; isalnum((unsigned char)*s) || *s == '_'; s++)
			;
		if (s > name)
			arch_add(ex, name, (size_t)(s - name), arch);
	}
	free(text);
}

static void
scan_dir(struct kc_explainer *ex, const char *dir, const char *arch, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d))) {
		bool kconfig = !strncmp(de->d_name, "Kconfig", 7);
		unsigned char type = de->d_type;
		struct stat st;
		char *p;

		if (de->d_name[0] == '.' || (type == DT_REG && !kconfig))
			continue;	/* most of arch/ is sources: no stat for those */
		p = kc_xasprintf("%s/%s", dir, de->d_name);
		if (type == DT_UNKNOWN || type == DT_LNK)
			type = stat(p, &st) ? DT_UNKNOWN : S_ISDIR(st.st_mode) ? DT_DIR
				 : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		if (type == DT_DIR && depth < 6 && strcmp(de->d_name, "dts"))
			scan_dir(ex, p, arch, depth + 1);
		else if (type == DT_REG && kconfig)
			scan_kconfig(ex, p, arch);
		free(p);
	}
	closedir(d);
}

static void
scan_arches(struct kc_explainer *ex)
{
	char *top = kc_xasprintf("%s/arch", kc_tree_srctree(ex->tree));
	DIR *d = opendir(top);
	struct dirent *de;

	ex->arch_done = true;
	if (d) {
		while ((de = readdir(d))) {
			char *p;
			struct stat st;

			if (de->d_name[0] == '.')
				continue;
			p = kc_xasprintf("%s/%s", top, de->d_name);
			if (!stat(p, &st) && S_ISDIR(st.st_mode))
				scan_dir(ex, p, de->d_name, 0);
			free(p);
		}
		closedir(d);
	}
	free(top);
}

const char *
kc_explain_arches(struct kc_explainer *ex, const char *name)
{
	struct arch_ent *a;

	if (!name)
		return "";
	if (!ex->arch_done)
		scan_arches(ex);
	for (a = ex->arch[kc_hash_str(name) % ARCH_HASH]; a; a = a->next)
		if (!strcmp(a->name, name))
			return kc_buf_str(&a->arches);
	return "";
}

/* ---- Kconfig source lines ------------------------------------------------------- */

static struct src_file *
load_file(struct kc_explainer *ex, const char *file)
{
	unsigned h = kc_hash_str(file) % FILE_HASH;
	struct src_file *f;
	size_t len, cap = 0;
	char *p, *path;
	int err;

	for (f = ex->files[h]; f; f = f->next)
		if (!strcmp(f->path, file))
			return f;
	f = kc_xcalloc(1, sizeof(*f));
	f->path = kc_xstrdup(file);
	f->next = ex->files[h];
	ex->files[h] = f;
	path = file[0] == '/' ? kc_xstrdup(file)
			      : kc_xasprintf("%s/%s", kc_tree_srctree(ex->tree), file);
	f->text = kc_read_whole_file(path, &len, &err);
	free(path);
	for (p = f->text; p && *p;) {
		if (f->nlines == cap) {
			cap = cap ? 2 * cap : 256;
			f->lines = kc_xrealloc(f->lines, cap * sizeof(*f->lines));
		}
		f->lines[f->nlines++] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = 0;
	}
	f->joined = kc_xcalloc(f->nlines ? f->nlines : 1, sizeof(*f->joined));
	return f;
}

const char *
kc_explainer_line(struct kc_explainer *ex, const char *file, int line)
{
	struct src_file *f;
	struct kc_buf b = { 0 };
	size_t i;

	if (!file || line < 1)
		return NULL;
	f = load_file(ex, file);
	if ((size_t)line > f->nlines)
		return NULL;
	if (f->joined[line - 1])
		return f->joined[line - 1];
	for (i = (size_t)line - 1; i < f->nlines; i++) {
		const char *s = f->lines[i];
		size_t n = strlen(s);

		while (b.len == 0 && (*s == ' ' || *s == '\t'))
			s++, n--;
		if (n && s[n - 1] == '\\') {
			kc_buf_add(&b, s, n - 1);
			continue;
		}
		kc_buf_add(&b, s, n);
		break;
	}
	f->joined[line - 1] = kc_buf_steal(&b);
	if (!f->joined[line - 1])
		f->joined[line - 1] = kc_xstrdup("");
	return f->joined[line - 1];
}

static bool
starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	return !strncmp(s, w, n) && (!s[n] || isspace((unsigned char)s[n]));
}

static bool
entry_keyword(const char *s)
{
	static const char *const kw[] = { "config", "menuconfig", "choice", "endchoice", "menu",
					   "endmenu", "if", "endif", "source", "comment",
					   "mainmenu", NULL };
	size_t i;

	for (i = 0; kw[i]; i++)
		if (starts_word(s, kw[i]))
			return true;
	return false;
}

int
kc_explainer_find_dollar(struct kc_explainer *ex, const struct kc_menu *m)
{
	const char *s, *file = kc_menu_file(m);
	int line, at = kc_menu_line(m);

	if (!file)
		return 0;
	s = kc_explainer_line(ex, file, at);
	if (s && (starts_word(s, "if") || starts_word(s, "menu")) && strstr(s, "$("))
		return at;
	for (line = at + 1; line < at + 200; line++) {
		s = kc_explainer_line(ex, file, line);
		if (!s || entry_keyword(s))
			break;
		if ((starts_word(s, "depends") || starts_word(s, "visible")) && strstr(s, "$("))
			return line;
	}
	return 0;
}

/* ---- which menu entry a dependency expression belongs to -------------------------- */

static size_t
dep_slot(const struct kc_explainer *ex, const struct kc_expr *dep)
{
	return (((size_t)dep >> 4) * 2654435761u) & (ex->deps_cap - 1);
}

static void
build_deps(struct kc_explainer *ex)
{
	struct kc_menu *root = kc_tree_root(ex->tree), *m;
	size_t n = 0, i;

	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root))
		n++;
	for (ex->deps_cap = 64; ex->deps_cap < 2 * n + 2; ex->deps_cap *= 2)
		;
	ex->deps = kc_xcalloc(ex->deps_cap, sizeof(*ex->deps));
	for (m = kc_menu_walk(root, root); m; m = kc_menu_walk(m, root)) {
		const struct kc_expr *dep = kc_menu_dep(m);

		if (!dep)
			continue;
		for (i = dep_slot(ex, dep); ex->deps[i].dep; i = (i + 1) & (ex->deps_cap - 1))
			if (ex->deps[i].dep == dep)
				break;
		if (!ex->deps[i].dep)
			ex->deps[i] = (struct dep_ent){ dep, m };
	}
}

const struct kc_menu *
kc_explainer_dep_owner(struct kc_explainer *ex, const struct kc_expr *dep)
{
	size_t i;

	if (!dep)
		return NULL;
	if (!ex->deps)
		build_deps(ex);
	for (i = dep_slot(ex, dep); ex->deps[i].dep; i = (i + 1) & (ex->deps_cap - 1))
		if (ex->deps[i].dep == dep)
			return ex->deps[i].menu;
	return NULL;
}

/* ---- toolchain commands ------------------------------------------------------------ */

/* The longest literal word in the arguments of the first $(func,args) of src,
 * nested $(...) removed: what the expanded command will contain. */
static char *
probe_word(const char *src)
{
	const char *p = strstr(src, "$("), *best = NULL;
	size_t bestlen = 0, len;
	int depth = 0;

	if (!p)
		return NULL;
	p += 2;
	while (*p && *p != ',' && *p != ')')
		p++;
	if (*p != ',')
		return NULL;
	for (p++; *p; p++) {
		if (p[0] == '$' && p[1] == '(') {
			depth++;
			p++;
			continue;
		}
		if (*p == ')' && depth-- == 0)
			break;
		if (depth > 0 || strchr(" \t,\"'()", *p))
			continue;
		len = strcspn(p, " \t,\"'()$");
		if (!len)
			continue;	/* a lone '$' */
		if (len > bestlen) {
			best = p;
			bestlen = len;
		}
		p += len - 1;
	}
	return bestlen >= 3 ? kc_xstrndup(best, bestlen) : NULL;
}

void
kc_explainer_shell_notes(struct kc_explain *e, struct node *n, const char *src)
{
	char *word = probe_word(src);
	const char *cmd, *out;
	size_t i, shown = 0;
	char how;

	for (i = 0; word && shown < 3 && kc_tree_shell_cmd(e->tree, i, &cmd, &out, &how); i++) {
		struct node *k;

		if (!strstr(cmd, word))
			continue;
		k = kc_why_node(e, KC_CAUSE_NOTE, NULL);
		k->c.text = kc_why_fmt(e, "$ %s => \"%s\"%s", cmd, out,
				       how == 's' ? " (not run: --no-shell)"
				       : how == 'c' ? " (cached)" : "");
		k->leaf = 0;
		kc_why_add(n, k);
		shown++;
	}
	free(word);
}
