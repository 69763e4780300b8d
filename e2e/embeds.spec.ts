import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openNotesList,
  seekVideo,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

test('notes on a Vimeo embed in a blog post are the notes of the Vimeo video', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/embed-vimeo.html`);
  const embed = page.frameLocator('iframe#embedded');
  await waitForOverlay(embed);
  const video = embed.locator('video');
  await seekVideo(video, 21);
  await addNoteWithButton(page, embed, video, 'On the Vimeo embed');

  await page.goto('https://vimeo.com/76979871');
  await waitForOverlay(page);
  const list = await openNotesList(page, page.locator('video'));
  await expect(list.getByRole('listitem')).toHaveText([/0:21\s*On the Vimeo embed/]);
});

test('takes notes on a video in a cross-origin frame of a blog post', async ({ page, servers }) => {
  await page.goto(`${servers.blog}/blog.html`);
  const embed = page.frameLocator('iframe#embedded');
  await waitForOverlay(embed);
  const video = embed.locator('video');
  await seekVideo(video, 36);
  await addNoteWithButton(page, embed, video, 'Inside the other origin');

  const list = await openNotesList(embed, video);
  await expect(list.getByRole('listitem')).toHaveText([/0:36\s*Inside the other origin/]);
  await seekVideo(video, 3);
  await list.getByRole('button', { name: 'Seek to 0:36' }).click();
  await expect.poll(() => videoTime(video)).toBeCloseTo(36, 0);

  // The post's own video is another video: its list stays empty.
  const postList = await openNotesList(page, page.locator('video#montage'));
  await expect(postList.getByText('No notes yet')).toBeVisible();
});

test('the page shortcut in the top frame opens the editor over the embedded player', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/embed-youtube.html`);
  const embed = page.frameLocator('iframe#embedded');
  await waitForOverlay(embed);
  await seekVideo(embed.locator('video'), 9);
  await page.locator('h1').click();
  await page.keyboard.press('Alt+Shift+N');
  await expect(
    embed.frameLocator('iframe[title="Cuecards note editor"]').getByRole('textbox'),
  ).toBeFocused();
  await page.keyboard.type('Shortcut from the post');
  await page.keyboard.press('Enter');
  const list = await openNotesList(embed, embed.locator('video'));
  await expect(list.getByRole('listitem')).toHaveText([/0:09\s*Shortcut from the post/]);
});

test('the overlay follows the player when it grows, as in theater mode', async ({ page }) => {
  await page.goto('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await waitForOverlay(page);
  await page.locator('#movie_player').evaluate((player) => {
    player.style.width = '1200px';
    player.style.height = '600px';
  });
  const video = page.locator('#movie_player video');
  await video.evaluate((element) => {
    element.style.width = '100%';
    element.style.height = '100%';
  });
  await expect
    .poll(async () => {
      const host = await page.locator('cuecards-overlay').boundingBox();
      const box = await video.boundingBox();
      return host && box ? [Math.round(host.width), Math.round(host.height)] : [];
    })
    .toEqual([1200, 600]);
});
