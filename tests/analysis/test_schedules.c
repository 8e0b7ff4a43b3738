/* The analysis gives the same results however it shares the machine (analysis.c: one thread,
 * two with the side thread chained, three): the JSON of each schedule, byte for byte, on
 * data with shared members (dyads, member-robust errors and member influence; with
 * --influence none, where the side thread computes the correlation matrix instead), with Cox
 * deciding, and with --se member. */
#include "test_support.h"
#include "dataset_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/analysis.h"
#include "qareport/render.h"

/* The JSON of a full analysis (robustness included) with `threads`. */
static char *json_of(const qa_dataset *dataset, qa_analysis_options options, unsigned threads)
{
    options.threads = threads;
    qa_results results;
    qa_results_init(&results);
    qa_error error;
    assert_int_equal(qa_analysis_run_full(dataset, &options, &results, &error), QA_OK);
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    qa_render_context context = {"qareport analyze (schedules test)"};
    qa_render_json_analysis(&results, &context, out);
    assert_int_equal(fclose(out), 0);
    qa_results_free(&results);
    return text;
}

static void check_schedules(const char *path, const char *codebook, qa_analysis_options options)
{
    qa_dataset dataset;
    qa_test_import(path, codebook, &dataset);
    char *one = json_of(&dataset, options, 1);
    assert_true(strlen(one) > 1000);
    for (unsigned threads = 0; threads <= 3; threads++) {
        if (threads == 1)
            continue;
        char *other = json_of(&dataset, options, threads);
        if (strcmp(one, other) != 0)
            fail_msg("%s: threads %u gives other results than one thread", path, threads);
        free(other);
    }
    free(one);
    qa_dataset_free(&dataset);
}

/* The dyads of tests/data/e2e (200 cases, two member columns) under the options. */
static void check_dyads(qa_analysis_options options)
{
    check_schedules("tests/data/e2e/dyadic_n200.csv", "tests/data/e2e/dyadic_n200.codebook.csv",
                    options);
}

static void test_dyads(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    check_dyads(options);
}

static void test_dyads_member_se(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.member_se = true;
    check_dyads(options);
}

static void test_dyads_without_influence(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.influence = QA_INFLUENCE_NONE;
    check_dyads(options);
}

static void test_bundled(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    check_schedules("datasets/quasi_alliance_cases.csv", NULL, options);
}

static void test_cox_deciding(void **state)
{
    (void)state;
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.durability = QA_DURABILITY_COX;
    check_schedules("tests/data/e2e/censored_n120.csv", NULL, options);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dyads),
        cmocka_unit_test(test_dyads_member_se),
        cmocka_unit_test(test_dyads_without_influence),
        cmocka_unit_test(test_bundled),
        cmocka_unit_test(test_cox_deciding),
    };
    return qa_test_main(argc, argv, tests);
}
