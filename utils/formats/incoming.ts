// Pure: which format an imported file or pasted link is, and the batch it makes.
import { i18n } from '#i18n';
import type { VideoInfo } from '../model/records';
import { type Backup, backupFormat, parseBackup } from './backup';
import type { ImportBatch } from './batch';
import { deckFileFormat, parseDeckFile } from './deck-file';
import { quoted } from './problems';
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

type JsonKind = 'backup' | 'deck' | 'annotations' | 'other';

// Our writers put `format` first: its value tells the kind, and so the cap, before parsing.
const leadingFormat = /^\{\s*"format"\s*:\s*"((?:[^"\\]|\\.){0,100})"/;
const formatKinds: Record<string, JsonKind> = {
  [backupFormat]: 'backup',
  [deckFileFormat]: 'deck',
};
// The largest file any reader takes whose kind is not known before it is parsed.
const maxUnnamedJsonChars = 20_000_000;

/**
 * A peek at a JSON document's kind without trusting anything else in it, or why it cannot be
 * read. A file over every reader's cap is refused before it is parsed.
 */
function jsonKind(text: string): Parsed<JsonKind> {
  const named = formatKinds[leadingFormat.exec(text)?.[1] ?? ''];
  if (named) return { ok: true, value: named };
  const json = parseJsonSafely(text, maxUnnamedJsonChars, kindNameOf(text));
  if (!json.ok) return json;
  const value = json.value;
  if (Array.isArray(value)) {
    const isAnnotations =
      value.length > 0 && value.every((item) => isRecord(item) && 'target' in item);
    return { ok: true, value: isAnnotations ? 'annotations' : 'other' };
  }
  if (!isRecord(value)) return { ok: true, value: 'other' };
  if (value.format === backupFormat) return { ok: true, value: 'backup' };
  if (value.format === deckFileFormat) return { ok: true, value: 'deck' };
  if ('format' in value) {
    // An altered format: a file of ours by its tables, else one we do not read.
    if (['videos', 'notes'].some((table) => table in value)) return { ok: true, value: 'backup' };
    if ('deck' in value || 'cards' in value) return { ok: true, value: 'deck' };
    const format = typeof value.format === 'string' ? value.format : JSON.stringify(value.format);
    return { ok: false, error: i18n.t('json.unknownFormat', [quoted(String(format))]) };
  }
  if ('@context' in value || value.type === 'Annotation' || value.type === 'AnnotationPage')
    return { ok: true, value: 'annotations' };
  return { ok: true, value: 'other' };
}

/** What a file that is no longer JSON was, by what it still says, for the message. */
function kindNameOf(text: string): string {
  const start = text.slice(0, 1_000);
  if (start.includes(`"${backupFormat}"`)) return i18n.t('fileKind.backup');
  if (start.includes(`"${deckFileFormat}"`)) return i18n.t('fileKind.deckFile');
  if (/"@context"|"Annotation/.test(start)) return i18n.t('fileKind.webAnnotations');
  if (/^\{\s*"version"\s*:\s*"[^"]*"\s*,\s*"data"/.test(start)) return i18n.t('fileKind.yiNote');
  return i18n.t('fileKind.file');
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
  // Neither JSON nor a format of ours: nothing in it to point at.
  if (!/^[[{]/.test(trimmed)) return { ok: false, error: i18n.t('error.unreadable') };
  const kind = jsonKind(trimmed);
  if (!kind.ok) return kind;
  switch (kind.value) {
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
