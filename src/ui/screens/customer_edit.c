/* customer_edit.c - creating and editing accounts, contacts, consumers and
 * households, and adding a member to a household (see customer_edit.h). */
#include "ui/screens/customer_edit.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "domain/customer.h"
#include "model/customer.h"
#include "store/access.h"
#include "store/customer_store.h"
#include "ui/draw.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define LABEL_W 16   /* the label column */
#define HEAD_ROWS 2  /* the heading line and a blank one above the form */
#define PAD_ROWS 200 /* the form is drawn on a pad this tall */

static const char *const yes_no[] = {"no", "yes"};

enum { ASK_KIND = 1 }; /* dialog tag: b2b2c "an account or a consumer?" */

static struct form_field *field(struct customer_edit_state *st, const char *name)
{
	return form_field(&st->form, name);
}

static const char *kind_word(enum search_kind k)
{
	return search_kind_name(k);
}

/* Pickers show "NUMBER  Name": the number is the first word. */
static void pick(struct form_field *fld, int64_t id, const char *number, const char *name)
{
	char *l;

	if (!fld || !id)
		return;
	l = xasprintf("%s  %s", number ? number : "", name ? name : "");
	form_pick(fld, id, l);
	free(l);
}

static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (const char *p = hay; p && *p; p++)
		if (strncasecmp(p, needle, n) == 0)
			return true;
	return false;
}

/* ---- pickers ------------------------------------------------------------ */

static void option_add(struct form_option **out, size_t *n, int64_t id, const char *number,
		       const char *name, const char *detail)
{
	*out = xrealloc(*out, (*n + 1) * sizeof **out);
	(*out)[*n].id = id;
	(*out)[*n].label = xasprintf("%s  %s", number ? number : "", name ? name : "");
	(*out)[*n].detail = xstrdup(detail);
	(*n)++;
}

/* Records of one kind found by the universal lookup (skipping self_id). */
static int search_kind(struct screen *s, enum search_kind k, int64_t self_id, const char *text,
		       size_t limit, struct form_option **out, size_t *n, struct csm_error *err)
{
	struct search_result r = {0};

	if (store_search(ui_store(s->ui), text, SEARCH_KIND_BIT(k), limit, &r, err) < 0) {
		search_result_fini(&r);
		return -1;
	}
	for (size_t i = 0; i < r.n; i++)
		if (r.hits[i].id != self_id)
			option_add(out, n, r.hits[i].id, r.hits[i].number, r.hits[i].title,
				   r.hits[i].detail);
	search_result_fini(&r);
	return 0;
}

/* The head of an existing household is one of its current members. */
static int current_members(struct screen *s, const char *text, size_t limit,
			   struct form_option **out, size_t *n, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct member_list l = {0};

	if (store_household_members(ui_store(s->ui), st->id, MEMBERS_CURRENT, &l, err) < 0)
		return -1;
	for (size_t i = 0; i < l.n && *n < limit; i++) {
		struct household_member *m = &l.items[i];
		if (contains(m->consumer_name, text) || contains(m->consumer_number, text))
			option_add(out, n, m->consumer_id, m->consumer_number, m->consumer_name,
				   m->is_head ? "head" : "member");
	}
	member_list_fini(&l);
	return 0;
}

static int edit_lookup(void *ctx, const struct form_field *fld, const char *text, size_t limit,
		       struct form_option **out, size_t *n, struct csm_error *err)
{
	struct screen *s = ctx;
	struct customer_edit_state *st = s->state;

	*out = NULL;
	*n = 0;
	if (strcmp(fld->name, "parent") == 0)
		return search_kind(s, SK_ACCOUNT, st->mode == CEDIT_EDIT ? st->id : 0, text, limit,
				   out, n, err);
	if (strcmp(fld->name, "account") == 0)
		return search_kind(s, SK_ACCOUNT, 0, text, limit, out, n, err);
	if (strcmp(fld->name, "consumer") == 0)
		return search_kind(s, SK_CONSUMER, 0, text, limit, out, n, err);
	if (strcmp(fld->name, "head") == 0) {
		/* A new household's head becomes its first member: any consumer. */
		if (st->mode == CEDIT_NEW)
			return search_kind(s, SK_CONSUMER, 0, text, limit, out, n, err);
		return current_members(s, text, limit, out, n, err);
	}
	return 0;
}

/* ---- the name typed in the lookup --------------------------------------- */

/* True when text reads like a name rather than a number, an email or a
 * phone: it has letters, more letters than digits, no '@', and is not a
 * record number (letters then digits, "ACCT0000012"). */
static bool looks_like_name(const char *text)
{
	size_t letters = 0, digits = 0, i = 0;

	if (!text || strchr(text, '@'))
		return false;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (isdigit(*p))
			digits++;
		else if (isalpha(*p) || *p >= 0x80)
			letters++;
	}
	if (letters == 0 || digits >= letters)
		return false;
	while (text[i] && isupper((unsigned char)text[i]))
		i++;
	if (i > 0 && text[i] && isdigit((unsigned char)text[i])) {
		while (isdigit((unsigned char)text[i]))
			i++;
		if (!text[i])
			return false;
	}
	return true;
}

/* The text trimmed of blanks at both ends (owned). */
static char *trimmed(const char *text)
{
	const char *b = text, *e;

	while (*b && isspace((unsigned char)*b))
		b++;
	e = b + strlen(b);
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	return xstrndup(b, (size_t)(e - b));
}

/* "Jane Q Doe" -> first "Jane", middle "Q", last "Doe"; one word is the
 * last name.  Each out is owned ("" when absent). */
static void split_person(const char *name, char **first, char **middle, char **last)
{
	const char *sp1 = strchr(name, ' '), *sp2 = strrchr(name, ' ');

	if (!sp1) {
		*first = xstrdup("");
		*middle = xstrdup("");
		*last = xstrdup(name);
		return;
	}
	*first = xstrndup(name, (size_t)(sp1 - name));
	*last = xstrdup(sp2 + 1);
	if (sp2 > sp1) {
		char *mid = xstrndup(sp1 + 1, (size_t)(sp2 - sp1 - 1));
		*middle = trimmed(mid);
		free(mid);
	} else {
		*middle = xstrdup("");
	}
}

/* ---- building the form -------------------------------------------------- */

static struct form_field *text_field(struct form *f, const char *name, const char *label,
				     bool required, const char *value, size_t max)
{
	struct form_field *fld = form_add_text(f, name, label, required, value);

	fld->text.max = max * 4; /* characters to UTF-8 bytes, at worst */
	return fld;
}

static int build_account(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct account a = {0};

	if (st->mode == CEDIT_EDIT) {
		int rc = store_account_get(ui_store(s->ui), st->id, &a, err);
		if (rc <= 0) {
			if (rc == 0)
				csm_error_set(err, CSM_EX_NOINPUT, "no account with id %lld",
					      (long long)st->id);
			account_fini(&a);
			return -1;
		}
	} else {
		account_init(&a);
		a.name = xstrdup(st->name_hint);
	}
	text_field(f, "name", "Name", true, a.name, CUST_NAME_MAX);
	text_field(f, "code", "Code", false, a.code, CUST_CODE_MAX);
	form_add_picker(f, "parent", "Parent account", false);
	pick(field(st, "parent"), a.parent_id, a.parent_number, a.parent_name);
	text_field(f, "phone", "Phone", false, a.phone, CUST_PHONE_MAX);
	text_field(f, "website", "Website", false, a.website, CUST_FIELD_MAX);
	form_add_choice(f, "customer", "Customer", yes_no, 2, a.is_customer);
	form_add_choice(f, "partner", "Partner", yes_no, 2, a.is_partner);
	form_add_choice(f, "restrict", "Restrict access", yes_no, 2, a.restrict_contact_access);
	text_field(f, "notes", "Notes", false, a.notes, CUST_NOTES_MAX);
	st->parent_was = a.parent_id;
	if (st->mode == CEDIT_EDIT) {
		free(st->name);
		st->name = xstrdup(a.name);
	}
	account_fini(&a);
	return 0;
}

static int build_contact(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct contact c = {0};

	if (st->mode == CEDIT_EDIT) {
		int rc = store_contact_get(ui_store(s->ui), st->id, &c, err);
		if (rc <= 0) {
			if (rc == 0)
				csm_error_set(err, CSM_EX_NOINPUT, "no contact with id %lld",
					      (long long)st->id);
			contact_fini(&c);
			return -1;
		}
		free(st->name);
		st->name = customer_person_name(c.first_name, c.last_name);
	} else {
		contact_init(&c);
		if (st->name_hint) {
			char *middle = NULL;
			split_person(st->name_hint, &c.first_name, &middle, &c.last_name);
			free(middle);
		}
		/* The account it joins: given (key a on an account) or picked. */
		form_add_picker(f, "account", "Account", true);
		if (st->account_id) {
			struct account a = {0};
			int rc = store_account_get(ui_store(s->ui), st->account_id, &a, err);
			if (rc > 0)
				pick(field(st, "account"), a.id, a.number, a.name);
			account_fini(&a);
			if (rc <= 0) {
				if (rc == 0)
					csm_error_set(err, CSM_EX_NOINPUT, "no account with id %lld",
						      (long long)st->account_id);
				contact_fini(&c);
				return -1;
			}
		}
	}
	text_field(f, "first name", "First name", false, c.first_name, CUST_NAME_MAX);
	text_field(f, "last name", "Last name", true, c.last_name, CUST_NAME_MAX);
	text_field(f, "title", "Title", false, c.title, CUST_FIELD_MAX);
	text_field(f, "email", "Email", false, c.email, CUST_EMAIL_MAX);
	text_field(f, "phone", "Phone", false, c.phone, CUST_PHONE_MAX);
	text_field(f, "mobile", "Mobile", false, c.mobile, CUST_PHONE_MAX);
	text_field(f, "language", "Language", false, c.language, CUST_CODE_MAX);
	text_field(f, "time zone", "Time zone", false, c.time_zone, CUST_CODE_MAX);
	contact_fini(&c);
	return 0;
}

static int build_consumer(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct consumer c = {0};

	if (st->mode == CEDIT_EDIT) {
		int rc = store_consumer_get(ui_store(s->ui), st->id, &c, err);
		if (rc <= 0) {
			if (rc == 0)
				csm_error_set(err, CSM_EX_NOINPUT, "no consumer with id %lld",
					      (long long)st->id);
			consumer_fini(&c);
			return -1;
		}
		free(st->name);
		st->name = customer_person_name(c.first_name, c.last_name);
	} else {
		consumer_init(&c);
		if (st->name_hint)
			split_person(st->name_hint, &c.first_name, &c.middle_name, &c.last_name);
	}
	text_field(f, "prefix", "Prefix", false, c.prefix, CUST_CODE_MAX);
	text_field(f, "first name", "First name", false, c.first_name, CUST_NAME_MAX);
	text_field(f, "middle name", "Middle name", false, c.middle_name, CUST_NAME_MAX);
	text_field(f, "last name", "Last name", true, c.last_name, CUST_NAME_MAX);
	text_field(f, "suffix", "Suffix", false, c.suffix, CUST_CODE_MAX);
	text_field(f, "email", "Email", false, c.email, CUST_EMAIL_MAX);
	text_field(f, "mobile phone", "Mobile phone", false, c.mobile_phone, CUST_PHONE_MAX);
	text_field(f, "home phone", "Home phone", false, c.home_phone, CUST_PHONE_MAX);
	text_field(f, "business phone", "Business phone", false, c.business_phone, CUST_PHONE_MAX);
	text_field(f, "notes", "Notes", false, c.notes, CUST_NOTES_MAX);
	consumer_fini(&c);
	return 0;
}

static int build_household(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct household h = {0};

	if (st->mode == CEDIT_EDIT) {
		int rc = store_household_get(ui_store(s->ui), st->id, &h, err);
		if (rc <= 0) {
			if (rc == 0)
				csm_error_set(err, CSM_EX_NOINPUT, "no household with id %lld",
					      (long long)st->id);
			household_fini(&h);
			return -1;
		}
		free(st->name);
		st->name = xstrdup(h.name);
	} else {
		household_init(&h);
		h.name = xstrdup(st->name_hint);
	}
	text_field(f, "name", "Name", true, h.name, CUST_NAME_MAX);
	form_add_picker(f, "head", "Head", false);
	pick(field(st, "head"), h.head_id, h.head_number, h.head_name);
	text_field(f, "notes", "Notes", false, h.notes, CUST_NOTES_MAX);
	st->head_was = h.head_id;
	household_fini(&h);
	return 0;
}

static int build_member(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct household h = {0};
	char today[16];
	int rc = store_household_get(ui_store(s->ui), st->id, &h, err);

	if (rc <= 0) {
		if (rc == 0)
			csm_error_set(err, CSM_EX_NOINPUT, "no household with id %lld",
				      (long long)st->id);
		household_fini(&h);
		return -1;
	}
	free(st->number);
	st->number = xstrdup(h.number);
	free(st->name);
	st->name = xstrdup(h.name);
	household_fini(&h);
	clock_today(today, sizeof today);
	form_add_picker(f, "consumer", "Consumer", true);
	text_field(f, "start date", "Start date", false, today, 10);
	form_add_choice(f, "primary", "Primary", yes_no, 2, 0);
	return 0;
}

/* Builds the fields of st->kind (the b2b2c question answered). */
static int build_form(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	int rc;

	form_init(&st->form, edit_lookup, s);
	if (st->mode == CEDIT_ADD_MEMBER)
		rc = build_member(s, err);
	else if (st->kind == SK_ACCOUNT)
		rc = build_account(s, err);
	else if (st->kind == SK_CONTACT)
		rc = build_contact(s, err);
	else if (st->kind == SK_CONSUMER)
		rc = build_consumer(s, err);
	else
		rc = build_household(s, err);
	if (rc < 0) {
		form_fini(&st->form);
		return -1;
	}
	form_mark_clean(&st->form);
	st->form.focus = 0;
	/* A contact added to a known account starts at its name. */
	if (st->mode == CEDIT_NEW && st->kind == SK_CONTACT && st->account_id)
		st->form.focus = 1;
	st->ready = true;
	s->redraw = true;
	return 0;
}

/* ---- saving ------------------------------------------------------------- */

/* The field's text, NULL when empty (owned). */
static char *val(struct customer_edit_state *st, const char *name)
{
	const char *v = form_value(&st->form, name);

	return *v ? xstrdup(v) : NULL;
}

/* Replaces *dst with the field's text (NULL when empty). */
static void take(char **dst, struct customer_edit_state *st, const char *name)
{
	free(*dst);
	*dst = val(st, name);
}

static bool yes(struct customer_edit_state *st, const char *name)
{
	struct form_field *fld = field(st, name);

	return fld && fld->choice == 1;
}

static int64_t picked(struct customer_edit_state *st, const char *name)
{
	struct form_field *fld = field(st, name);

	return fld ? fld->picked_id : 0;
}

/* Runs two domain writes as one transaction: both or neither. */
static int both(struct store *db, int rc_first, int (*second)(struct store *, int64_t, int64_t,
							      struct csm_error *),
		int64_t id, int64_t other, struct csm_error *err)
{
	if (rc_first == 0 && second)
		rc_first = second(db, id, other, err);
	if (rc_first < 0) {
		store_rollback(db);
		return -1;
	}
	return store_commit(db, err);
}

static int save_account(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct account a = {0};
	int64_t parent = picked(st, "parent");
	int rc;

	if (st->mode == CEDIT_EDIT) {
		if ((rc = store_account_get(db, st->id, &a, err)) <= 0) {
			account_fini(&a);
			return rc == 0 ? csm_error_set(err, CSM_EX_NOINPUT, "%s is gone", st->number)
				       : -1;
		}
	} else {
		account_init(&a);
		a.parent_id = parent;
	}
	take(&a.name, st, "name");
	take(&a.code, st, "code");
	take(&a.phone, st, "phone");
	take(&a.website, st, "website");
	take(&a.notes, st, "notes");
	a.is_customer = yes(st, "customer");
	a.is_partner = yes(st, "partner");
	a.restrict_contact_access = yes(st, "restrict");
	if (st->mode == CEDIT_NEW) {
		rc = domain_account_create(db, &a, err);
	} else if ((rc = store_begin(db, err)) == 0) {
		rc = both(db, domain_account_update(db, &a, err),
			  parent != st->parent_was ? domain_account_set_parent : NULL, a.id, parent,
			  err);
	}
	if (rc == 0) {
		st->saved = xstrdup(a.number);
		st->saved_id = a.id;
	}
	account_fini(&a);
	return rc;
}

static int save_contact(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct contact c = {0};
	int rc;

	if (st->mode == CEDIT_EDIT) {
		if ((rc = store_contact_get(db, st->id, &c, err)) <= 0) {
			contact_fini(&c);
			return rc == 0 ? csm_error_set(err, CSM_EX_NOINPUT, "%s is gone", st->number)
				       : -1;
		}
	} else {
		contact_init(&c);
		c.account_id = picked(st, "account");
	}
	take(&c.first_name, st, "first name");
	take(&c.last_name, st, "last name");
	take(&c.title, st, "title");
	take(&c.email, st, "email");
	take(&c.phone, st, "phone");
	take(&c.mobile, st, "mobile");
	take(&c.language, st, "language");
	take(&c.time_zone, st, "time zone");
	rc = st->mode == CEDIT_NEW ? domain_contact_create(db, &c, err)
				   : domain_contact_update(db, &c, err);
	if (rc == 0) {
		st->saved = xstrdup(c.number);
		st->saved_id = c.id;
	}
	contact_fini(&c);
	return rc;
}

static int save_consumer(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct consumer c = {0};
	int rc;

	if (st->mode == CEDIT_EDIT) {
		if ((rc = store_consumer_get(db, st->id, &c, err)) <= 0) {
			consumer_fini(&c);
			return rc == 0 ? csm_error_set(err, CSM_EX_NOINPUT, "%s is gone", st->number)
				       : -1;
		}
	} else {
		consumer_init(&c);
	}
	take(&c.prefix, st, "prefix");
	take(&c.first_name, st, "first name");
	take(&c.middle_name, st, "middle name");
	take(&c.last_name, st, "last name");
	take(&c.suffix, st, "suffix");
	take(&c.email, st, "email");
	take(&c.mobile_phone, st, "mobile phone");
	take(&c.home_phone, st, "home phone");
	take(&c.business_phone, st, "business phone");
	take(&c.notes, st, "notes");
	rc = st->mode == CEDIT_NEW ? domain_consumer_create(db, &c, err)
				   : domain_consumer_update(db, &c, err);
	if (rc == 0) {
		st->saved = xstrdup(c.number);
		st->saved_id = c.id;
	}
	consumer_fini(&c);
	return rc;
}

static int save_household(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct store *db = ui_store(s->ui);
	struct household h = {0};
	int64_t head = picked(st, "head");
	int rc;

	if (st->mode == CEDIT_EDIT) {
		if ((rc = store_household_get(db, st->id, &h, err)) <= 0) {
			household_fini(&h);
			return rc == 0 ? csm_error_set(err, CSM_EX_NOINPUT, "%s is gone", st->number)
				       : -1;
		}
	} else {
		household_init(&h);
		h.head_id = head;
	}
	take(&h.name, st, "name");
	take(&h.notes, st, "notes");
	if (st->mode == CEDIT_NEW) {
		rc = domain_household_create(db, &h, err);
	} else if ((rc = store_begin(db, err)) == 0) {
		rc = both(db, domain_household_update(db, &h, err),
			  head != st->head_was ? domain_household_set_head : NULL, h.id, head, err);
	}
	if (rc == 0) {
		st->saved = xstrdup(h.number);
		st->saved_id = h.id;
	}
	household_fini(&h);
	return rc;
}

static int save_member(struct screen *s, struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	struct household_member m = {0};
	struct form_field *c = field(st, "consumer");
	int rc;

	m.household_id = st->id;
	m.consumer_id = c->picked_id;
	m.start_date = val(st, "start date");
	m.is_primary = yes(st, "primary");
	rc = domain_household_add_member(ui_store(s->ui), &m, err);
	if (rc == 0) {
		/* The member's number: the first word of the picked label. */
		size_t n = strcspn(c->picked_label, " ");
		st->saved = xstrndup(c->picked_label, n);
		st->saved_id = m.consumer_id;
	}
	free(m.start_date);
	return rc;
}

/* The form field a domain message is about.  The model's messages read
 * "<what>: <field> ..." ("contact: email \"x\" is not an address"); the
 * domain's others are matched by the words they use. */
static const char *field_of_error(const struct form *f, const char *msg)
{
	static const struct {
		const char *word, *field;
	} words[] = {
		{"parent", "parent"},
		{"descendants", "parent"},
		{"its head", "head"},
		{"head of", "head"},
		{"already a member", "consumer"},
		{"code ", "code"},
	};
	const char *rest = strstr(msg, ": ");
	const char *best = NULL;
	size_t best_len = 0;

	if (rest) {
		rest += 2;
		for (size_t i = 0; i < f->n; i++) {
			size_t n = strlen(f->fields[i].name);
			if (n > best_len && strncmp(rest, f->fields[i].name, n) == 0 &&
			    (rest[n] == ' ' || rest[n] == '\0')) {
				best = f->fields[i].name;
				best_len = n;
			}
		}
		if (best)
			return best;
	}
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(msg, words[i].word) && form_field(f, words[i].field))
			return words[i].field;
	return NULL;
}

static void focus_field(struct customer_edit_state *st, const char *name)
{
	for (size_t i = 0; i < st->form.n; i++)
		if (strcmp(st->form.fields[i].name, name) == 0)
			st->form.focus = i;
	st->on_save = false;
}

static void save(struct screen *s)
{
	struct customer_edit_state *st = s->state;
	struct ui *ui = s->ui;
	struct csm_error err = {0};
	enum search_kind kind = st->kind;
	bool open_new;
	int64_t id;
	char *number;
	int rc;

	form_clear_errors(&st->form);
	if (!form_check_required(&st->form)) {
		for (size_t i = 0; i < st->form.n; i++)
			if (st->form.fields[i].error[0]) {
				focus_field(st, st->form.fields[i].name);
				break;
			}
		ui_error(ui, "Fill in the fields marked *");
		return;
	}
	free(st->saved);
	st->saved = NULL;
	if (st->mode == CEDIT_ADD_MEMBER)
		rc = save_member(s, &err);
	else if (kind == SK_ACCOUNT)
		rc = save_account(s, &err);
	else if (kind == SK_CONTACT)
		rc = save_contact(s, &err);
	else if (kind == SK_CONSUMER)
		rc = save_consumer(s, &err);
	else
		rc = save_household(s, &err);
	if (rc < 0) {
		const char *name = field_of_error(&st->form, err.msg);
		if (name) {
			form_set_error(&st->form, name, err.msg);
			focus_field(st, name);
		}
		ui_error(ui, "Not saved: %s", err.msg);
		return;
	}
	form_mark_clean(&st->form);
	/* Done: close, then show the new record when it came from the lookup
	 * (the customer screen below reloads itself otherwise). */
	number = xstrdup(st->saved);
	id = st->saved_id;
	open_new = st->from_lookup;
	ui_pop(ui);
	if (open_new)
		ui_open_record(ui, kind, id, number);
	ui_message(ui, "Saved %s", number);
	free(number);
}

/* ---- the screen --------------------------------------------------------- */

static int customer_edit_open(struct screen *s, const struct screen_arg *arg,
			      struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	enum business_model model = ui_config(s->ui)->model;
	char why[200];

	/* Whoever may not change customers gets no form, however it is asked for. */
	if (!store_access_can(ui_store(s->ui), ACCESS_EDIT_CUSTOMERS))
		return csm_error_set(err, CSM_EX_NOPERM, "%s",
				     access_refusal(ui_store(s->ui),
						    arg->create ? "create customers" : "change customers",
						    why, sizeof why));
	if (arg->kind != SK_ACCOUNT && arg->kind != SK_CONTACT && arg->kind != SK_CONSUMER &&
	    arg->kind != SK_HOUSEHOLD)
		return csm_error_set(err, CSM_EX_USAGE, "the edit screen takes customer records");
	if (!arg->create && !arg->id)
		return csm_error_set(err, CSM_EX_USAGE, "which %s to edit?", kind_word(arg->kind));
	st->kind = arg->kind;
	st->id = arg->id;
	st->number = xstrdup(arg->number);
	dialog_init(&st->dlg);
	if (!arg->create) {
		st->mode = CEDIT_EDIT;
	} else if (arg->id && arg->kind == SK_HOUSEHOLD) {
		st->mode = CEDIT_ADD_MEMBER;
	} else {
		st->mode = CEDIT_NEW;
		st->id = 0;
		if (arg->kind == SK_CONTACT)
			st->account_id = arg->id;
		st->from_lookup = !arg->id;
		if (arg->text) {
			char *t = trimmed(arg->text);
			if (looks_like_name(t))
				st->name_hint = t;
			else
				free(t);
		}
	}
	/* b2b2c has both kinds of customer: ask which this one is. */
	if (st->mode == CEDIT_NEW && model == MODEL_B2B2C &&
	    (st->kind == SK_ACCOUNT || st->kind == SK_CONSUMER)) {
		static const char *const labels[] = {"Account", "Consumer"};
		static const char *const details[] = {"a company, with contacts",
						      "a person, in households"};
		dialog_pick(&st->dlg, ASK_KIND, "New customer: an account or a consumer?", labels,
			    details, 2, st->kind == SK_CONSUMER);
		return 0;
	}
	if (build_form(s, err) < 0) {
		dialog_fini(&st->dlg);
		free(st->number);
		free(st->name_hint);
		free(st->name);
		return -1;
	}
	return 0;
}

static void customer_edit_close(struct screen *s)
{
	struct customer_edit_state *st = s->state;

	if (st->ready)
		form_fini(&st->form);
	dialog_fini(&st->dlg);
	free(st->number);
	free(st->name);
	free(st->name_hint);
	free(st->saved);
}

static void customer_edit_layout(struct screen *s, int rows, int cols)
{
	struct customer_edit_state *st = s->state;

	dialog_layout(&st->dlg, rows, cols);
	s->redraw = true;
}

/* The b2b2c question answered: build that kind's form, or leave on Esc. */
static enum action dialog_answer(struct screen *s, enum action a, const struct key_event *ev)
{
	struct customer_edit_state *st = s->state;
	struct csm_error err = {0};

	switch (dialog_handle(&st->dlg, a, ev)) {
	case DIALOG_ACCEPTED:
		st->kind = dialog_choice(&st->dlg) == 1 ? SK_CONSUMER : SK_ACCOUNT;
		dialog_close(&st->dlg);
		if (build_form(s, &err) < 0) {
			ui_error(s->ui, "%s", err.msg);
			return ACT_BACK;
		}
		return ACT_NONE;
	case DIALOG_CANCELED:
		return st->ready ? ACT_NONE : ACT_BACK;
	case DIALOG_PASS:
		return a;
	default:
		return ACT_NONE;
	}
}

/* A picker's choice is cleared by C-u or Backspace when nothing is typed. */
static bool clear_pick(struct form_field *fld, enum action a)
{
	if (fld->kind != FIELD_PICKER || !fld->picked_id || *textline_get(&fld->text) ||
	    (a != ACT_CLEAR && a != ACT_DELETE_BACK && a != ACT_DELETE))
		return false;
	form_pick(fld, 0, NULL);
	return true;
}

static enum action customer_edit_handle(struct screen *s, enum action a,
					const struct key_event *ev)
{
	struct customer_edit_state *st = s->state;
	struct form *f = &st->form;
	struct form_field *fld;

	s->redraw = true;
	if (dialog_active(&st->dlg))
		return dialog_answer(s, a, ev);
	if (!st->ready)
		return a;
	fld = &f->fields[f->focus];
	if (a == ACT_SAVE) {
		save(s);
		return ACT_NONE;
	}
	if (st->on_save) {
		if (a == ACT_ACCEPT)
			save(s);
		else if (a == ACT_PREV_FIELD || a == ACT_UP)
			st->on_save = false;
		else if (a == ACT_NEXT_FIELD || a == ACT_DOWN) {
			st->on_save = false;
			f->focus = 0;
		} else if (a != ACT_INSERT && a != ACT_NONE)
			return a;
		return ACT_NONE;
	}
	if (a == ACT_NEXT_FIELD && f->focus + 1 == f->n) {
		st->on_save = true; /* past the last field: the Save button */
		return ACT_NONE;
	}
	if (clear_pick(fld, a))
		return ACT_NONE;
	if (fld->kind == FIELD_CHOICE && (a == ACT_LEFT || a == ACT_RIGHT))
		a = a == ACT_LEFT ? ACT_CHOICE_PREV : ACT_CHOICE_NEXT;
	/* Space flips a yes/no field. */
	if (fld->kind == FIELD_CHOICE && a == ACT_INSERT && ev && ev->key == ' ')
		a = ACT_CHOICE_NEXT;
	/* Up/Down move among a picker's candidates while it shows some. */
	if (fld->kind == FIELD_PICKER && fld->n_options && (a == ACT_UP || a == ACT_DOWN))
		a = a == ACT_UP ? ACT_CHOICE_PREV : ACT_CHOICE_NEXT;
	if (form_handle(f, a, ev)) {
		if (f->pending)
			s->pending = true;
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
	return a;
}

static void customer_edit_update(struct screen *s)
{
	struct customer_edit_state *st = s->state;

	if (st->ready)
		form_update(&st->form);
}

static const char *customer_edit_keymap(const struct screen *s, bool *text_input)
{
	const struct customer_edit_state *st = s->state;

	if (dialog_active(&st->dlg))
		return dialog_keymap(&st->dlg, text_input);
	*text_input = true;
	return "form";
}

static bool customer_edit_dirty(const struct screen *s)
{
	const struct customer_edit_state *st = s->state;

	return st->ready && form_dirty(&st->form);
}

/* A draft keeps the changed fields and which kind of customer it is (the
 * b2b2c question); the record being edited comes back with the arg. */
static bool customer_edit_draft_save(const struct screen *s, struct draft *d)
{
	const struct customer_edit_state *st = s->state;
	char what[96], kind[16];

	if (!st->ready)
		return false;
	if (st->mode == CEDIT_ADD_MEMBER)
		snprintf(what, sizeof what, "household member");
	else if (st->mode == CEDIT_EDIT)
		snprintf(what, sizeof what, "%s %s", kind_word(st->kind), st->number ? st->number : "");
	else
		snprintf(what, sizeof what, "new %s", kind_word(st->kind));
	draft_set(d, "what", what);
	snprintf(kind, sizeof kind, "%d", (int)st->kind);
	draft_set(d, "kind", kind);
	return form_draft_save(&st->form, d) > 0;
}

static int customer_edit_draft_load(struct screen *s, const struct draft *d,
				    struct csm_error *err)
{
	struct customer_edit_state *st = s->state;
	const char *kind = draft_get(d, "kind");

	if (!st->ready) { /* b2b2c: the draft has answered the question */
		st->kind = kind && atoi(kind) == SK_CONSUMER ? SK_CONSUMER : SK_ACCOUNT;
		dialog_close(&st->dlg);
		if (build_form(s, err) < 0)
			return -1;
	}
	form_draft_load(&st->form, d);
	s->redraw = true;
	return 0;
}

/* First form row shown so that the focused field (and its candidates) or
 * the Save button are in view. */
static int scroll_top(const struct customer_edit_state *st, int form_rows, int height)
{
	int cy, cx, want;

	form_cursor(&st->form, 0, 0, LABEL_W, &cy, &cx);
	want = st->on_save ? form_rows + 1 : cy + 6;
	if (want < height)
		return 0;
	if (want - height + 1 > form_rows)
		return form_rows;
	return want - height + 1;
}

static bool customer_edit_cursor(const struct screen *s, int *y, int *x)
{
	const struct customer_edit_state *st = s->state;
	const struct form_field *fld;
	WINDOW *probe;
	int rows, top;

	if (dialog_active(&st->dlg))
		return dialog_cursor(&st->dlg, s->rows, s->cols, y, x);
	if (!st->ready || st->on_save)
		return false;
	fld = &st->form.fields[st->form.focus];
	if (fld->kind == FIELD_CHOICE)
		return false;
	probe = newpad(PAD_ROWS, s->cols > 0 ? s->cols : 80);
	if (!probe)
		return false;
	rows = form_draw(&st->form, probe, 0, 1, (s->cols > 0 ? s->cols : 80) - 1, LABEL_W);
	delwin(probe);
	top = scroll_top(st, rows, s->rows - HEAD_ROWS);
	form_cursor(&st->form, HEAD_ROWS - top, 1, LABEL_W, y, x);
	if (*x >= s->cols)
		*x = s->cols - 1;
	return *y >= HEAD_ROWS && *y < s->rows;
}

/* "New account", "Edit contact CT0000012  Ann Lee", "New member of ...". */
static void heading(const struct customer_edit_state *st, char *buf, size_t size)
{
	if (st->mode == CEDIT_ADD_MEMBER)
		snprintf(buf, size, "New member of household %s  %s", st->number ? st->number : "",
			 st->name ? st->name : "");
	else if (st->mode == CEDIT_EDIT)
		snprintf(buf, size, "Edit %s %s  %s", kind_word(st->kind),
			 st->number ? st->number : "", st->name ? st->name : "");
	else
		snprintf(buf, size, "New %s", kind_word(st->kind));
}

static void customer_edit_draw(const struct screen *s, WINDOW *w)
{
	const struct customer_edit_state *st = s->state;
	int width = s->cols > 0 ? s->cols : 80, height = s->rows > 0 ? s->rows : 22;
	int rows, top, shown;
	WINDOW *pad;
	char title[256];

	werase(w);
	if (st->ready) {
		heading(st, title, sizeof title);
		draw_text(w, 0, 1, title, width - 1, theme_attr(THEME_HEADING));
		pad = newpad(PAD_ROWS, width);
		if (pad) {
			/* The form is drawn whole on a pad and the rows in view
			 * copied: a short terminal scrolls so the focus shows. */
			rows = form_draw(&st->form, pad, 0, 1, width - 1, LABEL_W);
			draw_text(pad, rows, LABEL_W + 2, "[ Save ]  F2 / C-s", width - LABEL_W - 2,
				  st->on_save ? theme_attr(THEME_SELECTED) : theme_attr(THEME_HEADING));
			draw_text(pad, rows + 1, 1, "* required", width - 1, theme_attr(THEME_DIM));
			top = scroll_top(st, rows, height - HEAD_ROWS);
			shown = rows + 2 - top;
			if (shown > height - HEAD_ROWS)
				shown = height - HEAD_ROWS;
			if (shown > 0)
				copywin(pad, w, top, 0, HEAD_ROWS, 0, HEAD_ROWS + shown - 1, width - 1,
					FALSE);
			delwin(pad);
		}
	}
	if (dialog_active(&st->dlg))
		dialog_draw(&st->dlg, w, s->rows, s->cols);
}

const struct screen_ops customer_edit_screen = {
	.name = "customer_edit",
	.title = "Customer",
	.flags = 0,
	.state_size = sizeof(struct customer_edit_state),
	.open = customer_edit_open,
	.close = customer_edit_close,
	.layout = customer_edit_layout,
	.draw = customer_edit_draw,
	.handle = customer_edit_handle,
	.update = customer_edit_update,
	.keymap = customer_edit_keymap,
	.cursor = customer_edit_cursor,
	.dirty = customer_edit_dirty,
	.draft_save = customer_edit_draft_save,
	.draft_load = customer_edit_draft_load,
};
