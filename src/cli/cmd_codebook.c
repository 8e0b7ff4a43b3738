/* qareport codebook [DATA] [--encoding NAME]: prints the default codebook (docs/METHODS.md
 * §2.2), or a template for the variables of DATA (any format the importer reads), as CSV on
 * stdout. */
#include "commands.h"

#include <stdio.h>
#include <string.h>

#include "cli_args.h"
#include "cli_support.h"
#include "qareport/codebook.h"
#include "qareport/import.h"

int qa_cmd_codebook(int argc, char **argv)
{
    const char *data_path = NULL;
    qa_import_options import = {0};
    for (int i = 1; i < argc; i++) {
        bool handled;
        qa_error error;
        if (qa_input_option_parse(argc, argv, &i, false, &import, &handled, &error) != QA_OK) {
            fprintf(stderr, "qareport codebook: %s\n", error.message);
            return 2;
        }
        if (handled)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0') {
            char hint[160];
            fprintf(stderr,
                    "qareport codebook: unknown option %s%s; see qareport codebook --help\n",
                    argv[i], qa_option_hint("codebook", argv[i], hint, sizeof hint));
            return 2;
        }
        if (data_path) {
            fprintf(stderr, "qareport codebook: one data file at most; unexpected '%s'\n", argv[i]);
            return 2;
        }
        data_path = argv[i];
    }
    qa_codebook codebook;
    qa_error error;
    if (!data_path) {
        if (qa_codebook_default(&codebook, &error) != QA_OK) {
            qa_cli_print_error(&error);
            return 1;
        }
    } else {
        qa_error_list errors;
        qa_error_list_init(&errors, 20);
        qa_status status = qa_codebook_template(data_path, &import, &codebook, &errors);
        for (size_t i = 0; i < errors.count; i++)
            qa_cli_print_error(&errors.items[i]);
        qa_error_list_free(&errors);
        if (status != QA_OK)
            return qa_status_exit_code(status);
    }
    qa_codebook_write(&codebook, stdout);
    qa_codebook_free(&codebook);
    return fflush(stdout) == 0 ? 0 : 3;
}
