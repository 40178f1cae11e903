/* fuzz_common.h - what the libFuzzer targets share: feeding the input to
 * code that reads files, and one seeded temporary database per process. */
#ifndef CSM_TESTS_FUZZ_COMMON_H
#define CSM_TESTS_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Replaces the contents of the process's scratch file (an anonymous
 * memory file, so nothing touches the disk) with data and returns a path
 * that opens it ("/proc/self/fd/N", static storage).  Aborts on error: the
 * fuzzer cannot go on without it. */
const char *fuzz_input_path(const uint8_t *data, size_t size);

/* The process's database: created on the first call in a temporary
 * directory (b2b2c, telecom template) with a few accounts, contacts,
 * consumers, users, locations, items and cases imported, and removed at
 * exit.  Borrowed; aborts when it cannot be made. */
struct store *fuzz_store(void);

/* A CSV report callback that drops the messages. */
void fuzz_ignore_report(void *ctx, const char *msg);

#endif
