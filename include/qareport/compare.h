/* compare.h: comparing two coded datasets (SPEC "Comparing coded datasets"). Two codings of
 * the same cases: the join on case_id, agreement per coded column (percent, Cohen's kappa,
 * quadratic-weighted kappa, Gwet's AC1, Krippendorff's alpha with a bootstrap CI), every
 * disagreement, the ten verdicts of each coding side by side with the flips and the cases
 * whose recoding alone flips a verdict. Two different case sets: the coefficients side by
 * side with a z test of each difference. */
#ifndef QAREPORT_COMPARE_H
#define QAREPORT_COMPARE_H

#include "qareport/agreement.h"
#include "qareport/dataset.h"
#include "qareport/results.h"

typedef struct {
    char column[QA_NAME_TEXT];
    qa_measurement_level level;
    const char *level_name; /* "nominal", "ordinal", "interval" (static text) */
    qa_agreement agreement;
    bool available; /* false: no case coded in both */
} qa_column_agreement;

typedef struct {
    char case_id[QA_NAME_TEXT];
    char column[QA_NAME_TEXT];
    char a[QA_NAME_TEXT], b[QA_NAME_TEXT]; /* the codes as written ("" = missing) */
    long line_a, line_b;
} qa_disagreement;

typedef struct {
    bool flip;
    size_t driving_count;
    char **driving_cases; /* owned */
    double se_a, se_b;    /* SE of each coding's primary B; NaN when not testable */
    double z, p;          /* difference of the primary B (A − B) */
} qa_verdict_comparison;

typedef struct {
    bool same_cases; /* codings of the same cases (≥ half of each file matched) */
    size_t matched;
    size_t only_a_count, only_b_count;
    char **only_in_a, **only_in_b; /* owned */
    size_t column_count;
    qa_column_agreement *columns; /* owned */
    size_t disagreement_count;
    qa_disagreement *disagreements; /* owned */
    qa_results a, b;                /* the full analysis of each file */
    qa_verdict_comparison verdicts[QA_TEST_COUNT];
    unsigned long seed;
    size_t bootstrap_replicates;
} qa_compare_result;

/* Compares dataset a with dataset b (same codebook). results a/b are analysed with
 * `options`; agreement CIs use `replicates` bootstrap draws with `seed`. */
qa_status qa_compare_run(const qa_dataset *a, const qa_dataset *b,
                         const qa_analysis_options *options, size_t replicates,
                         qa_compare_result *result, qa_error *error);
void qa_compare_result_free(qa_compare_result *result);

#endif
