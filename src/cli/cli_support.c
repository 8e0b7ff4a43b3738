/* Shared by the commands; see cli_support.h. */
#include "cli_support.h"

#include <csv.h>
#include <glpk.h>
#include <gsl/gsl_version.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "qareport/import.h"
#include "qareport/output_file.h"
#include "qareport/render.h"
#include "qareport/text_clean.h"

void qa_cli_print_error(const qa_error *error)
{
    char text[2048];
    qa_error_format(error, text, sizeof text);
    fprintf(stderr, "qareport: %s\n", text);
}

void qa_cli_print_warnings(const char (*warnings)[QA_CLI_WARNING_TEXT], size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char text[QA_CLI_WARNING_TEXT];
        qa_text_clean_into(text, sizeof text, warnings[i], QA_TEXT_NO_LIMIT);
        fprintf(stderr, "qareport: warning: %s\n", text);
    }
}

void qa_cli_check_as_of(const qa_dataset *dataset, int as_of)
{
    if (as_of > 0 && qa_dataset_as_of_cases(dataset) == 0)
        fprintf(stderr,
                "qareport: warning: --as-of %d changes no case: every ongoing formed case has "
                "its own observation year (observed_until or end_year)\n",
                as_of);
}

int qa_cli_load(const char *data_path, const char *codebook_path, size_t shown, bool skip_text,
                const qa_import_options *import, qa_codebook *codebook, qa_dataset *dataset)
{
    qa_error error;
    qa_error_clear(&error);
    qa_status status = codebook_path ? qa_codebook_read(codebook_path, codebook, &error)
                                     : qa_codebook_default(codebook, &error);
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        return qa_status_exit_code(status);
    }
    qa_error_list problems;
    qa_error_list_init(&problems, QA_ERROR_LIMIT);
    qa_import_options options = {0};
    if (import)
        options = *import;
    options.skip_text_columns = skip_text;
    qa_dataset_init(dataset);
    status = qa_import_file(data_path, codebook, &options, dataset, &problems);
    if (status != QA_OK) {
        size_t total = problems.count + problems.dropped;
        char path[QA_PATH_TEXT];
        qa_text_clean_into(path, sizeof path, data_path, QA_TEXT_NO_LIMIT);
        for (size_t i = 0; i < problems.count && i < shown; i++)
            qa_cli_print_error(&problems.items[i]);
        if (total > shown)
            fprintf(stderr, "qareport: %zu more problem%s; `qareport validate %s` lists them all\n",
                    total - shown, total - shown == 1 ? "" : "s", path);
        if (problems.count == 0)
            fprintf(stderr, "qareport: %s: cannot read the dataset (%s)\n", path,
                    qa_status_name(status));
        qa_error_list_free(&problems);
        qa_codebook_free(codebook);
        return qa_status_exit_code(status);
    }
    qa_error_list_free(&problems);
    return 0;
}

static bool needs_quotes(const char *arg)
{
    if (!*arg)
        return true;
    for (const char *c = arg; *c; c++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=./,:@%", *c))
            return true;
    return false;
}

void qa_cli_command_line(const char *program, int argc, char **argv, char *buffer, size_t size)
{
    size_t used = (size_t)snprintf(buffer, size, "%s", program);
    for (int i = 0; i < argc && used < size; i++) {
        const char *arg = argv[i];
        if (!needs_quotes(arg)) {
            used += (size_t)snprintf(buffer + used, size - used, " %s", arg);
            continue;
        }
        used += (size_t)snprintf(buffer + used, size - used, " '");
        for (const char *c = arg; *c && used < size; c++)
            used += (size_t)(*c == '\'' ? snprintf(buffer + used, size - used, "'\\''")
                                        : snprintf(buffer + used, size - used, "%c", *c));
        if (used < size)
            used += (size_t)snprintf(buffer + used, size - used, "'");
    }
}

void qa_cli_tool_versions(char *buffer, size_t size)
{
    snprintf(buffer, size, "qareport %s; libxlsxwriter %s; GSL %s; libcsv %d.%d.%d; GLPK %s",
             QA_VERSION, LXW_VERSION, GSL_VERSION, CSV_MAJOR, CSV_MINOR, CSV_RELEASE,
             glp_version());
}

int qa_cli_write_workbook(const char *path, const char *const *inputs, int input_count,
                          const qa_report *report)
{
    qa_error error;
    qa_error_clear(&error);
    qa_output_file file;
    qa_status status = qa_output_begin(&file, path, inputs, input_count, false, &error);
    if (status == QA_OK) {
        status = qa_render_xlsx(report, file.temp_path, &error);
        if (status == QA_OK)
            status = qa_output_commit(&file, &error);
        else
            qa_output_abort(&file);
    }
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        return qa_status_exit_code(status);
    }
    return 0;
}

int qa_cli_write_text(const char *path, const char *const *inputs, int input_count,
                      qa_cli_writer write, const void *context)
{
    if (strcmp(path, "-") == 0) {
        write(stdout, context);
        return fflush(stdout) == 0 ? 0 : 3;
    }
    qa_output_file file;
    qa_error error;
    qa_error_clear(&error);
    qa_status status = qa_output_begin(&file, path, inputs, input_count, true, &error);
    if (status == QA_OK) {
        write(file.stream, context);
        status = qa_output_commit(&file, &error);
    }
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        return qa_status_exit_code(status);
    }
    return 0;
}
