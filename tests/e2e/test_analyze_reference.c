/* End-to-end check of `qareport analyze --json` against R (tests/reference/analysis.R).
 * For each dataset in tests/data/e2e/ the program's JSON is flattened (tests/support/
 * json_flat.h) and every key of tests/reference/analysis_<name>.expected is compared: numbers
 * with assert_close's tolerance (relative 1e-6, p-values below 1e-6 on the log scale, absolute
 * 1e-10 only for a zero reference), strings and booleans exactly,
 * `null` must be null. Every mismatch is reported, then the test fails once.
 * The .expected files were written by `Rscript tests/reference/analysis.R` (glm, brglm2,
 * cor.test, coxph, survfit, survdiff, p.adjust); the keys name the R quantity. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs analyze on csv (with the codebook file codebook, NULL: the default) and compares its
 * JSON with the reference file expected_path. */
static void check_files_codebook(const char *csv, const char *codebook, const char *expected_path,
                                 const char *dataset)
{
    char xlsx[4096];
    char *dir = qa_test_temp_dir();
    assert_non_null(dir);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", csv, "--json", "-", "--quiet", "-o", xlsx, NULL, NULL, NULL};
    if (codebook) {
        args[7] = "-c";
        args[8] = codebook;
    }
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s: exit %d\n%s", dataset, run.exit_code, run.err ? run.err : "");
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t error_offset = 0;
    if (qa_flat_parse(run.out, &flat, &error_offset) != 0)
        fail_msg("%s: output is not JSON (offset %zu)", dataset, error_offset);
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(&flat, expected_path, dataset, &compared);
    assert_true(compared > 50); /* the reference file was read */
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    if (mismatches)
        fail_msg("%s: %zu of %zu reference values differ (listed above)", dataset, mismatches,
                 compared);
}

static void check_files(const char *csv, const char *expected_path, const char *dataset)
{
    check_files_codebook(csv, NULL, expected_path, dataset);
}

/* Runs analyze on tests/data/e2e/<dataset>.csv and compares its JSON with
 * tests/reference/analysis_<dataset><suffix>.expected. */
static void check_dataset(const char *dataset, const char *suffix)
{
    char csv[256], expected_path[256];
    snprintf(csv, sizeof csv, "tests/data/e2e/%s.csv", dataset);
    snprintf(expected_path, sizeof expected_path, "tests/reference/analysis_%s%s.expected", dataset,
             suffix);
    check_files(csv, expected_path, dataset);
}

/* Member-robust standard errors and detectable effects (tests/reference/member_analysis.R,
 * explicit n × n dependence matrices in R): the bundled coding, whose cases share members
 * (the USA in many), and two generated datasets whose cases share none (HC0; Firth fits in
 * firth_n40). */
static void test_member_robust_bundled(void **state)
{
    (void)state;
    check_files("datasets/quasi_alliance_cases.csv",
                "tests/reference/member_quasi_alliance_cases.expected", "bundled");
}

static void test_member_robust_generated(void **state)
{
    (void)state;
    check_files("tests/data/e2e/default_n200.csv", "tests/reference/member_default_n200.expected",
                "default_n200");
    check_files("tests/data/e2e/firth_n40.csv", "tests/reference/member_firth_n40.expected",
                "firth_n40");
}

/* Dyads in two columns (member_a, member_b, both of role members in the codebook): a case's
 * members are the union of its cells, so the dependence of tests/reference/member_analysis.R
 * (A_ij = 1 when two cases share any state, 15 states) holds between cases that share a state
 * in either column. Where U'AU has a negative diagonal (A is not positive semi-definite)
 * both R and the tool give no standard error (null). */
static void test_member_robust_dyadic(void **state)
{
    (void)state;
    check_files_codebook("tests/data/e2e/dyadic_n200.csv",
                         "tests/data/e2e/dyadic_n200.codebook.csv",
                         "tests/reference/member_dyadic_n200.expected", "dyadic_n200");
}

/* default: the DGP with true effects of security, political, cognitive, a null and a
 * negative one; 2% missing measures, some blank `ongoing` cells. */
static void test_default_n200(void **state)
{
    (void)state;
    check_dataset("default_n200", "");
}

/* firth: formation_security and formation_joint are separated (Firth refits); all other
 * logit models are ML. */
static void test_firth_n40(void **state)
{
    (void)state;
    check_dataset("firth_n40", "");
}

/* censored: many ongoing cases, several still <= 5 years (left out of the threshold tests,
 * kept as censored in the Cox models). */
static void test_censored_n120(void **state)
{
    (void)state;
    check_dataset("censored_n120", "");
}

/* The robustness keys (specification verdicts, stable_k/of_m, flipping cases) and the
 * proportional-hazards tests; ph_tests keys assume each element carries
 * "name": "<model>.<term>" (see tests/reference/analysis.R). */
static void test_default_n200_robustness(void **state)
{
    (void)state;
    check_dataset("default_n200", "_robustness");
}

static void test_firth_n40_robustness(void **state)
{
    (void)state;
    check_dataset("firth_n40", "_robustness");
}

static void test_censored_n120_robustness(void **state)
{
    (void)state;
    check_dataset("censored_n120", "_robustness");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_n200),
        cmocka_unit_test(test_member_robust_bundled),
        cmocka_unit_test(test_member_robust_generated),
        cmocka_unit_test(test_member_robust_dyadic),
        cmocka_unit_test(test_firth_n40),
        cmocka_unit_test(test_censored_n120),
        cmocka_unit_test(test_default_n200_robustness),
        cmocka_unit_test(test_firth_n40_robustness),
        cmocka_unit_test(test_censored_n120_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
