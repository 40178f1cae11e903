/* party_store.c - SQL for users, roles, groups, service organizations,
 * customer teams and related parties (see party_store.h). */
#include "store/party_store.h"

#include <stdlib.h>
#include <string.h>

#include "store/private.h"
#include "util/xalloc.h"

/* Appends a zeroed element to a growing array of elements of size bytes;
 * returns it.  Capacity doubles on powers of two, so no extra field. */
static void *grow(void **items, size_t *n, size_t size)
{
	char *p;

	if ((*n & (*n - 1)) == 0) /* 0, 1, 2, 4, ...: full, double it */
		*items = xrealloc(*items, size * (*n ? *n * 2 : 4));
	p = (char *)*items + size * (*n)++;
	memset(p, 0, size);
	return p;
}

/* ---- users and roles ------------------------------------------------- */

#define USER_COLS "u.id, u.login, u.name, u.email, u.phone, u.title, u.is_external, u.active, " \
		  "u.created_at"

static void user_from_row(sqlite3_stmt *st, struct user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->login = store_col_dup(st, 1);
	u->name = store_col_dup(st, 2);
	u->email = store_col_dup(st, 3);
	u->phone = store_col_dup(st, 4);
	u->title = store_col_dup(st, 5);
	u->is_external = sqlite3_column_int(st, 6) != 0;
	u->active = sqlite3_column_int(st, 7) != 0;
	u->created_at = store_col_dup(st, 8);
}

int store_user_insert(struct store *s, struct user *u, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO user(login, name, email, phone, title, is_external, active) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, u->login);
	store_bind_text(st, 2, u->name);
	store_bind_text(st, 3, u->email);
	store_bind_text(st, 4, u->phone);
	store_bind_text(st, 5, u->title);
	sqlite3_bind_int(st, 6, u->is_external);
	sqlite3_bind_int(st, 7, u->active);
	if (store_exec_stmt(s, st, err, "adding a user") < 0)
		return -1;
	u->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_user_update(struct store *s, const struct user *u, struct csm_error *err)
{
	static const char sql[] =
		"UPDATE user SET name = ?2, email = ?3, phone = ?4, title = ?5, is_external = ?6, "
		"active = ?7 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, u->id);
	store_bind_text(st, 2, u->name);
	store_bind_text(st, 3, u->email);
	store_bind_text(st, 4, u->phone);
	store_bind_text(st, 5, u->title);
	sqlite3_bind_int(st, 6, u->is_external);
	sqlite3_bind_int(st, 7, u->active);
	return store_exec_stmt(s, st, err, "updating a user");
}

static int user_get(struct store *s, sqlite3_stmt *st, struct user *out, struct csm_error *err)
{
	int rc = store_step_row(s, st, err, "reading a user");

	if (rc == 1)
		user_from_row(st, out);
	sqlite3_reset(st);
	return rc;
}

int store_user_get_by_login(struct store *s, const char *login, struct user *out,
			    struct csm_error *err)
{
	static const char sql[] = "SELECT " USER_COLS " FROM user u WHERE u.login = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, login);
	return user_get(s, st, out, err);
}

int store_user_get_by_id(struct store *s, int64_t id, struct user *out, struct csm_error *err)
{
	static const char sql[] = "SELECT " USER_COLS " FROM user u WHERE u.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return user_get(s, st, out, err);
}

/* Fills a user list from a statement's rows. */
static int users_from_rows(struct store *s, sqlite3_stmt *st, struct user_list *out,
			   struct csm_error *err)
{
	int rc;

	user_list_fini(out);
	while ((rc = store_step_row(s, st, err, "listing users")) == 1)
		user_from_row(st, grow((void **)&out->items, &out->n, sizeof *out->items));
	sqlite3_reset(st);
	if (rc < 0)
		user_list_fini(out);
	return rc < 0 ? -1 : 0;
}

int store_user_list(struct store *s, const struct page_req *page, bool with_inactive,
		    struct user_list *out, struct csm_error *err)
{
	/* The login is unique, yet the id still breaks ties so the keyset shape
	 * is the same as every other list's. */
	static const char sql[] =
		"SELECT " USER_COLS " FROM user u "
		"WHERE (?1 IS NULL OR (u.login, u.id) > (?1, ?2)) AND (?3 OR u.active) "
		"ORDER BY u.login, u.id LIMIT ?4";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, page ? page->after_key : NULL);
	sqlite3_bind_int64(st, 2, page ? page->after_id : 0);
	sqlite3_bind_int(st, 3, with_inactive);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)page_limit(page));
	return users_from_rows(s, st, out, err);
}

int store_user_roles(struct store *s, int64_t user_id, unsigned *mask, struct csm_error *err)
{
	static const char sql[] = "SELECT role FROM user_role WHERE user_id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	*mask = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = store_step_row(s, st, err, "reading roles")) == 1) {
		enum role r;
		if (role_parse((const char *)sqlite3_column_text(st, 0), &r) == 0)
			*mask |= ROLE_BIT(r);
	}
	sqlite3_reset(st);
	return rc < 0 ? -1 : 0;
}

int store_user_role_add(struct store *s, int64_t user_id, enum role r, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO user_role(user_id, role) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, role_name(r), -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, err, "granting a role");
}

int store_user_role_remove(struct store *s, int64_t user_id, enum role r, struct csm_error *err)
{
	static const char sql[] = "DELETE FROM user_role WHERE user_id = ?1 AND role = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_text(st, 2, role_name(r), -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, err, "revoking a role");
}

/* ---- assignment groups ----------------------------------------------- */

#define GROUP_COLS "g.id, g.name, g.email, g.manager_id, m.login, g.active"

static void group_from_row(sqlite3_stmt *st, struct group *g)
{
	g->id = sqlite3_column_int64(st, 0);
	g->name = store_col_dup(st, 1);
	g->email = store_col_dup(st, 2);
	g->manager_id = sqlite3_column_int64(st, 3);
	g->manager_login = store_col_dup(st, 4);
	g->active = sqlite3_column_int(st, 5) != 0;
}

int store_group_insert(struct store *s, struct group *g, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO assignment_group(name, email, manager_id, active) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, g->name);
	store_bind_text(st, 2, g->email);
	store_bind_id(st, 3, g->manager_id);
	sqlite3_bind_int(st, 4, g->active);
	if (store_exec_stmt(s, st, err, "adding a group") < 0)
		return -1;
	g->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_group_get_by_name(struct store *s, const char *name, struct group *out,
			    struct csm_error *err)
{
	static const char sql[] =
		"SELECT " GROUP_COLS " FROM assignment_group g LEFT JOIN user m ON m.id = g.manager_id "
		"WHERE g.name = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = store_step_row(s, st, err, "reading a group");
	if (rc == 1)
		group_from_row(st, out);
	sqlite3_reset(st);
	return rc;
}

int store_group_set_manager(struct store *s, int64_t group_id, int64_t manager_id,
			    struct csm_error *err)
{
	static const char sql[] = "UPDATE assignment_group SET manager_id = ?2 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, group_id);
	store_bind_id(st, 2, manager_id);
	return store_exec_stmt(s, st, err, "setting a group's manager");
}

int store_group_has_member(struct store *s, int64_t group_id, int64_t user_id,
			   struct csm_error *err)
{
	static const char sql[] = "SELECT 1 FROM group_member WHERE group_id = ?1 AND user_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, user_id);
	rc = store_step_row(s, st, err, "reading group members");
	sqlite3_reset(st);
	return rc;
}

int store_group_member_add(struct store *s, int64_t group_id, int64_t user_id,
			   struct csm_error *err)
{
	static const char sql[] = "INSERT INTO group_member(group_id, user_id) VALUES (?1, ?2)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, user_id);
	return store_exec_stmt(s, st, err, "adding a group member");
}

int store_group_member_remove(struct store *s, int64_t group_id, int64_t user_id,
			      struct csm_error *err)
{
	static const char sql[] = "DELETE FROM group_member WHERE group_id = ?1 AND user_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, group_id);
	sqlite3_bind_int64(st, 2, user_id);
	return store_exec_stmt(s, st, err, "removing a group member");
}

int store_groups_of_user(struct store *s, int64_t user_id, struct group_list *out,
			 struct csm_error *err)
{
	static const char sql[] =
		"SELECT " GROUP_COLS " FROM group_member gm "
		"JOIN assignment_group g ON g.id = gm.group_id "
		"LEFT JOIN user m ON m.id = g.manager_id "
		"WHERE gm.user_id = ?1 ORDER BY g.name";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	group_list_fini(out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	while ((rc = store_step_row(s, st, err, "listing groups")) == 1)
		group_from_row(st, grow((void **)&out->items, &out->n, sizeof *out->items));
	sqlite3_reset(st);
	if (rc < 0)
		group_list_fini(out);
	return rc < 0 ? -1 : 0;
}

int store_group_members(struct store *s, int64_t group_id, struct user_list *out,
			struct csm_error *err)
{
	static const char sql[] =
		"SELECT " USER_COLS " FROM group_member gm JOIN user u ON u.id = gm.user_id "
		"WHERE gm.group_id = ?1 ORDER BY u.login";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st) {
		user_list_fini(out);
		return -1;
	}
	sqlite3_bind_int64(st, 1, group_id);
	return users_from_rows(s, st, out, err);
}

/* ---- responsibilities ------------------------------------------------ */

int store_responsibility_find(struct store *s, const char *name, int64_t *id,
			      bool *grants_access, struct csm_error *err)
{
	static const char sql[] =
		"SELECT id, grants_access FROM responsibility WHERE name = ?1 COLLATE NOCASE "
		"ORDER BY name = ?1 DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = store_step_row(s, st, err, "reading a responsibility");
	if (rc == 1) {
		if (id)
			*id = sqlite3_column_int64(st, 0);
		if (grants_access)
			*grants_access = sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	return rc;
}

/* ---- service organizations ------------------------------------------- */

#define ORG_COLS "o.id, o.number, o.name, o.kind = 'external', o.parent_id, p.number, " \
		 "o.manager_id, m.login, o.location_id, o.active"
#define ORG_FROM "service_organization o LEFT JOIN service_organization p ON p.id = o.parent_id " \
		 "LEFT JOIN user m ON m.id = o.manager_id "

static int org_get(struct store *s, sqlite3_stmt *st, struct service_org *o,
		   struct csm_error *err)
{
	int rc = store_step_row(s, st, err, "reading a service organization");

	if (rc == 1) {
		o->id = sqlite3_column_int64(st, 0);
		o->number = store_col_dup(st, 1);
		o->name = store_col_dup(st, 2);
		o->is_external = sqlite3_column_int(st, 3) != 0;
		o->parent_id = sqlite3_column_int64(st, 4);
		o->parent_number = store_col_dup(st, 5);
		o->manager_id = sqlite3_column_int64(st, 6);
		o->manager_login = store_col_dup(st, 7);
		o->location_id = sqlite3_column_int64(st, 8);
		o->active = sqlite3_column_int(st, 9) != 0;
	}
	sqlite3_reset(st);
	return rc;
}

int store_service_org_insert(struct store *s, struct service_org *o, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO service_organization(number, name, kind, parent_id, manager_id, "
		"location_id, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, o->number);
	store_bind_text(st, 2, o->name);
	sqlite3_bind_text(st, 3, o->is_external ? "external" : "internal", -1, SQLITE_STATIC);
	store_bind_id(st, 4, o->parent_id);
	store_bind_id(st, 5, o->manager_id);
	store_bind_id(st, 6, o->location_id);
	sqlite3_bind_int(st, 7, o->active);
	if (store_exec_stmt(s, st, err, "adding a service organization") < 0)
		return -1;
	o->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_service_org_get_by_number(struct store *s, const char *number, struct service_org *out,
				    struct csm_error *err)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM " ORG_FROM "WHERE o.number = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	return org_get(s, st, out, err);
}

int store_service_org_get_by_id(struct store *s, int64_t id, struct service_org *out,
				struct csm_error *err)
{
	static const char sql[] = "SELECT " ORG_COLS " FROM " ORG_FROM "WHERE o.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return org_get(s, st, out, err);
}

int store_service_org_is_within(struct store *s, int64_t org_id, int64_t ancestor_id,
				struct csm_error *err)
{
	/* path is '/1/7/42/': ancestors and self */
	static const char sql[] =
		"SELECT 1 FROM service_organization o WHERE o.id = ?1 "
		"AND instr(o.path, '/' || ?2 || '/') > 0";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, ancestor_id);
	rc = store_step_row(s, st, err, "reading service organizations");
	sqlite3_reset(st);
	return rc;
}

int store_service_org_set_parent(struct store *s, int64_t id, int64_t parent_id,
				 struct csm_error *err)
{
	static const char set[] = "UPDATE service_organization SET parent_id = ?2 WHERE id = ?1";
	/* The schema keeps paths on insert only; a move rewrites the subtree's
	 * prefix here, in the caller's transaction. */
	static const char paths[] =
		"UPDATE service_organization SET path = "
		"  COALESCE((SELECT p.path FROM service_organization p WHERE p.id = ?2), '/') "
		"  || ?1 || '/' || substr(path, length(?3) + 1) "
		"WHERE path >= ?3 AND path < ?3 || x'7f'";
	static const char old[] = "SELECT path FROM service_organization WHERE id = ?1";
	sqlite3_stmt *st;
	char *old_path = NULL;
	int rc = -1;

	if (!(st = store_stmt(s, old, err)))
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (store_step_row(s, st, err, "reading a service organization") == 1)
		old_path = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (!old_path)
		return csm_error_set(err, CSM_EX_NOINPUT, "no service organization with id %lld",
				     (long long)id);
	if (!(st = store_stmt(s, set, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	store_bind_id(st, 2, parent_id);
	if (store_exec_stmt(s, st, err, "moving a service organization") < 0)
		goto out;
	if (!(st = store_stmt(s, paths, err)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	store_bind_id(st, 2, parent_id);
	sqlite3_bind_text(st, 3, old_path, -1, SQLITE_TRANSIENT);
	rc = store_exec_stmt(s, st, err, "moving a service organization");
out:
	free(old_path);
	return rc;
}

int store_service_org_member_set(struct store *s, int64_t org_id, int64_t user_id,
				 int64_t responsibility_id, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO service_org_member(org_id, user_id, responsibility_id) VALUES (?1, ?2, ?3) "
		"ON CONFLICT(org_id, user_id) DO UPDATE SET responsibility_id = excluded.responsibility_id";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, user_id);
	store_bind_id(st, 3, responsibility_id);
	return store_exec_stmt(s, st, err, "adding a service organization member");
}

int store_service_org_member_remove(struct store *s, int64_t org_id, int64_t user_id,
				    bool *removed, struct csm_error *err)
{
	static const char sql[] = "DELETE FROM service_org_member WHERE org_id = ?1 AND user_id = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	sqlite3_bind_int64(st, 2, user_id);
	if (store_exec_stmt(s, st, err, "removing a service organization member") < 0)
		return -1;
	if (removed)
		*removed = sqlite3_changes(store_db(s)) > 0;
	return 0;
}

/* Columns of a team_member row, in team_from_row()'s order. */
static void team_from_row(sqlite3_stmt *st, struct team_member *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->user_id = sqlite3_column_int64(st, 1);
	m->login = store_col_dup(st, 2);
	m->user_name = store_col_dup(st, 3);
	m->responsibility = store_col_dup(st, 4);
	m->customer_number = store_col_dup(st, 5);
	m->customer_name = store_col_dup(st, 6);
}

static int team_from_rows(struct store *s, sqlite3_stmt *st, struct team_member_list *out,
			  struct csm_error *err)
{
	int rc;

	while ((rc = store_step_row(s, st, err, "listing members")) == 1)
		team_from_row(st, grow((void **)&out->items, &out->n, sizeof *out->items));
	sqlite3_reset(st);
	if (rc < 0)
		team_member_list_fini(out);
	return rc < 0 ? -1 : 0;
}

int store_service_org_members(struct store *s, int64_t org_id, struct team_member_list *out,
			      struct csm_error *err)
{
	static const char sql[] =
		"SELECT m.id, m.user_id, u.login, u.name, r.name, o.number, o.name "
		"FROM service_org_member m JOIN user u ON u.id = m.user_id "
		"JOIN service_organization o ON o.id = m.org_id "
		"LEFT JOIN responsibility r ON r.id = m.responsibility_id "
		"WHERE m.org_id = ?1 ORDER BY u.login";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	team_member_list_fini(out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, org_id);
	return team_from_rows(s, st, out, err);
}

/* ---- customer teams -------------------------------------------------- */

int store_team_customer_find(struct store *s, enum team_customer kind, const char *number,
			     int64_t *id, struct csm_error *err)
{
	static const char *const sql[] = {
		[TEAM_ACCOUNT] = "SELECT id FROM account WHERE number = ?1",
		[TEAM_CONSUMER] = "SELECT id FROM consumer WHERE number = ?1",
		[TEAM_HOUSEHOLD] = "SELECT id FROM household WHERE number = ?1",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	rc = store_step_row(s, st, err, "looking up a customer");
	if (rc == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

int store_team_member_exists(struct store *s, enum team_customer kind, int64_t customer_id,
			     int64_t user_id, int64_t responsibility_id, struct csm_error *err)
{
	static const char *const sql[] = {
		[TEAM_ACCOUNT] = "SELECT 1 FROM customer_team_member WHERE account_id = ?1 "
				 "AND user_id = ?2 AND responsibility_id = ?3",
		[TEAM_CONSUMER] = "SELECT 1 FROM customer_team_member WHERE consumer_id = ?1 "
				  "AND user_id = ?2 AND responsibility_id = ?3",
		[TEAM_HOUSEHOLD] = "SELECT 1 FROM customer_team_member WHERE household_id = ?1 "
				   "AND user_id = ?2 AND responsibility_id = ?3",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, responsibility_id);
	rc = store_step_row(s, st, err, "reading a customer team");
	sqlite3_reset(st);
	return rc;
}

int store_team_member_add(struct store *s, enum team_customer kind, int64_t customer_id,
			  int64_t user_id, int64_t responsibility_id, int64_t *id,
			  struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.customer_team_member(user_id, account_id, consumer_id, household_id, "
		"responsibility_id) VALUES (?1, ?2, ?3, ?4, ?5)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, user_id);
	store_bind_id(st, 2, kind == TEAM_ACCOUNT ? customer_id : 0);
	store_bind_id(st, 3, kind == TEAM_CONSUMER ? customer_id : 0);
	store_bind_id(st, 4, kind == TEAM_HOUSEHOLD ? customer_id : 0);
	sqlite3_bind_int64(st, 5, responsibility_id);
	if (store_exec_stmt(s, st, err, "adding a customer team member") < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_team_member_remove(struct store *s, enum team_customer kind, int64_t customer_id,
			     int64_t user_id, int64_t responsibility_id, int *removed,
			     struct csm_error *err)
{
	static const char *const sql[] = {
		[TEAM_ACCOUNT] = "DELETE FROM main.customer_team_member WHERE account_id = ?1 "
				 "AND user_id = ?2 AND (?3 IS NULL OR responsibility_id = ?3)",
		[TEAM_CONSUMER] = "DELETE FROM main.customer_team_member WHERE consumer_id = ?1 "
				  "AND user_id = ?2 AND (?3 IS NULL OR responsibility_id = ?3)",
		[TEAM_HOUSEHOLD] = "DELETE FROM main.customer_team_member WHERE household_id = ?1 "
				   "AND user_id = ?2 AND (?3 IS NULL OR responsibility_id = ?3)",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, customer_id);
	sqlite3_bind_int64(st, 2, user_id);
	store_bind_id(st, 3, responsibility_id);
	if (store_exec_stmt(s, st, err, "removing a customer team member") < 0)
		return -1;
	if (removed)
		*removed = sqlite3_changes(store_db(s));
	return 0;
}

#define TEAM_SELECT                                                                           \
	"SELECT m.id, m.user_id, u.login, u.name, r.name, "                                   \
	"COALESCE(a.number, c.number, h.number), "                                            \
	"COALESCE(a.name, h.name, trim(COALESCE(c.first_name || ' ', '') || c.last_name)) "   \
	"FROM customer_team_member m JOIN user u ON u.id = m.user_id "                        \
	"JOIN responsibility r ON r.id = m.responsibility_id "                                \
	"LEFT JOIN account a ON a.id = m.account_id "                                         \
	"LEFT JOIN consumer c ON c.id = m.consumer_id "                                       \
	"LEFT JOIN household h ON h.id = m.household_id "

int store_team_list(struct store *s, enum team_customer kind, int64_t customer_id,
		    struct team_member_list *out, struct csm_error *err)
{
	static const char *const sql[] = {
		[TEAM_ACCOUNT] = TEAM_SELECT "WHERE m.account_id = ?1 ORDER BY r.name, u.login",
		[TEAM_CONSUMER] = TEAM_SELECT "WHERE m.consumer_id = ?1 ORDER BY r.name, u.login",
		[TEAM_HOUSEHOLD] = TEAM_SELECT "WHERE m.household_id = ?1 ORDER BY r.name, u.login",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);

	team_member_list_fini(out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, customer_id);
	return team_from_rows(s, st, out, err);
}

/* ---- related party types --------------------------------------------- */

#define TYPE_SELECT                                                                  \
	"SELECT t.id, t.name, t.applies_to, t.party_kind, t.responsibility_id, r.name, "     \
	"COALESCE(r.grants_access, 0), t.description "                                       \
	"FROM related_party_type t LEFT JOIN responsibility r ON r.id = t.responsibility_id "

static void type_from_row(sqlite3_stmt *st, struct related_party_type *t)
{
	t->id = sqlite3_column_int64(st, 0);
	t->name = store_col_dup(st, 1);
	host_kind_parse((const char *)sqlite3_column_text(st, 2), &t->applies_to);
	party_kind_parse((const char *)sqlite3_column_text(st, 3), &t->party_kind);
	t->responsibility_id = sqlite3_column_int64(st, 4);
	t->responsibility = store_col_dup(st, 5);
	t->grants_access = sqlite3_column_int(st, 6) != 0;
	t->description = store_col_dup(st, 7);
}

int store_rp_type_list(struct store *s, enum host_kind kind, bool all,
		       struct related_party_type_list *out, struct csm_error *err)
{
	/* Host kinds in their enum order: case, sold product, install base. */
	static const char sql[] =
		TYPE_SELECT "WHERE ?1 IS NULL OR t.applies_to = ?1 "
		"ORDER BY CASE t.applies_to WHEN 'case' THEN 0 WHEN 'sold_product' THEN 1 ELSE 2 END, "
		"t.name COLLATE NOCASE";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	related_party_type_list_fini(out);
	if (!st)
		return -1;
	store_bind_text(st, 1, all ? NULL : host_kind_name(kind));
	while ((rc = store_step_row(s, st, err, "listing related party types")) == 1)
		type_from_row(st, grow((void **)&out->items, &out->n, sizeof *out->items));
	sqlite3_reset(st);
	if (rc < 0)
		related_party_type_list_fini(out);
	return rc < 0 ? -1 : 0;
}

int store_rp_type_get(struct store *s, enum host_kind kind, const char *name,
		      struct related_party_type *out, struct csm_error *err)
{
	/* An exact spelling wins over a case-insensitive match. */
	static const char sql[] =
		TYPE_SELECT "WHERE t.applies_to = ?1 AND t.name = ?2 COLLATE NOCASE "
		"ORDER BY t.name = ?2 DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, host_kind_name(kind), -1, SQLITE_STATIC);
	store_bind_text(st, 2, name);
	rc = store_step_row(s, st, err, "reading a related party type");
	if (rc == 1)
		type_from_row(st, out);
	sqlite3_reset(st);
	return rc;
}

/* ---- related parties ------------------------------------------------- */

int store_rp_host_find(struct store *s, enum host_kind kind, const char *number, int64_t *id,
		       char **state, struct csm_error *err)
{
	static const char *const sql[HOST_KIND_COUNT] = {
		[HOST_CASE] = "SELECT id, state FROM cases WHERE number = ?1",
		[HOST_SOLD_PRODUCT] = "SELECT id, NULL FROM sold_product WHERE number = ?1",
		[HOST_INSTALL_BASE] = "SELECT id, NULL FROM install_base_item WHERE number = ?1",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);
	int rc;

	if (state)
		*state = NULL;
	if (!st)
		return -1;
	store_bind_text(st, 1, number);
	rc = store_step_row(s, st, err, "looking up a record");
	if (rc == 1) {
		*id = sqlite3_column_int64(st, 0);
		if (state)
			*state = store_col_dup(st, 1);
	}
	sqlite3_reset(st);
	return rc;
}

int store_rp_party_find(struct store *s, enum party_kind kind, const char *key, int64_t *id,
			struct csm_error *err)
{
	static const char *const sql[PARTY_KIND_COUNT] = {
		[PARTY_CONTACT] = "SELECT id FROM contact WHERE number = ?1",
		[PARTY_CONSUMER] = "SELECT id FROM consumer WHERE number = ?1",
		[PARTY_USER] = "SELECT id FROM user WHERE login = ?1",
		[PARTY_ACCOUNT] = "SELECT id FROM account WHERE number = ?1",
		[PARTY_SERVICE_ORG] = "SELECT id FROM service_organization WHERE number = ?1",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, key);
	rc = store_step_row(s, st, err, "looking up a party");
	if (rc == 1)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

int store_related_party_insert(struct store *s, struct related_party *rp, struct csm_error *err)
{
	static const char sql[] =
		"INSERT INTO main.related_party(type_id, case_id, sold_product_id, install_base_item_id, "
		"contact_id, consumer_id, user_id, account_id, service_org_id, responsibility_id, "
		"relationship_name, sort_order) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rp->type_id);
	/* ?2..?4 are the host columns, ?5..?9 the party columns, in enum order */
	for (int k = 0; k < HOST_KIND_COUNT; k++)
		store_bind_id(st, 2 + k, rp->host_kind == (enum host_kind)k ? rp->host_id : 0);
	for (int k = 0; k < PARTY_KIND_COUNT; k++)
		store_bind_id(st, 5 + k, rp->party_kind == (enum party_kind)k ? rp->party_id : 0);
	store_bind_id(st, 10, rp->responsibility_id);
	store_bind_text(st, 11, rp->relationship_name);
	sqlite3_bind_int(st, 12, rp->sort_order);
	if (store_exec_stmt(s, st, err, "adding a related party") < 0)
		return -1;
	rp->id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int store_related_party_update(struct store *s, const struct related_party *rp,
			       struct csm_error *err)
{
	static const char sql[] =
		"UPDATE main.related_party SET responsibility_id = ?2, relationship_name = ?3, "
		"sort_order = ?4 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, rp->id);
	store_bind_id(st, 2, rp->responsibility_id);
	store_bind_text(st, 3, rp->relationship_name);
	sqlite3_bind_int(st, 4, rp->sort_order);
	return store_exec_stmt(s, st, err, "changing a related party");
}

int store_related_party_delete(struct store *s, int64_t id, struct csm_error *err)
{
	static const char sql[] = "DELETE FROM main.related_party WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_exec_stmt(s, st, err, "removing a related party");
}

#define RP_SELECT                                                                              \
	"SELECT rp.id, CASE WHEN rp.case_id IS NOT NULL THEN 0 "                                 \
	"  WHEN rp.sold_product_id IS NOT NULL THEN 1 ELSE 2 END, "                              \
	"COALESCE(rp.case_id, rp.sold_product_id, rp.install_base_item_id), "                    \
	"COALESCE(c.number, sp.number, ib.number), rp.type_id, t.name, "                         \
	"CASE WHEN rp.contact_id IS NOT NULL THEN 0 WHEN rp.consumer_id IS NOT NULL THEN 1 "     \
	"  WHEN rp.user_id IS NOT NULL THEN 2 WHEN rp.account_id IS NOT NULL THEN 3 ELSE 4 END, " \
	"COALESCE(rp.contact_id, rp.consumer_id, rp.user_id, rp.account_id, rp.service_org_id), " \
	"COALESCE(ct.number, cn.number, u.login, a.number, so.number), "                         \
	"CASE WHEN ct.id IS NOT NULL THEN trim(COALESCE(ct.first_name || ' ', '') || ct.last_name) " \
	"  WHEN cn.id IS NOT NULL THEN trim(COALESCE(cn.first_name || ' ', '') || cn.last_name) " \
	"  WHEN u.id IS NOT NULL THEN u.name WHEN a.id IS NOT NULL THEN a.name ELSE so.name END, " \
	"rp.responsibility_id, r.name, COALESCE(r.grants_access, 0), "                           \
	"COALESCE(a.restrict_contact_access, 0), rp.relationship_name, rp.sort_order "           \
	"FROM related_party rp JOIN related_party_type t ON t.id = rp.type_id "                  \
	"LEFT JOIN cases c ON c.id = rp.case_id "                                                \
	"LEFT JOIN sold_product sp ON sp.id = rp.sold_product_id "                               \
	"LEFT JOIN install_base_item ib ON ib.id = rp.install_base_item_id "                     \
	"LEFT JOIN contact ct ON ct.id = rp.contact_id "                                         \
	"LEFT JOIN consumer cn ON cn.id = rp.consumer_id "                                       \
	"LEFT JOIN user u ON u.id = rp.user_id "                                                 \
	"LEFT JOIN account a ON a.id = rp.account_id "                                           \
	"LEFT JOIN service_organization so ON so.id = rp.service_org_id "                        \
	"LEFT JOIN responsibility r ON r.id = rp.responsibility_id "

static void rp_from_row(sqlite3_stmt *st, struct related_party *rp)
{
	rp->id = sqlite3_column_int64(st, 0);
	rp->host_kind = (enum host_kind)sqlite3_column_int(st, 1);
	rp->host_id = sqlite3_column_int64(st, 2);
	rp->host_number = store_col_dup(st, 3);
	rp->type_id = sqlite3_column_int64(st, 4);
	rp->type_name = store_col_dup(st, 5);
	rp->party_kind = (enum party_kind)sqlite3_column_int(st, 6);
	rp->party_id = sqlite3_column_int64(st, 7);
	rp->party_number = store_col_dup(st, 8);
	rp->party_name = store_col_dup(st, 9);
	rp->responsibility_id = sqlite3_column_int64(st, 10);
	rp->responsibility = store_col_dup(st, 11);
	rp->grants_access = sqlite3_column_int(st, 12) != 0;
	rp->restricts_contacts = sqlite3_column_int(st, 13) != 0;
	rp->relationship_name = store_col_dup(st, 14);
	rp->sort_order = sqlite3_column_int(st, 15);
}

int store_related_party_get(struct store *s, int64_t id, struct related_party *out,
			    struct csm_error *err)
{
	static const char sql[] = RP_SELECT "WHERE rp.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = store_step_row(s, st, err, "reading a related party");
	if (rc == 1)
		rp_from_row(st, out);
	sqlite3_reset(st);
	return rc;
}

int store_related_party_list(struct store *s, enum host_kind kind, int64_t host_id,
			     struct related_party_list *out, struct csm_error *err)
{
	static const char *const sql[HOST_KIND_COUNT] = {
		[HOST_CASE] = RP_SELECT "WHERE rp.case_id = ?1 ORDER BY rp.sort_order, rp.id",
		[HOST_SOLD_PRODUCT] =
			RP_SELECT "WHERE rp.sold_product_id = ?1 ORDER BY rp.sort_order, rp.id",
		[HOST_INSTALL_BASE] =
			RP_SELECT "WHERE rp.install_base_item_id = ?1 ORDER BY rp.sort_order, rp.id",
	};
	sqlite3_stmt *st = store_stmt(s, sql[kind], err);
	int rc;

	related_party_list_fini(out);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, host_id);
	while ((rc = store_step_row(s, st, err, "listing related parties")) == 1)
		rp_from_row(st, grow((void **)&out->items, &out->n, sizeof *out->items));
	sqlite3_reset(st);
	if (rc < 0)
		related_party_list_fini(out);
	return rc < 0 ? -1 : 0;
}
