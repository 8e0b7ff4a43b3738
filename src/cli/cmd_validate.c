/* qareport validate DATA.csv [-c CODEBOOK] [--as-of YEAR] [--durable-years T]: every problem
 * of the file on stderr as FILE:LINE:COLUMN: case ID: message (exit 2), or one summary line
 * on stdout (exit 0). */
#include "commands.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_args.h"
#include "cli_support.h"
#include "qareport/analysis.h"
#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"
#include "qareport/text_clean.h"

typedef struct {
    const char *data_path;
    const char *codebook_path;
    int as_of;
    int durable_years;
    qa_import_options import;
} validate_args;

static const char usage_text[] =
    "usage: qareport validate DATA [-c CODEBOOK] [--as-of YEAR] [--durable-years T]\n"
    "                         [--delimiter C] [--encoding NAME] [--skip H1,..]\n"
    "       (qareport validate --help explains them)\n";

static int parse_int(const char *text, int *value)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < 0 || v > 100000)
        return 0;
    *value = (int)v;
    return 1;
}

/* "--name value" or "--name=value"; NULL when argv[*i] is not this option. */
static const char *option(int argc, char **argv, int *i, const char *name, int *bad)
{
    size_t length = strlen(name);
    if (strncmp(argv[*i], name, length) != 0)
        return NULL;
    if (argv[*i][length] == '=')
        return argv[*i] + length + 1;
    if (argv[*i][length] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *bad = 1;
        return NULL;
    }
    return argv[++*i];
}

static int parse_args(int argc, char **argv, validate_args *args)
{
    memset(args, 0, sizeof *args);
    args->durable_years = QA_DEFAULT_DURABLE_YEARS;
    for (int i = 1; i < argc; i++) {
        int bad = 0;
        const char *value;
        bool handled;
        qa_error error;
        if (qa_input_option_parse(argc, argv, &i, true, &args->import, &handled, &error) != QA_OK) {
            fprintf(stderr, "qareport validate: %s\n", error.message);
            return 0;
        }
        if (handled)
            continue;
        if ((value = option(argc, argv, &i, "-c", &bad)) ||
            (value = option(argc, argv, &i, "--codebook", &bad)))
            args->codebook_path = value;
        else if ((value = option(argc, argv, &i, "--as-of", &bad)))
            bad = !parse_int(value, &args->as_of);
        else if ((value = option(argc, argv, &i, "--durable-years", &bad)))
            bad = !parse_int(value, &args->durable_years);
        else if (!bad && argv[i][0] == '-' && argv[i][1] != '\0') {
            char hint[160];
            fprintf(stderr,
                    "qareport validate: unknown option %s%s; see qareport validate --help\n",
                    argv[i], qa_option_hint("validate", argv[i], hint, sizeof hint));
            return 0;
        } else if (!bad && !args->data_path)
            args->data_path = argv[i];
        else
            bad = 1;
        if (bad) {
            fprintf(stderr, "qareport validate: bad argument '%s'\n%s", argv[i], usage_text);
            return 0;
        }
    }
    if (!args->data_path) {
        fputs(usage_text, stderr);
        return 0;
    }
    return 1;
}

static void print_problems(const qa_error_list *errors)
{
    char line[1024];
    for (size_t i = 0; i < errors->count; i++) {
        qa_error_format(&errors->items[i], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    if (errors->dropped)
        fprintf(stderr, "... and %zu more problems not shown\n", errors->dropped);
}

static size_t missing_cells(const qa_dataset *dataset, const qa_column *column)
{
    size_t missing = 0;
    for (size_t row = 0; row < dataset->rows; row++)
        missing += isnan(column->values[row]);
    return missing;
}

static void print_summary(const qa_dataset *dataset, const qa_derived *derived)
{
    size_t not_formed = 0, blank = 0;
    for (size_t row = 0; row < dataset->rows; row++) {
        not_formed += derived->formed[row] == 0.0;
        blank += isnan(derived->formed[row]);
    }
    char path[sizeof dataset->path * 3]; /* each byte at most one U+FFFD when cleaned */
    qa_text_clean_into(path, sizeof path, dataset->path, QA_TEXT_NO_LIMIT);
    printf("%s: %zu cases (%zu formed, %zu not formed", path, dataset->rows, derived->formed_count,
           not_formed);
    if (blank)
        printf(", %zu formed blank", blank);
    printf("; %zu ongoing); missing cells:", derived->ongoing_count);
    const char *separator = " ";
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        for (size_t j = 0; j < dataset->measure_column_count[k]; j++) {
            const qa_column *column = &dataset->columns[dataset->measure_columns[k][j]];
            printf("%s%s %zu", separator, column->name, missing_cells(dataset, column));
            separator = ", ";
        }
    printf("\n");
    if (dataset->unknown_count) {
        fprintf(stderr, "%s: note: %zu column%s not in the codebook, ignored:", path,
                dataset->unknown_count, dataset->unknown_count == 1 ? "" : "s");
        for (size_t u = 0; u < dataset->unknown_count; u++)
            fprintf(stderr, "%s%s", u ? ", " : " ", dataset->unknown_columns[u]);
        fprintf(stderr, "\n");
    }
}

int qa_cmd_validate(int argc, char **argv)
{
    validate_args args;
    if (!parse_args(argc, argv, &args))
        return 2;
    qa_codebook codebook;
    qa_error error;
    qa_status status = args.codebook_path ? qa_codebook_read(args.codebook_path, &codebook, &error)
                                          : qa_codebook_default(&codebook, &error);
    if (status != QA_OK) {
        char line[1024];
        qa_error_format(&error, line, sizeof line);
        fprintf(stderr, "%s\n", line);
        return qa_status_exit_code(status);
    }
    qa_error_list errors;
    qa_error_list_init(&errors, QA_ERROR_LIMIT);
    qa_dataset dataset;
    qa_derived derived;
    memset(&derived, 0, sizeof derived);
    status = qa_import_file(args.data_path, &codebook, &args.import, &dataset, &errors);
    if (status == QA_OK)
        qa_cli_check_as_of(&dataset, args.as_of);
    if (status == QA_OK)
        status = qa_dataset_derive(&dataset, args.durable_years, args.as_of, &derived, &errors);
    if (status == QA_OK)
        status = qa_analysis_check_measures(&dataset, &errors);
    if (status == QA_OK)
        print_summary(&dataset, &derived);
    else
        print_problems(&errors);
    qa_derived_free(&derived);
    qa_dataset_free(&dataset);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    return qa_status_exit_code(status);
}
