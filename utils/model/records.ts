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

const id = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f-]{36}$/i, () => i18n.t('validation.uuid')),
);
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const seconds = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e7));
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

export const VideoInfoSchema = v.strictObject({
  key: videoKey,
  provider: v.picklist(['youtube', 'vimeo', 'web']),
  title: v.pipe(v.string(), v.maxLength(limits.title)),
  url: httpUrl,
  duration: v.optional(seconds),
});
export type VideoInfo = v.InferOutput<typeof VideoInfoSchema>;

export const VideoRecordSchema = v.strictObject({
  ...VideoInfoSchema.entries,
  lastSeenAt: timestamp,
  /** The viewer named this video: the page's own title no longer replaces theirs. */
  renamed: v.optional(v.literal(true)),
});
export type VideoRecord = v.InferOutput<typeof VideoRecordSchema>;

/** A note as a client sends it: tags are derived by the store, never trusted from input. */
export const NoteInputSchema = v.strictObject({
  id,
  videoKey,
  t: seconds,
  text: v.pipe(
    v.string(),
    v.check(
      (s) => s.trim().length > 0,
      () => i18n.t('validation.empty'),
    ),
    v.maxLength(limits.noteText, longerThan(limits.noteText)),
  ),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type NoteInput = v.InferOutput<typeof NoteInputSchema>;

export const NoteRecordSchema = v.strictObject({
  ...NoteInputSchema.entries,
  tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(limits.tag))), v.maxLength(limits.tags)),
  deleted: v.boolean(),
});
export type NoteRecord = v.InferOutput<typeof NoteRecordSchema>;

export const cardKinds = ['fact', 'music', 'place', 'person', 'quote'] as const;
export type CardKind = (typeof cardKinds)[number];

interface CardShape {
  start: number;
  end: number;
  title: string;
  text: string;
}

/** What makes a card whole, beyond its fields: shared by every way a card comes in. */
export function cardRules<T extends CardShape>() {
  return [
    v.check<T, v.ErrorMessage<v.CheckIssue<T>>>(
      (card) => card.end > card.start,
      () => `end: ${i18n.t('validation.endAfterStart')}`,
    ),
    v.check<T, v.ErrorMessage<v.CheckIssue<T>>>(
      (card) => card.end - card.start <= limits.cardSeconds,
      () => `end: ${i18n.t('validation.cardTooLong', [String(limits.cardSeconds / 60)])}`,
    ),
    v.check<T, v.ErrorMessage<v.CheckIssue<T>>>(
      (card) => card.title.trim() !== '' || card.text.trim() !== '',
      () => `text: ${i18n.t('validation.needsWords')}`,
    ),
  ] as const;
}

/** A card as a client sends it; `deckId` is left to the store for the viewer's own deck. */
const CardFieldsSchema = v.strictObject({
  id,
  videoKey,
  start: seconds,
  end: seconds,
  title: v.pipe(v.string(), v.maxLength(limits.cardTitle, longerThan(limits.cardTitle))),
  text: v.pipe(v.string(), v.maxLength(limits.cardText, longerThan(limits.cardText))),
  link: v.optional(httpUrl),
  kind: v.picklist(cardKinds, () => i18n.t('validation.oneOf', [cardKinds.join(', ')])),
  source: v.optional(httpUrl),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export const CardInputSchema = v.pipe(
  CardFieldsSchema,
  ...cardRules<v.InferOutput<typeof CardFieldsSchema>>(),
);
export type CardInput = v.InferOutput<typeof CardInputSchema>;

export const CardRecordSchema = v.strictObject({
  ...CardInputSchema.pipe[0].entries,
  deckId: id,
  deleted: v.boolean(),
});
export type CardRecord = v.InferOutput<typeof CardRecordSchema>;

export const DeckRecordSchema = v.strictObject({
  id,
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
