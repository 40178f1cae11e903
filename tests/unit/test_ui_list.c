/* test_ui_list.c - the list widget over a paged source keeps a bounded
 * window; display widths of UTF-8 text; the one-line editor. */
#include "helpers.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/list.h"
#include "ui/textline.h"
#include "util/utf8.h"

/* A source of `total` rows with ids 1..total, counting what it serves. */
struct counting {
	int64_t total;   /* rows in the "table" */
	size_t fetches;  /* calls to fetch */
	size_t served;   /* rows handed out */
	size_t max_limit;/* largest page asked for */
};

static int counting_fetch(void *ctx, const struct list_row *anchor, int dir, size_t limit,
			  struct list_rows *out, struct csm_error *err)
{
	struct counting *c = ctx;
	(void)err;

	c->fetches++;
	if (limit > c->max_limit)
		c->max_limit = limit;
	if (dir > 0)
		for (int64_t id = anchor ? anchor->id + 1 : 1; id <= c->total && out->n < limit; id++)
			list_rows_push(out, id, NULL, NULL);
	else
		for (int64_t id = anchor ? anchor->id - 1 : c->total; id >= 1 && out->n < limit; id--)
			list_rows_push(out, id, NULL, NULL);
	c->served += out->n;
	return 0;
}

static const struct list_source counting_source = {counting_fetch, NULL};

static void test_list_pages_and_keeps_memory_flat(void **state)
{
	struct counting c = {.total = 1000000};
	struct list l;
	size_t max_n = 0;
	(void)state;

	list_init(&l, &counting_source, &c);
	list_set_area(&l, 3, 20);
	assert_int_equal(list_reload(&l), 0);
	assert_int_equal(list_selected(&l)->id, 1);
	assert_true(l.n < 100);
	/* Page down through 5000 rows: the window stays bounded. */
	for (int i = 0; i < 250; i++) {
		list_handle(&l, ACT_PAGE_DOWN, NULL);
		if (l.n > max_n)
			max_n = l.n;
	}
	assert_int_equal(list_selected(&l)->id, 1 + 250 * 20);
	assert_true(max_n <= list_window_rows(20) + 20);
	assert_true(l.more_before);
	/* Selection visible, ids contiguous in the window. */
	assert_true(l.sel >= l.top && l.sel < l.top + 20);
	for (size_t i = 1; i < l.n; i++)
		assert_int_equal(l.rows[i].id, l.rows[i - 1].id + 1);
	/* Back up past the window's start: earlier pages load again. */
	for (int i = 0; i < 10; i++)
		list_handle(&l, ACT_PAGE_UP, NULL);
	assert_int_equal(list_selected(&l)->id, 1 + 240 * 20);
	/* End loads only the last page, not everything in between. */
	c.served = 0;
	list_handle(&l, ACT_LAST, NULL);
	assert_int_equal(list_selected(&l)->id, 1000000);
	assert_true(c.served <= 20);
	list_handle(&l, ACT_DOWN, NULL);
	assert_int_equal(list_selected(&l)->id, 1000000);
	list_handle(&l, ACT_FIRST, NULL);
	assert_int_equal(list_selected(&l)->id, 1);
	list_handle(&l, ACT_UP, NULL);
	assert_int_equal(list_selected(&l)->id, 1);
	list_fini(&l);
}

static void test_list_empty_and_small(void **state)
{
	size_t n = 0;
	struct list l;
	struct key_event click = {.mouse_y = 5, .mouse_click = true};
	(void)state;

	list_init(&l, &list_array_source, &n);
	list_set_area(&l, 3, 10);
	list_reload(&l);
	assert_null(list_selected(&l));
	list_handle(&l, ACT_DOWN, NULL);
	assert_null(list_selected(&l));
	n = 4;
	list_reload(&l);
	list_handle(&l, ACT_PAGE_DOWN, NULL);
	assert_int_equal(list_selected(&l)->id, 3);
	/* A click selects the row under the mouse (row 5 = third row). */
	assert_true(list_handle(&l, ACT_MOUSE, &click));
	assert_int_equal(list_selected(&l)->id, 2);
	list_fini(&l);
}

static void test_view_only_scrolls(void **state)
{
	size_t n = 30;
	struct list l;
	(void)state;

	list_init(&l, &list_array_source, &n);
	l.view_only = true;
	list_set_area(&l, 0, 10);
	list_reload(&l);
	list_handle(&l, ACT_DOWN, NULL);
	assert_int_equal(l.rows[l.top].id, 1);
	list_handle(&l, ACT_LAST, NULL);
	assert_int_equal(l.rows[l.top].id, 20); /* the last page, full */
	assert_int_equal(l.sel, l.top);
	list_handle(&l, ACT_PAGE_DOWN, NULL);
	assert_int_equal(l.rows[l.top].id, 20);
	list_handle(&l, ACT_PAGE_UP, NULL);
	assert_int_equal(l.rows[l.top].id, 10);
	list_handle(&l, ACT_FIRST, NULL);
	assert_int_equal(l.rows[l.top].id, 0);
	list_fini(&l);
}

static void test_utf8_widths(void **state)
{
	int used;
	(void)state;

	assert_int_equal(utf8_width(NULL), 0);
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("Acme"), 4);
	assert_int_equal(utf8_width("T\xc3\xa9l\xc3\xa9" "com"), 7);      /* Télécom */
	assert_int_equal(utf8_width("\xe5\x8c\x97\xe4\xba\xac"), 4);      /* 北京 */
	assert_int_equal(utf8_width("Zoe\xcc\x88"), 3);                  /* Zoë, combining */
	assert_int_equal(utf8_width("a\x01" "b"), 3);                     /* control: 1 column */
	assert_int_equal(utf8_width("\xff"), 1);                          /* invalid byte */
	/* A wide character never splits; combining marks stay with their base. */
	assert_int_equal(utf8_fit("\xe5\x8c\x97\xe4\xba\xac", 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(utf8_fit("Zoe\xcc\x88!", 3, &used), 5);
	assert_int_equal(used, 3);
	assert_int_equal(utf8_fit("abc", 10, &used), 3);
	assert_int_equal(utf8_prev("a\xc3\xa9", 3), 1);
	assert_int_equal(utf8_next("a\xc3\xa9", 1), 3);
	assert_int_equal(utf8_next("a", 1), 1);
	assert_int_equal(utf8_prev("a", 0), 0);
}

static void test_textline(void **state)
{
	struct textline t;
	bool changed;
	(void)state;

	textline_init(&t);
	t.max = 4;
	for (const char *p = "abcde"; *p; p++)
		textline_handle(&t, ACT_INSERT, &(struct key_event){.key = (unsigned char)*p}, NULL);
	assert_string_equal(textline_get(&t), "abcd"); /* too long: refused */
	assert_true(textline_handle(&t, ACT_LEFT, NULL, &changed));
	assert_false(changed);
	assert_true(textline_handle(&t, ACT_DELETE, NULL, &changed));
	assert_true(changed);
	assert_string_equal(textline_get(&t), "abc");
	assert_false(textline_handle(&t, ACT_OPEN, NULL, &changed));
	textline_set(&t, "\xc3\xa9");
	assert_int_equal(textline_cursor_col(&t), 1);
	textline_handle(&t, ACT_DELETE_BACK, NULL, &changed);
	assert_string_equal(textline_get(&t), "");
	textline_handle(&t, ACT_DELETE_BACK, NULL, &changed);
	assert_false(changed);
	textline_fini(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_pages_and_keeps_memory_flat),
		cmocka_unit_test(test_list_empty_and_small),
		cmocka_unit_test(test_view_only_scrolls),
		cmocka_unit_test(test_utf8_widths),
		cmocka_unit_test(test_textline),
	};
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
