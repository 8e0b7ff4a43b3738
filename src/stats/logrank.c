/* Two-group log-rank test (Mantel 1966; Peto & Peto 1972) as R's survdiff with rho = 0: observed
 * minus expected events of group 1 over the hypergeometric variance, summed over event times. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

typedef struct {
    double at_risk[2];
    double observed_minus_expected, variance;
} logrank_sums;

/* One time, in ascending order: `deaths` events (deaths_1 of group 1) and leaving[g] cases of
 * group g ending there. */
static void logrank_time(logrank_sums *s, double deaths, double deaths_1, const double leaving[2])
{
    double total = s->at_risk[0] + s->at_risk[1];
    if (deaths > 0) {
        double share = s->at_risk[1] / total;
        s->observed_minus_expected += deaths_1 - deaths * share;
        if (total > 1)
            s->variance += deaths * share * (1.0 - share) * (total - deaths) / (total - 1.0);
    }
    s->at_risk[0] -= leaving[0];
    s->at_risk[1] -= leaving[1];
}

/* The times from counts per whole-number time (survival_internal.h: the sorted pass's sums,
 * bit for bit, as every count is a whole number); false, nothing done, when the times are
 * not such or out of memory. */
static bool logrank_counted(const double *time, const double *status, const int *group, size_t n,
                            logrank_sums *sums)
{
    double low;
    size_t range;
    if (!qa_survival_time_range(time, n, n < QA_SURVIVAL_BINS_MOST ? n : QA_SURVIVAL_BINS_MOST,
                                &low, &range))
        return false;
    size_t *count = calloc(4 * range, sizeof *count); /* per time: leaving 0, 1; deaths 0, 1 */
    if (!count)
        return false;
    for (size_t i = 0; i < n; i++) {
        size_t *bin = count + 4 * (size_t)(time[i] - low);
        bin[group[i]]++;
        bin[2 + group[i]] += status[i] == 1.0;
    }
    for (size_t b = 0; b < range; b++) {
        const size_t *bin = count + 4 * b;
        if (bin[0] + bin[1] == 0)
            continue;
        double leaving[2] = {(double)bin[0], (double)bin[1]};
        logrank_time(sums, (double)(bin[2] + bin[3]), (double)bin[3], leaving);
    }
    free(count);
    return true;
}

qa_status qa_logrank(const double *time, const double *status, const int *group, size_t n,
                     double *chi2, double *p, qa_error *error)
{
    *chi2 = *p = NAN;
    qa_status status_code = qa_survival_check(time, status, n, error);
    if (status_code != QA_OK)
        return status_code;
    double at_risk[2] = {0, 0};
    for (size_t i = 0; i < n; i++) {
        if (group[i] != 0 && group[i] != 1)
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "group of row %zu is %d, not 0 or 1", i + 1, group[i]);
        at_risk[group[i]] += 1.0;
    }
    if (at_risk[0] == 0 || at_risk[1] == 0)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "the log-rank test needs cases in both groups (%g and %g)",
                            at_risk[0], at_risk[1]);
    logrank_sums sums = {{at_risk[0], at_risk[1]}, 0.0, 0.0};
    if (!logrank_counted(time, status, group, n, &sums)) {
        size_t *order = malloc(n * sizeof *order);
        if (!order)
            return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                                "out of memory for a log-rank test of %zu cases", n);
        status_code = qa_survival_sort_order(time, n, order, error);
        for (size_t low = 0, high; status_code == QA_OK && low < n; low = high) {
            double t = time[order[low]], deaths = 0, deaths_1 = 0, leaving[2] = {0, 0};
            for (high = low; high < n && time[order[high]] == t; high++) {
                size_t row = order[high];
                deaths += status[row];
                deaths_1 += group[row] == 1 ? status[row] : 0.0;
                leaving[group[row]] += 1.0;
            }
            logrank_time(&sums, deaths, deaths_1, leaving);
        }
        free(order);
        if (status_code != QA_OK)
            return status_code;
    }
    double observed_minus_expected = sums.observed_minus_expected, variance = sums.variance;
    if (!(variance > 0))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "the log-rank test has no information: no events while both "
                            "groups are at risk");
    *chi2 = observed_minus_expected * observed_minus_expected / variance;
    *p = gsl_cdf_chisq_Q(*chi2, 1.0);
    return QA_OK;
}
