/**
 * Sync's side of the store: each record's versions, the batches sealed for sending, and the
 * writes of what other devices sent. Local changes become versions only here, from the
 * journal, in the same transaction that clears it and keeps the batch, so a worker stopped
 * at any moment neither loses a change nor sends one twice under two numbers.
 */
import type { Dexie } from 'dexie';
import { type NoteRecord, tagsOf } from '../model/records';
import {
  bucketOf,
  canonicalJson,
  conflictCopyId,
  fingerprint,
  fingerprintOfJson,
} from '../sync/fingerprint';
import type { Clock } from '../sync/hlc';
import { measured } from '../sync/measure';
import { joinHeads, nextVersion, outcomeOf, type Version, type VersionVector } from '../sync/merge';
import { notesInParts } from './bulk';
import type { CuecardsDatabase } from './database';
import { leaveOutOfJournal, recordKey, type SyncedTable, splitRecordKey } from './journal';

/**
 * A record's version as kept here: its content by fingerprint; the row holds the winner's.
 * A losing version of a deck or a video (which get no conflict copy) keeps its content here,
 * for the day a delete of the winner makes it win again.
 */
export type Head = Version<string> & { content?: unknown };

export interface HeadBucket {
  bucket: number;
  records: Record<string, Head[]>;
}

/** A version as it travels: the record's whole content (null for a video deleted). */
export interface WireVersion {
  table: SyncedTable;
  id: string;
  stamp: string;
  seen: VersionVector;
  deleted: boolean;
  data: unknown;
}

/**
 * A version as the JSON text it travels as, made from the canonical text its fingerprint was
 * taken of, so a snapshot of 100,000 records is written without serializing them a second time.
 */
export type WireVersionJson = string;

export interface OutgoingBatch {
  sequence: number;
  versions: WireVersion[];
}

export interface SyncStateRow {
  name: string;
  value: unknown;
}

export const bucketCount = 4096;

const syncedRows = (db: CuecardsDatabase) => [db.notes, db.cards, db.decks, db.videos] as const;
const tableOf = (db: CuecardsDatabase, table: SyncedTable) => db[table] as Dexie.Table;
const idOf = (table: SyncedTable, row: Record<string, unknown>) =>
  String(table === 'videos' ? row.key : row.id);

export async function readSyncState<T>(db: CuecardsDatabase, name: string): Promise<T | undefined> {
  return (await db.syncState.get(name))?.value as T | undefined;
}

/** Several of sync's values in one read: each read waits its turn behind the pages' reads. */
export async function readSyncStates<T extends unknown[]>(
  db: CuecardsDatabase,
  ...names: string[]
): Promise<{ [K in keyof T]: T[K] | undefined }> {
  const rows = await db.syncState.bulkGet(names);
  return rows.map((row) => row?.value) as { [K in keyof T]: T[K] | undefined };
}

export async function writeSyncState(db: CuecardsDatabase, values: Record<string, unknown>) {
  await db.syncState.bulkPut(Object.entries(values).map(([name, value]) => ({ name, value })));
}

/** Forgets everything of sync but the records themselves, as after a disconnect. */
export async function forgetSync(db: CuecardsDatabase): Promise<void> {
  await db.transaction('rw', db.journal, db.heads, db.outgoing, db.syncState, async () => {
    await Promise.all([db.journal.clear(), db.heads.clear(), db.outgoing.clear()]);
    await db.syncState.clear();
  });
}

/** While sync is off the journal has no reader; it is emptied instead of growing. */
export function clearJournal(db: CuecardsDatabase): Promise<void> {
  return db.journal.clear();
}

/** Local changes not yet on the server: records changed, and versions sealed but not sent. */
export async function waitingCount(db: CuecardsDatabase): Promise<number> {
  return db.transaction('r', db.journal, db.outgoing, async () => {
    const keys = new Set<string>();
    await db.journal.each((entry) => {
      for (const key of entry.keys) keys.add(key);
    });
    let sealed = 0;
    await db.outgoing.each((batch) => {
      sealed += batch.versions.length;
    });
    return keys.size + sealed;
  });
}

/** The content a version carries of a row: the row as stored, or null for a video gone. */
const contentOf = (row: unknown) => (row === undefined ? null : row);
const isDeletedRow = (table: SyncedTable, row: Record<string, unknown> | undefined) =>
  row === undefined || (table !== 'videos' && row.deleted === true);

class Buckets {
  private readonly loaded = new Map<number, HeadBucket>();
  private readonly changed = new Set<number>();

  constructor(private readonly db: CuecardsDatabase) {}

  async load(keys: Iterable<string>): Promise<void> {
    const wanted = [...new Set([...keys].map((key) => bucketOf(key, bucketCount)))].filter(
      (bucket) => !this.loaded.has(bucket),
    );
    // A device that has no versions yet (taking its first snapshot) has no buckets to read.
    const isEmpty = wanted.length > 64 && (await this.db.heads.count()) === 0;
    const rows = isEmpty ? [] : await this.db.heads.bulkGet(wanted);
    wanted.forEach((bucket, i) => {
      this.loaded.set(bucket, rows[i] ?? { bucket, records: {} });
    });
  }

  get(key: string): Head[] {
    return this.loaded.get(bucketOf(key, bucketCount))?.records[key] ?? [];
  }

  set(key: string, heads: Head[]): void {
    const bucket = bucketOf(key, bucketCount);
    let row = this.loaded.get(bucket);
    if (!row) {
      row = { bucket, records: {} };
      this.loaded.set(bucket, row);
    }
    row.records[key] = heads;
    this.changed.add(bucket);
  }

  async save(): Promise<void> {
    const rows = [...this.changed].map((bucket) => this.loaded.get(bucket)!);
    if (rows.length > 0) await this.db.heads.bulkPut(rows);
  }
}

async function rowsOf(db: CuecardsDatabase, keys: readonly string[]) {
  const byTable = new Map<SyncedTable, string[]>();
  for (const key of keys) {
    const parts = splitRecordKey(key);
    if (!parts) continue;
    const ids = byTable.get(parts.table);
    if (ids) ids.push(parts.id);
    else byTable.set(parts.table, [parts.id]);
  }
  const rows = new Map<string, Record<string, unknown> | undefined>();
  for (const [table, ids] of byTable) {
    const found = await tableOf(db, table).bulkGet(ids);
    ids.forEach((id, i) => {
      rows.set(recordKey(table, id), found[i]);
    });
  }
  return rows;
}

/**
 * Turns the journal into this device's next batch: a version of every record whose content
 * changed since its last version, each after all the versions this device had of it.
 */
export async function sealLocalChanges(
  db: CuecardsDatabase,
  device: string,
  clock: Clock,
): Promise<OutgoingBatch | undefined> {
  // With nothing to seal, the records stay unlocked: a write transaction over them would wait
  // for every page's reads of them (the library's live lists of 100,000 notes take a while).
  // A change journaled after this look is sealed by the next round, or the merge's own seal.
  if ((await db.journal.count()) === 0) return undefined;
  return db.transaction(
    'rw',
    [db.journal, db.heads, db.outgoing, db.syncState, ...syncedRows(db)],
    async () => {
      const entries = await db.journal.toArray();
      if (entries.length === 0) return undefined;
      const keys = [...new Set(entries.flatMap((entry) => entry.keys))];
      const rows = await rowsOf(db, keys);
      const buckets = new Buckets(db);
      await buckets.load(keys);
      const versions: WireVersion[] = [];
      for (const key of keys) {
        const parts = splitRecordKey(key);
        if (!parts) continue;
        const row = rows.get(key);
        const heads = buckets.get(key);
        const print = fingerprint(contentOf(row));
        const deleted = isDeletedRow(parts.table, row);
        if (heads.length === 0 && row === undefined) continue;
        const current = heads.length > 0 ? outcomeOf(heads).winner : undefined;
        if (current && current.data === print && current.deleted === deleted) continue;
        const version = nextVersion(heads, device, clock.now(), { data: print, deleted });
        buckets.set(key, [version]);
        versions.push({ ...parts, ...version, data: contentOf(row) });
      }
      await db.journal.bulkDelete(entries.map((entry) => entry.seq!));
      await buckets.save();
      if (versions.length === 0) {
        await writeSyncState(db, { clock: clock.last() });
        return undefined;
      }
      // Numbers are used only by batches that exist: another device reads them in order and
      // takes a missing one for batches folded into a snapshot.
      const sequence = (await readSyncState<number>(db, 'nextBatch')) ?? 1;
      await writeSyncState(db, { nextBatch: sequence + 1, clock: clock.last() });
      const batch = { sequence, versions };
      await db.outgoing.put(batch);
      return batch;
    },
  );
}

export function outgoingBatches(db: CuecardsDatabase): Promise<OutgoingBatch[]> {
  return db.outgoing.orderBy('sequence').toArray();
}

/** Forgets the sealed batches up to `sequence`: a snapshot holding them was sent instead. */
export async function dropOutgoing(db: CuecardsDatabase, sequence: number): Promise<void> {
  await db.outgoing.where('sequence').belowOrEqual(sequence).delete();
}

export function markSent(db: CuecardsDatabase, sequence: number): Promise<void> {
  return db.outgoing.delete(sequence);
}

/**
 * Gives every record a first version by this device, as when it connects: what it holds
 * then is its own edit, to merge with what the other devices hold. Returns those versions as
 * their JSON text, which is what a snapshot taken before any other change would hold.
 */
export async function versionEverything(
  db: CuecardsDatabase,
  device: string,
  clock: Clock,
): Promise<WireVersionJson[]> {
  return db.transaction('rw', [db.journal, db.heads, db.syncState, ...syncedRows(db)], async () => {
    const records: Record<number, HeadBucket> = {};
    const versions: WireVersionJson[] = [];
    const seen = { [device]: 1 };
    const seenJson = JSON.stringify(seen);
    const version = (table: SyncedTable, row: Record<string, unknown>) => {
      const id = idOf(table, row);
      const key = recordKey(table, id);
      const bucket = bucketOf(key, bucketCount);
      const dataJson = canonicalJson(row);
      const stamp = clock.now();
      const deleted = isDeletedRow(table, row);
      records[bucket] ??= { bucket, records: {} };
      records[bucket].records[key] = [{ stamp, seen, deleted, data: fingerprintOfJson(dataJson) }];
      // The members of a WireVersion, in its order.
      versions.push(
        `{"table":"${table}","id":${JSON.stringify(id)},"stamp":${JSON.stringify(stamp)},` +
          `"seen":${seenJson},"deleted":${deleted},"data":${dataJson}}`,
      );
    };
    // The notes are read in parts, each versioned while the database reads the next.
    const others = (['cards', 'decks', 'videos'] as const).map(
      (table) => [table, tableOf(db, table).toArray()] as const,
    );
    for (const part of await notesInParts(db)) {
      for (const row of await part) version('notes', row as unknown as Record<string, unknown>);
    }
    for (const [table, rows] of others) {
      for (const row of (await rows) as Record<string, unknown>[]) version(table, row);
    }
    await measured('version-write-heads', async () => {
      await db.heads.clear();
      await db.heads.bulkPut(Object.values(records));
    });
    await db.journal.clear();
    await writeSyncState(db, { clock: clock.last() });
    return versions;
  });
}

/** Everything this device holds, as versions, for a snapshot; records changed since are left to the next batch. */
export async function everyVersion(db: CuecardsDatabase): Promise<WireVersion[]> {
  return db.transaction('r', [db.journal, db.heads, ...syncedRows(db)], async () => {
    const pending = new Set<string>();
    await db.journal.each((entry) => {
      for (const key of entry.keys) pending.add(key);
    });
    const rows = new Map<string, Record<string, unknown>>();
    for (const table of ['notes', 'cards', 'decks', 'videos'] as const) {
      for (const row of (await tableOf(db, table).toArray()) as Record<string, unknown>[]) {
        rows.set(recordKey(table, idOf(table, row)), row);
      }
    }
    const versions: WireVersion[] = [];
    for (const bucket of await db.heads.toArray()) {
      for (const [key, heads] of Object.entries(bucket.records)) {
        const parts = splitRecordKey(key);
        if (!parts || pending.has(key) || heads.length === 0) continue;
        const { winner } = outcomeOf(heads);
        for (const head of heads) {
          // A losing delete of a video holds null (the video gone): content all the same.
          const data =
            head === winner
              ? contentOf(rows.get(key))
              : head.content !== undefined
                ? head.content
                : lostContent(rows, parts, head.stamp);
          if (data === undefined) continue;
          versions.push({
            ...parts,
            stamp: head.stamp,
            seen: head.seen,
            deleted: head.deleted,
            data,
          });
        }
      }
    }
    return versions;
  });
}

/** What a losing version held: its copy, under the record's own id again. */
function lostContent(
  rows: ReadonlyMap<string, Record<string, unknown> | undefined>,
  { table, id }: { table: SyncedTable; id: string },
  stamp: string,
) {
  if (table !== 'notes' && table !== 'cards') return undefined;
  const copy = rows.get(recordKey(table, conflictCopyId(id, stamp)));
  if (!copy) return undefined;
  const { conflictOf: _, ...content } = copy;
  return { ...content, id, deleted: false };
}

/** A row as this device stores it, from content another device sent (already validated). */
function storedRow(table: SyncedTable, data: Record<string, unknown>) {
  if (table === 'notes') {
    const note = data as unknown as NoteRecord;
    return { ...note, tags: tagsOf(note.text) };
  }
  return data;
}

export interface AppliedVersions {
  /** Records whose content here changed. */
  written: number;
  /** Conflict copies made. */
  copies: number;
}

/**
 * Merges versions from other devices, and records what was read of them (`state`) in the same
 * transaction, so a version is merged once even if the worker stops right after.
 * Conflicting notes and cards keep the loser as a copy beside the winner. A copy's first
 * version is the same on every device that makes it, and is sent like an edit, so every
 * device ends up with it whichever order it heard of the conflict in.
 */
export async function applyVersions(
  db: CuecardsDatabase,
  versions: readonly WireVersion[],
  state: Record<string, unknown>,
  local?: { device: string; clock: Clock },
): Promise<AppliedVersions> {
  return db.transaction(
    'rw',
    [db.journal, db.heads, db.syncState, db.outgoing, ...syncedRows(db)],
    async (transaction) => {
      // An edit made here since the round began is a version before anything is merged over
      // its row; in this transaction, so no write slips in between.
      if (local) {
        await sealLocalChanges(db, local.device, local.clock);
        state = { ...state, clock: local.clock.last() };
      }
      leaveOutOfJournal(transaction);
      const keys = versions.map((version) => recordKey(version.table, version.id));
      const buckets = new Buckets(db);
      await measured('apply-load-heads', () => buckets.load(keys));
      // A version loses, and a copy is made or read, only beside another version of its
      // record, one here already or one more in this list; and then the copy of any head may
      // be needed, not only of the heads arriving: a delete of the winner brings back a
      // loser, whose content only its copy holds here. A new device taking a snapshot reads
      // no rows and looks up no copies of records it never had.
      const listed = new Set<string>();
      const repeated = new Set<string>();
      for (const key of keys) (listed.has(key) ? repeated : listed).add(key);
      const known = keys.filter((key) => repeated.has(key) || buckets.get(key).length > 0);
      const copyKeys = versions
        .filter(
          (version, i) =>
            (version.table === 'notes' || version.table === 'cards') &&
            (repeated.has(keys[i]!) || buckets.get(keys[i]!).length > 0),
        )
        .flatMap((version) =>
          [version, ...buckets.get(recordKey(version.table, version.id))].map((head) =>
            recordKey(version.table, conflictCopyId(version.id, head.stamp)),
          ),
        );
      await buckets.load(copyKeys);
      const rows = await measured('apply-load-rows', () =>
        rowsOf(db, [...new Set([...known, ...copyKeys])]),
      );
      const mergedAt = performance.now();
      const puts = new Map<string, Record<string, unknown>>();
      const removals = new Set<string>();
      const copies: WireVersion[] = [];

      const write = (key: string, row: Record<string, unknown> | undefined) => {
        rows.set(key, row);
        if (row) {
          puts.set(key, row);
          removals.delete(key);
        } else {
          puts.delete(key);
          removals.add(key);
        }
      };

      for (const version of versions) {
        const key = recordKey(version.table, version.id);
        const before = buckets.get(key);
        const head: Head = {
          stamp: version.stamp,
          seen: version.seen,
          deleted: version.deleted,
          data: fingerprint(version.data),
        };
        const after: Head[] = joinHeads(before, [head]);
        if (sameStamps(before, after)) continue;
        buckets.set(key, after);
        const previous = before.length > 0 ? outcomeOf(before).winner : undefined;
        const { winner, conflicts } = outcomeOf(after) as { winner: Head; conflicts: Head[] };
        const rowBefore = rows.get(key);
        const isCopied = version.table === 'notes' || version.table === 'cards';
        // A losing version's content stays at hand for the day it wins again (a delete of the
        // winner brings it back): a live note's or card's in its copy, any other in its head.
        buckets.set(
          key,
          after.map((kept) => {
            if (kept === winner) return withoutContent(kept);
            if ((isCopied && !kept.deleted) || kept.content !== undefined) return kept;
            const content =
              kept.stamp === version.stamp
                ? version.data
                : kept.data === previous?.data
                  ? (rowBefore ?? null)
                  : undefined;
            return content === undefined ? kept : { ...kept, content };
          }),
        );
        if (winner.stamp !== previous?.stamp && winner.data !== previous?.data) {
          const content =
            winner.stamp === version.stamp
              ? version.data
              : (winner.content ??
                (isCopied ? lostContent(rows, version, winner.stamp) : undefined));
          const current = rows.get(key);
          if (content === null) write(key, undefined);
          else if (content !== undefined) {
            write(key, storedRow(version.table, content as Record<string, unknown>));
          } else if (winner.deleted && current) {
            // Every head is a delete, and the winning one's content was dropped here when a
            // live edit beat it: the record is deleted all the same, as on every other device.
            write(key, version.table === 'videos' ? undefined : { ...current, deleted: true });
          }
        }
        if (!isCopied) continue;
        for (const loser of conflicts) {
          if (loser.data === winner.data) continue;
          const copyKey = recordKey(version.table, conflictCopyId(version.id, loser.stamp));
          if (rows.get(copyKey) || buckets.get(copyKey).length > 0) continue;
          const lost =
            loser.stamp === version.stamp
              ? version.data
              : // A loser that held the same content as the row's version is that content.
                loser.data === previous?.data
                ? rowBefore
                : undefined;
          if (!lost || typeof lost !== 'object') continue;
          const copy = {
            ...(storedRow(version.table, lost as Record<string, unknown>) as object),
            id: splitRecordKey(copyKey)!.id,
            conflictOf: version.id,
            deleted: false,
          };
          write(copyKey, copy);
          const first = { stamp: loser.stamp, seen: {}, deleted: false };
          buckets.set(copyKey, [{ ...first, data: fingerprint(copy) }]);
          copies.push({ table: version.table, id: copy.id, ...first, data: copy });
        }
      }

      performance.measure('cuecards:sync-apply-merge', { start: mergedAt });
      const writtenAt = performance.now();
      for (const table of ['notes', 'cards', 'decks', 'videos'] as const) {
        const prefix = `${table}:`;
        const rowsToPut = [...puts].filter(([key]) => key.startsWith(prefix)).map(([, row]) => row);
        const idsToRemove = [...removals]
          .filter((key) => key.startsWith(prefix))
          .map((key) => key.slice(prefix.length));
        if (rowsToPut.length > 0) await tableOf(db, table).bulkPut(rowsToPut);
        if (idsToRemove.length > 0) await tableOf(db, table).bulkDelete(idsToRemove);
      }
      performance.measure('cuecards:sync-apply-rows', { start: writtenAt });
      await measured('apply-heads', () => buckets.save());
      if (copies.length > 0) {
        const sequence = (await readSyncState<number>(db, 'nextBatch')) ?? 1;
        await db.outgoing.put({ sequence, versions: copies });
        state = { ...state, nextBatch: sequence + 1 };
      }
      await writeSyncState(db, state);
      return { written: puts.size + removals.size, copies: copies.length };
    },
  );
}

function withoutContent(head: Head): Head {
  if (head.content === undefined) return head;
  const { content: _, ...rest } = head;
  return rest;
}

const sameStamps = (a: readonly Head[], b: readonly Head[]) =>
  a.length === b.length && a.every((head, i) => head.stamp === b[i]!.stamp);
