# t-resize.sh - resizing redraws every screen; 40x12 stays usable; below it
# says the terminal is too small and recovers when enlarged.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
type_text "acme"
wait_for "Acme Télécom"
keys F1
wait_for "Lookup screen"
resize 80 24
wait_for "Editing text" "help after resize"
keys End
wait_for "what is installed where" "help scrolled after resize"
keys Escape
wait_for "Acme Télécom" "lookup after resize"
resize 40 12
wait_for "Acme Télécom" "40x12"
wait_for "Search: acme" "40x12 search field"
wait_for "F1 help" "40x12 hints"
resize 30 10
wait_for "Terminal too small" "30x10"
wait_gone "Acme"
resize 100 30
wait_for "Acme Télécom" "recovered"
wait_for "code: ACME" "all columns back"
keys Escape q
wait_for "csm-exit=0"
finish
