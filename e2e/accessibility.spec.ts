import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  editorField,
  openLibrary,
  openNotesList,
  openPopup,
  seekVideo,
  shownCards,
  waitForOverlay,
} from './overlay.ts';

/** Violations axe rates serious or critical, as `rule: target` lines (empty when none). */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  // AxeBuilder is typed against @playwright/test's Page; playwright-core's is the same object.
  let builder = new AxeBuilder({ page: page as never }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
}

test.beforeEach(async ({ context, extensionId, servers }) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
});

test('the overlay, its cards and the note editor have no serious accessibility problems', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const video = page.locator('video#montage');
  await addNoteWithButton(page, page, video, 'A note to list');
  await seekVideo(video, 16);
  await expect(shownCards(page)).toHaveCount(1);
  await openNotesList(page, video);
  expect(await seriousViolations(page, 'cuecards-overlay')).toEqual([]);

  await page.keyboard.press('Alt+Shift+N');
  await expect(editorField(page)).toBeFocused();
  expect(await seriousViolations(page, 'cuecards-overlay')).toEqual([]);
});

test('the popup and every part of the library have no serious accessibility problems', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video#montage'), 'Listed #tagged');
  const popup = await openPopup(page, extensionId);
  await expect(popup.getByText('Listed #tagged')).toBeVisible();
  expect(await seriousViolations(popup)).toEqual([]);

  for (const section of ['videos', 'settings', 'transfer'] as const) {
    const library = await openLibrary(page, extensionId, section);
    await expect(library.getByRole('heading', { level: 2 }).first()).toBeAttached();
    if (section === 'videos') {
      await library.getByRole('searchbox').fill('listed');
      await expect(library.locator('mark')).toHaveText(['Listed']);
    }
    expect(await seriousViolations(library), section).toEqual([]);
    await library.close();
  }
});

test('the library works with the keyboard alone, focus always visible', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'Keyboard only');
  const library = await openLibrary(page, extensionId);

  const focused = () =>
    library.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const style = element ? getComputedStyle(element) : undefined;
      return {
        name: element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '',
        tag: element?.tagName ?? '',
        outline: style?.outlineStyle ?? 'none',
      };
    });
  const tabTo = async (matches: (name: string, tag: string) => boolean) => {
    for (let i = 0; i < 30; i++) {
      await library.keyboard.press('Tab');
      const now = await focused();
      // Past the last control focus leaves the page for the browser's own UI, then comes back.
      if (now.tag === 'BODY') continue;
      expect(now.outline, `focus on ${now.tag} "${now.name}" is visible`).not.toBe('none');
      if (matches(now.name, now.tag)) return;
    }
    throw new Error('Never reached the control by Tab');
  };

  // The nav leads to the settings, and back.
  await tabTo((name) => name === 'Settings');
  await library.keyboard.press('Enter');
  await expect(library.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
  await tabTo((name) => name === 'Videos and search');
  await library.keyboard.press('Enter');

  // Search, then select the video and delete its notes, all by keys.
  await tabTo((_, tag) => tag === 'INPUT');
  await library.keyboard.type('keyboard');
  await expect(library.locator('mark')).toHaveText(['Keyboard']);
  await library.keyboard.press('Control+A');
  await library.keyboard.press('Backspace');
  await tabTo((name) => name === 'Select Plain video');
  await library.keyboard.press('Space');
  await tabTo((name) => name === 'Delete notes and cards');
  await library.keyboard.press('Enter');
  await expect(library.getByRole('checkbox', { name: 'Select Plain video' })).toHaveCount(0);
  await expect(library.getByRole('status').last()).toContainText('Deleted 1 note');
});

test('the popup works with the keyboard alone', async ({ page, extensionId, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 12);
  await addNoteWithButton(page, page, video, 'Seek by keys');
  await seekVideo(video, 40);
  const popup = await openPopup(page, extensionId);
  await expect(popup.getByText('Seek by keys')).toBeVisible();
  for (let i = 0; i < 20; i++) {
    await popup.keyboard.press('Tab');
    const label = await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    if (label === 'Seek to 0:12') break;
  }
  await expect(popup.getByRole('button', { name: 'Seek to 0:12' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => Math.round(element.currentTime)))
    .toBe(12);
});

test('cards appear without motion when the viewer asks for less, and keep a border in forced colors', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const video = page.locator('video#montage');
  const card = shownCards(page).first();
  const style = () =>
    card.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { animation: computed.animationName, border: computed.borderTopStyle };
    });

  await seekVideo(video, 16);
  await expect(card).toBeVisible();
  expect(await style()).toEqual({ animation: 'card-in', border: 'none' });

  await page.emulateMedia({ reducedMotion: 'reduce', forcedColors: 'active' });
  await seekVideo(video, 5);
  await expect(card).toBeVisible();
  expect(await style()).toEqual({ animation: 'none', border: 'solid' });
});
