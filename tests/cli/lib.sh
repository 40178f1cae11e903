# lib.sh - helpers for the command-line tests (sourced).
# Each test gets a private temporary directory as HOME and XDG dirs.
set -u
: "${CSM:?CSM must point at the built csm}"
T=$(mktemp -d "${TMPDIR:-/tmp}/csm-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
unset CSM_CONFIG
failures=0
checks=0

# run CMD...: runs csm with the arguments; sets $out, $err and $rc.
run() {
	out=$("$CSM" "$@" 2>"$T/stderr")
	rc=$?
	err=$(cat "$T/stderr")
}

fail() {
	failures=$((failures + 1))
	echo "FAIL: $*" >&2
	echo "  stdout: $out" >&2
	echo "  stderr: $err" >&2
	echo "  exit:   $rc" >&2
}

# expect_rc N DESCRIPTION
expect_rc() {
	checks=$((checks + 1))
	[ "$rc" -eq "$1" ] || fail "$2: expected exit $1, got $rc"
}

# expect_out TEXT DESCRIPTION: stdout contains TEXT
expect_out() {
	checks=$((checks + 1))
	case "$out" in *"$1"*) ;; *) fail "$2: stdout lacks '$1'" ;; esac
}

# expect_err TEXT DESCRIPTION: stderr contains TEXT
expect_err() {
	checks=$((checks + 1))
	case "$err" in *"$1"*) ;; *) fail "$2: stderr lacks '$1'" ;; esac
}

# sql DB QUERY: prints the query's result (sqlite3 CLI, read-only use)
sql() {
	sqlite3 -batch -noheader "$1" "$2"
}

finish() {
	echo "$checks checks, $failures failed"
	[ "$failures" -eq 0 ]
	exit $?
}
