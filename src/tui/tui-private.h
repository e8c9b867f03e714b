/* tui-private.h - shared state, views and drawing helpers of the explorer;
 * for src/tui only. */
#ifndef KEXPLORE_TUI_PRIVATE_H
#define KEXPLORE_TUI_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

#include "keymap.h"
#include "tui.h"
#include "util.h"

struct view;
struct kc_explainer;
struct kc_modmap;
struct kc_plan;

/* What a request handler did; the driver redraws after every key anyway. */
enum reaction {
	R_UNHANDLED = 1 << 0,	/* let the generic handler try */
	R_CHANGED = 1 << 1,	/* a value changed: re-evaluate and rebuild every view */
};

/* Drawing roles; display.c maps them to colors or to monochrome attributes. */
enum role {
	ROLE_NORMAL, ROLE_TITLE, ROLE_STATUS, ROLE_CURSOR, ROLE_DIM, ROLE_MATCH,
	ROLE_LINK, ROLE_LINK_SELECTED, ROLE_ERROR, ROLE_HEADING, ROLE_BOX,
	ROLE_COUNT
};

struct view_ops {
	const char *name;
	enum keyscope scope;
	size_t private_size;
	void (*open)(struct view *v, void *arg);
	void (*done)(struct view *v);
	/* reload - rebuild the lines after values or modes changed. */
	void (*reload)(struct view *v);
	void (*title)(struct view *v, struct sbuf *out);
	void (*draw_line)(struct view *v, size_t lineno, int y, int x, int width,
			  bool selected);
	unsigned (*request)(struct view *v, enum request req, int key);
	/* footer - optional last body line (search shows where a result lives). */
	bool (*footer)(struct view *v, struct sbuf *out);
	/* symbol - optional: the symbol under the cursor (why, plan and info act on it). */
	struct kc_symbol *(*symbol)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	size_t lines;		/* number of lines */
	size_t pos;		/* cursor line */
	size_t offset;		/* first line shown */
	int y, x, height, width;	/* body area (title row is y - 1) */
	void *priv;
};

#define VIEW_STACK_MAX 16

/* A set of menu ids (kc_menu_id), for marks and differences. */
struct idset {
	unsigned char *bits;
	size_t cap;		/* bytes */
	size_t count;
};

struct tui_diff;

/* What the session had to say (messages.c): diagnostics and standard error. */
struct msglog {
	char **line;		/* owned */
	size_t n, cap;
	size_t seen;		/* lines shown in the messages view already */
};

struct tui {
	struct kc_tree *tree;
	const struct tui_opts *opts;
	char *config_path;	/* where S saves by default (owned) */
	char *saved_text;	/* the config text as last saved/loaded, to count changes */
	unsigned changes;	/* value changes since then (0 when equal again) */
	bool dirty;		/* saving would change the values in the file */
	bool show_all;
	bool tree_mode;
	bool split_info;
	bool quit;
	int exit_code;
	char *message;		/* status line message (owned), NULL for the key hints */
	bool message_error;
	int status_extra;	/* rows a long message takes above the status line */
	struct view *stack[VIEW_STACK_MAX];
	int depth;
	struct view *pane;	/* info pane under the menu in split mode */
	struct view *last_search;	/* kept to come back to after a jump */
	bool back_to_search;	/* BACK in the menu returns to the search results */
	/* journal.c: the config file as last read or written here (NULL: absent) */
	char *disk_text;
	size_t disk_len;
	char *journal;		/* recovery journal path (owned), NULL until needed */
	char *journal_of;	/* the config_path it belongs to */
	bool journal_off;	/* no state folder, or an older journal is kept */
	bool journal_written;
	bool journal_failed;	/* reported once */
	/* the config file as the session started (or last loaded): the base of
	 * the minimal diff written beside a save; NULL when there was none */
	char *start_path;
	char *start_text;
	size_t start_len;
	bool start_fallback;	/* start_path was read because there was no config */
	struct kc_explainer *explainer;	/* why.c: made on first use */
	struct idset marks;	/* entries changed by an applied plan or profile, until saved */
	struct idset marks_above;	/* menus holding such entries */
	struct tui_diff *diff;	/* diff.c: configs shown in columns, NULL when none */
	struct kc_modmap *modmap;	/* modmap.c: module names, loaded on first use */
	bool modmap_tried;
	struct msglog log;	/* messages.c */
};

/* ---- tui.c ---- */
void tui_message(struct tui *tui, const char *fmt, ...) TUI_PRINTF(2, 3);
void tui_error(struct tui *tui, const char *fmt, ...) TUI_PRINTF(2, 3);
struct view *tui_top(struct tui *tui);
struct view *tui_push(struct tui *tui, const struct view_ops *ops, void *arg);
void tui_pop(struct tui *tui);
/* tui_changed - after a successful value change: recount, rebuild all views. */
void tui_changed(struct tui *tui);
/* tui_reload_all - rebuild every view (mode switches, loads). */
void tui_reload_all(struct tui *tui);
/* tui_jump - show @m in the menu view (opening its menus) and make it current. */
void tui_jump(struct tui *tui, struct kc_menu *m);
/* tui_show_info - push the full-screen info view on @sym. */
void tui_show_info(struct tui *tui, struct kc_symbol *sym, struct kc_menu *m);
void tui_layout(struct tui *tui);
/* tui_draw - draw the whole screen (views and status line). */
void tui_draw(struct tui *tui);

/* ---- view.c ---- */
struct view *view_new(struct tui *tui, const struct view_ops *ops, void *arg);
void view_free(struct view *v);
void view_draw(struct view *v, bool focused);
void view_set_pos(struct view *v, size_t pos);
/* view_move - generic navigation; false when @req is not a movement. */
bool view_move(struct view *v, enum request req);
void view_set_area(struct view *v, int y, int x, int height, int width);

/* ---- display.c ---- */
bool display_init(struct tui *tui, char **err);
void display_done(void);
/* display_read_key - next key from the keyboard or the script; flushes the screen first. */
int display_read_key(struct tui *tui);
bool display_script_failed(void);
int display_lines(void);
int display_cols(void);
bool display_utf8(void);
int role_attr(enum role r);
/* draw_text - draw up to @width columns of UTF-8 @s at (y, x); returns columns used. */
int draw_text(int y, int x, int width, const char *s, int attr);
int draw_ntext(int y, int x, int width, const char *s, size_t n, int attr);
void draw_fill(int y, int x, int width, int attr);
void draw_box(int y, int x, int height, int width, const char *title);

/* ---- journal.c ---- */
/* disk_remember - record the config file as it is on disk now (after a load). */
void disk_remember(struct tui *tui);
/* disk_remember_text - record @text as the file's content (after writing it). */
void disk_remember_text(struct tui *tui, const char *text);
/* disk_changed - whether the config file differs from what was recorded. */
bool disk_changed(struct tui *tui);
/* config_write - save @text to @path with kc_cfgfile_save (atomic, .old kept,
 * KCONFIG_OVERWRITECONFIG honoured, never over a compressed file); NULL when
 * saved, else why not (caller frees). */
char *config_write(const char *path, const char *text);
/* journal_path_for - the recovery journal of a config file (caller frees), NULL without a home. */
char *journal_path_for(const char *config_path);
/* journal_update - after a change: write the journal when unsaved, else remove it. */
void journal_update(struct tui *tui);
/* journal_discard - remove the journal (after a save or a clean quit). */
void journal_discard(struct tui *tui);
/* journal_offer - at start: offer to restore a journal left by an earlier session. */
void journal_offer(struct tui *tui);
void journal_done(struct tui *tui);

/* ---- prompt.c ---- */
/* prompt_input - popup edit line; returns the text (caller frees) or NULL on cancel.
 * @check returns an error text (static or owned by @ctx) to refuse a value. */
char *prompt_input(struct tui *tui, const char *title, const char *hint,
		   const char *initial, const char *(*check)(void *ctx, const char *text),
		   void *ctx);
/* prompt_choose - popup question with keys; returns the key pressed
 * (one of @keys), or 0 on Esc. */
int prompt_choose(struct tui *tui, const char *title, const char *question,
		  const char *keys);
/* prompt_edit_symbol - edit an int/hex/string value; true when it changed. */
bool prompt_edit_symbol(struct tui *tui, struct kc_symbol *sym, struct kc_menu *m);

/* ---- menu.c ---- */
extern const struct view_ops menu_view_ops;
struct kc_menu *menu_view_current(struct view *v);
void menu_view_jump(struct view *v, struct kc_menu *m);
/* menu_entry_box - "[*]", "<M>", "{M}", "-*-" or "(value)" as menuconfig draws it. */
void menu_entry_box(struct kc_tree *tree, struct kc_symbol *sym, struct sbuf *out);
/* menu_hidden_reason - short text saying why @m is not visible (caller frees). */
char *menu_hidden_reason(struct kc_tree *tree, struct kc_menu *m);
/* menu_path - "Main menu > General setup > ..." of the menus above @m. */
void menu_path(struct kc_tree *tree, struct kc_menu *m, const char *sep, struct sbuf *out);

/* ---- info.c ---- */
extern const struct view_ops info_view_ops;
void info_view_set(struct view *v, struct kc_symbol *sym, struct kc_menu *m);

/* ---- choice.c ---- */
extern const struct view_ops choice_view_ops;	/* arg: the choice's kc_menu */

/* ---- search.c ---- */
extern const struct view_ops search_view_ops;

/* ---- help.c ---- */
extern const struct view_ops help_view_ops;

/* ---- text.c: lines whose symbol names are links ---- */
struct text_link {
	size_t start, len;	/* bytes in the line */
	struct kc_symbol *sym;
};

struct text_line {
	char *text;
	enum role role;
	struct text_link *links;
	size_t nlinks;
	struct kc_symbol *sym;	/* what the line is about (optional) */
	void *data;		/* the view's own (optional) */
	bool cont;		/* a continuation row of the line above (wrapped) */
};

struct text {
	struct text_line *lines;
	size_t n, cap;
	int width;		/* wrap lines longer than this many columns (0: never) */
	struct kc_symbol *self;	/* never made a link (the information view's own symbol) */
	bool link_selected;
	size_t link_line, link_idx;
};

/* text_add - append a line, wrapped at t->width; with @tree, its all-capitals
 * symbol names become links. Returns its first row (sym and data set there
 * count for the whole line). */
struct text_line *text_add(struct text *t, struct kc_tree *tree, enum role role, const char *s);
/* text_add_hang - text_add with rows after the first indented by @hang columns. */
struct text_line *text_add_hang(struct text *t, struct kc_tree *tree, enum role role,
				const char *s, int hang);
struct text_line *text_addf(struct text *t, struct kc_tree *tree, enum role role,
			    const char *fmt, ...) TUI_PRINTF(4, 5);
void text_clear(struct text *t);
void text_done(struct text *t);
void text_draw_line(struct text *t, size_t lineno, int y, int x, int width, bool selected);
bool text_select_link(struct view *v, struct text *t, bool forward);
/* text_symbol - the selected link on the cursor line, else the line's symbol or first link. */
struct kc_symbol *text_symbol(struct view *v, struct text *t);
void *text_data(struct view *v, struct text *t);
/* text_jump - show @sym's entry in the menu tree (or its information without one). */
void text_jump(struct tui *tui, struct kc_symbol *sym);
/* text_request - link selection and movement; R_UNHANDLED for the rest. */
unsigned text_request(struct view *v, struct text *t, enum request req);

/* ---- why.c: explanations (issue 4) ---- */
extern const struct view_ops why_view_ops;	/* arg: struct why_args */
struct why_args {
	struct kc_symbol *sym;
	const char *want;	/* NULL: the natural question */
};
/* why_explainer - the tree's explainer, made on first use. */
struct kc_explainer *why_explainer(struct tui *tui);
/* why_short - the first chain of causes in a few lines, '\n'-separated, for
 * the information view; nothing when there is nothing to explain. */
void why_short(struct tui *tui, struct kc_symbol *sym, struct sbuf *out);
void why_open(struct tui *tui, struct kc_symbol *sym, const char *want);
void why_done(struct tui *tui);

/* ---- plan.c: plans and applying them (issue 4, 6) ---- */
extern const struct view_ops plan_view_ops;
/* plan_offer - plan @sym at @value (NULL: on when off, off when on; int,
 * hex and string values are asked for) and show the plan to apply. */
void plan_offer(struct tui *tui, struct kc_symbol *sym, const char *value);
/* plan_offer_plan - show a solved plan (the view owns it) to apply;
 * @title heads it and @what names it in messages ("profile containers"). */
void plan_offer_plan(struct tui *tui, struct kc_plan *plan, const char *title, const char *what);

/* ---- marks.c: entries changed by an applied plan, until saved ---- */
void idset_add(struct idset *s, unsigned id);
bool idset_has(const struct idset *s, unsigned id);
void idset_clear(struct idset *s);
void idset_done(struct idset *s);
/* marks_symbol - mark every entry of @sym (and the menus above them). */
void marks_symbol(struct tui *tui, struct kc_symbol *sym);
void marks_clear(struct tui *tui);
/* marks_char - the marker of @m drawn in the left margin, or NULL. */
const char *marks_char(struct tui *tui, struct kc_menu *m);

/* ---- profiles.c: baseline profiles (issue 6) ---- */
extern const struct view_ops profiles_view_ops;

/* ---- diff.c: other configs in columns beside the tree (issue 8) ---- */
/* diff_start - compare with @paths; errors go to the status line. */
void diff_start(struct tui *tui, const char *const *paths, size_t n);
void diff_add_prompt(struct tui *tui);
/* diff_update - after values changed: which entries differ now. */
void diff_update(struct tui *tui);
void diff_done(struct tui *tui);
/* diff_width - columns the diff takes at the right of a @width-wide row (0: no diff). */
int diff_width(struct tui *tui, int width);
void diff_draw_cells(struct tui *tui, struct kc_menu *m, int y, int x, int width, bool selected);
bool diff_footer(struct tui *tui, int width, struct sbuf *out);
/* diff_hides - the entry is filtered out by "differences only". */
bool diff_hides(struct tui *tui, struct kc_menu *m);
/* diff_next - the next (previous) differing entry in menu order after @from, wrapping. */
struct kc_menu *diff_next(struct tui *tui, struct kc_menu *from, bool forward);
void diff_toggle_only(struct tui *tui);
/* diff_describe - "In b.config: m, set in the file (line 15)", a line per compared config. */
void diff_describe(struct tui *tui, struct kc_symbol *sym, struct sbuf *out);

/* ---- report.c: a command's report over the menu tree (upgrade --tui) ---- */
extern const struct view_ops report_view_ops;

/* ---- messages.c: diagnostics and standard error (issue 13) ---- */
extern const struct view_ops messages_view_ops;
void messages_add(struct tui *tui, const char *text);
/* messages_capture_abort - dying of a signal: give back standard error and
 * write what it received there (async-signal-safe). */
void messages_capture_abort(void);
/* messages_poll - take what standard error received since the last call. */
void messages_poll(struct tui *tui);
/* messages_take_diags - the tree's diagnostics to the log (and cleared). */
void messages_take_diags(struct tui *tui);
size_t messages_unseen(struct tui *tui);
void messages_done(struct tui *tui);

/* ---- machine.c: module names (issue 5) ---- */
extern const struct view_ops machine_view_ops;
/* tui_modmap - the tree's module map, loaded on first use; NULL when the tree has none. */
struct kc_modmap *tui_modmap(struct tui *tui);

#endif /* KEXPLORE_TUI_PRIVATE_H */
