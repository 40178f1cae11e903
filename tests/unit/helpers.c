#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "domain/identity.h"
#include "store/access.h"
#include "store/private.h"
#include "util/xalloc.h"

struct store *test_store_new(char *path, enum business_model model)
{
	static int counter;
	struct csm_error err = {0};
	struct store *s;
	const char *tmp = getenv("TMPDIR");

	snprintf(path, 256, "%s/csm-test-%ld-%d.db", tmp && *tmp ? tmp : "/tmp", (long)getpid(),
		 ++counter);
	unlink(path);
	s = store_open(path, STORE_CREATE, &err);
	if (!s)
		fail_msg("store_open(%s): %s", path, err.msg);
	store_set_actor(s, "tester", NULL);
	if (store_setting_set(s, "business_model", config_model_name(model), &err) < 0)
		fail_msg("setting business_model: %s", err.msg);
	return s;
}

void test_store_free(struct store **s, const char *path)
{
	char side[300];

	store_free(s);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

long long test_query_int(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	long long v = 0;

	/* as store_stmt() does: the acting user's view of the data as of now */
	store_access_refresh(s, NULL);
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(store_db(s)));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *test_query_text(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	char *v = NULL;

	/* as store_stmt() does: the acting user's view of the data as of now */
	store_access_refresh(s, NULL);
	if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("prepare %s: %s", sql, sqlite3_errmsg(store_db(s)));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

void test_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK) {
		fail_msg("exec %s: %s", sql, msg);
		sqlite3_free(msg);
	}
}

void test_act_as(struct store *s, const char *login)
{
	struct identity id;
	struct csm_error err = {0};

	if (identity_open(s, login, NULL, &id, &err) < 0)
		fail_msg("acting as %s: %s", login, err.msg);
	identity_fini(&id);
}
