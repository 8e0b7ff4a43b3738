/* qa_import_csv: the file read in 1 MiB chunks with fread, hashed (SHA-256) on the same pass
 * and cut into physical lines. A line without quotes or stray carriage returns is split at
 * its commas directly (for such a line that is exactly what RFC 4180 says, and it is several
 * times faster than a byte-wise state machine); every other line, and a quoted field running
 * over several lines, goes through libcsv in strict mode. Both paths hand fields to the same
 * importer (import_rows.c), so a value is checked the same way whichever path read it. */
#include "qareport/import.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"
#include "qareport/sha256.h"

enum { CHUNK = 1 << 20 };

typedef struct {
    qa_importer importer;
    struct csv_parser parser;
    int quoted_row_open;   /* libcsv holds an unfinished row */
    int row_closed;        /* libcsv ended a row at a line feed during the last feed */
    long line;             /* physical line at the read position (header = 1) */
    long cursor;           /* libcsv path: line where its next field starts */
} csv_reader;

static void on_field(void *data, size_t size, void *context)
{
    csv_reader *r = context;
    const char *text = data ? data : "";
    long line = r->cursor;
    for (const char *p = text; (p = memchr(p, '\n', size - (size_t)(p - text))); p++)
        r->cursor++;
    r->row_closed = 0;
    r->importer.check_encoding = 1;
    qa_importer_field(&r->importer, text, size, line);
}

static void on_row(int terminator, void *context)
{
    csv_reader *r = context;
    if (terminator == '\n') {
        r->cursor++;
        r->row_closed = 1;
    }
    qa_importer_row_end(&r->importer);
}

static void reset_parser(csv_reader *r)
{
    csv_free(&r->parser);
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    r->quoted_row_open = 0;
}

/* Feeds bytes of the current physical line (through its line feed, if any) to libcsv. */
static void feed_parser(csv_reader *r, const char *bytes, size_t size)
{
    qa_importer *im = &r->importer;
    if (!r->quoted_row_open) {
        r->cursor = r->line;
        r->quoted_row_open = 1;
    }
    r->row_closed = 0;
    size_t done = csv_parse(&r->parser, bytes, size, on_field, on_row, r);
    if (done != size) {
        int code = csv_error(&r->parser);
        if (code != CSV_EPARSE) {
            im->fatal = QA_ERR_MEMORY;
            im->stop = 1;
            return;
        }
        qa_importer_report(im, r->line, qa_importer_column_name(im, im->field_index),
                           "stray quote: a quoted field must be enclosed in quotes as a whole, "
                           "with \"\" for a quote inside");
        qa_importer_row_abandon(im);
        reset_parser(r); /* resume at the next line */
        return;
    }
    if (r->row_closed) {
        r->quoted_row_open = 0;
    } else if (csv_get_buffer_size(&r->parser) > (size_t)QA_IMPORT_FIELD_LIMIT + 4096) {
        qa_importer_report(im, r->cursor, qa_importer_column_name(im, im->field_index),
                           "field is over 1 MiB (an unbalanced quote opening here?)");
        im->stop = 1;
    }
}

static void split_line(csv_reader *r, const char *text, size_t size)
{
    qa_importer *im = &r->importer;
    if (size > 0 && text[size - 1] == '\r')
        size--;
    if (size == 0)
        return; /* blank line */
    im->check_encoding = qa_text_needs_encoding_check((const unsigned char *)text, size);
    qa_importer_split_row(im, text, size, r->line);
}

static int needs_parser(const char *text, size_t size)
{
    if (memchr(text, '"', size))
        return 1;
    const char *cr = memchr(text, '\r', size);
    return cr && cr != text + size - 1; /* a carriage return that does not end the line */
}

/* Consumes whole lines of buffer[0, size); returns the bytes used (the rest is carried). */
static size_t process_lines(csv_reader *r, const char *buffer, size_t size, int at_end)
{
    size_t pos = 0;
    while (pos < size && !r->importer.stop) {
        const char *text = buffer + pos;
        size_t left = size - pos;
        const char *feed = memchr(text, '\n', left);
        size_t line_size = feed ? (size_t)(feed - text) : left;
        size_t take = feed ? line_size + 1 : left;
        if (r->quoted_row_open) {
            feed_parser(r, text, take);
        } else if (!feed && !at_end) {
            if (left < CHUNK)
                break; /* carry the partial line to the next chunk */
            feed_parser(r, text, take); /* a line over 1 MiB: libcsv, bounded above */
        } else if (needs_parser(text, line_size)) {
            feed_parser(r, text, take);
        } else {
            split_line(r, text, line_size);
        }
        pos += take;
        if (feed)
            r->line++;
    }
    return pos;
}

static qa_status read_file(csv_reader *r, FILE *file, qa_sha256 *hash)
{
    char *buffer = malloc(2 * CHUNK);
    if (!buffer)
        return QA_ERR_MEMORY;
    size_t carry = 0;
    int first = 1;
    for (;;) {
        size_t n = fread(buffer + carry, 1, CHUNK, file);
        if (ferror(file)) {
            free(buffer);
            return QA_ERR_IO;
        }
        qa_sha256_update(hash, buffer + carry, n);
        int at_end = n < CHUNK;
        size_t start = 0;
        if (first && carry + n >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0)
            start = 3; /* UTF-8 byte order mark */
        first = 0;
        size_t used = start + process_lines(r, buffer + start, carry + n - start, at_end);
        carry = carry + n - used;
        if (r->importer.stop)
            break;
        memmove(buffer, buffer + used, carry);
        if (at_end)
            break;
    }
    free(buffer);
    if (r->importer.stop)
        return QA_OK;
    if (r->quoted_row_open && csv_fini(&r->parser, on_field, on_row, r) != 0) {
        qa_importer_report(&r->importer, r->cursor,
                           qa_importer_column_name(&r->importer, r->importer.field_index),
                           "unterminated quoted field: the quote opened here never closes");
        qa_importer_row_abandon(&r->importer);
    }
    return QA_OK;
}

static qa_status file_problem(qa_error_list *errors, qa_status status, const char *path,
                              const char *message)
{
    qa_error error;
    qa_error_set(&error, status, path, 0, NULL, NULL, "%s", message);
    qa_error_list_add(errors, &error);
    return status;
}

qa_status qa_import_csv(const char *path, const qa_codebook *codebook,
                        const qa_import_options *options, qa_dataset *dataset,
                        qa_error_list *errors)
{
    qa_dataset_init(dataset);
    snprintf(dataset->path, sizeof dataset->path, "%s", path);
    FILE *file = fopen(path, "rb");
    if (!file)
        return file_problem(errors, QA_ERR_IO, path, strerror(errno));
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.line = 1;
    r.importer.path = path;
    r.importer.codebook = codebook;
    r.importer.dataset = dataset;
    r.importer.errors = errors;
    size_t first_error = errors->count;
    r.importer.error_limit =
        first_error + (options && options->error_limit ? options->error_limit : 1000);
    csv_init(&r.parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    qa_sha256 hash;
    qa_sha256_init(&hash);
    qa_status status = read_file(&r, file, &hash);
    fclose(file);
    csv_free(&r.parser);
    if (status == QA_OK)
        qa_importer_finish(&r.importer, first_error);
    if (status == QA_OK && r.importer.fatal)
        status = r.importer.fatal;
    qa_importer_free(&r.importer);
    if (status == QA_OK && errors->count > first_error)
        status = QA_ERR_INPUT;
    if (status != QA_OK) {
        qa_dataset_free(dataset);
        if (status == QA_ERR_IO || status == QA_ERR_MEMORY)
            file_problem(errors, status, path,
                         status == QA_ERR_IO ? "read error" : "out of memory while reading");
        return status;
    }
    qa_sha256_hex(&hash, dataset->sha256);
    return QA_OK;
}
