/* customer.h - the customer side of the domain as plain structs: accounts,
 * contacts, consumers, households and their members, account-consumer links
 * (b2b2c), locations and addresses, with the rules a record must meet before
 * it is written (required fields, lengths, email and phone shapes, dates).
 *
 * Strings are owned (NULL or "" both mean "not set"); x_fini() frees them
 * and leaves the struct zeroed.  Fields marked (read) are filled by the
 * store's lookups for display and ignored on writes. */
#ifndef CSM_MODEL_CUSTOMER_H
#define CSM_MODEL_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

/* Length limits in characters (UTF-8 code points). */
#define CUST_NAME_MAX 200   /* account, household, location and person names */
#define CUST_CODE_MAX 64    /* account code, external ids, types, time zone, language */
#define CUST_EMAIL_MAX 254  /* RFC 5321 path limit */
#define CUST_PHONE_MAX 40   /* phone numbers */
#define CUST_FIELD_MAX 200  /* titles, websites, street, city, ... */
#define CUST_NOTES_MAX 4000 /* free-text notes */

struct account {
	int64_t id;                   /* row id; 0 before insert */
	char *number;                 /* ACCT0000001, generated */
	char *name;                   /* required */
	char *code;                   /* short unique code, optional */
	int64_t parent_id;            /* parent account, 0 = top of a hierarchy */
	char *parent_number;          /* (read) parent's number */
	char *parent_name;            /* (read) parent's name */
	char *path;                   /* (read) "/1/7/": ancestors and self */
	int depth;                    /* (read) 0 for a top account; relative in subtree lists */
	bool is_customer;             /* buys from us */
	bool is_partner;              /* sells or services with us */
	char *phone;                  /* main phone */
	char *website;                /* web address */
	int64_t primary_contact_id;   /* one of its contacts, 0 = none */
	char *notes;                  /* free text */
	bool active;                  /* false once deactivated */
	bool restrict_contact_access; /* contacts see only their own cases */
	char *external_id;            /* id in another system (import), unique */
	char *created_at;             /* (read) timestamp */
	char *updated_at;             /* (read) timestamp */
};

/* A type of relationship between accounts, named both ways. */
struct account_relationship {
	int64_t id;            /* row id of the relationship */
	int64_t from_id;       /* account the forward name reads from */
	int64_t to_id;         /* account the forward name reads to */
	int64_t type_id;       /* account_relationship_type id */
	char *type_name;       /* (read) the type's name, e.g. "partner" */
	bool reverse;          /* (read) true when listed from the "to" side */
	char *label;           /* (read) forward or reverse name as seen from the listed account */
	int64_t other_id;      /* (read) the account at the other end */
	char *other_number;    /* (read) its number */
	char *other_name;      /* (read) its name */
};

struct contact {
	int64_t id;            /* row id */
	char *number;          /* CT0000001, generated */
	int64_t account_id;    /* the account it belongs to: required */
	char *account_number;  /* (read) */
	char *account_name;    /* (read) */
	char *first_name;      /* optional */
	char *last_name;       /* required */
	char *title;           /* job title */
	char *email;           /* name@example.com */
	char *phone;           /* work phone */
	char *mobile;          /* mobile phone */
	char *time_zone;       /* e.g. "Europe/Paris" */
	char *language;        /* e.g. "fr" */
	bool active;           /* false once deactivated */
	int64_t user_id;       /* login (user row), 0 = none */
	char *external_id;     /* id in another system */
	char *created_at;      /* (read) */
	char *updated_at;      /* (read) */
};

struct consumer {
	int64_t id;            /* row id */
	char *number;          /* CON0000001, generated */
	char *prefix;          /* "Dr", "Ms" */
	char *first_name;      /* optional */
	char *middle_name;     /* optional */
	char *last_name;       /* required */
	char *suffix;          /* "Jr" */
	char *email;           /* name@example.com */
	char *mobile_phone;    /* phones */
	char *home_phone;
	char *business_phone;
	bool active;           /* false once deactivated */
	int64_t user_id;       /* login (user row), 0 = none */
	char *notes;           /* free text */
	char *external_id;     /* id in another system */
	char *created_at;      /* (read) */
	char *updated_at;      /* (read) */
};

struct household {
	int64_t id;              /* row id */
	char *number;            /* HOLD0000001, generated */
	char *name;              /* required */
	int64_t head_id;         /* head of household (a current member), 0 = none */
	char *head_number;       /* (read) head's consumer number */
	char *head_name;         /* (read) head's display name */
	int64_t location_id;     /* where the household lives, 0 = unknown */
	char *notes;             /* free text */
	bool active;             /* false once deactivated */
	char *external_id;       /* id in another system */
	char *created_at;        /* (read) */
	char *updated_at;        /* (read) */
};

/* A consumer's membership of a household over a period. */
struct household_member {
	int64_t id;                /* row id of the membership */
	int64_t household_id;      /* the household */
	int64_t consumer_id;       /* the member */
	char *household_number;    /* (read) */
	char *household_name;      /* (read) */
	char *consumer_number;     /* (read) */
	char *consumer_name;       /* (read) "First Last" */
	char *start_date;          /* YYYY-MM-DD, NULL = always */
	char *end_date;            /* YYYY-MM-DD, NULL = open-ended */
	bool is_primary;           /* the consumer's primary household */
	bool is_head;              /* (read) the consumer heads the household */
	bool current;              /* (read) start <= today <= end, by the clock */
};

/* b2b2c: an account linked to a consumer over a period. */
struct account_consumer {
	int64_t id;              /* row id of the link */
	int64_t account_id;      /* the account */
	int64_t consumer_id;     /* the consumer */
	char *account_number;    /* (read) */
	char *account_name;      /* (read) */
	char *consumer_number;   /* (read) */
	char *consumer_name;     /* (read) */
	char *start_date;        /* YYYY-MM-DD, NULL = always */
	char *end_date;          /* YYYY-MM-DD, NULL = open-ended */
	bool current;            /* (read) in force today */
};

struct location {
	int64_t id;           /* row id */
	char *name;           /* required */
	char *type;           /* country, region, city, site, building, ...: required */
	int64_t parent_id;    /* parent location, 0 = top */
	char *path;           /* (read) "/1/7/": ancestors and self */
	int depth;            /* (read) 0 for a top location; relative in subtree lists */
	char *street;         /* postal address parts */
	char *city;
	char *state;
	char *postal_code;
	char *country;
	bool has_position;    /* latitude/longitude are set */
	double latitude;      /* -90..90 */
	double longitude;     /* -180..180 */
	char *external_id;    /* id in another system */
	bool active;          /* false once retired */
};

enum address_kind { ADDRESS_BILLING, ADDRESS_SHIPPING, ADDRESS_MAILING };

/* An account's or a consumer's link to a location. */
struct address {
	int64_t id;             /* row id */
	int64_t account_id;     /* exactly one of account_id and consumer_id */
	int64_t consumer_id;
	int64_t location_id;    /* the place */
	enum address_kind kind; /* billing, shipping or mailing */
	bool is_primary;        /* at most one per account or consumer */
	char *location_name;    /* (read) */
	char *street;           /* (read) the location's postal parts */
	char *city;             /* (read) */
	char *postal_code;      /* (read) */
	char *country;          /* (read) */
};

/* Where the next page starts, filled by paged lists. */
struct page_next {
	char *key;      /* sort key of the last row returned (owned), NULL when empty */
	int64_t id;     /* id of the last row returned */
	bool more;      /* more rows follow */
};

/* Lists: owned arrays of n items; x_list_fini() frees items and array. */
struct account_list { struct account *items; size_t n; struct page_next next; };
struct relationship_list { struct account_relationship *items; size_t n; };
struct contact_list { struct contact *items; size_t n; struct page_next next; };
struct consumer_list { struct consumer *items; size_t n; struct page_next next; };
struct household_list { struct household *items; size_t n; };
struct member_list { struct household_member *items; size_t n; };
struct account_consumer_list { struct account_consumer *items; size_t n; };
struct location_list { struct location *items; size_t n; struct page_next next; };
struct address_list { struct address *items; size_t n; };

/* Zero a record and set its defaults (active; accounts are customers).
 * Call before filling one in for a create. */
void account_init(struct account *a);
void contact_init(struct contact *c);
void consumer_init(struct consumer *c);
void household_init(struct household *h);
void location_init(struct location *l);

/* Free what a record owns and zero it. */
void account_fini(struct account *a);
void account_relationship_fini(struct account_relationship *r);
void contact_fini(struct contact *c);
void consumer_fini(struct consumer *c);
void household_fini(struct household *h);
void household_member_fini(struct household_member *m);
void account_consumer_fini(struct account_consumer *l);
void location_fini(struct location *l);
void address_fini(struct address *a);
void page_next_fini(struct page_next *p);

void account_list_fini(struct account_list *l);
void relationship_list_fini(struct relationship_list *l);
void contact_list_fini(struct contact_list *l);
void consumer_list_fini(struct consumer_list *l);
void household_list_fini(struct household_list *l);
void member_list_fini(struct member_list *l);
void account_consumer_list_fini(struct account_consumer_list *l);
void location_list_fini(struct location_list *l);
void address_list_fini(struct address_list *l);

/* Validation: return 0 when the record can be written, or -1 with err set
 * to the first problem, named "<entity>: <field> ..." (e.g. "contact: email
 * \"x\" is not an address (expected name@example.com)"). */
int account_validate(const struct account *a, struct csm_error *err);
int contact_validate(const struct contact *c, struct csm_error *err);
int consumer_validate(const struct consumer *c, struct csm_error *err);
int household_validate(const struct household *h, struct csm_error *err);
int location_validate(const struct location *l, struct csm_error *err);
/* Checks a membership's or link's optional dates (valid, end >= start). */
int customer_validate_period(const char *what, const char *start, const char *end,
			     struct csm_error *err);

/* Field rules, usable one by one by forms.  Each returns 0 or -1 with err
 * set to "<what>: <field> ...".  Empty or NULL values pass the shape checks
 * (use customer_check_required for required ones). */
int customer_check_required(const char *what, const char *field, const char *v,
			    struct csm_error *err);
int customer_check_length(const char *what, const char *field, const char *v, size_t max,
			  struct csm_error *err);
int customer_check_email(const char *what, const char *field, const char *v,
			 struct csm_error *err);
int customer_check_phone(const char *what, const char *field, const char *v,
			 struct csm_error *err);
int customer_check_date(const char *what, const char *field, const char *v,
			struct csm_error *err);

/* Display name of a consumer or contact ("First Last", or "Last");
 * owned string. */
char *customer_person_name(const char *first, const char *last);

/* "billing", "shipping", "mailing"; parse returns 0 or -1. */
const char *address_kind_name(enum address_kind k);
int address_kind_parse(const char *s, enum address_kind *out);

#endif
