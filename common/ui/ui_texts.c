/* ui_texts.c - the words and settings both SampleMap windows share (see ui_texts.h). */
#include "ui_texts.h"

#include <stdio.h>
#include <string.h>

void sm_ui_title(char *out, size_t out_size, const char *role, const char *name, bool classic)
{
    snprintf(out, out_size, "SampleMap %s \xE2\x80\x94 %s%s", role, name,
             classic ? " (CLASSIC, unsafe)" : "");
}

const char *sm_ui_classic_banner(bool classic)
{
    return classic ? "CLASSIC MODE: no lock, no ordering \xE2\x80\x94 messages can be lost or torn"
                   : NULL;
}

void sm_ui_shell_quote(const char *text, char *out, size_t out_size)
{
#ifdef _WIN32
    const char quote = '"';
    const char *inner = "\\\""; /* a " inside: \" (names cannot hold one anyway) */
#else
    const char quote = '\'';
    const char *inner = "'\\''"; /* close, an escaped quote, open again */
#endif
    size_t used = 0;
    if (out_size < 3) {
        if (out_size > 0)
            out[0] = '\0';
        return;
    }
    out[used++] = quote;
    for (const char *c = text; *c != '\0'; c++) {
        size_t need = *c == quote ? strlen(inner) : 1;
        if (used + need + 2 > out_size)
            break; /* room for the closing quote and the terminator */
        if (*c == quote) {
            memcpy(out + used, inner, need);
        } else {
            out[used] = *c;
        }
        used += need;
    }
    out[used++] = quote;
    out[used] = '\0';
}

void sm_ui_mapping_error_text(sm_status code, const char *name, const char *program,
                              const char *message, char *title, size_t title_size, char *body,
                              size_t body_size)
{
    snprintf(title, title_size, "Cannot use the mapping \xE2\x80\x9C%s\xE2\x80\x9D", name);
    char what[400], quoted[160], mine[24], global[24];
    /* Every name in a command is quoted: pasted into a shell, the command must work. */
    sm_ui_shell_quote(name, quoted, sizeof quoted);
    sm_ui_shell_quote("Local\\Mine", mine, sizeof mine);
    sm_ui_shell_quote("Global\\Mine", global, sizeof global);
    switch (code) {
    case SM_ERR_WRONG_SIZE:
        snprintf(what, sizeof what,
                 "Another program made an object with this name but a different size, so it "
                 "is not a SampleMap view. Close that program, or remove the object with "
                 "\xE2\x80\x9C%s --unlink --name %s\xE2\x80\x9D, or start both apps with "
                 "another --name.",
                 program, quoted);
        break;
    case SM_ERR_FOREIGN_OWNER:
    case SM_ERR_PERMISSION:
        snprintf(what, sizeof what,
                 "The object belongs to another user or may not be opened by you. Start both "
                 "apps with a name of your own, e.g. \xE2\x80\x9C%s --name %s\xE2\x80\x9D.",
                 program, mine);
        break;
    case SM_ERR_ABI:
        snprintf(what, sizeof what,
                 "Start both apps with the same bitness (both 32-bit or both 64-bit), or start "
                 "both with a Global name, e.g. \xE2\x80\x9C%s --name %s\xE2\x80\x9D, "
                 "whose lock any bitness shares.",
                 program, global);
        break;
    case SM_ERR_NAME:
        snprintf(what, sizeof what,
                 "Fix the --name: Local\\X, Global\\X or X, with a short X without slashes "
                 "(see \xE2\x80\x9C%s --help\xE2\x80\x9D).",
                 program);
        break;
    default:
        snprintf(what, sizeof what, "Check the reason above, then start %s again.", program);
        break;
    }
    snprintf(body, body_size,
             "%s\n\nWhat to do: %s\n\nThen press Retry (Enter)%s, or close this "
             "window to quit. Select with the mouse; Ctrl+C copies the selection, or all of this "
             "text.",
             message, what,
             code == SM_ERR_WRONG_SIZE ? "; \xE2\x80\x9CRemove and retry\xE2\x80\x9D removes the "
                                         "object for you and makes a new one"
                                       : "");
}

bool sm_ui_app_window_open(sm_ui_window *ui, const char *role, const sm_app_options *opts)
{
    char title[300], error[1400], path[1100];
    sm_ui_title(title, sizeof title, role, opts->name, opts->classic);
    /* The window as it was last closed (ui_prefs.h); a bad file costs one line, not the window. */
    sm_ui_prefs prefs;
    bool remembered = sm_ui_prefs_path(role, path, sizeof path);
    if (remembered && !sm_ui_prefs_load(path, &prefs, error, sizeof error)) {
        char line[1500];
        snprintf(line, sizeof line, "ignoring the remembered window: %s", error);
        sm_app_error(opts, line);
    }
    /* --theme system: the desktop is asked while the window opens (ui_syscolors.h). */
    const sm_ui_theme *theme = sm_ui_theme_named(opts->theme);
    sm_ui_syscolors_reader *reader = theme == NULL ? sm_ui_syscolors_start() : NULL;
    sm_ui_window_spec spec = {title,
                              560,
                              520,
                              SM_UI_APP_MIN_WIDTH,
                              SM_UI_APP_MIN_HEIGHT,
                              SM_UI_APP_FIT_WIDTH,
                              SM_UI_APP_FIT_HEIGHT,
                              opts->has_position,
                              opts->window_x,
                              opts->window_y,
                              remembered ? &prefs : NULL,
                              remembered ? path : NULL,
                              role,
                              opts->program};
    bool opened = sm_ui_window_open(ui, &spec, error, sizeof error);
    sm_ui_syscolors system = {0};
    if (theme == NULL) {
        sm_ui_syscolors_finish(reader, SM_UI_SYSCOLORS_TIMEOUT_MS, &system);
        theme = sm_ui_theme_for_system(&system);
    }
    if (!opened) {
        sm_app_error(opts, error);
        return false;
    }
    ui->theme = theme;
    if (opts->theme == SM_APP_THEME_SYSTEM) {
        snprintf(ui->theme_why, sizeof ui->theme_why, "system: %s", system.why);
        (void)sm_ui_syscolors_follow(&system); /* not followed: the theme stays as chosen */
    } else
        snprintf(ui->theme_why, sizeof ui->theme_why, "--theme");
    return true;
}

void sm_ui_status_origin(char *out, size_t out_size, const char *name, const sm_channel *channel)
{
    snprintf(out, out_size, "%s \xC2\xB7 %s", name,
             channel == NULL               ? "not open"
             : sm_channel_created(channel) ? "created here"
                                           : "opened existing");
}
