/* Bounded, deterministic fuzzing of the importer: seeded mutations of the good input files
 * (byte flips, inserted quotes, commas, line breaks, carriage returns, NUL and non-UTF-8
 * bytes, deletions, truncations) run through qa_import_csv, derive and measure in-process.
 * Nothing may crash or leak (the sanitizer build runs this), and every outcome must be a
 * status with, for bad input, at least one problem naming the file. */
#include "test_support.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/measure.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

typedef struct {
    uint64_t state;
} rng;

static uint64_t next(rng *r) /* xorshift64* (Vigna 2016) */
{
    r->state ^= r->state >> 12;
    r->state ^= r->state << 25;
    r->state ^= r->state >> 27;
    return r->state * 2685821657736338717ull;
}

static size_t below(rng *r, size_t n)
{
    return n ? (size_t)(next(r) % n) : 0;
}

static const char inserts[] = {'"', ',', '\n', '\r', '\0', '\xff', '\xc3', '.', '-', '9', ' '};

/* One to four mutations of data (size in *size, capacity at least *size + 64). */
static void mutate(rng *r, char *data, size_t *size)
{
    int count = 1 + (int)below(r, 4);
    for (int m = 0; m<count && * size> 0; m++) {
        size_t at = below(r, *size);
        switch (below(r, 5)) {
        case 0: /* flip a byte */
            data[at] = (char)(data[at] ^ (1u << below(r, 8)));
            break;
        case 1: /* insert a structural or hostile byte */
            memmove(data + at + 1, data + at, *size - at);
            data[at] = inserts[below(r, sizeof inserts)];
            (*size)++;
            break;
        case 2: { /* delete a short range */
            size_t length = 1 + below(r, 8);
            if (at + length > *size)
                length = *size - at;
            memmove(data + at, data + at + length, *size - at - length);
            *size -= length;
            break;
        }
        case 3: /* truncate */
            *size = at;
            break;
        default: /* overwrite with a quote or comma */
            data[at] = below(r, 2) ? '"' : ',';
            break;
        }
    }
}

static void run_one(const char *path, const qa_codebook *codebook, size_t *accepted)
{
    qa_dataset dataset;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_status status = qa_import_csv(path, codebook, NULL, &dataset, &errors);
    if (status == QA_OK) {
        (*accepted)++;
        assert_int_equal(errors.count, 0);
        qa_derived derived;
        qa_dataset_derive(&dataset, 5, 2020, &derived, &errors);
        qa_derived_free(&derived);
        double *out = malloc((dataset.rows ? dataset.rows : 1) * sizeof *out);
        for (int k = 0; k < 5; k++) {
            double alpha_raw, alpha_standardized;
            qa_error error;
            qa_measure_values(&dataset, k, NULL, out, &alpha_raw, &alpha_standardized, &error);
        }
        free(out);
        for (size_t row = 0; row < dataset.rows; row++)
            assert_true(dataset.line[row] >= 2);
        qa_dataset_free(&dataset);
    } else {
        assert_int_equal(status, QA_ERR_INPUT);
        assert_true(errors.count > 0);
        assert_string_equal(errors.items[0].file, path);
    }
    qa_error_list_free(&errors);
}

static void fuzz_file(const char *source, const char *codebook_path, int rounds, uint64_t seed,
                      const char *dir, size_t *accepted)
{
    size_t size;
    char *original = qa_test_read_file(source, &size);
    assert_non_null(original);
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(codebook_path ? qa_codebook_read(codebook_path, &codebook, &error)
                                   : qa_codebook_default(&codebook, &error),
                     QA_OK);
    char *data = malloc(size + 64);
    char path[512];
    snprintf(path, sizeof path, "%s/fuzz.csv", dir);
    rng r = {seed};
    for (int round = 0; round < rounds; round++) {
        memcpy(data, original, size);
        size_t mutated = size;
        mutate(&r, data, &mutated);
        FILE *file = fopen(path, "wb");
        assert_non_null(file);
        fwrite(data, 1, mutated, file);
        fclose(file);
        run_one(path, &codebook, accepted);
    }
    free(data);
    free(original);
    qa_codebook_free(&codebook);
}

static void test_fuzz_good_files(void **state)
{
    (void)state;
    static const char *const files[][2] = {
        {"tests/data/good/base.csv", NULL},
        {"tests/data/good/quoted.csv", NULL},
        {"tests/data/good/chinese.csv", NULL},
        {"tests/data/good/crlf.csv", NULL},
        {"tests/data/good/bom.csv", NULL},
        {"tests/data/good/missing_spellings.csv", NULL},
        {"tests/data/good/unknown_columns.csv", NULL},
        {"tests/data/good/renamed.csv", "tests/data/good/renamed_codebook.csv"},
        {"tests/data/good/missing_code.csv", "tests/data/good/missing_code_codebook.csv"},
        {"tests/data/good/composite.csv", "tests/data/good/composite_codebook.csv"},
    };
    char *dir = qa_test_temp_dir();
    size_t accepted = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        fuzz_file(files[i][0], files[i][1], 400, 0x9E3779B97F4A7C15ull + i, dir, &accepted);
    /* some mutations are harmless (a flipped letter in a name): both outcomes occur */
    assert_true(accepted > 0 && accepted < 4000);
    qa_test_remove_tree(dir);
    free(dir);
}

/* A file over two chunks, so mutations also land near the 1 MiB chunk borders. */
static void test_fuzz_across_chunks(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/large_source.csv", dir);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs("case_id,formed,security,political,notes,start_year,end_year\n", file);
    for (int i = 0; i < 45000; i++)
        fprintf(file, "c%d,%d,%d,%d,%s,%d,%d\n", i, i % 2, i % 5, (i / 5) % 5,
                i % 11 == 0 ? "\"quoted, with\nnewline\"" : "plain", 1950 + i % 50, 1960 + i % 50);
    fclose(file);
    size_t accepted = 0;
    fuzz_file(path, NULL, 12, 42, dir, &accepted);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fuzz_good_files),
        cmocka_unit_test(test_fuzz_across_chunks),
    };
    return qa_test_main(argc, argv, tests);
}
