/*
 * ui_syscolors_win32.c - the desktop's colour settings on Windows: the app mode the
 * Settings app writes (Personalization > Colors, "Choose your default app mode") as the
 * DWORD AppsUseLightTheme under HKCU\Software\Microsoft\Windows\CurrentVersion\Themes\
 * Personalize (0 = dark, 1 = light; absent on Windows before 10 1809: light), and high
 * contrast as SystemParametersInfoW(SPI_GETHIGHCONTRAST) reports it (HCF_HIGHCONTRASTON).
 */
#include <windows.h>

#include "ui_syscolors.h"

#include <stdio.h>
#include <string.h>

#define PERSONALIZE L"Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize"

void sm_ui_syscolors_query(sm_ui_syscolors *out)
{
    memset(out, 0, sizeof *out);
    HIGHCONTRASTW high = {0};
    high.cbSize = sizeof high;
    out->contrast = SystemParametersInfoW(SPI_GETHIGHCONTRAST, sizeof high, &high, 0) &&
                    (high.dwFlags & HCF_HIGHCONTRASTON) != 0;
    DWORD light = 1, size = sizeof light;
    LSTATUS status = RegGetValueW(HKEY_CURRENT_USER, PERSONALIZE, L"AppsUseLightTheme",
                                  RRF_RT_REG_DWORD, NULL, &light, &size);
    if (status == ERROR_SUCCESS) {
        out->scheme = light == 0 ? SM_UI_SCHEME_DARK : SM_UI_SCHEME_LIGHT;
        snprintf(out->why, sizeof out->why, "registry AppsUseLightTheme=%lu high-contrast=%d",
                 (unsigned long)light, out->contrast ? 1 : 0);
    } else {
        snprintf(out->why, sizeof out->why,
                 "no AppsUseLightTheme in the registry (error %ld) high-contrast=%d", (long)status,
                 out->contrast ? 1 : 0);
    }
}

/* Not followed: it would take WM_SETTINGCHANGE ("ImmersiveColorSet") from SDL's window
   procedure; the theme is chosen when the window opens. */
bool sm_ui_syscolors_follow(const sm_ui_syscolors *now)
{
    (void)now;
    return false;
}
