import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  composer,
  editorField,
  isPaused,
  notesListFrame,
  openNotesList,
  seekVideo,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
});

test('adds a note with the shortcut, pausing while typing and resuming on Enter', async ({
  page,
}) => {
  const video = page.locator('video');
  await seekVideo(video, 20);
  await video.evaluate((element: HTMLVideoElement) => element.play());
  await page.locator('h1').click();

  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  await expect(composer(page).getByText('New note at 0:20')).toBeVisible();
  expect(await isPaused(video)).toBe(true);

  await page.keyboard.type('Rocky chops wood');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('in the snow');
  await page.keyboard.press('Enter');

  await expect(page.locator('iframe[title="Cuecards note editor"]')).toHaveCount(0);
  await expect.poll(() => isPaused(video)).toBe(false);
  const list = await openNotesList(page, video);
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('button', { name: 'Seek to 0:20' })).toBeVisible();
  await expect(list.getByText('Rocky chops wood\nin the snow')).toBeVisible();
});

test('the browser command opens the editor in the active tab', async ({ page, worker }) => {
  const video = page.locator('video');
  await seekVideo(video, 7);
  await worker.evaluate(() =>
    (
      globalThis as unknown as { cuecardsRunCommand: (name: string) => Promise<boolean> }
    ).cuecardsRunCommand('add-note'),
  );
  await expect(editorField(page)).toBeFocused();
  await expect(composer(page).getByText('New note at 0:07')).toBeVisible();
  await page.keyboard.type('From the command');
  await page.keyboard.press('Enter');
  const list = await openNotesList(page, video);
  await expect(list.getByText('From the command')).toBeVisible();
});

test('Esc cancels without saving and resumes the video', async ({ page }) => {
  const video = page.locator('video');
  await video.evaluate((element: HTMLVideoElement) => element.play());
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  expect(await isPaused(video)).toBe(true);
  await page.keyboard.type('Never mind');
  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Cuecards note editor"]')).toHaveCount(0);
  await expect.poll(() => isPaused(video)).toBe(false);
  const list = await openNotesList(page, video);
  await expect(list.getByText('No notes yet')).toBeVisible();
});

test('an empty note is not saved and the editor says why', async ({ page }) => {
  const video = page.locator('video');
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.type('   ');
  await page.keyboard.press('Enter');
  await expect(composer(page).getByRole('alert')).toHaveText(
    'Empty notes are not saved. Type something, or press Esc.',
  );
  await page.keyboard.press('Escape');
  const list = await openNotesList(page, video);
  await expect(list.getByText('No notes yet')).toBeVisible();
});

test('a note over the size limit gets a clear message and is not saved', async ({ page }) => {
  const video = page.locator('video');
  await page.keyboard.press('Alt+Shift+N');
  const field = editorField(page);
  await expect(field).toBeFocused();
  await field.fill('x'.repeat(20_001));
  await page.keyboard.press('Enter');
  await expect(composer(page).getByRole('alert')).toHaveText(
    'This note has 20,001 characters; the limit is 20,000.',
  );
  await page.keyboard.press('Escape');
  const list = await openNotesList(page, video);
  await expect(list.getByText('No notes yet')).toBeVisible();
});

test('walks the notes list with the keyboard: Enter on a time seeks, Esc closes it', async ({
  page,
}) => {
  const video = page.locator('video');
  await seekVideo(video, 10);
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.type('Found by keys');
  await page.keyboard.press('Enter');
  await seekVideo(video, 40);

  const notesButton = page.getByRole('button', { name: 'Notes (1)' });
  await notesButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe[title="Cuecards notes list"]')).toBeVisible();
  const list = notesListFrame(page).getByRole('region', { name: 'Notes on this video' });
  await expect(list).toBeVisible();
  const seekButton = list.getByRole('button', { name: 'Seek to 0:10' });
  for (let presses = 0; presses < 6 && !(await isFocused(seekButton)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(seekButton).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => videoTime(video)).toBeCloseTo(10, 0);

  await page.keyboard.press('Escape');
  await expect(page.locator('iframe[title="Cuecards notes list"]')).toBeHidden();
  await expect(notesButton).toBeFocused();
});

function isFocused(element: Locator): Promise<boolean> {
  return element.evaluate((node) => node === document.activeElement && document.hasFocus());
}
