/* Contingency tables of two integer-code variables (see correlation_table.h). */
#include "correlation_internal.h"
#include "rank_sort.h"

#include <stdlib.h>

qa_status qa_code_table_from_levels(const uint32_t *rx, size_t kx, const uint32_t *ry,
                                    size_t ky, size_t n, qa_code_table *table)
{
    size_t cells = kx * ky > 0 ? kx * ky : 1;
    *table = (qa_code_table){n, kx, ky, 0, 0, calloc(cells, sizeof(int64_t))};
    if (!table->cell)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < n; i++)
        table->cell[(size_t)rx[i] * ky + ry[i]]++;
    return QA_OK;
}

qa_status qa_code_table_build(const double *x, const double *y, size_t n, qa_code_table *table)
{
    *table = (qa_code_table){n, 0, 0, 0, 0, NULL};
    size_t cells_limit = n > QA_CODE_TABLE_CELLS_MIN ? n : QA_CODE_TABLE_CELLS_MIN;
    if (!qa_rank_integer_codes(x, n, QA_CODE_TABLE_LEVEL_LIMIT, &table->min_x, &table->kx) ||
        !qa_rank_integer_codes(y, n, QA_CODE_TABLE_LEVEL_LIMIT, &table->min_y, &table->ky) ||
        table->kx * table->ky > cells_limit)
        return QA_ERR_NUMERIC;
    size_t ky = table->ky;
    table->cell = calloc(table->kx * ky, sizeof *table->cell);
    if (!table->cell)
        return QA_ERR_MEMORY;
    for (size_t i = 0; i < n; i++)
        table->cell[(size_t)(x[i] - table->min_x) * ky + (size_t)(y[i] - table->min_y)]++;
    return QA_OK;
}

void qa_code_table_free(qa_code_table *table)
{
    free(table->cell);
    table->cell = NULL;
}
