/* The JSON writer: commas, nesting, escaping, null for non-finite numbers; read back by the
 * test flattener (which the end-to-end tests rely on). */
#include "test_support.h"
#include "json_flat.h"

#include "render/json_writer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *write_sample(void)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    qa_json_writer w;
    qa_json_init(&w, out);
    qa_json_begin_object(&w);
    qa_json_key_string(&w, "name", "a \"quoted\"\nline");
    qa_json_key_number(&w, "x", 0.1);
    qa_json_key_number(&w, "missing", NAN);
    qa_json_key_number(&w, "negative_zero", -0.0);
    qa_json_key_pair(&w, "ci", -1.5, INFINITY);
    qa_json_key(&w, "tests");
    qa_json_begin_array(&w);
    qa_json_begin_object(&w);
    qa_json_key_string(&w, "hypothesis", "H1");
    qa_json_key_string(&w, "outcome", "formation");
    qa_json_key_bool(&w, "ok", true);
    qa_json_end_object(&w);
    qa_json_begin_object(&w);
    qa_json_key_string(&w, "term", "(Intercept)");
    qa_json_key_integer(&w, "n", 42);
    qa_json_end_object(&w);
    qa_json_end_array(&w);
    qa_json_end_object(&w);
    fclose(out);
    return text;
}

static void test_writer_output_is_exact(void **state)
{
    (void)state;
    char *text = write_sample();
    assert_string_equal(text, "{\"name\":\"a \\\"quoted\\\"\\nline\",\"x\":0.1,\"missing\":null,"
                              "\"negative_zero\":0,\"ci\":[-1.5,null],\"tests\":[{\"hypothesis\":"
                              "\"H1\",\"outcome\":\"formation\",\"ok\":true},{\"term\":"
                              "\"(Intercept)\",\"n\":42}]}\n");
    free(text);
}

static void test_flattener_names_elements(void **state)
{
    (void)state;
    char *text = write_sample();
    qa_flat flat;
    assert_int_equal(qa_flat_parse(text, &flat, NULL), 0);
    const qa_flat_entry *e = qa_flat_find(&flat, "tests.H1.formation.ok");
    assert_non_null(e);
    assert_string_equal(e->value, "true");
    e = qa_flat_find(&flat, "tests.(Intercept).n");
    assert_non_null(e);
    assert_string_equal(e->value, "42");
    e = qa_flat_find(&flat, "ci.1");
    assert_non_null(e);
    assert_string_equal(e->value, "null");
    e = qa_flat_find(&flat, "name");
    assert_non_null(e);
    assert_true(e->is_string);
    assert_string_equal(e->value, "a \"quoted\"\nline");
    qa_flat_free(&flat);
    free(text);
}

static void test_flattener_rejects_garbage(void **state)
{
    (void)state;
    qa_flat flat;
    assert_int_not_equal(qa_flat_parse("{\"a\":", &flat, NULL), 0);
    qa_flat_free(&flat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writer_output_is_exact),
        cmocka_unit_test(test_flattener_names_elements),
        cmocka_unit_test(test_flattener_rejects_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
