/* libFuzzer target: the CSV importer (qa_import_csv with the default codebook), then the
 * derived years and the five composite measures of whatever it accepts, in-process. Any
 * outcome must be a status: QA_OK with no problem, or QA_ERR_INPUT with problems that name
 * the file and a line within it. Memory errors, leaks and undefined behaviour are caught
 * by the sanitizers. */
#include <stdlib.h>
#include <string.h>

#include "analysis/measure.h"
#include "fuzz_common.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fuzz_write("input.csv", data, size, path, sizeof path);
    size_t lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
    qa_codebook codebook;
    qa_error error;
    if (qa_codebook_default(&codebook, &error) != QA_OK)
        fuzz_finding("default codebook: %s", error.message);
    qa_dataset dataset;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_status status = qa_import_csv(path, &codebook, NULL, &dataset, &errors);
    if (status == QA_OK) {
        if (errors.count)
            fuzz_finding("accepted with %zu problems", errors.count);
        qa_derived derived;
        qa_error_list derive_errors;
        qa_error_list_init(&derive_errors, 0);
        qa_dataset_derive(&dataset, 5, 2020, &derived, &derive_errors);
        qa_derived_free(&derived);
        qa_error_list_free(&derive_errors);
        double *out = malloc((dataset.rows ? dataset.rows : 1) * sizeof *out);
        for (int k = 0; k < 5 && out; k++) {
            double alpha_raw, alpha_standardized;
            qa_measure_values(&dataset, k, NULL, out, &alpha_raw, &alpha_standardized, &error);
        }
        free(out);
        for (size_t row = 0; row < dataset.rows; row++)
            if (dataset.line[row] < 2 || (size_t)dataset.line[row] > lines)
                fuzz_finding("row %zu reported on line %ld of %zu", row, dataset.line[row], lines);
        qa_dataset_free(&dataset);
    } else if (status == QA_ERR_INPUT) {
        if (errors.count == 0)
            fuzz_finding("rejected without a problem");
        for (size_t i = 0; i < errors.count; i++) {
            if (strcmp(errors.items[i].file, path) != 0)
                fuzz_finding("a problem does not name the file");
            if (errors.items[i].line < 0 || (size_t)errors.items[i].line > lines)
                fuzz_finding("a problem on line %ld of a %zu-line file", errors.items[i].line,
                             lines);
        }
    } else {
        fuzz_finding("status %d", (int)status);
    }
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    return 0;
}
