# t-basics.sh - help, version, usage errors, init, check, backup.
. "$(dirname "$0")/lib.sh"

run --version;                 expect_rc 0 "--version"; expect_out "csm 0." "--version"
run --help;                    expect_rc 0 "--help"; expect_out "Commands:" "--help"
run frobnicate;                expect_rc 64 "unknown command"; expect_err "unknown command 'frobnicate'" "unknown command"
run --bogus;                   expect_rc 64 "unknown option"
run --model b3b --demo find x; expect_rc 64 "bad --model"; expect_err "'b3b' is not a business model" "bad --model"

db="$T/a.db"
run -d "$db" init --model b2c
expect_rc 0 "init"; expect_out "created $db (b2c" "init"
[ "$(sql "$db" 'PRAGMA journal_mode')" = wal ] || { rc=0; fail "init: journal mode is not WAL"; }
[ "$(sql "$db" "SELECT value FROM setting WHERE key='business_model'")" = b2c ] || { rc=0; fail "init: model not recorded"; }
# with no config naming a model, commands see the database's own model
run -d "$db" find --kind consumer nobody; expect_rc 1 "a b2c database offers consumers"
printf 'business_model: b2b\n' > "$T/b2b.yaml"
run -c "$T/b2b.yaml" -d "$db" find --kind consumer nobody; expect_rc 64 "the config's model wins"
run --model b2b -d "$db" find --kind consumer nobody; expect_rc 64 "--model wins"
run -d "$db" init;             expect_rc 73 "init twice"; expect_err "already exists" "init twice"
run -d "$db" init --model x;   expect_rc 64 "init bad model"
run -d "$T/none.db" check;     expect_rc 66 "check missing db"; expect_err "no such database" "check missing db"
run -d "$db" check;            expect_rc 0 "check"; expect_out "ok" "check"
run -d "$db" backup "$T/copy.db"; expect_rc 0 "backup"
run -d "$T/copy.db" check;     expect_rc 0 "backup is a good database"
run -d "$db" backup "$T/copy.db"; expect_rc 73 "backup refuses to overwrite"
run -d "$db" backup;           expect_rc 64 "backup without file"
printf 'not a database at all, just some text that is long enough\n' > "$T/junk.db"
run -d "$T/junk.db" check;     expect_rc 74 "not a database"; expect_err "not a csm database" "not a database"

# a search index out of step is found by check and rebuilt by check --repair
r="$T/r.db"
run -d "$r" init;              expect_rc 0 "init for repair"
sqlite3 "$r" "DROP TRIGGER search_account_insert"
printf 'number,name\n,Orphaned Search Ltd\n' > "$T/r.csv"
run -d "$r" import account "$T/r.csv"; expect_rc 0 "import with a broken index trigger"
run -d "$r" find orphaned;     expect_rc 1 "the record is missing from the index"
run -d "$r" check;             expect_rc 65 "check finds the stale index"; expect_out "search index: out of step" "check names the index"
run -d "$r" check --repair;    expect_rc 0 "check --repair"; expect_out "search index rebuilt" "repair"
run -d "$r" find orphaned;     expect_rc 0 "found after the repair"; expect_out "Orphaned Search Ltd" "found after the repair"
run -d "$r" check --bogus;     expect_rc 64 "check with a bad option"
finish
