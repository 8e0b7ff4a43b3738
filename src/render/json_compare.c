/* `compare --json`: SPEC's compare shape, from a qa_compare_result. */
#include "qareport/json_writer.h"
#include "qareport/render_compare.h"

#include <math.h>

static void write_inputs(qa_json_writer *w, const qa_compare_result *r)
{
    qa_json_key(w, "inputs");
    qa_json_begin_array(w);
    const qa_results *sides[2] = {&r->a, &r->b};
    for (int s = 0; s < 2; s++) {
        qa_json_begin_object(w);
        qa_json_key_string(w, "path", sides[s]->input.path);
        qa_json_key_string(w, "sha256", sides[s]->input.sha256);
        qa_json_key_integer(w, "rows", (long long)sides[s]->input.rows);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
}

static void write_cases(qa_json_writer *w, const qa_compare_result *r)
{
    qa_json_key(w, "cases");
    qa_json_begin_object(w);
    qa_json_key_string(w, "mode", r->same_cases ? "codings" : "case_sets");
    qa_json_key_integer(w, "matched", (long long)r->matched);
    qa_json_key(w, "only_in_a");
    qa_json_begin_array(w);
    for (size_t i = 0; i < r->only_a_count; i++)
        qa_json_string(w, r->only_in_a[i]);
    qa_json_end_array(w);
    qa_json_key(w, "only_in_b");
    qa_json_begin_array(w);
    for (size_t i = 0; i < r->only_b_count; i++)
        qa_json_string(w, r->only_in_b[i]);
    qa_json_end_array(w);
    qa_json_end_object(w);
}

static void write_agreement(qa_json_writer *w, const qa_compare_result *r)
{
    qa_json_key(w, "agreement");
    qa_json_begin_array(w);
    for (size_t i = 0; i < r->column_count; i++) {
        const qa_column_agreement *c = &r->columns[i];
        const qa_agreement *a = &c->agreement;
        qa_json_begin_object(w);
        qa_json_key_string(w, "name", c->column);
        qa_json_key_string(w, "column", c->column);
        qa_json_key_string(w, "level", c->level_name);
        qa_json_key_integer(w, "n", c->available ? (long long)a->n : 0);
        qa_json_key_number(w, "percent", c->available ? a->percent : NAN);
        qa_json_key_number(w, "cohen_kappa", c->available ? a->cohen_kappa : NAN);
        if (c->level == QA_LEVEL_ORDINAL)
            qa_json_key_number(w, "weighted_kappa", c->available ? a->weighted_kappa : NAN);
        qa_json_key_number(w, "gwet_ac1", c->available ? a->gwet_ac1 : NAN);
        qa_json_key_number(w, "krippendorff_alpha", c->available ? a->krippendorff_alpha : NAN);
        qa_json_key_pair(w, "alpha_ci", c->available ? a->alpha_ci_lower : NAN,
                         c->available ? a->alpha_ci_upper : NAN);
        if (c->available && a->note[0])
            qa_json_key_string(w, "note", a->note);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
}

static void write_disagreements(qa_json_writer *w, const qa_compare_result *r)
{
    qa_json_key(w, "disagreements");
    qa_json_begin_array(w);
    for (size_t i = 0; i < r->disagreement_count; i++) {
        const qa_disagreement *d = &r->disagreements[i];
        qa_json_begin_object(w);
        qa_json_key_string(w, "case_id", d->case_id);
        qa_json_key_string(w, "column", d->column);
        qa_json_key_string(w, "a", d->a[0] ? d->a : NULL);
        qa_json_key_string(w, "b", d->b[0] ? d->b : NULL);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
}

static void write_verdicts(qa_json_writer *w, const qa_compare_result *r)
{
    qa_json_key(w, "verdicts");
    qa_json_begin_array(w);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t], *tb = &r->b.tests[t];
        const qa_verdict_comparison *v = &r->verdicts[t];
        qa_json_begin_object(w);
        qa_json_key_string(w, "hypothesis", qa_hypothesis_id(ta->hypothesis));
        qa_json_key_string(w, "outcome", qa_outcome_name(ta->outcome));
        qa_json_key_string(w, "a", qa_verdict_name(ta->verdict));
        qa_json_key_string(w, "b", qa_verdict_name(tb->verdict));
        qa_json_key_bool(w, "flip", v->flip);
        qa_json_key(w, "driving_cases");
        qa_json_begin_array(w);
        for (size_t i = 0; i < v->driving_count; i++)
            qa_json_string(w, v->driving_cases[i]);
        qa_json_end_array(w);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
    qa_json_key(w, "coefficients");
    qa_json_begin_array(w);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t], *tb = &r->b.tests[t];
        const qa_verdict_comparison *v = &r->verdicts[t];
        qa_json_begin_object(w);
        qa_json_key_string(w, "hypothesis", qa_hypothesis_id(ta->hypothesis));
        qa_json_key_string(w, "outcome", qa_outcome_name(ta->outcome));
        qa_json_key_number(w, "b_a", ta->testable ? ta->b : NAN);
        qa_json_key_number(w, "se_a", v->se_a);
        qa_json_key_number(w, "b_b", tb->testable ? tb->b : NAN);
        qa_json_key_number(w, "se_b", v->se_b);
        qa_json_key_number(w, "z", v->z);
        qa_json_key_number(w, "p", v->p);
        qa_json_end_object(w);
    }
    qa_json_end_array(w);
}

void qa_render_json_compare(const qa_compare_result *r, const qa_render_context *context, FILE *out)
{
    qa_json_writer writer;
    qa_json_writer *w = &writer;
    qa_json_init(w, out);
    qa_json_begin_object(w);
    qa_json_write_tool(w, context ? context->command_line : NULL);
    write_inputs(w, r);
    qa_json_key(w, "options");
    qa_json_begin_object(w);
    qa_json_key_integer(w, "seed", (long long)r->seed);
    qa_json_key_integer(w, "bootstrap", (long long)r->bootstrap_replicates);
    qa_json_end_object(w);
    write_cases(w, r);
    write_agreement(w, r);
    write_disagreements(w, r);
    write_verdicts(w, r);
    qa_json_end_object(w);
}
