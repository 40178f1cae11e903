# t-nocolor.sh - NO_COLOR=1 means no colour at all (capture-pane -e shows
# no colour escapes); ui.color: always does colour, so the check can fail.
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
# colour SGR parameters: 30-37, 38;..., 40-47, 48;..., 90-97, 100-107
colour_re=$'\e\\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])(;[0-9;]*)?m'
keys "export NO_COLOR=1" Enter
start_csm --db "$DB"
wait_for "Search:"
type_text "acme"
wait_for "Acme Télécom"
check '! tm capture-pane -p -e -t t | grep -qE "$colour_re"' "colour escapes with NO_COLOR=1"
check 'tm capture-pane -p -e -t t | grep -q $'"'"'\e\['"'"'' "no attributes at all (reverse header expected)"
keys Escape q
wait_for "csm-exit=0"

printf 'ui:\n  color: always\n' > "$T/color.yaml"
keys "unset NO_COLOR" Enter
start_csm --config "$T/color.yaml" --db "$DB"
wait_for "Search:"
check 'tm capture-pane -p -e -t t | grep -qE "$colour_re"' "no colour with ui.color: always"
keys Escape q
wait_for "csm-exit=0"
finish
