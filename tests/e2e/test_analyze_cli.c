/* End-to-end tests of `qareport analyze` options and manners: determinism of the JSON and
 * the workbook, refusing to overwrite the input, --where, --by, --controls (against R),
 * usage errors with exit status 2, --quiet. */
#include "test_support.h"
#include "json_flat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const data = "tests/data/e2e/default_n200.csv";

static qa_test_run run_json(const char *extra1, const char *extra2, const char *xlsx)
{
    const char *args[] = {"analyze", data, "--json", "-", "--quiet", "-o", xlsx,
                          extra1,    extra2, NULL};
    return qa_test_run_program(args);
}

static void parse(const qa_test_run *run, qa_flat *flat)
{
    if (run->exit_code != 0)
        print_message("%s", run->err);
    assert_int_equal(run->exit_code, 0);
    size_t offset = 0;
    assert_int_equal(qa_flat_parse(run->out, flat, &offset), 0);
}

static void test_same_inputs_same_bytes(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096], saved[4096];
    snprintf(xlsx, sizeof xlsx, "%s/a.xlsx", dir);
    snprintf(saved, sizeof saved, "%s/first.xlsx", dir);
    qa_test_run a = run_json(NULL, NULL, xlsx);
    assert_int_equal(a.exit_code, 0);
    assert_int_equal(rename(xlsx, saved), 0);
    qa_test_run b = run_json(NULL, NULL, xlsx);
    assert_int_equal(b.exit_code, 0);
    assert_string_equal(a.out, b.out);
    size_t sa = 0, sb = 0;
    char *wa = qa_test_read_file(saved, &sa), *wb = qa_test_read_file(xlsx, &sb);
    assert_non_null(wa);
    assert_non_null(wb);
    assert_true(sa > 1000);
    assert_int_equal(sa, sb);
    assert_memory_equal(wa, wb, sa);
    free(wa);
    free(wb);
    qa_test_run_free(&a);
    qa_test_run_free(&b);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_refuses_to_overwrite_input(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char copy[4096];
    snprintf(copy, sizeof copy, "%s/data.csv", dir);
    char *text = qa_test_read_file(data, NULL);
    assert_int_equal(qa_test_write_file(copy, text), 0);
    const char *args[] = {"analyze", copy, "-o", copy, "--quiet", NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 2);
    char *after = qa_test_read_file(copy, NULL);
    assert_string_equal(after, text);
    const char *json_args[] = {"analyze", copy, "--json", copy, "-o", "/dev/null", "--quiet",
                               NULL};
    qa_test_run run2 = qa_test_run_program(json_args);
    assert_int_not_equal(run2.exit_code, 0);
    char *after2 = qa_test_read_file(copy, NULL);
    assert_string_equal(after2, text);
    free(text);
    free(after);
    free(after2);
    qa_test_run_free(&run);
    qa_test_run_free(&run2);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_where_by_controls(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    qa_flat flat;
    qa_test_run where = run_json("--where", "size=bilateral", xlsx);
    parse(&where, &flat);
    assert_string_equal(qa_flat_find(&flat, "options.where.0.column")->value, "size");
    assert_true(strtod(qa_flat_find(&flat, "input.cases_used")->value, NULL) < 200);
    qa_flat_free(&flat);
    qa_test_run by = run_json("--by", "era", xlsx);
    parse(&by, &flat);
    assert_non_null(qa_flat_find(&flat, "groups.cold_war.tests.H1.formation.verdict"));
    assert_non_null(qa_flat_find(&flat, "groups.post_cold_war.tests.H1.formation.verdict"));
    assert_non_null(qa_flat_find(&flat, "differences.post_cold_war.H1.formation.z"));
    qa_flat_free(&flat);
    qa_test_run controls = run_json("--controls", "era", xlsx);
    parse(&controls, &flat);
    /* R: tests/reference/controls.R, glm(formed ~ five measures + era) */
    const char *prefix = "models.formation_joint.terms.";
    char key[256];
    snprintf(key, sizeof key, "%sera=post_cold_war.b", prefix);
    assert_close(strtod(qa_flat_find(&flat, key)->value, NULL), -0.537067370800102);
    snprintf(key, sizeof key, "%sera=post_cold_war.se", prefix);
    assert_close(strtod(qa_flat_find(&flat, key)->value, NULL), 0.382803972811385);
    snprintf(key, sizeof key, "%ssecurity.b", prefix);
    assert_close(strtod(qa_flat_find(&flat, key)->value, NULL), 0.8851176404206);
    assert_close(strtod(qa_flat_find(&flat, "models.formation_joint.n")->value, NULL), 182);
    qa_flat_free(&flat);
    qa_test_run_free(&where);
    qa_test_run_free(&by);
    qa_test_run_free(&controls);
    qa_test_remove_tree(dir);
    free(dir);
}

/* The terminal summary of --by is a report table like the plain summary, so --lang zh
 * reaches the group headings and the difference z tests too. */
static void test_by_summary_in_chinese(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *args[] = {"analyze", data, "--by", "era", "--lang", "zh", "-o", xlsx, NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "era = cold_war(使用"));
    assert_non_null(strstr(run.out, "B的差异:post_cold_war对cold_war(z检验)"));
    assert_non_null(strstr(run.out, "安全共同体"));
    assert_null(strstr(run.out, "difference of B"));
    assert_null(strstr(run.out, "cases used"));
    const char *english[] = {"analyze", data, "--by", "era", "-o", xlsx, NULL};
    qa_test_run en = qa_test_run_program(english);
    assert_int_equal(en.exit_code, 0);
    assert_non_null(strstr(en.out, "difference of B, post_cold_war against cold_war (z test)\n"
                                   "    measure    outcome     B first  B group       z       p\n"
                                   "H1  security   formation "));
    qa_test_run_free(&run);
    qa_test_run_free(&en);
    qa_test_remove_tree(dir);
    free(dir);
}

/* --adjust bh and --sided one against p.adjust in R on the primary p-values of R's glm
 * (tests/reference/options.R). */
static void test_adjust_and_sided(void **state)
{
    (void)state;
    static const struct {
        const char *test;
        double bh, one_sided_holm;
    } expected[] = {
        {"H1.formation", 1.28131208216889e-08, 6.40656041084445e-09},
        {"H1.durability", 0.00171132639908585, 0.00239585695872018},
        {"H2.formation", 5.15214831608785e-05, 4.63693348447907e-05},
        {"H2.durability", 0.733411715760743, 0.632143692628081},
        {"H3.formation", 0.122178485493447, 0.183267728240171},
        {"H3.durability", 0.683181554011684, 0.632143692628081},
        {"H4.formation", 0.000503863966739293, 0.000604636760087152},
        {"H4.durability", 0.420366142057907, 0.58851259888107},
        {"H5.formation", 0.130447679885715, 0.195671519828572},
        {"H5.durability", 0.526786410523401, 0.632143692628081},
    };
    char *dir = qa_test_temp_dir();
    char xlsx[4096], key[128];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    qa_flat bh, one;
    qa_test_run run_bh = run_json("--adjust", "bh", xlsx);
    parse(&run_bh, &bh);
    qa_test_run run_one = run_json("--sided", "one", xlsx);
    parse(&run_one, &one);
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        snprintf(key, sizeof key, "tests.%s.p_adjusted", expected[i].test);
        assert_close(strtod(qa_flat_find(&bh, key)->value, NULL), expected[i].bh);
        assert_close(strtod(qa_flat_find(&one, key)->value, NULL), expected[i].one_sided_holm);
    }
    assert_string_equal(qa_flat_find(&bh, "options.adjust")->value, "bh");
    assert_string_equal(qa_flat_find(&one, "options.sided")->value, "one");
    qa_flat_free(&bh);
    qa_flat_free(&one);
    qa_test_run_free(&run_bh);
    qa_test_run_free(&run_one);
    qa_test_remove_tree(dir);
    free(dir);
}

/* --firth always fits every primary model by Firth; --bootstrap with a seed gives the same
 * intervals twice and different ones with another seed (200 replicates; 40 under the
 * sanitizers, the same code ten times slower); --durable-years changes the durability samples
 * only. */
static void test_firth_bootstrap_threshold(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    qa_flat flat, again, other;
    const char *replicates = QA_TEST_SANITIZED ? "40" : "200";
    qa_test_run always = run_json("--firth", "always", xlsx);
    parse(&always, &flat);
    assert_string_equal(qa_flat_find(&flat, "tests.H3.formation.logit.method")->value, "firth");
    assert_string_equal(qa_flat_find(&flat, "models.durability_joint.method")->value, "firth");
    qa_flat_free(&flat);
    const char *boot[] = {"analyze", data, "--json", "-", "--quiet", "-o", xlsx,
                          "--bootstrap", replicates, "--seed", "5", NULL};
    qa_test_run b1 = qa_test_run_program(boot), b2 = qa_test_run_program(boot);
    parse(&b1, &flat);
    parse(&b2, &again);
    const char *key = "tests.H1.formation.spearman.ci.0";
    assert_non_null(qa_flat_find(&flat, key));
    assert_string_equal(qa_flat_find(&flat, key)->value, qa_flat_find(&again, key)->value);
    const char *reseed[] = {"analyze", data, "--json", "-", "--quiet", "-o", xlsx,
                            "--bootstrap", replicates, "--seed", "6", NULL};
    qa_test_run b3 = qa_test_run_program(reseed);
    parse(&b3, &other);
    assert_string_not_equal(qa_flat_find(&flat, key)->value, qa_flat_find(&other, key)->value);
    qa_flat_free(&flat);
    qa_flat_free(&again);
    qa_flat_free(&other);
    qa_test_run t7 = run_json("--durable-years", "7", xlsx);
    parse(&t7, &flat);
    qa_test_run t5 = run_json(NULL, NULL, xlsx);
    parse(&t5, &again);
    assert_string_equal(qa_flat_find(&flat, "tests.H1.formation.n")->value,
                        qa_flat_find(&again, "tests.H1.formation.n")->value);
    assert_string_equal(qa_flat_find(&flat, "options.durable_years")->value, "7");
    qa_flat_free(&flat);
    qa_flat_free(&again);
    qa_test_run_free(&always);
    qa_test_run_free(&b1);
    qa_test_run_free(&b2);
    qa_test_run_free(&b3);
    qa_test_run_free(&t7);
    qa_test_run_free(&t5);
    qa_test_remove_tree(dir);
    free(dir);
}

/* -o /dev/null and --json /dev/null discard the outputs: the device is written in place,
 * never replaced by a renamed temporary file. */
static void test_outputs_to_a_device(void **state)
{
    (void)state;
    const char *args[] = {"analyze", data, "-o", "/dev/null", "--json", "/dev/null", "--quiet",
                          NULL};
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, 0);
    struct stat device;
    assert_int_equal(stat("/dev/null", &device), 0);
    assert_true(S_ISCHR(device.st_mode));
    qa_test_run_free(&run);
}

static void test_usage_errors(void **state)
{
    (void)state;
    const char *unknown_where[] = {"analyze", data, "--where", "nosuch=1", "-o", "/dev/null",
                                   NULL};
    qa_test_run run = qa_test_run_program(unknown_where);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "nosuch"));
    qa_test_run_free(&run);
    const char *no_match[] = {"analyze", data, "--where", "era=nonexistent", "-o", "/dev/null",
                              NULL};
    run = qa_test_run_program(no_match);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "matches no case (its values: cold_war, post_cold_war)"));
    qa_test_run_free(&run);
    const char *unknown_by[] = {"analyze", data, "--by", "nosuch", "-o", "/dev/null", NULL};
    run = qa_test_run_program(unknown_by);
    assert_int_equal(run.exit_code, 2);
    qa_test_run_free(&run);
    /* an ongoing case without observation year: named with the fix; --as-of supplies it */
    const char *ongoing[] = {"analyze", "tests/data/bad/ongoing_without_year.csv", "-o",
                             "/dev/null", "--quiet", NULL};
    run = qa_test_run_program(ongoing);
    assert_int_equal(run.exit_code, 2);
    assert_non_null(strstr(run.err, "ongoing_without_year.csv:2:end_year: case Q01"));
    assert_non_null(strstr(run.err, "--as-of"));
    qa_test_run_free(&run);
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/o.xlsx", dir);
    const char *as_of[] = {"analyze", "tests/data/bad/ongoing_without_year.csv", "-o", xlsx,
                           "--quiet", "--as-of", "2024", NULL};
    run = qa_test_run_program(as_of);
    assert_int_equal(run.exit_code, 0);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
    const char *missing_file[] = {"analyze", "tests/data/e2e/no_such_file.csv", NULL};
    run = qa_test_run_program(missing_file);
    assert_int_equal(run.exit_code, 3);
    qa_test_run_free(&run);
}

static void test_quiet_and_summary(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char xlsx[4096];
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    const char *loud[] = {"analyze", data, "-o", xlsx, NULL};
    qa_test_run run = qa_test_run_program(loud);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "security"));
    /* the summary fits 80 columns */
    for (const char *line = run.out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        if (length > 80)
            fail_msg("summary line longer than 80 columns: %.*s", (int)length, line);
        line = end ? end + 1 : NULL;
    }
    qa_test_run_free(&run);
    const char *quiet[] = {"analyze", data, "-o", xlsx, "--quiet", NULL};
    run = qa_test_run_program(quiet);
    assert_int_equal(run.exit_code, 0);
    assert_string_equal(run.out, "");
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_inputs_same_bytes),
        cmocka_unit_test(test_refuses_to_overwrite_input),
        cmocka_unit_test(test_where_by_controls),
        cmocka_unit_test(test_by_summary_in_chinese),
        cmocka_unit_test(test_adjust_and_sided),
        cmocka_unit_test(test_firth_bootstrap_threshold),
        cmocka_unit_test(test_outputs_to_a_device),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_quiet_and_summary),
    };
    return qa_test_main(argc, argv, tests);
}
