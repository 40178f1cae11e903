/* industry.h - industry templates (Service Model Foundation).
 *
 * An industry template (data/industries/NAME.yaml, embedded in the binary)
 * says what an industry needs: location types, a product catalog, install
 * base characteristics, responsibilities, related-party types, case
 * categories, resolution codes, and hints for `csm seed` (which products form
 * an install base tree, how sites are named, what cases are about).
 *
 * industry_parse() turns a template's text into a struct industry, checking
 * every section and every reference; errors name "NAME.yaml:LINE:COL". */
#ifndef CSM_MODEL_INDUSTRY_H
#define CSM_MODEL_INDUSTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* Where an item starts in its template (1-based), for error messages. */
struct industry_mark {
	int line;  /* 1-based line */
	int col;   /* 1-based column */
};

/* A product model of the catalog. */
struct industry_product {
	struct industry_mark mark;
	char *name;          /* "NCR SelfServ 84 ATM" */
	char *model_number;  /* model number / SKU, unique: the product's key */
	char *kind;          /* hardware | software | service | consumable */
	char *category;      /* "atm", "atm_module", ... */
	char *manufacturer;  /* "NCR" */
	char *parent;        /* model_number of the parent model, or NULL */
	char *description;   /* optional */
};

/* An install base characteristic (key of install_base_item.characteristics). */
struct industry_characteristic {
	struct industry_mark mark;
	char *name;      /* key, e.g. "firmware_version" */
	char *label;     /* "Firmware version" */
	char *unit;      /* "kWh", or NULL */
	char *category;  /* product category it applies to; NULL = all */
	char **values;   /* seed: sample values to pick from (may be empty) */
	size_t n_values;
	long min, max;   /* seed: numeric range when there are no values */
};

/* What a party may do (Authorized Representative, Account Manager, ...). */
struct industry_responsibility {
	struct industry_mark mark;
	char *name;          /* unique */
	bool grants_access;  /* true: holders see the record and its cases */
	char *description;
};

/* A related-party type: who can be named on a case, sold product or item. */
struct industry_party_type {
	struct industry_mark mark;
	char *name;            /* unique per applies_to */
	char *applies_to;      /* case | sold_product | install_base_item */
	char *party_kind;      /* contact | consumer | user | account | service_organization */
	char *responsibility;  /* responsibility name; NULL = listed only ("none") */
	char *description;
};

/* A resolution code offered when a case is resolved. */
struct industry_code {
	struct industry_mark mark;
	char *code;   /* "fixed" */
	char *label;  /* "Fixed on site" */
};

/* Seed hint: one node of an install base tree shape. */
struct industry_tree {
	struct industry_mark mark;
	char *product;    /* model_number of the item's product */
	char *name;       /* item name pattern: {site}, {n}, {serial} are filled in */
	long count;       /* how many such children (1 when not given) */
	long weight;      /* roots only: relative frequency among roots (1) */
	char **usage;     /* roots only: usage texts to pick from */
	size_t n_usage;
	struct industry_tree *children;  /* child nodes */
	size_t n_children;
};

/* Seed hints: what `csm seed` builds for this industry. */
struct industry_seed {
	char **site_names;  /* site name patterns: {city}, {street}, {company}, {n} */
	size_t n_site_names;
	char **sublocations;  /* location types nested under each site, outermost first */
	size_t n_sublocations;
	struct industry_tree *trees;  /* install base tree shapes */
	size_t n_trees;
	char **case_subjects;  /* short descriptions of cases */
	size_t n_case_subjects;
};

struct industry {
	char *file;  /* "banking.yaml" */
	char *name;  /* "banking": what --industry takes */
	char *title;
	char *description;
	char **location_types;  /* ordered, outermost first */
	size_t n_location_types;
	struct industry_product *products;
	size_t n_products;
	struct industry_characteristic *characteristics;
	size_t n_characteristics;
	struct industry_responsibility *responsibilities;
	size_t n_responsibilities;
	struct industry_party_type *party_types;
	size_t n_party_types;
	char **case_categories;
	size_t n_case_categories;
	struct industry_code *resolution_codes;
	size_t n_resolution_codes;
	struct industry_seed seed;
};

/* Parses a template's text (len bytes; file names it in errors, e.g.
 * "banking.yaml").  Every section must be present and non-empty, names
 * unique, references resolvable.  Returns an owned industry (free with
 * industry_free()), or NULL with err set to "file:line:col: what". */
struct industry *industry_parse(const char *file, const char *text, size_t len,
				struct csm_error *err);

/* Loads the embedded template called name ("banking").  An unknown name is
 * CSM_EX_USAGE with the known names in the message.  Returns an owned
 * industry or NULL with err set. */
struct industry *industry_load(const char *name, struct csm_error *err);

/* Frees ind and everything it owns; sets *ind to NULL.  NULL is fine. */
void industry_free(struct industry **ind);

/* The number of embedded templates, and the name of the i-th ("banking"),
 * sorted; the name is static storage. */
size_t industry_count(void);
const char *industry_name(size_t i);

/* "banking, building_services, ...": owned string of every known name. */
char *industry_names_joined(void);

/* Looks a product up by model number; borrowed pointer or NULL. */
const struct industry_product *industry_product_find(const struct industry *ind,
						     const char *model_number);

#endif
