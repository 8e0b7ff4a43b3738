/* The table renderers (render_tables.h) on a hand-made table whose text holds every character
 * each syntax treats specially: LaTeX's ten specials, "--" (a dash in TeX), minus signs and
 * "<" in numbers, Markdown's emphasis and pipe, HTML's entities; and the format by extension. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/render_tables.h"
#include "qareport/text_clean.h"

static const char *const nasty = "a_b & c% $d #e {f} ~g ^h \\i <j> k|l *m* `n` --o \"p\" 'q'";

static void make(qa_paper_tables *tables)
{
    qa_paper_tables_init(tables, QA_LANG_EN);
    tables->table_count = tables->table_capacity = 1;
    tables->tables = calloc(1, sizeof *tables->tables);
    qa_paper_table *t = &tables->tables[0];
    t->title = "R² of x_1";
    t->column_count = 2;
    t->column_numbers[0] = "(1)";
    t->column_numbers[1] = "(2)";
    t->column_labels[0] = "security";
    t->column_labels[1] = "joint";
    t->row_count = t->row_capacity = 3;
    t->rows = calloc(3, sizeof *t->rows);
    t->rows[0] =
        (qa_paper_row){nasty, QA_PAPER_ROW_ESTIMATE, {{"-1.500", "**", true}, {"0.250", "", true}}};
    t->rows[1] =
        (qa_paper_row){"", QA_PAPER_ROW_UNCERTAINTY, {{"(0.300)", "", true}, {"", "", false}}};
    t->rows[2] = (qa_paper_row){
        "Verdict p", QA_PAPER_ROW_STATISTIC, {{"<.001", "", true}, {"not supported", "", false}}};
    t->note_count = 1;
    t->notes[0] = "* p < 0.05; see --controls-in all.";
}

static char *render(const qa_paper_tables *tables, qa_tables_format format)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    assert_non_null(out);
    qa_render_tables(tables, format, out);
    fclose(out);
    return text;
}

static void test_latex(void **state)
{
    (void)state;
    qa_paper_tables tables;
    make(&tables);
    char *text = render(&tables, QA_TABLES_LATEX);
    assert_non_null(strstr(text, "\\documentclass"));
    assert_non_null(strstr(text, "\\usepackage{booktabs}"));
    assert_null(strstr(text, "xeCJK"));
    assert_non_null(strstr(text, "\\caption{R\\textsuperscript{2} of x\\_1}"));
    assert_non_null(strstr(text, "a\\_b \\& c\\% \\$d \\#e \\{f\\} \\textasciitilde{}g "
                                 "\\textasciicircum{}h \\textbackslash{}i $<$j$>$ k$|$l *m* "
                                 "`n` -{}-o \"p\" 'q' & $-$1.500\\textsuperscript{**} & 0.250 "
                                 "\\\\\n"));
    assert_non_null(strstr(text, " & (0.300) &  \\\\\n\\midrule\nVerdict p & $<$.001 & not "
                                 "supported \\\\\n\\bottomrule"));
    assert_non_null(strstr(text, "see -{}-controls-in all."));
    assert_non_null(strstr(text, "\\toprule\n & (1) & (2) \\\\\n & security & joint \\\\\n"));
    free(text);
    tables.language = QA_LANG_ZH;
    text = render(&tables, QA_TABLES_LATEX);
    assert_non_null(strstr(text, "\\usepackage{xeCJK}"));
    free(text);
    qa_paper_tables_free(&tables);
}

static void test_markdown(void **state)
{
    (void)state;
    qa_paper_tables tables;
    make(&tables);
    char *text = render(&tables, QA_TABLES_MARKDOWN);
    assert_non_null(strstr(text, "**Table 1.** R² of x\\_1\n\n"));
    assert_non_null(strstr(text, "a\\_b & c% $d #e {f} ~g ^h \\\\i \\<j\\> k\\|l \\*m\\* \\`n\\` "
                                 "--o \"p\" 'q' |"));
    assert_non_null(strstr(text, "-1.500\\*\\* |"));
    assert_non_null(strstr(text, "\\<.001 |"));
    assert_non_null(strstr(text, "\n*Note:* \\* p \\< 0.05; see --controls-in all.\n"));
    /* every table line has the same number of unescaped pipes */
    int expected = -1;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (line[0] == '|') {
            int pipes = 0;
            for (const char *c = line; c < end; c++)
                pipes += *c == '|' && (c == line || c[-1] != '\\');
            if (expected < 0)
                expected = pipes;
            assert_int_equal(pipes, expected);
        }
        line = end + 1;
    }
    assert_int_equal(expected, 4);
    assert_non_null(strstr(text, "| :---"));
    free(text);
    qa_paper_tables_free(&tables);
}

static void test_html(void **state)
{
    (void)state;
    qa_paper_tables tables;
    make(&tables);
    char *text = render(&tables, QA_TABLES_HTML);
    assert_non_null(strstr(text, "<!DOCTYPE html>"));
    assert_non_null(strstr(text, "<html lang=\"en\">"));
    assert_non_null(strstr(text, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(text, "<td>a_b &amp; c% $d #e {f} ~g ^h \\i &lt;j&gt; k|l *m* `n` --o "
                                 "&quot;p&quot; &#39;q&#39;</td><td>-1.500<sup>**</sup></td>"));
    assert_non_null(strstr(text, "<tbody class=\"statistics\">\n<tr><td>Verdict p</td><td>&lt;"
                                 ".001</td>"));
    assert_non_null(strstr(text, "<p class=\"note\"><i>Note:</i> * p &lt; 0.05;"));
    assert_non_null(strstr(text, "</table>"));
    assert_non_null(strstr(text, "</html>\n"));
    free(text);
    qa_paper_tables_free(&tables);
}

/* Text from the data that is not valid UTF-8 or holds control characters (a codebook label, a
 * --by value) leaves in every syntax as valid UTF-8 with U+FFFD in its place (text_clean.h). */
static void test_ill_formed_text(void **state)
{
    (void)state;
    const qa_tables_format formats[] = {QA_TABLES_LATEX, QA_TABLES_MARKDOWN, QA_TABLES_HTML};
    for (size_t f = 0; f < 3; f++) {
        qa_paper_tables tables;
        make(&tables);
        tables.tables[0].title = "era = \xff\xfe cold";
        tables.tables[0].column_labels[0] = "secu\xC3rity\x1b[31m";
        char *text = render(&tables, formats[f]);
        assert_true(qa_text_is_clean(text, QA_TEXT_NO_LIMIT));
        assert_null(strstr(text, "\x1b"));
        assert_non_null(strstr(text, "secu\xEF\xBF\xBDrity"));
        free(text);
        qa_paper_tables_free(&tables);
    }
}

static void test_format_by_extension(void **state)
{
    (void)state;
    qa_tables_format format;
    qa_error error;
    assert_int_equal(qa_tables_format_for_path("out/t.tex", &format, &error), QA_OK);
    assert_int_equal(format, QA_TABLES_LATEX);
    assert_int_equal(qa_tables_format_for_path("T.MD", &format, &error), QA_OK);
    assert_int_equal(format, QA_TABLES_MARKDOWN);
    assert_int_equal(qa_tables_format_for_path("t.markdown", &format, &error), QA_OK);
    assert_int_equal(qa_tables_format_for_path("t.htm", &format, &error), QA_OK);
    assert_int_equal(format, QA_TABLES_HTML);
    assert_int_equal(qa_tables_format_for_path("t.html", &format, &error), QA_OK);
    assert_int_equal(qa_tables_format_for_path("t.txt", &format, &error), QA_ERR_USAGE);
    assert_non_null(strstr(error.message, "t.txt"));
    assert_int_equal(qa_tables_format_for_path("tables", &format, &error), QA_ERR_USAGE);
    assert_int_equal(qa_tables_format_for_path("a.tex/tables", &format, &error), QA_ERR_USAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latex),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_format_by_extension),
        cmocka_unit_test(test_ill_formed_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
