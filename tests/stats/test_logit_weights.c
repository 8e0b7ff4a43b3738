/* Frequency weights: a fit on the distinct rows of a design (qa_logit_compress) with their
 * counts as weights equals the fit on the full data in every field, and a weighted fit
 * matches R's glm(y ~ x, binomial, weights = w) (tests/reference/logit_weights.R). */
#include "test_support.h"
#include "test_logit_data.h"

#include "qareport/logit.h"
#include "stats/stats_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Same number up to rounding: relative 1e-9, or absolute 1e-12 near 0; NaN only with NaN. */
static void expect_same(double actual, double expected, const char *what)
{
    if (isnan(expected) || isnan(actual)) {
        if (isnan(expected) != isnan(actual))
            fail_msg("%s: %.17g vs %.17g", what, actual, expected);
        return;
    }
    if (!qa_test_close(actual, expected, 1e-9, 1e-12))
        fail_msg("%s: %.17g vs %.17g (relative %.3g)", what, actual, expected,
                 fabs(actual - expected) / fabs(expected));
}

static void expect_same_terms(const double *a, const double *b, size_t p, const char *what)
{
    for (size_t j = 0; j < p; j++)
        expect_same(a[j], b[j], what);
}

/* Every field of a fit on compressed data equals that of the full fit; fitted via the map. */
static void expect_same_fit(const qa_logit_result *c, const qa_logit_result *f,
                            const size_t *row_of)
{
    size_t p = f->p;
    assert_int_equal(c->method, f->method);
    assert_int_equal(c->n, f->n);
    assert_int_equal(c->p, p);
    assert_int_equal(c->converged, f->converged);
    expect_same_terms(c->b, f->b, p, "b");
    expect_same_terms(c->se, f->se, p, "se");
    expect_same_terms(c->z, f->z, p, "z");
    expect_same_terms(c->p_value, f->p_value, p, "p");
    expect_same_terms(c->wald_p, f->wald_p, p, "wald_p");
    expect_same_terms(c->ci_lower, f->ci_lower, p, "ci_lower");
    expect_same_terms(c->ci_upper, f->ci_upper, p, "ci_upper");
    expect_same_terms(c->vif, f->vif, p, "vif");
    const double pairs[][2] = {{c->loglik, f->loglik},
                               {c->null_loglik, f->null_loglik},
                               {c->deviance, f->deviance},
                               {c->null_deviance, f->null_deviance},
                               {c->lr_chi2, f->lr_chi2},
                               {c->lr_p, f->lr_p},
                               {c->aic, f->aic},
                               {c->bic, f->bic},
                               {c->mcfadden_r2, f->mcfadden_r2},
                               {c->cox_snell_r2, f->cox_snell_r2},
                               {c->nagelkerke_r2, f->nagelkerke_r2},
                               {c->hl_chi2, f->hl_chi2},
                               {c->hl_p, f->hl_p},
                               {c->auc, f->auc}};
    const char *names[] = {
        "loglik", "null_loglik", "deviance",     "null_deviance", "lr_chi2", "lr_p", "aic",
        "bic",    "mcfadden_r2", "cox_snell_r2", "nagelkerke_r2", "hl_chi2", "hl_p", "auc"};
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        expect_same(pairs[k][0], pairs[k][1], names[k]);
    assert_int_equal(c->hl_df, f->hl_df);
    assert_int_equal(c->events, f->events);
    assert_int_equal(c->tn, f->tn);
    assert_int_equal(c->fp, f->fp);
    assert_int_equal(c->fn, f->fn);
    assert_int_equal(c->tp, f->tp);
    assert_int_equal(f->rows, f->n);
    for (size_t i = 0; i < f->rows; i++)
        expect_same(c->fitted[row_of[i]], f->fitted[i], "fitted");
}

typedef qa_status (*fitter)(const qa_logit_data *, const qa_logit_options *, qa_logit_result *,
                            qa_error *);

/* Fits data directly and through qa_logit_compress; expects the same results. Returns the
 * number of distinct rows. */
static size_t expect_compressed_equal(const qa_logit_data *data, fitter fit,
                                      const qa_logit_options *options)
{
    qa_logit_compressed compressed;
    qa_error error;
    assert_int_equal(qa_logit_compress(data, data->n, true, &compressed, &error), QA_OK);
    assert_true(compressed.data.n > 0);
    qa_logit_result full, weighted;
    assert_int_equal(fit(data, options, &full, &error), QA_OK);
    assert_int_equal(fit(&compressed.data, options, &weighted, &error), QA_OK);
    assert_int_equal(weighted.rows, compressed.data.n);
    expect_same_fit(&weighted, &full, compressed.row_of);
    size_t rows = compressed.data.n;
    qa_logit_result_free(&full);
    qa_logit_result_free(&weighted);
    qa_logit_compressed_free(&compressed);
    return rows;
}

static qa_logit_options options_with(bool vif, bool skip_profile)
{
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.compute_vif = vif;
    options.skip_profile = skip_profile;
    return options;
}

static void test_small_compressed(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    qa_logit_data data = {40, 2, x, small_y, NULL};
    qa_logit_options options = options_with(false, false);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 10);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_firth_fit, &options), 10);
    free(x);
}

static void test_joint_compressed(void **state)
{
    (void)state;
    const double *columns[] = {joint_x1, joint_x2, joint_x3, joint_x4, joint_x5, joint_d};
    double *x = test_logit_design(80, 1, columns, 6);
    /* Replicated 3 times so that rows repeat (80 rows of 6 codes are all distinct). */
    double *x3 = malloc(240 * 7 * sizeof *x3), *y3 = malloc(240 * sizeof *y3);
    for (size_t copy = 0; copy < 3; copy++) {
        memcpy(x3 + copy * 80 * 7, x, 80 * 7 * sizeof *x);
        memcpy(y3 + copy * 80, joint_y, 80 * sizeof *y3);
    }
    qa_logit_data data = {240, 7, x3, y3, NULL};
    qa_logit_options options = options_with(true, false);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 78);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_firth_fit, &options), 78);
    free(x);
    free(x3);
    free(y3);
}

/* Quasi-completely separated (Firth's case). */
static void test_separated_firth_compressed(void **state)
{
    (void)state;
    const double *columns[] = {quasi_x};
    double *x = test_logit_design(20, 1, columns, 1);
    qa_logit_data data = {20, 2, x, quasi_y, NULL};
    qa_logit_compressed compressed;
    qa_error error;
    assert_int_equal(qa_logit_compress(&data, 100, false, &compressed, &error), QA_OK);
    bool full_separated = false, separated = false;
    int full_infinite[2], infinite[2];
    assert_int_equal(qa_logit_separation(&data, &full_separated, full_infinite, &error), QA_OK);
    assert_int_equal(qa_logit_separation(&compressed.data, &separated, infinite, &error), QA_OK);
    assert_true(full_separated && separated);
    assert_int_equal(infinite[1], full_infinite[1]);
    qa_logit_compressed_free(&compressed);
    qa_logit_options options = options_with(false, false);
    expect_compressed_equal(&data, qa_logit_firth_fit, &options);
    options.skip_profile = true;
    expect_compressed_equal(&data, qa_logit_firth_fit, &options);
    free(x);
}

/* Deterministic generator for the large design (splitmix64). */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static double uniform(uint64_t *state)
{
    return (double)(next_random(state) >> 11) * 0x1.0p-53;
}

/* 100,000 cases, two correlated ordinal 0-4 codes, y from a logit model. */
static void test_large_ordinal_compressed(void **state)
{
    (void)state;
    size_t n = 100000, p = 3;
    double *x = malloc(n * p * sizeof *x), *y = malloc(n * sizeof *y);
    uint64_t seed = 20261128;
    for (size_t i = 0; i < n; i++) {
        double a = floor(5 * uniform(&seed));
        double b = fmin(4, floor((a + 5 * uniform(&seed)) / 2));
        x[i * p] = 1;
        x[i * p + 1] = a;
        x[i * p + 2] = b;
        double eta = -1.5 + 0.4 * a + 0.25 * b;
        y[i] = uniform(&seed) < 1 / (1 + exp(-eta)) ? 1 : 0;
    }
    qa_logit_data data = {n, p, x, y, NULL};
    qa_logit_options options = options_with(true, false);
    size_t rows = expect_compressed_equal(&data, qa_logit_fit, &options);
    assert_true(rows <= 50);
    expect_compressed_equal(&data, qa_logit_firth_fit, &options);
    data.p = 2; /* univariate: the intercept and a */
    double *x2 = malloc(n * 2 * sizeof *x2);
    for (size_t i = 0; i < n; i++) {
        x2[2 * i] = 1;
        x2[2 * i + 1] = x[i * p + 1];
    }
    data.x = x2;
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 10);
    free(x);
    free(x2);
    free(y);
}

/* tests/reference/logit_weights.R "---- data ----": distinct rows with counts (the last one
 * has weight 0). */
static const double weighted_x[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 2};
static const double weighted_z[] = {1, 0, 2, 1, 1, 3, 2, 4, 3, 4, 0};
static const double weighted_y[] = {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1};
static const double weighted_w[] = {14, 3, 11, 6, 9, 9, 5, 12, 2, 10, 0};

static void assert_all_close(const double *actual, const double *expected, size_t count)
{
    for (size_t j = 0; j < count; j++)
        assert_close(actual[j], expected[j]);
}

static void test_weighted_univariate_against_r(void **state)
{
    (void)state;
    const double *columns[] = {weighted_x};
    double *x = test_logit_design(11, 1, columns, 1);
    qa_logit_data data = {11, 2, x, weighted_y, weighted_w};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, NULL, &r, &error), QA_OK);
    assert_int_equal(r.n, 81); /* sum(w) */
    assert_int_equal(r.rows, 11);
    assert_int_equal(r.events, 40); /* sum(w * y) */
    /* coef(glm(y ~ x, binomial, weights = w)) */
    assert_all_close(r.b, (double[]){-1.47989008619235, 0.774992867556227}, 2);
    /* sqrt(diag(solve(crossprod(X * sqrt(w * mu * (1 - mu)))))) at coef */
    assert_all_close(r.se, (double[]){0.456996314975501, 0.20423463701226}, 2);
    /* 2 * pnorm(-abs(b / se)) */
    assert_all_close(r.wald_p, (double[]){0.00120245292126364, 0.000147869666830444}, 2);
    assert_close(r.loglik, -47.1772672703722);       /* logLik(fit) */
    assert_close(r.null_loglik, -56.1387486290335);  /* logLik(glm(y ~ 1, weights = w)) */
    assert_close(r.aic, 98.3545345407444);           /* AIC(fit) (= expanded, 0/1 y) */
    assert_close(r.bic, 103.143432850089);           /* BIC of the expanded glm */
    assert_close(r.mcfadden_r2, 0.159630942575493);  /* 1 - ll / ll0 */
    assert_close(r.cox_snell_r2, 0.198500671436927); /* 1 - exp(2 (ll0 - ll) / sum(w)) */
    assert_close(r.nagelkerke_r2, 0.264681010470864);
    /* table of fitted > 0.5 against y on the expanded data */
    assert_int_equal(r.tn, 25);
    assert_int_equal(r.fp, 16);
    assert_int_equal(r.fn, 9);
    assert_int_equal(r.tp, 31);
    assert_close(r.auc, 0.757012195121951); /* wilcox.test W / (n1 n0), expanded */
    /* hosmer_lemeshow(ye, mue) on the expanded data */
    assert_close(r.hl_chi2, 0.0333481253974364);
    assert_int_equal(r.hl_df, 2);
    assert_close(r.hl_p, 0.983464180062122);
    qa_logit_result_free(&r);
    free(x);
}

static void test_weighted_joint_against_r(void **state)
{
    (void)state;
    const double *columns[] = {weighted_x, weighted_z};
    double *x = test_logit_design(11, 1, columns, 2);
    qa_logit_data data = {11, 3, x, weighted_y, weighted_w};
    qa_logit_options options;
    qa_logit_options_default(&options);
    options.compute_vif = true;
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, &options, &r, &error), QA_OK);
    /* coef(glm(y ~ x + z, binomial, weights = w)) */
    assert_all_close(r.b, (double[]){-2.64957632629343, -0.210033382926116, 1.35896773902667}, 3);
    /* sqrt(diag(solve(crossprod(X * sqrt(w * mu * (1 - mu)))))) at coef */
    assert_all_close(r.se, (double[]){0.607332054257527, 0.342664217641169, 0.397208982384169}, 3);
    assert_close(r.loglik, -39.9017611422349); /* logLik(fit) */
    assert_close(r.aic, 85.8035222844698);     /* AIC(fit) */
    assert_close(r.bic, 92.9868697484872);     /* BIC of the expanded glm */
    assert_close(r.nagelkerke_r2, 0.440411522230708);
    assert_int_equal(r.tn, 39);
    assert_int_equal(r.fp, 2);
    assert_int_equal(r.fn, 9);
    assert_int_equal(r.tp, 31);
    assert_close(r.auc, 0.807926829268293); /* wilcox.test W / (n1 n0), expanded */
    /* hosmer_lemeshow(ye, mue) on the expanded data */
    assert_close(r.hl_chi2, 54.3410544991745);
    assert_int_equal(r.hl_df, 7);
    assert_close(r.hl_p, 2.01343661322674e-09);
    /* 1 / (1 - summary(lm(x ~ z))$r.squared) on the expanded data */
    assert_close(r.vif[1], 3.07815387075392);
    assert_close(r.vif[2], 3.07815387075392);
    qa_logit_result_free(&r);
    free(x);
}

static void test_weighted_firth_against_r(void **state)
{
    (void)state;
    const double *columns[] = {weighted_x};
    double *x = test_logit_design(11, 1, columns, 1);
    qa_logit_data data = {11, 2, x, weighted_y, weighted_w};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_OK);
    /* coef(glm(y ~ X - 1, binomial, weights = w, method = "brglmFit", type = "AS_mean")) */
    assert_all_close(r.b, (double[]){-1.42266161215335, 0.74454541971842}, 2);
    /* sqrt(diag(solve(X'WX))) at coef */
    assert_all_close(r.se, (double[]){0.451175208056958, 0.201159826710977}, 2);
    assert_close(r.loglik, -44.1892394629206); /* l + 1/2 log det I at coef */
    assert_int_equal(r.n, 81);
    qa_logit_result_free(&r);
    free(x);
}

static void test_compress(void **state)
{
    (void)state;
    /* rows: (1, 0 | 1), (1, -0 | 1) = the same, (1, 2 | 0), (1, 0 | 0), (1, 2 | 0) */
    const double x[] = {1, 0, 1, -0.0, 1, 2, 1, 0, 1, 2};
    const double y[] = {1, 1, 0, 0, 0};
    const double w[] = {2, 3, 1, 4, 5};
    qa_logit_data data = {5, 2, x, y, w};
    qa_logit_compressed c;
    qa_error error;
    assert_int_equal(qa_logit_compress(&data, 5, true, &c, &error), QA_OK);
    assert_int_equal(c.data.n, 3);
    assert_int_equal(c.data.p, 2);
    assert_true(c.data.weights == c.weights && c.data.x == c.x && c.data.y == c.y);
    /* first appearance order */
    const double expected_x[] = {1, 0, 1, 2, 1, 0};
    for (size_t k = 0; k < 6; k++)
        assert_true(c.x[k] == expected_x[k] && !signbit(c.x[k]));
    assert_true(c.y[0] == 1 && c.y[1] == 0 && c.y[2] == 0);
    assert_true(c.weights[0] == 5 && c.weights[1] == 6 && c.weights[2] == 4);
    const size_t expected_map[] = {0, 0, 1, 2, 1};
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(c.row_of[i], expected_map[i]);
    qa_logit_compressed_free(&c);
    assert_null(c.x);
    /* Without weights each row counts 1; no map unless asked. */
    data.weights = NULL;
    assert_int_equal(qa_logit_compress(&data, 3, false, &c, &error), QA_OK);
    assert_int_equal(c.data.n, 3);
    assert_null(c.row_of);
    assert_true(c.weights[0] == 2 && c.weights[1] == 2 && c.weights[2] == 1);
    qa_logit_compressed_free(&c);
    /* Missing values (NaN) with the same bits are one value. */
    const double missing_x[] = {1, NAN, 1, 2, 1, NAN, 1, NAN};
    const double missing_y[] = {1, 0, 1, NAN};
    qa_logit_data missing = {4, 2, missing_x, missing_y, NULL};
    assert_int_equal(qa_logit_compress(&missing, 4, true, &c, &error), QA_OK);
    assert_int_equal(c.data.n, 3);
    assert_true(isnan(c.x[1]) && c.y[0] == 1 && c.weights[0] == 2 && isnan(c.y[2]));
    assert_true(c.row_of[0] == 0 && c.row_of[1] == 1 && c.row_of[2] == 0 && c.row_of[3] == 2);
    qa_logit_compressed_free(&c);
    /* More distinct rows than max_rows: nothing. */
    assert_int_equal(qa_logit_compress(&data, 2, true, &c, &error), QA_OK);
    assert_int_equal(c.data.n, 0);
    assert_null(c.x);
    assert_null(c.row_of);
    qa_logit_compressed_free(&c);
}

static void expect_weight_refused(const double *weights)
{
    const double *columns[] = {weighted_x};
    double *x = test_logit_design(11, 1, columns, 1);
    qa_logit_data data = {11, 2, x, weighted_y, weights};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, NULL, &r, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "weight of row 3"));
    assert_int_equal(qa_logit_firth_fit(&data, NULL, &r, &error), QA_ERR_INPUT);
    free(x);
}

static void test_weight_refusals(void **state)
{
    (void)state;
    expect_weight_refused((double[]){1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 1});
    expect_weight_refused((double[]){1, 1, 1, 0.5, 1, 1, 1, 1, 1, 1, 1});
    expect_weight_refused((double[]){1, 1, 1, NAN, 1, 1, 1, 1, 1, 1, 1});
    expect_weight_refused((double[]){1, 1, 1, INFINITY, 1, 1, 1, 1, 1, 1, 1});
    /* Only rows of weight 0 have y = 1: no variation among the cases. */
    const double *columns[] = {weighted_x};
    double *x = test_logit_design(11, 1, columns, 1);
    qa_logit_data data = {11, 2, x, weighted_y, (double[]){1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0}};
    qa_logit_result r;
    qa_error error;
    assert_int_equal(qa_logit_fit(&data, NULL, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "no variation"));
    /* Two cases are too few for two terms, however many rows. */
    data.weights = (double[]){1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assert_int_equal(qa_logit_fit(&data, NULL, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "2 cases are too few"));
    free(x);
}

/* copies of the n rows of (x, y), one after another. */
static qa_logit_data replicate(const double *x, const double *y, size_t n, size_t p, size_t copies)
{
    double *rx = malloc(copies * n * p * sizeof *rx), *ry = malloc(copies * n * sizeof *ry);
    for (size_t copy = 0; copy < copies; copy++) {
        memcpy(rx + copy * n * p, x, n * p * sizeof *x);
        memcpy(ry + copy * n, y, n * sizeof *y);
    }
    return (qa_logit_data){copies * n, p, rx, ry, NULL};
}

static void free_replicated(qa_logit_data *data)
{
    free((double *)data->x);
    free((double *)data->y);
}

/* A huge but finite estimate (tests/reference/logit.R huge_x, x in thousandths) and the
 * step-halving design of test_logit_ml.c: the paths to the maximum take halvings and
 * bounded steps, and the compressed fit must take the same. */
static void test_difficult_paths_compressed(void **state)
{
    (void)state;
    double huge_x[20], huge_y[20];
    for (int i = 0; i < 20; i++) {
        huge_x[i] = (i + 1) / 1000.0;
        huge_y[i] = i + 1 > 10;
    }
    huge_y[9] = 1;
    huge_y[10] = 0;
    const double *columns[] = {huge_x};
    double *x = test_logit_design(20, 1, columns, 1);
    qa_logit_data data = replicate(x, huge_y, 20, 2, 3);
    qa_logit_options options = options_with(false, false);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 20);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_firth_fit, &options), 20);
    free_replicated(&data);
    free(x);
    double halving_x[24], halving_y[12];
    for (int i = 0; i < 12; i++) {
        halving_x[2 * i] = 1;
        halving_x[2 * i + 1] = i < 11 ? i : 60;
        halving_y[i] = i >= 1 && i <= 10;
    }
    data = replicate(halving_x, halving_y, 12, 2, 4);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 12);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_firth_fit, &options), 12);
    free_replicated(&data);
}

/* p = 9, beyond the unrolled accumulation loops (joint + x1^2 + x2 x3). */
static void test_wide_compressed(void **state)
{
    (void)state;
    double square[80], product[80];
    for (size_t i = 0; i < 80; i++) {
        square[i] = joint_x1[i] * joint_x1[i];
        product[i] = joint_x2[i] * joint_x3[i];
    }
    const double *columns[] = {joint_x1, joint_x2, joint_x3, joint_x4,
                               joint_x5, joint_d,  square,   product};
    double *x = test_logit_design(80, 1, columns, 8);
    qa_logit_data data = replicate(x, joint_y, 80, 9, 2);
    qa_logit_options options = options_with(true, false);
    expect_compressed_equal(&data, qa_logit_fit, &options);
    options.skip_profile = true;
    expect_compressed_equal(&data, qa_logit_firth_fit, &options);
    free_replicated(&data);
    free(x);
}

/* The small data set 25,000 times (n = 1e6), where the direct fit's sums are long. */
static void test_million_compressed(void **state)
{
    (void)state;
    const double *columns[] = {small_x};
    double *x = test_logit_design(40, 1, columns, 1);
    qa_logit_data data = replicate(x, small_y, 40, 2, 25000);
    qa_logit_options options = options_with(false, true);
    assert_int_equal(expect_compressed_equal(&data, qa_logit_fit, &options), 10);
    free_replicated(&data);
    free(x);
}

/* Rows of weight 0 are not cases, so they cannot prevent separation; other weights do not
 * matter. x = 0, 1, 2, 3 with y = 0, 0, 1, 1 is separated; a case (x = 3, y = 0) is not. */
static void test_weighted_separation(void **state)
{
    (void)state;
    const double x[] = {1, 0, 1, 1, 1, 2, 1, 3, 1, 3};
    const double y[] = {0, 0, 1, 1, 0};
    qa_logit_data data = {5, 2, x, y, (double[]){3, 1, 7, 2, 0}};
    bool separated = false;
    int infinite[2];
    qa_error error;
    assert_int_equal(qa_logit_separation(&data, &separated, infinite, &error), QA_OK);
    assert_true(separated);
    assert_int_equal(infinite[1], 1);
    data.weights = (double[]){3, 1, 7, 2, 4};
    assert_int_equal(qa_logit_separation(&data, &separated, infinite, &error), QA_OK);
    assert_false(separated);
    data.weights = (double[]){3, 1, 7, -2, 4};
    assert_int_equal(qa_logit_separation(&data, &separated, NULL, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "weight of row 3"));
}

/* Many distinct rows (the table grows several times): 3,000 x values, each in 3 rows. */
static void test_compress_many_rows(void **state)
{
    (void)state;
    enum { DISTINCT = 3000, N = 3 * DISTINCT };
    double *x = malloc(2 * N * sizeof *x), *y = malloc(N * sizeof *y);
    for (size_t i = 0; i < N; i++) {
        x[2 * i] = 1;
        x[2 * i + 1] = (double)(i % DISTINCT) / 7;
        y[i] = (i % DISTINCT) % 2;
    }
    qa_logit_data data = {N, 2, x, y, NULL};
    qa_logit_compressed c;
    qa_error error;
    assert_int_equal(qa_logit_compress(&data, N, true, &c, &error), QA_OK);
    assert_int_equal(c.data.n, DISTINCT);
    for (size_t k = 0; k < DISTINCT; k++) {
        assert_true(c.x[2 * k + 1] == (double)k / 7 && c.y[k] == (double)(k % 2));
        assert_true(c.weights[k] == 3);
    }
    for (size_t i = 0; i < N; i++)
        assert_int_equal(c.row_of[i], i % DISTINCT);
    qa_logit_compressed_free(&c);
    assert_int_equal(qa_logit_compress(&data, DISTINCT - 1, true, &c, &error), QA_OK);
    assert_int_equal(c.data.n, 0);
    free(x);
    free(y);
}

/* A wide table (intercept, two codes with missing values) compressed once; each model's
 * design taken from it equals the complete-case design fitted directly. */
static void test_compress_columns(void **state)
{
    (void)state;
    enum { N = 20000 };
    double *wide = malloc(N * 3 * sizeof *wide), *y = malloc(N * sizeof *y);
    uint64_t seed = 7;
    for (size_t i = 0; i < N; i++) {
        double a = floor(5 * uniform(&seed)), b = floor(5 * uniform(&seed));
        wide[3 * i] = 1;
        wide[3 * i + 1] = uniform(&seed) < 0.05 ? NAN : a;
        wide[3 * i + 2] = uniform(&seed) < 0.05 ? NAN : b;
        y[i] = uniform(&seed) < 0.03 ? NAN : uniform(&seed) < 1 / (1 + exp(1 - 0.3 * a)) ? 1 : 0;
    }
    qa_logit_data wide_data = {N, 3, wide, y, NULL};
    qa_logit_compressed table, design;
    qa_error error;
    assert_int_equal(qa_logit_compress(&wide_data, N, false, &table, &error), QA_OK);
    assert_true(table.data.n > 0 && table.data.n <= 2 * 6 * 6 * 2);
    const size_t columns[][3] = {{0, 1}, {0, 2}, {0, 1, 2}};
    const size_t counts[] = {2, 2, 3};
    for (size_t m = 0; m < 3; m++) {
        /* direct: the complete cases of the chosen columns */
        double *x = malloc(N * 3 * sizeof *x), *complete_y = malloc(N * sizeof *complete_y);
        size_t rows = 0, k = counts[m];
        for (size_t i = 0; i < N; i++) {
            bool complete = !isnan(y[i]);
            for (size_t c = 0; c < k; c++)
                complete = complete && !isnan(wide[3 * i + columns[m][c]]);
            if (!complete)
                continue;
            for (size_t c = 0; c < k; c++)
                x[rows * k + c] = wide[3 * i + columns[m][c]];
            complete_y[rows++] = y[i];
        }
        qa_logit_data direct = {rows, k, x, complete_y, NULL};
        assert_int_equal(qa_logit_compress_columns(&table.data, columns[m], k, table.data.n, false,
                                                   &design, &error),
                         QA_OK);
        qa_logit_result full, weighted;
        assert_int_equal(qa_logit_fit(&direct, NULL, &full, &error), QA_OK);
        assert_int_equal(qa_logit_fit(&design.data, NULL, &weighted, &error), QA_OK);
        qa_logit_compressed direct_compressed;
        assert_int_equal(qa_logit_compress(&direct, rows, true, &direct_compressed, &error), QA_OK);
        assert_int_equal(design.data.n, direct_compressed.data.n);
        expect_same_fit(&weighted, &full, direct_compressed.row_of);
        qa_logit_result_free(&full);
        qa_logit_result_free(&weighted);
        qa_logit_compressed_free(&direct_compressed);
        qa_logit_compressed_free(&design);
        free(x);
        free(complete_y);
    }
    /* The map from the wide rows: SIZE_MAX for a dropped one. */
    assert_int_equal(qa_logit_compress_columns(&wide_data, columns[0], 2, N, true, &design, &error),
                     QA_OK);
    for (size_t i = 0; i < N; i++) {
        bool dropped = isnan(y[i]) || isnan(wide[3 * i + 1]);
        assert_true(dropped ? design.row_of[i] == SIZE_MAX : design.row_of[i] < design.data.n);
        if (!dropped)
            assert_true(design.x[2 * design.row_of[i] + 1] == wide[3 * i + 1] &&
                        design.y[design.row_of[i]] == y[i]);
    }
    qa_logit_compressed_free(&design);
    const size_t bad[] = {0, 3};
    assert_int_equal(qa_logit_compress_columns(&wide_data, bad, 2, N, false, &design, &error),
                     QA_ERR_INTERNAL);
    qa_logit_compressed_free(&table);
    free(wide);
    free(y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weighted_univariate_against_r),
        cmocka_unit_test(test_weighted_joint_against_r),
        cmocka_unit_test(test_weighted_firth_against_r),
        cmocka_unit_test(test_compress),
        cmocka_unit_test(test_compress_many_rows),
        cmocka_unit_test(test_compress_columns),
        cmocka_unit_test(test_weighted_separation),
        cmocka_unit_test(test_weight_refusals),
        cmocka_unit_test(test_small_compressed),
        cmocka_unit_test(test_joint_compressed),
        cmocka_unit_test(test_separated_firth_compressed),
        cmocka_unit_test(test_large_ordinal_compressed),
        cmocka_unit_test(test_difficult_paths_compressed),
        cmocka_unit_test(test_wide_compressed),
        cmocka_unit_test(test_million_compressed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
