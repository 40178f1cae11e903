#include "cli/demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "domain/domain.h"
#include "domain/identity.h"
#include "domain/seed.h"
#include "ui/ui.h"
#include "util/xalloc.h"

static char *data_dir_new(void)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (xdg && *xdg == '/')
		return xasprintf("%s/csm", xdg);
	return xasprintf("%s/.local/share/csm", home && *home ? home : ".");
}

char *demo_path_new(enum business_model m)
{
	char *dir = data_dir_new();
	char *p = xasprintf("%s/demo-%s.db", dir, config_model_name(m));
	free(dir);
	return p;
}

/* mkdir -p for the directory part of path. */
static int make_parent_dirs(const char *path, struct csm_error *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');

	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			if (mkdir(dir, 0755) < 0 && errno != EEXIST)
				goto fail;
			*p = '/';
		}
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			goto fail;
	}
	free(dir);
	return 0;
fail:
	csm_error_set(err, CSM_EX_CANTCREAT, "%s: cannot create directory: %s", dir, strerror(errno));
	free(dir);
	return -1;
}

int demo_prepare(struct cli *cli, struct csm_error *err)
{
	struct stat st;
	struct store *s;
	char *tmp;
	int rc = -1;

	if (stat(cli->db_path, &st) == 0)
		return 0;
	if (make_parent_dirs(cli->db_path, err) < 0)
		return -1;
	tmp = xasprintf("%s.new-%ld", cli->db_path, (long)getpid());
	s = store_open(tmp, STORE_CREATE, err);
	if (!s)
		goto out;
	store_set_actor(s, "demo", NULL);
	if (domain_setup_database(s, cli->cfg.model, cli->cfg.industry, err) < 0)
		goto out;
	{
		/* The demo is always the same world: scale 1, seed 42. */
		struct seed_options opt = {.scale = 1, .seed = 42};
		if (domain_seed(s, &opt, err) < 0)
			goto out;
	}
	/* Whoever made the demo may do everything in it, and act as anyone. */
	store_set_actor(s, cli_os_login(), NULL);
	if (identity_mark_demo(s, err) < 0 ||
	    identity_ensure_admin(s, cli_os_login(), cli_os_name(), NULL, err) < 0)
		goto out;
	store_free(&s);
	if (rename(tmp, cli->db_path) < 0) {
		csm_error_set(err, CSM_EX_CANTCREAT, "%s: %s", cli->db_path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	store_free(&s);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int demo_adopt(struct cli *cli, struct csm_error *err)
{
	store_set_actor(cli->store, cli_os_login(), NULL);
	if (identity_mark_demo(cli->store, err) < 0 ||
	    identity_ensure_admin(cli->store, cli_os_login(), cli_os_name(), NULL, err) < 0)
		return -1;
	return 0;
}

int demo_console(struct cli *cli)
{
	struct csm_error err = {0};
	int status = 0;

	/* A login without a user still gets the console, which says why it
	 * shows nothing instead of the lookup. */
	cli->no_user = true;
	if (!cli_store(cli, 0, &status))
		return status;
	status = ui_run(cli->store, &cli->cfg, cli->db_path, &err);
	if (status < 0)
		return cli_fail(&err, CSM_EX_SOFTWARE);
	if (status == 0 && !cli->who.is_user)
		return CSM_EX_NOPERM;
	return status;
}
