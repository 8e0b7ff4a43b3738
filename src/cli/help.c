/* `qareport help [COMMAND]` and `qareport COMMAND --help`: every option with its default and
 * an example. docs/qareport.1 is the same text as a manual page. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "qareport/suggest.h"

static const char overview[] =
    "qareport: test the community-sense hypotheses of quasi-alliances on coded case data\n"
    "\n"
    "usage:\n"
    "  qareport analyze DATA [options]     ten tests (H1-H5 x formation, durability) into a\n"
    "                                      workbook, reports/<name>.xlsx\n"
    "  qareport compare A B [options]      inter-coder agreement of two codings of the same\n"
    "                                      cases, and whether verdicts flip\n"
    "  qareport validate DATA [options]    every problem of a dataset, as\n"
    "                                      FILE:LINE:COLUMN: case ID: message\n"
    "  qareport codebook [DATA]            a codebook template (the default one, or one for\n"
    "                                      the variables of DATA)\n"
    "  qareport help [COMMAND]             this text, or every option of COMMAND\n"
    "  qareport --version\n"
    "\n"
    "DATA is CSV (comma, semicolon or tab; UTF-8 or --encoding), Stata (.dta), SPSS (.sav,\n"
    ".por) or SAS (.sas7bdat, .xpt), recognised by content. The codebook (-c FILE) says what\n"
    "each column means: see docs/CODEBOOK.md, `qareport codebook --help`.\n"
    "\n"
    "`qareport COMMAND --help` explains every option with its default and an example.\n"
    "exit status: 0 done, 2 bad input or usage, 3 I/O error\n";

#define INPUT_OPTIONS                                                                              \
    "  -c, --codebook FILE   what each column means (default: SPEC's column names;\n"              \
    "                        `qareport codebook` prints them). Example: -c codebook.csv\n"         \
    "  --delimiter C         CSV field separator: , ; or tab (default: detected from the\n"        \
    "                        header line). Example: --delimiter ';'\n"                             \
    "  --encoding NAME       text encoding of a CSV file, converted with iconv (default:\n"        \
    "                        UTF-8). Example: --encoding latin1 (or cp1252, utf-16)\n"

#define SKIP_OPTION                                                                                \
    "  --skip H[,H..]        hypotheses the data do not measure: not required, shown as\n"         \
    "                        \"not measured\", outside the multiplicity correction (default:\n"    \
    "                        none; a measure no column provides is an error).\n"                   \
    "                        Example: --skip H4 or --skip cognitive,value\n"

static const char analyze_help[] =
    "usage: qareport analyze DATA [options]\n"
    "\n"
    "Tests H1-H5 for formation (all cases) and durability (formed cases), with robustness\n"
    "checks, and writes a workbook; a summary of the ten verdicts goes to stdout.\n"
    "Example: qareport analyze cases.dta -c codebook.csv --as-of 2024 --json -\n"
    "\n"
    "input:\n" INPUT_OPTIONS SKIP_OPTION "output:\n"
    "  -o, --output FILE     the workbook (default: reports/<DATA name>.xlsx).\n"
    "                        Example: -o results/h1-h5.xlsx\n"
    "  --json FILE|-         also write the results as JSON, - for stdout (default: none).\n"
    "                        Example: --json results.json\n"
    "  --lang en|zh          language of the workbook (default: en). Example: --lang zh\n"
    "  --data-sheet auto|always|never\n"
    "                        include the cases as analysed (default: auto, up to 100,000\n"
    "                        cases). Example: --data-sheet never\n"
    "  --figures DIR         also write the forest plot and the Kaplan-Meier figures as PDF,\n"
    "                        SVG and PNG into DIR (default: none). Example: --figures figs\n"
    "  --tables FILE         also write the regression tables, one column per model, as\n"
    "                        LaTeX (.tex, booktabs), Markdown (.md) or HTML (.html) by the\n"
    "                        extension (default: none). Example: --tables tables.tex\n"
    "  --tables-ci           95% confidence intervals beneath the coefficients instead of\n"
    "                        standard errors (default: SEs)\n"
    "  --stars               stars for p < .05, .01, .001 in the tables (default: none)\n"
    "  -q, --quiet           no summary on stdout, no progress (default: off)\n"
    "tests:\n"
    "  --alpha A             significance level, 0 < A < 1 (default: 0.05).\n"
    "                        Example: --alpha 0.01\n"
    "  --adjust holm|bh|none multiplicity correction over the testable tests (default:\n"
    "                        holm). Example: --adjust bh\n"
    "  --sided two|one       one: test the hypothesised (positive) direction only (default:\n"
    "                        two). Example: --sided one\n"
    "  --se model|member     which standard errors decide the verdicts: model-based, or\n"
    "                        member-robust (cases sharing a member are dependent) (default:\n"
    "                        model). Example: --se member\n"
    "  --durability logit|cox which model decides durability: the T-year logit, or the Cox\n"
    "                        model judged on -B (default: logit). Example: --durability cox\n"
    "  --durable-years T     durable = lasted more than T years (default: 5).\n"
    "                        Example: --durable-years 10\n"
    "  --as-of YEAR          observation year of ongoing cases that give none (no\n"
    "                        observed_until, no end_year) (default: none; such a case is an\n"
    "                        error). Example: --as-of 2024\n"
    "  --firth auto|always|never\n"
    "                        Firth's penalised logit: auto when ML separates (default: auto).\n"
    "                        Example: --firth always\n"
    "  --controls COL,COL    control variables for the joint models (default: none).\n"
    "                        Example: --controls contiguity,era\n"
    "  --controls-in joint|all  the controls enter the joint models only, or every primary\n"
    "                        model too (verdicts are then partial effects) (default: joint).\n"
    "                        Example: --controls era --controls-in all\n"
    "  --where COL=VALUE     keep matching cases; repeatable: one column's values are\n"
    "                        alternatives, different columns must all hold (default: all).\n"
    "                        Example: --where era=post --where size=bilateral\n"
    "  --by COL              the analysis per level of a category column, side by side\n"
    "                        (default: none). Example: --by era\n"
    "  --bootstrap N         case-resampling confidence intervals, N replicates, 0 = none\n"
    "                        (default: 0). Example: --bootstrap 2000\n"
    "  --seed S              random seed of the bootstrap (default: 1). Example: --seed 7\n"
    "  --influence all|none  the robustness checks name the cases and shared members whose\n"
    "                        removal alone changes a verdict; none leaves that out (faster on\n"
    "                        a large panel; the workbook and JSON say it was not computed)\n"
    "                        (default: all). Example: --influence none\n";

static const char compare_help[] =
    "usage: qareport compare A B [options]\n"
    "\n"
    "Two codings of the same cases (matched by case id): agreement per column (Cohen's and\n"
    "weighted kappa, Krippendorff's alpha) and whether any verdict flips; two different case\n"
    "sets: z tests of their coefficients.\n"
    "Example: qareport compare coder_a.csv coder_b.csv -o agreement.xlsx\n"
    "\n"
    "input (the same for A and B):\n" INPUT_OPTIONS "output:\n"
    "  -o, --output FILE     the workbook (default: reports/<A name>_compare.xlsx).\n"
    "                        Example: -o agreement.xlsx\n"
    "  --json FILE|-         also write the comparison as JSON (default: none).\n"
    "                        Example: --json -\n"
    "  --lang en|zh          language of the workbook (default: en). Example: --lang zh\n"
    "  -q, --quiet           no summary on stdout (default: off)\n"
    "  --seed S              random seed of the agreement bootstrap (default: 1).\n"
    "                        Example: --seed 7\n";

static const char validate_help[] =
    "usage: qareport validate DATA [options]\n"
    "\n"
    "Reports every problem of a dataset at once on stderr, as FILE:LINE:COLUMN: case ID:\n"
    "message (exit 2), or one summary line on stdout (exit 0).\n"
    "Example: qareport validate cases.csv -c codebook.csv\n"
    "\n" INPUT_OPTIONS SKIP_OPTION
    "  --as-of YEAR          as for analyze (default: none). Example: --as-of 2024\n"
    "  --durable-years T     as for analyze (default: 5). Example: --durable-years 10\n";

static const char codebook_help[] =
    "usage: qareport codebook [DATA] [--encoding NAME]\n"
    "\n"
    "Prints a codebook as CSV on stdout: without DATA, SPEC's default; with DATA (CSV,\n"
    "Stata, SPSS, SAS), one row per variable of the file, with the default's role for SPEC's\n"
    "names, else role ignore, a type guessed from the values and the variable label. Edit the\n"
    "roles and pass the file with -c.\n"
    "Example: qareport codebook cases.dta > codebook.csv\n"
    "\n"
    "Codebook columns: column, role, type (required); min, max, missing, label, transform,\n"
    "constant (optional).\n"
    "  roles      id, name, members, formed, start_year, end_year, ongoing, observed_until,\n"
    "             measure:security|political|economic|cognitive|value, control, group,\n"
    "             text, ignore\n"
    "  types      binary, ordinal, interval, category, year, text\n"
    "  missing    extra missing codes, ;-separated (empty, NA and . always are). Example: -9;-8\n"
    "  transform  reverse (min + max - x), log, log1p, z. Example: a distance as closeness:\n"
    "             unga_ideal_absdiff,measure:value,interval,0,,,,reverse,\n"
    "  constant   one value for every row, the column then not read. Example:\n"
    "             formed,formed,binary,,,,every case formed,,1\n"
    "  several measure:X rows: a composite (mean of z-scores, Cronbach's alpha reported);\n"
    "  several members rows: a case's members are their union.\n"
    "\n"
    "  --encoding NAME       encoding of a CSV DATA (default: UTF-8). Example: --encoding latin1\n"
    "docs/CODEBOOK.md documents every feature with an example.\n";

static const char *const commands[] = {"analyze", "compare", "validate", "codebook", "help"};

const char *qa_cli_help_text(const char *command)
{
    if (!command)
        return overview;
    if (strcmp(command, "analyze") == 0)
        return analyze_help;
    if (strcmp(command, "compare") == 0)
        return compare_help;
    if (strcmp(command, "validate") == 0)
        return validate_help;
    if (strcmp(command, "codebook") == 0)
        return codebook_help;
    if (strcmp(command, "help") == 0)
        return overview;
    return NULL;
}

int qa_cli_unknown_command(const char *command)
{
    char hint[96];
    fprintf(
        stderr,
        "qareport: unknown command '%s'%s; commands: analyze, compare, validate, "
        "codebook, help\n",
        command,
        qa_suggest_hint(command, commands, sizeof commands / sizeof *commands, hint, sizeof hint));
    return 2;
}

int qa_cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        fputs(overview, stdout);
        return 0;
    }
    const char *text = qa_cli_help_text(argv[1]);
    if (!text)
        return qa_cli_unknown_command(argv[1]);
    fputs(text, stdout);
    return 0;
}
