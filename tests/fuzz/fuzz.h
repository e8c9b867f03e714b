/* fuzz.h - the libFuzzer entry point and helpers shared by the targets in tests/fuzz/ and replay.c. */
#ifndef KEXPLORE_FUZZ_H
#define KEXPLORE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Each fuzz-*.c defines this; libFuzzer or replay.c calls it once per input. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_workdir - a private temp folder made on first use and removed at exit. */
const char *fuzz_workdir(void);

/* fuzz_write - write @len bytes to @dir/@rel, making parent folders; false on failure. */
bool fuzz_write(const char *dir, const char *rel, const void *data, size_t len);

/* fuzz_clear - remove everything below @dir, keeping @dir itself. */
void fuzz_clear(const char *dir);

struct kc_tree;
/* fuzz_small_tree - a small fixed tree (every symbol type, a choice, menus), loaded
 * on first use and freed at exit; its user values are whatever the last input left. */
struct kc_tree *fuzz_small_tree(void);

#endif
