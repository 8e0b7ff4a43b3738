/* The output text sanitiser (issue 15): ill-formed UTF-8 of every kind becomes U+FFFD (one per
 * maximal subpart, Unicode §3.9), control characters go, and the limit is kept on a character
 * boundary with the visible mark. */
#include "test_support.h"

#include "qareport/text_clean.h"

#include <stdlib.h>
#include <string.h>

#define FFFD "\xEF\xBF\xBD"

static void expect_clean(const char *input, const char *expected)
{
    char *out = qa_text_clean(input, QA_TEXT_NO_LIMIT);
    assert_non_null(out);
    assert_string_equal(out, expected);
    assert_true(qa_text_is_clean(out, QA_TEXT_NO_LIMIT));
    assert_int_equal(qa_text_is_clean(input, QA_TEXT_NO_LIMIT), strcmp(input, expected) == 0);
    free(out);
}

static void test_valid_text_is_unchanged(void **state)
{
    (void)state;
    expect_clean("", "");
    expect_clean("plain ASCII, tab\there\r\nand lines", "plain ASCII, tab\there\r\nand lines");
    expect_clean("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 " FFFD,
                 "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x98\x80 " FFFD);
    /* the edges of the valid ranges */
    expect_clean("\xC2\xA0\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80"
                 "\xF4\x8F\xBF\xBF",
                 "\xC2\xA0\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80"
                 "\xF4\x8F\xBF\xBF");
}

static void test_overlong_forms(void **state)
{
    (void)state;
    expect_clean("a\xC0\xAF"
                 "b",
                 "a" FFFD FFFD "b");              /* overlong '/' */
    expect_clean("\xC1\xBF", FFFD FFFD);          /* C1 lead */
    expect_clean("\xE0\x80\xAF", FFFD FFFD FFFD); /* E0 80: overlong */
    expect_clean("\xE0\x9F\xBF", FFFD FFFD FFFD);
    expect_clean("\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD); /* F0 80: overlong */
    expect_clean("\xF0\x8F\xBF\xBF", FFFD FFFD FFFD FFFD);
}

static void test_surrogates_and_out_of_range(void **state)
{
    (void)state;
    expect_clean("\xED\xA0\x80", FFFD FFFD FFFD);                            /* U+D800 */
    expect_clean("\xED\xBF\xBF", FFFD FFFD FFFD);                            /* U+DFFF */
    expect_clean("\xED\xA0\xBD\xED\xB8\x80", FFFD FFFD FFFD FFFD FFFD FFFD); /* CESU-8 pair */
    expect_clean("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD);                   /* U+110000 */
    expect_clean("\xF5\x80\x80\x80", FFFD FFFD FFFD FFFD);
    expect_clean("\xFE\xFF", FFFD FFFD);
    expect_clean("\xEF\xBF\xBE|\xEF\xBF\xBF", FFFD "|" FFFD); /* noncharacters XML forbids */
}

static void test_cut_sequences(void **state)
{
    (void)state;
    /* a sequence cut short is one U+FFFD; the byte that cut it starts anew */
    expect_clean("ab\xE6\x97", "ab" FFFD);
    expect_clean("ab\xF0\x9F\x98", "ab" FFFD);
    expect_clean("\xF0\x9F\x98"
                 "x",
                 FFFD "x");
    expect_clean("\xE6\x97\xE6\x97\xA5", FFFD "\xE6\x97\xA5");
    expect_clean("\xC3", FFFD);
    expect_clean("\x80\xBF", FFFD FFFD); /* lone continuation bytes */
}

static void test_control_characters_go(void **state)
{
    (void)state;
    expect_clean("a\x01\x02\x1B[31mb\x7F"
                 "c",
                 "a[31mbc");
    expect_clean("x\xC2\x9B"
                 "y\xC2\x85z",
                 "xyz"); /* C1 controls: CSI, NEL */
    expect_clean("keep\ttab\nlf\rcr", "keep\ttab\nlf\rcr");
}

static void test_limit_with_mark(void **state)
{
    (void)state;
    char out[64];
    /* 20 characters fit a limit of 20 */
    qa_text_clean_into(out, sizeof out, "abcdefghijklmnopqrst", 20);
    assert_string_equal(out, "abcdefghijklmnopqrst");
    /* 21 do not: 7 characters and the 13 of the mark */
    qa_text_clean_into(out, sizeof out, "abcdefghijklmnopqrstu", 20);
    assert_string_equal(out, "abcdefg" QA_TEXT_MARK);
    assert_false(qa_text_is_clean("abcdefghijklmnopqrstu", 20));
    /* a 4-byte character counts two (UTF-16), and is never split at the limit */
    qa_text_clean_into(out, sizeof out, "abcdef\xF0\x9F\x98\x80xxxxxxxxxxxxxxx", 20);
    assert_string_equal(out, "abcdef" QA_TEXT_MARK);
    qa_text_clean_into(out, sizeof out, "abcde\xF0\x9F\x98\x80xxxxxxxxxxxxxxx", 20);
    assert_string_equal(out, "abcde\xF0\x9F\x98\x80" QA_TEXT_MARK);
    /* exactly at the limit with a 4-byte character last: kept whole */
    qa_text_clean_into(out, sizeof out, "abcdefghijklmnopqr\xF0\x9F\x98\x80", 20);
    assert_string_equal(out, "abcdefghijklmnopqr\xF0\x9F\x98\x80");
    /* a byte-limited buffer cuts at a character boundary too */
    char small[20];
    qa_text_clean_into(small, sizeof small, "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5", 100);
    assert_string_equal(small, "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5");
    /* 22 bytes > 19: cut, room for 4 bytes (one character) and the 15 of the mark */
    qa_text_clean_into(small, sizeof small,
                       "\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5\xE6\x97\xA5"
                       "\xE6\x97\xA5\xE6\x97\xA5x",
                       100);
    assert_string_equal(small, "\xE6\x97\xA5" QA_TEXT_MARK);
    /* no room for the mark: a plain cut, still on a boundary */
    char tiny[5];
    qa_text_clean_into(tiny, sizeof tiny, "\xE6\x97\xA5\xE6\x97\xA5", 100);
    assert_string_equal(tiny, "\xE6\x97\xA5");
}

static void test_cell_limit(void **state)
{
    (void)state;
    size_t n = 40000;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, 'a', n);
    text[n] = '\0';
    char *owned;
    const char *view = qa_text_clean_view(text, QA_TEXT_CELL_LIMIT, &owned);
    assert_non_null(owned);
    assert_ptr_equal(view, owned);
    assert_int_equal(strlen(view), QA_TEXT_CELL_LIMIT - 13 + sizeof QA_TEXT_MARK - 1);
    assert_true(qa_text_is_clean(view, QA_TEXT_CELL_LIMIT));
    free(owned);
    text[QA_TEXT_CELL_LIMIT] = '\0';
    view = qa_text_clean_view(text, QA_TEXT_CELL_LIMIT, &owned);
    assert_null(owned);
    assert_ptr_equal(view, text);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_text_is_unchanged),
        cmocka_unit_test(test_overlong_forms),
        cmocka_unit_test(test_surrogates_and_out_of_range),
        cmocka_unit_test(test_cut_sequences),
        cmocka_unit_test(test_control_characters_go),
        cmocka_unit_test(test_limit_with_mark),
        cmocka_unit_test(test_cell_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
