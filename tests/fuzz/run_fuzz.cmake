# run_fuzz.cmake - one ctest fuzz.<target> run (see CMakeLists.txt):
#   cmake -DFUZZER=<exe> -DSEEDS=<dir> -DWORK=<dir> -DSECONDS=<n> -P run_fuzz.cmake
# Fuzzes from a fresh copy of the seeds, so a run is repeatable and the committed corpus is
# never written; a crash fails the test and its input is kept in WORK/crashes/.
foreach(var FUZZER SEEDS WORK SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzz.cmake: -D${var}=... is required")
  endif()
endforeach()

# Old crash files would be blamed on this run: start both directories empty.
file(REMOVE_RECURSE ${WORK}/corpus ${WORK}/crashes)
file(MAKE_DIRECTORY ${WORK}/corpus ${WORK}/crashes)
file(COPY ${SEEDS}/ DESTINATION ${WORK}/corpus)

# -timeout: one input taking 10 s is a hang, reported as a failure like a crash.
# -max_len: a view is 2048 bytes and no name or message needs more; longer inputs waste runs.
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=10 -max_len=2048 -print_final_stats=1
          -artifact_prefix=${WORK}/crashes/ ${WORK}/corpus
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB found ${WORK}/crashes/*)
  message(FATAL_ERROR "${FUZZER} failed (${result}); reproducer(s): ${found}\n"
                      "replay one with: ${FUZZER} <file>")
endif()
