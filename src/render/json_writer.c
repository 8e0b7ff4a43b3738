/* Streaming JSON writer; see json_writer.h. */
#include "json_writer.h"

#include <math.h>
#include <stdlib.h>

#include "qareport/text_clean.h"

void qa_json_init(qa_json_writer *writer, FILE *out)
{
    writer->out = out;
    writer->depth = 0;
    writer->needs_comma[0] = false;
    writer->after_key = false;
}

/* Before any value: a comma when a sibling came before, unless a key was just written. */
static void before_value(qa_json_writer *writer)
{
    if (writer->after_key) {
        writer->after_key = false;
        return;
    }
    if (writer->needs_comma[writer->depth])
        fputc(',', writer->out);
    writer->needs_comma[writer->depth] = true;
}

static void open_container(qa_json_writer *writer, char bracket)
{
    before_value(writer);
    fputc(bracket, writer->out);
    if (writer->depth + 1 < QA_JSON_MAX_DEPTH)
        writer->depth++;
    writer->needs_comma[writer->depth] = false;
}

static void close_container(qa_json_writer *writer, char bracket)
{
    if (writer->depth > 0)
        writer->depth--;
    fputc(bracket, writer->out);
    if (writer->depth == 0)
        fputc('\n', writer->out);
}

void qa_json_begin_object(qa_json_writer *writer)
{
    open_container(writer, '{');
}

void qa_json_end_object(qa_json_writer *writer)
{
    close_container(writer, '}');
}

void qa_json_begin_array(qa_json_writer *writer)
{
    open_container(writer, '[');
}

void qa_json_end_array(qa_json_writer *writer)
{
    close_container(writer, ']');
}

/* Every string is cleaned first (text_clean.h: valid UTF-8 without control characters, never
 * shortened: the JSON keeps whole texts), so no input text can make the document invalid. If
 * the cleaned copy cannot be allocated, the string is written as its printable ASCII. */
static void write_escaped(FILE *out, const char *raw)
{
    char *owned;
    const char *text = qa_text_clean_view(raw, QA_TEXT_NO_LIMIT, &owned);
    bool ascii_only = !text;
    if (ascii_only)
        text = raw;
    fputc('"', out);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (ascii_only && (*c < 0x20 || *c > 0x7E))
            continue;
        switch (*c) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*c < 0x20)
                fprintf(out, "\\u%04x", *c);
            else
                fputc(*c, out);
        }
    }
    fputc('"', out);
    free(owned);
}

void qa_json_key(qa_json_writer *writer, const char *key)
{
    before_value(writer);
    write_escaped(writer->out, key);
    fputc(':', writer->out);
    writer->after_key = true;
}

void qa_json_string(qa_json_writer *writer, const char *value)
{
    before_value(writer);
    if (value)
        write_escaped(writer->out, value);
    else
        fputs("null", writer->out);
}

void qa_json_number(qa_json_writer *writer, double value)
{
    before_value(writer);
    if (!isfinite(value))
        fputs("null", writer->out);
    else if (value == 0)
        fputs("0", writer->out); /* no "-0" */
    else
        fprintf(writer->out, "%.15g", value);
}

void qa_json_integer(qa_json_writer *writer, long long value)
{
    before_value(writer);
    fprintf(writer->out, "%lld", value);
}

void qa_json_bool(qa_json_writer *writer, bool value)
{
    before_value(writer);
    fputs(value ? "true" : "false", writer->out);
}

void qa_json_null(qa_json_writer *writer)
{
    before_value(writer);
    fputs("null", writer->out);
}

void qa_json_key_string(qa_json_writer *writer, const char *key, const char *value)
{
    qa_json_key(writer, key);
    qa_json_string(writer, value);
}

void qa_json_key_number(qa_json_writer *writer, const char *key, double value)
{
    qa_json_key(writer, key);
    qa_json_number(writer, value);
}

void qa_json_key_integer(qa_json_writer *writer, const char *key, long long value)
{
    qa_json_key(writer, key);
    qa_json_integer(writer, value);
}

void qa_json_key_bool(qa_json_writer *writer, const char *key, bool value)
{
    qa_json_key(writer, key);
    qa_json_bool(writer, value);
}

void qa_json_key_pair(qa_json_writer *writer, const char *key, double low, double high)
{
    qa_json_key(writer, key);
    qa_json_begin_array(writer);
    qa_json_number(writer, low);
    qa_json_number(writer, high);
    qa_json_end_array(writer);
}

void qa_json_write_tool(qa_json_writer *writer, const char *command_line)
{
    qa_json_key(writer, "tool");
    qa_json_begin_object(writer);
    qa_json_key_string(writer, "name", "qareport");
    qa_json_key_string(writer, "version", QA_VERSION);
    if (command_line)
        qa_json_key_string(writer, "command", command_line);
    qa_json_end_object(writer);
}
