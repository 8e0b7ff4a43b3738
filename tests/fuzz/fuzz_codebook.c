/* libFuzzer target: the codebook reader. Whatever it accepts must print as valid UTF-8
 * (labels and names reach the Codebook sheet and the JSON) and must then drive the import
 * of the bundled test dataset to a status, never a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "output_check.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[512];
    fuzz_write("codebook.csv", data, size, path, sizeof path);
    qa_codebook codebook;
    qa_error error;
    qa_status status = qa_codebook_read(path, &codebook, &error);
    if (status != QA_OK) {
        if (status != QA_ERR_INPUT && status != QA_ERR_USAGE)
            fuzz_finding("codebook status %d: %s", (int)status, error.message);
        return 0;
    }
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    if (!out)
        fuzz_finding("open_memstream failed");
    qa_codebook_write(&codebook, out);
    fclose(out);
    if (qa_check_utf8_prefix(text, length) != length)
        fuzz_finding("accepted codebook prints as invalid UTF-8 at byte %zu",
                     qa_check_utf8_prefix(text, length));
    free(text);
    qa_dataset dataset;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    status = qa_import_csv(QA_FUZZ_DATA, &codebook, NULL, &dataset, &errors);
    if (status == QA_OK)
        qa_dataset_free(&dataset);
    else if (status != QA_ERR_INPUT || errors.count == 0)
        fuzz_finding("import status %d with %zu problems", (int)status, errors.count);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    return 0;
}
