// What "a consistent state" means for the page, checked after buttons are pressed at bad moments.
import assert from 'node:assert/strict';
import {
  byTestId,
  clearPad,
  DIGITS,
  drawAndClassify,
  LEGAL_STATES,
  status,
  trainRun,
  waitForState,
} from './app.mjs';

/** The status is a legal state and the buttons agree with it; no uncaught page error. */
export async function assertConsistent(page, where) {
  const { state, message } = await status(page);
  assert.ok(LEGAL_STATES.includes(state), `${where}: data-state '${state}' is not a legal state`);
  const enabled = {};
  for (const id of ['train-start', 'train-pause', 'train-reset'])
    enabled[id] = await byTestId(page, id).isEnabled();
  const label = (await byTestId(page, 'train-pause').textContent()).trim();
  const shown = `${where}: state ${state} ("${message}"), buttons ${JSON.stringify(enabled)}, pause label ${label}`;
  if (state === 'training' || state === 'paused') {
    assert.equal(enabled['train-pause'], true, `${shown}: Pause/Resume works during a run`);
    assert.equal(enabled['train-start'], false, `${shown}: no second Start during a run`);
    assert.equal(enabled['train-reset'], true, `${shown}: Reset works during a run`);
    assert.equal(label, state === 'paused' ? 'Resume' : 'Pause', `${shown}: the Pause button's label`);
  } else {
    assert.equal(enabled['train-pause'], false, `${shown}: Pause is disabled outside a run`);
  }
  if (state === 'loading') assert.equal(enabled['train-start'], false, `${shown}: no Start while loading`);
  if (state === 'error') {
    assert.ok(message.trim().length > 0, `${shown}: the error says what went wrong`);
    assert.equal(await page.locator('#retry').isVisible(), true, `${shown}: a Retry/Reset button is shown`);
  }
  assert.deepEqual(page.__errors || [], [], `${where}: uncaught errors in the page`);
  return state;
}

/** The page still works: it reads a drawing and trains a one-epoch run to done. */
export async function assertWorks(page, where) {
  const state = await waitForState(page, ['ready', 'done'], { timeout: 60_000 });
  assert.ok(['ready', 'done'].includes(state), `${where}: settles to ready or done`);
  await clearPad(page);
  const answer = await drawAndClassify(page, DIGITS[1]);
  assert.match(answer.digit, /^[0-9]$/, `${where}: the pad still classifies`);
  await trainRun(page, { epochs: 1 });
  await assertConsistent(page, `${where}, after a new run`);
}
