// The versioned `.cuecards.json` deck file: written from a deck, read back validated whole.
import * as v from 'valibot';
import { i18n } from '#i18n';
import {
  CardInputSchema,
  type CardRecord,
  cardChecks,
  type DeckRecord,
  limits,
  type VideoInfo,
  VideoInfoSchema,
} from '../model/records';
import { describeFileIssue } from './problems';
import { type Parsed, parseJsonSafely } from './safe-json';

export const deckFileFormat = 'cuecards-deck';
export const deckFileVersion = 1;
const maxDeckFileBytes = 2_000_000;
const maxCardsPerDeck = 2_000;

const cardFields = CardInputSchema.pipe[0].entries;
const deckFields = {
  id: cardFields.id,
  title: v.pipe(
    v.string(),
    v.minLength(1, () => i18n.t('validation.empty')),
    v.maxLength(limits.deckTitle),
  ),
  author: v.pipe(v.string(), v.maxLength(200)),
  description: v.pipe(v.string(), v.maxLength(2_000)),
  createdAt: cardFields.createdAt,
  updatedAt: cardFields.updatedAt,
};

const DeckFileCardFields = v.strictObject({
  id: cardFields.id,
  start: cardFields.start,
  end: cardFields.end,
  title: cardFields.title,
  text: cardFields.text,
  link: cardFields.link,
  kind: cardFields.kind,
  source: cardFields.source,
  createdAt: cardFields.createdAt,
  updatedAt: cardFields.updatedAt,
});
const DeckFileCardSchema = v.pipe(
  DeckFileCardFields,
  ...cardChecks<v.InferOutput<typeof DeckFileCardFields>>(),
);

/** A shared deck: the video it belongs to, the deck, and its cards. Versioned. */
export const DeckFileSchema = v.strictObject({
  format: v.literal(deckFileFormat, () => i18n.t('validation.mustBe', [`"${deckFileFormat}"`])),
  version: v.literal(deckFileVersion, () => i18n.t('validation.mustBe', [String(deckFileVersion)])),
  video: VideoInfoSchema,
  deck: v.strictObject(deckFields),
  cards: v.pipe(
    v.array(DeckFileCardSchema),
    v.maxLength(maxCardsPerDeck, () => i18n.t('deckFile.tooManyCards', [String(maxCardsPerDeck)])),
    v.check(
      (cards) => new Set(cards.map((card) => card.id)).size === cards.length,
      () => i18n.t('deckFile.repeatedCardId'),
    ),
  ),
});
export type DeckFile = v.InferOutput<typeof DeckFileSchema>;

/**
 * A deck file read whole, or why not: `error` when the text is no JSON to read, `issue` (the
 * field at fault and what is wrong with it) when it is JSON but no valid deck. Each caller
 * says it in its own sentence.
 */
export type DeckFileReading =
  | { ok: true; value: DeckFile }
  | { ok: false; error: string }
  | { ok: false; issue: string };

export function readDeckFile(text: string): DeckFileReading {
  const json = parseJsonSafely(text, maxDeckFileBytes, i18n.t('fileKind.deckFile'));
  if (!json.ok) return json;
  const parsed = v.safeParse(DeckFileSchema, json.value);
  if (!parsed.success) return { ok: false, issue: describeFileIssue(parsed.issues) };
  return { ok: true, value: parsed.output };
}

/** Parses and validates a whole deck file; says which field of which card is wrong. */
export function parseDeckFile(text: string): Parsed<DeckFile> {
  const reading = readDeckFile(text);
  if (reading.ok || 'error' in reading) return reading;
  return { ok: false, error: i18n.t('deckFile.invalid', [reading.issue]) };
}

/** A stored deck and its live cards as the file a friend can import. */
export function deckFileFrom(
  video: VideoInfo,
  deck: DeckRecord,
  cards: readonly CardRecord[],
): DeckFile {
  return {
    format: deckFileFormat,
    version: deckFileVersion,
    video,
    deck: {
      id: deck.id,
      title: deck.title,
      author: deck.author,
      description: deck.description,
      createdAt: deck.createdAt,
      updatedAt: deck.updatedAt,
    },
    cards: cards
      .filter((card) => !card.deleted)
      .map(({ deckId: _deck, videoKey: _video, deleted: _deleted, ...card }) => card),
  };
}

export function serializeDeckFile(file: DeckFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
