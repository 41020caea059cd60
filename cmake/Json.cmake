# nlohmann/json reads the metadata JSON a model file carries (class names for exports). It is
# header-only. As with Eigen, Emscripten's toolchain confines find_package to its sysroot, so the
# fallback finds the header by path (Debian: nlohmann-json3-dev puts it in /usr/include) and links
# just its folder into the build tree: -I/usr/include would put the system's libc headers in front
# of Emscripten's.
find_package(nlohmann_json 3.9 QUIET)
if(NOT TARGET nlohmann_json::nlohmann_json)
  find_path(NN_JSON_INCLUDE_DIR nlohmann/json.hpp PATHS /usr/include /usr/local/include
            NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT NN_JSON_INCLUDE_DIR)
    message(FATAL_ERROR "nlohmann/json not found: install it (Debian: apt-get install nlohmann-json3-dev)")
  endif()
  set(NN_JSON_LINK_DIR "${CMAKE_BINARY_DIR}/third-party-include")
  file(MAKE_DIRECTORY "${NN_JSON_LINK_DIR}")
  file(CREATE_LINK "${NN_JSON_INCLUDE_DIR}/nlohmann" "${NN_JSON_LINK_DIR}/nlohmann" SYMBOLIC)
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  set_target_properties(nlohmann_json::nlohmann_json PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
                                                                "${NN_JSON_LINK_DIR}")
endif()
