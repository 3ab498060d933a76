/*
 * app.h - the main() skeleton both executables share: parse, then --help,
 * --version and --unlink, then the headless face or the window.
 */
#ifndef SAMPLEMAP_APP_APP_H
#define SAMPLEMAP_APP_APP_H

#include "options.h"

/* A face of an app: returns an SM_EXIT_* code. */
typedef int (*sm_app_face)(const sm_app_options *opts);

/* Runs the app; gui may be NULL when the build has no SDL2 (a clear error is printed). */
int sm_app_main(int argc, char **argv, sm_app_kind kind, sm_app_face headless, sm_app_face gui);

#endif
