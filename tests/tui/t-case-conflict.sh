# t-case-conflict.sh - two agents on one case: the console has it open
# while `csm case update` (another process) changes it.  The console's next
# change is refused, shows what the other changed (field: yours -> theirs),
# and is reapplied on the new version or discarded; nothing the other
# agent did is overwritten.
. "$(dirname "$0")/lib.sh"
seed_demo b2b
q() { sqlite3 -readonly "$DB" "$1"; }
case_no=$(q "SELECT number FROM cases WHERE state = 'new' ORDER BY id LIMIT 1")
as=$(q "SELECT u.login FROM user u JOIN user_role r ON r.user_id = u.id
	WHERE r.role = 'admin' ORDER BY u.id LIMIT 1")
check '[ -n "$case_no" ] && [ -n "$as" ]' "seed gave no new case or no admin"
prio=$(q "SELECT priority FROM cases WHERE number = '$case_no'")
row() { q "SELECT state || '|' || priority || '|' || short_description FROM cases
	WHERE number = '$case_no'"; }

start_shell
start_csm --db "$DB" --as "$as"
wait_for "Search:"
keys Escape
type_text ":$case_no"
keys Enter
wait_for "$case_no  " "the case view"
wait_line "State" "new" "the case's state"
wait_line "Version" "1" "version 1 loaded"

# Accept asks first; meanwhile the other agent changes the case.
keys O
wait_for "Accept $case_no" "the confirmation"
"$CSM" --db "$DB" --as "$as" case update "$case_no" --priority 1 --short "Printer on fire" \
	>/dev/null || fail "csm case update failed"
keys y
wait_for "was changed by someone else (v1 -> v2)" "the conflict dialog"
wait_line "Short description" "-> Printer on fire" "their short description"
wait_line "Priority" "-> 1 critical" "their priority"
wait_line "Reapply" "Accept on version 2" "the reapply choice"
wait_line "Discard" "keep theirs" "the discard choice"
check '[ "$(row)" = "new|1|Printer on fire" ]' "the refused change wrote something: $(row)"

# Reapply (the selection starts there): accepted on top of theirs.
keys Enter
wait_for "now open" "the reapplied change"
wait_gone "Reapply" "the dialog after reapply"
check '[ "$(row)" = "open|1|Printer on fire" ]' "after reapply: $(row), want open|1|Printer on fire"

# Again, and this time discard: their change stays, ours is dropped.
keys I
wait_for "Request info $case_no" "the second confirmation"
"$CSM" --db "$DB" --as "$as" case update "$case_no" --priority "$prio" >/dev/null ||
	fail "the second csm case update failed"
keys y
wait_for "was changed by someone else (v3 -> v4)" "the second conflict"
wait_line "Priority" "1 critical -> $prio" "their priority again"
keys G Enter
wait_for "Your change was discarded" "the discard"
check '[ "$(row)" = "open|$prio|Printer on fire" ]' "after discard: $(row)"
wait_line "State" "open" "the page shows their version"

keys F10
wait_for "csm-exit=0"
finish
