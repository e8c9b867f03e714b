/* cmds.h - the subcommand table's entry points, for src/main.c and the cmd-*.c files. */
#ifndef KEXPLORE_CMDS_H
#define KEXPLORE_CMDS_H

int cmd_olddefconfig(int argc, char **argv);
int cmd_alldefconfig(int argc, char **argv);
int cmd_allnoconfig(int argc, char **argv);
int cmd_allyesconfig(int argc, char **argv);
int cmd_allmodconfig(int argc, char **argv);
int cmd_defconfig(int argc, char **argv);
int cmd_savedefconfig(int argc, char **argv);
int cmd_dump(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_diff(int argc, char **argv);		/* cmd-diff.c */
int cmd_why(int argc, char **argv);		/* cmd-why.c */
int cmd_enable(int argc, char **argv);		/* cmd-enable.c */
int cmd_disable(int argc, char **argv);
int cmd_save(int argc, char **argv);		/* cmd-save.c */
int cmd_mindiff(int argc, char **argv);
int cmd_diff_apply(int argc, char **argv);
int cmd_profile(int argc, char **argv);		/* cmd-profile.c */
int cmd_upgrade(int argc, char **argv);		/* cmd-upgrade.c */
int cmd_check(int argc, char **argv);		/* cmd-check.c */

#include <stdio.h>

int cmd_listnewconfig(int argc, char **argv);	/* cmd-confmodes.c */
int cmd_helpnewconfig(int argc, char **argv);
int cmd_yes2modconfig(int argc, char **argv);
int cmd_mod2yesconfig(int argc, char **argv);
int cmd_mod2noconfig(int argc, char **argv);
int cmd_randconfig(int argc, char **argv);
int cmd_oldconfig(int argc, char **argv);
int cmd_syncconfig(int argc, char **argv);
int cmd_localyesconfig(int argc, char **argv);

struct kc_tree;
/* conf_parse_out - the options of conf's modes: "-o OUT" (returned, NULL when absent) and
 * --help; the first other argument's index into @first_arg, or, with @first_arg NULL, no
 * other argument allowed (cmd-config.c). */
const char *conf_parse_out(const char *cmd, int argc, char **argv, int *first_arg);
/* conf_parse_opts - the same, and with @objtree non-NULL also "-O DIR" / --objtree (syncconfig's
 * object tree, left unchanged when absent); without it -O is a bad option. */
const char *conf_parse_opts(const char *cmd, int argc, char **argv, int *first_arg,
			    const char **objtree);
/* conf_write_config - write the config to OUT (NULL: the input config) as conf
 * does, with its message (cmd-config.c). */
void conf_write_config(struct kc_tree *tree, const char *out);
/* conf_read_allconfig - KCONFIG_ALLCONFIG for MODE ("allno", "allrandom"...). */
void conf_read_allconfig(struct kc_tree *tree, const char *mode);

/* cmd_help_for - print the help of one command to stdout (main.c); exits 2 for an unknown one. */
void cmd_help_for(const char *cmd);
/* cmd_help_print - the same to @f. */
void cmd_help_print(FILE *f, const char *cmd);
/* help_body - the command's options and notes (help.c), the one text behind
 * `help CMD` and `CMD --help`; NULL for an unknown command. */
const char *help_body(const char *cmd);

#endif
