/* config_table.c - every key of csm.yaml: its node type, parser, field,
 * default and documentation (man/csm.yaml.5 documents the same keys; a
 * unit test checks that it does). */
#include "config/private.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* The enumerations are stored as int through a pointer to the field. */
_Static_assert(sizeof(enum business_model) == sizeof(int), "enum stored as int");
_Static_assert(sizeof(enum ui_color) == sizeof(int), "enum stored as int");

static const char *const model_names[] = {"b2b", "b2c", "b2b2c", NULL};
static const char *const color_names[] = {"auto", "always", "never", NULL};
static const char *const industry_names[] = {
	"banking", "telecom", "medical_devices", "building_services", "software_saas",
	"utilities", NULL,
};
static const char *const channel_names[] = {"phone", "email", "web", "chat", "walk-in", NULL};

static int choice_index(const char *const *choices, const char *s)
{
	for (int i = 0; choices[i]; i++)
		if (strcmp(choices[i], s) == 0)
			return i;
	return -1;
}

/* Reports "key: expected <expect>, got <node>" and returns -1. */
static int expected(struct config_loader *ld, const struct config_key *key, const yaml_node_t *node)
{
	char got[64];

	config_error(ld, node, key->key, "expected %s, got %s", key->expect,
		     config_describe(node, got, sizeof got));
	return -1;
}

/* The node's text when it is a scalar with a value, else NULL. */
static const char *value_of(const yaml_node_t *node)
{
	if (node->type != YAML_SCALAR_NODE || config_is_null(node))
		return NULL;
	return config_scalar(node);
}

/* An enumeration stored as the index of the name in key->choices. */
static int parse_enum(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      void *field)
{
	const char *s = value_of(node);
	int i = s ? choice_index(key->choices, s) : -1;

	if (i < 0)
		return expected(ld, key, node);
	*(int *)field = i;
	return 0;
}

/* An enumeration stored as an owned copy of the name. */
static int parse_name(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      void *field)
{
	const char *s = value_of(node);

	if (!s || choice_index(key->choices, s) < 0)
		return expected(ld, key, node);
	free(*(char **)field);
	*(char **)field = xstrdup(s);
	return 0;
}

static int parse_path(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      void *field)
{
	const char *s = value_of(node);
	char why[160], *path;

	if (!s || !*s)
		return expected(ld, key, node);
	path = config_expand(s, why, sizeof why);
	if (!path) {
		config_error(ld, node, key->key, "cannot expand \"%s\": %s", s, why);
		return -1;
	}
	free(*(char **)field);
	*(char **)field = path;
	return 0;
}

static int parse_int(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		     void *field)
{
	const char *s = value_of(node);
	long v = 0;

	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 6)
		return expected(ld, key, node);
	v = strtol(s, NULL, 10);
	if (v < key->min || v > key->max)
		return expected(ld, key, node);
	*(int *)field = (int)v;
	return 0;
}

static int parse_bool(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      void *field)
{
	static const char *const yes[] = {"true", "yes", "on", NULL};
	static const char *const no[] = {"false", "no", "off", NULL};
	const char *s = value_of(node);

	if (s && choice_index(yes, s) >= 0)
		*(bool *)field = true;
	else if (s && choice_index(no, s) >= 0)
		*(bool *)field = false;
	else
		return expected(ld, key, node);
	return 0;
}

/* Record-number prefixes: 1 to 8 capital letters, so numbers stay short. */
static int parse_prefix(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
			void *field)
{
	const char *s = value_of(node);
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 8 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != n)
		return expected(ld, key, node);
	free(*(char **)field);
	*(char **)field = xstrdup(s);
	return 0;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int parse_channels(struct config_loader *ld, const struct config_key *key,
			  yaml_node_t *node, void *field)
{
	size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	size_t *count = (size_t *)((char *)ld->cfg + key->count_offset);
	char **v = xcalloc(n ? n : 1, sizeof *v);
	size_t got = 0;
	int bad = 0;

	if (n == 0) {
		config_error(ld, node, key->key, "expected at least one channel, got an empty list");
		free(v);
		ld->channel_failed = true;
		return -1;
	}
	for (yaml_node_item_t *it = node->data.sequence.items.start;
	     it < node->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(ld->doc, *it);
		const char *s = value_of(item);
		size_t j;

		if (!s || choice_index(channel_names, s) < 0) {
			char desc[64];
			config_error(ld, item, key->key,
				     "expected a channel (phone, email, web, chat or walk-in), got %s",
				     config_describe(item, desc, sizeof desc));
			bad = -1;
			continue;
		}
		for (j = 0; j < got && strcmp(v[j], s) != 0; j++)
			;
		if (j < got) {
			config_error(ld, item, key->key, "channel \"%s\" is listed twice", s);
			bad = -1;
			continue;
		}
		v[got++] = xstrdup(s);
	}
	if (bad < 0) {
		free_strings(v, got);
		ld->channel_failed = true;
		return -1;
	}
	free_strings(*(char ***)field, *count);
	*(char ***)field = v;
	*count = got;
	ld->channels = node;
	return 0;
}

static int parse_channel(struct config_loader *ld, const struct config_key *key,
			 yaml_node_t *node, void *field)
{
	if (parse_name(ld, key, node, field) < 0) {
		ld->channel_failed = true;
		return -1;
	}
	ld->default_channel = node;
	return 0;
}

static void free_codes(struct config_code *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].code);
		free(v[i].label);
	}
	free(v);
}

/* One {code, label} entry of cases.resolution_codes; 0 or -1. */
static int parse_code(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      struct config_code *out)
{
	static const char *const names[] = {"code", "label", NULL};
	static const char where[] = "in a cases.resolution_codes entry";
	yaml_node_t *code = NULL, *label = NULL;
	int bad = 0;

	if (node->type != YAML_MAPPING_NODE)
		return expected(ld, key, node);
	for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);

		if (config_is_duplicate(ld, node, p, where)) {
			bad = -1;
		} else if (k->type == YAML_SCALAR_NODE && strcmp(config_scalar(k), "code") == 0) {
			code = v;
		} else if (k->type == YAML_SCALAR_NODE && strcmp(config_scalar(k), "label") == 0) {
			label = v;
		} else {
			config_unknown_key(ld, k, where, names);
			bad = -1;
		}
	}
	if (code) {
		const char *s = value_of(code);
		if (!s || !*s || strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(s)) {
			char desc[64];
			config_error(ld, code, key->key,
				     "expected a code of a-z, 0-9, _ and -, got %s",
				     config_describe(code, desc, sizeof desc));
			bad = -1;
		}
	}
	if (label && (!value_of(label) || !*value_of(label))) {
		char desc[64];
		config_error(ld, label, key->key, "expected a label (text), got %s",
			     config_describe(label, desc, sizeof desc));
		bad = -1;
	}
	if (!code || !label) {
		config_error(ld, node, key->key, "entry without \"%s\" (expected code and label)",
			     code ? "label" : "code");
		bad = -1;
	}
	if (bad < 0)
		return -1;
	out->code = xstrdup(config_scalar(code));
	out->label = xstrdup(config_scalar(label));
	return 0;
}

static int parse_codes(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		       void *field)
{
	size_t n = (size_t)(node->data.sequence.items.top - node->data.sequence.items.start);
	size_t *count = (size_t *)((char *)ld->cfg + key->count_offset);
	struct config_code *v = xcalloc(n ? n : 1, sizeof *v);
	yaml_node_t **nodes = xcalloc(n ? n : 1, sizeof *nodes);
	size_t got = 0;
	int bad = 0;

	for (yaml_node_item_t *it = node->data.sequence.items.start;
	     it < node->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(ld->doc, *it);
		size_t j;

		if (parse_code(ld, key, item, &v[got]) < 0) {
			bad = -1;
			continue;
		}
		for (j = 0; j < got && strcmp(v[j].code, v[got].code) != 0; j++)
			;
		if (j < got) {
			config_error(ld, item, key->key, "code \"%s\" is listed twice (first at line %d)",
				     v[got].code, (int)nodes[j]->start_mark.line + 1);
			free(v[got].code);
			free(v[got].label);
			bad = -1;
			continue;
		}
		nodes[got++] = item;
	}
	free(nodes);
	if (bad < 0) {
		free_codes(v, got);
		return -1;
	}
	free_codes(*(struct config_code **)field, *count);
	*(struct config_code **)field = v;
	*count = got;
	return 0;
}

static void free_bindings(struct config_binding *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].keymap);
		free(v[i].action);
		free(v[i].keys);
	}
	free(v);
}

/* ui.keys: keymap -> action -> key spec.  Only the shape is checked here;
 * the console knows the keymaps and actions and checks the names. */
static int parse_keys(struct config_loader *ld, const struct config_key *key, yaml_node_t *node,
		      void *field)
{
	size_t *count = (size_t *)((char *)ld->cfg + key->count_offset);
	struct config_binding *v = NULL;
	size_t n = 0, cap = 0;
	char desc[64];
	int bad = 0;

	for (yaml_node_pair_t *p = node->data.mapping.pairs.start;
	     p < node->data.mapping.pairs.top; p++) {
		yaml_node_t *map = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *acts = yaml_document_get_node(ld->doc, p->value);
		char where[160], name[128];

		if (config_is_duplicate(ld, node, p, "in ui.keys")) {
			bad = -1;
			continue;
		}
		if (!value_of(map) || !*value_of(map)) {
			config_error(ld, map, key->key, "expected a keymap name, got %s",
				     config_describe(map, desc, sizeof desc));
			bad = -1;
			continue;
		}
		snprintf(name, sizeof name, "%s.%s", key->key, config_scalar(map));
		if (acts->type != YAML_MAPPING_NODE) {
			config_error(ld, acts, name, "expected a mapping of action: keys, got %s",
				     config_describe(acts, desc, sizeof desc));
			bad = -1;
			continue;
		}
		snprintf(where, sizeof where, "in %s", name);
		for (yaml_node_pair_t *q = acts->data.mapping.pairs.start;
		     q < acts->data.mapping.pairs.top; q++) {
			yaml_node_t *act = yaml_document_get_node(ld->doc, q->key);
			yaml_node_t *spec = yaml_document_get_node(ld->doc, q->value);

			if (config_is_duplicate(ld, acts, q, where)) {
				bad = -1;
				continue;
			}
			if (!value_of(act) || !*value_of(act)) {
				config_error(ld, act, name, "expected an action name, got %s",
					     config_describe(act, desc, sizeof desc));
				bad = -1;
				continue;
			}
			if (!value_of(spec) || !*value_of(spec)) {
				config_error(ld, spec, name,
					     "expected keys for \"%s\" such as \"n C-n F5\", got %s",
					     config_scalar(act), config_describe(spec, desc, sizeof desc));
				bad = -1;
				continue;
			}
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				v = xrealloc(v, cap * sizeof *v);
			}
			v[n] = (struct config_binding){
				.keymap = xstrdup(config_scalar(map)),
				.action = xstrdup(config_scalar(act)),
				.keys = xstrdup(config_scalar(spec)),
				.line = (int)act->start_mark.line + 1,
				.column = (int)act->start_mark.column + 1,
				.keys_line = (int)spec->start_mark.line + 1,
				.keys_column = (int)spec->start_mark.column + 1,
			};
			n++;
		}
	}
	if (bad < 0) {
		free_bindings(v, n);
		return -1;
	}
	free_bindings(*(struct config_binding **)field, *count);
	*(struct config_binding **)field = v;
	*count = n;
	return 0;
}

#define FIELD(f) offsetof(struct csm_config, f)

const struct config_key config_keys[] = {
	{
		.key = "business_model",
		.type = YAML_SCALAR_NODE,
		.parse = parse_enum,
		.offset = FIELD(model),
		.def = "b2b",
		.expect = "one of b2b, b2c, b2b2c",
		.doc = "who the customers are: accounts and contacts (b2b), consumers and "
		       "households (b2c), or both (b2b2c)",
		.choices = model_names,
	},
	{
		.key = "database",
		.type = YAML_SCALAR_NODE,
		.parse = parse_path,
		.offset = FIELD(database),
		.expect = "a file path (~, $VAR and ${VAR} are expanded)",
		.doc = "the SQLite database; by default $XDG_DATA_HOME/csm/csm.db or "
		       "~/.local/share/csm/csm.db",
	},
	{
		.key = "industry",
		.type = YAML_SCALAR_NODE,
		.parse = parse_name,
		.offset = FIELD(industry),
		.def = "telecom",
		.expect = "one of banking, telecom, medical_devices, building_services, software_saas, utilities",
		.doc = "the industry template that csm init seeds (catalog, location types, codes)",
		.choices = industry_names,
	},
	{
		.key = "cases",
		.type = YAML_MAPPING_NODE,
		.expect = "a mapping of case settings",
		.doc = "case entry settings",
	},
	{
		.key = "cases.channels",
		.type = YAML_SEQUENCE_NODE,
		.parse = parse_channels,
		.offset = FIELD(cases.channels),
		.count_offset = FIELD(cases.n_channels),
		.def = "[phone, email, web, chat, walk-in]",
		.expect = "a list of channels from phone, email, web, chat, walk-in",
		.doc = "the channels a case can come in through, in the order the form offers them",
	},
	{
		.key = "cases.default_channel",
		.type = YAML_SCALAR_NODE,
		.parse = parse_channel,
		.offset = FIELD(cases.default_channel),
		.def = "phone",
		.expect = "one of phone, email, web, chat, walk-in",
		.doc = "the channel a new case starts with; must be one of cases.channels",
		.choices = channel_names,
	},
	{
		.key = "cases.default_priority",
		.type = YAML_SCALAR_NODE,
		.parse = parse_int,
		.offset = FIELD(cases.default_priority),
		.def = "4",
		.expect = "an integer from 1 to 4",
		.doc = "the priority a new case starts with: 1 critical, 2 high, 3 moderate, 4 low",
		.min = 1,
		.max = 4,
	},
	{
		.key = "cases.resolution_codes",
		.type = YAML_SEQUENCE_NODE,
		.parse = parse_codes,
		.offset = FIELD(cases.resolution_codes),
		.count_offset = FIELD(cases.n_resolution_codes),
		.expect = "a list of {code, label} mappings",
		.doc = "the codes offered when resolving a case; when absent, the industry "
		       "template's",
	},
	{
		.key = "record_numbers",
		.type = YAML_MAPPING_NODE,
		.expect = "a mapping of prefixes",
		.doc = "prefixes of generated record numbers (CS0000001)",
	},
	{
		.key = "record_numbers.case",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.cases),
		.def = "CS",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of case numbers",
	},
	{
		.key = "record_numbers.account",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.account),
		.def = "ACCT",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of account numbers",
	},
	{
		.key = "record_numbers.contact",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.contact),
		.def = "CT",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of contact numbers",
	},
	{
		.key = "record_numbers.consumer",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.consumer),
		.def = "CON",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of consumer numbers",
	},
	{
		.key = "record_numbers.household",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.household),
		.def = "HOLD",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of household numbers",
	},
	{
		.key = "record_numbers.sold_product",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.sold_product),
		.def = "SP",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of sold product numbers",
	},
	{
		.key = "record_numbers.install_base",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.install_base),
		.def = "IB",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of install base item numbers",
	},
	{
		.key = "record_numbers.contract",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.contract),
		.def = "CNTR",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of contract numbers",
	},
	{
		.key = "record_numbers.service_organization",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.service_org),
		.def = "SO",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of service organization numbers",
	},
	{
		.key = "record_numbers.task",
		.type = YAML_SCALAR_NODE,
		.parse = parse_prefix,
		.offset = FIELD(prefixes.task),
		.def = "TASK",
		.expect = "1 to 8 capital letters A-Z",
		.doc = "prefix of task numbers",
	},
	{
		.key = "ui",
		.type = YAML_MAPPING_NODE,
		.expect = "a mapping of console settings",
		.doc = "console settings",
	},
	{
		.key = "ui.color",
		.type = YAML_SCALAR_NODE,
		.parse = parse_enum,
		.offset = FIELD(ui.color),
		.def = "auto",
		.expect = "one of auto, always, never",
		.doc = "colours: auto uses them on colour terminals unless NO_COLOR is set",
		.choices = color_names,
	},
	{
		.key = "ui.mouse",
		.type = YAML_SCALAR_NODE,
		.parse = parse_bool,
		.offset = FIELD(ui.mouse),
		.def = "false",
		.expect = "true or false",
		.doc = "whether clicks and the wheel select and scroll (off keeps the "
		       "terminal's text selection)",
	},
	{
		.key = "ui.keys",
		.type = YAML_MAPPING_NODE,
		.parse = parse_keys,
		.offset = FIELD(ui.keys),
		.count_offset = FIELD(ui.n_keys),
		.expect = "a mapping of keymap: {action: keys}",
		.doc = "key bindings that replace the defaults, per keymap and action",
	},
};

const size_t config_keys_count = sizeof config_keys / sizeof config_keys[0];
