/** Fills the given bytes with random values in place, like `crypto.getRandomValues`. */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => unknown;

const MAX_UNIX_MS = 2 ** 48 - 1;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits. IDs made in later milliseconds
 * sort after earlier ones as plain strings; order within one millisecond is random.
 */
export function uuidv7(
  now: number = Date.now(),
  random: RandomFill = crypto.getRandomValues.bind(crypto),
): string {
  if (!Number.isFinite(now) || now < 0 || now > MAX_UNIX_MS) {
    throw new RangeError(`uuidv7 timestamp out of range: ${now}`);
  }
  const bytes = new Uint8Array(16);
  random(bytes);

  let timestamp = Math.floor(now);
  for (let index = 5; index >= 0; index--) {
    bytes[index] = timestamp % 256;
    timestamp = Math.floor(timestamp / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 0b10

  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}

/** Any UUID version, either hex case. */
export const isUuid = (s: string): boolean => UUID_PATTERN.test(s);

/**
 * Ids that cut the ids from `first` to `last` into about `parts` ranges, increasing. UUIDv7
 * ids begin with their time, so notes taken over years spread about evenly between them; ids
 * of any other shape still fall in some range, only less evenly.
 */
export function idRangeBounds(first: string, last: string, parts: number): string[] {
  // The first 48 bits: a UUIDv7's milliseconds, exact as a double.
  const lead = (id: string) => Number.parseInt(`${id.slice(0, 8)}${id.slice(9, 13)}`, 16);
  const low = lead(first);
  const high = lead(last);
  const bounds: string[] = [];
  if (!(high > low)) return bounds;
  for (let part = 1; part < parts; part++) {
    const hex = Math.floor(low + ((high - low) * part) / parts)
      .toString(16)
      .padStart(12, '0');
    const bound = `${hex.slice(0, 8)}-${hex.slice(8)}`;
    if (bound > (bounds.at(-1) ?? first.toLowerCase())) bounds.push(bound);
  }
  return bounds;
}
