/* The terminal summary of `qareport compare`: agreement per coded column, then the ten
 * verdicts of both codings with the flips and the cases that drive them. */
#include "qareport/render_compare.h"

#include <math.h>

static void cell(char *buffer, size_t size, double value, const char *format)
{
    if (isfinite(value))
        snprintf(buffer, size, format, value);
    else
        snprintf(buffer, size, "n/a");
}

static const char *short_verdict(qa_verdict verdict)
{
    static const char *const names[] = {"supported", "not supp.", "contradict.", "not test."};
    return names[verdict];
}

void qa_render_text_compare(const qa_compare_result *r, FILE *out)
{
    fprintf(out, "%zu cases matched; %zu only in A, %zu only in B%s\n", r->matched, r->only_a_count,
            r->only_b_count, r->same_cases ? "" : " (different case sets: coefficients compared)");
    if (r->column_count > 0) {
        fprintf(out, "\n%-16s %5s %6s %7s %7s %6s %7s\n", "column", "n", "agree%", "kappa",
                "w.kappa", "AC1", "alpha");
        for (size_t i = 0; i < r->column_count; i++) {
            const qa_column_agreement *c = &r->columns[i];
            const qa_agreement *a = &c->agreement;
            char percent[16], kappa[16], weighted[16], ac1[16], alpha[16];
            cell(percent, sizeof percent, c->available ? a->percent : NAN, "%.1f");
            cell(kappa, sizeof kappa, c->available ? a->cohen_kappa : NAN, "%.3f");
            cell(weighted, sizeof weighted,
                 c->available && c->level == QA_LEVEL_ORDINAL ? a->weighted_kappa : NAN, "%.3f");
            cell(ac1, sizeof ac1, c->available ? a->gwet_ac1 : NAN, "%.3f");
            cell(alpha, sizeof alpha, c->available ? a->krippendorff_alpha : NAN, "%.3f");
            fprintf(out, "%-16.16s %5zu %6s %7s %7s %6s %7s\n", c->column, c->available ? a->n : 0,
                    percent, kappa, weighted, ac1, alpha);
        }
        fprintf(out, "%zu disagreement%s\n", r->disagreement_count,
                r->disagreement_count == 1 ? "" : "s");
    }
    fprintf(out, "\n%-3s %-10s %-10s %-11s %-11s %s\n", "", "measure", "outcome", "A", "B",
            "flip (driving cases)");
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t];
        const qa_verdict_comparison *v = &r->verdicts[t];
        fprintf(out, "%-3s %-10s %-10s %-11s %-11s %s", qa_hypothesis_id(ta->hypothesis),
                qa_measure_name(ta->hypothesis), qa_outcome_name(ta->outcome),
                short_verdict(ta->verdict), short_verdict(r->b.tests[t].verdict),
                v->flip ? "FLIP" : "-");
        size_t shown = v->driving_count < 3 ? v->driving_count : 3;
        for (size_t i = 0; i < shown; i++)
            fprintf(out, "%s%s", i ? ", " : " (", v->driving_cases[i]);
        if (v->driving_count > shown)
            fprintf(out, ", +%zu", v->driving_count - shown);
        if (v->flip && shown == 0 && r->same_cases)
            fprintf(out, " (no single case)");
        fprintf(out, "%s\n", shown ? ")" : "");
    }
    if (r->same_cases)
        return;
    /* two case sets: the coefficients side by side */
    fprintf(out, "\n%-3s %-10s %-10s %8s %8s %7s %7s\n", "", "measure", "outcome", "B (A)",
            "B (B)", "z", "p");
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t], *tb = &r->b.tests[t];
        char ba[16], bb[16], z[16], p[16];
        cell(ba, sizeof ba, ta->testable ? ta->b : NAN, "%.3f");
        cell(bb, sizeof bb, tb->testable ? tb->b : NAN, "%.3f");
        cell(z, sizeof z, r->verdicts[t].z, "%.2f");
        cell(p, sizeof p, r->verdicts[t].p, "%.3f");
        fprintf(out, "%-3s %-10s %-10s %8s %8s %7s %7s\n", qa_hypothesis_id(ta->hypothesis),
                qa_measure_name(ta->hypothesis), qa_outcome_name(ta->outcome), ba, bb, z, p);
    }
}
