/* draft.c - drafts of unsaved forms: the text format and the files (see
 * draft.h). */
#include "util/draft.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

#define DRAFT_MAGIC "csm-draft 1"
#define DRAFT_MAX_BYTES (1 << 20) /* a form's text is far smaller: refuse junk */

void draft_init(struct draft *d)
{
	memset(d, 0, sizeof *d);
}

void draft_fini(struct draft *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].key);
		free(d->v[i].value);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

void draft_set(struct draft *d, const char *key, const char *value)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0) {
			free(d->v[i].value);
			d->v[i].value = xstrdup(value ? value : "");
			return;
		}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, d->cap * sizeof *d->v);
	}
	d->v[d->n].key = xstrdup(key);
	d->v[d->n].value = xstrdup(value ? value : "");
	d->n++;
}

const char *draft_get(const struct draft *d, const char *key)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].key, key) == 0)
			return d->v[i].value;
	return NULL;
}

/* ---- the text form ---------------------------------------------------- */

static void add_escaped(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\': strbuf_adds(out, "\\\\"); break;
		case '\t': strbuf_adds(out, "\\t"); break;
		case '\n': strbuf_adds(out, "\\n"); break;
		case '\r': strbuf_adds(out, "\\r"); break;
		default: strbuf_addc(out, *s); break;
		}
	}
}

void draft_format(const struct draft *d, struct strbuf *out)
{
	strbuf_adds(out, DRAFT_MAGIC "\n");
	for (size_t i = 0; i < d->n; i++) {
		add_escaped(out, d->v[i].key);
		strbuf_addc(out, '\t');
		add_escaped(out, d->v[i].value);
		strbuf_addc(out, '\n');
	}
}

/* Unescapes s[0..n) into an owned string; NULL on a bad escape. */
static char *unescape(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			*o++ = s[i];
			continue;
		}
		if (++i == n)
			goto bad;
		switch (s[i]) {
		case '\\': *o++ = '\\'; break;
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		default: goto bad;
		}
	}
	*o = '\0';
	return out;
bad:
	free(out);
	return NULL;
}

int draft_parse(struct draft *d, const char *text, size_t len, struct csm_error *err)
{
	const char *p = text, *end = text + len;
	size_t magic = strlen(DRAFT_MAGIC), line = 1;

	draft_fini(d);
	if (len < magic + 1 || memcmp(text, DRAFT_MAGIC "\n", magic + 1) != 0)
		return csm_error_set(err, CSM_EX_DATAERR, "line 1: not a csm draft (no '%s')",
				     DRAFT_MAGIC);
	for (p += magic + 1; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *tab;
		char *key, *value;

		if (!nl)
			return csm_error_set(err, CSM_EX_DATAERR, "line %zu: cut short", line + 1);
		tab = memchr(p, '\t', (size_t)(nl - p));
		if (!tab || memchr(p, '\0', (size_t)(nl - p)))
			return csm_error_set(err, CSM_EX_DATAERR, "line %zu: not KEY<TAB>VALUE",
					     line + 1);
		key = unescape(p, (size_t)(tab - p));
		value = unescape(tab + 1, (size_t)(nl - tab - 1));
		if (!key || !value || !*key) {
			free(key);
			free(value);
			return csm_error_set(err, CSM_EX_DATAERR, "line %zu: bad escape or empty key",
					     line + 1);
		}
		draft_set(d, key, value);
		free(key);
		free(value);
		p = nl + 1;
	}
	return 0;
}

/* ---- the files -------------------------------------------------------- */

int draft_dir(char *buf, size_t size, struct csm_error *err)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	/* the XDG spec says a relative XDG_STATE_HOME is to be ignored */
	if (xdg && xdg[0] == '/')
		snprintf(buf, size, "%s/csm/drafts", xdg);
	else if (home && *home)
		snprintf(buf, size, "%s/.local/state/csm/drafts", home);
	else
		return csm_error_set(err, CSM_EX_CANTCREAT,
				     "no place for drafts: neither XDG_STATE_HOME nor HOME is set");
	return 0;
}

/* FNV-1a: a stable short name for a database path. */
static uint64_t fnv1a(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* "csm.db-1f2e3d4c5b6a7988": the database's name (safe characters only)
 * and the hash of its absolute path. */
static void db_key(const char *db_path, char *buf, size_t size)
{
	char abs[PATH_MAX], name[48];
	const char *base, *path = realpath(db_path, abs) ? abs : db_path;
	size_t n = 0;

	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	for (; *base && n + 1 < sizeof name; base++) {
		unsigned char c = (unsigned char)*base;
		name[n++] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'
			    ? (char)c
			    : '_';
	}
	name[n] = '\0';
	snprintf(buf, size, "%s-%016llx", name, (unsigned long long)fnv1a(path));
}

char *draft_path_dup(const char *db_path, const char *form, struct csm_error *err)
{
	char dir[PATH_MAX], key[96];

	if (draft_dir(dir, sizeof dir, err) < 0)
		return NULL;
	db_key(db_path, key, sizeof key);
	return xasprintf("%s/%s.%s.draft", dir, key, form);
}

/* mkdir -p for the draft directory, private to the user. */
static int make_dirs(const char *dir, struct csm_error *err)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof buf, "%s", dir);
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0700) < 0 && errno != EEXIST)
			return csm_error_set(err, CSM_EX_CANTCREAT, "%s: cannot create: %s", buf,
					     strerror(errno));
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int draft_write(const char *path, const struct draft *d, struct csm_error *err)
{
	char dir[PATH_MAX], *tmp, *slash;
	struct strbuf sb;
	int fd, rc = -1;

	snprintf(dir, sizeof dir, "%s", path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (make_dirs(dir, err) < 0)
			return -1;
	}
	tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		csm_error_set(err, CSM_EX_CANTCREAT, "%s: cannot create: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	strbuf_init(&sb);
	draft_format(d, &sb);
	if (write_all(fd, sb.buf, sb.len) < 0 || fsync(fd) < 0) {
		csm_error_set(err, CSM_EX_IOERR, "%s: cannot write: %s", tmp, strerror(errno));
		close(fd);
	} else if (close(fd) < 0) {
		csm_error_set(err, CSM_EX_IOERR, "%s: cannot write: %s", tmp, strerror(errno));
	} else if (rename(tmp, path) < 0) {
		csm_error_set(err, CSM_EX_IOERR, "%s: cannot rename to %s: %s", tmp, path,
			      strerror(errno));
	} else {
		rc = 0;
	}
	if (rc < 0)
		unlink(tmp);
	strbuf_fini(&sb);
	free(tmp);
	return rc;
}

int draft_read(const char *path, struct draft *d, struct csm_error *err)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char chunk[4096];
	size_t got;
	int rc = 1;

	draft_fini(d);
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return csm_error_set(err, CSM_EX_NOINPUT, "%s: cannot read: %s", path,
				     strerror(errno));
	}
	strbuf_init(&sb);
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && sb.len <= DRAFT_MAX_BYTES)
		strbuf_add(&sb, chunk, got);
	if (ferror(f))
		rc = csm_error_set(err, CSM_EX_IOERR, "%s: cannot read: %s", path, strerror(errno));
	else if (sb.len > DRAFT_MAX_BYTES)
		rc = csm_error_set(err, CSM_EX_DATAERR, "%s: too large for a draft", path);
	else if (draft_parse(d, sb.buf, sb.len, err) < 0)
		rc = csm_error_prefix(err, "%s: ", path);
	fclose(f);
	strbuf_fini(&sb);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **draft_list(const char *db_path, size_t *n)
{
	char dir[PATH_MAX], key[96], prefix[100];
	char **paths = NULL;
	struct dirent *e;
	DIR *dh;
	size_t plen;

	*n = 0;
	if (draft_dir(dir, sizeof dir, NULL) < 0 || !(dh = opendir(dir)))
		return NULL;
	db_key(db_path, key, sizeof key);
	plen = (size_t)snprintf(prefix, sizeof prefix, "%s.", key);
	while ((e = readdir(dh))) {
		size_t len = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, plen) != 0 || len < 6 ||
		    strcmp(e->d_name + len - 6, ".draft") != 0)
			continue;
		paths = xrealloc(paths, (*n + 1) * sizeof *paths);
		paths[(*n)++] = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(dh);
	if (*n > 1)
		qsort(paths, *n, sizeof *paths, by_name);
	return paths;
}

void draft_list_free(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}
