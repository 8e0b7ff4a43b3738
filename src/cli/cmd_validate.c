/* qareport validate: placeholder until its module lands; says so plainly and exits 2. */
#include "qareport/cli.h"

#include <stdio.h>

int qa_cmd_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("qareport validate: not built yet\n", stderr);
    return 2;
}
