/* demo.h - the demo database (--demo) and starting the console. */
#ifndef CSM_CLI_DEMO_H
#define CSM_CLI_DEMO_H

#include "cli/cli.h"

/* $XDG_DATA_HOME/csm/demo-<model>.db (or ~/.local/share/...). Owned. */
char *demo_path_new(enum business_model m);

/* Creates and seeds the demo database at cli->db_path if it is missing.
 * The database is built under a temporary name and renamed into place, so
 * an interrupted first start leaves nothing half-made.  The OS login that
 * made it is its admin. */
int demo_prepare(struct cli *cli, struct csm_error *err);

/* Makes the opened demo database (cli->store) usable by whoever runs it:
 * marks it as the demo and gives the OS login an admin user when it has
 * none (a demo made before csm knew its users, or by another login).
 * Returns 0 or -1 with err set. */
int demo_adopt(struct cli *cli, struct csm_error *err);

/* Opens the console on cli's database; returns the exit status (77 after
 * showing a login without a user why it gets no data). */
int demo_console(struct cli *cli);

#endif
