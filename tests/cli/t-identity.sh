# t-identity.sh - who is using csm: `csm init` makes the OS login its admin;
# csm user add|list|grant|revoke|activate|deactivate and whoami with their
# permission checks (77 for a refusal); --as for admins and on the demo
# only, recorded as actor and real_actor in the audit trail; a login with no
# active user gets exit 77 and no data from every data command, while init,
# check, backup, restore and whoami still work.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
db="$T/id.db"
# json EXPR: evaluates a Python expression over the JSON on stdout as j
json() {
	checks=$((checks + 1))
	printf '%s' "$out" | python3 -c "import json,sys; j=json.load(sys.stdin); sys.exit(0 if ($1) else 1)" \
		|| fail "json: $1"
}
# expect_no_out DESCRIPTION: nothing on stdout
expect_no_out() {
	checks=$((checks + 1))
	[ -z "$out" ] || fail "$1: stdout is not empty"
}

# ---- init: the login that ran it is the first user, an admin -------------
run -d "$db" --as someone init;     expect_rc 64 "init --as"
expect_err "first admin is the login that runs init" "init --as"
run -d "$db" init --model b2b --industry telecom
expect_rc 0 "init"; expect_out "its admin is $me" "init names its admin"
run -d "$db" whoami
expect_rc 0 "whoami"; expect_out "login: $me" "whoami login"; expect_out "roles: admin" "whoami roles"
expect_out "side: internal" "whoami side"; expect_out "database: $db" "whoami database"
case "$out" in *demo*) fail "whoami: not the demo" ;; esac
run -d "$db" whoami --json
json "j['login'] == '$me' and j['real_login'] == '$me' and j['acting_as'] is None"
json "j['user'] and j['active'] and j['roles'] == ['admin'] and j['side'] == 'internal'"
json "j['demo'] is False and j['database'] == '$db'"
run -d "$db" user list --json
json "[(u['login'], u['roles'], u['active']) for u in j] == [('$me', ['admin'], True)]"

# ---- user add, grant, revoke; no user is internal and external -----------
run -d "$db" user;                    expect_rc 64 "user alone"; expect_err "which one" "user alone"
run -d "$db" user add bob;            expect_rc 64 "add without --name"
run -d "$db" user add bob --name "Bob Agent" --role boss; expect_rc 64 "unknown role"
expect_err "'boss' is not a role" "unknown role"
run -d "$db" user add bob --name "Bob Agent" --email bob@example.com --role agent
expect_rc 0 "add bob"; expect_out "added bob (Bob Agent, internal: agent)" "add bob"
run -d "$db" user add bob --name "Bob Again";  expect_rc 65 "login taken"; expect_err "taken" "login taken"
run -d "$db" user add "Bad Login" --name X;    expect_rc 65 "bad login"
run -d "$db" user add mix --name Mix --external --role customer --role agent
expect_rc 65 "external agent refused"
expect_err "user mix is external and cannot hold the role agent" "the domain's message"
run -d "$db" user add mix2 --name Mix --role admin --role customer
expect_rc 65 "internal customer refused"
run -d "$db" user add chris --name "Chris Contact" --external --role customer
expect_rc 0 "add external"
run -d "$db" user list --json
json "sorted(u['login'] for u in j) == sorted(['$me', 'bob', 'chris'])"
json "[u for u in j if u['login'] == 'chris'][0]['external'] is True"
run -d "$db" user list
expect_rc 0 "list"; expect_out "Bob Agent" "list table"; expect_out "external" "list side"
run -d "$db" user grant chris agent;  expect_rc 65 "grant mixes sides"
expect_err "user chris is external and cannot hold the role agent" "grant mixes sides"
run -d "$db" user grant bob viewer;   expect_rc 0 "grant"; expect_out "granted viewer to bob" "grant"
run -d "$db" user revoke bob viewer;  expect_rc 0 "revoke"
run -d "$db" user revoke bob viewer;  expect_rc 65 "revoke unheld"
run -d "$db" user grant nobody agent; expect_rc 66 "grant to nobody"
run -d "$db" user revoke "$me" admin; expect_rc 77 "last admin keeps admin"
expect_err "the last active admin" "last admin keeps admin"
run -d "$db" user deactivate "$me";   expect_rc 77 "last admin stays active"

# ---- only admins change users -------------------------------------------
for cmd in "add zed --name Zed" "grant bob admin" "revoke bob agent" "deactivate $me" "activate bob"; do
	# shellcheck disable=SC2086
	run -d "$db" --as bob user $cmd
	expect_rc 77 "--as bob user $cmd"; expect_err "only an admin may" "--as bob user $cmd"
done
run -d "$db" --as bob user list;      expect_rc 0 "any user lists users"
sqlite3 "$db" "SELECT count(*) FROM user WHERE login = 'zed'" | grep -qx 0 || fail "zed was added"

# ---- --as: an admin acts as bob; both logins in the audit trail ----------
printf 'number,name\nACCT0000001,Acme\n' > "$T/acc.csv"
run -d "$db" import account "$T/acc.csv";  expect_rc 0 "import"
run -d "$db" --as bob whoami
expect_rc 0 "--as bob whoami"; expect_out "acting as: bob (you are $me)" "acting as"
expect_out "roles: agent" "bob's roles"
run -d "$db" --as bob whoami --json
json "j['login'] == 'bob' and j['real_login'] == '$me' and j['acting_as'] == 'bob'"
run -d "$db" --as bob case new --account ACCT0000001 --short "Printer jams"
expect_rc 0 "case as bob"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT actor || '/' || ifnull(real_actor, '-') FROM audit_log
	WHERE table_name = 'cases' AND action = 'insert'")" = "bob/$me" ] \
	|| fail "audit: the case insert is not recorded as bob acting for $me"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT actor || '/' || ifnull(real_actor, '-') FROM audit_log
	WHERE table_name = 'account' AND action = 'insert'")" = "$me/-" ] \
	|| fail "audit: the import is not recorded as $me without a real actor"
checks=$((checks + 1))
[ "$(sql "$db" "SELECT count(*) FROM audit_log WHERE table_name = 'user' AND action = 'insert'
	AND actor = '$me'")" = 3 ] || fail "audit: the user additions are not recorded"
run -d "$db" --as nobody find Acme;   expect_rc 77 "--as unknown"
expect_err "has no user 'nobody'" "--as unknown"; expect_no_out "--as unknown"
run -d "$db" --as "$me" find Acme;    expect_rc 0 "--as yourself"

# ---- a non-admin may not act as anyone outside the demo ------------------
db2="$T/two.db"
run -d "$db2" init;                                      expect_rc 0 "init two"
run -d "$db2" user add ann --name "Ann Admin" --role admin;  expect_rc 0 "second admin"
run -d "$db2" user add bob --name "Bob Agent" --role agent;  expect_rc 0 "an agent"
run -d "$db2" --as ann user revoke "$me" admin;          expect_rc 0 "ann revokes my admin"
run -d "$db2" --as bob find x;                           expect_rc 77 "--as for a non-admin"
expect_err "only an admin may act as another user outside the demo database" "--as reason"
run -d "$db2" --as ann whoami;                           expect_rc 77 "--as refused for whoami too"
run -d "$db2" user add zed --name Zed;                   expect_rc 77 "a non-admin adds nobody"
expect_err "only an admin may add users; you ($me) are not an admin (no roles)" "reason"
run -d "$db2" whoami
expect_rc 0 "whoami without roles"; expect_out "roles: none" "whoami without roles"

# ---- a login without an active user gets no data -------------------------
db3="$T/three.db"
run -d "$db3" init;                                          expect_rc 0 "init three"
run -d "$db3" import account "$T/acc.csv";                   expect_rc 0 "import three"
run -d "$db3" user add ann --name "Ann Admin" --role admin;  expect_rc 0 "another admin"
run -d "$db3" user deactivate "$me";                         expect_rc 0 "deactivate myself"
for cmd in "find Acme" "export account" "case list" "case new --account ACCT0000001 --short x" \
	"party types" "report install-base" "user list" "seed" "import account $T/acc.csv"; do
	# shellcheck disable=SC2086
	run -d "$db3" $cmd
	expect_rc 77 "no user: $cmd"; expect_no_out "no user: $cmd"
	expect_err "csm: you ($me) are not an active user of $db3" "no user: $cmd"
done
expect_err "ask an admin to run 'csm user activate $me'" "whom to ask"
run -d "$db3" whoami
expect_rc 0 "whoami without a user"; expect_out "user: none: you ($me) are not an active user" "whoami"
run -d "$db3" whoami --json;  json "j['user'] and not j['active'] and j['roles'] == []"
run -d "$db3" check;          expect_rc 0 "check needs no user"
run -d "$db3" backup "$T/three-copy.db";  expect_rc 0 "backup needs no user"
run -d "$db3" restore "$T/three-copy.db" --dry-run;  expect_rc 0 "restore needs no user"
run -d "$db3" --as ann find Acme;  expect_rc 77 "a deactivated admin may not act as anyone"

# ---- the demo: the OS login is an admin, and anyone may act as anyone ----
run --demo whoami
expect_rc 0 "demo whoami"; expect_out "roles: admin" "demo admin"
expect_out "(the demo database)" "whoami says demo"
run --demo whoami --json;   json "j['demo'] is True and j['roles'] == ['admin']"
run --demo --as alice user deactivate "$me";  expect_rc 0 "the demo's admin deactivates me"
run --demo find Acme;       expect_rc 77 "demo: no user"
run --demo --as carol whoami
expect_rc 0 "demo: --as for anyone"; expect_out "acting as: carol (you are $me)" "demo --as"
run --demo --as carol case list --queue mine;  expect_rc 0 "demo: acting as an agent"
run --demo --as alice user activate "$me";     expect_rc 0 "activate"
run --demo whoami;          expect_out "roles: admin" "active again"
finish
