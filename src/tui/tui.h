/* tui.h - entry point of the curses explorer; included by src/main.c only. */
#ifndef KEXPLORE_TUI_H
#define KEXPLORE_TUI_H

#include <kexplore/kconfig.h>

struct tui_opts {
	const char *config_path;	/* the .config to save to (and that was read) */
	const char *script;		/* KEXPLORE_SCRIPT: key script replacing the keyboard */
	const char *const *diff_paths;	/* --diff: configs shown in columns beside the tree */
	size_t ndiff_paths;
	/* the file the values were read from because config_path did not
	 * exist (the arch's defconfig, ...); NULL when config_path was read */
	const char *started_from;
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
