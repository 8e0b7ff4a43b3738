/* End-to-end tests of `qareport validate` and `qareport codebook`: every bad input of
 * docs/METHODS.md §2.1-§2.7 "Bad input" exits 2 naming the exact physical line and column; good
 * inputs exit 0 with the one-line summary. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs validate on path (plus extra arguments) and returns the run. */
static qa_test_run validate(const char *path, const char *extra1, const char *extra2)
{
    const char *args[] = {"validate", path, extra1, extra2, NULL};
    return qa_test_run_program(args);
}

/* The bad file gives exit 2 and stderr holds `expected` (FILE:LINE:COLUMN: ...). */
static void expect_problem(const char *name, const char *expected)
{
    char path[256], needle[512];
    snprintf(path, sizeof path, "tests/data/bad/%s", name);
    snprintf(needle, sizeof needle, "%s:%s", path, expected);
    qa_test_run run = validate(path, NULL, NULL);
    if (run.exit_code != 2 || !strstr(run.err, needle))
        fail_msg("%s: exit %d, expected '%s' in stderr:\n%s", name, run.exit_code, needle, run.err);
    assert_string_equal(run.out, "");
    qa_test_run_free(&run);
}

static void test_unbalanced_quote(void **state)
{
    (void)state;
    expect_problem("unbalanced_quote.csv", "4:case_name: unterminated quoted field");
}

static void test_stray_quote(void **state)
{
    (void)state;
    expect_problem("stray_quote.csv", "3:case_name: stray quote");
}

static void test_ragged_rows(void **state)
{
    (void)state;
    expect_problem("ragged_row.csv", "3: case Q02: ragged row: 22 fields, the header has 21");
    expect_problem("ragged_row.csv", "5:agreement: case Q04: ragged row: 18 fields");
}

static void test_duplicate_case_id(void **state)
{
    (void)state;
    expect_problem("duplicate_case_id.csv",
                   "4:case_id: case Q01: duplicate case id 'Q01' (first on line 2)");
}

static void test_empty_case_id(void **state)
{
    (void)state;
    expect_problem("empty_case_id.csv", "3:case_id: empty case id");
}

static void test_codes(void **state)
{
    (void)state;
    expect_problem("non_numeric_code.csv", "3:security: case Q02: not a number: 'high'");
    expect_problem("out_of_range_code.csv", "4:political: case Q03: '7' is out of range [0, 4]");
    expect_problem("non_integer_code.csv", "3:economic: case Q02: an ordinal code must be a whole");
    expect_problem("formed_not_binary.csv", "3:formed: case Q02: formed must be 0 or 1, not '2'");
    expect_problem("ongoing_not_binary.csv", "3:ongoing: case Q02: must be 0 or 1");
    expect_problem("year_not_integer.csv", "3:start_year: case Q04: a year must be a whole");
}

static void test_end_before_start(void **state)
{
    (void)state;
    expect_problem("end_before_start.csv",
                   "3:end_year: case Q04: end_year 1951 is before start_year 1962");
}

static void test_observed_before_start(void **state)
{
    (void)state;
    expect_problem("observed_before_start.csv",
                   "3:observed_until: case Q02: observed_until 1970 is before start_year 1979");
    qa_test_run run = validate("tests/data/bad/ongoing_without_year.csv", "--as-of", "1950");
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, ":4:start_year: case Q02: --as-of 1950 is before the case's "
                                    "start_year 1979"));
    qa_test_run_free(&run);
}

static void test_bad_headers(void **state)
{
    (void)state;
    expect_problem("unterminated_header.csv", "1: unterminated quoted field");
    expect_problem("duplicate_header_column.csv",
                   "1:security: column 'security' appears twice in the header");
}

static void test_missing_columns(void **state)
{
    (void)state;
    expect_problem("missing_required_column.csv",
                   "1:formed: required column 'formed' (role formed) is missing");
    expect_problem("no_measure_column.csv",
                   "1:security: no column 'security' for measure security (H1) in the header; "
                   "name the column in a codebook (-c FILE), or pass --skip H1 if the data do "
                   "not measure it");
}

static void test_empty_and_header_only(void **state)
{
    (void)state;
    expect_problem("empty.csv", " the file is empty");
    expect_problem("header_only.csv", "1: no data rows");
}

static void test_encoding(void **state)
{
    (void)state;
    expect_problem("invalid_utf8.csv", "3:case_name: case Q02: invalid UTF-8 at byte 8");
    expect_problem("nul_byte.csv", "4:notes: case Q03: NUL byte at byte 2");
}

static void test_ongoing_without_year(void **state)
{
    (void)state;
    expect_problem("ongoing_without_year.csv", "2:end_year: case Q01: ongoing case without an "
                                               "observation year");
    expect_problem("ongoing_without_year.csv", "4:end_year: case Q02: ongoing case");
    qa_test_run run = validate("tests/data/bad/ongoing_without_year.csv", NULL, NULL);
    assert_non_null(strstr(run.err, "pass --as-of YEAR"));
    qa_test_run_free(&run);
    /* ... and --as-of fixes it */
    run = validate("tests/data/bad/ongoing_without_year.csv", "--as-of", "2020");
    assert_int_equal(run.exit_code, 0);
    qa_test_run_free(&run);
}

/* Every problem of a file at once, in order, and the rows after a syntax error still checked. */
static void test_several_problems(void **state)
{
    (void)state;
    static const char *const expected[] = {
        "several_problems.csv:3:security: case Q02: not a number",
        "several_problems.csv:4:case_id: case Q01: duplicate case id",
        "several_problems.csv:5:political: case Q04: '9' is out of range",
        "several_problems.csv:6:end_year: case Q05: end_year 1970 is before",
        "several_problems.csv:7: case Q06: ragged row",
        "several_problems.csv:8:formed: case Q07: formed must be 0 or 1",
        "several_problems.csv:9:case_name: stray quote",
        "several_problems.csv:10:case_id: empty case id",
    };
    qa_test_run run = validate("tests/data/bad/several_problems.csv", NULL, NULL);
    assert_int_equal(run.exit_code, 2);
    const char *cursor = run.err;
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const char *found = strstr(cursor, expected[i]);
        if (!found)
            fail_msg("missing or out of order: '%s' in\n%s", expected[i], run.err);
        cursor = found + 1;
    }
    size_t lines = 0;
    for (const char *p = run.err; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 8);
    qa_test_run_free(&run);
}

static void test_field_over_one_mebibyte(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/long_field.csv", dir);
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    fputs("case_id,formed,security,notes\nA,1,2,short\nB,0,1,", file);
    for (int i = 0; i < (1 << 20) + 10; i++)
        fputc('x', file);
    fputs("\nC,1,3,ok\n", file);
    fclose(file);
    qa_test_run run = validate(path, NULL, NULL);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, ":3:notes: case B: field is over 1 MiB"));
    qa_test_run_free(&run);
    /* the same inside quotes that never close: reported where the quote opens */
    file = fopen(path, "wb");
    fputs("case_id,formed,security,notes\nA,1,2,short\nB,0,1,\"", file);
    for (int i = 0; i < 3 << 20; i++)
        fputc(i % 100 ? 'x' : '\n', file);
    fclose(file);
    run = validate(path, NULL, NULL);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, ":3:notes: field is over 1 MiB"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void expect_summary(const char *path, const char *codebook, const char *expected)
{
    qa_test_run run = validate(path, codebook ? "-c" : NULL, codebook);
    if (run.exit_code != 0 || strcmp(run.out, expected) != 0)
        fail_msg("%s: exit %d\nstdout: %s\nexpected: %s\nstderr: %s", path, run.exit_code, run.out,
                 expected, run.err);
    qa_test_run_free(&run);
}

static void test_good_inputs(void **state)
{
    (void)state;
    expect_summary("tests/data/good/base.csv", NULL,
                   "tests/data/good/base.csv: 12 cases (8 formed, 4 not formed; 4 ongoing); "
                   "missing cells: security 0, political 0, economic 0, cognitive 0, value 0\n");
    expect_summary("tests/data/good/bom.csv", NULL,
                   "tests/data/good/bom.csv: 4 cases (4 formed, 0 not formed; 3 ongoing); "
                   "missing cells: security 0, political 0, economic 0, cognitive 0, value 0\n");
    expect_summary("tests/data/good/crlf.csv", NULL,
                   "tests/data/good/crlf.csv: 4 cases (4 formed, 0 not formed; 3 ongoing); "
                   "missing cells: security 0, political 0, economic 0, cognitive 0, value 0\n");
    expect_summary("tests/data/good/quoted.csv", NULL,
                   "tests/data/good/quoted.csv: 5 cases (4 formed, 1 not formed; 3 ongoing); "
                   "missing cells: security 0, political 0, economic 0, cognitive 0, value 0\n");
    expect_summary("tests/data/good/chinese.csv", NULL,
                   "tests/data/good/chinese.csv: 3 cases (2 formed, 1 not formed; 2 ongoing); "
                   "missing cells: security 0, political 0, economic 0, cognitive 0, value 0\n");
    expect_summary("tests/data/good/missing_spellings.csv", NULL,
                   "tests/data/good/missing_spellings.csv: 4 cases (4 formed, 0 not formed; 3 "
                   "ongoing); missing cells: security 1, political 1, economic 1, cognitive 0, "
                   "value 0\n");
    expect_summary("tests/data/good/renamed.csv", "tests/data/good/renamed_codebook.csv",
                   "tests/data/good/renamed.csv: 4 cases (4 formed, 0 not formed; 3 ongoing); "
                   "missing cells: sec 0, pol 0, eco 0, cog 0, val 0\n");
    expect_summary("tests/data/good/missing_code.csv", "tests/data/good/missing_code_codebook.csv",
                   "tests/data/good/missing_code.csv: 4 cases (3 formed, 1 not formed; 3 "
                   "ongoing); missing cells: security 1, political 1, economic 0, cognitive 0, "
                   "value 1\n");
    expect_summary("tests/data/good/composite.csv", "tests/data/good/composite_codebook.csv",
                   "tests/data/good/composite.csv: 12 cases (8 formed, 4 not formed; 4 ongoing); "
                   "missing cells: threat_a 1, threat_b 0, threat_c 1, political 0, economic 0, "
                   "cognitive 0, value 0\n");
}

static void test_missing_code_needs_codebook(void **state)
{
    (void)state;
    /* without the codebook's -9 the same file is out of range */
    qa_test_run run = validate("tests/data/good/missing_code.csv", NULL, NULL);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "missing_code.csv:2:security: case Q01: '-9' is out of range"));
    qa_test_run_free(&run);
}

static void test_unknown_columns_noted(void **state)
{
    (void)state;
    qa_test_run run = validate("tests/data/good/unknown_columns.csv", NULL, NULL);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "4 cases"));
    assert_non_null(strstr(run.err, "note: 2 columns not in the codebook, ignored: coder, "
                                    "extra_score"));
    qa_test_run_free(&run);
}

static void test_usage_and_io(void **state)
{
    (void)state;
    qa_test_run run = validate("tests/data/good/nonexistent.csv", NULL, NULL);
    assert_int_equal(run.exit_code, 3);
    qa_test_run_free(&run);
    run = validate("--bogus", NULL, NULL);
    assert_int_equal(run.exit_code, 2);
    qa_test_run_free(&run);
    run = validate("tests/data/good/base.csv", "--as-of", "soon");
    assert_int_equal(run.exit_code, 2);
    qa_test_run_free(&run);
}

/* `qareport codebook` prints the default; fed back with -c it validates the same data. */
static void test_codebook_template_round_trip(void **state)
{
    (void)state;
    const char *args[] = {"codebook", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "column,role,type,min,max,missing,label,transform,constant\n"));
    assert_non_null(strstr(run.out, "\nsecurity,measure:security,ordinal,0,4,,"));
    assert_non_null(strstr(run.out, "\nformed,formed,binary,0,1,,"));
    assert_non_null(strstr(run.out, "\nera,group,category,,,,"));
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/codebook.csv", dir);
    assert_int_equal(qa_test_write_file(path, run.out), 0);
    qa_test_run_free(&run);
    run = validate("tests/data/good/base.csv", "-c", path);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "12 cases (8 formed, 4 not formed; 4 ongoing)"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unbalanced_quote),
        cmocka_unit_test(test_stray_quote),
        cmocka_unit_test(test_ragged_rows),
        cmocka_unit_test(test_duplicate_case_id),
        cmocka_unit_test(test_empty_case_id),
        cmocka_unit_test(test_codes),
        cmocka_unit_test(test_end_before_start),
        cmocka_unit_test(test_observed_before_start),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_missing_columns),
        cmocka_unit_test(test_empty_and_header_only),
        cmocka_unit_test(test_encoding),
        cmocka_unit_test(test_ongoing_without_year),
        cmocka_unit_test(test_several_problems),
        cmocka_unit_test(test_field_over_one_mebibyte),
        cmocka_unit_test(test_good_inputs),
        cmocka_unit_test(test_missing_code_needs_codebook),
        cmocka_unit_test(test_unknown_columns_noted),
        cmocka_unit_test(test_usage_and_io),
        cmocka_unit_test(test_codebook_template_round_trip),
    };
    return qa_test_main(argc, argv, tests);
}
