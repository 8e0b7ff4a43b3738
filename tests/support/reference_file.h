/* reference_file.h: compares a program's flattened JSON (json_flat.h) with a reference file
 * of `key value` lines written by an R script in tests/reference/ (the .expected files):
 * numbers with qa_test_close (relative 1e-6, tiny values on the log scale, an absolute 1e-10
 * only for a zero reference), null/true/false and strings exactly. */
#ifndef QAREPORT_REFERENCE_FILE_H
#define QAREPORT_REFERENCE_FILE_H

#include <stddef.h>

#include "json_flat.h"

/* Compares every line of the file at expected_path; prints each mismatch (prefixed with
 * label) with cmocka's print_message and returns their number; *compared gets the number
 * of lines compared. A file that cannot be read counts as one mismatch. */
size_t qa_flat_compare_file(const qa_flat *flat, const char *expected_path, const char *label,
                            size_t *compared);

#endif
