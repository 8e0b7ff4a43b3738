/* qareport codebook: prints the default codebook (docs/METHODS.md §2.2) as CSV, a template for `-c
 * FILE`. */
#include "commands.h"

#include <stdio.h>

#include "qareport/codebook.h"

int qa_cmd_codebook(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fputs("usage: qareport codebook   (prints the default codebook as CSV to stdout)\n",
              stderr);
        return 2;
    }
    qa_codebook codebook;
    qa_error error;
    if (qa_codebook_default(&codebook, &error) != QA_OK) {
        fprintf(stderr, "qareport codebook: %s\n", error.message);
        return 1;
    }
    qa_codebook_write(&codebook, stdout);
    qa_codebook_free(&codebook);
    return fflush(stdout) == 0 ? 0 : 3;
}
