/* The report's tables: sheet order, the numbers each table shows and the ones it derives
 * (checked against R, tests/reference/report.R), links, translations, the terminal width. */
#include "test_support.h"

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "report_draw.h"
#include "report/labels.h"
#include "qareport/report.h"
#include "../../src/report/report_internal.h"

typedef struct {
    qa_results results;
    fixture_data data;
    qa_report report;
} state;

static int setup_language(void **context, qa_language language)
{
    state *s = calloc(1, sizeof *s);
    fixture_results(&s->results);
    fixture_dataset(&s->data);
    qa_workbook_input input = fixture_input(&s->results, &s->data, language);
    qa_error error;
    qa_report_init(&s->report, language, s->results.options.alpha);
    if (qa_report_build(&input, &s->report, &error) != QA_OK)
        return -1;
    *context = s;
    return 0;
}

static int setup(void **context)
{
    return setup_language(context, QA_LANG_EN);
}
static int setup_zh(void **context)
{
    return setup_language(context, QA_LANG_ZH);
}

static int teardown(void **context)
{
    state *s = *context;
    qa_report_free(&s->report);
    qa_results_free(&s->results);
    free(s);
    return 0;
}

static const qa_sheet *sheet_named(const qa_report *report, const char *name)
{
    for (size_t i = 0; i < report->sheet_count; i++)
        if (strcmp(report->sheets[i].name, name) == 0)
            return &report->sheets[i];
    fail_msg("no sheet %s", name);
    return NULL;
}

static const qa_table *table_titled(const qa_sheet *sheet, const char *title, size_t nth)
{
    for (size_t t = 0; t < sheet->table_count; t++)
        if (sheet->tables[t].title && strcmp(sheet->tables[t].title, title) == 0 && nth-- == 0)
            return &sheet->tables[t];
    fail_msg("no table %s on %s", title, sheet->name);
    return NULL;
}

static size_t column_named(const qa_table *table, const char *header)
{
    for (size_t c = 0; c < table->column_count; c++)
        if (strcmp(table->columns[c].header, header) == 0)
            return c;
    fail_msg("no column %s", header);
    return 0;
}

static double number_at(const qa_table *table, size_t row, const char *header)
{
    const qa_cell *cell = qa_table_cell(table, row, column_named(table, header));
    assert_int_equal(cell->kind, QA_CELL_NUMBER);
    return cell->number;
}

static const qa_cell *cell_at(const qa_table *table, size_t row, const char *header)
{
    return qa_table_cell(table, row, column_named(table, header));
}

/* The Joint / Spearman / Cox columns show the verdict each alternative specification gives
 * (the fixture's Spearman specification says "not supported" everywhere), not a sign; a
 * not-testable row shows its reason and no k/m; every column has a legend row. */
static void test_summary_alternatives_and_legend(void **context)
{
    state *s = *context;
    const qa_sheet *sheet = sheet_named(&s->report, "Summary");
    const qa_table *table = &sheet->tables[0];
    const qa_cell *joint = cell_at(table, 0, "Joint");
    assert_int_equal(joint->kind, QA_CELL_VERDICT);
    assert_int_equal(joint->verdict, QA_VERDICT_SUPPORTED);
    const qa_cell *spearman = cell_at(table, 0, "Spearman");
    assert_int_equal(spearman->kind, QA_CELL_VERDICT);
    assert_int_equal(spearman->verdict, QA_VERDICT_NOT_SUPPORTED);
    assert_true(
        table->columns[column_named(table, "Spearman")].verdict);    /* red when contradicted */
    assert_int_equal(cell_at(table, 0, "Cox")->kind, QA_CELL_EMPTY); /* formation: none */
    assert_int_equal(cell_at(table, 1, "Cox")->kind, QA_CELL_VERDICT);
    /* H5 durability is not testable: reason, no k/m, no fragile flag */
    size_t h5d = 4 * 2 + 1;
    assert_string_equal(cell_at(table, h5d, "Why not testable")->text,
                        "fewer than 10 usable cases (6)");
    assert_int_equal(cell_at(table, h5d, "Stable (k)")->kind, QA_CELL_EMPTY);
    assert_int_equal(cell_at(table, h5d, "of m")->kind, QA_CELL_EMPTY);
    assert_int_equal(cell_at(table, h5d, "Spearman")->kind, QA_CELL_EMPTY);
    /* B with its CI, the OR with its CI */
    assert_non_null(cell_at(table, 0, "95% CI of B")->text);
    assert_non_null(cell_at(table, 0, "95% CI of OR / HR")->text);
    /* the legend names every column that is not self-explaining */
    const qa_table *legend = table_titled(sheet, "Legend", 0);
    static const char *const explained[] = {"Model",
                                            "B",
                                            "95% CI of B",
                                            "OR / HR",
                                            "OR / HR per SD",
                                            "Joint",
                                            "Cox",
                                            "Stable (k) / of m",
                                            "Fragile",
                                            "p adj.",
                                            "Spearman",
                                            "Source column(s)",
                                            "Hypothesis in words",
                                            "Why not testable"};
    for (size_t i = 0; i < sizeof explained / sizeof *explained; i++) {
        bool found = false;
        for (size_t r = 0; r < legend->row_count && !found; r++)
            found = strcmp(qa_table_cell(legend, r, 0)->text, explained[i]) == 0;
        if (!found)
            fail_msg("no legend row for %s", explained[i]);
    }
    const qa_table *hypotheses = table_titled(sheet, "The hypotheses", 0);
    assert_int_equal(hypotheses->row_count, QA_HYPOTHESIS_COUNT);
}

static void test_sheet_order(void **context)
{
    state *s = *context;
    static const char *const expected[] = {
        "Summary",    "Descriptives", "Correlations", "Formation", "Durability", "Survival",
        "Robustness", "Charts",       "Diagnostics",  "Data",      "Codebook",   "About"};
    assert_int_equal(s->report.sheet_count, 12);
    for (int i = 0; i < 12; i++)
        assert_string_equal(s->report.sheets[i].name, expected[i]);
}

static void test_summary_row(void **context)
{
    state *s = *context;
    const qa_table *table = &sheet_named(&s->report, "Summary")->tables[0];
    assert_int_equal(table->row_count, 10);
    assert_close(number_at(table, 0, "B"), FIXTURE_B);
    assert_close(number_at(table, 0, "OR / HR"), 4.77268631380177); /* R: exp(coef(fit)[2]) */
    assert_close(number_at(table, 0, "p"), FIXTURE_P);
    assert_close(number_at(table, 0, "p adj."), FIXTURE_P_ADJUSTED);
    /* per SD: exp(B sd) and exp(CI sd); empty where the term has no SD */
    assert_close(number_at(table, 0, "OR / HR per SD"), exp(FIXTURE_B * FIXTURE_SD));
    assert_string_equal(cell_at(table, 0, "95% CI per SD")->text, "[1.830, 27.187]");
    assert_int_equal(cell_at(table, 9, "OR / HR per SD")->kind, QA_CELL_EMPTY);
    const qa_cell *verdict = qa_table_cell(table, 0, column_named(table, "Verdict"));
    assert_int_equal(verdict->kind, QA_CELL_VERDICT);
    assert_string_equal(verdict->text, "supported");
    const qa_cell *measure = qa_table_cell(table, 0, 1);
    assert_string_equal(measure->link, "model:formation_security");
    assert_close(number_at(table, 0, "Stable (k)"), 6); /* fixture: all but one of m agree */
    assert_close(number_at(table, 0, "of m"), 7);
    /* H5 durability is not testable: no numbers, a reason */
    const qa_cell *b = qa_table_cell(table, 9, column_named(table, "B"));
    assert_int_equal(b->kind, QA_CELL_EMPTY);
    const qa_cell *why = qa_table_cell(table, 9, column_named(table, "Why not testable"));
    assert_string_equal(why->text, "fewer than 10 usable cases (6)");
    assert_true(table->columns[column_named(table, "p adj.")].significance);
    assert_true(table->columns[column_named(table, "Verdict")].verdict);
}

/* Derived numbers of the SPSS-style block, against tests/reference/report.R. */
static void test_formation_block(void **context)
{
    state *s = *context;
    const qa_sheet *sheet = sheet_named(&s->report, "Formation");
    const qa_table *summary = table_titled(sheet, "Model Summary", 0);
    assert_string_equal(summary->anchor, "model:formation_security");
    assert_close(number_at(summary, 0, "-2 Log likelihood"),
                 26.1761308289772); /* R: -2 * logLik(fit) */
    assert_close(number_at(summary, 0, "Nagelkerke R²"), 0.532910896298151);
    const qa_table *omnibus = table_titled(sheet, "Omnibus Tests of Model Coefficients", 0);
    assert_close(number_at(omnibus, 0, "Chi-square"),
                 15.2792677298519); /* R: null.deviance - deviance */
    const qa_table *classification = table_titled(sheet, "Classification Table", 0);
    assert_close(number_at(classification, 0, "Percentage Correct"),
                 57.1428571428571);                                         /* R: percent_0 */
    assert_close(number_at(classification, 1, "Percentage Correct"), 87.5); /* R: percent_1 */
    assert_close(number_at(classification, 2, "Percentage Correct"),
                 73.3333333333333); /* R: percent_all */
    const qa_table *variables = table_titled(sheet, "Variables in the Equation", 0);
    assert_int_equal(variables->row_count, 2);
    assert_close(number_at(variables, 1, "B"), FIXTURE_B);
    assert_close(number_at(variables, 1, "S.E."), FIXTURE_SE);
    assert_close(number_at(variables, 1, "Wald"), 8.05539136336352); /* R: z^2 */
    assert_close(number_at(variables, 1, "Sig."), FIXTURE_P);
    assert_close(number_at(variables, 1, "Exp(B)"), 4.77268631380177); /* R: exp(coef) */
    assert_close(number_at(variables, 1, "95% CI Lower"),
                 1.62193249031608); /* R: exp(confint.default) */
    assert_close(number_at(variables, 1, "95% CI Upper"), 14.0440707526068);
    /* the joint model shows VIF */
    const qa_table *joint = table_titled(sheet, "Variables in the Equation", 2);
    assert_close(number_at(joint, 1, "VIF"), 1.31);
}

static void test_firth_and_unavailable(void **context)
{
    state *s = *context;
    const qa_sheet *sheet = sheet_named(&s->report, "Durability");
    const qa_table *variables = table_titled(sheet, "Variables in the Equation", 0);
    bool firth_note = false;
    for (size_t n = 0; n < variables->note_count; n++)
        firth_note = firth_note || strstr(variables->notes[n], "separation was found") != NULL;
    assert_true(firth_note);
    const qa_table *missing = table_titled(sheet, "not fitted", 0);
    assert_string_equal(qa_table_cell(missing, 0, 0)->text, "fewer than 10 usable cases (6)");
}

static void test_robustness_not_computed(void **context)
{
    state *s = *context;
    s->results.robustness_done = false;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_robustness_sheet(&report, &s->results), QA_OK);
    assert_string_equal(report.sheets[0].tables[0].notes[0], "Robustness was not computed.");
    (void)error;
    qa_report_free(&report);
    s->results.robustness_done = true;
}

static void test_robustness_sheet(void **context)
{
    state *s = *context;
    const qa_sheet *sheet = sheet_named(&s->report, "Robustness");
    const qa_table *table = table_titled(sheet, "Robustness of each verdict", 0);
    const qa_table *flips = table_titled(sheet, "Flipping cases", 0);
    assert_string_equal(qa_table_cell(flips, 0, column_named(flips, "Flipping cases"))->text,
                        "QA003, member:USA");
    /* printable: no table of the sheet is wider than 16 columns */
    for (size_t t = 0; t < sheet->table_count; t++)
        assert_true(sheet->tables[t].column_count <= 16);
    assert_int_equal(table_titled(sheet, "Small-sample panel", 0)->row_count, QA_TEST_COUNT);
    assert_int_equal(qa_table_cell(table, 0, column_named(table, "Spearman"))->verdict,
                     QA_VERDICT_NOT_SUPPORTED);
    assert_int_equal(qa_table_cell(table, 0, column_named(table, "Firth/ML"))->kind,
                     QA_CELL_VERDICT);
}

static void test_data_sheet_rows(void **context)
{
    state *s = *context;
    const qa_table *table = &sheet_named(&s->report, "Data")->tables[0];
    assert_int_equal(table->row_count, 4);
    assert_int_equal(table->column_count, 4 + 4);
    assert_non_null(table->row_function);
    qa_cell cells[8];
    table->row_function(table->row_context, 3, cells);
    assert_close(cells[0].number, 5); /* line */
    assert_string_equal(cells[1].text, "QA004");
    assert_close(cells[3].number, 3.5);             /* security */
    assert_int_equal(cells[4].kind, QA_CELL_EMPTY); /* era missing */
    assert_close(cells[5].number, 9);               /* duration */
    table->row_function(table->row_context, 2, cells);
    assert_int_equal(cells[3].kind, QA_CELL_EMPTY); /* security NaN: blank, not NaN */
}

static void test_data_sheet_limits(void **context)
{
    state *s = *context;
    size_t rows = s->data.dataset.rows;
    qa_workbook_input input = fixture_input(&s->results, &s->data, QA_LANG_EN);
    qa_report report;
    /* auto: above 100,000 cases the sheet holds only a note */
    s->data.dataset.rows = 100001;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_data_sheets(&report, &input), QA_OK);
    assert_int_equal(report.sheets[0].tables[0].column_count, 0);
    assert_non_null(strstr(report.sheets[0].tables[0].notes[0], "--data-sheet always"));
    qa_report_free(&report);
    /* never: a note, whatever the size */
    input.data_sheet = QA_DATA_SHEET_NEVER;
    s->data.dataset.rows = 4;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_data_sheets(&report, &input), QA_OK);
    assert_int_equal(report.sheets[0].tables[0].column_count, 0);
    assert_string_equal(report.sheets[0].tables[0].notes[0],
                        "The Data sheet was left out (--data-sheet never).");
    qa_report_free(&report);
    /* always: split past Excel's row limit */
    input.data_sheet = QA_DATA_SHEET_ALWAYS;
    s->data.dataset.rows = 2 * (size_t)QA_REPORT_DATA_ROWS_PER_SHEET + 5;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_data_sheets(&report, &input), QA_OK);
    assert_int_equal(report.sheet_count, 3);
    assert_string_equal(report.sheets[2].name, "Data 3");
    assert_int_equal(report.sheets[2].tables[0].row_offset,
                     2 * (size_t)QA_REPORT_DATA_ROWS_PER_SHEET);
    assert_int_equal(report.sheets[2].tables[0].row_count, 5);
    assert_int_equal(report.sheets[2].tables[0].note_count, 0); /* a note would pass row 1048576 */
    assert_non_null(strstr(report.sheets[1].tables[0].title, ": 1048575-2097148 / 2097153"));
    qa_report_free(&report);
    s->data.dataset.rows = rows;
}

/* In Chinese every header is translated: it holds a non-ASCII character or is a symbol. */
static void test_chinese_headers(void **context)
{
    state *s = *context;
    static const char *const symbols[] = {
        "",           "n",         "B",        "p",          "S.E.",    "Wald",      "df",
        "z",          "Exp(B)",    "AUC",      "EPV",        "VIF",     "Pearson r", "Pearson p",
        "Spearman p", "Kendall p", "Cox EPV",  "Log-rank p", "SHA-256", "AIC",       "Pearson",
        "Spearman",   "Kendall",   "Firth/ML", "Cox"};
    assert_string_equal(s->report.sheets[0].name, "摘要");
    for (size_t i = 0; i < s->report.sheet_count; i++) {
        const qa_sheet *sheet = &s->report.sheets[i];
        if (sheet->tables[0].row_function || i == 2)
            continue; /* data column names; variable names */
        for (size_t t = 0; t < sheet->table_count; t++)
            for (size_t c = 0; c < sheet->tables[t].column_count; c++) {
                const char *header = sheet->tables[t].columns[c].header;
                bool wide = false, symbol = false;
                for (const char *p = header; *p; p++)
                    wide = wide || (unsigned char)*p >= 0x80;
                for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
                    symbol = symbol || strcmp(header, symbols[k]) == 0;
                if (!wide && !symbol)
                    fail_msg("untranslated header '%s' on sheet %s", header, sheet->name);
            }
    }
    const qa_table *summary = &s->report.sheets[0].tables[0];
    assert_string_equal(qa_table_cell(summary, 0, 1)->text, "安全共同体");
    assert_string_equal(qa_table_cell(summary, 1, 2)->text, "持久性");
    assert_string_equal(qa_table_cell(summary, 0, 17)->text, "支持");
    /* the paper's own wording of H1's formation half */
    assert_string_equal(qa_table_cell(summary, 0, 3)->text,
                        "国家面临的共同威胁越大，就越有可能建立准联盟");
}

static size_t max_line_width(const char *text)
{
    size_t longest = 0, width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '\n') {
            longest = width > longest ? width : longest;
            width = 0;
        } else if ((*p & 0xC0) != 0x80) {
            width += (*p >= 0xE3 && *p <= 0xEF) ? 2 : 1;
        }
    }
    return width > longest ? width : longest;
}

/* The worst case: Firth, fragile, robustness, a million cases, a huge odds ratio. */
static void test_terminal_fits_80_columns(void **context)
{
    state *s = *context;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        s->results.tests[i].n = 1000000;
        s->results.tests[i].fragile = true;
        s->results.tests[i].logit_model = 2; /* the Firth model */
    }
    s->results.tests[3].b = 25;
    s->results.tests[4].verdict = QA_VERDICT_NOT_SUPPORTED;
    s->results.robustness[4].stable_k = 10;
    for (int language = 0; language < 2; language++) {
        char buffer[8192] = "";
        FILE *out = fmemopen(buffer, sizeof buffer - 1, "w");
        qa_test_print_summary(&s->results, (qa_language)language, out);
        fclose(out);
        if (max_line_width(buffer) > 80)
            fail_msg("line wider than 80 columns:\n%s", buffer);
        assert_non_null(strstr(buffer, "F!"));
        assert_non_null(strstr(buffer, language ? "安全共同体" : "security"));
    }
}

static void test_terminal_matches_workbook_numbers(void **context)
{
    state *s = *context;
    char buffer[8192] = "";
    FILE *out = fmemopen(buffer, sizeof buffer - 1, "w");
    qa_test_print_summary(&s->results, QA_LANG_EN, out);
    fclose(out);
    /* H1 formation: OR 4.77, p .005, p adj .041, supported, 6/7 */
    assert_non_null(strstr(buffer, "4.77"));
    assert_non_null(strstr(buffer, "0.005"));
    assert_non_null(strstr(buffer, "0.041"));
    assert_non_null(strstr(buffer, "supported"));
    assert_non_null(strstr(buffer, "6/7"));
}

/* --by era: the groups side by side with the difference z test. */
static void test_groups_side_by_side(void **context)
{
    state *s = *context;
    qa_group_results groups;
    memset(&groups, 0, sizeof groups);
    snprintf(groups.column, sizeof groups.column, "era");
    groups.group_count = 2;
    groups.group_names = malloc(2 * sizeof *groups.group_names);
    groups.group_names[0] = strdup("cold_war");
    groups.group_names[1] = strdup("post_cold_war");
    groups.groups = calloc(2, sizeof *groups.groups);
    fixture_results(&groups.groups[0]);
    fixture_results(&groups.groups[1]);
    groups.groups[1].tests[0].b = -0.25;
    groups.difference_z = calloc(2, sizeof *groups.difference_z);
    groups.difference_p = calloc(2, sizeof *groups.difference_p);
    for (int i = 0; i < QA_TEST_COUNT; i++)
        groups.difference_z[1][i] = groups.difference_p[1][i] = NAN;
    groups.difference_z[1][0] = 2.2;
    groups.difference_p[1][0] = 0.0278;
    qa_workbook_input input = fixture_input(&s->results, &s->data, QA_LANG_EN);
    input.groups = &groups;
    qa_report report;
    qa_error error;
    qa_report_init(&report, QA_LANG_EN, 0.05);
    assert_int_equal(qa_report_build(&input, &report, &error), QA_OK);
    assert_int_equal(report.sheets[0].table_count, 4); /* tests, groups, legend, hypotheses */
    const qa_table *table = &report.sheets[0].tables[1];
    assert_int_equal(table->column_count, 3 + 4 + 6);
    assert_close(number_at(table, 0, "cold_war: B"), FIXTURE_B);
    assert_close(number_at(table, 0, "post_cold_war: B"), -0.25);
    assert_close(number_at(table, 0, "post_cold_war: Difference z"), 2.2);
    assert_close(number_at(table, 0, "post_cold_war: Difference p"), 0.0278);
    assert_int_equal(
        qa_table_cell(table, 1, column_named(table, "post_cold_war: Difference z"))->kind,
        QA_CELL_EMPTY);
    assert_true(table->columns[column_named(table, "post_cold_war: Difference p")].significance);
    qa_report_free(&report);
    qa_group_results_free(&groups);
}

static void test_every_label_has_chinese(void **context)
{
    (void)context;
    assert_true(qa_label_known("Variables in the Equation"));
    /* the per-SD columns and labels of the model sheets and charts (METHODS §4.14) */
    static const char *const per_sd[] = {"Exp(B) per SD",
                                         "Hazard ratio per SD",
                                         "95% CI Lower per SD",
                                         "95% CI Upper per SD",
                                         "(per SD)",
                                         "Odds ratio (log scale; per SD for interval measures)"};
    for (size_t i = 0; i < sizeof per_sd / sizeof per_sd[0]; i++)
        assert_true(qa_label_known(per_sd[i]));
    assert_string_equal(qa_label(QA_LANG_ZH, "durable"), "持久性");
    assert_string_equal(qa_label(QA_LANG_ZH, "temporary"), "临时性");
    assert_string_equal(qa_label_measure(QA_LANG_ZH, 4), "价值共同体");
    assert_string_equal(qa_label_outcome(QA_LANG_ZH, QA_OUTCOME_FORMATION), "形成");
    assert_string_equal(qa_label(QA_LANG_EN, "durable"), "durable");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sheet_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_alternatives_and_legend, setup, teardown),
        cmocka_unit_test_setup_teardown(test_formation_block, setup, teardown),
        cmocka_unit_test_setup_teardown(test_firth_and_unavailable, setup, teardown),
        cmocka_unit_test_setup_teardown(test_robustness_not_computed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_robustness_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_sheet_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_sheet_limits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chinese_headers, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_terminal_fits_80_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_terminal_matches_workbook_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_groups_side_by_side, setup, teardown),
        cmocka_unit_test(test_every_label_has_chinese),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
