/* fixture.h: a realistic, hand-filled qa_results (plus a small dataset, derived timing and
 * codebook) to lay out and render. The formation_security model holds R's glm fit of
 * tests/reference/report.R (30 cases); the other numbers are plausible inputs whose only
 * job is to be drawn where they belong. Header-only (static inline) so that each test
 * program of tests/report and tests/render can include it. */
#ifndef QAREPORT_TEST_REPORT_FIXTURE_H
#define QAREPORT_TEST_REPORT_FIXTURE_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/render.h"
#include "qareport/results.h"
#include "analysis/results_internal.h"

/* R: summary(glm(formed ~ security, binomial))$coefficients, tests/reference/report.R */
#define FIXTURE_B 1.56290931489228
#define FIXTURE_SE 0.550668782609619
#define FIXTURE_Z 2.83820213574783
#define FIXTURE_P 0.00453684416451566
#define FIXTURE_CI_LOWER 0.483618333566907 /* R: confint.default(fit)[2, 1] */
#define FIXTURE_CI_UPPER 2.64220029621765
#define FIXTURE_SD 1.25                    /* hand-filled: the measure's SD on the model's cases */
#define FIXTURE_LOGLIK (-13.0880654144886) /* R: logLik(fit) */
#define FIXTURE_P_ADJUSTED 0.0408315974806409 /* hand-filled Holm input, 9 * p */

static inline qa_term_result fixture_term(const char *name, double b, double se, double p,
                                          double ci_lower, double ci_upper, double vif)
{
    qa_term_result t;
    memset(&t, 0, sizeof t);
    snprintf(t.term, sizeof t.term, "%s", name);
    t.b = b;
    t.se = se;
    t.z = b / se;
    t.p = t.wald_p = p;
    t.ratio = exp(b);
    t.ci_lower = ci_lower;
    t.ci_upper = ci_upper;
    t.vif = vif;
    t.ratio_boot_lower = t.ratio_boot_upper = NAN;
    t.sd = t.ratio_sd = t.ratio_sd_lower = t.ratio_sd_upper = NAN;
    return t;
}

static inline qa_model_result fixture_model(const char *name, qa_model_kind kind,
                                            qa_outcome outcome, size_t n, size_t events)
{
    qa_model_result m;
    memset(&m, 0, sizeof m);
    snprintf(m.name, sizeof m.name, "%s", name);
    m.kind = kind;
    m.outcome = outcome;
    m.available = true;
    m.converged = true;
    m.iterations = 5;
    m.n = n;
    m.events = events;
    m.predictors = 1;
    m.aic = m.bic = m.mcfadden_r2 = m.cox_snell_r2 = m.nagelkerke_r2 = NAN;
    m.hl_chi2 = m.hl_p = m.auc = m.concordance = NAN;
    return m;
}

/* formation_security: R's glm fit (tests/reference/report.R). */
static inline int fixture_add_r_model(qa_results *r)
{
    qa_model_result m =
        fixture_model("formation_security", QA_MODEL_LOGIT, QA_OUTCOME_FORMATION, 30, 16);
    m.term_count = 2;
    m.terms = malloc(2 * sizeof *m.terms);
    m.terms[0] = fixture_term("(Intercept)", -3.07481452015266, 1.21949001630533, 0.011689096642935,
                              -5.46497103161728, -0.684658008688046, NAN);
    m.terms[1] = fixture_term("security", FIXTURE_B, FIXTURE_SE, FIXTURE_P, FIXTURE_CI_LOWER,
                              FIXTURE_CI_UPPER, NAN);
    m.terms[1].z = FIXTURE_Z;
    m.terms[1].sd = FIXTURE_SD; /* as the analysis sets it (METHODS §4.14) */
    m.terms[1].ratio_sd = exp(FIXTURE_B * FIXTURE_SD);
    m.terms[1].ratio_sd_lower = exp(FIXTURE_CI_LOWER * FIXTURE_SD);
    m.terms[1].ratio_sd_upper = exp(FIXTURE_CI_UPPER * FIXTURE_SD);
    m.loglik = FIXTURE_LOGLIK;
    m.null_loglik = -20.7276992794145;
    m.lr_chi2 = 15.2792677298519;
    m.lr_p = 9.2728693713255e-05;
    m.lr_df = 1;
    m.cox_snell_r2 = 0.399089289875258;
    m.nagelkerke_r2 = 0.532910896298151;
    m.mcfadden_r2 = 0.368571241889501;
    m.tn = 8, m.fp = 6, m.fn = 2, m.tp = 14; /* R: table(formed, fitted > 0.5) */
    m.hl_chi2 = 3.1;
    m.hl_df = 3;
    m.hl_p = 0.38;
    m.auc = 0.81;
    return qa_results_add_model(r, &m);
}

static inline int fixture_add_simple_model(qa_results *r, const char *name, qa_model_kind kind,
                                           qa_outcome outcome, const char *term, double b,
                                           double se, double p)
{
    qa_model_result m =
        fixture_model(name, kind, outcome, outcome == QA_OUTCOME_FORMATION ? 30 : 14,
                      outcome == QA_OUTCOME_FORMATION ? 16 : 8);
    size_t k = 0;
    m.terms = malloc(2 * sizeof *m.terms);
    if (kind == QA_MODEL_LOGIT)
        m.terms[k++] = fixture_term("(Intercept)", -0.4, 0.8, 0.62, -1.97, 1.17, NAN);
    m.terms[k++] = fixture_term(term, b, se, p, b - 1.96 * se, b + 1.96 * se, NAN);
    m.term_count = k;
    m.loglik = -9.1;
    m.null_loglik = -9.7;
    m.lr_chi2 = 1.2;
    m.lr_p = 0.27;
    m.lr_df = 1;
    m.tn = 4, m.fp = 2, m.fn = 3, m.tp = 5;
    m.concordance = kind == QA_MODEL_COX ? 0.64 : NAN;
    m.aic = 20.2;
    return qa_results_add_model(r, &m);
}

static inline void fixture_tests(qa_results *r, int formation_security, int durability_economic,
                                 int cox_security)
{
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_test_result *t = &r->tests[i];
        bool formation = t->outcome == QA_OUTCOME_FORMATION;
        t->n = formation ? 30 : 14;
        t->testable = true;
        t->b = 0.2 + 0.1 * i;
        t->p = 0.2 + 0.05 * i;
        t->p_adjusted = fmin(1, 2 * t->p);
        t->verdict = QA_VERDICT_NOT_SUPPORTED;
        t->pearson = (qa_correlation_summary){true, 0.1 + 0.02 * i, 0.3, -0.2, 0.4};
        t->spearman = (qa_correlation_summary){true, 0.12, 0.31, NAN, NAN};
        t->kendall = (qa_correlation_summary){true, 0.1, 0.33, NAN, NAN};
        t->joint_agrees = 1;
        t->spearman_agrees = 1;
        t->cox_agrees = formation ? -1 : 0;
        t->events = formation ? 16 : 8;
        t->non_events = formation ? 14 : 6;
        t->epv = (double)(t->events < t->non_events ? t->events : t->non_events);
        t->fragile = !formation;
    }
    qa_test_result *h1 = &r->tests[0];
    h1->b = FIXTURE_B;
    h1->p = FIXTURE_P;
    h1->p_adjusted = FIXTURE_P_ADJUSTED;
    h1->verdict = QA_VERDICT_SUPPORTED;
    h1->logit_model = formation_security;
    h1->pearson = (qa_correlation_summary){true, 0.650270156192046, 0.000100326435898611,
                                           0.378725939459609, 0.818732916088195};
    qa_test_result *h3d = &r->tests[2 * 2 + 1];
    h3d->logit_model = durability_economic;
    h3d->b = -2.1;
    h3d->p = 0.004;
    h3d->p_adjusted = 0.03;
    h3d->verdict = QA_VERDICT_CONTRADICTED;
    r->tests[1].cox_model = cox_security;
    qa_test_result *h5d = &r->tests[4 * 2 + 1];
    h5d->testable = false;
    h5d->n = 6;
    h5d->b = h5d->p = h5d->p_adjusted = NAN;
    h5d->verdict = QA_VERDICT_NOT_TESTABLE;
    snprintf(h5d->reason, sizeof h5d->reason, "fewer than 10 usable cases (6)");
    h5d->pearson.available = false;
}

static inline void fixture_descriptives(qa_results *r)
{
    r->variable_count = 2;
    const char *names[] = {"security", "duration"};
    for (size_t v = 0; v < 2; v++) {
        qa_variable_summary *s = &r->variables[v];
        snprintf(s->name, sizeof s->name, "%s", names[v]);
        for (int g = 0; g < 3; g++) {
            s->n[g] = g == 0 ? 30 : g == 1 ? 16 : 14;
            s->missing[g] = 0;
            s->mean[g] = 2.1 + 0.1 * g + (double)v;
            s->sd[g] = 1.2;
            s->min[g] = 0;
            s->q1[g] = 1;
            s->median[g] = 2;
            s->q3[g] = 3;
            s->max[g] = 4;
        }
    }
    r->category_count = 1;
    qa_category_summary *c = &r->categories[0];
    snprintf(c->name, sizeof c->name, "era");
    c->level_count = 2;
    c->levels = malloc(2 * sizeof *c->levels);
    c->levels[0] = strdup("cold_war");
    c->levels[1] = strdup("post_cold_war");
    c->counts = calloc(6, sizeof *c->counts);
    const size_t counts[6] = {12, 7, 5, 18, 9, 9};
    memcpy(c->counts, counts, sizeof counts);
    r->correlations.count = 3;
    const char *vars[] = {"formed", "durable", "security"};
    for (int i = 0; i < 3; i++) {
        snprintf(r->correlations.names[i], QA_NAME_TEXT, "%s", vars[i]);
        for (int j = 0; j < 3; j++) {
            r->correlations.r[i * 3 + j] = i == j ? 1 : 0.25 + 0.1 * (i + j);
            r->correlations.p[i * 3 + j] = i == j ? 0 : 0.0004 * (i + j);
            r->correlations.n[i * 3 + j] = 30;
        }
    }
    r->formed_count = 16;
    r->not_formed_count = 14;
    r->ongoing_count = 3;
    r->censored_before_threshold = 2;
}

static inline void fixture_diagnostics(qa_results *r)
{
    qa_results_drop(r, 7, 9, "QA008", "formed blank: left out of formation tests");
    qa_results_warn(r, "durability_economic: separation; refitted by Firth");
    r->unknown_column_count = 1;
    r->unknown_columns = malloc(sizeof *r->unknown_columns);
    r->unknown_columns[0] = strdup("coder");
    for (int g = 0; g < 2; g++) {
        qa_km_curve *k = &r->km_curves[0][g];
        k->count = 4;
        k->time = malloc(4 * sizeof *k->time);
        k->survival = malloc(4 * sizeof *k->survival);
        const double times[4] = {0, 3, 6, 11};
        for (int i = 0; i < 4; i++) {
            k->time[i] = times[i] + g;
            k->survival[i] = 1 - 0.2 * i - 0.05 * g * i;
        }
    }
    r->tests[1].km = (qa_km_summary){true, 11, 6, 2, 7, 7, 1.7, 0.19};
    r->ph_test_count = 2;
    r->ph_tests = calloc(2, sizeof *r->ph_tests);
    r->ph_tests[0] =
        (qa_ph_test){.chi2 = 0.41, .p = 0.52, .df = 1, .model = "cox_security", .term = "security"};
    r->ph_tests[1] =
        (qa_ph_test){.chi2 = 0.41, .p = 0.52, .df = 1, .model = "cox_security", .term = "GLOBAL"};
}

static inline void fixture_robustness(qa_results *r)
{
    r->robustness_done = true;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_robustness *b = &r->robustness[i];
        b->specification_count =
            r->tests[i].outcome == QA_OUTCOME_FORMATION ? QA_SPEC_FORMATION_COUNT : QA_SPEC_LOGIT;
        for (size_t s = 0; s < b->specification_count; s++) {
            b->specifications[s] = (qa_specification)s;
            b->specification_verdicts[s] = s == 2 ? QA_VERDICT_NOT_SUPPORTED : r->tests[i].verdict;
        }
        b->stable_k = b->specification_count - 1;
        b->joint_epv = 2.4;
        b->cox_epv = 8;
        b->cox_events = 8;
    }
    qa_robustness *h1 = &r->robustness[0];
    h1->flipping_count = 2;
    h1->flipping_cases = malloc(2 * sizeof *h1->flipping_cases);
    h1->flipping_cases[0] = strdup("QA003");
    h1->flipping_cases[1] = strdup("member:USA");
}

/* The whole fixture. Free with qa_results_free. */
static inline void fixture_results(qa_results *r)
{
    qa_results_init(r);
    snprintf(r->input.path, sizeof r->input.path, "cases.csv");
    snprintf(r->input.sha256, sizeof r->input.sha256, "%s",
             "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    r->input.rows = 30;
    r->input.cases_used = 29;
    int formation_security = fixture_add_r_model(r);
    fixture_add_simple_model(r, "formation_political", QA_MODEL_LOGIT, QA_OUTCOME_FORMATION,
                             "political", 0.3, 0.4, 0.45);
    int economic = fixture_add_simple_model(r, "durability_economic", QA_MODEL_LOGIT,
                                            QA_OUTCOME_DURABILITY, "economic", -2.1, 0.9, 0.004);
    r->models[economic].method = QA_LOGIT_FIRTH;
    r->models[economic].separated = true;
    int cox = fixture_add_simple_model(r, "cox_security", QA_MODEL_COX, QA_OUTCOME_DURABILITY,
                                       "security", -0.5, 0.3, 0.09);
    qa_model_result joint =
        fixture_model("formation_joint", QA_MODEL_LOGIT, QA_OUTCOME_FORMATION, 30, 16);
    joint.term_count = 3;
    joint.terms = malloc(3 * sizeof *joint.terms);
    joint.terms[0] = fixture_term("(Intercept)", -3.3, 1.3, 0.01, -5.8, -0.8, NAN);
    joint.terms[1] = fixture_term("security", 1.4, 0.6, 0.02, 0.22, 2.58, 1.31);
    joint.terms[2] = fixture_term("era=post_cold_war", 0.5, 0.9, 0.58, -1.26, 2.26, 1.31);
    joint.loglik = -12.5;
    qa_results_add_model(r, &joint);
    qa_model_result missing =
        fixture_model("durability_value", QA_MODEL_LOGIT, QA_OUTCOME_DURABILITY, 6, 3);
    missing.available = false;
    snprintf(missing.reason, sizeof missing.reason, "fewer than 10 usable cases (6)");
    qa_results_add_model(r, &missing);
    fixture_tests(r, formation_security, economic, cox);
    fixture_descriptives(r);
    fixture_diagnostics(r);
    fixture_robustness(r);
}

/* A four-case dataset: case_id (text), formed and security (numeric), era (category). */
typedef struct {
    qa_dataset dataset;
    qa_derived derived;
    qa_codebook codebook;
    qa_column columns[4];
    long line[4];
    double formed[4], security[4];
    int32_t era[4];
    char *levels[2];
    size_t text_offset[4];
    char text_pool[32];
    double duration[4], durable[4], event[4];
    qa_codebook_entry entries[4];
} fixture_data;

static inline void fixture_dataset(fixture_data *f)
{
    memset(f, 0, sizeof *f);
    static const char *const names[] = {"case_id", "formed", "security", "era"};
    static const qa_column_kind kinds[] = {QA_COLUMN_TEXT, QA_COLUMN_NUMERIC, QA_COLUMN_NUMERIC,
                                           QA_COLUMN_CATEGORY};
    static const qa_role roles[] = {QA_ROLE_ID, QA_ROLE_FORMED, QA_ROLE_MEASURE, QA_ROLE_CONTROL};
    static const qa_value_type types[] = {QA_TYPE_TEXT, QA_TYPE_BINARY, QA_TYPE_ORDINAL,
                                          QA_TYPE_CATEGORY};
    memcpy(f->text_pool, "QA001\0QA002\0QA003\0QA004", 24);
    f->levels[0] = "cold_war";
    f->levels[1] = "post_cold_war";
    for (int i = 0; i < 4; i++) {
        f->line[i] = i + 2;
        f->formed[i] = i % 2;
        f->security[i] = i == 2 ? NAN : i + 0.5;
        f->era[i] = i == 3 ? -1 : i % 2;
        f->text_offset[i] = (size_t)i * 6;
        f->duration[i] = i % 2 ? 3.0 * i : NAN;
        f->durable[i] = i % 2 ? (i == 3) : NAN;
        f->event[i] = i % 2 ? 1 : NAN;
        qa_column *c = &f->columns[i];
        snprintf(c->name, sizeof c->name, "%s", names[i]);
        c->kind = kinds[i];
        qa_codebook_entry *e = &f->entries[i];
        snprintf(e->column, sizeof e->column, "%s", names[i]);
        e->role = roles[i];
        e->measure = i == 2 ? 0 : -1;
        e->type = types[i];
        e->min = i == 2 ? 0 : NAN;
        e->max = i == 2 ? 4 : NAN;
        snprintf(e->label, sizeof e->label, "%s", names[i]);
        c->entry = *e;
    }
    f->entries[2].missing_count = 2;
    snprintf(f->entries[2].missing[0], 32, "-9");
    snprintf(f->entries[2].missing[1], 32, "-8");
    f->columns[0].text_offset = f->text_offset;
    f->columns[1].values = f->formed;
    f->columns[2].values = f->security;
    f->columns[3].codes = f->era;
    f->columns[3].level_count = 2;
    f->columns[3].levels = f->levels;
    f->dataset.rows = 4;
    f->dataset.line = f->line;
    f->dataset.column_count = 4;
    f->dataset.columns = f->columns;
    f->dataset.text_pool = f->text_pool;
    f->dataset.text_pool_size = 24;
    f->derived.duration = f->duration;
    f->derived.durable = f->durable;
    f->derived.event = f->event;
    f->codebook.count = 4;
    f->codebook.entries = f->entries;
}

static inline qa_workbook_input fixture_input(const qa_results *r, const fixture_data *f,
                                              qa_language language)
{
    qa_workbook_input input;
    memset(&input, 0, sizeof input);
    input.results = r;
    input.dataset = &f->dataset;
    input.derived = &f->derived;
    input.codebook = &f->codebook;
    input.command_line = "qareport analyze cases.csv -o cases.xlsx";
    input.tool_versions = "libxlsxwriter 1.1.4, GSL 2.7";
    input.language = language;
    input.data_sheet = QA_DATA_SHEET_AUTO;
    return input;
}

#endif
