import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  addCardWithButton,
  addNoteWithButton,
  editorField,
  isPaused,
  openNotesList,
  seekVideo,
  shownCards,
  videoTime,
  waitForOverlay,
} from './overlay.ts';

// The page of e2e/pages/hostile.html: it listens to every key, steals focus, fakes events,
// forges WXT's start-up messages and hides or removes the overlay.
interface Hostile {
  keys: string[];
  messages: string[];
  pauses: number;
  steals: number;
  isThiefArmed: boolean;
  fakeKeys(): void;
  fakeMediaEvents(): void;
  fakeClicksInOverlay(): string[];
  forgeStartedMessages(extensionId: string): void;
  timeToComeBack(attack: string): Promise<number | null>;
  isOverlayBack(): boolean;
  attacks: Record<string, () => void>;
  reset(): void;
}

/** Runs `read` on the page's `hostile` object, in the page. */
async function hostile<T, A = undefined>(page: Page, read: (h: Hostile, arg: A) => T, arg?: A) {
  const handle = await page.evaluateHandle(
    () => (window as unknown as { hostile: Hostile }).hostile,
  );
  return handle.evaluate(read as (h: Hostile, arg: unknown) => T | Promise<T>, arg);
}

const editorFrames = (page: Page) => page.locator('iframe.composer');

test.beforeEach(async ({ page, servers }) => {
  await page.goto(`${servers.blog}/hostile.html`);
  await waitForOverlay(page);
});

test('a page that steals focus from the editor gets none of the keys typed into it', async ({
  page,
}) => {
  const video = page.locator('#video');
  await hostile(page, (h) => {
    h.isThiefArmed = true;
  });
  await video.hover();
  await page.getByRole('button', { name: 'Add note' }).click();
  // The thief takes focus 150 ms after the editor's frame took it.
  await expect.poll(() => hostile(page, (h) => h.steals)).toBeGreaterThan(0);
  await page.keyboard.type('my secret', { delay: 60 });
  // A page can also just blur whatever has focus.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.type(' plan', { delay: 60 });
  await hostile(page, (h) => {
    h.isThiefArmed = false;
  });
  // Typing goes on in the editor; a key typed while the page had focus went nowhere.
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.type(' resumed');
  await expect(editorField(page)).toHaveValue(/ resumed$/);
  const typedInEditor = await editorField(page).inputValue();

  const keysLeaked = await hostile(page, (h) => h.keys);
  const charactersLeaked = await page.locator('#thief').inputValue();
  const steals = await hostile(page, (h) => h.steals);
  test.info().annotations.push({
    type: 'leaks',
    description: `focus stolen ${steals} times; keystrokes leaked: ${keysLeaked.length}; characters leaked: ${charactersLeaked.length}; editor has ${JSON.stringify(typedInEditor)} of "my secret plan resumed"`,
  });
  console.log(test.info().annotations.at(-1)?.description);
  expect(keysLeaked).toEqual([]);
  expect(charactersLeaked).toBe('');
  await expect(
    page.getByRole('status').filter({ hasText: 'This page tried to take the keyboard' }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  const list = await openNotesList(page, video);
  await expect(list.getByText(typedInEditor)).toBeVisible();
});

test("the viewer's own click elsewhere still takes the keyboard to the page", async ({ page }) => {
  const video = page.locator('#video');
  await video.hover();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.type('draft');
  await page.locator('#thief').click();
  await page.keyboard.type('query');
  await expect(page.locator('#thief')).toHaveValue('query');
  await expect(editorFrames(page)).toHaveCount(1);
  await expect(
    page.getByRole('status').filter({ hasText: 'This page tried to take the keyboard' }),
  ).toHaveCount(0);
  await editorField(page).click();
  await page.keyboard.type(' done');
  await expect(editorField(page)).toHaveValue('draft done');
});

test('keys the page makes up open no editor and pause nothing', async ({ page }) => {
  const video = page.locator('#video');
  await video.evaluate((element: HTMLVideoElement) => element.play());
  await expect.poll(() => isPaused(video)).toBe(false);
  await hostile(page, (h) => h.fakeKeys());
  // Long enough for the shortcut's round trip through the background, which takes ~100 ms.
  await page.waitForTimeout(1_500);

  await expect(editorFrames(page)).toHaveCount(0);
  expect(await hostile(page, (h) => h.pauses)).toBe(0);
  expect(await isPaused(video)).toBe(false);

  // The viewer's own shortcut still works.
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
});

test('clicks, pointer moves and keys the page makes up in the overlay do nothing', async ({
  page,
}) => {
  const video = page.locator('#video');
  await seekVideo(video, 4);
  await addNoteWithButton(page, page, video, 'A note to delete');
  await seekVideo(video, 8);
  await addNoteWithButton(page, page, video, 'A marker to click');
  await seekVideo(video, 2);
  await addCardWithButton(page, video, { title: 'A card to dismiss' });
  await expect(shownCards(page)).toHaveCount(1);
  const list = await openNotesList(page, video);
  await list.getByRole('button', { name: 'Delete note at 0:04' }).click();
  const toast = page.getByRole('status').filter({ hasText: 'Note at 0:04 deleted.' });
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.getByRole('button', { name: 'Notes (1)' }).click();
  await expect(list).toBeHidden();
  await page.mouse.move(0, 0);
  const toolbar = page.locator('cuecards-overlay .toolbar');
  await expect(toolbar).not.toHaveClass(/is-visible/);
  const timeBefore = await videoTime(video);

  const pressed = await hostile(page, (h) => h.fakeClicksInOverlay());
  // Long enough for a request to the background and its answer, which take ~100 ms.
  await page.waitForTimeout(1_000);
  const acted = {
    editorOpened: await editorFrames(page).count(),
    listOpened: Number(await list.isVisible()),
    cardsPanelOpened: await page
      .getByRole('region', { name: 'Trivia cards on this video' })
      .count(),
    cardDismissed: 1 - (await shownCards(page).count()),
    noteUndeleted: await page.getByRole('button', { name: 'Notes (2)' }).count(),
    seeked: Number((await videoTime(video)) !== timeBefore),
    toolbarShown: Number(/is-visible/.test((await toolbar.getAttribute('class')) ?? '')),
  };
  console.log(
    `made-up events on ${pressed.length} overlay buttons (${pressed.join(', ')}) acted on: ${JSON.stringify(acted)}`,
  );
  expect(pressed).toEqual(
    expect.arrayContaining(['Add note', 'Add trivia card', 'Notes (1)', 'Cards (1)', 'Undo']),
  );
  expect(pressed.some((label) => label.startsWith('Dismiss'))).toBe(true);
  expect(pressed.some((label) => label.startsWith('Note at 0:08'))).toBe(true);
  expect(acted).toEqual({
    editorOpened: 0,
    listOpened: 0,
    cardsPanelOpened: 0,
    cardDismissed: 0,
    noteUndeleted: 0,
    seeked: 0,
    toolbarShown: 0,
  });

  // The viewer's own click still works.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Notes (2)' })).toBeAttached();
});

test('a made-up play event does not move the overlay onto a decoy video', async ({ page }) => {
  await hostile(page, (h) => h.fakeMediaEvents());
  await page.waitForTimeout(1_000);
  await expect(page.locator('cuecards-overlay')).toHaveCount(1);
  await expect(page.locator('#stage > cuecards-overlay')).toHaveCount(1);
});

test("no message, markup or resource the page can see carries the extension's id", async ({
  page,
  extensionId,
}) => {
  const messages = await hostile(page, (h) => h.messages);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const resources = await page.evaluate(() => performance.getEntries().map((entry) => entry.name));
  expect(messages.filter((text) => text.includes(extensionId))).toEqual([]);
  expect(html).not.toContain(extensionId);
  expect(resources.filter((name) => name.includes(extensionId))).toEqual([]);
});

test("a page that knows the extension's id cannot remove the overlay with it", async ({
  page,
  extensionId,
}) => {
  // An extension from a store has the same id everywhere: the page may know it anyway.
  await hostile(page, (h, id) => h.forgeStartedMessages(id), extensionId);
  await page.waitForTimeout(500);
  await expect(page.locator('cuecards-overlay')).toHaveCount(1);
  const video = page.locator('#video');
  await video.hover();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(editorField(page)).toBeFocused();
});

const attacks = [
  'removes the host',
  'display:none inline',
  'opacity:0 inline',
  'visibility:hidden inline',
  'clip-path inline',
  'display:none style sheet',
  'opacity:0 style sheet',
  'visibility:hidden style sheet',
  'clip-path style sheet',
  'visibility:hidden inherited from the player',
  'moves the video to another parent',
  'a MutationObserver removes the host as it comes back',
];

test('the overlay comes back over the video within a second whatever the page does to it', async ({
  page,
}) => {
  await expect.poll(() => hostile(page, (h) => h.isOverlayBack())).toBe(true);
  const times: Record<string, number | null> = {};
  for (const attack of attacks) {
    times[attack] = await hostile(page, (h, name) => h.timeToComeBack(name), attack);
    await hostile(page, (h) => h.reset());
    await expect.poll(() => hostile(page, (h) => h.isOverlayBack())).toBe(true);
  }
  test
    .info()
    .annotations.push({ type: 'time to come back (ms)', description: JSON.stringify(times) });
  console.log('time to come back (ms):', JSON.stringify(times));
  for (const attack of attacks) {
    expect(times[attack], attack).not.toBeNull();
    expect(times[attack], attack).toBeLessThanOrEqual(1_000);
  }
  // And it still works.
  const video = page.locator('#video');
  await video.hover();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(editorField(page)).toBeFocused();
});

test('an editor does not open while the player is hidden, and closes if hidden while open', async ({
  page,
}) => {
  await page.evaluate(() => document.body.classList.add('fade-stage'));
  await page.keyboard.press('Alt+Shift+N');
  // Long enough for the shortcut's round trip through the background, which takes ~100 ms.
  await page.waitForTimeout(1_000);
  await expect(editorFrames(page)).toHaveCount(0);

  await page.evaluate(() => document.body.classList.remove('fade-stage'));
  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  // The shortcut's own keys reached the page before the editor opened.
  await hostile(page, (h) => h.keys.splice(0));
  await page.keyboard.type('half');
  await page.evaluate(() => document.body.classList.add('fade-stage'));
  await expect(editorFrames(page)).toHaveCount(0);
  await page.keyboard.type(' a thought');
  expect(await hostile(page, (h) => h.keys)).toEqual([]);
});

test('a page around an embedded player that takes focus from its editor gets none of the keys', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/hostile-around-embed.html`);
  const embed = page.frameLocator('iframe#embedded');
  await waitForOverlay(embed);
  await page.locator('h1').click();
  await page.keyboard.press('Alt+Shift+N');
  const field = embed.frameLocator('iframe[title="Cuecards note editor"]').getByRole('textbox');
  await expect(field).toBeFocused();
  await page.evaluate(() => {
    const around = (window as unknown as { hostile: { reset(): void; steal(): void } }).hostile;
    around.reset();
    around.steal();
  });
  await page.keyboard.type('hidden words', { delay: 60 });
  const heard = await page.evaluate(
    () => (window as unknown as { hostile: { heard: string[] } }).hostile.heard,
  );
  const charactersLeaked = await page.locator('#thief').inputValue();
  console.log(
    `around an embed: keystrokes leaked ${heard.length}, characters leaked ${charactersLeaked.length}`,
  );
  expect(heard).toEqual([]);
  expect(charactersLeaked).toBe('');
  // Typing goes on in the editor: the first key handed focus back to it.
  await expect(field).toBeFocused();
  await page.keyboard.type(' kept');
  await expect(field).toHaveValue(/ kept$/);
  await page.keyboard.press('Enter');
  await expect(field).toHaveCount(0);
  // With the editor closed, the page has its keyboard back.
  await page.locator('#thief').click();
  await page.keyboard.type('ok');
  await expect(page.locator('#thief')).toHaveValue('ok');
});
