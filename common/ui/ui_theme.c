/*
 * ui_theme.c - the values of the shared theme. Every text colour meets WCAG 2.2 AA
 * (4.5:1) on every background it is drawn on, selection included
 * (unit.ui_theme_contrast_aa lists the pairs).
 */
#include "ui_theme.h"

const sm_ui_theme sm_ui_theme_default = {
    .background = {246, 247, 249, 255},
    .panel = {255, 255, 255, 255},
    .border = {196, 201, 210, 255},
    .text = {28, 31, 36, 255},
    .dim = {92, 99, 112, 255},
    .accent = {29, 85, 216, 255},
    .accent_text = {255, 255, 255, 255},
    .good = {18, 112, 58, 255},
    .warning = {156, 72, 0, 255},
    .error = {190, 30, 30, 255},
    .field = {255, 255, 255, 255},
    .composition = {29, 85, 216, 255},
    .selection = {214, 232, 255, 255},
    .match = {255, 226, 122, 255},
    .match_current = {255, 168, 64, 255},
    .body_px = 16,
    .small_px = 13,
    .pad = 10,
};
