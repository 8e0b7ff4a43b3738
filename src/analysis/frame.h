/* frame.h (internal to src/analysis): the analysis frame — the rows in the analysis, the
 * derived timing, the five measures and the control terms as plain arrays — and the
 * primary-test machinery shared by the full analysis and the robustness reruns. */
#ifndef QAREPORT_ANALYSIS_FRAME_H
#define QAREPORT_ANALYSIS_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "qareport/dataset.h"
#include "qareport/logit.h"
#include "qareport/results.h"
#include "results_internal.h"

typedef struct {
    const qa_dataset *dataset;
    size_t rows;
    unsigned char *include;  /* 1: row is in the analysis (--where, --by group) */
    unsigned char *eligible; /* per row, a bit per qa_sample_kind whose outcome side
                                holds (measure aside): set once, read by every gather */
    qa_derived derived;
    const double *measure[QA_HYPOTHESIS_COUNT]; /* NULL: measure absent from the dataset */
    double *measure_owned[QA_HYPOTHESIS_COUNT]; /* composites computed here (else NULL: the
                                                   measure is the dataset's own column) */
    /* 1 + the largest value when every value of the measure is a whole number 0–255 or
     * missing (a coded measure, whose design rows can be numbered), else 0 */
    unsigned measure_radix[QA_HYPOTHESIS_COUNT];
    /* 1 + the largest duration when every row of the Cox samples (measure aside) has a whole
     * duration from 0 below 2^20 and an event of 0 or 1 (times that can be numbered, as
     * codes are), else 0 */
    unsigned cox_time_radix;
    double cronbach_raw[QA_HYPOTHESIS_COUNT], cronbach_standardized[QA_HYPOTHESIS_COUNT];
    size_t control_count; /* design columns from --controls (dummies expanded) */
    char (*control_names)[QA_NAME_TEXT];
    double **control_values; /* NaN = missing */
    bool *control_interval;  /* per control term: a numeric column of type interval (§4.14) */
    /* per measure: its column (every indicator of a composite) is of type interval (§4.14) */
    bool measure_interval[QA_HYPOTHESIS_COUNT];
    const struct qa_member_index *members; /* the dataset's member index (members.h), not owned;
                                              NULL: no member-robust inference */
    /* --controls-in all with controls: every primary model adjusts for the control terms,
     * and every sample is the cases complete on them (METHODS §4.13). */
    bool controls_all;
} qa_frame;

/* Builds the frame. `extra` (may be NULL) further restricts rows (by-group, leave-one-out);
 * `standardize` (may be NULL = all rows) is the row set composites are standardised on. */
qa_status qa_frame_build(const qa_dataset *dataset, const qa_analysis_options *options,
                         const unsigned char *extra, const unsigned char *standardize,
                         qa_frame *frame, qa_error *error);
void qa_frame_free(qa_frame *frame);

/* A view of `frame` with durability judged at `years` instead of --durable-years: its own
 * durable and eligibility arrays, everything else shared (free with
 * qa_frame_threshold_free, never qa_frame_free). */
qa_status qa_frame_with_threshold(const qa_frame *frame, int years, qa_frame *view);
void qa_frame_threshold_free(qa_frame *view);

/* Rows of one primary test's sample. */
typedef enum { QA_SAMPLE_FORMATION, QA_SAMPLE_DURABILITY, QA_SAMPLE_COX } qa_sample_kind;
bool qa_frame_in_sample(const qa_frame *frame, qa_sample_kind kind, int measure, size_t row);
/* The radix of a design column (frame->measure_radix of the measure it is; 0 for any other
 * column, a control's say). */
unsigned qa_frame_column_radix(const qa_frame *frame, const double *column);

/* Outcome of a row for the logit samples: formed or durable. */
double qa_frame_outcome(const qa_frame *frame, qa_outcome outcome, size_t row);

/* A gathered sample: x (measure) and y (outcome), or for Cox x, time and status (its y is
 * not written: its pages are never touched). Start from
 * `qa_sample s = {0}`; gathering again into the same sample reuses its arrays (a million
 * cases: no fresh pages each time), and qa_sample_free releases them once at the end.
 * A logit sample of a coded measure (frame.h measure_radix) is also counted as it is
 * gathered: when every outcome is 0 or 1, `tabulated` and counts[2 v + y] = the cases with
 * x = v and outcome y (v < QA_SAMPLE_LEVELS), which the correlations, the sample panel and
 * the univariate fit then use instead of passes over the cases. */
enum { QA_SAMPLE_LEVELS = 256 };
typedef struct {
    size_t n, capacity;
    double *x, *y, *time, *status;
    bool tabulated;
    double *counts; /* 2 × QA_SAMPLE_LEVELS */
    /* `keyed` (a sample of a coded measure in a frame with members): per frame row, 0 when
     * the row is not in the sample, else 1 + its key for the member sums (qa_model_rows.keys):
     * a logit sample's 2 v + y when tabulated, a Cox sample's 2 (v + radix t) + event when it
     * is counted (cox_cells below); otherwise not to be read */
    uint32_t *key;
    bool keyed;
    /* a Cox sample of a coded measure with numbered times (frame.h cox_time_radix) and at
     * most QA_SAMPLE_COX_CELLS cells: cox_counts[2 (v + radix t) + event] = its cases with
     * x = v, time t and that event, for qa_cox_compress_counted; else cox_cells = 0 */
    double *cox_counts;
    size_t cox_cells, cox_capacity;
} qa_sample;
enum { QA_SAMPLE_COX_CELLS = 1 << 16 };
qa_status qa_sample_gather(const qa_frame *frame, qa_sample_kind kind, int measure,
                           qa_sample *sample);
void qa_sample_free(qa_sample *sample);
/* The n − 1 standard deviation of the sample's measure (R's sd); NaN below 2 cases. */
double qa_sample_sd(const qa_sample *sample);

/* The univariate logit data of a sample: [1, x] and y. Coded measures (whole numbers 0–255)
 * are tabulated straight into at most 512 weighted rows, which fit exactly as the full data
 * (logit.h, frequency weights) without building the n × 2 design; other measures give the
 * full design. */
typedef struct {
    qa_logit_data data;
    double *x, *y, *weights; /* owned */
} qa_univariate;
qa_status qa_univariate_build(const qa_sample *sample, qa_univariate *out);
void qa_univariate_free(qa_univariate *u);

/* The primary tests' tabulated samples (test t = 2 × measure + outcome), kept for the
 * specification that refits the very same samples with the other method (robustness.h):
 * filled by qa_primary_logit_tests for each coded sample it fitted (at most 512 weighted
 * rows), so that the switch refits them without another pass over the rows. Start from
 * {0}; free with qa_sample_cache_free. */
typedef struct {
    qa_univariate table[QA_TEST_COUNT]; /* data.n == 0: none kept for that test */
} qa_sample_cache;
void qa_sample_cache_free(qa_sample_cache *cache);

/* Why a sample cannot be tested ("" when it can): fewer than 10 cases, no variation in
 * outcome or measure (a tabulated sample's from its counts). */
void qa_sample_testability(const qa_sample *sample, char *reason, size_t size);

/* The durability samples of the coded measures under other thresholds of durable years
 * (years[t], at most three): what gathering from qa_frame_with_threshold's view would count
 * (qa_sample.counts), for every threshold in one pass over the rows. counts holds
 * thresholds × QA_HYPOTHESIS_COUNT tables of 2 × QA_SAMPLE_LEVELS cells, counts[(t ×
 * QA_HYPOTHESIS_COUNT + k) × 2 × QA_SAMPLE_LEVELS + 2 v + y]; counted[k] is false for a
 * measure absent or not coded, and for all under --controls-in all (gather from the view
 * then). QA_ERR_MEMORY. */
qa_status qa_frame_threshold_counts(const qa_frame *frame, const int *years, size_t thresholds,
                                    double *counts, bool *counted);

/* Logit with the Firth rule of docs/METHODS.md §4.4: never = ML; always = Firth; auto = Firth when
 * the exact separation check finds separation. *separated tells what the check found (false when
 * not run). Design x is n × p row-major with the intercept as column 0. */
qa_status qa_fit_logit_rule(const qa_logit_data *data, qa_firth_mode mode, bool compute_vif,
                            qa_logit_result *result, bool *separated, qa_error *error);

/* The same with or without Firth's profile intervals (reruns need only B and p). */
qa_status qa_fit_logit_rule_options(const qa_logit_data *data, qa_firth_mode mode, bool compute_vif,
                                    bool intervals, qa_logit_result *result, bool *separated,
                                    qa_error *error);

/* Verdicts of the ten tests judged together (adjustment over the testable ones). */
void qa_judge(const qa_analysis_options *options, const double *b, const double *p,
              const bool *testable, double *p_adjusted, qa_verdict *verdicts);

/* The ten verdicts of the primary analysis alone (no correlations, joint or Cox models):
 * for case influence and for compare's driving cases. `primary` gives each test's fitting
 * method. */
qa_status qa_primary_verdicts(const qa_dataset *dataset, const qa_analysis_options *options,
                              const qa_results *primary, qa_verdict *verdicts, qa_error *error);

#endif
