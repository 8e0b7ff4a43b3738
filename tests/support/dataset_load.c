/* See dataset_load.h. */
#include "dataset_load.h"

#include "test_support.h"

#include "qareport/codebook.h"
#include "qareport/import.h"

void qa_test_import(const char *path, const char *codebook_path, qa_dataset *dataset)
{
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(codebook_path ? qa_codebook_read(codebook_path, &codebook, &error)
                                   : qa_codebook_default(&codebook, &error),
                     QA_OK);
    qa_error_list errors;
    qa_error_list_init(&errors, 100);
    qa_status status = qa_import_csv(path, &codebook, NULL, dataset, &errors);
    if (status != QA_OK)
        fail_msg("%s: %s", path, errors.count ? errors.items[0].message : "import failed");
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
}
