/* results.h: what an analysis found, as plain data. The analysis module fills a qa_results;
 * the report module lays it out as tables and the JSON renderer writes it, so every output
 * reads the same numbers. Missing or not-computable numbers are NaN (written as null). */
#ifndef QAREPORT_RESULTS_H
#define QAREPORT_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/domain.h"
#include "qareport/logit.h"

typedef enum { QA_ADJUST_HOLM = 0, QA_ADJUST_BH, QA_ADJUST_NONE } qa_adjust_method;
typedef enum { QA_FIRTH_AUTO = 0, QA_FIRTH_ALWAYS, QA_FIRTH_NEVER } qa_firth_mode;
typedef enum { QA_DATA_SHEET_AUTO = 0, QA_DATA_SHEET_ALWAYS, QA_DATA_SHEET_NEVER } qa_data_sheet_mode;
/* --durability: which model decides the durability verdicts (METHODS §4.13): the univariate
 * logit of durable (more than T years), or the univariate Cox model, judged on -B. */
typedef enum { QA_DURABILITY_LOGIT = 0, QA_DURABILITY_COX } qa_durability_model;
/* --controls-in: the controls enter the joint models only, or every primary model too (the
 * verdict is then the measure's partial effect). */
typedef enum { QA_CONTROLS_IN_JOINT = 0, QA_CONTROLS_IN_ALL } qa_controls_in;
/* --influence: whether the robustness checks include case and member influence (leave one
 * case out, leave one shared member out; METHODS §6.3-§6.5), or leave them out. */
typedef enum { QA_INFLUENCE_ALL = 0, QA_INFLUENCE_NONE } qa_influence_mode;

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
    bool member_se;           /* --se member: member-robust p decides the verdicts */
    int durable_years;        /* T, 5 */
    int as_of;                /* 0 = not given */
    qa_firth_mode firth;      /* auto */
    qa_durability_model durability; /* logit */
    qa_controls_in controls_in;     /* joint */
    qa_influence_mode influence;    /* all */
    size_t bootstrap;         /* 0 = none */
    unsigned long seed;       /* 1 */
    size_t control_count;
    char controls[QA_MAX_CONTROLS][QA_NAME_TEXT];
    size_t condition_count;
    qa_condition conditions[QA_MAX_CONDITIONS];
    char by[QA_NAME_TEXT]; /* "" = no grouping */
    /* Long work (bootstrap, case influence) reports how far it is: stage, done, total. NULL:
     * silent. Never called from two threads at once (case influence may report from a
     * thread of the analysis); it must not affect results. */
    void (*progress)(void *context, const char *stage, size_t done, size_t total);
    void *progress_context;
    /* How many threads the analysis uses: 0 = as the machine suggests (two on at most two
     * cores, three on more), or 1, 2 or 3. It changes no number: the results are the same
     * bits under each (tests/analysis/test_schedules.c). */
    unsigned threads;
} qa_analysis_options;

void qa_analysis_options_default(qa_analysis_options *options);

const char *qa_adjust_name(qa_adjust_method method);   /* "holm", "bh", "none" */
const char *qa_firth_name(qa_firth_mode mode);         /* "auto", "always", "never" */
const char *qa_durability_model_name(qa_durability_model model); /* "logit", "cox" */
const char *qa_controls_in_name(qa_controls_in where);           /* "joint", "all" */
const char *qa_influence_name(qa_influence_mode mode);           /* "all", "none" */

typedef struct {
    bool available;
    double value; /* r, rho or tau-b */
    double p;
    double ci_lower, ci_upper; /* Pearson: Fisher z; others: bootstrap when requested, else NaN */
} qa_correlation_summary;

typedef enum { QA_MODEL_LOGIT = 0, QA_MODEL_COX = 1 } qa_model_kind;

/* Member-robust Wald inference of one coefficient (member_robust.h): cases sharing a member
 * are dependent. se, z, p NaN and clusters 0 when not computed. */
typedef struct {
    double se, z, p;
    size_t clusters; /* distinct members in the sample, plus cases without any */
} qa_member_inference;

/* Minimum detectable effect of a test at power `power` (mde.h); b and the ratios NaN when
 * no effect in range reaches it or the test is not testable. */
typedef struct {
    double level, power;
    double b, ratio, ratio_sd; /* logit: OR = exp(b); Cox: b < 0, HR = exp(b) */
} qa_detectable_effect;

typedef struct {
    char term[QA_NAME_TEXT];
    double b, se, z, p, wald_p;
    qa_member_inference member;
    double ratio;              /* odds ratio or hazard ratio, exp(b) */
    double ci_lower, ci_upper; /* CI of b */
    double vif;                /* joint models; NaN otherwise */
    double ratio_boot_lower, ratio_boot_upper; /* bootstrap CI of the ratio; NaN without */
    /* The effect per SD (METHODS §4.14): the term's n − 1 SD over the model's own cases,
     * ratio_sd = exp(b sd) and its CI [exp(ci_lower sd), exp(ci_upper sd)]. Set on the measure
     * term of each primary model (logit and cox_<measure>) and on every term of every model
     * whose column is of type interval (`interval`); NaN elsewhere. */
    bool interval; /* the term's column (a measure, or a numeric control) is of type interval */
    double sd;
    double ratio_sd, ratio_sd_lower, ratio_sd_upper;
} qa_term_result;

typedef struct {
    char name[QA_NAME_TEXT]; /* formation_security, cox_joint, ... */
    qa_model_kind kind;
    qa_outcome outcome;
    bool available; /* false: not fitted; reason says why */
    char reason[256];
    qa_logit_method method; /* logit models */
    bool separated;         /* separation found (Konis LP) */
    size_t n, events, predictors;
    int iterations;
    bool converged;
    size_t tn, fp, fn, tp; /* logit classification at 0.5 */
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
    qa_hypothesis hypothesis;
    qa_outcome outcome;
    size_t n;
    bool testable;
    char reason[256]; /* why not testable */
    qa_correlation_summary pearson, spearman, kendall;
    int logit_model; /* index into qa_results.models, -1 none */
    int cox_model;   /* durability only */
    qa_km_summary km;
    /* The estimate the verdict is judged on: the primary logit's B and p, or with
     * --durability cox for a durability test -B and the Wald p of cox_<measure>. */
    double b, p, p_adjusted;
    qa_model_kind decided_by;  /* which model gave b and p */
    double logit_b, logit_p;   /* the primary logit's B and p as the verdict rule takes them */
    qa_verdict verdict;
    qa_detectable_effect mde;  /* of the univariate logit, at the level of the verdict rule */
    qa_detectable_effect cox_mde; /* of the univariate Cox model (durability) */
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

/* Descriptives of one numeric variable, overall and by formed (index 0 all, 1 formed = 1,
 * 2 formed = 0). Quartiles type 7. */
typedef struct {
    char name[QA_NAME_TEXT];
    size_t n[3], missing[3];
    double mean[3], sd[3], min[3], q1[3], median[3], q3[3], max[3];
} qa_variable_summary;

/* Counts of one category variable's levels, overall and by formed (same indexes). */
typedef struct {
    char name[QA_NAME_TEXT];
    size_t level_count;
    char **levels;  /* owned */
    size_t *counts; /* level_count × 3, counts[level * 3 + group] */
    size_t missing[3];
} qa_category_summary;

/* Pairwise Pearson correlations of the variables (formed, durable, duration, the five
 * measures), pairwise-complete: r, p and n for each pair, row-major count × count. */
typedef struct {
    size_t count;
    char names[8][QA_NAME_TEXT];
    double r[64], p[64];
    size_t n[64];
} qa_correlation_matrix;

/* A case left out of some test, and why (Diagnostics sheet). */
typedef struct {
    size_t row; /* 0-based data row */
    long line;  /* physical line in the file */
    char case_id[QA_NAME_TEXT];
    char reason[192]; /* e.g. "formed blank: left out of formation tests" */
} qa_dropped_case;

/* Kaplan–Meier curve of one group (Charts sheet, figures). */
typedef struct {
    size_t count;
    double *time, *survival;   /* owned; step corners, starting at time 0, survival 1 */
    /* The estimate's rows, one per distinct time (censoring-only times included), as
     * survfit: n at risk just before the time, events and censorings at it, S after it. */
    size_t row_count;
    double *row_time, *row_n_risk, *row_n_censor, *row_survival; /* owned */
} qa_km_curve;

/* Proportional-hazards test row (cox.zph, transform "km"). */
typedef struct {
    char model[QA_NAME_TEXT];
    char term[QA_NAME_TEXT]; /* "GLOBAL" for the global test */
    double chi2, p;
    int df;
} qa_ph_test;

/* Robustness of one of the ten verdicts (docs/METHODS.md §6). */
typedef struct {
    size_t specification_count;            /* m: 7 formation, 11 durability */
    qa_specification specifications[QA_SPEC_COUNT]; /* in qa_specification order */
    qa_verdict specification_verdicts[QA_SPEC_COUNT];
    bool firth_primary;                    /* the method switch fitted ML, not Firth */
    bool member_primary;                   /* --se member: QA_SPEC_MEMBER is the model-based p */
    size_t stable_k;                       /* specifications agreeing with the primary */
    size_t flipping_count;
    char **flipping_cases; /* owned: case ids, then "member:<name>" */
    /* small-sample panel of the other models (sheet only) */
    double joint_epv, cox_epv;
    size_t cox_events;
} qa_robustness;

typedef struct {
    qa_analysis_options options;
    qa_input_info input;
    qa_test_result tests[QA_TEST_COUNT]; /* index hypothesis * 2 + outcome */
    size_t model_count, model_capacity;
    qa_model_result *models;
    size_t warning_count, warning_capacity;
    char **warnings;
    /* sample counts */
    size_t formed_count, not_formed_count, ongoing_count, censored_before_threshold;
    /* Descriptives sheet: the five measures, start_year, duration (numeric) ... */
    size_t variable_count;
    qa_variable_summary variables[16];
    /* ... and the category columns */
    size_t category_count;
    qa_category_summary categories[16];
    qa_correlation_matrix correlations;
    /* composites: Cronbach's alpha per measure (NaN when the measure is one column) */
    double cronbach_raw[QA_HYPOTHESIS_COUNT], cronbach_standardized[QA_HYPOTHESIS_COUNT];
    size_t measure_indicator_count[QA_HYPOTHESIS_COUNT];
    /* the dataset column(s) behind each measure, ", "-joined ("" when absent) */
    char measure_source[QA_HYPOTHESIS_COUNT][256];
    /* Diagnostics */
    size_t dropped_count, dropped_capacity;
    qa_dropped_case *dropped;
    size_t unknown_column_count;
    char **unknown_columns; /* owned */
    /* Charts: KM curves per measure, [measure][0 above, 1 at or below] */
    qa_km_curve km_curves[QA_HYPOTHESIS_COUNT][2];
    /* Robustness (index as tests) and PH tests */
    bool robustness_done;
    qa_robustness robustness[QA_TEST_COUNT];
    /* "" when case and member influence were computed (every flipping_cases list is then a
     * result, possibly empty); else the option that left them out: "--influence none" (the
     * user's choice) or the option under which they would name the wrong cases ("--se
     * member", "--durability cox", "--controls-in all"; METHODS §6.5). */
    char influence_not_computed[32];
    size_t ph_test_count;
    qa_ph_test *ph_tests; /* owned */
} qa_results;

/* `--by COLUMN`: one qa_results per group, side by side, with z tests of the difference of
 * each primary coefficient between the first group and each other group. */
typedef struct {
    char column[QA_NAME_TEXT];
    size_t group_count;
    char **group_names; /* owned */
    qa_results *groups; /* owned, group_count */
    /* difference z test of the primary B, [group][test] against group 0 */
    double (*difference_z)[QA_TEST_COUNT];
    double (*difference_p)[QA_TEST_COUNT];
    /* values of the column with too few cases for a group (left out), and their cases */
    size_t small_level_count, small_level_cases;
} qa_group_results;

void qa_results_init(qa_results *results);
void qa_results_free(qa_results *results);
void qa_group_results_free(qa_group_results *groups);

#endif
