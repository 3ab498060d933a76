# What the MinGW-w64 toolchain files share: toolchain-mingw-w64-x86_64.cmake (64-bit Windows)
# and toolchain-mingw-w64-i686.cmake (32-bit) set CMAKE_SYSTEM_PROCESSOR and
# SAMPLEMAP_MINGW_PREFIX, then include this file.
set(CMAKE_SYSTEM_NAME Windows)

set(CMAKE_C_COMPILER ${SAMPLEMAP_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${SAMPLEMAP_MINGW_PREFIX}-windres)

# The windows' libraries (SDL2, SDL2_ttf, FreeType, HarfBuzz, FriBidi) cross-built from Debian's
# sources by tools/build-windows-deps.sh into a cache prefix; SAMPLEMAP_WINDOWS_DEPS overrides
# where (as a -D option or an environment variable). Empty when it has not been built.
if(NOT DEFINED SAMPLEMAP_WINDOWS_DEPS)
  if(DEFINED ENV{SAMPLEMAP_WINDOWS_DEPS})
    set(SAMPLEMAP_WINDOWS_DEPS "$ENV{SAMPLEMAP_WINDOWS_DEPS}")
  elseif(DEFINED ENV{SAMPLEMAP_WINDOWS_DEPS_CACHE})
    set(SAMPLEMAP_WINDOWS_DEPS "$ENV{SAMPLEMAP_WINDOWS_DEPS_CACHE}/current")
  elseif(DEFINED ENV{XDG_CACHE_HOME})
    set(SAMPLEMAP_WINDOWS_DEPS "$ENV{XDG_CACHE_HOME}/samplemap/windows-deps/current")
  else()
    set(SAMPLEMAP_WINDOWS_DEPS "$ENV{HOME}/.cache/samplemap/windows-deps/current")
  endif()
  if(EXISTS "${SAMPLEMAP_WINDOWS_DEPS}/.complete")
    get_filename_component(SAMPLEMAP_WINDOWS_DEPS "${SAMPLEMAP_WINDOWS_DEPS}" REALPATH)
  else()
    set(SAMPLEMAP_WINDOWS_DEPS "")
  endif()
endif()

# Look for libraries and headers in the MinGW sysroot and that prefix only, for programs on the
# build host; pkg-config likewise sees only the prefix's .pc files, never the Linux ones.
set(CMAKE_FIND_ROOT_PATH /usr/${SAMPLEMAP_MINGW_PREFIX} ${SAMPLEMAP_WINDOWS_DEPS})
if(SAMPLEMAP_WINDOWS_DEPS)
  set(ENV{PKG_CONFIG_LIBDIR} "${SAMPLEMAP_WINDOWS_DEPS}/lib/pkgconfig")
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
else()
  set(ENV{PKG_CONFIG_LIBDIR} "/usr/${SAMPLEMAP_MINGW_PREFIX}/lib/pkgconfig")
endif()
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
