/* `--skip` end to end on tests/data/e2e/default_n200.csv: --skip H4 leaves exactly the two
 * cognitive tests "not measured" and the other eight as they are; a measure column that is
 * blank in every row is an error whose advice names that measure's hypothesis (H4 for
 * cognitive, the fourth). */
#include "test_support.h"
#include "json_flat.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char data[] = "tests/data/e2e/default_n200.csv";

static void test_skip_h4(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", data, "--skip", "H4", "--json", "-", "-q", "-o", xlsx, NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    assert_int_equal(qa_flat_parse(run.out, &flat, NULL), 0);
    static const char *const outcomes[] = {"formation", "durability"};
    /* the n of each test when nothing is skipped (tests/reference/analysis.R) */
    static const char *const n[5][2] = {
        {"197", "87"}, {"197", "87"}, {"195", "87"}, {NULL, NULL}, {"197", "86"}};
    for (int k = 1; k <= 5; k++)
        for (int o = 0; o < 2; o++) {
            char key[128];
            snprintf(key, sizeof key, "tests.H%d.%s.verdict", k, outcomes[o]);
            const qa_flat_entry *verdict = qa_flat_find(&flat, key);
            assert_non_null(verdict);
            snprintf(key, sizeof key, "tests.H%d.%s.n", k, outcomes[o]);
            const qa_flat_entry *count = qa_flat_find(&flat, key);
            assert_non_null(count);
            if (k == 4) {
                assert_string_equal(verdict->value, "not_testable");
                snprintf(key, sizeof key, "tests.H4.%s.reason", outcomes[o]);
                const qa_flat_entry *reason = qa_flat_find(&flat, key);
                assert_non_null(reason);
                assert_string_equal(reason->value, "not measured (--skip H4)");
            } else {
                assert_string_not_equal(verdict->value, "not_testable");
                assert_string_equal(count->value, n[k - 1][o]);
            }
        }
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

/* default_n200 with the cognitive column (the 12th) blank in every row */
static void test_blank_measure_advice(void **state)
{
    (void)state;
    char *text = qa_test_read_file(data, NULL);
    assert_non_null(text);
    size_t length = strlen(text);
    char *blanked = malloc(length + 1);
    assert_non_null(blanked);
    size_t out = 0;
    int field = 0;
    bool header = true;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '\n') {
            field = 0;
            header = false;
        } else if (c == ',') {
            field++;
        } else if (field == 11 && !header) {
            continue; /* the cognitive value */
        }
        blanked[out++] = c;
    }
    blanked[out] = '\0';
    char *dir = qa_test_temp_dir();
    char csv[4096], xlsx[4096];
    snprintf(csv, sizeof csv, "%s/blank.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    assert_int_equal(qa_test_write_file(csv, blanked), 0);
    const char *args[] = {"analyze", csv, "-q", "-o", xlsx, NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    if (!strstr(run.err, "cognitive") || !strstr(run.err, "--skip H4 "))
        fail_msg("unexpected message: %s", run.err);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    free(blanked);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skip_h4),
        cmocka_unit_test(test_blank_measure_advice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
