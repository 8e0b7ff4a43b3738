/* test_bundled.c: the two bundled codings (datasets/quasi_alliance_cases.csv, coder A, and
 * datasets/quasi_alliance_cases_coder_b.csv, coder B) against the mechanical rules of
 * datasets/CODING.md: era from start_year and size from members (section 6), the lower-code
 * rule where notes say "<measure> uncertain (a or b)" (section 3), the aid rule (economic >= 1
 * where notes say "aid for security ends", section 4), members spelled the same way in every
 * case and in both codings, a target for every formed case, a comparison_rule for every case,
 * end_reason consistent with ongoing and end_year (section 5), formal_ally 0/1. The file is
 * read with libcsv directly, because the importer ignores the columns the codebook does not
 * know (target, formal_ally, end_reason, comparison_rule). */
#include <csv.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

enum { MAX_COLUMNS = 64 };

typedef struct {
    char **cells; /* rows * columns, row-major; row 0 is the header */
    size_t rows, columns, capacity, field;
    size_t width; /* columns of the header */
} table;

static void on_field(void *s, size_t len, void *data)
{
    table *t = data;
    if (t->rows == 0 && t->field == 0 && t->capacity == 0) {
        t->capacity = 64 * MAX_COLUMNS;
        t->cells = calloc(t->capacity, sizeof *t->cells);
    }
    if (t->field >= MAX_COLUMNS)
        return;
    size_t index = t->rows * MAX_COLUMNS + t->field;
    while (index >= t->capacity) {
        t->cells = realloc(t->cells, 2 * t->capacity * sizeof *t->cells);
        memset(t->cells + t->capacity, 0, t->capacity * sizeof *t->cells);
        t->capacity *= 2;
    }
    char *copy = malloc(len + 1);
    memcpy(copy, s ? s : "", len);
    copy[len] = '\0';
    t->cells[index] = copy;
    t->field++;
}

static void on_row(int c, void *data)
{
    (void)c;
    table *t = data;
    if (t->rows == 0)
        t->width = t->field;
    t->rows++;
    t->field = 0;
}

static int table_read(const char *path, table *t)
{
    memset(t, 0, sizeof *t);
    size_t size = 0;
    char *text = qa_test_read_file(path, &size);
    if (!text)
        return -1;
    struct csv_parser parser;
    csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL);
    size_t parsed = csv_parse(&parser, text, size, on_field, on_row, t);
    csv_fini(&parser, on_field, on_row, t);
    int failed = parsed != size || csv_error(&parser) != CSV_SUCCESS;
    csv_free(&parser);
    free(text);
    return failed ? -1 : 0;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->capacity; i++)
        free(t->cells[i]);
    free(t->cells);
}

static int column_of(const table *t, const char *name)
{
    for (size_t c = 0; c < t->width; c++)
        if (t->cells[c] && strcmp(t->cells[c], name) == 0)
            return (int)c;
    return -1;
}

static const char *cell(const table *t, size_t row, int column)
{
    if (column < 0)
        return "";
    const char *value = t->cells[row * MAX_COLUMNS + (size_t)column];
    return value ? value : "";
}

typedef struct {
    int problems;
    const char *file;
} report;

static void problem(report *r, const char *id, const char *what)
{
    print_message("%s: case %s: %s\n", r->file, id, what);
    r->problems++;
}

static const char *const measures[] = {"security", "political", "economic", "cognitive", "value"};

/* word (length bytes) equals the lowercase name, ignoring the case of word. */
static int same_word(const char *word, const char *name, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (tolower((unsigned char)word[i]) != name[i])
            return 0;
    return 1;
}

/* Every "<measure> uncertain (a or b)" in notes: the code must be a and b = a + 1. */
static void check_uncertain(report *r, const table *t, size_t row, const char *id,
                            const char *notes)
{
    for (const char *at = strstr(notes, " uncertain ("); at; at = strstr(at + 1, " uncertain (")) {
        const char *word = at;
        while (word > notes && isalpha((unsigned char)word[-1]))
            word--;
        size_t length = (size_t)(at - word);
        for (size_t m = 0; m < 5; m++) {
            if (strlen(measures[m]) != length || !same_word(word, measures[m], length))
                continue;
            int a = -1, b = -1;
            if (sscanf(at, " uncertain (%d or %d)", &a, &b) != 2) {
                problem(r, id, "\"uncertain\" without the form (a or b)");
                break;
            }
            const char *code = cell(t, row, column_of(t, measures[m]));
            char message[160];
            if (b != a + 1) {
                snprintf(message, sizeof message, "%s uncertain (%d or %d): not adjacent codes",
                         measures[m], a, b);
                problem(r, id, message);
            } else if (*code == '\0' || atoi(code) != a) {
                snprintf(message, sizeof message,
                         "%s uncertain (%d or %d) but coded '%s' (the lower code is the rule)",
                         measures[m], a, b, code);
                problem(r, id, message);
            }
        }
    }
}

/* Spellings CODING.md rules out: the canonical name is used in every row. */
static const char *const variants[] = {"UK",   "Britain",           "Great Britain", "US",
                                       "U.S.", "United States",     "Soviet Union",  "PRC",
                                       "ROC",  "Republic of China", "DRV",           "Viet Nam"};

static void normalize(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in && n + 1 < size; in++)
        if (isalnum((unsigned char)*in))
            out[n++] = (char)tolower((unsigned char)*in);
    out[n] = '\0';
}

typedef struct {
    char spelled[128], key[128];
} member_name;

typedef struct {
    member_name names[512];
    size_t count;
} member_list;

static void check_member(report *r, member_list *list, const char *id, const char *name)
{
    char message[256];
    if (*name == '\0' || name[0] == ' ' || name[strlen(name) - 1] == ' ') {
        problem(r, id, "empty member or member with surrounding spaces");
        return;
    }
    for (size_t v = 0; v < sizeof variants / sizeof *variants; v++)
        if (strcmp(name, variants[v]) == 0) {
            snprintf(message, sizeof message, "member '%s' is a variant spelling", name);
            problem(r, id, message);
        }
    char key[128];
    normalize(name, key, sizeof key);
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->names[i].key, key) == 0) {
            if (strcmp(list->names[i].spelled, name) != 0) {
                snprintf(message, sizeof message, "member '%s' also spelled '%s'", name,
                         list->names[i].spelled);
                problem(r, id, message);
            }
            return;
        }
    }
    if (list->count < sizeof list->names / sizeof *list->names) {
        snprintf(list->names[list->count].spelled, sizeof list->names[0].spelled, "%s", name);
        snprintf(list->names[list->count].key, sizeof list->names[0].key, "%s", key);
        list->count++;
    }
}

static int is_one_of(const char *value, const char *const *allowed, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(value, allowed[i]) == 0)
            return 1;
    return 0;
}

/* All rules on one file; returns the number of problems (each printed). members collects
 * the spellings across files. A blind coding (coder B did not know which cases formed) must
 * name a target for every case but may name `none` for a formed one (CODING.md section 8). */
static int check_coding(const char *path, member_list *members, int blind)
{
    report r = {0, path};
    table t;
    if (table_read(path, &t) != 0) {
        print_message("%s: cannot be read as strict CSV\n", path);
        table_free(&t);
        return 1;
    }
    static const char *const required[] = {
        "case_id",  "members",     "start_year", "end_year",      "ongoing",    "formed",
        "security", "political",   "economic",   "cognitive",     "value",      "era",
        "size",     "formal_ally", "target",     "target_source", "end_reason", "comparison_rule",
        "notes"};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (column_of(&t, required[i]) < 0) {
            problem(&r, "(header)", required[i]);
        }
    int id_c = column_of(&t, "case_id"), members_c = column_of(&t, "members");
    int start_c = column_of(&t, "start_year"), end_c = column_of(&t, "end_year");
    int ongoing_c = column_of(&t, "ongoing"), formed_c = column_of(&t, "formed");
    int era_c = column_of(&t, "era"), size_c = column_of(&t, "size");
    int ally_c = column_of(&t, "formal_ally"), target_c = column_of(&t, "target");
    int target_source_c = column_of(&t, "target_source");
    int reason_c = column_of(&t, "end_reason"), rule_c = column_of(&t, "comparison_rule");
    int notes_c = column_of(&t, "notes"), economic_c = column_of(&t, "economic");
    static const char *const reasons[] = {"dissolved", "upgraded", "lapsed", "ongoing"};
    static const char *const rules[] = {"shared_rival", "great_power_candidate", "rapprochement"};
    for (size_t row = 1; row < t.rows; row++) {
        const char *id = cell(&t, row, id_c);
        char message[256];
        /* era from start_year */
        int start = atoi(cell(&t, row, start_c));
        const char *era = start <= 1944   ? "pre_cold_war"
                          : start <= 1990 ? "cold_war"
                                          : "post_cold_war";
        if (strcmp(cell(&t, row, era_c), era) != 0) {
            snprintf(message, sizeof message, "era '%s', start_year %d gives '%s'",
                     cell(&t, row, era_c), start, era);
            problem(&r, id, message);
        }
        /* size from members; spelling of every member */
        char list[2048];
        snprintf(list, sizeof list, "%s", cell(&t, row, members_c));
        size_t count = 0;
        for (char *save = NULL, *name = strtok_r(list, ";", &save); name;
             name = strtok_r(NULL, ";", &save)) {
            check_member(&r, members, id, name);
            count++;
        }
        const char *size = count == 2 ? "bilateral" : "multilateral";
        if (count < 2 || strcmp(cell(&t, row, size_c), size) != 0) {
            snprintf(message, sizeof message, "size '%s' with %zu members", cell(&t, row, size_c),
                     count);
            problem(&r, id, message);
        }
        /* measures 0..4 */
        for (size_t m = 0; m < 5; m++) {
            const char *code = cell(&t, row, column_of(&t, measures[m]));
            if (*code && !(strlen(code) == 1 && code[0] >= '0' && code[0] <= '4')) {
                snprintf(message, sizeof message, "%s '%s' is not a code 0-4", measures[m], code);
                problem(&r, id, message);
            }
        }
        const char *notes = cell(&t, row, notes_c);
        check_uncertain(&r, &t, row, id, notes);
        if (strstr(notes, "aid for security ends") && atoi(cell(&t, row, economic_c)) < 1)
            problem(&r, id, "notes say aid for security ends but economic < 1");
        /* formal_ally */
        const char *ally = cell(&t, row, ally_c);
        if (strcmp(ally, "0") != 0 && strcmp(ally, "1") != 0)
            problem(&r, id, "formal_ally is not 0 or 1");
        /* target: present for formed cases (with a source), never a member */
        const char *target = cell(&t, row, target_c);
        int formed = strcmp(cell(&t, row, formed_c), "1") == 0;
        if (formed && !blind && (*target == '\0' || strcmp(target, "none") == 0))
            problem(&r, id, "formed case without a target");
        if (blind && *target == '\0')
            problem(&r, id, "blind coding without a target (or none)");
        if (*target && strcmp(target, "none") != 0 && *cell(&t, row, target_source_c) == '\0')
            problem(&r, id, "target without target_source");
        char needle[2048];
        snprintf(needle, sizeof needle, ";%s;", cell(&t, row, members_c));
        char target_key[512];
        snprintf(target_key, sizeof target_key, ";%s;", target);
        if (*target && strstr(needle, target_key))
            problem(&r, id, "the target is a member");
        /* comparison_rule and end_reason */
        const char *rule = cell(&t, row, rule_c), *reason = cell(&t, row, reason_c);
        const char *ongoing = cell(&t, row, ongoing_c), *end = cell(&t, row, end_c);
        if (formed) {
            if (strcmp(rule, "formed") != 0)
                problem(&r, id, "formed case whose comparison_rule is not 'formed'");
            if (!is_one_of(reason, reasons, 4))
                problem(&r, id, "formed case without a valid end_reason");
            else if ((strcmp(reason, "ongoing") == 0) != (strcmp(ongoing, "1") == 0))
                problem(&r, id, "end_reason 'ongoing' and ongoing = 1 disagree");
            else if (strcmp(reason, "ongoing") != 0 && *end == '\0')
                problem(&r, id, "ended case without end_year");
            else if (strcmp(reason, "ongoing") == 0 && *end != '\0')
                problem(&r, id, "ongoing case with an end_year");
        } else {
            if (!is_one_of(rule, rules, 3))
                problem(&r, id, "comparison case without a valid comparison_rule");
            if (*reason || *end || strcmp(ongoing, "0") != 0)
                problem(&r, id, "comparison case with end_reason, end_year or ongoing");
        }
    }
    table_free(&t);
    return r.problems;
}

static void test_coder_a(void **state)
{
    (void)state;
    member_list *members = calloc(1, sizeof *members);
    assert_int_equal(check_coding("datasets/quasi_alliance_cases.csv", members, 0), 0);
    free(members);
}

static void test_coder_b(void **state)
{
    (void)state;
    member_list *members = calloc(1, sizeof *members);
    assert_int_equal(check_coding("datasets/quasi_alliance_cases_coder_b.csv", members, 1), 0);
    free(members);
}

/* Both codings spell every member the same way. */
static void test_members_across_codings(void **state)
{
    (void)state;
    member_list *members = calloc(1, sizeof *members);
    int problems = check_coding("datasets/quasi_alliance_cases.csv", members, 0);
    problems += check_coding("datasets/quasi_alliance_cases_coder_b.csv", members, 1);
    assert_int_equal(problems, 0);
    free(members);
}

/* The checks find what they are meant to find: one row per rule broken. */
static void test_checks_catch_errors(void **state)
{
    (void)state;
    static const char *const text =
        "case_id,members,start_year,end_year,ongoing,formed,security,political,economic,"
        "cognitive,value,era,size,formal_ally,target,target_source,end_reason,comparison_rule,"
        "notes\n"
        "era,A;B,1945,1950,0,1,1,1,1,1,1,pre_cold_war,bilateral,0,C,s,lapsed,formed,\n"
        "size,A;B;D,1950,1951,0,1,1,1,1,1,1,cold_war,bilateral,0,C,s,lapsed,formed,\n"
        "lower,A;B,1950,1951,0,1,1,3,1,1,1,cold_war,bilateral,0,C,s,lapsed,formed,"
        "political uncertain (2 or 3).\n"
        "aid,A;B,1950,1951,0,1,1,1,0,1,1,cold_war,bilateral,0,C,s,lapsed,formed,"
        "Economic: aid for security ends.\n"
        "spelling,a;B,1950,1951,0,1,1,1,1,1,1,cold_war,bilateral,0,C,s,lapsed,formed,\n"
        "variant,UK;B,1950,1951,0,1,1,1,1,1,1,cold_war,bilateral,0,C,s,lapsed,formed,\n"
        "target,A;B,1950,1951,0,1,1,1,1,1,1,cold_war,bilateral,0,,,lapsed,formed,\n"
        "rule,A;B,1950,,0,0,1,1,1,1,1,cold_war,bilateral,0,C,s,,,\n"
        "reason,A;B,1950,,1,1,1,1,1,1,1,cold_war,bilateral,0,C,s,lapsed,formed,\n"
        "ally,A;B,1950,1951,0,1,1,1,1,1,1,cold_war,bilateral,2,C,s,lapsed,formed,\n"
        "good,A;B,1950,1951,0,1,1,2,1,1,1,cold_war,bilateral,1,C,s,upgraded,formed,"
        "political uncertain (2 or 3). Economic: aid for security ends.\n";
    char *dir = qa_test_temp_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/broken.csv", dir);
    assert_int_equal(qa_test_write_file(path, text), 0);
    member_list *members = calloc(1, sizeof *members);
    assert_int_equal(check_coding(path, members, 0), 10);
    free(members);
    qa_test_remove_tree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checks_catch_errors),
        cmocka_unit_test(test_coder_a),
        cmocka_unit_test(test_coder_b),
        cmocka_unit_test(test_members_across_codings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
