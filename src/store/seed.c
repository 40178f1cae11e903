/* seed.c - deterministic demo data for `csm seed` and the demo database.
 *
 * Everything is generated in memory order from one splitmix64 stream, and
 * the ids the later rows need (sites, contacts, sold products, ...) are kept
 * in arrays rather than looked up again, so the seed runs as one stream of
 * cached INSERTs inside one transaction.  Record numbers are counted here
 * and record_counter is set at the end, so later numbers never collide. */
#include "store/seed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/install_base_store.h"
#include "store/private.h"
#include "store/search.h"
#include "store/seed_data.h"
#include "util/clock.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- the generator's state --------------------------------------------- */

/* A customer site with the locations below it where items stand. */
struct site {
	int64_t id;         /* location id of the site */
	int64_t leaves[8];  /* innermost sublocations (or the site itself) */
	int n_leaves;
	char *name;         /* owned; fills {site} in item names */
};

struct account {
	int64_t id;
	int country;         /* index into seed_countries */
	char *name;          /* owned */
	char *short_name;    /* owned: the company root, fills {company} */
	char *domain;        /* owned: e-mail domain of the account's company */
	char *path;          /* owned: '/top/.../id/' (the seed writes it) */
	size_t first_contact; /* index into seeder.contacts */
	int n_contacts;
	size_t first_site;   /* index into seeder.sites */
	int n_sites;
};

struct consumer {
	int64_t id;
	int country;
	int household;       /* index of the household it lives in, or -1 */
	int account;         /* b2b2c: linked account index, or -1 */
	size_t site;         /* index into seeder.sites of its home, or SIZE_MAX */
	char *last;          /* owned: family name, fills {company} */
};

struct household {
	int64_t id;
	int head;            /* consumer index */
	size_t site;         /* home */
};

/* Something a case can be about: an owner with an item and what was sold. */
struct target {
	int64_t account_id, contact_id, consumer_id, household_id;
	int account, consumer;  /* indexes or -1, for related parties */
	int64_t item_id;      /* an active install base item, or 0 */
	int64_t product_id, asset_id, sold_product_id;
	int64_t contract_id, entitlement_id;  /* an active covering contract, or 0 */
};

struct party_type {
	int64_t id;
	char applies_to;  /* 'c' case, 's' sold product, 'i' install base item */
	char kind;        /* 'c' contact, 'n' consumer, 'u' user, 'a' account, 'o' service org */
	int64_t responsibility_id;
	char *name;       /* owned */
	bool used;
};

enum { N_GROUPS = 4, N_ORGS = 5, MAX_USERS = 32 };

/* The shape of the data: scale 1 is the demo; each step of scale above it
 * adds one unit, shaped like a large installed base (people and cases many
 * per account, locations few: a subsidiary works at its parent's site), so
 * that scale 1000 gives about 100k accounts, 1M contacts, 1M consumers, 2M
 * install base items, 1M cases and 150k locations.  The demo's own rows
 * keep the demo's rules (the indexes below DEMO_*), so scale 1 is the same
 * at every size of unit. */
enum {
	DEMO_ACCOUNTS = 30, UNIT_ACCOUNTS = 100,
	DEMO_CONSUMERS = 300, UNIT_CONSUMERS = 1000,
	DEMO_HOUSEHOLDS = 100, UNIT_HOUSEHOLDS = 50,
	DEMO_ALONE = 50,         /* consumers living alone with the demo's rule */
	DEMO_ITEMS = 3000, UNIT_ITEMS = 2000,
	DEMO_CASES = 500, UNIT_CASES = 1000,
};

/* demo + (scale - 1) * unit */
static long shaped(unsigned scale, long demo, long unit)
{
	return demo + (long)(scale - 1) * unit;
}

/* An index or trigger bulk mode drops for the load (bulk_schema_sql). */
struct bulk_index {
	bool trigger; /* a trigger, else an index */
	bool made;    /* made again already */
	char *name;   /* owned */
	char *table;  /* owned: the table it is on */
	char *sql;    /* owned: its CREATE statement */
};

struct seeder {
	struct store *s;
	const struct industry *ind;
	enum business_model model;
	bool accounts_on, consumers_on;  /* which customers the model has */
	unsigned scale;
	uint64_t rng;                     /* splitmix64 state */
	struct csm_error *err;
	struct search_build *build;       /* bulk mode: fills the search index beside the load */
	struct bulk_index *bulk;          /* bulk mode: the indexes and triggers dropped */
	size_t n_bulk;
	const struct seed_options *opt;
	time_t now;
	long long next[REC_KIND_COUNT];   /* next record number per kind */

	int64_t city[40];                 /* location ids: country*4 + region*2 + k */
	int64_t *product_ids;             /* per ind->products index */
	int64_t resp_account_mgr, resp_relationship_mgr, resp_support_mgr, resp_primary_agent,
		resp_technician;

	int64_t users[MAX_USERS];         /* by index into the user table below */
	int64_t agents[16];               /* internal agents */
	int n_agents;
	int64_t managers[4];
	int n_managers;
	int64_t contributors[4];          /* internal and external contributors */
	int n_contributors;
	int64_t groups[N_GROUPS];
	int64_t members[N_GROUPS][8];     /* user ids per group */
	int n_members[N_GROUPS];
	int64_t orgs[N_ORGS];

	struct site *sites;
	size_t n_sites, cap_sites;
	struct account *accts;
	int n_accts;
	int64_t *contacts;
	size_t n_contacts, cap_contacts;
	struct consumer *cons;
	int n_cons;
	struct household *hhs;
	int n_hhs;
	struct target *targets;
	size_t n_targets, cap_targets;
	struct party_type *ptypes;
	size_t n_ptypes;

	struct strbuf sb;                 /* scratch for JSON and descriptions */
	long long items;                  /* install base items made so far */

	/* Tree paths are written here, not by the per-row triggers (off in
	 * bulk mode): ids are given out from these, after the existing rows. */
	int64_t loc_base, loc_next;       /* first location id of the seed, next one */
	char **loc_paths;                 /* path of location loc_base + i */
	int *loc_depths;                  /* its depth */
	size_t cap_locs;
	int64_t acct_next;                /* next account id */
	int64_t item_next;                /* next install base item id */
};

/* ---- small helpers ------------------------------------------------------ */

static uint64_t rnd(struct seeder *sd)
{
	uint64_t z = (sd->rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* 0 .. n-1 */
static long below(struct seeder *sd, long n)
{
	return n <= 1 ? 0 : (long)(rnd(sd) % (uint64_t)n);
}

static long between(struct seeder *sd, long lo, long hi)
{
	return lo + below(sd, hi - lo + 1);
}

static bool chance(struct seeder *sd, int percent)
{
	return below(sd, 100) < percent;
}

#define PICK(sd, arr, n) ((arr)[below((sd), (long)(n))])

static void date_at(const struct seeder *sd, long days, char out[16])
{
	time_t t = sd->now + (time_t)days * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static void stamp_at(const struct seeder *sd, long seconds, char out[24])
{
	time_t t = sd->now + (time_t)seconds;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static const char *const counter_names[REC_KIND_COUNT] = {
	[REC_CASE] = "case", [REC_ACCOUNT] = "account", [REC_CONTACT] = "contact",
	[REC_CONSUMER] = "consumer", [REC_HOUSEHOLD] = "household",
	[REC_SOLD_PRODUCT] = "sold_product", [REC_INSTALL_BASE] = "install_base_item",
	[REC_CONTRACT] = "contract", [REC_SERVICE_ORG] = "service_organization",
	[REC_TASK] = "case_task",
};

static void number(struct seeder *sd, enum record_kind kind, char out[32])
{
	snprintf(out, 32, "%s%07lld", store_prefix(sd->s, kind), sd->next[kind]++);
}

static sqlite3_stmt *prep(struct seeder *sd, const char *sql)
{
	return store_stmt(sd->s, sql, sd->err);
}

/* Runs an INSERT; returns the new rowid, or -1 with err naming what. */
static int64_t insert(struct seeder *sd, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	while (rc == SQLITE_ROW)  /* RETURNING */
		rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		store_sqlerr(sd->s, sd->err, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return sqlite3_last_insert_rowid(store_db(sd->s));
}

/* Runs an INSERT ... RETURNING id (upserts); the id or -1. */
static int64_t returning(struct seeder *sd, sqlite3_stmt *st, const char *what)
{
	int64_t id = -1;

	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	if (id < 0)
		store_sqlerr(sd->s, sd->err, what);
	sqlite3_reset(st);
	return id;
}

#define T(i, v) store_bind_text(st, (i), (v))
#define I(i, v) sqlite3_bind_int64(st, (i), (sqlite3_int64)(v))
#define ID(i, v) store_bind_id(st, (i), (v))
#define F(i, v) sqlite3_bind_double(st, (i), (v))
#define PREP(sql)                          \
	do {                               \
		if (!(st = prep(sd, (sql)))) \
			return -1;         \
	} while (0)

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = *cap ? *cap * 2 : 64;
	if (*cap < need)
		*cap = need;
	return xrealloc(p, *cap * size);
}

/* Fills a postal-code pattern: each '#' becomes a digit. */
static void postal(struct seeder *sd, const char *pattern, char out[16])
{
	size_t i;
	for (i = 0; pattern[i] && i < 15; i++)
		out[i] = pattern[i] == '#' ? (char)('0' + below(sd, 10)) : pattern[i];
	out[i] = '\0';
}

static void street_address(struct seeder *sd, const struct seed_country *c, char out[128])
{
	const char *street = PICK(sd, c->streets, 6);
	long n = between(sd, 1, 180);
	if (c->number_first)
		snprintf(out, 128, "%ld %s", n, street);
	else
		snprintf(out, 128, "%s %ld", street, n);
}

static void phone(struct seeder *sd, const struct seed_country *c, char out[32])
{
	snprintf(out, 32, "%s %ld %07ld", c->phone_cc, between(sd, 20, 99), between(sd, 1000000, 9999999));
}

/* Replaces {site}, {city}, {street}, {company} and {n} in pattern. */
static void fill(const char *pattern, const char *site, const char *city, const char *street,
		 const char *company, long n, char *out, size_t size)
{
	struct strbuf sb;
	strbuf_init(&sb);
	for (const char *p = pattern; *p; p++) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (end) {
				size_t len = (size_t)(end - p - 1);
				if (len == 4 && !strncmp(p + 1, "site", 4))
					strbuf_adds(&sb, site ? site : "");
				else if (len == 4 && !strncmp(p + 1, "city", 4))
					strbuf_adds(&sb, city ? city : "");
				else if (len == 6 && !strncmp(p + 1, "street", 6))
					strbuf_adds(&sb, street ? street : "");
				else if (len == 7 && !strncmp(p + 1, "company", 7))
					strbuf_adds(&sb, company ? company : "");
				else if (len == 1 && p[1] == 'n')
					strbuf_addf(&sb, "%ld", n);
				else
					strbuf_add(&sb, p, len + 2);
				p = end;
				continue;
			}
		}
		strbuf_addc(&sb, *p);
	}
	snprintf(out, size, "%s", sb.buf);
	strbuf_fini(&sb);
}

/* ---- reference data ------------------------------------------------------ */

static int refuse_filled(struct seeder *sd)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM account), (SELECT count(*) FROM consumer),"
		" (SELECT count(*) FROM install_base_item), (SELECT count(*) FROM cases),"
		" (SELECT count(*) FROM product)";
	sqlite3_stmt *st;
	long long acc, con, ib, cs, prod;

	PREP(sql);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_sqlerr(sd->s, sd->err, "counting rows");
		sqlite3_reset(st);
		return -1;
	}
	acc = sqlite3_column_int64(st, 0);
	con = sqlite3_column_int64(st, 1);
	ib = sqlite3_column_int64(st, 2);
	cs = sqlite3_column_int64(st, 3);
	prod = sqlite3_column_int64(st, 4);
	sqlite3_reset(st);
	if (acc || con || ib || cs)
		return csm_error_set(sd->err, CSM_EX_FAIL,
				     "%s already holds data (%lld accounts, %lld consumers, %lld install "
				     "base items, %lld cases); csm seed fills only a new database "
				     "(create one with 'csm init')",
				     store_path(sd->s), acc, con, ib, cs);
	if (prod == 0)
		return csm_error_set(sd->err, CSM_EX_FAIL,
				     "%s has no product catalog; create it with 'csm init --industry "
				     "NAME' first", store_path(sd->s));
	return 0;
}

static int read_counters(struct seeder *sd)
{
	static const char sql[] = "SELECT next FROM record_counter WHERE kind = ?1";
	sqlite3_stmt *st;

	for (int k = 0; k < REC_KIND_COUNT; k++) {
		PREP(sql);
		T(1, counter_names[k]);
		sd->next[k] = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 1;
		sqlite3_reset(st);
	}
	return 0;
}

/* The ids the seed gives out: after the rows already there. */
static int read_next_ids(struct seeder *sd)
{
	static const char sql[] =
		"SELECT (SELECT COALESCE(max(id), 0) + 1 FROM location),"
		" (SELECT COALESCE(max(id), 0) + 1 FROM account),"
		" (SELECT COALESCE(max(id), 0) + 1 FROM install_base_item)";
	sqlite3_stmt *st;

	PREP(sql);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_sqlerr(sd->s, sd->err, "reading ids");
		sqlite3_reset(st);
		return -1;
	}
	sd->loc_base = sd->loc_next = sqlite3_column_int64(st, 0);
	sd->acct_next = sqlite3_column_int64(st, 1);
	sd->item_next = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return 0;
}

static int write_counters(struct seeder *sd)
{
	static const char sql[] =
		"INSERT OR FAIL INTO record_counter(kind, next) VALUES (?1, ?2)"
		" ON CONFLICT(kind) DO UPDATE SET next = max(next, excluded.next)";
	sqlite3_stmt *st;

	for (int k = 0; k < REC_KIND_COUNT; k++) {
		PREP(sql);
		T(1, counter_names[k]);
		I(2, sd->next[k]);
		if (insert(sd, st, "setting record counters") < 0)
			return -1;
	}
	return 0;
}

static int64_t lookup_id(struct seeder *sd, const char *sql, const char *key)
{
	sqlite3_stmt *st = prep(sd, sql);
	int64_t id = 0;

	if (!st)
		return -1;
	T(1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (id == 0)
		csm_error_set(sd->err, CSM_EX_FAIL, "%s: '%s' is missing; was the database made with "
			      "'csm init'?", store_path(sd->s), key);
	return id ? id : -1;
}

static int read_reference(struct seeder *sd)
{
	static const char product_sql[] = "SELECT id FROM product WHERE model_number = ?1";
	static const char resp_sql[] = "SELECT id FROM responsibility WHERE name = ?1";
	static const char types_sql[] =
		"SELECT t.id, t.applies_to, t.party_kind, t.responsibility_id, t.name"
		" FROM related_party_type t ORDER BY t.id";
	sqlite3_stmt *st;
	struct {
		const char *name;
		int64_t *out;
	} resp[] = {
		{"Account Manager", &sd->resp_account_mgr},
		{"Relationship Manager", &sd->resp_relationship_mgr},
		{"Support Manager", &sd->resp_support_mgr},
		{"Primary Support Agent", &sd->resp_primary_agent},
		{"Preferred Technician", &sd->resp_technician},
	};

	sd->product_ids = xcalloc(sd->ind->n_products, sizeof *sd->product_ids);
	for (size_t i = 0; i < sd->ind->n_products; i++)
		if ((sd->product_ids[i] = lookup_id(sd, product_sql,
						    sd->ind->products[i].model_number)) < 0)
			return -1;
	for (size_t i = 0; i < sizeof resp / sizeof resp[0]; i++)
		if ((*resp[i].out = lookup_id(sd, resp_sql, resp[i].name)) < 0)
			return -1;
	PREP(types_sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct party_type *t;
		const char *applies = (const char *)sqlite3_column_text(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 2);

		sd->ptypes = xrealloc(sd->ptypes, (sd->n_ptypes + 1) * sizeof *sd->ptypes);
		t = &sd->ptypes[sd->n_ptypes++];
		t->id = sqlite3_column_int64(st, 0);
		t->applies_to = applies[0] == 'c' ? 'c' : applies[0] == 's' ? 's' : 'i';
		t->kind = !strcmp(kind, "contact") ? 'c' : !strcmp(kind, "consumer") ? 'n'
			  : !strcmp(kind, "user") ? 'u' : !strcmp(kind, "account") ? 'a' : 'o';
		t->responsibility_id = sqlite3_column_int64(st, 3);
		t->name = xstrdup((const char *)sqlite3_column_text(st, 4));
		t->used = false;
	}
	sqlite3_reset(st);
	return 0;
}

static size_t product_index(const struct seeder *sd, const char *model_number)
{
	for (size_t i = 0; i < sd->ind->n_products; i++)
		if (!strcmp(sd->ind->products[i].model_number, model_number))
			return i;
	return 0; /* the parser checked every reference */
}

/* ---- locations ---------------------------------------------------------- */

static const char sql_location[] =
	"INSERT OR FAIL INTO main.location(name, type, parent_id, street, city, state, postal_code, country,"
	" latitude, longitude, id, path, depth)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

static int64_t add_location(struct seeder *sd, const char *name, const char *type, int64_t parent,
			    const char *street, int country, int region, int city, const char *zip,
			    double lat, double lon)
{
	const struct seed_country *c = &seed_countries[country];
	sqlite3_stmt *st = prep(sd, sql_location);
	int64_t id = sd->loc_next;
	size_t i = (size_t)(id - sd->loc_base), pi = (size_t)(parent - sd->loc_base);
	char path[256];
	int depth = 0;

	if (!st)
		return -1;
	if (parent > 0) {
		if (parent < sd->loc_base || parent >= id) {
			csm_error_set(sd->err, CSM_EX_SOFTWARE, "internal error: seed location parent");
			return -1;
		}
		snprintf(path, sizeof path, "%s%lld/", sd->loc_paths[pi], (long long)id);
		depth = sd->loc_depths[pi] + 1;
	} else {
		snprintf(path, sizeof path, "/%lld/", (long long)id);
	}
	if (i >= sd->cap_locs) {
		sd->cap_locs = sd->cap_locs ? sd->cap_locs * 2 : 1024;
		sd->loc_paths = xrealloc(sd->loc_paths, sd->cap_locs * sizeof *sd->loc_paths);
		sd->loc_depths = xrealloc(sd->loc_depths, sd->cap_locs * sizeof *sd->loc_depths);
	}
	sd->loc_paths[i] = xstrdup(path);
	sd->loc_depths[i] = depth;
	sd->loc_next++;
	I(11, id);
	T(12, path);
	I(13, depth);
	T(1, name);
	T(2, type);
	ID(3, parent);
	T(4, street);
	T(5, city >= 0 ? c->regions[region].cities[city].name : NULL);
	T(6, region >= 0 ? c->regions[region].name : NULL);
	T(7, zip);
	T(8, c->name);
	if (lat != 0 || lon != 0) {
		F(9, lat);
		F(10, lon);
	}
	return insert(sd, st, "adding a location");
}

static int seed_geography(struct seeder *sd)
{
	for (size_t c = 0; c < seed_n_countries; c++) {
		const struct seed_country *co = &seed_countries[c];
		int64_t cid = add_location(sd, co->name, "country", 0, NULL, (int)c, -1, -1, NULL, 0, 0);
		if (cid < 0)
			return -1;
		for (int r = 0; r < 2; r++) {
			const struct seed_region *re = &co->regions[r];
			int64_t rid = add_location(sd, re->name, "region", cid, NULL, (int)c, r, -1, NULL,
						   0, 0);
			if (rid < 0)
				return -1;
			for (int k = 0; k < 2; k++) {
				const struct seed_city *ci = &re->cities[k];
				int64_t id = add_location(sd, ci->name, "city", rid, NULL, (int)c, r, k, NULL,
							  ci->lat, ci->lon);
				if (id < 0)
					return -1;
				sd->city[c * 4 + (size_t)r * 2 + (size_t)k] = id;
			}
		}
	}
	return 0;
}

/* The display name of a location type: "supply_point" -> "Supply point". */
static void type_label(const char *type, char out[48])
{
	size_t i;
	for (i = 0; type[i] && i < 47; i++)
		out[i] = type[i] == '_' ? ' ' : type[i];
	out[i] = '\0';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

/* A site in a city of country, named from the template (or as a home, by
 * its street address), with the template's sublocations below it.
 * Returns the index into sd->sites or SIZE_MAX on error. */
static size_t add_site(struct seeder *sd, int country, const char *company, bool home)
{
	const struct seed_country *co = &seed_countries[country];
	int region = (int)below(sd, 2), k = (int)below(sd, 2);
	const struct seed_city *ci = &co->regions[region].cities[k];
	char street[128], zip[16], name[192];
	struct site *site;
	int64_t parent = sd->city[country * 4 + region * 2 + k];
	double lat = ci->lat + (double)between(sd, -400, 400) / 10000.0;
	double lon = ci->lon + (double)between(sd, -400, 400) / 10000.0;
	int64_t level[8];
	int n_level = 1;

	street_address(sd, co, street);
	postal(sd, ci->postal, zip);
	if (home)
		snprintf(name, sizeof name, "%s", street);
	else
		fill(PICK(sd, sd->ind->seed.site_names, sd->ind->seed.n_site_names), NULL, ci->name,
		     street, company, (long)sd->n_sites + 1, name, sizeof name);
	sd->sites = grow(sd->sites, &sd->cap_sites, sd->n_sites + 1, sizeof *sd->sites);
	site = &sd->sites[sd->n_sites];
	memset(site, 0, sizeof *site);
	site->id = add_location(sd, name, "site", parent, street, country, region, k, zip, lat, lon);
	if (site->id < 0)
		return SIZE_MAX;
	site->name = xstrdup(name);
	sd->n_sites++;
	level[0] = site->id;
	/* Sublocations: one or two of each level under each of the level above. */
	for (size_t l = 0; !home && l < sd->ind->seed.n_sublocations; l++) {
		const char *type = sd->ind->seed.sublocations[l];
		int64_t next[8];
		int n_next = 0;
		char label[48], sub[96];

		type_label(type, label);
		for (int p = 0; p < n_level; p++) {
			long n = between(sd, 1, 2);
			for (long j = 0; j < n && n_next < 8; j++) {
				if (!strcmp(type, "building"))
					snprintf(sub, sizeof sub, "Building %c", (char)('A' + j));
				else if (!strcmp(type, "floor"))
					snprintf(sub, sizeof sub, "Floor %ld", j + below(sd, 3));
				else if (!strcmp(type, "room"))
					snprintf(sub, sizeof sub, "Room %ld%02ld", between(sd, 0, 3), j + 1);
				else
					snprintf(sub, sizeof sub, "%s %ld", label, j + 1);
				next[n_next] = add_location(sd, sub, type, level[p], street, country,
							    region, k, zip, lat, lon);
				if (next[n_next] < 0)
					return SIZE_MAX;
				n_next++;
			}
		}
		memcpy(level, next, sizeof next);
		n_level = n_next;
	}
	site = &sd->sites[sd->n_sites - 1];
	memcpy(site->leaves, level, sizeof level);
	site->n_leaves = n_level;
	return sd->n_sites - 1;
}

/* ---- users, groups, service organizations --------------------------------- */

static const char sql_user[] =
	"INSERT OR FAIL INTO user(login, name, email, phone, title, is_external)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	" ON CONFLICT(login) DO UPDATE SET login = excluded.login RETURNING id";
static const char sql_role[] = "INSERT OR IGNORE INTO user_role(user_id, role) VALUES (?1, ?2)";

static int64_t add_user(struct seeder *sd, const char *login, const char *name, const char *title,
			bool external, const char *roles)
{
	sqlite3_stmt *st = prep(sd, sql_user);
	char email[128], role[32];
	int64_t id;

	if (!st)
		return -1;
	snprintf(email, sizeof email, "%s@%s", login, external ? "partner.example" : "csm.example");
	T(1, login);
	T(2, name);
	T(3, email);
	T(4, NULL);
	T(5, title);
	I(6, external);
	if ((id = returning(sd, st, "adding a user")) < 0)
		return -1;
	/* roles: space-separated */
	for (const char *p = roles; *p;) {
		size_t n = strcspn(p, " ");
		snprintf(role, sizeof role, "%.*s", (int)n, p);
		if (!(st = prep(sd, sql_role)))
			return -1;
		I(1, id);
		T(2, role);
		if (insert(sd, st, "granting a role") < 0)
			return -1;
		p += n;
		while (*p == ' ')
			p++;
	}
	return id;
}

/* The fixed staff of the demo: logins a demo can act as. */
static const struct staff {
	const char *login, *name, *title;
	bool external;
	const char *roles;
	char what;  /* 'a' agent, 'm' manager, 'c' contributor, '-' other */
	int groups; /* bit mask of assignment groups */
} staff[] = {
	{"alice", "Alice Schneider", "System administrator", false, "admin", '-', 0},
	{"bob", "Bob Okafor", "Service manager", false, "manager", 'm', 1 | 4},
	{"olivia", "Olivia Brandt", "Field service manager", false, "manager", 'm', 2 | 8},
	{"carol", "Carol Dubois", "Service desk agent", false, "agent", 'a', 1},
	{"dave", "Dave Kowalski", "Service desk agent", false, "agent", 'a', 1},
	{"erin", "Erin Nakamura", "Support engineer", false, "agent", 'a', 1 | 4},
	{"frank", "Frank Müller", "Field technician", false, "agent", 'a', 2},
	{"grace", "Grace Wanjiru", "Field technician", false, "agent", 'a', 2},
	{"heidi", "Heidi Larsen", "Field technician", false, "agent", 'a', 2 | 8},
	{"ivan", "Ivan Petrov", "Second-level engineer", false, "agent", 'a', 4},
	{"judy", "Judy García", "Second-level engineer", false, "agent", 'a', 4},
	{"ken", "Ken Tanaka", "Specialist", false, "contributor", 'c', 1},
	{"victor", "Victor Almeida", "Auditor", false, "viewer", '-', 0},
	{"peggy", "Peggy Svensson", "Partner technician", true, "contributor", 'c', 8},
	{"trent", "Trent Walker", "Partner technician", true, "contributor", 'c', 8},
	{"sybil", "Sybil Costa", "Partner manager", true, "stakeholder", '-', 0},
};
#define N_STAFF (sizeof staff / sizeof staff[0])

/* The user id of one of the fixed staff, by login (0 when not seeded). */
static int64_t staff_user(const struct seeder *sd, const char *login)
{
	for (size_t i = 0; i < N_STAFF; i++)
		if (strcmp(staff[i].login, login) == 0)
			return sd->users[i];
	return 0;
}

static int seed_staff(struct seeder *sd)
{
	static const char group_sql[] =
		"INSERT OR FAIL INTO assignment_group(name, email, manager_id) VALUES (?1, ?2, ?3)"
		" ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id";
	static const char member_sql[] =
		"INSERT OR IGNORE INTO group_member(group_id, user_id) VALUES (?1, ?2)";
	static const char *const group_names[N_GROUPS][2] = {
		{"Service Desk", "servicedesk@csm.example"},
		{"Field Service", "field@csm.example"},
		{"Second Level", "level2@csm.example"},
		{"Partner Dispatch", "dispatch@partner.example"},
	};
	static const int group_manager[N_GROUPS] = {1, 2, 1, 2}; /* bob, olivia */
	sqlite3_stmt *st;

	for (size_t i = 0; i < N_STAFF; i++) {
		const struct staff *u = &staff[i];
		if ((sd->users[i] = add_user(sd, u->login, u->name, u->title, u->external, u->roles)) < 0)
			return -1;
		if (u->what == 'a')
			sd->agents[sd->n_agents++] = sd->users[i];
		else if (u->what == 'm')
			sd->managers[sd->n_managers++] = sd->users[i];
		else if (u->what == 'c')
			sd->contributors[sd->n_contributors++] = sd->users[i];
	}
	for (int g = 0; g < N_GROUPS; g++) {
		PREP(group_sql);
		T(1, group_names[g][0]);
		T(2, group_names[g][1]);
		I(3, sd->users[group_manager[g]]);
		if ((sd->groups[g] = returning(sd, st, "adding an assignment group")) < 0)
			return -1;
		for (size_t i = 0; i < N_STAFF; i++) {
			if (!(staff[i].groups & (1 << g)))
				continue;
			PREP(member_sql);
			I(1, sd->groups[g]);
			I(2, sd->users[i]);
			if (insert(sd, st, "adding a group member") < 0)
				return -1;
			sd->members[g][sd->n_members[g]++] = sd->users[i];
		}
	}
	return 0;
}

static int seed_service_orgs(struct seeder *sd)
{
	static const char org_sql[] =
		"INSERT OR FAIL INTO service_organization(number, name, kind, parent_id, manager_id, location_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	static const char member_sql[] =
		"INSERT OR IGNORE INTO service_org_member(org_id, user_id, responsibility_id)"
		" VALUES (?1, ?2, ?3)";
	static const struct {
		const char *name, *kind;
		int parent;     /* index of the parent org, or -1 */
		int manager;    /* staff index */
		int city;       /* index into sd->city */
		int members[4]; /* staff indexes, -1 ends */
	} orgs[N_ORGS] = {
		{"Customer Service Headquarters", "internal", -1, 1, 0, {3, 4, 5, -1}},
		{"Field Office North", "internal", 0, 2, 2, {6, 7, -1}},
		{"Field Office South", "internal", 0, 2, 13, {8, 9, 10, -1}},
		{"ServicePartner Dealers", "external", -1, 15, 32, {13, 14, -1}},
		{"Rapid Repair", "external", 3, 15, 20, {14, -1}},
	};
	sqlite3_stmt *st;
	char num[32];

	for (int o = 0; o < N_ORGS; o++) {
		PREP(org_sql);
		number(sd, REC_SERVICE_ORG, num);
		T(1, num);
		T(2, orgs[o].name);
		T(3, orgs[o].kind);
		ID(4, orgs[o].parent >= 0 ? sd->orgs[orgs[o].parent] : 0);
		I(5, sd->users[orgs[o].manager]);
		I(6, sd->city[orgs[o].city]);
		if ((sd->orgs[o] = insert(sd, st, "adding a service organization")) < 0)
			return -1;
		for (int m = 0; m < 4 && orgs[o].members[m] >= 0; m++) {
			PREP(member_sql);
			I(1, sd->orgs[o]);
			I(2, sd->users[orgs[o].members[m]]);
			I(3, m == 0 ? sd->resp_primary_agent : sd->resp_technician);
			if (insert(sd, st, "adding a service organization member") < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- people ----------------------------------------------------------------- */

/* A person of country's culture mostly, of any culture sometimes. */
static const struct seed_culture *culture_of(struct seeder *sd, int country)
{
	if (chance(sd, 70))
		return &seed_cultures[seed_countries[country].culture];
	return &seed_cultures[below(sd, (long)seed_n_cultures)];
}

static const char sql_team[] =
	"INSERT OR FAIL INTO main.customer_team_member(user_id, account_id, consumer_id, household_id,"
	" responsibility_id) VALUES (?1, ?2, ?3, ?4, ?5)";

static int add_team(struct seeder *sd, int64_t user, int64_t account, int64_t consumer,
		    int64_t household, int64_t resp)
{
	sqlite3_stmt *st;
	PREP(sql_team);
	I(1, user);
	ID(2, account);
	ID(3, consumer);
	ID(4, household);
	I(5, resp);
	return insert(sd, st, "adding a customer team member") < 0 ? -1 : 0;
}

static const char sql_address[] =
	"INSERT OR FAIL INTO main.address(account_id, consumer_id, location_id, kind, is_primary)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

static int add_address(struct seeder *sd, int64_t account, int64_t consumer, int64_t location,
		       const char *kind, bool primary)
{
	sqlite3_stmt *st;
	PREP(sql_address);
	ID(1, account);
	ID(2, consumer);
	I(3, location);
	T(4, kind);
	I(5, primary);
	return insert(sd, st, "adding an address") < 0 ? -1 : 0;
}

/* Contact and consumer logins of the demo (customer and consumer roles). */
/* The search index builders get each kind's records in this many parts
 * as they are loaded, so that they work beside the load from its start. */
enum { HAND_PARTS = 16 };

static int index_kinds(struct seeder *sd, enum search_kind a, enum search_kind b);

/* Before record i of n: hands the records of kinds a and b loaded so far
 * (and final) to the builders at every part's start. */
static int index_part(struct seeder *sd, long i, long n, enum search_kind a, enum search_kind b)
{
	long part = n / HAND_PARTS > 0 ? n / HAND_PARTS : 1;

	return i > 0 && i % part == 0 ? index_kinds(sd, a, b) : 0;
}

static const char *const contact_logins[] = {"chris", "dana", "emma", "felix", "gina"};
static const char *const consumer_logins[] = {"nina", "omar", "paula", "quentin", "rosa"};

static int seed_accounts(struct seeder *sd)
{
	static const char account_sql[] =
		"INSERT OR FAIL INTO main.account(number, name, code, parent_id, is_customer, is_partner, phone,"
		" website, notes, active, restrict_contact_access, path, id) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	static const char primary_sql[] =
		"UPDATE OR FAIL main.account SET primary_contact_id = ?2 WHERE id = ?1";
	static const char contact_sql[] =
		"INSERT OR FAIL INTO main.contact(number, account_id, first_name, last_name, title, email, phone,"
		" mobile, time_zone, language, active, user_id) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	sqlite3_stmt *st;
	int64_t parent = 0, mid = 0;
	int parent_i = 0, mid_i = 0;

	sd->n_accts = (int)shaped(sd->scale, DEMO_ACCOUNTS, UNIT_ACCOUNTS);
	sd->accts = xcalloc((size_t)sd->n_accts, sizeof *sd->accts);
	for (int i = 0; i < sd->n_accts; i++) {
		struct account *a = &sd->accts[i];
		int country = (int)below(sd, (long)seed_n_countries);
		const struct seed_country *co = &seed_countries[country];
		const struct seed_word *root;
		const char *sector = PICK(sd, seed_sectors, seed_n_sectors);
		char num[32], name[256], code[32], ph[32], web[160], domain[128];
		int level = i % 6;  /* 0 top, 1-4 children, 5 grandchild */

		if (index_part(sd, i, sd->n_accts, SK_ACCOUNT, SK_CONTACT) < 0)
			return -1;

		if (level == 0) {
			root = &co->companies[below(sd, 3)];
		} else {
			country = sd->accts[i - level].country;
			co = &seed_countries[country];
			root = NULL;
		}
		a->country = country;
		if (root) {
			snprintf(name, sizeof name, "%s %s %s", root->text, sector, co->legal);
			a->short_name = xstrdup(root->text);
			/* Numbered, so that two companies never share a domain. */
			snprintf(domain, sizeof domain, "%s-%s%d.example", root->ascii, sector, i + 1);
			for (char *p = domain; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
			a->domain = xstrdup(domain);
		} else {
			const struct account *top = &sd->accts[i - level];
			snprintf(name, sizeof name, "%s %s %s", top->short_name, sector,
				 co->regions[below(sd, 2)].cities[below(sd, 2)].name);
			a->short_name = xstrdup(top->short_name);
			a->domain = xstrdup(top->domain);
		}
		a->name = xstrdup(name);
		number(sd, REC_ACCOUNT, num);
		snprintf(code, sizeof code, "C%s-%05d", co->code, i + 1);
		phone(sd, co, ph);
		if (root)
			snprintf(web, sizeof web, "https://www.%s", domain);
		else
			web[0] = '\0';
		PREP(account_sql);
		T(1, num);
		T(2, name);
		T(3, code);
		ID(4, level == 0 ? 0 : level == 5 ? mid : parent);
		I(5, 1);
		I(6, chance(sd, 15));
		T(7, ph);
		T(8, web);
		T(9, chance(sd, 20) ? "Key account; quarterly service review." : NULL);
		I(10, chance(sd, 96));
		I(11, chance(sd, 10));
		a->id = sd->acct_next++;
		a->path = xasprintf("%s%lld/",
				    level == 0 ? "/" : sd->accts[level == 5 ? mid_i : parent_i].path,
				    (long long)a->id);
		T(12, a->path);
		I(13, a->id);
		if (insert(sd, st, "adding an account") < 0)
			return -1;
		if (level == 0) {
			parent = a->id;
			parent_i = i;
		}
		if (level == 1) {
			mid = a->id;
			mid_i = i;
		}

		/* Sites and addresses: billing at the first, shipping at another.
		 * Past the demo a subsidiary works at its top account's site. */
		if (i < DEMO_ACCOUNTS || level == 0) {
			a->first_site = sd->n_sites;
			a->n_sites = i < DEMO_ACCOUNTS ? (int)between(sd, 1, 3) : 1;
			for (int k = 0; k < a->n_sites; k++)
				if (add_site(sd, country, a->short_name, false) == SIZE_MAX)
					return -1;
		} else {
			a->first_site = sd->accts[i - level].first_site;
			a->n_sites = 1;
		}
		if (add_address(sd, a->id, 0, sd->sites[a->first_site].id, "billing", true) < 0 ||
		    add_address(sd, a->id, 0, sd->sites[a->first_site + (size_t)a->n_sites - 1].id,
				"shipping", false) < 0)
			return -1;

		/* Team: an account manager always, others often. */
		if (add_team(sd, PICK(sd, sd->managers, sd->n_managers), a->id, 0, 0,
			     sd->resp_account_mgr) < 0 ||
		    add_team(sd, PICK(sd, sd->agents, sd->n_agents), a->id, 0, 0,
			     sd->resp_support_mgr) < 0 ||
		    (chance(sd, 60) && add_team(sd, PICK(sd, sd->agents, sd->n_agents), a->id, 0, 0,
						sd->resp_primary_agent) < 0) ||
		    (chance(sd, 30) && add_team(sd, PICK(sd, sd->managers, sd->n_managers), a->id, 0,
						0, sd->resp_relationship_mgr) < 0))
			return -1;

		/* Contacts: the e-mail domain is the top account's. */
		a->first_contact = sd->n_contacts;
		a->n_contacts = i < DEMO_ACCOUNTS ? (int)between(sd, 4, 12) : (int)between(sd, 6, 14);
		for (int k = 0; k < a->n_contacts; k++) {
			const struct seed_culture *cu = culture_of(sd, country);
			const struct seed_word *first = &cu->first[below(sd, (long)cu->n_first)];
			const struct seed_word *last = &cu->last[below(sd, (long)cu->n_last)];
			char email[256], mob[32], login_name[160];
			int64_t user = 0;

			/* The first contact of the first accounts logs in; the second
			 * of the first account is its stakeholder. */
			snprintf(login_name, sizeof login_name, "%s %s", first->text, last->text);
			if (k == 0 && i < 5) {
				user = add_user(sd, contact_logins[i], login_name, "Customer", true,
						"customer");
			} else if (k == 1 && i == 0) {
				user = add_user(sd, "sam", login_name, "Customer stakeholder", true,
						"customer stakeholder");
			}
			if (user < 0)
				return -1;
			number(sd, REC_CONTACT, num);
			snprintf(email, sizeof email, "%s.%s@%s", first->ascii, last->ascii, a->domain);
			phone(sd, co, ph);
			phone(sd, co, mob);
			sd->contacts = grow(sd->contacts, &sd->cap_contacts, sd->n_contacts + 1,
					    sizeof *sd->contacts);
			PREP(contact_sql);
			T(1, num);
			I(2, a->id);
			T(3, first->text);
			T(4, last->text);
			T(5, PICK(sd, seed_titles, seed_n_titles));
			T(6, email);
			T(7, ph);
			T(8, chance(sd, 70) ? mob : NULL);
			T(9, co->tz);
			T(10, cu->lang);
			I(11, chance(sd, 95) || user > 0);
			ID(12, user);
			if ((sd->contacts[sd->n_contacts] = insert(sd, st, "adding a contact")) < 0)
				return -1;
			sd->n_contacts++;
		}
		PREP(primary_sql);
		I(1, a->id);
		I(2, sd->contacts[a->first_contact]);
		if (insert(sd, st, "setting the primary contact") < 0)
			return -1;
	}
	return 0;
}

static int seed_consumers(struct seeder *sd)
{
	static const char consumer_sql[] =
		"INSERT OR FAIL INTO main.consumer(number, prefix, first_name, middle_name, last_name, suffix, email,"
		" mobile_phone, home_phone, business_phone, active, user_id, notes) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
	static const char household_sql[] =
		"INSERT OR FAIL INTO main.household(number, name, head_consumer_id, location_id, notes)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char member_sql[] =
		"INSERT OR FAIL INTO main.household_member(household_id, consumer_id, start_date, end_date,"
		" is_primary)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	static const char link_sql[] =
		"INSERT OR FAIL INTO main.account_consumer(account_id, consumer_id, start_date, end_date)"
		" VALUES (?1, ?2, ?3, ?4)";
	static const char *const prefixes[] = {"Mr", "Ms", "Dr", "Mx"};
	static const char *const mail_domains[] = {"example.com", "example.net", "example.org",
						   "mail.example"};
	sqlite3_stmt *st;
	int next_member = 0;

	sd->n_cons = (int)shaped(sd->scale, DEMO_CONSUMERS, UNIT_CONSUMERS);
	sd->n_hhs = (int)shaped(sd->scale, DEMO_HOUSEHOLDS, UNIT_HOUSEHOLDS);
	sd->cons = xcalloc((size_t)sd->n_cons, sizeof *sd->cons);
	sd->hhs = xcalloc((size_t)sd->n_hhs, sizeof *sd->hhs);

	/* Households come in runs of consumers of one family name: consumers
	 * are made household by household, the rest live alone. */
	for (int i = 0; i < sd->n_cons; i++) {
		struct consumer *c = &sd->cons[i];
		int country = (int)below(sd, (long)seed_n_countries);
		const struct seed_country *co = &seed_countries[country];
		const struct seed_culture *cu;
		const struct seed_word *first, *last, *middle = NULL;
		char num[32], email[192], mob[32], home[32], name[160];
		int64_t user = 0;
		int h = i < sd->n_hhs * 5 / 2 ? i * 2 / 5 : -1; /* 2.5 members each */

		if (index_part(sd, i, sd->n_cons, SK_CONSUMER, SK_COUNT) < 0)
			return -1;

		if (h >= 0 && sd->hhs[h].id == 0 && i > 0 && sd->cons[i - 1].household == h) {
			/* same household as the previous consumer: same country */
			country = sd->cons[i - 1].country;
			co = &seed_countries[country];
		}
		cu = culture_of(sd, country);
		first = &cu->first[below(sd, (long)cu->n_first)];
		last = &cu->last[below(sd, (long)cu->n_last)];
		if (h >= 0 && i > 0 && sd->cons[i - 1].household == h && chance(sd, 80)) {
			/* family members mostly share the family name */
			for (size_t k = 0; k < seed_n_cultures; k++)
				for (size_t j = 0; j < seed_cultures[k].n_last; j++)
					if (!strcmp(seed_cultures[k].last[j].text, sd->cons[i - 1].last))
						last = &seed_cultures[k].last[j];
		}
		if (chance(sd, 10))
			middle = &cu->first[below(sd, (long)cu->n_first)];
		c->country = country;
		c->household = h;
		c->account = -1;
		c->site = SIZE_MAX;
		c->last = xstrdup(last->text);
		if (i < 5) {
			snprintf(name, sizeof name, "%s %s", first->text, last->text);
			if ((user = add_user(sd, consumer_logins[i], name, "Consumer", true, "consumer")) < 0)
				return -1;
		}
		number(sd, REC_CONSUMER, num);
		snprintf(email, sizeof email, "%s.%s%ld@%s", first->ascii, last->ascii, below(sd, 100),
			 PICK(sd, mail_domains, 4));
		phone(sd, co, mob);
		phone(sd, co, home);
		PREP(consumer_sql);
		T(1, num);
		T(2, chance(sd, 30) ? PICK(sd, prefixes, 4) : NULL);
		T(3, first->text);
		T(4, middle && middle != first ? middle->text : NULL);
		T(5, last->text);
		T(6, chance(sd, 2) ? "Jr." : NULL);
		T(7, chance(sd, 90) ? email : NULL);
		T(8, mob);
		T(9, chance(sd, 40) ? home : NULL);
		T(10, chance(sd, 10) ? home : NULL);
		I(11, user > 0 || chance(sd, 97));
		ID(12, user);
		T(13, chance(sd, 5) ? "Prefers contact by e-mail." : NULL);
		if ((c->id = insert(sd, st, "adding a consumer")) < 0)
			return -1;
		if (chance(sd, 10) && add_team(sd, PICK(sd, sd->managers, sd->n_managers), 0, c->id, 0,
						sd->resp_relationship_mgr) < 0)
			return -1;
	}

	/* Households: a home, current members (the first is the head), and
	 * sometimes a former member who moved out. */
	for (int h = 0; h < sd->n_hhs; h++) {
		struct household *hh = &sd->hhs[h];
		int first = next_member, n = 0;
		char num[32], name[192], start[16], end[16];

		if (index_part(sd, h, sd->n_hhs, SK_HOUSEHOLD, SK_COUNT) < 0)
			return -1;
		while (next_member < sd->n_cons && sd->cons[next_member].household == h) {
			next_member++;
			n++;
		}
		if (n == 0)
			continue;
		hh->head = first;
		hh->site = add_site(sd, sd->cons[first].country, NULL, true);
		if (hh->site == SIZE_MAX)
			return -1;
		snprintf(name, sizeof name,
			 seed_cultures[seed_countries[sd->cons[first].country].culture].family_fmt,
			 sd->cons[first].last);
		number(sd, REC_HOUSEHOLD, num);
		PREP(household_sql);
		T(1, num);
		T(2, name);
		I(3, sd->cons[first].id);
		I(4, sd->sites[hh->site].id);
		T(5, chance(sd, 10) ? "Dog in the garden: ring twice." : NULL);
		if ((hh->id = insert(sd, st, "adding a household")) < 0)
			return -1;
		for (int m = first; m < first + n; m++) {
			date_at(sd, -between(sd, 200, 4000), start);
			PREP(member_sql);
			I(1, hh->id);
			I(2, sd->cons[m].id);
			T(3, start);
			T(4, NULL);
			I(5, m == first);
			if (insert(sd, st, "adding a household member") < 0)
				return -1;
			sd->cons[m].site = hh->site;
			if (add_address(sd, 0, sd->cons[m].id, sd->sites[hh->site].id, "mailing", true) < 0)
				return -1;
		}
		if (chance(sd, 25)) {
			/* A former member: someone from another household who lived here. */
			int m = (int)below(sd, sd->n_cons);
			date_at(sd, -between(sd, 1500, 3000), start);
			date_at(sd, -between(sd, 30, 1000), end);
			if (sd->cons[m].household != h) {
				PREP(member_sql);
				I(1, hh->id);
				I(2, sd->cons[m].id);
				T(3, start);
				T(4, end);
				I(5, 0);
				if (insert(sd, st, "adding a former household member") < 0)
					return -1;
			}
		}
		if (chance(sd, 20) && add_team(sd, PICK(sd, sd->agents, sd->n_agents), 0, 0, hh->id,
						sd->resp_technician) < 0)
			return -1;
	}

	/* Consumers living alone: half of the demo's get a home of their own,
	 * one in fifty of the others (the rest own nothing installed). */
	for (int i = next_member; i < sd->n_cons; i++) {
		if (!chance(sd, i - next_member < DEMO_ALONE ? 50 : 2))
			continue;
		sd->cons[i].site = add_site(sd, sd->cons[i].country, NULL, true);
		if (sd->cons[i].site == SIZE_MAX ||
		    add_address(sd, 0, sd->cons[i].id, sd->sites[sd->cons[i].site].id, "mailing",
				true) < 0)
			return -1;
	}

	/* b2b2c: consumers are customers of accounts too (a bank's card
	 * holders, a landlord's tenants); some links have ended. */
	if (sd->accounts_on) {
		char start[16], end[16];
		for (int i = 0; i < sd->n_cons; i++) {
			int a = (int)below(sd, sd->n_accts);
			bool ended = chance(sd, 10);
			sd->cons[i].account = ended ? -1 : a;
			date_at(sd, -between(sd, 100, 2000), start);
			date_at(sd, -between(sd, 1, 90), end);
			PREP(link_sql);
			I(1, sd->accts[a].id);
			I(2, sd->cons[i].id);
			T(3, start);
			T(4, ended ? end : NULL);
			if (insert(sd, st, "linking a consumer to an account") < 0)
				return -1;
		}
	}
	return 0;
}

/* ---- related parties -------------------------------------------------------- */

/* Who the parties of a record are drawn from. */
struct party_ctx {
	int account;   /* index or -1 */
	int consumer;  /* index or -1 */
};

static bool kind_usable(const struct seeder *sd, char kind)
{
	if (kind == 'c' || kind == 'a')
		return sd->accounts_on;
	if (kind == 'n')
		return sd->consumers_on;
	return true;
}

/* A type for a host: unused types first, so that every type gets used. */
static struct party_type *pick_type(struct seeder *sd, char host)
{
	size_t n = 0, k;

	for (size_t i = 0; i < sd->n_ptypes; i++) {
		struct party_type *t = &sd->ptypes[i];
		if (t->applies_to != host || !kind_usable(sd, t->kind))
			continue;
		if (!t->used)
			return t;
		n++;
	}
	if (n == 0)
		return NULL;
	k = (size_t)below(sd, (long)n);
	for (size_t i = 0; i < sd->n_ptypes; i++) {
		struct party_type *t = &sd->ptypes[i];
		if (t->applies_to == host && kind_usable(sd, t->kind) && k-- == 0)
			return t;
	}
	return NULL;
}

static int add_party(struct seeder *sd, char host, int64_t host_id, const struct party_ctx *ctx,
		     int order)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO main.related_party(type_id, case_id, sold_product_id,"
		" install_base_item_id, contact_id, consumer_id, user_id, account_id, service_org_id,"
		" responsibility_id, relationship_name, sort_order)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	struct party_type *t = pick_type(sd, host);
	sqlite3_stmt *st;
	int col;

	if (!t)
		return 0;
	PREP(sql);
	I(1, t->id);
	I(host == 'c' ? 2 : host == 's' ? 3 : 4, host_id);
	switch (t->kind) {
	case 'c': {
		const struct account *a = ctx->account >= 0 ? &sd->accts[ctx->account]
							    : &sd->accts[below(sd, sd->n_accts)];
		I(5, sd->contacts[a->first_contact + (size_t)below(sd, a->n_contacts)]);
		break;
	}
	case 'n':
		I(6, sd->cons[ctx->consumer >= 0 && chance(sd, 50) ? ctx->consumer
								   : below(sd, sd->n_cons)].id);
		break;
	case 'u':
		I(7, chance(sd, 30) ? PICK(sd, sd->contributors, sd->n_contributors)
				    : PICK(sd, sd->agents, sd->n_agents));
		break;
	case 'a': {
		/* another account than the record's own: a partner */
		long a = below(sd, sd->n_accts);
		if (a == ctx->account)
			a = (a + 1) % sd->n_accts;
		if (a == ctx->account)
			return 0;
		I(8, sd->accts[a].id);
		break;
	}
	default:
		I(9, PICK(sd, sd->orgs, N_ORGS));
		break;
	}
	ID(10, t->responsibility_id);
	col = 11;
	T(col, t->name);
	I(12, order);
	if (insert(sd, st, "adding a related party") < 0)
		return -1;
	t->used = true;
	return 0;
}

/* ---- products in use: install base, sold products, assets ------------------- */

/* The owner of what is being generated. */
struct owner {
	int64_t account_id, consumer_id, household_id, contact_id;
	int account, consumer;  /* indexes or -1 */
	const char *company;    /* fills {company} */
	size_t *sites;          /* indexes into sd->sites */
	int n_sites;
	int64_t sold[64];       /* this owner's sold products, for contracts */
	int n_sold;
	size_t first_target;    /* this owner's targets start here */
};

static const char sql_item[] =
	"INSERT OR FAIL INTO main.install_base_item(number, name, product_id, asset_id, serial_number,"
	" parent_id, account_id, consumer_id, contact_id, household_id, service_org_id, location_id,"
	" state, install_date, uninstall_date, usage, characteristics, id, root_id, path) VALUES"
	" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,"
	"  ?20)";
static const char sql_sold[] =
	"INSERT OR FAIL INTO main.sold_product(number, product_id, parent_id, account_id, consumer_id,"
	" household_id, service_org_id, contact_id, quantity, start_date, end_date)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_installed[] =
	"INSERT OR IGNORE INTO main.installed_product(install_base_item_id, sold_product_id) VALUES (?1, ?2)";
static const char sql_asset[] =
	"INSERT OR FAIL INTO main.asset(asset_tag, serial_number, product_id, account_id, consumer_id, status)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* The characteristics of an item of product p as a JSON object, in sd->sb. */
static void characteristics(struct seeder *sd, const struct industry_product *p)
{
	bool any = false;

	strbuf_reset(&sd->sb);
	strbuf_addc(&sd->sb, '{');
	for (size_t i = 0; i < sd->ind->n_characteristics; i++) {
		const struct industry_characteristic *c = &sd->ind->characteristics[i];
		if (c->category && strcmp(c->category, p->category) != 0)
			continue;
		if (any)
			strbuf_addc(&sd->sb, ',');
		any = true;
		strbuf_add_json_str(&sd->sb, c->name);
		strbuf_addc(&sd->sb, ':');
		if (c->n_values)
			strbuf_add_json_str(&sd->sb, c->values[below(sd, (long)c->n_values)]);
		else
			strbuf_addf(&sd->sb, "%ld", between(sd, c->min, c->max));
	}
	strbuf_addc(&sd->sb, '}');
}

static void serial(struct seeder *sd, const struct industry_product *p, char out[48])
{
	size_t n = strcspn(p->model_number, "-");
	snprintf(out, 48, "%.*s%09ld", (int)(n > 6 ? 6 : n), p->model_number,
		 between(sd, 100000000, 999999999));
}

/* One install base item (and its subtree) from a tree shape, with its id,
 * root and path written here (parent_path and root are the parent's, NULL
 * and 0 for a root).  Children take the parent's owner and location.
 * Returns the item id or -1; *active_child gets some active descendant. */
static int64_t add_item(struct seeder *sd, const struct owner *o, const struct industry_tree *t,
			int64_t parent, const char *parent_path, int64_t root, const char *state,
			int64_t location, const char *site_name, long n, const char *usage,
			int64_t asset, int64_t *active_child)
{
	const struct industry_product *p = &sd->ind->products[product_index(sd, t->product)];
	sqlite3_stmt *st;
	char num[32], name[192], sn[48], installed[16], removed[16], path[256];
	int64_t id = sd->item_next++;

	fill(t->name, site_name, NULL, NULL, o->company, n, name, sizeof name);
	number(sd, REC_INSTALL_BASE, num);
	serial(sd, p, sn);
	date_at(sd, -between(sd, 30, 2500), installed);
	date_at(sd, -between(sd, 1, 25), removed);
	characteristics(sd, p);
	if (!(st = prep(sd, sql_item)))
		return -1;
	T(1, num);
	T(2, name);
	I(3, sd->product_ids[p - sd->ind->products]);
	ID(4, asset);
	T(5, sn);
	ID(6, parent);
	ID(7, o->account_id);
	ID(8, o->consumer_id);
	ID(9, o->contact_id);
	ID(10, o->household_id);
	ID(11, chance(sd, 30) ? PICK(sd, sd->orgs, N_ORGS) : 0);
	I(12, location);
	T(13, state);
	T(14, installed);
	T(15, !strcmp(state, "inactive") ? removed : NULL);
	T(16, usage);
	T(17, sd->sb.buf);
	snprintf(path, sizeof path, "%s%lld/", parent_path ? parent_path : "/", (long long)id);
	I(18, id);
	I(19, root ? root : id);
	T(20, path);
	if (insert(sd, st, "adding an install base item") < 0)
		return -1;
	sd->items++;
	if (parent && strcmp(state, "inactive") != 0 && (!*active_child || chance(sd, 30)))
		*active_child = id;
	for (size_t c = 0; c < t->n_children; c++) {
		const struct industry_tree *ct = &t->children[c];
		for (long k = 1; k <= ct->count; k++) {
			const char *cs = !strcmp(state, "inactive") ? "inactive"
					 : chance(sd, 92) ? "in_use" : chance(sd, 60) ? "in_repair"
					 : "inactive";
			if (add_item(sd, o, ct, id, path, root ? root : id, cs, location, site_name,
				     k, NULL, 0, active_child) < 0)
				return -1;
		}
	}
	return id;
}

/* Sold-product dates: in preparation, active or expired. */
static void sold_dates(struct seeder *sd, char start[16], char end[16])
{
	long r = below(sd, 100);
	if (r < 12) {          /* in preparation */
		long s = between(sd, 5, 90);
		date_at(sd, s, start);
		date_at(sd, s + 1095, end);
	} else if (r < 27) {   /* expired */
		long e = -between(sd, 1, 400);
		date_at(sd, e - between(sd, 365, 1095), start);
		date_at(sd, e, end);
	} else {               /* active */
		date_at(sd, -between(sd, 30, 900), start);
		date_at(sd, between(sd, 30, 1100), end);
	}
}

static int64_t add_sold(struct seeder *sd, struct owner *o, int64_t product_id, int64_t parent,
			const char *start, const char *end, bool household_owned)
{
	sqlite3_stmt *st;
	char num[32];
	int64_t id;

	number(sd, REC_SOLD_PRODUCT, num);
	if (!(st = prep(sd, sql_sold)))
		return -1;
	T(1, num);
	I(2, product_id);
	ID(3, parent);
	if (household_owned) {
		I(6, o->household_id);
	} else {
		ID(4, o->account_id);
		/* b2b2c: an account's product may name the consumer using it */
		ID(5, o->account_id && sd->model != MODEL_B2B2C ? 0 : o->consumer_id);
	}
	ID(8, o->contact_id);
	I(9, chance(sd, 90) ? 1 : between(sd, 2, 20));
	T(10, start);
	T(11, end);
	if ((id = insert(sd, st, "adding a sold product")) < 0)
		return -1;
	if (!household_owned && o->n_sold < 64)
		o->sold[o->n_sold++] = id;
	return id;
}

static int link_installed(struct seeder *sd, int64_t item, int64_t sold)
{
	sqlite3_stmt *st;
	PREP(sql_installed);
	I(1, item);
	I(2, sold);
	return insert(sd, st, "linking an installed product") < 0 ? -1 : 0;
}

static const struct industry_tree *pick_tree(struct seeder *sd)
{
	long total = 0, r;
	for (size_t i = 0; i < sd->ind->seed.n_trees; i++)
		total += sd->ind->seed.trees[i].weight;
	r = below(sd, total);
	for (size_t i = 0; i < sd->ind->seed.n_trees; i++) {
		r -= sd->ind->seed.trees[i].weight;
		if (r < 0)
			return &sd->ind->seed.trees[i];
	}
	return &sd->ind->seed.trees[0];
}

/* One tree with its sold product (sometimes a bundle), asset and parties. */
static int add_tree(struct seeder *sd, struct owner *o, long n)
{
	const struct industry_tree *t = pick_tree(sd);
	size_t pi = product_index(sd, t->product);
	const struct industry_product *p = &sd->ind->products[pi];
	const struct site *site = &sd->sites[o->sites[below(sd, o->n_sites)]];
	int64_t location = site->leaves[below(sd, site->n_leaves)];
	long r = below(sd, 100);
	const char *state = r < 85 ? "in_use" : r < 93 ? "in_repair" : "inactive";
	int64_t asset = 0, root, child = 0, sold, sub = 0;
	char start[16], end[16], sn[48], tag[32];
	bool by_household = o->household_id && sd->model == MODEL_B2C && chance(sd, 30);
	struct party_ctx ctx = {o->account, o->consumer};
	struct target *tg;
	sqlite3_stmt *st;

	if (!strcmp(p->kind, "hardware") && chance(sd, 70)) {
		serial(sd, p, sn);
		snprintf(tag, sizeof tag, "AT%08lld", (long long)sd->items + 1);
		PREP(sql_asset);
		T(1, tag);
		T(2, sn);
		I(3, sd->product_ids[pi]);
		/* an asset has one owner: the account, or else the consumer */
		ID(4, o->account_id);
		ID(5, o->account_id ? 0 : o->consumer_id);
		T(6, !strcmp(state, "in_use") ? "in_use" : !strcmp(state, "in_repair") ? "in_repair"
										 : "retired");
		if ((asset = insert(sd, st, "adding an asset")) < 0)
			return -1;
	}
	root = add_item(sd, o, t, 0, NULL, 0, state, location, site->name, n,
			t->n_usage ? t->usage[below(sd, (long)t->n_usage)] : NULL, asset, &child);
	if (root < 0)
		return -1;
	sold_dates(sd, start, end);
	if ((sold = add_sold(sd, o, sd->product_ids[pi], 0, start, end, by_household)) < 0 ||
	    link_installed(sd, root, sold) < 0)
		return -1;
	/* A bundle: the first child model sold with the root. */
	if (t->n_children && chance(sd, 35)) {
		size_t ci = product_index(sd, t->children[0].product);
		if ((sub = add_sold(sd, o, sd->product_ids[ci], sold, start, end, by_household)) < 0)
			return -1;
	}
	if (chance(sd, 25) && add_party(sd, 's', sold, &ctx, 1) < 0)
		return -1;
	if (chance(sd, 25) && add_party(sd, 'i', root, &ctx, 1) < 0)
		return -1;
	if (chance(sd, 10) && add_party(sd, 'i', root, &ctx, 2) < 0)
		return -1;
	(void)sub;

	sd->targets = grow(sd->targets, &sd->cap_targets, sd->n_targets + 1, sizeof *sd->targets);
	tg = &sd->targets[sd->n_targets++];
	memset(tg, 0, sizeof *tg);
	tg->account_id = o->account_id;
	tg->contact_id = o->contact_id;
	tg->consumer_id = o->consumer_id;
	tg->household_id = o->household_id;
	tg->account = o->account;
	tg->consumer = o->consumer;
	tg->product_id = sd->product_ids[pi];
	tg->asset_id = asset;
	tg->sold_product_id = sold;
	/* Cases only for active items: the root, or an active child. */
	if (strcmp(state, "inactive") != 0)
		tg->item_id = child && chance(sd, 40) ? child : root;
	return 0;
}

/* ---- contracts and entitlements --------------------------------------------- */

static const char *const channel_sets[] = {
	"phone,email,web,chat,walk-in", "phone,email", "web,chat", "phone", "email,web",
	"phone,email,web", "walk-in",
};

static int64_t add_entitlement(struct seeder *sd, const char *name, int64_t product,
			       int64_t account, int64_t consumer, int64_t contract, int64_t asset,
			       int64_t sold, int64_t item, const char *start, const char *end,
			       bool active)
{
	static const char sql[] =
		"INSERT OR FAIL INTO main.entitlement(name, product_id, account_id, consumer_id, contract_id,"
		" asset_id, sold_product_id, install_base_item_id, channels, start_date, end_date,"
		" active, per_unit, total_units, remaining_units) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
	sqlite3_stmt *st = prep(sd, sql);
	long r = below(sd, 100), total;

	if (!st)
		return -1;
	T(1, name);
	ID(2, product);
	ID(3, account);
	ID(4, consumer);
	ID(5, contract);
	ID(6, asset);
	ID(7, sold);
	ID(8, item);
	T(9, PICK(sd, channel_sets, sizeof channel_sets / sizeof *channel_sets));
	T(10, start);
	T(11, end);
	I(12, active);
	if (r < 35) {          /* per case; some used up */
		total = between(sd, 5, 50);
		T(13, "cases");
		I(14, total);
		I(15, chance(sd, 20) ? 0 : between(sd, 0, total));
	} else if (r < 60) {   /* per hour */
		total = between(sd, 10, 200);
		T(13, "hours");
		I(14, total);
		I(15, chance(sd, 15) ? 0 : between(sd, 0, total));
	}
	return insert(sd, st, "adding an entitlement");
}

/* Contracts of an owner covering its sold products, with entitlements;
 * the owner's targets learn their active contract and entitlement. */
static int add_contracts(struct seeder *sd, struct owner *o, int n)
{
	static const char contract_sql[] =
		"INSERT OR FAIL INTO main.contract(number, name, account_id, consumer_id, state, start_date, end_date,"
		" approver_id, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	static const char cover_sql[] =
		"INSERT OR IGNORE INTO main.contract_sold_product(contract_id, sold_product_id)"
		" VALUES (?1, ?2)";
	static const char *const names[] = {"Full service", "Standard support", "Premium 24/7",
					    "Parts and labour", "Basic warranty extension"};
	sqlite3_stmt *st;

	for (int k = 0; k < n && o->n_sold > 0; k++) {
		long r = below(sd, 100);
		const char *state = r < 12 ? "draft" : r < 67 ? "active" : r < 90 ? "expired"
											: "canceled";
		char num[32], name[160], start[16], end[16];
		int64_t contract, ent;
		int first = (int)below(sd, o->n_sold), count = (int)between(sd, 1, 5);

		if (!strcmp(state, "draft")) {
			date_at(sd, between(sd, 10, 60), start);
			date_at(sd, between(sd, 400, 1200), end);
		} else if (!strcmp(state, "expired")) {
			date_at(sd, -between(sd, 800, 1500), start);
			date_at(sd, -between(sd, 1, 300), end);
		} else {
			date_at(sd, -between(sd, 30, 700), start);
			date_at(sd, between(sd, 30, 1000), end);
		}
		number(sd, REC_CONTRACT, num);
		snprintf(name, sizeof name, "%s %s", PICK(sd, names, 5), o->company);
		PREP(contract_sql);
		T(1, num);
		T(2, name);
		/* a contract has one owner: the account, or else the consumer */
		ID(3, o->account_id);
		ID(4, o->account_id ? 0 : o->consumer_id);
		T(5, state);
		T(6, start);
		T(7, end);
		I(8, PICK(sd, sd->managers, sd->n_managers));
		T(9, chance(sd, 30) ? "Response within 4 hours on working days." : NULL);
		if ((contract = insert(sd, st, "adding a contract")) < 0)
			return -1;
		for (int j = 0; j < count && j < o->n_sold; j++) {
			PREP(cover_sql);
			I(1, contract);
			I(2, o->sold[(first + j) % o->n_sold]);
			if (insert(sd, st, "covering a sold product") < 0)
				return -1;
		}
		snprintf(name, sizeof name, "%s: support", num);
		ent = add_entitlement(sd, name, 0, 0, 0, contract, 0, 0, 0, start, end,
				      strcmp(state, "canceled") != 0);
		if (ent < 0)
			return -1;
		if (chance(sd, 30)) {
			snprintf(name, sizeof name, "%s: on-site visits", num);
			if (add_entitlement(sd, name, 0, 0, 0, 0, 0, o->sold[first], 0, start, end,
					    true) < 0)
				return -1;
		}
		if (chance(sd, 15)) {
			snprintf(name, sizeof name, "%s: customer goodwill", o->company);
			if (add_entitlement(sd, name, 0, o->account_id, o->account_id ? 0 : o->consumer_id,
					    0, 0, 0, 0, start, end, true) < 0)
				return -1;
		}
		if (strcmp(state, "active") != 0)
			continue;
		for (size_t t = o->first_target; t < sd->n_targets; t++) {
			struct target *tg = &sd->targets[t];
			for (int j = 0; j < count && j < o->n_sold; j++)
				if (tg->sold_product_id == o->sold[(first + j) % o->n_sold]) {
					tg->contract_id = contract;
					tg->entitlement_id = ent;
				}
			if (tg->item_id && chance(sd, 5)) {
				snprintf(name, sizeof name, "%s: item hotline", num);
				if (add_entitlement(sd, name, 0, 0, 0, 0, 0, 0, tg->item_id, start, end,
						    true) < 0)
					return -1;
			} else if (tg->asset_id && chance(sd, 3)) {
				snprintf(name, sizeof name, "%s: asset cover", num);
				if (add_entitlement(sd, name, 0, 0, 0, 0, tg->asset_id, 0, 0, start, end,
						    true) < 0)
					return -1;
			}
		}
	}
	return 0;
}

/* ---- owners ----------------------------------------------------------------- */

/* Trees for one owner until it has about `quota` items, then contracts. */
static int seed_owner(struct seeder *sd, struct owner *o, long quota, int contracts)
{
	long start = (long)sd->items, n = 1;

	o->first_target = sd->n_targets;
	if (o->n_sites == 0)
		return 0;
	while ((long)sd->items - start < quota)
		if (add_tree(sd, o, n++) < 0)
			return -1;
	return add_contracts(sd, o, contracts);
}

static int seed_install_base(struct seeder *sd)
{
	/* An item budget shared out over the owners still to come, so that
	 * whole trees add up to about the target. */
	long target = shaped(sd->scale, DEMO_ITEMS, UNIT_ITEMS);
	long budget = sd->accounts_on && sd->consumers_on ? target / 2 : target;
	long owners_left = sd->n_accts, start = (long)sd->items;
	size_t home_sites[1];
	for (int i = 0; sd->accounts_on && i < sd->n_accts; i++) {
		struct account *a = &sd->accts[i];
		struct owner o = {0};
		size_t sites[4];
		long quota;

		if (index_part(sd, i, sd->n_accts, SK_INSTALL_BASE, SK_SOLD_PRODUCT) < 0)
			return -1;
		o.account_id = a->id;
		o.account = i;
		o.consumer = -1;
		o.contact_id = sd->contacts[a->first_contact + (size_t)below(sd, a->n_contacts)];
		/* The accounts whose first contact logs in: that contact is the one
		 * of their install base and cases, so that `--as chris` has some. */
		if (i < (int)(sizeof contact_logins / sizeof contact_logins[0]))
			o.contact_id = sd->contacts[a->first_contact];
		o.company = a->short_name;
		for (int k = 0; k < a->n_sites; k++)
			sites[k] = a->first_site + (size_t)k;
		o.sites = sites;
		o.n_sites = a->n_sites;
		/* b2b2c: some of the account's products are used by a consumer */
		if (sd->consumers_on && chance(sd, 40)) {
			o.consumer = (int)below(sd, sd->n_cons);
			o.consumer_id = sd->cons[o.consumer].id;
		}
		quota = (budget - ((long)sd->items - start)) / owners_left--;
		if (seed_owner(sd, &o, quota / 2 + below(sd, quota + 1), (int)between(sd, 1, 3)) < 0)
			return -1;
	}
	budget = target - ((long)sd->items - start);
	start = (long)sd->items;
	owners_left = 0;
	for (int i = 0; sd->consumers_on && i < sd->n_cons; i++)
		owners_left += sd->cons[i].site != SIZE_MAX;
	for (int i = 0; sd->consumers_on && i < sd->n_cons; i++) {
		struct consumer *c = &sd->cons[i];
		struct owner o = {0};
		long quota;

		if (index_part(sd, i, sd->n_cons, SK_INSTALL_BASE, SK_SOLD_PRODUCT) < 0)
			return -1;
		if (c->site == SIZE_MAX)
			continue;
		o.consumer_id = c->id;
		o.consumer = i;
		o.account = -1;
		if (c->household >= 0)
			o.household_id = sd->hhs[c->household].id;
		o.company = c->last;
		home_sites[0] = c->site;
		o.sites = home_sites;
		o.n_sites = 1;
		quota = (budget - ((long)sd->items - start)) / (owners_left > 0 ? owners_left : 1);
		owners_left--;
		if (seed_owner(sd, &o, quota / 2 + below(sd, quota + 1), chance(sd, 40) ? 1 : 0) < 0)
			return -1;
	}
	/* Warranties by product model, for any customer. */
	for (size_t i = 0, n = 0; i < sd->ind->n_products && n < 2; i++) {
		char name[192], start[16], end[16];
		if (strcmp(sd->ind->products[i].kind, "hardware") != 0)
			continue;
		snprintf(name, sizeof name, "Manufacturer warranty %s", sd->ind->products[i].name);
		date_at(sd, -730, start);
		date_at(sd, 1095, end);
		if (add_entitlement(sd, name, sd->product_ids[i], 0, 0, 0, 0, 0, 0, start, end,
				    true) < 0)
			return -1;
		n++;
	}
	return 0;
}

/* ---- cases -------------------------------------------------------------------- */

static const char *const case_states[] = {"new", "open", "awaiting_info", "resolved", "closed",
					  "canceled"};
static const char *const channels[] = {"phone", "email", "web", "chat", "walk-in"};

static int add_journal(struct seeder *sd, int64_t case_id, const char *kind, const char *body,
		       int64_t author, long at)
{
	static const char sql[] =
		"INSERT OR FAIL INTO main.case_journal(case_id, kind, body, author_id, author, created_at)"
		" VALUES (?1, ?2, ?3, ?4, (SELECT login FROM user WHERE id = ?4), ?5)";
	sqlite3_stmt *st;
	char ts[24];

	stamp_at(sd, at, ts);
	PREP(sql);
	I(1, case_id);
	T(2, kind);
	T(3, body);
	I(4, author);
	T(5, ts);
	return insert(sd, st, "adding a journal entry") < 0 ? -1 : 0;
}

static int add_task(struct seeder *sd, int64_t case_id, const char *state, long at, long closed)
{
	static const char sql[] =
		"INSERT OR FAIL INTO main.case_task(number, case_id, short_description, state, assigned_user_id,"
		" assigned_group_id, created_at, closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st;
	char num[32], ts[24], cts[24];
	int g = (int)below(sd, N_GROUPS);

	number(sd, REC_TASK, num);
	stamp_at(sd, at, ts);
	stamp_at(sd, closed, cts);
	PREP(sql);
	T(1, num);
	I(2, case_id);
	T(3, PICK(sd, seed_tasks, seed_n_tasks));
	T(4, state);
	if (chance(sd, 80))
		I(5, chance(sd, 40) ? PICK(sd, sd->contributors, sd->n_contributors)
				    : PICK(sd, sd->agents, sd->n_agents));
	else
		I(6, sd->groups[g]);
	if (chance(sd, 50))
		I(6, sd->groups[g]);
	T(7, ts);
	T(8, strcmp(state, "open") != 0 ? cts : NULL);
	return insert(sd, st, "adding a case task") < 0 ? -1 : 0;
}

static int add_case(struct seeder *sd, long i)
{
	static const char case_sql[] =
		"INSERT OR FAIL INTO main.cases(number, short_description, description, state, priority, channel,"
		" category, account_id, contact_id, consumer_id, household_id, service_org_id,"
		" requester_id, product_id, asset_id, install_base_item_id, sold_product_id,"
		" contract_id, entitlement_id, group_id, assigned_to_id, opened_by_id, opened_at,"
		" resolution_code, resolution_notes, resolved_by_id, resolved_at, closed_by_id,"
		" closed_at, approval, approver_id, updated_at) VALUES"
		" (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		"  ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)";
	static const char state_sql[] = "UPDATE OR FAIL main.cases SET state = ?2 WHERE id = ?1";
	static const long prio_weights[] = {5, 15, 35, 45};
	const struct industry_code *code;
	const char *state, *subject, *approval = "not_requested";
	struct target *tg = NULL;
	struct party_ctx ctx = {-1, -1};
	sqlite3_stmt *st;
	char num[32], opened[24], resolved[24], closed[24], updated[24], notes[256], desc[512];
	long r, age, prio = 4, pr, n_journal;
	int g = (int)below(sd, N_GROUPS);
	int64_t assignee = 0, opener = PICK(sd, sd->agents, sd->n_agents), id, approver;
	bool done, direct = store_bulk(sd->s);

	/* The first cases show every state and every approval at least once. */
	if (i < 6) {
		state = case_states[i];
	} else {
		r = below(sd, 100);
		state = r < 10 ? "new" : r < 35 ? "open" : r < 45 ? "awaiting_info"
			: r < 55 ? "resolved" : r < 90 ? "closed" : "canceled";
	}
	if (i >= 6 && i < 9)
		approval = i == 6 ? "requested" : i == 7 ? "approved" : "rejected";
	else if (chance(sd, 15))
		approval = PICK(sd, ((const char *const[]){"requested", "approved", "rejected"}), 3);
	done = !strcmp(state, "resolved") || !strcmp(state, "closed") || !strcmp(state, "canceled");
	age = done ? between(sd, 3 * 86400, 700 * 86400) : between(sd, 3600, 25 * 86400);
	pr = below(sd, 100);
	for (int k = 0; k < 4; k++) {
		pr -= prio_weights[k];
		if (pr < 0) {
			prio = k + 1;
			break;
		}
	}
	if (strcmp(state, "new") != 0 || chance(sd, 50))
		assignee = sd->members[g][below(sd, sd->n_members[g])];
	subject = PICK(sd, sd->ind->seed.case_subjects, sd->ind->seed.n_case_subjects);
	code = &sd->ind->resolution_codes[below(sd, (long)sd->ind->n_resolution_codes)];
	stamp_at(sd, -age, opened);
	stamp_at(sd, -age + between(sd, 3600, age / 2 > 3600 ? age / 2 : 3601), resolved);
	stamp_at(sd, -age + age * 3 / 4, closed);
	stamp_at(sd, done ? -age + age * 3 / 4 : -between(sd, 0, age), updated);

	number(sd, REC_CASE, num);
	PREP(case_sql);
	T(1, num);
	T(2, subject);
	snprintf(desc, sizeof desc, "%s. Reported by %s; first noticed %ld days ago.", subject,
		 PICK(sd, channels, 5), between(sd, 1, 14));
	T(3, desc);
	/* The rules (triggers) take a case through "open" to where it ends;
	 * in bulk mode, without them, it goes in as it ends. */
	T(4, direct || !strcmp(state, "new") ? state : "open");
	I(5, prio);
	T(6, PICK(sd, channels, 5));
	T(7, PICK(sd, sd->ind->case_categories, sd->ind->n_case_categories));
	r = below(sd, 100);
	if (i > 9 && r < 3) {
		I(12, PICK(sd, sd->orgs, N_ORGS));           /* a service organization's case */
	} else if (i > 9 && r < 5) {
		I(13, PICK(sd, sd->agents, sd->n_agents));   /* an internal requester */
	} else if (sd->n_targets) {
		tg = &sd->targets[below(sd, (long)sd->n_targets)];
		ctx.account = tg->account;
		ctx.consumer = tg->consumer;
		ID(8, tg->account_id);
		ID(9, tg->account_id ? tg->contact_id : 0);
		/* b2b2c: an account's case names the consumer only sometimes */
		ID(10, !tg->account_id || chance(sd, 40) ? tg->consumer_id : 0);
		ID(11, tg->account_id ? 0 : tg->household_id);
		I(14, tg->product_id);
		ID(15, tg->asset_id);
		ID(16, tg->item_id);
		ID(17, tg->sold_product_id);
		ID(18, tg->contract_id);
		ID(19, tg->entitlement_id);
	}
	I(20, sd->groups[g]);
	ID(21, assignee);
	I(22, opener);
	T(23, opened);
	if (!strcmp(state, "resolved") || !strcmp(state, "closed")) {
		snprintf(notes, sizeof notes, "%s: %s.", code->label, subject);
		T(24, code->code);
		T(25, notes);
		I(26, assignee ? assignee : opener);
		T(27, resolved);
	} else if (!strcmp(state, "canceled")) {
		T(25, "Canceled: the customer withdrew the request.");
	}
	if (!strcmp(state, "closed") || !strcmp(state, "canceled")) {
		I(28, assignee ? assignee : opener);
		T(29, closed);
	}
	T(30, approval);
	approver = strcmp(approval, "not_requested") ? PICK(sd, sd->managers, sd->n_managers) : 0;
	/* Every other request asks the partner manager, the demo's stakeholder,
	 * so that her "Awaiting my approval" queue has cases to decide. */
	if (!strcmp(approval, "requested") && i % 2 == 1)
		approver = staff_user(sd, "sybil");
	ID(31, approver);
	T(32, updated);
	if ((id = insert(sd, st, "adding a case")) < 0)
		return -1;

	/* Journal and tasks go in before the case is closed (then read-only,
	 * when the rules are on). */
	n_journal = between(sd, 1, 4);
	for (long k = 0; k < n_journal; k++) {
		bool note = chance(sd, 45);
		int64_t author = note || !assignee ? PICK(sd, sd->agents, sd->n_agents) : assignee;
		if (add_journal(sd, id, note ? "work_note" : "comment",
				note ? PICK(sd, seed_work_notes, seed_n_work_notes)
				     : PICK(sd, seed_comments, seed_n_comments),
				author, -age + (k + 1) * (age / (n_journal + 2))) < 0)
			return -1;
	}
	if (chance(sd, 30) || i < 12) {
		long n_tasks = between(sd, 1, 2);
		for (long k = 0; k < n_tasks; k++) {
			const char *ts = !strcmp(state, "canceled") ? "canceled"
					 : done ? "closed" : chance(sd, 30) ? "closed" : "open";
			if (add_task(sd, id, ts, -age + age / 4, -age + age / 2) < 0)
				return -1;
		}
	}
	if ((chance(sd, 35) || i < 40) && add_party(sd, 'c', id, &ctx, 1) < 0)
		return -1;
	if (chance(sd, 10) && add_party(sd, 'c', id, &ctx, 2) < 0)
		return -1;

	if (direct || !strcmp(state, "new") || !strcmp(state, "open"))
		return 0;
	PREP(state_sql);
	I(1, id);
	T(2, state);
	return insert(sd, st, "setting a case's state") < 0 ? -1 : 0;
}

static int seed_cases(struct seeder *sd)
{
	long n = shaped(sd->scale, DEMO_CASES, UNIT_CASES);
	for (long i = 0; i < n; i++)
		if (index_part(sd, i, n, SK_CASE, SK_COUNT) < 0 || add_case(sd, i) < 0)
			return -1;
	return 0;
}

/* Parties on the first hosts of every kind, for types not used yet: a
 * small demo still shows every related-party type of the template. */
static int seed_missing_parties(struct seeder *sd)
{
	static const char sql[] =
		"SELECT (SELECT min(id) FROM cases), (SELECT min(id) FROM sold_product),"
		" (SELECT min(id) FROM install_base_item WHERE parent_id IS NULL)";
	sqlite3_stmt *st;
	int64_t hosts[3];
	struct party_ctx ctx = {-1, -1};

	PREP(sql);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_sqlerr(sd->s, sd->err, "finding hosts for related parties");
		sqlite3_reset(st);
		return -1;
	}
	for (int k = 0; k < 3; k++)
		hosts[k] = sqlite3_column_int64(st, k);
	sqlite3_reset(st);
	for (size_t i = 0; i < sd->n_ptypes; i++) {
		struct party_type *t = &sd->ptypes[i];
		int h = t->applies_to == 'c' ? 0 : t->applies_to == 's' ? 1 : 2;
		if (t->used || !kind_usable(sd, t->kind) || !hosts[h])
			continue;
		if (add_party(sd, t->applies_to, hosts[h], &ctx, 9) < 0)
			return -1;
	}
	return 0;
}

/* ---- the whole seed ------------------------------------------------------------ */

static void seeder_fini(struct seeder *sd)
{
	for (size_t i = 0; i < sd->n_sites; i++)
		free(sd->sites[i].name);
	free(sd->sites);
	for (int i = 0; sd->accts && i < sd->n_accts; i++) {
		free(sd->accts[i].name);
		free(sd->accts[i].short_name);
		free(sd->accts[i].domain);
		free(sd->accts[i].path);
	}
	free(sd->accts);
	for (int i = 0; sd->cons && i < sd->n_cons; i++)
		free(sd->cons[i].last);
	free(sd->cons);
	free(sd->hhs);
	free(sd->contacts);
	free(sd->targets);
	for (size_t i = 0; i < sd->n_ptypes; i++)
		free(sd->ptypes[i].name);
	free(sd->ptypes);
	free(sd->product_ids);
	for (int64_t i = 0; i < sd->loc_next - sd->loc_base; i++)
		free(sd->loc_paths[i]);
	free(sd->loc_paths);
	free(sd->loc_depths);
	strbuf_fini(&sd->sb);
	for (size_t i = 0; i < sd->n_bulk; i++) {
		free(sd->bulk[i].name);
		free(sd->bulk[i].table);
		free(sd->bulk[i].sql);
	}
	free(sd->bulk);
}

/* ---- bulk loading ---------------------------------------------------------------- */

/* In bulk mode the non-unique indexes and the triggers of the tables the
 * seed fills are dropped for the load and made again from their own SQL
 * after it, in the same transaction:
 *   - an index is then built once, sorted, instead of taking millions of
 *     inserts at random places;
 *   - a statement on a table with triggers (audit, search, paths, counts,
 *     rules) may abort halfway, so SQLite journals every page it touches in
 *     a statement journal, row after row; without triggers, with the inserts
 *     written INSERT OR FAIL (a single row: checked before it is written)
 *     and foreign keys off, it need not.
 * What the triggers would do is done here (paths), by the rebuilds after
 * the load (location counts, search index) or not needed for generated
 * data (audit, rule checks; `csm check` checks the rules).  Each table's
 * indexes are made once the load is done with it (run()), while the search
 * index builders still have work: they are most of the main thread's work.
 * Unique indexes stay: they hold rules the inserts rely on (INSERT OR
 * IGNORE). */
static const char bulk_schema_sql[] =
	"SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
	" AND (type = 'trigger' OR (type = 'index' AND sql NOT LIKE 'CREATE UNIQUE%'))"
	" AND tbl_name IN ('location', 'account', 'contact',"
	" 'consumer', 'household', 'household_member', 'account_consumer', 'address',"
	" 'customer_team_member', 'asset', 'sold_product', 'install_base_item',"
	" 'installed_product', 'contract', 'contract_sold_product', 'entitlement', 'cases',"
	" 'case_journal', 'case_task', 'related_party') ORDER BY type, name";

/* Drops them into sd->bulk. */
static int drop_indexes(struct seeder *sd)
{
	sqlite3_stmt *st;
	int rc;

	PREP(bulk_schema_sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bulk_index *b;

		sd->bulk = xrealloc(sd->bulk, (sd->n_bulk + 1) * sizeof *sd->bulk);
		b = &sd->bulk[sd->n_bulk++];
		b->trigger = !strcmp((const char *)sqlite3_column_text(st, 0), "trigger");
		b->made = false;
		b->name = store_col_dup(st, 1);
		b->table = store_col_dup(st, 2);
		b->sql = store_col_dup(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(sd->s, sd->err, "listing indexes and triggers");
	for (size_t i = 0; i < sd->n_bulk; i++) {
		/* DDL takes no parameters: the name comes from the schema itself. */
		char *drop = sqlite3_mprintf("DROP %s \"%w\"", sd->bulk[i].trigger ? "TRIGGER" : "INDEX",
					     sd->bulk[i].name);
		int failed = store_exec_script(sd->s, drop, sd->err) < 0;

		sqlite3_free(drop);
		if (failed)
			return -1;
	}
	return 0;
}

/* Makes again the dropped indexes of tables (a NULL-terminated list), or
 * with tables NULL everything dropped and not made yet, triggers too. */
static int create_indexes(struct seeder *sd, const char *const *tables)
{
	for (size_t i = 0; i < sd->n_bulk; i++) {
		struct bulk_index *b = &sd->bulk[i];
		bool wanted = !tables;

		for (const char *const *t = tables; t && *t && !wanted; t++)
			wanted = !b->trigger && !strcmp(*t, b->table);
		if (b->made || !wanted)
			continue;
		if (store_exec_script(sd->s, b->sql, sd->err) < 0) {
			csm_error_prefix(sd->err, "%s %s: ", b->trigger ? "trigger" : "index", b->name);
			return -1;
		}
		b->made = true;
	}
	return 0;
}


/* Hands the records of kind a and b (SK_COUNT: none), loaded and final,
 * to the search index builder when there is one. */
static int index_kinds(struct seeder *sd, enum search_kind a, enum search_kind b)
{
	if (!sd->build)
		return 0;
	return store_search_build_kind(sd->build, a, sd->err) < 0
	       || (b != SK_COUNT && store_search_build_kind(sd->build, b, sd->err) < 0) ? -1 : 0;
}

/* Reports a step done to opt->progress. */
static void done(const struct seed_options *opt, const char *what)
{
	if (opt->progress)
		opt->progress(opt->progress_ctx, what);
}

/* The tables that no later step of the load writes to, after the
 * customers and after the install base (bulk mode makes their indexes
 * then: see bulk_schema_sql). */
static const char *const customer_tables[] = {
	"account", "contact", "consumer", "household", "household_member", "account_consumer",
	"address", "customer_team_member", NULL,
};
static const char *const install_base_tables[] = {
	"asset", "sold_product", "install_base_item", "installed_product", "contract",
	"contract_sold_product", "entitlement", NULL,
};

static int run(struct seeder *sd)
{
	if (refuse_filled(sd) < 0 || read_counters(sd) < 0 || read_next_ids(sd) < 0 ||
	    read_reference(sd) < 0 ||
	    seed_geography(sd) < 0 || seed_staff(sd) < 0 || seed_service_orgs(sd) < 0)
		return -1;
	done(sd->opt, "locations, staff and service organizations loaded");
	if (sd->accounts_on && (seed_accounts(sd) < 0 || index_kinds(sd, SK_ACCOUNT, SK_CONTACT) < 0))
		return -1;
	done(sd->opt, "accounts and contacts loaded");
	if (sd->consumers_on && (seed_consumers(sd) < 0
				 || index_kinds(sd, SK_CONSUMER, SK_HOUSEHOLD) < 0))
		return -1;
	done(sd->opt, "consumers and households loaded");
	if (create_indexes(sd, customer_tables) < 0)
		return -1;
	done(sd->opt, "the customers' indexes made");
	if (seed_install_base(sd) < 0 || index_kinds(sd, SK_INSTALL_BASE, SK_SOLD_PRODUCT) < 0)
		return -1;
	done(sd->opt, "install base, sold products and contracts loaded");
	if (create_indexes(sd, install_base_tables) < 0)
		return -1;
	done(sd->opt, "the install base's indexes made");
	/* the parties index nothing: the cases are final after them */
	if (seed_cases(sd) < 0 || seed_missing_parties(sd) < 0 || index_kinds(sd, SK_CASE, SK_COUNT) < 0)
		return -1;
	done(sd->opt, "cases loaded");
	/* the builders finish their indexes while the rest is made here */
	store_search_build_close(sd->build);
	if (write_counters(sd) < 0 || create_indexes(sd, NULL) < 0)
		return -1;
	done(sd->opt, "all other indexes and triggers made");
	return 0;
}

int store_seed(struct store *s, const struct industry *ind, enum business_model model,
	       const struct seed_options *opt, struct csm_error *err)
{
	struct seeder sd;
	int rc;

	if (opt->scale < 1 || opt->scale > SEED_MAX_SCALE)
		return csm_error_set(err, CSM_EX_USAGE, "seed: scale must be 1..%d, not %u",
				     SEED_MAX_SCALE, opt->scale);
	memset(&sd, 0, sizeof sd);
	sd.s = s;
	sd.ind = ind;
	sd.model = model;
	sd.accounts_on = model != MODEL_B2C;
	sd.consumers_on = model != MODEL_B2B;
	sd.scale = opt->scale;
	sd.rng = opt->seed;
	sd.err = err;
	sd.opt = opt;
	sd.now = clock_now();
	strbuf_init(&sd.sb);

	if (store_begin(s, err) < 0) {
		seeder_fini(&sd);
		return -1;
	}
	/* Bulk mode (see bulk_schema_sql): a larger page cache for the load
	 * (1 GiB; put back to store.c's after), indexes and triggers made after
	 * the load, the location counts rebuilt once, the search indexes filled
	 * on two more threads meanwhile.  Neither foreign keys (store_set_bulk();
	 * deferred to the commit should it be called in a transaction) nor
	 * CHECK constraints are checked row by row: at scale 1000 the foreign
	 * keys' lookups took a sixth of the CPU time, at scale 50 the CHECK
	 * constraints 4.4 of the 7.6 s of loading (date() and json_valid() on
	 * every row).  The rows are generated here, valid by construction;
	 * `csm check` (PRAGMA integrity_check and foreign_key_check), which the
	 * tests run on seeded databases of every model, checks them all. */
	if (store_bulk(s) && (store_exec_script(s, "PRAGMA cache_size = -1048576;"
						     "PRAGMA defer_foreign_keys = ON;"
						     "PRAGMA ignore_check_constraints = ON", err) < 0 ||
			      drop_indexes(&sd) < 0 ||
			      store_search_build_start(s, &sd.build, err) < 0))
		rc = -1;
	else
		rc = run(&sd);
	if (rc == 0 && store_location_counts_rebuild(s, err) < 0)
		rc = -1;
	else if (rc == 0)
		done(opt, "location counts made");
	if (rc == 0 && store_bulk(s)) {
		if ((sd.build ? store_search_build_finish(sd.build, err)
			      : store_search_rebuild(s, err)) < 0)
			rc = -1;
		else
			done(opt, "search indexes in place");
	}
	store_search_build_free(sd.build);
	if (store_bulk(s))
		store_exec_script(s, "PRAGMA cache_size = -16000;"
				  "PRAGMA ignore_check_constraints = OFF", NULL);
	if (rc < 0)
		store_rollback(s);
	else if ((rc = store_commit(s, err)) == 0)
		done(opt, "committed");
	seeder_fini(&sd);
	return rc;
}

int store_seed_journal(struct store *s, bool load)
{
	static const char load_sql[] = "PRAGMA main.journal_mode = TRUNCATE";
	static const char wal_sql[] = "PRAGMA main.journal_mode = WAL";
	sqlite3_stmt *st = store_stmt(s, load ? load_sql : wal_sql, NULL);
	const char *mode;
	int rc;

	if (!st)
		return -1;
	rc = sqlite3_step(st);
	mode = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	rc = mode && !strcmp(mode, load ? "truncate" : "wal") ? 0 : -1;
	sqlite3_reset(st);
	return rc;
}

int store_seed_counts(struct store *s, struct seed_report *out, struct csm_error *err)
{
	static const char *const tables[] = {
		"location", "user", "user_role", "assignment_group", "group_member",
		"service_organization", "service_org_member", "account", "contact", "consumer",
		"household", "household_member", "account_consumer", "address",
		"customer_team_member", "product", "asset", "sold_product", "install_base_item",
		"installed_product", "contract", "contract_sold_product", "entitlement", "cases",
		"case_journal", "case_task", "related_party",
	};
	static const char sql[] =
		"SELECT (SELECT count(*) FROM location), (SELECT count(*) FROM user),"
		" (SELECT count(*) FROM user_role), (SELECT count(*) FROM assignment_group),"
		" (SELECT count(*) FROM group_member), (SELECT count(*) FROM service_organization),"
		" (SELECT count(*) FROM service_org_member), (SELECT count(*) FROM account),"
		" (SELECT count(*) FROM contact), (SELECT count(*) FROM consumer),"
		" (SELECT count(*) FROM household), (SELECT count(*) FROM household_member),"
		" (SELECT count(*) FROM account_consumer), (SELECT count(*) FROM address),"
		" (SELECT count(*) FROM customer_team_member), (SELECT count(*) FROM product),"
		" (SELECT count(*) FROM asset), (SELECT count(*) FROM sold_product),"
		" (SELECT count(*) FROM install_base_item), (SELECT count(*) FROM installed_product),"
		" (SELECT count(*) FROM contract), (SELECT count(*) FROM contract_sold_product),"
		" (SELECT count(*) FROM entitlement), (SELECT count(*) FROM cases),"
		" (SELECT count(*) FROM case_journal), (SELECT count(*) FROM case_task),"
		" (SELECT count(*) FROM related_party)";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	size_t n = sizeof tables / sizeof tables[0];

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_sqlerr(s, err, "counting rows");
		sqlite3_reset(st);
		return -1;
	}
	out->n = 0;
	for (size_t i = 0; i < n && i < sizeof out->tables / sizeof out->tables[0]; i++) {
		out->tables[i].table = tables[i];
		out->tables[i].rows = sqlite3_column_int64(st, (int)i);
		out->n++;
	}
	sqlite3_reset(st);
	return 0;
}
