/* Descriptives, Correlations, Robustness and Diagnostics sheets. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

static const char *const group_names[3] = {"all cases", "formed = 1", "formed = 0"};

static qa_status numeric_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Variable", "Group", "n",      "Missing", "Mean", "SD",
                                          "Min",      "Q1",    "Median", "Q3",      "Max"};
    qa_table *table = qa_report_add_table(report, sheet, "Numeric variables", 11, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    for (size_t v = 0; v < results->variable_count; v++) {
        const qa_variable_summary *s = &results->variables[v];
        for (int g = 0; g < 3; g++) {
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return QA_ERR_MEMORY;
            row[0] = qa_cell_text(qa_report_text(report, "%s", s->name));
            row[1] = qa_cell_text(qa_report_label(report, group_names[g]));
            row[2] = qa_cell_count(s->n[g]);
            row[3] = qa_cell_count(s->missing[g]);
            const double values[] = {s->mean[g],   s->sd[g], s->min[g], s->q1[g],
                                     s->median[g], s->q3[g], s->max[g]};
            for (int k = 0; k < 7; k++)
                row[4 + k] = qa_cell_number(values[k], QA_FORMAT_DECIMAL3);
        }
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, "Quartiles are type 7 (as R's quantile)."));
    return QA_OK;
}

static qa_status category_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Variable", "Level", "all cases", "formed = 1",
                                          "formed = 0"};
    qa_table *table = qa_report_add_table(report, sheet, "Category variables", 5, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t v = 0; v < results->category_count; v++) {
        const qa_category_summary *c = &results->categories[v];
        for (size_t level = 0; level <= c->level_count; level++) {
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return QA_ERR_MEMORY;
            row[0] = qa_cell_text(qa_report_text(report, "%s", c->name));
            bool missing = level == c->level_count;
            row[1] = qa_cell_text(missing ? qa_report_label(report, "Missing")
                                          : qa_report_text(report, "%s", c->levels[level]));
            for (int g = 0; g < 3; g++)
                row[2 + g] = qa_cell_count(missing ? c->missing[g] : c->counts[level * 3 + g]);
        }
    }
    return QA_OK;
}

static qa_status sample_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Item", "Count"};
    qa_table *table = qa_report_add_table(report, sheet, "Sample", 2, headers);
    const char *items[] = {"Rows",       "Cases used", "Formed",
                           "Not formed", "Ongoing",    "Censored before threshold"};
    const size_t counts[] = {results->input.rows,    results->input.cases_used,
                             results->formed_count,  results->not_formed_count,
                             results->ongoing_count, results->censored_before_threshold};
    for (int i = 0; i < 6; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_label(report, items[i]));
        row[1] = qa_cell_count(counts[i]);
    }
    return QA_OK;
}

static qa_status composite_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    bool any = false;
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++)
        any = any || results->measure_indicator_count[h] > 1;
    if (!any)
        return QA_OK;
    static const char *const headers[] = {"Measure", "Indicators", "Cronbach's alpha",
                                          "Standardized alpha"};
    qa_table *table = qa_report_add_table(report, sheet, "Composite measures", 4, headers);
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        if (results->measure_indicator_count[h] < 2)
            continue;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_label_measure(report->language, h));
        row[1] = qa_cell_count(results->measure_indicator_count[h]);
        row[2] = qa_cell_number(results->cronbach_raw[h], QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_number(results->cronbach_standardized[h], QA_FORMAT_DECIMAL3);
    }
    return QA_OK;
}

qa_status qa_report_descriptives_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Descriptives"));
    if (!sheet)
        return QA_ERR_MEMORY;
    qa_status status = numeric_table(report, sheet, results);
    if (status == QA_OK)
        status = category_table(report, sheet, results);
    if (status == QA_OK)
        status = sample_table(report, sheet, results);
    if (status == QA_OK)
        status = composite_table(report, sheet, results);
    return status;
}

/* One matrix (r, p or n) of the pairwise correlations, variables down and across. */
static qa_status matrix_table(qa_report *report, qa_sheet *sheet, const qa_correlation_matrix *m,
                              const char *title, int which)
{
    const char *headers[9] = {"Variable"};
    size_t count = m->count < 8 ? m->count : 8;
    for (size_t j = 0; j < count; j++)
        headers[1 + j] = qa_report_text(report, "%s", m->names[j]);
    qa_table *table = qa_report_add_table(report, sheet, title, 1 + count, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t j = 0; j < count; j++)
        table->columns[1 + j].header = headers[1 + j]; /* variable names, untranslated */
    for (size_t i = 0; i < count; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(headers[1 + i]);
        for (size_t j = 0; j < count; j++) {
            size_t k = i * m->count + j;
            row[1 + j] = which == 0 ? qa_cell_number(m->r[k], QA_FORMAT_DECIMAL3)
                         : which == 1
                             ? (i == j ? qa_cell_text(NULL) : qa_cell_number(m->p[k], QA_FORMAT_P))
                             : qa_cell_count(m->n[k]);
        }
        if (which == 1)
            for (size_t j = 1; j <= count; j++)
                table->columns[j].significance = true;
    }
    return QA_OK;
}

static qa_status test_correlations_table(qa_report *report, qa_sheet *sheet,
                                         const qa_results *results)
{
    static const char *const headers[] = {"Hypothesis", "Community sense", "Outcome",
                                          "n",          "Pearson r",       "Pearson p",
                                          "CI lower",   "CI upper",        "Spearman rho",
                                          "Spearman p", "Kendall tau-b",   "Kendall p"};
    qa_table *table = qa_report_add_table(report, sheet, "Correlations of each test", 12, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[5].significance = table->columns[9].significance =
        table->columns[11].significance = true;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
        row[3] = qa_cell_count(t->n);
        if (t->pearson.available) {
            row[4] = qa_cell_number(t->pearson.value, QA_FORMAT_DECIMAL3);
            row[5] = qa_cell_number(t->pearson.p, QA_FORMAT_P);
            row[6] = qa_cell_number(t->pearson.ci_lower, QA_FORMAT_DECIMAL3);
            row[7] = qa_cell_number(t->pearson.ci_upper, QA_FORMAT_DECIMAL3);
        }
        if (t->spearman.available) {
            row[8] = qa_cell_number(t->spearman.value, QA_FORMAT_DECIMAL3);
            row[9] = qa_cell_number(t->spearman.p, QA_FORMAT_P);
        }
        if (t->kendall.available) {
            row[10] = qa_cell_number(t->kendall.value, QA_FORMAT_DECIMAL3);
            row[11] = qa_cell_number(t->kendall.p, QA_FORMAT_P);
        }
    }
    qa_table_add_note(
        report, table,
        qa_report_label(
            report,
            "Pearson CI by Fisher z; Spearman and Kendall p by the normal approximation (as R's "
            "cor.test, exact = FALSE)."));
    return QA_OK;
}

qa_status qa_report_correlations_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Correlations"));
    if (!sheet)
        return QA_ERR_MEMORY;
    qa_status status = test_correlations_table(report, sheet, results);
    if (status == QA_OK) {
        sheet->tables[0].freeze = sheet->tables[0].filter = true;
        status = matrix_table(report, sheet, &results->correlations, "Pearson r", 0);
    }
    if (status == QA_OK)
        status = matrix_table(report, sheet, &results->correlations, "Pearson p", 1);
    if (status == QA_OK)
        status = matrix_table(report, sheet, &results->correlations, "Pairwise n", 2);
    if (status == QA_OK)
        qa_table_add_note(
            report, &sheet->tables[sheet->table_count - 1],
            qa_report_label(report, "Pairwise-complete Pearson correlations; p two-sided."));
    return status;
}

/* The headers a reader sees over the specification columns, one per kind (labels; T = the
 * durability threshold; the method switch is Firth for an ML primary, ML for a Firth one). */
static const char *const specification_headers[QA_SPEC_COUNT] = {
    [QA_SPEC_PRIMARY] = "Primary",
    [QA_SPEC_PEARSON] = "Pearson",
    [QA_SPEC_SPEARMAN] = "Spearman",
    [QA_SPEC_KENDALL] = "Kendall",
    [QA_SPEC_SWITCH_METHOD] = "Firth/ML",
    [QA_SPEC_JOINT] = "Joint",
    [QA_SPEC_MEMBER] = "Member SE",
    [QA_SPEC_THRESHOLD_3] = "T = 3 years",
    [QA_SPEC_THRESHOLD_7] = "T = 7 years",
    [QA_SPEC_THRESHOLD_10] = "T = 10 years",
    [QA_SPEC_COX] = "Cox",
    [QA_SPEC_LOGIT] = "Logit"};

/* The first flipping names, at most FLIP_CELL_NAMES of them in FLIP_CELL_CHARS bytes, then how
 * many more: thousands of members would pass Excel's 32,767-character cell limit and bury the
 * table; the JSON keeps every name. Whole names only (never a cut UTF-8 sequence). */
enum { FLIP_CELL_NAMES = 25, FLIP_CELL_CHARS = 1500 };

static const char *flipping_text(qa_report *report, const qa_robustness *r)
{
    char text[FLIP_CELL_CHARS + 160];
    size_t used = 0, shown = 0;
    text[0] = '\0';
    for (; shown < r->flipping_count && shown < FLIP_CELL_NAMES; shown++) {
        size_t length = strlen(r->flipping_cases[shown]);
        if (used + length + 2 > FLIP_CELL_CHARS)
            break;
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s", shown ? ", " : "",
                                 r->flipping_cases[shown]);
    }
    if (shown < r->flipping_count)
        snprintf(text + used, sizeof text - used,
                 qa_label(report->language, "%s… %zu more (%zu in all; the JSON lists every one)"),
                 shown ? ", " : "", r->flipping_count - shown, r->flipping_count);
    return qa_report_text(report, "%s", text);
}

/* The Robustness sheet prints as three narrow tables, not one 25-column one: the
 * specification verdicts (grouped: primary; correlations; method and joint model; thresholds;
 * the other survival/logit model), the small-sample panel, and the flipping cases. */
enum { ROBUSTNESS_FIRST_SPEC = 5 };

/* The specification columns: one per kind that some test has, in qa_specification order
 * (which groups them; the Logit column appears only under --durability cox). column[kind] =
 * -1 when absent. */
static size_t specification_columns(const qa_results *results, int column[QA_SPEC_COUNT])
{
    bool present[QA_SPEC_COUNT] = {false};
    for (int i = 0; i < QA_TEST_COUNT; i++)
        for (size_t s = 0; s < results->robustness[i].specification_count && s < QA_SPEC_COUNT; s++)
            present[results->robustness[i].specifications[s]] = true;
    size_t count = 0;
    for (int s = 0; s < QA_SPEC_COUNT; s++)
        column[s] = present[s] ? ROBUSTNESS_FIRST_SPEC + (int)count++ : -1;
    return count;
}

static void test_columns(qa_report *report, const qa_test_result *t, qa_cell *row)
{
    row[0] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
    row[1] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
    row[2] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
}

static qa_status specification_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    const char *headers[ROBUSTNESS_FIRST_SPEC + QA_SPEC_COUNT] = {"Hypothesis", "Community sense",
                                                                  "Outcome", "Stable (k)", "of m"};
    int column[QA_SPEC_COUNT];
    size_t count = specification_columns(results, column);
    for (int s = 0; s < QA_SPEC_COUNT; s++)
        if (column[s] >= 0)
            headers[column[s]] = specification_headers[s];
    qa_table *table = qa_report_add_table(report, sheet, "Robustness of each verdict",
                                          ROBUSTNESS_FIRST_SPEC + count, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    for (size_t c = ROBUSTNESS_FIRST_SPEC; c < ROBUSTNESS_FIRST_SPEC + count; c++)
        table->columns[c].verdict = true;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        const qa_robustness *r = &results->robustness[i];
        test_columns(report, &results->tests[i], row);
        row[3] = qa_cell_count(r->stable_k);
        row[4] = qa_cell_count(r->specification_count);
        for (size_t s = 0; s < r->specification_count && s < QA_SPEC_COUNT; s++)
            if (column[r->specifications[s]] >= 0)
                row[column[r->specifications[s]]] =
                    qa_cell_verdict(report, r->specification_verdicts[s]);
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, "Each specification reruns the whole primary "
                                              "analysis with one choice changed; it agrees when "
                                              "it gives the primary verdict. Columns by group: "
                                              "primary; correlations; method and joint model; "
                                              "durability thresholds; the other model."));
    return QA_OK;
}

static qa_status panel_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Hypothesis", "Community sense", "Outcome", "n",
                                          "Events",     "Non-events",      "EPV",     "Joint EPV",
                                          "Cox EPV",    "Cox events",      "Fragile"};
    qa_table *table = qa_report_add_table(report, sheet, "Small-sample panel", 11, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        const qa_test_result *t = &results->tests[i];
        const qa_robustness *r = &results->robustness[i];
        test_columns(report, t, row);
        row[3] = qa_cell_count(t->n);
        row[4] = qa_cell_count(t->events);
        row[5] = qa_cell_count(t->non_events);
        row[6] = qa_cell_number(t->epv, QA_FORMAT_DECIMAL2);
        row[7] = qa_cell_number(r->joint_epv, QA_FORMAT_DECIMAL2);
        if (t->outcome == QA_OUTCOME_DURABILITY) {
            row[8] = qa_cell_number(r->cox_epv, QA_FORMAT_DECIMAL2);
            row[9] = qa_cell_count(r->cox_events);
        }
        row[10] = qa_cell_text(qa_report_label(report, t->fragile ? "yes" : "no"));
    }
    qa_table_add_note(report, table,
                      qa_report_label(report, "fragile = min(events, non-events) < 10 or EPV < "
                                              "10."));
    return QA_OK;
}

static qa_status flips_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Hypothesis", "Community sense", "Outcome",
                                          "Flipping cases"};
    qa_table *table = qa_report_add_table(report, sheet, "Flipping cases", 4, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[3].wrap = true;
    table->columns[3].width = 90;
    /* influence left out (--influence none, or another rule decides the verdicts): every row
     * says so, never an empty cell that would read "no case flips" */
    const char *not_computed = NULL;
    if (results->influence_not_computed[0]) {
        char text[128];
        snprintf(text, sizeof text, qa_label(report->language, "not computed (%s)"),
                 results->influence_not_computed);
        not_computed = qa_report_text(report, "%s", text);
    }
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        test_columns(report, &results->tests[i], row);
        row[3] = qa_cell_text(not_computed ? not_computed
                                           : flipping_text(report, &results->robustness[i]));
    }
    if (results->options.influence == QA_INFLUENCE_NONE)
        qa_table_add_note(report, table,
                          qa_report_label(report, "Case and member influence were not computed "
                                                  "(--influence none); run without it to see "
                                                  "which cases and members drive a verdict."));
    qa_table_add_note(report, table,
                      qa_report_label(report, "Flipping cases: leaving out that case alone changes "
                                              "the verdict; member:X = leaving out every case "
                                              "with member X."));
    return QA_OK;
}

qa_status qa_report_robustness_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Robustness"));
    if (!sheet)
        return QA_ERR_MEMORY;
    if (!results->robustness_done) {
        qa_table *table = qa_report_add_table(report, sheet, "Robustness of each verdict", 0, NULL);
        qa_table_add_note(report, table, qa_report_label(report, "Robustness was not computed."));
        return QA_OK;
    }
    qa_status status = specification_table(report, sheet, results);
    if (status == QA_OK)
        status = panel_table(report, sheet, results);
    if (status == QA_OK)
        status = flips_table(report, sheet, results);
    return status;
}
