/* The member index of a dataset: cells split on ';', names trimmed, missing spellings
 * dropped, ids in order of first appearance, a case's members the union over the columns
 * given (dyads kept in two columns), and the plan's distinct member sets. */
#include "test_support.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/influence_members.h"
#include "analysis/members.h"
#include "qareport/codebook.h"
#include "qareport/import.h"

static const char *const header =
    "case_id,case_name,members,start_year,end_year,ongoing,observed_until,formed,security,"
    "political,economic,cognitive,value,era,size,basis,membership,commitment,agreement,source,"
    "notes\n";

static void import_text(const char *rows, qa_dataset *dataset)
{
    char *dir = qa_test_temp_dir();
    char path[512];
    snprintf(path, sizeof path, "%s/members.csv", dir);
    size_t size = strlen(header) + strlen(rows) + 1;
    char *text = malloc(size);
    snprintf(text, size, "%s%s", header, rows);
    assert_int_equal(qa_test_write_file(path, text), 0);
    qa_codebook codebook;
    qa_error error;
    assert_int_equal(qa_codebook_default(&codebook, &error), QA_OK);
    qa_error_list errors;
    qa_error_list_init(&errors, 10);
    qa_status status = qa_import_csv(path, &codebook, NULL, dataset, &errors);
    if (status != QA_OK && errors.count)
        fail_msg("import: %s", errors.items[0].message);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    free(text);
    qa_test_remove_tree(dir);
    free(dir);
}

static void expect_members(const qa_member_index *index, size_t row, const char *expected)
{
    char got[256] = "";
    size_t count;
    const uint32_t *ids = qa_member_plan_case_members(index->plan, row, &count);
    for (size_t k = 0; k < count; k++) {
        strcat(got, k > 0 ? "|" : "");
        strcat(got, index->names[ids[k]]);
    }
    if (strcmp(got, expected) != 0)
        fail_msg("row %zu: members '%s', expected '%s'", row, got, expected);
}

/* The cluster count of the whole dataset (every row one case, score 1). */
static size_t clusters_of(const qa_member_index *index)
{
    qa_member_sums *sums;
    qa_error error;
    assert_int_equal(qa_member_sums_alloc(index->plan, 1, &sums, &error), QA_OK);
    double u = 1, meat;
    for (size_t row = 0; row < index->rows; row++)
        assert_true(qa_member_sums_add(sums, row, 1.0, &u));
    size_t clusters = 0;
    assert_int_equal(qa_member_sums_meat(sums, &meat, &clusters, &error), QA_OK);
    qa_member_sums_free(sums);
    return clusters;
}

#define ROW(id, members, source)                                                                   \
    id ",x," members ",1950,,1,2020,1,1,1,1,1,1,cold,bilateral,security,state-state,mutual,"       \
       "communique," source ",\n"

static void test_one_column(void **state)
{
    (void)state;
    qa_dataset dataset;
    import_text(ROW("Q1", "USA;Saudi Arabia", "a") ROW("Q2", " USA ; Taiwan ", "b")
                    ROW("Q3", "NA;.;;Japan", "c") ROW("Q4", "", "d") ROW("Q5", "USA;USA", "e")
                        ROW("Q6", "\"Taiwan;USA\"", "USA"),
                &dataset);
    qa_member_index index;
    qa_error error;
    assert_int_equal(qa_member_index_build_dataset(&dataset, &index, &error), QA_OK);
    assert_true(index.present);
    assert_int_equal(index.rows, 6);
    /* the plan keeps the members of two or more cases (a member of one case alone makes it
     * depend on no other): USA and Taiwan; Saudi Arabia and Japan only count as clusters */
    assert_int_equal(index.count, 2);
    expect_members(&index, 0, "USA");
    expect_members(&index, 1, "USA|Taiwan");
    expect_members(&index, 2, "");
    expect_members(&index, 3, "");
    expect_members(&index, 4, "USA"); /* distinct members, by id */
    expect_members(&index, 5, "USA|Taiwan");
    /* distinct sets: {USA}, {USA, Taiwan} */
    assert_int_equal(qa_member_plan_set_count(index.plan), 2);
    /* clusters: USA, Saudi Arabia, Taiwan, Japan, and Q4 without members */
    assert_int_equal(clusters_of(&index), 5);
    qa_member_index_free(&index);

    /* members and source as two columns (a dyad in two cells): the union */
    int columns[2] = {dataset.members_column, -1};
    for (size_t c = 0; c < dataset.column_count; c++)
        if (strcmp(dataset.columns[c].name, "source") == 0)
            columns[1] = (int)c;
    assert_true(columns[1] >= 0);
    assert_int_equal(qa_member_index_build(&dataset, columns, 2, &index, &error), QA_OK);
    expect_members(&index, 0, "USA");
    expect_members(&index, 3, "");
    expect_members(&index, 5, "USA|Taiwan");
    assert_int_equal(index.count, 2);
    /* clusters: USA, Saudi Arabia, a, Taiwan, b, Japan, c, d, e (Q4 now has d) */
    assert_int_equal(clusters_of(&index), 9);
    qa_member_index_free(&index);

    /* no members column: every case alone */
    assert_int_equal(qa_member_index_build(&dataset, NULL, 0, &index, &error), QA_OK);
    assert_false(index.present);
    assert_int_equal(index.count, 0);
    expect_members(&index, 5, "");
    qa_member_index_free(&index);

    /* a numeric column is refused */
    int numeric[1] = {-1};
    for (size_t c = 0; c < dataset.column_count; c++)
        if (strcmp(dataset.columns[c].name, "security") == 0)
            numeric[0] = (int)c;
    assert_int_equal(qa_member_index_build(&dataset, numeric, 1, &index, &error), QA_ERR_INPUT);
    qa_member_index_free(&index);
    qa_dataset_free(&dataset);
}

/* A dyadic file: the two states in member_a and member_b, both of role `members` in the
 * codebook. The dataset's index is the union of both cells: a cell may itself list several
 * (";"), names are trimmed, missing spellings (NA, ., blank, the codebook's -9) dropped and a
 * state in both cells of a case counted once. Leave-one-member-out sees the same members. */
static void test_dyadic_columns(void **state)
{
    (void)state;
    static const char *const codebook_text =
        "column,role,type,missing\n"
        "case_id,id,text,\nmember_a,members,text,\nmember_b,members,text,-9\n"
        "start_year,start_year,year,\nend_year,end_year,year,\nongoing,ongoing,binary,\n"
        "formed,formed,binary,\nsecurity,measure:security,ordinal,\n"
        "political,measure:political,ordinal,\neconomic,measure:economic,ordinal,\n"
        "cognitive,measure:cognitive,ordinal,\nvalue,measure:value,ordinal,\n";
    static const char *const data_text =
        "case_id,member_a,member_b,start_year,end_year,ongoing,formed,security,political,economic,"
        "cognitive,value\n"
        "D1,USA,USSR,1950,1960,0,1,1,1,2,3,0\n"
        "D2, USSR ,China,1951,1961,0,1,2,1,2,3,0\n"
        "D3,USA,NA,1952,1962,0,0,3,1,2,3,0\n"
        "D4,Japan;USA,USA,1953,1963,0,1,1,1,2,3,0\n"
        "D5,.,-9,1954,1964,0,0,2,1,2,3,0\n"
        "D6,India,China,1955,1965,0,1,0,1,2,3,0\n";
    char *dir = qa_test_temp_dir();
    char data_path[512], codebook_path[512];
    snprintf(data_path, sizeof data_path, "%s/dyads.csv", dir);
    snprintf(codebook_path, sizeof codebook_path, "%s/codebook.csv", dir);
    assert_int_equal(qa_test_write_file(data_path, data_text), 0);
    assert_int_equal(qa_test_write_file(codebook_path, codebook_text), 0);
    qa_codebook codebook;
    qa_error error;
    if (qa_codebook_read(codebook_path, &codebook, &error) != QA_OK)
        fail_msg("codebook: %s", error.message);
    qa_error_list errors;
    qa_error_list_init(&errors, 10);
    qa_dataset dataset;
    qa_status status = qa_import_csv(data_path, &codebook, NULL, &dataset, &errors);
    if (status != QA_OK && errors.count)
        fail_msg("import: %s", errors.items[0].message);
    assert_int_equal(status, QA_OK);
    qa_error_list_free(&errors);
    qa_codebook_free(&codebook);
    qa_test_remove_tree(dir);
    free(dir);
    assert_int_equal(dataset.members_column_count, 2);

    qa_member_index index;
    assert_int_equal(qa_member_index_build_dataset(&dataset, &index, &error), QA_OK);
    assert_true(index.present);
    assert_int_equal(index.count, 3); /* USA, USSR, China; Japan and India in one case each */
    expect_members(&index, 0, "USA|USSR");
    expect_members(&index, 1, "USSR|China");
    expect_members(&index, 2, "USA");
    expect_members(&index, 3, "USA"); /* USA in both cells: once; Japan private */
    expect_members(&index, 4, "");
    expect_members(&index, 5, "China");
    /* distinct sets: {USA, USSR}, {USSR, China}, {USA}, {China} */
    assert_int_equal(qa_member_plan_set_count(index.plan), 4);
    /* clusters: the five states and D5 without any */
    assert_int_equal(clusters_of(&index), 6);

    /* leave one member out: the members of two analysed rows, with every row naming them */
    unsigned char analysed[6] = {1, 1, 1, 1, 1, 0};
    qa_member_rows rows;
    assert_int_equal(qa_member_rows_build(&index, analysed, &rows), QA_OK);
    assert_int_equal(rows.count, 2); /* USA (rows 0, 2, 3), USSR (0, 1); China once analysed */
    assert_string_equal(rows.members[0].name, "USA");
    assert_int_equal(rows.members[0].analysed, 3);
    assert_int_equal(rows.row_start[1] - rows.row_start[0], 3);
    assert_int_equal(rows.rows[0], 0);
    assert_int_equal(rows.rows[1], 2);
    assert_int_equal(rows.rows[2], 3);
    assert_string_equal(rows.members[1].name, "USSR");
    assert_int_equal(rows.row_start[2] - rows.row_start[1], 2);
    qa_member_rows_free(&rows);
    analysed[5] = 1; /* China now in two analysed rows (1 and 5) */
    assert_int_equal(qa_member_rows_build(&index, analysed, &rows), QA_OK);
    assert_int_equal(rows.count, 3);
    assert_string_equal(rows.members[2].name, "China");
    assert_int_equal(rows.rows[rows.row_start[2]], 1);
    assert_int_equal(rows.rows[rows.row_start[2] + 1], 5);
    qa_member_rows_free(&rows);
    /* no index: no members */
    assert_int_equal(qa_member_rows_build(NULL, analysed, &rows), QA_OK);
    assert_int_equal(rows.count, 0);
    qa_member_rows_free(&rows);
    qa_member_index_free(&index);
    qa_dataset_free(&dataset);
}

/* Beyond 65,536 distinct names (cases with their own members, Ai;Bi) a first pass of hash
 * counters picks the names seen twice: the others are never stored, only counted as
 * clusters; the index and the cluster count are those of interning every name. */
static void test_many_private_members(void **state)
{
    (void)state;
    enum { CASES = 40000 };
    size_t size = (size_t)CASES * 160 + 256;
    char *rows = malloc(size), *at = rows;
    for (int i = 0; i < CASES; i++)
        at += snprintf(at, size - (size_t)(at - rows), ROW("Q%d", "A%d;B%d%s", "s"), i, i, i,
                       i % 2 == 0 ? "; S1" : "");
    snprintf(at, size - (size_t)(at - rows), ROW("Z1", "Z;Z", "s"));
    qa_dataset dataset;
    import_text(rows, &dataset);
    free(rows);
    qa_member_index index;
    qa_error error;
    assert_int_equal(qa_member_index_build_dataset(&dataset, &index, &error), QA_OK);
    assert_int_equal(index.count, 1); /* S1 alone is shared */
    expect_members(&index, 0, "S1");
    expect_members(&index, 1, "");
    expect_members(&index, CASES, "");
    assert_int_equal(qa_member_plan_set_count(index.plan), 1);
    /* A0..A39999, B0..B39999, S1, Z (named twice by one case: one cluster) */
    assert_int_equal(clusters_of(&index), 2 * CASES + 2);
    qa_member_index_free(&index);
    qa_dataset_free(&dataset);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_column),
        cmocka_unit_test(test_dyadic_columns),
        cmocka_unit_test(test_many_private_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
