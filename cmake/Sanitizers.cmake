# AddressSanitizer + UndefinedBehaviorSanitizer for every target, for the debug preset.
option(NN_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(NN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
