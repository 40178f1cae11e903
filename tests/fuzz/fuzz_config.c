/* fuzz_config.c - libFuzzer target: the YAML config loader.
 *
 * The input is a config file.  It is loaded over the built-in defaults;
 * whether it is accepted or refused, the loader must not crash, leak or
 * leave the config half-applied (a refused file leaves the defaults). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csm_config cfg;
	struct csm_error err = {0};
	const char *path = fuzz_input_path(data, size);

	config_init(&cfg);
	if (config_load_file(&cfg, path, &err) < 0) {
		/* never half-applied: the defaults are still there */
		if (cfg.source != NULL || cfg.model != MODEL_B2B || !err.msg[0]) {
			fprintf(stderr, "fuzz_config: refused input changed the config or gave no "
					"message (%s)\n", err.msg);
			abort();
		}
	} else if (!cfg.source || strcmp(cfg.source, path) != 0) {
		fprintf(stderr, "fuzz_config: accepted input does not name its source\n");
		abort();
	}
	/* what the console and the CLI do with a loaded config */
	for (size_t i = 0; i < cfg.ui.n_keys; i++)
		if (!cfg.ui.keys[i].keymap || !cfg.ui.keys[i].action || !cfg.ui.keys[i].keys)
			abort();
	if (cfg.database) {
		char *p = config_expand_path(cfg.database);
		free(p);
	}
	config_fini(&cfg);
	return 0;
}
