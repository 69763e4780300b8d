import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIntervalIndex, type Interval } from './interval-index';

interface Card extends Interval {
  /** Position in the input, so results can be compared by identity and order. */
  seq: number;
}

function card(id: string, start: number, end: number, seq = 0): Card {
  return { id, start, end, seq };
}

function bruteForceActiveAt(cards: readonly Card[], t: number): Card[] {
  return cards
    .filter((c) => c.start < c.end && c.start <= t && t < c.end)
    .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function bruteForceNextChangeAfter(cards: readonly Card[], t: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const c of cards) {
    if (!(c.start < c.end)) continue;
    if (c.start > t) next = Math.min(next, c.start);
    if (c.end > t) next = Math.min(next, c.end);
  }
  return next;
}

const seqs = (cards: readonly Card[]) => cards.map((c) => c.seq);

// Whole seconds, quarter seconds and arbitrary doubles, all within a two-hour video.
const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 7200 }),
  fc.integer({ min: 0, max: 7200 * 4 }).map((quarters) => quarters / 4),
  fc.double({ min: 0, max: 7200, noNaN: true }),
);

/**
 * Cards whose bounds mostly come from a small shared pool of times, so duplicate starts,
 * shared ends, nesting, overlap and zero-length or inverted ranges are all common.
 * Also yields the pool, so queries can land exactly on boundaries.
 */
const scenarioArb = fc.array(timeArb, { minLength: 1, maxLength: 24 }).chain((pool) => {
  const boundArb = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...pool) },
    { weight: 1, arbitrary: timeArb },
  );
  const cardArb = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'card-10', 'card-9', 'Z'),
    start: boundArb,
    end: boundArb,
  });
  const queryArb = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: timeArb },
    { weight: 1, arbitrary: fc.constantFrom(-1, 7200.5, Number.NEGATIVE_INFINITY) },
  );
  return fc.record({
    cards: fc
      .array(cardArb, { maxLength: 300 })
      .map((raw) => raw.map((c, seq) => card(c.id, c.start, c.end, seq))),
    pool: fc.constant(pool),
    queries: fc.array(queryArb, { maxLength: 10 }),
  });
});

describe('buildIntervalIndex', () => {
  it('activeAt matches a brute-force filter and sort for random interval sets', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cards, pool, queries }) => {
        const index = buildIntervalIndex(cards);
        for (const t of [...pool, ...queries]) {
          expect(seqs(index.activeAt(t))).toEqual(seqs(bruteForceActiveAt(cards, t)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('nextChangeAfter matches the smallest start or end strictly after t', () => {
    fc.assert(
      fc.property(scenarioArb, ({ cards, pool, queries }) => {
        const index = buildIntervalIndex(cards);
        for (const t of [...pool, ...queries]) {
          expect(index.nextChangeAfter(t)).toBe(bruteForceNextChangeAfter(cards, t));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('counts an interval as active at its start but not at its end', () => {
    const index = buildIntervalIndex([card('x', 10, 20)]);
    expect(index.activeAt(9.999)).toEqual([]);
    expect(index.activeAt(10)).toEqual([card('x', 10, 20)]);
    expect(index.activeAt(19.999)).toEqual([card('x', 10, 20)]);
    expect(index.activeAt(20)).toEqual([]);
  });

  it('hands over from one interval to the next when an end equals a start', () => {
    const first = card('first', 0, 5);
    const second = card('second', 5, 9);
    const index = buildIntervalIndex([second, first]);
    expect(index.activeAt(4.5)).toEqual([first]);
    expect(index.activeAt(5)).toEqual([second]);
    expect(index.nextChangeAfter(0)).toBe(5);
    expect(index.nextChangeAfter(5)).toBe(9);
  });

  it('answers nothing for an empty index', () => {
    const index = buildIntervalIndex<Card>([]);
    expect(index.size).toBe(0);
    expect(index.activeAt(0)).toEqual([]);
    expect(index.activeAt(Number.NEGATIVE_INFINITY)).toEqual([]);
    expect(index.nextChangeAfter(0)).toBe(Number.POSITIVE_INFINITY);
    expect(index.nextChangeAfter(Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it('ignores zero-length, inverted and NaN intervals', () => {
    const kept = card('kept', 10, 20);
    const index = buildIntervalIndex([
      card('zero', 12, 12),
      card('inverted', 18, 11),
      card('nan', Number.NaN, 15),
      kept,
    ]);
    expect(index.size).toBe(1);
    expect(index.activeAt(12)).toEqual([kept]);
    expect(index.activeAt(14)).toEqual([kept]);
    expect(index.nextChangeAfter(10)).toBe(20);
    expect(index.nextChangeAfter(0)).toBe(10);
  });

  it('returns nothing active and no next change for a NaN time', () => {
    const index = buildIntervalIndex([card('x', 0, 10)]);
    expect(index.activeAt(Number.NaN)).toEqual([]);
    expect(index.nextChangeAfter(Number.NaN)).toBe(Number.POSITIVE_INFINITY);
  });

  it('orders results by start, then by id in code-unit order', () => {
    const cards = [
      card('b', 5, 50),
      card('card-9', 1, 50),
      card('a', 5, 50),
      card('card-10', 1, 50),
      card('Z', 5, 50),
      card('c', 0, 50),
    ];
    const index = buildIntervalIndex(cards);
    expect(index.activeAt(10).map((c) => c.id)).toEqual(['c', 'card-10', 'card-9', 'Z', 'a', 'b']);
  });

  it('reports every interval sharing a start, including nested and overlapping ones', () => {
    const outer = card('outer', 0, 100);
    const inner = card('inner', 0, 10);
    const overlapping = card('overlap', 5, 150);
    const index = buildIntervalIndex([overlapping, outer, inner]);
    expect(index.activeAt(0)).toEqual([inner, outer]);
    expect(index.activeAt(7)).toEqual([inner, outer, overlapping]);
    expect(index.activeAt(10)).toEqual([outer, overlapping]);
    expect(index.activeAt(120)).toEqual([overlapping]);
  });

  it('returns the given items themselves in a fresh array each time', () => {
    const item = card('x', 0, 10);
    const index = buildIntervalIndex([item]);
    const first = index.activeAt(1);
    expect(first[0]).toBe(item);
    first.length = 0;
    expect(index.activeAt(1)).toEqual([item]);
    expect(index.activeAt(1)).not.toBe(index.activeAt(1));
  });

  it('is not affected by later changes to the input array', () => {
    const items = [card('x', 0, 10)];
    const index = buildIntervalIndex(items);
    items.push(card('y', 0, 10));
    items.shift();
    expect(index.size).toBe(1);
    expect(index.activeAt(5).map((c) => c.id)).toEqual(['x']);
    expect(Object.isFrozen(index)).toBe(true);
  });

  it('agrees with brute force on 10,000 intervals', () => {
    const cards = fc.sample(
      fc
        .array(
          fc.record({
            id: fc.string({ maxLength: 4 }),
            start: fc.integer({ min: 0, max: 7200 * 4 }).map((quarters) => quarters / 4),
            length: fc.oneof(
              fc.integer({ min: 1, max: 30 }),
              fc.double({ min: 0.01, max: 3600, noNaN: true }),
            ),
          }),
          { minLength: 10_000, maxLength: 10_000 },
        )
        .map((raw) => raw.map((c, seq) => card(c.id, c.start, c.start + c.length, seq))),
      { seed: 20_240_601, numRuns: 1 },
    )[0]!;
    const index = buildIntervalIndex(cards);
    expect(index.size).toBe(10_000);
    const queries = [0, 0.25, 1, 59.5, 600, 3599.75, 3600, 7199, 7200, 9000, 10_800, -5];
    for (const c of cards.slice(0, 40)) queries.push(c.start, c.end);
    for (const t of queries) {
      expect(seqs(index.activeAt(t))).toEqual(seqs(bruteForceActiveAt(cards, t)));
      expect(index.nextChangeAfter(t)).toBe(bruteForceNextChangeAfter(cards, t));
    }
  });
});
