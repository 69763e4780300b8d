// Placeholder until the indexed version lands: same API, linear scan.
export interface Interval {
  id: string;
  start: number;
  end: number;
}
export interface IntervalIndex<T extends Interval> {
  readonly size: number;
  activeAt(t: number): T[];
  nextChangeAfter(t: number): number;
}
export function buildIntervalIndex<T extends Interval>(items: readonly T[]): IntervalIndex<T> {
  const valid = items.filter((item) => item.end > item.start);
  return {
    size: valid.length,
    activeAt: (t) =>
      valid
        .filter((item) => item.start <= t && t < item.end)
        .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1)),
    nextChangeAfter: (t) =>
      Math.min(...valid.flatMap((item) => [item.start, item.end]).filter((x) => x > t), Infinity),
  };
}
