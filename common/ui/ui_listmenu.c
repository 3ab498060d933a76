/* ui_listmenu.c - Copy, Copy with details, Select all, [Filter to this process,] Clear. */
#include "ui_listmenu.h"

#include "trace.h"

/* The rows in order; "Filter to this process" only where the caller asks for it. */
static const struct {
    sm_ui_listmenu_item item;
    const char *label;
} ROWS[] = {
    {SM_UI_LISTMENU_COPY, "Copy"},
    {SM_UI_LISTMENU_COPY_DETAILS, "Copy with details"},
    {SM_UI_LISTMENU_SELECT_ALL, "Select all"},
    {SM_UI_LISTMENU_FILTER_PROCESS, "Filter to this process"},
    {SM_UI_LISTMENU_CLEAR, "Clear"},
};

/* Whether item would do something: copying needs a selection, filtering a process. */
static bool applies(sm_ui_listmenu_item item, const sm_ui_loglist *list)
{
    const sm_ui_log_entry *entry =
        list->selected && list->sel_focus < list->count ? &list->entries[list->sel_focus] : NULL;
    switch (item) {
    case SM_UI_LISTMENU_COPY:
    case SM_UI_LISTMENU_COPY_DETAILS: return entry != NULL;
    case SM_UI_LISTMENU_SELECT_ALL: return list->count > list->hidden; /* some are shown */
    case SM_UI_LISTMENU_FILTER_PROCESS:
        return entry != NULL && (entry->pid != 0 || entry->process[0] != '\0');
    case SM_UI_LISTMENU_CLEAR: return list->count > 0;
    }
    return false;
}

void sm_ui_listmenu_open(sm_ui_listmenu *listmenu, const sm_ui_loglist *list, int x, int y,
                         bool with_filter)
{
    const char *labels[SM_UI_MENU_MAX];
    bool enabled[SM_UI_MENU_MAX];
    size_t count = 0;
    for (size_t i = 0; i < sizeof ROWS / sizeof ROWS[0]; i++) {
        if (ROWS[i].item == SM_UI_LISTMENU_FILTER_PROCESS && !with_filter)
            continue;
        listmenu->items[count] = ROWS[i].item;
        labels[count] = ROWS[i].label;
        enabled[count++] = applies(ROWS[i].item, list);
    }
    sm_ui_menu_open(&listmenu->menu, x, y, labels, enabled, count);
    sm_trace(SM_TRACE_STATE, "menu shown");
}

int sm_ui_listmenu_handle(const sm_ui_window *ui, sm_ui_listmenu *listmenu, const SDL_Event *event,
                          bool *changed)
{
    int choice = sm_ui_menu_handle(ui, &listmenu->menu, event, changed);
    if (choice < 0 || (size_t)choice >= listmenu->menu.count)
        return choice;
    return (int)listmenu->items[choice];
}

bool sm_ui_listmenu_do(sm_ui_loglist *list, int chosen)
{
    switch (chosen) {
    case SM_UI_LISTMENU_COPY:
        sm_trace(SM_TRACE_STATE, "menu chose copy: %s",
                 sm_ui_loglist_copy(list) ? "copied" : "not copied");
        return true;
    case SM_UI_LISTMENU_COPY_DETAILS:
        sm_trace(SM_TRACE_STATE, "menu chose copy with details: %s",
                 sm_ui_loglist_copy_details(list) ? "copied" : "not copied");
        return true;
    case SM_UI_LISTMENU_SELECT_ALL:
        sm_ui_loglist_select_all(list);
        sm_trace(SM_TRACE_STATE, "menu chose select all");
        return true;
    case SM_UI_LISTMENU_CLEAR:
        sm_ui_loglist_clear(list);
        sm_trace(SM_TRACE_STATE, "menu chose clear");
        return true;
    case SM_UI_MENU_CLOSED: sm_trace(SM_TRACE_STATE, "menu hidden"); return false;
    default: return false; /* SM_UI_LISTMENU_FILTER_PROCESS: the caller's */
    }
}
