/* libFuzzer target: the whole `qareport analyze` path in-process, workbook and JSON written
 * to a temporary folder and checked (fuzz_common.h). Input: an optional first line
 * "#! OPTIONS" (analysis options only; --bootstrap at most 50 replicates so that one input
 * stays fast), the data CSV, and optionally "\n%%codebook\n" followed by a codebook CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const allowed[] = {"--alpha", "--adjust",    "--sided", "--durable-years",
                                      "--as-of", "--controls",  "--where", "--by",
                                      "--firth", "--bootstrap", "--seed",  "--data-sheet",
                                      "--lang",  NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char words[16][65];
    int word_count = fuzz_options(&data, &size, allowed, words, 16);
    if (word_count < 0)
        return -1;
    for (int i = 0; i < word_count; i++)
        if (strncmp(words[i], "--bootstrap", 11) == 0) {
            const char *value = words[i][11] == '='  ? words[i] + 12
                                : i + 1 < word_count ? words[i + 1]
                                                     : "0";
            if (strtod(value, NULL) > 50 || strlen(value) > 6)
                return -1;
        }
    size_t csv_size, codebook_size;
    const uint8_t *codebook;
    fuzz_split(data, size, "\n%%codebook\n", &csv_size, &codebook, &codebook_size);
    char csv_path[512], codebook_path[512], workbook[512], json[512];
    fuzz_write("data.csv", data, csv_size, csv_path, sizeof csv_path);
    if (codebook)
        fuzz_write("codebook.csv", codebook, codebook_size, codebook_path, sizeof codebook_path);
    snprintf(workbook, sizeof workbook, "%s/report.xlsx", fuzz_dir());
    snprintf(json, sizeof json, "%s/report.json", fuzz_dir());
    char *argv[40];
    int argc = 0;
    argv[argc++] = "qareport";
    argv[argc++] = "analyze";
    argv[argc++] = csv_path;
    if (codebook) {
        argv[argc++] = "-c";
        argv[argc++] = codebook_path;
    }
    argv[argc++] = "-o";
    argv[argc++] = workbook;
    argv[argc++] = "--json";
    argv[argc++] = json;
    argv[argc++] = "--quiet";
    for (int i = 0; i < word_count; i++)
        argv[argc++] = words[i];
    argv[argc] = NULL;
    fuzz_run_and_check(argc, argv, workbook, json);
    fuzz_clean();
    return 0;
}
