#!/usr/bin/env bash
# layering.sh - the include rules of style.md section 1, checked:
#   util/ <- model/ <- store/ <- domain/ <- cli/, ui/   (config/ beside, on util/)
#   only src/store/ includes <sqlite3.h>; only src/ui/ includes curses.
set -u
cd "${SRCDIR:-$(dirname "$0")/..}/src" || exit 1
bad=0
complain() { echo "layering: $*" >&2; bad=$((bad + 1)); }

while IFS= read -r f; do
	layer=${f%%/*}
	[ "$layer" = "$f" ] && layer=main
	grep -q '#include <sqlite3.h>' "$f" && [ "$layer" != store ] && complain "$f includes sqlite3.h (only src/store/ may)"
	grep -Eq '#include <(n?curses|ncursesw/curses)\.h>' "$f" && [ "$layer" != ui ] && complain "$f includes curses (only src/ui/ may)"
	case $layer in
	util) allowed="util" ;;
	config) allowed="util config" ;;
	model) allowed="util model config" ;;
	store) allowed="util model config store" ;;
	domain) allowed="util model config store domain" ;;
	cli) allowed="util model config store domain cli ui" ;;
	ui) allowed="util model config store domain ui" ;;
	*) allowed="util model config store domain cli ui" ;;
	esac
	grep -oE '#include "[a-z_]+/' "$f" | sed 's/#include "//; s/\///' | sort -u | while read -r dep; do
		case " $allowed " in *" $dep "*) ;; *) echo "$f includes $dep/ (layer $layer may use: $allowed)" ;; esac
	done > /tmp/layering.$$
	if [ -s /tmp/layering.$$ ]; then
		while IFS= read -r l; do complain "$l"; done < /tmp/layering.$$
	fi
	rm -f /tmp/layering.$$
done < <(find . -name '*.[ch]' ! -path './tools/*' | sed 's|^\./||' | sort)

if [ "$bad" -gt 0 ]; then
	echo "$bad layering violation(s)" >&2
	exit 1
fi
echo "layering ok"
