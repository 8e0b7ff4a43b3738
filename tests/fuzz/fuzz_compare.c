/* libFuzzer target: `qareport compare` in-process on two codings, workbook and JSON written
 * to a temporary folder and checked (fuzz_common.h). Input: an optional first line
 * "#! OPTIONS" (--seed, --lang), coding A, "\n%%B\n", coding B (without the marker, B is a
 * copy of A). */
#include <stdio.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const allowed[] = {"--seed", "--lang", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char words[16][65];
    int word_count = fuzz_options(&data, &size, allowed, words, 16);
    if (word_count < 0)
        return -1;
    size_t a_size, b_size;
    const uint8_t *b;
    fuzz_split(data, size, "\n%%B\n", &a_size, &b, &b_size);
    if (!b) {
        b = data;
        b_size = a_size;
    }
    char a_path[512], b_path[512], workbook[512], json[512];
    fuzz_write("a.csv", data, a_size, a_path, sizeof a_path);
    fuzz_write("b.csv", b, b_size, b_path, sizeof b_path);
    snprintf(workbook, sizeof workbook, "%s/compare.xlsx", fuzz_dir());
    snprintf(json, sizeof json, "%s/compare.json", fuzz_dir());
    char *argv[32] = {"qareport", "compare", a_path, b_path,   "-o",
                      workbook,   "--json",  json,   "--quiet"};
    int argc = 9;
    for (int i = 0; i < word_count; i++)
        argv[argc++] = words[i];
    argv[argc] = NULL;
    fuzz_run_and_check(argc, argv, workbook, json);
    fuzz_clean();
    return 0;
}
