# Warnings for the project's own targets (not for Eigen or Catch2, which come in as SYSTEM).
function(nn_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wcast-align -Wunused -Woverloaded-virtual)
endfunction()
