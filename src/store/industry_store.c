/* industry_store.c - an industry template's reference data into the tables. */
#include "store/industry_store.h"

#include <stdio.h>

#include "store/private.h"

static const char sql_location_type[] =
	"INSERT INTO location_type(name, sort_order) VALUES (?1, ?2)";
static const char sql_responsibility[] =
	"INSERT INTO responsibility(name, grants_access, description) VALUES (?1, ?2, ?3)";
static const char sql_party_type[] =
	"INSERT INTO related_party_type(name, applies_to, party_kind, responsibility_id, description)"
	" VALUES (?1, ?2, ?3, (SELECT id FROM responsibility WHERE name = ?4), ?5)";
static const char sql_category[] = "INSERT INTO case_category(name) VALUES (?1)";
static const char sql_code[] = "INSERT INTO resolution_code(code, label) VALUES (?1, ?2)";
static const char sql_characteristic[] =
	"INSERT INTO characteristic_def(name, label, unit, category) VALUES (?1, ?2, ?3, ?4)";
static const char sql_product[] =
	"INSERT INTO product(name, model_number, kind, category, manufacturer, description)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_product_parent[] =
	"UPDATE product SET parent_id = (SELECT id FROM product WHERE model_number = ?2)"
	" WHERE model_number = ?1";

/* Steps st; on failure names the template row in err. */
static int run(struct store *s, sqlite3_stmt *st, const struct industry *ind, const char *section,
	       const char *key, struct csm_error *err)
{
	char what[300];

	snprintf(what, sizeof what, "%s: %s '%s'", ind->file, section, key);
	return store_exec_stmt(s, st, err, what);
}

static int write_rows(struct store *s, const struct industry *ind, struct csm_error *err)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < ind->n_location_types; i++) {
		if (!(st = store_stmt(s, sql_location_type, err)))
			return -1;
		store_bind_text(st, 1, ind->location_types[i]);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		if (run(s, st, ind, "location type", ind->location_types[i], err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_responsibilities; i++) {
		const struct industry_responsibility *r = &ind->responsibilities[i];
		if (!(st = store_stmt(s, sql_responsibility, err)))
			return -1;
		store_bind_text(st, 1, r->name);
		sqlite3_bind_int(st, 2, r->grants_access);
		store_bind_text(st, 3, r->description);
		if (run(s, st, ind, "responsibility", r->name, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_party_types; i++) {
		const struct industry_party_type *t = &ind->party_types[i];
		if (!(st = store_stmt(s, sql_party_type, err)))
			return -1;
		store_bind_text(st, 1, t->name);
		store_bind_text(st, 2, t->applies_to);
		store_bind_text(st, 3, t->party_kind);
		store_bind_text(st, 4, t->responsibility);
		store_bind_text(st, 5, t->description);
		if (run(s, st, ind, "related party type", t->name, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_case_categories; i++) {
		if (!(st = store_stmt(s, sql_category, err)))
			return -1;
		store_bind_text(st, 1, ind->case_categories[i]);
		if (run(s, st, ind, "case category", ind->case_categories[i], err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_resolution_codes; i++) {
		const struct industry_code *c = &ind->resolution_codes[i];
		if (!(st = store_stmt(s, sql_code, err)))
			return -1;
		store_bind_text(st, 1, c->code);
		store_bind_text(st, 2, c->label);
		if (run(s, st, ind, "resolution code", c->code, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_characteristics; i++) {
		const struct industry_characteristic *c = &ind->characteristics[i];
		if (!(st = store_stmt(s, sql_characteristic, err)))
			return -1;
		store_bind_text(st, 1, c->name);
		store_bind_text(st, 2, c->label);
		store_bind_text(st, 3, c->unit);
		store_bind_text(st, 4, c->category);
		if (run(s, st, ind, "characteristic", c->name, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < ind->n_products; i++) {
		const struct industry_product *p = &ind->products[i];
		if (!(st = store_stmt(s, sql_product, err)))
			return -1;
		store_bind_text(st, 1, p->name);
		store_bind_text(st, 2, p->model_number);
		store_bind_text(st, 3, p->kind);
		store_bind_text(st, 4, p->category);
		store_bind_text(st, 5, p->manufacturer);
		store_bind_text(st, 6, p->description);
		if (run(s, st, ind, "product", p->model_number, err) < 0)
			return -1;
	}
	/* Parents second: a template may list a child before its parent. */
	for (size_t i = 0; i < ind->n_products; i++) {
		const struct industry_product *p = &ind->products[i];
		if (!p->parent)
			continue;
		if (!(st = store_stmt(s, sql_product_parent, err)))
			return -1;
		store_bind_text(st, 1, p->model_number);
		store_bind_text(st, 2, p->parent);
		if (run(s, st, ind, "product parent of", p->model_number, err) < 0)
			return -1;
	}
	return 0;
}

int store_industry_apply(struct store *s, const struct industry *ind, struct csm_error *err)
{
	if (store_begin(s, err) < 0)
		return -1;
	if (write_rows(s, ind, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}
