import { rm } from 'node:fs/promises';
import { expect, launchBrowser, makeUserDataDir, test } from './fixtures.ts';
import { addNoteWithButton, openNotesList, seekVideo, waitForOverlay } from './overlay.ts';

test('a reload keeps every note', async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 15);
  await addNoteWithButton(page, page, video, 'Survives a reload');

  await page.reload();
  await waitForOverlay(page);
  const list = await openNotesList(page, video);
  await expect(list.getByRole('listitem')).toHaveText([/0:15\s*Survives a reload/]);
});

test('a browser restart keeps every note', async ({ servers }) => {
  const userDataDir = makeUserDataDir();
  try {
    const first = await launchBrowser({ httpsPort: servers.httpsPort, userDataDir });
    const page = first.pages()[0] ?? (await first.newPage());
    await page.bringToFront();
    await page.goto(`${servers.blog}/plain.html`);
    await waitForOverlay(page);
    const video = page.locator('video');
    await seekVideo(video, 25);
    await addNoteWithButton(page, page, video, 'Survives a restart');
    await first.close();

    const second = await launchBrowser({ httpsPort: servers.httpsPort, userDataDir });
    const again = second.pages()[0] ?? (await second.newPage());
    await again.goto(`${servers.blog}/plain.html`);
    await waitForOverlay(again);
    const list = await openNotesList(again, again.locator('video'));
    await expect(list.getByRole('listitem')).toHaveText([/0:25\s*Survives a restart/]);
    await second.close();
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
});
