/* test_error.c - the error model (error.h): statuses, their names, the OS's word kept. */
#include <errno.h>
#include <string.h>

#include "error.h"
#include "mapping.h"
#include "test.h"

/*
 * A failed OS call keeps its number and name beside the message; a plain
 * error clears them; a real failure through the seam fills them in.
 */
TEST(error_keeps_os_word)
{
    sm_error err;
    ASSERT_EQ(sm_error_set_os(&err, SM_ERR_PERMISSION, EACCES, "shm_open", "open %s", "x"),
              SM_ERR_PERMISSION);
    ASSERT_EQ(err.code, SM_ERR_PERMISSION);
    ASSERT_EQ(err.os_error, EACCES);
    ASSERT_STR_EQ(err.call, "shm_open");
    ASSERT_STR_EQ(err.message, "open x");
    ASSERT_EQ(sm_error_set(&err, SM_ERR_NAME, "plain"), SM_ERR_NAME);
    ASSERT_EQ(err.os_error, 0);
    ASSERT_STR_EQ(err.call, "");
    sm_error_set_os(&err, SM_ERR_SYSTEM, 5, "f", "m");
    sm_error_clear(&err);
    ASSERT_EQ(err.code, SM_OK);
    ASSERT_EQ(err.os_error, 0);
    ASSERT_EQ(err.call[0], '\0');
    ASSERT_EQ(err.message[0], '\0');

    /* The C library's words, into our buffer; a number it does not know still gets text. */
    char words[128];
    ASSERT_CONTAINS(sm_errno_text(ENOENT, words, sizeof words), "No such file");
    ASSERT_GT(strlen(sm_errno_text(123456, words, sizeof words)), 0);
    char tiny[4];
    ASSERT_LT(strlen(sm_errno_text(ENOENT, tiny, sizeof tiny)), sizeof tiny); /* cut, terminated */

    /* Through the seam: opening a name nobody made fails in a named OS call with its number. */
    char name[64];
    test_unique_name(name, sizeof name, "noobj");
    sm_mapping *m = NULL;
    ASSERT_EQ(sm_mapping_open_existing(name, 64, &m, &err), SM_ERR_NOT_FOUND);
    ASSERT_NE(err.os_error, 0);
    ASSERT_GT(strlen(err.call), 0);
    ASSERT_CONTAINS(err.message, err.call);
    return 0;
}

TEST(error_set_and_clear)
{
    sm_error err;
    ASSERT_EQ(sm_error_set(&err, SM_ERR_NAME, "bad %s %d", "name", 7), SM_ERR_NAME);
    ASSERT_EQ(err.code, SM_ERR_NAME);
    ASSERT_STR_EQ(err.message, "bad name 7");
    /* An over-long message is cut, never overflowed. */
    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    sm_error_set(&err, SM_ERR_SYSTEM, "%s", big);
    ASSERT_EQ(strlen(err.message), SM_ERROR_MESSAGE_MAX - 1);
    sm_error_clear(&err);
    ASSERT_EQ(err.code, SM_OK);
    ASSERT_STR_EQ(err.message, "");
    ASSERT_EQ(sm_error_set(NULL, SM_BUSY, "ignored"), SM_BUSY); /* NULL err is allowed */
    sm_error_clear(NULL);
    return 0;
}

TEST(status_names)
{
    ASSERT_STR_EQ(sm_status_name(SM_OK), "ok");
    ASSERT_STR_EQ(sm_status_name(SM_BUSY), "slot full");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_WRONG_SIZE), "wrong size object");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_ABI), "lock of another ABI");
    ASSERT_STR_EQ(sm_status_name(SM_ERR_BUFFER_TOO_SMALL), "buffer too small");
    ASSERT_STR_EQ(sm_status_name((sm_status)999), "unknown status");
    return 0;
}
