/* customer.c - customer records: defaults, freeing and validation. */
#include "model/customer.h"

#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/xalloc.h"

/* ---- init and fini ----------------------------------------------------- */

void account_init(struct account *a)
{
	memset(a, 0, sizeof *a);
	a->is_customer = true;
	a->active = true;
}

void contact_init(struct contact *c)
{
	memset(c, 0, sizeof *c);
	c->active = true;
}

void consumer_init(struct consumer *c)
{
	memset(c, 0, sizeof *c);
	c->active = true;
}

void household_init(struct household *h)
{
	memset(h, 0, sizeof *h);
	h->active = true;
}

void location_init(struct location *l)
{
	memset(l, 0, sizeof *l);
	l->active = true;
}

void account_fini(struct account *a)
{
	free(a->number);
	free(a->name);
	free(a->code);
	free(a->parent_number);
	free(a->parent_name);
	free(a->path);
	free(a->phone);
	free(a->website);
	free(a->notes);
	free(a->external_id);
	free(a->created_at);
	free(a->updated_at);
	memset(a, 0, sizeof *a);
}

void account_relationship_fini(struct account_relationship *r)
{
	free(r->type_name);
	free(r->label);
	free(r->other_number);
	free(r->other_name);
	memset(r, 0, sizeof *r);
}

void contact_fini(struct contact *c)
{
	free(c->number);
	free(c->account_number);
	free(c->account_name);
	free(c->first_name);
	free(c->last_name);
	free(c->title);
	free(c->email);
	free(c->phone);
	free(c->mobile);
	free(c->time_zone);
	free(c->language);
	free(c->external_id);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof *c);
}

void consumer_fini(struct consumer *c)
{
	free(c->number);
	free(c->prefix);
	free(c->first_name);
	free(c->middle_name);
	free(c->last_name);
	free(c->suffix);
	free(c->email);
	free(c->mobile_phone);
	free(c->home_phone);
	free(c->business_phone);
	free(c->notes);
	free(c->external_id);
	free(c->created_at);
	free(c->updated_at);
	memset(c, 0, sizeof *c);
}

void household_fini(struct household *h)
{
	free(h->number);
	free(h->name);
	free(h->head_number);
	free(h->head_name);
	free(h->notes);
	free(h->external_id);
	free(h->created_at);
	free(h->updated_at);
	memset(h, 0, sizeof *h);
}

void household_member_fini(struct household_member *m)
{
	free(m->household_number);
	free(m->household_name);
	free(m->consumer_number);
	free(m->consumer_name);
	free(m->start_date);
	free(m->end_date);
	memset(m, 0, sizeof *m);
}

void account_consumer_fini(struct account_consumer *l)
{
	free(l->account_number);
	free(l->account_name);
	free(l->consumer_number);
	free(l->consumer_name);
	free(l->start_date);
	free(l->end_date);
	memset(l, 0, sizeof *l);
}

void location_fini(struct location *l)
{
	free(l->name);
	free(l->type);
	free(l->path);
	free(l->street);
	free(l->city);
	free(l->state);
	free(l->postal_code);
	free(l->country);
	free(l->external_id);
	memset(l, 0, sizeof *l);
}

void address_fini(struct address *a)
{
	free(a->location_name);
	free(a->street);
	free(a->city);
	free(a->postal_code);
	free(a->country);
	memset(a, 0, sizeof *a);
}

void page_next_fini(struct page_next *p)
{
	free(p->key);
	memset(p, 0, sizeof *p);
}

/* One list_fini per type: free each item, the array, the page cursor. */
#define LIST_FINI(list_type, item_fini, paged)                                  \
	void list_type##_fini(struct list_type *l)                               \
	{                                                                        \
		for (size_t i = 0; i < l->n; i++)                                \
			item_fini(&l->items[i]);                                 \
		free(l->items);                                                  \
		paged;                                                           \
		memset(l, 0, sizeof *l);                                         \
	}

LIST_FINI(account_list, account_fini, page_next_fini(&l->next))
LIST_FINI(relationship_list, account_relationship_fini, (void)0)
LIST_FINI(contact_list, contact_fini, page_next_fini(&l->next))
LIST_FINI(consumer_list, consumer_fini, page_next_fini(&l->next))
LIST_FINI(household_list, household_fini, (void)0)
LIST_FINI(member_list, household_member_fini, (void)0)
LIST_FINI(account_consumer_list, account_consumer_fini, (void)0)
LIST_FINI(location_list, location_fini, page_next_fini(&l->next))
LIST_FINI(address_list, address_fini, (void)0)

/* ---- field rules ------------------------------------------------------- */

static bool empty(const char *v)
{
	return !v || !*v;
}

/* Characters, not bytes: UTF-8 continuation bytes are not counted. */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int customer_check_required(const char *what, const char *field, const char *v,
			    struct csm_error *err)
{
	const char *p = v;

	while (p && (*p == ' ' || *p == '\t'))
		p++;
	if (empty(p))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s is required", what, field);
	return 0;
}

int customer_check_length(const char *what, const char *field, const char *v, size_t max,
			  struct csm_error *err)
{
	if (!empty(v) && utf8_len(v) > max)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s is longer than %zu characters",
				     what, field, max);
	return 0;
}

int customer_check_email(const char *what, const char *field, const char *v,
			 struct csm_error *err)
{
	const char *at, *dot;
	bool ok = true;

	if (empty(v))
		return 0;
	if (customer_check_length(what, field, v, CUST_EMAIL_MAX, err) < 0)
		return -1;
	at = strchr(v, '@');
	if (!at || at == v || strchr(at + 1, '@'))
		ok = false;
	for (const char *p = v; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || *p == ',' || *p == ';' || *p == '<' || *p == '>')
			ok = false;
	if (ok) {
		/* the domain needs a dot, not first or last, and no empty label */
		dot = strrchr(at + 1, '.');
		if (!dot || at[1] == '.' || dot[1] == '\0' || strstr(at + 1, ".."))
			ok = false;
	}
	if (!ok)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: %s \"%s\" is not an address (expected name@example.com)",
				     what, field, v);
	return 0;
}

int customer_check_phone(const char *what, const char *field, const char *v,
			 struct csm_error *err)
{
	int digits = 0;

	if (empty(v))
		return 0;
	if (customer_check_length(what, field, v, CUST_PHONE_MAX, err) < 0)
		return -1;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-().x", *p))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "%s: %s \"%s\" has '%c'; a phone number has only digits, "
					     "spaces and + - ( ) . x",
					     what, field, v, *p);
	}
	if (digits == 0)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s \"%s\" has no digits", what, field, v);
	return 0;
}

int customer_check_date(const char *what, const char *field, const char *v,
			struct csm_error *err)
{
	if (!empty(v) && !clock_valid_date(v))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: %s \"%s\" is not a date (expected YYYY-MM-DD)", what, field, v);
	return 0;
}

int customer_validate_period(const char *what, const char *start, const char *end,
			     struct csm_error *err)
{
	if (customer_check_date(what, "start date", start, err) < 0 ||
	    customer_check_date(what, "end date", end, err) < 0)
		return -1;
	if (!empty(start) && !empty(end) && strcmp(end, start) < 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: end date %s is before start date %s", what, end, start);
	return 0;
}

/* ---- records ----------------------------------------------------------- */

/* A table of (field name, value, max length) checked in order. */
struct len_rule {
	const char *field;
	const char *v;
	size_t max;
};

static int check_lengths(const char *what, const struct len_rule *r, size_t n,
			 struct csm_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (customer_check_length(what, r[i].field, r[i].v, r[i].max, err) < 0)
			return -1;
	return 0;
}

#define NRULES(a) (sizeof(a) / sizeof((a)[0]))

int account_validate(const struct account *a, struct csm_error *err)
{
	const struct len_rule lens[] = {
		{"name", a->name, CUST_NAME_MAX},     {"code", a->code, CUST_CODE_MAX},
		{"website", a->website, CUST_FIELD_MAX}, {"notes", a->notes, CUST_NOTES_MAX},
		{"external id", a->external_id, CUST_CODE_MAX},
	};

	if (customer_check_required("account", "name", a->name, err) < 0 ||
	    check_lengths("account", lens, NRULES(lens), err) < 0 ||
	    customer_check_phone("account", "phone", a->phone, err) < 0)
		return -1;
	if (a->code)
		for (const char *p = a->code; *p; p++)
			if ((unsigned char)*p <= ' ')
				return csm_error_set(err, CSM_EX_DATAERR,
						     "account: code \"%s\" has a space; codes are "
						     "one word", a->code);
	if (a->parent_id && a->parent_id == a->id)
		return csm_error_set(err, CSM_EX_DATAERR, "account: an account cannot be its own parent");
	return 0;
}

int contact_validate(const struct contact *c, struct csm_error *err)
{
	const struct len_rule lens[] = {
		{"first name", c->first_name, CUST_NAME_MAX}, {"last name", c->last_name, CUST_NAME_MAX},
		{"title", c->title, CUST_FIELD_MAX},          {"time zone", c->time_zone, CUST_CODE_MAX},
		{"language", c->language, CUST_CODE_MAX},     {"external id", c->external_id, CUST_CODE_MAX},
	};

	if (c->account_id <= 0)
		return csm_error_set(err, CSM_EX_DATAERR, "contact: account is required");
	if (customer_check_required("contact", "last name", c->last_name, err) < 0 ||
	    check_lengths("contact", lens, NRULES(lens), err) < 0 ||
	    customer_check_email("contact", "email", c->email, err) < 0 ||
	    customer_check_phone("contact", "phone", c->phone, err) < 0 ||
	    customer_check_phone("contact", "mobile", c->mobile, err) < 0)
		return -1;
	return 0;
}

int consumer_validate(const struct consumer *c, struct csm_error *err)
{
	const struct len_rule lens[] = {
		{"prefix", c->prefix, CUST_CODE_MAX},          {"first name", c->first_name, CUST_NAME_MAX},
		{"middle name", c->middle_name, CUST_NAME_MAX}, {"last name", c->last_name, CUST_NAME_MAX},
		{"suffix", c->suffix, CUST_CODE_MAX},          {"notes", c->notes, CUST_NOTES_MAX},
		{"external id", c->external_id, CUST_CODE_MAX},
	};

	if (customer_check_required("consumer", "last name", c->last_name, err) < 0 ||
	    check_lengths("consumer", lens, NRULES(lens), err) < 0 ||
	    customer_check_email("consumer", "email", c->email, err) < 0 ||
	    customer_check_phone("consumer", "mobile phone", c->mobile_phone, err) < 0 ||
	    customer_check_phone("consumer", "home phone", c->home_phone, err) < 0 ||
	    customer_check_phone("consumer", "business phone", c->business_phone, err) < 0)
		return -1;
	return 0;
}

int household_validate(const struct household *h, struct csm_error *err)
{
	const struct len_rule lens[] = {
		{"name", h->name, CUST_NAME_MAX},
		{"notes", h->notes, CUST_NOTES_MAX},
		{"external id", h->external_id, CUST_CODE_MAX},
	};

	if (customer_check_required("household", "name", h->name, err) < 0 ||
	    check_lengths("household", lens, NRULES(lens), err) < 0)
		return -1;
	return 0;
}

int location_validate(const struct location *l, struct csm_error *err)
{
	const struct len_rule lens[] = {
		{"name", l->name, CUST_NAME_MAX},          {"type", l->type, CUST_CODE_MAX},
		{"street", l->street, CUST_FIELD_MAX},     {"city", l->city, CUST_FIELD_MAX},
		{"state", l->state, CUST_FIELD_MAX},       {"postal code", l->postal_code, CUST_CODE_MAX},
		{"country", l->country, CUST_FIELD_MAX},   {"external id", l->external_id, CUST_CODE_MAX},
	};

	if (customer_check_required("location", "name", l->name, err) < 0 ||
	    customer_check_required("location", "type", l->type, err) < 0 ||
	    check_lengths("location", lens, NRULES(lens), err) < 0)
		return -1;
	if (l->has_position) {
		if (!(l->latitude >= -90 && l->latitude <= 90))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "location: latitude %g is outside -90..90", l->latitude);
		if (!(l->longitude >= -180 && l->longitude <= 180))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "location: longitude %g is outside -180..180", l->longitude);
	}
	if (l->parent_id && l->parent_id == l->id)
		return csm_error_set(err, CSM_EX_DATAERR, "location: a location cannot be its own parent");
	return 0;
}

char *customer_person_name(const char *first, const char *last)
{
	if (empty(first))
		return xstrdup(last ? last : "");
	if (empty(last))
		return xstrdup(first);
	return xasprintf("%s %s", first, last);
}

static const char *const kind_names[] = {
	[ADDRESS_BILLING] = "billing",
	[ADDRESS_SHIPPING] = "shipping",
	[ADDRESS_MAILING] = "mailing",
};

const char *address_kind_name(enum address_kind k)
{
	return (unsigned)k < NRULES(kind_names) ? kind_names[k] : "?";
}

int address_kind_parse(const char *s, enum address_kind *out)
{
	for (size_t i = 0; s && i < NRULES(kind_names); i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*out = (enum address_kind)i;
			return 0;
		}
	return -1;
}
