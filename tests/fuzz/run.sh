#!/usr/bin/env bash
# run.sh - a bounded fuzzing run of every libFuzzer target (tests/fuzz/*.c).
#
#   tests/fuzz/run.sh [SECONDS]     each target for SECONDS (default 60, or $FUZZ_TIME)
#
# Installs clang and its fuzzer runtime when missing, builds with clang,
# AddressSanitizer and UBSan in $FUZZ_BUILD (default build-fuzz), starts each
# target from its checked-in seed corpus (tests/fuzz/corpus/TARGET; what the
# run finds goes to a temporary directory, not into the tree) and prints one
# line per target with the number of executions.  Exits non-zero when a
# target crashes, leaks, hits undefined behaviour or fails a check; the input
# that did it is kept under $FUZZ_BUILD/fuzz-artifacts/ and the report shown.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-${FUZZ_TIME:-60}}
build=${FUZZ_BUILD:-build-fuzz}
case "$secs" in '' | *[!0-9]*) echo "run.sh: SECONDS must be a whole number" >&2; exit 64 ;; esac

sh tests/deps.sh || { echo "run.sh: could not install dependencies" >&2; exit 1; }
missing=""
for p in clang libclang-rt-14-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "run.sh: installing$missing" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq >&2
	# shellcheck disable=SC2086
	$sudo apt-get install -y -qq $missing >&2 || { echo "run.sh: could not install$missing" >&2; exit 1; }
fi

opts=(-Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false -Dtests=disabled -Dbench=false)
if [ -f "$build/build.ninja" ]; then
	meson setup --reconfigure "$build" "${opts[@]}" >/dev/null || exit 1
else
	CC=clang meson setup "$build" "${opts[@]}" >/dev/null || exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/csm-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
ninja -C "$build" -j2 tests/fuzz/fuzz_config tests/fuzz/fuzz_import tests/fuzz/fuzz_search \
	>"$work/build.log" 2>&1 || { cat "$work/build.log"; echo "run.sh: build failed" >&2; exit 1; }
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

# target max_len: configs and CSV files may be a few KiB; queries are short
targets=("config 8192" "import 8192" "search 512")
status=0
total=0
for entry in "${targets[@]}"; do
	set -- $entry
	t=$1 maxlen=$2
	mkdir -p "$work/$t"
	log="$work/$t.log"
	"$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -max_len="$maxlen" -timeout=20 \
		-rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" \
		"$work/$t" "tests/fuzz/corpus/$t" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	corpus=$(ls "$work/$t" | wc -l)
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "fuzz_$t: FAILED (exit $rc) after ${execs:-?} executions; report:"
		grep -v '^INFO:\|^#[0-9]' "$log" | head -n 60
		ls "$artifacts/$t-"* 2>/dev/null | sed 's/^/  input kept: /'
	else
		echo "fuzz_$t: ${execs:-0} executions in ${secs} s, no crash (${corpus} new corpus inputs)"
	fi
	total=$((total + ${execs:-0}))
done
echo "fuzzing: $total executions in all; $([ $status -eq 0 ] && echo ok || echo FAILED)"
exit $status
