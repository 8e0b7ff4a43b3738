/* analysis.h: the five community-sense hypotheses of the source paper turned into calls of
 * the statistics module. For each hypothesis H1–H5 and each outcome (formation on all cases,
 * durability on formed cases) it runs the correlations, the univariate logistic fit (the
 * primary test), the joint model, and for durability the Cox models and Kaplan–Meier
 * comparison; adjusts the primary p-values for multiplicity and gives each test its verdict
 * (docs/METHODS.md §4). The results go into a qa_results that every renderer reads. */
#ifndef QAREPORT_ANALYSIS_H
#define QAREPORT_ANALYSIS_H

#include "qareport/dataset.h"
#include "qareport/error.h"
#include "qareport/results.h"

/* The rows that --where keeps (mask[row] = 1), for the Data sheet. Unknown columns give
 * QA_ERR_USAGE as in qa_analysis_run_full. */
qa_status qa_analysis_select_rows(const qa_dataset *dataset, const qa_analysis_options *options,
                                  unsigned char *mask, qa_error *error);

/* The whole analysis of the dataset's rows that satisfy options->conditions, then the
 * robustness checks on the same rows. The caller initialises results (qa_results_init) and
 * frees it. Input problems (unknown --where or --controls column, an ongoing case without
 * observation year) return QA_ERR_INPUT or QA_ERR_USAGE with a message; statistical trouble
 * never fails the run: a test that cannot be computed is "not testable" with its reason. */
qa_status qa_analysis_run_full(const qa_dataset *dataset, const qa_analysis_options *options,
                               qa_results *results, qa_error *error);

/* `--by COLUMN`: one analysis per level of the column (cases with the column missing are
 * left out), with z tests of the difference of each primary coefficient against the first
 * level. */
qa_status qa_analysis_run_groups(const qa_dataset *dataset, const qa_analysis_options *options,
                                 qa_group_results *groups, qa_error *error);

/* The checks of the measures `validate` makes beyond the import: each indicator of a
 * composite measure must vary over the cases (it is z-scored). Adds one QA_ERR_INPUT problem
 * per constant indicator to errors and returns QA_ERR_INPUT, else QA_OK. */
qa_status qa_analysis_check_measures(const qa_dataset *dataset, qa_error_list *errors);

#endif
