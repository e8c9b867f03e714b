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
 * Probes, for "try, look, undo" that stops at the first unwanted change: a probe sees each
 * symbol whose value an update changed (NULL: the whole tree was recomputed); when it
 * returns false the update stops, kc_incr_rejected() is true and the tree waits for
 * kc_rollback. NULL @probe: none.
 */
void kc_incr_set_probe(struct kc_tree *t, bool (*probe)(struct kc_symbol *, void *), void *arg);
bool kc_incr_rejected(const struct kc_tree *t);
/*
 * kc_sym_put_user - give @sym back a user value it had from a config, @value (NULL: none;
 * no check, as reading a config does), and when @order is not NULL give its choice the member
 * priorities @order (as many as kc_choice_order() lists); then one update for both, so that
 * a member and its choice are recomputed together and a probe sees only the end state.
 * Logged for kc_rollback.
 */
void kc_sym_put_user(struct kc_symbol *sym, const char *value, struct kc_symbol *const *order);

/*
 * Before 6.11 a choice has a user state of its own (set or not, its value, the member chosen),
 * which reading a config builds member line by member line, and which computing the choice can
 * take away (conf's next pass then goes without it; the tree remembers it was "lost"). For tries
 * that rebuild the state a read of other lines would give (mindiff).
 */
struct kc_choice_user {
	struct kc_symbol *cs;		/* the choice symbol */
	bool set;			/* has a user value */
	enum kc_tristate tri;
	struct kc_symbol *sel;		/* the member the config chose, or NULL */
};
/* kc_choice_users - every choice symbol of a tree before 6.11 with its user state; a choice
 * that took its user value away while computed counts as set (as read); with @lost_only just
 * those. A heap array of *@n the caller frees; NULL (*@n 0) from 6.11 on or when none. */
struct kc_choice_user *kc_choice_users(struct kc_tree *t, bool lost_only, size_t *n);
/* kc_choice_user_get - @cs's user state, as read (a lost user value counts as set). */
void kc_choice_user_get(struct kc_symbol *cs, struct kc_choice_user *out);
/* kc_choice_user_lost - @cs took its user value away while last computed (as read, it had it). */
bool kc_choice_user_lost(const struct kc_symbol *cs);
/* kc_choice_user_put - give c->cs that user state when it differs, logged for kc_rollback;
 * no update: the next change (kc_sym_put_user, kc_choice_users_changed) recomputes it. */
void kc_choice_user_put(const struct kc_choice_user *c);
/* kc_choice_users_changed - one update for the choices of @c (after kc_choice_user_put). */
void kc_choice_users_changed(struct kc_tree *t, const struct kc_choice_user *c, size_t n);
/* kc_sym_choice_sym - before 6.11, the choice symbol of the member @sym (what reading its line
 * sets); NULL for a symbol that is no choice value. */
struct kc_symbol *kc_sym_choice_sym(const struct kc_symbol *sym);

/*
 * kc_incr_verify - compute every symbol as it stands, then again from nothing
 * (a full evaluation), and compare. Returns NULL when they agree, else the
 * name of the first symbol that differs ("<choice>" for a choice); borrowed.
 * The tree's computed state is put back as it was (lazy parts included), so
 * checking after every step does not hide what a later step would see.
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
