// Pure: times as the viewer writes and reads them (`1:02:03`, `83s`).
const PLAIN_SECONDS = /^(\d+(?:\.\d+)?)$/;
// `m:ss` or `h:mm:ss`, optionally with a fraction of a second.
const COLON_FORM = /^(\d+):(\d{2})(?::(\d{2}))?(\.\d+)?$/;
const UNIT_FORM = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/i;

// Seconds-only unit forms (`80s`) are left out of the leading pattern: "80s music" is not a time.
const LEADING_TOKEN =
  /^([[(])?(\d+:\d{2}(?::\d{2})?(?:\.\d+)?|\d+h(?:\d+m)?(?:\d+(?:\.\d+)?s)?|\d+m(?:\d+(?:\.\d+)?s)?)([\])])?/i;
// A hyphen only separates when spaced, so ranges like `2:15-3:00` are not read as one time.
const LEADING_SEPARATOR = /^(?:\s*(?:[–—]|:(?!\d)|-(?=\s|$))\s*|\s+|$)/;
const CLOSING_BRACKET: Record<string, string> = { '[': ']', '(': ')' };

function wholeSeconds(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** `2026-11-25`: the viewer's own day, as file names and exports carry it. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${twoDigits(at.getMonth() + 1)}-${twoDigits(at.getDate())}`;
}

function splitClock(seconds: number): { hours: number; minutes: number; secs: number } {
  const total = wholeSeconds(seconds);
  return {
    hours: Math.floor(total / 3600),
    minutes: Math.floor((total % 3600) / 60),
    secs: total % 60,
  };
}

/** `0:05`, `1:23`, `12:03`, `1:02:03`. */
export function formatTimestamp(seconds: number): string {
  const { hours, minutes, secs } = splitClock(seconds);
  if (hours > 0) return `${hours}:${twoDigits(minutes)}:${twoDigits(secs)}`;
  return `${minutes}:${twoDigits(secs)}`;
}

/** `00:05`, `01:23`, `1:02:03`: fixed-width under an hour, for aligned Markdown lists. */
export function formatTimestampPadded(seconds: number): string {
  const { hours, minutes, secs } = splitClock(seconds);
  if (hours > 0) return `${hours}:${twoDigits(minutes)}:${twoDigits(secs)}`;
  return `${twoDigits(minutes)}:${twoDigits(secs)}`;
}

function parseColonForm(match: RegExpExecArray): number | undefined {
  const [, first = '', second = '', third, fraction = ''] = match;
  const hours = third === undefined ? 0 : Number(first);
  const minutes = third === undefined ? Number(first) : Number(second);
  const secs = Number(third ?? second);
  if (secs >= 60 || (third !== undefined && minutes >= 60)) return undefined;
  return hours * 3600 + minutes * 60 + secs + (fraction ? Number(fraction) : 0);
}

function parseUnitForm(match: RegExpExecArray): number | undefined {
  const [, hours, minutes, secs] = match;
  if (hours === undefined && minutes === undefined && secs === undefined) return undefined;
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(secs ?? 0);
}

/**
 * Reads `83`, `83s`, `83.5`, `1:23`, `1:02:03`, `2m15s`, `1h2m3s`; undefined for anything else,
 * including out-of-range clock fields such as `1:75`.
 */
export function parseTimestamp(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;

  const plain = PLAIN_SECONDS.exec(trimmed);
  const colon = COLON_FORM.exec(trimmed);
  const unit = UNIT_FORM.exec(trimmed);
  const seconds = plain
    ? Number(plain[1])
    : colon
      ? parseColonForm(colon)
      : unit
        ? parseUnitForm(unit)
        : undefined;
  return seconds !== undefined && Number.isFinite(seconds) ? seconds : undefined;
}

/**
 * Splits a note like `[2:15] intro` or `1:02:03 - outro` into its time and the remaining text.
 * Bare numbers (`1985 was…`) do not count: the time must use a colon or an h/m unit.
 */
export function leadingTimestamp(text: string): { seconds: number; rest: string } | undefined {
  const input = text.trimStart();
  const token = LEADING_TOKEN.exec(input);
  if (!token) return undefined;

  const [whole, opening, time = '', closing] = token;
  const expectedClosing = opening === undefined ? undefined : CLOSING_BRACKET[opening];
  if (closing !== expectedClosing) return undefined;

  const afterToken = input.slice(whole.length);
  // A closing bracket already ends the time, so `[2:15]intro` needs no separator.
  const separator = LEADING_SEPARATOR.exec(afterToken)?.[0] ?? (closing ? '' : undefined);
  if (separator === undefined) return undefined;

  const seconds = parseTimestamp(time);
  if (seconds === undefined) return undefined;
  return { seconds, rest: afterToken.slice(separator.length).trim() };
}
