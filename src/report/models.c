/* Formation, Durability and Survival sheets: SPSS-style blocks for each logit model (Model
 * Summary, Omnibus Tests, Hosmer and Lemeshow Test, Classification Table, Variables in the
 * Equation) and the Cox models, Kaplan–Meier medians and proportional-hazards tests. */
#include <math.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

static double percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : NAN;
}

static const char *model_heading(qa_report *report, const qa_model_result *m)
{
    const char *method = m->kind == QA_MODEL_COX       ? "Cox"
                         : m->method == QA_LOGIT_FIRTH ? qa_report_label(report, "Firth")
                                                       : qa_report_label(report, "ML");
    return qa_report_text(report, "%s: %s (%s; n = %zu, %s = %zu)",
                          qa_report_label(report, "Model"), m->name, method, m->n,
                          qa_report_label(report, "Events"), m->events);
}

static qa_table *block_start(qa_report *report, qa_sheet *sheet, const qa_model_result *m,
                             const char *title, size_t columns, const char *const *headers)
{
    qa_table *table = qa_report_add_table(report, sheet, title, columns, headers);
    if (table) {
        table->heading = model_heading(report, m);
        table->anchor = qa_report_model_anchor(report, m);
    }
    return table;
}

static qa_status unavailable_block(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    static const char *const headers[] = {"Reason"};
    qa_table *table = block_start(report, sheet, m, "not fitted", 1, headers);
    qa_cell *row = qa_table_add_row(report, table);
    if (!row)
        return QA_ERR_MEMORY;
    row[0] = qa_cell_text(qa_report_text(report, "%s", m->reason));
    return QA_OK;
}

static qa_status fit_tables(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    static const char *const summary_headers[] = {"-2 Log likelihood", "Cox & Snell R²",
                                                  "Nagelkerke R²", "McFadden R²", "AUC"};
    qa_table *table = block_start(report, sheet, m, "Model Summary", 5, summary_headers);
    qa_cell *row = qa_table_add_row(report, table);
    if (!row)
        return QA_ERR_MEMORY;
    row[0] = qa_cell_number(-2 * m->loglik, QA_FORMAT_DECIMAL3);
    row[1] = qa_cell_number(m->cox_snell_r2, QA_FORMAT_DECIMAL3);
    row[2] = qa_cell_number(m->nagelkerke_r2, QA_FORMAT_DECIMAL3);
    row[3] = qa_cell_number(m->mcfadden_r2, QA_FORMAT_DECIMAL3);
    row[4] = qa_cell_number(m->auc, QA_FORMAT_DECIMAL3);

    static const char *const omnibus_headers[] = {"", "Chi-square", "df", "Sig."};
    table = qa_report_add_table(report, sheet, "Omnibus Tests of Model Coefficients", 4,
                                omnibus_headers);
    if (!(row = qa_table_add_row(report, table)))
        return QA_ERR_MEMORY;
    table->columns[3].significance = true;
    row[0] = qa_cell_text(qa_report_label(report, "Model"));
    row[1] = qa_cell_number(m->lr_chi2, QA_FORMAT_DECIMAL3);
    row[2] = qa_cell_number(m->lr_df, QA_FORMAT_INTEGER);
    row[3] = qa_cell_number(m->lr_p, QA_FORMAT_P);

    static const char *const hl_headers[] = {"Chi-square", "df", "Sig."};
    table = qa_report_add_table(report, sheet, "Hosmer and Lemeshow Test", 3, hl_headers);
    if (!(row = qa_table_add_row(report, table)))
        return QA_ERR_MEMORY;
    row[0] = qa_cell_number(m->hl_chi2, QA_FORMAT_DECIMAL3);
    row[1] = m->hl_df >= 1 ? qa_cell_number(m->hl_df, QA_FORMAT_INTEGER) : qa_cell_text(NULL);
    row[2] = qa_cell_number(m->hl_p, QA_FORMAT_P);
    if (m->hl_df < 1)
        qa_table_add_note(
            report, table,
            qa_report_label(report, "Not computable: fewer than three occupied groups (df < 1)."));
    return QA_OK;
}

static qa_status classification_table(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    static const char *const headers[] = {"Observed", "Predicted 0", "Predicted 1",
                                          "Percentage Correct"};
    qa_table *table = qa_report_add_table(report, sheet, "Classification Table", 4, headers);
    for (int observed = 0; observed < 3; observed++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        if (observed == 0) {
            row[0] = qa_cell_number(0, QA_FORMAT_INTEGER);
            row[1] = qa_cell_count(m->tn);
            row[2] = qa_cell_count(m->fp);
            row[3] = qa_cell_number(percent(m->tn, m->tn + m->fp), QA_FORMAT_PERCENT);
        } else if (observed == 1) {
            row[0] = qa_cell_number(1, QA_FORMAT_INTEGER);
            row[1] = qa_cell_count(m->fn);
            row[2] = qa_cell_count(m->tp);
            row[3] = qa_cell_number(percent(m->tp, m->fn + m->tp), QA_FORMAT_PERCENT);
        } else {
            row[0] = qa_cell_text(qa_report_label(report, "Overall Percentage"));
            row[3] = qa_cell_number(percent(m->tn + m->tp, m->tn + m->fp + m->fn + m->tp),
                                    QA_FORMAT_PERCENT);
        }
    }
    qa_table_add_note(report, table, qa_report_label(report, "Cut value is .500."));
    return QA_OK;
}

static bool has_vif(const qa_model_result *m)
{
    for (size_t i = 0; i < m->term_count; i++)
        if (isfinite(m->terms[i].vif))
            return true;
    return false;
}

static void method_notes(qa_report *report, qa_table *table, const qa_model_result *m)
{
    if (m->method == QA_LOGIT_FIRTH && m->separated)
        qa_table_add_note(
            report, table,
            qa_report_label(
                report,
                "Firth penalized likelihood: separation was found, so the model was refitted "
                "(Heinze & "
                "Schemper 2002). Sig. is the penalized likelihood-ratio p; the CI is by profile "
                "penalized likelihood; -2 Log likelihood is penalized."));
    else if (m->method == QA_LOGIT_FIRTH)
        qa_table_add_note(report, table,
                          qa_report_label(report, "Firth penalized likelihood (--firth always). "
                                                  "Sig. is the penalized likelihood-ratio p; "
                                                  "the CI is by profile penalized likelihood."));
    else if (m->separated)
        qa_table_add_note(report, table,
                          qa_report_label(report, "Separation was found but the model was fitted "
                                                  "by ML (--firth never): estimates are "
                                                  "unreliable."));
    if (!m->converged)
        qa_table_add_note(report, table, qa_report_label(report, "Did not converge."));
}

/* What the member-robust columns are, and the number of clusters behind them. */
static void member_note(qa_report *report, qa_table *table, const qa_model_result *m)
{
    size_t clusters = m->term_count > 0 ? m->terms[0].member.clusters : 0;
    if (clusters == 0)
        return;
    qa_table_add_note(
        report, table,
        qa_report_text(report, "%s: %zu%s",
                       qa_report_label(report, "Member S.E.: cases sharing a member are dependent "
                                               "(sandwich, no small-sample factor); clusters"),
                       clusters,
                       clusters < 30 ? qa_report_label(report, " (fewer than 30: biased downward)")
                                     : ""));
}

static bool has_interval(const qa_model_result *m)
{
    for (size_t i = 0; i < m->term_count; i++)
        if (m->terms[i].interval)
            return true;
    return false;
}

/* The per-SD columns of a model with a term of type interval (METHODS §4.14), beside the
 * per-unit ratio and its CI: the term's SD, the ratio per SD and its CI. */
enum { PER_SD_COLUMNS = 4 };
static const char *const per_sd_logit_headers[PER_SD_COLUMNS] = {
    "SD", "Exp(B) per SD", "95% CI Lower per SD", "95% CI Upper per SD"};
static const char *const per_sd_cox_headers[PER_SD_COLUMNS] = {
    "SD", "Hazard ratio per SD", "95% CI Lower per SD", "95% CI Upper per SD"};

static void per_sd_cells(const qa_term_result *t, qa_cell *row)
{
    if (!t->interval)
        return;
    row[0] = qa_cell_number(t->sd, QA_FORMAT_DECIMAL3);
    row[1] = qa_cell_number(t->ratio_sd, QA_FORMAT_RATIO);
    row[2] = qa_cell_number(t->ratio_sd_lower, QA_FORMAT_RATIO);
    row[3] = qa_cell_number(t->ratio_sd_upper, QA_FORMAT_RATIO);
}

/* What the per-SD columns mean, and on which cases the SD is taken. */
static void per_sd_note(qa_report *report, qa_table *table, const qa_model_result *m)
{
    qa_table_add_note(
        report, table,
        qa_report_text(
            report, "%s (n = %zu).",
            qa_report_label(report,
                            m->kind == QA_MODEL_COX
                                ? "Per SD: the hazard ratio for one standard deviation of a term "
                                  "of type interval, exp(B × SD), with its 95% CI (the CI of B "
                                  "times SD); SD with n − 1 over this model's cases"
                                : "Per SD: the odds ratio for one standard deviation of a term of "
                                  "type interval, exp(B × SD), with its 95% CI (the CI of B times "
                                  "SD); SD with n − 1 over this model's cases"),
            m->n));
}

static qa_status variables_table(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    /* member-robust S.E. and Sig. last (issue 11), after VIF when there is one; the per-SD
     * columns after the CI of Exp(B) when a term is of type interval */
    static const char *const leading[] = {"Term", "B",      "S.E.",         "Wald",        "df",
                                          "Sig.", "Exp(B)", "95% CI Lower", "95% CI Upper"};
    bool vif = has_vif(m), per_sd = has_interval(m);
    const char *headers[9 + PER_SD_COLUMNS + 3];
    size_t count = 0;
    for (size_t c = 0; c < 9; c++)
        headers[count++] = leading[c];
    size_t sd_column = count;
    for (size_t c = 0; per_sd && c < PER_SD_COLUMNS; c++)
        headers[count++] = per_sd_logit_headers[c];
    size_t vif_column = count;
    if (vif)
        headers[count++] = "VIF";
    size_t member = count;
    headers[count++] = "Member S.E.";
    headers[count++] = "Member Sig.";
    qa_table *table =
        qa_report_add_table(report, sheet, "Variables in the Equation", count, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[5].significance = table->columns[member + 1].significance = true;
    for (size_t i = 0; i < m->term_count; i++) {
        const qa_term_result *t = &m->terms[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_text(report, "%s", t->term));
        row[1] = qa_cell_number(t->b, QA_FORMAT_DECIMAL3);
        row[2] = qa_cell_number(t->se, QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_number(t->z * t->z, QA_FORMAT_DECIMAL3);
        row[4] = qa_cell_number(1, QA_FORMAT_INTEGER);
        row[5] = qa_cell_number(t->p, QA_FORMAT_P);
        row[6] = qa_cell_number(t->ratio, QA_FORMAT_RATIO);
        row[7] = qa_cell_number(exp(t->ci_lower), QA_FORMAT_RATIO);
        row[8] = qa_cell_number(exp(t->ci_upper), QA_FORMAT_RATIO);
        if (per_sd)
            per_sd_cells(t, row + sd_column);
        if (vif)
            row[vif_column] = qa_cell_number(t->vif, QA_FORMAT_DECIMAL2);
        row[member] = qa_cell_number(t->member.se, QA_FORMAT_DECIMAL3);
        row[member + 1] = qa_cell_number(t->member.p, QA_FORMAT_P);
    }
    qa_table_add_note(report, table, qa_report_label(report, "95% CI for Exp(B)."));
    if (per_sd)
        per_sd_note(report, table, m);
    member_note(report, table, m);
    method_notes(report, table, m);
    qa_table_add_note(
        report, table,
        qa_report_text(report, "%s: %d", qa_report_label(report, "Iterations"), m->iterations));
    return QA_OK;
}

static qa_status logit_block(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    if (!m->available)
        return unavailable_block(report, sheet, m);
    qa_status status = fit_tables(report, sheet, m);
    if (status == QA_OK)
        status = classification_table(report, sheet, m);
    if (status == QA_OK)
        status = variables_table(report, sheet, m);
    return status;
}

qa_status qa_report_logit_sheet(qa_report *report, const qa_results *results, qa_outcome outcome)
{
    qa_sheet *sheet = qa_report_add_sheet(
        report,
        qa_report_label(report, outcome == QA_OUTCOME_FORMATION ? "Formation" : "Durability"));
    if (!sheet)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < results->model_count; i++) {
        const qa_model_result *m = &results->models[i];
        if (m->kind != QA_MODEL_LOGIT || m->outcome != outcome)
            continue;
        qa_status status = logit_block(report, sheet, m);
        if (status != QA_OK)
            return status;
    }
    if (sheet->table_count == 0) {
        qa_table *table = qa_report_add_table(report, sheet, "Models", 0, NULL);
        qa_table_add_note(report, table, qa_report_label(report, "None."));
    }
    return QA_OK;
}

static qa_status cox_block(qa_report *report, qa_sheet *sheet, const qa_model_result *m)
{
    if (!m->available)
        return unavailable_block(report, sheet, m);
    static const char *const fit_headers[] = {
        "-2 Log likelihood", "Likelihood ratio", "df", "Sig.", "Concordance", "AIC"};
    qa_table *table = block_start(report, sheet, m, "Model Summary", 6, fit_headers);
    qa_cell *row = qa_table_add_row(report, table);
    if (!row)
        return QA_ERR_MEMORY;
    table->columns[3].significance = true;
    row[0] = qa_cell_number(-2 * m->loglik, QA_FORMAT_DECIMAL3);
    row[1] = qa_cell_number(m->lr_chi2, QA_FORMAT_DECIMAL3);
    row[2] = qa_cell_number(m->lr_df, QA_FORMAT_INTEGER);
    row[3] = qa_cell_number(m->lr_p, QA_FORMAT_P);
    row[4] = qa_cell_number(m->concordance, QA_FORMAT_DECIMAL3);
    row[5] = qa_cell_number(m->aic, QA_FORMAT_DECIMAL3);

    static const char *const leading[] = {
        "Term", "B", "S.E.", "z", "Sig.", "Hazard ratio", "95% CI Lower", "95% CI Upper"};
    bool per_sd = has_interval(m);
    const char *headers[8 + PER_SD_COLUMNS + 2];
    size_t count = 0;
    for (size_t c = 0; c < 8; c++)
        headers[count++] = leading[c];
    for (size_t c = 0; per_sd && c < PER_SD_COLUMNS; c++)
        headers[count++] = per_sd_cox_headers[c];
    size_t member = count;
    headers[count++] = "Member S.E.";
    headers[count++] = "Member Sig.";
    table = qa_report_add_table(report, sheet, "Cox proportional hazards", count, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[4].significance = table->columns[member + 1].significance = true;
    for (size_t i = 0; i < m->term_count; i++) {
        const qa_term_result *t = &m->terms[i];
        if (!(row = qa_table_add_row(report, table)))
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_text(report, "%s", t->term));
        row[1] = qa_cell_number(t->b, QA_FORMAT_DECIMAL3);
        row[2] = qa_cell_number(t->se, QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_number(t->z, QA_FORMAT_DECIMAL3);
        row[4] = qa_cell_number(t->p, QA_FORMAT_P);
        row[5] = qa_cell_number(t->ratio, QA_FORMAT_RATIO);
        row[6] = qa_cell_number(exp(t->ci_lower), QA_FORMAT_RATIO);
        row[7] = qa_cell_number(exp(t->ci_upper), QA_FORMAT_RATIO);
        if (per_sd)
            per_sd_cells(t, row + 8);
        row[member] = qa_cell_number(t->member.se, QA_FORMAT_DECIMAL3);
        row[member + 1] = qa_cell_number(t->member.p, QA_FORMAT_P);
    }
    qa_table_add_note(
        report, table,
        qa_report_label(report, "A hazard ratio below 1 means more durable. Efron ties; Wald CI."));
    if (per_sd)
        per_sd_note(report, table, m);
    member_note(report, table, m);
    if (!m->converged)
        qa_table_add_note(report, table, qa_report_label(report, "Did not converge."));
    return QA_OK;
}

static qa_status km_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {
        "Hypothesis",    "Community sense",    "Split (median)",      "n above",   "Median above",
        "n at or below", "Median at or below", "Log-rank chi-square", "Log-rank p"};
    qa_table *table =
        qa_report_add_table(report, sheet, "Kaplan-Meier medians and log-rank tests", 9, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[8].significance = true;
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        const qa_km_summary *km = &results->tests[h * 2 + QA_OUTCOME_DURABILITY].km;
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(h));
        row[1] = qa_cell_text(qa_label_measure(report->language, h));
        if (!km->available)
            continue;
        row[2] = qa_cell_number(km->split, QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_count(km->n_above);
        row[4] = qa_cell_number(km->median_above, QA_FORMAT_DECIMAL2);
        row[5] = qa_cell_count(km->n_at_or_below);
        row[6] = qa_cell_number(km->median_at_or_below, QA_FORMAT_DECIMAL2);
        row[7] = qa_cell_number(km->logrank_chi2, QA_FORMAT_DECIMAL3);
        row[8] = qa_cell_number(km->logrank_p, QA_FORMAT_P);
    }
    qa_table_add_note(report, table,
                      qa_report_label(report,
                                      "Medians are durations in years (Kaplan-Meier); a blank "
                                      "median was not reached. Cases are split at "
                                      "the median code of each community sense."));
    return QA_OK;
}

static qa_status ph_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Model", "Term", "Chi-square", "df", "Sig."};
    qa_table *table = qa_report_add_table(report, sheet, "Proportional hazards tests", 5, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[4].significance = true;
    for (size_t i = 0; i < results->ph_test_count; i++) {
        const qa_ph_test *ph = &results->ph_tests[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_text(report, "%s", ph->model));
        row[1] = qa_cell_text(qa_report_text(report, "%s", ph->term));
        row[2] = qa_cell_number(ph->chi2, QA_FORMAT_DECIMAL3);
        row[3] = qa_cell_number(ph->df, QA_FORMAT_INTEGER);
        row[4] = qa_cell_number(ph->p, QA_FORMAT_P);
    }
    qa_table_add_note(
        report, table,
        qa_report_label(report,
                        "Scaled Schoenfeld residuals, as survival::cox.zph(transform = \"km\")."));
    return QA_OK;
}

qa_status qa_report_survival_sheet(qa_report *report, const qa_results *results)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Survival"));
    if (!sheet)
        return QA_ERR_MEMORY;
    qa_status status = km_table(report, sheet, results);
    for (size_t i = 0; status == QA_OK && i < results->model_count; i++)
        if (results->models[i].kind == QA_MODEL_COX)
            status = cox_block(report, sheet, &results->models[i]);
    if (status == QA_OK)
        status = ph_table(report, sheet, results);
    return status;
}
