#include "domain/domain.h"

int domain_setup_database(struct store *s, enum business_model model, const char *industry,
			  struct csm_error *err)
{
	if (store_begin(s, err) < 0)
		return -1;
	if (store_setting_set(s, "business_model", config_model_name(model), err) < 0 ||
	    store_setting_set(s, "industry", industry, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}
