// Loads the core's WebAssembly module once per worker and caches it.

/** @type {Promise<any> | null} */
let modulePromise = null;

/** The Embind module (see cpp/wasm/nn.d.ts for its API). Rejects with a message a person can act on. */
export function loadModule() {
  modulePromise ??= (async () => {
    let factory;
    try {
      ({ default: factory } = await import('../../wasm/nn.js'));
    } catch (error) {
      throw new Error(`could not load wasm/nn.js (${error.message}); is the site fully deployed?`);
    }
    if (typeof WebAssembly !== 'object') {
      throw new Error('this browser does not support WebAssembly');
    }
    try {
      return await factory({
        print: () => {},
        printErr: (text) => console.warn('[nn]', text),
      });
    } catch (error) {
      const reason = error && error.message ? error.message : String(error);
      throw new Error(
        `could not start the WebAssembly module wasm/nn.wasm: ${reason}. ` +
          'It needs a browser with WebAssembly SIMD (Chrome 91, Firefox 89, Safari 16.4 or newer).',
      );
    }
  })();
  return modulePromise;
}
