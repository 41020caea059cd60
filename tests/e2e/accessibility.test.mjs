// Issue 10: a page people can use with a keyboard or a screen reader. axe-core audits the main
// states (no serious or critical violation), live regions speak at a humane rate, the pad says what
// it is and how to use it, the bare C shortcut leaves text fields alone, and everything can be
// done from the keyboard alone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seriousViolations } from './support/axe.mjs';
import { newContext } from './support/browser.mjs';
import {
  byTestId,
  drawAndClassify,
  DIGITS,
  inkedPixels,
  openApp,
  prediction,
  startRun,
  status,
  trainRun,
  waitForState,
} from './support/app.mjs';
import { useApp, useSite } from './support/suite.mjs';

const suite = useSite();

async function assertAccessible(page, where) {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], `${where}: serious or critical accessibility violations`);
}

describe('axe-core finds no serious or critical violation', () => {
  const app = useApp(suite);

  test('ready', async () => {
    await assertAccessible(app.page, 'ready');
  });

  test('training', async () => {
    await startRun(app.page, { epochs: 30 });
    await app.page.waitForFunction(() => window.__e2e.received.some((m) => m.type === 'progress'));
    assert.equal((await status(app.page)).state, 'training');
    await assertAccessible(app.page, 'training');
    await byTestId(app.page, 'train-reset').click();
    await waitForState(app.page, 'ready', { timeout: 10_000 });
  });

  test('done', async () => {
    await trainRun(app.page, { epochs: 1 });
    await drawAndClassify(app.page, DIGITS[7]);
    await assertAccessible(app.page, 'done');
  });

  test('ready, in the dark colour scheme', async () => {
    const context = await newContext(suite.browser, { colorScheme: 'dark' });
    try {
      const page = await openApp(context, suite.site.url);
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="confusion-matrix"] [data-count]'),
      );
      await assertAccessible(page, 'ready, dark');
    } finally {
      await context.close();
    }
  });

  test('error (a run that diverged)', async () => {
    await startRun(app.page, {
      epochs: 2,
      settings: { optimizer: 'sgd', learningRate: 10, weightDecay: 0.5 },
    });
    assert.equal(await waitForState(app.page, ['error', 'done'], { timeout: 60_000 }), 'error');
    await assertAccessible(app.page, 'error');
  });
});

describe('what a screen reader hears', () => {
  const app = useApp(suite);

  test('a 3-epoch run is announced when it starts and ends, not every epoch or second', async () => {
    await app.page.evaluate(() => {
      window.__announced = [];
      const regions = document.querySelectorAll('[aria-live], [role="status"], [role="alert"]');
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const region = (
            record.target.nodeType === 1 ? record.target : record.target.parentElement
          )?.closest('[aria-live], [role="status"], [role="alert"]');
          if (region) window.__announced.push(`${region.id}: ${region.textContent.trim()}`);
        }
      });
      for (const region of regions)
        observer.observe(region, { childList: true, characterData: true, subtree: true });
    });
    await trainRun(app.page, { epochs: 3 });
    const epochs = await app.page.evaluate(
      () => window.__e2e.received.filter((m) => m.type === 'epoch').length,
    );
    assert.equal(epochs, 3, 'the run had its three epochs');
    const announced = [...new Set(await app.page.evaluate(() => window.__announced))];
    assert.ok(announced.length >= 2, `the start and the end are announced: ${JSON.stringify(announced)}`);
    assert.ok(
      announced.length <= 4,
      `no more than a few announcements for a whole run: ${JSON.stringify(announced)}`,
    );
    assert.ok(
      announced.some((text) => /Finished/.test(text)),
      `the result is announced: ${JSON.stringify(announced)}`,
    );
  });

  test('the answer to a drawing is announced once, in words', async () => {
    await app.page.evaluate(() => (window.__announced = []));
    await drawAndClassify(app.page, DIGITS[1]);
    const announced = await app.page.evaluate(() =>
      window.__announced.filter((t) => t.startsWith('prediction-announce')),
    );
    assert.deepEqual(announced.length, 1, JSON.stringify(announced));
    assert.match(announced[0], /It reads \d, \d+% sure/);
  });

  test('the pad has a role, a name and instructions', async () => {
    const pad = await byTestId(app.page, 'pad').evaluate((canvas) => ({
      role: canvas.getAttribute('role'),
      name: canvas.getAttribute('aria-label'),
      description: canvas
        .getAttribute('aria-describedby')
        ?.split(' ')
        .map((id) => document.getElementById(id)?.textContent.trim())
        .join(' '),
    }));
    assert.equal(pad.role, 'img');
    assert.match(pad.name ?? '', /drawing pad/i);
    assert.match(pad.description ?? '', /draw one digit/i);
    assert.match(pad.description ?? '', /keyboard/i, 'it says what a keyboard can do');
  });
});

describe('the C shortcut (WCAG 2.1.4)', () => {
  const app = useApp(suite);

  test('a bare C in a text field types a C; Alt+C there, or C elsewhere, clears the pad', async () => {
    await drawAndClassify(app.page, DIGITS[1]);
    const field = app.page.locator('#hidden');
    await field.focus();
    await field.press('End');
    await app.page.keyboard.press('c');
    assert.match(await field.inputValue(), /c$/, 'the C was typed into the field');
    assert.ok((await inkedPixels(byTestId(app.page, 'pad'))) > 0, 'the pad kept its drawing');
    assert.notEqual((await prediction(app.page)).digit, '');
    await app.page.keyboard.press('Alt+KeyC');
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="prediction"]').dataset.digit === '',
    );
    assert.equal(await inkedPixels(byTestId(app.page, 'pad')), 0, 'Alt+C cleared the pad');
    assert.match(await field.inputValue(), /c$/, 'Alt+C typed nothing');
    await app.page.locator('#preset-restore').click();
  });
});

/** Presses Tab until `selector` has focus (it must be reachable from the keyboard). */
async function tabTo(page, selector, { backwards = false, limit = 120 } = {}) {
  for (let i = 0; i < limit; i += 1) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${selector} was not reached with ${backwards ? 'Shift+' : ''}Tab`);
}

describe('the keyboard alone', () => {
  const app = useApp(suite);

  test('starts, pauses, resumes and resets a run', async () => {
    await app.page.locator('#epochs').fill('30'); // the settings are not the point here
    await tabTo(app.page, '[data-testid="train-start"]');
    await app.page.waitForFunction(() => !document.querySelector('[data-testid="train-start"]').disabled);
    await app.page.keyboard.press('Enter');
    await waitForState(app.page, 'training', { timeout: 30_000 });
    await tabTo(app.page, '[data-testid="train-pause"]');
    await app.page.keyboard.press('Space');
    await waitForState(app.page, 'paused', { timeout: 10_000 });
    await app.page.keyboard.press('Space');
    await waitForState(app.page, 'training', { timeout: 10_000 });
    await tabTo(app.page, '[data-testid="train-reset"]');
    await app.page.keyboard.press('Enter');
    await waitForState(app.page, 'ready', { timeout: 10_000 });
  });

  test('Space on the page itself starts and pauses', async () => {
    await app.page.evaluate(() => document.activeElement?.blur());
    await app.page.keyboard.press('Space');
    await waitForState(app.page, 'training', { timeout: 30_000 });
    await app.page.keyboard.press('Space');
    await waitForState(app.page, 'paused', { timeout: 10_000 });
    await tabTo(app.page, '[data-testid="train-reset"]');
    await app.page.keyboard.press('Enter');
    await waitForState(app.page, 'ready', { timeout: 10_000 });
  });

  test('opens every panel: the settings, the class names, the sections, every misread image', async () => {
    await tabTo(app.page, '#settings-more > summary');
    const open = () => app.page.locator('#settings-more').evaluate((details) => details.open);
    const before = await open();
    await app.page.keyboard.press('Enter');
    assert.equal(await open(), !before, 'Enter folds and unfolds the settings');
    if (!(await open())) await app.page.keyboard.press('Enter');

    await tabTo(app.page, '#class-names > summary');
    await app.page.keyboard.press('Enter');
    assert.equal(await app.page.locator('#class-names').evaluate((details) => details.open), true);

    await tabTo(app.page, '#mistakes-more');
    await app.page.keyboard.press('Enter');
    assert.equal(await app.page.locator('#mistakes-more').getAttribute('aria-expanded'), 'true');

    for (const section of ['insights', 'runs-panel', 'dataset-panel']) {
      await tabTo(app.page, `.page-nav a[href="#${section}"]`, { backwards: true, limit: 300 });
      await app.page.keyboard.press('Enter');
      await app.page.waitForFunction((id) => window.location.hash === `#${id}`, section);
    }
  });
});
