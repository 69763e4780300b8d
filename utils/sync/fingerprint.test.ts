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

describe('canonicalJson', () => {
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
