/* influence.h (internal to src/analysis): case influence (docs/METHODS.md §6.3) — which single
 * case, and which shared member (all the cases that name it), changes a verdict when left
 * out — computed exactly on the distinct rows of each test's sample instead of by rerunning
 * the analysis once per removal.
 *
 * The verdicts need only the ten univariate logits (docs/METHODS.md §4.5), and a univariate logit
 * depends on its sample only through the distinct (measure, outcome) rows and their counts
 * (frequency weights, logit.h). Leaving a case out is therefore a weight decrement on its
 * distinct row in each test it is in, and leaving a member out subtracts the weights of its
 * cases' rows; composites are re-standardised on the remaining rows from the indicators'
 * running sums. Cases whose rows are identical in every test give the same rerun, so one
 * fit per (test, distinct row) covers all cases. */
#ifndef QAREPORT_ANALYSIS_INFLUENCE_H
#define QAREPORT_ANALYSIS_INFLUENCE_H

#include "frame.h"

/* Work above this many cell-fits (a fit on c distinct rows costs c + a fixed overhead of
 * QA_INFLUENCE_FIT_OVERHEAD) is not started; the part that would exceed it (leave-one-case-out
 * or leave-one-member-out) is skipped with a warning naming its size. Coded data never come
 * near it (ten tests of at most 512 distinct rows: a few million); continuous measures on
 * several thousand cases can. */
enum { QA_INFLUENCE_WORK_LIMIT = 100000000, QA_INFLUENCE_FIT_OVERHEAD = 200 };

/* Fills results->robustness[t].flipping_cases for the frame the primary analysis used:
 * first the ids of the cases (in file order) whose removal alone changes test t's verdict,
 * then "member:<name>" for each member named in at least two analysed cases (in order of
 * first appearance) whose removal (every case naming it, analysed or not, also out of the
 * composites' standardisation) changes it. Each removal's verdicts are those of a full rerun
 * of the primary analysis without those cases, the multiplicity adjustment included.
 * A removal that leaves an indicator of a composite without variation makes that composite's
 * tests not testable (a full rerun could not z-score it). Cost: one pass over the rows and
 * the members' lists, then one small fit per (test, distinct row) and per (member, test). */
qa_status qa_influence_fill(const qa_dataset *dataset, const qa_analysis_options *options,
                            const qa_frame *frame, qa_results *results, qa_error *error);

#endif
