/* test_dbwin.c - the debug-output channel (dbwin.h): text repair, parts, monitor and writer. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dbwin.h"
#include "mapping.h"
#include "os_process.h"
#include "test.h"

TEST(dbwin_utf8_repair)
{
    char out[64];
    bool bad = true;
    /* Well-formed text passes unchanged; one trailing newline (LF or CRLF) goes. */
    ASSERT_EQ(sm_dbwin_utf8_repair("caf\xC3\xA9 \xE4\xB8\xAD\r\n", 11, out, sizeof out, &bad), 9);
    ASSERT_STR_EQ(out, "caf\xC3\xA9 \xE4\xB8\xAD");
    ASSERT(!bad);
    ASSERT_EQ(sm_dbwin_utf8_repair("a\n\n", 3, out, sizeof out, &bad), 2);
    ASSERT_STR_EQ(out, "a\n");
    /* Each ill-formed byte becomes U+FFFD and is flagged: a CP1252 e-acute, a lone lead, a
     * surrogate. */
    ASSERT_EQ(sm_dbwin_utf8_repair("x\xE9y\xC3", 4, out, sizeof out, &bad), 8);
    ASSERT_STR_EQ(out, "x\xEF\xBF\xBDy\xEF\xBF\xBD");
    ASSERT(bad);
    ASSERT_EQ(sm_dbwin_utf8_repair("\xED\xA0\x80", 3, out, sizeof out, &bad), 9);
    ASSERT(bad);
    /* A small out is filled up to a character boundary, never past it. */
    ASSERT_EQ(sm_dbwin_utf8_repair("ab\xC3\xA9", 4, out, 4, &bad), 2);
    ASSERT_STR_EQ(out, "ab");
    return 0;
}

TEST(dbwin_part_length)
{
    ASSERT_EQ(sm_dbwin_part_length("abc", 3, 10), 3);
    ASSERT_EQ(sm_dbwin_part_length("abcdef", 6, 4), 4);
    /* "ab" then U+00E9 (2 bytes): a cut at 3 would split it, so the part ends at 2. */
    ASSERT_EQ(sm_dbwin_part_length("ab\xC3\xA9z", 5, 3), 2);
    /* U+4E2D (3 bytes) at 1: a cut at 2 or 3 backs up to 1. */
    ASSERT_EQ(sm_dbwin_part_length("a\xE4\xB8\xADz", 5, 3), 1);
    return 0;
}

TEST(dbwin_text_to_utf8)
{
    char out[64];
    bool bad = true;
    ASSERT_EQ(sm_dbwin_text_to_utf8("hello\n", 6, out, sizeof out, &bad), 5);
    ASSERT_STR_EQ(out, "hello");
    ASSERT(!bad);
#ifndef _WIN32
    /* POSIX: the buffer holds UTF-8, so a Latin-1 byte is ill-formed. */
    ASSERT_EQ(sm_dbwin_text_to_utf8("\xE9t\xE9", 3, out, sizeof out, &bad), 7);
    ASSERT(bad);
#else
    /* Windows: the ANSI code page (CP1252 under Wine's default): 0xE9 is U+00E9. */
    ASSERT_EQ(sm_dbwin_text_to_utf8("\xE9t\xE9", 3, out, sizeof out, &bad), 5);
    ASSERT_STR_EQ(out, "\xC3\xA9t\xC3\xA9");
#endif
    return 0;
}

#ifndef _WIN32
/* A test's own buffer name (at most 31 bytes as a POSIX name: short). */
static void dbwin_name(char *out, size_t size, const char *tag)
{
    snprintf(out, size, "dbw%lu%s", sm_process_id(), tag);
}

typedef struct writer_job {
    const char *name;
    const char *text;
    sm_status status;
} writer_job;

static int writer_thread(void *arg)
{
    writer_job *job = arg;
    sm_error err;
    job->status = sm_dbwin_write(job->name, false, job->text, 5000, &err);
    return 0;
}
#endif

TEST(dbwin_name_writer)
{
    static sm_dbwin_names names; /* zeroed: nothing looked up yet */
    char name[SM_DBWIN_PROCESS_BYTES];
#if defined(_WIN32)
    const char *ours = "samplemap_unit_tests.exe";
#else
    const char *ours = "samplemap_unit_"; /* Linux's comm: the file's name cut to 15 bytes */
#endif
    sm_dbwin_name_writer(&names, sm_process_id(), name, sizeof name);
    ASSERT_STR_EQ(name, ours);
    /* No such process (pid 0 is never a writer): "?". */
    sm_dbwin_name_writer(&names, 0, name, sizeof name);
    ASSERT_STR_EQ(name, "?");
    /* A name looked up lately is taken from the cache, not from the OS... */
    for (size_t i = 0; i < SM_DBWIN_NAME_CACHE; i++)
        if (names.recent[i].pid == sm_process_id())
            snprintf(names.recent[i].name, sizeof names.recent[i].name, "cached");
    sm_dbwin_name_writer(&names, sm_process_id(), name, sizeof name);
    ASSERT_STR_EQ(name, "cached");
    /* ...and looked up again once it is SM_DBWIN_NAME_CACHE_MS old (the pid may be reused). */
    for (size_t i = 0; i < SM_DBWIN_NAME_CACHE; i++)
        if (names.recent[i].pid == sm_process_id())
            names.recent[i].when -= SM_DBWIN_NAME_CACHE_MS;
    sm_dbwin_name_writer(&names, sm_process_id(), name, sizeof name);
    ASSERT_STR_EQ(name, ours);
    /* A small out gets a cut name, NUL-terminated... */
    sm_dbwin_name_writer(&names, sm_process_id(), name, 5);
    ASSERT_STR_EQ(name, "samp");
    /* ...and a lookup into a small out still keeps the whole name for the next caller. */
    for (size_t i = 0; i < SM_DBWIN_NAME_CACHE; i++)
        if (names.recent[i].pid == sm_process_id())
            names.recent[i].when -= SM_DBWIN_NAME_CACHE_MS;
    sm_dbwin_name_writer(&names, sm_process_id(), name, 5);
    ASSERT_STR_EQ(name, "samp");
    sm_dbwin_name_writer(&names, sm_process_id(), name, sizeof name);
    ASSERT_STR_EQ(name, ours);
    return 0;
}

TEST(dbwin_monitor_receives)
{
#ifdef _WIN32
    return 77; /* the names are the system's: process.dbwin_wine_* test it under Wine */
#else
    char name[32];
    dbwin_name(name, sizeof name, "r");
    sm_error err;
    sm_dbwin_monitor *monitor = NULL;
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &monitor, &err), SM_OK);
    sm_dbwin_entry entry;
    /* Nobody writes: a bounded wait that times out, and the monitor is still usable. */
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 20, &entry, &err), SM_ERR_TIMEOUT);
    writer_job job = {name, "hello \xE4\xB8\xAD\n", SM_ERR_SYSTEM};
    test_thread *writer = test_thread_start(writer_thread, &job);
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 5000, &entry, &err), SM_OK);
    ASSERT_EQ(test_thread_join(writer), 0);
    ASSERT_EQ(job.status, SM_OK);
    ASSERT_EQ(entry.pid, sm_process_id());
    ASSERT_STR_EQ(entry.process, "samplemap_unit_"); /* the writer is our thread */
    ASSERT_EQ(entry.length, strlen("hello \xE4\xB8\xAD\n"));
    ASSERT_STR_EQ(entry.text, "hello \xE4\xB8\xAD\n");
    /* A long text arrives in parts of at most SM_DBWIN_TEXT_MAX bytes, in order. */
    static char long_text[10001];
    for (size_t i = 0; i < 10000; i++)
        long_text[i] = (char)('a' + i % 26);
    job.text = long_text;
    writer = test_thread_start(writer_thread, &job);
    size_t expect[] = {SM_DBWIN_TEXT_MAX, SM_DBWIN_TEXT_MAX, 10000 - 2 * SM_DBWIN_TEXT_MAX};
    size_t offset = 0;
    for (size_t part = 0; part < 3; part++) {
        ASSERT_EQ(sm_dbwin_monitor_next(monitor, 5000, &entry, &err), SM_OK);
        ASSERT_EQ(entry.length, expect[part]);
        ASSERT_MEM_EQ(entry.text, long_text + offset, entry.length);
        offset += entry.length;
    }
    ASSERT_EQ(test_thread_join(writer), 0);
    ASSERT_EQ(job.status, SM_OK);
    sm_dbwin_monitor_close(monitor);
    /* Closed: a writer finds no monitor and returns at once. */
    ASSERT_EQ(sm_dbwin_write(name, false, "late", 5000, &err), SM_ERR_NOT_FOUND);
    return 0;
#endif
}

TEST(dbwin_second_monitor_refused)
{
#ifdef _WIN32
    return 77; /* process.dbwin_wine_second_monitor */
#else
    char name[32];
    dbwin_name(name, sizeof name, "s");
    sm_error err;
    sm_dbwin_monitor *first = NULL, *second = NULL;
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &first, &err), SM_OK);
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &second, &err), SM_ERR_HELD);
    ASSERT_NULL(second);
    ASSERT_CONTAINS(err.message, "another debug-output monitor");
    /* The first still works: a writer reaches it. */
    writer_job job = {name, "still mine", SM_ERR_SYSTEM};
    test_thread *writer = test_thread_start(writer_thread, &job);
    sm_dbwin_entry entry;
    ASSERT_EQ(sm_dbwin_monitor_next(first, 5000, &entry, &err), SM_OK);
    ASSERT_EQ(test_thread_join(writer), 0);
    ASSERT_STR_EQ(entry.text, "still mine");
    sm_dbwin_monitor_close(first);
    /* Once it left, a new monitor may own the name. */
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &second, &err), SM_OK);
    sm_dbwin_monitor_close(second);
    return 0;
#endif
}

/*
 * Anyone who may write the buffer may scribble on it (docs/dbwin.md): a text with no NUL, a
 * DATA_READY nobody earned, a BUFFER_READY taken by a writer that died. The monitor copies
 * at most SM_DBWIN_TEXT_MAX bytes with its own NUL, and frees a dead writer's buffer.
 */
TEST(dbwin_hostile_buffer)
{
#ifdef _WIN32
    return 77; /* the Windows objects: process.dbwin_wine_* */
#else
    char name[32], full[48];
    dbwin_name(name, sizeof name, "h");
    snprintf(full, sizeof full, "Local\\%s", name);
    sm_error err;
    sm_dbwin_monitor *monitor = NULL;
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &monitor, &err), SM_OK);
    sm_mapping *raw = NULL;
    ASSERT_EQ(sm_mapping_open_existing(full, SM_DBWIN_BUFFER_BYTES + 16, &raw, &err), SM_OK);
    unsigned char *view = sm_mapping_view(raw);
    _Atomic uint32_t *buffer_ready = (_Atomic uint32_t *)(view + 4096);
    _Atomic uint32_t *data_ready = (_Atomic uint32_t *)(view + 4100);
    sm_dbwin_entry entry;
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 1, &entry, &err), SM_ERR_TIMEOUT); /* frees it */
    ASSERT_EQ(atomic_load(buffer_ready), 0xFFFFFFFFu);
    /* No NUL anywhere, and a DATA_READY without taking the buffer. */
    memset(view, 'x', SM_DBWIN_BUFFER_BYTES);
    atomic_store(data_ready, 1);
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 1000, &entry, &err), SM_OK);
    ASSERT_EQ(entry.length, SM_DBWIN_TEXT_MAX);
    ASSERT_EQ(entry.text[SM_DBWIN_TEXT_MAX], '\0');
    ASSERT_EQ(entry.pid, 0x78787878ul);
    /* A "writer" (a pid no process has) took the buffer and never wrote: freed within a check. */
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 1, &entry, &err), SM_ERR_TIMEOUT);
    atomic_store(buffer_ready, 0x7FFFFFF0u);
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 2 * SM_DBWIN_CHECK_MS, &entry, &err), SM_ERR_TIMEOUT);
    ASSERT_EQ(atomic_load(buffer_ready), 0xFFFFFFFFu);
    /* And a real writer still gets through. */
    writer_job job = {name, "after the scribbling", SM_ERR_SYSTEM};
    test_thread *writer = test_thread_start(writer_thread, &job);
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 5000, &entry, &err), SM_OK);
    ASSERT_EQ(test_thread_join(writer), 0);
    ASSERT_STR_EQ(entry.text, "after the scribbling");
    sm_mapping_close(raw);
    sm_dbwin_monitor_close(monitor);
    return 0;
#endif
}

/* The buffer is free once open returns (the receiver's ready line), before the first
 * sm_dbwin_monitor_next: a monitor stopped right after it still gets the message. */
TEST(dbwin_buffer_free_at_open)
{
#ifdef _WIN32
    return 77; /* the names are the system's: process.dbwin_wine_* test it under Wine */
#else
    char name[32];
    dbwin_name(name, sizeof name, "f");
    sm_error err;
    sm_dbwin_monitor *monitor = NULL;
    ASSERT_EQ(sm_dbwin_monitor_open(name, false, &monitor, &err), SM_OK);
    /* Nobody reads yet: the text is written and stays in the buffer (not "kept busy"). */
    ASSERT_EQ(sm_dbwin_write(name, false, "early", 50, &err), SM_ERR_TIMEOUT);
    ASSERT_CONTAINS(err.message, "stays in the buffer");
    sm_dbwin_entry entry;
    ASSERT_EQ(sm_dbwin_monitor_next(monitor, 5000, &entry, &err), SM_OK);
    ASSERT_STR_EQ(entry.text, "early");
    sm_dbwin_monitor_close(monitor);
    return 0;
#endif
}

TEST(dbwin_write_without_monitor)
{
    sm_error err;
    unsigned long long start = sm_monotonic_ms();
#ifndef _WIN32
    char name[32];
    dbwin_name(name, sizeof name, "n");
    ASSERT_EQ(sm_dbwin_write(name, false, "nobody", 10000, &err), SM_ERR_NOT_FOUND);
    ASSERT_CONTAINS(err.message, "no debug-output monitor");
    ASSERT_EQ(sm_dbwin_write(name, false, NULL, 10000, &err), SM_ERR_INVALID_ARGUMENT);
#else
    ASSERT_EQ(sm_dbwin_write("other", false, "x", 10000, &err), SM_ERR_NAME);
#endif
    /* sm_debug_output: no report, no wait when nobody listens (it returns well within its bound).
     */
    sm_debug_output("unit test: nobody listens");
    sm_debug_output(NULL);
    ASSERT_LT(sm_monotonic_ms() - start, 2000);
    return 0;
}
