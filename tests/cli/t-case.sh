# t-case.sh - csm case new|list|show|transition|comment|assign|update|task|
# request-approval|approve|reject on a telecom database built with `csm init`
# and `csm import`: exit codes (64 usage, 65 refused, 66 no such record),
# messages, JSON, entitlement notes and warnings, and that refused changes
# change nothing.
. "$(dirname "$0")/lib.sh"

db="$T/c.db"
me=$(id -un)
csv() { printf '%s\n' "$@" > "$T/in.csv"; }
# json EXPR: evaluates a Python expression over the JSON on stdout as j
json() {
	checks=$((checks + 1))
	printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" \
		|| fail "json: $1"
}

# usage errors need no database
run -d "$db" case;                   expect_rc 64 "no subcommand"; expect_err "usage:" "no subcommand"
expect_err "Actions of transition: accept (or assign), request_info" "no subcommand lists the actions"
run -d "$db" case --help;            expect_rc 0 "case --help"
expect_out "propose_solution (or resolve), accept_solution, reject_solution, close, cancel." "case --help lists the actions"
checks=$((checks + 1))
[ "$("$CSM" case --help | tail -c 1 | od -An -tx1 | tr -d ' ')" = 0a ] \
	|| fail "case --help does not end with a newline"
run -d "$db" case frob;              expect_rc 64 "unknown subcommand"; expect_err "'frob' is not a case subcommand" "unknown subcommand"
run -d "$db" case show;              expect_rc 64 "show without number"; expect_err "expected one case number" "show without number"
run -d "$db" case new --priority 9 --short x; expect_rc 64 "bad priority"; expect_err "'9' is not a number from 1 to 4" "bad priority"
run -d "$db" case new --bogus;       expect_rc 64 "unknown option"; expect_err "'--bogus' is unknown" "unknown option"
run -d "$db" case show CS1 --code x; expect_rc 64 "option of another subcommand"; expect_err "not for this subcommand" "option of another subcommand"
run -d "$db" case transition CS1;    expect_rc 64 "transition without action"
run -d "$db" case new --short;       expect_rc 64 "option without value"
run -d "$db" case list;              expect_rc 66 "no database"

run -d "$db" init --model b2b --industry telecom; expect_rc 0 "init"

# a small world through import
csv login,name,roles "$me,Me Admin,admin agent" "alice,Alice Agent,agent" "carol,Carol Stake,stakeholder"
run -d "$db" import user "$T/in.csv";        expect_rc 0 "import users"
csv number,name "ACCT0000001,Acme" "ACCT0000002,Globex"
run -d "$db" import account "$T/in.csv";     expect_rc 0 "import accounts"
csv number,account,first_name,last_name "CT0000001,ACCT0000001,Ada,Lovelace" "CT0000002,ACCT0000002,Gus,Globex"
run -d "$db" import contact "$T/in.csv";     expect_rc 0 "import contacts"
csv model_number,name "RT-1,Router"
run -d "$db" import product "$T/in.csv";     expect_rc 0 "import product"
csv number,name,product,account,state "IB0000001,Router at HQ,RT-1,ACCT0000001,in_use" \
	"IB0000002,Old router,RT-1,ACCT0000001,inactive" "IB0000003,Their router,RT-1,ACCT0000002,in_use"
run -d "$db" import install_base "$T/in.csv"; expect_rc 0 "import items"
csv key,name,account,per_unit,total_units,remaining_units "gold,Gold,ACCT0000001,cases,2,1"
run -d "$db" import entitlement "$T/in.csv"; expect_rc 0 "import entitlement"
ent=$(sql "$db" "SELECT id FROM entitlement WHERE external_id = 'gold'")

# entry: validation by the rules, with the data's own words
run -d "$db" case new --consumer CON0000001 --short x
expect_rc 65 "consumer in b2b"; expect_err "the business model is b2b" "consumer in b2b"
run -d "$db" case new --account ACCT0000404 --short x
expect_rc 66 "unknown account"; expect_err "no such account: ACCT0000404" "unknown account"
run -d "$db" case new --account ACCT0000001 --contact CT0000002 --short x
expect_rc 65 "contact of another account"; expect_err "contact CT0000002 is not a contact of account ACCT0000001" "contact of another account"
run -d "$db" case new --account ACCT0000001 --item IB0000002 --short x
expect_rc 65 "inactive item"; expect_err "IB0000002 is inactive" "inactive item"
run -d "$db" case new --account ACCT0000001 --item IB0000003 --short x
expect_rc 65 "item of another customer"; expect_err "does not belong to this customer" "item of another customer"
run -d "$db" case new --account ACCT0000001 --channel fax --short x
expect_rc 65 "bad channel"; expect_err "channel 'fax' is not one of the configured channels" "bad channel"
run -d "$db" case new --account ACCT0000001
expect_rc 64 "no short description"; expect_err "--short TEXT is required" "no short description"
[ "$(sql "$db" "SELECT count(*) FROM cases")" = 0 ] || fail "refused entries saved a case"

# exactly one entitlement: filled in, with a note
run -d "$db" case new --account ACCT0000001 --contact CT0000001 --short "No signal" --item IB0000001 --priority 2
expect_rc 0 "new"; expect_out "CS0000001" "new"
expect_err "note: entitlement 'Gold' (id $ent, 1 cases left) filled in" "new: entitlement note"
# none: a warning, not a block; a contact alone brings its account
run -d "$db" case new --contact CT0000002 --short "Billing question" --channel email
expect_rc 0 "new without entitlement"; expect_out "CS0000002" "new without entitlement"
expect_err "warning: no entitlement covers this case" "new without entitlement"
run -d "$db" case new --account ACCT0000001 --short "Slow line" --priority 3 --json
expect_rc 0 "new --json"
json 'j["number"] == "CS0000003" and j["entitlement_id"] == '"$ent"' and j["warnings"] == [] and len(j["notes"]) == 1'

# show
run -d "$db" case show CS0000001
expect_rc 0 "show"; expect_out "state:         new (possible: accept, close, cancel)" "show state"
expect_out "priority:      2 (high)" "show priority"
expect_out "customer:      Acme (ACCT0000001) / Ada Lovelace (CT0000001)" "show customer"
expect_out "item:          IB0000001  Router at HQ" "show item"
expect_out "entitlement:   Gold (1 cases left)" "show entitlement"
expect_out "opened:        2026-11-22T10:00:00Z by $me" "show opened"
expect_out "case opened by $me" "show journal"
run -d "$db" case show CS0000001 --json
expect_rc 0 "show --json"
json 'j["state"] == "new" and j["product"] == "RT-1" and j["entitlement_remaining"] == 1 and j["possible_actions"] == ["accept", "close", "cancel"] and j["journal"][0]["kind"] == "system" and j["version"] == 1'
run -d "$db" case show CS0000999; expect_rc 66 "show missing"; expect_err "no such case: CS0000999" "show missing"

# transitions
run -d "$db" case transition CS0000001 accept_solution
expect_rc 65 "illegal transition"
expect_err "CS0000001 is new: 'accept_solution' needs a resolved case (possible: accept, close, cancel)" "illegal transition"
run -d "$db" case transition CS0000001 fly
expect_rc 64 "unknown action"; expect_err "'fly' is not a case action" "unknown action"
run -d "$db" case transition CS0000001 accept
expect_rc 0 "accept"; expect_out "CS0000001 open (version 2)" "accept"
run -d "$db" case transition CS0000001 resolve --code remote_fix
expect_rc 64 "resolve without notes"; expect_err "'resolve' needs --notes TEXT" "resolve without notes"
run -d "$db" case transition CS0000001 resolve --code nope --notes "x"
expect_rc 65 "unknown code"; expect_err "resolution code 'nope' does not exist (known codes: " "unknown code"
expect_err "remote_fix" "unknown code lists the industry's codes"
run -d "$db" case transition CS0000001 propose_solution --code remote_fix --notes "Rebooted the router" --expect-version 2
expect_rc 0 "resolve"; expect_out "CS0000001 resolved (version 3)" "resolve"
run -d "$db" case transition CS0000001 accept_solution --expect-version 2
expect_rc 65 "stale version"; expect_err "changed by someone else since you opened it" "stale version"
expect_err "it is now at version 3" "stale version says the current version"
run -d "$db" case transition CS0000001 accept_solution --json
expect_rc 0 "accept solution"
json 'j["state"] == "closed" and j["version"] == 4 and j["warning"] is None'
[ "$(sql "$db" "SELECT remaining_units FROM entitlement WHERE id = $ent")" = 0 ] || fail "the entitlement was not counted down"
[ "$(sql "$db" "SELECT resolved_by_id IS NOT NULL AND closed_at IS NOT NULL FROM cases WHERE number = 'CS0000001'")" = 1 ] \
	|| fail "resolved_by / closed_at not stamped"
run -d "$db" case comment CS0000001 "anyone?"
expect_rc 65 "comment on a closed case"; expect_err "CS0000001 is closed: closed cases are read-only" "comment on a closed case"
run -d "$db" case transition CS0000001 reopen
expect_rc 65 "transition of a closed case"; expect_err "closed cases are read-only, no action is possible" "transition of a closed case"

# none left when a case closes: a warning, not a block
run -d "$db" case new --account ACCT0000001 --short "Again" --entitlement "$ent"
expect_rc 0 "new with an exhausted entitlement"; expect_out "CS0000004" "new with an exhausted entitlement"
expect_err "warning: entitlement 'Gold' (id $ent, 0 cases left) has no units left" "new with an exhausted entitlement"
run -d "$db" case new --account ACCT0000001 --short "x" --entitlement 999
expect_rc 65 "entitlement that does not cover"; expect_err "entitlement 999 does not cover this case" "entitlement that does not cover"
run -d "$db" case transition CS0000004 close
expect_rc 64 "close without notes"; expect_err "'close' needs --notes TEXT" "close without notes"
run -d "$db" case transition CS0000004 close --notes "duplicate of CS0000001"
expect_rc 0 "close"; expect_out "CS0000004 closed" "close"
expect_err "warning: entitlement 'Gold' had no cases left; this case was not covered" "close: countdown warning"

# journal
run -d "$db" case comment CS0000002 "We are on it";              expect_rc 0 "comment"
run -d "$db" case comment CS0000002 "Checked the logs" --work-note; expect_rc 0 "work note"; expect_out "work note added" "work note"
run -d "$db" case comment CS0000002 "   ";                       expect_rc 65 "blank comment"
run -d "$db" case show CS0000002
expect_out "comment    $me: We are on it" "show comment"; expect_out "work_note  $me: Checked the logs" "show work note"
run -d "$db" case show CS0000002 --newest-first --json
json 'j["journal"][0]["body"] == "Checked the logs" and len(j["journal"]) == 3'

# assignment (a new case opens)
run -d "$db" case assign CS0000002;                  expect_rc 64 "assign nothing"
run -d "$db" case assign CS0000002 --group Nowhere;  expect_rc 66 "assign unknown group"; expect_err "no such assignment group: Nowhere" "assign unknown group"
run -d "$db" case assign CS0000002 --to alice;       expect_rc 0 "assign"; expect_out "CS0000002 open (version 2)" "assign opens a new case"
run -d "$db" case assign CS0000003 --to "$me";       expect_rc 0 "assign to me"

# queues
run -d "$db" case list
expect_rc 0 "list"; expect_out "CS0000002" "list"; expect_out "CS0000003" "list"
case "$out" in *CS0000001*) fail "list shows a closed case" ;; esac
run -d "$db" case list --queue all --sort number --json
expect_rc 0 "list all"
json '[c["number"] for c in j] == ["CS0000001", "CS0000002", "CS0000003", "CS0000004"]'
run -d "$db" case list --queue mine --json
json '[c["number"] for c in j] == ["CS0000003"]'
run -d "$db" case list --limit 1
expect_rc 0 "list page"; expect_out "CS0000003" "first page: priority 3 before 4"; expect_err "more cases follow; add --after CS0000003" "list page"
run -d "$db" case list --limit 1 --after CS0000003
expect_rc 0 "second page"; expect_out "CS0000002" "second page"
case "$err" in *"more cases"*) fail "second page claims more" ;; esac
run -d "$db" case list --customer ACCT0000002 --json; json '[c["number"] for c in j] == ["CS0000002"]'
run -d "$db" case list --state closed --queue all --json; json 'len(j) == 2'
run -d "$db" case list --state closed --json; json 'len(j) == 2'
run -d "$db" case list --queue later;  expect_rc 64 "bad queue"
run -d "$db" case list --state gone;   expect_rc 64 "bad state"
run -d "$db" case list --customer XX9; expect_rc 66 "unknown customer"
run -d "$db" case list --after CS0000999; expect_rc 66 "unknown --after"

# update
run -d "$db" case update CS0000002 --priority 1 --category "Plumbing"
expect_rc 65 "unknown category"; expect_err "category 'Plumbing' is not a case category" "unknown category"
run -d "$db" case update CS0000002 --priority 1 --expect-version 2
expect_rc 0 "update"; expect_out "CS0000002 open (version 3)" "update"
run -d "$db" case update CS0000002; expect_rc 64 "update nothing"; expect_err "nothing to change" "update nothing"

# tasks
run -d "$db" case task CS0000002 add "Call the customer back" --to alice
expect_rc 0 "task add"; expect_out "TASK0000001" "task add"
run -d "$db" case task CS0000002 add "Nobody's" ; expect_rc 65 "task without assignee"
run -d "$db" case task CS0000002 list --json
json 'j[0]["number"] == "TASK0000001" and j[0]["user"] == "alice" and j[0]["state"] == "open"'
run -d "$db" case task CS0000003 close TASK0000001; expect_rc 66 "task of another case"
run -d "$db" case task CS0000002 close TASK0000001; expect_rc 0 "task close"; expect_out "TASK0000001 closed" "task close"
run -d "$db" case task CS0000002 cancel TASK0000001; expect_rc 65 "task closed twice"; expect_err "task TASK0000001 is already closed" "task closed twice"
run -d "$db" case task CS0000002 frob; expect_rc 64 "task bad verb"

# approval
run -d "$db" case approve CS0000002; expect_rc 65 "approve unrequested"; expect_err "no approval is requested" "approve unrequested"
run -d "$db" case request-approval CS0000002 --approver carol; expect_rc 0 "request approval"
run -d "$db" case list --queue approval --json; json '[c["number"] for c in j] == ["CS0000002"]'
run -d "$db" --as alice case approve CS0000002
expect_rc 65 "approve by someone else"; expect_err "the approval was requested from carol, not from alice" "approve by someone else"
run -d "$db" --as carol case approve CS0000002 --comment "within budget"
expect_rc 0 "approve"
run -d "$db" case show CS0000002
expect_out "approval:      approved / carol" "show approval"; expect_out "approved by carol: within budget" "approval in the journal"

# every change is in the audit log and the database is sound
[ "$(sql "$db" "SELECT count(*) > 5 FROM audit_log WHERE table_name = 'cases' AND action = 'update'")" = 1 ] \
	|| fail "case updates are not audited"
run -d "$db" check; expect_rc 0 "check"
finish
