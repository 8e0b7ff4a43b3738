/* What a researcher's own files bring: formats qareport cannot read (one line naming the type
 * and the fix), ';' and tab delimiters (detected or forced), other encodings through iconv,
 * lone-CR line ends, the codebook's transform / constant / several members columns, and the
 * former silent cases (an absent measure, a codebook row naming an absent column, a role
 * column blank in every row) as errors with a did-you-mean. Also: a header of 100,000 names
 * and a codebook of 100,000 rows are read in near-linear time. */
#include "test_support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qareport/codebook.h"
#include "qareport/dataset.h"
#include "qareport/import.h"
#include "qareport/sha256.h"

static const char header[] = "case_id,formed,security,political,economic,cognitive,value";

typedef struct {
    char *dir;
    char data[512], codebook[512];
} files;

static files make_files(const char *data_bytes, size_t data_size, const char *codebook_text)
{
    files f;
    f.dir = qa_test_temp_dir();
    snprintf(f.data, sizeof f.data, "%s/data.csv", f.dir);
    snprintf(f.codebook, sizeof f.codebook, "%s/codebook.csv", f.dir);
    FILE *file = fopen(f.data, "wb");
    assert_non_null(file);
    assert_int_equal(fwrite(data_bytes, 1, data_size, file), data_size);
    fclose(file);
    if (codebook_text)
        assert_int_equal(qa_test_write_file(f.codebook, codebook_text), 0);
    return f;
}

static void drop_files(files *f)
{
    qa_test_remove_tree(f->dir);
    free(f->dir);
}

/* Removes every "DIR/" from text (messages name files by their full path). */
static void strip_dir(char *text, const char *dir)
{
    size_t length = strlen(dir);
    for (char *at; (at = strstr(text, dir)) && at[length] == '/';)
        memmove(at, at + length + 1, strlen(at + length + 1) + 1);
}

/* Imports f with its codebook (or the default); returns the status, the first problem
 * formatted without the directory into first. */
static qa_status import(const files *f, int with_codebook, const qa_import_options *options,
                        qa_dataset *d, char *first, size_t first_size, size_t *count)
{
    qa_codebook codebook;
    qa_error error;
    qa_status status = with_codebook ? qa_codebook_read(f->codebook, &codebook, &error)
                                     : qa_codebook_default(&codebook, &error);
    if (status != QA_OK)
        fail_msg("codebook: %s", error.message);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    status = qa_import_file(f->data, &codebook, options, d, &errors);
    first[0] = '\0';
    if (errors.count) {
        char text[2048];
        qa_error_format(&errors.items[0], text, sizeof text);
        strip_dir(text, f->dir);
        snprintf(first, first_size, "%s", text);
    }
    if (count)
        *count = errors.count;
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    return status;
}

/* The text imported with the codebook (NULL: the default one); fails the test on any
 * problem. The caller frees d and drops the files. */
static files import_or_fail(const char *text, const char *codebook, qa_dataset *d)
{
    files f = make_files(text, strlen(text), codebook);
    char first[2048];
    if (import(&f, codebook != NULL, NULL, d, first, sizeof first, NULL) != QA_OK)
        fail_msg("%s", first);
    return f;
}

static void expect_error(const char *bytes, size_t size, const char *codebook_text,
                         const qa_import_options *options, const char *expected)
{
    files f = make_files(bytes, size, codebook_text);
    qa_dataset d;
    char first[2048];
    size_t count;
    assert_int_equal(import(&f, codebook_text != NULL, options, &d, first, sizeof first, &count),
                     QA_ERR_INPUT);
    if (strcmp(first, expected) != 0)
        fail_msg("expected\n  %s\ngot\n  %s", expected, first);
    drop_files(&f);
}

static void expect_text_error(const char *text, const char *codebook_text,
                              const qa_import_options *options, const char *expected)
{
    expect_error(text, strlen(text), codebook_text, options, expected);
}

static void test_unreadable_formats(void **state)
{
    (void)state;
    static const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"
                               "[Content_Types].xml xl/workbook.xml";
    expect_error(xlsx, sizeof xlsx - 1, NULL, NULL,
                 "data.csv: this is an Excel workbook (.xlsx), not CSV: in Excel use File > "
                 "Save As > \"CSV UTF-8 (Comma delimited)\", or in R "
                 "write.csv(readxl::read_excel(FILE), \"data.csv\", row.names = FALSE)");
    static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00";
    expect_error(xls, sizeof xls - 1, NULL, NULL,
                 "data.csv: this is an Excel 97-2003 workbook (.xls), not CSV: in Excel use "
                 "File > Save As > \"CSV UTF-8 (Comma delimited)\", or in R "
                 "write.csv(readxl::read_excel(FILE), \"data.csv\", row.names = FALSE)");
    static const char ods[] = "PK\x03\x04\x14\x00\x00\x00\x00\x00mimetype"
                              "application/vnd.oasis.opendocument.spreadsheet";
    expect_error(ods, sizeof ods - 1, NULL, NULL,
                 "data.csv: this is an OpenDocument spreadsheet (.ods), not CSV: in LibreOffice "
                 "use File > Save As > \"Text CSV\" with character set UTF-8");
    static const char zip[] = "PK\x03\x04\x14\x00\x00\x00\x00\x00notes.txt";
    expect_error(zip, sizeof zip - 1, NULL, NULL,
                 "data.csv: this is a ZIP archive, not CSV: unzip it and give the .csv, .dta or "
                 ".sav file inside");
    static const char utf16[] = "\xFF\xFE"
                                "c\0a\0s\0e\0_\0i\0d\0,\0f\0o\0r\0m\0e\0d\0\r\0\n\0";
    expect_error(utf16, sizeof utf16 - 1, NULL, NULL,
                 "data.csv: this is UTF-16 text (as Excel's \"Unicode Text\" writes it): save it "
                 "as \"CSV UTF-8\", or pass --encoding utf-16");
    static const char binary[] = "\x01\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x04";
    expect_error(binary, sizeof binary - 1, NULL, NULL,
                 "data.csv: this is a binary file (it holds many NUL bytes), not CSV text, "
                 "Stata, SPSS or SAS: export the data as CSV UTF-8");
}

static void test_utf16_with_encoding(void **state)
{
    (void)state;
    /* the same file is read when its encoding is named */
    const char *text = "case_id,formed,security,political,economic,cognitive,value\r\n"
                       "A,1,1,2,3,4,0\r\nB,0,2,2,3,4,1\r\n";
    char bytes[512];
    size_t size = 0;
    bytes[size++] = '\xFF', bytes[size++] = '\xFE';
    for (const char *c = text; *c; c++)
        bytes[size++] = *c, bytes[size++] = '\0';
    files f = make_files(bytes, size, NULL);
    qa_import_options options = {0};
    options.encoding = "utf-16";
    qa_dataset d;
    char first[2048];
    assert_int_equal(import(&f, 0, &options, &d, first, sizeof first, NULL), QA_OK);
    assert_int_equal(d.rows, 2);
    assert_string_equal(qa_dataset_case_id(&d, 1), "B");
    qa_dataset_free(&d);
    drop_files(&f);
}

static void check_two_rows(const char *text, const qa_import_options *options)
{
    files f = make_files(text, strlen(text), NULL);
    qa_dataset d;
    char first[2048];
    if (import(&f, 0, options, &d, first, sizeof first, NULL) != QA_OK)
        fail_msg("%s", first);
    assert_int_equal(d.rows, 2);
    assert_string_equal(qa_dataset_case_id(&d, 1), "B");
    const qa_column *value = qa_dataset_column(&d, "value");
    assert_true(value->values[0] == 0.0 && value->values[1] == 1.0);
    assert_string_equal(qa_dataset_text(&d, qa_dataset_column(&d, "case_name"), 0), "x, y");
    qa_dataset_free(&d);
    drop_files(&f);
}

static void test_delimiters(void **state)
{
    (void)state;
    check_two_rows("case_id;case_name;formed;security;political;economic;cognitive;value\n"
                   "A;x, y;1;1;2;3;4;0\nB;\"z;w\";0;2;2;3;4;1\n",
                   NULL);
    check_two_rows("case_id\tcase_name\tformed\tsecurity\tpolitical\teconomic\tcognitive\tvalue\n"
                   "A\tx, y\t1\t1\t2\t3\t4\t0\nB\tz\t0\t2\t2\t3\t4\t1\n",
                   NULL);
    /* --delimiter forces it: a header with more commas than semicolons */
    qa_import_options options = {0};
    options.delimiter = ';';
    check_two_rows("case_id;case_name;formed;security;political;economic;cognitive;value\n"
                   "A;x, y;1;1;2;3;4;0\nB;a,b,c,d,e,f,g,h,i;0;2;2;3;4;1\n",
                   &options);

    /* a ';' file from Excel in a decimal-comma locale: "0,5" is one half */
    const char *text = "case_id;formed;security;political;economic;cognitive;value;trade\n"
                       "A;1;1;2;3;4;0;0,5\nB;0;2;2;3;4;1;1,25\n";
    const char *codebook = "column,role,type\ncase_id,id,text\nformed,formed,binary\n"
                           "security,measure:security,ordinal\npolitical,measure:political,"
                           "ordinal\neconomic,measure:economic,ordinal\ncognitive,"
                           "measure:cognitive,ordinal\nvalue,measure:value,ordinal\n"
                           "trade,control,interval\n";
    qa_dataset d;
    files f = import_or_fail(text, codebook, &d);
    const qa_column *trade = qa_dataset_column(&d, "trade");
    assert_true(trade->values[0] == 0.5 && trade->values[1] == 1.25);
    qa_dataset_free(&d);
    drop_files(&f);
}

static void test_encoding(void **state)
{
    (void)state;
    const char latin1[] = "case_id,case_name,formed,security,political,economic,cognitive,value\n"
                          "A,Fran\xE7"
                          "a-M\xE9xico,1,1,2,3,4,0\nB,x,0,2,2,3,4,1\n";
    expect_error(latin1, sizeof latin1 - 1, NULL, NULL,
                 "data.csv:2:case_name: case A: invalid UTF-8 at byte 5 of the field (if the "
                 "file is Latin-1 or Windows-1252 text, pass --encoding latin1 or --encoding "
                 "cp1252)");
    files f = make_files(latin1, sizeof latin1 - 1, NULL);
    qa_import_options options = {0};
    options.encoding = "latin1";
    qa_dataset d;
    char first[2048];
    if (import(&f, 0, &options, &d, first, sizeof first, NULL) != QA_OK)
        fail_msg("%s", first);
    assert_string_equal(qa_dataset_text(&d, qa_dataset_column(&d, "case_name"), 0),
                        "Fran\xC3\xA7"
                        "a-M\xC3\xA9xico");
    /* the SHA-256 is of the file's own (Latin-1) bytes, not of the converted text */
    qa_sha256 hash;
    qa_sha256_init(&hash);
    qa_sha256_update(&hash, latin1, sizeof latin1 - 1);
    char hex[65];
    qa_sha256_hex(&hash, hex);
    assert_string_equal(d.sha256, hex);
    qa_dataset_free(&d);
    options.encoding = "klingon";
    assert_int_equal(import(&f, 0, &options, &d, first, sizeof first, NULL), QA_ERR_INPUT);
    assert_string_equal(first, "data.csv: unknown encoding 'klingon' for --encoding (for "
                               "example latin1, cp1252, utf-16, iso-8859-15; `iconv -l` lists "
                               "them all)");
    drop_files(&f);
}

static void test_lone_cr_lines(void **state)
{
    (void)state;
    expect_text_error("case_id,formed,security,political,economic,cognitive,value\r"
                      "A,1,1,2,3,4,0\rB,0,2,2,3,4,1\rC,1,9,2,3,4,1\r",
                      NULL, NULL, "data.csv:4:security: case C: '9' is out of range [0, 4]");
    /* and through libcsv (a quoted field spanning a lone CR) */
    expect_text_error("case_id,case_name,formed,security,political,economic,cognitive,value\r"
                      "A,\"two\rlines\",1,1,2,3,4,0\rB,x,0,2,2,3,4,1\rC,y,1,9,2,3,4,1\r",
                      NULL, NULL, "data.csv:5:security: case C: '9' is out of range [0, 4]");
}

static void test_codebook_transform_constant_members(void **state)
{
    (void)state;
    const char *text = "case_id,member_a,member_b,distance,trade,threat,political,economic,"
                       "cognitive,value\n"
                       "A,2,20,0.5,1,3,1,2,3,4\nB,2,365,2.5,0,1,2,2,3,4\nC,200,365,1.5,9,2,"
                       "3,2,3,1\n";
    const char *codebook = "column,role,type,min,max,missing,label,transform,constant\n"
                           "case_id,id,text,,,,,,\n"
                           "member_a,members,text,,,,,,\n"
                           "member_b,members,text,,,,,,\n"
                           "formed,formed,binary,,,,every case formed,,1\n"
                           "era,group,category,,,,,,post\n"
                           "distance,measure:value,interval,0,3,,,reverse,\n"
                           "trade,control,interval,,,,,log1p,\n"
                           "threat,measure:security,ordinal,1,3,,,z,\n";
    /* z needs type interval */
    files f = make_files(text, strlen(text), codebook);
    qa_codebook cb;
    qa_error error;
    assert_int_equal(qa_codebook_read(f.codebook, &cb, &error), QA_ERR_INPUT);
    assert_int_equal(error.line, 9);
    assert_string_equal(error.message,
                        "transform z gives an interval measure: give type interval, not ordinal");
    drop_files(&f);

    char fixed[2048];
    snprintf(fixed, sizeof fixed,
             "%.*sinterval,,,,,z,\n"
             "political,measure:political,ordinal,,,,,,\n"
             "economic,measure:economic,ordinal,,,,,,\n"
             "cognitive,measure:cognitive,ordinal,,,,,,\n",
             (int)(strstr(codebook, "threat,") - codebook + strlen("threat,measure:security,")),
             codebook);
    f = make_files(text, strlen(text), fixed);
    qa_dataset d;
    char first[2048];
    if (import(&f, 1, NULL, &d, first, sizeof first, NULL) != QA_OK)
        fail_msg("%s", first);
    const qa_column *formed = qa_dataset_column(&d, "formed");
    assert_non_null(formed);
    assert_true(formed->values[0] == 1.0 && formed->values[2] == 1.0);
    assert_int_equal(d.formed_column, (int)(formed - d.columns));
    const qa_column *era = qa_dataset_column(&d, "era");
    assert_int_equal(era->level_count, 1);
    assert_string_equal(era->levels[0], "post");
    assert_int_equal(era->codes[1], 0);
    /* reverse against the codebook's 0..3: 3 - x */
    const qa_column *distance = qa_dataset_column(&d, "distance");
    assert_true(distance->values[0] == 2.5 && distance->values[1] == 0.5);
    const qa_column *trade = qa_dataset_column(&d, "trade");
    assert_close(trade->values[2], log(10.0));
    assert_true(trade->values[1] == 0.0);
    /* z: (x - 2) / 1 (mean 2, sd 1) */
    const qa_column *threat = qa_dataset_column(&d, "threat");
    assert_close(threat->values[0], 1.0);
    assert_close(threat->values[1], -1.0);
    assert_int_equal(d.members_column_count, 2);
    assert_string_equal(d.columns[d.members_columns[1]].name, "member_b");
    assert_int_equal(d.members_column, d.members_columns[0]);
    qa_dataset_free(&d);
    drop_files(&f);
}

static void expect_codebook_error(const char *codebook, const char *expected)
{
    files f = make_files("x\n", 2, codebook);
    qa_codebook cb;
    qa_error error;
    qa_error_clear(&error);
    assert_int_equal(qa_codebook_read(f.codebook, &cb, &error), QA_ERR_INPUT);
    char text[2048];
    qa_error_format(&error, text, sizeof text);
    strip_dir(text, f.dir);
    const char *shown = text;
    if (strcmp(shown, expected) != 0)
        fail_msg("expected\n  %s\ngot\n  %s", expected, shown);
    drop_files(&f);
}

static void test_codebook_errors(void **state)
{
    (void)state;
    expect_codebook_error("column,role,type,reverse\nx,control,interval,1\n",
                          "codebook.csv:1:reverse: unknown codebook column 'reverse'; valid "
                          "columns: column, role, type, min, max, missing, label, transform, "
                          "constant");
    expect_codebook_error("column,rol,type\nx,control,interval\n",
                          "codebook.csv:1:rol: unknown codebook column 'rol' (did you mean "
                          "'role'?); valid columns: column, role, type, min, max, missing, "
                          "label, transform, constant");
    expect_codebook_error("column,role,type\nx,contrl,interval\n",
                          "codebook.csv:2:role: unknown role 'contrl' (did you mean 'control'?); "
                          "valid roles: id, name, members, formed, start_year, end_year, "
                          "ongoing, observed_until, measure:security, measure:political, "
                          "measure:economic, measure:cognitive, measure:value, control, group, "
                          "text, ignore");
    expect_codebook_error("column,role,type\nx,measure:securty,interval\n",
                          "codebook.csv:2:role: unknown role 'measure:securty' (did you mean "
                          "'measure:security'?); valid roles: id, name, members, formed, "
                          "start_year, end_year, ongoing, observed_until, measure:security, "
                          "measure:political, measure:economic, measure:cognitive, "
                          "measure:value, control, group, text, ignore");
    expect_codebook_error("column,role,type\nx,control,intervall\n",
                          "codebook.csv:2:type: unknown type 'intervall' (did you mean "
                          "'interval'?); valid types: binary, ordinal, interval, category, "
                          "year, text");
    expect_codebook_error("column,role,type,transform\nx,control,interval,revrse\n",
                          "codebook.csv:2:transform: unknown transform 'revrse' (did you mean "
                          "'reverse'?); valid transforms: reverse, log, log1p, z, or empty");
    expect_codebook_error("column,role,type,constant\nformed,formed,binary,2\n",
                          "codebook.csv:2:constant: constant must be 0 or 1 for a binary "
                          "column, not '2'");
    expect_codebook_error("column,role,type,constant\nid,id,text,A\n",
                          "codebook.csv:2:constant: a constant needs a numeric or category "
                          "column, not role id type text");
    /* a codebook that is not UTF-8: located, never copied into a workbook */
    expect_codebook_error("column,role,type,label\nx,control,interval,caf\xE9\n",
                          "codebook.csv:2:label: invalid UTF-8 at byte 4 of field 4: a codebook "
                          "must be UTF-8 text (save it as \"CSV UTF-8\", or convert it with iconv "
                          "-f latin1 -t utf-8)");
    /* lone-CR codebook lines */
    expect_codebook_error("column,role,type\rx,control,interval\ry,control,nominal\r",
                          "codebook.csv:3:type: unknown type 'nominal'; valid types: binary, "
                          "ordinal, interval, category, year, text");
}

static void test_label_cut_at_character(void **state)
{
    (void)state;
    /* 300 bytes of two-byte characters: the label keeps whole characters and ends in "…" */
    char codebook[1024] = "column,role,type,label\nx,control,interval,";
    for (int i = 0; i < 150; i++)
        strcat(codebook, "\xC3\xA9");
    strcat(codebook, "\n");
    files f = make_files("x\n", 2, codebook);
    qa_codebook cb;
    qa_error error;
    assert_int_equal(qa_codebook_read(f.codebook, &cb, &error), QA_OK);
    const char *label = cb.entries[0].label;
    size_t length = strlen(label);
    assert_true(length <= 255);
    assert_string_equal(label + length - 3, "\xE2\x80\xA6");
    for (size_t i = 0; i + 3 < length; i += 2)
        assert_true((unsigned char)label[i] == 0xC3 && (unsigned char)label[i + 1] == 0xA9);
    qa_codebook_free(&cb);
    drop_files(&f);
}

static void test_nothing_silent(void **state)
{
    (void)state;
    /* a typo in a measure's column name */
    expect_text_error("case_id,formed,securty,political,economic,cognitive,value\n"
                      "A,1,1,2,3,4,0\n",
                      NULL, NULL,
                      "data.csv:1:security: no column 'security' for measure security (H1) in "
                      "the header (did you mean 'securty'?); name the column in a codebook (-c "
                      "FILE), or pass --skip H1 if the data do not measure it");
    /* --skip H1: the measure is not required */
    const char *text = "case_id,formed,political,economic,cognitive,value\nA,1,2,3,4,0\n"
                       "B,0,2,3,4,1\n";
    files f = make_files(text, strlen(text), NULL);
    qa_import_options options = {0};
    options.skip_measures = 1u;
    qa_dataset d;
    char first[2048];
    if (import(&f, 0, &options, &d, first, sizeof first, NULL) != QA_OK)
        fail_msg("%s", first);
    assert_int_equal(d.skipped_measures, 1u);
    assert_int_equal(d.measure_column_count[0], 0);
    qa_dataset_free(&d);
    drop_files(&f);
    /* a codebook row naming a column the header lacks */
    expect_text_error("case_id,formed,security,political,economic,cognitive,value,gdp\n"
                      "A,1,1,2,3,4,0,5\n",
                      "column,role,type\ncase_id,id,text\nformed,formed,binary\n"
                      "security,measure:security,ordinal\npolitical,measure:political,ordinal\n"
                      "economic,measure:economic,ordinal\ncognitive,measure:cognitive,ordinal\n"
                      "value,measure:value,ordinal\ngdpp,control,interval\n",
                      NULL,
                      "data.csv:1:gdpp: codebook codebook.csv line 9 names column 'gdpp', which "
                      "is not in the header (did you mean 'gdp'?)");
    /* a role column blank in every row */
    expect_text_error("case_id,formed,security,political,economic,cognitive,value\n"
                      "A,,1,2,3,4,0\nB,,2,2,3,4,1\n",
                      NULL, NULL,
                      "data.csv:1:formed: column 'formed' (role formed) is blank in every row; "
                      "when every case formed, say so in the codebook: a row formed,formed,binary "
                      "with constant 1 (docs/CODEBOOK.md)");
    expect_text_error("case_id,formed,security,political,economic,cognitive,value\n"
                      "A,1,1,2,3,,0\nB,0,2,2,3,NA,1\n",
                      NULL, NULL,
                      "data.csv:1:cognitive: column 'cognitive' (role measure:cognitive) is "
                      "blank in every row; pass --skip H4 if the data do not measure cognitive");
}

/* Processor time of this process: a busy machine does not inflate it. */
static double seconds_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* 100,000 distinct header names, and a codebook of 100,000 rows naming them. Pairwise
 * duplicate checks took 15 s (header) and 30 s (codebook) of processor time for this; hashing
 * takes well under a second even under the sanitizers, so a bound of 10 processor seconds
 * cannot flake on a busy machine and quadratic code cannot meet it. */
static void test_wide_header_and_long_codebook(void **state)
{
    (void)state;
    enum { WIDE = 100000 };
    char *dir = qa_test_temp_dir();
    char data[512], codebook[512];
    snprintf(data, sizeof data, "%s/wide.csv", dir);
    snprintf(codebook, sizeof codebook, "%s/codebook.csv", dir);
    FILE *file = fopen(data, "w");
    FILE *cb = fopen(codebook, "w");
    assert_true(file && cb);
    fputs(header, file);
    fputs("column,role,type\ncase_id,id,text\nformed,formed,binary\n"
          "security,measure:security,ordinal\npolitical,measure:political,ordinal\n"
          "economic,measure:economic,ordinal\ncognitive,measure:cognitive,ordinal\n"
          "value,measure:value,ordinal\n",
          cb);
    for (int i = 0; i < WIDE; i++) {
        fprintf(file, ",extra_%d", i);
        fprintf(cb, "extra_%d,ignore,text\n", i);
    }
    fputs("\nA,1,1,2,3,4,0", file);
    for (int i = 0; i < WIDE; i++)
        fputs(",x", file);
    fputs("\n", file);
    fclose(file);
    fclose(cb);

    double start = seconds_now();
    qa_codebook codebook_read;
    qa_error error;
    assert_int_equal(qa_codebook_read(codebook, &codebook_read, &error), QA_OK);
    assert_int_equal(codebook_read.count, WIDE + 7);
    qa_error_list errors;
    qa_error_list_init(&errors, 0);
    qa_dataset d;
    assert_int_equal(qa_import_file(data, &codebook_read, NULL, &d, &errors), QA_OK);
    qa_dataset_free(&d);
    qa_codebook_free(&codebook_read);
    /* the default codebook: 100,000 unknown names listed */
    assert_int_equal(qa_codebook_default(&codebook_read, &error), QA_OK);
    assert_int_equal(qa_import_file(data, &codebook_read, NULL, &d, &errors), QA_OK);
    assert_int_equal(d.unknown_count, WIDE);
    qa_dataset_free(&d);
    qa_codebook_free(&codebook_read);
    double elapsed = seconds_now() - start;
    if (elapsed > 10.0)
        fail_msg("100,000 columns took %.1f processor seconds: not near-linear", elapsed);

    /* a duplicate among them is still found, with its first line */
    file = fopen(codebook, "a");
    fputs("extra_77,ignore,text\n", file);
    fclose(file);
    assert_int_equal(qa_codebook_read(codebook, &codebook_read, &error), QA_ERR_INPUT);
    assert_string_equal(error.message, "column 'extra_77' is listed twice (first on line 86)");
    qa_error_list_free(&errors);
    qa_test_remove_tree(dir);
    free(dir);
}

/* Category values of equal length that differ only at the end (the importer compares a few
 * known levels word by word before hashing): each keeps a level of its own. */
static void test_levels_differing_at_the_end(void **state)
{
    (void)state;
    const char text[] = "case_id,formed,security,political,economic,cognitive,value,era\n"
                        "a,1,1,1,1,1,1,cold_war_1\n"
                        "b,0,2,2,2,2,2,cold_war_2\n"
                        "c,1,3,3,3,3,3,abcde\n"
                        "d,0,1,2,3,1,2,abcdf\n"
                        "e,1,2,3,1,2,3,cold_war_2\n"
                        "f,0,3,1,2,3,1,abcdf\n";
    qa_dataset d;
    files f = import_or_fail(text, NULL, &d);
    const qa_column *era = qa_dataset_column(&d, "era");
    assert_non_null(era);
    assert_int_equal(era->level_count, 4);
    const char *expected[6] = {"cold_war_1", "cold_war_2", "abcde", "abcdf", "cold_war_2", "abcdf"};
    for (size_t row = 0; row < 6; row++)
        assert_string_equal(era->levels[era->codes[row]], expected[row]);
    qa_dataset_free(&d);
    drop_files(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unreadable_formats),
        cmocka_unit_test(test_utf16_with_encoding),
        cmocka_unit_test(test_delimiters),
        cmocka_unit_test(test_encoding),
        cmocka_unit_test(test_lone_cr_lines),
        cmocka_unit_test(test_codebook_transform_constant_members),
        cmocka_unit_test(test_codebook_errors),
        cmocka_unit_test(test_label_cut_at_character),
        cmocka_unit_test(test_nothing_silent),
        cmocka_unit_test(test_wide_header_and_long_codebook),
        cmocka_unit_test(test_levels_differing_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
