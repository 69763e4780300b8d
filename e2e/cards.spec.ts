import type { Page } from '@playwright/test';
import { identifyVideo } from '../utils/model/video-key.ts';
import { importDeckFile } from './demo-deck.ts';
import { expect, type Servers, test } from './fixtures.ts';
import {
  addCardWithButton,
  cardEditor,
  seekVideo,
  shownCards,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

/** Imports cards as a deck file through an extension page, the way the library's importer writes. */
async function seedCards(
  page: Page,
  extensionId: string,
  servers: Servers,
  cards: Array<{ start: number; end: number; title: string }>,
) {
  const identity = identifyVideo(`${servers.blog}/plain.html`, `${servers.blog}/media/clip.webm`)!;
  const deckFile = JSON.stringify({
    format: 'cuecards-deck',
    version: 1,
    video: { ...identity, title: 'A plain HTML5 video' },
    deck: {
      id: '01890a5d-ac96-774b-bcce-100000000000',
      title: 'Seeded cards',
      author: '',
      description: '',
      createdAt: 1,
      updatedAt: 1,
    },
    cards: cards.map((card, i) => ({
      id: `01890a5d-ac96-774b-bcce-${String(i).padStart(12, '0')}`,
      text: '',
      kind: 'fact',
      createdAt: 1,
      updatedAt: 1,
      ...card,
    })),
  });
  const answer = await importDeckFile(page.context(), extensionId, deckFile);
  expect(answer.ok).toBe(true);
}

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
});

test('makes a card in place, 8 seconds from now by default, shown over its moment', async ({
  page,
}) => {
  const video = page.locator('video');
  await seekVideo(video, 12);
  await video.hover();
  await page.getByRole('button', { name: 'Add trivia card' }).click();
  const editor = cardEditor(page);
  await expect(editor.getByLabel('Start')).toHaveValue('0:12');
  await expect(editor.getByLabel('End')).toHaveValue('0:20');
  await editor.getByLabel('End').press('ArrowUp');
  await editor.getByLabel('End').press('Shift+ArrowUp');
  await expect(editor.getByLabel('End')).toHaveValue('0:26');
  await editor.getByLabel('Title').fill('Wyoming doubled for the Soviet Union');
  await editor.getByLabel('Text').fill('The farm was in Jackson Hole.');
  await editor.getByLabel('Kind').selectOption('place');
  await editor.getByLabel('Link').fill('https://en.wikipedia.org/wiki/Jackson_Hole');
  await editor.getByLabel('Text').press('Enter');
  await expect(page.locator('iframe[title="Cuecards card editor"]')).toHaveCount(0);

  const card = shownCards(page);
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Wyoming doubled for the Soviet Union');
  await expect(card).toContainText('The farm was in Jackson Hole.');
  await expect(card).toContainText('Place');
  const link = card.getByRole('link', { name: 'en.wikipedia.org' });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Jackson_Hole');

  await seekVideo(video, 27);
  await expect(shownCards(page)).toHaveCount(0);
});

test('a bad card gets a clear message and nothing is saved', async ({ page }) => {
  const video = page.locator('video');
  await video.hover();
  await page.getByRole('button', { name: 'Add trivia card' }).click();
  const editor = cardEditor(page);
  await editor.getByLabel('Title').fill('Backwards');
  await editor.getByLabel('Start').fill('0:30');
  await editor.getByLabel('End').fill('0:20');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText('The card must end after it starts.');
  await editor.getByLabel('End').fill('0:40');
  await editor.getByLabel('Link').fill('javascript:alert(1)');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'The link must start with http:// or https://.',
  );
  await editor.getByLabel('Title').focus();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Cards (0)' }).click();
  await expect(page.getByText('No cards yet.')).toBeVisible();
});

test('a card appears at its start and leaves at its end during playback', async ({
  page,
  extensionId,
  servers,
}) => {
  await seedCards(page, extensionId, servers, [{ start: 10, end: 12, title: 'Two seconds' }]);
  const video = page.locator('video');
  await seekVideo(video, 9);
  // Record the media time at which the card shows up and goes away, frame by frame.
  const seen = page.evaluate(
    () =>
      new Promise<{ shownAt: number; goneAt: number }>((resolve) => {
        const media = document.querySelector('video')!;
        const host = document.querySelector('cuecards-overlay')!;
        let shownAt = -1;
        const onFrame = () => {
          const isShown = host.shadowRoot!.querySelector('article.card') !== null;
          if (isShown && shownAt < 0) shownAt = media.currentTime;
          if (!isShown && shownAt >= 0) return resolve({ shownAt, goneAt: media.currentTime });
          media.requestVideoFrameCallback(onFrame);
        };
        media.requestVideoFrameCallback(onFrame);
        void media.play();
      }),
  );
  const { shownAt, goneAt } = await seen;
  expect(shownAt).toBeGreaterThanOrEqual(10);
  expect(shownAt).toBeLessThan(10.25);
  expect(goneAt).toBeGreaterThanOrEqual(12);
  expect(goneAt).toBeLessThan(12.25);
});

test('seeking into and out of a range shows exactly the cards of the new time', async ({
  page,
  extensionId,
  servers,
}) => {
  await seedCards(page, extensionId, servers, [
    { start: 20, end: 30, title: 'Outer' },
    { start: 24, end: 26, title: 'Inner' },
  ]);
  const video = page.locator('video');
  await seekVideo(video, 21);
  await expect(shownCards(page)).toHaveText([/Outer/]);
  await seekVideo(video, 25);
  await expect(shownCards(page)).toHaveText([/Outer/, /Inner/]);
  await seekVideo(video, 40);
  await expect(shownCards(page)).toHaveCount(0);
  await seekVideo(video, 29.5);
  await expect(shownCards(page)).toHaveText([/Outer/]);
  await video.evaluate((element: HTMLVideoElement) => {
    element.playbackRate = 2;
  });
  await seekVideo(video, 5);
  await expect(shownCards(page)).toHaveCount(0);
});

test('stacks at most three cards and counts the rest; a card can be dismissed', async ({
  page,
  extensionId,
  servers,
}) => {
  await seedCards(
    page,
    extensionId,
    servers,
    ['One', 'Two', 'Three', 'Four', 'Five'].map((title, i) => ({ start: 30 + i, end: 50, title })),
  );
  const video = page.locator('video');
  await seekVideo(video, 40);
  await expect(shownCards(page)).toHaveText([/One/, /Two/, /Three/]);
  const stack = page.getByRole('region', { name: 'Trivia cards' });
  await expect(stack).toHaveAttribute('aria-live', 'polite');
  await expect(stack.getByText('+2 more')).toBeVisible();

  await stack.getByRole('button', { name: 'Dismiss card: One' }).click();
  await expect(shownCards(page)).toHaveText([/Two/, /Three/, /Four/]);
  await expect(stack.getByText('+1 more')).toBeVisible();
});

test('mutes and unmutes all cards of the video', async ({ page, extensionId, servers }) => {
  await seedCards(page, extensionId, servers, [{ start: 0, end: 60, title: 'Always on' }]);
  const video = page.locator('video');
  await seekVideo(video, 5);
  await expect(shownCards(page)).toHaveCount(1);
  await video.hover();
  await page.getByRole('button', { name: 'Cards (1)' }).click();
  await page.getByRole('button', { name: 'Mute cards' }).click();
  await expect(shownCards(page)).toHaveCount(0);
  await page.reload();
  await waitForOverlay(page);
  await seekVideo(video, 6);
  await video.hover();
  await page.getByRole('button', { name: 'Cards (1)' }).click();
  await expect(page.getByRole('button', { name: 'Unmute cards' })).toBeVisible();
  await expect(shownCards(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Unmute cards' }).click();
  await expect(shownCards(page)).toHaveCount(1);
});

test('edits and deletes a card from the overlay list, with undo', async ({ page }) => {
  const video = page.locator('video');
  await seekVideo(video, 33);
  await addCardWithButton(page, video, { title: 'Burning Heart', text: 'No. 2 on the Hot 100' });
  await page.getByRole('button', { name: 'Cards (1)' }).click();
  const list = page.getByRole('region', { name: 'Trivia cards on this video' });
  await expect(list.getByRole('listitem')).toHaveText([/0:33–0:41.*Burning Heart/]);

  await list.getByRole('button', { name: 'Edit card: Burning Heart' }).click();
  const editor = cardEditor(page);
  await expect(editor.getByLabel('Title')).toHaveValue('Burning Heart');
  await expect(editor.getByLabel('Start')).toHaveValue('0:33');
  await editor.getByLabel('Title').fill('Survivor’s Burning Heart');
  await editor.getByLabel('Kind').selectOption('music');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(list.getByRole('listitem')).toHaveText([/Music.*Survivor’s Burning Heart/]);

  await list.getByRole('button', { name: 'Delete card: Survivor’s Burning Heart' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(0);
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect.poll(() => videoTime(video)).toBeCloseTo(33, 0);
  await expect(shownCards(page)).toHaveCount(1);
});
