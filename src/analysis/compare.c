/* Comparing two coded datasets; see compare.h. */
#include "qareport/compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "qareport/analysis.h"
#include "qareport/bootstrap.h"

typedef struct {
    const char *id;
    size_t row;
} id_row;

static int id_row_compare(const void *x, const void *y)
{
    return strcmp(((const id_row *)x)->id, ((const id_row *)y)->id);
}

static bool coded_role(qa_role role)
{
    return role == QA_ROLE_FORMED || role == QA_ROLE_START_YEAR || role == QA_ROLE_END_YEAR ||
           role == QA_ROLE_ONGOING || role == QA_ROLE_OBSERVED_UNTIL || role == QA_ROLE_MEASURE ||
           role == QA_ROLE_CONTROL || role == QA_ROLE_GROUP;
}

static qa_measurement_level level_of(qa_value_type type)
{
    if (type == QA_TYPE_ORDINAL)
        return QA_LEVEL_ORDINAL;
    if (type == QA_TYPE_INTERVAL || type == QA_TYPE_YEAR)
        return QA_LEVEL_INTERVAL;
    return QA_LEVEL_NOMINAL;
}

static char **strings_push(char **list, size_t *count, const char *value)
{
    char **grown = realloc(list, (*count + 1) * sizeof *grown);
    if (!grown)
        return NULL;
    if (!(grown[*count] = strdup(value)))
        return grown;
    (*count)++;
    return grown;
}

/* Rows of b matched to each row of a (SIZE_MAX when none), and the ids in one file only. */
static qa_status join(const qa_dataset *a, const qa_dataset *b, size_t *match, qa_compare_result *r)
{
    id_row *index = malloc((b->rows ? b->rows : 1) * sizeof *index);
    unsigned char *used = calloc(b->rows ? b->rows : 1, 1);
    if (!index || !used) {
        free(index);
        free(used);
        return QA_ERR_MEMORY;
    }
    for (size_t row = 0; row < b->rows; row++)
        index[row] = (id_row){qa_dataset_case_id(b, row), row};
    qsort(index, b->rows, sizeof *index, id_row_compare);
    qa_status status = QA_OK;
    for (size_t row = 0; row < a->rows && status == QA_OK; row++) {
        id_row key = {qa_dataset_case_id(a, row), 0};
        id_row *found =
            b->rows ? bsearch(&key, index, b->rows, sizeof *index, id_row_compare) : NULL;
        match[row] = found ? found->row : SIZE_MAX;
        if (found) {
            used[found->row] = 1;
            r->matched++;
        } else {
            char **list = strings_push(r->only_in_a, &r->only_a_count, key.id);
            if (list)
                r->only_in_a = list;
            else
                status = QA_ERR_MEMORY;
        }
    }
    for (size_t row = 0; row < b->rows && status == QA_OK; row++)
        if (!used[row]) {
            char **list = strings_push(r->only_in_b, &r->only_b_count, qa_dataset_case_id(b, row));
            if (list)
                r->only_in_b = list;
            else
                status = QA_ERR_MEMORY;
        }
    free(index);
    free(used);
    return status;
}

/* A cell as written: the number, or the category level; "" when missing. */
static void cell_text(const qa_column *column, size_t row, char *buffer, size_t size)
{
    buffer[0] = '\0';
    if (column->kind == QA_COLUMN_NUMERIC && !isnan(column->values[row]))
        snprintf(buffer, size, "%.15g", column->values[row]);
    else if (column->kind == QA_COLUMN_CATEGORY && column->codes[row] >= 0)
        snprintf(buffer, size, "%s", column->levels[column->codes[row]]);
}

/* Category codes of both files mapped onto one shared numbering (by level text). */
static double category_value(const qa_column *column, size_t row, const qa_column *reference)
{
    if (column->codes[row] < 0)
        return NAN;
    const char *level = column->levels[column->codes[row]];
    for (size_t l = 0; l < reference->level_count; l++)
        if (strcmp(reference->levels[l], level) == 0)
            return (double)l;
    /* a level only this file uses: numbered after the reference's */
    for (size_t l = 0; l < column->level_count; l++)
        if (strcmp(column->levels[l], level) == 0)
            return (double)(reference->level_count + l);
    return NAN;
}

static double column_value(const qa_column *column, size_t row, const qa_column *reference)
{
    return column->kind == QA_COLUMN_NUMERIC ? column->values[row]
                                             : category_value(column, row, reference);
}

static qa_status disagreement_add(qa_compare_result *r, const char *case_id, const qa_column *ca,
                                  size_t row_a, const qa_column *cb, size_t row_b, long line_a,
                                  long line_b)
{
    qa_disagreement *grown = realloc(r->disagreements, (r->disagreement_count + 1) * sizeof *grown);
    if (!grown)
        return QA_ERR_MEMORY;
    r->disagreements = grown;
    qa_disagreement *d = &grown[r->disagreement_count++];
    snprintf(d->case_id, sizeof d->case_id, "%s", case_id);
    snprintf(d->column, sizeof d->column, "%s", ca->name);
    cell_text(ca, row_a, d->a, sizeof d->a);
    cell_text(cb, row_b, d->b, sizeof d->b);
    d->line_a = line_a;
    d->line_b = line_b;
    return QA_OK;
}

static qa_status column_compare(const qa_dataset *a, const qa_dataset *b, const size_t *match,
                                const qa_column *ca, const qa_column *cb, size_t replicates,
                                unsigned long seed, qa_compare_result *r)
{
    size_t n = r->matched ? r->matched : 1, k = 0;
    double *va = malloc(n * sizeof *va), *vb = malloc(n * sizeof *vb);
    if (!va || !vb) {
        free(va);
        free(vb);
        return QA_ERR_MEMORY;
    }
    qa_status status = QA_OK;
    for (size_t row = 0; row < a->rows && status == QA_OK; row++) {
        if (match[row] == SIZE_MAX)
            continue;
        va[k] = column_value(ca, row, ca);
        vb[k] = column_value(cb, match[row], ca);
        bool differ = !(isnan(va[k]) && isnan(vb[k])) && va[k] != vb[k];
        if (differ)
            status = disagreement_add(r, qa_dataset_case_id(a, row), ca, row, cb, match[row],
                                      a->line[row], b->line[match[row]]);
        k++;
    }
    qa_column_agreement *c = &r->columns[r->column_count++];
    snprintf(c->column, sizeof c->column, "%s", ca->name);
    c->level = level_of(ca->entry.type);
    c->level_name = qa_measurement_level_name(c->level);
    qa_error error;
    c->available = status == QA_OK && qa_agreement_compute(va, vb, k, c->level, replicates, seed,
                                                           0.95, &c->agreement, &error) == QA_OK;
    free(va);
    free(vb);
    return status;
}

/* SE of a test's primary coefficient; NaN when it is not testable. */
static double primary_se(const qa_results *r, const qa_test_result *t)
{
    if (!t->testable || t->logit_model < 0 || !r->models[t->logit_model].available ||
        r->models[t->logit_model].term_count != 2)
        return NAN;
    return r->models[t->logit_model].terms[1].se;
}

/* A's dataset with one case's numeric codes replaced by B's: the numeric coded columns are
 * copied once; recode/restore swaps single cells. */
typedef struct {
    qa_dataset data;
    int *b_column; /* for each column of the copy: the matching column of b, or -1 */
} recoded_dataset;

static qa_status recoded_init(recoded_dataset *rd, const qa_dataset *a, const qa_dataset *b)
{
    rd->data = *a;
    rd->data.columns = malloc(a->column_count * sizeof *rd->data.columns);
    rd->b_column = malloc(a->column_count * sizeof *rd->b_column);
    if (!rd->data.columns || !rd->b_column)
        return QA_ERR_MEMORY;
    memcpy(rd->data.columns, a->columns, a->column_count * sizeof *rd->data.columns);
    for (size_t c = 0; c < a->column_count; c++) {
        qa_column *column = &rd->data.columns[c];
        const qa_column *other = qa_dataset_column(b, column->name);
        rd->b_column[c] = -1;
        if (column->kind != QA_COLUMN_NUMERIC || !coded_role(column->entry.role) || !other ||
            other->kind != QA_COLUMN_NUMERIC)
            continue;
        double *values = malloc((a->rows ? a->rows : 1) * sizeof *values);
        if (!values)
            return QA_ERR_MEMORY;
        memcpy(values, column->values, a->rows * sizeof *values);
        column->values = values;
        rd->b_column[c] = (int)(other - b->columns);
    }
    return QA_OK;
}

static void recoded_free(recoded_dataset *rd)
{
    for (size_t c = 0; rd->data.columns && rd->b_column && c < rd->data.column_count; c++)
        if (rd->b_column[c] >= 0)
            free(rd->data.columns[c].values);
    free(rd->data.columns);
    free(rd->b_column);
}

/* Sets row of the copy to b's codes (recode) or back to a's; true when any cell changed. */
static bool recoded_set(recoded_dataset *rd, const qa_dataset *a, const qa_dataset *b, size_t row,
                        size_t row_b, bool recode)
{
    bool changed = false;
    for (size_t c = 0; c < rd->data.column_count; c++) {
        if (rd->b_column[c] < 0)
            continue;
        double value =
            recode ? b->columns[rd->b_column[c]].values[row_b] : a->columns[c].values[row];
        double *cell = &rd->data.columns[c].values[row];
        if (!(isnan(*cell) && isnan(value)) && *cell != value) {
            *cell = value;
            changed = true;
        }
    }
    return changed;
}

static qa_status driving_cases(const qa_dataset *a, const qa_dataset *b, const size_t *match,
                               const qa_analysis_options *options, qa_compare_result *r,
                               qa_error *error)
{
    recoded_dataset rd;
    memset(&rd, 0, sizeof rd);
    qa_status status = recoded_init(&rd, a, b);
    for (size_t row = 0; row < a->rows && status == QA_OK; row++) {
        if (match[row] == SIZE_MAX || !recoded_set(&rd, a, b, row, match[row], true))
            continue;
        qa_verdict verdicts[QA_TEST_COUNT];
        status = qa_primary_verdicts(&rd.data, options, &r->a, verdicts, error);
        recoded_set(&rd, a, b, row, match[row], false);
        for (int t = 0; t < QA_TEST_COUNT && status == QA_OK; t++) {
            qa_verdict_comparison *v = &r->verdicts[t];
            if (!v->flip || verdicts[t] == r->a.tests[t].verdict)
                continue;
            char **list =
                strings_push(v->driving_cases, &v->driving_count, qa_dataset_case_id(a, row));
            if (list)
                v->driving_cases = list;
            else
                status = QA_ERR_MEMORY;
        }
    }
    recoded_free(&rd);
    return status;
}

static void verdicts_compare(qa_compare_result *r)
{
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        const qa_test_result *ta = &r->a.tests[t], *tb = &r->b.tests[t];
        qa_verdict_comparison *v = &r->verdicts[t];
        v->flip = ta->verdict != tb->verdict;
        v->z = v->p = NAN;
        v->se_a = primary_se(&r->a, ta);
        v->se_b = primary_se(&r->b, tb);
        if (isfinite(v->se_a) && isfinite(v->se_b))
            qa_coefficient_difference(ta->b, v->se_a, tb->b, v->se_b, &v->z, &v->p);
    }
}

qa_status qa_compare_run(const qa_dataset *a, const qa_dataset *b,
                         const qa_analysis_options *options, size_t replicates,
                         qa_compare_result *r, qa_error *error)
{
    memset(r, 0, sizeof *r);
    qa_results_init(&r->a);
    qa_results_init(&r->b);
    r->seed = options->seed;
    r->bootstrap_replicates = replicates;
    size_t *match = malloc((a->rows ? a->rows : 1) * sizeof *match);
    r->columns = calloc(a->column_count ? a->column_count : 1, sizeof *r->columns);
    if (!match || !r->columns) {
        free(match);
        return qa_error_set(error, QA_ERR_MEMORY, NULL, 0, NULL, NULL, "out of memory");
    }
    qa_status status = join(a, b, match, r);
    size_t smaller = a->rows < b->rows ? a->rows : b->rows;
    r->same_cases = smaller > 0 && r->matched * 2 >= smaller;
    for (size_t c = 0; c < a->column_count && status == QA_OK && r->matched > 0; c++) {
        const qa_column *ca = &a->columns[c];
        const qa_column *cb = qa_dataset_column(b, ca->name);
        if (!coded_role(ca->entry.role) || !cb || cb->kind != ca->kind ||
            ca->kind == QA_COLUMN_TEXT)
            continue;
        status = column_compare(a, b, match, ca, cb, replicates, options->seed, r);
    }
    if (status == QA_ERR_MEMORY)
        status = qa_error_set(error, status, NULL, 0, NULL, NULL, "out of memory");
    if (status == QA_OK)
        status = qa_analysis_run(a, options, &r->a, error);
    if (status == QA_OK)
        status = qa_analysis_run(b, options, &r->b, error);
    if (status == QA_OK) {
        verdicts_compare(r);
        if (r->same_cases)
            status = driving_cases(a, b, match, options, r, error);
    }
    free(match);
    return status;
}

static void strings_free(char **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
}

void qa_compare_result_free(qa_compare_result *r)
{
    strings_free(r->only_in_a, r->only_a_count);
    strings_free(r->only_in_b, r->only_b_count);
    free(r->columns);
    free(r->disagreements);
    qa_results_free(&r->a);
    qa_results_free(&r->b);
    for (int t = 0; t < QA_TEST_COUNT; t++)
        strings_free(r->verdicts[t].driving_cases, r->verdicts[t].driving_count);
    memset(r, 0, sizeof *r);
}
