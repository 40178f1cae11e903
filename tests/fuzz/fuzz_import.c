/* fuzz_import.c - libFuzzer target: the CSV reader and the importer.
 *
 * The input is a CSV file.  It is read on its own with the CSV reader, then
 * imported as every kind (a dry run into the process's seeded database: the
 * import is one transaction that is rolled back), so the header decides
 * which kind gets to check the rows.  Afterwards the database must be
 * unchanged and no transaction left open. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "store/transfer.h"
#include "util/csvfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void read_all(const char *path)
{
	struct csm_error err = {0};
	struct csv_in *in = csv_in_open(path, &err);
	const struct csv_row *row;
	size_t last = 0;
	int rc;

	if (!in)
		abort();
	while ((rc = csv_in_next(in, &row, &err)) == 1) {
		/* rows come in file order, each with its fields */
		if (row->line < last || row->n == 0 || !row->fields)
			abort();
		for (size_t i = 0; i < row->n; i++)
			if (!row->fields[i])
				abort();
		last = row->line;
	}
	if (rc < 0 && !err.msg[0])
		abort();
	csv_in_free(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = fuzz_store();
	const char *path = fuzz_input_path(data, size);
	struct transfer_stats st;

	read_all(path);
	for (const char *const *k = transfer_kind_names; *k; k++) {
		struct csm_error err = {0};
		int rc = store_import_csv(s, *k, path, true, fuzz_ignore_report, NULL, &st, &err);

		if (store_txn_depth(s) != 0) {
			fprintf(stderr, "fuzz_import: %s: transaction left open\n", *k);
			abort();
		}
		if (rc < 0 && !err.msg[0]) {
			fprintf(stderr, "fuzz_import: %s: failed without a message\n", *k);
			abort();
		}
		if (rc == 0 && st.inserted + st.updated + st.unchanged != st.rows) {
			fprintf(stderr, "fuzz_import: %s: %zu rows but %zu+%zu+%zu counted\n", *k,
				st.rows, st.inserted, st.updated, st.unchanged);
			abort();
		}
	}
	return 0;
}
