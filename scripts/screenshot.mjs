// Takes the README's screenshot (docs/screenshot.png) of the built site in headless Chromium:
// a 10-epoch mlp run, then a 7 drawn on the pad.   node scripts/screenshot.mjs [out.png]
import path from 'node:path';
import { launchBrowser, newContext } from '../tests/e2e/support/browser.mjs';
import { DIGITS, drawAndClassify, openApp, trainRun } from '../tests/e2e/support/app.mjs';
import { root, startSite } from '../tests/e2e/support/site.mjs';

const out = path.resolve(process.argv[2] || path.join(root, 'docs', 'screenshot.png'));
const site = await startSite();
const browser = await launchBrowser();
try {
  const context = await newContext(browser, { viewport: { width: 1280, height: 1000 } });
  const page = await openApp(context, site.url);
  await trainRun(page, { preset: 'mlp', epochs: 10 });
  await drawAndClassify(page, DIGITS[7]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500); // let the probability bars finish their transition
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height: 1000 } });
  console.log(`screenshot: ${path.relative(process.cwd(), out)}`);
} finally {
  await browser.close();
  await site.close();
}
