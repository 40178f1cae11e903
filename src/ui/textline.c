/* textline.c - a one-line UTF-8 text editor (see textline.h). */
#include "ui/textline.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

void textline_init(struct textline *t)
{
	strbuf_init(&t->text);
	t->cursor = 0;
	t->max = 0;
}

void textline_fini(struct textline *t)
{
	strbuf_fini(&t->text);
	t->cursor = 0;
}

void textline_set(struct textline *t, const char *s)
{
	strbuf_reset(&t->text);
	strbuf_adds(&t->text, s ? s : "");
	t->cursor = t->text.len;
}

const char *textline_get(const struct textline *t)
{
	return t->text.buf;
}

static void delete_range(struct textline *t, size_t from, size_t to)
{
	memmove(t->text.buf + from, t->text.buf + to, t->text.len - to + 1);
	t->text.len -= to - from;
}

static bool insert(struct textline *t, unsigned cp)
{
	char mb[8];
	size_t n = utf8_encode(cp, mb), max = t->max ? t->max : 1024;
	char *tail;

	if (n == 0 || t->text.len + n > max)
		return false;
	tail = xstrdup(t->text.buf + t->cursor);
	t->text.len = t->cursor;
	t->text.buf[t->cursor] = '\0';
	strbuf_add(&t->text, mb, n);
	strbuf_adds(&t->text, tail);
	free(tail);
	t->cursor += n;
	return true;
}

bool textline_handle(struct textline *t, enum action a, const struct key_event *ev,
		     bool *changed)
{
	bool ch = false;

	switch (a) {
	case ACT_INSERT:
		ch = ev && insert(t, ev->key);
		break;
	case ACT_DELETE_BACK:
		if (t->cursor > 0) {
			size_t p = utf8_prev(t->text.buf, t->cursor);
			delete_range(t, p, t->cursor);
			t->cursor = p;
			ch = true;
		}
		break;
	case ACT_DELETE:
		if (t->cursor < t->text.len) {
			delete_range(t, t->cursor, utf8_next(t->text.buf, t->cursor));
			ch = true;
		}
		break;
	case ACT_LEFT:
		t->cursor = utf8_prev(t->text.buf, t->cursor);
		break;
	case ACT_RIGHT:
		t->cursor = utf8_next(t->text.buf, t->cursor);
		break;
	case ACT_LINE_START:
		t->cursor = 0;
		break;
	case ACT_LINE_END:
		t->cursor = t->text.len;
		break;
	case ACT_CLEAR:
		ch = t->text.len > 0;
		strbuf_reset(&t->text);
		t->cursor = 0;
		break;
	default:
		return false;
	}
	if (changed)
		*changed = ch;
	return true;
}

int textline_cursor_col(const struct textline *t)
{
	char *head = xstrndup(t->text.buf, t->cursor);
	int w = utf8_width(head);

	free(head);
	return w;
}
