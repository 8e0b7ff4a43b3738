/* cli_args.h: parsing the arguments of `qareport analyze` and `qareport compare` into
 * plain structs, separately from running them, so the parsing can be tested alone. */
#ifndef QAREPORT_CLI_ARGS_H
#define QAREPORT_CLI_ARGS_H

#include <stdbool.h>

#include "qareport/error.h"
#include "qareport/import.h"
#include "qareport/render.h"
#include "qareport/render_tables.h"
#include "qareport/report_tables.h"
#include "qareport/results.h"

enum { QA_CLI_WARNINGS = 8, QA_CLI_WARNING_TEXT = 192 };

typedef struct {
    const char *data_path;
    const char *codebook_path; /* NULL: default codebook */
    const char *output_path;   /* NULL: reports/<dataset name>.xlsx */
    const char *json_path;     /* NULL: none; "-" stdout */
    const char *figures_path;  /* --figures DIR: NULL none */
    const char *tables_path;   /* --tables FILE.tex|.md|.html: NULL none */
    qa_paper_options tables;   /* --tables-ci, --stars */
    qa_language language;
    bool quiet;
    qa_data_sheet_mode data_sheet;
    qa_analysis_options options;
    qa_import_options import; /* --delimiter, --encoding, --skip */
    size_t warning_count;     /* e.g. an option given twice: printed by the command */
    char warnings[QA_CLI_WARNINGS][QA_CLI_WARNING_TEXT];
} qa_analyze_args;

typedef struct {
    const char *a_path, *b_path;
    const char *codebook_path;
    const char *output_path;
    const char *json_path;
    qa_language language;
    bool quiet;
    unsigned long seed;
    qa_import_options import; /* --delimiter, --encoding */
    size_t warning_count;
    char warnings[QA_CLI_WARNINGS][QA_CLI_WARNING_TEXT];
} qa_compare_args;

/* argv[0] is the verb. On a usage problem returns QA_ERR_USAGE with a message (an unknown
 * option with a did-you-mean). An option given twice (but --where, --skip) is a warning: the
 * last value counts. */
qa_status qa_analyze_args_parse(int argc, char **argv, qa_analyze_args *args, qa_error *error);
qa_status qa_compare_args_parse(int argc, char **argv, qa_compare_args *args, qa_error *error);

/* The input options shared by every command that reads data: --delimiter C (',' ';' tab or
 * "tab"), --encoding NAME, --skip H1[,H2..] (analyze and validate only: allow_skip). Returns
 * QA_OK with *handled = false when argv[*i] is none of them. */
qa_status qa_input_option_parse(int argc, char **argv, int *i, bool allow_skip,
                                qa_import_options *import, bool *handled, qa_error *error);

/* "--alpah": " (did you mean --alpha?)" from the options of `command`, else "". */
const char *qa_option_hint(const char *command, const char *option, char *buffer, size_t size);

/* "reports/<base name without extension><suffix>" into buffer. */
void qa_default_report_path(const char *data_path, const char *suffix, char *buffer,
                            unsigned long size);

#endif
