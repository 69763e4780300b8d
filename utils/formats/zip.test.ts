import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipTextFiles } from './zip';

const modified = new Date(2024, 4, 1, 12, 30, 10);

/** The archive's pieces in one array, as the Blob made of them holds them. */
function joined(pieces: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(pieces.reduce((size, piece) => size + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}

function unzipText(pieces: readonly Uint8Array[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(joined(pieces)))) {
    files[name] = strFromU8(bytes);
  }
  return files;
}

describe('zipTextFiles', () => {
  it('holds every file with its name and text, in UTF-8', () => {
    const zip = zipTextFiles(
      [
        { name: 'Rocky IV training montage.md', text: '# Rocky IV\n\n- [01:23](x) Drago' },
        { name: 'Amélie – 映画.md', text: 'Ünïcödé 😀 text' },
        { name: 'notes/empty.md', text: '' },
        { name: 'constructor', text: 'a file like any other' },
      ],
      modified,
    );
    expect(unzipText(zip)).toEqual({
      'Rocky IV training montage.md': '# Rocky IV\n\n- [01:23](x) Drago',
      'Amélie – 映画.md': 'Ünïcödé 😀 text',
      'notes/empty.md': '',
      constructor: 'a file like any other',
    });
  });

  it('dates every file as modified, to the two seconds a ZIP can tell', () => {
    const zip = joined(zipTextFiles([{ name: 'a.md', text: 'a' }], modified));
    // The local header's DOS time and date sit at bytes 10–13.
    const view = new DataView(zip.buffer, zip.byteOffset);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect([(date >> 9) + 1980, (date >> 5) & 15, date & 31]).toEqual([2024, 5, 1]);
    expect([time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([12, 30, 10]);
  });

  it('clamps dates a ZIP cannot hold instead of failing', () => {
    const early = zipTextFiles([{ name: 'a.md', text: 'a' }], new Date(1970, 0, 1));
    const late = zipTextFiles([{ name: 'a.md', text: 'a' }], new Date(2150, 0, 1));
    expect(unzipText(early)).toEqual({ 'a.md': 'a' });
    expect(unzipText(late)).toEqual({ 'a.md': 'a' });
  });

  it('refuses a repeated name rather than dropping a file', () => {
    expect(() =>
      zipTextFiles(
        [
          { name: 'a.md', text: '1' },
          { name: 'a.md', text: '2' },
        ],
        modified,
      ),
    ).toThrow('Two files in the ZIP are called a.md.');
  });

  it('takes the files from a generator, one at a time', () => {
    const taken: string[] = [];
    function* files() {
      for (const name of ['a.md', 'b.md']) {
        taken.push(name);
        yield { name, text: name };
      }
    }
    expect(unzipText(zipTextFiles(files(), modified))).toEqual({ 'a.md': 'a.md', 'b.md': 'b.md' });
    expect(taken).toEqual(['a.md', 'b.md']);
  });

  it('round-trips any set of distinct names and texts', () => {
    // fflate's unzip, the reader here, returns the files as a plain object, where a file called
    // __proto__ would set the prototype instead.
    const name = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s !== '__proto__');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name, text: fc.string({ unit: 'grapheme', maxLength: 50 }) }), {
          selector: (file) => file.name,
          maxLength: 8,
        }),
        (files) => {
          const expected = Object.fromEntries(files.map((file) => [file.name, file.text]));
          expect(unzipText(zipTextFiles(files, modified))).toEqual(expected);
        },
      ),
    );
  });

  it('zips 5,000 Markdown files, every one readable back', () => {
    const text = `---\ntitle: "A video"\n---\n\n# [A video](https://example.com)\n\n${'- [01:23](https://example.com#t=83) a note of some length #tag\n'.repeat(20)}`;
    const files = Array.from({ length: 5_000 }, (_, i) => ({ name: `Video ${i}.md`, text }));
    const zip = zipTextFiles(files, modified);
    expect(Object.keys(unzipSync(joined(zip)))).toHaveLength(5_000);
  });
});
