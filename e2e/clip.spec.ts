import type { Page, Worker } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { cardEditor, seekVideo, shownCards, waitForOverlay } from './overlay.ts';

/** What Chromium's "Clip as trivia card" menu item hands the worker for the current selection. */
async function clickClipMenu(page: Page, worker: Worker) {
  const selectionText = await page.evaluate(() => getSelection()?.toString() ?? '');
  expect(selectionText.length).toBeGreaterThan(0);
  return worker.evaluate(
    async ({ selectionText, pageUrl }) => {
      const api = globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<Array<{ id?: number }>> } };
        cuecardsClickContextMenu(info: object, tab: object): Promise<boolean>;
      };
      const [tab] = await api.chrome.tabs.query({ url: `${new URL(pageUrl).origin}/*` });
      return api.cuecardsClickContextMenu(
        { menuItemId: 'clip-card', selectionText, frameId: 0, pageUrl },
        { id: tab?.id },
      );
    },
    { selectionText, pageUrl: page.url() },
  );
}

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page.frameLocator('iframe#embedded'));
});

test('clips a sentence of the post into a card for the video playing in a cross-origin frame', async ({
  page,
  servers,
  worker,
}) => {
  const embed = page.frameLocator('iframe#embedded');
  const video = embed.locator('video');
  await seekVideo(video, 17);
  await video.evaluate((element: HTMLVideoElement) => element.play());

  const paragraph = page.getByText('In reality, however, Wyoming doubled for Russia', {
    exact: false,
  });
  await paragraph.click({ clickCount: 3 });
  expect(await clickClipMenu(page, worker)).toBe(true);

  const editor = cardEditor(embed);
  await expect(editor.getByLabel('Text')).toHaveValue(
    /^This video brings together .* Grand Teton National Park\.$/,
  );
  await expect(editor.getByLabel('Start')).toHaveValue('0:17');
  await editor.getByLabel('Title').fill('Wyoming doubled for Russia');
  await editor.getByLabel('Kind').selectOption('place');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(embed.locator('iframe[title="Cuecards card editor"]')).toHaveCount(0);

  await video.hover();
  await embed.getByRole('button', { name: 'Cards (1)' }).click();
  const list = embed.getByRole('region', { name: 'Trivia cards on this video' });
  await expect(list.getByRole('listitem')).toContainText(
    `Wyoming doubled for Russia This video brings together`,
  );
  await expect(list.getByRole('listitem')).toContainText(`from ${new URL(servers.blog).host}`);
  // The post's own video did not get it.
  await page.locator('video#montage').hover();
  await expect(page.getByRole('button', { name: 'Cards (0)' })).toBeAttached();
});

test('a timestamp at the start of the selection becomes the card’s start', async ({
  page,
  worker,
}) => {
  await page.getByText('0:42 — Heart’s on Fire kicks in').click({ clickCount: 3 });
  expect(await clickClipMenu(page, worker)).toBe(true);

  // Nothing plays, so the card goes to the video of the frame where the text was selected.
  const editor = cardEditor(page);
  await expect(editor.getByLabel('Start')).toHaveValue('0:42');
  await expect(editor.getByLabel('End')).toHaveValue('0:50');
  await expect(editor.getByLabel('Text')).toHaveValue(
    'Heart’s on Fire kicks in as Rocky climbs the mountain.',
  );
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('iframe[title="Cuecards card editor"]')).toHaveCount(0);
  await seekVideo(page.locator('video#montage'), 45);
  await expect(shownCards(page)).toHaveText([/Heart’s on Fire kicks in/]);
});
