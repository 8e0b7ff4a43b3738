/* End to end (issue 15, class "numeric scale"): the bundled data with its five measures
 * multiplied by 1e-160, 1e155 and 1e-200 (declared interval in the codebook) give the report of
 * the data itself up to the scale: every coefficient, standard error and limit times 1/s or
 * unchanged (an intercept, a control), every z, p, adjusted p, verdict, count, statistic and
 * specification verdict the same to 1e-9. Not compared: the odds and hazard ratios exp(b) and
 * their limits, which do not scale (exp(b / 1e-160) overflows), and the Kaplan-Meier split
 * points (values of the measure). */
#include "test_support.h"
#include "json_flat.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const measures[] = {"security", "political", "economic", "cognitive", "value"};

/* The CSV line's fields split at commas outside quotes, measures multiplied by s. */
static void scale_line(const char *line, const int *is_measure, double s, FILE *out)
{
    int field = 0;
    const char *start = line;
    bool quoted = false;
    for (const char *c = line;; c++) {
        if (*c == '"')
            quoted = !quoted;
        if ((*c == ',' && !quoted) || *c == '\n' || *c == '\0') {
            size_t length = (size_t)(c - start);
            if (field < 64 && is_measure[field] && length > 0) {
                char number[64];
                snprintf(number, sizeof number, "%.*s", (int)length, start);
                fprintf(out, "%.17g", strtod(number, NULL) * s);
            } else {
                fwrite(start, 1, length, out);
            }
            if (*c != ',') {
                fputc('\n', out);
                return;
            }
            fputc(',', out);
            field++;
            start = c + 1;
        }
    }
}

static void write_scaled(const char *text, double s, const char *path)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    int is_measure[64] = {0};
    const char *line = text;
    /* header: which fields are measures */
    int field = 0;
    for (const char *c = line, *start = line;; c++)
        if (*c == ',' || *c == '\n') {
            for (size_t m = 0; m < 5; m++)
                if ((size_t)(c - start) == strlen(measures[m]) &&
                    strncmp(start, measures[m], strlen(measures[m])) == 0)
                    is_measure[field] = 1;
            field++;
            start = c + 1;
            if (*c == '\n')
                break;
        }
    for (; *line; line = strchr(line, '\n') + 1) {
        if (line == text) {
            fwrite(text, 1, (size_t)(strchr(text, '\n') - text + 1), out);
            continue;
        }
        scale_line(line, is_measure, s, out);
        if (!strchr(line, '\n'))
            break;
    }
    fclose(out);
}

/* The default codebook with the measures declared interval (no 0-4 range). */
static void write_codebook(const char *path)
{
    const char *args[] = {"codebook", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    for (char *line = run.out; *line;) {
        char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char *ordinal = strstr(line, ",ordinal,0,4,");
        if (strstr(line, ",measure:") && ordinal && ordinal < line + length) {
            fwrite(line, 1, (size_t)(ordinal - line), out);
            fputs(",interval,,,", out);
            fwrite(ordinal + 13, 1, length - (size_t)(ordinal + 13 - line), out);
        } else {
            fwrite(line, 1, length, out);
        }
        fputc('\n', out);
        line += length + (end ? 1 : 0);
    }
    fclose(out);
    qa_test_run_free(&run);
}

static bool ends_with(const char *key, const char *tail)
{
    size_t k = strlen(key), t = strlen(tail);
    return k >= t && strcmp(key + k - t, tail) == 0;
}

static bool close_to(double actual, double expected)
{
    return actual == expected || fabs(actual - expected) <= 1e-9 * fabs(expected);
}

static void analyze(const char *data, const char *codebook, const char *json, qa_flat *flat)
{
    const char *args[] = {"analyze", data,      "--codebook", codebook,    "--json",
                          json,      "--quiet", "-o",         "/dev/null", NULL};
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != 0)
        print_message("%s", run.err);
    assert_int_equal(run.exit_code, 0);
    qa_test_run_free(&run);
    char *text = qa_test_read_file(json, NULL);
    assert_non_null(text);
    assert_int_equal(qa_flat_parse(text, flat, NULL), 0);
    free(text);
}

static void test_any_scale_same_report(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char data[4096], codebook[4096], json[4096];
    snprintf(codebook, sizeof codebook, "%s/codebook.csv", dir);
    write_codebook(codebook);
    char *text = qa_test_read_file("datasets/quasi_alliance_cases.csv", NULL);
    assert_non_null(text);
    snprintf(data, sizeof data, "%s/data.csv", dir);
    snprintf(json, sizeof json, "%s/base.json", dir);
    write_scaled(text, 1, data);
    qa_flat base;
    analyze(data, codebook, json, &base);
    const double scales[] = {1e-160, 1e155, 1e-200};
    for (size_t k = 0; k < 3; k++) {
        double s = scales[k];
        write_scaled(text, s, data);
        qa_flat scaled;
        snprintf(json, sizeof json, "%s/scaled.json", dir);
        analyze(data, codebook, json, &scaled);
        size_t tests = 0, coefficients = 0;
        for (size_t e = 0; e < base.count; e++) {
            const qa_flat_entry *a = &base.entries[e];
            if (strncmp(a->key, "tool.", 5) == 0 || strncmp(a->key, "input.", 6) == 0 ||
                ends_with(a->key, ".or") || ends_with(a->key, ".hr") || strstr(a->key, ".or_ci.") ||
                strstr(a->key, ".hr_ci.") || ends_with(a->key, ".split"))
                continue;
            const qa_flat_entry *b = qa_flat_find(&scaled, a->key);
            if (!b)
                fail_msg("scale %g: %s missing", s, a->key);
            if (a->is_string || strcmp(a->value, "null") == 0 || !strcmp(a->value, "true") ||
                !strcmp(a->value, "false")) {
                if (strcmp(a->value, b->value) != 0)
                    fail_msg("scale %g: %s is %s, not %s", s, a->key, b->value, a->value);
                tests++;
                continue;
            }
            double va = strtod(a->value, NULL), vb = strtod(b->value, NULL);
            bool coefficient = ends_with(a->key, ".b") || ends_with(a->key, ".se") ||
                               strstr(a->key, ".ci.") != NULL;
            if (coefficient && !close_to(vb, va) && close_to(vb, va / s)) {
                coefficients++;
                continue;
            }
            /* The measure's standard deviation (§4.14) scales with the data; the effect per SD
               (or_sd, hr_sd and their intervals) does not, and is compared as it is. */
            if (ends_with(a->key, ".sd") && !close_to(vb, va) && close_to(vb, va * s)) {
                coefficients++;
                continue;
            }
            if (!close_to(vb, va))
                fail_msg("scale %g: %s is %s, not %s", s, a->key, b->value, a->value);
            tests++;
        }
        assert_true(coefficients > 100); /* the measures' terms did scale */
        assert_true(tests > 500);
        qa_flat_free(&scaled);
    }
    qa_flat_free(&base);
    free(text);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_any_scale_same_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
