/* Kendall's tau-b with the normal-approximation test of R's cor.test(method = "kendall",
 * exact = FALSE): S = concordant - discordant pairs, tau-b = S / sqrt((n0 - n1)(n0 - n2)),
 * z = S / sqrt(Var S) with the tie-corrected variance of Kendall (1945), as R computes it,
 * no continuity correction. The counting of S is in kendall_count.c. */
#include "qareport/correlation.h"
#include "correlation_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>

/* Var S with ties, as R's cor.test:
 * (v0 - vt - vu)/18 + v1 / (2n(n-1)) + v2 / (9n(n-1)(n-2)). */
static double kendall_variance(const qa_kendall_counts *c, size_t n)
{
    double nd = (double)n;
    double v0 = nd * (nd - 1) * (2 * nd + 5);
    double v1 = c->x_ties[0] * c->y_ties[0];
    double v2 = c->x_ties[1] * c->y_ties[1];
    return (v0 - c->x_ties[2] - c->y_ties[2]) / 18 + v1 / (2 * nd * (nd - 1)) +
           v2 / (9 * nd * (nd - 1) * (nd - 2));
}

/* tau-b and its test from the counts; n >= 3. */
static qa_status kendall_result(const qa_kendall_counts *c, size_t n, qa_correlation *out,
                                qa_error *error)
{
    int64_t pairs = (int64_t)n * ((int64_t)n - 1) / 2;
    if (c->x_tied == pairs || c->y_tied == pairs)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Kendall correlation: all pairs are tied in %s (no variation)",
                            c->x_tied == pairs ? "the first variable" : "the second variable");
    double s = (double)c->s;
    out->estimate = s / sqrt((double)(pairs - c->x_tied)) / sqrt((double)(pairs - c->y_tied));
    out->statistic = s / sqrt(kendall_variance(c, n));
    out->p = 2 * gsl_cdf_ugaussian_Q(fabs(out->statistic));
    if (out->p > 1)
        out->p = 1;
    out->p_greater = gsl_cdf_ugaussian_Q(out->statistic);
    return QA_OK;
}

static void kendall_clear(qa_correlation *out, size_t n)
{
    out->n = n;
    out->estimate = out->statistic = out->p = NAN;
    out->ci_lower = out->ci_upper = out->p_greater = NAN;
}

static qa_status check_size(size_t n, qa_error *error)
{
    if (n < 3)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Kendall correlation needs at least 3 cases, got %zu", n);
    if (n > UINT32_MAX)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "Kendall correlation: %zu cases are more than it handles", n);
    return QA_OK;
}

/* The message for a failed count. */
static qa_status count_error(qa_status status, size_t n, qa_error *error)
{
    if (status == QA_ERR_USAGE)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "Kendall correlation: the table method takes at most %d levels",
                            QA_CODE_TABLE_LEVEL_LIMIT);
    if (status == QA_ERR_NUMERIC)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "Kendall correlation: the data hold a missing value");
    return qa_error_set(error, status, NULL, 0, NULL, NULL,
                        "out of memory for Kendall correlation of %zu cases", n);
}

qa_status qa_kendall_from_table(const qa_code_table *table, qa_correlation *out,
                                qa_error *error)
{
    kendall_clear(out, table->n);
    qa_status status = check_size(table->n, error);
    if (status != QA_OK)
        return status;
    qa_kendall_counts c = {0};
    status = qa_kendall_count_table(table, &c);
    if (status != QA_OK)
        return count_error(status, table->n, error);
    return kendall_result(&c, table->n, out, error);
}

qa_status qa_kendall_from_ranked(const qa_ranked *x, const qa_ranked *y, qa_correlation *out,
                                 qa_error *error)
{
    kendall_clear(out, x->n);
    qa_status status = check_size(x->n, error);
    if (status != QA_OK)
        return status;
    qa_kendall_counts c = {0};
    status = qa_kendall_count_ranked(x, y, QA_KENDALL_AUTO, &c);
    if (status != QA_OK)
        return count_error(status, x->n, error);
    return kendall_result(&c, x->n, out, error);
}

qa_status qa_kendall_using(const double *x, const double *y, size_t n,
                           qa_kendall_algorithm algorithm, qa_correlation *out,
                           qa_error *error)
{
    kendall_clear(out, n);
    qa_status status = check_size(n, error);
    if (status != QA_OK)
        return status;
    qa_code_table table;
    if (algorithm == QA_KENDALL_AUTO && qa_code_table_build(x, y, n, &table) == QA_OK) {
        status = qa_kendall_from_table(&table, out, error);
        qa_code_table_free(&table);
        return status;
    }
    qa_ranked rx, ry;
    status = qa_ranked_build(x, n, false, &rx);
    if (status != QA_OK)
        return count_error(status, n, error);
    status = qa_ranked_build(y, n, false, &ry);
    qa_kendall_counts c = {0};
    if (status == QA_OK) {
        status = qa_kendall_count_ranked(&rx, &ry, algorithm, &c);
        qa_ranked_free(&ry);
    }
    qa_ranked_free(&rx);
    if (status != QA_OK)
        return count_error(status, n, error);
    return kendall_result(&c, n, out, error);
}

qa_status qa_kendall(const double *x, const double *y, size_t n, qa_correlation *out,
                     qa_error *error)
{
    return qa_kendall_using(x, y, n, QA_KENDALL_AUTO, out, error);
}
