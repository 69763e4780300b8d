import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../../e2e/fault-proxy';
import { startApache, type WebDavServer } from '../../e2e/webdav-servers';
import { uuidv7 } from '../model/ids';
import type { NoteInput } from '../model/records';
import { type CuecardsDatabase, openDatabase, putNote, setNoteDeleted } from '../store/database';
import { backupFile } from '../store/exports';
import { writeDeviceFile } from './device-log';
import { createSyncEngine, type EngineOptions } from './engine';
import { newKeyParameters } from './envelope';
import type { SyncStatus } from './status';
import { connectRemote } from './webdav';

const passphrase = 'drago must fall in Moscow';
const video = {
  key: 'yt:aaaaaaaaaaa',
  provider: 'youtube' as const,
  title: 'Training montage',
  url: 'https://www.youtube.com/watch?v=aaaaaaaaaaa',
};

let server: WebDavServer;
let proxy: FaultProxy;
beforeAll(async () => {
  server = await startApache();
  proxy = await startFaultProxy(server.url);
}, 20_000);
afterAll(async () => {
  await proxy?.stop();
  await server?.stop();
});

let spaces = 0;
/** A fresh sync space on the server for each test, so tests do not see each other's files. */
async function space() {
  spaces++;
  const folder = `space${spaces}/`;
  await connectRemote({ url: server.url, user: server.user, password: server.password }).makeFolder(
    folder.slice(0, -1),
  );
  return {
    address: `${server.url}${folder}`,
    proxied: `${proxy.url}${folder}`,
    devicesOnDisk: path.join(server.root, folder, 'Cuecards/devices'),
  };
}

let devices = 0;
function device(address: string, options: EngineOptions = {}) {
  devices++;
  const id = `device${devices}`;
  const db = openDatabase(`engine-test-${devices}`);
  const engine = createSyncEngine(db, {
    newDeviceId: () => id,
    newKeyParameters: () => ({ ...newKeyParameters(), iterations: 100_000 }),
    ...options,
  });
  const connect = (overrides: Partial<{ password: string; passphrase: string }> = {}) =>
    engine.connect({
      address,
      user: server.user,
      password: overrides.password ?? server.password,
      passphrase: overrides.passphrase ?? passphrase,
    });
  return { db, id, engine, connect };
}

const note = (text: string, at: number, id = uuidv7(at)): NoteInput => ({
  id,
  videoKey: video.key,
  t: 12,
  text,
  createdAt: at,
  updatedAt: at,
});

async function liveTexts(db: CuecardsDatabase) {
  const notes = await db.notes.toArray();
  return notes
    .filter((n) => !n.deleted)
    .map((n) => (n.conflictOf ? `copy:${n.text}` : n.text))
    .sort();
}

const idle = (status: SyncStatus) => {
  if (status.state === 'off') throw new Error('sync is off');
  return status;
};

describe('sync between devices through Apache mod_dav', () => {
  it('brings a note made on one device to another, and its edits and delete after it', async () => {
    const { address } = await space();
    const laptop = device(address);
    const desktop = device(address);
    const first = note('Drago lifts the truck', Date.now() - 10_000);
    await putNote(laptop.db, first, video);
    expect((await laptop.connect()).ok).toBe(true);
    expect(idle(await laptop.engine.syncNow()).error).toBeUndefined();
    expect((await desktop.connect()).ok).toBe(true);
    const joined = idle(await desktop.engine.syncNow());
    expect(joined.error).toBeUndefined();
    expect(await liveTexts(desktop.db)).toEqual(['Drago lifts the truck']);
    expect((await desktop.db.videos.get(video.key))?.title).toBe('Training montage');

    await putNote(desktop.db, { ...first, text: 'Rocky lifts the cart', updatedAt: Date.now() });
    expect(idle(await desktop.engine.status()).waiting).toBeGreaterThan(0);
    await desktop.engine.syncNow();
    expect(idle(await desktop.engine.status()).waiting).toBe(0);
    await laptop.engine.syncNow();
    expect(await liveTexts(laptop.db)).toEqual(['Rocky lifts the cart']);

    await setNoteDeleted(laptop.db, first.id, true, Date.now());
    await laptop.engine.syncNow();
    await desktop.engine.syncNow();
    expect(await liveTexts(desktop.db)).toEqual([]);
    expect((await desktop.db.notes.get(first.id))?.deleted).toBe(true);
  });

  it('sends an edit made between connecting and the first round, not the snapshot made while connecting', async () => {
    const { address } = await space();
    const laptop = device(address);
    const desktop = device(address);
    const first = note('Drago lifts the truck', Date.now() - 10_000);
    await putNote(laptop.db, first, video);
    expect((await laptop.connect()).ok).toBe(true);
    await putNote(laptop.db, { ...first, text: 'Rocky lifts the cart', updatedAt: Date.now() });
    await putNote(laptop.db, note('Rocky runs up the hill', Date.now()), video);
    expect(idle(await laptop.engine.syncNow()).error).toBeUndefined();
    expect((await desktop.connect()).ok).toBe(true);
    expect(idle(await desktop.engine.syncNow()).error).toBeUndefined();
    expect(await liveTexts(desktop.db)).toEqual(['Rocky lifts the cart', 'Rocky runs up the hill']);
  });

  it('keeps both sides of concurrent edits: one wins on every device, the other as a copy', async () => {
    const { address } = await space();
    const laptop = device(address);
    const desktop = device(address);
    const shared = note('Moscow, 1985', Date.now() - 60_000);
    await putNote(laptop.db, shared, video);
    await laptop.connect();
    await laptop.engine.syncNow();
    await desktop.connect();
    await desktop.engine.syncNow();

    await putNote(laptop.db, {
      ...shared,
      text: 'Filmed in Wyoming',
      updatedAt: Date.now() - 1_000,
    });
    await putNote(desktop.db, { ...shared, text: 'Filmed in Canada', updatedAt: Date.now() });
    await laptop.engine.syncNow();
    await desktop.engine.syncNow();
    await laptop.engine.syncNow();
    const onLaptop = await liveTexts(laptop.db);
    expect(onLaptop).toHaveLength(2);
    expect(onLaptop.filter((text) => text.startsWith('copy:'))).toHaveLength(1);
    expect(await liveTexts(desktop.db)).toEqual(onLaptop);
    const winner = await laptop.db.notes.get(shared.id);
    expect(await desktop.db.notes.get(shared.id)).toEqual(winner);

    // Deleting the copy resolves the conflict, on both.
    const copy = (await desktop.db.notes.toArray()).find((n) => n.conflictOf === shared.id)!;
    await setNoteDeleted(desktop.db, copy.id, true, Date.now());
    await desktop.engine.syncNow();
    await laptop.engine.syncNow();
    expect(await liveTexts(laptop.db)).toEqual([winner!.text]);
    expect(await liveTexts(desktop.db)).toEqual([winner!.text]);
  });

  it('lets an edit made without knowing of a delete survive it, with clocks an hour apart', async () => {
    const { address } = await space();
    const hour = 60 * 60 * 1000;
    const laptop = device(address, { wallClock: () => Date.now() + hour });
    const desktop = device(address);
    const shared = note('The sauna scene', Date.now() - 60_000);
    await putNote(laptop.db, shared, video);
    await laptop.connect();
    await laptop.engine.syncNow();
    await desktop.connect();
    await desktop.engine.syncNow();

    await setNoteDeleted(laptop.db, shared.id, true, Date.now());
    await putNote(desktop.db, {
      ...shared,
      text: 'The sauna scene, in the barn',
      updatedAt: Date.now(),
    });
    await desktop.engine.syncNow();
    await laptop.engine.syncNow();
    await desktop.engine.syncNow();
    expect(await liveTexts(laptop.db)).toEqual(['The sauna scene, in the barn']);
    expect(await liveTexts(desktop.db)).toEqual(['The sauna scene, in the barn']);

    // The device whose clock is behind can still edit the note the other one wrote last.
    await putNote(laptop.db, { ...shared, text: 'Barn and sauna', updatedAt: Date.now() + hour });
    await laptop.engine.syncNow();
    await desktop.engine.syncNow();
    expect(
      await putNote(desktop.db, { ...shared, text: 'Barn, sauna, snow', updatedAt: Date.now() }),
    ).toBe('written');
    await desktop.engine.syncNow();
    await laptop.engine.syncNow();
    expect(await liveTexts(laptop.db)).toEqual(['Barn, sauna, snow']);
  });

  it('tells a wrong passphrase and a wrong password apart, and keeps nothing of either', async () => {
    const { address } = await space();
    const laptop = device(address);
    await laptop.connect();
    const desktop = device(address);
    expect(await desktop.connect({ passphrase: 'not the passphrase' })).toEqual({
      ok: false,
      problem: 'wrong-passphrase',
    });
    expect(await desktop.connect({ password: 'wrong' })).toEqual({ ok: false, problem: 'refused' });
    expect(await desktop.engine.status()).toEqual({ state: 'off' });
    expect(await desktop.db.syncState.count()).toBe(0);
  });

  it('sends a batch whose answer was lost once, and the other device merges it once', async () => {
    const { address, proxied, devicesOnDisk } = await space();
    const laptop = device(proxied);
    const desktop = device(address);
    await laptop.connect();
    await laptop.engine.syncNow();
    await desktop.connect();
    await desktop.engine.syncNow();

    await putNote(laptop.db, note('Ivan Drago', Date.now()), video);
    // The batch lands on the server but its answer never comes back.
    proxy.decideWith((request) => (request.method === 'PUT' ? { kind: 'lost-answer' } : undefined));
    const failed = idle(await laptop.engine.syncNow());
    proxy.decideWith(undefined);
    expect(['timeout', 'offline']).toContain(failed.error?.problem);
    expect(failed.error!.retryAt).toBeGreaterThan(failed.error!.at);
    expect(failed.waiting).toBeGreaterThan(0);

    await desktop.engine.syncNow();
    const retried = idle(await laptop.engine.syncNow());
    expect(retried.error).toBeUndefined();
    expect(retried.waiting).toBe(0);
    await desktop.engine.syncNow();
    expect(await liveTexts(desktop.db)).toEqual(['Ivan Drago']);
    const files = readdirSync(path.join(devicesOnDisk, laptop.id));
    expect(files.filter((name) => name.startsWith('batch-'))).toHaveLength(1);
  }, 60_000);

  it('reports a file altered on the server and merges nothing from it', async () => {
    const { address, devicesOnDisk } = await space();
    const laptop = device(address);
    const desktop = device(address);
    await laptop.connect();
    await laptop.engine.syncNow();
    await desktop.connect();
    await desktop.engine.syncNow();
    await putNote(laptop.db, note('Apollo Creed', Date.now()), video);
    await laptop.engine.syncNow();
    const folder = path.join(devicesOnDisk, laptop.id);
    const batch = readdirSync(folder).find((name) => name.startsWith('batch-'))!;
    const bytes = readFileSync(path.join(folder, batch));
    bytes[bytes.length - 5]! ^= 0x01;
    writeFileSync(path.join(folder, batch), bytes);

    const status = idle(await desktop.engine.syncNow());
    expect(status.error?.problem).toBe('altered-file');
    expect(await liveTexts(desktop.db)).toEqual([]);
  });

  it('never puts the password or the key in a backup', async () => {
    const { address } = await space();
    const laptop = device(address);
    await putNote(laptop.db, note('Backed up', Date.now()), video);
    await laptop.connect();
    await laptop.engine.syncNow();
    const backup = String((await backupFile(laptop.db, new Date())).data);
    expect(backup).toContain('Backed up');
    expect(backup).not.toContain(server.password);
    expect(backup).not.toContain(address);
    expect(backup).not.toContain('syncState');
  });

  it('compacts its batches into a snapshot that late and lagging devices read instead', async () => {
    const { address, devicesOnDisk } = await space();
    const laptop = device(address, { batchesPerSnapshot: 3 });
    const lagging = device(address);
    await laptop.connect();
    await laptop.engine.syncNow();
    await lagging.connect();
    await putNote(laptop.db, note('Note 0', Date.now()), video);
    await laptop.engine.syncNow();
    await lagging.engine.syncNow();
    for (let i = 1; i <= 7; i++) {
      await putNote(laptop.db, note(`Note ${i}`, Date.now() + i), video);
      await laptop.engine.syncNow();
    }
    const files = readdirSync(path.join(devicesOnDisk, laptop.id)).sort();
    expect(files.filter((name) => name.startsWith('snapshot-'))).toHaveLength(1);
    expect(files.filter((name) => name.startsWith('batch-')).length).toBeLessThan(3);

    const late = device(address);
    await late.connect();
    await late.engine.syncNow();
    await lagging.engine.syncNow();
    await lagging.engine.syncNow();
    const all = Array.from({ length: 8 }, (_, i) => `Note ${i}`);
    expect(await liveTexts(late.db)).toEqual(all);
    expect(await liveTexts(lagging.db)).toEqual(all);
  });

  describe('a bad server or a bad file', () => {
    async function twoDevices() {
      const { address, proxied, devicesOnDisk } = await space();
      const laptop = device(address);
      const desktop = device(proxied);
      await putNote(laptop.db, note('Sent by the laptop', Date.now()), video);
      await laptop.connect();
      await laptop.engine.syncNow();
      await desktop.connect();
      await desktop.engine.syncNow();
      await putNote(laptop.db, note('A second note', Date.now()), video);
      await laptop.engine.syncNow();
      return { laptop, desktop, devicesOnDisk, address };
    }

    const rows = async (db: CuecardsDatabase) => ({
      notes: await db.notes.toArray(),
      videos: await db.videos.toArray(),
      heads: await db.heads.toArray(),
    });

    it('says so for a listing that is not WebDAV, and writes nothing', async () => {
      const { desktop } = await twoDevices();
      const before = await rows(desktop.db);
      proxy.decideWith((request) =>
        request.method === 'PROPFIND' ? { kind: 'garbage' } : undefined,
      );
      const status = idle(await desktop.engine.syncNow());
      proxy.decideWith(undefined);
      expect(status.error?.problem).toBe('not-webdav');
      expect(await rows(desktop.db)).toEqual(before);
    });

    it('says so for a file far larger than any the devices write, and writes nothing', async () => {
      const { desktop } = await twoDevices();
      const before = await rows(desktop.db);
      proxy.decideWith((request) =>
        request.method === 'GET' ? { kind: 'huge', bytes: 80 * 1024 * 1024 } : undefined,
      );
      const status = idle(await desktop.engine.syncNow());
      proxy.decideWith(undefined);
      expect(status.error?.problem).toBe('too-large');
      expect(await rows(desktop.db)).toEqual(before);
    }, 60_000);

    it('says so for a file of a newer format, and merges nothing from it', async () => {
      const { laptop, desktop, address } = await twoDevices();
      const before = await rows(desktop.db);
      const { key } = (await laptop.db.syncState.get('account'))!.value as { key: CryptoKey };
      const next = (await laptop.db.syncState.get('nextBatch'))!.value as number;
      const remote = connectRemote({ url: address, user: server.user, password: server.password });
      await writeDeviceFile(remote, key, laptop.id, 'batch', next, {
        format: 'cuecards-batch',
        version: 2,
        device: laptop.id,
        sequence: next,
        changes: [],
      });
      // The batch with the second note is merged; the next one is not understood and stops there.
      const status = idle(await desktop.engine.syncNow());
      expect(status.error?.problem).toBe('newer-file');
      expect((await desktop.db.notes.toArray()).map((n) => n.text).sort()).toEqual([
        'A second note',
        'Sent by the laptop',
      ]);
      expect(before.notes).toHaveLength(1);
    });
  });

  it('stops syncing on disconnect and keeps every note', async () => {
    const { address } = await space();
    const laptop = device(address);
    await putNote(laptop.db, note('Keep me', Date.now()), video);
    await laptop.connect();
    await laptop.engine.syncNow();
    expect(await laptop.engine.disconnect()).toEqual({ state: 'off' });
    expect(await liveTexts(laptop.db)).toEqual(['Keep me']);
    expect(await laptop.engine.isDue()).toBe(false);
  });
});
