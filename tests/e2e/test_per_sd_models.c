/* End-to-end check of the effect per standard deviation of the terms of type interval in
 * every model (docs/METHODS.md §4.14) against R (tests/reference/per_sd_models.R), on
 * tests/data/e2e/interval_n200.csv (security a continuous score, economic a trade share of
 * order 1e-3, the control distance in km, all three declared `interval`): the JSON
 * models[].terms[] keys sd, or_sd, or_sd_ci (hr_sd, hr_sd_ci for Cox) of every such term, their
 * absence on the ordinal terms, the same numbers in the model sheets' per-SD columns, and the
 * Charts sheet's forest plot drawing the odds ratio per SD for the interval measures. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA "tests/data/e2e/interval_n200.csv"
#define CODEBOOK "tests/data/e2e/interval_n200.codebook.csv"

typedef struct {
    char *dir;
    char xlsx[4096];
    qa_test_run run;
    qa_flat flat;
} analysis_run;

static void analyse(analysis_run *a, bool controls_all)
{
    memset(a, 0, sizeof *a);
    a->dir = qa_test_temp_dir();
    assert_non_null(a->dir);
    snprintf(a->xlsx, sizeof a->xlsx, "%s/r.xlsx", a->dir);
    const char *joint[] = {"analyze", DATA, "-c", CODEBOOK, "--controls", "distance",
                           "--json",  "-",  "-o", a->xlsx,  NULL};
    const char *all[] = {"analyze",       DATA,  "-c",     CODEBOOK, "--controls", "distance",
                         "--controls-in", "all", "--json", "-",      "--quiet",    "-o",
                         a->xlsx,         NULL};
    a->run = qa_test_run_program(controls_all ? all : joint);
    if (a->run.exit_code != 0)
        print_message("exit %d\n%s", a->run.exit_code, a->run.err ? a->run.err : "");
    assert_int_equal(a->run.exit_code, 0);
    size_t error_offset = 0;
    if (qa_flat_parse(a->run.out, &a->flat, &error_offset) != 0)
        fail_msg("output is not JSON (offset %zu)", error_offset);
}

static void analysis_free(analysis_run *a)
{
    qa_flat_free(&a->flat);
    qa_test_run_free(&a->run);
    qa_test_remove_tree(a->dir);
    free(a->dir);
}

static double json_number(const qa_flat *flat, const char *key)
{
    return strtod(qa_flat_value(flat, key), NULL);
}

static void compare_reference(const analysis_run *a, const char *expected, size_t at_least)
{
    size_t compared = 0;
    size_t mismatches = qa_flat_compare_file(&a->flat, expected, expected, &compared);
    if (mismatches)
        fail_msg("%s: %zu of %zu reference values differ (listed above)", expected, mismatches,
                 compared);
    assert_true(compared >= at_least);
}

/* ---- the workbook's model sheets ---- */

typedef struct {
    const char *prefix;
    unsigned row;
    bool found;
} text_search;

static bool find_prefix(const char *ref, const qa_xlsx_cell *cell, void *context)
{
    text_search *s = context;
    unsigned row, column;
    if (cell->is_number || strncmp(cell->text, s->prefix, strlen(s->prefix)) != 0 ||
        !qa_xlsx_parse_ref(ref, &row, &column) || row < s->row)
        return true;
    s->row = row;
    s->found = true;
    return false;
}

/* The 0-based row of the first cell at or below `from` whose text starts with prefix. */
static unsigned row_of(const char *xml, const char *prefix, unsigned from)
{
    text_search s = {prefix, from, false};
    qa_xlsx_each_cell(xml, find_prefix, &s);
    if (!s.found)
        fail_msg("no cell starting with '%s' at or below row %u", prefix, from + 1);
    return s.row;
}

static qa_xlsx_cell cell(const char *xml, unsigned row, unsigned column)
{
    char ref[16];
    qa_xlsx_ref(ref, sizeof ref, row, column);
    return qa_xlsx_cell_at(xml, NULL, ref);
}

/* The column of `header` in the header row. */
static unsigned column_of(const char *xml, unsigned header_row, const char *header)
{
    for (unsigned c = 0; c < 32; c++) {
        qa_xlsx_cell h = cell(xml, header_row, c);
        if (h.found && !h.is_number && strcmp(h.text, header) == 0)
            return c;
    }
    fail_msg("no column '%s' in row %u", header, header_row + 1);
    return 0;
}

static char *sheet_named(const char *xlsx, const char *name)
{
    char names[32][64];
    size_t count = qa_xlsx_sheet_names(xlsx, names, 32);
    for (size_t i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return qa_xlsx_sheet_xml(xlsx, i);
    fail_msg("no sheet %s", name);
    return NULL;
}

/* The per-SD cells of model `model`'s table `title` on `sheet` against the JSON (itself
 * checked against R): every interval term's SD, ratio per SD and CI; none on the others. */
static void check_model_table(const analysis_run *a, const char *sheet, const char *model,
                              const char *title, bool cox, const char *const *terms,
                              size_t term_count)
{
    char *xml = sheet_named(a->xlsx, sheet);
    assert_non_null(xml);
    char heading[128];
    snprintf(heading, sizeof heading, "Model: %s (", model);
    unsigned header = row_of(xml, title, row_of(xml, heading, 0)) + 1;
    const char *ratio_header = cox ? "Hazard ratio per SD" : "Exp(B) per SD";
    unsigned sd = column_of(xml, header, "SD");
    unsigned ratio = column_of(xml, header, ratio_header);
    unsigned lower = column_of(xml, header, "95% CI Lower per SD");
    unsigned upper = column_of(xml, header, "95% CI Upper per SD");
    /* beside the per-unit ratio and its CI, the other columns in their order */
    assert_int_equal(sd, column_of(xml, header, "95% CI Upper") + 1);
    assert_true(ratio == sd + 1 && lower == sd + 2 && upper == sd + 3);
    assert_int_equal(column_of(xml, header, "Member S.E.") + 1,
                     column_of(xml, header, "Member Sig."));
    for (size_t t = 0; t < term_count; t++) {
        unsigned row = header + 1;
        while (row < header + 12 && strcmp(cell(xml, row, 0).text, terms[t]) != 0)
            row++;
        assert_true(row < header + 12);
        char key[256];
        snprintf(key, sizeof key, "models.%s.terms.%s.sd", model, terms[t]);
        if (!qa_flat_find(&a->flat, key)) { /* not of type interval: nothing per SD */
            assert_false(cell(xml, row, sd).found && cell(xml, row, sd).is_number);
            assert_false(cell(xml, row, ratio).found && cell(xml, row, ratio).is_number);
            continue;
        }
        assert_close(cell(xml, row, sd).number, json_number(&a->flat, key));
        const char *r = cox ? "hr_sd" : "or_sd";
        snprintf(key, sizeof key, "models.%s.terms.%s.%s", model, terms[t], r);
        assert_close(cell(xml, row, ratio).number, json_number(&a->flat, key));
        snprintf(key, sizeof key, "models.%s.terms.%s.%s_ci.0", model, terms[t], r);
        assert_close(cell(xml, row, lower).number, json_number(&a->flat, key));
        snprintf(key, sizeof key, "models.%s.terms.%s.%s_ci.1", model, terms[t], r);
        assert_close(cell(xml, row, upper).number, json_number(&a->flat, key));
    }
    /* the table's note says what SD means and on which cases */
    (void)row_of(xml,
                 cox ? "Per SD: the hazard ratio for one standard deviation"
                     : "Per SD: the odds ratio for one standard deviation",
                 header);
    free(xml);
}

static const char *const joint_terms[] = {"security",  "political", "economic",
                                          "cognitive", "value",     "distance"};

/* Controls in the joint models: the interval terms of the primary and joint models. */
static void test_models_joint(void **state)
{
    analysis_run *shared = *state;
    analysis_run a = *shared;
    compare_reference(&a, "tests/reference/per_sd_models_joint.expected", 70);
    /* an ordinal term has no per-SD keys in models[] */
    assert_null(qa_flat_find(&a.flat, "models.formation_joint.terms.political.or_sd"));
    assert_null(qa_flat_find(&a.flat, "models.cox_joint.terms.value.hr_sd"));
    assert_null(qa_flat_find(&a.flat, "models.formation_joint.terms.(Intercept).sd"));
    /* the per-test values (tests[]) are the primary models' */
    assert_close(json_number(&a.flat, "tests.H3.formation.logit.or_sd"),
                 json_number(&a.flat, "models.formation_economic.terms.economic.or_sd"));
    check_model_table(&a, "Formation", "formation_joint", "Variables in the Equation", false,
                      joint_terms, 6);
    check_model_table(&a, "Formation", "formation_economic", "Variables in the Equation", false,
                      (const char *const[]){"economic"}, 1);
    check_model_table(&a, "Durability", "durability_joint", "Variables in the Equation", false,
                      joint_terms, 6);
    check_model_table(&a, "Survival", "cox_joint", "Cox proportional hazards", true, joint_terms,
                      6);
    check_model_table(&a, "Survival", "cox_security", "Cox proportional hazards", true,
                      (const char *const[]){"security"}, 1);
    /* an ordinal measure's model has no per-SD columns */
    char *xml = sheet_named(a.xlsx, "Formation");
    unsigned header =
        row_of(xml, "Variables in the Equation", row_of(xml, "Model: formation_political (", 0)) +
        1;
    for (unsigned c = 0; c < 16; c++)
        assert_false(strstr(cell(xml, header, c).text, "per SD") != NULL);
    free(xml);
}

/* --controls-in all: the control of type interval in every primary model. */
static void test_models_controls_all(void **state)
{
    (void)state;
    analysis_run a;
    analyse(&a, true);
    compare_reference(&a, "tests/reference/per_sd_models_all.expected", 120);
    check_model_table(&a, "Formation", "formation_political", "Variables in the Equation", false,
                      (const char *const[]){"political", "distance"}, 2);
    check_model_table(&a, "Survival", "cox_value", "Cox proportional hazards", true,
                      (const char *const[]){"value", "distance"}, 2);
    analysis_free(&a);
}

/* The forest plot of the Charts sheet draws the odds ratio per SD for an interval measure,
 * labelled, and per unit for an ordinal one; the axis title says so. */
static void test_chart_per_sd(void **state)
{
    analysis_run a = *(analysis_run *)*state;
    char *xml = sheet_named(a.xlsx, "Charts");
    assert_non_null(xml);
    char ref[16];
    assert_true(qa_xlsx_find_text(xml, "H3 formation (per SD)", ref, sizeof ref));
    unsigned row, column;
    assert_true(qa_xlsx_parse_ref(ref, &row, &column));
    /* the odds ratio plotted (column B of the forest table) and its CI: per SD, from R */
    assert_close(cell(xml, row, 1).number,
                 json_number(&a.flat, "models.formation_economic.terms.economic.or_sd"));
    assert_close(cell(xml, row, 2).number,
                 json_number(&a.flat, "models.formation_economic.terms.economic.or_sd_ci.0"));
    assert_close(cell(xml, row, 3).number,
                 json_number(&a.flat, "models.formation_economic.terms.economic.or_sd_ci.1"));
    assert_close(cell(xml, row, 1).number, 1.25416432895114); /* R: exp(b * sd(x)) */
    /* an ordinal measure per unit */
    assert_true(qa_xlsx_find_text(xml, "H2 formation", ref, sizeof ref));
    assert_true(qa_xlsx_parse_ref(ref, &row, &column));
    assert_close(cell(xml, row, 1).number, json_number(&a.flat, "tests.H2.formation.logit.or"));
    assert_false(qa_xlsx_find_text(xml, "H2 formation (per SD)", ref, sizeof ref));
    /* the chart draws those cells: its odds-ratio series is column B of the forest table,
     * and the whiskers are named by the tests, (per SD) included */
    char *chart = qa_xlsx_member(a.xlsx, "xl/charts/chart1.xml");
    assert_non_null(chart);
    char range[64];
    assert_true(qa_xlsx_find_text(xml, "H1 formation (per SD)", ref, sizeof ref));
    assert_true(qa_xlsx_parse_ref(ref, &row, &column));
    snprintf(range, sizeof range, "Charts!$B$%u:$B$%u", row + 1, row + 10);
    assert_non_null(strstr(chart, range));
    assert_non_null(strstr(chart, "<c:v>H3 formation (per SD)</c:v>"));
    assert_non_null(strstr(chart, "per SD for interval measures"));
    /* the whisker of H3 formation spans the CI per SD */
    assert_true(qa_xlsx_find_text(xml, "Forest plot whiskers", ref, sizeof ref));
    unsigned whiskers;
    assert_true(qa_xlsx_parse_ref(ref, &whiskers, &column));
    unsigned w = whiskers + 2;
    while (w < whiskers + 40 && strcmp(cell(xml, w, 0).text, "H3 formation (per SD)") != 0)
        w++;
    assert_true(w < whiskers + 40);
    assert_close(cell(xml, w, 2).number, 0.941628384632412); /* R: exp(confint.default * sd) */
    assert_close(cell(xml, w + 1, 2).number, 1.67043410084489);
    snprintf(range, sizeof range, "Charts!$C$%u:$C$%u", w + 1, w + 2);
    assert_non_null(strstr(chart, range));
    free(chart);
    free(xml);
}

/* The terminal summary (on stderr beside --json -) gives an interval measure's OR and MDE
 * per SD, flagged S. */
static void test_terminal_per_sd(void **state)
{
    const analysis_run *a = *state;
    const char *out = a->run.err;
    assert_non_null(out);
    /* H3 formation: R's OR per SD 1.25416..., not the per-unit OR of a trade share */
    const char *h3 = strstr(out, "H3 economic  formation");
    assert_non_null(h3);
    const char *end = strchr(h3, '\n');
    assert_non_null(end);
    char line[128];
    snprintf(line, sizeof line, "%.*s", (int)(end - h3), h3);
    assert_non_null(strstr(line, " 1.25 "));
    assert_non_null(strstr(line, " S"));
    /* an ordinal measure is per unit and not flagged */
    const char *h2 = strstr(out, "H2 political formation");
    assert_non_null(h2);
    end = strchr(h2, '\n');
    assert_non_null(end);
    snprintf(line, sizeof line, "%.*s", (int)(end - h2), h2);
    assert_null(strstr(line, " S"));
    assert_non_null(strstr(out, "S = a measure of type interval"));
}

/* One analysis with the controls in the joint models serves the tests that read it. */
static int joint_setup(void **state)
{
    analysis_run *a = malloc(sizeof *a);
    if (!a)
        return -1;
    analyse(a, false);
    *state = a;
    return 0;
}

static int joint_teardown(void **state)
{
    analysis_run *a = *state;
    analysis_free(a);
    free(a);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_models_joint),
        cmocka_unit_test(test_chart_per_sd),
        cmocka_unit_test(test_terminal_per_sd),
    };
    const struct CMUnitTest controls_all[] = {
        cmocka_unit_test(test_models_controls_all),
    };
    int failed = cmocka_run_group_tests(tests, joint_setup, joint_teardown);
    return failed + cmocka_run_group_tests(controls_all, NULL, NULL);
}
