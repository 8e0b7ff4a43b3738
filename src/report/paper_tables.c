/* The regression tables of `analyze --tables` (report_tables.h, METHODS §8.11): what each
 * table shows, decided once here in the report's language, every number formatted as text;
 * the renderers only draw and escape it. */
#include "qareport/report_tables.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

/* The 97.5% normal quantile: the 95% interval of a member-robust SE (b ± z·SE). */
#define Z_975 1.959963984540054

void qa_paper_tables_init(qa_paper_tables *tables, qa_language language)
{
    memset(tables, 0, sizeof *tables);
    tables->language = language;
    qa_report_init(&tables->pool, language, 0.05);
    tables->title = qa_report_label(&tables->pool, "Regression tables");
    tables->table_word = qa_report_label(&tables->pool, "Table");
    tables->note_word = qa_report_label(&tables->pool, "Note");
}

void qa_paper_tables_free(qa_paper_tables *tables)
{
    for (size_t i = 0; i < tables->table_count; i++)
        free(tables->tables[i].rows);
    free(tables->tables);
    qa_report_free(&tables->pool);
    memset(tables, 0, sizeof *tables);
}

/* "%.<decimals>f", with a rounded zero never negative; "" for a non-finite number. */
static const char *fixed(qa_report *pool, double value, int decimals)
{
    if (!isfinite(value))
        return "";
    char text[64];
    snprintf(text, sizeof text, "%.*f", decimals, value);
    if (text[0] == '-' && strspn(text + 1, "0.") == strlen(text + 1))
        memmove(text, text + 1, strlen(text));
    return qa_report_text(pool, "%s", text);
}

/* A p value as the workbook shows it: 0.000, "<.001" below 0.001. */
static const char *p_text(qa_report *pool, double p)
{
    if (!isfinite(p))
        return "";
    if (p < 0.001)
        return "<.001";
    return fixed(pool, p, 3);
}

static qa_paper_cell number_cell(const char *text)
{
    return (qa_paper_cell){text ? text : "", "", text && *text};
}

static qa_paper_cell text_cell(const char *text)
{
    return (qa_paper_cell){text ? text : "", "", false};
}

static const char *stars(double p)
{
    if (!isfinite(p))
        return "";
    return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

static qa_paper_table *add_table(qa_paper_tables *tables)
{
    if (tables->table_count == tables->table_capacity) {
        size_t capacity = tables->table_capacity ? tables->table_capacity * 2 : 4;
        qa_paper_table *grown = realloc(tables->tables, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        tables->tables = grown;
        tables->table_capacity = capacity;
    }
    qa_paper_table *table = &tables->tables[tables->table_count++];
    memset(table, 0, sizeof *table);
    return table;
}

static qa_paper_row *add_row(qa_paper_table *table, const char *label, qa_paper_row_kind kind)
{
    if (table->row_count == table->row_capacity) {
        size_t capacity = table->row_capacity ? table->row_capacity * 2 : 16;
        qa_paper_row *grown = realloc(table->rows, capacity * sizeof *grown);
        if (!grown)
            return NULL;
        table->rows = grown;
        table->row_capacity = capacity;
    }
    qa_paper_row *row = &table->rows[table->row_count++];
    memset(row, 0, sizeof *row);
    row->label = label ? label : "";
    row->kind = kind;
    for (size_t c = 0; c < QA_PAPER_MAX_COLUMNS; c++)
        row->cells[c] = text_cell("");
    return row;
}

static void add_note(qa_paper_table *table, const char *note)
{
    if (note && table->note_count < QA_PAPER_MAX_NOTES)
        table->notes[table->note_count++] = note;
}

/* One of the three tables: which models, in which words. */
typedef enum { PANEL_FORMATION = 0, PANEL_DURABILITY_LOGIT, PANEL_COX } panel_kind;

typedef struct {
    const qa_results *results;
    const qa_paper_options *options;
    qa_report *pool;
    panel_kind panel;
    size_t column_count;
    const qa_model_result *models[QA_PAPER_MAX_COLUMNS];
    int hypothesis[QA_PAPER_MAX_COLUMNS]; /* the measure of a univariate column; -1 joint */
} panel;

static const qa_model_result *find_model(const qa_results *results, const char *name)
{
    for (size_t i = 0; i < results->model_count; i++)
        if (strcmp(results->models[i].name, name) == 0)
            return &results->models[i];
    return NULL;
}

static const char *model_prefix(panel_kind kind)
{
    return kind == PANEL_FORMATION          ? "formation"
           : kind == PANEL_DURABILITY_LOGIT ? "durability"
                                            : "cox";
}

static void panel_columns(panel *p)
{
    char name[QA_NAME_TEXT + 16];
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        snprintf(name, sizeof name, "%s_%s", model_prefix(p->panel), qa_measure_name(h));
        const qa_model_result *m = find_model(p->results, name);
        if (m) {
            p->hypothesis[p->column_count] = h;
            p->models[p->column_count++] = m;
        }
    }
    snprintf(name, sizeof name, "%s_joint", model_prefix(p->panel));
    const qa_model_result *joint = find_model(p->results, name);
    if (joint) {
        p->hypothesis[p->column_count] = -1;
        p->models[p->column_count++] = joint;
    }
}

static const qa_term_result *find_term(const qa_model_result *m, const char *term)
{
    if (!m || !m->available)
        return NULL;
    for (size_t i = 0; i < m->term_count; i++)
        if (strcmp(m->terms[i].term, term) == 0)
            return &m->terms[i];
    return NULL;
}

/* The row label of a term: a measure in the report's words with its hypothesis, the
 * intercept as "Constant", a control by its own name. */
static const char *term_label(qa_report *pool, const char *term)
{
    int h = qa_measure_find(term);
    if (h >= 0)
        return qa_report_text(pool, "%s (%s)", qa_label_measure(pool->language, (qa_hypothesis)h),
                              qa_hypothesis_id((qa_hypothesis)h));
    if (strcmp(term, "(Intercept)") == 0)
        return qa_report_label(pool, "Constant");
    return qa_report_text(pool, "%s", term);
}

/* The terms of the panel in print order: the measures H1..H5, then the other terms (controls)
 * in the order they first appear, then the intercept. */
static size_t panel_terms(const panel *p, const char **terms, size_t capacity)
{
    size_t count = 0;
    for (int h = 0; h < QA_HYPOTHESIS_COUNT; h++) {
        bool present = false;
        for (size_t c = 0; c < p->column_count; c++)
            present = present || find_term(p->models[c], qa_measure_name(h));
        if (present && count < capacity)
            terms[count++] = qa_measure_name(h);
    }
    bool intercept = false;
    for (size_t c = 0; c < p->column_count; c++) {
        const qa_model_result *m = p->models[c];
        for (size_t i = 0; m->available && i < m->term_count; i++) {
            const char *term = m->terms[i].term;
            if (strcmp(term, "(Intercept)") == 0) {
                intercept = true;
                continue;
            }
            bool seen = qa_measure_find(term) >= 0;
            for (size_t k = 0; k < count && !seen; k++)
                seen = strcmp(terms[k], term) == 0;
            if (!seen && count < capacity)
                terms[count++] = term;
        }
    }
    if (intercept && count < capacity)
        terms[count++] = "(Intercept)";
    return count;
}

static bool member_se(const panel *p)
{
    return p->results->options.member_se;
}

static qa_status coefficient_rows(panel *p, qa_paper_table *table)
{
    size_t capacity = 8;
    for (size_t c = 0; c < p->column_count; c++)
        capacity += p->models[c]->term_count;
    const char **terms = malloc(capacity * sizeof *terms);
    if (!terms)
        return QA_ERR_MEMORY;
    size_t count = panel_terms(p, terms, capacity);
    qa_status status = QA_OK;
    for (size_t k = 0; k < count && status == QA_OK; k++) {
        qa_paper_row *estimate =
            add_row(table, term_label(p->pool, terms[k]), QA_PAPER_ROW_ESTIMATE);
        qa_paper_row *beneath = estimate ? add_row(table, "", QA_PAPER_ROW_UNCERTAINTY) : NULL;
        if (!beneath) {
            status = QA_ERR_MEMORY;
            break;
        }
        estimate = &table->rows[table->row_count - 2];
        for (size_t c = 0; c < p->column_count; c++) {
            const qa_term_result *t = find_term(p->models[c], terms[k]);
            if (!t)
                continue;
            double se = member_se(p) ? t->member.se : t->se;
            double pv = member_se(p) ? t->member.p : t->p;
            estimate->cells[c] = number_cell(fixed(p->pool, t->b, 3));
            if (p->options->stars && isfinite(t->b))
                estimate->cells[c].stars = stars(pv);
            if (p->options->uncertainty == QA_PAPER_SE) {
                const char *text = fixed(p->pool, se, 3);
                beneath->cells[c] = number_cell(*text ? qa_report_text(p->pool, "(%s)", text) : "");
            } else {
                double lower = member_se(p) ? t->b - Z_975 * se : t->ci_lower;
                double upper = member_se(p) ? t->b + Z_975 * se : t->ci_upper;
                const char *l = fixed(p->pool, lower, 3), *u = fixed(p->pool, upper, 3);
                beneath->cells[c] =
                    number_cell(*l && *u ? qa_report_text(p->pool, "[%s, %s]", l, u) : "");
            }
        }
    }
    free(terms);
    return status;
}

/* The test whose verdict a univariate column's model decides, or NULL. */
static const qa_test_result *decided_test(const panel *p, size_t c)
{
    if (p->hypothesis[c] < 0)
        return NULL;
    qa_outcome outcome = p->panel == PANEL_FORMATION ? QA_OUTCOME_FORMATION : QA_OUTCOME_DURABILITY;
    const qa_test_result *t = &p->results->tests[p->hypothesis[c] * QA_OUTCOME_COUNT + outcome];
    bool cox = p->panel == PANEL_COX;
    if (!t->testable || (t->decided_by == QA_MODEL_COX) != cox)
        return NULL;
    int index = cox ? t->cox_model : t->logit_model;
    if (index < 0 || (size_t)index >= p->results->model_count ||
        &p->results->models[index] != p->models[c])
        return NULL;
    return t;
}

static bool panel_decides(const panel *p)
{
    for (size_t c = 0; c < p->column_count; c++)
        if (decided_test(p, c))
            return true;
    return false;
}

static const char *adjust_label(qa_report *pool, qa_adjust_method adjust)
{
    return qa_report_label(pool, adjust == QA_ADJUST_HOLM ? "Verdict p (Holm-adjusted)"
                                 : adjust == QA_ADJUST_BH ? "Verdict p (BH-adjusted)"
                                                          : "Verdict p (not adjusted)");
}

static qa_status statistic_rows(panel *p, qa_paper_table *table)
{
    qa_report *pool = p->pool;
    if (panel_decides(p)) {
        qa_paper_row *verdict =
            add_row(table, qa_report_label(pool, "Verdict"), QA_PAPER_ROW_STATISTIC);
        qa_paper_row *adjusted =
            verdict ? add_row(table, adjust_label(pool, p->results->options.adjust),
                              QA_PAPER_ROW_STATISTIC)
                    : NULL;
        if (!adjusted)
            return QA_ERR_MEMORY;
        verdict = &table->rows[table->row_count - 2];
        for (size_t c = 0; c < p->column_count; c++) {
            const qa_test_result *t = decided_test(p, c);
            if (!t)
                continue;
            verdict->cells[c] = text_cell(qa_label_verdict(pool->language, t->verdict));
            adjusted->cells[c] = number_cell(p_text(pool, t->p_adjusted));
        }
    }
    bool cox = p->panel == PANEL_COX;
    static const char *const labels_logit[] = {"N", "Events", "Pseudo R² (McFadden)", "AIC",
                                               "Estimator"};
    static const char *const labels_cox[] = {"N", "Events", "Pseudo R² (Nagelkerke)", "AIC"};
    size_t count = cox ? 4 : 5;
    for (size_t r = 0; r < count; r++) {
        qa_paper_row *row =
            add_row(table, qa_report_label(pool, cox ? labels_cox[r] : labels_logit[r]),
                    QA_PAPER_ROW_STATISTIC);
        if (!row)
            return QA_ERR_MEMORY;
        for (size_t c = 0; c < p->column_count; c++) {
            const qa_model_result *m = p->models[c];
            if (!m->available)
                continue;
            switch (r) {
            case 0:
                row->cells[c] = number_cell(qa_report_text(pool, "%zu", m->n));
                break;
            case 1:
                row->cells[c] = number_cell(qa_report_text(pool, "%zu", m->events));
                break;
            case 2:
                row->cells[c] =
                    number_cell(fixed(pool, cox ? m->nagelkerke_r2 : m->mcfadden_r2, 3));
                break;
            case 3:
                row->cells[c] = number_cell(fixed(pool, m->aic, 3));
                break;
            default:
                row->cells[c] =
                    text_cell(qa_report_label(pool, m->method == QA_LOGIT_FIRTH ? "Firth" : "ML"));
                break;
            }
        }
    }
    return QA_OK;
}

static bool any_firth(const panel *p)
{
    for (size_t c = 0; c < p->column_count; c++)
        if (p->models[c]->available && p->models[c]->kind == QA_MODEL_LOGIT &&
            p->models[c]->method == QA_LOGIT_FIRTH)
            return true;
    return false;
}

static void panel_notes(panel *p, qa_paper_table *table)
{
    qa_report *pool = p->pool;
    const qa_analysis_options *o = &p->results->options;
    bool cox = p->panel == PANEL_COX;
    const char *estimate =
        cox ? qa_report_label(pool, "Coefficients are log hazard ratios (a negative coefficient: "
                                    "a longer-lasting quasi-alliance)")
            : qa_report_label(pool, "Coefficients are log-odds");
    const char *beneath =
        p->options->uncertainty == QA_PAPER_SE
            ? qa_report_label(pool, "standard errors in parentheses")
        : member_se(p) ? qa_report_label(pool, "95% confidence intervals in brackets (Wald, "
                                               "from the member-robust standard error)")
        : cox          ? qa_report_label(pool, "95% confidence intervals in brackets (Wald)")
                       : qa_report_label(pool, "95% confidence intervals in brackets (Wald; "
                                                        "profile penalized likelihood for Firth fits)");
    add_note(table, qa_report_text(pool, qa_report_label(pool, "%s; %s."), estimate, beneath));
    add_note(table,
             member_se(p)
                 ? qa_report_label(pool, "Member-robust standard errors: cases sharing a member "
                                         "are dependent (sandwich, clustered on members).")
                 : qa_report_label(pool, "Model-based standard errors."));
    if (p->panel == PANEL_FORMATION)
        add_note(table, qa_report_label(pool, "Sample: all cases; outcome: formed (1 = the "
                                              "quasi-alliance formed; events: formed cases)."));
    else if (!cox)
        add_note(table, qa_report_text(pool,
                                       qa_report_label(pool, "Sample: formed cases; outcome: "
                                                             "durable (1 = lasted more than %d "
                                                             "years; events: durable cases)."),
                                       o->durable_years));
    else
        add_note(table, qa_report_label(pool, "Sample: formed cases; Cox proportional hazards "
                                              "of the end of the quasi-alliance (events: "
                                              "ended cases), Efron ties, ongoing cases "
                                              "censored."));
    if (!cox)
        add_note(table, any_firth(p)
                            ? qa_report_label(pool, "Estimator: ML = maximum likelihood; Firth = "
                                                    "penalized likelihood (Heinze & Schemper "
                                                    "2002), whose p is the penalized "
                                                    "likelihood-ratio p and which has no "
                                                    "pseudo-R² or AIC.")
                            : qa_report_label(pool, "Estimator: ML = maximum likelihood."));
    if (o->control_count > 0)
        add_note(table,
                 o->controls_in == QA_CONTROLS_IN_ALL
                     ? qa_report_label(pool, "Controls enter every model (--controls-in all).")
                     : qa_report_label(pool, "Controls enter the joint model only."));
    if (p->options->stars)
        add_note(table, member_se(p)
                            ? qa_report_label(pool, "* p < 0.05, ** p < 0.01, *** p < 0.001: "
                                                    "two-sided member-robust p of each "
                                                    "coefficient, not adjusted for multiplicity.")
                            : qa_report_label(pool, "* p < 0.05, ** p < 0.01, *** p < 0.001: "
                                                    "two-sided p of each coefficient, not "
                                                    "adjusted for multiplicity."));
    if (panel_decides(p)) {
        const char *sided =
            o->one_sided ? qa_report_label(pool, "one-sided") : qa_report_label(pool, "two-sided");
        if (o->adjust == QA_ADJUST_NONE)
            add_note(table, qa_report_text(pool,
                                           qa_report_label(pool, "Verdict: the test of the "
                                                                 "column's measure (%s, alpha = "
                                                                 "%g); its p is not adjusted for "
                                                                 "multiplicity (--adjust none)."),
                                           sided, o->alpha));
        else
            add_note(table,
                     qa_report_text(pool,
                                    qa_report_label(pool, "Verdict: the test of the column's "
                                                          "measure (%s, alpha = %g); its p is "
                                                          "adjusted for multiplicity over the "
                                                          "testable tests (%s)."),
                                    sided, o->alpha,
                                    o->adjust == QA_ADJUST_HOLM ? "Holm" : "Benjamini-Hochberg"));
        if (cox)
            add_note(table, qa_report_label(pool, "These Cox models decide the durability "
                                                  "verdicts (--durability cox), judged on -B."));
    } else if (p->panel != PANEL_FORMATION) {
        add_note(table,
                 cox ? qa_report_label(pool, "These Cox models are a robustness specification; "
                                             "the T-year logits decide the durability verdicts.")
                     : qa_report_label(pool, "These logits are a robustness specification; the "
                                             "Cox models decide the durability verdicts "
                                             "(--durability cox)."));
    }
    for (size_t c = 0; c < p->column_count; c++)
        if (!p->models[c]->available)
            add_note(table,
                     qa_report_text(pool, "%s %s: %s.", table->column_numbers[c],
                                    qa_report_label(pool, "not fitted"), p->models[c]->reason));
}

static qa_status build_panel(panel *p, const char *group, qa_paper_tables *tables)
{
    panel_columns(p);
    bool any = false; /* a table with no fitted model (formation when every case formed) is
                         left out: the workbook and the summary say why */
    for (size_t c = 0; c < p->column_count; c++)
        any = any || p->models[c]->available;
    if (!any)
        return QA_OK;
    qa_paper_table *table = add_table(tables);
    if (!table)
        return QA_ERR_MEMORY;
    qa_report *pool = p->pool;
    static const char *const titles[] = {"Formation: logistic regression",
                                         "Durability: logistic regression of durable",
                                         "Durability: Cox proportional hazards"};
    const char *title = qa_report_label(pool, titles[p->panel]);
    table->title = group ? qa_report_text(pool, "%s (%s)", title, group) : title;
    table->column_count = p->column_count;
    for (size_t c = 0; c < p->column_count; c++) {
        table->column_numbers[c] = qa_report_text(pool, "(%zu)", c + 1);
        table->column_labels[c] =
            p->hypothesis[c] >= 0
                ? qa_label_measure(pool->language, (qa_hypothesis)p->hypothesis[c])
                : qa_report_label(pool, "joint");
    }
    qa_status status = coefficient_rows(p, table);
    if (status == QA_OK)
        status = statistic_rows(p, table);
    if (status == QA_OK)
        panel_notes(p, table);
    return status;
}

qa_status qa_paper_tables_build(const qa_results *results, const char *group,
                                const qa_paper_options *options, qa_paper_tables *tables,
                                qa_error *error)
{
    qa_error_clear(error);
    qa_status status = QA_OK;
    for (int k = PANEL_FORMATION; k <= PANEL_COX && status == QA_OK; k++) {
        panel p;
        memset(&p, 0, sizeof p);
        p.results = results;
        p.options = options;
        p.pool = &tables->pool;
        p.panel = (panel_kind)k;
        status = build_panel(&p, group, tables);
    }
    if (status == QA_OK && tables->pool.out_of_memory)
        status = QA_ERR_MEMORY;
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "out of memory laying out the regression tables");
    return QA_OK;
}
