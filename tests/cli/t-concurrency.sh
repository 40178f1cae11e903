# t-concurrency.sh - many csm processes writing one WAL database at once.
#
# WORKERS processes (default 8) start together; each imports its own file of
# ACCOUNTS accounts with an empty number column (so every row takes a
# generated number) and opens CASES cases with `csm case new`, the even ones
# importing first and the odd ones opening cases first, so that imports and
# case saves overlap.  Every command must succeed (no "database is locked"
# or "busy" reaches the user), the numbers must be unique and gapless, the
# counts must add up, and `csm check` must pass.
. "$(dirname "$0")/lib.sh"
unset CSM_LOCK_WAIT_MS # the default bounded wait is what is tested

workers=${CONC_WORKERS:-8}
accounts=${CONC_ACCOUNTS:-300}
cases=${CONC_CASES:-12}
db="$T/conc.db"

run -d "$db" init --model b2b; expect_rc 0 "init"
printf 'number,name\n,Base Customer\n' >"$T/base.csv"
run -d "$db" import account "$T/base.csv"; expect_rc 0 "base account"

for w in $(seq 1 "$workers"); do
	awk -v w="$w" -v n="$accounts" 'BEGIN {
		print "number,name,phone,notes"
		for (i = 1; i <= n; i++)
			printf ",Worker %d Account %d,+1 555 %03d %04d,\"from worker %d, row %d\"\n", w, i, w, i, w, i
	}' >"$T/acc-$w.csv"
done

# worker W: waits for the start signal, then does its part; every command's
# exit status goes to $T/w-W.rc and its stderr to $T/w-W.err
worker() {
	local w=$1 rc=0 j
	while [ ! -e "$T/go" ]; do sleep 0.01; done
	do_import() {
		"$CSM" -d "$db" import account "$T/acc-$w.csv" >>"$T/w-$w.out" 2>>"$T/w-$w.err" || rc=$?
	}
	do_cases() {
		for j in $(seq 1 "$cases"); do
			"$CSM" -d "$db" case new --account ACCT0000001 --short "worker $w case $j" \
				>>"$T/w-$w.out" 2>>"$T/w-$w.err" || rc=$?
		done
	}
	if [ $((w % 2)) -eq 0 ]; then do_import; do_cases; else do_cases; do_import; fi
	echo "$rc" >"$T/w-$w.rc"
}

pids=""
for w in $(seq 1 "$workers"); do
	worker "$w" &
	pids="$pids $!"
done
t0=$(date +%s%3N)
touch "$T/go"
# shellcheck disable=SC2086
wait $pids
elapsed=$(($(date +%s%3N) - t0))

for w in $(seq 1 "$workers"); do
	checks=$((checks + 1))
	rc=$(cat "$T/w-$w.rc" 2>/dev/null || echo missing)
	out=$(cat "$T/w-$w.out" 2>/dev/null)
	err=$(grep -v 'no entitlement covers this case' "$T/w-$w.err" 2>/dev/null)
	[ "$rc" = 0 ] || fail "worker $w: a command failed (exit $rc)"
	checks=$((checks + 1))
	case "$err" in *locked* | *busy* | *BUSY*) fail "worker $w: busy/locked reached the user" ;; esac
	checks=$((checks + 1))
	[ "$(grep -c '^CS[0-9]' "$T/w-$w.out")" -eq "$cases" ] || fail "worker $w: expected $cases case numbers"
done

rc=0 out="" err=""
want_accounts=$((1 + workers * accounts))
want_cases=$((workers * cases))
checks=$((checks + 1))
got=$(sql "$db" "SELECT count(*) FROM account")
[ "$got" -eq "$want_accounts" ] || fail "accounts: $got, expected $want_accounts"
checks=$((checks + 1))
got=$(sql "$db" "SELECT count(*) FROM cases")
[ "$got" -eq "$want_cases" ] || fail "cases: $got, expected $want_cases"
# unique and gapless: N distinct numbers whose highest is the Nth
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(DISTINCT number) = $want_accounts AND max(number) = printf('ACCT%07d', $want_accounts) FROM account")" = 1 ] ||
	fail "account numbers are not unique and gapless"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(DISTINCT number) = $want_cases AND max(number) = printf('CS%07d', $want_cases) FROM cases")" = 1 ] ||
	fail "case numbers are not unique and gapless"
# the case numbers the workers were told are the ones stored
checks=$((checks + 1))
[ "$(cat "$T"/w-*.out | grep '^CS[0-9]' | sort -u | wc -l)" -eq "$want_cases" ] ||
	fail "the printed case numbers are not $want_cases distinct ones"
# every worker's rows are all there
for w in $(seq 1 "$workers"); do
	checks=$((checks + 1))
	got=$(sql "$db" "SELECT count(*) FROM account WHERE name LIKE 'Worker $w Account %'")
	[ "$got" -eq "$accounts" ] || fail "worker $w: $got of $accounts accounts stored"
	checks=$((checks + 1))
	got=$(sql "$db" "SELECT count(*) FROM cases WHERE short_description LIKE 'worker $w case %'")
	[ "$got" -eq "$cases" ] || fail "worker $w: $got of $cases cases stored"
done
run -d "$db" check; expect_rc 0 "check after the concurrent writers"
echo "$workers processes at once: $((workers * accounts)) accounts imported, $want_cases cases opened in ${elapsed} ms"

# A writer that holds the lock longer than SQLite's busy timeout (5 s), as a
# long import does: a case save waits for it (bounded retry in store_begin)
# instead of telling the user the database is locked.
(
	echo "BEGIN EXCLUSIVE;"
	echo ".print locked"
	sleep 7
	echo "COMMIT;"
) | sqlite3 -batch "$db" >"$T/holder.out" 2>&1 &
holder=$!
for _ in $(seq 1 500); do grep -q locked "$T/holder.out" && break; sleep 0.01; done
t0=$(date +%s%3N)
run -d "$db" case new --account ACCT0000001 --short "after a long writer"
waited=$(($(date +%s%3N) - t0))
wait "$holder"
expect_rc 0 "case new while another process holds the write lock for 7 s"
expect_out "CS" "case new after waiting for the lock"
checks=$((checks + 1))
[ "$waited" -ge 5000 ] || fail "case new did not wait for the lock (${waited} ms): the test did not hold it"
echo "waited ${waited} ms for a writer that held the lock for 7 s"
finish
