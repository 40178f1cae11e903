# t-customer-edit.sh - creating and editing customers in the console (b2b):
# a lookup that finds nothing -> n -> the form prefilled with the typed
# name -> save -> the new number on its customer screen and in the
# database; e on that account -> a new phone shown on the customer screen
# and recorded in the audit log; a on it -> a contact with a bad email is
# refused at the field with nothing written, Esc with changes asks first,
# and the corrected contact is saved and listed.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
TUI_WIDTH=80 TUI_HEIGHT=24
seed_db b2b
q() { sqlite3 -readonly "$DB" "$1"; }
accounts_before=$(q "SELECT count(*) FROM account")

start_shell
tm resize-window -t t -x 80 -y 24
start_csm --db "$DB"
wait_for "Search:"

# A name nobody has: n creates it, the typed text is the name.
type_text "Wayne Enterprises"
wait_for "No match for 'Wayne Enterprises'" "lookup finds nothing"
keys C-n
wait_for "New account" "C-n opens the account form"
wait_line "Name*" "Wayne Enterprises" "name prefilled from the lookup"
wait_for "[ Save ]" "save button"
keys Tab
type_text "WAYNE"
keys F2
wait_for "Saved ACCT" "saving shows the number"
saved=$(capture | grep -o "Saved ACCT[0-9]*" | head -1 | awk '{print $2}')
check '[ -n "$saved" ]' "an account number in the status line"
wait_for "$saved  Wayne Enterprises" "the new account's customer screen"
check '[ "$(q "SELECT name || '"'"'|'"'"' || code FROM account WHERE number = '"'"'$saved'"'"'")" = \
	"Wayne Enterprises|WAYNE" ]' "account $saved in the database"
check '[ "$(q "SELECT count(*) FROM account")" = "$((accounts_before + 1))" ]' "one account more"

# e: edit the phone (name, code, parent, phone).
keys e
wait_for "Edit account $saved" "e opens the edit form"
keys Tab Tab Tab
type_text "+1 555 0142"
keys F2
wait_for "Saved $saved" "edit saved"
wait_for "Phone: +1 555 0142" "customer screen shows the new phone"
check '[ "$(q "SELECT phone FROM account WHERE number = '"'"'$saved'"'"'")" = "+1 555 0142" ]' \
	"phone in the database"
check '[ "$(q "SELECT count(*) FROM audit_log l JOIN account a ON a.id = l.record_id
	WHERE l.table_name = '"'"'account'"'"' AND a.number = '"'"'$saved'"'"'
	AND l.field = '"'"'phone'"'"' AND l.new_value = '"'"'+1 555 0142'"'"'")" = 1 ]' \
	"audit_log row for the phone"

# a: a contact with a bad email is refused at the field.
keys a
wait_for "New contact" "a opens the contact form"
wait_line "Account*" "$saved  Wayne Enterprises" "the account filled in"
type_text "Bruce"
keys Tab
type_text "Wayne"
keys Tab Tab
type_text "bruce-at-wayne"
keys F2
wait_for "is not an address" "bad email refused"
check 'capture | grep -A1 "^ *Email" | tail -1 | grep -qF "is not an address"' \
	"the error is under the email field"
check '[ "$(q "SELECT count(*) FROM contact WHERE last_name = '"'"'Wayne'"'"'")" = 0 ]' \
	"nothing written"
keys Escape
wait_for "Discard" "Esc with changes asks"
keys n
wait_for "New contact" "n stays on the form"
keys C-u
type_text "bruce@wayne.example"
keys F2
wait_for "Saved CT" "contact saved"
wait_line "Bruce Wayne" "bruce@wayne.example" "the contact listed on the account"
check '[ "$(q "SELECT a.number FROM contact c JOIN account a ON a.id = c.account_id
	WHERE c.email = '"'"'bruce@wayne.example'"'"'")" = "$saved" ]' "contact of $saved in the database"
keys F10
wait_for "csm-exit=0"
finish
