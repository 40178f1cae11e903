/* cases.h - the cases screen's state, shared with its unit test.
 *
 * Five queues (my open cases, my groups' open cases, all open cases,
 * cases awaiting approval, those awaiting my approval: the first queue of
 * a stakeholder), each a list paged from the database in the
 * chosen order (priority, opened, updated, number) with optional filters
 * (state, priority, group).  Enter opens the case view; V and J approve
 * or reject the selected case with a comment when the acting user may. */
#ifndef CSM_UI_SCREENS_CASES_H
#define CSM_UI_SCREENS_CASES_H

#include <stdbool.h>

#include "model/case.h"
#include "store/case_choices.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/screen.h"

/* The queues in the order of their keys 1..5. */
enum cases_queue {
	CASES_MINE,        /* assigned to me */
	CASES_GROUPS,      /* my groups' */
	CASES_OPEN,        /* all open */
	CASES_APPROVAL,    /* approval requested */
	CASES_MY_APPROVAL, /* approval requested of me (case_query.may_decide) */
	CASES_QUEUE_COUNT
};

/* Widths of the columns; 0 = not shown at this terminal width. */
struct cases_cols {
	int number, priority, state, customer, desc, assigned, age;
	bool long_priority; /* "2 high" rather than "2" */
};

struct cases_state {
	struct store *store;          /* the database (borrowed from the console) */
	enum cases_queue queue;       /* the queue shown */
	struct case_query q;          /* queue, filters and sort as the store takes them */
	struct list list;             /* the cases (row data: struct case_record) */
	bool no_user;                 /* the acting login has no user row */
	struct dialog dlg;            /* the filter questions, an approval's comment */
	char *deciding;               /* the case being approved or rejected (owned) */
	int64_t deciding_version;     /* its version as listed */
	bool approving;               /* approve (true) or reject it */
	struct case_choice_list groups; /* assignment groups, for the group filter */
	char group_name[128];         /* the group filter's name ("" = none) */
	struct cases_cols cols;       /* column widths for the body width */
};

/* The queue's title ("My open cases"). */
const char *cases_queue_title(enum cases_queue q);

/* The sort orders in the order the sort key cycles through them. */
extern const enum case_sort cases_sort_cycle[CASE_SORT_COUNT];

#endif
