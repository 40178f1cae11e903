/* strbuf.h - a growable string.
 *
 * struct strbuf lives on the stack or inside another struct: strbuf_init()
 * and strbuf_fini() bracket its life; strbuf_take() hands the string to the
 * caller (who frees it) and ends the buffer's life like strbuf_fini(). */
#ifndef CSM_UTIL_STRBUF_H
#define CSM_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;   /* always NUL-terminated once initialised */
	size_t len;  /* bytes used, not counting the NUL */
	size_t cap;  /* bytes allocated */
};

void strbuf_init(struct strbuf *sb);
void strbuf_fini(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Appends s as a JSON string literal with quotes (NULL appends null). */
void strbuf_add_json_str(struct strbuf *sb, const char *s);
/* Returns the owned string; sb is left finished (nothing to free), and
 * adding to it again starts a new buffer. */
char *strbuf_take(struct strbuf *sb);

#endif
