/* embed.h - files compiled into the binary by src/tools/embed.c.
 *
 * The schema migrations (data/migrations/NNNN-name.sql) and the industry
 * templates (data/industries/NAME.yaml) are embedded so that csm never looks
 * for data files at run time. */
#ifndef CSM_UTIL_EMBED_H
#define CSM_UTIL_EMBED_H

#include <stddef.h>

struct embed_file {
	const char *name;  /* base name, e.g. "0001-schema.sql" */
	const char *data;  /* contents, NUL-terminated */
	size_t size;       /* bytes, not counting the NUL */
};

/* Sorted by name. */
extern const struct embed_file embedded_migrations[];
extern const size_t embedded_migrations_count;
extern const struct embed_file embedded_industries[];
extern const size_t embedded_industries_count;

#endif
