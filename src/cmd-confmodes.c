/* cmd-confmodes.c - conf's remaining modes: listnewconfig, helpnewconfig,
 * yes2modconfig, mod2yesconfig, mod2noconfig, randconfig (oldconfig and
 * syncconfig are in cmd-oldconfig.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "cmd-modules.h"
#include "cmds.h"
#include "common.h"
#include "kexplore/confmodes.h"

/* Text for standard output, or written to OUT like any other output. */
static void
modes_emit(const char *out, const char *text)
{
	if (!out || !strcmp(out, "-"))
		fputs(text, stdout);
	else
		kx_write_output(out, text);
}

int
cmd_listnewconfig(int argc, char **argv)
{
	const char *out = conf_parse_out("listnewconfig", argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();
	char *text;

	kx_read_config(tree, true);
	text = kc_newconfig_str(tree);
	kx_print_diags(tree);
	modes_emit(out, text);
	free(text);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_helpnewconfig(int argc, char **argv)
{
	const char *out = conf_parse_out("helpnewconfig", argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();
	char *text;

	kx_read_config(tree, true);
	text = kc_helpnewconfig_str(tree);
	kx_print_diags(tree);
	modes_emit(out, text);
	free(text);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

static int
rewrite_mode(const char *cmd, enum kc_tristate from, enum kc_tristate to, int argc, char **argv)
{
	const char *out = conf_parse_out(cmd, argc, argv, NULL);
	struct kc_tree *tree = kx_load_tree();
	const char *since = kc_conf_mode_since(tree, cmd);

	/* as make would, rather than a config no kernel of this version writes */
	if (since)
		kx_die("%s: the conf of Linux %s has no %s (it came with Linux %s)", cmd,
		       kc_tree_kernelversion(tree), cmd, since);
	kx_read_config(tree, true);
	kc_rewrite_tristates(tree, from, to);
	conf_write_config(tree, out);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

int
cmd_yes2modconfig(int argc, char **argv)
{
	return rewrite_mode("yes2modconfig", KC_Y, KC_M, argc, argv);
}

int
cmd_mod2yesconfig(int argc, char **argv)
{
	return rewrite_mode("mod2yesconfig", KC_M, KC_Y, argc, argv);
}

int
cmd_mod2noconfig(int argc, char **argv)
{
	return rewrite_mode("mod2noconfig", KC_M, KC_N, argc, argv);
}

/* KCONFIG_SEED as conf reads it (any C base, the whole text), else one from
 * the clock, as conf makes it. */
static unsigned
random_seed(void)
{
	const char *env = getenv("KCONFIG_SEED");
	struct timeval now;

	if (env && *env) {
		char *end;
		unsigned seed = (unsigned)strtol(env, &end, 0);

		if (!*end)
			return seed;
	}
	gettimeofday(&now, NULL);
	return (unsigned)((now.tv_sec + 1) * (now.tv_usec + 1));
}

int
cmd_randconfig(int argc, char **argv)
{
	const char *out = conf_parse_out("randconfig", argc, argv, NULL);
	const char *prob = getenv("KCONFIG_PROBABILITY");
	unsigned seed = random_seed();
	struct kc_tree *tree = kx_load_tree();

	/* the seed is what reproduces the result: print it as conf does, on
	 * standard error when the config itself goes to standard output */
	fprintf(out && !strcmp(out, "-") ? stderr : stdout, "KCONFIG_SEED=0x%X\n", seed);
	conf_read_allconfig(tree, "allrandom");
	if (kc_set_all_random(tree, seed, prob) != KC_OK)
		kx_die("KCONFIG_PROBABILITY=%s: each value must be 0..100, and tristate y + m at most 100",
		       prob);
	conf_write_config(tree, out);
	kc_tree_free(tree);
	return KX_EXIT_OK;
}

/* `kexplore localyesconfig ARGS` is `kexplore modules --localyesconfig ARGS`. */
int
cmd_localyesconfig(int argc, char **argv)
{
	char **args = calloc((size_t)argc + 2, sizeof(*args));
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			free(args);
			cmd_help_for("localyesconfig");	/* its own text, as `help localyesconfig` */
			return KX_EXIT_OK;
		}
	}
	if (!args)
		abort();
	args[0] = argv[0];
	args[1] = (char *)"--localyesconfig";
	for (i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	rc = cmd_modules(argc + 1, args);
	free(args);
	return rc;
}
