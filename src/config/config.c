/* config.c - finding, parsing and checking csm.yaml.
 *
 * The file is read whole (the caret under a syntax error needs its lines),
 * parsed with libyaml's document API, and walked with the key table of
 * config_table.c into a scratch copy of the config.  Every problem is
 * collected; the scratch copy replaces the caller's config only when there
 * were none, so a wrong file is never half-applied. */
#include "config/private.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/xalloc.h"

/* strbuf_take() leaves sb initialised (allocated) again: finish it too. */
static char *take(struct strbuf *sb)
{
	char *s = strbuf_take(sb);

	strbuf_fini(sb);
	return s;
}

/* ---- messages ---------------------------------------------------------- */

void config_error(struct config_loader *ld, const yaml_node_t *node, const char *key,
		  const char *fmt, ...)
{
	va_list ap;

	if (ld->msgs.len)
		strbuf_addc(&ld->msgs, '\n');
	strbuf_addf(&ld->msgs, "%s:%d:%d: ", ld->file, (int)node->start_mark.line + 1,
		    (int)node->start_mark.column + 1);
	if (key)
		strbuf_addf(&ld->msgs, "%s: ", key);
	va_start(ap, fmt);
	strbuf_vaddf(&ld->msgs, fmt, ap);
	va_end(ap);
	ld->n_errors++;
	if (ld->defaults) {
		/* the built-in defaults are part of the program: a bug */
		fprintf(stderr, "csm: bad built-in config default: %s\n", ld->msgs.buf);
		abort();
	}
}

const char *config_scalar(const yaml_node_t *node)
{
	return (const char *)node->data.scalar.value;
}

bool config_is_null(const yaml_node_t *node)
{
	const char *s;

	if (node->type != YAML_SCALAR_NODE || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = config_scalar(node);
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	       strcmp(s, "NULL") == 0;
}

const char *config_describe(const yaml_node_t *node, char *buf, size_t size)
{
	switch (node->type) {
	case YAML_SEQUENCE_NODE:
		snprintf(buf, size, "a list");
		break;
	case YAML_MAPPING_NODE:
		snprintf(buf, size, "a mapping");
		break;
	case YAML_SCALAR_NODE:
		if (config_is_null(node))
			snprintf(buf, size, "nothing");
		else if (node->data.scalar.length > 40)
			snprintf(buf, size, "\"%.37s...\"", config_scalar(node));
		else
			snprintf(buf, size, "\"%s\"", config_scalar(node));
		break;
	default:
		snprintf(buf, size, "nothing");
		break;
	}
	return buf;
}

bool config_is_duplicate(struct config_loader *ld, yaml_node_t *map, yaml_node_pair_t *pair,
			 const char *where)
{
	yaml_node_t *key = yaml_document_get_node(ld->doc, pair->key);

	if (key->type != YAML_SCALAR_NODE)
		return false;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < pair; p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		if (k->type == YAML_SCALAR_NODE && strcmp(config_scalar(k), config_scalar(key)) == 0) {
			config_error(ld, key, NULL, "duplicate key \"%s\" %s (first given at line %d)",
				     config_scalar(key), where, (int)k->start_mark.line + 1);
			return true;
		}
	}
	return false;
}

/* Levenshtein distance, for "did you mean"; keys are short. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[64], cur[64];

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (tolower((unsigned char)a[i - 1]) !=
						    tolower((unsigned char)b[j - 1]));
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof *cur);
	}
	return prev[lb];
}

void config_unknown_key(struct config_loader *ld, const yaml_node_t *key, const char *where,
			const char *const *names)
{
	struct strbuf list;
	const char *s = config_scalar(key), *best = NULL;
	size_t best_d = (size_t)-1, limit = strlen(s) / 3;

	strbuf_init(&list);
	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (size_t i = 0; names[i]; i++) {
		size_t d = edit_distance(s, names[i]);
		strbuf_addf(&list, "%s%s", i ? ", " : "", names[i]);
		if (d <= limit && d < best_d) {
			best = names[i];
			best_d = d;
		}
	}
	if (best)
		config_error(ld, key, NULL,
			     "unknown key \"%s\" %s (expected one of: %s); did you mean \"%s\"?", s,
			     where, list.buf, best);
	else
		config_error(ld, key, NULL, "unknown key \"%s\" %s (expected one of: %s)", s, where,
			     list.buf);
	strbuf_fini(&list);
}

/* Adds the syntax error of parser: "file:line:col: invalid YAML: problem",
 * then the offending line and a caret under the column. */
static void syntax_error(struct config_loader *ld, const yaml_parser_t *parser, const char *text,
			 size_t len)
{
	size_t line = parser->problem_mark.line, col = parser->problem_mark.column;
	const char *p = text, *end;
	struct strbuf caret;

	if (parser->error == YAML_READER_ERROR) {
		/* reader errors (bad UTF-8) only know the byte offset */
		size_t off = parser->problem_offset < len ? parser->problem_offset : len;
		line = col = 0;
		for (size_t i = 0; i < off; i++) {
			if (text[i] == '\n') {
				line++;
				col = 0;
			} else {
				col++;
			}
		}
	}
	if (ld->msgs.len)
		strbuf_addc(&ld->msgs, '\n');
	strbuf_addf(&ld->msgs, "%s:%zu:%zu: invalid YAML: %s", ld->file, line + 1, col + 1,
		    parser->problem ? parser->problem : "cannot parse");
	if (parser->context && parser->context_mark.line != line)
		strbuf_addf(&ld->msgs, " (%s at %zu:%zu)", parser->context,
			    parser->context_mark.line + 1, parser->context_mark.column + 1);
	else if (parser->context)
		strbuf_addf(&ld->msgs, " (%s)", parser->context);
	ld->n_errors++;

	for (size_t i = 0; i < line && p; i++) {
		p = memchr(p, '\n', len - (size_t)(p - text));
		if (p)
			p++;
	}
	if (!p || p >= text + len)
		return;
	end = memchr(p, '\n', len - (size_t)(p - text));
	if (!end)
		end = text + len;
	if (end > p && end[-1] == '\r')
		end--;
	if (end == p || end - p > 200)
		return;
	/* the caret counts characters as libyaml does; tabs stay tabs to align */
	strbuf_init(&caret);
	for (const char *q = p; q < end && col > 0; q++) {
		if (((unsigned char)*q & 0xC0) == 0x80)
			continue;
		strbuf_addc(&caret, *q == '\t' ? '\t' : ' ');
		col--;
	}
	strbuf_addf(&ld->msgs, "\n%.*s\n%s^", (int)(end - p), p, caret.buf);
	strbuf_fini(&caret);
}

/* Copies the collected messages into err, cutting politely at a line. */
static int report(struct config_loader *ld, struct csm_error *err)
{
	const char *msgs = ld->msgs.buf;
	size_t cut = 0, room = sizeof err->msg - 48;
	int hidden = 0;

	if (ld->msgs.len < sizeof err->msg)
		return csm_error_set(err, CSM_EX_CONFIG, "%s", msgs);
	for (size_t i = 0; i < room; i++)
		if (msgs[i] == '\n')
			cut = i;
	/* one message per line: the lines after the cut are the hidden ones */
	for (size_t i = cut; i < ld->msgs.len; i++)
		hidden += msgs[i] == '\n';
	return csm_error_set(err, CSM_EX_CONFIG, "%.*s\n(%d more errors not shown)", (int)cut,
			     msgs, hidden);
}

/* ---- walking the document ---------------------------------------------- */

static const struct config_key *find_key(const char *name)
{
	for (size_t i = 0; i < config_keys_count; i++)
		if (strcmp(config_keys[i].key, name) == 0)
			return &config_keys[i];
	return NULL;
}

/* Applies one value, checking its node type first. */
static void apply(struct config_loader *ld, const struct config_key *k, yaml_node_t *value);

/* Walks a mapping of keys under prefix (NULL = the top level). */
static void walk(struct config_loader *ld, yaml_node_t *map, const char *prefix)
{
	const char *names[32];
	size_t n = 0, plen = prefix ? strlen(prefix) : 0;
	char where[64], full[128];

	snprintf(where, sizeof where, prefix ? "in %s" : "at the top level", prefix);
	for (size_t i = 0; i < config_keys_count; i++) {
		const char *k = config_keys[i].key;
		if (prefix && (strncmp(k, prefix, plen) != 0 || k[plen] != '.'))
			continue;
		k += prefix ? plen + 1 : 0;
		if (!strchr(k, '.') && n < sizeof names / sizeof names[0] - 1)
			names[n++] = k;
	}
	names[n] = NULL;

	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *key = yaml_document_get_node(ld->doc, p->key);
		const struct config_key *k;
		char got[64];

		if (config_is_duplicate(ld, map, p, where))
			continue;
		if (key->type != YAML_SCALAR_NODE) {
			config_error(ld, key, prefix, "expected a key name, got %s",
				     config_describe(key, got, sizeof got));
			continue;
		}
		snprintf(full, sizeof full, "%s%s%s", prefix ? prefix : "", prefix ? "." : "",
			 config_scalar(key));
		k = find_key(full);
		if (!k) {
			config_unknown_key(ld, key, where, names);
			continue;
		}
		apply(ld, k, yaml_document_get_node(ld->doc, p->value));
	}
}

static void apply(struct config_loader *ld, const struct config_key *k, yaml_node_t *value)
{
	char got[64];

	/* "ui:" with everything under it commented out sets nothing */
	if (!k->parse && config_is_null(value))
		return;
	if (value->type != k->type) {
		config_error(ld, value, k->key, "expected %s, got %s", k->expect,
			     config_describe(value, got, sizeof got));
		return;
	}
	if (!k->parse)
		walk(ld, value, k->key);
	else
		k->parse(ld, k, value, (char *)ld->cfg + k->offset);
	/* a file that names the model overrides the database's own */
	if (k->parse && !ld->defaults && k->offset == offsetof(struct csm_config, model))
		ld->cfg->model_set = true;
}

/* Checks what involves several keys once each has been parsed. */
static void cross_check(struct config_loader *ld)
{
	const struct csm_config *cfg = ld->cfg;
	struct strbuf list;
	size_t i;

	if (!ld->channels && !ld->default_channel)
		return;
	for (i = 0; i < cfg->cases.n_channels; i++)
		if (strcmp(cfg->cases.channels[i], cfg->cases.default_channel) == 0)
			return;
	strbuf_init(&list);
	for (i = 0; i < cfg->cases.n_channels; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", cfg->cases.channels[i]);
	if (ld->default_channel)
		config_error(ld, ld->default_channel, "cases.default_channel",
			     "expected one of cases.channels (%s), got \"%s\"", list.buf,
			     cfg->cases.default_channel);
	else
		config_error(ld, ld->channels, "cases.channels",
			     "the default channel \"%s\" is not in the list (%s); add it or set "
			     "cases.default_channel", cfg->cases.default_channel, list.buf);
	strbuf_fini(&list);
}

/* Parses text and applies it to ld->cfg; problems go to ld->msgs. */
static void load_text(struct config_loader *ld, const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_document_t doc, extra;
	yaml_node_t *root;
	char got[64];

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		syntax_error(ld, &parser, text, len);
		yaml_parser_delete(&parser);
		return;
	}
	ld->doc = &doc;
	root = yaml_document_get_root_node(&doc);
	if (!root) {
		/* an empty file (or only comments): the defaults */
	} else if (root->type != YAML_MAPPING_NODE) {
		if (config_is_null(root))
			; /* a lone "~" or "null" is an empty file too */
		else
			config_error(ld, root, NULL, "expected a mapping of keys at the top level, got %s",
				     config_describe(root, got, sizeof got));
	} else {
		walk(ld, root, NULL);
		if (!ld->channel_failed)
			cross_check(ld);
	}
	/* a second document ("---") would be silently ignored: say so */
	if (root && ld->n_errors == 0) {
		if (!yaml_parser_load(&parser, &extra)) {
			syntax_error(ld, &parser, text, len);
		} else {
			yaml_node_t *second = yaml_document_get_root_node(&extra);
			if (second)
				config_error(ld, second, NULL,
					     "a second YAML document; csm reads one (remove the \"---\")");
			yaml_document_delete(&extra);
		}
	}
	ld->doc = NULL;
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
}

/* ---- the config itself -------------------------------------------------- */

void config_init(struct csm_config *cfg)
{
	struct config_loader ld = {.file = "(built-in default)", .cfg = cfg, .defaults = true};

	memset(cfg, 0, sizeof *cfg);
	strbuf_init(&ld.msgs);
	/* the defaults are YAML text in the table, parsed like a user's value */
	for (size_t i = 0; i < config_keys_count; i++) {
		const struct config_key *k = &config_keys[i];
		yaml_parser_t parser;
		yaml_document_t doc;

		if (!k->def || !k->parse)
			continue;
		yaml_parser_initialize(&parser);
		yaml_parser_set_input_string(&parser, (const unsigned char *)k->def, strlen(k->def));
		if (!yaml_parser_load(&parser, &doc) || !yaml_document_get_root_node(&doc)) {
			fprintf(stderr, "csm: built-in default of %s is not YAML\n", k->key);
			abort();
		}
		ld.doc = &doc;
		apply(&ld, k, yaml_document_get_root_node(&doc));
		yaml_document_delete(&doc);
		yaml_parser_delete(&parser);
	}
	strbuf_fini(&ld.msgs);
}

void config_fini(struct csm_config *cfg)
{
	free(cfg->database);
	free(cfg->industry);
	for (size_t i = 0; i < cfg->cases.n_channels; i++)
		free(cfg->cases.channels[i]);
	free(cfg->cases.channels);
	free(cfg->cases.default_channel);
	for (size_t i = 0; i < cfg->cases.n_resolution_codes; i++) {
		free(cfg->cases.resolution_codes[i].code);
		free(cfg->cases.resolution_codes[i].label);
	}
	free(cfg->cases.resolution_codes);
	free(cfg->prefixes.cases);
	free(cfg->prefixes.account);
	free(cfg->prefixes.contact);
	free(cfg->prefixes.consumer);
	free(cfg->prefixes.household);
	free(cfg->prefixes.sold_product);
	free(cfg->prefixes.install_base);
	free(cfg->prefixes.contract);
	free(cfg->prefixes.service_org);
	free(cfg->prefixes.task);
	for (size_t i = 0; i < cfg->ui.n_keys; i++) {
		free(cfg->ui.keys[i].keymap);
		free(cfg->ui.keys[i].action);
		free(cfg->ui.keys[i].keys);
	}
	free(cfg->ui.keys);
	free(cfg->source);
	memset(cfg, 0, sizeof *cfg);
}

/* Deep copy of src into dst (dst's old contents are not freed). */
static void config_copy(struct csm_config *dst, const struct csm_config *src)
{
	*dst = *src;
	dst->database = xstrdup(src->database);
	dst->industry = xstrdup(src->industry);
	dst->cases.channels = xcalloc(src->cases.n_channels + 1, sizeof(char *));
	for (size_t i = 0; i < src->cases.n_channels; i++)
		dst->cases.channels[i] = xstrdup(src->cases.channels[i]);
	dst->cases.default_channel = xstrdup(src->cases.default_channel);
	dst->cases.resolution_codes = xcalloc(src->cases.n_resolution_codes + 1,
					      sizeof(struct config_code));
	for (size_t i = 0; i < src->cases.n_resolution_codes; i++) {
		dst->cases.resolution_codes[i].code = xstrdup(src->cases.resolution_codes[i].code);
		dst->cases.resolution_codes[i].label = xstrdup(src->cases.resolution_codes[i].label);
	}
	dst->prefixes.cases = xstrdup(src->prefixes.cases);
	dst->prefixes.account = xstrdup(src->prefixes.account);
	dst->prefixes.contact = xstrdup(src->prefixes.contact);
	dst->prefixes.consumer = xstrdup(src->prefixes.consumer);
	dst->prefixes.household = xstrdup(src->prefixes.household);
	dst->prefixes.sold_product = xstrdup(src->prefixes.sold_product);
	dst->prefixes.install_base = xstrdup(src->prefixes.install_base);
	dst->prefixes.contract = xstrdup(src->prefixes.contract);
	dst->prefixes.service_org = xstrdup(src->prefixes.service_org);
	dst->prefixes.task = xstrdup(src->prefixes.task);
	dst->ui.keys = xcalloc(src->ui.n_keys + 1, sizeof(struct config_binding));
	for (size_t i = 0; i < src->ui.n_keys; i++) {
		dst->ui.keys[i] = src->ui.keys[i];
		dst->ui.keys[i].keymap = xstrdup(src->ui.keys[i].keymap);
		dst->ui.keys[i].action = xstrdup(src->ui.keys[i].action);
		dst->ui.keys[i].keys = xstrdup(src->ui.keys[i].keys);
	}
	dst->source = xstrdup(src->source);
}

/* Reads the whole file; NULL with err set when it cannot. */
static char *read_file(const char *path, const char *why, size_t *len, struct csm_error *err)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb;
	char chunk[8192];
	size_t n;

	if (!f)
		goto fail;
	strbuf_init(&sb);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		strbuf_add(&sb, chunk, n);
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		strbuf_fini(&sb);
		errno = e;
		goto fail;
	}
	fclose(f);
	*len = sb.len;
	return take(&sb);
fail:
	csm_error_set(err, CSM_EX_CONFIG, "%s: cannot read the config%s: %s", path, why,
		      strerror(errno));
	return NULL;
}

static int load_path(struct csm_config *cfg, const char *path, const char *why,
		     struct csm_error *err)
{
	struct csm_config scratch;
	struct config_loader ld = {.file = path, .cfg = &scratch};
	size_t len;
	char *text = read_file(path, why, &len, err);

	if (!text)
		return -1;
	config_copy(&scratch, cfg);
	strbuf_init(&ld.msgs);
	load_text(&ld, text, len);
	free(text);
	if (ld.n_errors) {
		report(&ld, err);
		strbuf_fini(&ld.msgs);
		config_fini(&scratch);
		return -1;
	}
	strbuf_fini(&ld.msgs);
	free(scratch.source);
	scratch.source = xstrdup(path);
	config_fini(cfg);
	*cfg = scratch;
	return 0;
}

int config_load_file(struct csm_config *cfg, const char *path, struct csm_error *err)
{
	return load_path(cfg, path, "", err);
}

int config_load(struct csm_config *cfg, const char *explicit_path, struct csm_error *err)
{
	const char *env = getenv("CSM_CONFIG");
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct stat st;
	char *path;
	int rc = 0;

	if (explicit_path)
		return load_path(cfg, explicit_path, "", err);
	if (env && *env)
		return load_path(cfg, env, " named by CSM_CONFIG", err);
	/* the XDG spec says a relative XDG_CONFIG_HOME is to be ignored */
	if (xdg && *xdg == '/')
		path = xasprintf("%s/csm/config.yaml", xdg);
	else if (home && *home)
		path = xasprintf("%s/.config/csm/config.yaml", home);
	else
		return 0;
	if (stat(path, &st) == 0)
		rc = load_path(cfg, path, "", err);
	free(path);
	return rc;
}

char *config_default_database(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/csm/csm.db", xdg);
	return xasprintf("%s/.local/share/csm/csm.db", home && *home ? home : ".");
}

static bool is_name_start(char c)
{
	return c == '_' || isalpha((unsigned char)c);
}

static bool is_name_char(char c)
{
	return c == '_' || isalnum((unsigned char)c);
}

char *config_expand(const char *path, char *why, size_t size)
{
	struct strbuf sb;
	const char *p = path;

	strbuf_init(&sb);
	if (p[0] == '~') {
		const char *home = getenv("HOME");
		if (p[1] && p[1] != '/') {
			snprintf(why, size, "\"~name\" is not supported (expected ~/ or $HOME)");
			goto fail;
		}
		if (!home || !*home) {
			snprintf(why, size, "~ stands for $HOME, which is not set in the environment");
			goto fail;
		}
		strbuf_adds(&sb, home);
		p++;
	}
	while (*p) {
		const char *name, *value;
		size_t n;
		char var[128];

		if (p[0] != '$' || !(p[1] == '{' || is_name_start(p[1]))) {
			strbuf_addc(&sb, *p++);
			continue;
		}
		if (p[1] == '{') {
			const char *close = strchr(p + 2, '}');
			name = p + 2;
			n = close ? (size_t)(close - name) : 0;
			if (!close || n == 0 || !is_name_start(*name) ||
			    strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					 "0123456789_") != n) {
				snprintf(why, size, "\"${\" must be followed by a variable name and \"}\"");
				goto fail;
			}
			p = close + 1;
		} else {
			name = p + 1;
			for (n = 0; is_name_char(name[n]); n++)
				;
			p = name + n;
		}
		snprintf(var, sizeof var, "%.*s", (int)n, name);
		value = getenv(var);
		if (!value) {
			snprintf(why, size, "$%s is not set in the environment", var);
			goto fail;
		}
		strbuf_adds(&sb, value);
	}
	return take(&sb);
fail:
	strbuf_fini(&sb);
	return NULL;
}

char *config_expand_path(const char *path)
{
	char why[160];

	return config_expand(path, why, sizeof why);
}

bool config_key_at(size_t i, const char **key, const char **def, const char **doc)
{
	if (i >= config_keys_count)
		return false;
	*key = config_keys[i].key;
	*def = config_keys[i].def;
	*doc = config_keys[i].doc;
	return true;
}

const char *config_model_name(enum business_model m)
{
	switch (m) {
	case MODEL_B2B: return "b2b";
	case MODEL_B2C: return "b2c";
	case MODEL_B2B2C: return "b2b2c";
	}
	return "b2b";
}

int config_model_parse(const char *s, enum business_model *out)
{
	if (strcmp(s, "b2b") == 0)
		*out = MODEL_B2B;
	else if (strcmp(s, "b2c") == 0)
		*out = MODEL_B2C;
	else if (strcmp(s, "b2b2c") == 0)
		*out = MODEL_B2B2C;
	else
		return -1;
	return 0;
}

bool config_use_color(const struct csm_config *cfg, bool terminal_has_colors)
{
	const char *no = getenv("NO_COLOR");

	if (cfg->ui.color == UI_COLOR_NEVER)
		return false;
	if (cfg->ui.color == UI_COLOR_ALWAYS)
		return true;
	return terminal_has_colors && !(no && *no);
}
