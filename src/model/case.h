/* case.h - a case (`case` is a C keyword, so the struct is case_record),
 * its states and the state machine as data.
 *
 * The state machine is one table of actions (case_actions[]): each has a
 * name, the states it starts from, the state it leads to, the fields it
 * needs and who typically does it.  The domain, the CLI, the console and the
 * tests all ask this table; the schema's case_transition table is the
 * database's own backstop and the test checks that the two agree.
 * No SQL here. */
#ifndef CSM_MODEL_CASE_H
#define CSM_MODEL_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

enum case_state {
	CASE_NEW,
	CASE_OPEN,
	CASE_AWAITING_INFO,
	CASE_RESOLVED,
	CASE_CLOSED,
	CASE_CANCELED,
	CASE_STATE_COUNT
};

/* A set of states, for an action's from-states. */
#define CASE_STATE_BIT(st) (1u << (st))

enum case_approval {
	CASE_APPROVAL_NOT_REQUESTED,
	CASE_APPROVAL_REQUESTED,
	CASE_APPROVAL_APPROVED,
	CASE_APPROVAL_REJECTED,
	CASE_APPROVAL_COUNT
};

/* Fields an action needs (case_action.needs). */
enum case_action_needs {
	CASE_NEEDS_CODE = 1 << 0,  /* a resolution code (from the resolution_code table) */
	CASE_NEEDS_NOTES = 1 << 1, /* resolution notes, not blank */
};

/* One action of the state machine. */
struct case_action {
	const char *name;   /* "propose_solution": what the CLI and the journal say */
	const char *alias;  /* another accepted name ("resolve"), or NULL */
	const char *label;  /* "Propose solution": for menus */
	unsigned from;      /* CASE_STATE_BIT()s of the states it may start from */
	enum case_state to; /* the state it leads to */
	unsigned needs;     /* CASE_NEEDS_* */
	const char *who;    /* who typically does it: "agent" or "customer" */
	const char *help;   /* one line for help screens */
};

/* The action table, in the order menus show it. */
extern const struct case_action case_actions[];
extern const size_t case_action_count;

/* "new", "open", "awaiting_info", ...: the stored name. */
const char *case_state_name(enum case_state st);
/* "new", "open", "awaiting info", ...: what people read. */
const char *case_state_label(enum case_state st);
/* Parses a stored name; also takes "awaiting-info" and "awaiting info".
 * Returns 0, or -1 when s is not a state. */
int case_state_parse(const char *s, enum case_state *out);
/* True for closed and canceled: nothing may change any more. */
bool case_state_read_only(enum case_state st);

/* "not_requested", "requested", "approved", "rejected". */
const char *case_approval_name(enum case_approval a);
int case_approval_parse(const char *s, enum case_approval *out);

/* Finds an action by name or alias ('-' and '_' are the same: "request-info").
 * Returns a pointer into case_actions[] or NULL. */
const struct case_action *case_action_find(const char *name);
/* True when the action may start from st. */
bool case_action_allowed(const struct case_action *a, enum case_state st);
/* Writes the names of the actions possible from st, comma separated, into
 * buf ("customer_update, reopen, ..."; empty for closed and canceled).
 * Returns the number of actions. */
size_t case_actions_possible(enum case_state st, char *buf, size_t size);

/* Checks that action `name` may be applied to the case `number` in state st.
 * Returns the action, or NULL with err (CSM_EX_DATAERR) saying the current
 * state and what is possible, e.g. "CS0000042 is awaiting info:
 * 'accept_solution' needs a resolved case (possible: customer_update, ...)". */
const struct case_action *case_action_check(const char *number, enum case_state st,
					    const char *name, struct csm_error *err);

/* Checks the fields the action needs: code and notes may be NULL.  Does not
 * look the code up (the domain does).  Returns 0, or -1 with err. */
int case_action_check_fields(const struct case_action *a, const char *number, const char *code,
			     const char *notes, struct csm_error *err);

/* Priority 1 critical .. 4 low. */
#define CASE_PRIORITY_MIN 1
#define CASE_PRIORITY_MAX 4
/* "critical", "high", "moderate", "low"; "?" out of range. */
const char *case_priority_label(int priority);

/* A case as stored, plus (when read with its names) the numbers and names
 * of what it refers to.  Ids are 0 when unset; strings are owned or NULL. */
struct case_record {
	int64_t id;                 /* row id; 0 before insert */
	char *number;               /* "CS0000042" */
	char *short_description;    /* required, one line */
	char *description;          /* free text */
	enum case_state state;      /* see the state machine */
	int priority;               /* 1 critical .. 4 low */
	char *channel;              /* phone, email, web, chat, walk-in */
	char *category;             /* a case_category name, or NULL */
	int64_t account_id;         /* customer (b2b, b2b2c) */
	int64_t contact_id;         /* a contact of that account */
	int64_t consumer_id;        /* customer (b2c, b2b2c) */
	int64_t household_id;       /* a household the consumer is a current member of */
	int64_t service_org_id;     /* customer: a service organization */
	int64_t requester_id;       /* customer: an internal requester (user) */
	int64_t product_id;         /* product model */
	int64_t asset_id;           /* asset */
	int64_t install_base_item_id; /* install base item (active, the customer's) */
	int64_t sold_product_id;    /* sold product (the customer's) */
	int64_t contract_id;        /* contract */
	int64_t entitlement_id;     /* entitlement that covers the case */
	int64_t group_id;           /* assignment group */
	int64_t assigned_to_id;     /* assignee, a member of the group */
	int64_t opened_by_id;       /* user who opened it; 0 when the actor is no user */
	char *opened_at;            /* "YYYY-MM-DDTHH:MM:SSZ" */
	char *resolution_code;      /* set by propose_solution */
	char *resolution_notes;     /* set by propose_solution or close */
	int64_t resolved_by_id;     /* who proposed the solution */
	char *resolved_at;          /* when */
	int64_t closed_by_id;       /* who closed or canceled it */
	char *closed_at;            /* when */
	enum case_approval approval; /* approval state */
	int64_t approver_id;        /* who is asked to approve, or who decided */
	int64_t version;            /* incremented on every update (optimistic locking) */
	char *updated_at;           /* last update */

	/* Names, filled by reads that join them (NULL otherwise). */
	char *account_number, *account_name;   /* ACCT..., "Acme" */
	char *contact_number, *contact_name;   /* CT..., "Ada Lovelace" */
	char *consumer_number, *consumer_name; /* CON..., "Bob Smith" */
	char *household_number, *household_name; /* HOLD..., "The Smiths" */
	char *service_org_number, *service_org_name; /* SO..., "North branch" */
	char *requester_login;                 /* internal requester */
	char *product_model, *product_name;    /* model number and name */
	char *asset_tag;                       /* asset tag */
	char *item_number, *item_name;         /* IB..., item name */
	char *sold_product_number;             /* SP... */
	char *contract_number;                 /* CNTR... */
	char *entitlement_name;                /* entitlement name */
	char *entitlement_per_unit;            /* "cases", "hours" or NULL */
	int64_t entitlement_remaining;         /* remaining units (-1 when not per unit) */
	char *group_name;                      /* assignment group */
	char *assigned_login;                  /* assignee */
	char *opened_by_login, *resolved_by_login, *closed_by_login, *approver_login;
	int64_t related_parties;               /* related party entries */
};

/* Zeroes c (state new, priority 4, remaining -1). */
void case_record_init(struct case_record *c);
/* Frees what c owns and zeroes it (ready for init again). */
void case_record_fini(struct case_record *c);

/* The customer in one line, from the names: "Acme (ACCT0000001) / Ada
 * Lovelace", "Bob Smith (CON0000003)", ...  Returns an owned string. */
char *case_customer_label(const struct case_record *c);

/* Ways to sort a case list; the page key of a row is case_sort_key(). */
enum case_sort {
	CASE_SORT_PRIORITY, /* priority, then opened_at (oldest first) */
	CASE_SORT_NUMBER,   /* number */
	CASE_SORT_UPDATED,  /* most recently updated first */
	CASE_SORT_OPENED,   /* opened_at, oldest first */
	CASE_SORT_COUNT
};
/* "priority", "number", "updated", "opened". */
const char *case_sort_name(enum case_sort s);
int case_sort_parse(const char *s, enum case_sort *out);
/* The keyset page key of c under sort s (with c->id as the tie breaker):
 * "2|2026-11-22T10:00:00Z", "CS0000042", the update or the opening time.
 * Owned. */
char *case_sort_key(const struct case_record *c, enum case_sort s);

/* The queues of cases an agent works from. */
enum case_queue {
	CASE_QUEUE_MINE,     /* assigned to the acting user */
	CASE_QUEUE_GROUPS,   /* in the groups the acting user is a member of */
	CASE_QUEUE_OPEN,     /* every case that is not closed or canceled */
	CASE_QUEUE_APPROVAL, /* approval requested */
	CASE_QUEUE_ALL,      /* every case, closed and canceled too */
	CASE_QUEUE_COUNT
};
/* "mine", "groups", "open", "approval", "all". */
const char *case_queue_name(enum case_queue q);
int case_queue_parse(const char *s, enum case_queue *out);

/* What a case list asks for.  Zero / negative fields are "any". */
struct case_query {
	enum case_queue queue;   /* which queue */
	int64_t user_id;         /* the acting user (mine, groups); 0 matches nothing there */
	bool unassigned_only;    /* groups queue: only cases nobody is assigned to */
	bool may_decide;         /* only the cases user_id may approve or reject: named as
				    their approver, an admin or manager, or (no approver
				    named) a stakeholder of the case's organization or its
				    own; with the approval queue, "awaiting my approval" */
	int state;               /* an enum case_state, or -1 for the queue's default
				    (not closed or canceled; every state for "all"); with
				    the open queue, a state lists every case in it */
	int priority;            /* 1..4, or 0 */
	int64_t group_id;        /* assignment group, or 0 */
	int64_t account_id;      /* customer filters, or 0 */
	int64_t consumer_id;
	int64_t household_id;
	enum case_sort sort;     /* order and page key */
	bool reverse;            /* walk backwards: the rows before the page key (from the
				    end when it is NULL), nearest first */
};
/* The defaults: queue open, any state of it, sorted by priority. */
void case_query_init(struct case_query *q);

/* A journal entry: customer-visible comment, internal work note, or a
 * system entry (transitions, assignment, approvals). */
enum case_journal_kind { CASE_JOURNAL_COMMENT, CASE_JOURNAL_WORK_NOTE, CASE_JOURNAL_SYSTEM };
/* "comment", "work_note", "system". */
const char *case_journal_kind_name(enum case_journal_kind k);
int case_journal_kind_parse(const char *s, enum case_journal_kind *out);

struct case_journal_entry {
	int64_t id;                 /* row id (page tie breaker) */
	enum case_journal_kind kind;
	char *body;                 /* the text */
	char *author;               /* login of who wrote it */
	char *created_at;           /* when (the page key) */
};

struct case_journal_list {
	struct case_journal_entry *items; /* owned, n entries */
	size_t n;
	bool more;                  /* true when another page follows */
};
void case_journal_list_fini(struct case_journal_list *l);

enum case_task_state { CASE_TASK_OPEN, CASE_TASK_CLOSED, CASE_TASK_CANCELED };
const char *case_task_state_name(enum case_task_state st);
int case_task_state_parse(const char *s, enum case_task_state *out);

struct case_task {
	int64_t id;                 /* row id */
	char *number;               /* "TASK0000007" */
	int64_t case_id;            /* the case */
	char *short_description;    /* what to do */
	enum case_task_state state; /* open, closed, canceled */
	int64_t user_id;            /* assigned user, or 0 */
	int64_t group_id;           /* assigned group, or 0 */
	char *user_login;           /* names when read */
	char *group_name;
	char *created_at;           /* when added */
	char *closed_at;            /* when closed or canceled */
};
void case_task_fini(struct case_task *t);

struct case_task_list {
	struct case_task *items;    /* owned, n entries, oldest first */
	size_t n;
};
void case_task_list_fini(struct case_task_list *l);

/* A page of cases (each with the names a list shows: customer, group,
 * assignee). */
struct case_list {
	struct case_record *items;  /* owned, n entries */
	size_t n;
	bool more;                  /* true when another page follows */
};
void case_list_fini(struct case_list *l);

#endif
