// Pure: a deck as WebVTT cues, and cues of any tool's WebVTT or SubRip read back as cards.
import * as v from 'valibot';
import { i18n } from '#i18n';
import { isUuid } from '../model/ids';
import {
  type CardKind,
  type CardRecord,
  type CardShape,
  cardKinds,
  cardRules,
  httpUrl,
  limits,
  type Rule,
  type VideoInfo,
} from '../model/records';
import { formatTimestamp } from '../timeline/time';
import { decodeCharacterReferences } from './character-references';
import { type DeckFile, DeckFileSchema, deckFileFormat, deckFileVersion } from './deck-file';
import { describeFileIssue, problemOf, quoted } from './problems';
import type { Parsed } from './safe-json';
import { stableId } from './stable-id';

/*
 * A deck as a WebVTT file, so its cards play as captions in any video player and other tools'
 * caption files become decks.
 *
 * Each card is one cue, its id the cue id:
 *
 *   01890a5d-ac96-774b-bcce-b302099a8202
 *   00:00:20.000 --> 00:00:26.000
 *   <c.music><b>Training Montage</b></c>
 *   By Vince DiCola
 *   <c.link>https://en.wikipedia.org/wiki/Vince_DiCola</c>
 *
 * The kind is a class span on the first line. A class changes nothing a player shows (unlike a
 * voice span, which names a speaker, and a kind is not one), it can be styled per kind with
 * `::cue(.music)`, and it is the spec's own way to attach a label to cue text. Its presence
 * also marks the cue as written by Cuecards, which is then read back exactly: the first line in
 * <b> is the title, `<c.link>` is the link, a `<c></c>` line is a blank line of the text.
 * Cues from other tools are read more loosely (see readForeignPayload).
 */

const maxWebVttChars = 2_000_000;
const maxCues = 2_000;
const blankLineMarker = '<c></c>';
// Lines are already split at CR and LF, so `.` may match anything else (the `s` flag): a U+2028
// in a title is part of the title, not a line break.
const kindClass = new RegExp(`^<c\\.(${cardKinds.join('|')})>`);
const linkLine = /^<c\.link>(.*)<\/c>$/s;
const boldLine = /^<b>((?:(?!<\/b>).)*)<\/b>$/s;
// hh:mm:ss.ttt (hours two digits or more) or mm:ss.ttt, as the WebVTT syntax has them.
const timestampPattern = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const timingPattern = /^[ \t]*([\d:.,]+)[ \t]*-->[ \t]*([\d:.,]+)(?:[ \t].*)?$/s;
// SubRip as players read it: one or more hour digits, a comma (or a dot), one to three digits.
const subRipTimestampPattern = /^(\d+):([0-5]\d):([0-5]\d)[,.](\d{1,3})$/;

// ---- Writing

/** A WebVTT file of the deck's live cards, in start order. */
export function cardsToWebVtt(
  video: VideoInfo,
  deck: { title: string },
  cards: readonly CardRecord[],
): string {
  const title = oneLine(deck.title);
  const blocks = [
    title ? `WEBVTT - ${title}` : 'WEBVTT',
    `NOTE\nCuecards cards for ${oneLine(video.url)}`,
    ...cards
      .filter((card) => !card.deleted)
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map(cueOf),
  ];
  return `${blocks.join('\n\n')}\n`;
}

function cueOf(card: CardRecord): string {
  const textLines = card.text === '' ? [] : card.text.split('\n');
  const firstLine =
    card.title !== ''
      ? `<b>${escapeCueText(card.title)}</b>`
      : escapeCueText(textLines.shift() ?? '');
  const lines = [
    card.id,
    `${formatCueTime(card.start)} --> ${formatCueTime(card.end)}`,
    `<c.${card.kind}>${firstLine}</c>`,
    // A blank line would end the cue; the marker keeps it, and whitespace-only lines too, since
    // some readers trim before they look for the blank line.
    ...textLines.map(
      (line) => `${line.trim() === '' ? blankLineMarker : ''}${escapeCueText(line)}`,
    ),
  ];
  if (card.link !== undefined) lines.push(`<c.link>${escapeCueText(card.link)}</c>`);
  return lines.join('\n');
}

/** Escapes what cue text parsers read as markup; `>` too, so `-->` never appears in a cue. */
function escapeCueText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Header and NOTE text: one line, and no `-->`, which would start a cue. */
function oneLine(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/-{2,}>/g, '→')
    .trim();
}

function formatCueTime(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const ms = totalMs % 1000;
  const totalSeconds = (totalMs - ms) / 1000;
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}.${pad(ms, 3)}`;
}

// ---- Reading

interface Block {
  lines: string[];
  /** 1-based line number of the block's first line, for messages. */
  firstLine: number;
}

interface CueContent {
  kind: CardKind;
  title: string;
  text: string;
  link?: string;
}

type DeckFileCard = DeckFile['cards'][number];

/** Where the cues go, and what the deck made of them is called. */
export interface CueTarget {
  video: VideoInfo;
  deckTitle: string;
  now: number;
}

/** What tells one cue format from another: its times, and its words for the file. */
interface CueSyntax {
  seconds: (timestamp: string) => number | undefined;
  /** A cue's payload as WebVTT cue text. */
  payloadOf: (lines: string[]) => string[];
  badTime: (cueNumber: string, lineNumber: string, found: string) => string;
  expectedTiming: (lineNumber: string, cueNumber: string) => string;
  noCues: () => string;
  notDeck: (issue: string) => string;
}

const webVttSyntax: CueSyntax = {
  seconds: cueSeconds,
  payloadOf: (lines) => lines,
  badTime: (cue, line, found) => i18n.t('webvtt.badTime', [cue, line, found]),
  expectedTiming: (line, cue) => i18n.t('webvtt.expectedTiming', [line, cue]),
  noCues: () => i18n.t('webvtt.noCues'),
  notDeck: (issue) => i18n.t('webvtt.notDeck', [issue]),
};

/**
 * Reads a WebVTT file into a deck for `target.video`: one card per cue with text, validated
 * whole. Errors name the cue by its number and start time.
 */
export function parseWebVtt(text: string, target: CueTarget): Parsed<DeckFile> {
  if (text.length > maxWebVttChars) {
    return fail(i18n.t('validation.fileTooLarge', [String(maxWebVttChars / 1_000_000)]));
  }
  const [header, ...blocks] = blocksOf(text.replace(/^\uFEFF/, ''));
  if (!header || !/^WEBVTT(?:[ \t].*)?$/s.test(header.lines[0]!)) {
    return fail(i18n.t('webvtt.notWebVtt'));
  }
  const arrowInHeader = header.lines.findIndex((line) => line.includes('-->'));
  if (arrowInHeader !== -1) {
    return fail(i18n.t('webvtt.headerNeedsBlank', [String(header.firstLine + arrowInHeader)]));
  }
  return deckOfCues(blocks, target, webVttSyntax);
}

const subRipSyntax: CueSyntax = {
  seconds: subRipSeconds,
  // SubRip text is not WebVTT's: `&` is a plain ampersand and `{\an8}` an ASS position tag.
  payloadOf: (lines) =>
    lines.map((line) => line.replace(/\{\\[^}]*\}/g, '').replace(/&/g, '&amp;')),
  badTime: (cue, line, found) => i18n.t('subRip.badTime', [cue, line, found]),
  expectedTiming: (line, cue) => i18n.t('subRip.expectedTiming', [line, cue]),
  noCues: () => i18n.t('subRip.noCues'),
  notDeck: (issue) => i18n.t('subRip.notDeck', [issue]),
};

/** A SubRip `.srt` line that starts a file: a cue number, then its timing. */
export function looksLikeSubRip(text: string): boolean {
  return /^\uFEFF?\s*\d+[ \t]*\r?\n[ \t]*\d+:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->/.test(text);
}

/**
 * Reads a SubRip file into a deck as WebVTT cues are read: its cue numbers are no ids, so
 * each card's id comes from its times and text. Errors name the cue by its number.
 */
export function parseSubRip(text: string, target: CueTarget): Parsed<DeckFile> {
  if (text.length > maxWebVttChars) {
    return fail(i18n.t('validation.fileTooLarge', [String(maxWebVttChars / 1_000_000)]));
  }
  return deckOfCues(blocksOf(text.replace(/^\uFEFF/, '')), target, subRipSyntax);
}

/** One card per cue with text, validated whole. */
function deckOfCues(blocks: Block[], target: CueTarget, syntax: CueSyntax): Parsed<DeckFile> {
  const cards: DeckFileCard[] = [];
  const cueNumbers: number[] = [];
  const cueOfId = new Map<string, number>();
  let cueNumber = 0;
  for (const block of blocks) {
    if (/^(?:NOTE(?:[ \t]|$)|(?:STYLE|REGION)[ \t]*$)/.test(block.lines[0]!)) continue;
    cueNumber += 1;
    if (cueNumber > maxCues) return fail(i18n.t('webvtt.tooManyCues', [String(maxCues)]));

    const cue = readCue(block, cueNumber, syntax);
    if (!cue.ok) return cue;
    const { id, start, end } = cue.value;
    const payload = syntax.payloadOf(cue.value.payload);
    const name = cueName(cueNumber, start);
    const content = isOurs(payload) ? readOwnPayload(payload) : readForeignPayload(payload);
    if (!content) continue;
    const problem = cueProblem(start, end, content);
    if (problem) return fail(`${name}: ${problem}`);

    // Without the speakers, as cards were named before they were kept.
    const plain = payload.map(withoutTags).join('\n');
    const cardId = id && isUuid(id) ? id : stableId(target.video.key, `${start}`, `${end}`, plain);
    const earlier = cueOfId.get(cardId);
    if (earlier !== undefined) {
      // A derived id repeats only for an identical cue (same times, same text): keep one.
      if (cardId !== id) continue;
      return fail(`${name}: ${i18n.t('webvtt.repeatsId', [String(earlier)])}`);
    }
    cueOfId.set(cardId, cueNumber);
    cueNumbers.push(cueNumber);
    cards.push({
      id: cardId,
      start,
      end,
      ...content,
      createdAt: target.now,
      updatedAt: target.now,
    });
  }
  if (cards.length === 0) return fail(syntax.noCues());

  const file = {
    format: deckFileFormat,
    version: deckFileVersion,
    video: target.video,
    deck: {
      id: stableId(target.video.key, 'webvtt', target.deckTitle),
      title: target.deckTitle,
      author: '',
      description: '',
      createdAt: target.now,
      updatedAt: target.now,
    },
    cards,
  };
  const parsed = v.safeParse(DeckFileSchema, file);
  if (parsed.success) return { ok: true, value: parsed.output };
  const [issue] = parsed.issues;
  const [top, index, ...rest] = issue.path?.map((item) => String(item.key)) ?? [];
  const card = top === 'cards' && index !== undefined ? cards[Number(index)] : undefined;
  if (!card) return fail(syntax.notDeck(describeFileIssue(parsed.issues)));
  const field = rest.length > 0 ? `${rest.join('.')}: ` : '';
  const name = cueName(cueNumbers[Number(index)]!, card.start);
  return fail(`${name}: ${field}${problemOf(issue)}`);
}

/** `Cue 3 (at 1:23)`: how a problem names the cue it is in. */
const cueName = (cueNumber: number, start: number) =>
  i18n.t('webvtt.cue', [String(cueNumber), formatTimestamp(start)]);

const fail = (error: string) => ({ ok: false, error }) as const;

/** Lines grouped into blocks at blank lines, as the WebVTT parser does. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line === '') {
      current = undefined;
    } else if (current) {
      current.lines.push(line);
    } else {
      current = { lines: [line], firstLine: index + 1 };
      blocks.push(current);
    }
  });
  return blocks;
}

function readCue(
  block: Block,
  cueNumber: number,
  syntax: CueSyntax,
): Parsed<{ id?: string; start: number; end: number; payload: string[] }> {
  const hasId = !block.lines[0]!.includes('-->');
  const timingLine = block.lines[hasId ? 1 : 0];
  const lineNumber = block.firstLine + (hasId ? 1 : 0);
  const timing = timingLine === undefined ? null : timingPattern.exec(timingLine);
  if (!timing) {
    return fail(syntax.expectedTiming(String(lineNumber), String(cueNumber)));
  }
  const start = syntax.seconds(timing[1]!);
  const end = syntax.seconds(timing[2]!);
  if (start === undefined || end === undefined) {
    const wrong = start === undefined ? timing[1] : timing[2];
    return fail(syntax.badTime(String(cueNumber), String(lineNumber), quoted(wrong ?? '')));
  }
  const payload = block.lines.slice(hasId ? 2 : 1);
  const arrow = payload.findIndex((line) => line.includes('-->'));
  if (arrow !== -1) {
    return fail(i18n.t('webvtt.cueNeedsBlank', [String(lineNumber + 1 + arrow)]));
  }
  return { ok: true, value: { id: hasId ? block.lines[0] : undefined, start, end, payload } };
}

function cueSeconds(timestamp: string): number | undefined {
  const match = timestampPattern.exec(timestamp);
  if (!match) return undefined;
  const [, hours = '0', minutes, seconds, millis] = match;
  // Whole milliseconds first, so 00:01:23.123 reads as exactly the double nearest 83.123.
  const totalMs =
    ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + Number(millis);
  return totalMs / 1000;
}

function subRipSeconds(timestamp: string): number | undefined {
  const match = subRipTimestampPattern.exec(timestamp);
  if (!match) return undefined;
  const [, hours, minutes, seconds, millis] = match;
  return cueSeconds(`${hours!.padStart(2, '0')}:${minutes}:${seconds}.${millis!.padEnd(3, '0')}`);
}

function isOurs(payload: string[]): boolean {
  return payload.length > 0 && kindClass.test(payload[0]!);
}

/** A cue written by cardsToWebVtt (or edited by hand since): read back exactly. */
function readOwnPayload(payload: string[]): CueContent | undefined {
  const [first = '', ...rest] = payload;
  const kind = kindClass.exec(first)![1] as CardKind;
  const firstContent = first.replace(kindClass, '').replace(/<\/c>$/, '');
  const bold = boldLine.exec(firstContent);
  const textLines = bold ? [] : [plainText(firstContent)];
  const link = rest.length > 0 ? linkLine.exec(rest[rest.length - 1]!) : null;
  if (link) rest.pop();
  textLines.push(...rest.map(plainText));
  const content: CueContent = {
    kind,
    title: bold ? plainText(bold[1]!) : '',
    text: textLines.join('\n'),
  };
  if (link) content.link = plainText(link[1]!);
  return isEmpty(content) ? undefined : content;
}

/**
 * A cue from another tool: lines are trimmed and blank ones dropped (auto-captions pad cues with
 * a line of one space). A first line wholly in <b> is the title; a last line that is only an
 * http(s) URL is the link; the rest is the text. A subtitle's lines are one utterance, so a
 * cue without bold stays all text rather than having its first line taken for a title.
 */
function readForeignPayload(payload: string[]): CueContent | undefined {
  const lines = payload
    .map((raw) => ({ raw: raw.trim(), plain: plainText(raw).trim() }))
    .filter((line) => line.plain !== '');
  const first = lines[0];
  const title = first && boldLine.test(first.raw) ? (lines.shift()?.plain ?? '') : '';
  const last = lines[lines.length - 1];
  const isLink =
    last !== undefined &&
    (lines.length > 1 || title !== '') &&
    !/\s/.test(last.plain) &&
    v.is(httpUrl, last.plain);
  if (isLink) lines.pop();
  const content: CueContent = {
    kind: 'fact',
    title,
    text: lines.map((line) => line.plain).join('\n'),
  };
  if (isLink) content.link = last.plain;
  return isEmpty(content) ? undefined : content;
}

function isEmpty(content: CueContent): boolean {
  return content.title.trim() === '' && content.text.trim() === '' && content.link === undefined;
}

/** The card rules a cue can break before it is a card, each said in the file's own terms. */
const cueRules: readonly [Rule<CardShape>, () => string][] = [
  [cardRules.endsAfterStart, () => i18n.t('webvtt.endAfterStart')],
  [cardRules.isShort, () => i18n.t('validation.cardTooLong', [String(limits.cardSeconds / 60)])],
  [cardRules.titleFits, () => i18n.t('webvtt.titleTooLong', [String(limits.cardTitle)])],
  [cardRules.textFits, () => i18n.t('webvtt.textTooLong', [String(limits.cardText)])],
];

/** What makes a cue unfit for a card; the deck's schema checks the rest once it is whole. */
function cueProblem(start: number, end: number, content: CueContent): string | undefined {
  const card = { start, end, ...content };
  return cueRules.find(([rule]) => !rule.isKept(card))?.[1]();
}

// `<v Rocky>` or `<v.loud Rocky>`: the annotation after the classes names the speaker.
const voiceTag = /<v(?:\.[^\s>]*)?[ \t\f]+([^>]*)(?:>|$)/g;

/**
 * Cue text without its tags (classes, karaoke timestamps such as <00:00:01.500>), its character
 * references decoded; a voice span's speaker is kept before its words, as `Rocky: `. As in the
 * WebVTT tokenizer, a tag runs to `>` or the line's end.
 */
function plainText(line: string): string {
  return withoutTags(
    line.replace(voiceTag, (_, speaker: string) => (speaker.trim() ? `${speaker.trim()}: ` : '')),
  );
}

function withoutTags(line: string): string {
  return decodeCharacterReferences(line.replace(/<[^>]*(?:>|$)/g, ''));
}
