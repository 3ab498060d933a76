/* ui_window.c - SDL setup and teardown, HiDPI scale, icon, and the sleeping event wait. */
#include "ui_window.h"

#include "ui_drawcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui_assets.h"
#include "ui_textcache.h"
#include "ui_wmtitle.h"
#include "ui_x11errors.h"
#include "ui_zoom.h"

/* The icon is a BMP so no SDL_image is needed. */
static void set_icon(SDL_Window *window)
{
    char path[1024];
    if (!sm_ui_asset_find("icons/samplemap.bmp", path, sizeof path))
        return; /* a missing icon is cosmetic: the window still works */
    SDL_Surface *icon = SDL_LoadBMP(path);
    if (icon != NULL) {
        SDL_SetWindowIcon(window, icon);
        SDL_FreeSurface(icon);
    }
}

/* Extra scale from the environment, for X11 desktops where SDL2 reports no HiDPI. */
static float user_scale(void)
{
    const char *names[] = {"SAMPLEMAP_SCALE", "GDK_SCALE"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *value = getenv(names[i]);
        float scale = value != NULL ? (float)atof(value) : 0.0f;
        if (scale >= 0.5f && scale <= 8.0f)
            return scale;
    }
    return 1.0f;
}

/*
 * Shrinks the window (and its minimum) to the screen's usable area, so that at
 * 2x scale a 560 x 520 window still fits a 1280 x 800 screen.
 */
static void fit_screen(int *w, int *h, int *min_w, int *min_h)
{
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) != 0 || usable.w <= 0 || usable.h <= 0)
        return;
    int room_w = usable.w * 95 / 100, room_h = usable.h * 90 / 100; /* frame, title bar */
    *w = *w < room_w ? *w : room_w;
    *h = *h < room_h ? *h : room_h;
    *min_w = *min_w < *w ? *min_w : *w;
    *min_h = *min_h < *h ? *min_h : *h;
}

/*
 * The zoom the window can draw at its size: the layouts fit the spec's fit size at 100 %
 * and every size scales with the zoom, so at zoom z they need z times that size.
 */
static bool update_zoom_drawn(sm_ui_window *ui)
{
    int before = ui->zoom_drawn;
    float need_w = (float)ui->fit_width * ui->scale, need_h = (float)ui->fit_height * ui->scale;
    float fit_w = need_w > 0 ? (float)ui->width / need_w : 1.0f;
    float fit_h = need_h > 0 ? (float)ui->height / need_h : 1.0f;
    float fit = fit_w < fit_h ? fit_w : fit_h;
    ui->zoom_drawn = sm_ui_zoom_fit(ui->zoom, (int)(fit * 100.0f));
    return ui->zoom_drawn != before;
}

/* A remembered position that no display shows any more (unplugged, made smaller) comes back. */
static void pull_onscreen(int *x, int *y, int w, int h)
{
    SDL_Rect displays[16];
    int count = SDL_GetNumVideoDisplays();
    count = count < 0 ? 0 : count > 16 ? 16 : count;
    int known = 0;
    for (int i = 0; i < count; i++)
        if (SDL_GetDisplayBounds(i, &displays[known]) == 0)
            known++;
    sm_ui_prefs_onscreen(x, y, w, h, displays, known);
}

static bool load_fonts(sm_ui_window *ui, char *error, size_t error_size)
{
    sm_ui_textcache_clear(); /* its lines were drawn with the old chains */
    sm_ui_fonts_close(&ui->body);
    sm_ui_fonts_close(&ui->small);
    return sm_ui_fonts_open(&ui->body, sm_ui_px(ui, ui->theme->body_px), error, error_size) &&
           sm_ui_fonts_open(&ui->small, sm_ui_px(ui, ui->theme->small_px), error, error_size);
}

/*
 * The window's minimum grows with the zoom (never below the 100 % one), within the screen:
 * a window manager then keeps the window large enough for the zoomed layout. *w, *h grow
 * to it too.
 */
static void zoomed_minimum(const sm_ui_window *ui, float user, int *w, int *h, int *min_w,
                           int *min_h)
{
    int zoom = ui->zoom > SM_UI_ZOOM_DEFAULT ? ui->zoom : SM_UI_ZOOM_DEFAULT;
    *min_w = (int)((float)ui->min_width * user * (float)zoom / 100.0f);
    *min_h = (int)((float)ui->min_height * user * (float)zoom / 100.0f);
    *w = *w > *min_w ? *w : *min_w;
    *h = *h > *min_h ? *h : *min_h;
    fit_screen(w, h, min_w, min_h);
}

static float measure_scale(sm_ui_window *ui)
{
    int window_w = 1, window_h = 1;
    SDL_GetWindowSize(ui->window, &window_w, &window_h);
    if (SDL_GetRendererOutputSize(ui->renderer, &ui->width, &ui->height) != 0) {
        ui->width = window_w; /* no renderer size: draw at the window's own size, unscaled */
        ui->height = window_h;
    }
    float scale = window_w > 0 ? (float)ui->width / (float)window_w : 1.0f;
    return scale * user_scale();
}

/*
 * Text windows draw in software into the window's own surface by default: an
 * OpenGL renderer on a machine without a GPU driver (a VM, Xvfb) loads Mesa
 * and LLVM for it, which costs ~150 ms at start and ~80 MB of memory and buys
 * nothing for a few lines of text. SDL_RENDER_DRIVER (opengl, opengles2,
 * direct3d, software...) still picks a renderer, for whoever wants the GPU.
 */
static SDL_Renderer *create_renderer(SDL_Window *window)
{
    const char *wanted = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (wanted != NULL && wanted[0] != '\0') {
        SDL_Renderer *renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
        if (renderer != NULL)
            return renderer;
    }
    /* No vsync: a software present does not wait for the screen, and the app paces its own
       frames (ui_app.c), so taking messages never stalls behind a present. */
    return SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
}

bool sm_ui_window_open(sm_ui_window *ui, const sm_ui_window_spec *spec, char *error,
                       size_t error_size)
{
    sm_ui_drawcheck_init(); /* the test build's draw check (ui_drawcheck.h) */
    memset(ui, 0, sizeof *ui);
    ui->theme = &sm_ui_theme_light; /* until the caller picks one (sizes are the same) */
    ui->min_width = spec->min_width;
    ui->min_height = spec->min_height;
    ui->fit_width = spec->fit_width > 0 ? spec->fit_width : spec->min_width;
    ui->fit_height = spec->fit_height > 0 ? spec->fit_height : spec->min_height;
    ui->program = spec->program;
    ui->prefs_role = spec->prefs_role;
    snprintf(ui->title, sizeof ui->title, "%s", spec->title);
    if (spec->prefs != NULL)
        ui->prefs = *spec->prefs;
    else
        sm_ui_prefs_init(&ui->prefs);
    if (spec->prefs_path != NULL)
        snprintf(ui->prefs_path, sizeof ui->prefs_path, "%s", spec->prefs_path);
    ui->zoom = sm_ui_zoom_snap(ui->prefs.zoom);
    ui->zoom_drawn = ui->zoom;
    /* Hints are requests: SDL_SetHint fails only when a stronger setting (the user's
       environment) already decided, which is then the user's choice to keep. */
    /* Linear filtering: emoji bitmaps are drawn shrunk and must stay smooth. */
    (void)SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
    /* Small windows that idle most of the time: let the desktop keep compositing. */
    (void)SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    /* Windows: a click on an inactive window's button acts, as a native button's does; SDL
       otherwise drops the click that activates the window (gui_focus_click). */
    (void)SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    /* Let the IME show its candidate list, and send long compositions whole. */
    (void)SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
    (void)SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
    /* Windows: sharp text at 150 % or 200 % display scaling. Per-monitor aware, and window
       sizes in scaled points with the renderer in device pixels, as on macOS and Wayland,
       so measure_scale() finds the factor the same way everywhere. */
    (void)SDL_SetHint(SDL_HINT_WINDOWS_DPI_AWARENESS, "permonitorv2");
    (void)SDL_SetHint(SDL_HINT_WINDOWS_DPI_SCALING, "1");
    /* The window surface in system memory, not a GPU texture standing in for it (see
       create_renderer); an explicit SDL_RENDER_DRIVER or this hint from the user still wins. */
    (void)SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    sm_ui_x11errors_install(); /* before SDL_Init: see ui_x11errors.h */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(error, error_size,
                 "cannot start the window system (no display?): %s; "
                 "use the headless flags instead",
                 SDL_GetError());
        return false;
    }
    /* SDL falls back to an invisible "offscreen" display when there is none; a window
       nobody can see would wait forever, so that is only accepted when asked for. */
    const char *driver = SDL_GetCurrentVideoDriver();
    const char *wanted = SDL_getenv("SDL_VIDEODRIVER");
    if (driver != NULL && (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) &&
        (wanted == NULL || strstr(wanted, driver) == NULL)) {
        snprintf(error, error_size,
                 "no display to open a window on (DISPLAY and "
                 "WAYLAND_DISPLAY are not set): run it on a desktop or under xvfb-run, or use "
                 "the headless flags (see --help)");
        SDL_Quit();
        return false;
    }
    if (TTF_Init() != 0) {
        snprintf(error, error_size, "cannot start SDL_ttf: %s", TTF_GetError());
        SDL_Quit();
        return false;
    }
    float user = user_scale();
    int x = spec->has_position ? spec->x : (int)SDL_WINDOWPOS_UNDEFINED;
    int y = spec->has_position ? spec->y : (int)SDL_WINDOWPOS_UNDEFINED;
    int w = (int)((float)spec->width * user), h = (int)((float)spec->height * user);
    if (ui->prefs.has_size) { /* remembered in window coordinates, the user's scale in them */
        w = ui->prefs.width;
        h = ui->prefs.height;
    }
    int min_w, min_h;
    zoomed_minimum(ui, user, &w, &h, &min_w, &min_h);
    if (!spec->has_position && ui->prefs.has_position) {
        x = ui->prefs.x;
        y = ui->prefs.y;
        pull_onscreen(&x, &y, w, h);
    }
    ui->window =
        SDL_CreateWindow(spec->title, x, y, w, h,
                         SDL_WINDOW_HIDDEN | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (ui->window == NULL) {
        snprintf(error, error_size, "cannot open a window: %s", SDL_GetError());
        goto fail;
    }
    set_icon(ui->window);
    ui->renderer = create_renderer(ui->window);
    if (ui->renderer == NULL) {
        snprintf(error, error_size, "cannot create a renderer: %s", SDL_GetError());
        goto fail;
    }
    /* After the renderer: an OpenGL renderer may recreate the window, which loses the
       minimum size a window manager enforces (the layout overlaps below it). */
    SDL_SetWindowMinimumSize(ui->window, min_w, min_h);
    sm_ui_wmtitle_fix(ui->window, spec->title);
    SDL_SetRenderDrawBlendMode(ui->renderer, SDL_BLENDMODE_BLEND);
    ui->scale = measure_scale(ui);
    update_zoom_drawn(ui);
    if (!load_fonts(ui, error, error_size))
        goto fail;
    SDL_StartTextInput();
    return true;
fail:
    sm_ui_window_close(ui);
    return false;
}

/* The window as it is now into its preferences file (ui_prefs.h). */
static void remember(sm_ui_window *ui)
{
    if (ui->prefs_path[0] == '\0' || ui->window == NULL)
        return;
    sm_ui_prefs *prefs = &ui->prefs;
    prefs->zoom = ui->zoom;
    /* Minimized or maximized, the window's rectangle is not the one to come back to. */
    Uint32 flags = SDL_GetWindowFlags(ui->window);
    if ((flags & (SDL_WINDOW_MINIMIZED | SDL_WINDOW_MAXIMIZED | SDL_WINDOW_FULLSCREEN)) == 0) {
        SDL_GetWindowPosition(ui->window, &prefs->x, &prefs->y);
        SDL_GetWindowSize(ui->window, &prefs->width, &prefs->height);
        /*
         * SDL reports where the window's content is, but on X11 a window manager puts the
         * frame (title bar, border) of a new window where it was asked to: saved as it is,
         * the window would come back lower by its title bar at each start. So X11 keeps
         * the frame's corner. Windows creates the content where asked: no correction.
         */
        const char *driver = SDL_GetCurrentVideoDriver();
        int top = 0, left = 0;
        if (driver != NULL && strcmp(driver, "x11") == 0 &&
            SDL_GetWindowBordersSize(ui->window, &top, &left, NULL, NULL) == 0) {
            prefs->x -= left;
            prefs->y -= top;
        }
        prefs->has_position = prefs->has_size = true;
    }
    char error[1400];
    if (!sm_ui_prefs_save(ui->prefs_path, prefs, ui->prefs_role ? ui->prefs_role : "SampleMap",
                          error, sizeof error))
        fprintf(stderr, "%s: the window is not remembered: %s\n",
                ui->program ? ui->program : "samplemap", error);
}

void sm_ui_window_close(sm_ui_window *ui)
{
    bool started = ui->theme != NULL; /* SDL and TTF were initialised */
    remember(ui);
    sm_ui_textcache_clear(); /* its textures belong to the renderer */
    sm_ui_fonts_close(&ui->small);
    sm_ui_fonts_close(&ui->body);
    if (ui->renderer != NULL)
        SDL_DestroyRenderer(ui->renderer);
    if (ui->window != NULL)
        SDL_DestroyWindow(ui->window);
    if (started && TTF_WasInit())
        TTF_Quit();
    if (started)
        SDL_Quit();
    memset(ui, 0, sizeof *ui);
}

void sm_ui_window_show(sm_ui_window *ui)
{
    SDL_ShowWindow(ui->window);
}

bool sm_ui_window_refresh_size(sm_ui_window *ui)
{
    int old_w = ui->width, old_h = ui->height, old_zoom = ui->zoom_drawn;
    float old = ui->scale;
    ui->scale = measure_scale(ui);
    bool zoom_changed = update_zoom_drawn(ui);
    if (ui->scale != old || zoom_changed) {
        char error[256];
        if (!load_fonts(ui, error, sizeof error)) {
            ui->scale = old; /* keep going with the old size rather than no font */
            ui->zoom_drawn = old_zoom;
            load_fonts(ui, error, sizeof error);
        }
        return true;
    }
    return old_w != ui->width || old_h != ui->height;
}

bool sm_ui_window_set_zoom(sm_ui_window *ui, int percent)
{
    ui->zoom = sm_ui_zoom_snap(percent);
    int w = 0, h = 0, min_w, min_h;
    SDL_GetWindowSize(ui->window, &w, &h);
    zoomed_minimum(ui, user_scale(), &w, &h, &min_w, &min_h);
    /* SDL grows a window smaller than its new minimum: SIZE_CHANGED follows, as on a resize. */
    SDL_SetWindowMinimumSize(ui->window, min_w, min_h);
    return sm_ui_window_refresh_size(ui);
}

void sm_ui_window_set_unread(sm_ui_window *ui, unsigned long count)
{
    char title[sizeof ui->title + 32];
    if (count == 0)
        snprintf(title, sizeof title, "%s", ui->title);
    else
        snprintf(title, sizeof title, "(%lu) %s", count, ui->title);
    SDL_SetWindowTitle(ui->window, title);
    sm_ui_wmtitle_fix(ui->window, title);
}

int sm_ui_px(const sm_ui_window *ui, int logical)
{
    float zoom = (float)(ui->zoom_drawn > 0 ? ui->zoom_drawn : SM_UI_ZOOM_DEFAULT) / 100.0f;
    int px = (int)((float)logical * ui->scale * zoom + 0.5f);
    return px < 1 ? 1 : px;
}

void sm_ui_mouse_to_px(const sm_ui_window *ui, int *x, int *y)
{
    int window_w = 1, window_h = 1;
    SDL_GetWindowSize(ui->window, &window_w, &window_h);
    if (window_w > 0 && window_h > 0) {
        *x = *x * ui->width / window_w;
        *y = *y * ui->height / window_h;
    }
}

bool sm_ui_wait(SDL_Event *event, Uint64 deadline)
{
    if (deadline == 0)
        return SDL_WaitEvent(event) == 1;
    Uint64 now = SDL_GetTicks64();
    if (now >= deadline)
        return SDL_PollEvent(event) == 1;
    Uint64 left = deadline - now;
    return SDL_WaitEventTimeout(event, left > 60000 ? 60000 : (int)left) == 1;
}
