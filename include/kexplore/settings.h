/* settings.h - kernel settings in the forms users keep them (Kconfig fragment, NixOS structuredExtraConfig, Guix extra-options), read and checked against a tree; for src/ and tests. */
#ifndef KEXPLORE_SETTINGS_H
#define KEXPLORE_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include <kexplore/kconfig.h>

/*
 * Usage:
 *	struct kc_settings *s = kc_settings_new(kc_tree_kernelversion(tree));
 *	kc_settings_parse(s, path, text, len, KC_FORM_AUTO);   (once per file)
 *	kc_settings_apply(s, tree);        (the base config was read first)
 *	for (i = 0; i < kc_settings_n(s); i++) ... kc_settings_get(s, i)
 *	kc_settings_free(s);
 * Nothing here evaluates Nix or Scheme: the parsers read the subset these
 * files are written in (lib.kernel's yes/no/module/freeform/option/unset,
 * mkForce/mkDefault/mkOverride, whenAtLeast/whenOlder/whenBetween, mkIf with
 * a literal condition, mkMerge; Guix alists of ("CONFIG_X" . #t/#f/m/"s"))
 * and record everything else as "not evaluated" with the reason.
 */

enum kc_form { KC_FORM_AUTO, KC_FORM_KCONFIG, KC_FORM_NIX, KC_FORM_GUIX };
/* kc_form_name - "kconfig", "nix", "guix" ("auto" for KC_FORM_AUTO). */
const char *kc_form_name(enum kc_form f);
/* kc_form_parse - by name; KC_FORM_AUTO for an unknown name. */
enum kc_form kc_form_parse(const char *name);

enum kc_verdict {
	KC_V_TAKEN,		/* the written .config has the value the form asks for */
	KC_V_NOT_TAKEN,		/* it has another value, or no line where the form needs one */
	KC_V_UNKNOWN,		/* the tree does not define the symbol (for this arch) */
	KC_V_UNEVALUATED,	/* the parser could not evaluate the setting; see note */
	KC_V_SKIPPED,		/* not a setting for this tree (whenAtLeast ..., unset); see note */
};
/* kc_verdict_name - "taken", "not taken", "unknown symbol", "not evaluated", "skipped". */
const char *kc_verdict_name(enum kc_verdict v);

struct kc_setting {
	const char *name;	/* without CONFIG_ */
	const char *value;	/* "y", "m", "n" or the free-form value (unquoted); NULL when
				 * unevaluated or skipped */
	bool freeform;		/* value is free-form text (nix freeform, guix "string", a
				 * quoted fragment value) rather than y/m/n */
	bool optional;		/* nix 'option': a miss is a warning, not an error */
	bool forced;		/* nix mkForce / mkOverride */
	enum kc_form form;
	const char *file;
	int line;
	const char *note;	/* why unevaluated / skipped, else NULL */
	/* filled by kc_settings_apply */
	enum kc_verdict verdict;
	struct kc_symbol *sym;	/* NULL for an unknown name */
	const char *want_line;	/* the .config line the form feeds conf ("CONFIG_X=y", ...) */
	const char *got;	/* the value in the written .config (strings unquoted); NULL: no line */
	const char *got_line;	/* that line as written, NULL when none */
};

struct kc_settings;

/* kc_settings_new - an empty list; @kernel_version ("6.12.118") decides whenAtLeast & co. */
struct kc_settings *kc_settings_new(const char *kernel_version);
void kc_settings_free(struct kc_settings *s);

/*
 * kc_settings_parse - read one file's settings (@text, @len; @path names it
 * in the settings and diagnostics). KC_FORM_AUTO picks the form from the
 * name (.nix, .scm) or the text. Return KC_OK, or KC_EPARSE when the text is
 * not in the form at all (kc_settings_error() says why, with the line).
 */
enum kc_status kc_settings_parse(struct kc_settings *s, const char *path, const char *text,
				 size_t len, enum kc_form form);
/* kc_settings_error - the last parse error as "file:line: message", or NULL. */
const char *kc_settings_error(const struct kc_settings *s);

size_t kc_settings_n(const struct kc_settings *s);
struct kc_setting *kc_settings_get(const struct kc_settings *s, size_t i);

/*
 * kc_settings_apply - append the settings to the tree's user values in file
 * order, as the distro does (the lines it writes, merged over the config
 * already read; the last one wins), evaluate as olddefconfig, and give each
 * setting its verdict by the form's own rule:
 *   nix     (nixpkgs generate-config.pl) a line must exist and hold the value;
 *   guix    (guix/build/kconfig.scm verify-config) the line must equal the
 *           value, and an #f value is also met by no line;
 *   kconfig the value must be in effect (no line counts as n).
 * Diagnostics of the merge are dropped: the verdicts say it per setting.
 */
void kc_settings_apply(struct kc_settings *s, struct kc_tree *tree);

/* kc_settings_json - every setting with its verdict as JSON (after apply; caller frees). */
char *kc_settings_json(const struct kc_settings *s);

/* kc_compare_versions - as Nix's builtins.compareVersions: -1, 0, 1. */
int kc_compare_versions(const char *a, const char *b);

#endif /* KEXPLORE_SETTINGS_H */
