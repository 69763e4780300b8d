import * as commonmark from 'commonmark';
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { useFakeLocale } from '../../tools/fake-i18n';
import {
  CardInputSchema,
  type CardRecord,
  cardKinds,
  type DeckRecord,
  httpUrl,
  NoteInputSchema,
  type NoteRecord,
  type VideoAnnotations,
  type VideoInfo,
} from '../model/records';
import type { ImportBatch } from './batch';
import { type DeckFile, DeckFileSchema } from './deck-file';
import { stableId } from './stable-id';
import { mediaTime, parseWebAnnotations, toWebAnnotations } from './web-annotation';

const now = 1_700_000_000_000;
const rocky: VideoInfo = {
  key: 'yt:dQw4w9WgXcQ',
  provider: 'youtube',
  title: 'Rocky IV training montage',
  url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  duration: 212,
};
// A page with two videos: its key carries a hash of the media source.
const blog: VideoInfo = {
  key: 'url:https://example.com/blog/rocky.html#0badf00d',
  provider: 'web',
  title: '',
  url: 'https://example.com/blog/rocky.html',
};
const deck: DeckRecord = {
  id: '01890a5d-ac96-774b-bcce-b302099a8200',
  videoKey: rocky.key,
  title: 'Rocky IV trivia',
  author: 'High Eighties',
  description: 'Shot in Wyoming, set in the USSR.',
  origin: { kind: 'own' },
  enabled: true,
  createdAt: 1_600_000_000_000,
  updatedAt: 1_600_000_000_500,
  deleted: false,
};
const note: NoteRecord = {
  id: '01890a5d-ac96-774b-bcce-b302099a8101',
  videoKey: rocky.key,
  t: 83.25,
  text: 'The **sled** scene #training',
  tags: ['training'],
  createdAt: 1_600_000_001_000,
  updatedAt: 1_600_000_002_000,
  deleted: false,
};
const card: CardRecord = {
  id: '01890a5d-ac96-774b-bcce-b302099a8202',
  deckId: deck.id,
  videoKey: rocky.key,
  start: 20,
  end: 26.5,
  title: 'Training Montage',
  text: 'By Vince DiCola',
  link: 'https://en.wikipedia.org/wiki/Vince_DiCola',
  kind: 'music',
  source: 'https://www.imdb.com/title/tt0089927/trivia/',
  createdAt: 1_600_000_003_000,
  updatedAt: 1_600_000_004_000,
  deleted: false,
};
const blogNote: NoteRecord = {
  ...note,
  id: '01890a5d-ac96-774b-bcce-b302099a8102',
  videoKey: blog.key,
  t: 0,
  text: 'Second video on the page',
  tags: [],
};
const items: VideoAnnotations<VideoInfo>[] = [
  {
    video: rocky,
    notes: [note, { ...note, id: '01890a5d-ac96-774b-bcce-b302099a8103', deleted: true }],
    cards: [card, { ...card, id: '01890a5d-ac96-774b-bcce-b302099a8203', deleted: true }],
    decks: [deck],
  },
  { video: blog, notes: [blogNote], cards: [], decks: [] },
];
const exported = toWebAnnotations(items);

const withoutDuration = ({ duration: _duration, ...video }: VideoInfo) => video;
const noteInput = ({ tags: _tags, deleted: _deleted, ...input }: NoteRecord) => input;
const deckFileCard = ({ deckId: _d, videoKey: _v, deleted: _x, ...fields }: CardRecord) => fields;

const expectedBatch: ImportBatch = {
  videos: [withoutDuration(rocky), blog],
  notes: [noteInput(note), noteInput(blogNote)],
  decks: [
    {
      format: 'cuecards-deck',
      version: 1,
      video: withoutDuration(rocky),
      deck: {
        id: deck.id,
        title: deck.title,
        author: deck.author,
        description: deck.description,
        createdAt: deck.createdAt,
        updatedAt: deck.updatedAt,
      },
      cards: [deckFileCard(card)],
    },
  ],
};

const annotation = (overrides: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'Annotation',
  motivation: 'commenting',
  body: { type: 'TextualBody', value: 'A note', format: 'text/plain' },
  target: {
    source: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    selector: {
      type: 'FragmentSelector',
      conformsTo: 'http://www.w3.org/TR/media-frags/',
      value: 't=83',
    },
  },
  ...overrides,
});
const errorOf = (input: unknown) => {
  const parsed = parseWebAnnotations(
    typeof input === 'string' ? input : JSON.stringify(input),
    now,
  );
  return parsed.ok ? undefined : parsed.error;
};

describe('toWebAnnotations', () => {
  const collection = JSON.parse(exported);

  it('writes one AnnotationCollection whose first page holds every live note and card', () => {
    expect(collection).toMatchObject({
      '@context': [
        'http://www.w3.org/ns/anno.jsonld',
        { description: 'http://purl.org/dc/terms/description' },
      ],
      type: 'AnnotationCollection',
      total: 3,
      first: { type: 'AnnotationPage', startIndex: 0 },
    });
    expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(collection.first.items.map((item: { id: string }) => item.id)).toEqual([
      `urn:uuid:${note.id}`,
      `urn:uuid:${card.id}`,
      `urn:uuid:${blogNote.id}`,
    ]);
  });

  it('writes a note as a commenting annotation on a time of the video', () => {
    expect(collection.first.items[0]).toEqual({
      id: `urn:uuid:${note.id}`,
      type: 'Annotation',
      motivation: 'commenting',
      created: '2020-09-13T12:26:41.000Z',
      modified: '2020-09-13T12:26:42.000Z',
      body: { type: 'TextualBody', value: note.text, format: 'text/plain' },
      target: {
        type: 'SpecificResource',
        source: { id: rocky.url, type: 'Video', label: rocky.title },
        selector: {
          type: 'FragmentSelector',
          conformsTo: 'http://www.w3.org/TR/media-frags/',
          value: 't=83.25',
        },
      },
    });
  });

  it('writes a card as a describing annotation, a body per field, its deck as partOf', () => {
    expect(collection.first.items[1]).toEqual({
      id: `urn:uuid:${card.id}`,
      type: 'Annotation',
      motivation: 'describing',
      created: '2020-09-13T12:26:43.000Z',
      modified: '2020-09-13T12:26:44.000Z',
      via: card.source,
      partOf: {
        id: `urn:uuid:${deck.id}`,
        type: 'AnnotationCollection',
        label: deck.title,
        creator: { type: 'Person', name: deck.author },
        description: deck.description,
        created: '2020-09-13T12:26:40.000Z',
        modified: '2020-09-13T12:26:40.500Z',
      },
      body: [
        { type: 'TextualBody', purpose: 'identifying', value: card.title, format: 'text/plain' },
        { type: 'TextualBody', purpose: 'describing', value: card.text, format: 'text/plain' },
        { type: 'TextualBody', purpose: 'classifying', value: 'music' },
        { id: card.link, type: 'Text', purpose: 'linking' },
      ],
      target: {
        type: 'SpecificResource',
        source: { id: rocky.url, type: 'Video', label: rocky.title },
        selector: {
          type: 'FragmentSelector',
          conformsTo: 'http://www.w3.org/TR/media-frags/',
          value: 't=20,26.5',
        },
      },
    });
  });

  it("gives a hashed web video's key as the source's canonical IRI", () => {
    expect(collection.first.items[2].target.source).toEqual({
      id: blog.url,
      type: 'Video',
      canonical: blog.key,
    });
  });

  it('writes the same file for the same data', () => {
    expect(toWebAnnotations(items)).toBe(exported);
  });
});

describe('parseWebAnnotations', () => {
  it('reads back what toWebAnnotations wrote: notes, cards in their deck, videos', () => {
    expect(parseWebAnnotations(exported, now)).toEqual({ ok: true, value: expectedBatch });
  });

  it('reads an AnnotationPage, one Annotation, or a list of annotations', () => {
    const items = JSON.parse(exported).first.items;
    const page = { type: 'AnnotationPage', items };
    expect(parseWebAnnotations(JSON.stringify(page), now)).toEqual({
      ok: true,
      value: expectedBatch,
    });
    expect(parseWebAnnotations(JSON.stringify(items), now)).toEqual({
      ok: true,
      value: expectedBatch,
    });
    const single = parseWebAnnotations(JSON.stringify(items[0]), now);
    expect(single.ok && single.value.notes).toEqual([noteInput(note)]);
  });

  it('reads an annotation from another tool: extra keys, lists, oa: terms, npt times, an IRI body', () => {
    const foreign = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://annotations.example.org/a/Jz3k9Q',
      type: 'Annotation',
      motivation: 'oa:commenting',
      created: '2024-02-01T10:00:00.123456+01:00',
      creator: { id: 'acct:viewer@example.org', type: 'Person', nickname: 'viewer' },
      generator: { id: 'https://annotations.example.org/', type: 'Software' },
      group: '__world__',
      permissions: { read: ['group:__world__'] },
      body: [
        { type: 'TextualBody', value: 'Watch the **left** corner', format: 'text/markdown' },
        { type: 'TextualBody', purpose: 'tagging', value: 'boxing' },
        'https://example.org/related-page',
      ],
      target: [
        {
          source: 'https://vimeo.com/76979871',
          selector: [
            { type: 'CssSelector', value: 'video#player' },
            { type: 'SvgSelector', value: `<svg><path d="${'M0 0 '.repeat(2_000)}"/></svg>` },
            {
              type: 'FragmentSelector',
              conformsTo: 'http://www.w3.org/TR/media-frags/',
              value: 't=npt:00:01:23.5,00:01:30',
            },
          ],
        },
        'https://example.org/another-target',
      ],
    };
    expect(parseWebAnnotations(JSON.stringify(foreign), now)).toEqual({
      ok: true,
      value: {
        videos: [
          {
            key: 'vimeo:76979871',
            provider: 'vimeo',
            title: '',
            url: 'https://vimeo.com/76979871',
          },
        ],
        notes: [
          {
            id: stableId('web-annotation', foreign.id),
            videoKey: 'vimeo:76979871',
            t: 83.5,
            text: 'Watch the **left** corner',
            createdAt: Date.parse('2024-02-01T09:00:00.123Z'),
            updatedAt: Date.parse('2024-02-01T09:00:00.123Z'),
          },
        ],
        decks: [],
      },
    });
  });

  it("puts cards without a deck into the video's deck of imported annotations", () => {
    const parsed = parseWebAnnotations(
      JSON.stringify(
        annotation({
          motivation: 'describing',
          body: [{ type: 'TextualBody', value: 'Filmed in Wyoming' }],
          target: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=2,8',
        }),
      ),
      now,
    );
    expect(parsed.ok && parsed.value.decks).toEqual([
      {
        format: 'cuecards-deck',
        version: 1,
        video: { key: 'yt:dQw4w9WgXcQ', provider: 'youtube', title: '', url: rocky.url },
        deck: {
          id: stableId('yt:dQw4w9WgXcQ', 'web-annotation', 'Imported annotations'),
          title: 'Imported annotations',
          author: '',
          description: '',
          createdAt: now,
          updatedAt: now,
        },
        cards: [
          {
            id: stableId('yt:dQw4w9WgXcQ', '2', '8', '', 'Filmed in Wyoming'),
            start: 2,
            end: 8,
            title: '',
            text: 'Filmed in Wyoming',
            kind: 'fact',
            createdAt: now,
            updatedAt: now,
          },
        ],
      },
    ]);
  });

  it.each([
    [
      'not JSON',
      '{',
      'This Web Annotations file is damaged: it stops being valid JSON at line 1, column 2, where it ends too early (is it cut short?).',
    ],
    [
      'JSON of another kind',
      { format: 'cuecards-deck' },
      'This is not a Web Annotation file: expected an Annotation, an AnnotationPage, an AnnotationCollection or a list of annotations.',
    ],
    ['an empty list', [], 'This file has no annotations.'],
    [
      'a collection that links to its pages',
      { type: 'AnnotationCollection', first: 'https://example.org/page1' },
      'first: the collection must hold its annotations, not link to them.',
    ],
    [
      'a page that continues elsewhere',
      { type: 'AnnotationPage', items: [annotation()], next: 'https://example.org/page2' },
      'This collection continues on other pages; export it as one page.',
    ],
    [
      'something that is not an annotation',
      [annotation(), { type: 'Note' }],
      'These Web Annotations are not valid: annotation 2: type: must be "Annotation"',
    ],
    [
      'a javascript: source',
      [
        annotation({
          target: { source: 'javascript:alert(1)', selector: annotation().target.selector },
        }),
      ],
      'These Web Annotations are not valid: annotation 1: target.source: must be an http(s) URL',
    ],
    [
      'a YouTube page that is not one video',
      [
        annotation({
          target: {
            source: 'https://www.youtube.com/@channel',
            selector: annotation().target.selector,
          },
        }),
      ],
      'These Web Annotations are not valid: annotation 1: target.source: is not the address of one video',
    ],
    [
      'a target without a time',
      [annotation({ target: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' })],
      'These Web Annotations are not valid: annotation 1: target.selector: needs a media fragment such as t=83 (a FragmentSelector conforming to http://www.w3.org/TR/media-frags/)',
    ],
    [
      'a time that is not npt',
      [annotation({ target: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=smpte-30:0:02:00' })],
      'These Web Annotations are not valid: annotation 1: target.selector.value: "t=smpte-30:0:02:00" is not a media time such as t=83 or t=83,91',
    ],
    [
      'a card without an end',
      [annotation({ motivation: 'describing' })],
      'These Web Annotations are not valid: annotation 1: target.selector: a card needs a time range, t=start,end',
    ],
    [
      'a card ending before it starts',
      [
        annotation({
          motivation: 'describing',
          target: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=9,8',
        }),
      ],
      'These Web Annotations are not valid: annotation 1: end: must be after the start',
    ],
    [
      'a card title too long',
      [
        annotation(),
        annotation({
          motivation: 'describing',
          body: { type: 'TextualBody', purpose: 'identifying', value: 't'.repeat(201) },
          target: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=1,2',
        }),
      ],
      'These Web Annotations are not valid: annotation 2: title: is longer than 200 characters',
    ],
    [
      'a note text too long',
      [annotation({ body: { type: 'TextualBody', value: 'x'.repeat(20_001) } })],
      'These Web Annotations are not valid: annotation 1: body 1, value: is longer than 20000 characters',
    ],
    [
      'a note without text',
      [annotation({ body: [] })],
      'These Web Annotations are not valid: annotation 1: text: is empty',
    ],
    [
      'an HTML body',
      [annotation({ body: { type: 'TextualBody', value: '<p>x</p>', format: 'text/html' } })],
      'These Web Annotations are not valid: annotation 1: body 1, format: Cuecards reads text/plain and text/markdown, not text/html',
    ],
    [
      'a highlight',
      [annotation({ motivation: 'highlighting' })],
      'These Web Annotations are not valid: annotation 1: motivation: Cuecards reads commenting (notes) and describing (cards)',
    ],
    [
      'a date without a time zone',
      [annotation({ created: '2024-02-01T10:00:00' })],
      'These Web Annotations are not valid: annotation 1: created: must be a date and time with a time zone',
    ],
    [
      'a date before 1970',
      [annotation({ modified: '1969-12-31T23:59:59Z' })],
      'These Web Annotations are not valid: annotation 1: modified: must be a date after 1970',
    ],
    [
      'a repeated id',
      [
        annotation({ id: 'urn:uuid:01890a5d-ac96-774b-bcce-b302099a8101' }),
        annotation({ id: 'urn:uuid:01890a5d-ac96-774b-bcce-b302099a8101' }),
      ],
      'These Web Annotations are not valid: annotation 2: repeats the id of annotation 1',
    ],
    [
      'one deck on two videos',
      [
        annotation({
          motivation: 'describing',
          partOf: `urn:uuid:${deck.id}`,
          target: `${rocky.url}#t=1,2`,
        }),
        annotation({
          motivation: 'describing',
          partOf: `urn:uuid:${deck.id}`,
          target: 'https://vimeo.com/1#t=1,2',
        }),
      ],
      `These Web Annotations are not valid: annotation 2: partOf: deck ${deck.id} belongs to another video`,
    ],
    [
      'a deck title too long',
      [
        annotation({
          motivation: 'describing',
          partOf: { id: 'urn:x', label: 'd'.repeat(201) },
          target: `${rocky.url}#t=1,2`,
        }),
      ],
      expect.stringMatching(/^These Web Annotations are not valid: annotation 1: partOf\.label: /),
    ],
    ['a file over 20 MB', `[${' '.repeat(20_000_000)}]`, 'The file is over 20 MB.'],
  ])('rejects %s and says why', (_, input, error) => {
    expect(errorOf(input)).toEqual(error);
  });

  it('drops __proto__ keys without touching Object.prototype', () => {
    const poisoned = exported.replace(
      '"type": "Annotation",',
      '"__proto__": { "polluted": 1 }, "constructor": { "prototype": { "polluted": 1 } }, "type": "Annotation",',
    );
    expect(parseWebAnnotations(poisoned, now)).toEqual({ ok: true, value: expectedBatch });
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('never takes a link that is not http(s)', () => {
    const parsed = parseWebAnnotations(
      JSON.stringify(
        annotation({
          motivation: 'describing',
          body: [
            { type: 'TextualBody', value: 'x' },
            { id: 'javascript:alert(1)', purpose: 'linking' },
          ],
          via: 'data:text/html,x',
          target: `${rocky.url}#t=1,2`,
        }),
      ),
      now,
    );
    const taken = parsed.ok ? parsed.value.decks[0]?.cards[0] : undefined;
    expect(taken?.text).toBe('x');
    expect(taken).not.toHaveProperty('link');
    expect(taken).not.toHaveProperty('source');
  });
});

describe('Web Annotation messages', () => {
  it('says what is wrong in the UI language, naming the annotation', () => {
    const annotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      body: { type: 'TextualBody', value: 'x' },
      target: { source: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
    };
    const text = JSON.stringify([annotation]);
    expect(parseWebAnnotations(text, 1)).toEqual({
      ok: false,
      error:
        'These Web Annotations are not valid: annotation 1: target.selector: needs a media fragment such as t=83 (a FragmentSelector conforming to http://www.w3.org/TR/media-frags/)',
    });
    useFakeLocale('pt_BR');
    try {
      expect(parseWebAnnotations(text, 1)).toEqual({
        ok: false,
        error:
          'Estas Web Annotations não são válidas: anotação 1: target.selector: precisa de um fragmento de mídia como t=83 (um FragmentSelector conforme http://www.w3.org/TR/media-frags/)',
      });
      expect(parseWebAnnotations('[]', 1)).toEqual({
        ok: false,
        error: 'Este arquivo não tem anotações.',
      });
    } finally {
      useFakeLocale('en');
    }
  });
});

describe('mediaTime', () => {
  it.each([
    ['t=83', { start: 83 }],
    ['t=83,91.5', { start: 83, end: 91.5 }],
    ['t=,91', { start: 0, end: 91 }],
    ['t=npt:10', { start: 10 }],
    ['t=npt%3A10,20', { start: 10, end: 20 }],
    ['t=1:02:03.25', { start: 3723.25 }],
    ['t=02:03,02:04', { start: 123, end: 124 }],
    ['t=00:01:23.123', { start: 83.123 }],
    ['t=5.', { start: 5 }],
    ['xywh=0,0,10,10&t=5,6', { start: 5, end: 6 }],
  ])('reads %s', (fragment, time) => {
    expect(mediaTime(fragment)).toEqual(time);
  });

  it.each([
    't=',
    't=1,',
    't=1,2,3',
    't=1:75',
    't=clock:2011-10-01T23:00:45Z',
    'xywh=0,0,1,1',
    't=%E0%A4%A',
  ])('refuses %s', (fragment) => {
    expect(mediaTime(fragment)).toBeUndefined();
  });
});

// ---- Properties

const someText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\n', ' ', '"', '\\', '<', '&', '#', '\u2028'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength,
  });
// Times up to now: one further ahead than a day is refused (see records.ts).
const timestamp = fc.integer({ min: 0, max: Date.now() });
const videoArbitrary = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{11}$/).map(
    (id): VideoInfo => ({
      key: `yt:${id}`,
      provider: 'youtube',
      title: '',
      url: `https://www.youtube.com/watch?v=${id}`,
    }),
  ),
  fc.nat().map(
    (id): VideoInfo => ({
      key: `vimeo:${id}`,
      provider: 'vimeo',
      title: '',
      url: `https://vimeo.com/${id}`,
    }),
  ),
  fc
    .tuple(
      fc.stringMatching(/^[a-z0-9/]{0,12}$/),
      fc.option(fc.stringMatching(/^[0-9a-f]{8}$/), { nil: undefined }),
    )
    .map(([path, hash]): VideoInfo => {
      const url = `https://example.com/${path}`;
      return { key: hash ? `url:${url}#${hash}` : `url:${url}`, provider: 'web', title: '', url };
    }),
);

const annotatedVideo = fc
  .record({
    video: videoArbitrary,
    title: someText(40),
    notes: fc.array(
      fc.record({
        id: fc.uuid(),
        tMs: fc.integer({ min: 0, max: 10_000_000_000 }),
        text: someText(60).filter((text) => text.trim() !== ''),
        createdAt: timestamp,
        updatedAt: timestamp,
        deleted: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    decks: fc.array(
      fc.record({
        id: fc.uuid(),
        title: someText(30).filter((text) => text !== ''),
        author: someText(20),
        description: someText(40),
        createdAt: timestamp,
        updatedAt: timestamp,
        cards: fc.array(
          fc.record({
            id: fc.uuid(),
            startMs: fc.integer({ min: 0, max: 9_000_000_000 }),
            durationMs: fc.integer({ min: 1, max: 600_000 }),
            title: someText(30),
            text: someText(60),
            link: fc.option(
              fc.webUrl().filter((url) => v.is(httpUrl, url)),
              { nil: undefined },
            ),
            source: fc.option(
              fc.webUrl().filter((url) => v.is(httpUrl, url)),
              { nil: undefined },
            ),
            kind: fc.constantFrom(...cardKinds),
            createdAt: timestamp,
            updatedAt: timestamp,
            deleted: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 2 },
    ),
  })
  .map(({ video: base, title, notes, decks }): VideoAnnotations<VideoInfo> => {
    const video = { ...base, title: title.trim() };
    return {
      video,
      notes: notes.map(({ tMs, ...fields }) => ({
        ...fields,
        videoKey: video.key,
        t: tMs / 1000,
        tags: [],
      })),
      cards: decks.flatMap((deck) =>
        deck.cards.map(({ startMs, durationMs, link, source, ...fields }) => {
          const card: CardRecord = {
            ...fields,
            deckId: deck.id,
            videoKey: video.key,
            start: startMs / 1000,
            end: (startMs + durationMs) / 1000,
          };
          if (link !== undefined) card.link = link;
          if (source !== undefined) card.source = source;
          return card;
        }),
      ),
      decks: decks.map(({ cards: _cards, ...fields }) => ({
        ...fields,
        videoKey: video.key,
        origin: { kind: 'own' },
        enabled: true,
        deleted: false,
      })),
    };
  })
  .filter(({ cards }) =>
    cards.every(({ deckId: _d, deleted: _x, ...input }) => v.is(CardInputSchema, input)),
  );

/** What an import of these videos must give back. */
function expectedImport(videos: VideoAnnotations<VideoInfo>[]): ImportBatch {
  const decks: DeckFile[] = [];
  for (const { video, cards, decks: records } of videos) {
    for (const deck of records) {
      const live = cards.filter((card) => card.deckId === deck.id && !card.deleted);
      if (live.length === 0) continue;
      decks.push({
        format: 'cuecards-deck',
        version: 1,
        video,
        deck: {
          id: deck.id,
          title: deck.title,
          author: deck.author,
          description: deck.description,
          createdAt: deck.createdAt,
          updatedAt: deck.updatedAt,
        },
        cards: live.map(deckFileCard),
      });
    }
  }
  return {
    videos: videos
      .filter(({ notes, cards }) => [...notes, ...cards].some((item) => !item.deleted))
      .map(({ video }) => video),
    notes: videos.flatMap(({ notes }) => notes.filter((note) => !note.deleted).map(noteInput)),
    decks,
  };
}

describe('a note read by an annotation tool', () => {
  // As annotation clients show a body: Markdown rendered, anything else as text.
  const shown = (body: { value: string; format: string }) =>
    body.format === 'text/markdown'
      ? new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(body.value))
      : body.value.replace(/&/g, '&amp;').replace(/</g, '&lt;');

  it('makes no live link of a javascript: link in the note', () => {
    const hostile = { ...note, text: '[watch](javascript:alert(1)) <img src=x onerror=alert(1)>' };
    const written = JSON.parse(
      toWebAnnotations([{ video: rocky, notes: [hostile], cards: [], decks: [] }]),
    );
    const body = written.first.items[0].body;
    expect(shown(body)).not.toMatch(/<a |<img /);
    expect(body.value).toBe(hostile.text);
  });
});

describe('Web Annotation properties', () => {
  it('round-trips notes, cards and decks: ids, times, texts, kinds, links, dates', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(annotatedVideo, { selector: ({ video }) => video.key, maxLength: 3 })
          .filter((videos) => {
            const ids = videos.flatMap(({ notes, cards, decks }) =>
              [...notes, ...cards, ...decks].map((item) => item.id),
            );
            return new Set(ids).size === ids.length;
          }),
        (videos) => {
          const expected = expectedImport(videos);
          const parsed = parseWebAnnotations(toWebAnnotations(videos), now);
          if (expected.videos.length === 0)
            expect(parsed).toEqual({ ok: false, error: 'This file has no annotations.' });
          else expect(parsed).toEqual({ ok: true, value: expected });
        },
      ),
      { numRuns: 1_000 },
    );
  });

  const acceptsOnlyValidItems = (text: string) => {
    const parsed = parseWebAnnotations(text, now);
    if (parsed.ok) {
      for (const item of parsed.value.notes) expect(v.is(NoteInputSchema, item)).toBe(true);
      for (const item of parsed.value.decks) expect(v.is(DeckFileSchema, item)).toBe(true);
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
          fc.jsonValue().map((value) => JSON.stringify([annotation({ body: value })])),
        ),
        acceptsOnlyValidItems,
      ),
      { numRuns: 1_000 },
    );
  });

  it('never throws on mutations of a valid file, and what it accepts is valid', () => {
    fc.assert(
      fc.property(
        fc.nat(exported.length - 1),
        fc.nat({ max: 8 }),
        fc.string({ maxLength: 8 }),
        (at, removed, insert) => {
          acceptsOnlyValidItems(exported.slice(0, at) + insert + exported.slice(at + removed));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
