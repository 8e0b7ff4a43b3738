/* SHA-256 via nettle; see sha256.h. */
#include "qareport/sha256.h"


#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qa_sha256_init(qa_sha256 *hash)
{
    sha256_init(&hash->context);
}

void qa_sha256_update(qa_sha256 *hash, const void *bytes, size_t size)
{
    sha256_update(&hash->context, size, bytes);
}

void qa_sha256_hex(qa_sha256 *hash, char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&hash->context, sizeof digest, digest);
    for (size_t i = 0; i < sizeof digest; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = '\0';
}

qa_status qa_sha256_file(const char *path, char hex[65], qa_error *error)
{
    enum { CHUNK = 1 << 20 };
    FILE *file = fopen(path, "rb");
    if (!file)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot open: %s",
                            strerror(errno));
    unsigned char *buffer = malloc(CHUNK);
    if (!buffer) {
        fclose(file);
        return qa_error_set(error, QA_ERR_MEMORY, path, 0, NULL, NULL, "out of memory");
    }
    qa_sha256 hash;
    qa_sha256_init(&hash);
    size_t n;
    while ((n = fread(buffer, 1, CHUNK, file)) > 0)
        qa_sha256_update(&hash, buffer, n);
    int failed = ferror(file);
    free(buffer);
    fclose(file);
    if (failed)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "read error");
    qa_sha256_hex(&hash, hex);
    return QA_OK;
}
