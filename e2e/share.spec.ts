import { readFile } from 'node:fs/promises';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, extensionWorker, launchBrowser, test } from './fixtures.ts';
import { openPopup, seekVideo, shownCards, waitForOverlay } from './overlay.ts';

const deckTitle = 'Rocky IV: the training montage';

test('a friend opens a share link in a fresh profile, previews the deck, imports it and sees the cards', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);

  const popup = await openPopup(page, extensionId);
  await popup.bringToFront();
  await popup.getByRole('button', { name: `Share deck ${deckTitle}` }).click();
  await popup.getByRole('button', { name: 'Copy link' }).click();
  await expect(popup.getByRole('status')).toContainText('Link copied');
  // The clipboard is the browser's: read it back from a page allowed to.
  await context.grantPermissions(['clipboard-read'], { origin: servers.blog });
  await page.bringToFront();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${servers.blog}/blog\\.html#cuecards=[A-Za-z0-9_-]+$`));

  const friend = await launchBrowser({ httpsPort: servers.httpsPort });
  try {
    await extensionWorker(friend);
    const tab = friend.pages()[0] ?? (await friend.newPage());
    await tab.bringToFront();
    await tab.goto(link);
    await waitForOverlay(tab);
    const video = tab.locator('video#montage');

    // The link plays the video; nothing is imported until the friend says so.
    await seekVideo(video, 16);
    await expect(shownCards(tab)).toHaveCount(0);
    // The preview opens in a tab of the extension's, which the page can neither cover nor
    // click in.
    const opened = friend.waitForEvent('page');
    await tab.getByRole('button', { name: 'Preview deck' }).click();
    const preview = await opened;
    await expect(preview).toHaveTitle('Cuecards shared deck');
    await expect(preview.getByRole('region', { name: `Deck ${deckTitle}` })).toContainText(
      '10 cards on “Rocky training in Russia [Rocky IV]”',
    );
    await expect(preview.getByText('Wyoming doubled for the Soviet Union')).toBeVisible();
    await expect(shownCards(tab)).toHaveCount(0);

    const closed = preview.waitForEvent('close');
    await preview.getByRole('button', { name: 'Import deck' }).click();
    await closed;
    await seekVideo(video, 16);
    await expect(shownCards(tab)).toHaveText([/Grand Teton National Park/]);
  } finally {
    await friend.close();
  }
});

test('a share link whose deck is damaged says so and imports nothing', async ({
  context,
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/blog.html#cuecards=not-a-deck`);
  await waitForOverlay(page);
  const opened = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Preview deck' }).click();
  const preview = await opened;
  await expect(preview.getByRole('alert')).toContainText('This share link is damaged');
  const closed = preview.waitForEvent('close');
  await preview.getByRole('button', { name: 'Close' }).click();
  await closed;
  await expect(page.getByRole('button', { name: 'Cards (0)' })).toBeAttached();
});

test('a deck goes out of the popup as a deck file and as WebVTT, and Markdown copies', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const popup = await openPopup(page, extensionId);
  await popup.getByRole('button', { name: `Share deck ${deckTitle}` }).click();

  const deckDownload = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Deck file' }).click();
  const deckFile = await deckDownload;
  expect(deckFile.suggestedFilename()).toMatch(/^Rocky IV.*training montage\.cuecards\.json$/);
  const deck = JSON.parse(await readFile(await deckFile.path(), 'utf8'));
  expect(deck).toMatchObject({ format: 'cuecards-deck', version: 1, deck: { title: deckTitle } });
  expect(deck.cards).toHaveLength(10);

  const vttDownload = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'WebVTT' }).click();
  const vtt = await readFile(await (await vttDownload).path(), 'utf8');
  expect(vtt.startsWith(`WEBVTT - ${deckTitle}`)).toBe(true);
  expect(vtt).toContain('Wyoming doubled for the Soviet Union');

  await popup
    .getByRole('article', { name: 'Rocky training in Russia [Rocky IV]' })
    .getByRole('button', { name: 'Copy Markdown' })
    .click();
  await expect(popup.getByRole('status')).toHaveText('Markdown copied.');
  await context.grantPermissions(['clipboard-read'], { origin: servers.blog });
  await page.bringToFront();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toMatch(/^---\ntitle: "Rocky training in Russia \[Rocky IV\]"/);
  expect(markdown).toContain('## Trivia cards');
});
