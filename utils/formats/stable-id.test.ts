import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { murmur3x86x128, stableId } from './stable-id';

const uuidV8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('murmur3x86x128', () => {
  // SMHasher's self-test: hash keys 0..255 bytes long (seed 256 - length), then hash the hashes.
  it('matches the reference implementation (SMHasher verification value 0xB3ECE62A)', () => {
    const key = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hashes = new Uint8Array(16 * 256);
    for (let length = 0; length < 256; length++) {
      hashes.set(murmur3x86x128(key.subarray(0, length), 256 - length), length * 16);
    }
    const final = new DataView(murmur3x86x128(hashes).buffer);
    expect(final.getUint32(0, true)).toBe(0xb3ece62a);
  });

  it('hashes nothing to zero with seed 0', () => {
    expect(murmur3x86x128(new Uint8Array())).toEqual(new Uint8Array(16));
  });
});

describe('stableId', () => {
  it('never changes for the same parts: imported ids must survive upgrades', () => {
    expect(stableId('yt:dQw4w9WgXcQ', '83', 'Wyoming doubled for the Soviet Union')).toBe(
      stableId('yt:dQw4w9WgXcQ', '83', 'Wyoming doubled for the Soviet Union'),
    );
    expect(stableId('a')).toBe('9264fbe4-e2e6-8318-96cf-98ca16cf98ca');
    expect(stableId('a', 'b')).toBe('61e4cbf9-c4c6-8190-9737-277bc0345826');
  });

  it('keeps parts apart: moving a separator changes the id', () => {
    expect(stableId('a,b')).not.toBe(stableId('a', 'b'));
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
    expect(stableId('')).not.toBe(stableId());
    expect(stableId('\ud800')).not.toBe(stableId('\udc00'));
  });

  it('is shaped like an RFC 9562 version 8 UUID', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 5 }),
        (parts) => {
          expect(stableId(...parts)).toMatch(uuidV8);
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('gives distinct parts distinct ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.array(fc.string(), { maxLength: 3 }), {
          minLength: 2,
          maxLength: 50,
          selector: (parts) => JSON.stringify(parts),
        }),
        (partLists) => {
          const ids = new Set(partLists.map((parts) => stableId(...parts)));
          expect(ids.size).toBe(partLists.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
