/* Frequency weights in the Cox model and qa_cox_compress. A row of weight w must give exactly
 * what the expanded data (the row repeated w times) give: every field of the fit and of cox.zph,
 * to 1e-9 relative, for data sets replicated with integer weights and for a generated ordinal
 * design of 100,000 rows fitted whole and compressed. Two weighted fits are also checked against
 * R on the expanded data (tests/reference/survival_weights.R, values beside the R calls). */
#include "test_support.h"

#include "qareport/survival.h"
#include "test_survival_data.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* w_i = (37 i + 11) mod 5 for the 1-based row i, as weights_of() in survival_weights.R */
static double weight_of(size_t row) { return (double)((37 * (row + 1) + 11) % 5); }

typedef struct {
    size_t n, p;
    double *x, *time, *status, *weights;
} design;

static void design_free(design *d)
{
    free(d->x);
    free(d->time);
    free(d->status);
    free(d->weights);
}

/* Each row of (x, time, status) repeated weights[i] times, unweighted. */
static design expand(const qa_cox_data *in)
{
    size_t total = 0;
    for (size_t i = 0; i < in->n; i++)
        total += (size_t)in->weights[i];
    design d = {total, in->p, malloc(total * in->p * sizeof(double) + 1),
                malloc(total * sizeof(double) + 1), malloc(total * sizeof(double) + 1), NULL};
    assert_non_null(d.x);
    assert_non_null(d.time);
    assert_non_null(d.status);
    size_t k = 0;
    for (size_t i = 0; i < in->n; i++)
        for (size_t copy = 0; copy < (size_t)in->weights[i]; copy++, k++) {
            d.time[k] = in->time[i];
            d.status[k] = in->status[i];
            memcpy(d.x + k * in->p, in->x + i * in->p, in->p * sizeof(double));
        }
    return d;
}

static void same(double a, double b, const char *what)
{
    if (!qa_test_close(a, b, 1e-9, 1e-14))
        fail_msg("%s: %.17g vs %.17g", what, a, b);
}

static void same_fit(const qa_cox_result *a, const qa_cox_result *b)
{
    assert_int_equal(a->n, b->n);
    assert_int_equal(a->events, b->events);
    assert_int_equal(a->p, b->p);
    for (size_t j = 0; j < a->p; j++) {
        same(a->b[j], b->b[j], "b");
        same(a->se[j], b->se[j], "se");
        same(a->z[j], b->z[j], "z");
        same(a->p_value[j], b->p_value[j], "p_value");
        same(a->ci_lower[j], b->ci_lower[j], "ci_lower");
        same(a->ci_upper[j], b->ci_upper[j], "ci_upper");
        for (size_t l = 0; l < a->p; l++)
            same(a->variance[j * a->p + l], b->variance[j * a->p + l], "variance");
    }
    same(a->loglik, b->loglik, "loglik");
    same(a->null_loglik, b->null_loglik, "null_loglik");
    same(a->lr_chi2, b->lr_chi2, "lr_chi2");
    same(a->lr_p, b->lr_p, "lr_p");
    same(a->wald_chi2, b->wald_chi2, "wald_chi2");
    same(a->wald_p, b->wald_p, "wald_p");
    same(a->score_chi2, b->score_chi2, "score_chi2");
    same(a->score_p, b->score_p, "score_p");
    same(a->aic, b->aic, "aic");
    same(a->bic, b->bic, "bic");
    same(a->cox_snell_r2, b->cox_snell_r2, "cox_snell_r2");
    same(a->nagelkerke_r2, b->nagelkerke_r2, "nagelkerke_r2");
    same(a->concordance, b->concordance, "concordance");
    same(a->concordance_se, b->concordance_se, "concordance_se");
}

static void same_zph(const qa_cox_zph_result *a, const qa_cox_zph_result *b)
{
    assert_int_equal(a->terms, b->terms);
    for (size_t k = 0; k <= a->terms; k++) {
        same(a->chi2[k], b->chi2[k], "zph chi2");
        same(a->p[k], b->p[k], "zph p");
        assert_int_equal(a->df[k], b->df[k]);
    }
}

static void fit_and_test(const qa_cox_data *data, qa_cox_result *fit, qa_cox_zph_result *zph)
{
    qa_error error;
    if (qa_cox_fit(data, NULL, fit, &error) != QA_OK)
        fail_msg("qa_cox_fit: %s", error.message);
    if (qa_cox_zph(data, fit, zph, &error) != QA_OK)
        fail_msg("qa_cox_zph: %s", error.message);
}

/* The weighted rows, the expanded data and the compressed expanded data give the same fit. */
static void check_replication(const qa_cox_data *weighted)
{
    design e = expand(weighted);
    qa_cox_data expanded = {e.n, e.p, e.x, e.time, e.status, NULL};
    qa_cox_compressed small;
    qa_error error;
    assert_int_equal(qa_cox_compress(&expanded, e.n, &small, &error), QA_OK);
    assert_true(small.data.n > 0 && small.data.n <= weighted->n);
    qa_cox_result fits[3];
    qa_cox_zph_result tests[3];
    fit_and_test(weighted, &fits[0], &tests[0]);
    fit_and_test(&expanded, &fits[1], &tests[1]);
    fit_and_test(&small.data, &fits[2], &tests[2]);
    assert_int_equal(fits[1].n, e.n);
    for (int k = 0; k < 2; k++) {
        same_fit(&fits[k], &fits[2]);
        same_zph(&tests[k], &tests[2]);
    }
    for (int k = 0; k < 3; k++) {
        qa_cox_result_free(&fits[k]);
        qa_cox_zph_result_free(&tests[k]);
    }
    qa_cox_compressed_free(&small);
    design_free(&e);
}

static double *weights_for(size_t n)
{
    double *w = malloc(n * sizeof *w);
    assert_non_null(w);
    for (size_t i = 0; i < n; i++)
        w[i] = weight_of(i);
    return w;
}

static void test_replicated_data_sets(void **state)
{
    (void)state;
    double *w = weights_for(LARGE_N);
    qa_cox_data sets[] = {
        {6, 1, tiny_x, tiny_time, tiny_status, NULL},
        {30, 1, noties_x, noties_time, noties_status, NULL},
        {40, 2, tied_x, tied_time, tied_status, NULL},
        {50, 1, heavy_group, heavy_time, heavy_status, NULL},
        {137, 5, veteran_x, veteran_time, veteran_status, NULL},
    };
    double tiny_weights[6] = {2, 1, 3, 1, 2, 2}; /* (37 i + 11) mod 5 leaves too few events */
    sets[0].weights = tiny_weights;
    for (size_t k = 1; k < sizeof sets / sizeof *sets; k++)
        sets[k].weights = w;
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
        check_replication(&sets[k]);
    double *x = malloc(2 * LARGE_N * sizeof *x), *time = malloc(LARGE_N * sizeof *time);
    double *status = malloc(LARGE_N * sizeof *status);
    assert_true(x && time && status);
    large_data(x, time, status);
    qa_cox_data large = {LARGE_N, 2, x, time, status, w};
    check_replication(&large);
    free(x);
    free(time);
    free(status);
    free(w);
}

static void test_weighted_tied_against_r(void **state)
{
    (void)state;
    double *w = weights_for(40);
    qa_cox_data data = {40, 2, tied_x, tied_time, tied_status, w};
    qa_cox_result r;
    qa_cox_zph_result z;
    fit_and_test(&data, &r, &z);
    /* tied_expanded <- d[rep(seq_len(nrow(d)), w), ]; fit <- coxph(Surv(time, status) ~ x1 + x2, tied_expanded, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.605720195950651); /* coef(fit)[1] */
    assert_close(r.se[0], 0.21711376307894); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.p_value[0], 0.00527284424996377); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], 0.180185039767966); /* confint(fit)[1, 1] */
    assert_close(r.b[1], -0.345737612676203); /* coef(fit)[2] */
    assert_close(r.se[1], 0.29509670690534); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.p_value[1], 0.24135454263395); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], -0.924116530167042); /* confint(fit)[2, 1] */
    assert_close(r.loglik, -186.008895786923); /* fit$loglik[2] */
    assert_close(r.null_loglik, -190.287064498652); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 8.55633742345776); /* summary(fit)$logtest["test"] */
    assert_close(r.wald_chi2, 7.91750220953643); /* fit$wald.test */
    assert_close(r.score_chi2, 8.24736169731378); /* fit$score */
    assert_close(r.aic, 376.017791573846); /* AIC(fit) */
    assert_close(r.bic, 380.068494955316); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.101433189579864); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.102312032299221); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.681467181467181); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0408851242753816); /* sqrt(concordance(fit)$var) */
    assert_int_equal(r.n, 80); /* fit$n */
    assert_int_equal(r.events, 56); /* fit$nevent */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 4.88196179218783); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.0271387575977335); /* zph[1, "p"] */
    assert_close(z.chi2[1], 0.0494393997359576); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.824041646631823); /* zph[2, "p"] */
    assert_close(z.chi2[2], 6.08822105462921); /* zph[3, "chisq"] */
    assert_close(z.p[2], 0.0476386664407409); /* zph[3, "p"] */
    qa_cox_result_free(&r);
    qa_cox_zph_result_free(&z);
    free(w);
}

static void test_weighted_veteran_against_r(void **state)
{
    (void)state;
    double *w = weights_for(137);
    qa_cox_data data = {137, 5, veteran_x, veteran_time, veteran_status, w};
    qa_cox_result r;
    qa_cox_zph_result z;
    fit_and_test(&data, &r, &z);
    /* vet_expanded <- d[rep(seq_len(nrow(d)), w), ]; fit <- coxph(Surv(time, status) ~ trt + karno + diagtime + age + prior, vet_expanded, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.340081675684286); /* coef(fit)[1] */
    assert_close(r.se[0], 0.134258369445526); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.p_value[0], 0.0113078395453288); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], 0.0769401069479821); /* confint(fit)[1, 1] */
    assert_close(r.b[1], -0.0307084732176535); /* coef(fit)[2] */
    assert_close(r.se[1], 0.00381178157515766); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.p_value[1], 7.87030771171815e-16); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], -0.0381794278218959); /* confint(fit)[2, 1] */
    assert_close(r.b[2], -0.00536616850855751); /* coef(fit)[3] */
    assert_close(r.se[2], 0.00649287467447588); /* sqrt(diag(vcov(fit)))[3] */
    assert_close(r.p_value[2], 0.408537321649931); /* summary(fit)$coefficients[3, "Pr(>|z|)"] */
    assert_close(r.ci_lower[2], -0.0180919690266625); /* confint(fit)[3, 1] */
    assert_close(r.b[3], -0.0132241569648927); /* coef(fit)[4] */
    assert_close(r.se[3], 0.00663769906129844); /* sqrt(diag(vcov(fit)))[4] */
    assert_close(r.p_value[3], 0.0463403137997924); /* summary(fit)$coefficients[4, "Pr(>|z|)"] */
    assert_close(r.ci_lower[3], -0.026233808065253); /* confint(fit)[4, 1] */
    assert_close(r.b[4], 0.0124285137658454); /* coef(fit)[5] */
    assert_close(r.se[4], 0.0165461510410405); /* sqrt(diag(vcov(fit)))[5] */
    assert_close(r.p_value[4], 0.452567027611062); /* summary(fit)$coefficients[5, "Pr(>|z|)"] */
    assert_close(r.ci_lower[4], -0.0200013463573539); /* confint(fit)[5, 1] */
    assert_close(r.loglik, -1147.35653554881); /* fit$loglik[2] */
    assert_close(r.null_loglik, -1180.60430350026); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 66.4955359029022); /* summary(fit)$logtest["test"] */
    assert_close(r.wald_chi2, 65.9246533659786); /* fit$wald.test */
    assert_close(r.score_chi2, 68.7674514796756); /* fit$score */
    assert_close(r.aic, 2304.71307109762); /* AIC(fit) */
    assert_close(r.bic, 2322.41938882341); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.216178052014425); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.216215950728518); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.702086087006494); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.0175240706892612); /* sqrt(concordance(fit)$var) */
    assert_int_equal(r.n, 273); /* fit$n */
    assert_int_equal(r.events, 255); /* fit$nevent */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 0.134498929989904); /* zph[1, "chisq"] */
    assert_close(z.p[0], 0.713812252292434); /* zph[1, "p"] */
    assert_close(z.chi2[1], 35.6060270629677); /* zph[2, "chisq"] */
    assert_close(z.p[1], 2.41539067761354e-09); /* zph[2, "p"] */
    assert_close(z.chi2[2], 3.55778134414044); /* zph[3, "chisq"] */
    assert_close(z.p[2], 0.0592669050190272); /* zph[3, "p"] */
    assert_close(z.chi2[3], 1.5549759110323); /* zph[4, "chisq"] */
    assert_close(z.p[3], 0.212402362391189); /* zph[4, "p"] */
    assert_close(z.chi2[4], 1.93294494698951); /* zph[5, "chisq"] */
    assert_close(z.p[4], 0.164436612705429); /* zph[5, "p"] */
    assert_close(z.chi2[5], 65.5696510781335); /* zph[6, "chisq"] */
    assert_close(z.p[5], 8.53726608215521e-13); /* zph[6, "p"] */
    qa_cox_result_free(&r);
    qa_cox_zph_result_free(&z);
    free(w);
}

static void test_many_tied_deaths_against_r(void **state)
{
    (void)state;
    /* about 200 tied deaths a time: Efron's sums in closed form */
    double *w = weights_for(40);
    for (size_t i = 0; i < 40; i++)
        w[i] *= 30.0;
    qa_cox_data data = {40, 2, tied_x, tied_time, tied_status, w};
    qa_cox_result r;
    qa_cox_zph_result z;
    fit_and_test(&data, &r, &z);
    /* tied_many <- d[rep(seq_len(nrow(d)), 30 * w), ]; fit <- coxph(Surv(time, status) ~ x1 + x2, tied_many, ties = "efron", control = coxph.control(eps = 1e-12, iter.max = 100, toler.chol = 1e-15)) */
    assert_close(r.b[0], 0.611272447612205); /* coef(fit)[1] */
    assert_close(r.se[0], 0.0396900139327134); /* sqrt(diag(vcov(fit)))[1] */
    assert_close(r.p_value[0], 1.60747338691636e-53); /* summary(fit)$coefficients[1, "Pr(>|z|)"] */
    assert_close(r.ci_lower[0], 0.533481449758194); /* confint(fit)[1, 1] */
    assert_close(r.b[1], -0.353891344651342); /* coef(fit)[2] */
    assert_close(r.se[1], 0.0540273525610111); /* sqrt(diag(vcov(fit)))[2] */
    assert_close(r.p_value[1], 5.74502504181102e-11); /* summary(fit)$coefficients[2, "Pr(>|z|)"] */
    assert_close(r.ci_lower[1], -0.459783009850971); /* confint(fit)[2, 1] */
    assert_close(r.loglik, -11217.3194256501); /* fit$loglik[2] */
    assert_close(r.null_loglik, -11347.8433177312); /* fit$loglik[1] */
    assert_close(r.lr_chi2, 261.04778416226); /* summary(fit)$logtest["test"] */
    assert_close(r.wald_chi2, 241.316414316848); /* fit$wald.test */
    assert_close(r.score_chi2, 251.511646370186); /* fit$score */
    assert_close(r.aic, 22438.6388513001); /* AIC(fit) */
    assert_close(r.bic, 22449.4919494449); /* BIC(fit) */
    assert_close(r.cox_snell_r2, 0.103063230121736); /* summary(fit)$rsq["rsq"] */
    assert_close(r.nagelkerke_r2, 0.103071287917538); /* summary(fit)$rsq["rsq"] / summary(fit)$rsq["maxrsq"] */
    assert_close(r.concordance, 0.681467181467181); /* concordance(fit)$concordance */
    assert_close(r.concordance_se, 0.00746456827734285); /* sqrt(concordance(fit)$var) */
    assert_int_equal(r.n, 2400); /* fit$n */
    assert_int_equal(r.events, 1680); /* fit$nevent */
    /* zph <- cox.zph(fit, transform = "km", terms = TRUE, global = TRUE)$table */
    assert_close(z.chi2[0], 147.955719880269); /* zph[1, "chisq"] */
    assert_close(z.p[0], 4.85076846547313e-34); /* zph[1, "p"] */
    assert_close(z.chi2[1], 1.20717831198612); /* zph[2, "chisq"] */
    assert_close(z.p[1], 0.271891670838082); /* zph[2, "p"] */
    assert_close(z.chi2[2], 184.475382798813); /* zph[3, "chisq"] */
    assert_close(z.p[2], 8.74338499031234e-41); /* zph[3, "p"] */
    qa_cox_result_free(&r);
    qa_cox_zph_result_free(&z);
    free(w);
}

/* An ordinal design as qareport analyzes: measures 0..4, whole-year durations 1..40, status
 * 0/1, the hazard rising with the first measure. xorshift64 for the randomness. */
static design ordinal_design(size_t n, size_t p, uint64_t seed)
{
    design d = {n, p, malloc(n * p * sizeof(double)), malloc(n * sizeof(double)),
                malloc(n * sizeof(double)), NULL};
    assert_true(d.x && d.time && d.status);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < p; j++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            d.x[i * p + j] = (double)(seed % 5);
        }
        seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
        long t = 1 + (long)(seed % 40) - 4 * (long)d.x[i * p];
        d.time[i] = t < 1 ? 1.0 : (double)t;
        d.status[i] = (seed >> 20) % 10 < 7 ? 1.0 : 0.0;
    }
    return d;
}

static void check_compressed_equals_full(size_t p)
{
    design d = ordinal_design(100000, p, 0x2545f4914f6cdd1dULL + p);
    qa_cox_data full = {d.n, d.p, d.x, d.time, d.status, NULL};
    qa_cox_compressed small;
    qa_error error;
    assert_int_equal(qa_cox_compress(&full, 100000, &small, &error), QA_OK);
    /* 5 x 40 x 2 cells for one measure; with five, 5^5 x 80 cells: still fewer rows */
    assert_true(small.data.n > 0 && small.data.n < (p == 1 ? 400 : d.n));
    qa_cox_result a, b;
    qa_cox_zph_result za, zb;
    fit_and_test(&full, &a, &za);
    fit_and_test(&small.data, &b, &zb);
    same_fit(&a, &b);
    same_zph(&za, &zb);
    qa_cox_result_free(&a);
    qa_cox_result_free(&b);
    qa_cox_zph_result_free(&za);
    qa_cox_zph_result_free(&zb);
    qa_cox_compressed_free(&small);
    design_free(&d);
}

static void test_ordinal_100000_one_measure(void **state)
{
    (void)state;
    check_compressed_equals_full(1);
}

static void test_ordinal_100000_five_measures(void **state)
{
    (void)state;
    check_compressed_equals_full(5);
}

/* Rows sorted by (time, status, x); weights summed, rows of weight 0 left out; the input order
 * does not matter. shift 0 gives whole numbers (the grid path), 0.25 does not (the hash path). */
static void check_compressed_rows(double shift)
{
    const double time[8] = {3, 1, 3, 1, 2, 3, 1, 9};
    const double status[8] = {1, 0, 1, 0, 1, 0, 0, 1};
    double x[16] = {1, 0, 2, 1, 1, 0, 2, 1, 0, -0.0, 1, 0, 2, 0, 50, 50};
    const double w[8] = {1, 2, 3, 0, 1, 1, 5, 0};
    for (size_t k = 0; k < 16; k++)
        x[k] += shift;
    qa_cox_data in = {8, 2, x, time, status, w};
    qa_cox_compressed out;
    qa_error error;
    assert_int_equal(qa_cox_compress(&in, 10, &out, &error), QA_OK);
    /* (1,0,[2,0]) w 5; (1,0,[2,1]) w 2 + 0; (2,1,[0,0]) w 1; (3,0,[1,0]) w 1; (3,1,[1,0]) w 1 + 3 */
    const double want_time[5] = {1, 1, 2, 3, 3}, want_status[5] = {0, 0, 1, 0, 1};
    const double want_x[10] = {2, 0, 2, 1, 0, 0, 1, 0, 1, 0}, want_w[5] = {5, 2, 1, 1, 4};
    assert_int_equal(out.data.n, 5);
    assert_int_equal(out.data.p, 2);
    for (size_t r = 0; r < 5; r++) {
        assert_true(out.data.time[r] == want_time[r]);
        assert_true(out.data.status[r] == want_status[r]);
        assert_true(out.data.weights[r] == want_w[r]);
        for (size_t j = 0; j < 2; j++)
            assert_true(out.data.x[r * 2 + j] == want_x[r * 2 + j] + shift);
    }
    qa_cox_compressed_free(&out);
    /* reversed input: the same rows */
    double rt[8], rs[8], rx[16], rw[8];
    for (size_t i = 0; i < 8; i++) {
        rt[i] = time[7 - i], rs[i] = status[7 - i], rw[i] = w[7 - i];
        rx[2 * i] = x[2 * (7 - i)], rx[2 * i + 1] = x[2 * (7 - i) + 1];
    }
    qa_cox_data reversed = {8, 2, rx, rt, rs, rw};
    assert_int_equal(qa_cox_compress(&reversed, 10, &out, &error), QA_OK);
    assert_int_equal(out.data.n, 5);
    for (size_t r = 0; r < 5; r++)
        assert_true(out.data.weights[r] == want_w[r] && out.data.time[r] == want_time[r] &&
                    out.data.x[2 * r + 1] == want_x[2 * r + 1] + shift);
    qa_cox_compressed_free(&out);
    /* more distinct rows than allowed: nothing, and still QA_OK */
    assert_int_equal(qa_cox_compress(&in, 4, &out, &error), QA_OK);
    assert_int_equal(out.data.n, 0);
    qa_cox_compressed_free(&out);
    assert_int_equal(qa_cox_compress(&in, 5, &out, &error), QA_OK);
    assert_int_equal(out.data.n, 5);
    qa_cox_compressed_free(&out);
}

static void test_compress_whole_numbers(void **state)
{
    (void)state;
    check_compressed_rows(0.0);
}

static void test_compress_fractions(void **state)
{
    (void)state;
    check_compressed_rows(0.25);
}

/* qa_cox_compress_columns: on columns with rows left out (flag off, a NaN covariate) it gives
 * what qa_cox_compress gives on the rows in, bit for bit; with a fraction or a status other
 * than 0/1 among them it declines (done false, nothing allocated). */
static void test_compress_columns(void **state)
{
    (void)state;
    enum { N = 3000, P = 3 };
    double *x[P], *time = malloc(N * sizeof *time), *status = malloc(N * sizeof *status);
    double *gx = malloc(N * P * sizeof *gx), *gt = malloc(N * sizeof *gt),
           *gs = malloc(N * sizeof *gs);
    unsigned char *flags = malloc(N);
    assert_true(time && status && gx && gt && gs && flags);
    for (size_t j = 0; j < P; j++)
        assert_non_null(x[j] = malloc(N * sizeof *x[j]));
    unsigned seed = 7u;
    size_t n = 0;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        time[i] = (double)(3 + r % 17); /* 3..19: the grid starts above 0 */
        status[i] = (double)(r / 17 % 2);
        flags[i] = (unsigned char)(r / 34 % 5 == 0 ? 0x2 : 0x4); /* a fifth left out */
        for (size_t j = 0; j < P; j++)
            x[j][i] = (double)((r >> (4 + 3 * j)) % (2 + j)) + (j == 2 ? 1.0 : 0.0);
        if (r % 23 == 0)
            x[1][i] = NAN; /* missing: left out */
        bool in = (flags[i] & 0x4) && !isnan(x[1][i]);
        if (in) {
            for (size_t j = 0; j < P; j++)
                gx[n * P + j] = x[j][i];
            gt[n] = time[i];
            gs[n++] = status[i];
        }
    }
    qa_cox_data gathered = {n, P, gx, gt, gs, NULL};
    qa_cox_compressed expected, got;
    qa_error error;
    bool done = false;
    assert_int_equal(qa_cox_compress(&gathered, n, &expected, &error), QA_OK);
    assert_int_equal(qa_cox_compress_columns((const double *const *)x, P, time, status, N, flags,
                                             0x4, &done, &got, &error),
                     QA_OK);
    assert_true(done);
    assert_int_equal(got.data.n, expected.data.n);
    assert_true(expected.data.n > 10 && expected.data.n < n);
    assert_memory_equal(got.x, expected.x, expected.data.n * P * sizeof(double));
    assert_memory_equal(got.time, expected.time, expected.data.n * sizeof(double));
    assert_memory_equal(got.status, expected.status, expected.data.n * sizeof(double));
    assert_memory_equal(got.weights, expected.weights, expected.data.n * sizeof(double));
    qa_cox_compressed_free(&got);
    qa_cox_compressed_free(&expected);
    /* a fraction, then a status of 2, among the rows in: declined */
    size_t first_in = 0;
    while (!(flags[first_in] & 0x4) || isnan(x[1][first_in]))
        first_in++;
    time[first_in] += 0.5;
    assert_int_equal(qa_cox_compress_columns((const double *const *)x, P, time, status, N, flags,
                                             0x4, &done, &got, &error),
                     QA_OK);
    assert_false(done);
    assert_null(got.x);
    time[first_in] -= 0.5;
    status[first_in] = 2;
    assert_int_equal(qa_cox_compress_columns((const double *const *)x, P, time, status, N, flags,
                                             0x4, &done, &got, &error),
                     QA_OK);
    assert_false(done);
    for (size_t j = 0; j < P; j++)
        free(x[j]);
    free(time);
    free(status);
    free(gx);
    free(gt);
    free(gs);
    free(flags);
}

/* qa_cox_compress_counted: from the counts of (x, time, status) it gives what qa_cox_compress
 * gives on the rows counted, bit for bit (times from 1 here: a count of 0 at time 0 and at
 * the top code is no row); beyond max_rows distinct rows, data.n = 0 as there. */
static void test_compress_counted(void **state)
{
    (void)state;
    enum { N = 4000, X_RADIX = 5, TIME_RADIX = 30, CELLS = 2 * X_RADIX * TIME_RADIX };
    double *x = malloc(N * sizeof *x), *time = malloc(N * sizeof *time),
           *status = malloc(N * sizeof *status), counts[CELLS] = {0};
    assert_true(x && time && status);
    unsigned seed = 99u;
    for (size_t i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned r = seed >> 8;
        time[i] = (double)(1 + r % (TIME_RADIX - 1));
        status[i] = (double)(r / 64 % 3 == 0);
        x[i] = (double)(r / 256 % (X_RADIX - 1)); /* the top code never occurs */
        counts[2 * ((size_t)x[i] + X_RADIX * (size_t)time[i]) + (size_t)status[i]] += 1;
    }
    qa_cox_data rows = {N, 1, x, time, status, NULL};
    qa_cox_compressed expected, got;
    qa_error error;
    assert_int_equal(qa_cox_compress(&rows, N, &expected, &error), QA_OK);
    assert_int_equal(qa_cox_compress_counted(counts, X_RADIX, TIME_RADIX, N, &got, &error), QA_OK);
    assert_true(expected.data.n > 100 && expected.data.n < CELLS);
    assert_int_equal(got.data.n, expected.data.n);
    assert_int_equal(got.data.p, 1);
    assert_memory_equal(got.x, expected.x, expected.data.n * sizeof(double));
    assert_memory_equal(got.time, expected.time, expected.data.n * sizeof(double));
    assert_memory_equal(got.status, expected.status, expected.data.n * sizeof(double));
    assert_memory_equal(got.weights, expected.weights, expected.data.n * sizeof(double));
    size_t distinct = expected.data.n;
    qa_cox_compressed_free(&got);
    qa_cox_compressed_free(&expected);
    /* one row fewer allowed than there are: declined the same way */
    assert_int_equal(qa_cox_compress(&rows, distinct - 1, &expected, &error), QA_OK);
    assert_int_equal(
        qa_cox_compress_counted(counts, X_RADIX, TIME_RADIX, distinct - 1, &got, &error), QA_OK);
    assert_int_equal(expected.data.n, 0);
    assert_int_equal(got.data.n, 0);
    qa_cox_compressed_free(&got);
    qa_cox_compressed_free(&expected);
    free(x);
    free(time);
    free(status);
}

static void test_bad_weights(void **state)
{
    (void)state;
    const double bad[4][6] = {{1, 1, 1, 1.5, 1, 1}, {1, -1, 1, 1, 1, 1},
                              {1, 1, NAN, 1, 1, 1}, {1, 1, 1, 1, 1, 1e10}};
    for (size_t k = 0; k < 4; k++) {
        qa_cox_data data = {6, 1, tiny_x, tiny_time, tiny_status, bad[k]};
        qa_cox_result r;
        qa_cox_compressed c;
        qa_error error;
        assert_int_equal(qa_cox_fit(&data, NULL, &r, &error), QA_ERR_INPUT);
        assert_int_equal(qa_cox_compress(&data, 10, &c, &error), QA_ERR_INPUT);
        qa_cox_result_free(&r);
        qa_cox_compressed_free(&c);
    }
    /* a NaN covariate or a status of 2: bad input for qa_cox_compress too */
    const double nan_x[6] = {0.5, 1.2, NAN, 0.8, -1, 0.1}, bad_status[6] = {1, 1, 0, 2, 0, 1};
    qa_cox_data nan_data = {6, 1, nan_x, tiny_time, tiny_status, NULL};
    qa_cox_data status_data = {6, 1, tiny_x, tiny_time, bad_status, NULL};
    qa_cox_compressed c;
    qa_error error;
    assert_int_equal(qa_cox_compress(&nan_data, 10, &c, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "row 3"));
    assert_int_equal(qa_cox_compress(&status_data, 10, &c, &error), QA_ERR_INPUT);
    assert_non_null(strstr(error.message, "row 4"));
    /* weight 0 everywhere but one row: fewer than 2 cases */
    const double one[6] = {0, 0, 0, 1, 0, 0};
    qa_cox_data data = {6, 1, tiny_x, tiny_time, tiny_status, one};
    qa_cox_result r;
    assert_int_equal(qa_cox_fit(&data, NULL, &r, &error), QA_ERR_NUMERIC);
    /* rows of weight 0 do not count: the covariate is constant among the others */
    const double x[6] = {1, 1, 5, 1, 1, 1}, skip[6] = {1, 1, 0, 2, 1, 1};
    qa_cox_data constant = {6, 1, x, tiny_time, tiny_status, skip};
    assert_int_equal(qa_cox_fit(&constant, NULL, &r, &error), QA_ERR_NUMERIC);
    assert_non_null(strstr(error.message, "constant"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replicated_data_sets),
        cmocka_unit_test(test_weighted_tied_against_r),
        cmocka_unit_test(test_weighted_veteran_against_r),
        cmocka_unit_test(test_many_tied_deaths_against_r),
        cmocka_unit_test(test_ordinal_100000_one_measure),
        cmocka_unit_test(test_ordinal_100000_five_measures),
        cmocka_unit_test(test_compress_whole_numbers),
        cmocka_unit_test(test_compress_fractions),
        cmocka_unit_test(test_compress_columns),
        cmocka_unit_test(test_compress_counted),
        cmocka_unit_test(test_bad_weights),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
