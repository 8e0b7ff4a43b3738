/* Argument parsing for analyze and compare; see cli_args.h. */
#include "cli_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "qareport/suggest.h"

/* Every option of each command (for did-you-mean; the help text explains them). */
static const char *const analyze_options[] = {
    "--codebook",   "--output",     "--json",          "--lang",      "--alpha",
    "--adjust",     "--sided",      "--durable-years", "--as-of",     "--controls",
    "--where",      "--by",         "--firth",         "--bootstrap", "--seed",
    "--data-sheet", "--quiet",      "--delimiter",     "--encoding",  "--skip",
    "--help",       "--tables",     "--tables-ci",     "--stars",     "--influence",
    "--se",         "--durability", "--controls-in",   "--figures"};
static const char *const compare_options[] = {"--codebook",  "--output",   "--json",
                                              "--lang",      "--seed",     "--quiet",
                                              "--delimiter", "--encoding", "--help"};
static const char *const validate_options[] = {
    "--codebook", "--as-of", "--durable-years", "--delimiter", "--encoding", "--skip", "--help"};
static const char *const codebook_options[] = {"--encoding", "--help"};

const char *qa_option_hint(const char *command, const char *option, char *buffer, size_t size)
{
    const char *const *list = analyze_options;
    size_t count = sizeof analyze_options / sizeof *analyze_options;
    if (strcmp(command, "compare") == 0)
        list = compare_options, count = sizeof compare_options / sizeof *compare_options;
    else if (strcmp(command, "validate") == 0)
        list = validate_options, count = sizeof validate_options / sizeof *validate_options;
    else if (strcmp(command, "codebook") == 0)
        list = codebook_options, count = sizeof codebook_options / sizeof *codebook_options;
    char name[128];
    snprintf(name, sizeof name, "%s", option);
    char *equals = strchr(name, '=');
    if (equals)
        *equals = '\0';
    if (strncmp(name, "--", 2) != 0 && name[0] == '-') { /* -alpha: a dash missing */
        char longer[130];
        snprintf(longer, sizeof longer, "-%s", name);
        return qa_suggest_hint(longer, list, count, buffer, size);
    }
    return qa_suggest_hint(name, list, count, buffer, size);
}

static qa_status unknown_option(const char *command, const char *option, qa_error *error)
{
    char hint[160];
    return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                        "unknown option %s%s; see qareport %s --help", option,
                        qa_option_hint(command, option, hint, sizeof hint), command);
}

/* The option's long name ("--alpha" for "--alpha=0.1", "--codebook" for "-c"), or NULL. */
static void option_name(const char *arg, char *name, size_t size)
{
    name[0] = '\0';
    if (strcmp(arg, "-c") == 0)
        arg = "--codebook";
    else if (strcmp(arg, "-o") == 0)
        arg = "--output";
    else if (strcmp(arg, "-q") == 0)
        arg = "--quiet";
    if (strncmp(arg, "--", 2) != 0)
        return;
    size_t length = strcspn(arg, "=");
    snprintf(name, size, "%.*s", (int)length, arg);
}

/* Remembers the options seen; a second --alpha (not --where, --skip) becomes a warning. */
typedef struct {
    char names[64][32];
    size_t count;
} seen_options;

static void note_option(seen_options *seen, const char *arg, size_t *warning_count,
                        char warnings[][QA_CLI_WARNING_TEXT])
{
    char name[32];
    option_name(arg, name, sizeof name);
    if (!name[0] || strcmp(name, "--where") == 0 || strcmp(name, "--skip") == 0)
        return;
    for (size_t i = 0; i < seen->count; i++)
        if (strcmp(seen->names[i], name) == 0) {
            if (*warning_count < QA_CLI_WARNINGS)
                snprintf(warnings[(*warning_count)++], QA_CLI_WARNING_TEXT,
                         "%s is given more than once; the last one counts", name);
            return;
        }
    if (seen->count < 64)
        snprintf(seen->names[seen->count++], sizeof seen->names[0], "%s", name);
}

static qa_status parse_skip(const char *value, qa_import_options *import, qa_error *error);

static qa_status usage(qa_error *error, const char *format, const char *detail)
{
    return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL, format, detail);
}

static bool parse_double(const char *text, double *value)
{
    char *end;
    errno = 0;
    *value = strtod(text, &end);
    return errno == 0 && end != text && *end == '\0';
}

static bool parse_long(const char *text, long *value)
{
    char *end;
    errno = 0;
    *value = strtol(text, &end, 10);
    return errno == 0 && end != text && *end == '\0';
}

/* The value of an option: "--opt=value" or "--opt value". */
static const char *option_value(int argc, char **argv, int *i, const char *name, bool *matched)
{
    size_t len = strlen(name);
    const char *arg = argv[*i];
    *matched = false;
    if (strncmp(arg, name, len) != 0)
        return NULL;
    if (arg[len] == '=') {
        *matched = true;
        return arg + len + 1;
    }
    if (arg[len] != '\0')
        return NULL;
    *matched = true;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static qa_status parse_language(const char *value, qa_language *language, qa_error *error)
{
    if (strcmp(value, "en") == 0)
        *language = QA_LANG_EN;
    else if (strcmp(value, "zh") == 0)
        *language = QA_LANG_ZH;
    else
        return usage(error, "--lang must be en or zh, not '%s'", value);
    return QA_OK;
}

static qa_status parse_controls(const char *value, qa_analysis_options *o, qa_error *error)
{
    char buffer[4096];
    snprintf(buffer, sizeof buffer, "%s", value);
    for (char *save = NULL, *name = strtok_r(buffer, ",", &save); name;
         name = strtok_r(NULL, ",", &save)) {
        if (o->control_count == QA_MAX_CONTROLS)
            return usage(error, "too many --controls (at most 32): %s", value);
        snprintf(o->controls[o->control_count++], QA_NAME_TEXT, "%s", name);
    }
    return QA_OK;
}

static qa_status parse_where(const char *value, qa_analysis_options *o, qa_error *error)
{
    const char *equals = strchr(value, '=');
    if (!equals || equals == value)
        return usage(error, "--where needs COLUMN=VALUE, not '%s'", value);
    if (o->condition_count == QA_MAX_CONDITIONS)
        return usage(error, "too many --where conditions (at most 16): %s", value);
    qa_condition *c = &o->conditions[o->condition_count++];
    snprintf(c->column, sizeof c->column, "%.*s", (int)(equals - value), value);
    snprintf(c->value, sizeof c->value, "%s", equals + 1);
    return QA_OK;
}

/* One statistical option of analyze; *handled says whether argv[*i] was one. */
static qa_status parse_statistical_option(int argc, char **argv, int *i, qa_analysis_options *o,
                                          bool *handled, qa_error *error)
{
    bool m;
    const char *v;
    double d;
    long l;
    *handled = true;
    if ((v = option_value(argc, argv, i, "--alpha", &m)), m) {
        if (!v || !parse_double(v, &d) || !(d > 0 && d < 1))
            return usage(error, "--alpha needs a number between 0 and 1, not '%s'", v ? v : "");
        o->alpha = d;
    } else if ((v = option_value(argc, argv, i, "--adjust", &m)), m) {
        if (v && strcmp(v, "holm") == 0)
            o->adjust = QA_ADJUST_HOLM;
        else if (v && strcmp(v, "bh") == 0)
            o->adjust = QA_ADJUST_BH;
        else if (v && strcmp(v, "none") == 0)
            o->adjust = QA_ADJUST_NONE;
        else
            return usage(error, "--adjust must be holm, bh or none, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--sided", &m)), m) {
        if (v && (strcmp(v, "one") == 0 || strcmp(v, "two") == 0))
            o->one_sided = strcmp(v, "one") == 0;
        else
            return usage(error, "--sided must be one or two, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--se", &m)), m) {
        if (v && (strcmp(v, "model") == 0 || strcmp(v, "member") == 0))
            o->member_se = strcmp(v, "member") == 0;
        else
            return usage(error, "--se must be model or member, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--durable-years", &m)), m) {
        if (!v || !parse_long(v, &l) || l < 0 || l > 1000)
            return usage(error, "--durable-years needs a whole number of years, not '%s'",
                         v ? v : "");
        o->durable_years = (int)l;
    } else if ((v = option_value(argc, argv, i, "--as-of", &m)), m) {
        if (!v || !parse_long(v, &l) || l < 1000 || l > 3000)
            return usage(error, "--as-of needs a year, not '%s'", v ? v : "");
        o->as_of = (int)l;
    } else if ((v = option_value(argc, argv, i, "--controls", &m)), m) {
        if (!v || !*v)
            return usage(error, "--controls needs COL,COL%s", "");
        return parse_controls(v, o, error);
    } else if ((v = option_value(argc, argv, i, "--where", &m)), m) {
        return parse_where(v ? v : "", o, error);
    } else if ((v = option_value(argc, argv, i, "--by", &m)), m) {
        if (!v || !*v)
            return usage(error, "--by needs a column name%s", "");
        snprintf(o->by, sizeof o->by, "%s", v);
    } else if ((v = option_value(argc, argv, i, "--firth", &m)), m) {
        if (v && strcmp(v, "auto") == 0)
            o->firth = QA_FIRTH_AUTO;
        else if (v && strcmp(v, "always") == 0)
            o->firth = QA_FIRTH_ALWAYS;
        else if (v && strcmp(v, "never") == 0)
            o->firth = QA_FIRTH_NEVER;
        else
            return usage(error, "--firth must be auto, always or never, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--durability", &m)), m) {
        if (v && (strcmp(v, "logit") == 0 || strcmp(v, "cox") == 0))
            o->durability = strcmp(v, "cox") == 0 ? QA_DURABILITY_COX : QA_DURABILITY_LOGIT;
        else
            return usage(error, "--durability must be logit or cox, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--controls-in", &m)), m) {
        if (v && (strcmp(v, "joint") == 0 || strcmp(v, "all") == 0))
            o->controls_in = strcmp(v, "all") == 0 ? QA_CONTROLS_IN_ALL : QA_CONTROLS_IN_JOINT;
        else
            return usage(error, "--controls-in must be joint or all, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--influence", &m)), m) {
        static const char *const modes[] = {"all", "none"};
        char hint[64];
        if (v && (strcmp(v, "all") == 0 || strcmp(v, "none") == 0))
            o->influence = strcmp(v, "none") == 0 ? QA_INFLUENCE_NONE : QA_INFLUENCE_ALL;
        else
            return qa_error_set(error, QA_ERR_USAGE, NULL, 0, NULL, NULL,
                                "--influence must be all or none, not '%s'%s", v ? v : "",
                                qa_suggest_hint(v ? v : "", modes, 2, hint, sizeof hint));
    } else if ((v = option_value(argc, argv, i, "--bootstrap", &m)), m) {
        /* 100,000 replicates of the ten tests take about a minute on 100 cases; percentile
         * CIs are stable to the third digit long before (Efron & Tibshirani 1993, ch. 19:
         * 1,000-2,000 suffice). */
        if (!v || !parse_long(v, &l) || l < 0)
            return usage(error, "--bootstrap needs a number of replicates, not '%s'", v ? v : "");
        if (l > 100000)
            return usage(error,
                         "--bootstrap: at most 100000 replicates (2000 is plenty for "
                         "95%% percentile intervals), not %s",
                         v);
        o->bootstrap = (size_t)l;
    } else if ((v = option_value(argc, argv, i, "--seed", &m)), m) {
        if (!v || !parse_long(v, &l) || l < 0)
            return usage(error, "--seed needs a non-negative whole number, not '%s'", v ? v : "");
        o->seed = (unsigned long)l;
    } else {
        *handled = false;
    }
    return QA_OK;
}

/* Options shared by analyze and compare. */
static qa_status parse_common_option(int argc, char **argv, int *i, const char **codebook,
                                     const char **output, const char **json, qa_language *lang,
                                     bool *quiet, bool *handled, qa_error *error)
{
    const char *arg = argv[*i];
    *handled = true;
    bool m;
    const char *v;
    if (strcmp(arg, "-c") == 0 || strcmp(arg, "--codebook") == 0 ||
        strncmp(arg, "--codebook=", 11) == 0) {
        v = arg[1] == 'c' ? (*i + 1 < argc ? argv[++*i] : NULL)
                          : option_value(argc, argv, i, "--codebook", &m);
        if (!v)
            return usage(error, "%s needs a codebook file", arg);
        *codebook = v;
    } else if (strcmp(arg, "-o") == 0 || strcmp(arg, "--output") == 0 ||
               strncmp(arg, "--output=", 9) == 0) {
        v = arg[1] == 'o' ? (*i + 1 < argc ? argv[++*i] : NULL)
                          : option_value(argc, argv, i, "--output", &m);
        if (!v)
            return usage(error, "%s needs an output file", arg);
        *output = v;
    } else if ((v = option_value(argc, argv, i, "--json", &m)), m) {
        if (!v)
            return usage(error, "--json needs a file, or - for standard output%s", "");
        *json = v;
    } else if ((v = option_value(argc, argv, i, "--lang", &m)), m) {
        return parse_language(v ? v : "", lang, error);
    } else if (strcmp(arg, "--quiet") == 0 || strcmp(arg, "-q") == 0) {
        *quiet = true;
    } else {
        *handled = false;
    }
    return QA_OK;
}

static qa_status parse_skip(const char *value, qa_import_options *import, qa_error *error)
{
    char buffer[256];
    snprintf(buffer, sizeof buffer, "%s", value);
    for (char *save = NULL, *item = strtok_r(buffer, ",", &save); item;
         item = strtok_r(NULL, ",", &save)) {
        int k = -1;
        if ((item[0] == 'H' || item[0] == 'h') && item[1] >= '1' && item[1] <= '5' && !item[2])
            k = item[1] - '1';
        for (int h = 0; h < QA_HYPOTHESIS_COUNT && k < 0; h++)
            if (strcmp(item, qa_measure_name((qa_hypothesis)h)) == 0)
                k = h;
        if (k < 0)
            return usage(error,
                         "--skip needs H1..H5 or a measure name (security, political, economic, "
                         "cognitive, value), comma-separated, not '%s'",
                         item);
        import->skip_measures |= 1u << k;
    }
    if (import->skip_measures == (1u << QA_HYPOTHESIS_COUNT) - 1)
        return usage(error, "--skip leaves no hypothesis to test (%s)", value);
    return QA_OK;
}

qa_status qa_input_option_parse(int argc, char **argv, int *i, bool allow_skip,
                                qa_import_options *import, bool *handled, qa_error *error)
{
    bool m;
    const char *v;
    *handled = true;
    if ((v = option_value(argc, argv, i, "--delimiter", &m)), m) {
        if (v && (strcmp(v, ",") == 0 || strcmp(v, ";") == 0 || strcmp(v, "\t") == 0))
            import->delimiter = v[0];
        else if (v && (strcmp(v, "tab") == 0 || strcmp(v, "\\t") == 0))
            import->delimiter = '\t';
        else if (v && strcmp(v, "comma") == 0)
            import->delimiter = ',';
        else if (v && strcmp(v, "semicolon") == 0)
            import->delimiter = ';';
        else
            return usage(error, "--delimiter must be ',' ';' or tab, not '%s'", v ? v : "");
    } else if ((v = option_value(argc, argv, i, "--encoding", &m)), m) {
        if (!v || !*v)
            return usage(error, "--encoding needs a name such as latin1, cp1252 or utf-16%s", "");
        import->encoding = v;
    } else if (allow_skip && (v = option_value(argc, argv, i, "--skip", &m), m)) {
        return parse_skip(v ? v : "", import, error);
    } else {
        *handled = false;
    }
    return QA_OK;
}

qa_status qa_analyze_args_parse(int argc, char **argv, qa_analyze_args *args, qa_error *error)
{
    memset(args, 0, sizeof *args);
    qa_analysis_options_default(&args->options);
    seen_options seen = {0};
    for (int i = 1; i < argc; i++) {
        bool handled;
        note_option(&seen, argv[i], &args->warning_count, args->warnings);
        qa_status status =
            qa_input_option_parse(argc, argv, &i, true, &args->import, &handled, error);
        if (status != QA_OK)
            return status;
        if (handled)
            continue;
        status =
            parse_common_option(argc, argv, &i, &args->codebook_path, &args->output_path,
                                &args->json_path, &args->language, &args->quiet, &handled, error);
        if (status != QA_OK || handled) {
            if (status != QA_OK)
                return status;
            continue;
        }
        status = parse_statistical_option(argc, argv, &i, &args->options, &handled, error);
        if (status != QA_OK)
            return status;
        if (handled)
            continue;
        bool m;
        const char *v = option_value(argc, argv, &i, "--data-sheet", &m);
        if (m) {
            if (v && strcmp(v, "auto") == 0)
                args->data_sheet = QA_DATA_SHEET_AUTO;
            else if (v && strcmp(v, "always") == 0)
                args->data_sheet = QA_DATA_SHEET_ALWAYS;
            else if (v && strcmp(v, "never") == 0)
                args->data_sheet = QA_DATA_SHEET_NEVER;
            else
                return usage(error, "--data-sheet must be auto, always or never, not '%s'",
                             v ? v : "");
            continue;
        }
        v = option_value(argc, argv, &i, "--figures", &m);
        if (m) {
            if (!v || !*v)
                return usage(error, "--figures needs a folder for the figure files%s", "");
            args->figures_path = v;
            continue;
        }
        v = option_value(argc, argv, &i, "--tables", &m);
        if (m) {
            if (!v || !*v)
                return usage(error, "--tables needs a file: tables.tex, tables.md or tables.html%s",
                             "");
            qa_tables_format format;
            if (qa_tables_format_for_path(v, &format, error) != QA_OK)
                return QA_ERR_USAGE;
            args->tables_path = v;
            continue;
        }
        if (strcmp(argv[i], "--tables-ci") == 0) {
            args->tables.uncertainty = QA_PAPER_CI;
            continue;
        }
        if (strcmp(argv[i], "--stars") == 0) {
            args->tables.stars = true;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return unknown_option("analyze", argv[i], error);
        if (args->data_path)
            return usage(error, "analyze takes one data file; unexpected '%s'", argv[i]);
        args->data_path = argv[i];
    }
    if (args->options.member_se &&
        (args->options.durability == QA_DURABILITY_COX ||
         (args->options.controls_in == QA_CONTROLS_IN_ALL && args->options.control_count > 0)))
        return usage(error,
                     "--se member goes with the default --durability logit and --controls-in "
                     "joint only (member-robust p of Cox-decided or control-adjusted verdicts is "
                     "not built yet)%s",
                     "");
    if (!args->tables_path && (args->tables.stars || args->tables.uncertainty == QA_PAPER_CI))
        return usage(error, "--tables-ci and --stars go with --tables FILE%s", "");
    if (!args->data_path)
        return usage(error, "analyze needs a data file: qareport analyze DATA.csv%s", "");
    return QA_OK;
}

qa_status qa_compare_args_parse(int argc, char **argv, qa_compare_args *args, qa_error *error)
{
    memset(args, 0, sizeof *args);
    args->seed = 1;
    seen_options seen = {0};
    for (int i = 1; i < argc; i++) {
        bool handled;
        note_option(&seen, argv[i], &args->warning_count, args->warnings);
        qa_status status =
            qa_input_option_parse(argc, argv, &i, false, &args->import, &handled, error);
        if (status != QA_OK)
            return status;
        if (handled)
            continue;
        status =
            parse_common_option(argc, argv, &i, &args->codebook_path, &args->output_path,
                                &args->json_path, &args->language, &args->quiet, &handled, error);
        if (status != QA_OK)
            return status;
        if (handled)
            continue;
        bool m;
        const char *v = option_value(argc, argv, &i, "--seed", &m);
        if (m) {
            long l;
            if (!v || !parse_long(v, &l) || l < 0)
                return usage(error, "--seed needs a non-negative whole number, not '%s'",
                             v ? v : "");
            args->seed = (unsigned long)l;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return unknown_option("compare", argv[i], error);
        if (!args->a_path)
            args->a_path = argv[i];
        else if (!args->b_path)
            args->b_path = argv[i];
        else
            return usage(error, "compare takes two data files; unexpected '%s'", argv[i]);
    }
    if (!args->b_path)
        return usage(error, "compare needs two data files: qareport compare A.csv B.csv%s", "");
    return QA_OK;
}

void qa_default_report_path(const char *data_path, const char *suffix, char *buffer,
                            unsigned long size)
{
    const char *base = strrchr(data_path, '/');
    base = base ? base + 1 : data_path;
    const char *dot = strrchr(base, '.');
    int length = dot && dot != base ? (int)(dot - base) : (int)strlen(base);
    snprintf(buffer, size, "reports/%.*s%s", length, base, suffix);
}
