/* ui_primary.c - the primary selection through SDL, where the desktop has one. */
#include "ui_primary.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

bool sm_ui_primary_driver_has(const char *driver)
{
    /* The drivers whose SDL_SetPrimarySelectionText reaches the desktop (SDL 2.26). */
    return driver != NULL && (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0);
}

bool sm_ui_primary_available(void)
{
    return sm_ui_primary_driver_has(SDL_GetCurrentVideoDriver());
}

bool sm_ui_primary_set(const char *text, size_t n)
{
    if (n == 0 || !sm_ui_primary_available())
        return false;
    char *copy = malloc(n + 1); /* SDL takes a NUL-terminated string */
    if (copy == NULL)
        return false;
    memcpy(copy, text, n);
    copy[n] = '\0';
    bool set = SDL_SetPrimarySelectionText(copy) == 0;
    free(copy);
    return set;
}

char *sm_ui_primary_get(void)
{
    if (!sm_ui_primary_available())
        return NULL;
    char *text = SDL_GetPrimarySelectionText();
    if (text != NULL && text[0] == '\0') {
        SDL_free(text);
        text = NULL;
    }
    return text;
}
