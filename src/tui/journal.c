/* journal.c - saving never loses data: the config as it was on disk when read
 * (to refuse overwriting another program's changes unasked), saving through the
 * engine's config-file service, and the recovery journal of unsaved changes. */
#include "config.h"

#include <errno.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <kexplore/cfgfile.h>

#include "tui-private.h"

/*
 * The journal is $XDG_STATE_HOME/kexplore/recovery/<hash of the config's
 * absolute path> (~/.local/state without XDG_STATE_HOME): a comment header
 * naming the config, the tree and the arch, then the config text that saving
 * would write now. It is rewritten after every change that leaves the values
 * different from the file, removed when they are equal again, after a save and
 * after a quit that answered the unsaved-changes question; a crash, a signal
 * or a lost terminal leave it for the next start to offer.
 */

#define JOURNAL_MAGIC "# kexplore recovery journal: unsaved changes to "

/* file_slurp - a whole file through the config-file service (bounded,
 * decompressed); NULL (errno set) when it cannot be read. */
static char *
file_slurp(const char *path, size_t *len)
{
	struct kc_cfgfile f;
	char *text = NULL;

	if (kc_cfgfile_read(path, KC_CFG_TEXT, &f) == KC_OK) {
		text = f.data;
		*len = f.len;
		f.data = NULL;
	}
	kc_cfgfile_done(&f);
	if (!text)
		errno = f.err;
	return text;
}

/* ---- the config on disk ---- */

void
disk_remember(struct tui *tui)
{
	free(tui->disk_text);
	tui->disk_len = 0;
	tui->disk_text = file_slurp(tui->config_path, &tui->disk_len);
}

void
disk_remember_text(struct tui *tui, const char *text)
{
	free(tui->disk_text);
	tui->disk_text = xstrdup(text);
	tui->disk_len = strlen(text);
}

bool
disk_changed(struct tui *tui)
{
	size_t len = 0;
	char *now = file_slurp(tui->config_path, &len);
	bool changed;

	if (!now || !tui->disk_text)
		changed = !now != !tui->disk_text;
	else
		changed = len != tui->disk_len || memcmp(now, tui->disk_text, len);
	free(now);
	return changed;
}

char *
config_write(const char *path, const char *text)
{
	char *error = NULL;

	if (kc_cfgfile_save(path, text, strlen(text), KC_SAVE_KEEP_OLD | KC_SAVE_CONFIG, &error) ==
	    KC_OK)
		return NULL;
	return error ? error : xstrdup(strerror(errno));
}

/* ---- the recovery journal ---- */

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ull;
	}
	return h;
}

/* The config's absolute path, its folder resolved (the file may not exist yet). */
static char *
absolute_config(const char *path)
{
	char *copy = xstrdup(path), *copy2 = xstrdup(path), *dir, *real, *res;

	dir = dirname(copy);
	real = realpath(dir, NULL);
	if (real)
		res = xasprintf("%s/%s", strcmp(real, "/") ? real : "", basename(copy2));
	else if (path[0] == '/')
		res = xstrdup(path);
	else {
		char cwd[4096];

		res = getcwd(cwd, sizeof(cwd)) ? xasprintf("%s/%s", cwd, path) : xstrdup(path);
	}
	free(real);
	free(copy);
	free(copy2);
	return res;
}

static char *
state_dir(void)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/kexplore/recovery", xdg);
	if (home && *home)
		return xasprintf("%s/.local/state/kexplore/recovery", home);
	return NULL;
}

/* mkdir -p, private: the journal holds the user's configuration. */
static bool
make_dirs(char *path)
{
	char *s;

	for (s = strchr(path + 1, '/');; s = strchr(s + 1, '/')) {
		if (s)
			*s = '\0';
		if (mkdir(path, 0700) && errno != EEXIST) {
			if (s)
				*s = '/';
			return false;
		}
		if (!s)
			return true;
		*s = '/';
	}
}

char *
journal_path_for(const char *config_path)
{
	char *dir = state_dir(), *abs, *p;

	if (!dir)
		return NULL;
	abs = absolute_config(config_path);
	p = xasprintf("%s/%016llx", dir, (unsigned long long)fnv1a(abs));
	free(abs);
	free(dir);
	return p;
}

/* The journal of the current config_path (NULL when journaling is off). */
static const char *
journal_path(struct tui *tui)
{
	if (tui->journal_off)
		return NULL;
	if (tui->journal && strcmp(tui->journal_of, tui->config_path)) {
		/* the config was loaded from or saved to another file */
		journal_discard(tui);
		free(tui->journal);
		free(tui->journal_of);
		tui->journal = NULL;
	}
	if (!tui->journal) {
		tui->journal = journal_path_for(tui->config_path);
		tui->journal_of = xstrdup(tui->config_path);
	}
	return tui->journal;
}

static bool
journal_write(struct tui *tui, const char *path)
{
	char *text = kc_config_str(tui->tree), *abs, *dir, *slash, stamp[32];
	struct sbuf b = { 0 };
	time_t now = time(NULL);
	struct tm tm;
	bool ok;

	if (!text)
		return false;
	abs = absolute_config(tui->config_path);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", localtime_r(&now, &tm));
	sbuf_printf(&b, "%s%s\n# tree: %s\n# arch: %s\n# time: %s\n", JOURNAL_MAGIC, abs,
		    kc_tree_srctree(tui->tree), kc_tree_arch(tui->tree), stamp);
	sbuf_puts(&b, text);
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	ok = make_dirs(dir) &&
	     kc_write_file_atomic(path, sbuf_str(&b), b.len, false) == KC_OK;
	free(dir);
	free(abs);
	free(text);
	sbuf_done(&b);
	return ok;
}

void
journal_update(struct tui *tui)
{
	const char *path = journal_path(tui);

	if (!path)
		return;
	if (!tui->dirty) {
		journal_discard(tui);
		return;
	}
	if (journal_write(tui, path)) {
		tui->journal_written = true;
	} else if (!tui->journal_failed) {
		tui->journal_failed = true;
		tui_error(tui, "Cannot write the recovery journal %s: %s", path, strerror(errno));
	}
}

void
journal_discard(struct tui *tui)
{
	if (tui->journal_off || !tui->journal)
		return;
	if (unlink(tui->journal) && errno != ENOENT && !tui->journal_failed) {
		tui->journal_failed = true;
		tui_error(tui, "Cannot remove the recovery journal %s: %s", tui->journal,
			  strerror(errno));
	}
	tui->journal_written = false;
}

/* A header line "# NAME: value" of the journal, or "?" (static buffer). */
static const char *
header(const char *text, const char *name)
{
	static char value[512];
	size_t n = strlen(name);
	const char *p, *e;

	for (p = text; p && !strncmp(p, "# ", 2); p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p + 2, name, n) || p[2 + n] != ':' || p[3 + n] != ' ')
			continue;
		p += 4 + n;
		e = strchr(p, '\n');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n >= sizeof(value))
			n = sizeof(value) - 1;
		memcpy(value, p, n);
		value[n] = '\0';
		return value;
	}
	return "?";
}

void
journal_offer(struct tui *tui)
{
	const char *path = journal_path(tui);
	char *text, *q;
	size_t len = 0;
	int key;

	if (!path || !(text = file_slurp(path, &len)))
		return;
	if (strncmp(text, JOURNAL_MAGIC, strlen(JOURNAL_MAGIC))) {
		free(text);
		return;
	}
	q = xasprintf("Unsaved changes to %s (%s) were found:\n"
		      "a session crashed or lost its terminal.\n\n"
		      "  r: restore them   d: discard them\n"
		      "  <Esc>: keep them and ask at the next start",
		      tui->config_path, header(text, "time"));
	key = prompt_choose(tui, "Recovery", q, "rd");
	free(q);
	if (key == 'r') {
		kc_tree_clear_diags(tui->tree);
		kc_config_read_buf(tui->tree, path, text, len);
		tui_changed(tui);
		tui_message(tui, "Restored the unsaved changes (S saves them)");
	} else if (key == 'd') {
		journal_discard(tui);
		tui_message(tui, "Discarded the unsaved changes");
	} else {
		/* keep it untouched: this session must not overwrite it */
		tui->journal_off = true;
		tui_message(tui, "Kept for the next start; this session is not journaled");
	}
	free(text);
}

void
journal_done(struct tui *tui)
{
	free(tui->journal);
	free(tui->journal_of);
	free(tui->disk_text);
	tui->journal = tui->journal_of = tui->disk_text = NULL;
}
