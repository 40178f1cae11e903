#!/bin/sh
# demo.sh - the README's first command: installs what is missing, builds, and
# opens the console on the seeded demo database (extra arguments go to csm,
# e.g. --model b2c).
set -eu
cd "$(dirname "$0")/../.."
sh tests/deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec build/csm --demo "$@"
