/* seed.c - demo data for the database's own business model and industry. */
#include "domain/seed.h"

#include <stdlib.h>

#include "model/industry.h"

int domain_seed(struct store *s, const struct seed_options *opt, struct csm_error *err)
{
	char *model_name = store_setting_dup(s, "business_model");
	char *industry = store_setting_dup(s, "industry");
	struct industry *ind = NULL;
	enum business_model model;
	bool journal = false;
	int rc = -1;

	if (!model_name || config_model_parse(model_name, &model) < 0 || !industry) {
		csm_error_set(err, CSM_EX_FAIL,
			      "%s: no business model or industry recorded; create the database "
			      "with 'csm init' first", store_path(s));
		goto out;
	}
	if (!(ind = industry_load(industry, err)))
		goto out;
	/* Bulk mode: no audit rows and no row-by-row index updates; the
	 * seed fills the search index itself, in the same transaction.  The rollback
	 * journal for the load when it can be had (else WAL, slower). */
	store_set_bulk(s, true);
	journal = store_seed_journal(s, true) == 0;
	if (store_begin(s, err) < 0)
		goto out;
	if (store_seed(s, ind, model, opt, err) < 0) {
		store_rollback(s);
		goto out;
	}
	rc = store_commit(s, err);
out:
	if (journal && store_seed_journal(s, false) < 0 && rc == 0)
		rc = csm_error_set(err, CSM_EX_IOERR, "%s: seeded, but could not go back to WAL "
				   "mode; opening it again does", store_path(s));
	store_set_bulk(s, false);
	industry_free(&ind);
	free(model_name);
	free(industry);
	return rc;
}
