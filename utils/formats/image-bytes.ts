// Pure: what a picture's bytes are by their magic bytes and header, before anything decodes them.
import { i18n } from '#i18n';

/** The kinds of picture a frame is stored as: WebP, or JPEG where WebP encoding is missing. */
export const frameTypes = ['image/webp', 'image/jpeg'] as const;
export type FrameType = (typeof frameTypes)[number];

export interface ImageHeader {
  type: FrameType | 'image/png';
  width: number;
  height: number;
}

/** Limits of a stored frame, in bytes and pixels. */
export const frameLimits = {
  /** A 1920 px wide frame as WebP is about 100 kB; a JPEG of a busy picture a few times that. */
  bytes: 1_000_000,
  thumbnailBytes: 100_000,
  /** Longest side: a small file that says it is huge would take gigabytes to decode. */
  side: 4_096,
} as const;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length &&
  [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));
const uint16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const uint24le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16);
const uint32le = (b: Uint8Array, at: number) => (uint24le(b, at) | (b[at + 3]! << 24)) >>> 0;
const uint16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const uint32be = (b: Uint8Array, at: number) =>
  ((uint16be(b, at) << 16) | uint16be(b, at + 2)) >>> 0;

/** A WebP file's size from its first chunk: `RIFF` size `WEBP`, then VP8, VP8L or VP8X. */
function webpHeader(bytes: Uint8Array): ImageHeader | undefined {
  if (bytes.length < 30 || !ascii(bytes, 8, 'WEBP')) return undefined;
  // The RIFF size counts everything after its own 8 bytes: a cut-off file has less.
  if (uint32le(bytes, 4) + 8 > bytes.length) return undefined;
  const size = (width: number, height: number) =>
    width > 0 && height > 0 ? { type: 'image/webp' as const, width, height } : undefined;
  if (ascii(bytes, 12, 'VP8 ')) {
    // A key frame: 3 bytes of frame tag, the start code 9d 01 2a, then 14-bit sizes.
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return size(uint16le(bytes, 26) & 0x3fff, uint16le(bytes, 28) & 0x3fff);
  }
  if (ascii(bytes, 12, 'VP8L')) {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = uint32le(bytes, 21);
    return size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  if (ascii(bytes, 12, 'VP8X')) return size(uint24le(bytes, 24) + 1, uint24le(bytes, 27) + 1);
  return undefined;
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic): they carry the size.
const startOfFrame = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);

/** A JPEG's size from its start-of-frame segment; the file must end where JPEGs end (FFD9). */
function jpegHeader(bytes: Uint8Array): ImageHeader | undefined {
  const end = bytes.length;
  if (end < 4 || bytes[end - 2] !== 0xff || bytes[end - 1] !== 0xd9) return undefined;
  let at = 2;
  while (at + 4 <= end) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    // Fill bytes before a marker, and markers without a length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    // The image data starts with no size seen: not a picture anything can show.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = uint16be(bytes, at + 2);
    if (length < 2) return undefined;
    if (startOfFrame.has(marker)) {
      if (at + 9 > end) return undefined;
      const height = uint16be(bytes, at + 5);
      const width = uint16be(bytes, at + 7);
      return width > 0 && height > 0 ? { type: 'image/jpeg', width, height } : undefined;
    }
    at += 2 + length;
  }
  return undefined;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngHeader(bytes: Uint8Array): ImageHeader | undefined {
  if (bytes.length < 24 || !ascii(bytes, 12, 'IHDR')) return undefined;
  const width = uint32be(bytes, 16);
  const height = uint32be(bytes, 20);
  return width > 0 && height > 0 ? { type: 'image/png', width, height } : undefined;
}

/**
 * What the bytes are by their magic bytes (WebP `RIFF…WEBP`, JPEG `FF D8 FF`, PNG), and the
 * size their header gives; undefined when they are none of these or their header is broken.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  if (ascii(bytes, 0, 'RIFF')) return webpHeader(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegHeader(bytes);
  if (pngSignature.every((byte, i) => bytes[i] === byte)) return pngHeader(bytes);
  return undefined;
}

export type ImageCheck =
  | { ok: true; value: ImageHeader & { type: FrameType } }
  | { ok: false; error: string };

const megabytes = (bytes: number) => String(Math.round(bytes / 100_000) / 10);

/**
 * Whether the bytes may be kept as a frame (a WebP or JPEG picture within the limits), with
 * what their header says of them, or why not in plain words. Nothing is decoded here: the
 * caller decodes what passes (see image-codec.ts).
 */
export function checkImageBytes(
  bytes: Uint8Array,
  maxBytes: number = frameLimits.bytes,
): ImageCheck {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      error: i18n.t('frame.tooLarge', [megabytes(bytes.length), megabytes(maxBytes)]),
    };
  }
  const header = readImageHeader(bytes);
  if (!header) return { ok: false, error: i18n.t('frame.notPicture') };
  if (header.type === 'image/png') return { ok: false, error: i18n.t('frame.png') };
  if (header.width > frameLimits.side || header.height > frameLimits.side) {
    return {
      ok: false,
      error: i18n.t('frame.tooManyPixels', [
        String(header.width),
        String(header.height),
        String(frameLimits.side),
      ]),
    };
  }
  return { ok: true, value: { ...header, type: header.type } };
}

// ---- Base64 and data: URLs, as pictures travel in JSON files and in messages

const base64Shape = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of strict base64 (padded, no spaces), or undefined when it is not that. */
export function bytesFromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!base64Shape.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function base64FromBytes(bytes: Uint8Array): string {
  let binary = '';
  // In pieces: String.fromCharCode takes its characters as arguments, and those are limited.
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/** The bytes of a `data:image/…;base64,` URL, or undefined when it is not one. */
export function bytesFromDataUrl(url: string): Uint8Array<ArrayBuffer> | undefined {
  const match = /^data:image\/[a-z0-9.+-]+(?:;[a-z0-9=.-]+)*;base64,/i.exec(url);
  return match ? bytesFromBase64(url.slice(match[0].length)) : undefined;
}
