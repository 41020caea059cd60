# The libFuzzer build (the fuzz preset). Included only when NN_BUILD_FUZZERS is ON, after the core
# exists: the core itself is instrumented, or the fuzzers would steer by the coverage of their own
# few lines and never see which branches of the parsers they reach.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "NN_BUILD_FUZZERS needs clang (libFuzzer): configure with `cmake --preset fuzz` "
                      "(clang++-14; Debian: apt-get install clang-14 libclang-rt-14-dev)")
endif()

set(NN_FUZZ_SANITIZERS address,undefined)
# -UNDEBUG keeps assert() and Eigen's index checks in the optimised build: a failed one is a finding.
target_compile_options(nn_core PUBLIC
  -fsanitize=fuzzer-no-link,${NN_FUZZ_SANITIZERS} -fno-sanitize-recover=all -fno-omit-frame-pointer -UNDEBUG)
target_link_options(nn_core INTERFACE -fsanitize=${NN_FUZZ_SANITIZERS})

# One libFuzzer executable per source file.
function(nn_add_fuzzer name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE nn_core)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,${NN_FUZZ_SANITIZERS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,${NN_FUZZ_SANITIZERS})
  nn_set_warnings(${name})
endfunction()
