# check_install.cmake - installs the build into a fresh prefix and checks that a desktop finds
# everything: both apps and the launcher, the .desktop entries, the icon, and the assets the
# apps load. Run by ctest as install.layout: cmake -DBUILD=... -DPREFIX=... -P check_install.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc})")
endif()
foreach(path
    bin/samplemap-sender bin/samplemap-receiver bin/samplemap-demo
    share/applications/samplemap-sender.desktop share/applications/samplemap-receiver.desktop
    share/applications/samplemap-demo.desktop
    share/icons/hicolor/128x128/apps/samplemap.png
    share/samplemap/icons/samplemap.bmp share/samplemap/LICENSE.md)
  if(NOT EXISTS "${PREFIX}/${path}")
    message(FATAL_ERROR "not installed: ${path}")
  endif()
endforeach()
# Each .desktop entry must start a program that was installed.
foreach(entry sender receiver demo)
  file(STRINGS "${PREFIX}/share/applications/samplemap-${entry}.desktop" exec REGEX "^Exec=")
  string(REGEX REPLACE "^Exec=([^ ]+).*" "\\1" program "${exec}")
  if(NOT EXISTS "${PREFIX}/bin/${program}" AND NOT EXISTS "${program}")
    message(FATAL_ERROR "samplemap-${entry}.desktop runs '${program}', which is not installed")
  endif()
endforeach()
# The installed binary runs from anywhere (here: the filesystem root).
execute_process(COMMAND "${PREFIX}/bin/samplemap-receiver" --version WORKING_DIRECTORY /
                RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "samplemap-receiver")
  message(FATAL_ERROR "installed samplemap-receiver --version failed: ${rc} ${out}")
endif()
message(STATUS "install layout ok under ${PREFIX}")
