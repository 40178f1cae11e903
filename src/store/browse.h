/* browse.h - paged reads the console browses that no entity store has:
 * a record's audit trail, the related-party entries that name a party,
 * products by name, and the case categories.
 *
 * Pages are keyset pages in either direction: dir > 0 returns the rows
 * after the page key in list order, dir < 0 the rows before it, nearest
 * first (so in reverse list order).  A NULL key / 0 id is the start (or
 * the end for dir < 0).  Lists append to out; the caller frees them with
 * their *_list_fini().  0 or -1 with err set. */
#ifndef CSM_STORE_BROWSE_H
#define CSM_STORE_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/page.h"
#include "model/party.h"
#include "model/product.h"
#include "store/store.h"

/* One change of one field (or a whole row for insert and delete). */
struct audit_entry {
	int64_t id;       /* audit_log row id: the page key */
	char *at;         /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *actor;      /* login that made the change */
	char *action;     /* insert, update, delete */
	char *field;      /* changed column; NULL for insert and delete */
	char *old_value;  /* before (NULL = empty) */
	char *new_value;  /* after (NULL = empty) */
};

struct audit_list {
	struct audit_entry *items; /* owned, n entries */
	size_t n;
};
void audit_list_fini(struct audit_list *l);

/* The audit trail of one record (table as audit_log names it: "account",
 * "contact", "consumer", "household", "cases", ...), newest first; the
 * page key is the entry id (pg->after_id). */
int store_audit_page(struct store *s, const char *table, int64_t record_id,
		     const struct page_req *pg, int dir, struct audit_list *out,
		     struct csm_error *err);

/* The related-party entries naming a party (contact, consumer, account,
 * user or service organization), by entry id (pg->after_id), with the
 * host's number, the type, responsibility and party names filled. */
int store_related_party_page_of(struct store *s, enum party_kind kind, int64_t party_id,
				const struct page_req *pg, int dir,
				struct related_party_list *out, struct csm_error *err);

/* Owned array of products. */
struct product_list {
	struct product *items; /* owned, n entries */
	size_t n;
};
void product_list_fini(struct product_list *l);

/* Active products whose name or model number contains text (any case;
 * NULL or "" = all), by name then id; pg->after_key is the last name. */
int store_product_page(struct store *s, const char *text, const struct page_req *pg, int dir,
		       struct product_list *out, struct csm_error *err);

/* The case categories by name, as an owned array of owned strings
 * (*names, *n; free each and the array).  0 or -1. */
int store_case_categories(struct store *s, char ***names, size_t *n, struct csm_error *err);

#endif
