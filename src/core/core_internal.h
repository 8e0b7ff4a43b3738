/* core_internal.h (internal to src/core): what only core's own tests call. */
#ifndef QAREPORT_CORE_INTERNAL_H
#define QAREPORT_CORE_INTERNAL_H

#include "qareport/error.h"

/* SHA-256 of a whole file, read in chunks. QA_ERR_IO when it cannot be read. */
qa_status qa_sha256_file(const char *path, char hex[65], qa_error *error);

#endif
