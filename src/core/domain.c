/* The name tables of the study's terms; see domain.h. */
#include "qareport/domain.h"

#include <string.h>

static const char *const hypothesis_ids[QA_HYPOTHESIS_COUNT] = {"H1", "H2", "H3", "H4", "H5"};
static const char *const measure_names[QA_HYPOTHESIS_COUNT] = {[QA_H1_SECURITY] = "security",
                                                               [QA_H2_POLITICAL] = "political",
                                                               [QA_H3_ECONOMIC] = "economic",
                                                               [QA_H4_COGNITIVE] = "cognitive",
                                                               [QA_H5_VALUE] = "value"};
static const char *const outcome_names[QA_OUTCOME_COUNT] = {
    [QA_OUTCOME_FORMATION] = "formation", [QA_OUTCOME_DURABILITY] = "durability"};
static const char *const verdict_names[QA_VERDICT_COUNT] = {
    [QA_VERDICT_SUPPORTED] = "supported",
    [QA_VERDICT_NOT_SUPPORTED] = "not_supported",
    [QA_VERDICT_CONTRADICTED] = "contradicted",
    [QA_VERDICT_NOT_TESTABLE] = "not_testable"};
static const char *const verdict_texts[QA_VERDICT_COUNT] = {
    [QA_VERDICT_SUPPORTED] = "supported",
    [QA_VERDICT_NOT_SUPPORTED] = "not supported",
    [QA_VERDICT_CONTRADICTED] = "contradicted",
    [QA_VERDICT_NOT_TESTABLE] = "not testable"};
static const char *const specification_names[QA_SPEC_COUNT] = {
    [QA_SPEC_PRIMARY] = "primary",
    [QA_SPEC_PEARSON] = "pearson",
    [QA_SPEC_SPEARMAN] = "spearman",
    [QA_SPEC_KENDALL] = "kendall",
    [QA_SPEC_SWITCH_METHOD] = "firth",
    [QA_SPEC_JOINT] = "joint",
    [QA_SPEC_MEMBER] = "member",
    [QA_SPEC_THRESHOLD_3] = "threshold_3",
    [QA_SPEC_THRESHOLD_7] = "threshold_7",
    [QA_SPEC_THRESHOLD_10] = "threshold_10",
    [QA_SPEC_COX] = "cox",
    [QA_SPEC_LOGIT] = "logit"};

const char *qa_hypothesis_id(qa_hypothesis hypothesis)
{
    return hypothesis_ids[hypothesis];
}

const char *qa_measure_name(qa_hypothesis hypothesis)
{
    return measure_names[hypothesis];
}

int qa_measure_find(const char *name)
{
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++)
        if (strcmp(name, measure_names[k]) == 0)
            return k;
    return -1;
}

const char *qa_outcome_name(qa_outcome outcome)
{
    return outcome_names[outcome];
}

const char *qa_verdict_name(qa_verdict verdict)
{
    return verdict_names[verdict];
}

const char *qa_verdict_text(qa_verdict verdict)
{
    return verdict_texts[verdict];
}

const char *qa_specification_name(qa_specification spec, bool firth_primary)
{
    if (spec == QA_SPEC_SWITCH_METHOD && firth_primary)
        return "ml";
    return specification_names[spec];
}

size_t qa_display_width(const char *text)
{
    size_t width = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (!qa_utf8_continuation(*p))
            width += qa_utf8_columns(*p);
    return width;
}
