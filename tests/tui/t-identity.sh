# t-identity.sh - the header says who is using csm and with which roles
# (acting as someone, the demo); a login without an active user gets a
# screen that says why instead of the lookup, nothing opens from it (not
# even ':' with a case number), and csm exits with 77.
. "$(dirname "$0")/lib.sh"
me=$(id -un)
seed_db b2b
"$CSM" --db "$DB" user add bob --name "Bob Agent" --role agent --role viewer >/dev/null &&
	"$CSM" --db "$DB" user add ann --name "Ann Admin" --role admin >/dev/null ||
	{ echo "user add failed" >&2; exit 1; }

start_shell
start_csm --db "$DB"
wait_for "Search:" "start"
wait_for "$me as admin  b2b" "header: who and role"
keys F10
wait_for "csm-exit=0" "quit"

keys clear Enter
start_csm --db "$DB" --as bob
wait_for "Search:" "start as bob"
wait_for "$me acting as bob (Bob Agent) as agent, viewer  b2b" "header: acting as bob"
keys F10
wait_for "csm-exit=0" "quit as bob"

"$CSM" --db "$DB" user deactivate "$me" >/dev/null || { echo "deactivate failed" >&2; exit 1; }
keys clear Enter
start_csm --db "$DB"
wait_for "No data for you here" "the refusal screen"
wait_for "are not an active user" "the reason"
wait_for "csm user activate $me" "whom to ask"
wait_for "$me not a user" "header: not a user"
check '! capture | grep -q "Search:"' "the lookup is shown to a login without a user"
type_text ":CS0000042"
keys Enter
sleep 0.5
check '! capture | grep -q "Router keeps rebooting"' "a case opened for a login without a user"
keys F10
wait_for "csm-exit=77" "exit 77"

"$CSM" --demo whoami >/dev/null || { echo "demo failed" >&2; exit 1; }
keys clear Enter
start_csm --demo
wait_for "Search:" "demo start"
wait_for "$me as admin  demo  b2b" "header: the demo"
keys F10
wait_for "csm-exit=0" "quit the demo"
finish
