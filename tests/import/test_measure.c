/* Cronbach's alpha and the derived timing (duration, event, durable); composite measures are
 * tested in tests/analysis/test_composite.c.
 * Reference values: Rscript tests/reference/cronbach.R (each value names its R line);
 * durations are year differences read off tests/data/good/base.csv. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"
#include "qareport/reliability.h"

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
    status = qa_import_csv(path, &codebook, &options, dataset, &errors);
    if (status != QA_OK) {
        char text[1024] = "";
        if (errors.count)
            qa_error_format(&errors.items[0], text, sizeof text);
        fail_msg("%s: %s", path, text);
    }
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}

static void import_ok(const char *path, const char *codebook_path, qa_dataset *dataset)
{
    import_skipping(path, codebook_path, 0, dataset);
}

static void test_cronbach_direct(void **state)
{
    (void)state;
    const double a[] = {1, 2, 3, 4, 5, 2, 3}, b[] = {2, 2, 4, 5, 4, 1, 3},
                 c[] = {1, 3, 3, 5, 5, 2, 2}, dd[] = {2, 1, 4, 4, 5, 3, 3};
    const double *items[] = {a, b, c, dd};
    double raw, standardized;
    qa_error error;
    assert_int_equal(qa_cronbach_alpha(items, 4, 7, NULL, &raw, &standardized, &error), QA_OK);
    assert_close(raw, 0.930681133212779);          /* R: cronbach(Y)["raw"] */
    assert_close(standardized, 0.931974032670872); /* R: cronbach(Y)["standardized"] */
    const double flat[] = {2, 2, 2, 2, 2, 2, 2};
    const double *degenerate[] = {a, flat};
    assert_int_equal(qa_cronbach_alpha(degenerate, 2, 7, NULL, &raw, NULL, &error), QA_ERR_NUMERIC);
    assert_int_equal(qa_cronbach_alpha(items, 1, 7, NULL, &raw, NULL, &error), QA_ERR_NUMERIC);
}

static void test_derive(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/good/base.csv", NULL, &d);
    qa_derived derived;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_dataset_derive(&d, 5, 0, &derived, &errors), QA_OK);
    assert_int_equal(errors.count, 0);
    /* Q01 2020-1945, Q02 2020-1979, Q03 2020-1963 (blank ongoing, empty end_year: ongoing),
     * Q04 1981-1962, Q05 1979-1976, Q06 1972-1955, Q07 2020-2015, Q08 2017-2014 */
    static const double duration[8] = {75, 41, 57, 19, 3, 17, 5, 3};
    static const double event[8] = {0, 0, 0, 1, 1, 1, 0, 1};
    static const double durable[8] = {1, 1, 1, 1, 0, 1, NAN, 0};
    for (size_t i = 0; i < 8; i++) {
        assert_true(derived.formed[i] == 1.0);
        assert_true(derived.duration[i] == duration[i]);
        assert_true(derived.event[i] == event[i]);
        assert_true(isnan(durable[i]) ? isnan(derived.durable[i])
                                      : derived.durable[i] == durable[i]);
        assert_int_equal(derived.censored_before_threshold[i], i == 6);
    }
    for (size_t i = 8; i < 12; i++) {
        assert_true(derived.formed[i] == 0.0);
        assert_true(isnan(derived.duration[i]) && isnan(derived.event[i]) &&
                    isnan(derived.durable[i]));
    }
    assert_int_equal(derived.formed_count, 8);
    assert_int_equal(derived.ongoing_count, 4);
    assert_int_equal(derived.censored_before_threshold_count, 1);
    qa_derived_free(&derived);
    /* T = 3: Q05 (3 years) is not > 3; Q07 (5 observed) is now durable, not censored */
    assert_int_equal(qa_dataset_derive(&d, 3, 0, &derived, &errors), QA_OK);
    assert_true(derived.durable[4] == 0.0);
    assert_true(derived.durable[6] == 1.0);
    assert_int_equal(derived.censored_before_threshold_count, 0);
    qa_derived_free(&derived);
    qa_error_list_free(&errors);
    qa_dataset_free(&d);
}

static void test_derive_observation_year(void **state)
{
    (void)state;
    qa_dataset d;
    import_ok("tests/data/bad/ongoing_without_year.csv", NULL, &d);
    qa_derived derived;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_dataset_derive(&d, 5, 0, &derived, &errors), QA_ERR_INPUT);
    assert_int_equal(errors.count, 2);
    assert_string_equal(errors.items[0].case_id, "Q01");
    assert_int_equal(errors.items[0].line, 2);
    assert_non_null(strstr(errors.items[0].message, "--as-of YEAR"));
    assert_string_equal(errors.items[1].case_id, "Q02");
    qa_derived_free(&derived);
    qa_error_list_free(&errors);
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_dataset_derive(&d, 5, 2000, &derived, &errors), QA_OK);
    assert_true(derived.duration[0] == 2000 - 1945);
    assert_true(derived.duration[2] == 2000 - 1979);
    assert_true(derived.event[1] == 1.0); /* Q04 ended 1981 */
    qa_derived_free(&derived);
    qa_error_list_free(&errors);
    qa_dataset_free(&d);

    /* ongoing = 1 with a filled end_year and no observed_until: end_year is the censoring year */
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/cow.csv", dir);
    assert_int_equal(qa_test_write_file(path, "case_id,start_year,end_year,ongoing,formed,value\n"
                                              "A,1990,2010,1,1,2\nB,1990,,,1,3\nC,1990,,,,1\n"),
                     0);
    import_skipping(path, NULL, 0x0F, &d);
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_dataset_derive(&d, 5, 2016, &derived, &errors), QA_OK);
    assert_true(derived.duration[0] == 20 && derived.event[0] == 0.0);
    assert_true(derived.duration[1] == 26 && derived.event[1] == 0.0);   /* --as-of 2016 */
    assert_true(isnan(derived.formed[2]) && isnan(derived.duration[2])); /* blank formed */
    assert_int_equal(derived.formed_count, 2);
    qa_derived_free(&derived);
    qa_error_list_free(&errors);
    qa_dataset_free(&d);
    qa_test_remove_tree(dir);
    free(dir);
}

/* A formed case that ended without a start year has no duration, so no event and no
 * durable outcome (missing, not 0); a case never formed has none either, even with both
 * years; a formed case that ended after more than T years is durable. */
static void test_derive_missing_years(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/years.csv", dir);
    assert_int_equal(qa_test_write_file(path, "case_id,start_year,end_year,ongoing,formed,value\n"
                                              "A,,2010,0,1,2\nB,1990,2010,0,0,3\n"
                                              "C,1990,2010,0,1,1\nD,1990,1993,0,1,1\n"),
                     0);
    qa_dataset d;
    import_skipping(path, NULL, 0x0F, &d);
    qa_derived derived;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_dataset_derive(&d, 5, 0, &derived, &errors), QA_OK);
    assert_int_equal(errors.count, 0);
    assert_true(derived.formed[0] == 1.0);
    assert_true(isnan(derived.duration[0]) && isnan(derived.event[0]) && isnan(derived.durable[0]));
    assert_true(derived.formed[1] == 0.0);
    assert_true(isnan(derived.duration[1]) && isnan(derived.event[1]) && isnan(derived.durable[1]));
    assert_true(derived.duration[2] == 20 && derived.event[2] == 1.0 && derived.durable[2] == 1.0);
    assert_true(derived.duration[3] == 3 && derived.event[3] == 1.0 && derived.durable[3] == 0.0);
    assert_int_equal(derived.formed_count, 3);
    assert_int_equal(derived.ongoing_count, 0);
    qa_derived_free(&derived);
    qa_error_list_free(&errors);
    qa_dataset_free(&d);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cronbach_direct),
        cmocka_unit_test(test_derive),
        cmocka_unit_test(test_derive_observation_year),
        cmocka_unit_test(test_derive_missing_years),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
