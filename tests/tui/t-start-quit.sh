# t-start-quit.sh - the console starts with its header and hints, and q on
# the home screen quits with status 0 and the terminal restored.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:" "start"
wait_for "Lookup" "header title"
wait_for "b2b" "header model"
wait_for "csm.db" "header database"
wait_for "F1 help" "hints while typing"
keys Escape
wait_for "q quit" "hints on the results"
wait_for "? help" "hints on the results"
keys q
wait_for "csm-exit=0" "exit status after q"
expect_restored
finish
