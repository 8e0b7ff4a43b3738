/* End-to-end tests of `analyze --tables FILE`: on the bundled dataset every number of the
 * Markdown tables equals the JSON at the printed precision (coefficients, SEs or CIs, stars,
 * verdicts, adjusted p, N, events, pseudo-R², AIC); the Markdown is a pipe table (the same
 * number of cells in every row, a separator row); the HTML and LaTeX hold the same cells, the
 * HTML's tags balance, the LaTeX compiles (pdflatex, and xelatex with xeCJK for --lang zh)
 * where TeX is installed; the same input gives the same bytes; a wrong extension is exit 2. */
#include "test_support.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_flat.h"

static const char *const data = "datasets/quasi_alliance_cases.csv";

enum { MAX_CELLS = 8, MAX_ROWS = 512 };

typedef struct {
    size_t count;
    char cells[MAX_CELLS][128];
} row_cells;

typedef struct {
    size_t row_count;
    row_cells rows[MAX_ROWS];
    size_t table_starts[16]; /* index of each table's header row */
    size_t table_count;
} parsed;

static void trim(char *text)
{
    size_t start = 0, length = strlen(text);
    while (text[start] == ' ')
        start++;
    while (length > start && text[length - 1] == ' ')
        length--;
    memmove(text, text + start, length - start);
    text[length - start] = '\0';
}

/* Markdown: every table row split into cells, backslash escapes removed; a table's header
 * row recorded where it starts. Asserts the pipe-table shape. */
static void parse_markdown(const char *text, parsed *out)
{
    memset(out, 0, sizeof *out);
    const char *line = text;
    size_t columns = 0, line_in_table = 0;
    bool in_table = false;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        if (length > 0 && line[0] == '|') {
            assert_true(line[length - 1] == '|');
            row_cells row;
            memset(&row, 0, sizeof row);
            size_t k = 0;
            for (size_t i = 1; i < length; i++) {
                if (line[i] == '\\' && i + 1 < length) {
                    row.cells[row.count][k++] = line[++i];
                } else if (line[i] == '|') {
                    row.cells[row.count][k] = '\0';
                    trim(row.cells[row.count]);
                    row.count++;
                    k = 0;
                    assert_true(row.count < MAX_CELLS);
                } else {
                    row.cells[row.count][k++] = line[i];
                    assert_true(k < 127);
                }
            }
            if (!in_table) {
                in_table = true;
                columns = row.count;
                line_in_table = 0;
                out->table_starts[out->table_count++] = out->row_count;
            }
            assert_int_equal(row.count, columns);
            bool separator =
                strspn(row.cells[1], "-:") == strlen(row.cells[1]) && row.cells[1][0] != '\0';
            assert_true(separator == (line_in_table == 1)); /* the second row, and only it */
            line_in_table++;
            if (!separator) {
                assert_true(out->row_count < MAX_ROWS);
                out->rows[out->row_count++] = row;
            }
        } else {
            in_table = false;
        }
        line += length + (end ? 1 : 0);
    }
}

static double number(const char *text)
{
    char *end;
    double value = strtod(text, &end);
    assert_true(end != text);
    return value;
}

/* A printed number equals the JSON value rounded to the printed decimals. */
static void check_number(const char *printed, const qa_flat *flat, const char *key)
{
    const char *value = qa_flat_value(flat, key);
    double expected = strtod(value, NULL);
    if (strcmp(printed, "<.001") == 0) {
        assert_true(expected < 0.001);
        return;
    }
    const char *dot = strchr(printed, '.');
    int decimals = dot ? (int)strlen(dot + 1) : 0;
    double tolerance = 0.5 * pow(10, -decimals) + 1e-9;
    if (fabs(number(printed) - expected) > tolerance)
        print_message("%s: printed %s, JSON %s\n", key, printed, value);
    assert_true(fabs(number(printed) - expected) <= tolerance);
}

static const char *stars_of(double p)
{
    return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

/* "H1".."H5" of a measure's name. */
static const char *hypothesis_of(const char *measure)
{
    static const char *const measures[] = {"security", "political", "economic", "cognitive",
                                           "value"};
    static const char *const ids[] = {"H1", "H2", "H3", "H4", "H5"};
    for (int h = 0; h < 5; h++)
        if (strcmp(measure, measures[h]) == 0)
            return ids[h];
    fail_msg("no hypothesis for %s", measure);
    return "";
}

/* The term behind a row label ("security (H1)" -> security, Constant -> (Intercept)). */
static void term_of(const char *label, char *term, size_t size)
{
    if (strcmp(label, "Constant") == 0) {
        snprintf(term, size, "(Intercept)");
        return;
    }
    snprintf(term, size, "%s", label);
    char *space = strstr(term, " (H");
    if (space)
        *space = '\0';
}

/* Checks every cell of the Markdown against the JSON; returns the numbers checked. */
static size_t check_against_json(const parsed *p, const qa_flat *flat, bool stars, bool ci)
{
    static const char *const prefixes[] = {"formation", "durability", "cox"};
    static const char *const outcomes[] = {"formation", "durability", "durability"};
    assert_int_equal(p->table_count, 3);
    size_t checked = 0;
    const size_t *starts = p->table_starts;
    for (size_t t = 0; t < p->table_count; t++) {
        size_t begin = starts[t], end = t + 1 < p->table_count ? starts[t + 1] : p->row_count;
        const row_cells *header = &p->rows[begin];
        char models[MAX_CELLS][96], measures[MAX_CELLS][64];
        for (size_t c = 1; c < header->count; c++) {
            const char *label = strchr(header->cells[c], ' ');
            assert_non_null(label);
            snprintf(measures[c], sizeof measures[c], "%s", label + 1);
            snprintf(models[c], sizeof models[c], "%s_%s", prefixes[t], label + 1);
        }
        char term[128] = "";
        for (size_t r = begin + 1; r < end; r++) {
            const row_cells *row = &p->rows[r];
            const char *label = row->cells[0];
            if (*label)
                term_of(label, term, sizeof term);
            for (size_t c = 1; c < row->count; c++) {
                const char *cell = row->cells[c];
                if (!*cell)
                    continue;
                char key[512], text[128];
                snprintf(text, sizeof text, "%s", cell);
                if (strcmp(label, "N") == 0) {
                    snprintf(key, sizeof key, "models.%s.n", models[c]);
                    check_number(text, flat, key);
                } else if (strcmp(label, "Events") == 0) {
                    snprintf(key, sizeof key, "models.%s.events", models[c]);
                    check_number(text, flat, key);
                } else if (strncmp(label, "Pseudo R² (McFadden)", 20) == 0) {
                    snprintf(key, sizeof key, "models.%s.fit.mcfadden_r2", models[c]);
                    check_number(text, flat, key);
                } else if (strcmp(label, "Pseudo R² (Nagelkerke)") == 0) {
                    snprintf(key, sizeof key, "models.%s.fit.nagelkerke_r2", models[c]);
                    check_number(text, flat, key);
                } else if (strcmp(label, "AIC") == 0) {
                    snprintf(key, sizeof key, "models.%s.fit.aic", models[c]);
                    check_number(text, flat, key);
                } else if (strcmp(label, "Estimator") == 0) {
                    snprintf(key, sizeof key, "models.%s.method", models[c]);
                    assert_string_equal(qa_flat_value(flat, key),
                                        strcmp(text, "ML") == 0 ? "ml" : "firth");
                } else if (strcmp(label, "Verdict") == 0) {
                    snprintf(key, sizeof key, "tests.%s.%s.verdict", hypothesis_of(measures[c]),
                             outcomes[t]);
                    for (char *s = text; *s; s++)
                        *s = *s == ' ' ? '_' : *s;
                    assert_string_equal(qa_flat_value(flat, key), text);
                } else if (strncmp(label, "Verdict p", 9) == 0) {
                    snprintf(key, sizeof key, "tests.%s.%s.p_adjusted", hypothesis_of(measures[c]),
                             outcomes[t]);
                    check_number(text, flat, key);
                } else if (*label) { /* a coefficient, with stars when asked */
                    size_t length = strlen(text);
                    size_t star_count = 0;
                    while (length > 0 && text[length - 1] == '*')
                        text[--length] = '\0', star_count++;
                    snprintf(key, sizeof key, "models.%s.terms.%s.b", models[c], term);
                    check_number(text, flat, key);
                    snprintf(key, sizeof key, "models.%s.terms.%s.p", models[c], term);
                    double pv = strtod(qa_flat_value(flat, key), NULL);
                    assert_int_equal(star_count, stars ? strlen(stars_of(pv)) : 0);
                } else if (!ci) { /* (SE) */
                    assert_true(text[0] == '(');
                    text[strlen(text) - 1] = '\0';
                    snprintf(key, sizeof key, "models.%s.terms.%s.se", models[c], term);
                    check_number(text + 1, flat, key);
                } else { /* [lower, upper] */
                    assert_true(text[0] == '[');
                    char *comma = strchr(text, ',');
                    assert_non_null(comma);
                    *comma = '\0';
                    text[strlen(comma + 1) + (size_t)(comma + 1 - text) - 1] = '\0';
                    snprintf(key, sizeof key, "models.%s.terms.%s.ci.0", models[c], term);
                    check_number(text + 1, flat, key);
                    snprintf(key, sizeof key, "models.%s.terms.%s.ci.1", models[c], term);
                    check_number(comma + 2, flat, key);
                }
                checked++;
            }
        }
    }
    return checked;
}

static qa_test_run run(const char *tables, const char *json_path, const char *extra1,
                       const char *extra2)
{
    const char *args[16] = {"analyze", data, "--quiet", "-o", "/dev/null", "--tables", tables};
    size_t n = 7;
    if (json_path) {
        args[n++] = "--json";
        args[n++] = json_path;
    }
    if (extra1)
        args[n++] = extra1;
    if (extra2)
        args[n++] = extra2;
    args[n] = NULL;
    return qa_test_run_program(args);
}

static char *path_in(const char *dir, const char *name)
{
    char *path = malloc(strlen(dir) + strlen(name) + 2);
    sprintf(path, "%s/%s", dir, name);
    return path;
}

static void check_markdown_run(bool stars, bool ci)
{
    char *tmp = qa_test_temp_dir();
    char *md = path_in(tmp, "tables.md"), *js = path_in(tmp, "results.json");
    qa_test_run r = run(md, js, stars ? "--stars" : NULL, ci ? "--tables-ci" : NULL);
    if (r.exit_code != 0)
        print_message("%s\n", r.err);
    assert_int_equal(r.exit_code, 0);
    qa_test_run_free(&r);
    char *text = qa_test_read_file(md, NULL);
    char *json_text = qa_test_read_file(js, NULL);
    assert_non_null(text);
    assert_non_null(json_text);
    parsed *p = calloc(1, sizeof *p);
    parse_markdown(text, p);
    qa_flat flat = {0};
    assert_int_equal(qa_flat_parse(json_text, &flat, NULL), 0);
    size_t checked = check_against_json(p, &flat, stars, ci);
    assert_true(checked > 150); /* every coefficient, SE, fit statistic of 18 models */
    qa_flat_free(&flat);
    free(p);
    free(text);
    free(json_text);
    qa_test_remove_tree(tmp);
    free(md);
    free(js);
    free(tmp);
}

static void test_markdown_equals_json(void **state)
{
    (void)state;
    check_markdown_run(false, false);
}

static void test_markdown_stars_and_ci_equal_json(void **state)
{
    (void)state;
    check_markdown_run(true, true);
}

/* The cells of every body row of the Markdown, in order, joined by '|'. */
static void markdown_cells(const char *text, char *out, size_t size)
{
    parsed *p = calloc(1, sizeof *p);
    parse_markdown(text, p);
    out[0] = '\0';
    for (size_t r = 0; r < p->row_count; r++) {
        bool header = false;
        for (size_t t = 0; t < p->table_count; t++)
            header = header || r == p->table_starts[t];
        if (header)
            continue;
        for (size_t c = 0; c < p->rows[r].count; c++) {
            strncat(out, p->rows[r].cells[c], size - strlen(out) - 2);
            strncat(out, "|", size - strlen(out) - 1);
        }
    }
    free(p);
}

/* The HTML's <td> texts (entities decoded, <sup> kept as its text), joined by '|'; asserts
 * that tags balance. */
static void html_cells(const char *text, char *out, size_t size)
{
    char stack[64][16];
    size_t depth = 0, length = 0;
    bool in_cell = false;
    out[0] = '\0';
    for (const char *c = text; *c; c++) {
        if (*c == '<') {
            if (strncmp(c, "<!DOCTYPE", 9) == 0 || strncmp(c, "<meta", 5) == 0) {
                c = strchr(c, '>');
                continue;
            }
            bool closing = c[1] == '/';
            const char *name = c + (closing ? 2 : 1);
            size_t n = strcspn(name, " >");
            assert_true(n < 16);
            if (closing) {
                assert_true(depth > 0);
                assert_true(strncmp(stack[depth - 1], name, n) == 0 && stack[depth - 1][n] == 0);
                depth--;
                if (n == 2 && strncmp(name, "td", 2) == 0) {
                    in_cell = false;
                    if (length + 1 < size)
                        out[length++] = '|', out[length] = '\0';
                }
            } else {
                assert_true(depth < 64);
                memcpy(stack[depth], name, n);
                stack[depth++][n] = '\0';
                if (n == 2 && strncmp(name, "td", 2) == 0)
                    in_cell = true;
            }
            c = strchr(c, '>');
            assert_non_null(c);
            continue;
        }
        if (!in_cell)
            continue;
        char ch = *c;
        if (*c == '&') {
            static const char *const entities[][2] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
            for (size_t e = 0; e < 5; e++)
                if (strncmp(c, entities[e][0], strlen(entities[e][0])) == 0) {
                    ch = entities[e][1][0];
                    c += strlen(entities[e][0]) - 1;
                }
        }
        if (length + 1 < size)
            out[length++] = ch, out[length] = '\0';
    }
    assert_int_equal(depth, 0);
}

/* The LaTeX's body rows (between the header's \\midrule and \\bottomrule, but the panel
 * rule) with the escapes undone, joined by '|'. */
static void latex_cells(const char *text, char *out, size_t size)
{
    static const char *const undo[][2] = {{"$-$", "-"},
                                          {"$<$", "<"},
                                          {"\\textsuperscript{2}", "²"},
                                          {"\\textsuperscript{", ""},
                                          {"\\_", "_"},
                                          {"\\&", "&"},
                                          {" & ", "|"},
                                          {"}", ""}};
    size_t length = 0;
    out[0] = '\0';
    bool header = false, body = false;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        if (strncmp(line, "\\toprule", 8) == 0)
            header = true;
        else if (strncmp(line, "\\midrule", 8) == 0 && header)
            header = false, body = true;
        else if (strncmp(line, "\\bottomrule", 11) == 0)
            body = false;
        else if (body && strncmp(line, "\\midrule", 8) != 0) {
            assert_true(n > 3 && strncmp(line + n - 3, " \\\\", 3) == 0);
            for (const char *c = line; c < line + n - 3;) {
                bool done = false;
                for (size_t u = 0; u < sizeof undo / sizeof *undo && !done; u++) {
                    size_t k = strlen(undo[u][0]), m = strlen(undo[u][1]);
                    if (strncmp(c, undo[u][0], k) == 0) {
                        if (length + m < size)
                            memcpy(out + length, undo[u][1], m), length += m;
                        c += k;
                        done = true;
                    }
                }
                if (!done && length + 1 < size)
                    out[length++] = *c++;
                else if (!done)
                    c++;
            }
            if (length + 1 < size)
                out[length++] = '|';
            out[length] = '\0';
        }
        line += n + (end ? 1 : 0);
    }
}

static bool have(const char *command)
{
    char shell[256];
    snprintf(shell, sizeof shell, "command -v %s >/dev/null 2>&1", command);
    return system(shell) == 0;
}

static int compile(const char *dir, const char *engine, const char *file)
{
    char shell[2048];
    snprintf(shell, sizeof shell,
             "cd '%s' && %s -interaction=nonstopmode -halt-on-error '%s' >/dev/null 2>&1 "
             "</dev/null",
             dir, engine, file);
    return system(shell);
}

static void test_formats_same_cells_and_deterministic(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    static const char *const names[] = {"a.md", "a.html", "a.tex", "b.md", "b.html", "b.tex"};
    char *text[6];
    for (int i = 0; i < 6; i++) {
        char *path = path_in(tmp, names[i]);
        qa_test_run r = run(path, NULL, "--stars", NULL);
        assert_int_equal(r.exit_code, 0);
        qa_test_run_free(&r);
        text[i] = qa_test_read_file(path, NULL);
        assert_non_null(text[i]);
        free(path);
    }
    for (int i = 0; i < 3; i++)
        assert_string_equal(text[i], text[i + 3]); /* byte-identical */
    size_t size = 1 << 16;
    char *md = malloc(size), *html = malloc(size), *tex = malloc(size);
    markdown_cells(text[0], md, size);
    html_cells(text[1], html, size);
    latex_cells(text[2], tex, size);
    assert_string_equal(html, md);
    assert_string_equal(tex, md);
    assert_non_null(strstr(text[2], "\\usepackage{booktabs}"));
    assert_non_null(strstr(text[2], "\\toprule"));
    assert_non_null(strstr(text[2], "\\bottomrule"));
    assert_non_null(strstr(text[2], "\\end{document}"));
    free(md);
    free(html);
    free(tex);
    for (int i = 0; i < 6; i++)
        free(text[i]);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_latex_compiles(void **state)
{
    (void)state;
    if (!have("pdflatex") || system("kpsewhich booktabs.sty >/dev/null 2>&1") != 0)
        skip();
    char *tmp = qa_test_temp_dir();
    char *path = path_in(tmp, "tables.tex");
    qa_test_run r = run(path, NULL, "--stars", "--tables-ci");
    assert_int_equal(r.exit_code, 0);
    qa_test_run_free(&r);
    assert_int_equal(compile(tmp, "pdflatex", "tables.tex"), 0);
    char *pdf_path = path_in(tmp, "tables.pdf");
    size_t size = 0;
    char *pdf = qa_test_read_file(pdf_path, &size);
    assert_non_null(pdf);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
    free(pdf_path);
    free(path);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_latex_chinese_compiles(void **state)
{
    (void)state;
    if (!have("xelatex") ||
        system("kpsewhich xeCJK.sty >/dev/null 2>&1 && kpsewhich ctexhook.sty >/dev/null 2>&1 "
               "&& kpsewhich booktabs.sty >/dev/null 2>&1") != 0)
        skip();
    char *tmp = qa_test_temp_dir();
    char *path = path_in(tmp, "tables.tex");
    qa_test_run r = run(path, NULL, "--lang", "zh");
    assert_int_equal(r.exit_code, 0);
    qa_test_run_free(&r);
    char *text = qa_test_read_file(path, NULL);
    assert_non_null(strstr(text, "\\usepackage{xeCJK}"));
    assert_non_null(strstr(text, "常数项"));
    free(text);
    assert_int_equal(compile(tmp, "xelatex", "tables.tex"), 0);
    char *pdf_path = path_in(tmp, "tables.pdf");
    char *pdf = qa_test_read_file(pdf_path, NULL);
    assert_non_null(pdf);
    free(pdf);
    free(pdf_path);
    free(path);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_bad_extension_and_options(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    char *path = path_in(tmp, "tables.txt");
    qa_test_run r = run(path, NULL, NULL, NULL);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "tables.txt"));
    assert_non_null(strstr(r.err, ".tex"));
    qa_test_run_free(&r);
    FILE *probe = fopen(path, "r");
    assert_null(probe); /* nothing written */
    const char *stars_alone[] = {"analyze", data, "--quiet", "-o", "/dev/null", "--stars", NULL};
    r = qa_test_run_program(stars_alone);
    assert_int_equal(r.exit_code, 2);
    assert_non_null(strstr(r.err, "--tables"));
    qa_test_run_free(&r);
    free(path);
    qa_test_remove_tree(tmp);
    free(tmp);
}

/* --by: each group's three tables, one after another, the group in each title. */
static void test_groups(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    char *path = path_in(tmp, "tables.md");
    qa_test_run r = run(path, NULL, "--by", "era");
    assert_int_equal(r.exit_code, 0);
    qa_test_run_free(&r);
    char *text = qa_test_read_file(path, NULL);
    assert_non_null(text);
    parsed *p = calloc(1, sizeof *p);
    parse_markdown(text, p);
    assert_int_equal(p->table_count, 6);
    assert_non_null(strstr(text, "**Table 1.** Formation: logistic regression (era = "));
    assert_non_null(strstr(text, "**Table 6.** Durability: Cox proportional hazards (era = "));
    free(p);
    free(text);
    free(path);
    qa_test_remove_tree(tmp);
    free(tmp);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_equals_json),
        cmocka_unit_test(test_markdown_stars_and_ci_equal_json),
        cmocka_unit_test(test_formats_same_cells_and_deterministic),
        cmocka_unit_test(test_latex_compiles),
        cmocka_unit_test(test_latex_chinese_compiles),
        cmocka_unit_test(test_bad_extension_and_options),
        cmocka_unit_test(test_groups),
    };
    return qa_test_main(argc, argv, tests);
}
