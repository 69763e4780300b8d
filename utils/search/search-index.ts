// The library's search: an inverted index over every note, card and video title.
import { fnv1aOffsetBasis, fnv1aStep } from '../model/fnv1a';
import type { CardRecord, NoteRecord, VideoRecord } from '../model/records';
import type { Provider } from '../model/video-key';

/**
 * Search-as-you-type over every note and card of the library, plus video titles.
 *
 * Matching: the query and the texts are cut into words (runs of letters and digits, with
 * any combining marks that follow), lower-cased and folded (NFD, marks stripped, so "Évora"
 * is "evora" and "ação" is "acao"). Every query word must match a document word, whole or as
 * its beginning ("trai" finds "training"); a document's words are those of its text, its
 * card title and its tags. An empty query finds nothing. Video titles are searched apart, by
 * `searchVideos`: a video whose title matches is listed as a video, its items are not listed
 * for it (a note matches on its own words only).
 *
 * Ranking: with n distinct query words, each word w scores 2 points if it matches in the
 * text or tags and 3 if in a card title (5 for both); `exactWords` counts the query words
 * equal to a whole document word somewhere. score = (5n + 1) × exactWords + Σ points, so
 * one more exact word outranks any mix of fields. Ties: newer `updatedAt` first, then id.
 *
 * Structure: each distinct folded word is a term, and each document a slot. Adding a
 * document appends its postings (slot and fields, one number per term) to a pending list;
 * a search packs them, once there are enough, into one flat array grouped by term, and
 * reads the few still pending in full. The vocabulary is kept sorted, so the terms that
 * start with a prefix are one binary-searched range. Removing marks the slot dead; packing
 * leaves dead postings out, and also runs once they outnumber the live ones. Adding reads
 * words without cutting the text into strings: a hash table of spellings as written gives
 * each its term, so each spelling is folded once.
 */

export type SearchKind = 'note' | 'card';

export interface SearchDocument {
  id: string;
  videoKey: string;
  kind: SearchKind;
  /** Seconds into the video: a note's `t`, a card's `start`. */
  t: number;
  updatedAt: number;
  /** A card's title; empty for notes. */
  title: string;
  text: string;
  /** Tags as `tagsOf` gives them, lower-cased; cards have none. */
  tags: readonly string[];
}

/** [start, end) in UTF-16 code units of the text as it was added, for wrapping in <mark>. */
export type Highlight = [start: number, end: number];

export interface SearchHit {
  id: string;
  kind: SearchKind;
  t: number;
  score: number;
  /** Over the document's `text`. */
  highlights: Highlight[];
  /** Over a card's `title`; empty for notes. */
  titleHighlights: Highlight[];
}

export interface SearchGroup {
  videoKey: string;
  /** In time order. */
  items: SearchHit[];
}

export interface SearchResult {
  /** Every match that passed the filters, including those past the limit. */
  total: number;
  /** The best `limit` matches, grouped by video; groups ordered by their best match. */
  groups: SearchGroup[];
}

export interface SearchOptions {
  /** Only documents carrying every one of these tags (cards carry none). */
  tags?: readonly string[];
  /** Only videos from these providers, as their keys tell (`yt:`, `vimeo:`, `url:`). */
  providers?: readonly Provider[];
  videoKeys?: ReadonlySet<string>;
  /** How many matches to return in `groups`; 200 unless told. */
  limit?: number;
}

export type VideoSearchOptions = Omit<SearchOptions, 'tags'>;

export interface VideoMatch {
  videoKey: string;
  score: number;
  /** Over the video's title. */
  highlights: Highlight[];
}

export type SearchableVideo = Pick<VideoRecord, 'key' | 'title' | 'lastSeenAt'>;

export interface SearchIndex {
  /** How many documents are indexed. */
  readonly size: number;
  /** Adds a document, replacing any with the same id. The document is kept, not copied. */
  add(doc: SearchDocument): void;
  /** Whether a document with this id was there. */
  remove(id: string): boolean;
  /** Replaces the document with the same id (or adds it). */
  update(doc: SearchDocument): void;
  has(id: string): boolean;
  /** Adds or replaces a video, so its title is searched by `searchVideos`. */
  setVideo(video: SearchableVideo): void;
  removeVideo(key: string): void;
  search(query: string, options?: SearchOptions): SearchResult;
  /** Videos whose title matches, best first (same rules; ties: last seen first). */
  searchVideos(query: string, options?: VideoSearchOptions): VideoMatch[];
  /**
   * Sorts the new words and packs the new postings now rather than on the next search: after
   * loading the library, so that the first keystroke does not wait for it. Optional.
   */
  pack(): void;
}

export function noteDocument(note: NoteRecord): SearchDocument {
  return {
    id: note.id,
    videoKey: note.videoKey,
    kind: 'note',
    t: note.t,
    updatedAt: note.updatedAt,
    title: '',
    text: note.text,
    tags: note.tags,
  };
}

export function cardDocument(card: CardRecord): SearchDocument {
  return {
    id: card.id,
    videoKey: card.videoKey,
    kind: 'card',
    t: card.start,
    updatedAt: card.updatedAt,
    title: card.title,
    text: card.text,
    tags: [],
  };
}

// ---------------------------------------------------------------------------------------
// Words

export interface Token {
  /** Offsets into the original text. */
  start: number;
  end: number;
  /** Lower-cased and folded. */
  word: string;
}

/** A word: a letter or digit, then letters, digits and the combining marks that go with them. */
const wordPattern = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const nonAscii = /[\u0080-\uffff]/;
const asciiSeparators = /[^a-z0-9]+/;
const separators = /[^\p{L}\p{N}]+/u;
const marks = /\p{M}/gu;
const isMark = /^\p{M}/u;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Lower-cases, then decomposes and drops the marks. Lower-casing comes first because "İ"
 * lower-cases to "i" plus a combining dot; Greek final sigma folds to σ so that "ΟΔΟΣ" and
 * "οδοσ" meet. Folding a text is folding each of its characters in turn.
 */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!nonAscii.test(lower)) return lower;
  return lower.normalize('NFD').replace(marks, '').replaceAll('ς', 'σ');
}

/**
 * The folded words of a text, without their places. Folding keeps every character's kind
 * (a letter or digit stays letters or digits, a mark vanishes, anything else stays neither;
 * the tests check all of Unicode), so splitting the folded text finds the same words as
 * `tokenize`, in one pass of the regular expression engine.
 */
function forEachWord(text: string, onWord: (word: string) => void): void {
  // A lone surrogate is no word; dropping a mark between two of them would pair them into a
  // letter (U+D800 U+0301 U+DC00 folds to U+10000), so they become spaces first.
  const folded = fold(text.replace(loneSurrogates, ' '));
  const parts = folded.split(nonAscii.test(folded) ? separators : asciiSeparators);
  for (const word of parts) if (word !== '') onWord(word);
}

/** The words of a text with their places in it, for highlighting. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(wordPattern)) {
    const start = match.index;
    tokens.push({ start, end: start + match[0].length, word: fold(match[0]) });
  }
  return tokens;
}

/** Queries past this many words keep only the first ones. */
export const maxQueryWords = 64;

/** The distinct folded words of a query, in order; `#tag` counts as the word `tag`. */
export function queryWords(query: string): string[] {
  const words = new Set<string>();
  forEachWord(query, (word) => {
    if (words.size < maxQueryWords) words.add(word);
  });
  return [...words];
}

/**
 * Where the part of a word that matches `prefix` ends in the original text. Folding can
 * change lengths ("É" may be one code unit or two, "İ" becomes "i"), so the original word
 * is folded one character at a time until the prefix is covered; marks after the last
 * character stay with it.
 */
function prefixEnd(text: string, token: Token, prefix: string): number {
  if (token.word.length === prefix.length) return token.end;
  let foldedLength = 0;
  let index = token.start;
  for (const character of text.slice(token.start, token.end)) {
    if (foldedLength >= prefix.length && !isMark.test(character)) break;
    foldedLength += fold(character).length;
    index += character.length;
  }
  return index;
}

/** The matched part of each word of `text` that some query word begins (the longest one). */
export function highlightsOf(text: string, words: readonly string[]): Highlight[] {
  const highlights: Highlight[] = [];
  if (text === '' || words.length === 0) return highlights;
  for (const token of tokenize(text)) {
    let longest: string | undefined;
    for (const word of words) {
      if (token.word.startsWith(word) && (longest === undefined || word.length > longest.length)) {
        longest = word;
      }
    }
    if (longest !== undefined) highlights.push([token.start, prefixEnd(text, token, longest)]);
  }
  return highlights;
}

// ---------------------------------------------------------------------------------------
// Words as the index reads them

/** Whether each BMP code unit is part of a word (a letter, digit or mark): 0 not known yet. */
const wordUnitKinds = new Uint8Array(0x10000);
const inWord = 1;
const notInWord = 2;
const wordOrMark = /^[\p{L}\p{N}\p{M}]$/u;

function kindOfCodePoint(codePoint: number): number {
  return wordOrMark.test(String.fromCodePoint(codePoint)) ? inWord : notInWord;
}

/** Whether the code unit at `index` belongs to a word; both halves of a pair answer alike. */
function isWordUnit(text: string, index: number, unit: number): boolean {
  if (unit < 128) {
    return (unit >= 97 && unit <= 122) || (unit >= 48 && unit <= 57) || (unit >= 65 && unit <= 90);
  }
  if (unit < 0xd800 || unit > 0xdfff) {
    let kind = wordUnitKinds[unit]!;
    if (kind === 0) {
      kind = kindOfCodePoint(unit);
      wordUnitKinds[unit] = kind;
    }
    return kind === inWord;
  }
  // A surrogate: the code point of its pair, or, if it has no pair, not a word.
  const codePoint = text.codePointAt(unit <= 0xdbff ? index : index - 1) ?? unit;
  return codePoint > 0xffff && kindOfCodePoint(codePoint) === inWord;
}

const notFound = -1;
const marksOnly = -2;
/** Past this many spellings the table starts afresh; it only spares folding and lookups. */
const maxSpellings = 1 << 20;

/**
 * Words as written, before folding, to their term: an open-addressing hash table whose
 * lookups compare the text in place. Cutting every word out of the text as a string and
 * looking it up in a Map was most of the time spent adding documents.
 */
class SpellingTable {
  /** Per bucket, the hash and the entry number + 1 (0 when empty), side by side. */
  #buckets = new Int32Array(2 << 12);
  #spellings: string[] = [];
  #terms: number[] = [];

  /** The term of text[start, end), or `notFound`. */
  find(text: string, start: number, end: number, hash: number): number {
    const buckets = this.#buckets;
    const mask = (buckets.length >>> 1) - 1;
    const length = end - start;
    for (let bucket = hash & mask; ; bucket = (bucket + 1) & mask) {
      const entry = buckets[2 * bucket + 1]! - 1;
      if (entry < 0) return notFound;
      if (buckets[2 * bucket] !== hash) continue;
      const spelling = this.#spellings[entry]!;
      if (spelling.length !== length) continue;
      let at = 0;
      while (at < length && spelling.charCodeAt(at) === text.charCodeAt(start + at)) at++;
      if (at === length) return this.#terms[entry]!;
    }
  }

  insert(spelling: string, hash: number, term: number): void {
    if (this.#spellings.length >= maxSpellings) {
      this.#buckets = new Int32Array(2 << 12);
      this.#spellings = [];
      this.#terms = [];
    }
    this.#spellings.push(spelling);
    this.#terms.push(term);
    const entry = this.#spellings.length - 1;
    if (entry * 4 >= this.#buckets.length) {
      const old = this.#buckets;
      this.#buckets = new Int32Array(old.length * 2);
      for (let bucket = 0; bucket < old.length; bucket += 2) {
        if (old[bucket + 1] !== 0) this.#place(old[bucket]!, old[bucket + 1]!);
      }
    }
    this.#place(hash, entry + 1);
  }

  #place(hash: number, entryPlusOne: number): void {
    const buckets = this.#buckets;
    const mask = (buckets.length >>> 1) - 1;
    let bucket = hash & mask;
    while (buckets[2 * bucket + 1] !== 0) bucket = (bucket + 1) & mask;
    buckets[2 * bucket] = hash;
    buckets[2 * bucket + 1] = entryPlusOne;
  }
}

/** The provider a video key names: keys are `yt:…`, `vimeo:…` or `url:…`. */
function providerOfVideoKey(key: string): Provider {
  if (key.startsWith('yt:')) return 'youtube';
  if (key.startsWith('vimeo:')) return 'vimeo';
  return 'web';
}

// ---------------------------------------------------------------------------------------
// Index

const inText = 1;
const inTitle = 2;
const isExact = 4;
const fieldBitCount = 2;
const textPoints = 2;
const titlePoints = 3;
const defaultLimit = 200;
const rejected = 0xffff;

/** Points for a query of `wordCount` words with `exactWords` exact ones and `points` points. */
function scoreOf(wordCount: number, exactWords: number, points: number): number {
  return (5 * wordCount + 1) * exactWords + points;
}

/** Index of the first string in `sorted` that is >= `value` (code-unit order). */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Past every word that starts with `prefix`: no word holds U+FFFF, a non-character. */
function prefixCeiling(prefix: string): string {
  return `${prefix}\uffff`;
}

interface VideoEntry {
  title: string;
  lastSeenAt: number;
  words: string[];
}

/** A growable list of 32-bit integers: one flat buffer, where arrays of arrays scatter. */
class IntList {
  values: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.values = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

/** Scratch arrays for one query, reused across queries and grown with the slots. */
interface Scratch {
  /** How many query words a slot has matched so far; `rejected` if filtered out. */
  progress: Uint16Array;
  /** Fields and exactness the current query word has found in a slot. */
  wordBits: Uint8Array;
  exactWords: Uint8Array;
  points: Uint16Array;
  /** How many of the required tags a slot carries; zero outside a search. */
  tagHits: Uint16Array;
}

function newScratch(capacity: number): Scratch {
  return {
    progress: new Uint16Array(capacity),
    wordBits: new Uint8Array(capacity),
    exactWords: new Uint8Array(capacity),
    points: new Uint16Array(capacity),
    tagHits: new Uint16Array(capacity),
  };
}

/** Postings added since the last packing past which a search packs them first. */
const pendingLimit = 16_384;
/** Dead postings below which a search does not bother to pack. */
const deadLimit = 16_384;

class InvertedSearchIndex implements SearchIndex {
  // Vocabulary, by term number.
  readonly #termOf = new Map<string, number>();
  readonly #terms: string[] = [];
  readonly #spellings = new SpellingTable();
  /** The vocabulary in code-unit order, for prefix ranges, and each entry's term number. */
  #sortedTerms: string[] = [];
  #sortedTermNumbers: number[] = [];
  /** Terms added since the sorted vocabulary was last brought up to date. */
  #unsortedTerms: number[] = [];

  // A posting is slot << 2 | field bits. Packed postings of term t, for t < #packedTermCount,
  // are #packed[#offsets[t] .. #offsets[t + 1]]; those added since are in the pending lists,
  // which a search reads in full until there are enough of them to pack.
  #offsets = new Int32Array(1);
  #packed = new Int32Array(0);
  #packedTermCount = 0;
  #pendingTerms = new IntList();
  #pendingPostings = new IntList();
  /** Per term: the slot that last got a posting and where, so a document's fields share it. */
  readonly #lastSlotOfTerm = new IntList();
  readonly #lastPendingOfTerm = new IntList();

  // Documents, by slot; a replaced or removed document leaves a dead slot.
  readonly #slotOf = new Map<string, number>();
  readonly #docs: (SearchDocument | undefined)[] = [];
  #isAlive = new Uint8Array(1024);
  readonly #updatedAt: number[] = [];
  readonly #videoOfSlot: number[] = [];
  readonly #postingCountOfSlot: number[] = [];
  /** Per tag, the slots that carry it, dead ones included until the next packing. */
  readonly #slotsOfTag = new Map<string, IntList>();
  #livePostings = 0;
  #deadPostings = 0;
  /** Postings of the document being added. */
  #postingCount = 0;

  // Videos, by number: every key a document or `setVideo` has named.
  readonly #videoNumberOf = new Map<string, number>();
  readonly #videoKeys: string[] = [];
  readonly #videoProviders: Provider[] = [];
  readonly #videos = new Map<string, VideoEntry>();

  #scratch = newScratch(0);

  get size(): number {
    return this.#slotOf.size;
  }

  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  add(doc: SearchDocument): void {
    this.remove(doc.id);
    const slot = this.#docs.length;
    const tags = doc.tags;
    for (let index = 0; index < tags.length; index++) {
      const tag = tags[index]!;
      if (tags.indexOf(tag) !== index) continue;
      let slots = this.#slotsOfTag.get(tag);
      if (slots === undefined) {
        slots = new IntList(4);
        this.#slotsOfTag.set(tag, slots);
      }
      slots.push(slot);
    }
    this.#slotOf.set(doc.id, slot);
    this.#docs.push(doc);
    if (slot === this.#isAlive.length) {
      const grown = new Uint8Array(slot * 2);
      grown.set(this.#isAlive);
      this.#isAlive = grown;
    }
    this.#isAlive[slot] = 1;
    this.#updatedAt.push(doc.updatedAt);
    this.#videoOfSlot.push(this.#videoNumber(doc.videoKey));
    this.#postingCount = 0;
    if (doc.title !== '') this.#addText(doc.title, slot, inTitle);
    this.#addText(doc.text, slot, inText);
    for (const tag of tags) this.#addText(tag, slot, inText);
    this.#postingCountOfSlot.push(this.#postingCount);
    this.#livePostings += this.#postingCount;
  }

  /**
   * Reads the words of `text` as runs of letters, digits and marks (as `tokenize` does,
   * marks before a word included, as they fold to nothing), hashing each run as it goes.
   */
  #addText(text: string, slot: number, field: number): void {
    const spellings = this.#spellings;
    const length = text.length;
    let index = 0;
    while (index < length) {
      let unit = text.charCodeAt(index);
      if (!isWordUnit(text, index, unit)) {
        index++;
        continue;
      }
      const start = index;
      let hash = fnv1aOffsetBasis;
      do {
        hash = fnv1aStep(hash, unit);
        index++;
        if (index === length) break;
        unit = text.charCodeAt(index);
      } while (isWordUnit(text, index, unit));
      let term = spellings.find(text, start, index, hash);
      if (term === notFound) {
        const spelling = text.slice(start, index);
        const word = fold(spelling);
        term = word === '' ? marksOnly : this.#termFor(word);
        spellings.insert(spelling, hash, term);
      }
      if (term !== marksOnly) this.#addTerm(term, slot, field);
    }
  }

  #addTerm(term: number, slot: number, field: number): void {
    const pendingPostings = this.#pendingPostings;
    if (this.#lastSlotOfTerm.values[term] === slot) {
      pendingPostings.values[this.#lastPendingOfTerm.values[term]!]! |= field;
      return;
    }
    this.#lastSlotOfTerm.values[term] = slot;
    this.#lastPendingOfTerm.values[term] = pendingPostings.length;
    this.#pendingTerms.push(term);
    pendingPostings.push((slot << fieldBitCount) | field);
    this.#postingCount++;
  }

  #termFor(word: string): number {
    let term = this.#termOf.get(word);
    if (term === undefined) {
      term = this.#terms.length;
      this.#termOf.set(word, term);
      this.#terms.push(word);
      this.#lastSlotOfTerm.push(-1);
      this.#lastPendingOfTerm.push(-1);
      this.#unsortedTerms.push(term);
    }
    return term;
  }

  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#slotOf.delete(id);
    this.#docs[slot] = undefined;
    this.#isAlive[slot] = 0;
    const postingCount = this.#postingCountOfSlot[slot]!;
    this.#livePostings -= postingCount;
    this.#deadPostings += postingCount;
    return true;
  }

  update(doc: SearchDocument): void {
    this.add(doc);
  }

  setVideo(video: SearchableVideo): void {
    this.#videoNumber(video.key);
    this.#videos.set(video.key, {
      title: video.title,
      lastSeenAt: video.lastSeenAt,
      words: queryWords(video.title),
    });
  }

  removeVideo(key: string): void {
    this.#videos.delete(key);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const words = queryWords(query);
    if (words.length === 0) return { total: 0, groups: [] };
    this.#sortVocabulary();
    if (
      this.#pendingTerms.length > pendingLimit ||
      (this.#deadPostings > deadLimit && this.#deadPostings > this.#livePostings)
    ) {
      this.#pack();
    }
    const offsets = this.#offsets;
    const packed = this.#packed;
    const packedTermCount = this.#packedTermCount;
    const sortedTerms = this.#sortedTerms;
    const sortedTermNumbers = this.#sortedTermNumbers;
    const ranges = words.map((word) => {
      const low = lowerBound(sortedTerms, word);
      const high = lowerBound(sortedTerms, prefixCeiling(word));
      let postingCount = 0;
      for (let index = low; index < high; index++) {
        const term = sortedTermNumbers[index]!;
        if (term < packedTermCount) postingCount += offsets[term + 1]! - offsets[term]!;
      }
      return { word, low, high, postingCount };
    });
    if (ranges.some((range) => range.low === range.high)) return { total: 0, groups: [] };
    // The rarest word first: it alone decides which documents are looked at.
    ranges.sort((a, b) => a.postingCount - b.postingCount);

    const scratch = this.#scratchFor(this.#docs.length);
    const { progress, wordBits, exactWords, points, tagHits } = scratch;
    const isAlive = this.#isAlive;
    const videoOfSlot = this.#videoOfSlot;
    const isVideoAllowed = this.#allowedVideos(options);
    const requiredTags = [...new Set(options.tags?.map((tag) => tag.toLowerCase()))];
    const slotsByTag: IntList[] = [];
    for (const tag of requiredTags) {
      const slots = this.#slotsOfTag.get(tag);
      if (slots === undefined) return { total: 0, groups: [] };
      slotsByTag.push(slots);
    }
    // Reading each candidate's tags would chase pointers across the heap; marking the slots
    // of each required tag walks flat lists instead.
    slotsByTag.forEach((slots, tagIndex) => {
      for (let at = 0; at < slots.length; at++) {
        const slot = slots.values[at]!;
        if (tagHits[slot] === tagIndex) tagHits[slot] = tagIndex + 1;
      }
    });
    const terms = this.#terms;
    const pendingTerms = this.#pendingTerms.values;
    const pendingPostings = this.#pendingPostings.values;
    const pendingCount = this.#pendingTerms.length;
    const touched: number[] = [];
    let wordIndex = 0;
    /** Documents that matched the current query word and every one before it. */
    let survivors = 0;

    const isFilteredOut = (slot: number): boolean => {
      if (isAlive[slot] === 0) return true;
      if (isVideoAllowed !== undefined && isVideoAllowed[videoOfSlot[slot]!] === 0) return true;
      return tagHits[slot] !== requiredTags.length;
    };
    /** Counts one posting of a term that the current query word matches. */
    const visit = (posting: number, exactBit: number): void => {
      const slot = posting >>> fieldBitCount;
      const reached = progress[slot]!;
      if (reached === wordIndex) {
        if (wordIndex === 0) {
          touched.push(slot);
          if (isFilteredOut(slot)) {
            progress[slot] = rejected;
            return;
          }
          exactWords[slot] = 0;
          points[slot] = 0;
        }
        progress[slot] = wordIndex + 1;
        wordBits[slot] = 0;
        survivors++;
      } else if (reached !== wordIndex + 1) {
        return;
      }
      const newBits = ((posting & (inText | inTitle)) | exactBit) & ~wordBits[slot]!;
      if (newBits === 0) return;
      wordBits[slot]! |= newBits;
      if (newBits & isExact) exactWords[slot]!++;
      if (newBits & inText) points[slot]! += textPoints;
      if (newBits & inTitle) points[slot]! += titlePoints;
    };

    for (; wordIndex < ranges.length; wordIndex++) {
      const { word, low, high } = ranges[wordIndex]!;
      survivors = 0;
      for (let index = low; index < high; index++) {
        const term = sortedTermNumbers[index]!;
        if (term >= packedTermCount) continue;
        const exactBit = terms[term] === word ? isExact : 0;
        const end = offsets[term + 1]!;
        for (let at = offsets[term]!; at < end; at++) visit(packed[at]!, exactBit);
      }
      for (let at = 0; at < pendingCount; at++) {
        const term = terms[pendingTerms[at]!]!;
        if (term.startsWith(word)) visit(pendingPostings[at]!, term === word ? isExact : 0);
      }
      if (survivors === 0) break;
    }

    const wordCount = ranges.length;
    const matches: number[] = [];
    for (const slot of touched) {
      if (progress[slot] === wordCount) matches.push(slot);
      progress[slot] = 0;
    }
    // Every slot the tags marked carries the first tag.
    const firstTagSlots = slotsByTag[0];
    if (firstTagSlots !== undefined) {
      for (let at = 0; at < firstTagSlots.length; at++) tagHits[firstTagSlots.values[at]!] = 0;
    }
    const rankOf = (slot: number) => scoreOf(wordCount, exactWords[slot]!, points[slot]!);
    const best = this.#best(matches, options.limit ?? defaultLimit, rankOf);
    return {
      total: matches.length,
      groups: this.#groupByVideo(best, words, rankOf),
    };
  }

  searchVideos(query: string, options: VideoSearchOptions = {}): VideoMatch[] {
    const words = queryWords(query);
    if (words.length === 0) return [];
    const isVideoAllowed = this.#allowedVideos(options);
    const found: { videoKey: string; score: number; lastSeenAt: number; title: string }[] = [];
    for (const [videoKey, video] of this.#videos) {
      if (isVideoAllowed !== undefined && !isVideoAllowed[this.#videoNumberOf.get(videoKey)!]) {
        continue;
      }
      let exactWords = 0;
      const isMatch = words.every((word) => {
        let isPrefix = false;
        for (const videoWord of video.words) {
          if (videoWord === word) {
            exactWords++;
            return true;
          }
          if (videoWord.startsWith(word)) isPrefix = true;
        }
        return isPrefix;
      });
      if (!isMatch) continue;
      const score = scoreOf(words.length, exactWords, textPoints * words.length);
      found.push({ videoKey, score, lastSeenAt: video.lastSeenAt, title: video.title });
    }
    found.sort(
      (a, b) =>
        b.score - a.score ||
        b.lastSeenAt - a.lastSeenAt ||
        (a.videoKey < b.videoKey ? -1 : a.videoKey > b.videoKey ? 1 : 0),
    );
    return found.slice(0, Math.max(0, options.limit ?? defaultLimit)).map((match) => ({
      videoKey: match.videoKey,
      score: match.score,
      highlights: highlightsOf(match.title, words),
    }));
  }

  pack(): void {
    this.#sortVocabulary();
    if (this.#pendingTerms.length > 0 || this.#deadPostings > 0) this.#pack();
  }

  #videoNumber(key: string): number {
    let number = this.#videoNumberOf.get(key);
    if (number === undefined) {
      number = this.#videoKeys.length;
      this.#videoNumberOf.set(key, number);
      this.#videoKeys.push(key);
      this.#videoProviders.push(providerOfVideoKey(key));
    }
    return number;
  }

  /** Per video number, whether the filters let it through; undefined when there are none. */
  #allowedVideos(options: VideoSearchOptions): Uint8Array | undefined {
    const { providers, videoKeys } = options;
    if (providers === undefined && videoKeys === undefined) return undefined;
    const allowed = new Uint8Array(this.#videoKeys.length);
    for (let number = 0; number < allowed.length; number++) {
      const isAllowed =
        (providers === undefined || providers.includes(this.#videoProviders[number]!)) &&
        (videoKeys === undefined || videoKeys.has(this.#videoKeys[number]!));
      allowed[number] = isAllowed ? 1 : 0;
    }
    return allowed;
  }

  #scratchFor(slotCount: number): Scratch {
    if (this.#scratch.progress.length < slotCount) {
      this.#scratch = newScratch(Math.max(1024, slotCount + (slotCount >>> 1)));
    }
    return this.#scratch;
  }

  /** Brings the sorted vocabulary up to date with the terms added since. */
  #sortVocabulary(): void {
    const added = this.#unsortedTerms;
    if (added.length === 0) return;
    this.#unsortedTerms = [];
    const sorted = this.#sortedTerms;
    const numbers = this.#sortedTermNumbers;
    // A few new words (an edit from another tab) are spliced in; many are sorted afresh.
    if (added.length <= 64) {
      for (const term of added) {
        const at = lowerBound(sorted, this.#terms[term]!);
        sorted.splice(at, 0, this.#terms[term]!);
        numbers.splice(at, 0, term);
      }
      return;
    }
    const terms = this.#terms.slice().sort();
    this.#sortedTerms = terms;
    this.#sortedTermNumbers = terms.map((term) => this.#termOf.get(term)!);
  }

  /** Packs the pending postings with the packed ones, by term, leaving out dead slots. */
  #pack(): void {
    const termCount = this.#terms.length;
    const oldOffsets = this.#offsets;
    const oldPacked = this.#packed;
    const oldTermCount = this.#packedTermCount;
    const pendingTerms = this.#pendingTerms.values;
    const pendingPostings = this.#pendingPostings.values;
    const pendingCount = this.#pendingTerms.length;
    const isAlive = this.#isAlive;
    // Counting sort: offsets[t + 1] first counts term t's live postings, then sums up.
    const offsets = new Int32Array(termCount + 1);
    for (let term = 0; term < oldTermCount; term++) {
      const end = oldOffsets[term + 1]!;
      let count = 0;
      for (let at = oldOffsets[term]!; at < end; at++) {
        count += isAlive[oldPacked[at]! >>> fieldBitCount]!;
      }
      offsets[term + 1] = count;
    }
    for (let at = 0; at < pendingCount; at++) {
      if (isAlive[pendingPostings[at]! >>> fieldBitCount]) offsets[pendingTerms[at]! + 1]!++;
    }
    for (let term = 0; term < termCount; term++) offsets[term + 1]! += offsets[term]!;
    const packed = new Int32Array(offsets[termCount]!);
    const cursors = offsets.slice(0, termCount);
    for (let term = 0; term < oldTermCount; term++) {
      const end = oldOffsets[term + 1]!;
      for (let at = oldOffsets[term]!; at < end; at++) {
        const posting = oldPacked[at]!;
        if (isAlive[posting >>> fieldBitCount]) packed[cursors[term]!++] = posting;
      }
    }
    for (let at = 0; at < pendingCount; at++) {
      const posting = pendingPostings[at]!;
      if (isAlive[posting >>> fieldBitCount]) packed[cursors[pendingTerms[at]!]!++] = posting;
    }
    this.#offsets = offsets;
    this.#packed = packed;
    this.#packedTermCount = termCount;
    this.#pendingTerms = new IntList();
    this.#pendingPostings = new IntList();
    this.#deadPostings = 0;
    for (const [tag, slots] of this.#slotsOfTag) {
      const live = new IntList(Math.max(4, slots.length));
      for (let at = 0; at < slots.length; at++) {
        if (isAlive[slots.values[at]!]) live.push(slots.values[at]!);
      }
      if (live.length === 0) this.#slotsOfTag.delete(tag);
      else this.#slotsOfTag.set(tag, live);
    }
  }

  /** The best `limit` of `slots`, best first: a bounded min-heap, as matches can be many. */
  #best(slots: readonly number[], limit: number, rankOf: (slot: number) => number): number[] {
    if (limit <= 0) return [];
    const isBetter = (a: number, b: number): boolean => {
      const rankA = rankOf(a);
      const rankB = rankOf(b);
      if (rankA !== rankB) return rankA > rankB;
      const updatedA = this.#updatedAt[a]!;
      const updatedB = this.#updatedAt[b]!;
      if (updatedA !== updatedB) return updatedA > updatedB;
      return this.#docs[a]!.id < this.#docs[b]!.id;
    };
    // heap[0] is the worst of those kept.
    const heap: number[] = [];
    const siftDown = (from: number) => {
      let at = from;
      for (;;) {
        const left = 2 * at + 1;
        const right = left + 1;
        let worst = at;
        if (left < heap.length && isBetter(heap[worst]!, heap[left]!)) worst = left;
        if (right < heap.length && isBetter(heap[worst]!, heap[right]!)) worst = right;
        if (worst === at) return;
        [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
        at = worst;
      }
    };
    for (const slot of slots) {
      if (heap.length < limit) {
        heap.push(slot);
        let at = heap.length - 1;
        while (at > 0) {
          const parent = (at - 1) >>> 1;
          if (!isBetter(heap[parent]!, heap[at]!)) break;
          [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
          at = parent;
        }
      } else if (isBetter(slot, heap[0]!)) {
        heap[0] = slot;
        siftDown(0);
      }
    }
    return heap.sort((a, b) => (isBetter(a, b) ? -1 : 1));
  }

  #groupByVideo(
    bestFirst: readonly number[],
    words: readonly string[],
    rankOf: (slot: number) => number,
  ): SearchGroup[] {
    const groups = new Map<string, SearchGroup>();
    for (const slot of bestFirst) {
      const doc = this.#docs[slot]!;
      let group = groups.get(doc.videoKey);
      if (group === undefined) {
        group = { videoKey: doc.videoKey, items: [] };
        groups.set(doc.videoKey, group);
      }
      group.items.push({
        id: doc.id,
        kind: doc.kind,
        t: doc.t,
        score: rankOf(slot),
        highlights: highlightsOf(doc.text, words),
        titleHighlights: highlightsOf(doc.title, words),
      });
    }
    for (const group of groups.values()) {
      group.items.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return [...groups.values()];
  }
}

export function createSearchIndex(): SearchIndex {
  return new InvertedSearchIndex();
}
