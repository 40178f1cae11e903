/* demo.h - the demo database (--demo) and starting the console. */
#ifndef CSM_CLI_DEMO_H
#define CSM_CLI_DEMO_H

#include "cli/cli.h"

/* $XDG_DATA_HOME/csm/demo-<model>.db (or ~/.local/share/...). Owned. */
char *demo_path_new(enum business_model m);

/* Creates and seeds the demo database at cli->db_path if it is missing.
 * The database is built under a temporary name and renamed into place, so
 * an interrupted first start leaves nothing half-made. */
int demo_prepare(struct cli *cli, struct csm_error *err);

/* Opens the console on cli's database; returns the exit status. */
int demo_console(struct cli *cli);

#endif
