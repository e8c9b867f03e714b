/* cmd-modules.h - the `modules` subcommand (module names -> Kconfig symbols); for main.c. */
#ifndef KEXPLORE_CMD_MODULES_H
#define KEXPLORE_CMD_MODULES_H

struct kc_tree;

/*
 * cmd_modules - `kexplore modules [options] NAME...` as the subcommand table
 * calls it (argv[0] is "modules"): loads the tree and config named by the
 * global options, then modules_run(). Prints to stdout, errors to stderr.
 * With --enable, plans all the modules at once and writes the config; with
 * --localmodconfig, keeps them and switches every other module off.
 * Return: 0 when every name was found (and the config written), 1 when some
 * were not, a source could not be read or no plan exists, 2 on usage errors.
 */
int cmd_modules(int argc, char **argv);

/* modules_run - the same on a tree already loaded (tests, the TUI). */
int modules_run(struct kc_tree *tree, int argc, char **argv);

#endif /* KEXPLORE_CMD_MODULES_H */
