// Debian's Chromium, headless, driven by playwright-core (never a downloaded browser). Each call
// launches a browser with a fresh temporary profile; every context gets the page instruments.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { instrumentPage } from './instruments.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash scripts/setup.sh test)`);
  }
  // playwright gives every launch a new temporary user data dir and deletes it on close.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
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
