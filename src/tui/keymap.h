/* keymap.h - requests, key names and key bindings of the explorer (one table
 * gives the request enum, names and help lines); for src/tui only. */
#ifndef KEXPLORE_TUI_KEYMAP_H
#define KEXPLORE_TUI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* Where a binding applies; a view's own scope is tried before "generic". */
#define KEYSCOPE_LIST(_) \
	_(GENERIC, "generic") \
	_(MENU, "menu") \
	_(INFO, "info") \
	_(SEARCH, "search") \
	_(CHOICE, "choice") \
	_(HELP, "help") \
	_(WHY, "why") \
	_(PLAN, "plan") \
	_(PROFILES, "profiles") \
	_(MACHINE, "machine") \
	_(MESSAGES, "messages")

enum keyscope {
#define KEYSCOPE_ENUM(id, name) SCOPE_##id,
	KEYSCOPE_LIST(KEYSCOPE_ENUM)
#undef KEYSCOPE_ENUM
	SCOPE_COUNT
};

#define REQ_LIST(_) \
	_(NONE, "none", "Do nothing") \
	_(MOVE_UP, "move-up", "Move the cursor up") \
	_(MOVE_DOWN, "move-down", "Move the cursor down") \
	_(MOVE_PAGE_UP, "move-page-up", "Move one page up") \
	_(MOVE_PAGE_DOWN, "move-page-down", "Move one page down") \
	_(MOVE_FIRST, "move-first", "Move to the first line") \
	_(MOVE_LAST, "move-last", "Move to the last line") \
	_(ENTER, "enter", "Open submenu, choice, editor; follow a link") \
	_(BACK, "back", "Leave the submenu, close the view") \
	_(SET_Y, "set-y", "Set the symbol to y (built in)") \
	_(SET_M, "set-m", "Set the symbol to m (module)") \
	_(SET_N, "set-n", "Set the symbol to n (off)") \
	_(TOGGLE, "toggle", "Cycle through the assignable values") \
	_(EDIT, "edit", "Edit an int, hex or string value") \
	_(SEARCH, "search", "Search names, prompts and help texts") \
	_(SEARCH_SCOPE, "search-scope", "Search in all, names, prompts or help") \
	_(INFO, "info", "Symbol information, full screen") \
	_(INFO_SPLIT, "info-split", "Symbol information below the menu") \
	_(NEXT_LINK, "next-link", "Select the next symbol link") \
	_(PREV_LINK, "prev-link", "Select the previous symbol link") \
	_(JUMP, "jump", "Show this symbol in the menu tree") \
	_(TREE_MODE, "tree-mode", "Submenus or one expandable tree") \
	_(SHOW_ALL, "show-all", "Show or hide invisible entries") \
	_(SAVE, "save", "Save the configuration") \
	_(LOAD, "load", "Load another configuration") \
	_(WHY, "why", "Why this value, down to the root causes") \
	_(PLAN, "plan", "Fewest changes to turn it on or off; apply") \
	_(WANT_Y, "want-y", "Ask about (plan for) the value y instead") \
	_(WANT_M, "want-m", "Ask about (plan for) the value m instead") \
	_(WANT_N, "want-n", "Ask about (plan for) the value n instead") \
	_(APPLY, "apply", "Apply the plan shown") \
	_(PROFILES, "profiles", "Baseline profiles: how much is met, apply") \
	_(MACHINE, "machine", "This machine's devices: modules and options") \
	_(MESSAGES, "messages", "Warnings and errors of this session") \
	_(DIFF_ADD, "diff-add", "Compare with another config (columns)") \
	_(DIFF_NEXT, "diff-next", "Jump to the next difference") \
	_(DIFF_PREV, "diff-prev", "Jump to the previous difference") \
	_(DIFF_ONLY, "diff-only", "Show only the entries that differ") \
	_(HELP, "help", "Show this list of keys") \
	_(REDRAW, "redraw", "Redraw the screen") \
	_(QUIT, "quit", "Quit (asks when changes are unsaved)")

enum request {
#define REQ_ENUM(id, name, help) REQ_##id,
	REQ_LIST(REQ_ENUM)
#undef REQ_ENUM
	REQ_COUNT
};

const char *req_name(enum request req);
const char *req_help(enum request req);
/* req_parse - request by name, REQ_COUNT when unknown. */
enum request req_parse(const char *name);

const char *keyscope_name(enum keyscope s);
/* keyscope_parse - scope by name, SCOPE_COUNT when unknown. */
enum keyscope keyscope_parse(const char *name);

/*
 * Keys are ints: a Unicode code point for characters and control keys
 * (Enter is '\n', Esc 27, Tab 9), KEY_FN(curses code) for function keys.
 * Two pseudo keys come from the script driver only.
 */
#define KEY_FN(k) (0x400000 + (k))
#define KEY_IS_FN(k) ((k) >= 0x400000 && (k) < 0x500000)
#define KEY_ESC 27
#define KEY_QUIT_NOW 0x600000	/* script :quit or end of script */
#define KEY_NONE 0x600001	/* nothing happened (a :command ran) */

/* key_parse - parse one key at *s ("y", "<Enter>", "<C-f>", "<F2>", "<LT>")
 * and advance *s; returns the key or -1 on a bad name. */
int key_parse(const char **s);
/* key_to_name - printable name of a key into @buf (>= 32 bytes). */
const char *key_to_name(int key, char *buf);
/* key_from_curses - normalise what get_wch returned. */
int key_from_curses(int ret, unsigned wch);

/* keymap_lookup - the request bound to @key in @scope (falling back to generic). */
enum request keymap_lookup(enum keyscope scope, int key);
/* keymap_bind - bind (or with REQ_NONE unbind) a key; returns false on bad names. */
bool keymap_bind(enum keyscope scope, int key, enum request req);
/* keymap_load - read "bind SCOPE KEY REQUEST" lines; on failure returns false
 * and sets *err (caller frees). A missing file is not an error. */
bool keymap_load(const char *path, char **err);
/* keymap_keys - names of the keys bound to @req in @scope, ", "-separated,
 * into @buf of @size bytes; returns the number of keys. */
size_t keymap_keys(enum keyscope scope, enum request req, char *buf, size_t size);
/* keymap_done - free user bindings. */
void keymap_done(void);

#endif /* KEXPLORE_TUI_KEYMAP_H */
