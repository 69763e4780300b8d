import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprint } from './fingerprint';

const reversedKeys = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reversedKeys);
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversedKeys(item)]),
  );
};

/** canonicalJson as first written, piece by piece: the text the quicker one must give. */
const concatenated = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(concatenated).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map(
      (key) => `${JSON.stringify(key)}:${concatenated((value as Record<string, unknown>)[key])}`,
    );
  return `{${members.join(',')}}`;
};

// Keys an object keeps in numeric order first, and one a plain copy would take as its prototype.
const awkwardKey = fc.oneof(
  fc.string(),
  fc.nat().map(String),
  fc.constantFrom('__proto__', '01', '-1', '4294967295', 'B', 'a', 'é'),
);
const content = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1.5, ''),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.array(tie('value')),
    tie('object'),
  ),
  object: fc.array(fc.tuple(awkwardKey, tie('value')), { maxLength: 6 }).map((entries) => {
    const object: Record<string, unknown> = {};
    for (const [key, item] of entries)
      Object.defineProperty(object, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return object;
  }),
})).value;

describe('canonicalJson', () => {
  it('gives the text of keys sorted by code unit, whatever the content holds', () => {
    fc.assert(
      fc.property(content, (value) => {
        expect(canonicalJson(value)).toBe(concatenated(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives one text for one content whatever the order its keys were written in', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reversedKeys(value))).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('writes keys in code unit order and leaves out undefined members', () => {
    expect(canonicalJson({ b: [1, undefined], a: { z: undefined, é: 'x', Z: null } })).toBe(
      '{"a":{"Z":null,"é":"x"},"b":[1,null]}',
    );
  });
});

describe('fingerprint', () => {
  it('keeps the fingerprints released builds stored in their heads', () => {
    // A device compares a record's content with the fingerprint its heads hold: a change here
    // would make every record look edited after an update.
    const note = {
      id: '018bcfe5-6a00-7000-8000-000000000001',
      videoKey: 'yt:dQw4w9WgXcQ',
      t: 83.5,
      text: 'The montage starts #training',
      tags: ['training'],
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      deleted: false,
    };
    expect(fingerprint(note)).toBe('9c97cd1dc55b5645');
    expect(fingerprint(null)).toBe('77074ba4ab0eecd7');
  });
});
