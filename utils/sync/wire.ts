/**
 * What a device's files hold once opened: a batch (the versions of one round of edits) or a
 * snapshot (every version the device holds, and how far it had read every other device).
 * A file opened with the key was written by a device of the viewer, but maybe by a newer or
 * broken build: every version is checked against the record rules before anything is merged.
 */
import * as v from 'valibot';
import {
  CardRecordSchema,
  DeckRecordSchema,
  NoteRecordSchema,
  VideoRecordSchema,
} from '../model/records';
import type { WireVersion, WireVersionJson } from '../store/sync-records';
import { isDeviceId, parseStamp } from './hlc';

export const fileVersion = 1;

const deviceId = v.pipe(v.string(), v.check(isDeviceId));
const sequence = v.pipe(v.number(), v.integer(), v.minValue(0));
const seen = v.record(deviceId, v.pipe(v.number(), v.integer(), v.minValue(1)));
const stamp = v.pipe(
  v.string(),
  v.check((text) => parseStamp(text) !== undefined),
);
const versionFields = { id: v.string(), stamp, seen, deleted: v.boolean() };

const VersionSchema = v.variant('table', [
  v.strictObject({ table: v.literal('notes'), ...versionFields, data: NoteRecordSchema }),
  v.strictObject({ table: v.literal('cards'), ...versionFields, data: CardRecordSchema }),
  v.strictObject({ table: v.literal('decks'), ...versionFields, data: DeckRecordSchema }),
  v.strictObject({
    table: v.literal('videos'),
    ...versionFields,
    data: v.nullable(VideoRecordSchema),
  }),
]);

const versions = v.pipe(
  v.array(VersionSchema),
  v.check((list) =>
    list.every((version) => {
      const data = version.data as { id?: string; key?: string; deleted?: boolean } | null;
      if (version.table === 'videos') {
        return data === null ? version.deleted : data.key === version.id && !version.deleted;
      }
      return data?.id === version.id && data.deleted === version.deleted;
    }),
  ),
);

const BatchSchema = v.strictObject({
  format: v.literal('cuecards-batch'),
  version: v.literal(fileVersion),
  device: deviceId,
  sequence,
  versions,
});

const SnapshotSchema = v.strictObject({
  format: v.literal('cuecards-snapshot'),
  version: v.literal(fileVersion),
  device: deviceId,
  /** The last of the device's own batches the snapshot holds. */
  covers: sequence,
  /** Of every other device, the last batch the snapshot holds. */
  progress: v.record(deviceId, sequence),
  versions,
});

export type BatchFile = Omit<v.InferOutput<typeof BatchSchema>, 'versions'> & {
  versions: WireVersion[];
};
export type SnapshotFile = Omit<v.InferOutput<typeof SnapshotSchema>, 'versions'> & {
  versions: WireVersion[];
};

export type FileProblem = 'newer-file' | 'unreadable-file';

export type Parsed<T> = { ok: true; file: T } | { ok: false; problem: FileProblem };

function parseFile<T>(
  schema: v.GenericSchema<unknown, unknown>,
  format: string,
  content: unknown,
  expected: { device: string; sequence: number },
  sequenceOf: (file: T) => number,
): Parsed<T> {
  const header = (content ?? {}) as { format?: unknown; version?: unknown };
  if (
    header.format === format &&
    typeof header.version === 'number' &&
    header.version > fileVersion
  ) {
    return { ok: false, problem: 'newer-file' };
  }
  const parsed = v.safeParse(schema, content);
  if (!parsed.success) return { ok: false, problem: 'unreadable-file' };
  const file = parsed.output as T & { device: string };
  // A file that opened at its path was sealed for that path; this is a second guard.
  if (file.device !== expected.device || sequenceOf(file) !== expected.sequence) {
    return { ok: false, problem: 'unreadable-file' };
  }
  return { ok: true, file };
}

export const parseBatch = (content: unknown, expected: { device: string; sequence: number }) =>
  parseFile<BatchFile>(BatchSchema, 'cuecards-batch', content, expected, (file) => file.sequence);

export const parseSnapshot = (content: unknown, expected: { device: string; sequence: number }) =>
  parseFile<SnapshotFile>(
    SnapshotSchema,
    'cuecards-snapshot',
    content,
    expected,
    (file) => file.covers,
  );

export const batchFile = (device: string, sequence: number, list: WireVersion[]): BatchFile => ({
  format: 'cuecards-batch',
  version: fileVersion,
  device,
  sequence,
  versions: list,
});

export const snapshotFile = (
  device: string,
  covers: number,
  progress: Record<string, number>,
  list: WireVersion[],
): SnapshotFile => ({
  format: 'cuecards-snapshot',
  version: fileVersion,
  device,
  covers,
  progress,
  versions: list,
});

/** Versions per part of a snapshot's text: about a megabyte at a time to the compressor. */
const versionsPerPart = 2_000;

/**
 * The JSON text of `snapshotFile` for versions that are JSON text already, in parts: the same
 * file once parsed, without a second serialization of every record or one string of it all.
 */
export function* snapshotJsonParts(
  device: string,
  covers: number,
  progress: Record<string, number>,
  list: readonly WireVersionJson[],
): Generator<string> {
  const { versions: _, ...header } = snapshotFile(device, covers, progress, []);
  yield `${JSON.stringify(header).slice(0, -1)},"versions":[`;
  for (let start = 0; start < list.length; start += versionsPerPart) {
    const part = list.slice(start, start + versionsPerPart).join(',');
    yield start === 0 ? part : `,${part}`;
  }
  yield ']}';
}

/** The JSON text of `snapshotFile`, in parts. */
export function snapshotFileParts(
  device: string,
  covers: number,
  progress: Record<string, number>,
  list: readonly WireVersion[],
): Generator<string> {
  return snapshotJsonParts(
    device,
    covers,
    progress,
    list.map((version) => JSON.stringify(version)),
  );
}
