/* utf8.h - display width of UTF-8 text, for columns that line up.
 *
 * Names with accents, CJK (two columns per character) and combining marks
 * (zero columns) must line up in lists, so every cell is measured, cut and
 * padded in display columns, never in bytes.  Invalid bytes and control
 * characters count as one column: the console shows them as '?'.  These
 * need the process locale to be UTF-8 (main() calls setlocale).  Shared by the console and the command line. */
#ifndef CSM_UTIL_UTF8_H
#define CSM_UTIL_UTF8_H

#include <stddef.h>
#include <stdio.h>

/* Display columns of s (NULL is 0). */
int utf8_width(const char *s);

/* Bytes of the longest prefix of s that fits in cols columns, never
 * splitting a character and keeping combining marks with their base.
 * *used (may be NULL) gets the prefix's width. */
size_t utf8_fit(const char *s, int cols, int *used);

/* Byte offset of the character before / after byte offset pos in s
 * (pos itself at the start / end). */
size_t utf8_prev(const char *s, size_t pos);
size_t utf8_next(const char *s, size_t pos);

/* Encodes code point cp as UTF-8 into out (at least 5 bytes, NUL
 * terminated); returns the byte count, 0 for an invalid code point. */
size_t utf8_encode(unsigned cp, char *out);

/* Writes s to f in exactly cols display columns: cut with "…" when wider,
 * padded with spaces when narrower; NULL writes blanks. */
void utf8_put_cell(FILE *f, const char *s, int cols);

/* Returns s cut to cols display columns with "…" when wider (owned). */
char *utf8_cut_dup(const char *s, int cols);

#endif
