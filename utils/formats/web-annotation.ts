// Pure: notes and cards as W3C Web Annotations (JSON-LD), both ways.
import * as v from 'valibot';
import { i18n } from '#i18n';
import { isUuid } from '../model/ids';
import {
  type CardKind,
  type CardRecord,
  cardKinds,
  type DeckRecord,
  httpUrl,
  limits,
  type NoteInput,
  NoteInputSchema,
  type NoteRecord,
  type VideoAnnotations,
  type VideoInfo,
} from '../model/records';
import { identifyVideo } from '../model/video-key';
import type { ImportBatch } from './batch';
import { type DeckFile, DeckFileSchema, deckFileFormat, deckFileVersion } from './deck-file';
import { describeFileIssue, placeOf, problemOf, quoted } from './problems';
import { type Parsed, parseJsonSafely } from './safe-json';
import { stableId } from './stable-id';

/*
 * Notes and cards as W3C Web Annotations (JSON-LD), readable by annotation tools, and the
 * reverse. Both become annotations on a time fragment of the video:
 *
 *   target: { type: SpecificResource, source: { id: <video url>, type: Video, label: <title> },
 *             selector: { type: FragmentSelector, conformsTo: media-frags, value: "t=83,91" } }
 *
 * A note is motivated by `commenting`, with one TextualBody of its text as typed, labelled
 * `text/plain`: labelled Markdown, a tool would render a `[link](javascript:…)` in it live.
 * A card is motivated by `describing`, with one body per field, told apart by the body's
 * purpose, so nothing is lost and every term is the model's own:
 *   title → TextualBody, purpose `identifying` (the title names what is on screen)
 *   text  → TextualBody, purpose `describing`
 *   kind  → TextualBody, purpose `classifying`, value `music`
 *   link  → the linked page itself as a body, purpose `linking`
 * and on the annotation:
 *   source (the page a card was clipped from) → `via`, the page the annotation came from
 *   deck → `partOf`: an AnnotationCollection (a deck is a collection of card annotations) with
 *          `label` (title), `creator.name` (author), `created`, `modified`, and `description`,
 *          the one term the model lacks: dcterms:description, added to the context.
 * A video whose key carries a hash of its media source (a page with several videos) gives that
 * key as the source's `canonical` IRI, the model's term for the identity to deduplicate by.
 */

const annotationContext = 'http://www.w3.org/ns/anno.jsonld';
const descriptionTerm = { description: 'http://purl.org/dc/terms/description' };
const mediaFragments = 'http://www.w3.org/TR/media-frags/';
const maxAnnotationChars = 20_000_000;
// Part of the id of the deck that holds cards from no deck: the same in every language.
const importedDeckTitle = 'Imported annotations';

// ---- Writing

/** One AnnotationCollection of every live note and card of the given videos. */
export function toWebAnnotations(items: readonly VideoAnnotations<VideoInfo>[]): string {
  const annotations = items.flatMap(({ video, notes, cards, decks }) => [
    ...notes.filter((note) => !note.deleted).map((note) => noteAnnotation(video, note)),
    ...cards
      .filter((card) => !card.deleted)
      .map((card) =>
        cardAnnotation(
          video,
          card,
          decks.find((deck) => deck.id === card.deckId),
        ),
      ),
  ]);
  // Ids derived from the content, so the same data always gives the same file.
  const collectionId = stableId('web-annotation', ...annotations.map((item) => item.id));
  const collection = {
    '@context': [annotationContext, descriptionTerm],
    id: `urn:uuid:${collectionId}`,
    type: 'AnnotationCollection',
    label: 'Cuecards notes and cards',
    total: annotations.length,
    first: {
      id: `urn:uuid:${stableId(collectionId, 'page 1')}`,
      type: 'AnnotationPage',
      startIndex: 0,
      items: annotations,
    },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}

function noteAnnotation(video: VideoInfo, note: NoteRecord) {
  return {
    id: `urn:uuid:${note.id}`,
    type: 'Annotation',
    motivation: 'commenting',
    created: isoDate(note.createdAt),
    modified: isoDate(note.updatedAt),
    body: { type: 'TextualBody', value: note.text, format: 'text/plain' },
    target: videoTarget(video, `t=${fragmentSeconds(note.t)}`),
  };
}

function cardAnnotation(video: VideoInfo, card: CardRecord, deck: DeckRecord | undefined) {
  const body: object[] = [];
  if (card.title !== '') body.push(textualBody('identifying', card.title));
  if (card.text !== '') body.push(textualBody('describing', card.text));
  body.push({ type: 'TextualBody', purpose: 'classifying', value: card.kind });
  if (card.link !== undefined) body.push({ id: card.link, type: 'Text', purpose: 'linking' });
  return {
    id: `urn:uuid:${card.id}`,
    type: 'Annotation',
    motivation: 'describing',
    created: isoDate(card.createdAt),
    modified: isoDate(card.updatedAt),
    ...(card.source === undefined ? {} : { via: card.source }),
    partOf: deckCollection(card.deckId, deck),
    body,
    target: videoTarget(video, `t=${fragmentSeconds(card.start)},${fragmentSeconds(card.end)}`),
  };
}

const textualBody = (purpose: string, value: string) => ({
  type: 'TextualBody',
  purpose,
  value,
  format: 'text/plain',
});

function deckCollection(deckId: string, deck: DeckRecord | undefined) {
  const collection: Record<string, unknown> = {
    id: `urn:uuid:${deckId}`,
    type: 'AnnotationCollection',
  };
  if (!deck) return collection;
  if (deck.title !== '') collection.label = deck.title;
  if (deck.author !== '') collection.creator = { type: 'Person', name: deck.author };
  if (deck.description !== '') collection.description = deck.description;
  collection.created = isoDate(deck.createdAt);
  collection.modified = isoDate(deck.updatedAt);
  return collection;
}

function videoTarget(video: VideoInfo, fragment: string) {
  const source: Record<string, string> = { id: video.url, type: 'Video' };
  if (video.title !== '') source.label = video.title;
  if (identifyVideo(video.url)?.key !== video.key) source.canonical = video.key;
  return {
    type: 'SpecificResource',
    source,
    selector: { type: 'FragmentSelector', conformsTo: mediaFragments, value: fragment },
  };
}

const isoDate = (ms: number) => new Date(ms).toISOString();

/** Seconds with at most three decimals: `83`, `83.5`, `83.125`. */
const fragmentSeconds = (seconds: number) => `${Math.round(seconds * 1000) / 1000}`;

// ---- Reading: the shapes we read, validated; any other key is the model's open world.

/** JSON-LD lets most properties hold one value or a list: read both as a list. */
const oneOrMany = <T extends v.GenericSchema>(item: T) =>
  v.pipe(
    v.unknown(),
    v.transform((value) => (Array.isArray(value) ? value : [value])),
    v.array(item),
  );
const text = (max: number) =>
  v.pipe(
    v.string(),
    v.maxLength(max, () => i18n.t('validation.longerThan', [String(max)])),
  );
const iri = text(limits.url);
const dateTime = v.pipe(
  v.string(),
  v.regex(/^(?:[+-]\d{6}|\d{4})-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)$/, () =>
    i18n.t('webAnnotation.dateTime'),
  ),
  v.transform((date) => Date.parse(date)),
  v.check(
    (ms) => Number.isInteger(ms) && ms >= 0,
    () => i18n.t('webAnnotation.after1970'),
  ),
);
/** Metadata we can do without: taken when it is a string, else left out. */
const optionalText = v.optional(
  v.pipe(
    v.unknown(),
    v.transform((value) => (typeof value === 'string' ? value : undefined)),
  ),
);

// Terms may come compacted by another context: `oa:commenting` is `commenting`.
const term = v.pipe(
  v.string(),
  v.transform((name) => name.replace(/^(?:oa:|http:\/\/www\.w3\.org\/ns\/oa#)/, '')),
);

const BodySchema = v.pipe(
  v.unknown(),
  // A bare IRI is an external resource as a body.
  v.transform((body) => (typeof body === 'string' ? { id: body } : body)),
  v.looseObject({
    id: v.optional(iri),
    type: v.optional(oneOrMany(term)),
    value: v.optional(text(limits.noteText)),
    format: v.optional(oneOrMany(v.string())),
    purpose: v.optional(oneOrMany(term)),
  }),
);
type Body = v.InferOutput<typeof BodySchema>;

// Other selectors (an SVG shape, a CSS selector) may come along: read only what ours needs.
const SelectorSchema = v.looseObject({
  type: v.optional(oneOrMany(term)),
  conformsTo: optionalText,
  value: optionalText,
});

const SourceSchema = v.pipe(
  v.unknown(),
  v.transform((source) => (typeof source === 'string' ? { id: source } : source)),
  v.looseObject({ id: iri, label: optionalText, canonical: optionalText }),
);

const TargetSchema = v.pipe(
  v.unknown(),
  // A target may be an IRI with the time in its fragment: https://example.com/v.mp4#t=10,20
  v.transform((target) => {
    const address =
      typeof target === 'string'
        ? target
        : isRecord(target) && target.source === undefined && typeof target.id === 'string'
          ? target.id
          : undefined;
    if (address === undefined) return target;
    const hashAt = address.indexOf('#');
    if (hashAt === -1) return { source: address };
    const selector = { type: 'FragmentSelector', value: address.slice(hashAt + 1) };
    return { source: address.slice(0, hashAt), selector };
  }),
  v.looseObject({ source: SourceSchema, selector: v.optional(oneOrMany(SelectorSchema)) }),
);

const DeckSchema = v.pipe(
  v.unknown(),
  v.transform((deck) => (typeof deck === 'string' ? { id: deck } : deck)),
  v.looseObject({
    id: iri,
    label: optionalText,
    // A creator may be an IRI or a whole agent; only an agent's name is a deck's author.
    creator: v.optional(
      v.pipe(
        v.unknown(),
        v.transform((creator) => (isRecord(creator) ? creator.name : undefined)),
        v.optional(v.string()),
      ),
    ),
    description: v.optional(v.string()),
    created: v.optional(dateTime),
    modified: v.optional(dateTime),
  }),
);

const AnnotationSchema = v.looseObject({
  id: v.optional(iri),
  type: v.pipe(
    oneOrMany(term),
    v.check(
      (types) => types.includes('Annotation'),
      () => i18n.t('validation.mustBe', ['"Annotation"']),
    ),
  ),
  motivation: v.optional(oneOrMany(term)),
  created: v.optional(dateTime),
  modified: v.optional(dateTime),
  via: v.optional(oneOrMany(v.string())),
  body: v.optional(oneOrMany(BodySchema)),
  bodyValue: v.optional(text(limits.noteText)),
  target: v.pipe(
    oneOrMany(TargetSchema),
    v.minLength(1, () => i18n.t('validation.missing')),
  ),
  partOf: v.optional(v.unknown()),
});
type Annotation = v.InferOutput<typeof AnnotationSchema>;

const ContainerSchema = v.looseObject({
  type: v.optional(oneOrMany(term)),
  items: v.optional(v.array(v.unknown())),
  first: v.optional(v.unknown()),
  next: v.optional(v.unknown()),
});

type DeckFileCard = DeckFile['cards'][number];
type DeckHeader = DeckFile['deck'];

interface DeckBeingRead {
  video: VideoInfo;
  deck: DeckHeader;
  cards: DeckFileCard[];
  /** The annotation number of each card, for messages. */
  numbers: number[];
}

/**
 * Reads Web Annotations on videos: the collection toWebAnnotations writes, an AnnotationPage,
 * one Annotation or a JSON list of them. `commenting` annotations become notes, `describing`
 * ones cards. Everything is validated before anything is returned; an error names the
 * annotation (counted from 1) and the field.
 */
export function parseWebAnnotations(text: string, now: number): Parsed<ImportBatch> {
  const json = parseJsonSafely(text, maxAnnotationChars, i18n.t('fileKind.webAnnotations'));
  if (!json.ok) return json;
  const list = annotationsIn(json.value);
  if (!list.ok) return list;
  if (list.value.length === 0) return fail(i18n.t('webAnnotation.none'));

  const videos = new Map<string, VideoInfo>();
  const notes: NoteInput[] = [];
  const decks = new Map<string, DeckBeingRead>();
  const numberOfId = new Map<string, number>();
  for (const [index, raw] of list.value.entries()) {
    const number = index + 1;
    const item = readAnnotation(raw, now);
    if (!item.ok) return invalid(`${annotationName(number)}: ${item.error}`);
    // One object per video, so the batch's videos and its decks' videos agree on the title.
    const video = videos.get(item.value.video.key) ?? item.value.video;
    if (video.title === '') video.title = item.value.video.title;
    videos.set(video.key, video);

    const id = 'note' in item.value ? item.value.note.id : item.value.card.id;
    const earlier = numberOfId.get(id);
    if (earlier !== undefined) {
      return invalid(
        `${annotationName(number)}: ${i18n.t('webAnnotation.repeatsId', [String(earlier)])}`,
      );
    }
    numberOfId.set(id, number);

    if ('note' in item.value) {
      notes.push(item.value.note);
      continue;
    }
    const { deck, card } = item.value;
    const being = decks.get(deck.id) ?? { video, deck, cards: [], numbers: [] };
    if (being.video.key !== video.key) {
      return invalid(
        `${annotationName(number)}: partOf: ${i18n.t('webAnnotation.deckOfOtherVideo', [deck.id])}`,
      );
    }
    decks.set(deck.id, being);
    being.cards.push(card);
    being.numbers.push(number);
  }

  const deckFiles: DeckFile[] = [];
  for (const { video, deck, cards, numbers } of decks.values()) {
    const file = { format: deckFileFormat, version: deckFileVersion, video, deck, cards };
    const parsed = v.safeParse(DeckFileSchema, file);
    if (!parsed.success) return invalid(deckProblem(parsed.issues, numbers));
    deckFiles.push(parsed.output);
  }
  return { ok: true, value: { videos: [...videos.values()], notes, decks: deckFiles } };
}

type ReadAnnotation =
  | { video: VideoInfo; note: NoteInput }
  | { video: VideoInfo; card: DeckFileCard; deck: DeckHeader };

function readAnnotation(raw: unknown, now: number): Parsed<ReadAnnotation> {
  const parsed = v.safeParse(AnnotationSchema, raw);
  if (!parsed.success) return fail(describeFileIssue(parsed.issues));
  const annotation = parsed.output;
  const place = videoAndTime(annotation);
  if (!place.ok) return place;
  const { video, start, end } = place.value;
  const bodies = textualBodies(annotation.body ?? []);
  if (!bodies.ok) return bodies;
  const createdAt = annotation.created ?? now;
  const updatedAt = annotation.modified ?? createdAt;

  const motivation = annotation.motivation;
  if (motivation?.includes('describing')) {
    if (end === undefined)
      return fail(`target.selector: ${i18n.t('webAnnotation.cardNeedsRange')}`);
    const fields = cardFields(annotation, bodies.value);
    const card: DeckFileCard = {
      id: idOf(annotation, [video.key, `${start}`, `${end}`, fields.title, fields.text]),
      start,
      end,
      ...fields,
      createdAt,
      updatedAt,
    };
    const source = annotation.via?.find((address) => v.is(httpUrl, address));
    if (source !== undefined) card.source = source;
    const deck = deckOf(annotation.partOf, video, now);
    return deck.ok ? { ok: true, value: { video, card, deck: deck.value } } : deck;
  }
  if (motivation && !motivation.includes('commenting')) {
    return fail(`motivation: ${i18n.t('webAnnotation.motivation')}`);
  }
  const text = noteText(annotation, bodies.value);
  const note = {
    id: idOf(annotation, [video.key, `${start}`, text]),
    videoKey: video.key,
    t: start,
    text,
    createdAt,
    updatedAt,
  };
  const valid = v.safeParse(NoteInputSchema, note);
  if (!valid.success) return fail(describeFileIssue(valid.issues));
  return { ok: true, value: { video, note: valid.output } };
}

const fail = (error: string) => ({ ok: false, error }) as const;
const invalid = (problem: string) => fail(i18n.t('webAnnotation.invalid', [problem]));
const annotationName = (number: number) => i18n.t('webAnnotation.annotation', [String(number)]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The annotations of whatever container the file is. */
function annotationsIn(json: unknown): Parsed<unknown[]> {
  if (Array.isArray(json)) return { ok: true, value: json };
  const container = v.safeParse(ContainerSchema, json);
  if (!container.success) return fail(i18n.t('webAnnotation.notAnnotations'));
  const { type = [], items, first } = container.output;
  if (type.includes('Annotation')) return { ok: true, value: [json] };
  if (type.includes('AnnotationPage') && items) return pageItems(container.output);
  if (type.includes('AnnotationCollection')) {
    if (first === undefined) return { ok: true, value: [] };
    const page = v.safeParse(ContainerSchema, first);
    if (!page.success || !page.output.items) {
      return fail(`first: ${i18n.t('webAnnotation.linkedFirst')}`);
    }
    return pageItems(page.output);
  }
  return fail(i18n.t('webAnnotation.notAnnotations'));
}

function pageItems(page: v.InferOutput<typeof ContainerSchema>): Parsed<unknown[]> {
  // Later pages would have to be fetched; an import reads one file, whole or not at all.
  if (page.next !== undefined) {
    return fail(i18n.t('webAnnotation.morePages'));
  }
  return { ok: true, value: page.items ?? [] };
}

/** The video (from the first target's source) and the media fragment's time. */
function videoAndTime(
  annotation: Annotation,
): Parsed<{ video: VideoInfo; start: number; end?: number }> {
  const [target] = annotation.target;
  if (!target) return fail(`target: ${i18n.t('validation.missing')}`);
  const address = target.source.id;
  if (!v.is(httpUrl, address)) return fail(`target.source: ${i18n.t('validation.httpUrl')}`);
  const identity = identifyVideo(address);
  if (!identity) return fail(`target.source: ${i18n.t('validation.notOneVideo')}`);
  // A key with a media hash cannot be rebuilt from the page URL: take it from `canonical`, but
  // only when it is this page's key plus a hash.
  const canonical = target.source.canonical ?? '';
  const isHashedKey =
    canonical.startsWith(`${identity.key}#`) &&
    /^[0-9a-f]{8}$/.test(canonical.slice(identity.key.length + 1));
  const video: VideoInfo = {
    key: isHashedKey ? canonical : identity.key,
    provider: identity.provider,
    title: (target.source.label ?? '').trim().slice(0, limits.title),
    url: identity.url,
  };

  const fragment = (target.selector ?? []).find(
    (selector) =>
      (selector.type?.includes('FragmentSelector') ?? false) &&
      (selector.conformsTo === undefined || selector.conformsTo === mediaFragments) &&
      selector.value !== undefined,
  );
  if (fragment?.value === undefined) {
    return fail(`target.selector: ${i18n.t('webAnnotation.needsFragment', [mediaFragments])}`);
  }
  const time = mediaTime(fragment.value);
  if (!time) {
    const shown = fragment.value.length > 40 ? `${fragment.value.slice(0, 40)}…` : fragment.value;
    return fail(`target.selector.value: ${i18n.t('webAnnotation.notMediaTime', [shown])}`);
  }
  return { ok: true, value: { video, ...time } };
}

/** `t=83`, `t=83,91`, `t=,91`, `t=npt:1:23.5`, `t=00:01:23,00:01:31` (media fragments, npt). */
export function mediaTime(fragment: string): { start: number; end?: number } | undefined {
  const pair = fragment.split('&').find((part) => part.startsWith('t='));
  if (pair === undefined) return undefined;
  let range: string;
  try {
    range = decodeURIComponent(pair.slice(2));
  } catch {
    return undefined;
  }
  const [startText = '', endText, extra] = range.replace(/^npt:/, '').split(',');
  if (extra !== undefined || (startText === '' && endText === undefined)) return undefined;
  const start = startText === '' ? 0 : nptSeconds(startText);
  if (start === undefined) return undefined;
  if (endText === undefined) return { start };
  const end = nptSeconds(endText);
  return end === undefined ? undefined : { start, end };
}

function nptSeconds(text: string): number | undefined {
  const seconds = /^(\d+)(\.\d*)?s?$/.exec(text);
  const clock = /^(?:(\d+):)?([0-5]\d):([0-5]\d)(\.\d*)?$/.exec(text);
  if (!seconds && !clock) return undefined;
  const whole = seconds
    ? Number(seconds[1])
    : Number(clock![1] ?? 0) * 3600 + Number(clock![2]) * 60 + Number(clock![3]);
  const fraction = (seconds ? seconds[2] : clock![4]) ?? '';
  // Whole seconds and fraction joined as text, so 00:01:23.123 reads as exactly 83.123.
  const value = Number(`${whole}${fraction === '.' ? '' : fraction}`);
  return Number.isFinite(value) ? value : undefined;
}

const hasPurpose = (body: Body, purpose: string) => body.purpose?.includes(purpose) ?? false;
const isTextual = (body: Body) =>
  body.type?.includes('TextualBody') ?? (body.value !== undefined && body.id === undefined);
const readableFormats = new Set(['text/plain', 'text/markdown']);

/** The text bodies, each with a value in a format a note or card can hold. */
function textualBodies(bodies: Body[]): Parsed<Body[]> {
  for (const [index, body] of bodies.entries()) {
    if (!isTextual(body)) continue;
    if (body.value === undefined)
      return fail(`${placeOf(['body', index, 'value'])}: ${i18n.t('validation.missing')}`);
    const unreadable = body.format?.find((format) => !readableFormats.has(format));
    if (unreadable !== undefined) {
      return fail(
        `${placeOf(['body', index, 'format'])}: ${i18n.t('webAnnotation.format', [quoted(unreadable)])}`,
      );
    }
  }
  return { ok: true, value: bodies.filter(isTextual) };
}

/** A note's text: its commenting (or purpose-free) text bodies, after any `bodyValue`. */
function noteText(annotation: Annotation, textual: Body[]): string {
  const comments = textual
    .filter((body) => body.purpose === undefined || hasPurpose(body, 'commenting'))
    .map((body) => body.value!);
  if (annotation.bodyValue !== undefined) comments.unshift(annotation.bodyValue);
  return comments.join('\n\n');
}

function cardFields(
  annotation: Annotation,
  textual: Body[],
): Pick<DeckFileCard, 'title' | 'text' | 'kind' | 'link'> {
  const kind = textual
    .filter((body) => hasPurpose(body, 'classifying'))
    .map((body) => body.value)
    .find((value): value is CardKind => cardKinds.includes(value as CardKind));
  const descriptions = textual
    .filter((body) => body.purpose === undefined || hasPurpose(body, 'describing'))
    .map((body) => body.value!);
  if (annotation.bodyValue !== undefined) descriptions.unshift(annotation.bodyValue);
  const fields: Pick<DeckFileCard, 'title' | 'text' | 'kind' | 'link'> = {
    title: textual.find((body) => hasPurpose(body, 'identifying'))?.value ?? '',
    text: descriptions.join('\n\n'),
    kind: kind ?? 'fact',
  };
  // Only an http(s) page becomes the card's link: anything else is never followed.
  const link = (annotation.body ?? []).find(
    (body) => hasPurpose(body, 'linking') && body.id !== undefined && v.is(httpUrl, body.id),
  );
  if (link) fields.link = link.id;
  return fields;
}

/** Our own id when the annotation carries one, else one derived from what the item is. */
function idOf(annotation: Annotation, content: string[]): string {
  const id = annotation.id;
  if (id?.startsWith('urn:uuid:') && isUuid(id.slice(9))) return id.slice(9);
  return id !== undefined ? stableId('web-annotation', id) : stableId(...content);
}

/** The card's deck from `partOf`, else the video's deck of imported annotations. */
function deckOf(partOf: unknown, video: VideoInfo, now: number): Parsed<DeckHeader> {
  if (partOf === undefined) {
    const id = stableId(video.key, 'web-annotation', importedDeckTitle);
    const deck = { id, title: i18n.t('webAnnotation.importedDeck'), author: '', description: '' };
    return { ok: true, value: { ...deck, createdAt: now, updatedAt: now } };
  }
  const parsed = v.safeParse(DeckSchema, partOf);
  if (!parsed.success) return fail(`partOf.${describeFileIssue(parsed.issues)}`);
  const deck = parsed.output;
  const uuid = deck.id.startsWith('urn:uuid:') ? deck.id.slice(9) : '';
  const createdAt = deck.created ?? now;
  return {
    ok: true,
    value: {
      id: isUuid(uuid) ? uuid : stableId('web-annotation', deck.id),
      title: deck.label || i18n.t('webAnnotation.importedDeck'),
      author: deck.creator ?? '',
      description: deck.description ?? '',
      createdAt,
      updatedAt: deck.modified ?? createdAt,
    },
  };
}

const partOfField: Record<string, string> = {
  title: 'label',
  author: 'creator.name',
  createdAt: 'created',
  updatedAt: 'modified',
};

/** A deck's validation issue, pinned to the annotation at fault. */
function deckProblem(issues: [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]], numbers: number[]) {
  const [issue] = issues;
  const [top, index, ...rest] = issue.path?.map((item) => String(item.key)) ?? [];
  if (top === 'cards' && index !== undefined && numbers[Number(index)] !== undefined) {
    const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
    return `${annotationName(numbers[Number(index)]!)}: ${field}${problemOf(issue)}`;
  }
  // The deck's own fields come from the partOf of its first card.
  const field = top === 'deck' ? `partOf.${partOfField[index ?? ''] ?? index}` : top;
  return `${annotationName(numbers[0]!)}: ${field}: ${problemOf(issue)}`;
}
