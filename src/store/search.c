/* search.c - the universal lookup over the FTS5 indexes of 0003-search.sql,
 * 0006-search-exact.sql and 0007-search-functions.sql.
 *
 * search_fts holds one row per indexed field of a record; its rowid says
 * which kind, record, field and rank class the row is (see the migrations).
 * A lookup runs, for each kind asked for, two small queries in rowid order
 * (tokens as typed, then tokens as prefixes) that stop after `limit` rows,
 * so its cost does not grow with the number of matching rows.  Those rows
 * can miss a name that equals the text when more than `limit` longer names
 * hold its words, so a third query per kind probes search_exact, which
 * holds each name, code and serial number as one token: the exact matches,
 * whatever their id.  Text that is mostly digits also asks search_phone
 * (same rowids), which holds every phone by its digits and every digit
 * suffix of 4 digits or more, so typed digits match anywhere in a number;
 * typed without their trunk 0, or without a country code, they match the
 * other format too.  The candidates are then ranked here:
 *   1. exact matches of a number or name (the whole value equals the text),
 *   2. then active records before inactive ones,
 *   3. then prefix matches of numbers and names before other fields,
 *   4. then the shorter matched value (what bm25 would prefer for one-term
 *      field documents; bm25() itself is not used because it counts every
 *      match of every phrase, which costs tens of milliseconds on a prefix
 *      like "a" over millions of rows), then kind and record id.
 * "42" finds CS0000042: numbers are also indexed by their digits without
 * leading zeros.  The end of this file builds the indexes for a bulk load
 * on two more threads (store_search_build_start()). */
#include "store/search.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "store/access.h"
#include "store/private.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_FIELDS 6     /* most indexed fields of one kind (consumer) */
#define MAX_CHUNKS 16    /* words of the typed text used; the rest is ignored */
#define PREFIX_MAX 8     /* search_fts's longest prefix index, in characters */
#define CHECK_SCAN 4     /* rows per kind a cut prefix checks, times the limit, before
			  * it leaves the kind to the uncut query */
#define ROWID_ID_BITS 51 /* the rowid layout of 0003-search.sql */
#define ROWID_FIELD_SHIFT 51
#define ROWID_CLASS_SHIFT 55
#define ROWID_KIND_SHIFT 59

/* Rank classes of a field, as in the rowid (an inactive record adds 4). */
enum field_class { FC_NUMBER, FC_NAME, FC_OTHER, FC_INACTIVE = 4 };

/* The indexes a lookup reads (0003-search.sql, 0006-search-exact.sql,
 * 0007-search-functions.sql). */
enum search_index {
	IX_WORDS, /* search_fts: every word of every field but phones, with prefixes */
	IX_EXACT, /* search_exact: names, codes and serials as one token each */
	IX_PHONE, /* search_phone: the digits of phones and their suffixes */
	IX_COUNT
};

/* One indexed field of a kind. */
struct field_def {
	const char *name;        /* shown as search_hit.field */
	enum field_class class;  /* its rank class */
	bool phone;              /* in search_phone, not in search_fts */
};

/* One kind of record: its indexed fields (codes = index in fields[], as in
 * the migration) and the query that fetches what a hit shows.  The query
 * takes the record id and returns active, number, title, detail and then
 * the display value of each field in field-code order. */
struct kind_def {
	const char *name;                    /* "account", as --kind takes it */
	size_t n_fields;                     /* entries used in fields[] */
	struct field_def fields[MAX_FIELDS]; /* by field code */
	const char *rank_sql;                /* active, then the field values (as detail_sql) */
	const char *detail_sql;              /* see above */
	const char *seen_sql[IX_COUNT];      /* collect()'s queries, keeping visible records */
};

/* For a user who does not see everything (store/access.h), the candidates
 * of one kind keep only the records the user sees: the filter sits in the
 * FTS query, so that the limit counts visible records only. */
#define SEEN_SQL(fts, table)                                                               \
	"SELECT rowid FROM " fts " WHERE " fts " MATCH ?1 "                                \
	"AND rowid >= ?2 AND rowid < ?3 AND (rowid & ?5) IN (SELECT id FROM " table ") "  \
	"ORDER BY rowid LIMIT ?4"
#define SEEN_SQLS(table)                                                                    \
	{SEEN_SQL("search_fts", table), SEEN_SQL("search_exact", table),                   \
	 SEEN_SQL("search_phone", table)}

/* The rank queries: what ranking needs of a record (active, then the value
 * of each field in field-code order, as the detail query returns them), from
 * the record's own row and the rows it must join, so that the detail query's
 * other joins run only for the hits kept.  Same expressions as below. */
static const char account_rank_sql[] =
	"SELECT a.active, a.number, a.name, a.code, a.phone FROM account a WHERE a.id = ?1";
static const char contact_rank_sql[] =
	"SELECT c.active, c.number, COALESCE(c.first_name || ' ', '') || c.last_name, c.email, "
	"c.phone, c.mobile FROM contact c JOIN account a ON a.id = c.account_id WHERE c.id = ?1";
static const char consumer_rank_sql[] =
	"SELECT c.active, c.number, "
	"COALESCE(c.first_name || ' ', '') || COALESCE(c.middle_name || ' ', '') || c.last_name "
	"|| COALESCE(' ' || c.suffix, ''), "
	"c.email, c.mobile_phone, c.home_phone, c.business_phone "
	"FROM consumer c WHERE c.id = ?1";
static const char household_rank_sql[] =
	"SELECT h.active, h.number, h.name FROM household h WHERE h.id = ?1";
static const char case_rank_sql[] =
	"SELECT 1, k.number, k.short_description FROM cases k WHERE k.id = ?1";
static const char install_base_rank_sql[] =
	"SELECT i.state <> 'inactive', i.number, i.name, i.serial_number "
	"FROM install_base_item i WHERE i.id = ?1";
static const char sold_product_rank_sql[] =
	"SELECT s.active, s.number, p.name "
	"FROM sold_product s JOIN product p ON p.id = s.product_id WHERE s.id = ?1";

static const char account_sql[] =
	"SELECT a.active, a.number, a.name, COALESCE('part of ' || p.name, a.phone, ''), "
	"a.number, a.name, a.code, a.phone "
	"FROM account a LEFT JOIN account p ON p.id = a.parent_id WHERE a.id = ?1";
static const char contact_sql[] =
	"SELECT c.active, c.number, COALESCE(c.first_name || ' ', '') || c.last_name, a.name, "
	"c.number, COALESCE(c.first_name || ' ', '') || c.last_name, c.email, c.phone, c.mobile "
	"FROM contact c JOIN account a ON a.id = c.account_id WHERE c.id = ?1";
static const char consumer_sql[] =
	"SELECT c.active, c.number, "
	"COALESCE(c.prefix || ' ', '') || COALESCE(c.first_name || ' ', '') "
	"|| COALESCE(c.middle_name || ' ', '') || c.last_name || COALESCE(' ' || c.suffix, ''), "
	"COALESCE(c.email, c.mobile_phone, ''), c.number, "
	"COALESCE(c.first_name || ' ', '') || COALESCE(c.middle_name || ' ', '') || c.last_name "
	"|| COALESCE(' ' || c.suffix, ''), "
	"c.email, c.mobile_phone, c.home_phone, c.business_phone "
	"FROM consumer c WHERE c.id = ?1";
static const char household_sql[] =
	"SELECT h.active, h.number, h.name, "
	"COALESCE('head: ' || COALESCE(c.first_name || ' ', '') || c.last_name, ''), "
	"h.number, h.name "
	"FROM household h LEFT JOIN consumer c ON c.id = h.head_consumer_id WHERE h.id = ?1";
static const char case_sql[] =
	"SELECT 1, k.number, k.short_description, "
	"replace(k.state, '_', ' ') || COALESCE(' · ' || COALESCE(a.name, "
	"COALESCE(c.first_name || ' ', '') || c.last_name, so.name, u.name), ''), "
	"k.number, k.short_description "
	"FROM cases k LEFT JOIN account a ON a.id = k.account_id "
	"LEFT JOIN consumer c ON c.id = k.consumer_id "
	"LEFT JOIN service_organization so ON so.id = k.service_org_id "
	"LEFT JOIN user u ON u.id = k.requester_id WHERE k.id = ?1";
static const char install_base_sql[] =
	"SELECT i.state <> 'inactive', i.number, i.name, "
	"COALESCE(p.name, '') || CASE WHEN p.name IS NOT NULL AND l.name IS NOT NULL "
	"THEN ' · ' ELSE '' END || COALESCE(l.name, ''), "
	"i.number, i.name, i.serial_number "
	"FROM install_base_item i LEFT JOIN product p ON p.id = i.product_id "
	"LEFT JOIN location l ON l.id = i.location_id WHERE i.id = ?1";
static const char sold_product_sql[] =
	"SELECT s.active, s.number, p.name, "
	"COALESCE(a.name, COALESCE(c.first_name || ' ', '') || c.last_name, h.name, so.name, ''), "
	"s.number, p.name "
	"FROM sold_product s JOIN product p ON p.id = s.product_id "
	"LEFT JOIN account a ON a.id = s.account_id "
	"LEFT JOIN consumer c ON c.id = s.consumer_id "
	"LEFT JOIN household h ON h.id = s.household_id "
	"LEFT JOIN service_organization so ON so.id = s.service_org_id WHERE s.id = ?1";

static const struct kind_def kinds[SK_COUNT] = {
	[SK_ACCOUNT] = {"account", 4,
			{{"number", FC_NUMBER}, {"name", FC_NAME}, {"code", FC_NUMBER},
			 {"phone", FC_OTHER, true}},
			account_rank_sql, account_sql, SEEN_SQLS("account")},
	[SK_CONTACT] = {"contact", 5,
			{{"number", FC_NUMBER}, {"name", FC_NAME}, {"email", FC_OTHER},
			 {"phone", FC_OTHER, true}, {"mobile", FC_OTHER, true}},
			contact_rank_sql, contact_sql, SEEN_SQLS("contact")},
	[SK_CONSUMER] = {"consumer", 6,
			 {{"number", FC_NUMBER}, {"name", FC_NAME}, {"email", FC_OTHER},
			  {"mobile", FC_OTHER, true}, {"home_phone", FC_OTHER, true},
			  {"business_phone", FC_OTHER, true}},
			 consumer_rank_sql, consumer_sql, SEEN_SQLS("consumer")},
	[SK_HOUSEHOLD] = {"household", 2, {{"number", FC_NUMBER}, {"name", FC_NAME}},
			  household_rank_sql, household_sql, SEEN_SQLS("household")},
	[SK_CASE] = {"case", 2, {{"number", FC_NUMBER}, {"short_description", FC_NAME}},
		     case_rank_sql, case_sql, SEEN_SQLS("cases")},
	[SK_INSTALL_BASE] = {"install_base", 3,
			     {{"number", FC_NUMBER}, {"name", FC_NAME}, {"serial", FC_NUMBER}},
			     install_base_rank_sql, install_base_sql, SEEN_SQLS("install_base_item")},
	[SK_SOLD_PRODUCT] = {"sold_product", 2, {{"number", FC_NUMBER}, {"product", FC_NAME}},
			     sold_product_rank_sql, sold_product_sql, SEEN_SQLS("sold_product")},
};

const char *search_kind_name(enum search_kind k)
{
	return (unsigned)k < SK_COUNT ? kinds[k].name : "?";
}

int search_kind_parse(const char *s, enum search_kind *out)
{
	for (int k = 0; s && k < SK_COUNT; k++)
		if (strcmp(s, kinds[k].name) == 0) {
			*out = (enum search_kind)k;
			return 0;
		}
	return -1;
}

unsigned search_kinds_for_model(const char *model)
{
	const unsigned shared = SEARCH_KIND_BIT(SK_CASE) | SEARCH_KIND_BIT(SK_INSTALL_BASE)
		| SEARCH_KIND_BIT(SK_SOLD_PRODUCT);

	if (!model)
		return 0;
	if (strcmp(model, "b2b") == 0)
		return shared | SEARCH_KIND_BIT(SK_ACCOUNT) | SEARCH_KIND_BIT(SK_CONTACT);
	if (strcmp(model, "b2c") == 0)
		return shared | SEARCH_KIND_BIT(SK_CONSUMER) | SEARCH_KIND_BIT(SK_HOUSEHOLD);
	if (strcmp(model, "b2b2c") == 0)
		return SEARCH_ALL_KINDS;
	return 0;
}

void search_result_fini(struct search_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->hits[i].number);
		free(r->hits[i].title);
		free(r->hits[i].field);
		free(r->hits[i].matched);
		free(r->hits[i].detail);
	}
	free(r->hits);
	r->hits = NULL;
	r->n = 0;
}

/* ---- the typed text as an FTS5 query ---------------------------------- */

/* Decodes one UTF-8 sequence at s (never past a NUL); returns its length
 * and the code point in *cp (U+FFFD for a broken sequence). */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	size_t n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 1;

	if (n == 1) {
		*cp = s[0] < 0x80 ? s[0] : 0xfffd;
		return 1;
	}
	*cp = s[0] & (0x3f >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return n;
}

/* True when the tokenizer (unicode61) keeps cp in a token: ASCII letters
 * and digits, and every other character except the common punctuation and
 * symbol blocks.  A word of separators only would be an empty phrase, and
 * an empty phrase ANDed with the others matches nothing. */
static int token_char(unsigned cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	if (cp < 0xc0) /* Latin-1 punctuation; ª ² ³ µ ¹ º ¼ ½ ¾ are letters/numbers */
		return cp == 0xaa || cp == 0xb2 || cp == 0xb3 || cp == 0xb5 || cp == 0xb9
		       || cp == 0xba || (cp >= 0xbc && cp <= 0xbe);
	if (cp == 0xd7 || cp == 0xf7 || cp == 0xfffd)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 && cp <= 0x303f)
	    || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff0f)
	    || (cp >= 0xff1a && cp <= 0xff20) || cp >= 0x1f000)
		return 0;
	return 1;
}

/* The words of text (split at ASCII white space) that hold a token
 * character, at most MAX_CHUNKS; returns how many, filling start/len. */
static size_t split_words(const char *text, const char **start, size_t *len)
{
	size_t n = 0;
	const char *p = text;

	while (*p && n < MAX_CHUNKS) {
		const char *w;
		int has_token = 0;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'
		       || *p == '\v')
			p++;
		w = p;
		while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'
			       || *p == '\v')) {
			unsigned cp;
			p += utf8_decode((const unsigned char *)p, &cp);
			has_token |= token_char(cp);
		}
		if (has_token) {
			start[n] = w;
			len[n] = (size_t)(p - w);
			n++;
		}
	}
	return n;
}

/* Appends one word as an FTS5 string: double-quoted, quotes doubled, so
 * that every character is searched for and none is FTS5 syntax. */
static void add_quoted(struct strbuf *q, const char *w, size_t n, int prefix)
{
	strbuf_addc(q, '"');
	for (size_t i = 0; i < n; i++) {
		if (w[i] == '"')
			strbuf_addc(q, '"');
		strbuf_addc(q, w[i]);
	}
	strbuf_adds(q, prefix ? "\"* " : "\" ");
}

/* Appends to q the prefix phrase of digits d (n of them) OR-ed with what is
 * there, unless it is there already (the digit variants of a phone). */
static void add_digits(struct strbuf *q, const char *d, size_t n)
{
	struct strbuf one;

	strbuf_init(&one);
	add_quoted(&one, d, n, 1);
	if (q->len == 0 || !strstr(q->buf, one.buf)) {
		if (q->len > 0)
			strbuf_adds(q, "OR ");
		strbuf_adds(q, one.buf);
	}
	strbuf_fini(&one);
}

/* The digit variants of text that looks like a phone number (digits in
 * dbuf, n of them), OR-ed in q.  search_phone holds every digit suffix of
 * a phone (0006-search-exact.sql, 0007-search-functions.sql), so any variant finds
 * the numbers it is a part of: the digits as typed; without leading zeros
 * (a national trunk 0, "030 1234567" for +49 30 1234567, or the 00 of an
 * international number); and for an international number ("+49 ...",
 * "0049 ...", or 11 digits and more not starting with 0) also without a
 * country code of 1, 2 or 3 digits, to find the number stored in national
 * format ("+49 30 1234567" -> "301234567", a suffix of "0301234567"). */
static void add_phone_variants(struct strbuf *q, const char *text, const char *dbuf, size_t n)
{
	size_t zeros = strspn(dbuf, "0");
	const char *national = dbuf + zeros;
	size_t left = n - zeros;
	int intl;

	text += strspn(text, " \t\n\r\f\v");
	intl = *text == '+' || zeros >= 2 || (zeros == 0 && n >= 11);
	add_digits(q, dbuf, n);
	if (zeros > 0 && left >= 3)
		add_digits(q, national, left);
	for (size_t cc = 1; intl && cc <= 3 && cc + 4 <= left; cc++)
		add_digits(q, national + cc, left - cc);
}

/* How many bytes of word w (n bytes) the prefix query keeps: all of it,
 * unless its last token is longer than PREFIX_MAX characters.  FTS5 reads
 * a prefix without a prefix index of its length by merging the rows of
 * every term that starts with it, in full and once per kind: 4-6 ms per
 * kind for the 9th letter of a common name at a million records.  Such a
 * token is cut to PREFIX_MAX characters, and the lookup checks what it
 * finds against the whole word (collect()), reading rows in rowid order
 * until it has enough; only for words in Latin letters, which normalize()
 * folds as the tokenizer does. */
static char *normalize(const char *s);

static size_t prefix_keep(const char *w, size_t n)
{
	size_t i = 0, tok = 0, chars = 0, cut = n;

	while (i < n) {
		unsigned cp;
		size_t k = utf8_decode((const unsigned char *)w + i, &cp);

		if (cp >= 0x80 && !(cp >= 0xc0 && cp < 0x180 && cp != 0xd7 && cp != 0xf7))
			return n; /* not a Latin letter: as typed */
		if (!token_char(cp)) {
			tok = i + k;
			chars = 0;
		} else if (++chars == PREFIX_MAX) {
			cut = i + k;
		}
		i += k;
	}
	return chars > PREFIX_MAX && cut > tok ? cut : n;
}

/* Builds the four queries for text: exact (every word as a whole token),
 * prefix (every word a prefix; a long one cut, its normalized whole form
 * then added to check, one per line, and uncut the prefix query as typed),
 * phone (for text that is mostly digits,
 * such as a phone number in any format, its digit variants for
 * search_phone; else empty) and whole (the whole text as search_exact
 * holds values: without ASCII punctuation, spaces and control characters,
 * one token anchored at the start; empty when nothing is left).  Returns
 * the number of words; 0 means nothing to search for. */
static size_t build_queries(const char *text, struct strbuf *exact, struct strbuf *prefix,
			    struct strbuf *uncut, struct strbuf *check, struct strbuf *phone_q,
			    struct strbuf *whole)
{
	const char *start[MAX_CHUNKS];
	size_t len[MAX_CHUNKS], n, digits = 0, other = 0;
	int phone, has_token = 0;
	char dbuf[64];

	n = split_words(text, start, len);
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		add_quoted(exact, start[i], len[i], 0);
		for (size_t j = 0; j < len[i]; j++) {
			if (start[i][j] >= '0' && start[i][j] <= '9') {
				if (digits < sizeof dbuf - 1)
					dbuf[digits] = start[i][j];
				digits++;
				dbuf[digits < sizeof dbuf - 1 ? digits : sizeof dbuf - 1] = '\0';
			} else {
				other++;
			}
		}
	}
	phone = digits >= 3 && digits < sizeof dbuf && digits * 10 >= (digits + other) * 7;
	for (size_t i = 0; i < n; i++) {
		size_t keep = prefix_keep(start[i], len[i]);

		add_quoted(prefix, start[i], keep, 1);
		add_quoted(uncut, start[i], len[i], 1);
		if (keep < len[i]) {
			char *w = xmalloc(len[i] + 1), *nw;

			memcpy(w, start[i], len[i]);
			w[len[i]] = '\0';
			nw = normalize(w);
			strbuf_adds(check, nw);
			strbuf_addc(check, '\n');
			free(nw);
			free(w);
		}
	}
	if (phone)
		add_phone_variants(phone_q, text, dbuf, digits);

	strbuf_adds(whole, "^\"");
	for (const char *p = text; *p;) {
		unsigned cp;
		size_t k = utf8_decode((const unsigned char *)p, &cp);

		/* never a quote (ASCII punctuation) nor a broken sequence */
		if ((cp >= 0x80 && cp != 0xfffd) || token_char(cp)) {
			strbuf_add(whole, p, k);
			has_token |= token_char(cp);
		}
		p += k;
	}
	strbuf_addc(whole, '"');
	if (!has_token)
		strbuf_reset(whole);
	return n;
}

/* The base letters of U+00C0..U+017F, lower case, as the tokenizer
 * (remove_diacritics) folds them; '.' for a letter kept as it is. */
static const char latin_base[] =
	"aaaaaa.ceeeeiiii" ".nooooo..uuuuy.." "aaaaaa.ceeeeiiii" ".nooooo..uuuuy.y"
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "ii..jjkk.lllllll"
	"lllnnnnnn...oooo" "oo..rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
_Static_assert(sizeof latin_base == 0x180 - 0xc0 + 1, "one base letter per code point");

/* The comparable form of a value for "exact match": letters lowered and
 * Latin ones without their accents (as the index folds them, so that
 * "muller" and "MÜLLER" equal "Müller"), runs of ASCII punctuation and
 * space made one space, trimmed.  Owned. */
static char *normalize(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	int gap = 0;

	while (*s) {
		unsigned cp;
		size_t n = utf8_decode((const unsigned char *)s, &cp);

		if (cp < 0x80 && !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))) {
			gap = 1;
			s += n;
			continue;
		}
		if (gap && o > out)
			*o++ = ' ';
		gap = 0;
		if (cp < 0x80) {
			*o++ = (char)((cp >= 'A' && cp <= 'Z') ? cp | 0x20 : cp);
		} else if (cp >= 0xc0 && cp < 0x180 && latin_base[cp - 0xc0] != '.') {
			*o++ = latin_base[cp - 0xc0]; /* one byte for two or more */
		} else if (cp >= 0xc0 && cp <= 0xde && cp != 0xd7) {
			*o++ = (char)0xc3; /* Æ Ð Ø Þ: their lower case, also two bytes */
			*o++ = (char)(0x80 | ((cp + 0x20) & 0x3f));
		} else {
			memcpy(o, s, n);
			o += n;
		}
		s += n;
	}
	*o = '\0';
	return out;
}

/* ---- ranking ---------------------------------------------------------- */

/* One row of the index that matched. */
struct candidate {
	enum search_kind kind;  /* from the rowid */
	int64_t id;             /* record id */
	unsigned field;         /* field code */
	unsigned rank_class;    /* enum field_class, + FC_INACTIVE */
};

/* A hit being ranked: the public hit and its sort key. */
struct ranked {
	struct search_hit hit;  /* owned strings */
	int exact;              /* the whole value equals the text */
	int inactive;           /* the record is inactive */
	int cls;                /* FC_NUMBER/FC_NAME -> 0, FC_OTHER -> 1 */
	size_t value_len;       /* length of the matched value */
};

static int cmp_candidate(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->rank_class != y->rank_class)
		return x->rank_class < y->rank_class ? -1 : 1;
	return x->field < y->field ? -1 : x->field > y->field;
}

/* Negative when a ranks before b. */
static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->exact != y->exact)
		return y->exact - x->exact;
	if (x->inactive != y->inactive)
		return x->inactive - y->inactive;
	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (x->value_len != y->value_len)
		return x->value_len < y->value_len ? -1 : 1;
	if (x->hit.kind != y->hit.kind)
		return x->hit.kind < y->hit.kind ? -1 : 1;
	return x->hit.id < y->hit.id ? -1 : x->hit.id > y->hit.id;
}

/* True when normalized value nv holds each line of check (normalized
 * words) at the start of one of its words. */
static bool holds_words(const char *nv, const char *check)
{
	while (*check) {
		const char *eol = strchr(check, '\n');
		size_t len = (size_t)(eol - check);
		bool found = false;

		for (const char *p = nv; *p && !found; p++)
			found = (p == nv || p[-1] == ' ') && !strncmp(p, check, len);
		if (!found)
			return false;
		check = eol + 1;
	}
	return true;
}

/* Whether field f of record id of kind k holds check's words (see
 * holds_words()): 1 yes, 0 no (or the record is gone), -1 on error. */
static int row_holds(struct store *s, enum search_kind k, int64_t id, unsigned f,
		     const char *check, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, kinds[k].rank_sql, err);
	int rc, holds = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1 + (int)f);

		if (v && f < kinds[k].n_fields) {
			char *nv = normalize(v);
			holds = holds_words(nv, check);
			free(nv);
		}
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "checking a lookup hit");
	return holds;
}

/* Runs one FTS5 query over one kind's rowid range of index ix, appending at
 * most limit candidates (in rowid order: numbers, names, other fields,
 * inactive), of records the acting user sees.  With check (a cut prefix,
 * prefix_keep()), only rows whose value holds check's words count, read
 * until limit of them are found; returns 1 (nothing appended) when
 * CHECK_SCAN * limit rows were not enough, for the caller to run the uncut
 * query. */
static int collect(struct store *s, enum search_index ix, const char *query, const char *check,
		   enum search_kind kind, size_t limit, struct candidate **cands, size_t *n,
		   size_t *cap, struct csm_error *err)
{
	static const char *const sql[IX_COUNT] = {
		"SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 "
		"AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT ?4",
		"SELECT rowid FROM search_exact WHERE search_exact MATCH ?1 "
		"AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT ?4",
		"SELECT rowid FROM search_phone WHERE search_phone MATCH ?1 "
		"AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT ?4",
	};
	bool all = store_access_all(s);
	sqlite3_stmt *st = store_stmt(s, all ? sql[ix] : kinds[kind].seen_sql[ix], err);
	size_t first = *n, kept = 0, scanned = 0;
	int rc = SQLITE_DONE, status = 0;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)kind << ROWID_KIND_SHIFT);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(kind + 1) << ROWID_KIND_SHIFT);
	sqlite3_bind_int64(st, 4, check ? -1 : (sqlite3_int64)limit); /* -1: no limit */
	if (!all)
		sqlite3_bind_int64(st, 5, (sqlite3_int64)((UINT64_C(1) << ROWID_ID_BITS) - 1));
	while (kept < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t rowid = (uint64_t)sqlite3_column_int64(st, 0);
		int64_t id = (int64_t)(rowid & ((UINT64_C(1) << ROWID_ID_BITS) - 1));
		unsigned field = (unsigned)(rowid >> ROWID_FIELD_SHIFT) & 0xf;
		struct candidate *c;

		if (check) {
			int holds;

			if (++scanned > CHECK_SCAN * limit) {
				status = 1;
				break;
			}
			if ((holds = row_holds(s, kind, id, field, check, err)) < 0) {
				status = -1;
				break;
			}
			if (!holds)
				continue;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*cands = xrealloc(*cands, *cap * sizeof **cands);
		}
		c = &(*cands)[(*n)++];
		c->kind = kind;
		c->id = id;
		c->field = field;
		c->rank_class = (unsigned)(rowid >> ROWID_CLASS_SHIFT) & 0xf;
		kept++;
	}
	sqlite3_reset(st);
	if (status != 0) {
		*n = first;
		return status;
	}
	if (kept < limit && rc != SQLITE_DONE)
		return store_sqlerr(s, err, "looking up");
	return 0;
}

/* Ranks the best of a record's matched fields (cands[0..n), all of one
 * record) from its rank query: *out gets the sort key, kind, id, field and
 * matched value (owned), not yet what the hit shows (fill_detail()).
 * Returns 1 with *out filled, 0 when the record is gone (an index out of
 * step), -1 on error. */
static int rank_record(struct store *s, const struct candidate *cands, size_t n,
		       const char *norm_text, struct ranked *out, struct csm_error *err)
{
	const struct kind_def *kd = &kinds[cands[0].kind];
	sqlite3_stmt *st = store_stmt(s, kd->rank_sql, err);
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, cands[0].id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		for (size_t i = 0; i < n; i++) {
			const struct candidate *c = &cands[i];
			const unsigned char *v;
			struct ranked r = {0};
			enum field_class fc;

			if (c->field >= kd->n_fields)
				continue;
			v = sqlite3_column_text(st, 1 + (int)c->field);
			if (!v)
				continue;
			fc = kd->fields[c->field].class;
			r.inactive = !sqlite3_column_int(st, 0);
			r.cls = fc == FC_OTHER;
			r.value_len = strlen((const char *)v);
			if (fc != FC_OTHER) {
				char *nv = normalize((const char *)v);
				r.exact = strcmp(nv, norm_text) == 0;
				free(nv);
			}
			if (found && cmp_ranked(&r, out) >= 0)
				continue;
			if (found)
				free(out->hit.matched);
			r.hit.matched = xstrdup((const char *)v);
			r.hit.field = (char *)kd->fields[c->field].name;
			r.hit.kind = c->kind;
			r.hit.id = c->id;
			*out = r;
			found = 1;
		}
		if (found)
			out->hit.field = xstrdup(out->hit.field);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		if (found) {
			free(out->hit.matched);
			free(out->hit.field);
		}
		return store_sqlerr(s, err, "ranking a lookup hit");
	}
	return found;
}

/* Fills the number, title and detail of a ranked hit (owned) from its
 * kind's detail query; only the hits kept pay for its joins.  Returns 1,
 * 0 when the record is gone since it was ranked, -1 on error. */
static int fill_detail(struct store *s, struct search_hit *h, struct csm_error *err)
{
	sqlite3_stmt *st = store_stmt(s, kinds[h->kind].detail_sql, err);
	int rc, found = 0;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, h->id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->number = store_col_dup(st, 1);
		h->title = store_col_dup(st, 2);
		h->detail = store_col_dup(st, 3);
		found = 1;
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, err, "reading a lookup hit");
	return found;
}

/* True when records of kind k have phones (fields in search_phone). */
static bool has_phones(enum search_kind k)
{
	for (size_t f = 0; f < kinds[k].n_fields; f++)
		if (kinds[k].fields[f].phone)
			return true;
	return false;
}

int store_search(struct store *s, const char *text, unsigned kinds_mask, size_t limit,
		 struct search_result *out, struct csm_error *err)
{
	struct strbuf exact, prefix, uncut, check, phone, whole;
	struct candidate *cands = NULL;
	struct ranked *ranked = NULL;
	size_t n = 0, cap = 0, nr = 0;
	char *norm_text = NULL;
	int status = -1;

	out->hits = NULL;
	out->n = 0;
	if (limit == 0)
		return 0;
	strbuf_init(&exact);
	strbuf_init(&prefix);
	strbuf_init(&uncut);
	strbuf_init(&check);
	strbuf_init(&phone);
	strbuf_init(&whole);
	if (!text || build_queries(text, &exact, &prefix, &uncut, &check, &phone, &whole) == 0) {
		status = 0; /* nothing to search for */
		goto empty;
	}
	if (store_read_begin(s, err) < 0)
		goto out;
	for (int k = 0; k < SK_COUNT; k++) {
		if (!(kinds_mask & SEARCH_KIND_BIT(k)))
			continue;
		enum search_kind kind = (enum search_kind)k;

		int cut;

		if (collect(s, IX_WORDS, exact.buf, NULL, kind, limit, &cands, &n, &cap, err) < 0
		    || (cut = collect(s, IX_WORDS, prefix.buf, check.len > 0 ? check.buf : NULL,
				      kind, limit, &cands, &n, &cap, err)) < 0
		    || (cut > 0
			&& collect(s, IX_WORDS, uncut.buf, NULL, kind, limit, &cands, &n, &cap,
				   err) < 0)
		    || (phone.len > 0 && has_phones(kind)
			&& collect(s, IX_PHONE, phone.buf, NULL, kind, limit, &cands, &n, &cap,
				   err) < 0)
		    || (whole.len > 0
			&& collect(s, IX_EXACT, whole.buf, NULL, kind, limit, &cands, &n, &cap,
				   err) < 0))
			goto out;
	}

	/* One hit per record: the best of its matched fields. */
	if (n) /* qsort(NULL, 0, ...) is undefined (found by tests/fuzz) */
		qsort(cands, n, sizeof *cands, cmp_candidate);
	norm_text = normalize(text);
	ranked = xcalloc(n ? n : 1, sizeof *ranked);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		int rc;

		while (j < n && cands[j].kind == cands[i].kind && cands[j].id == cands[i].id)
			j++;
		rc = rank_record(s, cands + i, j - i, norm_text, &ranked[nr], err);
		if (rc < 0)
			goto out;
		nr += (size_t)rc;
		i = j;
	}
	qsort(ranked, nr, sizeof *ranked, cmp_ranked);
	/* What the first `limit` hits show; a record gone since it was ranked
	 * gives its place to the next one. */
	out->hits = xcalloc(nr < limit ? (nr ? nr : 1) : limit, sizeof *out->hits);
	for (size_t i = 0; i < nr && out->n < limit; i++) {
		struct search_hit *h = &ranked[i].hit;
		int rc = fill_detail(s, h, err);

		if (rc < 0) {
			search_result_fini(out);
			goto out;
		}
		if (rc == 0) {
			free(h->number);
			free(h->title);
			free(h->detail);
			free(h->field);
			free(h->matched);
			*h = (struct search_hit){0};
			continue;
		}
		out->hits[out->n++] = *h;
		*h = (struct search_hit){0};
	}
	for (size_t i = 0; i < nr; i++) {
		struct search_hit *h = &ranked[i].hit;
		free(h->number);
		free(h->title);
		free(h->field);
		free(h->matched);
		free(h->detail);
	}
	nr = 0;
	status = 0;
out:
	if (status < 0) {
		for (size_t i = 0; i < nr; i++) {
			struct search_hit *h = &ranked[i].hit;
			free(h->number);
			free(h->title);
			free(h->field);
			free(h->matched);
			free(h->detail);
		}
	}
	store_read_end(s);
empty:
	free(ranked);
	free(cands);
	free(norm_text);
	strbuf_fini(&exact);
	strbuf_fini(&prefix);
	strbuf_fini(&uncut);
	strbuf_fini(&check);
	strbuf_fini(&phone);
	strbuf_fini(&whole);
	return status;
}

/* ---- SQL functions of the search views ---------------------------------- */

/* True for what the exact values leave out (0006-search-exact.sql): ASCII
 * punctuation, space, tab, CR and LF. */
static bool squashed(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
	       || (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40)
	       || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
}

/* Writes in without what squashed() leaves out to out (room for strlen(in)
 * + 1) and returns its length. */
static size_t squash(const char *in, char *out)
{
	size_t n = 0;

	for (; *in; in++)
		if (!squashed((unsigned char)*in))
			out[n++] = *in;
	out[n] = '\0';
	return n;
}

void store_fn_squash(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *in = (const char *)sqlite3_value_text(argv[0]);
	char *out;
	size_t n;

	(void)argc;
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	out = xmalloc((size_t)sqlite3_value_bytes(argv[0]) + 1);
	n = squash(in, out);
	sqlite3_result_text(ctx, out, (int)n, free);
}

void store_fn_phone_keys(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const unsigned char *in = sqlite3_value_text(argv[0]);
	char *digits, *out;
	size_t n = 0, o;

	(void)argc;
	if (!in) {
		sqlite3_result_null(ctx);
		return;
	}
	digits = xmalloc((size_t)sqlite3_value_bytes(argv[0]) + 1);
	for (; *in; in++)
		if (*in >= '0' && *in <= '9')
			digits[n++] = (char)*in;
	/* the digits, then ' ' and each suffix of 4..15 digits shorter than them */
	out = xmalloc(n + 1 + 12 * 16);
	memcpy(out, digits, n);
	o = n;
	for (size_t len = PHONE_SUFFIX_MIN; len <= PHONE_SUFFIX_MAX && len < n; len++) {
		out[o++] = ' ';
		memcpy(out + o, digits + n - len, len);
		o += len;
	}
	free(digits);
	sqlite3_result_text(ctx, out, (int)o, free);
}

/* ---- maintenance ------------------------------------------------------ */

/* The statements of one index's rebuild. */
struct rebuild_sql {
	const char *clear;     /* empties the index */
	const char *automerge; /* ?1: how many segments FTS5 merges at a time (0: none) */
	const char *fill;      /* indexes the rows of kind ?1, field ?2, inactive ?3 */
	const char *optimize;  /* merges the index into one segment */
};

/* True when field fd (code f) is in index ix: search_exact holds the names
 * and the number-like fields but the record number (0006-search-exact.sql),
 * search_phone the phones, search_fts every other field. */
static bool in_index(int ix, const struct field_def *fd, size_t f)
{
	if (ix == IX_EXACT)
		return f != 0 && fd->class != FC_OTHER;
	return fd->phone == (ix == IX_PHONE);
}

/* One arm of a kind in an index: the rows of one field, active or not. */
struct arm {
	int field;
	int inactive;
};

/* The arms of kind k in index ix, in ascending rowid order (kind, rank
 * class, field, id), so that FTS5 appends instead of flushing on every
 * step back; fills arm (2 * MAX_FIELDS entries) and returns how many. */
static size_t arms_of(int ix, int k, struct arm *arm)
{
	size_t n = 0;

	for (int inactive = 0; inactive <= 1; inactive++)
		for (int fc = FC_NUMBER; fc <= FC_OTHER; fc++)
			for (size_t f = 0; f < kinds[k].n_fields; f++)
				if (kinds[k].fields[f].class == (enum field_class)fc
				    && in_index(ix, &kinds[k].fields[f], f))
					arm[n++] = (struct arm){(int)f, inactive};
	return n;
}

int store_search_rebuild(struct store *s, struct csm_error *err)
{
	static const struct rebuild_sql ix_sql[IX_COUNT] = {
		[IX_WORDS] = {
			"INSERT INTO main.search_fts(search_fts) VALUES ('delete-all')",
			"INSERT INTO main.search_fts(search_fts, rank) VALUES ('automerge', ?1)",
			"INSERT INTO main.search_fts(rowid, value) SELECT rid, value FROM search_source "
			"WHERE kind = ?1 AND field = ?2 AND inactive = ?3",
			"INSERT INTO main.search_fts(search_fts) VALUES ('optimize')",
		},
		[IX_EXACT] = {
			"INSERT INTO main.search_exact(search_exact) VALUES ('delete-all')",
			"INSERT INTO main.search_exact(search_exact, rank) VALUES ('automerge', ?1)",
			"INSERT INTO main.search_exact(rowid, value) SELECT rid, value "
			"FROM search_exact_source WHERE kind = ?1 AND field = ?2 AND inactive = ?3",
			"INSERT INTO main.search_exact(search_exact) VALUES ('optimize')",
		},
		[IX_PHONE] = {
			"INSERT INTO main.search_phone(search_phone) VALUES ('delete-all')",
			"INSERT INTO main.search_phone(search_phone, rank) VALUES ('automerge', ?1)",
			"INSERT INTO main.search_phone(rowid, value) SELECT rid, value "
			"FROM search_phone_source WHERE kind = ?1 AND field = ?2 AND inactive = ?3",
			"INSERT INTO main.search_phone(search_phone) VALUES ('optimize')",
		},
	};
	sqlite3_stmt *st;

	if (store_begin(s, err) < 0)
		return -1;
	for (int ix = 0; ix < IX_COUNT; ix++) {
		const struct rebuild_sql *q = &ix_sql[ix];

		if (!(st = store_stmt(s, q->clear, err))
		    || store_exec_stmt(s, st, err, "clearing the search index") < 0
		    || !(st = store_stmt(s, q->automerge, err)))
			goto fail;
		/* No merging while filling: one 'optimize' at the end is cheaper. */
		sqlite3_bind_int(st, 1, 0);
		if (store_exec_stmt(s, st, err, "rebuilding the search index") < 0)
			goto fail;
		for (int k = 0; k < SK_COUNT; k++) {
			struct arm arm[2 * MAX_FIELDS];
			size_t n = arms_of(ix, k, arm);

			for (size_t a = 0; a < n; a++) {
				if (!(st = store_stmt(s, q->fill, err)))
					goto fail;
				sqlite3_bind_int(st, 1, k);
				sqlite3_bind_int(st, 2, arm[a].field);
				sqlite3_bind_int(st, 3, arm[a].inactive);
				if (store_exec_stmt(s, st, err, "rebuilding the search index") < 0)
					goto fail;
			}
		}
		if (!(st = store_stmt(s, q->automerge, err)))
			goto fail;
		sqlite3_bind_int(st, 1, 4); /* FTS5's default */
		if (store_exec_stmt(s, st, err, "rebuilding the search index") < 0
		    || !(st = store_stmt(s, q->optimize, err))
		    || store_exec_stmt(s, st, err, "optimizing the search index") < 0)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int store_search_check(struct store *s, struct csm_error *err)
{
	static const char *const sql[IX_COUNT] = {
		"INSERT INTO main.search_fts(search_fts, rank) VALUES ('integrity-check', 1)",
		"INSERT INTO main.search_exact(search_exact, rank) VALUES ('integrity-check', 1)",
		"INSERT INTO main.search_phone(search_phone, rank) VALUES ('integrity-check', 1)",
	};

	for (int ix = 0; ix < IX_COUNT; ix++) {
		sqlite3_stmt *st = store_stmt(s, sql[ix], err);
		int rc;

		if (!st)
			return -1;
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if ((rc & 0xff) == SQLITE_CORRUPT)
			return csm_error_set(err, CSM_EX_DATAERR,
					     "the search index is out of step with the tables; "
					     "rebuild it");
		if (rc != SQLITE_DONE)
			return store_sqlerr(s, err, "checking the search index");
	}
	return 0;
}

/* ---- building the indexes beside a bulk load ----------------------------- */

/* Filling FTS5 is most of a big seed's time, and it needs only the values.
 * So while the seed goes on loading, two more threads fill the indexes,
 * each in a scratch database of its own: one search_fts and search_exact,
 * the other search_phone (about as much work), in FTS5 tables made
 * from the same CREATE statements.  The seed's connection reads the rows of
 * the search views and hands them over in batches.  At the end the index
 * rows (the %_data, %_idx and %_config tables FTS5 keeps an index in) are
 * copied into the real tables, which are made anew first, so that no FTS5
 * state cached on this connection outlives the copy.  The scratch files are
 * made beside the database (where there is room for it) and unlinked once
 * open, so that nothing is left behind even when csm is killed. */

#define BUILD_BATCH 4096 /* rows per batch handed over */
/* Batches waiting at most per thread, about 200 MB: the builders lag
 * behind the load (they have more to do), and the seed goes on to make the
 * other indexes meanwhile instead of waiting for them; this bounds the
 * memory that takes. */
#define BUILD_QUEUE 1024
#define BUILD_THREADS 2
#define BUILD_NICE 10 /* the builder threads' nice value (Linux) */

/* Rows of the search views on their way to a builder thread. */
struct build_batch {
	struct build_batch *next;
	size_t n;
	unsigned char ix[BUILD_BATCH];  /* enum search_index */
	sqlite3_int64 rowid[BUILD_BATCH];
	size_t off[BUILD_BATCH];        /* where each value starts in text */
	struct strbuf text;             /* the values, each NUL-terminated */
};

/* One builder thread and what it fills. */
struct build_worker {
	sqlite3 *db;             /* the thread's connection on path */
	char *path;              /* owned: its scratch database (for messages) */
	bool linked;             /* path still names it */
	unsigned ix_mask;        /* the indexes it fills (1 << enum search_index) */
	pthread_t thread;
	bool running;            /* started and not joined */
	pthread_mutex_t mu;      /* guards the queue and closed */
	pthread_cond_t cv;
	struct build_batch *head, *tail;
	size_t queued;
	bool closed;             /* no more batches come */
	bool abandoned;          /* ...and the indexes are not wanted (a failed seed) */
	struct build_batch *fill; /* the batch being filled (seed's thread) */
	int rc;                  /* the thread's SQLite result (read after the join) */
	char *errmsg;            /* owned: its message */
	struct search_build *owner; /* the build it works for */
	bool ended;              /* the thread is done (guarded by owner->mu) */
};

struct search_build {
	struct store *s;
	struct build_worker w[BUILD_THREADS];
	sqlite3_int64 handed[SK_COUNT]; /* per kind: the highest record id handed over */
	pthread_mutex_t mu;             /* guards the workers' ended */
	pthread_cond_t cv;              /* signalled when a worker ends */
};

/* Which thread fills index ix: about as much work each (search_fts has
 * more rows, search_phone more tokens per row). */
static const int build_thread_of[IX_COUNT] = {[IX_WORDS] = 0, [IX_EXACT] = 0, [IX_PHONE] = 1};

/* The names of one index's tables. */
static const struct {
	const char *name, *insert, *automerge, *optimize;
	const char *copy_from[3], *clear[3], *copy_to[3];
} build_ix[IX_COUNT] = {
	[IX_WORDS] = {
		"search_fts",
		"INSERT INTO search_fts(rowid, value) VALUES (?1, ?2)",
		"INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', ?1)",
		"INSERT INTO search_fts(search_fts) VALUES ('optimize')",
		{"SELECT id, block FROM search_fts_data", "SELECT segid, term, pgno FROM search_fts_idx",
		 "SELECT k, v FROM search_fts_config"},
		{"DELETE FROM main.search_fts_data", "DELETE FROM main.search_fts_idx",
		 "DELETE FROM main.search_fts_config"},
		{"INSERT INTO main.search_fts_data(id, block) VALUES (?1, ?2)",
		 "INSERT INTO main.search_fts_idx(segid, term, pgno) VALUES (?1, ?2, ?3)",
		 "INSERT INTO main.search_fts_config(k, v) VALUES (?1, ?2)"},
	},
	[IX_EXACT] = {
		"search_exact",
		"INSERT INTO search_exact(rowid, value) VALUES (?1, ?2)",
		"INSERT INTO search_exact(search_exact, rank) VALUES ('automerge', ?1)",
		"INSERT INTO search_exact(search_exact) VALUES ('optimize')",
		{"SELECT id, block FROM search_exact_data",
		 "SELECT segid, term, pgno FROM search_exact_idx", "SELECT k, v FROM search_exact_config"},
		{"DELETE FROM main.search_exact_data", "DELETE FROM main.search_exact_idx",
		 "DELETE FROM main.search_exact_config"},
		{"INSERT INTO main.search_exact_data(id, block) VALUES (?1, ?2)",
		 "INSERT INTO main.search_exact_idx(segid, term, pgno) VALUES (?1, ?2, ?3)",
		 "INSERT INTO main.search_exact_config(k, v) VALUES (?1, ?2)"},
	},
	[IX_PHONE] = {
		"search_phone",
		"INSERT INTO search_phone(rowid, value) VALUES (?1, ?2)",
		"INSERT INTO search_phone(search_phone, rank) VALUES ('automerge', ?1)",
		"INSERT INTO search_phone(search_phone) VALUES ('optimize')",
		{"SELECT id, block FROM search_phone_data",
		 "SELECT segid, term, pgno FROM search_phone_idx", "SELECT k, v FROM search_phone_config"},
		{"DELETE FROM main.search_phone_data", "DELETE FROM main.search_phone_idx",
		 "DELETE FROM main.search_phone_config"},
		{"INSERT INTO main.search_phone_data(id, block) VALUES (?1, ?2)",
		 "INSERT INTO main.search_phone_idx(segid, term, pgno) VALUES (?1, ?2, ?3)",
		 "INSERT INTO main.search_phone_config(k, v) VALUES (?1, ?2)"},
	},
};

/* The builder's own statements: prepared, run once, finalized (its
 * connection is not the store's, so store_stmt() is not for it). */
static int build_run(sqlite3 *db, const char *sql, int bind)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	if (bind >= 0)
		sqlite3_bind_int(st, 1, bind);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void batch_free(struct build_batch *b)
{
	if (b) {
		strbuf_fini(&b->text);
		free(b);
	}
}

/* A builder's work: inserts every batch, then merges each of its indexes
 * into one segment, all in one transaction. */
static void build_work(struct build_worker *b)
{
	sqlite3_stmt *ins[IX_COUNT] = {0};
	bool abandoned = false;
	int rc = build_run(b->db, "BEGIN", -1);

	for (int ix = 0; ix < IX_COUNT && rc == SQLITE_OK; ix++)
		if ((b->ix_mask & (1u << ix))
		    && (rc = build_run(b->db, build_ix[ix].automerge, 0)) == SQLITE_OK)
			rc = sqlite3_prepare_v2(b->db, build_ix[ix].insert, -1, &ins[ix], NULL);
	for (;;) {
		struct build_batch *batch;

		pthread_mutex_lock(&b->mu);
		while (!b->head && !b->closed)
			pthread_cond_wait(&b->cv, &b->mu);
		batch = b->head;
		if (batch) {
			b->head = batch->next;
			if (!b->head)
				b->tail = NULL;
			b->queued--;
			pthread_cond_broadcast(&b->cv); /* room for the seed's next batch */
		} else {
			abandoned = b->abandoned;
		}
		pthread_mutex_unlock(&b->mu);
		if (!batch)
			break;
		/* After a failure the batches are only drained: the seed learns
		 * of it at store_search_build_finish(). */
		for (size_t i = 0; i < batch->n && rc == SQLITE_OK; i++) {
			sqlite3_stmt *st = ins[batch->ix[i]];

			sqlite3_bind_int64(st, 1, batch->rowid[i]);
			sqlite3_bind_text(st, 2, batch->text.buf + batch->off[i], -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			rc = rc == SQLITE_DONE ? sqlite3_reset(st) : rc;
		}
		batch_free(batch);
	}
	for (int ix = 0; ix < IX_COUNT; ix++)
		sqlite3_finalize(ins[ix]);
	if (abandoned)
		return;
	for (int ix = 0; ix < IX_COUNT && rc == SQLITE_OK; ix++)
		if ((b->ix_mask & (1u << ix))
		    && (rc = build_run(b->db, build_ix[ix].automerge, 4)) == SQLITE_OK) /* FTS5's default */
			rc = build_run(b->db, build_ix[ix].optimize, -1);
	if (rc == SQLITE_OK)
		rc = build_run(b->db, "COMMIT", -1);
	if (rc != SQLITE_OK) {
		b->errmsg = xstrdup(sqlite3_errmsg(b->db));
		b->rc = rc;
	}
}

static void *build_thread(void *arg)
{
	struct build_worker *b = arg;

#ifdef __linux__
	/* Linux gives each thread a nice value of its own.  The builders yield
	 * to the load: it then runs on a core of its own and hands over more
	 * sooner, and what they have left at its end keeps both cores busy
	 * instead of one waiting for the other. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), BUILD_NICE);
#endif
	build_work(b);
	pthread_mutex_lock(&b->owner->mu);
	b->ended = true;
	pthread_cond_broadcast(&b->owner->cv);
	pthread_mutex_unlock(&b->owner->mu);
	return NULL;
}

/* Hands the batch being filled to its thread, waiting while the queue is
 * full. */
static void build_push(struct build_worker *b)
{
	struct build_batch *batch = b->fill;

	b->fill = NULL;
	if (!batch || batch->n == 0) {
		batch_free(batch);
		return;
	}
	pthread_mutex_lock(&b->mu);
	while (b->queued >= BUILD_QUEUE)
		pthread_cond_wait(&b->cv, &b->mu);
	if (b->tail)
		b->tail->next = batch;
	else
		b->head = batch;
	b->tail = batch;
	b->queued++;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

static void build_add(struct search_build *sb, int ix, sqlite3_int64 rowid, const char *value)
{
	struct build_worker *b = &sb->w[build_thread_of[ix]];
	struct build_batch *batch = b->fill;

	if (!batch) {
		batch = b->fill = xcalloc(1, sizeof *batch);
		strbuf_init(&batch->text);
	}
	batch->ix[batch->n] = (unsigned char)ix;
	batch->rowid[batch->n] = rowid;
	batch->off[batch->n] = batch->text.len;
	strbuf_adds(&batch->text, value);
	strbuf_addc(&batch->text, '\0');
	if (++batch->n == BUILD_BATCH)
		build_push(b);
}

/* Tells a builder thread (when running) that no more batches come: it
 * finishes its indexes, or only stops when they are abandoned. */
static void build_close(struct build_worker *b, bool abandon)
{
	if (!b->running)
		return;
	build_push(b);
	pthread_mutex_lock(&b->mu);
	b->closed = true;
	b->abandoned |= abandon;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

/* Closes a builder thread and waits for it to end. */
static void build_stop(struct build_worker *b, bool abandon)
{
	if (!b->running)
		return;
	build_close(b, abandon);
	pthread_join(b->thread, NULL);
	b->running = false;
}

static void worker_fini(struct build_worker *b)
{
	build_stop(b, true);
	sqlite3_close(b->db);
	if (b->linked)
		unlink(b->path);
	free(b->path);
	free(b->errmsg);
	pthread_cond_destroy(&b->cv);
	pthread_mutex_destroy(&b->mu);
}

void store_search_build_free(struct search_build *sb)
{
	if (!sb)
		return;
	for (int t = 0; t < BUILD_THREADS; t++)
		worker_fini(&sb->w[t]);
	pthread_cond_destroy(&sb->cv);
	pthread_mutex_destroy(&sb->mu);
	free(sb);
}

/* The statement that made index ix in the store (owned), or NULL with err
 * set. */
static char *index_sql_dup(struct store *s, int ix, struct csm_error *err)
{
	static const char sql[] = "SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, err);
	char *create = NULL;
	int rc;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, build_ix[ix].name, -1, SQLITE_STATIC);
	rc = store_step_row(s, st, err, "reading the search index's definition");
	if (rc == 1)
		create = store_col_dup(st, 0);
	sqlite3_reset(st);
	if (rc == 0)
		csm_error_set(err, CSM_EX_SOFTWARE, "no table %s", build_ix[ix].name);
	return create;
}

/* Opens a builder thread's scratch database beside the store's file db and
 * makes its indexes there from the statements that made them in the
 * store; 0 or -1 with err set. */
static int worker_open(struct store *s, struct build_worker *b, const char *db,
		       struct csm_error *err)
{
	int fd;

	b->path = xmalloc(strlen(db) + sizeof ".search-XXXXXX");
	sprintf(b->path, "%s.search-XXXXXX", db);
	if ((fd = mkstemp(b->path)) < 0) {
		csm_error_set(err, CSM_EX_CANTCREAT, "%s: %s", b->path, strerror(errno));
		free(b->path);
		b->path = NULL;
		return -1;
	}
	close(fd);
	b->linked = true;
	/* A scratch file: nothing to recover after a crash, so no journal. */
	if (sqlite3_open_v2(b->path, &b->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
		    != SQLITE_OK
	    || sqlite3_exec(b->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
			    "PRAGMA secure_delete = OFF; PRAGMA cache_size = -262144",
			    NULL, NULL, NULL) != SQLITE_OK)
		return csm_error_set(err, CSM_EX_CANTCREAT, "%s: %s", b->path,
				     b->db ? sqlite3_errmsg(b->db) : "out of memory");
	for (int ix = 0; ix < IX_COUNT; ix++) {
		char *create;
		int rc;

		if (!(b->ix_mask & (1u << ix)))
			continue;
		if (!(create = index_sql_dup(s, ix, err)))
			return -1;
		/* DDL from the schema itself: no user value in it */
		rc = sqlite3_exec(b->db, create, NULL, NULL, NULL);
		free(create);
		if (rc != SQLITE_OK)
			return csm_error_set(err, CSM_EX_CANTCREAT, "%s: %s", b->path,
					     sqlite3_errmsg(b->db));
	}
	/* Only this connection uses the file from here on: it keeps it open. */
	unlink(b->path);
	b->linked = false;
	return 0;
}

int store_search_build_start(struct store *s, struct search_build **out, struct csm_error *err)
{
	const char *db = store_path(s);
	struct search_build *sb;

	*out = NULL;
	if (!db || !*db || !strcmp(db, ":memory:") || !strncmp(db, "file:", 5))
		return 0; /* no directory to put the scratch files in */
	sb = xcalloc(1, sizeof *sb);
	sb->s = s;
	pthread_mutex_init(&sb->mu, NULL);
	pthread_cond_init(&sb->cv, NULL);
	for (int t = 0; t < BUILD_THREADS; t++) {
		pthread_mutex_init(&sb->w[t].mu, NULL);
		pthread_cond_init(&sb->w[t].cv, NULL);
		sb->w[t].owner = sb;
	}
	for (int ix = 0; ix < IX_COUNT; ix++)
		sb->w[build_thread_of[ix]].ix_mask |= 1u << ix;
	for (int t = 0; t < BUILD_THREADS; t++) {
		struct build_worker *b = &sb->w[t];
		int e;

		if (worker_open(s, b, db, err) < 0)
			goto fail;
		if ((e = pthread_create(&b->thread, NULL, build_thread, b)) != 0) {
			csm_error_set(err, CSM_EX_SOFTWARE, "starting the search index builder: %s",
				      strerror(e));
			goto fail;
		}
		b->running = true;
	}
	*out = sb;
	return 0;
fail:
	store_search_build_free(sb);
	return -1;
}

int store_search_build_kind(struct search_build *sb, enum search_kind k, struct csm_error *err)
{
	/* rec_id is pushed down to a range of each arm's table rowids */
	static const char *const read_sql[IX_COUNT] = {
		"SELECT rid, value, rec_id FROM search_source"
		" WHERE kind = ?1 AND field = ?2 AND inactive = ?3 AND rec_id > ?4",
		NULL, /* from search_source's rows, as search_exact_source does */
		"SELECT rid, value, rec_id FROM search_phone_source"
		" WHERE kind = ?1 AND field = ?2 AND inactive = ?3 AND rec_id > ?4",
	};
	char *exact = NULL; /* a value as search_exact holds it */
	size_t exact_cap = 0;
	sqlite3_int64 last = sb->handed[k];
	int status = 0;

	for (int ix = 0; ix < IX_COUNT && status == 0; ix++) {
		struct arm arm[2 * MAX_FIELDS];
		size_t n = read_sql[ix] ? arms_of(ix, (int)k, arm) : 0;

		for (size_t a = 0; a < n && status == 0; a++) {
			sqlite3_stmt *st = store_stmt(sb->s, read_sql[ix], err);
			bool also_exact = ix == IX_WORDS
				&& in_index(IX_EXACT, &kinds[k].fields[arm[a].field], (size_t)arm[a].field);
			int rc;

			if (!st) {
				status = -1;
				break;
			}
			sqlite3_bind_int(st, 1, (int)k);
			sqlite3_bind_int(st, 2, arm[a].field);
			sqlite3_bind_int(st, 3, arm[a].inactive);
			sqlite3_bind_int64(st, 4, sb->handed[k]);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				const char *v = (const char *)sqlite3_column_text(st, 1);
				sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
				sqlite3_int64 id = sqlite3_column_int64(st, 2);

				if (id > last)
					last = id;

				build_add(sb, ix, rowid, v ? v : "");
				if (also_exact && v) { /* the same arm in search_exact */
					size_t need = strlen(v) + 1;

					if (need > exact_cap)
						exact = xrealloc(exact, exact_cap = need);
					squash(v, exact);
					build_add(sb, IX_EXACT, rowid, exact);
				}
			}
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
				status = store_sqlerr(sb->s, err, "reading values for the search index");
		}
	}
	free(exact);
	if (status == 0)
		sb->handed[k] = last;
	return status;
}

void store_search_build_close(struct search_build *sb)
{
	for (int t = 0; sb && t < BUILD_THREADS; t++)
		build_close(&sb->w[t], false);
}

/* Copies the rows of one index table from a builder's database into the
 * store's (columns: 2 or 3). */
static int build_copy(struct store *s, struct build_worker *b, const char *from, const char *to,
		      int columns, struct csm_error *err)
{
	sqlite3_stmt *src, *dst;
	int rc;

	if (sqlite3_prepare_v2(b->db, from, -1, &src, NULL) != SQLITE_OK)
		return csm_error_set(err, CSM_EX_IOERR, "%s: %s", b->path, sqlite3_errmsg(b->db));
	while ((rc = sqlite3_step(src)) == SQLITE_ROW) {
		if (!(dst = store_stmt(s, to, err))) {
			sqlite3_finalize(src);
			return -1;
		}
		for (int c = 0; c < columns; c++)
			sqlite3_bind_value(dst, c + 1, sqlite3_column_value(src, c));
		if (store_exec_stmt(s, dst, err, "copying the search index") < 0) {
			sqlite3_finalize(src);
			return -1;
		}
	}
	sqlite3_finalize(src);
	if (rc != SQLITE_DONE)
		return csm_error_set(err, CSM_EX_IOERR, "%s: %s", b->path, sqlite3_errmsg(b->db));
	return 0;
}

/* Waits for a builder that has ended and is not yet done[]; returns it. */
static int build_ended(struct search_build *sb, const bool done[BUILD_THREADS])
{
	int t = -1;

	pthread_mutex_lock(&sb->mu);
	for (;;) {
		for (t = 0; t < BUILD_THREADS; t++)
			if (!done[t] && (sb->w[t].ended || !sb->w[t].running))
				break;
		if (t < BUILD_THREADS)
			break;
		pthread_cond_wait(&sb->cv, &sb->mu);
	}
	pthread_mutex_unlock(&sb->mu);
	return t;
}

/* Puts index ix, as builder b made it, in place of the store's. */
static int build_put(struct search_build *sb, struct build_worker *b, int ix,
		     struct csm_error *err)
{
	static const char *const drop_sql[IX_COUNT] = {
		"DROP TABLE main.search_fts", "DROP TABLE main.search_exact",
		"DROP TABLE main.search_phone",
	};
	static const int columns[3] = {2, 3, 2};
	char *create = index_sql_dup(sb->s, ix, err);
	int failed;

	if (!create)
		return -1;
	/* Made anew, so that this connection reads the copied index rather
	 * than what it may have cached of the old one. */
	failed = store_exec_script(sb->s, drop_sql[ix], err) < 0
		 || store_exec_script(sb->s, create, err) < 0;
	free(create);
	if (failed)
		return -1;
	for (int t = 0; t < 3; t++) {
		sqlite3_stmt *st = store_stmt(sb->s, build_ix[ix].clear[t], err);

		if (!st || store_exec_stmt(sb->s, st, err, "copying the search index") < 0
		    || build_copy(sb->s, b, build_ix[ix].copy_from[t], build_ix[ix].copy_to[t],
				  columns[t], err) < 0)
			return -1;
	}
	return 0;
}

int store_search_build_finish(struct search_build *sb, struct csm_error *err)
{
	bool done[BUILD_THREADS] = {false};

	store_search_build_close(sb);
	/* Each builder's indexes as soon as it ends: the other may still be
	 * merging its own meanwhile. */
	for (int n = 0; n < BUILD_THREADS; n++) {
		int t = build_ended(sb, done);
		struct build_worker *b = &sb->w[t];

		done[t] = true;
		build_stop(b, false);
		if (b->rc != SQLITE_OK)
			return csm_error_set(err, CSM_EX_IOERR, "building the search index in %s: %s",
					     b->path, b->errmsg ? b->errmsg : sqlite3_errstr(b->rc));
		for (int ix = 0; ix < IX_COUNT; ix++)
			if (build_thread_of[ix] == t && build_put(sb, b, ix, err) < 0)
				return -1;
	}
	return 0;
}
