/* seed_data.h - the word lists behind `csm seed`: person names of many
 * cultures (with an ASCII form for e-mail addresses), countries with
 * regions, cities, streets and postal-code patterns, company names.
 * Private to src/store/seed.c. */
#ifndef CSM_STORE_SEED_DATA_H
#define CSM_STORE_SEED_DATA_H

#include <stdbool.h>
#include <stddef.h>

/* A word as shown, and its ASCII form for e-mail addresses and codes. */
struct seed_word {
	const char *text;   /* "Łukasz", "山田" */
	const char *ascii;  /* "lukasz", "yamada" */
};

struct seed_culture {
	const char *lang;        /* contact language: "de", "ja", ... */
	const char *family_fmt;  /* household name from a last name: "Familie %s" */
	const struct seed_word *first;  /* given names */
	size_t n_first;
	const struct seed_word *last;   /* family names */
	size_t n_last;
};

struct seed_city {
	const char *name;
	const char *postal;  /* pattern: each '#' becomes a digit */
	double lat, lon;
};

struct seed_region {
	const char *name;
	struct seed_city cities[2];
};

struct seed_country {
	const char *name;        /* as the country writes it, e.g. "Deutschland" */
	const char *code;        /* ISO 3166 alpha-2 */
	const char *phone_cc;    /* "+49" */
	const char *tz;          /* IANA time zone */
	int culture;             /* index into seed_cultures */
	bool number_first;       /* "12 Main Street" rather than "Hauptstraße 12" */
	const char *legal;       /* legal form of companies: "GmbH" */
	const char *streets[6];
	struct seed_region regions[2];
	struct seed_word companies[3];  /* company name roots */
};

extern const struct seed_culture seed_cultures[];
extern const size_t seed_n_cultures;
extern const struct seed_country seed_countries[];
extern const size_t seed_n_countries;
extern const char *const seed_sectors[];   /* "Holding", "Logistics", ... */
extern const size_t seed_n_sectors;
extern const char *const seed_titles[];    /* contact job titles */
extern const size_t seed_n_titles;
extern const char *const seed_comments[];  /* customer-visible journal lines */
extern const size_t seed_n_comments;
extern const char *const seed_work_notes[];  /* internal journal lines */
extern const size_t seed_n_work_notes;
extern const char *const seed_tasks[];     /* case task descriptions */
extern const size_t seed_n_tasks;

#endif
