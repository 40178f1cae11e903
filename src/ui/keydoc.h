/* keydoc.h - the console's keys as a man page section.
 *
 * man/csm.1's SCREENS AND KEYS section is generated from the same binding
 * table as the help screen, so the two cannot drift apart: a unit test
 * (tests/unit/test_ui_manpage.c) compares them and can rewrite the man
 * page (run it with --write after changing keys). */
#ifndef CSM_UI_KEYDOC_H
#define CSM_UI_KEYDOC_H

/* Returns the roff text of the section's body (owned): one subsection per
 * keymap, one tagged paragraph per action with its keys and help. */
char *keydoc_roff_new(void);

#endif
