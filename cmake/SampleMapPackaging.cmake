# SampleMapPackaging.cmake - every CPack setting of SampleMap, one generator per platform.
#   Linux: cpack -G DEB (the default there) -> samplemap_<version>_<arch>.deb, its
#          dependencies computed by dpkg-shlibdeps from the binaries (not hand-listed).
#   Windows: cpack -G ZIP (the default there) -> SampleMap-<version>-win64.zip, one folder
#          with the programs, their DLLs, assets, README and licences (SampleMapWindows.cmake).
# Included last from the top-level CMakeLists.txt, after every install() rule.
set(CPACK_VERBATIM_VARIABLES ON) # values are written to CPackConfig.cmake escaped, backslashes too
set(CPACK_PACKAGE_NAME samplemap)
set(CPACK_PACKAGE_VENDOR "The SampleMap maintainers")
set(CPACK_PACKAGE_CONTACT "The SampleMap maintainers <maintainers@users.noreply.h-seed-182d67e2.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "pass Unicode text between programs through a named shared-memory view")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/samplemap/samplemap")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON) # the .deb carries stripped programs (lintian: unstripped-binary)

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(CPACK_GENERATOR DEB)
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION devel)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends: from dpkg-shlibdeps, never by hand
  # Fonts are data, not linked: the windows look for these at run time (README "The windows").
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core, fonts-noto-core")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "fonts-noto-cjk, fonts-noto-color-emoji, bash-completion")
  # The synopsis is CPACK_PACKAGE_DESCRIPTION_SUMMARY; CPack indents these lines and
  # turns the empty ones into " ." as Debian policy asks.
  set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"SampleMap is a sender and a receiver (SDL2 windows and headless command-line
modes) that pass Unicode text through a named shared-memory mapping: the
classic Windows Local\\SampleMap sample rebuilt for Linux and Windows, safe
against torn reads and lost messages.

It doubles as a smoke test for programs that use a named mapping: look at
their slot without taking (--peek), talk to views of other sizes
(--view-size) and script checks with JSON output (--json).

The package also carries the IPC library with its headers, a CMake package
(find_package(SampleMap)) and a pkg-config file (samplemap-ipc).")
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON) # 0644 control files, as dpkg builds them
endif()

if(WIN32)
  set(CPACK_GENERATOR ZIP)
  set(CPACK_PACKAGE_FILE_NAME "SampleMap-${PROJECT_VERSION}-win64")
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON) # unzips into one folder of that name
  set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
endif()

include(CPack)
