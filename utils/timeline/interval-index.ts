// Pure: which cards are active at a moment, in logarithmic time.
export interface Interval {
  id: string;
  /** Seconds, inclusive. */
  start: number;
  /** Seconds, exclusive; intervals with end <= start are not indexed. */
  end: number;
}

export interface IntervalIndex<T extends Interval> {
  readonly size: number;
  /** Items with start <= t < end, ordered by start then id (ties keep input order). */
  activeAt(t: number): T[];
  /** The next time after t at which the active set changes (a start or an end), or Infinity. */
  nextChangeAfter(t: number): number;
}

// Code-unit order, not localeCompare: it must not depend on the user's locale.
function compareByStartThenId(a: Interval, b: Interval): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.id === b.id) return 0;
  return a.id < b.id ? -1 : 1;
}

/** How many values of the ascending `sorted` are <= t. */
function countAtMost(sorted: Float64Array, t: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= t) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Items sorted by start, read as an implicit balanced tree: the range [low, high) has its
 * root at (low + high) >>> 1, and `subtreeMaxEnd[root]` is the largest end within the range.
 * activeAt is O(log n + k·log(n/k)) for k results, nextChangeAfter O(log n), memory O(n).
 */
class StaticIntervalIndex<T extends Interval> implements IntervalIndex<T> {
  readonly size: number;
  readonly #itemsByStart: readonly T[];
  // Copies of start and end taken at build time, so later edits to the items cannot corrupt
  // the ordering the tree relies on.
  readonly #startsByStart: Float64Array;
  readonly #endsByStart: Float64Array;
  readonly #subtreeMaxEnd: Float64Array;
  readonly #sortedStarts: Float64Array;
  readonly #sortedEnds: Float64Array;

  constructor(items: readonly T[]) {
    const itemsByStart = items.filter((item) => item.end > item.start).sort(compareByStartThenId);
    const count = itemsByStart.length;
    this.size = count;
    this.#itemsByStart = itemsByStart;
    this.#startsByStart = Float64Array.from(itemsByStart, (item) => item.start);
    this.#endsByStart = Float64Array.from(itemsByStart, (item) => item.end);
    this.#subtreeMaxEnd = new Float64Array(count);
    this.#fillSubtreeMaxEnd(0, count);
    this.#sortedStarts = this.#startsByStart.slice();
    this.#sortedEnds = this.#endsByStart.slice().sort();
    Object.freeze(this);
  }

  activeAt(t: number): T[] {
    const active: T[] = [];
    if (Number.isNaN(t)) return active;
    const startedCount = countAtMost(this.#startsByStart, t);
    if (startedCount > 0) this.#collectActive(0, this.size, t, startedCount, active);
    return active;
  }

  nextChangeAfter(t: number): number {
    if (Number.isNaN(t)) return Number.POSITIVE_INFINITY;
    const nextStart = this.#sortedStarts[countAtMost(this.#sortedStarts, t)];
    const nextEnd = this.#sortedEnds[countAtMost(this.#sortedEnds, t)];
    return Math.min(nextStart ?? Number.POSITIVE_INFINITY, nextEnd ?? Number.POSITIVE_INFINITY);
  }

  #fillSubtreeMaxEnd(low: number, high: number): number {
    if (low >= high) return Number.NEGATIVE_INFINITY;
    const root = (low + high) >>> 1;
    const maxEnd = Math.max(
      this.#endsByStart[root]!,
      this.#fillSubtreeMaxEnd(low, root),
      this.#fillSubtreeMaxEnd(root + 1, high),
    );
    this.#subtreeMaxEnd[root] = maxEnd;
    return maxEnd;
  }

  /**
   * In-order walk of [low, high), so results come out in index order. Only the first
   * `startedCount` items have start <= t; subtrees past them or ending by t are skipped.
   */
  #collectActive(low: number, high: number, t: number, startedCount: number, active: T[]): void {
    if (low >= high || low >= startedCount) return;
    const root = (low + high) >>> 1;
    if (this.#subtreeMaxEnd[root]! <= t) return;
    this.#collectActive(low, root, t, startedCount, active);
    if (root >= startedCount) return;
    if (this.#endsByStart[root]! > t) active.push(this.#itemsByStart[root]!);
    this.#collectActive(root + 1, high, t, startedCount, active);
  }
}

/** Builds an immutable index in O(n log n); the items themselves are returned, not copies. */
export function buildIntervalIndex<T extends Interval>(items: readonly T[]): IntervalIndex<T> {
  return new StaticIntervalIndex(items);
}
