/* The workbook read back (unzip -p + the sheet XML): sheet names and order, numbers stored
 * as numbers equal to the fixture's values (R's glm, tests/reference/report.R), no number
 * stored as text, links, charts, Chinese labels, the Data sheet left out above the limit,
 * and byte-identical output for the same input. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../report/fixture.h"
#include "qareport/render.h"
#include "report_draw.h"
#include "xlsx_read.h"

typedef struct {
    qa_results results;
    fixture_data data;
    char *directory;
    char path[512];
} state;

static int setup(void **context)
{
    state *s = calloc(1, sizeof *s);
    fixture_results(&s->results);
    fixture_dataset(&s->data);
    s->directory = qa_test_temp_dir();
    snprintf(s->path, sizeof s->path, "%s/report.xlsx", s->directory);
    *context = s;
    return 0;
}

static int teardown(void **context)
{
    state *s = *context;
    qa_results_free(&s->results);
    qa_test_remove_tree(s->directory);
    free(s->directory);
    free(s);
    return 0;
}

static void render(state *s, qa_language language, const char *path)
{
    qa_workbook_input input = fixture_input(&s->results, &s->data, language);
    qa_error error;
    qa_status status = qa_test_write_workbook(&input, path, &error);
    if (status != QA_OK)
        fail_msg("render: %s", error.message);
}

/* The cell `columns` to the right of the first cell whose text is `text`. */
static qa_xlsx_cell beside(const char *xml, const char *text, unsigned columns)
{
    char ref[16];
    unsigned row, column;
    if (!qa_xlsx_find_text(xml, text, ref, sizeof ref))
        fail_msg("no cell '%s'", text);
    qa_xlsx_parse_ref(ref, &row, &column);
    qa_xlsx_ref(ref, sizeof ref, row, column + columns);
    return qa_xlsx_cell_at(xml, NULL, ref);
}

static void test_sheet_names_and_order(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    static const char *const expected[] = {
        "Summary",    "Descriptives", "Correlations", "Formation", "Durability", "Survival",
        "Robustness", "Charts",       "Diagnostics",  "Data",      "Codebook",   "About"};
    char names[16][64];
    assert_int_equal(qa_xlsx_sheet_names(s->path, names, 16), 12);
    for (int i = 0; i < 12; i++)
        assert_string_equal(names[i], expected[i]);
}

static void test_summary_numbers(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    char *xml = qa_xlsx_sheet_xml(s->path, 0);
    assert_non_null(xml);
    /* row of H1 formation: A H1, B security, C formation, D wording, E source, F model, G n,
     * H B, I CI of B, J OR, K CI of OR, L OR per SD, M its CI, N detectable OR, O p,
     * P member p, Q p adj., R verdict */
    qa_xlsx_cell n = beside(xml, "security", 5);
    assert_true(n.is_number);
    assert_close(n.number, 30);
    qa_xlsx_cell b = beside(xml, "security", 6);
    assert_true(b.is_number);
    assert_close(b.number, FIXTURE_B); /* R: coef(glm(formed ~ security))[2] */
    qa_xlsx_cell odds = beside(xml, "security", 8);
    assert_close(odds.number, 4.77268631380177); /* R: exp(coef(fit)[2]) */
    assert_close(beside(xml, "security", 10).number, exp(FIXTURE_B * FIXTURE_SD)); /* per SD */
    qa_xlsx_cell p = beside(xml, "security", 13);
    assert_true(p.is_number);
    assert_close(p.number, FIXTURE_P);
    qa_xlsx_cell verdict = beside(xml, "security", 16);
    assert_string_equal(verdict.text, "supported");
    /* frozen header, autofilter, conditional formats, the link to the model block */
    assert_non_null(strstr(xml, "state=\"frozen\""));
    assert_non_null(strstr(xml, "<autoFilter ref=\"A2:Y12\""));
    assert_non_null(strstr(xml, "<conditionalFormatting sqref=\"R3:R12\""));
    assert_non_null(strstr(xml, "AND(ISNUMBER(O3),O3&lt;0.05)"));
    assert_non_null(strstr(xml, "location=\"'Formation'!A1\""));
    free(xml);
    /* the p format shows "<.001" below 0.001 */
    char *styles = qa_xlsx_member(s->path, "xl/styles.xml");
    assert_non_null(strstr(styles, "[&lt;0.001]&quot;&lt;.001&quot;;0.000"));
    free(styles);
}

static void test_model_block_numbers(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    char *xml = qa_xlsx_sheet_xml(s->path, 3);
    assert_non_null(xml);
    /* Variables in the Equation, row "security": B, S.E., Wald, df, Sig., Exp(B), CI */
    assert_close(beside(xml, "security", 1).number, FIXTURE_B);
    assert_close(beside(xml, "security", 2).number, FIXTURE_SE);
    assert_close(beside(xml, "security", 3).number, 8.05539136336352); /* R: z^2 */
    assert_close(beside(xml, "security", 5).number, FIXTURE_P);
    assert_close(beside(xml, "security", 7).number, 1.62193249031608); /* R: exp(confint.default) */
    assert_close(beside(xml, "security", 8).number, 14.0440707526068);
    assert_close(beside(xml, "-2 Log likelihood", 0).number, 0); /* header cell is text */
    free(xml);
}

typedef struct {
    const char *sheet;
    char offender[2400];
} text_check;

static bool number_as_text(const char *ref, const qa_xlsx_cell *cell, void *context)
{
    text_check *check = context;
    if (cell->is_number || cell->text[0] == '\0')
        return true;
    char *end;
    strtod(cell->text, &end);
    if (*end == '\0') {
        snprintf(check->offender, sizeof check->offender, "%.60s!%.15s holds '%.2000s'",
                 check->sheet, ref, cell->text);
        return false;
    }
    return true;
}

static void test_no_number_stored_as_text(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    char names[16][64];
    size_t count = qa_xlsx_sheet_names(s->path, names, 16);
    for (size_t i = 0; i < count; i++) {
        char *xml = qa_xlsx_sheet_xml(s->path, i);
        assert_non_null(xml);
        text_check check = {names[i], ""};
        qa_xlsx_each_cell(xml, number_as_text, &check);
        if (check.offender[0])
            fail_msg("number stored as text: %s", check.offender);
        free(xml);
    }
}

static void test_byte_identical(void **context)
{
    state *s = *context;
    char second[600];
    snprintf(second, sizeof second, "%s/again.xlsx", s->directory);
    unsetenv("SOURCE_DATE_EPOCH");
    render(s, QA_LANG_EN, s->path);
    render(s, QA_LANG_EN, second);
    size_t size_a, size_b;
    char *a = qa_test_read_file(s->path, &size_a);
    char *b = qa_test_read_file(second, &size_b);
    assert_int_equal(size_a, size_b);
    assert_memory_equal(a, b, size_a);
    free(a);
    free(b);
    char *core = qa_xlsx_member(s->path, "docProps/core.xml");
    assert_non_null(strstr(core, "2000-01-01T00:00:00Z"));
    free(core);
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    render(s, QA_LANG_EN, second);
    unsetenv("SOURCE_DATE_EPOCH");
    core = qa_xlsx_member(second, "docProps/core.xml");
    assert_non_null(strstr(core, "2023-11-14T22:13:20Z"));
    free(core);
}

static void test_chinese(void **context)
{
    state *s = *context;
    render(s, QA_LANG_ZH, s->path);
    char names[16][64];
    assert_int_equal(qa_xlsx_sheet_names(s->path, names, 16), 12);
    assert_string_equal(names[0], "摘要");
    assert_string_equal(names[3], "形成");
    assert_string_equal(names[4], "持久性");
    char *xml = qa_xlsx_sheet_xml(s->path, 0);
    assert_close(beside(xml, "安全共同体", 6).number, FIXTURE_B);
    assert_string_equal(beside(xml, "安全共同体", 16).text, "支持");
    assert_non_null(strstr(xml, "location=\"'形成'!A1\""));
    free(xml);
    xml = qa_xlsx_sheet_xml(s->path, 3);
    assert_true(qa_xlsx_find_text(xml, "方程中的变量", (char[16]){0}, 16));
    free(xml);
}

static void test_data_sheet(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    char *xml = qa_xlsx_sheet_xml(s->path, 9);
    assert_string_equal(beside(xml, "QA004", 0).text, "QA004");
    assert_close(beside(xml, "QA004", -1).number, 5);  /* source line */
    assert_close(beside(xml, "QA004", 2).number, 3.5); /* security */
    assert_close(beside(xml, "QA004", 4).number, 9);   /* duration */
    free(xml);
    /* above 100,000 cases (auto) the sheet only says how to include it */
    s->data.dataset.rows = 100001;
    render(s, QA_LANG_EN, s->path);
    s->data.dataset.rows = 4;
    xml = qa_xlsx_sheet_xml(s->path, 9);
    /* (the note is split into lines as wide as the page) */
    assert_non_null(strstr(xml, "The Data sheet was left out: more than 100,000 cases."));
    assert_non_null(strstr(xml, "--data-sheet always"));
    assert_null(strstr(xml, "QA004"));
    free(xml);
}

/* --where: the Data sheet lists only the rows the analysis kept, in order, with their
 * source lines and derived values, and says how many of the file's rows that is. */
static void test_data_sheet_kept_rows(void **context)
{
    state *s = *context;
    qa_workbook_input input = fixture_input(&s->results, &s->data, QA_LANG_EN);
    static const unsigned char kept[4] = {0, 1, 0, 1};
    input.rows = kept;
    qa_error error;
    assert_int_equal(qa_test_write_workbook(&input, s->path, &error), QA_OK);
    char *xml = qa_xlsx_sheet_xml(s->path, 9);
    assert_null(strstr(xml, "QA001"));
    assert_null(strstr(xml, "QA003"));
    char first[16], second[16];
    assert_true(qa_xlsx_find_text(xml, "QA002", first, sizeof first));
    assert_true(qa_xlsx_find_text(xml, "QA004", second, sizeof second));
    unsigned row_first, row_second, column;
    qa_xlsx_parse_ref(first, &row_first, &column);
    qa_xlsx_parse_ref(second, &row_second, &column);
    assert_int_equal(row_second, row_first + 1);      /* adjacent: no gap where QA003 was */
    assert_close(beside(xml, "QA002", -1).number, 3); /* source line of the second row */
    assert_close(beside(xml, "QA004", -1).number, 5);
    assert_close(beside(xml, "QA004", 4).number, 9); /* duration of row 4, not of row 2 */
    assert_true(qa_xlsx_find_text(xml, "Rows kept by --where: 2 / 4", (char[16]){0}, 16));
    free(xml);
}

static void test_charts(void **context)
{
    state *s = *context;
    render(s, QA_LANG_EN, s->path);
    char *forest = qa_xlsx_member(s->path, "xl/charts/chart1.xml");
    assert_non_null(forest);
    assert_non_null(strstr(forest, "<c:scatterChart>"));
    assert_non_null(strstr(forest, "<c:logBase val=\"10\"/>"));
    /* three charts in two bands of 18 rows above the tables: the forest table's data start
     * at row 40 (title, header), the whisker table's at 54 */
    /* first whisker: H1 formation's lower and upper limits */
    assert_non_null(strstr(forest, "Charts!$C$54:$C$55"));
    /* odds ratios at their heights; whiskers named by their test */
    assert_non_null(strstr(forest, "Charts!$B$40:$B$49"));
    assert_non_null(strstr(forest, "<c:v>H1 formation</c:v>"));
    free(forest);
    char *sheet = qa_xlsx_sheet_xml(s->path, 7);
    assert_close(qa_xlsx_cell_at(sheet, NULL, "C54").number,
                 1.62193249031608); /* R: exp(confint.default) */
    assert_close(qa_xlsx_cell_at(sheet, NULL, "C55").number, 14.0440707526068);
    char ref[16];
    assert_true(qa_xlsx_find_text(sheet, "Forest plot whiskers", ref, sizeof ref));
    assert_string_equal(ref, "A52");
    free(sheet);
    char *km = qa_xlsx_member(s->path, "xl/charts/chart3.xml");
    assert_non_null(km);
    assert_non_null(strstr(km, "<c:scatterChart>"));
    free(km);
}

static void test_unwritable_path(void **context)
{
    state *s = *context;
    qa_workbook_input input = fixture_input(&s->results, &s->data, QA_LANG_EN);
    qa_error error;
    assert_int_equal(qa_test_write_workbook(&input, "/nonexistent-directory/report.xlsx", &error),
                     QA_ERR_IO);
    assert_true(error.message[0] != '\0');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sheet_names_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_model_block_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_number_stored_as_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_byte_identical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chinese, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_sheet_kept_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_charts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_path, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
