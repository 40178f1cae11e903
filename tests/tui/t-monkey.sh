# t-monkey.sh - random keys into the console for a bounded time, with
# resizes, on every screen: no crash, no sanitizer report, no leak, and the
# terminal restored each time csm leaves.
#
# The console run is $CSM_ASAN/csm when CSM_ASAN names a build directory
# made with -Db_sanitize=address,undefined (else $CSM_ASAN itself when it
# is a file, else $CSM; `tests/run.sh --asan` builds $CSM with the
# sanitizers anyway).  The database is seeded by $CSM in a temporary
# directory; random keys may create cases and comments there, which is the
# point.  Environment:
#   CSM_MONKEY_SEED      the PRNG seed (default: from the clock; printed)
#   CSM_MONKEY_SECONDS   how long to send keys (default 45)
# Each time csm leaves (q on the lookup, F10, :q) the run is checked and
# csm restarted; at the end it is asked to quit (Esc, F10, y) and checked
# the same way.  A failure prints the seed, the session's stderr (the
# sanitizer's stack) and its last keys, and keeps every session's keys and
# stderr under /tmp/csm-monkey-SEED/ to replay.
. "$(dirname "$0")/lib.sh"

SRC=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
BIN=$CSM
if [ -n "${CSM_ASAN:-}" ]; then
	if [ -x "$CSM_ASAN/csm" ]; then BIN=$CSM_ASAN/csm
	elif [ -x "$CSM_ASAN" ] && [ -f "$CSM_ASAN" ]; then BIN=$CSM_ASAN
	else echo "CSM_ASAN=$CSM_ASAN has no csm" >&2; exit 1
	fi
fi
if grep -qa __asan_report "$BIN"; then
	sanitized="AddressSanitizer+UBSan"
else
	sanitized="none (set CSM_ASAN to a -Db_sanitize=address,undefined build dir)"
fi
SEED=${CSM_MONKEY_SEED:-$(( $(date +%s) % 1000000 ))}
SECONDS_BUDGET=${CSM_MONKEY_SECONDS:-45}
KEEP=/tmp/csm-monkey-$SEED

# A deterministic PRNG (an LCG; bash's $RANDOM reseeds in subshells).
rng=$SEED
rand() { # rand N: sets r to 0..N-1
	rng=$(( (rng * 1103515245 + 12345) & 0x7fffffff ))
	r=$(( (rng >> 8) % $1 ))
}

models=(b2b b2c b2b2c)
rand 3
MODEL=${models[$r]}
"$CSM" --db "$DB" init --model "$MODEL" >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init or seed failed" >&2; exit 1; }
echo "business_model: $MODEL" > "$XDG_CONFIG_HOME/csm/config.yaml"
AS=$(sqlite3 -readonly "$DB" "SELECT u.login FROM user u JOIN user_role r ON r.user_id = u.id
	WHERE r.role = 'admin' ORDER BY u.id LIMIT 1")
[ -n "$AS" ] || { echo "the seeded database has no admin" >&2; exit 1; }
echo "monkey: seed $SEED, model $MODEL, acting as $AS, $SECONDS_BUDGET s"
echo "monkey: $BIN (sanitizers: $sanitized)"

# One csm run per session; after it the shell records the exit status and
# the terminal modes, then the pane dies (remain-on-exit keeps its screen,
# and keys sent to it go nowhere: never into a shell).
cat > "$T/run.sh" <<EOF
n=\$1
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 \\
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \\
LSAN_OPTIONS=suppressions=$SRC/tests/lsan.supp:print_suppressions=0 \\
	'$BIN' --db '$DB' --as '$AS' 2>"$T/err.\$n"
echo \$? > "$T/rc.\$n.tmp"
stty -a > "$T/stty.\$n" 2>&1
mv "$T/rc.\$n.tmp" "$T/rc.\$n"
EOF

# wait_up: keys typed before csm has the terminal would be echoed by the
# tty, so wait for its header (or for it to have left already).
wait_up() {
	for _ in $(seq 200); do
		[ -f "$T/rc.$session" ] && return 0
		tm capture-pane -p -t t 2>/dev/null | grep -qE '^ csm  |Terminal too small' && return 0
		sleep 0.05
	done
	fail "seed $SEED: csm run $session did not show its header in 10 s"
}

session=1
tm new-session -d -s t -x "$TUI_WIDTH" -y "$TUI_HEIGHT" "sh $T/run.sh 1" \; \
	set-option -g remain-on-exit on
: > "$T/keys.1"
wait_up

keys_sent=0
commands=0
resizes=0
declare -A sizes=() titles=()

# send KEY...: one send-keys call, logged for the session.
send() {
	tm send-keys -t t "$@" 2>/dev/null
	printf '%s\n' "$@" >> "$T/keys.$session"
	keys_sent=$((keys_sent + $#))
}
# send_text TEXT: literal text (each character counts as a key).
send_text() {
	tm send-keys -t t -l "$1" 2>/dev/null
	printf 'text:%s\n' "$1" >> "$T/keys.$session"
	keys_sent=$((keys_sent + ${#1}))
}

# A record number of a random kind, mostly within the seeded ranges.
prefixes=(CS CS CS ACCT CT CON HOLD IB IB SP CNTR)
record() { # sets rec
	rand ${#prefixes[@]}
	local p=${prefixes[$r]}
	rand 700
	printf -v rec '%s%07d' "$p" $((r + 1))
}
screens=(cases install-base lookup help case_entry customer parties case item nosuch "")
# A command line: ':' then a record number or a screen name, then Enter.
command_line() {
	local text
	rand 3
	if [ "$r" -lt 2 ]; then record; text=$rec; else
		rand ${#screens[@]}; text=${screens[$r]}
	fi
	send ":"
	send_text "$text"
	rand 10
	if [ "$r" -eq 0 ]; then send Escape; else send Enter; fi
	commands=$((commands + 1))
}
# Every so often, go somewhere on purpose so that every screen is visited.
visits=(":cases" ":install-base" ":CS" ":ACCT" ":IB" ":case_entry" ":CT" ":CON" ":HOLD"
	":help")
visit_i=0
visit() {
	local v=${visits[$((visit_i % ${#visits[@]}))]}
	visit_i=$((visit_i + 1))
	# Out of a question, then back (y: discard what a form holds), then
	# out of the lookup's search field: ':' then opens the command line.
	send C-g Escape y Escape
	case "$v" in
	:cases|:install-base|:case_entry|:help) send ":"; send_text "${v#:}" ;;
	*) rand 500; send ":"; send_text "$(printf '%s%07d' "${v#:}" $((r + 1)))" ;;
	esac
	send Enter
	commands=$((commands + 1))
	# Open something from the list the screen shows.
	rand 3
	[ "$r" -eq 0 ] && send Down Down Enter
}

letters=({a..z} {A..Z})
specials=(Enter Enter Enter Escape Escape Tab BTab Up Down Left Right Up Down PPage NPage
	Home End BSpace DC IC Space C-u C-a C-e C-d C-n C-p C-b C-f C-r C-l C-g
	F1 F2 F3 F4 F5 F6 F7 F8 F9 F10 F11 F12)
punct=("?" "/" "+" "-" "." "," "@" "#" "é" "ß" "中" "'" "\"" "*" "%" "=")
# One random key (or a command line) into the pane.
random_key() {
	rand 100
	if [ "$r" -lt 30 ]; then rand ${#letters[@]}; send "${letters[$r]}"
	elif [ "$r" -lt 38 ]; then rand 10; send "$r"
	elif [ "$r" -lt 80 ]; then rand ${#specials[@]}; send "${specials[$r]}"
	elif [ "$r" -lt 86 ]; then rand ${#punct[@]}; send_text "${punct[$r]}"
	elif [ "$r" -lt 91 ]; then command_line
	else rand 3; send_text "$(printf '%s' "${letters[@]:$((r * 9)):7}")"
	fi
}

resize_random() {
	local w h
	rand 171; w=$((r + 30))
	rand 51; h=$((r + 10))
	tm resize-window -t t -x "$w" -y "$h" 2>/dev/null
	printf 'resize:%sx%s\n' "$w" "$h" >> "$T/keys.$session"
	sizes["${w}x$h"]=1
	resizes=$((resizes + 1))
}

# The header's title: " csm  Title  ..." on the first line.
note_title() {
	local first
	# Narrow headers run the title into the user's name.
	[ "$(tm display -p -t t '#{window_width}')" -ge 90 ] || return 0
	first=$(tm capture-pane -p -t t 2>/dev/null | head -1)
	[ "${first#" csm  "}" != "$first" ] || return 0
	first=${first#" csm  "}
	first=${first%%"  "*}
	[ -n "$first" ] && [ "${#first}" -lt 30 ] && titles["$first"]=1
}

# check_session N: csm's run N left normally, cleanly, terminal restored.
check_session() {
	local n=$1 rc modes
	rc=$(cat "$T/rc.$n")
	checks=$((checks + 1))
	if [ "$rc" != 0 ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: ' \
		"$T/err.$n"; then
		failures=$((failures + 1))
		mkdir -p "$KEEP"
		cp "$T"/keys.* "$T"/err.* "$KEEP"/ 2>/dev/null
		echo "FAIL: session $n of seed $SEED: exit status $rc" \
			"$([ "$rc" -gt 128 ] 2>/dev/null && echo "(signal $((rc - 128)))")" >&2
		echo "---- stderr ----" >&2
		head -c 20000 "$T/err.$n" >&2
		echo "---- last keys (all in $KEEP/keys.$n) ----" >&2
		tail -n 80 "$T/keys.$n" | tr '\n' ' ' >&2
		echo >&2
		echo "---- screen ----" >&2
		capture >&2
	fi
	check '[ "$(tm display -p -t t "#{alternate_on}")" = 0 ]' \
		"session $n: alternate screen still on after csm left"
	modes=$(tr ' ' '\n' < "$T/stty.$n" | grep -xE -- '-?(icanon|echo|isig)' | tr '\n' ' ')
	check '[ "$modes" = "isig icanon echo " ]' \
		"session $n: terminal modes after csm: '$modes' (want isig icanon echo)"
}

next_session() {
	check_session "$session"
	session=$((session + 1))
	: > "$T/keys.$session"
	tm respawn-pane -k -t t "sh $T/run.sh $session"
	wait_up
}

end=$((SECONDS + SECONDS_BUDGET))
batch=0
while [ "$SECONDS" -lt "$end" ]; do
	batch=$((batch + 1))
	rand 8
	for _ in $(seq $((r + 3))); do random_key; done
	[ $((batch % 12)) -eq 0 ] && visit
	rand 8
	[ "$r" -eq 0 ] && resize_random
	[ $((batch % 5)) -eq 0 ] && note_title
	sleep 0.0$((batch % 5 + 1))
	[ -f "$T/rc.$session" ] && next_session
done

# Quit: C-g closes the command line or a text question and answers no to
# a yes/no one (Esc would go back, and ask again in a changed form), F10
# quits or asks, y confirms.  At a usable size, so that keys mean what
# they mean.
tm resize-window -t t -x 100 -y 30 2>/dev/null
for i in $(seq 20); do
	[ -f "$T/rc.$session" ] && break
	[ $((i % 5)) -eq 0 ] && send Escape && sleep 0.1
	send C-g
	sleep 0.1
	send F10
	sleep 0.2
	send y
	sleep 0.3
done
if [ ! -f "$T/rc.$session" ]; then
	fail "seed $SEED: csm did not quit on Esc F10 y (keys in $KEEP)"
	mkdir -p "$KEEP"
	cp "$T"/keys.* "$KEEP"/ 2>/dev/null
	pane=$(tm display -p -t t '#{pane_pid}')
	kill -TERM "$(pgrep -P "$pane" -f "$BIN")" 2>/dev/null
	for _ in $(seq 50); do [ -f "$T/rc.$session" ] && break; sleep 0.1; done
fi
[ -f "$T/rc.$session" ] && check_session "$session"

sorted=$(printf '%s\n' "${!sizes[@]}" | sort -t x -n -k1,1 -k2,2 | tr '\n' ' ')
echo "monkey: seed $SEED: $keys_sent keys sent ($commands command lines), $resizes resizes" \
	"to ${#sizes[@]} sizes, $session csm runs, all checked"
echo "monkey: sizes: ${sorted:-none}"
echo "monkey: screens seen: $(printf '%s, ' "${!titles[@]}" | sort)"
check '[ "${#titles[@]}" -ge 4 ]' "seed $SEED: only ${#titles[@]} screens seen"
finish
