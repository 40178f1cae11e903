# t-case-transitions.sh - state changes in the case view on a seeded
# database: open -> awaiting info (from the actions menu) -> resolved (its
# own key: resolution code picked, notes typed) -> closed (the customer
# accepts), each checked in the database; a refused change shows the
# reason; a closed case offers nothing and says it is read-only.
. "$(dirname "$0")/lib.sh"
"$CSM" --db "$DB" init --model b2b >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init or seed failed" >&2; exit 1; }
q() { sqlite3 -readonly "$DB" "$1"; }
agent=$(q "SELECT login FROM user WHERE is_external = 0 AND active = 1 ORDER BY id LIMIT 1")
case_no=$(q "SELECT number FROM cases WHERE state = 'open' ORDER BY id LIMIT 1")
new_case=$(q "SELECT number FROM cases WHERE state = 'new' ORDER BY id LIMIT 1")
code=$(q "SELECT code FROM resolution_code ORDER BY code LIMIT 1")
check '[ -n "$agent" ] && [ -n "$case_no" ] && [ -n "$new_case" ] && [ -n "$code" ]' \
	"the seed lacks an agent, an open or a new case, or resolution codes"
state() { q "SELECT state FROM cases WHERE number = '$1'"; }

start_shell
start_csm --db "$DB" --as "$agent"
wait_for "Search:"
keys Escape
type_text ":$case_no"
keys Enter
wait_for "State         open" "the open case"

# The menu offers what the state table allows from open, nothing else.
keys t
wait_for "$case_no is open: what now?" "the actions menu"
wait_for "Request info" "request info offered"
wait_for "Propose solution" "propose solution offered"
check '! capture | grep -q "Accept solution"' "accept solution offered on an open case"
check '! capture | grep -q "Customer update"' "customer update offered on an open case"
keys Enter
wait_for "now awaiting info" "request info done"
wait_for "State         awaiting info" "the page shows the new state"
check '[ "$(state "$case_no")" = awaiting_info ]' "database state after request info"

# Resolve by its key: the code first, then the notes (required).
keys R
wait_for "Resolution code" "the resolution code question"
wait_for "$code" "the codes of the resolution_code table"
keys Enter
wait_for "resolution notes" "the notes question"
keys Enter
wait_for "This cannot be empty" "notes are required"
type_text "Replaced the power supply"
keys Enter
wait_for "now resolved" "resolved"
check '[ "$(q "SELECT state || '"'|'"' || resolution_code || '"'|'"' || resolution_notes
	FROM cases WHERE number = '"'$case_no'"'")" = "resolved|$code|Replaced the power supply" ]' \
	"database after resolving"

# Close is not possible on a resolved case: refused with the reason.
keys C
wait_for "$case_no is resolved" "the refusal names the state"
wait_for "needs a new, open or awaiting info case" "the refusal says why"
check '[ "$(state "$case_no")" = resolved ]' "a refused change changed the database"

# The customer accepts: closed, read-only.
keys t
wait_for "Accept solution" "accept solution offered"
keys Enter
wait_for "now closed" "closed"
check '[ "$(state "$case_no")" = closed ]' "database state after closing"
wait_for "$case_no is closed: read-only, nothing can change" "the read-only marker"
wait_gone "t actions" "the hints still offer actions"
keys t
wait_for "$case_no is closed: it is read-only" "no menu on a closed case"
check '! capture | grep -q "what now?"' "a closed case opened the actions menu"
keys c
wait_for "it is read-only" "no comment on a closed case"

# A new case cannot be resolved: the domain's reason, nothing asked.
type_text ":$new_case"
keys Enter
wait_for "State         new" "the new case"
keys R
wait_for "$new_case is new" "refused resolve on a new case"
check '! capture | grep -q "Resolution code"' "the refused change asked for a code"
check '[ "$(state "$new_case")" = new ]' "a refused change changed the database"
keys F10
wait_for "csm-exit=0" "quit"
finish
