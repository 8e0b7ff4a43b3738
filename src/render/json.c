/* `analyze --json`: the results in the shape of docs/METHODS.md §8.3. Reads qa_results only. */
#include "json_writer.h"
#include "qareport/render.h"

#include <math.h>
#include <stdio.h>

static void write_options(qa_json_writer *w, const qa_analysis_options *o)
{
    qa_json_key(w, "options");
    qa_json_begin_object(w);
    qa_json_key_number(w, "alpha", o->alpha);
    qa_json_key_string(w, "adjust", qa_adjust_name(o->adjust));
    qa_json_key_string(w, "sided", o->one_sided ? "one" : "two");
    qa_json_key_integer(w, "durable_years", o->durable_years);
    if (o->as_of)
        qa_json_key_integer(w, "as_of", o->as_of);
    else
        qa_json_key_string(w, "as_of", NULL);
    qa_json_key_string(w, "firth", qa_firth_name(o->firth));
    qa_json_key_string(w, "durability", qa_durability_model_name(o->durability));
    qa_json_key_string(w, "controls_in", qa_controls_in_name(o->controls_in));
    qa_json_key_string(w, "influence", qa_influence_name(o->influence));
    qa_json_key_integer(w, "bootstrap", (long long)o->bootstrap);
    qa_json_key_integer(w, "seed", (long long)o->seed);
    qa_json_key(w, "controls");
    qa_json_begin_array(w);
    for (size_t i = 0; i < o->control_count; i++)
        qa_json_string(w, o->controls[i]);
    qa_json_end_array(w);
    qa_json_key(w, "where");
    qa_json_begin_array(w);
    for (size_t i = 0; i < o->condition_count; i++) {
        qa_json_begin_object(w);
        qa_json_key_string(w, "column", o->conditions[i].column);
        qa_json_key_string(w, "value", o->conditions[i].value);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
    qa_json_key_string(w, "by", o->by[0] ? o->by : NULL);
    qa_json_end_object(w);
}

static void write_correlation(qa_json_writer *w, const char *key, const char *value_key,
                              const qa_correlation_summary *c, bool with_ci)
{
    qa_json_key(w, key);
    qa_json_begin_object(w);
    qa_json_key_number(w, value_key, c->available ? c->value : NAN);
    qa_json_key_number(w, "p", c->available ? c->p : NAN);
    if (with_ci || isfinite(c->ci_lower))
        qa_json_key_pair(w, "ci", c->ci_lower, c->ci_upper);
    qa_json_end_object(w);
}

/* The term of a univariate model that is not the intercept. */
static const qa_term_result *measure_term(const qa_model_result *m)
{
    for (size_t i = 0; i < m->term_count; i++)
        if (m->terms[i].term[0] != '(')
            return &m->terms[i];
    return NULL;
}

/* Member-robust inference (issue 11): {"se","z","p","clusters"}, null when not computed. */
static void write_member(qa_json_writer *w, const qa_member_inference *m)
{
    qa_json_key(w, "member");
    if (m->clusters == 0) {
        qa_json_null(w);
        return;
    }
    qa_json_begin_object(w);
    qa_json_key_number(w, "se", m->se);
    qa_json_key_number(w, "z", m->z);
    qa_json_key_number(w, "p", m->p);
    qa_json_key_integer(w, "clusters", (long long)m->clusters);
    qa_json_end_object(w);
}

/* The effect per SD of the measure (METHODS §4.14): its SD on the model's sample, the ratio
 * exp(b sd) and the interval exp(ci sd) of the same CI of b (computed by the analysis). */
static void write_per_sd(qa_json_writer *w, const char *ratio_key, const char *ci_key,
                         const qa_term_result *term)
{
    qa_json_key_number(w, "sd", term->sd);
    qa_json_key_number(w, ratio_key, term->ratio_sd);
    qa_json_key_pair(w, ci_key, term->ratio_sd_lower, term->ratio_sd_upper);
}

static void write_test_logit(qa_json_writer *w, const qa_results *r, const qa_test_result *t)
{
    qa_json_key(w, "logit");
    if (t->logit_model < 0 || !r->models[t->logit_model].available) {
        qa_json_null(w);
        return;
    }
    const qa_model_result *m = &r->models[t->logit_model];
    const qa_term_result *term = measure_term(m);
    qa_json_begin_object(w);
    qa_json_key_string(w, "method", m->method == QA_LOGIT_FIRTH ? "firth" : "ml");
    qa_json_key_number(w, "b", term->b);
    qa_json_key_number(w, "se", term->se);
    qa_json_key_number(w, "z", term->z);
    qa_json_key_number(w, "p", term->p);
    if (m->method == QA_LOGIT_FIRTH)
        qa_json_key_number(w, "wald_p", term->wald_p);
    qa_json_key_number(w, "or", term->ratio);
    qa_json_key_pair(w, "or_ci", exp(term->ci_lower), exp(term->ci_upper));
    if (isfinite(term->ratio_boot_lower))
        qa_json_key_pair(w, "or_bootstrap_ci", term->ratio_boot_lower, term->ratio_boot_upper);
    write_per_sd(w, "or_sd", "or_sd_ci", term);
    write_member(w, &term->member);
    qa_json_end_object(w);
}

/* The detectable effect of a test at 80% power (issue 11 §2). */
static void write_mde(qa_json_writer *w, const qa_test_result *t)
{
    qa_json_key(w, "mde");
    if (!t->testable || isnan(t->mde.level)) {
        qa_json_null(w);
        return;
    }
    qa_json_begin_object(w);
    qa_json_key_number(w, "level", t->mde.level);
    qa_json_key_number(w, "power", t->mde.power);
    qa_json_key_number(w, "b", t->mde.b);
    qa_json_key_number(w, "or", t->mde.ratio);
    qa_json_key_number(w, "or_sd", t->mde.ratio_sd);
    qa_json_end_object(w);
}

static void write_test_survival(qa_json_writer *w, const qa_results *r, const qa_test_result *t)
{
    qa_json_key(w, "cox");
    if (t->cox_model < 0 || !r->models[t->cox_model].available) {
        qa_json_null(w);
    } else {
        const qa_term_result *term = measure_term(&r->models[t->cox_model]);
        qa_json_begin_object(w);
        qa_json_key_number(w, "b", term->b);
        qa_json_key_number(w, "se", term->se);
        qa_json_key_number(w, "p", term->p);
        qa_json_key_number(w, "hr", term->ratio);
        qa_json_key_pair(w, "hr_ci", exp(term->ci_lower), exp(term->ci_upper));
        write_per_sd(w, "hr_sd", "hr_sd_ci", term);
        write_member(w, &term->member);
        qa_json_key(w, "mde");
        if (isnan(t->cox_mde.level)) {
            qa_json_null(w);
        } else {
            qa_json_begin_object(w);
            qa_json_key_number(w, "b", t->cox_mde.b);
            qa_json_key_number(w, "hr", t->cox_mde.ratio);
            qa_json_end_object(w);
        }
        qa_json_end_object(w);
    }
    qa_json_key(w, "km");
    if (!t->km.available) {
        qa_json_null(w);
        return;
    }
    qa_json_begin_object(w);
    qa_json_key_number(w, "split", t->km.split);
    qa_json_key_integer(w, "n_above", (long long)t->km.n_above);
    qa_json_key_integer(w, "n_at_or_below", (long long)t->km.n_at_or_below);
    qa_json_key_number(w, "median_above", t->km.median_above);
    qa_json_key_number(w, "median_at_or_below", t->km.median_at_or_below);
    qa_json_key_number(w, "logrank_chi2", t->km.logrank_chi2);
    qa_json_key_number(w, "logrank_p", t->km.logrank_p);
    qa_json_end_object(w);
}

static void write_agreement_flag(qa_json_writer *w, const char *key, int flag)
{
    qa_json_key(w, key);
    if (flag < 0)
        qa_json_null(w);
    else
        qa_json_bool(w, flag == 1);
}

static void write_test(qa_json_writer *w, const qa_results *r, const qa_test_result *t)
{
    qa_json_begin_object(w);
    qa_json_key_string(w, "hypothesis", qa_hypothesis_id(t->hypothesis));
    qa_json_key_string(w, "measure", qa_measure_name(t->hypothesis));
    qa_json_key_string(w, "outcome", qa_outcome_name(t->outcome));
    qa_json_key_string(w, "source", r->measure_source[t->hypothesis]);
    qa_json_key_integer(w, "n", (long long)t->n);
    write_correlation(w, "pearson", "r", &t->pearson, true);
    write_correlation(w, "spearman", "rho", &t->spearman, false);
    write_correlation(w, "kendall", "tau_b", &t->kendall, false);
    write_test_logit(w, r, t);
    write_mde(w, t);
    if (t->outcome == QA_OUTCOME_DURABILITY)
        write_test_survival(w, r, t);
    qa_json_key_string(w, "decided_by", t->decided_by == QA_MODEL_COX ? "cox" : "logit");
    qa_json_key_number(w, "p_adjusted", t->p_adjusted);
    qa_json_key_string(w, "verdict", qa_verdict_name(t->verdict));
    if (!t->testable)
        qa_json_key_string(w, "reason", t->reason);
    write_agreement_flag(w, "joint_agrees", t->joint_agrees);
    write_agreement_flag(w, "spearman_agrees", t->spearman_agrees);
    if (t->outcome == QA_OUTCOME_DURABILITY)
        write_agreement_flag(w, "cox_agrees", t->cox_agrees);
    qa_json_end_object(w);
}

static void write_term(qa_json_writer *w, const qa_model_result *m, const qa_term_result *t)
{
    qa_json_begin_object(w);
    qa_json_key_string(w, "term", t->term);
    qa_json_key_number(w, "b", t->b);
    qa_json_key_number(w, "se", t->se);
    qa_json_key_number(w, "z", t->z);
    qa_json_key_number(w, "p", t->p);
    if (m->kind == QA_MODEL_LOGIT && m->method == QA_LOGIT_FIRTH)
        qa_json_key_number(w, "wald_p", t->wald_p);
    qa_json_key_number(w, m->kind == QA_MODEL_COX ? "hr" : "or", t->ratio);
    qa_json_key_pair(w, "ci", t->ci_lower, t->ci_upper);
    if (isfinite(t->vif))
        qa_json_key_number(w, "vif", t->vif);
    if (t->interval) /* a term of type interval: its effect per SD (METHODS §4.14) */
        write_per_sd(w, m->kind == QA_MODEL_COX ? "hr_sd" : "or_sd",
                     m->kind == QA_MODEL_COX ? "hr_sd_ci" : "or_sd_ci", t);
    write_member(w, &t->member);
    qa_json_end_object(w);
}

static void write_fit(qa_json_writer *w, const qa_model_result *m)
{
    qa_json_key(w, "fit");
    qa_json_begin_object(w);
    qa_json_key_number(w, "loglik", m->loglik);
    qa_json_key_number(w, "null_loglik", m->null_loglik);
    qa_json_key_number(w, "aic", m->aic);
    qa_json_key_number(w, "bic", m->bic);
    qa_json_key_number(w, "lr_chi2", m->lr_chi2);
    qa_json_key_number(w, "lr_df", m->lr_df);
    qa_json_key_number(w, "lr_p", m->lr_p);
    if (m->kind == QA_MODEL_LOGIT)
        qa_json_key_number(w, "mcfadden_r2", m->mcfadden_r2);
    qa_json_key_number(w, "cox_snell_r2", m->cox_snell_r2);
    qa_json_key_number(w, "nagelkerke_r2", m->nagelkerke_r2);
    if (m->kind == QA_MODEL_LOGIT) {
        qa_json_key(w, "hosmer_lemeshow");
        qa_json_begin_object(w);
        qa_json_key_number(w, "chi2", m->hl_chi2);
        if (m->hl_df > 0)
            qa_json_key_integer(w, "df", m->hl_df);
        else
            qa_json_key_string(w, "df", NULL);
        qa_json_key_number(w, "p", m->hl_p);
        qa_json_end_object(w);
        qa_json_key_number(w, "auc", m->auc);
    } else {
        qa_json_key_number(w, "concordance", m->concordance);
    }
    qa_json_end_object(w);
}

static void write_model(qa_json_writer *w, const qa_model_result *m)
{
    qa_json_begin_object(w);
    qa_json_key_string(w, "name", m->name);
    qa_json_key_string(w, "kind", m->kind == QA_MODEL_COX ? "cox" : "logit");
    qa_json_key_string(w, "outcome", qa_outcome_name(m->outcome));
    qa_json_key_string(w, "method",
                       m->kind == QA_MODEL_COX       ? "efron"
                       : m->method == QA_LOGIT_FIRTH ? "firth"
                                                     : "ml");
    qa_json_key_bool(w, "available", m->available);
    if (!m->available) {
        qa_json_key_string(w, "reason", m->reason);
        qa_json_end_object(w);
        return;
    }
    if (m->kind == QA_MODEL_LOGIT)
        qa_json_key_bool(w, "separation", m->separated);
    qa_json_key_integer(w, "n", (long long)m->n);
    qa_json_key_integer(w, "events", (long long)m->events);
    qa_json_key_integer(w, "iterations", m->iterations);
    qa_json_key_bool(w, "converged", m->converged);
    if (m->kind == QA_MODEL_LOGIT) {
        qa_json_key(w, "classification");
        qa_json_begin_object(w);
        qa_json_key_integer(w, "tn", (long long)m->tn);
        qa_json_key_integer(w, "fp", (long long)m->fp);
        qa_json_key_integer(w, "fn", (long long)m->fn);
        qa_json_key_integer(w, "tp", (long long)m->tp);
        qa_json_end_object(w);
    }
    qa_json_key(w, "terms");
    qa_json_begin_array(w);
    for (size_t i = 0; i < m->term_count; i++)
        write_term(w, m, &m->terms[i]);
    qa_json_end_array(w);
    write_fit(w, m);
    qa_json_end_object(w);
}

static void write_robustness(qa_json_writer *w, const qa_results *r)
{
    qa_json_key(w, "robustness");
    qa_json_begin_array(w);
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &r->tests[i];
        const qa_robustness *rb = &r->robustness[i];
        qa_json_begin_object(w);
        qa_json_key_string(w, "hypothesis", qa_hypothesis_id(t->hypothesis));
        qa_json_key_string(w, "outcome", qa_outcome_name(t->outcome));
        qa_json_key_integer(w, "n", (long long)t->n);
        qa_json_key_integer(w, "events", (long long)t->events);
        qa_json_key_integer(w, "non_events", (long long)t->non_events);
        qa_json_key_number(w, "epv", t->epv);
        qa_json_key_bool(w, "fragile", t->fragile);
        if (r->robustness_done) {
            qa_json_key_integer(w, "stable_k", (long long)rb->stable_k);
            qa_json_key_integer(w, "of_m", (long long)rb->specification_count);
            qa_json_key(w, "specifications");
            qa_json_begin_array(w);
            for (size_t s = 0; s < rb->specification_count; s++) {
                qa_json_begin_object(w);
                qa_json_key_string(
                    w, "name",
                    rb->specifications[s] == QA_SPEC_MEMBER && rb->member_primary
                        ? "model"
                        : qa_specification_name(rb->specifications[s], rb->firth_primary));
                qa_json_key_string(w, "verdict", qa_verdict_name(rb->specification_verdicts[s]));
                qa_json_end_object(w);
            }
            qa_json_end_array(w);
            /* null, not [], when influence was not computed: no case is known to flip */
            qa_json_key(w, "flipping_cases");
            if (r->influence_not_computed[0]) {
                qa_json_null(w);
            } else {
                qa_json_begin_array(w);
                for (size_t c = 0; c < rb->flipping_count; c++)
                    qa_json_string(w, rb->flipping_cases[c]);
                qa_json_end_array(w);
            }
        }
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
    if (!r->robustness_done)
        return;
    qa_json_key(w, "ph_tests");
    qa_json_begin_array(w);
    for (size_t i = 0; i < r->ph_test_count; i++) {
        const qa_ph_test *ph = &r->ph_tests[i];
        char name[2 * QA_NAME_TEXT + 2];
        snprintf(name, sizeof name, "%s.%s", ph->model, ph->term);
        qa_json_begin_object(w);
        qa_json_key_string(w, "name", name);
        qa_json_key_string(w, "model", ph->model);
        qa_json_key_string(w, "term", ph->term);
        qa_json_key_number(w, "chi2", ph->chi2);
        qa_json_key_integer(w, "df", ph->df);
        qa_json_key_number(w, "p", ph->p);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
    /* whether case and member influence ran (METHODS §6.5): option = the option that left
     * them out ("--influence none", "--se member", ...), null when they ran */
    qa_json_key(w, "influence");
    qa_json_begin_object(w);
    qa_json_key_bool(w, "computed", !r->influence_not_computed[0]);
    qa_json_key_string(w, "option",
                       r->influence_not_computed[0] ? r->influence_not_computed : NULL);
    qa_json_end_object(w);
}

static void write_header(qa_json_writer *w, const qa_results *results,
                         const qa_render_context *context)
{
    qa_json_write_tool(w, context ? context->command_line : NULL);
    qa_json_key(w, "input");
    qa_json_begin_object(w);
    qa_json_key_string(w, "path", results->input.path);
    qa_json_key_string(w, "sha256", results->input.sha256);
    qa_json_key_integer(w, "rows", (long long)results->input.rows);
    qa_json_key_integer(w, "cases_used", (long long)results->input.cases_used);
    qa_json_end_object(w);
    write_options(w, &results->options);
}

/* The results of one analysis (the whole document, or one group of --by). */
static void write_body(qa_json_writer *w, const qa_results *results)
{
    qa_json_key(w, "samples");
    qa_json_begin_object(w);
    qa_json_key_integer(w, "cases_used", (long long)results->input.cases_used);
    qa_json_key_integer(w, "formed", (long long)results->formed_count);
    qa_json_key_integer(w, "not_formed", (long long)results->not_formed_count);
    qa_json_key_integer(w, "ongoing", (long long)results->ongoing_count);
    qa_json_key_integer(w, "censored_before_threshold",
                        (long long)results->censored_before_threshold);
    qa_json_end_object(w);
    qa_json_key(w, "tests");
    qa_json_begin_array(w);
    for (int i = 0; i < QA_TEST_COUNT; i++)
        write_test(w, results, &results->tests[i]);
    qa_json_end_array(w);
    qa_json_key(w, "models");
    qa_json_begin_array(w);
    for (size_t i = 0; i < results->model_count; i++)
        write_model(w, &results->models[i]);
    qa_json_end_array(w);
    write_robustness(w, results);
    qa_json_key(w, "warnings");
    qa_json_begin_array(w);
    for (size_t i = 0; i < results->warning_count; i++)
        qa_json_string(w, results->warnings[i]);
    qa_json_end_array(w);
}

void qa_render_json_analysis(const qa_results *results, const qa_render_context *context, FILE *out)
{
    qa_json_writer writer;
    qa_json_writer *w = &writer;
    qa_json_init(w, out);
    qa_json_begin_object(w);
    write_header(w, results, context);
    write_body(w, results);
    qa_json_end_object(w);
}

void qa_render_json_groups(const qa_group_results *groups, const qa_render_context *context,
                           FILE *out)
{
    qa_json_writer writer;
    qa_json_writer *w = &writer;
    qa_json_init(w, out);
    qa_json_begin_object(w);
    write_header(w, &groups->groups[0], context);
    qa_json_key_string(w, "by", groups->column);
    qa_json_key(w, "groups");
    qa_json_begin_array(w);
    for (size_t g = 0; g < groups->group_count; g++) {
        qa_json_begin_object(w);
        qa_json_key_string(w, "name", groups->group_names[g]);
        write_body(w, &groups->groups[g]);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
    /* z test of each primary B against the first group's */
    qa_json_key(w, "differences");
    qa_json_begin_array(w);
    for (size_t g = 1; g < groups->group_count; g++)
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            const qa_test_result *test = &groups->groups[g].tests[t];
            char name[3 * QA_NAME_TEXT];
            snprintf(name, sizeof name, "%s.%s.%s", groups->group_names[g],
                     qa_hypothesis_id(test->hypothesis), qa_outcome_name(test->outcome));
            qa_json_begin_object(w);
            qa_json_key_string(w, "name", name);
            qa_json_key_string(w, "group", groups->group_names[g]);
            qa_json_key_string(w, "against", groups->group_names[0]);
            qa_json_key_string(w, "hypothesis", qa_hypothesis_id(test->hypothesis));
            qa_json_key_string(w, "outcome", qa_outcome_name(test->outcome));
            qa_json_key_number(w, "b", groups->groups[0].tests[t].b);
            qa_json_key_number(w, "b_group", test->b);
            qa_json_key_number(w, "z", groups->difference_z[g][t]);
            qa_json_key_number(w, "p", groups->difference_p[g][t]);
            qa_json_end_object(w);
        }
    qa_json_end_array(w);
    qa_json_end_object(w);
}
