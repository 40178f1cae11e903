/* party.h - the internal side and customer access records as plain data.
 *
 * Users and their roles, assignment groups, service organizations, customer
 * team members, related party types and related parties (domain.md,
 * "Internal side" and "Customer access management"), with the rules that
 * need no database: the login shape, which roles an internal or an external
 * user may hold, and the sentence that says what a related party entry
 * grants.  No SQL here; store/party_store.h loads and saves these structs.
 *
 * Every struct owns its strings; *_fini() frees them and zeroes the struct,
 * so a finied struct can be filled again. */
#ifndef CSM_MODEL_PARTY_H
#define CSM_MODEL_PARTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- roles ----------------------------------------------------------- */

enum role {
	ROLE_ADMIN,
	ROLE_MANAGER,
	ROLE_AGENT,
	ROLE_CONTRIBUTOR,
	ROLE_STAKEHOLDER,
	ROLE_CUSTOMER,
	ROLE_CONSUMER,
	ROLE_VIEWER,
	ROLE_COUNT
};
#define ROLE_BIT(r) (1u << (r))

/* Which side of the business a role belongs to (bits; a role may allow both). */
enum role_side {
	SIDE_INTERNAL = 1 << 0, /* employees of the service provider */
	SIDE_EXTERNAL = 1 << 1, /* customers, partners, dealers */
};

/* "admin", "agent", ...; NULL when r is out of range. */
const char *role_name(enum role r);
/* Parses a role name; returns 0, or -1 when s names no role. */
int role_parse(const char *s, enum role *out);
/* The sides a role may be held on (SIDE_* bits). */
unsigned role_sides(enum role r);
/* True when a user that is external (or internal) may hold role r. */
bool role_allowed(enum role r, bool is_external);
/* One line saying what the role may do, for help and listings. */
const char *role_summary(enum role r);

/* True when login has the shape [a-z_][a-z0-9_.-]{0,63}. */
bool party_login_valid(const char *login);

/* ---- users and groups ------------------------------------------------ */

struct user {
	int64_t id;        /* row id; 0 before insert */
	char *login;       /* unique; matched against the OS login */
	char *name;        /* display name, required */
	char *email;       /* optional */
	char *phone;       /* optional */
	char *title;       /* job title, optional */
	bool is_external;  /* a customer's or partner's person, not staff */
	bool active;       /* inactive users keep their history but get no data */
	char *created_at;  /* "YYYY-MM-DDTHH:MM:SSZ", set by the store */
};
void user_fini(struct user *u);

struct user_list {
	struct user *items; /* owned, n entries */
	size_t n;
};
void user_list_fini(struct user_list *l);

struct group {
	int64_t id;          /* row id */
	char *name;          /* unique */
	char *email;         /* optional distribution address */
	int64_t manager_id;  /* user id, 0 = none */
	char *manager_login; /* the manager's login, NULL = none (filled by lookups) */
	bool active;         /* inactive groups take no new cases */
};
void group_fini(struct group *g);

struct group_list {
	struct group *items; /* owned, n entries */
	size_t n;
};
void group_list_fini(struct group_list *l);

/* ---- service organizations ------------------------------------------- */

struct service_org {
	int64_t id;          /* row id */
	char *number;        /* "SO0000001", generated */
	char *name;          /* required */
	bool is_external;    /* a dealer or partner rather than an own branch */
	int64_t parent_id;   /* 0 = top level */
	char *parent_number; /* the parent's number (filled by lookups) */
	int64_t manager_id;  /* user id, 0 = none */
	char *manager_login; /* the manager's login (filled by lookups) */
	int64_t location_id; /* 0 = none */
	bool active;         /* inactive organizations keep their history */
};
void service_org_fini(struct service_org *o);

/* A user in a service organization, or on a customer's team, with the
 * responsibility they hold there. */
struct team_member {
	int64_t id;            /* row id of the membership */
	int64_t user_id;       /* the member */
	char *login;           /* the member's login */
	char *user_name;       /* the member's display name */
	char *responsibility;  /* responsibility name; NULL = none */
	char *customer_number; /* the team's customer or organization (ACCT…, CON…, HOLD…, SO…) */
	char *customer_name;   /* its display name */
};
void team_member_fini(struct team_member *m);

struct team_member_list {
	struct team_member *items; /* owned, n entries */
	size_t n;
};
void team_member_list_fini(struct team_member_list *l);

/* The kinds of customer that have a team. */
enum team_customer { TEAM_ACCOUNT, TEAM_CONSUMER, TEAM_HOUSEHOLD };

/* ---- related parties ------------------------------------------------- */

/* What a related party is attached to. */
enum host_kind { HOST_CASE, HOST_SOLD_PRODUCT, HOST_INSTALL_BASE, HOST_KIND_COUNT };

/* Who a related party is. */
enum party_kind {
	PARTY_CONTACT,
	PARTY_CONSUMER,
	PARTY_USER,
	PARTY_ACCOUNT,
	PARTY_SERVICE_ORG,
	PARTY_KIND_COUNT
};

/* "case", "sold_product", "install_base_item" (the schema's applies_to). */
const char *host_kind_name(enum host_kind k);
/* "case", "sold product", "install base item": for messages. */
const char *host_kind_label(enum host_kind k);
/* Parses the schema name; returns 0 or -1. */
int host_kind_parse(const char *s, enum host_kind *out);
/* "contact", ..., "service_organization" (the schema's party_kind). */
const char *party_kind_name(enum party_kind k);
/* "contact", ..., "service organization": for messages. */
const char *party_kind_label(enum party_kind k);
/* Parses the schema name; returns 0 or -1. */
int party_kind_parse(const char *s, enum party_kind *out);

struct related_party_type {
	int64_t id;                /* row id */
	char *name;                /* "Authorized Contact", "Site Contact", ... */
	int64_t responsibility_id; /* default responsibility, 0 = none */
	enum host_kind applies_to; /* the kind of record it is attached to */
	enum party_kind party_kind;/* the kind of party it names */
	char *responsibility;      /* default responsibility; NULL = listed only */
	bool grants_access;        /* the default responsibility grants access */
	char *description;         /* optional */
};
void related_party_type_fini(struct related_party_type *t);

struct related_party_type_list {
	struct related_party_type *items; /* owned, n entries */
	size_t n;
};
void related_party_type_list_fini(struct related_party_type_list *l);

/* True when the type authorizes (its responsibility grants access);
 * false for "listed" types that only record the relationship. */
bool related_party_type_authorized(const struct related_party_type *t);

struct related_party {
	int64_t id;                 /* row id */
	enum host_kind host_kind;   /* what it is attached to */
	int64_t host_id;            /* row id of the host */
	char *host_number;          /* "CS0000042", "SP0000012", "IB0000007" */
	int64_t type_id;            /* related_party_type */
	char *type_name;            /* its name */
	enum party_kind party_kind; /* who the party is */
	int64_t party_id;           /* row id in the party kind's table */
	char *party_number;         /* number, or login for a user */
	char *party_name;           /* display name */
	int64_t responsibility_id;  /* 0 = none */
	char *responsibility;       /* NULL = none (listed) */
	bool grants_access;         /* the responsibility grants access */
	bool restricts_contacts;    /* account party: restrict_contact_access is set */
	char *relationship_name;    /* free text, "site owner"; NULL = none */
	int sort_order;             /* position in the host's list */
};
void related_party_fini(struct related_party *rp);

struct related_party_list {
	struct related_party *items; /* owned, n entries, in sort order */
	size_t n;
};
void related_party_list_fini(struct related_party_list *l);

/* The sentence that says in words what an entry grants, from domain.md
 * "Access": e.g. "Can see SP0000012, its install base items and all their
 * cases" or "Listed only: grants no access".  Returns an owned string. */
char *related_party_access_sentence(const struct related_party *rp);

#endif
