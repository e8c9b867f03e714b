/* tui.c - the explorer's driver: the view stack, the main loop, the status
 * line, saving, loading and quitting. */
#include "config.h"

#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kexplore/cfgdiff.h>
#include <kexplore/cfgfile.h>
#include <kexplore/mindiff.h>
#include <kexplore/modmap.h>

#include "tui-private.h"


/* ---- messages ---- */

static void
set_message(struct tui *tui, bool error, const char *fmt, va_list ap)
{
	struct sbuf b = { 0 };

	sbuf_vprintf(&b, fmt, ap);
	free(tui->message);
	tui->message = sbuf_steal(&b);
	tui->message_error = error;
}

void
tui_message(struct tui *tui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_message(tui, false, fmt, ap);
	va_end(ap);
}

void
tui_error(struct tui *tui, const char *fmt, ...)
{
	bool seen = tui->log.seen == tui->log.n;
	va_list ap;

	va_start(ap, fmt);
	set_message(tui, true, fmt, ap);
	va_end(ap);
	/* kept with the other messages (E), not new: the status line shows it */
	messages_add(tui, tui->message);
	if (seen)
		tui->log.seen = tui->log.n;
}

/* ---- the view stack ---- */

struct view *
tui_top(struct tui *tui)
{
	return tui->stack[tui->depth - 1];
}

struct view *
tui_push(struct tui *tui, const struct view_ops *ops, void *arg)
{
	struct view *v;

	if (tui->depth == VIEW_STACK_MAX) {
		tui_error(tui, "Too many views open");
		return NULL;
	}
	v = view_new(tui, ops, arg);
	tui->stack[tui->depth++] = v;
	tui_layout(tui);
	return v;
}

void
tui_pop(struct tui *tui)
{
	if (tui->depth <= 1)
		return;
	view_free(tui->stack[--tui->depth]);
	tui_layout(tui);
}

void
tui_layout(struct tui *tui)
{
	int lines = display_lines(), cols = display_cols();
	int body = lines - 2 - tui->status_extra, menu_h, i;

	for (i = 1; i < tui->depth; i++)
		view_set_area(tui->stack[i], 1, 0, body, cols);
	if (tui->last_search)
		view_set_area(tui->last_search, 1, 0, body, cols);
	if (tui->split_info && body >= 7) {
		menu_h = (body - 1) / 2 + 1;
		view_set_area(tui->stack[0], 1, 0, menu_h, cols);
		view_set_area(tui->pane, menu_h + 2, 0, body - menu_h - 1, cols);
	} else {
		view_set_area(tui->stack[0], 1, 0, body, cols);
		view_set_area(tui->pane, 1, 0, body, cols);
	}
}

static void
reload(struct view *v)
{
	if (v && v->ops->reload)
		v->ops->reload(v);
}

void
tui_reload_all(struct tui *tui)
{
	int i;

	for (i = 0; i < tui->depth; i++)
		reload(tui->stack[i]);
	reload(tui->pane);
	reload(tui->last_search);
}

/* ---- changes ---- */

/* read_file - a config through the engine's reader (bounded, decompressed), or NULL. */
static char *
read_file(const char *path)
{
	struct kc_cfgfile f;
	char *text = NULL;

	if (kc_cfgfile_read(path, KC_CFG_TEXT, &f) == KC_OK) {
		text = f.data;
		f.data = NULL;
	}
	kc_cfgfile_done(&f);
	return text;
}

/* set_start - @text (owned now), read from @path, is the config the session
 * starts from: the base of the minimal diff saved beside the config. */
static void
set_start(struct tui *tui, const char *path, char *text, size_t len)
{
	free(tui->start_path);
	free(tui->start_text);
	tui->start_text = text;
	tui->start_len = text ? len : 0;
	tui->start_path = text ? xstrdup(path) : NULL;
	tui->start_fallback = false;
}

static void
remember_start(struct tui *tui, const char *path)
{
	struct kc_cfgfile f;

	if (kc_cfgfile_read(path, KC_CFG_TEXT, &f) == KC_OK) {
		set_start(tui, path, f.data, f.len);
		f.data = NULL;
	} else {
		set_start(tui, path, NULL, 0);
	}
	kc_cfgfile_done(&f);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* start_name - the config the session started from, for messages: inside
 * the tree its name says it (x86_64_defconfig), else the whole path. */
static const char *
start_name(struct tui *tui)
{
	const char *tree = kc_tree_srctree(tui->tree), *p = tui->start_path;
	size_t n = tree ? strlen(tree) : 0;

	if (!p)
		return "an empty config";
	return n && !strncmp(p, tree, n) && p[n] == '/' ? base_name(p) : p;
}

/* started_from - there was no config file: the values came from @path (the
 * arch's defconfig, as the kernel's list of fallbacks goes), which is then
 * the base of the minimal diff, and the status line says so first. */
static void
started_from(struct tui *tui, const char *path)
{
	remember_start(tui, path);
	if (!tui->start_text)
		return;
	tui->start_fallback = true;
	tui_message(tui, "no %s: started from %s", base_name(tui->config_path), start_name(tui));
}

/* assignments - the CONFIG_ lines of a config (set or "is not set"), so that
 * comments and blank lines do not count as changes. */
static char *
assignments(const char *text)
{
	struct sbuf b = { 0 };
	const char *e;

	for (; text && *text; text = *e ? e + 1 : e) {
		e = strchr(text, '\n');
		if (!e)
			e = text + strlen(text);
		if (!strncmp(text, "CONFIG_", 7) || !strncmp(text, "# CONFIG_", 9)) {
			sbuf_add(&b, text, (size_t)(e - text));
			sbuf_putc(&b, '\n');
		}
	}
	return sbuf_steal(&b);
}

static void
set_saved(struct tui *tui, char *text)
{
	free(tui->saved_text);
	tui->saved_text = text ? assignments(text) : NULL;
	free(text);
}

/* is_dirty - whether saving now would change the values in the file. */
static bool
is_dirty(struct tui *tui)
{
	char *text = kc_config_str(tui->tree);
	char *now = assignments(text);
	bool dirty = !tui->saved_text || strcmp(now, tui->saved_text);

	free(text);
	free(now);
	return dirty;
}

void
tui_changed(struct tui *tui)
{
	tui->changes++;
	tui->dirty = is_dirty(tui);
	if (!tui->dirty)
		tui->changes = 0;
	journal_update(tui);
	diff_update(tui);
	tui_reload_all(tui);
}

void
tui_jump(struct tui *tui, struct kc_menu *m)
{
	while (tui->depth > 1)
		tui_pop(tui);
	menu_view_jump(tui->stack[0], m);
}

void
tui_show_info(struct tui *tui, struct kc_symbol *sym, struct kc_menu *m)
{
	struct view *v = tui_push(tui, &info_view_ops, NULL);

	if (v)
		info_view_set(v, sym, m);
}

/* ---- saving, loading, quitting ---- */

/* Another program (or session) wrote the config since it was read: ask first. */
static bool
overwrite_ok(struct tui *tui, const char *path)
{
	char *q = xasprintf("%s was changed on disk since it was read\n"
			    "(by another program or another session).\n\n"
			    "  y: overwrite it, keeping that version as %s.old\n"
			    "  n: do not save",
			    path, path);
	int key = prompt_choose(tui, "Changed on disk", q, "yn");

	free(q);
	return key == 'y';
}

/*
 * save_diff - beside the saved config, its minimal diff (kexplore/mindiff.h)
 * from the config the session started from: the few lines decided here,
 * ready to append to that file (or merge_config.sh) and run olddefconfig.
 */
static void
save_diff(struct tui *tui, const char *path)
{
	const char *base = tui->start_path ? tui->start_path : "(no config)";
	char *frag = xasprintf("%s.fragment", path), *title, *text;
	struct kc_mindiff *d = NULL;
	enum kc_status st;
	size_t n;

	/* no question first: every tree's lines are tried incrementally (incr.c) */
	tui_message(tui, "Saved %s; finding its minimal diff...", path);
	tui_draw(tui);
	refresh();
	st = kc_mindiff_compute(tui->tree, base, tui->start_text ? tui->start_text : "",
				tui->start_len, &d);
	if (st != KC_OK) {
		tui_error(tui, st == KC_ERANGE ?
			  "Saved %s; no minimal diff: no lines appended to the start config give it "
			  "(the start sets something a later line cannot undo)" :
			  "Saved %s; no minimal diff: this config does not read back as itself", path);
		free(frag);
		return;
	}
	kc_tree_clear_diags(tui->tree);
	n = kc_mindiff_count(d);
	if (tui->start_path && !strcmp(path, tui->start_path))
		title = xasprintf("Minimal diff of %s from the %s kexplore started from: append "
				  "it to that one and run make olddefconfig", path, base);
	else
		title = xasprintf("Minimal diff of %s from %s: append it to that file and run "
				  "make olddefconfig", path, base);
	text = kc_mindiff_kconfig(d, title);
	if (kc_cfgfile_save(frag, text, strlen(text), KC_SAVE_KEEP_OLD, NULL) != KC_OK)
		tui_error(tui, "Saved %s, but not its diff %s: %s", path, frag, strerror(errno));
	else
		tui_message(tui, "Saved %s and its diff %s (%zu line%s%s%s)", path, frag, n,
			    n == 1 ? "" : "s", tui->start_fallback ? " from " : "",
			    tui->start_fallback ? start_name(tui) : "");
	free(text);
	free(title);
	free(frag);
	kc_mindiff_free(d);
}

static bool
save_to(struct tui *tui, const char *path)
{
	char *text = kc_config_str(tui->tree), *error;

	if (!text) {
		tui_error(tui, "Cannot produce the configuration text");
		return false;
	}
	if (!strcmp(path, tui->config_path) && disk_changed(tui) && !overwrite_ok(tui, path)) {
		tui_error(tui, "Not saved: %s changed on disk", path);
		free(text);
		return false;
	}
	if ((error = config_write(path, text))) {
		char *q = xasprintf("Cannot write %s:\n%s.\n\n"
				    "Nothing was changed on disk; your changes are kept\n"
				    "(and journaled). Free some space or save elsewhere.\n\n"
				    "  <Enter>: go on", path, error);

		prompt_choose(tui, "Save failed", q, "\n");
		free(q);
		tui_error(tui, "Not saved: %s", error);
		free(error);
		free(text);
		return false;
	}
	journal_discard(tui);
	disk_remember_text(tui, text);
	set_saved(tui, text);
	tui->dirty = false;
	if (strcmp(path, tui->config_path)) {
		free(tui->config_path);
		tui->config_path = xstrdup(path);
	}
	tui->changes = 0;
	marks_clear(tui);
	save_diff(tui, path);
	return true;
}

static void
save(struct tui *tui)
{
	char *path = prompt_input(tui, "Save configuration",
				  "File to write (the previous one is kept as FILE.old)",
				  tui->config_path, NULL, NULL);

	if (path && *path)
		save_to(tui, path);
	free(path);
}

static size_t
count_warnings(struct tui *tui)
{
	size_t i, n = 0;

	for (i = 0; i < kc_tree_ndiags(tui->tree); i++)
		if (kc_tree_diag(tui->tree, i)->level >= KC_WARNING)
			n++;
	return n;
}

/*
 * loaded - @f, read from @path, is now the session's config. A compressed file
 * (a packaged config.xz, /proc/config.gz) is only read: saves keep going to
 * config_path (never a compressed file: main.c makes it the tree's .config).
 * Returns the status line to show (caller frees).
 */
static char *
loaded(struct tui *tui, char *path, struct kc_cfgfile *f, size_t warnings)
{
	bool packed = f->format != KC_FMT_PLAIN;
	struct sbuf msg = { 0 };

	sbuf_printf(&msg, "Loaded %s", path);
	if (packed)
		sbuf_printf(&msg, " (%s-compressed: decompressed; S saves to %s)",
			    kc_cfg_format_name(f->format), tui->config_path);
	if (warnings)
		sbuf_printf(&msg, " (%zu warning%s: E shows %s)", warnings,
			    warnings == 1 ? "" : "s", warnings == 1 ? "it" : "them");
	set_start(tui, path, f->data, f->len);
	f->data = NULL;
	if (!packed) {
		free(tui->config_path);
		tui->config_path = path;
	} else {
		free(path);
	}
	return sbuf_steal(&msg);
}

static void
load(struct tui *tui)
{
	char *path = prompt_input(tui, "Load configuration",
				  "File to read (.config format; .gz, .xz, .zst are decompressed)",
				  tui->config_path, NULL, NULL);
	struct kc_cfgfile f;
	size_t warnings;
	char *msg;

	if (!path || !*path) {
		free(path);
		return;
	}
	if (tui->changes && prompt_choose(tui, "Load", "Loading replaces your unsaved changes.\n\n"
					  "  y: load anyway   n: keep them", "yn") != 'y') {
		free(path);
		return;
	}
	if (kc_cfgfile_read(path, KC_CFG_TEXT, &f) != KC_OK) {
		tui_error(tui, "Cannot load %s: %s (nothing changed)", path, f.error);
		kc_cfgfile_done(&f);
		free(path);
		return;
	}
	kc_tree_clear_diags(tui->tree);
	kc_config_read_buf(tui->tree, path, f.data, f.len);
	warnings = count_warnings(tui);
	messages_take_diags(tui);
	msg = loaded(tui, path, &f, warnings);
	kc_cfgfile_done(&f);
	marks_clear(tui);
	diff_update(tui);
	set_saved(tui, read_file(tui->config_path));
	disk_remember(tui);
	tui->changes = 0;
	tui->dirty = is_dirty(tui);
	journal_update(tui);
	tui_reload_all(tui);
	if (!tui->message_error)
		tui_message(tui, "%s", msg);
	free(msg);
}

static void
quit(struct tui *tui)
{
	char *q;
	int key;

	if (!is_dirty(tui)) {
		journal_discard(tui);
		tui->quit = true;
		return;
	}
	q = xasprintf("Save the configuration to %s?\n\n"
		      "  y: save and quit   n: quit without saving   <Esc>: go on",
		      tui->config_path);
	key = prompt_choose(tui, "Quit", q, "yn");
	free(q);
	if (key == 'n')
		journal_discard(tui);
	if (key == 'n' || (key == 'y' && save_to(tui, tui->config_path)))
		tui->quit = true;
}

/* ---- drawing ---- */

/* status_fields - the session's facts for the right of the status line,
 * whole fields only, in at most @max columns: the tree's folder goes first,
 * then the config's folder, then its name; the count of changes and the
 * arch stay. */
static void
status_fields(struct tui *tui, int max, struct sbuf *out)
{
	const char *tree = kc_tree_srctree(tui->tree), *arch = kc_tree_arch(tui->tree);
	const char *slash, *cfg = tui->config_path;
	char *real = NULL;
	int level;

	/* "." (run inside the tree) says nothing: name the folder */
	if (tree && !strchr(tree, '/') && (real = realpath(tree, NULL)))
		tree = real;
	slash = tree ? strrchr(tree, '/') : NULL;
	if (slash && !slash[1])
		slash = NULL;
	for (level = 0; level < 4; level++) {
		sbuf_reset(out);
		if (tui->changes)
			sbuf_printf(out, "%u unsaved | ", tui->changes);
		else if (tui->dirty)
			sbuf_puts(out, "not saved | ");
		sbuf_puts(out, arch ? arch : "?");
		if (level < 1)
			sbuf_printf(out, " | %s", slash ? slash + 1 : tree ? tree : "?");
		if (level >= 2 && strrchr(cfg, '/') && strrchr(cfg, '/')[1])
			cfg = strrchr(cfg, '/') + 1;
		if (level < 3)
			sbuf_printf(out, " | %s", cfg);
		if (utf8_width(out->s, out->len) <= max) {
			free(real);
			return;
		}
	}
	free(real);
	sbuf_reset(out);
	sbuf_puts(out, arch ? arch : "?");
}

/* status_room - columns for the facts: up to two thirds of the line, less
 * when a message needs them (down to a third). */
static int
status_room(struct tui *tui)
{
	int cols = display_cols(), room = cols * 2 / 3, msg;

	if (!tui->message)
		return room;
	msg = utf8_width(tui->message, strlen(tui->message));
	if (cols - msg - 1 < room)
		room = cols - msg - 1 > cols / 3 ? cols - msg - 1 : cols / 3;
	return room;
}

/* status_message_rows - rows of a message too long for the status line,
 * drawn above it (wrapped, at most a third of the screen). */
static size_t
status_message_rows(struct tui *tui, struct rowlist *rows)
{
	int cols = display_cols(), max = display_lines() / 3;
	struct sbuf r = { 0 };
	int rw;

	rows->n = 0;
	if (!tui->message)
		return 0;
	status_fields(tui, status_room(tui), &r);
	rw = utf8_width(sbuf_str(&r), r.len);
	sbuf_done(&r);
	if (utf8_width(tui->message, strlen(tui->message)) <= cols - rw - 1)
		return 0;
	wrap_split(tui->message, cols - 1, 2, rowlist_add, rows);
	if (rows->n > (size_t)(max > 0 ? max : 0))
		rowlist_cut(rows, (size_t)(max > 0 ? max : 0));
	return rows->n;
}

static void
draw_status(struct tui *tui)
{
	int y = display_lines() - 1, cols = display_cols(), rw, attr, i;
	struct rowlist rows = { 0 };
	struct sbuf r = { 0 }, hint = { 0 };
	size_t n = status_message_rows(tui, &rows), k = messages_unseen(tui);

	if (k)
		sbuf_printf(&hint, "%zu new message%s: E shows %s", k, k == 1 ? "" : "s",
			    k == 1 ? "it" : "them");

	attr = role_attr(tui->message_error ? ROLE_ERROR : ROLE_STATUS);
	for (i = 0; i < (int)n; i++) {
		draw_fill(y - (int)n + i, 0, cols, role_attr(ROLE_STATUS));
		draw_text(y - (int)n + i, 0, cols, rows.row[i], attr);
	}
	rowlist_done(&rows);
	status_fields(tui, n ? cols * 2 / 3 : status_room(tui), &r);
	rw = utf8_width(sbuf_str(&r), r.len);
	draw_fill(y, 0, cols, role_attr(ROLE_STATUS));
	draw_text(y, cols - rw > 0 ? cols - rw : 0, cols, sbuf_str(&r), role_attr(ROLE_STATUS));
	if (tui->message && !n)
		draw_text(y, 0, cols - rw - 1, tui->message, attr);
	else if (!tui->message && messages_unseen(tui))
		draw_text(y, 0, cols - rw - 1, sbuf_str(&hint), role_attr(ROLE_ERROR));
	else if (!tui->message)
		draw_text(y, 0, cols - rw - 1, "?:help /:search S:save q:quit", role_attr(ROLE_DIM));
	sbuf_done(&hint);
	sbuf_done(&r);
}

/* Below this the views do not fit: a message instead, and only q works. */
#define MIN_COLS 40
#define MIN_LINES 10

static bool
too_small(void)
{
	return display_cols() < MIN_COLS || display_lines() < MIN_LINES;
}

/* draw_too_small - say so, wrapped to what there is; the session goes on. */
static void
draw_too_small(void)
{
	struct rowlist rows = { 0 };
	char *msg = xasprintf("Too small (%dx%d): needs %dx%d. q quits; enlarge it to go on "
			      "(nothing is lost).", display_cols(), display_lines(), MIN_COLS,
			      MIN_LINES);
	int i;

	erase();
	wrap_split(msg, display_cols(), 0, rowlist_add, &rows);
	for (i = 0; i < (int)rows.n && i < display_lines(); i++)
		draw_text(i, 0, display_cols(), rows.row[i], role_attr(i ? ROLE_NORMAL : ROLE_ERROR));
	rowlist_done(&rows);
	free(msg);
}

void
tui_draw(struct tui *tui)
{
	struct view *top = tui_top(tui);
	struct rowlist rows = { 0 };
	struct kc_menu *m;
	int extra;

	messages_poll(tui);
	if (top->ops == &messages_view_ops && messages_unseen(tui))
		top->ops->reload(top);
	extra = (int)status_message_rows(tui, &rows);

	rowlist_done(&rows);
	if (too_small()) {
		draw_too_small();
		return;
	}
	/* a long message takes rows from the views while it is shown */
	if (extra != tui->status_extra) {
		tui->status_extra = extra;
		tui_layout(tui);
	}
	erase();
	if (top == tui->stack[0] && tui->split_info) {
		view_draw(top, true);
		m = menu_view_current(top);
		info_view_set(tui->pane, m ? kc_menu_sym(m) : NULL, m);
		view_draw(tui->pane, false);
	} else {
		view_draw(top, true);
	}
	draw_status(tui);
}

/* ---- requests ---- */

static void
generic_request(struct tui *tui, enum request req)
{
	struct view *top = tui_top(tui);
	struct kc_menu *m;

	if (view_move(top, req))
		return;
	switch (req) {
	case REQ_BACK:
		if (tui->depth > 1)
			tui_pop(tui);
		else
			quit(tui);
		break;
	case REQ_QUIT:
		quit(tui);
		break;
	case REQ_SEARCH:
		if (top->ops != &search_view_ops)
			tui_push(tui, &search_view_ops, NULL);
		break;
	case REQ_INFO:
		m = top == tui->stack[0] ? menu_view_current(top) : NULL;
		if (m)
			tui_show_info(tui, kc_menu_sym(m), m);
		else if (top->ops->symbol && top->ops->symbol(top))
			tui_show_info(tui, top->ops->symbol(top), NULL);
		break;
	case REQ_WHY:
		why_open(tui, top->ops->symbol ? top->ops->symbol(top) : NULL, NULL);
		break;
	case REQ_PLAN:
		plan_offer(tui, top->ops->symbol ? top->ops->symbol(top) : NULL, NULL);
		break;
	case REQ_PROFILES:
		if (top->ops != &profiles_view_ops)
			tui_push(tui, &profiles_view_ops, NULL);
		break;
	case REQ_MACHINE:
		if (top->ops != &machine_view_ops)
			tui_push(tui, &machine_view_ops, NULL);
		break;
	case REQ_MESSAGES:
		if (top->ops != &messages_view_ops)
			tui_push(tui, &messages_view_ops, NULL);
		break;
	case REQ_INFO_SPLIT:
		tui->split_info = !tui->split_info;
		tui_layout(tui);
		break;
	case REQ_HELP:
		if (top->ops != &help_view_ops)
			tui_push(tui, &help_view_ops, NULL);
		break;
	case REQ_TREE_MODE:
		tui->stack[0]->ops->request(tui->stack[0], REQ_TREE_MODE, 0);
		break;
	case REQ_SHOW_ALL:
		tui->show_all = !tui->show_all;
		tui_reload_all(tui);
		tui_message(tui, tui->show_all ? "Showing hidden entries (dimmed, with the reason)" :
			    "Showing visible entries only");
		break;
	case REQ_SAVE:
		save(tui);
		break;
	case REQ_LOAD:
		load(tui);
		break;
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

static void
handle_key(struct tui *tui, int key)
{
	struct view *top = tui_top(tui);
	enum request req = keymap_lookup(top->ops->scope, key);
	unsigned r;

	if (too_small()) {
		/* nothing changes unseen: only closing views and quitting (which asks) */
		if (req == REQ_QUIT || req == REQ_BACK)
			generic_request(tui, req);
		return;
	}
	r = top->ops->request(top, req, key);

	if (r & R_CHANGED)
		tui_changed(tui);
	if (r & R_UNHANDLED)
		generic_request(tui, req);
}

static void
main_loop(struct tui *tui)
{
	int key;

	while (!tui->quit) {
		tui_draw(tui);
		key = display_read_key(tui);
		if (key == KEY_QUIT_NOW)
			break;
		if (key == KEY_NONE)
			continue;
		free(tui->message);
		tui->message = NULL;
		if (key == KEY_FN(KEY_RESIZE)) {
			tui_layout(tui);
			continue;
		}
		handle_key(tui, key);
	}
}

static void
load_keys(struct tui *tui)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *path = NULL, *err = NULL;

	if (xdg && *xdg)
		path = xasprintf("%s/kexplore/keys", xdg);
	else if (home && *home)
		path = xasprintf("%s/.config/kexplore/keys", home);
	if (path && !keymap_load(path, &err))
		tui_error(tui, "%s", err);
	free(err);
	free(path);
}

/* tui_free - what the session holds besides its views. */
static void
tui_free(struct tui *tui)
{
	free(tui->config_path);
	free(tui->saved_text);
	free(tui->message);
	free(tui->start_path);
	free(tui->start_text);
	journal_done(tui);
	why_done(tui);
	diff_done(tui);
	idset_done(&tui->marks);
	idset_done(&tui->marks_above);
	kc_modmap_free(tui->modmap);
	messages_done(tui);
	keymap_done();
}

int
tui_main(struct kc_tree *tree, const struct tui_opts *opts)
{
	struct tui tui;
	enum kc_cfg_format fmt;
	char *err = NULL;
	int i;

	memset(&tui, 0, sizeof(tui));
	setlocale(LC_ALL, "");
	tui.tree = tree;
	tui.opts = opts;
	tui.config_path = xstrdup(opts->config_path ? opts->config_path : ".config");
	remember_start(&tui, opts->read_path ? opts->read_path : tui.config_path);
	messages_capture_begin();
	if (opts->started_from)
		started_from(&tui, opts->started_from);
	set_saved(&tui, read_file(tui.config_path));
	disk_remember(&tui);
	tui.dirty = is_dirty(&tui);
	load_keys(&tui);
	if (!display_init(&tui, &err)) {
		fprintf(stderr, "kexplore: %s\n", err);
		free(err);
		tui_free(&tui);
		return 1;
	}
	if (opts->ndiff_paths)
		diff_start(&tui, opts->diff_paths, opts->ndiff_paths);
	tui.stack[tui.depth++] = view_new(&tui, &menu_view_ops, NULL);
	tui.pane = view_new(&tui, &info_view_ops, NULL);
	if (opts->report_text)
		tui.stack[tui.depth++] = view_new(&tui, &report_view_ops, NULL);
	tui_layout(&tui);
	if (opts->read_path && kc_cfgfile_compressed(opts->read_path, &fmt))
		tui_message(&tui, "Read %s (%s-compressed, decompressed); S saves to %s",
			    opts->read_path, kc_cfg_format_name(fmt), tui.config_path);
	journal_offer(&tui);
	main_loop(&tui);
	display_done();
	messages_capture_end();
	for (i = tui.depth; i-- > 0;)
		view_free(tui.stack[i]);
	view_free(tui.pane);
	view_free(tui.last_search);
	tui_free(&tui);
	return display_script_failed() ? 2 : tui.exit_code;
}
