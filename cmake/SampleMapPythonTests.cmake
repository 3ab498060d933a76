# samplemap_python_tests(DRIVER <file.py> PREFIX <ctest prefix> LABEL <label> TIMEOUT <s> ARGS ...)
# Registers PREFIX.<name> for every name the driver lists with --list (tests/support/proctest.py):
# a test is named once, in its driver, and ctest follows. ARGS go before the test name.
function(samplemap_python_tests)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DRIVER;PREFIX;LABEL;TIMEOUT" "ARGS")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${arg_DRIVER}
               ${PROJECT_SOURCE_DIR}/tests/support/proctest.py)
  execute_process(COMMAND ${Python3_EXECUTABLE} ${arg_DRIVER} --list
                  OUTPUT_VARIABLE names RESULT_VARIABLE result)
  if(NOT result EQUAL 0 OR names STREQUAL "")
    message(FATAL_ERROR "${arg_DRIVER} --list failed (${result}): no ${arg_PREFIX} tests")
  endif()
  string(REGEX REPLACE "\n$" "" names "${names}")
  string(REPLACE "\n" ";" names "${names}")
  foreach(test_name IN LISTS names)
    add_test(NAME ${arg_PREFIX}.${test_name}
             COMMAND ${Python3_EXECUTABLE} ${arg_DRIVER} ${arg_ARGS} ${test_name})
    set_tests_properties(${arg_PREFIX}.${test_name} PROPERTIES LABELS ${arg_LABEL}
                         SKIP_RETURN_CODE 77 TIMEOUT ${arg_TIMEOUT})
  endforeach()
endfunction()
