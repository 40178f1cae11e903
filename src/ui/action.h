/* action.h - everything a key can do in the console, declared once.
 *
 * ACTIONS(_) lists every action as _(ID, "name", GROUP, "hint", "help"):
 *   ID    the enum constant is ACT_<ID>;
 *   name  what ui.keys in the config and the help screen call it;
 *   GROUP heading the help screen sorts it under (enum action_group);
 *   hint  short label for the status line's key hints ("" = never hinted);
 *   help  one line for the help screen.
 * Adding an action: add one line here, bind it in the default table in
 * keymap.c, and handle it in your screen's handle().  Nothing else. */
#ifndef CSM_UI_ACTION_H
#define CSM_UI_ACTION_H

enum action_group {
	GROUP_SCREENS,  /* moving between screens, leaving */
	GROUP_MOVE,     /* moving the selection */
	GROUP_RECORDS,  /* opening and creating records */
	GROUP_EDIT,     /* editing text and forms */
	GROUP_INTERNAL, /* not bindable: produced by the console itself */
};

#define ACTIONS(_) \
	_(NONE, "none", GROUP_INTERNAL, "", "Nothing (the key was consumed)") \
	_(HELP, "help", GROUP_SCREENS, "help", "Show the keys of this screen") \
	_(COMMAND, "command", GROUP_SCREENS, "cmd", \
	  "Command line: a record number (:CS0000042), a screen (:help) or :q") \
	_(BACK, "back", GROUP_SCREENS, "back", "Go back to the previous screen") \
	_(CLOSE, "close", GROUP_SCREENS, "quit", \
	  "Close this screen; on the home screen, quit csm") \
	_(QUIT, "quit", GROUP_SCREENS, "quit", \
	  "Quit csm (asks first when a form has unsaved changes)") \
	_(REDRAW, "redraw", GROUP_SCREENS, "", "Redraw the whole terminal") \
	_(UP, "up", GROUP_MOVE, "", "Move the selection up") \
	_(DOWN, "down", GROUP_MOVE, "", "Move the selection down") \
	_(PAGE_UP, "page-up", GROUP_MOVE, "", "Move one page up") \
	_(PAGE_DOWN, "page-down", GROUP_MOVE, "", "Move one page down") \
	_(FIRST, "first", GROUP_MOVE, "", "Go to the first row") \
	_(LAST, "last", GROUP_MOVE, "", "Go to the last row") \
	_(OPEN, "open", GROUP_RECORDS, "open", "Open the selected record") \
	_(NEW, "new", GROUP_RECORDS, "new", "Create a customer of the business model") \
	_(SEARCH, "search", GROUP_EDIT, "search", "Type in the search field") \
	_(RESULTS, "results", GROUP_EDIT, "keys", \
	  "Leave the search field for the results (single-letter keys work there)") \
	_(TOGGLE_FOCUS, "toggle-focus", GROUP_EDIT, "", \
	  "Switch between the search field and the results") \
	_(CLEAR, "clear", GROUP_EDIT, "clear", "Clear the text") \
	_(DELETE_BACK, "delete-back", GROUP_EDIT, "", "Delete the character before the cursor") \
	_(DELETE, "delete", GROUP_EDIT, "", "Delete the character under the cursor") \
	_(LEFT, "left", GROUP_EDIT, "", "Move the cursor left") \
	_(RIGHT, "right", GROUP_EDIT, "", "Move the cursor right") \
	_(LINE_START, "line-start", GROUP_EDIT, "", "Move the cursor to the start") \
	_(LINE_END, "line-end", GROUP_EDIT, "", "Move the cursor to the end") \
	_(COMPLETE, "complete", GROUP_EDIT, "complete", "Complete a screen name") \
	_(ACCEPT, "accept", GROUP_EDIT, "run", "Accept the input") \
	_(NEXT_FIELD, "next-field", GROUP_EDIT, "next", "Go to the next field") \
	_(PREV_FIELD, "prev-field", GROUP_EDIT, "", "Go to the previous field") \
	_(CHOICE_NEXT, "choice-next", GROUP_EDIT, "", "Next choice of a choice field") \
	_(CHOICE_PREV, "choice-prev", GROUP_EDIT, "", "Previous choice of a choice field") \
	_(NEXT_TAB, "next-tab", GROUP_MOVE, "tab", "Next tab (the digits 1..9 jump to a tab)") \
	_(PREV_TAB, "prev-tab", GROUP_MOVE, "", "Previous tab") \
	_(NEW_CASE, "new-case", GROUP_RECORDS, "case", \
	  "New case for this customer (on the install base tab: for the selected item)") \
	_(EDIT, "edit", GROUP_RECORDS, "edit", "Edit this record") \
	_(ADD, "add", GROUP_RECORDS, "add", "Add a contact (account) or a member (household)") \
	_(PARENT, "parent", GROUP_RECORDS, "parent", "Go to the parent account") \
	_(SAVE, "save", GROUP_EDIT, "save", "Save the form") \
	_(SORT, "sort", GROUP_MOVE, "sort", "Cycle the sort order of the list") \
	_(FILTER, "filter", GROUP_MOVE, "filter", "Filter the list (asks what by)") \
	_(RELOAD, "reload", GROUP_SCREENS, "", "Read the data of this screen again") \
	_(CASES_QUEUE_MINE, "queue-mine", GROUP_MOVE, "", "Cases: my open cases") \
	_(CASES_QUEUE_GROUPS, "queue-groups", GROUP_MOVE, "", "Cases: the open cases of my groups") \
	_(CASES_QUEUE_OPEN, "queue-open", GROUP_MOVE, "", "Cases: all open cases") \
	_(CASES_QUEUE_APPROVAL, "queue-approval", GROUP_MOVE, "", "Cases: cases awaiting approval") \
	_(CASES_QUEUE_MY_APPROVAL, "queue-my-approval", GROUP_MOVE, "", \
	  "Cases: cases awaiting my approval (the first queue of stakeholders)") \
	_(CASES_NEXT_QUEUE, "next-queue", GROUP_MOVE, "queue", "Cases: the next queue") \
	_(CASE_TRANSITION, "transition", GROUP_RECORDS, "actions", \
	  "Case: the state changes possible now, assignment and approval") \
	_(CASE_COMMENT, "comment", GROUP_RECORDS, "comment", "Case: add a customer-visible comment") \
	_(CASE_WORK_NOTE, "work-note", GROUP_RECORDS, "note", "Case: add an internal work note") \
	_(CASE_ASSIGN, "assign", GROUP_RECORDS, "assign", "Case: assign to a group, then a member") \
	_(CASE_REQUEST_APPROVAL, "request-approval", GROUP_RECORDS, "", "Case: ask for approval") \
	_(CASE_APPROVE, "approve", GROUP_RECORDS, "approve", \
	  "Case: approve with a comment (when approval is requested of you)") \
	_(CASE_REJECT, "reject", GROUP_RECORDS, "reject", \
	  "Case: reject with a comment (when approval is requested of you)") \
	_(CASE_PARTIES, "case-parties", GROUP_RECORDS, "parties", "Case: its related parties") \
	_(CASE_ACCEPT, "case-accept", GROUP_RECORDS, "", "Case: accept a new case (it opens)") \
	_(CASE_REQUEST_INFO, "request-info", GROUP_RECORDS, "", \
	  "Case: ask the customer for information") \
	_(CASE_RESOLVE, "resolve", GROUP_RECORDS, "", \
	  "Case: propose a solution (resolution code and notes)") \
	_(CASE_CLOSE, "close-case", GROUP_RECORDS, "", "Case: close it (resolution notes)") \
	_(CASE_CANCEL, "cancel-case", GROUP_RECORDS, "", "Case: cancel it") \
	_(EXPAND, "expand", GROUP_MOVE, "expand", "Tree: expand the selected location") \
	_(COLLAPSE, "collapse", GROUP_MOVE, "", \
	  "Tree: collapse the location (when collapsed: go to its parent)") \
	_(TOGGLE_EXPAND, "toggle-expand", GROUP_MOVE, "", "Tree: expand or collapse the location") \
	_(SWITCH_PANE, "switch-pane", GROUP_MOVE, "pane", \
	  "Install base: switch between the tree and the items") \
	_(ITEMS_SCOPE, "items-scope", GROUP_MOVE, "scope", \
	  "Install base: the items at the location only, or everywhere under it") \
	_(REPAIR_CASE, "repair-case", GROUP_RECORDS, "case", "Item: open a repair case for it") \
	_(RELATED_PARTIES, "related-parties", GROUP_RECORDS, "parties", \
	  "Item or sold product: its related parties") \
	_(PARTY_ADD, "add-party", GROUP_RECORDS, "add", \
	  "Related parties: add one (type, then the party, then a relationship name)") \
	_(PARTY_RESPONSIBILITY, "set-responsibility", GROUP_RECORDS, "resp", \
	  "Related parties: change the responsibility of the selected one") \
	_(PARTY_REMOVE, "remove-party", GROUP_RECORDS, "remove", \
	  "Related parties: remove the selected one (asks first)") \
	_(INSERT, "insert", GROUP_INTERNAL, "", "A typed character (in key_event.ch)") \
	_(MOUSE, "mouse", GROUP_INTERNAL, "", "A mouse event (in key_event)") \
	_(RESIZE, "resize", GROUP_INTERNAL, "", "The terminal changed size")

enum action {
#define ACTION_ENUM(id, name, group, hint, help) ACT_##id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

/* The action's name ("page-down"), static. */
const char *action_name(enum action a);
/* Its status-line hint ("" when it has none) and help line, static. */
const char *action_hint(enum action a);
const char *action_help(enum action a);
enum action_group action_group(enum action a);
/* Finds an action by name; returns 0 and sets *out, or -1.  Internal
 * actions (GROUP_INTERNAL) are not found: they cannot be bound. */
int action_parse(const char *name, enum action *out);

#endif
