/* denied.h - the console's home screen for a login without an active user:
 * instead of the lookup it says who you are, that you get no data, and
 * whom to ask.  Only quitting, help and redraw work there; the command line
 * (which could open records by number) answers with the same message. */
#ifndef CSM_UI_SCREENS_DENIED_H
#define CSM_UI_SCREENS_DENIED_H

#include "ui/screen.h"

/* The state is public so that tests can look at the message. */
struct denied_state {
	char msg[1024]; /* "you (LOGIN) are not a user of DB; ask an admin to run ..." */
};

extern const struct screen_ops denied_screen;

#endif
