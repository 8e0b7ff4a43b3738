/* member_robust.h: standard errors that allow for cases sharing members (states in several
 * quasi-alliances, dyads repeating each state). Cases i and j are dependent when i = j or
 * their member sets intersect; with A the n × n 0/1 matrix of that relation, the variance is
 * V = Bread · U′AU · Bread (Aronow, Samii & Assenova 2015, "Cluster-robust variance
 * estimation for dyadic data", Political Analysis 23(4), generalised to multilateral cases).
 * With one member per case this is the cluster-robust sandwich without small-sample factor
 * (R's sandwich::vcovCL(type = "HC0", cadjust = FALSE), survival's cluster()); with no
 * members it is the HC0 sandwich.
 *
 * The n × n matrix never exists: U′AU = Σ_T ±G_T G_T′ over the member subsets T that occur,
 * G_T the sum of the score rows of the cases whose member set contains T (inclusion–exclusion,
 * so a pair sharing several members counts once). A plan, built once per dataset, interns the
 * distinct member sets and their subsets; each model then costs one pass over its cases.
 *
 *     qa_members members = {cases, member_count, offset, member};
 *     qa_member_plan *plan;
 *     if (qa_member_plan_build(&members, &plan, &error) != QA_OK) return error.status;
 *     double u[n * p], bread[p * p], variance[p * p];
 *     qa_logit_score_contributions(&data, &fit, u, bread, &error);
 *     qa_member_sample sample = {n, NULL, NULL, NULL};   (case i of the sample = case i)
 *     size_t clusters;
 *     qa_member_sandwich(plan, &sample, u, n, p, bread, variance, &clusters, &error);
 *     qa_member_plan_free(plan);
 *
 * Pure functions over integer arrays: members are ids, never names. */
#ifndef QAREPORT_MEMBER_ROBUST_H
#define QAREPORT_MEMBER_ROBUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qareport/error.h"
#include "qareport/logit.h"
#include "qareport/survival.h"

/* Members of each case, compressed sparse rows: case i has the ids
 * member[offset[i]] .. member[offset[i + 1] - 1], each below member_count (any order,
 * repeats allowed). A case with no member depends on no other case. Members named by one
 * case only create no dependence: they may be left out of the lists and counted in
 * private_count[i] instead (NULL: none left out), which only the cluster count uses — with
 * a million cases of their own members (Ai;Bi) the plan then holds no sets at all. */
typedef struct {
    size_t cases;
    size_t member_count;
    const size_t *offset; /* cases + 1 entries, offset[0] = 0 */
    const uint32_t *member;
    const uint32_t *private_count; /* cases entries, or NULL */
} qa_members;

/* The distinct member sets of the cases, their subsets and, for sets too large to enumerate
 * (more than QA_MEMBER_SUBSET_MAX members), their neighbouring sets. */
typedef struct qa_member_plan qa_member_plan;
enum { QA_MEMBER_SUBSET_MAX = 10 };

/* Cost: one hash lookup per case (O(total memberships)), 2^k - 1 subsets per distinct set of
 * k <= QA_MEMBER_SUBSET_MAX members (dyads: 3), and for each larger set the sum over its
 * members of the number of distinct sets holding that member. QA_ERR_INPUT for a member id
 * not below member_count or offsets that decrease; QA_ERR_MEMORY. *plan is NULL on failure. */
qa_status qa_member_plan_build(const qa_members *members, qa_member_plan **plan, qa_error *error);
void qa_member_plan_free(qa_member_plan *plan);
/* Number of distinct non-empty member sets (for tests and cost notes). */
size_t qa_member_plan_set_count(const qa_member_plan *plan);
/* The distinct members of a case, ascending (*count of them; NULL when none). */
const uint32_t *qa_member_plan_case_members(const qa_member_plan *plan, size_t case_index,
                                            size_t *count);

/* The cases of one model: position i of the sample is case case_of[i] of the plan (NULL: the
 * plan's cases in order, n = cases) and has score row row_of[i] (NULL: row i); weights[i]
 * (NULL: 1) makes position i stand for that many identical cases with the same members. */
typedef struct {
    size_t n;
    const size_t *case_of;
    const size_t *row_of;
    const double *weights;
} qa_member_sample;

/* meat = U′AU (p × p, row-major) for the score rows u (rows × p) of the sample; *clusters
 * (may be NULL) = the distinct members in the sample, plus the private members of its cases
 * (private_count, times the weight), plus one per case (weight) without any:
 * the number of independent units when every case has exactly one member. Cost: O(n p) plus
 * O(p) per subset of each distinct set in the sample plus O(p^2) per subset key; the n × n
 * matrix is never formed. QA_ERR_INPUT for a case or row index out of range; QA_ERR_MEMORY. */
qa_status qa_member_meat(const qa_member_plan *plan, const qa_member_sample *sample,
                         const double *u, size_t rows, size_t p, double *meat, size_t *clusters,
                         qa_error *error);
/* variance = bread · meat · bread (bread p × p symmetric; NULL: the identity, for u already
 * multiplied by the bread, e.g. Cox dfbeta). */
qa_status qa_member_sandwich(const qa_member_plan *plan, const qa_member_sample *sample,
                             const double *u, size_t rows, size_t p, const double *bread,
                             double *variance, size_t *clusters, qa_error *error);

/* Streaming form of qa_member_meat, for scores computed case by case (a million cases never
 * need an n × p array): sums per distinct member set, O(set count × p) memory.
 *
 *     qa_member_sums *sums;
 *     qa_member_sums_alloc(plan, p, &sums, &error);
 *     for each case i of the model: qa_member_sums_add(sums, dataset_row_i, 1.0, u_i);
 *     qa_member_sums_meat(sums, meat, &clusters, &error);
 *     qa_member_sums_reset(sums);   (next model with the same p)
 *     qa_member_sums_free(sums); */
typedef struct qa_member_sums qa_member_sums;
qa_status qa_member_sums_alloc(const qa_member_plan *plan, size_t p, qa_member_sums **sums,
                               qa_error *error);
void qa_member_sums_reset(qa_member_sums *sums);
/* Adds weight × u (p values) for case case_index of the plan; false when the index is out of
 * range or the weight negative or not finite (nothing added). */
bool qa_member_sums_add(qa_member_sums *sums, size_t case_index, double weight, const double *u);
/* The cases of a model whose scores are rows of a table (cases with equal data have equal
 * scores): key[i] for every case i of the plan, 0 when case i is not in the model, else
 * 1 + the row of `scores` (p values each) that is its u; adds each such u with weight 1.
 * The same sums as qa_member_sums_add case by case, in one tight pass. */
void qa_member_sums_add_keyed(qa_member_sums *sums, const uint32_t *key, const double *scores);
/* The cases of a model described by coded columns, for a table of scores by data: case i is
 * in the model when flags[i] & flag is set and none of its values is NaN. Column c holds
 * whole numbers in [low[c], low[c] + radix[c]) (low NULL: 0), its digit the value − low[c];
 * the case's number is the mixed-radix number of its digits (column 0 the lowest), and its
 * key 2 × number + outcome[i].
 * qa_member_sums_add_coded adds, case by case in order, the row scores[key × p] (p values,
 * the caller's table for every key below 2 × the product of the radixes) of each case in the
 * model with weight 1: the sums of qa_member_sums_add_keyed with these keys, in one pass
 * without the key array. Both report, in *valid or by returning false, a case in the model
 * with a value off its column's range or not whole, or an outcome neither 0 nor 1; the sums
 * are then incomplete (qa_member_sums_reset them). */
enum { QA_MEMBER_CODED_COLUMNS_MOST = 9, QA_MEMBER_CODED_TERMS_MOST = 9 };
typedef struct {
    size_t columns;              /* 1 to QA_MEMBER_CODED_COLUMNS_MOST */
    const double *const *values; /* per column, a value per case of the plan */
    const size_t *radix;         /* per column */
    const double *low;           /* per column, or NULL */
    const unsigned char *flags;  /* per case */
    unsigned char flag;
    const double *outcome; /* per case */
} qa_member_coded_cases;

/* key[i] = 1 + the key of case i, 0 when it is not in the model (for
 * qa_member_sums_add_keyed); present[k] = 1 for every key[i] = k (present has
 * 1 + 2 × the product of the radixes entries, zeroed by the caller). */
bool qa_member_coded_keys(const qa_member_coded_cases *cases, size_t count, uint32_t *key,
                          unsigned char *present);
bool qa_member_sums_add_coded(qa_member_sums *sums, const qa_member_coded_cases *cases,
                              const double *scores);
/* meat = U′AU over the cases added; *clusters as qa_member_meat. */
qa_status qa_member_sums_meat(qa_member_sums *sums, double *meat, size_t *clusters,
                              qa_error *error);
void qa_member_sums_free(qa_member_sums *sums);

/* The bread (X′WX)⁻¹ of a logit fit at fit->b, frequency weights counted (p × p). fit must be
 * qa_logit_fit's or qa_logit_firth_fit's on data. QA_ERR_NUMERIC when X′WX is singular.
 * One pass over the rows. */
qa_status qa_logit_bread(const qa_logit_data *data, const qa_logit_result *fit, double *bread,
                         qa_error *error);
/* The score contribution u (p values) of one case with design row x and outcome y:
 * ML u = x (y − p); Firth u = x (y − p + h (½ − p)), h = p (1 − p) x′ bread x the case's hat
 * value (Firth 1993, the modified score; Heinze & Schemper 2002). */
void qa_logit_case_score(const qa_logit_result *fit, const double *bread, const double *x, double y,
                         double *u);
/* Score contributions of every data row into u (data->n × p; a row of weight w stands for w
 * cases that each contribute this row) and the bread (may be NULL). */
qa_status qa_logit_score_contributions(const qa_logit_data *data, const qa_logit_result *fit,
                                       double *u, double *bread, qa_error *error);

/* What the Cox score residuals of a fit need at each event time, so that the dfbeta of any
 * case follows from its (x, time, status) alone (Efron ties; survival's coxscore2 with the
 * sums over the tied deaths in closed form). */
typedef struct {
    size_t p, times;
    double *time;               /* event times, ascending */
    double *hazard;             /* per time: cumulative Σ 1/den up to and including it */
    double *weighted_mean;      /* times × p: cumulative Σ mean/den */
    double *tied_hazard;        /* per time: Σ_k f_k/den_k of its own deaths */
    double *tied_weighted_mean; /* times × p: Σ_k f_k mean_k/den_k */
    double *death_mean;         /* times × p: Σ_k mean_k / d */
    double *center;             /* p: the centering of the fit's sums */
    double *b, *variance;       /* copies of the fit's */
} qa_cox_score_table;

/* fit must be qa_cox_fit's on data (frequency weights as there). Cost: one sort and one pass. */
qa_status qa_cox_score_table_build(const qa_cox_data *data, const qa_cox_result *fit,
                                   qa_cox_score_table *table, qa_error *error);
void qa_cox_score_table_free(qa_cox_score_table *table);
/* Score residual (p values) of a case with covariates x, time and status 0/1, as R's
 * residuals(fit, type = "score") gives it on the expanded data (Therneau & Grambsch 2000,
 * §7.3); dfbeta multiplies by the fit's variance (residuals(fit, type = "dfbeta")). O(p^2 +
 * log times). */
void qa_cox_case_score_residual(const qa_cox_score_table *table, const double *x, double time,
                                double status, double *residual);
void qa_cox_case_dfbeta(const qa_cox_score_table *table, const double *x, double time,
                        double status, double *dfbeta);

/* Score residuals / dfbeta of every data row (data->n × p), one table lookup per row. */
qa_status qa_cox_score_residuals(const qa_cox_data *data, const qa_cox_result *fit,
                                 double *residuals, qa_error *error);
/* dfbeta = score residuals · fit->variance: the bread is already applied, so the
 * member-robust variance is D′AD (qa_member_sandwich with bread NULL), coxph(... +
 * cluster(g))'s robust variance when each case has one member. */
qa_status qa_cox_dfbeta(const qa_cox_data *data, const qa_cox_result *fit, double *dfbeta,
                        qa_error *error);

/* The power-of-two exponents e_j with which the fits scale the columns of x (n × p, row-major)
 * internally (0 for a column of ordinary magnitude, else the one that brings its largest
 * magnitude into [1, 2)). Scores computed from a fit's b need the same scaling to stay finite
 * at extreme scales: x_j · 2^e_j, b_j · 2^-e_j, and a standard error of the scaled problem
 * times 2^e_j. */
void qa_member_scale_exponents(const double *x, size_t n, size_t p, int *exponent);

/* Member-robust Wald statistics from b and the p × p variance: se = √V_jj, z = b/se,
 * p = 2Φ(−|z|); NaN where V_jj is not positive. */
void qa_member_wald(const double *b, const double *variance, size_t p, double *se, double *z,
                    double *p_value);

#endif
