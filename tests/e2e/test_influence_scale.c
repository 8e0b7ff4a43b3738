/* Influence that cannot explode (issue "hardening"): 40 cases whose members are shared among
 * 2,000 long names. The reruns of old took about 35 s and then lost the whole report to a
 * Robustness cell past Excel's 32,767 characters. Now the analysis finishes, every flipping
 * name is in the JSON, and the workbook's cell holds the first names and how many more. */
#include "test_support.h"
#include "json_flat.h"
#include "xlsx_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { NAMES = 2000, PER_CASE = 100 };

/* firth_n40.csv with each case's members replaced by 100 of the 2,000 names (seeded). */
static void write_shared_members(const char *path)
{
    char *text = qa_test_read_file("tests/data/e2e/firth_n40.csv", NULL);
    assert_non_null(text);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    unsigned long state = 7;
    char *line = text, *next;
    for (int number = 0; line && *line; number++, line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        /* the members are the third field; the generator writes no quoted fields */
        char *first = strchr(line, ','), *second = first ? strchr(first + 1, ',') : NULL;
        char *third = second ? strchr(second + 1, ',') : NULL;
        assert_non_null(third);
        if (number == 0) {
            fprintf(out, "%s\n", line);
            continue;
        }
        fprintf(out, "%.*s", (int)(second - line + 1), line);
        unsigned char used[NAMES] = {0};
        for (int k = 0; k < PER_CASE; k++) {
            unsigned name;
            do {
                state = state * 6364136223846793005u + 1442695040888963407u;
                name = (unsigned)(state >> 33) % NAMES;
            } while (used[name]);
            used[name] = 1;
            fprintf(out, "%sMember of a long-named coalition %04u", k ? ";" : "", name);
        }
        fprintf(out, "%s\n", third);
    }
    assert_int_equal(fclose(out), 0);
    free(text);
}

typedef struct {
    size_t longest;       /* the longest Robustness cell, in bytes */
    const char *expected; /* what the longest list's cell must say */
    bool found;
} cell_scan;

static bool scan_cell(const char *ref, const qa_xlsx_cell *cell, void *context)
{
    (void)ref;
    cell_scan *scan = context;
    size_t length = strlen(cell->text);
    if (length > scan->longest)
        scan->longest = length;
    scan->found |= strstr(cell->text, scan->expected) != NULL;
    return true;
}

static void test_shared_members_bounded(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char csv[4096], xlsx[4096];
    snprintf(csv, sizeof csv, "%s/shared.csv", dir);
    snprintf(xlsx, sizeof xlsx, "%s/shared.xlsx", dir);
    write_shared_members(csv);
    /* alpha 0.4 puts a durability verdict on the edge: hundreds of members flip it */
    const char *args[] = {"analyze", csv,  "--json",  "-",   "--quiet",
                          "-o",      xlsx, "--alpha", "0.4", NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    qa_flat flat;
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run.out, &flat, &offset), 0);
    /* the longest list in the JSON, and its joined length as the old cell had it */
    size_t most = 0, joined = 0;
    for (int t = 0; t < 10; t++) {
        size_t count = 0, length = 0;
        char key[128];
        for (;; count++) {
            snprintf(key, sizeof key, "robustness.H%d.%s.flipping_cases.%zu", t / 2 + 1,
                     t % 2 ? "durability" : "formation", count);
            const qa_flat_entry *e = qa_flat_find(&flat, key);
            if (!e)
                break;
            length += strlen(e->value) + 2;
        }
        if (count > most) {
            most = count;
            joined = length;
        }
    }
    assert_true(most > 25);
    assert_true(joined > 32767);
    char names[16][64];
    size_t sheets = qa_xlsx_sheet_names(xlsx, names, 16), robustness = 0;
    while (robustness < sheets && strcmp(names[robustness], "Robustness") != 0)
        robustness++;
    assert_true(robustness < sheets);
    char *sheet = qa_xlsx_sheet_xml(xlsx, robustness);
    assert_non_null(sheet);
    char expected[96];
    snprintf(expected, sizeof expected, " more (%zu in all; the JSON lists every one)", most);
    cell_scan scan = {0, expected, false};
    qa_xlsx_each_cell(sheet, scan_cell, &scan);
    assert_true(scan.longest < 2000);
    if (!scan.found)
        fail_msg("no Robustness cell says \"%s\"", expected);
    free(sheet);
    qa_flat_free(&flat);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_members_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
