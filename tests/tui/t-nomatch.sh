# t-nomatch.sh - nothing found offers to create a customer, with the key
# that works in the current mode; the offer routes to the create screen.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
type_text "xyzzy"
wait_for "No match for 'xyzzy' - press C-n to create a customer" "while typing"
keys Escape
wait_for "No match for 'xyzzy' - press n to create a customer" "on the results"
keys n
wait_for "New account" "n routes to create"
wait_line "Name*" "xyzzy" "the search text is the name"
keys Escape
wait_for "No match for 'xyzzy'" "Esc on the untouched form goes back"
keys q
wait_for "csm-exit=0"
finish
