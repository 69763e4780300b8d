import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  CardInputSchema,
  type CardRecord,
  CardRecordSchema,
  cardKinds,
  httpUrl,
  type VideoInfo,
} from '../model/records';
import { DeckFileSchema } from './deck-file';
import { stableId } from './stable-id';
import { cardsToWebVtt, parseSubRip, parseWebVtt } from './webvtt';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const video: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Rocky IV training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
};
const target = { video, deckTitle: 'Rocky IV trivia', now: 1_700_000_000_000 };
const stored = {
  videoKey: video.key,
  deckId: '01890a5d-ac96-774b-bcce-b302099a8200',
  createdAt: 1,
  updatedAt: 1,
  deleted: false,
};
const cards: CardRecord[] = [
  {
    ...stored,
    id: '01890a5d-ac96-774b-bcce-b302099a8202',
    start: 20,
    end: 26,
    title: 'Training Montage',
    text: 'By Vince DiCola',
    kind: 'music',
    link: 'https://en.wikipedia.org/wiki/Vince_DiCola',
  },
  {
    ...stored,
    id: '01890a5d-ac96-774b-bcce-b302099a8201',
    start: 2,
    end: 8.25,
    title: 'Wyoming doubled for the Soviet Union',
    text: '',
    kind: 'place',
  },
  {
    ...stored,
    id: '01890a5d-ac96-774b-bcce-b302099a8203',
    start: 3723.5,
    end: 3730,
    title: '',
    text: 'Drago\'s line: "I must break you"\n\n<not a tag> & --> arrows',
    kind: 'quote',
    link: 'https://www.imdb.com/title/tt0089927/quotes/?item=qt0353395&ref_=tt_trv_qu',
  },
  {
    ...stored,
    id: '01890a5d-ac96-774b-bcce-b302099a8204',
    start: 40,
    end: 45,
    title: 'Gone',
    text: '',
    kind: 'fact',
    deleted: true,
  },
];

/** What a card keeps through WebVTT: times to the millisecond, not its dates. */
const portable = (
  card: Pick<CardRecord, 'id' | 'start' | 'end' | 'title' | 'text' | 'link' | 'kind'>,
) => ({
  id: card.id,
  start: Math.round(card.start * 1000) / 1000,
  end: Math.round(card.end * 1000) / 1000,
  title: card.title,
  text: card.text,
  link: card.link,
  kind: card.kind,
});

const errorOf = (text: string, deckTitle = target.deckTitle) => {
  const parsed = parseWebVtt(text, { ...target, deckTitle });
  return parsed.ok ? undefined : parsed.error;
};

const cue = (timing: string, ...payload: string[]) => [timing, ...payload].join('\n');
const file = (...cues: string[]) => ['WEBVTT', ...cues].join('\n\n');

describe('cardsToWebVtt', () => {
  it('writes the deck as our golden file: live cards in start order, kind as a class', () => {
    expect(cardsToWebVtt(video, { title: 'Rocky IV trivia' }, cards)).toBe(fixture('deck.vtt'));
  });

  it('keeps the header and the NOTE on one line without a cue arrow', () => {
    const text = cardsToWebVtt(
      { ...video, url: 'https://example.com/a-->b\nc' },
      { title: 'Rocky --> Drago\r\nrematch' },
      [],
    );
    expect(text).toBe(
      'WEBVTT - Rocky → Drago rematch\n\nNOTE\nCuecards cards for https://example.com/a→b c\n',
    );
  });

  it('writes a deck without a title as a bare WEBVTT header', () => {
    expect(cardsToWebVtt(video, { title: '  ' }, []).split('\n')[0]).toBe('WEBVTT');
  });
});

describe('parseWebVtt', () => {
  it('reads our golden file back into the same cards, in one deck per title', () => {
    const parsed = parseWebVtt(fixture('deck.vtt'), target);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.cards.map(portable)).toEqual(
      [cards[1]!, cards[0]!, cards[2]!].map(portable),
    );
    expect(parsed.value.deck).toEqual({
      id: stableId(video.key, 'webvtt', 'Rocky IV trivia'),
      title: 'Rocky IV trivia',
      author: '',
      description: '',
      createdAt: target.now,
      updatedAt: target.now,
    });
    expect(parsed.value.video).toEqual(video);
    expect(parsed.value.cards.every((card) => card.createdAt === target.now)).toBe(true);
  });

  it('reads automatic captions from another tool (BOM, CRLF, STYLE, NOTE, settings, karaoke tags)', () => {
    const parsed = parseWebVtt(fixture('youtube-auto-captions.vtt'), target);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(
      parsed.value.cards.map(({ start, end, title, text, kind, link }) => ({
        start,
        end,
        title,
        text,
        kind,
        link,
      })),
    ).toEqual([
      {
        start: 0,
        end: 2.869,
        title: '',
        text: 'welcome back to the',
        kind: 'fact',
        link: undefined,
      },
      {
        start: 2.869,
        end: 2.879,
        title: '',
        text: 'welcome back to the',
        kind: 'fact',
        link: undefined,
      },
      {
        start: 2.879,
        end: 5.51,
        title: '',
        text: "welcome back to the\nchannel today we're training",
        kind: 'fact',
        link: undefined,
      },
      {
        start: 5.51,
        end: 5.52,
        title: '',
        text: "channel today we're training",
        kind: 'fact',
        link: undefined,
      },
      {
        start: 5.52,
        end: 8.15,
        title: '',
        text: "channel today we're training\nto rock & roll",
        kind: 'fact',
        link: undefined,
      },
      { start: 60, end: 63.25, title: '', text: '[Music]', kind: 'fact', link: undefined },
    ]);
  });

  it('gives cues without a UUID the same id on every import, so a second import adds nothing', () => {
    const first = parseWebVtt(fixture('youtube-auto-captions.vtt'), target);
    const again = parseWebVtt(fixture('youtube-auto-captions.vtt'), { ...target, now: 5 });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.cards.map((card) => card.id)).toEqual(
      first.value.cards.map((card) => card.id),
    );
    expect(again.value.deck.id).toBe(first.value.deck.id);
    expect(new Set(first.value.cards.map((card) => card.id)).size).toBe(first.value.cards.length);
  });

  it('reads a hand-written subtitle file: mm:ss times, numeric ids, a bold title, a link line', () => {
    const text = [
      'WEBVTT',
      'REGION\nid:bottom\nwidth:40%',
      cue(
        '1\n00:05.000 --> 00:09.500 region:bottom',
        '<b>Dolph Lundgren</b>',
        '<v Narrator>Was a <i>chemical engineer</i> &amp; a karate champion</v>',
        'https://en.wikipedia.org/wiki/Dolph_Lundgren',
      ),
      cue('2\n00:10.000 --> 00:12.000', '<b></b>'),
      cue('00:13.000 --> 00:14.000', 'https://example.com/only-a-link'),
    ].join('\n\n');
    const parsed = parseWebVtt(text, target);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.cards.map(portable)).toEqual([
      {
        id: parsed.value.cards[0]!.id,
        start: 5,
        end: 9.5,
        title: 'Dolph Lundgren',
        text: 'Narrator: Was a chemical engineer & a karate champion',
        link: 'https://en.wikipedia.org/wiki/Dolph_Lundgren',
        kind: 'fact',
      },
      {
        id: parsed.value.cards[1]!.id,
        start: 13,
        end: 14,
        title: '',
        text: 'https://example.com/only-a-link',
        link: undefined,
        kind: 'fact',
      },
    ]);
  });

  it.each([
    [
      'not WebVTT',
      '1\n00:00:01.000 --> 00:00:02.000\nHi',
      'This is not a WebVTT file: it must start with "WEBVTT".',
    ],
    [
      'a look-alike signature',
      'WEBVTTX\n',
      'This is not a WebVTT file: it must start with "WEBVTT".',
    ],
    [
      'a cue glued to the header',
      'WEBVTT\n00:00:01.000 --> 00:00:02.000\nHi',
      'Line 2: a blank line must separate the header from the first cue.',
    ],
    [
      'a time without two-digit minutes',
      file(cue('00:00:01.000 --> 00:00:02.000', 'a'), cue('0:42.000 --> 0:45.000', 'b')),
      'Cue 2 (line 6): "0:42.000" is not a WebVTT time (hh:mm:ss.ttt or mm:ss.ttt).',
    ],
    [
      'a time without milliseconds',
      file(cue('00:01 --> 00:02', 'a')),
      'Cue 1 (line 3): "00:01" is not a WebVTT time (hh:mm:ss.ttt or mm:ss.ttt).',
    ],
    [
      'a block without a timing line',
      file('intro\nHello there'),
      'Line 4: expected the timing of cue 1, such as "00:00:01.000 --> 00:00:04.000".',
    ],
    [
      'two cues without a blank line between them',
      file(cue('00:01.000 --> 00:02.000', 'a', '00:02.000 --> 00:03.000', 'b')),
      'Line 5: a blank line must come before the timing of the next cue.',
    ],
    [
      'a cue ending before it starts',
      file(
        cue('00:01.000 --> 00:02.000', 'a'),
        cue('00:03.000 --> 00:04.000', 'b'),
        cue('00:42.000 --> 00:41.000', 'c'),
      ),
      'Cue 3 (at 0:42): end must be after the start',
    ],
    [
      'a cue longer than a card may last',
      file(cue('00:10.000 --> 10:10.001', 'a')),
      'Cue 1 (at 0:10): a card lasts at most 10 minutes',
    ],
    [
      'a title too long',
      file(cue('01:00:00.000 --> 01:00:05.000', `<b>${'t'.repeat(201)}</b>`, 'text')),
      'Cue 1 (at 1:00:00): the title is longer than 200 characters',
    ],
    [
      'a text too long',
      file(cue('00:01.000 --> 00:02.000', 'x'.repeat(2_001))),
      'Cue 1 (at 0:01): the text is longer than 2000 characters',
    ],
    [
      'a link that is not http(s) in one of our cues',
      file(cue('00:02.000 --> 00:03.000', '<c.fact>a</c>', '<c.link>javascript:alert(1)</c>')),
      'Cue 1 (at 0:02): link: must be an http(s) URL',
    ],
    [
      'a repeated card id',
      file(
        cue('01890a5d-ac96-774b-bcce-b302099a8201\n00:01.000 --> 00:02.000', 'a'),
        cue('01890a5d-ac96-774b-bcce-b302099a8201\n00:03.000 --> 00:04.000', 'b'),
      ),
      'Cue 2 (at 0:03): repeats the id of cue 1',
    ],
    [
      'no cue with text',
      file('NOTE nothing here', cue('00:01.000 --> 00:02.000', ' ')),
      'This WebVTT file has no cues with text.',
    ],
    [
      'more than 2000 cues',
      file(...Array.from({ length: 2_001 }, (_, i) => cue(`00:00.000 --> 00:01.000`, `cue ${i}`))),
      'The file has more than 2000 cues.',
    ],
    ['a file over 2 MB', `WEBVTT\n\n${' '.repeat(2_000_000)}`, 'The file is over 2 MB.'],
  ])('rejects %s and says why', (_, text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it('rejects a deck without a title', () => {
    expect(errorOf(fixture('deck.vtt'), '')).toBe(
      'This WebVTT file is not a valid deck: deck.title: is empty',
    );
  });

  it('keeps the speaker of a voice span, as players that show speakers do', () => {
    const parsed = parseWebVtt(
      file(
        cue('00:01.000 --> 00:04.000', '<v Rocky>If he dies, he dies.</v>'),
        cue('00:05.000 --> 00:08.000', '<v.loud Drago>I must break you.', '<v Duke>Hit him!</v>'),
        cue('00:09.000 --> 00:10.000', '<v>Nobody speaks</v>'),
      ),
      target,
    );
    expect(parsed.ok && parsed.value.cards.map((card) => card.text)).toEqual([
      'Rocky: If he dies, he dies.',
      'Drago: I must break you.\nDuke: Hit him!',
      'Nobody speaks',
    ]);
  });

  it('gives a cue the id it had before speakers were kept, so an earlier import is not doubled', () => {
    const text = file(cue('00:01.000 --> 00:04.000', '<v Rocky>If he dies, he dies.</v>'));
    const parsed = parseWebVtt(text, target);
    expect(parsed.ok && parsed.value.cards[0]!.id).toBe(
      stableId(video.key, '1', '4', 'If he dies, he dies.'),
    );
  });

  it('keeps one of two identical cues: they are the same card', () => {
    const parsed = parseWebVtt(
      file(cue('00:01.000 --> 00:02.000', 'same'), cue('00:01.000 --> 00:02.000', 'same')),
      target,
    );
    expect(parsed.ok && parsed.value.cards.length).toBe(1);
  });

  it('leaves Object.prototype alone whatever the cue text says', () => {
    const parsed = parseWebVtt(
      file(
        cue(
          '__proto__\n00:01.000 --> 00:02.000',
          '{"__proto__": {"polluted": 1}}',
          '&constructor; &__proto__;',
        ),
      ),
      target,
    );
    expect(parsed.ok && parsed.value.cards[0]!.text).toBe(
      '{"__proto__": {"polluted": 1}}\n&constructor; &__proto__;',
    );
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

// Pieces that stress escaping and the reader's rules, mixed with arbitrary text.
const tricky = fc.constantFrom(
  '\n',
  '\n\n',
  '\r',
  '\r\n',
  ' ',
  '\t',
  '&',
  '&amp;',
  '<',
  '>',
  '-->',
  '<b>',
  '</b>',
  '<c.fact>',
  '</c>',
  '<c.link>',
  '&#10;',
  'NOTE',
  'WEBVTT',
  '00:00:01.000 --> 00:00:02.000',
  'https://x.org/a?b=1&c=2',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\0',
  'é',
  '🎬',
);
const cardText = (maxLength: number) =>
  fc
    .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 12 })), { maxLength: 12 })
    .map((pieces) => pieces.join('').slice(0, maxLength));
const cardArbitrary = fc
  .record({
    id: fc.uuid(),
    startMs: fc.integer({ min: 0, max: 9_999_000_000 }),
    durationMs: fc.integer({ min: 1, max: 600_000 }),
    title: fc.oneof(fc.constant(''), cardText(200)),
    text: fc.oneof(fc.constant(''), cardText(2_000)),
    link: fc.option(fc.webUrl({ withQueryParameters: true, withFragments: true }), {
      nil: undefined,
    }),
    kind: fc.constantFrom(...cardKinds),
    deleted: fc.boolean(),
  })
  .map(({ startMs, durationMs, link, ...card }): CardRecord => {
    const record: CardRecord = {
      ...stored,
      ...card,
      start: startMs / 1000,
      end: (startMs + durationMs) / 1000,
    };
    if (link !== undefined && v.is(httpUrl, link)) record.link = link;
    return record;
  })
  .filter(({ deckId: _deck, deleted: _deleted, ...input }) => v.is(CardInputSchema, input))
  .filter((card) => v.is(CardRecordSchema, card));

describe('parseSubRip', () => {
  // As subtitle tools write it: CRLF, comma decimals, formatting tags and an ASS position tag.
  const subRip = [
    '1',
    '00:00:03,000 --> 00:00:09,000',
    'Rocky chops wood',
    'in the <i>snow</i>',
    '',
    '2',
    '00:00:12,500 --> 00:00:18,000 X1:100 X2:600 Y1:50 Y2:90',
    "{\\an8}<b>Drago's lab</b>",
    '<font color="#ff0000">Drago</font> runs & runs',
    'https://en.wikipedia.org/wiki/Rocky_IV',
    '',
    '3',
    '1:02:03,4 --> 1:02:05,40',
    'Hour-long & short millis',
    '',
  ].join('\r\n');

  it('reads every cue as a card, as players and subtitle tools do', () => {
    const parsed = parseSubRip(subRip, target);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.cards.map(portable)).toEqual([
      {
        id: parsed.value.cards[0]!.id,
        start: 3,
        end: 9,
        title: '',
        text: 'Rocky chops wood\nin the snow',
        link: undefined,
        kind: 'fact',
      },
      {
        id: parsed.value.cards[1]!.id,
        start: 12.5,
        end: 18,
        title: "Drago's lab",
        text: 'Drago runs & runs',
        link: 'https://en.wikipedia.org/wiki/Rocky_IV',
        kind: 'fact',
      },
      {
        id: parsed.value.cards[2]!.id,
        start: 3723.4,
        end: 3725.4,
        title: '',
        text: 'Hour-long & short millis',
        link: undefined,
        kind: 'fact',
      },
    ]);
    expect(v.is(DeckFileSchema, parsed.value)).toBe(true);
  });

  it('gives the cues the same ids on every import', () => {
    const first = parseSubRip(subRip, target);
    const again = parseSubRip(subRip, { ...target, now: 5 });
    expect(first.ok && again.ok && again.value.cards.map((card) => card.id)).toEqual(
      first.ok && first.value.cards.map((card) => card.id),
    );
  });

  it.each([
    [
      'a bad time',
      '1\n00:00:63,000 --> 00:01:09,000\nText',
      'Cue 1 (line 2): "00:00:63,000" is not a SubRip time (hh:mm:ss,ttt).',
    ],
    [
      'no timing',
      '1\nJust words',
      'Line 2: expected the timing of cue 1, such as "00:00:01,000 --> 00:00:04,000".',
    ],
    ['no text', '1\n00:00:03,000 --> 00:00:09,000', 'This SubRip file has no cues with text.'],
  ])('rejects %s and says why', (_, text, error) => {
    const parsed = parseSubRip(text, target);
    expect(parsed.ok ? undefined : parsed.error).toBe(error);
  });

  it('never throws on random text, and what it accepts is a valid deck', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'1:0,5 ->\n<b>{\\}ai&'.split('')) }),
        (text) => {
          const parsed = parseSubRip(text, target);
          if (parsed.ok) expect(v.is(DeckFileSchema, parsed.value)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('WebVTT properties', () => {
  it('round-trips any live cards: ids, times to the millisecond, title, text, link, kind', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(cardArbitrary, { selector: (card) => card.id, maxLength: 8 }),
        (deckCards) => {
          const live = deckCards
            .filter((card) => !card.deleted)
            .sort((a, b) => a.start - b.start || a.end - b.end);
          const parsed = parseWebVtt(cardsToWebVtt(video, { title: 'Deck' }, deckCards), {
            ...target,
            deckTitle: 'Deck',
          });
          if (live.length === 0) {
            expect(parsed).toEqual({ ok: false, error: 'This WebVTT file has no cues with text.' });
          } else {
            expect(parsed.ok && parsed.value.cards.map(portable)).toEqual(live.map(portable));
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  const acceptsOnlyValidDecks = (text: string) => {
    const parsed = parseWebVtt(text, target);
    if (parsed.ok) expect(v.is(DeckFileSchema, parsed.value)).toBe(true);
    else expect(typeof parsed.error).toBe('string');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  };

  it('never throws on random text, and what it accepts is a valid deck', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc
            .array(fc.oneof(tricky, fc.string()), { maxLength: 30 })
            .map((pieces) => `WEBVTT\n\n${pieces.join('')}`),
        ),
        acceptsOnlyValidDecks,
      ),
      { numRuns: 1_000 },
    );
  });

  it('never throws on mutations of valid files, and what it accepts is a valid deck', () => {
    const valid = [fixture('deck.vtt'), fixture('youtube-auto-captions.vtt')];
    fc.assert(
      fc.property(
        fc.constantFrom(...valid),
        fc.nat(),
        fc.nat({ max: 6 }),
        fc.oneof(tricky, fc.string({ maxLength: 6 })),
        (text, at, removed, insert) => {
          const from = at % text.length;
          acceptsOnlyValidDecks(text.slice(0, from) + insert + text.slice(from + removed));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
