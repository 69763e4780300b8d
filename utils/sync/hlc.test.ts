import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock, formatStamp, maxClockSkewMs, parseStamp, type Stamp } from './hlc';

const stampArb = fc.record({
  wall: fc.integer({ min: 0, max: 36 ** 9 - 1 }),
  counter: fc.integer({ min: 0, max: 36 ** 5 - 1 }),
  device: fc.stringMatching(/^[0-9a-z]{1,32}$/),
});

const compareTuples = (a: Stamp, b: Stamp) =>
  a.wall - b.wall ||
  a.counter - b.counter ||
  (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);

describe('hybrid logical clock', () => {
  it('reads back every stamp it writes', () => {
    fc.assert(
      fc.property(stampArb, (stamp) => {
        expect(parseStamp(formatStamp(stamp))).toEqual(stamp);
      }),
    );
  });

  it('sorts stamps as text in the order of wall time, counter and device', () => {
    fc.assert(
      fc.property(stampArb, stampArb, (a, b) => {
        const asText =
          formatStamp(a) < formatStamp(b) ? -1 : formatStamp(a) > formatStamp(b) ? 1 : 0;
        expect(asText).toBe(Math.sign(compareTuples(a, b)));
      }),
    );
  });

  it('refuses text that is not a stamp', () => {
    for (const text of [
      '',
      'abc',
      '00000000a-00000-',
      '00000000a-0000-dev',
      '00000000A-00000-dev',
    ]) {
      expect(parseStamp(text)).toBeUndefined();
    }
  });

  it('makes ever later stamps even when the wall clock stands still or goes back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }),
        (walls) => {
          let i = 0;
          const clock = createClock('dev', { wallClock: () => walls[i % walls.length]! });
          let previous = '';
          for (i = 0; i < walls.length; i++) {
            const stamp = clock.now();
            expect(stamp > previous).toBe(true);
            previous = stamp;
          }
        },
      ),
    );
  });

  it('orders an edit after every edit its device had seen, with clocks up to an hour apart', () => {
    const hour = 60 * 60 * 1000;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -hour, max: hour }), { minLength: 3, maxLength: 3 }),
        fc.array(
          fc.record({ from: fc.nat(2), to: fc.nat(2), tick: fc.integer({ min: 0, max: 5_000 }) }),
          { maxLength: 100 },
        ),
        (skews, steps) => {
          let time = 1_700_000_000_000;
          const clocks = skews.map((skew, n) =>
            createClock(`d${n}`, { wallClock: () => time + skew }),
          );
          for (const { from, to, tick } of steps) {
            time += tick;
            const sent = clocks[from]!.now();
            expect(clocks[to]!.receive(sent)).toBe(true);
            expect(clocks[to]!.now() > sent).toBe(true);
          }
        },
      ),
    );
  });

  it('stays close to the wall clock: a stamp is never behind it', () => {
    const clock = createClock('dev', { wallClock: () => 5_000 });
    expect(parseStamp(clock.now())).toEqual({ wall: 5_000, counter: 0, device: 'dev' });
    expect(parseStamp(clock.now())).toEqual({ wall: 5_000, counter: 1, device: 'dev' });
  });

  it('refuses a stamp from more than a day ahead and is not moved by it', () => {
    const clock = createClock('dev', { wallClock: () => 1_000 });
    const before = clock.last();
    const far = formatStamp({ wall: 1_000 + maxClockSkewMs + 1, counter: 0, device: 'other' });
    expect(clock.receive(far)).toBe(false);
    expect(clock.receive('not a stamp')).toBe(false);
    expect(clock.last()).toBe(before);
    expect(parseStamp(clock.now())?.wall).toBe(1_000);
  });

  it('continues after the last stamp it kept, across a restart', () => {
    const first = createClock('dev', { wallClock: () => 9_000 });
    first.now();
    const kept = first.now();
    const restarted = createClock('dev', { wallClock: () => 100, last: kept });
    expect(restarted.now() > kept).toBe(true);
  });

  it('moves to the next millisecond rather than overflow its counter', () => {
    const last = formatStamp({ wall: 7, counter: 36 ** 5 - 1, device: 'dev' });
    const clock = createClock('dev', { wallClock: () => 7, last });
    const next = clock.now();
    expect(next > last).toBe(true);
    expect(parseStamp(next)).toEqual({ wall: 8, counter: 0, device: 'dev' });
  });
});
