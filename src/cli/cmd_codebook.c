/* qareport codebook: placeholder until its module lands; says so plainly and exits 2. */
#include "qareport/cli.h"

#include <stdio.h>

int qa_cmd_codebook(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport codebook: not built yet\n", stderr);
    return 2;
}
