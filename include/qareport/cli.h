/* cli.h: the command line, the top of the house (main.c calls it). qa_cli_main parses the
 * verb and hands the rest of argv to one command function per verb (src/cli/commands.h); each
 * returns the process exit status (0 done, 2 bad input or usage, 3 I/O error) and prints its own
 * messages to stderr, data to stdout. */
#ifndef QAREPORT_CLI_H
#define QAREPORT_CLI_H

int qa_cli_main(int argc, char **argv);

#endif
