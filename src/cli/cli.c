/* The verb dispatcher, --help and --version. */
#include "qareport/cli.h"

#include <stdio.h>
#include <string.h>

static const char usage_text[] =
    "qareport: test the community-sense hypotheses of quasi-alliances on coded case data\n"
    "\n"
    "usage:\n"
    "  qareport analyze DATA.csv [-c CODEBOOK] [-o REPORT.xlsx] [--json FILE|-] [--lang en|zh]\n"
    "                   [--alpha A] [--adjust holm|bh|none] [--sided two|one]\n"
    "                   [--durable-years T] [--as-of YEAR] [--controls COL,COL]\n"
    "                   [--controls-in joint|all] [--durability logit|cox]\n"
    "                   [--where COL=VAL] [--by COL] [--firth auto|always|never]\n"
    "                   [--bootstrap N] [--seed S] [--data-sheet auto|always|never] [--quiet]\n"
    "  qareport compare A.csv B.csv [-c CODEBOOK] [-o FILE.xlsx] [--json FILE|-]\n"
    "                   [--lang en|zh] [--seed S] [--quiet]\n"
    "  qareport validate DATA.csv [-c CODEBOOK]\n"
    "  qareport codebook\n"
    "  qareport --help | --version\n"
    "\n"
    "analyze   ten tests (H1-H5 x formation, durability), workbook in reports/<name>.xlsx\n"
    "compare   inter-coder agreement of two codings and whether verdicts flip\n"
    "validate  report every problem in a dataset (FILE:LINE:COLUMN: case ID: message)\n"
    "codebook  print the default codebook, a template for -c\n"
    "\n"
    "exit status: 0 done, 2 bad input or usage, 3 I/O error\n";

int qa_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (strcmp(verb, "--version") == 0) {
        printf("qareport %s\n", QA_VERSION);
        return 0;
    }
    if (strcmp(verb, "validate") == 0)
        return qa_cmd_validate(argc - 1, argv + 1);
    if (strcmp(verb, "codebook") == 0)
        return qa_cmd_codebook(argc - 1, argv + 1);
    if (strcmp(verb, "analyze") == 0)
        return qa_cmd_analyze(argc - 1, argv + 1);
    if (strcmp(verb, "compare") == 0)
        return qa_cmd_compare(argc - 1, argv + 1);
    fprintf(stderr, "qareport: unknown command '%s' (try qareport --help)\n", verb);
    return 2;
}
