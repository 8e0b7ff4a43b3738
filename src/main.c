/* qareport: statistical reports on coded quasi-alliance case datasets. */
#include "qareport/cli.h"

int main(int argc, char **argv)
{
    return qa_cli_main(argc, argv);
}
