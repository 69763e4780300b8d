import type { BrowserContext, Page } from '@playwright/test';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, type Servers, test } from './fixtures.ts';
import { openLibrary, openPopup, waitForOverlay } from './overlay.ts';
import { tableCounts, wipe } from './store.ts';

const deckTitle = 'Rocky IV: the training montage';

/** A real share link of the demo deck, made as a viewer makes one; the store is empty after. */
async function shareLinkOfDemoDeck(
  context: BrowserContext,
  extensionId: string,
  page: Page,
  servers: Servers,
): Promise<{ link: string; extensionPage: Page }> {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const popup = await openPopup(page, extensionId);
  await popup.bringToFront();
  await popup.getByRole('button', { name: `Share deck ${deckTitle}` }).click();
  await popup.getByRole('button', { name: 'Copy link' }).click();
  await expect(popup.getByRole('status')).toContainText('Link copied');
  await context.grantPermissions(['clipboard-read'], { origin: servers.blog });
  await page.bringToFront();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('#cuecards=');
  await wipe(popup);
  expect(await tableCounts(popup)).toMatchObject({ decks: 0, cards: 0 });
  return { link, extensionPage: popup };
}

test('a page that rewrites an invisible embed’s fragment into a share link gets nothing offered and nothing imported', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  const { link, extensionPage } = await shareLinkOfDemoDeck(context, extensionId, page, servers);
  const payload = link.split('#cuecards=')[1]!;
  await page.goto(`${servers.blog}/hostile-embed.html?forge=${payload}`);
  const embed = page.frameLocator('#embedded');
  await waitForOverlay(embed);
  // The page has rewritten the embed's fragment, after the player loaded too.
  const embedFrame = page.frames().find((frame) => frame.url().includes('/embed/'))!;
  await embedFrame.waitForFunction(() => location.hash.includes('cuecards='));
  await embedFrame.waitForFunction(
    () => new Promise((resolve) => requestAnimationFrame(() => resolve(true))),
  );
  await expect(embed.getByRole('button', { name: 'Preview deck' })).toHaveCount(0);

  // The viewer clicks the decoy, that is the invisible player, twice.
  const stage = (await page.locator('#embedded').boundingBox())!;
  for (let i = 0; i < 2; i++) {
    await page.mouse.click(stage.x + stage.width / 2, stage.y + stage.height / 2);
  }
  await expect(embed.getByRole('button', { name: 'Import deck' })).toHaveCount(0);
  expect(context.pages().some((tab) => tab.url().includes('sharedDeck.html'))).toBe(false);
  expect(await tableCounts(extensionPage)).toMatchObject({ decks: 0, cards: 0 });
});

test('a share link opened in a tab offers its deck in an extension tab, and imports it only when the viewer chooses', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  const { link, extensionPage } = await shareLinkOfDemoDeck(context, extensionId, page, servers);
  // Opened as a link from a message is: a navigation of a tab of its own.
  const tab = await context.newPage();
  await tab.goto(link);
  await waitForOverlay(tab);
  const opened = context.waitForEvent('page');
  await tab.getByRole('button', { name: 'Preview deck' }).click();
  const preview = await opened;
  await preview.waitForLoadState();
  expect(preview.url()).toMatch(
    new RegExp(`^chrome-extension://${extensionId}/sharedDeck\\.html#`),
  );
  await expect(preview.getByRole('region', { name: `Deck ${deckTitle}` })).toContainText(
    '10 cards on “Rocky training in Russia [Rocky IV]”',
  );
  expect(await tableCounts(extensionPage)).toMatchObject({ decks: 0, cards: 0 });

  await preview.getByRole('button', { name: 'Import deck' }).click();
  await preview.waitForEvent('close');
  expect(await tableCounts(extensionPage)).toMatchObject({ decks: 1, cards: 10 });
});

test('a deck that names a known video with another address and title changes neither', async ({
  context,
  extensionId,
  servers,
}) => {
  const honest = JSON.parse(demoDeckFile(servers.blog));
  expect((await importDeckFile(context, extensionId, JSON.stringify(honest))).ok).toBe(true);
  const forged = {
    ...honest,
    video: { ...honest.video, title: 'Click here to win', url: 'https://attacker.example/win' },
    deck: { ...honest.deck, id: '0192a1c4-5e00-7000-8000-0000000000f0', title: 'Planted' },
    cards: honest.cards.map((card: { id: string }, i: number) => ({
      ...card,
      id: `0192a1c4-5e00-7000-8000-0000000001${String(i).padStart(2, '0')}`,
    })),
  };
  expect((await importDeckFile(context, extensionId, JSON.stringify(forged))).ok).toBe(true);

  const library = await openLibrary(context, extensionId);
  const title = library.getByRole('link', { name: 'Rocky training in Russia [Rocky IV]' });
  await expect(title).toHaveAttribute('href', `${servers.blog}/blog.html#t=0`);
  await expect(library.getByRole('link', { name: 'Click here to win' })).toHaveCount(0);
  await expect(library.locator('a[href*="attacker.example"]')).toHaveCount(0);
});
