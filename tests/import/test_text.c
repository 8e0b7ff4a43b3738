/* The importer's low-level text checks: the number parser (its fast path must give exactly
 * what strtod gives), UTF-8 validation (RFC 3629) and the ASCII pre-scan; SHA-256 (FIPS
 * 180-4 test vectors). */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/import/import_internal.h"
#include "qareport/sha256.h"

static int parse(const char *text, double *value)
{
    return qa_parse_number(text, strlen(text), value);
}

static void test_numbers(void **state)
{
    (void)state;
    double v;
    assert_true(parse("3", &v) && v == 3.0);
    assert_true(parse("-2.5", &v) && v == -2.5);
    assert_true(parse("+4", &v) && v == 4.0);
    assert_true(parse(" 7\t", &v) && v == 7.0);
    assert_true(parse("0.1", &v) && v == 0.1);
    assert_true(parse("1e3", &v) && v == 1000.0);
    assert_true(parse(".5", &v) && v == 0.5);
    assert_true(parse("5.", &v) && v == 5.0);
    assert_true(parse("12345678901234567890", &v) && v == 12345678901234567890.0);
    static const char *const rejected[] = {"",    "-",   ".",   "abc", "1.2.3", "0x10", "inf",
                                           "nan", "1,5", "3 4", "1e",  "--1",   "1e999"};
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
        if (parse(rejected[i], &v))
            fail_msg("'%s' parsed as %g", rejected[i], v);
}

/* Random decimals with up to 15 significant digits: the fast path is bit-identical to
 * strtod (Clinger 1990). */
static void test_numbers_match_strtod(void **state)
{
    (void)state;
    unsigned long long seed = 12345;
    for (int i = 0; i < 20000; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        int digits = 1 + (int)((seed >> 33) % 15);
        int point = (int)((seed >> 40) % (unsigned)(digits + 1));
        char text[40];
        size_t n = 0;
        if ((seed >> 20) & 1)
            text[n++] = '-';
        unsigned long long s = seed;
        for (int d = 0; d < digits; d++) {
            if (d == point && d > 0)
                text[n++] = '.';
            text[n++] = (char)('0' + (s % 10));
            s = s / 10 + (s >> 50) * 7;
        }
        text[n] = '\0';
        double fast, reference = strtod(text, NULL);
        assert_true(qa_parse_number(text, n, &fast));
        if (memcmp(&fast, &reference, sizeof fast) != 0)
            fail_msg("%s: %.17g != strtod %.17g", text, fast, reference);
    }
}

static size_t invalid_at(const char *bytes)
{
    return qa_utf8_invalid_offset((const unsigned char *)bytes, strlen(bytes));
}

static void test_utf8(void **state)
{
    (void)state;
    assert_int_equal(invalid_at("plain"), 5);
    assert_int_equal(invalid_at("\xe7\xbe\x8e\xe5\x9b\xbd"), 6); /* 美国 */
    assert_int_equal(invalid_at("a\xf0\x9f\x98\x80z"), 6);       /* U+1F600 */
    assert_int_equal(invalid_at("ab\xc0\x80"), 2);               /* overlong NUL */
    assert_int_equal(invalid_at("\xe0\x80\xaf"), 0);             /* overlong '/' */
    assert_int_equal(invalid_at("x\xed\xa0\x80"), 1);            /* surrogate U+D800 */
    assert_int_equal(invalid_at("\xf4\x90\x80\x80"), 0);         /* above U+10FFFF */
    assert_int_equal(invalid_at("abc\xe7\xbe"), 3);              /* truncated */
    assert_int_equal(invalid_at("\xff"), 0);
    assert_int_equal(invalid_at("\x80"), 0); /* lone continuation */
    assert_int_equal(qa_utf8_invalid_offset((const unsigned char *)"ab\0c", 4), 2); /* NUL */
    assert_false(qa_text_needs_encoding_check((const unsigned char *)"0123456789abcdefg,h", 19));
    assert_true(qa_text_needs_encoding_check((const unsigned char *)"0123456789\xc3\xa9", 12));
    assert_true(qa_text_needs_encoding_check((const unsigned char *)"01234567\0", 9));
    assert_true(qa_text_needs_encoding_check((const unsigned char *)"0\0", 2));
}

static void test_sha256(void **state)
{
    (void)state;
    qa_sha256 hash;
    char hex[65];
    /* FIPS 180-4 / NIST examples: "abc" and the empty message */
    qa_sha256_init(&hash);
    qa_sha256_update(&hash, "abc", 3);
    qa_sha256_hex(&hash, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    qa_sha256_init(&hash);
    qa_sha256_hex(&hash, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    qa_error error;
    /* sha256sum tests/data/good/base.csv (coreutils) */
    assert_int_equal(qa_sha256_file("tests/data/good/base.csv", hex, &error), QA_OK);
    assert_string_equal(hex, "cd9aa9cd7c7b0cf50c18b40209d9969b1ad6c7b57b18bdf075a5a054075adc5a");
    assert_int_equal(qa_sha256_file("tests/data/good/none.csv", hex, &error), QA_ERR_IO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_numbers_match_strtod),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_sha256),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
