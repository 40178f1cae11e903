/* keymap.h - which key does what, in which keymap.
 *
 * A keymap is a name: "global", "edit" (text fields), "prompt" (the :
 * command line), and one per screen (its screen name, e.g. "lookup") plus
 * any extra ones a screen uses for a mode ("query").  The default bindings
 * are one table in keymap.c of {keymap, "key spec", action}; the config's
 * ui.keys replace the keys of an action in a keymap.
 *
 * Key specs are space-separated keys: a character ("q", "?", "é"),
 * "C-x" (control), "F1".."F12", and the names Enter, Esc, Tab, S-Tab,
 * Space, Backspace, Del, Ins, Up, Down, Left, Right, Home, End, PgUp, PgDn.
 *
 * Resolution (ui.c) is: the screen's current keymap, then "edit" when the
 * screen takes text, then "global"; an unbound printable key becomes
 * ACT_INSERT. */
#ifndef CSM_UI_KEYMAP_H
#define CSM_UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "config/config.h"
#include "ui/action.h"
#include "util/error.h"

/* A key: a Unicode code point, or KEYCODE_FN | a curses KEY_* code. */
#define KEYCODE_FN 0x40000000u
#define KEYCODE_ENTER ((unsigned)'\n')
#define KEYCODE_ESC 27u
#define KEYCODE_TAB ((unsigned)'\t')

/* One keystroke or mouse event as the screens receive it. */
struct key_event {
	unsigned key;        /* KEYCODE_* value; for ACT_INSERT the character */
	int mouse_y;         /* ACT_MOUSE: screen row of the event */
	int mouse_x;         /* ACT_MOUSE: screen column */
	int mouse_wheel;     /* ACT_MOUSE: -1 wheel up, +1 wheel down, 0 none */
	bool mouse_click;    /* ACT_MOUSE: button 1 clicked */
	bool mouse_double;   /* ACT_MOUSE: button 1 double-clicked */
};

struct keymap;

/* A new keymap holding the default bindings.  Owned; keymap_free(). */
struct keymap *keymap_new(void);
void keymap_free(struct keymap **km);

/* Applies the config's ui.keys overrides.  Every problem (unknown keymap,
 * unknown action, bad key spec) is collected into err, one line each as
 * "FILE:LINE:COL: ui.keys: ..."; returns 0, or -1 with err->code
 * CSM_EX_CONFIG and nothing applied. */
int keymap_apply_config(struct keymap *km, const struct csm_config *cfg, struct csm_error *err);

/* Replaces the keys of action in keymap with those of spec (they are also
 * unbound from other actions of that keymap).  Returns 0 or -1 with err. */
int keymap_bind(struct keymap *km, const char *keymap, enum action a, const char *spec,
		struct csm_error *err);

/* Finds the action bound to key in one keymap; false when unbound. */
bool keymap_lookup(const struct keymap *km, const char *keymap, unsigned key, enum action *out);

/* Parses a key spec into up to max keys; returns the count, or -1 with a
 * message naming the bad key in err. */
int keymap_parse_spec(const char *spec, unsigned *keys, size_t max, struct csm_error *err);

/* Writes the key's spec name ("C-n", "F5", "Enter", "q") into buf. */
void keymap_key_name(unsigned key, char *buf, size_t size);

/* True when key types a character (a printable code point). */
bool keymap_is_printable(unsigned key);

/* Writes the keys of action a in keymap as a spec ("q Q") into buf; with
 * no_printable, printable keys are left out (for text-input modes).
 * Returns the number of keys written. */
size_t keymap_keys_of(const struct keymap *km, const char *keymap, enum action a,
		      bool no_printable, char *buf, size_t size);

/* Fills out with the distinct actions bound in keymap, in table order;
 * returns how many (at most max). */
size_t keymap_actions(const struct keymap *km, const char *keymap, enum action *out, size_t max);

/* True when name is a keymap: one used by the default table or the name of
 * a registered screen. */
bool keymap_known(const char *name);

/* Fills out with the distinct keymap names that have bindings, in table
 * order (borrowed from km); returns how many (at most max). */
size_t keymap_names(const struct keymap *km, const char **out, size_t max);

#endif
