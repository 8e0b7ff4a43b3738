/* whole.h: a double truncated to a whole number without a jump, for the passes over every
 * case that number coded values (a measure's code, a duration in years). Such a pass keeps
 * or drops each case; written as a select between the conversion and 0, the compiler turns
 * the choice into a jump (converting NaN is undefined in C), which a sample holding half the
 * cases at random mispredicts half the time: the durability samples took twice as long. */
#ifndef QAREPORT_WHOLE_H
#define QAREPORT_WHOLE_H

#include <stdbool.h>
#include <stdint.h>

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

/* (int64_t)v when keep, else 0; v may be NaN or out of range when keep is false. */
static inline int64_t qa_whole_or_zero(double v, bool keep)
{
#if defined(__SSE2__) && defined(__x86_64__)
    int64_t whole = _mm_cvttsd_si64(_mm_set_sd(v)); /* NaN, out of range: INT64_MIN */
    return whole & -(int64_t)keep;
#else
    return keep ? (int64_t)v : 0;
#endif
}

#endif
