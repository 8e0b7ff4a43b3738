/* domain.h: the terms of the study, defined once for every layer. The source paper's five
 * community-sense hypotheses (H1 security .. H5 value), each tested on its own measure for two
 * outcomes (formation on all cases, durability on formed cases); the four verdicts; the kinds
 * of robustness specification; the limits the data contract sets (docs/METHODS.md §2,
 * §4.5, §6); and the one rule for how wide a UTF-8 text is on a terminal or in a cell.
 * Plain enums, name tables and constants: the bottom of the house, it calls nothing. */
#ifndef QAREPORT_DOMAIN_H
#define QAREPORT_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>

/* Hypothesis k (H1..H5) is tested on measure k: one enum for both. */
typedef enum {
    QA_H1_SECURITY = 0,
    QA_H2_POLITICAL,
    QA_H3_ECONOMIC,
    QA_H4_COGNITIVE,
    QA_H5_VALUE
} qa_hypothesis;

typedef enum { QA_OUTCOME_FORMATION = 0, QA_OUTCOME_DURABILITY = 1 } qa_outcome;

/* Ten primary tests: test index = hypothesis * QA_OUTCOME_COUNT + outcome. */
enum { QA_HYPOTHESIS_COUNT = 5, QA_OUTCOME_COUNT = 2, QA_TEST_COUNT = 10 };

typedef enum {
    QA_VERDICT_SUPPORTED = 0,
    QA_VERDICT_NOT_SUPPORTED,
    QA_VERDICT_CONTRADICTED,
    QA_VERDICT_NOT_TESTABLE
} qa_verdict;
enum { QA_VERDICT_COUNT = 4 };

/* The robustness specifications (docs/METHODS.md §6.2): the whole primary analysis rerun with
 * one choice changed. Formation tests have the first seven, durability tests all but the
 * logit one (eleven), or under --durability cox all but the method switch and Cox (ten). */
typedef enum {
    QA_SPEC_PRIMARY = 0,
    QA_SPEC_PEARSON,
    QA_SPEC_SPEARMAN,
    QA_SPEC_KENDALL,
    QA_SPEC_SWITCH_METHOD, /* Firth for an ML primary, ML for a Firth primary */
    QA_SPEC_JOINT,
    QA_SPEC_MEMBER, /* member-robust p (issue 11); "model" (model-based p) under --se member */
    QA_SPEC_THRESHOLD_3,
    QA_SPEC_THRESHOLD_7,
    QA_SPEC_THRESHOLD_10,
    QA_SPEC_COX,
    QA_SPEC_LOGIT /* --durability cox: the T-year logit, which decides by default */
} qa_specification;
enum {
    QA_SPEC_COUNT = 12,
    QA_SPEC_FORMATION_COUNT = 7 /* primary .. member: the durability-only ones come after */
};

/* Limits of the data contract. */
#define QA_MIN_CASES 10 /* a test with fewer usable cases is not testable */
#define QA_STRINGIFY_(x) #x
#define QA_STRINGIFY(x) QA_STRINGIFY_(x)
/* The verdict rule's wording of that limit (labels key it, so it is one string). */
#define QA_FEWER_THAN_MIN_CASES "fewer than " QA_STRINGIFY(QA_MIN_CASES) " usable cases"
enum {
    QA_DEFAULT_DURABLE_YEARS = 5, /* durable: lasted more than T = 5 years */
    QA_MAX_MEASURE_COLUMNS = 16,  /* indicator columns of one composite measure */
    QA_FRAGILE_LIMIT = 10,        /* fragile: min(events, non-events) or EPV below this */
    QA_ERROR_LIMIT = 1000         /* input problems listed before a run stops collecting */
};

/* Name tables. */
const char *qa_hypothesis_id(qa_hypothesis hypothesis); /* "H1".."H5" */
const char *qa_measure_name(qa_hypothesis hypothesis);  /* "security".."value" */
/* The measure named `name` ("security".."value"), or -1. */
int qa_measure_find(const char *name);
const char *qa_outcome_name(qa_outcome outcome); /* "formation", "durability" */
/* The key of a verdict in JSON: "supported", "not_supported", "contradicted", "not_testable". */
const char *qa_verdict_name(qa_verdict verdict);
/* The verdict as a reader sees it in English: "supported", "not supported", ... */
const char *qa_verdict_text(qa_verdict verdict);
/* The name of a specification in JSON ("primary", "pearson", .., "cox"); the method switch is
 * "ml" when the primary fit was Firth's and "firth" otherwise. */
const char *qa_specification_name(qa_specification spec, bool firth_primary);

/* Display width of UTF-8 text in terminal columns: CJK and other characters of U+3000..U+FFFF
 * (lead bytes 0xE3..0xEF) take two columns, every other character one. */
static inline bool qa_utf8_continuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}
static inline size_t qa_utf8_columns(unsigned char lead)
{
    return (lead >= 0xE3 && lead <= 0xEF) ? 2 : 1;
}
size_t qa_display_width(const char *text);

#endif
