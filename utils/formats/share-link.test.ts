import fc from 'fast-check';
import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { cardKinds } from '../model/records';
import { identifyVideo } from '../model/video-key';
import type { DeckFile } from './deck-file';
import { deckShareLink, maxSharePayloadLength, readShareLink } from './share-link';

const watchUrl = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
const file: DeckFile = {
  format: 'cuecards-deck',
  version: 1,
  video: { key: 'yt:dQw4w9WgXcQ', provider: 'youtube', title: 'Rocky IV', url: watchUrl },
  deck: {
    id: '01890a5d-ac96-774b-bcce-b302099a8200',
    title: 'Rocky IV trivia',
    author: 'High Eighties',
    description: '',
    createdAt: 1,
    updatedAt: 1,
  },
  cards: [
    {
      id: '01890a5d-ac96-774b-bcce-b302099a8201',
      start: 2,
      end: 8,
      title: 'Wyoming doubled for the Soviet Union',
      text: '',
      kind: 'place',
      createdAt: 1,
      updatedAt: 1,
    },
  ],
};

function linkOf(deck: DeckFile): string {
  const link = deckShareLink(deck);
  if (!link.ok) throw new Error(link.error);
  return link.value;
}

/** A link whose payload is these bytes, packed as a real link's are. */
function linkWithPayload(bytes: Uint8Array, url = watchUrl): string {
  return `${url}#cuecards=${Buffer.from(zlibSync(bytes, { level: 9 })).toString('base64url')}`;
}

/** A deck of `count` cards with prose-like text: trivia sentences drawn from a word list. */
function realisticDeck(count: number): DeckFile {
  const words = `the a of and in was for by with at film song album released recorded written
    shot location mountain snow training montage boxer champion fight round crowd cabin barn
    Wyoming Jackson Hole Vince DiCola Survivor Burning Heart synthesizer score Stallone Lundgren
    Shire Weathers Nielsen Apollo Creed Drago Moscow Christmas 1985 box office million sequel`
    .split(/\s+/)
    .filter(Boolean);
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const sentence = (length: number) =>
    Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
  // Ids as the composer makes them: UUIDv7, a millisecond clock then random bits.
  const hex = (digits: number) =>
    Array.from({ length: digits }, () => Math.floor(next() * 16).toString(16)).join('');
  const id = (i: number) =>
    `${(0x18f00000000 + i * 1_000)
      .toString(16)
      .padStart(12, '0')
      .replace(/^(.{8})/, '$1-')}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
  return {
    ...file,
    cards: Array.from({ length: count }, (_, i) => ({
      id: id(i),
      start: i * 2,
      end: i * 2 + 6,
      title: sentence(5),
      text: sentence(18),
      kind: cardKinds[i % cardKinds.length]!,
      ...(i % 2 === 0
        ? { link: `https://en.wikipedia.org/wiki/${sentence(2).replace(' ', '_')}` }
        : {}),
      createdAt: 1_715_000_000_000 + i * 1_000,
      updatedAt: 1_715_000_000_000 + i * 1_000,
    })),
  };
}

describe('deckShareLink', () => {
  it('puts the deck in the fragment of the video’s own URL', () => {
    const link = linkOf(file);
    expect(link).toMatch(/^https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ#cuecards=[\w-]+$/);
    expect(readShareLink(link)).toEqual({ ok: true, value: file });
  });

  it('replaces a fragment the URL had and keeps its query', () => {
    const web: DeckFile = {
      ...file,
      video: {
        key: 'url:https://talks.example.org/keynote?day=2#0a1b2c3d',
        provider: 'web',
        title: 'Keynote',
        url: 'https://talks.example.org/keynote?day=2#slide-4',
      },
    };
    const link = linkOf(web);
    expect(link.startsWith('https://talks.example.org/keynote?day=2#cuecards=')).toBe(true);
    expect(readShareLink(link)).toEqual({ ok: true, value: web });
  });

  it('refuses a deck too large for a link, and says to send the file', () => {
    expect(deckShareLink(realisticDeck(2_000))).toEqual({
      ok: false,
      error: 'This deck is too large for a link (2000 cards). Share it as a file instead.',
    });
  });

  it('refuses a deck a reader would refuse, and says why', () => {
    expect(deckShareLink({ ...file, deck: { ...file.deck, title: '' } })).toEqual({
      ok: false,
      error: 'This deck cannot be shared: deck.title: is empty',
    });
    expect(
      deckShareLink({ ...file, video: { ...file.video, url: 'https://www.youtube.com/' } }),
    ).toEqual({
      ok: false,
      error: 'This deck’s video has no address a link can open. Share it as a file instead.',
    });
  });

  it('keeps a 10-card deck to a couple of thousand characters', () => {
    const link = linkOf(realisticDeck(10));
    expect(link.length).toBeLessThan(2_500);
    expect(readShareLink(link)).toMatchObject({ ok: true });
  });
});

describe('readShareLink', () => {
  it.each([
    ['no fragment', watchUrl],
    ['another fragment', `${watchUrl}#t=30`],
    ['a parameter that only starts alike', `${watchUrl}#cuecardsx=abc`],
    ['not a URL at all', 'cuecards=abc'],
  ])('finds no deck in a URL with %s', (_, url) => {
    expect(readShareLink(url)).toBeUndefined();
  });

  it('finds the deck among other fragment parameters', () => {
    const payload = linkOf(file).split('#')[1];
    expect(readShareLink(`${watchUrl}#t=30&${payload}&x=1`)).toEqual({ ok: true, value: file });
  });

  it.each([
    ['an empty payload', `${watchUrl}#cuecards=`, 'the deck in it is cut short or altered.'],
    [
      'characters outside base64url',
      `${watchUrl}#cuecards=ab+/`,
      'the deck in it is cut short or altered.',
    ],
    [
      'bytes that are not zlib data',
      `${watchUrl}#cuecards=_____w`,
      'the deck in it is cut short or altered.',
    ],
    ['a payload cut short', linkOf(file).slice(0, -10), 'the deck in it is cut short or altered.'],
    [
      'text that is not UTF-8',
      linkWithPayload(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])),
      'the deck in it is cut short or altered.',
    ],
    [
      'text that is not JSON',
      linkWithPayload(strToU8('{"format":')),
      'the deck in it is cut short or altered.',
    ],
    [
      'a deck with a javascript: link',
      linkWithPayload(
        strToU8(
          JSON.stringify({ ...file, cards: [{ ...file.cards[0], link: 'javascript:alert(1)' }] }),
        ),
      ),
      'the deck in it: card 1, link: must be an http(s) URL',
    ],
    [
      'a payload longer than any deck link',
      `${watchUrl}#cuecards=${'A'.repeat(maxSharePayloadLength + 1)}`,
      'it is longer than any deck link.',
    ],
  ])('says a link with %s is damaged', (_, url, why) => {
    const parsed = readShareLink(url);
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining(why) });
    expect(parsed?.ok === false && parsed.error.startsWith('This share link is damaged: ')).toBe(
      true,
    );
  });

  it('says a link whose deck was altered on the way is damaged, not another deck', () => {
    // Stored, not deflated, the deck's text sits in the payload as it is: one letter of a
    // card's title changed still unpacks to a valid deck, which only the checksum tells apart.
    const packed = Buffer.from(zlibSync(strToU8(JSON.stringify(file)), { level: 0 }));
    const link = () => `${watchUrl}#cuecards=${packed.toString('base64url')}`;
    expect(readShareLink(link())).toEqual({ ok: true, value: file });
    packed[packed.indexOf('Wyoming')] = 'X'.charCodeAt(0);
    expect(readShareLink(link())).toEqual({
      ok: false,
      error: 'This share link is damaged: the deck in it is cut short or altered.',
    });
  });

  it('stops a small payload that unpacks to gigabytes at 2 MB', () => {
    // 20 MB of zeros deflate to about 20 kB: a link of 26,000 characters.
    const bomb = linkWithPayload(new Uint8Array(20_000_000));
    expect(readShareLink(bomb)).toEqual({
      ok: false,
      error: 'This share link is damaged: the deck in it unpacks to more than 2 MB.',
    });
  });

  it('refuses a deck carried on another video’s page', () => {
    const payload = linkOf(file).split('#')[1];
    expect(readShareLink(`https://www.youtube.com/watch?v=aaaaaaaaaaa#${payload}`)).toEqual({
      ok: false,
      error: 'This share link is for another video than the one in the deck.',
    });
  });

  it('accepts the same YouTube video from another of its addresses', () => {
    const payload = linkOf(file).split('#')[1];
    expect(readShareLink(`https://youtu.be/dQw4w9WgXcQ?t=4#${payload}`)).toMatchObject({
      ok: true,
    });
  });

  it('never throws on random fragments', () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.base64String().map((text) => `cuecards=${text.replace(/\+/g, '-').replace(/\//g, '_')}`),
      fc
        .uint8Array({ maxLength: 200 })
        .map((bytes) => `t=1&cuecards=${Buffer.from(zlibSync(bytes)).toString('base64url')}`),
    );
    fc.assert(
      fc.property(fragment, (text) => {
        readShareLink(`${watchUrl}#${text}`);
      }),
      { numRuns: 1_000 },
    );
  });

  it('never throws on a real link with one character changed', () => {
    const link = linkOf(realisticDeck(5));
    fc.assert(
      fc.property(fc.nat(link.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
        const parsed = readShareLink(link.slice(0, at) + insert + link.slice(at + 1));
        if (parsed?.ok) expect(parsed.value.cards).toHaveLength(5);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('a random valid deck', () => {
  // Times up to now: one further ahead than a day is refused (see records.ts).
  const timestamp = fc.maxSafeNat().map((n) => n % (Date.now() + 1));
  const text = (maxLength: number) => fc.string({ unit: 'binary', maxLength });
  const video = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{11}$/).map((id) => ({
      key: `yt:${id}`,
      provider: 'youtube' as const,
      url: `https://www.youtube.com/watch?v=${id}`,
    })),
    fc.integer({ min: 1, max: 2_000_000_000 }).map((id) => ({
      key: `vimeo:${id}`,
      provider: 'vimeo' as const,
      url: `https://vimeo.com/${id}`,
    })),
    fc
      .tuple(
        fc.webUrl({ withQueryParameters: true }),
        fc.option(fc.stringMatching(/^[0-9a-f]{8}$/)),
      )
      .map(([url, hash]) => identifyVideo(url) && { ...identifyVideo(url)!, hash })
      .filter((identity) => identity?.provider === 'web' && identity.url.length < 4_000)
      .map((identity) => ({
        key: identity!.hash ? `${identity!.key}#${identity!.hash}` : identity!.key,
        provider: 'web' as const,
        url: identity!.url,
      })),
  );
  const card = fc
    .record({
      id: fc.uuid(),
      start: fc.double({ min: 0, max: 9_999_000, noNaN: true }),
      length: fc.double({ min: 0.001, max: 599, noNaN: true }),
      title: text(30),
      text: text(60),
      link: fc.option(fc.webUrl(), { nil: undefined }),
      kind: fc.constantFrom(...cardKinds),
      createdAt: timestamp,
      updatedAt: timestamp,
    })
    .filter((item) => item.title.trim() !== '' || item.text.trim() !== '')
    .map(({ length, link, ...item }) => ({
      ...item,
      end: item.start + length,
      ...(link === undefined ? {} : { link }),
    }));
  const deckFile: fc.Arbitrary<DeckFile> = fc.record({
    format: fc.constant('cuecards-deck' as const),
    version: fc.constant(1 as const),
    video: fc.tuple(video, text(40)).map(([identity, title]) => ({
      key: identity.key,
      provider: identity.provider,
      title,
      url: identity.url,
    })),
    deck: fc.record({
      id: fc.uuid(),
      title: text(40).filter((title) => title.length > 0),
      author: text(20),
      description: text(80),
      createdAt: timestamp,
      updatedAt: timestamp,
    }),
    cards: fc.uniqueArray(card, { maxLength: 12, selector: (item) => item.id }),
  });

  it('comes back whole from its share link', () => {
    fc.assert(
      fc.property(deckFile, (deck) => {
        expect(readShareLink(linkOf(deck))).toEqual({ ok: true, value: deck });
      }),
      { numRuns: 300 },
    );
  });
});
