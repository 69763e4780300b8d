/**
 * What a record's content is, in a few bytes: a version's fingerprint tells an edit from a
 * write that changed nothing, and two devices' identical edits from a real conflict. Also
 * the id of a conflict copy, made the same on every device from what it copies.
 */

/** JSON with object keys sorted, so one content has one text whichever code wrote it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Built by concatenation, without the arrays of entries a map and join make: a snapshot
  // fingerprints 100,000 records at once.
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  // The default sort is by UTF-16 code units, the order of `<` on strings.
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

// Two independent 32-bit lanes: one lane's collisions (one in four billion) would let an
// edit pass for unchanged; two make it one in 2^64.
function lanes(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b ^ (b >>> 13)) >>> 0];
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** 16 hex characters that change whenever the content does. */
export function fingerprint(value: unknown): string {
  return fingerprintOfJson(canonicalJson(value));
}

/** The fingerprint of the content whose `canonicalJson` is `json`. */
export function fingerprintOfJson(json: string): string {
  const [a, b] = lanes(json);
  return hex8(a) + hex8(b);
}

/**
 * The id of the copy kept when the version stamped `stamp` of record `id` lost a conflict:
 * the same on every device, so each makes the same copy and none sends its own.
 * Shaped as an RFC 9562 version 8 (custom) UUID.
 */
export function conflictCopyId(id: string, stamp: string): string {
  const [a, b] = lanes(`${id}\n${stamp}`);
  const [c, d] = lanes(`${stamp}\n${id}`);
  const hex = hex8(a) + hex8(b) + hex8(c) + hex8(d);
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Which of `count` buckets a record's versions are kept in. */
export function bucketOf(key: string, count: number): number {
  return lanes(key)[0] % count;
}
