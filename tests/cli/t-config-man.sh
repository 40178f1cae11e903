# t-config-man.sh - man/csm.yaml.5 is clean roff: groff prints no warning.
# (tests/unit/test_config.c checks that it documents every config key.)
: "${SRCDIR:?SRCDIR must point at the source tree}"
if ! command -v groff >/dev/null 2>&1; then
	echo "groff is not installed: skipped"
	exit 77
fi
out=$(groff -man -ww -z "$SRCDIR/man/csm.yaml.5" 2>&1)
if [ -n "$out" ]; then
	echo "groff warns about man/csm.yaml.5:"
	echo "$out"
	exit 1
fi
echo "man/csm.yaml.5: no groff warnings"
