# t-config.sh - the config file from the command line: a wrong file is
# refused (exit 78) before any database is touched, the lookup order
# (--config, $CSM_CONFIG, $XDG_CONFIG_HOME, ~/.config), --check-config, and
# the shipped configs.
. "$(dirname "$0")/lib.sh"
: "${SRCDIR:?SRCDIR must point at the source tree}"

# expect_err_is TEXT DESCRIPTION: stderr is exactly TEXT
expect_err_is() {
	checks=$((checks + 1))
	[ "$err" = "$1" ] || fail "$2: stderr is not exactly:
$1"
}

# expect_no_db DESCRIPTION: no database file was created anywhere we know
expect_no_db() {
	checks=$((checks + 1))
	if [ -n "$(find "$T" -name '*.db*' -print -quit)" ] || [ -e "$XDG_DATA_HOME/csm" ]; then
		fail "$1: a database was created: $(find "$T" -name '*.db*')"
	fi
}

# A wrong file: exit 78, the located message, no database touched.
printf 'database: %s/bad.db\ncases:\n  default_priority: urgent\n' "$T" > "$T/bad.yaml"
run -c "$T/bad.yaml" check
expect_rc 78 "bad config"
expect_err_is "csm: $T/bad.yaml:3:21: cases.default_priority: expected an integer from 1 to 4, got \"urgent\"" \
	"bad config"
expect_no_db "bad config"
run -c "$T/bad.yaml" init
expect_rc 78 "bad config, init"
expect_no_db "bad config, init"

# Every problem is reported, one per line, the first after "csm: ".
printf 'business_model: b2x\nui:\n  colour: never\n  mouse: maybe\nui:\n  color: never\n' \
	> "$T/several.yaml"
run -c "$T/several.yaml" check
expect_rc 78 "several errors"
expect_err_is "csm: $T/several.yaml:1:17: business_model: expected one of b2b, b2c, b2b2c, got \"b2x\"
$T/several.yaml:3:3: unknown key \"colour\" in ui (expected one of: color, mouse, keys); did you mean \"color\"?
$T/several.yaml:4:10: ui.mouse: expected true or false, got \"maybe\"
$T/several.yaml:5:1: duplicate key \"ui\" at the top level (first given at line 2)" "several errors"
expect_no_db "several errors"

# A syntax error shows the offending line and a caret under the column.
printf 'industry: telecom\nui:\n  color: never: ever\n' > "$T/syntax.yaml"
run --check-config "$T/syntax.yaml"
expect_rc 2 "--check-config syntax error"
expect_err_is "$T/syntax.yaml:3:15: invalid YAML: mapping values are not allowed in this context
  color: never: ever
              ^" "--check-config syntax error"
checks=$((checks + 1))
[ -z "$out" ] || fail "--check-config syntax error: stdout is not empty"

# --check-config: the same messages without "csm: ", exit 2.
run --check-config "$T/bad.yaml"
expect_rc 2 "--check-config bad"
expect_err_is "$T/bad.yaml:3:21: cases.default_priority: expected an integer from 1 to 4, got \"urgent\"" \
	"--check-config bad"
run --check-config "$T/missing.yaml"
expect_rc 2 "--check-config missing"
expect_err_is "$T/missing.yaml: cannot read the config: No such file or directory" \
	"--check-config missing"
run -c "$T/missing.yaml" check
expect_rc 78 "--config missing"
expect_err_is "csm: $T/missing.yaml: cannot read the config: No such file or directory" \
	"--config missing"
expect_no_db "--config missing"

# $CSM_CONFIG names the file when --config does not.
printf 'business_model: b2c\ndatabase: %s/env.db\n' "$T" > "$T/env.yaml"
export CSM_CONFIG="$T/env.yaml"
run init
expect_rc 0 "CSM_CONFIG init"; expect_out "created $T/env.db (b2c" "CSM_CONFIG init"
# --config wins over $CSM_CONFIG
printf 'database: %s/explicit.db\n' "$T" > "$T/explicit.yaml"
run -c "$T/explicit.yaml" init
expect_rc 0 "--config over CSM_CONFIG"
expect_out "created $T/explicit.db (b2b" "--config over CSM_CONFIG"
export CSM_CONFIG="$T/nowhere.yaml"
run check
expect_rc 78 "CSM_CONFIG missing"
expect_err_is "csm: $T/nowhere.yaml: cannot read the config named by CSM_CONFIG: No such file or directory" \
	"CSM_CONFIG missing"
unset CSM_CONFIG

# $XDG_CONFIG_HOME/csm/config.yaml, with ~ and $VAR expanded in database.
mkdir -p "$XDG_CONFIG_HOME/csm"
printf 'business_model: b2b2c\ndatabase: ~/xdg-$CSM_T_NAME.db\n' > "$XDG_CONFIG_HOME/csm/config.yaml"
export CSM_T_NAME=one
run init
expect_rc 0 "XDG config"; expect_out "created $HOME/xdg-one.db (b2b2c" "XDG config"
# an unset variable is an error at its node
unset CSM_T_NAME
run check
expect_rc 78 "unset variable"
expect_err_is "csm: $XDG_CONFIG_HOME/csm/config.yaml:2:11: database: cannot expand \"~/xdg-\$CSM_T_NAME.db\": \$CSM_T_NAME is not set in the environment" \
	"unset variable"
rm "$XDG_CONFIG_HOME/csm/config.yaml"

# ~/.config/csm/config.yaml when XDG_CONFIG_HOME is not set.
mkdir -p "$HOME/.config/csm"
printf 'database: %s/home.db\n' "$T" > "$HOME/.config/csm/config.yaml"
saved_xdg=$XDG_CONFIG_HOME
unset XDG_CONFIG_HOME
run init
expect_rc 0 "~/.config config"; expect_out "created $T/home.db" "~/.config config"
export XDG_CONFIG_HOME=$saved_xdg
# with XDG_CONFIG_HOME set, ~/.config is not looked at: the default database
run check
expect_rc 66 "XDG dir without a config"
expect_err "$XDG_DATA_HOME/csm/csm.db" "XDG dir without a config"

# The shipped configs pass --check-config with nothing on stderr.
for f in b2b b2c b2b2c; do
	run --check-config "$SRCDIR/config/$f.yaml"
	expect_rc 0 "shipped $f.yaml"
	expect_out "$SRCDIR/config/$f.yaml: ok" "shipped $f.yaml"
	expect_err_is "" "shipped $f.yaml"
done
finish
