// A card as a picture to share: the layout is pure and tested; only the drawing needs a canvas.
import { i18n } from '#i18n';
import type { CardKind } from '../model/records';
import { formatTimestamp } from '../timeline/time';

/** How wide a text is when drawn in a CSS font: a canvas's measureText, or a fake in tests. */
export type MeasureText = (text: string, font: string) => number;

export interface CardImageCard {
  title: string;
  text: string;
  kind: CardKind;
  start: number;
  end: number;
  link?: string;
  source?: string;
}

export interface CardImageVideo {
  title: string;
  url: string;
}

/** One line of text; `y` is the top of its line box (drawn with textBaseline 'top'). */
export interface TextOperation {
  text: string;
  x: number;
  y: number;
  font: string;
  color: string;
}

export interface CardImageLayout {
  width: number;
  height: number;
  background: string;
  panel: { x: number; y: number; width: number; height: number; radius: number; color: string };
  texts: TextOperation[];
}

const family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const cardImageFonts = {
  label: { font: `600 26px ${family}`, lineHeight: 32 },
  title: { font: `700 52px ${family}`, lineHeight: 62 },
  text: { font: `400 32px ${family}`, lineHeight: 42 },
  footer: { font: `400 24px ${family}`, lineHeight: 30 },
} as const;

// The size social sites show link previews at.
const width = 1200;
const height = 630;
const panel = { x: 40, y: 40, width: 1120, height: 550, radius: 28, color: '#1c232b' };
const padding = 56;
/** Where text may go: the panel less its padding. */
export const cardImageContent = {
  left: panel.x + padding,
  right: panel.x + panel.width - padding,
  top: panel.y + padding,
  bottom: panel.y + panel.height - padding,
};

const colors = { text: '#e8edf2', muted: '#9aa7b4' };
const kindColors: Record<CardKind, string> = {
  fact: '#7cc4ff',
  music: '#f0a8ff',
  place: '#8ee59b',
  person: '#ffd27a',
  quote: '#ffa38a',
};
const maxTitleLines = 3;
const gapAfterLabel = 28;
const gapAfterTitle = 20;
const gapBeforeFooter = 24;
const ellipsis = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** Control characters (but line breaks) would draw as boxes or nothing: they become spaces. */
function printable(text: string): string {
  return text.replace(/[^\P{Cc}\n]/gu, ' ');
}

/** The longest start of `line` that fits with an ellipsis after it. */
function withEllipsis(line: string, font: string, maxWidth: number, measure: MeasureText): string {
  const parts = splitGraphemes(line.trimEnd());
  while (parts.length > 0 && measure(`${parts.join('')}${ellipsis}`, font) > maxWidth) parts.pop();
  return `${parts.join('').trimEnd()}${ellipsis}`;
}

/**
 * Greedy word wrap into at most `maxLines` lines of at most `maxWidth`; a word wider than a
 * line is broken between graphemes; text beyond the last line ends it with an ellipsis.
 */
export function wrapText(
  text: string,
  font: string,
  maxWidth: number,
  maxLines: number,
  measure: MeasureText,
): string[] {
  if (maxLines <= 0) return [];
  const lines: string[] = [];
  const paragraphs = printable(text).split('\n');
  for (const paragraph of paragraphs) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const joined = line ? `${line} ${word}` : word;
      if (measure(joined, font) <= maxWidth) {
        line = joined;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      for (const grapheme of splitGraphemes(word)) {
        if (line && measure(line + grapheme, font) > maxWidth) {
          lines.push(line);
          line = '';
        }
        line += grapheme;
      }
    }
    if (line) lines.push(line);
    // One line more than fits is enough to know the text goes on.
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = withEllipsis(kept[maxLines - 1]!, font, maxWidth, measure);
  return kept;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).hostname.replace(/^www\./, '') || undefined;
}

/**
 * Where every piece of a card's picture goes, as plain text operations: the kind and the time
 * range on top, the title and text wrapped below, the video's title and the source's host at
 * the foot. Pure, so it is tested with a fake `measure`; drawCardImage paints it. The kind is
 * written as `kindLabel` says, in the viewer's language.
 */
export function layoutCardImage(
  card: CardImageCard,
  video: CardImageVideo,
  measure: MeasureText,
  kindLabel: string = card.kind,
): CardImageLayout {
  const { label, title, text, footer } = cardImageFonts;
  const { left, right, top, bottom } = cardImageContent;
  const contentWidth = right - left;
  const texts: TextOperation[] = [];
  const place = (line: string, x: number, y: number, font: string, color: string) =>
    texts.push({ text: line, x, y, font, color });
  const placeRight = (line: string, y: number, font: string, color: string) =>
    place(line, right - measure(line, font), y, font, color);

  place(kindLabel.toLocaleUpperCase(), left, top, label.font, kindColors[card.kind]);
  const range = `${formatTimestamp(card.start)}–${formatTimestamp(card.end)}`;
  placeRight(range, top, label.font, colors.muted);

  // The foot: the host on the right, the video's title in what is left of the line.
  const footerY = bottom - footer.lineHeight;
  const host = hostOf(card.source) ?? hostOf(card.link) ?? hostOf(video.url);
  const hostText = host ? wrapText(host, footer.font, contentWidth / 2, 1, measure)[0] : undefined;
  if (hostText) placeRight(hostText, footerY, footer.font, colors.muted);
  const hostSpace = hostText ? measure(hostText, footer.font) + 32 : 0;
  const videoTitle = printable(video.title).replace(/\s+/g, ' ').trim();
  const [videoLine] = wrapText(videoTitle, footer.font, contentWidth - hostSpace, 1, measure);
  if (videoLine) place(videoLine, left, footerY, footer.font, colors.muted);

  // The body: title first, then as many lines of text as fit above the foot.
  let y = top + label.lineHeight + gapAfterLabel;
  const bodyBottom = footerY - gapBeforeFooter;
  const cardTitle = card.title.replace(/\s+/g, ' ').trim();
  const hasText = card.text.trim() !== '';
  const titleRoom = Math.floor((bodyBottom - y) / title.lineHeight);
  const titleLines = wrapText(
    cardTitle,
    title.font,
    contentWidth,
    hasText ? Math.min(maxTitleLines, titleRoom) : titleRoom,
    measure,
  );
  for (const line of titleLines) {
    place(line, left, y, title.font, colors.text);
    y += title.lineHeight;
  }
  if (titleLines.length > 0) y += gapAfterTitle;
  const textRoom = Math.floor((bodyBottom - y) / text.lineHeight);
  for (const line of wrapText(card.text, text.font, contentWidth, textRoom, measure)) {
    place(line, left, y, text.font, colors.text);
    y += text.lineHeight;
  }

  return { width, height, background: '#101418', panel, texts };
}

/** measureText on the canvas the picture will be drawn on, so layout and drawing agree. */
export function measureOn(canvas: HTMLCanvasElement | OffscreenCanvas): MeasureText {
  const context = contextOf(canvas);
  return (text, font) => {
    context.font = font;
    return context.measureText(text).width;
  };
}

function contextOf(
  canvas: HTMLCanvasElement | OffscreenCanvas,
): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  // Two calls, because the two canvases' getContext overloads cannot be called as a union.
  const context = 'convertToBlob' in canvas ? canvas.getContext('2d') : canvas.getContext('2d');
  if (!context) throw new Error(i18n.t('share.cannotDraw'));
  return context;
}

/** Paints a layout and returns it as a PNG. Text is drawn with fillText: never markup. */
export async function drawCardImage(
  layout: CardImageLayout,
  canvas: HTMLCanvasElement | OffscreenCanvas,
): Promise<Blob> {
  canvas.width = layout.width;
  canvas.height = layout.height;
  const context = contextOf(canvas);
  context.fillStyle = layout.background;
  context.fillRect(0, 0, layout.width, layout.height);
  const { x, y, width: panelWidth, height: panelHeight, radius, color } = layout.panel;
  context.fillStyle = color;
  context.beginPath();
  context.roundRect(x, y, panelWidth, panelHeight, radius);
  context.fill();
  context.textBaseline = 'top';
  for (const item of layout.texts) {
    context.font = item.font;
    context.fillStyle = item.color;
    context.fillText(item.text, item.x, item.y);
  }
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(i18n.t('share.pictureFailed')))),
      'image/png',
    ),
  );
}
