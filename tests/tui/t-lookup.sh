# t-lookup.sh - search as you type: hits labelled by kind with the matched
# field; columns line up with accents, CJK and combining characters; Enter
# routes to the record's screen.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
type_text "acme"
wait_for "Acme Télécom" "typing a name"
wait_for "account" "kind label"
wait_for "code: ACME" "matched field"

# Three names of different byte lengths but known widths, one query.
keys C-u
type_text "555 01"
wait_for "北京电信" "CJK name"
wait_for "Zoë Café Ltd" "combining mark"
wait_for "Acme Télécom"
cols=$(capture | grep -F "phone: " | while IFS= read -r line; do
	printf '%s' "${line%%phone:*}" | wc -L
done | sort -u)
check '[ "$(printf "%s\n" "$cols" | wc -l)" -eq 1 ] && [ -n "$cols" ]' \
	"matched column does not line up (starts at: $(echo $cols))"

# Backspace edits, Left moves the cursor: "555 01" -> "55 01" -> "X55 01"...
keys C-u
type_text "nordwint"
wait_for "No match for 'nordwint'"
keys BSpace
type_text "d"
wait_for "Nordwind Logistik" "backspace edits the query"

keys Enter
wait_for "ACCT0000004  Nordwind Logistik (NWL)" "Enter on a hit opens the customer screen"
keys Escape
wait_for "Search:" "Esc goes back to the lookup"
keys Escape q
wait_for "csm-exit=0"
finish
