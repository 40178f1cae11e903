/* fuzz_common.c - see fuzz_common.h. */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "domain/domain.h"
#include "store/transfer.h"

static int scratch_fd = -1;
static char scratch_path[64];
static char db_dir[256];
static char db_path[300];
static struct store *db;

static void die(const char *what, const char *why)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, why);
	abort();
}

const char *fuzz_input_path(const uint8_t *data, size_t size)
{
	if (scratch_fd < 0) {
		scratch_fd = memfd_create("csm-fuzz-input", 0);
		if (scratch_fd < 0)
			die("memfd_create", "failed");
		snprintf(scratch_path, sizeof scratch_path, "/proc/self/fd/%d", scratch_fd);
	}
	if (ftruncate(scratch_fd, 0) != 0 ||
	    (size && pwrite(scratch_fd, data, size, 0) != (ssize_t)size))
		die("writing the scratch file", "failed");
	return scratch_path;
}

void fuzz_ignore_report(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

/* Records for the lookup and for references in imported rows: names with
 * quotes, diacritics and FTS5 operator words, phones in several formats. */
static const struct {
	const char *kind;
	const char *csv;
} seed[] = {
	{"user", "login,name,email,roles\r\n"
		 "agent1,Ada Agent,ada@example.com,agent\r\n"
		 "boss,\"O'Neil, Pat\",pat@example.com,manager admin\r\n"},
	{"location", "key,name,type,city,country\r\n"
		     "L1,Head office,site,Zürich,CH\r\n"
		     "L2,\"Branch \"\"North\"\"\",building,Oslo,NO\r\n"},
	{"account", "number,name,code,phone,active\r\n"
		    "ACCT0000001,Acme Corp,ACME,+44 20 7946 0958,1\r\n"
		    "ACCT0000002,\"Müller & Söhne \"\"GmbH\"\"\",MUELLER,(030) 123-4567,1\r\n"
		    "ACCT0000003,NEAR OR AND NOT Corp,NEAR,555 0100,0\r\n"
		    "ACCT0000004,*star* (paren) ^caret,STAR,,1\r\n"},
	{"contact", "number,account,first_name,last_name,email,phone,login\r\n"
		    "CT0000001,ACCT0000001,Jane,Doe,jane.doe@acme.example,+1 (555) 010-0199,\r\n"
		    "CT0000002,ACCT0000002,Jürgen,Müller,j@mueller.example,0049 30 1234567,agent1\r\n"},
	{"consumer", "number,first_name,last_name,email,mobile_phone\r\n"
		     "CON0000001,Zoë,Ångström,zoe@example.org,07700 900123\r\n"
		     "CON0000002,李,小龙,li@example.cn,+86 10 1234 5678\r\n"},
	{"install_base", "number,name,product,serial_number,account,location,state\r\n"
			 "IB0000001,Router lobby,AVM-7590AX,\"SN-0001-\"\"Q\"\"\",ACCT0000001,L1,in_use\r\n"},
	{"case", "number,short_description,state,priority,channel,account,contact\r\n"
		 "CS0000001,\"Router \"\"keeps\"\" rebooting\",new,2,phone,ACCT0000001,CT0000001\r\n"
		 "CS0000042,No dial tone NEAR(a b),open,4,email,ACCT0000002,CT0000002\r\n"},
};

static void cleanup(void)
{
	char side[320];

	store_free(&db);
	if (!db_path[0])
		return;
	unlink(db_path);
	snprintf(side, sizeof side, "%s-wal", db_path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db_path);
	unlink(side);
	rmdir(db_dir);
}

static void print_report(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "fuzz: seed: %s\n", msg);
}

struct store *fuzz_store(void)
{
	struct csm_error err = {0};
	struct transfer_stats st;
	const char *tmp = getenv("TMPDIR");

	if (db)
		return db;
	snprintf(db_dir, sizeof db_dir, "%s/csm-fuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(db_dir))
		die(db_dir, "cannot make a temporary directory");
	snprintf(db_path, sizeof db_path, "%s/fuzz.db", db_dir);
	atexit(cleanup);
	db = store_open(db_path, STORE_CREATE, &err);
	if (!db)
		die("store_open", err.msg);
	store_set_actor(db, "fuzzer", NULL);
	if (domain_setup_database(db, MODEL_B2B2C, "telecom", &err) < 0)
		die("setting up the database", err.msg);
	for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++) {
		const char *path = fuzz_input_path((const uint8_t *)seed[i].csv, strlen(seed[i].csv));
		if (store_import_csv(db, seed[i].kind, path, false, print_report, NULL, &st, &err) < 0)
			die(seed[i].kind, err.msg);
	}
	return db;
}
