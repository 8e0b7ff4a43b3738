/* Errors as values: formatting and the list used by `validate`. */
#include "qareport/error.h"
#include "qareport/text_clean.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void copy_text(char *dest, size_t size, const char *src)
{
    if (!src) {
        dest[0] = '\0';
        return;
    }
    snprintf(dest, size, "%s", src);
}

qa_status qa_error_set(qa_error *error, qa_status status, const char *file, long line,
                       const char *column, const char *case_id, const char *format, ...)
{
    if (!error)
        return status;
    error->status = status;
    copy_text(error->file, sizeof error->file, file);
    error->line = line;
    copy_text(error->column, sizeof error->column, column);
    copy_text(error->case_id, sizeof error->case_id, case_id);
    va_list args;
    va_start(args, format);
    vsnprintf(error->message, sizeof error->message, format, args);
    va_end(args);
    return status;
}

void qa_error_clear(qa_error *error)
{
    if (error)
        memset(error, 0, sizeof *error);
}

/* The message as built, before it is cleaned into the caller's buffer. */
static void format_raw(const qa_error *error, char *buffer, size_t size)
{
    size_t used = 0;
    int n;
#define APPEND(...)                                                                                \
    do {                                                                                           \
        n = snprintf(buffer + used, used < size ? size - used : 0, __VA_ARGS__);                   \
        if (n > 0)                                                                                 \
            used += (size_t)n;                                                                     \
    } while (0)
    if (size == 0)
        return;
    buffer[0] = '\0';
    if (error->file[0]) {
        APPEND("%s:", error->file);
        if (error->line > 0)
            APPEND("%ld:", error->line);
        if (error->column[0])
            APPEND("%s:", error->column);
        APPEND(" ");
    }
    if (error->case_id[0])
        APPEND("case %s: ", error->case_id);
    APPEND("%s", error->message);
#undef APPEND
}

/* Cleaned (text_clean.h): a file name or a field that is not valid UTF-8, or a field cut
 * inside a character by the fixed-size fields, is printed as valid UTF-8 without control
 * characters (a terminal never sees an escape sequence of the input). */
void qa_error_format(const qa_error *error, char *buffer, size_t size)
{
    char raw[sizeof error->file + sizeof error->column + sizeof error->case_id +
             sizeof error->message + 64];
    if (size == 0)
        return;
    format_raw(error, raw, sizeof raw);
    qa_text_clean_into(buffer, size, raw, QA_TEXT_NO_LIMIT);
}

int qa_status_exit_code(qa_status status)
{
    switch (status) {
    case QA_OK:
        return 0;
    case QA_ERR_INPUT:
    case QA_ERR_USAGE:
        return 2;
    case QA_ERR_IO:
        return 3;
    default:
        return 1;
    }
}

const char *qa_status_name(qa_status status)
{
    switch (status) {
    case QA_OK:
        return "ok";
    case QA_ERR_INPUT:
        return "bad input";
    case QA_ERR_USAGE:
        return "usage";
    case QA_ERR_IO:
        return "i/o error";
    case QA_ERR_MEMORY:
        return "out of memory";
    case QA_ERR_NUMERIC:
        return "numerical failure";
    case QA_ERR_INTERNAL:
        return "internal error";
    }
    return "unknown";
}

void qa_error_list_init(qa_error_list *list, size_t limit)
{
    memset(list, 0, sizeof *list);
    list->limit = limit;
}

qa_status qa_error_list_add(qa_error_list *list, const qa_error *error)
{
    if (list->limit && list->count >= list->limit) {
        list->dropped++;
        return QA_OK;
    }
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        qa_error *items = realloc(list->items, capacity * sizeof *items);
        if (!items)
            return QA_ERR_MEMORY;
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = *error;
    return QA_OK;
}

void qa_error_list_free(qa_error_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
