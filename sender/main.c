/* main.c - samplemap-sender: a window by default, headless with --message/--stdin. */
#include "app.h"
#include "sender_cli.h"

#ifdef SAMPLEMAP_WITH_GUI
#include "sender_gui.h"
#define SENDER_GUI sender_gui_run
#else
#define SENDER_GUI NULL
#endif

int main(int argc, char **argv)
{
    return sm_app_main(argc, argv, SM_APP_SENDER, sender_cli_run, SENDER_GUI);
}
