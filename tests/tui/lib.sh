# lib.sh - helpers for the console tests (sourced by tests/tui/t-*.sh).
#
# Each scenario drives the built csm in a private tmux server (its own
# socket, no user config) at a fixed size, in a sandbox HOME with TZ=UTC,
# LANG=C.UTF-8 and a short ESCDELAY, on a freshly made database.  Keys go in
# with send-keys; checks poll capture-pane until the text shows up or
# 10 seconds pass (fzf's approach), and print the whole screen on failure.
#
#   TUI_WIDTH / TUI_HEIGHT   terminal size (default 100x30)
set -u
: "${CSM:?CSM must point at the built csm}"
command -v tmux >/dev/null || { echo "tmux is not installed" >&2; exit 77; }

TUI_WIDTH=${TUI_WIDTH:-100}
TUI_HEIGHT=${TUI_HEIGHT:-30}
T=$(mktemp -d "${TMPDIR:-/tmp}/csm-tui.XXXXXX")
SOCK="csm-$$"
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" XDG_STATE_HOME="$T/state"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8 ESCDELAY=25 TERM=xterm-256color
unset CSM_CONFIG TMUX
mkdir -p "$HOME" "$XDG_CONFIG_HOME/csm" "$XDG_DATA_HOME"
DB="$T/csm.db"
failures=0
checks=0

tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# seed_db [MODEL]: a database made by `csm init` and filled through
# `csm import` with a few records whose names have accents, CJK and
# combining characters (and a case, for the command line).
seed_db() {
	"$CSM" --db "$DB" init --model "${1:-b2b}" >/dev/null || { echo "init failed" >&2; exit 1; }
	cat > "$T/account.csv" <<'CSV'
number,name,code,phone
ACCT0000001,Acme Télécom,ACME,+1 555 0100
ACCT0000002,北京电信,BJT,+1 555 0101
ACCT0000003,Zoë Café Ltd,ZOE,+1 555 0102
ACCT0000004,Nordwind Logistik,NWL,+49 30 1234
CSV
	cat > "$T/case.csv" <<'CSV'
number,short_description,account
CS0000042,Router keeps rebooting,ACCT0000001
CSV
	"$CSM" --db "$DB" import account "$T/account.csv" >/dev/null &&
		"$CSM" --db "$DB" import case "$T/case.csv" >/dev/null ||
		{ echo "import failed" >&2; exit 1; }
}

# seed_demo [MODEL]: a database made by `csm init` and `csm seed` (the
# demo data: hundreds of customers, cases and items).
seed_demo() {
	"$CSM" --db "$DB" init --model "${1:-b2b}" >/dev/null &&
		"$CSM" --db "$DB" seed >/dev/null || { echo "init/seed failed" >&2; exit 1; }
}

# start_shell: the tmux server with one pane running a plain shell.
start_shell() {
	tm new-session -d -s t -x "$TUI_WIDTH" -y "$TUI_HEIGHT" "bash --norc --noprofile"
	tm set-option -g remain-on-exit on >/dev/null
	tm send-keys -t t "PS1='$ '" Enter "clear" Enter
}

# start_csm ARGS...: runs csm in the pane; the shell prints csm-exit=N after.
start_csm() {
	local args=""
	for a in "$@"; do args="$args '$a'"; done
	tm send-keys -t t "clear; '$CSM'$args; echo csm-exit=\$?" Enter
}

# keys KEY...: tmux send-keys (names like Enter, Escape, C-u, F1).
keys() { tm send-keys -t t "$@"; }
# type_text TEXT: sends TEXT literally.
type_text() { tm send-keys -t t -l "$1"; }
capture() { tm capture-pane -p -J -t t; }
resize() { tm resize-window -t t -x "$1" -y "$2"; }
# csm_pid: the csm started by the pane's shell.
csm_pid() { pgrep -P "$(tm display -p -t t '#{pane_pid}')" -x csm; }

fail() {
	failures=$((failures + 1))
	echo "FAIL: $*" >&2
	echo "---- screen ----" >&2
	capture >&2
	echo "----------------" >&2
}

# wait_for TEXT [DESCRIPTION]: polls the screen until TEXT shows (10 s).
wait_for() {
	checks=$((checks + 1))
	for _ in $(seq 100); do
		capture | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	fail "${2:-screen} lacks '$1'"
	return 1
}

# wait_line TEXT1 TEXT2 [DESCRIPTION]: polls until one line shows both.
wait_line() {
	checks=$((checks + 1))
	for _ in $(seq 100); do
		capture | grep -F -- "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	fail "${3:-screen} has no line with '$1' and '$2'"
	return 1
}

# wait_gone TEXT [DESCRIPTION]: polls until TEXT is no longer shown.
wait_gone() {
	checks=$((checks + 1))
	for _ in $(seq 100); do
		capture | grep -qF -- "$1" || return 0
		sleep 0.1
	done
	fail "${2:-screen} still shows '$1'"
	return 1
}

# check COND_CMD DESCRIPTION: one more check that fails when the command does.
check() {
	checks=$((checks + 1))
	eval "$1" || fail "$2"
}

# expect_restored: after csm left, the pane is back on the shell with the
# alternate screen off and the tty in canonical mode with echo.
expect_restored() {
	check '[ "$(tm display -p -t t "#{alternate_on}")" = 0 ]' "alternate screen still on"
	keys "stty -a | tr ' ' '\\n' | grep -E '^-?(icanon|echo)\$' | tr '\\n' ' '; echo" Enter
	wait_for "icanon echo" "terminal modes after csm"
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
