/* The terminal summary: the ten verdicts as an aligned table within 80 columns. */
#include "qareport/render.h"

#include <math.h>
#include <string.h>

static const char *verdict_label(qa_verdict verdict)
{
    static const char *const labels[] = {"supported", "not supported", "contradicted",
                                         "not testable"};
    return labels[verdict];
}

static void format_number(char *buffer, size_t size, double value, const char *format)
{
    if (isfinite(value))
        snprintf(buffer, size, format, value);
    else
        snprintf(buffer, size, "-");
}

static void format_p(char *buffer, size_t size, double p)
{
    if (!isfinite(p))
        snprintf(buffer, size, "-");
    else if (p < 0.001)
        snprintf(buffer, size, "<.001");
    else
        snprintf(buffer, size, "%.3f", p);
}

void qa_render_text_summary(const qa_results *results, FILE *out)
{
    fprintf(out, "%-3s %-10s %-10s %5s %7s %7s %6s %6s  %s\n", "", "measure", "outcome", "n",
            "B", "OR", "p", "p adj", "verdict");
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        char b[16], odds[16], p[16], p_adjusted[16];
        format_number(b, sizeof b, t->b, "%.3f");
        format_number(odds, sizeof odds, isfinite(t->b) ? exp(t->b) : NAN, "%.2f");
        if (isfinite(t->b) && exp(t->b) >= 1000)
            snprintf(odds, sizeof odds, ">999");
        format_p(p, sizeof p, t->p);
        format_p(p_adjusted, sizeof p_adjusted, t->p_adjusted);
        const char *method = "";
        if (t->logit_model >= 0 && results->models[t->logit_model].method == QA_LOGIT_FIRTH)
            method = " (Firth)";
        fprintf(out, "%-3s %-10s %-10s %5zu %7s %7s %6s %6s  %s%s%s\n",
                qa_hypothesis_id(t->hypothesis), qa_measure_name(t->hypothesis),
                qa_outcome_name(t->outcome), t->n, b, odds, p, p_adjusted,
                verdict_label(t->verdict), method, t->fragile && t->testable ? ", fragile" : "");
    }
    fprintf(out, "p adj: %s over the testable tests; alpha %.3g, %s-sided; durable = more than %d "
                 "years\n",
            results->options.adjust == QA_ADJUST_HOLM ? "Holm"
            : results->options.adjust == QA_ADJUST_BH ? "Benjamini-Hochberg"
                                                      : "no adjustment",
            results->options.alpha, results->options.one_sided ? "one" : "two",
            results->options.durable_years);
}
