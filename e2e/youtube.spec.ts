import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openNotesList,
  previewOfMarker,
  seekVideo,
  videoTime,
  waitForOverlay,
} from './overlay.ts';
import { otherVideoId, standInTitle } from './server.ts';

const id = 'dQw4w9WgXcQ';

test('puts note markers inside YouTube’s progress bar, where a click seeks', async ({ page }) => {
  await page.goto(`https://www.youtube.com/watch?v=${id}`);
  await waitForOverlay(page);
  const video = page.locator('#movie_player video');
  await seekVideo(video, 30);
  await addNoteWithButton(page, page, video, 'Training montage starts');

  const bar = page.locator('.ytp-progress-bar');
  const marker = bar.getByRole('button', { name: 'Note at 0:30', exact: true });
  await expect(marker).toBeAttached();
  await expect(await previewOfMarker(page, marker)).toHaveText('0:30 Training montage starts');
  const barBox = (await bar.boundingBox())!;
  const markerBox = (await marker.boundingBox())!;
  expect(Math.abs(markerBox.x + markerBox.width / 2 - (barBox.x + barBox.width / 2))).toBeLessThan(
    3,
  );

  await seekVideo(video, 2);
  await marker.click();
  await expect.poll(() => videoTime(video)).toBeCloseTo(30, 0);
});

test('follows YouTube’s in-page navigation to another video and back', async ({ page }) => {
  const other = otherVideoId(id);
  await page.goto(`https://www.youtube.com/watch?v=${id}`);
  await waitForOverlay(page);
  const video = page.locator('#movie_player video');
  await seekVideo(video, 10);
  await addNoteWithButton(page, page, video, 'On the first video');

  await page.locator(`a[href="/watch?v=${other}"]`).click();
  await expect(page).toHaveTitle(`${standInTitle(other)} - YouTube`);
  const list = await openNotesList(page, video);
  await expect(list.getByText('No notes yet')).toBeVisible();
  await seekVideo(video, 20);
  await addNoteWithButton(page, page, video, 'On the second video');
  await expect(list.getByRole('listitem')).toHaveText([/0:20\s*On the second video/]);

  await page.goBack();
  await expect(page).toHaveTitle(`${standInTitle(id)} - YouTube`);
  await expect(list.getByRole('listitem')).toHaveText([/0:10\s*On the first video/]);
});

test('a note taken on an embed in a blog post is there on the watch page', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/embed-youtube.html`);
  const embed = page.frameLocator('iframe#embedded');
  await waitForOverlay(embed);
  const embedVideo = embed.locator('video');
  await seekVideo(embedVideo, 18);
  await addNoteWithButton(page, embed, embedVideo, 'Taken on the embed');

  await page.goto(`https://www.youtube.com/watch?v=${id}`);
  await waitForOverlay(page);
  const list = await openNotesList(page, page.locator('#movie_player video'));
  await expect(list.getByRole('listitem')).toHaveText([/0:18\s*Taken on the embed/]);
});

test('the overlay stays over the player in fullscreen, clear of the controls', async ({ page }) => {
  await page.goto(`https://www.youtube.com/watch?v=${id}`);
  await waitForOverlay(page);
  const video = page.locator('#movie_player video');
  await seekVideo(video, 5);
  await addNoteWithButton(page, page, video, 'Fullscreen check');
  await page.locator('#movie_player').evaluate((player) => player.requestFullscreen());
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id)).toBe('movie_player');

  await video.hover();
  const add = page.getByRole('button', { name: 'Add note' });
  await expect(add).toBeVisible();
  const viewport = page.viewportSize()!;
  // The toolbar ends at the picture's right edge, above the controls band.
  const lastBox = (await page.getByRole('button', { name: /^Cards \(\d+\)$/ }).boundingBox())!;
  const addBox = (await add.boundingBox())!;
  const controls = (await page.locator('.ytp-chrome-bottom').boundingBox())!;
  expect(lastBox.x + lastBox.width).toBeGreaterThan(viewport.width * 0.9);
  expect(addBox.y + addBox.height).toBeLessThan(controls.y);
  await expect(
    page.locator('.ytp-progress-bar').getByRole('button', { name: /^Note at 0:05/ }),
  ).toBeAttached();
});
