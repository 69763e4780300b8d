import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { serializeBackup } from '../utils/formats/backup.ts';
import { uuidv7 } from '../utils/model/ids.ts';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openLibrary,
  openNotesList,
  openPopup,
  seekVideo,
  waitForOverlay,
} from './overlay.ts';
import { tableCounts, wipe } from './store.ts';

async function downloaded(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

test('exports this video’s notes from the popup as Obsidian-ready Markdown', async ({
  page,
  extensionId,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 43);
  await addNoteWithButton(page, page, video, 'The clock reads 0:43 #timing');
  await seekVideo(video, 5);
  await addNoteWithButton(page, page, video, 'Tries <b>bold</b> and [a link](javascript:alert(1))');

  const popup = await openPopup(page, extensionId);
  const file = await downloaded(popup, () =>
    popup.getByRole('button', { name: 'Download Markdown' }).click(),
  );
  expect(file.name).toBe('Plain video.md');
  expect(file.text).toMatch(/^---\n/);
  expect(file.text).toContain('title: "Plain video"');
  expect(file.text).toContain(`url: "${servers.blog}/plain.html"`);
  expect(file.text).toMatch(/tags:\n {2}- "?timing"?/);
  expect(file.text).toContain(
    `- [00:43](${servers.blog}/plain.html#t=43) The clock reads 0:43 #timing`,
  );
  // The earlier note comes first, and its markup arrives as text, not HTML or a link.
  expect(file.text.indexOf('[00:05]')).toBeLessThan(file.text.indexOf('[00:43]'));
  expect(file.text).toContain('Tries \\<b>bold\\</b> and \\[a link\\](javascript:alert(1))');

  // A time link opens the video at that moment, also when followed on the same page.
  await page.goto(`${servers.blog}/plain.html#t=43`);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBe(43);
});

/** From now on, every status the page shows, as the viewer would have seen it. */
async function recordStatuses(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.cuecardsStatuses = [];
    new MutationObserver(() => {
      const status = document.querySelector('[role=status]');
      const progress = status?.querySelector('progress');
      const bar = !progress ? '' : progress.hasAttribute('value')
        ? ' [' + progress.value + '/' + progress.max + ']' : ' [working]';
      const seen = (status?.textContent ?? '') + bar;
      if (seen && window.cuecardsStatuses.at(-1) !== seen) window.cuecardsStatuses.push(seen);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

function recordedStatuses(page: Page): Promise<string[]> {
  return page.evaluate('window.cuecardsStatuses') as Promise<string[]>;
}

test('backs up everything, restores it after a wipe, and the next backup is the same file', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 12);
  await addNoteWithButton(page, page, video, 'First note');
  await seekVideo(video, 20);
  await addNoteWithButton(page, page, video, 'Second note #backup');

  const library = await openLibrary(context, extensionId, 'transfer');
  await recordStatuses(library);
  const backup = await downloaded(library, () =>
    library.getByRole('button', { name: 'Back up everything' }).click(),
  );
  expect(backup.name).toMatch(/^Cuecards backup \d{4}-\d\d-\d\d\.json$/);
  await expect(library.getByRole('status')).toHaveText('Backup downloaded.');
  expect(await recordedStatuses(library)).toEqual(['Backing up… [working]', 'Backup downloaded.']);
  const before = await tableCounts(library);
  expect(before).toEqual({ videos: 2, notes: 2, cards: 10, decks: 1 });

  await wipe(library);
  expect(await tableCounts(library)).toEqual({ videos: 0, notes: 0, cards: 0, decks: 0 });

  await library.getByLabel('Import a file').setInputFiles({
    name: backup.name,
    mimeType: 'application/json',
    buffer: Buffer.from(backup.text),
  });
  const preview = library.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('A Cuecards backup: 2 videos, 2 notes, 10 cards in 1 deck.');
  // Nothing is written before the viewer says so.
  expect(await tableCounts(library)).toEqual({ videos: 0, notes: 0, cards: 0, decks: 0 });
  await preview.getByRole('button', { name: 'Restore' }).click();
  await expect(library.getByRole('status')).toHaveText(
    'Restored 2 notes, 10 cards, 1 deck and 2 videos.',
  );
  expect(await tableCounts(library)).toEqual(before);

  // The open tab's overlay sees the restored notes at once.
  await expect(page.getByRole('button', { name: 'Notes (2)' })).toBeAttached();

  const again = await downloaded(library, () =>
    library.getByRole('button', { name: 'Back up everything' }).click(),
  );
  expect(again.text).toBe(backup.text);

  // Restoring the same backup twice adds nothing.
  await library.getByLabel('Import a file').setInputFiles({
    name: backup.name,
    mimeType: 'application/json',
    buffer: Buffer.from(backup.text),
  });
  await library.getByRole('button', { name: 'Restore' }).click();
  await expect(library.getByRole('status')).toHaveText(
    'Everything in this backup is already here.',
  );
});

test('a large restore shows how far it has got, then what it restored', async ({
  context,
  extensionId,
}) => {
  const video = {
    key: 'url:https://lectures.example/course#00c0ffee',
    provider: 'web' as const,
    title: 'A long course',
    url: 'https://lectures.example/course',
    lastSeenAt: 1_700_000_000_000,
  };
  const notes = Array.from({ length: 12_000 }, (_, i) => {
    const at = 1_600_000_000_000 + i * 60_000;
    return {
      id: uuidv7(at),
      videoKey: video.key,
      t: i % 3_600,
      text: `Lecture note ${i}`,
      tags: [],
      createdAt: at,
      updatedAt: at,
      deleted: false,
    };
  });
  const backup = serializeBackup({ videos: [video], notes, cards: [], decks: [] });

  const library = await openLibrary(context, extensionId, 'transfer');
  await recordStatuses(library);
  await library.getByLabel('Import a file').setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(backup),
  });
  await library.getByRole('button', { name: 'Restore' }).click();
  await expect(library.getByRole('status')).toHaveText(
    'Restored 12,000 notes, 0 cards, 0 decks and 1 video.',
  );
  const statuses = await recordedStatuses(library);
  expect(statuses[0]).toBe('Reading backup.json… [working]');
  expect(statuses).toContain('Restoring… 5,001 of 12,001 records written [5001/12001]');
  expect(statuses).toContain('Restoring… 10,001 of 12,001 records written [10001/12001]');
  expect(statuses.at(-1)).toBe('Restored 12,000 notes, 0 cards, 0 decks and 1 video.');
  expect(await tableCounts(library)).toEqual({ videos: 1, notes: 12_000, cards: 0, decks: 0 });
});

test('a malformed deck file gets a clear message and changes nothing', async ({
  context,
  extensionId,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  const library = await openLibrary(context, extensionId, 'transfer');
  const before = await tableCounts(library);

  const file = JSON.parse(demoDeckFile(servers.blog));
  file.deck.id = '0192a1c4-5e00-7000-8000-00000000d0a2';
  file.cards[4].link = 'javascript:alert(1)';
  await library.getByLabel('Import a file').setInputFiles({
    name: 'broken.cuecards.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(library.getByRole('alert')).toHaveText(
    'This deck file is not valid: card 5, link: must be an http(s) URL',
  );
  await expect(library.getByRole('region', { name: 'Import preview' })).toHaveCount(0);
  expect(await tableCounts(library)).toEqual(before);
});

test('downloads every video’s notes as a zip of Markdown files from the library', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'A note on the plain video');

  const library = await openLibrary(context, extensionId, 'transfer');
  await recordStatuses(library);
  const [download] = await Promise.all([
    library.waitForEvent('download'),
    library.getByRole('button', { name: 'Download all notes as Markdown (.zip)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Cuecards notes \d{4}-\d\d-\d\d\.zip$/);
  const { unzipSync, strFromU8 } = await import('fflate');
  const files = unzipSync(new Uint8Array(await readFile(await download.path())));
  expect(Object.keys(files).sort()).toEqual([
    'Plain video.md',
    'Rocky training in Russia Rocky IV.md',
  ]);
  expect(strFromU8(files['Plain video.md']!)).toContain('A note on the plain video');
  expect(strFromU8(files['Rocky training in Russia Rocky IV.md']!)).toContain(
    'Wyoming doubled for the Soviet Union',
  );
  await expect(library.getByRole('status')).toHaveText('Exported 2 videos as Markdown.');
  // The viewer is told the export is under way until it is done.
  expect(await recordedStatuses(library)).toEqual([
    'Exporting… [working]',
    'Exported 2 videos as Markdown.',
  ]);
});

test('downloads the video’s Markdown from the overlay’s notes list', async ({ page, servers }) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  await seekVideo(video, 9);
  await addNoteWithButton(page, page, video, 'From the overlay');
  const notes = await openNotesList(page, video);
  const file = await downloaded(page, () =>
    notes.getByRole('button', { name: 'Download Markdown' }).click(),
  );
  expect(file.name).toBe('Plain video.md');
  expect(file.text).toContain(`- [00:09](${servers.blog}/plain.html#t=9) From the overlay`);
});
