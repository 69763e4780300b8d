import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  composer,
  editorField,
  openNotesList,
  previewOfMarker,
  seekVideo,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
});

test('adds a note with the button and shows its marker at its place on the timeline', async ({
  page,
}) => {
  const video = page.locator('video');
  await seekVideo(video, 45);
  await addNoteWithButton(page, page, video, 'Drago on the treadmill');

  const marker = page.getByRole('button', { name: 'Note at 0:45', exact: true });
  await expect(marker).toBeVisible();
  const videoBox = (await video.boundingBox())!;
  const markerBox = (await marker.boundingBox())!;
  const expectedX = videoBox.x + videoBox.width * (45 / 60);
  expect(Math.abs(markerBox.x + markerBox.width / 2 - expectedX)).toBeLessThan(3);
  // The strip runs along the top edge, clear of the native controls at the bottom.
  expect(markerBox.y + markerBox.height).toBeLessThan(videoBox.y + 20);

  await expect(await previewOfMarker(page, marker)).toHaveText('0:45 Drago on the treadmill');
});

test('a click on a marker or on a time in the list seeks the video there', async ({ page }) => {
  const video = page.locator('video');
  await seekVideo(video, 30);
  await addNoteWithButton(page, page, video, 'Halfway');
  await seekVideo(video, 5);

  await page.getByRole('button', { name: 'Note at 0:30', exact: true }).click();
  await expect.poll(() => videoTime(video)).toBeCloseTo(30, 0);

  await seekVideo(video, 50);
  const list = await openNotesList(page, video);
  await list.getByRole('button', { name: 'Seek to 0:30' }).click();
  await expect.poll(() => videoTime(video)).toBeCloseTo(30, 0);
});

test('lists notes in time order and edits one in the editor', async ({ page }) => {
  const video = page.locator('video');
  await seekVideo(video, 40);
  await addNoteWithButton(page, page, video, 'Later note');
  await seekVideo(video, 10);
  await addNoteWithButton(page, page, video, 'Early note');

  const list = await openNotesList(page, video);
  await expect(list.getByRole('listitem')).toHaveText([/0:10\s*Early note/, /0:40\s*Later note/]);

  await list.getByRole('button', { name: 'Edit note at 0:40' }).click();
  const field = editorField(page);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Later note');
  await expect(composer(page).getByText('Edit note at 0:40')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Edited later note');
  await page.keyboard.press('Enter');

  await expect(list.getByRole('listitem')).toHaveText([
    /0:10\s*Early note/,
    /0:40\s*Edited later note/,
  ]);
});

test('deletes a note and brings it back with undo', async ({ page }) => {
  const video = page.locator('video');
  await seekVideo(video, 12);
  await addNoteWithButton(page, page, video, 'Keep me');
  const list = await openNotesList(page, video);

  await list.getByRole('button', { name: 'Delete note at 0:12' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Note at 0:12', exact: true })).toHaveCount(0);
  const status = page.getByRole('status');
  await expect(status).toContainText('Note at 0:12 deleted.');

  await status.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('listitem')).toHaveText([/0:12\s*Keep me/]);
  const marker = page.getByRole('button', { name: 'Note at 0:12', exact: true });
  await expect(marker).toBeVisible();
  await expect(await previewOfMarker(page, marker)).toHaveText('0:12 Keep me');
});

test('shows note text as text, never as markup', async ({ page }) => {
  const video = page.locator('video');
  const text = '<img src=x onerror="window.pwned=1"> **bold** [link](javascript:alert(1))';
  await addNoteWithButton(page, page, video, text);
  const list = await openNotesList(page, video);
  await expect(list.getByText(text)).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
  await expect(list.locator('img')).toHaveCount(0);
});
