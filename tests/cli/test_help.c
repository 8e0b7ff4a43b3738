/* The command line explains itself: `qareport help [COMMAND]` and `COMMAND --help` list every
 * option with its default and an example; a misspelt option or command gets a did-you-mean;
 * an option given twice and an --as-of that changes nothing are warnings. */
#include "test_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *output_of(const char *const *args, int expected_exit)
{
    qa_test_run run = qa_test_run_program(args);
    if (run.exit_code != expected_exit)
        fail_msg("%s: exit %d, expected %d; stderr: %s", args[0], run.exit_code, expected_exit,
                 run.err);
    char *out = strdup(run.out);
    qa_test_run_free(&run);
    return out;
}

/* Every option of the command is explained, with "(default:" and "Example:" in its entry. */
static void check_help(const char *command, const char *const *options, size_t count)
{
    const char *help_args[] = {"help", command, NULL};
    const char *flag_args[] = {command, "--help", NULL};
    char *help = output_of(help_args, 0), *flag = output_of(flag_args, 0);
    assert_string_equal(help, flag);
    for (size_t i = 0; i < count; i++) {
        const char *at = help;
        while (
            (at = strstr(at, options[i])) &&
            !(at - help >= 3 && (strncmp(at - 3, "\n  ", 3) == 0 || strncmp(at - 2, ", ", 2) == 0)))
            at++; /* the entry, not a mention in an example */
        if (!at)
            fail_msg("qareport %s --help does not explain %s", command, options[i]);
        /* the entry runs to the next line that starts a new option */
        const char *end = strstr(at, "\n  -");
        size_t length = end ? (size_t)(end - at) : strlen(at);
        char entry[1024];
        snprintf(entry, sizeof entry, "%.*s", (int)(length < 1023 ? length : 1023), at);
        if (strcmp(options[i], "--quiet") != 0 && !strstr(entry, "Example:"))
            fail_msg("%s %s: no example in: %s", command, options[i], entry);
        if (!strstr(entry, "(default:"))
            fail_msg("%s %s: no default in: %s", command, options[i], entry);
    }
    free(help);
    free(flag);
}

static void test_every_option_explained(void **state)
{
    (void)state;
    static const char *const analyze[] = {
        "--codebook",      "--delimiter",  "--encoding", "--skip",     "--output", "--json",
        "--lang",          "--data-sheet", "--quiet",    "--alpha",    "--adjust", "--sided",
        "--durable-years", "--as-of",      "--firth",    "--controls", "--where",  "--by",
        "--bootstrap",     "--seed",       "--influence"};
    check_help("analyze", analyze, sizeof analyze / sizeof *analyze);
    static const char *const compare[] = {"--codebook", "--delimiter", "--encoding", "--output",
                                          "--json",     "--lang",      "--quiet",    "--seed"};
    check_help("compare", compare, sizeof compare / sizeof *compare);
    static const char *const validate[] = {"--codebook", "--delimiter", "--encoding",
                                           "--skip",     "--as-of",     "--durable-years"};
    check_help("validate", validate, sizeof validate / sizeof *validate);
    static const char *const codebook[] = {"--encoding"};
    check_help("codebook", codebook, 1);
    const char *args[] = {"help", NULL};
    char *overview = output_of(args, 0);
    assert_non_null(strstr(overview, "qareport help [COMMAND]"));
    free(overview);
}

static void expect_stderr(const char *const *args, int exit_code, const char *expected)
{
    qa_test_run run = qa_test_run_program(args);
    assert_int_equal(run.exit_code, exit_code);
    if (!strstr(run.err, expected))
        fail_msg("expected in stderr: %s\ngot: %s", expected, run.err);
    qa_test_run_free(&run);
}

static void test_did_you_mean(void **state)
{
    (void)state;
    const char *alpha[] = {"analyze", "tests/data/good/base.csv", "--alpah", "0.1", NULL};
    expect_stderr(alpha, 2,
                  "qareport: unknown option --alpah (did you mean '--alpha'?); see qareport "
                  "analyze --help\n");
    /* the options --se, --durability, --controls-in and --figures are candidates too, and a
     * typo of --seed still means --seed (not --se) */
    const char *durability[] = {"analyze", "tests/data/good/base.csv", "--durabilty", "cox", NULL};
    expect_stderr(durability, 2,
                  "qareport: unknown option --durabilty (did you mean '--durability'?); see "
                  "qareport analyze --help\n");
    const char *analyze_seed[] = {"analyze", "tests/data/good/base.csv", "--sed", "3", NULL};
    expect_stderr(analyze_seed, 2, "(did you mean '--seed'?)");
    const char *seed[] = {"compare", "a.csv", "b.csv", "--sed=3", NULL};
    expect_stderr(seed, 2,
                  "qareport: unknown option --sed=3 (did you mean '--seed'?); see qareport "
                  "compare --help\n");
    const char *as_of[] = {"validate", "tests/data/good/base.csv", "--as_of", "2020", NULL};
    expect_stderr(as_of, 2,
                  "qareport validate: unknown option --as_of (did you mean '--as-of'?); see "
                  "qareport validate --help\n");
    const char *verb[] = {"anaylze", "x.csv", NULL};
    expect_stderr(verb, 2,
                  "qareport: unknown command 'anaylze' (did you mean 'analyze'?); commands: "
                  "analyze, compare, validate, codebook, help\n");
    const char *skip[] = {"validate", "tests/data/good/base.csv", "--skip", "H6", NULL};
    expect_stderr(skip, 2,
                  "qareport validate: --skip needs H1..H5 or a measure name (security, "
                  "political, economic, cognitive, value), comma-separated, not 'H6'\n");
}

static void test_warnings(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char out[512];
    snprintf(out, sizeof out, "%s/r.xlsx", dir);
    const char *twice[] = {"analyze",
                           "tests/data/e2e/default_n200.csv",
                           "--alpha",
                           "0.1",
                           "--alpha=0.05",
                           "--quiet",
                           "-o",
                           out,
                           "--as-of",
                           "2030",
                           NULL};
    qa_test_run run = qa_test_run_program(twice);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.err, "qareport: warning: --alpha is given more than once; the "
                                    "last one counts\n"));
    /* every ongoing case of this file has observed_until */
    assert_non_null(strstr(run.err, "qareport: warning: --as-of 2030 changes no case: every "
                                    "ongoing formed case has its own observation year "
                                    "(observed_until or end_year)\n"));
    qa_test_run_free(&run);
    /* where it does apply, no warning */
    const char *used[] = {"validate", "tests/data/bad/ongoing_without_year.csv", "--as-of", "2030",
                          NULL};
    run = qa_test_run_program(used);
    assert_int_equal(run.exit_code, 0);
    assert_null(strstr(run.err, "warning"));
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_option_explained),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
