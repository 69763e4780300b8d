import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { NoteInputSchema, VideoInfoSchema } from '../model/records';
import { stableId } from './stable-id';
import { htmlToText, parseYiNote } from './yinote';

// A YiNote 1.6 export, as its options page writes it (YiNote writes it on one line).
const exported = readFileSync(new URL('./fixtures/yinote-export.json', import.meta.url), 'utf8');
const now = 1_700_000_000_000;

const youTube = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Rocky IV (1985) - Training Montage - YouTube',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
} as const;
const udemy = {
  key: 'url:https://www.udemy.com/course/film-editing-basics/learn/lecture/1234567',
  provider: 'web',
  title: 'Cutting on action | Film Editing Basics | Udemy',
  url: 'https://www.udemy.com/course/film-editing-basics/learn/lecture/1234567',
} as const;
const vimeo = {
  key: 'vimeo:22439234',
  provider: 'vimeo',
  title: 'The Mountain on Vimeo',
  url: 'https://vimeo.com/22439234',
} as const;

const note = (videoKey: string, t: number, text: string, createdAt: number) => ({
  id: stableId(videoKey, `${t}`, text),
  videoKey,
  t,
  text,
  createdAt,
  updatedAt: createdAt,
});

const withData = (data: unknown) => JSON.stringify({ version: '1.6.0', data });
const page = (notes: unknown[], meta: object = { url: youTube.url, title: 'Rocky' }) => ({
  id: '5c1b0c36-2f8a-5b7e-9a4d-3e1f6c2d8a10',
  meta,
  notes,
  createdAt: 1_604_912_400_000,
});
const yiNote = (overrides: object = {}) => ({
  id: '7f0e4c2a-9b1d-4e3f-8a6c-5d2b1e0f9a87',
  content: 'A note',
  timestamp: 12.5,
  image: '',
  type: 'video',
  ...overrides,
});
const errorOf = (text: string) => {
  const parsed = parseYiNote(text, now);
  return parsed.ok ? undefined : parsed.error;
};

describe('parseYiNote', () => {
  it('reads a YiNote export: a video per page with notes, text without markup, page dates', () => {
    expect(parseYiNote(exported, now)).toEqual({
      ok: true,
      value: {
        videos: [youTube, udemy, vimeo],
        notes: [
          note(
            youTube.key,
            20.346811,
            'Sled pull in the snow, **no** gym needed',
            1_604_912_400_000,
          ),
          note(
            youTube.key,
            64.5,
            "Drago's lab: treadmill & electrodes\ncompare with Rocky's barn https://en.wikipedia.org/wiki/Rocky_IV",
            1_604_912_400_000,
          ),
          note(youTube.key, 151, 'Nice  shot < script>', 1_604_912_400_000),
          note(
            udemy.key,
            95,
            'Cut on action\n\n- hides the cut\n- keeps the *energy*',
            1_605_085_200_000,
          ),
          // From a page YiNote 1.0 migrated from 0.6, which spells its date `createAt`.
          note(vimeo.key, 12, 'Milky Way timelapse starts', 1_546_300_800_000),
        ],
        decks: [],
      },
    });
  });

  it('gives the same ids on every import, so a second import adds nothing', () => {
    const first = parseYiNote(exported, now);
    const again = parseYiNote(exported, now + 1);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.notes).toEqual(first.value.notes);
  });

  it('uses the time of the import for notes of a page without a date', () => {
    const parsed = parseYiNote(withData([{ meta: { url: youTube.url }, notes: [yiNote()] }]), now);
    expect(parsed.ok && parsed.value.notes[0]).toMatchObject({ createdAt: now, updatedAt: now });
    expect(parsed.ok && parsed.value.videos[0]?.title).toBe('');
  });

  it('lists only videos that keep a note', () => {
    const parsed = parseYiNote(
      withData([
        page([yiNote({ type: 'article' }), yiNote({ content: '<img src="x">' })]),
        page([yiNote()], { url: vimeo.url }),
      ]),
      now,
    );
    expect(parsed.ok && parsed.value.videos).toEqual([{ ...vimeo, title: '' }]);
  });

  it('merges pages of the same video', () => {
    const parsed = parseYiNote(
      withData([
        page([yiNote()], { url: `${youTube.url}&t=42s` }),
        page([yiNote({ content: 'Another' })], {
          url: 'https://youtu.be/dQw4w9WgXcQ',
          title: 'Rocky',
        }),
      ]),
      now,
    );
    expect(parsed.ok && parsed.value.videos).toEqual([{ ...youTube, title: 'Rocky' }]);
    expect(parsed.ok && parsed.value.notes.map((item) => item.text)).toEqual(['A note', 'Another']);
  });

  it.each([
    [
      'not JSON',
      'yi-note',
      'This YiNote export is damaged: it stops being valid JSON at line 1, column 1, at "y".',
    ],
    [
      'JSON of another kind',
      JSON.stringify({ pages: [] }),
      'This is not a YiNote export: expected {"version": …, "data": [pages]}.',
    ],
    [
      'a YiNote 0.6 backup',
      JSON.stringify({ version: '0.6.4', data: [] }),
      'This YiNote export is from version 0.6.4; Cuecards reads exports of YiNote 1.0 and later.',
    ],
    [
      'a page without its address',
      withData([page([yiNote()], { title: 'Rocky' })]),
      'This YiNote export is not valid: page 1: meta.url: is missing',
    ],
    [
      'a javascript: address',
      withData([page([]), page([yiNote()], { url: 'javascript:alert(1)' })]),
      'This YiNote export is not valid: page 2: meta.url: must be an http(s) URL',
    ],
    [
      'a YouTube page that is not one video',
      withData([page([yiNote()], { url: 'https://www.youtube.com/feed/subscriptions' })]),
      'This YiNote export is not valid: page 1: meta.url: is not the address of one video',
    ],
    [
      'a note without content',
      withData([page([yiNote(), yiNote({ content: 5 })])]),
      'This YiNote export is not valid: page 1, note 2: content: must be text, not 5',
    ],
    [
      'a negative timestamp',
      withData([page([yiNote({ timestamp: -1 })])]),
      'This YiNote export is not valid: page 1, note 1: timestamp: must be a number of seconds',
    ],
    [
      'a video note without a timestamp',
      withData([page([yiNote({ timestamp: undefined })])]),
      'This YiNote export is not valid: page 1, note 1: timestamp: is missing',
    ],
    [
      'a note too long',
      withData([page([yiNote({ content: 'x'.repeat(20_001) })])]),
      'This YiNote export is not valid: page 1, note 1: text: is longer than 20000 characters',
    ],
    [
      'a page date that is not a time',
      withData([{ ...page([yiNote()]), createdAt: '2020-11-09' }]),
      'This YiNote export is not valid: page 1: createdAt: must be a number, not "2020-11-09"',
    ],
    [
      'no video notes',
      withData([page([]), page([yiNote({ type: 'article' })])]),
      'This YiNote export has no video notes.',
    ],
    ['a file over 20 MB', `${exported}${' '.repeat(20_000_000)}`, 'The file is over 20 MB.'],
  ])('rejects %s and says why', (_, text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it('drops __proto__ keys without touching Object.prototype', () => {
    const poisoned = withData([{ ...page([yiNote()]), ['__proto__']: { polluted: 1 } }]).replace(
      '"content"',
      '"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "content"',
    );
    expect(poisoned).toContain('"__proto__"');
    expect(parseYiNote(poisoned, now).ok).toBe(true);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('htmlToText', () => {
  it.each([
    [
      'plain Markdown',
      '**bold** and [a link](https://example.com)',
      '**bold** and [a link](https://example.com)',
    ],
    ['tags', '<p>One</p><p>Two <em>three</em></p>', 'One\n\nTwo three'],
    ['line breaks', 'a<br>b<BR/>c', 'a\nb\nc'],
    [
      'scripts and styles with their content',
      'a<script>x = "</p>"</script>b<style>p{}</style>c',
      'abc',
    ],
    ['an unclosed script', 'a<script>alert(1)', 'a'],
    ['comments', 'a<!-- <b>hidden</b> -->b', 'ab'],
    ['a > inside a quoted attribute', '<a title="x > y" href="#">link</a>', 'link'],
    ['an unfinished tag at the end', 'text <img src="x', 'text'],
    [
      'character references',
      '&amp; &lt; &gt; &quot; &#39; &#x1F3AC; &hellip; &nbsp;',
      '& < > " \' 🎬 …',
    ],
    ['unknown and prototype names', '&bogus; &constructor; &#0;', '&bogus; &constructor; \ufffd'],
    ['a < that starts no tag', 'a < b, 3<4, x<=y', 'a < b, 3<4, x<=y'],
    [
      'a tag spelled with references',
      '&lt;script&gt;alert(1)&lt;/script&gt;',
      '< script>alert(1)< /script>',
    ],
    ['a tag split by a tag', '<<b>script>alert(1)', '< script>alert(1)'],
    ['a Markdown autolink', 'see <https://example.com/a?b=1>', 'see https://example.com/a?b=1'],
    ['CRLF and runs of blank lines', 'a\r\n\r\n\r\n\r\nb\rc', 'a\n\nb\nc'],
  ])('handles %s', (_, html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('never leaves anything that could start a tag', () => {
    const pieces = fc.constantFrom(
      '<',
      '>',
      '/',
      '!',
      '?',
      'script',
      'b',
      '&lt;',
      '&gt;',
      '&amp;',
      '"',
      "'",
      '-->',
      '<!--',
      ' ',
      '\n',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')),
        ),
        (html) => {
          expect(htmlToText(html)).not.toMatch(/<[A-Za-z!/?]/);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads pathological nesting through to the end without markup left', () => {
    // A quadratic reading of these would stall the import; the test run's own timeout catches it.
    expect(htmlToText(`${'<'.repeat(200_000)}${'>'.repeat(200_000)}`)).not.toMatch(/<[A-Za-z!/?]/);
    expect(htmlToText('<script>'.repeat(50_000))).toBe('');
    expect(htmlToText('<a title="'.repeat(50_000))).not.toMatch(/<[A-Za-z!/?]/);
  });
});

describe('YiNote properties', () => {
  const acceptsOnlyValidNotes = (text: string) => {
    const parsed = parseYiNote(text, now);
    if (parsed.ok) {
      for (const item of parsed.value.notes) expect(v.is(NoteInputSchema, item)).toBe(true);
      for (const video of parsed.value.videos) expect(v.is(VideoInfoSchema, video)).toBe(true);
      for (const item of parsed.value.notes) expect(item.text).not.toMatch(/<[A-Za-z!/?]/);
    } else {
      expect(typeof parsed.error).toBe('string');
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  };

  it('never throws on random text or JSON, and what it accepts is valid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((value) => withData([page([yiNote({ content: value })])])),
          fc.jsonValue().map((value) => withData([page([value])])),
          fc.string().map((content) => withData([page([yiNote({ content })])])),
        ),
        acceptsOnlyValidNotes,
      ),
      { numRuns: 1_000 },
    );
  });

  it('never throws on mutations of a real export, and what it accepts is valid', () => {
    fc.assert(
      fc.property(
        fc.nat(exported.length - 1),
        fc.nat({ max: 8 }),
        fc.string({ maxLength: 8 }),
        (at, removed, insert) => {
          acceptsOnlyValidNotes(exported.slice(0, at) + insert + exported.slice(at + removed));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
