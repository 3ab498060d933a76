/* main.c - samplemap-receiver: a window by default, headless with --print. */
#include "app.h"
#include "receiver_cli.h"

#ifdef SAMPLEMAP_WITH_GUI
#include "receiver_gui.h"
#define RECEIVER_GUI receiver_gui_run
#else
#define RECEIVER_GUI NULL
#endif

int main(int argc, char **argv)
{
    return sm_app_main(argc, argv, SM_APP_RECEIVER, receiver_cli_run, RECEIVER_GUI);
}
