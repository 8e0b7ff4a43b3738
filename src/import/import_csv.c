/* qa_import_csv: the file read in 1 MiB chunks with fread, hashed (SHA-256) on the same pass
 * and cut into physical lines. A line without quotes or stray carriage returns is split at
 * its commas directly (for such a line that is exactly what RFC 4180 says, and it is several
 * times faster than a byte-wise state machine); every other line, and a quoted field running
 * over several lines, goes through libcsv in strict mode. Both paths hand fields to the same
 * importer (import_rows.c), so a value is checked the same way whichever path read it. */
#include "qareport/import.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "import_internal.h"
#include "qareport/large_alloc.h"
#include "qareport/sha256.h"

enum { CHUNK = 1 << 20 };

typedef struct {
    qa_importer importer;
    struct csv_parser parser;
    int quoted_row_open; /* libcsv holds an unfinished row */
    int row_closed;      /* libcsv ended a row at a line feed during the last feed */
    long line;           /* physical line at the read position (header = 1) */
    long cursor;         /* libcsv path: line where its next field starts */
    char eol;            /* line end: '\n' (LF, CRLF), or '\r' for a file of lone CRs */
    size_t chunk;        /* bytes per read: CHUNK, or less for a smaller file */
    long long file_size; /* a regular file's size, else -1 */
} csv_reader;

static void on_field(void *data, size_t size, void *context)
{
    csv_reader *r = context;
    const char *text = data ? data : "";
    long line = r->cursor;
    for (const char *p = text; (p = memchr(p, r->eol, size - (size_t)(p - text))); p++)
        r->cursor++;
    r->row_closed = 0;
    r->importer.check_encoding = 1;
    qa_importer_field(&r->importer, text, size, line);
}

static void on_row(int terminator, void *context)
{
    csv_reader *r = context;
    if (terminator == r->eol) {
        r->cursor++;
        r->row_closed = 1;
    }
    qa_importer_row_end(&r->importer);
}

static void init_parser(csv_reader *r)
{
    csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
    /* libcsv grows a field's buffer by a fixed block (128 bytes unless set): a field of a
     * mebibyte took 8,000 reallocations, each a copy where realloc cannot grow in place
     * (under AddressSanitizer always: 28 s for one long field) */
    csv_set_blk_size(&r->parser, (size_t)64 << 10);
    csv_set_delim(&r->parser, (unsigned char)r->importer.delimiter);
}

static void reset_parser(csv_reader *r)
{
    csv_free(&r->parser);
    init_parser(r);
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
    if (r->eol == '\n' && size > 0 && text[size - 1] == '\r')
        size--;
    if (size == 0)
        return; /* blank line */
    im->check_encoding = qa_text_needs_encoding_check((const unsigned char *)text, size);
    qa_importer_split_row(im, text, size, r->line);
}

/* The line without a final carriage return. */
static size_t plain_size(const char *text, size_t size)
{
    return size > 0 && text[size - 1] == '\r' ? size - 1 : size;
}

/* Not blank, and no quote, carriage return (but a final one), NUL or byte >= 0x80: the common
 * line, checked in one pass of eight-byte words instead of three scans. */
static int line_is_plain(const char *text, size_t size)
{
    size = plain_size(text, size);
    if (size == 0)
        return 0;
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const uint64_t quotes = 0x2222222222222222ull, returns = 0x0D0D0D0D0D0D0D0Dull;
    uint64_t found = 0;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        uint64_t q = w ^ quotes, c = w ^ returns;
        /* any zero byte in w, q or c (Mycroft's test), or any high bit */
        found |= ((w - ones) & ~w) | ((q - ones) & ~q) | ((c - ones) & ~c) | w;
    }
    if (found & high)
        return 0;
    for (; i < size; i++) {
        unsigned char b = (unsigned char)text[i];
        if (b == 0 || b == '"' || b == '\r' || b >= 0x80)
            return 0;
    }
    return 1;
}

static int needs_parser(const csv_reader *r, const char *text, size_t size)
{
    if (memchr(text, '"', size))
        return 1;
    if (r->eol == '\r') /* lone-CR lines: a line feed inside one is for libcsv */
        return memchr(text, '\n', size) != NULL;
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
        const char *feed = memchr(text, r->eol, left);
        size_t line_size = feed ? (size_t)(feed - text) : left;
        size_t take = feed ? line_size + 1 : left;
        if (r->quoted_row_open) {
            feed_parser(r, text, take);
        } else if (!feed && !at_end) {
            if (left < r->chunk)
                break;                  /* carry the partial line to the next chunk */
            feed_parser(r, text, take); /* a line over a chunk: libcsv, bounded above */
        } else if (r->eol == '\n' && line_is_plain(text, line_size)) {
            r->importer.check_encoding = 0;
            qa_importer_split_row(&r->importer, text, plain_size(text, line_size), r->line);
        } else if (needs_parser(r, text, line_size)) {
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

/* SHA-256 of each chunk on a second thread while the main one parses it (hashing is an
 * eighth of the work). Without a thread, the chunk is hashed inline. */
typedef struct {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    qa_sha256 *hash;
    const char *bytes;
    size_t size;
    int pending, quit, running;
} hash_worker;

static void *hash_worker_main(void *context)
{
    hash_worker *w = context;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->pending && !w->quit)
            pthread_cond_wait(&w->changed, &w->lock);
        if (!w->pending)
            break;
        pthread_mutex_unlock(&w->lock);
        qa_sha256_update(w->hash, w->bytes, w->size);
        pthread_mutex_lock(&w->lock);
        w->pending = 0;
        pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

static void hash_worker_start(hash_worker *w, qa_sha256 *hash, bool threaded)
{
    memset(w, 0, sizeof *w);
    w->hash = hash;
    if (!threaded || pthread_mutex_init(&w->lock, NULL) != 0)
        return;
    if (pthread_cond_init(&w->changed, NULL) != 0) {
        pthread_mutex_destroy(&w->lock);
        return;
    }
    w->running = pthread_create(&w->thread, NULL, hash_worker_main, w) == 0;
    if (!w->running) {
        pthread_cond_destroy(&w->changed);
        pthread_mutex_destroy(&w->lock);
    }
}

static void hash_worker_submit(hash_worker *w, const char *bytes, size_t size)
{
    if (!w->running) {
        qa_sha256_update(w->hash, bytes, size);
        return;
    }
    pthread_mutex_lock(&w->lock);
    w->bytes = bytes, w->size = size, w->pending = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
}

/* Returns once the submitted bytes are hashed (before the buffer is reused). */
static void hash_worker_wait(hash_worker *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->lock);
    while (w->pending)
        pthread_cond_wait(&w->changed, &w->lock);
    pthread_mutex_unlock(&w->lock);
}

static void hash_worker_stop(hash_worker *w)
{
    if (!w->running)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = 1;
    pthread_cond_broadcast(&w->changed);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
}

/* Once the big arrays are reserved, a thread maps their pages ahead of the parser
 * (qa_large_populate): the kernel's zeroing of ~200 MB of fresh pages per million rows was a
 * fifth of the import, and it runs on the core that otherwise only hashes. It covers the
 * rows and text the file is estimated to hold, less a tenth (rows that grow longer, as case
 * ids do, would make a full estimate map pages nobody writes), block by block in the order
 * the parser fills them, and stops early when the import does. Populating never changes
 * memory, so it is safe beside the parser's writes. */
typedef struct {
    pthread_t thread;
    int running;
    atomic_int quit;
    char **arrays;
    size_t *widths;
    size_t count, from_row, to_row;
    char *text;
    size_t text_from, text_to;
} populator;

enum { POPULATE_ROWS = 1 << 15, POPULATE_MIN = 4 << 20 };

static void *populate_main(void *context)
{
    populator *p = context;
    size_t rows = p->to_row - p->from_row, text = p->text_to - p->text_from;
    for (size_t r = p->from_row; r < p->to_row && !atomic_load(&p->quit); r += POPULATE_ROWS) {
        size_t end = p->to_row - r > POPULATE_ROWS ? r + POPULATE_ROWS : p->to_row;
        for (size_t a = 0; a < p->count; a++)
            qa_large_populate(p->arrays[a] + r * p->widths[a], (end - r) * p->widths[a]);
        size_t t0 = (size_t)((double)text * (double)(r - p->from_row) / (double)rows);
        size_t t1 = (size_t)((double)text * (double)(end - p->from_row) / (double)rows);
        if (p->text)
            qa_large_populate(p->text + p->text_from + t0, t1 - t0);
    }
    return NULL;
}

static void populate_start(populator *p, qa_importer *im, size_t rows, size_t text)
{
    qa_dataset *ds = im->dataset;
    size_t most = ds->column_count + 2;
    p->arrays = malloc(most * sizeof *p->arrays);
    p->widths = malloc(most * sizeof *p->widths);
    if (!p->arrays || !p->widths)
        return;
    p->count = qa_importer_row_arrays(im, p->arrays, p->widths, most);
    p->from_row = ds->rows;
    p->to_row = rows < im->capacity ? rows : im->capacity;
    size_t row_bytes = 0;
    for (size_t a = 0; a < p->count; a++)
        row_bytes += p->widths[a];
    if (p->to_row <= p->from_row || (p->to_row - p->from_row) * row_bytes < POPULATE_MIN)
        return;
    p->text = ds->text_pool;
    p->text_from = ds->text_pool_size;
    p->text_to = text < im->text_capacity ? text : im->text_capacity;
    if (!p->text || p->text_to < p->text_from)
        p->text_to = p->text_from;
    atomic_init(&p->quit, 0);
    p->running = pthread_create(&p->thread, NULL, populate_main, p) == 0;
}

/* Also before the arrays move (importer->before_growth): no mapping of memory given back. */
static void populate_stop(void *context)
{
    populator *p = context;
    if (p->running) {
        atomic_store(&p->quit, 1);
        pthread_join(p->thread, NULL);
    }
    free(p->arrays);
    free(p->widths);
    memset(p, 0, sizeof *p);
}

/* After the first chunk: reserve the rows the whole file will need, at its observed density,
 * plus a margin (a short estimate just means doubling resumes), and the text it can hold at
 * most: a stored field takes its bytes plus a NUL, no more than it took in the file with its
 * delimiter or line end, so the file's size (+1 for a last line without one) bounds the pool.
 * Reserved memory that is never written costs address space only. (An estimate from the
 * first chunk fell short as case ids grow longer, and the pool's copy when it doubled was
 * a tenth of the import.) */
static void reserve_for_file(csv_reader *r, size_t bytes_seen, populator *pages)
{
    if (r->file_size < 0 || bytes_seen == 0)
        return;
    double scale = (double)r->file_size / (double)bytes_seen;
    qa_dataset *ds = r->importer.dataset;
    if (scale <= 1.0 || ds->rows == 0)
        return;
    qa_importer_reserve(&r->importer, (size_t)((double)ds->rows * scale * 1.05) + 1024,
                        (size_t)r->file_size + 1);
    r->importer.before_growth = populate_stop;
    r->importer.growth_context = pages;
    if (!r->importer.fatal)
        populate_start(pages, &r->importer, (size_t)((double)ds->rows * scale * 0.9),
                       (size_t)((double)ds->text_pool_size * scale * 0.9));
}

/* Lone CRs (old Mac text) when the first chunk has carriage returns but no line feed. */
static char detect_eol(const char *text, size_t size)
{
    if (memchr(text, '\n', size))
        return '\n';
    return memchr(text, '\r', size) ? '\r' : '\n';
}

/* The delimiter the header line holds most of, outside quotes: ',' ';' or tab (',' first on
 * a tie, then ';'). Excel writes ';' in locales with a decimal comma. */
static char detect_delimiter(const char *text, size_t size, char eol)
{
    size_t commas = 0, semicolons = 0, tabs = 0;
    int quoted = 0;
    for (size_t i = 0; i < size; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == eol)
            break;
        else if (c == ',')
            commas++;
        else if (c == ';')
            semicolons++;
        else if (c == '\t')
            tabs++;
    }
    if (commas >= semicolons && commas >= tabs)
        return ',';
    return semicolons >= tabs ? ';' : '\t';
}

static void setup_text(csv_reader *r, const char *text, size_t size, char delimiter)
{
    r->eol = detect_eol(text, size);
    char d = delimiter ? delimiter : detect_delimiter(text, size, r->eol);
    r->importer.delimiter = d;
    r->importer.decimal_comma = d == ';';
    csv_set_delim(&r->parser, (unsigned char)d);
}

static qa_status read_chunks(csv_reader *r, FILE *file, hash_worker *hasher, populator *pages,
                             char *buffer, char delimiter)
{
    size_t carry = 0;
    int first = 1, first_chunk_done = 0;
    for (;;) {
        size_t n = fread(buffer + carry, 1, r->chunk, file);
        if (ferror(file))
            return QA_ERR_IO;
        hash_worker_submit(hasher, buffer + carry, n);
        int at_end = n < r->chunk;
        size_t start = 0;
        if (first && carry + n >= 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0)
            start = 3; /* UTF-8 byte order mark */
        if (first)
            setup_text(r, buffer + start, carry + n - start, delimiter);
        first = 0;
        size_t used = start + process_lines(r, buffer + start, carry + n - start, at_end);
        carry = carry + n - used;
        hash_worker_wait(hasher);
        if (r->importer.stop || at_end)
            break;
        if (first_chunk_done++ == 0)
            reserve_for_file(r, used, pages);
        memmove(buffer, buffer + used, carry);
    }
    return QA_OK;
}

static qa_status read_file(csv_reader *r, FILE *file, qa_sha256 *hash, char delimiter)
{
    /* A regular file under a chunk is read in one call into a buffer of its size (the
     * influence tests import thousands of small files) and hashed inline; anything else in
     * CHUNK steps, hashed on a second thread. */
    struct stat info;
    r->file_size = fstat(fileno(file), &info) == 0 && S_ISREG(info.st_mode) && info.st_size >= 0
                       ? (long long)info.st_size
                       : -1;
    bool small = r->file_size > 0 && r->file_size < CHUNK;
    r->chunk = small ? (size_t)info.st_size + 1 : CHUNK;
    char *buffer = malloc(2 * r->chunk);
    if (!buffer)
        return QA_ERR_MEMORY;
    hash_worker hasher;
    hash_worker_start(&hasher, hash, !small);
    populator pages;
    memset(&pages, 0, sizeof pages);
    qa_status status = read_chunks(r, file, &hasher, &pages, buffer, delimiter);
    populate_stop(&pages);
    r->importer.before_growth = NULL;
    hash_worker_stop(&hasher);
    free(buffer);
    if (status != QA_OK)
        return status;
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
                              const char *format, ...) __attribute__((format(printf, 4, 5)));

static qa_status file_problem(qa_error_list *errors, qa_status status, const char *path,
                              const char *format, ...)
{
    qa_error error;
    qa_error_clear(&error);
    error.status = status;
    snprintf(error.file, sizeof error.file, "%s", path);
    va_list args;
    va_start(args, format);
    vsnprintf(error.message, sizeof error.message, format, args);
    va_end(args);
    qa_error_list_add(errors, &error);
    return status;
}

static int is_utf8_name(const char *encoding)
{
    return !encoding || !*encoding || strcasecmp(encoding, "utf-8") == 0 ||
           strcasecmp(encoding, "utf8") == 0;
}

/* The whole file converted from `encoding` to UTF-8 with iconv; the SHA-256 is of the
 * original bytes. On failure one problem (an unknown encoding, a byte it does not define). */
static qa_status convert_file(FILE *file, const char *path, const char *encoding, char **out,
                              size_t *out_size, qa_sha256 *hash, qa_error_list *errors)
{
    *out = NULL;
    *out_size = 0;
    size_t size = 0, capacity = 1 << 16;
    char *raw = malloc(capacity);
    if (!raw)
        return QA_ERR_MEMORY;
    size_t n;
    while ((n = fread(raw + size, 1, capacity - size, file)) > 0) {
        size += n;
        if (size == capacity) {
            char *grown = realloc(raw, capacity * 2);
            if (!grown) {
                free(raw);
                return QA_ERR_MEMORY;
            }
            raw = grown, capacity *= 2;
        }
    }
    if (ferror(file)) {
        free(raw);
        return QA_ERR_IO;
    }
    qa_sha256_update(hash, raw, size);
    iconv_t cd = iconv_open("UTF-8", encoding);
    if (cd == (iconv_t)-1) {
        free(raw);
        return file_problem(errors, QA_ERR_INPUT, path,
                            "unknown encoding '%s' for --encoding (for example latin1, cp1252, "
                            "utf-16, iso-8859-15; `iconv -l` lists them all)",
                            encoding);
    }
    size_t room = size * 4 + 16; /* UTF-8 of any single-byte encoding fits in 3 per byte */
    char *converted = malloc(room);
    qa_status status = QA_OK;
    if (!converted) {
        status = QA_ERR_MEMORY;
    } else {
        char *in = raw, *to = converted;
        size_t in_left = size, to_left = room;
        if (iconv(cd, &in, &in_left, &to, &to_left) == (size_t)-1) {
            status = file_problem(errors, QA_ERR_INPUT, path,
                                  "byte %zu (0x%02X) is not valid %s text: is --encoding %s "
                                  "the file's encoding?",
                                  (size_t)(in - raw) + 1, (unsigned)(unsigned char)*in, encoding,
                                  encoding);
        } else {
            *out_size = room - to_left;
            *out = converted;
            converted = NULL;
        }
    }
    iconv_close(cd);
    free(converted);
    free(raw);
    return status;
}

qa_status qa_import_csv(const char *path, const qa_codebook *codebook,
                        const qa_import_options *options, qa_dataset *dataset,
                        qa_error_list *errors)
{
    qa_dataset_init(dataset);
    snprintf(dataset->path, sizeof dataset->path, "%s", path);
    snprintf(dataset->format, sizeof dataset->format, "CSV");
    FILE *file = fopen(path, "rb");
    if (!file)
        return file_problem(errors, QA_ERR_IO, path, "%s", strerror(errno));
    qa_sha256 hash, original;
    qa_sha256_init(&hash);
    char *converted = NULL;
    const char *encoding = options ? options->encoding : NULL;
    if (!is_utf8_name(encoding)) {
        size_t size;
        qa_sha256_init(&original);
        qa_status status = convert_file(file, path, encoding, &converted, &size, &original, errors);
        fclose(file);
        file = NULL;
        if (status == QA_OK)
            file = fmemopen(converted, size, "rb");
        if (status != QA_OK || !file) {
            free(converted);
            return status != QA_OK ? status : QA_ERR_MEMORY;
        }
    }
    csv_reader r;
    memset(&r, 0, sizeof r);
    r.line = 1;
    r.eol = '\n';
    r.importer.path = path;
    r.importer.codebook = codebook;
    r.importer.dataset = dataset;
    r.importer.errors = errors;
    r.importer.delimiter = ',';
    size_t first_error = errors->count;
    r.importer.error_limit =
        first_error + (options && options->error_limit ? options->error_limit : QA_ERROR_LIMIT);
    r.importer.skip_text_columns = options && options->skip_text_columns;
    r.importer.skip_measures = options ? options->skip_measures : 0;
    init_parser(&r);
    qa_status status = read_file(&r, file, &hash, options ? options->delimiter : 0);
    fclose(file);
    free(converted);
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
            file_problem(errors, status, path, "%s",
                         status == QA_ERR_IO ? "read error" : "out of memory while reading");
        return status;
    }
    qa_sha256_hex(encoding && !is_utf8_name(encoding) ? &original : &hash, dataset->sha256);
    return QA_OK;
}
