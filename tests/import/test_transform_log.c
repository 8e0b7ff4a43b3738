/* The codebook transforms log and log1p (docs/CODEBOOK.md): log(x) for x > 0 and log(1 + x)
 * for x > -1, each its own function; a value outside the domain is an error naming the case.
 * Expected values are the closed forms: log(e) = 1, log(1 + 0) = 0, log(1 + e - 1) = 1. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static const char codebook_text[] = "column,role,type,min,max,missing,label,transform,constant\n"
                                    "case_id,id,text,,,,,,\n"
                                    "formed,formed,binary,,,,,,\n"
                                    "security,measure:security,ordinal,,,,,,\n"
                                    "political,measure:political,ordinal,,,,,,\n"
                                    "economic,measure:economic,ordinal,,,,,,\n"
                                    "cognitive,measure:cognitive,ordinal,,,,,,\n"
                                    "value,measure:value,ordinal,,,,,,\n"
                                    "gdp,control,interval,,,,,log,\n"
                                    "trade,control,interval,,,,,log1p,\n";

static qa_status import_text(const char *data, qa_dataset *d, char *first, size_t size)
{
    char *dir = qa_test_temp_dir();
    char data_path[4096], codebook_path[4096];
    snprintf(data_path, sizeof data_path, "%s/data.csv", dir);
    snprintf(codebook_path, sizeof codebook_path, "%s/codebook.csv", dir);
    assert_int_equal(qa_test_write_file(data_path, data), 0);
    assert_int_equal(qa_test_write_file(codebook_path, codebook_text), 0);
    qa_codebook codebook;
    qa_error error;
    if (qa_codebook_read(codebook_path, &codebook, &error) != QA_OK)
        fail_msg("codebook: %s", error.message);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_status status = qa_import_file(data_path, &codebook, NULL, d, &errors);
    first[0] = '\0';
    if (errors.count)
        snprintf(first, size, "%s", errors.items[0].message);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    qa_test_remove_tree(dir);
    free(dir);
    return status;
}

static void test_log_and_log1p(void **state)
{
    (void)state;
    char data[512];
    snprintf(data, sizeof data,
             "case_id,formed,security,political,economic,cognitive,value,gdp,trade\n"
             "A,1,1,2,3,4,1,%.17g,0\n"
             "B,0,2,2,3,4,1,1,%.17g\n"
             "C,1,3,2,3,4,1,100,9\n",
             exp(1.0), exp(1.0) - 1);
    qa_dataset d;
    char first[1024];
    if (import_text(data, &d, first, sizeof first) != QA_OK)
        fail_msg("%s", first);
    const qa_column *gdp = qa_dataset_column(&d, "gdp");
    assert_non_null(gdp);
    assert_close(gdp->values[0], 1.0);
    assert_true(gdp->values[1] == 0.0);
    assert_close(gdp->values[2], log(100.0));
    const qa_column *trade = qa_dataset_column(&d, "trade");
    assert_non_null(trade);
    assert_true(trade->values[0] == 0.0);
    assert_close(trade->values[1], 1.0);
    assert_close(trade->values[2], log(10.0));
    qa_dataset_free(&d);
}

static void test_log_domain(void **state)
{
    (void)state;
    qa_dataset d;
    char first[1024];
    qa_status status =
        import_text("case_id,formed,security,political,economic,cognitive,value,gdp,trade\n"
                    "A,1,1,2,3,4,1,0,0\n",
                    &d, first, sizeof first);
    assert_int_not_equal(status, QA_OK);
    if (!strstr(first, "transform log needs values above 0, not 0"))
        fail_msg("unexpected message: %s", first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_and_log1p),
        cmocka_unit_test(test_log_domain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
