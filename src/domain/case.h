/* case.h - case operations, the API the CLI (`csm case`) and the console
 * share: entry with entitlement matching, transitions by action name,
 * journal, tasks, assignment, approval, queues.
 *
 * Every operation that changes a case runs in one transaction, refuses what
 * the rules forbid with a message that says what and why (the schema's
 * triggers are only a backstop), writes a 'system' journal entry, and takes
 * the version the caller read: a stale version is refused with "changed by
 * someone else since you opened it" (pass CASE_ANY_VERSION to skip the
 * check, as the one-shot CLI does).  Errors: CSM_EX_NOINPUT for a number
 * that does not exist, CSM_EX_DATAERR for a refused change, CSM_EX_USAGE for
 * a malformed request. */
#ifndef CSM_DOMAIN_CASE_H
#define CSM_DOMAIN_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "model/case.h"
#include "model/page.h"
#include "model/product.h"
#include "store/store.h"

/* expected_version that skips the optimistic-locking check. */
#define CASE_ANY_VERSION ((int64_t)-1)

/* Case entry settings, from the config (see case_settings_from_config()). */
struct case_settings {
	enum business_model model;   /* which customers a case may have */
	int default_priority;        /* cases.default_priority */
	const char *default_channel; /* cases.default_channel (borrowed) */
	char *const *channels;       /* cases.channels: the allowed channels (borrowed) */
	size_t n_channels;
};
/* Fills cs from cfg; cs borrows cfg's strings. */
void case_settings_from_config(struct case_settings *cs, const struct csm_config *cfg);

/* A new case as the form or the command line gives it: references by the
 * numbers and names people type; NULL or "" = not given. */
struct case_input {
	const char *account;           /* account number (b2b, b2b2c) */
	const char *contact;           /* contact number; alone it brings its account */
	const char *consumer;          /* consumer number (b2c, b2b2c) */
	const char *household;         /* household number; the consumer must be a member */
	const char *service_org;       /* service organization number */
	const char *requester;         /* internal requester's login */
	const char *short_description; /* required */
	const char *description;
	int priority;                  /* 1..4; 0 = the default */
	const char *channel;           /* NULL = the default */
	const char *category;          /* a case category */
	const char *product;           /* product model number */
	const char *asset;             /* asset tag */
	const char *item;              /* install base item number (active, the customer's) */
	const char *sold_product;      /* sold product number (the customer's) */
	const char *contract;          /* contract number (the customer's) */
	int64_t entitlement_id;        /* the entitlement chosen; 0 = let entry match */
};

/* What entry found: the case as it will be (or was) saved, the entitlements
 * that match, and notes and warnings to show (neither blocks saving). */
struct case_entry {
	struct case_record rec;          /* resolved ids; number and id once created */
	struct entitlement_list matches; /* matching entitlements, usable ones first */
	char **notes;                    /* "entitlement ... filled in", "3 match: choose" */
	size_t n_notes;
	char **warnings;                 /* "no entitlement covers this case", "... no units left" */
	size_t n_warnings;
};
void case_entry_init(struct case_entry *e);
void case_entry_fini(struct case_entry *e);

/* Validates a new case and finds its entitlements without saving it (the
 * console calls it before saving): the customer fits the business model,
 * contact and household belong, the item is active and the customer's, the
 * channel is allowed, and so on.  Exactly one usable entitlement is filled
 * in; several are left for the caller to choose from out->matches; none or
 * only exhausted ones give a warning.  A chosen in->entitlement_id must be
 * among the matches.  Fills out (case_entry_init() first); 0 or -1. */
int domain_case_prepare(struct store *s, const struct case_settings *cs,
			const struct case_input *in, struct case_entry *out, struct csm_error *err);

/* Prepares and saves a new case in state new, numbered by
 * store_next_number(REC_CASE), opened by the acting user (no user: none),
 * with a journal entry.  out as for domain_case_prepare(), with
 * out->rec.number and id set.  0 or -1 (nothing saved). */
int domain_case_create(struct store *s, const struct case_settings *cs,
		       const struct case_input *in, struct case_entry *out, struct csm_error *err);

/* Reads a case with its names.  Returns 1 with *out (case_record_fini()
 * after), 0 with err "no such case" (CSM_EX_NOINPUT), -1 on error. */
int domain_case_get(struct store *s, const char *number, struct case_record *out,
		    struct csm_error *err);

/* What a change left behind. */
struct case_outcome {
	int64_t version;        /* the case's version after the change */
	enum case_state state;  /* its state after the change */
	char *warning;          /* owned, or NULL: e.g. the entitlement had no units left */
};
void case_outcome_fini(struct case_outcome *o);

/* The fields a transition may need (NULL / 0 = not given). */
struct case_transition_args {
	const char *code;   /* resolution code (propose_solution; close may give one) */
	const char *notes;  /* resolution notes (propose_solution, close); any action's
			       remark otherwise, written to the journal */
	int hours;          /* hours to count down on an hours entitlement; 0 = 1 */
};

/* Applies an action of the state machine (case_actions[]) by name or
 * alias.  Illegal actions are refused with the current state and the
 * possible actions; required fields are checked; the resolution code must
 * exist.  Stamps resolved_by/at and closed_by/at; a case that closes counts
 * its per-unit entitlement down (1 case, or args->hours hours), and none
 * left is a warning in the journal and in out, not a block.  out may be
 * NULL.  0 or -1. */
int domain_case_transition(struct store *s, const char *number, int64_t expected_version,
			   const char *action, const struct case_transition_args *args,
			   struct case_outcome *out, struct csm_error *err);

/* Changes the descriptions, priority, channel, category or entitlement
 * (NULL / 0 = keep; "" clears description and category).  A chosen
 * entitlement must cover the case (as at entry; an exhausted one is
 * accepted).  Refused on closed and canceled cases.  out may be NULL (its
 * warning says when the entitlement has no units left).  0 or -1. */
struct case_edit {
	const char *short_description; /* not blank */
	const char *description;
	int priority;                  /* 1..4 */
	const char *channel;           /* one of the configured channels */
	const char *category;          /* a case category */
	int64_t entitlement_id;        /* an entitlement that covers the case */
};
int domain_case_update(struct store *s, const struct case_settings *cs, const char *number,
		       int64_t expected_version, const struct case_edit *edit,
		       struct case_outcome *out, struct csm_error *err);

/* Adds a customer-visible comment or an internal work note by the acting
 * user.  Refused on closed and canceled cases and for blank text.  0 / -1. */
int domain_case_comment(struct store *s, const char *number, const char *text, bool work_note,
			struct csm_error *err);

/* One page of a case's journal (see store_case_journal_list()); appends to
 * out.  0 or -1. */
int domain_case_journal(struct store *s, int64_t case_id, bool newest_first,
			const struct page_req *page, struct case_journal_list *out,
			struct csm_error *err);

/* Assigns a case to a group and/or a user (login); NULL keeps the current
 * value, "" clears it.  The assignee must be a member of the group; when
 * the group changes and the current assignee is not a member, the assignee
 * is cleared (the journal says so).  Assigning a new case opens it (the
 * 'assign' action).  out may be NULL.  0 or -1. */
int domain_case_assign(struct store *s, const char *number, int64_t expected_version,
		       const char *group, const char *login, struct case_outcome *out,
		       struct csm_error *err);

/* Asks for approval, from approver_login (NULL/"" = any approver).  Refused
 * when already requested or on read-only cases.  0 or -1. */
int domain_case_request_approval(struct store *s, const char *number, int64_t expected_version,
				 const char *approver_login, struct case_outcome *out,
				 struct csm_error *err);
/* Approves (approve true) or rejects a requested approval as the acting
 * user, who must be the named approver or hold the admin or manager role
 * (the stakeholder role too when no approver was named).  The decision and
 * the comment (may be NULL) go to the journal.  0 or -1. */
int domain_case_decide(struct store *s, const char *number, int64_t expected_version,
		       bool approve, const char *comment, struct case_outcome *out,
		       struct csm_error *err);

/* Adds a task to a case for a user (login) and/or a group (name); with
 * both, the user must be a member.  Refused on read-only cases.  out (may
 * be NULL) receives the task with its number (case_task_fini()).  0 / -1. */
int domain_case_task_add(struct store *s, const char *case_number, const char *short_description,
			 const char *login, const char *group, struct case_task *out,
			 struct csm_error *err);
/* Closes or cancels an open task (st CASE_TASK_CLOSED or _CANCELED).  0/-1. */
int domain_case_task_finish(struct store *s, const char *task_number, enum case_task_state st,
			    struct csm_error *err);
/* Every task of a case, oldest first, appended to out.  0 or -1. */
int domain_case_tasks(struct store *s, int64_t case_id, struct case_task_list *out,
		      struct csm_error *err);

/* Sets the customer filter of q from a number: an account, consumer or
 * household.  0, or -1 with err (CSM_EX_NOINPUT when no such customer). */
int domain_case_query_customer(struct store *s, struct case_query *q, const char *number,
			       struct csm_error *err);

/* Sets the group filter of q from a group name.  0, or -1 with err
 * (CSM_EX_NOINPUT when there is no such group). */
int domain_case_query_group(struct store *s, struct case_query *q, const char *name,
			    struct csm_error *err);

/* One page of a queue.  The mine and groups queues are the acting user's
 * (q->user_id 0 = the acting user; an actor who is no user sees none).
 * Appends to out.  0 or -1. */
int domain_case_list(struct store *s, const struct case_query *q, const struct page_req *page,
		     struct case_list *out, struct csm_error *err);

#endif
