/* utf8.c - display width of UTF-8 text (see utf8.h). */
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/xalloc.h"

/* Decodes one character at s; returns its length in bytes (at least 1) and
 * its width in *w (1 for invalid bytes and control characters). */
static size_t step(const char *s, size_t left, int *w)
{
	mbstate_t ps = {0};
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, left, &ps);

	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	*w = wcwidth(wc);
	if (*w < 0)
		*w = 1;
	return n;
}

int utf8_width(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	int total = 0;

	for (size_t i = 0; i < len;) {
		int w;
		i += step(s + i, len - i, &w);
		total += w;
	}
	return total;
}

size_t utf8_fit(const char *s, int cols, int *used)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	int total = 0;

	while (i < len) {
		int w;
		size_t n = step(s + i, len - i, &w);
		if (total + w > cols)
			break;
		total += w;
		i += n;
	}
	if (used)
		*used = total;
	return i;
}

size_t utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	pos--;
	while (pos > 0 && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos--;
	return pos;
}

size_t utf8_next(const char *s, size_t pos)
{
	if (!s[pos])
		return pos;
	pos++;
	while (s[pos] && ((unsigned char)s[pos] & 0xC0) == 0x80)
		pos++;
	return pos;
}

size_t utf8_encode(unsigned cp, char *out)
{
	size_t n;

	if (cp < 0x80) {
		out[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return out[0] = '\0', 0;
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else if (cp <= 0x10FFFF) {
		out[0] = (char)(0xF0 | (cp >> 18));
		out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	} else {
		return out[0] = '\0', 0;
	}
	out[n] = '\0';
	return n;
}

char *utf8_cut_dup(const char *s, int cols)
{
	size_t fit;

	if (!s)
		return xstrdup("");
	if (utf8_width(s) <= cols)
		return xstrdup(s);
	fit = utf8_fit(s, cols > 0 ? cols - 1 : 0, NULL);
	return xasprintf("%.*s…", (int)fit, s);
}

void utf8_put_cell(FILE *f, const char *s, int cols)
{
	char *cell = utf8_cut_dup(s, cols);

	fputs(cell, f);
	for (int w = utf8_width(cell); w < cols; w++)
		fputc(' ', f);
	free(cell);
}
