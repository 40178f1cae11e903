/* search.c - the universal lookup over the FTS5 indexes of 0003-search.sql
 * and 0006-search-exact.sql.
 *
 * search_fts holds one row per indexed field of a record; its rowid says
 * which kind, record, field and rank class the row is (see the migrations).
 * A lookup runs, for each kind asked for, two small queries in rowid order
 * (tokens as typed, then tokens as prefixes) that stop after `limit` rows,
 * so its cost does not grow with the number of matching rows.  Those rows
 * can miss a name that equals the text when more than `limit` longer names
 * hold its words, so a third query per kind probes search_exact, which
 * holds each name, code and serial number as one token: the exact matches,
 * whatever their id.  The candidates are then ranked here:
 *   1. exact matches of a number or name (the whole value equals the text),
 *   2. then active records before inactive ones,
 *   3. then prefix matches of numbers and names before other fields,
 *   4. then the shorter matched value (what bm25 would prefer for one-term
 *      field documents; bm25() itself is not used because it counts every
 *      match of every phrase, which costs tens of milliseconds on a prefix
 *      like "a" over millions of rows), then kind and record id.
 * "42" finds CS0000042: numbers are also indexed by their digits without
 * leading zeros.  Phones are indexed by every digit suffix of 4 digits or
 * more, so typed digits match anywhere in a number; typed without their
 * trunk 0, or without a country code, they match the other format too. */
#include "store/search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/access.h"
#include "store/private.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define MAX_FIELDS 6     /* most indexed fields of one kind (consumer) */
#define MAX_CHUNKS 16    /* words of the typed text used; the rest is ignored */
#define ROWID_ID_BITS 51 /* the rowid layout of 0003-search.sql */
#define ROWID_FIELD_SHIFT 51
#define ROWID_CLASS_SHIFT 55
#define ROWID_KIND_SHIFT 59

/* Rank classes of a field, as in the rowid (an inactive record adds 4). */
enum field_class { FC_NUMBER, FC_NAME, FC_OTHER, FC_INACTIVE = 4 };

/* The two indexes a lookup reads (0003-search.sql, 0006-search-exact.sql). */
enum search_index {
	IX_WORDS, /* search_fts: every word of every field, with prefixes */
	IX_EXACT, /* search_exact: names, codes and serials as one token each */
	IX_COUNT
};

/* One indexed field of a kind. */
struct field_def {
	const char *name;        /* shown as search_hit.field */
	enum field_class class;  /* its rank class */
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
#define SEEN_SQLS(table) {SEEN_SQL("search_fts", table), SEEN_SQL("search_exact", table)}

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
			 {"phone", FC_OTHER}},
			account_rank_sql, account_sql, SEEN_SQLS("account")},
	[SK_CONTACT] = {"contact", 5,
			{{"number", FC_NUMBER}, {"name", FC_NAME}, {"email", FC_OTHER},
			 {"phone", FC_OTHER}, {"mobile", FC_OTHER}},
			contact_rank_sql, contact_sql, SEEN_SQLS("contact")},
	[SK_CONSUMER] = {"consumer", 6,
			 {{"number", FC_NUMBER}, {"name", FC_NAME}, {"email", FC_OTHER},
			  {"mobile", FC_OTHER}, {"home_phone", FC_OTHER},
			  {"business_phone", FC_OTHER}},
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
	strbuf_adds(&one, "OR ");
	add_quoted(&one, d, n, 1);
	if (!strstr(q->buf, one.buf))
		strbuf_adds(q, one.buf);
	strbuf_fini(&one);
}

/* The digit variants of text that looks like a phone number (digits in
 * dbuf, n of them), OR-ed to the prefix query.  The index holds every
 * digit suffix of a phone (0006-search-exact.sql), so any variant finds
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

/* Builds the three queries for text: exact (every word as a whole token),
 * prefix (every word a prefix; for text that is mostly digits, such as a
 * phone number in any format, also its digit variants) and whole (the
 * whole text as search_exact holds values: without ASCII punctuation,
 * spaces and control characters, one token anchored at the start; empty
 * when nothing is left).  Returns the number of words; 0 means nothing to
 * search for. */
static size_t build_queries(const char *text, struct strbuf *exact, struct strbuf *prefix,
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
	if (phone)
		strbuf_addc(prefix, '(');
	for (size_t i = 0; i < n; i++)
		add_quoted(prefix, start[i], len[i], 1);
	if (phone) {
		strbuf_adds(prefix, ") ");
		add_phone_variants(prefix, text, dbuf, digits);
	}

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

/* Runs one FTS5 query over one kind's rowid range of index ix, appending at
 * most limit candidates (in rowid order: numbers, names, other fields,
 * inactive), of records the acting user sees. */
static int collect(struct store *s, enum search_index ix, const char *query,
		   enum search_kind kind, size_t limit, struct candidate **cands, size_t *n,
		   size_t *cap, struct csm_error *err)
{
	static const char *const sql[IX_COUNT] = {
		"SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 "
		"AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT ?4",
		"SELECT rowid FROM search_exact WHERE search_exact MATCH ?1 "
		"AND rowid >= ?2 AND rowid < ?3 ORDER BY rowid LIMIT ?4",
	};
	bool all = store_access_all(s);
	sqlite3_stmt *st = store_stmt(s, all ? sql[ix] : kinds[kind].seen_sql[ix], err);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)kind << ROWID_KIND_SHIFT);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(kind + 1) << ROWID_KIND_SHIFT);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
	if (!all)
		sqlite3_bind_int64(st, 5, (sqlite3_int64)((UINT64_C(1) << ROWID_ID_BITS) - 1));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t rowid = (uint64_t)sqlite3_column_int64(st, 0);
		struct candidate *c;

		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*cands = xrealloc(*cands, *cap * sizeof **cands);
		}
		c = &(*cands)[(*n)++];
		c->kind = kind;
		c->id = (int64_t)(rowid & ((UINT64_C(1) << ROWID_ID_BITS) - 1));
		c->field = (unsigned)(rowid >> ROWID_FIELD_SHIFT) & 0xf;
		c->rank_class = (unsigned)(rowid >> ROWID_CLASS_SHIFT) & 0xf;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
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

int store_search(struct store *s, const char *text, unsigned kinds_mask, size_t limit,
		 struct search_result *out, struct csm_error *err)
{
	struct strbuf exact, prefix, whole;
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
	strbuf_init(&whole);
	if (!text || build_queries(text, &exact, &prefix, &whole) == 0) {
		status = 0;
		goto out;
	}
	for (int k = 0; k < SK_COUNT; k++) {
		if (!(kinds_mask & SEARCH_KIND_BIT(k)))
			continue;
		enum search_kind kind = (enum search_kind)k;

		if (collect(s, IX_WORDS, exact.buf, kind, limit, &cands, &n, &cap, err) < 0
		    || collect(s, IX_WORDS, prefix.buf, kind, limit, &cands, &n, &cap, err) < 0
		    || (whole.len > 0
			&& collect(s, IX_EXACT, whole.buf, kind, limit, &cands, &n, &cap, err) < 0))
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
	free(ranked);
	free(cands);
	free(norm_text);
	strbuf_fini(&exact);
	strbuf_fini(&prefix);
	strbuf_fini(&whole);
	return status;
}

/* ---- maintenance ------------------------------------------------------ */

/* The statements of one index's rebuild. */
struct rebuild_sql {
	const char *clear;     /* empties the index */
	const char *automerge; /* ?1: how many segments FTS5 merges at a time (0: none) */
	const char *fill;      /* indexes the rows of kind ?1, field ?2, inactive ?3 */
	const char *optimize;  /* merges the index into one segment */
};

/* True when field f of kind k is in search_exact (0006-search-exact.sql):
 * the names, and the number-like fields but the record number. */
static bool exact_field(const struct kind_def *k, size_t f)
{
	return f != 0 && k->fields[f].class != FC_OTHER;
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
		/* Field by field in ascending rowid order (kind, rank class,
		 * field, id), so that FTS5 appends instead of flushing on every
		 * step back. */
		for (int k = 0; k < SK_COUNT; k++)
			for (int inactive = 0; inactive <= 1; inactive++)
				for (int fc = FC_NUMBER; fc <= FC_OTHER; fc++)
					for (size_t f = 0; f < kinds[k].n_fields; f++) {
						if (kinds[k].fields[f].class != (enum field_class)fc
						    || (ix == IX_EXACT && !exact_field(&kinds[k], f)))
							continue;
						if (!(st = store_stmt(s, q->fill, err)))
							goto fail;
						sqlite3_bind_int(st, 1, k);
						sqlite3_bind_int(st, 2, (int)f);
						sqlite3_bind_int(st, 3, inactive);
						if (store_exec_stmt(s, st, err,
								    "rebuilding the search index") < 0)
							goto fail;
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
