/* settings-private.h - the settings list shared by settings.c (apply, verdicts) and settings-parse.c (the readers); kconfig/ only. */
#ifndef KCONFIG_SETTINGS_PRIVATE_H
#define KCONFIG_SETTINGS_PRIVATE_H

#include "kexplore/settings.h"

struct kc_settings {
	struct kc_setting *v;
	size_t n, cap;
	char **owned;		/* every string the settings point to */
	size_t nowned, capowned;
	char *version;		/* the tree's kernel version, for whenAtLeast & co. */
	char *error;		/* last parse error */
};

/* kc_settings_own - keep @str (malloc'd) until kc_settings_free; returns it. */
const char *kc_settings_own(struct kc_settings *s, char *str);
/* kc_settings_add - a new setting of @form at file:line, every other field zero. */
struct kc_setting *kc_settings_add(struct kc_settings *s, const char *name, enum kc_form form,
				   const char *file, int line);
/* kc_settings_set_error - record "file:line: message" as the parse error. */
void kc_settings_set_error(struct kc_settings *s, const char *file, int line, const char *msg);

enum kc_status kc_settings_parse_kconfig(struct kc_settings *s, const char *file, const char *text,
					 size_t len);
enum kc_status kc_settings_parse_nix(struct kc_settings *s, const char *file, const char *text,
				     size_t len);
enum kc_status kc_settings_parse_guix(struct kc_settings *s, const char *file, const char *text,
				      size_t len);

#endif
