import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock } from './hlc';
import { compareSeen, joinHeads, nextVersion, outcomeOf, type Version } from './merge';

type Heads = Version<string>[];

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    device: fc.nat(2),
    deleted: fc.boolean(),
    text: fc.string({ maxLength: 3 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: fc.nat(2), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 120_000 }) }),
);

type Step =
  | { kind: 'edit'; device: number; deleted: boolean; text: string }
  | { kind: 'sync'; from: number; to: number }
  | { kind: 'tick'; ms: number };

/** Three devices, clocks up to an hour apart, editing one record and syncing in any order. */
function simulate(skews: readonly number[], steps: readonly Step[]) {
  let time = 1_800_000_000_000;
  const devices = skews.map((skew, n) => ({
    name: `d${n}`,
    clock: createClock(`d${n}`, { wallClock: () => time + skew }),
    heads: [] as Heads,
  }));
  const made: Version<string>[] = [];
  for (const action of steps) {
    if (action.kind === 'tick') time += action.ms;
    if (action.kind === 'edit') {
      const device = devices[action.device]!;
      const version = nextVersion(device.heads, device.name, device.clock.now(), {
        data: `${device.name}:${action.text}`,
        deleted: action.deleted,
      });
      made.push(version);
      device.heads = joinHeads(device.heads, [version]);
    }
    if (action.kind === 'sync') {
      const from = devices[action.from]!;
      const to = devices[action.to]!;
      for (const head of from.heads) to.clock.receive(head.stamp);
      to.heads = joinHeads(to.heads, from.heads);
    }
  }
  return { devices, made };
}

const skewsArb = fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), {
  minLength: 3,
  maxLength: 3,
});

describe('merge of a record across devices', () => {
  it('converges: after a final round every device holds the same heads and the same outcome', () => {
    fc.assert(
      fc.property(skewsArb, fc.array(step, { maxLength: 60 }), (skews, steps) => {
        const { devices } = simulate(skews, steps);
        // A final fault-free round: each device sends to every other, twice over.
        for (let round = 0; round < 2; round++) {
          for (const from of devices) {
            for (const to of devices) to.heads = joinHeads(to.heads, from.heads);
          }
        }
        const [first, ...rest] = devices.map((device) => JSON.stringify(device.heads));
        for (const other of rest) expect(other).toBe(first);
        if (devices[0]!.heads.length > 0) {
          const outcomes = devices.map((device) => JSON.stringify(outcomeOf(device.heads)));
          expect(new Set(outcomes).size).toBe(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loses nothing: every edit is a head, or was seen by a head made after it', () => {
    fc.assert(
      fc.property(skewsArb, fc.array(step, { maxLength: 60 }), (skews, steps) => {
        const { devices, made } = simulate(skews, steps);
        let all: Heads = [];
        for (const device of devices) all = joinHeads(all, device.heads);
        for (const edit of made) {
          const kept = all.some((head) => {
            const order = compareSeen(edit.seen, head.seen);
            return order === 'before' || (order === 'equal' && head.stamp === edit.stamp);
          });
          expect(kept).toBe(true);
        }
        // A version seen past carries a later stamp, whatever the devices' clocks.
        for (const edit of made) {
          for (const other of made) {
            if (compareSeen(edit.seen, other.seen) === 'before') {
              expect(edit.stamp < other.stamp).toBe(true);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('joins in any order, grouping or repetition to the same heads', () => {
    fc.assert(
      fc.property(skewsArb, fc.array(step, { maxLength: 40 }), (skews, steps) => {
        const { devices } = simulate(skews, steps);
        const [a, b, c] = devices.map((device) => device.heads) as [Heads, Heads, Heads];
        const key = (heads: Heads) => JSON.stringify(heads);
        expect(key(joinHeads(a, b))).toBe(key(joinHeads(b, a)));
        expect(key(joinHeads(joinHeads(a, b), c))).toBe(key(joinHeads(a, joinHeads(b, c))));
        expect(key(joinHeads(a, a))).toBe(key(joinHeads(a, [])));
      }),
      { numRuns: 300 },
    );
  });

  const device = (name: string, wall: number) => createClock(name, { wallClock: () => wall });

  it('keeps the loser of two concurrent edits as a conflict copy, on both devices', () => {
    const a = device('a', 1_000);
    const b = device('b', 2_000);
    const base = nextVersion([], 'a', a.now(), { data: 'Jackson Hole', deleted: false });
    const onA = nextVersion([base], 'a', a.now(), {
      data: 'Jackson Hole, Wyoming',
      deleted: false,
    });
    const onB = nextVersion([base], 'b', b.now(), { data: 'Grand Teton', deleted: false });
    for (const heads of [joinHeads([onA], [onB]), joinHeads([onB], [base, onA])]) {
      const { winner, conflicts } = outcomeOf(heads);
      expect(winner.data).toBe('Grand Teton');
      expect(conflicts.map((version) => version.data)).toEqual(['Jackson Hole, Wyoming']);
    }
  });

  it('keeps an edit made concurrently with a delete, whichever is later', () => {
    const a = device('a', 1_000);
    const b = device('b', 9_000);
    const base = nextVersion([], 'a', a.now(), { data: 'No Easy Way Out', deleted: false });
    const edited = nextVersion([base], 'a', a.now(), {
      data: 'No Easy Way Out, #22',
      deleted: false,
    });
    const deleted = nextVersion([base], 'b', b.now(), { data: 'No Easy Way Out', deleted: true });
    const { winner, conflicts } = outcomeOf(joinHeads([edited], [deleted]));
    expect(winner.deleted).toBe(false);
    expect(winner.data).toBe('No Easy Way Out, #22');
    expect(conflicts).toEqual([]);
  });

  it('lets a delete made after seeing an edit delete it', () => {
    const a = device('a', 5_000);
    const b = device('b', 1_000);
    const base = nextVersion([], 'a', a.now(), { data: 'x', deleted: false });
    b.receive(base.stamp);
    const deleted = nextVersion([base], 'b', b.now(), { data: 'x', deleted: true });
    expect(deleted.stamp > base.stamp).toBe(true);
    const heads = joinHeads([base], [deleted]);
    expect(heads).toEqual([deleted]);
    expect(outcomeOf(heads).winner.deleted).toBe(true);
  });

  it('resolves a conflict with an edit made after seeing both sides', () => {
    const a = device('a', 1_000);
    const one = nextVersion([], 'a', a.now(), { data: 'one', deleted: false });
    const two = nextVersion([], 'b', device('b', 1_000).now(), { data: 'two', deleted: false });
    const heads = joinHeads([one], [two]);
    expect(outcomeOf(heads).conflicts).toHaveLength(1);
    const resolved = nextVersion(heads, 'a', a.now(), { data: 'two', deleted: false });
    expect(joinHeads(heads, [resolved])).toEqual([resolved]);
  });

  it('refuses to stamp a version with another device’s stamp', () => {
    expect(() =>
      nextVersion([], 'a', device('b', 1).now(), { data: '', deleted: false }),
    ).toThrow();
  });
});
