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
  sealLocalChanges,
  versionEverything,
  type WireVersion,
  waitingCount,
  writeSyncState,
} from '../store/sync-records';
import { ConnectError, openAccount } from './account';
import {
  DeviceFileError,
  type DeviceFiles,
  filePath,
  listDevices,
  readDeviceFile,
  writeDeviceFile,
} from './device-log';
import type { KeyParameters } from './envelope';
import { type Clock, createClock } from './hlc';
import { measured } from './measure';
import type { SyncConnection, SyncProblem, SyncStatus } from './status';
import { connectRemote, isAcceptedAddress, RemoteError, type RemoteFolder } from './webdav';
import { batchFile, type FileProblem, parseBatch, parseSnapshot, snapshotFile } from './wire';

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

  async function publish(status: SyncStatus) {
    await options.publish?.(status);
    return status;
  }

  async function status(state: 'idle' | 'syncing' = 'idle'): Promise<SyncStatus> {
    const account = await readSyncState<AccountState>(db, 'account');
    if (!account) return { state: 'off' };
    const [syncedAt, error, waiting] = await Promise.all([
      readSyncState<number>(db, 'syncedAt'),
      readSyncState<NonNullable<Extract<SyncStatus, { state: 'idle' }>['error']>>(db, 'error'),
      waitingCount(db),
    ]);
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
    const held = await measured('version-everything', () => versionEverything(db, device, clock));
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
      snapshotDue: held > 0,
      snapshotCovers: 0,
    });
    return { ok: true, status: await publish(await status('syncing')) };
  }

  async function disconnect(): Promise<SyncStatus> {
    await running;
    await forgetSync(db);
    return publish({ state: 'off' });
  }

  /** One round, or the one already running (then one more after it, for what came since). */
  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: SyncStatus;
      do {
        again = false;
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
    const account = await readSyncState<AccountState>(db, 'account');
    const device = await readSyncState<string>(db, 'device');
    if (!account || !device) return publish({ state: 'off' });
    await publish(await status('syncing'));
    const clock = createClock(device, {
      wallClock,
      last: await readSyncState<string>(db, 'clock'),
    });
    const remote = remoteFor(account);
    try {
      // Local changes become versions first: what arrives is then merged with them, not over them.
      await measured('seal', () => sealLocalChanges(db, device, clock));
      await receive(remote, account.key, device, clock);
      await send(remote, account.key, device, clock);
      await db.syncState.delete('error');
      await writeSyncState(db, { syncedAt: wallClock(), failures: 0 });
    } catch (error) {
      const problem = problemOf(error);
      if (!problem) {
        await publish(await status());
        throw error;
      }
      const failures = ((await readSyncState<number>(db, 'failures')) ?? 0) + 1;
      const at = wallClock();
      const wait = Math.min(maxRetryMs, minRetryMs * 2 ** (failures - 1));
      await writeSyncState(db, { failures, error: { problem, at, retryAt: at + wait } });
    }
    return publish(await status());
  }

  async function receive(remote: RemoteFolder, key: CryptoKey, device: string, clock: Clock) {
    const devices = (await measured('list', () => listDevices(remote))).filter(
      (files) => files.device !== device,
    );
    let progress = (await readSyncState<Progress>(db, 'progress')) ?? {};
    // What was read is merged and counted as read in one transaction (which also keeps the
    // clock, moved past every stamp received).
    const merge = (step: string, versions: WireVersion[], read: Progress) => {
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

  async function send(remote: RemoteFolder, key: CryptoKey, device: string, clock: Clock) {
    await sealLocalChanges(db, device, clock);
    const lastBatch = ((await readSyncState<number>(db, 'nextBatch')) ?? 1) - 1;
    const covered = (await readSyncState<number>(db, 'snapshotCovers')) ?? 0;
    const isDue = (await readSyncState<boolean>(db, 'snapshotDue')) ?? false;
    if (isDue || lastBatch - covered >= (options.batchesPerSnapshot ?? batchesPerSnapshot)) {
      // The snapshot holds every batch sealed so far, sent or not: those left unsent never
      // need to be, and a device that had read up to one of them reads the snapshot instead.
      // The first snapshot also goes before any batch: it alone holds what the device had
      // when it connected.
      const progress = (await readSyncState<Progress>(db, 'progress')) ?? {};
      const versions = await measured('every-version', () => everyVersion(db));
      await measured('write-snapshot', () =>
        writeDeviceFile(
          remote,
          key,
          device,
          'snapshot',
          lastBatch,
          snapshotFile(device, lastBatch, progress, versions),
        ),
      );
      await dropOutgoing(db, lastBatch);
      await writeSyncState(db, { snapshotDue: false, snapshotCovers: lastBatch });
      await measured('compact', () => compact(remote, device, lastBatch));
    }
    for (const batch of await outgoingBatches(db)) {
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
      await markSent(db, batch.sequence);
    }
  }

  /** Removes this device's files the new snapshot holds; another device reads the snapshot instead. */
  async function compact(remote: RemoteFolder, device: string, covers: number) {
    const own = (await listDevices(remote)).find((files) => files.device === device);
    if (!own) return;
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
