/* domain.h - setting a database up for a business model and industry. */
#ifndef CSM_DOMAIN_DOMAIN_H
#define CSM_DOMAIN_DOMAIN_H

#include "config/config.h"
#include "store/store.h"

/* Records the business model and industry in a new database and loads the
 * industry template's reference data (location types, related-party types,
 * responsibilities, case categories, resolution codes, characteristics).
 * One transaction; nothing is written on error. */
int domain_setup_database(struct store *s, enum business_model model, const char *industry,
			  struct csm_error *err);

#endif
