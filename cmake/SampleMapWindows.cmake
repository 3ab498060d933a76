# SampleMapWindows.cmake - what makes the two programs proper Windows programs:
# an icon and version resource in each .exe, the GUI subsystem when they have a window,
# the DLLs of the windows' libraries beside them, and the install layout of the zip.
# Included from the top-level CMakeLists.txt; does nothing on other systems.

# samplemap_windows_program(TARGET DESCRIPTION): resources, subsystem and DLLs for one .exe.
function(samplemap_windows_program target description)
  if(NOT WIN32)
    return()
  endif()
  set(SM_RC_TARGET ${target})
  set(SM_RC_DESCRIPTION "${description}")
  set(SM_RC_ICON "${PROJECT_SOURCE_DIR}/assets/icons/samplemap.ico")
  configure_file(${PROJECT_SOURCE_DIR}/cmake/samplemap.rc.in
                 ${CMAKE_CURRENT_BINARY_DIR}/${target}.rc @ONLY)
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/${target}.rc)
  # All programs in one folder, as in the zip: samplemap-demo.exe starts the other two from
  # its own folder, and the DLLs need copying only once.
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
  if(SAMPLEMAP_HAVE_GUI)
    # A window is the default face, so no console window may pop up beside it when the
    # program is started from Explorer; platform_win32.c attaches to the console of a
    # command prompt instead, so the headless flags still print there.
    set_target_properties(${target} PROPERTIES WIN32_EXECUTABLE ON)
    samplemap_windows_dlls_beside(${target})
  endif()
endfunction()

# samplemap_windows_dlls_beside(TARGET): copies the windows' DLLs next to TARGET's .exe after
# each build, so it runs from the build tree (ctest, wine); Windows finds DLLs there first.
function(samplemap_windows_dlls_beside target)
  if(WIN32 AND SAMPLEMAP_HAVE_GUI AND SAMPLEMAP_WINDOWS_DEPS)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${CMAKE_COMMAND} -E copy_if_different ${SAMPLEMAP_WINDOWS_DLLS}
              $<TARGET_FILE_DIR:${target}>
      VERBATIM)
  endif()
endfunction()

if(NOT WIN32)
  return()
endif()
enable_language(RC) # windres, for the .rc files above

# The DLLs the windows need: everything the dependency prefix built (SDL2, SDL2_ttf,
# FreeType, HarfBuzz, FriBidi, libpng, zlib); none is a C or C++ runtime (see
# tools/build-windows-deps.sh), and the programs link libgcc statically.
set(SAMPLEMAP_WINDOWS_DLLS "")
if(SAMPLEMAP_HAVE_GUI AND SAMPLEMAP_WINDOWS_DEPS)
  file(GLOB SAMPLEMAP_WINDOWS_DLLS "${SAMPLEMAP_WINDOWS_DEPS}/bin/*.dll")
  list(FILTER SAMPLEMAP_WINDOWS_DLLS EXCLUDE REGEX "subset") # HarfBuzz's font subsetter: unused
endif()

# --- What the Windows package holds (cpack makes SampleMap-<version>-win64.zip) ----------
# One folder, as a Windows user expects: the three programs (sender, receiver, the pair's
# launcher), their DLLs, assets\ (icon, bundled font), the README and every licence.
if(NOT SAMPLEMAP_HAVE_GUI)
  return()
endif()
install(FILES ${SAMPLEMAP_WINDOWS_DLLS} DESTINATION .)
install(DIRECTORY ${SAMPLEMAP_WINDOWS_DEPS}/share/licenses/ DESTINATION licences)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION . RENAME LICENSE.txt)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/windows.md
        DESTINATION .)

# A primary font inside the package, so the windows look the same on every Windows and
# under Wine: DejaVu Sans from Debian's fonts-dejavu-core (a free licence; shipped with it).
# Without it the windows use Segoe UI, which every Windows 10/11 has (ui_fontfind.c).
set(SAMPLEMAP_BUNDLED_FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" CACHE FILEPATH
    "Font file bundled into the Windows package as assets/fonts/DejaVuSans.ttf")
set(SAMPLEMAP_BUNDLED_FONT_LICENCE "/usr/share/doc/fonts-dejavu-core/copyright" CACHE FILEPATH
    "Licence of SAMPLEMAP_BUNDLED_FONT, shipped beside it")
if(EXISTS "${SAMPLEMAP_BUNDLED_FONT}" AND EXISTS "${SAMPLEMAP_BUNDLED_FONT_LICENCE}")
  install(FILES ${SAMPLEMAP_BUNDLED_FONT} DESTINATION assets/fonts RENAME DejaVuSans.ttf)
  install(FILES ${SAMPLEMAP_BUNDLED_FONT_LICENCE} DESTINATION licences/fonts-dejavu-core
          RENAME copyright)
else()
  message(WARNING "SampleMap: ${SAMPLEMAP_BUNDLED_FONT} or its licence not found "
                  "(Debian: apt-get install fonts-dejavu-core); the Windows package will "
                  "rely on the system's Segoe UI")
endif()

# CPack itself (the ZIP generator and the file name) is set in cmake/SampleMapPackaging.cmake.
