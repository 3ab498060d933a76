# SampleMapGui.cmake - decides whether the windows are built (SAMPLEMAP_GUI = ON, OFF or AUTO)
# and sets SAMPLEMAP_HAVE_GUI. ON fails the configure when SDL2 or SDL2_ttf is missing;
# AUTO quietly builds the headless apps only.

set(SAMPLEMAP_HAVE_GUI OFF)
if(NOT SAMPLEMAP_GUI STREQUAL "OFF")
  set(_sm_required "")
  if(SAMPLEMAP_GUI STREQUAL "ON")
    set(_sm_required REQUIRED)
  endif()
  find_package(SDL2 CONFIG ${_sm_required})
  find_package(SDL2_ttf CONFIG QUIET)
  if(SDL2_FOUND AND NOT TARGET SDL2_ttf::SDL2_ttf)
    # Older distributions ship SDL2_ttf with pkg-config only.
    find_package(PkgConfig QUIET)
    if(PkgConfig_FOUND)
      pkg_check_modules(SDL2_TTF_PC QUIET IMPORTED_TARGET SDL2_ttf)
      if(SDL2_TTF_PC_FOUND)
        add_library(SDL2_ttf::SDL2_ttf ALIAS PkgConfig::SDL2_TTF_PC)
      endif()
    endif()
  endif()
  # Text layout: FriBidi orders mixed-direction text and HarfBuzz names each character's
  # script (SDL_ttf shapes with it); fontconfig finds a font for any character the chain
  # lacks. Windows has no fontconfig: there FreeType (SDL_ttf's own) reads what each installed
  # font covers into an index (ui_sysfont_win32.c); Linux builds it for the unit tests only.
  # sd-bus (libsystemd) asks the desktop portal for dark or light (--theme system,
  # common/ui/ui_syscolors_portal.c); Windows reads the registry, macOS nothing.
  find_package(PkgConfig QUIET)
  set(_sm_layout_missing "")
  if(PkgConfig_FOUND)
    pkg_check_modules(SM_FRIBIDI QUIET IMPORTED_TARGET GLOBAL fribidi)
    pkg_check_modules(SM_HARFBUZZ QUIET IMPORTED_TARGET GLOBAL harfbuzz)
    pkg_check_modules(SM_FREETYPE QUIET IMPORTED_TARGET GLOBAL freetype2)
    if(NOT WIN32)
      pkg_check_modules(SM_FONTCONFIG QUIET IMPORTED_TARGET GLOBAL fontconfig)
    endif()
    if(NOT WIN32 AND NOT APPLE)
      pkg_check_modules(SM_LIBSYSTEMD QUIET IMPORTED_TARGET GLOBAL libsystemd)
    endif()
  endif()
  if(NOT TARGET PkgConfig::SM_FRIBIDI)
    list(APPEND _sm_layout_missing "fribidi (libfribidi-dev)")
  endif()
  if(NOT TARGET PkgConfig::SM_HARFBUZZ)
    list(APPEND _sm_layout_missing "harfbuzz (libharfbuzz-dev)")
  endif()
  if(WIN32 AND NOT TARGET PkgConfig::SM_FREETYPE)
    list(APPEND _sm_layout_missing "freetype2")
  endif()
  if(NOT WIN32 AND NOT TARGET PkgConfig::SM_FONTCONFIG)
    list(APPEND _sm_layout_missing "fontconfig (libfontconfig-dev)")
  endif()
  if(NOT WIN32 AND NOT APPLE AND NOT TARGET PkgConfig::SM_LIBSYSTEMD)
    list(APPEND _sm_layout_missing "libsystemd (libsystemd-dev)")
  endif()
  if(SDL2_FOUND AND TARGET SDL2_ttf::SDL2_ttf AND NOT _sm_layout_missing)
    set(SAMPLEMAP_HAVE_GUI ON)
  elseif(SAMPLEMAP_GUI STREQUAL "ON" AND CMAKE_CROSSCOMPILING AND WIN32)
    message(FATAL_ERROR "SAMPLEMAP_GUI=ON but SDL2_ttf for Windows was not found: run "
                        "tools/build-windows-deps.sh once (it builds SDL2, SDL2_ttf and their "
                        "libraries from Debian's sources), or configure with -DSAMPLEMAP_GUI=OFF "
                        "for the headless programs only")
  elseif(SAMPLEMAP_GUI STREQUAL "ON")
    message(FATAL_ERROR "SAMPLEMAP_GUI=ON but SDL2_ttf or a text-layout library was not found "
                        "(missing: ${_sm_layout_missing}; Debian: apt-get install libsdl2-dev "
                        "libsdl2-ttf-dev libfribidi-dev libharfbuzz-dev libfontconfig-dev "
                        "libsystemd-dev pkg-config)")
  else()
    message(STATUS "SampleMap: SDL2/SDL2_ttf or ${_sm_layout_missing} not found; "
                   "building the headless apps only")
  endif()
endif()
message(STATUS "SampleMap: windows (SDL2 GUI): ${SAMPLEMAP_HAVE_GUI}")
