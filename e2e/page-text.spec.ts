import { expect, test } from './fixtures.ts';
import { addNoteWithButton, openNotesList, seekVideo, waitForOverlay } from './overlay.ts';

// Words no page would hold by chance: wherever one of them is readable, it came from a note.
const notes = [
  { t: 10, text: 'Quokka marmalade sonnet' },
  { t: 40, text: 'Xylophone gravitas zeppelin' },
];
const noteWords = notes.flatMap((note) => note.text.split(' '));

interface Readable {
  word: string;
  byFind: boolean;
  byDocument: boolean;
}

test('a hostile page reads no character of a note, with the list open and a marker hovered', async ({
  page,
  servers,
}) => {
  await page.goto(`${servers.blog}/hostile-reader.html`);
  await waitForOverlay(page);
  const video = page.locator('video');
  for (const note of notes) {
    await seekVideo(video, note.t);
    await addNoteWithButton(page, page, video, note.text);
  }
  const list = await openNotesList(page, video);
  for (const note of notes) await expect(list.getByText(note.text)).toBeVisible();
  const marker = page.getByRole('button', { name: /^Note at 0:40/ });
  await marker.hover();

  const readable = await page.evaluate((words): Readable[] => {
    const texts: string[] = [...(window as unknown as { hostileSeen: string[] }).hostileSeen];
    // Everything the page's document holds now, through every root and frame it can enter.
    const walk = (root: Node) => {
      const walker = document.createTreeWalker(
        root,
        NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      );
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node instanceof Text) texts.push(node.data);
        if (!(node instanceof Element)) continue;
        for (const attribute of node.attributes) texts.push(attribute.value);
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLIFrameElement) {
          try {
            if (node.contentDocument) walk(node.contentDocument);
          } catch {
            // Another origin's frame: the page cannot enter it.
          }
        }
      }
    };
    walk(document);
    const everything = texts.join('\n').toLowerCase();
    // Chromium's non-standard find(): the page's own search, which reads closed shadow roots.
    const find = (window as unknown as { find: (...args: unknown[]) => boolean }).find;
    return words.map((word) => {
      getSelection()?.removeAllRanges();
      // caseSensitive, backwards, wrapAround, wholeWord, searchInFrames, showDialog
      const byFind = find.call(window, word, false, false, true, false, true, false);
      return { word, byFind, byDocument: everything.includes(word.toLowerCase()) };
    });
  }, noteWords);

  const read = readable.filter((entry) => entry.byFind || entry.byDocument);
  const characters = read.reduce((sum, entry) => sum + entry.word.length, 0);
  test
    .info()
    .annotations.push({ type: 'note characters readable', description: String(characters) });
  console.log(`note characters readable by the page: ${characters}`, JSON.stringify(read));
  expect(read).toEqual([]);
  expect(characters).toBe(0);
});
