/* Unit tests of the importer API: values, NaN for the missing spellings, category levels,
 * text, physical line numbers (quoted newlines, CRLF, BOM, chunk boundaries), unknown
 * columns, codebooks that rename columns or add missing codes, the SHA-256 of the bytes,
 * and the error list. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static qa_status import_file(const char *path, const char *codebook_path, qa_dataset *dataset,
                             qa_error_list *errors)
{
    qa_codebook codebook;
    qa_error error;
    qa_status status = codebook_path ? qa_codebook_read(codebook_path, &codebook, &error)
                                     : qa_codebook_default(&codebook, &error);
    assert_int_equal(status, QA_OK);
    qa_error_list_init(errors, 0);
    status = qa_import_csv(path, &codebook, NULL, dataset, errors);
    qa_codebook_free(&codebook);
    return status;
}

static void import_ok(const char *path, const char *codebook_path, qa_dataset *dataset)
{
    qa_error_list errors;
    qa_status status = import_file(path, codebook_path, dataset, &errors);
    if (status != QA_OK) {
        char text[1024] = "";
        if (errors.count)
            qa_error_format(&errors.items[0], text, sizeof text);
        fail_msg("%s: %s", path, text);
    }
    qa_error_list_free(&errors);
}

static const char *text_of(const qa_dataset *dataset, const char *column, size_t row)
{
    const qa_column *c = qa_dataset_column(dataset, column);
    assert_non_null(c);
    return qa_dataset_text(dataset, c, row);
}

static double value_of(const qa_dataset *dataset, const char *column, size_t row)
{
    const qa_column *c = qa_dataset_column(dataset, column);
    assert_non_null(c);
    assert_int_equal(c->kind, QA_COLUMN_NUMERIC);
    return c->values[row];
}

static void test_base_values(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/base.csv", NULL, &d);
    assert_int_equal(d.rows, 12);
    assert_int_equal(d.column_count, 21);
    /* sha256sum tests/data/good/base.csv (coreutils) */
    assert_string_equal(d.sha256,
                        "cd9aa9cd7c7b0cf50c18b40209d9969b1ad6c7b57b18bdf075a5a054075adc5a");
    assert_string_equal(qa_dataset_case_id(&d, 0), "Q01");
    assert_string_equal(qa_dataset_case_id(&d, 11), "N04");
    assert_int_equal(d.line[0], 2);
    assert_int_equal(d.line[11], 13);
    assert_true(value_of(&d, "security", 0) == 4.0);
    assert_true(value_of(&d, "value", 3) == 4.0);
    assert_true(value_of(&d, "start_year", 0) == 1945.0);
    assert_true(isnan(value_of(&d, "end_year", 0)));
    assert_true(isnan(value_of(&d, "ongoing", 2))); /* blank ongoing cell */
    assert_true(value_of(&d, "formed", 8) == 0.0);
    assert_true(value_of(&d, "observed_until", 1) == 2020.0);
    assert_string_equal(text_of(&d, "case_name", 0), "USA-Saudi Arabia");
    assert_string_equal(text_of(&d, "members", 2), "China;Pakistan");
    assert_null(text_of(&d, "notes", 0));
    assert_string_equal(text_of(&d, "notes", 8), "comparison");
    assert_int_equal(d.formed_column, 7);
    assert_int_equal(d.measure_column_count[0], 1);
    assert_string_equal(d.columns[d.measure_columns[4][0]].name, "value");
    assert_int_equal(d.unknown_count, 0);
    qa_dataset_free(&d);
}

static void test_levels_sorted(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/base.csv", NULL, &d);
    const qa_column *agreement = qa_dataset_column(&d, "agreement");
    assert_int_equal(agreement->kind, QA_COLUMN_CATEGORY);
    static const char *const levels[] = {"communique", "friendship treaty", "joint statement",
                                         "law",        "memorandum",        "none"};
    assert_int_equal(agreement->level_count, 6);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(agreement->levels[i], levels[i]);
    assert_int_equal(agreement->codes[0], 0); /* communique */
    assert_int_equal(agreement->codes[1], 3); /* law */
    assert_int_equal(agreement->codes[5], 1); /* friendship treaty */
    assert_int_equal(agreement->codes[8], 5); /* none */
    const qa_column *era = qa_dataset_column(&d, "era");
    assert_int_equal(era->level_count, 2);
    assert_string_equal(era->levels[0], "cold");
    assert_int_equal(era->codes[6], 1);
    qa_dataset_free(&d);
}

static void test_quoted_fields_and_lines(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/quoted.csv", NULL, &d);
    assert_int_equal(d.rows, 5);
    assert_string_equal(text_of(&d, "case_name", 0), "USA, Saudi Arabia");
    assert_string_equal(text_of(&d, "notes", 1), "said \"no\", then\nyes");
    assert_string_equal(text_of(&d, "source", 2), "multi\nline\nsource");
    static const long lines[] = {2, 3, 5, 8, 9};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(d.line[i], lines[i]);
    assert_true(value_of(&d, "value", 4) == 1.0);
    qa_dataset_free(&d);
}

static void test_bom_and_crlf(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/bom.csv", NULL, &d);
    assert_int_equal(d.rows, 4);
    assert_int_equal(d.id_column, 0); /* the BOM is not part of "case_id" */
    /* sha256sum tests/data/good/bom.csv: the hash covers the BOM too */
    assert_string_equal(d.sha256,
                        "df59c9adf7d60cb57ec161bd32f16d29628b3099300520e6c481189cb901d3ee");
    qa_dataset_free(&d);
    import_ok("tests/data/good/crlf.csv", NULL, &d);
    assert_int_equal(d.rows, 4);
    assert_int_equal(d.line[3], 5);
    assert_string_equal(text_of(&d, "source", 3), "archive");
    assert_null(text_of(&d, "notes", 3)); /* no stray carriage return */
    assert_string_equal(qa_dataset_case_id(&d, 3), "Q04");
    qa_dataset_free(&d);
}

static void test_chinese_text(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/chinese.csv", NULL, &d);
    assert_string_equal(text_of(&d, "case_name", 0), "美国—沙特阿拉伯");
    assert_string_equal(text_of(&d, "source", 0), "档案");
    assert_string_equal(text_of(&d, "notes", 0), "准联盟");
    qa_dataset_free(&d);
}

static void test_unknown_columns(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/unknown_columns.csv", NULL, &d);
    assert_int_equal(d.unknown_count, 2);
    assert_string_equal(d.unknown_columns[0], "coder");
    assert_string_equal(d.unknown_columns[1], "extra_score");
    assert_null(qa_dataset_column(&d, "coder"));
    assert_int_equal(d.column_count, 21);
    qa_dataset_free(&d);
}

static void test_skip_text_columns(void **state)
{
    (void)state;
    qa_codebook codebook;
    qa_error error;
    qa_codebook_default(&codebook, &error);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_dataset d;
    qa_import_options options = {.skip_text_columns = true};
    assert_int_equal(qa_import_csv("tests/data/good/base.csv", &codebook, &options, &d, &errors),
                     QA_OK);
    assert_null(qa_dataset_column(&d, "source"));
    assert_null(qa_dataset_column(&d, "notes"));
    assert_int_equal(d.column_count, 19);
    assert_int_equal(d.unknown_count, 0);
    assert_string_equal(qa_dataset_case_id(&d, 1), "Q02"); /* id and name are kept */
    assert_non_null(qa_dataset_column(&d, "case_name"));
    qa_dataset_free(&d);
    /* still checked: invalid UTF-8 in a skipped column is a problem */
    assert_int_equal(qa_import_csv("tests/data/bad/nul_byte.csv", &codebook, &options, &d, &errors),
                     QA_ERR_INPUT);
    assert_string_equal(errors.items[0].column, "notes");
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}

static void test_missing_spellings(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/missing_spellings.csv", NULL, &d);
    assert_true(isnan(value_of(&d, "security", 0)));  /* empty */
    assert_true(isnan(value_of(&d, "political", 1))); /* NA */
    assert_true(isnan(value_of(&d, "economic", 2)));  /* . */
    assert_true(value_of(&d, "security", 1) == 4.0);
    qa_dataset_free(&d);
}

static void test_renaming_codebook(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/renamed.csv", "tests/data/good/renamed_codebook.csv", &d);
    assert_int_equal(d.rows, 4);
    assert_string_equal(d.columns[d.id_column].name, "id");
    assert_string_equal(d.columns[d.formed_column].name, "formed_qa");
    assert_string_equal(d.columns[d.measure_columns[0][0]].name, "sec");
    assert_string_equal(d.columns[d.end_column].name, "finish");
    assert_true(value_of(&d, "sec", 0) == 4.0);
    assert_string_equal(qa_dataset_case_id(&d, 3), "Q04");
    assert_int_equal(d.unknown_count, 0);
    qa_dataset_free(&d);
}

static void test_missing_codes(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/missing_code.csv", "tests/data/good/missing_code_codebook.csv", &d);
    assert_true(isnan(value_of(&d, "security", 0)));  /* -9 */
    assert_true(isnan(value_of(&d, "political", 2))); /* -9 */
    assert_true(isnan(value_of(&d, "value", 2)));     /* -8, the second code */
    assert_true(value_of(&d, "security", 2) == 4.0);
    qa_dataset_free(&d);
}

static void test_error_list(void **state)
{
    (void)state;
    qa_dataset d;
    qa_error_list errors;
    assert_int_equal(import_file("tests/data/bad/several_problems.csv", NULL, &d, &errors),
                     QA_ERR_INPUT);
    assert_int_equal(errors.count, 8);
    assert_int_equal(errors.items[0].line, 3);
    assert_string_equal(errors.items[0].column, "security");
    assert_string_equal(errors.items[0].case_id, "Q02");
    assert_string_equal(errors.items[0].file, "tests/data/bad/several_problems.csv");
    assert_int_equal(errors.items[7].line, 10);
    assert_int_equal(d.rows, 0); /* freed */
    assert_null(d.columns);
    qa_error_list_free(&errors);

    qa_codebook codebook;
    qa_error error;
    qa_codebook_default(&codebook, &error);
    qa_error_list_init(&errors, 0);
    qa_import_options options = {.error_limit = 3};
    assert_int_equal(
        qa_import_csv("tests/data/bad/several_problems.csv", &codebook, &options, &d, &errors),
        QA_ERR_INPUT);
    assert_int_equal(errors.count, 3);
    qa_error_list_free(&errors);
    qa_error_list_init(&errors, 0);
    assert_int_equal(
        qa_import_csv("tests/data/good/no_such_file.csv", &codebook, NULL, &d, &errors), QA_ERR_IO);
    assert_int_equal(errors.count, 1);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}

/* A file of several MiB whose quoted multi-line fields fall across the 1 MiB chunk borders:
 * every row's line number and values must come out right. */
static void test_chunk_boundaries(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/large.csv", dir);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    enum { ROWS = 60000 };
    long *expected_line = malloc(ROWS * sizeof *expected_line);
    long line = 1;
    fputs("case_id,formed,security,notes,political,economic,cognitive,value\r\n", file);
    line++;
    for (int i = 0; i < ROWS; i++) {
        expected_line[i] = line;
        if (i % 7 == 3) {
            fprintf(file,
                    "c%d,%d,%d,\"note, with \"\"quotes\"\"\r\nand a second line %d\",1,2,3,4\r\n",
                    i, i % 2, i % 5, i);
            line += 2;
        } else {
            fprintf(file, "c%d,%d,%d,plain note number %d padding padding,1,2,3,4\r\n", i, i % 2,
                    i % 5, i);
            line++;
        }
    }
    fclose(file);
    qa_dataset d;
    import_ok(path, NULL, &d);
    assert_int_equal(d.rows, ROWS);
    for (int i = 0; i < ROWS; i++) {
        if (d.line[i] != expected_line[i])
            fail_msg("row %d: line %ld, expected %ld", i, d.line[i], expected_line[i]);
        assert_true(value_of(&d, "security", (size_t)i) == (double)(i % 5));
    }
    char expected[128];
    snprintf(expected, sizeof expected, "note, with \"quotes\"\r\nand a second line %d", 59993);
    assert_string_equal(text_of(&d, "notes", 59993), expected);
    qa_dataset_free(&d);
    free(expected_line);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base_values),
        cmocka_unit_test(test_levels_sorted),
        cmocka_unit_test(test_quoted_fields_and_lines),
        cmocka_unit_test(test_bom_and_crlf),
        cmocka_unit_test(test_chinese_text),
        cmocka_unit_test(test_unknown_columns),
        cmocka_unit_test(test_skip_text_columns),
        cmocka_unit_test(test_missing_spellings),
        cmocka_unit_test(test_renaming_codebook),
        cmocka_unit_test(test_missing_codes),
        cmocka_unit_test(test_error_list),
        cmocka_unit_test(test_chunk_boundaries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
