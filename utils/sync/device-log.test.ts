import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApache, type WebDavServer } from '../../e2e/webdav-servers';
import { openAccount } from './account';
import {
  DeviceFileError,
  fileName,
  filePath,
  listDevices,
  parseFileName,
  readDeviceFile,
  unreadBatches,
  writeDeviceFile,
} from './device-log';
import { deriveKey, newKeyParameters } from './envelope';
import { connectRemote, type RemoteFolder } from './webdav';

let server: WebDavServer;
let remote: RemoteFolder;
let key: CryptoKey;
const passphrase = 'training montage in Wyoming';

beforeAll(async () => {
  server = await startApache();
  remote = connectRemote({ url: server.url, user: server.user, password: server.password });
  const quick = () => ({ ...newKeyParameters(), iterations: 100_000 });
  ({ key } = await openAccount(remote, passphrase, 'laptop', { newParameters: quick }));
  await openAccount(remote, passphrase, 'desktop');
}, 20_000);
afterAll(() => server?.stop());

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'read';
  } catch (error) {
    return error instanceof DeviceFileError ? error.problem : String(error);
  }
}

describe('device files on the server', () => {
  it('names files so that they sort by sequence and reads the names back', () => {
    expect(fileName('batch', 42)).toBe('batch-0000000042.ccs');
    expect(parseFileName('snapshot-0000000007.ccs')).toEqual({ kind: 'snapshot', sequence: 7 });
    expect(parseFileName('batch-42.ccs')).toBeUndefined();
    expect(parseFileName('notes.txt')).toBeUndefined();
  });

  it('reads back what it wrote, compressed and sealed: the server sees no note', async () => {
    const content = {
      changes: Array.from({ length: 200 }, (_, i) => `Survivor's Burning Heart ${i}`),
    };
    const size = await writeDeviceFile(remote, key, 'laptop', 'batch', 1, content);
    const onDisk = readFileSync(path.join(server.root, filePath('laptop', 'batch', 1)));
    expect(onDisk.byteLength).toBe(size);
    expect(size).toBeLessThan(JSON.stringify(content).length / 4);
    expect(onDisk.toString('latin1')).not.toContain('Burning');
    expect(await readDeviceFile(remote, key, filePath('laptop', 'batch', 1))).toEqual(content);
    expect(await readDeviceFile(remote, key, filePath('laptop', 'batch', 99))).toBeUndefined();
  });

  it('refuses a file moved to another place or number, and one altered on the server', async () => {
    await writeDeviceFile(remote, key, 'laptop', 'batch', 2, { changes: ['two'] });
    const disk = (sequence: number) =>
      path.join(server.root, filePath('laptop', 'batch', sequence));
    writeFileSync(disk(3), readFileSync(disk(2)));
    expect(await problemOf(readDeviceFile(remote, key, filePath('laptop', 'batch', 3)))).toBe(
      'altered',
    );
    const altered = readFileSync(disk(2));
    altered[altered.length - 1]! ^= 1;
    writeFileSync(disk(4), altered);
    writeFileSync(disk(2), altered);
    expect(await problemOf(readDeviceFile(remote, key, filePath('laptop', 'batch', 2)))).toBe(
      'altered',
    );
    writeFileSync(disk(5), 'a file some other tool left here');
    expect(await problemOf(readDeviceFile(remote, key, filePath('laptop', 'batch', 5)))).toBe(
      'not-ours',
    );
  });

  it('refuses a file sealed with another passphrase', async () => {
    const other = await deriveKey('another space entirely', {
      ...newKeyParameters(),
      iterations: 100_000,
    });
    await writeDeviceFile(remote, other, 'desktop', 'batch', 1, { changes: [] });
    expect(await problemOf(readDeviceFile(remote, key, filePath('desktop', 'batch', 1)))).toBe(
      'altered',
    );
  });

  it('lists each device’s batches and snapshots, and what is unread of the others', async () => {
    await writeDeviceFile(remote, key, 'desktop', 'batch', 2, { changes: [] });
    await writeDeviceFile(remote, key, 'desktop', 'snapshot', 2, { heads: [] });
    await remote.makeFolder('Cuecards/devices/Not A Device');
    await remote.write('Cuecards/devices/desktop/notes.txt', new Uint8Array([1]));
    const devices = await listDevices(remote);
    expect(devices.map(({ device }) => device)).toEqual(['desktop', 'laptop']);
    expect(devices[0]).toEqual({ device: 'desktop', batches: [1, 2], snapshots: [2] });
    // A round lists only the other devices' folders.
    expect(await listDevices(remote, 'laptop')).toEqual([devices[0]]);
    expect(unreadBatches(devices, { desktop: 1 }, 'laptop')).toEqual([
      { device: 'desktop', sequence: 2 },
    ]);
    // A device does not read its own batches back.
    expect(unreadBatches(devices, {}, 'desktop')).toEqual(
      devices[1]!.batches.map((sequence) => ({ device: 'laptop', sequence })),
    );
  });
});
