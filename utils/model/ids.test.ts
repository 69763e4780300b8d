import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idRangeBounds, isUuid, uuidv7 } from './ids';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const fillWith =
  (value: number) =>
  (bytes: Uint8Array<ArrayBuffer>): void => {
    bytes.fill(value);
  };

describe('uuidv7', () => {
  it('produces a lowercase hyphenated version-7 UUID', () => {
    expect(uuidv7()).toMatch(FORMAT);
  });

  it('puts the millisecond timestamp in the first 48 bits', () => {
    const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
    const id = uuidv7(now);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('matches the RFC 9562 example layout', () => {
    // RFC 9562 appendix A.6: 2022-02-22 19:22:22 UTC is 0x017F22E279B0.
    const id = uuidv7(0x017f22e279b0, fillWith(0));
    expect(id).toBe('017f22e2-79b0-7000-8000-000000000000');
  });

  it('sets version 7 and variant 10 whatever the random bytes are', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 1 }),
        fc.integer({ min: 0, max: 255 }),
        (now, fill) => {
          const id = uuidv7(now, fillWith(fill));
          expect(id).toMatch(FORMAT);
          expect(id[14]).toBe('7');
          expect(Number.parseInt(id[19]!, 16) >> 2).toBe(0b10);
        },
      ),
    );
  });

  it('keeps the random bits it was given', () => {
    expect(uuidv7(0, fillWith(0xff))).toBe('00000000-0000-7fff-bfff-ffffffffffff');
  });

  it('sorts later milliseconds after earlier ones as plain strings', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.integer({ min: 1, max: 2 ** 32 }),
        (earlier, gap) => {
          const later = Math.min(earlier + gap, 2 ** 48 - 1);
          expect(uuidv7(earlier) < uuidv7(later)).toBe(true);
        },
      ),
    );
  });

  it('sorts a run of ids made in increasing milliseconds in creation order', () => {
    const start = Date.now();
    const ids = Array.from({ length: 1000 }, (_, index) => uuidv7(start + index));
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes 10,000 distinct ids within the same millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(now)));
    expect(ids.size).toBe(10_000);
  });

  it.each([-1, 2 ** 48, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a timestamp it cannot encode (%s)',
    (now) => {
      expect(() => uuidv7(now)).toThrow(RangeError);
    },
  );
});

describe('isUuid', () => {
  it.each([
    '017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
    '017F22E2-79B0-7CC3-98C4-DC0C0C07398F',
    'f47ac10b-58cc-4372-a567-0e02b2c3d479',
    '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    '00000000-0000-0000-0000-000000000000',
  ])('accepts %s', (text) => {
    expect(isUuid(text)).toBe(true);
  });

  it.each([
    '',
    'not-a-uuid',
    '017f22e279b07cc398c4dc0c0c07398f',
    '{017f22e2-79b0-7cc3-98c4-dc0c0c07398f}',
    '017f22e2-79b0-7cc3-98c4-dc0c0c07398',
    '017f22e2-79b0-7cc3-98c4-dc0c0c07398fa',
    '017f22e2-79b0-7cc3-98c4-dc0c0c07398g',
    ' 017f22e2-79b0-7cc3-98c4-dc0c0c07398f',
  ])('rejects %j', (text) => {
    expect(isUuid(text)).toBe(false);
  });

  it('accepts everything uuidv7 makes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (now) => {
        expect(isUuid(uuidv7(now))).toBe(true);
      }),
    );
  });
});

describe('idRangeBounds', () => {
  const id = fc
    .tuple(
      fc.integer({ min: 0, max: 2 ** 48 - 1 }),
      fc.uint8Array({ minLength: 16, maxLength: 16 }),
    )
    .map(([ms, bytes]) => uuidv7(ms, (target) => target.set(bytes)));

  it('cuts ids made over three years into ranges of about the same size', () => {
    const start = 1_700_000_000_000;
    const ids = Array.from({ length: 10_000 }, (_, i) => uuidv7(start + i * 9_500_000));
    const bounds = idRangeBounds(ids[0]!, ids.at(-1)!, 8);
    expect(bounds).toHaveLength(7);
    const sizes = [...bounds, '~'].map(
      (bound, i) => ids.filter((x) => x >= (bounds[i - 1] ?? '') && x < bound).length,
    );
    for (const size of sizes) expect(Math.abs(size - 1_250)).toBeLessThanOrEqual(2);
  });

  it('gives increasing bounds above the first id, or none', () => {
    fc.assert(
      fc.property(
        fc.oneof(id, fc.string({ maxLength: 40 })),
        fc.oneof(id, fc.string({ maxLength: 40 })),
        fc.integer({ min: 1, max: 40 }),
        (first, last, parts) => {
          const bounds = idRangeBounds(first, last, parts);
          expect(bounds.length).toBeLessThan(parts);
          for (const [i, bound] of bounds.entries()) {
            expect(bound > (bounds[i - 1] ?? first.toLowerCase())).toBe(true);
          }
        },
      ),
    );
  });

  it('gives no bounds when all ids begin alike', () => {
    expect(idRangeBounds(uuidv7(5), uuidv7(5), 8)).toEqual([]);
  });
});
