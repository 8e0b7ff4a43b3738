/* gsl_draws: the resampling indices of qareport's seeded bootstrap, for the R scripts in
 * tests/reference/ that recompute bootstrap CIs on the same resamples (bootstrap.R).
 * qareport draws with GSL's MT19937 seeded by gsl_rng_set(seed) and gsl_rng_uniform_int(n);
 * R cannot reproduce that generator, so this prints GSL's own draws. Not part of the build.
 *
 * Usage: gsl_draws SEED N:COUNT [N:COUNT ...]
 * prints, for each N:COUNT in order from one generator, COUNT draws from 0..N-1, one a line. */
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gsl_draws SEED N:COUNT [N:COUNT ...]\n");
        return 2;
    }
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, strtoul(argv[1], NULL, 10));
    for (int a = 2; a < argc; a++) {
        unsigned long n = 0, count = 0;
        if (sscanf(argv[a], "%lu:%lu", &n, &count) != 2 || n == 0) {
            fprintf(stderr, "gsl_draws: bad N:COUNT '%s'\n", argv[a]);
            return 2;
        }
        for (unsigned long i = 0; i < count; i++)
            printf("%lu\n", gsl_rng_uniform_int(rng, n));
    }
    gsl_rng_free(rng);
    return 0;
}
