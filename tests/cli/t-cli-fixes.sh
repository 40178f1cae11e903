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

# ---- 3. commands that only read open the database read-only -----------------
# root writes through permissions, so run csm as nobody when we are root
as_user=()
[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
if [ "$(id -u)" -ne 0 ] || [ ${#as_user[@]} -gt 0 ]; then
	ro="$T/ro"
	mkdir -p "$ro/file" "$ro/dir" "$ro/wal"
	chmod 755 "$T" "$ro"
	reader=$(if [ ${#as_user[@]} -gt 0 ]; then echo nobody; else id -un; fi)
	[ "$reader" = "$me" ] || { run -d "$db" user add "$reader" --name Reader --role agent; expect_rc 0 "add the reader"; }
	rorun() {
		out=$("${as_user[@]}" env HOME="$ro" "$CSM" "$@" 2>"$ro/stderr")
		rc=$?
		err=$(cat "$ro/stderr")
	}
	# the same database three ways: a 444 file in a directory the reader may
	# write, a file in a read-only directory, and a 444 file whose writer
	# died with committed rows still in its -wal (and -shm) beside it
	cp "$db" "$ro/file/f.db"; cp "$db" "$ro/dir/f.db"; cp "$db" "$ro/wal/f.db"
	[ ${#as_user[@]} -gt 0 ] && chown 65534 "$ro/file" "$ro/wal"
	chmod 444 "$ro/file/f.db" "$ro/wal/f.db"
	(echo "SELECT count(*) FROM account;"; sleep 60) | sqlite3 -batch "$ro/wal/f.db" >/dev/null 2>&1 &
	holder=$!
	for _ in $(seq 1 200); do [ -e "$ro/wal/f.db-shm" ] && break; sleep 0.02; done
	csv number,name "ACCT0000009,Zebra Logistics"
	run -d "$ro/wal/f.db" import account "$T/in.csv"; expect_rc 0 "write into the -wal"
	pkill -9 -P "$holder" sqlite3; kill -9 "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
	checks=$((checks + 1))
	[ -s "$ro/wal/f.db-wal" ] || fail "the -wal did not survive its writer"
	chmod 555 "$ro/dir"
	for where in file dir wal; do
		f="$ro/$where/f.db"
		before=$(ls "$ro/$where"; cat "$f" | cksum)
		rorun -d "$f" check
		expect_rc 0 "$where: check"; expect_out "$f: ok" "$where: check"
		expect_err "read-only: the search index was not checked" "$where: check"
		rorun -d "$f" export account
		expect_rc 0 "$where: export"; expect_out "ACCT0000002" "$where: export"
		rorun -d "$f" find Acme
		expect_rc 0 "$where: find"; expect_out "ACCT0000001" "$where: find"
		rorun -d "$f" report install-base
		expect_rc 0 "$where: report"
		rorun -d "$f" import account "$T/in.csv"
		expect_rc 74 "$where: import refused"; expect_err "read-only" "$where: import refused"
		checks=$((checks + 1))
		[ "$before" = "$(ls "$ro/$where"; cat "$f" | cksum)" ] || fail "$where: reading changed the files"
	done
	rorun -d "$ro/wal/f.db" export account; expect_out "Zebra Logistics" "wal: rows of the -wal are read"
	rorun -d "$ro/wal/f.db" find zebra;     expect_out "ACCT0000009" "wal: the -wal's search rows are read"
	# an older schema cannot be upgraded read-only: said plainly, exit 78
	cp "$db" "$ro/file/old.db"; sqlite3 "$ro/file/old.db" "PRAGMA user_version = 1"; chmod 444 "$ro/file/old.db"
	rorun -d "$ro/file/old.db" export account
	expect_rc 78 "old schema read-only"; expect_err "open it read-write once to upgrade" "old schema read-only"
	chmod 755 "$ro/dir"
else
	echo "SKIP read-only cases: running as root without setpriv"
fi
# a writable database: check still checks the search index (it writes)
run -d "$db" check; expect_rc 0 "check read-write"
case "$err" in *"not checked"*) fail "check of a writable database skipped the search index" ;; esac

# ---- 5. report --under takes the location keys that export prints -----------
csv key,name,type,parent "de,Deutschland,country," "muc,München,city,de"
run -d "$db" import location "$T/in.csv"; expect_rc 0 "import locations"
csv key,name,type,parent ",Hamburg,city,de"
run -d "$db" import location "$T/in.csv"; expect_rc 0 "import a location without a key"
hh=$(sql "$db" "SELECT id FROM location WHERE name = 'Hamburg'")
run -d "$db" export location; expect_rc 0 "export locations"
expect_out "LOC$hh,Hamburg,city,de" "export prints LOC<id> for a location made in csm"
for key in muc "LOC$hh" München "$hh"; do
	run -d "$db" report install-base --under "$key"
	expect_rc 0 "--under $key"
	checks=$((checks + 1))
	first=$(printf '%s\n' "$out" | sed -n 2p)
	case "$key" in muc | München) want=München ;; *) want=Hamburg ;; esac
	case "$first" in "$want "*) ;; *) fail "--under $key: the tree starts at '$first', not $want" ;; esac
done
run -d "$db" report install-base --under de --json; expect_rc 0 "--under key --json"
expect_out '"name":"Deutschland"' "--under key --json"
run -d "$db" report install-base --under LOC999999; expect_rc 66 "--under unknown key"; expect_err "no location 'LOC999999'" "--under unknown key"

# ---- 6. account relationship types by import ---------------------------------
csv from,to,type "ACCT0000001,ACCT0000002,Reseller"
run -d "$db" import account_relationship "$T/in.csv"
expect_rc 65 "relationship of an unknown type"; expect_err "no account relationship type \"Reseller\"" "unknown type"
csv name,forward_name,reverse_name "Reseller,resells for,sells through" "Partner,partner of,has partner"
run -d "$db" import account_relationship_type "$T/in.csv" --dry-run
expect_rc 0 "types dry run"; expect_out "2 would be inserted" "types dry run"
run -d "$db" import account_relationship_type "$T/in.csv"
expect_rc 0 "import types"; expect_out "2 inserted" "import types"
csv name,forward_name "Reseller,resells"
run -d "$db" import account_relationship_type "$T/in.csv"
expect_rc 0 "rename a direction"; expect_out "1 updated" "rename a direction"
csv name,reverse_name "Supplier,supplied by"
run -d "$db" import account_relationship_type "$T/in.csv"
expect_rc 65 "a new type needs both names"; expect_err "forward_name" "a new type needs both names"
run -d "$db" export account_relationship_type
expect_rc 0 "export types"
checks=$((checks + 1))
[ "$(printf '%s' "$out" | tr -d '\r')" = "$(printf 'name,forward_name,reverse_name\nReseller,resells,sells through\nPartner,partner of,has partner')" ] \
	|| fail "export of the types: $out"
run -d "$db" import account_relationship_type /dev/stdin <<< "$out"
expect_rc 0 "re-import the export"; expect_out "2 unchanged" "re-import the export"
csv from,to,type "ACCT0000001,ACCT0000002,Reseller"
run -d "$db" import account_relationship "$T/in.csv"; expect_rc 0 "relationship of the new type"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE table_name = 'account_relationship_type'")" -ge 3 ] \
	|| fail "type changes are not audited"
run -d "$db" check; expect_rc 0 "check after the types"

# ---- 4. backup waits for a busy database no longer than CSM_LOCK_WAIT_MS ------
# In WAL mode nothing another process does keeps csm's copy out once csm has
# opened the database (a reader-excluding lock needs it closed), so the busy
# source is injected: a small preloaded library makes sqlite3_backup_step()
# answer SQLITE_BUSY, as it does while another process holds such a lock.
cc=${CC:-cc}
if command -v "$cc" >/dev/null && command -v timeout >/dev/null; then
	cat > "$T/busy.c" <<'CEOF'
typedef struct sqlite3_backup sqlite3_backup;
int sqlite3_backup_step(sqlite3_backup *b, int n)
{
	(void)b;
	(void)n;
	return 5; /* SQLITE_BUSY */
}
CEOF
	if "$cc" -shared -fPIC -o "$T/busy.so" "$T/busy.c" 2>"$T/cc.err"; then
		start=$(date +%s%N)
		out=$(LD_PRELOAD="$T/busy.so" CSM_LOCK_WAIT_MS=1500 \
			ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
			timeout 20 "$CSM" -d "$db" backup "$T/busy-copy.db" 2>"$T/stderr")
		rc=$?
		err=$(cat "$T/stderr")
		ms=$(( ($(date +%s%N) - start) / 1000000 ))
		expect_rc 74 "backup of a busy database"
		expect_err "the database is busy" "backup of a busy database"
		expect_err "no copy was made" "backup of a busy database"
		checks=$((checks + 1))
		[ "$ms" -ge 1400 ] && [ "$ms" -lt 8000 ] || fail "backup gave up after ${ms} ms for a 1.5 s lock wait"
		checks=$((checks + 1))
		[ ! -e "$T/busy-copy.db" ] || fail "a failed backup left its copy"
		run -d "$db" backup "$T/busy-copy.db"; expect_rc 0 "backup when not busy"
		run -d "$T/busy-copy.db" check;      expect_rc 0 "the copy checks"
	else
		echo "SKIP backup busy case: cannot build the preload library: $(cat "$T/cc.err")"
	fi
else
	echo "SKIP backup busy case: no C compiler or timeout"
fi

finish
