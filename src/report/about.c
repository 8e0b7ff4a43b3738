/* The About sheet: what produced the workbook and how to reproduce it — tool and library
 * versions, the exact command, the input file and its SHA-256, every option, counts. */
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

#ifndef QA_VERSION
#define QA_VERSION "unknown"
#endif

static qa_status add_text(qa_report *report, qa_table *table, const char *item, const char *value)
{
    qa_cell *row = qa_table_add_row(report, table);
    if (!row)
        return QA_ERR_MEMORY;
    row[0] = qa_cell_text(qa_report_label(report, item));
    row[1] = qa_cell_text(value);
    return QA_OK;
}

/* An option that was not given says so, rather than leaving a blank a reader must guess at. */
static qa_status add_option(qa_report *report, qa_table *table, const char *item, const char *value)
{
    return add_text(report, table, item,
                    value && value[0] ? value : qa_report_label(report, "(not given)"));
}

static qa_status add_number(qa_report *report, qa_table *table, const char *item, double value,
                            qa_number_format format)
{
    qa_cell *row = qa_table_add_row(report, table);
    if (!row)
        return QA_ERR_MEMORY;
    row[0] = qa_cell_text(qa_report_label(report, item));
    row[1] = qa_cell_number(value, format);
    return QA_OK;
}

static const char *joined_controls(qa_report *report, const qa_analysis_options *o)
{
    char text[QA_MAX_CONTROLS * (QA_NAME_TEXT + 1)] = "";
    for (size_t i = 0; i < o->control_count && i < QA_MAX_CONTROLS; i++) {
        if (i)
            strcat(text, ",");
        strcat(text, o->controls[i]);
    }
    return qa_report_text(report, "%s", text);
}

static const char *joined_conditions(qa_report *report, const qa_analysis_options *o)
{
    char text[QA_MAX_CONDITIONS * (2 * QA_NAME_TEXT + 2)] = "";
    for (size_t i = 0; i < o->condition_count && i < QA_MAX_CONDITIONS; i++) {
        if (i)
            strcat(text, "; ");
        strcat(text, o->conditions[i].column);
        strcat(text, "=");
        strcat(text, o->conditions[i].value);
    }
    return qa_report_text(report, "%s", text);
}

/* The hypotheses the user said the data do not measure (--skip): their tests carry the reason
 * "not measured (--skip Hk)" (analysis/primary.c), e.g. "H4 cognitive, H5 value". */
static const char *skipped_hypotheses(qa_report *report, const qa_results *r)
{
    char text[QA_HYPOTHESIS_COUNT * (QA_NAME_TEXT + 8)] = "";
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        const qa_test_result *t = &r->tests[k * QA_OUTCOME_COUNT + QA_OUTCOME_FORMATION];
        if (t->testable || strncmp(t->reason, "not measured", 12) != 0)
            continue;
        size_t used = strlen(text);
        snprintf(text + used, sizeof text - used, "%s%s %s", used ? ", " : "", qa_hypothesis_id(k),
                 qa_label_measure(report->language, k));
    }
    return qa_report_text(report, "%s", text);
}

static qa_status option_rows(qa_report *report, qa_table *table, const qa_workbook_input *input)
{
    const qa_analysis_options *o = &input->results->options;
    static const char *const sheet_modes[] = {"auto", "always", "never"};
    qa_status s = add_number(report, table, "Alpha", o->alpha, QA_FORMAT_GENERAL);
    if (s == QA_OK)
        s = add_text(report, table, "Adjustment", qa_adjust_name(o->adjust));
    if (s == QA_OK)
        s = add_text(report, table, "Sided", o->one_sided ? "one" : "two");
    if (s == QA_OK)
        s = add_number(report, table, "Durable years (T)", o->durable_years, QA_FORMAT_INTEGER);
    if (s == QA_OK)
        s = o->as_of ? add_number(report, table, "As of", o->as_of, QA_FORMAT_INTEGER)
                     : add_option(report, table, "As of", NULL);
    if (s == QA_OK)
        s = add_text(report, table, "Firth", qa_firth_name(o->firth));
    if (s == QA_OK)
        s = add_text(
            report, table, "Durability decided by",
            qa_report_label(
                report,
                o->durability == QA_DURABILITY_COX
                    ? "cox: -B of cox_<measure>, Wald p (the T-year logit is a specification)"
                    : "logit: durable = more than T years (the Cox model is a specification)"));
    if (s == QA_OK)
        s = add_text(
            report, table, "Controls in",
            qa_report_label(
                report,
                o->controls_in == QA_CONTROLS_IN_ALL
                    ? "all: every primary model (logit and Cox); verdicts are partial effects"
                    : "joint: the joint models only; primary verdicts are bivariate"));
    if (s == QA_OK)
        s = add_text(
            report, table, "Case and member influence (--influence)",
            qa_report_label(report, o->influence == QA_INFLUENCE_NONE
                                        ? "none: not computed (--influence none)"
                                        : "all: leave one case out, leave one shared member out "
                                          "(Robustness sheet)"));
    if (s == QA_OK)
        s = add_number(report, table, "Bootstrap replicates", (double)o->bootstrap,
                       QA_FORMAT_INTEGER);
    if (s == QA_OK)
        s = add_number(report, table, "Seed", (double)o->seed, QA_FORMAT_INTEGER);
    if (s == QA_OK)
        s = add_option(report, table, "Controls", joined_controls(report, o));
    if (s == QA_OK)
        s = add_option(report, table, "Where", joined_conditions(report, o));
    if (s == QA_OK)
        s = add_option(report, table, "By", qa_report_text(report, "%s", o->by));
    if (s == QA_OK)
        s = add_option(report, table, "Not measured (--skip)",
                       skipped_hypotheses(report, input->results));
    if (s == QA_OK)
        s = add_text(report, table, "Data sheet", sheet_modes[input->data_sheet]);
    if (s == QA_OK)
        s = add_text(report, table, "Language", input->language == QA_LANG_ZH ? "zh" : "en");
    return s;
}

static qa_status count_rows(qa_report *report, qa_table *table, const qa_results *r)
{
    const char *items[] = {"Rows",       "Cases used", "Formed",
                           "Not formed", "Ongoing",    "Censored before threshold"};
    const size_t counts[] = {r->input.rows,    r->input.cases_used,
                             r->formed_count,  r->not_formed_count,
                             r->ongoing_count, r->censored_before_threshold};
    for (int i = 0; i < 6; i++) {
        qa_status s = add_number(report, table, items[i], (double)counts[i], QA_FORMAT_INTEGER);
        if (s != QA_OK)
            return s;
    }
    return QA_OK;
}

qa_status qa_report_about_sheet(qa_report *report, const qa_workbook_input *input)
{
    static const char *const headers[] = {"Item", "Value"};
    const qa_results *r = input->results;
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "About"));
    qa_table *table = qa_report_add_table(report, sheet, "Options and provenance", 2, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->freeze = true;
    table->columns[1].left = true;
    const char *codebook = input->codebook && input->codebook->path[0]
                               ? qa_report_text(report, "%s", input->codebook->path)
                               : qa_report_label(report, "default");
    qa_status s = add_text(report, table, "Tool", "qareport");
    if (s == QA_OK)
        s = add_text(report, table, "Version", QA_VERSION);
    if (s == QA_OK)
        s = add_text(report, table, "Command",
                     input->command_line ? qa_report_text(report, "%s", input->command_line)
                                         : NULL);
    if (s == QA_OK)
        s = add_text(report, table, "Input file", qa_report_text(report, "%s", r->input.path));
    if (s == QA_OK)
        s = add_text(report, table, "SHA-256", qa_report_text(report, "%s", r->input.sha256));
    if (s == QA_OK)
        s = add_text(report, table, "Codebook file", codebook);
    if (s == QA_OK)
        s = option_rows(report, table, input);
    if (s == QA_OK)
        s = add_text(report, table, "Libraries",
                     input->tool_versions ? qa_report_text(report, "%s", input->tool_versions)
                                          : NULL);
    if (s == QA_OK)
        s = count_rows(report, table, r);
    qa_table_add_note(
        report, table,
        qa_report_label(
            report,
            "Run the command from the same directory to reproduce this workbook byte for byte."));
    return s;
}
