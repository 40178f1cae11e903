/* case_store.c - the SQL of cases, journal, tasks, queues and the lookups
 * of case entry.  Every statement is a static string, every value bound. */
#include "store/case_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- lookups ---------------------------------------------------------- */

static const struct {
	const char *name; /* for messages */
	const char *sql;  /* key -> id */
} refs[CASE_REF_COUNT] = {
	[CASE_REF_ACCOUNT] = {"account", "SELECT id FROM account WHERE number = ?1"},
	[CASE_REF_CONTACT] = {"contact", "SELECT id FROM contact WHERE number = ?1"},
	[CASE_REF_CONSUMER] = {"consumer", "SELECT id FROM consumer WHERE number = ?1"},
	[CASE_REF_HOUSEHOLD] = {"household", "SELECT id FROM household WHERE number = ?1"},
	[CASE_REF_SERVICE_ORG] = {"service organization",
				  "SELECT id FROM service_organization WHERE number = ?1"},
	[CASE_REF_USER] = {"user", "SELECT id FROM user WHERE login = ?1"},
	[CASE_REF_PRODUCT] = {"product", "SELECT id FROM product WHERE model_number = ?1"},
	[CASE_REF_ASSET] = {"asset", "SELECT id FROM asset WHERE asset_tag = ?1"},
	[CASE_REF_ITEM] = {"install base item", "SELECT id FROM install_base_item WHERE number = ?1"},
	[CASE_REF_SOLD_PRODUCT] = {"sold product", "SELECT id FROM sold_product WHERE number = ?1"},
	[CASE_REF_CONTRACT] = {"contract", "SELECT id FROM contract WHERE number = ?1"},
	[CASE_REF_GROUP] = {"assignment group", "SELECT id FROM assignment_group WHERE name = ?1"},
	[CASE_REF_CASE] = {"case", "SELECT id FROM cases WHERE number = ?1"},
};

const char *store_case_ref_name(enum case_ref kind)
{
	return (unsigned)kind < CASE_REF_COUNT ? refs[kind].name : "record";
}

int store_case_ref_id(struct store *s, enum case_ref kind, const char *key, int64_t *id,
		      struct csm_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if (!key || !*key)
		return 0;
	if (!(st = store_stmt(s, refs[kind].sql, err)))
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	rc = store_step_row(s, st, err, "looking a record up");
	if (rc == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

/* Each returns account, consumer, household, service org, usable, state,
 * product, asset. */
static const char *const owner_sql[CASE_REF_COUNT] = {
	[CASE_REF_ACCOUNT] =
		"SELECT id, NULL, NULL, NULL, active, NULL, NULL, NULL FROM account WHERE id = ?1",
	[CASE_REF_CONSUMER] =
		"SELECT NULL, id, NULL, NULL, active, NULL, NULL, NULL FROM consumer WHERE id = ?1",
	[CASE_REF_HOUSEHOLD] =
		"SELECT NULL, NULL, id, NULL, active, NULL, NULL, NULL FROM household WHERE id = ?1",
	[CASE_REF_SERVICE_ORG] = "SELECT NULL, NULL, NULL, id, active, NULL, NULL, NULL "
				 "FROM service_organization WHERE id = ?1",
	[CASE_REF_CONTACT] = "SELECT account_id, NULL, NULL, NULL, active, NULL, NULL, NULL "
			     "FROM contact WHERE id = ?1",
	[CASE_REF_ITEM] = "SELECT account_id, consumer_id, household_id, service_org_id, "
			  "state <> 'inactive', state, product_id, asset_id "
			  "FROM install_base_item WHERE id = ?1",
	[CASE_REF_SOLD_PRODUCT] =
		"SELECT account_id, consumer_id, household_id, service_org_id, "
		"active AND (end_date IS NULL OR end_date >= csm_today()), "
		"CASE WHEN start_date > csm_today() THEN 'in preparation' "
		"WHEN end_date < csm_today() THEN 'expired' ELSE 'active' END, product_id, NULL "
		"FROM sold_product WHERE id = ?1",
	[CASE_REF_CONTRACT] = "SELECT account_id, consumer_id, NULL, NULL, state = 'active', state, "
			      "NULL, NULL FROM contract WHERE id = ?1",
	[CASE_REF_ASSET] = "SELECT account_id, consumer_id, NULL, NULL, status <> 'retired', status, "
			   "product_id, NULL FROM asset WHERE id = ?1",
};

int store_case_owner_of(struct store *s, enum case_ref kind, int64_t id, struct case_owner *out,
			struct csm_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if ((unsigned)kind >= CASE_REF_COUNT || !owner_sql[kind])
		return csm_error_set(err, CSM_EX_SOFTWARE, "internal error: no owner of a %s",
				     store_case_ref_name(kind));
	if (!(st = store_stmt(s, owner_sql[kind], err)))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = store_step_row(s, st, err, "reading who owns a record");
	if (rc == 1) {
		const unsigned char *state = sqlite3_column_text(st, 5);
		out->account_id = sqlite3_column_int64(st, 0);
		out->consumer_id = sqlite3_column_int64(st, 1);
		out->household_id = sqlite3_column_int64(st, 2);
		out->service_org_id = sqlite3_column_int64(st, 3);
		out->usable = sqlite3_column_int(st, 4) != 0;
		out->product_id = sqlite3_column_int64(st, 6);
		out->asset_id = sqlite3_column_int64(st, 7);
		snprintf(out->state, sizeof out->state, "%s", state ? (const char *)state : "");
	}
	sqlite3_reset(st);
	return rc;
}

/* Runs a query that answers with one row or none: 1 / 0 / -1. */
static int exists2(struct store *s, const char *sql, int64_t a, int64_t b, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = store_step_row(s, st, err, "checking a rule");
	sqlite3_reset(st);
	return rc;
}

int store_case_household_member(struct store *s, int64_t household_id, int64_t consumer_id,
				struct csm_error *err)
{
	static const char sql[] =
		"SELECT 1 FROM household_member WHERE household_id = ?1 AND consumer_id = ?2 "
		"AND (start_date IS NULL OR start_date <= csm_today()) "
		"AND (end_date IS NULL OR end_date >= csm_today())";
	return exists2(s, sql, household_id, consumer_id, err);
}

int store_case_user_has_role(struct store *s, int64_t user_id, const char *role,
			     struct csm_error *err)
{
	static const char sql[] = "SELECT 1 FROM user_role WHERE user_id = ?1 AND role = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
	rc = store_step_row(s, st, err, "reading roles");
	sqlite3_reset(st);
	return rc;
}

static int exists_text(struct store *s, const char *sql, const char *v, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, v ? v : "", -1, SQLITE_TRANSIENT);
	rc = store_step_row(s, st, err, "checking a code");
	sqlite3_reset(st);
	return rc;
}

int store_case_resolution_code_exists(struct store *s, const char *code, struct csm_error *err)
{
	static const char sql[] = "SELECT 1 FROM resolution_code WHERE code = ?1";
	return exists_text(s, sql, code, err);
}

int store_case_category_exists(struct store *s, const char *category, struct csm_error *err)
{
	static const char sql[] = "SELECT 1 FROM case_category WHERE name = ?1";
	return exists_text(s, sql, category, err);
}

char *store_case_resolution_codes_dup(struct store *s, struct csm_error *err)
{
	static const char sql[] = "SELECT code FROM resolution_code ORDER BY code";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	struct strbuf sb;
	int rc;

	if (!st)
		return NULL;
	strbuf_init(&sb);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sb.len)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, (const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		strbuf_fini(&sb);
		store_sqlerr(s, err, "reading resolution codes");
		return NULL;
	}
	return strbuf_take(&sb);
}

/* ---- cases ------------------------------------------------------------ */

/* The columns of a case and its names, in the order read_case() reads. */
#define CASE_COLUMNS                                                                               \
	"SELECT c.id, c.number, c.short_description, c.description, c.state, c.priority, "         \
	"c.channel, c.category, c.account_id, c.contact_id, c.consumer_id, c.household_id, "       \
	"c.service_org_id, c.requester_id, c.product_id, c.asset_id, c.install_base_item_id, "     \
	"c.sold_product_id, c.contract_id, c.entitlement_id, c.group_id, c.assigned_to_id, "       \
	"c.opened_by_id, c.opened_at, c.resolution_code, c.resolution_notes, c.resolved_by_id, "   \
	"c.resolved_at, c.closed_by_id, c.closed_at, c.approval, c.approver_id, c.version, "       \
	"c.updated_at, "                                                                           \
	"a.number, a.name, ct.number, trim(COALESCE(ct.first_name || ' ', '') || ct.last_name), "  \
	"co.number, trim(COALESCE(co.first_name || ' ', '') || co.last_name), h.number, h.name, "  \
	"so.number, so.name, rq.login, p.model_number, p.name, ast.asset_tag, ib.number, ib.name, " \
	"sp.number, k.number, e.name, e.per_unit, e.remaining_units, g.name, asg.login, "          \
	"ob.login, rb.login, cb.login, ap.login, "                                                 \
	"(SELECT count(*) FROM related_party rp WHERE rp.case_id = c.id) "                         \
	"FROM cases c "                                                                            \
	"LEFT JOIN account a ON a.id = c.account_id "                                              \
	"LEFT JOIN contact ct ON ct.id = c.contact_id "                                            \
	"LEFT JOIN consumer co ON co.id = c.consumer_id "                                          \
	"LEFT JOIN household h ON h.id = c.household_id "                                          \
	"LEFT JOIN service_organization so ON so.id = c.service_org_id "                           \
	"LEFT JOIN user rq ON rq.id = c.requester_id "                                             \
	"LEFT JOIN product p ON p.id = c.product_id "                                              \
	"LEFT JOIN asset ast ON ast.id = c.asset_id "                                              \
	"LEFT JOIN install_base_item ib ON ib.id = c.install_base_item_id "                        \
	"LEFT JOIN sold_product sp ON sp.id = c.sold_product_id "                                  \
	"LEFT JOIN contract k ON k.id = c.contract_id "                                            \
	"LEFT JOIN entitlement e ON e.id = c.entitlement_id "                                      \
	"LEFT JOIN assignment_group g ON g.id = c.group_id "                                       \
	"LEFT JOIN user asg ON asg.id = c.assigned_to_id "                                         \
	"LEFT JOIN user ob ON ob.id = c.opened_by_id "                                             \
	"LEFT JOIN user rb ON rb.id = c.resolved_by_id "                                           \
	"LEFT JOIN user cb ON cb.id = c.closed_by_id "                                             \
	"LEFT JOIN user ap ON ap.id = c.approver_id "

static void read_case(sqlite3_stmt *st, struct case_record *c)
{
	int i = 0;
	const unsigned char *t;

	case_record_init(c);
	c->id = sqlite3_column_int64(st, i++);
	c->number = store_col_dup(st, i++);
	c->short_description = store_col_dup(st, i++);
	c->description = store_col_dup(st, i++);
	t = sqlite3_column_text(st, i++);
	if (case_state_parse((const char *)t, &c->state) < 0)
		c->state = CASE_NEW;
	c->priority = sqlite3_column_int(st, i++);
	c->channel = store_col_dup(st, i++);
	c->category = store_col_dup(st, i++);
	c->account_id = sqlite3_column_int64(st, i++);
	c->contact_id = sqlite3_column_int64(st, i++);
	c->consumer_id = sqlite3_column_int64(st, i++);
	c->household_id = sqlite3_column_int64(st, i++);
	c->service_org_id = sqlite3_column_int64(st, i++);
	c->requester_id = sqlite3_column_int64(st, i++);
	c->product_id = sqlite3_column_int64(st, i++);
	c->asset_id = sqlite3_column_int64(st, i++);
	c->install_base_item_id = sqlite3_column_int64(st, i++);
	c->sold_product_id = sqlite3_column_int64(st, i++);
	c->contract_id = sqlite3_column_int64(st, i++);
	c->entitlement_id = sqlite3_column_int64(st, i++);
	c->group_id = sqlite3_column_int64(st, i++);
	c->assigned_to_id = sqlite3_column_int64(st, i++);
	c->opened_by_id = sqlite3_column_int64(st, i++);
	c->opened_at = store_col_dup(st, i++);
	c->resolution_code = store_col_dup(st, i++);
	c->resolution_notes = store_col_dup(st, i++);
	c->resolved_by_id = sqlite3_column_int64(st, i++);
	c->resolved_at = store_col_dup(st, i++);
	c->closed_by_id = sqlite3_column_int64(st, i++);
	c->closed_at = store_col_dup(st, i++);
	t = sqlite3_column_text(st, i++);
	if (case_approval_parse((const char *)t, &c->approval) < 0)
		c->approval = CASE_APPROVAL_NOT_REQUESTED;
	c->approver_id = sqlite3_column_int64(st, i++);
	c->version = sqlite3_column_int64(st, i++);
	c->updated_at = store_col_dup(st, i++);

	c->account_number = store_col_dup(st, i++);
	c->account_name = store_col_dup(st, i++);
	c->contact_number = store_col_dup(st, i++);
	c->contact_name = store_col_dup(st, i++);
	c->consumer_number = store_col_dup(st, i++);
	c->consumer_name = store_col_dup(st, i++);
	c->household_number = store_col_dup(st, i++);
	c->household_name = store_col_dup(st, i++);
	c->service_org_number = store_col_dup(st, i++);
	c->service_org_name = store_col_dup(st, i++);
	c->requester_login = store_col_dup(st, i++);
	c->product_model = store_col_dup(st, i++);
	c->product_name = store_col_dup(st, i++);
	c->asset_tag = store_col_dup(st, i++);
	c->item_number = store_col_dup(st, i++);
	c->item_name = store_col_dup(st, i++);
	c->sold_product_number = store_col_dup(st, i++);
	c->contract_number = store_col_dup(st, i++);
	c->entitlement_name = store_col_dup(st, i++);
	c->entitlement_per_unit = store_col_dup(st, i++);
	c->entitlement_remaining =
		sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, i);
	i++;
	c->group_name = store_col_dup(st, i++);
	c->assigned_login = store_col_dup(st, i++);
	c->opened_by_login = store_col_dup(st, i++);
	c->resolved_by_login = store_col_dup(st, i++);
	c->closed_by_login = store_col_dup(st, i++);
	c->approver_login = store_col_dup(st, i++);
	c->related_parties = sqlite3_column_int64(st, i++);
}

int store_case_insert(struct store *s, struct case_record *c, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.cases(number, short_description, description, state, priority, channel, "
		"category, account_id, contact_id, consumer_id, household_id, service_org_id, "
		"requester_id, product_id, asset_id, install_base_item_id, sold_product_id, "
		"contract_id, entitlement_id, group_id, assigned_to_id, opened_by_id) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
		"?18, ?19, ?20, ?21, ?22) RETURNING id, opened_at, updated_at, version";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, c->number);
	sqlite3_bind_text(st, 2, c->short_description ? c->short_description : "", -1,
			  SQLITE_TRANSIENT);
	store_bind_text(st, 3, c->description);
	sqlite3_bind_text(st, 4, case_state_name(c->state), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, c->priority);
	sqlite3_bind_text(st, 6, c->channel ? c->channel : "", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 7, c->category);
	store_bind_id(st, 8, c->account_id);
	store_bind_id(st, 9, c->contact_id);
	store_bind_id(st, 10, c->consumer_id);
	store_bind_id(st, 11, c->household_id);
	store_bind_id(st, 12, c->service_org_id);
	store_bind_id(st, 13, c->requester_id);
	store_bind_id(st, 14, c->product_id);
	store_bind_id(st, 15, c->asset_id);
	store_bind_id(st, 16, c->install_base_item_id);
	store_bind_id(st, 17, c->sold_product_id);
	store_bind_id(st, 18, c->contract_id);
	store_bind_id(st, 19, c->entitlement_id);
	store_bind_id(st, 20, c->group_id);
	store_bind_id(st, 21, c->assigned_to_id);
	store_bind_id(st, 22, c->opened_by_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_sqlerr(s, err, "saving the case");
		sqlite3_reset(st);
		return -1;
	}
	c->id = sqlite3_column_int64(st, 0);
	free(c->opened_at);
	free(c->updated_at);
	c->opened_at = store_col_dup(st, 1);
	c->updated_at = store_col_dup(st, 2);
	c->version = sqlite3_column_int64(st, 3);
	/* step to the end so that the insert is complete before the reset */
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "saving the case");
	return 0;
}

static int get_case(struct store *s, const char *sql, int64_t id, const char *number,
		    struct case_record *out, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	case_record_init(out);
	if (!st)
		return -1;
	if (number)
		sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = store_step_row(s, st, err, "reading a case");
	if (rc == 1)
		read_case(st, out);
	sqlite3_reset(st);
	return rc;
}

int store_case_get(struct store *s, int64_t id, struct case_record *out, struct csm_error *err)
{
	static const char sql[] = CASE_COLUMNS "WHERE c.id = ?1";
	return get_case(s, sql, id, NULL, out, err);
}

int store_case_get_by_number(struct store *s, const char *number, struct case_record *out,
			     struct csm_error *err)
{
	static const char sql[] = CASE_COLUMNS "WHERE c.number = ?1";
	return get_case(s, sql, 0, number ? number : "", out, err);
}

int store_case_update(struct store *s, const struct case_record *c, int64_t expected_version,
		      struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.cases SET short_description = ?3, description = ?4, state = ?5, "
		"priority = ?6, channel = ?7, category = ?8, entitlement_id = ?9, group_id = ?10, "
		"assigned_to_id = ?11, resolution_code = ?12, resolution_notes = ?13, "
		"resolved_by_id = ?14, resolved_at = ?15, closed_by_id = ?16, closed_at = ?17, "
		"approval = ?18, approver_id = ?19, version = version + 1, updated_at = csm_now() "
		"WHERE id = ?1 AND version = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	sqlite3_bind_int64(st, 2, expected_version);
	sqlite3_bind_text(st, 3, c->short_description ? c->short_description : "", -1,
			  SQLITE_TRANSIENT);
	store_bind_text(st, 4, c->description);
	sqlite3_bind_text(st, 5, case_state_name(c->state), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, c->priority);
	sqlite3_bind_text(st, 7, c->channel ? c->channel : "", -1, SQLITE_TRANSIENT);
	store_bind_text(st, 8, c->category);
	store_bind_id(st, 9, c->entitlement_id);
	store_bind_id(st, 10, c->group_id);
	store_bind_id(st, 11, c->assigned_to_id);
	store_bind_text(st, 12, c->resolution_code);
	store_bind_text(st, 13, c->resolution_notes);
	store_bind_id(st, 14, c->resolved_by_id);
	store_bind_text(st, 15, c->resolved_at);
	store_bind_id(st, 16, c->closed_by_id);
	store_bind_text(st, 17, c->closed_at);
	sqlite3_bind_text(st, 18, case_approval_name(c->approval), -1, SQLITE_STATIC);
	store_bind_id(st, 19, c->approver_id);
	if (store_exec_stmt(s, st, err, "updating the case") < 0)
		return -1;
	return sqlite3_changes(store_db(s)) == 1 ? 1 : 0;
}

/* ---- journal ---------------------------------------------------------- */

int store_case_journal_add(struct store *s, int64_t case_id, enum case_journal_kind kind,
			   const char *body, int64_t author_id, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.case_journal(case_id, kind, body, author_id) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	sqlite3_bind_text(st, 2, case_journal_kind_name(kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body ? body : "", -1, SQLITE_TRANSIENT);
	store_bind_id(st, 4, author_id);
	return store_exec_stmt(s, st, err, "writing to the case journal");
}

int store_case_journal_list(struct store *s, int64_t case_id, bool newest_first,
			    const struct page_req *page, struct case_journal_list *out,
			    struct csm_error *err)
{
	static const char oldest[] =
		"SELECT id, kind, body, author, created_at FROM case_journal WHERE case_id = ?1 "
		"AND (?2 IS NULL OR (created_at, id) > (?2, ?3)) ORDER BY created_at, id LIMIT ?4";
	static const char newest[] =
		"SELECT id, kind, body, author, created_at FROM case_journal WHERE case_id = ?1 "
		"AND (?2 IS NULL OR (created_at, id) < (?2, ?3)) "
		"ORDER BY created_at DESC, id DESC LIMIT ?4";
	size_t limit = page_limit(page), got = 0;
	sqlite3_stmt *st = store_stmt(s, newest_first ? newest : oldest, err);
	int rc;

	out->more = false;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	store_bind_text(st, 2, page ? page->after_key : NULL);
	sqlite3_bind_int64(st, 3, page ? page->after_id : 0);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct case_journal_entry *e;
		if (got == limit) {
			out->more = true;
			break;
		}
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		e = &out->items[out->n++];
		memset(e, 0, sizeof *e);
		e->id = sqlite3_column_int64(st, 0);
		if (case_journal_kind_parse((const char *)sqlite3_column_text(st, 1), &e->kind) < 0)
			e->kind = CASE_JOURNAL_SYSTEM;
		e->body = store_col_dup(st, 2);
		e->author = store_col_dup(st, 3);
		e->created_at = store_col_dup(st, 4);
		got++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading the case journal");
	return 0;
}

/* ---- tasks ------------------------------------------------------------ */

#define TASK_COLUMNS                                                                               \
	"SELECT t.id, t.number, t.case_id, t.short_description, t.state, t.assigned_user_id, "     \
	"t.assigned_group_id, u.login, g.name, t.created_at, t.closed_at FROM case_task t "        \
	"LEFT JOIN user u ON u.id = t.assigned_user_id "                                           \
	"LEFT JOIN assignment_group g ON g.id = t.assigned_group_id "

static void read_task(sqlite3_stmt *st, struct case_task *t)
{
	memset(t, 0, sizeof *t);
	t->id = sqlite3_column_int64(st, 0);
	t->number = store_col_dup(st, 1);
	t->case_id = sqlite3_column_int64(st, 2);
	t->short_description = store_col_dup(st, 3);
	if (case_task_state_parse((const char *)sqlite3_column_text(st, 4), &t->state) < 0)
		t->state = CASE_TASK_OPEN;
	t->user_id = sqlite3_column_int64(st, 5);
	t->group_id = sqlite3_column_int64(st, 6);
	t->user_login = store_col_dup(st, 7);
	t->group_name = store_col_dup(st, 8);
	t->created_at = store_col_dup(st, 9);
	t->closed_at = store_col_dup(st, 10);
}

int store_case_task_insert(struct store *s, struct case_task *t, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.case_task(number, case_id, short_description, assigned_user_id, "
		"assigned_group_id) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, t->number);
	sqlite3_bind_int64(st, 2, t->case_id);
	sqlite3_bind_text(st, 3, t->short_description ? t->short_description : "", -1,
			  SQLITE_TRANSIENT);
	store_bind_id(st, 4, t->user_id);
	store_bind_id(st, 5, t->group_id);
	if (store_exec_stmt(s, st, err, "saving the task") < 0)
		return -1;
	t->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_case_task_get_by_number(struct store *s, const char *number, struct case_task *out,
				  struct csm_error *err)
{
	static const char sql[] = TASK_COLUMNS "WHERE t.number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	memset(out, 0, sizeof *out);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, number ? number : "", -1, SQLITE_TRANSIENT);
	rc = store_step_row(s, st, err, "reading a task");
	if (rc == 1)
		read_task(st, out);
	sqlite3_reset(st);
	return rc;
}

int store_case_task_set_state(struct store *s, int64_t task_id, enum case_task_state state,
			      struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.case_task SET state = ?2, "
		"closed_at = CASE WHEN ?2 = 'open' THEN NULL ELSE csm_now() END WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, task_id);
	sqlite3_bind_text(st, 2, case_task_state_name(state), -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, err, "updating the task");
}

int store_case_task_list(struct store *s, int64_t case_id, struct case_task_list *out,
			 struct csm_error *err)
{
	static const char sql[] = TASK_COLUMNS "WHERE t.case_id = ?1 ORDER BY t.id";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, case_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_task(st, &out->items[out->n++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading the tasks");
	return 0;
}

/* ---- queues ----------------------------------------------------------- */

/* A queue page reads its rows from an index in the page's order (see
 * data/migrations/0005-speed.sql): each statement has one "driver", the
 * condition that picks that index, and every other filter as a residual
 * test on the rows the index walks.  The page key is a range on the same
 * index; the first page binds a key before every row (after_key NULL), so
 * that one statement serves both.
 *
 * Parameters: ?1 acting user, ?2 unassigned only, ?3 open states only,
 * ?4 state, ?5 priority, ?6 group, ?7 account, ?8 consumer, ?9 household,
 * ?10 .. ?12 the page key (first part, second part, id), ?13 limit,
 * ?14 assigned to ?1 only, ?15 in ?1's groups only, ?16 approval requested
 * only, ?17 the acting user's one group (DRIVE_GROUP), ?18 only those ?1
 * may approve or reject (case_query.may_decide). */

/* Word for word the condition of the partial indexes of 0005-speed.sql. */
#define OPEN_ONLY "c.state NOT IN ('closed', 'canceled')"


#define FILTERS                                                                                    \
	" AND (?2 = 0 OR c.assigned_to_id IS NULL) AND (?3 = 0 OR " OPEN_ONLY ")"                 \
	" AND (?4 IS NULL OR c.state = ?4) AND (?5 IS NULL OR c.priority = ?5)"                    \
	" AND (?6 IS NULL OR c.group_id = ?6) AND (?7 IS NULL OR c.account_id = ?7)"              \
	" AND (?8 IS NULL OR c.consumer_id = ?8) AND (?9 IS NULL OR c.household_id = ?9)"         \
	" AND (?14 = 0 OR c.assigned_to_id = ?1)"                                                  \
	" AND (?15 = 0 OR c.group_id IN (SELECT gm.group_id FROM group_member gm"                 \
	" WHERE gm.user_id = ?1))"                                                                 \
	" AND (?16 = 0 OR c.approval = 'requested')"                                               \
	" AND (?18 = 0 OR " MAY_DECIDE ")"

/* The drivers: which index a list walks. */
enum case_driver {
	DRIVE_ALL,        /* every case (all, or a closed or canceled state) */
	DRIVE_OPEN,       /* the open cases (open queue, an open state, 2+ groups) */
	DRIVE_GROUP,      /* the open cases of the acting user's one group */
	DRIVE_MINE,       /* the acting user's open cases */
	DRIVE_MINE_STATE, /* the acting user's closed or canceled cases */
	DRIVE_APPROVAL,   /* approval requested */
	DRIVE_ACCOUNT,    /* one customer's cases (the customer screen) */
	DRIVE_CONSUMER,
	DRIVE_HOUSEHOLD,
	DRIVE_COUNT
};

#define D_ALL "WHERE 1"
#define D_OPEN "WHERE " OPEN_ONLY
#define D_GROUP "WHERE c.group_id = ?17 AND " OPEN_ONLY
#define D_MINE "WHERE c.assigned_to_id = ?1 AND " OPEN_ONLY
#define D_MINE_STATE "WHERE c.assigned_to_id = ?1 AND c.state = ?4"
#define D_APPROVAL "WHERE c.approval = 'requested'"
#define D_ACCOUNT "WHERE c.account_id = ?7"
#define D_CONSUMER "WHERE c.consumer_id = ?8"
#define D_HOUSEHOLD "WHERE c.household_id = ?9"

/* The orders, forwards and walked backwards (q->reverse: the rows before
 * the key, nearest first). */
#define K_PRIORITY                                                                                 \
	" AND (c.priority, c.opened_at, c.id) > (?10, ?11, ?12)"                                   \
	" ORDER BY c.priority, c.opened_at, c.id LIMIT ?13"
#define K_NUMBER " AND (c.number, c.id) > (?10, ?12) ORDER BY c.number, c.id LIMIT ?13"
#define K_UPDATED                                                                                  \
	" AND (c.updated_at, c.id) < (?10, ?12) ORDER BY c.updated_at DESC, c.id DESC LIMIT ?13"
#define K_OPENED " AND (c.opened_at, c.id) > (?10, ?12) ORDER BY c.opened_at, c.id LIMIT ?13"
#define R_PRIORITY                                                                                 \
	" AND (c.priority, c.opened_at, c.id) < (?10, ?11, ?12)"                                   \
	" ORDER BY c.priority DESC, c.opened_at DESC, c.id DESC LIMIT ?13"
#define R_NUMBER                                                                                   \
	" AND (c.number, c.id) < (?10, ?12) ORDER BY c.number DESC, c.id DESC LIMIT ?13"
#define R_UPDATED " AND (c.updated_at, c.id) > (?10, ?12) ORDER BY c.updated_at, c.id LIMIT ?13"
#define R_OPENED                                                                                   \
	" AND (c.opened_at, c.id) < (?10, ?12) ORDER BY c.opened_at DESC, c.id DESC LIMIT ?13"

/* [sort][reverse] for one driver. */
#define LIST_SQL(d)                                                                                \
	{                                                                                          \
		[CASE_SORT_PRIORITY] = {CASE_COLUMNS d FILTERS K_PRIORITY,                         \
					CASE_COLUMNS d FILTERS R_PRIORITY},                        \
		[CASE_SORT_NUMBER] = {CASE_COLUMNS d FILTERS K_NUMBER,                             \
				      CASE_COLUMNS d FILTERS R_NUMBER},                            \
		[CASE_SORT_UPDATED] = {CASE_COLUMNS d FILTERS K_UPDATED,                           \
				       CASE_COLUMNS d FILTERS R_UPDATED},                          \
		[CASE_SORT_OPENED] = {CASE_COLUMNS d FILTERS K_OPENED,                             \
				      CASE_COLUMNS d FILTERS R_OPENED},                            \
	}

/* [driver][sort][reverse] */
static const char *const list_sql[DRIVE_COUNT][CASE_SORT_COUNT][2] = {
	[DRIVE_ALL] = LIST_SQL(D_ALL),
	[DRIVE_OPEN] = LIST_SQL(D_OPEN),
	[DRIVE_GROUP] = LIST_SQL(D_GROUP),
	[DRIVE_MINE] = LIST_SQL(D_MINE),
	[DRIVE_MINE_STATE] = LIST_SQL(D_MINE_STATE),
	[DRIVE_APPROVAL] = LIST_SQL(D_APPROVAL),
	[DRIVE_ACCOUNT] = LIST_SQL(D_ACCOUNT),
	[DRIVE_CONSUMER] = LIST_SQL(D_CONSUMER),
	[DRIVE_HOUSEHOLD] = LIST_SQL(D_HOUSEHOLD),
};

/* The driver of a query: a customer's few cases when the query names a
 * customer, else the queue's own index: of the open cases unless a closed
 * or canceled state is asked for (an open state is a share of them, kept
 * by the residual state test).  queue is the effective queue (see
 * store_case_list); groups is how many groups the acting user is in
 * (counted up to 2). */
static enum case_driver case_driver_of(const struct case_query *q, enum case_queue queue,
				       int groups)
{
	bool open = q->state != CASE_CLOSED && q->state != CASE_CANCELED;

	if (q->account_id > 0)
		return DRIVE_ACCOUNT;
	if (q->consumer_id > 0)
		return DRIVE_CONSUMER;
	if (q->household_id > 0)
		return DRIVE_HOUSEHOLD;
	switch (queue) {
	case CASE_QUEUE_MINE:
		return open ? DRIVE_MINE : DRIVE_MINE_STATE;
	case CASE_QUEUE_GROUPS:
		/* one group has its index; several are walked in the order of
		 * all cases, keeping theirs */
		if (!open)
			return DRIVE_ALL;
		return groups == 1 ? DRIVE_GROUP : DRIVE_OPEN;
	case CASE_QUEUE_OPEN:
		return DRIVE_OPEN;
	case CASE_QUEUE_APPROVAL:
		return DRIVE_APPROVAL;
	case CASE_QUEUE_ALL:
	default:
		return q->state >= 0 && open ? DRIVE_OPEN : DRIVE_ALL;
	}
}

/* Binds the page key ?10 .. ?12; without one (the first page) a key that
 * comes before every row in the walk's direction: the lowest priority
 * number or the empty text going up, a BLOB (above any text in SQLite's
 * order) or a priority above 4 going down, so that the range on the index
 * starts at its first row. */
static void bind_case_key(sqlite3_stmt *st, const struct case_query *q, const char *key,
			  int64_t after_id)
{
	bool up = (q->sort == CASE_SORT_UPDATED) == q->reverse; /* ascending walk */

	if (key && q->sort == CASE_SORT_PRIORITY) {
		/* "2|2026-11-22T10:00:00Z" */
		const char *bar = strchr(key, '|');
		sqlite3_bind_int(st, 10, atoi(key));
		sqlite3_bind_text(st, 11, bar ? bar + 1 : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 12, after_id);
	} else if (key) {
		sqlite3_bind_text(st, 10, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 12, after_id);
	} else if (q->sort == CASE_SORT_PRIORITY) {
		sqlite3_bind_int64(st, 10, up ? INT64_MIN : INT64_MAX);
		sqlite3_bind_text(st, 11, "", 0, SQLITE_STATIC);
		sqlite3_bind_int64(st, 12, up ? INT64_MIN : INT64_MAX);
	} else {
		if (up)
			sqlite3_bind_text(st, 10, "", 0, SQLITE_STATIC);
		else
			sqlite3_bind_zeroblob(st, 10, 0);
		sqlite3_bind_int64(st, 12, up ? INT64_MIN : INT64_MAX);
	}
}

/* The groups user_id is in, up to 2 of them: the count (0, 1, 2) with the
 * first one's id in *first, or -1 on error. */
static int user_groups(struct store *s, int64_t user_id, int64_t *first, struct csm_error *err)
{
	static const char sql[] =
		"SELECT group_id FROM group_member WHERE user_id = ?1 ORDER BY group_id LIMIT 2";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int n = 0, rc;

	*first = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ == 0)
			*first = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading the user's groups");
	return n;
}

int store_case_list(struct store *s, const struct case_query *q, const struct page_req *page,
		    struct case_list *out, struct csm_error *err)
{
	size_t limit = page_limit(page), got = 0;
	const char *key = page ? page->after_key : NULL;
	enum case_queue queue;
	int64_t group = 0;
	int groups = 0;
	sqlite3_stmt *st;
	int rc;

	out->more = false;
	if ((unsigned)q->queue >= CASE_QUEUE_COUNT || (unsigned)q->sort >= CASE_SORT_COUNT)
		return csm_error_set(err, CSM_EX_SOFTWARE, "internal error: bad case query");
	/* the open queue with a state filter is that state, open or not */
	queue = q->queue == CASE_QUEUE_OPEN && q->state >= 0 ? CASE_QUEUE_ALL : q->queue;
	if (queue == CASE_QUEUE_GROUPS) {
		if ((groups = user_groups(s, q->user_id, &group, err)) < 0)
			return -1;
		if (groups == 0)
			return 0; /* in no group: nothing is theirs (and no walk of all) */
	}
	st = store_stmt(s, list_sql[case_driver_of(q, queue, groups)][q->sort][q->reverse], err);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, q->user_id);
	sqlite3_bind_int(st, 2, queue == CASE_QUEUE_GROUPS && q->unassigned_only);
	sqlite3_bind_int(st, 3, queue != CASE_QUEUE_ALL && q->state < 0);
	if (q->state >= 0)
		sqlite3_bind_text(st, 4, case_state_name((enum case_state)q->state), -1,
				  SQLITE_STATIC);
	if (q->priority > 0)
		sqlite3_bind_int(st, 5, q->priority);
	store_bind_id(st, 6, q->group_id);
	store_bind_id(st, 7, q->account_id);
	store_bind_id(st, 8, q->consumer_id);
	store_bind_id(st, 9, q->household_id);
	bind_case_key(st, q, key, page ? page->after_id : 0);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)limit + 1);
	sqlite3_bind_int(st, 14, queue == CASE_QUEUE_MINE);
	sqlite3_bind_int(st, 15, queue == CASE_QUEUE_GROUPS);
	sqlite3_bind_int(st, 16, queue == CASE_QUEUE_APPROVAL);
	store_bind_id(st, 17, group);
	sqlite3_bind_int(st, 18, q->may_decide);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (got == limit) {
			out->more = true;
			break;
		}
		out->items = xrealloc(out->items, (out->n + 1) * sizeof *out->items);
		read_case(st, &out->items[out->n++]);
		got++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, err, "listing cases");
	return 0;
}
