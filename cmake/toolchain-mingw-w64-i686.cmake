# Cross-compiles the headless programs for 32-bit Windows with MinGW-w64 (Debian:
# gcc-mingw-w64-i686), the classic 32-bit world: the mingw build's process.abi.* tests mix them
# with the 64-bit ones under Wine (which needs wine32). The windows' libraries are cached for
# x86-64 only, so this build has no windows.
set(CMAKE_SYSTEM_PROCESSOR x86)
set(SAMPLEMAP_MINGW_PREFIX i686-w64-mingw32)
set(SAMPLEMAP_WINDOWS_DEPS "")
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-mingw-w64.cmake)
