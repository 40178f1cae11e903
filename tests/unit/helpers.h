/* helpers.h - shared by the unit tests: temporary database files. */
#ifndef CSM_TESTS_HELPERS_H
#define CSM_TESTS_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config/config.h"
#include "store/store.h"

/* A fresh temporary database file of the given model (schema applied,
 * business model recorded, actor "tester").  path receives the file name
 * (at least 256 bytes).  Fails the test on error. */
struct store *test_store_new(char *path, enum business_model model);

/* Closes the store and removes the file and its -wal/-shm. */
void test_store_free(struct store **s, const char *path);

/* Runs a SQL query that returns one integer (tests only). */
long long test_query_int(struct store *s, const char *sql);
/* Runs a SQL query that returns one text; owned result or NULL. */
char *test_query_text(struct store *s, const char *sql);
/* Acts as login on s, as csm does for the operating-system login
 * (identity_open(): the access layer then shows and allows only that
 * user's share).  Fails the test on error. */
void test_act_as(struct store *s, const char *login);
/* Executes SQL, failing the test on error. */
void test_exec(struct store *s, const char *sql);

#endif
