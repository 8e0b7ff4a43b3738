/* Regression tests of issue 15, one per class of input: --by with one value per case stays
 * small (no analysis for a value with fewer than 10 cases); a constant composite indicator is
 * bad input (exit 2) at validate, analyze and compare; a control that repeats or is a measure
 * is refused; --bootstrap has a ceiling. Outputs that are written are checked well-formed. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "output_check.h"

static const char header[] =
    "case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
    "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,source,"
    "notes\n";

/* n cases; the era of case i is "big" for i < big, else a value of its own. */
static void write_cases(const char *path, size_t n, size_t big)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(header, f);
    for (size_t i = 0; i < n; i++) {
        int formed = (int)((i * 7 + i / 3) % 3 != 0);
        fprintf(f, "C%zu,Case %zu,A%zu;B%zu,%zu,%zu,0,,%d,%zu,%zu,%zu,%zu,%zu,", i, i, i, i,
                1950 + i % 50, 1960 + i % 50, formed, (i * 3 + (size_t)formed) % 5, (i * 7) % 5,
                (i / 2) % 5, (i * 11 + 1) % 5, (i / 5) % 5);
        if (i < big)
            fputs("big", f);
        else
            fprintf(f, "L%zu", i);
        fputs(",bilateral,security,state,mutual,law,synthetic,\n", f);
    }
    fclose(f);
}

static void test_by_one_value_per_case_stays_small(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[4096], json[4096], xlsx[4096], message[512];
    snprintf(data, sizeof data, "%s/by.csv", dir);
    snprintf(json, sizeof json, "%s/by.json", dir);
    snprintf(xlsx, sizeof xlsx, "%s/by.xlsx", dir);
    write_cases(data, 4000, 200);
    const char *args[] = {"analyze", data,     "--by", "era",     "-o",
                          xlsx,      "--json", json,   "--quiet", NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    struct rusage usage;
    getrusage(RUSAGE_CHILDREN, &usage);
    /* before the fix: 1.2 GB for 4,000 one-case values; now one analysis (tens of MB, more
     * under AddressSanitizer) */
    assert_true(usage.ru_maxrss < 400 * 1024);
    assert_int_equal(qa_check_workbook(xlsx, NULL, message, sizeof message), 0);
    assert_int_equal(qa_check_json_file(json, message, sizeof message), 0);
    qa_test_run_free(&run);
    /* no value with 10 cases: a usage error, not 4,000 empty analyses */
    write_cases(data, 4000, 0);
    run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "no value of the column has the 10 cases"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_constant_composite_indicator_is_bad_input(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[4096], xlsx[4096];
    snprintf(data, sizeof data, "%s/constant.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/constant.xlsx", dir);
    /* tests/data/good/composite.csv with threat_b set to 2 in every case */
    char *text = qa_test_read_file("tests/data/good/composite.csv", NULL);
    assert_non_null(text);
    FILE *f = fopen(data, "w");
    assert_non_null(f);
    char *line = strtok(text, "\n");
    for (int l = 0; line; l++, line = strtok(NULL, "\n")) {
        int field = 0;
        for (char *c = line; *c; c++) {
            if (l > 0 && field == 9 && *c != ',') {
                fputc('2', f);
                while (c[1] && c[1] != ',')
                    c++;
                continue;
            }
            field += *c == ',';
            fputc(*c, f);
        }
        fputc('\n', f);
    }
    fclose(f);
    free(text);
    const char *book = "tests/data/good/composite_codebook.csv";
    const char *validate[] = {"validate", data, "-c", book, NULL};
    const char *analyze[] = {"analyze", data, "-c", book, "-o", xlsx, "--quiet", NULL};
    const char *compare[] = {"compare", data, data, "-c", book, "-o", xlsx, "--quiet", NULL};
    const char *const *commands[] = {validate, analyze, compare};
    for (size_t i = 0; i < 3; i++) {
        qa_test_run run = qa_test_run_program(commands[i]);
        assert_int_equal(run.exit_code, 2);
        assert_non_null(strstr(run.err, "threat_b"));
        assert_non_null(strstr(run.err, "same value in every case"));
        qa_test_run_free(&run);
    }
    qa_test_remove_tree(dir);
    free(dir);
}

static void expect_refused(const char *option, const char *value, const char *message)
{
    const char *args[] = {
        "analyze", "tests/data/e2e/default_n200.csv", option, value, "-o", "/dev/null", "--quiet",
        NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    if (!strstr(run.err, message))
        print_message("%s", run.err);
    assert_non_null(strstr(run.err, message));
    qa_test_run_free(&run);
}

static void test_collinear_controls_are_refused(void **state)
{
    (void)state;
    expect_refused("--controls", "era,size,era", "'era' is given twice");
    expect_refused("--controls", "size,political", "'political' is the measure of H2");
    expect_refused("--controls", "formed", "outcome or timing column");
}

static void test_bootstrap_ceiling(void **state)
{
    (void)state;
    expect_refused("--bootstrap", "100001", "at most 100000 replicates");
    expect_refused("--bootstrap", "1000000", "at most 100000 replicates");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_one_value_per_case_stays_small),
        cmocka_unit_test(test_constant_composite_indicator_is_bad_input),
        cmocka_unit_test(test_collinear_controls_are_refused),
        cmocka_unit_test(test_bootstrap_ceiling),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
