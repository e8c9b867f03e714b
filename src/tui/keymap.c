/* keymap.c - request table, key-name parser and key bindings. */
#include "config.h"

#include "keymap.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const struct {
	const char *name, *help;
} req_table[] = {
#define REQ_INFO(id, name, help) { name, help },
	REQ_LIST(REQ_INFO)
#undef REQ_INFO
};

static const char *const scope_names[] = {
#define SCOPE_NAME(id, name) name,
	KEYSCOPE_LIST(SCOPE_NAME)
#undef SCOPE_NAME
};

const char *
req_name(enum request req)
{
	return req < REQ_COUNT ? req_table[req].name : "?";
}

const char *
req_help(enum request req)
{
	return req < REQ_COUNT ? req_table[req].help : "";
}

enum request
req_parse(const char *name)
{
	size_t i;

	for (i = 0; i < REQ_COUNT; i++)
		if (!strcmp(req_table[i].name, name))
			return (enum request)i;
	return REQ_COUNT;
}

const char *
keyscope_name(enum keyscope s)
{
	return s < SCOPE_COUNT ? scope_names[s] : "?";
}

enum keyscope
keyscope_parse(const char *name)
{
	size_t i;

	for (i = 0; i < SCOPE_COUNT; i++)
		if (!strcmp(scope_names[i], name))
			return (enum keyscope)i;
	return SCOPE_COUNT;
}

/* Names of keys other than plain characters and <C-x>. */
static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' },
	{ "Esc", KEY_ESC },
	{ "Tab", '\t' },
	{ "S-Tab", KEY_FN(KEY_BTAB) },
	{ "Space", ' ' },
	{ "Backspace", KEY_FN(KEY_BACKSPACE) },
	{ "Delete", KEY_FN(KEY_DC) },
	{ "Insert", KEY_FN(KEY_IC) },
	{ "Up", KEY_FN(KEY_UP) },
	{ "Down", KEY_FN(KEY_DOWN) },
	{ "Left", KEY_FN(KEY_LEFT) },
	{ "Right", KEY_FN(KEY_RIGHT) },
	{ "PgUp", KEY_FN(KEY_PPAGE) },
	{ "PgDown", KEY_FN(KEY_NPAGE) },
	{ "PageUp", KEY_FN(KEY_PPAGE) },
	{ "PageDown", KEY_FN(KEY_NPAGE) },
	{ "Home", KEY_FN(KEY_HOME) },
	{ "End", KEY_FN(KEY_END) },
	{ "LT", '<' },
	{ "Resize", KEY_FN(KEY_RESIZE) },
};

static int
key_named(const char *name, size_t len)
{
	char buf[16];
	size_t i;
	int n;

	if (len >= sizeof(buf))
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (i = 0; i < ARRAY_SIZE(key_names); i++)
		if (!strcasecmp(key_names[i].name, buf))
			return key_names[i].key;
	if ((buf[0] == 'C' || buf[0] == 'c') && buf[1] == '-' && buf[2] && !buf[3]) {
		if (buf[2] >= 'a' && buf[2] <= 'z')
			return buf[2] - 'a' + 1;
		if (buf[2] >= 'A' && buf[2] <= 'Z')
			return buf[2] - 'A' + 1;
		return -1;
	}
	if ((buf[0] == 'F' || buf[0] == 'f') && buf[1]) {
		n = atoi(buf + 1);
		if (n >= 1 && n <= 24)
			return KEY_FN(KEY_F(n));
	}
	return -1;
}

int
key_parse(const char **s)
{
	const char *p = *s, *end;
	unsigned cp;
	size_t n;
	int key;

	if (!*p)
		return -1;
	if (*p == '<' && (end = strchr(p + 1, '>')) && end > p + 1) {
		key = key_named(p + 1, (size_t)(end - p - 1));
		if (key < 0)
			return -1;
		*s = end + 1;
		return key;
	}
	n = utf8_decode(p, strlen(p), &cp);
	*s = p + n;
	return (int)cp;
}

const char *
key_to_name(int key, char *buf)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(key_names); i++) {
		/* Prefer the first name given for a key, but show '<' plainly. */
		if (key_names[i].key == key && key != '<') {
			snprintf(buf, 32, "<%s>", key_names[i].name);
			return buf;
		}
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf, 32, "<C-%c>", 'a' + key - 1);
	} else if (KEY_IS_FN(key) && key - KEY_FN(0) >= KEY_F(1) &&
		   key - KEY_FN(0) <= KEY_F(24)) {
		snprintf(buf, 32, "<F%d>", key - KEY_FN(KEY_F(0)));
	} else if (KEY_IS_FN(key)) {
		snprintf(buf, 32, "<%s>", keyname(key - KEY_FN(0)));
	} else if (key >= 0 && key < 0x110000) {
		utf8_encode((unsigned)key, buf);
	} else {
		snprintf(buf, 32, "<?%d>", key);
	}
	return buf;
}

int
key_from_curses(int ret, unsigned wch)
{
	if (ret == KEY_CODE_YES) {
		if (wch == KEY_ENTER)
			return '\n';
		return KEY_FN((int)wch);
	}
	if (wch == '\r')
		return '\n';
	if (wch == 127 || wch == 8)
		return KEY_FN(KEY_BACKSPACE);
	return (int)wch;
}

struct binding {
	enum keyscope scope;
	int key;
	enum request req;
};

#define B(scope, k, r) { SCOPE_##scope, k, REQ_##r }
static const struct binding default_bindings[] = {
	B(GENERIC, KEY_FN(KEY_UP), MOVE_UP),
	B(GENERIC, 'k', MOVE_UP),
	B(GENERIC, KEY_FN(KEY_DOWN), MOVE_DOWN),
	B(GENERIC, 'j', MOVE_DOWN),
	B(GENERIC, KEY_FN(KEY_PPAGE), MOVE_PAGE_UP),
	B(GENERIC, 2 /* C-b */, MOVE_PAGE_UP),
	B(GENERIC, KEY_FN(KEY_NPAGE), MOVE_PAGE_DOWN),
	B(GENERIC, 6 /* C-f */, MOVE_PAGE_DOWN),
	B(GENERIC, KEY_FN(KEY_HOME), MOVE_FIRST),
	B(GENERIC, 'g', MOVE_FIRST),
	B(GENERIC, KEY_FN(KEY_END), MOVE_LAST),
	B(GENERIC, 'G', MOVE_LAST),
	B(GENERIC, '\n', ENTER),
	B(GENERIC, KEY_FN(KEY_RIGHT), ENTER),
	B(GENERIC, KEY_FN(KEY_LEFT), BACK),
	B(GENERIC, KEY_ESC, BACK),
	B(GENERIC, KEY_FN(KEY_BACKSPACE), BACK),
	B(GENERIC, '/', SEARCH),
	B(GENERIC, 'i', INFO_SPLIT),
	B(GENERIC, 'I', INFO),
	B(GENERIC, 'h', INFO),
	B(GENERIC, '?', HELP),
	B(GENERIC, KEY_FN(KEY_F(1)), HELP),
	B(GENERIC, 't', TREE_MODE),
	B(GENERIC, 'z', SHOW_ALL),
	B(GENERIC, 'S', SAVE),
	B(GENERIC, 'L', LOAD),
	B(GENERIC, 12 /* C-l */, REDRAW),
	B(GENERIC, 'q', BACK),
	B(GENERIC, 'Q', QUIT),
	B(GENERIC, 'w', WHY),
	B(GENERIC, 'p', PLAN),
	B(GENERIC, 'P', PROFILES),
	B(GENERIC, 'M', MACHINE),
	B(GENERIC, 'E', MESSAGES),
	B(MENU, 'q', QUIT),
	B(MENU, 'A', DIFF_ADD),
	B(MENU, ']', DIFF_NEXT),
	B(MENU, '[', DIFF_PREV),
	B(MENU, 'D', DIFF_ONLY),
	B(MENU, 'y', SET_Y),
	B(MENU, 'm', SET_M),
	B(MENU, 'n', SET_N),
	B(MENU, ' ', TOGGLE),
	B(MENU, 'e', EDIT),
	B(INFO, '\t', NEXT_LINK),
	B(INFO, KEY_FN(KEY_BTAB), PREV_LINK),
	B(INFO, 'J', JUMP),
	B(SEARCH, '\t', SEARCH_SCOPE),
	B(CHOICE, ' ', ENTER),
	B(CHOICE, 'y', ENTER),
	B(WHY, '\t', NEXT_LINK),
	B(WHY, KEY_FN(KEY_BTAB), PREV_LINK),
	B(WHY, 'y', WANT_Y),
	B(WHY, 'm', WANT_M),
	B(WHY, 'n', WANT_N),
	B(PLAN, '\t', NEXT_LINK),
	B(PLAN, KEY_FN(KEY_BTAB), PREV_LINK),
	B(PLAN, 'a', APPLY),
	B(PLAN, 'y', WANT_Y),
	B(PLAN, 'm', WANT_M),
	B(PLAN, 'n', WANT_N),
	B(PROFILES, '\t', NEXT_LINK),
	B(PROFILES, KEY_FN(KEY_BTAB), PREV_LINK),
	B(PROFILES, 'a', APPLY),
	B(MACHINE, '\t', NEXT_LINK),
	B(MACHINE, KEY_FN(KEY_BTAB), PREV_LINK),
};
#undef B

/* User bindings, searched before the defaults; REQ_NONE unbinds. */
static struct binding *user_bindings;
static size_t n_user_bindings;

static const struct binding *
find_binding(enum keyscope scope, int key)
{
	size_t i;

	for (i = n_user_bindings; i-- > 0;)
		if (user_bindings[i].scope == scope && user_bindings[i].key == key)
			return &user_bindings[i];
	for (i = 0; i < ARRAY_SIZE(default_bindings); i++)
		if (default_bindings[i].scope == scope && default_bindings[i].key == key)
			return &default_bindings[i];
	return NULL;
}

enum request
keymap_lookup(enum keyscope scope, int key)
{
	const struct binding *b = find_binding(scope, key);

	if (!b && scope != SCOPE_GENERIC)
		b = find_binding(SCOPE_GENERIC, key);
	return b ? b->req : REQ_NONE;
}

bool
keymap_bind(enum keyscope scope, int key, enum request req)
{
	if (scope >= SCOPE_COUNT || req >= REQ_COUNT || key < 0)
		return false;
	user_bindings = xrealloc(user_bindings,
				 (n_user_bindings + 1) * sizeof(*user_bindings));
	user_bindings[n_user_bindings].scope = scope;
	user_bindings[n_user_bindings].key = key;
	user_bindings[n_user_bindings].req = req;
	n_user_bindings++;
	return true;
}

/* parse_bind_line - "bind SCOPE KEY REQUEST"; returns an error text or NULL. */
static const char *
parse_bind_line(char *line)
{
	char *words[5];
	const char *k;
	enum keyscope scope;
	enum request req;
	int n = 0, key;
	char *save = NULL, *w;

	for (w = strtok_r(line, " \t\r\n", &save); w && n < 5;
	     w = strtok_r(NULL, " \t\r\n", &save))
		words[n++] = w;
	if (n == 0 || words[0][0] == '#')
		return NULL;
	if (n != 4 || strcmp(words[0], "bind"))
		return "expected: bind SCOPE KEY REQUEST";
	scope = keyscope_parse(words[1]);
	if (scope == SCOPE_COUNT)
		return "unknown scope";
	k = words[2];
	key = key_parse(&k);
	if (key < 0 || *k)
		return "bad key name";
	req = req_parse(words[3]);
	if (req == REQ_COUNT)
		return "unknown request";
	keymap_bind(scope, key, req);
	return NULL;
}

bool
keymap_load(const char *path, char **err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	const char *msg;
	int lineno = 0;
	bool ok = true;

	*err = NULL;
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return true;
		*err = xasprintf("%s: %s", path, strerror(errno));
		return false;
	}
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		msg = parse_bind_line(line);
		if (msg && ok) {
			*err = xasprintf("%s:%d: %s", path, lineno, msg);
			ok = false;
		}
	}
	free(line);
	fclose(f);
	return ok;
}

static bool
key_listed(const int *keys, size_t n, int key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (keys[i] == key)
			return true;
	return false;
}

static void
collect_key(const struct binding *b, enum keyscope scope, enum request req,
	    int *keys, size_t *n, size_t max)
{
	if (b->scope != scope || b->req != req || *n >= max)
		return;
	/* Only list it when it is really what the key does now. */
	if (find_binding(scope, b->key) != b || key_listed(keys, *n, b->key))
		return;
	keys[(*n)++] = b->key;
}

size_t
keymap_keys(enum keyscope scope, enum request req, char *buf, size_t size)
{
	int keys[16];
	char name[32];
	size_t i, n = 0, len = 0;

	for (i = 0; i < ARRAY_SIZE(default_bindings); i++)
		collect_key(&default_bindings[i], scope, req, keys, &n, ARRAY_SIZE(keys));
	for (i = 0; i < n_user_bindings; i++)
		collect_key(&user_bindings[i], scope, req, keys, &n, ARRAY_SIZE(keys));
	if (size)
		buf[0] = '\0';
	for (i = 0; i < n; i++) {
		len += (size_t)snprintf(buf + (len < size ? len : size), len < size ? size - len : 0,
					"%s%s", i ? ", " : "", key_to_name(keys[i], name));
	}
	return n;
}

void
keymap_done(void)
{
	free(user_bindings);
	user_bindings = NULL;
	n_user_bindings = 0;
}
