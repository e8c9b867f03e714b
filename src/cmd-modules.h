/* cmd-modules.h - the `modules` subcommand (module names -> Kconfig symbols); for main.c. */
#ifndef KEXPLORE_CMD_MODULES_H
#define KEXPLORE_CMD_MODULES_H

struct kc_tree;

/*
 * cmd_modules - `kexplore modules [options] NAME...` as the subcommand table
 * calls it (argv[0] is "modules"): loads the tree and config named by the
 * global options, then modules_run(). Prints to stdout, errors to stderr.
 * Return: 0 when every name was found, 1 when some were not (or a source
 * could not be read), 2 on usage errors and for --enable (no planner yet).
 */
int cmd_modules(int argc, char **argv);

/* modules_run - the same on a tree already loaded (tests, the TUI). */
int modules_run(struct kc_tree *tree, int argc, char **argv);

#endif /* KEXPLORE_CMD_MODULES_H */
