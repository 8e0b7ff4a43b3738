/* qareport compare: two coded datasets — inter-coder agreement, disagreements, and whether
 * the disagreements flip any of the ten verdicts; or two case sets side by side. */
#include "qareport/cli.h"

#include <stdio.h>
#include <string.h>

#include "qareport/cli_args.h"
#include "qareport/cli_support.h"
#include "qareport/compare.h"
#include "qareport/render.h"
#include "qareport/render_compare.h"
#include "qareport/report.h"

enum { COMPARE_BOOTSTRAP = 1000 };

typedef struct {
    const qa_compare_result *result;
    const qa_render_context *context;
} json_job;

static void write_json(FILE *out, const void *context)
{
    const json_job *job = context;
    qa_render_json_compare(job->result, job->context, out);
    fputc('\n', out);
}

int qa_cmd_compare(int argc, char **argv)
{
    qa_compare_args args;
    qa_error error;
    qa_error_clear(&error);
    if (qa_compare_args_parse(argc, argv, &args, &error) != QA_OK) {
        qa_cli_print_error(&error);
        return 2;
    }
    qa_codebook codebook_a, codebook_b;
    qa_dataset a, b;
    int exit_code = qa_cli_load(args.a_path, args.codebook_path, 20, true, &codebook_a, &a);
    if (exit_code != 0)
        return exit_code;
    exit_code = qa_cli_load(args.b_path, args.codebook_path, 20, true, &codebook_b, &b);
    if (exit_code != 0) {
        qa_dataset_free(&a);
        qa_codebook_free(&codebook_a);
        return exit_code;
    }
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    options.seed = args.seed;
    qa_compare_result result;
    qa_status status = qa_compare_run(&a, &b, &options, COMPARE_BOOTSTRAP, &result, &error);
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        exit_code = qa_status_exit_code(status);
        goto done;
    }
    char command[8192], versions[512], report_path[4096];
    qa_cli_command_line("qareport", argc, argv, command, sizeof command);
    qa_cli_tool_versions(versions, sizeof versions);
    qa_render_context context = {command};
    if (args.output_path)
        snprintf(report_path, sizeof report_path, "%s", args.output_path);
    else
        qa_default_report_path(args.a_path, "_compare.xlsx", report_path, sizeof report_path);
    const char *inputs[2] = {args.a_path, args.b_path};
    qa_compare_workbook_input input = {&result, &codebook_a, command, versions, args.language};
    qa_report report;
    qa_report_init(&report, args.language, options.alpha);
    status = qa_report_build_compare(&input, &report, &error);
    if (status == QA_OK) {
        exit_code = qa_cli_write_workbook(report_path, inputs, 2, &report);
    } else {
        qa_cli_print_error(&error);
        exit_code = qa_status_exit_code(status);
    }
    qa_report_free(&report);
    if (exit_code == 0 && args.json_path) {
        json_job job = {&result, &context};
        exit_code = qa_cli_write_text(args.json_path, inputs, 2, write_json, &job);
    }
    if (exit_code == 0 && !args.quiet) {
        FILE *out = args.json_path && strcmp(args.json_path, "-") == 0 ? stderr : stdout;
        qa_render_text_compare(&result, out);
        fprintf(out, "workbook: %s\n", report_path);
    }
done:
    qa_compare_result_free(&result);
    qa_dataset_free(&a);
    qa_dataset_free(&b);
    qa_codebook_free(&codebook_a);
    qa_codebook_free(&codebook_b);
    return exit_code;
}
