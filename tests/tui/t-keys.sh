# t-keys.sh - ui.keys: an override works; a bad keymap, action or key is a
# config error at FILE:LINE:COL before the terminal changes (exit 78).
. "$(dirname "$0")/lib.sh"
seed_db b2b
start_shell
cat > "$T/keys.yaml" <<'YAML'
ui:
  keys:
    global:
      quit: "F10 C-x"
YAML
start_csm --config "$T/keys.yaml" --db "$DB"
wait_for "Search:"
keys C-x
wait_for "csm-exit=0" "C-x bound to quit"

cat > "$T/bad.yaml" <<'YAML'
ui:
  keys:
    global:
      jump: "C-j"
    lookup:
      new: "Ctrl-N"
    nowhere:
      quit: F10
YAML
start_csm --config "$T/bad.yaml" --db "$DB"
wait_for "csm-exit=78" "exit status of a bad ui.keys"
wait_for "bad.yaml:4:7: ui.keys.global: unknown action 'jump'"
wait_for "bad.yaml:6:12: ui.keys.lookup.new: 'Ctrl-N' is not a key"
wait_for "bad.yaml:8:7: ui.keys: unknown keymap 'nowhere'"
check '[ "$(tm display -p -t t "#{alternate_on}")" = 0 ]' "alternate screen used"
finish
