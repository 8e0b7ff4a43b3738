/* cli_args.h: parsing the arguments of `qareport analyze` and `qareport compare` into
 * plain structs, separately from running them, so the parsing can be tested alone. */
#ifndef QAREPORT_CLI_ARGS_H
#define QAREPORT_CLI_ARGS_H

#include <stdbool.h>

#include "qareport/error.h"
#include "qareport/render.h"
#include "qareport/results.h"

typedef struct {
    const char *data_path;
    const char *codebook_path; /* NULL: default codebook */
    const char *output_path;   /* NULL: reports/<dataset name>.xlsx */
    const char *json_path;     /* NULL: none; "-" stdout */
    const char *figures_path;  /* --figures DIR: NULL none */
    qa_language language;
    bool quiet;
    qa_data_sheet_mode data_sheet;
    qa_analysis_options options;
} qa_analyze_args;

typedef struct {
    const char *a_path, *b_path;
    const char *codebook_path;
    const char *output_path;
    const char *json_path;
    qa_language language;
    bool quiet;
    unsigned long seed;
} qa_compare_args;

/* argv[0] is the verb. On a usage problem returns QA_ERR_USAGE with a message. */
qa_status qa_analyze_args_parse(int argc, char **argv, qa_analyze_args *args, qa_error *error);
qa_status qa_compare_args_parse(int argc, char **argv, qa_compare_args *args, qa_error *error);

/* "reports/<base name without extension><suffix>" into buffer. */
void qa_default_report_path(const char *data_path, const char *suffix, char *buffer,
                            unsigned long size);

#endif
