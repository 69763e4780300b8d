import * as v from 'valibot';

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

const id = v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/i, 'must be a UUID'));
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15));
const seconds = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e7));
export const httpUrl = v.pipe(
  v.string(),
  v.maxLength(limits.url),
  v.check((s) => /^https?:\/\//i.test(s) && URL.canParse(s), 'must be an http(s) URL'),
);
export const videoKey = v.pipe(
  v.string(),
  v.maxLength(limits.videoKey),
  v.regex(/^(yt|vimeo|url):\S+$/, 'must be a video key'),
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
    v.check((s) => s.trim().length > 0, 'is empty'),
    v.maxLength(limits.noteText, `is longer than ${limits.noteText} characters`),
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
    v.check<T, string>((card) => card.end > card.start, 'end: must be after the start'),
    v.check<T, string>(
      (card) => card.end - card.start <= limits.cardSeconds,
      `end: a card lasts at most ${limits.cardSeconds / 60} minutes`,
    ),
    v.check<T, string>(
      (card) => card.title.trim() !== '' || card.text.trim() !== '',
      'text: a card needs a title or a text',
    ),
  ] as const;
}

/** A card as a client sends it; `deckId` is left to the store for the viewer's own deck. */
const CardFieldsSchema = v.strictObject({
  id,
  videoKey,
  start: seconds,
  end: seconds,
  title: v.pipe(
    v.string(),
    v.maxLength(limits.cardTitle, `is longer than ${limits.cardTitle} characters`),
  ),
  text: v.pipe(
    v.string(),
    v.maxLength(limits.cardText, `is longer than ${limits.cardText} characters`),
  ),
  link: v.optional(httpUrl),
  kind: v.picklist(cardKinds, `must be one of ${cardKinds.join(', ')}`),
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

/** The first problem valibot found, as a sentence a user can act on. */
export function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'is invalid';
  const path = issue.path?.map((item) => String(item.key)).join('.') ?? '';
  return path ? `${path}: ${issue.message}` : issue.message;
}
