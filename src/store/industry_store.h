/* industry_store.h - writing an industry template's reference data. */
#ifndef CSM_STORE_INDUSTRY_STORE_H
#define CSM_STORE_INDUSTRY_STORE_H

#include "model/industry.h"
#include "store/store.h"

/* Writes ind's location types, responsibilities, related-party types, case
 * categories, resolution codes, characteristic definitions and product
 * catalog (parent models linked) into s, in one transaction (nested in the
 * caller's when there is one).  Rows that already exist (same key) are an
 * error naming the row.  Returns 0, or -1 with err set and nothing written. */
int store_industry_apply(struct store *s, const struct industry *ind, struct csm_error *err);

#endif
