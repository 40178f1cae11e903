# t-small.sh - started at 40x12: lookup, help and quitting all work.
TUI_WIDTH=40 TUI_HEIGHT=12
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
type_text "zoe"
wait_for "Zoë Café Ltd" "a hit at 40x12"
wait_for "account"
keys Escape "?"
wait_for "Lookup screen" "help at 40x12"
keys q
wait_for "Zoë Café Ltd"
keys q
wait_for "csm-exit=0"
finish
