/* install_base.c - install base items: inheritance from the parent, moves,
 * states, characteristics, installed products and the location tree with
 * rolled-up counts. */
#include "domain/install_base.h"

#include "store/access.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static bool is_b2b2c(struct store *s)
{
	char *m = store_setting_dup(s, "business_model");
	bool yes = m && strcmp(m, "b2b2c") == 0;
	free(m);
	return yes;
}

/* Loads item id or fails with a message naming it (-1 / 1). */
static int load_item(struct store *s, int64_t id, struct install_base_item *it, const char *role,
		     struct csm_error *err)
{
	int rc = store_ib_get(s, id, it, err);

	if (rc == 0)
		csm_error_set(err, CSM_EX_NOINPUT, "%s install base item %lld: no such item", role,
			      (long long)id);
	return rc == 1 ? 1 : -1;
}

static bool has_owner(const struct install_base_item *it)
{
	return it->account_id > 0 || it->consumer_id > 0 || it->household_id > 0 ||
	       it->service_org_id > 0 || it->contact_id > 0;
}

/* The owner rules the schema holds too, with messages that say what to do. */
static int check_owner(struct store *s, const struct install_base_item *it, struct csm_error *err)
{
	const char *what = it->number ? it->number : "install base item";

	if (it->account_id <= 0 && it->consumer_id <= 0 && it->service_org_id <= 0)
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: an owner is required (an account, a consumer or a service "
				     "organization)",
				     what);
	if (it->account_id > 0 && it->consumer_id > 0 && !is_b2b2c(s))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "%s: the owner is an account or a consumer, not both (only "
				     "b2b2c allows both)",
				     what);
	return 0;
}

static int ib_create_txn(struct store *s, struct install_base_item *it, struct csm_error *err)
{
	struct install_base_item parent = {0};
	char number[32];

	if (it->parent_id > 0) {
		if (load_item(s, it->parent_id, &parent, "parent", err) < 0)
			return -1;
		if (!has_owner(it)) {
			it->account_id = parent.account_id;
			it->consumer_id = parent.consumer_id;
			it->household_id = parent.household_id;
			it->service_org_id = parent.service_org_id;
			it->contact_id = parent.contact_id;
		}
		if (it->location_id <= 0)
			it->location_id = parent.location_id;
		install_base_item_fini(&parent);
	}
	if (check_owner(s, it, err) < 0)
		return -1;
	if (store_next_number(s, REC_INSTALL_BASE, number, sizeof number, err) < 0)
		return -1;
	it->number = xstrdup(number);
	if (store_ib_insert(s, it, err) < 0) {
		free(it->number);
		it->number = NULL;
		it->id = 0;
		return -1;
	}
	return 0;
}

int domain_ib_create(struct store *s, struct install_base_item *it, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (install_base_item_validate(it, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (ib_create_txn(s, it, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_update(struct store *s, const struct install_base_item *it, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (install_base_item_validate(it, err) < 0 || check_owner(s, it, err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (store_ib_update(s, it, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_set_state(struct store *s, int64_t id, const char *state, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (!install_base_state_valid(state))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "install base item: state '%s' is not one of in_use, in_repair, "
				     "inactive",
				     state ? state : "");
	if (store_begin(s, err) < 0)
		return -1;
	if (store_ib_set_state(s, id, state, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

static int ib_move_txn(struct store *s, int64_t id, int64_t new_parent_id, unsigned flags,
		       struct csm_error *err)
{
	struct install_base_item it = {0}, parent = {0};
	int rc = -1;

	if (load_item(s, id, &it, "moved", err) < 0)
		return -1;
	if (new_parent_id > 0) {
		if (load_item(s, new_parent_id, &parent, "new parent", err) < 0)
			goto out;
		/* Same rule as the trigger, said in words. */
		if (strncmp(parent.path, it.path, strlen(it.path)) == 0) {
			csm_error_set(err, CSM_EX_DATAERR,
				      "%s cannot be moved under %s: that is the item itself or one of "
				      "its own parts",
				      it.number, parent.number);
			goto out;
		}
	}
	if (store_ib_set_parent(s, id, new_parent_id, err) < 0)
		goto out;
	if (new_parent_id > 0 && flags) {
		unsigned what = ((flags & IB_MOVE_TAKE_LOCATION) ? 1u : 0u) |
				((flags & IB_MOVE_TAKE_OWNER) ? 2u : 0u);
		if (store_ib_subtree_take(s, id, &parent, what, err) < 0)
			goto out;
	}
	rc = 0;
out:
	install_base_item_fini(&it);
	install_base_item_fini(&parent);
	return rc;
}

int domain_ib_move(struct store *s, int64_t id, int64_t new_parent_id, unsigned flags,
		   struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (ib_move_txn(s, id, new_parent_id, flags, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

static int characteristic_txn(struct store *s, int64_t id, const char *key, const char *value,
			      struct csm_error *err)
{
	int defs;

	if (!install_base_characteristic_key_valid(key))
		return csm_error_set(err, CSM_EX_DATAERR,
				     "characteristic '%s': a name is 1-64 letters, digits, _ or -",
				     key ? key : "");
	defs = store_characteristic_def_count(s, err);
	if (defs < 0)
		return -1;
	if (defs > 0 && value) {
		char *known = NULL;
		int rc = store_characteristic_def_exists(s, key, &known, err);
		if (rc == 0)
			csm_error_set(err, CSM_EX_DATAERR,
				      "characteristic '%s' is not defined for this industry (known: %s)",
				      key, known ? known : "");
		free(known);
		if (rc <= 0)
			return -1;
	}
	return store_ib_characteristic_set(s, id, key, value, err);
}

int domain_ib_characteristic_set(struct store *s, int64_t id, const char *key, const char *value,
				 struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (characteristic_txn(s, id, key, value, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_set_usage(struct store *s, int64_t id, const char *usage, struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (store_ib_set_usage(s, id, usage, err) < 0 || store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_install(struct store *s, int64_t item_id, int64_t sold_product_id,
		      struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (store_installed_link(s, item_id, sold_product_id, err) < 0 ||
	    store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_uninstall(struct store *s, int64_t item_id, int64_t sold_product_id,
			struct csm_error *err)
{
	if (store_access_require(s, ACCESS_EDIT_PRODUCTS, "change the install base", err) < 0)
		return -1;
	if (store_begin(s, err) < 0)
		return -1;
	if (store_installed_unlink(s, item_id, sold_product_id, err) < 0 ||
	    store_commit(s, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

int domain_ib_customer_trees(struct store *s, enum owner_kind kind, int64_t owner_id,
			     const struct page_req *page, struct install_base_list *out,
			     struct csm_error *err)
{
	struct install_base_list roots = {0};
	int rc = 0;

	if (store_ib_roots_by_owner(s, kind, owner_id, page, &roots, err) < 0)
		return -1;
	for (size_t i = 0; i < roots.n && rc == 0; i++)
		rc = store_ib_tree(s, roots.v[i].id, out, err);
	install_base_list_fini(&roots);
	return rc;
}

/* ---- the location tree ------------------------------------------------- */

struct id_index {
	int64_t id;  /* location id */
	size_t idx;  /* its position in the loaded list */
};

static int cmp_id(const void *a, const void *b)
{
	const struct id_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Sort context: qsort has none, and the tree is loaded once per call. */
static const struct location_rollup *sort_rows;

static int cmp_name(const void *a, const void *b)
{
	const struct location_rollup *x = &sort_rows[*(const size_t *)a];
	const struct location_rollup *y = &sort_rows[*(const size_t *)b];
	int c = strcasecmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

struct tree_walk {
	const struct location_rollup *rows; /* loaded rows */
	size_t *first;   /* first[i]: start of i's children in kids (n + 1 entries) */
	size_t *kids;    /* children indexes, grouped by parent */
	size_t *order;   /* the depth-first order being built */
	size_t n_order;  /* entries in order */
};

static void walk(struct tree_walk *w, size_t i)
{
	w->order[w->n_order++] = i;
	for (size_t k = w->first[i]; k < w->first[i + 1]; k++)
		walk(w, w->kids[k]);
}

int domain_location_tree(struct store *s, int64_t location_id, struct location_rollup_list *out,
			 struct csm_error *err)
{
	struct location_rollup_list rows = {0};
	struct id_index *ix;
	size_t n, *parent, *count, *fill, n_roots = 0;
	struct tree_walk w;

	if (store_location_tree_counts(s, location_id, &rows, err) < 0)
		return -1;
	n = rows.n;
	if (n == 0) {
		if (location_id > 0)
			return csm_error_set(err, CSM_EX_NOINPUT, "location %lld: no such location",
					     (long long)location_id);
		return 0;
	}
	/* parent[i] = index of i's parent in rows, or n when outside the set */
	ix = xmalloc(n * sizeof *ix);
	parent = xmalloc(n * sizeof *parent);
	for (size_t i = 0; i < n; i++)
		ix[i] = (struct id_index){rows.v[i].id, i};
	qsort(ix, n, sizeof *ix, cmp_id);
	for (size_t i = 0; i < n; i++) {
		struct id_index key = {rows.v[i].parent_id, 0}, *hit = NULL;
		if (rows.v[i].parent_id > 0)
			hit = bsearch(&key, ix, n, sizeof *ix, cmp_id);
		parent[i] = hit ? hit->idx : n;
		rows.v[i].total = rows.v[i].here;
	}
	/* Path order puts every location before its subtree: summing backwards
	 * adds each subtree into its parent once it is complete. */
	for (size_t i = n; i-- > 0;)
		if (parent[i] < n)
			location_counts_add(&rows.v[parent[i]].total, &rows.v[i].total);

	/* Children grouped by parent (slot n holds the top level), then sorted. */
	count = xcalloc(n + 2, sizeof *count);
	for (size_t i = 0; i < n; i++)
		count[parent[i] + 1]++;
	for (size_t i = 1; i < n + 2; i++)
		count[i] += count[i - 1];
	fill = xmalloc((n + 1) * sizeof *fill);
	memcpy(fill, count, (n + 1) * sizeof *fill);
	w.kids = xmalloc(n * sizeof *w.kids);
	for (size_t i = 0; i < n; i++)
		w.kids[fill[parent[i]]++] = i;
	sort_rows = rows.v;
	for (size_t p = 0; p <= n; p++)
		qsort(w.kids + count[p], count[p + 1] - count[p], sizeof *w.kids, cmp_name);
	w.rows = rows.v;
	w.first = count;
	w.order = xmalloc(n * sizeof *w.order);
	w.n_order = 0;
	n_roots = count[n + 1] - count[n];
	for (size_t k = 0; k < n_roots; k++)
		walk(&w, w.kids[count[n] + k]);

	for (size_t k = 0; k < w.n_order; k++) {
		struct location_rollup *dst = location_rollup_list_add(out);
		*dst = rows.v[w.order[k]];
		memset(&rows.v[w.order[k]], 0, sizeof rows.v[0]);
	}
	location_rollup_list_fini(&rows);
	free(ix);
	free(parent);
	free(count);
	free(fill);
	free(w.kids);
	free(w.order);
	return 0;
}
