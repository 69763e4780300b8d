// Pure: a deck packed into the video's own address after `#cuecards=`, checksummed and size-capped.
import { unzlibSync, zlibSync } from 'fflate';
import { i18n } from '#i18n';
import { identifyVideo } from '../model/video-key';
import { type DeckFile, readDeckFile } from './deck-file';
import type { Parsed } from './safe-json';

const fragmentKey = 'cuecards';
/** Long links get cut by mail and chat apps; past this the deck is better sent as a file. */
export const maxSharePayloadLength = 64_000;
/** What a payload may unpack to: the size cap of a deck file. */
const maxDeckBytes = 2_000_000;

const base64UrlAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64UrlValues = new Map([...base64UrlAlphabet].map((char, value) => [char, value]));

function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 3) {
    const chunk = (bytes[at]! << 16) | ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - at) * 8) / 6));
    for (let i = 0; i < chars; i++) text += base64UrlAlphabet[(chunk >> (18 - 6 * i)) & 63];
  }
  return text;
}

/** The bytes of unpadded base64url text, or undefined if it is not that. */
function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let bitCount = 0;
  let written = 0;
  for (const char of text) {
    const value = base64UrlValues.get(char);
    if (value === undefined) return undefined;
    bits = ((bits << 6) | value) & 0xffffff;
    bitCount += 6;
    if (bitCount >= 8) {
      bitCount -= 8;
      bytes[written++] = (bits >> bitCount) & 255;
    }
  }
  return bytes;
}

/**
 * The video's own URL with the deck packed into its fragment, `#cuecards=<zlib-packed JSON as
 * base64url>`: a fragment never reaches the video site's server. Zlib is deflate with a
 * checksum, so a link altered on its way is told apart from another deck. Any fragment the URL had is
 * replaced; its query is kept. Fails when the deck is too large for a link, or when the link
 * would not open: only links that readShareLink accepts are handed out.
 */
export function deckShareLink(file: DeckFile): Parsed<string> {
  const text = JSON.stringify(file);
  const json = new TextEncoder().encode(text);
  const payload =
    json.length > maxDeckBytes ? undefined : toBase64Url(zlibSync(json, { level: 9 }));
  if (payload === undefined || payload.length > maxSharePayloadLength) {
    return { ok: false, error: i18n.t('shareLink.tooLarge', [String(file.cards.length)]) };
  }
  const checked = readDeckFile(text);
  if (!checked.ok) {
    return 'issue' in checked
      ? { ok: false, error: i18n.t('shareLink.cannotShare', [checked.issue]) }
      : checked;
  }
  const [page = ''] = file.video.url.split('#');
  const link = `${page}#${fragmentKey}=${payload}`;
  if (!sameVideo(link, file)) {
    return { ok: false, error: i18n.t('shareLink.noAddress') };
  }
  return { ok: true, value: link };
}

function damaged(why: string): Parsed<DeckFile> {
  return { ok: false, error: i18n.t('shareLink.damaged', [why]) };
}

/**
 * The deck in a share link: undefined when the URL carries none, else the deck (validated
 * whole, as a deck file) or why it cannot be read. The payload may sit among other fragment
 * parameters (`#t=30&cuecards=…`).
 */
export function readShareLink(url: string): Parsed<DeckFile> | undefined {
  const hashAt = url.indexOf('#');
  if (hashAt === -1) return undefined;
  const pair = url
    .slice(hashAt + 1)
    .split('&')
    .find((item) => item.startsWith(`${fragmentKey}=`));
  if (pair === undefined) return undefined;

  // Padding is not written, but a tool that re-encodes the link may add it.
  const payload = pair.slice(fragmentKey.length + 1).replace(/(?:=|%3D){1,2}$/i, '');
  if (payload.length > maxSharePayloadLength) return damaged(i18n.t('shareLink.tooLong'));
  const packed = fromBase64Url(payload);
  if (!packed || packed.length === 0) return damaged(i18n.t('shareLink.cutShort'));

  const text = unpack(packed);
  if (text === undefined) return damaged(i18n.t('shareLink.cutShort'));
  if (text === null) {
    return damaged(i18n.t('shareLink.unpacksTooLarge', [String(maxDeckBytes / 1_000_000)]));
  }
  const parsed = readDeckFile(text);
  if (!parsed.ok) {
    // Text that is no JSON is a deck cut short: the link is what is damaged, not a file.
    return damaged(
      'issue' in parsed
        ? i18n.t('shareLink.deckInIt', [parsed.issue])
        : i18n.t('shareLink.cutShort'),
    );
  }
  return sameVideo(url, parsed.value)
    ? parsed
    : { ok: false, error: i18n.t('shareLink.otherVideo') };
}

/**
 * The packed bytes as text: undefined when they are not zlib data, fail its checksum or are
 * not UTF-8, null when they unpack to more than a deck file may hold. The output buffer is
 * allocated once at the cap, so a small payload that would unpack to gigabytes cannot take
 * more than that.
 */
function unpack(packed: Uint8Array): string | undefined | null {
  const out = new Uint8Array(maxDeckBytes + 1);
  let unpacked: Uint8Array;
  try {
    // fflate stops writing at the end of `out` (and throws if a stored block would overflow it).
    unpacked = unzlibSync(packed, { out });
  } catch {
    return undefined;
  }
  if (unpacked.length > maxDeckBytes) return null;
  // fflate reads past the checksum without checking it.
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  if (packed.length < 6 || view.getUint32(packed.length - 4) !== adler32(unpacked)) {
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    return undefined;
  }
}

/** Zlib's checksum (RFC 1950) of the bytes. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  // zlib's own bound: 5,552 bytes can be summed before b could pass 32 bits.
  for (let at = 0; at < bytes.length; at += 5_552) {
    const end = Math.min(at + 5_552, bytes.length);
    for (let i = at; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65_521;
    b %= 65_521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Whether the link's page is the deck's video. YouTube and Vimeo keys name the video, so
 * they must match. A web video's key also holds a hash of its media source, which the page
 * URL cannot give; there only the page part is compared, and the overlay matches the media.
 */
function sameVideo(url: string, file: DeckFile): boolean {
  const page = identifyVideo(url);
  if (!page || page.provider !== file.video.provider) return false;
  if (page.provider !== 'web') return page.key === file.video.key;
  const [deckPage] = file.video.key.split('#');
  return page.key === deckPage;
}
