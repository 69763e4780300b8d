import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  editorField,
  openNotesList,
  seekVideo,
  waitForOverlay,
} from './overlay.ts';

test('two tabs of the same video show new, edited and deleted notes live', async ({
  context,
  page,
  servers,
}) => {
  const url = `${servers.blog}/plain.html`;
  await page.goto(url);
  await waitForOverlay(page);
  const other = await context.newPage();
  await other.goto(url);
  await waitForOverlay(other);
  const otherList = await openNotesList(other, other.locator('video'));

  await page.bringToFront();
  const video = page.locator('video');
  await seekVideo(video, 33);
  await addNoteWithButton(page, page, video, 'Seen in the other tab');
  await expect(otherList.getByRole('listitem')).toHaveText([/0:33\s*Seen in the other tab/]);
  await expect(other.getByRole('button', { name: /^Note at 0:33/ })).toBeAttached();

  const list = await openNotesList(page, video);
  await list.getByRole('button', { name: 'Edit note at 0:33' }).click();
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Edited in the first tab');
  await page.keyboard.press('Enter');
  await expect(otherList.getByRole('listitem')).toHaveText([/0:33\s*Edited in the first tab/]);

  await list.getByRole('button', { name: 'Delete note at 0:33' }).click();
  await expect(otherList.getByRole('listitem')).toHaveCount(0);
});
