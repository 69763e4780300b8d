import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, ElementHandle, Frame, Page } from 'puppeteer-core';
import { identifyVideo } from '../utils/model/video-key.ts';
import { evaluateInside, launchFirefox, openExtensionPage, shadowRootOf } from './firefox.ts';
import { test as base, expect } from './fixtures.ts';

// The main flows again in Firefox ESR with the Firefox build. One browser (one fresh profile)
// serves the file; every test has its own video page, so no test sees another's notes.
const test = base.extend<{ tab: Page }, { firefox: Browser; downloads: string }>({
  downloads: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires a destructured argument.
    async ({}, use) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'cuecards-firefox-downloads-'));
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  firefox: [
    async ({ downloads }, use) => {
      const browser = await launchFirefox({ downloadDir: downloads });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  tab: async ({ firefox }, use) => {
    const tab = await firefox.newPage();
    // The editor's field only has focus in a tab that has the window's focus.
    await tab.bringToFront();
    await use(tab);
    for (const page of await firefox.pages()) if (page !== tab) await page.close();
    await tab.close();
  },
});

/** Loads the page and waits for the overlay over its video (in `frameUrl` when given). */
async function openVideoPage(tab: Page, url: string, frameUrl?: string): Promise<Frame> {
  await tab.goto(url);
  const frame = frameUrl
    ? await expect
        .poll(() => tab.frames().find((f) => f.url().startsWith(frameUrl)), { timeout: 10_000 })
        .toBeTruthy()
        .then(() => tab.frames().find((f) => f.url().startsWith(frameUrl))!)
    : tab.mainFrame();
  await frame.waitForSelector('cuecards-overlay', { timeout: 10_000 });
  return frame;
}

async function overlayRoot(frame: Frame): Promise<ElementHandle<ShadowRoot>> {
  const root = await shadowRootOf(frame, 'cuecards-overlay');
  if (!root) throw new Error('The overlay has no shadow root');
  return root;
}

async function seek(frame: Frame, t: number): Promise<void> {
  await frame.$eval(
    'video',
    async (video, time) => {
      if (video.readyState < 1) {
        await new Promise((resolve) =>
          video.addEventListener('loadedmetadata', resolve, { once: true }),
        );
      }
      const seeked = new Promise((resolve) =>
        video.addEventListener('seeked', resolve, { once: true }),
      );
      video.currentTime = time;
      await seeked;
    },
    t,
  );
}

/** Alt+Shift+<key> on the real keyboard of the test (trusted key events). */
async function pressShortcut(tab: Page, code: 'KeyN' | 'KeyC'): Promise<void> {
  await tab.keyboard.down('Alt');
  await tab.keyboard.down('Shift');
  await tab.keyboard.press(code);
  await tab.keyboard.up('Shift');
  await tab.keyboard.up('Alt');
}

/** Opens the note editor with the shortcut, types the note and saves it with Enter. */
async function addNoteByShortcut(tab: Page, frame: Frame, text: string): Promise<void> {
  const root = await overlayRoot(frame);
  await frame.click('video');
  await pressShortcut(tab, 'KeyN');
  const editor = await root.waitForSelector('iframe[title="Cuecards note editor"]');
  await waitForEditorField(frame, editor!);
  await tab.keyboard.type(text);
  await tab.keyboard.press('Enter');
  await root.waitForSelector('iframe[title="Cuecards note editor"]', { hidden: true });
}

/** Waits until the editor's frame has the keyboard and its first field has focus. */
async function waitForEditorField(frame: Frame, editor: ElementHandle<Element>): Promise<void> {
  await expect
    .poll(() =>
      editor.evaluate((iframe) => (iframe.getRootNode() as ShadowRoot).activeElement === iframe),
    )
    .toBe(true);
  await expect
    .poll(() =>
      evaluateInside(
        frame,
        editor,
        'document.hasFocus() && ["TEXTAREA", "INPUT"].includes(document.activeElement?.tagName)',
      ),
    )
    .toBe(true);
}

async function popupText(firefox: Browser, videoTab: Page): Promise<Page> {
  await videoTab.bringToFront();
  return openExtensionPage(firefox, 'popup.html');
}

// The text as the viewer reads it, time and note on lines of their own.
// biome-ignore lint/performance/useDomNodeTextContent: rendered text is what is asserted.
const innerText = (page: Page) => page.evaluate(() => document.body.innerText);

test('the overlay covers a video on a page', async ({ tab, servers }) => {
  const frame = await openVideoPage(tab, `${servers.blog}/plain.html`);
  const [host, video] = await Promise.all(
    ['cuecards-overlay', 'video'].map((selector) =>
      frame.$eval(selector, (element) => {
        const { x, y, width, height } = element.getBoundingClientRect();
        return [x, y, width, height].map(Math.round);
      }),
    ),
  );
  expect(host).toEqual(video);
  await tab.hover('video');
  const root = await overlayRoot(frame);
  expect(await root.$('button[aria-label="Add note"]')).not.toBeNull();
});

test('the overlay works on a video in a cross-origin frame', async ({ tab, servers }) => {
  const frame = await openVideoPage(tab, `${servers.blog}/blog.html`, servers.frameOrigin);
  await seek(frame, 36);
  const root = await overlayRoot(frame);
  await frame.hover('video');
  const addNote = await root.waitForSelector('button[aria-label="Add note"]', { visible: true });
  await addNote!.click();
  const editor = await root.waitForSelector('iframe[title="Cuecards note editor"]');
  await waitForEditorField(frame, editor!);
  await tab.keyboard.type('Inside the other origin');
  await tab.keyboard.press('Enter');
  await root.waitForSelector('iframe[title="Cuecards note editor"]', { hidden: true });
  const popup = await popupText(tab.browser(), tab);
  await expect.poll(() => innerText(popup)).toMatch(/0:36\s*Inside the other origin/);
});

test('a note by the shortcut is saved at its moment and listed in the popup', async ({
  tab,
  servers,
}) => {
  const frame = await openVideoPage(tab, `${servers.blog}/plain.html`);
  await seek(frame, 20);
  await addNoteByShortcut(tab, frame, 'Rocky chops wood');
  const popup = await popupText(tab.browser(), tab);
  await expect.poll(() => innerText(popup)).toMatch(/0:20\s*Rocky chops wood/);
});

test('a card shows over its moment and not outside it', async ({ tab, servers }) => {
  const frame = await openVideoPage(tab, `${servers.blog}/plain.html`);
  const src = await frame.$eval('video', (video) => video.currentSrc);
  const identity = identifyVideo(`${servers.blog}/plain.html`, src);
  const deck = JSON.stringify({
    format: 'cuecards-deck',
    version: 1,
    video: { ...identity, title: 'Plain video' },
    deck: {
      id: '01890a5d-ac96-774b-bcce-200000000000',
      title: 'Seeded cards',
      author: '',
      description: '',
      createdAt: 1,
      updatedAt: 1,
    },
    cards: [
      {
        id: '01890a5d-ac96-774b-bcce-200000000001',
        start: 10,
        end: 14,
        title: 'Wyoming doubled for Russia',
        text: '',
        kind: 'place',
        createdAt: 1,
        updatedAt: 1,
      },
    ],
  });
  const importer = await openExtensionPage(tab.browser(), 'popup.html');
  const answer = await importer.evaluate(
    (text) =>
      (
        globalThis as unknown as {
          browser: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } };
        }
      ).browser.runtime.sendMessage({ type: 'deck.import', text, from: 'demo' }),
    deck,
  );
  expect(answer.ok).toBe(true);
  await importer.close();

  const root = await overlayRoot(frame);
  const shownCards = () =>
    root.$$eval('article.card', (cards) => cards.map((card) => card.getAttribute('aria-label')));
  await seek(frame, 12);
  await expect.poll(shownCards).toEqual(['Wyoming doubled for Russia']);
  await seek(frame, 20);
  await expect.poll(shownCards).toEqual([]);
});

test('exports the video’s notes as Markdown from the popup', async ({
  tab,
  servers,
  downloads,
}) => {
  const frame = await openVideoPage(tab, `${servers.blog}/plain.html`);
  await seek(frame, 43);
  await addNoteByShortcut(tab, frame, 'The clock reads 0:43 #timing');
  const popup = await popupText(tab.browser(), tab);
  await expect.poll(() => innerText(popup)).toContain('The clock reads 0:43');
  const [download] = await popup.$$('xpath/.//button[normalize-space()="Download Markdown"]');
  await download!.click();
  const file = path.join(downloads, 'Plain video.md');
  await expect.poll(() => existsSync(file), { timeout: 10_000 }).toBe(true);
  const text = readFileSync(file, 'utf8');
  expect(text).toMatch(/^---\n/);
  expect(text).toContain('title: "Plain video"');
  expect(text).toContain(`- [00:43](${servers.blog}/plain.html#t=43) The clock reads 0:43 #timing`);
});

test('the library’s search finds a note and marks the words', async ({ tab, servers }) => {
  const frame = await openVideoPage(tab, `${servers.blog}/plain.html`);
  await seek(frame, 21);
  await addNoteByShortcut(tab, frame, 'Drago runs on a treadmill #lab');
  const library = await openExtensionPage(tab.browser(), 'library.html');
  const search = await library.waitForSelector('input[type="search"]');
  await search!.type('TRÉADMILL drago');
  await expect
    .poll(() => library.$$eval('.result-items > li', (items) => items.map((i) => i.textContent)))
    .toEqual([expect.stringContaining('treadmill')]);
  expect(
    await library.$$eval('.result-items mark', (marks) => marks.map((m) => m.textContent)),
  ).toEqual(expect.arrayContaining(['treadmill', 'Drago']));
});
