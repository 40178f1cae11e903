/* fuzz_search.c - libFuzzer target: the lookup (store_search).
 *
 * The input is what a user types, any bytes (cut at the first NUL, as a C
 * string would be), looked up over every kind in a small seeded database.
 * User text is quoted for FTS5, so no input may make the query fail: an
 * error is a bug as much as a crash is. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "store/search.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = fuzz_store();
	char *text = xstrndup((const char *)data, size);
	struct search_result r = {0};
	struct csm_error err = {0};
	/* the first byte also picks the kinds and the limit, so that those
	 * paths are explored too; the whole input is still the query */
	unsigned mask = size ? (data[0] & SEARCH_ALL_KINDS) : 0;
	size_t limit = size ? 1 + data[size - 1] % 50 : 10;

	if (!mask)
		mask = SEARCH_ALL_KINDS;
	if (store_search(s, text, mask, limit, &r, &err) < 0) {
		fprintf(stderr, "fuzz_search: lookup failed: %s\n", err.msg);
		abort();
	}
	if (r.n > limit)
		abort();
	for (size_t i = 0; i < r.n; i++)
		if (!(mask & SEARCH_KIND_BIT(r.hits[i].kind)) || r.hits[i].id <= 0 || !r.hits[i].number)
			abort();
	search_result_fini(&r);
	free(text);
	return 0;
}
