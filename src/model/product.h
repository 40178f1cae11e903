/* product.h - products, assets, sold products, install base items,
 * contracts and entitlements: plain structs and their rules.
 *
 * No SQL here (that is store/product_store.c and store/install_base_store.c).
 * Every struct owns its strings; *_fini() frees them and zeroes the struct,
 * so a struct can be filled again.  Ids are 0 when unset (SQL NULL).
 *
 * The three things users confuse:
 *   asset              what is owned (financial/physical record, tag + serial)
 *   sold product       what was bought, and is entitled to service
 *   install base item  what is installed where, and is serviced */
#ifndef CSM_MODEL_PRODUCT_H
#define CSM_MODEL_PRODUCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* A product model from the catalog. */
struct product {
	int64_t id;           /* row id; 0 before insert */
	char *name;           /* display name, required */
	char *model_number;   /* model number / SKU, unique, required */
	char *kind;           /* hardware, software, service, consumable (NULL = hardware) */
	char *category;       /* free text category, may be NULL */
	char *manufacturer;   /* may be NULL */
	int64_t parent_id;    /* parent model, 0 = none */
	char *description;    /* may be NULL */
	bool active;          /* deactivated products stay for history */
};

/* An owned thing: a financial/physical record. */
struct asset {
	int64_t id;           /* row id */
	char *asset_tag;      /* unique tag, required */
	char *serial_number;  /* may be NULL */
	int64_t product_id;   /* product model, required */
	int64_t account_id;   /* owner account, 0 = none */
	int64_t consumer_id;  /* owner consumer, 0 = none (never both) */
	char *status;         /* on_order, in_stock, in_use, in_repair, retired (NULL = in_use) */
};

/* Who owns a sold product or install base item. */
enum owner_kind {
	OWNER_ACCOUNT,
	OWNER_CONSUMER,
	OWNER_HOUSEHOLD,
	OWNER_SERVICE_ORG,
};

/* The state of a sold product follows its dates (never stored). */
enum sold_product_state {
	SOLD_IN_PREPARATION, /* start date after today */
	SOLD_ACTIVE,         /* started (or no start) and not ended */
	SOLD_EXPIRED,        /* end date before today */
};

/* What was bought. */
struct sold_product {
	int64_t id;              /* row id */
	char *number;            /* SP0000001; generated on create */
	int64_t product_id;      /* product model, required */
	int64_t parent_id;       /* the bundle it belongs to, 0 = none */
	int64_t account_id;      /* owner account (with consumer only in b2b2c) */
	int64_t consumer_id;     /* owner consumer */
	int64_t household_id;    /* owner household */
	int64_t service_org_id;  /* owner service organization */
	int64_t contact_id;      /* contact for it, 0 = none */
	int quantity;            /* > 0; 0 on create means 1 */
	char *start_date;        /* YYYY-MM-DD or NULL */
	char *end_date;          /* YYYY-MM-DD or NULL */
	bool active;             /* deactivated ones stay for history */
	char *product_name;      /* read only: the product's name (filled by reads) */
};

/* What is installed where. */
struct install_base_item {
	int64_t id;              /* row id */
	char *number;            /* IB0000001; generated on create */
	char *name;              /* required */
	int64_t product_id;      /* 0 = none */
	int64_t asset_id;        /* 0 = none */
	char *serial_number;     /* may be NULL */
	int64_t parent_id;       /* parent item, 0 = a root */
	int64_t root_id;         /* read only: the tree's root (triggers keep it) */
	char *path;              /* read only: "/root/../self/" (triggers keep it) */
	int depth;               /* read only: 0 for the tree's root (tree loads) */
	int64_t account_id;      /* owner account */
	int64_t consumer_id;     /* owner consumer */
	int64_t contact_id;      /* contact, 0 = none */
	int64_t household_id;    /* household, 0 = none */
	int64_t service_org_id;  /* service organization, 0 = none */
	int64_t location_id;     /* where it is, 0 = unknown */
	char *state;             /* in_use, in_repair, inactive (NULL = in_use) */
	char *install_date;      /* YYYY-MM-DD or NULL */
	char *uninstall_date;    /* YYYY-MM-DD or NULL */
	char *usage;             /* how and how much it is used, free text */
	char *characteristics;   /* JSON object text ("{}" when none) */
	char *product_name;      /* read only: the product's name, NULL if none */
};

/* A service contract. */
struct contract {
	int64_t id;           /* row id */
	char *number;         /* CNTR0000001; generated on create */
	char *name;           /* required */
	int64_t account_id;   /* owner account (xor consumer) */
	int64_t consumer_id;  /* owner consumer (xor account) */
	char *state;          /* draft, active, expired, canceled (NULL = draft) */
	char *start_date;     /* YYYY-MM-DD or NULL */
	char *end_date;       /* YYYY-MM-DD or NULL */
	int64_t approver_id;  /* user, 0 = none */
	char *description;    /* may be NULL */
};

/* A right to service, scoped to any of its non-zero *_id fields. */
struct entitlement {
	int64_t id;                   /* row id */
	char *name;                   /* required */
	int64_t product_id;           /* scope: product model */
	int64_t account_id;           /* scope: account */
	int64_t consumer_id;          /* scope: consumer */
	int64_t contract_id;          /* scope: contract */
	int64_t asset_id;             /* scope: asset */
	int64_t sold_product_id;      /* scope: sold product */
	int64_t install_base_item_id; /* scope: install base item */
	char *channels;               /* "phone,email,..." normalised; NULL on create = all */
	char *start_date;             /* YYYY-MM-DD or NULL */
	char *end_date;               /* YYYY-MM-DD or NULL */
	bool active;                  /* switched off entitlements never match */
	char *per_unit;               /* "cases", "hours" or NULL (unlimited) */
	int64_t total_units;          /* per-unit only */
	int64_t remaining_units;      /* per-unit only; never below 0 */
	bool exhausted;               /* read only: per-unit with 0 remaining */
	bool expired;                 /* read only: end date before today, or contract ended */
};

/* Owned arrays filled by list functions; *_list_fini() frees them. */
struct sold_product_list {
	struct sold_product *v; /* n entries */
	size_t n;
};
struct install_base_list {
	struct install_base_item *v; /* n entries */
	size_t n;
};
struct contract_list {
	struct contract *v; /* n entries */
	size_t n;
};
struct entitlement_list {
	struct entitlement *v; /* n entries */
	size_t n;
};

/* A prospective case, as the case form knows it, for matching entitlements.
 * Zero ids and a NULL channel are "not known". */
struct entitlement_query {
	const char *channel;           /* phone, email, web, chat, walk-in; NULL = any */
	int64_t account_id;            /* the case's account */
	int64_t consumer_id;           /* the case's consumer */
	int64_t contract_id;           /* the case's contract */
	int64_t product_id;            /* the case's product */
	int64_t asset_id;              /* the case's asset */
	int64_t sold_product_id;       /* the case's sold product */
	int64_t install_base_item_id;  /* the case's install base item */
	bool include_expired;          /* also return ended ones (flagged expired) */
};

void product_fini(struct product *p);
void asset_fini(struct asset *a);
void sold_product_fini(struct sold_product *sp);
void install_base_item_fini(struct install_base_item *it);
void contract_fini(struct contract *c);
void entitlement_fini(struct entitlement *e);
void sold_product_list_fini(struct sold_product_list *l);
void install_base_list_fini(struct install_base_list *l);
void contract_list_fini(struct contract_list *l);
void entitlement_list_fini(struct entitlement_list *l);

/* Appends an entry to a list and returns it zeroed (owned by the list). */
struct sold_product *sold_product_list_add(struct sold_product_list *l);
struct install_base_item *install_base_list_add(struct install_base_list *l);
struct contract *contract_list_add(struct contract_list *l);
struct entitlement *entitlement_list_add(struct entitlement_list *l);

/* Validation: each checks required fields, enumerations and dates and
 * returns 0, or -1 with err (CSM_EX_DATAERR) naming the field. */
int product_validate(const struct product *p, struct csm_error *err);
int asset_validate(const struct asset *a, struct csm_error *err);
int install_base_item_validate(const struct install_base_item *it, struct csm_error *err);
int contract_validate(const struct contract *c, struct csm_error *err);
int entitlement_validate(const struct entitlement *e, struct csm_error *err);

/* Checks a sold product's owner: exactly one of account, consumer, household,
 * service organization, except account + consumer in b2b2c (b2b2c true).
 * Also checks product, quantity and dates.  Returns 0 or -1 with err. */
int sold_product_validate(const struct sold_product *sp, bool b2b2c, struct csm_error *err);

/* The state of a sold product from its dates against today (clock_today(),
 * so CSM_NOW fixes it in tests). */
enum sold_product_state sold_product_state(const struct sold_product *sp);
/* "in preparation", "active", "expired". */
const char *sold_product_state_name(enum sold_product_state st);

/* Parses a channel list ("phone, Email,web") into the stored form
 * ("phone,email,web"): lower case, no blanks, no duplicates, each one of
 * phone, email, web, chat, walk-in.  Returns an owned string, or NULL with
 * err set for an unknown or empty list. */
char *entitlement_channels_parse(const char *text, struct csm_error *err);
/* True when channel is one of the five channels. */
bool entitlement_channel_valid(const char *channel);
/* True when the stored list holds channel. */
bool entitlement_has_channel(const char *channels, const char *channel);

/* True for the install base states in_use, in_repair, inactive. */
bool install_base_state_valid(const char *state);
/* True for the contract states draft, active, expired, canceled. */
bool contract_state_valid(const char *state);

/* A case on some item of an install base tree ("all cases of a tree"). */
struct tree_case {
	int64_t id;               /* case id */
	char *number;             /* CS0000001 */
	char *short_description;  /* the case's title */
	char *state;              /* new, open, ... */
	int priority;             /* 1 critical .. 4 low */
	int64_t item_id;          /* the install base item */
	char *item_number;        /* its number */
};
struct tree_case_list {
	struct tree_case *v; /* n entries */
	size_t n;
};

/* Install base counts at a location. */
struct location_counts {
	int64_t items;      /* install base items */
	int64_t in_use;     /* of them in use */
	int64_t in_repair;  /* of them in repair */
	int64_t open_cases; /* cases not closed or canceled on those items */
};

/* A location with its install base counts (the supervisor's roll-up). */
struct location_rollup {
	int64_t id;                   /* location id */
	char *name;                   /* location name */
	char *type;                   /* site, building, ... */
	char *path;                   /* "/1/7/" */
	int depth;                    /* location.depth (0 for a root) */
	int64_t parent_id;            /* 0 for a root */
	struct location_counts here;  /* items placed at this very location */
	struct location_counts total; /* the whole subtree, this location included */
};
struct location_rollup_list {
	struct location_rollup *v; /* n entries */
	size_t n;
};

void tree_case_list_fini(struct tree_case_list *l);
struct tree_case *tree_case_list_add(struct tree_case_list *l);
void location_rollup_list_fini(struct location_rollup_list *l);
struct location_rollup *location_rollup_list_add(struct location_rollup_list *l);
/* Adds b's counts to a. */
void location_counts_add(struct location_counts *a, const struct location_counts *b);

/* True when key can name a characteristic: 1-64 of [A-Za-z0-9_-]. */
bool install_base_characteristic_key_valid(const char *key);

#endif
