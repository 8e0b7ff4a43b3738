/* The in-memory dataset: lifetime and look-ups; see dataset.h. */
#include "qareport/dataset.h"

#include <stdlib.h>
#include <string.h>

void qa_dataset_init(qa_dataset *dataset)
{
    memset(dataset, 0, sizeof *dataset);
    dataset->id_column = dataset->name_column = dataset->members_column = -1;
    dataset->formed_column = dataset->start_column = dataset->end_column = -1;
    dataset->ongoing_column = dataset->observed_column = -1;
}

void qa_dataset_free(qa_dataset *dataset)
{
    if (!dataset)
        return;
    for (size_t c = 0; c < dataset->column_count; c++) {
        qa_column *column = &dataset->columns[c];
        free(column->values);
        free(column->codes);
        free(column->text_offset);
        for (size_t l = 0; l < column->level_count; l++)
            free(column->levels[l]);
        free(column->levels);
    }
    free(dataset->columns);
    for (size_t u = 0; u < dataset->unknown_count; u++)
        free(dataset->unknown_columns[u]);
    free(dataset->unknown_columns);
    free(dataset->line);
    free(dataset->text_pool);
    qa_dataset_init(dataset);
}

const qa_column *qa_dataset_column(const qa_dataset *dataset, const char *name)
{
    for (size_t c = 0; c < dataset->column_count; c++)
        if (strcmp(dataset->columns[c].name, name) == 0)
            return &dataset->columns[c];
    return NULL;
}

const char *qa_dataset_text(const qa_dataset *dataset, const qa_column *column, size_t row)
{
    if (column->kind != QA_COLUMN_TEXT || row >= dataset->rows)
        return NULL;
    size_t offset = column->text_offset[row];
    return offset == SIZE_MAX ? NULL : dataset->text_pool + offset;
}

const char *qa_dataset_case_id(const qa_dataset *dataset, size_t row)
{
    if (dataset->id_column < 0)
        return "";
    const char *id = qa_dataset_text(dataset, &dataset->columns[dataset->id_column], row);
    return id ? id : "";
}
