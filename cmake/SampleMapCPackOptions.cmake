# SampleMapCPackOptions.cmake - read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE).
# A Debian package names its maintainer; SampleMap ships no made-up one, so a DEB build
# without SAMPLEMAP_MAINTAINER (or DEBFULLNAME and DEBEMAIL at configure time) stops here.
if(CPACK_GENERATOR STREQUAL "DEB" AND NOT CPACK_PACKAGE_CONTACT MATCHES "^[^<>]+ <[^<>@ ]+@[^<>@ ]+>$")
  message(FATAL_ERROR "SampleMap: no maintainer for the .deb (\"${CPACK_PACKAGE_CONTACT}\"): configure "
          "with -DSAMPLEMAP_MAINTAINER=\"Your Name <you@example.org>\", or set DEBFULLNAME and "
          "DEBEMAIL before configuring (tools/build-deb.sh, docs/packaging.md)")
endif()

# Each Debian package's synopsis is the first line of its own description
# (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); CPack would put the project's one summary in front
# of all three unless the summary is its default, which it then leaves out.
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
