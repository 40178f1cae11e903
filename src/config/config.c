/* config.c - defaults and helpers; the YAML loader is being written. */
#include "config/config.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const default_channels[] = {"phone", "email", "web", "chat", "walk-in"};

void config_init(struct csm_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->model = MODEL_B2B;
	cfg->industry = xstrdup("telecom");
	cfg->cases.n_channels = sizeof default_channels / sizeof default_channels[0];
	cfg->cases.channels = xcalloc(cfg->cases.n_channels, sizeof(char *));
	for (size_t i = 0; i < cfg->cases.n_channels; i++)
		cfg->cases.channels[i] = xstrdup(default_channels[i]);
	cfg->cases.default_channel = xstrdup("phone");
	cfg->cases.default_priority = 4;
	cfg->prefixes.cases = xstrdup("CS");
	cfg->prefixes.account = xstrdup("ACCT");
	cfg->prefixes.contact = xstrdup("CT");
	cfg->prefixes.consumer = xstrdup("CON");
	cfg->prefixes.household = xstrdup("HOLD");
	cfg->prefixes.sold_product = xstrdup("SP");
	cfg->prefixes.install_base = xstrdup("IB");
	cfg->prefixes.contract = xstrdup("CNTR");
	cfg->prefixes.service_org = xstrdup("SO");
	cfg->prefixes.task = xstrdup("TASK");
	cfg->ui.color = UI_COLOR_AUTO;
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

int config_load(struct csm_config *cfg, const char *explicit_path, struct csm_error *err)
{
	if (explicit_path)
		return config_load_file(cfg, explicit_path, err);
	return 0;
}

int config_load_file(struct csm_config *cfg, const char *path, struct csm_error *err)
{
	(void)cfg;
	return csm_error_set(err, CSM_EX_CONFIG, "%s: config files are not read yet", path);
}

char *config_default_database(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/csm/csm.db", xdg);
	return xasprintf("%s/.local/share/csm/csm.db", home && *home ? home : ".");
}

char *config_expand_path(const char *path)
{
	return xstrdup(path);
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
