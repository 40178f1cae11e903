/* setup.c - a new database: business model, industry and its template. */
#include "domain/domain.h"

#include "model/industry.h"
#include "store/industry_store.h"

int domain_setup_database(struct store *s, enum business_model model, const char *industry,
			  struct csm_error *err)
{
	struct industry *ind;

	/* Parse first: an unknown industry is a usage error that names the
	 * known ones, and nothing is written. */
	ind = industry_load(industry, err);
	if (!ind)
		return -1;
	if (store_begin(s, err) < 0)
		goto fail;
	if (store_setting_set(s, "business_model", config_model_name(model), err) < 0 ||
	    store_setting_set(s, "industry", ind->name, err) < 0 ||
	    store_industry_apply(s, ind, err) < 0) {
		store_rollback(s);
		goto fail;
	}
	industry_free(&ind);
	return store_commit(s, err);
fail:
	industry_free(&ind);
	return -1;
}
