/* access.c - the access layer: visibility views and rights (access.h).
 *
 * The rules are domain.md's "Access".  They are written once, as the TEMP
 * views below, over the main tables (always named main.X here, since the
 * unqualified names are the filtered views themselves).  The acl_* views
 * compute the sets a rule grants; the views named like the tables keep
 * the rows of those sets.  Every set is derived from the current data, so
 * nothing is cached and nothing can go stale. */
#include "store/access.h"

#include <stdio.h>
#include <string.h>

#include "model/party.h"
#include "util/clock.h"
#include "store/private.h"

/* The acting user, one row; bound, never formatted into the views. */
static const char sql_create_me[] =
	"CREATE TEMP TABLE IF NOT EXISTS acl_me(user_id INTEGER NOT NULL, internal INTEGER NOT NULL);"
	/* The sets, computed by store_access_refresh() from the acl_* views. */
	"CREATE TEMP TABLE IF NOT EXISTS seen_case(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_sold_product(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_item(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_account(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_contact(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_household(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_consumer(id INTEGER PRIMARY KEY);"
	"CREATE TEMP TABLE IF NOT EXISTS seen_location(id INTEGER PRIMARY KEY);";
static const char sql_clear_me[] = "DELETE FROM temp.acl_me";
static const char sql_set_me[] = "INSERT INTO temp.acl_me(user_id, internal) VALUES (?1, ?2)";

/* The sets each rule grants.  "me" is the acting user; a customer login is
 * a contact (and through it an account), a consumer login a consumer. */
static const char sql_views[] =
	/* Whom the acting user is, as a contact, an account and a consumer.  An
	 * account that restricts contact access gives its contacts nothing. */
	"CREATE TEMP VIEW acl_my_contact(id, account_id, open_account) AS"
	" SELECT c.id, c.account_id, a.restrict_contact_access = 0"
	" FROM temp.acl_me m JOIN main.contact c ON c.user_id = m.user_id"
	" JOIN main.account a ON a.id = c.account_id;"
	"CREATE TEMP VIEW acl_my_consumer(id) AS"
	" SELECT c.id FROM temp.acl_me m JOIN main.consumer c ON c.user_id = m.user_id;"
	/* Roles, read live so that a revoked role ends at once. */
	"CREATE TEMP VIEW acl_role(role) AS"
	" SELECT r.role FROM temp.acl_me m JOIN main.user_role r ON r.user_id = m.user_id"
	" JOIN main.user u ON u.id = m.user_id AND u.active = 1;"
	/* A stakeholder's organization: its contact's account and the accounts
	 * under it, and the service organizations it manages and theirs. */
	"CREATE TEMP VIEW acl_org_account(id) AS"
	" SELECT a.id FROM temp.acl_my_contact mc JOIN main.account top ON top.id = mc.account_id"
	" JOIN main.account a ON a.path >= top.path AND a.path < top.path || x'7f'"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_role WHERE role = 'stakeholder');"
	"CREATE TEMP VIEW acl_org_service(id) AS"
	" SELECT o.id FROM temp.acl_me m"
	" JOIN main.service_organization top ON top.manager_id = m.user_id"
	" JOIN main.service_organization o ON o.path >= top.path AND o.path < top.path || x'7f'"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_role WHERE role = 'stakeholder');"
	/* Customers whose team the user is on as account or relationship
	 * manager: all of their cases. */
	"CREATE TEMP VIEW acl_team(account_id, consumer_id, household_id) AS"
	" SELECT t.account_id, t.consumer_id, t.household_id FROM temp.acl_me m"
	" JOIN main.customer_team_member t ON t.user_id = m.user_id"
	" JOIN main.responsibility r ON r.id = t.responsibility_id"
	" WHERE r.name IN ('Account Manager', 'Relationship Manager');"
	/* Households the consumer belongs to today, and those it heads. */
	"CREATE TEMP VIEW acl_household_now(id, is_head) AS"
	" SELECT hm.household_id, h.head_consumer_id = hm.consumer_id"
	" FROM temp.acl_my_consumer mc JOIN main.household_member hm ON hm.consumer_id = mc.id"
	" JOIN main.household h ON h.id = hm.household_id"
	" WHERE (hm.start_date IS NULL OR hm.start_date <= csm_today())"
	"   AND (hm.end_date IS NULL OR hm.end_date >= csm_today());"
	/* Related-party entries that name the user, with a responsibility that
	 * grants access (listed entries grant nothing): as a user, its contact,
	 * its account (unless the account restricts contact access), its
	 * consumer, or a service organization it belongs to or manages. */
	"CREATE TEMP VIEW acl_grant(case_id, sold_product_id, install_base_item_id) AS"
	" SELECT rp.case_id, rp.sold_product_id, rp.install_base_item_id"
	" FROM main.related_party rp JOIN main.responsibility r"
	"   ON r.id = rp.responsibility_id AND r.grants_access = 1"
	" WHERE rp.user_id = (SELECT user_id FROM temp.acl_me)"
	"    OR rp.contact_id IN (SELECT id FROM temp.acl_my_contact)"
	"    OR rp.account_id IN (SELECT account_id FROM temp.acl_my_contact WHERE open_account)"
	"    OR rp.consumer_id IN (SELECT id FROM temp.acl_my_consumer)"
	"    OR rp.service_org_id IN (SELECT org_id FROM main.service_org_member"
	"                              WHERE user_id = (SELECT user_id FROM temp.acl_me)"
	"                             UNION SELECT id FROM main.service_organization"
	"                              WHERE manager_id = (SELECT user_id FROM temp.acl_me));"
	/* Sold products seen with all their items and cases: granted ones, the
	 * consumer's own, its households' as head, the organization's, the
	 * team's. */
	"CREATE TEMP VIEW acl_full_sold_product(id) AS"
	" SELECT sold_product_id FROM temp.acl_grant WHERE sold_product_id IS NOT NULL"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.consumer_id IN (SELECT id FROM temp.acl_my_consumer)"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.household_id IN (SELECT id FROM temp.acl_household_now WHERE is_head)"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.account_id IN (SELECT id FROM temp.acl_org_account)"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.service_org_id IN (SELECT id FROM temp.acl_org_service)"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.account_id IN (SELECT account_id FROM temp.acl_team)"
	"     OR sp.consumer_id IN (SELECT consumer_id FROM temp.acl_team)"
	"     OR sp.household_id IN (SELECT household_id FROM temp.acl_team);"
	/* Install base items seen with their child items and all their cases:
	 * granted items, the items of those sold products, and the same owners
	 * as above; then every item under them. */
	"CREATE TEMP VIEW acl_full_item_top(id) AS"
	" SELECT install_base_item_id FROM temp.acl_grant WHERE install_base_item_id IS NOT NULL"
	" UNION SELECT ip.install_base_item_id FROM main.installed_product ip"
	"  WHERE ip.sold_product_id IN (SELECT id FROM temp.acl_full_sold_product)"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.consumer_id IN (SELECT id FROM temp.acl_my_consumer)"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.household_id IN (SELECT id FROM temp.acl_household_now WHERE is_head)"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.account_id IN (SELECT id FROM temp.acl_org_account)"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.service_org_id IN (SELECT id FROM temp.acl_org_service)"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.account_id IN (SELECT account_id FROM temp.acl_team)"
	"     OR i.consumer_id IN (SELECT consumer_id FROM temp.acl_team)"
	"     OR i.household_id IN (SELECT household_id FROM temp.acl_team);"
	"CREATE TEMP VIEW acl_full_item(id) AS"
	" SELECT d.id FROM temp.acl_full_item_top t"
	" JOIN main.install_base_item g ON g.id = t.id"
	" JOIN main.install_base_item d ON d.root_id = g.root_id"
	"  AND d.path >= g.path AND d.path < g.path || x'7f';"
	/* Cases: the user's own (as contact, consumer, opener or requester),
	 * those whose approval is asked of the user,
	 * granted ones, those with an open task for the user or one of its
	 * groups, those of the sets above, the households it heads, its
	 * organization and its team. */
	"CREATE TEMP VIEW acl_case(id) AS"
	" SELECT c.id FROM main.cases c WHERE c.contact_id IN (SELECT id FROM temp.acl_my_contact)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.consumer_id IN (SELECT id FROM temp.acl_my_consumer)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.opened_by_id = (SELECT user_id FROM temp.acl_me)"
	"     OR c.requester_id = (SELECT user_id FROM temp.acl_me)"
	"     OR c.approver_id = (SELECT user_id FROM temp.acl_me)"
	" UNION SELECT case_id FROM temp.acl_grant WHERE case_id IS NOT NULL"
	" UNION SELECT t.case_id FROM main.case_task t WHERE t.state = 'open'"
	"  AND (t.assigned_user_id = (SELECT user_id FROM temp.acl_me)"
	"       OR t.assigned_group_id IN (SELECT group_id FROM main.group_member"
	"                                  WHERE user_id = (SELECT user_id FROM temp.acl_me)))"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.sold_product_id IN (SELECT id FROM temp.acl_full_sold_product)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.install_base_item_id IN (SELECT id FROM temp.acl_full_item)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.household_id IN (SELECT id FROM temp.acl_household_now WHERE is_head)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.account_id IN (SELECT id FROM temp.acl_org_account)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.service_org_id IN (SELECT id FROM temp.acl_org_service)"
	" UNION SELECT c.id FROM main.cases c"
	"  WHERE c.account_id IN (SELECT account_id FROM temp.acl_team)"
	"     OR c.consumer_id IN (SELECT consumer_id FROM temp.acl_team)"
	"     OR c.household_id IN (SELECT household_id FROM temp.acl_team);"
	/* Sold products and items seen as records: the full sets, an open
	 * account's for its contacts, and those a visible case names. */
	"CREATE TEMP VIEW acl_sold_product(id) AS"
	" SELECT id FROM temp.acl_full_sold_product"
	" UNION SELECT sp.id FROM main.sold_product sp"
	"  WHERE sp.account_id IN (SELECT account_id FROM temp.acl_my_contact WHERE open_account)"
	" UNION SELECT c.sold_product_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.sold_product_id IS NOT NULL;"
	"CREATE TEMP VIEW acl_item(id) AS"
	" SELECT id FROM temp.acl_full_item"
	" UNION SELECT i.id FROM main.install_base_item i"
	"  WHERE i.account_id IN (SELECT account_id FROM temp.acl_my_contact WHERE open_account)"
	" UNION SELECT c.install_base_item_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.install_base_item_id IS NOT NULL;"
	/* Customers: the user's own, its organization's, its team's, those its
	 * visible records name; contributors open cases for any customer, so
	 * they see every customer record (not their cases or products). */
	"CREATE TEMP VIEW acl_any_customer(yes) AS"
	" SELECT 1 FROM temp.acl_role WHERE role = 'contributor';"
	"CREATE TEMP VIEW acl_account(id) AS"
	" SELECT account_id FROM temp.acl_my_contact"
	" UNION SELECT id FROM temp.acl_org_account"
	" UNION SELECT account_id FROM temp.acl_team WHERE account_id IS NOT NULL"
	" UNION SELECT c.account_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.account_id IS NOT NULL"
	" UNION SELECT sp.account_id FROM main.sold_product sp"
	"  WHERE sp.id IN (SELECT id FROM temp.seen_sold_product) AND sp.account_id IS NOT NULL"
	" UNION SELECT i.account_id FROM main.install_base_item i"
	"  WHERE i.id IN (SELECT id FROM temp.seen_item) AND i.account_id IS NOT NULL;"
	"CREATE TEMP VIEW acl_contact(id) AS"
	" SELECT id FROM temp.acl_my_contact"
	" UNION SELECT c.id FROM main.contact c"
	"  WHERE c.account_id IN (SELECT id FROM temp.acl_org_account)"
	" UNION SELECT c.id FROM main.contact c"
	"  WHERE c.account_id IN (SELECT account_id FROM temp.acl_team)"
	" UNION SELECT c.contact_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.contact_id IS NOT NULL"
	" UNION SELECT sp.contact_id FROM main.sold_product sp"
	"  WHERE sp.id IN (SELECT id FROM temp.seen_sold_product) AND sp.contact_id IS NOT NULL"
	" UNION SELECT i.contact_id FROM main.install_base_item i"
	"  WHERE i.id IN (SELECT id FROM temp.seen_item) AND i.contact_id IS NOT NULL;"
	"CREATE TEMP VIEW acl_household(id) AS"
	" SELECT id FROM temp.acl_household_now"
	" UNION SELECT household_id FROM temp.acl_team WHERE household_id IS NOT NULL"
	" UNION SELECT c.household_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.household_id IS NOT NULL"
	" UNION SELECT sp.household_id FROM main.sold_product sp"
	"  WHERE sp.id IN (SELECT id FROM temp.seen_sold_product) AND sp.household_id IS NOT NULL"
	" UNION SELECT i.household_id FROM main.install_base_item i"
	"  WHERE i.id IN (SELECT id FROM temp.seen_item) AND i.household_id IS NOT NULL;"
	"CREATE TEMP VIEW acl_consumer(id) AS"
	" SELECT id FROM temp.acl_my_consumer"
	" UNION SELECT hm.consumer_id FROM main.household_member hm"
	"  WHERE hm.household_id IN (SELECT id FROM temp.acl_household_now)"
	"    AND (hm.start_date IS NULL OR hm.start_date <= csm_today())"
	"    AND (hm.end_date IS NULL OR hm.end_date >= csm_today())"
	" UNION SELECT consumer_id FROM temp.acl_team WHERE consumer_id IS NOT NULL"
	" UNION SELECT c.consumer_id FROM main.cases c"
	"  WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.consumer_id IS NOT NULL"
	" UNION SELECT sp.consumer_id FROM main.sold_product sp"
	"  WHERE sp.id IN (SELECT id FROM temp.seen_sold_product) AND sp.consumer_id IS NOT NULL"
	" UNION SELECT i.consumer_id FROM main.install_base_item i"
	"  WHERE i.id IN (SELECT id FROM temp.seen_item) AND i.consumer_id IS NOT NULL;"
	/* Locations: those of visible items, addresses and households, with
	 * their ancestors (a path '/1/7/42/' lists them). */
	"CREATE TEMP VIEW acl_location_seen(id) AS"
	" SELECT i.location_id FROM main.install_base_item i"
	"  WHERE i.id IN (SELECT id FROM temp.seen_item) AND i.location_id IS NOT NULL"
	" UNION SELECT a.location_id FROM main.address a"
	"  WHERE a.account_id IN (SELECT id FROM temp.seen_account)"
	"     OR a.consumer_id IN (SELECT id FROM temp.seen_consumer)"
	" UNION SELECT h.location_id FROM main.household h"
	"  WHERE h.id IN (SELECT id FROM temp.seen_household) AND h.location_id IS NOT NULL;"
	"CREATE TEMP VIEW acl_location(id) AS"
	" SELECT CAST(j.value AS INTEGER) FROM main.location l,"
	"  json_each('[' || replace(trim(l.path, '/'), '/', ',') || ']') j"
	" WHERE l.id IN (SELECT id FROM temp.acl_location_seen);"

	/* The tables as this user sees them. */
	"CREATE TEMP VIEW account AS SELECT * FROM main.account"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_any_customer)"
	"    OR id IN (SELECT id FROM temp.seen_account);"
	"CREATE TEMP VIEW contact AS SELECT * FROM main.contact"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_any_customer)"
	"    OR id IN (SELECT id FROM temp.seen_contact);"
	"CREATE TEMP VIEW consumer AS SELECT * FROM main.consumer"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_any_customer)"
	"    OR id IN (SELECT id FROM temp.seen_consumer);"
	"CREATE TEMP VIEW household AS SELECT * FROM main.household"
	" WHERE EXISTS (SELECT 1 FROM temp.acl_any_customer)"
	"    OR id IN (SELECT id FROM temp.seen_household);"
	"CREATE TEMP VIEW household_member AS SELECT * FROM main.household_member"
	" WHERE household_id IN (SELECT id FROM household) AND consumer_id IN (SELECT id FROM consumer);"
	"CREATE TEMP VIEW account_consumer AS SELECT * FROM main.account_consumer"
	" WHERE account_id IN (SELECT id FROM account) AND consumer_id IN (SELECT id FROM consumer);"
	"CREATE TEMP VIEW account_relationship AS SELECT * FROM main.account_relationship"
	" WHERE from_account_id IN (SELECT id FROM account) AND to_account_id IN (SELECT id FROM account);"
	"CREATE TEMP VIEW address AS SELECT * FROM main.address"
	" WHERE account_id IN (SELECT id FROM account) OR consumer_id IN (SELECT id FROM consumer);"
	"CREATE TEMP VIEW customer_team_member AS SELECT * FROM main.customer_team_member"
	" WHERE account_id IN (SELECT id FROM account) OR consumer_id IN (SELECT id FROM consumer)"
	"    OR household_id IN (SELECT id FROM household);"
	"CREATE TEMP VIEW sold_product AS SELECT * FROM main.sold_product"
	" WHERE id IN (SELECT id FROM temp.seen_sold_product);"
	"CREATE TEMP VIEW install_base_item AS SELECT * FROM main.install_base_item"
	" WHERE id IN (SELECT id FROM temp.seen_item);"
	"CREATE TEMP VIEW installed_product AS SELECT * FROM main.installed_product"
	" WHERE install_base_item_id IN (SELECT id FROM temp.seen_item)"
	"   AND sold_product_id IN (SELECT id FROM temp.seen_sold_product);"
	"CREATE TEMP VIEW asset AS SELECT * FROM main.asset"
	" WHERE id IN (SELECT asset_id FROM install_base_item WHERE asset_id IS NOT NULL)"
	"    OR id IN (SELECT c.asset_id FROM main.cases c"
	"              WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.asset_id IS NOT NULL);"
	"CREATE TEMP VIEW contract AS SELECT * FROM main.contract"
	" WHERE account_id IN (SELECT id FROM account) OR consumer_id IN (SELECT id FROM consumer)"
	"    OR id IN (SELECT c.contract_id FROM main.cases c"
	"              WHERE c.id IN (SELECT id FROM temp.seen_case) AND c.contract_id IS NOT NULL);"
	"CREATE TEMP VIEW contract_sold_product AS SELECT * FROM main.contract_sold_product"
	" WHERE contract_id IN (SELECT id FROM contract)"
	"   AND sold_product_id IN (SELECT id FROM temp.seen_sold_product);"
	/* An entitlement scoped to a product only is a public offer; any other
	 * is seen with what it is scoped to. */
	"CREATE TEMP VIEW entitlement AS SELECT * FROM main.entitlement"
	" WHERE (account_id IS NULL OR account_id IN (SELECT id FROM account))"
	"   AND (consumer_id IS NULL OR consumer_id IN (SELECT id FROM consumer))"
	"   AND (contract_id IS NULL OR contract_id IN (SELECT id FROM contract))"
	"   AND (sold_product_id IS NULL OR sold_product_id IN (SELECT id FROM temp.seen_sold_product))"
	"   AND (install_base_item_id IS NULL OR install_base_item_id IN (SELECT id FROM temp.seen_item))"
	"   AND (asset_id IS NULL OR asset_id IN (SELECT id FROM asset));"
	"CREATE TEMP VIEW cases AS SELECT * FROM main.cases"
	" WHERE id IN (SELECT id FROM temp.seen_case);"
	/* Work notes are internal: external users never read them. */
	"CREATE TEMP VIEW case_journal AS SELECT * FROM main.case_journal"
	" WHERE case_id IN (SELECT id FROM temp.seen_case)"
	"   AND (kind <> 'work_note' OR (SELECT internal FROM temp.acl_me));"
	"CREATE TEMP VIEW case_task AS SELECT * FROM main.case_task"
	" WHERE case_id IN (SELECT id FROM temp.seen_case);"
	"CREATE TEMP VIEW related_party AS SELECT * FROM main.related_party"
	" WHERE case_id IN (SELECT id FROM temp.seen_case)"
	"    OR sold_product_id IN (SELECT id FROM temp.seen_sold_product)"
	"    OR install_base_item_id IN (SELECT id FROM temp.seen_item);"
	"CREATE TEMP VIEW location AS SELECT * FROM main.location"
	" WHERE id IN (SELECT id FROM temp.seen_location);"
	/* The kept counts cover everyone's items: count the visible ones. */
	"CREATE TEMP VIEW location_count(location_id, items, in_use, in_repair, open_cases,"
	"  total_items, total_in_use, total_in_repair, total_open_cases) AS"
	" WITH seen(location_id, path, state, open_cases) AS ("
	"  SELECT i.location_id, l.path, i.state,"
	"   (SELECT count(*) FROM cases c WHERE c.install_base_item_id = i.id"
	"     AND c.state IN ('new', 'open', 'awaiting_info', 'resolved'))"
	"  FROM install_base_item i CROSS JOIN main.location l ON l.id = i.location_id)"
	" SELECT l.id,"
	"  (SELECT count(*) FROM seen WHERE seen.location_id = l.id),"
	"  (SELECT count(*) FROM seen WHERE seen.location_id = l.id AND state = 'in_use'),"
	"  (SELECT count(*) FROM seen WHERE seen.location_id = l.id AND state = 'in_repair'),"
	"  (SELECT COALESCE(sum(open_cases), 0) FROM seen WHERE seen.location_id = l.id),"
	"  (SELECT count(*) FROM seen WHERE substr(seen.path, 1, length(l.path)) = l.path),"
	"  (SELECT count(*) FROM seen WHERE substr(seen.path, 1, length(l.path)) = l.path"
	"    AND state = 'in_use'),"
	"  (SELECT count(*) FROM seen WHERE substr(seen.path, 1, length(l.path)) = l.path"
	"    AND state = 'in_repair'),"
	"  (SELECT COALESCE(sum(open_cases), 0) FROM seen"
	"    WHERE substr(seen.path, 1, length(l.path)) = l.path)"
	" FROM location l;"
	/* The audit trail is for internal users who see everything. */
	"CREATE TEMP VIEW audit_log AS SELECT * FROM main.audit_log WHERE 0;";

static const char sql_drop_views[] =
	"DROP VIEW IF EXISTS temp.audit_log; DROP VIEW IF EXISTS temp.location_count;"
	"DROP VIEW IF EXISTS temp.location; DROP VIEW IF EXISTS temp.related_party;"
	"DROP VIEW IF EXISTS temp.case_task; DROP VIEW IF EXISTS temp.case_journal;"
	"DROP VIEW IF EXISTS temp.cases; DROP VIEW IF EXISTS temp.entitlement;"
	"DROP VIEW IF EXISTS temp.contract_sold_product; DROP VIEW IF EXISTS temp.contract;"
	"DROP VIEW IF EXISTS temp.asset; DROP VIEW IF EXISTS temp.installed_product;"
	"DROP VIEW IF EXISTS temp.install_base_item; DROP VIEW IF EXISTS temp.sold_product;"
	"DROP VIEW IF EXISTS temp.customer_team_member; DROP VIEW IF EXISTS temp.address;"
	"DROP VIEW IF EXISTS temp.account_relationship; DROP VIEW IF EXISTS temp.account_consumer;"
	"DROP VIEW IF EXISTS temp.household_member; DROP VIEW IF EXISTS temp.household;"
	"DROP VIEW IF EXISTS temp.consumer; DROP VIEW IF EXISTS temp.contact;"
	"DROP VIEW IF EXISTS temp.account;"
	"DROP VIEW IF EXISTS temp.acl_location; DROP VIEW IF EXISTS temp.acl_location_seen;"
	"DROP VIEW IF EXISTS temp.acl_consumer; DROP VIEW IF EXISTS temp.acl_household;"
	"DROP VIEW IF EXISTS temp.acl_contact; DROP VIEW IF EXISTS temp.acl_account;"
	"DROP VIEW IF EXISTS temp.acl_any_customer; DROP VIEW IF EXISTS temp.acl_item;"
	"DROP VIEW IF EXISTS temp.acl_sold_product; DROP VIEW IF EXISTS temp.acl_case;"
	"DROP VIEW IF EXISTS temp.acl_full_item; DROP VIEW IF EXISTS temp.acl_full_item_top;"
	"DROP VIEW IF EXISTS temp.acl_full_sold_product; DROP VIEW IF EXISTS temp.acl_grant;"
	"DROP VIEW IF EXISTS temp.acl_household_now; DROP VIEW IF EXISTS temp.acl_team;"
	"DROP VIEW IF EXISTS temp.acl_org_service; DROP VIEW IF EXISTS temp.acl_org_account;"
	"DROP VIEW IF EXISTS temp.acl_role; DROP VIEW IF EXISTS temp.acl_my_consumer;"
	"DROP VIEW IF EXISTS temp.acl_my_contact;";

/* store_access_refresh(): each set in an order where a set is computed
 * before the sets that use it (records a visible case names are visible). */
static const char *const sql_fill[] = {
	"DELETE FROM temp.seen_case",
	"INSERT OR IGNORE INTO temp.seen_case SELECT id FROM temp.acl_case WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_sold_product",
	"INSERT OR IGNORE INTO temp.seen_sold_product SELECT id FROM temp.acl_sold_product"
	" WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_item",
	"INSERT OR IGNORE INTO temp.seen_item SELECT id FROM temp.acl_item WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_account",
	"INSERT OR IGNORE INTO temp.seen_account SELECT id FROM temp.acl_account WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_contact",
	"INSERT OR IGNORE INTO temp.seen_contact SELECT id FROM temp.acl_contact WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_household",
	"INSERT OR IGNORE INTO temp.seen_household SELECT id FROM temp.acl_household"
	" WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_consumer",
	"INSERT OR IGNORE INTO temp.seen_consumer SELECT id FROM temp.acl_consumer"
	" WHERE id IS NOT NULL",
	"DELETE FROM temp.seen_location",
	"INSERT OR IGNORE INTO temp.seen_location SELECT id FROM temp.acl_location"
	" WHERE id IS NOT NULL",
};

#define ROLES_SEE_ALL (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_AGENT) \
		       | ROLE_BIT(ROLE_VIEWER))
#define ROLES_STAFF (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER) | ROLE_BIT(ROLE_AGENT))

int store_access_set(struct store *s, int64_t user_id, unsigned roles, struct csm_error *err)
{
	struct store_acl *acl = store_acl(s);
	bool all = (roles & ROLES_SEE_ALL) != 0;
	bool internal = false;
	sqlite3_stmt *st;

	if (store_exec_script(s, sql_drop_views, err) < 0 ||
	    store_exec_script(s, sql_create_me, err) < 0)
		return -1;
	if (user_id > 0) {
		static const char sql_internal[] = "SELECT is_external = 0 FROM user WHERE id = ?1";
		if (!(st = store_stmt(s, sql_internal, err)))
			return -1;
		sqlite3_bind_int64(st, 1, user_id);
		int rc = store_step_row(s, st, err, "reading the acting user");
		internal = rc == 1 && sqlite3_column_int(st, 0) != 0;
		sqlite3_reset(st);
		if (rc < 0)
			return -1;
	}
	if (!(st = store_stmt(s, sql_clear_me, err)) ||
	    store_exec_stmt(s, st, err, "setting the acting user") < 0)
		return -1;
	if (!(st = store_stmt(s, sql_set_me, err)))
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int(st, 2, internal);
	if (store_exec_stmt(s, st, err, "setting the acting user") < 0)
		return -1;
	acl->system = false;
	acl->user_id = user_id;
	acl->roles = roles;
	acl->internal = internal;
	acl->all = all;
	acl->dirty = true;
	if (!all && (store_exec_script(s, sql_views, err) < 0 || store_access_refresh(s, err) < 0))
		return -1;
	return 0;
}

int store_access_refresh(struct store *s, struct csm_error *err)
{
	static const char sql_version[] = "PRAGMA data_version";
	struct store_acl *acl = store_acl(s);
	sqlite3_stmt *st;
	long long version;
	char today[16];
	int rc = -1;

	if (acl->system || acl->all || acl->refreshing)
		return 0;
	acl->refreshing = true; /* store_stmt() below must not come back here */
	if (!(st = store_stmt(s, sql_version, err)) ||
	    store_step_row(s, st, err, "reading the data version") < 0)
		goto out;
	version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	clock_today(today, sizeof today);
	if (!acl->dirty && version == acl->data_version && strcmp(today, acl->today) == 0) {
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < sizeof sql_fill / sizeof sql_fill[0]; i++)
		if (!(st = store_stmt(s, sql_fill[i], err)) ||
		    store_exec_stmt(s, st, err, "working out what you may see") < 0)
			goto out;
	acl->data_version = version;
	snprintf(acl->today, sizeof acl->today, "%s", today);
	acl->dirty = false;
	rc = 0;
out:
	acl->refreshing = false;
	return rc;
}

bool store_access_all(const struct store *s)
{
	return store_acl_const(s)->system || store_acl_const(s)->all;
}

int64_t store_access_user(const struct store *s)
{
	return store_acl_const(s)->user_id;
}

unsigned store_access_roles(const struct store *s)
{
	return store_acl_const(s)->roles;
}

bool store_access_can(const struct store *s, enum access_right r)
{
	const struct store_acl *acl = store_acl_const(s);
	unsigned roles = acl->roles;

	if (acl->system)
		return true;
	switch (r) {
	case ACCESS_EDIT_CUSTOMERS:
	case ACCESS_EDIT_PRODUCTS:
	case ACCESS_EDIT_PARTIES:
		return (roles & ROLES_STAFF) != 0;
	case ACCESS_CREATE_CASES:
		return (roles & ~ROLE_BIT(ROLE_VIEWER)) != 0;
	case ACCESS_ORGANIZE:
	case ACCESS_IMPORT:
		return (roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER))) != 0;
	case ACCESS_ADMIN:
		return (roles & ROLE_BIT(ROLE_ADMIN)) != 0;
	case ACCESS_RIGHT_COUNT:
		break;
	}
	return false;
}

/* What the user is to one case: the facts the rights depend on. */
struct case_facts {
	bool found;        /* visible to the user */
	bool done;         /* closed or canceled: read-only */
	bool own;          /* the user's own case (its contact, consumer, opener, requester) */
	bool head;         /* a case of a household the user heads */
	bool org;          /* a case of the stakeholder's organization */
	bool may_decide;   /* the user may decide a requested approval (MAY_DECIDE) */
};

static int case_facts_get(struct store *s, int64_t case_id, struct case_facts *f,
			  struct csm_error *err)
{
	static const char sql[] =
		"SELECT c.state IN ('closed', 'canceled'),"
		" c.contact_id IN (SELECT c2.id FROM main.contact c2 WHERE c2.user_id = ?1)"
		"  OR c.consumer_id IN (SELECT c3.id FROM main.consumer c3 WHERE c3.user_id = ?1)"
		"  OR c.opened_by_id = ?1 OR c.requester_id = ?1,"
		" c.household_id IN (SELECT h.id FROM main.household h"
		"  JOIN main.consumer hc ON hc.id = h.head_consumer_id AND hc.user_id = ?1"
		"  JOIN main.household_member hm ON hm.household_id = h.id AND hm.consumer_id = hc.id"
		"  WHERE (hm.start_date IS NULL OR hm.start_date <= csm_today())"
		"    AND (hm.end_date IS NULL OR hm.end_date >= csm_today())),"
		" EXISTS (SELECT 1 FROM main.user_role r WHERE r.user_id = ?1 AND r.role = 'stakeholder')"
		"  AND (c.account_id IN (SELECT a.id FROM main.contact me"
		"        JOIN main.account top ON top.id = me.account_id"
		"        JOIN main.account a ON a.path >= top.path AND a.path < top.path || x'7f'"
		"        WHERE me.user_id = ?1)"
		"   OR c.service_org_id IN (SELECT o.id FROM main.service_organization top"
		"        JOIN main.service_organization o"
		"          ON o.path >= top.path AND o.path < top.path || x'7f'"
		"        WHERE top.manager_id = ?1)),"
		" " MAY_DECIDE
		" FROM cases c WHERE c.id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	memset(f, 0, sizeof *f);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, store_acl(s)->user_id);
	sqlite3_bind_int64(st, 2, case_id);
	rc = store_step_row(s, st, err, "reading what you may do to the case");
	if (rc == 1) {
		f->found = true;
		f->done = sqlite3_column_int(st, 0) != 0;
		f->own = sqlite3_column_int(st, 1) != 0;
		f->head = sqlite3_column_int(st, 2) != 0;
		f->org = sqlite3_column_int(st, 3) != 0;
		f->may_decide = sqlite3_column_int(st, 4) != 0;
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int store_case_rights(struct store *s, int64_t case_id, struct csm_error *err)
{
	const struct store_acl *acl = store_acl(s);
	unsigned roles = acl->roles, r = 0;
	struct case_facts f;

	if (case_facts_get(s, case_id, &f, err) < 0)
		return -1;
	if (!f.found)
		return 0;
	if (acl->system)
		return f.done ? CASE_VIEW : 0x7fff;
	r = CASE_VIEW;
	if (f.done)
		return (int)r;
	if (roles & (ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_MANAGER)))
		r |= CASE_COMMENT | CASE_WORK_NOTE | CASE_EDIT | CASE_WORK | CASE_ASSIGN |
		     CASE_RESPOND | CASE_TASKS | CASE_PARTIES | CASE_REQUEST;
	if (roles & ROLE_BIT(ROLE_AGENT)) {
		r |= CASE_COMMENT | CASE_WORK_NOTE | CASE_EDIT | CASE_WORK | CASE_ASSIGN |
		     CASE_RESPOND | CASE_TASKS | CASE_PARTIES | CASE_REQUEST;
	}
	/* A contributor works the cases it opened and comments on the rest of
	 * its cases; it never reassigns them. */
	if (roles & ROLE_BIT(ROLE_CONTRIBUTOR)) {
		r |= CASE_COMMENT;
		if (acl->internal)
			r |= CASE_WORK_NOTE;
		if (f.own)
			r |= CASE_EDIT | CASE_WORK;
	}
	if ((roles & ROLE_BIT(ROLE_STAKEHOLDER)) && (f.org || f.own))
		r |= CASE_COMMENT | CASE_RESPOND;
	/* Approvals: the one rule the approval queue lists by (private.h). */
	if (f.may_decide)
		r |= CASE_APPROVE;
	if ((roles & (ROLE_BIT(ROLE_CUSTOMER) | ROLE_BIT(ROLE_CONSUMER))) && (f.own || f.head))
		r |= CASE_COMMENT | CASE_RESPOND;
	else if (roles & (ROLE_BIT(ROLE_CUSTOMER) | ROLE_BIT(ROLE_CONSUMER)))
		r |= CASE_COMMENT;
	return (int)r;
}

int store_access_case_customer(struct store *s, int64_t account_id, int64_t contact_id,
			       int64_t consumer_id, int64_t household_id, struct csm_error *err)
{
	/* Each part must be visible, and a stakeholder, customer or consumer
	 * opens cases only for its organization or itself. */
	static const char sql[] =
		"SELECT (?1 IS NULL OR EXISTS (SELECT 1 FROM account WHERE id = ?1))"
		" AND (?2 IS NULL OR EXISTS (SELECT 1 FROM contact WHERE id = ?2))"
		" AND (?3 IS NULL OR EXISTS (SELECT 1 FROM consumer WHERE id = ?3))"
		" AND (?4 IS NULL OR EXISTS (SELECT 1 FROM household WHERE id = ?4)),"
		" (?1 IS NOT NULL AND ?1 IN (SELECT id FROM temp.acl_org_account))"
		"  OR (?2 IS NOT NULL AND ?2 IN (SELECT id FROM temp.acl_my_contact))"
		"  OR (?2 IS NULL AND ?1 IS NOT NULL AND ?1 IN (SELECT account_id FROM temp.acl_my_contact))"
		"  OR (?3 IS NOT NULL AND ?3 IN (SELECT id FROM temp.acl_my_consumer))"
		"  OR (?3 IS NULL AND ?4 IS NOT NULL AND ?4 IN (SELECT id FROM temp.acl_household_now))";
	const struct store_acl *acl = store_acl(s);
	sqlite3_stmt *st;
	int rc, seen, mine;

	if (!store_access_can(s, ACCESS_CREATE_CASES)) {
		char why[160];
		csm_error_set(err, CSM_EX_NOPERM, "%s",
			      access_refusal(s, "open cases", why, sizeof why));
		return 0;
	}
	if (acl->all || acl->system)
		return 1;
	if (!(st = store_stmt(s, sql, err)))
		return -1;
	store_bind_id(st, 1, account_id);
	store_bind_id(st, 2, contact_id);
	store_bind_id(st, 3, consumer_id);
	store_bind_id(st, 4, household_id);
	rc = store_step_row(s, st, err, "checking whom you may open a case for");
	seen = rc == 1 && sqlite3_column_int(st, 0);
	mine = rc == 1 && sqlite3_column_int(st, 1);
	sqlite3_reset(st);
	if (rc < 0)
		return -1;
	if (!seen) {
		csm_error_set(err, CSM_EX_NOPERM, "you may not open a case for this customer: "
				"it is not one you can see");
		return 0;
	}
	if (acl->roles & ROLE_BIT(ROLE_CONTRIBUTOR))
		return 1;
	if (!mine) {
		csm_error_set(err, CSM_EX_NOPERM,
			      "you may open cases only for %s",
			      (acl->roles & ROLE_BIT(ROLE_STAKEHOLDER))
				      ? "your organization or yourself"
				      : "yourself (or a household you belong to)");
		return 0;
	}
	return 1;
}

const char *access_refusal(const struct store *s, const char *what, char *buf, size_t size)
{
	const struct store_acl *acl = store_acl_const(s);
	unsigned roles = acl->roles;
	const char *who;

	if (!acl->user_id)
		who = "a login with no user";
	else if (roles & ROLE_BIT(ROLE_VIEWER) && !(roles & ROLES_STAFF))
		who = "a viewer";
	else if (roles & ROLE_BIT(ROLE_CONTRIBUTOR))
		who = "a contributor";
	else if (roles & ROLE_BIT(ROLE_STAKEHOLDER))
		who = "a stakeholder";
	else if (roles & ROLE_BIT(ROLE_CUSTOMER))
		who = "a customer";
	else if (roles & ROLE_BIT(ROLE_CONSUMER))
		who = "a consumer";
	else if (roles & ROLE_BIT(ROLE_AGENT))
		who = "an agent";
	else
		who = "your role";
	snprintf(buf, size, "%s may not %s%s", who, what,
		 roles & ROLE_BIT(ROLE_VIEWER) && !(roles & ROLES_STAFF) ? " (viewers write nothing)"
									 : "");
	return buf;
}

int store_access_require(struct store *s, enum access_right r, const char *what,
			 struct csm_error *err)
{
	static const char sql_no_admin[] =
		"SELECT NOT EXISTS (SELECT 1 FROM user u JOIN user_role r"
		" ON r.user_id = u.id AND r.role = 'admin' WHERE u.active = 1)";
	char why[200];
	sqlite3_stmt *st;
	int rc, none;

	if (store_access_can(s, r))
		return 0;
	/* A new database's first admin is made by whoever creates it (init);
	 * csm never lets the last active admin go (identity_keep_an_admin()). */
	if (r == ACCESS_ADMIN) {
		if (!(st = store_stmt(s, sql_no_admin, err)))
			return -1;
		rc = store_step_row(s, st, err, "counting users");
		none = rc == 1 && sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		if (rc < 0)
			return -1;
		if (none)
			return 0;
	}
	return csm_error_set(err, CSM_EX_NOPERM, "%s", access_refusal(s, what, why, sizeof why));
}

int store_access_require_case(struct store *s, int64_t case_id, const char *number,
			      unsigned need, const char *what, struct csm_error *err)
{
	char why[200], act[160];
	int rights = store_case_rights(s, case_id, err);

	if (rights < 0)
		return -1;
	if (((unsigned)rights & need) == need)
		return 0;
	if (!rights)
		return csm_error_set(err, CSM_EX_NOINPUT, "no such case: %s", number);
	snprintf(act, sizeof act, "%s %s", what, number);
	return csm_error_set(err, CSM_EX_NOPERM, "%s", access_refusal(s, act, why, sizeof why));
}
