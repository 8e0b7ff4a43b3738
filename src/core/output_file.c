/* Safe output files: temporary name, then rename; see output_file.h. */
#include "qareport/output_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* True when both paths name the same existing file (same device and inode). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Creates the folders of `path` that are missing (like mkdir -p of its dirname). */
static qa_status make_parent(const char *path, qa_error *error)
{
    char folder[QA_PATH_TEXT];
    snprintf(folder, sizeof folder, "%s", path);
    char *slash = strrchr(folder, '/');
    if (!slash || slash == folder)
        return QA_OK;
    *slash = '\0';
    for (char *p = folder + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(folder, 0777) != 0 && errno != EEXIST)
            return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL,
                                "cannot create folder %s: %s", folder, strerror(errno));
        *p = '/';
    }
    if (mkdir(folder, 0777) != 0 && errno != EEXIST)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot create folder %s: %s",
                            folder, strerror(errno));
    return QA_OK;
}

qa_status qa_output_begin(qa_output_file *file, const char *path, const char *const *inputs,
                          int input_count, bool open_stream, qa_error *error)
{
    memset(file, 0, sizeof *file);
    for (int i = 0; i < input_count; i++)
        if (inputs[i] && (strcmp(inputs[i], path) == 0 || same_file(inputs[i], path)))
            return qa_error_set(error, QA_ERR_USAGE, path, 0, NULL, NULL,
                                "refusing to write over the input file %s", inputs[i]);
    if (strlen(path) + 16 >= sizeof file->temp_path)
        return qa_error_set(error, QA_ERR_USAGE, path, 0, NULL, NULL, "output path too long");
    snprintf(file->final_path, sizeof file->final_path, "%s", path);
    struct stat existing;
    if (stat(path, &existing) == 0 && !S_ISREG(existing.st_mode)) {
        /* A device or pipe (-o /dev/null): a temporary file renamed over it would replace
         * the device itself, so it is written in place. */
        if (S_ISDIR(existing.st_mode))
            return qa_error_set(error, QA_ERR_USAGE, path, 0, NULL, NULL,
                                "the output %s is a directory", path);
        file->direct = true;
        snprintf(file->temp_path, sizeof file->temp_path, "%s", path);
        if (open_stream && !(file->stream = fopen(path, "wb")))
            return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot write: %s",
                                strerror(errno));
        return QA_OK;
    }
    qa_status status = make_parent(path, error);
    if (status != QA_OK)
        return status;
    snprintf(file->temp_path, sizeof file->temp_path, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(file->temp_path);
    if (fd < 0) {
        file->temp_path[0] = '\0';
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot write: %s",
                            strerror(errno));
    }
    if (open_stream) {
        file->stream = fdopen(fd, "wb");
        if (!file->stream) {
            close(fd);
            qa_output_abort(file);
            return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot write: %s",
                                strerror(errno));
        }
    } else {
        close(fd);
    }
    return QA_OK;
}

qa_status qa_output_commit(qa_output_file *file, qa_error *error)
{
    if (file->stream) {
        int failed = ferror(file->stream);
        failed |= fclose(file->stream) != 0;
        file->stream = NULL;
        if (failed) {
            qa_output_abort(file);
            return qa_error_set(error, QA_ERR_IO, file->final_path, 0, NULL, NULL,
                                "write failed (disk full?)");
        }
    }
    if (file->direct)
        return QA_OK;
    /* mkstemp creates 0600; reports are ordinary files. */
    mode_t mask = umask(0);
    umask(mask);
    chmod(file->temp_path, 0666 & ~mask);
    if (rename(file->temp_path, file->final_path) != 0) {
        int saved = errno;
        qa_output_abort(file);
        return qa_error_set(error, QA_ERR_IO, file->final_path, 0, NULL, NULL,
                            "cannot rename into place: %s", strerror(saved));
    }
    file->temp_path[0] = '\0';
    return QA_OK;
}

void qa_output_abort(qa_output_file *file)
{
    if (file->stream) {
        fclose(file->stream);
        file->stream = NULL;
    }
    if (file->temp_path[0] && !file->direct)
        unlink(file->temp_path);
    file->temp_path[0] = '\0';
}
