// The FNV-1a 32-bit hash, one step at a time: the video key hashes bytes with it, the search
// index the UTF-16 code units of words, each in its own loop.

/** The hash of nothing, as a signed 32-bit integer (V8 keeps those unboxed in a hot loop). */
export const fnv1aOffsetBasis = 0x811c9dc5 | 0;
const fnv1aPrime = 0x01000193;

/** The hash after one more unit (a byte, or a UTF-16 code unit); `>>> 0` reads it unsigned. */
export function fnv1aStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, fnv1aPrime);
}
