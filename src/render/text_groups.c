/* The terminal summary of `analyze --by`: each group's ten verdicts, then the z tests of the
 * difference of each primary coefficient against the first group. */
#include "qareport/render.h"

#include <math.h>
#include <stdio.h>

static void format_value(char *buffer, size_t size, double value, const char *format)
{
    if (isfinite(value))
        snprintf(buffer, size, format, value);
    else
        snprintf(buffer, size, "-");
}

void qa_render_text_groups(const qa_group_results *groups, qa_language language, FILE *out)
{
    (void)language;
    for (size_t g = 0; g < groups->group_count; g++) {
        fprintf(out, "%s%s = %s (%zu cases used)\n", g ? "\n" : "", groups->column,
                groups->group_names[g], groups->groups[g].input.cases_used);
        qa_render_text_summary(&groups->groups[g], out);
    }
    for (size_t g = 1; g < groups->group_count; g++) {
        fprintf(out, "\ndifference of B, %s against %s (z test)\n", groups->group_names[g],
                groups->group_names[0]);
        fprintf(out, "%-3s %-10s %-10s %8s %8s %7s %7s\n", "", "measure", "outcome", "B first",
                "B group", "z", "p");
        for (int t = 0; t < QA_TEST_COUNT; t++) {
            const qa_test_result *a = &groups->groups[0].tests[t];
            const qa_test_result *b = &groups->groups[g].tests[t];
            char b_first[16], b_group[16], z[16], p[16];
            format_value(b_first, sizeof b_first, a->testable ? a->b : NAN, "%.3f");
            format_value(b_group, sizeof b_group, b->testable ? b->b : NAN, "%.3f");
            format_value(z, sizeof z, groups->difference_z[g][t], "%.2f");
            format_value(p, sizeof p, groups->difference_p[g][t], "%.3f");
            fprintf(out, "%-3s %-10s %-10s %8s %8s %7s %7s\n", qa_hypothesis_id(a->hypothesis),
                    qa_measure_name(a->hypothesis), qa_outcome_name(a->outcome), b_first, b_group,
                    z, p);
        }
    }
}
