// Pure: a video's notes and cards as Obsidian-ready Markdown, with the viewer's text made safe.
import { i18n } from '#i18n';
import type {
  CardRecord,
  DeckRecord,
  NoteRecord,
  VideoAnnotations,
  VideoRecord,
} from '../model/records';
import { timeLink } from '../model/video-key';
import { formatTimestampPadded, localDate } from '../timeline/time';

/**
 * One video as an Obsidian-ready Markdown file: front matter, a heading that links the video,
 * its live notes in time order (their own Markdown kept, made safe) and its live cards by deck
 * (plain text, escaped). Records of other videos and tombstones are left out.
 */
export function videoToMarkdown(input: VideoAnnotations, exportedAt: Date): string {
  const file = new MarkdownFile(input.video);
  for (const note of input.notes) file.addNote(note);
  return file.write(input.cards, input.decks, exportedAt);
}

/**
 * One video's Markdown file, its notes written one by one as they are read. An export of every
 * video keeps only these items and what orders them, not the notes themselves: at 100,000
 * notes the notes would double what the page holds, and the garbage collector's work with it.
 * The order is kept in plain arrays of numbers, which hold them without an object each.
 */
export class MarkdownFile {
  readonly #video: VideoRecord;
  readonly #items: string[] = [];
  readonly #times: number[] = [];
  readonly #createdAts: number[] = [];
  readonly #ids: string[] = [];
  readonly #tags = new Set<string>();
  readonly #timeTarget: (seconds: number) => string | undefined;

  constructor(video: VideoRecord) {
    this.#video = video;
    this.#timeTarget = timeLinkTarget(video);
  }

  /** Writes a live note of this video; tombstones and notes of other videos are left out. */
  addNote(note: NoteRecord): void {
    if (note.deleted || note.videoKey !== this.#video.key) return;
    const target = this.#timeTarget(note.t);
    // Digits and colons: nothing in a time needs escaping.
    const time = formatTimestampPadded(note.t);
    this.#items.push(noteItem(target ? `[${time}](${target})` : time, note.text));
    this.#times.push(note.t);
    this.#createdAts.push(note.createdAt);
    this.#ids.push(note.id);
    for (const tag of note.tags) if (isObsidianTag(tag)) this.#tags.add(tag);
  }

  /** The whole file, with the video's live cards of its live decks. */
  write(cards: readonly CardRecord[], decks: readonly DeckRecord[], exportedAt: Date): string {
    const video = this.#video;
    const times = this.#times;
    const createdAts = this.#createdAts;
    const ids = this.#ids;
    const order = Array.from(this.#items.keys()).sort(
      (a, b) =>
        times[a]! - times[b]! ||
        createdAts[a]! - createdAts[b]! ||
        compareStrings(ids[a]!, ids[b]!),
    );
    const sections = [
      frontMatter(video, [...this.#tags].sort(compareStrings), exportedAt),
      `# ${link(videoTitle(video), video.url)}`,
    ];
    if (order.length > 0) {
      let list = `## ${i18n.t('markdown.notes')}\n`;
      for (const index of order) list += `\n${this.#items[index]}`;
      sections.push(list);
    }
    const cardList = cardSection(video, cards, decks);
    if (cardList) sections.push(cardList);
    return `${sections.join('\n\n')}\n`;
  }
}

/** Obsidian takes `#1985` for text, not a tag: a tag needs one character that is no digit. */
function isObsidianTag(tag: string): boolean {
  return !/^\d+$/.test(tag);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function videoTitle(video: VideoRecord): string {
  return oneLine(video.title) || i18n.t('markdown.untitledVideo');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// --- Front matter ------------------------------------------------------------------------

function frontMatter(video: VideoRecord, tags: readonly string[], exportedAt: Date): string {
  const lines = [
    '---',
    `title: ${yamlString(video.title)}`,
    `url: ${yamlString(video.url)}`,
    `provider: ${video.provider}`,
  ];
  // Whole seconds as a number: Obsidian and Dataview sort and filter it, and an unquoted
  // `1:02:03` would be read as a base-60 integer by YAML 1.1 parsers anyway.
  if (video.duration) lines.push(`duration: ${Math.round(video.duration)}`);
  lines.push(`exported: ${localDate(exportedAt)}`);
  if (tags.length > 0) lines.push('tags:', ...tags.map((tag) => `  - ${yamlString(tag)}`));
  lines.push('---');
  return lines.join('\n');
}

const yamlEscapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t' };

/**
 * A double-quoted YAML scalar: the only form in which no character of the value (`: `, `#`,
 * quotes, line breaks) can end the string or the front matter early.
 */
function yamlString(value: string): string {
  const escaped = value.replace(
    /[\\"\p{Cc}\u2028\u2029\ufeff]/gu,
    (char) => yamlEscapes[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${escaped}"`;
}

// --- Links and plain text ----------------------------------------------------------------

/**
 * A URL fit for a Markdown link destination, or undefined when it is not http(s). The URL
 * parser already percent-encodes spaces and angle brackets; parentheses and backslashes are
 * encoded here because they would end the destination or escape the next character, and an
 * `&` that looks like an entity is escaped so it is not decoded.
 */
export function linkTarget(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  // Most stored URLs hold only characters that are safe as they are: no need to parse them.
  const isPlain = /^[\w.~:/?#@!$&'*+,;=%-]+$/.test(url);
  if (!isPlain && !URL.canParse(url)) return undefined;
  return (isPlain ? url : new URL(url).href)
    .replace(/[()\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/&(?=#?[0-9a-z]+;)/gi, '\\&');
}

/** `[text](url)` with the text escaped; the escaped text alone when the URL is not http(s). */
function link(text: string, url: string): string {
  const target = linkTarget(url);
  return target ? `[${escapeText(text)}](${target})` : escapeText(text);
}

/**
 * Escapes every character that could make plain text into Markdown: emphasis, code, links,
 * images, HTML, tags, tables, strikethrough and math, and entities such as `&lt;`.
 */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]()<>#|!~$]/g, '\\$&').replace(/&(?=#?[0-9a-z]+;)/gi, '\\&');
}

/** Like escapeText, for a line that starts a block: list markers and heading underlines too. */
function escapeLine(text: string): string {
  return escapeText(text).replace(/^([-+=])|^(\d+)([.)])/, (_, marker, digits, dot) =>
    marker ? `\\${marker}` : `${digits}\\${dot}`,
  );
}

// --- Notes -------------------------------------------------------------------------------

// A line that means something at the start of a block: a fence, heading, list item, quote
// or table row. A note that opens with one starts under its bullet rather than beside it.
const blockStart = /^(?:`{3}|~{3}|#{1,6}(?:[ \t]|$)|[-+*][ \t]|\d{1,9}[.)][ \t]|>|\|)/;
// Only an unindented fence is kept as code: indented, it might sit in a list or quote of
// the note, and end with that container while the rest was still taken for code.
const fenceOpening = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;

/** The safe link destination of the video at a time, or undefined when it is not http(s). */
function timeLinkTarget(video: VideoRecord): (seconds: number) => string | undefined {
  const atZero = timeLink(video, 0);
  const targetAtZero = linkTarget(atZero);
  const zeroAt = atZero.lastIndexOf('0');
  const tail = atZero.slice(zeroAt + 1);
  // The seconds go in as bare digits, which a safe link keeps as they are; anything else
  // (never seen) falls back to making each link safe on its own.
  if (targetAtZero === undefined || !targetAtZero.endsWith(`0${tail}`)) {
    return (seconds) => linkTarget(timeLink(video, seconds));
  }
  const head = targetAtZero.slice(0, targetAtZero.length - tail.length - 1);
  return (seconds) => {
    const link = timeLink(video, seconds);
    return `${head}${link.slice(zeroAt, link.length - tail.length)}${tail}`;
  };
}

function noteItem(label: string, text: string): string {
  // Most notes are one line of plain words: no need to split, scan for fences or indent.
  if (!/[\r\n]/.test(text)) {
    const line = text.trim();
    if (!blockStart.test(line)) return `- ${label} ${safeInline(line)}`;
  }
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const startsBelow = blockStart.test(lines[0] ?? '');
  const body = safeNoteLines(lines, startsBelow);
  // Every further line is indented to the bullet's content, so the note stays one item.
  const indented = body.map((line) => (line === '' ? '' : `  ${line}`));
  return startsBelow
    ? [`- ${label}`, ...indented].join('\n')
    : [`- ${label} ${body[0] ?? ''}`, ...indented.slice(1)].join('\n');
}

/**
 * The note's Markdown with what could run or mislead taken out: code (fenced or inline) is
 * kept as typed; elsewhere `<` is escaped (no HTML, no autolinks but http(s) ones, which
 * become inline links), brackets are escaped unless they make an inline link to an http(s)
 * URL, and an image becomes its link.
 */
function safeNoteLines(lines: readonly string[], firstLineStartsBlock: boolean): string[] {
  const safe: string[] = [];
  let fenceClosing: RegExp | undefined;
  for (const [index, line] of lines.entries()) {
    if (fenceClosing) {
      safe.push(line.trim() === '' ? '' : line);
      if (fenceClosing.test(line)) fenceClosing = undefined;
      continue;
    }
    const fence = index > 0 || firstLineStartsBlock ? fenceOpening.exec(line) : null;
    if (fence) {
      const marker = fence[1] ?? fence[2] ?? '';
      // Any indentation is accepted when closing: ending the code early is the safe mistake.
      fenceClosing = new RegExp(`^[ \\t]*${marker[0]}{${marker.length},}[ \\t]*$`);
      safe.push(line);
    } else if (line.trim() === '') {
      if (safe.at(-1) !== '') safe.push('');
    } else {
      safe.push(safeInline(line));
    }
  }
  return safe;
}

// Sticky (`y`): each is tried exactly where the scan stands.
const httpLink = /\[((?:\\.|[^\\[\]`])*)\]\((https?:\/\/[^\s()<>\\`]+)\)/iy;
// CommonMark's autolink, for http(s) only: no spaces, controls or angle brackets inside.
const httpAutolink = /<(https?:\/\/[^\s\p{Cc}<>]+)>/iuy;
const backtickRun = /`+/y;
const entity = /&#?[0-9a-z]+;/iy;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

function safeInline(text: string): string {
  if (!/[\\`[\]<!&]/.test(text)) return text;
  let safe = '';
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '\\') {
      // The writer's own escape (or a literal backslash) is kept with the character it guards.
      safe += text.slice(at, at + 2);
      at += 2;
    } else if (char === '`') {
      const run = matchAt(backtickRun, text, at)![0].length;
      const close = closingBackticks(text, at + run, run);
      if (close === -1) {
        // Escaped, so it cannot pair with a backtick on another line and hide a `<` from us.
        safe += '\\`'.repeat(run);
        at += run;
      } else {
        safe += text.slice(at, close + run);
        at = close + run;
      }
    } else if (char === '<' && autolinkTarget(text, at)) {
      // Written as an inline link: an escaped `<…>` would read in GitHub's renderer as a
      // link whose address ends in `>`.
      const url = matchAt(httpAutolink, text, at)![1]!;
      safe += `[${escapeText(url)}](${autolinkTarget(text, at)})`;
      at += url.length + 2;
    } else if (char === '[') {
      const link = matchAt(httpLink, text, at);
      safe += link ? `[${safeInline(link[1]!)}](${link[2]})` : '\\[';
      at += link ? link[0].length : 1;
    } else {
      const needsEscape =
        char === ']' ||
        char === '<' ||
        // Before `<` too: an autolink is written as `[…](…)`, which `!` would make an image.
        (char === '!' && (text[at + 1] === '[' || text[at + 1] === '<')) ||
        (char === '&' && matchAt(entity, text, at) !== null);
      safe += needsEscape ? `\\${char}` : char;
      at += 1;
    }
  }
  return safe;
}

/** The safe destination of the http(s) autolink at `at`, if one starts there. */
function autolinkTarget(text: string, at: number): string | undefined {
  const autolink = matchAt(httpAutolink, text, at);
  return autolink ? linkTarget(autolink[1]!) : undefined;
}

/** Where the next run of exactly `length` backticks starts, or -1. */
function closingBackticks(text: string, from: number, length: number): number {
  const runs = /`+/g;
  runs.lastIndex = from;
  for (let run = runs.exec(text); run; run = runs.exec(text)) {
    if (run[0].length === length) return run.index;
  }
  return -1;
}

// --- Cards -------------------------------------------------------------------------------

function cardSection(
  video: VideoRecord,
  cards: readonly CardRecord[],
  decks: readonly DeckRecord[],
): string | undefined {
  const liveCards = cards.filter((card) => !card.deleted && card.videoKey === video.key);
  const parts = decks
    .filter((deck) => !deck.deleted && deck.videoKey === video.key)
    .sort(
      (a, b) =>
        Number(b.origin.kind === 'own') - Number(a.origin.kind === 'own') ||
        a.createdAt - b.createdAt ||
        compareStrings(a.id, b.id),
    )
    .flatMap((deck) => {
      const ofDeck = liveCards
        .filter((card) => card.deckId === deck.id)
        .sort((a, b) => a.start - b.start || a.end - b.end || compareStrings(a.id, b.id));
      if (ofDeck.length === 0) return [];
      return [[deckHeading(deck), '', ...ofDeck.map((card) => cardItem(video, card))].join('\n')];
    });
  return parts.length > 0 ? [`## ${i18n.t('markdown.cards')}`, ...parts].join('\n\n') : undefined;
}

function deckHeading(deck: DeckRecord): string {
  const author = oneLine(deck.author);
  return [
    `### ${escapeText(oneLine(deck.title) || i18n.t('markdown.untitledDeck'))}`,
    author ? ` — ${i18n.t('markdown.by', [escapeText(author)])}` : '',
    deck.enabled ? '' : ` (${i18n.t('markdown.turnedOff')})`,
  ].join('');
}

function cardItem(video: VideoRecord, card: CardRecord): string {
  const range = `${formatTimestampPadded(card.start)}–${formatTimestampPadded(card.end)}`;
  const title = oneLine(card.title);
  const textLines = card.text
    .split(/\r\n?|\n/)
    .map((line) => oneLine(line))
    .filter((line) => line !== '');
  let first = `- ${link(range, timeLink(video, card.start))}`;
  if (title) first += ` **${escapeText(title)}**`;
  if (textLines.length > 0) first += `${title ? ' —' : ''} ${escapeText(textLines[0]!)}`;
  const lines = [first, ...textLines.slice(1).map((line) => `  ${escapeLine(line)}`)];
  const host = card.link ? hostOf(card.link) : undefined;
  const tail = [host ? `(${link(host, card.link!)})` : '', `_${card.kind}_`];
  lines[lines.length - 1] += ` ${tail.filter(Boolean).join(' ')}`;
  return lines.join('\n');
}

function hostOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).host : undefined;
}

// --- File names --------------------------------------------------------------------------

const maxFileNameLength = 80;
// Forbidden on Windows, macOS or Linux, or breaking Obsidian's `[[links]]` (# ^ [ ]).
const unsafeInFileName = /[/\\:*?"<>|#^[\]\p{Cc}\u2028\u2029\ufeff]+/gu;
const reservedOnWindows = /^(?:con|prn|aux|nul|com\d|lpt\d)$/i;

function safeFileStem(text: string): string {
  const cleaned = text
    .replace(unsafeInFileName, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '');
  // Cut by code points, so a surrogate pair is never split.
  const cut = Array.from(cleaned).slice(0, maxFileNameLength).join('');
  // Windows drops trailing dots and spaces silently, which would make two names one.
  const stem = cut.replace(/[\s.]+$/, '');
  return reservedOnWindows.test(stem) ? `${stem} video` : stem;
}

/** A file name for the video's Markdown: its title made safe, else its key, plus `.md`. */
export function markdownFileName(video: VideoRecord): string {
  return `${safeFileStem(video.title) || safeFileStem(video.key) || 'video'}.md`;
}

/**
 * The names in order, a repeated one given ` (2)`, ` (3)`… before its extension. Compared
 * without case, as macOS and Windows file systems do; never taking a name that comes later.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const fold = (name: string) => name.toLowerCase();
  const wanted = new Set(names.map(fold));
  const taken = new Set<string>();
  return names.map((name) => {
    let chosen = name;
    if (taken.has(fold(name))) {
      const dot = name.lastIndexOf('.');
      const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
      for (let count = 2; ; count++) {
        chosen = `${stem} (${count})${extension}`;
        if (!taken.has(fold(chosen)) && !wanted.has(fold(chosen))) break;
      }
    }
    taken.add(fold(chosen));
    return chosen;
  });
}
