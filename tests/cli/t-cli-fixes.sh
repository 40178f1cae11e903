# t-cli-fixes.sh - defects of the command line, one section each: the header
# of `case list`, usage errors for missing options (64), read-only
# databases, a bounded wait for `backup`, location keys for `report
# --under`, and account relationship types by import.
. "$(dirname "$0")/lib.sh"

db="$T/f.db"
me=$(id -un)
csv() { printf '%s\n' "$@" > "$T/in.csv"; }
# cols TEXT: the display column where each run of 2+ spaces ends on the
# first line of TEXT (East Asian wide characters count 2)
cols() {
	printf '%s' "$1" | python3 -c '
import re, sys, unicodedata
line = sys.stdin.read().split("\n")[0]
w = lambda s: sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)
print(" ".join(str(w(line[:m.end()])) for m in re.finditer(r"  +", line)))'
}

run -d "$db" init --model b2b --industry telecom; expect_rc 0 "init"
csv login,name,roles "$me,Me Admin,admin agent" "alice,Alice Agent,agent"
run -d "$db" import user "$T/in.csv";    expect_rc 0 "import users"
csv number,name "ACCT0000001,Acme" "ACCT0000002,東京電力 Çağrı Merkezi"
run -d "$db" import account "$T/in.csv"; expect_rc 0 "import accounts"

# ---- 1. case list has a header row, aligned by display width --------------
run -d "$db" case list;                  expect_rc 0 "empty list"; expect_out "no cases" "empty list"
run -d "$db" case new --account ACCT0000001 --short "Router down" --priority 2
expect_rc 0 "case 1"
run -d "$db" case new --account ACCT0000002 --short "No dial tone"
expect_rc 0 "case 2"
run -d "$db" case assign CS0000002 --to alice; expect_rc 0 "assign"
run -d "$db" case list
expect_rc 0 "list"
checks=$((checks + 1))
case "$out" in "NUMBER     PRI  STATE          CUSTOMER"*"ASSIGNED TO"*"SHORT DESCRIPTION"*) ;;
	*) fail "case list: no header row" ;; esac
head=$(cols "$out")
while IFS= read -r line; do
	checks=$((checks + 1))
	[ "$(cols "$line")" = "$head" ] || fail "case list: row '$line' not aligned with the header ($(cols "$line") vs $head)"
done <<< "$(printf '%s\n' "$out" | tail -n +2)"
expect_out "東京電力 Çağrı Merkezi" "list shows the wide name"
expect_out "alice" "list shows the assignee"
run -d "$db" case list --json
expect_rc 0 "list json"
printf '%s' "$out" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert [c["number"] for c in j] == ["CS0000001", "CS0000002"], j' \
	|| fail "case list --json changed"
# ---- 2. a missing required option is a usage error (64) that names it -----
n_cases=$(sql "$db" "SELECT count(*) FROM cases")
run -d "$db" case new --account ACCT0000001
expect_rc 64 "new without --short"; expect_err "--short TEXT is required" "new without --short"
run -d "$db" case new --account ACCT0000001 --short "  "
expect_rc 64 "new with a blank --short"; expect_err "--short TEXT is required" "new with a blank --short"
run -d "$db" case new --short "No customer"
expect_rc 64 "new without a customer"; expect_err "the customer is missing: give --account ACCT" "new without a customer"
run -d "$T/none.db" case new --short "No database either"
expect_rc 64 "usage before the database"; expect_err "the customer is missing" "usage before the database"
run -d "$db" case transition CS0000002 resolve --notes "fixed"
expect_rc 64 "resolve without --code"; expect_err "'resolve' needs --code CODE" "resolve without --code"
run -d "$db" case transition CS0000002 close
expect_rc 64 "close without --notes"; expect_err "'close' needs --notes TEXT" "close without --notes"
run -d "$db" party add CS0000002 --type Watcher
expect_rc 64 "party add without --party"; expect_err "--party NUMBER|LOGIN is missing" "party add without --party"
run -d "$db" party add CS0000002 --party alice
expect_rc 64 "party add without --type"; expect_err "--type NAME is missing" "party add without --type"
run -d "$db" user add bob
expect_rc 64 "user add without --name"; expect_err "--name is required" "user add without --name"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM cases")" = "$n_cases" ] || fail "usage errors wrote cases"

finish
