/* tui.h - entry point of the curses explorer; included by src/main.c and the commands that open it. */
#ifndef KEXPLORE_TUI_H
#define KEXPLORE_TUI_H

#include <kexplore/kconfig.h>

struct tui_opts {
	const char *config_path;	/* the .config to save to (and that was read) */
	const char *read_path;		/* when not NULL: the config read, if not config_path
					 * (a compressed one, which is never saved over) */
	const char *started_from;	/* when not NULL: no config existed and the values
					 * came from this defconfig (KCONFIG_DEFCONFIG_LIST) */
	const char *script;		/* KEXPLORE_SCRIPT: key script replacing the keyboard */
	const char *const *diff_paths;	/* --diff: configs shown in columns beside the tree */
	size_t ndiff_paths;
	const char *profile_datadir;	/* shipped profiles (kx_profile_datadir) */
	const char *const *profile_dirs;	/* -P folders, read after the search path */
	size_t nprofile_dirs;
	/* a report shown over the menu tree at start (kexplore upgrade --tui), or NULL */
	const char *report_title;
	const char *report_text;
};

/*
 * messages_capture_begin - from now on, what is written to standard error
 * is kept for the explorer's messages view (E) instead of going under the
 * screen; it is written to the real standard error when the explorer ends
 * (or at exit). Call it before loading the tree to keep its warnings too.
 */
void messages_capture_begin(void);
void messages_capture_end(void);

/*
 * tui_main - run the explorer on a loaded tree whose config was already read.
 * Returns a process exit code; the terminal is restored on every exit path.
 */
int tui_main(struct kc_tree *tree, const struct tui_opts *opts);

#endif /* KEXPLORE_TUI_H */
