// Every stored record and its rules, written once: the store, the editors and every importer use these.
import * as v from 'valibot';
import { i18n } from '#i18n';

/** Limits shared by the composer, the store and every importer. */
export const limits = {
  noteText: 20_000,
  title: 500,
  url: 4_096,
  videoKey: 4_200,
  tags: 50,
  tag: 64,
  cardTitle: 200,
  cardText: 2_000,
  cardSeconds: 600,
  deckTitle: 200,
} as const;

/**
 * `is longer than 500 characters`. Like every message given to valibot here, a function and
 * not a string made when the module loads, so it is read in the UI language of the moment.
 * The limit is written as digits alone, the same in every language.
 */
export const longerThan = (limit: number) => () => i18n.t('validation.longerThan', [String(limit)]);

// The fields below are exported by name for the protocol to build its schemas from, rather than
// read back through `.entries`: a bundler takes a property read for a possible side effect and so
// keeps, in the overlay's bundle, every schema whose arguments make one, used or not.
export const recordId = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f-]{36}$/i, () => i18n.t('validation.uuid')),
);
/** How far ahead of this device's clock a time from outside may be: clocks drift, not by days. */
export const futureToleranceMs = 24 * 60 * 60 * 1000;

/**
 * Whether a time that came from outside (a message, an import, a backup, another device) is
 * one this device may keep: a write dated years ahead would make every later edit look older
 * and be ignored.
 */
export const isPlausibleTime = (ms: number, now = Date.now()) => ms <= now + futureToleranceMs;

export const timestamp = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(0),
  v.check(isPlausibleTime, () => i18n.t('validation.inFuture')),
);
export const seconds = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e7));
export const httpUrl = v.pipe(
  v.string(),
  v.maxLength(limits.url),
  v.check(
    (s) => /^https?:\/\//i.test(s) && URL.canParse(s),
    () => i18n.t('validation.httpUrl'),
  ),
);
export const videoKey = v.pipe(
  v.string(),
  v.maxLength(limits.videoKey),
  v.regex(/^(yt|vimeo|url):\S+$/, () => i18n.t('validation.videoKey')),
);

const videoInfoFields = {
  key: videoKey,
  provider: v.picklist(['youtube', 'vimeo', 'web']),
  title: v.pipe(v.string(), v.maxLength(limits.title)),
  url: httpUrl,
  duration: v.optional(seconds),
};
export const VideoInfoSchema = v.strictObject(videoInfoFields);
export type VideoInfo = v.InferOutput<typeof VideoInfoSchema>;

export const VideoRecordSchema = v.strictObject({
  ...videoInfoFields,
  lastSeenAt: timestamp,
  /** The viewer named this video: the page's own title no longer replaces theirs. */
  renamed: v.optional(v.literal(true)),
});
export type VideoRecord = v.InferOutput<typeof VideoRecordSchema>;

/**
 * One rule of a note or a card, written once: the schemas below check it wherever a record
 * comes in (a request, a backup, a deck file, every importer), and the editors say it in the
 * sentence that rule-sentences.ts gives it by name.
 */
export interface Rule<T> {
  isKept: (value: T) => boolean;
  /** Why a record is refused, after the field at fault: `is longer than 200 characters`. */
  issue: () => string;
}

/** A rule checked by the schema of the field it is about. */
const checkOf = <T>(rule: Rule<T>) =>
  v.check<T, v.ErrorMessage<v.CheckIssue<T>>>(rule.isKept, rule.issue);

/** A rule across fields, checked on the whole record: its message names the field at fault. */
const checkAcross = <T>(field: string, rule: Rule<T>) =>
  v.check<T, v.ErrorMessage<v.CheckIssue<T>>>(rule.isKept, () => `${field}: ${rule.issue()}`);

export const noteTextRules: Record<'hasWords' | 'fits', Rule<string>> = {
  hasWords: {
    isKept: (text) => text.trim().length > 0,
    issue: () => i18n.t('validation.empty'),
  },
  fits: {
    isKept: (text) => text.length <= limits.noteText,
    issue: longerThan(limits.noteText),
  },
};

export const noteText = v.pipe(
  v.string(),
  checkOf(noteTextRules.hasWords),
  checkOf(noteTextRules.fits),
);

/** A note as a client sends it: tags are derived by the store, never trusted from input. */
export const NoteInputSchema = v.strictObject({
  id: recordId,
  videoKey,
  t: seconds,
  text: noteText,
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type NoteInput = v.InferOutput<typeof NoteInputSchema>;

export const NoteRecordSchema = v.strictObject({
  ...NoteInputSchema.entries,
  tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(limits.tag))), v.maxLength(limits.tags)),
  deleted: v.boolean(),
  // A copy kept when two devices edited the note at once: the id of the note it lost to.
  conflictOf: v.optional(recordId),
});
export type NoteRecord = v.InferOutput<typeof NoteRecordSchema>;

export const cardKinds = ['fact', 'music', 'place', 'person', 'quote'] as const;
export type CardKind = (typeof cardKinds)[number];

/** What the rules of a card read: its times, its words and its link. */
export interface CardShape {
  start: number;
  end: number;
  title: string;
  text: string;
  link?: string | undefined;
}

const fieldRule = <K extends keyof CardShape>(
  field: K,
  rule: Rule<NonNullable<CardShape[K]>>,
): Rule<CardShape> => ({
  isKept: (card) => card[field] === undefined || rule.isKept(card[field]!),
  issue: rule.issue,
});

const cardTitleFits: Rule<string> = {
  isKept: (title) => title.length <= limits.cardTitle,
  issue: longerThan(limits.cardTitle),
};
const cardTextFits: Rule<string> = {
  isKept: (text) => text.length <= limits.cardText,
  issue: longerThan(limits.cardText),
};
/** A card's link is followed when clicked: a web page, nothing a browser would run. */
const cardLinkIsWeb: Rule<string> = {
  isKept: (link) => v.is(httpUrl, link),
  issue: () => i18n.t('validation.httpUrl'),
};

/** A card says something: a title, a text, or both. */
const cardHasWords: Rule<Pick<CardShape, 'title' | 'text'>> = {
  isKept: (card) => card.title.trim() !== '' || card.text.trim() !== '',
  issue: () => i18n.t('validation.needsWords'),
};
const cardEndsAfterStart: Rule<CardShape> = {
  isKept: (card) => card.end > card.start,
  issue: () => i18n.t('validation.endAfterStart'),
};
/** A card is a moment of the video, not a chapter of it. */
const cardIsShort: Rule<CardShape> = {
  isKept: (card) => card.end - card.start <= limits.cardSeconds,
  issue: () => i18n.t('validation.cardTooLong', [String(limits.cardSeconds / 60)]),
};

/** Every rule of a card, in the order its editor names them. */
export const cardRules = {
  hasWords: cardHasWords,
  endsAfterStart: cardEndsAfterStart,
  isShort: cardIsShort,
  titleFits: fieldRule('title', cardTitleFits),
  textFits: fieldRule('text', cardTextFits),
  linkIsWeb: fieldRule('link', cardLinkIsWeb),
};

/** The rules across a card's fields, for the pipe of every schema of a whole card. */
export function cardChecks<T extends CardShape>() {
  return [
    checkAcross<T>('end', cardRules.endsAfterStart),
    checkAcross<T>('end', cardRules.isShort),
    checkAcross<T>('text', cardRules.hasWords),
  ] as const;
}

export const cardTitle = v.pipe(v.string(), checkOf(cardTitleFits));
export const cardText = v.pipe(v.string(), checkOf(cardTextFits));
export const cardKind = v.picklist(cardKinds, () =>
  i18n.t('validation.oneOf', [cardKinds.join(', ')]),
);

/** A card as a client sends it; `deckId` is left to the store for the viewer's own deck. */
const CardFieldsSchema = v.strictObject({
  id: recordId,
  videoKey,
  start: seconds,
  end: seconds,
  title: cardTitle,
  text: cardText,
  link: v.optional(httpUrl),
  kind: cardKind,
  source: v.optional(httpUrl),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const CardInputSchema = v.pipe(
  CardFieldsSchema,
  ...cardChecks<v.InferOutput<typeof CardFieldsSchema>>(),
);
export type CardInput = v.InferOutput<typeof CardInputSchema>;

const CardRecordFieldsSchema = v.strictObject({
  ...CardFieldsSchema.entries,
  deckId: recordId,
  deleted: v.boolean(),
  conflictOf: v.optional(recordId),
});
/** A stored card: a tombstone keeps the rules too, since undo brings it back. */
export const CardRecordSchema = v.pipe(
  CardRecordFieldsSchema,
  ...cardChecks<v.InferOutput<typeof CardRecordFieldsSchema>>(),
);
export type CardRecord = v.InferOutput<typeof CardRecordSchema>;

export const DeckRecordSchema = v.strictObject({
  id: recordId,
  videoKey,
  title: v.pipe(v.string(), v.maxLength(limits.deckTitle)),
  author: v.pipe(v.string(), v.maxLength(200)),
  description: v.pipe(v.string(), v.maxLength(2_000)),
  origin: v.strictObject({
    kind: v.picklist(['own', 'imported']),
    from: v.optional(v.pipe(v.string(), v.maxLength(limits.url))),
  }),
  enabled: v.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
  deleted: v.boolean(),
});
export type DeckRecord = v.InferOutput<typeof DeckRecordSchema>;

/**
 * A video with its notes, cards and decks: what the exports write of one video. Formats that
 * read only what a page can tell of a video take it with `VideoInfo`.
 */
export interface VideoAnnotations<Video extends VideoInfo = VideoRecord> {
  video: Video;
  notes: readonly NoteRecord[];
  cards: readonly CardRecord[];
  decks: readonly DeckRecord[];
}

/** `#tags` written in a note, lower-cased and unique, in order of appearance. */
export function tagsOf(text: string): string[] {
  const tags = new Set<string>();
  for (const match of text.matchAll(/(?:^|[\s(])#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu)) {
    const tag = match[1]!.toLowerCase().slice(0, limits.tag);
    tags.add(tag);
    if (tags.size === limits.tags) break;
  }
  return [...tags];
}

/** Valibot's names for what is wrong, in its messages of its own (`Invalid type: …`). */
const issueLabels: Record<string, () => string> = {
  type: () => i18n.t('validation.label.type'),
  key: () => i18n.t('validation.label.key'),
  value: () => i18n.t('validation.label.value'),
  length: () => i18n.t('validation.label.length'),
  entries: () => i18n.t('validation.label.entries'),
  item: () => i18n.t('validation.label.item'),
  input: () => i18n.t('validation.label.input'),
};

/**
 * Valibot's own message (`Invalid value: Expected >=0 but received -1`) in the UI language.
 * Valibot writes it in English and keeps no label apart, so the label is read back from the
 * message; a message of any other shape is returned as it is.
 */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  const label = /^Invalid ([a-z ]+): /.exec(issue.message)?.[1];
  const translateLabel = label === undefined ? undefined : issueLabels[label];
  if (label === undefined || translateLabel === undefined) return issue.message;
  const { expected, received } = issue;
  const valibotMessage = `Invalid ${label}: ${expected ? `Expected ${expected} but r` : 'R'}eceived ${received}`;
  if (issue.message !== valibotMessage) return issue.message;
  return expected
    ? i18n.t('validation.expected', [translateLabel(), expected, received])
    : i18n.t('validation.received', [translateLabel(), received]);
}

/** The first problem valibot found, as a sentence a user can act on. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return i18n.t('validation.invalid');
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  const message = issueMessage(issue);
  return path ? `${path}: ${message}` : message;
}
