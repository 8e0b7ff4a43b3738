/* qareport: statistical reports on coded quasi-alliance case datasets. */
#include <malloc.h>

#include "qareport/cli.h"

int main(int argc, char **argv)
{
    /* The analysis allocates and frees many case-length arrays (a few MB each at a million
     * cases). Served from the heap and reused, they need no fresh zeroed pages from the
     * kernel each time, which otherwise costs a fifth of the run. */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 128 << 20);
    return qa_cli_main(argc, argv);
}
