/* test_advice.c - the apps' advice by status (advice.h): what to do, naming the flag. */
#include <string.h>

#include "advice.h"
#include "test.h"

/* The library says what happened; the apps add the way out in their flags, once. */
TEST(app_advice)
{
    sm_error err;
    sm_error_set(&err, SM_ERR_HELD, "channel 'Local\\x' is held by another process");
    sm_app_advise(&err, "Local\\x");
    ASSERT_STR_EQ(err.message, "channel 'Local\\x' is held by another process; resume or end "
                               "that process, or raise --timeout");
    sm_app_advise(&err, "Local\\x"); /* once only */
    ASSERT_STR_EQ(err.message, "channel 'Local\\x' is held by another process; resume or end "
                               "that process, or raise --timeout");
    sm_error_set(&err, SM_ERR_DAMAGED, "damaged");
    sm_app_advise(&err, "Global\\x");
    ASSERT_CONTAINS(err.message, "--unlink");
    ASSERT_CONTAINS(err.message, "or use a Local name");
    sm_error_set(&err, SM_ERR_WRONG_SIZE, "too small");
    sm_app_advise(&err, "Local\\x");
    ASSERT_CONTAINS(err.message, "--view-size");
    sm_error_set(&err, SM_ERR_NAME, "mapping name is empty; give one such as 'Local\\SampleMap'");
    sm_app_advise(&err, "");
    ASSERT_STR_EQ(err.message, "mapping name is empty; give one such as 'Local\\SampleMap'");
    /* A full message is cut, never overflowed. */
    memset(err.message, 'a', sizeof err.message - 1);
    err.message[sizeof err.message - 1] = '\0';
    err.code = SM_ERR_TIMEOUT;
    sm_app_advise(&err, "Local\\x");
    ASSERT_EQ(strlen(err.message), sizeof err.message - 1);
    return 0;
}
