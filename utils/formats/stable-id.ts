/**
 * Ids for imported items that come without one (WebVTT cues, YiNote notes): the same parts give
 * the same id on every import, so importing a file twice adds nothing. Not for anything secret:
 * the hash is fast, not cryptographic.
 */
export function stableId(...parts: string[]): string {
  // A JSON array is unambiguous: ['a,b'] and ['a', 'b'] hash different bytes. It also escapes
  // lone surrogates, so TextEncoder cannot merge two distinct strings into one U+FFFD.
  const bytes = murmur3x86x128(new TextEncoder().encode(JSON.stringify(parts)));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80; // version 8: RFC 9562's custom UUID
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 0b10
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const C1 = 0x239b961b;
const C2 = 0xab0e9789;
const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

// One lane's mixing of a 32-bit word: multiply, rotate, multiply.
const scramble = (k: number, first: number, r: number, second: number) =>
  Math.imul(rotl(Math.imul(k, first), r), second);

const wordAt = (bytes: Uint8Array, at: number) =>
  bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);

/**
 * MurmurHash3, x86 128-bit variant (Austin Appleby's public-domain design), written from its
 * description. Returns the 16 bytes in the reference implementation's order (each 32-bit lane
 * little-endian), so it can be checked against SMHasher's verification value.
 */
export function murmur3x86x128(bytes: Uint8Array, seed = 0): Uint8Array<ArrayBuffer> {
  let h1 = seed | 0;
  let h2 = seed | 0;
  let h3 = seed | 0;
  let h4 = seed | 0;
  const blockEnd = bytes.length - (bytes.length % 16);

  for (let at = 0; at < blockEnd; at += 16) {
    h1 ^= scramble(wordAt(bytes, at), C1, 15, C2);
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= scramble(wordAt(bytes, at + 4), C2, 16, C3);
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    h3 ^= scramble(wordAt(bytes, at + 8), C3, 17, C4);
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    h4 ^= scramble(wordAt(bytes, at + 12), C4, 18, C1);
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }

  // The last 0–15 bytes fill up to four words, little-endian, missing bytes counting as zero.
  const tail = [0, 0, 0, 0];
  for (let at = blockEnd; at < bytes.length; at++) {
    const offset = at - blockEnd;
    tail[offset >> 2]! |= bytes[at]! << ((offset & 3) * 8);
  }
  const tailLength = bytes.length - blockEnd;
  if (tailLength > 12) h4 ^= scramble(tail[3]!, C4, 18, C1);
  if (tailLength > 8) h3 ^= scramble(tail[2]!, C3, 17, C4);
  if (tailLength > 4) h2 ^= scramble(tail[1]!, C2, 16, C3);
  if (tailLength > 0) h1 ^= scramble(tail[0]!, C1, 15, C2);

  h1 ^= bytes.length;
  h2 ^= bytes.length;
  h3 ^= bytes.length;
  h4 ^= bytes.length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;

  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  [h1, h2, h3, h4].forEach((lane, i) => {
    view.setUint32(i * 4, lane >>> 0, true);
  });
  return out;
}
