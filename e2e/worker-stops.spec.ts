import { expect, test } from './fixtures.ts';
import {
  addCardWithButton,
  addNoteWithButton,
  composer,
  editorField,
  openNotesList,
  waitForOverlay,
} from './overlay.ts';
import { runEditorFlowRounds, runWorkerStopRounds, stopSeed } from './worker-stops.ts';

// 100 rounds of shortcut, typing and Enter, each with the worker stopped once.
test.setTimeout(240_000);

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
});

test('no note, shortcut or editor is lost when the worker stops around 100 note saves', async ({
  context,
  page,
  extensionId,
}) => {
  const seed = stopSeed();
  const rounds = Number(process.env.CUECARDS_STOP_ROUNDS) || 100;
  console.log(`worker stops: seed ${seed} (replay with CUECARDS_STOP_SEED=${seed})`);
  const figures = await runWorkerStopRounds({
    context,
    page,
    extensionId,
    rounds,
    seed,
    log: (line) => console.log(line),
  });
  const { failures, ...counts } = figures;
  console.log(`worker stops: ${JSON.stringify(counts)}`);
  expect(failures).toEqual([]);
  expect(figures.acknowledged).toBe(rounds);
});

test('the card editor and edits of notes and cards survive the worker stopping too', async ({
  context,
  page,
  extensionId,
}) => {
  const video = page.locator('video');
  await addNoteWithButton(page, page, video, 'Seeded note');
  await addCardWithButton(page, video, { title: 'Seeded card' });
  const seed = stopSeed();
  console.log(`editor flows: seed ${seed} (replay with CUECARDS_STOP_SEED=${seed})`);
  const figures = await runEditorFlowRounds({
    context,
    page,
    extensionId,
    rounds: 30,
    seed,
    log: (line) => console.log(line),
  });
  console.log(`editor flows: ${figures.acknowledged} of ${figures.rounds} acknowledged`);
  expect(figures.failures).toEqual([]);
  expect(figures.acknowledged).toBe(30);
});

test('says why when the editor has not opened within a second, and opens it once it can', async ({
  page,
  worker,
}) => {
  // The worker, busy for three seconds, answers nothing: as one being woken on a slow machine.
  void worker
    .evaluate(() => {
      const until = Date.now() + 3_000;
      while (Date.now() < until) {}
    })
    .catch(() => undefined);
  await page.keyboard.press('Alt+Shift+N');
  await expect(
    page.getByRole('status').filter({
      hasText: 'Cuecards is starting up again: the editor opens in a moment.',
    }),
  ).toBeVisible();
  await expect(editorField(page)).toBeFocused({ timeout: 10_000 });
  // Once the editor is there, the notice has done its work.
  await expect(page.getByRole('status')).toHaveCount(0);
  await page.keyboard.insertText('Opened after a wait');
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe[title="Cuecards note editor"]')).toHaveCount(0);
  const list = await openNotesList(page, page.locator('video'));
  await expect(list.getByRole('listitem')).toHaveText([/Opened after a wait/]);
});

test('an editor whose session the browser forgot says so and saves the text anyway', async ({
  page,
  worker,
}) => {
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.insertText('Typed before the session was lost');
  // As a browser restart or an extension reload would: the worker forgets its sessions.
  await worker.evaluate('chrome.storage.session.clear()');
  await page.keyboard.press('Enter');
  await expect(
    composer(page).getByText('This editor has expired. Your text is still here: save it anyway?'),
  ).toBeVisible();
  await expect(editorField(page)).toHaveValue('Typed before the session was lost');
  await composer(page).getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.locator('iframe[title="Cuecards note editor"]')).toHaveCount(0);
  const list = await openNotesList(page, page.locator('video'));
  await expect(list.getByRole('listitem')).toHaveText([/Typed before the session was lost/]);
});
