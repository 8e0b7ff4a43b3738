/* End-to-end tests of `analyze --figures DIR`: every figure is written as a valid PDF, SVG and
 * PNG of the stated size (6.5 × 4.5 inches for the forest plot, 6.5 × 5 for Kaplan–Meier, PNG
 * at 144 dpi), the same inputs give the same bytes, and --by writes each group's figures. */
#include "test_support.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const data = "tests/data/e2e/default_n200.csv";
static const char *const stems[] = {"forest",      "km_security",  "km_political",
                                    "km_economic", "km_cognitive", "km_value"};

static char *figure(const char *dir, const char *stem, const char *extension, size_t *size)
{
    char path[8192];
    snprintf(path, sizeof path, "%s/%s.%s", dir, stem, extension);
    char *bytes = qa_test_read_file(path, size);
    if (!bytes)
        print_message("missing %s\n", path);
    assert_non_null(bytes);
    return bytes;
}

/* strstr for a buffer that may hold NUL bytes (a PDF's compressed streams). */
static bool contains(const char *buffer, size_t size, const char *needle)
{
    size_t length = strlen(needle);
    for (size_t i = 0; i + length <= size; i++)
        if (memcmp(buffer + i, needle, length) == 0)
            return true;
    return false;
}

static unsigned big_endian(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* Each of the six figures in all three formats, with the expected page or pixel size. */
static void check_figures(const char *dir)
{
    for (size_t f = 0; f < sizeof stems / sizeof *stems; f++) {
        bool forest = f == 0;
        size_t size;
        char *pdf = figure(dir, stems[f], "pdf", &size);
        assert_memory_equal(pdf, "%PDF-", 5);
        assert_true(contains(pdf, size,
                             forest ? "/MediaBox [ 0 0 468 324 ]" : "/MediaBox [ 0 0 468 360 ]"));
        assert_true(contains(pdf, size, "%%EOF"));
        free(pdf);
        char *svg = figure(dir, stems[f], "svg", &size);
        assert_non_null(strstr(svg, "<svg"));
        assert_non_null(strstr(svg, forest ? "width=\"468pt\" height=\"324pt\""
                                           : "width=\"468pt\" height=\"360pt\""));
        assert_non_null(strstr(svg, "</svg>"));
        free(svg);
        char *png = figure(dir, stems[f], "png", &size);
        assert_true(size > 33);
        assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
        assert_memory_equal(png + 12, "IHDR", 4);
        assert_int_equal(big_endian((const unsigned char *)png + 16), 936);
        assert_int_equal(big_endian((const unsigned char *)png + 20), forest ? 648 : 720);
        free(png);
    }
}

static qa_test_run run_figures(const char *dir, const char *xlsx, const char *extra1,
                               const char *extra2)
{
    const char *args[] = {"analyze",   data, "--quiet", "-o",   xlsx,
                          "--figures", dir,  extra1,    extra2, NULL};
    return qa_test_run_program(args);
}

static void test_figures_valid_and_deterministic(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    char a[4096], b[4096], xlsx[4096];
    snprintf(a, sizeof a, "%s/a", tmp);
    snprintf(b, sizeof b, "%s/b/nested", tmp); /* missing folders are created */
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", tmp);
    qa_test_run first = run_figures(a, xlsx, NULL, NULL);
    if (first.exit_code != 0)
        print_message("%s", first.err);
    assert_int_equal(first.exit_code, 0);
    check_figures(a);
    qa_test_run second = run_figures(b, xlsx, NULL, NULL);
    assert_int_equal(second.exit_code, 0);
    static const char *const extensions[] = {"pdf", "svg", "png"};
    for (size_t f = 0; f < sizeof stems / sizeof *stems; f++)
        for (int e = 0; e < 3; e++) {
            size_t sa, sb;
            char *x = figure(a, stems[f], extensions[e], &sa);
            char *y = figure(b, stems[f], extensions[e], &sb);
            assert_int_equal(sa, sb);
            assert_memory_equal(x, y, sa);
            free(x);
            free(y);
        }
    qa_test_run_free(&first);
    qa_test_run_free(&second);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_figures_chinese(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    char dir[4096], xlsx[4096];
    snprintf(dir, sizeof dir, "%s/zh", tmp);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", tmp);
    qa_test_run run = run_figures(dir, xlsx, "--lang", "zh");
    assert_int_equal(run.exit_code, 0);
    check_figures(dir);
    qa_test_run_free(&run);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_figures_by_group(void **state)
{
    (void)state;
    char *tmp = qa_test_temp_dir();
    char dir[4096], xlsx[4096], path[8192];
    snprintf(dir, sizeof dir, "%s/by", tmp);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", tmp);
    const char *args[] = {"analyze", "datasets/quasi_alliance_cases.csv",
                          "--quiet", "-o",
                          xlsx,      "--figures",
                          dir,       "--by",
                          "era",     NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    snprintf(path, sizeof path, "%s/cold_war/forest.pdf", dir);
    size_t size;
    char *pdf = qa_test_read_file(path, &size);
    assert_non_null(pdf);
    free(pdf);
    qa_test_run_free(&run);
    qa_test_remove_tree(tmp);
    free(tmp);
}

static void test_figures_needs_a_folder(void **state)
{
    (void)state;
    const char *args[] = {"analyze", data, "--figures", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "--figures needs a folder"));
    qa_test_run_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_valid_and_deterministic),
        cmocka_unit_test(test_figures_chinese),
        cmocka_unit_test(test_figures_by_group),
        cmocka_unit_test(test_figures_needs_a_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
