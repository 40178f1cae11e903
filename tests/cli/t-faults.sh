# t-faults.sh - faults of the database file and its surroundings.
#
# A read-only database file, a read-only directory, a missing directory for
# init, a file that is not a database (text, empty, another program's
# SQLite database), a database from a newer csm, a database locked by
# another writer for longer than csm waits, and a full disk (a file-size
# limit, so that no root tricks are needed): each gives a clear message and
# a clean non-zero exit, never a crash, and leaves the file as it was.
. "$(dirname "$0")/lib.sh"

sum() { cat "$@" 2>/dev/null | md5sum | cut -d' ' -f1; }

# expect_clean DESCRIPTION: a clean refusal (not a crash: no signal, no
# sanitizer report) with a "csm: " message
expect_clean() {
	checks=$((checks + 1))
	if [ "$rc" -eq 0 ] || [ "$rc" -ge 126 ]; then
		fail "$1: expected a clean non-zero exit, got $rc"
	fi
	checks=$((checks + 1))
	case "$err" in "csm: "*) ;; *) fail "$1: no 'csm: ' message" ;; esac
	checks=$((checks + 1))
	case "$err" in *Sanitizer* | *"runtime error"* | *internal*) fail "$1: crash or internal error" ;; esac
}

# expect_same FILE SUM DESCRIPTION
expect_same() {
	checks=$((checks + 1))
	[ "$(sum "$1")" = "$2" ] || fail "$3: $1 was changed"
}

printf 'number,name\n,Fault Test Co\n' >"$T/one.csv"
good="$T/good.db"
run -d "$good" init --model b2b; expect_rc 0 "init"
run -d "$good" import account "$T/one.csv"; expect_rc 0 "import"

# ---- missing directory for init -----------------------------------------
run -d "$T/no/such/dir/x.db" init
expect_rc 73 "init in a missing directory"; expect_clean "init in a missing directory"
expect_err "cannot create" "init in a missing directory"
checks=$((checks + 1))
[ ! -e "$T/no" ] || fail "init in a missing directory created something"

# ---- not a database ------------------------------------------------------
printf 'name,phone\nnot a database at all, just a CSV someone passed as --db\n' >"$T/text.db"
: >"$T/empty.db"
sqlite3 "$T/other.db" "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes(body) VALUES ('mine')"
for f in text empty other; do
	before=$(sum "$T/$f.db")
	for cmd in check "import account $T/one.csv" "export account" "find acme"; do
		# shellcheck disable=SC2086
		run -d "$T/$f.db" $cmd
		expect_clean "$f file: $cmd"
		expect_err "not a csm database" "$f file: $cmd"
		expect_same "$T/$f.db" "$before" "$f file: $cmd"
	done
	checks=$((checks + 1))
	[ ! -e "$T/$f.db-wal" ] || fail "$f file: a -wal file was left beside it"
done

# ---- a database from a newer csm ------------------------------------------
cp "$good" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
before=$(sum "$T/newer.db")
for cmd in check "import account $T/one.csv" "backup $T/newer-copy.db"; do
	# shellcheck disable=SC2086
	run -d "$T/newer.db" $cmd
	expect_rc 78 "newer database: $cmd"; expect_clean "newer database: $cmd"
	expect_err "newer than this csm" "newer database: $cmd"
	expect_same "$T/newer.db" "$before" "newer database: $cmd"
done

# ---- read-only file and read-only directory ----------------------------------
# root writes through permissions, so run csm as nobody when we are root
as_user=()
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null; then
		as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
	else
		echo "SKIP read-only cases: running as root without setpriv"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
	ro="$T/ro"
	mkdir -p "$ro/dir"
	cp "$good" "$ro/file.db"
	cp "$good" "$ro/dir/db.db"
	chmod 755 "$T" "$ro"
	chmod 644 "$T/one.csv"
	[ ${#as_user[@]} -gt 0 ] && chown 65534 "$ro" "$ro/dir/db.db"
	chmod 444 "$ro/file.db"
	chmod 555 "$ro/dir"
	rorun() {
		out=$("${as_user[@]}" env HOME="$ro" "$CSM" "$@" 2>"$ro/stderr")
		rc=$?
		err=$(cat "$ro/stderr")
	}
	for case in "file.db:read-only" "dir/db.db:directory"; do
		f="$ro/${case%%:*}"
		before=$(sum "$f")
		rorun -d "$f" import account "$T/one.csv"
		expect_rc 74 "${case#*:}: import"; expect_clean "${case#*:}: import"
		expect_err "read-only" "${case#*:}: import"
		expect_err "nothing was changed" "${case#*:}: import"
		expect_same "$f" "$before" "${case#*:}: import"
		# check only reads: it works on a read-only database (t-cli-fixes.sh)
		rorun -d "$f" check
		expect_rc 0 "${case#*:}: check"
		expect_same "$f" "$before" "${case#*:}: check"
	done
	chmod 755 "$ro/dir"
else
	echo "SKIP read-only cases"
fi

# ---- a database locked by another writer ----------------------------------
# The holder keeps the write lock for 4 s; csm is told to wait 1.5 s
# (CSM_LOCK_WAIT_MS; 30 s by default) and must then give up cleanly.
locked="$T/locked.db"
cp "$good" "$locked"
(
	echo "BEGIN EXCLUSIVE;"
	echo ".print locked"
	sleep 4
	echo "ROLLBACK;"
) | sqlite3 -batch "$locked" >"$T/holder.out" 2>&1 &
holder=$!
for _ in $(seq 1 500); do grep -q locked "$T/holder.out" && break; sleep 0.01; done
export CSM_LOCK_WAIT_MS=1500
run -d "$locked" import account "$T/one.csv"
expect_rc 74 "locked: import"; expect_clean "locked: import"
expect_err "the database is busy" "locked: import"
expect_err "nothing was changed" "locked: import"
run -d "$locked" case new --account ACCT0000001 --short "while locked"
expect_rc 74 "locked: case new"; expect_clean "locked: case new"
expect_err "the database is busy" "locked: case new"
# readers are not blocked by a writer (WAL)
run -d "$locked" export account
expect_rc 0 "locked: export reads while another process writes"
expect_out "Fault Test Co" "locked: export"
unset CSM_LOCK_WAIT_MS
wait "$holder"
checks=$((checks + 1))
[ "$(sql "$locked" "SELECT count(*) FROM account")" -eq 1 ] || fail "locked: rows were added"
run -d "$locked" check; expect_rc 0 "locked: check after the holder is gone"

# ---- full disk -------------------------------------------------------------
# A file-size limit (ulimit -f, SIGXFSZ ignored) makes every write past it
# fail as a full disk would (ENOSPC/EFBIG), with no root tricks.
full="$T/full.db"
cp "$good" "$full"
awk 'BEGIN { print "number,name,notes"
	for (i = 1; i <= 3000; i++) printf ",Disk Filler %d,%0500d\n", i, i }' >"$T/big.csv"
before_rows=$(sql "$full" "SELECT count(*) FROM account")
limit_kb=$(( $(stat -c %s "$full") / 1024 + 256 ))
out=$( (trap '' XFSZ; ulimit -f "$limit_kb"; exec "$CSM" -d "$full" import account "$T/big.csv") 2>"$T/stderr")
rc=$?
err=$(cat "$T/stderr")
expect_rc 74 "full disk: import"; expect_clean "full disk: import"
checks=$((checks + 1))
case "$err" in *"disk is full"* | *"disk I/O error"* | *"cannot write"*) ;;
	*) fail "full disk: the message does not say the disk is full" ;; esac
run -d "$full" check; expect_rc 0 "full disk: check afterwards"
checks=$((checks + 1))
[ "$(sql "$full" "SELECT count(*) FROM account")" -eq "$before_rows" ] || fail "full disk: rows were added"
finish
