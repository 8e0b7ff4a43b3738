/* dataset_load.h: a CSV file (with a codebook file, or the default codebook) imported into a
 * qa_dataset for a test, the test failing with the first import error when it cannot be. */
#ifndef QAREPORT_TESTS_DATASET_LOAD_H
#define QAREPORT_TESTS_DATASET_LOAD_H

#include "qareport/dataset.h"

/* codebook_path NULL: the default codebook. The caller frees with qa_dataset_free. */
void qa_test_import(const char *path, const char *codebook_path, qa_dataset *dataset);

#endif
