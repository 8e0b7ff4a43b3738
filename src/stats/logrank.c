/* Two-group log-rank test (Mantel 1966; Peto & Peto 1972) as R's survdiff with rho = 0: observed
 * minus expected events of group 1 over the hypergeometric variance, summed over event times. */
#include "qareport/survival.h"
#include "survival_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>

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
    size_t *order = malloc(n * sizeof *order);
    if (!order)
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL,
                            "out of memory for a log-rank test of %zu cases", n);
    status_code = qa_survival_sort_order(time, n, order, error);
    double observed_minus_expected = 0.0, variance = 0.0;
    for (size_t low = 0, high; status_code == QA_OK && low < n; low = high) {
        double t = time[order[low]], deaths = 0, deaths_1 = 0, leaving[2] = {0, 0};
        for (high = low; high < n && time[order[high]] == t; high++) {
            size_t row = order[high];
            deaths += status[row];
            deaths_1 += group[row] == 1 ? status[row] : 0.0;
            leaving[group[row]] += 1.0;
        }
        double total = at_risk[0] + at_risk[1];
        if (deaths > 0) {
            double share = at_risk[1] / total;
            observed_minus_expected += deaths_1 - deaths * share;
            if (total > 1)
                variance += deaths * share * (1.0 - share) * (total - deaths) / (total - 1.0);
        }
        at_risk[0] -= leaving[0];
        at_risk[1] -= leaving[1];
    }
    free(order);
    if (status_code != QA_OK)
        return status_code;
    if (!(variance > 0))
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "the log-rank test has no information: no events while both "
                            "groups are at risk");
    *chi2 = observed_minus_expected * observed_minus_expected / variance;
    *p = gsl_cdf_chisq_Q(*chi2, 1.0);
    return QA_OK;
}
