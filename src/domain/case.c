/* case.c - case operations: entry with entitlement matching, transitions,
 * journal, tasks, assignment, approval and queues. */
#include "domain/case.h"

#include "store/access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/product.h"
#include "store/access.h"
#include "store/case_store.h"
#include "store/party_store.h"
#include "store/product_store.h"
#include "util/clock.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- small helpers ---------------------------------------------------- */

static bool given(const char *s)
{
	return s && *s;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static void add_line(char ***v, size_t *n, char *owned)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = owned;
}

void case_settings_from_config(struct case_settings *cs, const struct csm_config *cfg)
{
	cs->model = cfg->model;
	cs->default_priority = cfg->cases.default_priority;
	cs->default_channel = cfg->cases.default_channel;
	cs->channels = cfg->cases.channels;
	cs->n_channels = cfg->cases.n_channels;
}

void case_entry_init(struct case_entry *e)
{
	memset(e, 0, sizeof *e);
	case_record_init(&e->rec);
}

void case_entry_fini(struct case_entry *e)
{
	case_record_fini(&e->rec);
	entitlement_list_fini(&e->matches);
	for (size_t i = 0; i < e->n_notes; i++)
		free(e->notes[i]);
	for (size_t i = 0; i < e->n_warnings; i++)
		free(e->warnings[i]);
	free(e->notes);
	free(e->warnings);
	memset(e, 0, sizeof *e);
	case_record_init(&e->rec);
}

void case_outcome_fini(struct case_outcome *o)
{
	if (!o)
		return;
	free(o->warning);
	memset(o, 0, sizeof *o);
}

/* The acting user's id, 0 when the login is no user.  -1 on error. */
static int actor_id(struct store *s, int64_t *id, struct csm_error *err)
{
	return store_case_ref_id(s, CASE_REF_USER, store_actor(s), id, err) < 0 ? -1 : 0;
}

/* Resolves a reference typed by a person; an unknown key is CSM_EX_NOINPUT
 * naming the kind and the key.  Not given: *id = 0.  0 or -1. */
static int resolve(struct store *s, enum case_ref kind, const char *key, int64_t *id,
		   struct csm_error *err)
{
	int rc;

	*id = 0;
	if (!given(key))
		return 0;
	rc = store_case_ref_id(s, kind, key, id, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no such %s: %s", store_case_ref_name(kind),
				     key);
	return 0;
}

static int owner_of(struct store *s, enum case_ref kind, int64_t id, struct case_owner *o,
		    struct csm_error *err)
{
	int rc = store_case_owner_of(s, kind, id, o, err);
	if (rc == 0)
		return csm_error_set(err, CSM_EX_NOINPUT, "no such %s (id %lld)",
				     store_case_ref_name(kind), (long long)id);
	return rc < 0 ? -1 : 0;
}

/* True when a record owned by o belongs to the case's customer: any of its
 * owners is one of the case's. */
static bool belongs(const struct case_owner *o, const struct case_record *c)
{
	return (o->account_id && o->account_id == c->account_id) ||
	       (o->consumer_id && o->consumer_id == c->consumer_id) ||
	       (o->household_id && o->household_id == c->household_id) ||
	       (o->service_org_id && o->service_org_id == c->service_org_id);
}

/* ---- entry ------------------------------------------------------------ */

/* The customer, by the business model. */
static int check_customer(struct store *s, const struct case_settings *cs,
			  const struct case_input *in, struct case_record *c, struct csm_error *err)
{
	struct case_owner o;
	bool accounts = cs->model != MODEL_B2C, consumers = cs->model != MODEL_B2B;

	if (!accounts && (given(in->account) || given(in->contact)))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "the business model is b2c: a case's customer is a consumer "
				     "(with an optional household), not an account or contact");
	if (!consumers && (given(in->consumer) || given(in->household)))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "the business model is b2b: a case's customer is an account "
				     "(with an optional contact), not a consumer or household");
	if (resolve(s, CASE_REF_ACCOUNT, in->account, &c->account_id, err) < 0 ||
	    resolve(s, CASE_REF_CONTACT, in->contact, &c->contact_id, err) < 0 ||
	    resolve(s, CASE_REF_CONSUMER, in->consumer, &c->consumer_id, err) < 0 ||
	    resolve(s, CASE_REF_HOUSEHOLD, in->household, &c->household_id, err) < 0 ||
	    resolve(s, CASE_REF_SERVICE_ORG, in->service_org, &c->service_org_id, err) < 0 ||
	    resolve(s, CASE_REF_USER, in->requester, &c->requester_id, err) < 0)
		return -1;

	if (c->contact_id) {
		if (owner_of(s, CASE_REF_CONTACT, c->contact_id, &o, err) < 0)
			return -1;
		if (!c->account_id)
			c->account_id = o.account_id; /* a contact brings its account */
		else if (o.account_id != c->account_id)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "contact %s is not a contact of account %s", in->contact,
					     in->account);
		if (!o.usable)
			return csm_error_set(err, CSM_EX_DATAERR, "contact %s is inactive", in->contact);
	}
	if (c->account_id) {
		if (owner_of(s, CASE_REF_ACCOUNT, c->account_id, &o, err) < 0)
			return -1;
		if (!o.usable)
			return csm_error_set(err, CSM_EX_DATAERR, "account %s is inactive",
					     given(in->account) ? in->account : "of the contact");
	}
	if (c->consumer_id) {
		if (owner_of(s, CASE_REF_CONSUMER, c->consumer_id, &o, err) < 0)
			return -1;
		if (!o.usable)
			return csm_error_set(err, CSM_EX_DATAERR, "consumer %s is inactive",
					     in->consumer);
	}
	if (c->household_id) {
		int rc;
		if (!c->consumer_id)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "household %s needs the consumer of the case, a current "
					     "member of it",
					     in->household);
		rc = store_case_household_member(s, c->household_id, c->consumer_id, err);
		if (rc < 0)
			return -1;
		if (rc == 0)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "consumer %s is not a current member of household %s",
					     in->consumer, in->household);
	}
	if (c->service_org_id) {
		if (owner_of(s, CASE_REF_SERVICE_ORG, c->service_org_id, &o, err) < 0)
			return -1;
		if (!o.usable)
			return csm_error_set(err, CSM_EX_DATAERR, "service organization %s is inactive",
					     in->service_org);
	}
	if (!c->account_id && !c->consumer_id && !c->service_org_id && !c->requester_id)
		return csm_error_set(err, CSM_EX_DATAERR, "a case needs a customer: %s",
				     cs->model == MODEL_B2B
					     ? "an account (and optionally a contact), a service "
					       "organization or an internal requester"
				     : cs->model == MODEL_B2C
					     ? "a consumer (and optionally a household), a service "
					       "organization or an internal requester"
					     : "an account or a consumer (or both), a service "
					       "organization or an internal requester");
	return 0;
}

/* Product, asset, install base item, sold product, contract. */
static int check_products(struct store *s, const struct case_input *in, struct case_record *c,
			  struct case_entry *out, struct csm_error *err)
{
	struct case_owner o;

	if (resolve(s, CASE_REF_PRODUCT, in->product, &c->product_id, err) < 0 ||
	    resolve(s, CASE_REF_ASSET, in->asset, &c->asset_id, err) < 0 ||
	    resolve(s, CASE_REF_ITEM, in->item, &c->install_base_item_id, err) < 0 ||
	    resolve(s, CASE_REF_SOLD_PRODUCT, in->sold_product, &c->sold_product_id, err) < 0 ||
	    resolve(s, CASE_REF_CONTRACT, in->contract, &c->contract_id, err) < 0)
		return -1;
	if (c->install_base_item_id) {
		if (owner_of(s, CASE_REF_ITEM, c->install_base_item_id, &o, err) < 0)
			return -1;
		if (!o.usable)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "install base item %s is inactive: cases can be opened "
					     "only for active items",
					     in->item);
		if (!belongs(&o, c))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "install base item %s does not belong to this customer",
					     in->item);
		/* the item tells what product and asset the case is about */
		if (!c->product_id)
			c->product_id = o.product_id;
		if (!c->asset_id)
			c->asset_id = o.asset_id;
	}
	if (c->sold_product_id) {
		if (owner_of(s, CASE_REF_SOLD_PRODUCT, c->sold_product_id, &o, err) < 0)
			return -1;
		if (!belongs(&o, c))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "sold product %s does not belong to this customer",
					     in->sold_product);
		if (!o.usable)
			add_line(&out->warnings, &out->n_warnings,
				 xasprintf("sold product %s is %s", in->sold_product,
					   *o.state && strcmp(o.state, "active") ? o.state : "inactive"));
		if (!c->product_id)
			c->product_id = o.product_id;
	}
	if (c->contract_id) {
		if (owner_of(s, CASE_REF_CONTRACT, c->contract_id, &o, err) < 0)
			return -1;
		if (!belongs(&o, c))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "contract %s is not a contract of this customer",
					     in->contract);
		if (!o.usable)
			add_line(&out->warnings, &out->n_warnings,
				 xasprintf("contract %s is %s, not active", in->contract, o.state));
	}
	if (c->asset_id && given(in->asset)) {
		if (owner_of(s, CASE_REF_ASSET, c->asset_id, &o, err) < 0)
			return -1;
		if ((o.account_id || o.consumer_id) && !belongs(&o, c))
			return csm_error_set(err, CSM_EX_DATAERR,
					     "asset %s does not belong to this customer", in->asset);
	}
	return 0;
}

/* "Gold support (id 12, 3 cases left)" */
static char *entitlement_label(const struct entitlement *e)
{
	if (e->per_unit)
		return xasprintf("'%s' (id %lld, %lld %s left)", e->name, (long long)e->id,
				 (long long)e->remaining_units, e->per_unit);
	return xasprintf("'%s' (id %lld)", e->name, (long long)e->id);
}

/* The entitlements that may cover c (ended ones too, flagged), appended to
 * out.  0 or -1. */
static int entitlements_of(struct store *s, const struct case_record *c,
			   struct entitlement_list *out, struct csm_error *err)
{
	struct entitlement_query q = {
		.channel = c->channel,
		.account_id = c->account_id,
		.consumer_id = c->consumer_id,
		.contract_id = c->contract_id,
		.product_id = c->product_id,
		.asset_id = c->asset_id,
		.sold_product_id = c->sold_product_id,
		.install_base_item_id = c->install_base_item_id,
		.include_expired = true,
	};
	return domain_entitlements_matching(s, &q, out, err);
}

/* Takes the chosen entitlement id from the matches into c; an exhausted
 * one gives *warning (owned).  0, or -1 when it does not cover the case. */
static int choose_entitlement(const struct entitlement_list *matches, int64_t id,
			      struct case_record *c, char **warning, struct csm_error *err)
{
	const struct entitlement *chosen = NULL;

	for (size_t i = 0; i < matches->n; i++)
		if (matches->v[i].id == id)
			chosen = &matches->v[i];
	if (!chosen || chosen->expired)
		return csm_error_set(err, CSM_EX_DATAERR, "entitlement %lld does not cover %s%s",
				     (long long)id, c->number ? c->number : "this case",
				     chosen ? " (it has ended)" : "");
	c->entitlement_id = chosen->id;
	if (chosen->exhausted) {
		char *l = entitlement_label(chosen);
		*warning = xasprintf("entitlement %s has no units left", l);
		free(l);
	}
	return 0;
}

/* Finds the entitlements and decides: fill in, offer a choice, or warn. */
static int match_entitlements(struct store *s, const struct case_input *in, struct case_record *c,
			      struct case_entry *out, struct csm_error *err)
{
	const struct entitlement *only = NULL;
	size_t usable;

	if (entitlements_of(s, c, &out->matches, err) < 0)
		return -1;
	usable = entitlement_list_usable(&out->matches);

	if (in->entitlement_id > 0) {
		char *warning = NULL;
		if (choose_entitlement(&out->matches, in->entitlement_id, c, &warning, err) < 0)
			return -1;
		if (warning)
			add_line(&out->warnings, &out->n_warnings, warning);
		return 0;
	}
	for (size_t i = 0; i < out->matches.n; i++)
		if (!out->matches.v[i].exhausted && !out->matches.v[i].expired)
			only = &out->matches.v[i];
	if (usable == 1) {
		char *l = entitlement_label(only);
		c->entitlement_id = only->id;
		add_line(&out->notes, &out->n_notes, xasprintf("entitlement %s filled in", l));
		free(l);
	} else if (usable > 1) {
		add_line(&out->notes, &out->n_notes,
			 xasprintf("%zu entitlements cover this case; choose one", usable));
	} else if (out->matches.n == 0) {
		add_line(&out->warnings, &out->n_warnings,
			 xstrdup("no entitlement covers this case"));
	} else {
		for (size_t i = 0; i < out->matches.n; i++) {
			char *l = entitlement_label(&out->matches.v[i]);
			add_line(&out->warnings, &out->n_warnings,
				 xasprintf("entitlement %s %s", l,
					   out->matches.v[i].expired ? "has ended"
								     : "has no units left"));
			free(l);
		}
	}
	return 0;
}

static int check_channel(const struct case_settings *cs, const char *channel,
			 struct csm_error *err)
{
	struct strbuf sb;

	for (size_t i = 0; i < cs->n_channels; i++)
		if (strcmp(cs->channels[i], channel) == 0)
			return 0;
	strbuf_init(&sb);
	for (size_t i = 0; i < cs->n_channels; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", cs->channels[i]);
	csm_error_set(err, CSM_EX_DATAERR, "channel '%s' is not one of the configured channels (%s)",
		      channel, sb.buf);
	strbuf_fini(&sb);
	return -1;
}

static int check_priority(int priority, struct csm_error *err)
{
	if (priority < CASE_PRIORITY_MIN || priority > CASE_PRIORITY_MAX)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "priority %d: must be 1 (critical), 2 (high), 3 (moderate) or "
				     "4 (low)",
				     priority);
	return 0;
}

static int check_category(struct store *s, const char *category, struct csm_error *err)
{
	int rc = store_case_category_exists(s, category, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		return csm_error_set(err, CSM_EX_DATAERR, "category '%s' is not a case category",
				     category);
	return 0;
}

int domain_case_prepare(struct store *s, const struct case_settings *cs,
			const struct case_input *in, struct case_entry *out, struct csm_error *err)
{
	struct case_record *c = &out->rec;

	if (blank(in->short_description))
		return csm_error_set(err, CSM_EX_DATAERR, "a case needs a short description");
	c->priority = in->priority ? in->priority : cs->default_priority;
	if (check_priority(c->priority, err) < 0)
		return -1;
	free(c->channel);
	c->channel = xstrdup(given(in->channel) ? in->channel
			     : cs->default_channel ? cs->default_channel
						   : "phone");
	if (check_channel(cs, c->channel, err) < 0)
		return -1;
	if (given(in->category) && check_category(s, in->category, err) < 0)
		return -1;
	free(c->short_description);
	free(c->description);
	free(c->category);
	c->short_description = xstrdup(in->short_description);
	c->description = given(in->description) ? xstrdup(in->description) : NULL;
	c->category = given(in->category) ? xstrdup(in->category) : NULL;
	c->state = CASE_NEW;

	if (check_customer(s, cs, in, c, err) < 0 || check_products(s, in, c, out, err) < 0)
		return -1;
	return match_entitlements(s, in, c, out, err);
}

int domain_case_create(struct store *s, const struct case_settings *cs,
		       const struct case_input *in, struct case_entry *out, struct csm_error *err)
{
	char number[32];
	struct case_record *c = &out->rec;
	char *body;
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	if (domain_case_prepare(s, cs, in, out, err) < 0 || actor_id(s, &c->opened_by_id, err) < 0)
		goto fail;
	rc = store_access_case_customer(s, c->account_id, c->contact_id, c->consumer_id,
					c->household_id, err);
	if (rc <= 0 || store_next_number(s, REC_CASE, number, sizeof number, err) < 0)
		goto fail;
	free(c->number);
	c->number = xstrdup(number);
	if (store_case_insert(s, c, err) < 0)
		goto fail;
	body = xasprintf("case opened by %s (%s, priority %d)", store_actor(s), c->channel,
			 c->priority);
	rc = store_case_journal_add(s, c->id, CASE_JOURNAL_SYSTEM, body, c->opened_by_id, err);
	free(body);
	if (rc < 0 || store_commit(s, err) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(s);
	c->id = 0;
	free(c->number);
	c->number = NULL;
	return -1;
}

int domain_case_get(struct store *s, const char *number, struct case_record *out,
		    struct csm_error *err)
{
	int rc = store_case_get_by_number(s, number, out, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "no such case: %s", number ? number : "");
	return rc;
}

/* ---- changes ---------------------------------------------------------- */

/* Opens the transaction of a change and reads the case: it must exist,
 * still be at expected_version, and (writable) not be read-only, and the
 * acting user must hold the CASE_* rights `need` to do `what`.  On error
 * nothing is left open. */
static int begin_change(struct store *s, const char *number, int64_t expected_version,
			bool writable, unsigned need, const char *what, struct case_record *c,
			struct csm_error *err)
{
	int rc;

	if (store_begin(s, err) < 0)
		return -1;
	rc = domain_case_get(s, number, c, err);
	if (rc <= 0)
		goto fail;
	/* Read-only cases say so below; any other refusal is the user's rights. */
	if ((!case_state_read_only(c->state) || !writable) &&
	    store_access_require_case(s, c->id, c->number, need, what, err) < 0)
		goto fail;
	if (expected_version != CASE_ANY_VERSION && c->version != expected_version) {
		csm_error_set(err, CSM_EX_DATAERR,
			      "%s was changed by someone else since you opened it (you have "
			      "version %lld, it is now at version %lld); open it again",
			      c->number, (long long)expected_version, (long long)c->version);
		goto fail;
	}
	if (writable && case_state_read_only(c->state)) {
		csm_error_set(err, CSM_EX_DATAERR, "%s is %s: %s cases are read-only", c->number,
			      case_state_label(c->state), case_state_label(c->state));
		goto fail;
	}
	return 0;
fail:
	store_rollback(s);
	case_record_fini(c);
	return -1;
}

/* Writes c, the journal entry body (owned, freed here) and commits; fills
 * out.  On error rolls back. */
static int finish_change(struct store *s, struct case_record *c, int64_t author_id, char *body,
			 struct case_outcome *out, struct csm_error *err)
{
	int rc = store_case_update(s, c, c->version, err);

	if (rc == 0)
		csm_error_set(err, CSM_EX_DATAERR, "%s was changed by someone else since you opened it",
			      c->number);
	if (rc <= 0 || store_case_journal_add(s, c->id, CASE_JOURNAL_SYSTEM, body, author_id, err) < 0 ||
	    store_commit(s, err) < 0) {
		free(body);
		store_rollback(s);
		return -1;
	}
	free(body);
	if (out) {
		out->version = c->version + 1;
		out->state = c->state;
	}
	return 0;
}

static void set_str(char **field, const char *v)
{
	free(*field);
	*field = given(v) ? xstrdup(v) : NULL;
}

/* Counts the entitlement down for a closing case.  A shortfall is a
 * warning (owned, into *warning), not an error. */
static int count_down(struct store *s, const struct case_record *c, int hours, char **warning,
		      struct csm_error *err)
{
	int units, rc;

	if (!c->entitlement_id || !c->entitlement_per_unit)
		return 0;
	units = strcmp(c->entitlement_per_unit, "hours") == 0 ? (hours > 0 ? hours : 1) : 1;
	rc = store_entitlement_use_unit(s, c->entitlement_id, units, err);
	if (rc < 0)
		return -1;
	if (rc == 0)
		*warning = xasprintf("entitlement '%s' had no %s left; this case was not covered",
				     c->entitlement_name, c->entitlement_per_unit);
	else if (c->entitlement_remaining >= 0 && c->entitlement_remaining < units)
		*warning = xasprintf("entitlement '%s' had only %lld %s left of the %d used",
				     c->entitlement_name, (long long)c->entitlement_remaining,
				     c->entitlement_per_unit, units);
	return 0;
}

/* "propose solution": an action's label in lower case, for refusals. */
static const char *action_words(const struct case_action *a, char *buf, size_t size)
{
	size_t i = 0;

	for (; a->label[i] && i + 1 < size; i++)
		buf[i] = (char)(a->label[i] >= 'A' && a->label[i] <= 'Z' ? a->label[i] + 32
									 : a->label[i]);
	buf[i] = '\0';
	return buf;
}

int domain_case_transition(struct store *s, const char *number, int64_t expected_version,
			   const char *action, const struct case_transition_args *args,
			   struct case_outcome *out, struct csm_error *err)
{
	static const struct case_transition_args none = {0};
	const struct case_action *a;
	struct case_record c;
	enum case_state from;
	struct strbuf body;
	char now[32], words[64], *warning = NULL;
	int64_t me;
	int rc;

	if (!args)
		args = &none;
	if (begin_change(s, number, expected_version, false, CASE_VIEW, "work", &c, err) < 0)
		return -1;
	from = c.state;
	if (!(a = case_action_check(c.number, c.state, action, err)) ||
	    case_action_check_fields(a, c.number, args->code, args->notes, err) < 0 ||
	    actor_id(s, &me, err) < 0)
		goto fail;
	/* The customer's actions (accept or reject a solution, answer a
	 * request) need CASE_RESPOND; the rest are agents' work. */
	if (store_access_require_case(s, c.id, c.number,
				      strcmp(a->who, "customer") == 0 ? CASE_RESPOND : CASE_WORK,
				      action_words(a, words, sizeof words), err) < 0)
		goto fail;
	if (given(args->code)) {
		rc = store_case_resolution_code_exists(s, args->code, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			char *known = store_case_resolution_codes_dup(s, err);
			csm_error_set(err, CSM_EX_DATAERR,
				      "resolution code '%s' does not exist (known codes: %s)", args->code,
				      known && *known ? known : "none; load an industry template");
			free(known);
			goto fail;
		}
	}

	clock_timestamp(now, sizeof now);
	c.state = a->to;
	if (a->to == CASE_RESOLVED) {
		set_str(&c.resolution_code, args->code);
		set_str(&c.resolution_notes, args->notes);
		c.resolved_by_id = me;
		set_str(&c.resolved_at, now);
	} else if (from == CASE_RESOLVED && a->to == CASE_OPEN) {
		/* a rejected solution is no longer the case's resolution */
		set_str(&c.resolution_code, NULL);
		set_str(&c.resolution_notes, NULL);
		c.resolved_by_id = 0;
		set_str(&c.resolved_at, NULL);
	} else if (a->to == CASE_CLOSED || a->to == CASE_CANCELED) {
		if (given(args->code))
			set_str(&c.resolution_code, args->code);
		if (!blank(args->notes))
			set_str(&c.resolution_notes, args->notes);
	}
	if (a->to == CASE_CLOSED || a->to == CASE_CANCELED) {
		c.closed_by_id = me;
		set_str(&c.closed_at, now);
	}
	if (a->to == CASE_CLOSED && count_down(s, &c, args->hours, &warning, err) < 0)
		goto fail;

	strbuf_init(&body);
	strbuf_addf(&body, "%s: %s -> %s", a->name, case_state_label(from), case_state_label(a->to));
	if (given(args->code))
		strbuf_addf(&body, "; resolution code %s", args->code);
	if (!blank(args->notes))
		strbuf_addf(&body, "; %s", args->notes);
	if (warning)
		strbuf_addf(&body, "; warning: %s", warning);
	if (finish_change(s, &c, me, strbuf_take(&body), out, err) < 0)
		goto fail_done; /* rolled back */
	if (out)
		out->warning = warning;
	else
		free(warning);
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
fail_done:
	free(warning);
	case_record_fini(&c);
	return -1;
}

int domain_case_update(struct store *s, const struct case_settings *cs, const char *number,
		       int64_t expected_version, const struct case_edit *edit,
		       struct case_outcome *out, struct csm_error *err)
{
	struct case_record c;
	struct strbuf body;
	char *warning = NULL;
	int64_t me;
	int rc;

	if (begin_change(s, number, expected_version, true, CASE_EDIT, "change", &c, err) < 0)
		return -1;
	strbuf_init(&body);
	strbuf_adds(&body, "updated:");
	if (edit->short_description) {
		if (blank(edit->short_description)) {
			csm_error_set(err, CSM_EX_DATAERR, "a case needs a short description");
			goto fail;
		}
		set_str(&c.short_description, edit->short_description);
		strbuf_addf(&body, " short description '%s';", edit->short_description);
	}
	if (edit->description) {
		set_str(&c.description, edit->description);
		strbuf_adds(&body, " description;");
	}
	if (edit->priority) {
		if (check_priority(edit->priority, err) < 0)
			goto fail;
		strbuf_addf(&body, " priority %d -> %d;", c.priority, edit->priority);
		c.priority = edit->priority;
	}
	if (edit->channel) {
		if (check_channel(cs, edit->channel, err) < 0)
			goto fail;
		strbuf_addf(&body, " channel %s -> %s;", c.channel, edit->channel);
		set_str(&c.channel, edit->channel);
	}
	if (edit->category) {
		if (given(edit->category) && check_category(s, edit->category, err) < 0)
			goto fail;
		strbuf_addf(&body, " category '%s';", edit->category);
		set_str(&c.category, edit->category);
	}
	if (edit->entitlement_id) {
		struct entitlement_list matches = {0};
		rc = entitlements_of(s, &c, &matches, err);
		if (rc == 0)
			rc = choose_entitlement(&matches, edit->entitlement_id, &c, &warning, err);
		entitlement_list_fini(&matches);
		if (rc < 0)
			goto fail;
		strbuf_addf(&body, " entitlement %lld;", (long long)edit->entitlement_id);
	}
	if (body.len == strlen("updated:")) {
		csm_error_set(err, CSM_EX_USAGE, "%s: nothing to change", c.number);
		goto fail;
	}
	body.buf[--body.len] = '\0'; /* the last ';' */
	if (warning)
		strbuf_addf(&body, "; warning: %s", warning);
	if (actor_id(s, &me, err) < 0)
		goto fail;
	if (finish_change(s, &c, me, strbuf_take(&body), out, err) < 0)
		goto fail_done;
	if (out)
		out->warning = warning;
	else
		free(warning);
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
fail_done:
	free(warning);
	strbuf_fini(&body);
	case_record_fini(&c);
	return -1;
}

/* ---- journal ---------------------------------------------------------- */

int domain_case_comment(struct store *s, const char *number, const char *text, bool work_note,
			struct csm_error *err)
{
	struct case_record c;
	int64_t me;

	if (blank(text))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: a %s needs some text",
				     number ? number : "case", work_note ? "work note" : "comment");
	if (begin_change(s, number, CASE_ANY_VERSION, true, work_note ? CASE_WORK_NOTE : CASE_COMMENT, work_note ? "add a work note to" : "comment on", &c, err) < 0)
		return -1;
	if (actor_id(s, &me, err) < 0 ||
	    store_case_journal_add(s, c.id, work_note ? CASE_JOURNAL_WORK_NOTE : CASE_JOURNAL_COMMENT,
				   text, me, err) < 0 ||
	    store_commit(s, err) < 0) {
		store_rollback(s);
		case_record_fini(&c);
		return -1;
	}
	case_record_fini(&c);
	return 0;
}

int domain_case_journal(struct store *s, int64_t case_id, bool newest_first,
			const struct page_req *page, struct case_journal_list *out,
			struct csm_error *err)
{
	return store_case_journal_list(s, case_id, newest_first, page, out, err);
}

/* ---- assignment ------------------------------------------------------- */

int domain_case_assign(struct store *s, const char *number, int64_t expected_version,
		       const char *group, const char *login, struct case_outcome *out,
		       struct csm_error *err)
{
	struct case_record c;
	struct strbuf body;
	int64_t group_id, user_id, me;
	int rc;

	if (!group && !login)
		return csm_error_set(err, CSM_EX_USAGE, "%s: give a group or an assignee (or both)",
				     number ? number : "case");
	if (begin_change(s, number, expected_version, true, CASE_ASSIGN, "assign", &c, err) < 0)
		return -1;
	strbuf_init(&body);
	group_id = c.group_id;
	user_id = c.assigned_to_id;
	if (group && resolve(s, CASE_REF_GROUP, group, &group_id, err) < 0)
		goto fail;
	if (login && resolve(s, CASE_REF_USER, login, &user_id, err) < 0)
		goto fail;
	if (group)
		strbuf_addf(&body, "assignment group %s", given(group) ? group : "cleared");
	if (group_id && user_id) {
		rc = store_group_has_member(s, group_id, user_id, err);
		if (rc < 0)
			goto fail;
		if (rc == 0 && login) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "%s is not a member of group %s: choose a member of the group, "
				      "or another group",
				      login, given(group) ? group : c.group_name);
			goto fail;
		}
		if (rc == 0) {
			strbuf_addf(&body, "; %s is not a member, assignee cleared", c.assigned_login);
			user_id = 0;
		}
	}
	if (login)
		strbuf_addf(&body, "%sassigned to %s", body.len ? "; " : "",
			    given(login) ? login : "nobody");
	c.group_id = group_id;
	c.assigned_to_id = user_id;
	if (c.state == CASE_NEW && (group_id || user_id)) {
		/* assigning a new case takes it on (domain.md: new, accept / assign, open) */
		if (!case_action_check(c.number, c.state, "assign", err))
			goto fail;
		c.state = CASE_OPEN;
		strbuf_addf(&body, "; assign: %s -> %s", case_state_label(CASE_NEW),
			    case_state_label(CASE_OPEN));
	}
	if (actor_id(s, &me, err) < 0)
		goto fail;
	if (finish_change(s, &c, me, strbuf_take(&body), out, err) < 0)
		goto fail_done;
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
fail_done:
	strbuf_fini(&body);
	case_record_fini(&c);
	return -1;
}

/* ---- approval --------------------------------------------------------- */

int domain_case_request_approval(struct store *s, const char *number, int64_t expected_version,
				 const char *approver_login, struct case_outcome *out,
				 struct csm_error *err)
{
	struct case_record c;
	int64_t approver = 0, me;
	char *body;

	if (begin_change(s, number, expected_version, true, CASE_REQUEST, "request approval for", &c, err) < 0)
		return -1;
	if (c.approval == CASE_APPROVAL_REQUESTED) {
		csm_error_set(err, CSM_EX_DATAERR, "%s: approval is already requested%s%s", c.number,
			      c.approver_login ? " from " : "", c.approver_login ? c.approver_login : "");
		goto fail;
	}
	if (resolve(s, CASE_REF_USER, approver_login, &approver, err) < 0 || actor_id(s, &me, err) < 0)
		goto fail;
	c.approval = CASE_APPROVAL_REQUESTED;
	c.approver_id = approver;
	body = given(approver_login) ? xasprintf("approval requested from %s", approver_login)
				     : xstrdup("approval requested");
	if (finish_change(s, &c, me, body, out, err) < 0) {
		case_record_fini(&c);
		return -1;
	}
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
	case_record_fini(&c);
	return -1;
}

/* May the acting user (me) decide c's approval?  0 or -1 with err. */
static int check_approver(struct store *s, const struct case_record *c, int64_t me,
			  struct csm_error *err)
{
	static const char *const roles[] = {"admin", "manager", "stakeholder"};
	int rc;

	if (!me)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s is not a csm user and cannot approve",
				     c->number, store_actor(s));
	if (c->approver_id == me)
		return 0;
	/* a named approver leaves the decision to them, or to admins and managers */
	for (size_t i = 0; i < (c->approver_id ? 2 : 3); i++) {
		rc = store_case_user_has_role(s, me, roles[i], err);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
	if (c->approver_id)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: the approval was requested from %s, not from %s", c->number,
				     c->approver_login, store_actor(s));
	return csm_error_set(err, CSM_EX_DATAERR,
			     "%s: %s cannot approve (approvers hold the stakeholder, manager or "
			     "admin role)",
			     c->number, store_actor(s));
}

int domain_case_decide(struct store *s, const char *number, int64_t expected_version,
		       bool approve, const char *comment, struct case_outcome *out,
		       struct csm_error *err)
{
	struct case_record c;
	int64_t me;
	char *body;

	if (begin_change(s, number, expected_version, true, CASE_VIEW, "approve or reject", &c, err) < 0)
		return -1;
	if (c.approval != CASE_APPROVAL_REQUESTED) {
		csm_error_set(err, CSM_EX_DATAERR, "%s: no approval is requested (approval: %s)",
			      c.number, case_approval_name(c.approval));
		goto fail;
	}
	if (actor_id(s, &me, err) < 0 || check_approver(s, &c, me, err) < 0 ||
	    store_access_require_case(s, c.id, c.number, CASE_APPROVE, "approve or reject",
				      err) < 0)
		goto fail;
	c.approval = approve ? CASE_APPROVAL_APPROVED : CASE_APPROVAL_REJECTED;
	c.approver_id = me;
	body = blank(comment) ? xasprintf("%s by %s", approve ? "approved" : "rejected", store_actor(s))
			      : xasprintf("%s by %s: %s", approve ? "approved" : "rejected",
					  store_actor(s), comment);
	if (finish_change(s, &c, me, body, out, err) < 0) {
		case_record_fini(&c);
		return -1;
	}
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
	case_record_fini(&c);
	return -1;
}

/* ---- tasks ------------------------------------------------------------ */

int domain_case_task_add(struct store *s, const char *case_number, const char *short_description,
			 const char *login, const char *group, struct case_task *out,
			 struct csm_error *err)
{
	struct case_record c;
	struct case_task t = {0};
	char number[32], *body;
	int64_t me;
	int rc;

	if (blank(short_description))
		return csm_error_set(err, CSM_EX_DATAERR, "a task needs a short description");
	if (!given(login) && !given(group))
		return csm_error_set(err, CSM_EX_DATAERR, "a task is assigned to a user, a group or both");
	if (begin_change(s, case_number, CASE_ANY_VERSION, true, CASE_TASKS, "add tasks to", &c, err) < 0)
		return -1;
	t.case_id = c.id;
	if (resolve(s, CASE_REF_USER, login, &t.user_id, err) < 0 ||
	    resolve(s, CASE_REF_GROUP, group, &t.group_id, err) < 0)
		goto fail;
	if (t.user_id && t.group_id) {
		rc = store_group_has_member(s, t.group_id, t.user_id, err);
		if (rc < 0)
			goto fail;
		if (rc == 0) {
			csm_error_set(err, CSM_EX_DATAERR, "%s is not a member of group %s", login, group);
			goto fail;
		}
	}
	if (store_next_number(s, REC_TASK, number, sizeof number, err) < 0)
		goto fail;
	t.number = xstrdup(number);
	t.short_description = xstrdup(short_description);
	if (store_case_task_insert(s, &t, err) < 0 || actor_id(s, &me, err) < 0)
		goto fail;
	body = xasprintf("task %s added for %s%s%s: %s", t.number, given(login) ? login : "",
			 given(login) && given(group) ? " in " : "", given(group) ? group : "",
			 short_description);
	rc = store_case_journal_add(s, c.id, CASE_JOURNAL_SYSTEM, body, me, err);
	free(body);
	if (rc < 0 || store_commit(s, err) < 0)
		goto fail;
	case_record_fini(&c);
	if (out) {
		rc = store_case_task_get_by_number(s, t.number, out, err);
		case_task_fini(&t);
		return rc == 1 ? 0 : -1;
	}
	case_task_fini(&t);
	return 0;
fail:
	store_rollback(s);
	case_task_fini(&t);
	case_record_fini(&c);
	return -1;
}

int domain_case_task_finish(struct store *s, const char *task_number, enum case_task_state st,
			    struct csm_error *err)
{
	struct case_task t;
	struct case_record c;
	char *body;
	int64_t me;
	int rc;

	if (st == CASE_TASK_OPEN)
		return csm_error_set(err, CSM_EX_USAGE, "a task is finished by closing or canceling it");
	if (store_begin(s, err) < 0)
		return -1;
	case_record_init(&c);
	rc = store_case_task_get_by_number(s, task_number, &t, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "no such task: %s", task_number ? task_number : "");
	if (rc <= 0)
		goto fail;
	if (t.state != CASE_TASK_OPEN) {
		csm_error_set(err, CSM_EX_DATAERR, "task %s is already %s", t.number,
			      case_task_state_name(t.state));
		goto fail;
	}
	rc = store_case_get(s, t.case_id, &c, err);
	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "task %s: its case is gone", t.number);
	if (rc <= 0)
		goto fail;
	if (case_state_read_only(c.state)) {
		csm_error_set(err, CSM_EX_DATAERR, "%s is %s: %s cases are read-only", c.number,
			      case_state_label(c.state), case_state_label(c.state));
		goto fail;
	}
	if (actor_id(s, &me, err) < 0)
		goto fail;
	/* A task's own user finishes it; others need the case's task rights. */
	if ((t.user_id == 0 || t.user_id != me) &&
	    store_access_require_case(s, c.id, c.number, CASE_TASKS, "finish tasks of", err) < 0)
		goto fail;
	if (store_case_task_set_state(s, t.id, st, err) < 0)
		goto fail;
	body = xasprintf("task %s %s", t.number, case_task_state_name(st));
	rc = store_case_journal_add(s, c.id, CASE_JOURNAL_SYSTEM, body, me, err);
	free(body);
	if (rc < 0 || store_commit(s, err) < 0)
		goto fail;
	case_task_fini(&t);
	case_record_fini(&c);
	return 0;
fail:
	store_rollback(s);
	case_task_fini(&t);
	case_record_fini(&c);
	return -1;
}

int domain_case_tasks(struct store *s, int64_t case_id, struct case_task_list *out,
		      struct csm_error *err)
{
	return store_case_task_list(s, case_id, out, err);
}

/* ---- queues ----------------------------------------------------------- */

int domain_case_query_customer(struct store *s, struct case_query *q, const char *number,
			       struct csm_error *err)
{
	static const enum case_ref kinds[] = {CASE_REF_ACCOUNT, CASE_REF_CONSUMER, CASE_REF_HOUSEHOLD};
	int64_t *fields[] = {&q->account_id, &q->consumer_id, &q->household_id};

	for (size_t i = 0; i < 3; i++) {
		int64_t id;
		int rc = store_case_ref_id(s, kinds[i], number, &id, err);
		if (rc < 0)
			return -1;
		if (rc == 1) {
			*fields[i] = id;
			return 0;
		}
	}
	return csm_error_set(err, CSM_EX_NOINPUT, "no such customer: %s (an account, consumer or "
				 "household number)", number ? number : "");
}

int domain_case_query_group(struct store *s, struct case_query *q, const char *name,
			    struct csm_error *err)
{
	return resolve(s, CASE_REF_GROUP, name, &q->group_id, err);
}

int domain_case_list(struct store *s, const struct case_query *q, const struct page_req *page,
		     struct case_list *out, struct csm_error *err)
{
	struct case_query mine = *q;

	if (!mine.user_id && (q->queue == CASE_QUEUE_MINE || q->queue == CASE_QUEUE_GROUPS)) {
		if (actor_id(s, &mine.user_id, err) < 0)
			return -1;
		if (!mine.user_id) {
			out->more = false;
			return 0; /* no such user: nothing is theirs */
		}
	}
	return store_case_list(s, &mine, page, out, err);
}
