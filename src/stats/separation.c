/* Exact detection of complete or quasi-complete separation in logistic regression by the
 * linear program of Konis (2007, "Linear programming algorithms for detecting separated data
 * in binary logistic regression models", DPhil thesis, Oxford), as R's detectseparation:
 * with s_i = 2 y_i - 1, the ML estimate is infinite iff some b != 0 has s_i x_i'b >= 0 for
 * every row. The LP maximises sum_i s_i x_i'b over that cone within the box |b_j| <= 1; the
 * data are separated iff the optimum is not b = 0. */
#include "column_scale.h"
#include "logit_internal.h"

#include <glpk.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The LP optimum counts as positive above it. Without separation the only feasible point is
 * b = 0 and the optimum is exactly 0; the objective, not b itself, decides, because columns
 * the design cannot tell apart (collinear, constant) move b without changing any row. */
static const double SEPARATION_TOLERANCE = 1e-7;
/* A component of the averaged recession direction counts as non-zero above it. */
static const double DIRECTION_TOLERANCE = 1e-7;

/* The constraint rows s_i x_i / scale, without duplicates and all-zero rows: a repeated row
 * is a repeated constraint, and coded data (a few ordinal levels) have few distinct rows, so
 * the LP shrinks from n rows to a handful. Columns are scaled to max |x_ij| = 1 so the box
 * means the same for every term; the signs of b are unchanged. Returns the count of rows
 * written to rows (n * p), or (size_t)-1 when out of memory. */
static size_t distinct_rows(const qa_logit_data *data, const double *scale, double *rows)
{
    size_t n = data->n, p = data->p, capacity = 16;
    while (capacity < 2 * n)
        capacity *= 2;
    size_t *table = malloc(capacity * sizeof *table);
    if (!table)
        return (size_t)-1;
    memset(table, 0xff, capacity * sizeof *table); /* (size_t)-1: empty */
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        if (qa_logit_row_weight(data, i) == 0)
            continue; /* not a case: no constraint */
        double *row = rows + count * p, sign = data->y[i] == 1.0 ? 1.0 : -1.0;
        uint64_t hash = 0;
        bool zero = true;
        for (size_t j = 0; j < p; j++) {
            double value = scale[j] > 0 ? sign * data->x[i * p + j] / scale[j] + 0.0 : 0.0;
            row[j] = value;
            zero = zero && value == 0;
            uint64_t bits;
            memcpy(&bits, &value, sizeof bits);
            hash = qa_logit_mix64(hash ^ bits);
        }
        if (zero)
            continue;
        size_t slot = (size_t)hash & (capacity - 1);
        while (table[slot] != (size_t)-1 && memcmp(rows + table[slot] * p, row, p * sizeof *row))
            slot = (slot + 1) & (capacity - 1);
        if (table[slot] == (size_t)-1)
            table[slot] = count++;
    }
    free(table);
    return count;
}

/* The LP in GLPK: rows r = s_i x_i'b / scale >= 0, columns b_j in [-1, 1] (fixed at 0 for an
 * all-zero column, which no data constrain), maximise the sum of the rows. */
static glp_prob *build_program(const qa_logit_data *data)
{
    size_t n = data->n, p = data->p;
    double *scale = calloc(p, sizeof *scale), *rows = malloc(n * p * sizeof *rows);
    if (!scale || !rows) {
        free(scale);
        free(rows);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p && qa_logit_row_weight(data, i) != 0; j++)
            scale[j] = fmax(scale[j], fabs(data->x[i * p + j]));
    size_t count = distinct_rows(data, scale, rows);
    size_t size = count == (size_t)-1 ? 1 : count * p + 1;
    int *row_index = malloc(size * sizeof *row_index);
    int *column_index = malloc(size * sizeof *column_index);
    double *value = malloc(size * sizeof *value);
    double *objective = calloc(p, sizeof *objective);
    glp_prob *lp = NULL;
    /* Any positive weights give the same decision, so each distinct row counts once. */
    if (count != (size_t)-1 && row_index && column_index && value && objective) {
        lp = glp_create_prob();
        glp_set_obj_dir(lp, GLP_MAX);
        glp_add_cols(lp, (int)p);
        for (size_t j = 0; j < p; j++)
            glp_set_col_bnds(lp, (int)j + 1, scale[j] > 0 ? GLP_DB : GLP_FX, scale[j] > 0 ? -1 : 0,
                             scale[j] > 0 ? 1 : 0);
        int entries = 0;
        if (count > 0)
            glp_add_rows(lp, (int)count);
        for (size_t r = 0; r < count; r++) {
            glp_set_row_bnds(lp, (int)r + 1, GLP_LO, 0, 0);
            for (size_t j = 0; j < p; j++) {
                if (rows[r * p + j] == 0)
                    continue;
                entries++;
                row_index[entries] = (int)r + 1;
                column_index[entries] = (int)j + 1;
                value[entries] = rows[r * p + j];
                objective[j] += rows[r * p + j];
            }
        }
        glp_load_matrix(lp, entries, row_index, column_index, value);
        for (size_t j = 0; j < p; j++)
            glp_set_obj_coef(lp, (int)j + 1, objective[j]);
    }
    free(scale);
    free(rows);
    free(row_index);
    free(column_index);
    free(value);
    free(objective);
    return lp;
}

static bool solve(glp_prob *lp)
{
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    return glp_simplex(lp, &parameters) == 0 && glp_get_status(lp) == GLP_OPT;
}

/* Signs of the diverging coefficients: a direction b of the separation cone is averaged from
 * the LP solutions maximising and minimising each b_j (plus the first one). A coefficient
 * that is >= 0 on the whole cone and > 0 somewhere is then > 0 in the average, and one that
 * is 0 on the whole cone stays 0, so the average is an interior direction of the cone, along
 * which the likelihood climbs to its supremum. */
static bool diverging_signs(glp_prob *lp, size_t p, const double *first, int *infinite)
{
    double *average = calloc(p, sizeof *average);
    if (!average)
        return false;
    for (size_t j = 0; j < p; j++)
        average[j] = first[j];
    for (size_t target = 0; target < p; target++) {
        for (size_t j = 0; j < p; j++)
            glp_set_obj_coef(lp, (int)j + 1, j == target ? 1.0 : 0.0);
        for (int direction = 0; direction < 2; direction++) {
            glp_set_obj_dir(lp, direction == 0 ? GLP_MAX : GLP_MIN);
            if (!solve(lp)) {
                free(average);
                return false;
            }
            for (size_t j = 0; j < p; j++)
                average[j] += glp_get_col_prim(lp, (int)j + 1);
        }
    }
    for (size_t j = 0; j < p; j++) {
        double component = average[j] / (double)(2 * p + 1);
        infinite[j] = component > DIRECTION_TOLERANCE    ? 1
                      : component < -DIRECTION_TOLERANCE ? -1
                                                         : 0;
    }
    free(average);
    return true;
}

/* What the LP needs: outcomes 0/1 and finite values. A design without variation in the
 * outcome is simply separated, and a rank-deficient one is fine for the decision (the lead's
 * subsample check meets both); only infinite[] needs full rank to be defined. */
static qa_status check_input(const qa_logit_data *data, bool directions, qa_error *error)
{
    if (!data || !data->x || !data->y || data->p == 0 || data->n == 0)
        return qa_error_set(error, QA_ERR_INTERNAL, NULL, 0, NULL, NULL,
                            "separation check: no data or no design columns");
    if (data->n > (size_t)(1 << 30) / data->p)
        return qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                            "separation check: %zu rows are too many for the linear program",
                            data->n);
    for (size_t i = 0; i < data->n; i++) {
        double weight = qa_logit_row_weight(data, i);
        if (!(weight >= 0) || !isfinite(weight))
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "separation check: weight of row %zu is %g, not >= 0", i, weight);
        if (data->y[i] != 0.0 && data->y[i] != 1.0)
            return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                "separation check: outcome of row %zu is %g, not 0 or 1", i,
                                data->y[i]);
        for (size_t j = 0; j < data->p; j++)
            if (!isfinite(data->x[i * data->p + j]))
                return qa_error_set(error, QA_ERR_INPUT, NULL, 0, NULL, NULL,
                                    "separation check: a predictor value is not finite");
    }
    if (!directions)
        return QA_OK;
    return qa_logit_check_rank(data, qa_logit_column_is_ones(data, 0), error);
}

static qa_status separation(const qa_logit_data *data, bool *separated, int *infinite,
                            qa_error *error)
{
    *separated = false;
    qa_status status = check_input(data, infinite != NULL, error);
    if (status != QA_OK)
        return status;
    size_t p = data->p;
    if (infinite)
        memset(infinite, 0, p * sizeof *infinite);
    /* GLPK's terminal output is a per-environment switch: off for this call, then restored. */
    int previous_output = glp_term_out(GLP_OFF);
    glp_prob *lp = build_program(data);
    double *solution = lp ? malloc(p * sizeof *solution) : NULL;
    if (!lp || !solution) {
        status = qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    } else if (!solve(lp)) {
        status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                              "separation check: the linear program could not be solved");
    } else {
        for (size_t j = 0; j < p; j++)
            solution[j] = glp_get_col_prim(lp, (int)j + 1);
        *separated = glp_get_obj_val(lp) > SEPARATION_TOLERANCE;
        if (*separated && infinite && !diverging_signs(lp, p, solution, infinite))
            status = qa_error_set(error, QA_ERR_NUMERIC, NULL, 0, NULL, NULL,
                                  "separation check: the linear program could not be solved");
    }
    free(solution);
    if (lp)
        glp_delete_prob(lp);
    glp_term_out(previous_output);
    return status;
}

/* On the column-scaled data (column_scale.h), so that the rank check does not overflow or
 * underflow at extreme scales; separation and the signs of b do not depend on the scale. */
qa_status qa_logit_separation(const qa_logit_data *data, bool *separated, int *infinite,
                              qa_error *error)
{
    *separated = false;
    if (!data || !data->x)
        return separation(data, separated, infinite, error);
    qa_column_scale scale;
    if (!qa_column_scale_make(data->x, data->n, data->p, &scale))
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    qa_logit_data scaled = *data;
    if (scale.x)
        scaled.x = scale.x;
    qa_status status = separation(&scaled, separated, infinite, error);
    qa_column_scale_free(&scale);
    return status;
}
