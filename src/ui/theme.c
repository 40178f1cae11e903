/* theme.c - roles to attributes and colour pairs (see theme.h). */
#include "ui/theme.h"

static attr_t attrs[THEME_ROLE_COUNT]; /* A_NORMAL (0) until theme_init() */
static bool colored;                   /* colour pairs in use */

void theme_init(bool color)
{
	/* Without colour: attributes only. */
	static const attr_t plain[THEME_ROLE_COUNT] = {
		[THEME_NORMAL] = A_NORMAL,
		[THEME_HEADER] = A_REVERSE,
		[THEME_STATUS] = A_NORMAL,
		[THEME_HINT_KEY] = A_REVERSE,
		[THEME_MESSAGE] = A_BOLD,
		[THEME_ERROR] = A_BOLD | A_REVERSE,
		[THEME_SELECTED] = A_REVERSE,
		[THEME_HEADING] = A_BOLD,
		[THEME_KIND] = A_BOLD,
		[THEME_DIM] = A_DIM,
		[THEME_FIELD] = A_UNDERLINE,
	};
	/* With colour: {foreground, background, extra attributes}. */
	static const struct {
		short fg, bg;
		attr_t extra;
	} pairs[THEME_ROLE_COUNT] = {
		[THEME_NORMAL] = {-1, -1, A_NORMAL},
		[THEME_HEADER] = {COLOR_WHITE, COLOR_BLUE, A_BOLD},
		[THEME_STATUS] = {-1, -1, A_NORMAL},
		[THEME_HINT_KEY] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL},
		[THEME_MESSAGE] = {COLOR_GREEN, -1, A_BOLD},
		[THEME_ERROR] = {COLOR_WHITE, COLOR_RED, A_BOLD},
		[THEME_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL},
		[THEME_HEADING] = {COLOR_YELLOW, -1, A_BOLD},
		[THEME_KIND] = {COLOR_CYAN, -1, A_NORMAL},
		[THEME_DIM] = {-1, -1, A_DIM},
		[THEME_FIELD] = {-1, -1, A_UNDERLINE},
	};

	colored = color && has_colors() && start_color() == OK;
	if (colored && use_default_colors() != OK) {
		/* No "default" colour: fall back to white on black. */
		colored = true;
	}
	for (int r = 0; r < THEME_ROLE_COUNT; r++) {
		if (!colored) {
			attrs[r] = plain[r];
			continue;
		}
		if (pairs[r].fg == -1 && pairs[r].bg == -1) {
			attrs[r] = pairs[r].extra;
			continue;
		}
		init_pair((short)(r + 1), pairs[r].fg, pairs[r].bg);
		attrs[r] = COLOR_PAIR(r + 1) | pairs[r].extra;
	}
}

attr_t theme_attr(enum theme_role role)
{
	return role < THEME_ROLE_COUNT ? attrs[role] : A_NORMAL;
}

bool theme_color(void)
{
	return colored;
}
