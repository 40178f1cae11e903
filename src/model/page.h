/* page.h - keyset pagination, shared by every list in the store.
 *
 * Lists never load a whole table: a page is `limit` rows after the last row
 * the caller has seen, identified by that row's sort key and id (the id
 * breaks ties).  The first page has after_key NULL and after_id 0. */
#ifndef CSM_MODEL_PAGE_H
#define CSM_MODEL_PAGE_H

#include <stddef.h>
#include <stdint.h>

struct page_req {
	const char *after_key; /* sort key of the last row seen (borrowed), NULL = start */
	int64_t after_id;      /* id of the last row seen, 0 = start */
	size_t limit;          /* rows wanted; 0 means the default of 50 */
};

#define PAGE_DEFAULT_LIMIT 50

static inline size_t page_limit(const struct page_req *p)
{
	return p && p->limit ? p->limit : PAGE_DEFAULT_LIMIT;
}

#endif
