/* incr.h - checkpoints of a tree's values and the incremental evaluator's self-check; for users of libkconfig. */
#ifndef KEXPLORE_INCR_H
#define KEXPLORE_INCR_H

#include <stdbool.h>
#include <stddef.h>

#include "kexplore/kconfig.h"

/*
 * Changing a value (kc_sym_set_*, kc_sym_unset, kc_user_state_restore)
 * re-evaluates only the symbols that read it, directly or not. Checkpoints
 * make "try, look, undo" cost that cone: changes made through those calls
 * after kc_checkpoint() are undone by kc_rollback(). Other changes of user
 * values (reading a config) are not logged: save them with
 * kc_user_state_save() instead. Checkpoints nest.
 */

/* kc_checkpoint - open a checkpoint; returns its handle for kc_rollback/_release. */
size_t kc_checkpoint(struct kc_tree *t);
/* kc_rollback - undo every change since checkpoint cp and close it. */
void kc_rollback(struct kc_tree *t, size_t cp);
/* kc_checkpoint_release - close checkpoint cp, keeping the changes. */
void kc_checkpoint_release(struct kc_tree *t, size_t cp);

/*
 * kc_incr_verify - compute every symbol as it stands, then again from nothing
 * (a full evaluation), and compare. Returns NULL when they agree, else the
 * name of the first symbol that differs ("<choice>" for a choice); borrowed.
 * The tree's computed state is put back as it was (lazy parts included), so
 * checking after every step does not hide what a later step would see.
 * Trees before 6.11 are always evaluated in full: NULL.
 */
const char *kc_incr_verify(struct kc_tree *t);
/* kc_incr_set_check - debug mode: verify after every change and rollback; a
 * difference becomes a KC_ERROR diagnostic. The environment variable
 * KEXPLORE_INCR_CHECK=1 turns it on for every tree. */
void kc_incr_set_check(struct kc_tree *t, bool on);
/* kc_incr_stats - edges of the index, symbols invalidated so far, whole-tree invalidations in checkpoints. */
void kc_incr_stats(struct kc_tree *t, size_t *nedges, size_t *ncone, size_t *nfull);
/* kc_incr_bytes - the memory the index takes (built now if it was not), without the undo log
 * and the memo of updates, which live only while checkpoints are used. */
size_t kc_incr_bytes(struct kc_tree *t);
/* kc_incr_cone_size - how many symbols a change of s invalidates (s included). */
size_t kc_incr_cone_size(struct kc_tree *t, struct kc_symbol *s);

#endif /* KEXPLORE_INCR_H */
