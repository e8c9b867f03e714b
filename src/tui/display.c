/* display.c - curses set-up and tear-down, colors, drawing helpers, and the
 * input side: the keyboard, or a KEXPLORE_SCRIPT file driving the UI headless. */
#include "config.h"

#include "tui-private.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static struct {
	SCREEN *screen;
	FILE *out, *in;		/* the null terminal of script mode */
	bool active;
	bool utf8;
	bool color;
	FILE *script;
	const char *script_path;
	unsigned script_line;
	char *line;		/* current script line */
	size_t line_cap;
	const char *pos;	/* keys still to deliver from it */
	bool script_failed;
	char *script_error;	/* printed once the terminal is restored */
	int attrs[ROLE_COUNT];
	/* KEXPLORE_TIMING=FILE: how long each key took until the screen was ready */
	const char *timing_path;
	double key_time, worst, total;
	unsigned keys;
} disp;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* timing_key - a key was handled and the screen drawn: account for it. */
static void
timing_key(void)
{
	double t;

	if (!disp.timing_path || disp.key_time == 0)
		return;
	t = now() - disp.key_time;
	disp.keys++;
	disp.total += t;
	if (t > disp.worst)
		disp.worst = t;
	disp.key_time = 0;
}

static void
timing_write(void)
{
	FILE *f;

	if (!disp.timing_path || !(f = fopen(disp.timing_path, "w")))
		return;
	fprintf(f, "keys %u\nworst_ms %.3f\nmean_ms %.3f\n", disp.keys, disp.worst * 1e3,
		disp.keys ? disp.total * 1e3 / disp.keys : 0.0);
	fclose(f);
}

static const struct {
	short fg, bg;
	int attr, mono;
} role_style[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_TITLE] = { COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[ROLE_STATUS] = { -1, -1, A_NORMAL, A_NORMAL },
	[ROLE_CURSOR] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	[ROLE_DIM] = { -1, -1, A_DIM, A_DIM },
	[ROLE_MATCH] = { COLOR_YELLOW, -1, A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE },
	[ROLE_LINK] = { COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE },
	[ROLE_LINK_SELECTED] = { COLOR_WHITE, COLOR_BLUE, A_BOLD | A_UNDERLINE,
				 A_REVERSE | A_UNDERLINE },
	[ROLE_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
	[ROLE_HEADING] = { -1, -1, A_BOLD, A_BOLD },
	[ROLE_BOX] = { -1, -1, A_NORMAL, A_NORMAL },
};

static void
setup_roles(void)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	disp.color = has_colors() && !(nc && *nc);
	if (disp.color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < ROLE_COUNT; i++) {
		if (!disp.color || (role_style[i].fg < 0 && role_style[i].bg < 0)) {
			disp.attrs[i] = disp.color ? role_style[i].attr : role_style[i].mono;
			continue;
		}
		init_pair((short)(i + 1), role_style[i].fg, role_style[i].bg);
		disp.attrs[i] = (int)COLOR_PAIR(i + 1) | role_style[i].attr;
	}
}

int
role_attr(enum role r)
{
	return disp.attrs[r];
}

void
display_done(void)
{
	if (!disp.active)
		return;
	disp.active = false;
	endwin();
	if (disp.screen)
		delscreen(disp.screen);
	disp.screen = NULL;
	if (disp.out)
		fclose(disp.out);
	if (disp.in)
		fclose(disp.in);
	disp.out = disp.in = NULL;
	if (disp.script)
		fclose(disp.script);
	disp.script = NULL;
	free(disp.line);
	disp.line = NULL;
	timing_write();
	if (disp.script_error)
		fprintf(stderr, "kexplore: %s\n", disp.script_error);
	free(disp.script_error);
	disp.script_error = NULL;
}

static void
on_signal(int sig)
{
	/* Give the terminal back before dying of the signal. */
	if (disp.active) {
		disp.active = false;
		endwin();
	}
	messages_capture_abort();	/* what stderr got, to the real one */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static bool done;
	struct sigaction sa;

	if (!done)
		atexit(display_done);
	done = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGABRT, &sa, NULL);	/* a failed assertion */
}

static SCREEN *
open_script_screen(char **err)
{
	const char *term = getenv("TERM");
	SCREEN *s;

	disp.out = fopen("/dev/null", "w");
	disp.in = fopen("/dev/null", "r");
	if (!disp.out || !disp.in) {
		*err = xasprintf("/dev/null: %s", strerror(errno));
		return NULL;
	}
	s = newterm(term && *term ? term : "xterm", disp.out, disp.in);
	if (!s)
		s = newterm("vt100", disp.out, disp.in);
	if (!s)
		*err = xasprintf("cannot set up a terminal of type %s", term ? term : "xterm");
	return s;
}

static SCREEN *
open_tty_screen(char **err)
{
	SCREEN *s;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = xstrdup("the explorer needs a terminal (or KEXPLORE_SCRIPT)");
		return NULL;
	}
	s = newterm(NULL, stdout, stdin);
	if (!s)
		*err = xasprintf("cannot use the terminal type '%s'",
				 getenv("TERM") ? getenv("TERM") : "");
	return s;
}

bool
display_init(struct tui *tui, char **err)
{
	const char *ascii = getenv("KEXPLORE_ASCII");

	*err = NULL;
	disp.timing_path = getenv("KEXPLORE_TIMING");
	disp.utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8") && !(ascii && *ascii);
	if (tui->opts->script) {
		disp.script_path = tui->opts->script;
		disp.script = fopen(disp.script_path, "r");
		if (!disp.script) {
			*err = xasprintf("%s: %s", disp.script_path, strerror(errno));
			return false;
		}
		disp.screen = open_script_screen(err);
	} else {
		disp.screen = open_tty_screen(err);
	}
	if (!disp.screen) {
		display_done();
		if (disp.script)
			fclose(disp.script);
		disp.script = NULL;
		return false;
	}
	disp.active = true;
	catch_signals();
	set_term(disp.screen);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	setup_roles();
	return true;
}

bool
display_utf8(void)
{
	return disp.utf8;
}

int
display_lines(void)
{
	return LINES;
}

int
display_cols(void)
{
	return COLS;
}

bool
display_script_failed(void)
{
	return disp.script_failed;
}

/* ---- drawing ---- */

static wchar_t
printable(unsigned cp)
{
	if (cp < 0x20 || cp == 0x7f)
		return L' ';
	if (cp >= 0x80 && !disp.utf8)
		return L'?';
	return (wchar_t)cp;
}

int
draw_ntext(int y, int x, int width, const char *s, size_t n, int attr)
{
	size_t i = 0, k;
	unsigned cp;
	int used = 0, cw;
	wchar_t wc[2] = { 0, 0 };

	if (width <= 0 || y < 0 || y >= LINES)
		return 0;
	attrset(attr);
	while (i < n && (k = utf8_decode(s + i, n - i, &cp))) {
		wc[0] = printable(cp);
		cw = wc[0] < 0x80 ? 1 : wcwidth(wc[0]);
		if (cw < 0)
			wc[0] = L'?', cw = 1;
		if (used + cw > width)
			break;
		if (cw > 0)
			mvaddnwstr(y, x + used, wc, 1);
		used += cw;
		i += k;
	}
	attrset(A_NORMAL);
	return used;
}

int
draw_text(int y, int x, int width, const char *s, int attr)
{
	return draw_ntext(y, x, width, s, strlen(s), attr);
}

void
draw_fill(int y, int x, int width, int attr)
{
	int i;

	if (y < 0 || y >= LINES)
		return;
	attrset(attr);
	for (i = 0; i < width && x + i < COLS; i++)
		mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
}

void
draw_box(int y, int x, int height, int width, const char *title)
{
	const char *h = disp.utf8 ? "\xe2\x94\x80" : "-";
	const char *v = disp.utf8 ? "\xe2\x94\x82" : "|";
	const char *c[4] = { "+", "+", "+", "+" };
	int attr = role_attr(ROLE_BOX), i;

	if (disp.utf8) {
		c[0] = "\xe2\x94\x8c";
		c[1] = "\xe2\x94\x90";
		c[2] = "\xe2\x94\x94";
		c[3] = "\xe2\x94\x98";
	}
	for (i = 0; i < height; i++)
		draw_fill(y + i, x, width, attr);
	for (i = 1; i < width - 1; i++) {
		draw_text(y, x + i, 1, h, attr);
		draw_text(y + height - 1, x + i, 1, h, attr);
	}
	for (i = 1; i < height - 1; i++) {
		draw_text(y + i, x, 1, v, attr);
		draw_text(y + i, x + width - 1, 1, v, attr);
	}
	draw_text(y, x, 1, c[0], attr);
	draw_text(y, x + width - 1, 1, c[1], attr);
	draw_text(y + height - 1, x, 1, c[2], attr);
	draw_text(y + height - 1, x + width - 1, 1, c[3], attr);
	if (title && width > 6) {
		int w = draw_text(y, x + 2, 1, " ", attr);

		w += draw_text(y, x + 2 + w, width - 6, title, role_attr(ROLE_HEADING));
		draw_text(y, x + 2 + w, 1, " ", attr);
	}
}

/* ---- the script driver ---- */

/* save_display - every screen line, right-trimmed, as UTF-8. */
static bool
save_display(const char *path)
{
	wchar_t *w = xcalloc((size_t)COLS + 1, sizeof(*w));
	char mb[8];
	FILE *f = fopen(path, "w");
	int y, n, i;

	if (!f) {
		free(w);
		return false;
	}
	for (y = 0; y < LINES; y++) {
		n = mvinnwstr(y, 0, w, COLS);
		if (n < 0)
			n = 0;
		w[n] = 0;
		while (n > 0 && w[n - 1] == L' ')
			n--;
		for (i = 0; i < n; i++) {
			utf8_encode((unsigned)w[i], mb);
			fputs(mb, f);
		}
		fputc('\n', f);
	}
	free(w);
	return fclose(f) == 0;
}

static void
script_fail(const char *fmt, const char *arg)
{
	struct sbuf b = { 0 };

	if (disp.script_failed)
		return;
	disp.script_failed = true;
	sbuf_printf(&b, "%s:%u: ", disp.script_path, disp.script_line);
	sbuf_printf(&b, fmt, arg);
	disp.script_error = sbuf_steal(&b);
}

/* script_command - run a :command line; returns a key to deliver or KEY_NONE. */
static int
script_command(char *cmd)
{
	char *arg = cmd + strcspn(cmd, " \t");
	int rows, cols;

	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	if (!strcmp(cmd, ":quit"))
		return KEY_QUIT_NOW;
	if (!strcmp(cmd, ":save-display")) {
		if (!*arg || !save_display(arg)) {
			script_fail("cannot save the display to '%s'", arg);
			return KEY_QUIT_NOW;
		}
		return KEY_NONE;
	}
	if (!strcmp(cmd, ":raise")) {
		/* die of a signal as a kill or a crash would: :raise TERM (tests) */
		static const struct { const char *name; int sig; } sigs[] = {
			{ "TERM", SIGTERM }, { "HUP", SIGHUP }, { "INT", SIGINT },
			{ "QUIT", SIGQUIT }, { "ABRT", SIGABRT }, { "KILL", SIGKILL },
		};
		size_t i;

		for (i = 0; i < ARRAY_SIZE(sigs); i++)
			if (!strcmp(arg, sigs[i].name))
				raise(sigs[i].sig);
		script_fail("unknown signal '%s'", arg);
		return KEY_QUIT_NOW;
	}
	if (!strcmp(cmd, ":timing-reset")) {
		/* benchmarks: forget the keys so far (setting up is not what is measured) */
		disp.keys = 0;
		disp.worst = disp.total = 0;
		disp.key_time = 0;
		return KEY_NONE;
	}
	if (!strcmp(cmd, ":resize")) {
		if (sscanf(arg, "%dx%d", &cols, &rows) != 2 || cols < 10 || rows < 5) {
			script_fail("bad size '%s' (want COLSxROWS)", arg);
			return KEY_QUIT_NOW;
		}
		resizeterm(rows, cols);
		return KEY_FN(KEY_RESIZE);
	}
	script_fail("unknown command '%s'", cmd);
	return KEY_QUIT_NOW;
}

static int
script_read_key(void)
{
	ssize_t n;
	int key;

	for (;;) {
		if (disp.pos && *disp.pos) {
			key = key_parse(&disp.pos);
			if (key < 0) {
				script_fail("bad key name at '%s'", disp.pos);
				return KEY_QUIT_NOW;
			}
			return key;
		}
		n = getline(&disp.line, &disp.line_cap, disp.script);
		if (n < 0)
			return KEY_QUIT_NOW;
		disp.script_line++;
		while (n > 0 && (disp.line[n - 1] == '\n' || disp.line[n - 1] == '\r'))
			disp.line[--n] = '\0';
		disp.pos = NULL;
		if (n == 0 || disp.line[0] == '#')
			continue;
		if (disp.line[0] == ':') {
			key = script_command(disp.line);
			if (key != KEY_NONE)
				return key;
			continue;
		}
		disp.pos = disp.line;
	}
}

int
display_read_key(struct tui *tui)
{
	wint_t wch;
	int ret, errors;

	(void)tui;
	if (!disp.active)
		return KEY_QUIT_NOW;
	refresh();
	timing_key();
	if (disp.script) {
		ret = script_read_key();
		if (ret != KEY_NONE && ret != KEY_QUIT_NOW && disp.timing_path)
			disp.key_time = now();
		return ret;
	}
	for (errors = 0; errors < 100; errors++) {
		ret = get_wch(&wch);
		if (ret != ERR) {
			if (disp.timing_path)
				disp.key_time = now();
			return key_from_curses(ret, (unsigned)wch);
		}
	}
	/* The terminal went away (hang-up, closed input). */
	return KEY_QUIT_NOW;
}
