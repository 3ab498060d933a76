/*
 * classic_receiver.c - chapter one: the classic samples' receiver, as small as it gets.
 *
 * usage: classic_receiver NAME
 * Opens or creates the named 2048-byte mapping "Local\NAME" (POSIX: /NAME.<uid>), says
 * "ready" on stderr, then looks at unit 0 every 200 ms: 0 means empty; anything else means a
 * message. It copies the string up to its NUL (never past the view), prints it (units outside
 * ASCII as '?'), stores 0 into unit 0 to say "taken", and exits. No lock: chapter two (README,
 * "Teaching") shows the message a writer stores between the copy and the clear, wiped unseen.
 */
#ifdef _WIN32
#include <windows.h>
#define sleep_ms(ms) Sleep(ms)
#else
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
static void sleep_ms(long ms)
{
    nanosleep(&(struct timespec){0, ms * 1000000L}, NULL);
}
#endif
#include <stdint.h>
#include <stdio.h>

#define VIEW_BYTES 2048 /* wchar_t[1024] of the classic samples: 1023 units and a NUL */

static volatile uint16_t *open_view(const char *name)
{
    char full[256];
#ifdef _WIN32
    snprintf(full, sizeof full, "Local\\%s", name);
    HANDLE map =
        CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, VIEW_BYTES, full);
    return map ? MapViewOfFile(map, FILE_MAP_ALL_ACCESS, 0, 0, VIEW_BYTES) : NULL;
#else
    snprintf(full, sizeof full, "/%s.%lu", name, (unsigned long)getuid());
    int fd = shm_open(full, O_RDWR | O_CREAT, 0600); /* a new object is all zeros: empty */
    if (fd < 0 || ftruncate(fd, VIEW_BYTES) != 0)
        return NULL;
    void *view = mmap(NULL, VIEW_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    return view == MAP_FAILED ? NULL : view;
#endif
}

int main(int argc, char **argv)
{
    volatile uint16_t *view = argc == 2 ? open_view(argv[1]) : NULL;
    if (view == NULL) {
        fprintf(stderr, argc == 2 ? "classic_receiver: cannot open the mapping\n"
                                  : "usage: classic_receiver NAME\n");
        return argc == 2 ? 1 : 2;
    }
    fprintf(stderr, "ready\n");
    while (view[0] == 0) /* the classic poll: the empty slot is unit 0 == 0 */
        sleep_ms(200);
    char text[VIEW_BYTES / 2];
    size_t n = 0;
    for (; n < VIEW_BYTES / 2 - 1 && view[n] != 0; n++)
        text[n] = view[n] < 128 ? (char)view[n] : '?';
    text[n] = '\0';
    view[0] = 0; /* "taken": the slot is empty again */
    printf("%s\n", text);
    return 0;
}
