import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardKinds } from '../model/records';
import {
  type CardImageCard,
  cardImageContent,
  cardImageFonts,
  drawCardImage,
  layoutCardImage,
  type MeasureText,
  wrapText,
} from './card-image';

/** Every character 10 px wide, whatever the font: easy to reason about. */
const tenPerChar: MeasureText = (text) => [...text].length * 10;
const font = cardImageFonts.text.font;

const card: CardImageCard = {
  title: 'Wyoming doubled for the Soviet Union',
  text: 'The farm scenes were shot near Jackson Hole.',
  kind: 'place',
  start: 83,
  end: 91,
  source: 'https://en.wikipedia.org/wiki/Rocky_IV',
};
const video = { title: 'Rocky IV training montage', url: 'https://www.youtube.com/watch?v=x' };

const lineHeights = new Map<string, number>(
  Object.values(cardImageFonts).map((f) => [f.font, f.lineHeight]),
);

describe('wrapText', () => {
  it('fills each line with whole words', () => {
    expect(wrapText('aaa bbb ccc ddd', font, 70, 5, tenPerChar)).toEqual(['aaa bbb', 'ccc ddd']);
  });

  it('keeps the writer’s line breaks and drops blank lines', () => {
    expect(wrapText('one\n\ntwo three', font, 200, 5, tenPerChar)).toEqual(['one', 'two three']);
  });

  it('breaks a word too long for a line between characters', () => {
    expect(wrapText('ab abcdefghij', font, 40, 5, tenPerChar)).toEqual([
      'ab',
      'abcd',
      'efgh',
      'ij',
    ]);
  });

  it('never splits an emoji made of several code points', () => {
    const family = '👨‍👩‍👧';
    const perGrapheme: MeasureText = (text) => [...new Intl.Segmenter().segment(text)].length * 10;
    expect(wrapText(family.repeat(3), font, 20, 5, perGrapheme)).toEqual([
      family.repeat(2),
      family,
    ]);
  });

  it('ends the last line with an ellipsis when the text goes on', () => {
    expect(wrapText('aaa bbb ccc ddd eee', font, 70, 2, tenPerChar)).toEqual([
      'aaa bbb',
      'ccc dd…',
    ]);
  });

  it('adds the ellipsis even when the last line is short but more text follows', () => {
    expect(wrapText('one\ntwo\nthree', font, 200, 2, tenPerChar)).toEqual(['one', 'two…']);
  });

  it('gives nothing when no line fits', () => {
    expect(wrapText('text', font, 200, 0, tenPerChar)).toEqual([]);
  });

  it('never returns a line wider than allowed, nor more lines', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀'), maxLength: 300 }),
        fc.integer({ min: 10, max: 300 }),
        fc.integer({ min: 1, max: 8 }),
        (text, maxWidth, maxLines) => {
          const lines = wrapText(text, font, maxWidth, maxLines, tenPerChar);
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const line of lines) expect(tenPerChar(line, font)).toBeLessThanOrEqual(maxWidth);
        },
      ),
    );
  });
});

describe('layoutCardImage', () => {
  it('places kind, time range, title, text, video title and source host', () => {
    const layout = layoutCardImage(card, video, tenPerChar);
    const { left, right, top } = cardImageContent;
    expect(layout).toMatchObject({ width: 1200, height: 630 });
    expect(layout.texts.map(({ text, x, y }) => ({ text, x, y }))).toEqual([
      { text: 'PLACE', x: left, y: top },
      { text: '1:23–1:31', x: right - 90, y: top },
      { text: 'en.wikipedia.org', x: right - 160, y: expect.any(Number) },
      { text: 'Rocky IV training montage', x: left, y: expect.any(Number) },
      { text: 'Wyoming doubled for the Soviet Union', x: left, y: top + 32 + 28 },
      { text: 'The farm scenes were shot near Jackson Hole.', x: left, y: top + 60 + 62 + 20 },
    ]);
  });

  it('falls back to the link’s host, then the video’s', () => {
    const hosts = (change: Partial<CardImageCard>) =>
      layoutCardImage({ ...card, ...change }, video, tenPerChar).texts[2]!.text;
    expect(hosts({ source: undefined, link: 'https://www.imdb.com/title/tt0089927/' })).toBe(
      'imdb.com',
    );
    expect(hosts({ source: undefined })).toBe('youtube.com');
  });

  it('cuts a long text with an ellipsis above the foot', () => {
    const layout = layoutCardImage({ ...card, text: 'word '.repeat(2_000) }, video, tenPerChar);
    const body = layout.texts.filter((item) => item.font === cardImageFonts.text.font);
    expect(body.length).toBeGreaterThan(3);
    expect(body.at(-1)!.text.endsWith('…')).toBe(true);
  });

  it('gives a card without text more room for its title', () => {
    const long = 'title '.repeat(200);
    const titleLines = (text: string) =>
      layoutCardImage({ ...card, title: long, text }, video, tenPerChar).texts.filter(
        (item) => item.font === cardImageFonts.title.font,
      ).length;
    expect(titleLines('some text')).toBe(3);
    expect(titleLines('')).toBeGreaterThan(3);
  });

  it('draws markup and control characters as the plain text they are', () => {
    const layout = layoutCardImage(
      { ...card, title: '<b>bold</b>\u0007', text: '[x](javascript:alert(1))' },
      video,
      tenPerChar,
    );
    const texts = layout.texts.map((item) => item.text);
    expect(texts).toContain('<b>bold</b>');
    expect(texts).toContain('[x](javascript:alert(1))');
  });

  it('keeps every text inside the panel, whatever the card', () => {
    const anyText = (maxLength: number) =>
      fc.string({ unit: fc.constantFrom('a', 'W', ' ', '\n', '-', '😀', 'ﷺ'), maxLength });
    fc.assert(
      fc.property(
        fc.record({
          title: anyText(200),
          text: anyText(2_000),
          kind: fc.constantFrom(...cardKinds),
          start: fc.double({ min: 0, max: 1e7, noNaN: true }),
          end: fc.double({ min: 0, max: 1e7, noNaN: true }),
          source: fc.option(fc.webUrl({ size: 'large' }), { nil: undefined }),
        }),
        anyText(500),
        (item, videoTitle) => {
          const { left, right, top, bottom } = cardImageContent;
          const layout = layoutCardImage(item, { title: videoTitle, url: video.url }, tenPerChar);
          for (const text of layout.texts) {
            expect(text.x).toBeGreaterThanOrEqual(left);
            expect(text.x + tenPerChar(text.text, text.font)).toBeLessThanOrEqual(right);
            expect(text.y).toBeGreaterThanOrEqual(top);
            expect(text.y + lineHeights.get(text.font)!).toBeLessThanOrEqual(bottom);
          }
          // Lines of the body never overlap each other or the foot.
          const ys = layout.texts.filter((text) => text.x === left).map((text) => text.y);
          expect(new Set(ys).size).toBe(ys.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('drawCardImage', () => {
  it('paints the background, the panel and each text, then makes a PNG', async () => {
    const calls: string[] = [];
    const context = new Proxy(
      {},
      {
        get:
          (_, name: string) =>
          (...args: unknown[]) =>
            calls.push(`${name}(${args.join(', ')})`),
        set: (_, name: string, value) => {
          calls.push(`${name} = ${value}`);
          return true;
        },
      },
    );
    const png = new Blob([], { type: 'image/png' });
    const canvas = {
      width: 0,
      height: 0,
      getContext: () => context,
      convertToBlob: async (options: unknown) => {
        calls.push(`convertToBlob(${JSON.stringify(options)})`);
        return png;
      },
    } as unknown as OffscreenCanvas;
    const layout = layoutCardImage(card, video, tenPerChar);

    expect(await drawCardImage(layout, canvas)).toBe(png);
    expect(canvas.width).toBe(1200);
    expect(canvas.height).toBe(630);
    expect(calls.slice(0, 7)).toEqual([
      'fillStyle = #101418',
      'fillRect(0, 0, 1200, 630)',
      'fillStyle = #1c232b',
      'beginPath()',
      'roundRect(40, 40, 1120, 550, 28)',
      'fill()',
      'textBaseline = top',
    ]);
    expect(calls.filter((call) => call.startsWith('fillText('))).toHaveLength(layout.texts.length);
    expect(calls.at(-1)).toBe('convertToBlob({"type":"image/png"})');
  });
});
