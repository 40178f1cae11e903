/* bars.c - the header (who, with which roles, which model, which database) and the status
 * line (message, command line, or the key hints of the screen). */
#include "ui/private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/draw.h"
#include "ui/theme.h"
#include "util/utf8.h"

/* The database path with $HOME shown as ~. */
static void short_path(const char *path, char *buf, size_t size)
{
	const char *home = getenv("HOME");
	size_t hl = home ? strlen(home) : 0;

	if (hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/')
		snprintf(buf, size, "~%s", path + hl);
	else
		snprintf(buf, size, "%s", path);
}

/* Keeps the last width columns of s (the file name matters most),
 * marking the cut with "…". */
static const char *tail(const char *s, int width, char *buf, size_t size)
{
	const char *p = s;

	if (utf8_width(s) <= width)
		return s;
	while (*p && utf8_width(p) > width - 1)
		p++;
	while (((unsigned char)*p & 0xC0) == 0x80)
		p++;
	snprintf(buf, size, "\xe2\x80\xa6%.*s", (int)(size > 4 ? size - 4 : 0), p);
	return buf;
}

void bars_draw_header(const struct ui *ui, WINDOW *w, int cols)
{
	const struct screen *top = ui_top(ui);
	char left[128], who[400], path[1024], cut[1024];
	int lw, ww, room;

	snprintf(left, sizeof left, " csm  %s", top ? top->ops->title : "");
	/* who is using csm, with which role(s), on which model */
	snprintf(who, sizeof who, "%s %s  %s", ui->who, ui->roles,
		 config_model_name(ui->cfg->model));
	short_path(ui->db_path ? ui->db_path : store_path(ui->store), path, sizeof path);
	draw_fill(w, 0, 0, cols, theme_attr(THEME_HEADER));
	lw = draw_str(w, 0, 0, left, cols, theme_attr(THEME_HEADER));
	ww = utf8_width(who);
	room = cols - lw - 2;
	if (room >= ww + 12) {
		/* who, model and as much of the path as fits */
		const char *p = tail(path, room - ww - 2, cut, sizeof cut);
		char right[1500];
		snprintf(right, sizeof right, "%s  %s ", who, p);
		draw_str(w, 0, cols - utf8_width(right), right, utf8_width(right),
			 theme_attr(THEME_HEADER));
	} else if (room >= ww + 1) {
		draw_str(w, 0, cols - ww - 1, who, ww, theme_attr(THEME_HEADER));
	}
}

struct hint {
	char key[24];      /* "Enter", "C-n" */
	const char *label; /* "open" */
	bool global;       /* from the global keymap (kept when space is short) */
};

/* Collects the hints of the top screen: its keymap's hinted actions, then
 * the text-editing ones, then the global ones; one per label. */
static size_t collect_hints(const struct ui *ui, struct hint *out, size_t max)
{
	const struct screen *top = ui_top(ui);
	bool text;
	const char *keymaps[3];
	size_t nk = 0, n = 0;

	if (!top)
		return 0;
	keymaps[nk++] = screen_keymap(top, &text);
	if (text)
		keymaps[nk++] = "edit";
	keymaps[nk++] = "global";
	for (size_t m = 0; m < nk; m++) {
		enum action acts[ACT_COUNT];
		size_t na = keymap_actions(ui->keymap, keymaps[m], acts, ACT_COUNT);

		for (size_t i = 0; i < na && n < max; i++) {
			const char *label = action_hint(acts[i]);
			bool dup = false;
			char keys[128];

			if (!*label)
				continue;
			/* Esc and q both leave a screen: hint only "back" there,
			 * and only "quit" on the home screen. */
			if (acts[i] == ACT_BACK && ui->depth <= 1)
				continue;
			if (acts[i] == ACT_CLOSE && ui->depth > 1)
				continue;
			/* Only what the acting user may do now is offered. */
			if (!screen_permits(top, acts[i], NULL, 0))
				continue;
			for (size_t j = 0; j < n; j++)
				dup |= strcmp(out[j].label, label) == 0;
			if (dup || !keymap_keys_of(ui->keymap, keymaps[m], acts[i], text, keys,
						   sizeof keys))
				continue;
			if (strchr(keys, ' '))
				*strchr(keys, ' ') = '\0';
			snprintf(out[n].key, sizeof out[n].key, "%.23s", keys);
			out[n].label = label;
			out[n].global = strcmp(keymaps[m], "global") == 0;
			n++;
		}
	}
	return n;
}

static int hints_width(const struct hint *h, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n; i++)
		w += utf8_width(h[i].key) + 1 + utf8_width(h[i].label) + 2;
	return w;
}

/* Drops screen hints from the end (global ones last) until they fit. */
static size_t fit_hints(struct hint *h, size_t n, int width)
{
	while (n > 0 && hints_width(h, n) > width) {
		size_t drop = n - 1;
		for (size_t i = n; i-- > 0;)
			if (!h[i].global) {
				drop = i;
				break;
			}
		memmove(&h[drop], &h[drop + 1], (n - drop - 1) * sizeof *h);
		n--;
	}
	return n;
}

void bars_hints(const struct ui *ui, char *buf, size_t size, int width)
{
	struct hint h[32];
	size_t n = fit_hints(h, collect_hints(ui, h, 32), width), used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int k = snprintf(buf + used, size - used, "%s%s %s", i ? "  " : "", h[i].key,
				 h[i].label);
		if (k < 0)
			break;
		used += (size_t)k;
	}
}

void bars_draw_status(const struct ui *ui, WINDOW *w, int y, int cols)
{
	draw_fill(w, y, 0, cols, theme_attr(THEME_STATUS));
	if (ui->confirm.active) {
		draw_str(w, y, 0, ui->confirm.question, cols, theme_attr(THEME_MESSAGE));
	} else if (ui->cmd.active) {
		draw_str(w, y, 0, ":", 1, theme_attr(THEME_NORMAL));
		draw_str(w, y, 1, textline_get(&ui->cmd.line), cols - 1, theme_attr(THEME_NORMAL));
	} else if (ui->msg[0]) {
		draw_str(w, y, 0, ui->msg, cols,
			 theme_attr(ui->msg_error ? THEME_ERROR : THEME_MESSAGE));
	} else {
		struct hint h[32];
		size_t n = fit_hints(h, collect_hints(ui, h, 32), cols);
		int x = 0;

		for (size_t i = 0; i < n; i++) {
			x = draw_str(w, y, x, h[i].key, cols - x, theme_attr(THEME_HINT_KEY));
			x = draw_str(w, y, x, " ", cols - x, theme_attr(THEME_STATUS));
			x = draw_str(w, y, x, h[i].label, cols - x, theme_attr(THEME_STATUS));
			x = draw_str(w, y, x, "  ", cols - x, theme_attr(THEME_STATUS));
		}
	}
}
