# t-report.sh - csm report install-base: the location tree with rolled-up
# counts, as a UTF-8 aligned table and as nested JSON.  The database is
# built with csm init and csm import (there is no csm seed yet).
. "$(dirname "$0")/lib.sh"

db="$T/r.db"
run -d "$db" init --model b2b; expect_rc 0 "init"

cat > "$T/loc.csv" <<'CSV'
key,name,type,parent
L1,Deutschland,country,
L2,München,city,L1
L3,Filiale Süd,site,L2
L4,Berlin,city,L1
L5,東京,country,
L6,Leer,site,L4
CSV
cat > "$T/acc.csv" <<'CSV'
number,name
ACCT0000001,Bank
CSV
cat > "$T/ib.csv" <<'CSV'
number,name,account,location,state
IB0000001,ATM 1,ACCT0000001,L3,in_use
IB0000002,ATM 2,ACCT0000001,L3,in_repair
IB0000003,ATM 3,ACCT0000001,L4,in_use
IB0000004,Kiosk,ACCT0000001,L5,in_use
IB0000005,Safe,ACCT0000001,L2,in_repair
CSV
cat > "$T/case.csv" <<'CSV'
number,short_description,account,install_base
CS0000001,Card stuck,ACCT0000001,IB0000002
CS0000002,Screen dark,ACCT0000001,IB0000002
CS0000003,Old problem,ACCT0000001,IB0000003
CS0000004,Kiosk slow,ACCT0000001,IB0000004
CSV
for k in location:loc account:acc install_base:ib case:case; do
	run -d "$db" import "${k%%:*}" "$T/${k##*:}.csv"; expect_rc 0 "import ${k%%:*}"
done
# then one case closed, and one item inactive after its case was opened
cat > "$T/case2.csv" <<'CSV'
number,short_description,account,install_base,state,closed_at,resolution_notes
CS0000003,Old problem,ACCT0000001,IB0000003,closed,2026-01-01T00:00:00Z,done
CSV
cat > "$T/ib2.csv" <<'CSV'
number,name,account,location,state
IB0000004,Kiosk,ACCT0000001,L5,inactive
CSV
run -d "$db" import case "$T/case2.csv"; expect_rc 0 "closing a case"
run -d "$db" import install_base "$T/ib2.csv"; expect_rc 0 "an inactive item"

run -d "$db" report install-base
expect_rc 0 "report"
expected='LOCATION         TYPE        ITEMS    IN USE  IN REPAIR  OPEN CASES
Deutschland      country         4         2          2           2
  Berlin         city            1         1          0           0
    Leer         site            0         0          0           0
  München        city            3         1          2           2
    Filiale Süd  site            2         1          1           2
東京             country         1         0          0           1'
checks=$((checks + 1))
[ "$out" = "$expected" ] || { fail "report table"; diff <(echo "$expected") <(echo "$out") >&2; }

run -d "$db" report install-base --under 'münchen'
expect_rc 0 "report --under name"
expected='LOCATION       TYPE     ITEMS    IN USE  IN REPAIR  OPEN CASES
München        city         3         1          2           2
  Filiale Süd  site         2         1          1           2'
checks=$((checks + 1))
[ "$out" = "$expected" ] || { fail "report --under"; diff <(echo "$expected") <(echo "$out") >&2; }

run -d "$db" report install-base --under 2 --json
expect_rc 0 "report --json"
expected='[{"id":2,"name":"München","type":"city","items":3,"in_use":1,"in_repair":2,"open_cases":2,"here":{"items":1,"in_use":0,"in_repair":1,"open_cases":0},"children":[{"id":3,"name":"Filiale Süd","type":"site","items":2,"in_use":1,"in_repair":1,"open_cases":2,"here":{"items":2,"in_use":1,"in_repair":1,"open_cases":2},"children":[]}]}]'
checks=$((checks + 1))
[ "$out" = "$expected" ] || fail "report --json"

# the whole tree as JSON is valid and nests every location once
run -d "$db" report install-base --json
expect_rc 0 "report --json all"
checks=$((checks + 1))
[ "$(sqlite3 :memory: "SELECT json_valid('$out')")" = 1 ] || fail "json is not valid"
checks=$((checks + 1))
n=$(sqlite3 :memory: "SELECT count(*) FROM json_tree('$out') WHERE key = 'name'")
[ "$n" = 6 ] || fail "json nests 6 locations, got $n"
checks=$((checks + 1))
roots=$(sqlite3 :memory: "SELECT group_concat(json_extract(value, '\$.name'), '|') FROM json_each('$out')")
[ "$roots" = "Deutschland|東京" ] || fail "json roots: $roots"

run -d "$db" report install-base --under Atlantis
expect_rc 66 "unknown location"; expect_err "no location 'Atlantis'" "unknown location"
run -d "$db" report install-base --under 999
expect_rc 66 "unknown location id"
run -d "$db" report install-base --bogus
expect_rc 64 "unknown option"
run -d "$db" report install-base extra
expect_rc 64 "extra argument"
run -d "$db" report
expect_rc 64 "no report"
run -d "$db" report sales
expect_rc 64 "unknown report"; expect_err "unknown report 'sales'" "unknown report"

# an empty database has no locations
run -d "$T/e.db" init --model b2c
run -d "$T/e.db" report install-base
expect_rc 0 "empty report"; expect_out "no locations" "empty report"
run -d "$T/e.db" report install-base --json
expect_out "[]" "empty json"
finish
