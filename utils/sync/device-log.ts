/**
 * Each device's files on the server: numbered batches of changes, appended and never
 * rewritten with other content, and now and then a snapshot of all it knows, so a new device
 * reads the state instead of the whole history. Only the device itself writes in its folder,
 * so no two devices ever write one file and no lock is needed. Every file is compressed, then
 * sealed at its own path.
 */
import { deviceFolder, devicesFolder } from './account';
import { EnvelopeError, open, seal } from './envelope';
import { isDeviceId } from './hlc';
import { measured } from './measure';
import type { RemoteFolder } from './webdav';

export type FileKind = 'batch' | 'snapshot';

const SEQUENCE_DIGITS = 10;
const FILE_PATTERN = /^(batch|snapshot)-(\d{10})\.ccs$/;
export const maxFileBytes = 64 * 1024 * 1024;

export const fileName = (kind: FileKind, sequence: number) =>
  `${kind}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}.ccs`;

export const filePath = (device: string, kind: FileKind, sequence: number) =>
  `${deviceFolder(device)}/${fileName(kind, sequence)}`;

export function parseFileName(name: string): { kind: FileKind; sequence: number } | undefined {
  const match = FILE_PATTERN.exec(name);
  return match ? { kind: match[1] as FileKind, sequence: Number(match[2]) } : undefined;
}

/** A file on the server that is not what it should be: altered, moved, or not ours. */
export class DeviceFileError extends Error {
  constructor(
    readonly path: string,
    readonly problem: 'altered' | 'not-ours' | 'unreadable',
  ) {
    super(`${problem}: ${path}`);
    this.name = 'DeviceFileError';
  }
}

async function throughStream(bytes: Uint8Array<ArrayBuffer>, stream: GenericTransformStream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/**
 * The gzip of the UTF-8 of `parts` joined, each part compressed as it comes: a snapshot of
 * 100,000 records is never one string nor one array of its bytes.
 */
async function compressedText(parts: Iterable<string>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new CompressionStream('gzip');
  const output = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  const encoder = new TextEncoder();
  for (const part of parts) {
    await writer.ready;
    // A failed write fails the close below, which is awaited.
    writer.write(encoder.encode(part)).catch(() => undefined);
  }
  await writer.close();
  return new Uint8Array(await output);
}

export function writeDeviceFile(
  remote: RemoteFolder,
  key: CryptoKey,
  device: string,
  kind: FileKind,
  sequence: number,
  content: unknown,
): Promise<number> {
  return writeDeviceJson(remote, key, device, kind, sequence, () => [JSON.stringify(content)]);
}

/** Writes a file whose content is the JSON text `serialized` makes, in parts. */
export async function writeDeviceJson(
  remote: RemoteFolder,
  key: CryptoKey,
  device: string,
  kind: FileKind,
  sequence: number,
  serialized: () => Iterable<string>,
): Promise<number> {
  const path = filePath(device, kind, sequence);
  const sealed = await measured('encode', async () => {
    // The text is made as the compressor takes it: one step.
    const compressed = await measured('stringify-compress', () => compressedText(serialized()));
    return measured('encrypt', () => seal(key, path, compressed));
  });
  await measured('put', () => remote.write(path, sealed));
  return sealed.byteLength;
}

export async function readDeviceFile(
  remote: RemoteFolder,
  key: CryptoKey,
  path: string,
): Promise<unknown | undefined> {
  const sealed = await measured('get', () => remote.read(path, maxFileBytes));
  if (!sealed) return undefined;
  let compressed: Uint8Array<ArrayBuffer>;
  try {
    compressed = await measured('decrypt', () => open(key, path, sealed));
  } catch (error) {
    if (error instanceof EnvelopeError) throw new DeviceFileError(path, error.problem);
    throw error;
  }
  try {
    // It opened, so it was sealed with the key: one that still does not read came from a
    // broken build, not from the server (which cannot make a file that opens).
    return await measured('decode', async () => {
      const json = await measured('decompress', () =>
        throughStream(compressed, new DecompressionStream('gzip')),
      );
      return measured('json-parse', async () =>
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)),
      );
    });
  } catch {
    throw new DeviceFileError(path, 'unreadable');
  }
}

export interface DeviceFiles {
  device: string;
  batches: number[];
  snapshots: number[];
}

/**
 * Every device's files but `except`'s, in order; a folder or file that is not a device's is
 * left alone. The devices' folders are listed at once: a round waits for one answer, not one
 * after the other.
 */
export async function listDevices(remote: RemoteFolder, except?: string): Promise<DeviceFiles[]> {
  const folders = (await remote.list(`${devicesFolder}/`)) ?? [];
  const devices = await Promise.all(
    folders
      .filter((folder) => folder.isFolder && isDeviceId(folder.name) && folder.name !== except)
      .map((folder) => listDevice(remote, folder.name)),
  );
  return devices.sort((a, b) => (a.device < b.device ? -1 : a.device > b.device ? 1 : 0));
}

/** One device's files, in order. */
export async function listDevice(remote: RemoteFolder, device: string): Promise<DeviceFiles> {
  const entries = (await remote.list(`${deviceFolder(device)}/`)) ?? [];
  const files: DeviceFiles = { device, batches: [], snapshots: [] };
  for (const entry of entries) {
    const parsed = entry.isFolder ? undefined : parseFileName(entry.name);
    if (parsed?.kind === 'batch') files.batches.push(parsed.sequence);
    if (parsed?.kind === 'snapshot') files.snapshots.push(parsed.sequence);
  }
  files.batches.sort((a, b) => a - b);
  files.snapshots.sort((a, b) => a - b);
  return files;
}

/** Of each device, the batches after the last one this device has read. */
export function unreadBatches(
  devices: readonly DeviceFiles[],
  seen: Readonly<Record<string, number>>,
  self: string,
): { device: string; sequence: number }[] {
  const unread: { device: string; sequence: number }[] = [];
  for (const { device, batches } of devices) {
    if (device === self) continue;
    for (const sequence of batches) {
      if (sequence > (seen[device] ?? 0)) unread.push({ device, sequence });
    }
  }
  return unread;
}
