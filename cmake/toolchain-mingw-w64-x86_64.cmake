# Cross-compiles for 64-bit Windows with MinGW-w64 (Debian: gcc-mingw-w64-x86-64).
# Used by the "mingw" preset; run the results with cmake/wine-run.sh (the preset's emulator).
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(SAMPLEMAP_MINGW_PREFIX x86_64-w64-mingw32)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-w64.cmake)
