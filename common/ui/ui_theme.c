/* ui_theme.c - the values of the shared theme. */
#include "ui_theme.h"

const sm_ui_theme sm_ui_theme_default = {
    .background = {246, 247, 249, 255},
    .panel = {255, 255, 255, 255},
    .border = {196, 201, 210, 255},
    .text = {28, 31, 36, 255},
    .dim = {104, 112, 124, 255},
    .accent = {37, 99, 235, 255},
    .accent_text = {255, 255, 255, 255},
    .good = {22, 135, 70, 255},
    .warning = {190, 100, 0, 255},
    .error = {190, 30, 30, 255},
    .field = {255, 255, 255, 255},
    .composition = {37, 99, 235, 255},
    .selection = {191, 219, 254, 255},
    .body_px = 16,
    .small_px = 13,
    .pad = 10,
};
