// Pure: YiNote's exports read as notes, keyed so that importing twice adds nothing.
import * as v from 'valibot';
import { i18n } from '#i18n';
import { httpUrl, limits, type NoteInput, NoteInputSchema, type VideoInfo } from '../model/records';
import { identifyVideo } from '../model/video-key';
import type { ImportBatch } from './batch';
import { decodeCharacterReferences } from './character-references';
import { describeFileIssue, quoted } from './problems';
import { type Parsed, parseJsonSafely } from './safe-json';
import { stableId } from './stable-id';

/*
 * Import of a YiNote export ("yi-note.json"), so viewers can bring their notes along.
 * The file is `{ "version": "1.6.0", "data": [page, …] }`, one page per web page with notes:
 *   page: { id, meta: { url, title, description, image, … }, notes: [note, …], tags, createdAt }
 *   note: { id, content (Markdown), timestamp (seconds, may be fractional), image (a screenshot
 *           as a data: URL), type: "video" }
 * Notes carry no dates of their own; the page's createdAt (`createAt` in pages that YiNote 1.0
 * migrated from 0.6) is when its first note was taken. Pages migrated from 0.6 may also hold
 * `type: "article"` notes on the page text, without a timestamp.
 */

const maxYiNoteChars = 20_000_000;

const notMillis = () => i18n.t('yinote.millis');
const millis = v.pipe(
  v.number(),
  v.integer(notMillis),
  v.minValue(0, notMillis),
  v.maxValue(8.64e15, notMillis),
);

const notSeconds = () => i18n.t('yinote.seconds');

const ExportSchema = v.looseObject({ version: v.string(), data: v.array(v.unknown()) });

const PageSchema = v.looseObject({
  meta: v.looseObject({ url: v.string(), title: v.optional(v.string()) }),
  notes: v.optional(v.array(v.unknown())),
  createdAt: v.optional(millis),
  createAt: v.optional(millis),
});

const NoteSchema = v.looseObject({
  content: v.string(),
  timestamp: v.optional(
    v.pipe(
      v.number(notSeconds),
      v.finite(notSeconds),
      v.minValue(0, notSeconds),
      v.maxValue(1e7, notSeconds),
    ),
  ),
  type: v.optional(v.string()),
  // YiNote writes neither; read them if a later version does.
  createdAt: v.optional(millis),
  updatedAt: v.optional(millis),
});

/**
 * Reads a YiNote export into notes, one video per page (pages of the same video merge). Note
 * ids come from the video, time and text, so importing the same file twice adds nothing.
 * Errors name the page and the note, counted from 1.
 */
export function parseYiNote(text: string, now: number): Parsed<ImportBatch> {
  const json = parseJsonSafely(text, maxYiNoteChars, i18n.t('fileKind.yiNote'));
  if (!json.ok) return json;
  const file = v.safeParse(ExportSchema, json.value);
  if (!file.success) {
    return fail(i18n.t('yinote.notExport'));
  }
  // Exports of YiNote before 1.0 are backups of another shape, which YiNote itself refuses.
  const major = Number.parseInt(file.output.version, 10);
  if (!(major >= 1)) {
    const version = quoted(file.output.version) || i18n.t('yinote.unknownVersion');
    return fail(i18n.t('yinote.oldVersion', [version]));
  }

  const videos = new Map<string, VideoInfo>();
  const notes = new Map<string, NoteInput>();
  for (const [pageIndex, rawPage] of file.output.data.entries()) {
    const pageName = i18n.t('yinote.page', [String(pageIndex + 1)]);
    const page = v.safeParse(PageSchema, rawPage);
    if (!page.success) return invalid(`${pageName}: ${describeFileIssue(page.issues)}`);
    const { meta, notes: pageNotes = [], createdAt, createAt } = page.output;
    // A bookmark without notes has nothing to import.
    if (pageNotes.length === 0) continue;

    const pageVideo = videoOf(meta);
    if (!pageVideo.ok) return invalid(`${pageName}: meta.url: ${pageVideo.error}`);
    // Pages of the same video (a watch page and a share link, say) share one video.
    const video = videos.get(pageVideo.value.key) ?? pageVideo.value;
    if (video.title === '') video.title = pageVideo.value.title;

    for (const [noteIndex, rawNote] of pageNotes.entries()) {
      const noteName = i18n.t('yinote.note', [pageName, String(noteIndex + 1)]);
      const parsed = v.safeParse(NoteSchema, rawNote);
      if (!parsed.success) return invalid(`${noteName}: ${describeFileIssue(parsed.issues)}`);
      const note = parsed.output;
      // A note on an article's text has no place on a video.
      if (note.type === 'article') continue;
      if (note.timestamp === undefined)
        return invalid(`${noteName}: timestamp: ${i18n.t('validation.missing')}`);
      const noteText = htmlToText(note.content);
      // Nothing but markup (an image, say): no words to keep.
      if (noteText === '') continue;

      const id = stableId(video.key, `${note.timestamp}`, noteText);
      // YiNote's own import appends notes without looking, so one note can be there twice.
      if (notes.has(id)) continue;
      const noteCreatedAt = note.createdAt ?? createdAt ?? createAt ?? now;
      const input = {
        id,
        videoKey: video.key,
        t: note.timestamp,
        text: noteText,
        createdAt: noteCreatedAt,
        updatedAt: note.updatedAt ?? noteCreatedAt,
      };
      const valid = v.safeParse(NoteInputSchema, input);
      if (!valid.success) return invalid(`${noteName}: ${describeFileIssue(valid.issues)}`);
      notes.set(id, valid.output);
      videos.set(video.key, video);
    }
  }
  if (notes.size === 0) return fail(i18n.t('yinote.noNotes'));
  return {
    ok: true,
    value: { videos: [...videos.values()], notes: [...notes.values()], decks: [] },
  };
}

const fail = (error: string) => ({ ok: false, error }) as const;
const invalid = (problem: string) => fail(i18n.t('yinote.invalid', [problem]));

function videoOf(meta: { url: string; title?: string }): Parsed<VideoInfo> {
  if (!v.is(httpUrl, meta.url)) return fail(i18n.t('validation.httpUrl'));
  const identity = identifyVideo(meta.url);
  if (!identity) return fail(i18n.t('validation.notOneVideo'));
  const title = (meta.title ?? '').trim().slice(0, limits.title);
  return { ok: true, value: { ...identity, title } };
}

// ---- HTML to plain text, without a DOM

// Elements whose content is code, not words.
const rawTextElements = new Set(['script', 'style', 'template', 'textarea', 'title']);
// Elements that end a line when shown.
const lineBreakElements = new Set(
  'br p div li ul ol tr table h1 h2 h3 h4 h5 h6 blockquote pre hr section article header footer'.split(
    ' ',
  ),
);
// A Markdown autolink first, so <https://…> is not taken for an element named `https`.
const tagStart = /<(https?:\/\/[^\s<>]+)>|<(\/?)([A-Za-z][A-Za-z0-9-]*)|<!--|<[!?]/y;

/**
 * A note's text without HTML: tags removed (with the content of scripts and styles), character
 * references decoded, and no `<` left that could start a tag. Markdown stays Markdown. Runs in
 * one pass over the text, whatever it holds.
 */
export function htmlToText(html: string): string {
  let text = '';
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      text += html.slice(at);
      break;
    }
    text += html.slice(at, open);
    tagStart.lastIndex = open;
    const tag = tagStart.exec(html);
    if (!tag) {
      text += '<';
      at = open + 1;
    } else if (tag[1] !== undefined) {
      text += tag[1]; // a Markdown autolink: keep the address, drop the brackets
      at = open + tag[0].length;
    } else if (tag[0] === '<!--') {
      const end = html.indexOf('-->', open + 4);
      at = end === -1 ? html.length : end + 3;
    } else {
      const end = tagEnd(html, open);
      const name = tag[3]?.toLowerCase();
      const isOpening = tag[2] === '';
      if (name !== undefined && lineBreakElements.has(name)) text += '\n';
      at = end === -1 ? html.length : end + 1;
      if (name !== undefined && isOpening && rawTextElements.has(name)) {
        at = endOfRawText(html, name, at);
      }
    }
  }
  return decodeCharacterReferences(text.replace(/\r\n?/g, '\n'))
    .replace(/<(?=[A-Za-z!/?])/g, '< ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Where a tag ends: its `>`, skipping any inside quoted attribute values; -1 if it never does. */
function tagEnd(html: string, from: number): number {
  let quote = '';
  for (let at = from + 1; at < html.length; at++) {
    const char = html[at]!;
    if (quote !== '') {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return at;
    }
  }
  return -1;
}

function endOfRawText(html: string, name: string, from: number): number {
  const closing = new RegExp(`</${name}`, 'gi');
  closing.lastIndex = from;
  const match = closing.exec(html);
  if (!match) return html.length;
  const end = tagEnd(html, match.index);
  return end === -1 ? html.length : end + 1;
}
