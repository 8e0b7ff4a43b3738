/* Safe output files: temporary name, then rename; see output_file.h. */
#include "qareport/output_file.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- signals while writing ---------------------------------------------------------------
 * SIGINT, SIGTERM or SIGHUP while an output is being written must leave no temporary file
 * and the previous report in place. Two ways were weighed:
 * - blocking the signals for the whole write and rename: Ctrl-C would wait as long as a large
 *   workbook takes, and then the new report would be put in place anyway, though the user
 *   asked to stop;
 * - a handler that removes the temporary files and re-raises the signal: the program stops at
 *   once, and the destination keeps the previous report. This is the one used.
 * The handler has to know which temporary files exist: the table below (and the dispositions
 * it replaced, restored when the last output is done) is the program's only process-wide
 * mutable state, and it exists only for the handler. Entries are filled and emptied with the
 * signals blocked, so the handler never reads a half-written path; the rename runs with the
 * signals blocked too, so a signal comes either before it (temporary file removed, previous
 * report kept) or after it (the new report complete in place), never in between. The handler
 * calls only unlink, sigaction and raise, which are async-signal-safe (POSIX 2.4.3). A signal
 * the process ignores (nohup's SIGHUP) stays ignored. */
enum { PENDING_MAX = 8, SIGNAL_COUNT = 3 };
static const int caught_signals[SIGNAL_COUNT] = {SIGINT, SIGTERM, SIGHUP};
static char pending_path[PENDING_MAX][QA_PATH_TEXT];
static volatile sig_atomic_t pending_used[PENDING_MAX];
static int pending_count;
static struct sigaction saved_action[SIGNAL_COUNT];
static bool handler_installed[SIGNAL_COUNT];

static void remove_pending_and_reraise(int signal_number)
{
    for (int i = 0; i < PENDING_MAX; i++)
        if (pending_used[i])
            unlink(pending_path[i]);
    for (int k = 0; k < SIGNAL_COUNT; k++)
        if (caught_signals[k] == signal_number)
            sigaction(signal_number, &saved_action[k], NULL);
    raise(signal_number); /* delivered when the handler returns, with the old disposition */
}

static void block_signals(sigset_t *previous)
{
    sigset_t set;
    sigemptyset(&set);
    for (int k = 0; k < SIGNAL_COUNT; k++)
        sigaddset(&set, caught_signals[k]);
    sigprocmask(SIG_BLOCK, &set, previous);
}

static void restore_signals(const sigset_t *previous)
{
    sigprocmask(SIG_SETMASK, previous, NULL);
}

/* Registers a temporary file for removal by the handler; -1 when the table is full (the file
 * is then not removed on a signal, nothing else changes). Called with the signals blocked. */
static int pending_add(const char *path)
{
    int slot = -1;
    for (int i = 0; i < PENDING_MAX && slot < 0; i++)
        if (!pending_used[i])
            slot = i;
    if (slot < 0)
        return -1;
    if (pending_count++ == 0)
        for (int k = 0; k < SIGNAL_COUNT; k++) {
            struct sigaction action = {0};
            handler_installed[k] = false;
            if (sigaction(caught_signals[k], NULL, &saved_action[k]) != 0 ||
                saved_action[k].sa_handler == SIG_IGN)
                continue;
            action.sa_handler = remove_pending_and_reraise;
            sigemptyset(&action.sa_mask);
            for (int j = 0; j < SIGNAL_COUNT; j++)
                sigaddset(&action.sa_mask, caught_signals[j]);
            handler_installed[k] = sigaction(caught_signals[k], &action, NULL) == 0;
        }
    snprintf(pending_path[slot], sizeof pending_path[slot], "%s", path);
    pending_used[slot] = 1;
    return slot;
}

/* Forgets the file of a slot; called with the signals blocked. */
static void pending_remove(int slot)
{
    if (slot < 0 || !pending_used[slot])
        return;
    pending_used[slot] = 0;
    if (--pending_count == 0)
        for (int k = 0; k < SIGNAL_COUNT; k++)
            if (handler_installed[k])
                sigaction(caught_signals[k], &saved_action[k], NULL);
}

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
    file->pending = -1;
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
    sigset_t previous;
    block_signals(&previous);
    int fd = mkstemp(file->temp_path);
    int saved = errno;
    if (fd >= 0)
        file->pending = pending_add(file->temp_path);
    restore_signals(&previous);
    if (fd < 0) {
        file->temp_path[0] = '\0';
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "cannot write: %s",
                            strerror(saved));
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
    sigset_t previous;
    block_signals(&previous);
    int renamed = rename(file->temp_path, file->final_path);
    int saved = errno;
    if (renamed == 0) {
        pending_remove(file->pending);
        file->pending = -1;
        file->temp_path[0] = '\0';
    }
    restore_signals(&previous);
    if (renamed != 0) {
        qa_output_abort(file);
        return qa_error_set(error, QA_ERR_IO, file->final_path, 0, NULL, NULL,
                            "cannot rename into place: %s", strerror(saved));
    }
    return QA_OK;
}

void qa_output_abort(qa_output_file *file)
{
    if (file->stream) {
        fclose(file->stream);
        file->stream = NULL;
    }
    sigset_t previous;
    block_signals(&previous);
    if (file->temp_path[0] && !file->direct)
        unlink(file->temp_path);
    file->temp_path[0] = '\0';
    pending_remove(file->pending);
    file->pending = -1;
    restore_signals(&previous);
}
