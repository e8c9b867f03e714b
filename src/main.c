/* main.c - kexplore's entry point: global options and the subcommand table. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <kexplore/cfgfile.h>

#include "cmd-modules.h"
#include "cmds.h"
#include "common.h"
#include "tui/tui.h"

#define CMD_LIST(_) \
	_("olddefconfig", cmd_olddefconfig, "[-o OUT]", \
	  "Update the config: new symbols get their defaults (make olddefconfig).") \
	_("defconfig", cmd_defconfig, "[FILE] [-o OUT]", \
	  "New config from a defconfig file; default: the arch's KBUILD_DEFCONFIG.") \
	_("savedefconfig", cmd_savedefconfig, "[-o OUT]", \
	  "Write the minimal config that reproduces the current one (default ./defconfig).") \
	_("save", cmd_save, "[--base BASE|defconfig] [-o FILE] [--fragment FRAG]", \
	  "Write the config and, beside it (FILE.fragment), its minimal diff from a base.") \
	_("mindiff", cmd_mindiff, "--base BASE|defconfig [--format kconfig|nix|guix|changelog] [-o OUT]", \
	  "Print the fewest assignments that turn the base into the config, in a distro's form.") \
	_("diff-apply", cmd_diff_apply, "FRAGMENT [--config BASE] [-o OUT]", \
	  "Apply a fragment as the kernel does; explain every value that did not take.") \
	_("upgrade", cmd_upgrade, "--to NEWTREE [--config OLD] [--json|--tui]", \
	  "What a config for this tree becomes on NEWTREE: gone, renamed, new, changed, lost values.") \
	_("check", cmd_check, "[--form kconfig|nix|guix] [--config BASE] [--list|--json] [-v] FRAGMENT...", \
	  "Do these settings (fragment, NixOS structuredExtraConfig, Guix extra-options) take?") \
	_("alldefconfig", cmd_alldefconfig, "[-o OUT]", "New config with every symbol at its default.") \
	_("allnoconfig", cmd_allnoconfig, "[-o OUT]", "New config answering no wherever possible.") \
	_("allyesconfig", cmd_allyesconfig, "[-o OUT]", "New config answering yes wherever possible.") \
	_("allmodconfig", cmd_allmodconfig, "[-o OUT]", "New config answering mod wherever possible.") \
	_("oldconfig", cmd_oldconfig, "[-o OUT] < ANSWERS", \
	  "Ask for each new symbol on the terminal (answers from stdin), as make oldconfig.") \
	_("syncconfig", cmd_syncconfig, "[-O OBJTREE] [-o OUT]", \
	  "oldconfig, then the build's include/config/auto.conf, autoconf.h, rustc_cfg.") \
	_("localyesconfig", cmd_localyesconfig, "[--loaded|--lsmod F|--hardware|NAME...] [-o OUT]", \
	  "localmodconfig, then the kept modules built in (modules --localyesconfig).") \
	_("listnewconfig", cmd_listnewconfig, "[-o OUT]", \
	  "List the symbols the config has no value for, with the value they get.") \
	_("helpnewconfig", cmd_helpnewconfig, "[-o OUT]", \
	  "listnewconfig with each new symbol's help text, as make helpnewconfig.") \
	_("yes2modconfig", cmd_yes2modconfig, "[-o OUT]", "Turn y answers into m where a module is allowed.") \
	_("mod2yesconfig", cmd_mod2yesconfig, "[-o OUT]", "Turn m answers into y (build everything in).") \
	_("mod2noconfig", cmd_mod2noconfig, "[-o OUT]", "Turn m answers into n.") \
	_("randconfig", cmd_randconfig, "[-o OUT]", \
	  "New config with random answers (KCONFIG_SEED, KCONFIG_PROBABILITY, KCONFIG_ALLCONFIG).") \
	_("dump", cmd_dump, "--json [--all]", \
	  "Print the symbol graph (types, prompts, defaults, depends, selects, values) as JSON.") \
	_("info", cmd_info, "", "Summary of the tree and its evaluated config.") \
	_("diff", cmd_diff, "A.config [B.config...] [--choices-only] [--common] [--stats] [--menu RE] [--grep RE] [--json|--markdown|--csv]", \
	  "Compare configs side by side by menu: explicit, default, select; choices vs derived.") \
	_("modules", cmd_modules, "[--loaded] [--hardware] [--lsmod F] [--lspci F] [--json] [--enable|--localmodconfig] [-o OUT] [NAME...]", \
	  "Which options build these kernel modules, with their values; enable them.") \
	_("profile", cmd_profile, "[-P DIR] list | show NAME | check [NAME...] | apply NAME... [-o OUT]", \
	  "Baseline profiles (cgroups-v2, containers, ix-baseline...): check a config, apply them.") \
	_("why", cmd_why, "SYMBOL [VALUE] [--json] [--dot]", \
	  "Why SYMBOL has its value and not VALUE, down to the root causes.") \
	_("enable", cmd_enable, "SYMBOL[=VALUE]... [--allow-off] [--apply] [-o OUT] [--fragment F] [--json]", \
	  "Plan the fewest changes that give the symbols these values; --apply writes them.") \
	_("disable", cmd_disable, "SYMBOL... [--allow-off] [--apply] [-o OUT] [--fragment F] [--json]", \
	  "Plan the fewest changes that turn the symbols off; --apply writes them.")

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *args;
	const char *summary;
};

static const struct command commands[] = {
#define CMD_ENTRY(n, f, a, s) { n, f, a, s },
	CMD_LIST(CMD_ENTRY)
#undef CMD_ENTRY
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char global_usage[] =
	"usage: kexplore [-C TREE] [--arch ARCH] [--config FILE] [options] [COMMAND [ARGS]]\n"
	"       kexplore TREE\n"
	"\n"
	"Explore and edit the Kconfig configuration of a Linux kernel tree. With no\n"
	"command, opens the interactive explorer (on a terminal; otherwise prints\n"
	"a summary of the tree and its evaluated configuration).\n"
	"\n"
	"Global options:\n"
	"  -C, --tree TREE     kernel source tree (default: the current directory)\n"
	"  --arch ARCH         architecture as for make ARCH= (default: $ARCH, else the host)\n"
	"  --config FILE       input config (default: $KCONFIG_CONFIG, else TREE/.config);\n"
	"                      plain, gzip, xz or zstd (e.g. /proc/config.gz), at most\n"
	"                      64 MiB; a named FILE must exist (only a missing\n"
	"                      TREE/.config falls back to the arch's defconfig)\n"
	"  --no-shell          do not run $(shell,...) commands from the tree: each yields\n"
	"                      empty output (use on trees you do not trust)\n"
	"  --no-cache          neither read nor write the $(shell,...) result cache\n"
	"  --allow-outside-tree  accept 'source' of files outside the tree\n"
	"  --diff B.config [C.config]  explorer: show these configs in columns beside\n"
	"                      the menu tree (the option may be repeated)\n"
	"  -P, --profile-dir DIR  also read baseline profiles from DIR (repeatable;\n"
	"                      before or after the command; see 'kexplore help profile')\n"
	"  -v, --verbose       list shell commands (run or cached) and notes\n"
	"  -q, --quiet         no progress messages or warnings\n"
	"  -h, --help          this help; 'kexplore help COMMAND' for one command\n"
	"\n"
	"Symbol names are accepted in any case, with or without the CONFIG_ prefix;\n"
	"a string value may be quoted as in .config (enable 'CMDLINE=\"a b\"').\n"
	"\n"
	"Commands:\n";

static void
print_usage(FILE *f)
{
	size_t i;

	fputs(global_usage, f);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-14s %s\n", commands[i].name, commands[i].summary);
}

void
cmd_help_print(FILE *f, const char *cmd)
{
	const char *body = help_body(cmd);
	size_t i;

	for (i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, cmd))
			continue;
		fprintf(f, "usage: kexplore [global options] %s%s%s\n\n%s\n", commands[i].name,
			*commands[i].args ? " " : "", commands[i].args, commands[i].summary);
		if (body && *body)
			fprintf(f, "\n%s", body);
		if (!strncmp(cmd, "all", 3))
			fprintf(f, "\nKCONFIG_ALLCONFIG is honoured as by the kernel's conf: a file name\n"
				"whose values are kept, or empty/1 to read %.*s.config or all.config.\n",
				(int)(strlen(cmd) - strlen("config")), cmd);
		fprintf(f, "\nSee 'kexplore --help' for the global options.\n");
		return;
	}
	fprintf(stderr, "kexplore: no such command '%s'\n", cmd);
	exit(KX_EXIT_USAGE);
}

void
cmd_help_for(const char *cmd)
{
	cmd_help_print(stdout, cmd);
}

static int
cmd_help(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stdout);
		return KX_EXIT_OK;
	}
	cmd_help_for(argv[1]);
	return KX_EXIT_OK;
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static bool
is_dir(const char *p)
{
	struct stat st;

	return !stat(p, &st) && S_ISDIR(st.st_mode);
}

/* Configs given with --diff, shown in columns beside the explorer's tree. */
static const char *diff_paths[4];
static size_t ndiff_paths;

/* No command: the explorer on a terminal (or a test script), else the summary. */
static int
run_explorer(void)
{
	struct tui_opts to = { 0 };
	struct kc_tree *tree;
	char *path, *save = NULL;
	int rc;

	to.script = getenv("KEXPLORE_SCRIPT");
	if (!to.script && (!isatty(0) || !isatty(1)))
		return cmd_info(1, (char *[]){ "info", NULL });
	/* warnings of loading would go under the screen: the explorer lists them (E) */
	messages_capture_begin();
	tree = kx_load_tree();
	kx_read_config(tree, true);
	path = kx_config_path();
	to.config_path = path;
	to.started_from = kx_config_fallback();
	if (kc_cfgfile_compressed(path, NULL)) {
		/* a packaged config.xz or /proc/config.gz is read, and saved elsewhere */
		to.read_path = path;
		to.config_path = save = malloc(strlen(kx.tree ? kx.tree : ".") + 16);
		if (!save)
			abort();
		sprintf(save, "%s/.config", kx.tree ? kx.tree : ".");
	}
	to.diff_paths = diff_paths;
	to.ndiff_paths = ndiff_paths;
	to.profile_datadir = kx_profile_datadir();
	to.profile_dirs = kx.profile_dirs;
	to.nprofile_dirs = kx.nprofile_dirs;
	rc = tui_main(tree, &to);
	free(save);
	free(path);
	kc_tree_free(tree);
	return rc;
}

int
main(int argc, char **argv)
{
	enum { OPT_ARCH = 256, OPT_CONFIG, OPT_NO_SHELL, OPT_NO_CACHE, OPT_OUTSIDE, OPT_DIFF };
	static const struct option longopts[] = {
		{ "tree", required_argument, NULL, 'C' },
		{ "arch", required_argument, NULL, OPT_ARCH },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-shell", no_argument, NULL, OPT_NO_SHELL },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "allow-outside-tree", no_argument, NULL, OPT_OUTSIDE },
		{ "diff", required_argument, NULL, OPT_DIFF },
		{ "profile-dir", required_argument, NULL, 'P' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd;
	int c;

	kx.progname = "kexplore";
	while ((c = getopt_long(argc, argv, "+C:P:vqh", longopts, NULL)) != -1) {
		switch (c) {
		case 'C':
			kx.tree = optarg;
			break;
		case OPT_ARCH:
			kx.arch = optarg;
			break;
		case OPT_CONFIG:
			kx.config = optarg;
			break;
		case OPT_NO_SHELL:
			kx.no_shell = true;
			break;
		case OPT_NO_CACHE:
			kx.no_cache = true;
			break;
		case OPT_OUTSIDE:
			kx.allow_outside = true;
			break;
		case OPT_DIFF:
			if (ndiff_paths == sizeof(diff_paths) / sizeof(diff_paths[0])) {
				fprintf(stderr, "kexplore: at most 4 --diff configs\n");
				return KX_EXIT_USAGE;
			}
			diff_paths[ndiff_paths++] = optarg;
			break;
		case 'P':
			kx_add_profile_dir(optarg);
			break;
		case 'v':
			kx.verbose++;
			break;
		case 'q':
			kx.quiet = true;
			break;
		case 'h':
			print_usage(stdout);
			return KX_EXIT_OK;
		default:
			fprintf(stderr, "See 'kexplore --help'.\n");
			return KX_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0 && !strcmp(argv[0], "help"))
		return cmd_help(argc, argv);
	if (argc > 0 && !find_command(argv[0]) && is_dir(argv[0]) && !kx.tree) {
		kx.tree = argv[0];
		argc--;
		argv++;
	}
	/* --diff B.config C.config: the files after the first are configs too */
	while (ndiff_paths && ndiff_paths < 4 && argc > 0 && !find_command(argv[0]) &&
	       !is_dir(argv[0]) && access(argv[0], F_OK) == 0) {
		diff_paths[ndiff_paths++] = argv[0];
		argc--;
		argv++;
	}
	if (ndiff_paths && argc > 0) {
		fprintf(stderr, "kexplore: --diff is for the explorer, not for '%s'\n", argv[0]);
		return KX_EXIT_USAGE;
	}
	if (argc == 0)
		return run_explorer();
	cmd = find_command(argv[0]);
	if (!cmd) {
		fprintf(stderr, "kexplore: '%s' is not a command. See 'kexplore --help'.\n", argv[0]);
		return KX_EXIT_USAGE;
	}
	return cmd->fn(argc, argv);
}
