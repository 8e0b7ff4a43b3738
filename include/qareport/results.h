/* results.h: what an analysis found, as plain data. The analysis module fills a qa_results;
 * the report module lays it out as tables and the JSON renderer writes it, so every output
 * reads the same numbers. Missing or not-computable numbers are NaN (written as null). */
#ifndef QAREPORT_RESULTS_H
#define QAREPORT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/logit.h"

enum { QA_HYPOTHESIS_COUNT = 5, QA_OUTCOME_COUNT = 2, QA_TEST_COUNT = 10 };

typedef enum { QA_OUTCOME_FORMATION = 0, QA_OUTCOME_DURABILITY = 1 } qa_outcome;

typedef enum {
    QA_VERDICT_SUPPORTED = 0,
    QA_VERDICT_NOT_SUPPORTED,
    QA_VERDICT_CONTRADICTED,
    QA_VERDICT_NOT_TESTABLE
} qa_verdict;

typedef enum { QA_ADJUST_HOLM = 0, QA_ADJUST_BH, QA_ADJUST_NONE } qa_adjust_method;
typedef enum { QA_FIRTH_AUTO = 0, QA_FIRTH_ALWAYS, QA_FIRTH_NEVER } qa_firth_mode;
typedef enum { QA_DATA_SHEET_AUTO = 0, QA_DATA_SHEET_ALWAYS, QA_DATA_SHEET_NEVER } qa_data_sheet_mode;

enum { QA_MAX_CONDITIONS = 16, QA_MAX_CONTROLS = 32, QA_NAME_TEXT = 128 };

typedef struct {
    char column[QA_NAME_TEXT];
    char value[QA_NAME_TEXT];
} qa_condition;

/* The options of `qareport analyze` that change numbers. */
typedef struct {
    double alpha;             /* 0.05 */
    qa_adjust_method adjust;  /* holm */
    bool one_sided;           /* --sided one: test the hypothesised (positive) direction */
    int durable_years;        /* T, 5 */
    int as_of;                /* 0 = not given */
    qa_firth_mode firth;      /* auto */
    size_t bootstrap;         /* 0 = none */
    unsigned long seed;       /* 1 */
    size_t control_count;
    char controls[QA_MAX_CONTROLS][QA_NAME_TEXT];
    size_t condition_count;
    qa_condition conditions[QA_MAX_CONDITIONS];
    char by[QA_NAME_TEXT];    /* "" = no grouping */
} qa_analysis_options;

void qa_analysis_options_default(qa_analysis_options *options);

const char *qa_outcome_name(qa_outcome outcome);       /* "formation", "durability" */
const char *qa_verdict_name(qa_verdict verdict);       /* "supported", "not_supported", ... */
const char *qa_hypothesis_id(int hypothesis);          /* "H1".."H5" */
const char *qa_measure_name(int hypothesis);           /* "security".."value" */
const char *qa_adjust_name(qa_adjust_method method);   /* "holm", "bh", "none" */
const char *qa_firth_name(qa_firth_mode mode);         /* "auto", "always", "never" */

typedef struct {
    bool available;
    double value; /* r, rho or tau-b */
    double p;
    double ci_lower, ci_upper; /* Pearson: Fisher z; others: bootstrap when requested, else NaN */
} qa_correlation_summary;

typedef enum { QA_MODEL_LOGIT = 0, QA_MODEL_COX = 1 } qa_model_kind;

typedef struct {
    char term[QA_NAME_TEXT];
    double b, se, z, p, wald_p;
    double ratio;              /* odds ratio or hazard ratio, exp(b) */
    double ci_lower, ci_upper; /* CI of b */
    double vif;                /* joint models; NaN otherwise */
    double ratio_boot_lower, ratio_boot_upper; /* bootstrap CI of the ratio; NaN without */
} qa_term_result;

typedef struct {
    char name[QA_NAME_TEXT];   /* formation_security, cox_joint, ... */
    qa_model_kind kind;
    qa_outcome outcome;
    bool available;            /* false: not fitted; reason says why */
    char reason[256];
    qa_logit_method method;    /* logit models */
    bool separated;            /* separation found (Konis LP) */
    size_t n, events, predictors;
    int iterations;
    bool converged;
    size_t tn, fp, fn, tp;     /* logit classification at 0.5 */
    size_t term_count;
    qa_term_result *terms;
    double loglik, null_loglik, aic, bic, lr_chi2, lr_p, lr_df;
    double mcfadden_r2, cox_snell_r2, nagelkerke_r2;
    double hl_chi2, hl_p;
    int hl_df;
    double auc, concordance;
} qa_model_result;

typedef struct {
    bool available;
    double median_above, median_at_or_below; /* NaN: not reached */
    double split;                            /* the measure's median */
    size_t n_above, n_at_or_below;
    double logrank_chi2, logrank_p;
} qa_km_summary;

/* One of the ten primary tests. */
typedef struct {
    int hypothesis;            /* 0..4: H1..H5 */
    qa_outcome outcome;
    size_t n;
    bool testable;
    char reason[256];          /* why not testable */
    qa_correlation_summary pearson, spearman, kendall;
    int logit_model;           /* index into qa_results.models, -1 none */
    int cox_model;             /* durability only */
    qa_km_summary km;
    double b, p, p_adjusted;   /* primary: univariate logit */
    qa_verdict verdict;
    /* Does the hypothesised direction hold elsewhere? 1 yes, 0 no, -1 not available. */
    int joint_agrees, spearman_agrees, cox_agrees;
    /* robustness panel */
    size_t events, non_events;
    double epv;
    bool fragile;
} qa_test_result;

typedef struct {
    char path[1024];
    char sha256[65];
    size_t rows, cases_used;
} qa_input_info;

typedef struct {
    qa_analysis_options options;
    qa_input_info input;
    qa_test_result tests[QA_TEST_COUNT]; /* index hypothesis * 2 + outcome */
    size_t model_count, model_capacity;
    qa_model_result *models;
    size_t warning_count, warning_capacity;
    char **warnings;
} qa_results;

void qa_results_init(qa_results *results);
void qa_results_free(qa_results *results);
/* Appends a model (takes ownership of its terms) and returns its index, or -1. */
int qa_results_add_model(qa_results *results, const qa_model_result *model);
/* printf-style warning; returns false when out of memory. */
bool qa_results_warn(qa_results *results, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
qa_test_result *qa_results_test(qa_results *results, int hypothesis, qa_outcome outcome);

#endif
