# t-signal.sh - SIGTERM and SIGHUP leave the console with the terminal
# restored (no alternate screen, canonical mode and echo back).
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
start_csm --db "$DB"
wait_for "Search:"
type_text "acme"
wait_for "Acme Télécom"
kill -TERM "$(csm_pid)"
wait_for "csm-exit=143" "exit status after SIGTERM"
expect_restored
start_csm --db "$DB"
wait_for "Search:"
kill -HUP "$(csm_pid)"
wait_for "csm-exit=129" "exit status after SIGHUP"
expect_restored
finish
