# t-command.sh - the : command line: jump by record number (kind from the
# configured prefixes), screens by name with Tab completion, :q.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
keys Escape
type_text ":CS0000042"
keys Enter
wait_for "CS0000042  Router keeps rebooting" "jump to a case opens the case view"
keys Escape
wait_for "Search:" "Esc from the case goes back to the lookup"
type_text ":cs0000043"
keys Enter
wait_for "No case cs0000043" "a case number that does not exist"
type_text ":ACCT0000002"
keys Enter
wait_for "ACCT0000002  北京电信 (BJT)" "jump to an account opens its customer screen"
keys Escape
wait_for "Search:" "Esc from the account goes back to the lookup"
type_text ":frobnicate"
keys Enter
wait_for "Unknown command ':frobnicate'" "unknown command"
type_text ":he"
keys Tab
wait_for ":help" "Tab completes"
keys Enter
wait_for "Lookup screen" ":help opens help"
type_text ":lookup"
keys Enter
wait_for "Search:" ":lookup goes home"
type_text ":q"
keys Enter
wait_for "csm-exit=0" ":q quits"
finish
