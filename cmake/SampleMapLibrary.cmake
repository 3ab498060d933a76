# SampleMapLibrary.cmake - installs the IPC library for other C programs (docs/api.md):
#   include/samplemap/*.h               the public headers
#   lib/libsamplemap_ipc.a              the library (static, position-independent)
#   lib/libsamplemap_ipc.so.1 (.so)     the shared library (not on Windows), SONAME .so.<ABI number>
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

# The public headers: what a program using the library needs. The OS seam (mapping.h,
# os_process.h), the protocol points (hook.h) and the backends' own headers stay private:
# not installed, and their functions are not exported from the shared library (no SM_API).
set(SAMPLEMAP_PUBLIC_HEADERS ${CMAKE_CURRENT_SOURCE_DIR}/ipc/error.h ${CMAKE_CURRENT_SOURCE_DIR}/ipc/name.h
    ${CMAKE_CURRENT_SOURCE_DIR}/ipc/text.h ${CMAKE_CURRENT_SOURCE_DIR}/ipc/slot.h
    ${CMAKE_CURRENT_SOURCE_DIR}/ipc/channel.h ${CMAKE_CURRENT_SOURCE_DIR}/ipc/lock_state.h
    ${CMAKE_CURRENT_SOURCE_DIR}/ipc/visibility.h ${CMAKE_CURRENT_BINARY_DIR}/ipc_generated/version.h)
# build.shared_library (tests/build) checks the exports against exactly these.
set_property(GLOBAL PROPERTY SAMPLEMAP_PUBLIC_HEADERS ${SAMPLEMAP_PUBLIC_HEADERS})
install(FILES ${SAMPLEMAP_PUBLIC_HEADERS}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/samplemap ${SAMPLEMAP_DEV_COMPONENT})
install(TARGETS samplemap_ipc EXPORT SampleMapTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} ${SAMPLEMAP_DEV_COMPONENT})
if(TARGET samplemap_ipc_shared)
  # The run-time file (.so.0.1.0 and its SONAME link .so.1) is component "libs", what a
  # program built against it needs; the link-time name libsamplemap_ipc.so goes with "dev".
  install(TARGETS samplemap_ipc_shared EXPORT SampleMapTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT libs NAMELINK_COMPONENT dev)
endif()

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

# pkg-config: -lsamplemap_ipc finds the shared library where there is one; the system
# libraries a static link needs are in Libs.private (pkg-config --static adds them).
if(WIN32)
  set(SAMPLEMAP_PC_SYSTEM_LIBS "")
elseif(APPLE)
  set(SAMPLEMAP_PC_SYSTEM_LIBS "-pthread")
else()
  set(SAMPLEMAP_PC_SYSTEM_LIBS "-pthread -lrt")
endif()
# The .pc names its directories plainly (prefix=/usr, includedir=${prefix}/include), as
# distributions expect: the prefix is the one of the install itself (cmake --install
# --prefix, or CPack's /usr), so the file is written at install time, not at configure time.
set(SAMPLEMAP_PC_PREFIX "@SAMPLEMAP_PC_PREFIX@") # kept for the install step to fill
configure_file(${PROJECT_SOURCE_DIR}/packaging/pkgconfig/samplemap-ipc.pc.in
               ${PROJECT_BINARY_DIR}/samplemap-ipc.pc.in @ONLY)
set(SAMPLEMAP_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(CODE "
  set(pc_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${SAMPLEMAP_PC_DIR}\")
  file(READ \"${PROJECT_BINARY_DIR}/samplemap-ipc.pc.in\" pc)
  string(REPLACE \"@SAMPLEMAP_PC_PREFIX@\" \"\${CMAKE_INSTALL_PREFIX}\" pc \"\${pc}\")
  message(STATUS \"Installing: \${pc_dir}/samplemap-ipc.pc\")
  file(WRITE \"\${pc_dir}/samplemap-ipc.pc\" \"\${pc}\")
  list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${pc_dir}/samplemap-ipc.pc\")"
  ${SAMPLEMAP_DEV_COMPONENT})
