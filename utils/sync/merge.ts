/**
 * The merge of one record's versions from every device. A version carries a version vector
 * (how many edits of this record it has seen from each device) and a clock stamp. What a
 * device keeps of a record is its heads: the versions no other version has seen past. Two
 * devices' heads join into the same heads whatever the order, the number of times, or the
 * grouping (a join-semilattice), so every device converges on the same state.
 *
 * What the viewer sees of the heads: a live version wins over a deleted one (an edit made
 * without knowing of a delete survives it), then the later stamp wins; every other live head
 * is kept beside the winner as a conflict copy. Nothing is dropped that no device had seen.
 */
import { parseStamp } from './hlc';

export type VersionVector = Readonly<Record<string, number>>;

export interface Version<T> {
  stamp: string;
  seen: VersionVector;
  deleted: boolean;
  data: T;
}

export type Order = 'equal' | 'before' | 'after' | 'concurrent';

/** How version vector `a` stands to `b`: `before` when b has seen everything a has, and more. */
export function compareSeen(a: VersionVector, b: VersionVector): Order {
  let aAhead = false;
  let bAhead = false;
  for (const device of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[device] ?? 0;
    const y = b[device] ?? 0;
    if (x > y) aAhead = true;
    if (y > x) bAhead = true;
  }
  if (aAhead && bAhead) return 'concurrent';
  if (aAhead) return 'after';
  if (bAhead) return 'before';
  return 'equal';
}

const byStamp = <T>(a: Version<T>, b: Version<T>) =>
  a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : 0;

/** The heads of both sides together: every version not seen past by another, in stamp order. */
export function joinHeads<T>(
  ours: readonly Version<T>[],
  theirs: readonly Version<T>[],
): Version<T>[] {
  const heads: Version<T>[] = [];
  for (const candidate of [...ours, ...theirs]) {
    let isHead = true;
    for (let i = heads.length - 1; i >= 0; i--) {
      const order = compareSeen(candidate.seen, heads[i]!.seen);
      if (order === 'before' || (order === 'equal' && candidate.stamp <= heads[i]!.stamp)) {
        isHead = false;
        break;
      }
      if (order === 'after' || order === 'equal') heads.splice(i, 1);
    }
    if (isHead) heads.push(candidate);
  }
  return heads.sort(byStamp);
}

/** A device's new version of the record, made after seeing all of `heads` (a resolving edit). */
export function nextVersion<T>(
  heads: readonly Version<T>[],
  device: string,
  stamp: string,
  change: { data: T; deleted: boolean },
): Version<T> {
  if (parseStamp(stamp)?.device !== device) throw new Error('A stamp of another device');
  const seen: Record<string, number> = {};
  for (const head of heads) {
    for (const [other, count] of Object.entries(head.seen)) {
      seen[other] = Math.max(seen[other] ?? 0, count);
    }
  }
  seen[device] = (seen[device] ?? 0) + 1;
  return { stamp, seen, deleted: change.deleted, data: change.data };
}

export interface Outcome<T> {
  /** What the record is on every device; deleted only when every head is. */
  winner: Version<T>;
  /** The other live heads, each kept as a copy beside the winner. */
  conflicts: Version<T>[];
}

export function outcomeOf<T>(heads: readonly Version<T>[]): Outcome<T> {
  if (heads.length === 0) throw new Error('A record without versions');
  const live = heads.filter((head) => !head.deleted);
  const ranked = (live.length > 0 ? live : [...heads]).sort(byStamp).reverse();
  return { winner: ranked[0]!, conflicts: live.length > 0 ? ranked.slice(1) : [] };
}
