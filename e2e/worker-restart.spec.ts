import { expect, test } from './fixtures.ts';
import { addNoteWithButton, openNotesList, seekVideo, waitForOverlay } from './overlay.ts';

test('overlays reconnect and keep syncing after the worker is stopped', async ({
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

  // Chromium stops an idle MV3 worker after 30 s; stop it now, as it would.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((version) => version.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;

  await page.bringToFront();
  const video = page.locator('video');
  await seekVideo(video, 14);
  await addNoteWithButton(page, page, video, 'After the restart');
  await expect(otherList.getByRole('listitem')).toHaveText([/0:14\s*After the restart/]);
});
