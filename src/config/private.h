/* private.h - what config.c (the loader) and config_table.c (the keys)
 * share: the key table and the error collector.
 *
 * The loader walks the YAML document; for every key it finds the table entry,
 * checks the node type and calls the entry's parser, which converts the node
 * into the field of a scratch struct csm_config or reports why it cannot.
 * Errors are collected, never fatal, so that one run shows all of them. */
#ifndef CSM_CONFIG_PRIVATE_H
#define CSM_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#include "config/config.h"
#include "util/strbuf.h"

/* The state of one load: the document, where we are, what went wrong. */
struct config_loader {
	const char *file;          /* file name used in messages */
	yaml_document_t *doc;      /* the parsed document (borrowed) */
	struct csm_config *cfg;    /* the scratch config being filled */
	struct strbuf msgs;        /* the messages so far, one per line */
	int n_errors;              /* how many messages msgs holds */
	bool defaults;             /* loading the table's defaults: an error is a bug */
	yaml_node_t *channels;     /* cases.channels node when given and valid */
	yaml_node_t *default_channel; /* cases.default_channel node when given and valid */
	bool channel_failed;       /* one of those two was wrong: skip the cross-check */
};

struct config_key;

/* Converts node into the field at cfg + key->offset; returns 0, or -1 after
 * reporting every problem with config_error(). */
typedef int config_parse_fn(struct config_loader *ld, const struct config_key *key,
			    yaml_node_t *node, void *field);

/* One dotted key.  Sections ("cases", "ui") are mapping entries without a
 * parser: the loader walks into them. */
struct config_key {
	const char *key;              /* dotted name: "cases.default_priority" */
	yaml_node_type_t type;        /* node type the value must have */
	config_parse_fn *parse;       /* NULL for a section */
	size_t offset;                /* field in struct csm_config */
	size_t count_offset;          /* lists: the size_t count of the array; else 0 */
	const char *def;              /* default as YAML text, NULL = none (NULL field) */
	const char *expect;           /* what a right value is: "an integer from 1 to 4" */
	const char *doc;              /* one line for the man page and help */
	const char *const *choices;   /* enumerations: allowed names, NULL-terminated */
	int min, max;                 /* integers: the allowed range */
};

extern const struct config_key config_keys[];
extern const size_t config_keys_count;

/* Adds "file:line:col: key: message" (key may be NULL) at node's start. */
void config_error(struct config_loader *ld, const yaml_node_t *node, const char *key,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Describes node for "got ...": "\"urgent\"", "a list", "a mapping", "nothing".
 * Writes into buf (size bytes) and returns it. */
const char *config_describe(const yaml_node_t *node, char *buf, size_t size);

/* True for a plain empty, "~" or "null" scalar (the YAML null). */
bool config_is_null(const yaml_node_t *node);

/* The scalar's text (NUL-terminated by libyaml). */
const char *config_scalar(const yaml_node_t *node);

/* Reports a repeated key of mapping node `map` at pair `pair` and returns
 * true, so that the caller skips it.  `where` reads "in ui", "at the top level". */
bool config_is_duplicate(struct config_loader *ld, yaml_node_t *map, yaml_node_pair_t *pair,
			 const char *where);

/* Reports an unknown key and suggests the closest of the NULL-terminated
 * names when one is close. */
void config_unknown_key(struct config_loader *ld, const yaml_node_t *key, const char *where,
			const char *const *names);

/* Expands ~ and $VAR in path; NULL with why filled when it cannot. */
char *config_expand(const char *path, char *why, size_t size);

#endif
