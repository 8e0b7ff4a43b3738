/* The Summary sheet: the ten verdicts, one row each, and with --by the groups side by side.
 * The terminal summary draws the compact form of the same table. */
#include "qareport/report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "labels.h"
#include "report_internal.h"

const char *qa_report_model_anchor(qa_report *report, const qa_model_result *model)
{
    return qa_report_text(report, "model:%s", model->name);
}

/* The paper's wording of each hypothesis, split into its formation and durability halves
 * (section 三 "准联盟的逻辑假设" of the source paper; METHODS §1.2), with an English rendering. */
static const char *const wording_en[QA_HYPOTHESIS_COUNT][QA_OUTCOME_COUNT] = {
    {"The greater the common threat states face, the more likely they form a quasi-alliance.",
     "The stronger the sense of security community, the more durable the quasi-alliance."},
    {"The stronger states' need to extend their political influence, the more likely they form "
     "a quasi-alliance.",
     "The stronger the sense of political community, the more durable the quasi-alliance."},
    {"The greater the economic interests states share, the more likely they form a "
     "quasi-alliance.",
     "The stronger the sense of economic community, the more durable the quasi-alliance."},
    {"The more the leaders and elites who take part in decisions identify with each other, the "
     "more likely the states form a quasi-alliance.",
     "The stronger the sense of cognitive community, the more durable the quasi-alliance."},
    {"The more similar states' values, the more likely they form a quasi-alliance.",
     "The stronger the sense of value community, the more durable the quasi-alliance."}};
static const char *const wording_zh[QA_HYPOTHESIS_COUNT][QA_OUTCOME_COUNT] = {
    {"国家面临的共同威胁越大，就越有可能建立准联盟", "安全共同体意识越强，准联盟就越牢固"},
    {"国家对扩大政治影响力的需求越强烈，就越有可能建立准联盟",
     "政治共同体意识越强，准联盟关系就越牢固"},
    {"国家间拥有共同的经济利益越大，就越有可能建立准联盟",
     "经济共同体意识越强，准联盟关系就越牢固"},
    {"国家间参与决策的领袖与精英认同度越高，就越有可能建立准联盟",
     "认知共同体意识越强，准联盟关系就越牢固"},
    {"国家间价值观越相似，就越有可能建立准联盟", "价值共同体意识越强，准联盟关系就越牢固"}};

const char *qa_report_hypothesis_wording(qa_language language, qa_hypothesis hypothesis,
                                         qa_outcome outcome)
{
    return language == QA_LANG_ZH ? wording_zh[hypothesis][outcome]
                                  : wording_en[hypothesis][outcome];
}

/* The model whose estimate decided the verdict, and its measure term (NULL when not fitted). */
static const qa_model_result *deciding_model(const qa_results *results, const qa_test_result *t)
{
    int index = t->decided_by == QA_MODEL_COX ? t->cox_model : t->logit_model;
    if (index < 0 || (size_t)index >= results->model_count)
        return NULL;
    return &results->models[index];
}

const qa_term_result *qa_report_measure_term(const qa_model_result *model, qa_hypothesis hypothesis)
{
    if (!model || !model->available)
        return NULL;
    for (size_t j = 0; j < model->term_count; j++)
        if (strcmp(model->terms[j].term, qa_measure_name(hypothesis)) == 0)
            return &model->terms[j];
    return NULL;
}

/* "logit (ML)", "logit (Firth)" or "Cox". */
static qa_cell model_cell(qa_report *report, const qa_model_result *model)
{
    if (!model || !model->available)
        return qa_cell_text(NULL);
    if (model->kind == QA_MODEL_COX)
        return qa_cell_text(qa_report_label(report, "Cox"));
    return qa_cell_text(
        qa_report_label(report, model->method == QA_LOGIT_FIRTH ? "logit (Firth)" : "logit (ML)"));
}

static qa_cell interval_cell(qa_report *report, double lower, double upper)
{
    if (!isfinite(lower) || !isfinite(upper))
        return qa_cell_text(NULL);
    return qa_cell_text(qa_report_text(report, "[%.3f, %.3f]", lower, upper));
}

/* The verdict that one alternative specification gives this test (the specification matrix,
 * METHODS §6.2), or an empty cell when the test has no such specification. */
static qa_cell specification_cell(qa_report *report, const qa_robustness *r, bool done,
                                  qa_specification spec)
{
    for (size_t s = 0; done && s < r->specification_count; s++)
        if (r->specifications[s] == spec)
            return qa_cell_verdict(report, r->specification_verdicts[s]);
    return qa_cell_text(NULL);
}

enum {
    SUMMARY_HYPOTHESIS = 0,
    SUMMARY_SENSE,
    SUMMARY_OUTCOME,
    SUMMARY_WORDING,
    SUMMARY_SOURCE,
    SUMMARY_MODEL,
    SUMMARY_N,
    SUMMARY_B,
    SUMMARY_B_CI,
    SUMMARY_RATIO,
    SUMMARY_RATIO_CI,
    SUMMARY_RATIO_SD,
    SUMMARY_RATIO_SD_CI,
    SUMMARY_DETECTABLE,
    SUMMARY_P,
    SUMMARY_MEMBER_P,
    SUMMARY_P_ADJUSTED,
    SUMMARY_VERDICT,
    SUMMARY_JOINT,
    SUMMARY_SPEARMAN,
    SUMMARY_OTHER, /* Cox, or under --durability cox the T-year logit */
    SUMMARY_STABLE,
    SUMMARY_OF_M,
    SUMMARY_FRAGILE,
    SUMMARY_REASON,
    SUMMARY_COLUMNS
};

/* The verdict; "not measured" for a hypothesis the user skipped (--skip). */
static qa_cell verdict_cell(const qa_report *report, const qa_test_result *t)
{
    qa_cell cell = qa_cell_verdict(report, t->verdict);
    if (!t->testable && strncmp(t->reason, "not measured", 12) == 0)
        cell.text = qa_report_label(report, "not measured");
    return cell;
}

/* The member-robust p of the measure in a univariate model. */
static double member_p(const qa_model_result *model)
{
    return model && model->available && model->term_count > 1 ? model->terms[1].member.p : NAN;
}

/* Fewest clusters (distinct members) among the testable tests' samples; 0 when none known. */
static size_t fewest_clusters(const qa_results *results)
{
    size_t fewest = 0;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_model_result *model = (t->logit_model >= 0 ? &results->models[t->logit_model] : NULL);
        if (!t->testable || !model || !model->available || model->term_count < 2)
            continue;
        size_t clusters = model->terms[1].member.clusters;
        if (clusters > 0 && (fewest == 0 || clusters < fewest))
            fewest = clusters;
    }
    return fewest;
}

static void summary_row(qa_report *report, const qa_results *results, const qa_test_result *t,
                        qa_cell *row)
{
    const qa_model_result *model = deciding_model(results, t);
    const qa_term_result *term = t->testable ? qa_report_measure_term(model, t->hypothesis) : NULL;
    const qa_robustness *r =
        &results->robustness[t->hypothesis * QA_OUTCOME_COUNT + (int)t->outcome];
    bool done = results->robustness_done && t->testable;
    row[SUMMARY_HYPOTHESIS] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
    row[SUMMARY_SENSE] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
    if (model)
        row[SUMMARY_SENSE].link = qa_report_model_anchor(report, model);
    row[SUMMARY_OUTCOME] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
    row[SUMMARY_WORDING] =
        qa_cell_text(qa_report_hypothesis_wording(report->language, t->hypothesis, t->outcome));
    row[SUMMARY_SOURCE] = qa_cell_text(
        results->measure_source[t->hypothesis][0] ? results->measure_source[t->hypothesis] : NULL);
    row[SUMMARY_MODEL] = model_cell(report, t->testable ? model : NULL);
    row[SUMMARY_N] = qa_cell_count(t->n);
    if (term) {
        row[SUMMARY_B] = qa_cell_number(term->b, QA_FORMAT_DECIMAL3);
        row[SUMMARY_B_CI] = interval_cell(report, term->ci_lower, term->ci_upper);
        row[SUMMARY_RATIO] = qa_cell_number(term->ratio, QA_FORMAT_RATIO);
        row[SUMMARY_RATIO_CI] = interval_cell(report, exp(term->ci_lower), exp(term->ci_upper));
        /* the effect of one SD of the measure on the model's sample (METHODS §4.14) */
        if (isfinite(term->sd)) {
            row[SUMMARY_RATIO_SD] = qa_cell_number(term->ratio_sd, QA_FORMAT_RATIO);
            row[SUMMARY_RATIO_SD_CI] =
                interval_cell(report, term->ratio_sd_lower, term->ratio_sd_upper);
        }
    }
    row[SUMMARY_DETECTABLE] = qa_cell_number(t->mde.ratio, QA_FORMAT_RATIO);
    row[SUMMARY_P] = qa_cell_number(t->p, QA_FORMAT_P);
    row[SUMMARY_MEMBER_P] = qa_cell_number(
        member_p(t->logit_model >= 0 ? &results->models[t->logit_model] : NULL), QA_FORMAT_P);
    row[SUMMARY_P_ADJUSTED] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
    row[SUMMARY_VERDICT] = verdict_cell(report, t);
    row[SUMMARY_JOINT] = specification_cell(report, r, done, QA_SPEC_JOINT);
    row[SUMMARY_SPEARMAN] = specification_cell(report, r, done, QA_SPEC_SPEARMAN);
    row[SUMMARY_OTHER] = specification_cell(
        report, r, done, t->decided_by == QA_MODEL_COX ? QA_SPEC_LOGIT : QA_SPEC_COX);
    if (done) {
        row[SUMMARY_STABLE] = qa_cell_count(r->stable_k);
        row[SUMMARY_OF_M] = qa_cell_count(r->specification_count);
    }
    row[SUMMARY_FRAGILE] =
        qa_cell_text(t->testable ? qa_report_label(report, t->fragile ? "yes" : "no") : NULL);
    row[SUMMARY_REASON] =
        qa_cell_text(t->testable ? NULL : qa_report_text(report, "%s", t->reason));
}

static void summary_notes(qa_report *report, qa_table *table, const qa_results *results)
{
    const qa_analysis_options *o = &results->options;
    const char *adjust = o->adjust == QA_ADJUST_HOLM ? "Holm"
                         : o->adjust == QA_ADJUST_BH ? "Benjamini-Hochberg"
                                                     : "none";
    qa_table_add_note(
        report, table,
        qa_report_label(
            report,
            "Verdict: supported = B > 0 and adjusted p < alpha; contradicted = B < 0 and adjusted "
            "p < "
            "alpha; otherwise not supported; not testable with " QA_FEWER_THAN_MIN_CASES " or no "
            "variation."));
    qa_table_add_note(report, table,
                      qa_report_label(report, o->durability == QA_DURABILITY_COX
                                                  ? "Primary test: formation by univariate "
                                                    "logistic regression on all cases; durability "
                                                    "by the Cox model of the end of cooperation "
                                                    "on formed cases, judged on -B (HR < 1 "
                                                    "supports) (--durability cox)."
                                                  : "Primary test: univariate logistic regression "
                                                    "(formation: all cases; durability: formed "
                                                    "cases, durable = more than T years)."));
    if (o->control_count > 0)
        qa_table_add_note(report, table,
                          qa_report_label(report, o->controls_in == QA_CONTROLS_IN_ALL
                                                      ? "The controls enter every primary model "
                                                        "(--controls-in all): each verdict is the "
                                                        "measure's partial effect."
                                                      : "The controls enter the joint models "
                                                        "only (--controls-in joint): the verdicts "
                                                        "are bivariate."));
    qa_table_add_note(
        report, table,
        qa_report_text(report, "alpha = %g, %s, %s = %s, T = %d", o->alpha,
                       qa_report_label(report, o->one_sided ? "one-sided" : "two-sided"),
                       qa_report_label(report, "p adj."), adjust, o->durable_years));
    qa_table_add_note(
        report, table,
        qa_report_label(report, o->member_se
                                    ? "p decides with member-robust standard errors (--se "
                                      "member): cases sharing a member are dependent."
                                    : "p decides with model-based standard errors (--se model); "
                                      "Member p allows for cases sharing members."));
    qa_table_add_note(
        report, table,
        qa_report_label(report, "Detectable OR (80%): the smallest odds ratio the test had 80% "
                                "power to detect at the level of the verdict rule; empty when "
                                "none in range. A property of the design, not of the estimate."));
    size_t fewest = fewest_clusters(results);
    if (fewest > 0 && fewest < 30)
        qa_table_add_note(
            report, table,
            qa_report_text(report, "%s (%zu)",
                           qa_report_label(report,
                                           "Fewer than 30 clusters: member-robust (sandwich) "
                                           "standard errors are biased downward with few "
                                           "clusters; read Member p with caution"),
                           fewest));
    qa_table_add_note(report, table,
                      qa_report_label(report, "Click a community sense to open its model."));
}

/* One row per column of the Summary: what it means (METHODS §4.5, §6). */
static qa_status legend_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {"Column", "Meaning"};
    bool cox = results->options.durability == QA_DURABILITY_COX;
    const char *const rows[][2] = {
        {"Hypothesis in words", "The source paper's hypothesis (section 3), this outcome's half."},
        {"Source column(s)",
         "The dataset column(s) the measure is read from; several form a composite (mean of "
         "z-scores)."},
        {"Model", "The model whose estimate decides the verdict: logit (ML or Firth's penalized "
                  "likelihood, used when the data are separated) or Cox."},
        {"B", "The measure's coefficient in that model: log odds ratio (logit) or log hazard "
              "ratio (Cox)."},
        {"95% CI of B", "Wald interval; profile-likelihood interval for a Firth fit."},
        {"OR / HR", "exp(B): odds ratio (logit) or hazard ratio (Cox; HR < 1 = more durable), "
                    "with its 95% CI."},
        {"OR / HR per SD",
         "exp(B × SD): the odds or hazard ratio for one standard deviation of the measure (SD "
         "with n − 1 on the model's cases), with its 95% CI (the CI of B times SD); comparable "
         "across measures on different scales."},
        {"Detectable OR (80%)",
         "The smallest odds ratio the test had 80% power to detect at the level of the verdict "
         "rule (a property of the design); empty when none in range."},
        {"p", "Two-sided p of B (one-sided under --sided one)."},
        {"Member p", "p with member-robust standard errors: cases that share a member are "
                     "dependent (--se member makes it decide)."},
        {"p adj.", "p adjusted over the testable tests of the ten (--adjust)."},
        {"Joint", "The verdict of the same rule on the measure in the joint model of all five "
                  "measures (plus controls)."},
        {"Spearman", "The verdict of the same rule on Spearman's rho."},
        {cox ? "Logit" : "Cox",
         cox ? "Durability: the verdict of the same rule on the T-year logit."
             : "Durability: the verdict of the same rule on -B of the Cox model (HR < 1 "
               "supports)."},
        {"Alternative verdicts",
         "An alternative that reads contradicted (red) found a significant effect against the "
         "hypothesis; empty = the test has no such specification or is not testable."},
        {"Stable (k) / of m", "The verdict holds in k of the m specifications of the Robustness "
                              "sheet (primary included)."},
        {"Fragile", "Few cases: min(events, non-events) < 10 or fewer than 10 events per "
                    "variable; read the verdict with care."},
        {"Why not testable", "Fewer than 10 usable cases, no variation, or a model that could "
                             "not be fitted."},
    };
    qa_table *table = qa_report_add_table(report, sheet, "Legend", 2, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->columns[1].wrap = true;
    table->columns[1].width = 90;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_report_label(report, rows[i][0]));
        row[1] = qa_cell_text(qa_report_label(report, rows[i][1]));
    }
    return QA_OK;
}

/* The five hypotheses in the paper's words, English and Chinese side by side. */
static qa_status hypotheses_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    static const char *const headers[] = {
        "Hypothesis",           "Community sense", "Source column(s)", "Formation (English)",
        "Durability (English)", "形成 (中文)",     "持久性 (中文)"};
    qa_table *table = qa_report_add_table(report, sheet, "The hypotheses", 7, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int c = 3; c < 7; c++) {
        table->columns[c].wrap = true;
        table->columns[c].width = c < 5 ? 45 : 30;
    }
    for (int k = 0; k < QA_HYPOTHESIS_COUNT; k++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(k));
        row[1] = qa_cell_text(qa_label_measure(report->language, k));
        row[2] = qa_cell_text(results->measure_source[k][0] ? results->measure_source[k] : NULL);
        row[3] = qa_cell_text(wording_en[k][QA_OUTCOME_FORMATION]);
        row[4] = qa_cell_text(wording_en[k][QA_OUTCOME_DURABILITY]);
        row[5] = qa_cell_text(wording_zh[k][QA_OUTCOME_FORMATION]);
        row[6] = qa_cell_text(wording_zh[k][QA_OUTCOME_DURABILITY]);
    }
    return QA_OK;
}

static qa_status summary_table(qa_report *report, qa_sheet *sheet, const qa_results *results)
{
    bool cox = results->options.durability == QA_DURABILITY_COX;
    const char *headers[SUMMARY_COLUMNS] = {
        [SUMMARY_HYPOTHESIS] = "Hypothesis",
        [SUMMARY_SENSE] = "Community sense",
        [SUMMARY_OUTCOME] = "Outcome",
        [SUMMARY_WORDING] = "Hypothesis in words",
        [SUMMARY_SOURCE] = "Source column(s)",
        [SUMMARY_MODEL] = "Model",
        [SUMMARY_N] = "n",
        [SUMMARY_B] = "B",
        [SUMMARY_B_CI] = "95% CI of B",
        [SUMMARY_RATIO] = "OR / HR",
        [SUMMARY_RATIO_CI] = "95% CI of OR / HR",
        [SUMMARY_RATIO_SD] = "OR / HR per SD",
        [SUMMARY_RATIO_SD_CI] = "95% CI per SD",
        [SUMMARY_DETECTABLE] = "Detectable OR (80%)",
        [SUMMARY_P] = "p",
        [SUMMARY_MEMBER_P] = "Member p",
        [SUMMARY_P_ADJUSTED] = "p adj.",
        [SUMMARY_VERDICT] = "Verdict",
        [SUMMARY_JOINT] = "Joint",
        [SUMMARY_SPEARMAN] = "Spearman",
        [SUMMARY_OTHER] = cox ? "Logit" : "Cox",
        [SUMMARY_STABLE] = "Stable (k)",
        [SUMMARY_OF_M] = "of m",
        [SUMMARY_FRAGILE] = "Fragile",
        [SUMMARY_REASON] = "Why not testable",
    };
    qa_table *table =
        qa_report_add_table(report, sheet, "The ten hypothesis tests", SUMMARY_COLUMNS, headers);
    if (!table)
        return QA_ERR_MEMORY;
    table->anchor = "summary";
    table->filter = table->freeze = true;
    table->columns[SUMMARY_P].significance = table->columns[SUMMARY_P_ADJUSTED].significance = true;
    table->columns[SUMMARY_MEMBER_P].significance = true;
    table->columns[SUMMARY_VERDICT].verdict = true;
    table->columns[SUMMARY_JOINT].verdict = table->columns[SUMMARY_SPEARMAN].verdict =
        table->columns[SUMMARY_OTHER].verdict = true;
    table->columns[SUMMARY_WORDING].wrap = true;
    table->columns[SUMMARY_WORDING].width = 40;
    table->columns[SUMMARY_REASON].wrap = true;
    table->columns[SUMMARY_REASON].width = 40;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        summary_row(report, results, &results->tests[i], row);
    }
    summary_notes(report, table, results);
    return QA_OK;
}

/* Terminal form: short headers, OR instead of B, flags in one short column. */
qa_status qa_report_compact_table(qa_report *report, qa_sheet *sheet, const char *title,
                                  const qa_results *results)
{
    bool cox_decides = results->options.durability == QA_DURABILITY_COX;
    const char *const headers[] = {"",  "measure", "outcome", "n",   cox_decides ? "OR/HR" : "OR",
                                   "p", "p adj.",  "verdict", "k/m", "",  "MDE"};
    qa_table *table = qa_report_add_table(report, sheet, NULL, 11, headers);
    if (table)
        table->title = title;
    if (!table)
        return QA_ERR_MEMORY;
    bool any_per_sd = false;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        const qa_test_result *t = &results->tests[i];
        const qa_model_result *model = deciding_model(results, t);
        const qa_term_result *term =
            t->testable ? qa_report_measure_term(model, t->hypothesis) : NULL;
        const qa_robustness *r = &results->robustness[i];
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        row[0] = qa_cell_text(qa_hypothesis_id(t->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, t->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, t->outcome));
        row[3] = qa_cell_count(t->n);
        row[4] = qa_cell_number(term ? term->ratio : NAN, QA_FORMAT_RATIO);
        /* a measure of type interval: its ratio (and MDE) per SD (METHODS §4.14) */
        bool per_sd = term && term->interval && isfinite(term->ratio_sd);
        if (per_sd)
            row[4] = qa_cell_number(term->ratio_sd, QA_FORMAT_RATIO);
        any_per_sd |= per_sd;
        row[5] = qa_cell_number(t->p, QA_FORMAT_P);
        row[6] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
        row[7] = verdict_cell(report, t);
        if (results->robustness_done && t->testable && r->specification_count > 0)
            row[8] = qa_cell_text(
                qa_report_text(report, "%zu/%zu", r->stable_k, r->specification_count));
        bool firth = model && model->available && model->kind == QA_MODEL_LOGIT &&
                     model->method == QA_LOGIT_FIRTH;
        bool cox = t->decided_by == QA_MODEL_COX;
        bool fragile = t->testable && t->fragile;
        row[9] = qa_cell_text(qa_report_text(report, "%s%s%s%s", firth ? "F" : "", cox ? "C" : "",
                                             per_sd ? "S" : "", fragile ? "!" : ""));
        /* "not supported, but only an OR above 6 could have been seen" (issue 11 §2) */
        double mde = per_sd ? t->mde.ratio_sd : t->mde.ratio;
        if (t->verdict == QA_VERDICT_NOT_SUPPORTED && !cox)
            row[10] = isnan(mde) ? qa_cell_text(qa_report_label(report, "none"))
                                 : qa_cell_text(qa_report_text(report, ">%.2f", mde));
    }
    const qa_analysis_options *o = &results->options;
    qa_table_add_note(report, table,
                      qa_report_label(report, "F = Firth penalized likelihood fit; ! = fragile "
                                              "(small sample); k/m = stable in k of m "
                                              "specifications; MDE = for a verdict not "
                                              "supported, the smallest OR the test had 80% "
                                              "power to detect."));
    if (cox_decides)
        qa_table_add_note(report, table,
                          qa_report_label(report, "C = durability decided by the Cox model "
                                                  "(HR < 1 supports; --durability cox)."));
    if (any_per_sd)
        qa_table_add_note(report, table,
                          qa_report_label(report, "S = a measure of type interval: OR and MDE "
                                                  "per standard deviation of the measure."));
    qa_table_add_note(
        report, table,
        qa_report_text(report, "%s: %s; alpha %g, %s; T = %d", qa_report_label(report, "p adj."),
                       o->adjust == QA_ADJUST_HOLM ? "Holm"
                       : o->adjust == QA_ADJUST_BH ? "Benjamini-Hochberg"
                                                   : "none",
                       o->alpha, qa_report_label(report, o->one_sided ? "one-sided" : "two-sided"),
                       o->durable_years));
    return QA_OK;
}

static void group_headers(qa_report *report, const qa_group_results *groups, const char **headers)
{
    size_t c = 0;
    headers[c++] = "Hypothesis";
    headers[c++] = "Community sense";
    headers[c++] = "Outcome";
    for (size_t g = 0; g < groups->group_count; g++) {
        const char *name = groups->group_names[g];
        headers[c++] = qa_report_text(report, "%s: n", name);
        headers[c++] = qa_report_text(report, "%s: B", name);
        headers[c++] = qa_report_text(report, "%s: %s", name, qa_report_label(report, "p adj."));
        headers[c++] = qa_report_text(report, "%s: %s", name, qa_report_label(report, "Verdict"));
        if (g > 0) {
            headers[c++] =
                qa_report_text(report, "%s: %s", name, qa_report_label(report, "Difference z"));
            headers[c++] =
                qa_report_text(report, "%s: %s", name, qa_report_label(report, "Difference p"));
        }
    }
}

static qa_status group_table(qa_report *report, qa_sheet *sheet, const qa_group_results *groups)
{
    enum { MAX_GROUPS = 16 };
    size_t group_count = groups->group_count < MAX_GROUPS ? groups->group_count : MAX_GROUPS;
    const char *headers[3 + MAX_GROUPS * 6];
    qa_group_results shown = *groups;
    shown.group_count = group_count;
    group_headers(report, &shown, headers);
    size_t columns = 3 + group_count * 4 + (group_count - 1) * 2;
    qa_table *table = qa_report_add_table(report, sheet, "Groups side by side", columns, headers);
    if (!table)
        return QA_ERR_MEMORY;
    for (int i = 0; i < QA_TEST_COUNT; i++) {
        qa_cell *row = qa_table_add_row(report, table);
        if (!row)
            return QA_ERR_MEMORY;
        const qa_test_result *first = &groups->groups[0].tests[i];
        row[0] = qa_cell_text(qa_hypothesis_id(first->hypothesis));
        row[1] = qa_cell_text(qa_label_measure(report->language, first->hypothesis));
        row[2] = qa_cell_text(qa_label_outcome(report->language, first->outcome));
        size_t c = 3;
        for (size_t g = 0; g < group_count; g++) {
            const qa_test_result *t = &groups->groups[g].tests[i];
            table->columns[c + 2].significance = true;
            table->columns[c + 3].verdict = true;
            row[c++] = qa_cell_count(t->n);
            row[c++] = qa_cell_number(t->b, QA_FORMAT_DECIMAL3);
            row[c++] = qa_cell_number(t->p_adjusted, QA_FORMAT_P);
            row[c++] = qa_cell_verdict(report, t->verdict);
            if (g > 0) {
                table->columns[c + 1].significance = true;
                row[c++] = qa_cell_number(groups->difference_z[g][i], QA_FORMAT_DECIMAL3);
                row[c++] = qa_cell_number(groups->difference_p[g][i], QA_FORMAT_P);
            }
        }
    }
    qa_table_add_note(
        report, table,
        qa_report_label(report,
                        "Difference z tests compare each group's B with the first group's."));
    qa_table_add_note(report, table, qa_report_text(report, "--by %s", groups->column));
    return QA_OK;
}

qa_status qa_report_summary_sheet(qa_report *report, const qa_results *results,
                                  const qa_group_results *groups)
{
    qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
    qa_status status = summary_table(report, sheet, results);
    if (status == QA_OK && groups && groups->group_count > 0 && groups->groups)
        status = group_table(report, sheet, groups);
    if (status == QA_OK)
        status = legend_table(report, sheet, results);
    if (status == QA_OK)
        status = hypotheses_table(report, sheet, results);
    return status;
}

qa_status qa_report_build_summary(const qa_results *results, bool compact, qa_report *report,
                                  qa_error *error)
{
    qa_status status;
    if (compact) {
        qa_sheet *sheet = qa_report_add_sheet(report, qa_report_label(report, "Summary"));
        status = qa_report_compact_table(report, sheet, NULL, results);
    } else {
        status = qa_report_summary_sheet(report, results, NULL);
    }
    if (status == QA_OK && report->out_of_memory)
        status = QA_ERR_MEMORY;
    if (status != QA_OK)
        return qa_error_set(error, status, NULL, 0, NULL, NULL,
                            "out of memory laying out the summary");
    return QA_OK;
}
