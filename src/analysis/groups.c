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
    size_t count = column->level_count;
    groups->group_names = calloc(count, sizeof(char *));
    groups->groups = calloc(count, sizeof(qa_results));
    groups->difference_z = calloc(count, sizeof *groups->difference_z);
    groups->difference_p = calloc(count, sizeof *groups->difference_p);
    unsigned char *mask = malloc(dataset->rows ? dataset->rows : 1);
    qa_status status = QA_OK;
    if (!groups->group_names || !groups->groups || !groups->difference_z || !groups->difference_p ||
        !mask)
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    for (size_t level = 0; level < count && status == QA_OK; level++) {
        for (size_t row = 0; row < dataset->rows; row++)
            mask[row] = column->codes[row] == (int32_t)level;
        groups->group_names[level] = strdup(column->levels[level]);
        qa_results_init(&groups->groups[level]);
        groups->group_count = level + 1;
        if (!groups->group_names[level])
            status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        else
            status =
                qa_analysis_run_subset(dataset, options, mask, true, &groups->groups[level], error);
    }
    free(mask);
    if (status == QA_OK)
        differences_fill(groups);
    return status;
}
