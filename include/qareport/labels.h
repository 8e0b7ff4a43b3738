/* labels.h: the words of the workbook and terminal summary in English and Chinese, in one
 * table, so a label is translated once and every renderer shows the same term. Chinese uses
 * the source paper's terms (安全共同体 … 价值共同体, 形成, 持久性/临时性). */
#ifndef QAREPORT_LABELS_H
#define QAREPORT_LABELS_H

#include <stdbool.h>

#include "qareport/domain.h"

/* Language of labels in the workbook and terminal summaries. */
typedef enum { QA_LANG_EN = 0, QA_LANG_ZH = 1 } qa_language;

/* The label for `english` in `language`: the English text itself for QA_LANG_EN, its
 * Chinese entry for QA_LANG_ZH, or the English text when the table has none. */
const char *qa_label(qa_language language, const char *english);

/* True when the table has a Chinese entry for `english` (tests check coverage). */
bool qa_label_known(const char *english);

/* Paper's terms for a hypothesis' community sense and an outcome, and a verdict. */
const char *qa_label_measure(qa_language language,
                             qa_hypothesis hypothesis); /* "security" / 安全共同体 */
const char *qa_label_outcome(qa_language language, qa_outcome outcome);
const char *qa_label_verdict(qa_language language, qa_verdict verdict);

#endif
