// Loads the core's WebAssembly module once per worker and caches it.

/** @type {Promise<import('../../../../cpp/wasm/nn').NnModule> | null} */
let modulePromise = null;

/** The Embind module (cpp/wasm/nn.d.ts is its API). Rejects with a message a person can act on. */
export function loadModule() {
  modulePromise ??= (async () => {
    /** @type {typeof import('../../../../cpp/wasm/nn').default} */
    let factory;
    try {
      // The build puts the module beside the site (dist/wasm/nn.js).
      ({ default: factory } = await import(new URL('../../../wasm/nn.js', import.meta.url).href));
    } catch (error) {
      throw new Error(`could not load wasm/nn.js (${messageOf(error)}); is the site fully deployed?`);
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
      throw new Error(
        `could not start the WebAssembly module wasm/nn.wasm: ${messageOf(error)}. ` +
          'It needs a browser with WebAssembly SIMD (Chrome 91, Firefox 89, Safari 16.4 or newer).',
      );
    }
  })();
  return modulePromise;
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
