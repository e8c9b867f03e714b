/* cmd-config.c - the conf-compatible modes: olddefconfig, all*config, defconfig, savedefconfig. */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmds.h"
#include "common.h"

/* "-o OUT" is the only option these commands take. */
static const char *
parse_out(const char *cmd, int argc, char **argv, int *optind_out)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL;
	int c;

	optind = 0;	/* 0: full reset of GNU getopt, which then permutes */
	while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out = optarg;
			break;
		case 'h':
			cmd_help_for(cmd);
			exit(KX_EXIT_OK);
		default:
			kx_usage_error(cmd, "bad option");
		}
	}
	*optind_out = optind;
	return out;
}

/* Open a file the way conf does: as given, else relative to the tree. */
static char *
tree_relative(struct kc_tree *tree, const char *name)
{
	char *p;

	if (access(name, R_OK) == 0 || name[0] == '/')
		return strdup(name);
	p = malloc(strlen(kc_tree_srctree(tree)) + strlen(name) + 2);
	if (!p)
		abort();
	sprintf(p, "%s/%s", kc_tree_srctree(tree), name);
	return p;
}

void
conf_write_config(struct kc_tree *tree, const char *out)
{
	char *path = out ? strdup(out) : kx_config_path();
	char *data = kc_config_str(tree);

	kx_print_diags(tree);
	kx_write_output(path, data);
	if (!kx.quiet && strcmp(path, "-"))
		fprintf(stderr, "#\n# configuration written to %s\n#\n", path);
	free(data);
	free(path);
}

int
cmd_olddefconfig(int argc, char **argv)
{
	int i;
	const char *out = parse_out("olddefconfig", argc, argv, &i);
	struct kc_tree *tree;

	if (i != argc)
		kx_usage_error("olddefconfig", "unexpected argument '%s'", argv[i]);
	tree = kx_load_tree();
	kx_read_config(tree, true);
	conf_write_config(tree, out);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

void
conf_read_allconfig(struct kc_tree *tree, const char *mode)
{
	const char *env = getenv("KCONFIG_ALLCONFIG");
	const char *names[2];
	char buf[64];
	size_t i;

	if (!env)
		return;
	if (strcmp(env, "") && strcmp(env, "1")) {
		char *p = tree_relative(tree, env);

		if (kc_config_read(tree, p) != KC_OK) {
			kx_print_diags(tree);
			kx_die("Can't read seed configuration \"%s\"", env);
		}
		free(p);
		kx_print_diags(tree);
		return;
	}
	snprintf(buf, sizeof(buf), "%s.config", mode);
	names[0] = buf;
	names[1] = "all.config";
	for (i = 0; i < 2; i++) {
		char *p = tree_relative(tree, names[i]);

		if (access(p, R_OK) == 0) {
			kc_config_read(tree, p);
			kx_print_diags(tree);
			free(p);
			return;
		}
		free(p);
	}
	kx_die("KCONFIG_ALLCONFIG set, but no \"%s\" or \"all.config\" file found", buf);
}

static int
all_mode(const char *cmd, enum kc_allmode mode, const char *seed, int argc, char **argv)
{
	int i;
	const char *out = parse_out(cmd, argc, argv, &i);
	struct kc_tree *tree;

	if (i != argc)
		kx_usage_error(cmd, "unexpected argument '%s'", argv[i]);
	tree = kx_load_tree();
	conf_read_allconfig(tree, seed);
	kc_set_all_new(tree, mode);
	conf_write_config(tree, out);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_allnoconfig(int argc, char **argv)
{
	return all_mode("allnoconfig", KC_ALLNO, "allno", argc, argv);
}

int
cmd_allyesconfig(int argc, char **argv)
{
	return all_mode("allyesconfig", KC_ALLYES, "allyes", argc, argv);
}

int
cmd_allmodconfig(int argc, char **argv)
{
	return all_mode("allmodconfig", KC_ALLMOD, "allmod", argc, argv);
}

int
cmd_alldefconfig(int argc, char **argv)
{
	return all_mode("alldefconfig", KC_ALLDEF, "alldef", argc, argv);
}

/*
 * Some defconfigs are make targets, not files: arch Makefiles merge a base
 * defconfig with fragments ("NAME:" then "$(call merge_into_defconfig,BASE,F1 F2)").
 * merge_config.sh then olddefconfig gives the same as reading the base and the
 * fragments in order, since the last assignment wins (also inside a choice).
 * Returns false when NAME is no such target.
 */
static bool
read_merged_defconfig(struct kc_tree *tree, const char *name)
{
	char path[4096], line[4096], target[512];
	const char *sa = kc_tree_srcarch(tree), *tr = kc_tree_srctree(tree);
	bool found = false, next_is_recipe = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/arch/%s/Makefile", tr, sa);
	snprintf(target, sizeof(target), "%s:", name);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p, *base, *frags, *end, *tok, *save = NULL;

		if (!next_is_recipe) {
			next_is_recipe = !strncmp(line, target, strlen(target));
			continue;
		}
		next_is_recipe = false;
		p = strstr(line, "merge_into_defconfig");
		if (!p || !(p = strchr(p, ',')))
			continue;
		base = p + 1;
		frags = strchr(base, ',');
		end = strrchr(base, ')');
		if (!frags || !end)
			continue;
		*frags++ = 0;
		*end = 0;
		snprintf(path, sizeof(path), "%s/arch/%s/configs/%s", tr, sa, base);
		if (kc_config_read(tree, path) != KC_OK)
			break;
		for (tok = strtok_r(frags, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
			snprintf(path, sizeof(path), "%s/arch/%s/configs/%s.config", tr, sa, tok);
			kc_config_merge(tree, path);
		}
		found = true;
	}
	fclose(f);
	return found;
}

/* Lines of a config text, for the board fragments' "# require" checks. */
static bool
config_has_line(const char *cfg, const char *line)
{
	size_t n = strlen(line);
	const char *p = cfg;

	while ((p = strstr(p, line))) {
		if ((p == cfg || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

/* A board fragment applies when each "# require CONFIG_X=y|n" holds in ref. */
static bool
board_applies(const char *path, const char *ref)
{
	char line[1024];
	bool ok = true;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	while (ok && fgets(line, sizeof(line), f)) {
		char *req, *nl;
		size_t n;

		if (strncmp(line, "# require ", 10))
			continue;
		req = line + 10;
		if ((nl = strchr(req, '\n')))
			*nl = 0;
		n = strlen(req);
		if (n > 2 && !strcmp(req + n - 2, "=y")) {
			ok = config_has_line(ref, req);
		} else if (n > 2 && !strcmp(req + n - 2, "=n")) {
			req[n - 1] = 'y';
			ok = !config_has_line(ref, req);
		}
	}
	fclose(f);
	return ok;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * MIPS "generic" defconfigs (32r2el_defconfig, the arch default, ...) are make
 * rules: generic_defconfig + the ISA and endianness fragments, then every
 * board-*.config whose "# require" lines hold in that result, then
 * olddefconfig. Returns false when NAME is not such a target.
 */
static bool
read_mips_generic(struct kc_tree *tree, const char *name)
{
	char bits[16], endian[4] = "eb", path[4096];
	const char *tr = kc_tree_srctree(tree);
	size_t len = strlen(name), i, nb = 0;
	char *ref, *boards[64];
	DIR *d;
	struct dirent *de;

	if (strcmp(kc_tree_srcarch(tree), "mips") || len < 11 ||
	    strcmp(name + len - 10, "_defconfig"))
		return false;
	snprintf(bits, sizeof(bits), "%.*s", (int)(len - 10), name);
	if (strlen(bits) > 2 && !strcmp(bits + strlen(bits) - 2, "el")) {
		bits[strlen(bits) - 2] = 0;
		strcpy(endian, "el");
	}
	snprintf(path, sizeof(path), "%s/arch/mips/configs/generic/%s.config", tr, bits);
	if (access(path, R_OK))
		return false;
	snprintf(path, sizeof(path), "%s/arch/mips/configs/generic_defconfig", tr);
	if (kc_config_read(tree, path) != KC_OK)
		return false;
	snprintf(path, sizeof(path), "%s/arch/mips/configs/generic/%s.config", tr, bits);
	kc_config_merge(tree, path);
	snprintf(path, sizeof(path), "%s/arch/mips/configs/generic/%s.config", tr, endian);
	kc_config_merge(tree, path);
	ref = kc_config_str(tree);
	snprintf(path, sizeof(path), "%s/arch/mips/configs/generic", tr);
	d = opendir(path);
	while (d && (de = readdir(d)) && nb < 64)
		if (!strncmp(de->d_name, "board-", 6) && strstr(de->d_name, ".config"))
			boards[nb++] = strdup(de->d_name);
	if (d)
		closedir(d);
	qsort(boards, nb, sizeof(*boards), cmp_str);	/* make's $(wildcard) is sorted */
	for (i = 0; i < nb; i++) {
		snprintf(path, sizeof(path), "%s/arch/mips/configs/generic/%s", tr, boards[i]);
		if (board_applies(path, ref))
			kc_config_merge(tree, path);
		free(boards[i]);
	}
	free(ref);
	return true;
}

int
cmd_defconfig(int argc, char **argv)
{
	int i;
	const char *out = parse_out("defconfig", argc, argv, &i);
	struct kc_tree *tree;
	char *file, *path;

	if (argc - i > 1)
		kx_usage_error("defconfig", "too many arguments");
	tree = kx_load_tree();
	file = i < argc ? strdup(argv[i]) : kc_tree_default_defconfig(tree);
	if (!strchr(file, '/')) {
		/* a bare name found neither here nor at the top of the tree means
		 * arch/$SRCARCH/configs/NAME, as `make NAME` does */
		char *alt = malloc(strlen(file) + strlen(kc_tree_srcarch(tree)) + 32);
		char *top = tree_relative(tree, file);

		if (!alt)
			abort();
		sprintf(alt, "arch/%s/configs/%s", kc_tree_srcarch(tree), file);
		if (access(top, R_OK)) {
			free(file);
			file = alt;
		} else {
			free(alt);
		}
		free(top);
	}
	path = tree_relative(tree, file);
	if (access(path, R_OK) && !strchr(i < argc ? argv[i] : "x", '/') &&
	    (read_merged_defconfig(tree, strrchr(file, '/') ? strrchr(file, '/') + 1 : file) ||
	     read_mips_generic(tree, strrchr(file, '/') ? strrchr(file, '/') + 1 : file))) {
		kc_tree_clear_diags(tree);	/* merge_config.sh's overrides are expected */
	} else if (kc_config_read(tree, path) != KC_OK) {
		kx_print_diags(tree);
		kx_die("Can't find default configuration \"%s\"", file);
	}
	kx_print_diags(tree);
	conf_write_config(tree, out);
	free(path);
	free(file);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_savedefconfig(int argc, char **argv)
{
	int i;
	const char *out = parse_out("savedefconfig", argc, argv, &i);
	struct kc_tree *tree;
	char *data;

	if (i != argc)
		kx_usage_error("savedefconfig", "unexpected argument '%s'", argv[i]);
	tree = kx_load_tree();
	kx_read_config(tree, true);
	data = kc_defconfig_str(tree);
	kx_print_diags(tree);
	kx_write_output(out ? out : "defconfig", data);
	free(data);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}
