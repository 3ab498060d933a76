/*
 * ui_script.h - the scripts that get a font of their own. Both the font
 * finder (ui_fontfind.h: which file is for which script) and the chain of
 * loaded fonts (ui_fonts.h) name them, so the enum sits below both.
 */
#ifndef SAMPLEMAP_UI_SCRIPT_H
#define SAMPLEMAP_UI_SCRIPT_H

/* Scripts that get a dedicated font when one is found. */
typedef enum sm_ui_script {
    SM_UI_SCRIPT_ANY,        /* the primary font and general fallbacks */
    SM_UI_SCRIPT_ARABIC,     /* Arabic letters: Noto Sans Arabic draws them best */
    SM_UI_SCRIPT_HEBREW,     /* Hebrew letters */
    SM_UI_SCRIPT_CJK,        /* Han, kana, hangul */
    SM_UI_SCRIPT_EMOJI,      /* pictographs, drawn in colour */
    SM_UI_SCRIPT_THAI,       /* Thai: no face of the chain above has it */
    SM_UI_SCRIPT_DEVANAGARI, /* Devanagari (Hindi, Marathi, Nepali ...) */
} sm_ui_script;

#endif
