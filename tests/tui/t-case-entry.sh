# t-case-entry.sh - a new case from the customer screen (b2b): the customer
# filled in, the entitlement matched, a required field refused at the
# field, save shows the number, the case is in the database for that
# account, and Esc with unsaved changes asks first.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
TUI_WIDTH=80 TUI_HEIGHT=24
"$CSM" --db "$DB" init --model b2b >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init/seed failed" >&2; exit 1; }
q() { sqlite3 -readonly "$DB" "$1"; }
number=$(q "SELECT number FROM account WHERE active = 1 ORDER BY id LIMIT 1")
name=$(q "SELECT name FROM account WHERE number = '$number'")
before=$(q "SELECT count(*) FROM cases")

start_shell
tm resize-window -t t -x 80 -y 24
start_csm --db "$DB"
wait_for "Search:"
type_text "$number"
wait_for "$name"
keys Enter
wait_for "$number  $name"
keys c
wait_for "New case" "c opens case entry"
wait_for "$number  $name" "customer filled in"
wait_for "Save" "save button"

# Esc with a change asks first; n stays.
type_text "x"
keys Escape
wait_for "Discard" "Esc with changes asks"
keys n
wait_for "New case"
keys BSpace

# Save with no short description: refused at the field.
keys F2
wait_for "required" "required short description"
check '[ "$(q "SELECT count(*) FROM cases")" = "$before" ]' "nothing saved without a description"
type_text "Router keeps rebooting since the storm"
keys F2
wait_for "saved" "saving shows the number"
saved=$(capture | grep -o "Case CS[0-9]* saved" | head -1 | awk '{print $2}')
check '[ -n "$saved" ]' "a case number in the status line"
check '[ "$(q "SELECT a.number FROM cases c JOIN account a ON a.id = c.account_id
	WHERE c.number = '"'"'$saved'"'"'")" = "$number" ]' "case $saved saved for $number"
check '[ "$(q "SELECT short_description FROM cases WHERE number = '"'"'$saved'"'"'")" = \
	"Router keeps rebooting since the storm" ]' "short description saved"
keys F10
wait_for "csm-exit=0"
finish
