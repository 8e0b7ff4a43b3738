/* Stata and SPSS files: written here with ReadStat's own writer, then read by qareport's
 * importer (format chosen by content, value labels as category levels, declared and tagged
 * missing values as missing, variable labels as labels, problems located by observation),
 * and turned into a codebook template. */
#include "test_support.h"

#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"

static ssize_t write_bytes(const void *data, size_t size, void *context)
{
    return (ssize_t)fwrite(data, 1, size, (FILE *)context);
}

enum { ROWS = 4 };
static const char *const ids[ROWS] = {"Q01", "Q02", "Q03", "Q04"};
static const int formed[ROWS] = {1, 0, 1, 1};
static const int years[ROWS] = {1945, 1979, 1990, 2001};
static const int era[ROWS] = {1, 1, 2, 2}; /* value labels: 1 cold, 2 post */
/* security: 9 is declared missing in the .sav (and tagged missing .a in the .dta) */
static const int security[ROWS] = {4, 9, 2, 3};
static const double trade[ROWS] = {0.5, 1.25, 3.0, 0.125};

/* A small case file: format "dta" or "sav"; bad_security puts 7 (out of 0-4) in row 2. */
static void write_file(const char *path, const char *format, int bad_security)
{
    FILE *file = fopen(path, "wb");
    assert_non_null(file);
    readstat_writer_t *w = readstat_writer_init();
    readstat_set_data_writer(w, write_bytes);
    readstat_label_set_t *era_labels = readstat_add_label_set(w, READSTAT_TYPE_INT32, "eralbl");
    readstat_label_int32_value(era_labels, 1, "cold");
    readstat_label_int32_value(era_labels, 2, "post");
    readstat_variable_t *v_id = readstat_add_variable(w, "case_id", READSTAT_TYPE_STRING, 8);
    readstat_variable_t *v_formed = readstat_add_variable(w, "formed", READSTAT_TYPE_INT8, 0);
    readstat_variable_set_label(v_formed, "quasi-alliance formed");
    readstat_variable_t *v_start = readstat_add_variable(w, "start_year", READSTAT_TYPE_INT16, 0);
    readstat_variable_t *measures[5];
    static const char *const names[5] = {"security", "political", "economic", "cognitive", "value"};
    for (int k = 0; k < 5; k++)
        measures[k] = readstat_add_variable(w, names[k], READSTAT_TYPE_INT8, 0);
    readstat_variable_set_label(measures[0], "shared threat (0-4)");
    if (strcmp(format, "sav") == 0)
        readstat_variable_add_missing_double_value(measures[0], 9);
    readstat_variable_t *v_era = readstat_add_variable(w, "era", READSTAT_TYPE_INT32, 0);
    readstat_variable_set_label_set(v_era, era_labels);
    readstat_variable_set_label(v_era, "Cold War or after");
    readstat_variable_t *v_trade = readstat_add_variable(w, "trade", READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_label(v_trade, "trade share");
    if (strcmp(format, "dta") == 0)
        assert_int_equal(readstat_begin_writing_dta(w, file, ROWS), READSTAT_OK);
    else
        assert_int_equal(readstat_begin_writing_sav(w, file, ROWS), READSTAT_OK);
    for (int r = 0; r < ROWS; r++) {
        readstat_begin_row(w);
        readstat_insert_string_value(w, v_id, ids[r]);
        readstat_insert_int8_value(w, v_formed, (int8_t)formed[r]);
        readstat_insert_int16_value(w, v_start, (int16_t)years[r]);
        int s = bad_security && r == 2 ? 7 : security[r];
        if (s == 9 && strcmp(format, "dta") == 0)
            readstat_insert_tagged_missing_value(w, measures[0], 'a');
        else
            readstat_insert_int8_value(w, measures[0], (int8_t)s);
        for (int k = 1; k < 5; k++)
            readstat_insert_int8_value(w, measures[k], (int8_t)((r + k) % 5));
        readstat_insert_int32_value(w, v_era, era[r]);
        readstat_insert_double_value(w, v_trade, trade[r]);
        readstat_end_row(w);
    }
    assert_int_equal(readstat_end_writing(w), READSTAT_OK);
    readstat_writer_free(w);
    fclose(file);
}

static void check_dataset(const char *format_name, const char *extension)
{
    char *dir = qa_test_temp_dir();
    char path[512];
    /* the name says .csv: the content decides */
    snprintf(path, sizeof path, "%s/cases_%s.csv", dir, extension);
    write_file(path, extension, 0);
    qa_file_format format;
    qa_error error;
    assert_int_equal(qa_detect_format(path, &format, &error), QA_OK);
    assert_string_equal(qa_file_format_name(format), format_name);

    qa_codebook codebook;
    assert_int_equal(qa_codebook_default(&codebook, &error), QA_OK);
    for (size_t i = 0; i < codebook.count; i++)
        if (strcmp(codebook.entries[i].column, "security") == 0)
            codebook.entries[i].label[0] = '\0'; /* the file's variable label fills it */
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_dataset d;
    qa_status status = qa_import_file(path, &codebook, NULL, &d, &errors);
    if (status != QA_OK) {
        char text[1024] = "";
        if (errors.count)
            qa_error_format(&errors.items[0], text, sizeof text);
        fail_msg("%s", text);
    }
    assert_int_equal(d.rows, ROWS);
    assert_string_equal(d.format, format_name);
    assert_string_equal(qa_dataset_case_id(&d, 3), "Q04");
    const qa_column *s = qa_dataset_column(&d, "security");
    assert_non_null(s);
    assert_true(s->values[0] == 4.0 && s->values[2] == 2.0 && s->values[3] == 3.0);
    assert_true(isnan(s->values[1])); /* declared (.sav) or tagged (.dta) missing */
    assert_string_equal(s->entry.label, "shared threat (0-4)");
    const qa_column *f = qa_dataset_column(&d, "formed");
    assert_string_equal(f->entry.label, "1 = quasi-alliance formed"); /* the codebook's wins */
    assert_true(qa_dataset_column(&d, "start_year")->values[1] == 1979.0);
    const qa_column *e = qa_dataset_column(&d, "era");
    assert_int_equal(e->kind, QA_COLUMN_CATEGORY);
    assert_int_equal(e->level_count, 2);
    assert_string_equal(e->levels[0], "cold");
    assert_string_equal(e->levels[1], "post");
    assert_int_equal(e->codes[0], 0);
    assert_int_equal(e->codes[3], 1);
    assert_int_equal(d.unknown_count, 1);
    assert_string_equal(d.unknown_columns[0], "trade");
    assert_int_equal(strlen(d.sha256), 64);
    qa_dataset_free(&d);
    qa_error_list_free(&errors);

    /* a bad value is located by observation (+1 for the names line) and case */
    write_file(path, extension, 1);
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_import_file(path, &codebook, NULL, &d, &errors), QA_ERR_INPUT);
    assert_int_equal(errors.count, 1);
    char text[1024];
    qa_error_format(&errors.items[0], text, sizeof text);
    char expected[1024];
    snprintf(expected, sizeof expected, "%s:4:security: case Q03: '7' is out of range [0, 4]",
             path);
    assert_string_equal(text, expected);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    qa_test_remove_tree(dir);
    free(dir);
}

static void test_stata(void **state)
{
    (void)state;
    check_dataset("Stata", "dta");
}

static void test_spss(void **state)
{
    (void)state;
    check_dataset("SPSS", "sav");
}

static const qa_codebook_entry *entry(const qa_codebook *codebook, const char *column)
{
    const qa_codebook_entry *e = qa_codebook_find(codebook, column);
    if (!e)
        fail_msg("no template row for %s", column);
    return e;
}

static void test_template(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/cases.dta", dir);
    write_file(path, "dta", 0);
    qa_codebook codebook;
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    assert_int_equal(qa_codebook_template(path, NULL, &codebook, &errors), QA_OK);
    assert_int_equal(codebook.count, 10);
    assert_int_equal(entry(&codebook, "case_id")->role, QA_ROLE_ID);
    assert_int_equal(entry(&codebook, "security")->role, QA_ROLE_MEASURE);
    assert_string_equal(entry(&codebook, "security")->label, "shared threat (0-4)");
    assert_string_equal(entry(&codebook, "formed")->label, "quasi-alliance formed");
    const qa_codebook_entry *t = entry(&codebook, "trade");
    assert_int_equal(t->role, QA_ROLE_IGNORE);
    assert_int_equal(t->type, QA_TYPE_INTERVAL);
    assert_string_equal(t->label, "trade share");
    /* the template is a codebook that reads back and imports the file */
    char cb_path[512];
    snprintf(cb_path, sizeof cb_path, "%s/codebook.csv", dir);
    FILE *out = fopen(cb_path, "w");
    qa_codebook_write(&codebook, out);
    fclose(out);
    qa_codebook_free(&codebook);
    qa_error error;
    assert_int_equal(qa_codebook_read(cb_path, &codebook, &error), QA_OK);
    qa_dataset d;
    assert_int_equal(qa_import_file(path, &codebook, NULL, &d, &errors), QA_OK);
    assert_int_equal(d.rows, ROWS);
    qa_dataset_free(&d);
    qa_codebook_free(&codebook);

    /* a CSV file's template: types guessed from the text */
    snprintf(path, sizeof path, "%s/cases.csv", dir);
    assert_int_equal(qa_test_write_file(path, "case_id;rival;score;kind;start_year;gdp\n"
                                              "A;0;1;x;1990;1,5\nB;1;3;y;1991;2\n"
                                              "C;NA;2;x;2001;\n"),
                     0);
    assert_int_equal(qa_codebook_template(path, NULL, &codebook, &errors), QA_OK);
    assert_int_equal(codebook.count, 6);
    assert_int_equal(entry(&codebook, "rival")->type, QA_TYPE_BINARY);
    assert_int_equal(entry(&codebook, "score")->type, QA_TYPE_ORDINAL);
    assert_true(entry(&codebook, "score")->min == 1.0 && entry(&codebook, "score")->max == 3.0);
    assert_int_equal(entry(&codebook, "kind")->type, QA_TYPE_CATEGORY);
    assert_int_equal(entry(&codebook, "start_year")->role, QA_ROLE_START_YEAR);
    qa_codebook_free(&codebook);
    assert_int_equal(errors.count, 0);
    qa_error_list_free(&errors);
    qa_test_remove_tree(dir);
    free(dir);
}

/* The command line on a .dta: validate, a codebook template, and an Excel file refused. */
static void test_command_line(void **state)
{
    (void)state;
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/cases.dta", dir);
    write_file(path, "dta", 0);
    /* no end_year: the formed cases are ongoing, observed as of 2020 */
    const char *validate[] = {"validate", path, "--as-of", "2020", NULL};
    qa_test_run run = qa_test_run_program(validate);
    if (run.exit_code != 0)
        fail_msg("exit %d: %s", run.exit_code, run.err);
    assert_non_null(strstr(run.out, "4 cases (3 formed, 1 not formed"));
    qa_test_run_free(&run);
    const char *codebook[] = {"codebook", path, NULL};
    run = qa_test_run_program(codebook);
    assert_int_equal(run.exit_code, 0);
    assert_non_null(strstr(run.out, "\ntrade,ignore,interval,,,,trade share,,\n"));
    assert_non_null(strstr(run.out, "\nera,group,category,,,,Cold War or after,,\n"));
    qa_test_run_free(&run);
    snprintf(path, sizeof path, "%s/cases.xlsx", dir);
    FILE *file = fopen(path, "wb");
    static const char xlsx[] = "PK\x03\x04\x14\x00[Content_Types].xml xl/workbook.xml";
    fwrite(xlsx, 1, sizeof xlsx - 1, file);
    fclose(file);
    const char *analyze[] = {"analyze", path, NULL};
    run = qa_test_run_program(analyze);
    assert_int_equal(run.exit_code, 2);
    char expected[1024];
    snprintf(expected, sizeof expected,
             "qareport: %s: this is an Excel workbook (.xlsx), not CSV: in Excel use File > Save "
             "As > \"CSV UTF-8 (Comma delimited)\", or in R write.csv(readxl::read_excel(FILE), "
             "\"data.csv\", row.names = FALSE)\n",
             path);
    assert_string_equal(run.err, expected);
    qa_test_run_free(&run);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stata),
        cmocka_unit_test(test_spss),
        cmocka_unit_test(test_template),
        cmocka_unit_test(test_command_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
