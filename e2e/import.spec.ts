import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { demoDeckFile, importDeckFile } from './demo-deck.ts';
import { expect, test } from './fixtures.ts';
import {
  addNoteWithButton,
  openLibrary,
  openNotesList,
  openPopup,
  seekVideo,
  shownCards,
  waitForOverlay,
} from './overlay.ts';
import { wipe } from './store.ts';

const yiNoteExport = fileURLToPath(
  new URL('../utils/formats/fixtures/yinote-export.json', import.meta.url),
);

// As subtitle tools write it: cue settings, a header field, no Cuecards markers.
const subtitles = `WEBVTT
Kind: captions

00:00:03.000 --> 00:00:09.000 align:start position:0%
Rocky chops wood in the snow

00:00:12.500 --> 00:00:18.000
<b>Drago's lab</b>
Drago runs on a treadmill
https://en.wikipedia.org/wiki/Rocky_IV
`;

test('imports a WebVTT file as a deck for a chosen video, and its cues show as cards', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await addNoteWithButton(page, page, page.locator('video'), 'Seen once');

  const library = await openLibrary(context, extensionId, 'transfer');
  await library.getByLabel('Import a file').setInputFiles({
    name: 'montage.vtt',
    mimeType: 'text/vtt',
    buffer: Buffer.from(subtitles),
  });
  await expect(library.getByLabel('Video for these cues')).toHaveValue(/plain\.html/);
  await library.getByLabel('Deck name').fill('Subtitles');
  await library.getByRole('button', { name: 'Preview' }).click();
  const preview = library.getByRole('region', { name: 'Import preview' });
  await expect(preview.getByRole('region', { name: 'Deck Subtitles' })).toContainText(
    '2 cards on “Plain video”',
  );
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(library.getByRole('status')).toHaveText('Imported 0 notes and 2 cards.');

  await page.bringToFront();
  const video = page.locator('video');
  await seekVideo(video, 5);
  await expect(shownCards(page)).toHaveText([/Rocky chops wood in the snow/]);
  await seekVideo(video, 14);
  await expect(shownCards(page)).toHaveText([/Drago's lab.*Drago runs on a treadmill/]);
  await expect(shownCards(page).getByRole('link')).toHaveAttribute(
    'href',
    'https://en.wikipedia.org/wiki/Rocky_IV',
  );
});

test('a YiNote user imports their export and finds the notes on the video', async ({
  context,
  extensionId,
  page,
}) => {
  const library = await openLibrary(context, extensionId, 'transfer');
  await library.getByLabel('Import a file').setInputFiles(yiNoteExport);
  const preview = library.getByRole('region', { name: 'Import preview' });
  await expect(preview).toContainText('From a YiNote export:');
  await expect(preview).toContainText('on “Rocky IV (1985) - Training Montage - YouTube”');
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(library.getByRole('status')).toHaveText(/^Imported \d+ notes and 0 cards\.$/);

  // Importing again adds nothing.
  await library.getByLabel('Import a file').setInputFiles(yiNoteExport);
  await library
    .getByRole('region', { name: 'Import preview' })
    .getByRole('button', { name: 'Import' })
    .click();
  await expect(library.getByRole('status')).toHaveText('Everything in it is already here.');

  await page.bringToFront();
  await page.goto('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
  await waitForOverlay(page);
  const notes = await openNotesList(page, page.locator('video'));
  await expect(notes.getByText('Sled pull in the snow, **no** gym needed')).toBeVisible();
});

test('a YiNote user finds the notes of an HTML5 video on it when it plays next', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  // YiNote keeps the page's address, not the video's source.
  const yiNote = {
    version: '1.6.0',
    data: [
      {
        meta: { url: `${servers.blog}/plain.html`, title: 'Plain video' },
        notes: [{ content: 'The clip starts <b>here</b>', timestamp: 2, type: 'video' }],
        createdAt: 1_600_000_000_000,
      },
    ],
  };
  const library = await openLibrary(context, extensionId, 'transfer');
  await library.getByLabel('Import a file').setInputFiles({
    name: 'yi-note.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(yiNote)),
  });
  const preview = library.getByRole('region', { name: 'Import preview' });
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(library.getByRole('status')).toHaveText('Imported 1 note and 0 cards.');

  await page.bringToFront();
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  const notes = await openNotesList(page, page.locator('video'));
  await expect(notes.getByText('The clip starts here')).toBeVisible();
  await page.reload();
  await waitForOverlay(page);
  await expect(
    (await openNotesList(page, page.locator('video'))).getByText('The clip starts here'),
  ).toBeVisible();
});

test('Web Annotations exported from the library come back after a wipe', async ({
  context,
  extensionId,
  page,
  servers,
}) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/plain.html`);
  await waitForOverlay(page);
  await seekVideo(page.locator('video'), 7);
  await addNoteWithButton(page, page, page.locator('video'), 'Annotated #w3c');

  const library = await openLibrary(context, extensionId, 'transfer');
  const download = library.waitForEvent('download');
  await library.getByRole('button', { name: 'Download as Web Annotations (.jsonld)' }).click();
  const file = await download;
  const text = await readFile(await file.path(), 'utf8');
  const collection = JSON.parse(text);
  expect(collection['@context']).toContain('http://www.w3.org/ns/anno.jsonld');
  expect(JSON.stringify(collection)).toContain('"value":"t=7"');

  await wipe(library);
  await library.getByLabel('Import a file').setInputFiles({
    name: file.suggestedFilename(),
    mimeType: 'application/ld+json',
    buffer: Buffer.from(text),
  });
  await library
    .getByRole('region', { name: 'Import preview' })
    .getByRole('button', { name: 'Import' })
    .click();
  await expect(library.getByRole('status')).toHaveText('Imported 1 note and 10 cards.');

  // The open tab's overlay has its note back, at its time.
  await page.bringToFront();
  const notes = await openNotesList(page, page.locator('video'));
  await expect(notes.getByRole('listitem')).toHaveText([/0:07.*Annotated #w3c/]);
});

test('a card becomes a picture from the popup', async ({ context, extensionId, page, servers }) => {
  await importDeckFile(context, extensionId, demoDeckFile(servers.blog));
  await page.goto(`${servers.blog}/blog.html`);
  await waitForOverlay(page);
  const popup = await openPopup(page, extensionId);
  const download = popup.waitForEvent('download');
  await popup
    .getByRole('button', { name: 'Download picture of card: Wyoming doubled for the Soviet Union' })
    .click();
  const png = await readFile(await (await download).path());
  // A PNG's signature, then its IHDR chunk: width and height, big-endian.
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
  expect(png.length).toBeGreaterThan(10_000);
});
