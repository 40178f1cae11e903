# t-install-base.sh - the install base by location on a seeded database:
# the top locations and a drill-down two levels deep with the counts of each
# row checked against the database (sqlite3, read-only), the state filter,
# the items under a location, Enter opens the item view with its children
# and the cases of its tree, :IB... jumps to an item, and 40x12 still works.
. "$(dirname "$0")/lib.sh"
seed_demo b2b
q() { sqlite3 -readonly "$DB" "$1"; }

# Counts under a location as the screen shows them: items, in use, in
# repair, open cases of its whole subtree.
counts() {
	q "SELECT (SELECT count(*) FROM install_base_item i JOIN location l ON l.id = i.location_id
		WHERE l.path LIKE p.path || '%'),
	       (SELECT count(*) FROM install_base_item i JOIN location l ON l.id = i.location_id
		WHERE l.path LIKE p.path || '%' AND i.state = 'in_use'),
	       (SELECT count(*) FROM install_base_item i JOIN location l ON l.id = i.location_id
		WHERE l.path LIKE p.path || '%' AND i.state = 'in_repair'),
	       (SELECT count(*) FROM cases c JOIN install_base_item i ON i.id = c.install_base_item_id
		JOIN location l ON l.id = i.location_id WHERE l.path LIKE p.path || '%'
		AND c.state NOT IN ('closed', 'canceled'))
	  FROM location p WHERE p.id = $1" | tr '|' ' '
}
# The four numbers at the end of the screen line that names a location.
shown() {
	capture | grep -F -- "$1  " | grep -E '[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ *$' | head -1 |
		awk '{print $(NF-3), $(NF-2), $(NF-1), $NF}'
}
# Index of a location among its siblings, in the screen's order.
position() {
	q "SELECT count(*) FROM location WHERE parent_id IS $2 AND
		(name COLLATE NOCASE < (SELECT name FROM location WHERE id = $1) COLLATE NOCASE OR
		 (name COLLATE NOCASE = (SELECT name FROM location WHERE id = $1) COLLATE NOCASE
		  AND id < $1))"
}
down() { for _ in $(seq "$1"); do keys Down; done; }

# The top location with the most items, its child with the most items.
top=$(q "SELECT p.id FROM location p JOIN location l ON l.path LIKE p.path || '%'
	JOIN install_base_item i ON i.location_id = l.id WHERE p.parent_id IS NULL
	GROUP BY p.id ORDER BY count(*) DESC LIMIT 1")
child=$(q "SELECT p.id FROM location p JOIN location l ON l.path LIKE p.path || '%'
	JOIN install_base_item i ON i.location_id = l.id WHERE p.parent_id = $top
	GROUP BY p.id ORDER BY count(*) DESC LIMIT 1")
top_name=$(q "SELECT name FROM location WHERE id = $top")
child_name=$(q "SELECT name FROM location WHERE id = $child")
check '[ -n "$top" ] && [ -n "$child" ]' "the seed has no install base at locations"
all_items=$(q "SELECT count(*) FROM install_base_item WHERE location_id IS NOT NULL")

start_shell
start_csm --db "$DB"
wait_for "Search:"
keys Escape
type_text ":install-base"
keys Enter
wait_for "All: $all_items items" "the totals over every location"
wait_for "$top_name"
check '[ "$(shown "$top_name")" = "$(counts "$top")" ]' \
	"counts of $top_name: shown '$(shown "$top_name")', database '$(counts "$top")'"

# Drill down: the top location, then its busiest child.
down "$(position "$top" NULL)"
keys Right
wait_for "▾ $top_name" "expanded"
wait_for "$child_name"
check '[ "$(shown "$child_name")" = "$(counts "$child")" ]' \
	"counts of $child_name: shown '$(shown "$child_name")', database '$(counts "$child")'"
down $(( $(position "$child" "$top") + 1 ))
keys Enter
wait_for "▾ $child_name" "expanded with Enter"
grand=$(q "SELECT id FROM location WHERE parent_id = $child ORDER BY name COLLATE NOCASE, id LIMIT 1")
grand_name=$(q "SELECT name FROM location WHERE id = $grand")
wait_for "$grand_name  "
check '[ "$(shown "$grand_name")" = "$(counts "$grand")" ]' \
	"counts of $grand_name: shown '$(shown "$grand_name")', database '$(counts "$grand")'"
keys Left
wait_for "▸ $child_name" "collapsed with Left"
wait_gone "$grand_name  "

# Everything under the child, filtered to the items in repair.
keys s
wait_for "Items under $child_name" "scope: under"
keys f
wait_for "Filter items by state"
keys Down Down Enter
wait_for "Filter by product"
keys Enter
wait_for "Items under $child_name · in repair" "the filter in the heading"
first_repair=$(q "SELECT i.number FROM install_base_item i JOIN location l ON l.id = i.location_id
	WHERE l.path LIKE (SELECT path FROM location WHERE id = $child) || '%'
	AND i.state = 'in_repair' ORDER BY l.path, l.id, i.id LIMIT 1")
wait_for "$first_repair" "the first item in repair under $child_name"
check '! capture | sed -n "/Items under/,\$p" | grep -q " in use "' "an item in use passed the filter"

# Enter on an item opens its view.
keys Tab Enter
wait_for "Install base item" "the item view"
wait_for "$first_repair"
wait_for "in repair"
keys Escape
wait_for "Items under $child_name"

# :IB... jumps to an item; its children and the cases of its tree.
item=$(q "SELECT i.number FROM install_base_item i WHERE i.parent_id IS NULL
	AND EXISTS (SELECT 1 FROM install_base_item c WHERE c.parent_id = i.id)
	AND EXISTS (SELECT 1 FROM cases k JOIN install_base_item t ON t.id = k.install_base_item_id
		WHERE t.root_id = i.id) ORDER BY i.id LIMIT 1")
n_children=$(q "SELECT count(*) - 1 FROM install_base_item WHERE root_id =
	(SELECT id FROM install_base_item WHERE number = '$item')")
n_cases=$(q "SELECT count(*) FROM cases k JOIN install_base_item t ON t.id = k.install_base_item_id
	WHERE t.root_id = (SELECT id FROM install_base_item WHERE number = '$item')")
a_case=$(q "SELECT k.number FROM cases k JOIN install_base_item t ON t.id = k.install_base_item_id
	WHERE t.root_id = (SELECT id FROM install_base_item WHERE number = '$item') LIMIT 1")
a_child=$(q "SELECT number FROM install_base_item WHERE parent_id =
	(SELECT id FROM install_base_item WHERE number = '$item') ORDER BY path LIMIT 1")
type_text ":$item"
keys Enter
wait_for "$item " "the item by its number"
wait_for "Children ($n_children)" "the child count"
wait_for "$a_child" "a child item"
wait_for "Cases ($n_cases)" "the case count of the tree"
keys 3
wait_for "$a_case" "a case of the tree"

# 40x12: still usable.
resize 40 12
wait_for "3 Cases ($n_cases)" "the item at 40x12"
keys Escape
wait_for "All: $all_items" "the install base at 40x12"
wait_for "Items under" "the items alone at 40x12"
keys Tab
wait_for "Location" "the tree alone at 40x12"
wait_gone "Items under"
keys q
wait_for "Search:"
keys Escape q
wait_for "csm-exit=0"
finish
