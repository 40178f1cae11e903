# t-party.sh - csm party list|add|remove|set|types on a telecom database
# built with `csm init` and `csm import` (exit codes, messages, access
# sentences, JSON, audit rows, and that refused changes change nothing).
. "$(dirname "$0")/lib.sh"

db="$T/p.db"
csv() { printf '%s\n' "$@" > "$T/in.csv"; }

# usage errors need no database
run -d "$db" party;                 expect_rc 64 "no subcommand"; expect_err "usage: csm party list HOST" "no subcommand"
run -d "$db" party frob;            expect_rc 64 "unknown subcommand"; expect_err "unknown subcommand 'frob'" "unknown subcommand"
run -d "$db" party list;            expect_rc 64 "list without host"
run -d "$db" party list A B;        expect_rc 64 "list with two hosts"
run -d "$db" party list --bogus X;  expect_rc 64 "list bad option"; expect_err "unknown option '--bogus'" "list bad option"
run -d "$db" party add SP1 --type X; expect_rc 64 "add without --party"; expect_err "--type and --party are required" "add without --party"
run -d "$db" party add SP1 --party X --type; expect_rc 64 "add option without value"; expect_err "needs a value" "add option without value"
run -d "$db" party remove SP1;      expect_rc 64 "remove without id"
run -d "$db" party remove SP1 x1;   expect_rc 64 "remove bad id"; expect_err "'x1' is not a related party id" "remove bad id"
run -d "$db" party remove SP1 3 --party CT1; expect_rc 64 "remove id and party"
run -d "$db" party set SP1 3;       expect_rc 64 "set nothing"; expect_err "nothing to change" "set nothing"
run -d "$db" party set SP1 3 --order -2; expect_rc 64 "set bad order"
run -d "$db" party types --for town; expect_rc 64 "types bad --for"; expect_err "'town' is not case" "types bad --for"
run -d "$db" party list SP0000001;  expect_rc 66 "no database"

run -d "$db" init --model b2b --industry telecom; expect_rc 0 "init"
run -d "$db" party types --for install_base_item
expect_rc 0 "types"; expect_out "Preferred Technician" "types"; expect_out "listed" "types"
case "$out" in *sold_product*) fail "types --for install_base_item shows sold product types" ;; esac
run -d "$db" party types --json;    expect_rc 0 "types json"
echo "$out" | python3 -c 'import json,sys; t=json.load(sys.stdin); assert len(t) >= 10 and all("authorized" in x for x in t)' \
	|| fail "types --json is not the list of types"

# a small world through import: users, an account with contacts, a
# consumer, a product, a sold product, an install base item, two cases
csv login,name,is_external,roles "alice,Alice Agent,0,agent" "bob,Bob Buyer,1,customer"
run -d "$db" import user "$T/in.csv";    expect_rc 0 "import users"
csv number,name,restrict_contact_access "ACCT0000001,ACME,0" "ACCT0000002,Globex,1"
run -d "$db" import account "$T/in.csv"; expect_rc 0 "import accounts"
csv number,account,first_name,last_name "CT0000003,ACCT0000001,Jane,Doe" "CT0000004,ACCT0000001,John,Roe"
run -d "$db" import contact "$T/in.csv"; expect_rc 0 "import contacts"
csv number,first_name,last_name "CON0000001,Marie,Curie"
run -d "$db" import consumer "$T/in.csv"; expect_rc 0 "import consumer"
csv model_number,name "RT-1,Router"
run -d "$db" import product "$T/in.csv"; expect_rc 0 "import product"
csv number,product,account "SP0000012,RT-1,ACCT0000001"
run -d "$db" import sold_product "$T/in.csv"; expect_rc 0 "import sold product"
csv number,name,account "IB0000007,Router at HQ,ACCT0000001"
run -d "$db" import install_base "$T/in.csv"; expect_rc 0 "import item"
csv number,short_description,account "CS0000042,No signal,ACCT0000001" "CS0000043,Old,ACCT0000001"
run -d "$db" import case "$T/in.csv"; expect_rc 0 "import cases"
csv number,state,closed_at "CS0000043,closed,2026-11-20T10:00:00Z"
run -d "$db" import case "$T/in.csv"; expect_rc 0 "close a case by import"
[ "$(sql "$db" "SELECT state FROM cases WHERE number = 'CS0000043'")" = closed ] || fail "CS0000043 not closed"

run -d "$db" party list SP0000012;  expect_rc 0 "empty list"; expect_out "SP0000012 has no related parties" "empty list"
run -d "$db" party list XY0000001;  expect_rc 65 "unknown prefix"; expect_err "is not the number of a case" "unknown prefix"
run -d "$db" party list IB0000099;  expect_rc 66 "missing item"; expect_err "no install base item IB0000099" "missing item"

run -d "$db" party add SP0000012 --type "Co-Subscriber" --party CON0000001 --name "site owner"
expect_rc 0 "add consumer"; expect_out "added Marie Curie (CON0000001) to SP0000012 as Co-Subscriber" "add consumer"
expect_out "Can see SP0000012, its install base items and all their cases" "add consumer"
run -d "$db" party add SP0000012 --type "Billing Contact" --party CT0000003
expect_rc 0 "add listed"; expect_out "Listed only: grants no access" "add listed"
run -d "$db" party add SP0000012 --type "Wholesale Partner" --party ACCT0000001
expect_rc 0 "add account"; expect_out "Every contact of ACME can see SP0000012" "add account"
run -d "$db" party add SP0000012 --type "Sales Owner" --party alice
expect_rc 0 "add user"; expect_out "Alice Agent (alice)" "add user"
run -d "$db" party add IB0000007 --type "Network Owner" --party ACCT0000002
expect_rc 0 "add restricted account"; expect_out "Globex restricts contact access" "add restricted account"
run -d "$db" party add IB0000007 --type "Site Contact" --party CT0000004 --responsibility "Authorized Representative"
expect_rc 0 "add with responsibility"; expect_out "Can see IB0000007, its child items and their cases" "add with responsibility"
run -d "$db" party add CS0000042 --type "Authorized Representative" --party CT0000003
expect_rc 0 "add to case"; expect_out "Can see and comment on CS0000042" "add to case"

# refusals: exit code, message, and nothing written
before=$(sql "$db" "SELECT count(*) FROM related_party; SELECT count(*) FROM audit_log")
run -d "$db" party add SP0000012 --type "Co-Subscriber" --party CON0000001
expect_rc 65 "duplicate"; expect_err "Marie Curie (CON0000001) is already Co-Subscriber on SP0000012" "duplicate"
run -d "$db" party add SP0000012 --type "Co-Subscriber" --party CT0000004
expect_rc 65 "wrong kind"; expect_err "CT0000004 is a contact, but the type 'Co-Subscriber' takes a consumer" "wrong kind"
run -d "$db" party add SP0000012 --type "Co-Subscriber" --party CON0000077
expect_rc 66 "missing party"; expect_err "no consumer CON0000077" "missing party"
run -d "$db" party add SP0000012 --type "Watcher" --party alice
expect_rc 65 "type of another host kind"; expect_err "no related party type 'Watcher' for sold products" "type of another host kind"
run -d "$db" party add CS0000043 --type "Watcher" --party alice
expect_rc 65 "closed case"; expect_err "CS0000043 is closed: closed and canceled cases are read-only" "closed case"
run -d "$db" party add SP0000012 --type "Billing Contact" --party CT0000004 --responsibility Wizard
expect_rc 65 "unknown responsibility"; expect_err "no responsibility named 'Wizard'" "unknown responsibility"
after=$(sql "$db" "SELECT count(*) FROM related_party; SELECT count(*) FROM audit_log")
[ "$before" = "$after" ] || fail "refused adds changed the database ($before -> $after)"

run -d "$db" party list SP0000012
expect_rc 0 "list"; expect_out "Co-Subscriber" "list"; expect_out "site owner" "list"
expect_out "Billing Contact" "list"; expect_out "ACME (ACCT0000001)" "list"
run -d "$db" party list SP0000012 --json; expect_rc 0 "list json"
echo "$out" | python3 -c '
import json, sys
l = json.load(sys.stdin)
assert [e["order"] for e in l] == [1, 2, 3, 4], l
assert l[0]["party"] == "CON0000001" and l[0]["relationship"] == "site owner" and l[0]["authorized"]
assert l[1]["authorized"] is False and l[1]["access"] == "Listed only: grants no access"
assert l[3]["party_kind"] == "user" and l[3]["responsibility"] == "Account Manager"
' || fail "list --json content"

id=$(sql "$db" "SELECT id FROM related_party WHERE contact_id = (SELECT id FROM contact WHERE number = 'CT0000003') AND sold_product_id IS NOT NULL")
run -d "$db" party set SP0000012 "$id" --responsibility "Authorized Representative" --name "pays the bills"
expect_rc 0 "set"; expect_out "Can see SP0000012" "set"
[ "$(sql "$db" "SELECT relationship_name FROM related_party WHERE id = $id")" = "pays the bills" ] || fail "set did not write the name"
[ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE table_name = 'related_party' AND record_id = $id AND action = 'update'")" = 2 ] \
	|| fail "set did not audit both fields"
run -d "$db" party set IB0000007 "$id" --name x; expect_rc 66 "set on another host"; expect_err "IB0000007 has no related party $id" "set on another host"
run -d "$db" party set SP0000012 "$id" --responsibility Wizard; expect_rc 65 "set unknown responsibility"

run -d "$db" party remove SP0000012 --party alice; expect_rc 0 "remove by party"; expect_out "removed alice from SP0000012" "remove by party"
run -d "$db" party remove SP0000012 --party alice; expect_rc 66 "remove again"
run -d "$db" party remove SP0000012 "$id";        expect_rc 0 "remove by id"
run -d "$db" party remove SP0000012 "$id";        expect_rc 66 "remove id again"
[ "$(sql "$db" "SELECT count(*) FROM related_party WHERE sold_product_id IS NOT NULL")" = 2 ] || fail "remove left wrong rows"
[ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE table_name = 'related_party' AND action = 'delete'")" = 2 ] || fail "removals not audited"
run -d "$db" check; expect_rc 0 "check after party changes"
finish
