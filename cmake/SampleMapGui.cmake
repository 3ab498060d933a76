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
  if(SDL2_FOUND AND TARGET SDL2_ttf::SDL2_ttf)
    set(SAMPLEMAP_HAVE_GUI ON)
  elseif(SAMPLEMAP_GUI STREQUAL "ON" AND CMAKE_CROSSCOMPILING AND WIN32)
    message(FATAL_ERROR "SAMPLEMAP_GUI=ON but SDL2_ttf for Windows was not found: run "
                        "tools/build-windows-deps.sh once (it builds SDL2, SDL2_ttf and their "
                        "libraries from Debian's sources), or configure with -DSAMPLEMAP_GUI=OFF "
                        "for the headless programs only")
  elseif(SAMPLEMAP_GUI STREQUAL "ON")
    message(FATAL_ERROR "SAMPLEMAP_GUI=ON but SDL2_ttf was not found "
                        "(Debian: apt-get install libsdl2-dev libsdl2-ttf-dev)")
  else()
    message(STATUS "SampleMap: SDL2/SDL2_ttf not found; building the headless apps only")
  endif()
endif()
message(STATUS "SampleMap: windows (SDL2 GUI): ${SAMPLEMAP_HAVE_GUI}")
