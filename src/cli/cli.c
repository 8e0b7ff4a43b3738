/* The verb dispatcher, help (help.c) and --version. */
#include "qareport/cli.h"

#include "commands.h"

#include <stdio.h>
#include <string.h>

int qa_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(qa_cli_help_text(NULL), stderr);
        return 2;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0) {
        fputs(qa_cli_help_text(NULL), stdout);
        return 0;
    }
    if (strcmp(verb, "help") == 0)
        return qa_cmd_help(argc - 1, argv + 1);
    /* COMMAND --help (anywhere among its arguments) */
    for (int i = 2; i < argc && qa_cli_help_text(verb); i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(qa_cli_help_text(verb), stdout);
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
    return qa_cli_unknown_command(verb);
}
