/* The two analyses that set results side by side, without the program: the z tests of --by
 * (each group's primary B against the first group's, docs/METHODS.md §4.10, §5.20) and
 * compare's flips with their driving cases and the coefficients' z tests (§7.4, §7.5).
 * Reference values: Rscript tests/reference/groups.R and tests/reference/influence.R. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/analysis.h"
#include "qareport/codebook.h"
#include "qareport/compare.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static void import_file(const char *path, qa_dataset *dataset)
{
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(qa_codebook_default(&codebook, &error), QA_OK);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_import_csv(path, &codebook, NULL, dataset, &errors), QA_OK);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}

/* --by era on default_n200: cold_war first (levels sort as strcmp does), post_cold_war
 * second. R: glm(formed ~ measure, binomial) per era, z = (b1 - b2) / sqrt(se1^2 + se2^2). */
static void test_group_z(void **state)
{
    (void)state;
    qa_dataset dataset;
    import_file("tests/data/e2e/default_n200.csv", &dataset);
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    snprintf(options.by, sizeof options.by, "era");
    qa_group_results groups;
    memset(&groups, 0, sizeof groups);
    qa_error error;
    assert_int_equal(qa_analysis_run_groups(&dataset, &options, &groups, &error), QA_OK);
    assert_int_equal(groups.group_count, 2);
    assert_string_equal(groups.group_names[0], "cold_war");
    assert_string_equal(groups.group_names[1], "post_cold_war");
    static const struct {
        double n_first, n_group, b_first, b_group, z, p;
    } expected[QA_HYPOTHESIS_COUNT] = {
        /* groups.R: formation security .. value, post_cold_war vs cold_war */
        {131, 66, 0.858202499819987, 1.41918631175119, -1.38595222637211, 0.165761491756347},
        {130, 67, 0.705092522813161, 0.477664300539901, 0.768758183132507, 0.442036877530977},
        {129, 66, 0.0956578978971479, 0.481724178644761, -1.44052442285063, 0.149719085407009},
        {130, 66, 0.581972958531744, 0.483380593513132, 0.318933188898728, 0.749777176399853},
        {131, 66, 0.241036937341181, 0.162213738427648, 0.311469144154729, 0.755443996475143},
    };
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        int t = h * QA_OUTCOME_COUNT + QA_OUTCOME_FORMATION;
        assert_int_equal(groups.groups[0].tests[t].n, (size_t)expected[h].n_first);
        assert_int_equal(groups.groups[1].tests[t].n, (size_t)expected[h].n_group);
        assert_close(groups.groups[0].tests[t].b, expected[h].b_first);
        assert_close(groups.groups[1].tests[t].b, expected[h].b_group);
        assert_close(groups.difference_z[1][t], expected[h].z);
        assert_close(groups.difference_p[1][t], expected[h].p);
        /* the first group is the reference: no test against itself */
        assert_true(isnan(groups.difference_z[0][t]));
    }
    qa_group_results_free(&groups);
    qa_dataset_free(&dataset);
}

/* influence_one_case.csv: H1 formation is supported only because of the case "pivot"
 * (influence.R). B codes pivot's security 0 instead of 4; that one recoding flips the verdict,
 * so pivot is the driving case, and no other test flips. */
static void test_driving_case(void **state)
{
    (void)state;
    const char *source = "tests/data/e2e/influence_one_case.csv";
    char *dir = qa_test_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/b.csv", dir);
    char *text = qa_test_read_file(source, NULL);
    assert_non_null(text);
    const char *from = "pivot,Case 24,A24;B24,1950,1960,0,,1,4,";
    char *at = strstr(text, from);
    assert_non_null(at);
    at[strlen(from) - 2] = '0'; /* security 4 -> 0 */
    assert_int_equal(qa_test_write_file(path, text), 0);
    free(text);
    qa_dataset a, b;
    import_file(source, &a);
    import_file(path, &b);
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    qa_compare_result result;
    qa_error error;
    assert_int_equal(qa_compare_run(&a, &b, &options, 20, &result, &error), QA_OK);
    assert_true(result.same_cases);
    assert_int_equal(result.matched, 24);
    assert_int_equal(result.disagreement_count, 1);
    assert_string_equal(result.disagreements[0].case_id, "pivot");
    int h1 = QA_H1_SECURITY * QA_OUTCOME_COUNT + QA_OUTCOME_FORMATION;
    assert_int_equal(result.a.tests[h1].verdict, QA_VERDICT_SUPPORTED);
    assert_int_equal(result.b.tests[h1].verdict, QA_VERDICT_NOT_SUPPORTED);
    assert_true(result.verdicts[h1].flip);
    assert_int_equal(result.verdicts[h1].driving_count, 1);
    assert_string_equal(result.verdicts[h1].driving_cases[0], "pivot");
    for (int t = 0; t < QA_TEST_COUNT; t++)
        if (t != h1) {
            assert_false(result.verdicts[t].flip);
            assert_int_equal(result.verdicts[t].driving_count, 0);
        }
    /* influence.R, "case sets": the same two fits */
    assert_close(result.verdicts[h1].se_a, 0.662404757257535);
    assert_close(result.verdicts[h1].se_b, 0.502723200584279);
    assert_close(result.verdicts[h1].z, 0.919476435264572);
    assert_close(result.verdicts[h1].p, 0.357846425707094);
    qa_compare_result_free(&result);
    qa_dataset_free(&a);
    qa_dataset_free(&b);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_group_z),
        cmocka_unit_test(test_driving_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
