/* gen_cases: deterministic synthetic quasi-alliance case datasets with a known
 * data-generating process (DGP), for the end-to-end reference tests and the benchmark.
 *
 *   gen_cases --scenario default|firth|censored|big --n N --seed S [-o FILE]
 *
 * Output is the default column layout (docs/METHODS.md §2.2). The random numbers come from our own
 * xoshiro256** generator (seeded by splitmix64), never from libc rand, so a seed gives the same
 * bytes on every platform. (The DGP uses exp/log/sqrt/cos from libm; a last-bit difference there
 * could only matter if a uniform draw fell within ~1e-16 of a cut point.)
 *
 * The DGP, per case i (bench/README.md has the same in prose):
 *   1. Five latent normals z_k = sqrt(0.3) f + sqrt(0.7) e_k with f, e_k ~ N(0,1), so every
 *      pair correlates 0.3; measure_k = number of cut points {-1.2, -0.4, 0.4, 1.2} below z_k,
 *      an ordinal 0-4. In `default`/`big`/`censored` each measure cell is blank with p = 0.02.
 *   2. formed ~ Bernoulli(logistic(-2.6 + 0.8 security + 0.4 political + 0 economic
 *      + 0.3 cognitive - 0.2 value)), a missing measure counting as 2 (the middle code).
 *      `firth` instead: formed = 1 when security >= 3, 0 when security <= 1 and a fair coin
 *      when security = 2: the formation model of security is separated (quasi-completely when
 *      both outcomes occur at 2), and so is every model containing security.
 *   3. formed cases: start year uniform on [start_min, start_max]; true duration
 *      1 + floor(T), T Weibull with shape 1.2 and proportional hazard
 *      exp(-0.3 security - 0.2 value) (missing counts as 2), scale `weibull_scale`, i.e.
 *      T = scale (-log U / exp(lp))^(1/1.2). If start + duration > observation year, the case
 *      is ongoing (ongoing 1, end_year empty, observed_until = observation year), so cases
 *      that started at most 5 years before it are "censored before threshold".
 *      In `default` the ongoing cell of a formed case is blank with p = 0.03 (the fallback
 *      "ongoing <=> end_year empty" applies).
 *   4. non-formed cases: start_year = an observation year uniform on [start_min, start_max],
 *      end_year and observed_until empty, ongoing 0.
 *   5. era = cold_war if start_year < 1991 else post_cold_war; size, basis, membership,
 *      commitment, agreement drawn independently with fixed probabilities (below).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MEASURE_COUNT = 5 };

typedef struct {
    const char *name;
    int start_min, start_max, observation_year;
    double weibull_scale;
    double missing_measure;  /* probability a measure cell is blank */
    double blank_ongoing;    /* probability a formed case's ongoing cell is blank */
    int separated_security;  /* 1: formation driven by security alone (the firth scenario) */
} scenario;

static const scenario SCENARIOS[] = {
    {"default", 1946, 2015, 2018, 4.0, 0.02, 0.03, 0},
    {"firth", 1946, 2015, 2018, 4.0, 0.0, 0.0, 1},
    {"censored", 1990, 2017, 2018, 10.0, 0.02, 0.0, 0},
    {"big", 1946, 2015, 2018, 4.0, 0.02, 0.03, 0},
};

/* Known coefficients of the DGP (see the header comment). */
static const double FORMATION_INTERCEPT = -2.6;
static const double FORMATION_BETA[MEASURE_COUNT] = {0.8, 0.4, 0.0, 0.3, -0.2};
static const double HAZARD_BETA[MEASURE_COUNT] = {-0.3, 0.0, 0.0, 0.0, -0.2};
static const double WEIBULL_SHAPE = 1.2;
static const double LATENT_CORRELATION = 0.3;
static const double CUT_POINTS[4] = {-1.2, -0.4, 0.4, 1.2};

/* Categories: labels and cumulative probabilities. */
typedef struct {
    const char *labels[6];
    double cumulative[6];
    int count;
} category;

static const category SIZE = {{"bilateral", "multilateral"}, {0.7, 1.0}, 2};
static const category BASIS = {{"security", "identity"}, {0.6, 1.0}, 2};
static const category MEMBERSHIP = {{"state", "substate"}, {0.8, 1.0}, 2};
static const category COMMITMENT = {{"mutual", "unilateral"}, {0.5, 1.0}, 2};
static const category AGREEMENT = {
    {"statement", "communique", "memorandum", "treaty", "law", "resolution"},
    {0.30, 0.50, 0.65, 0.85, 0.95, 1.0},
    6};

/* xoshiro256** (Blackman & Vigna 2018), seeded with splitmix64. */
typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform on (0, 1): 53 random bits, never exactly 0. */
static double rng_uniform(rng *r) { return ((double)(rng_next(r) >> 11) + 0.5) * 0x1.0p-53; }

/* Uniform integer on [low, high] (the modulo bias is below 1e-15 for our ranges). */
static int rng_int(rng *r, int low, int high)
{
    return low + (int)(rng_next(r) % (uint64_t)(high - low + 1));
}

/* Standard normal by Box-Muller (one value per call: simpler, and speed is ample). */
static double rng_normal(rng *r)
{
    double u1 = rng_uniform(r), u2 = rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static const char *rng_category(rng *r, const category *c)
{
    double u = rng_uniform(r);
    for (int i = 0; i < c->count - 1; i++)
        if (u < c->cumulative[i])
            return c->labels[i];
    return c->labels[c->count - 1];
}

/* ---- output buffer with fast integer formatting ---- */
typedef struct {
    char *data;
    size_t length, capacity;
    FILE *out;
    int failed;
} buffer;

static void buffer_flush(buffer *b)
{
    if (b->length && fwrite(b->data, 1, b->length, b->out) != b->length)
        b->failed = 1;
    b->length = 0;
}

static void put_text(buffer *b, const char *text)
{
    while (*text)
        b->data[b->length++] = *text++;
}

static void put_char(buffer *b, char c) { b->data[b->length++] = c; }

static void put_int(buffer *b, long value)
{
    char digits[24];
    int n = 0;
    if (value < 0) {
        put_char(b, '-');
        value = -value;
    }
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    while (n)
        put_char(b, digits[--n]);
}

/* ---- one case ---- */
typedef struct {
    int measure[MEASURE_COUNT]; /* -1 = missing */
    int formed, start, end, ongoing, observed_until, blank_ongoing;
} case_row;

static int ordinal_from_latent(double z)
{
    int level = 0;
    for (int i = 0; i < 4; i++)
        level += z > CUT_POINTS[i];
    return level;
}

static double measure_or_middle(const case_row *c, int k)
{
    return c->measure[k] < 0 ? 2.0 : (double)c->measure[k];
}

static int draw_formed(rng *r, const scenario *s, const case_row *c)
{
    if (s->separated_security) {
        int security = c->measure[0];
        return security >= 3 ? 1 : security <= 1 ? 0 : rng_uniform(r) < 0.5;
    }
    double eta = FORMATION_INTERCEPT;
    for (int k = 0; k < MEASURE_COUNT; k++)
        eta += FORMATION_BETA[k] * measure_or_middle(c, k);
    return rng_uniform(r) < 1.0 / (1.0 + exp(-eta));
}

/* Weibull proportional-hazards duration in whole years, at least 1. */
static int draw_duration(rng *r, const scenario *s, const case_row *c)
{
    double lp = 0.0;
    for (int k = 0; k < MEASURE_COUNT; k++)
        lp += HAZARD_BETA[k] * measure_or_middle(c, k);
    double t = s->weibull_scale * pow(-log(rng_uniform(r)) / exp(lp), 1.0 / WEIBULL_SHAPE);
    return t > 200.0 ? 201 : 1 + (int)floor(t);
}

static void draw_case(rng *r, const scenario *s, case_row *c)
{
    double common = rng_normal(r);
    for (int k = 0; k < MEASURE_COUNT; k++) {
        double z = sqrt(LATENT_CORRELATION) * common + sqrt(1.0 - LATENT_CORRELATION) * rng_normal(r);
        c->measure[k] = ordinal_from_latent(z);
        if (s->missing_measure > 0 && rng_uniform(r) < s->missing_measure)
            c->measure[k] = -1;
    }
    c->formed = draw_formed(r, s, c);
    c->start = rng_int(r, s->start_min, s->start_max);
    c->end = -1;
    c->ongoing = 0;
    c->observed_until = -1;
    c->blank_ongoing = 0;
    if (!c->formed)
        return;
    int duration = draw_duration(r, s, c);
    if (c->start + duration > s->observation_year) {
        c->ongoing = 1;
        c->observed_until = s->observation_year;
    } else {
        c->end = c->start + duration;
    }
    c->blank_ongoing = s->blank_ongoing > 0 && rng_uniform(r) < s->blank_ongoing;
}

static void write_case(buffer *b, rng *r, long id, const case_row *c)
{
    put_int(b, id);
    put_text(b, ",Case ");
    put_int(b, id);
    const char *size = rng_category(r, &SIZE);
    put_text(b, ",A");
    put_int(b, id);
    put_text(b, ";B");
    put_int(b, id);
    if (size[0] == 'm') {
        put_text(b, ";C");
        put_int(b, id);
    }
    put_char(b, ',');
    put_int(b, c->start);
    put_char(b, ',');
    if (c->end >= 0)
        put_int(b, c->end);
    put_char(b, ',');
    if (!c->blank_ongoing)
        put_int(b, c->ongoing);
    put_char(b, ',');
    if (c->observed_until >= 0)
        put_int(b, c->observed_until);
    put_char(b, ',');
    put_int(b, c->formed);
    for (int k = 0; k < MEASURE_COUNT; k++) {
        put_char(b, ',');
        if (c->measure[k] >= 0)
            put_int(b, c->measure[k]);
    }
    put_text(b, c->start < 1991 ? ",cold_war," : ",post_cold_war,");
    put_text(b, size);
    put_char(b, ',');
    put_text(b, rng_category(r, &BASIS));
    put_char(b, ',');
    put_text(b, rng_category(r, &MEMBERSHIP));
    put_char(b, ',');
    put_text(b, rng_category(r, &COMMITMENT));
    put_char(b, ',');
    put_text(b, rng_category(r, &AGREEMENT));
    put_text(b, ",synthetic,\n");
}

static const char HEADER[] =
    "case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
    "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,source,"
    "notes\n";

static int generate(const scenario *s, long n, uint64_t seed, FILE *out)
{
    enum { CHUNK = 1 << 20, ROW_MAX = 512 };
    buffer b = {malloc(CHUNK), 0, CHUNK, out, 0};
    if (!b.data)
        return -1;
    rng r;
    rng_seed(&r, seed);
    put_text(&b, HEADER);
    for (long id = 1; id <= n && !b.failed; id++) {
        case_row c;
        draw_case(&r, s, &c);
        write_case(&b, &r, id, &c);
        if (b.length > CHUNK - ROW_MAX)
            buffer_flush(&b);
    }
    buffer_flush(&b);
    free(b.data);
    return b.failed ? -1 : 0;
}

static int usage(const char *message)
{
    fprintf(stderr,
            "%s%sUsage: gen_cases --scenario default|firth|censored|big --n N --seed S [-o FILE]\n",
            message ? "gen_cases: " : "", message ? message : "");
    return 2;
}

static int parse_count(const char *text, long long *value)
{
    char *end;
    errno = 0;
    *value = strtoll(text, &end, 10);
    return errno == 0 && *end == '\0' && end != text && *value >= 0;
}

int main(int argc, char **argv)
{
    const scenario *s = NULL;
    long long n = -1, seed = -1;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--help") == 0 || strcmp(option, "-h") == 0)
            return usage(NULL) - 2;
        if (i + 1 >= argc)
            return usage("missing value after an option\n");
        const char *value = argv[++i];
        if (strcmp(option, "--scenario") == 0) {
            for (size_t k = 0; k < sizeof SCENARIOS / sizeof SCENARIOS[0]; k++)
                if (strcmp(value, SCENARIOS[k].name) == 0)
                    s = &SCENARIOS[k];
            if (!s)
                return usage("unknown scenario\n");
        } else if (strcmp(option, "--n") == 0) {
            if (!parse_count(value, &n))
                return usage("--n needs a non-negative integer\n");
        } else if (strcmp(option, "--seed") == 0) {
            if (!parse_count(value, &seed))
                return usage("--seed needs a non-negative integer\n");
        } else if (strcmp(option, "-o") == 0) {
            path = value;
        } else {
            return usage("unknown option\n");
        }
    }
    if (!s || n < 0 || seed < 0)
        return usage("--scenario, --n and --seed are required\n");
    FILE *out = path ? fopen(path, "wb") : stdout;
    if (!out) {
        fprintf(stderr, "gen_cases: cannot open %s: %s\n", path, strerror(errno));
        return 3;
    }
    int failed = generate(s, (long)n, (uint64_t)seed, out);
    if ((path ? fclose(out) : fflush(out)) != 0)
        failed = 1;
    if (failed) {
        fprintf(stderr, "gen_cases: write failed\n");
        return 3;
    }
    return 0;
}
