# SampleMapPackaging.cmake - every CPack setting of SampleMap, one generator per platform.
#   Linux: cpack -G DEB (the default there) -> three packages, one per install component:
#          samplemap (component apps: the programs and their desktop files),
#          libsamplemap-ipc1 (libs: the shared library) and libsamplemap-ipc-dev (dev:
#          headers, the .so link, the static library, CMake package, .pc); their
#          dependencies computed by dpkg-shlibdeps from the binaries (not hand-listed).
#          tools/build-deb.sh is how a package is built: -DCMAKE_INSTALL_PREFIX=/usr and
#          dpkg-buildflags' hardening flags (docs/packaging.md).
#   Windows: cpack -G ZIP (the default there) -> SampleMap-<version>-win64.zip, one folder
#          with the programs, their DLLs, assets, README and licences (SampleMapWindows.cmake).
# Included last from the top-level CMakeLists.txt, after every install() rule.
set(CPACK_VERBATIM_VARIABLES ON) # values are written to CPackConfig.cmake escaped, backslashes too
set(CPACK_PACKAGE_NAME samplemap)
set(CPACK_PACKAGE_VENDOR "The SampleMap authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/samplemap/samplemap")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_STRIP_FILES ON) # the .deb carries stripped programs (lintian: unstripped-binary)

# The maintainer: SAMPLEMAP_MAINTAINER (top-level CMakeLists.txt); checked when cpack runs.
set(CPACK_PACKAGE_CONTACT "${SAMPLEMAP_MAINTAINER}")
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/cmake/SampleMapCPackOptions.cmake)

if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
  set(CPACK_GENERATOR DEB)
  set(CPACK_DEB_COMPONENT_INSTALL ON)
  set(CPACK_COMPONENTS_ALL apps libs dev)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON) # Depends: from dpkg-shlibdeps, never by hand
  set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON) # 0644 control files, as dpkg builds them

  # The programs. The synopsis is each description's first line; CPack indents the
  # others and turns the empty ones into " ." as Debian policy asks.
  set(CPACK_DEBIAN_APPS_PACKAGE_NAME samplemap)
  set(CPACK_DEBIAN_APPS_PACKAGE_SECTION utils)
  # Fonts are data, not linked: the windows look for these at run time (docs/manual.md, "The windows").
  set(CPACK_DEBIAN_APPS_PACKAGE_RECOMMENDS "fonts-dejavu-core, fonts-noto-core")
  set(CPACK_DEBIAN_APPS_PACKAGE_SUGGESTS "fonts-noto-cjk, fonts-noto-color-emoji, bash-completion")
  set(CPACK_DEBIAN_APPS_DESCRIPTION
"pass Unicode text between programs through a named shared-memory view
SampleMap is a sender and a receiver (SDL2 windows and headless command-line
modes) that pass Unicode text through a named shared-memory mapping: the
classic Windows Local\\SampleMap sample rebuilt for Linux and Windows, safe
against torn reads and lost messages.

It doubles as a smoke test for programs that use a named mapping: look at
their slot without taking (--peek), talk to views of other sizes
(--view-size) and script checks with JSON output (--json).")

  # The shared library, named after its SONAME (libsamplemap_ipc.so.1), as policy asks.
  set(CPACK_DEBIAN_LIBS_PACKAGE_NAME libsamplemap-ipc${SAMPLEMAP_IPC_SOVERSION})
  set(CPACK_DEBIAN_LIBS_PACKAGE_SECTION libs)
  # The shlibs file dpkg-shlibdeps reads: "libsamplemap_ipc 1 libsamplemap-ipc1 (>= 0.1.0)".
  set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
  set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
  # dpkg runs ldconfig once per transaction through this trigger (CPack's own postinst and
  # postrm still call it as well: the one lintian tag left, docs/packaging.md).
  set(CPACK_DEBIAN_LIBS_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/deb/triggers)
  set(CPACK_DEBIAN_LIBS_DESCRIPTION
"SampleMap IPC library: messages through a named shared-memory view
The C library under the SampleMap sender and receiver: a named shared-memory
mapping (POSIX shm_open here) and a message protocol on its view, safe
against torn reads and lost messages, with several senders at once.

This package holds the shared library, libsamplemap_ipc.so.${SAMPLEMAP_IPC_SOVERSION}.")

  # Building against it: headers, the link-time .so, the static library, CMake and pkg-config.
  set(CPACK_DEBIAN_DEV_PACKAGE_NAME libsamplemap-ipc-dev)
  set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
  set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
  set(CPACK_COMPONENT_DEV_DEPENDS libs) # -> Depends: libsamplemap-ipc1 (= <version>)
  set(CPACK_DEBIAN_DEV_DESCRIPTION
"SampleMap IPC library: development files
The C library under the SampleMap sender and receiver: a named shared-memory
mapping and a message protocol on its view, safe against torn reads and
lost messages.

This package holds the headers (C and C++), the static library, the CMake
package (find_package(SampleMap)) and the pkg-config file (samplemap-ipc).")
endif()

if(WIN32)
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "pass Unicode text between programs through a named shared-memory view")
  set(CPACK_GENERATOR ZIP)
  set(CPACK_PACKAGE_FILE_NAME "SampleMap-${PROJECT_VERSION}-win64")
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON) # unzips into one folder of that name
  set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
endif()

include(CPack)
