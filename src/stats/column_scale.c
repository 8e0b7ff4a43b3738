/* Power-of-two column scaling; see column_scale.h. */
#include "column_scale.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

enum { ORDINARY_EXPONENT = 32 };

int qa_column_scale_exponent(const double *x, size_t n, size_t stride)
{
    /* the largest finite magnitude: NaN fails `>`, an infinity fails `<= DBL_MAX`; four
     * running maxima without branches, as the case-length columns make this a hot loop */
    double m[4] = {0, 0, 0, 0};
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (size_t k = 0; k < 4; k++) {
            double v = fabs(x[(i + k) * stride]);
            m[k] = v > m[k] && v <= DBL_MAX ? v : m[k];
        }
    for (; i < n; i++) {
        double v = fabs(x[i * stride]);
        m[0] = v > m[0] && v <= DBL_MAX ? v : m[0];
    }
    double largest = fmax(fmax(m[0], m[1]), fmax(m[2], m[3]));
    if (largest == 0)
        return 0;
    int e = ilogb(largest); /* largest in [2^e, 2^(e+1)) */
    return e >= -ORDINARY_EXPONENT && e < ORDINARY_EXPONENT ? 0 : -e;
}

bool qa_column_scale_make(const double *x, size_t n, size_t p, qa_column_scale *scale)
{
    scale->p = p;
    scale->x = NULL;
    scale->exponent = calloc(p ? p : 1, sizeof *scale->exponent);
    if (!scale->exponent)
        return false;
    bool any = false;
    for (size_t j = 0; j < p; j++) {
        scale->exponent[j] = qa_column_scale_exponent(x + j, n, p);
        any |= scale->exponent[j] != 0;
    }
    if (!any)
        return true;
    scale->x = malloc(n * p * sizeof *scale->x + 1);
    if (!scale->x) {
        qa_column_scale_free(scale);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++)
            scale->x[i * p + j] = ldexp(x[i * p + j], scale->exponent[j]);
    return true;
}

void qa_column_scale_free(qa_column_scale *scale)
{
    free(scale->exponent);
    free(scale->x);
    scale->exponent = NULL;
    scale->x = NULL;
}

double qa_column_scale_back(const qa_column_scale *scale, size_t j, double value)
{
    return scale->exponent[j] ? ldexp(value, scale->exponent[j]) : value;
}
