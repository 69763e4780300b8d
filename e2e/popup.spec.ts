import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openNotesList,
  openPopup,
  seekVideo,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 42);
  await addNoteWithButton(page, page, video, 'Second note');
  await seekVideo(video, 6);
  await addNoteWithButton(page, page, video, 'First note');
});

test('lists the notes of the tab’s video and a click seeks that tab', async ({
  page,
  extensionId,
}) => {
  const popup = await openPopup(page, extensionId);
  const section = popup.getByRole('article', { name: 'Plain video' });
  await expect(section.getByRole('listitem')).toHaveText([
    /0:06\s*First note/,
    /0:42\s*Second note/,
  ]);
  await section.getByRole('button', { name: 'Seek to 0:42' }).click();
  await expect.poll(() => videoTime(page.locator('video'))).toBeCloseTo(42, 0);
});

test('edits and deletes with undo from the popup, and the overlay follows live', async ({
  page,
  extensionId,
}) => {
  const overlayList = await openNotesList(page, page.locator('video'));
  const popup = await openPopup(page, extensionId);
  const section = popup.getByRole('article', { name: 'Plain video' });

  await section.getByRole('button', { name: 'Edit note at 0:06' }).click();
  const field = section.getByRole('textbox', { name: 'Edit note at 0:06' });
  await expect(field).toBeFocused();
  await field.fill('First note, edited in the popup');
  await field.press('Enter');
  await expect(section.getByRole('listitem').first()).toContainText(
    'First note, edited in the popup',
  );
  await expect(overlayList.getByRole('listitem').first()).toContainText(
    'First note, edited in the popup',
  );

  await section.getByRole('button', { name: 'Delete note at 0:42' }).click();
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await expect(overlayList.getByRole('listitem')).toHaveCount(1);
  await popup.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(section.getByRole('listitem')).toHaveCount(2);
  await expect(overlayList.getByRole('listitem')).toHaveCount(2);
});

test('shows a note taken in the tab while the popup is open', async ({ page, extensionId }) => {
  const popup = await openPopup(page, extensionId);
  const section = popup.getByRole('article', { name: 'Plain video' });
  await expect(section.getByRole('listitem')).toHaveCount(2);
  await page.bringToFront();
  const video = page.locator('video');
  await seekVideo(video, 55);
  await addNoteWithButton(page, page, video, 'Third note');
  await expect(section.getByRole('listitem')).toHaveCount(3);
});

test('lists recent videos with note counts and a link to the first note', async ({
  page,
  extensionId,
  servers,
}) => {
  const popup = await openPopup(page, extensionId);
  const recent = popup.getByRole('region', { name: 'Recent videos' });
  const item = recent.getByRole('listitem');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('2 notes');
  const href = await item.getByRole('link').getAttribute('href');
  expect(href).toBe(`${servers.blog}/plain.html#t=6`);

  // The time link opens the plain video at that moment.
  await page.goto(href!);
  await waitForOverlay(page);
  await expect.poll(() => videoTime(page.locator('video'))).toBeCloseTo(6, 0);
});

test('says so when the tab has no video', async ({ page, extensionId, servers }) => {
  await page.goto(`${servers.blog}/no-video.html`);
  const popup = await openPopup(page, extensionId);
  await expect(popup.getByText('No video with Cuecards in this tab.')).toBeVisible();
});

test('the popup’s note editor says why an empty note is not saved, and Esc cancels', async ({
  page,
  extensionId,
}) => {
  const popup = await openPopup(page, extensionId);
  const section = popup.getByRole('article', { name: 'Plain video' });
  await section.getByRole('button', { name: 'Edit note at 0:42' }).click();
  const field = section.getByRole('textbox', { name: 'Edit note at 0:42' });
  await field.fill('   ');
  await field.press('Enter');
  await expect(section.getByRole('alert')).toHaveText(
    'Empty notes are not saved. Type something, or press Esc.',
  );
  await field.press('Shift+Enter');
  await field.pressSequentially('two lines');
  await expect(field).toHaveValue('   \ntwo lines');
  await field.press('Escape');
  await expect(field).toHaveCount(0);
  await expect(section.getByRole('listitem').nth(1)).toContainText('Second note');
});
