/* json.h - the one JSON writer (RFC 8259) of kexplore: every --json output, the engine's
 * and the program's, is written through it. For kconfig/, src/ and tests. */
#ifndef KEXPLORE_JSON_H
#define KEXPLORE_JSON_H

#include <stdbool.h>

/* A streaming writer into a growing buffer: commas, colons and (when pretty) line breaks
 * and indentation are placed by the writer, so callers only say what comes next. */
struct kc_json;

/*
 * kc_json_new - a writer. @indent 0 writes compact JSON (no whitespace at all); n > 0
 * puts each member and element on its own line, indented n spaces a level, with ": "
 * after keys (python's json.dumps(indent=n) layout). Free with kc_json_free or take
 * the text with kc_json_steal.
 */
struct kc_json *kc_json_new(int indent);
void kc_json_free(struct kc_json *j);

/* kc_json_text - the text so far (borrowed until the next call on @j). */
const char *kc_json_text(struct kc_json *j);

/* kc_json_clear - forget the text so far, keep the state: to stream a long output out in
 * pieces (kc_json_text, print, kc_json_clear). */
void kc_json_clear(struct kc_json *j);

/* kc_json_steal - the text, with a final newline; the caller frees it. @j is freed. */
char *kc_json_steal(struct kc_json *j);

/* Containers: open an object or array (as a value), close the innermost one. */
void kc_json_obj(struct kc_json *j);
void kc_json_arr(struct kc_json *j);
void kc_json_end(struct kc_json *j);

/* kc_json_key - the name of the next member of the innermost object. */
void kc_json_key(struct kc_json *j, const char *key);

/* Values. kc_json_str writes null for a NULL @s; bytes >= 0x80 are copied as they are
 * (the text is taken to be UTF-8). kc_json_raw inserts @json, an already written JSON
 * value (e.g. kc_plan_json's), without its trailing newlines. */
void kc_json_str(struct kc_json *j, const char *s);
void kc_json_int(struct kc_json *j, long long v);
void kc_json_uint(struct kc_json *j, unsigned long long v);
void kc_json_bool(struct kc_json *j, bool v);
void kc_json_null(struct kc_json *j);
void kc_json_raw(struct kc_json *j, const char *json);

/* Members: kc_json_key then the value, in one call. */
void kc_json_kstr(struct kc_json *j, const char *key, const char *s);
void kc_json_kint(struct kc_json *j, const char *key, long long v);
void kc_json_kuint(struct kc_json *j, const char *key, unsigned long long v);
void kc_json_kbool(struct kc_json *j, const char *key, bool v);
void kc_json_kobj(struct kc_json *j, const char *key);
void kc_json_karr(struct kc_json *j, const char *key);

/*
 * kc_json_quote - @s as one JSON string, quotes included ("null" for NULL): '"' and '\'
 * escaped, \b \f \n \r \t as such, other control characters as \u00XX.
 * Return: a new string, the caller frees it.
 */
char *kc_json_quote(const char *s);

#endif
