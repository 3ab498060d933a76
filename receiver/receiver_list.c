/*
 * receiver_list.c - samplemap-receiver --list [--json] [--unlink]: an
 * inventory of channels, since ipcs cannot see POSIX shared memory. Each
 * channel is opened without creating anything (sm_channel_open_existing, which
 * leaves no "last used" trace) and looked at without its lock
 * (sm_channel_inspect), so listing never waits for, changes or takes anything.
 */
#include "receiver_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"
#include "json.h"
#include "name.h"
#include "os_process.h"
#include "slot.h"

typedef struct list_run {
    const sm_app_options *opts;
    unsigned long channels, stale, removed, failed;
} list_run;

/* What --list says about one channel, read once. */
typedef struct channel_facts {
    bool usable; /* opened and inspected; else error holds why not */
    sm_error error;
    uint32_t layout_version;
    bool waiting; /* a message is in the slot */
    unsigned long long taken;
    unsigned long creator, last_user;
    bool creator_alive, last_user_alive, stale;
} channel_facts;

static void read_facts(const char *name, size_t view_bytes, channel_facts *facts)
{
    memset(facts, 0, sizeof *facts);
    sm_channel *channel = NULL;
    if (sm_channel_open_existing(name, view_bytes, &channel, &facts->error) != SM_OK)
        return;
    /* The view's bytes, sized from the channel (up to 64 KB): allocated, not on the stack. */
    sm_channel_snapshot snapshot = SM_CHANNEL_SNAPSHOT_INIT(malloc(sm_channel_view_bytes(channel)),
                                                            sm_channel_view_bytes(channel));
    if (snapshot.bytes == NULL)
        snapshot.capacity = 0; /* inspect then says what it needed: one line, not a crash */
    facts->usable = sm_channel_inspect(channel, &snapshot, &facts->error) == SM_OK;
    sm_channel_close(channel);
    facts->layout_version = snapshot.layout_version;
    facts->waiting = facts->usable && (snapshot.bytes[0] | snapshot.bytes[1]) != 0;
    free(snapshot.bytes);
    facts->taken = snapshot.taken;
    facts->creator = snapshot.creator_pid;
    facts->last_user = snapshot.last_pid;
    facts->creator_alive = sm_process_alive(facts->creator);
    facts->last_user_alive = sm_process_alive(facts->last_user);
    /* Stale: nobody we know of is left to use it; a message left in it is nobody's either. */
    facts->stale = facts->usable && !facts->creator_alive && !facts->last_user_alive;
}

/* "Global" or "Local", as the channel's name says (sm_channel_list gives only valid names). */
static const char *scope_of(const char *name)
{
    sm_name_scope scope = SM_SCOPE_LOCAL;
    (void)sm_name_parse(name, &scope, NULL, NULL);
    return scope == SM_SCOPE_GLOBAL ? "Global" : "Local";
}

static const char *pid_text(unsigned long pid, bool alive, char *out, size_t size)
{
    if (pid == 0)
        snprintf(out, size, "-");
    else
        snprintf(out, size, "%lu (%s)", pid, alive ? "alive" : "gone");
    return out;
}

static void print_text(const char *name, size_t view_bytes, const channel_facts *facts,
                       bool removed)
{
    char creator[32], last_user[32];
    const char *scope = scope_of(name);
    if (!facts->usable) {
        printf("%-28s %-6s %6zu  unusable: %s\n", name, scope, view_bytes, facts->error.message);
        return;
    }
    printf("%-28s %-6s %6zu %7lu %-7s %8llu %-15s %-15s %s\n", name, scope, view_bytes,
           (unsigned long)facts->layout_version, facts->waiting ? "yes" : "no", facts->taken,
           pid_text(facts->creator, facts->creator_alive, creator, sizeof creator),
           pid_text(facts->last_user, facts->last_user_alive, last_user, sizeof last_user),
           removed        ? "stale, removed"
           : facts->stale ? "stale"
                          : "in use");
}

static void print_json(const char *name, size_t view_bytes, const channel_facts *facts,
                       bool removed)
{
    sm_json_begin(stdout, "channel");
    sm_json_key_string(stdout, "name", name);
    sm_json_key_string(stdout, "scope", scope_of(name));
    fprintf(stdout, ",\"view_bytes\":%zu,\"usable\":%s", view_bytes,
            facts->usable ? "true" : "false");
    if (!facts->usable) {
        sm_json_key_string(stdout, "error", facts->error.message);
    } else {
        fprintf(stdout,
                ",\"layout_version\":%lu,\"message_waiting\":%s,\"taken\":%llu,"
                "\"creator_pid\":%lu,\"creator_alive\":%s,\"last_pid\":%lu,\"last_alive\":%s,"
                "\"stale\":%s,\"removed\":%s",
                (unsigned long)facts->layout_version, facts->waiting ? "true" : "false",
                facts->taken, facts->creator, facts->creator_alive ? "true" : "false",
                facts->last_user, facts->last_user_alive ? "true" : "false",
                facts->stale ? "true" : "false", removed ? "true" : "false");
    }
    sm_json_end(stdout);
}

static void list_one(const char *name, size_t view_bytes, void *context)
{
    list_run *run = context;
    channel_facts facts;
    read_facts(name, view_bytes, &facts);
    run->channels++;
    run->stale += facts.stale;
    run->failed += !facts.usable;
    bool removed = false;
    if (facts.stale && run->opts->unlink) {
        sm_error err;
        bool existed = false;
        removed = sm_channel_unlink(name, &existed, &err) == SM_OK && existed;
        if (!removed)
            fprintf(stderr, "%s: could not remove stale channel '%s': %s\n", run->opts->program,
                    name, err.message);
        run->removed += removed;
    }
    if (run->opts->json)
        print_json(name, view_bytes, &facts, removed);
    else
        print_text(name, view_bytes, &facts, removed);
}

int receiver_list_run(const sm_app_options *opts)
{
    list_run run = {opts, 0, 0, 0, 0};
    if (!opts->json)
        printf("%-28s %-6s %6s %7s %-7s %8s %-15s %-15s %s\n", "NAME", "SCOPE", "VIEW", "VERSION",
               "WAITING", "TAKEN", "CREATOR", "LAST USER", "STATE");
    sm_error err;
    if (sm_channel_list(list_one, &run, &err) != SM_OK) {
        fprintf(stderr, "%s: %s\n", opts->program, err.message);
        return SM_EXIT_FAILURE;
    }
    fprintf(stderr, "%s: %lu channel%s, %lu stale%s%s\n", opts->program, run.channels,
            run.channels == 1 ? "" : "s", run.stale,
            opts->unlink    ? ""
            : run.stale > 0 ? " (remove them with --list --unlink)"
                            : "",
            opts->unlink ? (run.removed == run.stale ? ", all removed" : ", some not removed")
                         : "");
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: writing the list to standard output failed\n", opts->program);
        return SM_EXIT_OUTPUT;
    }
    return opts->unlink && run.removed < run.stale ? SM_EXIT_FAILURE : SM_EXIT_OK;
}
