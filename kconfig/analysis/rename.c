/* rename.c - finding a symbol under another name: successors of old names, close spellings, and where a value comes from. */
#include "config.h"

#include "kexplore/upgrade.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *
kc_sym_prompt_text(const struct kc_symbol *sym)
{
	size_t i;

	for (i = 0; i < kc_sym_nmenus(sym); i++)
		if (kc_menu_prompt(kc_sym_menu(sym, i)))
			return kc_menu_prompt(kc_sym_menu(sym, i));
	return NULL;
}

const char *
kc_sym_help_text(const struct kc_symbol *sym)
{
	size_t i;

	for (i = 0; i < kc_sym_nmenus(sym); i++)
		if (kc_menu_help(kc_sym_menu(sym, i)))
			return kc_menu_help(kc_sym_menu(sym, i));
	return NULL;
}

/* A prompt makes a symbol a setting of its own, not an old name kept for reading. */
static bool
has_prompt(const struct kc_symbol *sym)
{
	return kc_sym_prompt_text(sym) != NULL;
}

struct kc_symbol *
kc_sym_successor(struct kc_tree *tree, struct kc_symbol *sym)
{
	size_t i, n = kc_tree_nsyms(tree);

	if (!sym || !kc_sym_defined(sym) || has_prompt(sym) || kc_sym_written(sym))
		return NULL;
	for (i = 0; i < n; i++) {
		struct kc_symbol *c = kc_tree_sym(tree, i);
		struct kc_prop *p;

		if (c == sym || !kc_sym_defined(c) || !has_prompt(c))
			continue;
		/* 'default OLD' itself: a default that merely mentions OLD in an
		 * expression (SND_SOC_RT5514_SPI_BUILTIN) is no rename */
		for (p = kc_sym_props(c); p; p = kc_prop_next(p))
			if (kc_prop_type(p) == KC_P_DEFAULT && kc_prop_expr(p) &&
			    kc_expr_type(kc_prop_expr(p)) == KC_E_SYMBOL &&
			    kc_expr_sym(kc_prop_expr(p)) == sym)
				return c;
	}
	return NULL;
}

size_t
kc_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	row = kc_xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

size_t
kc_sym_closest(struct kc_tree *tree, const char *name, struct kc_symbol **out, size_t max)
{
	size_t i, j, k, n = kc_tree_nsyms(tree), found = 0, limit, *dist;

	if (!strncmp(name, "CONFIG_", 7))
		name += 7;
	limit = strlen(name) / 3 + 1;
	dist = kc_xcalloc(max ? max : 1, sizeof(*dist));
	for (i = 0; i < n && max; i++) {
		struct kc_symbol *c = kc_tree_sym(tree, i);
		size_t d;

		if (!kc_sym_defined(c) || kc_sym_is_const(c) || !kc_sym_name(c))
			continue;
		d = kc_edit_distance(name, kc_sym_name(c));
		if (d > limit || d == 0)
			continue;
		for (j = 0; j < found && dist[j] <= d; j++)
			;
		if (j == max)
			continue;
		if (found < max)
			found++;
		for (k = found - 1; k > j; k--) {
			out[k] = out[k - 1];
			dist[k] = dist[k - 1];
		}
		out[j] = c;
		dist[j] = d;
	}
	free(dist);
	return found;
}

static void
put_where(struct kc_buf *b, const struct kc_prop *p)
{
	if (kc_prop_file(p))
		kc_buf_printf(b, " (%s:%d)", kc_prop_file(p), kc_prop_line(p));
}

/* The first default whose condition holds is the one Kconfig uses. */
static bool
default_source(struct kc_tree *tree, struct kc_symbol *sym, struct kc_buf *b)
{
	struct kc_prop *p;
	char *s;

	for (p = kc_sym_props(sym); p; p = kc_prop_next(p)) {
		if (kc_prop_type(p) != KC_P_DEFAULT || kc_expr_eval(tree, kc_prop_cond(p)) == KC_N)
			continue;
		s = kc_expr_str(tree, kc_prop_expr(p), true);
		kc_buf_printf(b, "default %s", s);
		free(s);
		if (kc_prop_own_cond(p)) {
			s = kc_expr_str(tree, kc_prop_own_cond(p), true);
			kc_buf_printf(b, " if %s", s);
			free(s);
		}
		put_where(b, p);
		return true;
	}
	return false;
}

/* Every select (or imply) that is in force, "selected by A [=y], B [=m]". */
static bool
reverse_source(struct kc_tree *tree, struct kc_symbol *sym, enum kc_prop_type type,
	       struct kc_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < kc_sym_nselectors(sym); i++) {
		struct kc_prop *p = kc_sym_selector(sym, i);
		struct kc_symbol *o = kc_prop_owner(p);

		if (kc_prop_type(p) != type || !o || kc_sym_tristate(o) == KC_N ||
		    kc_expr_eval(tree, kc_prop_cond(p)) == KC_N)
			continue;
		kc_buf_printf(b, "%s%s [=%s]", n++ ? ", " : type == KC_P_SELECT ? "selected by "
									 : "implied by ",
			      kc_sym_name(o), kc_sym_string(o));
		if (n == 1)
			put_where(b, p);
	}
	return n > 0;
}

static void
hidden_source(struct kc_tree *tree, struct kc_symbol *sym, struct kc_buf *b)
{
	struct kc_expr *dep = kc_sym_dir_dep(sym);
	char *s;

	if (kc_sym_visibility(sym) != KC_N || !dep || kc_expr_eval(tree, dep) != KC_N) {
		kc_buf_puts(b, kc_sym_prompt_text(sym) ? "no default applies" : "no prompt and no default applies");
		return;
	}
	s = kc_expr_str(tree, dep, true);
	kc_buf_printf(b, "depends on %s", s);
	free(s);
}

char *
kc_sym_value_source(struct kc_tree *tree, struct kc_symbol *sym)
{
	struct kc_buf b = { 0 };
	const char *file;
	int line;

	switch (kc_sym_origin(sym)) {
	case KC_FROM_USER:
		file = kc_sym_user_file(sym, &line);
		if (file)
			kc_buf_printf(&b, "set in the config (%s:%d)", file, line);
		else
			kc_buf_puts(&b, "set by the user");
		break;
	case KC_FROM_SELECT:
		if (!reverse_source(tree, sym, KC_P_SELECT, &b))
			kc_buf_puts(&b, "selected");
		break;
	case KC_FROM_IMPLY:
		if (!reverse_source(tree, sym, KC_P_IMPLY, &b))
			kc_buf_puts(&b, "implied");
		break;
	case KC_FROM_CHOICE:
		kc_buf_puts(&b, kc_sym_tristate(sym) == KC_N ? "another member of its choice is selected"
							     : "its choice's default member");
		break;
	case KC_FROM_RANGE:
		kc_buf_puts(&b, "clamped into its range");
		break;
	case KC_FROM_DEFAULT:
		if (default_source(tree, sym, &b))
			break;
		/* fall through */
	default:
		hidden_source(tree, sym, &b);
	}
	return kc_buf_steal(&b);
}
