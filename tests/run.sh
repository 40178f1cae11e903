#!/usr/bin/env bash
# run.sh - the test command of the README: installs what is missing, builds,
# runs every meson test, and ends with "N passed, N failed, N skipped"
# counted from meson-logs/testlog.json.
#   tests/run.sh           the normal build (build/)
#   tests/run.sh --asan    with AddressSanitizer and UBSan (build-asan/)
set -u
cd "$(dirname "$0")/.."
sh tests/deps.sh || { echo "run.sh: could not install dependencies" >&2; exit 1; }

dir=build
opts=()
if [ "${1:-}" = "--asan" ]; then
	dir=build-asan
	opts=(-Db_sanitize=address,undefined -Dbuildtype=debug)
	export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
	export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
	export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
fi
if [ -f "$dir/build.ninja" ]; then
	meson setup --reconfigure "$dir" "${opts[@]}" >/dev/null || exit 1
else
	meson setup "$dir" "${opts[@]}" >/dev/null || exit 1
fi
ninja -C "$dir" || exit 1
meson test -C "$dir" --print-errorlogs --num-processes 2
status=$?
log="$dir/meson-logs/testlog.json"
passed=$(grep -c '"result": "OK"' "$log" 2>/dev/null)
failed=$(grep -Ec '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" 2>/dev/null)
skipped=$(grep -Ec '"result": "(SKIP|EXPECTEDFAIL)"' "$log" 2>/dev/null)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ] && [ "${passed:-0}" -gt 0 ]
