# t-backup-restore.sh - csm backup while another process writes, csm restore.
#
# A backup taken while a writer imports and opens cases is a consistent
# copy (it passes csm check, every import in it is whole).  csm restore
# refuses a bad file (missing, text, damaged, another program's database,
# a newer csm's, the database itself) and changes nothing then; a good
# backup replaces the database, the replaced one is kept beside it, and an
# older schema version is upgraded when the database is opened again.
. "$(dirname "$0")/lib.sh"

sum() { md5sum <"$1" | cut -d' ' -f1; }
db="$T/live.db"
run -d "$db" init --model b2b; expect_rc 0 "init"
printf 'number,name\n,Backup Base Co\n' >"$T/base.csv"
run -d "$db" import account "$T/base.csv"; expect_rc 0 "base account"
rows=500
for w in 1 2 3 4 5 6; do
	awk -v w="$w" -v n="$rows" 'BEGIN { print "number,name,notes"
		for (i = 1; i <= n; i++) printf ",Batch %d Account %d,\"batch %d\"\n", w, i, w }' >"$T/batch-$w.csv"
done

# ---- backup while another process writes -------------------------------------
(
	for w in 1 2 3 4 5 6; do
		"$CSM" -d "$db" import account "$T/batch-$w.csv" >/dev/null 2>>"$T/writer.err" || echo "import $w failed" >>"$T/writer.err"
		"$CSM" -d "$db" case new --account ACCT0000001 --short "written during backups $w" \
			>/dev/null 2>>"$T/writer.err.raw" || echo "case $w failed" >>"$T/writer.err"
	done
) &
writer=$!
n=0
while kill -0 "$writer" 2>/dev/null && [ "$n" -lt 20 ]; do
	n=$((n + 1))
	run -d "$db" backup "$T/copy-$n.db"
	expect_rc 0 "backup $n while writing"
done
wait "$writer"
checks=$((checks + 1))
[ ! -s "$T/writer.err" ] || { err=$(cat "$T/writer.err"); fail "the writer failed during backups"; }
checks=$((checks + 1))
[ "$n" -ge 2 ] || fail "only $n backups were taken while writing"
for i in $(seq 1 "$n"); do
	run -d "$T/copy-$i.db" check
	expect_rc 0 "backup $i is a good database"
	# every import in the copy is whole: accounts = 1 + k x rows
	checks=$((checks + 1))
	got=$(sql "$T/copy-$i.db" "SELECT count(*) FROM account")
	[ $(((got - 1) % rows)) -eq 0 ] || fail "backup $i: $got accounts, a partial import"
done
echo "$n backups taken while another process wrote"

# ---- restore refuses bad files ---------------------------------------------
before=$(sum "$db")
live_accounts=$(sql "$db" "SELECT count(*) FROM account")
printf 'just text, not a database\n' >"$T/text.db"
sqlite3 "$T/other.db" "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES ('mine')"
cp "$T/copy-1.db" "$T/newer.db"; sqlite3 "$T/newer.db" "PRAGMA user_version = 999"
# a damaged copy: overwrite pages in the middle of the file
cp "$T/copy-1.db" "$T/damaged.db"
size=$(stat -c %s "$T/damaged.db")
dd if=/dev/urandom of="$T/damaged.db" bs=4096 seek=$((size / 4096 / 2)) count=4 conv=notrunc 2>/dev/null
for bad in "none.db:66:no such backup" "text.db:65:not a csm backup" "other.db:65:not a csm database" \
	"newer.db:78:newer than this csm" "damaged.db:65:"; do
	f=${bad%%:*} rest=${bad#*:}
	code=${rest%%:*} msg=${rest#*:}
	run -d "$db" restore "$T/$f"
	expect_rc "$code" "restore $f is refused"
	[ -n "$msg" ] && expect_err "$msg" "restore $f is refused"
	checks=$((checks + 1))
	[ "$(sum "$db")" = "$before" ] || fail "restore $f changed the database"
done
run -d "$db" restore "$db"; expect_rc 64 "restore of the database onto itself"
checks=$((checks + 1))
[ "$(ls "$T" | grep -c before-restore)" -eq 0 ] || fail "a refused restore left a kept copy"

# ---- restore a good backup ---------------------------------------------------
run -d "$db" restore "$T/copy-1.db" --dry-run
expect_rc 0 "restore --dry-run"; expect_out "a good csm backup" "restore --dry-run"
checks=$((checks + 1))
[ "$(sum "$db")" = "$before" ] || fail "restore --dry-run changed the database"
want=$(sql "$T/copy-1.db" "SELECT count(*) FROM account")
run -d "$db" restore "$T/copy-1.db"
expect_rc 0 "restore"; expect_out "restored $T/copy-1.db into $db" "restore"
expect_out "kept as $db.before-restore-" "restore keeps the replaced database"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM account")" -eq "$want" ] || fail "restore: account count is not the backup's"
kept=$(ls "$T"/live.db.before-restore-* | head -n 1)
checks=$((checks + 1))
[ "$(sql "$kept" "SELECT count(*) FROM account")" -eq "$live_accounts" ] || fail "the kept database is not the replaced one"
run -d "$db" check; expect_rc 0 "check after restore"
# the restored database works: a new case gets the next free number
run -d "$db" case new --account ACCT0000001 --short "after the restore"
expect_rc 0 "case new after restore"
run -d "$db" restore "$kept"; expect_rc 0 "restore the kept database back"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM account")" -eq "$live_accounts" ] || fail "restoring the kept copy did not bring the accounts back"
checks=$((checks + 1))
[ ! -e "$kept-wal" ] && [ ! -e "$kept-shm" ] && [ ! -e "$T/copy-1.db-wal" ] ||
	fail "restore left a -wal or -shm beside the backup it read"
checks=$((checks + 1))
[ "$(ls "$T" | grep -c 'before-restore-[0-9TZ-]*$')" -eq 2 ] || { out=$(ls "$T"); fail "each restore keeps what it replaced"; }

# ---- restore into a database that does not exist yet --------------------------
run -d "$T/fresh/new.db" restore "$T/copy-2.db"
expect_rc 73 "restore into a missing directory"
mkdir "$T/fresh"
run -d "$T/fresh/new.db" restore "$T/copy-2.db"
expect_rc 0 "restore into a new database file"
checks=$((checks + 1))
[ "$(sql "$T/fresh/new.db" "SELECT count(*) FROM account")" -eq "$(sql "$T/copy-2.db" "SELECT count(*) FROM account")" ] ||
	fail "restore into a new file: counts differ"

finish
