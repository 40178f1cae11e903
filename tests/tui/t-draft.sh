# t-draft.sh - an SSH drop (SIGHUP) or Ctrl-C in a half-filled case entry
# keeps what was typed as a draft; the next start offers it back: y opens
# the form with the text (and saving it works), n deletes the draft.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
DRAFTS="$XDG_STATE_HOME/csm/drafts"
seed_db b2b
q() { sqlite3 -readonly "$DB" "$1"; }
drafts() { ls "$DRAFTS" 2>/dev/null | grep -c '\.draft$'; }

# open case entry for Acme from the lookup and type a short description
new_case() {
	wait_for "Search:"
	type_text "acme"
	wait_for "Acme Télécom"
	keys Enter
	wait_for "ACCT0000001"
	keys c
	wait_for "New case" "c opens case entry"
	wait_for "[ Save ]"
	type_text "$1"
	wait_for "$1" "typed text shown"
}

start_shell
start_csm --db "$DB"
new_case "Printer on fire — Zoë"
kill -HUP "$(csm_pid)"
wait_for "csm-exit=129" "exit status after SIGHUP"
wait_for "kept as a draft" "csm says the draft is kept"
expect_restored
check '[ "$(drafts)" = 1 ]' "one draft file after SIGHUP"
check '[ -z "$(find "$DRAFTS" -name "*.draft" ! -perm 600)" ]' "draft file is private (0600)"
check '[ -z "$(ls "$DRAFTS" | grep tmp)" ]' "no temporary file left"

start_csm --db "$DB"
wait_for "Restore the unsaved case draft from 2026-11-22 10:00? y/n" "offer at the next start"
keys y
wait_for "New case" "y opens case entry"
wait_for "Printer on fire — Zoë" "the typed text is back"
wait_for "Acme Télécom" "the customer is back"
wait_for "Draft restored"
check '[ "$(drafts)" = 0 ]' "the draft is gone once restored"
keys F2
wait_for "saved" "the restored case saves"
check '[ "$(q "SELECT count(*) FROM cases WHERE short_description = '"'"'Printer on fire — Zoë'"'"'")" = 1 ]' \
	"restored case in the database"
keys F10
wait_for "csm-exit=0"

# Ctrl-C: kept too; n at the next start deletes it.
start_csm --db "$DB"
wait_for "Search:"
check '! capture | grep -q "Restore the unsaved"' "no offer without a draft"
keys C-u
new_case "Second thoughts"
keys C-c
wait_for "csm-exit=130" "exit status after Ctrl-C"
check '[ "$(drafts)" = 1 ]' "one draft file after Ctrl-C"
start_csm --db "$DB"
wait_for "Restore the unsaved case draft" "offer after Ctrl-C"
keys n
wait_for "Draft deleted"
check '[ "$(drafts)" = 0 ]' "n deletes the draft"
keys F10
wait_for "csm-exit=0"
start_csm --db "$DB"
wait_for "Search:"
sleep 0.3
check '! capture | grep -q "Restore the unsaved"' "no offer once deleted"
keys F10
finish
