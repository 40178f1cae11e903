# t-crash.sh - kill -9 at random moments of `csm import`, a case save
# (`csm case new` and `csm case transition`) and `csm seed`.
#
# After every kill the database must open, `csm check` must pass, and the
# operation must be there whole or not at all: an import of N accounts adds
# 0 or N rows, a seed leaves the tables as after init or as a full seed.
# The kill delays are random in 0 .. 1.1 x the time an uninterrupted run
# takes on this machine (measured first), so the kills land before, during
# and after the transaction.  CRASH_IMPORT_KILLS / CRASH_SEED_KILLS change
# how many kill points are tried (defaults 16 and 6); on a slow machine (a
# sanitizer build, a loaded CI box) each phase stops early once it has used
# its share of CRASH_BUDGET_S seconds (default 60) and tried at least a
# third of its points.
. "$(dirname "$0")/lib.sh"

import_kills=${CRASH_IMPORT_KILLS:-16}
seed_kills=${CRASH_SEED_KILLS:-6}
rows=${CRASH_ROWS:-4000}
budget_ms=$((${CRASH_BUDGET_S:-60} * 1000))
tried=0      # kill points tried
mid=0        # of those, kills that hit a running process
RANDOM=$$

now_ms() { date +%s%3N; }
start_ms=$(now_ms)

# over_budget DONE WANTED SHARE: true when this phase may stop (at least a
# third of its points done and the elapsed time past SHARE of the budget)
over_budget() {
	[ $(($1 * 3)) -ge "$2" ] && [ $(($(now_ms) - start_ms)) -ge $((budget_ms * $3 / 100)) ]
}

# kill_after MS CMD...: runs csm in the background, kill -9 after MS ms;
# sets $hit to 1 when the process was still running.
kill_after() {
	local ms=$1
	shift
	"$CSM" "$@" >"$T/bg.out" 2>"$T/bg.err" &
	local pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	hit=0
	kill -9 "$pid" 2>/dev/null && hit=1
	wait "$pid" 2>/dev/null
	tried=$((tried + 1))
	mid=$((mid + hit))
}

# check_db DB WHAT: the database opens and `csm check` passes.
check_db() {
	run -d "$1" check
	expect_rc 0 "$2: csm check after the kill"
	expect_out "ok" "$2: csm check after the kill"
}

# ---- import ----------------------------------------------------------------
db="$T/import.db"
run -d "$db" init --model b2b; expect_rc 0 "init"
awk -v n="$rows" 'BEGIN {
	print "number,name,phone,website,notes"
	for (i = 1; i <= n; i++)
		printf ",Crash Test Account %d,+1 555 %07d,https://c%d.example,\"note, \"\"quoted\"\"\"\n", i, i, i
}' >"$T/accounts.csv"
count() { sql "$db" "SELECT count(*) FROM account"; }

# one uninterrupted import: how long it takes, and that it adds all rows
before=$(count)
t0=$(now_ms)
run -d "$db" import account "$T/accounts.csv"
dur=$(($(now_ms) - t0))
expect_rc 0 "reference import"
checks=$((checks + 1))
[ "$(count)" -eq $((before + rows)) ] || fail "reference import: $(count) accounts, expected $((before + rows))"

done_import=0
for i in $(seq 1 "$import_kills"); do
	over_budget "$done_import" "$import_kills" 55 && break
	done_import=$i
	before=$(count)
	ms=$((RANDOM % (dur * 11 / 10 + 1)))
	kill_after "$ms" -d "$db" import account "$T/accounts.csv"
	check_db "$db" "import kill $i at ${ms} ms"
	after=$(count)
	checks=$((checks + 1))
	if [ "$after" -ne "$before" ] && [ "$after" -ne $((before + rows)) ]; then
		fail "import kill $i at ${ms} ms: $after accounts, expected $before or $((before + rows))"
	fi
	# generated numbers stay unique and gapless: the counter rolls back too
	checks=$((checks + 1))
	[ "$(sql "$db" "SELECT count(DISTINCT number) = count(*) AND max(number) = printf('ACCT%07d', count(*)) FROM account")" = 1 ] ||
		fail "import kill $i: account numbers are not unique and gapless"
done
echo "import: $done_import kill points, reference run ${dur} ms for $rows rows"

# ---- case save -------------------------------------------------------------
case_kills=${CRASH_CASE_KILLS:-12}
ncases() { sql "$db" "SELECT count(*) FROM cases"; }
# a case is whole when its 'opened' journal entry and its audit row are there
broken_cases() {
	sql "$db" "SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_journal j
	  WHERE j.case_id = c.id AND j.kind = 'system')
	  OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.table_name = 'cases'
	  AND a.record_id = c.id AND a.action = 'insert')"
}
t0=$(now_ms)
run -d "$db" case new --account ACCT0000001 --short "Crash reference case"
dur=$(($(now_ms) - t0))
expect_rc 0 "reference case save"
done_case=0
for i in $(seq 1 "$case_kills"); do
	over_budget "$done_case" "$case_kills" 75 && break
	done_case=$i
	before=$(ncases)
	ms=$((RANDOM % (dur * 11 / 10 + 1)))
	kill_after "$ms" -d "$db" case new --account ACCT0000001 --short "Crash case $i"
	check_db "$db" "case save kill $i at ${ms} ms"
	after=$(ncases)
	checks=$((checks + 1))
	[ "$after" -eq "$before" ] || [ "$after" -eq $((before + 1)) ] ||
		fail "case save kill $i: $after cases, expected $before or $((before + 1))"
	checks=$((checks + 1))
	[ "$(broken_cases)" = 0 ] || fail "case save kill $i: a case without its journal or audit rows"
	# a transition: the state, the version and its journal entry move together
	num=$(sql "$db" "SELECT number FROM cases WHERE state = 'new' ORDER BY id DESC LIMIT 1")
	[ -n "$num" ] || continue
	kill_after "$ms" -d "$db" case transition "$num" accept
	check_db "$db" "transition kill $i at ${ms} ms"
	checks=$((checks + 1))
	[ "$(sql "$db" "SELECT (state = 'new' AND version = 1 AND (SELECT count(*) FROM case_journal
	  WHERE case_id = c.id) = 1) OR (state = 'open' AND version = 2 AND (SELECT count(*)
	  FROM case_journal WHERE case_id = c.id) = 2) FROM cases c WHERE number = '$num'")" = 1 ] ||
		fail "transition kill $i at ${ms} ms: state, version and journal of $num disagree"
done
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(DISTINCT number) = count(*) AND max(number) = printf('CS%07d', count(*)) FROM cases")" = 1 ] ||
	fail "case numbers are not unique and gapless after the kills"
echo "case save: $done_case kill points (each a case new and a transition), reference run ${dur} ms"

# ---- seed ------------------------------------------------------------------
tables="account contact cases case_journal install_base_item sold_product related_party"
snapshot() {
	local q="" sep=""
	for t in $tables; do
		q="$q${sep}(SELECT count(*) FROM $t)"
		sep=" || ',' || "
	done
	sql "$1" "SELECT $q"
}
ref="$T/seed-ref.db"
run -d "$ref" init --model b2b; expect_rc 0 "init for the reference seed"
empty=$(snapshot "$ref")
t0=$(now_ms)
run -d "$ref" seed
dur=$(($(now_ms) - t0))
expect_rc 0 "reference seed"
full=$(snapshot "$ref")
checks=$((checks + 1))
[ "$full" != "$empty" ] || fail "reference seed added nothing ($full)"

done_seed=0
for i in $(seq 1 "$seed_kills"); do
	over_budget "$done_seed" "$seed_kills" 100 && break
	done_seed=$i
	sdb="$T/seed-$i.db"
	run -d "$sdb" init --model b2b; expect_rc 0 "init $i"
	ms=$((RANDOM % (dur * 11 / 10 + 1)))
	kill_after "$ms" -d "$sdb" seed
	check_db "$sdb" "seed kill $i at ${ms} ms"
	got=$(snapshot "$sdb")
	checks=$((checks + 1))
	[ "$got" = "$empty" ] || [ "$got" = "$full" ] ||
		fail "seed kill $i at ${ms} ms: rows $got, expected $empty (none) or $full (all)"
	rm -f "$sdb" "$sdb-wal" "$sdb-shm"
done
echo "seed: $done_seed kill points, reference run ${dur} ms"
echo "kill points tried: $tried ($mid hit a running process)"
finish
