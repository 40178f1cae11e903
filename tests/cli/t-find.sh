# t-find.sh - csm find: lookup over the model's kinds, ranking, phones,
# emails, serials, accents, aligned UTF-8 columns, --json, usage errors.
# The data comes in through 'csm import', so the search triggers run.
. "$(dirname "$0")/lib.sh"

db="$T/b2b.db"
run -d "$db" init --model b2b; expect_rc 0 "init b2b"
printf 'number,name,code,phone\n,Acme Corporation,ACME,+1 (555) 123-4567\n,Müller GmbH,MG,\n,Zoë Café 山田,ZC,\n,Acme,,\n,Acme Services,,\n' > "$T/acc.csv"
run -d "$db" import account "$T/acc.csv"; expect_rc 0 "import accounts"
printf 'number,account,first_name,last_name,email,phone\n,ACCT0000001,Jane,Doe,jane.doe@example.com,555.987.6543\n' > "$T/con.csv"
run -d "$db" import contact "$T/con.csv"; expect_rc 0 "import contacts"
printf 'model_number,name\nRX200,Router X200\n' > "$T/prod.csv"
run -d "$db" import product "$T/prod.csv"; expect_rc 0 "import products"
printf 'number,name,product,serial_number,account\n,Front desk router,RX200,SN-AB12-3456,ACCT0000001\n' > "$T/ib.csv"
run -d "$db" import install_base "$T/ib.csv"; expect_rc 0 "import install base"

# ranking: exact matches (the code ACME, the name Acme) before a prefix
run -d "$db" find acme
expect_rc 0 "find acme"
expected="KIND     NUMBER       TITLE             MATCHED
account  ACCT0000001  Acme Corporation  code: ACME
account  ACCT0000004  Acme              name: Acme
account  ACCT0000005  Acme Services     name: Acme Services"
[ "$out" = "$expected" ] || fail "find acme: expected
$expected"

# accents fold; wide characters keep the columns aligned
run -d "$db" find muller; expect_rc 0 "accent folding"; expect_out "ACCT0000002  Müller GmbH  name: Müller GmbH" "accent folding"
run -d "$db" find zoe cafe
expected="KIND     NUMBER       TITLE          MATCHED
account  ACCT0000003  Zoë Café 山田  name: Zoë Café 山田"
[ "$out" = "$expected" ] || fail "UTF-8 alignment: expected
$expected"

# phones by digits in any format, partial emails, serial prefixes
run -d "$db" find 5551234567;  expect_rc 0 "phone digits"; expect_out "phone: +1 (555) 123-4567" "phone digits"
run -d "$db" find "(555) 987-65"; expect_rc 0 "phone format"; expect_out "Jane Doe" "phone format"
run -d "$db" find doe@exa;     expect_rc 0 "partial email"; expect_out "email: jane.doe@example.com" "partial email"
run -d "$db" find SN-AB1;      expect_rc 0 "serial prefix"; expect_out "install_base  IB0000001  Front desk router  serial: SN-AB12-3456" "serial prefix"
run -d "$db" find router --kind sold_product; expect_rc 1 "kind restricts"

# --json: an array of objects with the hit's fields
run -d "$db" find jane --json
expect_rc 0 "json"
expected='[
 {"kind": "contact", "number": "CT0000001", "title": "Jane Doe", "field": "name", "matched": "Jane Doe", "detail": "Acme Corporation"}
]'
[ "$out" = "$expected" ] || fail "json: expected
$expected"
run -d "$db" find ACCT --limit 2 --json
[ "$(printf '%s\n' "$out" | grep -c '"kind": "account"')" = 2 ] || fail "--limit 2 gives 2 hits"

# FTS5 syntax typed by a user is searched for, never an error
for t in '"' 'acme"' '*' 'NEAR(acme' 'a AND' '(' ':' '-acme' 'value:acme'; do
	run -d "$db" find -- "$t"
	[ "$rc" -le 1 ] || fail "find '$t' failed"
	case "$err" in *"no match"*|"") ;; *) fail "find '$t': unexpected error" ;; esac
done

# no match, usage errors
run -d "$db" find zzzzz;       expect_rc 1 "no match"; expect_err "no match for 'zzzzz'" "no match"
run -d "$db" find zzzzz --json; expect_rc 1 "no match json"; expect_out "[]" "no match json"
run -d "$db" find "   ";       expect_rc 1 "blank text"; expect_err "no match for '   '" "blank text"
run -d "$db" find;             expect_rc 64 "no text"; expect_err "what to look for is missing" "no text"
run -d "$db" find acme --kind household; expect_rc 64 "kind outside model"
expect_err "the b2b model has no household; its kinds are account, contact, case, install_base, sold_product" "kind outside model"
run -d "$db" find acme --kind widget; expect_rc 64 "unknown kind"; expect_err "'widget' is not a kind" "unknown kind"
run -d "$db" find acme --limit 0;    expect_rc 64 "limit 0"; expect_err "--limit: '0' is not a number from 1 to 1000" "limit 0"
run -d "$db" find acme --limit 1001; expect_rc 64 "limit 1001"
run -d "$db" find acme --limit 5x;   expect_rc 64 "limit 5x"
run -d "$db" find acme --bogus;      expect_rc 64 "unknown option"
run -d "$T/none.db" find acme;       expect_rc 66 "missing database"

# the b2c model searches consumers, not accounts
db2="$T/b2c.db"
run -d "$db2" init --model b2c; expect_rc 0 "init b2c"
printf 'number,first_name,last_name,email,mobile_phone\n,José,Núñez,jose@example.org,(555) 222-3333\n' > "$T/cons.csv"
run -d "$db2" import consumer "$T/cons.csv"; expect_rc 0 "import consumers"
run --model b2c -d "$db2" find nunez; expect_rc 0 "b2c consumer"; expect_out "consumer  CON0000001  José Núñez" "b2c consumer"
run --model b2c -d "$db2" find 555 222 3333; expect_rc 0 "b2c phone"; expect_out "mobile: (555) 222-3333" "b2c phone"
run --model b2c -d "$db2" find acme --kind account; expect_rc 64 "b2c has no accounts"
run -d "$db2" check; expect_rc 0 "check after imports"

# a seeded database (bulk load, then the index rebuilt): what the tables hold is found
db3="$T/seeded.db"
run -d "$db3" init --model b2b; expect_rc 0 "init for seed"
run -d "$db3" seed; expect_rc 0 "seed"
cnum=$(sql "$db3" "SELECT number FROM contact ORDER BY id LIMIT 1")
cname=$(sql "$db3" "SELECT first_name || ' ' || last_name FROM contact ORDER BY id LIMIT 1")
cmail=$(sql "$db3" "SELECT substr(email, 1, 10) FROM contact ORDER BY id LIMIT 1")
run -d "$db3" find "$cname" --kind contact --limit 1000
expect_rc 0 "seeded name"; expect_out "$cnum" "seeded name"
run -d "$db3" find "$cmail" --kind contact --limit 1000 --json
expect_rc 0 "seeded email prefix"; expect_out "\"number\": \"$cnum\"" "seeded email prefix"
inum=$(sql "$db3" "SELECT number FROM install_base_item WHERE serial_number <> '' ORDER BY id LIMIT 1")
serial=$(sql "$db3" "SELECT substr(serial_number, 1, length(serial_number) - 1) FROM install_base_item WHERE number = '$inum'")
run -d "$db3" find "$serial" --kind install_base --limit 1000
expect_rc 0 "seeded serial prefix"; expect_out "$inum" "seeded serial prefix"
knum=$(sql "$db3" "SELECT number FROM cases ORDER BY id DESC LIMIT 1")
run -d "$db3" find "$knum"
expect_rc 0 "seeded case number"
[ "$(printf '%s\n' "$out" | sed -n 2p | awk '{print $1, $2}')" = "case $knum" ] || fail "seeded case number is the first hit"
anum=$(sql "$db3" "SELECT number FROM account ORDER BY id LIMIT 1")
aname=$(sql "$db3" "SELECT name FROM account WHERE number = '$anum'")
run -d "$db3" find "$aname" --kind account --json --limit 1
expect_out "\"number\": \"$anum\"" "seeded account name, exact first"
finish
