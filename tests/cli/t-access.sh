# t-access.sh - what each user sees and may do, through the command line
# (find, export, report, case list/show/comment, party add): the negative
# cases of domain.md "Access" that no path may leak.  Acme's contact ca is
# authorized on one of Beta's sold products (Beta's "Wholesale Partner" is
# Acme) and merely listed on another of Beta's items.
. "$(dirname "$0")/lib.sh"

db="$T/acc.db"
run -d "$db" init --model b2b --industry telecom; expect_rc 0 "init"

csvf() { f="$T/$1.csv"; shift; printf '%s\n' "$@" > "$f"; echo "$f"; }
imp() { run -d "$db" import "$1" "$2"; expect_rc 0 "import $1"; }

imp user "$(csvf users 'login,name,email,phone,title,is_external,active,roles' \
	'ca,Carla Acme,,,,1,1,customer' 'cb,Cody Beta,,,,1,1,customer' \
	'vic,Vic Viewer,,,,0,1,viewer' 'agent1,Ann Agent,,,,0,1,agent')"
imp account "$(csvf accounts 'number,name,code,parent,is_customer,is_partner,phone,website,notes,active,restrict_contact_access,external_id' \
	'ACCT0000101,Acme Telecom,,,1,1,,,,1,0,' 'ACCT0000102,Beta Foods,,,1,0,,,,1,0,')"
imp contact "$(csvf contacts 'number,account,first_name,last_name,title,email,phone,mobile,time_zone,language,active,login,external_id' \
	'CT0000101,ACCT0000101,Carla,Acme,,,,,,,1,ca,' 'CT0000102,ACCT0000102,Cody,Beta,,,,,,,1,cb,')"
prod=$(sql "$db" "SELECT model_number FROM product ORDER BY model_number LIMIT 1")
imp sold_product "$(csvf sold 'number,product,parent,account,consumer,household,service_organization,contact,quantity,start_date,end_date,active,external_id' \
	"SP0000101,$prod,,ACCT0000101,,,,,1,,,1," "SP0000102,$prod,,ACCT0000102,,,,,1,,,1,")"
imp install_base "$(csvf items 'number,name,product,asset,serial_number,parent,account,consumer,contact,household,service_organization,location,state,install_date,uninstall_date,usage,characteristics,external_id' \
	"IB0000101,Acme router,$prod,,SN-ACME,,ACCT0000101,,,,,,in_use,,,,{}," \
	"IB0000102,Beta router,$prod,,SN-BETA,,ACCT0000102,,,,,,in_use,,,,{}," \
	"IB0000103,Beta switch,$prod,,SN-BETA2,,ACCT0000102,,,,,,in_use,,,,{},")"
imp installed_product "$(csvf inst 'install_base,sold_product' 'IB0000102,SP0000102')"
imp case "$(csvf cases 'number,short_description,description,state,priority,channel,category,account,contact,consumer,household,service_organization,requester,product,asset,install_base,sold_product,contract,entitlement,assignment_group,assigned_to,opened_by,opened_at,resolution_code,resolution_notes,resolved_by,resolved_at,closed_by,closed_at,approval,approver' \
	'CS0000101,Acme line down,,open,2,phone,,ACCT0000101,CT0000101,,,,,,,IB0000101,,,,,,,,,,,,,,not_requested,' \
	'CS0000102,Beta router reboots,,open,2,phone,,ACCT0000102,CT0000102,,,,,,,IB0000102,,,,,,,,,,,,,,not_requested,' \
	'CS0000103,Beta switch secret,,open,2,phone,,ACCT0000102,CT0000102,,,,,,,IB0000103,,,,,,,,,,,,,,not_requested,')"
imp related_party "$(csvf rp 'host,type,party,responsibility,relationship,order' \
	'SP0000102,Wholesale Partner,ACCT0000101,,,1' 'IB0000103,Site Contact,CT0000101,,,1')"

# ---- what ca sees: its own, and SP0000102 with its item and that item's case
run -d "$db" --as ca case list; expect_rc 0 "ca case list"
expect_out "CS0000101" "ca lists its case"; expect_out "CS0000102" "ca lists the authorized case"
case "$out" in *CS0000103*) fail "ca lists Beta's other case (listed party grants nothing)" ;; esac
run -d "$db" --as ca case show CS0000103; expect_rc 66 "ca cannot open Beta's other case"
expect_err "no such case: CS0000103" "invisible is absent"
run -d "$db" --as ca find "Beta switch"; expect_rc 1 "find hides the listed-only item"
run -d "$db" --as ca find SN-BETA2; expect_rc 1 "find hides its serial"
run -d "$db" --as ca find "Beta router"; expect_rc 0 "find shows the authorized item"
expect_out "IB0000102" "find: authorized item"
run -d "$db" --as ca export case; expect_rc 0 "ca export case"
[ "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' ')" = "CS0000101 CS0000102 " ] ||
	fail "ca exports exactly its two cases"
checks=$((checks + 1))
run -d "$db" --as ca export install_base
[ "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' ')" = "IB0000101 IB0000102 " ] ||
	fail "ca exports exactly its two items"
checks=$((checks + 1))
run -d "$db" --as ca export case_journal; expect_rc 0 "ca export journal"
case "$out" in *CS0000103*) fail "journal of an invisible case leaks" ;; esac

# ---- cb sees Beta's, never Acme's
run -d "$db" --as cb find Acme; expect_rc 1 "cb finds nothing of Acme"
run -d "$db" --as cb export account; expect_rc 0 "cb export account"
case "$out" in *ACCT0000101*) fail "cb exports Acme" ;; esac
expect_out "ACCT0000102" "cb exports Beta"
run -d "$db" --as cb export contact
case "$out" in *CT0000101*) fail "cb exports Acme's contact" ;; esac
checks=$((checks + 1))

# ---- writes
run -d "$db" --as vic case comment CS0000101 "looks fine"; expect_rc 77 "a viewer writes nothing"
expect_err "a viewer may not comment on CS0000101 (viewers write nothing)" "viewer refusal says why"
run -d "$db" --as ca case comment CS0000101 "any news?"; expect_rc 0 "ca comments on its case"
run -d "$db" --as ca case comment CS0000101 "psst" --work-note; expect_rc 77 "no work notes for customers"
run -d "$db" --as ca case assign CS0000101 --to agent1; expect_rc 77 "ca cannot assign"
run -d "$db" --as ca case comment CS0000103 "hello"; expect_rc 66 "ca cannot reach Beta's other case"
run -d "$db" --as ca party add SP0000101 --type "Billing Contact" --party CT0000101
expect_rc 77 "ca cannot change related parties"
run -d "$db" --as ca case new --account ACCT0000102 --contact CT0000102 --short "not mine"
expect_rc 77 "ca cannot open a case for Beta"
expect_err "you may open cases only for yourself" "case scope refusal says why"
run -d "$db" --as ca case new --contact CT0000101 --short "Router again"; expect_rc 0 "ca opens its own case"
run -d "$db" --as ca import account "$T/accounts.csv"; expect_rc 77 "customers do not import"
run -d "$db" --as agent1 case comment CS0000103 "agent note" --work-note; expect_rc 0 "agents work"

# ---- a new authorized party takes effect at once; removing it ends it
run -d "$db" --as agent1 party list IB0000103; expect_rc 0 "agent lists the parties"
expect_out "Site Contact" "ca is listed on IB0000103"
run -d "$db" --as ca case show CS0000103; expect_rc 66 "a listed party grants nothing"
run -d "$db" --as agent1 party add SP0000102 --type "Billing Contact" --party CT0000101
run -d "$db" --as agent1 party remove SP0000102 --party ACCT0000101 --type "Wholesale Partner"
run -d "$db" --as ca case show CS0000102
billing=$(sql "$db" "SELECT grants_access FROM responsibility WHERE name = 'Billing Contact'")
if [ "$billing" = 1 ]; then expect_rc 0 "the billing contact (authorized) sees the case"
else expect_rc 66 "a billing contact without access sees nothing"; fi

finish
