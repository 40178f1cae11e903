# t-customer.sh - lookup -> customer screen on a seeded b2b database: the
# facts and counts (checked against the database), the tabs, Enter on a
# contact, the parent account, and the 80x24 and 40x12 layouts.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "sqlite3 is not installed" >&2; exit 77; }
TUI_WIDTH=80 TUI_HEIGHT=24
"$CSM" --db "$DB" init --model b2b >/dev/null && "$CSM" --db "$DB" seed >/dev/null ||
	{ echo "init/seed failed" >&2; exit 1; }
q() { sqlite3 -readonly "$DB" "$1"; }

# A child account without children of its own (tabs: 1 contacts, 2 cases,
# 3 sold products, 4 install base, 5 contracts, 6 related, 7 activity).
id=$(q "SELECT id FROM account WHERE parent_id IS NOT NULL
	AND id NOT IN (SELECT parent_id FROM account WHERE parent_id IS NOT NULL) ORDER BY id LIMIT 1")
number=$(q "SELECT number FROM account WHERE id = $id")
name=$(q "SELECT name FROM account WHERE id = $id")
parent=$(q "SELECT p.name FROM account a JOIN account p ON p.id = a.parent_id WHERE a.id = $id")
open=$(q "SELECT count(*) FROM cases WHERE account_id = $id AND state NOT IN ('closed', 'canceled')")
contacts=$(q "SELECT count(*) FROM contact WHERE account_id = $id AND active = 1")
items=$(q "SELECT count(*) FROM install_base_item WHERE account_id = $id")
first_contact=$(q "SELECT number FROM contact WHERE account_id = $id ORDER BY active DESC,
	lower(last_name), lower(coalesce(first_name, '')), id LIMIT 1")

start_shell
tm resize-window -t t -x 80 -y 24
start_csm --db "$DB"
wait_for "Search:"
type_text "$number"
wait_for "1 match for '$number'" "lookup finds the account"
keys Enter
wait_for "$number  $name" "customer screen title"
wait_for "Parent: " "breadcrumb"
wait_for "$parent >" "breadcrumb names the parent"
wait_for "Open cases: $open " "open cases count as in the database ($open)"
wait_for "Contacts: $contacts " "active contacts as in the database ($contacts)"
wait_for "Items: $items " "install base items as in the database ($items)"
wait_for "1 Contacts" "tab bar"
wait_for "$first_contact" "first contact listed"

# Tabs: digits and Tab.
keys 2
wait_for "Short description" "cases tab"
keys Tab
wait_for "Product" "sold products tab"
keys 4
wait_for "Item " "install base tab"
keys 7
wait_for "When" "activity tab"
keys 1
wait_for "$first_contact" "back on the contacts"
keys Enter
wait_for "Account: $name ($number)" "Enter opens the contact"
keys Escape
wait_for "$number  $name"
keys p
wait_for "$parent" "p opens the parent account"
keys Escape
wait_for "$number  $name"

# Small terminal: facts shrink, the list stays usable.
resize 40 12
wait_for "$number" "40x12 still shows the record"
wait_for "Contacts" "40x12 shows the tab bar"
resize 80 24
wait_for "Open cases: $open " "80x24 again"
keys Escape Escape q
wait_for "csm-exit=0"
finish
