/* cmd-oldconfig.c - oldconfig and syncconfig: conf's line-oriented questions
 * for every new symbol (answers from standard input, as conf reads them),
 * and syncconfig's include/ outputs for the build. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmds.h"
#include "common.h"
#include "kexplore/confmodes.h"

/* The conversation's state: conf keeps these in globals. */
struct ask {
	struct kc_tree *tree;
	struct kc_menu *root_entry;	/* the menu being asked */
	int indent;
	int restarts;			/* conf_cnt */
	bool tty;			/* stdin and stdout are terminals: no echo */
	bool legacy;			/* choices with a value (before 6.11) */
	char line[4096];
};

static void ask_menu(struct ask *a, struct kc_menu *m);
static void check_menu(struct ask *a, struct kc_menu *m);

/* Read one answer; without a terminal, echo it so the transcript reads as a
 * dialogue (conf does the same). At the end of input the line keeps what the
 * caller put there: "\n" (take the default) for a symbol, "" for a choice. */
static void
read_answer(struct ask *a)
{
	fflush(stdout);
	if (!fgets(a->line, sizeof(a->line), stdin))
		fprintf(stderr, "\nError in reading or end of file.\n");
	if (!a->tty)
		printf("%s", a->line);
}

static void
strip(char *s)
{
	size_t n;
	char *p = s;

	while (isspace((unsigned char)*p))
		p++;
	memmove(s, p, strlen(p) + 1);
	n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = 0;
}

/* "?": kexplore's own account of the symbol (not conf's text): its help,
 * type, value and where it comes from, and what it depends on with values. */
static void
print_help(struct ask *a, struct kc_menu *m)
{
	struct kc_symbol *s = kc_menu_sym(m);
	const char *help = kc_menu_help(m);

	printf("\n");
	if (s && kc_sym_name(s))
		printf("CONFIG_%s:\n\n", kc_sym_name(s));
	printf("%s\n", help ? help : "There is no help available for this option.\n");
	if (s && kc_sym_name(s)) {
		struct kc_expr *dep = kc_menu_dep(m);

		printf("Symbol: %s [=%s]  (%s, value from: %s)\n", kc_sym_name(s), kc_sym_string(s),
		       kc_type_name(kc_sym_type(s)), kc_origin_name(kc_sym_origin(s)));
		printf("Defined at %s:%d\n", kc_menu_file(m), kc_menu_line(m));
		if (dep) {
			char *t = kc_expr_str(a->tree, dep, true);

			printf("  Depends on: %s\n", t);
			free(t);
		}
		printf("  (kexplore why %s: the full story)\n", kc_sym_name(s));
	}
	printf("\n\n");
}

/* conf_askvalue: false when nothing is to be read (value kept, shown). */
static bool
ask_value(struct ask *a, struct kc_symbol *s, const char *def)
{
	bool has = kc_sym_has_user_value(s);

	if (!has)
		printf("(NEW) ");
	a->line[0] = '\n';
	a->line[1] = 0;
	if (!kc_sym_is_changeable(s) || has) {
		printf("%s\n", def ? def : "");
		return false;
	}
	read_answer(a);
	return true;
}

static void
put_range(struct kc_symbol *s, enum kc_tristate cur)
{
	static const char names[] = "NMY", lower[] = "nmy";
	unsigned mask = kc_sym_is_choice(s) ? kc_choice_assignable(s) : kc_sym_assignable(s);
	int v;

	printf("[%c", names[cur]);
	for (v = KC_N; v <= KC_Y; v++)
		if (v != (int)cur && mask & (1u << v))
			printf("/%c", lower[v]);
	printf("/?] ");
}

/* The answer as a value: -1 to ask again, 3 for help. */
static int
parse_tristate(const char *l, enum kc_tristate cur)
{
	switch (l[0]) {
	case 'n':
	case 'N':
		return !l[1] || !strcmp(l + 1, "o") ? KC_N : -1;
	case 'm':
	case 'M':
		return !l[1] ? KC_M : -1;
	case 'y':
	case 'Y':
		return !l[1] || !strcmp(l + 1, "es") ? KC_Y : -1;
	case 0:
		return cur;
	case '?':
		return 3;
	default:
		return -1;
	}
}

static void
ask_bool(struct ask *a, struct kc_menu *m)
{
	struct kc_symbol *s = kc_menu_sym(m);

	for (;;) {
		enum kc_tristate cur = kc_sym_tristate(s);
		int v;

		printf("%*s%s ", a->indent - 1, "", kc_menu_prompt(m));
		if (kc_sym_name(s))
			printf("(%s) ", kc_sym_name(s));
		put_range(s, cur);
		if (!ask_value(a, s, kc_sym_string(s)))
			return;
		strip(a->line);
		v = parse_tristate(a->line, cur);
		if (v < 0)
			continue;
		if (v != 3 && kc_sym_set_tristate(s, (enum kc_tristate)v) == KC_OK)
			return;
		print_help(a, m);
	}
}

static void
ask_string(struct ask *a, struct kc_menu *m)
{
	struct kc_symbol *s = kc_menu_sym(m);

	for (;;) {
		const char *def = kc_sym_string(s);

		printf("%*s%s (%s) ", a->indent - 1, "", kc_menu_prompt(m), kc_sym_name(s));
		printf("[%s] ", def);
		if (!ask_value(a, s, def))
			return;
		if (a->line[0] == '?' && a->line[1] == '\n') {
			print_help(a, m);
			def = NULL;
		} else if (a->line[0] != '\n') {
			a->line[strcspn(a->line, "\n")] = 0;
			def = a->line;
		}
		if (def && kc_sym_set_string(s, def) == KC_OK)
			return;
		if (feof(stdin))
			kx_die("no value for new symbol '%s' at end of input", kc_sym_name(s));
	}
}

/* The members shown, numbered from 1; returns the number of the current one. */
static int
list_members(struct ask *a, struct kc_menu *m, int *cnt, bool *is_new)
{
	struct kc_menu *c;
	int def = 0;

	*cnt = 0;
	for (c = kc_menu_child(m); c; c = kc_menu_next(c)) {
		struct kc_symbol *s = kc_menu_sym(c);

		if (!kc_menu_visible(a->tree, c))
			continue;
		if (!s) {
			printf("%*c %s\n", a->indent, '*', kc_menu_prompt(c));
			continue;
		}
		++*cnt;
		if (kc_sym_tristate(s) == KC_Y && !def)
			def = *cnt;
		printf("%*c %d. %s", a->indent, def == *cnt ? '>' : ' ', *cnt, kc_menu_prompt(c));
		if (kc_sym_name(s))
			printf(" (%s)", kc_sym_name(s));
		if (!kc_sym_has_user_value(s)) {
			*is_new = true;
			printf(" (NEW)");
		}
		printf("\n");
	}
	return def;
}

static struct kc_menu *
nth_member(struct ask *a, struct kc_menu *m, int n)
{
	struct kc_menu *c;

	for (c = kc_menu_child(m); c; c = kc_menu_next(c))
		if (kc_menu_sym(c) && kc_menu_visible(a->tree, c) && !--n)
			return c;
	return NULL;
}

/* Which member: false to show the list again. */
static bool
choose(struct ask *a, struct kc_menu *m, int cnt, int def, bool is_new, int *pick)
{
	a->line[0] = 0;
	printf("%*schoice", a->indent - 1, "");
	if (cnt == 1) {
		printf("[1]: 1\n");
		*pick = 1;
		return true;
	}
	printf("[1-%d?]: ", cnt);
	if (!is_new) {
		printf("%d\n", def);
		*pick = def;
		return true;
	}
	read_answer(a);
	strip(a->line);
	if (a->line[0] == '?') {
		print_help(a, m);
		return false;
	}
	if (!a->line[0])
		*pick = def;
	else if (isdigit((unsigned char)a->line[0]))
		*pick = atoi(a->line);
	else
		return false;
	return true;
}

/* Before 6.11 a choice is itself a value: optional or tristate ones ask first. */
static bool
legacy_choice_value(struct ask *a, struct kc_menu *m, bool *is_new)
{
	struct kc_symbol *cs = kc_menu_sym(m);
	enum kc_tristate v;

	*is_new = !kc_sym_has_user_value(cs);
	if (kc_sym_is_changeable(cs))
		ask_bool(a, m);
	v = kc_sym_tristate(cs);
	if (v == KC_M && !kc_sym_is_changeable(cs))
		printf("%*s%s\n", a->indent - 1, "", kc_menu_prompt(m));
	return v == KC_Y;
}

static void
ask_choice(struct ask *a, struct kc_menu *m)
{
	bool is_new = false;
	struct kc_menu *c;
	int cnt, def, pick;

	if (a->legacy && !legacy_choice_value(a, m, &is_new))
		return;
	for (;;) {
		printf("%*s%s\n", a->indent - 1, "", kc_menu_prompt(m));
		def = list_members(a, m, &cnt, &is_new);
		if (!choose(a, m, cnt, def, is_new, &pick))
			continue;
		c = nth_member(a, m, pick);
		if (!c)
			continue;
		if (a->line[0] && a->line[strlen(a->line) - 1] == '?') {
			print_help(a, c);
			continue;
		}
		kc_sym_set_tristate(kc_menu_sym(c), KC_Y);
		break;
	}
	if (!a->legacy)
		return;
	a->indent += 2;
	for (c = kc_menu_child(c); c; c = kc_menu_next(c))
		ask_menu(a, c);
	a->indent -= 2;
}

static bool
is_menu_prompt(struct kc_menu *m)
{
	struct kc_prop *p = kc_menu_prompt_prop(m);

	return p && kc_prop_type(p) == KC_P_MENU;
}

/* conf(): show a menu's header, ask its symbol, then its entries. */
static void
ask_menu(struct ask *a, struct kc_menu *m)
{
	struct kc_symbol *s = kc_menu_sym(m);
	struct kc_prop *p = kc_menu_prompt_prop(m);
	struct kc_menu *c;

	if (!kc_menu_visible(a->tree, m))
		return;
	if (is_menu_prompt(m) && a->root_entry != m) {
		check_menu(a, m);
		return;
	}
	if (p && (kc_prop_type(p) == KC_P_MENU || kc_prop_type(p) == KC_P_COMMENT))
		printf("%*c\n%*c %s\n%*c\n", a->indent, '*', a->indent, '*', kc_menu_prompt(m),
		       a->indent, '*');
	if (s && kc_sym_is_choice(s)) {
		ask_choice(a, m);
		return;
	}
	if (s && (kc_sym_type(s) == KC_INT || kc_sym_type(s) == KC_HEX || kc_sym_type(s) == KC_STRING))
		ask_string(a, m);
	else if (s)
		ask_bool(a, m);
	if (s)
		a->indent += 2;
	for (c = kc_menu_child(m); c; c = kc_menu_next(c))
		ask_menu(a, c);
	if (s)
		a->indent -= 2;
}

/* The nearest enclosing menu (or menuconfig), the root at worst. */
static struct kc_menu *
parent_menu(struct kc_tree *tree, struct kc_menu *m)
{
	for (; m && m != kc_tree_root(tree); m = kc_menu_parent(m))
		if (is_menu_prompt(m))
			return m;
	return kc_tree_root(tree);
}

/* check_conf(): ask the whole menu around each new symbol. */
static void
check_menu(struct ask *a, struct kc_menu *m)
{
	struct kc_symbol *s = kc_menu_sym(m);
	struct kc_menu *c;

	if (!kc_menu_visible(a->tree, m))
		return;
	if (s && kc_sym_is_new(s)) {
		if (!a->restarts++)
			printf("*\n* Restart config...\n*\n");
		a->root_entry = parent_menu(a->tree, m);
		ask_menu(a, a->root_entry);
	}
	for (c = kc_menu_child(m); c; c = kc_menu_next(c))
		check_menu(a, c);
}

/* Ask until a whole pass finds nothing new, as conf does. */
static void
ask_new_symbols(struct kc_tree *tree)
{
	struct ask a = { .tree = tree, .indent = 1 };
	struct kc_menu *c;

	a.tty = isatty(0) && isatty(1);
	a.legacy = kc_tree_legacy_choices(tree);
	do {
		a.restarts = 0;
		for (c = kc_menu_child(kc_tree_root(tree)); c; c = kc_menu_next(c))
			check_menu(&a, c);
	} while (a.restarts);
	fflush(stdout);
}

/* Write the config as conf does, saying so on standard output after the
 * dialogue ("No change" when the bytes are the same). */
static void
save_config(struct kc_tree *tree, const char *out, bool quiet)
{
	char *path = out ? strdup(out) : kx_config_path();
	char *data = kc_config_str(tree);
	size_t len = strlen(data);
	FILE *f = fopen(path, "r");
	bool same = false;

	if (f) {
		char *old = malloc(len + 2);
		size_t n = old ? fread(old, 1, len + 1, f) : 0;

		same = old && n == len && !memcmp(old, data, len);
		free(old);
		fclose(f);
	}
	kx_print_diags(tree);
	if (!same)
		kx_write_output(path, data);
	if (!quiet && !kx.quiet && strcmp(path, "-"))
		printf("#\n# %s %s\n#\n", same ? "No change to" : "configuration written to", path);
	free(data);
	free(path);
}

int
cmd_oldconfig(int argc, char **argv)
{
	const char *out = conf_parse_out("oldconfig", argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();

	kx_read_config(tree, true);
	kx_print_diags(tree);
	ask_new_symbols(tree);
	save_config(tree, out, false);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

/* ---- syncconfig ------------------------------------------------------------ */

static char *
env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return strdup(v ? v : def);
}

/* mkdir -p of the folder holding PATH. */
static void
make_parent(const char *path)
{
	char *p = strdup(path), *s;

	for (s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		if (mkdir(p, 0755) && errno != EEXIST)
			kx_die("%s: %s", p, strerror(errno));
		*s = '/';
	}
	free(p);
}

static void
write_generated(const char *path, const char *data)
{
	make_parent(path);
	if (kc_write_file_atomic(path, data, strlen(data), false) != KC_OK)
		kx_die("%s: %s", path, strerror(errno));
}

/* The previous auto.conf, or NULL when there is none. */
static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if (!(buf = realloc(buf, cap + 1)))
				abort();
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got);
	fclose(f);
	buf[len] = 0;
	return buf;
}

/* include/config/NAME (foo/bar.h before 5.13) for every symbol whose value
 * changed since the last auto.conf: make rebuilds what includes it. */
static void
touch_stamps(struct kc_tree *tree, const char *autoconf)
{
	const char *slash = strrchr(autoconf, '/');
	size_t dirlen = slash ? (size_t)(slash - autoconf + 1) : 0;
	char *old = read_text(autoconf), **names;
	size_t i, n;

	n = kc_autoconf_stamps(tree, old, &names);
	for (i = 0; i < n; i++) {
		char *p = malloc(dirlen + strlen(names[i]) + 1);
		FILE *t;

		memcpy(p, autoconf, dirlen);
		strcpy(p + dirlen, names[i]);
		make_parent(p);
		if (!(t = fopen(p, "w")))
			kx_die("%s: %s", p, strerror(errno));
		fclose(t);
		free(p);
		free(names[i]);
	}
	free(names);
	free(old);
}

static void
write_autoconf(struct kc_tree *tree)
{
	char *conf = env_or("KCONFIG_AUTOCONFIG", "include/config/auto.conf");
	char *header = env_or("KCONFIG_AUTOHEADER", "include/generated/autoconf.h");
	char *rustc = env_or("KCONFIG_RUSTCCFG", "include/generated/rustc_cfg");
	char *cmdpath = malloc(strlen(conf) + 5), *text;

	sprintf(cmdpath, "%s.cmd", conf);
	text = kc_autoconf_cmd_str(tree, conf);
	write_generated(cmdpath, text);
	free(text);
	touch_stamps(tree, conf);
	text = kc_autoconf_str(tree, KC_AUTOCONF_HEADER);
	write_generated(header, text);
	free(text);
	text = kc_autoconf_str(tree, KC_AUTOCONF_RUSTC);
	if (text)	/* NULL: this kernel's conf writes no rustc_cfg */
		write_generated(rustc, text);
	free(text);
	/* last: make takes auto.conf as the sign that the rest is complete */
	text = kc_autoconf_str(tree, KC_AUTOCONF_CONF);
	write_generated(conf, text);
	free(text);
	free(cmdpath);
	free(conf);
	free(header);
	free(rustc);
}

int
cmd_syncconfig(int argc, char **argv)
{
	const char *objtree = NULL;
	const char *out = conf_parse_opts("syncconfig", argc, argv, NULL, &objtree);
	const char *nosilent = getenv("KCONFIG_NOSILENTUPDATE");
	struct kc_tree *tree = kx_load_tree();

	kx_read_config(tree, true);
	kx_print_diags(tree);
	if (nosilent && *nosilent && kc_tree_config_changed(tree))
		kx_die("the configuration requires explicit update (KCONFIG_NOSILENTUPDATE is set)");
	ask_new_symbols(tree);
	if (!(nosilent && *nosilent))
		save_config(tree, out, true);
	if (objtree && chdir(objtree))
		kx_die("%s: %s", objtree, strerror(errno));
	write_autoconf(tree);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}
