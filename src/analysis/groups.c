/* `--by COLUMN`: the analysis once per level of a category column, side by side, with a z
 * test of the difference of each primary coefficient against the first level
 * (z = (b1 - b2) / sqrt(se1² + se2²), independent groups). */
#include "primary.h"
#include "qareport/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/bootstrap.h"

static double primary_se(const qa_results *results, const qa_test_result *test)
{
    if (test->logit_model < 0 || !results->models[test->logit_model].available)
        return NAN;
    const qa_model_result *m = &results->models[test->logit_model];
    return m->term_count == 2 ? m->terms[1].se : NAN;
}

static void differences_fill(qa_group_results *groups)
{
    const qa_results *first = &groups->groups[0];
    for (size_t g = 0; g < groups->group_count; g++)
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            const qa_test_result *a = &first->tests[t], *b = &groups->groups[g].tests[t];
            double z = NAN, p = NAN;
            double se_a = primary_se(first, a), se_b = primary_se(&groups->groups[g], b);
            if (g > 0 && a->testable && b->testable && isfinite(se_a) && isfinite(se_b))
                qa_coefficient_difference(a->b, se_a, b->b, se_b, &z, &p);
            groups->difference_z[g][t] = z;
            groups->difference_p[g][t] = p;
        }
}

/* A level with fewer cases than this cannot give a testable result (qa_sample_testability
 * needs 10 usable cases), so it gets no analysis: with one level per case, --by would
 * otherwise hold a full qa_results per case. */
enum { GROUP_MIN_CASES = 10 };

qa_status qa_analysis_run_groups(const qa_dataset *dataset, const qa_analysis_options *options,
                                 qa_group_results *groups, qa_error *error)
{
    memset(groups, 0, sizeof *groups);
    const qa_column *column = qa_dataset_column(dataset, options->by);
    if (!column)
        return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, options->by, NULL,
                            "--by %s: the dataset has no column '%s'", options->by, options->by);
    if (column->kind != QA_COLUMN_CATEGORY || column->level_count == 0)
        return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, options->by, NULL,
                            "--by %s: not a category column with values", options->by);
    snprintf(groups->column, sizeof groups->column, "%s", options->by);
    /* cases per level, in one pass: memory and time stay linear in the number of cases */
    size_t *cases = calloc(column->level_count, sizeof *cases);
    if (!cases)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t row = 0; row < dataset->rows; row++)
        if (column->codes[row] >= 0 && (size_t)column->codes[row] < column->level_count)
            cases[column->codes[row]]++;
    size_t count = 0;
    for (size_t level = 0; level < column->level_count; level++) {
        if (cases[level] >= GROUP_MIN_CASES) {
            count++;
        } else {
            groups->small_level_count++;
            groups->small_level_cases += cases[level];
        }
    }
    if (count == 0) {
        free(cases);
        return qa_error_set(error, QA_ERR_USAGE, dataset->path, 0, options->by, NULL,
                            "--by %s: no value of the column has the %d cases a group needs "
                            "(%zu values, %zu cases)",
                            options->by, GROUP_MIN_CASES, column->level_count,
                            groups->small_level_cases);
    }
    groups->group_names = calloc(count, sizeof(char *));
    groups->groups = calloc(count, sizeof(qa_results));
    groups->difference_z = calloc(count, sizeof *groups->difference_z);
    groups->difference_p = calloc(count, sizeof *groups->difference_p);
    unsigned char *mask = malloc(dataset->rows ? dataset->rows : 1);
    qa_status status = QA_OK;
    if (!groups->group_names || !groups->groups || !groups->difference_z || !groups->difference_p ||
        !mask)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t level = 0; level < column->level_count && status == QA_OK; level++) {
        if (cases[level] < GROUP_MIN_CASES)
            continue;
        size_t g = groups->group_count;
        for (size_t row = 0; row < dataset->rows; row++)
            mask[row] = column->codes[row] == (int32_t)level;
        groups->group_names[g] = strdup(column->levels[level]);
        qa_results_init(&groups->groups[g]);
        groups->group_count = g + 1;
        if (!groups->group_names[g])
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        else
            status =
                qa_analysis_run_subset(dataset, options, mask, true, &groups->groups[g], error);
    }
    free(mask);
    free(cases);
    if (status == QA_OK)
        differences_fill(groups);
    return status;
}
