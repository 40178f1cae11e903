/* csvfile.c - see csvfile.h.  libcsv does the RFC 4180 parsing; we feed it
 * one physical line at a time so that we know where each row starts. */
#include "util/csvfile.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct pending {
	size_t line;   /* start line of the row */
	size_t n, cap; /* fields used / allocated */
	char **fields; /* owned values */
};

struct csv_in {
	FILE *f;                  /* the input */
	bool close_f;             /* false for stdin */
	char *name;               /* for messages */
	struct csv_parser p;      /* libcsv state */
	char *linebuf;            /* getline() buffer */
	size_t linecap;
	size_t line;              /* physical line being fed */
	size_t start_line;        /* line where the next row can start */
	bool eof;                 /* input exhausted and parser finished */
	bool in_row;              /* a row has started (some field seen) */
	size_t row_line;          /* where the current row started */
	struct pending cur;       /* fields of the row being parsed */
	struct pending *ready;    /* completed rows not yet handed out */
	size_t n_ready, cap_ready, next_ready;
	struct csv_row out;       /* what csv_in_next() hands out */
	struct pending out_owned; /* owns out's fields */
	char bad[160];            /* first UTF-8 problem found in a callback */
};

static void pending_free(struct pending *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->fields[i]);
	free(p->fields);
	memset(p, 0, sizeof *p);
}

/* RFC 4180: spaces are part of a field; libcsv trims them by default. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

bool utf8_valid(const char *str, size_t len, size_t *bad_at)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3;
			cp = c & 0x07;
		} else {
			goto bad;
		}
		for (size_t k = 1; k <= need; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* overlong forms, surrogates and values past U+10FFFF */
		if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto bad;
		i += need + 1;
	}
	return true;
bad:
	if (bad_at)
		*bad_at = i;
	return false;
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct csv_in *in = ctx;
	const char *s = data ? data : "";
	size_t bad;

	if (!in->in_row) {
		in->row_line = in->start_line;
		in->in_row = true;
		in->cur.line = in->row_line;
	}
	if (!in->bad[0] && !utf8_valid(s, len, &bad))
		snprintf(in->bad, sizeof in->bad, "%zu: column %zu: invalid UTF-8 at byte %zu of the value",
			 in->row_line, in->cur.n + 1, bad + 1);
	if (in->cur.n == in->cur.cap) {
		in->cur.cap = in->cur.cap ? in->cur.cap * 2 : 16;
		in->cur.fields = xrealloc(in->cur.fields, in->cur.cap * sizeof(char *));
	}
	in->cur.fields[in->cur.n++] = xstrndup(s, len);
}

static void on_row(int c, void *ctx)
{
	struct csv_in *in = ctx;
	(void)c;

	if (!in->in_row)
		on_field(NULL, 0, ctx); /* a row of one empty field */
	if (in->n_ready == in->cap_ready) {
		in->cap_ready = in->cap_ready ? in->cap_ready * 2 : 8;
		in->ready = xrealloc(in->ready, in->cap_ready * sizeof *in->ready);
	}
	in->ready[in->n_ready++] = in->cur;
	memset(&in->cur, 0, sizeof in->cur);
	in->in_row = false;
}

struct csv_in *csv_in_open(const char *path, struct csm_error *err)
{
	struct csv_in *in;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		f = stdin;
	} else if (!(f = fopen(path, "rb"))) {
		csm_error_set(err, CSM_EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	in = xcalloc(1, sizeof *in);
	in->f = f;
	in->close_f = f != stdin;
	in->name = xstrdup(path);
	if (csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		csv_in_free(&in);
		csm_error_set(err, CSM_EX_SOFTWARE, "out of memory");
		return NULL;
	}
	csv_set_space_func(&in->p, no_space);
	return in;
}

const char *csv_in_name(const struct csv_in *in)
{
	return in->name;
}

/* Feeds lines until at least one row is ready or the input ends. */
static int fill(struct csv_in *in, struct csm_error *err)
{
	while (in->next_ready >= in->n_ready && !in->eof) {
		ssize_t n;

		for (size_t i = 0; i < in->n_ready; i++)
			pending_free(&in->ready[i]);
		in->n_ready = in->next_ready = 0;

		n = getline(&in->linebuf, &in->linecap, in->f);
		if (n < 0) {
			if (ferror(in->f))
				return csm_error_set(err, CSM_EX_IOERR, "%s: cannot read: %s", in->name,
						     strerror(errno));
			if (csv_fini(&in->p, on_field, on_row, in) != 0)
				return csm_error_set(err, CSM_EX_DATAERR,
						     "%s:%zu: malformed CSV: a quoted field is never closed",
						     in->name, in->start_line);
			in->eof = true;
			break;
		}
		in->line++;
		/* libcsv's pstate 0 means no row has begun: a row that starts
		 * now starts on this line (blank lines move it on) */
		if (in->p.pstate == 0)
			in->start_line = in->line;
		if (in->line == 1 && n >= 3 && memcmp(in->linebuf, "\xef\xbb\xbf", 3) == 0) {
			memmove(in->linebuf, in->linebuf + 3, (size_t)n - 2);
			n -= 3;
		}
		if (memchr(in->linebuf, '\0', (size_t)n))
			return csm_error_set(err, CSM_EX_DATAERR, "%s:%zu: NUL byte in the file (not a text CSV)",
					     in->name, in->line);
		if (csv_parse(&in->p, in->linebuf, (size_t)n, on_field, on_row, in) != (size_t)n)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "%s:%zu: malformed CSV: %s (a quote inside an unquoted field, or "
					     "text after a closing quote)",
					     in->name, in->line, csv_strerror(csv_error(&in->p)));
	}
	if (in->bad[0])
		return csm_error_set(err, CSM_EX_DATAERR, "%s:%s", in->name, in->bad);
	return 0;
}

int csv_in_next(struct csv_in *in, const struct csv_row **row, struct csm_error *err)
{
	if (fill(in, err) < 0)
		return -1;
	if (in->next_ready >= in->n_ready)
		return 0;
	pending_free(&in->out_owned);
	in->out_owned = in->ready[in->next_ready];
	memset(&in->ready[in->next_ready], 0, sizeof in->ready[0]);
	in->next_ready++;
	in->out.line = in->out_owned.line;
	in->out.n = in->out_owned.n;
	in->out.fields = in->out_owned.fields;
	*row = &in->out;
	return 1;
}

void csv_in_free(struct csv_in **inp)
{
	struct csv_in *in = inp ? *inp : NULL;

	if (!in)
		return;
	csv_free(&in->p);
	if (in->close_f && in->f)
		fclose(in->f);
	for (size_t i = 0; i < in->n_ready; i++)
		pending_free(&in->ready[i]);
	free(in->ready);
	pending_free(&in->cur);
	pending_free(&in->out_owned);
	free(in->linebuf);
	free(in->name);
	free(in);
	*inp = NULL;
}

void csv_put_field(FILE *f, const char *s)
{
	size_t len;

	if (!s)
		return;
	len = strlen(s);
	if (len && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[len - 1] == ' ')) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
}

void csv_put_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		csv_put_field(f, fields[i]);
	}
	fputs("\r\n", f);
}
