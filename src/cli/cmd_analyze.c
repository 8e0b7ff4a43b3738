/* qareport analyze: import, the ten tests (per group with --by), the workbook, JSON and the
 * terminal summary. Outputs go through temporary files, so a failure never leaves a
 * half-written report; none may overwrite the input. */
#include "commands.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qareport/analysis.h"
#include "cli_args.h"
#include "cli_support.h"
#include "qareport/render.h"
#include "qareport/render_tables.h"
#include "qareport/report_tables.h"

typedef struct {
    const qa_results *results;
    const qa_group_results *groups;
    const qa_render_context *context;
} json_job;

static void write_json(FILE *out, const void *context)
{
    const json_job *job = context;
    if (job->groups)
        qa_render_json_groups(job->groups, job->context, out);
    else
        qa_render_json_analysis(job->results, job->context, out);
    fputc('\n', out);
}

/* Runs the analysis (grouped or not) and the robustness checks. */
static qa_status analyse(const qa_dataset *dataset, const qa_analyze_args *args,
                         qa_results *results, qa_group_results *groups, qa_error *error)
{
    if (args->options.by[0])
        return qa_analysis_run_groups(dataset, &args->options, groups, error);
    return qa_analysis_run_full(dataset, &args->options, results, error);
}

/* The workbook: the results, the cases as analysed (derived years; the rows --where keeps)
 * and the codebook. Returns the exit status. */
static int workbook_write(const qa_analyze_args *args, const qa_dataset *dataset,
                          const qa_codebook *codebook, const qa_results *results,
                          const qa_group_results *grouped, const char *command,
                          const char *report_path)
{
    char versions[512];
    qa_cli_tool_versions(versions, sizeof versions);
    qa_derived derived;
    memset(&derived, 0, sizeof derived);
    qa_error_list ignored;
    qa_error_list_init(&ignored, 1);
    /* the analysis already checked the years: this cannot fail where it succeeded; only the
     * Data sheet shows the derived columns (a million rows: 33 MB and 20 ms saved without) */
    bool have_derived = args->data_sheet != QA_DATA_SHEET_NEVER &&
                        qa_dataset_derive(dataset, args->options.durable_years, args->options.as_of,
                                          &derived, &ignored) == QA_OK;
    qa_error_list_free(&ignored);
    unsigned char *kept = NULL;
    int exit_code = 0;
    if (args->options.condition_count) {
        qa_error error;
        kept = malloc(dataset->rows ? dataset->rows : 1);
        qa_status status =
            kept ? qa_analysis_select_rows(dataset, &args->options, kept, &error)
                 : qa_error_set(&error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
        if (status != QA_OK) {
            qa_cli_print_error(&error);
            exit_code = qa_status_exit_code(status);
        }
    }
    if (exit_code == 0) {
        qa_workbook_input input = {
            results,          grouped, dataset,  have_derived ? &derived : NULL,
            codebook,         command, versions, args->language,
            args->data_sheet, kept};
        const char *inputs[1] = {args->data_path};
        qa_report report;
        qa_report_init(&report, args->language, results->options.alpha);
        qa_error error;
        qa_status status = qa_report_build(&input, &report, &error);
        if (status == QA_OK) {
            exit_code = qa_cli_write_workbook(report_path, inputs, 1, &report);
        } else {
            qa_cli_print_error(&error);
            exit_code = qa_status_exit_code(status);
        }
        qa_report_free(&report);
    }
    free(kept);
    qa_derived_free(&derived);
    return exit_code;
}

/* The terminal summary: the ten verdicts as an aligned table that fits 80 columns (the
 * compact Summary table), or with --by each group's and the difference z tests. Built, then
 * drawn. */
static void summary_draw(const qa_analyze_args *args, const qa_results *results,
                         const qa_group_results *grouped, FILE *out)
{
    qa_report report;
    qa_error error;
    qa_report_init(&report, args->language, results->options.alpha);
    qa_status status = grouped ? qa_report_build_groups_summary(grouped, &report, &error)
                               : qa_report_build_summary(results, true, &report, &error);
    if (status == QA_OK)
        qa_render_text_sheet(&report.sheets[0], out);
    else
        fprintf(out, "%s\n", error.message);
    qa_report_free(&report);
}

static void summary_print(const qa_analyze_args *args, const qa_results *results,
                          const qa_group_results *grouped, const char *report_path)
{
    FILE *out = args->json_path && strcmp(args->json_path, "-") == 0 ? stderr : stdout;
    summary_draw(args, grouped ? &grouped->groups[0] : results, grouped, out);
    fprintf(out, "workbook: %s\n", report_path);
}

/* --figures DIR: the figures of the analysis; with --by, each group's in DIR/<group>/. */
static int figures_write_one(const qa_results *results, const char *directory,
                             const char *data_path, qa_language language)
{
    qa_report report;
    qa_error error;
    qa_report_init(&report, language, results->options.alpha);
    qa_status status = qa_report_build_figures(results, &report, &error);
    const char *inputs[1] = {data_path};
    if (status == QA_OK)
        status = qa_render_figures(&report, directory, inputs, 1, &error);
    qa_report_free(&report);
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        return qa_status_exit_code(status);
    }
    return 0;
}

static int figures_write(const qa_analyze_args *args, const qa_results *results,
                         const qa_group_results *grouped)
{
    if (!grouped)
        return figures_write_one(results, args->figures_path, args->data_path, args->language);
    for (size_t g = 0; g < grouped->group_count; g++) {
        char directory[4096], name[QA_NAME_TEXT];
        snprintf(name, sizeof name, "%s", grouped->group_names[g]);
        for (char *c = name; *c; c++)
            if (*c == '/' || *c == '\\' || (c == name && *c == '.'))
                *c = '_';
        snprintf(directory, sizeof directory, "%s/%s", args->figures_path, name);
        int exit_code =
            figures_write_one(&grouped->groups[g], directory, args->data_path, args->language);
        if (exit_code != 0)
            return exit_code;
    }
    return 0;
}

/* --tables FILE: the regression tables, as LaTeX, Markdown or HTML by the extension; with --by,
 * each group's tables one after another. */
typedef struct {
    const qa_paper_tables *tables;
    qa_tables_format format;
} tables_job;

static void write_tables(FILE *out, const void *context)
{
    const tables_job *job = context;
    qa_render_tables(job->tables, job->format, out);
}

static int tables_write(const qa_analyze_args *args, const qa_results *results,
                        const qa_group_results *grouped)
{
    qa_error error;
    qa_tables_format format;
    qa_paper_tables tables;
    qa_paper_tables_init(&tables, args->language);
    qa_status status = qa_tables_format_for_path(args->tables_path, &format, &error);
    size_t count = grouped ? grouped->group_count : 1;
    for (size_t g = 0; g < count && status == QA_OK; g++) {
        char group[2 * QA_NAME_TEXT + 4] = "";
        if (grouped)
            snprintf(group, sizeof group, "%s = %s", grouped->column, grouped->group_names[g]);
        status = qa_paper_tables_build(grouped ? &grouped->groups[g] : results,
                                       grouped ? group : NULL, &args->tables, &tables, &error);
    }
    int exit_code = 0;
    if (status == QA_OK) {
        tables_job job = {&tables, format};
        const char *inputs[1] = {args->data_path};
        exit_code = qa_cli_write_text(args->tables_path, inputs, 1, write_tables, &job);
    } else {
        qa_cli_print_error(&error);
        exit_code = qa_status_exit_code(status);
    }
    qa_paper_tables_free(&tables);
    return exit_code;
}

/* Progress of long work (bootstrap, case influence) on stderr. On a terminal: one line
 * "qareport: STAGE N%" rewritten in place (carriage return) when the percentage changes, and
 * wiped when the stage ends, when another starts and before anything else is printed, so that
 * no half line is left in front of the summary or an error. Otherwise (a log, a pipe): a line
 * "qareport: STAGE N%" at each further 10%, but only once the stage has run two seconds, so
 * that quick runs log nothing; no carriage return ever reaches a log. With --by the stages
 * repeat for each group: a percentage below the last one starts the count again. */
typedef struct {
    bool terminal;
    char stage[32];
    struct timespec started;
    int decile;   /* last 10% step printed (log) */
    int percent;  /* last percentage seen, -1 before any */
    bool shown;   /* terminal: a progress line is on the screen */
    size_t width; /* terminal: its length in characters */
} progress_state;

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) * 1e-9;
}

/* Wipes the terminal's progress line, if one is shown. */
static void progress_clear(progress_state *state)
{
    if (state->terminal && state->shown) {
        fprintf(stderr, "\r%*s\r", (int)state->width, "");
        fflush(stderr);
    }
    state->shown = false;
}

static void progress_show(void *context, const char *stage, size_t done, size_t total)
{
    progress_state *state = context;
    int percent = (int)(total ? (done >= total ? 100 : done * 100 / total) : 100);
    if (strncmp(state->stage, stage, sizeof state->stage - 1) != 0) {
        progress_clear(state);
        snprintf(state->stage, sizeof state->stage, "%s", stage);
        clock_gettime(CLOCK_MONOTONIC, &state->started);
        state->decile = 0;
        state->percent = -1;
    } else if (percent < state->percent) {
        state->decile = 0; /* the same stage again (the next group of --by) */
    }
    bool changed = percent != state->percent;
    state->percent = percent;
    if (state->terminal) {
        if (percent == 100) {
            progress_clear(state);
        } else if (changed || !state->shown) {
            int n = fprintf(stderr, "\rqareport: %s %d%%", state->stage, percent);
            size_t width = n > 1 ? (size_t)n - 1 : 0;
            if (state->shown && width < state->width) /* wipe what the longer line left */
                fprintf(stderr, "%*s", (int)(state->width - width), "");
            state->width = width > state->width || !state->shown ? width : state->width;
            state->shown = true;
            fflush(stderr);
        }
        return;
    }
    int decile = percent / 10;
    if (decile > state->decile && seconds_since(&state->started) >= 2.0) {
        fprintf(stderr, "qareport: %s %d%%\n", state->stage, decile * 10);
        fflush(stderr);
    }
    if (decile > state->decile)
        state->decile = decile;
}

int qa_cmd_analyze(int argc, char **argv)
{
    qa_analyze_args args;
    qa_error error;
    qa_error_clear(&error);
    if (qa_analyze_args_parse(argc, argv, &args, &error) != QA_OK) {
        qa_cli_print_error(&error);
        return 2;
    }
    progress_state progress = {isatty(STDERR_FILENO) != 0, "", {0, 0}, 0, -1, false, 0};
    if (!args.quiet) {
        args.options.progress = progress_show;
        args.options.progress_context = &progress;
    }
    qa_codebook codebook;
    qa_dataset dataset;
    qa_cli_print_warnings(args.warnings, args.warning_count);
    int exit_code =
        qa_cli_load(args.data_path, args.codebook_path, 20, args.data_sheet == QA_DATA_SHEET_NEVER,
                    &args.import, &codebook, &dataset);
    if (exit_code != 0)
        return exit_code;
    qa_cli_check_as_of(&dataset, args.options.as_of);
    qa_results results;
    qa_results_init(&results);
    qa_group_results groups;
    memset(&groups, 0, sizeof groups);
    qa_status status = analyse(&dataset, &args, &results, &groups, &error);
    progress_clear(&progress); /* a stage cut short leaves no half line */
    if (status != QA_OK) {
        qa_cli_print_error(&error);
        exit_code = qa_status_exit_code(status);
    } else {
        char command[8192], report_path[4096];
        qa_cli_command_line("qareport", argc, argv, command, sizeof command);
        const qa_group_results *grouped = args.options.by[0] ? &groups : NULL;
        if (args.output_path)
            snprintf(report_path, sizeof report_path, "%s", args.output_path);
        else
            qa_default_report_path(args.data_path, ".xlsx", report_path, sizeof report_path);
        exit_code =
            workbook_write(&args, &dataset, &codebook, grouped ? &groups.groups[0] : &results,
                           grouped, command, report_path);
        if (exit_code == 0 && args.json_path) {
            qa_render_context context = {command};
            json_job job = {&results, grouped, &context};
            const char *inputs[1] = {args.data_path};
            exit_code = qa_cli_write_text(args.json_path, inputs, 1, write_json, &job);
        }
        if (exit_code == 0 && args.figures_path)
            exit_code = figures_write(&args, &results, grouped);
        if (exit_code == 0 && args.tables_path)
            exit_code = tables_write(&args, &results, grouped);
        if (exit_code == 0 && !args.quiet)
            summary_print(&args, &results, grouped, report_path);
    }
    qa_results_free(&results);
    qa_group_results_free(&groups);
    qa_dataset_free(&dataset);
    qa_codebook_free(&codebook);
    return exit_code;
}
