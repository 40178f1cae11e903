/* customer.c - customer operations: rules that span several statements,
 * and one transaction per write. */
#include "domain/customer.h"

#include <stdlib.h>
#include <string.h>

#include "store/access.h"
#include "store/customer_store.h"
#include "util/clock.h"
#include "util/xalloc.h"

int domain_model_of(struct store *s, enum business_model *out)
{
	char *v = store_setting_dup(s, "business_model");
	int rc = 1;

	if (!v) {
		*out = MODEL_B2B;
		return 0;
	}
	if (config_model_parse(v, out) < 0)
		rc = -1;
	free(v);
	return rc;
}

/* ---- helpers ----------------------------------------------------------- */

static bool empty(const char *v)
{
	return !v || !*v;
}

static int need_account(struct store *s, int64_t id, struct account *out, struct csm_error *err)
{
	int rc = store_account_get(s, id, out, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no account with id %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

static int need_contact(struct store *s, int64_t id, struct contact *out, struct csm_error *err)
{
	int rc = store_contact_get(s, id, out, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no contact with id %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

static int need_consumer(struct store *s, int64_t id, struct consumer *out, struct csm_error *err)
{
	int rc = store_consumer_get(s, id, out, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no consumer with id %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

static int need_household(struct store *s, int64_t id, struct household *out,
			  struct csm_error *err)
{
	int rc = store_household_get(s, id, out, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no household with id %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

static int need_location(struct store *s, int64_t id, struct location *out, struct csm_error *err)
{
	int rc = store_location_get(s, id, out, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no location with id %lld", (long long)id);
	return rc < 0 ? -1 : 0;
}

/* Ends a write: commits when rc is 0, rolls back otherwise; returns rc or
 * -1 when the commit fails. */
static int finish(struct store *s, int rc, struct csm_error *err)
{
	if (rc < 0) {
		store_rollback(s);
		return -1;
	}
	if (store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* Refuses when the customer has open cases. */
static int refuse_open_cases(struct store *s, enum customer_kind kind, int64_t id,
			     const char *what, const char *number, struct csm_error *err)
{
	long n = 0;

	if (store_customer_open_cases(s, kind, id, &n, err) < 0)
		return -1;
	if (n > 0)
		return csm_error_set(err, CSM_EX_FAIL,
				     "%s %s has %ld open case%s; close or cancel %s before "
				     "deactivating it",
				     what, number, n, n == 1 ? "" : "s", n == 1 ? "it" : "them");
	return 0;
}

/* Fills *number from the record counter unless the caller gave one (an
 * import keeping its numbers); *made tells whether it was generated. */
static int take_number(struct store *s, enum record_kind kind, char **number, bool *made,
		       struct csm_error *err)
{
	char buf[64];

	*made = false;
	if (!empty(*number))
		return 0;
	if (store_next_number(s, kind, buf, sizeof buf, err) < 0)
		return -1;
	free(*number);
	*number = xstrdup(buf);
	*made = true;
	return 0;
}

/* Undoes take_number() after a failed create. */
static void drop_number(char **number, bool made)
{
	if (made) {
		free(*number);
		*number = NULL;
	}
}

/* ---- accounts ---------------------------------------------------------- */

/* Refuses a code used by another account than self_id. */
static int check_code_free(struct store *s, const char *code, int64_t self_id,
			   struct csm_error *err)
{
	struct account other;
	int rc;

	if (empty(code))
		return 0;
	rc = store_account_get_by_code(s, code, &other, err);
	if (rc < 0)
		return -1;
	if (rc > 0 && other.id != self_id) {
		csm_error_set(err, CSM_EX_DATAERR, "account: code %s is already used by %s (%s)", code,
			      other.number, other.name);
		account_fini(&other);
		return -1;
	}
	if (rc > 0)
		account_fini(&other);
	return 0;
}

int domain_account_create(struct store *s, struct account *a, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account parent = {0};
	bool made = false;
	int rc = -1;

	if (account_validate(a, err) < 0)
		return -1;
	if (a->primary_contact_id)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "account: a new account has no contacts yet to be primary");
	if (store_begin(s, err) < 0)
		return -1;
	if (check_code_free(s, a->code, 0, err) < 0)
		goto out;
	if (a->parent_id && need_account(s, a->parent_id, &parent, err) < 0)
		goto out;
	if (take_number(s, REC_ACCOUNT, &a->number, &made, err) < 0)
		goto out;
	if (store_account_insert(s, a, err) < 0)
		goto out;
	rc = 0;
out:
	account_fini(&parent);
	if (finish(s, rc, err) < 0) {
		drop_number(&a->number, made);
		a->id = 0;
		return -1;
	}
	return 0;
}

int domain_account_update(struct store *s, const struct account *a, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account old = {0};
	struct contact primary = {0};
	int rc = -1;

	if (account_validate(a, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_account(s, a->id, &old, err) < 0 || check_code_free(s, a->code, a->id, err) < 0)
		goto out;
	if (a->primary_contact_id) {
		if (need_contact(s, a->primary_contact_id, &primary, err) < 0)
			goto out;
		if (primary.account_id != a->id) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "account %s: primary contact %s belongs to %s", old.number,
				      primary.number, primary.account_number);
			goto out;
		}
	}
	rc = store_account_update(s, a, err);
out:
	account_fini(&old);
	contact_fini(&primary);
	return finish(s, rc, err);
}

static int account_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	struct account a = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_account(s, id, &a, err) < 0)
		goto out;
	if (!active && refuse_open_cases(s, CUST_ACCOUNT, id, "account", a.number, err) < 0)
		goto out;
	rc = a.active == active ? 0 : store_account_set_active(s, id, active, err);
out:
	account_fini(&a);
	return finish(s, rc, err);
}

int domain_account_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return account_set_active(s, id, false, err);
}

int domain_account_reactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return account_set_active(s, id, true, err);
}

/* True when path is inside the subtree whose path is top ("/1/" holds
 * "/1/7/" and itself). */
static bool path_within(const char *path, const char *top)
{
	return path && top && strncmp(path, top, strlen(top)) == 0;
}

int domain_account_set_parent(struct store *s, int64_t id, int64_t parent_id,
			      struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account a = {0}, parent = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_account(s, id, &a, err) < 0)
		goto out;
	if (parent_id) {
		if (need_account(s, parent_id, &parent, err) < 0)
			goto out;
		if (parent_id == id) {
			csm_error_set(err, CSM_EX_DATAERR, "account %s cannot be its own parent",
				      a.number);
			goto out;
		}
		if (path_within(parent.path, a.path)) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "account %s cannot move under %s: %s is one of its own "
				      "descendants",
				      a.number, parent.number, parent.number);
			goto out;
		}
	}
	rc = a.parent_id == parent_id ? 0 : store_account_set_parent(s, id, parent_id, err);
out:
	account_fini(&a);
	account_fini(&parent);
	return finish(s, rc, err);
}

int domain_relationship_type_create(struct store *s, const char *name, const char *forward,
				    const char *reverse, int64_t *id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	int64_t found;
	int rc = -1;

	if (customer_check_required("relationship type", "name", name, err) < 0 ||
	    customer_check_required("relationship type", "forward name", forward, err) < 0 ||
	    customer_check_required("relationship type", "reverse name", reverse, err) < 0 ||
	    customer_check_length("relationship type", "name", name, CUST_CODE_MAX, err) < 0 ||
	    customer_check_length("relationship type", "forward name", forward, CUST_CODE_MAX,
				  err) < 0 ||
	    customer_check_length("relationship type", "reverse name", reverse, CUST_CODE_MAX,
				  err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	switch (store_relationship_type_find(s, name, &found, err)) {
	case 1:
		csm_error_set(err, CSM_EX_DATAERR, "relationship type %s already exists", name);
		break;
	case 0:
		rc = store_relationship_type_insert(s, name, forward, reverse, id, err);
		break;
	}
	return finish(s, rc, err);
}

int domain_account_relate(struct store *s, int64_t from_id, int64_t to_id, const char *type_name,
			  int64_t *id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account from = {0}, to = {0};
	struct relationship_list rels = {0};
	int64_t type_id = 0;
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_account(s, from_id, &from, err) < 0 || need_account(s, to_id, &to, err) < 0)
		goto out;
	if (from_id == to_id) {
		csm_error_set(err, CSM_EX_DATAERR, "account %s cannot be related to itself",
			      from.number);
		goto out;
	}
	switch (store_relationship_type_find(s, type_name, &type_id, err)) {
	case -1:
		goto out;
	case 0:
		csm_error_set(err, CSM_EX_DATAERR, "no account relationship type named \"%s\"",
			      type_name ? type_name : "");
		goto out;
	}
	if (store_account_relationships(s, from_id, &rels, err) < 0)
		goto out;
	for (size_t i = 0; i < rels.n; i++)
		if (!rels.items[i].reverse && rels.items[i].to_id == to_id &&
		    rels.items[i].type_id == type_id) {
			csm_error_set(err, CSM_EX_DATAERR, "%s is already %s %s", from.number,
				      rels.items[i].label, to.number);
			goto out;
		}
	rc = store_account_relationship_insert(s, from_id, to_id, type_id, id, err);
out:
	account_fini(&from);
	account_fini(&to);
	relationship_list_fini(&rels);
	return finish(s, rc, err);
}

int domain_account_unrelate(struct store *s, int64_t relationship_id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	return finish(s, store_account_relationship_delete(s, relationship_id, err), err);
}

/* ---- contacts ---------------------------------------------------------- */

/* The contact's account must exist and be active. */
static int need_active_account(struct store *s, int64_t id, struct csm_error *err)
{
	struct account a = {0};
	int rc = need_account(s, id, &a, err);

	if (rc == 0 && !a.active)
		rc = csm_error_set(err, CSM_EX_DATAERR, "account %s is inactive", a.number);
	account_fini(&a);
	return rc;
}

int domain_contact_create(struct store *s, struct contact *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	bool made = false;
	int rc = -1;

	if (contact_validate(c, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_active_account(s, c->account_id, err) < 0 ||
	    take_number(s, REC_CONTACT, &c->number, &made, err) < 0)
		goto out;
	rc = store_contact_insert(s, c, err);
out:
	if (finish(s, rc, err) < 0) {
		drop_number(&c->number, made);
		c->id = 0;
		return -1;
	}
	return 0;
}

int domain_contact_update(struct store *s, const struct contact *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct contact old = {0}, check;
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_contact(s, c->id, &old, err) < 0)
		goto out;
	/* the account is not changed here: validate against the stored one */
	check = *c;
	check.account_id = old.account_id;
	if (contact_validate(&check, err) < 0)
		goto out;
	rc = store_contact_update(s, c, err);
out:
	contact_fini(&old);
	return finish(s, rc, err);
}

static int contact_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	struct contact c = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_contact(s, id, &c, err) < 0)
		goto out;
	if (active && need_active_account(s, c.account_id, err) < 0)
		goto out;
	if (c.active == active) {
		rc = 0;
		goto out;
	}
	/* an inactive contact is nobody's primary contact */
	if (!active && store_account_clear_primary_contact(s, id, err) < 0)
		goto out;
	rc = store_contact_set_active(s, id, active, err);
out:
	contact_fini(&c);
	return finish(s, rc, err);
}

int domain_contact_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return contact_set_active(s, id, false, err);
}

int domain_contact_reactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return contact_set_active(s, id, true, err);
}

int domain_contact_move(struct store *s, int64_t id, int64_t account_id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct contact c = {0};
	long cases = 0;
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_contact(s, id, &c, err) < 0 || need_active_account(s, account_id, err) < 0)
		goto out;
	if (c.account_id == account_id) {
		rc = 0;
		goto out;
	}
	if (store_contact_case_count(s, id, &cases, err) < 0)
		goto out;
	if (cases > 0) {
		csm_error_set(err, CSM_EX_FAIL,
			      "contact %s is named on %ld case%s of %s and cannot move to another "
			      "account; deactivate it and add a new contact there",
			      c.number, cases, cases == 1 ? "" : "s", c.account_number);
		goto out;
	}
	if (store_account_clear_primary_contact(s, id, err) < 0)
		goto out;
	rc = store_contact_set_account(s, id, account_id, err);
out:
	contact_fini(&c);
	return finish(s, rc, err);
}

/* ---- consumers --------------------------------------------------------- */

int domain_consumer_create(struct store *s, struct consumer *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	bool made = false;
	int rc = -1;

	if (consumer_validate(c, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (take_number(s, REC_CONSUMER, &c->number, &made, err) < 0)
		goto out;
	rc = store_consumer_insert(s, c, err);
out:
	if (finish(s, rc, err) < 0) {
		drop_number(&c->number, made);
		c->id = 0;
		return -1;
	}
	return 0;
}

int domain_consumer_update(struct store *s, const struct consumer *c, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct consumer old = {0};
	int rc = -1;

	if (consumer_validate(c, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_consumer(s, c->id, &old, err) == 0)
		rc = store_consumer_update(s, c, err);
	consumer_fini(&old);
	return finish(s, rc, err);
}

static int consumer_set_active(struct store *s, int64_t id, bool active, struct csm_error *err)
{
	struct consumer c = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_consumer(s, id, &c, err) < 0)
		goto out;
	if (!active && refuse_open_cases(s, CUST_CONSUMER, id, "consumer", c.number, err) < 0)
		goto out;
	rc = c.active == active ? 0 : store_consumer_set_active(s, id, active, err);
out:
	consumer_fini(&c);
	return finish(s, rc, err);
}

int domain_consumer_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return consumer_set_active(s, id, false, err);
}

int domain_consumer_reactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	return consumer_set_active(s, id, true, err);
}

/* ---- households -------------------------------------------------------- */

/* True (1) when the consumer has a current primary household, 0 when not. */
static int has_primary_household(struct store *s, int64_t consumer_id, struct csm_error *err)
{
	struct member_list l;
	int found = 0;

	if (store_consumer_households(s, consumer_id, MEMBERS_CURRENT, &l, err) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++)
		if (l.items[i].is_primary)
			found = 1;
	member_list_fini(&l);
	return found;
}

/* Adds a membership inside the caller's transaction (m validated). */
static int add_member(struct store *s, struct household_member *m, const struct household *h,
		      struct csm_error *err)
{
	struct consumer c = {0};
	int rc = -1, overlap;

	if (need_consumer(s, m->consumer_id, &c, err) < 0)
		goto out;
	overlap = store_member_overlaps(s, m->household_id, m->consumer_id, m->start_date,
					m->end_date, err);
	if (overlap < 0)
		goto out;
	if (overlap) {
		csm_error_set(err, CSM_EX_DATAERR,
			      "consumer %s is already a member of %s over part of that period",
			      c.number, h->number);
		goto out;
	}
	if (store_member_insert(s, m, err) < 0)
		goto out;
	if (m->is_primary && store_member_clear_primary(s, m->consumer_id, m->id, err) < 0)
		goto out;
	rc = 0;
out:
	consumer_fini(&c);
	return rc;
}

int domain_household_create(struct store *s, struct household *h, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct location loc = {0};
	struct household_member m = {0};
	char today[16];
	bool made = false;
	int rc = -1, primary;

	if (household_validate(h, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (h->location_id && need_location(s, h->location_id, &loc, err) < 0)
		goto out;
	if (take_number(s, REC_HOUSEHOLD, &h->number, &made, err) < 0 ||
	    store_household_insert(s, h, err) < 0)
		goto out;
	if (h->head_id) {
		primary = has_primary_household(s, h->head_id, err);
		if (primary < 0)
			goto out;
		clock_today(today, sizeof today);
		m.household_id = h->id;
		m.consumer_id = h->head_id;
		m.start_date = today;
		m.is_primary = !primary;
		if (add_member(s, &m, h, err) < 0 ||
		    store_household_set_head(s, h->id, h->head_id, err) < 0)
			goto out;
	}
	rc = 0;
out:
	location_fini(&loc);
	if (finish(s, rc, err) < 0) {
		drop_number(&h->number, made);
		h->id = 0;
		return -1;
	}
	return 0;
}

int domain_household_update(struct store *s, const struct household *h, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct household old = {0};
	struct location loc = {0};
	int rc = -1;

	if (household_validate(h, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_household(s, h->id, &old, err) < 0)
		goto out;
	if (h->location_id && need_location(s, h->location_id, &loc, err) < 0)
		goto out;
	rc = store_household_update(s, h, err);
out:
	household_fini(&old);
	location_fini(&loc);
	return finish(s, rc, err);
}

/* Refuses a head who is not a current member (inside a transaction). */
static int check_head(struct store *s, const struct household *h, int64_t consumer_id,
		      struct csm_error *err)
{
	struct consumer c = {0};
	int rc;

	if (need_consumer(s, consumer_id, &c, err) < 0)
		return -1;
	rc = store_household_is_current_member(s, h->id, consumer_id, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_DATAERR,
			      "consumer %s is not a current member of %s and cannot be its head",
			      c.number, h->number);
	consumer_fini(&c);
	return rc == 1 ? 0 : -1;
}

int domain_household_set_head(struct store *s, int64_t household_id, int64_t consumer_id,
			      struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct household h = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_household(s, household_id, &h, err) < 0)
		goto out;
	if (consumer_id && check_head(s, &h, consumer_id, err) < 0)
		goto out;
	rc = h.head_id == consumer_id ? 0 : store_household_set_head(s, household_id, consumer_id, err);
out:
	household_fini(&h);
	return finish(s, rc, err);
}

int domain_household_add_member(struct store *s, struct household_member *m,
				struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct household h = {0};
	char today[16];
	char *given_start = m->start_date;
	int rc = -1;

	if (empty(m->start_date)) {
		clock_today(today, sizeof today);
		m->start_date = today;
	}
	if (customer_validate_period("household member", m->start_date, m->end_date, err) < 0)
		goto restore;
	if (store_begin(s, err) < 0)
		goto restore;
	if (need_household(s, m->household_id, &h, err) == 0)
		rc = add_member(s, m, &h, err);
	household_fini(&h);
	rc = finish(s, rc, err);
restore:
	/* the caller owns m's strings: never leave our buffer in it */
	m->start_date = given_start;
	if (rc < 0)
		m->id = 0;
	return rc;
}

int domain_household_end_membership(struct store *s, int64_t member_id, const char *end_date,
				    int64_t new_head_id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct household_member m = {0};
	struct household h = {0};
	char today[16];
	int rc = -1;

	if (empty(end_date)) {
		clock_today(today, sizeof today);
		end_date = today;
	}
	if (customer_check_date("household member", "end date", end_date, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	switch (store_member_get(s, member_id, &m, err)) {
	case -1:
		goto out;
	case 0:
		csm_error_set(err, CSM_EX_NOINPUT, "no household membership with id %lld",
			      (long long)member_id);
		goto out;
	}
	if (need_household(s, m.household_id, &h, err) < 0 ||
	    customer_validate_period("household member", m.start_date, end_date, err) < 0)
		goto out;
	if (m.is_head && !new_head_id) {
		csm_error_set(err, CSM_EX_FAIL,
			      "consumer %s is the head of %s; name a new head (a current member) "
			      "to end this membership, or clear the head first",
			      m.consumer_number, h.number);
		goto out;
	}
	if (new_head_id == m.consumer_id) {
		csm_error_set(err, CSM_EX_DATAERR,
			      "consumer %s is leaving %s and cannot be its new head",
			      m.consumer_number, h.number);
		goto out;
	}
	if (store_member_set_end(s, member_id, end_date, err) < 0)
		goto out;
	if (new_head_id && (check_head(s, &h, new_head_id, err) < 0 ||
			    store_household_set_head(s, h.id, new_head_id, err) < 0))
		goto out;
	rc = 0;
out:
	household_member_fini(&m);
	household_fini(&h);
	return finish(s, rc, err);
}

int domain_household_deactivate(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct household h = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_household(s, id, &h, err) < 0 ||
	    refuse_open_cases(s, CUST_HOUSEHOLD, id, "household", h.number, err) < 0)
		goto out;
	rc = h.active ? store_household_set_active(s, id, false, err) : 0;
out:
	household_fini(&h);
	return finish(s, rc, err);
}

/* ---- account-consumer links -------------------------------------------- */

int domain_account_consumer_link(struct store *s, struct account_consumer *l,
				 struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account a = {0};
	struct consumer c = {0};
	int rc = -1, overlap;

	if (customer_validate_period("account-consumer link", l->start_date, l->end_date, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_account(s, l->account_id, &a, err) < 0 ||
	    need_consumer(s, l->consumer_id, &c, err) < 0)
		goto out;
	overlap = store_account_consumer_overlaps(s, l->account_id, l->consumer_id, l->start_date,
						  l->end_date, err);
	if (overlap < 0)
		goto out;
	if (overlap) {
		csm_error_set(err, CSM_EX_DATAERR,
			      "consumer %s is already linked to %s over part of that period",
			      c.number, a.number);
		goto out;
	}
	rc = store_account_consumer_insert(s, l, err);
out:
	account_fini(&a);
	consumer_fini(&c);
	if (finish(s, rc, err) < 0) {
		l->id = 0;
		return -1;
	}
	return 0;
}

int domain_account_consumer_unlink(struct store *s, int64_t link_id, const char *end_date,
				   struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account_consumer l = {0};
	char today[16];
	int rc = -1;

	if (empty(end_date)) {
		clock_today(today, sizeof today);
		end_date = today;
	}
	if (customer_check_date("account-consumer link", "end date", end_date, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	switch (store_account_consumer_get(s, link_id, &l, err)) {
	case -1:
		goto out;
	case 0:
		csm_error_set(err, CSM_EX_NOINPUT, "no account-consumer link with id %lld",
			      (long long)link_id);
		goto out;
	}
	if (customer_validate_period("account-consumer link", l.start_date, end_date, err) == 0)
		rc = store_account_consumer_set_end(s, link_id, end_date, err);
out:
	account_consumer_fini(&l);
	return finish(s, rc, err);
}

/* ---- locations --------------------------------------------------------- */

static int check_location_type(struct store *s, const char *type, struct csm_error *err)
{
	char *known = NULL;
	int rc = store_location_type_allowed(s, type, &known, err);

	if (rc == 0)
		csm_error_set(err, CSM_EX_DATAERR, "location: type \"%s\" is not one of %s", type,
			      known ? known : "the location types");
	free(known);
	return rc == 1 ? 0 : -1;
}

int domain_location_create(struct store *s, struct location *l, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct location parent = {0};
	int rc = -1;

	if (location_validate(l, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (l->parent_id && need_location(s, l->parent_id, &parent, err) < 0)
		goto out;
	if (check_location_type(s, l->type, err) < 0)
		goto out;
	rc = store_location_insert(s, l, err);
out:
	location_fini(&parent);
	if (finish(s, rc, err) < 0) {
		l->id = 0;
		return -1;
	}
	return 0;
}

int domain_location_update(struct store *s, const struct location *l, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct location old = {0};
	int rc = -1;

	if (location_validate(l, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (need_location(s, l->id, &old, err) < 0)
		goto out;
	/* a type that has gone from the list may stay; a new one must be known */
	if ((!old.type || strcmp(old.type, l->type) != 0) && check_location_type(s, l->type, err) < 0)
		goto out;
	rc = store_location_update(s, l, err);
out:
	location_fini(&old);
	return finish(s, rc, err);
}

int domain_location_move(struct store *s, int64_t id, int64_t parent_id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct location l = {0}, parent = {0};
	int rc = -1;

	if (store_begin(s, err) < 0)
		return -1;
	if (need_location(s, id, &l, err) < 0)
		goto out;
	if (parent_id) {
		if (need_location(s, parent_id, &parent, err) < 0)
			goto out;
		if (path_within(parent.path, l.path)) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "location %s cannot move under %s: %s is %s",
				      l.name, parent.name, parent.name,
				      parent_id == id ? "the location itself" : "inside it");
			goto out;
		}
	}
	rc = l.parent_id == parent_id ? 0 : store_location_set_parent(s, id, parent_id, err);
out:
	location_fini(&l);
	location_fini(&parent);
	return finish(s, rc, err);
}

/* ---- addresses --------------------------------------------------------- */

int domain_address_add(struct store *s, struct address *a, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct account acc = {0};
	struct consumer con = {0};
	struct location loc = {0};
	bool primary = a->is_primary;
	int rc = -1;

	if ((a->account_id != 0) == (a->consumer_id != 0))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "address: give either an account or a consumer");
	if ((unsigned)a->kind > ADDRESS_MAILING)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "address: kind must be billing, shipping or mailing");
	if (store_begin(s, err) < 0)
		return -1;
	if (a->account_id && need_account(s, a->account_id, &acc, err) < 0)
		goto out;
	if (a->consumer_id && need_consumer(s, a->consumer_id, &con, err) < 0)
		goto out;
	if (need_location(s, a->location_id, &loc, err) < 0)
		goto out;
	/* insert as not primary, then switch: the partial unique index holds */
	a->is_primary = false;
	if (store_address_insert(s, a, err) < 0)
		goto out;
	if (primary && store_address_set_primary(s, a->id, err) < 0)
		goto out;
	rc = 0;
out:
	a->is_primary = primary;
	account_fini(&acc);
	consumer_fini(&con);
	location_fini(&loc);
	if (finish(s, rc, err) < 0) {
		a->id = 0;
		return -1;
	}
	return 0;
}

int domain_address_remove(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	return finish(s, store_address_delete(s, id, err), err);
}

int domain_address_set_primary(struct store *s, int64_t id, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_CUSTOMERS, "change customers", err) < 0)
		return -1;
	struct address a = {0};
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	rc = store_address_get(s, id, &a, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "no address with id %lld", (long long)id);
	if (rc == 1)
		rc = a.is_primary ? 0 : store_address_set_primary(s, id, err);
	else
		rc = -1;
	address_fini(&a);
	return finish(s, rc, err);
}
