# t-transfer.sh - csm import / export: RFC 4180 edge cases, located errors,
# all-or-nothing, dry run, upsert, round trip.
. "$(dirname "$0")/lib.sh"

db="$T/t.db"
run -d "$db" init --model b2b; expect_rc 0 "init"

# quotes, embedded newlines, CRLF, a BOM, accents and CJK
printf '\xef\xbb\xbfnumber,name,code,parent,phone,notes\r\n,"Acme, Inc.",ACME,,+1 555 0100,"said ""hi""\r\non two lines"\r\n,Zoë Café 山田,ZOE,ACCT0000001,,\r\n' > "$T/acc.csv"
run -d "$db" import account "$T/acc.csv"
expect_rc 0 "import accounts"; expect_out "2 rows: 2 inserted, 0 updated, 0 unchanged" "import accounts"
[ "$(sql "$db" "SELECT name FROM account WHERE code='ZOE'")" = "Zoë Café 山田" ] || { rc=1; fail "UTF-8 name stored"; }
[ "$(sql "$db" "SELECT notes FROM account WHERE code='ACME'" | wc -l)" -eq 2 ] || { rc=1; fail "embedded newline kept"; }
[ "$(sql "$db" "SELECT p.code FROM account a JOIN account p ON p.id=a.parent_id WHERE a.code='ZOE'")" = ACME ] || { rc=1; fail "parent resolved"; }

# export then import changes nothing; into a new database it recreates the same
run -d "$db" export account; expect_rc 0 "export"
printf '%s\n' "$out" > "$T/exp.csv"
run -d "$db" import account "$T/exp.csv"; expect_out "0 inserted, 0 updated, 2 unchanged" "re-import is a no-op"
run -d "$T/b.db" init --model b2b
run -d "$T/b.db" import account "$T/exp.csv"; expect_out "2 inserted" "import into a new database"
run -d "$T/b.db" export account
[ "$out" = "$(cat "$T/exp.csv")" ] || { rc=1; fail "round trip differs"; }
run -d "$db" export account --format json; expect_rc 0 "json export"
expect_out '"name": "Acme, Inc."' "json export"; expect_out '"is_customer": true' "json typed booleans"

# a bad row anywhere: located errors, nothing written
before=$(sql "$db" "SELECT count(*) || ':' || group_concat(name) FROM account")
audit=$(sql "$db" "SELECT count(*) FROM audit_log")
printf 'number,name,is_customer,parent\nACCT0000001,Renamed,1,\n,New one,maybe,\n,Orphan,1,ACCT0000099\n,Fine,1,\n' > "$T/bad.csv"
run -d "$db" import account "$T/bad.csv"
expect_rc 65 "bad rows"
expect_err "bad.csv:3: column \"is_customer\": expected 1 or 0 (true/false, yes/no), got \"maybe\"" "bad bool located"
expect_err "bad.csv:4: column \"parent\": no account \"ACCT0000099\"" "bad reference located"
expect_err "2 problems; nothing imported" "summary"
[ "$(sql "$db" "SELECT count(*) || ':' || group_concat(name) FROM account")" = "$before" ] || { rc=1; fail "bad import wrote something"; }
[ "$(sql "$db" "SELECT count(*) FROM audit_log")" = "$audit" ] || { rc=1; fail "bad import left audit rows"; }

printf 'number,name\n,One\n,Two,extra\n' > "$T/cols.csv"
run -d "$db" import account "$T/cols.csv"; expect_rc 65 "wrong column count"; expect_err "cols.csv:3: 3 fields, the header has 2" "wrong column count"
printf 'number,nmae\n,x\n' > "$T/hdr.csv"
run -d "$db" import account "$T/hdr.csv"; expect_rc 65 "unknown column"; expect_err 'hdr.csv:1: column 2: unknown column "nmae"' "unknown column"
printf 'number,name\n,"unterminated\n' > "$T/q.csv"
run -d "$db" import account "$T/q.csv"; expect_rc 65 "open quote"; expect_err "q.csv:2: malformed CSV: a quoted field is never closed" "open quote"
printf 'number,name\n,caf\xe9\n' > "$T/u.csv"
run -d "$db" import account "$T/u.csv"; expect_rc 65 "bad UTF-8"; expect_err "u.csv:2: column 2: invalid UTF-8" "bad UTF-8"
run -d "$db" import account "$T/none.csv"; expect_rc 66 "missing file"
run -d "$db" import widgets "$T/acc.csv"; expect_rc 64 "unknown kind"; expect_err "kinds: location user" "unknown kind lists kinds"
[ "$(sql "$db" "SELECT count(*) || ':' || group_concat(name) FROM account")" = "$before" ] || { rc=1; fail "failed imports wrote something"; }

# dry run checks everything and keeps nothing; upsert by number updates
printf 'number,name\nACCT0000001,Acme Renamed\n,Brand New\n' > "$T/up.csv"
run -d "$db" import --dry-run account "$T/up.csv"
expect_rc 0 "dry run"; expect_out "1 would be inserted, 1 would be updated" "dry run"
[ "$(sql "$db" "SELECT count(*) FROM account")" = 2 ] || { rc=1; fail "dry run wrote"; }
run -d "$db" import account "$T/up.csv"; expect_out "1 inserted, 1 updated, 0 unchanged" "upsert"
[ "$(sql "$db" "SELECT name FROM account WHERE number='ACCT0000001'")" = "Acme Renamed" ] || { rc=1; fail "upsert by number"; }
[ "$(sql "$db" "SELECT code FROM account WHERE number='ACCT0000001'")" = "ACME" ] || { rc=1; fail "absent column kept"; }
[ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE table_name='account' AND field='name' AND new_value='Acme Renamed'")" = 1 ] || { rc=1; fail "import audited"; }

# users with roles, products, locations with parents by key
printf 'login,name,is_external,roles\nalice,Alice Adams,0,agent manager\ncarl,Carl Contrib,1,contributor\n' > "$T/u1.csv"
run -d "$db" import user "$T/u1.csv"; expect_rc 0 "users"
[ "$(sql "$db" "SELECT group_concat(role, ' ') FROM (SELECT role FROM user_role r JOIN user u ON u.id=r.user_id WHERE login='alice' ORDER BY role)")" = "agent manager" ] || { rc=1; fail "roles imported"; }
printf 'login,roles\nalice,agent wizard\n' > "$T/u2.csv"
run -d "$db" import user "$T/u2.csv"; expect_rc 65 "bad role"; expect_err 'column "roles": "wizard" is not a role' "bad role"
printf 'key,name,type,parent\nFR,France,country,\nFR-IDF,Île-de-France,region,FR\nPAR,Paris,city,FR-IDF\n' > "$T/loc.csv"
run -d "$db" import location "$T/loc.csv"; expect_rc 0 "locations"
[ "$(sql "$db" "SELECT depth FROM location WHERE external_id='PAR'")" = 2 ] || { rc=1; fail "location tree"; }
# constraint failures said in the file's words (column, value, rule), nothing written
printf 'model_number,name,kind\nM1,Modem,hardware\n' > "$T/prod.csv"
run -d "$db" import product "$T/prod.csv"; expect_rc 0 "a product for the sold product below"
dump=$(sqlite3 "$db" .dump | sha1sum)
printf 'number,name,code\n,Dup one,ACME\n' > "$T/uniq.csv"
run -d "$db" import account "$T/uniq.csv"; expect_rc 65 "duplicate code"
expect_err 'uniq.csv:2: column "code": "ACME" is already used by another account' "duplicate code"
printf 'number,name\nACCT0000001,\n' > "$T/empty.csv"
run -d "$db" import account "$T/empty.csv"; expect_rc 65 "required column emptied"
expect_err 'empty.csv:2: column "name": a value is required (it cannot be emptied)' "required column emptied"
printf 'key,name,channels\nE1,No scope,phone\n' > "$T/ent.csv"
run -d "$db" import entitlement "$T/ent.csv"; expect_rc 65 "entitlement without scope"
expect_err 'ent.csv:2: a new entitlement needs a value in one of the columns product, account, consumer, contract, asset, sold_product, install_base' "entitlement without scope"
printf 'number,product,account,quantity\n,M1,ACCT0000001,0\n' > "$T/qty.csv"
run -d "$db" import sold_product "$T/qty.csv"; expect_rc 65 "quantity 0"
expect_err 'qty.csv:2: column "quantity": "0" breaks the rule quantity > 0' "quantity 0"
[ "$(sqlite3 "$db" .dump | sha1sum)" = "$dump" ] || { rc=1; fail "a refused import changed the database"; }
# files that cannot be read or written say why
run -d "$db" import account "$T"; expect_rc 74 "import a directory"; expect_err "cannot read: Is a directory" "import a directory"
run -d "$db" export account --output "$T/acc.csv"; expect_rc 73 "export over a file"
expect_err "acc.csv: already exists; not overwriting it" "export over a file"
run -d "$db" export account --output "$T/no/such/dir.csv"; expect_rc 73 "export into a missing directory"
expect_err "dir.csv: cannot create: No such file or directory" "export into a missing directory"
finish
