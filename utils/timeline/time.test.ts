import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatTimestamp,
  formatTimestampPadded,
  leadingTimestamp,
  localDate,
  parseTimestamp,
} from './time';

describe('formatTimestamp', () => {
  it.each<[number, string]>([
    [0, '0:00'],
    [5, '0:05'],
    [83, '1:23'],
    [723, '12:03'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3723, '1:02:03'],
    [360_000, '100:00:00'],
  ])('formats %s seconds as %s', (seconds, text) => {
    expect(formatTimestamp(seconds)).toBe(text);
  });

  it('floors fractional seconds instead of rounding up', () => {
    expect(formatTimestamp(59.99)).toBe('0:59');
  });

  it.each([-1, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('shows %s as 0:00', (seconds) => {
    expect(formatTimestamp(seconds)).toBe('0:00');
  });
});

describe('formatTimestampPadded', () => {
  it.each<[number, string]>([
    [0, '00:00'],
    [5, '00:05'],
    [83, '01:23'],
    [723, '12:03'],
    [3723, '1:02:03'],
    [-3, '00:00'],
  ])('formats %s seconds as %s', (seconds, text) => {
    expect(formatTimestampPadded(seconds)).toBe(text);
  });

  it('gives every time under an hour the same width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3599 }), (seconds) => {
        expect(formatTimestampPadded(seconds)).toHaveLength(5);
      }),
    );
  });
});

describe('parseTimestamp', () => {
  it.each<[string, number]>([
    ['83', 83],
    ['0', 0],
    ['83s', 83],
    ['83.5', 83.5],
    ['1:23', 83],
    ['01:23', 83],
    ['0:05', 5],
    ['1:23.5', 83.5],
    ['1:02:03', 3723],
    ['100:00:00', 360_000],
    ['2m15s', 135],
    ['1h2m3s', 3723],
    ['1h', 3600],
    ['5m', 300],
    ['1h30s', 3630],
    ['90s', 90],
    ['1H2M3S', 3723],
    ['  1:23\n', 83],
  ])('reads %j as %s seconds', (text, seconds) => {
    expect(parseTimestamp(text)).toBe(seconds);
  });

  it.each([
    '',
    '   ',
    'abc',
    '-3',
    '1:75',
    '1:60:00',
    '1:02:75',
    '1:2:3:4',
    '1:2',
    ':30',
    '1:',
    '1.5m',
    's',
    'h',
    '3s2m',
    '1:23pm',
    '83 s',
    '1e3',
    'Infinity',
  ])('rejects %j', (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('reads back every formatted time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360_000 }), (seconds) => {
        expect(parseTimestamp(formatTimestamp(seconds))).toBe(seconds);
      }),
    );
  });

  it('reads back every padded time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360_000 }), (seconds) => {
        expect(parseTimestamp(formatTimestampPadded(seconds))).toBe(seconds);
      }),
    );
  });

  it('never returns a negative or non-finite number', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const seconds = parseTimestamp(text);
        if (seconds !== undefined) {
          expect(Number.isFinite(seconds)).toBe(true);
          expect(seconds).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('leadingTimestamp', () => {
  it.each<[string, number, string]>([
    ['2:15 intro', 135, 'intro'],
    ['1:02:03 outro', 3723, 'outro'],
    ['2m15s the drop', 135, 'the drop'],
    ['1h2m3s credits', 3723, 'credits'],
    ['[2:15] intro', 135, 'intro'],
    ['(2:15) intro', 135, 'intro'],
    ['[1:02:03]intro', 3723, 'intro'],
    ['2:15 - intro', 135, 'intro'],
    ['2:15 – intro', 135, 'intro'],
    ['2:15–intro', 135, 'intro'],
    ['2:15: intro', 135, 'intro'],
    ['2:15\tintro  ', 135, 'intro'],
    ['  2:15 intro', 135, 'intro'],
    ['2:15', 135, ''],
    ['[5m]', 300, ''],
    ['0:00 - - start', 0, '- start'],
  ])('splits %j into %s seconds and %j', (text, seconds, rest) => {
    expect(leadingTimestamp(text)).toEqual({ seconds, rest });
  });

  it.each([
    '1985 was a year',
    '42 is the answer',
    '80s music',
    '2:15pm meeting',
    '2:15-3:00 range',
    '1:75 nope',
    '[2:15 unclosed',
    '(2:15] mismatched',
    '2:15) stray',
    '5min later',
    'intro at 2:15',
    '',
  ])('does not find a time at the start of %j', (text) => {
    expect(leadingTimestamp(text)).toBeUndefined();
  });

  it('finds the time of every formatted timestamp followed by text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 360_000 }), fc.boolean(), (seconds, padded) => {
        const stamp = padded ? formatTimestampPadded(seconds) : formatTimestamp(seconds);
        expect(leadingTimestamp(`[${stamp}] note`)).toEqual({ seconds, rest: 'note' });
      }),
    );
  });
});

describe('localDate', () => {
  it('writes the viewer’s own day with two-digit month and day', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(1999, 11, 31, 0, 1))).toBe('1999-12-31');
  });
});
