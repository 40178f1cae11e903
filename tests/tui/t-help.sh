# t-help.sh - ? lists the keys of the screen from the binding table, plus
# what tells an asset, a sold product and an install base item apart.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
keys F1
wait_for "Lookup screen" "help from the search field"
wait_for "In the search field"
wait_for "Editing text"
wait_for "Leave the search field for the results"
keys Escape
wait_for "Search:" "Esc leaves help"
keys Escape "?"
wait_for "Lookup screen" "? on the results"
wait_for "Create a customer of the business model"
wait_for "Everywhere"
keys End
wait_for "Asset " "asset line"
wait_for "what is owned"
wait_for "what was bought"
wait_for "what is installed where"
keys q
wait_for "Search:" "q closes help"
keys q
wait_for "csm-exit=0"
finish
