import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CardRecord, NoteRecord } from '../model/records';
import type { Provider } from '../model/video-key';
import {
  cardDocument,
  createSearchIndex,
  fold,
  type Highlight,
  highlightsOf,
  noteDocument,
  queryWords,
  type SearchDocument,
  type SearchIndex,
  type SearchOptions,
  type SearchResult,
  tokenize,
} from './search-index';

function note(id: string, text: string, more: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id,
    videoKey: 'yt:video1',
    kind: 'note',
    t: 0,
    updatedAt: 1,
    title: '',
    text,
    tags: [],
    ...more,
  };
}

function card(id: string, title: string, text: string, more: Partial<SearchDocument> = {}) {
  return note(id, text, { kind: 'card', title, ...more });
}

function indexOf(...docs: SearchDocument[]): SearchIndex {
  const index = createSearchIndex();
  for (const doc of docs) index.add(doc);
  return index;
}

/** Ids in the order the page shows them: groups in order, items in time order. */
function shownIds(result: SearchResult): string[] {
  return result.groups.flatMap((group) => group.items.map((item) => item.id));
}

function foundIds(index: SearchIndex, query: string, options?: SearchOptions): string[] {
  return shownIds(index.search(query, options)).sort();
}

function itemOf(result: SearchResult, id: string) {
  const item = result.groups.flatMap((group) => group.items).find((each) => each.id === id);
  if (!item) throw new Error(`${id} not found`);
  return item;
}

function marked(text: string, highlights: readonly Highlight[]): string[] {
  return highlights.map(([start, end]) => text.slice(start, end));
}

describe('tokenize', () => {
  it('cuts letters and digits into lower-cased words with their offsets', () => {
    expect(tokenize('Hello, World 42!')).toEqual([
      { start: 0, end: 5, word: 'hello' },
      { start: 7, end: 12, word: 'world' },
      { start: 13, end: 15, word: '42' },
    ]);
  });

  it('folds accents whether the text is precomposed or decomposed', () => {
    expect(tokenize('Évora ação').map((token) => token.word)).toEqual(['evora', 'acao']);
    const decomposed = 'E\u0301vora'; // É as E plus a combining acute: one word of six units
    expect(tokenize(decomposed)).toEqual([{ start: 0, end: 6, word: 'evora' }]);
  });

  it('keeps offsets right after emoji and other astral characters', () => {
    expect(tokenize('🎵 Fado 🇵🇹 Lisboa')).toEqual([
      { start: 3, end: 7, word: 'fado' },
      { start: 13, end: 19, word: 'lisboa' },
    ]);
  });

  it('reads #tags as words and splits tag paths', () => {
    expect(tokenize('see #training and #ml/vision').map((token) => token.word)).toEqual([
      'see',
      'training',
      'and',
      'ml',
      'vision',
    ]);
  });

  it('folds dotted capital I and Greek final sigma', () => {
    expect(tokenize('İstanbul ΟΔΟΣ οδος').map((token) => token.word)).toEqual([
      'istanbul',
      'οδοσ',
      'οδοσ',
    ]);
  });

  it('reads letters of other scripts and leaves stray marks and lone surrogates out', () => {
    expect(tokenize('日本語 \u0301x \ud800y Straße').map((token) => token.word)).toEqual([
      '日本語',
      'x',
      'y',
      'straße',
    ]);
  });

  it('reads astral letters as letters and lone surrogates as spaces', () => {
    expect(tokenize('𐐀bc \ud800x\udc00y 𝐀')).toEqual([
      { start: 0, end: 4, word: '𐐨bc' },
      { start: 6, end: 7, word: 'x' },
      { start: 8, end: 9, word: 'y' },
      { start: 10, end: 12, word: '𝐀' },
    ]);
    // A mark between two lone surrogates must not pair them into a letter when it goes.
    expect(queryWords('\ud800\u0301\udc00')).toEqual([]);
    expect(tokenize('\ud800\u0301\udc00')).toEqual([]);
  });

  it('folding keeps every character a letter or digit, a vanishing mark, or neither', () => {
    // What lets the index split folded text, and read words from the text as written, and
    // still find the words tokenize finds: checked over every code point.
    const wordCharacter = /^[\p{L}\p{N}]+$/u;
    const neither = /^[^\p{L}\p{N}\p{M}]*$/u;
    const broken: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint === 0xd800) codePoint = 0xe000;
      const character = String.fromCodePoint(codePoint);
      const folded = fold(character);
      const isKept = wordCharacter.test(character)
        ? wordCharacter.test(folded)
        : /^\p{M}$/u.test(character)
          ? folded === ''
          : neither.test(folded);
      if (!isKept) broken.push(codePoint.toString(16));
    }
    expect(broken).toEqual([]);
  });

  it('gives a query its distinct words', () => {
    expect(queryWords('  Évora, evora #Trai ')).toEqual(['evora', 'trai']);
    expect(queryWords('?! 🎵 "')).toEqual([]);
  });
});

describe('search matching', () => {
  const index = indexOf(
    note('n1', 'Training plan for the marathon'),
    note('n2', 'Évora cathedral at dusk'),
    note('n3', 'Ação e reação #portugal'),
    note('n4', 'The TRAIN leaves at noon'),
  );

  it('finds nothing for an empty or wordless query', () => {
    expect(index.search('')).toEqual({ total: 0, groups: [] });
    expect(index.search('  #?! ')).toEqual({ total: 0, groups: [] });
  });

  it('matches word prefixes, not the middle of words', () => {
    expect(foundIds(index, 'trai')).toEqual(['n1', 'n4']);
    expect(foundIds(index, 'aining')).toEqual([]);
    expect(foundIds(index, 'marathons')).toEqual([]);
  });

  it('requires every query word, in any order', () => {
    expect(foundIds(index, 'plan trai')).toEqual(['n1']);
    expect(foundIds(index, 'trai noon')).toEqual(['n4']);
    expect(foundIds(index, 'trai dusk')).toEqual([]);
  });

  it('ignores case and accents on both sides', () => {
    expect(foundIds(index, 'evora')).toEqual(['n2']);
    expect(foundIds(index, 'ÉVORA')).toEqual(['n2']);
    expect(foundIds(index, 'e\u0301vo')).toEqual(['n2']);
    expect(foundIds(index, 'acao')).toEqual(['n3']);
    expect(foundIds(index, 'reação')).toEqual(['n3']);
  });

  it('finds #tags by their word, with or without the hash', () => {
    expect(foundIds(index, '#portugal')).toEqual(['n3']);
    expect(foundIds(index, 'portu')).toEqual(['n3']);
  });

  it('searches tags that are not in the text and card titles', () => {
    const withTitles = indexOf(
      note('n1', 'no words of the tag here', { tags: ['birding'] }),
      card('c1', 'Kingfisher', 'A bird of rivers'),
    );
    expect(foundIds(withTitles, 'bird')).toEqual(['c1', 'n1']);
    expect(foundIds(withTitles, 'king river')).toEqual(['c1']);
  });
});

describe('search ranking', () => {
  /** Each on its own video, so the groups come in ranking order. */
  function ranked(docs: SearchDocument[], query: string): string[] {
    const onOwnVideos = docs.map((doc) => ({ ...doc, videoKey: `yt:${doc.id}` }));
    return shownIds(indexOf(...onOwnVideos).search(query));
  }

  it('puts whole-word matches above prefix-only matches', () => {
    expect(
      ranked([note('prefix', 'trains', { updatedAt: 9 }), note('exact', 'train')], 'train'),
    ).toEqual(['exact', 'prefix']);
  });

  it('puts an extra whole word above any mix of fields', () => {
    const docs = [
      card('fields', 'Lisbons trams', 'lisbons trams', { updatedAt: 9 }),
      note('words', 'lisbon trams'),
    ];
    expect(ranked(docs, 'lisbon tram')).toEqual(['words', 'fields']);
  });

  it('weighs a card title above text, and both fields above one', () => {
    const docs = [
      note('text', 'fado', { updatedAt: 9 }),
      card('title', 'Fado', 'a song', { updatedAt: 5 }),
      card('both', 'Fado', 'fado at night', { updatedAt: 1 }),
    ];
    expect(ranked(docs, 'fado')).toEqual(['both', 'title', 'text']);
  });

  it('puts the newer of equal matches first', () => {
    const docs = [note('old', 'fado', { updatedAt: 1 }), note('new', 'fado', { updatedAt: 2 })];
    expect(ranked(docs, 'fado')).toEqual(['new', 'old']);
  });

  it('scores (5n + 1) per whole word plus 2 for text and 3 for a title per word', () => {
    const result = indexOf(
      card('c1', 'Fado night', 'fadista in Lisbon'),
      note('n1', 'fadista'),
    ).search('fad lisbon');
    // fad: prefix in title and text (2 + 3); lisbon: whole word in text (11 + 2).
    expect(itemOf(result, 'c1').score).toBe(11 + 2 + 5);
    expect(result.total).toBe(1);
    expect(indexOf(note('n1', 'fado')).search('fado').groups[0]!.items[0]!.score).toBe(6 + 2);
  });
});

describe('search results', () => {
  const docs = [
    note('a-late', 'fado at the end', { videoKey: 'yt:a', t: 300, updatedAt: 2 }),
    note('a-early', 'fado begins', { videoKey: 'yt:a', t: 10 }),
    card('b-card', 'Fado', 'the best fado', { videoKey: 'vimeo:1', t: 50 }),
    note('c-note', 'fadista', { videoKey: 'url:https://example.com/v', t: 5 }),
  ];
  const index = indexOf(...docs);

  it('groups by video, groups by their best item, items in time order', () => {
    const result = index.search('fado');
    expect(result.total).toBe(3);
    expect(result.groups.map((group) => group.videoKey)).toEqual(['vimeo:1', 'yt:a']);
    expect(result.groups[1]!.items.map((item) => [item.id, item.kind, item.t])).toEqual([
      ['a-early', 'note', 10],
      ['a-late', 'note', 300],
    ]);
    expect(result.groups[0]!.items[0]!.kind).toBe('card');
  });

  it('keeps the best items up to the limit and counts all', () => {
    const result = index.search('fad', { limit: 2 });
    expect(result.total).toBe(4);
    expect(shownIds(result)).toEqual(['b-card', 'a-late']);
    expect(index.search('fad', { limit: 0 })).toEqual({ total: 4, groups: [] });
  });

  it('filters by provider, as the video key tells it', () => {
    expect(foundIds(index, 'fad', { providers: ['youtube'] })).toEqual(['a-early', 'a-late']);
    expect(foundIds(index, 'fad', { providers: ['vimeo', 'web'] })).toEqual(['b-card', 'c-note']);
    expect(foundIds(index, 'fad', { providers: [] })).toEqual([]);
  });

  it('filters by video', () => {
    expect(foundIds(index, 'fad', { videoKeys: new Set(['yt:a', 'yt:none']) })).toEqual([
      'a-early',
      'a-late',
    ]);
  });

  it('filters by tags: only documents with every one of them', () => {
    const tagged = indexOf(
      note('both', 'fado #lisbon #night', { tags: ['lisbon', 'night'] }),
      note('one', 'fado #lisbon', { tags: ['lisbon'] }),
      card('card', 'Fado', 'lisbon night'),
    );
    expect(foundIds(tagged, 'fado', { tags: ['lisbon'] })).toEqual(['both', 'one']);
    expect(foundIds(tagged, 'fado', { tags: ['Lisbon', 'night'] })).toEqual(['both']);
    expect(foundIds(tagged, 'fado', { tags: [] })).toEqual(['both', 'card', 'one']);
    expect(foundIds(tagged, 'fado', { tags: ['nowhere'] })).toEqual([]);
  });
});

describe('highlights', () => {
  function highlightsFor(text: string, query: string): string[] {
    const result = indexOf(note('n', text)).search(query);
    return marked(text, itemOf(result, 'n').highlights);
  }

  it('marks the matched beginning of each word in the original text', () => {
    expect(highlightsFor('Training and the train', 'trai')).toEqual(['Trai', 'trai']);
    expect(highlightsFor('Training and the train', 'train tr')).toEqual(['Train', 'train']);
  });

  it('maps folded matches back over accents, precomposed or decomposed', () => {
    expect(highlightsFor('Visit Évora', 'ev')).toEqual(['Év']);
    expect(highlightsFor('Visit E\u0301vora', 'ev')).toEqual(['E\u0301v']);
    expect(highlightsFor('Visit E\u0301vora', 'e')).toEqual(['E\u0301']);
    expect(highlightsFor('ação, reação', 'aca reaca')).toEqual(['açã', 'reaçã']);
    expect(highlightsFor('reação', 'rea')).toEqual(['rea']);
    expect(highlightsFor('İstanbul', 'ist')).toEqual(['İst']);
  });

  it('gives offsets past emoji in UTF-16 units', () => {
    const text = '🎵🎵 Fado in Évora 🇵🇹';
    const result = indexOf(note('n', text)).search('évora fado');
    expect(itemOf(result, 'n').highlights).toEqual([
      [5, 9],
      [13, 18],
    ]);
  });

  it('marks a card title apart from its text', () => {
    const result = indexOf(card('c', 'Fado night', 'Night of fado')).search('nigh');
    const item = itemOf(result, 'c');
    expect(marked('Fado night', item.titleHighlights)).toEqual(['nigh']);
    expect(marked('Night of fado', item.highlights)).toEqual(['Nigh']);
  });

  it('marks nothing in an empty text', () => {
    expect(highlightsOf('', ['a'])).toEqual([]);
  });
});

describe('add, remove, update', () => {
  it('forgets a removed document', () => {
    const index = indexOf(note('n1', 'fado'), note('n2', 'fado'));
    expect(index.remove('n1')).toBe(true);
    expect(index.remove('n1')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.has('n1')).toBe(false);
    expect(foundIds(index, 'fado')).toEqual(['n2']);
  });

  it('finds an updated note by its new words only', () => {
    const index = indexOf(note('n1', 'fado in Lisbon'));
    index.update(note('n1', 'morna in Mindelo', { updatedAt: 2 }));
    expect(index.size).toBe(1);
    expect(foundIds(index, 'fado')).toEqual([]);
    expect(foundIds(index, 'mindel')).toEqual(['n1']);
  });

  it('replaces a document added twice', () => {
    const index = indexOf(note('n1', 'fado'), note('n1', 'morna'));
    expect(index.size).toBe(1);
    expect(index.search('fado').total).toBe(0);
    expect(index.search('morna').total).toBe(1);
  });

  it('finds words first seen after a search or a packing', () => {
    const index = indexOf(note('n1', 'fado'), note('gone', 'fado'));
    index.remove('gone');
    index.pack();
    expect(index.search('fado').total).toBe(1);
    index.pack();
    index.add(note('n2', 'zarzuela'));
    index.add(note('n3', 'aardvark fado'));
    expect(foundIds(index, 'zar')).toEqual(['n2']);
    expect(foundIds(index, 'aard fad')).toEqual(['n3']);
  });

  it('tells apart words of the same length whose hashes collide', () => {
    // "yaczf" and "glbpp" have the same 32-bit FNV-1a hash, which reads words while adding.
    const index = indexOf(note('n1', 'yaczf'), note('n2', 'glbpp'));
    expect(foundIds(index, 'yaczf')).toEqual(['n1']);
    expect(foundIds(index, 'glbpp')).toEqual(['n2']);
  });

  it('finds each of many distinct words', () => {
    const words = Array.from({ length: 6000 }, (_, i) => `w${i}x`);
    const index = createSearchIndex();
    words.forEach((word, i) => {
      index.add(note(`n${i}`, `${word} Ü${word}`));
    });
    for (let i = 0; i < words.length; i += 97) {
      expect(foundIds(index, words[i]!)).toEqual([`n${i}`]);
      expect(foundIds(index, `u${words[i]!}`)).toEqual([`n${i}`]);
    }
  });

  it('stays right after many edits sweep out the dead postings', () => {
    const index = createSearchIndex();
    const words = (i: number, round: number) =>
      `note ${i} round${round} w${i % 7} x${i % 11} alpha beta gamma delta epsilon`;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 1500; i++) {
        index.update(note(`n${i}`, words(i, round), { t: i, tags: [`r${round}`] }));
      }
      expect(index.search(`round${round} w1`, { limit: 0 }).total).toBe(215);
      expect(index.search('alpha', { limit: 0, tags: [`r${round}`] }).total).toBe(1500);
    }
    for (let i = 0; i < 1500; i += 2) index.remove(`n${i}`);
    expect(index.size).toBe(750);
    expect(index.search('round0').total).toBe(0);
    expect(index.search('round3 alpha', { limit: 10_000 }).total).toBe(750);
    expect(index.search('alpha', { tags: ['r2'] }).total).toBe(0);
    expect(index.search('alpha', { tags: ['r3'] }).total).toBe(750);
    expect(foundIds(index, 'w3 x5', { limit: 10_000 })).toEqual(
      Array.from({ length: 1500 }, (_, i) => i)
        .filter((i) => i % 2 === 1 && i % 7 === 3 && i % 11 === 5)
        .map((i) => `n${i}`)
        .sort(),
    );
  });
});

describe('searchVideos', () => {
  const index = createSearchIndex();
  index.setVideo({ key: 'yt:a', title: 'Fado in Évora', lastSeenAt: 1 });
  index.setVideo({ key: 'vimeo:1', title: 'Évora by night', lastSeenAt: 2 });
  index.setVideo({ key: 'url:https://example.com/v', title: 'Évoramonte castle', lastSeenAt: 3 });

  it('finds videos by their titles, whole words first, then the last seen', () => {
    const found = index.searchVideos('evora');
    expect(found.map((video) => video.videoKey)).toEqual([
      'vimeo:1',
      'yt:a',
      'url:https://example.com/v',
    ]);
    expect(found[1]!.highlights).toEqual([[8, 13]]);
    expect(index.searchVideos('')).toEqual([]);
  });

  it('applies the provider and video filters and the limit', () => {
    expect(index.searchVideos('evo', { providers: ['web'] }).map((v) => v.videoKey)).toEqual([
      'url:https://example.com/v',
    ]);
    expect(index.searchVideos('evo', { videoKeys: new Set(['yt:a']) }).length).toBe(1);
    expect(index.searchVideos('evo', { limit: 1 }).length).toBe(1);
  });

  it('forgets a removed video and follows a renamed one', () => {
    const videos = createSearchIndex();
    videos.setVideo({ key: 'yt:a', title: 'Fado', lastSeenAt: 1 });
    videos.setVideo({ key: 'yt:b', title: 'Fado', lastSeenAt: 1 });
    videos.removeVideo('yt:b');
    videos.setVideo({ key: 'yt:a', title: 'Morna', lastSeenAt: 1 });
    expect(videos.searchVideos('fado')).toEqual([]);
    expect(videos.searchVideos('morna').map((v) => v.videoKey)).toEqual(['yt:a']);
  });
});

describe('documents from records', () => {
  it('takes a note with its tags and a card at its start with its title', () => {
    const base = { videoKey: 'yt:abc', createdAt: 1, updatedAt: 2, deleted: false };
    const noteRecord: NoteRecord = {
      ...base,
      id: '00000000-0000-4000-8000-000000000001',
      t: 12,
      text: 'hi #x',
      tags: ['x'],
    };
    const cardRecord: CardRecord = {
      ...base,
      id: '00000000-0000-4000-8000-000000000002',
      deckId: '00000000-0000-4000-8000-000000000003',
      start: 30,
      end: 40,
      title: 'T',
      text: 'body',
      kind: 'fact',
    };
    expect(noteDocument(noteRecord)).toEqual({
      id: noteRecord.id,
      videoKey: 'yt:abc',
      kind: 'note',
      t: 12,
      updatedAt: 2,
      title: '',
      text: 'hi #x',
      tags: ['x'],
    });
    expect(cardDocument(cardRecord)).toMatchObject({ kind: 'card', t: 30, title: 'T', tags: [] });
  });
});

// ---------------------------------------------------------------------------------------
// Against a brute-force scan applying the same rules

const videoKeys = ['yt:a', 'vimeo:1', 'url:https://example.com/v'];
const providers: Provider[] = ['youtube', 'vimeo', 'web'];
const tagPool = ['ml', 'évora', 'talk'];
/** Words that fold onto each other, share prefixes, or change length when folded. */
const wordPool = [
  'Évora',
  'evora',
  'E\u0301VORA',
  'ação',
  'acao',
  'train',
  'Training',
  'tra',
  'ΟΔΟΣ',
  'οδος',
  'İstanbul',
  'istan',
  'ǆungla',
  'a',
  'ab',
  'abc',
  'x1',
  '42',
  '日本',
];
const separatorArb = fc.constantFrom(' ', ' ', '-', ', ', ' #', '🎵', ' \u0301', '.');
const textArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...wordPool), separatorArb), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.flat().join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);
const docArb = fc.record({
  id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8'),
  videoKey: fc.constantFrom(...videoKeys),
  kind: fc.constantFrom('note' as const, 'card' as const),
  t: fc.integer({ min: 0, max: 20 }),
  updatedAt: fc.integer({ min: 0, max: 5 }),
  title: textArb,
  text: textArb,
  tags: fc.subarray(tagPool),
});
const operationArb = fc.oneof(
  { weight: 4, arbitrary: docArb.map((doc) => ({ type: 'add' as const, doc })) },
  { weight: 1, arbitrary: docArb.map((doc) => ({ type: 'update' as const, doc })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('d1', 'd2', 'd3').map((id) => ({ type: 'remove' as const, id })),
  },
);
const queryWordArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...wordPool) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...wordPool), fc.integer({ min: 1, max: 3 }))
      .map(([word, length]) => word.slice(0, length)),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);
const queryArb = fc
  .array(fc.tuple(queryWordArb, separatorArb), { maxLength: 3 })
  .map((parts) => parts.flat().join(''));
/** Mostly absent, so that filters narrow some searches rather than empty most of them. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}
const optionsArb: fc.Arbitrary<SearchOptions> = fc.record({
  tags: sometimes(fc.subarray(tagPool, { minLength: 1, maxLength: 2 })),
  providers: sometimes(fc.subarray(providers)),
  videoKeys: sometimes(fc.subarray(videoKeys).map((keys) => new Set(keys))),
  limit: sometimes(fc.integer({ min: 0, max: 6 })),
});

function providerOfKey(key: string): Provider {
  return key.startsWith('yt:') ? 'youtube' : key.startsWith('vimeo:') ? 'vimeo' : 'web';
}

/** Every matching id with its score, by reading each document in full. */
function bruteForceScores(
  docs: ReadonlyMap<string, SearchDocument>,
  query: string,
  options: SearchOptions,
): Map<string, number> {
  const scores = new Map<string, number>();
  const words = queryWords(query);
  if (words.length === 0) return scores;
  for (const doc of docs.values()) {
    if (options.providers && !options.providers.includes(providerOfKey(doc.videoKey))) continue;
    if (options.videoKeys && !options.videoKeys.has(doc.videoKey)) continue;
    if (!(options.tags ?? []).every((tag) => doc.tags.includes(tag.toLowerCase()))) continue;
    const textWords = [doc.text, ...doc.tags].flatMap((part) => tokenize(part).map((t) => t.word));
    const titleWords = tokenize(doc.title).map((token) => token.word);
    let exactWords = 0;
    let points = 0;
    const isMatch = words.every((word) => {
      const inText = textWords.some((each) => each.startsWith(word));
      const inTitle = titleWords.some((each) => each.startsWith(word));
      if ([...textWords, ...titleWords].includes(word)) exactWords++;
      points += (inText ? 2 : 0) + (inTitle ? 3 : 0);
      return inText || inTitle;
    });
    if (isMatch) scores.set(doc.id, (5 * words.length + 1) * exactWords + points);
  }
  return scores;
}

const combiningMark = /^\p{M}/u;

/** The word of a bit of text, as one piece. */
function wordOf(text: string): string | undefined {
  const tokens = tokenize(text);
  return tokens.length === 1 ? tokens[0]!.word : undefined;
}

/**
 * Each word that a query word begins is marked once, from its start to the first place
 * where what is marked folds to the longest such query word, plus any marks after it.
 */
function checkHighlights(text: string, highlights: readonly Highlight[], words: string[]) {
  const expected: Highlight[] = [];
  for (const token of tokenize(text)) {
    const longest = words
      .filter((word) => token.word.startsWith(word))
      .sort((a, b) => b.length - a.length)[0];
    if (longest === undefined) continue;
    let end = token.start + 1;
    while (end < token.end && !wordOf(text.slice(token.start, end))?.startsWith(longest)) end++;
    while (end < token.end && combiningMark.test(text.slice(end))) end++;
    expected.push([token.start, end]);
  }
  expect(highlights).toEqual(expected);
}

/** Characters that change length or kind when folded, surrogates alone and in pairs. */
const trickyCharacterArb = fc.constantFrom(
  ...['a', 'Z', '7', ' ', '-', '#', 'É', 'e', '\u0301', '\u0327', 'İ', 'ǅ', 'ß', 'Σ', 'ς'],
  ...['٣', '日', '🎵', '🇵', '𐐀', '𝐀', '\ud800', '\udc00', '\u200d', '\ufe0f', 'ﬁ'],
);
const trickyTextArb = fc
  .array(trickyCharacterArb, { maxLength: 24 })
  .map((characters) => characters.join(''));

describe('search against a brute-force scan', () => {
  it('indexes exactly the words tokenize reads, whatever the characters', () => {
    fc.assert(
      fc.property(trickyTextArb, fc.array(trickyTextArb, { maxLength: 4 }), (text, queries) => {
        const index = indexOf(note('n', text));
        const words = tokenize(text).map((token) => token.word);
        expect(queryWords(text)).toEqual([...new Set(words)].slice(0, 64));
        for (const word of words) {
          // A whole word, in the text: (5 + 1) + 2 points.
          expect(index.search(word).groups[0]?.items[0]?.score).toBe(8);
        }
        for (const query of queries) {
          const isMatch = queryWords(query).every((queryWord) =>
            words.some((word) => word.startsWith(queryWord)),
          );
          expect(index.search(query).total).toBe(queryWords(query).length > 0 && isMatch ? 1 : 0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the same documents with the same scores, the best first, marked right', () => {
    fc.assert(
      fc.property(
        fc.array(operationArb, { minLength: 3, maxLength: 25 }),
        fc.array(fc.tuple(queryArb, optionsArb), { minLength: 1, maxLength: 6 }),
        (operations, queries) => {
          const index = createSearchIndex();
          const docs = new Map<string, SearchDocument>();
          for (const operation of operations) {
            if (operation.type === 'remove') {
              expect(index.remove(operation.id)).toBe(docs.delete(operation.id));
            } else {
              index[operation.type](operation.doc);
              docs.set(operation.doc.id, operation.doc);
            }
          }
          expect(index.size).toBe(docs.size);
          for (const [query, options] of queries) {
            const expected = bruteForceScores(docs, query, options);
            const everything = index.search(query, { ...options, limit: 100 });
            const items = everything.groups.flatMap((group) => group.items);
            expect(everything.total).toBe(expected.size);
            expect(new Map(items.map((item) => [item.id, item.score]))).toEqual(expected);

            // The limited result keeps exactly the best, ties broken by updatedAt then id.
            const limited = index.search(query, options);
            const limit = options.limit ?? 200;
            const best = [...expected.keys()]
              .sort(
                (a, b) =>
                  expected.get(b)! - expected.get(a)! ||
                  docs.get(b)!.updatedAt - docs.get(a)!.updatedAt ||
                  (a < b ? -1 : 1),
              )
              .slice(0, limit);
            expect(shownIds(limited).sort()).toEqual(best.sort());
            expect(limited.total).toBe(expected.size);

            // Groups by their best item; items by time.
            const groupBests = limited.groups.map((group) =>
              Math.max(...group.items.map((item) => item.score)),
            );
            expect(groupBests).toEqual([...groupBests].sort((a, b) => b - a));
            for (const group of limited.groups) {
              const times = group.items.map((item) => item.t);
              expect(times).toEqual([...times].sort((a, b) => a - b));
              expect(new Set(group.items.map((item) => docs.get(item.id)!.videoKey))).toEqual(
                new Set([group.videoKey]),
              );
            }

            const words = queryWords(query);
            for (const item of items) {
              const doc = docs.get(item.id)!;
              checkHighlights(doc.text, item.highlights, words);
              checkHighlights(doc.title, item.titleHighlights, words);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
