// The JSON backup of every table, tombstones included: written deterministically, read back validated whole.
import * as v from 'valibot';
import { i18n } from '#i18n';
import {
  type CardRecord,
  CardRecordSchema,
  type DeckRecord,
  DeckRecordSchema,
  type NoteRecord,
  NoteRecordSchema,
  type VideoRecord,
  VideoRecordSchema,
} from '../model/records';
import { describeFileIssue, placeOf } from './problems';
import { type Parsed, parseJsonSafely } from './safe-json';

export const backupFormat = 'cuecards-backup';
export const backupVersion = 1;
const maxBackupBytes = 200_000_000;

/**
 * Everything the store holds, tombstones included, so sync and undo survive a restore.
 * No export time inside: the same data always gives the same bytes.
 */
export const BackupSchema = v.strictObject({
  format: v.literal(backupFormat, () => i18n.t('validation.mustBe', [`"${backupFormat}"`])),
  version: v.literal(backupVersion, () => i18n.t('validation.mustBe', [String(backupVersion)])),
  videos: v.array(VideoRecordSchema),
  notes: v.array(NoteRecordSchema),
  cards: v.array(CardRecordSchema),
  decks: v.array(DeckRecordSchema),
});
export type Backup = v.InferOutput<typeof BackupSchema>;

export interface BackupContents {
  videos: readonly VideoRecord[];
  notes: readonly NoteRecord[];
  cards: readonly CardRecord[];
  decks: readonly DeckRecord[];
}

// JSON.stringify with a list of keys writes only those keys, in that order, at every depth:
// records come out in schema order whatever order the store kept their fields in.
const videoKeys = Object.keys(VideoRecordSchema.entries);
const noteKeys = Object.keys(NoteRecordSchema.entries);
const cardKeys = Object.keys(CardRecordSchema.pipe[0].entries);
const deckKeys = [
  ...Object.keys(DeckRecordSchema.entries),
  ...Object.keys(DeckRecordSchema.entries.origin.entries),
];

function byString<T>(keyOf: (item: T) => string): (a: T, b: T) => number {
  // Code-unit order, not localeCompare: the same on every machine and locale.
  return (a, b) => {
    const left = keyOf(a);
    const right = keyOf(b);
    return left < right ? -1 : left > right ? 1 : 0;
  };
}

function recordLines<T>(
  name: string,
  records: readonly T[],
  keys: string[],
  order: (a: T, b: T) => number,
): string {
  if (records.length === 0) return `  "${name}": []`;
  const lines = [...records].sort(order).map((record) => `    ${JSON.stringify(record, keys)}`);
  return `  "${name}": [\n${lines.join(',\n')}\n  ]`;
}

/**
 * One record per line, sorted by primary key, fields in schema order: deterministic, quick to
 * write and read, and a backup still diffs line by line.
 */
export function serializeBackup(data: BackupContents): string {
  const byId = byString<{ id: string }>((record) => record.id);
  return `${[
    '{',
    `  "format": "${backupFormat}",`,
    `  "version": ${backupVersion},`,
    `${recordLines(
      'videos',
      data.videos,
      videoKeys,
      byString((video) => video.key),
    )},`,
    `${recordLines('notes', data.notes, noteKeys, byId)},`,
    `${recordLines('cards', data.cards, cardKeys, byId)},`,
    recordLines('decks', data.decks, deckKeys, byId),
    '}',
  ].join('\n')}\n`;
}

/** The first record whose key repeats one before it, as `note 3, id: …`. */
function repeatedKey<T>(
  table: string,
  records: readonly T[],
  field: string,
  keyOf: (record: T) => string,
): string | undefined {
  const seen = new Set<string>();
  for (const [index, record] of records.entries()) {
    const key = keyOf(record);
    if (seen.has(key)) return `${placeOf([table, index, field])}: ${i18n.t('backup.repeatedKey')}`;
    seen.add(key);
  }
  return undefined;
}

function missingReference<T>(
  table: string,
  records: readonly T[],
  field: string,
  keyOf: (record: T) => string,
  known: ReadonlySet<string>,
  what: string,
): string | undefined {
  for (const [index, record] of records.entries()) {
    if (!known.has(keyOf(record))) return `${placeOf([table, index, field])}: ${what}`;
  }
  return undefined;
}

/**
 * What the schema cannot see: keys are unique per table, and every reference points at a row
 * of the backup (the store writes a video with its first note or card, and a card into a deck).
 */
function crossCheck(backup: Backup): string | undefined {
  const videoKeys = new Set(backup.videos.map((video) => video.key));
  const deckIds = new Set(backup.decks.map((deck) => deck.id));
  const noVideo = i18n.t('backup.noVideo');
  return (
    repeatedKey('videos', backup.videos, 'key', (video) => video.key) ??
    repeatedKey('notes', backup.notes, 'id', (note) => note.id) ??
    repeatedKey('cards', backup.cards, 'id', (card) => card.id) ??
    repeatedKey('decks', backup.decks, 'id', (deck) => deck.id) ??
    missingReference(
      'notes',
      backup.notes,
      'videoKey',
      (note) => note.videoKey,
      videoKeys,
      noVideo,
    ) ??
    missingReference(
      'cards',
      backup.cards,
      'videoKey',
      (card) => card.videoKey,
      videoKeys,
      noVideo,
    ) ??
    missingReference(
      'decks',
      backup.decks,
      'videoKey',
      (deck) => deck.videoKey,
      videoKeys,
      noVideo,
    ) ??
    missingReference(
      'cards',
      backup.cards,
      'deckId',
      (card) => card.deckId,
      deckIds,
      i18n.t('backup.noDeck'),
    )
  );
}

/** Parses and validates a whole backup; says which field of which record is wrong. */
export function parseBackup(text: string): Parsed<Backup> {
  const json = parseJsonSafely(text, maxBackupBytes, i18n.t('fileKind.backup'));
  if (!json.ok) return json;
  const parsed = v.safeParse(BackupSchema, json.value);
  if (!parsed.success) {
    return { ok: false, error: i18n.t('backup.invalid', [describeFileIssue(parsed.issues)]) };
  }
  const problem = crossCheck(parsed.output);
  if (problem) return { ok: false, error: i18n.t('backup.invalid', [problem]) };
  return { ok: true, value: parsed.output };
}
