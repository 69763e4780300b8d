/**
 * Hybrid logical clock: the stamp every synced record version carries. A stamp is later than
 * every stamp its device had seen when it was made, whatever the wall clocks say, so devices
 * whose clocks are an hour apart still order an edit after the one it replaced. Stamps are
 * strings that sort as they compare, so they can be kept and indexed as they are.
 */

/** Wall time in ms, a counter for events within one ms (or behind a clock ahead of ours), the device. */
export interface Stamp {
  wall: number;
  counter: number;
  device: string;
}

// Widths that hold any millisecond until the year 10,000 and 36^5 events in one millisecond.
const WALL_DIGITS = 9;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
const DEVICE_PATTERN = /^[0-9a-z]{1,32}$/;
const STAMP_PATTERN = /^([0-9a-z]{9})-([0-9a-z]{5})-([0-9a-z]{1,32})$/;

/** A stamp from another device further ahead of our clock than this is refused, not followed. */
export const maxClockSkewMs = 24 * 60 * 60 * 1000;

export function formatStamp({ wall, counter, device }: Stamp): string {
  return `${wall.toString(36).padStart(WALL_DIGITS, '0')}-${counter
    .toString(36)
    .padStart(COUNTER_DIGITS, '0')}-${device}`;
}

export function parseStamp(text: string): Stamp | undefined {
  const match = STAMP_PATTERN.exec(text);
  if (!match) return undefined;
  return {
    wall: Number.parseInt(match[1]!, 36),
    counter: Number.parseInt(match[2]!, 36),
    device: match[3]!,
  };
}

export const isDeviceId = (text: string): boolean => DEVICE_PATTERN.test(text);

export interface Clock {
  /** A stamp for an event on this device: later than any stamp made or received before. */
  now(): string;
  /**
   * Takes in a stamp seen from another device, so the next local stamp comes after it.
   * Returns false, and changes nothing, for a stamp too far in the future or malformed.
   */
  receive(stamp: string): boolean;
  /** The latest stamp made or received, to keep across restarts of the worker. */
  last(): string;
}

export function createClock(
  device: string,
  options: { wallClock?: () => number; last?: string } = {},
): Clock {
  if (!isDeviceId(device)) throw new Error(`Not a device id: ${device}`);
  const wallClock = options.wallClock ?? Date.now;
  const restored = options.last === undefined ? undefined : parseStamp(options.last);
  let wall = restored?.wall ?? 0;
  let counter = restored?.counter ?? 0;

  const advance = (seenWall: number, seenCounter: number) => {
    const physical = Math.floor(wallClock());
    const nextWall = Math.max(wall, seenWall, physical);
    // The counter goes on from whichever clock the new wall time came from, else starts over.
    let base = -1;
    if (nextWall === wall) base = Math.max(base, counter);
    if (nextWall === seenWall) base = Math.max(base, seenCounter);
    if (base + 1 > MAX_COUNTER) {
      // So many events in one millisecond: borrow the next one rather than wrap.
      wall = nextWall + 1;
      counter = 0;
    } else {
      wall = nextWall;
      counter = base + 1;
    }
  };

  return {
    now() {
      advance(0, 0);
      return formatStamp({ wall, counter, device });
    },
    receive(text) {
      const seen = parseStamp(text);
      if (!seen || seen.wall > wallClock() + maxClockSkewMs) return false;
      advance(seen.wall, seen.counter);
      return true;
    },
    last: () => formatStamp({ wall, counter, device }),
  };
}
