# t-flow.sh - the main flow on a seeded b2c database: lookup a consumer ->
# customer screen (households) -> new case -> saved number shown, in the
# database, and in the open cases queue; at 80x24.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
TUI_WIDTH=80 TUI_HEIGHT=24
"$CSM" --db "$DB" init --model b2c >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init/seed failed" >&2; exit 1; }
q() { sqlite3 -readonly "$DB" "$1"; }
# A consumer who is a current member of a household.
cid=$(q "SELECT consumer_id FROM household_member WHERE end_date IS NULL ORDER BY id LIMIT 1")
number=$(q "SELECT number FROM consumer WHERE id = $cid")
household=$(q "SELECT h.number FROM household_member m JOIN household h ON h.id = m.household_id
	WHERE m.consumer_id = $cid AND m.end_date IS NULL ORDER BY h.name LIMIT 1")
open=$(q "SELECT count(*) FROM cases WHERE consumer_id = $cid AND state NOT IN ('closed', 'canceled')")

start_shell
tm resize-window -t t -x 80 -y 24
start_csm --config "$SRCDIR/config/b2c.yaml" --db "$DB"
wait_for "Search:"
type_text "$number"
wait_for "$number" "lookup finds the consumer"
keys Enter
wait_for "Households: " "consumer facts list households"
wait_for "$household" "the household"
wait_for "Open cases: $open " "open cases as in the database ($open)"
wait_for "1 Households" "households tab"
keys c
wait_for "New case" "case entry"
wait_for "$number" "consumer filled in"
type_text "No signal on the set-top box"
keys F2
wait_for "saved" "saved"
saved=$(capture | grep -o "Case CS[0-9]* saved" | head -1 | awk '{print $2}')
check '[ "$(q "SELECT consumer_id FROM cases WHERE number = '"'"'$saved'"'"'")" = "$cid" ]' \
	"case $saved saved for consumer $number"
wait_for "$saved" "the new case is shown"
# The open queue lists it (the cases screen, when there is one).
keys Escape
wait_for "Open cases: $((open + 1)) " "the customer screen counts the new case"
keys Escape
wait_for "Search:"
keys Escape
type_text ":cases"
keys Enter
keys 3
wait_for "All open"
# Priority 4 and the newest: the last row of the queue sorted by priority.
keys End
wait_for "$saved" "the new case in the open cases queue"
keys F10
wait_for "csm-exit=0"
finish
