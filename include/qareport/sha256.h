/* sha256.h: SHA-256 of input files (About sheet, JSON `sha256`), computed incrementally so
 * the importer hashes the bytes on the same pass that parses them. Wraps nettle. */
#ifndef QAREPORT_SHA256_H
#define QAREPORT_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

#include "qareport/error.h"

typedef struct {
    struct sha256_ctx context;
} qa_sha256;

void qa_sha256_init(qa_sha256 *hash);
void qa_sha256_update(qa_sha256 *hash, const void *bytes, size_t size);
/* Lowercase hex digest into hex (65 bytes with the NUL); the hash is reset afterwards. */
void qa_sha256_hex(qa_sha256 *hash, char hex[65]);
/* SHA-256 of a whole file, read in chunks (files read through ReadStat). QA_ERR_IO when it
 * cannot be read. */
qa_status qa_sha256_file(const char *path, char hex[65], qa_error *error);

#endif
