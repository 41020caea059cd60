// Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). Each call
// launches a browser with a fresh temporary profile; every context gets the page instruments.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, DEBIAN_CHROMIUM } from '../../../scripts/lib/chromium.mjs';
import { instrumentPage } from './instruments.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh test)`);
  }
  // playwright gives every launch a new temporary user data dir and deletes it on close.
  return chromium.launch(chromiumLaunchOptions(CHROMIUM));
}

/**
 * A new browser context (its own storage: no service worker, cache or IndexedDB from another
 * test) with the instruments installed, and any options of browser.newContext.
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  await instrumentPage(context);
  return context;
}
