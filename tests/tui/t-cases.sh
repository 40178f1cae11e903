# t-cases.sh - the case queues and the case view on a seeded database: the
# queues of an agent with cases, :CS... jumps to a case, a comment shows in
# the journal and in the database, --as a login without a user (refused), and a
# 40x12 terminal.
. "$(dirname "$0")/lib.sh"
"$CSM" --db "$DB" init --model b2b >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init or seed failed" >&2; exit 1; }
q() { sqlite3 -readonly "$DB" "$1"; }
# The agent with the most open cases, and the first of them by priority.
agent=$(q "SELECT u.login FROM cases c JOIN user u ON u.id = c.assigned_to_id
	WHERE c.state NOT IN ('closed', 'canceled') GROUP BY u.login ORDER BY count(*) DESC LIMIT 1")
first=$(q "SELECT c.number FROM cases c JOIN user u ON u.id = c.assigned_to_id
	WHERE u.login = '$agent' AND c.state NOT IN ('closed', 'canceled')
	ORDER BY c.priority, c.opened_at, c.id LIMIT 1")
open_case=$(q "SELECT number FROM cases WHERE state = 'open' ORDER BY id LIMIT 1")
check '[ -n "$agent" ] && [ -n "$first" ] && [ -n "$open_case" ]' "seed gave no agent with cases"

start_shell
start_csm --db "$DB" --as "$agent"
wait_for "Search:"
keys Escape
type_text ":cases"
keys Enter
wait_for "1 My open cases" "the queues"
wait_for "My open cases, by priority" "the queue summary"
wait_for "$first" "the agent's first case"
keys 3
wait_for "All open, by priority" "all open"
keys s
wait_for "All open, by opened" "sort cycles"
keys 4
wait_for "Awaiting approval, by opened" "approval queue"
keys 1
wait_for "My open cases, by opened" "the sort stays when the queue changes"
keys s s s
wait_for "My open cases, by priority" "the sort cycles back to priority"
keys Enter
wait_for "$first  " "Enter opens the case"
wait_for "Journal (" "the journal"
keys Escape
wait_for "My open cases, by priority" "Esc goes back to the queue"

# :NUMBER opens a case from anywhere; c comments.
type_text ":$open_case"
keys Enter
wait_for "$open_case  " ":CS... opens the case"
wait_for "State         open" "the case's state"
keys c
wait_for "Comment on $open_case" "the comment question"
type_text "Tmux says hello"
keys Enter
wait_for "Comment added" "comment saved"
wait_for "[comment]" "the journal labels comments"
wait_for "Tmux says hello" "the comment in the journal"
check '[ "$(q "SELECT count(*) FROM case_journal j JOIN cases c ON c.id = j.case_id
	JOIN user u ON u.id = j.author_id
	WHERE c.number = '"'$open_case'"' AND j.kind = '"'comment'"'
	AND j.body = '"'Tmux says hello'"' AND u.login = '"'$agent'"'")" = 1 ]' \
	"the comment is not in the database"
keys w
type_text "Internal only"
keys Enter
wait_for "[work note]" "the journal labels work notes"

# 40x12: the queue keeps number, priority, state and description.
resize 40 12
keys Escape
wait_for "Number" "headings at 40x12"
wait_for "Pri" "the priority column at 40x12"
keys Enter
wait_for "State" "the case view at 40x12"
resize 100 30
keys F10
wait_for "csm-exit=0" "quit"

# A login without a user row gets no console: --as such a login is refused
# (test_ui_cases covers the queues' explanation for one).
keys clear Enter
start_csm --db "$DB" --as nobody-here
wait_for "has no user 'nobody-here'" "the refusal"
wait_for "csm-exit=77" "exit 77"
finish
