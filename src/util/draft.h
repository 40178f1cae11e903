/* draft.h - what was typed into a form, kept in a small file when csm is
 * ended by a signal (an SSH drop, Ctrl-C, SIGTERM) so that the next start
 * can offer it back.
 *
 * A draft is an ordered list of key/value strings (UTF-8, any bytes but
 * NUL).  On disk it is text: a "csm-draft 1" line, then one "key<TAB>value"
 * line per entry, with backslash, tab, newline and carriage return written
 * as \\ \t \n \r.  Drafts live in $XDG_STATE_HOME/csm/drafts/ (default
 * ~/.local/state/csm/drafts/), one file per database and form, mode 0600,
 * written to a temporary file and renamed over the old one, so a draft is
 * there whole or not at all. */
#ifndef CSM_UTIL_DRAFT_H
#define CSM_UTIL_DRAFT_H

#include <stddef.h>

#include "util/error.h"
#include "util/strbuf.h"

struct draft_entry {
	char *key;   /* owned */
	char *value; /* owned, never NULL */
};

struct draft {
	struct draft_entry *v; /* owned, n entries in the order they were set */
	size_t n, cap;         /* used / allocated */
};

void draft_init(struct draft *d);
void draft_fini(struct draft *d);

/* Sets key to value (both copied; NULL value is ""), replacing an entry
 * with the same key in place. */
void draft_set(struct draft *d, const char *key, const char *value);
/* The value of key, or NULL when the draft has none (borrowed, valid
 * until the draft changes). */
const char *draft_get(const struct draft *d, const char *key);

/* Appends the draft's text form to out. */
void draft_format(const struct draft *d, struct strbuf *out);
/* Replaces d's entries with those of text (len bytes).  Returns 0, or -1
 * with err set (CSM_EX_DATAERR, "line N: ...") when text is not a draft;
 * d then holds what was read before the bad line. */
int draft_parse(struct draft *d, const char *text, size_t len, struct csm_error *err);

/* Writes the directory drafts live in into buf.  Returns 0, or -1 with
 * err set when neither XDG_STATE_HOME nor HOME is set. */
int draft_dir(char *buf, size_t size, struct csm_error *err);
/* The draft file of form on the database at db_path (owned string), or
 * NULL with err set.  The name holds the database's file name and a hash
 * of its absolute path: "csm.db-1f2e3d4c5b6a7988.case_entry.draft". */
char *draft_path_dup(const char *db_path, const char *form, struct csm_error *err);

/* Writes d to path atomically (temporary file, fsync, rename), creating
 * the directory (0700) when needed.  Returns 0 or -1 with err set. */
int draft_write(const char *path, const struct draft *d, struct csm_error *err);
/* Reads the draft at path into d.  Returns 1, 0 when there is no such
 * file, or -1 with err set ("PATH: ..."). */
int draft_read(const char *path, struct draft *d, struct csm_error *err);
/* The draft files of the database at db_path, oldest name first (owned
 * array of owned strings, *n of them; NULL when none).  A missing
 * directory is no drafts. */
char **draft_list(const char *db_path, size_t *n);
void draft_list_free(char **paths, size_t n);

#endif
