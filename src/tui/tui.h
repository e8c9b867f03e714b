/* tui.h - entry point of the curses explorer; included by src/main.c and the commands that open it. */
#ifndef KEXPLORE_TUI_H
#define KEXPLORE_TUI_H

#include <kexplore/kconfig.h>

struct tui_opts {
	const char *config_path;	/* the .config to save to (and that was read) */
	const char *script;		/* KEXPLORE_SCRIPT: key script replacing the keyboard */
	const char *const *diff_paths;	/* --diff: configs shown in columns beside the tree */
	size_t ndiff_paths;
	/* a report shown over the menu tree at start (kexplore upgrade --tui), or NULL */
	const char *report_title;
	const char *report_text;
};

/*
 * tui_main - run the explorer on a loaded tree whose config was already read.
 * Returns a process exit code; the terminal is restored on every exit path.
 */
int tui_main(struct kc_tree *tree, const struct tui_opts *opts);

#endif /* KEXPLORE_TUI_H */
