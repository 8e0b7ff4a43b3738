/* Frame building (docs/METHODS.md §3, §4.1, §4.2, §4.10), without the program: which rows
 * each primary test's sample takes, the durable outcome at T = 5 and at another threshold,
 * --where, and testability. tests/data/analysis/frame.csv has twelve cases whose expected
 * samples are read off the file by hand in the comments. */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/frame.h"
#include "analysis/primary.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static const char *const path = "tests/data/analysis/frame.csv";

typedef struct {
    qa_dataset dataset;
    qa_analysis_options options;
    qa_frame frame;
    qa_sample sample;
} state;

static int setup(void **context)
{
    state *s = calloc(1, sizeof *s);
    qa_codebook codebook;
    qa_error error;
    if (!s || qa_codebook_default(&codebook, &error) != QA_OK)
        return -1;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_status status = qa_import_csv(path, &codebook, NULL, &s->dataset, &errors);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    qa_analysis_options_default(&s->options);
    *context = s;
    return status == QA_OK ? 0 : -1;
}

static int teardown(void **context)
{
    state *s = *context;
    qa_sample_free(&s->sample);
    qa_dataset_free(&s->dataset);
    free(s);
    return 0;
}

/* The case ids of a sample's rows, in row order, as "c01 c02 ...". */
static void sample_ids(const qa_frame *frame, qa_sample_kind kind, int measure, char *out,
                       size_t size)
{
    out[0] = '\0';
    for (size_t row = 0; row < frame->rows; row++)
        if (qa_frame_in_sample(frame, kind, measure, row)) {
            size_t used = strlen(out);
            snprintf(out + used, size - used, "%s%s", used ? " " : "",
                     qa_dataset_case_id(frame->dataset, row));
        }
}

static void test_samples(void **context)
{
    state *s = *context;
    qa_error error;
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    const qa_frame *f = &s->frame;
    assert_int_equal(f->rows, 12);
    char ids[256];
    /* formation: formed not blank (c09 is) and the measure present (c08 lacks security) */
    sample_ids(f, QA_SAMPLE_FORMATION, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c04 c05 c06 c07 c10 c11 c12");
    sample_ids(f, QA_SAMPLE_FORMATION, QA_H2_POLITICAL, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c04 c05 c06 c07 c08 c10 c11 c12");
    /* durability: formed, durable known. c04 is ongoing at 3 years: censored before T = 5 */
    sample_ids(f, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c05 c10 c12");
    /* Cox: formed with duration and event, the censored c04 included */
    sample_ids(f, QA_SAMPLE_COX, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c04 c05 c10 c12");

    /* durable = duration > 5: c01 10 y, c02 3, c03 ongoing 40 (observed 2000), c05 exactly 5
     * (not more), c10 10, c12 2 */
    assert_int_equal(qa_sample_gather(f, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, &s->sample), QA_OK);
    const double durable[] = {1, 0, 1, 0, 1, 0}, security[] = {4, 3, 2, 1, 3, 0};
    assert_int_equal(s->sample.n, 6);
    for (size_t i = 0; i < 6; i++) {
        assert_true(s->sample.y[i] == durable[i]);
        assert_true(s->sample.x[i] == security[i]);
    }
    /* Cox: time and status (1 ended, 0 ongoing) */
    assert_int_equal(qa_sample_gather(f, QA_SAMPLE_COX, QA_H1_SECURITY, &s->sample), QA_OK);
    const double time[] = {10, 3, 40, 3, 5, 10, 2}, status[] = {1, 1, 0, 0, 1, 1, 1};
    assert_int_equal(s->sample.n, 7);
    for (size_t i = 0; i < 7; i++) {
        assert_true(s->sample.time[i] == time[i]);
        assert_true(s->sample.status[i] == status[i]);
    }
    /* whole years from 0 in every Cox row: numbered up to the longest (40), and the sample
     * counted as gathered, cell 2 (x + radix t) + status after the five rows outside */
    assert_int_equal(f->cox_time_radix, 41);
    size_t radix = f->measure_radix[QA_H1_SECURITY];
    assert_int_equal(radix, 5);
    assert_int_equal(s->sample.cox_cells, 2 * radix * 41);
    double *counts = malloc((s->sample.cox_cells + 1) * sizeof *counts);
    assert_non_null(counts);
    memcpy(counts, s->sample.cox_counts, (s->sample.cox_cells + 1) * sizeof *counts);
    assert_true(counts[0] == 5);
    for (size_t i = 0; i < 7; i++)
        counts[1 + 2 * ((size_t)s->sample.x[i] + radix * (size_t)time[i]) + (size_t)status[i]] -= 1;
    for (size_t c = 1; c <= s->sample.cox_cells; c++)
        if (counts[c] != 0)
            fail_msg("cell %zu counts %g more than the sample has", c - 1, counts[c]);
    free(counts);
    /* formation outcome: formed */
    assert_int_equal(qa_sample_gather(f, QA_SAMPLE_FORMATION, QA_H1_SECURITY, &s->sample), QA_OK);
    const double formed[] = {1, 1, 1, 1, 1, 0, 0, 1, 0, 1};
    assert_int_equal(s->sample.n, 10);
    for (size_t i = 0; i < 10; i++)
        assert_true(s->sample.y[i] == formed[i]);
    qa_frame_free(&s->frame);
}

/* Testability: ten usable cases with variation in outcome and measure. */
static void test_testability(void **context)
{
    state *s = *context;
    qa_error error;
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    char reason[256];
    assert_int_equal(qa_sample_gather(&s->frame, QA_SAMPLE_FORMATION, QA_H1_SECURITY, &s->sample),
                     QA_OK);
    qa_sample_testability(&s->sample, reason, sizeof reason);
    assert_string_equal(reason, "");
    assert_int_equal(qa_sample_gather(&s->frame, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, &s->sample),
                     QA_OK);
    qa_sample_testability(&s->sample, reason, sizeof reason);
    assert_string_equal(reason, "only 6 usable cases (at least 10 needed)");
    /* no variation: a hand-made sample of ten formed cases */
    double x[10] = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4}, y[10] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    qa_sample flat = {.n = 10, .x = x, .y = y};
    qa_sample_testability(&flat, reason, sizeof reason);
    assert_string_equal(reason, "no variation in the outcome (all 1)");
    y[0] = 0;
    for (int i = 0; i < 10; i++)
        x[i] = 2;
    qa_sample_testability(&flat, reason, sizeof reason);
    assert_string_equal(reason, "no variation in the measure (all 2)");
    /* the same judged from counts (a tabulated sample): the outcome all 1, then the measure
     * all 2, then both varying */
    double counts[2 * QA_SAMPLE_LEVELS] = {0};
    counts[2 * 0 + 1] = 2, counts[2 * 3 + 1] = 8;
    qa_sample counted = {.n = 10, .tabulated = true, .counts = counts};
    qa_sample_testability(&counted, reason, sizeof reason);
    assert_string_equal(reason, "no variation in the outcome (all 1)");
    memset(counts, 0, sizeof counts);
    counts[2 * 2] = 1, counts[2 * 2 + 1] = 9;
    qa_sample_testability(&counted, reason, sizeof reason);
    assert_string_equal(reason, "no variation in the measure (all 2)");
    counts[2 * 4] = 3;
    counted.n = 13;
    qa_sample_testability(&counted, reason, sizeof reason);
    assert_string_equal(reason, "");
    qa_frame_free(&s->frame);
}

/* Another durability threshold (robustness): T = 3 makes c05 (5 years) durable; c02 (3 years,
 * ended) stays temporary; c04 (ongoing at 3) is still censored before the threshold. */
static void test_threshold_view(void **context)
{
    state *s = *context;
    qa_error error;
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    qa_frame view;
    assert_int_equal(qa_frame_with_threshold(&s->frame, 3, &view), QA_OK);
    char ids[256];
    sample_ids(&view, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c05 c10 c12");
    assert_int_equal(qa_sample_gather(&view, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, &s->sample),
                     QA_OK);
    const double durable[] = {1, 0, 1, 1, 1, 0};
    for (size_t i = 0; i < 6; i++)
        assert_true(s->sample.y[i] == durable[i]);
    qa_frame_threshold_free(&view);
    /* the frame itself is unchanged: c05 temporary at T = 5 */
    assert_int_equal(qa_sample_gather(&s->frame, QA_SAMPLE_DURABILITY, QA_H1_SECURITY, &s->sample),
                     QA_OK);
    assert_true(s->sample.y[3] == 0);
    qa_frame_free(&s->frame);
}

/* --where era=cold_war keeps eight rows; c12 (era missing) matches no condition. An extra row
 * mask (leave one out, --by) restricts further. */
/* The Descriptives sheet's numbers of the built frame (free with qa_results_free, free). */
static qa_results *summaries_of(state *s)
{
    qa_results *results = calloc(1, sizeof *results);
    assert_non_null(results);
    qa_results_init(results);
    results->options = s->options;
    assert_int_equal(qa_summaries_fill(&s->frame, results), QA_OK);
    return results;
}

/* security by group (all, formed = 1, formed = 0), from tests/reference/summaries_by_group.R */
static const size_t security_n[3] = {11, 7, 3}, security_missing[3] = {1, 1, 0};
static const double security_mean[3] = {1.81818181818182, 2.14285714285714, 1},
                    security_sd[3] = {1.25045446283996, 1.3451854182691, 1},
                    security_median[3] = {2, 2, 1};

/* The Descriptives sheet's numbers by group (all, formed = 1, formed = 0): security's
 * descriptives and the era counts against tests/reference/summaries_by_group.R. */
static void test_summaries_by_group(void **context)
{
    state *s = *context;
    qa_error error;
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    qa_results *results = summaries_of(s);
    const qa_variable_summary *v = &results->variables[0];
    assert_string_equal(v->name, "security");
    for (int g = 0; g < 3; g++) {
        assert_int_equal(v->n[g], security_n[g]);
        assert_int_equal(v->missing[g], security_missing[g]);
        assert_true(fabs(v->mean[g] - security_mean[g]) < 1e-12);
        assert_true(fabs(v->sd[g] - security_sd[g]) < 1e-12);
        assert_true(v->median[g] == security_median[g]);
    }
    assert_true(results->category_count >= 1);
    const qa_category_summary *c = &results->categories[0];
    assert_string_equal(c->name, "era");
    assert_int_equal(c->level_count, 2);
    assert_string_equal(c->levels[0], "cold_war");
    const size_t cold[3] = {8, 5, 2}, post[3] = {3, 2, 1}, blank[3] = {1, 1, 0};
    for (int g = 0; g < 3; g++) {
        assert_int_equal(c->counts[0 * 3 + (size_t)g], cold[g]);
        assert_int_equal(c->counts[1 * 3 + (size_t)g], post[g]);
        assert_int_equal(c->missing[g], blank[g]);
    }
    /* the Diagnostics list: c04 censored before T (ongoing, observed 3 years), c08 without
     * security, c09 with formed blank; the cases never formed (c06, c07, c11) have no
     * duration and are left out of nothing for it */
    const char *dropped[3][2] = {{"c04", "ongoing, observed 3 years"},
                                 {"c08", "security is missing"},
                                 {"c09", "formed is blank"}};
    assert_int_equal(results->dropped_count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(results->dropped[i].case_id, dropped[i][0]);
        assert_non_null(strstr(results->dropped[i].reason, dropped[i][1]));
    }
    qa_results_free(results);
    free(results);
    qa_frame_free(&s->frame);
}

/* The same descriptives on measured values (not whole numbers, so not counted as codes):
 * security halved and shifted by 0.25, whose mean, SD and median by group follow from the
 * reference values above by the same linear map. */
static void test_summaries_by_group_measured(void **context)
{
    state *s = *context;
    qa_error error;
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    const double *security = s->frame.measure[QA_H1_SECURITY];
    assert_non_null(security);
    double *measured = malloc(s->frame.rows * sizeof *measured);
    assert_non_null(measured);
    for (size_t row = 0; row < s->frame.rows; row++)
        measured[row] = 0.5 * security[row] + 0.25; /* NaN stays NaN */
    s->frame.measure[QA_H1_SECURITY] = measured;
    qa_results *results = summaries_of(s);
    const qa_variable_summary *v = &results->variables[0];
    for (int g = 0; g < 3; g++) {
        assert_int_equal(v->n[g], security_n[g]);
        assert_int_equal(v->missing[g], security_missing[g]);
        assert_true(fabs(v->mean[g] - (0.5 * security_mean[g] + 0.25)) < 1e-12);
        assert_true(fabs(v->sd[g] - 0.5 * security_sd[g]) < 1e-12);
        assert_true(v->median[g] == 0.5 * security_median[g] + 0.25);
    }
    qa_results_free(results);
    free(results);
    s->frame.measure[QA_H1_SECURITY] = security;
    free(measured);
    qa_frame_free(&s->frame);
}

static void test_where_and_extra(void **context)
{
    state *s = *context;
    qa_error error;
    s->options.condition_count = 1;
    snprintf(s->options.conditions[0].column, QA_NAME_TEXT, "era");
    snprintf(s->options.conditions[0].value, QA_NAME_TEXT, "cold_war");
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_OK);
    char ids[256];
    sample_ids(&s->frame, QA_SAMPLE_FORMATION, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c01 c02 c03 c05 c06 c11");
    qa_frame_free(&s->frame);
    unsigned char extra[12];
    memset(extra, 1, sizeof extra);
    extra[0] = 0; /* c01 left out */
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, extra, NULL, &s->frame, &error),
                     QA_OK);
    sample_ids(&s->frame, QA_SAMPLE_FORMATION, QA_H1_SECURITY, ids, sizeof ids);
    assert_string_equal(ids, "c02 c03 c05 c06 c11");
    qa_frame_free(&s->frame);
    /* a column the dataset does not have is a usage error */
    snprintf(s->options.conditions[0].column, QA_NAME_TEXT, "nosuch");
    assert_int_equal(qa_frame_build(&s->dataset, &s->options, NULL, NULL, &s->frame, &error),
                     QA_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_samples, setup, teardown),
        cmocka_unit_test_setup_teardown(test_testability, setup, teardown),
        cmocka_unit_test_setup_teardown(test_threshold_view, setup, teardown),
        cmocka_unit_test_setup_teardown(test_where_and_extra, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_by_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summaries_by_group_measured, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
