/* Tests of the gen_cases tool (bench/gen_cases.c): same seed, same bytes; the default header
 * (docs/METHODS.md §2.2); one row per case; -o writes what stdout gets; the committed e2e datasets
 * are reproduced; bad arguments exit 2. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char EXPECTED_HEADER[] =
    "case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
    "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,source,"
    "notes\n";

/* qa_test_run_program runs $QAREPORT_BIN: point it at gen_cases next to qareport. */
static int use_generator(void **state)
{
    (void)state;
    const char *build = getenv("QAREPORT_BUILD_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/gen_cases", (build && *build) ? build : "build");
    return setenv("QAREPORT_BIN", path, 1);
}

static size_t count_lines(const char *text)
{
    size_t lines = 0;
    for (; *text; text++)
        lines += *text == '\n';
    return lines;
}

/* Every data line has 21 fields (20 commas; the generator writes no quoted fields). */
static void assert_rectangular(const char *text)
{
    size_t commas = 0, line = 1;
    for (; *text; text++) {
        if (*text == ',')
            commas++;
        else if (*text == '\n') {
            if (commas != 20)
                fail_msg("line %zu has %zu commas, expected 20", line, commas);
            commas = 0;
            line++;
        }
    }
}

static char *generate(const char *scenario, const char *n, const char *seed)
{
    const char *args[] = {"--scenario", scenario, "--n", n, "--seed", seed, NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    char *out = run.out;
    run.out = NULL;
    qa_test_run_free(&run);
    return out;
}

static void test_same_seed_same_bytes(void **state)
{
    (void)state;
    const char *scenarios[] = {"default", "firth", "censored", "big"};
    for (size_t i = 0; i < 4; i++) {
        char *first = generate(scenarios[i], "500", "7");
        char *second = generate(scenarios[i], "500", "7");
        assert_string_equal(first, second);
        assert_memory_equal(first, EXPECTED_HEADER, sizeof EXPECTED_HEADER - 1);
        assert_int_equal(count_lines(first), 501);
        assert_rectangular(first);
        free(first);
        free(second);
    }
}

static void test_seed_changes_data(void **state)
{
    (void)state;
    char *first = generate("default", "100", "1");
    char *second = generate("default", "100", "2");
    assert_int_equal(count_lines(second), 101);
    assert_true(strcmp(first, second) != 0);
    free(first);
    free(second);
}

static void test_zero_rows_is_header_only(void **state)
{
    (void)state;
    char *text = generate("default", "0", "1");
    assert_string_equal(text, EXPECTED_HEADER);
    free(text);
}

static void test_output_file_matches_stdout(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/cases.csv", dir);
    const char *args[] = {"--scenario", "censored", "--n", "300", "--seed", "11", "-o", path, NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_string_equal(run.out, "");
    qa_test_run_free(&run);
    char *written = qa_test_read_file(path, NULL);
    char *printed = generate("censored", "300", "11");
    assert_non_null(written);
    assert_string_equal(written, printed);
    free(written);
    free(printed);
    qa_test_remove_tree(dir);
    free(dir);
}

/* The committed end-to-end datasets (and so the R reference values computed from them) are
 * what the generator writes today: a change to the DGP or the PRNG shows up here, and then
 * the datasets and tests/reference/analysis_*.expected must be regenerated (bench/README.md). */
static void test_reproduces_committed_datasets(void **state)
{
    (void)state;
    const char *datasets[][3] = {
        {"default", "200", "tests/data/e2e/default_n200.csv"},
        {"firth", "40", "tests/data/e2e/firth_n40.csv"},
        {"censored", "120", "tests/data/e2e/censored_n120.csv"},
    };
    for (size_t i = 0; i < 3; i++) {
        char *committed = qa_test_read_file(datasets[i][2], NULL);
        assert_non_null(committed);
        char *generated = generate(datasets[i][0], datasets[i][1], "1");
        if (strcmp(committed, generated) != 0)
            fail_msg("gen_cases --scenario %s --n %s --seed 1 no longer reproduces %s",
                     datasets[i][0], datasets[i][1], datasets[i][2]);
        free(committed);
        free(generated);
    }
}

static void test_bad_arguments_exit_2(void **state)
{
    (void)state;
    const char *unknown[] = {"--scenario", "nope", "--n", "5", "--seed", "1", NULL};
    const char *negative[] = {"--scenario", "default", "--n", "-5", "--seed", "1", NULL};
    const char *missing[] = {"--scenario", "default", NULL};
    const char *const *cases[] = {unknown, negative, missing};
    for (size_t i = 0; i < 3; i++) {
        qa_test_run run = qa_test_run_program(cases[i]);
        assert_int_equal(run.exit_code, 2);
        assert_non_null(strstr(run.err, "gen_cases:"));
        qa_test_run_free(&run);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_seed_same_bytes),
        cmocka_unit_test(test_seed_changes_data),
        cmocka_unit_test(test_zero_rows_is_header_only),
        cmocka_unit_test(test_output_file_matches_stdout),
        cmocka_unit_test(test_reproduces_committed_datasets),
        cmocka_unit_test(test_bad_arguments_exit_2),
    };
    return cmocka_run_group_tests(tests, use_generator, NULL);
}
