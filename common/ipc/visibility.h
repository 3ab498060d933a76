/*
 * visibility.h - SM_API marks the library's public functions, and only them.
 *
 * The shared library is compiled with hidden visibility by default
 * (-fvisibility=hidden), so a helper that two .c files share stays private;
 * SM_API puts a declared sm_ function back in the dynamic symbol table. The
 * static library and the programs that include these headers get an empty
 * SM_API. A version script (libsamplemap_ipc.map) then gives every exported
 * symbol the version node SAMPLEMAP_IPC_1.
 */
#ifndef SAMPLEMAP_IPC_VISIBILITY_H
#define SAMPLEMAP_IPC_VISIBILITY_H

#if defined(SAMPLEMAP_IPC_BUILDING_SHARED) && (defined(__GNUC__) || defined(__clang__)) &&         \
    !defined(_WIN32)
#define SM_API __attribute__((visibility("default")))
#else
#define SM_API
#endif

#endif
