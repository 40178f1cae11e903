# t-parties.sh - related parties of an install base item on a seeded
# database: the list with what each entry grants, adding a contact (type,
# search-as-you-type picker, relationship name) seen on screen and in the
# database, removing it after a "no" and then a "yes", the audit rows of
# both, and a closed case whose related parties are read-only.
. "$(dirname "$0")/lib.sh"
seed_demo b2b
q() { sqlite3 -readonly "$DB" "$1"; }

# An item of an account without a Site Contact, and a contact of that
# account with a last name to search for.
item=$(q "SELECT i.number FROM install_base_item i WHERE i.account_id IS NOT NULL
	AND i.state <> 'inactive' AND NOT EXISTS (SELECT 1 FROM related_party r
	JOIN related_party_type t ON t.id = r.type_id WHERE r.install_base_item_id = i.id
	AND t.name = 'Site Contact') ORDER BY i.id LIMIT 1")
item_id=$(q "SELECT id FROM install_base_item WHERE number = '$item'")
contact=$(q "SELECT c.number FROM contact c JOIN install_base_item i ON i.account_id = c.account_id
	WHERE i.id = $item_id ORDER BY c.id LIMIT 1")
last=$(q "SELECT last_name FROM contact WHERE number = '$contact'")
n_before=$(q "SELECT count(*) FROM related_party WHERE install_base_item_id = $item_id")
closed=$(q "SELECT number FROM cases WHERE state = 'closed' ORDER BY id LIMIT 1")
check '[ -n "$item" ] && [ -n "$contact" ] && [ -n "$closed" ]' "the seed lacks an item, contact or closed case"

start_shell
start_csm --db "$DB"
wait_for "Search:"
keys Escape
type_text ":$item"
keys Enter
wait_for "Install base item"
keys r
wait_for "$item, install base item: $n_before related part" "the parties screen"

# Add: the type (S jumps to Site Contact), the contact (searched by its
# last name, then its number), then a relationship name.
keys a
wait_for "which type?"
type_text "S"
keys Enter
wait_for "pick a contact" "the picker is limited to contacts"
type_text "$last"
wait_for "$contact" "the contact found by name as you type"
# The number finds exactly that contact, first.
keys C-u
type_text "$contact"
wait_line "$contact" "$last" "the contact found by number"
keys Enter
wait_for "Relationship name" "the relationship question"
type_text "site owner"
keys Enter
wait_for "Added " "the message"
wait_line "Site Contact" "site owner" "the new entry in the list"
wait_for "Listed only: grants no access" "what it grants, in words"
rp=$(q "SELECT r.id FROM related_party r JOIN related_party_type t ON t.id = r.type_id
	WHERE r.install_base_item_id = $item_id AND t.name = 'Site Contact'
	AND r.relationship_name = 'site owner'")
check '[ -n "$rp" ]' "the entry is not in the database"
check '[ "$(q "SELECT count(*) FROM audit_log WHERE table_name = '"'"'related_party'"'"'
	AND record_id = ${rp:-0} AND action = '"'"'insert'"'"'")" -ge 1 ]' "no audit row for the insert"

# Remove: "n" keeps it, "y" removes it.
keys d
wait_for "Remove " "the confirmation"
wait_for "from $item? (y/n)"
keys n
wait_gone "(y/n)"
check '[ "$(q "SELECT count(*) FROM related_party WHERE id = ${rp:-0}")" = 1 ]' "n removed the entry"
keys d
wait_for "(y/n)"
keys y
wait_for "Removed " "the removal message"
wait_for "$item, install base item: $n_before related part"
check '[ "$(q "SELECT count(*) FROM related_party WHERE id = ${rp:-0}")" = 0 ]' "the entry is still there"
check '[ "$(q "SELECT count(*) FROM audit_log WHERE table_name = '"'"'related_party'"'"'
	AND record_id = ${rp:-0} AND action = '"'"'delete'"'"'")" -ge 1 ]' "no audit row for the delete"

# A closed case: its parties can be read, not changed.
keys Escape Escape
wait_for "Search:"
keys Escape
type_text ":$closed"
keys Enter
wait_for "$closed"
keys r
wait_for "read-only, the case is closed" "the parties of a closed case"
keys a
wait_for "$closed is closed: its related parties can no longer change"
keys Escape Escape q
wait_for "csm-exit=0"
finish
