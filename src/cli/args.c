/* Argument parsing for analyze and compare; see cli_args.h. */
#include "qareport/cli_args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    } else if ((v = option_value(argc, argv, i, "--bootstrap", &m)), m) {
        if (!v || !parse_long(v, &l) || l < 0 || l > 1000000)
            return usage(error, "--bootstrap needs a number of replicates, not '%s'", v ? v : "");
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

qa_status qa_analyze_args_parse(int argc, char **argv, qa_analyze_args *args, qa_error *error)
{
    memset(args, 0, sizeof *args);
    qa_analysis_options_default(&args->options);
    for (int i = 1; i < argc; i++) {
        bool handled;
        qa_status status =
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
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage(error, "unknown option %s (see qareport --help)", argv[i]);
        if (args->data_path)
            return usage(error, "analyze takes one data file; unexpected '%s'", argv[i]);
        args->data_path = argv[i];
    }
    if (!args->data_path)
        return usage(error, "analyze needs a data file: qareport analyze DATA.csv%s", "");
    return QA_OK;
}

qa_status qa_compare_args_parse(int argc, char **argv, qa_compare_args *args, qa_error *error)
{
    memset(args, 0, sizeof *args);
    args->seed = 1;
    for (int i = 1; i < argc; i++) {
        bool handled;
        qa_status status =
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
            return usage(error, "unknown option %s (see qareport --help)", argv[i]);
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
