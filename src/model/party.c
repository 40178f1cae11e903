/* party.c - rules and plumbing of the party structs (see party.h). */
#include "model/party.h"

#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"
#include "util/xalloc.h"

/* The role rule as data: which side may hold each role (domain.md, "Access").
 * Contributors and stakeholders exist on both sides (a dealer's stakeholder,
 * an internal stakeholder of the service organizations it manages); the
 * customer and consumer roles are the logins of contacts and consumers. */
static const struct {
	const char *name;  /* as stored in user_role.role */
	unsigned sides;    /* SIDE_* bits */
	const char *summary;
} roles[ROLE_COUNT] = {
	[ROLE_ADMIN] = {"admin", SIDE_INTERNAL, "sees and changes everything"},
	[ROLE_MANAGER] = {"manager", SIDE_INTERNAL, "sees and changes everything"},
	[ROLE_AGENT] = {"agent", SIDE_INTERNAL,
			"all customers and cases of the business model in use"},
	[ROLE_CONTRIBUTOR] = {"contributor", SIDE_INTERNAL | SIDE_EXTERNAL,
			      "the cases it is a related party of or holds a task on"},
	[ROLE_STAKEHOLDER] = {"stakeholder", SIDE_INTERNAL | SIDE_EXTERNAL,
			      "all cases and customer data of its own organization; approves"},
	[ROLE_CUSTOMER] = {"customer", SIDE_EXTERNAL, "a contact's login: its own cases"},
	[ROLE_CONSUMER] = {"consumer", SIDE_EXTERNAL, "a consumer's login: its own cases"},
	[ROLE_VIEWER] = {"viewer", SIDE_INTERNAL, "reads everything, changes nothing"},
};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].name : NULL;
}

int role_parse(const char *s, enum role *out)
{
	for (int r = 0; s && r < ROLE_COUNT; r++)
		if (strcmp(s, roles[r].name) == 0) {
			*out = (enum role)r;
			return 0;
		}
	return -1;
}

unsigned role_sides(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].sides : 0;
}

bool role_allowed(enum role r, bool is_external)
{
	return (role_sides(r) & (is_external ? SIDE_EXTERNAL : SIDE_INTERNAL)) != 0;
}

const char *role_summary(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? roles[r].summary : NULL;
}

bool party_login_valid(const char *login)
{
	size_t n;

	if (!login || !((*login >= 'a' && *login <= 'z') || *login == '_'))
		return false;
	for (n = 1; login[n]; n++) {
		char c = login[n];
		if (n >= 64)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* ---- kinds ----------------------------------------------------------- */

static const char *const host_names[HOST_KIND_COUNT] = {"case", "sold_product",
							 "install_base_item"};
static const char *const host_labels[HOST_KIND_COUNT] = {"case", "sold product",
							  "install base item"};
static const char *const party_names[PARTY_KIND_COUNT] = {
	"contact", "consumer", "user", "account", "service_organization"};
static const char *const party_labels[PARTY_KIND_COUNT] = {
	"contact", "consumer", "user", "account", "service organization"};

const char *host_kind_name(enum host_kind k)
{
	return (unsigned)k < HOST_KIND_COUNT ? host_names[k] : NULL;
}

const char *host_kind_label(enum host_kind k)
{
	return (unsigned)k < HOST_KIND_COUNT ? host_labels[k] : NULL;
}

int host_kind_parse(const char *s, enum host_kind *out)
{
	for (int k = 0; s && k < HOST_KIND_COUNT; k++)
		if (strcmp(s, host_names[k]) == 0) {
			*out = (enum host_kind)k;
			return 0;
		}
	return -1;
}

const char *party_kind_name(enum party_kind k)
{
	return (unsigned)k < PARTY_KIND_COUNT ? party_names[k] : NULL;
}

const char *party_kind_label(enum party_kind k)
{
	return (unsigned)k < PARTY_KIND_COUNT ? party_labels[k] : NULL;
}

int party_kind_parse(const char *s, enum party_kind *out)
{
	for (int k = 0; s && k < PARTY_KIND_COUNT; k++)
		if (strcmp(s, party_names[k]) == 0) {
			*out = (enum party_kind)k;
			return 0;
		}
	return -1;
}

/* ---- fini ------------------------------------------------------------ */

void user_fini(struct user *u)
{
	free(u->login);
	free(u->name);
	free(u->email);
	free(u->phone);
	free(u->title);
	free(u->created_at);
	memset(u, 0, sizeof *u);
}

void user_list_fini(struct user_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		user_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void group_fini(struct group *g)
{
	free(g->name);
	free(g->email);
	free(g->manager_login);
	memset(g, 0, sizeof *g);
}

void group_list_fini(struct group_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		group_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void service_org_fini(struct service_org *o)
{
	free(o->number);
	free(o->name);
	free(o->parent_number);
	free(o->manager_login);
	memset(o, 0, sizeof *o);
}

void team_member_fini(struct team_member *m)
{
	free(m->login);
	free(m->user_name);
	free(m->responsibility);
	free(m->customer_number);
	free(m->customer_name);
	memset(m, 0, sizeof *m);
}

void team_member_list_fini(struct team_member_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		team_member_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

void related_party_type_fini(struct related_party_type *t)
{
	free(t->name);
	free(t->responsibility);
	free(t->description);
	memset(t, 0, sizeof *t);
}

void related_party_type_list_fini(struct related_party_type_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		related_party_type_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

bool related_party_type_authorized(const struct related_party_type *t)
{
	return t->responsibility && t->grants_access;
}

void related_party_fini(struct related_party *rp)
{
	free(rp->host_number);
	free(rp->type_name);
	free(rp->party_number);
	free(rp->party_name);
	free(rp->responsibility);
	free(rp->relationship_name);
	memset(rp, 0, sizeof *rp);
}

void related_party_list_fini(struct related_party_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		related_party_fini(&l->items[i]);
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* ---- access in words ------------------------------------------------- */

/* What an authorized entry lets its party do with the host (domain.md,
 * "Access": a sold product opens its install base and all their cases, an
 * install base item its child items and their cases, a case itself). */
static void add_reach(struct strbuf *sb, const struct related_party *rp)
{
	const char *n = rp->host_number ? rp->host_number : "the record";

	switch (rp->host_kind) {
	case HOST_SOLD_PRODUCT:
		strbuf_addf(sb, "see %s, its install base items and all their cases", n);
		break;
	case HOST_INSTALL_BASE:
		strbuf_addf(sb, "see %s, its child items and their cases", n);
		break;
	case HOST_CASE:
	default:
		strbuf_addf(sb, "see and comment on %s", n);
		break;
	}
}

char *related_party_access_sentence(const struct related_party *rp)
{
	struct strbuf sb;
	const char *who = rp->party_name && *rp->party_name ? rp->party_name : rp->party_number;

	strbuf_init(&sb);
	if (!rp->responsibility || !rp->grants_access) {
		strbuf_adds(&sb, "Listed only: grants no access");
		return strbuf_take(&sb);
	}
	switch (rp->party_kind) {
	case PARTY_ACCOUNT:
		if (rp->restricts_contacts)
			strbuf_addf(&sb, "%s restricts contact access: only its stakeholders can ",
				    who ? who : "The account");
		else
			strbuf_addf(&sb, "Every contact of %s can ", who ? who : "the account");
		break;
	case PARTY_SERVICE_ORG:
		strbuf_addf(&sb, "Every member of %s can ", who ? who : "the organization");
		break;
	case PARTY_CONTACT:
	case PARTY_CONSUMER:
	case PARTY_USER:
	default:
		strbuf_adds(&sb, "Can ");
		break;
	}
	add_reach(&sb, rp);
	return strbuf_take(&sb);
}
