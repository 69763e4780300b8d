// Pure: which format an imported file or pasted link is, and the batch it makes.
import { i18n } from '#i18n';
import type { VideoInfo } from '../model/records';
import { type Backup, parseBackup } from './backup';
import type { ImportBatch } from './batch';
import { parseDeckFile } from './deck-file';
import { type Parsed, parseJsonSafely } from './safe-json';
import { readShareLink } from './share-link';
import { parseWebAnnotations } from './web-annotation';
import { looksLikeSubRip, parseSubRip, parseWebVtt } from './webvtt';
import { parseYiNote } from './yinote';

/** What a batch was read from, as the preview names it. */
export type ImportSource =
  | 'share link'
  | 'deck file'
  | 'Web Annotations'
  | 'YiNote export'
  | 'WebVTT'
  | 'SubRip';

/** Something a viewer brought in, read and validated whole, not yet written. */
export type Incoming =
  | { kind: 'backup'; backup: Backup }
  | { kind: 'batch'; source: ImportSource; batch: ImportBatch }
  // A WebVTT or SubRip file names no video: the viewer picks one before it can be read.
  | { kind: 'webvtt'; text: string };

const batchOf = (parsed: Parsed<ImportBatch>, source: ImportSource): Parsed<Incoming> =>
  parsed.ok ? { ok: true, value: { kind: 'batch', source, batch: parsed.value } } : parsed;

const deckBatch = (
  parsed: ReturnType<typeof parseDeckFile>,
  source: ImportSource,
): Parsed<Incoming> =>
  parsed.ok
    ? batchOf({ ok: true, value: { videos: [], notes: [], decks: [parsed.value] } }, source)
    : parsed;

/** A peek at a JSON document's kind without trusting anything else in it. */
function jsonKind(text: string): 'backup' | 'deck' | 'annotations' | 'other' | undefined {
  // The peek only needs the top level; each reader below parses with its own, tighter cap.
  const json = parseJsonSafely(text, 200_000_000);
  if (!json.ok) return undefined;
  const value = json.value;
  if (Array.isArray(value)) {
    return value.length > 0 && value.every((item) => isRecord(item) && 'target' in item)
      ? 'annotations'
      : 'other';
  }
  if (!isRecord(value)) return 'other';
  if (value.format === 'cuecards-backup') return 'backup';
  if (value.format === 'cuecards-deck') return 'deck';
  if ('@context' in value || value.type === 'Annotation' || value.type === 'AnnotationPage')
    return 'annotations';
  return 'other';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads pasted text or a file's contents: a share link, a WebVTT file, a backup, a deck file,
 * W3C Web Annotations or a YiNote export. Each is validated whole by its own reader.
 */
export function readIncoming(text: string, now: number): Parsed<Incoming> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { ok: false, error: i18n.t('error.nothingToImport') };
  if (/^https?:\/\/\S+$/i.test(trimmed)) {
    const deck = readShareLink(trimmed);
    if (!deck) return { ok: false, error: i18n.t('error.noDeckInLink') };
    return deckBatch(deck, 'share link');
  }
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(trimmed) || looksLikeSubRip(trimmed)) {
    return { ok: true, value: { kind: 'webvtt', text } };
  }
  switch (jsonKind(trimmed)) {
    case 'backup': {
      const backup = parseBackup(trimmed);
      return backup.ok ? { ok: true, value: { kind: 'backup', backup: backup.value } } : backup;
    }
    case 'deck':
      return deckBatch(parseDeckFile(trimmed), 'deck file');
    case 'annotations':
      return batchOf(parseWebAnnotations(trimmed, now), 'Web Annotations');
    case 'other':
      return batchOf(parseYiNote(trimmed, now), 'YiNote export');
    default:
      return { ok: false, error: i18n.t('error.unreadable') };
  }
}

/** A WebVTT or SubRip file read as a deck for the video the viewer picked. */
export function readWebVttFor(
  text: string,
  video: VideoInfo,
  deckTitle: string,
  now: number,
): Parsed<Incoming> {
  const target = { video, deckTitle, now };
  return looksLikeSubRip(text)
    ? deckBatch(parseSubRip(text, target), 'SubRip')
    : deckBatch(parseWebVtt(text, target), 'WebVTT');
}
