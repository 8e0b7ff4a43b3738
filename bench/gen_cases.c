/* gen_cases: deterministic synthetic quasi-alliance case datasets with a known
 * data-generating process (DGP), for the end-to-end reference tests and the benchmark.
 *
 *   gen_cases --scenario default|firth|censored|big|panel --n N --seed S
 *             [--members unique|dyadic] [--years Y] [-o FILE]
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
 *   6. members: `unique` (the default) gives case i the members Ai;Bi (;Ci when
 *      multilateral), so no member is shared. `dyadic` draws two distinct states S001..S200
 *      with probabilities proportional to rank^-1.1 (Zipf), so that a few states are in many
 *      rows as in dyadic data (S001 in about a third of them).
 *   7. `panel` (dyadic members): dyad x year rows, N / Y dyads (--years Y, default 50) each
 *      observed in the years 1946 .. 1946 + Y - 1 (case_id dDDDDDD-YYYY, start_year = the
 *      year). By construction one large member carries the verdict of H3 formation: economic
 *      is drawn independently of the other measures (z = e_3, no common factor), and in rows
 *      of dyads that include S001 the formation logit gains 0.9 (economic - 2); elsewhere
 *      economic has no effect, as in the DGP. Leaving S001 out therefore leaves H3 formation
 *      without any effect.
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
    double missing_measure; /* probability a measure cell is blank */
    double blank_ongoing;   /* probability a formed case's ongoing cell is blank */
    int separated_security; /* 1: formation driven by security alone (the firth scenario) */
    int panel;              /* 1: dyad x year rows with a carrier member (the panel scenario) */
} scenario;

static const scenario SCENARIOS[] = {
    {"default", 1946, 2015, 2018, 4.0, 0.02, 0.03, 0, 0},
    {"firth", 1946, 2015, 2018, 4.0, 0.0, 0.0, 1, 0},
    {"censored", 1990, 2017, 2018, 10.0, 0.02, 0.0, 0, 0},
    {"big", 1946, 2015, 2018, 4.0, 0.02, 0.03, 0, 0},
    {"panel", 1946, 2015, 2018, 4.0, 0.02, 0.03, 0, 1},
};

/* Known coefficients of the DGP (see the header comment). */
static const double FORMATION_INTERCEPT = -2.6;
static const double FORMATION_BETA[MEASURE_COUNT] = {0.8, 0.4, 0.0, 0.3, -0.2};
static const double HAZARD_BETA[MEASURE_COUNT] = {-0.3, 0.0, 0.0, 0.0, -0.2};
static const double WEIBULL_SHAPE = 1.2;
static const double LATENT_CORRELATION = 0.3;
static const double CUT_POINTS[4] = {-1.2, -0.4, 0.4, 1.2};

/* Dyadic members: STATE_COUNT states, drawn with probability proportional to rank^-ZIPF; the
 * panel's carrier S001 adds CARRIER_BETA (economic - 2) to the formation logit of its dyads. */
enum { STATE_COUNT = 200, PANEL_FIRST_YEAR = 1946 };
static const double ZIPF_EXPONENT = 1.1;
static const double CARRIER_BETA = 0.9;

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

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

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
static double rng_uniform(rng *r)
{
    return ((double)(rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

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

static void put_char(buffer *b, char c)
{
    b->data[b->length++] = c;
}

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
    int carrier; /* panel: the dyad includes S001 */
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
    if (c->carrier)
        eta += CARRIER_BETA * (measure_or_middle(c, 2) - 2.0);
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

/* year: the panel's year of the row (it is then the start year), or 0. */
static void draw_case(rng *r, const scenario *s, int year, case_row *c)
{
    double common = rng_normal(r);
    for (int k = 0; k < MEASURE_COUNT; k++) {
        double own = rng_normal(r);
        /* panel: economic is independent of the others, so that only the carrier moves it */
        double z = s->panel && k == 2
                       ? own
                       : sqrt(LATENT_CORRELATION) * common + sqrt(1.0 - LATENT_CORRELATION) * own;
        c->measure[k] = ordinal_from_latent(z);
        if (s->missing_measure > 0 && rng_uniform(r) < s->missing_measure)
            c->measure[k] = -1;
    }
    c->formed = draw_formed(r, s, c);
    c->start = rng_int(r, s->start_min, s->start_max);
    if (year > 0)
        c->start = year;
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

/* How a row is named and who its members are. */
typedef struct {
    long id;
    int dyadic;    /* members are states[0];states[1] */
    int states[2]; /* 1-based ranks */
    long dyad;     /* panel: the dyad (1-based), 0 when not a panel */
    int year;
} row_naming;

static void put_state(buffer *b, int state)
{
    put_char(b, 'S');
    put_char(b, (char)('0' + state / 100));
    put_char(b, (char)('0' + state / 10 % 10));
    put_char(b, (char)('0' + state % 10));
}

static void put_padded(buffer *b, long value, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    for (int i = n; i < width; i++)
        put_char(b, '0');
    while (n)
        put_char(b, digits[--n]);
}

static void write_names(buffer *b, const row_naming *naming, const char *size)
{
    if (naming->dyad > 0) {
        put_char(b, 'd');
        put_padded(b, naming->dyad, 6);
        put_char(b, '-');
        put_int(b, naming->year);
        put_text(b, ",Dyad ");
        put_int(b, naming->dyad);
        put_char(b, ' ');
        put_int(b, naming->year);
    } else {
        put_int(b, naming->id);
        put_text(b, ",Case ");
        put_int(b, naming->id);
    }
    put_char(b, ',');
    if (naming->dyadic) {
        put_state(b, naming->states[0]);
        put_char(b, ';');
        put_state(b, naming->states[1]);
        return;
    }
    put_char(b, 'A');
    put_int(b, naming->id);
    put_text(b, ";B");
    put_int(b, naming->id);
    if (size[0] == 'm') {
        put_text(b, ";C");
        put_int(b, naming->id);
    }
}

static void write_case(buffer *b, rng *r, const row_naming *naming, const case_row *c)
{
    const char *size = rng_category(r, &SIZE);
    write_names(b, naming, size);
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

/* Zipf: cumulative[i] = P(rank <= i + 1). */
static void zipf_cumulative(double *cumulative)
{
    double total = 0;
    for (int i = 0; i < STATE_COUNT; i++)
        total += pow(i + 1, -ZIPF_EXPONENT);
    double sum = 0;
    for (int i = 0; i < STATE_COUNT; i++) {
        sum += pow(i + 1, -ZIPF_EXPONENT) / total;
        cumulative[i] = sum;
    }
    cumulative[STATE_COUNT - 1] = 1.0;
}

static int draw_state(rng *r, const double *cumulative)
{
    double u = rng_uniform(r);
    int low = 0, high = STATE_COUNT - 1;
    while (low < high) {
        int middle = (low + high) / 2;
        if (u <= cumulative[middle])
            high = middle;
        else
            low = middle + 1;
    }
    return low + 1;
}

/* Two distinct states, the lower rank first. Drawn from their own generator, so the cases'
 * draws are those of the unique-member data. */
static void draw_dyad(rng *r, const double *cumulative, int *states)
{
    states[0] = draw_state(r, cumulative);
    do
        states[1] = draw_state(r, cumulative);
    while (states[1] == states[0]);
    if (states[1] < states[0]) {
        int t = states[0];
        states[0] = states[1];
        states[1] = t;
    }
}

static int generate(const scenario *s, long n, uint64_t seed, int dyadic, int years, FILE *out)
{
    enum { CHUNK = 1 << 20, ROW_MAX = 512 };
    buffer b = {malloc(CHUNK), 0, CHUNK, out, 0};
    if (!b.data)
        return -1;
    rng r, member_rng;
    rng_seed(&r, seed);
    rng_seed(&member_rng, seed ^ 0x5eedd1adULL);
    double cumulative[STATE_COUNT];
    zipf_cumulative(cumulative);
    put_text(&b, HEADER);
    row_naming naming = {.dyadic = dyadic || s->panel};
    for (long id = 1; id <= n && !b.failed; id++) {
        naming.id = id;
        if (s->panel) {
            naming.dyad = (id - 1) / years + 1;
            naming.year = PANEL_FIRST_YEAR + (int)((id - 1) % years);
            if ((id - 1) % years == 0)
                draw_dyad(&member_rng, cumulative, naming.states);
        } else if (naming.dyadic) {
            draw_dyad(&member_rng, cumulative, naming.states);
        }
        case_row c;
        c.carrier = s->panel && naming.states[0] == 1;
        draw_case(&r, s, s->panel ? naming.year : 0, &c);
        write_case(&b, &r, &naming, &c);
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
            "%s%sUsage: gen_cases --scenario default|firth|censored|big|panel --n N --seed S\n"
            "                 [--members unique|dyadic] [--years Y] [-o FILE]\n",
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
    int dyadic = 0;
    long long years = 50;
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
        } else if (strcmp(option, "--members") == 0) {
            if (strcmp(value, "unique") != 0 && strcmp(value, "dyadic") != 0)
                return usage("--members is unique or dyadic\n");
            dyadic = strcmp(value, "dyadic") == 0;
        } else if (strcmp(option, "--years") == 0) {
            if (!parse_count(value, &years) || years < 1 || years > 70)
                return usage("--years needs an integer from 1 to 70\n");
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
    int failed = generate(s, (long)n, (uint64_t)seed, dyadic, (int)years, out);
    if ((path ? fclose(out) : fflush(out)) != 0)
        failed = 1;
    if (failed) {
        fprintf(stderr, "gen_cases: write failed\n");
        return 3;
    }
    return 0;
}
