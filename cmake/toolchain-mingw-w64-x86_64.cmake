# Cross-compiles for 64-bit Windows with MinGW-w64 (Debian: gcc-mingw-w64-x86-64).
# Used by the "mingw" preset; run the results with cmake/wine-run.sh (the preset's emulator).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(SAMPLEMAP_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${SAMPLEMAP_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${SAMPLEMAP_MINGW_PREFIX}-windres)

# Look for libraries and headers in the MinGW sysroot only, for programs on the build host.
set(CMAKE_FIND_ROOT_PATH /usr/${SAMPLEMAP_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Link libgcc (and winpthread, with a posix-threads compiler) statically, so each .exe
# runs on Windows and under Wine without copying MinGW DLLs next to it.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# ctest runs the .exe files through Wine unless the preset or the user chose another emulator.
if(NOT DEFINED CMAKE_CROSSCOMPILING_EMULATOR)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh)
endif()
