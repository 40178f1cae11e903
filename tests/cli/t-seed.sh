# t-seed.sh - csm seed on every business model, its usage errors, refusing
# to seed twice, and the demo database that --demo creates and seeds.
. "$(dirname "$0")/lib.sh"

for m in b2b b2c b2b2c; do
	db="$T/$m.db"
	run -d "$db" init --model $m --industry utilities; expect_rc 0 "init $m"
	run -d "$db" seed --seed 9;    expect_rc 0 "seed $m"
	expect_out "seeded $db (scale 1, seed 9)" "seed $m summary"
	expect_out "install_base_item" "seed $m summary table"
	expect_out "done in" "seed $m time"
	run -d "$db" check;            expect_rc 0 "check after seed $m"; expect_out "ok" "check $m"
	run -d "$db" seed;             expect_rc 1 "seed twice $m"
	expect_err "already holds data" "seed twice $m"
done
[ "$(sql "$T/b2c.db" "SELECT count(*) FROM consumer")" = 300 ] || { rc=0; fail "b2c: 300 consumers"; }
[ "$(sql "$T/b2b.db" "SELECT count(*) FROM cases")" = 500 ] || { rc=0; fail "b2b: 500 cases"; }

# Same seed, same data (the clock is fixed by CSM_NOW).
run -d "$T/again.db" init --model b2b2c --industry utilities; expect_rc 0 "init again"
run -d "$T/again.db" seed --seed 9; expect_rc 0 "seed again"
a=$(sql "$T/b2b2c.db" "SELECT group_concat(number || name) FROM account")
b=$(sql "$T/again.db" "SELECT group_concat(number || name) FROM account")
[ -n "$a" ] && [ "$a" = "$b" ] || { rc=0; fail "same seed gives the same accounts"; }

run -d "$T/u.db" init;         expect_rc 0 "init default"
run -d "$T/u.db" seed --scale 0; expect_rc 64 "scale 0"
expect_err "--scale: '0' is not a whole number from 1 to" "scale 0"
run -d "$T/u.db" seed --scale x; expect_rc 64 "scale x"; expect_err "--scale: 'x'" "scale x"
run -d "$T/u.db" seed --seed -3; expect_rc 64 "negative seed"
run -d "$T/u.db" seed extra;   expect_rc 64 "extra argument"
run -d "$T/u.db" seed --bogus; expect_rc 64 "unknown option"
run -d "$T/none.db" seed;      expect_rc 66 "seed without database"
run -d "$T/x.db" init --industry fishing; expect_rc 64 "unknown industry"
expect_err "unknown industry 'fishing'; known industries: banking, building_services" "unknown industry"
[ ! -e "$T/x.db" ] || { rc=0; fail "unknown industry leaves no database"; }

# --demo creates and seeds the demo database on first use.
run --demo check;              expect_rc 0 "demo check"
demo="$XDG_DATA_HOME/csm/demo-b2b.db"
[ -f "$demo" ] || { rc=0; fail "demo database at $demo"; }
[ "$(sql "$demo" "SELECT count(*) FROM account")" = 30 ] || { rc=0; fail "demo is seeded"; }
[ "$(sql "$demo" "SELECT count(*) FROM user WHERE login = 'alice'")" = 1 ] || { rc=0; fail "demo users"; }
run --demo --model b2c check;  expect_rc 0 "demo b2c check"
[ -f "$XDG_DATA_HOME/csm/demo-b2c.db" ] || { rc=0; fail "demo b2c database"; }
finish
