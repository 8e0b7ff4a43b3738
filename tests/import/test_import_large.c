/* A CSV file of several MiB through the importer's large-file path (import_csv.c): after the
 * first 1 MiB chunk the rows and text are reserved from the file's size and a second thread
 * maps the columns' pages ahead of the parser. The rows get shorter down the file, so the
 * estimate from the first chunk falls short and the columns grow once more; every value, text,
 * line number and the case count must be read exactly as written. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

enum { ROWS = 60000 };

static void write_file(const char *path)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs("case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
          "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,"
          "source,notes\n",
          file);
    for (int i = 0; i < ROWS; i++) {
        /* the first rows carry longer names: the first chunk underestimates the rows */
        int pad = i < ROWS / 2 ? 40 : 0;
        fprintf(file,
                "C%d,Case %d%*s,S%d;S%d,%d,%d,0,,%d,%d,%d,%s,%d,%d,%s,bilateral,security,"
                "state,mutual,treaty,synthetic,\n",
                i, i, pad, "", i % 200, (i + 7) % 200, 1946 + i % 70, 1950 + i % 70, i % 2, i % 5,
                (i / 5) % 5, i % 7 == 0 ? "" : "2", i % 3, (i / 3) % 5,
                i < ROWS / 2 ? "cold_war" : "post_cold_war");
    }
    assert_int_equal(fclose(file), 0);
}

static void test_large_file_reads_every_value(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/large.csv", dir);
    write_file(path);
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(qa_codebook_default(&codebook, &error), QA_OK);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_dataset d;
    assert_int_equal(qa_import_csv(path, &codebook, NULL, &d, &errors), QA_OK);
    assert_int_equal(errors.count, 0);
    assert_int_equal(d.rows, ROWS);
    const qa_column *name = qa_dataset_column(&d, "case_name");
    const qa_column *members = qa_dataset_column(&d, "members");
    const qa_column *security = qa_dataset_column(&d, "security");
    const qa_column *economic = qa_dataset_column(&d, "economic");
    const qa_column *start = qa_dataset_column(&d, "start_year");
    const qa_column *era = qa_dataset_column(&d, "era");
    assert_non_null(name);
    assert_non_null(members);
    assert_non_null(security);
    assert_non_null(economic);
    assert_non_null(start);
    assert_non_null(era);
    char expected[128];
    for (int i = 0; i < ROWS; i++) {
        size_t row = (size_t)i;
        snprintf(expected, sizeof expected, "C%d", i);
        assert_string_equal(qa_dataset_case_id(&d, row), expected);
        snprintf(expected, sizeof expected, "Case %d%*s", i, i < ROWS / 2 ? 40 : 0, "");
        assert_string_equal(qa_dataset_text(&d, name, row), expected);
        snprintf(expected, sizeof expected, "S%d;S%d", i % 200, (i + 7) % 200);
        assert_string_equal(qa_dataset_text(&d, members, row), expected);
        assert_true(security->values[row] == i % 5);
        if (i % 7 == 0)
            assert_true(isnan(economic->values[row]));
        else
            assert_true(economic->values[row] == 2);
        assert_true(start->values[row] == 1946 + i % 70);
        assert_string_equal(era->levels[era->codes[row]],
                            i < ROWS / 2 ? "cold_war" : "post_cold_war");
        assert_int_equal(d.line[row], i + 2);
    }
    qa_dataset_free(&d);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_large_file_reads_every_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
