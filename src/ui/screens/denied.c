/* denied.c - what a login without an active user sees (denied.h). */
#include "ui/screens/denied.h"

#include <stdio.h>

#include "domain/identity.h"
#include "ui/draw.h"
#include "ui/theme.h"
#include "ui/ui.h"

static int denied_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct denied_state *st = s->state;
	struct store *store = ui_store(s->ui);
	struct identity id = {0};
	struct csm_error why = {0};

	(void)arg;
	if (identity_get(store, &id, err) < 0)
		return -1;
	if (identity_require_user(&id, store_path(store), &why) == 0)
		snprintf(why.msg, sizeof why.msg, "you (%s) are a user of %s", id.login,
			 store_path(store));
	snprintf(st->msg, sizeof st->msg, "%s", why.msg);
	identity_fini(&id);
	return 0;
}

static void denied_layout(struct screen *s, int rows, int cols)
{
	s->rows = rows;
	s->cols = cols;
}

static void denied_draw(const struct screen *s, WINDOW *w)
{
	const struct denied_state *st = s->state;
	int width = s->cols > 4 ? s->cols - 4 : s->cols;
	int n;

	draw_str(w, 1, 2, "No data for you here", width, theme_attr(THEME_ERROR));
	n = draw_wrap(w, 3, 2, st->msg, width, s->rows > 8 ? s->rows - 6 : 2,
		      theme_attr(THEME_NORMAL));
	draw_wrap(w, 4 + n, 2, "csm shows customer data only to its users. Press F10 to quit.",
		  width, 2, theme_attr(THEME_NORMAL));
}

static enum action denied_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	const struct denied_state *st = s->state;

	(void)ev;
	switch (a) {
	case ACT_QUIT:
	case ACT_CLOSE:
	case ACT_BACK:
	case ACT_REDRAW:
		return a;
	case ACT_COMMAND:
	case ACT_HELP:
		/* ":CS0000042" would open a record, and help leads to the
		 * command line: nothing opens here. */
		ui_error(s->ui, "%s", st->msg);
		return ACT_NONE;
	default:
		return ACT_NONE;
	}
}

static const char *denied_keymap(const struct screen *s, bool *text_input)
{
	(void)s;
	*text_input = false;
	return "global";
}

const struct screen_ops denied_screen = {
	.name = "denied",
	.title = "Not a user",
	.flags = SCREEN_HOME,
	.state_size = sizeof(struct denied_state),
	.open = denied_open,
	.layout = denied_layout,
	.draw = denied_draw,
	.handle = denied_handle,
	.keymap = denied_keymap,
};
