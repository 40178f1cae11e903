/* xalloc.h - allocation that never returns NULL.
 *
 * Out of memory is one of the few fatal errors in csm: these print a message
 * and abort rather than make every caller handle a case it cannot recover. */
#ifndef CSM_UTIL_XALLOC_H
#define CSM_UTIL_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Returns an owned copy of s, or NULL when s is NULL. */
char *xstrdup(const char *s);
/* Returns an owned copy of the first n bytes of s, NUL-terminated. */
char *xstrndup(const char *s, size_t n);
/* Returns an owned string built from a printf format. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
