/* Shared parts of the fuzz targets; see fuzz_common.h. */
#include "fuzz_common.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output_check.h"
#include "qareport/cli.h"

static char dir[256];

static void remove_dir(void)
{
    fuzz_clean();
    rmdir(dir);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s/qareport-fuzz-XXXXXX", base && *base ? base : P_tmpdir);
        if (!mkdtemp(dir))
            fuzz_finding("cannot create a temporary folder");
        atexit(remove_dir);
    }
    return dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size, char *path,
                       size_t path_size)
{
    snprintf(path, path_size, "%s/%s", fuzz_dir(), name);
    FILE *file = fopen(path, "wb");
    if (!file || (size && fwrite(data, 1, size, file) != size) || fclose(file) != 0)
        fuzz_finding("cannot write %s", path);
    return path;
}

void fuzz_clean(void)
{
    DIR *d = opendir(fuzz_dir());
    if (!d)
        return;
    struct dirent *entry;
    char path[600];
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        unlink(path);
    }
    closedir(d);
}

void fuzz_finding(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("FUZZ FINDING: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    abort();
}

void fuzz_split(const uint8_t *data, size_t size, const char *marker, size_t *first_size,
                const uint8_t **rest, size_t *rest_size)
{
    size_t k = strlen(marker);
    for (size_t at = 0; at + k <= size; at++)
        if (memcmp(data + at, marker, k) == 0) {
            *first_size = at;
            *rest = data + at + k;
            *rest_size = size - at - k;
            return;
        }
    *first_size = size;
    *rest = NULL;
    *rest_size = 0;
}

int fuzz_options(const uint8_t **data, size_t *size, const char *const *allowed, char words[][65],
                 int max_words)
{
    if (*size < 2 || memcmp(*data, "#!", 2) != 0)
        return 0;
    size_t end = 2;
    while (end < *size && (*data)[end] != '\n')
        end++;
    int count = 0;
    size_t at = 2;
    while (at < end) {
        while (at < end && (*data)[at] == ' ')
            at++;
        size_t begin = at;
        while (at < end && (*data)[at] != ' ')
            at++;
        if (at == begin)
            continue;
        if (count == max_words || at - begin > 64 || memchr(*data + begin, '\0', at - begin))
            return -1;
        memcpy(words[count], *data + begin, at - begin);
        words[count][at - begin] = '\0';
        if (words[count][0] == '-') {
            bool ok = false;
            size_t name_length = strcspn(words[count], "=");
            for (const char *const *a = allowed; *a && !ok; a++)
                ok = strlen(*a) == name_length && strncmp(*a, words[count], name_length) == 0;
            if (!ok)
                return -1;
        }
        count++;
    }
    *data += end < *size ? end + 1 : end;
    *size -= end < *size ? end + 1 : end;
    return count;
}

static bool exists(const char *path)
{
    struct stat s;
    return stat(path, &s) == 0;
}

static void no_temporary_left(void)
{
    DIR *d = opendir(fuzz_dir());
    if (!d)
        return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL)
        if (strstr(entry->d_name, ".tmp-")) {
            char name[256];
            snprintf(name, sizeof name, "%s", entry->d_name);
            closedir(d);
            fuzz_finding("temporary file left behind: %s", name);
        }
    closedir(d);
}

void fuzz_run_and_check(int argc, char **argv, const char *workbook, const char *json)
{
    if (workbook)
        unlink(workbook);
    if (json)
        unlink(json);
    int status = qa_cli_main(argc, argv);
    no_temporary_left();
    if (status != 0 && status != 2)
        fuzz_finding("exit status %d (only 0 and 2 are expected for any input)", status);
    char message[512];
    if (status == 2) {
        if ((workbook && exists(workbook)) || (json && exists(json)))
            fuzz_finding("exit status 2 but an output was written");
        return;
    }
    if (workbook) {
        size_t longest = 0;
        if (qa_check_workbook(workbook, &longest, message, sizeof message))
            fuzz_finding("%s", message);
        if (longest > 32767)
            fuzz_finding("a workbook string of %zu characters (Excel's limit is 32,767)", longest);
    }
    if (json && qa_check_json_file(json, message, sizeof message))
        fuzz_finding("%s", message);
}
