/* The regression tables (render_tables.h) as LaTeX, Markdown and HTML: layout and escaping
 * only. LaTeX: a standalone article with booktabs rules, one table float per table, notes
 * in a footnote-size paragraph beneath (pdflatex; for Chinese, xelatex with xeCJK). Markdown:
 * a bold caption, a pipe table padded to aligned columns, the notes as one paragraph. HTML: a
 * page with one <table> per table, rules drawn by a short style sheet. */
#include "qareport/render_tables.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qareport/domain.h"
#include "qareport/text_clean.h"

qa_status qa_tables_format_for_path(const char *path, qa_tables_format *format, qa_error *error)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (dot && strcasecmp(dot, ".tex") == 0)
        *format = QA_TABLES_LATEX;
    else if (dot && (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0))
        *format = QA_TABLES_MARKDOWN;
    else if (dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0))
        *format = QA_TABLES_HTML;
    else
        return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                            "--tables '%s': the extension must be .tex (LaTeX), .md (Markdown) "
                            "or .html (HTML)",
                            path);
    return QA_OK;
}

/* --- LaTeX --- */

typedef struct {
    const char *utf8, *latex;
} latex_symbol;

/* Characters outside ASCII that pdflatex's default encoding lacks, as LaTeX commands. */
static const latex_symbol latex_symbols[] = {
    {"²", "\\textsuperscript{2}"},
    {"≤", "$\\leq$"},
    {"≥", "$\\geq$"},
    {"−", "$-$"},
    {"–", "--"},
    {"—", "---"},
    {"…", "\\ldots{}"},
    {"×", "$\\times$"},
    {"α", "$\\alpha$"},
    {"±", "$\\pm$"},
    {"·", "$\\cdot$"},
};

/* Text in LaTeX: the ten special characters escaped, "--" kept from becoming a dash, the
 * symbols above as commands. In a number, '-' is a minus sign and '<' a relation. */
static void latex_escape_clean(FILE *out, const char *text, bool number)
{
    for (const char *c = text; *c; c++) {
        bool symbol = false;
        for (size_t s = 0; s < sizeof latex_symbols / sizeof *latex_symbols && !symbol; s++) {
            size_t length = strlen(latex_symbols[s].utf8);
            if (strncmp(c, latex_symbols[s].utf8, length) == 0) {
                fputs(latex_symbols[s].latex, out);
                c += length - 1;
                symbol = true;
            }
        }
        if (symbol)
            continue;
        switch (*c) {
        case '\\':
            fputs("\\textbackslash{}", out);
            break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
        case '{':
        case '}':
            fputc('\\', out);
            fputc(*c, out);
            break;
        case '~':
            fputs("\\textasciitilde{}", out);
            break;
        case '^':
            fputs("\\textasciicircum{}", out);
            break;
        case '<':
        case '>':
        case '|':
            fprintf(out, "$%c$", *c);
            break;
        case '-':
            if (number)
                fputs("$-$", out);
            else
                fputs(c[1] == '-' ? "-{}" : "-", out);
            break;
        default:
            fputc(*c, out);
            break;
        }
    }
}

/* Every text from the data (labels, group values, notes) passes the output sanitiser first
 * (text_clean.h): valid UTF-8 without control characters; out of memory writes nothing. */
static void latex_escape(FILE *out, const char *text, bool number)
{
    char *owned;
    const char *clean = qa_text_clean_view(text, QA_TEXT_NO_LIMIT, &owned);
    if (clean)
        latex_escape_clean(out, clean, number);
    free(owned);
}

static void latex_cell(FILE *out, const qa_paper_cell *cell)
{
    latex_escape(out, cell->text, cell->number);
    if (cell->stars && *cell->stars)
        fprintf(out, "\\textsuperscript{%s}", cell->stars);
}

static void latex_table(const qa_paper_table *table, FILE *out)
{
    fputs("\\begin{table}[htbp]\n\\centering\n\\caption{", out);
    latex_escape(out, table->title, false);
    fputs("}\n\\small\n\\begin{tabular}{l", out);
    for (size_t c = 0; c < table->column_count; c++)
        fputc('c', out);
    fputs("}\n\\toprule\n", out);
    for (size_t c = 0; c < table->column_count; c++) {
        fputs(" & ", out);
        latex_escape(out, table->column_numbers[c], false);
    }
    fputs(" \\\\\n", out);
    for (size_t c = 0; c < table->column_count; c++) {
        fputs(" & ", out);
        latex_escape(out, table->column_labels[c], false);
    }
    fputs(" \\\\\n\\midrule\n", out);
    bool statistics = false;
    for (size_t r = 0; r < table->row_count; r++) {
        const qa_paper_row *row = &table->rows[r];
        if (row->kind == QA_PAPER_ROW_STATISTIC && !statistics) {
            fputs("\\midrule\n", out);
            statistics = true;
        }
        latex_escape(out, row->label, false);
        for (size_t c = 0; c < table->column_count; c++) {
            fputs(" & ", out);
            latex_cell(out, &row->cells[c]);
        }
        fputs(" \\\\\n", out);
    }
    fputs("\\bottomrule\n\\end{tabular}\n", out);
    if (table->note_count > 0) {
        fputs("\n\\smallskip\n\\begin{minipage}{\\linewidth}\\footnotesize\n", out);
        for (size_t n = 0; n < table->note_count; n++) {
            if (n > 0)
                fputc(' ', out);
            latex_escape(out, table->notes[n], false);
        }
        fputs("\n\\end{minipage}\n", out);
    }
    fputs("\\end{table}\n\n", out);
}

static void latex_document(const qa_paper_tables *tables, FILE *out)
{
    bool chinese = tables->language == QA_LANG_ZH;
    fputs("% Regression tables written by qareport (analyze --tables).\n", out);
    fputs(chinese ? "% Compile with xelatex (xeCJK, with the first CJK font found of Noto, "
                    "Source Han, WenQuanYi, Droid, Fandol).\n"
                  : "% Compile with pdflatex. Each table environment can be copied into a "
                    "paper that loads booktabs.\n",
          out);
    /* landscape: six model columns with intervals or verdicts beneath need about 600pt */
    fputs("\\documentclass[11pt]{article}\n\\usepackage[a4paper,landscape,margin=2cm]{geometry}\n"
          "\\usepackage{booktabs}\n",
          out);
    if (chinese)
        fputs("\\usepackage{xeCJK}\n"
              "\\IfFontExistsTF{Noto Serif CJK SC}{\\setCJKmainfont{Noto Serif CJK SC}}{%\n"
              "\\IfFontExistsTF{Noto Sans CJK SC}{\\setCJKmainfont{Noto Sans CJK SC}}{%\n"
              "\\IfFontExistsTF{Source Han Serif SC}{\\setCJKmainfont{Source Han Serif SC}}{%\n"
              "\\IfFontExistsTF{WenQuanYi Micro Hei}{\\setCJKmainfont{WenQuanYi Micro Hei}}{%\n"
              "\\IfFontExistsTF{Droid Sans Fallback}{\\setCJKmainfont{Droid Sans Fallback}}{%\n"
              "\\IfFontExistsTF{FandolSong}{\\setCJKmainfont{FandolSong}}{}}}}}}\n",
              out);
    fputs("\\renewcommand{\\tablename}{", out);
    latex_escape(out, tables->table_word, false);
    fputs("}\n\\begin{document}\n\n", out);
    for (size_t t = 0; t < tables->table_count; t++)
        latex_table(&tables->tables[t], out);
    fputs("\\end{document}\n", out);
}

/* --- Markdown --- */

/* A growing string. */
typedef struct {
    char *text;
    size_t length, capacity;
} buffer;

static void buffer_add(buffer *b, const char *text, size_t length)
{
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = (b->length + length + 1) * 2;
        char *grown = realloc(b->text, capacity);
        if (!grown)
            return; /* the cell is cut short; the renderer has no error path */
        b->text = grown;
        b->capacity = capacity;
    }
    memcpy(b->text + b->length, text, length);
    b->length += length;
    b->text[b->length] = '\0';
}

/* Markdown text: the characters that would start emphasis, code, HTML or end a cell escaped
 * with a backslash. */
static void markdown_escape_clean(buffer *b, const char *text)
{
    for (const char *c = text; *c; c++) {
        if (strchr("\\`*_|<>", *c))
            buffer_add(b, "\\", 1);
        buffer_add(b, c, 1);
    }
}

static void markdown_escape(buffer *b, const char *text)
{
    char *owned;
    const char *clean = qa_text_clean_view(text, QA_TEXT_NO_LIMIT, &owned);
    if (clean)
        markdown_escape_clean(b, clean);
    free(owned);
}

static char *markdown_text(const char *text, const char *stars)
{
    buffer b = {NULL, 0, 0};
    buffer_add(&b, "", 0);
    markdown_escape(&b, text);
    if (stars)
        markdown_escape(&b, stars);
    return b.text;
}

static void markdown_row(FILE *out, char *const *cells, const size_t *widths, size_t count)
{
    fputc('|', out);
    for (size_t c = 0; c < count; c++) {
        const char *text = cells[c] ? cells[c] : "";
        size_t width = qa_display_width(text);
        fputc(' ', out);
        if (c == 0) { /* labels left, numbers right */
            fputs(text, out);
            fprintf(out, "%*s", (int)(widths[c] - width), "");
        } else {
            fprintf(out, "%*s", (int)(widths[c] - width), "");
            fputs(text, out);
        }
        fputs(" |", out);
    }
    fputc('\n', out);
}

static void markdown_table(const qa_paper_tables *tables, const qa_paper_table *table,
                           size_t number, FILE *out)
{
    size_t columns = table->column_count + 1;
    size_t rows = table->row_count + 1;
    char **cells = calloc(rows * columns, sizeof *cells);
    size_t *widths = calloc(columns, sizeof *widths);
    if (!cells || !widths) {
        free(cells);
        free(widths);
        return;
    }
    cells[0] = markdown_text("", NULL);
    for (size_t c = 0; c < table->column_count; c++) {
        buffer b = {NULL, 0, 0};
        buffer_add(&b, "", 0);
        markdown_escape(&b, table->column_numbers[c]);
        buffer_add(&b, " ", 1);
        markdown_escape(&b, table->column_labels[c]);
        cells[c + 1] = b.text;
    }
    for (size_t r = 0; r < table->row_count; r++) {
        const qa_paper_row *row = &table->rows[r];
        cells[(r + 1) * columns] = markdown_text(row->label, NULL);
        for (size_t c = 0; c < table->column_count; c++)
            cells[(r + 1) * columns + c + 1] =
                markdown_text(row->cells[c].text, row->cells[c].stars);
    }
    for (size_t i = 0; i < rows * columns; i++) {
        size_t width = cells[i] ? qa_display_width(cells[i]) : 0;
        if (width > widths[i % columns])
            widths[i % columns] = width;
    }
    for (size_t c = 0; c < columns; c++)
        if (widths[c] < 3)
            widths[c] = 3;
    buffer caption = {NULL, 0, 0};
    buffer_add(&caption, "", 0);
    markdown_escape(&caption, table->title);
    fprintf(out, "**%s %zu.** %s\n\n", tables->table_word, number,
            caption.text ? caption.text : "");
    free(caption.text);
    markdown_row(out, cells, widths, columns);
    fputc('|', out);
    for (size_t c = 0; c < columns; c++) {
        fputs(c == 0 ? " :" : " ", out); /* ":---" left, "---:" right, as wide as the cells */
        for (size_t k = 0; k + 1 < widths[c]; k++)
            fputc('-', out);
        fputs(c == 0 ? " |" : ": |", out);
    }
    fputc('\n', out);
    for (size_t r = 1; r < rows; r++)
        markdown_row(out, cells + r * columns, widths, columns);
    if (table->note_count > 0) {
        buffer note = {NULL, 0, 0};
        buffer_add(&note, "", 0);
        for (size_t n = 0; n < table->note_count; n++) {
            if (n > 0)
                buffer_add(&note, " ", 1);
            markdown_escape(&note, table->notes[n]);
        }
        fprintf(out, "\n*%s:* %s\n", tables->note_word, note.text ? note.text : "");
        free(note.text);
    }
    fputc('\n', out);
    for (size_t i = 0; i < rows * columns; i++)
        free(cells[i]);
    free(cells);
    free(widths);
}

static void markdown_document(const qa_paper_tables *tables, FILE *out)
{
    for (size_t t = 0; t < tables->table_count; t++)
        markdown_table(tables, &tables->tables[t], t + 1, out);
}

/* --- HTML --- */

static void html_escape_clean(FILE *out, const char *text)
{
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '&':
            fputs("&amp;", out);
            break;
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*c, out);
            break;
        }
    }
}

static void html_escape(FILE *out, const char *text)
{
    char *owned;
    const char *clean = qa_text_clean_view(text, QA_TEXT_NO_LIMIT, &owned);
    if (clean)
        html_escape_clean(out, clean);
    free(owned);
}

static void html_table(const qa_paper_tables *tables, const qa_paper_table *table, size_t number,
                       FILE *out)
{
    fputs("<table>\n<caption><b>", out);
    html_escape(out, tables->table_word);
    fprintf(out, " %zu.</b> ", number);
    html_escape(out, table->title);
    fputs("</caption>\n<thead>\n<tr><th></th>", out);
    for (size_t c = 0; c < table->column_count; c++) {
        fputs("<th>", out);
        html_escape(out, table->column_numbers[c]);
        fputs("</th>", out);
    }
    fputs("</tr>\n<tr><th></th>", out);
    for (size_t c = 0; c < table->column_count; c++) {
        fputs("<th>", out);
        html_escape(out, table->column_labels[c]);
        fputs("</th>", out);
    }
    fputs("</tr>\n</thead>\n<tbody>\n", out);
    bool statistics = false;
    for (size_t r = 0; r < table->row_count; r++) {
        const qa_paper_row *row = &table->rows[r];
        if (row->kind == QA_PAPER_ROW_STATISTIC && !statistics) {
            fputs("</tbody>\n<tbody class=\"statistics\">\n", out);
            statistics = true;
        }
        fputs("<tr><td>", out);
        html_escape(out, row->label);
        fputs("</td>", out);
        for (size_t c = 0; c < table->column_count; c++) {
            fputs("<td>", out);
            html_escape(out, row->cells[c].text);
            if (row->cells[c].stars && *row->cells[c].stars) {
                fputs("<sup>", out);
                html_escape(out, row->cells[c].stars);
                fputs("</sup>", out);
            }
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
    if (table->note_count > 0) {
        fputs("<p class=\"note\"><i>", out);
        html_escape(out, tables->note_word);
        fputs(":</i>", out);
        for (size_t n = 0; n < table->note_count; n++) {
            fputc(' ', out);
            html_escape(out, table->notes[n]);
        }
        fputs("</p>\n", out);
    }
    fputc('\n', out);
}

static void html_document(const qa_paper_tables *tables, FILE *out)
{
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            tables->language == QA_LANG_ZH ? "zh" : "en");
    html_escape(out, tables->title);
    fputs("</title>\n<style>\n"
          "body { font-family: serif; }\n"
          "table { border-collapse: collapse; margin: 1.5em 0 0.5em; }\n"
          "caption { text-align: left; padding-bottom: 0.4em; }\n"
          "th, td { padding: 0.1em 0.8em; text-align: center; }\n"
          "td:first-child { text-align: left; }\n"
          "thead tr:first-child th { border-top: 2px solid; }\n"
          "thead tr:last-child th { border-bottom: 1px solid; }\n"
          "tbody.statistics tr:first-child td { border-top: 1px solid; }\n"
          "table tbody:last-child tr:last-child td { border-bottom: 2px solid; }\n"
          "p.note { font-size: 0.85em; max-width: 50em; }\n"
          "</style>\n</head>\n<body>\n\n",
          out);
    for (size_t t = 0; t < tables->table_count; t++)
        html_table(tables, &tables->tables[t], t + 1, out);
    fputs("</body>\n</html>\n", out);
}

void qa_render_tables(const qa_paper_tables *tables, qa_tables_format format, FILE *out)
{
    switch (format) {
    case QA_TABLES_LATEX:
        latex_document(tables, out);
        break;
    case QA_TABLES_MARKDOWN:
        markdown_document(tables, out);
        break;
    case QA_TABLES_HTML:
        html_document(tables, out);
        break;
    }
}
