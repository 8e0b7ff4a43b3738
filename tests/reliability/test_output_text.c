/* Regression tests of issue 15, class "every string that reaches an output": a data file whose
 * name is not valid UTF-8 (and holds an escape character) still gives exit 0, a well-formed
 * workbook, valid JSON and clean terminal text; a cell longer than Excel's 32,767 characters
 * is cut with the visible mark instead of failing the report. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output_check.h"
#include "qareport/text_clean.h"
#include "xlsx_read.h"

static void assert_utf8(const char *text)
{
    assert_int_equal(qa_check_utf8_prefix(text, strlen(text)), strlen(text));
    assert_null(strchr(text, '\x1b'));
}

static void test_data_file_name_not_utf8(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[4096], json[4096], xlsx[4096], message[512];
    /* Latin-1 "é", a cut 3-byte sequence, an overlong form, ESC and a C1 control */
    snprintf(data, sizeof data, "%s/caf\xE9-\xE6\x97-\xC0\xAF-\x1B[31m-\xC2\x9B.csv", dir);
    snprintf(json, sizeof json, "%s/out.json", dir);
    snprintf(xlsx, sizeof xlsx, "%s/out.xlsx", dir);
    char *text = qa_test_read_file("tests/data/good/base.csv", NULL);
    assert_non_null(text);
    assert_int_equal(qa_test_write_file(data, text), 0);
    free(text);
    const char *args[] = {"analyze", data, "-o", xlsx, "--json", json, NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    assert_int_equal(qa_check_workbook(xlsx, NULL, message, sizeof message), 0);
    if (qa_check_json_file(json, message, sizeof message) != 0)
        print_message("%s\n", message);
    assert_int_equal(qa_check_json_file(json, message, sizeof message), 0);
    assert_utf8(run.out);
    assert_utf8(run.err);
    /* the name is shown with U+FFFD where it is not UTF-8 */
    char *about = qa_xlsx_sheet_xml(xlsx, 0);
    char *json_text = qa_test_read_file(json, NULL);
    assert_non_null(json_text);
    const char *shown = "caf\xEF\xBF\xBD-\xEF\xBF\xBD-\xEF\xBF\xBD\xEF\xBF\xBD-[31m-.csv";
    assert_non_null(strstr(json_text, shown));
    free(json_text);
    free(about);
    qa_test_run_free(&run);

    /* validate and an error naming the file print clean text too */
    const char *validate[] = {"validate", data, NULL};
    run = qa_test_run_program(validate);
    assert_int_equal(run.exit_code, 0);
    assert_utf8(run.out);
    assert_non_null(strstr(run.out, shown));
    qa_test_run_free(&run);
    assert_int_equal(qa_test_write_file(data, "case_id\n"), 0);
    run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_utf8(run.err);
    assert_non_null(strstr(run.err, shown));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_long_cell_is_cut_with_mark(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[4096], json[4096], xlsx[4096], message[512];
    snprintf(data, sizeof data, "%s/long.csv", dir);
    snprintf(json, sizeof json, "%s/long.json", dir);
    snprintf(xlsx, sizeof xlsx, "%s/long.xlsx", dir);
    char *text = qa_test_read_file("tests/data/good/base.csv", NULL);
    assert_non_null(text);
    /* the first case's notes (the last field of line 2): 40,000 characters, a 2-byte one
     * at the cut */
    char *line_end = strchr(strchr(text, '\n') + 1, '\n');
    size_t head = (size_t)(line_end - text), n = 40000;
    char *big = malloc(strlen(text) + 2 * n + 1);
    assert_non_null(big);
    memcpy(big, text, head);
    size_t used = head;
    for (size_t i = 0; i < n; i++)
        used += (size_t)sprintf(big + used, "%s", i % 2 ? "\xC3\xA9" : "x");
    strcpy(big + used, line_end);
    assert_int_equal(qa_test_write_file(data, big), 0);
    free(big);
    free(text);
    const char *args[] = {"analyze", data, "-o", xlsx, "--json", json, "--quiet", NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    size_t longest = 0;
    assert_int_equal(qa_check_workbook(xlsx, &longest, message, sizeof message), 0);
    assert_int_equal(longest, QA_TEXT_CELL_LIMIT);
    assert_int_equal(qa_check_json_file(json, message, sizeof message), 0);
    /* the Data sheet holds the cut notes, ending with the mark */
    char names[32][64];
    size_t count = qa_xlsx_sheet_names(xlsx, names, 32), data_sheet = count;
    for (size_t s = 0; s < count; s++)
        if (strcmp(names[s], "Data") == 0)
            data_sheet = s;
    assert_true(data_sheet < count);
    char *sheet = qa_xlsx_sheet_xml(xlsx, data_sheet);
    assert_non_null(sheet);
    assert_non_null(strstr(sheet, "x\xC3\xA9x\xC3\xA9" QA_TEXT_MARK "<"));
    free(sheet);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_data_file_name_not_utf8),
        cmocka_unit_test(test_long_cell_is_cut_with_mark),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
