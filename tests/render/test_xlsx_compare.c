/* The compare workbook of the two bundled codings read back (unzip -p + the sheet XML):
 * sheet names and order, every number stored as a number and equal to what `compare --json`
 * reports for the same run, flips marked where the JSON has them, Chinese labels, and
 * byte-identical output for the same inputs. The numbers themselves are checked against R
 * in tests/e2e/test_compare.c (tests/reference/compare_bundled.R); here the workbook must
 * agree with the JSON. */
#include "test_support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_flat.h"
#include "xlsx_read.h"

static const char *const coder_a = "datasets/quasi_alliance_cases.csv";
static const char *const coder_b = "datasets/quasi_alliance_cases_coder_b.csv";

enum { AGREEMENT_SHEET, DISAGREEMENT_SHEET, VERDICT_SHEET, COEFFICIENT_SHEET, CASES_SHEET };

typedef struct {
    char *directory;
    char path[512];
    qa_flat json;
} state;

static void run_compare(const char *path, const char *language, qa_flat *json)
{
    const char *args[] = {"compare", coder_a,  coder_b, "--json", "-", "--quiet",
                          "-o",      path,     "--lang", language, NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    if (json) {
        size_t offset = 0;
        assert_int_equal(qa_flat_parse(run.out, json, &offset), 0);
    }
    qa_test_run_free(&run);
}

static int setup(void **context)
{
    state *s = calloc(1, sizeof *s);
    s->directory = qa_test_temp_dir();
    snprintf(s->path, sizeof s->path, "%s/compare.xlsx", s->directory);
    run_compare(s->path, "en", &s->json);
    *context = s;
    return 0;
}

static int teardown(void **context)
{
    state *s = *context;
    qa_flat_free(&s->json);
    qa_test_remove_tree(s->directory);
    free(s->directory);
    free(s);
    return 0;
}

static double json_number(const qa_flat *json, const char *key)
{
    const qa_flat_entry *entry = qa_flat_find(json, key);
    if (!entry)
        fail_msg("JSON has no %s", key);
    return strtod(entry->value, NULL);
}

/* The number `columns` to the right of the first cell whose text is `text`. */
static double number_beside(const char *xml, const char *text, unsigned columns)
{
    char ref[16];
    unsigned row, column;
    if (!qa_xlsx_find_text(xml, text, ref, sizeof ref))
        fail_msg("no cell '%s'", text);
    qa_xlsx_parse_ref(ref, &row, &column);
    qa_xlsx_ref(ref, sizeof ref, row, column + columns);
    qa_xlsx_cell cell = qa_xlsx_cell_at(xml, NULL, ref);
    if (!cell.found || !cell.is_number)
        fail_msg("%s: no number %u cells right of '%s'", ref, columns, text);
    return cell.number;
}

/* The cell at 0-based (row, column). */
static qa_xlsx_cell cell_at(const char *xml, unsigned row, unsigned column)
{
    char ref[16];
    qa_xlsx_ref(ref, sizeof ref, row, column);
    return qa_xlsx_cell_at(xml, NULL, ref);
}

static void test_sheet_names_and_order(void **context)
{
    state *s = *context;
    static const char *const expected[] = {"Agreement",    "Disagreements", "Verdicts",
                                           "Coefficients", "Cases",         "About"};
    char names[8][64];
    assert_int_equal(qa_xlsx_sheet_names(s->path, names, 8), 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(names[i], expected[i]);
}

/* Agreement: per coded column, n, percent, the four coefficients and alpha's CI. */
static void test_agreement_equals_json(void **context)
{
    state *s = *context;
    char *xml = qa_xlsx_sheet_xml(s->path, AGREEMENT_SHEET);
    static const char *const columns[] = {"security", "political", "economic", "cognitive",
                                          "value",    "basis",     "agreement"};
    static const struct {
        unsigned offset;
        const char *key;
    } fields[] = {{2, "n"},          {3, "percent"},     {4, "cohen_kappa"},
                  {6, "gwet_ac1"},   {7, "krippendorff_alpha"}, {8, "alpha_ci.0"},
                  {9, "alpha_ci.1"}};
    char key[128];
    for (size_t c = 0; c < sizeof columns / sizeof *columns; c++)
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            snprintf(key, sizeof key, "agreement.%s.%s", columns[c], fields[f].key);
            assert_close(number_beside(xml, columns[c], fields[f].offset),
                         json_number(&s->json, key));
        }
    /* quadratic-weighted kappa: ordinal columns only */
    assert_close(number_beside(xml, "security", 5),
                 json_number(&s->json, "agreement.security.weighted_kappa"));
    free(xml);
}

/* Disagreements: one row per JSON entry, in the same order, lines as numbers. */
static void test_disagreements_equal_json(void **context)
{
    state *s = *context;
    char *xml = qa_xlsx_sheet_xml(s->path, DISAGREEMENT_SHEET);
    size_t count = 0;
    char key[64];
    for (;; count++) {
        snprintf(key, sizeof key, "disagreements.%zu.case_id", count);
        if (!qa_flat_find(&s->json, key))
            break;
    }
    assert_true(count > 10);
    for (size_t i = 0; i < count; i++) {
        unsigned row = 2 + (unsigned)i; /* title, header */
        snprintf(key, sizeof key, "disagreements.%zu.case_id", i);
        assert_string_equal(cell_at(xml, row, 0).text, qa_flat_find(&s->json, key)->value);
        snprintf(key, sizeof key, "disagreements.%zu.column", i);
        assert_string_equal(cell_at(xml, row, 1).text, qa_flat_find(&s->json, key)->value);
        snprintf(key, sizeof key, "disagreements.%zu.a", i);
        assert_string_equal(cell_at(xml, row, 2).text, qa_flat_find(&s->json, key)->value);
        assert_true(cell_at(xml, row, 4).is_number);
    }
    /* right after the last row: the note naming the files, not another disagreement */
    qa_xlsx_cell after = cell_at(xml, 2 + (unsigned)count, 0);
    assert_non_null(strstr(after.text, coder_a));
    free(xml);
}

/* Verdicts: FLIP exactly where the JSON says flip, and a flip never has an empty
 * explanation. Coefficients: the six numbers of each test as the JSON has them. */
static void test_verdicts_and_coefficients_equal_json(void **context)
{
    state *s = *context;
    char *verdicts = qa_xlsx_sheet_xml(s->path, VERDICT_SHEET);
    char *coefficients = qa_xlsx_sheet_xml(s->path, COEFFICIENT_SHEET);
    static const char *const fields[] = {"b_a", "se_a", "b_b", "se_b", "z", "p"};
    char key[128];
    size_t flips = 0;
    for (unsigned t = 0; t < 10; t++) {
        unsigned row = 2 + t;
        char test[32];
        snprintf(test, sizeof test, "H%u.%s", t / 2 + 1, t % 2 ? "durability" : "formation");
        char hypothesis[8];
        snprintf(hypothesis, sizeof hypothesis, "H%u", t / 2 + 1);
        assert_string_equal(cell_at(verdicts, row, 0).text, hypothesis);
        assert_string_equal(cell_at(verdicts, row, 2).text, t % 2 ? "durability" : "formation");
        snprintf(key, sizeof key, "verdicts.%s.flip", test);
        bool flip = strcmp(qa_flat_find(&s->json, key)->value, "true") == 0;
        qa_xlsx_cell mark = cell_at(verdicts, row, 5);
        assert_int_equal(mark.found && strcmp(mark.text, "FLIP") == 0, flip);
        if (flip) {
            flips++;
            assert_true(cell_at(verdicts, row, 6).text[0] != '\0');
        }
        for (unsigned f = 0; f < 6; f++) {
            snprintf(key, sizeof key, "coefficients.%s.%s", test, fields[f]);
            qa_xlsx_cell cell = cell_at(coefficients, row, 3 + f);
            assert_true(cell.is_number);
            assert_close(cell.number, json_number(&s->json, key));
        }
    }
    assert_true(flips > 0); /* the bundled codings flip H3 formation */
    free(verdicts);
    free(coefficients);
}

static void test_cases_sheet(void **context)
{
    state *s = *context;
    char *xml = qa_xlsx_sheet_xml(s->path, CASES_SHEET);
    assert_close(number_beside(xml, "Cases matched", 1), json_number(&s->json, "cases.matched"));
    assert_close(number_beside(xml, "Only in A", 1), 0);
    free(xml);
}

/* The same inputs and output path (the About sheet holds the command) give the same bytes. */
static void test_byte_identical(void **context)
{
    state *s = *context;
    size_t first_size = 0, second_size = 0;
    char *first = qa_test_read_file(s->path, &first_size);
    assert_non_null(first);
    run_compare(s->path, "en", NULL);
    char *second = qa_test_read_file(s->path, &second_size);
    assert_non_null(second);
    assert_int_equal(first_size, second_size);
    assert_memory_equal(first, second, first_size);
    free(first);
    free(second);
}

static void test_chinese(void **context)
{
    state *s = *context;
    char path[600];
    snprintf(path, sizeof path, "%s/zh.xlsx", s->directory);
    run_compare(path, "zh", NULL);
    static const char *const expected[] = {"一致性", "分歧", "结论对照", "系数对照", "案例数", "关于"};
    char names[8][64];
    assert_int_equal(qa_xlsx_sheet_names(path, names, 8), 6);
    for (int i = 0; i < 6; i++)
        assert_string_equal(names[i], expected[i]);
    char *xml = qa_xlsx_sheet_xml(path, VERDICT_SHEET);
    char ref[16];
    assert_true(qa_xlsx_find_text(xml, "翻转", ref, sizeof ref));
    assert_true(qa_xlsx_find_text(xml, "安全共同体", ref, sizeof ref));
    assert_null(strstr(xml, "not supported"));
    free(xml);
    xml = qa_xlsx_sheet_xml(path, AGREEMENT_SHEET);
    assert_true(qa_xlsx_find_text(xml, "定序", ref, sizeof ref));
    assert_null(strstr(xml, "Weighted kappa"));
    free(xml);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sheet_names_and_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_agreement_equals_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disagreements_equal_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verdicts_and_coefficients_equal_json, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cases_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_byte_identical, setup, teardown),
        cmocka_unit_test_setup_teardown(test_chinese, setup, teardown),
    };
    return qa_test_main(argc, argv, tests);
}
