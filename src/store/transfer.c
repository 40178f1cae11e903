/* transfer.c - import and export, driven by one table per kind.
 *
 * A kind is its CSV columns (name, type, default, what a reference points
 * at) plus the SQL that reads, finds, inserts and updates its rows.  The
 * SQL is static text with positional parameters in column order: ?1 is the
 * first CSV column, ?2 the second, and so on; references are bound as the
 * id they resolve to.  An update binds the record's id as ?(N+1).
 *
 * An import row is merged with the stored record before anything is
 * written: columns missing from the file keep their stored value, and a row
 * equal to the stored record is counted as unchanged and not written (so
 * re-importing an export changes nothing, closed cases included).
 *
 * Link and history rows (addresses, team members, related parties, journal
 * entries...) have no number: they are found by their key columns
 * (find_composite).  A column may name one of several kinds of record (an
 * address's owner, a related party's host): it is checked by its `ref` and
 * bound as text for the SQL to resolve (BYKEY).  Reference SQL may read the
 * rest of the row through named parameters (:type), so that a party is
 * looked up by the kind its type takes. */
#include "store/transfer.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/access.h"
#include "store/private.h"
#include "util/clock.h"
#include "util/csvfile.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum col_type {
	T_TEXT,  /* free text */
	T_INT,   /* integer */
	T_REAL,  /* decimal number */
	T_BOOL,  /* 0/1, true/false, yes/no */
	T_DATE,  /* YYYY-MM-DD */
	T_TIME,  /* YYYY-MM-DDTHH:MM:SSZ */
	T_ENUM,  /* one of `allowed` */
	T_REF,   /* a key of another record, bound as its id */
	T_JSON,  /* a JSON object */
	T_SET,   /* a space-separated set (roles, members) kept in a link table:
		  * always the last column, written after the record */
};

#define REQ 1u   /* required: a new record needs a value */
#define BYKEY 2u /* T_REF checked by `ref` but bound as its key text: the SQL resolves it
		  * (a column that names one of several kinds of record) */

struct xfer_col {
	const char *name;    /* CSV header */
	enum col_type type;
	unsigned flags;      /* REQ */
	const char *allowed; /* T_ENUM, T_SET of names: "a|b|c" */
	const char *ref;     /* T_REF, T_SET of records: SQL returning the id of ?1 */
	const char *ref_what;/* what a reference names, for messages */
	const char *def;     /* value used when empty on insert */
	const char *miss;    /* T_REF: SQL giving the reason when `ref` finds nothing (same
			      * parameters), or NULL for 'no <ref_what> "X"' */
};

/* How a T_SET column is written: clear the record's set (?1 = record id),
 * then add each member (?1 = record id, ?2 = the name or the id it
 * resolves to). */
struct xfer_set {
	const char *clear;
	const char *add;
};

/* A trigger whose rule an import holds itself (see xfer_kind.check): it is
 * dropped inside the import's transaction and made again from its own SQL
 * before the commit, so no other writer ever runs without it. */
struct xfer_trigger {
	const char *name; /* as in sqlite_schema */
	const char *drop; /* "DROP TRIGGER name" (DDL takes no parameters) */
};

struct xfer_kind {
	const char *name;            /* "account" */
	const struct xfer_col *cols; /* in CSV order */
	size_t n;
	int number_kind;             /* record_kind generated when col 0 is empty, or -1 */
	const char *find;            /* id by column 0 (?1, text) */
	int alt;                     /* column of a second unique key (external_id), or -1 */
	const char *find_alt;        /* id by that key (?1) */
	const char *find_composite;  /* id by the key columns bound as converted values */
	const int *key_cols;         /* for find_composite */
	size_t n_key;
	const char *one;             /* the record as CSV text, by id (?1); NULL for a link
				      * table without ids (every column is its key) */
	const char *all;             /* every record as CSV text, by id */
	const char *insert;
	const char *update;          /* NULL: a record is never changed once written */
	const struct xfer_set *set;  /* how the last column is written, if T_SET */
	/* The SQL below takes the row's values as text through named parameters
	 * (:column), as ref and miss may. */
	const char *check;           /* before an insert: the reason the row breaks a rule */
	const char *explain;         /* after a write broke a rule: the reason, readably */
	const struct xfer_trigger *suspend; /* held by `check` during the import */
};

/* ---- references -------------------------------------------------------- */

static const char REF_ACCOUNT[] = "SELECT id FROM account WHERE number = ?1";
static const char REF_CONTACT[] = "SELECT id FROM contact WHERE number = ?1";
static const char REF_CONSUMER[] = "SELECT id FROM consumer WHERE number = ?1";
static const char REF_HOUSEHOLD[] = "SELECT id FROM household WHERE number = ?1";
static const char REF_USER[] = "SELECT id FROM user WHERE login = ?1";
static const char REF_PRODUCT[] = "SELECT id FROM product WHERE model_number = ?1";
static const char REF_ASSET[] = "SELECT id FROM asset WHERE asset_tag = ?1";
static const char REF_SOLD[] = "SELECT id FROM sold_product WHERE number = ?1";
static const char REF_ITEM[] = "SELECT id FROM install_base_item WHERE number = ?1";
static const char REF_CONTRACT[] = "SELECT id FROM contract WHERE number = ?1";
static const char REF_SORG[] = "SELECT id FROM service_organization WHERE number = ?1";
static const char REF_GROUP[] = "SELECT id FROM assignment_group WHERE name = ?1";
static const char REF_CASE[] = "SELECT id FROM cases WHERE number = ?1";
static const char REF_RESPONSIBILITY[] = "SELECT id FROM responsibility WHERE name = ?1";
static const char MISS_RESPONSIBILITY[] =
	"SELECT 'no responsibility \"' || ?1 || '\" (known: ' || COALESCE((SELECT group_concat(name, ', ')"
	" FROM (SELECT name FROM responsibility ORDER BY name)), 'none') || ')'";
/* Locations and entitlements have no number: their key is the external id,
 * or LOC<id> / ENT<id> for records made inside csm. */
static const char REF_LOCATION[] =
	"SELECT id FROM location WHERE external_id = ?1 UNION ALL "
	"SELECT id FROM location WHERE ?1 GLOB 'LOC[0-9]*' AND external_id IS NULL"
	" AND id = CAST(substr(?1, 4) AS INTEGER) LIMIT 1";
static const char REF_ENTITLEMENT[] =
	"SELECT id FROM entitlement WHERE external_id = ?1 UNION ALL "
	"SELECT id FROM entitlement WHERE ?1 GLOB 'ENT[0-9]*' AND external_id IS NULL"
	" AND id = CAST(substr(?1, 4) AS INTEGER) LIMIT 1";

#define COL(n, t) {n, t, 0, NULL, NULL, NULL, NULL, NULL}
#define COLR(n, t) {n, t, REQ, NULL, NULL, NULL, NULL, NULL}
#define COLD(n, t, d) {n, t, 0, NULL, NULL, NULL, d, NULL}
#define BOOLD(n, d) {n, T_BOOL, 0, NULL, NULL, NULL, d, NULL}
#define ENUMD(n, allowed, d) {n, T_ENUM, 0, allowed, NULL, NULL, d, NULL}
#define ENUMR(n, allowed) {n, T_ENUM, REQ, allowed, NULL, NULL, NULL, NULL}
#define REF(n, sql, what) {n, T_REF, 0, NULL, sql, what, NULL, NULL}
#define REFR(n, sql, what) {n, T_REF, REQ, NULL, sql, what, NULL, NULL}
/* a reference with its own message when nothing is found */
#define REFM(n, flags, sql, what, miss) {n, T_REF, flags, NULL, sql, what, NULL, miss}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ---- account ----------------------------------------------------------- */

static const struct xfer_col account_cols[] = {
	COL("number", T_TEXT), COLR("name", T_TEXT), COL("code", T_TEXT),
	REF("parent", REF_ACCOUNT, "account"), BOOLD("is_customer", "1"), BOOLD("is_partner", "0"),
	COL("phone", T_TEXT), COL("website", T_TEXT), COL("notes", T_TEXT), BOOLD("active", "1"),
	BOOLD("restrict_contact_access", "0"), COL("external_id", T_TEXT),
};
#define ACCOUNT_SELECT                                                                          \
	"SELECT a.number, a.name, a.code, p.number, a.is_customer, a.is_partner, a.phone,"    \
	" a.website, a.notes, a.active, a.restrict_contact_access, a.external_id"             \
	" FROM account a LEFT JOIN account p ON p.id = a.parent_id"

/* ---- contact ----------------------------------------------------------- */

static const struct xfer_col contact_cols[] = {
	COL("number", T_TEXT), REFR("account", REF_ACCOUNT, "account"), COL("first_name", T_TEXT),
	COLR("last_name", T_TEXT), COL("title", T_TEXT), COL("email", T_TEXT), COL("phone", T_TEXT),
	COL("mobile", T_TEXT), COL("time_zone", T_TEXT), COL("language", T_TEXT),
	BOOLD("active", "1"), REF("login", REF_USER, "user"), COL("external_id", T_TEXT),
};
#define CONTACT_SELECT                                                                          \
	"SELECT c.number, a.number, c.first_name, c.last_name, c.title, c.email, c.phone,"    \
	" c.mobile, c.time_zone, c.language, c.active, u.login, c.external_id"                \
	" FROM contact c JOIN account a ON a.id = c.account_id LEFT JOIN user u ON u.id = c.user_id"

/* ---- consumer ---------------------------------------------------------- */

static const struct xfer_col consumer_cols[] = {
	COL("number", T_TEXT), COL("prefix", T_TEXT), COL("first_name", T_TEXT),
	COL("middle_name", T_TEXT), COLR("last_name", T_TEXT), COL("suffix", T_TEXT),
	COL("email", T_TEXT), COL("mobile_phone", T_TEXT), COL("home_phone", T_TEXT),
	COL("business_phone", T_TEXT), BOOLD("active", "1"), REF("login", REF_USER, "user"),
	COL("notes", T_TEXT), COL("external_id", T_TEXT),
};
#define CONSUMER_SELECT                                                                         \
	"SELECT c.number, c.prefix, c.first_name, c.middle_name, c.last_name, c.suffix, c.email," \
	" c.mobile_phone, c.home_phone, c.business_phone, c.active, u.login, c.notes,"        \
	" c.external_id FROM consumer c LEFT JOIN user u ON u.id = c.user_id"

/* ---- household --------------------------------------------------------- */

static const struct xfer_col household_cols[] = {
	COL("number", T_TEXT), COLR("name", T_TEXT), REF("head", REF_CONSUMER, "consumer"),
	REF("location", REF_LOCATION, "location"), COL("notes", T_TEXT), BOOLD("active", "1"),
	COL("external_id", T_TEXT),
};
#define HOUSEHOLD_SELECT                                                                        \
	"SELECT h.number, h.name, c.number,"                                                   \
	" CASE WHEN l.id IS NOT NULL THEN COALESCE(l.external_id, 'LOC' || l.id) END,"        \
	" h.notes, h.active, h.external_id FROM household h"                                  \
	" LEFT JOIN consumer c ON c.id = h.head_consumer_id"                                   \
	" LEFT JOIN location l ON l.id = h.location_id"

/* ---- household_member -------------------------------------------------- */

static const struct xfer_col member_cols[] = {
	REFR("household", REF_HOUSEHOLD, "household"), REFR("consumer", REF_CONSUMER, "consumer"),
	COL("start_date", T_DATE), COL("end_date", T_DATE), BOOLD("is_primary", "0"),
};
static const int member_key[] = {0, 1, 2};
#define MEMBER_SELECT                                                                           \
	"SELECT h.number, c.number, m.start_date, m.end_date, m.is_primary"                    \
	" FROM household_member m JOIN household h ON h.id = m.household_id"                  \
	" JOIN consumer c ON c.id = m.consumer_id"

/* ---- location ---------------------------------------------------------- */

static const struct xfer_col location_cols[] = {
	COL("key", T_TEXT), COLR("name", T_TEXT), COLR("type", T_TEXT),
	REF("parent", REF_LOCATION, "location"), COL("street", T_TEXT), COL("city", T_TEXT),
	COL("state", T_TEXT), COL("postal_code", T_TEXT), COL("country", T_TEXT),
	COL("latitude", T_REAL), COL("longitude", T_REAL), BOOLD("active", "1"),
};
#define LOCATION_SELECT                                                                         \
	"SELECT COALESCE(l.external_id, 'LOC' || l.id), l.name, l.type,"                       \
	" CASE WHEN p.id IS NOT NULL THEN COALESCE(p.external_id, 'LOC' || p.id) END,"        \
	" l.street, l.city, l.state, l.postal_code, l.country, l.latitude, l.longitude, l.active" \
	" FROM location l LEFT JOIN location p ON p.id = l.parent_id"

/* ---- user -------------------------------------------------------------- */

static const struct xfer_col user_cols[] = {
	COLR("login", T_TEXT), COLR("name", T_TEXT), COL("email", T_TEXT), COL("phone", T_TEXT),
	COL("title", T_TEXT), BOOLD("is_external", "0"), BOOLD("active", "1"),
	{"roles", T_SET, 0, "admin|manager|agent|contributor|stakeholder|customer|consumer|viewer",
	 NULL, "role", NULL, NULL},
};
static const struct xfer_set user_roles = {
	"DELETE FROM user_role WHERE user_id = ?1",
	"INSERT OR IGNORE INTO user_role(user_id, role) VALUES (?1, ?2)",
};
#define USER_SELECT                                                                             \
	"SELECT u.login, u.name, u.email, u.phone, u.title, u.is_external, u.active,"         \
	" (SELECT group_concat(role, ' ') FROM (SELECT role FROM user_role r"                 \
	"   WHERE r.user_id = u.id ORDER BY role)) FROM user u"

/* ---- service_organization ---------------------------------------------- */

static const struct xfer_col sorg_cols[] = {
	COL("number", T_TEXT), COLR("name", T_TEXT), ENUMD("kind", "internal|external", "internal"),
	REF("parent", REF_SORG, "service organization"), REF("manager", REF_USER, "user"),
	REF("location", REF_LOCATION, "location"), BOOLD("active", "1"),
};
#define SORG_SELECT                                                                             \
	"SELECT o.number, o.name, o.kind, p.number, u.login,"                                  \
	" CASE WHEN l.id IS NOT NULL THEN COALESCE(l.external_id, 'LOC' || l.id) END, o.active" \
	" FROM service_organization o LEFT JOIN service_organization p ON p.id = o.parent_id"  \
	" LEFT JOIN user u ON u.id = o.manager_id LEFT JOIN location l ON l.id = o.location_id"

/* ---- group ------------------------------------------------------------- */

static const struct xfer_col group_cols[] = {
	COLR("name", T_TEXT), COL("email", T_TEXT), REF("manager", REF_USER, "user"),
	BOOLD("active", "1"), {"members", T_SET, 0, NULL, REF_USER, "user", NULL, NULL},
};
static const struct xfer_set group_members = {
	"DELETE FROM group_member WHERE group_id = ?1",
	"INSERT OR IGNORE INTO group_member(group_id, user_id) VALUES (?1, ?2)",
};
#define GROUP_SELECT                                                                            \
	"SELECT g.name, g.email, u.login, g.active,"                                            \
	" (SELECT group_concat(login, ' ') FROM (SELECT m.login FROM group_member gm"          \
	"   JOIN user m ON m.id = gm.user_id WHERE gm.group_id = g.id ORDER BY m.login))"      \
	" FROM assignment_group g LEFT JOIN user u ON u.id = g.manager_id"

/* ---- product ----------------------------------------------------------- */

static const struct xfer_col product_cols[] = {
	COLR("model_number", T_TEXT), COLR("name", T_TEXT),
	ENUMD("kind", "hardware|software|service|consumable", "hardware"), COL("category", T_TEXT),
	COL("manufacturer", T_TEXT), REF("parent", REF_PRODUCT, "product"),
	COL("description", T_TEXT), BOOLD("active", "1"),
};
#define PRODUCT_SELECT                                                                          \
	"SELECT p.model_number, p.name, p.kind, p.category, p.manufacturer, q.model_number,"  \
	" p.description, p.active FROM product p LEFT JOIN product q ON q.id = p.parent_id"

/* ---- asset ------------------------------------------------------------- */

static const struct xfer_col asset_cols[] = {
	COLR("asset_tag", T_TEXT), COL("serial_number", T_TEXT),
	REFR("product", REF_PRODUCT, "product"), REF("account", REF_ACCOUNT, "account"),
	REF("consumer", REF_CONSUMER, "consumer"),
	ENUMD("status", "on_order|in_stock|in_use|in_repair|retired", "in_use"),
};
#define ASSET_SELECT                                                                            \
	"SELECT a.asset_tag, a.serial_number, p.model_number, ac.number, c.number, a.status"  \
	" FROM asset a JOIN product p ON p.id = a.product_id"                                 \
	" LEFT JOIN account ac ON ac.id = a.account_id"                                        \
	" LEFT JOIN consumer c ON c.id = a.consumer_id"

/* ---- sold_product ------------------------------------------------------ */

static const struct xfer_col sold_cols[] = {
	COL("number", T_TEXT), REFR("product", REF_PRODUCT, "product"),
	REF("parent", REF_SOLD, "sold product"), REF("account", REF_ACCOUNT, "account"),
	REF("consumer", REF_CONSUMER, "consumer"), REF("household", REF_HOUSEHOLD, "household"),
	REF("service_organization", REF_SORG, "service organization"),
	REF("contact", REF_CONTACT, "contact"), COLD("quantity", T_INT, "1"),
	COL("start_date", T_DATE), COL("end_date", T_DATE), BOOLD("active", "1"),
	COL("external_id", T_TEXT),
};
#define SOLD_SELECT                                                                             \
	"SELECT s.number, p.model_number, ps.number, a.number, c.number, h.number, o.number,"  \
	" ct.number, s.quantity, s.start_date, s.end_date, s.active, s.external_id"           \
	" FROM sold_product s JOIN product p ON p.id = s.product_id"                          \
	" LEFT JOIN sold_product ps ON ps.id = s.parent_id"                                    \
	" LEFT JOIN account a ON a.id = s.account_id"                                          \
	" LEFT JOIN consumer c ON c.id = s.consumer_id"                                        \
	" LEFT JOIN household h ON h.id = s.household_id"                                      \
	" LEFT JOIN service_organization o ON o.id = s.service_org_id"                         \
	" LEFT JOIN contact ct ON ct.id = s.contact_id"

/* ---- install_base ------------------------------------------------------ */

static const struct xfer_col item_cols[] = {
	COL("number", T_TEXT), COLR("name", T_TEXT), REF("product", REF_PRODUCT, "product"),
	REF("asset", REF_ASSET, "asset"), COL("serial_number", T_TEXT),
	REF("parent", REF_ITEM, "install base item"), REF("account", REF_ACCOUNT, "account"),
	REF("consumer", REF_CONSUMER, "consumer"), REF("contact", REF_CONTACT, "contact"),
	REF("household", REF_HOUSEHOLD, "household"),
	REF("service_organization", REF_SORG, "service organization"),
	REF("location", REF_LOCATION, "location"),
	ENUMD("state", "in_use|in_repair|inactive", "in_use"), COL("install_date", T_DATE),
	COL("uninstall_date", T_DATE), COL("usage", T_TEXT),
	COLD("characteristics", T_JSON, "{}"), COL("external_id", T_TEXT),
};
#define ITEM_SELECT                                                                             \
	"SELECT i.number, i.name, p.model_number, s.asset_tag, i.serial_number, pi.number,"    \
	" a.number, c.number, ct.number, h.number, o.number,"                                  \
	" CASE WHEN l.id IS NOT NULL THEN COALESCE(l.external_id, 'LOC' || l.id) END,"        \
	" i.state, i.install_date, i.uninstall_date, i.usage, i.characteristics, i.external_id" \
	" FROM install_base_item i LEFT JOIN product p ON p.id = i.product_id"                \
	" LEFT JOIN asset s ON s.id = i.asset_id"                                              \
	" LEFT JOIN install_base_item pi ON pi.id = i.parent_id"                               \
	" LEFT JOIN account a ON a.id = i.account_id"                                          \
	" LEFT JOIN consumer c ON c.id = i.consumer_id"                                        \
	" LEFT JOIN contact ct ON ct.id = i.contact_id"                                        \
	" LEFT JOIN household h ON h.id = i.household_id"                                      \
	" LEFT JOIN service_organization o ON o.id = i.service_org_id"                         \
	" LEFT JOIN location l ON l.id = i.location_id"

/* ---- contract ---------------------------------------------------------- */

static const struct xfer_col contract_cols[] = {
	COL("number", T_TEXT), COLR("name", T_TEXT), REF("account", REF_ACCOUNT, "account"),
	REF("consumer", REF_CONSUMER, "consumer"),
	ENUMD("state", "draft|active|expired|canceled", "draft"), COL("start_date", T_DATE),
	COL("end_date", T_DATE), REF("approver", REF_USER, "user"), COL("description", T_TEXT),
	COL("external_id", T_TEXT),
};
#define CONTRACT_SELECT                                                                         \
	"SELECT k.number, k.name, a.number, c.number, k.state, k.start_date, k.end_date,"     \
	" u.login, k.description, k.external_id FROM contract k"                              \
	" LEFT JOIN account a ON a.id = k.account_id"                                          \
	" LEFT JOIN consumer c ON c.id = k.consumer_id LEFT JOIN user u ON u.id = k.approver_id"

/* ---- entitlement ------------------------------------------------------- */

static const struct xfer_col entitlement_cols[] = {
	COL("key", T_TEXT), COLR("name", T_TEXT), REF("product", REF_PRODUCT, "product"),
	REF("account", REF_ACCOUNT, "account"), REF("consumer", REF_CONSUMER, "consumer"),
	REF("contract", REF_CONTRACT, "contract"), REF("asset", REF_ASSET, "asset"),
	REF("sold_product", REF_SOLD, "sold product"),
	REF("install_base", REF_ITEM, "install base item"),
	COLD("channels", T_TEXT, "phone,email,web,chat,walk-in"),
	COL("start_date", T_DATE), COL("end_date", T_DATE), BOOLD("active", "1"),
	ENUMD("per_unit", "cases|hours", NULL), COL("total_units", T_INT),
	COL("remaining_units", T_INT),
};
#define ENTITLEMENT_SELECT                                                                      \
	"SELECT COALESCE(e.external_id, 'ENT' || e.id), e.name, p.model_number, a.number,"    \
	" c.number, k.number, s.asset_tag, sp.number, i.number, e.channels, e.start_date,"    \
	" e.end_date, e.active, e.per_unit, e.total_units, e.remaining_units FROM entitlement e" \
	" LEFT JOIN product p ON p.id = e.product_id LEFT JOIN account a ON a.id = e.account_id" \
	" LEFT JOIN consumer c ON c.id = e.consumer_id LEFT JOIN contract k ON k.id = e.contract_id" \
	" LEFT JOIN asset s ON s.id = e.asset_id LEFT JOIN sold_product sp ON sp.id = e.sold_product_id" \
	" LEFT JOIN install_base_item i ON i.id = e.install_base_item_id"

/* ---- case -------------------------------------------------------------- */

static const struct xfer_col case_cols[] = {
	COL("number", T_TEXT), COLR("short_description", T_TEXT), COL("description", T_TEXT),
	ENUMD("state", "new|open|awaiting_info|resolved|closed|canceled", "new"),
	COLD("priority", T_INT, "4"),
	ENUMD("channel", "phone|email|web|chat|walk-in", "phone"), COL("category", T_TEXT),
	REF("account", REF_ACCOUNT, "account"), REF("contact", REF_CONTACT, "contact"),
	REF("consumer", REF_CONSUMER, "consumer"), REF("household", REF_HOUSEHOLD, "household"),
	REF("service_organization", REF_SORG, "service organization"),
	REF("requester", REF_USER, "user"), REF("product", REF_PRODUCT, "product"),
	REF("asset", REF_ASSET, "asset"), REF("install_base", REF_ITEM, "install base item"),
	REF("sold_product", REF_SOLD, "sold product"), REF("contract", REF_CONTRACT, "contract"),
	REF("entitlement", REF_ENTITLEMENT, "entitlement"),
	REF("assignment_group", REF_GROUP, "assignment group"), REF("assigned_to", REF_USER, "user"),
	REF("opened_by", REF_USER, "user"), COL("opened_at", T_TIME),
	COL("resolution_code", T_TEXT), COL("resolution_notes", T_TEXT),
	REF("resolved_by", REF_USER, "user"), COL("resolved_at", T_TIME),
	REF("closed_by", REF_USER, "user"), COL("closed_at", T_TIME),
	ENUMD("approval", "not_requested|requested|approved|rejected", "not_requested"),
	REF("approver", REF_USER, "user"),
};
#define CASE_SELECT                                                                             \
	"SELECT c.number, c.short_description, c.description, c.state, c.priority, c.channel," \
	" c.category, a.number, ct.number, co.number, h.number, o.number, rq.login,"          \
	" p.model_number, s.asset_tag, i.number, sp.number, k.number,"                        \
	" CASE WHEN e.id IS NOT NULL THEN COALESCE(e.external_id, 'ENT' || e.id) END,"        \
	" g.name, at.login, ob.login, c.opened_at, c.resolution_code, c.resolution_notes,"    \
	" rb.login, c.resolved_at, cb.login, c.closed_at, c.approval, ap.login FROM cases c"  \
	" LEFT JOIN account a ON a.id = c.account_id LEFT JOIN contact ct ON ct.id = c.contact_id" \
	" LEFT JOIN consumer co ON co.id = c.consumer_id LEFT JOIN household h ON h.id = c.household_id" \
	" LEFT JOIN service_organization o ON o.id = c.service_org_id"                         \
	" LEFT JOIN user rq ON rq.id = c.requester_id LEFT JOIN product p ON p.id = c.product_id" \
	" LEFT JOIN asset s ON s.id = c.asset_id"                                              \
	" LEFT JOIN install_base_item i ON i.id = c.install_base_item_id"                      \
	" LEFT JOIN sold_product sp ON sp.id = c.sold_product_id"                              \
	" LEFT JOIN contract k ON k.id = c.contract_id LEFT JOIN entitlement e ON e.id = c.entitlement_id" \
	" LEFT JOIN assignment_group g ON g.id = c.group_id"                                   \
	" LEFT JOIN user at ON at.id = c.assigned_to_id LEFT JOIN user ob ON ob.id = c.opened_by_id" \
	" LEFT JOIN user rb ON rb.id = c.resolved_by_id LEFT JOIN user cb ON cb.id = c.closed_by_id" \
	" LEFT JOIN user ap ON ap.id = c.approver_id"

/* ---- account_relationship_type ----------------------------------------- */

/* A type of relationship between accounts, known by its name, read from
 * either end: "Acme is partner of Globex", "Globex has partner Acme". */
static const struct xfer_col reltype_cols[] = {
	COLR("name", T_TEXT), COLR("forward_name", T_TEXT), COLR("reverse_name", T_TEXT),
};
#define RELTYPE_SELECT "SELECT y.name, y.forward_name, y.reverse_name FROM account_relationship_type y"

/* ---- account_relationship ---------------------------------------------- */

/* The type by name; an unknown one is refused, naming the known ones (the
 * kind account_relationship_type adds types). */
static const struct xfer_col relationship_cols[] = {
	REFR("from", REF_ACCOUNT, "account"), REFR("to", REF_ACCOUNT, "account"),
	REFM("type", REQ, "SELECT id FROM account_relationship_type WHERE name = ?1",
	     "account relationship type",
	     "SELECT 'no account relationship type \"' || ?1 || '\" (known types: '"
	     " || COALESCE((SELECT group_concat(name, ', ') FROM (SELECT name"
	     " FROM account_relationship_type ORDER BY name)), 'none') || ')'"),
};
static const int relationship_key[] = {0, 1, 2};
#define RELATIONSHIP_SELECT                                                                     \
	"SELECT f.number, t.number, y.name FROM account_relationship r"                        \
	" JOIN account f ON f.id = r.from_account_id JOIN account t ON t.id = r.to_account_id" \
	" JOIN account_relationship_type y ON y.id = r.type_id"

/* ---- account_consumer -------------------------------------------------- */

static const struct xfer_col acons_cols[] = {
	REFR("account", REF_ACCOUNT, "account"), REFR("consumer", REF_CONSUMER, "consumer"),
	COL("start_date", T_DATE), COL("end_date", T_DATE),
};
static const int acons_key[] = {0, 1, 2};
#define ACONS_SELECT                                                                            \
	"SELECT a.number, c.number, x.start_date, x.end_date FROM account_consumer x"         \
	" JOIN account a ON a.id = x.account_id JOIN consumer c ON c.id = x.consumer_id"

/* ---- address ----------------------------------------------------------- */

/* The owner is an account or a consumer number, bound as text (BYKEY) and
 * resolved by the SQL into account_id or consumer_id. */
#define ADDR_ACCOUNT(p) "(SELECT id FROM account WHERE number = " p ")"
#define ADDR_CONSUMER(p)                                                                        \
	"(SELECT id FROM consumer WHERE number = " p                                           \
	" AND NOT EXISTS (SELECT 1 FROM account WHERE number = " p "))"
static const struct xfer_col address_cols[] = {
	REFM("owner", REQ | BYKEY,
	     "SELECT id FROM account WHERE number = ?1 UNION ALL"
	     " SELECT id FROM consumer WHERE number = ?1 LIMIT 1", "account or consumer", NULL),
	REFR("location", REF_LOCATION, "location"),
	ENUMR("kind", "billing|shipping|mailing"), BOOLD("is_primary", "0"),
};
static const int address_key[] = {0, 1, 2};
#define ADDRESS_SELECT                                                                          \
	"SELECT COALESCE(a.number, c.number), COALESCE(l.external_id, 'LOC' || l.id), d.kind,"  \
	" d.is_primary FROM address d LEFT JOIN account a ON a.id = d.account_id"              \
	" LEFT JOIN consumer c ON c.id = d.consumer_id JOIN location l ON l.id = d.location_id"
static const char ADDRESS_EXPLAIN[] =
	"SELECT 'column \"is_primary\": ' || :owner || ' already has a primary address ('"
	" || d.kind || ' at ' || COALESCE(l.external_id, 'LOC' || l.id) || '): an account or"
	" consumer has one primary address' FROM address d JOIN location l ON l.id = d.location_id"
	" WHERE d.is_primary = 1 AND :is_primary = '1'"
	" AND (d.account_id = " ADDR_ACCOUNT(":owner") " OR d.consumer_id = " ADDR_CONSUMER(":owner") ")";

/* ---- team_member ------------------------------------------------------- */

/* An internal user on an account's, consumer's or household's team; the
 * customer is a number of any of the three, resolved by the SQL. */
#define TEAM_ACCOUNT "(SELECT id FROM account WHERE number = ?2)"
#define TEAM_CONSUMER "(SELECT id FROM consumer WHERE number = ?2)"
#define TEAM_HOUSEHOLD "(SELECT id FROM household WHERE number = ?2)"
static const struct xfer_col team_cols[] = {
	REFR("user", REF_USER, "user"),
	REFM("customer", REQ | BYKEY,
	     "SELECT id FROM account WHERE number = ?1 UNION ALL SELECT id FROM consumer"
	     " WHERE number = ?1 UNION ALL SELECT id FROM household WHERE number = ?1 LIMIT 1",
	     "account, consumer or household", NULL),
	REFM("responsibility", REQ, REF_RESPONSIBILITY, "responsibility", MISS_RESPONSIBILITY),
};
static const int team_key[] = {0, 1, 2};
#define TEAM_SELECT                                                                             \
	"SELECT u.login, COALESCE(a.number, c.number, h.number), r.name"                       \
	" FROM customer_team_member m JOIN user u ON u.id = m.user_id"                         \
	" LEFT JOIN account a ON a.id = m.account_id LEFT JOIN consumer c ON c.id = m.consumer_id" \
	" LEFT JOIN household h ON h.id = m.household_id"                                      \
	" JOIN responsibility r ON r.id = m.responsibility_id"

/* ---- installed_product, contract_product ------------------------------- */

static const struct xfer_col installed_cols[] = {
	REFR("install_base", REF_ITEM, "install base item"),
	REFR("sold_product", REF_SOLD, "sold product"),
};
static const int pair_key[] = {0, 1};
#define INSTALLED_SELECT                                                                        \
	"SELECT i.number, s.number FROM installed_product x"                                   \
	" JOIN install_base_item i ON i.id = x.install_base_item_id"                           \
	" JOIN sold_product s ON s.id = x.sold_product_id"

static const struct xfer_col cproduct_cols[] = {
	REFR("contract", REF_CONTRACT, "contract"), REFR("sold_product", REF_SOLD, "sold product"),
};
#define CPRODUCT_SELECT                                                                         \
	"SELECT k.number, s.number FROM contract_sold_product x"                               \
	" JOIN contract k ON k.id = x.contract_id JOIN sold_product s ON s.id = x.sold_product_id"
/* Who owns a record with account_id, consumer_id ...: "ACCT0000001 (Acme)". */
#define OWNER_OF(t)                                                                             \
	"COALESCE((SELECT number || ' (' || name || ')' FROM account WHERE id = " t ".account_id)," \
	" (SELECT number || ' (' || trim(COALESCE(first_name || ' ', '') || last_name) || ')'" \
	"   FROM consumer WHERE id = " t ".consumer_id)"
/* The contract_covers_own_products trigger says what rule was broken; this
 * says whose the product and the contract are. */
static const char CPRODUCT_EXPLAIN[] =
	"SELECT 'column \"sold_product\": ' || s.number || ' belongs to ' || " OWNER_OF("s") ","
	" (SELECT number || ' (' || name || ')' FROM household WHERE id = s.household_id),"
	" (SELECT number || ' (' || name || ')' FROM service_organization WHERE id = s.service_org_id),"
	" 'no one') || ' and contract ' || k.number || ' to ' || " OWNER_OF("k") ", 'no one')"
	" || ': a contract covers only sold products of its owner or the owner''s account hierarchy'"
	" FROM contract k, sold_product s WHERE k.number = :contract AND s.number = :sold_product";

/* ---- case_journal ------------------------------------------------------ */

/* A journal entry is known by its case, time, kind and body: entries are
 * appended, never changed, so re-importing an export finds every entry and
 * writes nothing.  The author is a login (or the name csm recorded when the
 * author was not a user).  A closed or canceled case is read-only, but its
 * journal from before it closed is history an import must bring along: the
 * import holds that rule itself (check) in place of the trigger. */
static const struct xfer_col journal_cols[] = {
	REFR("case", REF_CASE, "case"), ENUMR("kind", "comment|work_note|system"),
	COLR("body", T_TEXT), COL("author", T_TEXT), COLR("created_at", T_TIME),
};
static const int journal_key[] = {0, 4, 1, 2};
#define JOURNAL_SELECT                                                                          \
	"SELECT c.number, j.kind, j.body, COALESCE(u.login, j.author), j.created_at"            \
	" FROM case_journal j JOIN cases c ON c.id = j.case_id LEFT JOIN user u ON u.id = j.author_id"
static const char JOURNAL_CHECK[] =
	"SELECT 'case ' || c.number || ' is ' || c.state || COALESCE(' since ' || c.closed_at, '')"
	" || ' and read-only: its journal takes only entries from before then (this one is from '"
	" || :created_at || ') and system entries' FROM cases c WHERE c.number = :case"
	" AND c.state IN ('closed', 'canceled') AND :kind <> 'system'"
	" AND (c.closed_at IS NULL OR :created_at > c.closed_at)";
static const struct xfer_trigger journal_read_only = {
	"case_journal_read_only", "DROP TRIGGER case_journal_read_only",
};

/* ---- case_task --------------------------------------------------------- */

static const struct xfer_col task_cols[] = {
	COL("number", T_TEXT), REFR("case", REF_CASE, "case"), COLR("short_description", T_TEXT),
	ENUMD("state", "open|closed|canceled", "open"), REF("user", REF_USER, "user"),
	REF("group", REF_GROUP, "assignment group"), COL("created_at", T_TIME),
	COL("closed_at", T_TIME),
};
#define TASK_SELECT                                                                             \
	"SELECT t.number, c.number, t.short_description, t.state, u.login, g.name, t.created_at," \
	" t.closed_at FROM case_task t JOIN cases c ON c.id = t.case_id"                       \
	" LEFT JOIN user u ON u.id = t.assigned_user_id"                                       \
	" LEFT JOIN assignment_group g ON g.id = t.assigned_group_id"
static const char TASK_EXPLAIN[] =
	"SELECT 'a task is assigned to a user or a group: the columns user and group are both empty'"
	" WHERE :user IS NULL AND :group IS NULL";

/* ---- related_party ----------------------------------------------------- */

/* The host is a case, sold product or install base item number; the type is
 * looked up by name among the host kind's types; the party is a number or a
 * login of the kind the type takes.  Known by host, type and party. */
#define RP_HOST_KIND(p)                                                                         \
	"(CASE WHEN EXISTS (SELECT 1 FROM cases WHERE number = " p ") THEN 'case'"              \
	" WHEN EXISTS (SELECT 1 FROM sold_product WHERE number = " p ") THEN 'sold_product'"   \
	" WHEN EXISTS (SELECT 1 FROM install_base_item WHERE number = " p ")"                  \
	" THEN 'install_base_item' END)"
#define RP_TYPE_OF(name, host) "t.name = " name " AND t.applies_to = " RP_HOST_KIND(host)
/* the party id of value p for a type t */
#define RP_PARTY_ID(p)                                                                          \
	"CASE t.party_kind WHEN 'contact' THEN (SELECT id FROM contact WHERE number = " p ")"   \
	" WHEN 'consumer' THEN (SELECT id FROM consumer WHERE number = " p ")"                 \
	" WHEN 'user' THEN (SELECT id FROM user WHERE login = " p ")"                          \
	" WHEN 'account' THEN (SELECT id FROM account WHERE number = " p ")"                   \
	" WHEN 'service_organization' THEN (SELECT id FROM service_organization"               \
	" WHERE number = " p ") END"
#define RP_HOST_IS(rp, p)                                                                       \
	"(" rp ".case_id = (SELECT id FROM cases WHERE number = " p ")"                         \
	" OR " rp ".sold_product_id = (SELECT id FROM sold_product WHERE number = " p ")"      \
	" OR " rp ".install_base_item_id = (SELECT id FROM install_base_item WHERE number = " p "))"
static const struct xfer_col party_cols[] = {
	REFM("host", REQ | BYKEY,
	     "SELECT id FROM cases WHERE number = ?1 UNION ALL SELECT id FROM sold_product"
	     " WHERE number = ?1 UNION ALL SELECT id FROM install_base_item WHERE number = ?1 LIMIT 1",
	     "case, sold product or install base item", NULL),
	REFM("type", REQ, "SELECT t.id FROM related_party_type t WHERE " RP_TYPE_OF("?1", ":host"),
	     "related party type",
	     "SELECT 'no related party type \"' || ?1 || '\" for ' || replace(k, '_', ' ') || 's'"
	     " || ' (known: ' || COALESCE((SELECT group_concat(name, ', ') FROM (SELECT name"
	     " FROM related_party_type WHERE applies_to = k ORDER BY name)), 'none') || ')'"
	     " FROM (SELECT " RP_HOST_KIND(":host") " AS k) WHERE k IS NOT NULL"),
	REFM("party", REQ, "SELECT " RP_PARTY_ID("?1") " FROM related_party_type t"
	     " WHERE " RP_TYPE_OF(":type", ":host"), "party",
	     "SELECT CASE WHEN is_a IS NOT NULL THEN '\"' || ?1 || '\" is a ' || is_a"
	     " || ', but the related party type \"' || t.name || '\" takes a '"
	     " || replace(t.party_kind, '_', ' ')"
	     " ELSE 'no ' || replace(t.party_kind, '_', ' ') || ' \"' || ?1 || '\" (the related party"
	     " type \"' || t.name || '\" takes a ' || replace(t.party_kind, '_', ' ') || ')' END"
	     " FROM related_party_type t, (SELECT CASE"
	     " WHEN EXISTS (SELECT 1 FROM contact WHERE number = ?1) THEN 'contact'"
	     " WHEN EXISTS (SELECT 1 FROM consumer WHERE number = ?1) THEN 'consumer'"
	     " WHEN EXISTS (SELECT 1 FROM user WHERE login = ?1) THEN 'user'"
	     " WHEN EXISTS (SELECT 1 FROM account WHERE number = ?1) THEN 'account'"
	     " WHEN EXISTS (SELECT 1 FROM service_organization WHERE number = ?1)"
	     " THEN 'service organization' END AS is_a)"
	     " WHERE " RP_TYPE_OF(":type", ":host")),
	REFM("responsibility", 0, REF_RESPONSIBILITY, "responsibility", MISS_RESPONSIBILITY),
	COL("relationship", T_TEXT), COLD("order", T_INT, "0"),
};
static const int party_key[] = {0, 1, 2};
#define PARTY_SELECT                                                                            \
	"SELECT COALESCE(c.number, s.number, i.number), t.name,"                               \
	" COALESCE(ct.number, co.number, u.login, a.number, o.number), r.name,"                \
	" rp.relationship_name, rp.sort_order FROM related_party rp"                           \
	" JOIN related_party_type t ON t.id = rp.type_id"                                      \
	" LEFT JOIN cases c ON c.id = rp.case_id LEFT JOIN sold_product s ON s.id = rp.sold_product_id" \
	" LEFT JOIN install_base_item i ON i.id = rp.install_base_item_id"                     \
	" LEFT JOIN contact ct ON ct.id = rp.contact_id LEFT JOIN consumer co ON co.id = rp.consumer_id" \
	" LEFT JOIN user u ON u.id = rp.user_id LEFT JOIN account a ON a.id = rp.account_id"  \
	" LEFT JOIN service_organization o ON o.id = rp.service_org_id"                        \
	" LEFT JOIN responsibility r ON r.id = rp.responsibility_id"

/* ---- the kinds --------------------------------------------------------- */

/* The link tables written for T_SET columns are declared with their kinds
 * above; the kinds below point at them. */

#define KIND_ALL(nm, cols_, numk, find_, alt_, find_alt_, sel, idcol, ins, upd, set, explain_) \
	{nm, cols_, N(cols_), numk, find_, alt_, find_alt_, NULL, NULL, 0, sel " WHERE " idcol " = ?1", \
	 sel " ORDER BY " idcol, ins, upd, set, NULL, explain_, NULL}
#define KIND_SET(nm, cols_, numk, find_, alt_, find_alt_, sel, idcol, ins, upd, set)          \
	KIND_ALL(nm, cols_, numk, find_, alt_, find_alt_, sel, idcol, ins, upd, set, NULL)
#define KIND(nm, cols_, numk, find_, alt_, find_alt_, sel, idcol, ins, upd)                   \
	KIND_ALL(nm, cols_, numk, find_, alt_, find_alt_, sel, idcol, ins, upd, NULL, NULL)
/* A link or history record found by the values of its key columns (bound
 * as ?1.. in key order), exported in the order `order` (its keys, so that
 * a copy exports the same way). */
#define LINK(nm, cols_, key, find_, sel, idcol, order, ins, upd, check_, explain_, suspend_)  \
	{nm, cols_, N(cols_), -1, NULL, -1, NULL, find_, key, N(key), sel " WHERE " idcol " = ?1", \
	 sel " ORDER BY " order, ins, upd, NULL, check_, explain_, suspend_}
/* A link table without ids (WITHOUT ROWID): every column is the key, so a
 * row found is unchanged. */
#define PAIR(nm, cols_, key, find_, sel, order, ins, explain_)                                 \
	{nm, cols_, N(cols_), -1, NULL, -1, NULL, find_, key, N(key), NULL, sel " ORDER BY " order, \
	 ins, NULL, NULL, NULL, explain_, NULL}

static const struct xfer_kind kinds[] = {
	KIND("location", location_cols, -1, REF_LOCATION, -1, NULL, LOCATION_SELECT, "l.id",
	     "INSERT INTO main.location(external_id, name, type, parent_id, street, city, state, postal_code,"
	     " country, latitude, longitude, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	     "UPDATE main.location SET name = ?2, type = ?3, parent_id = ?4, street = ?5, city = ?6,"
	     " state = ?7, postal_code = ?8, country = ?9, latitude = ?10, longitude = ?11,"
	     " active = ?12 WHERE id = ?13"),
	KIND_SET("user", user_cols, -1, REF_USER, -1, NULL, USER_SELECT, "u.id",
	     "INSERT INTO user(login, name, email, phone, title, is_external, active)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	     "UPDATE user SET login = ?1, name = ?2, email = ?3, phone = ?4, title = ?5,"
	     " is_external = ?6, active = ?7 WHERE id = ?8", &user_roles),
	KIND("service_organization", sorg_cols, REC_SERVICE_ORG, REF_SORG, -1, NULL, SORG_SELECT,
	     "o.id",
	     "INSERT INTO service_organization(number, name, kind, parent_id, manager_id, location_id,"
	     " active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	     "UPDATE service_organization SET number = ?1, name = ?2, kind = ?3, parent_id = ?4,"
	     " manager_id = ?5, location_id = ?6, active = ?7 WHERE id = ?8"),
	KIND_SET("group", group_cols, -1, REF_GROUP, -1, NULL, GROUP_SELECT, "g.id",
	     "INSERT INTO assignment_group(name, email, manager_id, active) VALUES (?1, ?2, ?3, ?4)",
	     "UPDATE assignment_group SET name = ?1, email = ?2, manager_id = ?3, active = ?4"
	     " WHERE id = ?5", &group_members),
	KIND("product", product_cols, -1, REF_PRODUCT, -1, NULL, PRODUCT_SELECT, "p.id",
	     "INSERT INTO product(model_number, name, kind, category, manufacturer, parent_id,"
	     " description, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	     "UPDATE product SET model_number = ?1, name = ?2, kind = ?3, category = ?4,"
	     " manufacturer = ?5, parent_id = ?6, description = ?7, active = ?8 WHERE id = ?9"),
	KIND("account", account_cols, REC_ACCOUNT, REF_ACCOUNT, 11,
	     "SELECT id FROM account WHERE external_id = ?1", ACCOUNT_SELECT, "a.id",
	     "INSERT INTO main.account(number, name, code, parent_id, is_customer, is_partner, phone,"
	     " website, notes, active, restrict_contact_access, external_id)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	     "UPDATE main.account SET number = ?1, name = ?2, code = ?3, parent_id = ?4, is_customer = ?5,"
	     " is_partner = ?6, phone = ?7, website = ?8, notes = ?9, active = ?10,"
	     " restrict_contact_access = ?11, external_id = ?12, updated_at = csm_now() WHERE id = ?13"),
	KIND("contact", contact_cols, REC_CONTACT, REF_CONTACT, 12,
	     "SELECT id FROM contact WHERE external_id = ?1", CONTACT_SELECT, "c.id",
	     "INSERT INTO main.contact(number, account_id, first_name, last_name, title, email, phone,"
	     " mobile, time_zone, language, active, user_id, external_id)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	     "UPDATE main.contact SET number = ?1, account_id = ?2, first_name = ?3, last_name = ?4,"
	     " title = ?5, email = ?6, phone = ?7, mobile = ?8, time_zone = ?9, language = ?10,"
	     " active = ?11, user_id = ?12, external_id = ?13, updated_at = csm_now() WHERE id = ?14"),
	KIND("consumer", consumer_cols, REC_CONSUMER, REF_CONSUMER, 13,
	     "SELECT id FROM consumer WHERE external_id = ?1", CONSUMER_SELECT, "c.id",
	     "INSERT INTO main.consumer(number, prefix, first_name, middle_name, last_name, suffix, email,"
	     " mobile_phone, home_phone, business_phone, active, user_id, notes, external_id)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	     "UPDATE main.consumer SET number = ?1, prefix = ?2, first_name = ?3, middle_name = ?4,"
	     " last_name = ?5, suffix = ?6, email = ?7, mobile_phone = ?8, home_phone = ?9,"
	     " business_phone = ?10, active = ?11, user_id = ?12, notes = ?13, external_id = ?14,"
	     " updated_at = csm_now() WHERE id = ?15"),
	KIND("household", household_cols, REC_HOUSEHOLD, REF_HOUSEHOLD, 6,
	     "SELECT id FROM household WHERE external_id = ?1", HOUSEHOLD_SELECT, "h.id",
	     "INSERT INTO main.household(number, name, head_consumer_id, location_id, notes, active,"
	     " external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	     "UPDATE main.household SET number = ?1, name = ?2, head_consumer_id = ?3, location_id = ?4,"
	     " notes = ?5, active = ?6, external_id = ?7, updated_at = csm_now() WHERE id = ?8"),
	{"household_member", member_cols, N(member_cols), -1, NULL, -1, NULL,
	 "SELECT id FROM household_member WHERE household_id = ?1 AND consumer_id = ?2"
	 " AND start_date IS ?3",
	 member_key, N(member_key), MEMBER_SELECT " WHERE m.id = ?1", MEMBER_SELECT " ORDER BY m.id",
	 "INSERT INTO main.household_member(household_id, consumer_id, start_date, end_date, is_primary)"
	 " VALUES (?1, ?2, ?3, ?4, ?5)",
	 "UPDATE main.household_member SET household_id = ?1, consumer_id = ?2, start_date = ?3,"
	 " end_date = ?4, is_primary = ?5 WHERE id = ?6", NULL, NULL, NULL, NULL},
	KIND("account_relationship_type", reltype_cols, -1,
	     "SELECT id FROM account_relationship_type WHERE name = ?1", -1, NULL, RELTYPE_SELECT,
	     "y.id",
	     "INSERT INTO main.account_relationship_type(name, forward_name, reverse_name)"
	     " VALUES (?1, ?2, ?3)",
	     "UPDATE main.account_relationship_type SET name = ?1, forward_name = ?2,"
	     " reverse_name = ?3 WHERE id = ?4"),
	LINK("account_relationship", relationship_cols, relationship_key,
	     "SELECT id FROM account_relationship WHERE from_account_id = ?1 AND to_account_id = ?2"
	     " AND type_id = ?3", RELATIONSHIP_SELECT, "r.id", "f.number, t.number, y.name",
	     "INSERT INTO main.account_relationship(from_account_id, to_account_id, type_id)"
	     " VALUES (?1, ?2, ?3)", NULL, NULL,
	     "SELECT 'an account is not related to itself (' || :from || ')' WHERE :from = :to", NULL),
	LINK("account_consumer", acons_cols, acons_key,
	     "SELECT id FROM account_consumer WHERE account_id = ?1 AND consumer_id = ?2"
	     " AND start_date IS ?3", ACONS_SELECT, "x.id", "a.number, c.number, x.start_date, x.id",
	     "INSERT INTO main.account_consumer(account_id, consumer_id, start_date, end_date)"
	     " VALUES (?1, ?2, ?3, ?4)",
	     "UPDATE main.account_consumer SET end_date = ?4 WHERE id = ?5", NULL, NULL, NULL),
	LINK("address", address_cols, address_key,
	     "SELECT id FROM address WHERE location_id = ?2 AND kind = ?3 AND (account_id = "
	     ADDR_ACCOUNT("?1") " OR consumer_id = " ADDR_CONSUMER("?1") ")", ADDRESS_SELECT, "d.id",
	     "COALESCE(a.number, c.number), 2, d.kind, d.id",
	     "INSERT INTO main.address(account_id, consumer_id, location_id, kind, is_primary) VALUES ("
	     ADDR_ACCOUNT("?1") ", " ADDR_CONSUMER("?1") ", ?2, ?3, ?4)",
	     "UPDATE main.address SET is_primary = ?4 WHERE id = ?5", NULL, ADDRESS_EXPLAIN, NULL),
	LINK("team_member", team_cols, team_key,
	     "SELECT id FROM customer_team_member WHERE user_id = ?1 AND responsibility_id = ?3"
	     " AND (account_id = " TEAM_ACCOUNT " OR consumer_id = " TEAM_CONSUMER
	     " OR household_id = " TEAM_HOUSEHOLD ")", TEAM_SELECT, "m.id", "2, u.login, r.name, m.id",
	     "INSERT INTO main.customer_team_member(user_id, account_id, consumer_id, household_id,"
	     " responsibility_id) VALUES (?1, " TEAM_ACCOUNT ", " TEAM_CONSUMER ", " TEAM_HOUSEHOLD
	     ", ?3)", NULL, NULL, NULL, NULL),
	KIND("asset", asset_cols, -1, REF_ASSET, -1, NULL, ASSET_SELECT, "a.id",
	     "INSERT INTO main.asset(asset_tag, serial_number, product_id, account_id, consumer_id, status)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	     "UPDATE main.asset SET asset_tag = ?1, serial_number = ?2, product_id = ?3, account_id = ?4,"
	     " consumer_id = ?5, status = ?6 WHERE id = ?7"),
	KIND("sold_product", sold_cols, REC_SOLD_PRODUCT, REF_SOLD, 12,
	     "SELECT id FROM sold_product WHERE external_id = ?1", SOLD_SELECT, "s.id",
	     "INSERT INTO main.sold_product(number, product_id, parent_id, account_id, consumer_id,"
	     " household_id, service_org_id, contact_id, quantity, start_date, end_date, active,"
	     " external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
	     "UPDATE main.sold_product SET number = ?1, product_id = ?2, parent_id = ?3, account_id = ?4,"
	     " consumer_id = ?5, household_id = ?6, service_org_id = ?7, contact_id = ?8,"
	     " quantity = ?9, start_date = ?10, end_date = ?11, active = ?12, external_id = ?13"
	     " WHERE id = ?14"),
	KIND("install_base", item_cols, REC_INSTALL_BASE, REF_ITEM, 17,
	     "SELECT id FROM install_base_item WHERE external_id = ?1", ITEM_SELECT, "i.id",
	     "INSERT INTO main.install_base_item(number, name, product_id, asset_id, serial_number,"
	     " parent_id, account_id, consumer_id, contact_id, household_id, service_org_id,"
	     " location_id, state, install_date, uninstall_date, usage, characteristics, external_id)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
	     "UPDATE main.install_base_item SET number = ?1, name = ?2, product_id = ?3, asset_id = ?4,"
	     " serial_number = ?5, parent_id = ?6, account_id = ?7, consumer_id = ?8,"
	     " contact_id = ?9, household_id = ?10, service_org_id = ?11, location_id = ?12,"
	     " state = ?13, install_date = ?14, uninstall_date = ?15, usage = ?16,"
	     " characteristics = ?17, external_id = ?18, updated_at = csm_now() WHERE id = ?19"),
	PAIR("installed_product", installed_cols, pair_key,
	     "SELECT 1 FROM installed_product WHERE install_base_item_id = ?1 AND sold_product_id = ?2",
	     INSTALLED_SELECT, "i.number, s.number",
	     "INSERT INTO main.installed_product(install_base_item_id, sold_product_id) VALUES (?1, ?2)",
	     NULL),
	KIND("contract", contract_cols, REC_CONTRACT, REF_CONTRACT, 9,
	     "SELECT id FROM contract WHERE external_id = ?1", CONTRACT_SELECT, "k.id",
	     "INSERT INTO main.contract(number, name, account_id, consumer_id, state, start_date, end_date,"
	     " approver_id, description, external_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	     "UPDATE main.contract SET number = ?1, name = ?2, account_id = ?3, consumer_id = ?4,"
	     " state = ?5, start_date = ?6, end_date = ?7, approver_id = ?8, description = ?9,"
	     " external_id = ?10 WHERE id = ?11"),
	PAIR("contract_product", cproduct_cols, pair_key,
	     "SELECT 1 FROM contract_sold_product WHERE contract_id = ?1 AND sold_product_id = ?2",
	     CPRODUCT_SELECT, "k.number, s.number",
	     "INSERT INTO main.contract_sold_product(contract_id, sold_product_id) VALUES (?1, ?2)",
	     CPRODUCT_EXPLAIN),
	KIND("entitlement", entitlement_cols, -1, REF_ENTITLEMENT, -1, NULL, ENTITLEMENT_SELECT,
	     "e.id",
	     "INSERT INTO main.entitlement(external_id, name, product_id, account_id, consumer_id,"
	     " contract_id, asset_id, sold_product_id, install_base_item_id, channels, start_date,"
	     " end_date, active, per_unit, total_units, remaining_units)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
	     "UPDATE main.entitlement SET name = ?2, product_id = ?3, account_id = ?4, consumer_id = ?5,"
	     " contract_id = ?6, asset_id = ?7, sold_product_id = ?8, install_base_item_id = ?9,"
	     " channels = ?10, start_date = ?11, end_date = ?12, active = ?13, per_unit = ?14,"
	     " total_units = ?15, remaining_units = ?16 WHERE id = ?17"),
	KIND("case", case_cols, REC_CASE, "SELECT id FROM cases WHERE number = ?1", -1, NULL,
	     CASE_SELECT, "c.id",
	     "INSERT INTO main.cases(number, short_description, description, state, priority, channel,"
	     " category, account_id, contact_id, consumer_id, household_id, service_org_id,"
	     " requester_id, product_id, asset_id, install_base_item_id, sold_product_id,"
	     " contract_id, entitlement_id, group_id, assigned_to_id, opened_by_id, opened_at,"
	     " resolution_code, resolution_notes, resolved_by_id, resolved_at, closed_by_id,"
	     " closed_at, approval, approver_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	     " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, COALESCE(?23, csm_now()),"
	     " ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
	     "UPDATE main.cases SET number = ?1, short_description = ?2, description = ?3, state = ?4,"
	     " priority = ?5, channel = ?6, category = ?7, account_id = ?8, contact_id = ?9,"
	     " consumer_id = ?10, household_id = ?11, service_org_id = ?12, requester_id = ?13,"
	     " product_id = ?14, asset_id = ?15, install_base_item_id = ?16, sold_product_id = ?17,"
	     " contract_id = ?18, entitlement_id = ?19, group_id = ?20, assigned_to_id = ?21,"
	     " opened_by_id = ?22, opened_at = COALESCE(?23, opened_at), resolution_code = ?24,"
	     " resolution_notes = ?25, resolved_by_id = ?26, resolved_at = ?27, closed_by_id = ?28,"
	     " closed_at = ?29, approval = ?30, approver_id = ?31, version = version + 1,"
	     " updated_at = csm_now() WHERE id = ?32"),
	LINK("case_journal", journal_cols, journal_key,
	     "SELECT id FROM case_journal WHERE case_id = ?1 AND created_at = ?2 AND kind = ?3"
	     " AND body = ?4", JOURNAL_SELECT, "j.id", "c.number, j.created_at, j.id",
	     "INSERT INTO main.case_journal(case_id, kind, body, author_id, author, created_at)"
	     " VALUES (?1, ?2, ?3, (SELECT id FROM user WHERE login = ?4), COALESCE(?4, csm_actor()),"
	     " ?5)", NULL, JOURNAL_CHECK, NULL, &journal_read_only),
	KIND_ALL("case_task", task_cols, REC_TASK, "SELECT id FROM case_task WHERE number = ?1", -1,
	     NULL, TASK_SELECT, "t.id",
	     "INSERT INTO main.case_task(number, case_id, short_description, state, assigned_user_id,"
	     " assigned_group_id, created_at, closed_at)"
	     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(?7, csm_now()), ?8)",
	     "UPDATE main.case_task SET number = ?1, case_id = ?2, short_description = ?3, state = ?4,"
	     " assigned_user_id = ?5, assigned_group_id = ?6, created_at = COALESCE(?7, created_at),"
	     " closed_at = ?8 WHERE id = ?9", NULL, TASK_EXPLAIN),
	LINK("related_party", party_cols, party_key,
	     "SELECT rp.id FROM related_party rp JOIN related_party_type t ON t.id = rp.type_id"
	     " WHERE rp.type_id = ?2 AND " RP_HOST_IS("rp", "?1") " AND ?3 = CASE t.party_kind"
	     " WHEN 'contact' THEN rp.contact_id WHEN 'consumer' THEN rp.consumer_id"
	     " WHEN 'user' THEN rp.user_id WHEN 'account' THEN rp.account_id"
	     " WHEN 'service_organization' THEN rp.service_org_id END", PARTY_SELECT, "rp.id",
	     "1, rp.sort_order, t.name, 3, rp.id",
	     "INSERT INTO main.related_party(type_id, case_id, sold_product_id, install_base_item_id,"
	     " contact_id, consumer_id, user_id, account_id, service_org_id, responsibility_id,"
	     " relationship_name, sort_order) SELECT t.id,"
	     " (SELECT id FROM cases WHERE number = ?1),"
	     " (SELECT id FROM sold_product WHERE number = ?1),"
	     " (SELECT id FROM install_base_item WHERE number = ?1),"
	     " CASE t.party_kind WHEN 'contact' THEN ?3 END,"
	     " CASE t.party_kind WHEN 'consumer' THEN ?3 END,"
	     " CASE t.party_kind WHEN 'user' THEN ?3 END,"
	     " CASE t.party_kind WHEN 'account' THEN ?3 END,"
	     " CASE t.party_kind WHEN 'service_organization' THEN ?3 END,"
	     " COALESCE(?4, t.responsibility_id), ?5, ?6"  /* as `party add`: the type's by default */
	     " FROM related_party_type t WHERE t.id = ?2",
	     "UPDATE main.related_party SET responsibility_id = ?4, relationship_name = ?5,"
	     " sort_order = ?6 WHERE id = ?7", NULL, NULL, NULL),
};

const char *const transfer_kind_names[] = {
	"location", "user", "service_organization", "group", "product", "account",
	"account_relationship_type", "account_relationship", "contact", "consumer", "household", "household_member",
	"account_consumer", "address", "team_member", "asset", "sold_product", "install_base",
	"installed_product", "contract", "contract_product", "entitlement", "case", "case_journal",
	"case_task", "related_party", NULL,
};

static const struct xfer_kind *kind_find(const char *name)
{
	for (size_t i = 0; i < N(kinds); i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

bool transfer_kind_known(const char *name)
{
	return kind_find(name) != NULL;
}

const char *transfer_kind_columns(const char *name)
{
	static char buf[1024];
	const struct xfer_kind *k = kind_find(name);
	size_t len = 0;

	if (!k)
		return NULL;
	buf[0] = '\0';
	for (size_t i = 0; i < k->n && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "," : "", k->cols[i].name);
	return buf;
}

/* ---- values ------------------------------------------------------------ */

/* Reads the record's columns as text (owned strings, NULL for SQL NULL). */
static int load_row(struct store *s, const struct xfer_kind *k, int64_t id, char **vals,
		    struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, k->one, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return csm_error_set(err, CSM_EX_SOFTWARE, "record %lld vanished", (long long)id);
		return store_sqlerr(s, err, "reading a record");
	}
	for (size_t i = 0; i < k->n; i++)
		vals[i] = store_col_dup(st, (int)i);
	sqlite3_reset(st);
	return 0;
}

static void free_vals(char **vals, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(vals[i]);
		vals[i] = NULL;
	}
}

static bool parse_bool(const char *v, int *out)
{
	static const char *const yes[] = {"1", "true", "yes", "y", "t"};
	static const char *const no[] = {"0", "false", "no", "n", "f"};
	for (size_t i = 0; i < N(yes); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, true;
	for (size_t i = 0; i < N(no); i++)
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, true;
	return false;
}

static bool in_list(const char *v, const char *list)
{
	size_t n = strlen(v);
	for (const char *p = list; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && strncmp(p, v, n) == 0)
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

static bool valid_time(const char *v)
{
	char date[11];
	int h, m, sec;
	char z;

	if (strlen(v) != 20 || v[10] != 'T')
		return false;
	memcpy(date, v, 10);
	date[10] = '\0';
	return clock_valid_date(date) && sscanf(v + 11, "%2d:%2d:%2d%c", &h, &m, &sec, &z) == 4 &&
	       z == 'Z' && h < 24 && m < 60 && sec < 61;
}

/* Binds every named parameter ":column" of st to the row's text for that
 * column (NULL when empty), so that SQL may look at the rest of the row. */
static void bind_named(const struct xfer_kind *k, sqlite3_stmt *st, char **vals)
{
	int n = sqlite3_bind_parameter_count(st);

	for (int i = 1; i <= n; i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);
		if (!name || name[0] != ':')
			continue;
		for (size_t c = 0; c < k->n; c++)
			if (strcmp(k->cols[c].name, name + 1) == 0) {
				if (vals[c] && *vals[c])
					sqlite3_bind_text(st, i, vals[c], -1, SQLITE_TRANSIENT);
				else
					sqlite3_bind_null(st, i);
				break;
			}
	}
}

/* Runs sql (?1 = v, named parameters from the row) and copies its first
 * column into out.  Returns true when it gave a non-NULL value. */
static bool row_text(struct store *s, const struct xfer_kind *k, const char *sql, const char *v,
		     char **vals, char *out, size_t n)
{
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	bool got = false;

	if (!st)
		return false;
	if (v)
		sqlite3_bind_text(st, 1, v, -1, SQLITE_TRANSIENT);
	bind_named(k, st, vals);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		got = true;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return got;
}

/* Normalises column col of the row in place where the type has one
 * canonical text form (booleans), checks it, and binds it as parameter idx.
 * A reference may look at the rest of the row (named parameters).  Returns
 * 0, or -1 with the reason in why. */
static int bind_value(struct store *s, const struct xfer_kind *k, sqlite3_stmt *st, int idx,
		      size_t col, char **vals, char *why, size_t whylen)
{
	const struct xfer_col *c = &k->cols[col];
	char **val = &vals[col];
	const char *v = *val;
	char *end;

	if (!v || !*v)
		return sqlite3_bind_null(st, idx) == SQLITE_OK ? 0 : -1;
	switch (c->type) {
	case T_TEXT:
	case T_SET:
		break;
	case T_INT: {
		long long n;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno || *end || end == v) {
			snprintf(why, whylen, "expected a whole number, got \"%s\"", v);
			return -1;
		}
		return sqlite3_bind_int64(st, idx, n) == SQLITE_OK ? 0 : -1;
	}
	case T_REAL: {
		double d;
		errno = 0;
		d = strtod(v, &end);
		if (errno || *end || end == v || !isfinite(d)) {
			snprintf(why, whylen, "expected a number, got \"%s\"", v);
			return -1;
		}
		return sqlite3_bind_double(st, idx, d) == SQLITE_OK ? 0 : -1;
	}
	case T_BOOL: {
		int b;
		if (!parse_bool(v, &b)) {
			snprintf(why, whylen, "expected 1 or 0 (true/false, yes/no), got \"%s\"", v);
			return -1;
		}
		free(*val);
		*val = xstrdup(b ? "1" : "0");
		return sqlite3_bind_int(st, idx, b) == SQLITE_OK ? 0 : -1;
	}
	case T_DATE:
		if (!clock_valid_date(v)) {
			snprintf(why, whylen, "expected a date YYYY-MM-DD, got \"%s\"", v);
			return -1;
		}
		break;
	case T_TIME:
		if (!valid_time(v)) {
			snprintf(why, whylen, "expected a UTC time YYYY-MM-DDTHH:MM:SSZ, got \"%s\"", v);
			return -1;
		}
		break;
	case T_ENUM:
		if (!in_list(v, c->allowed)) {
			snprintf(why, whylen, "\"%s\" is not one of %s", v, c->allowed);
			return -1;
		}
		break;
	case T_JSON:
		if (v[0] != '{') {
			snprintf(why, whylen, "expected a JSON object like {\"key\": \"value\"}");
			return -1;
		}
		break;
	case T_REF: {
		sqlite3_stmt *r = store_stmt(s, c->ref, NULL);
		int rc;
		if (!r)
			return -1;
		sqlite3_bind_text(r, 1, v, -1, SQLITE_STATIC);
		bind_named(k, r, vals);
		rc = sqlite3_step(r);
		if (rc != SQLITE_ROW || sqlite3_column_type(r, 0) == SQLITE_NULL) {
			sqlite3_reset(r);
			sqlite3_clear_bindings(r);
			if (!c->miss || !row_text(s, k, c->miss, v, vals, why, whylen))
				snprintf(why, whylen, "no %s \"%s\"", c->ref_what, v);
			return -1;
		}
		if (c->flags & BYKEY)
			rc = sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
		else
			rc = sqlite3_bind_int64(st, idx, sqlite3_column_int64(r, 0));
		sqlite3_reset(r);
		sqlite3_clear_bindings(r);
		return rc == SQLITE_OK ? 0 : -1;
	}
	}
	return sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

/* ---- import ------------------------------------------------------------ */

struct importer {
	struct store *s;
	const struct xfer_kind *k;
	const char *file;
	int map[64];       /* CSV column -> kind column */
	int present[64];   /* kind column -> CSV column, or -1 */
	size_t n_csv;      /* columns in the header */
	void (*report)(void *, const char *);
	void *ctx;
	size_t problems;   /* rows or headers that were wrong */
	size_t max_reports;
};

static void problem(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct importer *im, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;

	im->problems++;
	if (im->problems > im->max_reports)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	im->report(im->ctx, msg);
}

/* The CSV column a schema column stands for: "code" -> code, "account_id"
 * -> account, "install_base_item_id" -> install_base; -1 when the kind has
 * no such column. */
static int col_of_sql(const struct xfer_kind *k, const char *sqlcol, size_t len)
{
	if (len > 3 && strncmp(sqlcol + len - 3, "_id", 3) == 0)
		len -= 3;
	for (size_t i = 0; i < k->n; i++)
		if (strlen(k->cols[i].name) == len && strncmp(k->cols[i].name, sqlcol, len) == 0)
			return (int)i;
	if (len > 5 && strncmp(sqlcol + len - 5, "_item", 5) == 0) /* install_base_item_id */
		return col_of_sql(k, sqlcol, len - 5);
	return -1;
}

/* A rule "a_id IS NOT NULL OR b_id IS NOT NULL ..." (a record needs one of
 * several references) said as the CSV columns it names.  Returns true when
 * the rule has that shape and `out` was written. */
static bool any_of_rule(const struct xfer_kind *k, const char *rule, char *out, size_t n)
{
	static const char tail[] = " IS NOT NULL";
	struct strbuf cols;
	const char *p = rule;
	bool ok = true;

	strbuf_init(&cols);
	while (ok && *p) {
		size_t len = strspn(p, "abcdefghijklmnopqrstuvwxyz_");
		int c = col_of_sql(k, p, len);

		if (c < 0 || strncmp(p + len, tail, sizeof tail - 1) != 0) {
			ok = false;
			break;
		}
		strbuf_addf(&cols, "%s%s", cols.len ? ", " : "", k->cols[c].name);
		p += len + sizeof tail - 1;
		if (strncmp(p, " OR ", 4) == 0)
			p += 4;
		else if (*p)
			ok = false;
	}
	if (ok)
		snprintf(out, n, "a new %s needs a value in one of the columns %s", k->name,
			 cols.buf);
	strbuf_fini(&cols);
	return ok;
}

/* Says why a write broke a constraint in the words of the CSV file (the
 * column and its value) rather than SQLite's ("UNIQUE constraint failed:
 * account.code").  Falls back to SQLite's text with `what` in front. */
static void constraint_why(struct importer *im, const char *what, char **vals, char *out,
			   size_t n)
{
	sqlite3 *db = store_db(im->s);
	int xrc = sqlite3_extended_errcode(db);
	const char *msg = sqlite3_errmsg(db), *colon = strstr(msg, "failed: ");
	const char *name = colon ? colon + 8 : NULL, *dot;
	size_t len;
	int c = -1;

	if (name && (xrc == SQLITE_CONSTRAINT_UNIQUE || xrc == SQLITE_CONSTRAINT_NOTNULL) &&
	    !strchr(name, ',') && (dot = strrchr(name, '.')) != NULL)
		c = col_of_sql(im->k, dot + 1, strlen(dot + 1));
	if (c >= 0 && xrc == SQLITE_CONSTRAINT_UNIQUE) {
		snprintf(out, n, "column \"%s\": \"%s\" is already used by another %s",
			 im->k->cols[c].name, vals[c] ? vals[c] : "", im->k->name);
		return;
	}
	if (c >= 0) {
		snprintf(out, n, "column \"%s\": a value is required", im->k->cols[c].name);
		return;
	}
	if (name && xrc == SQLITE_CONSTRAINT_CHECK) {
		/* "priority BETWEEN 1 AND 4": the rule's first word is often the column */
		char rule[300];
		size_t o = 0;
		bool space = false;

		for (const char *p = name; *p && o + 1 < sizeof rule; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n') {
				space = o > 0;
				continue;
			}
			if (space && o + 2 < sizeof rule)
				rule[o++] = ' ';
			space = false;
			rule[o++] = *p;
		}
		rule[o] = '\0';
		if (any_of_rule(im->k, rule, out, n))
			return;
		len = strspn(rule, "abcdefghijklmnopqrstuvwxyz_");
		for (size_t i = 0; i < im->k->n && c < 0; i++)
			if (len && strlen(im->k->cols[i].name) == len &&
			    strncmp(im->k->cols[i].name, rule, len) == 0)
				c = (int)i;
		if (c >= 0 && (rule[len] == ' ' || rule[len] == '\0'))
			snprintf(out, n, "column \"%s\": \"%s\" breaks the rule %s", im->k->cols[c].name,
				 vals[c] ? vals[c] : "", rule);
		else
			snprintf(out, n, "%s: the row breaks the rule %s", what, rule);
		return;
	}
	snprintf(out, n, "%s: %s", what, msg);
}

static int read_header(struct importer *im, const struct csv_row *h)
{
	const struct xfer_kind *k = im->k;

	for (size_t i = 0; i < k->n; i++)
		im->present[i] = -1;
	if (h->n > N(im->map)) {
		problem(im, "%s:%zu: %zu columns; %s has %zu", im->file, h->line, h->n, k->name, k->n);
		return -1;
	}
	im->n_csv = h->n;
	for (size_t c = 0; c < h->n; c++) {
		const char *name = h->fields[c];
		size_t i;
		for (i = 0; i < k->n; i++)
			if (strcmp(k->cols[i].name, name) == 0)
				break;
		if (i == k->n) {
			problem(im, "%s:%zu: column %zu: unknown column \"%s\" for %s (columns: %s)", im->file,
				h->line, c + 1, name, k->name, transfer_kind_columns(k->name));
			continue;
		}
		if (im->present[i] >= 0) {
			problem(im, "%s:%zu: column %zu: \"%s\" appears twice", im->file, h->line, c + 1, name);
			continue;
		}
		im->present[i] = (int)c;
		im->map[c] = (int)i;
	}
	/* the key must be there: number-like kinds may generate it, others not */
	if (im->present[0] < 0 && k->number_kind < 0 && !k->find_composite)
		problem(im, "%s:%zu: the column \"%s\" is required: it identifies the %s", im->file,
			h->line, k->cols[0].name, k->name);
	for (size_t i = 0; i < k->n_key; i++)
		if (im->present[k->key_cols[i]] < 0 && (k->cols[k->key_cols[i]].flags & REQ))
			problem(im, "%s:%zu: the column \"%s\" is required: it identifies the %s", im->file,
				h->line, k->cols[k->key_cols[i]].name, k->name);
	return im->problems ? -1 : 0;
}

/* Finds the stored record this row is about; 1 found, 0 new, -1 error. */
static int find_existing(struct importer *im, char **vals, int64_t *id, char *why, size_t whylen)
{
	const struct xfer_kind *k = im->k;
	sqlite3_stmt *st;
	int rc;

	if (k->find_composite) {
		if (!(st = store_stmt(im->s, k->find_composite, NULL)))
			return -1;
		for (size_t i = 0; i < k->n_key; i++) {
			int col = k->key_cols[i];
			if (bind_value(im->s, k, st, (int)i + 1, (size_t)col, vals, why, whylen) < 0) {
				sqlite3_reset(st);
				snprintf(why + strlen(why), whylen - strlen(why), " (column \"%s\")",
					 k->cols[col].name);
				return -2;
			}
		}
	} else if (vals[0] && *vals[0]) {
		if (!(st = store_stmt(im->s, k->find, NULL)))
			return -1;
		sqlite3_bind_text(st, 1, vals[0], -1, SQLITE_TRANSIENT);
	} else if (k->alt >= 0 && vals[k->alt] && *vals[k->alt]) {
		if (!(st = store_stmt(im->s, k->find_alt, NULL)))
			return -1;
		sqlite3_bind_text(st, 1, vals[k->alt], -1, SQLITE_TRANSIENT);
	} else {
		return 0;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	return rc == SQLITE_ROW;
}

/* Replaces the record's set (roles, group members) with the names in
 * text; each is checked against the column's list or resolved as a
 * reference. */
static int write_set(struct importer *im, int64_t id, const struct xfer_col *c, const char *text,
		     size_t line)
{
	const struct xfer_set *set = im->k->set;
	struct csm_error err = {0};
	sqlite3_stmt *st = store_stmt(im->s, set->clear, &err);
	char *copy, *tok, *save = NULL;
	int rc = 0;

	if (!st || (sqlite3_bind_int64(st, 1, id), store_exec_stmt(im->s, st, &err, c->name) < 0)) {
		problem(im, "%s:%zu: column \"%s\": %s", im->file, line, c->name, err.msg);
		return -1;
	}
	copy = xstrdup(text ? text : "");
	for (tok = strtok_r(copy, " ,", &save); tok; tok = strtok_r(NULL, " ,", &save)) {
		sqlite3_int64 member = 0;
		if (c->allowed && !in_list(tok, c->allowed)) {
			problem(im, "%s:%zu: column \"%s\": \"%s\" is not a %s (%s)", im->file, line,
				c->name, tok, c->ref_what, c->allowed);
			rc = -1;
			continue;
		}
		if (c->ref) {
			sqlite3_stmt *r = store_stmt(im->s, c->ref, &err);
			if (!r)
				break;
			sqlite3_bind_text(r, 1, tok, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(r) == SQLITE_ROW)
				member = sqlite3_column_int64(r, 0);
			sqlite3_reset(r);
			if (!member) {
				problem(im, "%s:%zu: column \"%s\": no %s \"%s\"", im->file, line, c->name,
					c->ref_what, tok);
				rc = -1;
				continue;
			}
		}
		if (!(st = store_stmt(im->s, set->add, &err)))
			break;
		sqlite3_bind_int64(st, 1, id);
		if (member)
			sqlite3_bind_int64(st, 2, member);
		else
			sqlite3_bind_text(st, 2, tok, -1, SQLITE_TRANSIENT);
		if (store_exec_stmt(im->s, st, &err, c->name) < 0) {
			problem(im, "%s:%zu: column \"%s\": %s", im->file, line, c->name, err.msg);
			rc = -1;
		}
	}
	free(copy);
	return rc;
}

/* One data row: merge with the stored record, check, write. */
static void import_row(struct importer *im, const struct csv_row *r, struct transfer_stats *stats)
{
	const struct xfer_kind *k = im->k;
	char *vals[64] = {0}, *old[64] = {0};
	char why[600] = "";
	struct csm_error err = {0};
	int64_t id = 0;
	int found, bad = 0;
	sqlite3_stmt *st = NULL;
	bool set_col = k->cols[k->n - 1].type == T_SET;
	size_t nbind = set_col ? k->n - 1 : k->n;

	if (r->n != im->n_csv) {
		problem(im, "%s:%zu: %zu field%s, the header has %zu", im->file, r->line, r->n,
			r->n == 1 ? "" : "s", im->n_csv);
		return;
	}
	for (size_t c = 0; c < r->n; c++)
		vals[im->map[c]] = xstrdup(r->fields[c]);

	found = find_existing(im, vals, &id, why, sizeof why);
	if (found == -2) {
		problem(im, "%s:%zu: %s", im->file, r->line, why);
		goto out;
	}
	if (found < 0) {
		store_sqlerr(im->s, &err, "looking the record up");
		problem(im, "%s:%zu: %s", im->file, r->line, err.msg);
		goto out;
	}
	if (found && !k->one) {
		stats->unchanged++; /* every column is the key: the row is there */
		goto out;
	}
	if (found) {
		if (load_row(im->s, k, id, old, &err) < 0) {
			problem(im, "%s:%zu: %s", im->file, r->line, err.msg);
			goto out;
		}
		for (size_t i = 0; i < k->n; i++) {
			if (im->present[i] < 0) {
				vals[i] = old[i];
				old[i] = NULL;
			} else if ((k->cols[i].flags & REQ) && !*vals[i]) {
				problem(im, "%s:%zu: column \"%s\": a value is required (it cannot be "
					"emptied)", im->file, r->line, k->cols[i].name);
				bad = 1;
			}
		}
		if (bad)
			goto out;
	} else {
		for (size_t i = 0; i < k->n; i++) {
			if ((!vals[i] || !*vals[i]) && k->cols[i].def) {
				free(vals[i]);
				vals[i] = xstrdup(k->cols[i].def);
			}
			if ((k->cols[i].flags & REQ) && (!vals[i] || !*vals[i])) {
				problem(im, "%s:%zu: column \"%s\": a value is required for a new %s", im->file,
					r->line, k->cols[i].name, k->name);
				bad = 1;
			}
		}
		if (bad)
			goto out;
	}

	/* a kind never changed binds into its insert to check and normalise */
	st = store_stmt(im->s, found && k->update ? k->update : k->insert, &err);
	if (!st) {
		problem(im, "%s:%zu: %s", im->file, r->line, err.msg);
		goto out;
	}
	for (size_t i = 0; i < nbind; i++) {
		why[0] = '\0';
		if (bind_value(im->s, k, st, (int)i + 1, i, vals, why, sizeof why) < 0) {
			problem(im, "%s:%zu: column \"%s\": %s", im->file, r->line, k->cols[i].name,
				why[0] ? why : "cannot be stored");
			bad = 1;
		}
	}
	if (bad)
		goto out;

	if (found) {
		int differs = -1;
		for (size_t i = 0; i < k->n && differs < 0; i++) {
			const char *a = old[i] ? old[i] : "", *b = vals[i] ? vals[i] : "";
			/* columns the file lacks were copied from the record; a record
			 * never changed keeps what was recorded for an empty column
			 * (a journal entry's author is the importer's login) */
			if (im->present[i] >= 0 && strcmp(a, b) != 0 && (k->update || *b))
				differs = (int)i;
		}
		if (differs < 0) {
			stats->unchanged++;
			goto out;
		}
		if (!k->update) {
			problem(im, "%s:%zu: column \"%s\": %s rows are not changed once written (it is \"%s\")",
				im->file, r->line, k->cols[differs].name, k->name,
				old[differs] ? old[differs] : "");
			goto out;
		}
		sqlite3_bind_int64(st, (int)nbind + 1, id);
	} else if (k->number_kind >= 0 && (!vals[0] || !*vals[0])) {
		char num[32];
		if (store_next_number(im->s, (enum record_kind)k->number_kind, num, sizeof num, &err) < 0) {
			problem(im, "%s:%zu: %s", im->file, r->line, err.msg);
			goto out;
		}
		sqlite3_bind_text(st, 1, num, -1, SQLITE_TRANSIENT);
	}
	if (!found && k->check && row_text(im->s, k, k->check, NULL, vals, why, sizeof why)) {
		problem(im, "%s:%zu: %s", im->file, r->line, why);
		goto out;
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		if ((sqlite3_errcode(store_db(im->s)) & 0xff) == SQLITE_CONSTRAINT) {
			constraint_why(im, found ? "updating" : "inserting", vals, why, sizeof why);
			if (k->explain) /* after constraint_why: it reads SQLite's message */
				row_text(im->s, k, k->explain, NULL, vals, why, sizeof why);
			problem(im, "%s:%zu: %s", im->file, r->line, why);
		} else {
			store_sqlerr(im->s, &err, found ? "updating" : "inserting");
			problem(im, "%s:%zu: %s", im->file, r->line, err.msg);
		}
		goto out;
	}
	if (!found)
		id = sqlite3_last_insert_rowid(store_db(im->s));
	if (set_col && im->present[k->n - 1] >= 0 &&
	    write_set(im, id, &k->cols[k->n - 1], vals[k->n - 1], r->line) < 0)
		goto out;
	if (found)
		stats->updated++;
	else
		stats->inserted++;
out:
	if (st)
		sqlite3_reset(st);
	free_vals(vals, k->n);
	free_vals(old, k->n);
}

/* Drops the kind's suspended trigger inside the import's transaction and
 * returns its CREATE statement (owned) in *sql, NULL when the schema has no
 * such trigger.  Returns 0 or -1 with err. */
static int trigger_suspend(struct store *s, const struct xfer_trigger *t, char **sql,
			   struct csm_error *err)
{
	static const char find[] = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1";
	sqlite3_stmt *st = store_stmt(s, find, err);
	int rc;

	*sql = NULL;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*sql = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading the schema");
	if (*sql && store_exec_script(s, t->drop, err) < 0) {
		free(*sql);
		*sql = NULL;
		return -1;
	}
	return 0;
}

int store_import_csv(struct store *s, const char *kind, const char *path, bool dry_run,
		     void (*report)(void *ctx, const char *msg), void *ctx,
		     struct transfer_stats *stats, struct csm_error *err)
{
	struct importer im = {.s = s, .file = path, .report = report, .ctx = ctx, .max_reports = 50};
	struct csv_in *in;
	const struct csv_row *row;
	char *trigger = NULL; /* the suspended trigger's CREATE statement */
	int rc;

	memset(stats, 0, sizeof *stats);
	im.k = kind_find(kind);
	if (!im.k)
		return csm_error_set(err, CSM_EX_USAGE, "unknown kind \"%s\"", kind);
	/* An import writes past the domain's checks: admins and managers only. */
	if (store_access_require(s, ACCESS_IMPORT, "import", err) < 0)
		return -1;
	in = csv_in_open(path, err);
	if (!in)
		return -1;
	rc = csv_in_next(in, &row, err);
	if (rc <= 0) {
		csv_in_free(&in);
		if (rc == 0)
			csm_error_set(err, CSM_EX_DATAERR, "%s: empty file: expected a header row (%s)", path,
				      transfer_kind_columns(kind));
		return -1;
	}
	if (read_header(&im, row) < 0) {
		csv_in_free(&in);
		return csm_error_set(err, CSM_EX_DATAERR, "%s: bad header; nothing imported", path);
	}
	if (store_begin(s, err) < 0) {
		csv_in_free(&in);
		return -1;
	}
	if (im.k->suspend && trigger_suspend(s, im.k->suspend, &trigger, err) < 0) {
		store_rollback(s);
		csv_in_free(&in);
		return -1;
	}
	while ((rc = csv_in_next(in, &row, err)) == 1) {
		stats->rows++;
		import_row(&im, row, stats);
	}
	csv_in_free(&in);
	if (rc < 0) {
		free(trigger);
		store_rollback(s);
		report(ctx, err->msg);
		return csm_error_set(err, CSM_EX_DATAERR, "%s: malformed CSV; nothing imported", path);
	}
	if (im.problems || dry_run) {
		free(trigger);
		store_rollback(s);
	}
	if (im.problems) {
		if (im.problems > im.max_reports) {
			char more[96];
			snprintf(more, sizeof more, "... and %zu more problems", im.problems - im.max_reports);
			report(ctx, more);
		}
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %zu problem%s; nothing imported", path,
				     im.problems, im.problems == 1 ? "" : "s");
	}
	if (dry_run)
		return 0;
	rc = trigger ? store_exec_script(s, trigger, err) : 0;
	free(trigger);
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

/* ---- export ------------------------------------------------------------ */

static void put_json_value(struct strbuf *sb, const struct xfer_col *c, sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	if (!v) {
		strbuf_adds(sb, "null");
		return;
	}
	switch (c->type) {
	case T_INT:
	case T_REAL:
		strbuf_adds(sb, v);
		break;
	case T_BOOL:
		strbuf_adds(sb, sqlite3_column_int(st, i) ? "true" : "false");
		break;
	case T_JSON:
		strbuf_adds(sb, v); /* stored valid (CHECK json_valid) */
		break;
	default:
		strbuf_add_json_str(sb, v);
	}
}

int store_export(struct store *s, const char *kind, enum export_format fmt, FILE *out,
		 struct csm_error *err)
{
	const struct xfer_kind *k = kind_find(kind);
	sqlite3_stmt *st;
	struct strbuf sb;
	const char *fields[64];
	size_t rows = 0;
	int rc;

	if (!k)
		return csm_error_set(err, CSM_EX_USAGE, "unknown kind \"%s\"", kind);
	if (!(st = store_stmt(s, k->all, err)))
		return -1;
	strbuf_init(&sb);
	if (fmt == EXPORT_CSV) {
		for (size_t i = 0; i < k->n; i++)
			fields[i] = k->cols[i].name;
		csv_put_row(out, fields, k->n);
	} else {
		fputs("[", out);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == EXPORT_CSV) {
			for (size_t i = 0; i < k->n; i++)
				fields[i] = (const char *)sqlite3_column_text(st, (int)i);
			csv_put_row(out, fields, k->n);
			continue;
		}
		strbuf_reset(&sb);
		strbuf_adds(&sb, rows ? ",\n  {" : "\n  {");
		for (size_t i = 0; i < k->n; i++) {
			strbuf_addf(&sb, "%s\"%s\": ", i ? ", " : "", k->cols[i].name);
			put_json_value(&sb, &k->cols[i], st, (int)i);
		}
		strbuf_addc(&sb, '}');
		fputs(sb.buf, out);
		rows++;
	}
	strbuf_fini(&sb);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "exporting");
	if (fmt == EXPORT_JSON)
		fputs(rows ? "\n]\n" : "]\n", out);
	if (fflush(out) != 0 || ferror(out))
		return csm_error_set(err, CSM_EX_IOERR, "writing the export failed: %s", strerror(errno));
	return 0;
}
