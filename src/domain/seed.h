/* seed.h - filling a database with demo data (`csm seed`, --demo). */
#ifndef CSM_DOMAIN_SEED_H
#define CSM_DOMAIN_SEED_H

#include "store/seed.h"

/* Seeds s for the business model and industry recorded in it by
 * domain_setup_database(): bulk mode, one transaction, search index
 * rebuilt at the end.  A database without them, or one that holds
 * customers already, is refused.  Returns 0 or -1 with err set (nothing
 * written). */
int domain_seed(struct store *s, const struct seed_options *opt, struct csm_error *err);

#endif
