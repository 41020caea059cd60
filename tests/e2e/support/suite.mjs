// The before and after hooks every browser test file repeats: a served copy of the site and a
// browser for the whole file (useSite), and a browser context with the app open in it, shared by
// the file or by one describe block (useApp). Each returns an object whose fields are set once
// its `before` has run. (Node 20 runs a file's top-level `before` hooks concurrently, so setup
// that needs the open app goes in useSite's afterOpen, not in a `before` of its own.)
import { after, before } from 'node:test';
import { openApp } from './app.mjs';
import { launchBrowser, newContext } from './browser.mjs';
import { startSite } from './site.mjs';

/**
 * A new context of the suite's browser (see newContext for `options`); `beforeOpen` may add
 * listeners to it before the app opens in it (unless `open` is false), `afterOpen` may prepare
 * the open app.
 */
async function openContext({ site, browser }, { options, open = true, beforeOpen, afterOpen }) {
  const context = await newContext(browser, options);
  await beforeOpen?.(context);
  const page = open ? await openApp(context, site.url) : null;
  await afterOpen?.({ context, page });
  return { context, page };
}

/**
 * Registers the file's hooks: the site and the browser, started before its tests and closed after
 * them, and, with `openApp` or `context`, one context that all the file's tests share (closed
 * with the browser).
 * @param {object} [options]
 * @param {boolean} [options.openApp]  open the app in the shared context, waiting until it is ready
 * @param {object} [options.context]  options of the shared context (viewport, touch, downloads)
 * @param {(context: import('playwright-core').BrowserContext) => void} [options.beforeOpen]
 * @param {(app: {context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page}) => Promise<void>} [options.afterOpen]
 * @param {boolean} [options.serviceWorker]  serve the site as a static host would (with its
 *   service worker), not for development
 * @returns {{site: {dir: string, url: string, stop: Function, restart: Function},
 *   browser: import('playwright-core').Browser, context: import('playwright-core').BrowserContext,
 *   page: import('playwright-core').Page}}  context and page stay null when not asked for
 */
export function useSite({
  openApp: open = false,
  context: options,
  beforeOpen,
  afterOpen,
  serviceWorker = false,
} = {}) {
  const suite = { site: null, browser: null, context: null, page: null };
  before(async () => {
    suite.site = await startSite({ serviceWorker });
    suite.browser = await launchBrowser();
    if (open || options) {
      Object.assign(suite, await openContext(suite, { options, open, beforeOpen, afterOpen }));
    }
  });
  after(async () => {
    await suite.browser?.close();
    await suite.site?.close();
  });
  return suite;
}

/**
 * Registers, in the enclosing describe block, a context of the suite's browser with the app open
 * in it, closed after the block.
 * @param {ReturnType<typeof useSite>} suite
 * @returns {{context: import('playwright-core').BrowserContext, page: import('playwright-core').Page}}
 */
export function useApp(suite) {
  const app = { context: null, page: null };
  before(async () => Object.assign(app, await openContext(suite, {})));
  after(() => app.context?.close());
  return app;
}
