// consumer.cpp - a C++ program that uses the installed SampleMap IPC library: the
// headers' extern "C" blocks give the functions C linkage, so a C++ compiler finds
// them in libsamplemap_ipc (without those blocks it looks for C++-mangled names and
// the link fails). install.library builds it with c++ and pkg-config samplemap-ipc.
//
//   consumer-cxx version            prints SM_VERSION_STRING (the headers' version)
//   consumer-cxx send NAME TEXT     sends TEXT (UTF-8) and waits until it is delivered
// Every public header is included, so each one is checked as C++.
#include <samplemap/channel.h>
#include <samplemap/error.h>
#include <samplemap/lock_state.h>
#include <samplemap/name.h>
#include <samplemap/slot.h>
#include <samplemap/text.h>
#include <samplemap/version.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    if (argc == 2 && std::string(argv[1]) == "version") {
        std::printf("%s %d\n", SM_VERSION_STRING, SM_VERSION_NUMBER);
        return 0;
    }
    if (argc != 4 || std::string(argv[1]) != "send") {
        std::fprintf(stderr, "usage: consumer-cxx version | consumer-cxx send NAME TEXT\n");
        return 2;
    }
    std::vector<uint16_t> units(SM_TEXT_MAX_UNITS);
    size_t count = 0;
    sm_error err;
    sm_channel *channel = nullptr;
    if (sm_utf8_to_utf16(argv[3], std::strlen(argv[3]), units.data(), units.size(), &count, &err) !=
            SM_OK ||
        sm_channel_open(argv[2], &channel, &err) != SM_OK ||
        sm_channel_send_wait(channel, units.data(), count, 30000, 5, &err) != SM_OK) {
        std::fprintf(stderr, "consumer-cxx: %s (%s)\n", err.message, sm_status_name(err.code));
        sm_channel_close(channel);
        return 1;
    }
    sm_channel_close(channel);
    return 0;
}
