/* End-to-end checks of what a reader sees, against R (tests/reference/analysis.R, the
 * analysis_default_n200*.expected files): the Summary sheet of the workbook written by
 * `qareport analyze -o`, the terminal summary (rounded as printed), the JSON written with
 * `--json FILE`, the same in Chinese (`--lang zh`), the echo of the options in the summary
 * footer and the JSON, and `--data-sheet`. A number that is wrong only in one output fails. */
#include "test_support.h"
#include "json_flat.h"
#include "reference_file.h"
#include "xlsx_read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const data = "tests/data/e2e/default_n200.csv";
static const char *const tests_in_order[10] = {
    "H1.formation",  "H1.durability", "H2.formation",  "H2.durability", "H3.formation",
    "H3.durability", "H4.formation",  "H4.durability", "H5.formation",  "H5.durability"};

typedef struct {
    char *main;       /* analysis_default_n200.expected */
    char *robustness; /* analysis_default_n200_robustness.expected */
} reference;

static reference reference_read(void)
{
    reference r = {
        qa_test_read_file("tests/reference/analysis_default_n200.expected", NULL),
        qa_test_read_file("tests/reference/analysis_default_n200_robustness.expected", NULL)};
    assert_non_null(r.main);
    assert_non_null(r.robustness);
    return r;
}

static void reference_free(reference *r)
{
    free(r->main);
    free(r->robustness);
}

/* The value of `key` in a reference text ("key value" lines), copied to buffer. */
static const char *lookup(const reference *r, const char *key, char *buffer, size_t size)
{
    size_t length = strlen(key);
    for (int file = 0; file < 2; file++) {
        const char *text = file == 0 ? r->main : r->robustness;
        for (const char *line = text; line && *line;) {
            const char *end = strchr(line, '\n');
            if (strncmp(line, key, length) == 0 && line[length] == ' ') {
                size_t value_length =
                    (size_t)((end ? end : line + strlen(line)) - line) - length - 1;
                snprintf(buffer, size, "%.*s", (int)value_length, line + length + 1);
                return buffer;
            }
            line = end ? end + 1 : NULL;
        }
    }
    fail_msg("reference has no %s", key);
    return NULL;
}

static double lookup_number(const reference *r, const char *format, const char *test)
{
    char key[256], buffer[128];
    snprintf(key, sizeof key, format, test);
    return strtod(lookup(r, key, buffer, sizeof buffer), NULL);
}

/* R's verdict ("not_supported") as the English outputs print it ("not supported"). */
static void verdict_words(const reference *r, const char *test, char *out, size_t size)
{
    char key[256];
    snprintf(key, sizeof key, "tests.%s.verdict", test);
    lookup(r, key, out, size);
    for (char *c = out; *c; c++)
        if (*c == '_')
            *c = ' ';
}

static const char *verdict_zh(const char *english)
{
    if (strcmp(english, "supported") == 0)
        return "支持";
    if (strcmp(english, "not supported") == 0)
        return "不支持";
    fail_msg("no Chinese label known for %s", english);
    return NULL;
}

/* analyze with -o dir/r.xlsx, --json dir/r.json and the extra arguments; stdout kept. */
static qa_test_run run_analyze(const char *dir, const char *extra1, const char *extra2)
{
    char xlsx[4096], json[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    snprintf(json, sizeof json, "%s/r.json", dir);
    const char *args[] = {"analyze", data, "-o", xlsx, "--json", json, extra1, extra2, NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    return run;
}

/* Summary sheet: one row per test from row 3, columns G n, H B, J OR, O p, Q p adj.,
 * R verdict, V k, W m (L, M the OR per SD and its CI, N the detectable OR, P the
 * member-robust p). */
static void check_summary_sheet(const char *xlsx, const reference *r, bool chinese)
{
    char *xml = qa_xlsx_sheet_xml(xlsx, 0);
    assert_non_null(xml);
    char *shared = qa_xlsx_member(xlsx, "xl/sharedStrings.xml");
    for (int t = 0; t < 10; t++) {
        const char *test = tests_in_order[t];
        char ref[16];
        struct {
            char column;
            const char *key;
        } numbers[] = {{'G', "tests.%s.n"},          {'H', "tests.%s.logit.b"},
                       {'J', "tests.%s.logit.or"},   {'O', "tests.%s.logit.p"},
                       {'Q', "tests.%s.p_adjusted"}, {'V', "robustness.%s.stable_k"},
                       {'W', "robustness.%s.of_m"}};
        for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
            snprintf(ref, sizeof ref, "%c%d", numbers[i].column, t + 3);
            qa_xlsx_cell cell = qa_xlsx_cell_at(xml, shared, ref);
            if (!cell.is_number)
                fail_msg("Summary!%s (%s of %s) is not a number", ref, numbers[i].key, test);
            double expected = lookup_number(r, numbers[i].key, test);
            if (!qa_test_close(cell.number, expected, 1e-6, 1e-10))
                fail_msg("Summary!%s = %.15g, R %s of %s = %.15g", ref, cell.number, numbers[i].key,
                         test, expected);
        }
        char verdict[64];
        verdict_words(r, test, verdict, sizeof verdict);
        snprintf(ref, sizeof ref, "R%d", t + 3);
        assert_string_equal(qa_xlsx_cell_at(xml, shared, ref).text,
                            chinese ? verdict_zh(verdict) : verdict);
    }
    free(shared);
    free(xml);
}

static double reference_at(const reference *r, const char *key)
{
    char buffer[128];
    return strtod(lookup(r, key, buffer, sizeof buffer), NULL);
}

/* Robustness sheet (English, 7th sheet): the specification table from row 3 (D k, E m), and
 * the small-sample panel from row 17: D n, E events, F non-events, G EPV, H joint EPV =
 * min(events, non-events) / 5 of the joint model, I Cox EPV and J Cox events (durability: the
 * Cox model's events, one predictor). */
static void check_robustness_sheet(const char *xlsx, const reference *r)
{
    static const char *const measures[5] = {"security", "political", "economic", "cognitive",
                                            "value"};
    char *xml = qa_xlsx_sheet_xml(xlsx, 6);
    assert_non_null(xml);
    for (int t = 0; t < 10; t++) {
        const char *test = tests_in_order[t];
        bool formation = t % 2 == 0;
        char key[256];
        const char *joint = formation ? "models.formation_joint" : "models.durability_joint";
        snprintf(key, sizeof key, "%s.n", joint);
        double joint_n = reference_at(r, key);
        snprintf(key, sizeof key, "%s.events", joint);
        double joint_events = reference_at(r, key);
        double joint_smaller =
            joint_events < joint_n - joint_events ? joint_events : joint_n - joint_events;
        snprintf(key, sizeof key, "models.cox_%s.events", measures[t / 2]);
        double cox_events = formation ? NAN : reference_at(r, key);
        /* the small-sample panel (second table, rows 17..26) and k of m (first table) */
        const struct {
            char column;
            int row;
            double expected;
        } cells[] = {
            {'D', t + 17, lookup_number(r, "tests.%s.n", test)},
            {'E', t + 17, lookup_number(r, "robustness.%s.events", test)},
            {'F', t + 17, lookup_number(r, "robustness.%s.non_events", test)},
            {'G', t + 17, lookup_number(r, "robustness.%s.epv", test)},
            {'H', t + 17, joint_smaller / 5},
            {'I', t + 17, cox_events},
            {'J', t + 17, cox_events},
            {'D', t + 3, lookup_number(r, "robustness.%s.stable_k", test)},
            {'E', t + 3, lookup_number(r, "robustness.%s.of_m", test)},
        };
        for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
            if (isnan(cells[i].expected))
                continue;
            char ref[16];
            snprintf(ref, sizeof ref, "%c%d", cells[i].column, cells[i].row);
            qa_xlsx_cell cell = qa_xlsx_cell_at(xml, NULL, ref);
            if (!cell.is_number || !qa_test_close(cell.number, cells[i].expected, 1e-6, 1e-10))
                fail_msg("Robustness!%s (%s) = %.15g, R %.15g", ref, test, cell.number,
                         cells[i].expected);
        }
    }
    free(xml);
}

/* Terminal summary rows: "H1 security  formation  197 2.72 <.001  <.001 supported  6/6",
 * numbers as rounded for print: OR to 2 decimals, p to 3 (or "<.001"). */
static void check_printed_p(const char *printed, double p, const char *what)
{
    if (p < 0.001) {
        if (strcmp(printed, "<.001") != 0)
            fail_msg("%s printed %s, R %.6g", what, printed, p);
    } else if (fabs(strtod(printed, NULL) - p) > 0.0005 + 1e-9) {
        fail_msg("%s printed %s, R %.6g", what, printed, p);
    }
}

static void check_terminal_summary(const char *out, const reference *r, bool chinese)
{
    for (int t = 0; t < 10; t++) {
        const char *test = tests_in_order[t];
        char hypothesis[4];
        snprintf(hypothesis, sizeof hypothesis, "%.2s", test);
        bool formation = strstr(test, "formation") != NULL;
        /* the t-th line that starts with the hypothesis id: formation first, then durability */
        const char *line = out;
        for (int seen = 0;; line++) {
            line = strstr(line, hypothesis);
            assert_non_null(line);
            if (line != out && line[-1] != '\n')
                continue;
            if (seen++ == (formation ? 0 : 1))
                break;
        }
        char row[512];
        const char *end = strchr(line, '\n');
        snprintf(row, sizeof row, "%.*s", (int)(end ? end - line : (long)strlen(line)), line);
        char *tokens[16];
        size_t count = 0;
        char *save = NULL;
        for (char *token = strtok_r(row, " ", &save); token && count < 16;
             token = strtok_r(NULL, " ", &save))
            tokens[count++] = token;
        assert_true(count >= 9);
        assert_int_equal(strtol(tokens[3], NULL, 10), (long)lookup_number(r, "tests.%s.n", test));
        double odds = lookup_number(r, "tests.%s.logit.or", test);
        if (fabs(strtod(tokens[4], NULL) - odds) > 0.005 + 1e-9)
            fail_msg("%s OR printed %s, R %.6g", test, tokens[4], odds);
        check_printed_p(tokens[5], lookup_number(r, "tests.%s.logit.p", test), test);
        check_printed_p(tokens[6], lookup_number(r, "tests.%s.p_adjusted", test), test);
        char verdict[64], printed[64] = "";
        verdict_words(r, test, verdict, sizeof verdict);
        /* after the verdict: k/m, then the flags (F, !) and the MDE (">2.61", "none"), each
         * only when it applies: k/m is the last token with a '/' */
        size_t last = count - 1;
        while (last > 7 && !strchr(tokens[last], '/'))
            last--;
        for (size_t i = 7; i < last; i++)
            snprintf(printed + strlen(printed), sizeof printed - strlen(printed), "%s%s",
                     i > 7 ? " " : "", tokens[i]);
        assert_string_equal(printed, chinese ? verdict_zh(verdict) : verdict);
        char stable[32];
        snprintf(stable, sizeof stable, "%.0f/%.0f",
                 lookup_number(r, "robustness.%s.stable_k", test),
                 lookup_number(r, "robustness.%s.of_m", test));
        assert_string_equal(tokens[last], stable);
    }
}

static void test_outputs_in_english(void **state)
{
    (void)state;
    reference r = reference_read();
    char *dir = qa_test_temp_dir();
    qa_test_run run = run_analyze(dir, NULL, NULL);
    char path[4096];
    snprintf(path, sizeof path, "%s/r.xlsx", dir);
    char names[16][64];
    assert_int_equal(qa_xlsx_sheet_names(path, names, 16), 12);
    assert_string_equal(names[0], "Summary");
    check_summary_sheet(path, &r, false);
    check_robustness_sheet(path, &r);
    check_terminal_summary(run.out, &r, false);
    assert_non_null(strstr(run.out, "p adj.: Holm; alpha 0.05, two-sided; T = 5"));
    /* --json FILE: the whole analysis against R, as with --json - */
    snprintf(path, sizeof path, "%s/r.json", dir);
    char *json = qa_test_read_file(path, NULL);
    assert_non_null(json);
    qa_flat flat;
    size_t offset = 0, compared = 0;
    assert_int_equal(qa_flat_parse(json, &flat, &offset), 0);
    size_t mismatches = qa_flat_compare_file(
        &flat, "tests/reference/analysis_default_n200.expected", "--json FILE", &compared);
    assert_true(compared > 500);
    assert_int_equal(mismatches, 0);
    qa_flat_free(&flat);
    free(json);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    reference_free(&r);
}

static void test_outputs_in_chinese(void **state)
{
    (void)state;
    reference r = reference_read();
    char *dir = qa_test_temp_dir();
    qa_test_run run = run_analyze(dir, "--lang", "zh");
    char path[4096];
    snprintf(path, sizeof path, "%s/r.xlsx", dir);
    char names[16][64];
    assert_int_equal(qa_xlsx_sheet_names(path, names, 16), 12);
    assert_string_equal(names[0], "摘要");
    check_summary_sheet(path, &r, true);
    check_terminal_summary(run.out, &r, true);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    reference_free(&r);
}

/* The options a reader must know to read the numbers are echoed: the summary footer and the
 * JSON options. */
static void test_options_echoed(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", data,    "-o",          xlsx,  "--adjust",        "bh",
                          "--alpha", "0.01",  "--sided",     "one", "--durable-years", "7",
                          "--firth", "never", "--bootstrap", "20",  "--seed",          "12",
                          NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "p adj.: Benjamini-Hochberg; alpha 0.01, one-sided; T = 7"));
    qa_test_run_free(&run);
    const char *json_args[] = {"analyze", data,      "-o",       xlsx,      "--json",
                               "-",       "--quiet", "--adjust", "none",    "--alpha",
                               "0.2",     "--sided", "one",      "--firth", "always",
                               "--as-of", "2030",    "--seed",   "12",      NULL};
    run = qa_test_run_program(json_args);
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, &flat, &offset), 0);
    assert_string_equal(qa_flat_find(&flat, "options.adjust")->value, "none");
    assert_close(strtod(qa_flat_find(&flat, "options.alpha")->value, NULL), 0.2);
    assert_string_equal(qa_flat_find(&flat, "options.sided")->value, "one");
    assert_string_equal(qa_flat_find(&flat, "options.firth")->value, "always");
    assert_string_equal(qa_flat_find(&flat, "options.as_of")->value, "2030");
    assert_string_equal(qa_flat_find(&flat, "options.seed")->value, "12");
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* --data-sheet: by default (auto, few cases) the Data sheet lists the cases as analysed;
 * never leaves them out with a note naming the option. */
static void test_data_sheet_option(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    for (int mode = 0; mode < 3; mode++) {
        const char *value = mode == 0 ? "auto" : mode == 1 ? "always" : "never";
        const char *args[] = {"analyze", data, "-o", xlsx, "--quiet", "--data-sheet", value, NULL};
        qa_test_run run = qa_test_run_program(args);
        assert_int_equal(run.exit_code, 0);
        char names[16][64];
        size_t count = qa_xlsx_sheet_names(xlsx, names, 16);
        size_t data_sheet = count;
        for (size_t i = 0; i < count; i++)
            if (strcmp(names[i], "Data") == 0)
                data_sheet = i;
        assert_true(data_sheet < count);
        char *xml = qa_xlsx_sheet_xml(xlsx, data_sheet);
        assert_non_null(xml);
        char *shared = qa_xlsx_member(xlsx, "xl/sharedStrings.xml");
        bool note = strstr(xml, "--data-sheet never") != NULL;
        /* case "Case 200" is the last of the file: listed unless left out */
        char ref[16];
        bool listed = qa_xlsx_find_text(xml, "Case 200", ref, sizeof ref) ||
                      (shared && strstr(shared, "Case 200"));
        assert_true(mode == 2 ? note && !listed : listed && !note);
        free(shared);
        free(xml);
        qa_test_run_free(&run);
    }
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outputs_in_english),
        cmocka_unit_test(test_outputs_in_chinese),
        cmocka_unit_test(test_options_echoed),
        cmocka_unit_test(test_data_sheet_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
