# Native code generation, chosen by measurement: AVX2+FMA makes Eigen's GEMM about 2.5x faster than
# the SSE2 default here, while -march=native picked Eigen's AVX-512 path and ran 3x slower on these
# virtual CPUs. AUTO uses AVX2+FMA when the build machine has them.
set(NN_NATIVE_SIMD "AUTO" CACHE STRING "AVX2+FMA code for the native build: AUTO, ON or OFF")
set_property(CACHE NN_NATIVE_SIMD PROPERTY STRINGS AUTO ON OFF)

set(NN_NATIVE_FLAGS "")
if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
  if(NN_NATIVE_SIMD STREQUAL "AUTO")
    include(CheckCXXSourceRuns)
    check_cxx_source_runs("
      int main() {
        __builtin_cpu_init();
        return __builtin_cpu_supports(\"avx2\") && __builtin_cpu_supports(\"fma\") ? 0 : 1;
      }" NN_HOST_HAS_AVX2_FMA)
    if(NN_HOST_HAS_AVX2_FMA)
      set(NN_NATIVE_FLAGS -mavx2 -mfma)
    endif()
  elseif(NN_NATIVE_SIMD)
    set(NN_NATIVE_FLAGS -mavx2 -mfma)
  endif()
endif()
message(STATUS "Native SIMD flags: ${NN_NATIVE_FLAGS}")
