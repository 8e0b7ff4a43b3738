/* The regression-table model (qa_paper_tables_build) on the report fixture: which models get a
 * column, which rows each table has and in which order, the text of every kind of cell (B,
 * SE, CI, stars, verdict, adjusted p, fit statistics), notes of Firth fits and models not
 * fitted, and the Chinese labels. */
#include "test_support.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "qareport/report_tables.h"

static const qa_paper_row *find_row(const qa_paper_table *table, const char *label)
{
    for (size_t r = 0; r < table->row_count; r++)
        if (strcmp(table->rows[r].label, label) == 0)
            return &table->rows[r];
    return NULL;
}

static bool has_note(const qa_paper_table *table, const char *part)
{
    for (size_t n = 0; n < table->note_count; n++)
        if (strstr(table->notes[n], part))
            return true;
    return false;
}

static void build(qa_results *results, qa_language language, qa_paper_uncertainty uncertainty,
                  bool stars, qa_paper_tables *tables)
{
    qa_paper_options options = {uncertainty, stars};
    qa_error error;
    qa_paper_tables_init(tables, language);
    assert_int_equal(qa_paper_tables_build(results, NULL, &options, tables, &error), QA_OK);
}

static void test_formation_table(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_paper_tables tables;
    build(&results, QA_LANG_EN, QA_PAPER_SE, false, &tables);
    assert_int_equal(tables.table_count, 3);
    const qa_paper_table *f = &tables.tables[0];
    assert_string_equal(f->title, "Formation: logistic regression");
    /* formation_security, formation_political, formation_joint */
    assert_int_equal(f->column_count, 3);
    assert_string_equal(f->column_numbers[2], "(3)");
    assert_string_equal(f->column_labels[0], "security");
    assert_string_equal(f->column_labels[2], "joint");
    /* measures first, then the control, the constant last; each with a row beneath */
    assert_string_equal(f->rows[0].label, "security (H1)");
    assert_int_equal(f->rows[1].kind, QA_PAPER_ROW_UNCERTAINTY);
    assert_string_equal(f->rows[2].label, "political (H2)");
    assert_string_equal(f->rows[4].label, "era=post_cold_war");
    assert_string_equal(f->rows[6].label, "Constant");
    assert_int_equal(f->rows[8].kind, QA_PAPER_ROW_STATISTIC);
    /* R's glm: B 1.56290931489228, SE 0.550668782609619 */
    assert_string_equal(f->rows[0].cells[0].text, "1.563");
    assert_true(f->rows[0].cells[0].number);
    assert_string_equal(f->rows[0].cells[0].stars, ""); /* off by default */
    assert_string_equal(f->rows[1].cells[0].text, "(0.551)");
    assert_string_equal(f->rows[0].cells[1].text, ""); /* security is not in (2) */
    assert_string_equal(f->rows[0].cells[2].text, "1.400");
    assert_string_equal(f->rows[6].cells[0].text, "-3.075");
    const qa_paper_row *verdict = find_row(f, "Verdict");
    assert_non_null(verdict);
    assert_string_equal(verdict->cells[0].text, "supported");
    assert_string_equal(verdict->cells[2].text, ""); /* the joint model decides nothing */
    const qa_paper_row *adjusted = find_row(f, "Verdict p (Holm-adjusted)");
    assert_non_null(adjusted);
    assert_string_equal(adjusted->cells[0].text, "0.041"); /* FIXTURE_P_ADJUSTED */
    assert_string_equal(find_row(f, "N")->cells[0].text, "30");
    assert_string_equal(find_row(f, "Events")->cells[0].text, "16");
    assert_string_equal(find_row(f, "Pseudo R² (McFadden)")->cells[0].text, "0.369");
    assert_string_equal(find_row(f, "AIC")->cells[2].text, ""); /* NaN: empty, never "nan" */
    assert_string_equal(find_row(f, "Estimator")->cells[0].text, "ML");
    assert_true(has_note(f, "standard errors in parentheses"));
    assert_false(has_note(f, "* p < 0.05"));
    qa_paper_tables_free(&tables);
    qa_results_free(&results);
}

static void test_ci_and_stars(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_paper_tables tables;
    build(&results, QA_LANG_EN, QA_PAPER_CI, true, &tables);
    const qa_paper_table *f = &tables.tables[0];
    /* R: confint.default 0.483618333566907, 2.64220029621765; p 0.0045 -> ** */
    assert_string_equal(f->rows[1].cells[0].text, "[0.484, 2.642]");
    assert_string_equal(f->rows[0].cells[0].stars, "**");
    assert_string_equal(f->rows[2].cells[1].stars, "");  /* p 0.45 */
    assert_string_equal(f->rows[0].cells[2].stars, "*"); /* p 0.02 */
    assert_true(has_note(f, "95% confidence intervals in brackets"));
    assert_true(has_note(f, "* p < 0.05, ** p < 0.01, *** p < 0.001"));
    qa_paper_tables_free(&tables);
    /* --se member: member-robust SEs, intervals b ± 1.959964 SE, stars on the member p */
    results.options.member_se = true;
    results.models[0].terms[1].member.se = 0.6;
    results.models[0].terms[1].member.p = 0.0004;
    build(&results, QA_LANG_EN, QA_PAPER_CI, true, &tables);
    f = &tables.tables[0];
    assert_string_equal(f->rows[1].cells[0].text, "[0.387, 2.739]");
    assert_string_equal(f->rows[0].cells[0].stars, "***");
    assert_true(has_note(f, "Member-robust standard errors"));
    qa_paper_tables_free(&tables);
    build(&results, QA_LANG_EN, QA_PAPER_SE, false, &tables);
    assert_string_equal(tables.tables[0].rows[1].cells[0].text, "(0.600)");
    qa_paper_tables_free(&tables);
    qa_results_free(&results);
}

static void test_durability_tables(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    results.models[2].terms[1].b = -0.0004; /* a rounded zero prints without its sign */
    qa_paper_tables tables;
    build(&results, QA_LANG_EN, QA_PAPER_SE, false, &tables);
    const qa_paper_table *d = &tables.tables[1];
    /* durability_economic (Firth) and durability_value (not fitted) */
    assert_int_equal(d->column_count, 2);
    assert_string_equal(d->rows[0].label, "economic (H3)");
    assert_string_equal(d->rows[0].cells[0].text, "0.000");
    assert_string_equal(find_row(d, "Estimator")->cells[0].text, "Firth");
    assert_string_equal(find_row(d, "Estimator")->cells[1].text, "");
    assert_string_equal(find_row(d, "Verdict")->cells[0].text, "contradicted");
    assert_string_equal(find_row(d, "N")->cells[1].text, "");
    assert_true(has_note(d, "Firth = penalized likelihood"));
    assert_true(has_note(d, "(2) not fitted: fewer than 10 usable cases (6)."));
    assert_true(has_note(d, "more than 5 years"));
    const qa_paper_table *c = &tables.tables[2];
    assert_int_equal(c->column_count, 1);
    assert_null(find_row(c, "Constant")); /* a Cox model has none */
    assert_null(find_row(c, "Verdict"));  /* the logit decides durability by default */
    assert_null(find_row(c, "Estimator"));
    assert_non_null(find_row(c, "Pseudo R² (Nagelkerke)"));
    assert_true(has_note(c, "robustness specification"));
    qa_paper_tables_free(&tables);
    /* a table with no fitted model is left out */
    for (size_t i = 0; i < results.model_count; i++)
        if (results.models[i].kind == QA_MODEL_COX)
            results.models[i].available = false;
    build(&results, QA_LANG_EN, QA_PAPER_SE, false, &tables);
    assert_int_equal(tables.table_count, 2);
    qa_paper_tables_free(&tables);
    qa_results_free(&results);
}

static void test_chinese_and_groups(void **state)
{
    (void)state;
    qa_results results;
    fixture_results(&results);
    qa_paper_tables tables;
    qa_paper_options options = {QA_PAPER_SE, false};
    qa_error error;
    qa_paper_tables_init(&tables, QA_LANG_ZH);
    assert_int_equal(qa_paper_tables_build(&results, "post", &options, &tables, &error), QA_OK);
    assert_int_equal(qa_paper_tables_build(&results, "pre", &options, &tables, &error), QA_OK);
    assert_int_equal(tables.table_count, 6);
    assert_string_equal(tables.table_word, "表");
    const qa_paper_table *f = &tables.tables[0];
    assert_non_null(strstr(f->title, "形成"));
    assert_non_null(strstr(tables.tables[3].title, "(pre)"));
    assert_non_null(find_row(f, "常数项"));
    assert_non_null(find_row(f, "结论"));
    assert_string_equal(f->column_labels[0], "安全共同体");
    /* every note and label translated: no English sentence left */
    for (size_t t = 0; t < tables.table_count; t++) {
        for (size_t n = 0; n < tables.tables[t].note_count; n++)
            assert_null(strstr(tables.tables[t].notes[n], "Sample"));
        for (size_t r = 0; r < tables.tables[t].row_count; r++)
            assert_null(strstr(tables.tables[t].rows[r].label, "Verdict"));
    }
    qa_paper_tables_free(&tables);
    qa_results_free(&results);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formation_table),
        cmocka_unit_test(test_ci_and_stars),
        cmocka_unit_test(test_durability_tables),
        cmocka_unit_test(test_chinese_and_groups),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
