/*
 * ui_theme.c - the values of the three themes. Every text colour meets WCAG 2.2 AA
 * on every background it is drawn on, selection included: 4.5:1 in light and dark,
 * 7:1 (AAA's level, what a person who asks for high contrast needs) in high contrast
 * (unit.ui_theme_contrast_aa, _dark and _contrast list the pairs).
 */
#include "ui_theme.h"

#include <stddef.h>

/* The look the windows always had: dark text on white and light grey. */
const sm_ui_theme sm_ui_theme_light = {
    .name = "light",
    .background = {246, 247, 249, 255},
    .panel = {255, 255, 255, 255},
    .border = {196, 201, 210, 255},
    .text = {28, 31, 36, 255},
    .dim = {92, 99, 112, 255},
    .accent = {29, 85, 216, 255},
    .accent_hover = {20, 68, 180, 255}, /* darker: white on a lighter blue fell to 4.2:1 */
    .accent_text = {255, 255, 255, 255},
    .disabled = {196, 201, 210, 255},
    .disabled_text = {255, 255, 255, 255},
    .good = {18, 112, 58, 255},
    .warning = {156, 72, 0, 255},
    .error = {190, 30, 30, 255},
    .field = {255, 255, 255, 255},
    .composition = {29, 85, 216, 255},
    .selection = {214, 232, 255, 255},
    .match = {255, 226, 122, 255},
    .match_current = {255, 168, 64, 255},
    .shade = {20, 24, 32, 150},
    .body_px = 16,
    .small_px = 13,
    .pad = 10,
};

/* Light text on dark grey; the accent turns light, so its button label turns dark. */
const sm_ui_theme sm_ui_theme_dark = {
    .name = "dark",
    .background = {30, 32, 36, 255},
    .panel = {38, 41, 46, 255},
    .border = {92, 99, 112, 255},
    .text = {232, 234, 238, 255},
    .dim = {168, 175, 187, 255},
    .accent = {125, 170, 255, 255},
    .accent_hover = {160, 195, 255, 255},
    .accent_text = {18, 22, 30, 255},
    .disabled = {72, 77, 87, 255},
    .disabled_text = {170, 176, 186, 255},
    .good = {95, 200, 130, 255},
    .warning = {240, 170, 80, 255},
    .error = {255, 128, 118, 255},
    .field = {24, 26, 30, 255},
    .composition = {125, 170, 255, 255},
    .selection = {35, 55, 95, 255},
    .match = {110, 85, 10, 255},
    .match_current = {150, 80, 20, 255},
    .shade = {0, 0, 0, 170},
    .body_px = 16,
    .small_px = 13,
    .pad = 10,
};

/*
 * High contrast the way Windows' and GNOME's own look: white text on black, yellow for
 * what acts (focus, buttons), white frames. Backgrounds that mark text (selection, found
 * text) stay dark so the one text colour keeps 7:1 on them.
 */
const sm_ui_theme sm_ui_theme_contrast = {
    .name = "contrast",
    .background = {0, 0, 0, 255},
    .panel = {0, 0, 0, 255},
    .border = {255, 255, 255, 255},
    .text = {255, 255, 255, 255},
    .dim = {215, 215, 215, 255},
    .accent = {255, 255, 0, 255},
    .accent_hover = {255, 255, 170, 255},
    .accent_text = {0, 0, 0, 255},
    .disabled = {64, 64, 64, 255},
    .disabled_text = {200, 200, 200, 255}, /* grey, unlike every button that acts */
    .good = {0, 255, 0, 255},
    .warning = {255, 170, 60, 255}, /* orange: "queued" apart from "sent" (yellow) */
    .error = {255, 140, 140, 255},
    .field = {0, 0, 0, 255},
    .composition = {255, 255, 0, 255},
    .selection = {0, 0, 160, 255},
    .match = {100, 60, 0, 255},
    .match_current = {140, 0, 140, 255},
    .shade = {0, 0, 0, 200},
    .body_px = 16,
    .small_px = 13,
    .pad = 10,
};

const sm_ui_theme *sm_ui_theme_named(sm_app_theme which)
{
    switch (which) {
    case SM_APP_THEME_LIGHT: return &sm_ui_theme_light;
    case SM_APP_THEME_DARK: return &sm_ui_theme_dark;
    case SM_APP_THEME_CONTRAST: return &sm_ui_theme_contrast;
    case SM_APP_THEME_SYSTEM: break;
    }
    return NULL;
}

const sm_ui_theme *sm_ui_theme_for_system(const sm_ui_syscolors *system)
{
    if (system->contrast)
        return &sm_ui_theme_contrast; /* high contrast outranks dark or light */
    return system->scheme == SM_UI_SCHEME_DARK ? &sm_ui_theme_dark : &sm_ui_theme_light;
}
