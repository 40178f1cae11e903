/* ui.h - the console: a stack of screens over one store.
 *
 * ui_run() is what `csm` and `csm --demo` call.  The rest is what screens
 * use (open other screens, report messages) and what the unit tests use to
 * drive screens without a terminal: ui_new() builds a console that never
 * touches the terminal, ui_dispatch_key() feeds it keys. */
#ifndef CSM_UI_UI_H
#define CSM_UI_UI_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "store/search.h"
#include "store/store.h"
#include "ui/keymap.h"
#include "util/error.h"

struct ui;
struct screen;
struct screen_ops;
struct screen_arg;

/* Runs the console on s until the user quits or a signal (INT, TERM, HUP)
 * arrives; the terminal is restored in every case.  A bad ui.keys entry is
 * reported before the terminal is touched.  Returns 0 after quit, 128+N
 * after signal N, or -1 with err set (err->code CSM_EX_CONFIG for config
 * errors). */
int ui_run(struct store *s, const struct csm_config *cfg, const char *db_path,
	   struct csm_error *err);

/* A console without a terminal (for ui_run() and tests): keymap with the
 * config's ui.keys applied, the home screen open.  s, cfg and db_path are
 * borrowed.  Returns the owned console or NULL with err set. */
struct ui *ui_new(struct store *s, const struct csm_config *cfg, const char *db_path,
		  struct csm_error *err);
void ui_free(struct ui **ui);

/* When the acting login has no active user, replaces every screen by one
 * that says so and whom to ask (screens/denied.h): such a login gets no
 * data, not even the lookup.  ui_run() calls it after ui_new().  Returns
 * true when it did. */
bool ui_deny_non_user(struct ui *ui);

/* Drafts (drafts.c).  ui_drafts_save() writes a draft of every screen
 * with unsaved changes that can keep one (screen_ops.draft_save), for
 * ui_run() on its way out after a signal.  Returns how many it wrote, or
 * -1 with err set when one could not be written. */
int ui_drafts_save(struct ui *ui, struct csm_error *err);
/* On the start screen: finds the drafts of this database and asks about
 * the first ("Restore the unsaved case draft from ...? y/n"); the answer
 * comes through ui_dispatch_key().  Does nothing elsewhere. */
void ui_drafts_offer(struct ui *ui);

/* Resolves a key to an action for the top screen (or the command line)
 * and runs it, as the terminal loop does for each key. */
void ui_dispatch_key(struct ui *ui, const struct key_event *ev);
/* Runs the top screen's deferred work (update()) if it has any. */
void ui_idle(struct ui *ui);
/* Tells every screen on the stack the new body size. */
void ui_layout(struct ui *ui, int rows, int cols);

/* Opens a screen on top of the stack.  On failure the error is shown in
 * the status line and -1 returned. */
int ui_push(struct ui *ui, const struct screen_ops *ops, const struct screen_arg *arg);
/* Closes the top screen (never the home screen); no questions asked. */
void ui_pop(struct ui *ui);
/* The top screen and the number of open screens. */
struct screen *ui_top(const struct ui *ui);
int ui_depth(const struct ui *ui);
/* True once the console should stop (quit confirmed or :q). */
bool ui_quitting(const struct ui *ui);

/* Opens the screen registered for a record kind (registry.c), or says in
 * the status line that there is none yet.  number may be NULL. */
void ui_open_record(struct ui *ui, enum search_kind kind, int64_t id, const char *number);
/* Opens the screen that creates a record of kind, or says there is none. */
void ui_create_record(struct ui *ui, enum search_kind kind);
/* The record kind a new customer is in this business model (account in
 * b2b and b2b2c, consumer in b2c). */
enum search_kind ui_customer_kind(const struct ui *ui);

/* Runs a command-line command (without the ':'): a record number, a
 * screen name, "q"/"quit", "help".  Problems go to the status line. */
void ui_command(struct ui *ui, const char *cmd);

/* Shows a message / an error in the status line until the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The current message ("" when none) and whether it is an error. */
const char *ui_message_text(const struct ui *ui, bool *is_error);
/* The yes/no question waiting in the status line, or NULL (borrowed). */
const char *ui_question_text(const struct ui *ui);

/* What screens work with (borrowed). */
struct store *ui_store(const struct ui *ui);
const struct csm_config *ui_config(const struct ui *ui);
const struct keymap *ui_keymap(const struct ui *ui);

#endif
