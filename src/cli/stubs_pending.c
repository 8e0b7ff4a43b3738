/* Commands whose modules have not landed yet say so plainly and exit 2.
 * Each definition here is removed when its real command file lands. */
#include "qareport/cli.h"

#include <stdio.h>

int qa_cmd_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport validate: not built yet\n", stderr);
    return 2;
}

int qa_cmd_codebook(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport codebook: not built yet\n", stderr);
    return 2;
}

int qa_cmd_analyze(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport analyze: not built yet\n", stderr);
    return 2;
}

int qa_cmd_compare(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport compare: not built yet\n", stderr);
    return 2;
}
