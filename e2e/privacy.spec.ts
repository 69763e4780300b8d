import path from 'node:path';
import { expect, launchBrowser, test } from './fixtures.ts';
import { editorField, openNotesList, waitForOverlay } from './overlay.ts';

test('a listener the page put on window sees no keystroke typed into the editor', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput']) {
      window.addEventListener(
        type,
        (event) => seen.push(`${type}:${(event as KeyboardEvent).key}`),
        true,
      );
      document.addEventListener(
        type,
        (event) => seen.push(`${type}:${(event as KeyboardEvent).key}`),
        true,
      );
    }
  });
  const video = page.locator('video');
  await video.hover();
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(editorField(page)).toBeFocused();
  await page.keyboard.type('secret thought');
  await page.keyboard.press('Enter');

  const list = await openNotesList(page, video);
  await expect(list.getByText('secret thought')).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen.filter((entry) => !entry.endsWith(':Enter'))).toEqual([]);
});

test('a page without video gets no overlay and is left untouched', async ({
  page,
  servers,
  worker,
}) => {
  await page.goto(`${servers.blog}/no-video.html`);
  const before = await page.content();
  await page.waitForTimeout(1_000);
  await expect(page.locator('cuecards-overlay')).toHaveCount(0);
  expect(await page.content()).toBe(before);
  const frames = await worker.evaluate(async () => {
    type Api = {
      tabs: { query(q: object): Promise<Array<{ id?: number }>> };
      scripting: {
        executeScript(o: object): Promise<Array<{ result?: unknown }>>;
      };
    };
    const chromeApi = (globalThis as unknown as { chrome: Api }).chrome;
    const [tab] = await chromeApi.tabs.query({ url: '*://127.0.0.1/*' });
    const results = await chromeApi.scripting.executeScript({
      target: { tabId: tab!.id! },
      func: () => Object.getOwnPropertySymbols(globalThis).map(String),
    });
    return results.map((result) => result.result);
  });
  expect(frames.flat()).not.toContain('Symbol(cuecards.overlay)');
});

test('the production build keeps the overlay out of the page’s reach', async ({ servers }) => {
  const context = await launchBrowser({
    httpsPort: servers.httpsPort,
    extension: path.resolve('.output/chrome-mv3'),
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.bringToFront();
    await page.goto(`${servers.blog}/plain.html`);
    await waitForOverlay(page);
    const reach = await page.evaluate(() => {
      const host = document.querySelector('cuecards-overlay');
      return { shadowRoot: host?.shadowRoot ?? null, text: document.body.textContent };
    });
    expect(reach.shadowRoot).toBeNull();
    expect(reach.text).not.toContain('Note');
    await expect(page.getByRole('button', { name: 'Add note' })).toHaveCount(0);
    // Still a working overlay: the shortcut opens the editor.
    await page.keyboard.press('Alt+Shift+N');
    await expect
      .poll(() => page.frames().some((f) => f.url().includes('/composer.html')))
      .toBe(true);
  } finally {
    await context.close();
  }
});
