# Eigen is header-only. Emscripten's toolchain confines find_package to its sysroot, so fall back
# to the system headers by path (Debian: /usr/include/eigen3).
find_package(Eigen3 3.3 QUIET NO_MODULE)
if(NOT TARGET Eigen3::Eigen)
  find_path(NN_EIGEN_INCLUDE_DIR Eigen/Core
            PATHS /usr/include/eigen3 /usr/local/include/eigen3 ENV EIGEN3_INCLUDE_DIR
            NO_CMAKE_FIND_ROOT_PATH)
  if(NOT NN_EIGEN_INCLUDE_DIR)
    message(FATAL_ERROR "Eigen 3 not found: install it (Debian: apt-get install libeigen3-dev)")
  endif()
  add_library(Eigen3::Eigen INTERFACE IMPORTED)
  set_target_properties(Eigen3::Eigen PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${NN_EIGEN_INCLUDE_DIR}")
endif()
