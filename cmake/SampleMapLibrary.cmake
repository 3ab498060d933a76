# SampleMapLibrary.cmake - installs the IPC library for other C programs (docs/api.md):
#   include/samplemap/*.h               the public headers
#   lib/libsamplemap_ipc.a              the library (static, position-independent)
#   lib/cmake/SampleMap/                find_package(SampleMap) -> SampleMap::ipc
#   lib/pkgconfig/samplemap-ipc.pc      pkg-config --cflags --libs samplemap-ipc
# Included from common/CMakeLists.txt, where the samplemap_ipc target is defined.
include(CMakePackageConfigHelpers)

# On Windows the library is installed only when asked for (cmake --install . --component dev):
# the zip (cpack) is for the people who run the programs, not for building against them.
set(SAMPLEMAP_DEV_COMPONENT COMPONENT dev)
if(WIN32)
  list(APPEND SAMPLEMAP_DEV_COMPONENT EXCLUDE_FROM_ALL)
endif()

set(SAMPLEMAP_PUBLIC_HEADERS ipc/error.h ipc/name.h ipc/text.h ipc/slot.h ipc/channel.h ipc/mapping.h
                             ipc/os_process.h ipc/hook.h ipc/lock_state.h)
install(FILES ${SAMPLEMAP_PUBLIC_HEADERS}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/samplemap ${SAMPLEMAP_DEV_COMPONENT})
install(TARGETS samplemap_ipc EXPORT SampleMapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} ${SAMPLEMAP_DEV_COMPONENT})

set(SAMPLEMAP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/SampleMap)
install(EXPORT SampleMapTargets NAMESPACE SampleMap:: DESTINATION ${SAMPLEMAP_CMAKE_DIR}
        ${SAMPLEMAP_DEV_COMPONENT})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/SampleMapConfig.cmake.in
  ${PROJECT_BINARY_DIR}/SampleMapConfig.cmake INSTALL_DESTINATION ${SAMPLEMAP_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/SampleMapConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/SampleMapConfig.cmake
              ${PROJECT_BINARY_DIR}/SampleMapConfigVersion.cmake
        DESTINATION ${SAMPLEMAP_CMAKE_DIR} ${SAMPLEMAP_DEV_COMPONENT})

# pkg-config: the system libraries a static link needs go into Libs, since there is no shared one.
if(WIN32)
  set(SAMPLEMAP_PC_SYSTEM_LIBS "")
elseif(APPLE)
  set(SAMPLEMAP_PC_SYSTEM_LIBS "-pthread")
else()
  set(SAMPLEMAP_PC_SYSTEM_LIBS "-pthread -lrt")
endif()
configure_file(${PROJECT_SOURCE_DIR}/packaging/pkgconfig/samplemap-ipc.pc.in
               ${PROJECT_BINARY_DIR}/samplemap-ipc.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/samplemap-ipc.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig ${SAMPLEMAP_DEV_COMPONENT})
