/* bench_import FILE [N] [--skip-text]: imports FILE N times (default 5) with the default
 * codebook and prints the median throughput in MB/s, for docs/METHODS.md §8.10 (target
 * >= 300 MB/s). --skip-text leaves the `text` role columns (source, notes) out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static double seconds_now(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs("usage: bench_import FILE.csv [N]\n", stderr);
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 1000)
        runs = 5;
    struct stat info;
    if (stat(argv[1], &info) != 0) {
        perror(argv[1]);
        return 3;
    }
    qa_codebook codebook;
    qa_error error;
    if (qa_codebook_default(&codebook, &error) != QA_OK)
        return 1;
    double *rates = malloc((size_t)runs * sizeof *rates);
    double *cpu_rates = malloc((size_t)runs * sizeof *cpu_rates);
    double *thread_rates = malloc((size_t)runs * sizeof *thread_rates);
    size_t rows = 0;
    for (int r = 0; r < runs; r++) {
        qa_error_list errors;
        qa_error_list_init(&errors, 0);
        qa_dataset dataset;
        double start = seconds_now(CLOCK_MONOTONIC);
        double cpu_start = seconds_now(CLOCK_PROCESS_CPUTIME_ID);
        double thread_start = seconds_now(CLOCK_THREAD_CPUTIME_ID);
        qa_import_options options = {.skip_text_columns =
                                         argc > 3 && strcmp(argv[3], "--skip-text") == 0};
        qa_status status = qa_import_csv(argv[1], &codebook, &options, &dataset, &errors);
        double elapsed = seconds_now(CLOCK_MONOTONIC) - start;
        double cpu = seconds_now(CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
        double thread = seconds_now(CLOCK_THREAD_CPUTIME_ID) - thread_start;
        if (status != QA_OK) {
            char text[1024] = "";
            if (errors.count)
                qa_error_format(&errors.items[0], text, sizeof text);
            fprintf(stderr, "import failed: %s\n", text);
            return 2;
        }
        rows = dataset.rows;
        rates[r] = (double)info.st_size / 1e6 / elapsed;
        cpu_rates[r] = (double)info.st_size / 1e6 / cpu;
        thread_rates[r] = (double)info.st_size / 1e6 / thread;
        qa_dataset_free(&dataset);
        qa_error_list_free(&errors);
    }
    qsort(rates, (size_t)runs, sizeof *rates, compare_doubles);
    qsort(cpu_rates, (size_t)runs, sizeof *cpu_rates, compare_doubles);
    qsort(thread_rates, (size_t)runs, sizeof *thread_rates, compare_doubles);
    /* CPU-time throughput too: on a shared machine wall time also measures the neighbours.
     * "main thread" leaves out the SHA-256 helper thread, which runs alongside. */
    printf("%s: %.1f MB, %zu rows, median %.0f MB/s wall (min %.0f, max %.0f); CPU time: "
           "%.0f MB/s all threads, %.0f MB/s main thread; %d runs\n",
           argv[1], (double)info.st_size / 1e6, rows, rates[runs / 2], rates[0], rates[runs - 1],
           cpu_rates[runs / 2], thread_rates[runs / 2], runs);
    free(rates);
    free(cpu_rates);
    free(thread_rates);
    qa_codebook_free(&codebook);
    return 0;
}
