/* check.c - `csm check`: SQLite's own checks plus the domain invariants that
 * constraints cannot express.  Each invariant is one query returning one
 * line of text per violation. */
#include "store/private.h"

#include <stdio.h>

#include "store/search.h"

static const struct {
	const char *name;
	const char *sql;
} invariants[] = {
	{"install base root",
	 "SELECT 'install base item ' || c.number || ': root is ' || COALESCE(c.root_id, 'missing')"
	 " || ', expected ' || COALESCE(p.root_id, c.id)"
	 " FROM install_base_item c LEFT JOIN install_base_item p ON p.id = c.parent_id"
	 " WHERE c.root_id IS NOT COALESCE(p.root_id, c.id)"},
	{"install base path",
	 "SELECT 'install base item ' || c.number || ': path ' || COALESCE(c.path, 'missing') || ' is stale'"
	 " FROM install_base_item c LEFT JOIN install_base_item p ON p.id = c.parent_id"
	 " WHERE c.path IS NOT COALESCE(p.path, '/') || c.id || '/'"},
	{"account path",
	 "SELECT 'account ' || c.number || ': hierarchy path ' || COALESCE(c.path, 'missing') || ' is stale'"
	 " FROM account c LEFT JOIN account p ON p.id = c.parent_id"
	 " WHERE c.path IS NOT COALESCE(p.path, '/') || c.id || '/'"},
	{"location path",
	 "SELECT 'location ' || c.id || ' (' || c.name || '): path is stale'"
	 " FROM location c LEFT JOIN location p ON p.id = c.parent_id"
	 " WHERE c.path IS NOT COALESCE(p.path, '/') || c.id || '/'"},
	{"head of household",
	 "SELECT 'household ' || h.number || ': head of household is not a current member'"
	 " FROM household h WHERE h.head_consumer_id IS NOT NULL AND NOT EXISTS ("
	 "  SELECT 1 FROM household_member m WHERE m.household_id = h.id"
	 "   AND m.consumer_id = h.head_consumer_id"
	 "   AND (m.start_date IS NULL OR m.start_date <= csm_today())"
	 "   AND (m.end_date IS NULL OR m.end_date >= csm_today()))"},
	{"closed cases",
	 "SELECT 'case ' || number || ': ' || state || ' without a close time'"
	 " FROM cases WHERE state IN ('closed', 'canceled') AND closed_at IS NULL"},
	{"resolved cases",
	 "SELECT 'case ' || number || ': resolved without resolution code and notes'"
	 " FROM cases WHERE state = 'resolved'"
	 "  AND (resolution_code IS NULL OR COALESCE(resolution_notes, '') = '')"},
	{"case contact",
	 "SELECT 'case ' || c.number || ': contact ' || ct.number || ' is not of account '"
	 " || a.number FROM cases c JOIN contact ct ON ct.id = c.contact_id"
	 " JOIN account a ON a.id = c.account_id WHERE ct.account_id <> c.account_id"},
	{"external and internal",
	 "SELECT 'user ' || u.login || ': ' || (CASE u.is_external WHEN 1 THEN 'external' ELSE 'internal' END)"
	 " || ' user holds role ' || r.role FROM user u JOIN user_role r ON r.user_id = u.id"
	 " WHERE (u.is_external = 0 AND r.role IN ('customer', 'consumer'))"
	 "    OR (u.is_external = 1 AND r.role IN ('admin', 'manager', 'agent', 'viewer'))"},
	{"login owner",
	 "SELECT 'user ' || u.login || ': login of both a contact and a consumer'"
	 " FROM user u WHERE EXISTS (SELECT 1 FROM contact WHERE user_id = u.id)"
	 "  AND EXISTS (SELECT 1 FROM consumer WHERE user_id = u.id)"},
	{"entitlement units",
	 "SELECT 'entitlement ' || id || ' (' || name || '): ' || remaining_units"
	 " || ' units left of ' || total_units FROM entitlement"
	 " WHERE per_unit IS NOT NULL AND remaining_units > total_units"},
};

static int run_rows(struct store *s, const char *sql, const char *label,
		    void (*report)(void *, const char *), void *ctx, int skip_ok,
		    struct csm_error *err)
{
	sqlite3_stmt *st;
	int n = 0, rc;
	char line[1200];

	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		return store_sqlerr(s, err, label);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (skip_ok && t && sqlite3_column_count(st) == 1 && t[0] == 'o' && t[1] == 'k' && !t[2])
			continue;
		if (sqlite3_column_count(st) == 4) { /* foreign_key_check */
			snprintf(line, sizeof line, "%s: %s row %lld refers to a missing %s", label, t,
				 (long long)sqlite3_column_int64(st, 1),
				 (const char *)sqlite3_column_text(st, 2));
		} else {
			snprintf(line, sizeof line, "%s: %s", label, t ? t : "?");
		}
		report(ctx, line);
		n++;
	}
	if (rc != SQLITE_DONE) {
		store_sqlerr(s, err, label);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return n;
}

int store_check(struct store *s, void (*report)(void *ctx, const char *what), void *ctx,
		struct csm_error *err)
{
	int total = 0, n;

	/* These run once per `csm check`; caching them would only hold memory. */
	if ((n = run_rows(s, "PRAGMA integrity_check", "integrity", report, ctx, 1, err)) < 0)
		return -1;
	total += n;
	if ((n = run_rows(s, "PRAGMA foreign_key_check", "foreign key", report, ctx, 0, err)) < 0)
		return -1;
	total += n;
	/* the lookup index must match the tables it is built from; FTS5 checks
	 * it with a write statement, which a read-only database refuses */
	if (sqlite3_db_readonly(store_db(s), "main") == 1)
		fprintf(stderr, "csm: note: %s is read-only: the search index was not checked\n",
			store_path(s));
	else if (store_search_check(s, err) < 0) {
		if (err->code != CSM_EX_DATAERR)
			return -1;
		report(ctx, "search index: out of step with the tables; 'csm check --repair' "
			    "rebuilds it");
		total++;
		csm_error_clear(err);
	}
	for (size_t i = 0; i < sizeof invariants / sizeof invariants[0]; i++) {
		n = run_rows(s, invariants[i].sql, invariants[i].name, report, ctx, 0, err);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}
