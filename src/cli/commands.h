/* commands.h (internal to src/cli): one function per verb of qa_cli_main. Each returns the
 * process exit status (0 done, 2 bad input or usage, 3 I/O error). */
#ifndef QAREPORT_CLI_COMMANDS_H
#define QAREPORT_CLI_COMMANDS_H

/* argv[0] is the verb itself ("validate", ...). */
int qa_cmd_validate(int argc, char **argv);
int qa_cmd_codebook(int argc, char **argv);
int qa_cmd_analyze(int argc, char **argv);
int qa_cmd_compare(int argc, char **argv);
/* qareport help [COMMAND] */
int qa_cmd_help(int argc, char **argv);

/* The help of a command (NULL: the overview), or NULL for an unknown command. */
const char *qa_cli_help_text(const char *command);
/* "unknown command 'x' (did you mean ...?)" on stderr; returns 2. */
int qa_cli_unknown_command(const char *command);

#endif
