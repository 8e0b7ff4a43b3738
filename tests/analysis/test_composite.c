/* Composite measures (mean of the indicators' z-scores) and their Cronbach's alpha, built by
 * the analysis from an imported dataset. Reference values: Rscript tests/reference/cronbach.R
 * (each value names its R line). */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/measure.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

/* skip: bit k = measure k not measured (--skip H(k+1)), so the file need not provide it. */
static void import_skipping(const char *path, const char *codebook_path, unsigned skip,
                            qa_dataset *dataset)
{
    qa_codebook codebook;
    qa_error error;
    qa_status status = codebook_path ? qa_codebook_read(codebook_path, &codebook, &error)
                                     : qa_codebook_default(&codebook, &error);
    assert_int_equal(status, QA_OK);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_import_options options = {0};
    options.skip_measures = skip;
    assert_int_equal(qa_import_csv(path, &codebook, &options, dataset, &errors), QA_OK);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}

static void import_ok(const char *path, const char *codebook_path, qa_dataset *dataset)
{
    import_skipping(path, codebook_path, 0, dataset);
}

static void test_composite_all_rows(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/composite.csv", "tests/data/good/composite_codebook.csv", &d);
    assert_int_equal(d.measure_column_count[0], 3);
    double out[12], alpha_raw, alpha_standardized;
    qa_error error;
    assert_int_equal(qa_measure_values(&d, 0, NULL, out, &alpha_raw, &alpha_standardized, &error),
                     QA_OK);
    /* R: rowMeans(scale(X), na.rm = TRUE) */
    static const double expected[12] = {1.15857518941294,  1.15185224462893,   1.16978288385953,
                                        0.437872780927623, -0.289552572341705, 0.646724754215421,
                                        0.200628477874239, -0.271621933111103, -1.2407763390964,
                                        -1.00353203604301, -0.765487706913412, -1.23405339431239};
    for (size_t i = 0; i < 12; i++)
        assert_close(out[i], expected[i]);
    /* R: k/(k-1)*(1-sum(apply(X,2,var))/var(rowSums(X))) on complete rows */
    assert_close(alpha_raw, 0.932926829268293);
    /* R: k*rbar/(1+(k-1)*rbar), rbar = mean(cor(X)[upper.tri]) on complete rows */
    assert_close(alpha_standardized, 0.933390296396921);
    qa_dataset_free(&d);
}

static void test_composite_included_rows(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/composite.csv", "tests/data/good/composite_codebook.csv", &d);
    unsigned char formed[12];
    for (size_t i = 0; i < 12; i++)
        formed[i] = d.columns[d.formed_column].values[i] == 1.0;
    double out[12], alpha_raw, alpha_standardized;
    qa_error error;
    assert_int_equal(qa_measure_values(&d, 0, formed, out, &alpha_raw, &alpha_standardized, &error),
                     QA_OK);
    /* R: rowMeans(scale(X[f, ]), na.rm = TRUE), f = formed == 1 */
    static const double expected[8] = {0.837631410335801,  0.937488858588348, 0.915030608986221,
                                       -0.183401321791788, -1.10457660566683, 0.195654559074322,
                                       -0.405574467899007, -1.12703485526896};
    for (size_t i = 0; i < 8; i++)
        assert_close(out[i], expected[i]);
    for (size_t i = 8; i < 12; i++)
        assert_true(isnan(out[i]));
    assert_close(alpha_raw, 0.849056603773585);          /* R: cronbach(X[f, ])["raw"] */
    assert_close(alpha_standardized, 0.851110617472411); /* R: cronbach(X[f, ])["standardized"] */
    /* a single-column measure passes through, alpha NaN */
    assert_int_equal(qa_measure_values(&d, 1, formed, out, &alpha_raw, NULL, &error), QA_OK);
    assert_true(out[0] == 3.0);
    assert_true(isnan(out[9]));
    assert_true(isnan(alpha_raw));
    qa_dataset_free(&d);
}

static void test_measure_problems(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[512], codebook[512];
    snprintf(data, sizeof data, "%s/flat.csv", dir);
    snprintf(codebook, sizeof codebook, "%s/flat_codebook.csv", dir);
    assert_int_equal(qa_test_write_file(data, "case_id,formed,a,b\nA,1,1,2\nB,0,1,3\nC,1,1,4\n"),
                     0);
    assert_int_equal(qa_test_write_file(codebook,
                                        "column,role,type,min,max,missing,label\n"
                                        "case_id,id,text,,,,\nformed,formed,binary,0,1,,\n"
                                        "a,measure:value,ordinal,0,4,,\n"
                                        "b,measure:value,ordinal,0,4,,\n"),
                     0);
    qa_dataset d;
    import_skipping(data, codebook, 0x0F, &d); /* measures only value */
    double out[3], alpha;
    qa_error error;
    /* indicator a is constant: no z-score; bad input (exit 2, issue 15), not NaN */
    assert_int_equal(qa_measure_values(&d, 4, NULL, out, &alpha, NULL, &error), QA_ERR_INPUT);
    assert_string_equal(error.column, "a");
    /* security is absent */
    assert_int_equal(qa_measure_values(&d, 0, NULL, out, &alpha, NULL, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "security"));
    qa_dataset_free(&d);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_composite_all_rows),
        cmocka_unit_test(test_composite_included_rows),
        cmocka_unit_test(test_measure_problems),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
