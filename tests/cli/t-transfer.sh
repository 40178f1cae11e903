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
# ---- links and history (seeded b2b2c): references by portable keys, located
# refusals that write nothing, upserts, append-only journal
s="$T/s.db"
run -d "$s" init --model b2b2c; expect_rc 0 "b2b2c init"
run -d "$s" seed --seed 7; expect_rc 0 "b2b2c seed"
dump=$(sqlite3 "$s" .dump | sha1sum)
loc=$(sql "$s" "SELECT COALESCE(external_id, 'LOC' || id) FROM location ORDER BY id LIMIT 1")
printf 'owner,location,kind\nACCT0009999,%s,billing\nCON0000001,NOWHERE,mailing\n' "$loc" > "$T/addr.csv"
run -d "$s" import address "$T/addr.csv"; expect_rc 65 "address: bad references"
expect_err 'addr.csv:2: no account or consumer "ACCT0009999" (column "owner")' "address: unknown owner"
expect_err 'addr.csv:3: no location "NOWHERE" (column "location")' "address: unknown location"
open=$(sql "$s" "SELECT number FROM cases WHERE state IN ('new', 'open') ORDER BY id LIMIT 1")
ctype=$(sql "$s" "SELECT name FROM related_party_type WHERE applies_to = 'case' AND party_kind = 'contact' ORDER BY id LIMIT 1")
known=$(sql "$s" "SELECT group_concat(name, ', ') FROM (SELECT name FROM related_party_type WHERE applies_to = 'case' ORDER BY name)")
printf 'host,type,party\n%s,%s,CON0000001\n%s,Bogus,CT0000001\nCS0009999,%s,CT0000001\n' "$open" "$ctype" "$open" "$ctype" > "$T/rp.csv"
run -d "$s" import related_party "$T/rp.csv"; expect_rc 65 "related_party: wrong party kind"
expect_err "rp.csv:2: \"CON0000001\" is a consumer, but the related party type \"$ctype\" takes a contact (column \"party\")" "related_party: wrong party kind"
expect_err "rp.csv:3: no related party type \"Bogus\" for cases (known: $known) (column \"type\")" "related_party: unknown type lists the known ones"
expect_err 'rp.csv:4: no case, sold product or install base item "CS0009999" (column "host")' "related_party: unknown host"
# a contract covering a sold product of another account hierarchy
root="substr(a.path, 1, instr(substr(a.path, 2), '/') + 1)"
k=$(sql "$s" "SELECT number FROM contract WHERE account_id IS NOT NULL ORDER BY id LIMIT 1")
kacct=$(sql "$s" "SELECT a.number FROM contract k JOIN account a ON a.id = k.account_id WHERE k.number = '$k'")
read -r sp spacct <<EOT
$(sql "$s" "SELECT s.number || ' ' || a.number FROM sold_product s JOIN account a ON a.id = s.account_id WHERE $root <> (SELECT $root FROM account a WHERE a.number = '$kacct') ORDER BY s.id LIMIT 1")
EOT
printf 'contract,sold_product\n%s,%s\n' "$k" "$sp" > "$T/cp.csv"
run -d "$s" import contract_product "$T/cp.csv"; expect_rc 65 "contract_product: another customer's product"
expect_err "cp.csv:2: column \"sold_product\": $sp belongs to $spacct (" "contract_product: names the product's owner"
expect_err "and contract $k to $kacct (" "contract_product: names the contract's owner"
expect_err "a contract covers only sold products of its owner or the owner's account hierarchy" "contract_product: the rule"
printf 'from,to,type\nACCT0000001,ACCT0000002,partner\n' > "$T/rel.csv"
run -d "$s" import account_relationship "$T/rel.csv"; expect_rc 65 "account_relationship: unknown type"
expect_err 'rel.csv:2: no account relationship type "partner" (known types: none) (column "type")' "account_relationship: unknown type"
printf 'number,case,short_description\n,%s,Call the customer back\n' "$open" > "$T/task.csv"
run -d "$s" import case_task "$T/task.csv"; expect_rc 65 "case_task: no one assigned"
expect_err "task.csv:2: a task is assigned to a user or a group: the columns user and group are both empty" "case_task: no one assigned"
printf 'user,customer,responsibility\nalice,HOLD0000001,Boss\n' > "$T/team.csv"
run -d "$s" import team_member "$T/team.csv"; expect_rc 65 "team_member: unknown responsibility"
expect_err 'team.csv:2: no responsibility "Boss" (known: Account Manager, ' "team_member: lists the responsibilities"
[ "$(sqlite3 "$s" .dump | sha1sum)" = "$dump" ] || { rc=1; fail "a refused link import changed the database"; }

# the journal is append-only: a re-import finds every entry; an entry is never
# changed; a closed case takes only entries from before it closed (its history)
run -d "$s" export case_journal --output "$T/j.csv"; expect_rc 0 "export case_journal"
run -d "$s" import case_journal "$T/j.csv"; expect_rc 0 "re-import case_journal"
expect_out " 0 inserted, 0 updated, $(($(sql "$s" "SELECT count(*) FROM case_journal")))" "re-import of the journal changes nothing"
head -2 "$T/j.csv" > "$T/j1.csv"
row=$(sed -n 2p "$T/j.csv"); author=$(sql "$s" "SELECT COALESCE(u.login, j.author) FROM case_journal j LEFT JOIN user u ON u.id = j.author_id ORDER BY (SELECT number FROM cases WHERE id = j.case_id), j.created_at, j.id LIMIT 1")
other=$(sql "$s" "SELECT login FROM user WHERE login <> '$author' ORDER BY id LIMIT 1")
printf '%s\n%s\n' "$(head -1 "$T/j.csv")" "${row/,$author,/,$other,}" > "$T/j2.csv"
run -d "$s" import case_journal "$T/j2.csv"; expect_rc 65 "journal entry changed"
expect_err "j2.csv:2: column \"author\": case_journal rows are not changed once written (it is \"$author\")" "journal entry changed"
closed=$(sql "$s" "SELECT number FROM cases WHERE state = 'closed' ORDER BY id LIMIT 1")
closed_at=$(sql "$s" "SELECT closed_at FROM cases WHERE number = '$closed'")
printf 'case,kind,body,author,created_at\n%s,comment,After the close,alice,2099-01-01T00:00:00Z\n' "$closed" > "$T/j3.csv"
run -d "$s" import case_journal "$T/j3.csv"; expect_rc 65 "comment on a closed case after it closed"
expect_err "j3.csv:2: case $closed is closed since $closed_at and read-only: its journal takes only entries from before then" "comment after the close"
printf 'case,kind,body,author,created_at\n%s,comment,Said before the close,alice,2000-01-01T00:00:00Z\n%s,system,Archived,,2099-01-01T00:00:00Z\n%s,work_note,Checked the logs,alice,2099-01-01T00:00:00Z\n' "$closed" "$closed" "$open" > "$T/j4.csv"
run -d "$s" import case_journal "$T/j4.csv"; expect_rc 0 "history of a closed case, a note on an open one"
expect_out "3 rows: 3 inserted, 0 updated, 0 unchanged" "journal entries inserted"
run -d "$s" import case_journal "$T/j4.csv"; expect_out "0 inserted, 0 updated, 3 unchanged" "journal re-import"
[ "$(sql "$s" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'case_journal_read_only'")" = 1 ] || { rc=1; fail "the closed-case journal trigger is back after the import"; }
[ "$(sql "$s" "SELECT author_id IS NOT NULL FROM case_journal WHERE body = 'Checked the logs'")" = 1 ] || { rc=1; fail "journal author resolved to the user"; }

# upserts: a party's relationship name, a new team member and link rows
run -d "$s" export related_party; party=$(printf '%s\n' "$out" | sed -n 2p)
IFS=, read -r host type pty _ <<EOT
$party
EOT
printf 'host,type,party,relationship\n%s,%s,%s,site owner\n' "$host" "$type" "$pty" > "$T/rp2.csv"
run -d "$s" import related_party "$T/rp2.csv"; expect_rc 0 "related_party update"; expect_out "0 inserted, 1 updated" "related_party update"
run -d "$s" export related_party --format json; expect_out '"relationship": "site owner"' "related_party exported"; expect_out '"order": ' "json typed order"
printf 'user,customer,responsibility\nalice,HOLD0000001,Account Manager\n' > "$T/team2.csv"
run -d "$s" import team_member "$T/team2.csv"; expect_out "1 inserted" "team member added"
run -d "$s" import team_member "$T/team2.csv"; expect_out "0 inserted, 0 updated, 1 unchanged" "team member re-import"
[ "$(sql "$s" "SELECT count(*) FROM customer_team_member m JOIN user u ON u.id = m.user_id JOIN household h ON h.id = m.household_id WHERE u.login = 'alice' AND h.number = 'HOLD0000001'")" = 1 ] || { rc=1; fail "team member on the household"; }
# files that cannot be read or written say why
run -d "$db" import account "$T"; expect_rc 74 "import a directory"; expect_err "cannot read: Is a directory" "import a directory"
run -d "$db" export account --output "$T/acc.csv"; expect_rc 73 "export over a file"
expect_err "acc.csv: already exists; not overwriting it" "export over a file"
run -d "$db" export account --output "$T/no/such/dir.csv"; expect_rc 73 "export into a missing directory"
expect_err "dir.csv: cannot create: No such file or directory" "export into a missing directory"
finish
