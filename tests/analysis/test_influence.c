/* Case influence (src/analysis/influence.c) against brute force: for every analysed case and
 * every member named in at least two cases, the dataset is written again without those rows,
 * imported and analysed from scratch, and its ten verdicts decide whether the case or member
 * must be in each test's flipping list — which must then hold exactly those names. Small
 * files are checked for every removal, a generated 50,000-row panel for a seeded sample of
 * them; each also at an alpha put just above one test's adjusted p, so that most removals
 * move that verdict one way or the other (under the sanitizers only at that alpha). A panel whose
 * H3 formation verdict is carried by one member (gen_cases --scenario panel) names that member. */
#include "test_support.h"
#include "dataset_load.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/analysis.h"
#include "qareport/codebook.h"
#include "qareport/import.h"
#include "analysis/primary.h"
#include "analysis/robustness.h"

typedef struct {
    char *text;
    char *header; /* points into text */
    char **lines; /* data lines, each with its '\n' cut */
    size_t count;
} csv_lines;

static void csv_load(const char *path, csv_lines *csv)
{
    csv->text = qa_test_read_file(path, NULL);
    assert_non_null(csv->text);
    csv->header = csv->text;
    csv->lines = NULL;
    csv->count = 0;
    size_t capacity = 0;
    char *at = strchr(csv->text, '\n');
    assert_non_null(at);
    *at++ = '\0';
    while (*at) {
        char *end = strchr(at, '\n');
        if (end)
            *end = '\0';
        if (csv->count == capacity) {
            capacity = capacity ? 2 * capacity : 256;
            csv->lines = realloc(csv->lines, capacity * sizeof *csv->lines);
            assert_non_null(csv->lines);
        }
        csv->lines[csv->count++] = at;
        if (!end)
            break;
        at = end + 1;
    }
}

static void csv_free(csv_lines *csv)
{
    free(csv->text);
    free(csv->lines);
}

static void csv_write_without(const csv_lines *csv, const unsigned char *drop, const char *path)
{
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    fprintf(out, "%s\n", csv->header);
    for (size_t i = 0; i < csv->count; i++)
        if (!drop[i])
            fprintf(out, "%s\n", csv->lines[i]);
    assert_int_equal(fclose(out), 0);
}

/* The ten verdicts of a from-scratch analysis of `path`. */
static void verdicts_of(const char *path, const char *codebook, const qa_analysis_options *options,
                        qa_verdict *verdicts)
{
    qa_dataset dataset;
    qa_test_import(path, codebook, &dataset);
    qa_results results;
    qa_results_init(&results);
    qa_error error;
    assert_int_equal(qa_analysis_run(&dataset, options, &results, &error), QA_OK);
    for (int t = 0; t < QA_TEST_COUNT; t++)
        verdicts[t] = results.tests[t].verdict;
    qa_results_free(&results);
    qa_dataset_free(&dataset);
}

static bool listed(const qa_robustness *rb, const char *name)
{
    for (size_t i = 0; i < rb->flipping_count; i++)
        if (strcmp(rb->flipping_cases[i], name) == 0)
            return true;
    return false;
}

/* Does a members cell name `member` (";"-separated, spaces around names ignored)? Written
 * apart from the program's index on purpose. */
static bool names_member(const char *cell, const char *member)
{
    size_t length = strlen(member);
    while (cell && *cell) {
        while (*cell == ' ')
            cell++;
        const char *end = strchr(cell, ';');
        const char *stop = end ? end : cell + strlen(cell);
        const char *last = stop;
        while (last > cell && last[-1] == ' ')
            last--;
        if ((size_t)(last - cell) == length && strncmp(cell, member, length) == 0)
            return true;
        cell = end ? end + 1 : NULL;
    }
    return false;
}

typedef struct {
    const char *csv_path, *codebook;
    qa_analysis_options options;
    size_t sample; /* 0: every removal; else about this many cases and members, seeded */
    char *dir;
    csv_lines csv;
    qa_dataset dataset;
    qa_results results; /* the full analysis with influence */
    unsigned char *drop;
    size_t checked, flips;
} brute_force;

/* Rerun without the rows in b->drop; every test must list `name` exactly when its verdict
 * changed. */
static void check_removal(brute_force *b, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/without.csv", b->dir);
    csv_write_without(&b->csv, b->drop, path);
    qa_verdict verdicts[QA_TEST_COUNT];
    verdicts_of(path, b->codebook, &b->options, verdicts);
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        bool flips = verdicts[t] != b->results.tests[t].verdict;
        if (flips != listed(&b->results.robustness[t], name))
            fail_msg("%s, test %d: rerun without %s gives %s (primary %s) but the flipping "
                     "list %s it",
                     b->csv_path, t, name, qa_verdict_name(verdicts[t]),
                     qa_verdict_name(b->results.tests[t].verdict), flips ? "lacks" : "has");
        b->flips += flips;
    }
    b->checked++;
}

/* Seeded choice of about `sample` of `count` items (all when sample is 0). */
static bool chosen(size_t sample, size_t count, unsigned long *state)
{
    if (sample == 0 || sample >= count)
        return true;
    *state = *state * 6364136223846793005u + 1442695040888963407u;
    return (double)(*state >> 11) * 0x1.0p-53 < (double)sample / (double)count;
}

/* Every shared member (with a sample: the first sample / 2 of them in order of appearance,
 * which in a panel are the big states). */
static void check_members(brute_force *b)
{
    size_t members_checked = 0;
    const qa_column *column = &b->dataset.columns[b->dataset.members_column];
    char **seen = NULL;
    size_t seen_count = 0;
    for (size_t row = 0; row < b->dataset.rows; row++) {
        const char *cell = qa_dataset_text(&b->dataset, column, row);
        for (const char *at = cell; at && *at;) {
            while (*at == ' ')
                at++;
            const char *end = strchr(at, ';');
            const char *stop = end ? end : at + strlen(at);
            while (stop > at && stop[-1] == ' ')
                stop--;
            char member[256];
            snprintf(member, sizeof member, "%.*s", (int)(stop - at), at);
            at = end ? end + 1 : NULL;
            bool known = false;
            for (size_t i = 0; i < seen_count && !known; i++)
                known = strcmp(seen[i], member) == 0;
            if (!member[0] || known)
                continue;
            seen = realloc(seen, (seen_count + 1) * sizeof *seen);
            seen[seen_count++] = strdup(member);
            size_t cases = 0;
            for (size_t r = 0; r < b->dataset.rows; r++) {
                b->drop[r] = names_member(qa_dataset_text(&b->dataset, column, r), member);
                cases += b->drop[r];
            }
            if (cases < 2 || (b->sample && members_checked >= b->sample / 2))
                continue;
            members_checked++;
            char name[300];
            snprintf(name, sizeof name, "member:%s", member);
            check_removal(b, name);
        }
    }
    for (size_t i = 0; i < seen_count; i++)
        free(seen[i]);
    free(seen);
}

static void brute_force_run(brute_force *b)
{
    b->dir = qa_test_temp_dir();
    assert_non_null(b->dir);
    csv_load(b->csv_path, &b->csv);
    qa_test_import(b->csv_path, b->codebook, &b->dataset);
    assert_int_equal(b->dataset.rows, b->csv.count);
    qa_results_init(&b->results);
    qa_error error;
    assert_int_equal(qa_analysis_run_full(&b->dataset, &b->options, &b->results, &error), QA_OK);
    b->drop = calloc(b->csv.count, 1);
    b->checked = b->flips = 0;
    unsigned long state = 20240601;
    size_t listed_total = 0;
    for (int t = 0; t < QA_TEST_COUNT; t++)
        listed_total += b->results.robustness[t].flipping_count;
    for (size_t row = 0; row < b->csv.count; row++) {
        if (!chosen(b->sample, b->csv.count, &state))
            continue;
        b->drop[row] = 1;
        check_removal(b, qa_dataset_case_id(&b->dataset, row));
        b->drop[row] = 0;
    }
    if (b->dataset.members_column >= 0)
        check_members(b);
    /* every removal checked: the lists hold nothing else */
    if (b->sample == 0)
        assert_int_equal(b->flips, listed_total);
    print_message("%s: %zu removals rerun, %zu verdict changes (alpha %.17g)\n", b->csv_path,
                  b->checked, b->flips, b->options.alpha);
    free(b->drop);
    qa_results_free(&b->results);
    qa_dataset_free(&b->dataset);
    csv_free(&b->csv);
    qa_test_remove_tree(b->dir);
    free(b->dir);
}

/* An alpha a hair above the adjusted p of the testable test nearest 0.05 (or at 0.05 when
 * none is finite and positive): most removals then move that verdict. */
static double edge_alpha(const char *csv_path, const char *codebook)
{
    qa_dataset dataset;
    qa_test_import(csv_path, codebook, &dataset);
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    qa_results results;
    qa_results_init(&results);
    qa_error error;
    assert_int_equal(qa_analysis_run(&dataset, &options, &results, &error), QA_OK);
    double best = NAN;
    for (int t = 0; t < QA_TEST_COUNT; t++) {
        double p = results.tests[t].p_adjusted;
        if (results.tests[t].testable && p > 1e-12 && p < 0.5 &&
            !(fabs(log(p / 0.05)) >= fabs(log(best / 0.05))))
            best = p;
    }
    if (isnan(best))
        best = 0.05;
    qa_results_free(&results);
    qa_dataset_free(&dataset);
    return best * (1 + 1e-6);
}

/* Every removal at alpha 0.05 and at the edge alpha. Under the sanitizers (some ten times
 * slower) only at the edge alpha: the influence code runs the same way at any alpha, and the
 * edge is where the verdicts flip; the plain build checks both. */
static void check_file(const char *csv_path, const char *codebook, size_t sample)
{
    brute_force b = {.csv_path = csv_path, .codebook = codebook, .sample = sample};
    qa_analysis_options_default(&b.options);
    if (!QA_TEST_SANITIZED)
        brute_force_run(&b);
    b.options.alpha = edge_alpha(csv_path, codebook);
    brute_force_run(&b);
}

static void test_bundled_dataset_every_removal(void **state)
{
    (void)state;
    check_file("datasets/quasi_alliance_cases.csv", NULL, 0);
}

static void test_synthetic_every_removal(void **state)
{
    (void)state;
    check_file("tests/data/e2e/censored_n120.csv", NULL, 0);
    check_file("tests/data/e2e/firth_n40.csv", NULL, 0);
    check_file("tests/data/e2e/influence_one_case.csv", NULL, 0);
}

static void test_composite_every_removal(void **state)
{
    (void)state;
    check_file("tests/data/good/composite.csv", "tests/data/good/composite_codebook.csv", 0);
}

/* gen_cases (built next to qareport) into dir/name.csv. */
static char *generate(const char *dir, const char *name, const char *const *args)
{
    const char *build = getenv("QAREPORT_BUILD_DIR");
    char command[8192], *path = malloc(4096);
    snprintf(path, 4096, "%s/%s.csv", dir, name);
    int used =
        snprintf(command, sizeof command, "'%s/gen_cases'", build && *build ? build : "build");
    for (size_t i = 0; args[i]; i++)
        used += snprintf(command + used, sizeof command - (size_t)used, " %s", args[i]);
    snprintf(command + used, sizeof command - (size_t)used, " -o '%s'", path);
    assert_int_equal(system(command), 0);
    return path;
}

static void test_dyadic_panel_every_removal(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    /* under the sanitizers half the rows, every removal still checked */
    const char *args[] = {"--scenario", "panel", "--n",    QA_TEST_SANITIZED ? "200" : "400",
                          "--years",    "8",     "--seed", "5",
                          NULL};
    char *path = generate(dir, "panel", args);
    check_file(path, NULL, 0);
    free(path);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_large_panel_sampled_removals(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    /* under the sanitizers (some 10 times slower) a panel a fifth the size, the same
     * seeded sample of cases and members */
    const char *args[] = {"--scenario", "panel", "--n",    QA_TEST_SANITIZED ? "10000" : "50000",
                          "--years",    "25",    "--seed", "9",
                          NULL};
    char *path = generate(dir, "panel", args);
    check_file(path, NULL, 24);
    free(path);
    qa_test_remove_tree(dir);
    free(dir);
}

/* By construction S001 carries H3 formation (bench/README.md): it is named, and it is the
 * only member named for that test. */
static void test_carrier_member_is_named(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    const char *args[] = {"--scenario", "panel",  "--n", "6000", "--years",
                          "20",         "--seed", "3",   NULL};
    char *path = generate(dir, "panel", args);
    qa_dataset dataset;
    qa_test_import(path, NULL, &dataset);
    qa_analysis_options options;
    qa_analysis_options_default(&options);
    qa_results results;
    qa_results_init(&results);
    qa_error error;
    assert_int_equal(qa_analysis_run_full(&dataset, &options, &results, &error), QA_OK);
    const qa_test_result *h3 = qa_results_test(&results, 2, QA_OUTCOME_FORMATION);
    assert_int_equal(h3->verdict, QA_VERDICT_SUPPORTED);
    const qa_robustness *rb = &results.robustness[2 * 2 + QA_OUTCOME_FORMATION];
    assert_true(listed(rb, "member:S001"));
    for (size_t i = 0; i < rb->flipping_count; i++)
        if (strncmp(rb->flipping_cases[i], "member:", 7) == 0)
            assert_string_equal(rb->flipping_cases[i], "member:S001");
    qa_results_free(&results);
    qa_dataset_free(&dataset);
    free(path);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        /* the two slowest first: ctest runs shards 0/2 and 1/2 side by side (CMakeLists.txt) */
        cmocka_unit_test(test_large_panel_sampled_removals),
        cmocka_unit_test(test_dyadic_panel_every_removal),
        cmocka_unit_test(test_synthetic_every_removal),
        cmocka_unit_test(test_bundled_dataset_every_removal),
        cmocka_unit_test(test_composite_every_removal),
        cmocka_unit_test(test_carrier_member_is_named),
    };
    return qa_test_main(argc, argv, tests);
}
