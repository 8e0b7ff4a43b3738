/* The Diagnostics sheet: dropped cases and why, every model's method, separation and
 * convergence, VIFs of the joint models, unknown columns and the analysis' warnings. */
#include <math.h>

#include "labels.h"
#include "report_internal.h"

static qa_status dropped_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Row", "Line", "Case", "Reason"};
    qa_table *table = qa_report_add_table(report, sheet, "Dropped cases", 4, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->filter = table->freeze = true;
    table->columns[3].wrap = true;
    table->columns[3].width = 60;
    for (size_t i = 0; i < results->dropped_count; i++) {
        const qa_dropped_case *d = &results->dropped[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_count(d->row + 1); /* 1-based for readers */
        row[1] = qa_cell_number((double)d->line, QA_FORMAT_INTEGER);
        row[2] = qa_cell_text(qa_report_text(report, "%s", d->case_id));
        row[3] = qa_cell_text(qa_report_text(report, "%s", d->reason));
    }
    if (results->dropped_count == 0)
        qa_table_add_note(report, table, qa_report_label(report, "None."));
    return QA_OK;
}

static qa_status models_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Model",      "Kind",  "Method", "Separated", "Converged",
                                          "Iterations", "Cases", "Events", "Reason"};
    qa_table *table = qa_report_add_table(report, sheet, "Models", 9, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < results->model_count; i++) {
        const qa_model_result *m = &results->models[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        bool cox = m->kind == QA_MODEL_COX;
        row[0] = qa_cell_text(qa_report_text(report, "%s", m->name));
        row[0].link = qa_report_model_anchor(report, m);
        row[1] = qa_cell_text(cox ? "Cox" : "logit");
        row[2] = qa_cell_text(
            cox ? NULL : qa_report_label(report, m->method == QA_LOGIT_FIRTH ? "Firth" : "ML"));
        row[3] = qa_cell_text(cox ? NULL : qa_report_label(report, m->separated ? "yes" : "no"));
        if (m->available) {
            row[4] = qa_cell_text(qa_report_label(report, m->converged ? "yes" : "no"));
            row[5] = qa_cell_number(m->iterations, QA_FORMAT_INTEGER);
            row[6] = qa_cell_count(m->n);
            row[7] = qa_cell_count(m->events);
        } else {
            row[8] = qa_cell_text(qa_report_text(report, "%s", m->reason));
        }
    }
    return QA_OK;
}

static qa_status vif_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Model", "Term", "VIF"};
    qa_table *table = qa_report_add_table(report, sheet, "Variance inflation factors", 3, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < results->model_count; i++) {
        const qa_model_result *m = &results->models[i];
        for (size_t k = 0; k < m->term_count; k++) {
            if (!isfinite(m->terms[k].vif))
                continue;
            qa_cell *row = qa_table_add_row(report, table);
            if (!row)
                return QA_ERR_MEMORY;
            row[0] = qa_cell_text(qa_report_text(report, "%s", m->name));
            row[1] = qa_cell_text(qa_report_text(report, "%s", m->terms[k].term));
            row[2] = qa_cell_number(m->terms[k].vif, QA_FORMAT_DECIMAL2);
        }
    }
    if (table->row_count == 0)
        qa_table_add_note(report, table, qa_report_label(report, "None."));
    return QA_OK;
}

static qa_status list_table(qa_report *report, qa_sheet *sheet, const char *title,
                            const char *header, char *const *items, size_t count)
{
    const char *headers[] = {header};
    qa_table *table = qa_report_add_table(report, sheet, title, 1, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[0].wrap = true;
    table->columns[0].width = 100;
    for (size_t i = 0; i < count; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_text(report, "%s", items[i]));
    }
    if (count == 0)
        qa_table_add_note(report, table, qa_report_label(report, "None."));
    return QA_OK;
}

qa_status qa_report_diagnostics_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Diagnostics"));
    if (!sheet)
        return QA_ERR_MEMORY;
    qa_status status = dropped_table(report, sheet, results);
    if (status == QA_OK)
        status = models_table(report, sheet, results);
    if (status == QA_OK)
        status = vif_table(report, sheet, results);
    if (status == QA_OK)
        status = list_table(report, sheet, "Unknown columns (ignored)", "Column",
                            results->unknown_columns, results->unknown_column_count);
    if (status == QA_OK)
        status = list_table(report, sheet, "Warnings", "Warning", results->warnings,
                            results->warning_count);
    return status;
}
