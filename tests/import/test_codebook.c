/* The codebook: the default of docs/METHODS.md §2.2, writing and reading it back, and the errors of
 * a bad codebook file (each naming its line and column). */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"

static void test_default(void **state)
{
    (void)state;
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(qa_codebook_default(&codebook, &error), QA_OK);
    assert_int_equal(codebook.count, 21);
    const qa_codebook_entry *e = qa_codebook_find(&codebook, "cognitive");
    assert_non_null(e);
    assert_int_equal(e->role, QA_ROLE_MEASURE);
    assert_int_equal(e->measure, 3);
    assert_int_equal(e->type, QA_TYPE_ORDINAL);
    assert_true(e->min == 0.0 && e->max == 4.0);
    e = qa_codebook_find(&codebook, "members");
    assert_int_equal(e->role, QA_ROLE_MEMBERS);
    e = qa_codebook_find(&codebook, "agreement");
    assert_int_equal(e->role, QA_ROLE_GROUP);
    assert_int_equal(e->type, QA_TYPE_CATEGORY);
    assert_true(isnan(e->min));
    assert_null(qa_codebook_find(&codebook, "Case_ID")); /* exact names */
    assert_string_equal(qa_role_name(QA_ROLE_OBSERVED_UNTIL), "observed_until");
    assert_string_equal(qa_value_type_name(QA_TYPE_INTERVAL), "interval");
    qa_codebook_free(&codebook);
}

static void test_write_read_round_trip(void **state)
{
    (void)state;
    qa_codebook original, read_back;
    qa_error error;
    assert_int_equal(
        qa_codebook_read("tests/data/good/missing_code_codebook.csv", &original, &error), QA_OK);
    const qa_codebook_entry *value = qa_codebook_find(&original, "value");
    assert_int_equal(value->missing_count, 2);
    assert_string_equal(value->missing[0], "-9");
    assert_string_equal(value->missing[1], "-8");
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/written.csv", dir);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    qa_codebook_write(&original, file);
    fclose(file);
    assert_int_equal(qa_codebook_read(path, &read_back, &error), QA_OK);
    assert_int_equal(read_back.count, original.count);
    for (size_t i = 0; i < original.count; i++) {
        const qa_codebook_entry *a = &original.entries[i], *b = &read_back.entries[i];
        assert_string_equal(a->column, b->column);
        assert_int_equal(a->role, b->role);
        assert_int_equal(a->measure, b->measure);
        assert_int_equal(a->type, b->type);
        assert_true((isnan(a->min) && isnan(b->min)) || a->min == b->min);
        assert_int_equal(a->missing_count, b->missing_count);
        assert_string_equal(a->label, b->label); /* labels with commas survive quoting */
    }
    qa_codebook_free(&original);
    qa_codebook_free(&read_back);
    qa_test_remove_tree(dir);
    free(dir);
}

/* Writes text as a codebook and expects qa_codebook_read to fail at line/column. */
static void expect_codebook_error(const char *text, long line, const char *column,
                                  const char *message)
{
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/codebook.csv", dir);
    assert_int_equal(qa_test_write_file(path, text), 0);
    qa_codebook codebook;
    qa_error error;
    qa_error_clear(&error);
    assert_int_equal(qa_codebook_read(path, &codebook, &error), QA_ERR_INPUT);
    if (error.line != line || strcmp(error.column, column) != 0 || !strstr(error.message, message))
        fail_msg("expected line %ld column '%s' '%s', got line %ld column '%s': %s", line, column,
                 message, error.line, error.column, error.message);
    assert_null(codebook.entries);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_bad_codebooks(void **state)
{
    (void)state;
    const char *header = "column,role,type,min,max,missing,label\n";
    char text[1024];
    snprintf(text, sizeof text, "%scase_id,id,text,,,,\nx,leader,ordinal,0,4,,\n", header);
    expect_codebook_error(text, 3, "role", "unknown role 'leader'");
    snprintf(text, sizeof text, "%scase_id,id,text,,,,\nx,measure:trust,ordinal,0,4,,\n", header);
    expect_codebook_error(text, 3, "role", "unknown role 'measure:trust'");
    snprintf(text, sizeof text,
             "%scase_id,id,text,,,,\n\"x\ny\",control,ordinal,0,4,,\nz,control,nominal,,,,\n",
             header);
    expect_codebook_error(text, 5, "type", "unknown type 'nominal'");
    snprintf(text, sizeof text, "%sx,control,ordinal,low,4,,\n", header);
    expect_codebook_error(text, 2, "min", "min is not a number: 'low'");
    snprintf(text, sizeof text, "%sx,control,ordinal,5,4,,\n", header);
    expect_codebook_error(text, 2, "min", "min is above max");
    snprintf(text, sizeof text, "%sx,control,ordinal,0,4,,\ny,text,text,,,,\nx,text,text,,,,\n",
             header);
    expect_codebook_error(text, 4, "column", "column 'x' is listed twice");
    snprintf(text, sizeof text, "%sx,measure:value,category,,,,\n", header);
    expect_codebook_error(text, 2, "type", "a measure must be binary, ordinal or interval");
    snprintf(text, sizeof text, "%sx,formed,ordinal,0,4,,\n", header);
    expect_codebook_error(text, 2, "type", "role formed needs type binary");
    snprintf(text, sizeof text, "%sx,control,ordinal,0,4,1;2;3;4;5;6;7;8;9,\n", header);
    expect_codebook_error(text, 2, "missing", "more than 8 missing codes");
    expect_codebook_error("column,kind,type\nx,id,text\n", 1, "kind",
                          "unknown codebook column 'kind'; valid columns: column, role, type, "
                          "min, max, missing, label, transform, constant");
    expect_codebook_error("column,type\nx,text\n", 1, "role", "codebook header lacks 'role'");
    snprintf(text, sizeof text, "%sx,control,ordinal,0,4\n", header);
    expect_codebook_error(text, 2, "", "different number of fields");
    snprintf(text, sizeof text, "%sx,control,\"ordinal,0,4,,\n", header);
    expect_codebook_error(text, 2, "", "malformed CSV");
    expect_codebook_error(header, 1, "", "codebook has no rows");

    qa_codebook codebook;
    qa_error error;
    assert_int_equal(qa_codebook_read("tests/data/good/no_such_codebook.csv", &codebook, &error),
                     QA_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_write_read_round_trip),
        cmocka_unit_test(test_bad_codebooks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
