/* config.h - csm's YAML configuration.
 *
 * Lookup order: --config FILE, $CSM_CONFIG, $XDG_CONFIG_HOME/csm/config.yaml
 * (or ~/.config/csm/config.yaml), then the built-in defaults.  A wrong file
 * is never half-used: config_load() fails with every problem located at
 * file:line:column, and csm exits with status 78 (CSM_EX_CONFIG). */
#ifndef CSM_CONFIG_CONFIG_H
#define CSM_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

enum business_model { MODEL_B2B, MODEL_B2C, MODEL_B2B2C };
enum ui_color { UI_COLOR_AUTO, UI_COLOR_ALWAYS, UI_COLOR_NEVER };

/* One user key binding from ui.keys: "keymap: {action: keys}".  The names
 * are checked by the console, which reports a bad one at
 * cfg->source:line:column (all 1-based). */
struct config_binding {
	char *keymap;  /* "global", "lookup", "case", ... */
	char *action;  /* action name, e.g. "new-case" */
	char *keys;    /* key spec, e.g. "n C-n" */
	int line, column;            /* where the action name is written */
	int keys_line, keys_column;  /* where the key spec is written */
};

/* A resolution code offered when resolving a case. */
struct config_code {
	char *code;   /* "fixed" */
	char *label;  /* "Fixed by support" */
};

struct csm_config {
	enum business_model model;  /* business_model: b2b | b2c | b2b2c */
	bool model_set;             /* a config file set business_model (else the
				     * database's recorded model is used) */
	char *database;             /* database: path with ~ and $VARS expanded; NULL = default */
	char *industry;             /* industry: template name, e.g. "telecom" */
	struct {
		char **channels;          /* cases.channels: allowed channels, in order */
		size_t n_channels;
		char *default_channel;    /* cases.default_channel */
		int default_priority;     /* cases.default_priority: 1..4 */
		struct config_code *resolution_codes; /* cases.resolution_codes; empty = the industry's */
		size_t n_resolution_codes;
	} cases;
	struct {
		/* record_numbers.*: prefixes of generated numbers */
		char *cases, *account, *contact, *consumer, *household;
		char *sold_product, *install_base, *contract, *service_org, *task;
	} prefixes;
	struct {
		enum ui_color color;      /* ui.color; NO_COLOR in the environment wins over auto */
		bool mouse;               /* ui.mouse */
		struct config_binding *keys; /* ui.keys overrides */
		size_t n_keys;
	} ui;
	char *source;               /* file the config came from; NULL for built-in defaults */
};

/* Fills cfg with the built-in defaults (b2b, telecom, standard prefixes). */
void config_init(struct csm_config *cfg);

/* Frees everything cfg owns; cfg can be config_init()ed again. */
void config_fini(struct csm_config *cfg);

/* Finds the config by the lookup order above (explicit may be NULL) and
 * loads it over the defaults.  Returns 0, or -1 with err holding every
 * problem, one per line, each "file:line:col: key: what was expected". */
int config_load(struct csm_config *cfg, const char *explicit_path, struct csm_error *err);

/* Loads one file over what cfg holds. Same errors as config_load(). */
int config_load_file(struct csm_config *cfg, const char *path, struct csm_error *err);

/* Default database path: $XDG_DATA_HOME/csm/csm.db or ~/.local/share/csm/csm.db.
 * Returns an owned string. */
char *config_default_database(void);

/* Expands a leading ~ (from $HOME) and $VAR / ${VAR} in path.  Returns an
 * owned string, or NULL when a variable (or HOME for ~) is not set or the
 * path is malformed ("${" without "}", "~user"). */
char *config_expand_path(const char *path);

/* The documented keys of the configuration, in table order, for help texts
 * and the man page test.  Fills the dotted key ("cases.channels"), its
 * default as YAML text (NULL when it has none) and a one-line description;
 * returns false when i is past the last key.  Strings are static. */
bool config_key_at(size_t i, const char **key, const char **def, const char **doc);

/* "b2b", "b2c", "b2b2c". */
const char *config_model_name(enum business_model m);
/* Parses a model name; returns 0 or -1 when s is not one. */
int config_model_parse(const char *s, enum business_model *out);

/* Whether the console should use colour, from ui.color, NO_COLOR and
 * whether the terminal has colours (has_colors is passed in by the UI). */
bool config_use_color(const struct csm_config *cfg, bool terminal_has_colors);

#endif
