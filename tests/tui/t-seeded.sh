# t-seeded.sh - the lookup on the seeded demo data of each business model:
# a contact or consumer typed by name shows with its kind; a case number
# shows as a case.  The names come from `csm find`, so the test follows
# the seed data.
. "$(dirname "$0")/lib.sh"
for model in b2b b2c; do
	rm -f "$DB" "$DB-wal" "$DB-shm"
	seed_demo "$model"
	kind=contact
	[ "$model" = b2c ] && kind=consumer
	row=$("$CSM" --model "$model" --db "$DB" find a --kind "$kind" --limit 1 | sed -n 2p)
	name=$(printf '%s\n' "$row" | awk -F'  +' '{print $3}')
	case_no=$("$CSM" --model "$model" --db "$DB" find CS00000 --kind case --limit 1 | awk 'NR == 2 {print $2}')
	check '[ -n "$name" ] && [ -n "$case_no" ]' "$model: csm find gave no $kind or case"
	[ "$model" = b2b ] && start_shell
	start_csm --model "$model" --db "$DB"
	wait_for "$model" "$model header"
	type_text "$name"
	wait_line "$name" "$kind" "$model: typing a seeded $kind"
	keys C-u
	type_text "$case_no"
	wait_line "$case_no" " case " "$model: a case number"
	keys F10
	wait_for "csm-exit=0" "$model: quit"
	keys clear Enter
	wait_gone "csm-exit=0"
done
finish
