/* commands.h (internal to src/cli): one function per verb of qa_cli_main. Each returns the
 * process exit status (0 done, 2 bad input or usage, 3 I/O error). */
#ifndef QAREPORT_CLI_COMMANDS_H
#define QAREPORT_CLI_COMMANDS_H

/* argv[0] is the verb itself ("validate", ...). */
int qa_cmd_validate(int argc, char **argv);
int qa_cmd_codebook(int argc, char **argv);
int qa_cmd_analyze(int argc, char **argv);
int qa_cmd_compare(int argc, char **argv);

#endif
