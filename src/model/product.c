/* product.c - the rules of products, sold products, install base items,
 * contracts and entitlements (no SQL). */
#include "model/product.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static const char *const channels[] = {"phone", "email", "web", "chat", "walk-in"};

/* ---- fini ------------------------------------------------------------- */

void product_fini(struct product *p)
{
	free(p->name);
	free(p->model_number);
	free(p->kind);
	free(p->category);
	free(p->manufacturer);
	free(p->description);
	memset(p, 0, sizeof *p);
}

void asset_fini(struct asset *a)
{
	free(a->asset_tag);
	free(a->serial_number);
	free(a->status);
	memset(a, 0, sizeof *a);
}

void sold_product_fini(struct sold_product *sp)
{
	free(sp->number);
	free(sp->start_date);
	free(sp->end_date);
	free(sp->product_name);
	memset(sp, 0, sizeof *sp);
}

void install_base_item_fini(struct install_base_item *it)
{
	free(it->number);
	free(it->name);
	free(it->serial_number);
	free(it->path);
	free(it->state);
	free(it->install_date);
	free(it->uninstall_date);
	free(it->usage);
	free(it->characteristics);
	free(it->product_name);
	memset(it, 0, sizeof *it);
}

void contract_fini(struct contract *c)
{
	free(c->number);
	free(c->name);
	free(c->state);
	free(c->start_date);
	free(c->end_date);
	free(c->description);
	memset(c, 0, sizeof *c);
}

void entitlement_fini(struct entitlement *e)
{
	free(e->name);
	free(e->channels);
	free(e->start_date);
	free(e->end_date);
	free(e->per_unit);
	memset(e, 0, sizeof *e);
}

/* Lists grow by doubling; entries are zeroed so that fini is always safe. */
#define LIST_FUNCS(list, type, fini)                                                   \
	void list##_fini(struct list *l)                                               \
	{                                                                              \
		for (size_t i = 0; i < l->n; i++)                                      \
			fini(&l->v[i]);                                                \
		free(l->v);                                                            \
		l->v = NULL;                                                           \
		l->n = 0;                                                              \
	}                                                                              \
	struct type *list##_add(struct list *l)                                        \
	{                                                                              \
		/* capacity is the next power of two at or above n */                 \
		if ((l->n & (l->n - 1)) == 0)                                          \
			l->v = xrealloc(l->v, (l->n ? l->n * 2 : 1) * sizeof *l->v);   \
		memset(&l->v[l->n], 0, sizeof l->v[0]);                                \
		return &l->v[l->n++];                                                  \
	}

LIST_FUNCS(sold_product_list, sold_product, sold_product_fini)
LIST_FUNCS(install_base_list, install_base_item, install_base_item_fini)
LIST_FUNCS(contract_list, contract, contract_fini)
LIST_FUNCS(entitlement_list, entitlement, entitlement_fini)

static void tree_case_fini(struct tree_case *c)
{
	free(c->number);
	free(c->short_description);
	free(c->state);
	free(c->item_number);
}

static void location_rollup_fini(struct location_rollup *r)
{
	free(r->name);
	free(r->type);
	free(r->path);
}

LIST_FUNCS(tree_case_list, tree_case, tree_case_fini)
LIST_FUNCS(location_rollup_list, location_rollup, location_rollup_fini)

void location_counts_add(struct location_counts *a, const struct location_counts *b)
{
	a->items += b->items;
	a->in_use += b->in_use;
	a->in_repair += b->in_repair;
	a->open_cases += b->open_cases;
}

bool install_base_characteristic_key_valid(const char *key)
{
	size_t n = 0;

	if (!key)
		return false;
	for (; key[n]; n++)
		if (!isalnum((unsigned char)key[n]) && key[n] != '_' && key[n] != '-')
			return false;
	return n >= 1 && n <= 64;
}

/* ---- validation ------------------------------------------------------- */

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return true;
	return false;
}

/* Checks an optional date pair: each valid, end not before start. */
static int check_dates(const char *what, const char *start, const char *end, const char *start_name,
		       const char *end_name, struct csm_error *err)
{
	if (start && *start && !clock_valid_date(start))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s '%s' is not a date (YYYY-MM-DD)", what,
				     start_name, start);
	if (end && *end && !clock_valid_date(end))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s '%s' is not a date (YYYY-MM-DD)", what,
				     end_name, end);
	if (start && *start && end && *end && strcmp(end, start) < 0)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: %s %s is before %s %s", what, end_name,
				     end, start_name, start);
	return 0;
}

int product_validate(const struct product *p, struct csm_error *err)
{
	static const char *const kinds[] = {"hardware", "software", "service", "consumable"};

	if (blank(p->name))
		return csm_error_set(err, CSM_EX_DATAERR, "product: the name is required");
	if (blank(p->model_number))
		return csm_error_set(err, CSM_EX_DATAERR, "product %s: the model number is required",
				     p->name);
	if (p->kind && !one_of(p->kind, kinds, 4))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "product %s: kind '%s' is not one of hardware, software, service, "
				     "consumable",
				     p->model_number, p->kind);
	if (p->id && p->parent_id == p->id)
		return csm_error_set(err, CSM_EX_DATAERR, "product %s: cannot be its own parent model",
				     p->model_number);
	return 0;
}

int asset_validate(const struct asset *a, struct csm_error *err)
{
	static const char *const statuses[] = {"on_order", "in_stock", "in_use", "in_repair",
					       "retired"};

	if (blank(a->asset_tag))
		return csm_error_set(err, CSM_EX_DATAERR, "asset: the asset tag is required");
	if (a->product_id <= 0)
		return csm_error_set(err, CSM_EX_DATAERR, "asset %s: the product is required",
				     a->asset_tag);
	if (a->account_id > 0 && a->consumer_id > 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "asset %s: the owner is an account or a consumer, not both",
				     a->asset_tag);
	if (a->status && !one_of(a->status, statuses, 5))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "asset %s: status '%s' is not one of on_order, in_stock, in_use, "
				     "in_repair, retired",
				     a->asset_tag, a->status);
	return 0;
}

int sold_product_validate(const struct sold_product *sp, bool b2b2c, struct csm_error *err)
{
	const char *what = sp->number ? sp->number : "sold product";
	int owners = (sp->account_id > 0) + (sp->consumer_id > 0) + (sp->household_id > 0) +
		     (sp->service_org_id > 0);

	if (sp->product_id <= 0)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: the product is required", what);
	if (owners == 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: an owner is required (an account, a consumer, a household "
				     "or a service organization)",
				     what);
	if (owners > 1) {
		bool acct_cons = owners == 2 && sp->account_id > 0 && sp->consumer_id > 0;
		if (!acct_cons)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "%s: a sold product has exactly one owner: an account, a "
					     "consumer, a household or a service organization",
					     what);
		if (!b2b2c)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "%s: an account and a consumer together are allowed only "
					     "in the b2b2c model",
					     what);
	}
	if (sp->quantity < 0)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: quantity %d must be positive", what,
				     sp->quantity);
	if (sp->id && sp->parent_id == sp->id)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: cannot be part of itself", what);
	return check_dates(what, sp->start_date, sp->end_date, "start date", "end date", err);
}

bool install_base_state_valid(const char *state)
{
	static const char *const states[] = {"in_use", "in_repair", "inactive"};
	return state && one_of(state, states, 3);
}

bool contract_state_valid(const char *state)
{
	static const char *const states[] = {"draft", "active", "expired", "canceled"};
	return state && one_of(state, states, 4);
}

int install_base_item_validate(const struct install_base_item *it, struct csm_error *err)
{
	const char *what = it->number ? it->number : "install base item";

	if (blank(it->name))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: the name is required", what);
	if (it->state && !install_base_state_valid(it->state))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: state '%s' is not one of in_use, in_repair, inactive", what,
				     it->state);
	if (it->id && it->parent_id == it->id)
		return csm_error_set(err, CSM_EX_DATAERR, "%s: cannot be its own parent", what);
	return check_dates(what, it->install_date, it->uninstall_date, "install date",
			   "uninstall date", err);
}

int contract_validate(const struct contract *c, struct csm_error *err)
{
	const char *what = c->number ? c->number : "contract";

	if (blank(c->name))
		return csm_error_set(err, CSM_EX_DATAERR, "%s: the name is required", what);
	if ((c->account_id > 0) == (c->consumer_id > 0))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: the owner is an account or a consumer (exactly one)", what);
	if (c->state && !contract_state_valid(c->state))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: state '%s' is not one of draft, active, expired, canceled",
				     what, c->state);
	return check_dates(what, c->start_date, c->end_date, "start date", "end date", err);
}

int entitlement_validate(const struct entitlement *e, struct csm_error *err)
{
	const char *what = blank(e->name) ? "entitlement" : e->name;

	if (blank(e->name))
		return csm_error_set(err, CSM_EX_DATAERR, "entitlement: the name is required");
	if (!(e->product_id > 0 || e->account_id > 0 || e->consumer_id > 0 || e->contract_id > 0 ||
	      e->asset_id > 0 || e->sold_product_id > 0 || e->install_base_item_id > 0))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "entitlement %s: a scope is required (product, account, "
				     "consumer, contract, asset, sold product or install base item)",
				     what);
	if (e->per_unit) {
		if (strcmp(e->per_unit, "cases") != 0 && strcmp(e->per_unit, "hours") != 0)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "entitlement %s: per-unit '%s' is not cases or hours", what,
					     e->per_unit);
		if (e->total_units < 0 || e->remaining_units < 0)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "entitlement %s: units cannot be negative", what);
		if (e->remaining_units > e->total_units)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "entitlement %s: remaining units %lld exceed the total %lld",
					     what, (long long)e->remaining_units,
					     (long long)e->total_units);
	}
	if (e->channels) {
		struct csm_error cerr = {0};
		char *norm = entitlement_channels_parse(e->channels, &cerr);
		if (!norm)
			return csm_error_set(err, CSM_EX_DATAERR, "entitlement %s: %s", what, cerr.msg);
		free(norm);
	}
	return check_dates(what, e->start_date, e->end_date, "start date", "end date", err);
}

/* ---- sold product state ------------------------------------------------ */

enum sold_product_state sold_product_state(const struct sold_product *sp)
{
	char today[16];

	clock_today(today, sizeof today);
	if (sp->start_date && *sp->start_date && strcmp(sp->start_date, today) > 0)
		return SOLD_IN_PREPARATION;
	if (sp->end_date && *sp->end_date && strcmp(sp->end_date, today) < 0)
		return SOLD_EXPIRED;
	return SOLD_ACTIVE;
}

const char *sold_product_state_name(enum sold_product_state st)
{
	switch (st) {
	case SOLD_IN_PREPARATION: return "in preparation";
	case SOLD_ACTIVE: return "active";
	case SOLD_EXPIRED: return "expired";
	}
	return "?";
}

/* ---- channels ---------------------------------------------------------- */

bool entitlement_channel_valid(const char *channel)
{
	return channel && one_of(channel, channels, 5);
}

bool entitlement_has_channel(const char *list, const char *channel)
{
	size_t n;

	if (!list || !channel || !*channel)
		return false;
	n = strlen(channel);
	for (const char *p = list; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && strncmp(p, channel, n) == 0)
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

char *entitlement_channels_parse(const char *text, struct csm_error *err)
{
	struct strbuf sb;
	const char *p = text;

	if (blank(text)) {
		csm_error_set(err, CSM_EX_DATAERR, "the channel list is empty");
		return NULL;
	}
	strbuf_init(&sb);
	while (*p) {
		char word[16];
		size_t n = 0;
		bool too_long = false;

		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		for (; *p && *p != ',' && !isspace((unsigned char)*p); p++) {
			if (n + 1 < sizeof word)
				word[n++] = (char)tolower((unsigned char)*p);
			else
				too_long = true;
		}
		word[n] = '\0';
		if (too_long || !entitlement_channel_valid(word)) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "channel '%s%s' is not one of phone, email, web, chat, walk-in",
				      word, too_long ? "..." : "");
			strbuf_fini(&sb);
			return NULL;
		}
		if (entitlement_has_channel(sb.buf, word))
			continue;
		if (sb.len)
			strbuf_addc(&sb, ',');
		strbuf_adds(&sb, word);
	}
	if (!sb.len) {
		csm_error_set(err, CSM_EX_DATAERR, "the channel list is empty");
		strbuf_fini(&sb);
		return NULL;
	}
	return strbuf_take(&sb);
}
