# t-roundtrip.sh - export then import round-trips every kind on a seeded
# database of each business model: into a new database the data comes back
# the same, and into the same database nothing changes.
. "$(dirname "$0")/lib.sh"

kinds="location user service_organization group product account account_relationship_type
       account_relationship contact
       consumer household household_member account_consumer address team_member asset
       sold_product install_base installed_product contract contract_product entitlement case
       case_journal case_task related_party"
# every kind csm has, in its import order
run import widgets x.csv; expect_err "kinds: $(echo $kinds)" "the kinds are csm's, in order"
for model in b2b b2c b2b2c; do
	src="$T/$model.db" dst="$T/$model-new.db"
	run -d "$src" init --model "$model"; expect_rc 0 "$model: init"
	run -d "$src" seed --seed 7; expect_rc 0 "$model: seed"
	industry=$(sql "$src" "SELECT value FROM setting WHERE key = 'industry'")
	run -d "$dst" init --model "$model" --industry "$industry"; expect_rc 0 "$model: init copy"
	mkdir -p "$T/$model/a" "$T/$model/b"
	for k in $kinds; do
		run -d "$src" export "$k" --output "$T/$model/a/$k.csv"; expect_rc 0 "$model: export $k"
	done
	for k in $kinds; do
		run -d "$dst" import "$k" "$T/$model/a/$k.csv"; expect_rc 0 "$model: import $k"
		run -d "$src" import "$k" "$T/$model/a/$k.csv"; expect_rc 0 "$model: re-import $k"
		expect_out " 0 inserted, 0 updated," "$model: re-import of $k changes nothing"
	done
	for k in $kinds; do
		run -d "$dst" export "$k" --output "$T/$model/b/$k.csv"; expect_rc 0 "$model: export copy $k"
	done
	checks=$((checks + 1))
	if ! diff -r "$T/$model/a" "$T/$model/b" > "$T/diff" 2>&1; then
		rc=1; out=$(head -20 "$T/diff"); err=""
		fail "$model: the copy's export differs from the original's"
	fi
	# the seed is not empty for what the model has
	n=$(($(wc -l < "$T/$model/a/case.csv") - 1))
	checks=$((checks + 1)); [ "$n" -ge 100 ] || { rc=1; fail "$model: only $n cases exported"; }
	# the links and the history the seed makes (it makes no account relationships)
	links="address team_member installed_product contract_product case_journal case_task related_party"
	[ "$model" = b2b2c ] && links="$links account_consumer"
	for k in $links; do
		n=$(($(wc -l < "$T/$model/a/$k.csv") - 1))
		checks=$((checks + 1)); [ "$n" -ge 10 ] || { rc=1; fail "$model: only $n $k rows exported"; }
	done
	run -d "$dst" check; expect_rc 0 "$model: the copy passes check"
done
finish
