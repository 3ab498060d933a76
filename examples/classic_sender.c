/*
 * classic_sender.c - chapter one: the classic samples' sender, as small as it gets.
 *
 * usage: classic_sender NAME TEXT   (TEXT in ASCII; the library's text.c does full UTF-8)
 * Opens or creates the named 2048-byte mapping "Local\NAME" (POSIX: /NAME.<uid>, as the apps
 * name it), copies TEXT into it as a UTF-16LE string at offset 0, front to back, and waits
 * until a receiver empties the slot (unit 0 back to 0). No lock and no ordering: chapter two
 * (README, "Teaching") shows what that costs. Exit 0 when taken, 3 after 10 s without.
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
#include <string.h>

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
    size_t n = argc == 3 ? strlen(argv[2]) : 0;
    if (n == 0 || n > VIEW_BYTES / 2 - 1) {
        fprintf(stderr, "usage: classic_sender NAME TEXT (1 to 1023 ASCII characters)\n");
        return 2;
    }
    volatile uint16_t *view = open_view(argv[1]);
    if (view == NULL) {
        fprintf(stderr, "classic_sender: cannot open the mapping '%s'\n", argv[1]);
        return 1;
    }
    for (size_t i = 0; i < n; i++) /* unit 0 first, as wcscpy does: a reader may see half */
        view[i] = (unsigned char)argv[2][i] < 128 ? (uint16_t)argv[2][i] : '?';
    view[n] = 0;
    for (int waited = 0; waited < 10000; waited += 10, sleep_ms(10))
        if (view[0] == 0)
            return 0; /* a receiver took it */
    fprintf(stderr, "classic_sender: no receiver took the message within 10 s\n");
    return 3;
}
