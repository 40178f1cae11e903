#!/bin/sh
# deps.sh - installs the Debian packages csm needs to build and test, if any
# are missing (apt-get; through sudo when not root).  Safe to run again.
set -eu
pkgs="meson ninja-build pkg-config gcc libncurses-dev libsqlite3-dev libyaml-dev libcsv-dev
      libcmocka-dev tmux sqlite3 groff-base locales jq"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps.sh: installing$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $missing >&2
