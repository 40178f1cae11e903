/* case_entry.c - entering a new case (see case_entry.h). */
#include "ui/screens/case_entry.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/install_base.h"
#include "domain/product.h"
#include "model/customer.h"
#include "store/browse.h"
#include "store/case_store.h"
#include "store/customer_store.h"
#include "store/product_store.h"
#include "store/access.h"
#include "store/search.h"
#include "ui/draw.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/xalloc.h"

#define LABEL_W 14 /* the label column */

static const char *const priorities[] = {"1 critical", "2 high", "3 moderate", "4 low"};

/* Pickers show "NUMBER  Name": the number is the first word. */
static char *number_of(const char *label)
{
	size_t n = 0;

	while (label && label[n] && label[n] != ' ')
		n++;
	return n ? xstrndup(label, n) : NULL;
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = hay; p && *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

static void option_add(struct form_option **out, size_t *n, int64_t id, const char *number,
		       const char *name, const char *detail)
{
	*out = xrealloc(*out, (*n + 1) * sizeof **out);
	(*out)[*n].id = id;
	(*out)[*n].label = xasprintf("%s  %s", number ? number : "", name ? name : "");
	(*out)[*n].detail = xstrdup(detail);
	(*n)++;
}

static struct form_field *field(struct case_entry_state *st, const char *name)
{
	return form_field(&st->form, name);
}

/* The customer picked: an account or a consumer.  The business model says
 * which; in b2b2c, where both are offered, the number says. */
static int64_t customer_id(struct screen *s, bool *is_consumer)
{
	struct case_entry_state *st = s->state;
	struct form_field *c = field(st, "customer");

	*is_consumer = st->cs.model == MODEL_B2C;
	if (st->cs.model == MODEL_B2B2C && c->picked_label) {
		char *number = number_of(c->picked_label);
		struct csm_error err = {0};
		int64_t id = 0;
		*is_consumer = number && store_case_ref_id(ui_store(s->ui), CASE_REF_CONSUMER, number,
							   &id, &err) == 1 &&
			       id == c->picked_id;
		free(number);
	}
	return c->picked_id;
}

/* ---- pickers ------------------------------------------------------------ */

static int lookup_customer(struct screen *s, const char *text, size_t limit,
			   struct form_option **out, size_t *n, struct csm_error *err)
{
	struct case_entry_state *st = s->state;
	unsigned kinds = st->cs.model == MODEL_B2B   ? SEARCH_KIND_BIT(SK_ACCOUNT)
			 : st->cs.model == MODEL_B2C ? SEARCH_KIND_BIT(SK_CONSUMER)
						     : SEARCH_KIND_BIT(SK_ACCOUNT) |
							       SEARCH_KIND_BIT(SK_CONSUMER);
	struct search_result r = {0};

	if (store_search(ui_store(s->ui), text, kinds, limit, &r, err) < 0) {
		search_result_fini(&r);
		return -1;
	}
	for (size_t i = 0; i < r.n; i++)
		option_add(out, n, r.hits[i].id, r.hits[i].number, r.hits[i].title,
			   r.hits[i].detail);
	search_result_fini(&r);
	return 0;
}

static int lookup_contact(struct screen *s, const char *text, size_t limit,
			  struct form_option **out, size_t *n, struct csm_error *err)
{
	bool consumer;
	int64_t account = customer_id(s, &consumer);
	struct page_req pg = {NULL, 0, 100};
	char *key = NULL;
	int rc = 0;

	if (!account || consumer)
		return csm_error_set(err, CSM_EX_USAGE, "pick the account first");
	for (;;) {
		struct contact_list l = {0};
		if (store_contact_list(ui_store(s->ui), account, &pg, &l, err) < 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < l.n && *n < limit; i++) {
			struct contact *c = &l.items[i];
			char *name = customer_person_name(c->first_name, c->last_name);
			if (c->active && (contains(name, text) || contains(c->email, text) ||
					  contains(c->number, text)))
				option_add(out, n, c->id, c->number, name, c->email);
			free(name);
		}
		free(key);
		key = xstrdup(l.next.key);
		pg.after_key = key;
		pg.after_id = l.next.id;
		bool more = l.next.more;
		contact_list_fini(&l);
		if (!more || *n >= limit)
			break;
	}
	free(key);
	return rc;
}

static int lookup_household(struct screen *s, const char *text, size_t limit,
			    struct form_option **out, size_t *n, struct csm_error *err)
{
	bool consumer;
	int64_t id = customer_id(s, &consumer);
	struct member_list l = {0};

	if (!id || !consumer)
		return csm_error_set(err, CSM_EX_USAGE, "pick the consumer first");
	if (store_consumer_households(ui_store(s->ui), id, MEMBERS_CURRENT, &l, err) < 0)
		return -1;
	for (size_t i = 0; i < l.n && *n < limit; i++)
		if (contains(l.items[i].household_name, text) ||
		    contains(l.items[i].household_number, text))
			option_add(out, n, l.items[i].household_id, l.items[i].household_number,
				   l.items[i].household_name, l.items[i].is_head ? "head" : "member");
	member_list_fini(&l);
	return 0;
}

static int lookup_product(struct screen *s, const char *text, size_t limit,
			  struct form_option **out, size_t *n, struct csm_error *err)
{
	struct product_list l = {0};
	struct page_req pg = {NULL, 0, limit};

	if (store_product_page(ui_store(s->ui), text, &pg, 1, &l, err) < 0) {
		product_list_fini(&l);
		return -1;
	}
	for (size_t i = 0; i < l.n; i++)
		option_add(out, n, l.items[i].id, l.items[i].model_number, l.items[i].name,
			   l.items[i].kind);
	product_list_fini(&l);
	return 0;
}

/* Active install base items of the customer, by tree. */
static int lookup_item(struct screen *s, const char *text, size_t limit,
		       struct form_option **out, size_t *n, struct csm_error *err)
{
	bool consumer;
	int64_t id = customer_id(s, &consumer);
	int64_t after = 0;

	if (!id)
		return csm_error_set(err, CSM_EX_USAGE, "pick the customer first");
	while (*n < limit) {
		struct install_base_list l = {0};
		struct page_req pg = {NULL, after, 20};
		size_t roots = 0;

		if (domain_ib_customer_trees(ui_store(s->ui), consumer ? OWNER_CONSUMER : OWNER_ACCOUNT,
					     id, &pg, &l, err) < 0) {
			install_base_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n; i++) {
			struct install_base_item *it = &l.v[i];
			if (it->depth == 0) {
				roots++;
				after = it->id;
			}
			if (*n < limit && !(it->state && strcmp(it->state, "inactive") == 0) &&
			    (contains(it->number, text) || contains(it->name, text) ||
			     contains(it->serial_number, text) || contains(it->product_name, text)))
				option_add(out, n, it->id, it->number, it->name, it->product_name);
		}
		install_base_list_fini(&l);
		if (roots < 20)
			break;
	}
	return 0;
}

static int lookup_sold(struct screen *s, const char *text, size_t limit,
		       struct form_option **out, size_t *n, struct csm_error *err)
{
	bool consumer;
	int64_t id = customer_id(s, &consumer);
	int64_t after = 0;

	if (!id)
		return csm_error_set(err, CSM_EX_USAGE, "pick the customer first");
	while (*n < limit) {
		struct sold_product_list l = {0};
		struct page_req pg = {NULL, after, 100};

		if (store_sold_product_list_by_owner(ui_store(s->ui),
						     consumer ? OWNER_CONSUMER : OWNER_ACCOUNT, id, &pg,
						     &l, err) < 0) {
			sold_product_list_fini(&l);
			return -1;
		}
		for (size_t i = 0; i < l.n && *n < limit; i++) {
			struct sold_product *sp = &l.v[i];
			after = sp->id;
			if (contains(sp->number, text) || contains(sp->product_name, text))
				option_add(out, n, sp->id, sp->number, sp->product_name,
					   sold_product_state_name(sold_product_state(sp)));
		}
		size_t got = l.n;
		sold_product_list_fini(&l);
		if (got < 100)
			break;
	}
	return 0;
}

static int entry_lookup(void *ctx, const struct form_field *fld, const char *text, size_t limit,
			struct form_option **out, size_t *n, struct csm_error *err)
{
	struct screen *s = ctx;
	static const struct {
		const char *name;
		int (*fn)(struct screen *, const char *, size_t, struct form_option **, size_t *,
			  struct csm_error *);
	} pickers[] = {
		{"customer", lookup_customer}, {"contact", lookup_contact},
		{"household", lookup_household}, {"product", lookup_product},
		{"install base item", lookup_item}, {"sold product", lookup_sold},
	};

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < sizeof pickers / sizeof pickers[0]; i++)
		if (strcmp(fld->name, pickers[i].name) == 0)
			return pickers[i].fn(s, text, limit, out, n, err);
	return 0;
}

/* ---- what the form says ------------------------------------------------- */

static void free_lines(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

static void add_line(char ***v, size_t *n, const char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

/* Numbers and values of the form, owned by `keep` until freed. */
struct input_strings {
	char *v[8]; /* owned strings the case_input points into */
	size_t n;
};

static const char *keep(struct input_strings *k, char *s)
{
	k->v[k->n++] = s;
	return s;
}

static void input_from_form(struct screen *s, struct case_input *in, struct input_strings *k,
			    bool for_match)
{
	struct case_entry_state *st = s->state;
	struct form *f = &st->form;
	struct form_field *cust = field(st, "customer"), *pf = field(st, "product");
	struct form_field *ent = field(st, "entitlement"), *pri = field(st, "priority");
	bool consumer;

	memset(in, 0, sizeof *in);
	memset(k, 0, sizeof *k);
	customer_id(s, &consumer);
	if (cust->picked_label) {
		if (consumer)
			in->consumer = keep(k, number_of(cust->picked_label));
		else
			in->account = keep(k, number_of(cust->picked_label));
	}
	if (field(st, "contact") && field(st, "contact")->picked_label)
		in->contact = keep(k, number_of(field(st, "contact")->picked_label));
	if (field(st, "household") && field(st, "household")->picked_label)
		in->household = keep(k, number_of(field(st, "household")->picked_label));
	if (field(st, "install base item")->picked_label)
		in->item = keep(k, number_of(field(st, "install base item")->picked_label));
	if (field(st, "sold product")->picked_label)
		in->sold_product = keep(k, number_of(field(st, "sold product")->picked_label));
	if (pf->picked_id) {
		struct product p = {0};
		struct csm_error err = {0};
		if (store_product_get(ui_store(s->ui), pf->picked_id, &p, &err) == 1)
			in->product = keep(k, xstrdup(p.model_number));
		product_fini(&p);
	}
	in->short_description = form_value(f, "short description");
	/* Matching needs no description, but prepare insists on one. */
	if (for_match && !*in->short_description)
		in->short_description = "(matching entitlements)";
	in->description = form_value(f, "description");
	in->channel = form_value(f, "channel");
	in->priority = (int)pri->choice + 1;
	in->category = form_value(f, "category");
	if (!for_match && ent->choice < st->n_ent)
		in->entitlement_id = st->ent_ids[ent->choice];
}

static void input_strings_fini(struct input_strings *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->v[i]);
	k->n = 0;
}

/* The entitlement field's choices from a prepared entry. */
static void set_entitlements(struct case_entry_state *st, const struct case_entry *e)
{
	struct form_field *ent = field(st, "entitlement");
	int64_t chosen = ent->choice < st->n_ent ? st->ent_ids[ent->choice] : 0;
	size_t usable = entitlement_list_usable(&e->matches);

	free_lines(&st->ent_labels, &st->n_ent);
	free(st->ent_ids);
	st->ent_ids = xcalloc(e->matches.n + 1, sizeof *st->ent_ids);
	add_line(&st->ent_labels, &st->n_ent, "(none)");
	for (size_t i = 0; i < e->matches.n; i++) {
		const struct entitlement *m = &e->matches.v[i];
		char *l;
		if (m->expired)
			continue;
		if (m->per_unit)
			l = xasprintf("%s (%lld %s left)%s", m->name, (long long)m->remaining_units,
				      m->per_unit, m->exhausted ? " USED UP" : "");
		else
			l = xasprintf("%s", m->name);
		st->ent_ids[st->n_ent] = m->id;
		add_line(&st->ent_labels, &st->n_ent, l);
		free(l);
	}
	ent->choices = (const char *const *)st->ent_labels;
	ent->n_choices = st->n_ent;
	ent->choice = 0;
	/* Keep what the user chose if it still matches; else the domain's pick. */
	for (size_t i = 0; i < st->n_ent; i++)
		if ((chosen && st->ent_ids[i] == chosen) ||
		    (!chosen && usable == 1 && st->ent_ids[i] == e->rec.entitlement_id))
			ent->choice = i;
	free_lines(&st->notes, &st->n_notes);
	for (size_t i = 0; i < e->n_notes; i++)
		add_line(&st->notes, &st->n_notes, e->notes[i]);
	for (size_t i = 0; i < e->n_warnings; i++)
		add_line(&st->notes, &st->n_notes, e->warnings[i]);
	st->notes_warn = e->n_warnings > 0;
}

/* Matches the entitlements for what the form holds now. */
static void match_entitlements(struct screen *s)
{
	struct case_entry_state *st = s->state;
	struct case_input in;
	struct input_strings k;
	struct case_entry e;
	struct csm_error err = {0};

	st->ent_stale = false;
	if (!field(st, "customer")->picked_id) {
		free_lines(&st->notes, &st->n_notes);
		add_line(&st->notes, &st->n_notes, "Pick the customer: the entitlement follows");
		st->notes_warn = false;
		return;
	}
	input_from_form(s, &in, &k, true);
	case_entry_init(&e);
	if (domain_case_prepare(ui_store(s->ui), &st->cs, &in, &e, &err) < 0) {
		free_lines(&st->notes, &st->n_notes);
		add_line(&st->notes, &st->n_notes, err.msg);
		st->notes_warn = true;
	} else {
		set_entitlements(st, &e);
	}
	case_entry_fini(&e);
	input_strings_fini(&k);
	s->redraw = true;
}

/* The form field a domain error is about, from the words it uses. */
static const char *field_of_error(const char *msg)
{
	static const struct {
		const char *word, *field;
	} map[] = {
		{"short description", "short description"},
		{"install base item", "install base item"},
		{"sold product", "sold product"},
		{"entitlement", "entitlement"},
		{"household", "household"},
		{"contact", "contact"},
		{"channel", "channel"},
		{"priority", "priority"},
		{"category", "category"},
		{"product", "product"},
		{"consumer", "customer"},
		{"account", "customer"},
		{"customer", "customer"},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strstr(msg, map[i].word))
			return map[i].field;
	return NULL;
}

static void focus_field(struct case_entry_state *st, const char *name)
{
	for (size_t i = 0; i < st->form.n; i++)
		if (strcmp(st->form.fields[i].name, name) == 0)
			st->form.focus = i;
	st->on_save = false;
}

static void save(struct screen *s)
{
	struct case_entry_state *st = s->state;
	struct case_input in;
	struct input_strings k;
	struct case_entry e;
	struct csm_error err = {0};
	struct ui *ui = s->ui;
	char *number;

	form_clear_errors(&st->form);
	if (!form_check_required(&st->form)) {
		for (size_t i = 0; i < st->form.n; i++)
			if (st->form.fields[i].error[0]) {
				focus_field(st, st->form.fields[i].name);
				break;
			}
		ui_error(ui, "Fill in the fields marked required");
		return;
	}
	input_from_form(s, &in, &k, false);
	case_entry_init(&e);
	if (domain_case_create(ui_store(ui), &st->cs, &in, &e, &err) < 0) {
		/* A customer outside the user's scope: the customer field says so. */
		const char *name = err.code == CSM_EX_NOPERM ? "customer" : field_of_error(err.msg);
		if (name) {
			form_set_error(&st->form, name, err.msg);
			focus_field(st, name);
		}
		ui_error(ui, "Not saved: %s", err.msg);
		case_entry_fini(&e);
		input_strings_fini(&k);
		return;
	}
	number = xstrdup(e.rec.number);
	free(st->saved);
	st->saved = xstrdup(number);
	case_entry_fini(&e);
	input_strings_fini(&k);
	form_mark_clean(&st->form);
	/* This screen is done: close it, then show the case if there is a
	 * screen for it; the message stays in the status line either way. */
	ui_pop(ui);
	if (record_screens[SK_CASE].view) {
		struct csm_error e2 = {0};
		int64_t id = 0;
		if (store_case_ref_id(ui_store(ui), CASE_REF_CASE, number, &id, &e2) == 1)
			ui_open_record(ui, SK_CASE, id, number);
	}
	ui_message(ui, "Case %s saved", number);
	free(number);
}

/* ---- opening ------------------------------------------------------------ */

static void pick(struct case_entry_state *st, const char *name, int64_t id, const char *number,
		 const char *label)
{
	struct form_field *fld = field(st, name);
	char *l = xasprintf("%s  %s", number, label ? label : "");

	if (fld && id)
		form_pick(fld, id, l);
	free(l);
}

/* Fills the customer (and contact, household or item) from arg. */
static int prefill(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct case_entry_state *st = s->state;
	struct store *db = ui_store(s->ui);
	int64_t account = 0, consumer = 0;
	int rc = 1;

	if (arg->kind == SK_INSTALL_BASE) {
		struct install_base_item it = {0};
		rc = store_ib_get(db, arg->id, &it, err);
		if (rc == 1) {
			account = it.account_id;
			consumer = it.consumer_id;
			if (st->cs.model == MODEL_B2C)
				account = 0;
			else if (st->cs.model == MODEL_B2B)
				consumer = 0;
			pick(st, "install base item", it.id, it.number, it.name);
			if (it.household_id && field(st, "household")) {
				struct household h = {0};
				if (store_household_get(db, it.household_id, &h, err) == 1)
					pick(st, "household", h.id, h.number, h.name);
				household_fini(&h);
			}
		}
		install_base_item_fini(&it);
	} else if (arg->kind == SK_CONTACT) {
		struct contact c = {0};
		rc = store_contact_get(db, arg->id, &c, err);
		if (rc == 1) {
			char *name = customer_person_name(c.first_name, c.last_name);
			account = c.account_id;
			pick(st, "contact", c.id, c.number, name);
			free(name);
		}
		contact_fini(&c);
	} else if (arg->kind == SK_HOUSEHOLD) {
		struct household h = {0};
		rc = store_household_get(db, arg->id, &h, err);
		if (rc == 1) {
			consumer = h.head_id;
			pick(st, "household", h.id, h.number, h.name);
		}
		household_fini(&h);
	} else if (arg->kind == SK_ACCOUNT) {
		account = arg->id;
	} else if (arg->kind == SK_CONSUMER) {
		consumer = arg->id;
	}
	if (rc < 0)
		return -1;
	if (account) {
		struct account a = {0};
		if (store_account_get(db, account, &a, err) == 1)
			pick(st, "customer", a.id, a.number, a.name);
		account_fini(&a);
	} else if (consumer) {
		struct consumer c = {0};
		if (store_consumer_get(db, consumer, &c, err) == 1) {
			char *name = customer_person_name(c.first_name, c.last_name);
			pick(st, "customer", c.id, c.number, name);
			free(name);
		}
		consumer_fini(&c);
	}
	return 0;
}

static int case_entry_open(struct screen *s, const struct screen_arg *arg, struct csm_error *err)
{
	struct case_entry_state *st = s->state;
	const struct csm_config *cfg = ui_config(s->ui);
	struct form *f = &st->form;
	size_t channel = 0, priority;
	char **cats = NULL;
	size_t n_cats = 0;
	char why[200];

	/* Whoever may not open cases gets no form (":case_entry" too). */
	if (!store_access_can(ui_store(s->ui), ACCESS_CREATE_CASES))
		return csm_error_set(err, CSM_EX_NOPERM, "%s",
				     access_refusal(ui_store(s->ui), "open cases", why, sizeof why));
	case_settings_from_config(&st->cs, cfg);
	form_init(f, entry_lookup, s);
	form_add_picker(f, "customer", st->cs.model == MODEL_B2C ? "Consumer" : "Customer", true);
	if (st->cs.model != MODEL_B2C)
		form_add_picker(f, "contact", "Contact", false);
	if (st->cs.model != MODEL_B2B)
		form_add_picker(f, "household", "Household", false);
	form_add_text(f, "short description", "Short descr.", true, NULL);
	form_add_text(f, "description", "Description", false, NULL);
	form_add_picker(f, "product", "Product", false);
	form_add_picker(f, "install base item", "Item", false);
	form_add_picker(f, "sold product", "Sold product", false);
	for (size_t i = 0; i < st->cs.n_channels; i++)
		if (st->cs.default_channel && strcmp(st->cs.channels[i], st->cs.default_channel) == 0)
			channel = i;
	form_add_choice(f, "channel", "Channel", (const char *const *)st->cs.channels,
			st->cs.n_channels, channel);
	priority = st->cs.default_priority >= 1 && st->cs.default_priority <= 4
			   ? (size_t)st->cs.default_priority - 1
			   : 3;
	form_add_choice(f, "priority", "Priority", priorities, 4, priority);
	if (store_case_categories(ui_store(s->ui), &cats, &n_cats, err) < 0) {
		form_fini(f);
		return -1;
	}
	add_line(&st->categories, &st->n_categories, "");
	for (size_t i = 0; i < n_cats; i++) {
		add_line(&st->categories, &st->n_categories, cats[i]);
		free(cats[i]);
	}
	free(cats);
	form_add_choice(f, "category", "Category", (const char *const *)st->categories,
			st->n_categories, 0);
	add_line(&st->ent_labels, &st->n_ent, "(none)");
	st->ent_ids = xcalloc(1, sizeof *st->ent_ids);
	form_add_choice(f, "entitlement", "Entitlement", (const char *const *)st->ent_labels,
			st->n_ent, 0);
	if (arg->create && arg->kind != SK_COUNT && prefill(s, arg, err) < 0) {
		form_fini(f);
		free_lines(&st->categories, &st->n_categories);
		free_lines(&st->ent_labels, &st->n_ent);
		free(st->ent_ids);
		return -1;
	}
	form_mark_clean(f);
	/* Start where typing is needed: the customer, or the description. */
	focus_field(st, field(st, "customer")->picked_id ? "short description" : "customer");
	match_entitlements(s);
	return 0;
}

static void case_entry_close(struct screen *s)
{
	struct case_entry_state *st = s->state;

	form_fini(&st->form);
	free_lines(&st->categories, &st->n_categories);
	free_lines(&st->ent_labels, &st->n_ent);
	free_lines(&st->notes, &st->n_notes);
	free(st->ent_ids);
	free(st->saved);
}

static void case_entry_layout(struct screen *s, int rows, int cols)
{
	(void)rows;
	(void)cols;
	s->redraw = true;
}

/* Fields whose change changes which entitlements match. */
static bool decides_entitlement(const char *name)
{
	return strcmp(name, "customer") == 0 || strcmp(name, "contact") == 0 ||
	       strcmp(name, "household") == 0 || strcmp(name, "product") == 0 ||
	       strcmp(name, "install base item") == 0 || strcmp(name, "sold product") == 0 ||
	       strcmp(name, "channel") == 0;
}

static enum action case_entry_handle(struct screen *s, enum action a, const struct key_event *ev)
{
	struct case_entry_state *st = s->state;
	struct form *f = &st->form;
	struct form_field *fld = &f->fields[f->focus];
	int64_t picked = fld->picked_id;
	size_t choice = fld->choice;

	s->redraw = true;
	if (a == ACT_SAVE) {
		save(s);
		return ACT_NONE;
	}
	if (st->on_save) {
		if (a == ACT_ACCEPT)
			save(s);
		else if (a == ACT_PREV_FIELD || a == ACT_UP)
			st->on_save = false;
		else if (a == ACT_NEXT_FIELD) {
			st->on_save = false;
			f->focus = 0;
		} else if (a == ACT_INSERT || a == ACT_NONE)
			;
		else
			return a;
		return ACT_NONE;
	}
	if (a == ACT_NEXT_FIELD && f->focus + 1 == f->n) {
		st->on_save = true; /* past the last field: the Save button */
		return ACT_NONE;
	}
	if (fld->kind == FIELD_CHOICE && (a == ACT_LEFT || a == ACT_RIGHT))
		a = a == ACT_LEFT ? ACT_CHOICE_PREV : ACT_CHOICE_NEXT;
	/* Up/Down move among a picker's candidates while it shows some. */
	if (fld->kind == FIELD_PICKER && fld->n_options && (a == ACT_UP || a == ACT_DOWN))
		a = a == ACT_UP ? ACT_CHOICE_PREV : ACT_CHOICE_NEXT;
	if (form_handle(f, a, ev)) {
		if (f->pending)
			s->pending = true;
		if ((fld->picked_id != picked || fld->choice != choice) &&
		    decides_entitlement(fld->name)) {
			st->ent_stale = true;
			s->pending = true;
		}
		return ACT_NONE;
	}
	if (a == ACT_ACCEPT) {
		/* Enter on a field: on to the next one (the last leads to Save). */
		if (f->focus + 1 == f->n)
			st->on_save = true;
		else
			f->focus++;
		return ACT_NONE;
	}
	if (a == ACT_NONE)
		return ACT_NONE;
	return a;
}

static void case_entry_update(struct screen *s)
{
	struct case_entry_state *st = s->state;

	form_update(&st->form);
	if (st->ent_stale)
		match_entitlements(s);
}

static const char *case_entry_keymap(const struct screen *s, bool *text_input)
{
	(void)s;
	*text_input = true;
	return "form";
}

static bool case_entry_dirty(const struct screen *s)
{
	const struct case_entry_state *st = s->state;

	return form_dirty(&st->form);
}

/* A draft keeps the changed fields; the customer prefilled from the arg
 * comes back by itself when the screen reopens on the same arg. */
static bool case_entry_draft_save(const struct screen *s, struct draft *d)
{
	const struct case_entry_state *st = s->state;

	draft_set(d, "what", "case");
	return form_draft_save(&st->form, d) > 0;
}

static int case_entry_draft_load(struct screen *s, const struct draft *d, struct csm_error *err)
{
	struct case_entry_state *st = s->state;

	(void)err;
	form_draft_load(&st->form, d);
	/* The entitlements are matched again for what came back. */
	st->ent_stale = true;
	s->pending = true;
	s->redraw = true;
	return 0;
}

/* Rows the form takes above the focused field's row: where it is drawn. */
static int focus_row(const struct case_entry_state *st)
{
	int cy, cx;

	form_cursor(&st->form, 0, 0, LABEL_W, &cy, &cx);
	return cy;
}

/* First form row shown so that the focused field (and its candidates)
 * or the Save button are in view. */
static int scroll_top(const struct screen *s, int form_rows, int height)
{
	const struct case_entry_state *st = s->state;
	int want = st->on_save ? form_rows + 1 : focus_row(st) + 6;

	if (want < height)
		return 0;
	if (want - height + 1 > form_rows)
		return form_rows;
	return want - height + 1;
}

static bool case_entry_cursor(const struct screen *s, int *y, int *x)
{
	const struct case_entry_state *st = s->state;
	const struct form_field *fld = &st->form.fields[st->form.focus];
	WINDOW *probe;
	int rows, top;

	if (st->on_save || fld->kind == FIELD_CHOICE)
		return false;
	probe = newpad(200, s->cols > 0 ? s->cols : 80);
	if (!probe)
		return false;
	rows = form_draw(&st->form, probe, 0, 0, s->cols, LABEL_W);
	delwin(probe);
	top = scroll_top(s, rows, s->rows - 1);
	form_cursor(&st->form, -top, 0, LABEL_W, y, x);
	if (*x >= s->cols)
		*x = s->cols - 1;
	return *y >= 0 && *y < s->rows;
}

static void case_entry_draw(const struct screen *s, WINDOW *w)
{
	const struct case_entry_state *st = s->state;
	int width = s->cols > 0 ? s->cols : 80, rows, top, y, height = s->rows;
	WINDOW *pad = newpad(200, width);
	char save_label[64];

	werase(w);
	if (!pad)
		return;
	/* The form is drawn whole on a pad and the rows in view copied: a
	 * short terminal scrolls it so the focused field shows. */
	rows = form_draw(&st->form, pad, 0, 0, width, LABEL_W);
	snprintf(save_label, sizeof save_label, "[ Save ]  F2 / C-s");
	draw_text(pad, rows, LABEL_W + 1, save_label, width - LABEL_W - 1,
		  st->on_save ? theme_attr(THEME_SELECTED) : theme_attr(THEME_HEADING));
	y = rows + 1;
	for (size_t i = 0; i < st->n_notes && y < 199; i++)
		y += draw_wrap(pad, y, 1, st->notes[i], width - 2, 2,
			       theme_attr(st->notes_warn ? THEME_ERROR : THEME_DIM));
	top = scroll_top(s, rows, height - 1);
	copywin(pad, w, top, 0, 0, 0, (y - top < height ? y - top : height) - 1, width - 1, FALSE);
	delwin(pad);
}

const struct screen_ops case_entry_screen = {
	.name = "case_entry",
	.title = "New case",
	.flags = SCREEN_NAMED,
	.state_size = sizeof(struct case_entry_state),
	.open = case_entry_open,
	.close = case_entry_close,
	.layout = case_entry_layout,
	.draw = case_entry_draw,
	.handle = case_entry_handle,
	.update = case_entry_update,
	.keymap = case_entry_keymap,
	.cursor = case_entry_cursor,
	.dirty = case_entry_dirty,
	.draft_save = case_entry_draft_save,
	.draft_load = case_entry_draft_load,
};
