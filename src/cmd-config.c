/* cmd-config.c - the conf-compatible modes: olddefconfig, all*config, defconfig, savedefconfig. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kexplore/cfgfile.h>

#include "cmds.h"
#include "common.h"

const char *
conf_parse_opts(const char *cmd, int argc, char **argv, int *first_arg, const char **objtree)
{
	/* --objtree first: the modes without it get the table from its second entry on, where
	 * --objtree is unknown and --o stays an abbreviation of --output */
	static const struct option with_objtree[] = {
		{ "objtree", required_argument, NULL, 'O' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct option *longopts = objtree ? with_objtree : with_objtree + 1;
	const char *out = NULL;
	int c;

	optind = 0;	/* 0: full reset of GNU getopt, which then permutes */
	while ((c = getopt_long(argc, argv, objtree ? "o:O:h" : "o:h", longopts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 'O' && objtree)
			*objtree = optarg;
		else if (c == 'h') {
			cmd_help_for(cmd);
			exit(KX_EXIT_OK);
		} else
			kx_usage_error(cmd, "bad option");
	}
	if (first_arg)
		*first_arg = optind;
	else if (optind != argc)
		kx_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	return out;
}

const char *
conf_parse_out(const char *cmd, int argc, char **argv, int *first_arg)
{
	return conf_parse_opts(cmd, argc, argv, first_arg, NULL);
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
	const char *out = conf_parse_out("olddefconfig", argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();

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

		if (access(p, F_OK) == 0) {
			enum kc_status st = kc_config_read(tree, p);

			kx_print_diags(tree);
			if (st != KC_OK)
				kx_die("Can't read seed configuration \"%s\"", p);
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
	const char *out = conf_parse_out(cmd, argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();

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

int
cmd_defconfig(int argc, char **argv)
{
	int i;
	const char *out = conf_parse_out("defconfig", argc, argv, &i);
	struct kc_tree *tree;
	enum kc_status st;
	char *file;

	if (argc - i > 1)
		kx_usage_error("defconfig", "too many arguments");
	tree = kx_load_tree();
	st = kc_defconfig_read(tree, i < argc ? argv[i] : NULL, &file);
	if (st == KC_OK && !file)
		kc_tree_clear_diags(tree);	/* merge_config.sh's overrides are expected */
	kx_print_diags(tree);
	if (st != KC_OK) {
		/* the defconfig's name lives on the stack: kx_die exits, and ASan's leak
		 * check reports a heap copy still held there */
		char *def = kc_tree_default_defconfig(tree), name[4096];

		snprintf(name, sizeof(name), "%s", file ? file : i < argc ? argv[i] : def);
		free(def);
		free(file);
		kx_die("%s default configuration \"%s\"", st == KC_ENOENT ? "Can't find" :
		       "Can't read", name);
	}
	conf_write_config(tree, out);
	free(file);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_savedefconfig(int argc, char **argv)
{
	const char *out = conf_parse_out("savedefconfig", argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();
	char *data;

	kx_read_config(tree, true);
	data = kc_defconfig_str(tree);
	kx_print_diags(tree);
	kx_write_output(out ? out : "defconfig", data);
	free(data);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}
