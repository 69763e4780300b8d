import { readFile } from 'node:fs/promises';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openLibrary,
  openPopup,
  previewOfMarker,
  seekVideo,
  shownCards,
  waitForOverlay,
} from './overlay.ts';

test('search finds a note typed in another tab a moment ago, matched words marked', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 4);
  await addNoteWithButton(page, page, video, 'Rocky chops wood #cabin');

  const library = await openLibrary(page, extensionId);
  const search = library.getByRole('searchbox', { name: 'Search notes and cards' });
  await search.fill('Tread');
  await expect(library.getByRole('status').first()).toHaveText('Nothing found.');

  await page.bringToFront();
  await seekVideo(video, 21);
  await addNoteWithButton(page, page, video, 'Drago runs on a treadmill #lab');

  await library.bringToFront();
  const results = library.getByRole('list', { name: 'Search results' });
  await expect(results.locator('.result-items > li').filter({ hasText: 'treadmill' })).toHaveCount(
    1,
  );
  await expect(results.locator('mark')).toHaveText(['tread']);
  await expect(results.getByRole('link', { name: 'Open at 0:21' })).toHaveAttribute(
    'href',
    `${servers.blog}/plain.html#t=21`,
  );
  // Accents and case do not matter; every word must match.
  await search.fill('DRAGO TRÉADMILL');
  await expect(results.locator('.result-items > li').filter({ hasText: 'treadmill' })).toHaveCount(
    1,
  );
  await search.fill('drago wood');
  await expect(library.getByRole('status').first()).toHaveText('Nothing found.');
  // A video's own title is searched too.
  await search.fill('plain vid');
  await expect(results.getByRole('link', { name: 'Plain video' }).locator('mark')).toHaveText([
    'Plain',
    'vid',
  ]);
});

test('the tag filter shows only notes with that tag', async ({ page, extensionId, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 3);
  await addNoteWithButton(page, page, video, 'Snow run #training');
  await seekVideo(video, 9);
  await addNoteWithButton(page, page, video, 'Lab scene #drago');
  await seekVideo(video, 15);
  await addNoteWithButton(page, page, video, 'Sled pull #training');

  const library = await openLibrary(page, extensionId);
  await library.getByLabel('Tag').selectOption('training');
  const results = library.getByRole('list', { name: 'Search results' });
  await expect(results.locator('.result-items > li')).toHaveText([
    /0:03.*Snow run #training/,
    /0:15.*Sled pull #training/,
  ]);
  await library.getByRole('searchbox', { name: 'Search notes and cards' }).fill('sled');
  await expect(results.locator('.result-items > li')).toHaveText([/Sled pull/]);
});

test('deletes the notes and cards of several videos at once, and undo brings them back', async ({
  context,
  page,
  extensionId,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'A plain note');

  const library = await openLibrary(page, extensionId);
  const videos = library.getByRole('list', { name: 'Videos' });
  await expect(
    videos.getByRole('listitem').filter({ has: library.getByRole('checkbox') }),
  ).toHaveCount(2);
  await library.getByRole('checkbox', { name: 'Select Plain video' }).check();
  await library
    .getByRole('checkbox', { name: 'Select Rocky training in Russia [Rocky IV]' })
    .check();
  const bar = library.getByRole('toolbar', { name: 'Selected videos' });
  await expect(bar).toContainText('2 videos selected');
  // The selection goes out in the export formats, here as Web Annotations.
  const download = library.waitForEvent('download');
  await bar.getByRole('button', { name: 'Export Web Annotations (.jsonld)' }).click();
  const annotations = JSON.parse(await readFile(await (await download).path(), 'utf8'));
  expect(annotations.total).toBe(11);

  await bar.getByRole('button', { name: 'Delete notes and cards' }).click();
  await expect(library.getByText('No notes yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notes (0)' })).toBeAttached();

  await library.getByRole('button', { name: 'Undo' }).click();
  await expect(library.getByRole('checkbox', { name: 'Select Plain video' })).toBeVisible();
  await expect(videos.getByText('1 note · 0 cards')).toBeVisible();
  await expect(videos.getByText('0 notes · 10 cards')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notes (1)' })).toBeAttached();
});

test('renames a video, and the page’s own title no longer replaces it', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'First');
  const library = await openLibrary(page, extensionId);
  await library.getByRole('button', { name: 'Rename Plain video' }).click();
  const title = library.getByRole('textbox', { name: 'New title for Plain video' });
  await title.fill('Lecture 1: the clock');
  await title.press('Enter');
  await expect(library.getByRole('link', { name: 'Lecture 1: the clock' })).toBeVisible();

  await page.bringToFront();
  await addNoteWithButton(page, page, page.locator('video'), 'Second');
  await library.reload();
  await expect(library.getByRole('link', { name: 'Lecture 1: the clock' })).toBeVisible();
  await expect(library.getByText('2 notes · 0 cards')).toBeVisible();
});

test('settings changed in the library apply to an open tab without a reload', async ({
  context,
  page,
  extensionId,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const video = page.locator('video#montage');
  await addNoteWithButton(page, page, video, 'Marked');
  await seekVideo(video, 16);
  await expect(shownCards(page)).toHaveCount(1);
  const markers = page.getByRole('button', { name: /^Note at / });
  await expect(markers).toHaveCount(1);

  const library = await openLibrary(page, extensionId, 'settings');
  await library.getByLabel('Show note markers on the timeline').uncheck();
  await expect(markers).toHaveCount(0);
  await library.getByLabel('Show trivia cards').uncheck();
  await expect(shownCards(page)).toHaveCount(0);
  await library.getByLabel('Show trivia cards').check();
  await expect(shownCards(page)).toHaveCount(1);

  // Turned off for the site: the overlay goes away from the open tab.
  await library
    .getByRole('textbox', { name: 'Site' })
    .fill(`http://127.0.0.1:${new URL(servers.blog).port}/`);
  await library.getByRole('button', { name: 'Turn off here' }).click();
  await expect(library.getByText('127.0.0.1')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add note' })).toHaveCount(0);
  await expect(shownCards(page)).toHaveCount(0);
  await library.getByRole('button', { name: 'Turn Cuecards back on for 127.0.0.1' }).click();
  await expect(page.getByRole('button', { name: 'Add note' })).toHaveCount(1);

  // The theme follows the setting on every extension page, this one included.
  await library.getByLabel('Theme').selectOption('dark');
  await expect(library.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(library.locator('body')).toHaveCSS('background-color', 'rgb(30, 30, 35)');
  await library.getByLabel('Theme').selectOption('light');
  await expect(library.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  // Left to the system, it follows the system's dark mode.
  await library.emulateMedia({ colorScheme: 'dark' });
  await library.getByLabel('Theme').selectOption('system');
  await expect(library.locator('body')).toHaveCSS('background-color', 'rgb(30, 30, 35)');
});

test('rewinds the video when the editor opens, if asked to, and keeps the note at its moment', async ({
  page,
  extensionId,
  servers,
}) => {
  const library = await openLibrary(page, extensionId, 'settings');
  await library.getByLabel(/When the editor opens, go back/).fill('5');
  await library.getByLabel(/When the editor opens, go back/).press('Tab');
  await page.bringToFront();
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 20);
  await addNoteWithButton(page, page, video, 'Rewound');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(16);
  const marker = page.getByRole('button', { name: 'Note at 0:20', exact: true });
  await expect(marker).toBeAttached();
  await expect(await previewOfMarker(page, marker)).toHaveText('0:20 Rewound');
});

test('the library reminds about a backup and makes one', async ({ page, extensionId, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'Worth keeping');
  const library = await openLibrary(page, extensionId);
  const reminder = library.getByRole('complementary', { name: 'Backup reminder' });
  await expect(reminder).toContainText('Your notes have never been backed up.');
  const download = library.waitForEvent('download');
  await reminder.getByRole('button', { name: 'Back up now' }).click();
  expect((await download).suggestedFilename()).toMatch(/^Cuecards backup /);
  await expect(reminder).toHaveCount(0);
});

test('the browser’s Options entry for Cuecards opens the library', async ({
  context,
  page,
  extensionId,
}) => {
  const popup = await openPopup(page, extensionId);
  const opened = context.waitForEvent('page');
  // What the browser does when the viewer picks "Options" in the extension's menu.
  await popup.evaluate(() =>
    (
      globalThis as unknown as { chrome: { runtime: { openOptionsPage(): Promise<void> } } }
    ).chrome.runtime.openOptionsPage(),
  );
  const options = await opened;
  await expect(options).toHaveURL(`chrome-extension://${extensionId}/library.html`);
  await expect(options.getByRole('heading', { name: 'Cuecards library', level: 1 })).toBeVisible();
});

test('merges two keys of the same video into one, keeping the one chosen', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'On the plain page');
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video#montage'), 'On the post');

  const library = await openLibrary(page, extensionId);
  await library.getByRole('checkbox', { name: 'Select Plain video' }).check();
  await library
    .getByRole('checkbox', { name: 'Select Rocky training in Russia [Rocky IV]' })
    .check();
  const merge = library.getByRole('group', { name: 'Same video? Merge them, keeping:' });
  await merge.getByRole('radio', { name: /Rocky training in Russia/ }).check();
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(library.getByRole('status').last()).toHaveText(
    'Moved 1 note and 0 cards to “Rocky training in Russia [Rocky IV]”.',
  );
  const videos = library.getByRole('list', { name: 'Videos' });
  await expect(videos.getByRole('checkbox')).toHaveCount(1);
  await expect(videos.getByText('2 notes · 0 cards')).toBeVisible();
});
