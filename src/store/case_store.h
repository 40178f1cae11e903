/* case_store.h - SQL for cases, their journal and tasks, the queues, and
 * the small lookups case entry needs (a number to an id, who owns an item).
 *
 * Contract: lookups return -1 error / 0 none / 1 found and fill an owned
 * out-struct (the caller calls its *_fini()); writes return 0 / -1 with err
 * and run in the caller's transaction (domain/case.c opens one per
 * operation).  Rules (legal transitions, required fields, membership) are
 * checked by the domain first; the schema's triggers are only a backstop. */
#ifndef CSM_STORE_CASE_STORE_H
#define CSM_STORE_CASE_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/case.h"
#include "model/page.h"
#include "store/store.h"

/* What a case refers to, by the key users type. */
enum case_ref {
	CASE_REF_ACCOUNT,      /* account number ACCT... */
	CASE_REF_CONTACT,      /* contact number CT... */
	CASE_REF_CONSUMER,     /* consumer number CON... */
	CASE_REF_HOUSEHOLD,    /* household number HOLD... */
	CASE_REF_SERVICE_ORG,  /* service organization number SO... */
	CASE_REF_USER,         /* user login */
	CASE_REF_PRODUCT,      /* product model number */
	CASE_REF_ASSET,        /* asset tag */
	CASE_REF_ITEM,         /* install base item number IB... */
	CASE_REF_SOLD_PRODUCT, /* sold product number SP... */
	CASE_REF_CONTRACT,     /* contract number CNTR... */
	CASE_REF_GROUP,        /* assignment group name */
	CASE_REF_CASE,         /* case number CS... */
	CASE_REF_COUNT
};

/* "account", "contact", ... "install base item": for messages. */
const char *store_case_ref_name(enum case_ref kind);

/* Finds the id of a record by its key (exact match).  Returns 1 with *id,
 * 0 when there is none, -1 on error. */
int store_case_ref_id(struct store *s, enum case_ref kind, const char *key, int64_t *id,
		      struct csm_error *err);

/* Who owns a record a case may refer to (contact, item, sold product,
 * contract, asset) and whether it may be used for a new case. */
struct case_owner {
	int64_t account_id;     /* owning account, or 0 */
	int64_t consumer_id;    /* owning consumer, or 0 */
	int64_t household_id;   /* owning household, or 0 */
	int64_t service_org_id; /* owning service organization, or 0 */
	bool usable;            /* item: not inactive; sold product, asset: active / not
				   retired; contract: active; contact: active */
	char state[24];         /* the record's state or status word, "" when it has none */
	int64_t product_id;     /* item, sold product, asset: its product, or 0 */
	int64_t asset_id;       /* item: its asset, or 0 */
};
/* kind is one of CASE_REF_CONTACT, _ITEM, _SOLD_PRODUCT, _CONTRACT, _ASSET.
 * Returns 1 with *out, 0 when the id does not exist, -1 on error. */
int store_case_owner_of(struct store *s, enum case_ref kind, int64_t id, struct case_owner *out,
			struct csm_error *err);

/* 1 when the consumer is a current member of the household today, 0 when
 * not, -1 on error. */
int store_case_household_member(struct store *s, int64_t household_id, int64_t consumer_id,
				struct csm_error *err);
/* 1 when the user holds the role ("admin", "manager", ...), 0, or -1. */
int store_case_user_has_role(struct store *s, int64_t user_id, const char *role,
			     struct csm_error *err);
/* 1 when the resolution code exists, 0 when not, -1 on error. */
int store_case_resolution_code_exists(struct store *s, const char *code, struct csm_error *err);
/* The known resolution codes, comma separated (owned; "" when none), for
 * messages.  NULL on error. */
char *store_case_resolution_codes_dup(struct store *s, struct csm_error *err);
/* 1 when the category exists in case_category, 0 when not, -1 on error. */
int store_case_category_exists(struct store *s, const char *category, struct csm_error *err);

/* Inserts a case: c->number must be set (store_next_number(REC_CASE)); the
 * customer, references and state come from c.  Sets c->id, opened_at,
 * updated_at and version.  Returns 0 or -1 with err. */
int store_case_insert(struct store *s, struct case_record *c, struct csm_error *err);

/* Reads a case with the numbers and names it refers to.  Returns 1 with
 * *out (call case_record_fini()), 0 when there is none, -1 on error. */
int store_case_get(struct store *s, int64_t id, struct case_record *out, struct csm_error *err);
int store_case_get_by_number(struct store *s, const char *number, struct case_record *out,
			     struct csm_error *err);

/* Writes the changeable fields of c (descriptions, state, priority,
 * channel, category, entitlement, assignment, resolution, closing,
 * approval) when the stored version is still expected_version; the
 * version goes up by one and updated_at is stamped.  Returns 1 when
 * written, 0 when the case changed since (stale), -1 on error. */
int store_case_update(struct store *s, const struct case_record *c, int64_t expected_version,
		      struct csm_error *err);

/* Appends a journal entry written by the acting user (author_id may be 0).
 * Returns 0 or -1 with err. */
int store_case_journal_add(struct store *s, int64_t case_id, enum case_journal_kind kind,
			   const char *body, int64_t author_id, struct csm_error *err);
/* One page of a case's journal, oldest first or newest first; the page key
 * is an entry's created_at and id.  Appends to out (out->more says whether
 * another page follows).  Returns 0 or -1 with err. */
int store_case_journal_list(struct store *s, int64_t case_id, bool newest_first,
			    const struct page_req *page, struct case_journal_list *out,
			    struct csm_error *err);

/* Inserts a task (t->number set by the caller); sets t->id.  0 or -1. */
int store_case_task_insert(struct store *s, struct case_task *t, struct csm_error *err);
/* Reads a task by number.  1 found, 0 none, -1 error. */
int store_case_task_get_by_number(struct store *s, const char *number, struct case_task *out,
				  struct csm_error *err);
/* Sets a task's state; closing or canceling stamps closed_at.  0 or -1. */
int store_case_task_set_state(struct store *s, int64_t task_id, enum case_task_state st,
			      struct csm_error *err);
/* Every task of a case, oldest first, appended to out.  0 or -1. */
int store_case_task_list(struct store *s, int64_t case_id, struct case_task_list *out,
			 struct csm_error *err);

/* One page of a queue (see struct case_query), with customer, group and
 * assignee names; page->after_key is case_sort_key() of the last row seen
 * under q->sort and page->after_id its id.  Appends to out; out->more says
 * whether another page follows.  With q->reverse the rows before the key
 * come (from the end when the key is NULL), nearest first, so that a list
 * can page back up.  Returns 0 or -1 with err. */
int store_case_list(struct store *s, const struct case_query *q, const struct page_req *page,
		    struct case_list *out, struct csm_error *err);

#endif
