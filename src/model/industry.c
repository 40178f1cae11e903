/* industry.c - parsing industry templates with libyaml's document API.
 *
 * Each section is described by a table of fields (key, type, offset), the
 * way netplan describes its YAML: one generic walker fills the structs, and
 * every problem is reported at the offending node's line:column. */
#include "model/industry.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/embed.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

enum field_type {
	F_STR,      /* char * */
	F_BOOL,     /* bool */
	F_INT,      /* long */
	F_STRLIST,  /* char ** at off, size_t count at count_off */
	F_LIST,     /* array of spec->item_size items at off, count at count_off */
	F_MAP,      /* an embedded struct at off described by spec */
};

struct spec;

struct field {
	const char *key;         /* YAML key */
	enum field_type type;
	size_t off;              /* offset of the value in the struct */
	size_t count_off;        /* F_STRLIST, F_LIST: offset of the size_t count */
	bool required;           /* must be present (and non-empty for lists) */
	const struct spec *sub;  /* F_LIST, F_MAP: what the items look like */
};

struct spec {
	size_t item_size;           /* F_LIST: bytes per item (starts with a mark) */
	const struct field *fields; /* ends with a NULL key */
};

#define OFF(type, member) offsetof(struct type, member)
#define END {NULL, F_STR, 0, 0, false, NULL}

static const struct field product_fields[] = {
	{"name", F_STR, OFF(industry_product, name), 0, true, NULL},
	{"model_number", F_STR, OFF(industry_product, model_number), 0, true, NULL},
	{"kind", F_STR, OFF(industry_product, kind), 0, true, NULL},
	{"category", F_STR, OFF(industry_product, category), 0, true, NULL},
	{"manufacturer", F_STR, OFF(industry_product, manufacturer), 0, true, NULL},
	{"parent", F_STR, OFF(industry_product, parent), 0, false, NULL},
	{"description", F_STR, OFF(industry_product, description), 0, false, NULL},
	END,
};
static const struct spec product_spec = {sizeof(struct industry_product), product_fields};

static const struct field characteristic_fields[] = {
	{"name", F_STR, OFF(industry_characteristic, name), 0, true, NULL},
	{"label", F_STR, OFF(industry_characteristic, label), 0, true, NULL},
	{"unit", F_STR, OFF(industry_characteristic, unit), 0, false, NULL},
	{"category", F_STR, OFF(industry_characteristic, category), 0, false, NULL},
	{"values", F_STRLIST, OFF(industry_characteristic, values),
	 OFF(industry_characteristic, n_values), false, NULL},
	{"min", F_INT, OFF(industry_characteristic, min), 0, false, NULL},
	{"max", F_INT, OFF(industry_characteristic, max), 0, false, NULL},
	END,
};
static const struct spec characteristic_spec = {sizeof(struct industry_characteristic),
						characteristic_fields};

static const struct field responsibility_fields[] = {
	{"name", F_STR, OFF(industry_responsibility, name), 0, true, NULL},
	{"grants_access", F_BOOL, OFF(industry_responsibility, grants_access), 0, true, NULL},
	{"description", F_STR, OFF(industry_responsibility, description), 0, false, NULL},
	END,
};
static const struct spec responsibility_spec = {sizeof(struct industry_responsibility),
						responsibility_fields};

static const struct field party_type_fields[] = {
	{"name", F_STR, OFF(industry_party_type, name), 0, true, NULL},
	{"applies_to", F_STR, OFF(industry_party_type, applies_to), 0, true, NULL},
	{"party_kind", F_STR, OFF(industry_party_type, party_kind), 0, true, NULL},
	{"responsibility", F_STR, OFF(industry_party_type, responsibility), 0, true, NULL},
	{"description", F_STR, OFF(industry_party_type, description), 0, false, NULL},
	END,
};
static const struct spec party_type_spec = {sizeof(struct industry_party_type), party_type_fields};

static const struct field code_fields[] = {
	{"code", F_STR, OFF(industry_code, code), 0, true, NULL},
	{"label", F_STR, OFF(industry_code, label), 0, true, NULL},
	END,
};
static const struct spec code_spec = {sizeof(struct industry_code), code_fields};

/* Tree nodes nest: the children field refers back to the node spec. */
static const struct spec tree_spec;
static const struct field tree_fields[] = {
	{"product", F_STR, OFF(industry_tree, product), 0, true, NULL},
	{"name", F_STR, OFF(industry_tree, name), 0, true, NULL},
	{"count", F_INT, OFF(industry_tree, count), 0, false, NULL},
	{"weight", F_INT, OFF(industry_tree, weight), 0, false, NULL},
	{"usage", F_STRLIST, OFF(industry_tree, usage), OFF(industry_tree, n_usage), false, NULL},
	{"children", F_LIST, OFF(industry_tree, children), OFF(industry_tree, n_children), false,
	 &tree_spec},
	END,
};
static const struct spec tree_spec = {sizeof(struct industry_tree), tree_fields};

static const struct field seed_fields[] = {
	{"site_names", F_STRLIST, OFF(industry_seed, site_names), OFF(industry_seed, n_site_names),
	 true, NULL},
	{"sublocations", F_STRLIST, OFF(industry_seed, sublocations),
	 OFF(industry_seed, n_sublocations), false, NULL},
	{"install_base", F_LIST, OFF(industry_seed, trees), OFF(industry_seed, n_trees), true,
	 &tree_spec},
	{"case_subjects", F_STRLIST, OFF(industry_seed, case_subjects),
	 OFF(industry_seed, n_case_subjects), true, NULL},
	END,
};
static const struct spec seed_spec = {0, seed_fields};

static const struct field industry_fields[] = {
	{"name", F_STR, OFF(industry, name), 0, true, NULL},
	{"title", F_STR, OFF(industry, title), 0, true, NULL},
	{"description", F_STR, OFF(industry, description), 0, true, NULL},
	{"location_types", F_STRLIST, OFF(industry, location_types), OFF(industry, n_location_types),
	 true, NULL},
	{"products", F_LIST, OFF(industry, products), OFF(industry, n_products), true, &product_spec},
	{"characteristics", F_LIST, OFF(industry, characteristics), OFF(industry, n_characteristics),
	 true, &characteristic_spec},
	{"responsibilities", F_LIST, OFF(industry, responsibilities),
	 OFF(industry, n_responsibilities), true, &responsibility_spec},
	{"related_party_types", F_LIST, OFF(industry, party_types), OFF(industry, n_party_types), true,
	 &party_type_spec},
	{"case_categories", F_STRLIST, OFF(industry, case_categories), OFF(industry, n_case_categories),
	 true, NULL},
	{"resolution_codes", F_LIST, OFF(industry, resolution_codes), OFF(industry, n_resolution_codes),
	 true, &code_spec},
	{"seed", F_MAP, OFF(industry, seed), 0, true, &seed_spec},
	END,
};
static const struct spec industry_spec = {sizeof(struct industry), industry_fields};

/* The responsibilities csm itself relies on (team members, access). */
static const char *const required_responsibilities[] = {
	"Authorized Representative", "Authorized Account", "Authorized Service Organization",
	"Account Manager", "Relationship Manager", "Support Manager", "Primary Support Agent",
	"Preferred Technician",
};

struct parse {
	yaml_document_t *doc;
	const char *file;        /* for messages */
	struct csm_error *err;
	bool failed;             /* first error is kept */
};

#define MEMBER(base, off, type) ((type *)(void *)((char *)(base) + (off)))

static int fail_at(struct parse *p, yaml_mark_t mark, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(struct parse *p, yaml_mark_t mark, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	if (p->failed)
		return -1;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	p->failed = true;
	return csm_error_set(p->err, CSM_EX_SOFTWARE, "%s:%zu:%zu: %s", p->file, mark.line + 1,
			     mark.column + 1, what);
}

static int parse_fields(struct parse *p, yaml_node_t *map, const struct field *fields, void *base,
			const char *where);

static int scalar(struct parse *p, yaml_node_t *n, const char *key, char **out)
{
	if (n->type != YAML_SCALAR_NODE)
		return fail_at(p, n->start_mark, "%s: expected a text value", key);
	*out = xstrndup((const char *)n->data.scalar.value, n->data.scalar.length);
	return 0;
}

static int parse_strlist(struct parse *p, yaml_node_t *n, const char *key, char ***items,
			 size_t *count)
{
	size_t len, i = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(p, n->start_mark, "%s: expected a list", key);
	len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	*items = xcalloc(len ? len : 1, sizeof **items);
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *v = yaml_document_get_node(p->doc, *it);
		if (scalar(p, v, key, &(*items)[i]) < 0)
			return -1;
		*count = ++i;
	}
	return 0;
}

static int parse_list(struct parse *p, yaml_node_t *n, const char *key, const struct spec *spec,
		      void **items, size_t *count)
{
	size_t len, i = 0;

	if (n->type != YAML_SEQUENCE_NODE)
		return fail_at(p, n->start_mark, "%s: expected a list", key);
	len = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	*items = xcalloc(len ? len : 1, spec->item_size);
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top;
	     it++) {
		yaml_node_t *v = yaml_document_get_node(p->doc, *it);
		void *item = (char *)*items + i * spec->item_size;
		struct industry_mark *mark = item;

		mark->line = (int)v->start_mark.line + 1;
		mark->col = (int)v->start_mark.column + 1;
		*count = ++i;
		if (v->type != YAML_MAPPING_NODE)
			return fail_at(p, v->start_mark, "%s: expected a mapping (key: value)", key);
		if (parse_fields(p, v, spec->fields, item, key) < 0)
			return -1;
	}
	return 0;
}

static int parse_bool(struct parse *p, yaml_node_t *n, const char *key, bool *out)
{
	char *v = NULL;
	int rc = 0;

	if (scalar(p, n, key, &v) < 0)
		return -1;
	if (!strcmp(v, "true") || !strcmp(v, "yes"))
		*out = true;
	else if (!strcmp(v, "false") || !strcmp(v, "no"))
		*out = false;
	else
		rc = fail_at(p, n->start_mark, "%s: expected true or false, not '%s'", key, v);
	free(v);
	return rc;
}

static int parse_int(struct parse *p, yaml_node_t *n, const char *key, long *out)
{
	char *v = NULL, *end;
	int rc = 0;

	if (scalar(p, n, key, &v) < 0)
		return -1;
	*out = strtol(v, &end, 10);
	if (!*v || *end)
		rc = fail_at(p, n->start_mark, "%s: expected a whole number, not '%s'", key, v);
	free(v);
	return rc;
}

/* Fills base from the mapping node map according to fields. */
static int parse_fields(struct parse *p, yaml_node_t *map, const struct field *fields, void *base,
			const char *where)
{
	bool seen[32] = {false};

	for (yaml_node_pair_t *pr = map->data.mapping.pairs.start; pr < map->data.mapping.pairs.top;
	     pr++) {
		yaml_node_t *k = yaml_document_get_node(p->doc, pr->key);
		yaml_node_t *v = yaml_document_get_node(p->doc, pr->value);
		const struct field *f = NULL;
		size_t idx = 0;
		int rc = 0;

		if (k->type != YAML_SCALAR_NODE)
			return fail_at(p, k->start_mark, "%s: keys must be plain text", where);
		for (idx = 0; fields[idx].key; idx++)
			if (strlen(fields[idx].key) == k->data.scalar.length &&
			    !memcmp(fields[idx].key, k->data.scalar.value, k->data.scalar.length)) {
				f = &fields[idx];
				break;
			}
		if (!f)
			return fail_at(p, k->start_mark, "%s: unknown key '%.*s'", where,
				       (int)k->data.scalar.length, (const char *)k->data.scalar.value);
		if (seen[idx])
			return fail_at(p, k->start_mark, "%s: '%s' given twice", where, f->key);
		seen[idx] = true;
		switch (f->type) {
		case F_STR:
			rc = scalar(p, v, f->key, MEMBER(base, f->off, char *));
			break;
		case F_BOOL:
			rc = parse_bool(p, v, f->key, MEMBER(base, f->off, bool));
			break;
		case F_INT:
			rc = parse_int(p, v, f->key, MEMBER(base, f->off, long));
			break;
		case F_STRLIST:
			rc = parse_strlist(p, v, f->key, MEMBER(base, f->off, char **),
					   MEMBER(base, f->count_off, size_t));
			if (rc == 0 && f->required && *MEMBER(base, f->count_off, size_t) == 0)
				rc = fail_at(p, v->start_mark, "%s: the list is empty", f->key);
			break;
		case F_LIST:
			rc = parse_list(p, v, f->key, f->sub, MEMBER(base, f->off, void *),
					MEMBER(base, f->count_off, size_t));
			if (rc == 0 && f->required && *MEMBER(base, f->count_off, size_t) == 0)
				rc = fail_at(p, v->start_mark, "%s: the list is empty", f->key);
			break;
		case F_MAP:
			if (v->type != YAML_MAPPING_NODE)
				rc = fail_at(p, v->start_mark, "%s: expected a mapping (key: value)",
					     f->key);
			else
				rc = parse_fields(p, v, f->sub->fields, MEMBER(base, f->off, void),
						  f->key);
			break;
		}
		if (rc < 0)
			return -1;
	}
	for (size_t i = 0; fields[i].key; i++)
		if (fields[i].required && !seen[i])
			return fail_at(p, map->start_mark, "%s: '%s' is missing", where, fields[i].key);
	return 0;
}

/* ---- freeing, by the same tables -------------------------------------- */

static void free_fields(const struct field *fields, void *base);

static void free_strlist(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static void free_fields(const struct field *fields, void *base)
{
	for (const struct field *f = fields; f->key; f++) {
		switch (f->type) {
		case F_STR:
			free(*MEMBER(base, f->off, char *));
			break;
		case F_STRLIST:
			free_strlist(*MEMBER(base, f->off, char **), *MEMBER(base, f->count_off, size_t));
			break;
		case F_LIST: {
			char *items = *MEMBER(base, f->off, char *);
			size_t n = *MEMBER(base, f->count_off, size_t);
			for (size_t i = 0; i < n; i++)
				free_fields(f->sub->fields, items + i * f->sub->item_size);
			free(items);
			break;
		}
		case F_MAP:
			free_fields(f->sub->fields, MEMBER(base, f->off, void));
			break;
		case F_BOOL:
		case F_INT:
			break;
		}
	}
}

void industry_free(struct industry **indp)
{
	struct industry *ind = indp ? *indp : NULL;

	if (!ind)
		return;
	free_fields(industry_spec.fields, ind);
	free(ind->file);
	free(ind);
	*indp = NULL;
}

/* ---- checks after parsing --------------------------------------------- */

static int fail_item(struct parse *p, const struct industry_mark *m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_item(struct parse *p, const struct industry_mark *m, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	p->failed = true;
	return csm_error_set(p->err, CSM_EX_SOFTWARE, "%s:%d:%d: %s", p->file, m->line, m->col,
			     what);
}

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(v, *set) == 0)
			return true;
	return false;
}

static bool in_list(char **list, size_t n, const char *v)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], v) == 0)
			return true;
	return false;
}

const struct industry_product *industry_product_find(const struct industry *ind,
						     const char *model_number)
{
	for (size_t i = 0; i < ind->n_products; i++)
		if (strcmp(ind->products[i].model_number, model_number) == 0)
			return &ind->products[i];
	return NULL;
}

static int check_tree(struct parse *p, const struct industry *ind, const struct industry_tree *t,
		      int depth)
{
	if (!industry_product_find(ind, t->product))
		return fail_item(p, &t->mark, "install_base: no product with model_number '%s'",
				 t->product);
	if (depth > 4)
		return fail_item(p, &t->mark, "install_base: trees nest at most 4 levels");
	if (t->count < 0 || t->count > 50 || t->weight < 0 || t->weight > 100)
		return fail_item(p, &t->mark, "install_base: count must be 1..50 and weight 1..100");
	for (size_t i = 0; i < t->n_children; i++)
		if (check_tree(p, ind, &t->children[i], depth + 1) < 0)
			return -1;
	return 0;
}

/* Missing counts and weights mean 1. */
static void default_tree(struct industry_tree *t)
{
	if (t->count == 0)
		t->count = 1;
	if (t->weight == 0)
		t->weight = 1;
	for (size_t i = 0; i < t->n_children; i++)
		default_tree(&t->children[i]);
}

static int check(struct parse *p, struct industry *ind, yaml_mark_t top)
{
	static const char *const kinds[] = {"hardware", "software", "service", "consumable", NULL};
	static const char *const hosts[] = {"case", "sold_product", "install_base_item", NULL};
	static const char *const parties[] = {"contact", "consumer", "user", "account",
					      "service_organization", NULL};
	static const char *const first_types[] = {"country", "region", "city", "site"};

	for (size_t i = 0; i < 4; i++)
		if (ind->n_location_types <= i || strcmp(ind->location_types[i], first_types[i]))
			return fail_at(p, top, "location_types: must start with country, region, "
					       "city, site");
	for (size_t i = 0; i < ind->n_location_types; i++)
		if (in_list(ind->location_types, i, ind->location_types[i]))
			return fail_at(p, top, "location_types: '%s' is listed twice",
				       ind->location_types[i]);
	for (size_t i = 0; i < ind->n_products; i++) {
		const struct industry_product *pr = &ind->products[i];
		const struct industry_product *up;
		if (!one_of(pr->kind, kinds))
			return fail_item(p, &pr->mark, "products: kind '%s' is not hardware, software, "
					 "service or consumable", pr->kind);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(ind->products[j].model_number, pr->model_number))
				return fail_item(p, &pr->mark, "products: model_number '%s' is listed "
						 "twice", pr->model_number);
		if (!pr->parent)
			continue;
		up = industry_product_find(ind, pr->parent);
		if (!up || up == pr)
			return fail_item(p, &pr->mark, "products: parent '%s' is not another "
					 "product's model_number", pr->parent);
		for (int depth = 0; up->parent; depth++) {
			up = industry_product_find(ind, up->parent);
			if (!up || depth > 8)
				return fail_item(p, &pr->mark, "products: parent models of '%s' form "
						 "a loop", pr->model_number);
		}
	}
	for (size_t i = 0; i < ind->n_characteristics; i++) {
		const struct industry_characteristic *c = &ind->characteristics[i];
		bool known = !c->category;
		for (size_t j = 0; j < i; j++)
			if (!strcmp(ind->characteristics[j].name, c->name))
				return fail_item(p, &c->mark, "characteristics: '%s' is listed twice",
						 c->name);
		for (size_t j = 0; !known && j < ind->n_products; j++)
			known = !strcmp(ind->products[j].category, c->category);
		if (!known)
			return fail_item(p, &c->mark, "characteristics: no product has category '%s'",
					 c->category);
		if (c->min > c->max)
			return fail_item(p, &c->mark, "characteristics: min is above max");
	}
	for (size_t i = 0; i < ind->n_responsibilities; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(ind->responsibilities[j].name, ind->responsibilities[i].name))
				return fail_item(p, &ind->responsibilities[i].mark,
						 "responsibilities: '%s' is listed twice",
						 ind->responsibilities[i].name);
	for (size_t r = 0; r < sizeof required_responsibilities / sizeof *required_responsibilities;
	     r++) {
		bool found = false;
		for (size_t i = 0; i < ind->n_responsibilities && !found; i++)
			found = !strcmp(ind->responsibilities[i].name, required_responsibilities[r]);
		if (!found)
			return fail_at(p, top, "responsibilities: '%s' is missing (csm relies on it)",
				       required_responsibilities[r]);
	}
	for (size_t i = 0; i < ind->n_party_types; i++) {
		struct industry_party_type *t = &ind->party_types[i];
		bool found = false;
		if (!one_of(t->applies_to, hosts))
			return fail_item(p, &t->mark, "related_party_types: applies_to '%s' is not "
					 "case, sold_product or install_base_item", t->applies_to);
		if (!one_of(t->party_kind, parties))
			return fail_item(p, &t->mark, "related_party_types: party_kind '%s' is not "
					 "contact, consumer, user, account or service_organization",
					 t->party_kind);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(ind->party_types[j].name, t->name) &&
			    !strcmp(ind->party_types[j].applies_to, t->applies_to))
				return fail_item(p, &t->mark, "related_party_types: '%s' on %s is "
						 "listed twice", t->name, t->applies_to);
		if (!strcmp(t->responsibility, "none")) {
			/* "none": a listed type, recorded but granting nothing */
			free(t->responsibility);
			t->responsibility = NULL;
			continue;
		}
		for (size_t j = 0; j < ind->n_responsibilities && !found; j++)
			found = !strcmp(ind->responsibilities[j].name, t->responsibility);
		if (!found)
			return fail_item(p, &t->mark, "related_party_types: responsibility '%s' is not "
					 "defined (or write none)", t->responsibility);
	}
	for (size_t i = 0; i < ind->n_case_categories; i++)
		if (in_list(ind->case_categories, i, ind->case_categories[i]))
			return fail_at(p, top, "case_categories: '%s' is listed twice",
				       ind->case_categories[i]);
	for (size_t i = 0; i < ind->n_resolution_codes; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(ind->resolution_codes[j].code, ind->resolution_codes[i].code))
				return fail_item(p, &ind->resolution_codes[i].mark,
						 "resolution_codes: '%s' is listed twice",
						 ind->resolution_codes[i].code);
	for (size_t i = 0; i < ind->seed.n_sublocations; i++)
		if (!in_list(ind->location_types, ind->n_location_types, ind->seed.sublocations[i]))
			return fail_at(p, top, "seed: sublocation '%s' is not a location type",
				       ind->seed.sublocations[i]);
	for (size_t i = 0; i < ind->seed.n_trees; i++) {
		default_tree(&ind->seed.trees[i]);
		if (check_tree(p, ind, &ind->seed.trees[i], 1) < 0)
			return -1;
	}
	return 0;
}

struct industry *industry_parse(const char *file, const char *text, size_t len,
				struct csm_error *err)
{
	struct parse p = {.file = file, .err = err};
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct industry *ind;

	if (!yaml_parser_initialize(&parser)) {
		csm_error_set(err, CSM_EX_SOFTWARE, "%s: cannot start the YAML parser", file);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		csm_error_set(err, CSM_EX_SOFTWARE, "%s:%zu:%zu: %s", file,
			      parser.problem_mark.line + 1, parser.problem_mark.column + 1,
			      parser.problem ? parser.problem : "not valid YAML");
		yaml_parser_delete(&parser);
		return NULL;
	}
	yaml_parser_delete(&parser);
	p.doc = &doc;

	ind = xcalloc(1, sizeof *ind);
	ind->file = xstrdup(file);
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		csm_error_set(err, CSM_EX_SOFTWARE, "%s:1:1: the template is empty", file);
		p.failed = true;
	} else if (root->type != YAML_MAPPING_NODE) {
		fail_at(&p, root->start_mark, "template: expected a mapping (key: value)");
	} else if (parse_fields(&p, root, industry_fields, ind, "template") == 0) {
		check(&p, ind, root->start_mark);
	}
	yaml_document_delete(&doc);
	if (p.failed)
		industry_free(&ind);
	return ind;
}

size_t industry_count(void)
{
	return embedded_industries_count;
}

/* Names are the file names without ".yaml"; kept in a static table. */
const char *industry_name(size_t i)
{
	static char names[32][48];

	if (i >= embedded_industries_count || i >= 32)
		return NULL;
	if (!names[i][0]) {
		const char *f = embedded_industries[i].name;
		const char *dot = strrchr(f, '.');
		size_t n = dot ? (size_t)(dot - f) : strlen(f);
		if (n >= sizeof names[i])
			n = sizeof names[i] - 1;
		memcpy(names[i], f, n);
		names[i][n] = '\0';
	}
	return names[i];
}

char *industry_names_joined(void)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < industry_count(); i++) {
		if (i)
			strbuf_adds(&sb, ", ");
		strbuf_adds(&sb, industry_name(i));
	}
	return strbuf_take(&sb);
}

struct industry *industry_load(const char *name, struct csm_error *err)
{
	struct industry *ind;
	char *known;

	for (size_t i = 0; name && i < industry_count(); i++) {
		const struct embed_file *f = &embedded_industries[i];
		if (strcmp(industry_name(i), name) != 0)
			continue;
		ind = industry_parse(f->name, f->data, f->size, err);
		if (ind && strcmp(ind->name, name) != 0) {
			csm_error_set(err, CSM_EX_SOFTWARE, "%s: its name is '%s', expected '%s'",
				      f->name, ind->name, name);
			industry_free(&ind);
		}
		return ind;
	}
	known = industry_names_joined();
	csm_error_set(err, CSM_EX_USAGE, "unknown industry '%s'; known industries: %s",
		      name ? name : "", known);
	free(known);
	return NULL;
}
