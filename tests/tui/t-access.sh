# t-access.sh - the console offers each user only what it may do, and a
# refused key says why (store/access.h) instead of opening a form: a
# viewer reads but writes nothing; a contributor sees only its cases and
# assigns none; a stakeholder's first queue is "Awaiting my approval" and
# it approves from there; a customer+stakeholder rejects from the case
# view; a customer is offered accept/reject solution on its own resolved
# case only.  Runs on the demo (`csm --demo --as LOGIN`); the cases are
# picked from the data, so the test follows the seed.
. "$(dirname "$0")/lib.sh"
"$CSM" --demo whoami >/dev/null || { echo "demo failed" >&2; exit 1; }
DEMO="$XDG_DATA_HOME/csm/demo-b2b.db"
q() { sqlite3 "$DEMO" "$1"; }
# first_case LOGIN JQ-FILTER: the first of LOGIN's open cases that matches.
first_case() {
	"$CSM" --demo --as "$1" case list --queue open --limit 200 --json |
		jq -r "[.[] | select($2)][0].number // empty"
}
# status: the last line of the screen (messages and key hints).
status() { capture | tail -n 1; }

start_shell

# ---- victor, a viewer: reads every case, every change key says why not.
vcase=$(q "SELECT number FROM cases WHERE state = 'open' ORDER BY number LIMIT 1")
check '[ -n "$vcase" ]' "the demo has no open case"
start_csm --demo --as victor
wait_for "acting as victor" "victor: header"
wait_for "as viewer" "victor: role in the header"
keys Escape
type_text ":$vcase"
keys Enter
wait_for "$vcase  " "victor: the case opens"
wait_for "Journal (" "victor: the journal"
check '! status | grep -qE "comment|assign|note|actions"' "victor: change keys hinted"
keys c
wait_for "a viewer may not comment on $vcase (viewers write nothing)" "victor: comment refused"
check '! capture | grep -q "Comment on $vcase"' "victor: the comment form opened"
keys w
wait_for "a viewer may not add a work note to $vcase (viewers write nothing)" \
	"victor: work note refused"
keys a
wait_for "a viewer may not assign $vcase" "victor: assign refused"
check '! capture | grep -q "Assign to group"' "victor: the assign dialog opened"
keys t
wait_for "a viewer may not change $vcase" "victor: the actions menu refused"
keys Escape
type_text ":cases"
keys Enter
keys 3
wait_for "All open, by priority" "victor: all open cases"
wait_line "CS0" "open" "victor: sees cases"
keys n
wait_for "a viewer may not open cases" "victor: new case refused"
keys F10
wait_for "csm-exit=0" "victor: quit"

# ---- ken, an internal contributor: only its cases, no assignment.
kcase=$(first_case ken 'true')
hidden=$(comm -23 <(q "SELECT number FROM cases WHERE state NOT IN ('closed', 'canceled')
	ORDER BY number") <("$CSM" --demo --as ken case list --queue all --limit 1000 --json |
	jq -r '.[].number' | sort) | head -n 1)
check '[ -n "$kcase" ] && [ -n "$hidden" ]' "ken: no case of its own, or none hidden from it"
keys clear Enter
start_csm --demo --as ken
wait_for "as contributor" "ken: header"
keys Escape
type_text ":cases"
keys Enter
keys 3
wait_for "All open, by priority" "ken: its open cases"
wait_for "$kcase" "ken: its case is listed"
check '! capture | grep -q "$hidden"' "ken: a case it may not see is listed"
keys Escape
type_text ":$hidden"
keys Enter
sleep 0.5
check '! capture | grep -q "Journal ("' "ken: a hidden case opened"
type_text ":$kcase"
keys Enter
wait_for "$kcase  " "ken: its case opens"
check '! status | grep -q assign' "ken: assign hinted"
keys a
wait_for "a contributor may not assign $kcase" "ken: assign refused"
check '! capture | grep -q "Assign to group"' "ken: the assign dialog opened"
keys F10
wait_for "csm-exit=0" "ken: quit"

# ---- sybil, a stakeholder: asked by name, approves from its first queue.
scase=$(first_case sybil '.approval == "not_requested" and .state == "open"')
check '[ -n "$scase" ]' "sybil: no open case"
"$CSM" --demo case request-approval "$scase" --approver sybil >/dev/null ||
	fail "request-approval $scase"
# the demo asks sybil for some approvals itself: decide those first (as the
# admin), so that the queue holds just $scase
for c in $("$CSM" --demo --as sybil case list --queue approval --limit 200 --json |
	jq -r ".[] | select(.approver == \"sybil\" and .number != \"$scase\") | .number"); do
	"$CSM" --demo case approve "$c" --comment "cleared by the test" >/dev/null ||
		fail "approving $c"
done
keys clear Enter
start_csm --demo --as sybil
wait_for "as stakeholder" "sybil: header"
keys Escape
type_text ":cases"
keys Enter
wait_for "Awaiting my approval, by priority" "sybil: the first queue"
wait_for "$scase" "sybil: the requested case is in it"
keys V
wait_for "Approve $scase: comment" "sybil: approve asks for a comment"
type_text "fine by sybil"
keys Enter
wait_for "$scase approved" "sybil: approved"
wait_for "No case awaits your approval" "sybil: the queue is empty after"
keys F10
wait_for "csm-exit=0" "sybil: quit"
check '"$CSM" --demo case show "$scase" | grep -q "approved by sybil: fine by sybil"' \
	"sybil: the decision is in the journal"

# ---- sam, customer and stakeholder of the first account: no approver named.
acct=$(q "SELECT a.number FROM contact c JOIN user u ON u.id = c.user_id
	JOIN account a ON a.id = c.account_id WHERE u.login = 'sam'")
mcase=$(first_case sam ".approval == \"not_requested\" and .state == \"open\" and .account == \"$acct\"")
check '[ -n "$mcase" ]' "sam: no open case of its account"
"$CSM" --demo case request-approval "$mcase" >/dev/null || fail "request-approval $mcase"
keys clear Enter
start_csm --demo --as sam
wait_for "as stakeholder, customer" "sam: header"
keys Escape
type_text ":cases"
keys Enter
wait_for "Awaiting my approval" "sam: the first queue"
wait_for "$mcase" "sam: its account's requested case"
check '! capture | grep -q "$scase"' "sam: a case decided already is listed"
keys Escape
type_text ":$mcase"
keys Enter
wait_for "$mcase  " "sam: the case opens"
keys t
wait_for "Reject" "sam: the menu offers the decision"
check '! capture | grep -q "Propose solution"' "sam: agent work offered"
keys Escape
keys J
wait_for "Reject: comment" "sam: reject asks for a comment"
type_text "not this quarter"
keys Enter
wait_for "Rejected" "sam: rejected"
keys F10
wait_for "csm-exit=0" "sam: quit"

# ---- emma, a customer: accept/reject solution on its own resolved case only.
contact=$(q "SELECT c.number FROM contact c JOIN user u ON u.id = c.user_id
	WHERE u.login = 'emma'")
own=$("$CSM" --demo --as emma case new --contact "$contact" --short "Line down since noon" |
	grep -o 'CS[0-9]*' | head -n 1)
other=$(first_case emma ".contact != \"$contact\"")
check '[ -n "$own" ] && [ -n "$other" ]' "emma: no own case or no other one visible"
for c in "$own" "$other"; do
	"$CSM" --demo case transition "$c" accept >/dev/null 2>&1
	"$CSM" --demo case transition "$c" propose_solution --code remote_fix \
		--notes "Fixed remotely" >/dev/null || fail "resolving $c"
done
keys clear Enter
start_csm --demo --as emma
wait_for "as customer" "emma: header"
keys Escape
type_text ":$own"
keys Enter
wait_for "$own  " "emma: its case opens"
check '! status | grep -q note' "emma: work note hinted to an external user"
keys t
wait_for "Accept solution" "emma: accept offered on its own case"
wait_for "Reject solution" "emma: reject offered on its own case"
check '! capture | grep -qE "Close|Cancel|Work note"' "emma: agent actions offered"
keys Escape
keys Escape
type_text ":$other"
keys Enter
wait_for "$other  " "emma: the other case opens"
keys t
wait_for "what now?" "emma: the menu on the other case"
check '! capture | grep -q "Accept solution"' "emma: accept offered on another's case"
keys Escape
keys F10
wait_for "csm-exit=0" "emma: quit"
# ---- chris, a customer: the cases screen opens on the open cases it sees
ccase=$(first_case chris "true")
check '[ -n "$ccase" ]' "chris: the demo gives it no open case"
keys clear Enter
start_csm --demo --as chris
wait_for "as customer" "chris: header"
keys Escape
type_text ":cases"
keys Enter
wait_for "All open, by priority" "chris: starts on the open cases it may see"
wait_for "$ccase" "chris: its case is listed"
keys F10
wait_for "csm-exit=0" "chris: quit"

finish
