# Every Emscripten setting lives here. The module is an ES6 factory (MODULARIZE + EXPORT_ES6)
# that runs in a page, a worker and node (for the tests).
set(NN_WASM_COMPILE_FLAGS
    -msimd128     # Eigen's generic kernels auto-vectorise to 128-bit wasm SIMD
    -fexceptions  # the core reports bad input by throwing; the bindings turn that into JS errors
)
set(NN_WASM_LINK_FLAGS
    --bind
    -fexceptions
    -sMODULARIZE=1
    -sEXPORT_ES6=1
    -sEXPORT_NAME=createNnModule
    -sENVIRONMENT=web,worker,node
    -sALLOW_MEMORY_GROWTH=1
    -sINITIAL_MEMORY=33554432
    -sMAXIMUM_MEMORY=1073741824
    -sDYNAMIC_EXECUTION=0  # no eval/new Function: the page's CSP forbids them
    -sFILESYSTEM=0
    -sINCOMING_MODULE_JS_API=[wasmBinary,locateFile,print,printErr,onAbort]
)
add_compile_options(${NN_WASM_COMPILE_FLAGS})
