/* draw.c - fixed-width text cells (see draw.h). */
#include "ui/draw.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/utf8.h"
#include "util/xalloc.h"

void draw_fill(WINDOW *w, int y, int x, int width, attr_t attr)
{
	wattrset(w, attr);
	wmove(w, y, x);
	for (int i = 0; i < width; i++)
		waddch(w, ' ');
	wattrset(w, A_NORMAL);
}

/* Adds the first n bytes of s, showing control and invalid bytes as '?'. */
static void put_bytes(WINDOW *w, const char *s, size_t n)
{
	wchar_t buf[256];
	size_t nb = 0;
	mbstate_t ps = {0};

	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &ps);

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ps, 0, sizeof ps);
			wc = L'?';
			k = 1;
		} else if (wcwidth(wc) < 0) {
			wc = L'?';
		}
		buf[nb++] = wc;
		i += k;
		if (nb == sizeof buf / sizeof buf[0]) {
			waddnwstr(w, buf, (int)nb);
			nb = 0;
		}
	}
	if (nb)
		waddnwstr(w, buf, (int)nb);
}

static int put(WINDOW *w, int y, int x, const char *s, int width, attr_t attr, int pad)
{
	int used = 0;
	size_t n;

	if (width <= 0)
		return x;
	wattrset(w, attr);
	wmove(w, y, x);
	if (s && utf8_width(s) > width) {
		n = utf8_fit(s, width - 1, &used);
		put_bytes(w, s, n);
		waddstr(w, "\xe2\x80\xa6"); /* … */
		used++;
	} else if (s) {
		n = utf8_fit(s, width, &used);
		put_bytes(w, s, n);
	}
	if (pad)
		for (; used < width; used++)
			waddch(w, ' ');
	wattrset(w, A_NORMAL);
	return x + used;
}

int draw_text(WINDOW *w, int y, int x, const char *s, int width, attr_t attr)
{
	return put(w, y, x, s, width, attr, 1);
}

int draw_str(WINDOW *w, int y, int x, const char *s, int width, attr_t attr)
{
	return put(w, y, x, s, width, attr, 0);
}

int draw_wrap(WINDOW *w, int y, int x, const char *s, int width, int max_lines, attr_t attr)
{
	int lines = 0;

	while (s && *s && lines < max_lines && width > 0) {
		size_t fit = utf8_fit(s, width, NULL), cut = fit;
		char *line;

		if (s[fit] && lines < max_lines - 1) {
			/* Break at the last space that fits, if there is one. */
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit;
		} else if (s[fit]) {
			cut = strlen(s); /* last line: draw_str() adds the "…" */
		}
		line = xstrndup(s, cut);
		draw_str(w, y + lines, x, line, width, attr);
		free(line);
		lines++;
		s += cut;
		while (*s == ' ')
			s++;
	}
	return lines;
}
