/**
 * The sync engine, in the worker: connecting, the rounds with the server (read what other
 * devices wrote since last time, send this device's changes, now and then a snapshot), and
 * the status the viewer sees. One round runs at a time; every step is kept in the database
 * as it completes, so a worker stopped mid-round picks up where it was, sending nothing twice.
 */
import type { CuecardsDatabase } from '../store/database';
import {
  applyVersions,
  clearJournal,
  dropOutgoing,
  everyVersion,
  forgetSync,
  markSent,
  outgoingBatches,
  readSyncState,
  readSyncStates,
  sealLocalChanges,
  versionEverything,
  type WireVersion,
  type WireVersionJson,
  waitingCount,
  writeSyncState,
} from '../store/sync-records';
import { ConnectError, openAccount } from './account';
import {
  DeviceFileError,
  type DeviceFiles,
  filePath,
  listDevice,
  listDevices,
  readDeviceFile,
  writeDeviceFile,
  writeDeviceJson,
} from './device-log';
import type { KeyParameters } from './envelope';
import { type Clock, createClock } from './hlc';
import { measured } from './measure';
import type { SyncConnection, SyncProblem, SyncStatus } from './status';
import { connectRemote, isAcceptedAddress, RemoteError, type RemoteFolder } from './webdav';
import {
  batchFile,
  type FileProblem,
  parseBatch,
  parseSnapshot,
  snapshotFileParts,
  snapshotJsonParts,
} from './wire';

interface AccountState {
  address: string;
  user: string;
  password: string;
  key: CryptoKey;
}

/** How far this device has read each other device: the last batch merged. */
type Progress = Record<string, number>;

/** A snapshot is written again after this many batches, so a new device reads little history. */
export const batchesPerSnapshot = 100;

const minRetryMs = 30_000;
const maxRetryMs = 30 * 60_000;

export interface EngineOptions {
  /** How the engine reaches a server; the tests' fault proxy stands in front of a real one. */
  remoteFor?: (connection: Omit<SyncConnection, 'passphrase'>) => RemoteFolder;
  wallClock?: () => number;
  /** Told every status, to keep where the popup and library read it. */
  publish?: (status: SyncStatus) => void | Promise<void>;
  newDeviceId?: () => string;
  /** Batches between snapshots (default `batchesPerSnapshot`). */
  batchesPerSnapshot?: number;
  /** How a new sync space's key is made; tests use fewer rounds than the slow default. */
  newKeyParameters?: () => KeyParameters;
}

type SyncError = NonNullable<Extract<SyncStatus, { state: 'idle' }>['error']>;

export type ConnectResult = { ok: true; status: SyncStatus } | { ok: false; problem: SyncProblem };

class FileTrouble extends Error {
  constructor(readonly problem: FileProblem | 'altered-file') {
    super(problem);
  }
}

export function randomDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(bytes, (byte) => byte.toString(36).padStart(2, '0')).join('');
}

export function createSyncEngine(db: CuecardsDatabase, options: EngineOptions = {}) {
  const wallClock = options.wallClock ?? Date.now;
  const remoteFor =
    options.remoteFor ??
    ((connection) =>
      connectRemote({
        url: connection.address,
        user: connection.user,
        password: connection.password,
      }));
  let running: Promise<SyncStatus> | undefined;
  let again = false;
  /** Whether the running round has begun its seal: a request from then on needs one more. */
  let hasSealed = false;
  /**
   * The versions connecting gave every record, kept for the first snapshot: reading 100,000
   * rows again took seconds. Good only while nothing has changed since (no batch sealed,
   * nothing merged, nothing journaled); a worker restarted in between reads them anew.
   */
  let connectedVersions: { device: string; versions: WireVersionJson[] } | undefined;

  /** The storing of the last status told: each is stored after the one told before it. */
  let stored: Promise<unknown> = Promise.resolve();

  async function publish(status: SyncStatus) {
    const storing = stored.then(() => measured('publish', async () => options.publish?.(status)));
    stored = storing.catch(() => undefined);
    await storing;
    return status;
  }

  /** The status, read in one transaction (each waits its turn behind the pages' reads). */
  async function status(state: 'idle' | 'syncing' = 'idle'): Promise<SyncStatus> {
    const [account, syncedAt, error, waiting] = await db.transaction(
      'r',
      db.syncState,
      db.journal,
      db.outgoing,
      async () => [
        ...(await readSyncStates<[AccountState, number, SyncError]>(
          db,
          'account',
          'syncedAt',
          'error',
        )),
        await waitingCount(db),
      ],
    );
    if (!account) return { state: 'off' };
    return {
      state,
      address: account.address,
      user: account.user,
      syncedAt: syncedAt ?? 0,
      waiting,
      ...(error ? { error } : {}),
    };
  }

  async function connect(connection: SyncConnection): Promise<ConnectResult> {
    if (!isAcceptedAddress(connection.address)) return { ok: false, problem: 'bad-address' };
    const device = (options.newDeviceId ?? randomDeviceId)();
    let account: Awaited<ReturnType<typeof openAccount>>;
    try {
      account = await measured('open-account', () =>
        openAccount(remoteFor(connection), connection.passphrase, device, {
          newParameters: options.newKeyParameters,
        }),
      );
    } catch (error) {
      if (error instanceof ConnectError) return { ok: false, problem: error.problem };
      if (error instanceof RemoteError) return { ok: false, problem: error.problem };
      throw error;
    }
    await running;
    await forgetSync(db);
    const clock = createClock(device, { wallClock });
    const versions = await measured('version-everything', () =>
      versionEverything(db, device, clock),
    );
    connectedVersions = { device, versions };
    const state: AccountState = {
      address: connection.address,
      user: connection.user,
      password: connection.password,
      key: account.key,
    };
    await writeSyncState(db, {
      account: state,
      device,
      clock: clock.last(),
      progress: {},
      nextBatch: 1,
      // A device that came with nothing has nothing for a first snapshot to hold.
      snapshotDue: versions.length > 0,
      snapshotCovers: 0,
    });
    return { ok: true, status: await publish(await status('syncing')) };
  }

  async function disconnect(): Promise<SyncStatus> {
    await running;
    connectedVersions = undefined;
    await forgetSync(db);
    return publish({ state: 'off' });
  }

  /** One round, or the one already running (then one more after it, for what came since). */
  function syncNow(): Promise<SyncStatus> {
    if (running) {
      // A round that seals and lists after the request covers all it asks for.
      if (hasSealed) again = true;
      return running;
    }
    running = (async () => {
      let result: SyncStatus;
      do {
        again = false;
        hasSealed = false;
        result = await measured('round', round);
      } while (again);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** Whether a round by itself (timer or local change) is due now: not while backing off. */
  async function isDue(): Promise<boolean> {
    const account = await readSyncState<AccountState>(db, 'account');
    if (!account) {
      await clearJournal(db);
      return false;
    }
    const error = await readSyncState<{ retryAt: number }>(db, 'error');
    return !error || error.retryAt <= wallClock();
  }

  async function round(): Promise<SyncStatus> {
    const [account, device, last, progress] = await measured('begin', () =>
      readSyncStates<[AccountState, string, string, Progress]>(
        db,
        'account',
        'device',
        'clock',
        'progress',
      ),
    );
    if (!account || !device) return publish({ state: 'off' });
    // Stored before the round's outcome, but the round goes on meanwhile.
    const shown = measured('status', () => status('syncing')).then(publish);
    shown.catch(() => undefined);
    const clock = createClock(device, { wallClock, last });
    const remote = remoteFor(account);
    let done: SyncStatus | undefined;
    try {
      // Local changes become versions first: what arrives is then merged with them, not over them.
      hasSealed = true;
      await measured('seal', () => sealLocalChanges(db, device, clock));
      await receive(remote, account.key, device, clock, progress ?? {});
      done = await send(remote, account.key, device, clock);
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) {
        await shown.catch(() => undefined);
        await publish(await status());
        throw error;
      }
      const failures = ((await readSyncState<number>(db, 'failures')) ?? 0) + 1;
      const at = wallClock();
      const wait = Math.min(maxRetryMs, minRetryMs * 2 ** (failures - 1));
      await writeSyncState(db, { failures, error: { problem, at, retryAt: at + wait } });
    }
    const outcome = done ?? (await measured('status', () => status()));
    await shown.catch(() => undefined);
    return publish(outcome);
  }

  async function receive(
    remote: RemoteFolder,
    key: CryptoKey,
    device: string,
    clock: Clock,
    read: Progress,
  ) {
    const devices = await measured('list', () => listDevices(remote, device));
    // Only the rounds write progress, one at a time: what the round began with is current.
    let progress = read;
    // What was read is merged and counted as read in one transaction (which also keeps the
    // clock, moved past every stamp received).
    const merge = (step: string, versions: WireVersion[], read: Progress) => {
      connectedVersions = undefined;
      for (const version of versions) clock.receive(version.stamp);
      return measured(step, () =>
        applyVersions(db, versions, { progress: read }, { device, clock }),
      );
    };
    const needsSnapshot = (files: DeviceFiles) => {
      const read = progress[files.device];
      const newest = files.snapshots.at(-1);
      if (newest === undefined) return false;
      // Nothing read of the device yet: its snapshot holds what it had when it connected.
      if (read === undefined) return true;
      if (newest <= read) return false;
      const next = files.batches.find((sequence) => sequence > read);
      // The batches after what was read are gone (compacted into the snapshot), or never were.
      return next !== read + 1;
    };
    // One snapshot gives the state of every device it had read: take the fullest first.
    const reach = (files: DeviceFiles) => files.snapshots.at(-1) ?? 0;
    for (const files of [...devices].sort((a, b) => reach(b) - reach(a))) {
      if (!needsSnapshot(files)) continue;
      const covers = files.snapshots.at(-1)!;
      const path = filePath(files.device, 'snapshot', covers);
      const content = await measured('read-snapshot', () => readOpened(remote, key, path));
      const parsed = await measured('parse-snapshot', async () =>
        parseSnapshot(content, { device: files.device, sequence: covers }),
      );
      if (!parsed.ok) throw new FileTrouble(parsed.problem);
      const next: Progress = { ...progress };
      next[files.device] = Math.max(next[files.device] ?? 0, covers);
      for (const [other, read] of Object.entries(parsed.file.progress)) {
        if (other !== device) next[other] = Math.max(next[other] ?? 0, read);
      }
      await merge('apply-snapshot', parsed.file.versions, next);
      progress = next;
    }
    for (const files of devices) {
      for (const sequence of files.batches) {
        if (sequence <= (progress[files.device] ?? 0)) continue;
        // A gap: the batch was compacted away since the listing; the next round reads the snapshot.
        if (sequence !== (progress[files.device] ?? 0) + 1) break;
        const path = filePath(files.device, 'batch', sequence);
        const content = await measured('read-batch', () => readOpened(remote, key, path));
        if (content === undefined) break;
        const parsed = parseBatch(content, { device: files.device, sequence });
        if (!parsed.ok) throw new FileTrouble(parsed.problem);
        const next = { ...progress, [files.device]: sequence };
        await merge('apply-batch', parsed.file.versions, next);
        progress = next;
      }
    }
  }

  /** The round's outcome, and the status it leaves; the batches written are sent now. */
  async function finish(sent: readonly number[]): Promise<SyncStatus> {
    await db.syncState.delete('error');
    await writeSyncState(db, { syncedAt: wallClock(), failures: 0 });
    if (sent.length > 0) await db.outgoing.bulkDelete([...sent]);
    return status();
  }

  /**
   * What there is to send, read in one transaction; with nothing, the round ends in it. After a
   * merge of 100,000 records the pages read them all again, and every later turn at the
   * database waits behind those reads: one turn, taken at once, does not.
   */
  function sendPlan(isSealed: boolean) {
    return db.transaction('rw', db.syncState, db.journal, db.outgoing, async () => {
      const journaled = isSealed ? 0 : await db.journal.count();
      const [[nextBatch, covered = 0, isDue = false, progress = {}], sealed] = await Promise.all([
        readSyncStates<[number, number, boolean, Progress]>(
          db,
          'nextBatch',
          'snapshotCovers',
          'snapshotDue',
          'progress',
        ),
        outgoingBatches(db),
      ]);
      const lastBatch = (nextBatch ?? 1) - 1;
      const isSnapshotDue =
        isDue || lastBatch - covered >= (options.batchesPerSnapshot ?? batchesPerSnapshot);
      if (journaled === 0 && sealed.length === 0 && !isSnapshotDue) {
        return { done: await finish([]) };
      }
      return { journaled, lastBatch, isSnapshotDue, progress, sealed };
    });
  }

  async function send(
    remote: RemoteFolder,
    key: CryptoKey,
    device: string,
    clock: Clock,
  ): Promise<SyncStatus> {
    let plan = await measured('send-plan', () => sendPlan(false));
    if (plan.journaled) {
      await measured('send-seal', () => sealLocalChanges(db, device, clock));
      plan = await measured('send-plan', () => sendPlan(true));
    }
    if (plan.done) return plan.done;
    const { lastBatch, progress } = plan;
    let batches = plan.sealed;
    if (plan.isSnapshotDue) {
      // The snapshot holds every batch sealed so far, sent or not: those left unsent never
      // need to be, and a device that had read up to one of them reads the snapshot instead.
      // The first snapshot also goes before any batch: it alone holds what the device had
      // when it connected.
      const kept = connectedVersions;
      connectedVersions = undefined;
      const isUnchanged =
        kept?.device === device && lastBatch === 0 && (await db.journal.count()) === 0;
      const serialized = isUnchanged
        ? () => snapshotJsonParts(device, lastBatch, progress, kept.versions)
        : await measured('every-version', async () => {
            const versions = await everyVersion(db);
            return () => snapshotFileParts(device, lastBatch, progress, versions);
          });
      await measured('write-snapshot', () =>
        writeDeviceJson(remote, key, device, 'snapshot', lastBatch, serialized),
      );
      await dropOutgoing(db, lastBatch);
      await writeSyncState(db, { snapshotDue: false, snapshotCovers: lastBatch });
      await measured('compact', () => compact(remote, device, lastBatch));
      batches = batches.filter((batch) => batch.sequence > lastBatch);
    }
    const sent: number[] = [];
    for (const [i, batch] of batches.entries()) {
      // The same number and the same versions on every try: a write that timed out but
      // landed is written again with the same content, which changes nothing.
      await measured('write-batch', () =>
        writeDeviceFile(
          remote,
          key,
          device,
          'batch',
          batch.sequence,
          batchFile(device, batch.sequence, batch.versions),
        ),
      );
      // The last one is counted as sent with the round's end, in the same transaction.
      if (i < batches.length - 1) await measured('mark-sent', () => markSent(db, batch.sequence));
      else sent.push(batch.sequence);
    }
    return measured('finish', () =>
      db.transaction('rw', db.syncState, db.journal, db.outgoing, () => finish(sent)),
    );
  }

  /** Removes this device's files the new snapshot holds; another device reads the snapshot instead. */
  async function compact(remote: RemoteFolder, device: string, covers: number) {
    const own = await listDevice(remote, device);
    for (const sequence of own.batches.filter((n) => n <= covers)) {
      await remote.remove(filePath(device, 'batch', sequence));
    }
    for (const sequence of own.snapshots.filter((n) => n < covers)) {
      await remote.remove(filePath(device, 'snapshot', sequence));
    }
  }

  return { connect, disconnect, syncNow, isDue, status: () => status() };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

async function readOpened(remote: RemoteFolder, key: CryptoKey, path: string) {
  try {
    return await readDeviceFile(remote, key, path);
  } catch (error) {
    if (error instanceof DeviceFileError) {
      throw new FileTrouble(error.problem === 'unreadable' ? 'unreadable-file' : 'altered-file');
    }
    throw error;
  }
}

function problemOf(error: unknown): SyncProblem | undefined {
  if (error instanceof RemoteError) return error.problem;
  if (error instanceof FileTrouble) return error.problem;
  if (error instanceof ConnectError) return error.problem;
  return undefined;
}
