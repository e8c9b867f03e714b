/* messages.c - what the session had to say besides the status line: the
 * engine's diagnostics and everything written to standard error while the
 * explorer runs (libkmod, toolchain commands, warnings of reading configs),
 * which the screen would otherwise cover. Standard error goes to an unnamed
 * temporary file (a pipe could fill up and block the writer) that is read
 * before each redraw; the messages view (E) lists it all, and whatever came
 * from standard error is written there again when the explorer ends. */
#include "config.h"

#include "tui-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct {
	FILE *file;		/* where fd 2 writes while capturing */
	int saved;		/* the real standard error, -1 when not capturing */
	off_t read;		/* bytes of the file already taken */
	struct sbuf partial;	/* a line not ended yet */
} cap = { NULL, -1, 0, { 0 } };

void
messages_capture_begin(void)
{
	FILE *f;
	int saved;

	if (cap.saved >= 0)
		return;
	fflush(stderr);
	f = tmpfile();
	if (!f)
		return;	/* then messages stay on the terminal, as before */
	saved = dup(STDERR_FILENO);
	if (saved < 0 || dup2(fileno(f), STDERR_FILENO) < 0) {
		if (saved >= 0)
			close(saved);
		fclose(f);
		return;
	}
	cap.file = f;
	cap.saved = saved;
	cap.read = 0;
	atexit(messages_capture_end);
}

/* replay - what standard error received, to the real one. */
static void
replay(void)
{
	char buf[4096];
	ssize_t n;
	off_t at = 0;

	while ((n = pread(fileno(cap.file), buf, sizeof(buf), at)) > 0) {
		if (write(STDERR_FILENO, buf, (size_t)n) < 0)
			break;
		at += n;
	}
}

void
messages_capture_abort(void)
{
	/* from a signal handler: only dup2, pread and write */
	if (cap.saved < 0)
		return;
	dup2(cap.saved, STDERR_FILENO);
	cap.saved = -1;
	replay();
}

void
messages_capture_end(void)
{
	if (cap.saved < 0)
		return;
	fflush(stderr);
	dup2(cap.saved, STDERR_FILENO);
	close(cap.saved);
	cap.saved = -1;
	replay();
	fclose(cap.file);
	cap.file = NULL;
	sbuf_done(&cap.partial);
}

void
messages_add(struct tui *tui, const char *text)
{
	struct msglog *log = &tui->log;

	if (log->n == log->cap)
		log->line = xrealloc(log->line, (log->cap = log->cap ? log->cap * 2 : 32) *
				     sizeof(*log->line));
	log->line[log->n++] = xstrdup(text);
}

/* take_lines - the complete lines of @b to the log; the rest stays in @b. */
static void
take_lines(struct tui *tui, struct sbuf *b)
{
	char *s = b->s, *e;
	size_t used;

	if (!s)
		return;
	for (; (e = strchr(s, '\n')); s = e + 1) {
		*e = '\0';
		if (e > s && e[-1] == '\r')
			e[-1] = '\0';
		/* blank lines and conf's "#" frames around a note say nothing */
		if (s[strspn(s, "# \t")])
			messages_add(tui, s);
	}
	used = (size_t)(s - b->s);
	memmove(b->s, s, b->len - used + 1);
	b->len -= used;
}

void
messages_poll(struct tui *tui)
{
	char buf[4096];
	ssize_t n;

	if (cap.saved < 0)
		return;
	fflush(stderr);
	while ((n = pread(fileno(cap.file), buf, sizeof(buf), cap.read)) > 0) {
		sbuf_add(&cap.partial, buf, (size_t)n);
		cap.read += n;
	}
	take_lines(tui, &cap.partial);
}

void
messages_take_diags(struct tui *tui)
{
	size_t i, n = kc_tree_ndiags(tui->tree);
	char *s;

	for (i = 0; i < n; i++) {
		s = kc_diag_format(kc_tree_diag(tui->tree, i));
		messages_add(tui, s);
		free(s);
	}
	kc_tree_clear_diags(tui->tree);
}

size_t
messages_unseen(struct tui *tui)
{
	return tui->log.n - tui->log.seen;
}

void
messages_done(struct tui *tui)
{
	while (tui->log.n)
		free(tui->log.line[--tui->log.n]);
	free(tui->log.line);
	tui->log.line = NULL;
	tui->log.cap = tui->log.seen = 0;
}

/* ---- the view ---- */

struct messages_view {
	struct text text;
};

static void
messages_reload(struct view *v)
{
	struct messages_view *mv = v->priv;
	struct msglog *log = &v->tui->log;
	size_t i, pos = v->pos;

	text_clear(&mv->text);
	mv->text.width = v->width - 2;
	if (!log->n)
		text_add(&mv->text, NULL, ROLE_DIM, "No messages yet: warnings and errors of this "
			 "session (and what programs it ran wrote to standard error) appear here.");
	for (i = 0; i < log->n; i++)
		text_add(&mv->text, v->tui->tree, strstr(log->line[i], "error") ? ROLE_ERROR :
			 ROLE_NORMAL, log->line[i]);
	log->seen = log->n;
	v->lines = mv->text.n;
	view_set_pos(v, pos);
}

static void
messages_open(struct view *v, void *arg)
{
	(void)arg;
	messages_reload(v);
	view_set_pos(v, v->lines ? v->lines - 1 : 0);	/* the newest */
}

static void
messages_view_done(struct view *v)
{
	text_done(&((struct messages_view *)v->priv)->text);
}

static void
messages_title(struct view *v, struct sbuf *out)
{
	sbuf_printf(out, "Messages of this session (%zu)", v->tui->log.n);
}

static void
messages_draw_line(struct view *v, size_t lineno, int y, int x, int width, bool selected)
{
	text_draw_line(&((struct messages_view *)v->priv)->text, lineno, y, x, width, selected);
}

static unsigned
messages_request(struct view *v, enum request req, int key)
{
	struct messages_view *mv = v->priv;

	(void)key;
	if (req == REQ_ENTER) {
		text_jump(v->tui, text_symbol(v, &mv->text));
		return 0;
	}
	return text_request(v, &mv->text, req);
}

static struct kc_symbol *
messages_symbol(struct view *v)
{
	return text_symbol(v, &((struct messages_view *)v->priv)->text);
}

const struct view_ops messages_view_ops = {
	.name = "messages",
	.scope = SCOPE_MESSAGES,
	.private_size = sizeof(struct messages_view),
	.open = messages_open,
	.done = messages_view_done,
	.reload = messages_reload,
	.title = messages_title,
	.draw_line = messages_draw_line,
	.request = messages_request,
	.symbol = messages_symbol,
};
